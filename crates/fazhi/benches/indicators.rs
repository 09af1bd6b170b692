//! Issue 13, Measure: every indicator of every kind for every unit × the 12
//! months of the demo year, in the same run on the same data, five ways:
//!
//! 1. **rollup**: the store's one read of the year's rollup for every unit
//!    and month (`fazhi_store::indicators::grid`: the whole table folded
//!    into one value in the database) and, at the same time, its
//!    distinct-case tallies (`indicators::distinct_grid`, the same way),
//!    values computed in memory;
//! 2. **rollup per page**: `App::indicator_catalogue` for each unit and month
//!    (the indicators page's own path, one call per page view);
//! 3. **GROUP BY over the facts**: the direct query over our own projection
//!    without the rollup (`GROUP BY unit_id, month, counter`, with
//!    `COUNT(DISTINCT case_id)` for the distinct-case tallies);
//! 4. **decode everything**: every case read and decoded, its facts
//!    computed, the catalogue evaluated per unit and month (the old way);
//! 5. **plain GROUP BY over the cases**, the baseline: the records
//!    themselves grouped by unit, month, kind, stage and outcome (a part of
//!    what the indicators need, so a lower bound on a plain scan's cost);
//!    5b. the same groups only counted in the database (one row back), the
//!    scan without the driver's cost per row, as the sqlite3 shell times it.
//!
//! Ways 1–4 are checked to give the same values, then timed (best and
//! median of several runs); the ratio of way 5 to way 1 is the goal (≥ 10×).
//! Then the indicators page under concurrent load through the real server
//! (the workbench harness), p99 against the goal of 50 ms.
//!
//! Run: `cargo bench -p fazhi --bench indicators -- [USERS] [SECONDS]`
//! (defaults 50 users, 10 s).

mod common;

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use common::{load, report, serve_demo, Served};
use fazhi_app::auth::Actor;
use fazhi_core::indicator::{registry, Records, Span};
use fazhi_core::procedure::catalogue::{evaluate, CaseFacts, Fact, IndicatorDef, Measure, Tally};
use fazhi_core::procedure::{by_id, IndicatorConfig, Value};
use sqlx::AnyPool;

