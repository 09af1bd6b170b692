//! Documents of a case: the reply letter of a disclosure request, the
//! decision document of a reconsideration and the reply to a proposal
//! (edited, previewed masked, then published on the portal), and
//! attachments (upload, download) of cases and of activities.

use super::parse_id;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, DecisionPage, FieldErrors, Layout, PublicDoc, ReplyLetterPage};
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::attachments::{Owner, Upload};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::{typed, Disclosure};

/// The reply letter (政府信息公开申请答复告知书) of an answered request, as a
/// printable page: the agency, the request, the outcome coded to table 3 with
/// its legal basis, and the applicant's remedies.
pub async fn letter(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let v = state.app.case_view(actor, parse_id(&id)?).await?;
    let outcome = typed::<Disclosure>(v.case.as_ref()).and_then(|c| c.outcome);
    let Some(outcome) = outcome else {
        return Err(WebError::Conflict("该申请尚未作出答复,无法生成答复告知书".to_owned()));
    };
    let page = ReplyLetterPage {
        layout: Layout::new(format!("答复告知书 {}", v.row.number), &ctx, "disclosure"),
        number: v.row.number.clone(),
        unit_name: v.row.unit_name.clone(),
        applicant: v.party.name.clone(),
        received_on: zh_date(&v.row.received_on),
        subject: v.row.subject.clone(),
        outcome: outcome.letter_text().to_owned(),
        basis: outcome.basis().to_owned(),
        replied_on: v.row.closed_on.as_deref().map(zh_date).unwrap_or_default(),
    };
    Ok(html(&page))
}

/// A stored `YYYY-MM-DD` as documents write it (2026年12月1日).
fn zh_date(stored: &str) -> String {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .map(fazhi_core::time::date_zh)
        .unwrap_or_else(|_| stored.to_owned())
}

/// 行政复议决定书 (行政复议法 Art. 79).
pub static DECISIONS: PublicDoc = PublicDoc {
    kind: "reconsideration",
    path: "decision",
    portal: "/portal/decisions",
    heading: "行政复议决定书公开",
    hint: "依据《行政复议法》第七十九条,行政复议决定书应当按照规定公开。请核对正文;公开时系统自动隐去自然人申请人及第三人、代理人等的姓名(保留姓氏)、身份证件号码、电话号码、电子邮箱、住址门牌、出生日期、银行卡号、车牌号、个体工商户的信用代码和经营者、律师执业证号、微信号和健康信息。",
    body_label: "决定书正文",
    date_label: "决定日期",
};

/// 建议提案答复 marked public.
pub static PROPOSAL_REPLIES: PublicDoc = PublicDoc {
    kind: "proposal",
    path: "reply",
    portal: "/portal/proposals",
    heading: "建议提案办理答复公开",
    hint: "答复确定为公开的人大代表建议、政协委员提案,其答复全文在此公开。公开时提出建议的代表、提出提案的委员的姓名只保留姓氏,并隐去电话号码、身份证件号码等个人信息;答复类别、答复单位和日期列于正文之前。",
    body_label: "答复正文",
    date_label: "答复日期",
};

/// The published documents of a case kind.
fn public_doc(kind: &str) -> &'static PublicDoc {
    if kind == PROPOSAL_REPLIES.kind {
        &PROPOSAL_REPLIES
    } else {
        &DECISIONS
    }
}

async fn decision_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    body: Option<&str>,
    names: &str,
    errors: Vec<FieldError>,
) -> Result<DecisionPage, WebError> {
    let actor = ctx.staff()?;
    let d = state.app.decision_draft(actor, id, body, names).await?;
    let doc = public_doc(d.kind);
    Ok(DecisionPage {
        layout: Layout::new(d.title.clone(), ctx, doc.kind),
        doc,
        id,
        number: d.number,
        title: d.title,
        body: d.body,
        masked: d.masked,
        withdrawn: d.published.as_ref().and_then(|p| {
            p.withdrawn_at
                .as_ref()
                .map(|at| (at.chars().take(10).collect(), p.withdrawn_reason.clone().unwrap_or_default()))
        }),
        candidates: d.candidates,
        names: names.to_owned(),
        published: d.published.map(|p| (p.id, p.published_at.chars().take(10).collect())),
        can_write: actor.can(Permission::WriteRecords),
        errors: FieldErrors(errors),
    })
}

