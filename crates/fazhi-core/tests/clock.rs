//! Table-driven tests of every deadline rule on the real calendar, with the expected
//! dates worked out by hand from the 国务院办公厅 notices (weekday anchors:
//! 2024-02-05 Mon, 2024-10-01 Tue, 2025-01-28 Tue, 2025-10-01 Wed), and property
//! tests of the calendar arithmetic against a naive day-by-day reference.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use fazhi_core::clock::{
    BeyondCoverage, Calendar, ClockError, Deadline, Engine, EventKind, PauseKind, ProcedureEvent, ProcedureKind,
    RollOver, RuleId, RuleSet, Schedule, Step, Unit,
};
use fazhi_core::procedure::{
    disclosure::clock as gio, litigation::clock as lit, petition::clock as xf, proposal::clock as jyta,
    reconsideration::clock as arl,
};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

use EventKind::*;

fn ev(date: &str, kind: EventKind) -> ProcedureEvent {
    ProcedureEvent::new(d(date), kind)
}

fn pause_start(date: &str, pause: PauseKind) -> ProcedureEvent {
    ev(date, PauseStarted { pause })
}

fn pause_end(date: &str, pause: PauseKind) -> ProcedureEvent {
    ev(date, PauseEnded { pause })
}

fn extension(date: &str, step: Step, days: u32, by: &str) -> ProcedureEvent {
    ev(date, ExtensionGranted { step, days, approved_by: by.into() })
}

/// One row: a case's events, the step, the expected due date and rule, fragments
/// the explanation must contain, and whether the date is provisional.
struct Row {
    name: &'static str,
    events: Vec<ProcedureEvent>,
    step: Step,
    rule: RuleId,
    due: &'static str,
    explain: &'static [&'static str],
    provisional: bool,
}

fn schedule(kind: ProcedureKind, events: &[ProcedureEvent]) -> Result<Schedule, ClockError> {
    let cal = Calendar::shared_builtin();
    let rules = RuleSet::builtin();
    Engine::new(cal, &rules).schedule(kind, events)
}

fn deadline_of(s: &Schedule, step: Step) -> &Deadline {
    s.deadlines
        .iter()
        .find(|d| d.step == step)
        .unwrap_or_else(|| panic!("no deadline for {step:?}: pending {:?}", s.pending))
}

fn run_table(kind: ProcedureKind, rows: Vec<Row>) {
    let cal = Calendar::shared_builtin();
    let rules = RuleSet::builtin();
    let engine = Engine::new(cal, &rules);
    for row in rows {
        let s = engine.schedule(kind, &row.events).unwrap_or_else(|e| panic!("{}: {e}", row.name));
        let dl = deadline_of(&s, row.step);
        let text = dl.explanation.to_string();
        assert_eq!(dl.due, d(row.due), "{}: {text}", row.name);
        assert_eq!(dl.rule, row.rule, "{}", row.name);
        assert_eq!(dl.provisional, row.provisional, "{}: {text}", row.name);
        assert!(text.contains(&rules.get(row.rule).unwrap().article), "{}: article missing: {text}", row.name);
        for frag in row.explain {
            assert!(text.contains(frag), "{}: missing「{frag}」in: {text}", row.name);
        }
        // The fast path agrees with the explained path.
        let fast = engine.due_date(kind, row.step, &row.events).unwrap();
        assert_eq!(fast, Some(dl.due), "{}", row.name);
    }
}

// ---------------------------------------------------------------------------
// 依申请公开 — 政府信息公开条例 (2019)
// ---------------------------------------------------------------------------

/// 政府信息公开条例 Art. 30: correction notice within 7 working days of receipt.
#[test]
fn disclosure_correction_notice_gio_art30() {
    run_table(
        gio::KIND,
        vec![
            Row {
                // 02-06, 07, 08, 09 (4); 02-10..17 春节; 02-18 调休 (5); 02-19 (6); 02-20 (7).
                name: "2024 春节",
                events: vec![ev("2024-02-05", Received)],
                step: Step::CORRECTION_NOTICE,
                rule: gio::rule::CORRECTION_NOTICE,
                due: "2024-02-20",
                explain: &[
                    "依申请公开补正通知期限：自收到政府信息公开申请之日起7个工作日（《政府信息公开条例》第三十条）",
                    "2024-02-05收到政府信息公开申请，当日不计入",
                    "2024-02-10至2024-02-17春节假期不计",
                    "调休上班日2024-02-18（星期日）计入",
                    "期限届满日为2024-02-20（星期二）",
                ],
                provisional: false,
            },
            Row {
                // 01-25 Sat; 01-26 调休 (1); 01-27 (2); 01-28..02-04 春节; 02-05, 06, 07 (5);
                // 02-08 调休 (6); 02-09 Sun; 02-10 (7).
                name: "2025 春节",
                events: vec![ev("2025-01-24", Received), ev("2025-01-27", CorrectionRequested)],
                step: Step::CORRECTION_NOTICE,
                rule: gio::rule::CORRECTION_NOTICE,
                due: "2025-02-10",
                explain: &[
                    "已于2025-01-27发出补正通知",
                    "2025-01-28至2025-02-04春节假期不计",
                    "调休上班日2025-01-26（星期日）计入",
                    "调休上班日2025-02-08（星期六）计入",
                    "其间周六、周日共2天不计",
                ],
                provisional: false,
            },
        ],
    );
}

