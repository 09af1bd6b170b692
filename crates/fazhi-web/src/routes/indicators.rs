//! The indicator catalogue: every indicator of every kind and of activities
//! for a unit (alone or with its subtree) and a period (year, quarter,
//! month), each value a link to the records behind it
//! (`/reports/indicators/{id}/records`); the 月统计/季分析 page with its
//! changes, exports (.xlsx, CSV) and server-rendered SVG charts. The
//! definitions that vary between provinces (LAW.md §3.3, §4.3, \[U\]) are
//! chosen on the page and carried along every link.

use super::units::tree_rows;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{
    html, CatalogueGroupView, DefinitionChoice, FieldErrors, FigureView, IndicatorPage, Layout, PeriodicGroupView,
    PeriodicLineView, PeriodicPage, RecordRowView, RecordsPageView,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use fazhi_app::auth::Actor;
use fazhi_app::indicators::catalogue::{records_page_link, Part, RecordsAnswer, RecordsQuery};
use fazhi_app::indicators::periodic::{self, figure};
use fazhi_app::AppError;
use fazhi_core::indicator::{Records, Span};
use fazhi_core::org::FieldError;
use fazhi_core::procedure::{
    AppearanceDefinition, AppearanceUnit, CorrectionBase, CorrectionScope, IndicatorConfig, IndicatorValue, LossBase,
    LossDefinition, Period, SubstantiveDefinition, Value,
};

/// The query of every indicator page: place, period, \[U\] variants, and
/// for the records the range, part and page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct IndicatorQuery {
    #[serde(default)]
    pub unit: String,
    /// `2025`, `2025-Q1` or `2025-03`.
    #[serde(default)]
    pub period: String,
    /// The old form of the page (`year=2025`), still read.
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub subtree: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub correction_scope: String,
    #[serde(default)]
    pub correction_base: String,
    #[serde(default)]
    pub substantive: String,
    #[serde(default)]
    pub appearance_unit: String,
    #[serde(default)]
    pub appearance_instances: String,
    #[serde(default)]
    pub loss_base: String,
    #[serde(default)]
    pub compensation_is_loss: String,
}

/// The \[U\] variants chosen in the query (unknown choices fall back to the
/// default) and the page's choice lists.
pub fn config_of(q: &IndicatorQuery) -> (IndicatorConfig, Vec<DefinitionChoice>) {
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

/// The chosen variants as query text (`&correction_scope=standard…`), for links.
fn variants_query(choices: &[DefinitionChoice]) -> String {
    choices.iter().map(|c| format!("&{}={}", c.0, c.3)).collect()
}

/// The unit asked for: a number, or (empty) the first unit of the reader's
/// scope. Anything else is a field error quoting it.
pub fn unit_of(raw: &str, default: i64) -> Result<i64, FieldError> {
    match raw.trim() {
        "" => Ok(default),
        t => t.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| {
            FieldError::new("unit", format!("单位“{}”应为单位编号", fazhi_core::input::quote_for_message(t, 30)))
        }),
    }
}

/// The period asked for: `period`, else the old `year`, else last year.
pub fn span_of(q: &IndicatorQuery, today: NaiveDate) -> Result<Span, FieldError> {
    let raw = if q.period.trim().is_empty() { q.year.trim() } else { q.period.trim() };
    if raw.is_empty() {
        return Ok(Span::Year(chrono::Datelike::year(&today) - 1));
    }
    Span::parse(raw).map_err(|m| FieldError::new("period", m))
}

/// A date field (`YYYY-MM-DD`), quoted when it is not one.
pub fn date_of(field: &'static str, label: &str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map(Some).map_err(|_| {
        FieldError::new(
            field,
            format!("{label}“{}”不是有效日期(格式为2025-03-01)", fazhi_core::input::quote_for_message(t, 30)),
        )
    })
}

/// The records' range: `from`/`to` if given (both), else the period's.
pub fn range_of(q: &IndicatorQuery, today: NaiveDate) -> Result<Period, Vec<FieldError>> {
    let mut errs = Vec::new();
    let from = date_of("from", "起始日期", &q.from).map_err(|e| errs.push(e)).ok().flatten();
    let to = date_of("to", "截止日期", &q.to).map_err(|e| errs.push(e)).ok().flatten();
    if !errs.is_empty() {
        return Err(errs);
    }
    match (from, to) {
        (Some(from), Some(to)) => Ok(Period { from, to }),
        (None, None) => span_of(q, today).map(Span::period).map_err(|e| vec![e]),
        (Some(_), None) => Err(vec![FieldError::new("to", "请同时填写截止日期".to_owned())]),
        (None, Some(_)) => Err(vec![FieldError::new("from", "请同时填写起始日期".to_owned())]),
    }
}

