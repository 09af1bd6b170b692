//! Cases of the statutory procedures: registering, recording steps, reading
//! a case with its deadlines, and the urgency list of the workbench.
//!
//! The procedure engine (`fazhi_core::procedure::apply`) decides whether a
//! step is allowed and what it does; the legal clock computes the deadlines;
//! this module validates the edges (dates, units in scope), keeps the state
//! and history through `fazhi_store::cases`, and keeps `next_due` current so
//! that overdue cases sort first everywhere.

use crate::auth::{new_secret, Actor};
use crate::error::found;
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::clock::{deadline_status, Approaching, Calendar, Deadline, DeadlineStatus, Engine, RuleSet};
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::disclosure::{self, Disclosure};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::{apply, by_id, AnyCase, ApplicantType, Case, Matter, Procedure};
use fazhi_store::cases::{self, CaseRow, EventRow, NewCase, NewEvent, StepUpdate};
use fazhi_store::{units, AuditActor};
use serde::{Deserialize, Serialize};

/// The applicant's personal data (shown only to staff in scope, never on
/// the portal, never in the audit trail or the logs).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub contact: String,
    /// A natural person (masked on public pages), as opposed to an organisation.
    #[serde(default)]
    pub person: bool,
    /// The court (litigation).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub court: String,
}

/// A disclosure request as typed by staff (letter, walk-in) or on the portal.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosureInput {
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    pub received_on: String,
    /// Column of table 3: 0 自然人 … 5 其他.
    pub applicant_type: String,
    pub name: String,
    pub contact: String,
    pub subject: String,
}

/// A request's or petition's progress as the public may see it (no personal data).
#[derive(Debug, Clone, Serialize)]
pub struct PublicProgress {
    /// The kind's Chinese name (依申请公开, 信访).
    pub kind: String,
    pub number: String,
    pub unit_name: String,
    pub stage: String,
    pub received_on: String,
    pub reply_due: Option<String>,
    pub closed_on: Option<String>,
}

/// A case as shown to staff: the row, its party, its deadlines and history.
#[derive(Debug)]
pub struct CaseView {
    pub row: CaseRow,
    pub case: Box<dyn AnyCase>,
    pub party: Party,
    /// Each deadline with where it stands.
    pub deadlines: Vec<(Deadline, DeadlineState)>,
    pub pending: Vec<String>,
    /// What the law frowns on in the history (late steps, long consultations).
    pub warnings: Vec<String>,
    pub events: Vec<EventRow>,
}

/// Where a deadline of a case stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineState {
    /// Not met yet: 正常, 临期 or 超期.
    Running(DeadlineStatus),
    /// Not met yet, and its status cannot be judged (e.g. the calendar does not
    /// cover the days in between): never shown as 正常.
    Unknown(String),
    /// Met on `on`; `late` when after the due date (a missed deadline, shown
    /// and counted as such, e.g. a correction notice sent after its limit).
    Met { on: NaiveDate, late: bool },
}

pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))
}

/// Where a new case belongs and what it is about, besides its state.
#[derive(Debug, Clone)]
pub(crate) struct Filing {
    pub unit_id: i64,
    pub handler_id: Option<i64>,
    pub receipt_code: Option<String>,
    pub subject: String,
    pub party: Party,
    /// The case this one challenges.
    pub origin_id: Option<i64>,
    /// The unit whose act is challenged (reconsideration).
    pub respondent_id: Option<i64>,
    pub matter: Matter,
}

