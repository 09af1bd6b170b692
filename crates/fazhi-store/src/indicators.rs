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
//! range read of the facts ([`records`]); nothing decodes a case.

use std::collections::BTreeMap;

use crate::dialect::Dialect;
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
/// at a time. The movement is gathered in the transaction and written by
/// [`flush_rollup`] at its commit.
pub(crate) async fn move_rollup(tx: &mut WriteTx, region: &str, delta: RollupDelta) -> Result<(), StoreError> {
    tx.lock_region(region).await?;
    let pending = tx.rollup.entry(region.to_owned()).or_default();
    for (key, d) in delta.0 {
        *pending.0.entry(key).or_default() += d;
    }
    Ok(())
}

/// Writes the rollup's movement gathered in `tx` (at the commit, and before
/// anything rewrites the rollup directly): per row, update, else insert.
pub(crate) async fn flush_rollup(tx: &mut WriteTx) -> Result<(), StoreError> {
    for (region, delta) in std::mem::take(&mut tx.rollup) {
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
            .bind(&region)
            .bind(u)
            .bind(&month)
            .bind(&counter)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
            if n == 0 {
                insert_rollup_row(tx, &region, (u, &path, &month, &counter), d).await?;
            }
        }
    }
    Ok(())
}

/// The facts of one case as stored: where it counts and each fact with its
/// number (`seq`) in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredFacts {
    region: String,
    case_id: i64,
    rows: Vec<StoredFact>,
}

/// One stored fact: its number, the unit it counts for, the fact.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StoredFact {
    seq: i64,
    unit_id: i64,
    unit_path: String,
    fact: FactRow,
}

/// The stored facts of case `(region, case_id)`: from the transaction if it
/// projected that case last, else from the table.
async fn stored_facts(tx: &mut WriteTx, region: &str, case_id: i64) -> Result<Vec<StoredFact>, StoreError> {
    if let Some(last) = tx.last_facts.take() {
        if last.region == region && last.case_id == case_id {
            return Ok(last.rows);
        }
    }
    let rows: Vec<(i64, i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT seq, unit_id, unit_path, counter, on_date, amount FROM indicator_facts \
         WHERE region_code = $1 AND case_id = $2 ORDER BY seq",
    )
    .bind(region)
    .bind(case_id)
    .fetch_all(&mut *tx.tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(seq, unit_id, unit_path, counter, on, amount)| StoredFact {
            seq,
            unit_id,
            unit_path,
            fact: FactRow { counter, on, amount },
        })
        .collect())
}

/// [`project`] for the case `(region, case_id)` just created in this
/// transaction: it has no facts yet, so none are read.
pub(crate) async fn project_new(
    tx: &mut WriteTx,
    region: &str,
    case_id: i64,
    unit_id: i64,
    unit_path: &str,
    facts: &[FactRow],
) -> Result<(), StoreError> {
    tx.last_facts = Some(StoredFacts { region: region.to_owned(), case_id, rows: Vec::new() });
    project(tx, region, case_id, unit_id, unit_path, facts).await
}

/// A case handed to another region (`crate::cases::transfer`): its facts
/// leave the case `(region, case_id)` (handled by `unit_id` at `unit_path`)
/// and go, as they are, to the new case `to_id` of `to_region`, handled by
/// `to_unit_id` at `to_path`.
pub(crate) async fn hand_over(
    tx: &mut WriteTx,
    (region, case_id, unit_id, unit_path): (&str, i64, i64, &str),
    (to_region, to_id, to_unit_id, to_path): (&str, i64, i64, &str),
) -> Result<(), StoreError> {
    let rows = stored_facts(tx, region, case_id).await?;
    let facts: Vec<FactRow> = rows.iter().map(|r| r.fact.clone()).collect();
    // The old case's facts as just read: its projection to none reads nothing.
    tx.last_facts = Some(StoredFacts { region: region.to_owned(), case_id, rows });
    project(tx, region, case_id, unit_id, unit_path, &[]).await?;
    project_new(tx, to_region, to_id, to_unit_id, to_path, &facts).await
}

