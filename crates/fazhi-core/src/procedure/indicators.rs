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

use super::catalogue::{evaluate, CaseFacts, Fact, IndicatorDef, Tally};
use super::engine::Case;
use super::litigation::{
    AppearanceDefinition, AppearanceUnit, HearingRecord, Instance, Litigation, LitigationOutcome, LossBase,
    LossDefinition,
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

/// The counters a reconsideration case contributes ([`ReconsiderationRecord::facts`]).
pub mod reconsideration_counter {
    pub const RECEIVED: &str = "reconsideration.received";
    pub const ACCEPTED: &str = "reconsideration.accepted";
    pub const REJECTED: &str = "reconsideration.rejected";
    pub const CONCLUDED: &str = "reconsideration.concluded";
    /// Concluded by a decision on the merits (Arts. 63–69).
    pub const MERITS: &str = "reconsideration.concluded.merits";
    pub const CORRECTED_NARROW: &str = "reconsideration.corrected.narrow";
    pub const CORRECTED_STANDARD: &str = "reconsideration.corrected.standard";
    pub const CORRECTED_COMPREHENSIVE: &str = "reconsideration.corrected.comprehensive";
    /// Ended by 调解 or 和解.
    pub const MEDIATED: &str = "reconsideration.mediated";
    /// Terminated after the applicant withdrew (Art. 41 (1)).
    pub const WITHDRAWN_TERMINATED: &str = "reconsideration.terminated.withdrawn";

    /// Their Chinese names.
    pub const NAMES: &[(&str, &str)] = &[
        (RECEIVED, "收到复议申请"),
        (ACCEPTED, "受理"),
        (REJECTED, "不予受理"),
        (CONCLUDED, "审结"),
        (MERITS, "作出实体决定审结"),
        (CORRECTED_NARROW, "纠错(变更、撤销、确认违法、责令履行)"),
        (CORRECTED_STANDARD, "纠错(变更、撤销、确认违法、责令履行、确认无效)"),
        (CORRECTED_COMPREHENSIVE, "纠错(含被申请人自行纠正后撤回)"),
        (MEDIATED, "调解、和解结案"),
        (WITHDRAWN_TERMINATED, "撤回申请后终止"),
    ];
}

impl ReconsiderationRecord {
    /// The case's facts: each counter dated by the event that places it.
    pub fn facts(&self) -> Vec<Fact> {
        use reconsideration_counter::*;
        let mut out = vec![Fact::new(RECEIVED, self.received)];
        out.extend(self.accepted.map(|d| Fact::new(ACCEPTED, d)));
        out.extend(self.rejected.map(|d| Fact::new(REJECTED, d)));
        if let Some((on, o)) = self.concluded {
            out.push(Fact::new(CONCLUDED, on));
            let mut add = |yes: bool, counter| {
                if yes {
                    out.push(Fact::new(counter, on));
                }
            };
            add(o.is_on_merits(), MERITS);
            add(self.is_correction(CorrectionScope::Narrow), CORRECTED_NARROW);
            add(self.is_correction(CorrectionScope::Standard), CORRECTED_STANDARD);
            add(self.is_correction(CorrectionScope::Comprehensive), CORRECTED_COMPREHENSIVE);
            add(o.is_mediation_or_settlement(), MEDIATED);
            add(o == ReconsiderationOutcome::Terminated && self.after_withdrawal, WITHDRAWN_TERMINATED);
        }
        out
    }
}

/// The 行政复议 indicators under `config`, as definitions over the counters of
/// [`ReconsiderationRecord::facts`]. 纠错 and 调解和解 (and 撤回后终止) are
/// outcomes of different cases, so their sums count cases.
pub fn reconsideration_catalogue(config: &IndicatorConfig) -> Vec<IndicatorDef> {
    use reconsideration_counter::*;
    use Tally::Sum;
    let corrected: &'static [&'static str] = match config.correction_scope {
        CorrectionScope::Narrow => &[CORRECTED_NARROW],
        CorrectionScope::Standard => &[CORRECTED_STANDARD],
        CorrectionScope::Comprehensive => &[CORRECTED_COMPREHENSIVE],
    };
    let (base, base_text): (&'static [&'static str], &str) = match config.correction_base {
        CorrectionBase::Concluded => (&[CONCLUDED], "审结数"),
        CorrectionBase::DecidedOnMerits => {
            (&[MERITS], "作出实体决定（变更、撤销、确认违法、责令履行、确认无效、维持、驳回复议请求）的案件数")
        }
    };
    let (substantive, substantive_text): (&'static [&'static str], &str) = match config.substantive {
        SubstantiveDefinition::MediationSettlementCorrection => (
            match config.correction_scope {
                CorrectionScope::Narrow => &[MEDIATED, CORRECTED_NARROW],
                CorrectionScope::Standard => &[MEDIATED, CORRECTED_STANDARD],
                CorrectionScope::Comprehensive => &[MEDIATED, CORRECTED_COMPREHENSIVE],
            },
            "实质性化解数=调解+和解+纠错",
        ),
        // Only terminations after the applicant withdrew (Art. 41 (1)), not those
        // for death, dissolution and the like.
        SubstantiveDefinition::MediationSettlementWithdrawal => {
            (&[MEDIATED, WITHDRAWN_TERMINATED], "实质性化解数=调解+和解+撤回申请后终止")
        }
    };
    let scope = config.correction_scope.zh();
    vec![
        IndicatorDef::count(
            RECONSIDERATION_RECEIVED,
            "收到行政复议申请",
            Sum(&[RECEIVED]),
            "期间内收到的行政复议申请数",
        ),
        IndicatorDef::count(
            RECONSIDERATION_ACCEPTED,
            "受理",
            Sum(&[ACCEPTED]),
            "期间内受理的行政复议申请数（《行政复议法》第三十条）",
        ),
        IndicatorDef::count(
            RECONSIDERATION_REJECTED,
            "不予受理",
            Sum(&[REJECTED]),
            "期间内决定不予受理的申请数（《行政复议法》第三十条）",
        ),
        IndicatorDef::count(
            RECONSIDERATION_CONCLUDED,
            "审结",
            Sum(&[CONCLUDED]),
            "期间内审结的案件数（作出决定、调解、终止）",
        ),
        IndicatorDef::count(RECONSIDERATION_CORRECTED, "纠错", Sum(corrected), scope),
        IndicatorDef::rate(
            RECONSIDERATION_CORRECTION_RATE,
            "纠错率",
            Sum(corrected),
            Sum(base),
            format!("纠错率=纠错数÷{base_text}；{scope}"),
        ),
        IndicatorDef::count(
            RECONSIDERATION_MEDIATED_SETTLED,
            "调解和解",
            Sum(&[MEDIATED]),
            "期间内以调解书或和解撤回结案的案件数",
        ),
        IndicatorDef::rate(
            RECONSIDERATION_MEDIATION_RATE,
            "调解和解结案率",
            Sum(&[MEDIATED]),
            Sum(&[CONCLUDED]),
            "调解和解结案率=（调解+和解）÷审结数",
        ),
        IndicatorDef::count(RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS, "实质性化解", Sum(substantive), substantive_text),
        IndicatorDef::rate(
            RECONSIDERATION_SUBSTANTIVE_RESOLUTION_RATE,
            "实质性化解率",
            Sum(substantive),
            Sum(&[CONCLUDED]),
            format!("实质性化解率=实质性化解数÷审结数；{substantive_text}"),
        ),
    ]
}