pub async fn decision(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    Ok(html(&decision_page(&state, &ctx, parse_id(&id)?, None, "", Vec::new()).await?))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    /// `preview` shows the masked text again; `publish` publishes it.
    #[serde(default)]
    intent: String,
    /// Further persons to mask, as staff named them.
    #[serde(default)]
    names: String,
    /// Staff confirmed the remaining candidate names.
    #[serde(default)]
    checked: String,
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    if f.intent != "publish" {
        return Ok(html(&decision_page(&state, &ctx, id, Some(&f.body), &f.names, Vec::new()).await?));
    }
    match state.app.publish_decision(actor, id, &f.body, &f.names, !f.checked.is_empty()).await {
        Ok(doc) => {
            let kind = state.app.decision_draft(actor, id, None, "").await?.kind;
            Ok(Redirect::to(&format!("{}/{doc}", public_doc(kind).portal)).into_response())
        }
        Err(AppError::Invalid(errs)) => {
            let page = decision_page(&state, &ctx, id, Some(&f.body), &f.names, errs).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// Withdraws a published decision (with its reason; audited, never deleted).
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    match state.app.withdraw_decision(actor, id, &f.reason).await {
        Ok(()) => {
            let kind = state.app.decision_draft(actor, id, None, "").await?.kind;
            Ok(Redirect::to(&format!("/cases/{id}/{}", public_doc(kind).path)).into_response())
        }
        Err(AppError::Invalid(errs)) => {
            let page = decision_page(&state, &ctx, id, None, "", errs).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads an attachment's multipart form (`csrf`, `note`, `file`) and checks
/// the CSRF token.
async fn read_upload(ctx: &Ctx, mut form: Multipart) -> Result<Upload, WebError> {
    let (mut csrf, mut upload) = (String::new(), Upload::default());
    while let Some(field) = form.next_field().await.map_err(|_| WebError::BadRequest("上传的表单不完整".to_owned()))?
    {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "note" => upload.note = field.text().await.unwrap_or_default(),
            "file" => {
                upload.filename = field.file_name().unwrap_or("").to_owned();
                upload.content_type = field.content_type().unwrap_or("").to_owned();
                upload.content = field
                    .bytes()
                    .await
                    .map_err(|_| WebError::BadRequest("文件上传中断或超过10MB的上限,请重新选择文件上传".to_owned()))?
                    .to_vec();
            }
            _ => {}
        }
    }
    ctx.check_csrf(&csrf)?;
    Ok(upload)
}

/// An upload refused for its content: the reasons on an error page.
fn upload_refused(e: AppError) -> WebError {
    match e {
        AppError::Invalid(errs) => {
            WebError::BadRequest(errs.into_iter().map(|e| e.message).collect::<Vec<_>>().join(";"))
        }
        other => other.into(),
    }
}

/// The page of a case or an activity (where its attachments are listed).
fn owner_page(owner: Owner) -> String {
    match owner {
        Owner::Case(id) => format!("/cases/{id}"),
        Owner::Activity(id) => format!("/activities/{id}"),
    }
}

/// An upload (a multipart form with `csrf`, `note` and `file`) to a case
/// or an activity, then back to its page.
pub async fn upload_to(state: &AppState, ctx: &Ctx, owner: Owner, form: Multipart) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let upload = read_upload(ctx, form).await?;
    state.app.attach_file(actor, owner, upload).await.map_err(upload_refused)?;
    Ok(Redirect::to(&format!("{}#attachments", owner_page(owner))).into_response())
}

/// One attachment of a case or an activity, as a download.
pub async fn download_from(state: &AppState, ctx: &Ctx, owner: Owner, aid: &str) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let (meta, content) = state.app.attachment(actor, owner, parse_id(aid)?).await?;
    Ok(file_download(&meta.filename, content))
}

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, WebError> {
    upload_to(&state, &ctx, Owner::Case(parse_id(&id)?), form).await
}

pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    download_from(&state, &ctx, Owner::Case(parse_id(&id)?), &aid).await
}

/// A stored file served as a download, never rendered inline: an uploaded
/// file is not our page.
fn file_download(filename: &str, content: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", percent_encode(filename));
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        content,
    )
        .into_response()
}

/// RFC 5987 encoding of a file name.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_encoded_for_the_header() {
        assert_eq!(super::percent_encode("决定书 v1.pdf"), "%E5%86%B3%E5%AE%9A%E4%B9%A6%20v1.pdf");
    }
}
