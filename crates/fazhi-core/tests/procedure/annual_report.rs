//! The annual report kinds: their clock (table-driven, real dates, worked out
//! by hand: 2026-01-31 and 2026-02-28 are Saturdays, 2026-03-31 a Tuesday,
//! 2024 a leap year), their review steps and the refusals of publication.

use super::*;
use fazhi_core::procedure::annual_report::{
    clock, Action, FigureLine, GoiReport, Report, RuleOfLaw, RuleOfLawReport, Stage,
};

/// A clock row: kind, report year, department, expected (step, due date).
type ClockRow = (&'static str, i32, bool, &'static [(&'static str, &'static str)]);

/// Every deadline of a case: (step id, due date).
fn dues<P: Procedure>(driver: &Driver, case: &Case<P>) -> Vec<(String, String)> {
    driver.schedule(case).deadlines.iter().map(|dl| (dl.step.as_str().to_owned(), dl.due.to_string())).collect()
}

fn open(year: i32, department: bool) -> Action {
    Action::Open { year, department, revises: String::new() }
}

fn write(part: &str, body: &str) -> Action {
    Action::Write { part: part.into(), heading: String::new(), body: body.into() }
}

/// The five parts written.
fn complete() -> Vec<(&'static str, Action)> {
    vec![
        ("2026-01-10", write("measures", "全面推进依法行政,健全行政决策制度体系,严格规范公正文明执法。")),
        ("2026-01-10", write("shortcomings", "基层执法力量不足,执法人员能力有待提高,原因是培训不够。")),
        ("2026-01-10", write("leaders", "主要负责同志履行第一责任人职责,主持专题会议研究法治建设。")),
        ("2026-01-10", write("plans", "下一年度加强执法监督,推进数字法治政府建设。")),
    ]
}

#[test]
fn publication_deadlines_are_the_days_the_instruments_fix() {
    let driver = Driver::new();
    // (kind, year, department, expected deadlines)
    let rows: &[ClockRow] = &[
        // 督察工作规定 Art. 24: "4月1日之前" → 31 March; a government has no upward deadline.
        ("rule_of_law", 2025, false, &[("report_publish", "2026-03-31")]),
        // A department: upward "3月1日前" (the end of February, a Saturday: no roll-over) and 31 March.
        ("rule_of_law", 2025, true, &[("report_submit", "2026-02-28"), ("report_publish", "2026-03-31")]),
        // A leap year: the end of February is the 29th.
        ("rule_of_law", 2023, true, &[("report_submit", "2024-02-29"), ("report_publish", "2024-03-31")]),
        // 条例 Art. 49: departments 31 January (a Saturday, kept), governments 31 March.
        ("goi", 2025, true, &[("report_publish", "2026-01-31")]),
        ("goi", 2025, false, &[("report_publish", "2026-03-31")]),
        ("goi", 2024, false, &[("report_publish", "2025-03-31")]),
    ];
    for (kind, year, dept, expected) in rows {
        let opened = format!("{}-01-05", year + 1);
        let got = if *kind == "rule_of_law" {
            dues(&driver, &driver.run_from(Case::<RuleOfLawReport>::new(), &[(opened.as_str(), open(*year, *dept))]))
        } else {
            dues(&driver, &driver.run_from(Case::<GoiReport>::new(), &[(opened.as_str(), open(*year, *dept))]))
        };
        let want: Vec<(String, String)> = expected.iter().map(|(s, d)| ((*s).to_owned(), (*d).to_owned())).collect();
        assert_eq!(got, want, "{kind} {year} department={dept}");
    }
}

#[test]
fn the_upward_deadline_is_a_local_setting() {
    let mut rules = RuleSet::builtin();
    rules.apply_overrides("[[rule]]\nid = \"rule_of_law_report.submit\"\nlength = 1\n").unwrap();
    let cal = Calendar::builtin();
    let engine = Engine::new(&cal, &rules);
    let case = apply(&engine, &Case::<RuleOfLawReport>::new(), &open(2025, true), d("2026-01-05"), d("2026-01-05"))
        .unwrap()
        .case;
    let s = engine.schedule(RuleOfLawReport::CLOCK, &case.common.clock_events).unwrap();
    let submit = s.deadlines.iter().find(|x| x.step == clock::SUBMIT).unwrap();
    assert_eq!(submit.due, d("2026-01-31"));
    assert!(submit.explanation.to_string().contains("不因节假日顺延"), "{}", submit.explanation);
}

