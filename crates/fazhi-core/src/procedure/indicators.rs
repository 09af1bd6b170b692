//! Indicator definitions of 行政复议 and 行政应诉, in one place.
//!
//! The ids are defined here and re-exported by the published-report checker
//! (`fazhi-report/src/indicators.rs`), so a figure in a published report can be
//! compared with the records; all follow the `domain.measure` form. Definitions that vary
//! by province (LAW.md §3.3, §4.3, tagged \[U\]) are configurable through
//! [`IndicatorConfig`]; every value carries the Chinese definition it was computed
//! with, so a page can show its provenance.
//!
//! A period is inclusive at both ends. A case counts in a flow indicator (收到, 受理,
//! 审结 …) when the event dated in the period happened; rates divide two such counts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::engine::Case;
use super::litigation::{
    AppearanceDefinition, AppearanceUnit, HearingRecord, Instance, Litigation, LitigationOutcome, LossDefinition,
};
use super::reconsideration::{self, CorrectionScope, Reconsideration, ReconsiderationOutcome};

/// `reconsideration.received`: applications received (收到).
pub const RECONSIDERATION_RECEIVED: &str = "reconsideration.received";
/// `reconsideration.accepted`: applications accepted (受理).
pub const RECONSIDERATION_ACCEPTED: &str = "reconsideration.accepted";
/// `reconsideration.rejected`: applications not accepted (不予受理, Art. 30).
pub const RECONSIDERATION_REJECTED: &str = "reconsideration.rejected";
/// `reconsideration.concluded`: cases concluded (审结: decisions, mediation, termination).
pub const RECONSIDERATION_CONCLUDED: &str = "reconsideration.concluded";
/// `reconsideration.corrected`: 纠错 cases.
pub const RECONSIDERATION_CORRECTED: &str = "reconsideration.corrected";
/// `reconsideration.correction_rate`: 纠错率.
pub const RECONSIDERATION_CORRECTION_RATE: &str = "reconsideration.correction_rate";
/// `reconsideration.mediated_settled`: cases ended by 调解 or 和解.
pub const RECONSIDERATION_MEDIATED_SETTLED: &str = "reconsideration.mediated_settled";
/// `reconsideration.mediation_rate`: 调解和解结案率.
pub const RECONSIDERATION_MEDIATION_RATE: &str = "reconsideration.mediation_rate";
/// `reconsideration.substantive_resolutions`: 实质性化解 cases.
pub const RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS: &str = "reconsideration.substantive_resolutions";
/// `reconsideration.substantive_resolution_rate`: 实质性化解率.
pub const RECONSIDERATION_SUBSTANTIVE_RESOLUTION_RATE: &str = "reconsideration.substantive_resolution_rate";
/// `litigation.cases`: cases received (complaint copy served) in the period.
pub const LITIGATION_CASES: &str = "litigation.cases";
/// `litigation.concluded`: cases concluded in the period.
pub const LITIGATION_CONCLUDED: &str = "litigation.concluded";
/// `litigation.head_appearances`: appearances of a qualifying head (per the unit in use).
pub const LITIGATION_HEAD_APPEARANCES: &str = "litigation.head_appearances";
/// `litigation.head_appearance_rate`: 负责人出庭应诉率.
pub const LITIGATION_HEAD_APPEARANCE_RATE: &str = "litigation.head_appearance_rate";
/// `litigation.lost`: cases lost (败诉).
pub const LITIGATION_LOST: &str = "litigation.lost";
/// `litigation.loss_rate`: 败诉率.
pub const LITIGATION_LOSS_RATE: &str = "litigation.loss_rate";

/// An inclusive period of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Whether `d` is in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    fn has(&self, d: Option<NaiveDate>) -> bool {
        d.is_some_and(|d| self.contains(d))
    }
}

/// The denominator of 纠错率 (LAW.md §3.3, \[U\]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionBase {
    /// 审结数: every case concluded in the period (default, LAW.md §3.3).
    #[default]
    Concluded,
    /// Cases concluded by a decision on the merits (Arts. 63–69).
    DecidedOnMerits,
}

/// What counts as 实质性化解 (\[U\]: no national definition).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubstantiveDefinition {
    /// 调解 + 和解 + 纠错 (the dispute is resolved in the applicant's favour or by
    /// agreement) — the default.
    #[default]
    MediationSettlementCorrection,
    /// 调解 + 和解 + every termination after withdrawal (Art. 41).
    MediationSettlementWithdrawal,
}

/// The configurable definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorConfig {
    pub correction_scope: CorrectionScope,
    pub correction_base: CorrectionBase,
    pub substantive: SubstantiveDefinition,
    pub appearance: AppearanceDefinition,
    pub loss: LossDefinition,
}

/// An indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Value {
    Count { count: u64 },
    Rate { numerator: u64, denominator: u64 },
}

impl Value {
    /// The rate in percent; `None` for a count or a zero denominator.
    pub fn percent(&self) -> Option<f64> {
        match *self {
            Value::Rate { numerator, denominator } if denominator > 0 => {
                Some(numerator as f64 * 100.0 / denominator as f64)
            }
            _ => None,
        }
    }

