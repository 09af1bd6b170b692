//! Issue 13, item 1: the indicator catalogue of every kind from the rollup,
//! equal to the count over the decoded cases for every unit and month; the
//! rebuild; the catalogue page, the records behind a value and their API,
//! in scope; the 月统计/季分析 on a small hand-counted set with its exports
//! (CSV with a BOM, .xlsx read back with calamine) and its SVG charts.

use std::collections::BTreeMap;

use crate::harness::{Browser, TestApp};
use crate::indicators::{actor, unit};
use crate::lists::{api_get, token};
use fazhi_app::auth::Actor;
use fazhi_core::indicator::{registry, Records, Span};
use fazhi_core::procedure::catalogue::{evaluate, CaseFacts};
use fazhi_core::procedure::{by_id, IndicatorConfig, IndicatorValue, Period, Value};

/// Every case decoded from its stored state, with its unit and path: the
/// direct count the projection is compared with.
async fn decoded(t: &TestApp) -> Vec<(i64, String, i64, CaseFacts<i64>)> {
    let rows: Vec<(i64, i64, String, String, String)> =
        sqlx::query_as("SELECT id, unit_id, unit_path, kind, state_json FROM cases ORDER BY id")
            .fetch_all(t.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter()
        .map(|(id, unit_id, path, kind, json)| {
            let k = by_id(&kind).unwrap_or_else(|| panic!("kind {kind}"));
            let case = k.decode(&json).unwrap_or_else(|e| panic!("{e}"));
            (unit_id, path, id, CaseFacts { case: id, facts: case.indicator_facts() })
        })
        .collect()
}

fn months(year: i32) -> Vec<Span> {
    (1..=12).map(|m| Span::Month(year, m)).chain([Span::Quarter(year, 2), Span::Year(year)]).collect()
}

/// The catalogue of every kind with a catalogue, over the decoded cases of
/// the place, in memory.
fn direct(
    cases: &[(i64, String, i64, CaseFacts<i64>)],
    unit: (i64, &str),
    subtree: bool,
    period: Period,
    config: &IndicatorConfig,
) -> Vec<(String, Value)> {
    let mine: Vec<CaseFacts<i64>> = cases
        .iter()
        .filter(|(u, path, _, _)| if subtree { path.starts_with(unit.1) } else { *u == unit.0 })
        .map(|(_, _, _, f)| f.clone())
        .collect();
    registry(config)
        .into_iter()
        .filter(|g| g.records != Records::Activities)
        .flat_map(|g| evaluate(&g.defs, &mine, period))
        .map(|v| (v.id, v.value))
        .collect()
}

fn shown(groups: &[fazhi_app::indicators::catalogue::GroupValues]) -> Vec<(String, Value)> {
    groups
        .iter()
        .filter(|g| g.records != Records::Activities)
        .flat_map(|g| &g.values)
        .map(|v| (v.id.clone(), v.value))
        .collect()
}

/// Every kind with a catalogue (行政复议, 行政应诉, 调解, 建议提案, 信访):
/// the values from the rollup equal the catalogue over the decoded cases,
/// for every unit with cases alone and the district with its subtree, each
/// month of 2025, its second quarter and the year, under two sets of \[U\]
/// variants.
#[tokio::test]
async fn the_catalogue_from_the_rollup_equals_the_decoded_cases_for_every_kind_unit_and_month() {
    let t = crate::indicators::demo().await;
    let coord = actor(&t, "fzb").await;
    let (gov, gov_path) = unit(&t, "YC-GOV").await;
    let cases = decoded(&t).await;
    let kinds: std::collections::BTreeSet<String> = cases
        .iter()
        .flat_map(|c| c.3.facts.iter().map(|f| f.counter.split('.').next().unwrap_or("").to_owned()))
        .collect();
    for k in ["reconsideration", "litigation", "mediation", "proposal", "petition"] {
        assert!(kinds.contains(k), "the demo has facts of {k}: {kinds:?}");
    }
    let mut places: Vec<(i64, String, bool)> = vec![(gov, gov_path, true)];
    let mut seen = std::collections::BTreeSet::new();
    for (u, p, _, _) in &cases {
        if seen.insert(*u) {
            places.push((*u, p.clone(), false));
        }
    }
    assert!(places.len() > 8, "{}", places.len());
    let variant = IndicatorConfig {
        correction_scope: fazhi_core::procedure::CorrectionScope::Comprehensive,
        appearance: fazhi_core::procedure::AppearanceDefinition {
            unit: fazhi_core::procedure::AppearanceUnit::PerHearing,
            all_instances: false,
        },
        ..IndicatorConfig::default()
    };
    let mut nonzero: BTreeMap<String, u64> = BTreeMap::new();
    for (unit_id, path, subtree) in &places {
        for config in [IndicatorConfig::default(), variant] {
            for span in months(2025) {
                let got = t
                    .app
                    .indicator_catalogue(&coord, *unit_id, *subtree, span, config)
                    .await
                    .unwrap_or_else(|e| panic!("{e:?}"));
                let got = shown(&got.groups);
                let want = direct(&cases, (*unit_id, path), *subtree, span.period(), &config);
                assert_eq!(got, want, "unit {unit_id} subtree {subtree} {span:?} {config:?}");
                for (id, v) in got {
                    *nonzero.entry(id.split('.').next().unwrap_or("").to_owned()).or_default() += v.count();
                }
            }
        }
    }
    for k in ["reconsideration", "litigation", "mediation", "proposal", "petition"] {
        assert!(nonzero.get(k).is_some_and(|n| *n > 0), "{k} compared over values: {nonzero:?}");
    }
}

/// The rebuild: a corrupted projection (a rollup row moved, facts deleted,
/// a row that should not exist) is recomputed from the cases and equals
/// them again; an activity counter of the rollup survives; the version is
/// recorded, and a changed version makes the start-up check rebuild.
#[tokio::test]
async fn a_corrupted_projection_is_rebuilt_from_the_cases_and_activity_rows_survive() {
    let t = crate::indicators::demo().await;
    let coord = actor(&t, "fzb").await;
    let (gov, gov_path) = unit(&t, "YC-GOV").await;
    let pool = t.app.operator_store().pool();
    let region: String = sqlx::query_scalar("SELECT region_code FROM units WHERE id = $1")
        .bind(gov)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let year = Span::Year(2025);
    let config = IndicatorConfig::default();
    let training = |groups: &[fazhi_app::indicators::catalogue::GroupValues]| {
        groups.iter().flat_map(|g| &g.values).find(|v| v.id == "activity.training.people").map(|v| v.value.count())
    };
    let first = t.app.indicator_catalogue(&coord, gov, true, year, config).await.unwrap_or_else(|e| panic!("{e:?}"));
    let before = shown(&first.groups);
    let trained = training(&first.groups).unwrap_or_else(|| panic!("activities are in the catalogue"));
    let exec = |sql: &'static str| async move {
        sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    };
    exec("UPDATE indicator_rollup SET amount = amount + 7 WHERE counter = 'petition.received'").await;
    exec("DELETE FROM indicator_facts WHERE counter LIKE 'litigation.hearing%'").await;
    exec("DELETE FROM indicator_rollup WHERE counter = 'mediation.accepted'").await;
    sqlx::query(
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) VALUES ($1, $2, $3, '2025-05', $4, $5)",
    )
    .bind(&region)
    .bind(gov)
    .bind(&gov_path)
    .bind("activity.training.people")
    .bind(120i64)
    .execute(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let broken = shown(
        &t.app.indicator_catalogue(&coord, gov, true, year, config).await.unwrap_or_else(|e| panic!("{e:?}")).groups,
    );
    assert_ne!(broken, before, "the corruption shows");
    assert!(!t.app.indicators_current().await.unwrap_or(true), "no version recorded yet");
    let mut progress = Vec::new();
    let done = t
        .app
        .rebuild_indicators(None, &mut |p: &fazhi_app::indicators::rebuild::Progress| progress.push(p.clone()))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(done.len(), 1, "one region: {done:?}");
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(pool).await.unwrap_or(-1);
    assert_eq!(done[0].cases as i64, cases);
    assert_eq!(progress.last().map(|p| (p.done, p.total)), Some((cases as u64, cases as u64)));
    let after = t.app.indicator_catalogue(&coord, gov, true, year, config).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(shown(&after.groups), before, "rebuilt");
    assert_eq!(shown(&after.groups), direct(&decoded(&t).await, (gov, &gov_path), true, year.period(), &config));
    assert_eq!(training(&after.groups), Some(trained + 120), "the activity counter is kept");
    assert!(t.app.indicators_current().await.unwrap_or(false), "the version is recorded");
    assert!(t.app.ensure_indicators_current().await.unwrap_or_else(|e| panic!("{e:?}")).is_empty());
    exec("UPDATE settings SET value = 'old' WHERE key = 'indicator_catalogue_version'").await;
    exec("DELETE FROM indicator_facts WHERE counter = 'proposal.assigned'").await;
    let rebuilt = t.app.ensure_indicators_current().await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rebuilt.len(), 1, "a changed catalogue rebuilds at start");
    let again = t.app.indicator_catalogue(&coord, gov, true, year, config).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(shown(&again.groups), before);
    // One region only, and an unknown one refused with its code.
    assert_eq!(t.app.rebuild_indicators(Some(&region), &mut |_| {}).await.map(|d| d.len()).ok(), Some(1));
    match t.app.rebuild_indicators(Some("99999x"), &mut |_| {}).await {
        Err(fazhi_app::AppError::Invalid(e)) => assert!(e[0].message.contains("99999x"), "{e:?}"),
        other => panic!("{other:?}"),
    }
}

