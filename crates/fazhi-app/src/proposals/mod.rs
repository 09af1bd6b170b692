//! 人大代表建议 and 政协提案: registering a proposal one by one or the whole
//! list a congress or CPPCC office hands over (an .xlsx import, all or
//! nothing), optionally assigned (交办) on a date given with it, and the
//! reply published on the portal with the deputy's name masked.
//!
//! The lead unit (主办) is the case's unit, so its staff see and answer it;
//! the co-units (会办) are kept by name. Steps after registration go through
//! `App::record_case_step` like every other case.

pub mod sheet;

use std::collections::HashMap;

use crate::auth::Actor;
use crate::cases::{decode_as, new_case, parse_date, step_update, typed_id, Filing, Party};
use crate::reviews::DecisionDraft;
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::clock::Engine;
use fazhi_core::input::forbidden_char;
use fazhi_core::masking::mask_for_publication;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::proposal::{self, Proposal, Source};
use fazhi_core::procedure::{apply, Case, Matter, Procedure};
use fazhi_core::time::date_zh;
use fazhi_store::cases::{self, CaseRow, NewCase, StepUpdate};
use fazhi_store::documents;
use fazhi_store::units::{self, Unit};
use serde::{Deserialize, Serialize};
use sheet::{Column, SheetRow};

/// The most errors one refusal lists.
const MAX_ERRORS: usize = 30;
/// The most co-units of one proposal.
const MAX_CO_UNITS: usize = 10;

/// One proposal as typed on the registration page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    /// `deputy` or `member`.
    pub source: String,
    pub session: String,
    pub number: String,
    pub title: String,
    /// The deputy or member (several joined by 、).
    pub proposer: String,
    /// The lead unit (主办单位).
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    /// The co-units by name, separated by 、 or commas.
    pub co_units: String,
    pub received_on: String,
    /// Optional: assigned (交办) on this date as well.
    pub assigned_on: String,
}

/// What the import form gives besides the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportInput {
    pub source: String,
    pub session: String,
    pub received_on: String,
    pub assigned_on: String,
}

/// An import that was taken.
#[derive(Debug, Clone)]
pub struct Imported {
    pub count: usize,
    /// Also assigned on the date given.
    pub assigned: bool,
    /// The first and last case numbers given.
    pub first: String,
    pub last: String,
}

/// The fields shared by every proposal of one registration.
struct Batch {
    source: Source,
    session: String,
    received: NaiveDate,
    assigned: Option<NaiveDate>,
}

/// One proposal, checked.
struct Entry {
    number: u32,
    title: String,
    proposer: String,
    unit: Unit,
    co_units: Vec<String>,
}

/// The lead unit as the form or the sheet gives it.
enum Lead<'a> {
    Id(Option<i64>),
    Name(&'a str),
}

fn form_field(c: Column) -> &'static str {
    match c {
        Column::Number => "number",
        Column::Title => "title",
        Column::Proposer => "proposer",
        Column::Lead => "unit_id",
        Column::CoUnits => "co_units",
    }
}

/// `12`, `第12号`, `12号`.
fn proposal_number(raw: &str) -> Option<u32> {
    let t = raw.trim().trim_start_matches('第').trim_end_matches('号').trim();
    t.parse::<u32>().ok().filter(|n| *n > 0 && *n < 1_000_000)
}

