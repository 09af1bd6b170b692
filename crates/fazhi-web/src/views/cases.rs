//! Page views of the procedures: case lists, registration forms of the three
//! kinds, the case page with one form per allowed step, documents, the
//! indicator page and the portal's published decisions.

use super::{FieldErrors, Layout, UnitRowView};
use askama::Template;

#[derive(Debug, Clone)]
pub struct CaseRowView {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub unit_name: String,
    /// The stage's Chinese name.
    pub stage: String,
    pub received_on: String,
    pub next_due: String,
    pub status: &'static str,
    /// Why an open case has no deadline running (待补正, 征求意见 …).
    pub reminder: String,
    /// The date a concluded case was concluded.
    pub closed_on: String,
}

/// A tab of the case list: (kind code, label, href).
pub type KindTab = (&'static str, &'static str, String);

/// A choice of a filter: (value, label).
pub type Choice = (String, String);

#[derive(Template)]
#[template(path = "cases.html")]
pub struct CaseListPage {
    pub layout: Layout,
    pub heading: &'static str,
    pub kind: &'static str,
    pub tabs: Vec<KindTab>,
    pub rows: Vec<CaseRowView>,
    /// (href, label) of the registration forms the reader may use.
    pub register: Vec<(String, &'static str)>,
    /// The filters as typed (kept in the form and in the page links).
    pub params: fazhi_app::case_list::ListParams,
    pub statuses: Vec<Choice>,
    pub stages: Vec<Choice>,
    pub units: Vec<Choice>,
    pub dues: Vec<Choice>,
    /// Cases matching in all and the page links.
    pub pager: super::Pager,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "disclosure_new.html")]
pub struct DisclosureNewPage {
    pub layout: Layout,
    pub form: fazhi_app::cases::DisclosureInput,
    pub unit_id: String,
    pub errors: FieldErrors,
    pub types: Vec<(String, &'static str)>,
    pub units: Vec<UnitRowView>,
}

#[derive(Template)]
#[template(path = "reconsideration_new.html")]
pub struct ReconsiderationNewPage {
    pub layout: Layout,
    pub form: fazhi_app::reviews::ReconsiderationInput,
    pub unit_id: String,
    pub respondent_id: String,
    pub errors: FieldErrors,
    pub units: Vec<UnitRowView>,
    pub all_units: Vec<(i64, String)>,
    pub matters: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "litigation_new.html")]
pub struct LitigationNewPage {
    pub layout: Layout,
    pub form: fazhi_app::reviews::LitigationInput,
    pub unit_id: String,
    pub errors: FieldErrors,
    pub units: Vec<UnitRowView>,
    pub matters: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "mediation_new.html")]
pub struct MediationNewPage {
    pub layout: Layout,
    pub form: fazhi_app::mediation::MediationInput,
    pub unit_id: String,
    pub errors: FieldErrors,
    pub units: Vec<UnitRowView>,
    /// (code, Chinese name) of the forms, channels and dispute types.
    pub forms: Vec<(String, &'static str)>,
    pub channels: Vec<(String, &'static str)>,
    pub disputes: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "petition_new.html")]
pub struct PetitionNewPage {
    pub layout: Layout,
    pub form: fazhi_app::petitions::PetitionInput,
    pub unit_id: String,
    pub errors: FieldErrors,
    pub units: Vec<UnitRowView>,
    pub channels: Vec<(String, &'static str)>,
    pub categories: Vec<(String, &'static str)>,
    /// The case a 复查 or 复核 request reviews: (number, round).
    pub reviews: Option<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "portal_petition.html")]
pub struct PortalPetitionPage {
    pub layout: Layout,
    pub form: fazhi_app::petitions::PortalPetition,
    pub unit_id: String,
    pub errors: FieldErrors,
    pub categories: Vec<(String, &'static str)>,
    pub units: Vec<(i64, String)>,
}

/// One step the case page offers, with the fields its form asks for.
#[derive(Debug, Clone)]
pub struct StepOption {
    pub code: String,
    pub label: &'static str,
    pub fields: Vec<FieldView>,
    /// The form the user just submitted (kept, opened).
    pub open: bool,
}

/// One field of a step form, as the kind's definition declares it.
#[derive(Debug, Clone)]
pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    /// `date`, `text`, `textarea`, `number`, `check` or `select`.
    pub input: &'static str,
    pub required: bool,
    /// (code, label) of a select.
    pub options: Vec<(String, String)>,
    /// The value to show (what was submitted, on a refused step).
    pub value: String,
}

impl FieldView {
    pub fn of(f: &fazhi_core::procedure::Field, value: String) -> FieldView {
        use fazhi_core::procedure::Input;
        let (input, options) = match &f.input {
            Input::Date => ("date", Vec::new()),
            Input::Text => ("text", Vec::new()),
            Input::LongText => ("textarea", Vec::new()),
            Input::Count => ("number", Vec::new()),
            Input::Check => ("check", Vec::new()),
            Input::Choice(o) => ("select", o.clone()),
        };
        FieldView { name: f.name, label: f.label.clone(), input, required: f.required, options, value }
    }

