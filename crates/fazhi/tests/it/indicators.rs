//! Done when: "reconsideration and litigation indicators shown for the demo
//! district equal a direct count of the records".
//!
//! The demo district (at a few percent of its full scale) goes through the
//! real engine and storage; its indicators, as the app computes them and as
//! the indicator page shows them, are compared with counts taken straight
//! from the `cases` and `case_events` tables: the history of each case,
//! parsed as plain JSON, without the engine's records or indicator functions.

use crate::harness::{Browser, TestApp};
use fazhi_app::auth::Actor;
use fazhi_core::procedure::indicators::*;
use fazhi_core::procedure::{AppearanceDefinition, AppearanceUnit, CorrectionScope, IndicatorConfig, Value};
use fazhi_store::{units, users};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// The scale of the demo in these tests, in percent.
const SCALE: u32 = 5;

pub(crate) async fn actor(t: &TestApp, username: &str) -> Actor {
    let u = users::by_username(t.app.operator_store().pool(), username)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {username}"));
    t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) async fn unit(t: &TestApp, code: &str) -> (i64, String) {
    let u =
        units::by_code(t.app.operator_store().pool(), code).await.ok().flatten().unwrap_or_else(|| panic!("no {code}"));
    (u.id, u.path.as_str().to_owned())
}

/// A case of review with its history, as stored.
struct Case {
    kind: String,
    matter: String,
    /// The handling unit's path, and the respondent's (reconsideration).
    unit_path: String,
    respondent_path: Option<String>,
    /// (occurred_on, action JSON), in order.
    events: Vec<(String, Json)>,
}

impl Case {
    fn actions(&self, name: &str) -> impl Iterator<Item = &(String, Json)> {
        let name = name.to_owned();
        self.events.iter().filter(move |(_, a)| a["action"] == name.as_str())
    }

    /// The date the case was received: its first event.
    fn received(&self) -> &str {
        self.events.first().map(|(d, _)| d.as_str()).unwrap_or("")
    }

    /// When and how the case stands concluded after its whole history: the
    /// date of its first conclusion (a decision, judgment or withdrawal; an
    /// appeal afterwards does not move it out of that year), with the result as
    /// it stands (a second-instance 改判 replaces it). A 复议 withdrawn before
    /// acceptance or deemed abandoned (行政复议法 Arts. 31, 74) was never concluded.
    fn concluded(&self) -> Option<(String, String)> {
        let mut date: Option<String> = None;
        let mut outcome: Option<String> = None;
        for (on, a) in &self.events {
            let result = match a["action"].as_str().unwrap_or("") {
                "decide" | "judge" => a["outcome"].as_str().map(str::to_owned),
                "reject" => Some("rejected".to_owned()),
                "withdraw" if self.kind == "litigation" => Some("withdrawn".to_owned()),
                _ => None,
            };
            if let Some(r) = result {
                date.get_or_insert_with(|| on.clone());
                outcome = Some(r);
            }
        }
        date.zip(outcome)
    }
}

/// (case id, kind, matter, unit path, respondent path, date, action JSON) of one history entry.
type EventRow = (i64, String, String, String, Option<String>, String, String);

/// Every reconsideration and litigation case with its events, straight from the tables.
async fn review_cases(t: &TestApp) -> Vec<Case> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT c.id, c.kind, c.matter, n.path, r.path, e.occurred_on, e.action_json \
         FROM cases c JOIN units n ON n.id = c.unit_id LEFT JOIN units r ON r.id = c.respondent_id \
         JOIN case_events e ON e.case_id = c.id \
         WHERE c.kind IN ('reconsideration', 'litigation') ORDER BY c.id, e.seq",
    )
    .fetch_all(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut cases: BTreeMap<i64, Case> = BTreeMap::new();
    for (id, kind, matter, unit_path, respondent_path, on, json) in rows {
        let action: Json = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        cases
            .entry(id)
            .or_insert_with(|| Case { kind, matter, unit_path, respondent_path, events: Vec::new() })
            .events
            .push((on, action));
    }
    cases.into_values().collect()
}

fn in_year(date: &str, year: i32) -> bool {
    date.starts_with(&format!("{year}-"))
}