/// The stored form of a case of kind `P` whose receipt `first` the engine accepted.
pub(crate) fn new_case<P: Procedure>(
    engine: &Engine<'_>,
    case: &Case<P>,
    first: &P::Action,
    f: Filing,
) -> Result<NewCase, AppError> {
    let received = case.common.received_on.ok_or_else(|| AppError::Internal("received case without a date".into()))?;
    Ok(NewCase {
        kind: P::ID.to_owned(),
        number_prefix: P::PREFIX.to_owned(),
        year: chrono::Datelike::year(&received),
        receipt_code: f.receipt_code,
        unit_id: f.unit_id,
        handler_id: f.handler_id,
        stage: code_of(&case.stage),
        subject: f.subject,
        received_on: received.to_string(),
        next_due: App::next_due(engine, case),
        party_name: f.party.name.clone(),
        party_json: to_json(&f.party)?,
        state_json: to_json(case)?,
        origin_id: f.origin_id,
        respondent_id: f.respondent_id,
        matter: f.matter.as_str().to_owned(),
        first_event: NewEvent {
            occurred_on: received.to_string(),
            action: code_of(&P::verb(first)),
            action_json: to_json(first)?,
        },
        facts: fact_rows(case),
    })
}

/// What a case counts for in the indicators, as the store keeps it.
pub(crate) fn fact_rows(case: &dyn AnyCase) -> Vec<fazhi_store::indicators::FactRow> {
    fact_rows_of(case.indicator_facts())
}

/// Facts (of a case or an activity) as the store keeps them.
pub(crate) fn fact_rows_of(
    facts: Vec<fazhi_core::procedure::catalogue::Fact>,
) -> Vec<fazhi_store::indicators::FactRow> {
    facts
        .into_iter()
        .map(|f| fazhi_store::indicators::FactRow {
            counter: f.counter.to_owned(),
            on: f.on.to_string(),
            amount: i64::try_from(f.amount).unwrap_or(i64::MAX),
        })
        .collect()
}

/// The stored form of a step the engine accepted.
pub(crate) fn step_update(
    engine: &Engine<'_>,
    case: &dyn AnyCase,
    verb: String,
    action_json: String,
    date: NaiveDate,
) -> Result<StepUpdate, AppError> {
    Ok(StepUpdate {
        stage: case.stage_code(),
        closed_on: case.common().closed_on.map(|d| d.to_string()),
        next_due: App::next_due(engine, case),
        hearing_on: case.hearing_on().map(|d| d.to_string()),
        state_json: case.to_json().map_err(|e| AppError::Internal(e.to_string()))?,
        event: NewEvent { occurred_on: date.to_string(), action: verb, action_json },
        facts: fact_rows(case),
    })
}

/// The Chinese name of a stored stage code of `kind`, for display (an
/// unknown code is shown as it is rather than hidden).
pub fn stage_zh(kind: &str, code: &str) -> String {
    by_id(kind).and_then(|k| k.stage_zh(code)).map(str::to_owned).unwrap_or_else(|| code.to_owned())
}

/// A stored case's state, decoded by its kind.
pub(crate) fn decode(row: &CaseRow) -> Result<Box<dyn AnyCase>, AppError> {
    let kind =
        by_id(&row.kind).ok_or_else(|| AppError::Internal(format!("case {}: unknown kind {}", row.id, row.kind)))?;
    kind.decode(&row.state_json).map_err(|e| AppError::Internal(format!("case {}: {e}", row.id)))
}

/// A stored case's state as kind `P`.
pub(crate) fn decode_as<P: Procedure>(row: &CaseRow) -> Result<Case<P>, AppError> {
    if row.kind != P::ID {
        return Err(AppError::Internal(format!("case {} is {}, not {}", row.id, row.kind, P::ID)));
    }
    serde_json::from_str(&row.state_json).map_err(|e| AppError::Internal(format!("case {} state: {e}", row.id)))
}

/// A unit id as a form sends it: a number, or empty / anything else for none
/// (the use case then says which unit is missing).
pub fn typed_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let raw: Option<String> = Option::deserialize(d)?;
    Ok(raw.and_then(|s| s.trim().parse().ok()))
}

/// Parses a `YYYY-MM-DD` date typed into `field`.
pub fn parse_date(field: &'static str, label: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("{label}应为YYYY-MM-DD格式的日期,您输入的是“{raw}”")))?;
    if !fazhi_core::input::plausible_date(d) {
        return Err(FieldError::new(field, format!("{label}应在2000-01-01至2100-12-31之间,您输入的是“{raw}”")));
    }
    Ok(d)
}

