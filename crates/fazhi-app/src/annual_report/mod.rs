//! The annual reports (法治政府建设年度报告, 政府信息公开工作年度报告) as use
//! cases on the report kinds of `fazhi_core::procedure::annual_report`: a
//! unit opens its report for a year and writes its parts; the figures are
//! generated from the records; a coordinating government compiles the
//! reports of the units below it; the review steps are the kind's steps (the
//! case page); before publication the draft goes through the report checker
//! with the same record values, and its flags block publication unless a
//! reviewer overrides them with a reason; publication freezes the document
//! (`published_documents`, the `fazhi_document::Document` as JSON) and puts
//! it on the portal. A published report is revised by a new case linked to it.
//!
//! Every read goes through the reader's scope (`cases::get`, `units::get`
//! with `actor.scope`); the portal reads only published documents.

pub mod document;
pub mod figures;

use chrono::NaiveDate;
use fazhi_core::clock::Engine;
use fazhi_core::org::{FieldError, Permission, Role, UnitKind};
use fazhi_core::procedure::annual_report::{
    Action, Contribution, Data, Flavor, Goi, GoiReport, PartText, Report, RuleOfLaw, RuleOfLawReport, Stage,
    TABLE2_KEYS,
};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::{apply, by_id, Case, Matter, Procedure};
use fazhi_document::Document;
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::documents::{self, PublishedDocument};
use fazhi_store::units::{self, Unit};

use crate::auth::Actor;
use crate::cases::{decode, new_case, step_update, Filing, Party};
use crate::{App, AppError};
pub use document::GoiTables;
pub use figures::{Generated, Recorded};

/// The report kinds, in the order pages list them.
pub const REPORT_KINDS: [&str; 2] = [RuleOfLaw::ID, Goi::ID];

/// How many days before a deadline the report page warns.
pub const WARN_DAYS: i64 = 15;

/// A report in a list.
#[derive(Debug, Clone)]
pub struct ReportItem {
    pub row: CaseRow,
    pub kind_zh: &'static str,
    pub year: i32,
    pub stage_zh: &'static str,
}

/// A part of a report as its page shows it.
#[derive(Debug, Clone)]
pub struct PartView {
    pub code: &'static str,
    pub heading: &'static str,
    pub required: bool,
    /// The part's own text.
    pub body: String,
    /// Generated figures of the part's own text.
    pub figures: Vec<String>,
    /// Sub-headings written or holding figures: heading, text, figures.
    pub sections: Vec<(String, String, Vec<String>)>,
    /// The 实施纲要 areas not used yet (offered as new sub-headings).
    pub areas: Vec<&'static str>,
    /// The table the part carries (GOI), by its name.
    pub table: Option<&'static str>,
}

/// A deadline of a report.
#[derive(Debug, Clone)]
pub struct DueView {
    pub label: &'static str,
    pub due: NaiveDate,
    pub explanation: String,
    /// Met on this date.
    pub met: Option<NaiveDate>,
    /// Days from today to the due date (negative: past).
    pub days_left: i64,
}

/// A flag of the report checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFlag {
    pub code: String,
    pub message: String,
    /// Publication waits for it to be fixed or overridden.
    pub blocking: bool,
}

/// A report with everything its page shows.
#[derive(Debug)]
pub struct ReportView {
    pub row: CaseRow,
    pub kind_id: &'static str,
    pub kind_zh: &'static str,
    pub year: i32,
    pub department: bool,
    pub stage: Stage,
    pub stage_zh: &'static str,
    pub parts: Vec<PartView>,
    pub deadlines: Vec<DueView>,
    /// The advisory warning ahead of a deadline, or about a missed one.
    pub warning: Option<String>,
    pub missing_parts: Vec<String>,
    pub steps_missing: Option<String>,
    /// The checker's flags on the draft now (the 法治政府建设 report).
    pub flags: Vec<CheckFlag>,
    /// The flags the latest override covers, and its reason.
    pub overridden: Option<(String, Vec<String>)>,
    pub contributions: Vec<Contribution>,
    /// Reports of the units below for the same year, not compiled yet:
    /// (number, unit, stage).
    pub available: Vec<(String, String, &'static str)>,
    /// GOI table 2 as entered: key, label, value.
    pub table2: Vec<(&'static str, &'static str, u64)>,
    pub figures: usize,
    pub document: Document,
    pub published: Option<PublishedDocument>,
    /// The actor may override flags and publish.
    pub can_review: bool,
}

/// A published report on the portal.
#[derive(Debug, Clone)]
pub struct PublicReport {
    pub id: i64,
    pub title: String,
    pub unit_name: String,
    pub published_on: String,
    pub kind_zh: &'static str,
    /// A later version of the same report was published.
    pub superseded: bool,
}

fn report_kind(kind: &str) -> Option<&'static str> {
    REPORT_KINDS.iter().copied().find(|k| *k == kind)
}

