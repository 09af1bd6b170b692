//! Activities of 法治建设 (issue 13, item 2): recorded, listed and filtered,
//! corrected and deleted inside the recorder's scope (a reader outside it
//! sees none and cannot touch one by id), imported from an .xlsx with good
//! and bad rows in both modes, counted in the rollup exactly as a direct
//! count of the table says (the demo's, every unit and month), and the
//! pages: a refused form keeps its input, an import shows each bad row and
//! offers the choice, the list answers the query indicators link to.

use crate::harness::{xlsx, Browser, Page, Server, TestApp};
use crate::lists::{api_get, api_post, token};
use chrono::NaiveDate;
use fazhi_app::activities::{ActivityForm, ActivityListParams, ImportMode};
use fazhi_app::auth::Actor;
use fazhi_app::AppError;
use fazhi_core::activity::{catalogue, ActivityInput};
use fazhi_core::procedure::{Period, Value};
use fazhi_store::units;
use serde_json::json;
use std::collections::HashMap;

async fn unit(t: &TestApp, code: &str) -> units::Unit {
    units::by_code(t.app.operator_store().pool(), code).await.ok().flatten().unwrap_or_else(|| panic!("no {code}"))
}

fn form(
    unit_id: Option<i64>,
    kind: &str,
    on: &str,
    topic: &str,
    people: &str,
    hours: &str,
    passed: &str,
) -> ActivityForm {
    ActivityForm {
        unit_id,
        activity: ActivityInput {
            kind: kind.into(),
            held_on: on.into(),
            topic: topic.into(),
            participants: people.into(),
            hours: hours.into(),
            passed: passed.into(),
            note: String::new(),
        },
    }
}

fn messages(e: &AppError) -> String {
    match e {
        AppError::Invalid(errs) => {
            errs.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join(" | ")
        }
        other => format!("{other:?}"),
    }
}

/// A list of five activities of the 市场监督管理局: rows 2 and 4 good, row 3
/// with a bad kind and date, row 5 of a unit outside the importer's scope
/// with too many passes, row 6 repeating row 2.
fn mixed_file() -> Vec<u8> {
    xlsx(&[
        &["单位", "活动类型", "举办日期", "主题", "参加人次", "学时", "通过人数", "备注"],
        &["YC-SCJGJ", "法治培训", "2026-01-20", "食品安全执法人员培训", "85", "3", "", ""],
        &["区市场监督管理局", "讲座", "2026-02-30", "民法典讲座", "60", "", "", ""],
        &["YC-SCJGJ", "普法活动", "2026-02-10", "3·15消费者权益保护宣传", "400", "", "", "进商场"],
        &["YC-JX01", "执法资格考试", "2026-02-12", "执法资格考试", "40", "", "41", ""],
        &["YC-SCJGJ", "法治培训", "2026-01-20", "食品安全执法人员培训", "85", "3", "", ""],
    ])
}

/// The rollup's activity indicators of a unit alone over `period`, by id.
async fn from_rollup(
    t: &TestApp,
    admin: &Actor,
    unit_id: i64,
    period: Period,
    subtree: bool,
) -> HashMap<String, Value> {
    t.app
        .activity_indicators_in(admin, unit_id, period, subtree)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .into_iter()
        .map(|v| (v.id, v.value))
        .collect()
}

/// Per unit, kind and month: (count, participants, passes, participants × tenth hours), straight from the table.
type Direct = HashMap<(i64, String, String), (u64, u64, u64, u64)>;

async fn direct_rows(t: &TestApp) -> Direct {
    let rows: Vec<(i64, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT unit_id, kind, substr(held_on, 1, 7), COUNT(*), CAST(SUM(participants) AS BIGINT), \
         CAST(SUM(COALESCE(passed, 0)) AS BIGINT), CAST(SUM(participants * COALESCE(tenth_hours, 0)) AS BIGINT) \
         FROM activities GROUP BY unit_id, kind, substr(held_on, 1, 7)",
    )
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let n = |x: i64| u64::try_from(x).unwrap_or_else(|_| panic!("negative {x}"));
    rows.into_iter().map(|(u, k, m, c, p, s, h)| ((u, k, m), (n(c), n(p), n(s), n(h)))).collect()
}