/// (unit id, month `YYYY-MM`) → indicator id → value.
type Table = BTreeMap<(i64, String), Vec<(&'static str, Value)>>;

fn defs() -> Vec<IndicatorDef> {
    registry(&IndicatorConfig::default())
        .into_iter()
        .filter(|g| g.records != Records::Activities)
        .flat_map(|g| g.defs)
        .collect()
}

/// The counter sets of the distinct-case tallies of `defs`.
fn distinct_sets(defs: &[IndicatorDef]) -> Vec<&'static [&'static str]> {
    let mut out: Vec<&'static [&'static str]> = Vec::new();
    for d in defs {
        for t in d.measure.tallies() {
            if let Tally::DistinctCases(c) = t {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Amounts by (unit, month), by the numbers of [`Numbers`].
type Sums = HashMap<(i64, String), Vec<i64>>;

/// Rows of (unit, month, counter or joined counter set, amount) as [`Sums`].
fn sums_of(numbers: &Numbers, rows: Vec<(i64, String, String, i64)>) -> Sums {
    let mut out = Sums::new();
    for (u, m, c, n) in rows {
        if let Some(&i) = numbers.of.get(&c) {
            out.entry((u, m)).or_insert_with(|| vec![0; numbers.of.len()])[i] += n;
        }
    }
    out
}

/// Every counter (and joined distinct set) the tallies of some definitions
/// read, numbered: a unit-month's amounts become a vector indexed by these
/// numbers, and each value is a few additions with no lookup by name.
struct Numbers {
    of: HashMap<String, usize>,
}

/// A tally with its counters numbered.
enum Numbered {
    Sum(Vec<usize>),
    Distinct(usize),
}

impl Numbers {
    /// The key of a distinct-case set: a case counted once across counters
    /// is keyed by their joined names.
    fn key(cs: &[&str]) -> String {
        cs.join("|")
    }

    fn new(defs: &[IndicatorDef]) -> Self {
        let mut of = HashMap::new();
        for d in defs {
            for t in d.measure.tallies() {
                let names = match t {
                    Tally::Sum(cs) => cs.iter().map(|c| (*c).to_owned()).collect(),
                    Tally::DistinctCases(cs) => vec![Self::key(cs)],
                };
                for n in names {
                    let next = of.len();
                    of.entry(n).or_insert(next);
                }
            }
        }
        Self { of }
    }

    /// The numbered names, in the order of their numbers.
    fn names(&self) -> Vec<&str> {
        let mut names: Vec<(&str, usize)> = self.of.iter().map(|(n, i)| (n.as_str(), *i)).collect();
        names.sort_by_key(|(_, i)| *i);
        names.into_iter().map(|(n, _)| n).collect()
    }

    fn number(&self, t: &Tally) -> Numbered {
        let at = |c: &str| self.of.get(c).copied().unwrap_or(usize::MAX);
        match t {
            Tally::Sum(cs) => Numbered::Sum(cs.iter().map(|c| at(c)).collect()),
            Tally::DistinctCases(cs) => Numbered::Distinct(at(&Self::key(cs))),
        }
    }
}

/// The values of `defs` from per-(unit, month) sums and distinct counts.
fn compute(
    defs: &[IndicatorDef],
    numbers: &Numbers,
    units: &[i64],
    months: &[String],
    sums: &Sums,
    distinct: &Sums,
) -> Table {
    let measures: Vec<(&'static str, Numbered, Option<Numbered>)> = defs
        .iter()
        .map(|d| match &d.measure {
            Measure::Count(t) => (d.id, numbers.number(t), None),
            Measure::Rate { numerator, denominator } => {
                (d.id, numbers.number(numerator), Some(numbers.number(denominator)))
            }
        })
        .collect();
    let zero = vec![0; numbers.of.len()];
    let mut out = Table::new();
    for &u in units {
        for m in months {
            let key = (u, m.clone());
            let s = sums.get(&key).map_or(zero.as_slice(), Vec::as_slice);
            let d = distinct.get(&key).map_or(zero.as_slice(), Vec::as_slice);
            let tally = |t: &Numbered| -> u64 {
                let n = match t {
                    Numbered::Sum(is) => is.iter().map(|&i| s.get(i).copied().unwrap_or(0)).sum::<i64>(),
                    Numbered::Distinct(i) => d.get(*i).copied().unwrap_or(0),
                };
                u64::try_from(n).unwrap_or(0)
            };
            let values = measures
                .iter()
                .map(|(id, a, b)| {
                    let v = match b {
                        None => Value::Count { count: tally(a) },
                        Some(b) => Value::Rate { numerator: tally(a), denominator: tally(b) },
                    };
                    (*id, v)
                })
                .collect();
            out.insert(key, values);
        }
    }
    out
}

/// The rollup's rows of the year (one row per unit, month and counter already).
async fn rollup_rows(pool: &AnyPool, region: &str, year: i32) -> anyhow::Result<Vec<(i64, String, String, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT unit_id, month, counter, amount FROM indicator_rollup WHERE region_code = '{region}' \
         AND month >= '{year}-01' AND month <= '{year}-12' AND counter NOT LIKE 'activity.%'"
    ))
    .fetch_all(pool)
    .await?)
}

/// The plain GROUP BY over the facts of the year.
async fn grouped_rows(pool: &AnyPool, region: &str, year: i32) -> anyhow::Result<Vec<(i64, String, String, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT unit_id, SUBSTR(on_date, 1, 7) AS month, counter, CAST(SUM(amount) AS BIGINT) FROM indicator_facts \
         WHERE region_code = '{region}' AND on_date >= '{year}-01-01' AND on_date <= '{year}-12-31' \
         GROUP BY unit_id, SUBSTR(on_date, 1, 7), counter"
    ))
    .fetch_all(pool)
    .await?)
}

/// Way 5, the baseline: the plain GROUP BY over the records themselves
/// (the cases, no projection): per unit, month, kind, stage and the outcome
/// in the state, the cases received and the cases closed in the year. It
/// yields only a part of what the indicators need (no acceptance, hearing,
/// correction or appearance), so it is a lower bound on what a plain scan
/// that computed every indicator would cost. The rows it returns; with
/// `inside`, the groups are only counted inside the database (one row back:
/// the scan and grouping without the driver's cost per row).
async fn case_scan(pool: &AnyPool, region: &str, year: i32, inside: bool) -> anyhow::Result<usize> {
    let per = |date: &str| {
        format!(
            "SELECT unit_id, SUBSTR({date}, 1, 7) AS month, kind, stage, \
             json_extract(state_json, '$.outcome') AS outcome, COUNT(*) AS n FROM cases \
             WHERE region_code = '{region}' AND {date} >= '{year}-01-01' AND {date} <= '{year}-12-31' \
             GROUP BY unit_id, SUBSTR({date}, 1, 7), kind, stage, json_extract(state_json, '$.outcome')"
        )
    };
    let sql = format!("{} UNION ALL {}", per("received_on"), per("closed_on"));
    if inside {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({sql}) g")).fetch_one(pool).await?;
        return Ok(usize::try_from(n)?);
    }
    let rows: Vec<(i64, String, String, String, Option<String>, i64)> = sqlx::query_as(&sql).fetch_all(pool).await?;
    Ok(rows.len())
}

