//! 人大代表建议 and 政协提案 through the pages (issue 12, done when): the list
//! of a session imported from an .xlsx built here, assigned with it, answered,
//! rated by the deputy and published on the portal with the name masked; a
//! bad import names each row and column and writes nothing; the demo's
//! proposals in the API, and its indicators equal to a count of the stored
//! histories.

use crate::harness::{xlsx, Browser, Page, Server, TestApp};
use chrono::{Datelike, Months, NaiveDate, Weekday};
use fazhi_core::procedure::proposal::indicators as ind;
use fazhi_core::procedure::Value;
use serde_json::Value as Json;

/// Uploads a list on the registration page.
async fn import(b: &Browser, fields: &[(&str, &str)], file: Vec<u8>) -> Page {
    let csrf = b.get("/cases/new/proposal").await.csrf();
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    form = form.part("file", reqwest::multipart::Part::bytes(file).file_name("建议清单.xlsx"));
    let res = b
        .http
        .post(format!("{}/cases/new/proposal/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("import: {e}"));
    let status = res.status().as_u16();
    Page { status, location: None, body: res.text().await.unwrap_or_default() }
}

/// Records one step on the case page.
async fn step(b: &Browser, case: &str, action: &str, date: &str, extra: &[(&str, &str)]) {
    let page = b.get(case).await;
    let version = page.attr("input[name=version]", "value").unwrap_or_default();
    let csrf = page.csrf();
    let mut fields: Vec<(&str, &str)> =
        vec![("csrf", &csrf), ("version", &version), ("action", action), ("date", date)];
    fields.extend_from_slice(extra);
    let p = b.post(&format!("{case}/step"), &fields).await;
    assert_eq!(p.status, 303, "{case} {action}: {}", p.select("[role=alert] li").join(" | "));
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(t.app.operator_store().pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn alerts(p: &Page) -> String {
    p.select("[role=alert] li").join(" | ")
}

const SESSION: [(&str, &str); 4] = [
    ("source", "deputy"),
    ("session", "区十八届人大四次会议"),
    ("received_on", "2025-11-20"),
    ("assigned_on", "2025-12-05"),
];

#[tokio::test]
async fn a_session_import_is_assigned_replied_rated_and_published() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let coord = Browser::new(&s);
    coord.login("fzb", &t.password("fzb")).await;
    // Reachable from the kind's tab.
    let list = coord.get("/cases?kind=proposal").await;
    assert!(list.body.contains("/cases/new/proposal"), "the registration (and import) link");
    let file = xlsx(&[
        &["编号", "标题", "领衔代表", "主办单位", "会办单位"],
        &["1", "关于加强校园周边食品安全监管的建议", "王小明", "区市场监督管理局", "区教育局"],
        &["第2号", "关于规范农贸市场秩序的建议", "李红、赵刚", "区市场监督管理局", ""],
        &["3", "关于增设社区养老服务设施的建议", "陈志强", "区民政局", "区财政局、区卫生健康局"],
    ]);
    let done = import(&coord, &SESSION, file).await;
    assert_eq!(done.status, 200, "{}", alerts(&done));
    assert!(done.body.contains("已登记并交办3件"), "{}", done.select("[role=status]").join(""));
    // Assigned on 2025-12-05: the reply is due 3 months later, 2026-03-05 (Thu).
    let cases: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, stage, next_due FROM cases WHERE kind = 'proposal' ORDER BY id")
            .fetch_all(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cases.len(), 3);
    assert!(cases.iter().all(|(_, stage, due)| stage == "assigned" && due == "2026-03-05"), "{cases:?}");

    // The lead unit's handler sees its two and answers them; the coordinator the third.
    let scj = Browser::new(&s);
    scj.login("scj.cbr", &t.password("scj.cbr")).await;
    let mine = scj.get("/cases?kind=proposal").await;
    assert_eq!(mine.select("table.cases tbody tr").len(), 2, "{}", mine.body.len());
    for (id, _, _) in &cases {
        let case = format!("/cases/{id}");
        let b = if *id == cases[2].0 { &coord } else { &scj };
        let page = b.get(&case).await;
        assert!(page.body.contains("区十八届人大四次会议第"), "the session and number are facts");
        step(b, &case, "meet", "2026-01-15", &[]).await;
        step(b, &case, "reply", "2026-02-10", &[("class", "A"), ("public", "1")]).await;
        step(b, &case, "feedback", "2026-02-20", &[("satisfaction", "satisfied")]).await;
        let closed = b.get(&case).await;
        assert_eq!(closed.select("dd.stage"), vec!["已办结"]);
        assert!(closed.select("table.records td").iter().any(|c| c.starts_with("按期")), "replied in time");
        // The reply page: the draft masked, then published.
        let draft = b.get(&format!("{case}/reply")).await;
        assert_eq!(draft.status, 200, "{case}/reply");
        let body = format!(
            "{}代表:\n\n您提出的建议收悉。经研究,我局已于2026年1月组织专项检查,并建立长效机制。联系人:张科长,电话13812345678。",
            if *id == cases[0].0 { "王小明" } else if *id == cases[1].0 { "李红、赵刚" } else { "陈志强" }
        );
        let csrf = draft.csrf();
        let published = b
            .post(
                &format!("{case}/reply"),
                &[("csrf", &csrf), ("body", &body), ("intent", "publish"), ("names", "张科长"), ("checked", "1")],
            )
            .await;
        assert_eq!(published.status, 303, "{}", alerts(&published));
        assert!(published.location.as_deref().is_some_and(|l| l.starts_with("/portal/proposals/")));
    }

    // The portal lists the three replies; each page has the class, the text, the date, no names.
    let public = Browser::new(&s);
    let portal = public.get("/portal/proposals").await;
    assert_eq!(portal.status, 200);
    let links: Vec<String> = {
        let doc = scraper::Html::parse_document(&portal.body);
        let sel = scraper::Selector::parse("table.decisions a").unwrap_or_else(|e| panic!("{e:?}"));
        doc.select(&sel).filter_map(|a| a.value().attr("href").map(str::to_owned)).collect()
    };
    assert_eq!(links.len(), 3, "{}", portal.body);
    assert!(portal.body.contains("关于区十八届人大四次会议第1号建议的答复"));
    for link in &links {
        let p = public.get(link).await;
        assert_eq!(p.status, 200);
        assert!(p.body.contains("答复类别:A类") && p.body.contains("2026年2月10日"), "{}", p.body);
        for name in ["王小明", "李红", "赵刚", "陈志强", "张科长", "13812345678"] {
            assert!(!p.body.contains(name), "{name} on the portal");
        }
    }
    let mut texts = String::new();
    for l in &links {
        texts.push_str(&public.get(l).await.body);
    }
    assert!(texts.contains("王某代表") && texts.contains("李某、赵某代表"), "masked to the surname: {texts}");
    // Replies are not decisions: the 复议 list does not show them.
    let decisions = public.get("/portal/decisions").await;
    assert!(!decisions.body.contains("建议的答复"));
    // Concluded on the feedback.
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'proposal' AND closed_on = '2026-02-20'").await, 3);
}

#[tokio::test]
async fn a_bad_import_names_the_row_and_field_and_writes_nothing() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let coord = Browser::new(&s);
    coord.login("fzb", &t.password("fzb")).await;
    let file = xlsx(&[
        &["编号", "标题", "提出人", "主办单位", "会办单位"],
        &["1", "关于加强校园周边食品安全监管的建议", "王小明", "区市场监督管理局", ""],
        &["一", "关于规范农贸市场秩序的建议", "李红", "区市场监管局", ""],
        &["1", "关于增设社区养老服务设施的建议", "", "区民政局", "区财政厅"],
        &["4", "", "周海", "区民政局", "区民政局"],
    ]);
    let refused = import(&coord, &SESSION, file).await;
    assert_eq!(refused.status, 422);
    let errs = alerts(&refused);
    for expected in [
        "第3行「编号」:编号应为正整数(如12或“第12号”),您填写的是“一”",
        "第3行「主办单位」:找不到单位“区市场监管局”",
        "第4行「提出人」",
        "第4行「会办单位」:找不到单位“区财政厅”",
        "第5行「标题」",
        "第5行「会办单位」:“区民政局”已是主办单位",
    ] {
        assert!(errs.contains(expected), "missing「{expected}」in: {errs}");
    }
    // Row 4's number repeats row 2's only once its other fields are right: named when they are.
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'proposal'").await, 0, "nothing written");
    // The fields are kept.
    assert_eq!(
        refused.attr("form[action='/cases/new/proposal/import'] input[name=session]", "value").as_deref(),
        Some("区十八届人大四次会议")
    );
    assert_eq!(
        refused.attr("form[action='/cases/new/proposal/import'] input[name=assigned_on]", "value").as_deref(),
        Some("2025-12-05")
    );

    // A repeated number is named with the row it repeats; a registered one with its case.
    let dup = xlsx(&[
        &["编号", "标题", "提出人", "主办单位"],
        &["7", "关于加强校园周边食品安全监管的建议", "王小明", "区市场监督管理局"],
        &["7", "关于规范农贸市场秩序的建议", "李红", "区市场监督管理局"],
    ]);
    let errs = alerts(&import(&coord, &SESSION, dup).await);
    assert!(errs.contains("第3行「编号」:编号7与第2行重复"), "{errs}");
    let ok = xlsx(&[
        &["编号", "标题", "提出人", "主办单位"],
        &["7", "关于加强校园周边食品安全监管的建议", "王小明", "区市场监督管理局"],
    ]);
    let unassigned = [SESSION[0], SESSION[1], SESSION[2], ("assigned_on", "")];
    let taken = import(&coord, &unassigned, ok.clone()).await;
    assert!(taken.body.contains("已登记(尚未交办)1件"), "{}", alerts(&taken));
    let again = import(&coord, &SESSION, ok).await;
    assert!(alerts(&again).contains("区十八届人大四次会议第7号建议已登记(JYTA-2025-"), "{}", alerts(&again));
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'proposal'").await, 1);
    // Registered without an assignment date: no deadline yet, and the pages say why.
    let list = coord.get("/cases?kind=proposal").await;
    assert!(list.body.contains("已登记待交办(期限自交办之日起计算)"), "the list's reminder");
    let id: i64 = count(&t, "SELECT id FROM cases WHERE kind = 'proposal'").await;
    let page = coord.get(&format!("/cases/{id}")).await;
    assert!(page.body.contains("期限尚未起算:自交办之日起计算") && page.body.contains("尚未交办"), "the case page");
    assert!(!page.body.contains("无法计算"));
    // Assigned on its page: 2026-01-05 + 3 months = 2026-04-05, a Sunday in 清明
    // (2026-04-04..06) → 2026-04-07 (Tue).
    step(&coord, &format!("/cases/{id}"), "assign", "2026-01-05", &[]).await;
    let page = coord.get(&format!("/cases/{id}")).await;
    assert!(page.select("table.deadlines td strong").contains(&"2026-04-07".to_owned()), "the reply deadline");

    // Not a spreadsheet; a header without its columns; a bad session and date.
    let junk = import(&coord, &SESSION, b"PK not really".to_vec()).await;
    assert!(alerts(&junk).contains(".xlsx"), "{}", alerts(&junk));
    let header = import(&coord, &SESSION, xlsx(&[&["序号", "标题"], &["1", "某建议"]])).await;
    assert!(alerts(&header).contains("缺少「编号」「提出人」「主办单位」列"), "{}", alerts(&header));
    let bad_form = import(
        &coord,
        &[("source", "议案"), ("session", ""), ("received_on", "2025-13-01"), ("assigned_on", "")],
        xlsx(&[&["编号", "标题", "提出人", "主办单位"], &["8", "关于某事的建议", "王五", "区民政局"]]),
    )
    .await;
    let errs = alerts(&bad_form);
    assert!(errs.contains("请选择类别") && errs.contains("请填写届次") && errs.contains("2025-13-01"), "{errs}");
    assert_eq!(count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'proposal'").await, 1, "still one");

    // One by one: the same checks on the form, the input kept.
    let one = coord
        .submit(
            "/cases/new/proposal",
            "/cases/new/proposal",
            &[
                ("source", "member"),
                ("session", "区政协十届四次会议"),
                ("number", "第3号"),
                ("title", "关于加快老旧小区改造的提案"),
                ("proposer", "孙委员"),
                ("unit_id", ""),
                ("co_units", "区财政局"),
                ("received_on", "2025-11-20"),
                ("assigned_on", "2025-11-19"),
            ],
        )
        .await;
    assert_eq!(one.status, 422);
    assert!(alerts(&one).contains("请填写主办单位") && alerts(&one).contains("交办日期2025-11-19早于收到日期"));
    assert_eq!(
        one.attr("form[action='/cases/new/proposal'] input[name=title]", "value").as_deref(),
        Some("关于加快老旧小区改造的提案")
    );
}

/// The demo's proposals: in the API by kind, and their indicators equal to a
/// count of the stored histories (the actions as plain JSON, no engine).
#[tokio::test]
async fn demo_proposals_are_in_the_api_and_their_indicators_equal_a_direct_count() {
    let t = TestApp::new().await;
    let added = t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(added.proposal > 40, "{added:?}");
    let s: Server = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "测试")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/cases?kind=proposal&status=all&per_page=5", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    let body: Json = res.json().await.unwrap_or_else(|e| panic!("{e}"));
    let direct = count(&t, "SELECT COUNT(*) FROM cases WHERE kind = 'proposal'").await;
    assert_eq!(body["total"].as_i64(), Some(direct));
    assert!(body["items"].as_array().is_some_and(|a| a
        .iter()
        .all(|i| i["kind"] == "proposal" && i["number"].as_str().is_some_and(|n| n.starts_with("JYTA-")))));
    // A few are overdue (never silent), and the public replies are on the portal.
    let overdue = count(
        &t,
        "SELECT COUNT(*) FROM cases WHERE kind = 'proposal' AND closed_on IS NULL AND next_due < '2026-03-02'",
    )
    .await;
    assert!(overdue > 0, "some overdue");
    let published = count(
        &t,
        "SELECT COUNT(*) FROM published_documents d JOIN cases c ON c.id = d.case_id WHERE c.kind = 'proposal'",
    )
    .await;
    assert!(published > 20, "{published}");
    assert!(Browser::new(&s).get("/portal/proposals").await.body.contains("的答复"));

    // The indicators of the district's 2025, as the app computes them …
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), "fzb")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("fzb"));
    let actor = t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"));
    let gov = fazhi_store::units::by_code(t.app.operator_store().pool(), "YC-GOV")
        .await
        .ok()
        .flatten()
        .map(|u| u.id)
        .unwrap_or(0);
    let shown = &crate::catalogue::kind_values(&t, &actor, gov, 2025, "proposal").await;
    // … and from the histories.
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT e.case_id, e.occurred_on, e.action_json FROM case_events e JOIN cases c ON c.id = e.case_id \
         WHERE c.kind = 'proposal' ORDER BY e.case_id, e.seq",
    )
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut by_case: std::collections::BTreeMap<i64, Vec<(NaiveDate, Json)>> = Default::default();
    for (id, on, json) in rows {
        let on = NaiveDate::parse_from_str(&on, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"));
        by_case.entry(id).or_default().push((on, serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))));
    }
    let mut n = std::collections::BTreeMap::<&str, u64>::new();
    for events in by_case.values() {
        fn of<'e>(events: &'e [(NaiveDate, Json)], a: &'e str) -> impl Iterator<Item = &'e (NaiveDate, Json)> {
            events.iter().filter(move |(_, j)| j["action"] == a)
        }
        let Some((assigned, _)) = of(events, "assign").next() else { continue };
        if assigned.year() != 2025 {
            continue;
        }
        *n.entry("assigned").or_default() += 1;
        let source = of(events, "register")
            .next()
            .map(|(_, j)| j["source"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default();
        *n.entry(if source == "member" { "member" } else { "deputy" }).or_default() += 1;
        if of(events, "meet").next().is_some() {
            *n.entry("met").or_default() += 1;
        }
        let replies: Vec<&(NaiveDate, Json)> =
            events.iter().filter(|(_, j)| j["action"] == "reply" || j["action"] == "rereply").collect();
        if let Some((first, _)) = replies.first() {
            *n.entry("replied").or_default() += 1;
            let months = if of(events, "approve_difficult").next().is_some() { 6 } else { 3 };
            let mut due = assigned.checked_add_months(Months::new(months)).unwrap_or(*assigned);
            while matches!(due.weekday(), Weekday::Sat | Weekday::Sun) {
                due = due.succ_opt().unwrap_or(due);
            }
            if *first <= due {
                *n.entry("on_time").or_default() += 1;
            }
        }
        if let Some((_, last)) = replies.last() {
            *n.entry(match last["class"].as_str() {
                Some("A") => "A",
                Some("B") => "B",
                Some("C") => "C",
                _ => "D",
            })
            .or_default() += 1;
            if last["public"] == true {
                *n.entry("public").or_default() += 1;
            }
        }
        let feedback: Vec<&str> = events
            .iter()
            .filter(|(_, j)| j["action"] == "feedback" || j["action"] == "refeedback")
            .map(|(_, j)| j["satisfaction"].as_str().unwrap_or(""))
            .collect();
        if let Some(last) = feedback.last() {
            *n.entry("returned").or_default() += 1;
            *n.entry(last).or_default() += 1;
        }
        if feedback.contains(&"dissatisfied") {
            *n.entry("rehandled").or_default() += 1;
        }
    }
    let g = |k: &str| n.get(k).copied().unwrap_or(0);
    let rate = |a: &str, b: &str| Value::Rate { numerator: g(a), denominator: g(b) };
    let expected = vec![
        (ind::ASSIGNED, Value::Count { count: g("assigned") }),
        (ind::ASSIGNED_DEPUTY, Value::Count { count: g("deputy") }),
        (ind::ASSIGNED_MEMBER, Value::Count { count: g("member") }),
        (ind::REPLY_RATE, rate("replied", "assigned")),
        (ind::ON_TIME_RATE, rate("on_time", "assigned")),
        (ind::MET_RATE, rate("met", "assigned")),
        (
            ind::SATISFACTION_RATE,
            Value::Rate { numerator: g("satisfied") + g("basically_satisfied"), denominator: g("returned") },
        ),
        (ind::SATISFIED, rate("satisfied", "returned")),
        (ind::BASICALLY_SATISFIED, rate("basically_satisfied", "returned")),
        (ind::DISSATISFIED, rate("dissatisfied", "returned")),
        (ind::CLASS_A, rate("A", "replied")),
        (ind::CLASS_B, rate("B", "replied")),
        (ind::CLASS_C, rate("C", "replied")),
        (ind::CLASS_D, rate("D", "replied")),
        (ind::PUBLIC_RATE, rate("public", "replied")),
        (ind::REHANDLED, Value::Count { count: g("rehandled") }),
    ];
    let got: Vec<(&str, Value)> = shown.iter().map(|v| (v.id.as_str(), v.value)).collect();
    assert_eq!(got, expected, "every indicator equals the direct count");
    // The demo's shares are those of district reports: nearly all answered, most in time and satisfied.
    assert!(g("assigned") > 20 && g("replied") * 100 >= g("assigned") * 80, "{n:?}");
    assert!(g("satisfied") > g("basically_satisfied") && g("A") > g("D"), "{n:?}");
    // The page shows the section.
    let page = b.get("/reports/indicators?year=2025&subtree=1").await;
    assert!(page.body.contains("建议提案") && page.body.contains("办复率"), "indicator page");
}
