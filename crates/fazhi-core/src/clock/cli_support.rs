//! The pure logic behind `fazhi deadline` and `fazhi calendar add`: parsing the
//! command-line values (with Chinese errors naming the flag and the input), turning
//! them into procedure events, and rendering the result as text or JSON. The binary
//! only reads files and prints.

use chrono::NaiveDate;
use serde::Serialize;

use super::arithmetic::{self, Unit};
use super::calendar::Calendar;
use super::engine::{Engine, Schedule};
use super::error::ClockError;
use super::events::{EventKind, ProcedureEvent};
use super::explain::{self, date_with_weekday, Explanation};
use super::moment::{add_hours, HourStart, Moment};
use super::procedure::ProcedureKind;
use super::rules::{PauseKind, RuleSet};
use super::status::{deadline_status, Approaching};

/// The values of `fazhi deadline`, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineInput {
    /// `disclosure`, `reconsideration` or `litigation`.
    pub procedure: String,
    /// `--received`: request / application / complaint copy received (or the
    /// kind's own name for its start, in `marks`).
    pub received: Option<String>,
    pub correction_requested: Option<String>,
    pub correction_received: Option<String>,
    /// `--consultation START:END` (or `START:` while it lasts), repeatable.
    pub consultations: Vec<String>,
    /// `--suspension START:END` (中止), repeatable.
    pub suspensions: Vec<String>,
    /// `--fee-payment NOTICE:PAID`, repeatable.
    pub fee_payments: Vec<String>,
    pub extension_granted: Option<String>,
    pub extension_days: Option<u32>,
    pub approved_by: Option<String>,
    /// The kinds' own dated events as `(code, date)`: `--accepted`, `--copy-served`,
    /// `--judgment-served`, `--appeal-served` … (one flag per mark any registered
    /// kind declares, see [`mark_flags`]).
    pub marks: Vec<(String, String)>,
    /// `--simplified`: 行政复议's simplified procedure, from the acceptance (or receipt).
    pub simplified: bool,
    /// `--ruling`: what `--judgment-served` names is a ruling (裁定, 10 days to appeal).
    pub ruling: bool,
    /// `--today`: print each deadline's status as of that day.
    pub today: Option<String>,
}

/// Parses a `YYYY-MM-DD` value of `flag`.
pub fn parse_date(flag: &str, value: &str) -> Result<NaiveDate, ClockError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| ClockError::input(format!("--{flag} 的日期「{value}」无效：应为 YYYY-MM-DD 格式的实际日期")))
}

/// Parses `START:END` (or `START:` for a period still running) of `flag`.
pub fn parse_interval(flag: &str, value: &str) -> Result<(NaiveDate, Option<NaiveDate>), ClockError> {
    let Some((a, b)) = value.split_once(':') else {
        return Err(ClockError::input(format!(
            "--{flag} 的值「{value}」格式不对：应为 开始日期:结束日期（如 2024-03-01:2024-03-15），尚未结束的写作 2024-03-01:"
        )));
    };
    let start = parse_date(flag, a)?;
    let end = if b.trim().is_empty() { None } else { Some(parse_date(flag, b)?) };
    if let Some(end) = end {
        if end < start {
            return Err(ClockError::input(format!("--{flag} 的区间「{value}」起止颠倒：结束日期早于开始日期")));
        }
    }
    Ok((start, end))
}

/// The procedure kind of a name, with a Chinese error listing the choices.
pub fn parse_procedure(name: &str) -> Result<ProcedureKind, ClockError> {
    ProcedureKind::parse(name.trim()).ok_or_else(|| {
        let choices: Vec<String> = ProcedureKind::all().map(|k| format!("{}（{}）", k.as_str(), k.zh())).collect();
        ClockError::input(format!("未知的程序「{name}」：应为 {}", choices.join("、")))
    })
}