/// 政府信息公开条例 Art. 33 ¶2 (20 working days, extension ≤ 20 approved), ¶3
/// (consultation not counted), Art. 30 (restart on the corrected request).
#[test]
fn disclosure_reply_gio_art33_art30() {
    run_table(
        gio::KIND,
        vec![
            Row {
                // 02-06..09 (4); 春节; 02-18 调休 (5); 02-19..23 (10); 02-26..03-01 (15); 03-04..08 (20).
                name: "2024 春节",
                events: vec![ev("2024-02-05", Received)],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-03-08",
                explain: &[
                    "依申请公开答复期限：自收到政府信息公开申请之日起20个工作日（《政府信息公开条例》第三十三条第二款）",
                    "2024-02-10至2024-02-17春节假期不计",
                    "调休上班日2024-02-18（星期日）计入",
                    "其间周六、周日共4天不计",
                    "期限届满日为2024-03-08（星期五）",
                ],
                provisional: false,
            },
            Row {
                // 09-29 调休 (1); 09-30 (2); 10-01..07 国庆; 10-08..11 (6); 10-12 调休 (7);
                // 10-14..18 (12); 10-21..25 (17); 10-28, 29, 30 (20).
                name: "2024 国庆",
                events: vec![ev("2024-09-27", Received)],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-10-30",
                explain: &[
                    "2024-10-01至2024-10-07国庆节假期不计",
                    "调休上班日2024-09-29（星期日）计入",
                    "调休上班日2024-10-12（星期六）计入",
                ],
                provisional: false,
            },
            Row {
                // Restart from 02-06: 02-07..09 (3); 春节; 02-18 (4); 02-19..23 (9);
                // 02-26..03-01 (14); 03-04..08 (19); 03-11 (20).
                name: "correction restarts the clock (Art. 30)",
                events: vec![
                    ev("2024-01-29", Received),
                    ev("2024-02-01", CorrectionRequested),
                    ev("2024-02-06", CorrectionReceived),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-03-11",
                explain: &[
                    "2024-01-29收到政府信息公开申请；2024-02-01发出补正通知，2024-02-06收到补正材料，依《政府信息公开条例》第三十条自该日重新起算，当日不计入",
                ],
                provisional: false,
            },
            Row {
                // 09-16..19 (4) before the consultation; 09-20..10-13 not counted (12 working
                // days: 09-22..26, 09-28 调休, 09-29, 09-30, 10-09, 10-10, 10-11 调休, 10-13);
                // 10-14..17 (8); 10-20..24 (13); 10-27..31 (18); 11-03, 11-04 (20).
                name: "2025 国庆 with a third-party consultation (Art. 33 ¶3)",
                events: vec![
                    ev("2025-09-15", Received),
                    pause_start("2025-09-19", PauseKind::Consultation),
                    pause_end("2025-10-13", PauseKind::Consultation),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2025-11-04",
                explain: &[
                    "2025-09-19至2025-10-13征求第三方或其他机关意见，其间12个工作日不计入（《政府信息公开条例》第三十三条第三款）",
                    "2025-10-01至2025-10-08国庆节、中秋节假期不计",
                    "调休上班日2025-10-11（星期六）计入",
                ],
                provisional: false,
            },
            Row {
                // 20 + 20 working days: 03-08 (20); 03-11..15 (25); 03-18..22 (30);
                // 03-25..29 (35); 04-01..03 (38); 04-04..06 清明; 04-07 调休 (39); 04-08 (40).
                name: "extension by 20 working days (Art. 33 ¶2)",
                events: vec![
                    ev("2024-02-05", Received),
                    extension("2024-03-01", gio::REPLY, 20, "李四"),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-04-08",
                explain: &[
                    "原期限届满日为2024-03-08；2024-03-01经政府信息公开工作机构负责人（李四）批准延长20个工作日（《政府信息公开条例》第三十三条第二款，最多延长20个工作日），合计40个工作日",
                    "2024-04-04至2024-04-06清明节假期不计",
                    "调休上班日2024-04-07（星期日）计入",
                ],
                provisional: false,
            },
            Row {
                // A consultation still open that starts after the due date changes nothing:
                // March 2024: 03-04..08 (5), 11..15 (10), 18..22 (15), 25..29 (20).
                name: "open pause after the due date",
                events: vec![
                    ev("2024-03-01", Received),
                    pause_start("2024-05-01", PauseKind::Consultation),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-03-29",
                explain: &["期限届满日为2024-03-29（星期五）"],
                provisional: false,
            },
        ],
    );
}

#[test]
fn disclosure_reply_pending_while_correcting_or_consulting() {
    let s = schedule(gio::KIND, &[ev("2024-02-05", Received), ev("2024-02-07", CorrectionRequested)]).unwrap();
    assert_eq!(s.deadlines.len(), 1);
    assert_eq!(s.pending[0].step, gio::REPLY);
    assert_eq!(
        s.pending[0].reason,
        "已于2024-02-07发出补正通知，等待申请人补正；依申请公开答复期限自收到补正材料之日起重新计算（《政府信息公开条例》第三十条）"
    );
    // (03-01, 03-05] holds 2 working days (03-04 Mon, 03-05 Tue).
    let s =
        schedule(gio::KIND, &[ev("2024-03-01", Received), pause_start("2024-03-05", PauseKind::Consultation)]).unwrap();
    assert_eq!(
        s.pending[0].reason,
        "自2024-03-05起征求第三方或其他机关意见，依申请公开答复期限暂停计算（《政府信息公开条例》第三十三条第三款）；此前已经过2个工作日，恢复后继续计算剩余期限"
    );
}

#[test]
fn disclosure_extension_cap_approval_and_timing_are_enforced() {
    let over = schedule(gio::KIND, &[ev("2024-02-05", Received), extension("2024-03-01", gio::REPLY, 21, "李四")])
        .unwrap_err();
    assert_eq!(
        over.to_string(),
        "依申请公开答复期限最多延长20个工作日，已批准的延长合计21个工作日，超过上限（《政府信息公开条例》第三十三条第二款）"
    );
    let split = schedule(
        gio::KIND,
        &[
            ev("2024-02-05", Received),
            extension("2024-03-01", gio::REPLY, 10, "李四"),
            extension("2024-03-05", gio::REPLY, 11, "李四"),
        ],
    )
    .unwrap_err();
    assert!(split.to_string().contains("合计21个工作日"), "{split}");
    let unapproved =
        schedule(gio::KIND, &[ev("2024-02-05", Received), extension("2024-03-01", gio::REPLY, 5, " ")]).unwrap_err();
    assert_eq!(
        unapproved.to_string(),
        "依申请公开答复期限的延长须经政府信息公开工作机构负责人批准（《政府信息公开条例》第三十三条第二款）：请注明批准人"
    );
    let late =
        schedule(gio::KIND, &[ev("2024-02-05", Received), extension("2024-03-11", gio::REPLY, 5, "李四")]).unwrap_err();
    assert!(late.to_string().contains("晚于原期限届满日2024-03-08"), "{late}");
}

/// Fee payment time is not counted by default ([U] in LAW.md §2.4); an override can
/// switch it off.
#[test]
fn disclosure_fee_payment_pause_is_configurable() {
    let cal = Calendar::shared_builtin();
    let events = [
        ev("2024-03-01", Received),
        pause_start("2024-03-08", PauseKind::FeePayment),
        pause_end("2024-03-15", PauseKind::FeePayment),
    ];
    // Default: 03-04..08 (5); 03-09..15 not counted (5 working days); 03-18..22 (10);
    // 03-25..29 (15); 04-01..03 (18); 清明; 04-07 调休 (19); 04-08 (20).
    let rules = RuleSet::builtin();
    let due = Engine::new(cal, &rules).due_date(gio::KIND, gio::REPLY, &events).unwrap();
    assert_eq!(due, Some(d("2024-04-08")));
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[[rule]]\nid = \"disclosure.reply\"\npauses = [\"consultation\"]\n").unwrap();
    let due = Engine::new(cal, &rules).due_date(gio::KIND, gio::REPLY, &events).unwrap();
    assert_eq!(due, Some(d("2024-03-29")));
}

// ---------------------------------------------------------------------------
// 行政复议 — 行政复议法 (2023); short periods are working days (Art. 88 ¶2)
// ---------------------------------------------------------------------------

/// 行政复议法 Arts. 30, 88: acceptance review within 5 working days; Art. 31: restart
/// on receipt of the correction.
#[test]
fn reconsideration_acceptance_arl_art30_art88() {
    run_table(
        arl::KIND,
        vec![
            Row {
                // 02-08, 09 (2); 春节; 02-18 调休 (3); 02-19 (4); 02-20 (5).
                name: "2024 春节",
                events: vec![ev("2024-02-07", Received)],
                step: arl::ACCEPTANCE,
                rule: arl::rule::ACCEPTANCE,
                due: "2024-02-20",
                explain: &[
                    "行政复议受理审查期限：自收到行政复议申请之日起5个工作日（《行政复议法》第三十条、第八十八条第二款）",
                    "2024-02-10至2024-02-17春节假期不计",
                    "调休上班日2024-02-18（星期日）计入",
                ],
                provisional: false,
            },
            Row {
                // 09-27 Sat; 09-28 调休 (1); 09-29, 30 (3); 10-01..08 国庆中秋; 10-09, 10 (5).
                name: "2025 国庆",
                events: vec![ev("2025-09-26", Received)],
                step: arl::ACCEPTANCE,
                rule: arl::rule::ACCEPTANCE,
                due: "2025-10-10",
                explain: &[
                    "调休上班日2025-09-28（星期日）计入",
                    "2025-10-01至2025-10-08国庆节、中秋节假期不计",
                ],
                provisional: false,
            },
            Row {
                // From 01-27: 01-28..02-04 春节; 02-05..07 (3); 02-08 调休 (4); 02-10 (5).
                name: "2025 春节, restarted by the correction (Art. 31)",
                events: vec![
                    ev("2025-01-20", Received),
                    ev("2025-01-22", CorrectionRequested),
                    ev("2025-01-27", CorrectionReceived),
                ],
                step: arl::ACCEPTANCE,
                rule: arl::rule::ACCEPTANCE,
                due: "2025-02-10",
                explain: &["依《行政复议法》第三十一条自该日重新起算", "调休上班日2025-02-08（星期六）计入"],
                provisional: false,
            },
        ],
    );
}

/// 行政复议法 Arts. 31, 88: correction notice within 5 working days of receipt.
#[test]
fn reconsideration_correction_notice_arl_art31() {
    run_table(
        arl::KIND,
        vec![Row {
            // 09-27 (1); 09-28 Sat; 09-29 调休 (2); 09-30 (3); 国庆; 10-08 (4); 10-09 (5).
            name: "2024 国庆",
            events: vec![ev("2024-09-26", Received)],
            step: Step::CORRECTION_NOTICE,
            rule: arl::rule::CORRECTION_NOTICE,
            due: "2024-10-09",
            explain: &[
                "行政复议补正通知期限：自收到行政复议申请之日起5个工作日（《行政复议法》第三十一条、第八十八条第二款）",
                "2024-10-01至2024-10-07国庆节假期不计",
                "调休上班日2024-09-29（星期日）计入",
                "其间周六、周日共1天不计",
            ],
            provisional: false,
        }],
    );
}

/// 行政复议法 Art. 48 (10 working days; copy within 7) and Art. 54 (simplified: 5; copy within 3).
#[test]
fn reconsideration_respondent_answer_arl_art48_art54() {
    run_table(
        arl::KIND,
        vec![
            Row {
                // 09-29 调休 (1); 09-30 (2); 国庆; 10-08..11 (6); 10-12 调休 (7); 10-14..16 (10).
                name: "ordinary, 2024 国庆",
                events: vec![
                    ev("2024-09-20", Received),
                    ev("2024-09-24", EventKind::Mark(arl::ACCEPTED)),
                    ev("2024-09-27", EventKind::Mark(arl::COPY_SERVED)),
                ],
                step: arl::RESPONDENT_ANSWER,
                rule: arl::rule::RESPONDENT_ANSWER,
                due: "2024-10-16",
                explain: &[
                    "被申请人书面答复期限：自被申请人收到行政复议申请书副本之日起10个工作日（《行政复议法》第四十八条、第八十八条第二款）",
                    "2024-09-27被申请人收到行政复议申请书副本，当日不计入",
                    "调休上班日2024-10-12（星期六）计入",
                ],
                provisional: false,
            },
            Row {
                // 01-26 调休 (1); 01-27 (2); 春节; 02-05, 06, 07 (5).
                name: "simplified, 2025 春节",
                events: vec![
                    ev("2025-01-20", Received),
                    ev("2025-01-22", EventKind::Mark(arl::ACCEPTED)),
                    ev("2025-01-22", EventKind::Mark(arl::SIMPLIFIED)),
                    ev("2025-01-24", EventKind::Mark(arl::COPY_SERVED)),
                ],
                step: arl::RESPONDENT_ANSWER,
                rule: arl::rule::RESPONDENT_ANSWER_SIMPLIFIED,
                due: "2025-02-07",
                explain: &[
                    "（简易程序）",
                    "自被申请人收到行政复议申请书副本之日起5个工作日",
                    "调休上班日2025-01-26（星期日）计入",
                    "2025-01-28至2025-02-04春节假期不计",
                ],
                provisional: false,
            },
            Row {
                // Copy by 02-22 (02-08, 09, 18 调休, 19..22 = 7); answer: 02-23 (1);
                // 02-26..03-01 (6); 03-04..07 (10).
                name: "service date not recorded: estimated (Art. 48)",
                events: vec![ev("2024-02-05", Received), ev("2024-02-07", EventKind::Mark(arl::ACCEPTED))],
                step: arl::RESPONDENT_ANSWER,
                rule: arl::rule::RESPONDENT_ANSWER,
                due: "2024-03-07",
                explain: &[
                    "2024-02-07受理行政复议申请，当日不计入",
                    "按受理后7个工作日内发送副本的最迟日期2024-02-22估算",
                ],
                provisional: true,
            },
        ],
    );
}

/// 行政复议法 Art. 62: ordinary 60 days (+30 approved), simplified 30 days; calendar
/// days with roll-over per 民事诉讼法 Art. 85 (Art. 88 ¶1); 中止 not counted (Art. 39).
#[test]
fn reconsideration_decision_arl_art62() {
    run_table(
        arl::KIND,
        vec![
            Row {
                // 08-06 + 60 = 10-05 (Sat, 国庆) → 10-08.
                name: "ordinary, 2024 国庆 roll-over",
                events: vec![ev("2024-08-01", Received), ev("2024-08-06", EventKind::Mark(arl::ACCEPTED))],
                step: arl::DECISION,
                rule: arl::rule::DECISION,
                due: "2024-10-08",
                explain: &[
                    "行政复议决定期限（普通程序）：自受理行政复议申请之日起60日（《行政复议法》第六十二条第一款）",
                    "2024-08-06受理行政复议申请，当日不计入",
                    "第60日为2024-10-05（星期六），适逢国庆节假期（2024-10-01至2024-10-07），依《民事诉讼法》第八十五条顺延至2024-10-08（星期二）",
                ],
                provisional: false,
            },
            Row {
                // 12-02 + 60 = 2025-01-31 (春节) → 02-05 originally; +30 → 90 days =
                // 2025-03-02 (Sun) → 03-03.
                name: "ordinary, extended by 30 days over 2025 春节",
                events: vec![
                    ev("2024-11-25", Received),
                    ev("2024-12-02", EventKind::Mark(arl::ACCEPTED)),
                    extension("2025-01-20", arl::DECISION, 30, "王主任"),
                ],
                step: arl::DECISION,
                rule: arl::rule::DECISION,
                due: "2025-03-03",
                explain: &[
                    "原期限届满日为2025-02-05；2025-01-20经行政复议机构负责人（王主任）批准延长30日（《行政复议法》第六十二条第一款，最多延长30日），合计90日",
                    "第90日为2025-03-02（星期日），为公休日，依《民事诉讼法》第八十五条顺延至2025-03-03（星期一）",
                ],
                provisional: false,
            },
            Row {
                // 03-01 + 60 with 03-11..03-20 (10 days) not counted: 05-10 (Fri).
                name: "ordinary with 中止 (Art. 39)",
                events: vec![
                    ev("2024-02-26", Received),
                    ev("2024-03-01", EventKind::Mark(arl::ACCEPTED)),
                    pause_start("2024-03-10", PauseKind::Suspension),
                    pause_end("2024-03-20", PauseKind::Suspension),
                ],
                step: arl::DECISION,
                rule: arl::rule::DECISION,
                due: "2024-05-10",
                explain: &["2024-03-10至2024-03-20中止，其间10日不计入（《行政复议法》第三十九条）"],
                provisional: false,
            },
            Row {
                // 09-08 + 30 = 10-08 (国庆中秋) → 10-09.
                name: "simplified, 2025 国庆",
                events: vec![
                    ev("2025-09-01", Received),
                    ev("2025-09-08", EventKind::Mark(arl::ACCEPTED)),
                    ev("2025-09-08", EventKind::Mark(arl::SIMPLIFIED)),
                ],
                step: arl::DECISION,
                rule: arl::rule::DECISION_SIMPLIFIED,
                due: "2025-10-09",
                explain: &[
                    "行政复议决定期限（简易程序）：自受理行政复议申请之日起30日（《行政复议法》第六十二条第二款）",
                    "第30日为2025-10-08（星期三），适逢国庆节、中秋节假期（2025-10-01至2025-10-08）",
                ],
                provisional: false,
            },
            Row {
                // Switched to ordinary: 60 days. 2025-09-08 + 60 = 11-07 (Fri).
                name: "simplified switched to ordinary (Art. 55)",
                events: vec![
                    ev("2025-09-01", Received),
                    ev("2025-09-08", EventKind::Mark(arl::ACCEPTED)),
                    ev("2025-09-08", EventKind::Mark(arl::SIMPLIFIED)),
                    ev("2025-09-20", EventKind::Mark(arl::SWITCHED_TO_ORDINARY)),
                ],
                step: arl::DECISION,
                rule: arl::rule::DECISION,
                due: "2025-11-07",
                explain: &["期限届满日为2025-11-07（星期五）"],
                provisional: false,
            },
            Row {
                // No acceptance recorded: deemed accepted at the end of review (02-20);
                // 02-20 + 60 = 04-20 (Sat) → 04-22.
                name: "deemed acceptance (Art. 30)",
                events: vec![ev("2024-02-07", Received)],
                step: arl::DECISION,
                rule: arl::rule::DECISION,
                due: "2024-04-22",
                explain: &["视为受理，暂以审查期限届满日2024-02-20为受理日估算"],
                provisional: true,
            },
        ],
    );
}

#[test]
fn reconsideration_decision_extension_limits() {
    let over = schedule(
        arl::KIND,
        &[
            ev("2024-08-01", Received),
            ev("2024-08-06", EventKind::Mark(arl::ACCEPTED)),
            extension("2024-09-01", arl::DECISION, 31, "王主任"),
        ],
    )
    .unwrap_err();
    assert!(over.to_string().contains("最多延长30日"), "{over}");
    let simplified = schedule(
        arl::KIND,
        &[
            ev("2024-08-01", Received),
            ev("2024-08-06", EventKind::Mark(arl::ACCEPTED)),
            ev("2024-08-06", EventKind::Mark(arl::SIMPLIFIED)),
            extension("2024-08-20", arl::DECISION, 10, "王主任"),
        ],
    )
    .unwrap_err();
    assert_eq!(simplified.to_string(), "行政复议决定期限（简易程序）不允许延长");
}

#[test]
fn reconsideration_schedule_lists_every_step() {
    let s = schedule(
        arl::KIND,
        &[
            ev("2024-09-20", Received),
            ev("2024-09-24", EventKind::Mark(arl::ACCEPTED)),
            ev("2024-09-27", EventKind::Mark(arl::COPY_SERVED)),
        ],
    )
    .unwrap();
    let steps: Vec<_> = s.deadlines.iter().map(|d| d.step.as_str()).collect();
    // The 复议机构's own duty to send the copy (行政复议法 Arts. 48, 54) is a step
    // with its deadline: 7 working days from the acceptance on 09-24 (Tue): 09-25..27
    // (3), 09-29 调休 (4), 09-30 (5), 国庆, 10-08 (6), 10-09 (7).
    assert_eq!(steps, ["acceptance", "correction_notice", "copy_to_respondent", "respondent_answer", "decision"]);
    assert_eq!(deadline_of(&s, arl::COPY_TO_RESPONDENT).due, d("2024-10-09"));
    assert!(s.pending.is_empty());
}

// ---------------------------------------------------------------------------
// 信访 — 信访工作条例 (2022): 15, 60 and 30 calendar days, 5 working days
// (LAW.md §0, §9).
// ---------------------------------------------------------------------------

/// Arts. 22, 23 ¶2: transfer (or the written notice) within 15 days of receipt.
#[test]
fn petition_transfer_xf_art22_art23() {
    run_table(
        xf::KIND,
        vec![
            Row {
                // 03-03 (Mon) + 15 = 03-18 (Tue), a working day.
                name: "plain",
                events: vec![ev("2025-03-03", Received)],
                step: xf::TRANSFER,
                rule: xf::rule::TRANSFER,
                due: "2025-03-18",
                explain: &[
                    "信访事项转送交办(或书面告知)期限：自收到信访事项之日起15日（《信访工作条例》第二十二条、第二十三条第二款）",
                    "2025-03-03收到信访事项，当日不计入",
                    "期限届满日为2025-03-18（星期二）",
                ],
                provisional: false,
            },
            Row {
                // 09-16 (Tue) + 15 = 10-01 (国庆中秋 10-01..10-08) → 10-09 (Thu).
                name: "2025 国庆",
                events: vec![ev("2025-09-16", Received)],
                step: xf::TRANSFER,
                rule: xf::rule::TRANSFER,
                due: "2025-10-09",
                explain: &["第15日为2025-10-01（星期三），适逢国庆节、中秋节假期（2025-10-01至2025-10-08）"],
                provisional: false,
            },
        ],
    );
}

/// Art. 23 ¶3: the competent body tells the petitioner within 15 days of receiving
/// the transferred item; the latest transfer counts after an objection.
#[test]
fn petition_acceptance_notice_xf_art23() {
    run_table(
        xf::KIND,
        vec![
            Row {
                // 03-10 (Mon) + 15 = 03-25 (Tue).
                name: "from the transfer",
                events: vec![ev("2025-03-03", Received), ev("2025-03-10", Mark(xf::TRANSFERRED))],
                step: xf::ACCEPTANCE_NOTICE,
                rule: xf::rule::ACCEPTANCE_NOTICE,
                due: "2025-03-25",
                explain: &["2025-03-10收到转送、交办的信访事项，当日不计入"],
                provisional: false,
            },
            Row {
                // Transferred again on 03-14 (Fri) after an objection: + 15 = 03-29 (Sat) → 03-31 (Mon).
                name: "transferred again, weekend roll-over",
                events: vec![
                    ev("2025-03-03", Received),
                    ev("2025-03-10", Mark(xf::TRANSFERRED)),
                    ev("2025-03-14", Mark(xf::TRANSFERRED)),
                ],
                step: xf::ACCEPTANCE_NOTICE,
                rule: xf::rule::ACCEPTANCE_NOTICE,
                due: "2025-03-31",
                explain: &["2025-03-14收到转送、交办的信访事项", "第15日为2025-03-29（星期六），为公休日"],
                provisional: false,
            },
        ],
    );
}

/// Art. 23 ¶3: an objection within 5 working days of receiving the item.
#[test]
fn petition_objection_xf_art23() {
    run_table(
        xf::KIND,
        vec![
            Row {
                // 03-10 (Mon): 03-11, 12, 13, 14 (4), 03-17 (5).
                name: "a plain week",
                events: vec![ev("2025-03-03", Received), ev("2025-03-10", Mark(xf::TRANSFERRED))],
                step: xf::OBJECTION,
                rule: xf::rule::OBJECTION,
                due: "2025-03-17",
                explain: &["转送交办事项异议期限：自收到转送、交办的信访事项之日起5个工作日（《信访工作条例》第二十三条第三款）"],
                provisional: false,
            },
            Row {
                // 04-30 (Wed); 05-01..05 劳动节; 05-06, 07, 08, 09 (4); 05-10/11 weekend; 05-12 (5).
                name: "2025 劳动节",
                events: vec![ev("2025-04-28", Received), ev("2025-04-30", Mark(xf::TRANSFERRED))],
                step: xf::OBJECTION,
                rule: xf::rule::OBJECTION,
                due: "2025-05-12",
                explain: &["2025-05-01至2025-05-05劳动节假期不计"],
                provisional: false,
            },
        ],
    );
}

/// Art. 34: 60 days from the acceptance of a 申诉求决类 matter, at most 30 more.
#[test]
fn petition_handling_xf_art34() {
    run_table(
        xf::KIND,
        vec![
            Row {
                // 03-10 + 60: 03-31 (21), 04-30 (51), 05-09 (60, Fri).
                name: "60 days",
                events: vec![
                    ev("2025-03-03", Received),
                    ev("2025-03-10", Mark(xf::NOTIFIED)),
                    ev("2025-03-10", Mark(xf::ACCEPTED)),
                ],
                step: xf::HANDLING,
                rule: xf::rule::HANDLING,
                due: "2025-05-09",
                explain: &[
                    "信访事项办理期限：自受理申诉求决类信访事项之日起60日（《信访工作条例》第三十四条）",
                    "2025-03-10受理申诉求决类信访事项，当日不计入",
                ],
                provisional: false,
            },
            Row {
                // 90 days: 05-09 + 30 = 06-08 (Sun) → 06-09 (Mon).
                name: "extended by 30 days",
                events: vec![
                    ev("2025-03-03", Received),
                    ev("2025-03-10", Mark(xf::NOTIFIED)),
                    ev("2025-03-10", Mark(xf::ACCEPTED)),
                    extension("2025-05-06", xf::HANDLING, 30, "刘局长"),
                ],
                step: xf::HANDLING,
                rule: xf::rule::HANDLING,
                due: "2025-06-09",
                explain: &[
                    "原期限届满日为2025-05-09；2025-05-06经本机关、单位负责人（刘局长）批准延长30日",
                    "第90日为2025-06-08（星期日），为公休日",
                ],
                provisional: false,
            },
        ],
    );
}

/// Arts. 35–36: 复查 and 复核 answered within 30 days of the request; the time a
/// hearing takes is not counted in the 复核's (Art. 36 ¶2).
#[test]
fn petition_review_and_recheck_xf_art35_art36() {
    run_table(
        xf::KIND,
        vec![
            Row {
                // 04-01 (Tue) + 30 = 05-01 (劳动节 05-01..05) → 05-06 (Tue).
                name: "复查 over 劳动节",
                events: vec![ev("2025-04-01", Received), ev("2025-04-01", Mark(xf::REVIEW))],
                step: xf::REVIEW_OPINION,
                rule: xf::rule::REVIEW_OPINION,
                due: "2025-05-06",
                explain: &[
                    "复查意见期限：自收到复查请求之日起30日（《信访工作条例》第三十五条）",
                    "顺延至2025-05-06（星期二）",
                ],
                provisional: false,
            },
            Row {
                // 03-03 + 30 = 04-02; the hearing from its notice 03-10 to 03-20 excludes
                // 03-11..03-20 (10 days): 04-12 (Sat) → 04-14 (Mon).
                name: "复核 with a hearing",
                events: vec![
                    ev("2025-03-03", Received),
                    ev("2025-03-03", Mark(xf::RECHECK)),
                    pause_start("2025-03-10", PauseKind::Hearing),
                    pause_end("2025-03-20", PauseKind::Hearing),
                ],
                step: xf::RECHECK_OPINION,
                rule: xf::rule::RECHECK_OPINION,
                due: "2025-04-14",
                explain: &[
                    "2025-03-10至2025-03-20听证，其间10日不计入（《信访工作条例》第三十六条第二款）",
                    "第30日为2025-04-12（星期六），为公休日",
                ],
                provisional: false,
            },
        ],
    );
}

/// What arises when: no transfer deadline on a 复查, no objection once the petitioner
/// was told, the hearing pause only in the 复核's period, odd histories refused.
#[test]
fn petition_steps_arise_from_their_marks() {
    let steps = |events: &[ProcedureEvent]| -> Vec<&'static str> {
        schedule(xf::KIND, events).unwrap().deadlines.iter().map(|d| d.step.as_str()).collect()
    };
    assert_eq!(steps(&[ev("2025-03-03", Received)]), ["transfer"]);
    assert_eq!(
        steps(&[ev("2025-03-03", Received), ev("2025-03-05", Mark(xf::TRANSFERRED))]),
        ["transfer", "acceptance_notice", "objection"]
    );
    assert_eq!(
        steps(&[
            ev("2025-03-03", Received),
            ev("2025-03-05", Mark(xf::TRANSFERRED)),
            ev("2025-03-12", Mark(xf::NOTIFIED)),
        ]),
        ["transfer", "acceptance_notice"]
    );
    assert_eq!(steps(&[ev("2025-04-01", Received), ev("2025-04-01", Mark(xf::REVIEW))]), ["review_opinion"]);
    // A hearing in a first-round case does not stop its 60 days (Art. 34 has no such rule).
    let s = schedule(
        xf::KIND,
        &[
            ev("2025-03-03", Received),
            ev("2025-03-10", Mark(xf::NOTIFIED)),
            ev("2025-03-10", Mark(xf::ACCEPTED)),
            pause_start("2025-03-20", PauseKind::Hearing),
            pause_end("2025-03-30", PauseKind::Hearing),
        ],
    )
    .unwrap();
    assert_eq!(deadline_of(&s, xf::HANDLING).due, d("2025-05-09"));
    let err = |events: &[ProcedureEvent]| schedule(xf::KIND, events).unwrap_err().to_string();
    let e =
        err(&[ev("2025-04-01", Received), ev("2025-04-01", Mark(xf::REVIEW)), ev("2025-04-02", Mark(xf::TRANSFERRED))]);
    assert!(e.contains("没有转送交办"), "{e}");
    let e = err(&[ev("2025-03-03", Received), ev("2025-03-05", Mark(xf::ACCEPTED))]);
    assert!(e.contains("没有告知信访人"), "{e}");
    let e = err(&[
        ev("2025-03-03", Received),
        ev("2025-03-05", Mark(xf::NOTIFIED)),
        ev("2025-03-07", Mark(xf::TRANSFERRED)),
    ]);
    assert!(e.contains("晚于告知信访人"), "{e}");
}

// ---------------------------------------------------------------------------
// 行政应诉 — 行政诉讼法 Art. 67 ¶1: defence within 15 days of receiving the complaint
// copy; calendar days per 民事诉讼法 Art. 85 (行政诉讼法 Art. 101).
// ---------------------------------------------------------------------------

#[test]
fn litigation_defence_alp_art67() {
    run_table(
        lit::KIND,
        vec![
            Row {
                // 09-20 + 15 = 10-05 (国庆) → 10-08.
                name: "2024 国庆",
                events: vec![ev("2024-09-20", Received)],
                step: lit::DEFENCE,
                rule: lit::rule::DEFENCE,
                due: "2024-10-08",
                explain: &[
                    "行政应诉答辩期限：自收到起诉状副本之日起15日（《行政诉讼法》第六十七条第一款）",
                    "2024-09-20收到起诉状副本，当日不计入",
                    "第15日为2024-10-05（星期六），适逢国庆节假期（2024-10-01至2024-10-07），依《民事诉讼法》第八十五条顺延至2024-10-08（星期二）",
                ],
                provisional: false,
            },
            Row {
                // 01-20 + 15 = 02-04, the last day of 春节 → 02-05.
                name: "2025 春节",
                events: vec![ev("2025-01-20", Received)],
                step: lit::DEFENCE,
                rule: lit::rule::DEFENCE,
                due: "2025-02-05",
                explain: &["适逢春节假期（2025-01-28至2025-02-04）", "顺延至2025-02-05（星期三）"],
                provisional: false,
            },
            Row {
                // 02-02 + 15 = 02-17 (春节); the next working day is the 调休 Sunday 02-18.
                name: "2024 春节, rolls onto a 调休 Sunday",
                events: vec![ev("2024-02-02", Received)],
                step: lit::DEFENCE,
                rule: lit::rule::DEFENCE,
                due: "2024-02-18",
                explain: &["顺延至2024-02-18（星期日）"],
                provisional: false,
            },
            Row {
                // 09-17 + 15 = 10-02 (国庆中秋) → 10-09.
                name: "2025 国庆",
                events: vec![ev("2025-09-17", Received)],
                step: lit::DEFENCE,
                rule: lit::rule::DEFENCE,
                due: "2025-10-09",
                explain: &["第15日为2025-10-02（星期四），适逢国庆节、中秋节假期（2025-10-01至2025-10-08）"],
                provisional: false,
            },
            Row {
                // 2024-03-01 + 15 = 03-16 (Sat, ordinary weekend) → 03-18 (Mon).
                name: "ordinary weekend",
                events: vec![ev("2024-03-01", Received)],
                step: lit::DEFENCE,
                rule: lit::rule::DEFENCE,
                due: "2024-03-18",
                explain: &["第15日为2024-03-16（星期六），为公休日"],
                provisional: false,
            },
        ],
    );
}

/// Whether weekends are rest days for roll-over is court practice, [U] in LAW.md §0:
/// configurable. 2025-09-12 + 15 = 09-27, an ordinary Saturday.
#[test]
fn litigation_defence_weekend_roll_over_is_configurable() {
    let cal = Calendar::shared_builtin();
    let events = [ev("2025-09-12", Received)];
    let rules = RuleSet::builtin();
    let due = Engine::new(cal, &rules).due_date(lit::KIND, lit::DEFENCE, &events).unwrap();
    // The next working day is the 调休 Sunday 09-28.
    assert_eq!(due, Some(d("2025-09-28")));
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[conventions]\nroll_over = \"holidays_only\"\n").unwrap();
    let due = Engine::new(cal, &rules).due_date(lit::KIND, lit::DEFENCE, &events).unwrap();
    assert_eq!(due, Some(d("2025-09-27")));
    assert_eq!(rules.conventions.roll_over, RollOver::HolidaysOnly);
}

// ---------------------------------------------------------------------------
// Coverage: beyond the loaded notices
// ---------------------------------------------------------------------------

#[test]
fn beyond_coverage_is_refused_or_flagged() {
    let events = [ev("2026-12-21", Received)];
    let err = schedule(gio::KIND, &events).unwrap_err();
    assert!(err.to_string().contains("日历未覆盖2027年"), "{err}");

    let mut cal = Calendar::builtin();
    cal.set_beyond_coverage(BeyondCoverage::AssumeWeekendsOnly);
    let rules = RuleSet::builtin();
    let s = Engine::new(&cal, &rules).schedule(gio::KIND, &events).unwrap();
    // 12-22..25 (4); 12-28..31 (8); 2027-01-01 (9, assumed a working day);
    // 01-04..08 (14); 01-11..15 (19); 01-18 (20).
    let reply = deadline_of(&s, gio::REPLY);
    assert_eq!(reply.due, d("2027-01-18"));
    assert!(reply.provisional);
    assert!(reply
        .explanation
        .to_string()
        .contains("注意：尚未导入2027年节假日安排通知，该年暂按普通周末估算，导入通知后须重新计算"));

    // Importing the 2027 notice removes the caveat (with a made-up 元旦 of 3 days).
    cal.set_beyond_coverage(BeyondCoverage::Refuse);
    cal.merge_notice("[y2027]\nholidays = [[\"2027-01-01\", \"2027-01-03\", \"元旦\"]]\n").unwrap();
    let s = Engine::new(&cal, &rules).schedule(gio::KIND, &events).unwrap();
    let reply = deadline_of(&s, gio::REPLY);
    // 2027-01-01 is now a holiday: one more day → 2027-01-19.
    assert_eq!(reply.due, d("2027-01-19"));
    assert!(!reply.provisional);
    assert!(reply.explanation.to_string().contains("2027-01-01至2027-01-03元旦假期不计"));
}

// ---------------------------------------------------------------------------
// Property tests against a naive reference
// ---------------------------------------------------------------------------

/// A naive reference calendar: sets of holidays and 调休 days, day-by-day loops.
struct Naive {
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

impl Naive {
    fn new(cal: &Calendar) -> Self {
        let mut holidays = HashSet::new();
        let mut workdays = HashSet::new();
        for y in cal.notices() {
            for h in &y.holidays {
                let mut d = h.start;
                while d <= h.end {
                    holidays.insert(d);
                    d = d.succ_opt().unwrap();
                }
            }
            for w in &y.workdays {
                workdays.insert(w.date);
            }
        }
        Naive { holidays, workdays }
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !self.holidays.contains(&d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap();
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }
}

fn date_in_covered_years() -> impl Strategy<Value = NaiveDate> {
    // 2019-01-01 .. 2026-06-30, so that +150 working days stays inside 2026.
    let start = d("2019-01-01");
    let days = (d("2026-06-30") - start).num_days() as u64;
    (0..=days).prop_map(move |k| start.checked_add_days(Days::new(k)).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn add_working_days_matches_naive_and_lands_on_working_day(from in date_in_covered_years(), n in 1u32..120) {
        let cal = Calendar::shared_builtin();
        let naive = Naive::new(cal);
        let due = cal.add_working_days(from, n).unwrap();
        prop_assert_eq!(due, naive.add_working_days(from, n));
        prop_assert!(cal.is_working_day(due).unwrap());
        prop_assert_eq!(cal.working_days_between(from, due).unwrap(), n);
    }

    #[test]
    fn add_working_days_is_monotone_and_additive(from in date_in_covered_years(), a in 0u32..60, b in 0u32..60) {
        let cal = Calendar::shared_builtin();
        let da = cal.add_working_days(from, a).unwrap();
        let dab = cal.add_working_days(from, a + b).unwrap();
        prop_assert_eq!(cal.add_working_days(da, b).unwrap(), dab);
        if b > 0 {
            prop_assert!(dab > da);
        }
    }

    #[test]
    fn calendar_day_periods_end_on_the_first_working_day_from_the_nominal_end(from in date_in_covered_years(), n in 1u32..90) {
        let cal = Calendar::shared_builtin();
        let naive = Naive::new(cal);
        let c = fazhi_core::clock::arithmetic::count(cal, from, Unit::CalendarDays, n, &[], RollOver::HolidaysAndWeekends).unwrap();
        prop_assert_eq!(c.nominal, from.checked_add_days(Days::new(u64::from(n))).unwrap());
        prop_assert!(naive.is_working(c.due));
        let mut day = c.nominal;
        while day < c.due {
            prop_assert!(!naive.is_working(day));
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn a_pause_never_brings_a_deadline_forward(
        from in date_in_covered_years(),
        offset in 0u64..40,
        len in 0u64..30,
        n in 1u32..40,
    ) {
        let cal = Calendar::shared_builtin();
        let p_start = from.checked_add_days(Days::new(offset)).unwrap();
        let p_end = p_start.checked_add_days(Days::new(len)).unwrap();
        let mut pauses = [fazhi_core::clock::Interval { start: p_start, end: p_end }];
        let kept = fazhi_core::clock::arithmetic::normalise_pauses(from, &mut pauses);
        for unit in [Unit::WorkingDays, Unit::CalendarDays] {
            let without = fazhi_core::clock::arithmetic::count(cal, from, unit, n, &[], RollOver::default()).unwrap();
            let with = fazhi_core::clock::arithmetic::count(cal, from, unit, n, &pauses[..kept], RollOver::default()).unwrap();
            prop_assert!(with.due >= without.due);
            // The pause adds at most its own length, in the rule's unit — or, when
            // it starts on the last day and ends on a rest day, the period ends on
            // the first working day after it (never inside the pause).
            let bound = match unit {
                Unit::WorkingDays => {
                    let paused = cal.working_days_between(p_start, p_end).unwrap();
                    let by_length = cal.add_working_days(without.nominal, paused).unwrap();
                    if p_start == without.nominal {
                        by_length.max(cal.next_working_day_on_or_after(p_end).unwrap())
                    } else {
                        by_length
                    }
                }
                _ => without.nominal.checked_add_days(Days::new(len)).unwrap(),
            };
            prop_assert!(with.nominal <= bound);
        }
    }
}

// ---------------------------------------------------------------------------
// More engine behaviour: pending steps, refused pauses, months, the real calendar
// ---------------------------------------------------------------------------

#[test]
fn reconsideration_waiting_for_correction_is_pending_not_silent() {
    let s = schedule(arl::KIND, &[ev("2024-03-01", Received), ev("2024-03-05", CorrectionRequested)]).unwrap();
    let pending: Vec<_> = s.pending.iter().map(|p| p.step.as_str()).collect();
    // The copy to the respondent (行政复议法 Arts. 48, 54) waits for the acceptance too.
    assert_eq!(pending, ["acceptance", "copy_to_respondent", "respondent_answer", "decision"]);
    assert_eq!(
        s.pending[0].reason,
        "已于2024-03-05发出补正通知，等待申请人补正；行政复议受理审查期限自收到补正材料之日起重新计算（《行政复议法》第三十一条）"
    );
    assert!(s.pending[2].reason.starts_with("尚未受理："), "{}", s.pending[2].reason);
    // The correction notice deadline itself is still shown: 03-04..03-08 (5 working days).
    assert_eq!(deadline_of(&s, Step::CORRECTION_NOTICE).due, d("2024-03-08"));
}

#[test]
fn reconsideration_decision_pending_during_open_suspension() {
    let s = schedule(
        arl::KIND,
        &[
            ev("2024-02-26", Received),
            ev("2024-03-01", EventKind::Mark(arl::ACCEPTED)),
            pause_start("2024-03-10", PauseKind::Suspension),
        ],
    )
    .unwrap();
    let p = s.pending.iter().find(|p| p.step == arl::DECISION).unwrap();
    assert_eq!(
        p.reason,
        "自2024-03-10起中止，行政复议决定期限（普通程序）暂停计算（《行政复议法》第三十九条）；此前已经过9日，恢复后继续计算剩余期限"
    );
}

#[test]
fn a_pause_no_rule_honours_is_refused() {
    let err = schedule(
        gio::KIND,
        &[
            ev("2024-03-01", Received),
            pause_start("2024-03-05", PauseKind::Suspension),
            pause_end("2024-03-08", PauseKind::Suspension),
        ],
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "中止（2024-03-05起）不影响依申请公开程序的任何期限，请核对暂停的类型");
}

/// Months (民法典 Art. 202) through a rule override: 2024-08-06 + 2 months = 10-06
/// (国庆) → 10-08.
#[test]
fn month_periods_through_an_override() {
    let cal = Calendar::shared_builtin();
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[[rule]]\nid = \"reconsideration.decision\"\nunit = \"months\"\nlength = 2\n").unwrap();
    let s = Engine::new(cal, &rules)
        .schedule(arl::KIND, &[ev("2024-08-01", Received), ev("2024-08-06", EventKind::Mark(arl::ACCEPTED))])
        .unwrap();
    let dl = deadline_of(&s, arl::DECISION);
    assert_eq!(dl.due, d("2024-10-08"));
    let text = dl.explanation.to_string();
    assert!(text.contains("自受理行政复议申请之日起2个月"), "{text}");
    assert!(
        text.contains("期限末日2024-10-06（星期日），适逢国庆节假期（2024-10-01至2024-10-07），依《民事诉讼法》第八十五条顺延至2024-10-08（星期二）"),
        "{text}"
    );
}

/// The four periods named in issue 3, day by day, from the built-in calendar.
#[test]
fn builtin_calendar_has_the_2024_and_2025_spring_festival_and_national_day() {
    use fazhi_core::clock::DayKind;
    let cal = Calendar::shared_builtin();
    let periods = [
        ("2024-02-10", "2024-02-17", ["2024-02-04", "2024-02-18"], "春节"),
        ("2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"], "春节"),
        ("2024-10-01", "2024-10-07", ["2024-09-29", "2024-10-12"], "国庆节"),
        ("2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"], "国庆节、中秋节"),
    ];
    for (start, end, workdays, name) in periods {
        let (start, end) = (d(start), d(end));
        let mut day = start;
        while day <= end {
            assert_eq!(cal.day_kind(day).unwrap(), DayKind::Holiday, "{day}");
            day = day.succ_opt().unwrap();
        }
        assert!(
            cal.is_working_day(start.pred_opt().unwrap()).unwrap()
                || start.pred_opt().unwrap().weekday().number_from_monday() >= 6
        );
        assert_eq!(cal.holiday_of(start).unwrap().name, name);
        for w in workdays {
            assert_eq!(cal.day_kind(d(w)).unwrap(), DayKind::AdjustedWorkday, "{w}");
        }
    }
}

/// The full explanation text, pinned (政府信息公开条例 Arts. 30, 33): received
/// 2024-09-27 (Fri); consultation 10-09..10-15 excludes 10-10, 10-11, 10-12 (调休),
/// 10-14, 10-15 = 5 working days; 20 working days would end 10-30, the pause moves it
/// to 11-06; +5 approved → 11-07, 08, 11, 12, 13.
#[test]
fn disclosure_explanation_full_text_2024_national_day() {
    let s = schedule(
        gio::KIND,
        &[
            ev("2024-09-27", Received),
            pause_start("2024-10-09", PauseKind::Consultation),
            pause_end("2024-10-15", PauseKind::Consultation),
            extension("2024-10-20", gio::REPLY, 5, "张三"),
        ],
    )
    .unwrap();
    assert_eq!(
        deadline_of(&s, Step::CORRECTION_NOTICE).explanation.to_string(),
        "依申请公开补正通知期限：自收到政府信息公开申请之日起7个工作日（《政府信息公开条例》第三十条）。\
         2024-09-27收到政府信息公开申请，当日不计入。\
         调休上班日2024-09-29（星期日）计入；2024-10-01至2024-10-07国庆节假期不计；调休上班日2024-10-12（星期六）计入；\
         其间周六、周日共1天不计。期限届满日为2024-10-12（星期六）。"
    );
    assert_eq!(
        deadline_of(&s, gio::REPLY).explanation.to_string(),
        "依申请公开答复期限：自收到政府信息公开申请之日起20个工作日（《政府信息公开条例》第三十三条第二款）。\
         2024-09-27收到政府信息公开申请，当日不计入。\
         2024-10-09至2024-10-15征求第三方或其他机关意见，其间5个工作日不计入（《政府信息公开条例》第三十三条第三款）；\
         原期限届满日为2024-11-06；2024-10-20经政府信息公开工作机构负责人（张三）批准延长5个工作日\
         （《政府信息公开条例》第三十三条第二款，最多延长20个工作日），合计25个工作日；\
         调休上班日2024-09-29（星期日）计入；2024-10-01至2024-10-07国庆节假期不计；调休上班日2024-10-12（星期六）计入；\
         其间周六、周日共10天不计。期限届满日为2024-11-13（星期三）。"
    );
}

// ---------------------------------------------------------------------------
// Corrections of issue 8: each row failed on the earlier engine.
// ---------------------------------------------------------------------------

/// A consultation (政府信息公开条例 Art. 33 ¶3) that starts on the last day of the
/// reply period still stops the clock: the period had not run out.
#[test]
fn a_pause_starting_on_the_last_day_still_stops_the_clock() {
    run_table(
        gio::KIND,
        vec![
            Row {
                // 20 working days from 2024-03-01 end on 03-29 (Fri); the consultation
                // from 03-29 to 04-08 leaves nothing of the period: due the first
                // working day on or after 04-08 (Mon; 04-04..06 清明, 04-07 调休).
                name: "consultation from the last day",
                events: vec![
                    ev("2024-03-01", Received),
                    pause_start("2024-03-29", PauseKind::Consultation),
                    pause_end("2024-04-08", PauseKind::Consultation),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-04-08",
                explain: &["2024-03-29至2024-04-08征求第三方或其他机关意见"],
                provisional: false,
            },
            Row {
                // Starting the day after the last day, it changes nothing.
                name: "consultation after the last day",
                events: vec![
                    ev("2024-03-01", Received),
                    pause_start("2024-03-30", PauseKind::Consultation),
                    pause_end("2024-04-08", PauseKind::Consultation),
                ],
                step: gio::REPLY,
                rule: gio::rule::REPLY,
                due: "2024-03-29",
                explain: &["期限届满日为2024-03-29（星期五）"],
                provisional: false,
            },
        ],
    );
    // 中止 of a reconsideration from the last day of the 60 days (行政复议法 Art. 39):
    // accepted 2024-03-01, 60 days end 2024-04-30 (Tue); suspended 04-30 to 05-10,
    // the decision is due on 05-10 (Fri).
    run_table(
        arl::KIND,
        vec![Row {
            name: "suspension from the last day",
            events: vec![
                ev("2024-02-26", Received),
                ev("2024-03-01", EventKind::Mark(arl::ACCEPTED)),
                pause_start("2024-04-30", PauseKind::Suspension),
                pause_end("2024-05-10", PauseKind::Suspension),
            ],
            step: arl::DECISION,
            rule: arl::rule::DECISION,
            due: "2024-05-10",
            explain: &["中止"],
            provisional: false,
        }],
    );
    // Still open on the last day: pending, not overdue.
    let s =
        schedule(gio::KIND, &[ev("2024-03-01", Received), pause_start("2024-03-29", PauseKind::Consultation)]).unwrap();
    assert!(s.deadlines.iter().all(|d| d.step != gio::REPLY), "{:?}", s.deadlines);
    assert!(s.pending.iter().any(|p| p.step == gio::REPLY && p.reason.contains("此前已经过20个工作日")));
}

/// 行政复议法 Art. 30 ¶3: an application not refused within the 5 working days is
/// deemed accepted when they expire; recording the acceptance later does not move
/// the start of the decision period.
#[test]
fn reconsideration_accepted_late_counts_from_the_deemed_acceptance_arl_art30() {
    run_table(
        arl::KIND,
        vec![Row {
            // Received 2024-03-01 (Fri): 5 working days end 03-08. 60 days from 03-08
            // end 05-07 (Tue) — not 05-20 (60 days from the recorded 03-20 end on Sunday 05-19,
            // rolled to 05-20).
            name: "accepted 12 days after receipt",
            events: vec![ev("2024-03-01", Received), ev("2024-03-20", EventKind::Mark(arl::ACCEPTED))],
            step: arl::DECISION,
            rule: arl::rule::DECISION,
            due: "2024-05-07",
            explain: &["2024-03-20受理行政复议申请，晚于受理审查期限届满日2024-03-08", "第三十条第三款"],
            provisional: false,
        }],
    );
    // In time, the recorded date counts.
    let s =
        schedule(arl::KIND, &[ev("2024-03-01", Received), ev("2024-03-06", EventKind::Mark(arl::ACCEPTED))]).unwrap();
    assert_eq!(deadline_of(&s, arl::DECISION).due, d("2024-05-06"));
}

/// A correction notice sent after its limit (政府信息公开条例 Art. 30: 7 working
/// days) is never a silent restart: by default the reply period keeps running
/// from the receipt; with `late_correction = "restart"` it restarts, and either
/// way the explanation names the late notice.
#[test]
fn a_late_correction_notice_does_not_silently_restart_the_period_gio_art30() {
    // Received 2024-03-01 (Fri): the notice was due by 03-12 (Tue); sent 03-15,
    // corrected 03-20.
    let events =
        [ev("2024-03-01", Received), ev("2024-03-15", CorrectionRequested), ev("2024-03-20", CorrectionReceived)];
    let s = schedule(gio::KIND, &events).unwrap();
    let reply = deadline_of(&s, gio::REPLY);
    assert_eq!(reply.due, d("2024-03-29"), "{}", reply.explanation);
    let text = reply.explanation.to_string();
    assert!(text.contains("补正通知于2024-03-15发出，晚于补正通知期限届满日2024-03-12"), "{text}");
    assert!(text.contains("不使依申请公开答复期限重新起算"), "{text}");
    // The [U] setting restores the restart, still naming the late notice.
    let cal = Calendar::shared_builtin();
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[conventions]\nlate_correction = \"restart\"\n").unwrap();
    let s = Engine::new(cal, &rules).schedule(gio::KIND, &events).unwrap();
    let reply = deadline_of(&s, gio::REPLY);
    // 20 working days from 03-20: 03-21..22 (2), 03-25..29 (7), 04-01..03 (10),
    // 04-04..06 清明, 04-07 调休 (11), 04-08..12 (16), 04-15..18 (20).
    assert_eq!(reply.due, d("2024-04-18"), "{}", reply.explanation);
    assert!(reply.explanation.to_string().contains("已记为逾期"), "{}", reply.explanation);
    // A notice in time restarts as before.
    let s = schedule(
        gio::KIND,
        &[ev("2024-03-01", Received), ev("2024-03-12", CorrectionRequested), ev("2024-03-20", CorrectionReceived)],
    )
    .unwrap();
    assert_eq!(deadline_of(&s, gio::REPLY).due, d("2024-04-18"));
}

/// A rule may count hours (12345: 2 h, 24 h; LAW.md §8.2): from the recorded time
/// of receipt the deadline has a time of day, and urgency orders it together
/// with day deadlines.
#[test]
fn a_rule_in_hours_gives_a_deadline_with_a_time_of_day() {
    use chrono::NaiveDateTime;
    use fazhi_core::clock::Moment;
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let cal = Calendar::shared_builtin();
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[[rule]]\nid = \"disclosure.reply\"\nunit = \"hours\"\nlength = 24\n").unwrap();
    let engine = Engine::new(cal, &rules);
    let s = engine.schedule(gio::KIND, &[ProcedureEvent::at(at("2024-09-30 16:00"), Received)]).unwrap();
    let reply = deadline_of(&s, gio::REPLY);
    // Natural hours run through the National Day holiday.
    assert_eq!(reply.moment().to_string(), "2024-10-01 16:00", "{}", reply.explanation);
    assert!(
        reply.explanation.to_string().contains("期限届满时刻为2024-10-01（星期二） 16:00"),
        "{}",
        reply.explanation
    );
    // Without a recorded time, the hours run from the start of the next day.
    let s = engine.schedule(gio::KIND, &[ev("2024-09-30", Received)]).unwrap();
    assert_eq!(deadline_of(&s, gio::REPLY).moment().to_string(), "2024-10-01");
    // Urgency: the timed deadline comes before the day deadline of the same day.
    let mut order = [Moment::day(d("2024-10-01")), reply.moment(), Moment::day(d("2024-09-30"))];
    order.sort();
    assert_eq!(order.map(|m| m.to_string()), ["2024-09-30", "2024-10-01 16:00", "2024-10-01"]);
}

/// 行政诉讼法 Art. 85: 15 days to appeal a judgment, 10 a ruling, from service;
/// the appellee's answer within 15 days of receiving the appeal (民事诉讼法 Art.
/// 174 through 行政诉讼法 Art. 101). Calendar days, rolled over a rest day.
#[test]
fn litigation_appeal_periods_alp_art85() {
    run_table(
        lit::KIND,
        vec![
            Row {
                // 2024-11-25 (Mon) + 15 = 12-10 (Tue).
                name: "judgment",
                events: vec![ev("2024-09-02", Received), ev("2024-11-25", EventKind::Mark(lit::JUDGMENT_SERVED))],
                step: lit::APPEAL,
                rule: lit::rule::APPEAL_JUDGMENT,
                due: "2024-12-10",
                explain: &["2024-11-25收到一审判决书，当日不计入"],
                provisional: false,
            },
            Row {
                // 2024-09-20 (Fri) + 10 = 09-30 (Mon).
                name: "ruling",
                events: vec![ev("2024-09-02", Received), ev("2024-09-20", EventKind::Mark(lit::RULING_SERVED))],
                step: lit::APPEAL,
                rule: lit::rule::APPEAL_RULING,
                due: "2024-09-30",
                explain: &["自收到一审裁定书之日起10日"],
                provisional: false,
            },
            Row {
                // 2024-09-20 + 15 = 10-05 (国庆) → 10-08 (Tue).
                name: "appeal answer over the National Day",
                events: vec![
                    ev("2024-06-03", Received),
                    ev("2024-09-02", EventKind::Mark(lit::JUDGMENT_SERVED)),
                    ev("2024-09-20", EventKind::Mark(lit::APPEAL_SERVED)),
                ],
                step: lit::APPEAL_ANSWER,
                rule: lit::rule::APPEAL_ANSWER,
                due: "2024-10-08",
                explain: &["国庆节"],
                provisional: false,
            },
        ],
    );
    // Before a judgment there is nothing to appeal: no deadline, nothing pending.
    let s = schedule(lit::KIND, &[ev("2024-09-02", Received)]).unwrap();
    assert!(s.deadlines.iter().all(|d| d.step == lit::DEFENCE) && s.pending.is_empty(), "{s:?}");
}

// ---------------------------------------------------------------------------
// 建议提案 — 代表法 Art. 51 ¶2; Beijing rules (2014) Arts. 21-23, 27
// ---------------------------------------------------------------------------

/// The reply within 3 months of the assignment, 6 with the assigning body's
/// consent; months as 民法典 Art. 202 counts them, a last day on a rest day
/// rolled over (LAW.md §0).
#[test]
fn proposal_reply_law_art51() {
    let assigned = |date: &str| ev(date, Received);
    run_table(
        jyta::KIND,
        vec![
            Row {
                // 2025-03-20 (Thu) + 3 months = 2025-06-20 (Fri).
                name: "three months",
                events: vec![assigned("2025-03-20")],
                step: jyta::REPLY,
                rule: jyta::rule::REPLY,
                due: "2025-06-20",
                explain: &["建议提案答复期限：自交办建议、提案之日起3个月", "2025-03-20交办建议、提案，当日不计入"],
                provisional: false,
            },
            Row {
                // 2025-07-01 + 3 months = 2025-10-01 (国庆中秋 10-01..10-08) → 10-09 (Thu).
                name: "three months ending in the National Day",
                events: vec![assigned("2025-07-01")],
                step: jyta::REPLY,
                rule: jyta::rule::REPLY,
                due: "2025-10-09",
                explain: &["国庆节、中秋节假期"],
                provisional: false,
            },
            Row {
                // 2025-03-20 + 6 months = 2025-09-20 (Sat) → 09-22 (Mon).
                name: "six months with the consent",
                events: vec![assigned("2025-03-20"), ev("2025-05-10", Mark(jyta::DIFFICULT))],
                step: jyta::REPLY,
                rule: jyta::rule::REPLY_DIFFICULT,
                due: "2025-09-22",
                explain: &["自交办建议、提案之日起6个月"],
                provisional: false,
            },
            Row {
                // 2025-07-31 + 2 months = 2025-09-30 (Tue).
                name: "re-handling within two months of the unsatisfied feedback",
                events: vec![
                    assigned("2025-03-20"),
                    ev("2025-06-10", Mark(jyta::REPLIED)),
                    ev("2025-07-31", Mark(jyta::DISSATISFIED)),
                ],
                step: jyta::REREPLY,
                rule: jyta::rule::REREPLY,
                due: "2025-09-30",
                explain: &["2025-07-31代表委员对答复表示不满意，当日不计入"],
                provisional: false,
            },
            Row {
                // 2025-08-01 + 2 months = 2025-10-01 (国庆中秋) → 10-09.
                name: "re-handling ending in the National Day",
                events: vec![
                    assigned("2025-03-20"),
                    ev("2025-06-10", Mark(jyta::REPLIED)),
                    ev("2025-08-01", Mark(jyta::DISSATISFIED)),
                ],
                step: jyta::REREPLY,
                rule: jyta::rule::REREPLY,
                due: "2025-10-09",
                explain: &["第二十七条"],
                provisional: false,
            },
        ],
    );
    // Not assigned: the CLI and the clock refuse a history without the start.
    let e = schedule(jyta::KIND, &[]).unwrap_err().to_string();
    assert!(e.contains("缺少收到日期"), "{e}");
}

/// The deputy's feedback within 15 working days of the reply (Beijing).
#[test]
fn proposal_feedback_beijing_15_working_days() {
    run_table(
        jyta::KIND,
        vec![
            Row {
                // 2025-06-10 (Tue) + 15 working days: 06-11 … 06-30 is 14, 07-01 the 15th.
                name: "June",
                events: vec![ev("2025-03-20", Received), ev("2025-06-10", Mark(jyta::REPLIED))],
                step: jyta::FEEDBACK,
                rule: jyta::rule::FEEDBACK,
                due: "2025-07-01",
                explain: &["自答复代表委员之日起15个工作日"],
                provisional: false,
            },
            Row {
                // 2025-09-25 (Thu): 09-26, 09-28 (调休 Sun), 09-29, 09-30, then 10-09, 10-10,
                // 10-11 (调休 Sat), 10-13 … 10-17, 10-20, 10-21, 10-22 the 15th.
                name: "over the National Day with its 调休 days",
                events: vec![ev("2025-06-20", Received), ev("2025-09-25", Mark(jyta::REPLIED))],
                step: jyta::FEEDBACK,
                rule: jyta::rule::FEEDBACK,
                due: "2025-10-22",
                explain: &["2025-09-25答复代表委员，当日不计入"],
                provisional: false,
            },
            Row {
                name: "the feedback on the second reply",
                events: vec![
                    ev("2025-03-20", Received),
                    ev("2025-06-10", Mark(jyta::REPLIED)),
                    ev("2025-06-20", Mark(jyta::DISSATISFIED)),
                    ev("2025-09-25", Mark(jyta::REREPLIED)),
                ],
                step: jyta::REFEEDBACK,
                rule: jyta::rule::REFEEDBACK,
                due: "2025-10-22",
                explain: &["再次答复代表委员"],
                provisional: false,
            },
        ],
    );
    // Before the reply there is no feedback to wait for.
    let s = schedule(jyta::KIND, &[ev("2025-03-20", Received)]).unwrap();
    assert_eq!(s.deadlines.iter().map(|d| d.step).collect::<Vec<_>>(), vec![jyta::REPLY], "{s:?}");
    // Out of order: a second reply without an unsatisfied feedback, a consent after the reply.
    let e = schedule(jyta::KIND, &[ev("2025-03-20", Received), ev("2025-06-10", Mark(jyta::REREPLIED))]);
    assert!(e.unwrap_err().to_string().contains("却没有「代表委员对答复不满意」"));
    let e = schedule(
        jyta::KIND,
        &[ev("2025-03-20", Received), ev("2025-06-10", Mark(jyta::REPLIED)), ev("2025-06-12", Mark(jyta::DIFFICULT))],
    );
    assert!(e.unwrap_err().to_string().contains("早于同意按难度较大件办理"));
}

/// A kind declares its clock as data in its own module; nothing in the clock
/// names it. A 12345-style hotline kind, written here outside the crate: a 2-hour
/// first response from the recorded moment of the call (LAW.md §8.2) and a
/// 5-working-day answer after the order is assigned to a unit.
mod a_kind_outside_the_clock {
    use super::*;
    use fazhi_core::clock::arithmetic::Unit;
    use fazhi_core::clock::{ClockDef, Confidence, Count, Duty, Mark, MarkDef, Rule, Start, StepDef};

    const CALL: Step = Step::new("first_response", "首次响应");
    const ANSWER: Step = Step::new("answer", "办结答复");
    const ASSIGNED: Mark = Mark::new(&MarkDef { code: "assigned", zh: "派单", once: true });
    const RESPONSE_RULE: RuleId = RuleId::new("hotline.first_response");
    const ANSWER_RULE: RuleId = RuleId::new("hotline.answer");
    const HOTLINE: ProcedureKind = ProcedureKind::new(&ClockDef {
        id: "hotline",
        zh: "热线工单",
        received_zh: "受理来电",
        received_code: "received",
        steps: &[
            StepDef { step: CALL, count: Count::Rule(RESPONSE_RULE), duty: Duty::Mandatory },
            StepDef { step: ANSWER, count: Count::Rule(ANSWER_RULE), duty: Duty::Mandatory },
        ],
        marks: &[ASSIGNED],
        rules,
        correction_notice: None,
        validate: |_| Ok(()),
    });

    fn rules() -> Vec<Rule> {
        vec![
            Rule { confidence: Confidence::U, ..Rule::new(HOTLINE, RESPONSE_RULE, CALL, "首次响应时限") }
                .from(Start::Received, "受理来电")
                .period(Unit::Hours, 2, "《测试办法》第一条"),
            Rule::new(HOTLINE, ANSWER_RULE, ANSWER, "办结时限").from(Start::Mark(ASSIGNED), "派单").period(
                Unit::WorkingDays,
                5,
                "《测试办法》第二条",
            ),
        ]
    }

    #[test]
    fn counts_hours_and_working_days_from_its_own_events() {
        let rules = RuleSet::of([HOTLINE]);
        let engine = Engine::new(Calendar::shared_builtin(), &rules);
        let at = NaiveDate::from_ymd_opt(2024, 9, 30).unwrap().and_hms_opt(16, 0, 0).unwrap();
        let called = ProcedureEvent::at(at, Received);
        let s = engine.schedule(HOTLINE, std::slice::from_ref(&called)).unwrap();
        // Only the first response arises before the order is assigned.
        assert_eq!(s.deadlines.len(), 1, "{s:?}");
        assert_eq!(s.deadlines[0].moment().to_string(), "2024-09-30 18:00");
        let s = engine.schedule(HOTLINE, &[called, ev("2024-09-30", Mark(ASSIGNED))]).unwrap();
        // 2024-09-30 (Mon) + 5 working days: 10-01..10-07 国庆, 10-08 (1) … 10-12 调休 (5).
        assert_eq!(deadline_of(&s, ANSWER).due, d("2024-10-12"));
        assert!(HOTLINE.mandatory(ANSWER));
        // Another kind's events are refused.
        let e = engine.schedule(HOTLINE, &[ev("2024-09-30", Received), ev("2024-10-08", Mark(arl::ACCEPTED))]);
        assert!(e.unwrap_err().to_string().contains("不适用于热线工单程序"));
    }
}

#[path = "clock/mediation.rs"]
mod mediation;
