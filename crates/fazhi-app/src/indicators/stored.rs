//! Indicator values from the stored projection (docs/indicators.md): sums
//! from the monthly rollup, distinct-case tallies and the records behind a
//! value from the facts. Nothing here decodes a case; the values equal
//! [`fazhi_core::procedure::catalogue::evaluate`] over the cases' facts (the
//! direct count the tests compare with).
//!
//! Several periods (a page's period, the one before, the same one a year
//! earlier, twelve months for a chart) are read with one rollup query over
//! the months they span ([`MonthlySums`]) and computed in memory; only the
//! distinct-case tallies need a query per period.

use std::collections::{BTreeMap, HashMap};

use fazhi_core::org::UnitPath;
use fazhi_core::procedure::catalogue::{IndicatorDef, Measure, Tally};
use fazhi_core::procedure::{IndicatorValue, Period, Value};
use fazhi_store::indicators::{self as projection, Where};
use fazhi_store::Scope;
use fazhi_store::Store;

use crate::AppError;

/// A unit (alone or with its subtree) inside a reader's scope.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    scope: &'a Scope,
    unit: &'a UnitPath,
    subtree: bool,
}

impl<'a> Place<'a> {
    /// The unit at `unit` (with `subtree`, the units below too); the months
    /// are given with [`Place::of`].
    pub fn new(scope: &'a Scope, unit: &'a UnitPath, subtree: bool) -> Self {
        Self { scope, unit, subtree }
    }

    /// The place over the whole months of `period`.
    pub fn of(&self, period: &Period) -> Months<'a> {
        Months { place: self.clone(), from: month(period.from), to: month(period.to), days: None }
    }

    /// The place between two exact days (the records behind a value).
    pub fn between(&self, period: &Period) -> Months<'a> {
        Months { days: Some((period.from.to_string(), period.to.to_string())), ..self.of(period) }
    }
}

fn month(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// A place over whole months (or exact days inside them).
#[derive(Debug, Clone)]
pub struct Months<'a> {
    place: Place<'a>,
    from: String,
    to: String,
    days: Option<(String, String)>,
}

impl Months<'_> {
    pub(crate) fn at(&self) -> Where<'_> {
        Where {
            scope: self.place.scope,
            unit: self.place.unit,
            subtree: self.place.subtree,
            from_month: &self.from,
            to_month: &self.to,
            days: self.days.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
        }
    }
}

/// The rollup's sums of some counters per month (`YYYY-MM`), read once.
#[derive(Debug, Clone, Default)]
pub struct MonthlySums {
    by_counter: HashMap<String, BTreeMap<String, i64>>,
}

impl MonthlySums {
    /// The sum of `counter` over the months of `period`.
    pub fn total(&self, counter: &str, period: &Period) -> i64 {
        let (a, b) = (month(period.from), month(period.to));
        self.by_counter.get(counter).map(|m| m.range(a..=b).map(|(_, v)| *v).sum()).unwrap_or(0)
    }
}

/// One rollup query: the monthly sums of every summed counter `defs` read,
/// over the months of `m`.
pub async fn monthly_sums(store: &Store, m: &Months<'_>, defs: &[IndicatorDef]) -> Result<MonthlySums, AppError> {
    let summed = summed_counters(defs);
    let mut out = MonthlySums::default();
    if !summed.is_empty() {
        for (month, amounts) in projection::sums(store.pool(), store.dialect(), &m.at(), &summed).await? {
            for (counter, amount) in amounts {
                *out.by_counter.entry(counter).or_default().entry(month.clone()).or_default() += amount;
            }
        }
    }
    Ok(out)
}

/// Every counter the sums of `defs` read (the rollup's part; distinct-case
/// tallies are read from the facts), sorted, once each.
pub fn summed_counters(defs: &[IndicatorDef]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = defs
        .iter()
        .flat_map(|d| d.measure.tallies())
        .filter_map(|t| match t {
            Tally::Sum(c) => Some(c.iter().copied()),
            Tally::DistinctCases(_) => None,
        })
        .flatten()
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether any of `defs` has a distinct-case tally (read from the facts).
pub fn has_distinct(defs: &[IndicatorDef]) -> bool {
    defs.iter().any(|d| d.measure.tallies().iter().any(|t| matches!(t, Tally::DistinctCases(_))))
}

/// The values of `defs` for `period` (whole months, inside the months the
/// sums were read for): sums from `sums`, one facts query per distinct-case
/// tally.
pub async fn values(
    store: &Store,
    place: &Place<'_>,
    sums: &MonthlySums,
    defs: &[IndicatorDef],
    period: &Period,
) -> Result<Vec<IndicatorValue>, AppError> {
    let m = place.of(period);
    let mut distinct: HashMap<&'static [&'static str], u64> = HashMap::new();
    let mut out = Vec::with_capacity(defs.len());
    for d in defs {
        let mut tally = async |t: &Tally| -> Result<u64, AppError> {
            Ok(match t {
                Tally::Sum(c) => {
                    let n: i64 = c.iter().map(|x| sums.total(x, period)).sum();
                    u64::try_from(n).map_err(|_| AppError::Internal(format!("negative rollup for {c:?}: {n}")))?
                }
                Tally::DistinctCases(c) => match distinct.get(c) {
                    Some(n) => *n,
                    None => {
                        let n = projection::distinct_cases(store.pool(), &m.at(), c).await?;
                        let n = u64::try_from(n)
                            .map_err(|_| AppError::Internal(format!("negative count for {c:?}: {n}")))?;
                        distinct.insert(c, n);
                        n
                    }
                },
            })
        };
        let value = match &d.measure {
            Measure::Count(t) => Value::Count { count: tally(t).await? },
            Measure::Rate { numerator, denominator } => {
                Value::Rate { numerator: tally(numerator).await?, denominator: tally(denominator).await? }
            }
        };
        out.push(IndicatorValue { id: d.id.into(), name: d.name.into(), value, definition: d.definition.clone() });
    }
    Ok(out)
}

/// The values of `defs` over the months: one rollup query for every sum,
/// one facts query per distinct-case tally.
pub async fn evaluate(store: &Store, m: &Months<'_>, defs: &[IndicatorDef]) -> Result<Vec<IndicatorValue>, AppError> {
    let sums = monthly_sums(store, m, defs).await?;
    let period = Period {
        from: chrono::NaiveDate::parse_from_str(&format!("{}-01", m.from), "%Y-%m-%d")
            .map_err(|e| AppError::Internal(format!("month {}: {e}", m.from)))?,
        to: chrono::NaiveDate::parse_from_str(&format!("{}-01", m.to), "%Y-%m-%d")
            .map(|d| fazhi_core::indicator::last_day(chrono::Datelike::year(&d), chrono::Datelike::month(&d)))
            .map_err(|e| AppError::Internal(format!("month {}: {e}", m.to)))?,
    };
    values(store, &m.place, &sums, defs, &period).await
}

/// How many cases have any fact the definitions read in the months.
pub async fn records(store: &Store, m: &Months<'_>, defs: &[IndicatorDef]) -> Result<usize, AppError> {
    let mut all: Vec<&str> = defs.iter().flat_map(|d| d.counters()).collect();
    all.sort_unstable();
    all.dedup();
    let n = projection::distinct_cases(store.pool(), &m.at(), &all).await?;
    usize::try_from(n).map_err(|_| AppError::Internal(format!("negative count of records: {n}")))
}
