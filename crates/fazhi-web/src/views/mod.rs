//! Page view structs (one per page) and the shared layout. Templates live in
//! `templates/`; askama escapes everything they print.

use crate::ctx::Ctx;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use fazhi_core::org::{FieldError, Permission, Role};

/// Renders a template into a response; a template failure becomes a 500
/// without internal text.
pub fn html<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(s) => Html(s).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "系统内部错误").into_response()
        }
    }
}

/// The signed-in user as the layout shows them.
#[derive(Debug, Clone)]
pub struct ActorView {
    pub display_name: String,
    pub username: String,
    pub role_label: &'static str,
    pub unit_name: String,
    pub is_admin: bool,
    pub can_audit: bool,
    pub must_change_password: bool,
}

/// What every page's frame needs.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub actor: Option<ActorView>,
    pub csrf: String,
    /// The nav entry to highlight.
    pub active: &'static str,
    pub sections: &'static [NavSection],
}

impl Layout {
    pub fn new(title: impl Into<String>, ctx: &Ctx, active: &'static str) -> Self {
        Self {
            title: title.into(),
            actor: ctx.actor.as_ref().map(|a| ActorView {
                display_name: a.display_name.clone(),
                username: a.username.clone(),
                role_label: a.role.label(),
                unit_name: a.unit_name.clone(),
                is_admin: a.role == Role::Admin,
                can_audit: a.can(Permission::ReadAudit),
                must_change_password: a.must_change_password,
            }),
            csrf: ctx.csrf.clone(),
            active,
            sections: crate::routes::mechanisms::SECTIONS,
        }
    }
}

/// A group of mechanisms in the navigation.
#[derive(Debug)]
pub struct NavSection {
    pub label: &'static str,
    pub items: &'static [Mechanism],
}

/// A mechanism of PRODUCT.md and whether it is built yet.
#[derive(Debug)]
pub struct Mechanism {
    pub slug: &'static str,
    pub label: &'static str,
    /// Where the working feature lives, if it is built.
    pub live_at: Option<&'static str>,
    /// What it will do, shown while it is not built.
    pub plan: &'static str,
}

impl Mechanism {
    pub fn href(&self) -> String {
        match self.live_at {
            Some(u) => u.to_owned(),
            None => format!("/m/{}", self.slug),
        }
    }
}

/// Where a paged list stands, with the links to its neighbours (filters kept).
#[derive(Debug, Clone, Default)]
pub struct Pager {
    /// Rows matching in all; `None` when the filters were refused.
    pub total: Option<i64>,
    pub page: i64,
    pub pages: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first page's link.
    pub first: String,
}

impl Pager {
    /// Before anything is listed: page 1 of 1.
    pub fn new(href: impl Fn(i64) -> String) -> Self {
        Pager { total: None, page: 1, pages: 1, prev: None, next: None, first: href(1) }
    }

    /// At `page` of `pages`, `total` rows in all; `href` makes a page's link.
    pub fn at(total: i64, page: i64, pages: i64, href: impl Fn(i64) -> String) -> Self {
        Pager {
            total: Some(total),
            page,
            pages,
            prev: (page > 1).then(|| href((page - 1).min(pages))),
            next: (page < pages).then(|| href(page + 1)),
            first: href(1),
        }
    }
}

/// Field errors of a form, looked up by field name in templates.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn all(&self) -> Vec<&str> {
        self.0.iter().map(|e| e.message.as_str()).collect()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub title: &'static str,
    pub message: String,
    pub op_id: String,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub username: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "portal.html")]
pub struct PortalPage {
    pub layout: Layout,
    pub region_name: String,
    pub units: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "workbench.html")]
pub struct WorkbenchPage {
    pub layout: Layout,
    pub scope_name: String,
    pub units_in_scope: usize,
    pub role_duties: &'static str,
    /// The most urgent open cases in scope (overdue first).
    pub cases: Vec<CaseRowView>,
    /// 庭前提醒: (case id, number, unit, hearing date, how soon).
    pub hearings: Vec<(i64, String, String, String, String)>,
    /// Open cases with no deadline running (waiting for a correction, a
    /// consultation, a fee; suspended), listed under `/cases?due=none`.
    pub waiting: i64,
}

#[derive(Template)]
#[template(path = "mechanism.html")]
pub struct MechanismPage {
    pub layout: Layout,
    pub section: &'static str,
    pub mechanism: &'static Mechanism,
}

/// A unit in a listing, with its depth for indentation.
#[derive(Debug, Clone)]
pub struct UnitRowView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub depth: usize,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "units.html")]
pub struct UnitsPage {
    pub layout: Layout,
    pub rows: Vec<UnitRowView>,
    pub can_manage: bool,
    pub notice: Option<&'static str>,
}