const RECONSIDERATION_CORRECTIONS: &[&str] =
    &["varied", "annulled", "confirmed_illegal", "performance_ordered", "confirmed_void"];
const LITIGATION_LOSSES: &[&str] =
    &["annulled", "performance_ordered", "payment_ordered", "confirmed_illegal", "confirmed_void", "varied"];
const HEADS: &[&str] = &["principal", "deputy", "other_responsible_leader"];

/// The indicators of `year` for the cases handled inside `path`, counted from the histories.
fn direct(cases: &[Case], path: &str, year: i32) -> Vec<(&'static str, Value)> {
    let count = |n: usize| Value::Count { count: n as u64 };
    let rate = |n: usize, d: usize| Value::Rate { numerator: n as u64, denominator: d as u64 };
    let mine = |kind: &'static str| {
        cases.iter().filter(move |c| c.kind == kind && c.unit_path.starts_with(path)).collect::<Vec<_>>()
    };
    let events_in = |cs: &[&Case], action: &str| {
        cs.iter().map(|c| c.actions(action).filter(|(d, _)| in_year(d, year)).count()).sum::<usize>()
    };

    let rec = mine("reconsideration");
    let received = events_in(&rec, "receive_application");
    let accepted = events_in(&rec, "accept");
    let rejected = events_in(&rec, "reject");
    // Concluded: a decision, or a withdrawal (termination) — a rejection is not a conclusion.
    let concluded: Vec<String> = rec
        .iter()
        .filter_map(|c| c.concluded())
        .filter(|(d, o)| in_year(d, year) && o != "rejected")
        .map(|(_, o)| o)
        .collect();
    let corrected = concluded.iter().filter(|o| RECONSIDERATION_CORRECTIONS.contains(&o.as_str())).count();
    let agreed = concluded.iter().filter(|o| *o == "mediated" || *o == "settled").count();
    let n = concluded.len();

    let lit = mine("litigation");
    let suits = events_in(&lit, "receive_complaint");
    let ended: Vec<String> =
        lit.iter().filter_map(|c| c.concluded()).filter(|(d, _)| in_year(d, year)).map(|(_, o)| o).collect();
    let lost = ended.iter().filter(|o| LITIGATION_LOSSES.contains(&o.as_str())).count();
    let mut heard = 0;
    let mut appeared = 0;
    for c in &lit {
        let hearings: Vec<&Json> =
            c.actions("hold_hearing").filter(|(d, _)| in_year(d, year)).map(|(_, a)| a).collect();
        if hearings.is_empty() {
            continue;
        }
        heard += 1;
        let head = |a: &&Json| {
            let p = &a["appearance"];
            HEADS.contains(&p["rank"].as_str().unwrap_or("")) && p["identity_proof_filed"] == true
        };
        appeared += usize::from(hearings.iter().any(head));
    }

    vec![
        (RECONSIDERATION_RECEIVED, count(received)),
        (RECONSIDERATION_ACCEPTED, count(accepted)),
        (RECONSIDERATION_REJECTED, count(rejected)),
        (RECONSIDERATION_CONCLUDED, count(n)),
        (RECONSIDERATION_CORRECTED, count(corrected)),
        (RECONSIDERATION_CORRECTION_RATE, rate(corrected, n)),
        (RECONSIDERATION_MEDIATED_SETTLED, count(agreed)),
        (RECONSIDERATION_MEDIATION_RATE, rate(agreed, n)),
        (RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS, count(agreed + corrected)),
        (RECONSIDERATION_SUBSTANTIVE_RESOLUTION_RATE, rate(agreed + corrected, n)),
        (LITIGATION_CASES, count(suits)),
        (LITIGATION_CONCLUDED, count(ended.len())),
        (LITIGATION_HEAD_APPEARANCES, count(appeared)),
        (LITIGATION_HEAD_APPEARANCE_RATE, rate(appeared, heard)),
        (LITIGATION_LOST, count(lost)),
        (LITIGATION_LOSS_RATE, rate(lost, ended.len())),
    ]
}

