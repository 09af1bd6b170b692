//! 建议提案 registration: one proposal by a form, or the whole list of a
//! session by an .xlsx upload (multipart), both on `/cases/new/proposal`,
//! which the case list links as the kind's registration. A refused import
//! names every bad row and column and keeps the other fields.

use super::units::tree_rows;
use super::CsrfForm;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, FieldErrors, Layout, ProposalNewPage};
use crate::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::proposals::{sheet, ImportInput, ProposalInput};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::proposal::Source;

/// What the page shows besides the forms.
#[derive(Default)]
struct Outcome {
    errors: Vec<FieldError>,
    import_errors: Vec<FieldError>,
    imported: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    form: ProposalInput,
    import: ImportInput,
    o: Outcome,
) -> Result<ProposalNewPage, WebError> {
    let actor = ctx.staff()?;
    Ok(ProposalNewPage {
        layout: Layout::new("登记建议、提案", ctx, "proposal"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        import,
        sources: Source::ALL.iter().map(|s| (if *s == Source::Deputy { "deputy" } else { "member" }, s.zh())).collect(),
        units: tree_rows(&state.app.list_units(actor).await?),
        errors: FieldErrors(o.errors),
        import_errors: FieldErrors(o.import_errors),
        max_rows: sheet::MAX_ROWS,
        max_mb: sheet::MAX_BYTES / 1024 / 1024,
        imported: o.imported,
    })
}

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let today = state.app.now.today().to_string();
    let form = ProposalInput { source: code_of(&Source::Deputy), received_on: today.clone(), ..Default::default() };
    let import = ImportInput { source: code_of(&Source::Deputy), received_on: today, ..Default::default() };
    Ok(html(&page(&state, &ctx, form, import, Outcome::default()).await?))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<ProposalInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    match state.app.register_proposal(actor, &f.input).await {
        Ok(row) => Ok(Redirect::to(&format!("/cases/{}", row.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let today = state.app.now.today().to_string();
            let import = ImportInput { source: f.input.source.clone(), received_on: today, ..Default::default() };
            let p = page(&state, &ctx, f.input, import, Outcome { errors, ..Default::default() }).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&p)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The import: a multipart form with `csrf`, `source`, `session`,
/// `received_on`, `assigned_on` and `file`.
pub async fn import(State(state): State<AppState>, ctx: Ctx, mut form: Multipart) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let (mut csrf, mut input, mut file) = (String::new(), ImportInput::default(), Vec::new());
    let broken = || {
        WebError::BadRequest(format!("上传中断或文件超过{}MB的上限,请重新选择文件上传", sheet::MAX_BYTES / 1024 / 1024))
    };
    while let Some(field) = form.next_field().await.map_err(|_| broken())? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            file = field.bytes().await.map_err(|_| broken())?.to_vec();
            continue;
        }
        // The other fields are short; anything long is cut (the use case checks them).
        let value: String = field.text().await.map_err(|_| broken())?.chars().take(200).collect();
        match name.as_str() {
            "csrf" => csrf = value,
            "source" => input.source = value,
            "session" => input.session = value,
            "received_on" => input.received_on = value,
            "assigned_on" => input.assigned_on = value,
            _ => {}
        }
    }
    ctx.check_csrf(&csrf)?;
    let outcome = match state.app.import_proposals(actor, &input, &file).await {
        Ok(done) => {
            let what = if done.assigned { "登记并交办" } else { "登记(尚未交办)" };
            let msg = format!("已{what}{}件,案件编号{}至{}。", done.count, done.first, done.last);
            Outcome { imported: Some(msg), ..Default::default() }
        }
        Err(AppError::Invalid(import_errors)) => Outcome { import_errors, ..Default::default() },
        Err(e) => return Err(e.into()),
    };
    let status = if outcome.imported.is_some() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let today = state.app.now.today().to_string();
    let form = ProposalInput { source: input.source.clone(), received_on: today, ..Default::default() };
    let kept =
        if outcome.imported.is_some() { ImportInput { source: input.source, ..Default::default() } } else { input };
    Ok((status, html(&page(&state, &ctx, form, kept, outcome).await?)).into_response())
}
