//! The whole indicator catalogue of a unit and a period, and the records
//! behind one value (`/reports/indicators`, `/reports/indicators/{id}/records`
//! and their API). Values come from the rollup ([`super::stored`]); the
//! records from the facts, paged, inside the reader's scope.

use std::collections::HashMap;

use chrono::NaiveDate;
use fazhi_core::indicator::{self, Group, Records, Span, ACTIVITY_PREFIX};
use fazhi_core::org::FieldError;
use fazhi_core::procedure::catalogue::{IndicatorDef, Measure, Tally};
use fazhi_core::procedure::{IndicatorConfig, IndicatorValue, Period};
use fazhi_store::indicators as projection;
use fazhi_store::units;

use super::stored::{self, Place};
use crate::auth::Actor;
use crate::{App, AppError};

/// The values of one group of the catalogue.
#[derive(Debug, Clone)]
pub struct GroupValues {
    /// The kind's machine name, or `activity`.
    pub id: &'static str,
    pub name: &'static str,
    pub records: Records,
    pub values: Vec<IndicatorValue>,
}

/// The catalogue of a unit for a period.
#[derive(Debug, Clone)]
pub struct CatalogueValues {
    pub unit_id: i64,
    pub unit_name: String,
    pub subtree: bool,
    pub span: Span,
    pub period: Period,
    pub config: IndicatorConfig,
    pub groups: Vec<GroupValues>,
}

/// Which part of a value's records: for a rate, its numerator or its
/// denominator; all the counters otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    #[default]
    All,
    Numerator,
    Denominator,
}

impl Part {
    /// Reads `numerator`, `denominator` or nothing.
    pub fn parse(raw: &str) -> Result<Part, FieldError> {
        match raw.trim() {
            "" | "all" => Ok(Part::All),
            "numerator" => Ok(Part::Numerator),
            "denominator" => Ok(Part::Denominator),
            other => Err(FieldError::new(
                "part",
                format!(
                    "“{}”不是可选的范围(numerator 分子、denominator 分母)",
                    fazhi_core::input::quote_for_message(other, 30)
                ),
            )),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Part::All => "",
            Part::Numerator => "numerator",
            Part::Denominator => "denominator",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Part::All => "",
            Part::Numerator => "(分子)",
            Part::Denominator => "(分母)",
        }
    }
}

/// What the records of a value are asked for with.
#[derive(Debug, Clone)]
pub struct RecordsQuery {
    pub id: String,
    pub unit_id: i64,
    pub subtree: bool,
    pub period: Period,
    pub part: Part,
    /// 1-based.
    pub page: u32,
    pub config: IndicatorConfig,
}

/// The records behind a value live elsewhere: activities, listed by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRecords {
    pub unit_id: i64,
    /// The `ActivityKind` stable code.
    pub kind: &'static str,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One matching fact of a case behind a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFact {
    /// The counter's code (`reconsideration.received`).
    pub counter: String,
    /// Its Chinese name ([`counter_zh`]).
    pub name: String,
    pub on: String,
    pub amount: i64,
}

/// One case behind a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLine {
    pub case_id: i64,
    pub number: String,
    pub kind: String,
    pub kind_zh: &'static str,
    pub unit_name: String,
    /// The matching facts.
    pub facts: Vec<RecordFact>,
}

/// The Chinese name of a counter (`indicator::counter_name`); its code
/// only if it has none (a counter no definition reads any more).
pub fn counter_zh(counter: &str) -> String {
    indicator::counter_name(counter).map_or_else(|| counter.to_owned(), str::to_owned)
}

/// One page of the cases behind a value.
#[derive(Debug, Clone)]
pub struct RecordsPage {
    pub id: &'static str,
    pub name: &'static str,
    pub definition: String,
    pub group: &'static str,
    /// Whether the value is a rate (its parts can be listed apart).
    pub rate: bool,
    pub unit_name: String,
    pub query: RecordsQuery,
    /// The counters listed (codes).
    pub counters: Vec<&'static str>,
    /// Their Chinese names, in the same order.
    pub counter_names: Vec<String>,
    /// Every case behind the value (all pages).
    pub total: u64,
    pub per_page: u32,
    pub rows: Vec<RecordLine>,
}

impl RecordsPage {
    pub fn pages(&self) -> u32 {
        u32::try_from(self.total.div_ceil(u64::from(self.per_page))).unwrap_or(u32::MAX).max(1)
    }
}

/// Where the records of a value are.
#[derive(Debug, Clone)]
pub enum RecordsAnswer {
    Cases(Box<RecordsPage>),
    Activities(ActivityRecords),
}

/// Records per page.
pub const RECORDS_PER_PAGE: u32 = 50;
/// The last page a records list serves (deeper pages are refused).
pub const MAX_RECORDS_PAGE: u32 = 10_000;

/// The earliest and latest dates a records query accepts.
fn check_dates(from: NaiveDate, to: NaiveDate) -> Result<(), AppError> {
    let lo = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX);
    let mut errs = Vec::new();
    for (field, d) in [("from", from), ("to", to)] {
        if d < lo || d > hi {
            errs.push(FieldError::new(field, format!("日期“{d}”应在2000年至2100年之间")));
        }
    }
    if errs.is_empty() && from > to {
        errs.push(FieldError::new("to", format!("截止日期“{to}”早于起始日期“{from}”")));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errs))
    }
}

/// The counters of a tally.
fn counters_of(t: &Tally) -> &'static [&'static str] {
    match t {
        Tally::Sum(c) | Tally::DistinctCases(c) => c,
    }
}