#[test]
fn a_government_report_goes_through_both_meetings_and_is_published() {
    let driver = Driver::new();
    let mut case = driver.run_from(Case::<RuleOfLawReport>::new(), &[("2026-01-05", open(2025, false))]);
    assert_eq!(case.stage, Stage::Drafting);
    assert_eq!(case.common.received_on, Some(d("2025-12-31")), "the clock starts at the year's end");
    case = driver.run_from(case, &complete());
    case = driver
        .run_from(case, &[("2026-03-02", Action::Submit), ("2026-03-09", Action::Approve { opinion: String::new() })]);
    assert_eq!(case.stage, Stage::GovernmentMeeting);
    let refused = driver.refuse(&case, Action::Publish { flags: vec![] }, "2026-03-10", "2026-03-10");
    assert!(refused.contains("待政府常务会议审议") && refused.contains("不能「向社会公开」"), "{refused}");
    assert!(RuleOfLawReport::steps_missing(&case).unwrap().contains("政府常务会议审议→党委常委会"));
    let no_meeting = driver.refuse(
        &case,
        Action::GovernmentMeeting { meeting: " ".into(), opinion: String::new() },
        "2026-03-16",
        "2026-03-16",
    );
    assert!(no_meeting.contains("会议名称"), "{no_meeting}");
    case = driver.run_from(
        case,
        &[
            ("2026-03-16", Action::GovernmentMeeting { meeting: "区政府常务会议".into(), opinion: String::new() }),
            ("2026-03-23", Action::PartyMeeting { meeting: "区委常委会会议".into(), opinion: String::new() }),
        ],
    );
    assert_eq!(case.stage, Stage::Approved);
    assert!(RuleOfLawReport::steps_missing(&case).is_none());
    // A government does not report upward by the department's deadline.
    let upward = driver.refuse(&case, Action::SubmitUpward { to: "市政府".into() }, "2026-03-24", "2026-03-24");
    assert!(upward.contains("只适用于部门"), "{upward}");
    case = driver.run_from(case, &[("2026-03-27", Action::Publish { flags: vec![] })]);
    assert_eq!(case.stage, Stage::Published);
    assert_eq!(case.data.published_on, Some(d("2026-03-27")));
    assert_eq!(case.common.closed_on, Some(d("2026-03-27")));
    assert_eq!(case.data.reviews.len(), 3, "审核, 常务会议, 常委会 recorded with their dates");
    assert!(case.common.done.iter().any(|(s, on)| *s == clock::PUBLISH && *on == d("2026-03-27")));
    // Published is final: a revision is a new case.
    let again = driver.refuse(&case, write("plans", "改"), "2026-04-01", "2026-04-01");
    assert!(again.contains("已公开"), "{again}");
}

#[test]
fn a_department_goes_to_its_party_meeting_and_reports_upward() {
    let driver = Driver::new();
    let mut case = driver.run_from(Case::<RuleOfLawReport>::new(), &[("2026-01-05", open(2025, true))]);
    case = driver.run_from(case, &complete());
    case = driver
        .run_from(case, &[("2026-01-19", Action::Submit), ("2026-01-26", Action::Approve { opinion: "同意".into() })]);
    assert_eq!(case.stage, Stage::PartyMeeting, "no executive meeting of the government for a department");
    case = driver.run_from(
        case,
        &[
            ("2026-02-09", Action::PartyMeeting { meeting: "局党组会议".into(), opinion: String::new() }),
            ("2026-02-16", Action::SubmitUpward { to: "区人民政府".into() }),
        ],
    );
    assert!(case.common.done.iter().any(|(s, on)| *s == clock::SUBMIT && *on == d("2026-02-16")));
    let twice = driver.refuse(&case, Action::SubmitUpward { to: "区人民政府".into() }, "2026-02-17", "2026-02-17");
    assert!(twice.contains("报送上级"), "{twice}");
}

