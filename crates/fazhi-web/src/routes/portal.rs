//! The public portal (政务公开): what the law says must be public.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, Layout, PortalPage};
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use fazhi_core::org::UnitPath;
use fazhi_store::units;

/// The portal's home page: sections and the public directory of units.
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let pool = state.app.store.pool();
    let regions = units::list_regions(pool).await.map_err(fazhi_app::AppError::from)?;
    let all = units::list(pool, &UnitPath::everything()).await.map_err(fazhi_app::AppError::from)?;
    let region_name = regions.first().map(|r| r.name.clone()).unwrap_or_else(|| "本级政府".to_owned());
    let page = PortalPage {
        layout: Layout::new("政务公开", &ctx, "portal"),
        region_name,
        units: all
            .into_iter()
            .filter(|u| u.active && u.kind != fazhi_core::org::UnitKind::Internal)
            .map(|u| (u.name, u.kind.label().to_owned()))
            .collect(),
    };
    Ok(html(&page))
}

/// Public units a request can be addressed to (not internal offices).
async fn addressable_units(state: &AppState) -> Result<Vec<(i64, String)>, WebError> {
    let all = units::list(state.app.store.pool(), &UnitPath::everything()).await.map_err(fazhi_app::AppError::from)?;
    Ok(all
        .into_iter()
        .filter(|u| u.active && u.kind != fazhi_core::org::UnitKind::Internal)
        .map(|u| (u.id, u.name))
        .collect())
}

pub async fn apply_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let page = crate::views::PortalApplyPage {
        layout: Layout::new("政府信息公开申请", &ctx, "portal"),
        form: fazhi_app::cases::DisclosureInput::default(),
        unit_id: String::new(),
        errors: crate::views::FieldErrors::default(),
        types: super::case_new::applicant_types(),
        units: addressable_units(&state).await?,
    };
    Ok(html(&page))
}

pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(f): axum::Form<super::CsrfForm<fazhi_app::cases::DisclosureInput>>,
) -> Result<Response, WebError> {
    use axum::response::IntoResponse;
    ctx.check_csrf(&f.csrf)?;
    // The receipt date is the day of submission, whatever the form says.
    let input = fazhi_app::cases::DisclosureInput { received_on: String::new(), ..f.input };
    match state.app.submit_disclosure_online(&input).await {
        Ok(row) => {
            let page = crate::views::PortalReceiptPage {
                layout: Layout::new("申请已提交", &ctx, "portal"),
                code: row.receipt_code.unwrap_or_default(),
                number: row.number,
                unit_name: row.unit_name,
                received_on: row.received_on,
                reply_due: row.next_due.unwrap_or_default(),
            };
            Ok((axum::http::StatusCode::CREATED, html(&page)).into_response())
        }
        Err(fazhi_app::AppError::Invalid(errs)) => {
            let page = crate::views::PortalApplyPage {
                layout: Layout::new("政府信息公开申请", &ctx, "portal"),
                unit_id: input.unit_id.map(|i| i.to_string()).unwrap_or_default(),
                form: input,
                errors: crate::views::FieldErrors(errs),
                types: super::case_new::applicant_types(),
                units: addressable_units(&state).await?,
            };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TrackQuery {
    #[serde(default)]
    code: String,
}

pub async fn track(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<TrackQuery>,
) -> Result<Response, WebError> {
    let progress = if q.code.trim().is_empty() { None } else { state.app.track_request(&q.code).await? };
    let page = crate::views::PortalTrackPage {
        layout: Layout::new("申请办理进度查询", &ctx, "portal"),
        not_found: !q.code.trim().is_empty() && progress.is_none(),
        code: q.code,
        progress,
    };
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: String,
}

/// Published 行政复议 decision documents (personal data masked at publication).
pub async fn decisions(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<PageQuery>,
) -> Result<Response, WebError> {
    let page = q.page.trim().parse::<i64>().unwrap_or(0).clamp(0, 10_000);
    let docs = state.app.published_decisions(page).await?;
    let view = crate::views::PortalDecisionsPage {
        layout: Layout::new("行政复议决定书公开", &ctx, "portal"),
        more: docs.len() == 20,
        docs: docs.into_iter().map(|d| (d.id, d.title, d.unit_name, d.decided_on)).collect(),
        page,
    };
    Ok(html(&view))
}

pub async fn decision(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let d = state.app.published_decision(super::parse_id(&id)?).await?;
    let view = crate::views::PortalDecisionPage {
        layout: Layout::new(d.title.clone(), &ctx, "portal"),
        title: d.title,
        unit_name: d.unit_name,
        decided_on: d.decided_on,
        // A withdrawn document is not shown again; the page says so.
        withdrawn_on: d.withdrawn_at.as_ref().map(|at| at.chars().take(10).collect()),
        body: if d.withdrawn_at.is_some() { String::new() } else { d.body },
    };
    Ok(html(&view))
}