/// Brings the facts of the case `(region, case_id)`, now handled by
/// `unit_id` at `unit_path`, to `facts`, and moves the rollup by the
/// difference, under the region's lock.
///
/// Only the difference is written: facts the case keeps stay as they are,
/// those it lost are deleted, those it gained are added (numbered after the
/// last). A case that changed unit has all its facts rewritten (its old
/// facts leave the old unit's rows).
pub async fn project(
    tx: &mut WriteTx,
    region: &str,
    case_id: i64,
    unit_id: i64,
    unit_path: &str,
    facts: &[FactRow],
) -> Result<(), StoreError> {
    tx.lock_region(region).await?;
    let old = stored_facts(tx, region, case_id).await?;
    let same_unit = old.iter().all(|o| o.unit_id == unit_id && o.unit_path == unit_path);
    // Match each wanted fact with a stored one equal to it (each stored
    // fact matches once); unmatched stored facts go, unmatched wanted come.
    let mut kept = vec![false; old.len()];
    let mut added: Vec<&FactRow> = Vec::new();
    for f in facts {
        let found = same_unit.then(|| (0..old.len()).find(|&i| !kept[i] && old[i].fact == *f)).flatten();
        match found {
            Some(i) => kept[i] = true,
            None => added.push(f),
        }
    }
    let removed: Vec<&StoredFact> = old.iter().zip(&kept).filter(|(_, k)| !**k).map(|(o, _)| o).collect();
    let mut delta = RollupDelta::default();
    for o in &removed {
        delta.add(o.unit_id, &o.unit_path, &o.fact.counter, &o.fact.on, o.fact.amount, -1)?;
    }
    for f in &added {
        delta.add(unit_id, unit_path, &f.counter, &f.on, f.amount, 1)?;
    }
    if !removed.is_empty() {
        let mut q = Sql::default();
        let (r, c) = (q.arg(region), q.arg(case_id));
        let seqs: Vec<String> = removed.iter().map(|o| q.arg(o.seq)).collect();
        q.push(&format!(
            "DELETE FROM indicator_facts WHERE region_code = {r} AND case_id = {c} AND seq IN ({})",
            seqs.join(", ")
        ));
        q.query().execute(&mut *tx.tx).await?;
    }
    let first_seq = old.iter().map(|o| o.seq + 1).max().unwrap_or(0);
    let new_rows: Vec<StoredFact> = added
        .iter()
        .zip(first_seq..)
        .map(|(f, seq)| StoredFact { seq, unit_id, unit_path: unit_path.to_owned(), fact: (*f).clone() })
        .collect();
    insert_rows(tx, region, case_id, &new_rows).await?;
    let rows: Vec<StoredFact> = old.into_iter().zip(kept).filter(|(_, k)| *k).map(|(o, _)| o).chain(new_rows).collect();
    tx.last_facts = Some(StoredFacts { region: region.to_owned(), case_id, rows });
    move_rollup(tx, region, delta).await
}

/// Inserts one rollup row: (unit id, unit path, month, counter) and its amount.
async fn insert_rollup_row(
    tx: &mut WriteTx,
    region: &str,
    (unit_id, path, month, counter): (i64, &str, &str, &str),
    amount: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO indicator_rollup (region_code, unit_id, unit_path, month, counter, amount) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(region)
    .bind(unit_id)
    .bind(path)
    .bind(month)
    .bind(counter)
    .bind(amount)
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}

/// Facts written by one statement (8 arguments each, far below every
/// backend's limit on arguments).
const FACTS_PER_INSERT: usize = 200;

