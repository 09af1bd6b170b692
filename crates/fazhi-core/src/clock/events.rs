//! Dated procedure events — the input of the deadline engine — and their
//! validation into the facts the rules need.
//!
//! The procedure engine keeps an append-only history per case; it hands the clock
//! the dated events of that history. The order of the slice does not matter; the
//! events are checked for consistency (a correction received before it was
//! requested, a pause ending before it started, an extension without approval …)
//! and refused with a Chinese message.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::error::ClockError;
use super::rules::{PauseKind, ProcedureKind, Step};

/// One dated event of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureEvent {
    pub date: NaiveDate,
    /// The time of day, where a rule counts hours from the event (12345).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub kind: EventKind,
}

impl ProcedureEvent {
    /// An event on a day.
    pub fn new(date: NaiveDate, kind: EventKind) -> Self {
        ProcedureEvent { date, time: None, kind }
    }

    /// An event at a moment of a day.
    pub fn at(at: NaiveDateTime, kind: EventKind) -> Self {
        ProcedureEvent { date: at.date(), time: Some(at.time()), kind }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    /// The request / application / complaint copy was received (政府信息公开条例 Art.
    /// 31 defines the date of receipt of a disclosure request).
    Received,
    /// The agency sent a correction notice (补正通知).
    CorrectionRequested,
    /// The corrected request / correction material was received.
    CorrectionReceived,
    /// A period not counted started (consultation letter sent, 中止 decided …).
    PauseStarted { pause: PauseKind },
    /// That period ended (reply received, case resumed …).
    PauseEnded { pause: PauseKind },
    /// An extension of `step`'s period by `days` units was approved by `approved_by`.
    ExtensionGranted { step: Step, days: u32, approved_by: String },
    /// The reconsideration application was accepted (受理).
    Accepted,
    /// The simplified procedure applies (行政复议法 Art. 53).
    SimplifiedProcedure,
    /// A simplified case was switched to the ordinary procedure (行政复议法 Art. 55).
    SwitchedToOrdinary,
    /// The respondent received the copy of the application (行政复议法 Art. 48).
    CopyServed,
    /// The agency received a first-instance judgment (`ruling`: a ruling, 裁定)
    /// that can be appealed (行政诉讼法 Art. 85). A later one replaces it (after a
    /// remand, 发回重审).
    JudgmentServed {
        #[serde(default)]
        ruling: bool,
    },
    /// The agency received the other party's appeal petition.
    AppealServed,
}

impl EventKind {
    /// Chinese name of the event, for messages.
    pub fn zh(&self) -> String {
        match self {
            EventKind::Received => "收到申请".into(),
            EventKind::CorrectionRequested => "发出补正通知".into(),
            EventKind::CorrectionReceived => "收到补正材料".into(),
            EventKind::PauseStarted { pause } => format!("{}开始", pause.zh()),
            EventKind::PauseEnded { pause } => format!("{}结束", pause.zh()),
            EventKind::ExtensionGranted { .. } => "批准延长期限".into(),
            EventKind::Accepted => "受理".into(),
            EventKind::SimplifiedProcedure => "适用简易程序".into(),
            EventKind::SwitchedToOrdinary => "转为普通程序".into(),
            EventKind::CopyServed => "被申请人收到申请书副本".into(),
            EventKind::JudgmentServed { ruling: false } => "收到一审判决书".into(),
            EventKind::JudgmentServed { ruling: true } => "收到一审裁定书".into(),
            EventKind::AppealServed => "收到上诉状副本".into(),
        }
    }
}

/// A pause as recorded: `end` is `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedPause {
    pub kind: PauseKind,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// An approved extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedExtension {
    pub step: Step,
    pub date: NaiveDate,
    pub days: u32,
    pub approved_by: String,
}