    pub fn checked(&self) -> bool {
        matches!(self.value.as_str(), "1" | "on" | "true")
    }
}

/// The values of a step form as sent (kept when the step is refused).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct StepValues(pub std::collections::BTreeMap<String, String>);

impl StepValues {
    /// The value sent for `name` ("" if none).
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }
}

/// A linked case, as shown on a case page.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub id: i64,
    pub number: String,
    pub kind: &'static str,
    pub stage: String,
}

#[derive(Debug, Clone)]
pub struct AttachmentView {
    pub id: i64,
    pub filename: String,
    pub size_kb: String,
    pub note: String,
    pub uploaded_at: String,
    pub uploaded_by: String,
    pub sha256: String,
}

impl AttachmentView {
    /// A stored attachment (of a case or an activity) as a page lists it.
    pub fn of(a: &fazhi_store::documents::AttachmentMeta) -> Self {
        AttachmentView {
            id: a.id,
            filename: a.filename.clone(),
            size_kb: format!("{:.1}", a.size as f64 / 1024.0),
            note: a.note.clone(),
            uploaded_at: a.uploaded_at.chars().take(10).collect(),
            uploaded_by: a.uploaded_by.clone(),
            sha256: a.sha256.chars().take(12).collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "case.html")]
pub struct CasePage {
    pub layout: Layout,
    pub id: i64,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub version: i64,
    pub number: String,
    /// (label, value) facts of the case, kind by kind.
    pub facts: Vec<(&'static str, String)>,
    pub stage: String,
    /// (href, label) of the case's documents with their own page.
    pub documents: Vec<(String, &'static str)>,
    /// Reminders (a scheduled hearing and what to prepare).
    pub notes: Vec<String>,
    /// (step, due, status or the date it was met, explanation)
    pub deadlines: Vec<(String, String, String, String)>,
    pub pending: Vec<String>,
    /// The kind's own records (hearings with who appeared).
    pub records: Option<fazhi_core::procedure::Records>,
    /// (seq, date, what, who)
    pub history: Vec<(i64, String, String, String)>,
    pub steps: Vec<StepOption>,
    pub form: StepValues,
    pub warnings: Vec<String>,
    pub origin: Option<LinkView>,
    pub challenges: Vec<LinkView>,
    /// (href, label) to register a case challenging this one.
    pub challenge_forms: Vec<(String, &'static str)>,
    pub attachments: Vec<AttachmentView>,
    /// Where the attachments are uploaded and downloaded (`/cases/{id}`).
    pub attachments_base: String,
    pub can_write: bool,
    pub today: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "reply_letter.html")]
pub struct ReplyLetterPage {
    pub layout: Layout,
    pub number: String,
    pub unit_name: String,
    pub applicant: String,
    pub received_on: String,
    pub subject: String,
    pub outcome: String,
    pub basis: String,
    pub replied_on: String,
}

/// What a page needs to know of a kind of published document (a 复议
/// decision, a proposal's reply): where it lives and what it is called.
#[derive(Debug)]
pub struct PublicDoc {
    /// The case kind whose documents these are.
    pub kind: &'static str,
    /// The page under the case (`/cases/{id}/{path}`).
    pub path: &'static str,
    /// The portal list (`/portal/decisions`); a document is at `{portal}/{id}`.
    pub portal: &'static str,
    /// The heading of the portal list.
    pub heading: &'static str,
    /// What the law says of publishing them, and what is masked.
    pub hint: &'static str,
    /// The label of the text box.
    pub body_label: &'static str,
    /// The label of the date on the portal.
    pub date_label: &'static str,
}

#[derive(Template)]
#[template(path = "decision.html")]
pub struct DecisionPage {
    pub layout: Layout,
    pub doc: &'static PublicDoc,
    pub id: i64,
    pub number: String,
    pub title: String,
    pub body: String,
    pub masked: String,
    /// Remaining candidate names for staff to confirm.
    pub candidates: Vec<String>,
    /// Further names staff asked to mask.
    pub names: String,
    pub published: Option<(i64, String)>,
    /// (date, reason) once the published document was withdrawn.
    pub withdrawn: Option<(String, String)>,
    pub can_write: bool,
    pub errors: FieldErrors,
}

/// One \[U\] definition choice: (form name, label, [(code, label)], selected code).
pub type DefinitionChoice = (&'static str, &'static str, Vec<(&'static str, &'static str)>, String);

/// A figure of the catalogue: its text, the link to its records and, for
/// a rate, its numerator and denominator each with its own link.
#[derive(Debug, Clone)]
pub struct FigureView {
    pub id: String,
    pub text: String,
    pub link: String,
    pub parts: Vec<(String, String)>,
}

/// A group of the catalogue page: heading, whether its records are
/// activities, and (figure, name, definition) rows.
#[derive(Debug, Clone)]
pub struct CatalogueGroupView {
    pub name: &'static str,
    pub activities: bool,
    pub rows: Vec<(FigureView, String, String)>,
}

#[derive(Template)]
#[template(path = "indicators.html")]
pub struct IndicatorPage {
    pub layout: Layout,
    pub unit: String,
    pub period: String,
    pub period_zh: String,
    pub subtree: bool,
    pub units: Vec<UnitRowView>,
    pub choices: Vec<DefinitionChoice>,
    pub unit_name: String,
    pub groups: Vec<CatalogueGroupView>,
    pub periodic_link: String,
    pub errors: FieldErrors,
}

/// One case behind a value.
#[derive(Debug, Clone)]
pub struct RecordRowView {
    pub case_id: i64,
    pub number: String,
    pub kind_zh: &'static str,
    pub unit_name: String,
    /// `2025-03-04 收到复议申请`.
    pub facts: Vec<String>,
}

#[derive(Template)]
#[template(path = "indicator_records.html")]
pub struct RecordsPageView {
    pub layout: Layout,
    pub id: String,
    pub name: String,
    pub group: &'static str,
    pub definition: String,
    pub unit_name: String,
    pub subtree: bool,
    /// The unit asked for (its id, as the query gave it), the part's code
    /// and the \[U\] variants: kept by the date form.
    pub unit: String,
    pub part: &'static str,
    pub choices: Vec<DefinitionChoice>,
    pub from: String,
    pub to: String,
    pub part_zh: &'static str,
    /// For a rate listed whole: its numerator's and denominator's records.
    pub part_links: Vec<(&'static str, String)>,
    /// The counters' Chinese names.
    pub counters: String,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub rows: Vec<RecordRowView>,
    pub prev_link: String,
    pub next_link: String,
    pub back_link: String,
    pub errors: FieldErrors,
}

/// One line of the 月统计/季分析.
#[derive(Debug, Clone)]
pub struct PeriodicLineView {
    pub id: &'static str,
    pub name: &'static str,
    pub definition: String,
    pub now: String,
    pub previous: String,
    pub vs_previous: String,
    pub year_before: String,
    pub vs_year_before: String,
}

#[derive(Debug, Clone)]
pub struct PeriodicGroupView {
    pub name: &'static str,
    pub lines: Vec<PeriodicLineView>,
}

#[derive(Template)]
#[template(path = "indicators_periodic.html")]
pub struct PeriodicPage {
    pub layout: Layout,
    pub unit: String,
    pub period: String,
    pub subtree: bool,
    pub units: Vec<UnitRowView>,
    pub choices: Vec<DefinitionChoice>,
    pub title: String,
    pub span_zh: String,
    pub previous_zh: String,
    pub year_before_zh: String,
    pub groups: Vec<PeriodicGroupView>,
    /// Inline SVG charts (made by `crate::chart`, every text escaped).
    pub charts: Vec<String>,
    pub export_query: String,
    pub catalogue_link: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "portal_decisions.html")]
pub struct PortalDecisionsPage {
    pub layout: Layout,
    pub doc: &'static PublicDoc,
    /// (id, title, unit, decided on)
    pub docs: Vec<(i64, String, String, String)>,
    pub page: i64,
    pub more: bool,
}

#[derive(Template)]
#[template(path = "portal_decision.html")]
pub struct PortalDecisionPage {
    pub layout: Layout,
    pub doc: &'static PublicDoc,
    pub title: String,
    pub unit_name: String,
    pub decided_on: String,
    /// Set when the document was withdrawn: its text is not shown.
    pub withdrawn_on: Option<String>,
    pub body: String,
}

#[derive(Template)]
#[template(path = "proposal_new.html")]
pub struct ProposalNewPage {
    pub layout: Layout,
    /// The one-by-one form as typed.
    pub form: fazhi_app::proposals::ProposalInput,
    pub unit_id: String,
    /// The import form as typed (the file itself cannot be kept).
    pub import: fazhi_app::proposals::ImportInput,
    /// (code, name) of the sources.
    pub sources: Vec<(&'static str, &'static str)>,
    pub units: Vec<UnitRowView>,
    pub errors: FieldErrors,
    pub import_errors: FieldErrors,
    /// The limits stated on the page.
    pub max_rows: usize,
    pub max_mb: usize,
    /// After an import: what was taken.
    pub imported: Option<String>,
}