/// The value each activity indicator should have over the units and months
/// given, from the direct rows: its own reading of the catalogue's ids.
fn expected(direct: &Direct, units: &[i64], months: &[String]) -> HashMap<String, Value> {
    let sum = |kind: &str, pick: fn(&(u64, u64, u64, u64)) -> u64| -> u64 {
        direct
            .iter()
            .filter(|((u, k, m), _)| units.contains(u) && k == kind && months.contains(m))
            .map(|(_, v)| pick(v))
            .sum()
    };
    let held = |v: &(u64, u64, u64, u64)| v.0;
    let people = |v: &(u64, u64, u64, u64)| v.1;
    let passed = |v: &(u64, u64, u64, u64)| v.2;
    let hours = |v: &(u64, u64, u64, u64)| v.3;
    let c = |n: u64| Value::Count { count: n };
    let mut out = HashMap::new();
    for (id, value) in [
        ("activity.meeting_study.count", c(sum("meeting_study", held))),
        ("activity.meeting_study.people", c(sum("meeting_study", people))),
        ("activity.central_group_study.count", c(sum("central_group_study", held))),
        ("activity.training.count", c(sum("training", held))),
        ("activity.training.people", c(sum("training", people))),
        ("activity.training.person_tenth_hours", c(sum("training", hours))),
        ("activity.pre_appointment_exam.people", c(sum("pre_appointment_exam", people))),
        (
            "activity.pre_appointment_exam.pass_rate",
            Value::Rate {
                numerator: sum("pre_appointment_exam", passed),
                denominator: sum("pre_appointment_exam", people),
            },
        ),
        ("activity.enforcement_exam.people", c(sum("enforcement_exam", people))),
        (
            "activity.enforcement_exam.pass_rate",
            Value::Rate { numerator: sum("enforcement_exam", passed), denominator: sum("enforcement_exam", people) },
        ),
        ("activity.education_event.count", c(sum("education_event", held))),
        ("activity.education_event.people", c(sum("education_event", people))),
        ("activity.education_material.copies", c(sum("education_material", people))),
        ("activity.report_on_law.people", c(sum("report_on_law", people))),
        ("activity.committee_meeting.count", c(sum("committee_meeting", held))),
        ("activity.committee_group_meeting.count", c(sum("committee_group_meeting", held))),
        ("activity.constitution_oath.count", c(sum("constitution_oath", held))),
        ("activity.constitution_oath.people", c(sum("constitution_oath", people))),
    ] {
        out.insert(id.to_owned(), value);
    }
    out
}

fn months_of(year: i32) -> Vec<String> {
    (1..=12).map(|m| format!("{year}-{m:02}")).collect()
}

fn period(from: &str, to: &str) -> Period {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"));
    Period { from: d(from), to: d(to) }
}