/// Inserts facts of the case `(region, case_id)`, a few hundred per statement.
async fn insert_rows(tx: &mut WriteTx, region: &str, case_id: i64, rows: &[StoredFact]) -> Result<(), StoreError> {
    for chunk in rows.chunks(FACTS_PER_INSERT) {
        let mut q = Sql::default();
        q.push("INSERT INTO indicator_facts (region_code, case_id, seq, unit_id, unit_path, counter, on_date, amount) VALUES ");
        for (i, r) in chunk.iter().enumerate() {
            let values = [
                q.arg(region),
                q.arg(case_id),
                q.arg(r.seq),
                q.arg(r.unit_id),
                q.arg(r.unit_path.as_str()),
                q.arg(r.fact.counter.as_str()),
                q.arg(r.fact.on.as_str()),
                q.arg(r.fact.amount),
            ];
            q.push(&format!("{}({})", if i == 0 { "" } else { ", " }, values.join(", ")));
        }
        q.query().execute(&mut *tx.tx).await?;
    }
    Ok(())
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
    /// Exact days `YYYY-MM-DD` inside those months for the reads of facts
    /// (the records behind a value between two dates); `None`: the whole months.
    pub days: Option<(&'a str, &'a str)>,
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

/// The rollup query: per month, the sums of `counters` as one JSON object
/// (counter → amount), so that a year crosses the driver as twelve rows
/// rather than one row per month and counter.
pub fn sums_sql(d: &dyn Dialect, w: &Where<'_>, counters: &[&str]) -> Sql {
    let mut q = Sql::default();
    q.push(&format!("SELECT s.month, {} FROM (", d.json_object_agg("s.counter", "s.amount")));
    q.push("SELECT r.month, r.counter, CAST(SUM(r.amount) AS BIGINT) AS amount FROM indicator_rollup r");
    rollup_rows(&mut q, w, counters);
    q.push(" GROUP BY r.month, r.counter) s GROUP BY s.month ORDER BY s.month");
    q
}

/// The rollup rows (alias `r`) of `counters` at the place over its months.
fn rollup_rows(q: &mut Sql, w: &Where<'_>, counters: &[&str]) {
    place(q, w, "r");
    in_list(q, "r.counter", counters);
    rollup_months(q, w);
}

/// The months of the place (rollup rows, alias `r`).
fn rollup_months(q: &mut Sql, w: &Where<'_>) {
    let (a, b) = (q.arg(w.from_month), q.arg(w.to_month));
    q.push(&format!(" AND r.month >= {a} AND r.month <= {b}"));
}

/// Counter → amount, as [`sums_sql`] folds them.
pub type Amounts = std::collections::HashMap<String, i64>;

fn amounts(json: &str) -> Result<Amounts, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("rollup sums {json:?}: {e}")))
}

/// Per month (`YYYY-MM`), the summed amounts of `counters` (months and
/// counters with nothing are absent).
pub async fn sums(
    pool: &AnyPool,
    d: &dyn Dialect,
    w: &Where<'_>,
    counters: &[&str],
) -> Result<Vec<(String, Amounts)>, StoreError> {
    let rows: Vec<(String, String)> = sums_sql(d, w, counters).query_as().fetch_all(pool).await?;
    rows.into_iter().map(|(month, json)| Ok((month, amounts(&json)?))).collect()
}

/// The rollup of every unit of the place over its months (the whole table
/// of a region's units and months, as an export or a comparison of units
/// needs it), as one JSON text: an array of `[unit_id, "YYYY-MM", {counter:
/// amount, …}]`, one element per unit and month with anything. Grouped in
/// the order of the rollup's key (region, month, unit), so the rows are
/// folded as the key's range streams by; one value crosses the driver
/// instead of a row per unit and month ([`Dialect::text_agg`]). The
/// counters are not filtered here (a test of each row against a list costs
/// more than the few counters a caller does not want, which [`grid`] drops).
pub fn grid_sql(d: &dyn Dialect, w: &Where<'_>) -> Sql {
    let mut q = Sql::default();
    let element = "'[' || g.unit_id || ',\"' || g.month || '\",' || g.amounts || ']'";
    q.push(&format!("SELECT '[' || {} || ']' FROM (", d.text_agg(element, "','")));
    q.push(&format!(
        "SELECT r.unit_id, r.month, {} AS amounts FROM indicator_rollup r",
        d.json_object_agg("r.counter", "r.amount")
    ));
    place(&mut q, w, "r");
    rollup_months(&mut q, w);
    q.push(" GROUP BY r.month, r.unit_id) g");
    q
}

/// One unit-month of a [`grid`]: the amounts of the counters asked for, in
/// their order (0 where the rollup has nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub unit_id: i64,
    pub month: String,
    pub amounts: Vec<i64>,
}

/// Per unit and month, the amounts of `counters` ([`grid_sql`]), by the
/// counters' positions in `counters`, ordered by month and unit;
/// unit-months with none of them are left out.
pub async fn grid(
    pool: &AnyPool,
    d: &dyn Dialect,
    w: &Where<'_>,
    counters: &[&str],
) -> Result<Vec<GridRow>, StoreError> {
    let text: Option<String> = grid_sql(d, w).query_scalar().fetch_one(pool).await?;
    let Some(text) = text else { return Ok(Vec::new()) };
    let mut out = grid_text::parse(&text, counters)
        .map_err(|e| StoreError::Corrupt(format!("rollup grid ({} bytes): {e}", text.len())))?;
    out.sort_by(|a, b| (&a.month, a.unit_id).cmp(&(&b.month, b.unit_id)));
    Ok(out)
}

/// Reading the grid's text straight into [`GridRow`]s: each counter is
/// looked up once and its amount put at its position, without a map per
/// unit-month in between.
mod grid_text {
    use super::GridRow;
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::collections::HashMap;
    use std::fmt;

