//! The legal clock on pages: the deadline calculator (the page form of
//! `fazhi deadline`) and the official calendar with the import of a new
//! year's holiday notice (coordinators and administrators).

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::{html, CalendarPage, DeadlinePage, DeadlineRowView, FieldErrors, Layout, MarkFieldGroup};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use fazhi_app::AppError;
use fazhi_core::clock::cli_support::{events_from_input, DeadlineInput};
use fazhi_core::clock::{deadline_status, Approaching, Engine, ProcedureKind};
use fazhi_core::org::{FieldError, Permission};

/// The calculator's fields, as typed (GET query, so results can be bookmarked).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DeadlineQuery {
    #[serde(default)]
    pub procedure: String,
    #[serde(default)]
    pub received: String,
    #[serde(default)]
    pub correction_requested: String,
    #[serde(default)]
    pub correction_received: String,
    #[serde(default)]
    pub consultation_start: String,
    #[serde(default)]
    pub consultation_end: String,
    #[serde(default)]
    pub extension_granted: String,
    #[serde(default)]
    pub extension_days: String,
    #[serde(default)]
    pub approved_by: String,
    /// The kinds' own dated events by code (`accepted`, `judgment_served` …).
    #[serde(flatten)]
    pub marks: std::collections::BTreeMap<String, String>,
}

impl DeadlineQuery {
    /// Whether any start date was typed (the receipt or a kind's own name for it).
    fn has_start(&self) -> bool {
        !self.received.trim().is_empty() || self.marks.values().any(|v| !v.trim().is_empty())
    }
}

/// The calculator's fields for the kinds' own events, grouped by kind:
/// `(kind, [(code, label, value)])`; a code two kinds share is shown once.
fn mark_fields(q: &DeadlineQuery) -> Vec<MarkFieldGroup> {
    let mut seen = std::collections::HashSet::new();
    ProcedureKind::all()
        .map(|k| {
            let def = k.def();
            let start = (def.received_code != "received").then_some((def.received_code, def.received_zh));
            let fields = start
                .into_iter()
                .chain(def.marks.iter().map(|m| (m.code(), m.zh())))
                .filter(|(code, _)| seen.insert(*code))
                .map(|(code, zh)| {
                    (code.to_owned(), format!("{zh}日期"), q.marks.get(code).cloned().unwrap_or_default())
                })
                .collect();
            (k.zh(), fields)
        })
        .filter(|(_, fields): &(&str, Vec<_>)| !fields.is_empty())
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

pub async fn deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DeadlineQuery>,
) -> Result<Response, WebError> {
    ctx.staff()?;
    let mut rows = Vec::new();
    let mut pending = Vec::new();
    let mut errors = Vec::new();
    if q.has_start() {
        let consultations = match (opt(&q.consultation_start), opt(&q.consultation_end)) {
            (Some(s), Some(e)) => vec![format!("{s}:{e}")],
            (Some(s), None) => vec![format!("{s}:")],
            _ => Vec::new(),
        };
        let days = match opt(&q.extension_days) {
            Some(d) => match d.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(FieldError::new("extension_days", format!("延长天数应为整数,您输入的是“{d}”")));
                    None
                }
            },
            None => None,
        };
        let input = DeadlineInput {
            procedure: q.procedure.clone(),
            received: opt(&q.received),
            correction_requested: opt(&q.correction_requested),
            correction_received: opt(&q.correction_received),
            consultations,
            extension_granted: opt(&q.extension_granted),
            extension_days: days,
            approved_by: opt(&q.approved_by),
            marks: q.marks.iter().filter_map(|(k, v)| opt(v).map(|v| (k.clone(), v))).collect(),
            ..Default::default()
        };
        if errors.is_empty() {
            let cal = state.app.calendar().await?;
            let rules = state.app.rules();
            let today = state.app.now.today();
            match events_from_input(&input).and_then(|(kind, events)| Engine::new(&cal, rules).schedule(kind, &events))
            {
                Ok(schedule) => {
                    for d in &schedule.deadlines {
                        let status = deadline_status(&cal, d.due, today, Approaching::default())
                            .map(|s| s.zh().to_owned())
                            .unwrap_or_else(|e| e.to_string());
                        rows.push(DeadlineRowView {
                            step: d.step.zh().to_owned(),
                            due: d.due.format("%Y-%m-%d").to_string(),
                            rule: d.label.clone(),
                            explanation: d.explanation.to_string(),
                            status,
                            provisional: d.provisional,
                        });
                    }
                    for p in &schedule.pending {
                        pending.push(format!("{}:{}", p.step.zh(), p.reason));
                    }
                }
                Err(e) => errors.push(FieldError::new("received", e.to_string())),
            }
        }
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = DeadlinePage {
        layout: Layout::new("期限计算", &ctx, "deadline"),
        procedures: ProcedureKind::all().map(|k| (k.as_str(), k.zh())).collect(),
        mark_fields: mark_fields(&q),
        q,
        rows,
        pending,
        errors: FieldErrors(errors),
    };
    Ok((status, html(&page)).into_response())
}

async fn calendar_page(
    state: &AppState,
    ctx: &Ctx,
    text: String,
    errors: FieldErrors,
    imported: Option<String>,
) -> Result<CalendarPage, WebError> {
    let actor = ctx.staff()?;
    let cal = state.app.calendar().await?;
    let notices = state
        .app
        .calendar_notices()
        .await?
        .into_iter()
        .map(|n| {
            (
                n.years,
                fazhi_app::auth::china_time(
                    chrono::DateTime::parse_from_rfc3339(&n.imported_at).map(|t| t.to_utc()).unwrap_or_default(),
                ),
                n.imported_by,
            )
        })
        .collect();
    Ok(CalendarPage {
        layout: Layout::new("法定节假日日历", ctx, "calendar"),
        years: cal.covered_years().iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
        notices,
        can_import: actor.can(Permission::ManageCalendar),
        text,
        errors,
        imported,
    })
}

pub async fn calendar(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let page = calendar_page(&state, &ctx, String::new(), FieldErrors::default(), None).await?;
    Ok(html(&page))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    notice: String,
}

pub async fn import(State(state): State<AppState>, ctx: Ctx, Form(f): Form<NoticeForm>) -> Result<Response, WebError> {
    let actor = ctx.staff()?;
    ctx.check_csrf(&f.csrf)?;
    match state.app.import_calendar_notice(actor, &f.notice).await {
        Ok(summary) => {
            let page =
                calendar_page(&state, &ctx, String::new(), FieldErrors::default(), Some(summary.to_string())).await?;
            Ok(html(&page))
        }
        Err(AppError::Invalid(errs)) => {
            let page = calendar_page(&state, &ctx, f.notice, FieldErrors(errs), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