#[tokio::test]
async fn recorded_listed_corrected_and_deleted_inside_the_scope_only() {
    let t = TestApp::new().await;
    let scj = t.actor("scj.cbr").await;
    let street = t.actor("jd01.cbr").await;
    let fzb = t.actor("fzb").await;
    let admin = t.actor("admin").await;
    let jiandu = t.actor("jiandu").await;
    let scj_unit = unit(&t, "YC-SCJGJ").await;
    let gov = unit(&t, "YC-GOV").await;

    // A handler records for their own unit (the default) and not for the government.
    let training = form(None, "法治培训", "2026-01-20", "食品安全执法人员培训", "85", "3", "");
    let id = t.app.record_activity(&scj, &training).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    let event = form(Some(scj_unit.id), "education_event", "2026-02-10", "3·15宣传", "400", "", "");
    let event_id = t.app.record_activity(&scj, &event).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    let outside = form(Some(gov.id), "会前学法", "2026-02-11", "学习行政复议法", "30", "1", "");
    let e = t.app.record_activity(&scj, &outside).await.err().unwrap_or_else(|| panic!("recorded for the government"));
    assert!(messages(&e).starts_with("unit_id: "), "{}", messages(&e));
    // The same activity twice is refused, naming it.
    let again = t.app.record_activity(&scj, &training).await.err().unwrap_or_else(|| panic!("recorded twice"));
    assert!(
        messages(&again).starts_with("topic: ") && messages(&again).contains("不能重复登记"),
        "{}",
        messages(&again)
    );
    // A supervisor reads but does not record.
    assert!(matches!(t.app.record_activity(&jiandu, &event).await, Err(AppError::Forbidden)));

    // The list, its filters and totals.
    let list = |p: ActivityListParams, a: Actor| {
        let app = t.app.clone();
        async move { app.list_activities(&a, &p).await.unwrap_or_else(|e| panic!("{}", messages(&e))) }
    };
    let mine = list(ActivityListParams::default(), scj.clone()).await;
    assert_eq!((mine.total, mine.items.len()), (2, 2));
    assert_eq!(mine.items[0].id, event_id, "the latest held first");
    let trainings =
        list(ActivityListParams { kind: "training".into(), ..ActivityListParams::default() }, scj.clone()).await;
    assert_eq!(trainings.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
    assert_eq!((trainings.totals.len(), trainings.totals[0].people), (1, 85));
    let february = ActivityListParams { from: "2026-02-01".into(), to: "2026-02-28".into(), ..Default::default() };
    assert_eq!(list(february, scj.clone()).await.total, 1);
    // The government with its subtree, as the coordinator sees it; the government alone has none.
    let subtree = ActivityListParams { unit: gov.id.to_string(), subtree: "1".into(), ..Default::default() };
    let whole = list(subtree.clone(), fzb.clone()).await;
    assert_eq!(whole.total, 2);
    assert_eq!(
        whole.totals.iter().map(|k| (k.kind.code(), k.held)).collect::<Vec<_>>(),
        vec![("training", 1), ("education_event", 1)]
    );
    let alone = ActivityListParams { unit: gov.id.to_string(), ..Default::default() };
    assert_eq!(list(alone, fzb.clone()).await.total, 0);
    // Bad filters are named, quoting the input.
    let bad = ActivityListParams {
        kind: "讲座".into(),
        from: "2026-13-01".into(),
        subtree: "2".into(),
        ..Default::default()
    };
    let e = t.app.list_activities(&scj, &bad).await.err().unwrap_or_else(|| panic!("bad filters listed"));
    for want in ["kind: 未知的活动类型“讲座”", "from: ", "“2026-13-01”", "subtree: "] {
        assert!(messages(&e).contains(want), "{want}: {}", messages(&e));
    }

    // A street's handler sees none of it and cannot touch it by id.
    assert_eq!(list(ActivityListParams::default(), street.clone()).await.total, 0);
    assert!(matches!(t.app.activity(&street, id).await, Err(AppError::NotFound)));
    assert!(matches!(t.app.delete_activity(&street, id, 1).await, Err(AppError::NotFound)));
    assert!(matches!(t.app.correct_activity(&street, id, 1, &training).await, Err(AppError::NotFound)));
    let scj_subtree = ActivityListParams { unit: scj_unit.id.to_string(), ..Default::default() };
    let e = t.app.list_activities(&street, &scj_subtree).await.err().unwrap_or_else(|| panic!("listed another's unit"));
    assert!(messages(&e).contains("不在您的权限范围内"), "{}", messages(&e));

    // The rollup follows every write.
    let q1 = period("2026-01-01", "2026-03-31");
    let rollup = |u: i64| from_rollup(&t, &admin, u, q1, false);
    assert_eq!(rollup(scj_unit.id).await["activity.training.people"], Value::Count { count: 85 });
    assert_eq!(rollup(scj_unit.id).await["activity.training.person_tenth_hours"], Value::Count { count: 85 * 30 });
    // Corrected: 85 → 90 people, 3 → 2.5 hours; an old version is refused.
    let fixed = form(None, "法治培训", "2026-01-20", "食品安全执法人员培训", "90", "2.5", "");
    assert!(matches!(t.app.correct_activity(&scj, id, 0, &fixed).await, Err(AppError::Stale)));
    t.app.correct_activity(&scj, id, 1, &fixed).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(matches!(t.app.correct_activity(&scj, id, 1, &fixed).await, Err(AppError::Stale)), "version 1 is gone");
    let after = rollup(scj_unit.id).await;
    assert_eq!(after["activity.training.people"], Value::Count { count: 90 });
    assert_eq!(after["activity.training.person_tenth_hours"], Value::Count { count: 90 * 25 });
    assert_eq!(after["activity.training.count"], Value::Count { count: 1 }, "moved, not added");
    // Deleted: its facts leave the rollup; the audit keeps what it counted, not its topic.
    assert!(matches!(t.app.delete_activity(&scj, id, 1).await, Err(AppError::Stale)));
    t.app.delete_activity(&scj, id, 2).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(matches!(t.app.activity(&scj, id).await, Err(AppError::NotFound)));
    let gone = rollup(scj_unit.id).await;
    assert_eq!(gone["activity.training.count"], Value::Count { count: 0 });
    assert_eq!(gone["activity.education_event.count"], Value::Count { count: 1 });
    let audited: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'activity' AND entity_id = $1 ORDER BY seq",
    )
    .bind(id.to_string())
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(), vec!["create", "update", "delete"]);
    assert!(audited[2].1.contains("\"participants\":90") && audited[2].2 == "null", "{:?}", audited[2]);
    assert!(
        audited.iter().all(|a| !a.1.contains("食品安全") && !a.2.contains("食品安全")),
        "no free text: {audited:?}"
    );
}