/// The raw values of the unit form, kept on error.
#[derive(Debug, Clone, Default)]
pub struct UnitFormValues {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: String,
    pub sort_order: String,
    pub active: bool,
    pub version: i64,
}

#[derive(Template)]
#[template(path = "unit.html")]
pub struct UnitPage {
    pub layout: Layout,
    pub id: i64,
    pub name: String,
    pub code: String,
    pub kind: &'static str,
    pub region_code: String,
    pub breadcrumb: Vec<(i64, String)>,
    pub children: Vec<UnitRowView>,
    pub can_manage: bool,
    pub form: UnitFormValues,
    pub errors: FieldErrors,
    pub kinds: Vec<(&'static str, &'static str)>,
    pub notice: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "admin/unit_new.html")]
pub struct UnitNewPage {
    pub layout: Layout,
    pub form: UnitFormValues,
    pub errors: FieldErrors,
    pub kinds: Vec<(&'static str, &'static str)>,
    pub parents: Vec<UnitRowView>,
}

#[derive(Debug, Clone)]
pub struct UserRowView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub unit_name: String,
    pub active: bool,
    pub locked: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub layout: Layout,
    pub rows: Vec<UserRowView>,
}

#[derive(Debug, Clone, Default)]
pub struct UserFormValues {
    pub username: String,
    pub display_name: String,
    pub unit_id: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
pub struct UserNewPage {
    pub layout: Layout,
    pub form: UserFormValues,
    pub errors: FieldErrors,
    pub roles: Vec<(&'static str, &'static str)>,
    pub units: Vec<UnitRowView>,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct UserPage {
    pub layout: Layout,
    pub user: UserRowView,
    pub failed_logins: i64,
    pub locked_until: String,
    pub one_time_password: Option<String>,
    pub is_self: bool,
    /// The edit form: current or submitted values.
    pub form: UserFormValues,
    pub version: i64,
    pub errors: FieldErrors,
    pub roles: Vec<(&'static str, &'static str)>,
    pub units: Vec<UnitRowView>,
    pub notice: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct AuditRowView {
    /// The chain the entry is in: a region code, or 全局 for the
    /// installation's own chain (accounts, settings).
    pub chain: String,
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: &'static str,
    pub entity: String,
    pub entity_id: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub page: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub q: AuditQuery,
    pub rows: Vec<AuditRowView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub prev_link: Option<String>,
    pub next_link: Option<String>,
    pub errors: FieldErrors,
    /// Entity kinds to filter by: (code, label).
    pub entities: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub layout: Layout,
    pub errors: FieldErrors,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
pub struct TokensPage {
    pub layout: Layout,
    pub name: String,
    pub days: String,
    pub errors: FieldErrors,
    pub issued: Option<String>,
    pub tokens: Vec<TokenView>,
}

/// One API token on the token page.
#[derive(Debug, Clone)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    /// 有效 / 已过期 / 已撤销
    pub state: &'static str,
    pub live: bool,
}

#[derive(Debug, Clone)]
pub struct DeadlineRowView {
    pub step: String,
    pub due: String,
    pub rule: String,
    pub explanation: String,
    pub status: String,
    pub provisional: bool,
}

#[derive(Template)]
#[template(path = "deadline.html")]
pub struct DeadlinePage {
    pub layout: Layout,
    /// Every registered kind: `(id, Chinese name)`.
    pub procedures: Vec<(&'static str, &'static str)>,
    /// A date field per dated event the kinds declare, grouped by kind:
    /// `(kind, [(code, label, value)])`.
    pub mark_fields: Vec<MarkFieldGroup>,
    pub q: crate::routes::clock::DeadlineQuery,
    pub rows: Vec<DeadlineRowView>,
    pub pending: Vec<String>,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "calendar.html")]
pub struct CalendarPage {
    pub layout: Layout,
    pub years: String,
    /// (years, imported at, imported by)
    pub notices: Vec<(String, String, String)>,
    pub can_import: bool,
    pub text: String,
    pub errors: FieldErrors,
    pub imported: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PartView {
    pub name: &'static str,
    /// 有 / 流于形式 / 缺失 / 未见(正文不完整)
    pub status: &'static str,
    /// CSS class of the status: `present`, `token`, `missing`, `not-seen`.
    pub class: &'static str,
    pub heading: String,
    pub chars: usize,
}

#[derive(Debug, Clone)]
pub struct CheckedReportView {
    pub file: String,
    pub error: Option<String>,
    /// Set when the document is not an annual report: (kind of document, reason).
    pub not_report: Option<(String, String)>,
    pub unit: String,
    /// The region the unit belongs to, when the text shows it.
    pub unit_parent: Option<String>,
    pub year: String,
    pub date: String,
    pub script: &'static str,
    /// Whether the text looks complete, with the evidence, in Chinese.
    pub completeness: String,
    pub parts: Vec<PartView>,
    pub flags: Vec<String>,
    /// (text, subject, indicator name in Chinese, approximation)
    pub figures: Vec<(String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "report_check.html")]
pub struct ReportCheckPage {
    pub layout: Layout,
    pub reports: Vec<CheckedReportView>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "portal_apply.html")]
pub struct PortalApplyPage {
    pub layout: Layout,
    pub form: fazhi_app::portal::PortalRequest,
    pub unit_id: String,
    pub delivery: &'static [&'static str],
    pub errors: FieldErrors,
    pub types: Vec<(String, &'static str)>,
    pub units: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "portal_receipt.html")]
pub struct PortalReceiptPage {
    pub layout: Layout,
    /// What was filed (申请, 信访事项).
    pub what: &'static str,
    pub code: String,
    pub number: String,
    pub unit_name: String,
    pub received_on: String,
    /// The first deadline: its name, date and what may move it.
    pub due_label: &'static str,
    pub reply_due: String,
    pub due_note: &'static str,
}

#[derive(Template)]
#[template(path = "portal_track.html")]
pub struct PortalTrackPage {
    pub layout: Layout,
    pub code: String,
    pub not_found: bool,
    pub progress: Option<fazhi_app::cases::PublicProgress>,
}

#[derive(Template)]
#[template(path = "goi_table3.html")]
pub struct GoiTablePage {
    pub layout: Layout,
    pub unit: String,
    pub year: String,
    pub subtree: bool,
    pub units: Vec<UnitRowView>,
    pub headings: Vec<&'static str>,
    pub lines: Vec<(String, fazhi_core::procedure::goi_tables::Row)>,
    pub unit_name: String,
    pub records: usize,
    /// Ok(message) when balanced, Err(message) naming the column otherwise.
    pub balance: Option<Result<String, String>>,
    /// Table 4: (group, [维持, 纠正, 其他, 尚未审结, 总计]).
    pub table4: Vec<(&'static str, [u64; 5])>,
    pub table4_records: usize,
    pub errors: FieldErrors,
}

pub mod activities;
pub mod cases;
pub use activities::*;
pub use cases::*;

#[derive(Template)]
#[template(path = "annual_reports.html")]
pub struct AnnualReportsPage {
    pub layout: Layout,
    /// (id, number, kind, year, unit, stage, next due).
    pub reports: Vec<(i64, String, &'static str, i32, String, &'static str, String)>,
    pub units: Vec<UnitRowView>,
    pub kind: String,
    pub unit: String,
    pub year: String,
    pub can_write: bool,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "annual_report.html")]
pub struct AnnualReportPage {
    pub layout: Layout,
    pub v: fazhi_app::annual_report::ReportView,
    pub can_write: bool,
    /// The document as HTML (the article of `fazhi_document::to_html`, escaped there).
    pub preview: String,
    pub form: StepValues,
    pub errors: FieldErrors,
}

impl AnnualReportPage {
    /// The value typed into `name` for `part` and `heading` (kept after a refusal), else the stored text.
    pub fn typed(&self, part: &str, heading: &str, stored: &str) -> String {
        if self.form.get("part") == part && self.form.get("heading") == heading {
            self.form.get("body").to_owned()
        } else {
            stored.to_owned()
        }
    }
    /// Whether the stage is drafting.
    pub fn drafting(&self) -> bool {
        self.v.stage == fazhi_core::procedure::annual_report::Stage::Drafting
    }
    /// Whether the stage is 审定待公开.
    pub fn approved(&self) -> bool {
        self.v.stage == fazhi_core::procedure::annual_report::Stage::Approved
    }
    pub fn blocking(&self) -> Vec<&fazhi_app::annual_report::CheckFlag> {
        self.v.flags.iter().filter(|f| f.blocking).collect()
    }
}

#[derive(Template)]
#[template(path = "portal_reports.html")]
pub struct PortalReportsPage {
    pub layout: Layout,
    pub reports: Vec<fazhi_app::annual_report::PublicReport>,
}

/// One kind's date fields on the deadline calculator: the kind's name and
/// `(code, label, value)` per field.
pub type MarkFieldGroup = (&'static str, Vec<(String, String, String)>);