#[test]
fn publication_is_refused_without_its_parts_or_with_standing_flags() {
    let driver = Driver::new();
    // Drafting cannot be opened before the year ends.
    let early = driver.refuse(&Case::<RuleOfLawReport>::new(), open(2026, false), "2026-12-02", "2026-12-02");
    assert!(early.contains("尚未结束"), "{early}");
    let case = driver.run_from(Case::<RuleOfLawReport>::new(), &[("2026-01-05", open(2025, false))]);
    // Nothing written: every required part is named.
    let missing = RuleOfLawReport::missing_parts(&case);
    assert_eq!(missing.len(), 4, "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("存在的不足和原因") && m.contains("为空")), "{missing:?}");
    let submit = driver.refuse(&case, Action::Submit, "2026-01-06", "2026-01-06");
    assert!(submit.contains("缺少「主要举措和成效」部分"), "{submit}");
    // Figures alone do not fill the part on shortcomings.
    let fig = FigureLine {
        part: "shortcomings".into(),
        heading: String::new(),
        indicator: "reconsideration.received".into(),
        text: "收到行政复议申请3件".into(),
        records: "/cases".into(),
        value: 3.0,
        sentence: 0,
    };
    let mut partial = complete();
    partial.remove(1);
    let with_figures = driver.run_from(case.clone(), &partial);
    let with_figures = driver.run_from(with_figures, &[("2026-01-11", Action::Figures { figures: vec![fig] })]);
    let m = RuleOfLawReport::missing_parts(&with_figures);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("存在的不足和原因") && m[0].contains("为空"), "{m:?}");
    // A part written then emptied is missing again.
    let emptied = driver.run_from(case.clone(), &complete());
    let emptied = driver.run_from(emptied, &[("2026-01-12", write("shortcomings", "  "))]);
    assert_eq!(RuleOfLawReport::missing_parts(&emptied).len(), 1);

    // Reviewed, with a checker flag standing: refused until overridden with a reason.
    let mut ready = driver.run_from(case, &complete());
    ready = driver.run_from(
        ready,
        &[
            ("2026-03-02", Action::Submit),
            ("2026-03-09", Action::Approve { opinion: String::new() }),
            ("2026-03-16", Action::GovernmentMeeting { meeting: "常务会议".into(), opinion: String::new() }),
            ("2026-03-23", Action::PartyMeeting { meeting: "常委会".into(), opinion: String::new() }),
        ],
    );
    let flag = "报告所列“收到行政复议申请15件”与系统记录 12 不一致".to_owned();
    let blocked = driver.refuse(&ready, Action::Publish { flags: vec![flag.clone()] }, "2026-03-24", "2026-03-24");
    assert!(blocked.contains("说明理由") && blocked.contains("15件"), "{blocked}");
    let short = driver.refuse(
        &ready,
        Action::Override { reason: "数字无误".into(), flags: vec![flag.clone()] },
        "2026-03-24",
        "2026-03-24",
    );
    assert!(short.contains("至少10个字"), "{short}");
    let overridden = driver.run_from(
        ready,
        &[(
            "2026-03-24",
            Action::Override {
                reason: "该数字含上年结转的三件申请,口径已在报告中说明".into(),
                flags: vec![flag.clone()],
            },
        )],
    );
    // A new flag the override did not see still blocks.
    let other = "另一问题".to_owned();
    let still =
        driver.refuse(&overridden, Action::Publish { flags: vec![flag.clone(), other] }, "2026-03-25", "2026-03-25");
    assert!(still.contains("另一问题") && !still.contains("15件"), "{still}");
    let published = driver.run_from(overridden, &[("2026-03-25", Action::Publish { flags: vec![flag] })]);
    assert_eq!(published.stage, Stage::Published);
}

#[test]
fn the_goi_report_has_no_meetings() {
    let driver = Driver::new();
    let mut case = driver.run_from(Case::<GoiReport>::new(), &[("2026-01-05", open(2025, false))]);
    for part in ["overview", "proactive", "requests", "reviews", "problems", "other"] {
        case = driver.run_from(case, &[("2026-01-10", write(part, "本部分内容。"))]);
    }
    case = driver.run_from(
        case,
        &[
            ("2026-01-10", Action::EnterTable2 { values: [("licensing".to_owned(), 12)].into_iter().collect() }),
            ("2026-03-02", Action::Submit),
            ("2026-03-09", Action::Approve { opinion: String::new() }),
        ],
    );
    assert_eq!(case.stage, Stage::Approved);
    assert!(Report::<fazhi_core::procedure::annual_report::Goi>::steps_missing(&case).is_none());
    case = driver.run_from(case, &[("2026-03-20", Action::Publish { flags: vec![] })]);
    assert_eq!(case.stage, Stage::Published);
    assert_eq!(case.data.table2.get("licensing"), Some(&12));
    let bad = driver.refuse(
        &driver.run_from(Case::<GoiReport>::new(), &[("2026-01-05", open(2025, false))]),
        Action::EnterTable2 { values: [("bogus".to_owned(), 1)].into_iter().collect() },
        "2026-01-06",
        "2026-01-06",
    );
    assert!(bad.contains("bogus"), "{bad}");
    // The 法治政府建设 report has no table 2.
    let rol = driver.run_from(Case::<RuleOfLawReport>::new(), &[("2026-01-05", open(2025, false))]);
    let no = driver.refuse(&rol, Action::EnterTable2 { values: Default::default() }, "2026-01-06", "2026-01-06");
    assert!(no.contains("不能"), "{no}");
    let _ = RuleOfLaw;
}