    /// The count, or the numerator of a rate.
    pub fn count(&self) -> u64 {
        match *self {
            Value::Count { count } => count,
            Value::Rate { numerator, .. } => numerator,
        }
    }
}

/// One computed indicator with its definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub id: String,
    /// The Chinese name.
    pub name: String,
    pub value: Value,
    /// The definition used, in Chinese.
    pub definition: String,
}

fn count(id: &str, name: &str, n: u64, definition: &str) -> IndicatorValue {
    IndicatorValue { id: id.into(), name: name.into(), value: Value::Count { count: n }, definition: definition.into() }
}

fn rate(id: &str, name: &str, numerator: u64, denominator: u64, definition: &str) -> IndicatorValue {
    IndicatorValue {
        id: id.into(),
        name: name.into(),
        value: Value::Rate { numerator, denominator },
        definition: definition.into(),
    }
}

/// What the indicators need to know of a reconsideration case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconsiderationRecord {
    pub received: NaiveDate,
    pub accepted: Option<NaiveDate>,
    /// 不予受理 date.
    pub rejected: Option<NaiveDate>,
    /// Conclusion date and outcome.
    pub concluded: Option<(NaiveDate, ReconsiderationOutcome)>,
    /// Withdrawn after the respondent corrected its own act (综合纠错).
    pub self_corrected: bool,
    /// Terminated because the applicant withdrew (not on another ground of Art. 41).
    #[serde(default)]
    pub after_withdrawal: bool,
}

impl ReconsiderationRecord {
    /// The record of a reconsideration case.
    pub fn of(case: &Case<Reconsideration>) -> Option<ReconsiderationRecord> {
        let rejected = if case.stage == reconsideration::Stage::Rejected { case.common.closed_on } else { None };
        // A case that ended before acceptance (视为放弃, withdrawn) was never
        // under review: it is received, but never 审结.
        let concluded = match (case.common.concluded(), case.outcome) {
            (Some(d), Some(o)) if !o.is_before_acceptance() => Some((d, o)),
            _ => None,
        };
        Some(ReconsiderationRecord {
            received: case.common.received_on?,
            accepted: case.data.accepted_on,
            rejected,
            concluded,
            self_corrected: case.data.self_corrected,
            after_withdrawal: case.data.terminated_after_withdrawal,
        })
    }

    fn is_correction(&self, scope: CorrectionScope) -> bool {
        match self.concluded {
            Some((_, o)) => {
                o.is_correction(scope)
                    || (scope == CorrectionScope::Comprehensive
                        && self.self_corrected
                        && o == ReconsiderationOutcome::Terminated)
            }
            None => false,
        }
    }
}

/// The 行政复议 indicators of `period`.
pub fn reconsideration(
    cases: &[ReconsiderationRecord],
    period: Period,
    config: &IndicatorConfig,
) -> Vec<IndicatorValue> {
    let received = cases.iter().filter(|c| period.contains(c.received)).count() as u64;
    let accepted = cases.iter().filter(|c| period.has(c.accepted)).count() as u64;
    let rejected = cases.iter().filter(|c| period.has(c.rejected)).count() as u64;
    let concluded: Vec<&ReconsiderationRecord> =
        cases.iter().filter(|c| period.has(c.concluded.map(|(d, _)| d))).collect();
    let n_concluded = concluded.len() as u64;
    let outcome = |c: &ReconsiderationRecord| c.concluded.map(|(_, o)| o);
    let corrected = concluded.iter().filter(|c| c.is_correction(config.correction_scope)).count() as u64;
    let (base, base_text) = match config.correction_base {
        CorrectionBase::Concluded => (n_concluded, "审结数"),
        CorrectionBase::DecidedOnMerits => (
            concluded.iter().filter(|c| outcome(c).is_some_and(|o| o.is_on_merits())).count() as u64,
            "作出实体决定（变更、撤销、确认违法、责令履行、确认无效、维持、驳回复议请求）的案件数",
        ),
    };
    let mediated =
        concluded.iter().filter(|c| outcome(c).is_some_and(|o| o.is_mediation_or_settlement())).count() as u64;
    let (substantive, substantive_text) = match config.substantive {
        SubstantiveDefinition::MediationSettlementCorrection => (
            concluded
                .iter()
                .filter(|c| {
                    outcome(c).is_some_and(|o| o.is_mediation_or_settlement())
                        || c.is_correction(config.correction_scope)
                })
                .count() as u64,
            "实质性化解数=调解+和解+纠错",
        ),
        SubstantiveDefinition::MediationSettlementWithdrawal => (
            concluded
                .iter()
                .filter(|c| {
                    // Only terminations after the applicant withdrew (Art. 41 (1)),
                    // not those for death, dissolution and the like.
                    outcome(c).is_some_and(|o| {
                        o.is_mediation_or_settlement()
                            || (o == ReconsiderationOutcome::Terminated && c.after_withdrawal)
                    })
                })
                .count() as u64,
            "实质性化解数=调解+和解+撤回申请后终止",
        ),
    };
    let scope = config.correction_scope.zh();
    vec![
        count(RECONSIDERATION_RECEIVED, "收到行政复议申请", received, "期间内收到的行政复议申请数"),
        count(RECONSIDERATION_ACCEPTED, "受理", accepted, "期间内受理的行政复议申请数（《行政复议法》第三十条）"),
        count(RECONSIDERATION_REJECTED, "不予受理", rejected, "期间内决定不予受理的申请数（《行政复议法》第三十条）"),
        count(RECONSIDERATION_CONCLUDED, "审结", n_concluded, "期间内审结的案件数（作出决定、调解、终止）"),
        count(RECONSIDERATION_CORRECTED, "纠错", corrected, scope),
        rate(
            RECONSIDERATION_CORRECTION_RATE,
            "纠错率",
            corrected,
            base,
            &format!("纠错率=纠错数÷{base_text}；{scope}"),
        ),
        count(RECONSIDERATION_MEDIATED_SETTLED, "调解和解", mediated, "期间内以调解书或和解撤回结案的案件数"),
        rate(
            RECONSIDERATION_MEDIATION_RATE,
            "调解和解结案率",
            mediated,
            n_concluded,
            "调解和解结案率=（调解+和解）÷审结数",
        ),
        count(RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS, "实质性化解", substantive, substantive_text),
        rate(
            RECONSIDERATION_SUBSTANTIVE_RESOLUTION_RATE,
            "实质性化解率",
            substantive,
            n_concluded,
            &format!("实质性化解率=实质性化解数÷审结数；{substantive_text}"),
        ),
    ]
}