/// The numbers of a figure cell: "123", or "12.3%(12/100)".
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

/// The catalogue page shows every kind's values as computed from the
/// cases, each linked to its records; the records page lists exactly the
/// cases behind a value (paged), and nothing outside the reader's scope.
#[tokio::test]
async fn the_catalogue_page_links_every_value_to_exactly_its_records_in_scope() {
    let t = crate::indicators::demo().await;
    let (gov, gov_path) = unit(&t, "YC-GOV").await;
    let cases = decoded(&t).await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let page = b.get(&format!("/reports/indicators?unit={gov}&period=2025-Q2&subtree=1")).await;
    assert_eq!(page.status, 200);
    let q2 = Span::Quarter(2025, 2).period();
    let expected = direct(&cases, (gov, &gov_path), true, q2, &IndicatorConfig::default());
    let doc = scraper::Html::parse_document(&page.body);
    let cell = scraper::Selector::parse("td.figure[data-id]").unwrap_or_else(|e| panic!("{e:?}"));
    let link = scraper::Selector::parse("a").unwrap_or_else(|e| panic!("{e:?}"));
    let mut cells: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for e in doc.select(&cell) {
        let links = e.select(&link).filter_map(|a| a.value().attr("href").map(str::to_owned)).collect();
        cells.insert(e.value().attr("data-id").unwrap_or("").to_owned(), (e.text().collect(), links));
    }
    for (id, v) in &expected {
        let (text, links) = cells.get(id).unwrap_or_else(|| panic!("no cell for {id}"));
        match v {
            Value::Count { count } => assert_eq!(numbers(text), vec![*count], "{id}: {text}"),
            Value::Rate { numerator, denominator } => {
                let n = numbers(text);
                assert_eq!(n[n.len() - 2..], [*numerator, *denominator], "{id}: {text}");
                assert_eq!(links.len(), 2, "{id}: numerator and denominator link to their records");
            }
        }
        assert!(links.iter().all(|l| l.starts_with(&format!("/reports/indicators/{id}/records?"))), "{id}: {links:?}");
    }
    // Activity values lead to the activities list of their kind.
    let act = cells.get("activity.training.people").unwrap_or_else(|| panic!("activities listed"));
    assert!(
        act.1[0].starts_with(&format!("/activities?unit={gov}&subtree=1&kind=training&from=2025-04-01&to=2025-06-30"))
    );
    assert!(page.body.contains("/reports/indicators/periodic?"), "a link to the periodic page");

    // The records of 收到行政复议申请 in the quarter (more than a page):
    // exactly the cases with that fact, over the pages.
    let behind: Vec<i64> = cases
        .iter()
        .filter(|(_, p, _, f)| {
            p.starts_with(&gov_path)
                && f.facts.iter().any(|x| x.counter == "reconsideration.received" && q2.contains(x.on))
        })
        .map(|(_, _, id, _)| *id)
        .collect();
    assert!(behind.len() > 50, "more than a page: {}", behind.len());
    let mut href = cells.get("reconsideration.received").unwrap_or_else(|| panic!("reconsideration")).1[0].clone();
    let mut listed: Vec<i64> = Vec::new();
    let mut pages = 0;
    loop {
        let records = b.get(&href).await;
        assert_eq!(records.status, 200, "{}", records.body);
        if pages == 0 {
            assert!(records.body.contains(&format!("共 {} 件案件", behind.len())), "the total");
            // Counters by their Chinese names, never their codes, in what a person reads.
            let text: String = scraper::Html::parse_document(&records.body).root_element().text().collect();
            assert!(text.contains("列出在期间内有以下计数事实的案件:收到复议申请。"), "{text}");
            assert!(records.select("table.cases tbody td").iter().any(|c| c.ends_with(" 收到复议申请")), "the facts");
            assert!(!text.contains("reconsideration.received") && !text.contains("reconsideration."), "{text}");
            // The date form keeps the unit and the variants.
            assert_eq!(records.attr("form.filters input[name=unit]", "value"), Some(gov.to_string()));
            assert!(records.attr("form.filters input[name=correction_scope]", "value").is_some());
        }
        pages += 1;
        let d = scraper::Html::parse_document(&records.body);
        let a = scraper::Selector::parse("table.cases td a").unwrap_or_else(|e| panic!("{e:?}"));
        listed
            .extend(d.select(&a).filter_map(|e| e.value().attr("href")?.strip_prefix("/cases/")?.parse::<i64>().ok()));
        let next = scraper::Selector::parse("p.pager a").unwrap_or_else(|e| panic!("{e:?}"));
        match d.select(&next).find(|e| e.text().collect::<String>() == "下一页") {
            Some(n) => href = n.value().attr("href").unwrap_or("").replace("&amp;", "&"),
            None => break,
        }
        assert!(pages < 10, "paging ends");
    }
    assert_eq!(pages, behind.len().div_ceil(50));
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "no case twice across pages");
    let mut want = behind.clone();
    want.sort_unstable();
    assert_eq!(sorted, want, "the records pages list exactly the cases behind the value");
    // A rate's numerator lists its own cases (a subset of the denominator's).
    let rate = &cells.get("petition.satisfaction_rate").unwrap_or_else(|| panic!("rate")).1;
    let (num, den) = (b.get(&rate[0]).await, b.get(&rate[1]).await);
    assert!(num.status == 200 && den.status == 200);
    let count = |p: &crate::harness::Page| p.select("table.cases tbody tr").len();
    assert!(count(&num) <= count(&den) && count(&den) > 0, "{} {}", count(&num), count(&den));
    assert!(num.select("p.hint").join("").contains("评价满意或基本满意"), "{}", num.body);
    // The rate listed whole offers its two parts.
    let whole = b.get(rate[0].replace("&part=numerator", "").as_str()).await;
    let parts = whole.select("p.hint a");
    assert_eq!(parts, vec!["只看分子的记录", "只看分母的记录"], "{}", whole.body);
    assert!(whole.select("p.hint").join("").contains("信访人评价、评价满意或基本满意"), "{}", whole.body);
    // Bad input: quoted, nothing computed; an unknown indicator is not found.
    let bad =
        b.get(&format!("/reports/indicators/petition.received/records?unit={gov}&from=2025-13-01&to=2025-12-31")).await;
    assert!(bad.body.contains("“2025-13-01”"), "{}", bad.body);
    let bad_period = b.get(&format!("/reports/indicators?unit={gov}&period=2025-Q7")).await;
    assert!(bad_period.body.contains("2025-Q7") && bad_period.body.contains("季度"), "the period is quoted");
    assert_eq!(b.get(&format!("/reports/indicators/nothing.here/records?unit={gov}")).await.status, 404);
    // An activity indicator's records page redirects to the activities list.
    let to_activities = b
        .get(&format!(
            "/reports/indicators/activity.training.people/records?unit={gov}&subtree=1&from=2025-01-01&to=2025-12-31"
        ))
        .await;
    assert_eq!(to_activities.status, 303);
    assert_eq!(
        to_activities.location.as_deref(),
        Some(format!("/activities?unit={gov}&subtree=1&kind=training&from=2025-01-01&to=2025-12-31").as_str())
    );

    // Scope: a street office's reader gets the district by id as not found,
    // and their own unit's records only.
    let street = Browser::new(&s);
    street.login("jd01.cbr", &t.password("jd01.cbr")).await;
    let first = &cells.get("reconsideration.received").unwrap_or_else(|| panic!("reconsideration")).1[0];
    assert_eq!(street.get(first).await.status, 404, "the district is outside the street's scope");
    assert_eq!(street.get(&format!("/reports/indicators?unit={gov}&period=2025")).await.status, 404);
}