/// Names typed in one field: separated by 、, commas, semicolons, spaces or lines.
fn names(raw: &str) -> Vec<String> {
    raw.split(['、', ',', '，', ';', '；', '\n', '\r', ' ', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn quote(raw: &str) -> String {
    fazhi_core::input::quote_for_message(raw.trim(), 40)
}

impl Batch {
    fn check(
        source: &str,
        session: &str,
        received_on: &str,
        assigned_on: &str,
        today: NaiveDate,
    ) -> Result<Batch, Vec<FieldError>> {
        let mut errors = Vec::new();
        let source = Source::parse(source);
        if source.is_none() {
            errors.push(FieldError::new("source", "请选择类别:人大代表建议或政协委员提案"));
        }
        let session = session.trim().to_owned();
        if !(2..=100).contains(&session.chars().count()) || forbidden_char(&session).is_some() {
            errors.push(FieldError::new(
                "session",
                format!("请填写届次(如“区十八届人大三次会议”,2至100字),您填写的是“{}”", quote(&session)),
            ));
        }
        let received = parse_date("received_on", "收到日期", received_on).map_err(|e| errors.push(e)).ok();
        let assigned = if assigned_on.trim().is_empty() {
            None
        } else {
            parse_date("assigned_on", "交办日期", assigned_on).map_err(|e| errors.push(e)).ok()
        };
        if let Some(r) = received.filter(|r| *r > today) {
            errors.push(FieldError::new("received_on", format!("收到日期{r}晚于今天({today}),不能录入将来的日期")));
        }
        if let Some(a) = assigned {
            if a > today {
                errors.push(FieldError::new("assigned_on", format!("交办日期{a}晚于今天({today}),不能录入将来的日期")));
            }
            if let Some(r) = received.filter(|r| a < *r) {
                errors.push(FieldError::new("assigned_on", format!("交办日期{a}早于收到日期{r},请核对")));
            }
        }
        match (source, received, errors.is_empty()) {
            (Some(source), Some(received), true) => Ok(Batch { source, session, received, assigned }),
            _ => Err(errors),
        }
    }

    /// A proposal of this batch already registered: its case number.
    fn key(&self, number: u32) -> (Source, String, u32) {
        (self.source, self.session.clone(), number)
    }
}

/// Checks one proposal; the problems come back by column.
fn check_entry(
    units: &[Unit],
    number: &str,
    title: &str,
    proposer: &str,
    lead: Lead<'_>,
    co_units: &str,
) -> Result<Entry, Vec<(Column, String)>> {
    let mut errors = Vec::new();
    let n = proposal_number(number);
    if n.is_none() {
        errors.push((Column::Number, format!("编号应为正整数(如12或“第12号”),您填写的是“{}”", quote(number))));
    }
    for (c, v) in [(Column::Title, title), (Column::Proposer, proposer), (Column::CoUnits, co_units)] {
        if let Some(ch) = forbidden_char(v) {
            errors.push((c, format!("含有不允许的控制字符(U+{:04X}),请删除后重新导入", u32::from(ch))));
        }
    }
    let title = title.trim().to_owned();
    match title.chars().count() {
        0 | 1 => errors.push((Column::Title, "请填写标题(2至200字)".to_owned())),
        c if c > 200 => errors.push((Column::Title, format!("标题过长:最多200字,您填写了{c}字"))),
        _ => {}
    }
    let proposer = proposer.trim().to_owned();
    match proposer.chars().count() {
        0 => errors.push((Column::Proposer, "请填写提出建议的代表或提出提案的委员".to_owned())),
        c if c > 100 => errors.push((Column::Proposer, format!("提出人过长:最多100字,您填写了{c}字"))),
        _ => {}
    }
    let find = |name: &str| {
        let want: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        units.iter().find(|u| u.active && u.name == want).cloned()
    };
    let unit = match lead {
        Lead::Id(Some(id)) => units.iter().find(|u| u.id == id && u.active).cloned(),
        Lead::Id(None) => None,
        Lead::Name(name) => find(name),
    };
    if unit.is_none() {
        let msg = match lead {
            Lead::Name(n) if !n.trim().is_empty() => {
                format!("找不到单位“{}”:请填写本级政府所属单位的全称(与“单位”页面一致)", quote(n))
            }
            _ => "请填写主办单位".to_owned(),
        };
        errors.push((Column::Lead, msg));
    }
    let mut co = Vec::new();
    let typed = names(co_units);
    if typed.len() > MAX_CO_UNITS {
        errors.push((Column::CoUnits, format!("会办单位最多{MAX_CO_UNITS}个,您填写了{}个", typed.len())));
    }
    for name in typed.iter().take(MAX_CO_UNITS) {
        match find(name) {
            Some(u) if unit.as_ref().is_some_and(|l| l.id == u.id) => {
                errors.push((Column::CoUnits, format!("“{}”已是主办单位,不能同时作为会办单位", u.name)))
            }
            Some(u) if co.contains(&u.name) => {}
            Some(u) => co.push(u.name),
            None => {
                errors.push((Column::CoUnits, format!("找不到单位“{}”:请填写单位全称,多个单位以顿号分隔", quote(name))))
            }
        }
    }
    match (n, unit, errors.is_empty()) {
        (Some(number), Some(unit), true) => Ok(Entry { number, title, proposer, unit, co_units: co }),
        _ => Err(errors),
    }
}

/// The stored case of one proposal: registered, and assigned if the batch says so.
fn filing(
    engine: &Engine<'_>,
    batch: &Batch,
    entry: Entry,
    today: NaiveDate,
) -> Result<(NewCase, Option<StepUpdate>), String> {
    let register = proposal::Action::Register {
        source: batch.source,
        session: batch.session.clone(),
        number: entry.number,
        co_units: entry.co_units,
    };
    let registered =
        apply::<Proposal>(engine, &Case::new(), &register, batch.received, today).map_err(|e| e.to_string())?.case;
    let filing = Filing {
        unit_id: entry.unit.id,
        handler_id: None,
        receipt_code: None,
        subject: entry.title,
        party: Party { name: entry.proposer, contact: String::new(), person: true, court: String::new() },
        origin_id: None,
        respondent_id: None,
        matter: Matter::Other,
    };
    let new = new_case(engine, &registered, &register, filing).map_err(|e| e.to_string())?;
    let Some(on) = batch.assigned else {
        return Ok((new, None));
    };
    let assign = proposal::Action::Assign;
    let assigned = apply::<Proposal>(engine, &registered, &assign, on, today).map_err(|e| e.to_string())?.case;
    let json = serde_json::to_string(&assign).map_err(|e| e.to_string())?;
    let step =
        step_update(engine, &assigned, code_of(&Proposal::verb(&assign)), json, on).map_err(|e| e.to_string())?;
    Ok((new, Some(step)))
}

impl App {
    /// The active units a registration may name: the actor's scope.
    async fn proposal_units(&self, actor: &Actor) -> Result<Vec<Unit>, AppError> {
        Ok(units::list(self.store.pool(), &actor.scope).await?.into_iter().filter(|u| u.active).collect())
    }

    /// The proposals already registered in the actor's scope: (source,
    /// session, number) → case number.
    async fn registered_proposals(&self, actor: &Actor) -> Result<HashMap<(Source, String, u32), String>, AppError> {
        let mut out = HashMap::new();
        for row in cases::of_kind(self.store.pool(), Proposal::ID, &actor.scope, true).await? {
            let case = decode_as::<Proposal>(&row)?;
            if let Some(source) = case.data.source {
                out.insert((source, case.data.session.clone(), case.data.number), row.number);
            }
        }
        Ok(out)
    }

    /// Registers one proposal (and assigns it when a date is given).
    pub async fn register_proposal(&self, actor: &Actor, input: &ProposalInput) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let today = self.now.today();
        let batch = Batch::check(&input.source, &input.session, &input.received_on, &input.assigned_on, today);
        let units = self.proposal_units(actor).await?;
        let entry =
            check_entry(&units, &input.number, &input.title, &input.proposer, Lead::Id(input.unit_id), &input.co_units);
        let mut errors: Vec<FieldError> = batch.as_ref().err().cloned().unwrap_or_default();
        if let Err(e) = &entry {
            errors.extend(e.iter().map(|(c, m)| FieldError::new(form_field(*c), m.clone())));
        }
        let (Ok(batch), Ok(entry), true) = (batch, entry, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        if let Some(number) = self.registered_proposals(actor).await?.get(&batch.key(entry.number)) {
            return Err(AppError::invalid(FieldError::new(
                "number",
                format!("{}第{}号{}已登记({number}),不能重复登记", batch.session, entry.number, batch.source.noun()),
            )));
        }
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let (new, assign) =
            filing(&engine, &batch, entry, today).map_err(|e| AppError::invalid(FieldError::new("assigned_on", e)))?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let mut row = cases::insert(&mut tx, &new).await?;
        if let Some(step) = assign {
            row = cases::record_step(&mut tx, &row.region_code, row.id, row.version, &step).await?;
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Imports the list of a session from an .xlsx file: every row is checked
    /// first, and either all are registered (and assigned, when a date is
    /// given) in one transaction, or none: the refusal names each bad row and
    /// column.
    pub async fn import_proposals(
        &self,
        actor: &Actor,
        input: &ImportInput,
        bytes: &[u8],
    ) -> Result<Imported, AppError> {
        actor.require(Permission::WriteRecords)?;
        let today = self.now.today();
        let batch = Batch::check(&input.source, &input.session, &input.received_on, &input.assigned_on, today);
        let rows = sheet::read(bytes);
        let mut errors: Vec<FieldError> = batch.as_ref().err().cloned().unwrap_or_default();
        if let Err(e) = &rows {
            errors.extend(e.iter().map(|m| FieldError::new("file", m.clone())));
        }
        let (Ok(batch), Ok(rows), true) = (batch, rows, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let units = self.proposal_units(actor).await?;
        let registered = self.registered_proposals(actor).await?;
        let mut entries = Vec::with_capacity(rows.len());
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut row_errors: Vec<String> = Vec::new();
        for row in &rows {
            let at = |c: Column, m: &str| format!("第{}行「{}」:{m}", row.line, c.zh());
            match check(&units, row) {
                Ok(entry) => {
                    if let Some(first) = seen.insert(entry.number, row.line) {
                        row_errors.push(at(Column::Number, &format!("编号{}与第{first}行重复", entry.number)));
                    } else if let Some(number) = registered.get(&batch.key(entry.number)) {
                        row_errors.push(at(
                            Column::Number,
                            &format!("{}第{}号{}已登记({number})", batch.session, entry.number, batch.source.noun()),
                        ));
                    } else {
                        entries.push(entry);
                    }
                }
                Err(e) => row_errors.extend(e.iter().map(|(c, m)| at(*c, m))),
            }
        }
        if !row_errors.is_empty() {
            let more = row_errors.len().saturating_sub(MAX_ERRORS);
            let mut errors: Vec<FieldError> =
                row_errors.into_iter().take(MAX_ERRORS).map(|m| FieldError::new("file", m)).collect();
            if more > 0 {
                errors.push(FieldError::new("file", format!("另有{more}处错误未列出,请修改以上各处后重新导入")));
            }
            return Err(AppError::Invalid(errors));
        }
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let mut planned = Vec::with_capacity(entries.len());
        for entry in entries {
            let number = entry.number;
            let f = filing(&engine, &batch, entry, today)
                .map_err(|e| AppError::invalid(FieldError::new("file", format!("编号{number}:{e}"))))?;
            planned.push(f);
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let mut numbers = Vec::with_capacity(planned.len());
        for (new, assign) in &planned {
            let row = cases::insert(&mut tx, new).await?;
            if let Some(step) = assign {
                cases::record_step(&mut tx, &row.region_code, row.id, row.version, step).await?;
            }
            numbers.push(row.number);
        }
        tx.commit().await?;
        Ok(Imported {
            count: numbers.len(),
            assigned: batch.assigned.is_some(),
            first: numbers.first().cloned().unwrap_or_default(),
            last: numbers.last().cloned().unwrap_or_default(),
        })
    }

    /// The reply of a proposal for the portal: the stored publication if
    /// there is one, else a draft from the record; the deputy's or member's
    /// name (and those staff add in `names`) masked to the surname.
    pub(crate) async fn reply_draft_of(
        &self,
        row: &CaseRow,
        body: Option<&str>,
        staff_names: &str,
    ) -> Result<DecisionDraft, AppError> {
        let case = decode_as::<Proposal>(row)?;
        let Some(reply) = case.data.final_reply().filter(|r| r.public) else {
            return Err(AppError::Conflict("该建议、提案尚未答复,或答复未确定为公开,不能公开答复全文".to_owned()));
        };
        let party: Party =
            serde_json::from_str(&row.party_json).map_err(|e| AppError::Internal(format!("case party: {e}")))?;
        let doc = reply_document(&case, &row.subject, &row.unit_name, &party.name, body, staff_names);
        let published = documents::published_of_case(self.store.pool(), &row.region_code, row.id).await?;
        let (title, masked_text, candidates) = match &published {
            Some(p) => (p.title.clone(), p.body.clone(), Vec::new()),
            None => (doc.title, doc.masked, doc.candidates),
        };
        Ok(DecisionDraft {
            kind: Proposal::ID,
            number: row.number.clone(),
            title,
            body: doc.body,
            masked: masked_text,
            candidates,
            decided_on: reply.on.to_string(),
            published,
        })
    }
}

/// A reply as the portal shows it.
pub(crate) struct ReplyDocument {
    pub title: String,
    /// As staff wrote it (or the draft from the record).
    pub body: String,
    /// The facts of the reply above the text, the names masked.
    pub masked: String,
    pub candidates: Vec<String>,
}

/// The reply document of a replied proposal: `body` as staff wrote it, or a
/// draft from the record; the proposer's name and `staff_names` masked.
pub(crate) fn reply_document(
    case: &Case<Proposal>,
    subject: &str,
    unit_name: &str,
    proposer: &str,
    body: Option<&str>,
    staff_names: &str,
) -> ReplyDocument {
    let d = &case.data;
    let source = d.source.unwrap_or(Source::Deputy);
    let reference = d.reference();
    let (class, on) = d.final_reply().map(|r| (r.class.zh(), date_zh(r.on))).unwrap_or_default();
    let body = match body {
        Some(b) => b.trim().to_owned(),
        None => format!(
            "{proposer}{role}:\n\n您在{session}上提出的《{subject}》({reference})收悉。经研究,现答复如下:\n\n\
             [请在此写明办理情况和结果。]\n\n感谢您对我们工作的关心和支持。\n\n{unit_name}\n{on}",
            role = source.proposer(),
            session = d.session,
        ),
    };
    let mut persons = names(proposer);
    persons.extend(names(staff_names));
    let refs: Vec<&str> = persons.iter().map(String::as_str).collect();
    let masked = mask_for_publication(&body, &refs);
    let title = mask_for_publication(subject, &refs).text;
    // The facts of the reply stand above the text and are not edited.
    let header = format!(
        "{}:《{title}》({reference})\n答复类别:{class}\n答复单位:{unit_name}\n答复日期:{on}\n\n",
        source.noun()
    );
    ReplyDocument {
        title: format!("关于{reference}的答复"),
        body,
        masked: format!("{header}{}", masked.text),
        candidates: masked.candidates,
    }
}

/// Checks one row of the sheet.
fn check(units: &[Unit], row: &SheetRow) -> Result<Entry, Vec<(Column, String)>> {
    check_entry(units, &row.number, &row.title, &row.proposer, Lead::Name(&row.lead), &row.co_units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_as_typed() {
        assert_eq!(proposal_number("第12号"), Some(12));
        assert_eq!(proposal_number(" 7 "), Some(7));
        assert_eq!(proposal_number("十二"), None);
        assert_eq!(proposal_number("0"), None);
        assert_eq!(names("区财政局、 区城市管理局,区水务局"), vec!["区财政局", "区城市管理局", "区水务局"]);
    }
}