/// The kind's mark named `code` (the flag `--<code>`), or an error saying the
/// procedure has no such event.
fn mark_of(kind: ProcedureKind, flag: &str, code: &str) -> Result<super::procedure::Mark, ClockError> {
    kind.mark(code).ok_or_else(|| ClockError::input(format!("--{flag} 不适用于{}程序", kind.zh())))
}

/// The date flags the kinds' own events give `fazhi deadline`: `(code, help)`
/// for every mark of every registered kind, and each kind's own name for its
/// start; the flag is the code with dashes (`copy_served` → `--copy-served`).
pub fn mark_flags() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut add = |code: &'static str, help: String| match out.iter_mut().find(|(c, _)| *c == code) {
        Some((_, h)) => {
            h.push('；');
            h.push_str(&help);
        }
        None => out.push((code, help)),
    };
    for k in ProcedureKind::all() {
        let def = k.def();
        if def.received_code != "received" {
            add(def.received_code, format!("{}：{}的日期", k.zh(), def.received_zh));
        }
        for m in def.marks {
            add(m.code(), format!("{}：{}的日期", k.zh(), m.zh()));
        }
    }
    out
}

/// The flag of a mark code (`copy_served` → `copy-served`).
pub fn flag_of(code: &str) -> String {
    code.replace('_', "-")
}

/// Turns the command-line values into procedure events.
pub fn events_from_input(input: &DeadlineInput) -> Result<(ProcedureKind, Vec<ProcedureEvent>), ClockError> {
    let kind = parse_procedure(&input.procedure)?;
    let value = |code: &str| input.marks.iter().find(|(c, _)| c == code).map(|(_, v)| v.as_str());
    if input.ruling && value("judgment_served").is_none() {
        return Err(ClockError::input("给出了 --ruling，还须用 --judgment-served 给出收到裁定书的日期"));
    }
    let start_code = kind.def().received_code;
    let received = match (&input.received, value(start_code).filter(|_| start_code != "received")) {
        (Some(r), None) => parse_date("received", r)?,
        (None, Some(r)) => parse_date(&flag_of(start_code), r)?,
        (Some(_), Some(_)) => {
            return Err(ClockError::input(format!(
                "--received 与 --{} 只能给出一个：{}程序自{}起算",
                flag_of(start_code),
                kind.zh(),
                kind.def().received_zh
            )))
        }
        (None, None) => {
            return Err(ClockError::input(format!(
                "缺少 --{}：{}程序的期限自{}之日起算",
                flag_of(start_code),
                kind.zh(),
                kind.def().received_zh
            )))
        }
    };
    let mut events = vec![ProcedureEvent::new(received, EventKind::Received)];
    let mut single = |flag: &str, value: &Option<String>, kind: EventKind| -> Result<(), ClockError> {
        if let Some(v) = value {
            events.push(ProcedureEvent::new(parse_date(flag, v)?, kind));
        }
        Ok(())
    };
    single("correction-requested", &input.correction_requested, EventKind::CorrectionRequested)?;
    single("correction-received", &input.correction_received, EventKind::CorrectionReceived)?;
    for (code, v) in &input.marks {
        if code == start_code {
            continue;
        }
        let flag = flag_of(code);
        let code = if code == "judgment_served" && input.ruling { "ruling_served" } else { code.as_str() };
        single(&flag, &Some(v.clone()), EventKind::Mark(mark_of(kind, &flag, code)?))?;
    }
    if input.simplified {
        let date = match value("accepted") {
            Some(a) => parse_date("accepted", a)?,
            None => received,
        };
        events.push(ProcedureEvent::new(date, EventKind::Mark(mark_of(kind, "simplified", "simplified_procedure")?)));
    }
    let pauses = [
        ("consultation", &input.consultations, PauseKind::Consultation),
        ("suspension", &input.suspensions, PauseKind::Suspension),
        ("fee-payment", &input.fee_payments, PauseKind::FeePayment),
    ];
    for (flag, values, pause) in pauses {
        for v in values {
            let (start, end) = parse_interval(flag, v)?;
            events.push(ProcedureEvent::new(start, EventKind::PauseStarted { pause }));
            if let Some(end) = end {
                events.push(ProcedureEvent::new(end, EventKind::PauseEnded { pause }));
            }
        }
    }
    match (&input.extension_granted, input.extension_days) {
        (None, None) => {}
        (Some(date), Some(days)) => {
            let step = kind
                .extendable()
                .next()
                .ok_or_else(|| ClockError::input(format!("{}程序没有可以延长的期限", kind.zh())))?;
            events.push(ProcedureEvent::new(
                parse_date("extension-granted", date)?,
                EventKind::ExtensionGranted { step, days, approved_by: input.approved_by.clone().unwrap_or_default() },
            ));
        }
        (Some(_), None) => {
            return Err(ClockError::input("给出了 --extension-granted，还须用 --extension-days 给出延长的天数"))
        }
        (None, Some(_)) => {
            return Err(ClockError::input("给出了 --extension-days，还须用 --extension-granted 给出批准延长的日期"))
        }
    }
    Ok((kind, events))
}