/// The store's read of the whole table: every unit's months of the year,
/// one row per unit and month with its counters folded into one value.
async fn grid_sums(
    store: &fazhi_store::Store,
    scope: &fazhi_store::Scope,
    numbers: &Numbers,
    year: i32,
) -> anyhow::Result<Sums> {
    let (from, to) = (format!("{year}-01"), format!("{year}-12"));
    let w = fazhi_store::indicators::Where {
        scope,
        unit: scope.path(),
        subtree: true,
        from_month: &from,
        to_month: &to,
        days: None,
    };
    // Asked in the order of the numbers, the grid's amounts are the dense
    // vectors of `compute` as they come (a distinct set's key matches no
    // counter and stays 0).
    let counters = numbers.names();
    let rows = fazhi_store::indicators::grid(store.pool(), store.dialect(), &w, &counters).await?;
    Ok(rows.into_iter().map(|r| ((r.unit_id, r.month), r.amounts)).collect())
}

/// The store's distinct-case tallies of the whole table
/// (`fazhi_store::indicators::distinct_grid`), one read per counter set,
/// the sets at once.
async fn distinct_grids(
    store: &fazhi_store::Store,
    scope: &fazhi_store::Scope,
    numbers: &Numbers,
    defs: &[IndicatorDef],
    year: i32,
) -> anyhow::Result<Sums> {
    let mut reads = tokio::task::JoinSet::new();
    for set in distinct_sets(defs) {
        let (store, scope, key) = (store.clone(), scope.clone(), Numbers::key(set));
        reads.spawn(async move {
            let (from, to) = (format!("{year}-01"), format!("{year}-12"));
            let w = fazhi_store::indicators::Where {
                scope: &scope,
                unit: scope.path(),
                subtree: true,
                from_month: &from,
                to_month: &to,
                days: None,
            };
            let found = fazhi_store::indicators::distinct_grid(store.pool(), store.dialect(), &w, set).await?;
            anyhow::Ok(found.into_iter().map(|(u, m, n)| (u, m, key.clone(), n)).collect::<Vec<_>>())
        });
    }
    let mut rows = Vec::new();
    while let Some(found) = reads.join_next().await {
        rows.extend(found??);
    }
    Ok(sums_of(numbers, rows))
}

/// Way 1, from the rollup: the store's one read of the year (the grid) and
/// the distinct tallies from the facts at once.
#[allow(clippy::too_many_arguments)]
async fn by_rollup(
    store: &fazhi_store::Store,
    scope: &fazhi_store::Scope,
    defs: &[IndicatorDef],
    units: &[i64],
    months: &[String],
    year: i32,
) -> anyhow::Result<Table> {
    let numbers = Numbers::new(defs);
    let (sums, distinct) =
        tokio::try_join!(grid_sums(store, scope, &numbers, year), distinct_grids(store, scope, &numbers, defs, year))?;
    Ok(compute(defs, &numbers, units, months, &sums, &distinct))
}

/// Way 3: the plain GROUP BY over the facts, without the rollup (with the
/// same distinct tallies at the same time).
async fn by_group_by(
    store: &fazhi_store::Store,
    scope: &fazhi_store::Scope,
    region: &str,
    defs: &[IndicatorDef],
    units: &[i64],
    months: &[String],
    year: i32,
) -> anyhow::Result<Table> {
    let numbers = Numbers::new(defs);
    let (rows, distinct) =
        tokio::try_join!(grouped_rows(store.pool(), region, year), distinct_grids(store, scope, &numbers, defs, year))?;
    let sums = sums_of(&numbers, rows);
    Ok(compute(defs, &numbers, units, months, &sums, &distinct))
}

