//! 调解 through the pages and the API: a police hand-over registered,
//! mediated, agreed and judicially confirmed; a dispute mediated again after
//! the court did not confirm, linked to the first case; the demo's cases in
//! the API; its indicators equal to a direct count of the stored histories.

use crate::harness::{Browser, Page, TestApp};
use crate::reviews::{self, alerts, unit_id};
use fazhi_core::procedure::{IndicatorValue, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Records one step on the case page; it must be accepted.
async fn step(b: &Browser, case: &str, action: &str, date: &str, extra: &[(&str, &str)]) -> Page {
    let p = reviews::step(b, case, action, date, extra).await;
    assert_eq!(p.status, 303, "{action} on {date}: {}", alerts(&p));
    p
}

/// The fields of the registration form, with `changes` applied.
fn fields<'a>(unit: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("unit_id", unit),
        ("form", "people"),
        ("committee", "城南街道人民调解委员会"),
        ("received_on", "2026-02-09"),
        ("channel", "police"),
        ("referred_by", "区公安分局城南派出所"),
        ("referral_ref", "公转调〔2026〕12号"),
        ("dispute", "damages"),
        ("party_kind", "person"),
        ("name", "张三丰"),
        ("contact", "13812345678"),
        ("other_party", "李四"),
        ("subject", "饲养的犬只咬伤邻居,赔偿医疗费发生争议"),
    ];
    for (k, v) in changes {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

/// Done when: a referral from the police is registered, mediated, agreed and
/// judicially confirmed through the pages.
#[tokio::test]
async fn a_police_referral_is_registered_mediated_agreed_and_judicially_confirmed() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let office = unit_id(&t, "YC-JX01-SFS").await.to_string();
    let b = Browser::new(&s);
    b.login("jd01.cbr", &t.password("jd01.cbr")).await;

    // The case list's 调解 tab leads to the registration page.
    let list = b.get("/cases?kind=mediation").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.attr("a.button[href='/cases/new/mediation']", "href").as_deref(), Some("/cases/new/mediation"));
    let form = b.get("/cases/new/mediation").await;
    assert_eq!(form.status, 200);

    // Bad input: refused field by field in Chinese, the input kept, nothing written.
    let bad = fields(&office, &[("referred_by", ""), ("dispute", "other"), ("received_on", "2026-02-30")]);
    let refused = b.submit("/cases/new/mediation", "/cases/new/mediation", &bad).await;
    assert_eq!(refused.status, 422);
    let text = alerts(&refused);
    for want in ["请填写移交单位", "请写明纠纷的具体类型", "2026-02-30"] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert_eq!(refused.attr("input[name=name]", "value").as_deref(), Some("张三丰"), "form kept");
    assert_eq!(refused.attr("select[name=channel] option[selected]", "value").as_deref(), Some("police"));
    let bad_channel = fields(&office, &[("channel", "mail")]);
    let refused = b.submit("/cases/new/mediation", "/cases/new/mediation", &bad_channel).await;
    assert!(alerts(&refused).contains("“mail”不是纠纷来源的可选项"), "{}", alerts(&refused));
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE kind = 'mediation'")
        .fetch_one(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored, 0, "nothing half written");

    let created = b.submit("/cases/new/mediation", "/cases/new/mediation", &fields(&office, &[])).await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let case = created.location.unwrap_or_default();
    let page = b.get(&case).await;
    let number = page.select("h1").join("");
    assert!(number.starts_with("TJ-2026-"), "{number}");
    assert_eq!(page.select("dd.stage"), vec!["待受理"]);
    for fact in ["公调对接(公安机关移交)", "区公安分局城南派出所(公转调〔2026〕12号)", "损害赔偿纠纷", "李四"]
    {
        assert!(page.body.contains(fact), "{fact}");
    }
    // The handling period: 2026-02-09 + 30 = 03-11 (Wed), a local setting.
    assert!(
        page.select("table.deadlines td strong").contains(&"2026-03-11".to_owned()),
        "{:?}",
        page.select("table.deadlines td")
    );

    step(&b, &case, "accept", "2026-02-09", &[]).await;
    step(&b, &case, "schedule_session", "2026-02-10", &[("session_on", "2026-02-12")]).await;
    let waiting = b.get(&case).await;
    assert!(waiting.body.contains("已定于2026-02-12进行调解"), "session reminder");
    step(&b, &case, "hold_session", "2026-02-12", &[("note", "双方到场,调解员释法说理")]).await;
    step(&b, &case, "agree", "2026-02-12", &[("written", "1"), ("amount", "8000"), ("content", "一次性赔偿医疗费")])
        .await;
    let agreed = b.get(&case).await;
    assert_eq!(agreed.select("dd.stage"), vec!["已达成调解协议"]);
    assert!(agreed.body.contains("调解协议书,2026-02-12生效,金额8000元"), "agreement fact");
    // 司法确认 within 30 days of the agreement: 02-12 + 30 = 03-14 (Sat) → 03-16;
    // shown as the parties' option, not as met by the conclusion.
    let rows = agreed.select("table.deadlines tr");
    let confirmation = rows.iter().find(|r| r.contains("申请司法确认")).cloned().unwrap_or_default();
    assert!(confirmation.contains("2026-03-16") && confirmation.contains("双方当事人可于此日前"), "{confirmation}");
    assert!(rows.iter().any(|r| r.contains("调解结案") && r.contains("已办理(2026-02-12)")), "{rows:?}");
    assert!(agreed.select("table.records td").contains(&"双方到场,调解员释法说理".to_owned()));

    step(&b, &case, "apply_confirmation", "2026-02-25", &[("court", "云川区人民法院")]).await;
    step(&b, &case, "rule_on_confirmation", "2026-03-02", &[("result", "valid")]).await;
    let done = b.get(&case).await;
    assert_eq!(done.select("dd.stage"), vec!["已司法确认"]);
    assert!(done.body.contains("2026-02-25向云川区人民法院申请;2026-03-02确认调解协议有效"), "confirmation fact");
    let history = done.select("table.history td").join(" ");
    for line in [
        "登记人民调解纠纷(损害赔偿纠纷,公调对接(公安机关移交),区公安分局城南派出所移交)",
        "达成调解协议(制作调解协议书)",
        "司法确认:确认调解协议有效",
    ] {
        assert!(history.contains(line), "{line}: {history}");
    }
    // No step is left on a confirmed case.
    assert!(done.select("details.step").is_empty(), "no step offered");
    // The audit trail holds no personal data of the case.
    let audit: Vec<String> = sqlx::query_scalar("SELECT COALESCE(after_json, '') FROM audit_log WHERE entity = 'case'")
        .fetch_all(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(audit.iter().all(|a| !a.contains("张三丰") && !a.contains("李四") && !a.contains("13812345678")));
}

