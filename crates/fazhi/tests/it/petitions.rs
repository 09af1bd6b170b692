//! 信访 through the pages: a petition filed on the portal and followed by its
//! receipt code, transferred, accepted, answered within its clock and rated,
//! then a 复查 linked to it (refused when late); staff registration with its
//! refusals and repeat petitions; a diversion to 复议 linked to the 复议 it
//! becomes; the demo in the API; the demo's indicators equal to a direct count
//! of the stored histories.

use crate::harness::{Browser, TestApp};
use crate::lists::{api_get, token};
use crate::reviews::{alerts, step, unit_id};
use chrono::{Duration, NaiveDate};
use fazhi_core::clock::{Calendar, Engine, ProcedureEvent, RuleSet, Schedule, Step};
use fazhi_core::procedure::petition::{self, clock as xf};
use fazhi_core::procedure::Value;
use serde_json::Value as Json;
use std::collections::BTreeMap;

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(t.app.operator_store().pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The page path and number of the petition case numbered like `like`.
async fn case_of(t: &TestApp, sql: &str) -> (String, String) {
    let (id, number): (i64, String) =
        sqlx::query_as(sql).fetch_one(t.app.operator_store().pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    (format!("/cases/{id}"), number)
}

fn rows(page: &crate::harness::Page, css: &str) -> Vec<String> {
    page.select(css)
}

/// Issue 12, done when: "a petition filed on the portal is tracked by its
/// receipt code, transferred, handled within its clock, answered, and a 复查 is
/// linked to it".
#[tokio::test]
async fn a_portal_petition_is_tracked_transferred_answered_and_its_review_linked() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let public = Browser::new(&s);
    let office = unit_id(&t, "YC-XFJ").await.to_string();
    let subject = "反映小区违法建设影响采光,请求依法查处";
    let form = public.get("/").await;
    assert!(form.body.contains("/portal/petition"), "the portal offers 网上信访");
    // Bad input: every field named in Chinese with what was typed, the input kept, nothing written.
    let bad = public
        .submit(
            "/portal/petition",
            "/portal/petition",
            &[
                ("unit_id", &office),
                ("petitioner_kind", "person"),
                ("name", "李四"),
                ("id_number", "110105194912310021"),
                ("phone", "12345"),
                ("address", "云川区城南街道某小区"),
                ("subject", subject),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    let said = alerts(&bad);
    for part in [
        "公民身份号码应为18位且校验位正确,您输入的是“110105194912310021”",
        "“12345”",
        "请选择信访事项类别",
        "请选择此前是否就同一事项信访过",
    ] {
        assert!(said.contains(part), "{part}: {said}");
    }
    assert_eq!(bad.select("textarea[name=subject]"), vec![subject]);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'petition'").await, 0, "nothing half written");
    let filed = public
        .submit(
            "/portal/petition",
            "/portal/petition",
            &[
                ("unit_id", &office),
                ("petitioner_kind", "person"),
                ("name", "李四"),
                ("id_number", "11010519491231002X"),
                ("phone", "13912345678"),
                ("address", "云川区城南街道某小区"),
                ("category", "claim"),
                ("before", "0"),
                ("subject", subject),
            ],
        )
        .await;
    assert_eq!(filed.status, 201, "{}", alerts(&filed));
    let code = filed.select("code.receipt").first().cloned().unwrap_or_default();
    assert_eq!(code.len(), 12);
    // Received today, 2026-03-02 (Mon): transfer or notice within 15 days (Arts. 22-23) → 03-17.
    assert!(filed.body.contains("转送交办或告知期限") && filed.body.contains("2026-03-17"), "{}", filed.body);
    let track = |code: String| {
        let public = &public;
        async move { public.get(&format!("/portal/track?code={code}")).await }
    };
    let seen = track(code.clone()).await;
    assert_eq!(seen.select("dl.progress dd.stage"), vec!["已登记"]);
    assert!(seen.body.contains("信访"));
    for private in ["李四", "13912345678", "11010519491231002X", "城南街道某小区"] {
        assert!(!seen.body.contains(private), "no personal data on the portal: {private}");
    }

    // The coordinators of the government handle it (the 信访局 is in their scope).
    let staff = Browser::new(&s);
    staff.login("fzb", &t.password("fzb")).await;
    let (case, number) = case_of(&t, "SELECT id, number FROM cases WHERE kind = 'petition'").await;
    assert!(number.starts_with("XF-2026-"), "{number}");
    let page = staff.get(&case).await;
    assert!(page.body.contains("网上信访") && page.body.contains("初信初访") && page.body.contains(&code));
    t.now.advance(Duration::days(50)); // 2026-04-21
    staff.login("fzb", &t.password("fzb")).await; // the session has expired meanwhile
    let missing = step(&staff, &case, "transfer", "2026-03-06", &[]).await;
    assert_eq!(missing.status, 422, "a transfer names the competent body");
    assert_eq!(step(&staff, &case, "transfer", "2026-03-06", &[("to", "区住房和城乡建设局")]).await.status, 303);
    assert_eq!(track(code.clone()).await.select("dl.progress dd.stage"), vec!["已转送交办"]);
    assert_eq!(step(&staff, &case, "accept", "2026-03-10", &[]).await.status, 303);
    // Art. 34: 03-10 + 60 days = 05-09, a 调休 Saturday (a working day).
    let handling = staff.get(&case).await;
    assert!(
        rows(&handling, "table.deadlines tr").iter().any(|r| r.contains("办结") && r.contains("2026-05-09")),
        "{:?}",
        rows(&handling, "table.deadlines tr")
    );
    assert!(!handling.body.contains("value=\"follow_up\""), "a follow-up is never a form");
    assert_eq!(step(&staff, &case, "answer", "2026-04-20", &[]).await.status, 422, "an answer needs its opinion");
    assert_eq!(step(&staff, &case, "answer", "2026-04-20", &[("outcome", "explained")]).await.status, 303);
    assert_eq!(step(&staff, &case, "rate", "2026-04-21", &[("satisfaction", "satisfied")]).await.status, 303);
    let answered = staff.get(&case).await;
    assert_eq!(answered.select("dd.stage"), vec!["已答复"]);
    let statuses: Vec<String> = answered.select("table.deadlines td.status");
    assert!(!statuses.is_empty() && statuses.iter().all(|s| s.starts_with("已办理")), "within its clock: {statuses:?}");
    let seen = track(code.clone()).await;
    assert_eq!(seen.select("dl.progress dd.stage"), vec!["已答复"]);
    assert!(seen.body.contains("2026-04-20"));

    // The 复查 request, from the case's link (Art. 35).
    let link = format!("/cases/new/petition?origin={number}");
    assert!(answered.body.contains(&link) && answered.body.contains("登记复查请求"));
    t.now.advance(Duration::days(40)); // 2026-05-31
    staff.login("fzb", &t.password("fzb")).await;
    let form = staff.get(&link).await;
    assert_eq!(form.select("h1"), vec!["登记复查请求"]);
    assert_eq!(form.attr("input[name=reply_received_on]", "value").as_deref(), Some("2026-04-20"));
    let government = unit_id(&t, "YC-GOV").await.to_string();
    let review = |received: &'static str| {
        vec![
            ("unit_id", government.clone()),
            ("origin", number.clone()),
            ("reply_received_on", "2026-04-21".to_owned()),
            ("received_on", received.to_owned()),
            ("channel", "visit".to_owned()),
            ("petitioner_kind", "person".to_owned()),
            ("name", "李四".to_owned()),
            ("subject", format!("对{number}的处理意见不服,请求复查")),
        ]
    };
    let fields = review("2026-05-31");
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let late = staff.submit(&link, "/cases/new/petition", &refs).await;
    assert_eq!(late.status, 422);
    // 04-21 + 30 = 05-21.
    let said = alerts(&late);
    assert!(said.contains("《信访工作条例》第三十五条") && said.contains("请求期限已于2026-05-21届满"), "{said}");
    assert_eq!(late.select("h1"), vec!["登记复查请求"], "the form kept as a 复查");
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'petition'").await, 1, "nothing written");
    let fields = review("2026-05-20");
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let made = staff.submit(&link, "/cases/new/petition", &refs).await;
    assert_eq!(made.status, 303, "{}", alerts(&made));
    let review_case = made.location.unwrap_or_default();
    let page = staff.get(&review_case).await;
    assert!(page.select("ul.links li").iter().any(|l| l.contains("本案针对") && l.contains(&number)));
    // 05-20 + 30 = 06-19, 端午 (06-19..21) → 06-22.
    assert!(
        rows(&page, "table.deadlines tr").iter().any(|r| r.contains("复查意见") && r.contains("2026-06-22")),
        "{:?}",
        rows(&page, "table.deadlines tr")
    );
    let first = staff.get(&case).await;
    assert!(first.select("ul.links li").iter().any(|l| l.contains("后续案件")), "linked both ways");
    assert!(first.select(".warnings li").iter().any(|w| w.contains("信访人已请求复查")), "noted on the first case");
    assert!(!first.body.contains(&link), "one 复查 of an opinion");
    let again = staff.submit(&link, "/cases/new/petition", &refs).await;
    assert_eq!(again.status, 422);
    assert!(alerts(&again).contains("不能重复请求"), "{}", alerts(&again));
}

/// Staff registration: Chinese refusals quoting the input, repeat petitions
/// linked and warned on both cases, a diversion to 复议 linked to the 复议 it
/// becomes, and no 复议 from a petition that was not diverted there.
#[tokio::test]
async fn registration_repeats_and_a_diversion_to_reconsideration() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let staff = Browser::new(&s);
    staff.login("fzb", &t.password("fzb")).await;
    let office = unit_id(&t, "YC-XFJ").await.to_string();
    let register = |fields: Vec<(&'static str, String)>| {
        let staff = &staff;
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            staff.submit("/cases/new/petition", "/cases/new/petition", &refs).await
        }
    };
    let base = |received: &str, first: &str, repeat_of: &str| {
        vec![
            ("unit_id", office.clone()),
            ("received_on", received.to_owned()),
            ("channel", "letter".to_owned()),
            ("category", "claim".to_owned()),
            ("first", first.to_owned()),
            ("petitioner_kind", "person".to_owned()),
            ("name", "王五".to_owned()),
            ("subject", "请求解决房屋征收补偿问题".to_owned()),
            ("repeat_of", repeat_of.to_owned()),
        ]
    };
    let mut bad = base("2026-02-30", "1", "");
    bad[3].1 = "complaint".to_owned();
    let refused = register(bad).await;
    assert_eq!(refused.status, 422);
    let said = alerts(&refused);
    assert!(said.contains("“2026-02-30”") && said.contains("“complaint”不是可选的信访事项类别"), "{said}");
    assert_eq!(refused.select("textarea[name=subject]"), vec!["请求解决房屋征收补偿问题"]);
    let a = register(base("2026-02-10", "1", "")).await;
    assert_eq!(a.status, 303, "{}", alerts(&a));
    let a = a.location.unwrap_or_default();
    let a_number = staff.get(&a).await.select("h1").join("");
    let both = register(base("2026-02-20", "1", &a_number)).await;
    assert!(alerts(&both).contains("请取消“初信初访”"), "{}", alerts(&both));
    let unknown = register(base("2026-02-20", "", "XF-2026-99999")).await;
    assert!(alerts(&unknown).contains("找不到编号为“XF-2026-99999”的信访案件"), "{}", alerts(&unknown));
    let b = register(base("2026-02-20", "", &a_number)).await;
    assert_eq!(b.status, 303, "{}", alerts(&b));
    let b = b.location.unwrap_or_default();
    let b_page = staff.get(&b).await;
    assert!(b_page.select(".warnings li").iter().any(|w| w.contains("重复信访") && w.contains(&a_number)));
    assert!(b_page.body.contains("初信初访") && b_page.select("ul.links li").iter().any(|l| l.contains(&a_number)));
    let b_number = b_page.select("h1").join("");
    let a_page = staff.get(&a).await;
    assert!(a_page.select(".warnings li").iter().any(|w| w.contains("再次信访") && w.contains(&b_number)));
    assert!(a_page.select("table.history td").iter().any(|c| c.contains("就同一事项再次信访")));

    // 依法分类处理: the matter belongs to 复议 (Art. 31 (一)).
    assert_eq!(
        step(
            &staff,
            &a,
            "divert",
            "2026-02-25",
            &[("route", "reconsideration"), ("note", "告知向区人民政府申请行政复议")]
        )
        .await
        .status,
        303
    );
    let diverted = staff.get(&a).await;
    assert_eq!(diverted.select("dd.stage"), vec!["已导入法定途径"]);
    let link = format!("/cases/new/reconsideration?origin={a_number}");
    assert!(diverted.body.contains(&link) && diverted.body.contains("登记由此导入的行政复议申请"));
    let fuyi = Browser::new(&s);
    fuyi.login("fuyi", &t.password("fuyi")).await;
    assert_eq!(fuyi.get(&link).await.status, 200);
    let fields = |origin: &str| {
        vec![
            ("unit_id", String::new()),
            ("respondent_id", String::new()),
            ("origin", origin.to_owned()),
            ("matter", "expropriation".to_owned()),
            ("received_on", "2026-03-01".to_owned()),
            ("known_on", "2026-02-01".to_owned()),
            ("applicant_kind", "person".to_owned()),
            ("name", "王五".to_owned()),
            ("subject", "不服房屋征收补偿决定".to_owned()),
        ]
    };
    let zjj = unit_id(&t, "YC-ZJJ").await.to_string();
    let fy = unit_id(&t, "YC-SFJ-FY").await.to_string();
    let submit = |origin: &str| {
        let mut f = fields(origin);
        f[0].1 = fy.clone();
        f[1].1 = zjj.clone();
        f
    };
    let from_open = submit(&b_number);
    let refs: Vec<(&str, &str)> = from_open.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = fuyi.submit(&link, "/cases/new/reconsideration", &refs).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("尚未作出导入法定途径的处理"), "{}", alerts(&refused));
    let from_diverted = submit(&a_number);
    let refs: Vec<(&str, &str)> = from_diverted.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let made = fuyi.submit(&link, "/cases/new/reconsideration", &refs).await;
    assert_eq!(made.status, 303, "{}", alerts(&made));
    let fy_case = fuyi.get(&made.location.unwrap_or_default()).await;
    assert!(fy_case.select("ul.links li").iter().any(|l| l.contains("本案针对") && l.contains(&a_number)));
    assert!(staff.get(&a).await.select("ul.links li").iter().any(|l| l.contains("后续案件") && l.contains("行政复议")));
}

