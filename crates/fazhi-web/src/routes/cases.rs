//! Case pages: the urgency list, staff registration of a 依申请公开 request,
//! and a case's page with its explained deadlines, its history and the steps
//! the procedure allows next.

use super::parse_id;
use super::units::tree_rows;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, CaseListPage, CasePage, CaseRowView, DisclosureNewPage, FieldErrors, Layout, StepOption};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::cases::DisclosureInput;
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::{allowed_actions, Action, ActionKind, ApplicantType, DisclosureOutcome};

pub fn row_view(r: &fazhi_store::cases::CaseRow, status: Option<&'static str>) -> CaseRowView {
    CaseRowView {
        id: r.id,
        number: r.number.clone(),
        subject: r.subject.chars().take(40).collect(),
        unit_name: r.unit_name.clone(),
        stage: r.stage.clone(),
        received_on: r.received_on.clone(),
        next_due: r.next_due.clone().unwrap_or_else(|| "—".to_owned()),
        status: status.unwrap_or(""),
    }
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let open = state.app.urgent_cases(actor, 200).await?;
    let page = CaseListPage {
        layout: Layout::new("依申请公开", &ctx, "disclosure"),
        rows: open.iter().map(|(r, s)| row_view(r, s.map(|s| s.zh()))).collect(),
        can_register: actor.can(Permission::WriteRecords),
    };
    Ok(html(&page))
}

