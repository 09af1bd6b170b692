//! The 行政复议 and 行政应诉 indicators of a unit's year, computed from the
//! case records. Each figure shows its definition; the definitions that vary
//! between provinces (LAW.md §3.3, §4.3, \[U\]) are chosen on the page.

use super::units::tree_rows;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, DefinitionChoice, FieldErrors, IndicatorLine, IndicatorPage, Layout};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use fazhi_app::AppError;
use fazhi_core::org::FieldError;
use fazhi_core::procedure::{
    AppearanceDefinition, AppearanceUnit, CorrectionBase, CorrectionScope, IndicatorConfig, IndicatorValue, LossBase,
    LossDefinition, SubstantiveDefinition, Value,
};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct IndicatorQuery {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    subtree: String,
    #[serde(default)]
    correction_scope: String,
    #[serde(default)]
    correction_base: String,
    #[serde(default)]
    substantive: String,
    #[serde(default)]
    appearance_unit: String,
    #[serde(default)]
    appearance_instances: String,
    #[serde(default)]
    loss_base: String,
    #[serde(default)]
    compensation_is_loss: String,
}

fn config_of(q: &IndicatorQuery) -> (IndicatorConfig, Vec<DefinitionChoice>) {
    let pick = |raw: &str, options: &[(&'static str, &'static str)]| -> String {
        options.iter().find(|(c, _)| *c == raw.trim()).unwrap_or(&options[0]).0.to_owned()
    };
    let scope_opts = vec![
        ("standard", "变更+撤销+确认违法+责令履行+确认无效"),
        ("narrow", "变更+撤销+确认违法+责令履行"),
        ("comprehensive", "综合纠错(含被申请人自行纠正后撤回)"),
    ];
    let base_opts = vec![("concluded", "审结数"), ("merits", "作出实体决定的案件数")];
    let subst_opts = vec![("correction", "调解+和解+纠错"), ("withdrawal", "调解+和解+撤回后终止")];
    let unit_opts = vec![("case", "按案件"), ("hearing", "按庭次")];
    let inst_opts = vec![("all", "一审、二审和再审"), ("first", "仅一审")];
    let loss_opts = vec![
        ("all", "审结案件数(含撤诉和裁定)"),
        ("no_withdrawal", "审结案件数(不含撤诉)"),
        ("judgments", "判决结案数"),
    ];
    let comp_opts = vec![("no", "判决赔偿不计入败诉"), ("yes", "判决赔偿计入败诉")];
    let s = pick(&q.correction_scope, &scope_opts);
    let b = pick(&q.correction_base, &base_opts);
    let sd = pick(&q.substantive, &subst_opts);
    let u = pick(&q.appearance_unit, &unit_opts);
    let i = pick(&q.appearance_instances, &inst_opts);
    let l = pick(&q.loss_base, &loss_opts);
    let c = pick(&q.compensation_is_loss, &comp_opts);
    let config = IndicatorConfig {
        correction_scope: match s.as_str() {
            "narrow" => CorrectionScope::Narrow,
            "comprehensive" => CorrectionScope::Comprehensive,
            _ => CorrectionScope::Standard,
        },
        correction_base: if b == "merits" { CorrectionBase::DecidedOnMerits } else { CorrectionBase::Concluded },
        substantive: if sd == "withdrawal" {
            SubstantiveDefinition::MediationSettlementWithdrawal
        } else {
            SubstantiveDefinition::MediationSettlementCorrection
        },
        appearance: AppearanceDefinition {
            unit: if u == "hearing" { AppearanceUnit::PerHearing } else { AppearanceUnit::PerCase },
            all_instances: i != "first",
        },
        loss: LossDefinition {
            compensation_is_loss: c == "yes",
            base: match l.as_str() {
                "no_withdrawal" => LossBase::ExcludingWithdrawals,
                "judgments" => LossBase::JudgmentsOnly,
                _ => LossBase::AllConcluded,
            },
        },
    };
    let choices = vec![
        ("correction_scope", "纠错的口径", scope_opts, s),
        ("correction_base", "纠错率的分母", base_opts, b),
        ("substantive", "实质性化解的口径", subst_opts, sd),
        ("appearance_unit", "出庭应诉率的计算单位", unit_opts, u),
        ("appearance_instances", "出庭应诉率的审级", inst_opts, i),
        ("loss_base", "败诉率的分母", loss_opts, l),
        ("compensation_is_loss", "判决赔偿是否计入败诉", comp_opts, c),
    ];
    (config, choices)
}

/// A figure as printed: a count, or a rate with its parts.
fn figure(v: &IndicatorValue) -> String {
    match v.value {
        Value::Count { count } => count.to_string(),
        Value::Rate { numerator, denominator } => match v.value.percent() {
            Some(p) => format!("{p:.1}%({numerator}/{denominator})"),
            None => format!("—({numerator}/{denominator})"),
        },
    }
}

fn rows(values: &[IndicatorValue]) -> Vec<IndicatorLine> {
    values.iter().map(|v| (v.id.clone(), v.name.clone(), figure(v), v.definition.clone())).collect()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let units = state.app.list_units(actor).await?;
    let unit = q.unit.trim().parse::<i64>().unwrap_or_else(|_| units.first().map(|u| u.id).unwrap_or(actor.unit_id));
    let default_year = chrono::Datelike::year(&state.app.now.today()) - 1;
    let (config, choices) = config_of(&q);
    let mut errors = Vec::new();
    let year = match q.year.trim() {
        "" => Some(default_year),
        y => y
            .parse::<i32>()
            .map_err(|_| errors.push(FieldError::new("year", format!("年度应为四位数字,您输入的是“{y}”"))))
            .ok(),
    };
    // A new page (no query) covers the whole scope.
    let subtree = q.subtree == "1" || q.unit.is_empty();
    let mut page = IndicatorPage {
        layout: Layout::new("行政复议与行政应诉指标", &ctx, "indicators"),
        unit: unit.to_string(),
        year: year.map(|y| y.to_string()).unwrap_or_else(|| q.year.clone()),
        subtree,
        units: tree_rows(&units),
        choices,
        unit_name: String::new(),
        sections: Vec::new(),
        errors: FieldErrors::default(),
    };
    if let Some(year) = year {
        match state.app.review_indicators(actor, unit, year, subtree, config).await {
            Ok(r) => {
                page.unit_name = r.unit_name;
                page.sections = vec![
                    ("行政复议(本机关办理的复议案件)", r.reconsideration_records, rows(&r.reconsideration)),
                    ("行政应诉(本机关为被告的诉讼案件)", r.litigation_records, rows(&r.litigation)),
                ];
            }
            Err(AppError::Invalid(errs)) => errors.extend(errs),
            Err(e) => return Err(e.into()),
        }
        if errors.is_empty() {
            for k in state.app.kind_indicators(actor, unit, year, subtree).await? {
                page.sections.push((k.kind_zh, k.records, rows(&k.values)));
            }
        }
    }
    page.errors = FieldErrors(errors);
    Ok(html(&page))
}
