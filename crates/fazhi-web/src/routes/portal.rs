//! The public portal (政务公开): what the law says must be public.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, Layout, PortalPage, PublicDoc};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use fazhi_app::petitions::{choices, PortalPetition};
use fazhi_app::portal::PortalRequest;
use fazhi_core::procedure::petition::Category;

/// The portal's home page: sections and the public directory of units.
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let region_name = state.app.portal_region_name().await?.unwrap_or_else(|| "本级政府".to_owned());
    let page = PortalPage {
        layout: Layout::new("政务公开", &ctx, "portal"),
        region_name,
        units: state.app.portal_units().await?.into_iter().map(|u| (u.name, u.kind.label().to_owned())).collect(),
    };
    Ok(html(&page))
}

/// Public units a request can be addressed to (not internal offices).
async fn addressable_units(state: &AppState) -> Result<Vec<(i64, String)>, WebError> {
    Ok(state.app.portal_units().await?.into_iter().map(|u| (u.id, u.name)).collect())
}

fn apply_page(
    ctx: &Ctx,
    form: PortalRequest,
    errors: Vec<fazhi_core::org::FieldError>,
    units: Vec<(i64, String)>,
) -> crate::views::PortalApplyPage {
    crate::views::PortalApplyPage {
        layout: Layout::new("政府信息公开申请", ctx, "portal"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        delivery: &fazhi_app::portal::DELIVERY,
        errors: crate::views::FieldErrors(errors),
        types: super::case_new::applicant_types(),
        units,
    }
}

/// Refuses a client address over its rate.
fn limited(limiter: &crate::limits::RateLimiter, ctx: &Ctx, what: &str) -> Result<(), WebError> {
    limiter.check(ctx.client_ip).map_err(|wait| {
        WebError::TooManyRequests(format!("{what}过于频繁,请于{}后再试。", crate::limits::human_wait(wait)))
    })
}

pub async fn apply_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let units = addressable_units(&state).await?;
    Ok(html(&apply_page(
        &ctx,
        PortalRequest { delivery: fazhi_app::portal::DELIVERY[0].to_owned(), ..Default::default() },
        Vec::new(),
        units,
    )))
}

pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(f): axum::Form<super::CsrfForm<PortalRequest>>,
) -> Result<Response, WebError> {
    use axum::response::IntoResponse;
    ctx.check_csrf(&f.csrf)?;
    limited(&state.portal_submit_limit, &ctx, "提交申请")?;
    match state.app.submit_portal_request(&f.input).await {
        Ok(row) => {
            let page = crate::views::PortalReceiptPage {
                layout: Layout::new("申请已提交", &ctx, "portal"),
                what: "申请",
                code: row.receipt_code.unwrap_or_default(),
                number: row.number,
                unit_name: row.unit_name,
                received_on: row.received_on,
                due_label: "答复期限",
                reply_due: row.next_due.unwrap_or_default(),
                due_note: "遇补正、征求第三方意见或依法延期的,期限相应调整",
            };
            Ok((axum::http::StatusCode::CREATED, html(&page)).into_response())
        }
        Err(fazhi_app::AppError::Invalid(errs)) => {
            let units = addressable_units(&state).await?;
            let page = apply_page(&ctx, f.input, errs, units);
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn petition_page(
    ctx: &Ctx,
    form: PortalPetition,
    errors: Vec<fazhi_core::org::FieldError>,
    units: Vec<(i64, String)>,
) -> crate::views::PortalPetitionPage {
    crate::views::PortalPetitionPage {
        layout: Layout::new("网上信访", ctx, "portal"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: crate::views::FieldErrors(errors),
        categories: choices(&Category::ALL, |c| c.zh()),
        units,
    }
}

/// 网上信访: the form.
pub async fn petition_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let units = addressable_units(&state).await?;
    let form = PortalPetition { petitioner_kind: "person".to_owned(), ..Default::default() };
    Ok(html(&petition_page(&ctx, form, Vec::new(), units)))
}

/// 网上信访: filed, with a receipt code (or the form again with the reasons).
pub async fn petition(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(f): axum::Form<super::CsrfForm<PortalPetition>>,
) -> Result<Response, WebError> {
    use axum::response::IntoResponse;
    ctx.check_csrf(&f.csrf)?;
    limited(&state.portal_submit_limit, &ctx, "提交信访事项")?;
    match state.app.submit_portal_petition(&f.input).await {
        Ok(row) => {
            let page = crate::views::PortalReceiptPage {
                layout: Layout::new("信访事项已提交", &ctx, "portal"),
                what: "信访事项",
                code: row.receipt_code.unwrap_or_default(),
                number: row.number,
                unit_name: row.unit_name,
                received_on: row.received_on,
                due_label: "转送交办或告知期限",
                reply_due: row.next_due.unwrap_or_default(),
                due_note: "《信访工作条例》第二十二条、第二十三条:收到之日起15日内转送、交办或者书面告知",
            };
            Ok((axum::http::StatusCode::CREATED, html(&page)).into_response())
        }
        Err(fazhi_app::AppError::Invalid(errs)) => {
            let units = addressable_units(&state).await?;
            let page = petition_page(&ctx, f.input, errs, units);
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
    let code: String = q.code.chars().take(40).collect();
    let progress = if code.trim().is_empty() {
        None
    } else {
        limited(&state.portal_track_limit, &ctx, "查询")?;
        state.app.track_request(&code).await?
    };
    let page = crate::views::PortalTrackPage {
        layout: Layout::new("办理进度查询", &ctx, "portal"),
        not_found: !code.trim().is_empty() && progress.is_none(),
        code,
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
pub async fn decisions(state: State<AppState>, ctx: Ctx, q: Query<PageQuery>) -> Result<Response, WebError> {
    documents(&super::case_files::DECISIONS, state, ctx, q).await
}

pub async fn decision(state: State<AppState>, ctx: Ctx, id: Path<String>) -> Result<Response, WebError> {
    document(&super::case_files::DECISIONS, state, ctx, id).await
}

/// Published replies to 人大代表建议 and 政协委员提案 (the proposer's name masked).
pub async fn proposal_replies(state: State<AppState>, ctx: Ctx, q: Query<PageQuery>) -> Result<Response, WebError> {
    documents(&super::case_files::PROPOSAL_REPLIES, state, ctx, q).await
}

pub async fn proposal_reply(state: State<AppState>, ctx: Ctx, id: Path<String>) -> Result<Response, WebError> {
    document(&super::case_files::PROPOSAL_REPLIES, state, ctx, id).await
}

/// The published documents of one kind, 20 a page.
async fn documents(
    doc: &'static PublicDoc,
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let page = q.page.trim().parse::<i64>().unwrap_or(0).clamp(0, 10_000);
    let docs = state.app.published_documents(doc.kind, page).await?;
    let view = crate::views::PortalDecisionsPage {
        layout: Layout::new(doc.heading, &ctx, "portal"),
        doc,
        more: docs.len() == 20,
        docs: docs.into_iter().map(|d| (d.id, d.title, d.unit_name, d.decided_on)).collect(),
        page,
    };
    Ok(html(&view))
}

/// One published document of a kind (another kind's id is not found here).
async fn document(
    doc: &'static PublicDoc,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let d = state.app.published_document(doc.kind, super::parse_id(&id)?).await?;
    let view = crate::views::PortalDecisionPage {
        layout: Layout::new(d.title.clone(), &ctx, "portal"),
        doc,
        title: d.title,
        unit_name: d.unit_name,
        decided_on: d.decided_on,
        // A withdrawn document is not shown again; the page says so.
        withdrawn_on: d.withdrawn_at.as_ref().map(|at| at.chars().take(10).collect()),
        body: if d.withdrawn_at.is_some() { String::new() } else { d.body },
    };
    Ok(html(&view))
}