/// Issue 12: the handling period of 调解 has no national rule ([U]): a local
/// rules file (`rules_file`, [`fazhi_app::App::with_rules`]) sets it, and the
/// case page counts with it: 2026-02-09 + 45 days = 03-26 (Thursday).
#[tokio::test]
async fn the_local_mediation_period_is_the_one_the_case_page_counts_with() {
    let mut t = TestApp::new().await;
    let mut rules = fazhi_core::clock::RuleSet::builtin();
    rules
        .apply_overrides("[[rule]]\nid = \"mediation.handling\"\nlength = 45\narticle = \"某省人民调解条例第二十条\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    t.app = t.app.clone().with_rules(rules);
    let s = t.serve().await;
    let office = unit_id(&t, "YC-JX01-SFS").await.to_string();
    let b = Browser::new(&s);
    b.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let created = b.submit("/cases/new/mediation", "/cases/new/mediation", &fields(&office, &[])).await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let page = b.get(&created.location.unwrap_or_default()).await;
    let cells = page.select("table.deadlines td strong");
    assert!(cells.contains(&"2026-03-26".to_owned()), "{cells:?}");
    assert!(!cells.contains(&"2026-03-11".to_owned()), "the built-in 30 days are not used: {cells:?}");
    assert!(page.body.contains("某省人民调解条例第二十条"), "the local article is cited");
}

/// The court did not confirm: the dispute is mediated again from the case's
/// link, pre-filled, and the new case is linked to the first (人民调解法 Art. 33 ¶3).
#[tokio::test]
async fn a_dispute_mediated_again_is_linked_to_the_first_case() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let office = unit_id(&t, "YC-JX01-SFS").await.to_string();
    let b = Browser::new(&s);
    b.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let first = fields(
        &office,
        &[("channel", "application"), ("referred_by", ""), ("referral_ref", ""), ("dispute", "contract")],
    );
    let created = b.submit("/cases/new/mediation", "/cases/new/mediation", &first).await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let case = created.location.unwrap_or_default();
    step(&b, &case, "accept", "2026-02-09", &[]).await;
    step(&b, &case, "hold_session", "2026-02-10", &[]).await;
    step(&b, &case, "agree", "2026-02-10", &[("written", "1")]).await;
    step(&b, &case, "apply_confirmation", "2026-02-11", &[("court", "云川区人民法院")]).await;
    step(&b, &case, "rule_on_confirmation", "2026-02-26", &[("result", "invalid")]).await;
    let page = b.get(&case).await;
    let number = page.select("h1").join("");
    let link = format!("/cases/new/mediation?origin={number}");
    assert!(page.body.contains(&link), "the case offers to mediate again");
    let form = b.get(&link).await;
    assert_eq!(form.attr("input[name=origin]", "value").as_deref(), Some(number.as_str()));
    assert_eq!(form.attr("input[name=name]", "value").as_deref(), Some("张三丰"), "party carried over");
    let again = fields(
        &office,
        &[
            ("channel", "application"),
            ("referred_by", ""),
            ("referral_ref", ""),
            ("origin", number.as_str()),
            ("received_on", "2026-02-27"),
        ],
    );
    let created = b.submit("/cases/new/mediation", "/cases/new/mediation", &again).await;
    assert_eq!(created.status, 303, "{}", alerts(&created));
    let second = b.get(created.location.as_deref().unwrap_or("/")).await;
    assert_eq!(second.select("ul.links a"), vec![number.clone()], "linked to the first case");
    let first_page = b.get(&case).await;
    assert_eq!(first_page.select("ul.links a").len(), 1, "the first case lists the new one");
    // An unknown source number is refused, quoted.
    let unknown = fields(
        &office,
        &[("channel", "application"), ("referred_by", ""), ("referral_ref", ""), ("origin", "XF-2026-99999")],
    );
    let refused = b.submit("/cases/new/mediation", "/cases/new/mediation", &unknown).await;
    assert_eq!(refused.status, 422);
    assert!(alerts(&refused).contains("XF-2026-99999"), "{}", alerts(&refused));
}

