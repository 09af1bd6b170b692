//! 调解: the handling period (a setting, \[U\]: 30 days from receipt by
//! default, overridable) and the 30 days for 司法确认 from the agreement
//! (人民调解法 Art. 33), calendar days rolled over rest days (民事诉讼法 Art. 85).

use super::*;
use fazhi_core::procedure::mediation::clock as med;

/// The default handling period: 30 calendar days from receipt.
#[test]
fn mediation_handling_period_is_a_setting_of_30_days() {
    run_table(
        med::KIND,
        vec![
            Row {
                // 03-03 (Mon) + 30 = 04-02 (Wed), a working day.
                name: "plain",
                events: vec![ev("2025-03-03", Received)],
                step: med::HANDLING,
                rule: med::rule::HANDLING,
                due: "2025-04-02",
                explain: &["调解期限：自收到调解申请或移交之日起30日", "2025-03-03收到调解申请或移交，当日不计入"],
                provisional: false,
            },
            Row {
                // 09-02 (Mon) + 30 = 10-02, inside 国庆 (10-01..10-07) → 10-08 (Tue).
                name: "国庆 2024",
                events: vec![ev("2024-09-02", Received)],
                step: med::HANDLING,
                rule: med::rule::HANDLING,
                due: "2024-10-08",
                explain: &["国庆节"],
                provisional: false,
            },
            Row {
                // 01-03 (Fri) + 30 = 02-02 (Sun), inside 春节 (01-28..02-04) → 02-05 (Wed).
                name: "春节 2025",
                events: vec![ev("2025-01-03", Received)],
                step: med::HANDLING,
                rule: med::rule::HANDLING,
                due: "2025-02-05",
                explain: &["春节"],
                provisional: false,
            },
            Row {
                // 15 more days with both parties' consent: 04-02 + 15 = 04-17 (Thu).
                name: "extended",
                events: vec![ev("2025-03-03", Received), extension("2025-03-28", med::HANDLING, 15, "调委会主任")],
                step: med::HANDLING,
                rule: med::rule::HANDLING,
                due: "2025-04-17",
                explain: &["15"],
                provisional: false,
            },
        ],
    );
    let rules = RuleSet::builtin();
    let rule = rules.get(med::rule::HANDLING).unwrap();
    assert_eq!(rule.confidence, fazhi_core::clock::Confidence::U, "no national period: a setting");
    assert!(med::KIND.mandatory(med::HANDLING));
}

/// 人民调解法 Art. 33 ¶1: 司法确认 within 30 days of the agreement taking effect;
/// shown, not chased, and absent before an agreement.
#[test]
fn mediation_judicial_confirmation_pml_art33() {
    run_table(
        med::KIND,
        vec![
            Row {
                // 03-20 (Thu) + 30 = 04-19 (Sat) → 04-21 (Mon).
                name: "weekend",
                events: vec![ev("2025-03-03", Received), ev("2025-03-20", Mark(med::AGREED))],
                step: med::CONFIRMATION,
                rule: med::rule::CONFIRMATION,
                due: "2025-04-21",
                explain: &["申请司法确认期限：自调解协议生效之日起30日", "2025-03-20调解协议生效，当日不计入"],
                provisional: false,
            },
            Row {
                // 09-05 (Fri) + 30 = 10-05 (Sun), inside 国庆 2025 (10-01..10-08) → 10-09 (Thu).
                name: "国庆 2025",
                events: vec![ev("2025-09-01", Received), ev("2025-09-05", Mark(med::AGREED))],
                step: med::CONFIRMATION,
                rule: med::rule::CONFIRMATION,
                due: "2025-10-09",
                explain: &["国庆节"],
                provisional: false,
            },
        ],
    );
    assert!(!med::KIND.mandatory(med::CONFIRMATION));
    let s = schedule(med::KIND, &[ev("2025-03-03", Received)]).unwrap();
    assert!(s.deadlines.iter().all(|d| d.step == med::HANDLING) && s.pending.is_empty(), "{s:?}");
}

/// The handling period is overridden from the rules TOML like every [U] rule.
#[test]
fn mediation_handling_period_overridden_to_15_days() {
    let cal = Calendar::shared_builtin();
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[[rule]]\nid = \"mediation.handling\"\nlength = 15\n").unwrap();
    let s = Engine::new(cal, &rules).schedule(med::KIND, &[ev("2025-03-03", Received)]).unwrap();
    // 03-03 (Mon) + 15 = 03-18 (Tue).
    let dl = deadline_of(&s, med::HANDLING);
    assert_eq!(dl.due, d("2025-03-18"));
    assert!(dl.explanation.to_string().contains("自收到调解申请或移交之日起15日"), "{}", dl.explanation);
    // In working days, as some local rules have it: 10 working days → 03-17 (Mon).
    rules.apply_overrides("[[rule]]\nid = \"mediation.handling\"\nunit = \"working_days\"\nlength = 10\n").unwrap();
    let due = Engine::new(cal, &rules).due_date(med::KIND, med::HANDLING, &[ev("2025-03-03", Received)]).unwrap();
    assert_eq!(due, Some(d("2025-03-17")));
}