    pub(super) fn parse(text: &str, counters: &[&str]) -> Result<Vec<GridRow>, serde_json::Error> {
        let position =
            Positions { of: counters.iter().enumerate().map(|(i, c)| (*c, i)).collect(), len: counters.len() };
        let mut de = serde_json::Deserializer::from_str(text);
        let rows = Rows { position: &position }.deserialize(&mut de)?;
        de.end()?;
        Ok(rows)
    }

    /// Where each counter asked for goes (a counter asked twice goes to its
    /// last place; the others stay 0).
    struct Positions<'a> {
        of: HashMap<&'a str, usize>,
        len: usize,
    }

    /// The outer array.
    struct Rows<'p> {
        position: &'p Positions<'p>,
    }

    impl<'de> DeserializeSeed<'de> for Rows<'_> {
        type Value = Vec<GridRow>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Rows<'_> {
        type Value = Vec<GridRow>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of [unit_id, month, {counter: amount}]")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(row) = seq.next_element_seed(Row { position: self.position })? {
                out.extend(row);
            }
            Ok(out)
        }
    }

    /// One `[unit_id, month, {counter: amount}]`; `None` when it has none
    /// of the counters asked for.
    struct Row<'p> {
        position: &'p Positions<'p>,
    }

    impl<'de> DeserializeSeed<'de> for Row<'_> {
        type Value = Option<GridRow>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Row<'_> {
        type Value = Option<GridRow>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("[unit_id, month, {counter: amount}]")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let unit_id: i64 = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(0, &self))?;
            let month: &str = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
            let amounts = seq
                .next_element_seed(Amounts { position: self.position })?
                .ok_or_else(|| A::Error::invalid_length(2, &self))?;
            if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                return Err(A::Error::invalid_length(4, &self));
            }
            Ok(amounts.map(|amounts| GridRow { unit_id, month: month.to_owned(), amounts }))
        }
    }

    /// `{counter: amount}` as amounts by position; `None` when no counter
    /// was asked for.
    struct Amounts<'p> {
        position: &'p Positions<'p>,
    }

    impl<'de> DeserializeSeed<'de> for Amounts<'_> {
        type Value = Option<Vec<i64>>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for Amounts<'_> {
        type Value = Option<Vec<i64>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("{counter: amount}")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut amounts: Option<Vec<i64>> = None;
            // Counter codes are plain identifiers: the keys borrow from the text.
            while let Some((counter, amount)) = map.next_entry::<&str, i64>()? {
                if let Some(&at) = self.position.of.get(counter) {
                    amounts.get_or_insert_with(|| vec![0; self.position.len])[at] = amount;
                }
            }
            Ok(amounts)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn rows_take_the_asked_counters_by_position() {
            let text = r#"[[7,"2025-03",{"a":4,"b":2,"z":9}],[1,"2025-03",{"z":1}],[1,"2025-04",{"b":5}]]"#;
            let rows = parse(text, &["b", "a"]).unwrap_or_else(|e| panic!("{e}"));
            let twice = parse(text, &["a", "a"]).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(twice[0].amounts, vec![0, 4]);
            assert_eq!(
                rows,
                vec![
                    GridRow { unit_id: 7, month: "2025-03".into(), amounts: vec![2, 4] },
                    GridRow { unit_id: 1, month: "2025-04".into(), amounts: vec![5, 0] },
                ]
            );
        }

        #[test]
        fn malformed_text_is_an_error() {
            for bad in [r#"[[7,"2025-03"]]"#, r#"[[7,"2025-03",{"a":"x"}]]"#, r#"[[7,"2025-03",{}],]"#, "[] x"] {
                assert!(parse(bad, &["a"]).is_err(), "{bad}");
            }
        }
    }
}