/// A mediation case's history as stored: (date, action JSON), in order.
struct Stored {
    events: Vec<(String, Json)>,
}

impl Stored {
    fn first(&self, action: &str) -> Option<&(String, Json)> {
        self.events.iter().find(|(_, a)| a["action"] == action)
    }

    /// The group keys of the case: `form.people`, `channel.police`, `type.damages`.
    fn keys(&self) -> Vec<String> {
        let r = self.first("receive").map(|(_, a)| a.clone()).unwrap_or_default();
        let code = |k: &str| r[k].as_str().unwrap_or("").to_owned();
        vec![
            format!("form.{}", code("form")),
            format!("channel.{}", code("channel")),
            format!("type.{}", code("dispute")),
        ]
    }
}

async fn stored_mediations(t: &TestApp) -> Vec<Stored> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT c.id, e.occurred_on, e.action_json FROM cases c JOIN case_events e ON e.case_id = c.id \
         WHERE c.kind = 'mediation' ORDER BY c.id, e.seq",
    )
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut cases: BTreeMap<i64, Stored> = BTreeMap::new();
    for (id, on, json) in rows {
        let action: Json = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        cases.entry(id).or_insert_with(|| Stored { events: Vec::new() }).events.push((on, action));
    }
    cases.into_values().collect()
}