fn year_of(row: &CaseRow) -> i32 {
    row.received_on.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

fn typed_data(row: &CaseRow) -> Result<Case<RuleOfLawReport>, AppError> {
    // Both flavours share the state's shape (stage, common, data).
    serde_json::from_str(&row.state_json).map_err(|e| AppError::Internal(format!("case {} state: {e}", row.id)))
}

/// Whether a unit reports as a department (its own, earlier deadlines).
pub fn is_department(kind: UnitKind) -> bool {
    !matches!(kind, UnitKind::Government | UnitKind::Township)
}

fn can_review(actor: &Actor) -> bool {
    matches!(actor.role, Role::Leader | Role::Coordinator)
}

fn review_required(actor: &Actor) -> Result<(), AppError> {
    if can_review(actor) {
        Ok(())
    } else {
        Err(AppError::invalid(FieldError::new(
            "action",
            "只有单位负责人或法治建设协调人员可以说明理由准予公开或公开报告",
        )))
    }
}

/// The checker's flags that block publication: a missing or token part, a
/// figure that disagrees with the records, a text that stops early.
fn blocking(code: &str) -> bool {
    code == "figure_mismatch"
        || code == "text_incomplete"
        || code == "not_a_report"
        || code.starts_with("missing_")
        || (code.starts_with("token_") && code != "token_other")
}

/// Whether a stated figure agrees with the recorded value, with the
/// checker's tolerances: an approximate figure within 10 % (and one), a
/// rate within 0.05 points, a count exactly.
fn agrees(f: &fazhi_report::Figure, recorded: f64) -> bool {
    if f.approx.is_some() {
        (f.value - recorded).abs() <= recorded.abs() * 0.1 + 1.0
    } else if f.unit == "%" {
        (f.value - recorded).abs() <= 0.05
    } else {
        (f.value - recorded).abs() < 0.5
    }
}

/// Runs the report checker over a draft with the unit's recorded values.
/// Its figure comparison is made stricter here: the checker accepts an
/// indicator when any one figure states it right (a published report
/// repeats figures), but a draft whose generated sentence is right and
/// whose narrative says otherwise contradicts itself, so every figure that
/// disagrees with the records is flagged.
pub fn check_draft(doc: &Document, recorded: &Recorded) -> Vec<CheckFlag> {
    use fazhi_report::RecordSource as _;
    let text = document::plain_text(doc);
    let opts = fazhi_report::CheckOptions { records: Some(recorded), ..fazhi_report::CheckOptions::default() };
    let check = fazhi_report::check_text("report.txt", &text, &opts);
    let mut out: Vec<CheckFlag> = check
        .flags
        .iter()
        .filter(|f| f.code != "no_publish_date" && f.code != "figure_mismatch" && f.code != "published_late")
        .map(|f| CheckFlag { code: f.code.to_owned(), message: f.message.clone(), blocking: blocking(f.code) })
        .collect();
    for f in &check.figures {
        let Some(id) = f.indicator else { continue };
        let Some(value) = recorded.value("", recorded.year, id) else { continue };
        if !agrees(f, value) {
            let message = format!(
                "报告所列“{}{}”({})与系统记录 {value} 不一致",
                f.subject,
                f.text,
                fazhi_report::indicators::label_zh(id)
            );
            if !out.iter().any(|x| x.message == message) {
                out.push(CheckFlag { code: "figure_mismatch".to_owned(), message, blocking: true });
            }
        }
    }
    out
}

impl App {
    async fn report_row(&self, actor: &Actor, id: i64) -> Result<CaseRow, AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        if report_kind(&row.kind).is_none() {
            return Err(AppError::NotFound);
        }
        Ok(row)
    }

    /// The reports in the actor's scope, newest year first.
    pub async fn annual_reports(&self, actor: &Actor) -> Result<Vec<ReportItem>, AppError> {
        actor.require(Permission::ReadRecords)?;
        let mut out = Vec::new();
        for kind in REPORT_KINDS {
            for row in cases::of_kind(self.store.pool(), kind, &actor.scope, true).await? {
                let k = by_id(kind).ok_or_else(|| AppError::Internal(format!("kind {kind}")))?;
                out.push(ReportItem {
                    kind_zh: k.zh(),
                    year: year_of(&row),
                    stage_zh: k.stage_zh(&row.stage).unwrap_or(""),
                    row,
                });
            }
        }
        out.sort_by(|a, b| b.year.cmp(&a.year).then(a.row.unit_id.cmp(&b.row.unit_id)).then(b.row.id.cmp(&a.row.id)));
        Ok(out)
    }

    /// Opens a unit's report of `kind` on `year` (the year must have ended).
    /// One report per unit, kind and year: a published one is revised, not
    /// opened again.
    pub async fn open_annual_report(
        &self,
        actor: &Actor,
        kind: &str,
        unit_id: Option<i64>,
        year: &str,
    ) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let mut errors = Vec::new();
        let kind = report_kind(kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "请选择报告类别:法治政府建设年度报告或政府信息公开工作年度报告"));
        }
        let year_n = year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        if year_n.is_none() {
            errors.push(FieldError::new(
                "year",
                format!("报告年度应为2000至2100之间的四位数字,您输入的是“{}”", year.trim()),
            ));
        }
        let unit = match unit_id {
            Some(id) => crate::error::found(units::get(self.store.pool(), &actor.scope, id).await)?,
            None => None,
        };
        if unit.is_none() {
            errors.push(FieldError::new("unit_id", "请选择报告单位(须在您的权限范围内)"));
        }
        let (Some(kind), Some(year), Some(unit), true) = (kind, year_n, unit, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        if let Some(existing) = self.report_of(&unit, kind, year).await? {
            return Err(AppError::invalid(FieldError::new(
                "year",
                format!(
                    "{}{year}年度的{}已经起草(编号{}),请在该报告中继续撰写;已公开的报告请在其页面“修改并形成新版本”",
                    unit.name,
                    by_id(kind).map(|k| k.zh()).unwrap_or(""),
                    existing.number
                ),
            )));
        }
        let action = Action::Open { year, department: is_department(unit.kind), revises: String::new() };
        if kind == RuleOfLaw::ID {
            self.store_opened::<RuleOfLawReport>(actor, &unit, &action, None).await
        } else {
            self.store_opened::<GoiReport>(actor, &unit, &action, None).await
        }
    }

    /// The latest report of a unit, kind and year, if any.
    async fn report_of(&self, unit: &Unit, kind: &str, year: i32) -> Result<Option<CaseRow>, AppError> {
        let within = self.scope_at(&unit.path).await?;
        let rows = cases::of_kind(self.store.pool(), kind, &within, false).await?;
        Ok(rows.into_iter().filter(|r| r.unit_id == unit.id && year_of(r) == year).max_by_key(|r| r.id))
    }

    async fn store_opened<P: Procedure<Action = Action, Data = Data>>(
        &self,
        actor: &Actor,
        unit: &Unit,
        action: &Action,
        origin: Option<(i64, Vec<PartText>, std::collections::BTreeMap<String, u64>)>,
    ) -> Result<CaseRow, AppError> {
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let today = self.now.today();
        let applied = apply::<P>(&engine, &Case::new(), action, today, today)
            .map_err(|e| AppError::invalid(FieldError::new("year", e.to_string())))?;
        let year = applied.case.data.year;
        let title =
            if P::ID == RuleOfLaw::ID { RuleOfLaw::title(&unit.name, year) } else { Goi::title(&unit.name, year) };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: Some(actor.user_id).filter(|i| *i > 0),
            receipt_code: None,
            subject: title,
            party: Party { name: unit.name.clone(), contact: String::new(), person: false, court: String::new() },
            origin_id: origin.as_ref().map(|o| o.0),
            respondent_id: None,
            matter: Matter::Other,
        };
        let mut new = new_case::<P>(&engine, &applied.case, action, filing)?;
        // The clock starts at the year's end; the history starts today.
        new.first_event.occurred_on = today.to_string();
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let mut row = cases::insert(&mut tx, &new).await?;
        if let Some((_, texts, table2)) = origin {
            // A revision starts from the published text.
            let mut case = applied.case;
            for step in [Action::Compile { contributions: Vec::new(), texts }, Action::EnterTable2 { values: table2 }] {
                if !case.allowed().contains(&P::verb(&step)) {
                    continue;
                }
                let next = apply::<P>(&engine, &case, &step, today, today)
                    .map_err(|e| AppError::Internal(format!("revision: {e}")))?;
                let update =
                    step_update(&engine, &next.case, code_of(&P::verb(&step)), crate::cases::to_json(&step)?, today)?;
                row = cases::record_step(&mut tx, &row.region_code, row.id, row.version, &update).await?;
                case = next.case;
            }
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Starts a new version of a published report: a new case linked to it,
    /// holding its text; the published one stays as it was.
    pub async fn revise_annual_report(&self, actor: &Actor, id: i64) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let row = self.report_row(actor, id).await?;
        let case = typed_data(&row)?;
        if case.stage != Stage::Published {
            return Err(AppError::Conflict("该报告尚未公开,请直接在其中修改".to_owned()));
        }
        let unit = units::get(self.store.pool(), &actor.scope, row.unit_id).await?;
        if let Some(latest) = self.report_of(&unit, &row.kind, case.data.year).await? {
            if latest.id != row.id {
                return Err(AppError::Conflict(format!("该报告已有新版本(编号{}),请在新版本中修改", latest.number)));
            }
        }
        let action =
            Action::Open { year: case.data.year, department: case.data.department, revises: row.number.clone() };
        let origin = Some((row.id, case.data.texts.clone(), case.data.table2.clone()));
        if row.kind == RuleOfLaw::ID {
            self.store_opened::<RuleOfLawReport>(actor, &unit, &action, origin).await
        } else {
            self.store_opened::<GoiReport>(actor, &unit, &action, origin).await
        }
    }

    /// Records one step of a report through the engine; with `publish`, the
    /// frozen document goes to the portal in the same transaction.
    async fn report_step(
        &self,
        actor: &Actor,
        row: &CaseRow,
        version: i64,
        action: &Action,
        field: &'static str,
        publish: Option<&Document>,
    ) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        if row.version != version {
            return Err(AppError::Stale);
        }
        let case = decode(row)?;
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let today = self.now.today();
        let json = serde_json::to_value(action).map_err(|e| AppError::Internal(e.to_string()))?;
        let stepped = case
            .apply_json(&engine, &json, today, today)
            .map_err(|e| AppError::invalid(FieldError::new(field, e.to_string())))?;
        let step = step_update(&engine, stepped.case.as_ref(), stepped.verb, stepped.action_json, today)?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let out = cases::record_step(&mut tx, &row.region_code, row.id, version, &step).await?;
        if let Some(doc) = publish {
            let body = serde_json::to_string(doc).map_err(|e| AppError::Internal(e.to_string()))?;
            documents::publish(
                &mut tx,
                &row.region_code,
                &row.unit_path,
                row.id,
                &doc.title,
                &body,
                &row.unit_name,
                &today.to_string(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Writes a part's text (`heading` empty) or a sub-heading's; an empty
    /// body removes a sub-heading.
    pub async fn write_report_part(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        part: &str,
        heading: &str,
        body: &str,
    ) -> Result<CaseRow, AppError> {
        let row = self.report_row(actor, id).await?;
        let action =
            Action::Write { part: part.trim().to_owned(), heading: heading.trim().to_owned(), body: body.to_owned() };
        self.report_step(actor, &row, version, &action, "body", None).await
    }

    /// Generates the report's figures from the records (replacing the last ones).
    pub async fn refresh_report_figures(&self, actor: &Actor, id: i64, version: i64) -> Result<CaseRow, AppError> {
        let row = self.report_row(actor, id).await?;
        let unit = units::get(self.store.pool(), &actor.scope, row.unit_id).await?;
        let generated = self.report_figures(actor, &unit, year_of(&row), &row.kind).await?;
        let action = Action::Figures { figures: generated.figures };
        self.report_step(actor, &row, version, &action, "figures", None).await
    }

    /// The reports of the units below for the same kind and year (the latest
    /// of each unit), which the coordinator compiles.
    async fn contributions_of(&self, actor: &Actor, row: &CaseRow) -> Result<Vec<CaseRow>, AppError> {
        let unit = units::get(self.store.pool(), &actor.scope, row.unit_id).await?;
        let year = year_of(row);
        let mut latest: std::collections::BTreeMap<i64, CaseRow> = std::collections::BTreeMap::new();
        let within = self.scope_at(&unit.path).await?;
        for r in cases::of_kind(self.store.pool(), &row.kind, &within, true).await? {
            if r.unit_id == row.unit_id || year_of(&r) != year {
                continue;
            }
            if latest.get(&r.unit_id).is_none_or(|x| x.id < r.id) {
                latest.insert(r.unit_id, r);
            }
        }
        Ok(latest.into_values().collect())
    }

    /// Compiles the reports of the units below into this one: each unit's
    /// text goes under the same part and sub-heading, after what is there,
    /// introduced by the unit's name. A unit compiled once is not again.
    pub async fn compile_annual_report(&self, actor: &Actor, id: i64, version: i64) -> Result<CaseRow, AppError> {
        let row = self.report_row(actor, id).await?;
        let case = typed_data(&row)?;
        let mut work = case.data.clone();
        let mut texts: Vec<PartText> = Vec::new();
        let mut contributions = Vec::new();
        for sub in self.contributions_of(actor, &row).await? {
            if case.data.contributions.iter().any(|c| c.number == sub.number) {
                continue;
            }
            let theirs = typed_data(&sub)?;
            if theirs.data.texts.is_empty() {
                continue;
            }
            for t in compiled_texts(&work, &sub.unit_name, &theirs.data) {
                work.set_text(&t.part, &t.heading, &t.body);
                match texts.iter_mut().find(|x| x.part == t.part && x.heading == t.heading) {
                    Some(x) => x.body = t.body,
                    None => texts.push(t),
                }
            }
            contributions.push(Contribution { number: sub.number.clone(), unit: sub.unit_name.clone() });
        }
        if contributions.is_empty() {
            return Err(AppError::invalid(FieldError::new(
                "compile",
                "没有可汇总的下级单位报告:下级单位尚未撰写本年度报告,或均已汇总",
            )));
        }
        self.report_step(actor, &row, version, &Action::Compile { contributions, texts }, "compile", None).await
    }

    /// GOI table 2 entered by hand; `get` gives each key's text.
    pub async fn enter_report_table2(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        get: &(dyn Fn(&str) -> Option<String> + Sync),
    ) -> Result<CaseRow, AppError> {
        let row = self.report_row(actor, id).await?;
        let mut values = std::collections::BTreeMap::new();
        let mut errors = Vec::new();
        for (key, label) in TABLE2_KEYS {
            let raw = get(key).unwrap_or_default();
            let t = raw.trim();
            if t.is_empty() {
                continue;
            }
            match t.parse::<u64>() {
                Ok(v) if v <= 10_000_000_000 => {
                    values.insert((*key).to_owned(), v);
                }
                _ => errors.push(FieldError::new(
                    key,
                    format!("{label}应为不小于0的整数,您输入的是“{}”", fazhi_core::input::quote_for_message(t, 40)),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        self.report_step(actor, &row, version, &Action::EnterTable2 { values }, "table2", None).await
    }

    /// The document of a report: the published one as it went out, or the
    /// draft as it stands today (tables counted now).
    pub async fn report_document(&self, actor: &Actor, id: i64) -> Result<Document, AppError> {
        let row = self.report_row(actor, id).await?;
        if let Some(p) = documents::published_of_case(self.store.pool(), &row.region_code, id).await? {
            return decode_document(&p);
        }
        self.draft_document(actor, &row, self.now.today()).await
    }

    async fn draft_document(&self, actor: &Actor, row: &CaseRow, date: NaiveDate) -> Result<Document, AppError> {
        let case = typed_data(row)?;
        let unit = units::get(self.store.pool(), &actor.scope, row.unit_id).await?;
        if row.kind == RuleOfLaw::ID {
            return Ok(document::build::<RuleOfLaw>(&row.subject, &unit.name, date, &case.data, None));
        }
        let year = case.data.year;
        let t3 = self.goi_table3(actor, unit.id, year, false).await?;
        let t4 = self.goi_table4(actor, unit.id, year, false).await?;
        let tables = GoiTables { table3: t3.table, table4: t4.table };
        Ok(document::build::<Goi>(&row.subject, &unit.name, date, &case.data, Some(&tables)))
    }

    /// The checker's flags on a report's draft as it would be published today.
    async fn draft_flags(&self, actor: &Actor, row: &CaseRow, doc: &Document) -> Result<Vec<CheckFlag>, AppError> {
        if row.kind != RuleOfLaw::ID {
            return Ok(Vec::new());
        }
        let unit = units::get(self.store.pool(), &actor.scope, row.unit_id).await?;
        let generated = self.report_figures(actor, &unit, year_of(row), &row.kind).await?;
        Ok(check_draft(doc, &generated.recorded))
    }

    /// A reviewer publishes despite the checker's blocking flags, with a reason.
    pub async fn override_report_flags(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        reason: &str,
    ) -> Result<CaseRow, AppError> {
        review_required(actor)?;
        let row = self.report_row(actor, id).await?;
        let doc = self.draft_document(actor, &row, self.now.today()).await?;
        let flags: Vec<String> =
            self.draft_flags(actor, &row, &doc).await?.into_iter().filter(|f| f.blocking).map(|f| f.message).collect();
        let action = Action::Override { reason: reason.to_owned(), flags };
        self.report_step(actor, &row, version, &action, "reason", None).await
    }

    /// Publishes a report: refused before the review steps, with parts
    /// missing or an empty part on shortcomings, and while the checker's
    /// blocking flags are not overridden; the document is frozen as
    /// published and goes to the portal.
    pub async fn publish_annual_report(&self, actor: &Actor, id: i64, version: i64) -> Result<CaseRow, AppError> {
        review_required(actor)?;
        let row = self.report_row(actor, id).await?;
        let case = typed_data(&row)?;
        let steps = if row.kind == RuleOfLaw::ID {
            RuleOfLawReport::steps_missing(&case)
        } else {
            Report::<Goi>::steps_missing(&retype(&case))
        };
        if let Some(msg) = steps {
            return Err(AppError::invalid(FieldError::new("publish", msg)));
        }
        let today = self.now.today();
        let doc = self.draft_document(actor, &row, today).await?;
        doc.validate().map_err(|e| AppError::invalid(FieldError::new("publish", e.to_string())))?;
        let flags: Vec<String> =
            self.draft_flags(actor, &row, &doc).await?.into_iter().filter(|f| f.blocking).map(|f| f.message).collect();
        self.report_step(actor, &row, version, &Action::Publish { flags }, "publish", Some(&doc)).await
    }

    /// A report with its parts, deadlines, checker flags and document.
    pub async fn annual_report(&self, actor: &Actor, id: i64) -> Result<ReportView, AppError> {
        let row = self.report_row(actor, id).await?;
        let case = typed_data(&row)?;
        let kind = by_id(&row.kind).ok_or_else(|| AppError::Internal(format!("kind {}", row.kind)))?;
        let is_rol = row.kind == RuleOfLaw::ID;
        let today = self.now.today();
        let (parts_def, missing_parts, steps_missing) = if is_rol {
            (RuleOfLaw::PARTS, RuleOfLawReport::missing_parts(&case), RuleOfLawReport::steps_missing(&case))
        } else {
            let c = retype(&case);
            (Goi::PARTS, Report::<Goi>::missing_parts(&c), Report::<Goi>::steps_missing(&c))
        };
        let d = &case.data;
        let parts = parts_def
            .iter()
            .map(|p| {
                let areas: &[&str] = if p.areas.is_empty() { &[] } else { p.areas };
                let sections: Vec<(String, String, Vec<String>)> = document::headings_in_order(d, p.code, areas)
                    .into_iter()
                    .map(|h| {
                        let figs = d.figures_of(p.code, &h).map(|f| f.text.clone()).collect();
                        let body = d.text(p.code, &h).to_owned();
                        (h, body, figs)
                    })
                    .collect();
                PartView {
                    code: p.code,
                    heading: p.heading,
                    required: p.required,
                    body: d.text(p.code, "").to_owned(),
                    figures: d.figures_of(p.code, "").map(|f| f.text.clone()).collect(),
                    areas: areas
                        .iter()
                        .copied()
                        .filter(|a| !sections.iter().any(|(h, _, _)| h.as_str() == *a))
                        .collect(),
                    sections,
                    table: p.table.map(|t| match t {
                        fazhi_core::procedure::annual_report::GoiTable::Table2 => "表二 主动公开政府信息情况(手工填报)",
                        fazhi_core::procedure::annual_report::GoiTable::Table3 => {
                            "表三 收到和处理政府信息公开申请情况(由案件记录统计)"
                        }
                        fazhi_core::procedure::annual_report::GoiTable::Table4 => {
                            "表四 政府信息公开行政复议、行政诉讼情况(由案件记录统计)"
                        }
                    }),
                }
            })
            .collect();
        // Deadlines, with the advisory warning ahead of time.
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let mut deadlines = Vec::new();
        let mut warning = None;
        if let Ok(s) = engine.schedule(kind.clock(), &case.common.clock_events) {
            for dl in s.deadlines {
                let met = case.common.done.iter().find(|(st, _)| *st == dl.step).map(|(_, on)| *on);
                let days_left = (dl.due - today).num_days();
                if met.is_none() && warning.is_none() {
                    if days_left < 0 {
                        warning = Some(format!("{}期限({})已过,已逾期{}天", dl.step.zh(), dl.due, -days_left));
                    } else if days_left <= WARN_DAYS {
                        warning = Some(format!(
                            "距{}期限({})还有{}天,请抓紧完成审核审议和公开",
                            dl.step.zh(),
                            dl.due,
                            days_left
                        ));
                    }
                }
                deadlines.push(DueView {
                    label: dl.step.zh(),
                    due: dl.due,
                    explanation: dl.explanation.to_string(),
                    met,
                    days_left,
                });
            }
        }
        let published = documents::published_of_case(self.store.pool(), &row.region_code, id).await?;
        let document = match &published {
            Some(p) => decode_document(p)?,
            None => self.draft_document(actor, &row, today).await?,
        };
        let flags = if published.is_none() { self.draft_flags(actor, &row, &document).await? } else { Vec::new() };
        let available = if case.stage == Stage::Drafting {
            self.contributions_of(actor, &row)
                .await?
                .into_iter()
                .filter(|r| !d.contributions.iter().any(|c| c.number == r.number))
                .map(|r| (r.number.clone(), r.unit_name.clone(), kind.stage_zh(&r.stage).unwrap_or("")))
                .collect()
        } else {
            Vec::new()
        };
        Ok(ReportView {
            kind_id: kind.id(),
            kind_zh: kind.zh(),
            year: d.year,
            department: d.department,
            stage: case.stage,
            stage_zh: kind.stage_zh(&row.stage).unwrap_or(""),
            parts,
            deadlines,
            warning,
            missing_parts,
            steps_missing,
            flags,
            overridden: d.overrides.last().map(|o| (o.reason.clone(), o.flags.clone())),
            contributions: d.contributions.clone(),
            available,
            table2: TABLE2_KEYS.iter().map(|(k, l)| (*k, *l, d.table2.get(*k).copied().unwrap_or(0))).collect(),
            figures: d.figures.len(),
            document,
            published,
            can_review: can_review(actor),
            row,
        })
    }

    /// The published reports of both kinds, newest first (the portal's column).
    pub async fn public_reports(&self) -> Result<Vec<PublicReport>, AppError> {
        let pool = self.store.pool();
        let mut out = Vec::new();
        let mut superseded: Vec<i64> = Vec::new();
        let mut docs = Vec::new();
        for kind in REPORT_KINDS {
            let zh = by_id(kind).map(|k| k.zh()).unwrap_or("");
            for d in documents::published(pool, kind, 200, 0).await? {
                // Published documents are public: the case is read only for its link.
                let case = cases::get(pool, &fazhi_store::Scope::everything(), d.case_id).await?;
                if let Some(o) = case.origin_id {
                    superseded.push(o);
                }
                docs.push((d, zh));
            }
        }
        for (d, zh) in docs {
            out.push(PublicReport {
                id: d.id,
                superseded: superseded.contains(&d.case_id),
                title: d.title,
                unit_name: d.unit_name,
                published_on: d.decided_on,
                kind_zh: zh,
            });
        }
        out.sort_by(|a, b| b.published_on.cmp(&a.published_on).then(b.id.cmp(&a.id)));
        Ok(out)
    }

    /// One published report (not withdrawn), as it went out.
    pub async fn public_report(&self, id: i64) -> Result<(PublishedDocument, Document), AppError> {
        for kind in REPORT_KINDS {
            match documents::published_one(self.store.pool(), kind, id).await {
                Ok(p) if p.withdrawn_at.is_none() => {
                    let doc = decode_document(&p)?;
                    return Ok((p, doc));
                }
                Ok(_) | Err(fazhi_store::StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::NotFound)
    }

    /// The published report of a unit (by its code) on a year, for the
    /// operator's export: the latest version published.
    pub async fn published_annual_report(&self, unit_code: &str, year: i32, kind: &str) -> Result<Document, AppError> {
        let kind = report_kind(kind).ok_or_else(|| AppError::Conflict(format!("未知的报告类别“{kind}”")))?;
        let pool = self.store.pool();
        let unit = units::by_code(pool, unit_code.trim())
            .await?
            .ok_or_else(|| AppError::Conflict(format!("没有代码为“{}”的单位", unit_code.trim())))?;
        let within = self.scope_at(&unit.path).await?;
        let rows = cases::of_kind(pool, kind, &within, false).await?;
        let mut best: Option<PublishedDocument> = None;
        for r in rows.iter().filter(|r| r.unit_id == unit.id && year_of(r) == year) {
            if let Some(p) = documents::published_of_case(pool, &r.region_code, r.id).await? {
                if best.as_ref().is_none_or(|b| b.case_id < p.case_id) {
                    best = Some(p);
                }
            }
        }
        let p = best.ok_or_else(|| AppError::Conflict(format!("{}{year}年度的报告尚未公开", unit.name)))?;
        decode_document(&p)
    }
}

/// A unit's texts compiled into `current`: each goes under the same part
/// and sub-heading, after what is there, introduced by the unit's name.
pub(crate) fn compiled_texts(current: &Data, unit: &str, theirs: &Data) -> Vec<PartText> {
    let mut out: Vec<PartText> = Vec::new();
    for t in &theirs.texts {
        let base = out
            .iter()
            .find(|x| x.part == t.part && x.heading == t.heading)
            .map(|x| x.body.clone())
            .unwrap_or_else(|| current.text(&t.part, &t.heading).to_owned());
        let added = format!("{unit}：{}", t.body.trim());
        let body = if base.trim().is_empty() { added } else { format!("{}\n{added}", base.trim_end()) };
        match out.iter_mut().find(|x| x.part == t.part && x.heading == t.heading) {
            Some(x) => x.body = body,
            None => out.push(PartText { part: t.part.clone(), heading: t.heading.clone(), body }),
        }
    }
    out
}

/// The same state read as the GOI flavour (the shapes are the same).
fn retype(case: &Case<RuleOfLawReport>) -> Case<GoiReport> {
    Case {
        stage: case.stage,
        resume_to: case.resume_to,
        outcome: case.outcome,
        common: case.common.clone(),
        data: case.data.clone(),
    }
}

fn decode_document(p: &PublishedDocument) -> Result<Document, AppError> {
    serde_json::from_str(&p.body).map_err(|e| AppError::Internal(format!("published report {}: {e}", p.id)))
}