#[tokio::test]
async fn an_import_stores_nothing_or_exactly_the_good_rows() {
    let t = TestApp::new().await;
    let scj = t.actor("scj.cbr").await;
    let stored = || t.count("SELECT COUNT(*) FROM activities");

    // Checked: every bad row named with its reasons by column, nothing stored.
    let check = t.app.check_activity_import(&scj, &mixed_file()).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert_eq!(check.good.iter().map(|g| g.line).collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(check.bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![3, 5, 6]);
    let reasons =
        |line: usize| check.bad.iter().find(|b| b.line == line).map(|b| b.reasons.join(";")).unwrap_or_default();
    for want in ["「类型」“讲座”不是活动类型的可选项", "「日期」日期“2026-02-30”无效"] {
        assert!(reasons(3).contains(want), "{want}: {}", reasons(3));
    }
    for want in ["「单位」找不到单位“YC-JX01”", "「通过人数」通过人数41多于参考人数40"] {
        assert!(reasons(5).contains(want), "{want}: {}", reasons(5));
    }
    assert!(reasons(6).contains("与第2行重复"), "{}", reasons(6));
    assert_eq!(stored().await, 0);

    // All or nothing: nothing.
    let none = t.app.import_activities(&scj, &mixed_file(), ImportMode::AllOrNothing).await;
    let none = none.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert_eq!((none.stored, none.good, none.bad.len()), (0, 2, 3));
    assert_eq!(stored().await, 0);

    // The good rows only: exactly rows 2 and 4.
    let some = t.app.import_activities(&scj, &mixed_file(), ImportMode::GoodRowsOnly).await;
    let some = some.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert_eq!((some.stored, some.bad.len()), (2, 3));
    let rows: Vec<(String, String, i64, Option<i64>, String)> =
        sqlx::query_as("SELECT kind, held_on, participants, tenth_hours, note FROM activities ORDER BY held_on")
            .fetch_all(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rows,
        vec![
            ("training".into(), "2026-01-20".into(), 85, Some(30), String::new()),
            ("education_event".into(), "2026-02-10".into(), 400, None, "进商场".into()),
        ]
    );
    // The same file again: the stored rows are now repeats, nothing is added.
    let twice = t.app.import_activities(&scj, &mixed_file(), ImportMode::GoodRowsOnly).await;
    let twice = twice.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert_eq!((twice.stored, twice.good), (0, 0));
    assert!(twice.bad.iter().any(|b| b.line == 2 && b.reasons.join("").contains("与已登记的活动重复")), "{twice:?}");
    assert_eq!(stored().await, 2);
    // A file that is not a spreadsheet is refused as a whole; a street may not import for the 市场监管局.
    let e = t.app.import_activities(&scj, b"not a workbook", ImportMode::GoodRowsOnly).await.err();
    assert!(e.as_ref().is_some_and(|e| messages(e).contains("file: 无法读取上传的文件")), "{e:?}");
    let street = t.actor("jd01.cbr").await;
    let theirs =
        t.app.check_activity_import(&street, &mixed_file()).await.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(theirs.good.is_empty() && theirs.bad.len() == 5, "{theirs:?}");
}

#[tokio::test]
async fn the_rollup_equals_a_direct_count_for_every_unit_and_month_of_the_demo() {
    let t = TestApp::new().await;
    // 1 May: last year whole, this year to April.
    t.now.advance(chrono::Duration::days(60));
    let added = t.app.load_demo_activities(7).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(added > 200, "{added}");
    let admin = t.actor("admin").await;
    let direct = direct_rows(&t).await;
    // The district's year at the seeds' scale.
    let gov = unit(&t, "YC-GOV").await;
    let all = units::list(t.app.operator_store().pool(), &gov.path).await.unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i64> = all.iter().map(|u| u.id).collect();
    let year = expected(&direct, &ids, &months_of(2025));
    assert_eq!(year["activity.meeting_study.count"], Value::Count { count: 7 });
    assert_eq!(year["activity.training.people"], Value::Count { count: 2_000 });
    assert_eq!(year["activity.education_event.count"], Value::Count { count: 130 });
    // The catalogue is what the direct reading covers, no more, no less.
    let mut ids_read: Vec<&str> = year.keys().map(String::as_str).collect();
    let mut ids_defined: Vec<&str> = catalogue().iter().map(|d| d.id).collect();
    ids_read.sort_unstable();
    ids_defined.sort_unstable();
    assert_eq!(ids_read, ids_defined);

    let mut compared = 0;
    for year in [2025, 2026] {
        let periods: Vec<(Period, Vec<String>)> =
            std::iter::once((period(&format!("{year}-01-01"), &format!("{year}-12-31")), months_of(year)))
                .chain((1..=12).map(|m| {
                    let from = NaiveDate::from_ymd_opt(year, m, 1).unwrap_or_else(|| panic!("{m}"));
                    let to = from.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(from);
                    (Period { from, to }, vec![format!("{year}-{m:02}")])
                }))
                .collect();
        for (p, months) in &periods {
            for u in &all {
                let got = from_rollup(&t, &admin, u.id, *p, false).await;
                assert_eq!(got, expected(&direct, &[u.id], months), "{} {p:?}", u.name);
                compared += 1;
            }
            // The district with its subtree, and a street with its 司法所.
            for code in ["YC-GOV", "YC-JX01"] {
                let top = unit(&t, code).await;
                let below: Vec<i64> =
                    all.iter().filter(|x| x.path.as_str().starts_with(top.path.as_str())).map(|x| x.id).collect();
                let got = from_rollup(&t, &admin, top.id, *p, true).await;
                assert_eq!(got, expected(&direct, &below, months), "{code} with its subtree {p:?}");
            }
        }
    }
    assert!(compared > 1_500, "{compared}");
}

/// Posts a multipart form: text fields and, if given, a file.
async fn multipart(b: &Browser, path: &str, form_page: &str, fields: &[(&str, &str)], file: Option<Vec<u8>>) -> Page {
    let csrf = b.get(form_page).await.csrf();
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some(bytes) = file {
        form = form.part("file", reqwest::multipart::Part::bytes(bytes).file_name("活动清单.xlsx"));
    }
    let res = b.http.post(format!("{}{path}", b.base)).multipart(form).send().await.unwrap_or_else(|e| panic!("{e}"));
    let status = res.status().as_u16();
    let location = res.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Page { status, location, body: res.text().await.unwrap_or_default() }
}

fn alerts(p: &Page) -> String {
    p.select("[role=alert] li").join(" | ")
}

async fn login(s: &Server, t: &TestApp, user: &str) -> Browser {
    let b = Browser::new(s);
    b.login(user, &t.password(user)).await;
    b
}

#[tokio::test]
async fn the_pages_keep_a_refused_form_preview_an_import_and_answer_the_indicator_query() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = login(&s, &t, "scj.cbr").await;
    let scj_unit = unit(&t, "YC-SCJGJ").await;
    let stored = || t.count("SELECT COUNT(*) FROM activities");

    // Reachable from the navigation.
    let home = scj.get("/workbench").await;
    assert!(home.attr("nav.side a[href='/activities']", "href").is_some(), "a navigation entry");
    let empty = scj.get("/activities").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("没有符合条件的活动"));

    // A refused form keeps what was typed and says why, quoting it.
    let typed = [
        ("unit_id", ""),
        ("kind", "training"),
        ("held_on", "2026-03-09"),
        ("topic", "食品安全执法人员培训"),
        ("participants", "很多"),
        ("hours", "3"),
        ("passed", ""),
        ("note", "第一期"),
    ];
    let refused = scj.submit("/activities/new", "/activities/new", &typed).await;
    assert_eq!(refused.status, 422);
    let text = alerts(&refused);
    assert!(text.contains("“很多”") && text.contains("晚于今天"), "{text}");
    assert_eq!(refused.attr("input[name=topic]", "value").as_deref(), Some("食品安全执法人员培训"));
    assert_eq!(refused.attr("input[name=participants]", "value").as_deref(), Some("很多"));
    assert_eq!(refused.attr("select[name=kind] option[selected]", "value").as_deref(), Some("training"));
    assert_eq!(refused.select("textarea[name=note]"), vec!["第一期"]);
    assert_eq!(stored().await, 0);
    // Corrected and recorded.
    let mut good = typed;
    good[2] = ("held_on", "2026-01-20");
    good[4] = ("participants", "85");
    let done = scj.submit("/activities/new", "/activities/new", &good).await;
    assert_eq!(done.status, 303, "{}", alerts(&done));
    let at = done.location.clone().unwrap_or_default();
    let page = scj.get(&at).await;
    assert!(page.body.contains("已登记") && page.body.contains("食品安全执法人员培训"), "{at}");
    let id: i64 = at.trim_start_matches("/activities/").split('?').next().and_then(|x| x.parse().ok()).unwrap_or(0);

    // The import: checked first, each bad row named (row 2 is the training
    // just recorded), nothing stored, the choice offered.
    let checked = multipart(
        &scj,
        "/activities/import",
        "/activities/import",
        &[("mode", "all_or_nothing"), ("action", "check")],
        Some(mixed_file()),
    )
    .await;
    assert_eq!(checked.status, 200);
    let rows = checked.select("table.bad-rows tbody tr");
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].starts_with("第2行") && rows[0].contains("与已登记的活动重复"), "{rows:?}");
    assert!(rows[1].starts_with("第3行") && rows[1].contains("「类型」“讲座”"), "{rows:?}");
    assert!(rows[2].starts_with("第5行") && rows[2].contains("「单位」"), "{rows:?}");
    let choice = checked.select("form.choice button");
    assert!(choice.iter().any(|c| c.contains("只导入1行正确的活动")), "{choice:?}");
    assert!(checked.body.contains("全部不导入"));
    assert_eq!(stored().await, 1, "a check stores nothing");
    // All or nothing with bad rows: refused, nothing stored, the good rows still on offer.
    let refused = multipart(
        &scj,
        "/activities/import",
        "/activities/import",
        &[("mode", "all_or_nothing"), ("action", "import")],
        Some(mixed_file()),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("一条也未导入"));
    assert_eq!(stored().await, 1);
    // The user takes the good rows: the server held the file, the page names it by a token.
    let held = refused.attr("form.choice input[name=held]", "value").unwrap_or_default();
    assert_eq!(held.len(), 64, "{held}");
    let taken = multipart(
        &scj,
        "/activities/import",
        "/activities/import",
        &[("held", &held), ("action", "import"), ("mode", "good_rows_only")],
        None,
    )
    .await;
    assert_eq!(taken.status, 200, "{}", taken.select("[role=alert]").join(""));
    assert!(taken.body.contains("已导入1条活动"), "row 4");
    assert_eq!(stored().await, 2);
    let bad_mode = multipart(
        &scj,
        "/activities/import",
        "/activities/import",
        &[("mode", "maybe"), ("action", "import")],
        Some(mixed_file()),
    )
    .await;
    assert_eq!(bad_mode.status, 422);
    assert!(alerts(&bad_mode).contains("“maybe”"));
    let template = scj.get("/activities/import/template.xlsx").await;
    assert_eq!(template.status, 200);

    // The query indicators link to: a unit with its subtree, a kind, a period.
    let link = fazhi_app::activities::records_link(
        scj_unit.id,
        fazhi_core::activity::ActivityKind::Training,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
    );
    assert_eq!(link, format!("/activities?unit={}&subtree=1&kind=training&from=2026-01-01&to=2026-12-31", scj_unit.id));
    let listed = scj.get(&link).await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.select("table.activities tbody tr").len(), 1);
    assert_eq!(listed.select("table.totals tbody td"), vec!["法治培训", "1", "85(参加人次)"]);
    let bad = scj.get("/activities?kind=lecture&from=yesterday").await;
    assert_eq!(bad.status, 422);
    assert!(alerts(&bad).contains("“lecture”") && alerts(&bad).contains("“yesterday”"), "{}", alerts(&bad));

    // The API: the same list, and a record created, with structured errors.
    let tok = token(&s, &t, "scj.cbr").await;
    let (status, body) = api_get(&s, &tok, &link).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["total"].as_i64(), body["items"][0]["kind_label"].as_str()), (Some(1), Some("法治培训")));
    assert_eq!(body["totals"][0]["people"].as_i64(), Some(85));
    let (status, body) = api_get(&s, &tok, "/activities?kind=lecture").await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid")));
    assert_eq!(body["error"]["fields"][0]["field"].as_str(), Some("kind"));
    let new = json!({"kind": "宪法宣誓", "held_on": "2026-02-02", "topic": "新任科长宪法宣誓", "participants": 6});
    let (status, body) = api_post(&s, &tok, "/activities", &new).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!((body["unit_name"].as_str(), body["participants"].as_i64()), (Some("区市场监督管理局"), Some(6)));
    let wrong = json!({"kind": "宪法宣誓", "held_on": "2026-02-02", "topic": "x", "participants": -6, "hours": 1.5});
    let (status, body) = api_post(&s, &tok, "/activities", &wrong).await;
    assert_eq!(status, 400, "{body}");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, vec!["participants", "hours"], "{body}");

    // Attachments hang on an activity; another unit's handler cannot reach it.
    let csrf = scj.get(&format!("/activities/{id}")).await.csrf();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("note", "签到表")
        .part("file", reqwest::multipart::Part::bytes(b"sign-in".to_vec()).file_name("签到表.pdf"));
    let res = scj.http.post(format!("{}/activities/{id}/attachments", scj.base)).multipart(form).send().await;
    assert_eq!(res.map(|r| r.status().as_u16()).unwrap_or(0), 303);
    let shown = scj.get(&format!("/activities/{id}")).await;
    let file = shown.attr("table.attachments a", "href").unwrap_or_default();
    assert!(file.starts_with(&format!("/activities/{id}/attachments/")), "{file}");
    assert_eq!(scj.get(&file).await.body, "sign-in");
    let street = login(&s, &t, "jd01.cbr").await;
    assert_eq!(street.get(&format!("/activities/{id}")).await.status, 404);
    assert_eq!(street.get(&file).await.status, 404);
    let version = shown.attr("form[action$='/delete'] input[name=version]", "value").unwrap_or_default();
    let theirs = street.submit("/activities", &format!("/activities/{id}/delete"), &[("version", &version)]).await;
    assert_eq!(theirs.status, 404);

    // Deleted with its attachment, from its page.
    let deleted =
        scj.submit(&format!("/activities/{id}"), &format!("/activities/{id}/delete"), &[("version", &version)]).await;
    assert_eq!(deleted.status, 303);
    assert!(scj.get(deleted.location.as_deref().unwrap_or("/")).await.body.contains("已删除该条活动"));
    assert_eq!(scj.get(&format!("/activities/{id}")).await.status, 404);
    assert_eq!(t.count("SELECT COUNT(*) FROM activity_attachments").await, 0);
    let without_token = street.post(&format!("/activities/{id}/delete"), &[("version", "1")]).await;
    assert_eq!(without_token.status, 403, "no CSRF token, no deletion");
}

