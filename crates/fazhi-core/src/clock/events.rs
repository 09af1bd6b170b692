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
use super::procedure::{Mark, ProcedureKind, Step};
use super::rules::PauseKind;

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
///
/// Stored in case states as `{"type": "..."}` (with the fields of the variant); a
/// kind's own mark is stored as `{"type": "<code>"}`, so the stored form of the
/// marks that were enum variants before the kinds owned them is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// One of the kind's own dated events (受理, 送达 …).
    Mark(Mark),
}

/// The stored shape of an [`EventKind`].
#[derive(Serialize, Deserialize)]
struct StoredEvent<'a> {
    #[serde(rename = "type")]
    ty: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pause: Option<PauseKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<Step>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved_by: Option<String>,
    /// Before the kinds owned their marks, a ruling was `judgment_served` with
    /// `ruling: true`; it reads as the `ruling_served` mark.
    #[serde(default, skip_serializing)]
    ruling: bool,
}

impl Serialize for EventKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut e =
            StoredEvent { ty: "".into(), pause: None, step: None, days: None, approved_by: None, ruling: false };
        e.ty = match self {
            EventKind::Received => "received".into(),
            EventKind::CorrectionRequested => "correction_requested".into(),
            EventKind::CorrectionReceived => "correction_received".into(),
            EventKind::PauseStarted { pause } => {
                e.pause = Some(*pause);
                "pause_started".into()
            }
            EventKind::PauseEnded { pause } => {
                e.pause = Some(*pause);
                "pause_ended".into()
            }
            EventKind::ExtensionGranted { step, days, approved_by } => {
                e.step = Some(*step);
                e.days = Some(*days);
                e.approved_by = Some(approved_by.clone());
                "extension_granted".into()
            }
            EventKind::Mark(m) => m.code().into(),
        };
        e.serialize(s)
    }
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let e = StoredEvent::deserialize(d)?;
        let missing = |field: &str| D::Error::custom(format!("event `{}` lacks `{field}`", e.ty));
        Ok(match e.ty.as_ref() {
            "received" => EventKind::Received,
            "correction_requested" => EventKind::CorrectionRequested,
            "correction_received" => EventKind::CorrectionReceived,
            "pause_started" => EventKind::PauseStarted { pause: e.pause.ok_or_else(|| missing("pause"))? },
            "pause_ended" => EventKind::PauseEnded { pause: e.pause.ok_or_else(|| missing("pause"))? },
            "extension_granted" => EventKind::ExtensionGranted {
                step: e.step.ok_or_else(|| missing("step"))?,
                days: e.days.ok_or_else(|| missing("days"))?,
                approved_by: e.approved_by.clone().unwrap_or_default(),
            },
            code => {
                let code = if code == "judgment_served" && e.ruling { "ruling_served" } else { code };
                EventKind::Mark(Mark::parse(code).ok_or_else(|| D::Error::custom(format!("unknown event `{code}`")))?)
            }
        })
    }
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
            EventKind::Mark(m) => m.zh().into(),
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
    /// The kind's own dated events, in the order recorded.
    pub marks: Vec<(Mark, NaiveDate)>,
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

/// Refuses `date` if it is before `base` (`what` and `base_zh` name them).
pub fn not_before(date: Option<NaiveDate>, base: NaiveDate, what: &str, base_zh: &str) -> Result<(), ClockError> {
    match date {
        Some(d) if d < base => Err(ClockError::input(format!("{what}日期{d}早于{base_zh}日期{base}，请核对"))),
        _ => Ok(()),
    }
}

fn allowed(kind: ProcedureKind, event: &EventKind) -> bool {
    match event {
        EventKind::Received => true,
        EventKind::CorrectionRequested | EventKind::CorrectionReceived => kind.def().correction_notice.is_some(),
        // Which pause kinds matter depends on the rule set; the engine checks that.
        EventKind::PauseStarted { .. } | EventKind::PauseEnded { .. } => true,
        EventKind::ExtensionGranted { step, .. } => kind.extendable().any(|s| s == *step),
        EventKind::Mark(m) => kind.mark(m.code()).is_some(),
    }
}

impl Facts {
    /// The latest date of `mark` (of two on one day, the one recorded last).
    pub fn date(&self, mark: Mark) -> Option<NaiveDate> {
        self.latest_of(&[mark]).map(|(_, d)| d)
    }