/// 4. Every case decoded, its facts evaluated per unit and month.
async fn by_decoding(pool: &AnyPool, defs: &[IndicatorDef], units: &[i64], year: i32) -> anyhow::Result<Table> {
    let rows: Vec<(i64, i64, String, String)> =
        sqlx::query_as("SELECT id, unit_id, kind, state_json FROM cases").fetch_all(pool).await?;
    let mut by_unit: HashMap<i64, Vec<CaseFacts<i64>>> = HashMap::new();
    for (id, unit, kind, json) in rows {
        let k = by_id(&kind).ok_or_else(|| anyhow::anyhow!("kind {kind}"))?;
        let facts: Vec<Fact> = k.decode(&json).map_err(anyhow::Error::msg)?.indicator_facts();
        by_unit.entry(unit).or_default().push(CaseFacts { case: id, facts });
    }
    let mut out = Table::new();
    for &u in units {
        let cases = by_unit.get(&u).map(Vec::as_slice).unwrap_or(&[]);
        for m in 1..=12 {
            let values = evaluate(defs, cases, Span::Month(year, m).period())
                .into_iter()
                .map(|v| (leak(&v.id, defs), v.value))
                .collect();
            out.insert((u, format!("{year}-{m:02}")), values);
        }
    }
    Ok(out)
}

fn leak(id: &str, defs: &[IndicatorDef]) -> &'static str {
    defs.iter().find(|d| d.id == id).map(|d| d.id).unwrap_or("")
}

/// 2. The catalogue page's own path, one call per unit and month.
async fn by_pages(app: &fazhi_app::App, admin: &Actor, units: &[i64], year: i32) -> anyhow::Result<Table> {
    let mut out = Table::new();
    for &u in units {
        for m in 1..=12 {
            let c = app
                .indicator_catalogue(admin, u, false, Span::Month(year, m), IndicatorConfig::default())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let values = c
                .groups
                .into_iter()
                .filter(|g| g.records != Records::Activities)
                .flat_map(|g| g.values)
                .map(|v| {
                    let id = defs_static().iter().find(|d| d.id == v.id).map(|d| d.id).unwrap_or("");
                    (id, v.value)
                })
                .collect();
            out.insert((u, format!("{year}-{m:02}")), values);
        }
    }
    Ok(out)
}

fn defs_static() -> &'static [IndicatorDef] {
    static DEFS: std::sync::LazyLock<Vec<IndicatorDef>> = std::sync::LazyLock::new(defs);
    &DEFS
}