/// The validated facts of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub kind: ProcedureKind,
    pub received: NaiveDate,
    /// The time of receipt, when recorded (periods in hours count from it).
    pub received_at: Option<NaiveTime>,
    pub correction_requested: Option<NaiveDate>,
    pub correction_received: Option<NaiveDate>,
    pub accepted: Option<NaiveDate>,
    pub copy_served: Option<NaiveDate>,
    /// The simplified procedure applies (and was not switched to ordinary).
    pub simplified: bool,
    /// The latest appealable judgment received, and whether it is a ruling.
    pub judgment_served: Option<(NaiveDate, bool)>,
    /// The latest appeal petition of the other party received.
    pub appeal_served: Option<NaiveDate>,
    pub pauses: Vec<RecordedPause>,
    pub extensions: Vec<RecordedExtension>,
}

fn once(slot: &mut Option<NaiveDate>, date: NaiveDate, what: &str) -> Result<(), ClockError> {
    if let Some(prev) = slot {
        return Err(ClockError::input(format!("「{what}」只能有一次，却出现了两次（{prev}和{date}）")));
    }
    *slot = Some(date);
    Ok(())
}

fn allowed(kind: ProcedureKind, event: &EventKind) -> bool {
    use EventKind::*;
    use ProcedureKind::*;
    match (kind, event) {
        (_, Received) => true,
        (Disclosure | Reconsideration, CorrectionRequested | CorrectionReceived) => true,
        // Which pause kinds matter depends on the rule set; the engine checks that.
        (_, PauseStarted { .. } | PauseEnded { .. }) => true,
        (Disclosure, ExtensionGranted { step, .. }) => *step == Step::Reply,
        (Reconsideration, ExtensionGranted { step, .. }) => *step == Step::Decision,
        (Reconsideration, Accepted | SimplifiedProcedure | SwitchedToOrdinary | CopyServed) => true,
        (Litigation, JudgmentServed { .. } | AppealServed) => true,
        _ => false,
    }
}