/// (accepted, succeeded, ended after acceptance) in `year` of the cases in a group.
fn direct(cases: &[&Stored], year: i32) -> (u64, u64, u64) {
    let in_year = |d: &str| d.starts_with(&format!("{year}-"));
    let (mut accepted, mut succeeded, mut ended) = (0, 0, 0);
    for c in cases {
        let Some((on, _)) = c.first("accept") else { continue };
        accepted += u64::from(in_year(on));
        if let Some((on, a)) =
            c.events.iter().find(|(_, a)| ["agree", "fail", "withdraw"].contains(&a["action"].as_str().unwrap_or("")))
        {
            if in_year(on) {
                ended += 1;
                succeeded += u64::from(a["action"] == "agree");
            }
        }
    }
    (accepted, succeeded, ended)
}

fn value(values: &[IndicatorValue], id: &str) -> Value {
    values.iter().find(|v| v.id == id).unwrap_or_else(|| panic!("no {id}")).value
}

/// Done when: the demo's mediation cases are in the API, and each indicator
/// equals a direct count of the stored histories, overall, by form, by
/// channel and by dispute type; the indicator page shows them.
#[tokio::test]
async fn the_demo_mediations_are_in_the_api_and_their_indicators_equal_a_direct_count() {
    let t = TestApp::new().await;
    let added = t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(added.mediation > 100, "{added:?}");
    let s = t.serve().await;

    // GET /api/v1/cases?kind=mediation&status=all reports them all.
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let issued = b.submit("/account/tokens", "/account/tokens", &[("name", "测试")]).await;
    let token = issued.select("code.secret").first().cloned().unwrap_or_default();
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/cases?kind=mediation&status=all&per_page=10", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 200);
    let page: Json = res.json().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page["total"].as_i64(), Some(added.mediation as i64), "{page}");
    let items = page["items"].as_array().cloned().unwrap_or_default();
    assert!(!items.is_empty() && items.iter().all(|i| i["number"].as_str().unwrap_or("").starts_with("TJ-")), "{page}");

    // The indicators of the whole district, as the app computes them.
    let u = fazhi_store::users::by_username(t.app.operator_store().pool(), "fzb").await.ok().flatten();
    let coord = t.app.actor_for(&u.unwrap_or_else(|| panic!("no fzb"))).await.unwrap_or_else(|e| panic!("{e}"));
    let gov = unit_id(&t, "YC-GOV").await;
    let stored = stored_mediations(&t).await;
    assert_eq!(stored.len(), added.mediation);
    let police = stored.iter().filter(|c| c.keys().contains(&"channel.police".to_owned())).count();
    assert!(police > 0, "公调对接 in the demo");
    for year in [2025, 2026] {
        let values = &crate::catalogue::kind_values(&t, &coord, gov, year, "mediation").await;
        let mut groups: Vec<String> = vec![String::new()];
        for v in values.iter().filter_map(|v| v.id.strip_prefix("mediation.accepted.")) {
            groups.push(v.to_owned());
        }
        assert_eq!(groups.len() * 3, values.len(), "three rows a group");
        for g in &groups {
            let mine: Vec<&Stored> = stored.iter().filter(|c| g.is_empty() || c.keys().contains(g)).collect();
            let (accepted, succeeded, ended) = direct(&mine, year);
            let id = |base: &str| if g.is_empty() { base.to_owned() } else { format!("{base}.{g}") };
            assert_eq!(value(values, &id("mediation.accepted")), Value::Count { count: accepted }, "{year} {g}");
            assert_eq!(value(values, &id("mediation.succeeded")), Value::Count { count: succeeded }, "{year} {g}");
            assert_eq!(
                value(values, &id("mediation.success_rate")),
                Value::Rate { numerator: succeeded, denominator: ended },
                "{year} {g}"
            );
        }
        // A real year (at 5%; 2026 is two months old): accepted, almost all settled.
        let (accepted, succeeded, ended) = direct(&stored.iter().collect::<Vec<_>>(), year);
        let enough = if year == 2025 { 50 } else { 5 };
        assert!(accepted > enough && succeeded * 100 >= ended * 90, "{year}: {accepted} {succeeded}/{ended}");
    }
    let shown = b.get(&format!("/reports/indicators?unit={gov}&year=2025&subtree=1")).await;
    assert!(shown.body.contains("调解") && shown.body.contains("data-id=\"mediation.success_rate.channel.police\""));
}