/// The page number (1 when empty).
pub fn page_of(raw: &str) -> Result<u32, FieldError> {
    match raw.trim() {
        "" => Ok(1),
        t => t.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
            FieldError::new("page", format!("页码“{}”应为正整数", fazhi_core::input::quote_for_message(t, 20)))
        }),
    }
}

/// Where the records of an activity indicator are listed.
pub fn activities_link(unit: i64, subtree: bool, kind: &str, from: NaiveDate, to: NaiveDate) -> String {
    let sub = if subtree { "&subtree=1" } else { "" };
    format!("/activities?unit={unit}{sub}&kind={kind}&from={from}&to={to}")
}

/// What a figure cell shows and where its parts lead.
fn figure_view(
    v: &IndicatorValue,
    records: Records,
    unit: i64,
    subtree: bool,
    period: &Period,
    variants: &str,
) -> FigureView {
    let base = match records {
        Records::Activities => match fazhi_core::indicator::activity_kind(&v.id) {
            Some(k) => activities_link(unit, subtree, k.code(), period.from, period.to),
            None => String::new(),
        },
        Records::Cases { .. } => format!("{}{variants}", records_page_link(&v.id, unit, subtree, *period)),
    };
    let part = |p: &str| if records == Records::Activities { base.clone() } else { format!("{base}&part={p}") };
    match v.value {
        Value::Count { count } => {
            FigureView { id: v.id.clone(), text: count.to_string(), link: base.clone(), parts: Vec::new() }
        }
        Value::Rate { numerator, denominator } => FigureView {
            id: v.id.clone(),
            text: match v.value.percent() {
                Some(p) => format!("{p:.1}%"),
                None => "—".to_owned(),
            },
            link: base.clone(),
            parts: vec![(numerator.to_string(), part("numerator")), (denominator.to_string(), part("denominator"))],
        },
    }
}

/// The reader, the units of their scope, and the unit asked for.
async fn place(
    state: &AppState,
    actor: &Actor,
    q: &IndicatorQuery,
    errors: &mut Vec<FieldError>,
) -> Result<(Vec<crate::views::UnitRowView>, i64), WebError> {
    let units = state.app.list_units(actor).await?;
    let default = units.first().map(|u| u.id).unwrap_or(actor.unit_id);
    let unit = unit_of(&q.unit, default).map_err(|e| errors.push(e)).unwrap_or(default);
    Ok((tree_rows(&units), unit))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let mut errors = Vec::new();
    let (units, unit) = place(&state, actor, &q, &mut errors).await?;
    let (config, choices) = config_of(&q);
    let span = span_of(&q, state.app.now.today()).map_err(|e| errors.push(e)).ok();
    // A new page (no query) covers the whole scope.
    let subtree = q.subtree == "1" || q.unit.is_empty();
    let variants = variants_query(&choices);
    let mut page = IndicatorPage {
        layout: Layout::new("指标统计", &ctx, "indicators"),
        unit: unit.to_string(),
        period: span.map(Span::code).unwrap_or_else(|| {
            if q.period.is_empty() {
                q.year.clone()
            } else {
                q.period.clone()
            }
        }),
        period_zh: span.map(Span::zh).unwrap_or_default(),
        subtree,
        units,
        choices,
        unit_name: String::new(),
        groups: Vec::new(),
        periodic_link: String::new(),
        errors: FieldErrors::default(),
    };
    if let (Some(span), true) = (span, errors.is_empty()) {
        match state.app.indicator_catalogue(actor, unit, subtree, span, config).await {
            Ok(c) => {
                page.unit_name = c.unit_name;
                page.periodic_link = format!(
                    "/reports/indicators/periodic?unit={unit}&period={}{}{variants}",
                    span.code(),
                    if subtree { "&subtree=1" } else { "" }
                );
                page.groups = c
                    .groups
                    .iter()
                    .map(|g| CatalogueGroupView {
                        name: g.name,
                        activities: g.records == Records::Activities,
                        rows: g
                            .values
                            .iter()
                            .map(|v| {
                                (
                                    figure_view(v, g.records, unit, subtree, &c.period, &variants),
                                    v.name.clone(),
                                    v.definition.clone(),
                                )
                            })
                            .collect(),
                    })
                    .collect();
            }
            Err(AppError::Invalid(errs)) => errors.extend(errs),
            Err(e) => return Err(e.into()),
        }
    }
    page.errors = FieldErrors(errors);
    Ok(html(&page))
}