/// Runs `f` `n` times; best and median in ms.
async fn time<F, Fut>(n: usize, mut f: F) -> anyhow::Result<(f64, f64, Table)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Table>>,
{
    let mut times = Vec::with_capacity(n);
    let mut last = Table::new();
    for _ in 0..n {
        let t = Instant::now();
        last = f().await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    Ok((times[0], times[times.len() / 2], last))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let users: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(50);
    let secs: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let dir = tempfile::tempdir()?;
        let started = Instant::now();
        let Served { app, base, cases, clients, usernames } = serve_demo(dir.path(), users * 8).await?;
        // The district's readers (the administrator and the rule-of-law office).
        let clients: Vec<reqwest::Client> = clients
            .into_iter()
            .zip(&usernames)
            .filter(|(_, u)| *u == "admin" || *u == "fzb")
            .map(|(c, _)| c)
            .take(users)
            .collect();
        let users = clients.len();
        println!("demo district: {cases} cases, ready in {:.1} s (SQLite, release)", started.elapsed().as_secs_f64());
        let pool = app.operator_store().pool().clone();
        let year = chrono::Datelike::year(&app.now.today()) - 1;
        let units: Vec<i64> = sqlx::query_scalar("SELECT id FROM units ORDER BY id").fetch_all(&pool).await?;
        let months: Vec<String> = (1..=12).map(|m| format!("{year}-{m:02}")).collect();
        let defs = defs();
        let facts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicator_facts").fetch_one(&pool).await?;
        let rollup: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicator_rollup").fetch_one(&pool).await?;
        println!(
            "{} indicators ({} distinct-case tallies) × {} units × 12 months of {year} = {} values; {facts} fact rows, {rollup} rollup rows",
            defs.len(),
            distinct_sets(&defs).len(),
            units.len(),
            defs.len() * units.len() * 12
        );
        let admin_user = fazhi_store::users::by_username(&pool, "admin").await?.ok_or_else(|| anyhow::anyhow!("admin"))?;
        let admin = app.actor_for(&admin_user).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let region: String = sqlx::query_scalar("SELECT region_code FROM units WHERE code = 'YC-GOV'").fetch_one(&pool).await?;
        let region = region.as_str();
        let runs = 7;
        let rows = |r: Vec<(i64, String, String, i64)>| Table::from([((r.len() as i64, String::new()), Vec::new())]);
        let (rs_best, rs_med, _) = time(runs, || async { Ok(rows(rollup_rows(&pool, region, year).await?)) }).await?;
        let (gs_best, gs_med, _) = time(runs, || async { Ok(rows(grouped_rows(&pool, region, year).await?)) }).await?;
        let store = app.operator_store();
        let (gr_best, gr_med, _) = time(runs, || async {
            let g = grid_sums(store, &admin.scope, &Numbers::new(&defs), year).await?;
            Ok(Table::from([((g.len() as i64, String::new()), Vec::new())]))
        })
        .await?;
        let (r_best, r_med, r) =
            time(runs, || by_rollup(store, &admin.scope, &defs, &units, &months, year)).await?;
        let (g_best, g_med, g) = time(runs, || by_group_by(store, &admin.scope, region, &defs, &units, &months, year)).await?;
        let scan = |inside: bool| {
            let pool = &pool;
            move || async move {
                Ok(Table::from([((case_scan(pool, region, year, inside).await? as i64, String::new()), Vec::new())]))
            }
        };
        let (c_best, c_med, _) = time(runs, scan(false)).await?;
        let (ci_best, ci_med, _) = time(runs, scan(true)).await?;
        let (d_best, d_med, d) = time(3, || by_decoding(&pool, &defs, &units, year)).await?;
        let (p_best, p_med, p) = time(3, || by_pages(&app, &admin, &units, year)).await?;
        anyhow::ensure!(r == g, "the rollup and the GROUP BY disagree");
        anyhow::ensure!(r == d, "the rollup and the decoded cases disagree");
        anyhow::ensure!(r == p, "the rollup and the page path disagree");
        let nonzero = r.values().flatten().filter(|(_, v)| v.count() > 0).count();
        println!("all four agree on every value ({nonzero} non-zero)");
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "sums only: rollup rows of the year", rs_best, rs_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "sums only: the store's grid read", gr_best, gr_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "sums only: GROUP BY over facts", gs_best, gs_med);
        println!("ratio of the sums (the storage): {:.1}× (median {:.1}×)", gs_best / rs_best, gs_med / rs_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "1. rollup (one read) + values", r_best, r_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "2. rollup, one call per page", p_best, p_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "3. plain GROUP BY over facts", g_best, g_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "4. decode every case", d_best, d_med);
        println!("{:<34} best {:>9.1} ms  median {:>9.1} ms", "5. plain GROUP BY over the cases", c_best, c_med);
        println!(
            "{:<34} best {:>9.1} ms  median {:>9.1} ms",
            "5b. the same, counted in the db", ci_best, ci_med
        );
        println!(
            "ratio plain GROUP BY over the cases (the issue's baseline) / rollup: {:.1}× (median {:.1}×); \
             its groups counted in the database (no rows through the driver) / rollup: {:.1}× (median {:.1}×)",
            c_best / r_best,
            c_med / r_med,
            ci_best / r_best,
            ci_med / r_med
        );
        println!(
            "ratio plain GROUP BY / rollup: {:.1}× (median {:.1}×); decode / rollup: {:.1}×",
            g_best / r_best,
            g_med / r_med,
            d_best / r_best
        );
        // The page under load: a district-wide year, the default view.
        let gov: i64 = sqlx::query_scalar("SELECT id FROM units WHERE code = 'YC-GOV'").fetch_one(&pool).await?;
        for (label, path) in [
            ("year, district", format!("/reports/indicators?unit={gov}&subtree=1&period={year}")),
            ("month, district", format!("/reports/indicators?unit={gov}&subtree=1&period={year}-06")),
        ] {
            println!("-- indicators page ({label}), {users} users, {secs} s, 1 s think time per user");
            let think = Duration::from_secs(1);
            let (h, he) = load(&base, "/healthz", &clients, secs, think).await;
            report("/healthz", &h, he, secs);
            let (lat, err) = load(&base, &path, &clients, secs, think).await;
            report("/indicators", &lat, err, secs);
        }
        anyhow::Ok(())
    })
}
