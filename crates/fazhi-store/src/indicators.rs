//! The indicator projection (docs/indicators.md, migration 0012).
//!
//! The store does not know what a case counts for: the application passes
//! the case's facts (dated counters from `Procedure::indicator_facts`) with
//! every write of the case, and [`project`] replaces the stored facts and
//! moves the monthly rollup by the difference, in the same transaction.
//! Activities (`crate::activities`) move the same rollup by their own facts
//! (`fazhi_core::activity::Activity::facts`) through the same
//! [`move_rollup`], so an indicator reads cases and activities alike. A
//! value is then a SUM over rollup rows ([`sums`]), a distinct-case tally a
//! COUNT over facts ([`distinct_cases`]), and the records behind a value a
//! range read of the facts ([`cases_behind`]); nothing decodes a case.

use std::collections::BTreeMap;

use crate::queries::Sql;
use crate::scope::Scope;
use crate::{StoreError, WriteTx};
use fazhi_core::org::UnitPath;
use sqlx::AnyPool;

/// One fact of a case as stored: counter, date (`YYYY-MM-DD`), amount.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactRow {
    pub counter: String,
    pub on: String,
    pub amount: i64,
}

/// The key of a rollup row besides its region.
type RollupKey = (i64, String, String, String); // unit_id, unit_path, month, counter

fn month_of(date: &str) -> Result<String, StoreError> {
    match date.get(..7) {
        Some(m) if date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-' => Ok(m.to_owned()),
        _ => Err(StoreError::Corrupt(format!("a fact dated {date:?} (expected YYYY-MM-DD)"))),
    }
}

/// How a write moves the rollup: per unit, month and counter, the amount
/// to add (negative to take away). Cases and activities both build one from
/// their facts before and after the write and hand it to [`move_rollup`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RollupDelta(BTreeMap<RollupKey, i64>);

impl RollupDelta {
    /// Adds `sign × amount` of one fact of a record of `unit_id` at `unit_path`.
    pub(crate) fn add(
        &mut self,
        unit_id: i64,
        unit_path: &str,
        counter: &str,
        on: &str,
        amount: i64,
        sign: i64,
    ) -> Result<(), StoreError> {
        *self.0.entry((unit_id, unit_path.to_owned(), month_of(on)?, counter.to_owned())).or_default() += sign * amount;
        Ok(())
    }

    /// Adds `sign ×` every fact of a record of `unit_id` at `unit_path`.
    pub(crate) fn add_facts(
        &mut self,
        unit_id: i64,
        unit_path: &str,
        facts: &[FactRow],
        sign: i64,
    ) -> Result<(), StoreError> {
        for f in facts {
            self.add(unit_id, unit_path, &f.counter, &f.on, f.amount, sign)?;
        }
        Ok(())
    }
}

/// Moves the rollup of `region` by `delta`, under the region's lock (taken
/// here if the transaction does not hold it yet): writers of one region are
/// serialised, so a rollup row is read, changed and written by one of them
/// at a time.
pub(crate) async fn move_rollup(tx: &mut WriteTx, region: &str, delta: RollupDelta) -> Result<(), StoreError> {
    tx.lock_region(region).await?;
    for ((u, path, month, counter), d) in delta.0 {
        if d == 0 {
            continue;
        }
        // Update, else insert: the portable form of an adding upsert (no
        // `ON CONFLICT` needed), safe under the region's lock.
        let n = sqlx::query(
            "UPDATE indicator_rollup SET amount = amount + $1 \
             WHERE region_code = $2 AND unit_id = $3 AND month = $4 AND counter = $5",
        )
        .bind(d)
        .bind(region)
        .bind(u)
        .bind(&month)
        .bind(&counter)
        .execute(&mut *tx.tx)
        .await?
        .rows_affected();
        if n == 0 {
            sqlx::query(
                "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(region)
            .bind(u)
            .bind(&path)
            .bind(&month)
            .bind(&counter)
            .bind(d)
            .execute(&mut *tx.tx)
            .await?;
        }
    }
    Ok(())
}

/// Replaces the facts of the case `(region, case_id)`, now handled by
/// `unit_id` at `unit_path`, with `facts`, and moves the rollup by the
/// difference (the case may have changed unit: its old facts leave the old
/// unit's rows), under the region's lock.
pub async fn project(
    tx: &mut WriteTx,
    region: &str,
    case_id: i64,
    unit_id: i64,
    unit_path: &str,
    facts: &[FactRow],
) -> Result<(), StoreError> {
    tx.lock_region(region).await?;
    let old: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT unit_id, unit_path, counter, on_date, amount FROM indicator_facts \
         WHERE region_code = $1 AND case_id = $2 ORDER BY seq",
    )
    .bind(region)
    .bind(case_id)
    .fetch_all(&mut *tx.tx)
    .await?;
    let mut sorted_new: Vec<&FactRow> = facts.iter().collect();
    sorted_new.sort();
    let mut sorted_old: Vec<(&str, &str, i64)> = old.iter().map(|o| (o.2.as_str(), o.3.as_str(), o.4)).collect();
    sorted_old.sort();
    let unchanged = old.iter().all(|o| o.0 == unit_id && o.1 == unit_path)
        && sorted_old.len() == sorted_new.len()
        && sorted_old.iter().zip(&sorted_new).all(|(o, n)| o.0 == n.counter && o.1 == n.on && o.2 == n.amount);
    if unchanged {
        return Ok(());
    }
    let mut delta = RollupDelta::default();
    for (u, path, counter, on, amount) in &old {
        delta.add(*u, path, counter, on, *amount, -1)?;
    }
    delta.add_facts(unit_id, unit_path, facts, 1)?;
    sqlx::query("DELETE FROM indicator_facts WHERE region_code = $1 AND case_id = $2")
        .bind(region)
        .bind(case_id)
        .execute(&mut *tx.tx)
        .await?;
    for (seq, f) in facts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO indicator_facts (region_code, case_id, seq, unit_id, unit_path, counter, on_date, amount) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(region)
        .bind(case_id)
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(unit_id)
        .bind(unit_path)
        .bind(&f.counter)
        .bind(&f.on)
        .bind(f.amount)
        .execute(&mut *tx.tx)
        .await?;
    }
    move_rollup(tx, region, delta).await
}