/// A receipt code the public can follow a request with: 12 characters
/// without look-alikes.
pub(crate) fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    new_secret()
        .as_bytes()
        .chunks(2)
        .take(12)
        .map(|c| ALPHABET[(usize::from(c[0]) * 7 + usize::from(c[1])) % ALPHABET.len()] as char)
        .collect()
}

impl App {
    async fn clock_parts(&self) -> Result<(std::sync::Arc<Calendar>, &RuleSet), AppError> {
        Ok((self.calendar().await?, self.rules()))
    }

    /// The earliest due date among the deadlines the handling unit must meet
    /// in every case and has not met yet: the reply, the acceptance decision,
    /// the reconsideration decision, the defence. A correction notice is due
    /// only if a correction is needed, and the respondent's answer is the
    /// respondent's duty: both are shown on the case, not counted here.
    /// `None` for a closed case.
    pub(crate) fn next_due(engine: &Engine<'_>, case: &dyn AnyCase) -> Option<String> {
        let common = case.common();
        if common.closed_on.is_some() {
            return None;
        }
        let kind = case.kind();
        let schedule = engine.schedule(kind.clock(), &common.clock_events).ok()?;
        schedule
            .deadlines
            .iter()
            .filter(|d| kind.mandatory(d.step) && common.step_done(d.step).is_none())
            .map(|d| d.due)
            .min()
            .map(|d| d.to_string())
    }