    /// Of `marks`, the one that happened last, with its date.
    pub fn latest_of(&self, marks: &[Mark]) -> Option<(Mark, NaiveDate)> {
        self.marks.iter().filter(|(m, _)| marks.contains(m)).copied().fold(None, |acc, (m, d)| match acc {
            Some((_, best)) if best > d => acc,
            _ => Some((m, d)),
        })
    }

    /// Whether `mark` was recorded.
    pub fn has(&self, mark: Mark) -> bool {
        self.marks.iter().any(|(m, _)| *m == mark)
    }

    /// Validates the events of a case of `kind`: the generic checks (one receipt,
    /// one correction notice, dates in order, pauses paired, marks the kind
    /// declares) and then the kind's own ([`ClockDef::validate`](super::ClockDef)).
    pub fn from_events(kind: ProcedureKind, events: &[ProcedureEvent]) -> Result<Facts, ClockError> {
        let mut received = None;
        let mut received_at = None;
        let mut correction_requested = None;
        let mut correction_received = None;
        let mut marks: Vec<(Mark, NaiveDate)> = Vec::new();
        let mut pause_events: Vec<(NaiveDate, bool, PauseKind)> = Vec::new();
        let mut extensions = Vec::new();
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
                EventKind::Mark(m) => {
                    if m.once() {
                        if let Some((_, prev)) = marks.iter().find(|(x, _)| x == m) {
                            return Err(ClockError::input(format!(
                                "「{}」只能有一次，却出现了两次（{prev}和{}）",
                                m.zh(),
                                e.date
                            )));
                        }
                    }
                    marks.push((*m, e.date));
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
        not_before(correction_requested, received, "发出补正通知", "收到申请")?;
        if let (None, Some(d)) = (correction_requested, correction_received) {
            return Err(ClockError::input(format!("录入了收到补正材料的日期{d}，却没有发出补正通知的日期")));
        }
        if let Some(req) = correction_requested {
            not_before(correction_received, req, "收到补正材料", "发出补正通知")?;
        }
        for ext in &extensions {
            if ext.date < received {
                return Err(ClockError::input(format!("批准延长的日期{}早于收到申请日期{received}，请核对", ext.date)));
            }
        }
        for (m, date) in &marks {
            not_before(Some(*date), received, m.zh(), kind.def().received_zh)?;
        }
        let pauses = pair_pauses(received, pause_events)?;
        let facts =
            Facts { kind, received, received_at, correction_requested, correction_received, marks, pauses, extensions };
        (kind.def().validate)(&facts)?;
        Ok(facts)
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
    use crate::procedure::{disclosure::clock as gio, litigation::clock as lit, reconsideration::clock as arl};

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
        assert!(err(gio::KIND, &[]).contains("缺少收到日期"));
        let e = err(gio::KIND, &[ev("2024-03-01", Received), ev("2024-02-01", CorrectionRequested)]);
        assert!(e.contains("发出补正通知日期2024-02-01早于收到申请日期2024-03-01"), "{e}");
        let e = err(
            gio::KIND,
            &[ev("2024-03-01", Received), ev("2024-03-02", CorrectionRequested), ev("2024-03-03", CorrectionRequested)],
        );
        assert!(e.contains("一次性"), "{e}");
        let e = err(gio::KIND, &[ev("2024-03-01", Received), ev("2024-03-02", Mark(arl::ACCEPTED))]);
        assert!(e.contains("不适用于依申请公开"), "{e}");
        let e = err(
            gio::KIND,
            &[ev("2024-03-01", Received), ev("2024-03-05", PauseEnded { pause: PauseKind::Consultation })],
        );
        assert!(e.contains("没有对应的开始日期"), "{e}");
        let e = err(arl::KIND, &[ev("2024-03-01", Received), ev("2024-03-02", Mark(arl::COPY_SERVED))]);
        assert!(e.contains("没有受理日期"), "{e}");
        let e = err(arl::KIND, &[ev("2024-03-01", Received), ev("2024-03-02", Mark(arl::SWITCHED_TO_ORDINARY))]);
        assert!(e.contains("简易程序"), "{e}");
        let e = err(
            arl::KIND,
            &[ev("2024-03-01", Received), ev("2024-03-04", Mark(arl::ACCEPTED)), ev("2024-03-05", Mark(arl::ACCEPTED))],
        );
        assert_eq!(e, "「受理」只能有一次，却出现了两次（2024-03-04和2024-03-05）");
        let e = err(lit::KIND, &[ev("2024-03-01", Received), ev("2024-02-01", Mark(lit::RULING_SERVED))]);
        assert_eq!(e, "收到一审裁定书日期2024-02-01早于收到起诉状副本日期2024-03-01，请核对");
    }

    #[test]
    fn events_round_trip_through_json() {
        let events = vec![
            ev("2024-03-01", EventKind::Received),
            ev("2024-03-02", EventKind::PauseStarted { pause: PauseKind::Consultation }),
            ev("2024-03-05", EventKind::ExtensionGranted { step: gio::REPLY, days: 10, approved_by: "李四".into() }),
            ev("2024-03-06", EventKind::Mark(arl::ACCEPTED)),
            ev("2024-03-07", EventKind::Mark(lit::RULING_SERVED)),
        ];
        let json = serde_json::to_string(&events).unwrap();
        assert!(json.contains(r#"{"date":"2024-03-01","kind":{"type":"received"}}"#), "{json}");
        assert!(json.contains(r#""kind":{"type":"pause_started","pause":"consultation"}"#), "{json}");
        assert!(json.contains(r#""kind":{"type":"extension_granted","step":"reply","days":10,"approved_by":"李四"}"#));
        assert!(json.contains(r#""kind":{"type":"accepted"}"#), "{json}");
        let back: Vec<ProcedureEvent> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, events);
    }

    #[test]
    fn events_stored_before_the_kinds_owned_their_marks_still_read() {
        let old = r#"[{"date":"2024-03-01","kind":{"type":"judgment_served","ruling":true}},
                      {"date":"2024-03-02","kind":{"type":"judgment_served","ruling":false}},
                      {"date":"2024-03-03","kind":{"type":"judgment_served"}},
                      {"date":"2024-03-04","kind":{"type":"simplified_procedure"}}]"#;
        let back: Vec<ProcedureEvent> = serde_json::from_str(old).unwrap();
        let kinds: Vec<EventKind> = back.into_iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::Mark(lit::RULING_SERVED),
                EventKind::Mark(lit::JUDGMENT_SERVED),
                EventKind::Mark(lit::JUDGMENT_SERVED),
                EventKind::Mark(arl::SIMPLIFIED),
            ]
        );
        let bad = serde_json::from_str::<EventKind>(r#"{"type":"no_such_event"}"#).unwrap_err().to_string();
        assert!(bad.contains("unknown event `no_such_event`"), "{bad}");
        let bad = serde_json::from_str::<EventKind>(r#"{"type":"pause_started"}"#).unwrap_err().to_string();
        assert!(bad.contains("lacks `pause`"), "{bad}");
    }

    #[test]
    fn future_events_are_refused() {
        let events = [ev("2026-11-20", EventKind::Received), ev("2026-11-23", EventKind::Mark(arl::ACCEPTED))];
        assert!(check_not_in_future(&events, d("2026-11-23")).is_ok());
        let e = check_not_in_future(&events, d("2026-11-22")).unwrap_err().to_string();
        assert_eq!(e, "「受理」的日期2026-11-23晚于今天（2026-11-22），不能录入将来的日期");
    }

    #[test]
    fn pauses_pair_by_kind_and_may_stay_open() {
        use EventKind::*;
        let f = Facts::from_events(
            gio::KIND,
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

    #[test]
    fn the_latest_mark_counts_and_a_tie_goes_to_the_one_recorded_last() {
        use EventKind::*;
        let f = Facts::from_events(
            lit::KIND,
            &[
                ev("2024-03-01", Received),
                ev("2024-04-01", Mark(lit::RULING_SERVED)),
                ev("2024-05-01", Mark(lit::JUDGMENT_SERVED)),
                ev("2024-05-01", Mark(lit::RULING_SERVED)),
            ],
        )
        .unwrap();
        assert_eq!(
            f.latest_of(&[lit::JUDGMENT_SERVED, lit::RULING_SERVED]),
            Some((lit::RULING_SERVED, d("2024-05-01")))
        );
        assert_eq!(f.date(lit::JUDGMENT_SERVED), Some(d("2024-05-01")));
        assert!(!f.has(lit::APPEAL_SERVED));
    }
}
