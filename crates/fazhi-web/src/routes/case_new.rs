//! Registration of cases: a 依申请公开 request received by letter or in
//! person, a 行政复议 application, a 行政应诉 case (the served complaint), a
//! dispute for 调解, a 信访 petition (or a 复查/复核 request against one).
//! A `?origin=NUMBER` link from a case page pre-fills the case challenged.
//! Refused input comes back with the form kept and the errors in Chinese.

use super::units::tree_rows;
use super::CsrfForm;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{
    html, DisclosureNewPage, FieldErrors, Layout, LitigationNewPage, MediationNewPage, PetitionNewPage,
    ReconsiderationNewPage,
};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::cases::{DisclosureInput, Party};
use fazhi_app::mediation::MediationInput;
use fazhi_app::petitions::{choices, PetitionInput};
use fazhi_app::reviews::{LitigationInput, ReconsiderationInput};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::mediation::{Channel, DisputeType, MediationForm};
use fazhi_core::procedure::petition::{self, Category};
use fazhi_core::procedure::{ApplicantType, Matter};

/// The applicant types of table 3 as form options (value = column index).
pub fn applicant_types() -> Vec<(String, &'static str)> {
    ApplicantType::ALL.iter().enumerate().map(|(i, t)| (i.to_string(), t.zh())).collect()
}

fn matters() -> Vec<(&'static str, &'static str)> {
    Matter::ALL.iter().map(|m| (m.as_str(), m.zh())).collect()
}

fn redirect_to(row: &fazhi_store::cases::CaseRow) -> Response {
    Redirect::to(&format!("/cases/{}", row.id)).into_response()
}

fn refused(page: impl askama::Template) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response()
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct OriginQuery {
    #[serde(default)]
    origin: String,
}

// ---- 依申请公开 ----

async fn disclosure_page(
    state: &AppState,
    ctx: &Ctx,
    form: DisclosureInput,
    errors: Vec<FieldError>,
) -> Result<DisclosureNewPage, WebError> {
    let actor = ctx.staff()?;
    Ok(DisclosureNewPage {
        layout: Layout::new("登记依申请公开申请", ctx, "disclosure"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: FieldErrors(errors),
        types: applicant_types(),
        units: tree_rows(&state.app.list_units(actor).await?),
    })
}

pub async fn disclosure_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let form = DisclosureInput {
        unit_id: Some(actor.unit_id),
        received_on: state.app.now.today().to_string(),
        ..Default::default()
    };
    Ok(html(&disclosure_page(&state, &ctx, form, Vec::new()).await?))
}

pub async fn disclosure_create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<DisclosureInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = f.input;
    match state.app.register_disclosure(actor, &input).await {
        Ok(row) => Ok(redirect_to(&row)),
        Err(AppError::Invalid(errs)) => Ok(refused(disclosure_page(&state, &ctx, input, errs).await?)),
        Err(e) => Err(e.into()),
    }
}

// ---- 行政复议 ----

async fn reconsideration_page(
    state: &AppState,
    ctx: &Ctx,
    form: ReconsiderationInput,
    errors: Vec<FieldError>,
) -> Result<ReconsiderationNewPage, WebError> {
    let actor = ctx.staff()?;
    let units = state.app.list_units(actor).await?;
    Ok(ReconsiderationNewPage {
        layout: Layout::new("登记行政复议申请", ctx, "reconsideration"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        respondent_id: form.respondent_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: FieldErrors(errors),
        all_units: units.iter().filter(|u| u.active).map(|u| (u.id, u.name.clone())).collect(),
        units: tree_rows(&units),
        matters: matters(),
    })
}

pub async fn reconsideration_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OriginQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let mut form = ReconsiderationInput {
        unit_id: Some(actor.unit_id),
        received_on: state.app.now.today().to_string(),
        applicant_kind: "person".to_owned(),
        origin: q.origin.trim().to_owned(),
        ..Default::default()
    };
    // Pre-fill from the challenged case (same government; the number is the key).
    if !form.origin.is_empty() {
        // Read through the actor's scope: a case outside it pre-fills nothing.
        if let Some(o) = state.app.origin_for_form(actor, &form.origin).await? {
            form.respondent_id = Some(o.unit_id);
            form.matter = if o.kind == "disclosure" { "goi".to_owned() } else { o.matter.clone() };
            form.subject = format!("{}({})", o.subject, o.number);
        }
    }
    Ok(html(&reconsideration_page(&state, &ctx, form, Vec::new()).await?))
}

pub async fn reconsideration_create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<ReconsiderationInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = f.input;
    match state.app.register_reconsideration(actor, &input).await {
        Ok(row) => Ok(redirect_to(&row)),
        Err(AppError::Invalid(errs)) => Ok(refused(reconsideration_page(&state, &ctx, input, errs).await?)),
        Err(e) => Err(e.into()),
    }
}

// ---- 行政应诉 ----