/// A list of `rows` good trainings at the market regulator, each with a
/// note of 1,000 pseudo-random Chinese characters (so that the file does not
/// compress away), and one bad row at the end.
fn large_file(rows: usize) -> Vec<u8> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let header = ["单位", "活动类型", "举办日期", "主题", "参加人次", "学时", "通过人数", "备注"].map(str::to_owned);
    let mut table: Vec<[String; 8]> = vec![header];
    for i in 0..rows {
        let note: String = (0..1000).filter_map(|_| char::from_u32(0x4e00 + (next() % 0x5000) as u32)).collect();
        let topic = format!("第{}期执法人员法治培训", i + 1);
        table.push(["YC-SCJGJ", "法治培训", "2026-01-05", &topic, "10", "2", "", &note].map(str::to_owned));
    }
    table.push(["YC-SCJGJ", "讲座", "2026-01-05", "不认识的类型", "10", "", "", ""].map(str::to_owned));
    let refs: Vec<Vec<&str>> = table.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    xlsx(&rows)
}

/// Checks a file on the import page (nothing stored).
async fn check(b: &Browser, file: Vec<u8>) -> Page {
    let fields = [("mode", "all_or_nothing"), ("action", "check")];
    multipart(b, "/activities/import", "/activities/import", &fields, Some(file)).await
}