/// The counters whose facts make the `part` of a definition's value.
pub fn counters_for(def: &IndicatorDef, part: Part) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = match (&def.measure, part) {
        (Measure::Count(t), _) => counters_of(t).to_vec(),
        (Measure::Rate { numerator, .. }, Part::Numerator) => counters_of(numerator).to_vec(),
        (Measure::Rate { denominator, .. }, Part::Denominator) => counters_of(denominator).to_vec(),
        (Measure::Rate { numerator, denominator }, Part::All) => {
            [counters_of(numerator), counters_of(denominator)].concat()
        }
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The page of the records behind a value of indicator `id`:
/// `/reports/indicators/{id}/records` for the unit (with `subtree` the units
/// below too) and the dates of `period`, under the page's default \[U\]
/// variants (`IndicatorConfig::default()`; the catalogue page appends the
/// variants it was asked for). The page lists the records of every counter
/// of the value (a rate's numerator and denominator together; `&part=` picks
/// one); an activity indicator's page redirects to the activities list.
pub fn records_page_link(id: &str, unit_id: i64, subtree: bool, period: Period) -> String {
    format!(
        "/reports/indicators/{id}/records?unit={unit_id}&subtree={}&from={}&to={}",
        if subtree { "1" } else { "0" },
        period.from,
        period.to
    )
}

/// Every definition of the registry's groups, in order.
pub(crate) fn all_defs(registry: &[Group]) -> Vec<IndicatorDef> {
    registry.iter().flat_map(|g| g.defs.iter().cloned()).collect()
}

impl App {
    /// Every indicator of the registry for the unit (with `subtree` the
    /// units below too) and the period, from the rollup: one rollup query
    /// for all the sums, one facts query per distinct-case tally.
    pub async fn indicator_catalogue(
        &self,
        actor: &Actor,
        unit_id: i64,
        subtree: bool,
        span: Span,
        config: IndicatorConfig,
    ) -> Result<CatalogueValues, AppError> {
        let (unit, within) = self.unit_within(actor, unit_id).await?;
        let place = Place::new(&within, &unit.path, subtree);
        let period = span.period();
        let registry = indicator::registry(&config);
        let sums = stored::monthly_sums(&self.store, &place.of(&period), &all_defs(&registry)).await?;
        let mut groups = Vec::with_capacity(registry.len());
        for Group { id, name, records, defs } in registry {
            let values = stored::values(&self.store, &place, &sums, &defs, &period).await?;
            groups.push(GroupValues { id, name, records, values });
        }
        Ok(CatalogueValues { unit_id, unit_name: unit.name, subtree, span, period, config, groups })
    }

    /// The records behind one value: a page of the cases with a matching
    /// fact in the period, inside the reader's scope, or where the
    /// activities' records are listed. An unknown id is not found.
    pub async fn indicator_records(&self, actor: &Actor, q: RecordsQuery) -> Result<RecordsAnswer, AppError> {
        let Some((group, def)) = indicator::find(&q.config, &q.id) else { return Err(AppError::NotFound) };
        check_dates(q.period.from, q.period.to)?;
        if q.page == 0 || q.page > MAX_RECORDS_PAGE {
            return Err(AppError::invalid(FieldError::new(
                "page",
                format!("页码应在1至{MAX_RECORDS_PAGE}之间,您输入的是{}", q.page),
            )));
        }
        let (unit, within) = self.unit_within(actor, q.unit_id).await?;
        if group.records == Records::Activities || def.id.starts_with(ACTIVITY_PREFIX) {
            let kind = indicator::activity_kind(def.id)
                .ok_or_else(|| AppError::Internal(format!("activity indicator {} names no kind", def.id)))?;
            return Ok(RecordsAnswer::Activities(ActivityRecords {
                unit_id: unit.id,
                kind: kind.code(),
                from: q.period.from,
                to: q.period.to,
            }));
        }
        let place = Place::new(&within, &unit.path, q.subtree);
        let m = place.between(&q.period);
        let counters = counters_for(&def, q.part);
        let pool = self.store.pool();
        let total = projection::distinct_cases(pool, &m.at(), &counters).await?;
        let per_page = RECORDS_PER_PAGE;
        let offset = i64::from(q.page - 1) * i64::from(per_page);
        let rows = projection::records(pool, &m.at(), &counters, i64::from(per_page), offset).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.case_id).collect();
        let mut facts: HashMap<i64, Vec<RecordFact>> = HashMap::new();
        for (case_id, counter, on, amount) in projection::facts_of(pool, &m.at(), &counters, &ids).await? {
            facts.entry(case_id).or_default().push(RecordFact { name: counter_zh(&counter), counter, on, amount });
        }
        let names: HashMap<i64, String> =
            units::list(pool, &actor.scope).await?.into_iter().map(|u| (u.id, u.name)).collect();
        let rows = rows
            .into_iter()
            .map(|r| RecordLine {
                case_id: r.case_id,
                kind_zh: fazhi_core::procedure::by_id(&r.kind).map(|k| k.zh()).unwrap_or("未知类型"),
                unit_name: names.get(&r.unit_id).cloned().unwrap_or_else(|| format!("单位{}", r.unit_id)),
                facts: facts.remove(&r.case_id).unwrap_or_default(),
                number: r.number,
                kind: r.kind,
            })
            .collect();
        Ok(RecordsAnswer::Cases(Box::new(RecordsPage {
            id: def.id,
            name: def.name,
            definition: def.definition.clone(),
            group: group.name,
            rate: matches!(def.measure, Measure::Rate { .. }),
            unit_name: unit.name,
            query: q,
            counter_names: counters.iter().map(|c| counter_zh(c)).collect(),
            counters,
            total: u64::try_from(total).map_err(|_| AppError::Internal(format!("negative count {total}")))?,
            per_page,
            rows,
        })))
    }
}