fn day_range(q: &mut Sql, w: &Where<'_>) {
    let (from, to) = match w.days {
        Some((a, b)) => (a.to_owned(), b.to_owned()),
        None => (format!("{}-01", w.from_month), format!("{}-31", w.to_month)),
    };
    let (a, b) = (q.arg(from), q.arg(to));
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

/// Per unit and month, how many cases have a fact of `counters` (the
/// distinct-case tallies of the whole table, as [`grid_sql`] reads the
/// sums), as one JSON text: an array of `[unit_id, "YYYY-MM", count]`.
pub fn distinct_grid_sql(d: &dyn Dialect, w: &Where<'_>, counters: &[&str]) -> Sql {
    let mut q = Sql::default();
    let element = "'[' || g.unit_id || ',\"' || g.month || '\",' || g.n || ']'";
    q.push(&format!("SELECT '[' || {} || ']' FROM (", d.text_agg(element, "','")));
    q.push("SELECT f.unit_id, SUBSTR(f.on_date, 1, 7) AS month, COUNT(DISTINCT f.case_id) AS n FROM indicator_facts f");
    place(&mut q, w, "f");
    in_list(&mut q, "f.counter", counters);
    day_range(&mut q, w);
    q.push(" GROUP BY f.unit_id, SUBSTR(f.on_date, 1, 7)) g");
    q
}

/// Per unit and month, the cases with a fact of `counters`
/// ([`distinct_grid_sql`]): (unit id, `YYYY-MM`, count), by month and unit.
pub async fn distinct_grid(
    pool: &AnyPool,
    d: &dyn Dialect,
    w: &Where<'_>,
    counters: &[&str],
) -> Result<Vec<(i64, String, i64)>, StoreError> {
    let text: Option<String> = distinct_grid_sql(d, w, counters).query_scalar().fetch_one(pool).await?;
    let Some(text) = text else { return Ok(Vec::new()) };
    let mut out: Vec<(i64, String, i64)> = serde_json::from_str(&text)
        .map_err(|e| StoreError::Corrupt(format!("distinct grid ({} bytes): {e}", text.len())))?;
    out.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    Ok(out)
}

/// One case behind a value, as a records page lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RecordRow {
    pub region_code: String,
    pub case_id: i64,
    pub number: String,
    pub kind: String,
    pub unit_id: i64,
    /// The latest matching fact's date.
    pub last_on: String,
}

/// The records query: one page of the cases behind a value with what a
/// list shows of each (number, kind, unit), newest fact first.
pub fn records_sql(w: &Where<'_>, counters: &[&str], limit: i64, offset: i64) -> Sql {
    let mut q = Sql::default();
    q.push(
        "SELECT f.region_code, f.case_id, c.number, c.kind, c.unit_id, MAX(f.on_date) AS last_on \
         FROM indicator_facts f JOIN cases c ON c.region_code = f.region_code AND c.id = f.case_id",
    );
    place(&mut q, w, "f");
    q.push(" AND ").region_cond("c.region_code", w.scope);
    in_list(&mut q, "f.counter", counters);
    day_range(&mut q, w);
    let (l, o) = (q.arg(limit), q.arg(offset));
    q.push(&format!(
        " GROUP BY f.region_code, f.case_id, c.number, c.kind, c.unit_id \
         ORDER BY last_on DESC, f.case_id DESC LIMIT {l} OFFSET {o}"
    ));
    q
}

/// One page of the cases behind a value.
pub async fn records(
    pool: &AnyPool,
    w: &Where<'_>,
    counters: &[&str],
    limit: i64,
    offset: i64,
) -> Result<Vec<RecordRow>, StoreError> {
    Ok(records_sql(w, counters, limit, offset).query_as().fetch_all(pool).await?)
}

/// The matching facts of some cases (those of a records page): case id,
/// counter, date, amount, in the order of the case and the date.
pub fn facts_of_sql(w: &Where<'_>, counters: &[&str], case_ids: &[i64]) -> Sql {
    let mut q = Sql::default();
    q.push("SELECT f.case_id, f.counter, f.on_date, f.amount FROM indicator_facts f");
    place(&mut q, w, "f");
    in_list(&mut q, "f.counter", counters);
    day_range(&mut q, w);
    let ps: Vec<String> = case_ids.iter().map(|id| q.arg(*id)).collect();
    q.push(&format!(
        " AND f.case_id IN ({}) ORDER BY f.case_id, f.on_date, f.seq",
        if ps.is_empty() { "NULL".to_owned() } else { ps.join(", ") }
    ));
    q
}

/// The matching facts of `case_ids`.
pub async fn facts_of(
    pool: &AnyPool,
    w: &Where<'_>,
    counters: &[&str],
    case_ids: &[i64],
) -> Result<Vec<(i64, String, String, i64)>, StoreError> {
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(facts_of_sql(w, counters, case_ids).query_as().fetch_all(pool).await?)
}

// --- Rebuild -----------------------------------------------------------

/// The `settings` key of the catalogue version the stored facts were
/// written with (`fazhi_core::indicator::version`).
pub const VERSION_KEY: &str = "indicator_catalogue_version";