    /// Registers a disclosure request received by letter or in person.
    pub async fn register_disclosure(&self, actor: &Actor, input: &DisclosureInput) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let id = input.unit_id.unwrap_or(actor.unit_id);
        let unit = found(units::get(self.store.pool(), &actor.scope, id).await)?;
        self.create_disclosure(actor.audit_actor(), Some(actor.user_id).filter(|i| *i > 0), unit, input).await
    }

    /// A request filed online on the public portal: received today (the date
    /// the system confirms receipt, 政府信息公开条例 Art. 31), addressed to any
    /// active unit. Returns the case; its receipt code is the applicant's only
    /// handle on it.
    pub async fn submit_disclosure_online(&self, input: &DisclosureInput) -> Result<CaseRow, AppError> {
        let unit = match input.unit_id {
            Some(id) => self.public_unit(id).await?,
            None => None,
        };
        let input = DisclosureInput { received_on: self.now.today().to_string(), ..input.clone() };
        self.create_disclosure(AuditActor::system("portal"), None, unit, &input).await
    }

    async fn create_disclosure(
        &self,
        audit: AuditActor,
        handler_id: Option<i64>,
        unit: Option<fazhi_store::units::Unit>,
        input: &DisclosureInput,
    ) -> Result<CaseRow, AppError> {
        let mut errors = Vec::new();
        let received = parse_date("received_on", "收到申请日期", &input.received_on).map_err(|e| errors.push(e)).ok();
        let applicant =
            input.applicant_type.trim().parse::<usize>().ok().and_then(|i| ApplicantType::ALL.get(i).copied());
        if applicant.is_none() {
            errors.push(FieldError::new("applicant_type", "请选择申请人类型"));
        }
        let subject = input.subject.trim().to_owned();
        if !(2..=500).contains(&subject.chars().count()) {
            errors.push(FieldError::new("subject", "请填写申请公开的信息内容(2至500字)"));
        }
        let name = input.name.trim().to_owned();
        match name.chars().count() {
            0 => errors.push(FieldError::new("name", "请填写申请人姓名或名称")),
            n if n > 100 => {
                errors.push(FieldError::new("name", format!("申请人姓名或名称过长:最多100个字,您输入了{n}个字")))
            }
            _ => {}
        }
        if unit.is_none() {
            errors.push(FieldError::new("unit_id", "请选择受理申请的机关"));
        }
        let (Some(received), Some(applicant), Some(unit), true) = (received, applicant, unit, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let (cal, rules) = self.clock_parts().await?;
        let engine = Engine::new(&cal, rules);
        let action = disclosure::Action::ReceiveRequest { applicant };
        let applied = apply::<Disclosure>(&engine, &Case::new(), &action, received, self.now.today())
            .map_err(|e| AppError::invalid(FieldError::new("received_on", e.to_string())))?;
        let party = Party {
            name,
            contact: input.contact.trim().to_owned(),
            person: applicant == ApplicantType::NaturalPerson,
            court: String::new(),
        };
        let filing = Filing {
            unit_id: unit.id,
            handler_id,
            receipt_code: Some(receipt_code()),
            subject,
            party,
            origin_id: None,
            respondent_id: None,
            matter: Matter::Goi,
        };
        let new = new_case(&engine, &applied.case, &action, filing)?;
        let mut tx = self.store.begin_write(audit, self.now.now()).await?;
        let row = cases::insert(&mut tx, &new).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// What the public sees of a case filed on the portal, of any kind, by its
    /// receipt code: no personal data.
    pub async fn track_request(&self, code: &str) -> Result<Option<PublicProgress>, AppError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 12 {
            return Ok(None);
        }
        let Some(row) = cases::by_receipt(self.store.pool(), &code).await? else { return Ok(None) };
        Ok(Some(PublicProgress {
            kind: by_id(&row.kind).map(|k| k.zh()).unwrap_or_default().to_owned(),
            number: row.number,
            unit_name: row.unit_name,
            stage: stage_zh(&row.kind, &row.stage),
            received_on: row.received_on,
            reply_due: row.next_due,
            closed_on: row.closed_on,
        }))
    }

    /// Records one step on a case the actor may change: `verb` and the
    /// form's values (`get`), read through the kind's form. `version` is the
    /// version the actor saw; a concurrent step gives [`AppError::Stale`].
    pub async fn record_case_step(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        verb: &str,
        get: &(dyn Fn(&str) -> Option<String> + Sync),
        date: &str,
    ) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        if row.version != version {
            // The actor decided on a state that is no longer the case's.
            return Err(AppError::Stale);
        }
        let case = decode(&row)?;
        let mut errors = Vec::new();
        let date = parse_date("date", "日期", date).map_err(|e| errors.push(e)).ok();
        let action = case.read_form(verb, get).map_err(|e| errors.extend(e)).ok();
        let (Some(date), Some(action)) = (date, action) else {
            return Err(AppError::Invalid(errors));
        };
        let (cal, rules) = self.clock_parts().await?;
        let engine = Engine::new(&cal, rules);
        let stepped = case
            .apply_json(&engine, &action, date, self.now.today())
            .map_err(|e| AppError::invalid(FieldError::new("action", e.to_string())))?;
        let step = step_update(&engine, stepped.case.as_ref(), stepped.verb, stepped.action_json, date)?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let row = cases::record_step(&mut tx, &row.region_code, id, version, &step).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// A case with its deadlines (each explained) and history.
    pub async fn case_view(&self, actor: &Actor, id: i64) -> Result<CaseView, AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        let case = decode(&row)?;
        let common = case.common();
        let party: Party =
            serde_json::from_str(&row.party_json).map_err(|e| AppError::Internal(format!("case party: {e}")))?;
        let (cal, rules) = self.clock_parts().await?;
        let engine = Engine::new(&cal, rules);
        let today = self.now.today();
        let mut deadlines = Vec::new();
        let mut pending = Vec::new();
        let clock = case.kind().clock();
        match engine.schedule(clock, &common.clock_events) {
            // A kind whose clock starts at a later step (建议提案: 交办) has none yet.
            Err(_) if common.clock_events.is_empty() => {
                pending.push(format!("期限尚未起算:自{}之日起计算", clock.def().received_zh));
            }
            Ok(s) => {
                let kind = case.kind();
                for d in s.deadlines {
                    // Concluding a case meets its own deadlines, not a party's
                    // that runs on after it (an appeal, 司法确认): those are met
                    // only when recorded.
                    let recorded = common.done.iter().find(|(s, _)| *s == d.step).map(|(_, on)| *on);
                    let after_close = common.closed_on.is_some_and(|c| d.due > c) && !kind.mandatory(d.step);
                    let done = if after_close { recorded } else { common.step_done(d.step) };
                    let status = match done {
                        Some(on) => DeadlineState::Met { on, late: on > d.due },
                        None => match deadline_status(&cal, d.due, today, Approaching::default()) {
                            Ok(s) => DeadlineState::Running(s),
                            Err(e) => DeadlineState::Unknown(e.to_string()),
                        },
                    };
                    deadlines.push((d, status));
                }
                pending = s.pending.into_iter().map(|p| format!("{}:{}", p.step.zh(), p.reason)).collect();
            }
            // Never silent: the case page says the deadlines cannot be computed and why.
            Err(e) => pending.push(format!("期限无法计算:{e}")),
        }
        let warnings = fazhi_core::procedure::warnings::warnings(&engine, case.as_ref(), today);
        let events = cases::events(self.store.pool(), &row).await?;
        Ok(CaseView { row, case, party, deadlines, pending, warnings, events })
    }

    /// Open cases in the actor's scope, most urgent first, with the status
    /// of their main deadline.
    pub async fn urgent_cases(
        &self,
        actor: &Actor,
        kind: Option<&str>,
        limit: i64,
    ) -> Result<Vec<(CaseRow, Option<DeadlineStatus>)>, AppError> {
        let rows = cases::open_by_urgency(self.store.pool(), &actor.scope, kind, limit).await?;
        let cal = self.calendar().await?;
        let today = self.now.today();
        Ok(rows
            .into_iter()
            .map(|r| {
                let status = r
                    .next_due
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .and_then(|due| deadline_status(&cal, due, today, Approaching::default()).ok());
                (r, status)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_codes_are_readable_and_distinct() {
        let a = receipt_code();
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert!(!a.contains('0') && !a.contains('O') && !a.contains('1') && !a.contains('I'));
        assert_ne!(a, receipt_code());
    }

    #[test]
    fn dates_are_parsed_with_the_input_in_the_message() {
        assert!(parse_date("d", "日期", "2025-02-30").is_err_and(|e| e.message.contains("2025-02-30")));
        assert_eq!(parse_date("d", "日期", " 2025-02-28 ").ok(), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert!(parse_date("d", "收到申请日期", "1900-01-01").is_err_and(|e| e.message.contains("1900-01-01")));
    }
}

/// Table 3 of a unit's year, with its balance check and where it came from.
#[derive(Debug, Clone)]
pub struct Table3Report {
    pub unit_name: String,
    pub year: i32,
    pub table: fazhi_core::procedure::Table3,
    /// `Err` names the column that does not balance.
    pub balance: Result<(), fazhi_core::procedure::BalanceError>,
    /// Number of case records behind the table.
    pub records: usize,
}

impl App {
    /// Table 3 of the 政府信息公开工作年度报告 for a unit in scope (its own
    /// requests, or with `subtree` those of its subordinate units too),
    /// computed from the case records.
    pub async fn goi_table3(
        &self,
        actor: &Actor,
        unit_id: i64,
        year: i32,
        subtree: bool,
    ) -> Result<Table3Report, AppError> {
        use fazhi_core::procedure::{DisclosureSummary, Table3};
        if !(2000..=2100).contains(&year) {
            return Err(AppError::invalid(FieldError::new("year", format!("年度应在2000至2100之间,您输入的是{year}"))));
        }
        let unit = units::get(self.store.pool(), &actor.scope, unit_id).await?;
        let rows = cases::open_during(
            self.store.pool(),
            Disclosure::ID,
            &self.scope_at(&unit.path).await?,
            subtree,
            &format!("{year}-01-01"),
            &format!("{year}-12-31"),
        )
        .await?;
        let mut summaries = Vec::with_capacity(rows.len());
        for r in &rows {
            let case = decode_as::<Disclosure>(r)?;
            if let Some(s) = DisclosureSummary::of(&r.number, &case) {
                summaries.push(s);
            }
        }
        let table = Table3::compute(year, &summaries).map_err(|e| AppError::Internal(format!("table 3: {e:?}")))?;
        let balance = table.check_balance();
        Ok(Table3Report { unit_name: unit.name, year, table, balance, records: summaries.len() })
    }
}
