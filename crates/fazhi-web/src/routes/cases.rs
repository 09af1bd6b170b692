//! Case pages: the urgency lists, a case's page with its explained
//! deadlines, links, attachments, history and one form per step the
//! procedure allows next, and recording a step.
//!
//! Registration forms live in `case_new`, documents and attachments in
//! `case_files`.

use super::parse_id;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{
    html, AttachmentView, CaseListPage, CasePage, CaseRowView, FieldErrors, FieldView, KindTab, Layout, LinkView,
    Pager, StepOption, StepValues,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::case_list::{stages_of, ListParams, DUE_CHOICES, STATUS_CHOICES};
use fazhi_app::cases::{stage_zh, CaseView, DeadlineState};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::{by_id, CaseRecord, Matter, KINDS};
use fazhi_store::cases::CaseRow;

pub fn row_view(r: &CaseRow, status: Option<&'static str>) -> CaseRowView {
    CaseRowView {
        id: r.id,
        number: r.number.clone(),
        subject: r.subject.chars().take(40).collect(),
        unit_name: r.unit_name.clone(),
        stage: stage_zh(&r.kind, &r.stage),
        received_on: r.received_on.clone(),
        next_due: r.next_due.clone().unwrap_or_else(|| "—".to_owned()),
        status: status.unwrap_or(""),
        reminder: String::new(),
        closed_on: r.closed_on.clone().unwrap_or_default(),
    }
}

/// A query string of the list's filters with `page` (empty values left
/// out, so links stay short).
pub fn list_href(p: &ListParams, page: i64) -> String {
    let pairs = [
        ("kind", p.kind.as_str()),
        ("status", p.status.as_str()),
        ("stage", p.stage.as_str()),
        ("unit", p.unit.as_str()),
        ("due", p.due.as_str()),
        ("from", p.from.as_str()),
        ("to", p.to.as_str()),
        ("q", p.q.as_str()),
        ("per_page", p.per_page.as_str()),
    ];
    query_href("/cases", &pairs, page)
}

/// `path?k=v&…&page=n` of a list's filters (empty values left out).
pub fn query_href(path: &str, pairs: &[(&str, &str)], page: i64) -> String {
    let mut out = format!("{path}?");
    for (k, v) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
        out.push_str(&format!("{k}={}&", percent_encode(v.trim())));
    }
    out.push_str(&format!("page={page}"));
    out
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every case list: the reader's scope, filtered, a page at a time; the
/// filters live in the URL (a GET form), so a list can be bookmarked and
/// paged without JavaScript.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListParams>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    let kind = by_id(q.kind.trim());
    let result = state.app.list_cases(actor, &q).await;
    let (heading, slug) = match kind {
        Some(k) => (k.zh(), k.id()),
        None => ("全部案件", "disclosure"),
    };
    let mut tabs: Vec<KindTab> = vec![("", "全部", "/cases".to_owned())];
    tabs.extend(KINDS.iter().map(|k| (k.id(), k.zh(), format!("/cases?kind={}", k.id()))));
    let mut register = Vec::new();
    if actor.can(Permission::WriteRecords) {
        for k in KINDS.iter().filter(|k| kind.is_none_or(|want| want.id() == k.id())) {
            register.push((format!("/cases/new/{}", k.id()), k.register_label()));
        }
    }
    let stages = stages_of(kind);
    let units = state.app.list_units(actor).await?;
    let mut page = CaseListPage {
        layout: Layout::new(heading, &ctx, slug),
        heading,
        kind: kind.map(|k| k.id()).unwrap_or(""),
        tabs,
        rows: Vec::new(),
        register,
        params: q.clone(),
        statuses: STATUS_CHOICES.iter().map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect(),
        stages: stages.into_iter().map(|(code, zh)| (code, zh.to_owned())).collect(),
        units: units.iter().map(|u| (u.id.to_string(), u.name.clone())).collect(),
        dues: DUE_CHOICES.iter().map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect(),
        pager: Pager::new(|p| list_href(&q, p)),
        errors: FieldErrors::default(),
    };
    match result {
        Ok(list) => {
            page.rows = list
                .items
                .iter()
                .map(|c| CaseRowView {
                    reminder: c.reminder.clone().unwrap_or_default(),
                    ..row_view(&c.row, c.status.map(|s| s.zh()))
                })
                .collect();
            page.pager = Pager::at(list.total, list.page, list.pages, |p| list_href(&q, p));
            Ok(html(&page))
        }
        // Malformed filters: the form kept with the reasons, nothing listed.
        Err(AppError::Invalid(errs)) => {
            page.errors = FieldErrors(errs);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn link_view(r: &CaseRow) -> LinkView {
    LinkView {
        id: r.id,
        number: r.number.clone(),
        kind: by_id(&r.kind).map(|k| k.zh()).unwrap_or(""),
        stage: stage_zh(&r.kind, &r.stage),
    }
}

/// The facts at the top of a case page: the kind's definition orders and
/// labels them; the web only gathers the record's own values.
fn facts(v: &CaseView) -> Vec<(&'static str, String)> {
    let r = &v.row;
    let mut party = v.party.name.clone();
    if !v.party.contact.is_empty() {
        party.push_str(&format!(" · {}", v.party.contact));
    }
    let record = CaseRecord {
        subject: r.subject.clone(),
        unit_name: r.unit_name.clone(),
        respondent_name: r.respondent_name.clone().unwrap_or_default(),
        received_on: r.received_on.clone(),
        receipt_code: r.receipt_code.clone(),
        matter: Matter::parse(&r.matter).map(Matter::zh).unwrap_or("其他").to_owned(),
        party,
        party_is_person: v.party.person,
        court: v.party.court.clone(),
    };
    let mut out = v.case.facts(&record);
    if let Some(d) = &r.closed_on {
        out.push(("办结日期", d.clone()));
    }
    out
}

async fn case_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: StepValues,
    errors: FieldErrors,
) -> Result<CasePage, WebError> {
    let actor = ctx.staff()?;
    let v = state.app.case_view(actor, id).await?;
    let (origin, challenges) = state.app.case_links(actor, &v.row).await?;
    let attachments = state.app.attachments(actor, fazhi_app::attachments::Owner::Case(id)).await?;
    let kind = v.case.kind();
    let can_write = actor.can(Permission::WriteRecords);
    let challenge_forms = if can_write {
        v.case
            .challenged_by()
            .into_iter()
            .map(|(k, label)| (format!("/cases/new/{k}?origin={}", v.row.number), label))
            .collect()
    } else {
        Vec::new()
    };
    Ok(CasePage {
        layout: Layout::new(v.row.number.clone(), ctx, kind.id()),
        id,
        kind: kind.id(),
        kind_label: kind.zh(),
        version: v.row.version,
        number: v.row.number.clone(),
        facts: facts(&v),
        stage: stage_zh(&v.row.kind, &v.row.stage),
        documents: v.case.documents().into_iter().map(|(path, label)| (format!("/cases/{id}/{path}"), label)).collect(),
        notes: v.case.notes(),
        deadlines: v
            .deadlines
            .iter()
            .map(|(d, s)| {
                let status = match s {
                    DeadlineState::Running(s) => match kind.advisory(d.step) {
                        Some(text) if !kind.mandatory(d.step) => text.to_owned(),
                        _ => s.zh().to_owned(),
                    },
                    DeadlineState::Unknown(why) => format!("无法判断:{why}"),
                    DeadlineState::Met { on, late: false } => format!("已办理({on})"),
                    DeadlineState::Met { on, late: true } => format!("逾期办理({on},超过期限)"),
                };
                (d.step.zh().to_owned(), d.due.to_string(), status, d.explanation.to_string())
            })
            .collect(),
        pending: v.pending.clone(),
        records: v.case.records(),
        history: v
            .events
            .iter()
            .map(|e| {
                // A history entry that does not parse is shown as such, never as blank.
                let what = kind.describe(&e.action_json).unwrap_or_else(|| "(无法识别的办理记录)".to_owned());
                (e.seq, e.occurred_on.clone(), what, e.actor.clone())
            })
            .collect(),
        steps: if can_write {
            v.case
                .steps(false)
                .into_iter()
                .map(|step| {
                    let open = step.code == form.get("action");
                    let fields = step
                        .fields
                        .iter()
                        .map(|f| FieldView::of(f, if open { form.get(f.name).to_owned() } else { String::new() }))
                        .collect();
                    StepOption { open, code: step.code, label: step.zh, fields }
                })
                .collect()
        } else {
            Vec::new()
        },
        form,
        warnings: v.warnings.clone(),
        origin: origin.as_ref().map(link_view),
        challenges: challenges.iter().map(link_view).collect(),
        challenge_forms,
        attachments: attachments.iter().map(AttachmentView::of).collect(),
        attachments_base: format!("/cases/{id}"),
        can_write,
        today: state.app.now.today().to_string(),
        errors,
    })
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let page = case_page(&state, &ctx, parse_id(&id)?, StepValues::default(), FieldErrors::default()).await?;
    Ok(html(&page))
}

pub async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StepValues>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(f.get("csrf"))?;
    let id = parse_id(&id)?;
    let version = f.get("version").trim().parse().unwrap_or(0);
    let get = |name: &str| f.0.get(name).cloned();
    let result = state.app.record_case_step(actor, id, version, f.get("action"), &get, f.get("date")).await;
    let errors = match result {
        Ok(_) => return Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => errs,
        // Someone else recorded a step first: show the case as it is now,
        // with this form kept, so nothing is lost and nothing is overwritten.
        Err(AppError::Stale) => vec![FieldError::new(
            "version",
            "在您填写期间,其他人已在本案记录了新的办理步骤(见下方办理记录)。您填写的内容已保留,请核对后重新提交。",
        )],
        Err(e) => return Err(e.into()),
    };
    let page = case_page(&state, &ctx, id, f, FieldErrors(errors)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
}
