//! The pages of activities: the list with its totals, the form, one
//! activity (corrected, deleted, its attachments), the import.

use super::{AttachmentView, FieldErrors, Layout, UnitRowView};
use askama::Template;
use fazhi_app::activities::{ActivityForm, ActivityListParams};

/// One activity in a list.
#[derive(Debug, Clone)]
pub struct ActivityRowView {
    pub id: i64,
    pub held_on: String,
    pub kind: String,
    pub topic: String,
    pub unit_name: String,
    /// `120(参加人次)`, with 学时 and 通过 where the kind has them.
    pub counts: String,
}

/// The totals of one kind over the filter, linking to its records.
#[derive(Debug, Clone)]
pub struct KindTotalView {
    pub kind: &'static str,
    pub held: i64,
    pub people: i64,
    pub people_label: &'static str,
    pub href: String,
}

#[derive(Template)]
#[template(path = "activities.html")]
pub struct ActivitiesPage {
    pub layout: Layout,
    pub params: ActivityListParams,
    /// (code, Chinese name) of every kind.
    pub kinds: Vec<(&'static str, &'static str)>,
    pub units: Vec<UnitRowView>,
    /// What the totals and the list cover, in words.
    pub covers: String,
    pub totals: Vec<KindTotalView>,
    pub rows: Vec<ActivityRowView>,
    pub pager: super::Pager,
    pub errors: FieldErrors,
    pub can_write: bool,
    /// Set after a deletion.
    pub notice: Option<String>,
}

/// The fields of the activity form (new or correction) with their values.
#[derive(Debug, Clone)]
pub struct ActivityFields {
    pub form: ActivityForm,
    pub unit_id: String,
    pub units: Vec<UnitRowView>,
    pub kinds: Vec<(&'static str, &'static str)>,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "activity_new.html")]
pub struct ActivityNewPage {
    pub layout: Layout,
    pub f: ActivityFields,
}

#[derive(Template)]
#[template(path = "activity.html")]
pub struct ActivityPage {
    pub layout: Layout,
    pub id: i64,
    pub version: i64,
    /// (label, value) of the record.
    pub facts: Vec<(&'static str, String)>,
    pub can_write: bool,
    /// The correction form (the stored values, or those typed and refused).
    pub f: ActivityFields,
    pub attachments: Vec<AttachmentView>,
    /// Where the attachments are uploaded and downloaded.
    pub attachments_base: String,
    pub notice: Option<&'static str>,
}

/// A bad row of an import on the page.
#[derive(Debug, Clone)]
pub struct BadRowView {
    pub line: usize,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "activity_import.html")]
pub struct ActivityImportPage {
    pub layout: Layout,
    pub max_rows: usize,
    pub max_mb: usize,
    /// The mode chosen (its code).
    pub mode: String,
    /// Problems of the file itself (nothing read).
    pub errors: FieldErrors,
    /// Set once a file was read.
    pub result: Option<ImportResultView>,
}

/// What an upload found and did.
#[derive(Debug, Clone)]
pub struct ImportResultView {
    pub good: usize,
    pub bad_count: usize,
    /// The first bad rows (the page lists at most a few hundred).
    pub bad: Vec<BadRowView>,
    pub stored: usize,
    /// Whether this was a check only.
    pub checked_only: bool,
    /// The token of the upload the server holds, to take the good rows
    /// without uploading the file again (empty when nothing is on offer).
    pub held: String,
}
