//! The annual reports: the list and opening form (`/reports/annual`), a
//! report's page (`/cases/{id}/report`: its parts to write, the generated
//! figures, compiling the units' reports, GOI table 2, the checker's flags,
//! override and publication; the review steps are the case page's), its
//! HTML and .docx, and the portal's report column (`/portal/reports`).

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::cases::StepValues;
use crate::views::{html, AnnualReportPage, AnnualReportsPage, FieldErrors, Layout, PortalReportsPage};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};

use super::parse_id;

/// The reports in scope and the form to open one.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let page = list_page(&state, &ctx, StepValues::default(), FieldErrors::default()).await?;
    Ok(html(&page))
}

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    form: StepValues,
    errors: FieldErrors,
) -> Result<AnnualReportsPage, WebError> {
    let actor = ctx.staff()?;
    let reports = state.app.annual_reports(actor).await?;
    let units = super::units::tree_rows(&state.app.list_units(actor).await?);
    let last_year = chrono::Datelike::year(&state.app.now.today()) - 1;
    Ok(AnnualReportsPage {
        layout: Layout::new("年度报告", ctx, "annual-report"),
        reports: reports
            .into_iter()
            .map(|r| {
                (
                    r.row.id,
                    r.row.number,
                    r.kind_zh,
                    r.year,
                    r.row.unit_name,
                    r.stage_zh,
                    r.row.next_due.unwrap_or_default(),
                )
            })
            .collect(),
        units,
        kind: if form.get("kind").is_empty() { "rule_of_law_report".to_owned() } else { form.get("kind").to_owned() },
        unit: if form.get("unit_id").is_empty() { actor.unit_id.to_string() } else { form.get("unit_id").to_owned() },
        year: if form.get("year").is_empty() { last_year.to_string() } else { form.get("year").to_owned() },
        can_write: actor.can(Permission::WriteRecords),
        errors,
    })
}

/// The reports are opened from their list (the case list links here).
pub async fn to_list() -> Redirect {
    Redirect::to("/reports/annual")
}

/// Opens a report.
pub async fn open(State(state): State<AppState>, ctx: Ctx, Form(f): Form<StepValues>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(f.get("csrf"))?;
    let unit = f.get("unit_id").trim().parse::<i64>().ok();
    match state.app.open_annual_report(actor, f.get("kind"), unit, f.get("year")).await {
        Ok(row) => Ok(Redirect::to(&format!("/cases/{}/report", row.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = list_page(&state, &ctx, f, FieldErrors(errs)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn report_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: StepValues,
    errors: FieldErrors,
) -> Result<AnnualReportPage, WebError> {
    let actor = ctx.staff()?;
    let v = state.app.annual_report(actor, id).await?;
    let preview = fazhi_document::to_html(&v.document).map_err(|e| WebError::Internal(format!("report html: {e}")))?;
    // The preview shows the article only (the standalone page's frame is dropped).
    let article = preview
        .split_once("<article>")
        .and_then(|(_, rest)| rest.split_once("</article>"))
        .map(|(a, _)| a.to_owned())
        .unwrap_or_default();
    Ok(AnnualReportPage {
        layout: Layout::new(v.row.subject.clone(), ctx, "annual-report"),
        can_write: actor.can(Permission::WriteRecords) && v.published.is_none(),
        preview: article,
        form,
        errors,
        v,
    })
}

/// A report's page.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let page = report_page(&state, &ctx, parse_id(&id)?, StepValues::default(), FieldErrors::default()).await?;
    Ok(html(&page))
}

/// One action on a report's page: `write`, `figures`, `compile`, `table2`,
/// `override`, `publish`, `revise`.
pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, op)): Path<(String, String)>,
    Form(f): Form<StepValues>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(f.get("csrf"))?;
    let id = parse_id(&id)?;
    let version = f.get("version").trim().parse().unwrap_or(0);
    let app = &state.app;
    let result = match op.as_str() {
        "write" => app.write_report_part(actor, id, version, f.get("part"), f.get("heading"), f.get("body")).await,
        "figures" => app.refresh_report_figures(actor, id, version).await,
        "compile" => app.compile_annual_report(actor, id, version).await,
        "table2" => {
            let get = |name: &str| f.0.get(name).cloned();
            app.enter_report_table2(actor, id, version, &get).await
        }
        "override" => app.override_report_flags(actor, id, version, f.get("reason")).await,
        "publish" => app.publish_annual_report(actor, id, version).await,
        "revise" => app.revise_annual_report(actor, id).await,
        _ => return Err(WebError::NotFound),
    };
    let errors = match result {
        Ok(row) => return Ok(Redirect::to(&format!("/cases/{}/report", row.id)).into_response()),
        Err(AppError::Invalid(errs)) => errs,
        Err(AppError::Conflict(msg)) => vec![FieldError::new("action", msg)],
        Err(AppError::Stale) => {
            vec![FieldError::new("version", "在您填写期间,其他人已修改了本报告。您填写的内容已保留,请核对后重新提交。")]
        }
        Err(e) => return Err(e.into()),
    };
    let page = report_page(&state, &ctx, id, f, FieldErrors(errors)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
}

fn docx_response(doc: &fazhi_document::Document, name: &str) -> Result<Response, WebError> {
    let bytes = fazhi_document::to_docx(doc).map_err(|e| WebError::Internal(format!("docx: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

fn html_response(doc: &fazhi_document::Document) -> Result<Response, WebError> {
    let page = fazhi_document::to_html(doc).map_err(|e| WebError::Internal(format!("report html: {e}")))?;
    Ok(Html(page).into_response())
}

/// A report as a standalone HTML page (draft or published).
pub async fn as_html(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let doc = state.app.report_document(actor, parse_id(&id)?).await?;
    html_response(&doc)
}

/// A report as a .docx (draft or published).
pub async fn as_docx(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let id = parse_id(&id)?;
    let doc = state.app.report_document(actor, id).await?;
    docx_response(&doc, &format!("report-{id}.docx"))
}

/// The portal's report column.
pub async fn portal_list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let reports = state.app.public_reports().await?;
    let page = PortalReportsPage { layout: Layout::new("年度报告", &ctx, "portal"), reports };
    Ok(html(&page))
}

/// A published report as it went out.
pub async fn portal_show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let (_, doc) = state.app.public_report(parse_id(&id)?).await?;
    html_response(&doc)
}

/// A published report's .docx.
pub async fn portal_docx(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let (_, doc) = state.app.public_report(id).await?;
    docx_response(&doc, &format!("annual-report-{id}.docx"))
}