#[derive(Serialize)]
struct JsonDeadline<'a> {
    step: &'a str,
    due: String,
    rule: &'a str,
    explanation: String,
}

#[derive(Serialize)]
struct JsonDeadlines<'a> {
    deadlines: Vec<JsonDeadline<'a>>,
}

/// `{"deadlines":[{"step":"…","due":"YYYY-MM-DD","rule":"…","explanation":"…"}]}`.
pub fn render_json(schedule: &Schedule) -> String {
    let out = JsonDeadlines {
        deadlines: schedule
            .deadlines
            .iter()
            .map(|d| JsonDeadline {
                step: d.step.as_str(),
                due: d.due.to_string(),
                rule: d.rule.as_str(),
                explanation: d.explanation.to_string(),
            })
            .collect(),
    };
    serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The human-readable listing; with `today`, each deadline's status.
pub fn render_text(cal: &Calendar, schedule: &Schedule, today: Option<(NaiveDate, Approaching)>) -> String {
    let mut out = format!("{}程序期限\n", schedule.procedure.zh());
    for d in &schedule.deadlines {
        out.push_str(&format!("\n{}（{}）截止 {}", d.step.as_str(), d.step.zh(), date_with_weekday(d.due)));
        if d.provisional {
            out.push_str(" 〔估算〕");
        }
        if let Some((today, threshold)) = today {
            match deadline_status(cal, d.due, today, threshold) {
                Ok(s) => out.push_str(&format!(" 〔{}〕", s.zh())),
                Err(e) => out.push_str(&format!(" 〔状态未知：{e}〕")),
            }
        }
        out.push_str(&format!("\n  规则：{}\n  说明：{}\n", d.rule, d.explanation));
    }
    for p in &schedule.pending {
        out.push_str(&format!(
            "\n{}（{}）期限待定\n  规则：{}\n  说明：{}\n",
            p.step.as_str(),
            p.step.zh(),
            p.rule,
            p.reason
        ));
    }
    out
}

/// Runs `fazhi deadline`: the output to print.
pub fn deadline_report(
    cal: &Calendar,
    rules: &RuleSet,
    input: &DeadlineInput,
    json: bool,
) -> Result<String, ClockError> {
    let (kind, events) = events_from_input(input)?;
    let schedule = Engine::new(cal, rules).schedule(kind, &events)?;
    if json {
        return Ok(render_json(&schedule));
    }
    let today = match &input.today {
        Some(t) => Some((parse_date("today", t)?, Approaching::default())),
        None => None,
    };
    Ok(render_text(cal, &schedule, today))
}

/// The values of `fazhi calendar add`, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarAddInput {
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` with `hours`.
    pub from: String,
    pub working_days: Option<u32>,
    pub days: Option<u32>,
    /// Natural hours from a moment (12345 feedback limits).
    pub hours: Option<u32>,
}

#[derive(Serialize)]
struct JsonAdd {
    from: String,
    unit: &'static str,
    n: u32,
    due: String,
    explanation: String,
}

/// Runs `fazhi calendar add`: `from` plus N working days, or plus N calendar days
/// with roll-over of a last day on a rest day. The output to print.
pub fn calendar_add_report(
    cal: &Calendar,
    rules: &RuleSet,
    input: &CalendarAddInput,
    json: bool,
) -> Result<String, ClockError> {
    let (unit, n) = match (input.working_days, input.days, input.hours) {
        (Some(n), None, None) => (Unit::WorkingDays, n),
        (None, Some(n), None) => (Unit::CalendarDays, n),
        (None, None, Some(n)) => (Unit::Hours, n),
        _ => {
            return Err(ClockError::input(
                "请在 --working-days N（工作日）、--days N（日历日）和 --hours N（小时）中选且只选一个",
            ))
        }
    };
    if unit == Unit::Hours {
        return hours_add_report(rules, &input.from, n, json);
    }
    let from = parse_date("from", &input.from)?;
    let counted = arithmetic::count(cal, from, unit, n, &[], rules.conventions.roll_over)?;
    let notes = match unit {
        Unit::WorkingDays => explain::working_day_notes(&cal.describe_span(from, counted.due)),
        _ => explain::roll_note(cal, unit, n, counted.nominal, counted.due).into_iter().collect(),
    };
    let explanation = Explanation {
        rule: format!("自{from}起{n}{}", unit.zh()),
        start: "起始日不计入，自次日起算（《民事诉讼法》第八十五条）".into(),
        notes,
        due: format!("期限届满日为{}", date_with_weekday(counted.due)),
    };
    if json {
        let out = JsonAdd {
            from: from.to_string(),
            unit: match unit {
                Unit::WorkingDays => "working_days",
                _ => "days",
            },
            n,
            due: counted.due.to_string(),
            explanation: explanation.to_string(),
        };
        return Ok(serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
    }
    Ok(format!("{}\n  说明：{}\n", counted.due, explanation))
}

/// `fazhi calendar add --from 2024-09-30T16:00 --hours 24`: natural hours from a
/// moment; nights and holidays count.
fn hours_add_report(rules: &RuleSet, from: &str, n: u32, json: bool) -> Result<String, ClockError> {
    let start = Moment::parse("from", from)?;
    let Some(time) = start.time else {
        return Err(ClockError::input(format!(
            "按小时计算需要起算时刻：--from 的值「{from}」只有日期，请写作 YYYY-MM-DDTHH:MM（如 {}T16:00）",
            start.date
        )));
    };
    let at = start.date.and_time(time);
    let due = add_hours(at, n, rules.conventions.hour_start)?;
    let due_text = Moment::at(due).to_string();
    let explanation = Explanation {
        rule: format!("自{}起{n}小时", Moment::at(at)),
        start: match rules.conventions.hour_start {
            HourStart::Exact => "自起算时刻起计算".into(),
            HourStart::NextWholeHour => "起算时刻所在的小时不计入，自下一整点起算（《民事诉讼法》第八十五条）".into(),
        },
        notes: vec!["按自然小时连续计算，夜间和节假日不扣除".into()],
        due: format!("期限届满时刻为{} {}", date_with_weekday(due.date()), due.format("%H:%M")),
    };
    if json {
        let out = JsonAdd {
            from: Moment::at(at).to_string(),
            unit: "hours",
            n,
            due: due_text,
            explanation: explanation.to_string(),
        };
        return Ok(serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
    }
    Ok(format!("{due_text}\n  说明：{explanation}\n"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn calendar_add_counts_natural_hours_from_a_moment() {
        let rules = RuleSet::builtin();
        let cal = Calendar::builtin();
        let add = CalendarAddInput { from: "2024-09-30T16:00".into(), hours: Some(24), ..Default::default() };
        let out = calendar_add_report(&cal, &rules, &add, false).unwrap();
        assert!(out.starts_with("2024-10-01 16:00\n"), "{out}");
        assert!(out.contains("期限届满时刻为2024-10-01（星期二） 16:00"), "{out}");
        let add = CalendarAddInput { from: "2024-09-30T23:15".into(), hours: Some(2), ..Default::default() };
        let v: serde_json::Value =
            serde_json::from_str(&calendar_add_report(&cal, &rules, &add, true).unwrap()).unwrap();
        assert_eq!(v["due"], "2024-10-01 01:15");
        assert_eq!(v["unit"], "hours");
        let date_only = CalendarAddInput { from: "2024-09-30".into(), hours: Some(2), ..Default::default() };
        let e = calendar_add_report(&cal, &rules, &date_only, false).unwrap_err().to_string();
        assert!(e.contains("需要起算时刻") && e.contains("「2024-09-30」"), "{e}");
        let both =
            CalendarAddInput { from: "2024-09-30T16:00".into(), hours: Some(2), days: Some(1), ..Default::default() };
        assert!(calendar_add_report(&cal, &rules, &both, false).is_err());
    }

    fn input(procedure: &str, received: &str) -> DeadlineInput {
        DeadlineInput { procedure: procedure.into(), received: Some(received.into()), ..DeadlineInput::default() }
    }

    #[test]
    fn json_has_exactly_the_documented_shape() {
        let cal = Calendar::builtin();
        let rules = RuleSet::builtin();
        let out = deadline_report(&cal, &rules, &input("litigation", "2024-09-20"), true).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(obj.len(), 1);
        let list = obj["deadlines"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        let d = list[0].as_object().unwrap();
        let mut keys: Vec<_> = d.keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["due", "explanation", "rule", "step"]);
        assert_eq!(d["step"], "defence");
        assert_eq!(d["rule"], "litigation.defence");
        // 2024-09-20 + 15 days = 10-05 (国庆) → 10-08.
        assert_eq!(d["due"], "2024-10-08");
        assert!(out.starts_with("{\"deadlines\":[{\"step\":\"defence\",\"due\":\"2024-10-08\",\"rule\":"));
    }

    #[test]
    fn text_lists_deadlines_pending_and_status() {
        let cal = Calendar::builtin();
        let rules = RuleSet::builtin();
        let mut i = input("disclosure", "2024-02-05");
        i.correction_requested = Some("2024-02-07".into());
        i.today = Some("2024-02-19".into());
        let out = deadline_report(&cal, &rules, &i, false).unwrap();
        assert!(out.starts_with("依申请公开程序期限\n"), "{out}");
        assert!(out.contains("correction_notice（补正通知）截止 2024-02-20（星期二） 〔临期〕"), "{out}");
        assert!(out.contains("reply（答复）期限待定"), "{out}");
        assert!(out.contains("等待申请人补正"), "{out}");
    }

    #[test]
    fn every_flag_is_expressible() {
        let mut i = input("reconsideration", "2024-03-01");
        i.correction_requested = Some("2024-03-04".into());
        i.correction_received = Some("2024-03-08".into());
        i.marks = vec![
            ("accepted".into(), "2024-03-11".into()),
            ("copy_served".into(), "2024-03-13".into()),
            ("switched_to_ordinary".into(), "2024-03-20".into()),
        ];
        i.simplified = true;
        i.suspensions = vec!["2024-04-01:2024-04-10".into(), "2024-05-01:".into()];
        i.extension_granted = Some("2024-05-01".into());
        i.extension_days = Some(30);
        i.approved_by = Some("王主任".into());
        let (kind, events) = events_from_input(&i).unwrap();
        assert_eq!(kind.as_str(), "reconsideration");
        assert_eq!(events.len(), 11);
        let mut d = input("disclosure", "2024-03-01");
        d.consultations = vec!["2024-03-02:2024-03-05".into()];
        d.fee_payments = vec!["2024-03-06:2024-03-07".into()];
        assert_eq!(events_from_input(&d).unwrap().1.len(), 5);
    }

    #[test]
    fn every_mark_of_every_kind_has_a_flag() {
        let flags = mark_flags();
        for k in ProcedureKind::all() {
            for m in k.def().marks {
                assert!(flags.iter().any(|(c, _)| *c == m.code()), "{}", m.code());
            }
        }
        let mut i = input("litigation", "2024-09-02");
        i.marks = vec![("judgment_served".into(), "2024-09-20".into())];
        i.ruling = true;
        let (_, events) = events_from_input(&i).unwrap();
        assert_eq!(events[1].kind.zh(), "收到一审裁定书");
    }

    #[test]
    fn bad_values_name_the_flag_and_input() {
        let e = events_from_input(&input("disclosure", "2024-02-30")).unwrap_err().to_string();
        assert_eq!(e, "--received 的日期「2024-02-30」无效：应为 YYYY-MM-DD 格式的实际日期");
        let e = events_from_input(&input("appeal", "2024-02-01")).unwrap_err().to_string();
        assert!(e.contains("未知的程序「appeal」"), "{e}");
        let mut i = input("disclosure", "2024-02-01");
        i.consultations = vec!["2024-03-01".into()];
        let e = events_from_input(&i).unwrap_err().to_string();
        assert!(e.contains("--consultation 的值「2024-03-01」格式不对"), "{e}");
        i.consultations = vec!["2024-03-05:2024-03-01".into()];
        assert!(events_from_input(&i).unwrap_err().to_string().contains("起止颠倒"));
        let mut i = input("disclosure", "2024-02-01");
        i.extension_days = Some(5);
        assert!(events_from_input(&i).unwrap_err().to_string().contains("--extension-granted"));
        let mut i = input("disclosure", "2024-02-01");
        i.marks = vec![("accepted".into(), "2024-02-02".into())];
        assert_eq!(events_from_input(&i).unwrap_err().to_string(), "--accepted 不适用于依申请公开程序");
        let mut i = input("reconsideration", "2024-02-01");
        i.received = None;
        assert!(events_from_input(&i).unwrap_err().to_string().starts_with("缺少 --received"));
        let mut i = input("litigation", "2024-02-01");
        i.extension_granted = Some("2024-02-02".into());
        i.extension_days = Some(5);
        assert!(events_from_input(&i).unwrap_err().to_string().contains("没有可以延长"));
    }

    #[test]
    fn calendar_add_reports_working_and_calendar_days() {
        let cal = Calendar::builtin();
        let rules = RuleSet::builtin();
        // 2024-02-08 (Thu) + 5 working days: 02-09 (1), 02-10..02-17 春节, 02-18 调休 (2),
        // 02-19 (3), 02-20 (4), 02-21 (5).
        let add = CalendarAddInput { from: "2024-02-08".into(), working_days: Some(5), days: None, hours: None };
        let out = calendar_add_report(&cal, &rules, &add, false).unwrap();
        assert!(out.starts_with("2024-02-21\n"), "{out}");
        assert!(out.contains("2024-02-10至2024-02-17春节假期不计"), "{out}");
        assert!(out.contains("调休上班日2024-02-18（星期日）计入"), "{out}");
        // 2024-09-30 + 7 days = 10-07 (国庆) → 10-08.
        let add = CalendarAddInput { from: "2024-09-30".into(), working_days: None, days: Some(7), hours: None };
        let out = calendar_add_report(&cal, &rules, &add, true).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["due"], "2024-10-08");
        assert!(v["explanation"]
            .as_str()
            .unwrap()
            .contains("第7日为2024-10-07（星期一），适逢国庆节假期（2024-10-01至2024-10-07），依《民事诉讼法》第八十五条顺延至2024-10-08（星期二）"));
        let both = CalendarAddInput { from: "2024-09-30".into(), working_days: Some(1), days: Some(7), hours: None };
        assert!(calendar_add_report(&cal, &rules, &both, false).is_err());
        let far = CalendarAddInput { from: "2026-12-20".into(), working_days: Some(20), days: None, hours: None };
        let e = calendar_add_report(&cal, &rules, &far, false).unwrap_err().to_string();
        assert!(e.contains("日历未覆盖2027年"), "{e}");
    }
}