impl Facts {
    /// Validates the events of a case of `kind`.
    pub fn from_events(kind: ProcedureKind, events: &[ProcedureEvent]) -> Result<Facts, ClockError> {
        let mut received = None;
        let mut received_at = None;
        let mut correction_requested = None;
        let mut correction_received = None;
        let mut accepted = None;
        let mut copy_served = None;
        let mut simplified = None;
        let mut switched = None;
        let mut pause_events: Vec<(NaiveDate, bool, PauseKind)> = Vec::new();
        let mut extensions = Vec::new();
        let mut judgment_served: Option<(NaiveDate, bool)> = None;
        let mut appeal_served: Option<NaiveDate> = None;
        for e in events {
            if !allowed(kind, &e.kind) {
                return Err(ClockError::input(format!(
                    "事件「{}」（{}）不适用于{}程序",
                    e.kind.zh(),
                    e.date,
                    kind.zh()
                )));
            }
            match &e.kind {
                EventKind::Received => {
                    once(&mut received, e.date, "收到申请")?;
                    received_at = e.time;
                }
                EventKind::CorrectionRequested => {
                    // 政府信息公开条例 Art. 30, 行政复议法 Art. 31: one all-in-one notice.
                    if correction_requested.is_some() {
                        return Err(ClockError::input("补正通知应当一次性告知需要补正的全部事项，不能发出两次"));
                    }
                    correction_requested = Some(e.date);
                }
                EventKind::CorrectionReceived => once(&mut correction_received, e.date, "收到补正材料")?,
                EventKind::Accepted => once(&mut accepted, e.date, "受理")?,
                EventKind::CopyServed => once(&mut copy_served, e.date, "被申请人收到申请书副本")?,
                EventKind::SimplifiedProcedure => once(&mut simplified, e.date, "适用简易程序")?,
                EventKind::SwitchedToOrdinary => once(&mut switched, e.date, "转为普通程序")?,
                EventKind::JudgmentServed { ruling } => {
                    if judgment_served.is_none_or(|(d, _)| d <= e.date) {
                        judgment_served = Some((e.date, *ruling));
                    }
                }
                EventKind::AppealServed => {
                    if appeal_served.is_none_or(|d| d <= e.date) {
                        appeal_served = Some(e.date);
                    }
                }
                EventKind::PauseStarted { pause } => pause_events.push((e.date, true, *pause)),
                EventKind::PauseEnded { pause } => pause_events.push((e.date, false, *pause)),
                EventKind::ExtensionGranted { step, days, approved_by } => {
                    if *days == 0 {
                        return Err(ClockError::input(format!("{}批准的延长天数为0，请填写延长的天数", e.date)));
                    }
                    extensions.push(RecordedExtension {
                        step: *step,
                        date: e.date,
                        days: *days,
                        approved_by: approved_by.trim().to_string(),
                    });
                }
            }
        }
        let received = received.ok_or_else(|| {
            ClockError::input("缺少收到日期：期限自收到申请（或起诉状副本）之日起算，请先填写收到日期")
        })?;
        let not_before = |date: Option<NaiveDate>, after: NaiveDate, what: &str, base: &str| match date {
            Some(d) if d < after => Err(ClockError::input(format!("{what}日期{d}早于{base}日期{after}，请核对"))),
            _ => Ok(()),
        };
        not_before(correction_requested, received, "发出补正通知", "收到申请")?;
        if let (None, Some(d)) = (correction_requested, correction_received) {
            return Err(ClockError::input(format!("录入了收到补正材料的日期{d}，却没有发出补正通知的日期")));
        }
        if let Some(req) = correction_requested {
            not_before(correction_received, req, "收到补正材料", "发出补正通知")?;
        }
        not_before(accepted, received, "受理", "收到申请")?;
        if let Some(c) = correction_received {
            not_before(accepted, c, "受理", "收到补正材料")?;
        }
        if let (Some(_), None) = (correction_requested, correction_received) {
            if let Some(a) = accepted {
                return Err(ClockError::input(format!("已发出补正通知但尚未收到补正材料，不能在{a}受理")));
            }
        }
        if copy_served.is_some() && accepted.is_none() {
            return Err(ClockError::input("录入了被申请人收到申请书副本的日期，却没有受理日期"));
        }
        if let Some(a) = accepted {
            not_before(copy_served, a, "被申请人收到申请书副本", "受理")?;
        }
        if switched.is_some() && simplified.is_none() {
            return Err(ClockError::input("只有适用简易程序的案件才能转为普通程序"));
        }
        for ext in &extensions {
            if ext.date < received {
                return Err(ClockError::input(format!("批准延长的日期{}早于收到申请日期{received}，请核对", ext.date)));
            }
        }
        not_before(judgment_served.map(|(d, _)| d), received, "收到判决书（裁定书）", "收到起诉状副本")?;
        not_before(appeal_served, received, "收到上诉状副本", "收到起诉状副本")?;
        let pauses = pair_pauses(received, pause_events)?;
        Ok(Facts {
            kind,
            received,
            received_at,
            correction_requested,
            correction_received,
            accepted,
            copy_served,
            simplified: simplified.is_some() && switched.is_none(),
            judgment_served,
            appeal_served,
            pauses,
            extensions,
        })
    }
}

/// Refuses events dated after `today` (a receipt date in the future, …).
pub fn check_not_in_future(events: &[ProcedureEvent], today: NaiveDate) -> Result<(), ClockError> {
    match events.iter().find(|e| e.date > today) {
        Some(e) => Err(ClockError::input(format!(
            "「{}」的日期{}晚于今天（{today}），不能录入将来的日期",
            e.kind.zh(),
            e.date
        ))),
        None => Ok(()),
    }
}

