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
    html, AttachmentView, CaseListPage, CasePage, CaseRowView, FieldErrors, KindTab, Layout, LinkView, StepOption,
    StepValues,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fazhi_app::case_list::{stages_of, ListParams, DUE_CHOICES, STATUS_CHOICES};
use fazhi_app::cases::{stage_code, stage_zh, CaseView, DeadlineState};
use fazhi_app::AppError;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::{
    allowed_actions, Action, ActionKind, Appearance, AppearerRank, Appellate, CaseKind, CaseRecord, DisclosureOutcome,
    LitigationOutcome, Matter, ReconsiderationOutcome, SimplifiedGround, Stage,
};
use fazhi_store::cases::CaseRow;

pub fn row_view(r: &CaseRow, status: Option<&'static str>) -> CaseRowView {
    CaseRowView {
        id: r.id,
        number: r.number.clone(),
        subject: r.subject.chars().take(40).collect(),
        unit_name: r.unit_name.clone(),
        stage: stage_zh(&r.stage),
        received_on: r.received_on.clone(),
        next_due: r.next_due.clone().unwrap_or_else(|| "—".to_owned()),
        status: status.unwrap_or(""),
        reminder: String::new(),
        closed_on: r.closed_on.clone().unwrap_or_default(),
    }
}

fn kind_of(code: &str) -> Option<CaseKind> {
    CaseKind::ALL.into_iter().find(|k| k.as_str() == code)
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
    let mut out = String::from("/cases?");
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
    let kind = kind_of(q.kind.trim());
    let result = state.app.list_cases(actor, &q).await;
    let (heading, slug) = match kind {
        Some(k) => (k.zh(), k.as_str()),
        None => ("全部案件", "disclosure"),
    };
    let mut tabs: Vec<KindTab> = vec![("", "全部", "/cases".to_owned())];
    tabs.extend(CaseKind::ALL.iter().map(|k| (k.as_str(), k.zh(), format!("/cases?kind={}", k.as_str()))));
    let mut register = Vec::new();
    if actor.can(Permission::WriteRecords) {
        for k in CaseKind::ALL {
            if kind.is_none() || kind == Some(k) {
                register.push(match k {
                    CaseKind::Disclosure => ("/cases/new/disclosure", "登记依申请公开申请(来信、当面)"),
                    CaseKind::Reconsideration => ("/cases/new/reconsideration", "登记行政复议申请"),
                    CaseKind::Litigation => ("/cases/new/litigation", "登记行政应诉案件"),
                });
            }
        }
    }
    let stages = match kind {
        Some(k) => stages_of(k),
        None => CaseKind::ALL.into_iter().flat_map(stages_of).fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        }),
    };
    let units = state.app.list_units(actor).await?;
    let mut page = CaseListPage {
        layout: Layout::new(heading, &ctx, slug),
        heading,
        kind: kind.map(CaseKind::as_str).unwrap_or(""),
        tabs,
        rows: Vec::new(),
        register,
        params: q.clone(),
        statuses: STATUS_CHOICES.iter().map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect(),
        stages: stages.into_iter().map(|s| (stage_code(s), s.zh().to_owned())).collect(),
        units: units.iter().map(|u| (u.id.to_string(), u.name.clone())).collect(),
        dues: DUE_CHOICES.iter().map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect(),
        total: None,
        page: 1,
        pages: 1,
        prev: None,
        next: None,
        first: list_href(&q, 1),
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
            page.total = Some(list.total);
            page.page = list.page;
            page.pages = list.pages;
            page.prev = (list.page > 1).then(|| list_href(&q, (list.page - 1).min(list.pages)));
            page.next = (list.page < list.pages).then(|| list_href(&q, list.page + 1));
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

/// The steps recorded on a page (the receipt is registration, not a step).
fn offered(k: ActionKind) -> bool {
    !matches!(k, ActionKind::ReceiveRequest | ActionKind::ReceiveApplication | ActionKind::ReceiveComplaint)
}

fn link_view(r: &CaseRow) -> LinkView {
    LinkView {
        id: r.id,
        number: r.number.clone(),
        kind: kind_of(&r.kind).map(CaseKind::zh).unwrap_or(""),
        stage: stage_zh(&r.stage),
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
    let mut out = v.state.kind.def().facts(&record, &v.state);
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
    let attachments = state.app.case_attachments(actor, id).await?;
    let kind = v.state.kind;
    let allowed = allowed_actions(&v.state);
    let can_write = actor.can(Permission::WriteRecords);
    let document = match kind {
        CaseKind::Disclosure if v.state.disclosure_outcome().is_some() => {
            Some((format!("/cases/{id}/letter"), "答复告知书"))
        }
        CaseKind::Reconsideration if v.state.reconsideration_outcome().is_some() => {
            Some((format!("/cases/{id}/decision"), "行政复议决定书(公开)"))
        }
        _ => None,
    };
    let hearing = v.state.hearing_on.map(|d| match kind {
        CaseKind::Litigation => format!(
            "已定于{d}开庭。请确定出庭应诉的负责人,并在开庭前向人民法院提交其身份证明(《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第六条)。"
        ),
        _ => format!("已定于{d}举行听证。"),
    });
    let mut challenge_forms = Vec::new();
    if can_write && v.state.closed_on.is_some() {
        match kind {
            CaseKind::Disclosure => {
                challenge_forms.push((
                    format!("/cases/new/reconsideration?origin={}", v.row.number),
                    "登记针对本答复的行政复议申请",
                ));
                challenge_forms
                    .push((format!("/cases/new/litigation?origin={}", v.row.number), "登记针对本答复的行政诉讼"));
            }
            CaseKind::Reconsideration if v.state.stage == Stage::Decided || v.state.stage == Stage::Terminated => {
                challenge_forms
                    .push((format!("/cases/new/litigation?origin={}", v.row.number), "登记复议后起诉的行政诉讼"));
            }
            _ => {}
        }
    }
    Ok(CasePage {
        layout: Layout::new(v.row.number.clone(), ctx, kind.as_str()),
        id,
        kind: kind.as_str(),
        kind_label: kind.zh(),
        version: v.row.version,
        number: v.row.number.clone(),
        facts: facts(&v),
        stage: stage_zh(&v.row.stage),
        second_instance: v.state.instance == fazhi_core::procedure::Instance::Second,
        document,
        hearing,
        deadlines: v
            .deadlines
            .iter()
            .map(|(d, s)| {
                let def = kind.def();
                let status = match s {
                    DeadlineState::Running(s) => match def.advisory(d.step) {
                        Some(text) if !def.mandatory(d.step) => text.to_owned(),
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
        hearings: v
            .state
            .hearings
            .iter()
            .map(|h| {
                let who = match h.appearance.rank {
                    None => "无人出庭".to_owned(),
                    Some(r) => format!("{}({})", h.appearance.name, r.zh()),
                };
                let counts = match h.appearance.head_qualifies() {
                    Ok(true) => "负责人出庭".to_owned(),
                    Ok(false) => "负责人未出庭".to_owned(),
                    Err(why) => format!("负责人未出庭:{why}"),
                };
                (h.date.to_string(), h.instance.zh(), who, counts)
            })
            .collect(),
        history: v
            .events
            .iter()
            .map(|e| {
                // A history entry that does not parse is shown as such, never as blank.
                let what = serde_json::from_str::<Action>(&e.action_json)
                    .map(|a| a.describe(kind))
                    .unwrap_or_else(|_| "(无法识别的办理记录)".to_owned());
                (e.seq, e.occurred_on.clone(), what, e.actor.clone())
            })
            .collect(),
        steps: if can_write {
            allowed
                .iter()
                .filter(|k| offered(**k))
                .map(|k| {
                    let code = code_of(k);
                    StepOption { open: code == form.action, code, label: k.zh(), fields: kind.def().fields(*k) }
                })
                .collect()
        } else {
            Vec::new()
        },
        form,
        disclosure_outcomes: DisclosureOutcome::ALL.iter().map(|o| (o.as_str(), o.zh())).collect(),
        reconsideration_outcomes: ReconsiderationOutcome::ALL.iter().map(|o| (code_of(o), o.zh())).collect(),
        litigation_outcomes: LitigationOutcome::ALL.iter().map(|o| (code_of(o), o.zh())).collect(),
        ranks: RANKS.iter().map(|r| (code_of(r), r.zh())).collect(),
        appellates: Appellate::ALL.iter().map(|a| (code_of(a), a.zh())).collect(),
        grounds: SimplifiedGround::ALL.iter().map(|g| (code_of(g), g.zh())).collect(),
        warnings: v.warnings.clone(),
        origin: origin.as_ref().map(link_view),
        challenges: challenges.iter().map(link_view).collect(),
        challenge_forms,
        attachments: attachments
            .iter()
            .map(|a| AttachmentView {
                id: a.id,
                filename: a.filename.clone(),
                size_kb: format!("{:.1}", a.size as f64 / 1024.0),
                note: a.note.clone(),
                uploaded_at: a.uploaded_at.chars().take(10).collect(),
                uploaded_by: a.uploaded_by.clone(),
                sha256: a.sha256.chars().take(12).collect(),
            })
            .collect(),
        can_write,
        today: state.app.now.today().to_string(),
        errors,
    })
}

/// The form value for "nobody appeared for the agency".
const NOBODY: &str = "nobody";

const RANKS: [AppearerRank; 7] = [
    AppearerRank::Principal,
    AppearerRank::Deputy,
    AppearerRank::OtherResponsibleLeader,
    AppearerRank::EntrustedOrganisationHead,
    AppearerRank::LowerAgencyHead,
    AppearerRank::Staff,
    AppearerRank::LawyerOnly,
];

/// The serde name of a unit-like enum value (steps, outcomes, ranks): the
/// value a form sends back.
fn code_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn parse_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    if code.trim().is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(code.trim().to_owned())).ok()
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let page = case_page(&state, &ctx, parse_id(&id)?, StepValues::default(), FieldErrors::default()).await?;
    Ok(html(&page))
}

/// The step a form describes; a missing or malformed field is a field error.
pub(crate) fn action_of(f: &StepValues) -> Result<Action, FieldError> {
    let Some(kind) = parse_code::<ActionKind>(&f.action) else {
        return Err(FieldError::new("action", format!("未知的办理步骤“{}”", f.action)));
    };
    let checked = |v: &str| v == "1" || v == "on";
    Ok(match kind {
        ActionKind::RequestCorrection => Action::RequestCorrection,
        ActionKind::ReceiveCorrection => Action::ReceiveCorrection,
        ActionKind::StartConsultation => Action::StartConsultation,
        ActionKind::EndConsultation => Action::EndConsultation,
        ActionKind::IssueFeeNotice => Action::IssueFeeNotice,
        ActionKind::FeePaid => Action::FeePaid,
        ActionKind::Withdraw => Action::Withdraw,
        ActionKind::Abandon => Action::Abandon,
        ActionKind::Accept => Action::Accept,
        ActionKind::ApplySimplified => Action::ApplySimplified { ground: parse_code(&f.ground) },
        ActionKind::RescheduleHearing => Action::RescheduleHearing {
            hearing_on: fazhi_app::cases::parse_date("hearing_on", "改期后的开庭(听证)日期", &f.hearing_on)?,
        },
        ActionKind::CancelHearing => Action::CancelHearing,
        ActionKind::SwitchToOrdinary => Action::SwitchToOrdinary,
        ActionKind::ServeCopy => Action::ServeCopy,
        ActionKind::StartMediation => Action::StartMediation,
        ActionKind::EndMediation => Action::EndMediation,
        ActionKind::Resume => Action::Resume,
        ActionKind::SubmitDefence => Action::SubmitDefence,
        ActionKind::Appeal => Action::Appeal { by_agency: checked(&f.by_agency) },
        ActionKind::WithdrawAppeal => Action::WithdrawAppeal,
        ActionKind::ServeJudgment => Action::ServeJudgment { ruling: checked(&f.ruling) },
        ActionKind::BecomeFinal => Action::BecomeFinal,
        ActionKind::GrantExtension => {
            let days = f
                .days
                .trim()
                .parse::<u32>()
                .map_err(|_| FieldError::new("days", format!("延长天数应为正整数,您输入的是“{}”", f.days)))?;
            Action::GrantExtension { days, approved_by: f.approved_by.trim().to_owned() }
        }
        ActionKind::Reply => Action::Reply { outcome: DisclosureOutcome::parse(f.outcome.trim()) },
        ActionKind::Reject => Action::Reject { reason: f.reason.trim().to_owned() },
        ActionKind::Suspend => Action::Suspend { reason: f.reason.trim().to_owned() },
        ActionKind::ScheduleHearing => Action::ScheduleHearing {
            hearing_on: fazhi_app::cases::parse_date("hearing_on", "开庭(听证)日期", &f.hearing_on)?,
        },
        ActionKind::HoldHearing => {
            let appearance = match f.rank.trim() {
                "" if f.appearer.trim().is_empty() => None,
                // Nobody appeared for the agency: still a hearing (出庭应诉率 denominator).
                NOBODY => {
                    Some(Appearance { rank: None, name: String::new(), identity_proof_filed: false, spoke: false })
                }
                rank => Some(Appearance {
                    rank: parse_code(rank),
                    name: f.appearer.trim().to_owned(),
                    identity_proof_filed: checked(&f.identity_proof_filed),
                    spoke: checked(&f.spoke),
                }),
            };
            Action::HoldHearing { appearance }
        }
        ActionKind::Decide => Action::Decide {
            outcome: parse_code(&f.outcome),
            self_corrected: checked(&f.self_corrected),
            after_withdrawal: checked(&f.after_withdrawal),
        },
        ActionKind::Judge => Action::Judge { outcome: parse_code(&f.outcome), appellate: parse_code(&f.appellate) },
        ActionKind::ReceiveRequest | ActionKind::ReceiveApplication | ActionKind::ReceiveComplaint => {
            return Err(FieldError::new("action", "收到申请或起诉状副本请通过登记页面录入"));
        }
    })
}

pub async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StepValues>,
) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let version = f.version.trim().parse().unwrap_or(0);
    let result = match action_of(&f) {
        Ok(action) => state.app.record_case_step(actor, id, version, &action, &f.date).await,
        Err(e) => Err(AppError::invalid(e)),
    };
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
