//! Activities of 法治建设 (学法, 培训, 普法, 述法 …): the list with its
//! filters and totals per kind (`/activities?unit=&subtree=1&kind=&from=&to=`,
//! the records behind an activity indicator), the form, one activity's page
//! (correction, deletion, attachments) and the .xlsx import with its preview
//! of the bad rows and the choice between storing nothing and storing the
//! good rows.

use super::case_files::{download_from, upload_to};
use super::cases::query_href;
use super::units::{tree_rows, NoticeQuery};
use super::{parse_id, CsrfForm};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{
    html, ActivitiesPage, ActivityFields, ActivityImportPage, ActivityNewPage, ActivityPage, ActivityRowView,
    AttachmentView, BadRowView, FieldErrors, ImportResultView, KindTotalView, Layout, Pager,
};
use crate::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::activities::{hours_text, import, kind_zh, ActivityForm, ActivityList, ActivityListParams, ImportMode};
use fazhi_app::attachments::Owner;
use fazhi_app::auth::Actor;
use fazhi_app::held_uploads::Purpose;
use fazhi_app::AppError;
use fazhi_core::activity::ActivityKind;
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::activities::ActivityRow;

/// The slug of the navigation entry.
const SLUG: &str = "activities";
/// The most bad rows an import page lists.
const MAX_BAD_SHOWN: usize = 300;

fn kinds() -> Vec<(&'static str, &'static str)> {
    ActivityKind::ALL.iter().map(|k| (k.code(), k.zh())).collect()
}

fn list_href(p: &ActivityListParams, page: i64) -> String {
    let pairs = [
        ("unit", p.unit.as_str()),
        ("subtree", p.subtree.as_str()),
        ("kind", p.kind.as_str()),
        ("from", p.from.as_str()),
        ("to", p.to.as_str()),
        ("per_page", p.per_page.as_str()),
    ];
    query_href("/activities", &pairs, page)
}

/// The counts of an activity in one cell: `参加人次120 · 2学时`, `参考人数86 · 通过79`.
fn counts(r: &ActivityRow) -> String {
    let label = ActivityKind::parse(&r.kind).map_or("人次", |k| k.participants_zh());
    let mut out = format!("{label}{}", r.participants);
    if let Some(t) = r.tenth_hours {
        out.push_str(&format!(" · {}学时", hours_text(t)));
    }
    if let Some(p) = r.passed {
        out.push_str(&format!(" · 通过{p}"));
    }
    out
}

/// What a list covers, in words.
fn covers(l: &ActivityList, p: &ActivityListParams) -> String {
    let unit = match &l.unit {
        Some(u) if l.subtree => format!("{}及其下级单位", u.name),
        Some(u) => u.name.clone(),
        None => "您权限范围内的全部单位".to_owned(),
    };
    let days = match (p.from.trim(), p.to.trim()) {
        ("", "") => "全部日期".to_owned(),
        (f, "") => format!("{f}以来"),
        ("", t) => format!("{t}以前"),
        (f, t) => format!("{f}至{t}"),
    };
    let kind = l.kind.map_or("各类活动", |k| k.zh());
    format!("{unit}{days}举办的{kind},按类型合计;点击类型查看其活动。")
}