/// Issue 12, done when: `GET /api/v1/cases?kind=petition&status=all` reports the demo's petitions.
#[tokio::test]
async fn the_api_reports_the_demo_petitions() {
    let t = TestApp::new().await;
    let added = t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(added.petition > 0, "{added:?}");
    let s = t.serve().await;
    let fzb = token(&s, &t, "fzb").await;
    let (status, body) = api_get(&s, &fzb, "/cases?kind=petition&status=all&per_page=100").await;
    assert_eq!(status, 200, "{body}");
    let direct = count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'petition'").await;
    assert!(direct >= added.petition as i64 && direct > 0);
    assert_eq!(body["total"].as_i64(), Some(direct), "{body}");
    let items = body["items"].as_array().cloned().unwrap_or_default();
    assert!(
        !items.is_empty()
            && items
                .iter()
                .all(|i| i["kind"] == "petition" && i["number"].as_str().is_some_and(|n| n.starts_with("XF-")))
    );
}

/// One stored petition: its state and its history, as plain JSON.
struct Stored {
    state: Json,
    /// (date, action JSON), in order.
    events: Vec<(String, Json)>,
}

impl Stored {
    fn first(&self, actions: &[&str]) -> Option<&(String, Json)> {
        self.events.iter().find(|(_, a)| actions.contains(&a["action"].as_str().unwrap_or("")))
    }

