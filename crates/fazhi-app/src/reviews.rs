//! 行政复议 and 行政应诉 cases: registering an application or a served
//! complaint (directly, or linked to the case it challenges), the decision
//! document and its publication on the portal with personal data masked,
//! and the 庭前提醒 list of coming hearings.
//!
//! Steps after registration go through `App::record_case_step` like every
//! other case; the procedure engine decides what each step may do.

use crate::auth::Actor;
use crate::cases::{new_case, parse_date, typed_id, Filing, Party};
use crate::{App, AppError};
use chrono::{Duration, NaiveDate};
use fazhi_core::clock::{Engine, RuleSet};
use fazhi_core::masking::mask_for_publication;
use fazhi_core::org::{FieldError, Permission, UnitPath};
use fazhi_core::procedure::{apply, Action, CaseKind, CaseState, Matter, ReconsiderationOutcome};
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::documents::{self, PublishedDocument};
use fazhi_store::units;
use serde::{Deserialize, Serialize};

/// A reconsideration application as typed by the staff of the 复议机构.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReconsiderationInput {
    /// The handling unit (复议机关/复议机构); the actor's unit if empty.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    /// The 被申请人.
    #[serde(deserialize_with = "typed_id")]
    pub respondent_id: Option<i64>,
    pub received_on: String,
    /// When the applicant knew or should have known of the act (Art. 20).
    pub known_on: String,
    /// Needed when the application is past the 60-day limit.
    pub late_reason: String,
    /// `person` or `organisation`.
    pub applicant_kind: String,
    pub name: String,
    pub contact: String,
    /// The challenged act and the request.
    pub subject: String,
    /// A [`Matter`] code.
    pub matter: String,
    /// The number of the case this one challenges (e.g. a disclosure reply).
    pub origin: String,
}

/// A litigation case (the complaint copy served on the defendant agency).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LitigationInput {
    /// The defendant agency (the handling unit); the actor's unit if empty.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    pub received_on: String,
    pub court: String,
    /// `person` or `organisation`.
    pub plaintiff_kind: String,
    pub name: String,
    pub contact: String,
    pub subject: String,
    pub matter: String,
    /// The number of the case this one challenges: a reconsideration
    /// decision (复议后起诉) or a disclosure reply (direct suit).
    pub origin: String,
}

/// A decision document ready to publish: the text as staff wrote it and
/// the text the public will see.
#[derive(Debug, Clone)]
pub struct DecisionDraft {
    /// The case number.
    pub number: String,
    pub title: String,
    pub body: String,
    pub masked: String,
    /// What still looks like a person's name in the masked text: staff
    /// confirm these before publication.
    pub candidates: Vec<String>,
    pub decided_on: String,
    pub published: Option<PublishedDocument>,
}

/// A hearing in the coming days.
#[derive(Debug, Clone)]
pub struct ComingHearing {
    pub row: CaseRow,
    pub hearing_on: NaiveDate,
    /// Calendar days from today.
    pub in_days: i64,
}

fn person_flag(field: &'static str, raw: &str, errors: &mut Vec<FieldError>) -> bool {
    match raw.trim() {
        "person" => true,
        "organisation" => false,
        _ => {
            errors.push(FieldError::new(field, "请选择自然人或者法人、其他组织"));
            false
        }
    }
}

fn text(field: &'static str, label: &str, raw: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = raw.trim().to_owned();
    if !(1..=max).contains(&v.chars().count()) {
        errors.push(FieldError::new(field, format!("请填写{label}(不超过{max}字)")));
    }
    v
}

impl App {
    /// The case a new one challenges, by its number (any unit of the
    /// government: the 复议机构 may not have the respondent in its scope).
    async fn origin_case(&self, raw: &str, errors: &mut Vec<FieldError>) -> Result<Option<CaseRow>, AppError> {
        let number = raw.trim();
        if number.is_empty() {
            return Ok(None);
        }
        let found = cases::by_number(self.store.pool(), &UnitPath::everything(), number).await?;
        if found.is_none() {
            errors.push(FieldError::new("origin", format!("找不到编号为“{number}”的案件,请核对")));
        }
        Ok(found)
    }