/// The list: filters in the URL (a GET form), paged, with the totals per kind.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ActivityListParams>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let notice = (n.ok == "deleted").then(|| "已删除该条活动。".to_owned());
    let (state, ctx) = (&state, &ctx);
    let result = state.app.list_activities(actor, &q).await;
    let mut page = ActivitiesPage {
        layout: Layout::new("学法培训普法述法", ctx, SLUG),
        params: q.clone(),
        kinds: kinds(),
        units: tree_rows(&state.app.list_units(actor).await?),
        covers: String::new(),
        totals: Vec::new(),
        rows: Vec::new(),
        pager: Pager::new(|p| list_href(&q, p)),
        errors: FieldErrors::default(),
        can_write: actor.can(Permission::WriteRecords),
        notice,
    };
    match result {
        Ok(l) => {
            page.covers = covers(&l, &q);
            page.totals = l
                .totals
                .iter()
                .map(|t| KindTotalView {
                    kind: t.kind.zh(),
                    held: t.held,
                    people: t.people,
                    people_label: t.kind.participants_zh(),
                    href: list_href(&ActivityListParams { kind: t.kind.code().to_owned(), ..q.clone() }, 1),
                })
                .collect();
            page.rows = l
                .items
                .iter()
                .map(|r| ActivityRowView {
                    id: r.id,
                    held_on: r.held_on.clone(),
                    kind: kind_zh(&r.kind),
                    topic: r.topic.chars().take(60).collect(),
                    unit_name: r.unit_name.clone(),
                    counts: counts(r),
                })
                .collect();
            page.pager = Pager::at(l.total, l.page, l.pages, |p| list_href(&q, p));
            Ok(html(&page))
        }
        Err(AppError::Invalid(errs)) => {
            page.errors = FieldErrors(errs);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The form's fields with the units the actor may record for.
async fn fields(
    state: &AppState,
    actor: &Actor,
    form: ActivityForm,
    errors: Vec<FieldError>,
) -> Result<ActivityFields, WebError> {
    Ok(ActivityFields {
        unit_id: form.unit_id.map(|i| i.to_string()).unwrap_or_default(),
        form,
        units: tree_rows(&state.app.activity_units(actor).await?),
        kinds: kinds(),
        errors: FieldErrors(errors),
    })
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let form = ActivityForm { unit_id: Some(actor.unit_id), ..ActivityForm::default() };
    let f = fields(&state, actor, form, Vec::new()).await?;
    Ok(html(&ActivityNewPage { layout: Layout::new("登记活动", &ctx, SLUG), f }))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CsrfForm<ActivityForm>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    match state.app.record_activity(actor, &f.input).await {
        Ok(id) => Ok(Redirect::to(&format!("/activities/{id}?ok=created")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let f = fields(&state, actor, f.input, errors).await?;
            let page = ActivityNewPage { layout: Layout::new("登记活动", &ctx, SLUG), f };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn activity_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: Option<ActivityForm>,
    errors: Vec<FieldError>,
    notice: Option<&'static str>,
) -> Result<ActivityPage, WebError> {
    let actor = ctx.staff()?;
    let r = state.app.activity(actor, id).await?;
    let attachments = state.app.attachments(actor, Owner::Activity(id)).await?;
    let can_write = actor.can(Permission::WriteRecords);
    let kind = ActivityKind::parse(&r.kind);
    let mut facts = vec![
        ("类型", kind_zh(&r.kind)),
        ("举办日期", r.held_on.clone()),
        ("举办单位", r.unit_name.clone()),
        ("主题", r.topic.clone()),
        (kind.map_or("人次", |k| k.participants_zh()), r.participants.to_string()),
    ];
    if let Some(t) = r.tenth_hours {
        facts.push(("学时", hours_text(t)));
    }
    if let Some(p) = r.passed {
        facts.push(("通过人数", p.to_string()));
    }
    if !r.note.is_empty() {
        facts.push(("备注", r.note.clone()));
    }
    facts.push(("登记", format!("{} {}", r.created_at.chars().take(10).collect::<String>(), r.created_by)));
    let form = form.unwrap_or_else(|| ActivityForm::of(&r));
    let f = if can_write {
        fields(state, actor, form, errors).await?
    } else {
        ActivityFields {
            form,
            unit_id: String::new(),
            units: Vec::new(),
            kinds: Vec::new(),
            errors: FieldErrors(errors),
        }
    };
    Ok(ActivityPage {
        layout: Layout::new(format!("{} {}", kind_zh(&r.kind), r.held_on), ctx, SLUG),
        id,
        version: r.version,
        facts,
        can_write,
        f,
        attachments: attachments.iter().map(AttachmentView::of).collect(),
        attachments_base: format!("/activities/{id}"),
        notice,
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let notice = match n.ok.as_str() {
        "created" => Some("已登记。"),
        "corrected" => Some("已更正。"),
        _ => None,
    };
    Ok(html(&activity_page(&state, &ctx, parse_id(&id)?, None, Vec::new(), notice).await?))
}

/// The correction form and the delete button carry the version they were read at.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Versioned<T> {
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    input: T,
}

/// A form with nothing but its CSRF token and version.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Nothing {}

fn stale() -> FieldError {
    FieldError::new(
        "version",
        "在您查看之后,其他人已更正或删除了这条活动。下方为现在的记录,您填写的内容已保留,请核对后重新提交。",
    )
}

pub async fn correct(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm<Versioned<ActivityForm>>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let version = f.input.version.trim().parse().unwrap_or(0);
    let errors = match state.app.correct_activity(actor, id, version, &f.input.input).await {
        Ok(()) => return Ok(Redirect::to(&format!("/activities/{id}?ok=corrected")).into_response()),
        Err(AppError::Invalid(errs)) => errs,
        Err(AppError::Stale) => vec![stale()],
        Err(e) => return Err(e.into()),
    };
    let page = activity_page(&state, &ctx, id, Some(f.input.input), errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm<Versioned<Nothing>>>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let version = f.input.version.trim().parse().unwrap_or(0);
    match state.app.delete_activity(actor, id, version).await {
        Ok(()) => Ok(Redirect::to("/activities?ok=deleted").into_response()),
        Err(AppError::Stale) => {
            let page = activity_page(&state, &ctx, id, None, vec![stale()], None).await?;
            Ok((StatusCode::CONFLICT, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, WebError> {
    upload_to(&state, &ctx, Owner::Activity(parse_id(&id)?), form).await
}

pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    download_from(&state, &ctx, Owner::Activity(parse_id(&id)?), &aid).await
}

fn import_page(
    ctx: &Ctx,
    mode: ImportMode,
    errors: Vec<FieldError>,
    result: Option<ImportResultView>,
) -> ActivityImportPage {
    ActivityImportPage {
        layout: Layout::new("从 Excel 导入活动", ctx, SLUG),
        max_rows: import::MAX_ROWS,
        max_mb: fazhi_app::sheet::MAX_BYTES / 1024 / 1024,
        mode: mode.code().to_owned(),
        errors: FieldErrors(errors),
        result,
    }
}

pub async fn import_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    state.app.activity_units(actor).await?;
    Ok(html(&import_page(&ctx, ImportMode::AllOrNothing, Vec::new(), None)))
}

pub async fn template(ctx: Ctx) -> Result<Response, WebError> {
    ctx.staff()?;
    let bytes = import::template().map_err(|e| WebError::Internal(format!("activity template: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
            (header::CONTENT_DISPOSITION, "attachment; filename*=UTF-8''activities-template.xlsx".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The import: a multipart form with `csrf`, `mode`, `action` (`check` or
/// `import`) and the file: uploaded (`file`), or, from the preview's choice,
/// the token of the upload the server holds (`held`,
/// [`fazhi_app::held_uploads`]: the file never goes back to the browser).
pub async fn import(State(state): State<AppState>, ctx: Ctx, mut form: Multipart) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let session = ctx.session_secret.clone().ok_or(WebError::LoginRequired)?;
    let (mut csrf, mut mode, mut action, mut file, mut held) =
        (String::new(), String::new(), String::new(), Vec::new(), String::new());
    let broken = || {
        WebError::BadRequest(format!(
            "上传中断或文件超过{}MB的上限,请重新选择文件上传",
            fazhi_app::sheet::MAX_BYTES / 1024 / 1024
        ))
    };
    while let Some(field) = form.next_field().await.map_err(|_| broken())? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "file" => file = field.bytes().await.map_err(|_| broken())?.to_vec(),
            // The other fields are short; anything long is cut (and then refused).
            other => {
                let value: String = field.text().await.map_err(|_| broken())?.chars().take(200).collect();
                match other {
                    "csrf" => csrf = value,
                    "mode" => mode = value,
                    "action" => action = value,
                    "held" => held = value,
                    _ => {}
                }
            }
        }
    }
    ctx.check_csrf(&csrf)?;
    let mode = match ImportMode::parse(&mode) {
        Ok(m) => m,
        Err(e) => {
            let page = import_page(&ctx, ImportMode::AllOrNothing, vec![e], None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
        }
    };
    // The upload held since the preview, when no file comes with the form.
    if file.is_empty() && !held.trim().is_empty() {
        match state.app.take_upload(actor, &session, Purpose::ActivityImport, &held).await {
            Ok(bytes) => file = bytes,
            Err(AppError::Invalid(errors)) => {
                let page = import_page(&ctx, mode, errors, None);
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
            }
            Err(e) => return Err(e.into()),
        }
    }
    let checked_only = action == "check";
    let outcome = if checked_only {
        state.app.check_activity_import(actor, &file).await.map(|c| (c.good.len(), c.bad, 0))
    } else {
        state.app.import_activities(actor, &file, mode).await.map(|r| (r.good, r.bad, r.stored))
    };
    let (good, bad, stored) = match outcome {
        Ok(o) => o,
        Err(AppError::Invalid(errors)) => {
            let page = import_page(&ctx, mode, errors, None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let refused = !checked_only && stored == 0 && !bad.is_empty();
    // Held only while the good rows can still be taken.
    let held = if stored == 0 && good > 0 {
        state.app.hold_upload(actor, &session, Purpose::ActivityImport, &file).await?
    } else {
        String::new()
    };
    let result = ImportResultView {
        good,
        bad_count: bad.len(),
        bad: bad.into_iter().take(MAX_BAD_SHOWN).map(|b| BadRowView { line: b.line, reasons: b.reasons }).collect(),
        stored,
        checked_only,
        held,
    };
    let status = if refused { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, html(&import_page(&ctx, mode, Vec::new(), Some(result)))).into_response())
}