/// The prefix of the counters the projection of cases never writes: those
/// of activities, kept by their own module, which a rebuild leaves alone.
pub const ACTIVITY_PREFIX: &str = "activity.";

/// The stored catalogue version, if any.
pub async fn stored_version(pool: &AnyPool) -> Result<Option<String>, StoreError> {
    crate::settings::get(pool, VERSION_KEY).await
}

/// The regions that have cases or case rows in the projection.
pub async fn regions(pool: &AnyPool) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT region_code FROM cases UNION SELECT region_code FROM indicator_facts \
         UNION SELECT region_code FROM indicator_rollup ORDER BY 1",
    )
    .fetch_all(pool)
    .await?)
}

/// Whether a region has units or cases.
pub async fn region_known(pool: &AnyPool, region: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM units WHERE region_code = $1) + (SELECT COUNT(*) FROM cases WHERE region_code = $1)",
    )
    .bind(region)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// A case as the rebuild reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseForRebuild {
    pub id: i64,
    pub unit_id: i64,
    pub unit_path: String,
    pub kind: String,
    pub state_json: String,
}

/// How many cases the region has.
pub async fn case_count(tx: &mut WriteTx, region: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE region_code = $1")
        .bind(region)
        .fetch_one(&mut *tx.tx)
        .await?)
}

/// Starts the rebuild of a region inside `tx`: takes the region's lock (its
/// writers wait until the commit) and removes every case fact and every
/// rollup row of case counters (activity counters stay).
pub async fn clear_cases(tx: &mut WriteTx, region: &str) -> Result<(), StoreError> {
    tx.lock_region(region).await?;
    // What this transaction moved so far lands first, so that the delete
    // below takes it too; the facts it remembers are gone.
    flush_rollup(tx).await?;
    tx.last_facts = None;
    sqlx::query("DELETE FROM indicator_facts WHERE region_code = $1").bind(region).execute(&mut *tx.tx).await?;
    sqlx::query("DELETE FROM indicator_rollup WHERE region_code = $1 AND counter NOT LIKE $2")
        .bind(region)
        .bind(format!("{ACTIVITY_PREFIX}%"))
        .execute(&mut *tx.tx)
        .await?;
    Ok(())
}

/// The next batch of the region's cases after `after_id`, by id.
pub async fn cases_batch(
    tx: &mut WriteTx,
    region: &str,
    after_id: i64,
    limit: i64,
) -> Result<Vec<CaseForRebuild>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, unit_id, unit_path, kind, state_json FROM cases \
         WHERE region_code = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(region)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *tx.tx)
    .await?)
}

/// The rollup rows a rebuild accumulates: (unit id, unit path, month, counter) → amount.
#[derive(Debug, Default)]
pub struct RollupSums(BTreeMap<RollupKey, i64>);

/// Writes the facts of a batch of cases (after [`clear_cases`]) and adds
/// them to `sums`.
pub async fn insert_facts(
    tx: &mut WriteTx,
    region: &str,
    cases: &[(&CaseForRebuild, Vec<FactRow>)],
    sums: &mut RollupSums,
) -> Result<(), StoreError> {
    for (case, facts) in cases {
        for f in facts {
            *sums.0.entry((case.unit_id, case.unit_path.clone(), month_of(&f.on)?, f.counter.clone())).or_default() +=
                f.amount;
        }
        let rows: Vec<StoredFact> = facts
            .iter()
            .zip(0..)
            .map(|(f, seq)| StoredFact {
                seq,
                unit_id: case.unit_id,
                unit_path: case.unit_path.clone(),
                fact: f.clone(),
            })
            .collect();
        insert_rows(tx, region, case.id, &rows).await?;
    }
    Ok(())
}

/// Writes the accumulated rollup of the region (after [`clear_cases`]);
/// returns the number of rows.
pub async fn insert_rollup(tx: &mut WriteTx, region: &str, sums: RollupSums) -> Result<usize, StoreError> {
    let mut n = 0;
    for ((unit_id, path, month, counter), amount) in sums.0 {
        if amount == 0 {
            continue;
        }
        insert_rollup_row(tx, region, (unit_id, &path, &month, &counter), amount).await?;
        n += 1;
    }
    Ok(n)
}

/// Records the catalogue version the stored facts now follow.
pub async fn set_version(tx: &mut WriteTx, version: &str) -> Result<(), StoreError> {
    crate::settings::set(tx, VERSION_KEY, version).await
}