/// The API: the catalogue with values and record addresses; the records of
/// a value as JSON, paged; structured errors; scope.
#[tokio::test]
async fn the_indicator_api_gives_values_and_records_with_structured_errors() {
    let t = crate::indicators::demo().await;
    let (gov, gov_path) = unit(&t, "YC-GOV").await;
    let cases = decoded(&t).await;
    let s = t.serve().await;
    let tok = token(&s, &t, "fzb").await;
    let (status, cat) = api_get(&s, &tok, &format!("/indicators?unit={gov}&subtree=1&period=2025")).await;
    assert_eq!(status, 200, "{cat}");
    let expected = direct(&cases, (gov, &gov_path), true, Span::Year(2025).period(), &IndicatorConfig::default());
    let mut got: Vec<(String, Value)> = Vec::new();
    for g in cat["groups"].as_array().unwrap_or(&Vec::new()) {
        if g["records"] == "activities" {
            continue;
        }
        for i in g["indicators"].as_array().unwrap_or(&Vec::new()) {
            let n = i["count"].as_u64().unwrap_or(u64::MAX);
            let v = match i["denominator"].as_u64() {
                Some(d) => Value::Rate { numerator: n, denominator: d },
                None => Value::Count { count: n },
            };
            got.push((i["id"].as_str().unwrap_or("").to_owned(), v));
        }
    }
    assert_eq!(got, expected);
    let rec = cat["groups"][1]["indicators"][0]["records"].as_str().unwrap_or("").to_owned();
    assert!(rec.starts_with("/api/v1/indicators/litigation.cases/records?"), "{rec}");
    let (status, page) = api_get(&s, &tok, rec.trim_start_matches("/api/v1")).await;
    assert_eq!(status, 200, "{page}");
    let want = expected.iter().find(|(id, _)| id == "litigation.cases").map(|(_, v)| v.count()).unwrap_or(0);
    assert_eq!(page["total"].as_u64(), Some(want));
    assert!(want > 50, "more than a page: {want}");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(50));
    let last = want.div_ceil(50);
    let (_, tail) = api_get(&s, &tok, &format!("{}&page={last}", rec.trim_start_matches("/api/v1"))).await;
    assert_eq!(tail["items"].as_array().map(|a| a.len() as u64), Some(want - 50 * (last - 1)));
    let item = &page["items"][0];
    assert!(
        item["facts"][0]["counter"] == "litigation.received"
            && item["href"].as_str().is_some_and(|h| h.starts_with("/api/v1/cases/"))
    );
    // Codes stay in the API, with their Chinese names beside them.
    assert_eq!(item["facts"][0]["counter_name"], "收到起诉(应诉)", "{item}");
    assert_eq!(
        (page["counters"][0].as_str(), page["counter_names"][0].as_str()),
        (Some("litigation.received"), Some("收到起诉(应诉)"))
    );
    // Structured errors.
    let (status, e) = api_get(&s, &tok, &format!("/indicators/nothing.here/records?unit={gov}")).await;
    assert_eq!((status, e["error"]["code"].as_str()), (404, Some("not_found")));
    let (status, e) =
        api_get(&s, &tok, &format!("/indicators/petition.received/records?unit={gov}&from=2025-02-30&to=2025-03-01"))
            .await;
    assert_eq!((status, e["error"]["code"].as_str()), (400, Some("invalid")));
    assert!(e["error"]["fields"][0]["message"].as_str().is_some_and(|m| m.contains("“2025-02-30”")), "{e}");
    let (status, e) = api_get(&s, &tok, "/indicators?period=20x5").await;
    assert_eq!(status, 400);
    assert!(e.to_string().contains("20x5"), "{e}");
    // An activity indicator: 303 to the activities API.
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
        .get(format!("{}/api/v1/indicators/activity.training.people/records?unit={gov}&subtree=1&period=2025", s.base))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status().as_u16(), 303);
    let loc = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(loc, format!("/api/v1/activities?unit={gov}&subtree=1&kind=training&from=2025-01-01&to=2025-12-31"));
    // Scope: the street's token cannot read the district.
    let street = token(&s, &t, "jd01.cbr").await;
    let (status, e) =
        api_get(&s, &street, &format!("/indicators/litigation.cases/records?unit={gov}&subtree=1&period=2025")).await;
    assert_eq!((status, e["error"]["code"].as_str()), (404, Some("not_found")));
}