/// What the indicators need to know of a litigation case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LitigationRecord {
    /// The complaint copy was served on the agency.
    pub received: NaiveDate,
    pub hearings: Vec<HearingRecord>,
    /// Conclusion date and outcome (final judgment or ruling, or withdrawal).
    pub concluded: Option<(NaiveDate, LitigationOutcome)>,
}

impl LitigationRecord {
    /// The record of a suit.
    pub fn of(case: &Case<Litigation>) -> Option<LitigationRecord> {
        // The year of the first conclusion is kept through an appeal.
        let concluded = match (case.common.concluded(), case.outcome) {
            (Some(d), Some(o)) => Some((d, o)),
            _ => None,
        };
        Some(LitigationRecord { received: case.common.received_on?, hearings: case.data.hearings.clone(), concluded })
    }
}

/// The 行政应诉 indicators of `period`.
pub fn litigation(cases: &[LitigationRecord], period: Period, config: &IndicatorConfig) -> Vec<IndicatorValue> {
    let received = cases.iter().filter(|c| period.contains(c.received)).count() as u64;
    let concluded: Vec<(NaiveDate, LitigationOutcome)> =
        cases.iter().filter_map(|c| c.concluded).filter(|(d, _)| period.contains(*d)).collect();
    let n_concluded = concluded.len() as u64;
    let loss = &config.loss;
    let lost = concluded.iter().filter(|(_, o)| o.is_loss(loss)).count() as u64;
    let loss_base = concluded.iter().filter(|(_, o)| loss.in_base(*o)).count() as u64;

    let def = &config.appearance;
    let counted = |h: &&HearingRecord| period.contains(h.date) && (def.all_instances || h.instance == Instance::First);
    let (appeared, heard) = match def.unit {
        AppearanceUnit::PerHearing => {
            let hearings: Vec<&HearingRecord> = cases.iter().flat_map(|c| c.hearings.iter()).filter(counted).collect();
            let appeared = hearings.iter().filter(|h| h.appearance.is_qualifying_head()).count() as u64;
            (appeared, hearings.len() as u64)
        }
        AppearanceUnit::PerCase => {
            let mut appeared = 0;
            let mut heard = 0;
            for c in cases {
                let hs: Vec<&HearingRecord> = c.hearings.iter().filter(counted).collect();
                if hs.is_empty() {
                    continue;
                }
                heard += 1;
                if hs.iter().any(|h| h.appearance.is_qualifying_head()) {
                    appeared += 1;
                }
            }
            (appeared, heard)
        }
    };
    let appearance_text = def.zh();
    let loss_text = loss.zh();
    vec![
        count(LITIGATION_CASES, "行政应诉案件", received, "期间内收到起诉状副本的案件数"),
        count(LITIGATION_CONCLUDED, "审结", n_concluded, "期间内审结（判决、裁定、撤诉）的案件数"),
        count(LITIGATION_HEAD_APPEARANCES, "负责人出庭应诉", appeared, &appearance_text),
        rate(LITIGATION_HEAD_APPEARANCE_RATE, "负责人出庭应诉率", appeared, heard, &appearance_text),
        count(LITIGATION_LOST, "败诉", lost, &loss_text),
        rate(LITIGATION_LOSS_RATE, "败诉率", lost, loss_base, &loss_text),
    ]
}

/// Looks up one indicator by id.
pub fn find<'a>(values: &'a [IndicatorValue], id: &str) -> Option<&'a IndicatorValue> {
    values.iter().find(|v| v.id == id)
}
