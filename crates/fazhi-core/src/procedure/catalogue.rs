//! Indicators as definitions over facts (docs/indicators.md).
//!
//! A case contributes **facts**: named counters, each dated by the event that
//! places the case in a period (received, accepted, concluded, a hearing). An
//! indicator is a **definition** over counters: a count (the sum of some counters,
//! or the number of distinct cases that have any of them in the period) or a
//! rate of two such tallies. Every \[U\] variant of LAW.md §3.3 and §4.3 is a
//! different choice of counters, so one set of facts serves them all, and facts
//! add up: the value for a year is the sum of its months, except for the
//! distinct-case tallies, which are counted over the facts themselves.
//!
//! The facts are what the store projects on every write (so no indicator ever
//! decodes a case); [`evaluate`] computes values from facts in memory, which is
//! the reference the store's sums are tested against.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::indicators::{IndicatorValue, Period, Value};

/// One dated counter of one record (a case or an activity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fact {
    /// The counter, `kind.counter` (`reconsideration.corrected.standard`).
    pub counter: &'static str,
    /// The date that places it in a period.
    pub on: NaiveDate,
    /// How much it counts: 1 for an event, the number of people for
    /// 参训人次 and the like.
    pub amount: u64,
}

impl Fact {
    /// An event: counts 1.
    pub fn new(counter: &'static str, on: NaiveDate) -> Fact {
        Fact { counter, on, amount: 1 }
    }

    /// A quantity: counts `amount` (people, hours, copies).
    pub fn amount(counter: &'static str, on: NaiveDate, amount: u64) -> Fact {
        Fact { counter, on, amount }
    }
}

/// The Chinese name of `counter` in a kind's table of counter names
/// (`(code, 名称)` pairs, declared beside the counters).
pub fn name_in(names: &[(&'static str, &'static str)], counter: &str) -> Option<&'static str> {
    names.iter().find(|(c, _)| *c == counter).map(|(_, zh)| *zh)
}

/// How facts are tallied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// The sum of the amounts of the facts of these counters in the period
    /// (the number of facts when each counts 1).
    Sum(&'static [&'static str]),
    /// The number of cases with at least one fact of these counters in the period.
    DistinctCases(&'static [&'static str]),
}

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count(Tally),
    Rate { numerator: Tally, denominator: Tally },
}

impl Measure {
    /// The tallies it reads: the count's, or the numerator's and the
    /// denominator's.
    pub fn tallies(&self) -> Vec<Tally> {
        match *self {
            Measure::Count(t) => vec![t],
            Measure::Rate { numerator, denominator } => vec![numerator, denominator],
        }
    }
}

/// An indicator: stable id, Chinese name, the definition in Chinese, the measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDef {
    pub id: &'static str,
    pub name: &'static str,
    pub definition: String,
    pub measure: Measure,
}

impl IndicatorDef {
    /// A count.
    pub fn count(id: &'static str, name: &'static str, tally: Tally, definition: impl Into<String>) -> IndicatorDef {
        IndicatorDef { id, name, definition: definition.into(), measure: Measure::Count(tally) }
    }

    /// A rate.
    pub fn rate(
        id: &'static str,
        name: &'static str,
        numerator: Tally,
        denominator: Tally,
        definition: impl Into<String>,
    ) -> IndicatorDef {
        IndicatorDef { id, name, definition: definition.into(), measure: Measure::Rate { numerator, denominator } }
    }

    /// Every counter the definition reads.
    pub fn counters(&self) -> Vec<&'static str> {
        self.measure
            .tallies()
            .into_iter()
            .flat_map(|t| match t {
                Tally::Sum(c) | Tally::DistinctCases(c) => c.iter().copied(),
            })
            .collect()
    }
}

/// The facts of one case, identified by any key the caller uses (a row id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts<K> {
    pub case: K,
    pub facts: Vec<Fact>,
}

fn tally<K: Eq + std::hash::Hash>(t: Tally, cases: &[CaseFacts<K>], period: Period) -> u64 {
    let hits = |counters: &[&str], f: &Fact| counters.contains(&f.counter) && period.contains(f.on);
    match t {
        Tally::Sum(counters) => {
            cases.iter().flat_map(|c| c.facts.iter()).filter(|f| hits(counters, f)).map(|f| f.amount).sum()
        }
        Tally::DistinctCases(counters) => {
            let distinct: HashSet<&K> =
                cases.iter().filter(|c| c.facts.iter().any(|f| hits(counters, f))).map(|c| &c.case).collect();
            distinct.len() as u64
        }
    }
}

/// The values of `defs` for `period` over the facts of `cases`, in memory.
pub fn evaluate<K: Eq + std::hash::Hash>(
    defs: &[IndicatorDef],
    cases: &[CaseFacts<K>],
    period: Period,
) -> Vec<IndicatorValue> {
    defs.iter()
        .map(|d| IndicatorValue {
            id: d.id.into(),
            name: d.name.into(),
            value: match d.measure {
                Measure::Count(t) => Value::Count { count: tally(t, cases, period) },
                Measure::Rate { numerator, denominator } => Value::Rate {
                    numerator: tally(numerator, cases, period),
                    denominator: tally(denominator, cases, period),
                },
            },
            definition: d.definition.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn sums_add_up_over_months_and_distinct_cases_do_not_double_count() {
        let cases = vec![
            CaseFacts {
                case: 1,
                facts: vec![Fact::new("k.heard", d("2024-01-10")), Fact::new("k.heard", d("2024-03-10"))],
            },
            CaseFacts {
                case: 2,
                facts: vec![Fact::new("k.heard", d("2024-03-01")), Fact::new("k.won", d("2024-03-02"))],
            },
            CaseFacts { case: 3, facts: vec![Fact::new("k.heard", d("2025-01-01"))] },
        ];
        let defs = [
            IndicatorDef::count("k.hearings", "庭次", Tally::Sum(&["k.heard"]), ""),
            IndicatorDef::rate(
                "k.rate",
                "率",
                Tally::DistinctCases(&["k.won"]),
                Tally::DistinctCases(&["k.heard"]),
                "",
            ),
        ];
        let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
        let v = evaluate(&defs, &cases, year);
        assert_eq!(v[0].value, Value::Count { count: 3 });
        assert_eq!(v[1].value, Value::Rate { numerator: 1, denominator: 2 });
        let march = Period { from: d("2024-03-01"), to: d("2024-03-31") };
        assert_eq!(evaluate(&defs, &cases, march)[0].value, Value::Count { count: 2 });
        assert_eq!(defs[1].counters(), vec!["k.won", "k.heard"]);
    }
}
