//! Indicators: the whole catalogue of a unit and period with the records
//! behind each value ([`catalogue`]), the 月统计/季分析 with its exports
//! ([`periodic`]), the rebuild of the projection ([`rebuild`]), all read
//! from the stored rollup and facts ([`stored`]), never by decoding cases;
//! the 复议/应诉 indicators of a year (the annual report's figures) and
//! table 4 of the 政府信息公开工作年度报告.

use crate::auth::Actor;
use crate::cases::decode_as;
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::org::FieldError;
use fazhi_core::procedure::{
    IndicatorConfig, IndicatorValue, Litigation, LitigationRecord, Matter, Period, Procedure, Reconsideration,
    ReconsiderationRecord, ReviewSummary, Table4,
};
use fazhi_store::cases;
use fazhi_store::units;

pub mod catalogue;
pub mod periodic;
pub mod rebuild;
pub mod stored;

/// The 复议 and 应诉 indicators of a unit's year.
#[derive(Debug, Clone)]
pub struct ReviewIndicators {
    pub unit_name: String,
    pub year: i32,
    pub subtree: bool,
    pub config: IndicatorConfig,
    pub reconsideration: Vec<IndicatorValue>,
    pub litigation: Vec<IndicatorValue>,
    /// Case records behind each list.
    pub reconsideration_records: usize,
    pub litigation_records: usize,
}

/// Table 4 of a unit's year and where it came from.
#[derive(Debug, Clone)]
pub struct Table4Report {
    pub unit_name: String,
    pub year: i32,
    pub table: Table4,
    pub records: usize,
}

pub(crate) fn check_year(year: i32) -> Result<Period, AppError> {
    match (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) {
        (Some(from), Some(to)) if (2000..=2100).contains(&year) => Ok(Period { from, to }),
        _ => Err(AppError::invalid(FieldError::new("year", format!("年度应在2000至2100之间,您输入的是{year}")))),
    }
}

impl App {
    /// A unit in the reader's scope and the scope of its own subtree (its
    /// regions): where an indicator of the unit is counted.
    pub(crate) async fn unit_within(
        &self,
        actor: &Actor,
        unit_id: i64,
    ) -> Result<(fazhi_store::units::Unit, fazhi_store::Scope), AppError> {
        let unit = units::get(self.store.pool(), &actor.scope, unit_id).await?;
        let within = self.scope_at(&unit.path).await?;
        Ok((unit, within))
    }

    /// The indicators of `year` for reconsiderations handled by the unit (as
    /// 复议机关) and suits against it (as defendant), with `subtree` those of
    /// the units below too.
    pub async fn review_indicators(
        &self,
        actor: &Actor,
        unit_id: i64,
        year: i32,
        subtree: bool,
        config: IndicatorConfig,
    ) -> Result<ReviewIndicators, AppError> {
        let period = check_year(year)?;
        // The unit's own regions (one for a district's unit): its queries
        // stay in them.
        let (unit, within) = self.unit_within(actor, unit_id).await?;
        let months = stored::Place::new(&within, &unit.path, subtree).of(&period);
        let rec = Reconsideration::catalogue(&config);
        let lit = Litigation::catalogue(&config);
        Ok(ReviewIndicators {
            unit_name: unit.name,
            year,
            subtree,
            config,
            reconsideration: stored::evaluate(&self.store, &months, &rec).await?,
            litigation: stored::evaluate(&self.store, &months, &lit).await?,
            reconsideration_records: stored::records(&self.store, &months, &rec).await?,
            litigation_records: stored::records(&self.store, &months, &lit).await?,
        })
    }

    /// The 复议 and 应诉 indicators of the unit over the whole months of
    /// `period`, from the stored projection (no case is decoded).
    pub async fn review_indicators_in(
        &self,
        actor: &Actor,
        unit_id: i64,
        period: Period,
        subtree: bool,
        config: IndicatorConfig,
    ) -> Result<(Vec<IndicatorValue>, Vec<IndicatorValue>), AppError> {
        let (unit, within) = self.unit_within(actor, unit_id).await?;
        let months = stored::Place::new(&within, &unit.path, subtree).of(&period);
        Ok((
            stored::evaluate(&self.store, &months, &Reconsideration::catalogue(&config)).await?,
            stored::evaluate(&self.store, &months, &Litigation::catalogue(&config)).await?,
        ))
    }

    /// The indicators of activities (`fazhi_core::activity::catalogue`) of
    /// the unit (with `subtree`, of the units below too) over the whole
    /// months of `period`, from the rollup the activities move (no activity
    /// is read).
    pub async fn activity_indicators_in(
        &self,
        actor: &Actor,
        unit_id: i64,
        period: Period,
        subtree: bool,
    ) -> Result<Vec<IndicatorValue>, AppError> {
        let (unit, within) = self.unit_within(actor, unit_id).await?;
        let months = stored::Place::new(&within, &unit.path, subtree).of(&period);
        stored::evaluate(&self.store, &months, &fazhi_core::activity::catalogue()).await
    }

    /// The 复议 and 应诉 records of the unit, read the old way by decoding
    /// every case: the direct count the stored projection is tested against
    /// (and the baseline of its benchmark).
    pub async fn review_records_by_decoding(
        &self,
        actor: &Actor,
        unit_id: i64,
        subtree: bool,
    ) -> Result<(Vec<ReconsiderationRecord>, Vec<LitigationRecord>), AppError> {
        let unit = units::get(self.store.pool(), &actor.scope, unit_id).await?;
        let pool = self.store.pool();
        let within = self.scope_at(&unit.path).await?;
        let mut rec = Vec::new();
        for r in cases::of_kind(pool, Reconsideration::ID, &within, subtree).await? {
            rec.extend(ReconsiderationRecord::of(&decode_as::<Reconsideration>(&r)?));
        }
        let mut lit = Vec::new();
        for r in cases::of_kind(pool, Litigation::ID, &within, subtree).await? {
            lit.extend(LitigationRecord::of(&decode_as::<Litigation>(&r)?));
        }
        Ok((rec, lit))
    }

    /// Table 4 of the 政府信息公开工作年度报告: reconsiderations and suits about
    /// the unit's disclosure decisions (matter `goi`), by route and result.
    pub async fn goi_table4(
        &self,
        actor: &Actor,
        unit_id: i64,
        year: i32,
        subtree: bool,
    ) -> Result<Table4Report, AppError> {
        let period = check_year(year)?;
        let unit = units::get(self.store.pool(), &actor.scope, unit_id).await?;
        let rows = cases::reviews_of(
            self.store.pool(),
            Matter::Goi.as_str(),
            &self.scope_at(&unit.path).await?,
            subtree,
            &period.from.to_string(),
            &period.to.to_string(),
        )
        .await?;
        let mut summaries = Vec::with_capacity(rows.len());
        for r in &rows {
            let summary = match r.kind.as_str() {
                Reconsideration::ID => ReviewSummary::of_reconsideration(&decode_as::<Reconsideration>(r)?),
                Litigation::ID => ReviewSummary::of_litigation(&decode_as::<Litigation>(r)?),
                other => return Err(AppError::Internal(format!("case {}: {other} in table 4", r.id))),
            };
            summaries.extend(summary);
        }
        Ok(Table4Report {
            unit_name: unit.name,
            year,
            table: Table4::compute(year, &summaries),
            records: summaries.len(),
        })
    }
}