/// `/reports/indicators/{id}/records`: the cases behind a value, paged, in
/// the reader's scope; an activity indicator leads to the activities list.
pub async fn records(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let mut errors = Vec::new();
    let (_, unit) = place(&state, actor, &q, &mut errors).await?;
    let (config, choices) = config_of(&q);
    let range = range_of(&q, state.app.now.today()).map_err(|e| errors.extend(e)).ok();
    let part = Part::parse(&q.part).map_err(|e| errors.push(e)).unwrap_or_default();
    let page_no = page_of(&q.page).map_err(|e| errors.push(e)).unwrap_or(1);
    let subtree = q.subtree == "1";
    let mut view = RecordsPageView {
        layout: Layout::new("指标记录", &ctx, "indicators"),
        id: id.clone(),
        name: String::new(),
        group: "",
        definition: String::new(),
        unit_name: String::new(),
        subtree,
        unit: unit.to_string(),
        part: part.code(),
        choices: choices.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
        part_zh: part.zh(),
        part_links: Vec::new(),
        counters: String::new(),
        total: 0,
        page: page_no,
        pages: 1,
        rows: Vec::new(),
        prev_link: String::new(),
        next_link: String::new(),
        back_link: String::new(),
        errors: FieldErrors::default(),
    };
    if let (Some(range), true) = (range, errors.is_empty()) {
        view.from = range.from.to_string();
        view.to = range.to.to_string();
        let query = RecordsQuery { id: id.clone(), unit_id: unit, subtree, period: range, part, page: page_no, config };
        match state.app.indicator_records(actor, query).await {
            Ok(RecordsAnswer::Activities(a)) => {
                return Ok(Redirect::to(&activities_link(a.unit_id, subtree, a.kind, a.from, a.to)).into_response())
            }
            Ok(RecordsAnswer::Cases(p)) => {
                let p = *p;
                let variants = variants_query(&choices);
                let base = records_page_link(p.id, unit, subtree, range);
                let link = |n: u32| format!("{base}&part={}&page={n}{variants}", part.code());
                if p.rate && part == Part::All {
                    view.part_links = [("只看分子的记录", "numerator"), ("只看分母的记录", "denominator")]
                        .into_iter()
                        .map(|(label, code)| (label, format!("{base}&part={code}{variants}")))
                        .collect();
                }
                view.pages = p.pages();
                view.prev_link = if page_no > 1 { link(page_no - 1) } else { String::new() };
                view.next_link = if page_no < view.pages { link(page_no + 1) } else { String::new() };
                view.back_link = format!(
                    "/reports/indicators?unit={unit}&period={}{}{variants}",
                    Span::Year(chrono::Datelike::year(&range.from)).code(),
                    if subtree { "&subtree=1" } else { "" }
                );
                view.name = p.name.to_owned();
                view.group = p.group;
                view.definition = p.definition.clone();
                view.unit_name = p.unit_name.clone();
                view.counters = p.counter_names.join("、");
                view.total = p.total;
                view.rows = p
                    .rows
                    .into_iter()
                    .map(|r| RecordRowView {
                        case_id: r.case_id,
                        number: r.number,
                        kind_zh: r.kind_zh,
                        unit_name: r.unit_name,
                        facts: r
                            .facts
                            .into_iter()
                            .map(|f| {
                                if f.amount == 1 {
                                    format!("{} {}", f.on, f.name)
                                } else {
                                    format!("{} {} ×{}", f.on, f.name, f.amount)
                                }
                            })
                            .collect(),
                    })
                    .collect();
            }
            Err(AppError::Invalid(errs)) => errors.extend(errs),
            Err(e) => return Err(e.into()),
        }
    }
    view.errors = FieldErrors(errors);
    Ok(html(&view))
}