    fn schedule(&self, engine: &Engine<'_>) -> Schedule {
        let events: Vec<ProcedureEvent> =
            serde_json::from_value(self.state["clock_events"].clone()).unwrap_or_else(|e| panic!("{e}"));
        engine.schedule(xf::KIND, &events).unwrap_or_else(|e| panic!("{e}"))
    }
}

fn due(s: &Schedule, step: Step) -> Option<NaiveDate> {
    s.deadlines.iter().find(|d| d.step == step).map(|d| d.due)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The 信访 indicators of `year`, counted from the histories with the legal clock.
fn direct(
    cases: &[Stored],
    year: i32,
    engine: &Engine<'_>,
) -> (Vec<(&'static str, Value)>, BTreeMap<&'static str, u64>) {
    let inside = |d: &str| d.starts_with(&format!("{year}-"));
    let (mut received, mut repeats) = (0, 0);
    let (mut timely, mut told) = (0, 0);
    let (mut on_time, mut concluded) = (0, 0);
    let (mut pleased, mut rated) = (0, 0);
    let (mut once, mut firsts) = (0, 0);
    let mut seen: BTreeMap<&'static str, u64> = BTreeMap::new();
    for c in cases {
        let (opened_on, opening) = &c.events[0];
        let first_round = opening["action"] == "register";
        let first = opening["first"] == true;
        let schedule = c.schedule(engine);
        if first_round && inside(opened_on) {
            received += 1;
            repeats += u64::from(!first);
        }
        if let (true, Some((on, _))) = (first_round, c.first(&["accept", "divert", "decline"])) {
            if inside(on) {
                told += 1;
                let transfer_due = due(&schedule, xf::TRANSFER).unwrap_or_else(|| panic!("{:?}", c.events));
                let ok = match c.first(&["transfer"]) {
                    Some((t, _)) => {
                        date(t) <= transfer_due && due(&schedule, xf::ACCEPTANCE_NOTICE).is_some_and(|d| date(on) <= d)
                    }
                    None => date(on) <= transfer_due,
                };
                timely += u64::from(ok);
                *seen.entry("late acceptance").or_default() += u64::from(!ok);
            }
        }
        if let Some((on, end)) = c.first(&["answer", "settle", "divert", "decline", "withdraw"]) {
            let how = end["action"].as_str().unwrap_or("");
            if inside(on) {
                let claim_accepted = opening["category"] == "claim" && c.first(&["accept"]).is_some();
                let limit = match opening["action"].as_str() {
                    Some("receive_review") if how != "withdraw" => {
                        due(&schedule, xf::REVIEW_OPINION).or(due(&schedule, xf::RECHECK_OPINION))
                    }
                    Some("register") if claim_accepted && how != "withdraw" && how != "decline" => {
                        due(&schedule, xf::HANDLING)
                    }
                    _ => None,
                };
                if let Some(limit) = limit {
                    concluded += 1;
                    on_time += u64::from(date(on) <= limit);
                    *seen.entry("late conclusion").or_default() += u64::from(date(on) > limit);
                }
                if first_round && first && (how == "answer" || how == "settle") {
                    firsts += 1;
                    let followed = c.first(&["follow_up"]).is_some();
                    once += u64::from(!followed);
                    *seen.entry("followed").or_default() += u64::from(followed);
                }
            }
        }
        if let Some((on, r)) = c.first(&["rate"]) {
            if inside(on) {
                rated += 1;
                pleased += u64::from(r["satisfaction"] != "unsatisfied");
            }
        }
        *seen.entry("review").or_default() += u64::from(!first_round);
    }
    let rate = |numerator, denominator| Value::Rate { numerator, denominator };
    let values = vec![
        (petition::RECEIVED, Value::Count { count: received }),
        (petition::TIMELY_ACCEPTANCE_RATE, rate(timely, told)),
        (petition::ON_TIME_CONCLUSION_RATE, rate(on_time, concluded)),
        (petition::SATISFACTION_RATE, rate(pleased, rated)),
        (petition::FIRST_RESOLUTION_RATE, rate(once, firsts)),
        (petition::REPEAT, Value::Count { count: repeats }),
    ];
    (values, seen)
}

/// Issue 12: each kind's indicators equal a direct count. The demo's petitions
/// at full scale (about 180 a year), their indicators as the app computes them
/// and as the page shows them, against counts from the `case_events` history
/// of each case and the legal clock run on its stored events.
#[tokio::test]
async fn petition_indicators_of_the_demo_equal_a_direct_count() {
    let t = TestApp::new().await;
    let added = t.app.load_demo_petitions(7, 100).await.unwrap_or_else(|e| panic!("{e:?}"));
    // 2025-01-01 to 2026-03-02 at 180 a year, plus the 复查 cases.
    assert!((200..=260).contains(&added.petitions), "{added:?}");
    assert!(added.reconsiderations > 0, "some diversions became a linked 复议: {added:?}");
    let linked = count(
        &t,
        "SELECT COUNT(*) FROM cases c JOIN cases o ON o.id = c.origin_id \
         WHERE c.kind = 'reconsideration' AND o.kind = 'petition'",
    )
    .await;
    assert_eq!(linked, added.reconsiderations as i64);
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.state_json, e.occurred_on, e.action_json FROM cases c \
         JOIN case_events e ON e.case_id = c.id WHERE c.kind = 'petition' ORDER BY c.id, e.seq",
    )
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut by_id: BTreeMap<i64, Stored> = BTreeMap::new();
    for (id, state, on, action) in rows {
        let parse = |s: &str| serde_json::from_str::<Json>(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        by_id
            .entry(id)
            .or_insert_with(|| Stored { state: parse(&state), events: Vec::new() })
            .events
            .push((on, parse(&action)));
    }
    let cases: Vec<Stored> = by_id.into_values().collect();
    assert_eq!(cases.len(), added.petitions);
    let cal = Calendar::builtin();
    let rules = RuleSet::builtin();
    let engine = Engine::new(&cal, &rules);
    let users = fazhi_store::users::by_username(t.app.operator_store().pool(), "fzb").await.ok().flatten();
    let coord = t.app.actor_for(&users.unwrap_or_else(|| panic!("fzb"))).await.unwrap_or_else(|e| panic!("{e}"));
    let gov = unit_id(&t, "YC-GOV").await;
    let mut exercised: BTreeMap<&'static str, u64> = BTreeMap::new();
    for year in [2025, 2026] {
        let values = crate::catalogue::kind_values(&t, &coord, gov, year, "petition").await;
        let shown: Vec<(&str, Value)> = values.iter().map(|v| (v.id.as_str(), v.value)).collect();
        let (expected, seen) = direct(&cases, year, &engine);
        assert_eq!(shown, expected, "{year}: every indicator equals the direct count");
        for (k, v) in seen {
            *exercised.entry(k).or_default() += v;
        }
        if year == 2025 {
            for (id, value) in &expected {
                assert!(value.count() > 0, "2025 {id}: the demo exercises it");
            }
        }
    }
    for what in ["late acceptance", "late conclusion", "followed", "review"] {
        assert!(exercised.get(what).is_some_and(|n| *n > 0), "the demo has a {what}: {exercised:?}");
    }
    let overdue = count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'petition' AND next_due < '2026-03-02'").await;
    assert!(overdue > 0, "a few overdue, never silent");
    // The indicators page shows the section.
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let page = b.get(&format!("/reports/indicators?unit={gov}&year=2025&subtree=1")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("初信初访一次性化解率") && page.body.contains("按期办结率"), "{}", page.body);
}