pub(crate) async fn demo() -> TestApp {
    let t = TestApp::new().await;
    let added = t.app.load_demo_cases_scaled(7, SCALE).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(added.reconsideration > 200 && added.litigation > 40, "{added:?}");
    t
}

#[tokio::test]
async fn review_indicators_of_the_demo_district_equal_a_direct_count() {
    let t = demo().await;
    let coord = actor(&t, "fzb").await;
    let (gov, path) = unit(&t, "YC-GOV").await;
    let cases = review_cases(&t).await;
    for year in [2025, 2026] {
        let r = t
            .app
            .review_indicators(&coord, gov, year, true, IndicatorConfig::default())
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let shown: Vec<(&str, Value)> =
            r.reconsideration.iter().chain(&r.litigation).map(|v| (v.id.as_str(), v.value)).collect();
        let expected = direct(&cases, &path, year);
        assert_eq!(shown, expected, "{year}: every indicator equals the direct count");
        // The flows are real: something received, accepted, concluded, heard and lost.
        for id in [RECONSIDERATION_RECEIVED, RECONSIDERATION_ACCEPTED, RECONSIDERATION_CONCLUDED, LITIGATION_CASES] {
            assert!(
                find(&r.reconsideration, id).or(find(&r.litigation, id)).is_some_and(|v| v.value.count() > 0),
                "{year} {id}"
            );
        }
        // The received count is also that of the case table.
        let in_table: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM cases WHERE kind = 'reconsideration' AND received_on >= '{year}-01-01' \
             AND received_on <= '{year}-12-31'"
        ))
        .fetch_one(t.app.operator_store().pool())
        .await
        .unwrap_or(-1);
        assert_eq!(find(&r.reconsideration, RECONSIDERATION_RECEIVED).map(|v| v.value.count() as i64), Some(in_table));
    }
    let full_year = direct(&cases, &path, 2025);
    let get = |id: &str| full_year.iter().find(|(i, _)| *i == id).map(|(_, v)| *v);
    for id in [RECONSIDERATION_REJECTED, RECONSIDERATION_CORRECTED, RECONSIDERATION_MEDIATED_SETTLED, LITIGATION_LOST] {
        assert!(get(id).is_some_and(|v| v.count() > 0), "2025 {id}: the demo exercises it");
    }
    assert!(
        get(LITIGATION_HEAD_APPEARANCE_RATE).and_then(|v| v.percent()).is_some_and(|p| (60.0..100.0).contains(&p)),
        "{:?}",
        get(LITIGATION_HEAD_APPEARANCE_RATE)
    );
}

