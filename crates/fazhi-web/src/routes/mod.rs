//! HTML routes: public portal, login, workbench, units, administration,
//! audit trail, and the mechanisms not built yet.

pub mod account;
pub mod activities;
pub mod admin;
pub mod annual_report;
pub mod audit;
pub mod case_files;
pub mod case_new;
pub mod cases;
pub mod clock;
pub mod goi;
pub mod indicators;
pub mod mechanisms;
pub mod portal;
pub mod proposals;
pub mod report_check;
pub mod units;

use crate::error::WebError;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(portal::home))
        .route("/static/app.css", get(stylesheet))
        .route("/portal/disclosure", get(portal::apply_form).post(portal::apply))
        .route("/portal/petition", get(portal::petition_form).post(portal::petition))
        .route("/portal/track", get(portal::track))
        .route("/portal/decisions", get(portal::decisions))
        .route("/portal/decisions/{id}", get(portal::decision))
        .route("/portal/proposals", get(portal::proposal_replies))
        .route("/portal/proposals/{id}", get(portal::proposal_reply))
        .route("/portal/reports", get(annual_report::portal_list))
        .route("/portal/reports/{id}", get(annual_report::portal_show))
        .route("/portal/reports/{id}/docx", get(annual_report::portal_docx))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route("/workbench", get(account::workbench))
        .route("/account/password", get(account::password_form).post(account::change_password))
        .route("/account/tokens", get(account::tokens_form).post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/units", get(units::list))
        .route("/units/{id}", get(units::show).post(units::update))
        .route("/admin/units/new", get(units::new_form).post(units::create))
        .route("/admin/users", get(admin::list))
        .route("/admin/users/new", get(admin::new_form).post(admin::create))
        .route("/admin/users/{id}", get(admin::show).post(admin::update))
        .route("/admin/users/{id}/active", post(admin::set_active))
        .route("/admin/users/{id}/reset", post(admin::reset))
        .route("/audit", get(audit::browse))
        .route("/m/{slug}", get(mechanisms::page))
        .route("/cases", get(cases::list))
        .route("/cases/new/disclosure", get(case_new::disclosure_form).post(case_new::disclosure_create))
        .route("/cases/new/reconsideration", get(case_new::reconsideration_form).post(case_new::reconsideration_create))
        .route("/cases/new/litigation", get(case_new::litigation_form).post(case_new::litigation_create))
        .route("/cases/new/mediation", get(case_new::mediation_form).post(case_new::mediation_create))
        .route("/cases/new/proposal", get(proposals::form).post(proposals::create))
        .route(
            "/cases/new/proposal/import",
            post(proposals::import).layer(DefaultBodyLimit::max(crate::edge::PROPOSAL_IMPORT_LIMIT)),
        )
        .route("/cases/new/petition", get(case_new::petition_form).post(case_new::petition_create))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/step", post(cases::step))
        .route("/cases/{id}/letter", get(case_files::letter))
        .route("/cases/{id}/decision", get(case_files::decision).post(case_files::publish))
        .route("/cases/{id}/decision/withdraw", post(case_files::withdraw))
        .route("/cases/{id}/reply", get(case_files::decision).post(case_files::publish))
        .route("/cases/{id}/reply/withdraw", post(case_files::withdraw))
        .route(
            "/cases/{id}/attachments",
            post(case_files::upload)
                .layer(DefaultBodyLimit::max(fazhi_app::attachments::MAX_ATTACHMENT_BYTES + 64 * 1024)),
        )
        .route("/cases/{id}/attachments/{aid}", get(case_files::download))
        .route("/cases/{id}/report", get(annual_report::show))
        .route("/cases/{id}/report/html", get(annual_report::as_html))
        .route("/cases/{id}/report/docx", get(annual_report::as_docx))
        .route("/cases/{id}/report/{op}", post(annual_report::act))
        .route("/reports/annual", get(annual_report::list).post(annual_report::open))
        // The case list's registration links of the report kinds.
        .route("/cases/new/rule_of_law_report", get(annual_report::to_list))
        .route("/cases/new/goi_report", get(annual_report::to_list))
        .route("/activities", get(activities::list))
        .route("/activities/new", get(activities::new_form).post(activities::create))
        .route(
            "/activities/import",
            get(activities::import_form)
                .post(activities::import)
                .layer(DefaultBodyLimit::max(crate::edge::ACTIVITY_IMPORT_LIMIT)),
        )
        .route("/activities/import/template.xlsx", get(activities::template))
        .route("/activities/{id}", get(activities::show).post(activities::correct))
        .route("/activities/{id}/delete", post(activities::delete))
        .route(
            "/activities/{id}/attachments",
            post(activities::upload).layer(DefaultBodyLimit::max(crate::edge::ATTACHMENT_LIMIT)),
        )
        .route("/activities/{id}/attachments/{aid}", get(activities::download))
        .route("/reports/indicators", get(indicators::page))
        .route("/reports/indicators/periodic", get(indicators::periodic))
        .route("/reports/indicators/periodic.xlsx", get(indicators::periodic_xlsx))
        .route("/reports/indicators/periodic.csv", get(indicators::periodic_csv))
        .route("/reports/indicators/{id}/records", get(indicators::records))
        .route("/reports/goi", get(goi::page))
        .route("/reports/goi.xlsx", get(goi::xlsx))
        .route("/tools/deadline", get(clock::deadline))
        .route(
            "/tools/report-check",
            get(report_check::form)
                .post(report_check::check)
                .layer(DefaultBodyLimit::max(crate::edge::REPORT_UPLOAD_LIMIT)),
        )
        .route("/tools/calendar", get(clock::calendar).post(clock::import))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/app.css"),
    )
}

/// Any path nobody serves.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

/// A submitted form: the CSRF token and the use case's input, read straight
/// from the same fields (the input types deserialise from form text).
#[derive(Debug, Default, serde::Deserialize)]
pub struct CsrfForm<T> {
    #[serde(default)]
    pub csrf: String,
    #[serde(flatten)]
    pub input: T,
}

/// Parses an id from a path segment; anything else is "not found".
pub fn parse_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>().ok().filter(|i| *i > 0).ok_or(WebError::NotFound)
}