    async fn unit_in_scope(
        &self,
        actor: &Actor,
        id: Option<i64>,
        field: &'static str,
        label: &str,
        errors: &mut Vec<FieldError>,
    ) -> Option<fazhi_store::units::Unit> {
        match units::get(self.store.pool(), &actor.scope, id.unwrap_or(actor.unit_id)).await {
            Ok(u) => Some(u),
            Err(_) => {
                errors.push(FieldError::new(field, format!("请选择{label}")));
                None
            }
        }
    }

    /// Registers a reconsideration application. The 60-day limit of Art. 20
    /// is checked; past it, the reason must be given.
    pub async fn register_reconsideration(
        &self,
        actor: &Actor,
        input: &ReconsiderationInput,
    ) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let mut errors = Vec::new();
        let received = parse_date("received_on", "收到申请日期", &input.received_on).map_err(|e| errors.push(e)).ok();
        let known = parse_date("known_on", "知道该行政行为的日期", &input.known_on).map_err(|e| errors.push(e)).ok();
        let person = person_flag("applicant_kind", &input.applicant_kind, &mut errors);
        let name = text("name", "申请人姓名或名称", &input.name, 100, &mut errors);
        let subject = text("subject", "被申请复议的行政行为和复议请求", &input.subject, 500, &mut errors);
        let origin = self.origin_case(&input.origin, &mut errors).await?;
        if let Some(o) = &origin {
            if o.kind != CaseKind::Disclosure.as_str() && o.kind != CaseKind::Reconsideration.as_str() {
                errors.push(FieldError::new("origin", format!("{}是行政应诉案件,不能作为行政复议的对象", o.number)));
            }
        }
        let matter = match (&origin, Matter::parse(input.matter.trim())) {
            (Some(o), _) if o.kind == CaseKind::Disclosure.as_str() => Some(Matter::Goi),
            (_, m) => m,
        };
        if matter.is_none() {
            errors.push(FieldError::new("matter", "请选择行政行为的类别"));
        }
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "办理复议的机关", &mut errors).await;
        // The respondent: typed, or the unit that made the challenged reply.
        let respondent_id = input.respondent_id.or(origin.as_ref().map(|o| o.unit_id));
        let respondent = match respondent_id {
            Some(id) => units::get(self.store.pool(), &UnitPath::everything(), id).await.ok(),
            None => None,
        };
        if respondent.is_none() {
            errors.push(FieldError::new("respondent_id", "请选择被申请人"));
        }
        let (Some(received), Some(known), Some(unit), Some(respondent), Some(matter), true) =
            (received, known, unit, respondent, matter, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };
        let late_reason = Some(input.late_reason.trim().to_owned()).filter(|r| !r.is_empty());
        let action = Action::ReceiveApplication { known_on: known, late_reason };
        let party = Party { name, contact: input.contact.trim().to_owned(), person, court: String::new() };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: Some(actor.user_id).filter(|i| *i > 0),
            receipt_code: None,
            subject,
            party,
            origin_id: origin.map(|o| o.id),
            respondent_id: Some(respondent.id),
            matter,
        };
        self.file_case(actor, CaseKind::Reconsideration, &action, received, filing, "received_on").await
    }

    /// Registers a litigation case from the served complaint copy. Linked to
    /// a reconsideration case, it counts as 复议后起诉 (table 4).
    pub async fn register_litigation(&self, actor: &Actor, input: &LitigationInput) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let mut errors = Vec::new();
        let received =
            parse_date("received_on", "收到起诉状副本日期", &input.received_on).map_err(|e| errors.push(e)).ok();
        let person = person_flag("plaintiff_kind", &input.plaintiff_kind, &mut errors);
        let name = text("name", "原告姓名或名称", &input.name, 100, &mut errors);
        let court = text("court", "受理法院", &input.court, 100, &mut errors);
        let subject = text("subject", "被诉行政行为和诉讼请求", &input.subject, 500, &mut errors);
        let origin = self.origin_case(&input.origin, &mut errors).await?;
        let after_reconsideration = origin.as_ref().is_some_and(|o| o.kind == CaseKind::Reconsideration.as_str());
        if let Some(o) = &origin {
            if o.kind == CaseKind::Litigation.as_str() {
                errors.push(FieldError::new("origin", format!("{}是行政应诉案件;二审请在原案件中登记上诉", o.number)));
            }
        }
        // A suit inherits the field of what it challenges.
        let matter = match &origin {
            Some(o) if o.kind == CaseKind::Disclosure.as_str() => Some(Matter::Goi),
            Some(o) if !input.matter.trim().is_empty() => {
                Matter::parse(input.matter.trim()).or(Matter::parse(&o.matter))
            }
            Some(o) => Matter::parse(&o.matter),
            None => Matter::parse(input.matter.trim()),
        };
        if matter.is_none() {
            errors.push(FieldError::new("matter", "请选择被诉行政行为的类别"));
        }
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "被告(应诉机关)", &mut errors).await;
        let (Some(received), Some(unit), Some(matter), true) = (received, unit, matter, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let action = Action::ReceiveComplaint { after_reconsideration };
        let party = Party { name, contact: input.contact.trim().to_owned(), person, court };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: Some(actor.user_id).filter(|i| *i > 0),
            receipt_code: None,
            subject,
            party,
            origin_id: origin.map(|o| o.id),
            respondent_id: None,
            matter,
        };
        self.file_case(actor, CaseKind::Litigation, &action, received, filing, "received_on").await
    }

    async fn file_case(
        &self,
        actor: &Actor,
        kind: CaseKind,
        action: &Action,
        received: NaiveDate,
        filing: Filing,
        date_field: &'static str,
    ) -> Result<CaseRow, AppError> {
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, RuleSet::shared_builtin());
        let applied = apply(&engine, &CaseState::new(kind), action, received, self.now.today()).map_err(|e| {
            let field = match action {
                Action::ReceiveApplication { .. } if e.to_string().contains("申请期限") => "late_reason",
                _ => date_field,
            };
            AppError::invalid(FieldError::new(field, e.to_string()))
        })?;
        let new = new_case(&engine, &applied.state, action, filing)?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let row = cases::insert(&mut tx, &new).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// The case a case challenges (if in scope) and the cases that challenge it.
    pub async fn case_links(&self, actor: &Actor, row: &CaseRow) -> Result<(Option<CaseRow>, Vec<CaseRow>), AppError> {
        let origin = match row.origin_id {
            Some(id) => cases::get(self.store.pool(), &actor.scope, id).await.ok(),
            None => None,
        };
        let challenges = cases::challenges_of(self.store.pool(), &actor.scope, row.id).await?;
        Ok((origin, challenges))
    }

    /// The decision document of a decided reconsideration case: the stored
    /// publication if there is one, else a draft from the record.
    /// `names`: further persons staff named to mask (separated by lines,
    /// commas or 、).
    pub async fn decision_draft(
        &self,
        actor: &Actor,
        id: i64,
        body: Option<&str>,
        names: &str,
    ) -> Result<DecisionDraft, AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        self.draft_of(&row, body, names).await
    }

    async fn draft_of(&self, row: &CaseRow, body: Option<&str>, names: &str) -> Result<DecisionDraft, AppError> {
        let id = row.id;
        let state: CaseState =
            serde_json::from_str(&row.state_json).map_err(|e| AppError::Internal(format!("case state: {e}")))?;
        let (Some(outcome), Some(decided)) = (state.reconsideration_outcome(), state.closed_on) else {
            return Err(AppError::Conflict("该行政复议案件尚未作出决定,不能生成决定书".to_owned()));
        };
        let party: Party = serde_json::from_str(&row.party_json).unwrap_or_default();
        let title = format!("{}行政复议{}书({})", row.unit_name, doc_kind(outcome), row.number);
        let body = match body {
            Some(b) => b.trim().to_owned(),
            None => {
                let respondent = row.respondent_name.clone().unwrap_or_default();
                let accepted = state.accepted_on.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned());
                format!(
                    "申请人:{name}\n被申请人:{respondent}\n\n申请人不服被申请人{subject},于{received}向本机关申请行政复议,\
                     本机关于{accepted}依法受理。\n\n[请在此写明审理查明的事实、理由和依据。]\n\n\
                     本机关决定:{outcome}({article})。\n\n{remedy}\n\n{unit}\n{decided}",
                    name = party.name,
                    subject = row.subject,
                    received = row.received_on,
                    outcome = outcome.zh(),
                    article = outcome.article(),
                    remedy = "申请人如不服本决定,可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。",
                    unit = row.unit_name,
                )
            }
        };
        let mut persons: Vec<&str> = if party.person { vec![party.name.as_str()] } else { Vec::new() };
        persons.extend(
            names.split(['\n', '\r', ',', '，', '、', ';', '；', ' ']).map(str::trim).filter(|n| !n.is_empty()),
        );
        let masked = mask_for_publication(&body, &persons);
        let published = documents::published_of_case(self.store.pool(), id).await?;
        Ok(DecisionDraft {
            number: row.number.clone(),
            title,
            body,
            masked: masked.text,
            candidates: masked.candidates,
            decided_on: decided.to_string(),
            published,
        })
    }

    /// Publishes the decision document on the portal, masked (行政复议法
    /// Art. 79: decisions are published as the rules require). Once only.
    /// Staff must have confirmed the remaining candidate names (`checked`),
    /// naming in `names` those that are persons to mask.
    pub async fn publish_decision(
        &self,
        actor: &Actor,
        id: i64,
        body: &str,
        names: &str,
        checked: bool,
    ) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        if !(20..=20_000).contains(&body.trim().chars().count()) {
            return Err(AppError::invalid(FieldError::new("body", "决定书正文应为20至20000字")));
        }
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        let draft = self.draft_of(&row, Some(body), names).await?;
        if draft.published.is_some() {
            return Err(AppError::Conflict("该案件的决定书已经公开".to_owned()));
        }
        if !draft.candidates.is_empty() && !checked {
            return Err(AppError::invalid(FieldError::new(
                "names",
                format!(
                    "公开文本中以下文字可能是人名:{}。请把需要隐去的填入“其他需隐去的人名”,并勾选“已核对”后再公开",
                    draft.candidates.join("、")
                ),
            )));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let doc = documents::publish(
            &mut tx,
            row.unit_path.as_str(),
            id,
            &draft.title,
            &draft.masked,
            &row.unit_name,
            &draft.decided_on,
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// Hearings (听证, 开庭) in the actor's scope from today to `days` ahead.
    pub async fn coming_hearings(&self, actor: &Actor, days: i64) -> Result<Vec<ComingHearing>, AppError> {
        let today = self.now.today();
        let until = today + Duration::days(days);
        let rows =
            cases::hearings_between(self.store.pool(), &actor.scope, &today.to_string(), &until.to_string()).await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let on = NaiveDate::parse_from_str(row.hearing_on.as_deref()?, "%Y-%m-%d").ok()?;
                Some(ComingHearing { in_days: (on - today).num_days(), hearing_on: on, row })
            })
            .collect())
    }

    /// Published decision documents for the portal (no personal data: masked at publication).
    pub async fn published_decisions(&self, page: i64) -> Result<Vec<PublishedDocument>, AppError> {
        Ok(documents::published(self.store.pool(), 20, page.max(0) * 20).await?)
    }

    /// One published decision document.
    pub async fn published_decision(&self, id: i64) -> Result<PublishedDocument, AppError> {
        Ok(documents::published_one(self.store.pool(), id).await?)
    }
}

/// The document a reconsideration ends with (Arts. 41, 73, 75).
fn doc_kind(outcome: ReconsiderationOutcome) -> &'static str {
    match outcome {
        ReconsiderationOutcome::Mediated => "调解",
        ReconsiderationOutcome::Terminated | ReconsiderationOutcome::Settled => "终止决定",
        _ => "决定",
    }
}