/// Takes the good rows of the upload the server holds under `token`.
async fn confirm(b: &Browser, token: String) -> Page {
    let fields = [("held", token.as_str()), ("action", "import"), ("mode", "good_rows_only")];
    multipart(b, "/activities/import", "/activities/import", &fields, None).await
}

/// The preview holds the file on the server: the page carries a token, not
/// the file; the token works once, for its own session, for 30 minutes; a
/// user holds at most three uploads; logging out drops them.
#[tokio::test]
async fn an_import_preview_holds_the_file_on_the_server_for_its_session_only() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let scj = login(&s, &t, "scj.cbr").await;
    let stored = || t.count("SELECT COUNT(*) FROM activities");
    let held_rows = || t.count("SELECT COUNT(*) FROM held_uploads");

    // A 1.6 MB list: the preview page is a small fraction of it and holds no byte of it.
    let file = large_file(720);
    assert!(file.len() > 1_500_000, "{}", file.len());
    let preview = check(&scj, file.clone()).await;
    assert_eq!(preview.status, 200, "{}", alerts(&preview));
    assert!(
        preview.body.len() < file.len() / 20,
        "the page is {} bytes for a {}-byte file",
        preview.body.len(),
        file.len()
    );
    let token = preview.attr("form.choice input[name=held]", "value").unwrap_or_default();
    assert!(token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
    assert!(preview.select("form.choice button").iter().any(|c| c.contains("只导入720行正确的活动")));
    assert_eq!((held_rows().await, stored().await), (1, 0));

    // A forged token, another session of the same user, another user: refused, nothing stored.
    let forged = confirm(&scj, "0".repeat(64)).await;
    assert_eq!(forged.status, 422);
    assert!(
        alerts(&forged).contains("已失效") && alerts(&forged).contains("请重新选择文件上传"),
        "{}",
        alerts(&forged)
    );
    let garbage = confirm(&scj, "<script>".to_owned()).await;
    assert_eq!(garbage.status, 422);
    assert!(alerts(&garbage).contains("“<script>”"), "quoted: {}", alerts(&garbage));
    let other_session = login(&s, &t, "scj.cbr").await;
    assert_eq!(confirm(&other_session, token.clone()).await.status, 422);
    let other_user = login(&s, &t, "jd01.cbr").await;
    assert_eq!(confirm(&other_user, token.clone()).await.status, 422);
    assert_eq!((held_rows().await, stored().await), (1, 0), "a refused token is not spent");

    // Its own session takes the good rows, once.
    let taken = confirm(&scj, token.clone()).await;
    assert_eq!(taken.status, 200, "{}", alerts(&taken));
    assert!(taken.body.contains("已导入720条活动"), "{}", taken.select("[role=status]").join(""));
    assert_eq!((held_rows().await, stored().await), (0, 720));
    let again = confirm(&scj, token).await;
    assert_eq!(again.status, 422, "a token imports once");
    assert_eq!(stored().await, 720);

    // After 30 minutes the upload is gone (the session, kept alive, is not).
    let preview = check(&scj, mixed_file()).await;
    let late = preview.attr("form.choice input[name=held]", "value").unwrap_or_default();
    t.now.advance(chrono::Duration::minutes(20));
    assert_eq!(scj.get("/activities").await.status, 200);
    t.now.advance(chrono::Duration::minutes(11));
    let expired = confirm(&scj, late).await;
    assert_eq!(expired.status, 422, "{}", expired.body);
    assert!(alerts(&expired).contains("30分钟"), "{}", alerts(&expired));
    assert_eq!(stored().await, 720);

    // At most three held per user; logging out drops them.
    for _ in 0..4 {
        assert_eq!(check(&scj, mixed_file()).await.status, 200);
    }
    assert_eq!(held_rows().await, 3, "the oldest goes first");
    let csrf = scj.get("/activities").await.csrf();
    assert_eq!(scj.post("/logout", &[("csrf", &csrf)]).await.status, 303);
    assert_eq!(held_rows().await, 0, "gone with the session");
}