/// Pairs start and end events per pause kind, in date order.
fn pair_pauses(
    received: NaiveDate,
    mut events: Vec<(NaiveDate, bool, PauseKind)>,
) -> Result<Vec<RecordedPause>, ClockError> {
    // Starts before ends on the same day, so that a one-day pause pairs up.
    events.sort_by_key(|(d, is_start, _)| (*d, !*is_start));
    let mut open: Vec<RecordedPause> = Vec::new();
    let mut done = Vec::new();
    for (date, is_start, kind) in events {
        if date < received {
            return Err(ClockError::input(format!("{}的日期{date}早于收到申请日期{received}，请核对", kind.zh())));
        }
        let pos = open.iter().position(|p| p.kind == kind);
        match (is_start, pos) {
            (true, None) => open.push(RecordedPause { kind, start: date, end: None }),
            (true, Some(i)) => {
                return Err(ClockError::input(format!(
                    "{}已于{}开始、尚未结束，不能在{date}再次开始",
                    kind.zh(),
                    open[i].start
                )))
            }
            (false, Some(i)) => {
                let mut p = open.remove(i);
                p.end = Some(date);
                done.push(p);
            }
            (false, None) => {
                return Err(ClockError::input(format!("{date}录入了{}结束，却没有对应的开始日期", kind.zh())))
            }
        }
    }
    done.extend(open);
    done.sort_by_key(|p| p.start);
    Ok(done)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ev(date: &str, kind: EventKind) -> ProcedureEvent {
        ProcedureEvent::new(d(date), kind)
    }

    fn err(kind: ProcedureKind, events: &[ProcedureEvent]) -> String {
        Facts::from_events(kind, events).unwrap_err().to_string()
    }

    #[test]
    fn bad_event_sequences_are_refused_in_chinese() {
        use EventKind::*;
        use ProcedureKind::*;
        assert!(err(Disclosure, &[]).contains("缺少收到日期"));
        let e = err(Disclosure, &[ev("2024-03-01", Received), ev("2024-02-01", CorrectionRequested)]);
        assert!(e.contains("发出补正通知日期2024-02-01早于收到申请日期2024-03-01"), "{e}");
        let e = err(
            Disclosure,
            &[ev("2024-03-01", Received), ev("2024-03-02", CorrectionRequested), ev("2024-03-03", CorrectionRequested)],
        );
        assert!(e.contains("一次性"), "{e}");
        let e = err(Disclosure, &[ev("2024-03-01", Received), ev("2024-03-02", Accepted)]);
        assert!(e.contains("不适用于依申请公开"), "{e}");
        let e = err(
            Disclosure,
            &[ev("2024-03-01", Received), ev("2024-03-05", PauseEnded { pause: PauseKind::Consultation })],
        );
        assert!(e.contains("没有对应的开始日期"), "{e}");
        let e = err(Reconsideration, &[ev("2024-03-01", Received), ev("2024-03-02", CopyServed)]);
        assert!(e.contains("没有受理日期"), "{e}");
        let e = err(Reconsideration, &[ev("2024-03-01", Received), ev("2024-03-02", SwitchedToOrdinary)]);
        assert!(e.contains("简易程序"), "{e}");
    }

    #[test]
    fn events_round_trip_through_json() {
        let events = vec![
            ev("2024-03-01", EventKind::Received),
            ev("2024-03-02", EventKind::PauseStarted { pause: PauseKind::Consultation }),
            ev("2024-03-05", EventKind::ExtensionGranted { step: Step::Reply, days: 10, approved_by: "李四".into() }),
        ];
        let json = serde_json::to_string(&events).unwrap();
        assert!(json.contains(r#"{"date":"2024-03-01","kind":{"type":"received"}}"#), "{json}");
        assert!(json.contains(r#""kind":{"type":"pause_started","pause":"consultation"}"#), "{json}");
        let back: Vec<ProcedureEvent> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, events);
    }

    #[test]
    fn future_events_are_refused() {
        let events = [ev("2026-11-20", EventKind::Received), ev("2026-11-23", EventKind::Accepted)];
        assert!(check_not_in_future(&events, d("2026-11-23")).is_ok());
        let e = check_not_in_future(&events, d("2026-11-22")).unwrap_err().to_string();
        assert_eq!(e, "「受理」的日期2026-11-23晚于今天（2026-11-22），不能录入将来的日期");
    }

    #[test]
    fn pauses_pair_by_kind_and_may_stay_open() {
        use EventKind::*;
        let f = Facts::from_events(
            ProcedureKind::Disclosure,
            &[
                ev("2024-03-01", Received),
                ev("2024-03-10", PauseStarted { pause: PauseKind::FeePayment }),
                ev("2024-03-04", PauseEnded { pause: PauseKind::Consultation }),
                ev("2024-03-02", PauseStarted { pause: PauseKind::Consultation }),
            ],
        )
        .unwrap();
        assert_eq!(f.pauses.len(), 2);
        assert_eq!(f.pauses[0].end, Some(d("2024-03-04")));
        assert_eq!(f.pauses[1].end, None);
    }
}