/// The facts of `records`, keyed by their position.
fn facts_of<R>(records: &[R], facts: impl Fn(&R) -> Vec<Fact>) -> Vec<CaseFacts<usize>> {
    records.iter().enumerate().map(|(case, r)| CaseFacts { case, facts: facts(r) }).collect()
}

/// The 行政复议 indicators of `period`.
pub fn reconsideration(
    cases: &[ReconsiderationRecord],
    period: Period,
    config: &IndicatorConfig,
) -> Vec<IndicatorValue> {
    evaluate(&reconsideration_catalogue(config), &facts_of(cases, ReconsiderationRecord::facts), period)
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

/// The counters a suit contributes ([`LitigationRecord::facts`]).
pub mod litigation_counter {
    pub const RECEIVED: &str = "litigation.received";
    pub const CONCLUDED: &str = "litigation.concluded";
    pub const CONCLUDED_NO_WITHDRAWAL: &str = "litigation.concluded.not_withdrawn";
    pub const CONCLUDED_JUDGMENT: &str = "litigation.concluded.judgment";
    /// Lost (撤销, 确认违法, 责令履行 …), judgments of compensation apart.
    pub const LOST: &str = "litigation.lost";
    /// A judgment of compensation or remedy (Art. 76).
    pub const LOST_COMPENSATION: &str = "litigation.lost.compensation";
    /// A first-instance hearing, and one of a later instance.
    pub const HEARING_FIRST: &str = "litigation.hearing.first";
    pub const HEARING_LATER: &str = "litigation.hearing.later";
    /// The same, where a qualifying head appeared.
    pub const HEAD_FIRST: &str = "litigation.head_appeared.first";
    pub const HEAD_LATER: &str = "litigation.head_appeared.later";

    /// Their Chinese names.
    pub const NAMES: &[(&str, &str)] = &[
        (RECEIVED, "收到起诉(应诉)"),
        (CONCLUDED, "审结"),
        (CONCLUDED_NO_WITHDRAWAL, "审结(撤诉除外)"),
        (CONCLUDED_JUDGMENT, "判决结案"),
        (LOST, "败诉"),
        (LOST_COMPENSATION, "判决赔偿或补救"),
        (HEARING_FIRST, "一审开庭"),
        (HEARING_LATER, "二审或再审开庭"),
        (HEAD_FIRST, "一审负责人出庭"),
        (HEAD_LATER, "二审或再审负责人出庭"),
    ];
}

impl LitigationRecord {
    /// The suit's facts: each counter dated by the event that places it.
    pub fn facts(&self) -> Vec<Fact> {
        use litigation_counter::*;
        let mut out = vec![Fact::new(RECEIVED, self.received)];
        if let Some((on, o)) = self.concluded {
            out.push(Fact::new(CONCLUDED, on));
            let mut add = |yes: bool, counter| {
                if yes {
                    out.push(Fact::new(counter, on));
                }
            };
            add(o != LitigationOutcome::Withdrawn, CONCLUDED_NO_WITHDRAWAL);
            add(o.is_judgment(), CONCLUDED_JUDGMENT);
            add(o.is_loss(&LossDefinition { compensation_is_loss: false, ..LossDefinition::default() }), LOST);
            add(o == LitigationOutcome::Compensation, LOST_COMPENSATION);
        }
        for h in &self.hearings {
            let first = h.instance == Instance::First;
            out.push(Fact::new(if first { HEARING_FIRST } else { HEARING_LATER }, h.date));
            if h.appearance.is_qualifying_head() {
                out.push(Fact::new(if first { HEAD_FIRST } else { HEAD_LATER }, h.date));
            }
        }
        out
    }
}

/// The 行政应诉 indicators under `config`, as definitions over the counters of
/// [`LitigationRecord::facts`]. Per case, 出庭应诉率 counts distinct suits.
pub fn litigation_catalogue(config: &IndicatorConfig) -> Vec<IndicatorDef> {
    use litigation_counter::*;
    use Tally::Sum;
    let def = &config.appearance;
    let (heard, appeared): (&'static [&'static str], &'static [&'static str]) = if def.all_instances {
        (&[HEARING_FIRST, HEARING_LATER], &[HEAD_FIRST, HEAD_LATER])
    } else {
        (&[HEARING_FIRST], &[HEAD_FIRST])
    };
    let (heard, appeared) = match def.unit {
        AppearanceUnit::PerHearing => (Sum(heard), Sum(appeared)),
        AppearanceUnit::PerCase => (Tally::DistinctCases(heard), Tally::DistinctCases(appeared)),
    };
    let loss = &config.loss;
    let lost: &'static [&'static str] = if loss.compensation_is_loss { &[LOST, LOST_COMPENSATION] } else { &[LOST] };
    let base: &'static [&'static str] = match loss.base {
        LossBase::AllConcluded => &[CONCLUDED],
        LossBase::ExcludingWithdrawals => &[CONCLUDED_NO_WITHDRAWAL],
        LossBase::JudgmentsOnly => &[CONCLUDED_JUDGMENT],
    };
    let appearance_text = def.zh();
    let loss_text = loss.zh();
    vec![
        IndicatorDef::count(LITIGATION_CASES, "行政应诉案件", Sum(&[RECEIVED]), "期间内收到起诉状副本的案件数"),
        IndicatorDef::count(LITIGATION_CONCLUDED, "审结", Sum(&[CONCLUDED]), "期间内审结（判决、裁定、撤诉）的案件数"),
        IndicatorDef::count(LITIGATION_HEAD_APPEARANCES, "负责人出庭应诉", appeared, appearance_text.clone()),
        IndicatorDef::rate(LITIGATION_HEAD_APPEARANCE_RATE, "负责人出庭应诉率", appeared, heard, appearance_text),
        IndicatorDef::count(LITIGATION_LOST, "败诉", Sum(lost), loss_text.clone()),
        IndicatorDef::rate(LITIGATION_LOSS_RATE, "败诉率", Sum(lost), Sum(base), loss_text),
    ]
}