/// Issue 13: the stored projection (facts written with every step, a
/// monthly rollup per unit) gives, for every unit alone and for the district
/// with its subtree, for each month of 2025 and for the year, every
/// indicator (with each [U] variant) equal to the count over the decoded cases.
#[tokio::test]
async fn the_stored_rollup_equals_the_decoded_cases_for_every_unit_and_month() {
    let t = demo().await;
    let coord = actor(&t, "fzb").await;
    let (gov, _) = unit(&t, "YC-GOV").await;
    let pool = t.app.operator_store().pool();
    let mut places: Vec<(i64, bool)> = vec![(gov, true)];
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT unit_id FROM cases WHERE kind IN ('reconsideration', 'litigation')")
            .fetch_all(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(ids.len() > 5, "the demo spreads its cases: {ids:?}");
    places.extend(ids.into_iter().map(|id| (id, false)));
    let d = |y: i32, m: u32, day: u32| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let mut periods: Vec<Period> = (1..=12)
        .map(|m| Period {
            from: d(2025, m, 1),
            to: if m == 12 { d(2025, 12, 31) } else { d(2025, m + 1, 1).pred_opt().unwrap_or_default() },
        })
        .collect();
    periods.push(Period { from: d(2025, 1, 1), to: d(2025, 12, 31) });
    let variant = IndicatorConfig {
        correction_scope: CorrectionScope::Comprehensive,
        appearance: AppearanceDefinition { unit: AppearanceUnit::PerHearing, all_instances: false },
        ..IndicatorConfig::default()
    };
    let mut nonzero = 0;
    for (unit_id, subtree) in places {
        let (rec, lit) =
            t.app.review_records_by_decoding(&coord, unit_id, subtree).await.unwrap_or_else(|e| panic!("{e:?}"));
        for config in [IndicatorConfig::default(), variant] {
            for p in &periods {
                let (r, l) = t
                    .app
                    .review_indicators_in(&coord, unit_id, *p, subtree, config)
                    .await
                    .unwrap_or_else(|e| panic!("{e:?}"));
                assert_eq!(r, reconsideration(&rec, *p, &config), "unit {unit_id} {p:?} {config:?}");
                assert_eq!(l, litigation(&lit, *p, &config), "unit {unit_id} {p:?} {config:?}");
                nonzero += r.iter().chain(&l).filter(|v| v.value.count() > 0).count();
            }
        }
    }
    assert!(nonzero > 100, "the comparison is not over empty values: {nonzero}");
}

/// Issue 13: the grid (every unit x month of a place in one read, the
/// whole table an export or the benchmark wants) gives, for each unit and
/// month of 2025, the amounts of the counters asked for in their order,
/// equal to the facts summed directly; a counter not asked for is left out,
/// and a unit outside the place is not read.
#[tokio::test]
async fn the_grid_of_a_year_equals_the_facts_summed_by_unit_and_month() {
    let t = demo().await;
    let coord = actor(&t, "fzb").await;
    let store = t.app.operator_store();
    let pool = store.pool();
    type Row = (i64, String, String, i64);
    let direct: Vec<Row> = sqlx::query_as(
        "SELECT unit_id, SUBSTR(on_date, 1, 7), counter, CAST(SUM(amount) AS BIGINT) FROM indicator_facts \
         WHERE on_date >= '2025-01-01' AND on_date <= '2025-12-31' GROUP BY unit_id, SUBSTR(on_date, 1, 7), counter",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    // Every counter but one, to show that what is not asked for stays out.
    let mut counters: Vec<String> = direct.iter().map(|r| r.2.clone()).collect();
    counters.sort();
    counters.dedup();
    let left_out = counters.pop().unwrap_or_else(|| panic!("the demo has facts in 2025"));
    let asked: Vec<&str> = counters.iter().map(String::as_str).collect();
    async fn grid_of(
        store: &fazhi_store::Store,
        scope: &fazhi_store::Scope,
        unit: &fazhi_core::org::UnitPath,
        asked: &[&str],
    ) -> Vec<fazhi_store::indicators::GridRow> {
        let w = fazhi_store::indicators::Where {
            scope,
            unit,
            subtree: true,
            from_month: "2025-01",
            to_month: "2025-12",
            days: None,
        };
        fazhi_store::indicators::grid(store.pool(), store.dialect(), &w, asked).await.unwrap_or_else(|e| panic!("{e}"))
    }
    let grid = grid_of(store, &coord.scope, coord.scope.path(), &asked).await;
    let mut from_grid: BTreeMap<(i64, String, String), i64> = BTreeMap::new();
    for r in &grid {
        assert_eq!(r.amounts.len(), asked.len());
        for (c, n) in asked.iter().zip(&r.amounts) {
            if *n != 0 {
                from_grid.insert((r.unit_id, r.month.clone(), (*c).to_owned()), *n);
            }
        }
    }
    let expected: BTreeMap<(i64, String, String), i64> =
        direct.into_iter().filter(|r| r.2 != left_out && r.3 != 0).map(|(u, m, c, n)| ((u, m, c), n)).collect();
    assert!(expected.len() > 100, "the comparison is not over a few values: {}", expected.len());
    assert_eq!(from_grid, expected);
    let months: std::collections::BTreeSet<&str> = grid.iter().map(|r| r.month.as_str()).collect();
    assert_eq!(months.len(), 12, "{months:?}");
    // A department's grid holds the department's units only.
    let (_, dept_path) = unit(&t, "YC-SCJGJ").await;
    let dept = fazhi_core::org::UnitPath::from_stored(&dept_path).unwrap_or_else(|| panic!("{dept_path}"));
    let units_there: Vec<i64> = sqlx::query_scalar("SELECT id FROM units WHERE path LIKE $1")
        .bind(format!("{dept_path}%"))
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The distinct-case tallies of the same place, each equal to a direct count.
    let heard = ["litigation.hearing.first"];
    let w = fazhi_store::indicators::Where {
        scope: &coord.scope,
        unit: coord.scope.path(),
        subtree: true,
        from_month: "2025-01",
        to_month: "2025-12",
        days: None,
    };
    let distinct = fazhi_store::indicators::distinct_grid(pool, store.dialect(), &w, &heard)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let direct: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT unit_id, SUBSTR(on_date, 1, 7) AS m, COUNT(DISTINCT case_id) FROM indicator_facts \
         WHERE counter = 'litigation.hearing.first' AND on_date >= '2025-01-01' AND on_date <= '2025-12-31' \
         GROUP BY unit_id, SUBSTR(on_date, 1, 7) ORDER BY m, unit_id",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(direct.len() > 5, "the demo's hearings spread over units and months: {direct:?}");
    assert_eq!(distinct, direct);
    let dept_grid = grid_of(store, &coord.scope, &dept, &asked).await;
    assert!(!dept_grid.is_empty() && dept_grid.len() < grid.len(), "{} of {}", dept_grid.len(), grid.len());
    for r in dept_grid {
        assert!(units_there.contains(&r.unit_id), "unit {} is not under {dept_path}", r.unit_id);
    }
}

#[tokio::test]
async fn table_four_of_the_demo_district_equals_a_direct_count() {
    let t = demo().await;
    let coord = actor(&t, "fzb").await;
    let (gov, path) = unit(&t, "YC-GOV").await;
    let year = 2025;
    let report = t.app.goi_table4(&coord, gov, year, true).await.unwrap_or_else(|e| panic!("{e:?}"));
    let cases = review_cases(&t).await;
    // [维持, 纠正, 其他, 尚未审结, 总计] of each route, from the histories.
    let mut groups: BTreeMap<&str, [u64; 5]> = BTreeMap::new();
    for c in cases.iter().filter(|c| c.matter == "goi") {
        let (route, inside) = match c.kind.as_str() {
            "reconsideration" => {
                ("reconsideration", c.respondent_path.as_deref().is_some_and(|p| p.starts_with(&path)))
            }
            _ => {
                let after = c.actions("receive_complaint").any(|(_, a)| a["after_reconsideration"] == true);
                (if after { "after" } else { "direct" }, c.unit_path.starts_with(&path))
            }
        };
        let concluded = c.concluded();
        // Open in the year: received by its end, not concluded before it.
        let open = c.received() <= "2025-12-31" && concluded.as_ref().is_none_or(|(d, _)| d.as_str() >= "2025-01-01");
        if !inside || !open {
            continue;
        }
        let cell = match concluded {
            Some((d, o)) if in_year(&d, year) => match (c.kind.as_str(), o.as_str()) {
                ("reconsideration", "upheld" | "claim_rejected") | ("litigation", "claim_rejected") => 0,
                ("reconsideration", o) if RECONSIDERATION_CORRECTIONS.contains(&o) => 1,
                ("litigation", o) if LITIGATION_LOSSES.contains(&o) => 1,
                _ => 2,
            },
            _ => 3,
        };
        let g = groups.entry(route).or_default();
        g[cell] += 1;
        g[4] += 1;
    }
    let table = &report.table;
    assert_eq!(table.reconsideration.cells(), groups.get("reconsideration").copied().unwrap_or_default());
    assert_eq!(table.direct_suit.cells(), groups.get("direct").copied().unwrap_or_default());
    assert_eq!(table.suit_after_reconsideration.cells(), groups.get("after").copied().unwrap_or_default());
    assert!(table.reconsideration.total > 0, "goi reconsiderations in the demo");
    // And the totals are the goi cases open in the year, counted in the case table.
    let open_in_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases WHERE matter = 'goi' AND kind IN ('reconsideration', 'litigation') \
         AND received_on <= '2025-12-31' AND (closed_on IS NULL OR closed_on >= '2025-01-01')",
    )
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or(-1);
    let total = table.reconsideration.total + table.direct_suit.total + table.suit_after_reconsideration.total;
    assert_eq!(total as i64, open_in_table);
    // Goi reviews point at the disclosure reply they challenge, of the respondent.
    let linked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c JOIN cases o ON o.id = c.origin_id \
         WHERE c.kind = 'reconsideration' AND c.matter = 'goi' AND o.kind = 'disclosure' AND o.unit_id = c.respondent_id",
    )
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or(-1);
    assert!(linked > 0, "goi reconsiderations linked to disclosure replies");
}