/// Where a value is counted: the unit alone or its subtree, inside the
/// reader's scope, over whole months `[from_month, to_month]` (`YYYY-MM`).
#[derive(Debug, Clone)]
pub struct Where<'a> {
    pub scope: &'a Scope,
    pub unit: &'a UnitPath,
    pub subtree: bool,
    pub from_month: &'a str,
    pub to_month: &'a str,
}

fn place(q: &mut Sql, w: &Where<'_>, alias: &str) {
    q.push(" WHERE ").region_cond(&format!("{alias}.region_code"), w.scope);
    if w.subtree {
        let lo = q.arg(w.unit.as_str());
        let hi = q.arg(format!("{}~", w.unit.as_str()));
        q.push(&format!(" AND {alias}.unit_path >= {lo} AND {alias}.unit_path < {hi}"));
    } else {
        let p = q.arg(w.unit.as_str());
        q.push(&format!(" AND {alias}.unit_path = {p}"));
    }
}

fn in_list(q: &mut Sql, column: &str, values: &[&str]) {
    let ps: Vec<String> = values.iter().map(|v| q.arg(*v)).collect();
    q.push(&format!(" AND {column} IN ({})", if ps.is_empty() { "NULL".to_owned() } else { ps.join(", ") }));
}

/// The rollup query: the sum of `counters` per month.
pub fn sums_sql(w: &Where<'_>, counters: &[&str]) -> Sql {
    let mut q = Sql::default();
    q.push("SELECT r.month, r.counter, CAST(SUM(r.amount) AS BIGINT) FROM indicator_rollup r");
    place(&mut q, w, "r");
    in_list(&mut q, "r.counter", counters);
    let (a, b) = (q.arg(w.from_month), q.arg(w.to_month));
    q.push(&format!(" AND r.month >= {a} AND r.month <= {b} GROUP BY r.month, r.counter ORDER BY r.month, r.counter"));
    q
}

/// Per month and counter, the summed amounts of `counters` (months with
/// nothing are absent).
pub async fn sums(pool: &AnyPool, w: &Where<'_>, counters: &[&str]) -> Result<Vec<(String, String, i64)>, StoreError> {
    Ok(sums_sql(w, counters).query_as().fetch_all(pool).await?)
}

fn day_range(q: &mut Sql, w: &Where<'_>) {
    let (a, b) = (q.arg(format!("{}-01", w.from_month)), q.arg(format!("{}-31", w.to_month)));
    q.push(&format!(" AND f.on_date >= {a} AND f.on_date <= {b}"));
}

/// The distinct-case query over facts.
pub fn distinct_cases_sql(w: &Where<'_>, counters: &[&str]) -> Sql {
    let mut q = Sql::default();
    q.push("SELECT COUNT(DISTINCT f.case_id) FROM indicator_facts f");
    place(&mut q, w, "f");
    in_list(&mut q, "f.counter", counters);
    day_range(&mut q, w);
    q
}

/// How many cases have a fact of `counters` in the months.
pub async fn distinct_cases(pool: &AnyPool, w: &Where<'_>, counters: &[&str]) -> Result<i64, StoreError> {
    Ok(distinct_cases_sql(w, counters).query_scalar().fetch_one(pool).await?)
}

/// The records behind a value: the cases with a fact of `counters` in the
/// months, newest fact first, one page.
pub fn cases_behind_sql(w: &Where<'_>, counters: &[&str], limit: i64, offset: i64) -> Sql {
    let mut q = Sql::default();
    q.push("SELECT f.region_code, f.case_id, MAX(f.on_date) AS last_on FROM indicator_facts f");
    place(&mut q, w, "f");
    in_list(&mut q, "f.counter", counters);
    day_range(&mut q, w);
    let (l, o) = (q.arg(limit), q.arg(offset));
    q.push(&format!(" GROUP BY f.region_code, f.case_id ORDER BY last_on DESC, f.case_id DESC LIMIT {l} OFFSET {o}"));
    q
}

/// `(region, case id)` of the cases behind a value, one page.
pub async fn cases_behind(
    pool: &AnyPool,
    w: &Where<'_>,
    counters: &[&str],
    limit: i64,
    offset: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows: Vec<(String, i64, String)> =
        cases_behind_sql(w, counters, limit, offset).query_as().fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(r, id, _)| (r, id)).collect())
}