/// The 月统计/季分析 report asked for, or the field errors.
async fn periodic_report(
    state: &AppState,
    actor: &Actor,
    q: &IndicatorQuery,
    errors: &mut Vec<FieldError>,
) -> Result<Option<periodic::PeriodicReport>, WebError> {
    let (_, unit) = place(state, actor, q, errors).await?;
    let (config, _) = config_of(q);
    let today = state.app.now.today();
    let span = match q.period.trim() {
        // A new page: the last whole month.
        "" if q.year.trim().is_empty() => {
            let (y, m) = fazhi_core::indicator::month_of(today);
            Some(Span::Month(y, m).previous())
        }
        _ => span_of(q, today).map_err(|e| errors.push(e)).ok(),
    };
    let subtree = q.subtree == "1" || q.unit.is_empty();
    let Some(span) = span.filter(|_| errors.is_empty()) else { return Ok(None) };
    match state.app.periodic_report(actor, unit, subtree, span, config).await {
        Ok(r) => Ok(Some(r)),
        Err(AppError::Invalid(errs)) => {
            errors.extend(errs);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// `/reports/indicators/periodic`: 月统计/季分析.
pub async fn periodic(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let mut errors = Vec::new();
    let report = periodic_report(&state, actor, &q, &mut errors).await?;
    let units = tree_rows(&state.app.list_units(actor).await?);
    let (_, choices) = config_of(&q);
    let variants = variants_query(&choices);
    let mut page = PeriodicPage {
        layout: Layout::new("月统计/季分析", &ctx, "indicators-periodic"),
        unit: q.unit.clone(),
        period: if q.period.is_empty() { q.year.clone() } else { q.period.clone() },
        subtree: q.subtree == "1" || q.unit.is_empty(),
        units,
        choices,
        title: String::new(),
        span_zh: String::new(),
        previous_zh: String::new(),
        year_before_zh: String::new(),
        groups: Vec::new(),
        charts: Vec::new(),
        export_query: String::new(),
        catalogue_link: String::new(),
        errors: FieldErrors::default(),
    };
    if let Some(r) = report {
        let sub = if r.subtree { "&subtree=1" } else { "" };
        page.unit = r.unit_id.to_string();
        page.period = r.span.code();
        page.subtree = r.subtree;
        page.title = periodic::title(&r);
        page.span_zh = r.span.zh();
        page.previous_zh = r.previous.zh();
        page.year_before_zh = r.year_before.zh();
        page.export_query = format!("unit={}&period={}{sub}{variants}", r.unit_id, r.span.code());
        page.catalogue_link = format!("/reports/indicators?{}", page.export_query);
        page.charts = r.charts.iter().map(crate::chart::bars).collect();
        page.groups = r
            .groups
            .iter()
            .map(|g| PeriodicGroupView {
                name: g.name,
                lines: g
                    .lines
                    .iter()
                    .map(|l| PeriodicLineView {
                        id: l.id,
                        name: l.name,
                        definition: l.definition.clone(),
                        now: figure(&l.now),
                        previous: figure(&l.previous),
                        vs_previous: l.vs_previous.zh(),
                        year_before: figure(&l.year_before),
                        vs_year_before: l.vs_year_before.zh(),
                    })
                    .collect(),
            })
            .collect();
    }
    page.errors = FieldErrors(errors);
    Ok(html(&page))
}

/// The file name of an export.
fn file_name(r: &periodic::PeriodicReport, ext: &str) -> String {
    format!("indicators-{}-{}.{ext}", r.unit_id, r.span.code())
}

async fn export(state: AppState, ctx: Ctx, q: IndicatorQuery, xlsx: bool) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let mut errors = Vec::new();
    let Some(r) = periodic_report(&state, actor, &q, &mut errors).await? else {
        let text: Vec<String> = errors.into_iter().map(|e| e.message).collect();
        return Err(WebError::BadRequest(text.join(";")));
    };
    let (bytes, mime, name) = if xlsx {
        (
            periodic::xlsx(&r)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            file_name(&r, "xlsx"),
        )
    } else {
        (periodic::csv(&r), "text/csv; charset=utf-8", file_name(&r, "csv"))
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// `/reports/indicators/periodic.xlsx`.
pub async fn periodic_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    export(state, ctx, q, true).await
}

/// `/reports/indicators/periodic.csv` (UTF-8 with a BOM).
pub async fn periodic_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, WebError> {
    export(state, ctx, q, false).await
}