/// The applicant types of table 3 as form options (value = column index).
pub fn applicant_types() -> Vec<(String, &'static str)> {
    ApplicantType::ALL.iter().enumerate().map(|(i, t)| (i.to_string(), t.zh())).collect()
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    actor.require(Permission::WriteRecords).map_err(WebError::from)?;
    let page = DisclosureNewPage {
        layout: Layout::new("登记依申请公开申请", &ctx, "disclosure"),
        form: DisclosureInput {
            unit_id: Some(actor.unit_id),
            received_on: state.app.now.today().to_string(),
            ..Default::default()
        },
        unit_id: actor.unit_id.to_string(),
        errors: FieldErrors::default(),
        types: applicant_types(),
        units: tree_rows(&state.app.list_units(actor).await?),
    };
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DisclosureForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    applicant_type: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    subject: String,
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DisclosureForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let input = DisclosureInput {
        unit_id: f.unit_id.trim().parse().ok(),
        received_on: f.received_on.clone(),
        applicant_type: f.applicant_type.clone(),
        name: f.name.clone(),
        contact: f.contact.clone(),
        subject: f.subject.clone(),
    };
    match state.app.register_disclosure(actor, &input).await {
        Ok(row) => Ok(Redirect::to(&format!("/cases/{}", row.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = DisclosureNewPage {
                layout: Layout::new("登记依申请公开申请", &ctx, "disclosure"),
                form: input,
                unit_id: f.unit_id,
                errors: FieldErrors(errs),
                types: applicant_types(),
                units: tree_rows(&state.app.list_units(actor).await?),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The step forms offered on a case page (the data-free actions and those
/// whose fields the page asks for).
const OFFERED: &[ActionKind] = &[
    ActionKind::RequestCorrection,
    ActionKind::ReceiveCorrection,
    ActionKind::StartConsultation,
    ActionKind::EndConsultation,
    ActionKind::GrantExtension,
    ActionKind::Reply,
    ActionKind::Withdraw,
];

async fn case_page(state: &AppState, ctx: &Ctx, id: i64, errors: FieldErrors) -> Result<CasePage, WebError> {
    let actor = ctx.staff()?;
    let v = state.app.case_view(actor, id).await?;
    let allowed = allowed_actions(&v.state);
    let can_write = actor.can(Permission::WriteRecords);
    Ok(CasePage {
        layout: Layout::new(v.row.number.clone(), ctx, "disclosure"),
        id,
        version: v.row.version,
        number: v.row.number.clone(),
        subject: v.row.subject.clone(),
        unit_name: v.row.unit_name.clone(),
        stage: v.row.stage.clone(),
        received_on: v.row.received_on.clone(),
        closed_on: v.row.closed_on.clone().unwrap_or_default(),
        receipt_code: v.row.receipt_code.clone().unwrap_or_default(),
        applicant: v.state.applicant.map(|a| a.zh()).unwrap_or(""),
        party_name: v.party.name.clone(),
        party_contact: v.party.contact.clone(),
        deadlines: v
            .deadlines
            .iter()
            .map(|(d, s)| (d.step.zh().to_owned(), d.due.to_string(), s.zh(), d.explanation.to_string()))
            .collect(),
        pending: v.pending.clone(),
        history: v
            .events
            .iter()
            .map(|e| {
                let what = serde_json::from_str::<Action>(&e.action_json).map(|a| describe(&a)).unwrap_or_default();
                (e.seq, e.occurred_on.clone(), what, e.actor.clone())
            })
            .collect(),
        steps: if can_write {
            OFFERED
                .iter()
                .filter(|k| allowed.contains(k))
                .map(|k| StepOption { code: action_code(*k), label: k.zh() })
                .collect()
        } else {
            Vec::new()
        },
        outcomes: DisclosureOutcome::ALL.iter().map(|o| (o.as_str(), o.zh())).collect(),
        today: state.app.now.today().to_string(),
        errors,
    })
}

fn action_code(k: ActionKind) -> &'static str {
    match k {
        ActionKind::RequestCorrection => "request_correction",
        ActionKind::ReceiveCorrection => "receive_correction",
        ActionKind::StartConsultation => "start_consultation",
        ActionKind::EndConsultation => "end_consultation",
        ActionKind::GrantExtension => "grant_extension",
        ActionKind::Reply => "reply",
        ActionKind::Withdraw => "withdraw",
        _ => "",
    }
}

/// A history line for an action.
fn describe(a: &Action) -> String {
    match a {
        Action::ReceiveRequest { applicant } => format!("收到申请(申请人类型:{})", applicant.zh()),
        Action::GrantExtension { days, approved_by } => format!("批准延长答复期限{days}个工作日(批准人:{approved_by})"),
        Action::Reply { outcome: Some(o) } => format!("作出答复:{}", o.zh()),
        Action::RequestCorrection => "发出补正通知".to_owned(),
        Action::ReceiveCorrection => "收到补正材料,答复期限重新计算".to_owned(),
        Action::StartConsultation => "征求第三方意见(期间不计入答复期限)".to_owned(),
        Action::EndConsultation => "征求意见结束".to_owned(),
        Action::Withdraw => "申请人撤回申请".to_owned(),
        other => format!("{other:?}"),
    }
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let page = case_page(&state, &ctx, parse_id(&id)?, FieldErrors::default()).await?;
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct StepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    approved_by: String,
    #[serde(default)]
    outcome: String,
}

fn action_of(f: &StepForm) -> Result<Action, FieldError> {
    Ok(match f.action.as_str() {
        "request_correction" => Action::RequestCorrection,
        "receive_correction" => Action::ReceiveCorrection,
        "start_consultation" => Action::StartConsultation,
        "end_consultation" => Action::EndConsultation,
        "withdraw" => Action::Withdraw,
        "grant_extension" => {
            let days = f
                .days
                .trim()
                .parse::<u32>()
                .map_err(|_| FieldError::new("days", format!("延长天数应为正整数,您输入的是“{}”", f.days)))?;
            Action::GrantExtension { days, approved_by: f.approved_by.trim().to_owned() }
        }
        "reply" => Action::Reply { outcome: DisclosureOutcome::parse(f.outcome.trim()) },
        other => return Err(FieldError::new("action", format!("未知的办理步骤“{other}”"))),
    })
}

pub async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StepForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let version = f.version.trim().parse().unwrap_or(0);
    let result = match action_of(&f) {
        Ok(action) => state.app.record_case_step(actor, id, version, &action, &f.date).await,
        Err(e) => Err(AppError::invalid(e)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = case_page(&state, &ctx, id, FieldErrors(errs)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The reply letter (政府信息公开申请答复告知书) of an answered request, as a
/// printable page: the agency, the request, the outcome coded to table 3 with
/// its legal basis, and the applicant's remedies.
pub async fn letter(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let v = state.app.case_view(actor, parse_id(&id)?).await?;
    let Some(outcome) = v.state.disclosure_outcome() else {
        return Err(WebError::Conflict("该申请尚未作出答复,无法生成答复告知书".to_owned()));
    };
    let page = crate::views::ReplyLetterPage {
        layout: Layout::new(format!("答复告知书 {}", v.row.number), &ctx, "disclosure"),
        number: v.row.number.clone(),
        unit_name: v.row.unit_name.clone(),
        applicant: v.party.name.clone(),
        received_on: v.row.received_on.clone(),
        subject: v.row.subject.clone(),
        outcome: outcome.label().to_owned(),
        basis: outcome.basis().to_owned(),
        replied_on: v.row.closed_on.clone().unwrap_or_default(),
    };
    Ok(html(&page))
}
