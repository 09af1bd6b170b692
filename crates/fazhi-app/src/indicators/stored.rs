//! Indicator values from the stored projection (docs/indicators.md): sums
//! from the monthly rollup, distinct-case tallies and the records behind a
//! value from the facts. Nothing here decodes a case; the values equal
//! [`fazhi_core::procedure::catalogue::evaluate`] over the cases' facts (the
//! direct count the tests compare with).

use std::collections::HashMap;

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
        Months {
            place: self.clone(),
            from: period.from.format("%Y-%m").to_string(),
            to: period.to.format("%Y-%m").to_string(),
        }
    }
}

/// A place over whole months.
#[derive(Debug, Clone)]
pub struct Months<'a> {
    place: Place<'a>,
    from: String,
    to: String,
}

impl Months<'_> {
    fn at(&self) -> Where<'_> {
        Where {
            scope: self.place.scope,
            unit: self.place.unit,
            subtree: self.place.subtree,
            from_month: &self.from,
            to_month: &self.to,
        }
    }
}

/// The values of `defs` over the months: one rollup query for every sum,
/// one facts query per distinct-case tally.
pub async fn evaluate(store: &Store, m: &Months<'_>, defs: &[IndicatorDef]) -> Result<Vec<IndicatorValue>, AppError> {
    let mut summed: Vec<&str> = Vec::new();
    for d in defs {
        let tallies = match &d.measure {
            Measure::Count(t) => vec![t],
            Measure::Rate { numerator, denominator } => vec![numerator, denominator],
        };
        for t in tallies {
            if let Tally::Sum(c) = t {
                summed.extend(c.iter().copied());
            }
        }
    }
    summed.sort_unstable();
    summed.dedup();
    let mut totals: HashMap<String, i64> = HashMap::new();
    if !summed.is_empty() {
        for (_month, counter, amount) in projection::sums(store.pool(), &m.at(), &summed).await? {
            *totals.entry(counter).or_default() += amount;
        }
    }
    let mut distinct: HashMap<&'static [&'static str], u64> = HashMap::new();
    let mut out = Vec::with_capacity(defs.len());
    for d in defs {
        let mut tally = async |t: &Tally| -> Result<u64, AppError> {
            Ok(match t {
                Tally::Sum(c) => {
                    let n: i64 = c.iter().map(|x| totals.get(*x).copied().unwrap_or(0)).sum();
                    u64::try_from(n).map_err(|_| AppError::Internal(format!("negative rollup for {c:?}: {n}")))?
                }
                Tally::DistinctCases(c) => match distinct.get(c) {
                    Some(n) => *n,
                    None => {
                        let n = projection::distinct_cases(store.pool(), &m.at(), c).await?;
                        let n = u64::try_from(n).unwrap_or(0);
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

/// How many cases have any fact the definitions read in the months.
pub async fn records(store: &Store, m: &Months<'_>, defs: &[IndicatorDef]) -> Result<usize, AppError> {
    let mut all: Vec<&str> = defs.iter().flat_map(|d| d.counters()).collect();
    all.sort_unstable();
    all.dedup();
    let n = projection::distinct_cases(store.pool(), &m.at(), &all).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}