/// The 行政应诉 indicators of `period`.
pub fn litigation(cases: &[LitigationRecord], period: Period, config: &IndicatorConfig) -> Vec<IndicatorValue> {
    evaluate(&litigation_catalogue(config), &facts_of(cases, LitigationRecord::facts), period)
}

/// Looks up one indicator by id.
pub fn find<'a>(values: &'a [IndicatorValue], id: &str) -> Option<&'a IndicatorValue> {
    values.iter().find(|v| v.id == id)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::procedure::catalogue::Measure;
    use crate::procedure::litigation::{Appearance, AppearerRank};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn month(m: u32) -> Period {
        let from = d(2024, m, 1);
        let to = if m == 12 { d(2024, 12, 31) } else { d(2024, m + 1, 1).pred_opt().unwrap() };
        Period { from, to }
    }

    /// The premise of the store's rollup (docs/indicators.md): a summed tally
    /// over the year is the sum of its months, for every \[U\] variant; a
    /// distinct-case tally is at most that sum.
    #[test]
    fn summed_tallies_add_up_over_the_months_of_a_year_for_every_variant() {
        use ReconsiderationOutcome as R;
        let outcomes =
            [R::Varied, R::ConfirmedVoid, R::Upheld, R::Terminated, R::Mediated, R::Settled, R::ApplicationDismissed];
        let recs: Vec<ReconsiderationRecord> = (0..40u32)
            .map(|i| ReconsiderationRecord {
                received: d(2024, 1 + i % 12, 1 + i % 27),
                accepted: Some(d(2024, 1 + (i + 1) % 12, 2)),
                rejected: None,
                concluded: Some((d(2024, 1 + (i + 3) % 12, 9), outcomes[i as usize % outcomes.len()])),
                self_corrected: i % 5 == 0,
                after_withdrawal: i % 3 == 0,
            })
            .collect();
        let lits: Vec<LitigationRecord> = (0..30u32)
            .map(|i| LitigationRecord {
                received: d(2024, 1 + i % 12, 3),
                hearings: (0..(i % 3))
                    .map(|h| HearingRecord {
                        date: d(2024, 1 + (i + h * 4) % 12, 5),
                        instance: if h == 0 { Instance::First } else { Instance::Second },
                        appearance: Appearance {
                            rank: (i % 2 == 0).then_some(AppearerRank::Principal),
                            name: String::new(),
                            identity_proof_filed: true,
                            spoke: true,
                        },
                    })
                    .collect(),
                concluded: (i % 4 != 0).then(|| {
                    let o =
                        [LitigationOutcome::Annulled, LitigationOutcome::Compensation, LitigationOutcome::Withdrawn]
                            [i as usize % 3];
                    (d(2024, 1 + (i + 2) % 12, 20), o)
                }),
            })
            .collect();
        let year = Period { from: d(2024, 1, 1), to: d(2024, 12, 31) };
        let mut checked = 0;
        for scope in [CorrectionScope::Narrow, CorrectionScope::Standard, CorrectionScope::Comprehensive] {
            for unit in [AppearanceUnit::PerCase, AppearanceUnit::PerHearing] {
                for compensation_is_loss in [false, true] {
                    let config = IndicatorConfig {
                        correction_scope: scope,
                        appearance: AppearanceDefinition { unit, all_instances: true },
                        loss: LossDefinition { compensation_is_loss, base: LossBase::ExcludingWithdrawals },
                        ..IndicatorConfig::default()
                    };
                    let sets = [
                        (reconsideration_catalogue(&config), facts_of(&recs, ReconsiderationRecord::facts)),
                        (litigation_catalogue(&config), facts_of(&lits, LitigationRecord::facts)),
                    ];
                    for (defs, facts) in &sets {
                        let total = evaluate(defs, facts, year);
                        let months: Vec<Vec<IndicatorValue>> =
                            (1..=12).map(|m| evaluate(defs, facts, month(m))).collect();
                        for (i, def) in defs.iter().enumerate() {
                            let parts = |v: &Value| match *v {
                                Value::Count { count } => (count, 0),
                                Value::Rate { numerator, denominator } => (numerator, denominator),
                            };
                            let (n, dn) = parts(&total[i].value);
                            let (sn, sdn) =
                                months.iter().map(|m| parts(&m[i].value)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
                            let distinct = matches!(
                                def.measure,
                                Measure::Count(Tally::DistinctCases(_))
                                    | Measure::Rate { numerator: Tally::DistinctCases(_), .. }
                            );
                            if distinct {
                                assert!(n <= sn && dn <= sdn, "{}", def.id);
                            } else {
                                assert_eq!((n, dn), (sn, sdn), "{} under {config:?}", def.id);
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 3 * 2 * 2 * 16);
        // The fixture exercises the counters it claims to.
        let all = evaluate(
            &reconsideration_catalogue(&IndicatorConfig::default()),
            &facts_of(&recs, ReconsiderationRecord::facts),
            year,
        );
        assert!(find(&all, RECONSIDERATION_CORRECTED).unwrap().value.count() > 0);
        assert!(find(&all, RECONSIDERATION_MEDIATED_SETTLED).unwrap().value.count() > 0);
    }
}