async fn litigation_page(
    state: &AppState,
    ctx: &Ctx,
    form: LitigationInput,
    errors: Vec<FieldError>,
) -> Result<LitigationNewPage, WebError> {
    let actor = ctx.staff()?;
    Ok(LitigationNewPage {
        layout: Layout::new("登记行政应诉案件", ctx, "litigation"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: FieldErrors(errors),
        units: tree_rows(&state.app.list_units(actor).await?),
        matters: matters(),
    })
}

pub async fn litigation_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OriginQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let mut form = LitigationInput {
        unit_id: Some(actor.unit_id),
        received_on: state.app.now.today().to_string(),
        plaintiff_kind: "person".to_owned(),
        origin: q.origin.trim().to_owned(),
        ..Default::default()
    };
    if !form.origin.is_empty() {
        // Read through the actor's scope: a case outside it pre-fills nothing.
        if let Some(o) = state.app.origin_for_form(actor, &form.origin).await? {
            // The defendant: the unit that replied; after a 复议 decision, the
            // 复议机关 when it changed the act, else the original agency (sued
            // together with the 复议机关, 行政诉讼法 Art. 26 ¶2).
            form.unit_id = match state.app.defendants_after(&o).await? {
                Some(d) if !d.co_defendants => d.allowed.first().copied(),
                _ => Some(o.respondent_id.unwrap_or(o.unit_id)),
            };
            form.matter = if o.kind == "disclosure" { "goi".to_owned() } else { o.matter.clone() };
            form.subject = format!("{}({})", o.subject, o.number);
        }
    }
    Ok(html(&litigation_page(&state, &ctx, form, Vec::new()).await?))
}

pub async fn litigation_create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<LitigationInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = f.input;
    match state.app.register_litigation(actor, &input).await {
        Ok(row) => Ok(redirect_to(&row)),
        Err(AppError::Invalid(errs)) => Ok(refused(litigation_page(&state, &ctx, input, errs).await?)),
        Err(e) => Err(e.into()),
    }
}

// ---- 调解 ----

async fn mediation_page(
    state: &AppState,
    ctx: &Ctx,
    form: MediationInput,
    errors: Vec<FieldError>,
) -> Result<MediationNewPage, WebError> {
    let actor = ctx.staff()?;
    Ok(MediationNewPage {
        layout: Layout::new("登记矛盾纠纷", ctx, "mediation"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: FieldErrors(errors),
        units: tree_rows(&state.app.list_units(actor).await?),
        forms: MediationForm::ALL.iter().map(|f| (f.code(), f.zh())).collect(),
        channels: Channel::ALL.iter().map(|c| (c.code(), c.zh())).collect(),
        disputes: DisputeType::ALL.iter().map(|d| (d.code(), d.zh())).collect(),
    })
}

pub async fn mediation_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OriginQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let mut form = MediationInput {
        unit_id: Some(actor.unit_id),
        received_on: state.app.now.today().to_string(),
        form: MediationForm::People.code(),
        channel: Channel::Application.code(),
        party_kind: "person".to_owned(),
        origin: q.origin.trim().to_owned(),
        ..Default::default()
    };
    // Handed over from a case in the system: the parties and the matter come
    // with it (read through the actor's scope: outside it, nothing).
    if !form.origin.is_empty() {
        if let Some(o) = state.app.origin_for_form(actor, &form.origin).await? {
            if o.kind == "petition" {
                form.channel = Channel::Petition.code();
                form.referred_by = o.unit_name.clone();
                form.referral_ref = o.number.clone();
            }
            if let Ok(p) = serde_json::from_str::<Party>(&o.party_json) {
                form.name = p.name;
                form.contact = p.contact;
                form.party_kind = if p.person { "person" } else { "organisation" }.to_owned();
            }
            form.subject = format!("{}({})", o.subject, o.number);
        }
    }
    Ok(html(&mediation_page(&state, &ctx, form, Vec::new()).await?))
}

pub async fn mediation_create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<MediationInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = f.input;
    match state.app.register_mediation(actor, &input).await {
        Ok(row) => Ok(redirect_to(&row)),
        Err(AppError::Invalid(errs)) => Ok(refused(mediation_page(&state, &ctx, input, errs).await?)),
        Err(e) => Err(e.into()),
    }
}

// ---- 信访 ----

async fn petition_page(
    state: &AppState,
    ctx: &Ctx,
    form: PetitionInput,
    reviews: Option<(String, &'static str)>,
    errors: Vec<FieldError>,
) -> Result<PetitionNewPage, WebError> {
    let actor = ctx.staff()?;
    let title = match &reviews {
        Some((_, round)) => format!("登记{round}请求"),
        None => "登记信访事项".to_owned(),
    };
    Ok(PetitionNewPage {
        layout: Layout::new(title, ctx, "petition"),
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        errors: FieldErrors(errors),
        units: tree_rows(&state.app.list_units(actor).await?),
        channels: choices(&petition::Channel::ALL, |c| c.zh()),
        categories: choices(&Category::ALL, |c| c.zh()),
        reviews,
    })
}

/// The registration form; `?origin=XF-…` makes it a 复查 or 复核 request
/// against that case, pre-filled from it.
pub async fn petition_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OriginQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let (form, reviews) = match state.app.review_form(actor, &q.origin).await? {
        Some((form, round)) => {
            let number = form.origin.clone();
            (form, Some((number, round)))
        }
        None => (
            PetitionInput {
                unit_id: Some(actor.unit_id),
                received_on: state.app.now.today().to_string(),
                first: "1".to_owned(),
                petitioner_kind: "person".to_owned(),
                ..Default::default()
            },
            None,
        ),
    };
    Ok(html(&petition_page(&state, &ctx, form, reviews, Vec::new()).await?))
}

pub async fn petition_create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<PetitionInput>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = f.input;
    match state.app.register_petition(actor, &input).await {
        Ok(row) => Ok(redirect_to(&row)),
        Err(AppError::Invalid(errs)) => {
            // A refused 复查/复核 request keeps its heading.
            let reviews = match state.app.review_form(actor, &input.origin).await? {
                Some((_, round)) => Some((input.origin.trim().to_owned(), round)),
                None => None,
            };
            Ok(refused(petition_page(&state, &ctx, input, reviews, errs).await?))
        }
        Err(e) => Err(e.into()),
    }
}