/// Registers a petition at the office on `received` through the page.
async fn petition(b: &Browser, office: i64, received: &str) {
    let office = office.to_string();
    let fields = [
        ("unit_id", office.as_str()),
        ("received_on", received),
        ("channel", "letter"),
        ("category", "claim"),
        ("first", "1"),
        ("petitioner_kind", "person"),
        ("name", "王五"),
        ("subject", "请求解决房屋征收补偿问题"),
    ];
    let r = b.submit("/cases/new/petition", "/cases/new/petition", &fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
}

/// 月统计/季分析 on a hand-counted set: petitions received at one office,
/// three in March 2025, one in February 2025, two in March 2024.
#[tokio::test]
async fn the_periodic_page_compares_with_the_previous_period_and_last_year_and_exports() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    b.login("fzb", &t.password("fzb")).await;
    let (office, _) = unit(&t, "YC-XFJ").await;
    for d in ["2025-03-03", "2025-03-14", "2025-03-31", "2025-02-10", "2024-03-05", "2024-03-20"] {
        petition(&b, office, d).await;
    }
    let q = format!("unit={office}&period=2025-03");
    let page = b.get(&format!("/reports/indicators/periodic?{q}")).await;
    assert_eq!(page.status, 200);
    let row =
        |p: &crate::harness::Page, id: &str| -> Vec<String> { p.select(&format!("tr[data-id=\"{id}\"] td.figure")) };
    assert_eq!(row(&page, "petition.received"), vec!["3", "1", "+2(+200.0%)", "2", "+1(+50.0%)"]);
    assert_eq!(row(&page, "petition.repeat"), vec!["0", "0", "0", "0", "0"]);
    let quarter = b.get(&format!("/reports/indicators/periodic?unit={office}&period=2025-Q1")).await;
    assert_eq!(row(&quarter, "petition.received"), vec!["4", "0", "+4(基期为0)", "2", "+2(+100.0%)"]);
    // The chart: twelve months to March 2025, March 3 and February 1, well-formed SVG.
    let svgs: Vec<&str> = page.body.match_indices("<svg").map(|(i, _)| &page.body[i..]).collect();
    assert!(!svgs.is_empty());
    let svg = svgs
        .iter()
        .map(|x| &x[..x.find("</svg>").map(|e| e + 6).unwrap_or(x.len())])
        .find(|x| x.contains("data-id=\"petition.received\""))
        .unwrap_or_else(|| panic!("a chart of petitions"));
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut rects, mut depth) = (0, 0i32);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                rects += usize::from(e.name().as_ref() == b"rect");
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("the SVG is not well-formed: {e}\n{svg}"),
        }
    }
    assert_eq!((rects, depth), (12, 0));
    assert!(svg.contains("<title>2025-03:3</title>") && svg.contains("<title>2025-02:1</title>"), "{svg}");
    // CSV: UTF-8 with a BOM, the same figures.
    let csv = b
        .http
        .get(format!("{}/reports/indicators/periodic.csv?{q}", s.base))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(csv.headers().get("content-disposition").is_some_and(|v| v.to_str().unwrap_or("").contains(".csv")));
    let bytes = csv.bytes().await.unwrap_or_default();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF], "a byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap_or_default();
    assert!(
        text.lines().any(|l| l.starts_with("信访,收到信访事项,petition.received,3,1,+2(+200.0%),2,+1(+50.0%),")),
        "{text}"
    );
    // .xlsx, read back with calamine.
    let xlsx = b
        .http
        .get(format!("{}/reports/indicators/periodic.xlsx?{q}", s.base))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(xlsx.status().as_u16(), 200);
    let bytes = xlsx.bytes().await.unwrap_or_default().to_vec();
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let sheet = book.worksheet_range("指标统计").unwrap_or_else(|e| panic!("{e}"));
    let line = sheet
        .rows()
        .find(|r| r.get(2).map(|c| c.to_string()) == Some("petition.received".into()))
        .unwrap_or_else(|| panic!("a row for petition.received"));
    let cells: Vec<String> = line.iter().map(|c| c.to_string()).collect();
    assert_eq!(cells[3..8], ["3", "1", "+2(+200.0%)", "2", "+1(+50.0%)"]);
    assert_eq!(cells[9..12], ["3", "1", "2"], "the counts as numbers");
    assert!(sheet.rows().next().is_some_and(|r| r[0].to_string().contains("2025年3月")));
    // Bad input: the period quoted; another unit's reader gets nothing.
    let bad = b.get(&format!("/reports/indicators/periodic?unit={office}&period=2025-00")).await;
    assert!(bad.body.contains("“2025-00”"), "{}", bad.body);
    let bad_csv = b.get(&format!("/reports/indicators/periodic.csv?unit={office}&period=xyz")).await;
    assert_eq!(bad_csv.status, 400);
    let street = Browser::new(&s);
    street.login("jd01.cbr", &t.password("jd01.cbr")).await;
    assert_eq!(street.get(&format!("/reports/indicators/periodic?{q}")).await.status, 404);
    assert_eq!(street.get(&format!("/reports/indicators/periodic.xlsx?{q}")).await.status, 404);
    // The navigation leads to it.
    assert!(b.get("/workbench").await.body.contains("/reports/indicators/periodic"));
}

/// The values of one kind's group of the catalogue for a year, the unit
/// with its subtree (the kinds' own demo tests compare them with their
/// direct counts).
pub(crate) async fn kind_values(t: &TestApp, a: &Actor, unit_id: i64, year: i32, kind: &str) -> Vec<IndicatorValue> {
    t.app
        .indicator_catalogue(a, unit_id, true, Span::Year(year), IndicatorConfig::default())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .groups
        .into_iter()
        .find(|g| g.id == kind)
        .unwrap_or_else(|| panic!("no {kind} group"))
        .values
}