/// The numbers in a figure cell: a count "123", or a rate "12.3%(12/100)".
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

#[tokio::test]
async fn indicator_page_shows_the_direct_count() {
    let t = demo().await;
    let (gov, path) = unit(&t, "YC-GOV").await;
    let cases = review_cases(&t).await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let login = b.login("fzb", &t.password("fzb")).await;
    assert_eq!(login.status, 303, "logged in");
    let page = b.get(&format!("/reports/indicators?unit={gov}&year=2025&subtree=1")).await;
    assert_eq!(page.status, 200);
    let cells: BTreeMap<String, String> = {
        let doc = scraper::Html::parse_document(&page.body);
        let sel = scraper::Selector::parse("td.figure[data-id]").unwrap_or_else(|e| panic!("{e:?}"));
        doc.select(&sel)
            .map(|e| (e.value().attr("data-id").unwrap_or("").to_owned(), e.text().collect::<String>()))
            // The review sections; the kinds' own sections are tested with their kinds.
            .filter(|(id, _)| id.starts_with("reconsideration.") || id.starts_with("litigation."))
            .collect()
    };
    let expected = direct(&cases, &path, 2025);
    assert_eq!(cells.len(), expected.len(), "a cell for every indicator: {cells:?}");
    for (id, value) in expected {
        let text = cells.get(id).unwrap_or_else(|| panic!("no cell for {id}"));
        let got = numbers(text);
        match value {
            Value::Count { count } => assert_eq!(got, vec![count], "{id}: {text}"),
            Value::Rate { numerator, denominator } => {
                assert_eq!(got[got.len().saturating_sub(2)..], [numerator, denominator], "{id}: {text}")
            }
        }
    }
}

/// Migration 0017 re-keys the rollup by (region, month, unit, counter): the
/// rows written before it are carried over as they were, the new key still
/// refuses a second row of the same unit, month and counter, and the
/// region stays fixed.
#[tokio::test]
async fn migration_0017_carries_the_rollup_over() {
    let db = crate::harness::TestDb::before("0017").await;
    let pool = db.store.pool();
    crate::harness::old_schema_units(pool).await;
    for sql in [
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
         VALUES ('519901', 7, '/1/7/', '2025-03', 'reconsideration.received', 4)",
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
         VALUES ('519901', 1, '/1/', '2025-03', 'reconsideration.received', 2)",
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
         VALUES ('519901', 7, '/1/7/', '2025-04', 'activity.training.people', 30)",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    db.store.migrate().await.unwrap_or_else(|e| panic!("0017 on stored rows: {e}"));
    let rows: Vec<(String, i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT region_code, unit_id, unit_path, month, counter, amount FROM indicator_rollup ORDER BY month, unit_id",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let row = |u: i64, p: &str, m: &str, c: &str, n: i64| {
        ("519901".to_owned(), u, p.to_owned(), m.to_owned(), c.to_owned(), n)
    };
    assert_eq!(
        rows,
        vec![
            row(1, "/1/", "2025-03", "reconsideration.received", 2),
            row(7, "/1/7/", "2025-03", "reconsideration.received", 4),
            row(7, "/1/7/", "2025-04", "activity.training.people", 30),
        ]
    );
    let twice = sqlx::query(
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
         VALUES ('519901', 7, '/1/7/', '2025-03', 'reconsideration.received', 1)",
    )
    .execute(pool)
    .await;
    assert!(twice.is_err(), "the key refuses a second row of the same unit, month and counter");
    let moved = sqlx::query("UPDATE indicator_rollup SET region_code = '519902' WHERE unit_id = 7").execute(pool).await;
    assert!(moved.is_err(), "region_code is never updated");
}
