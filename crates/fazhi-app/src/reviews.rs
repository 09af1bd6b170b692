//! 行政复议 and 行政应诉 cases: registering an application or a served
//! complaint (directly, or linked to the case it challenges), the decision
//! document and its publication on the portal with personal data masked,
//! and the 庭前提醒 list of coming hearings.
//!
//! Steps after registration go through `App::record_case_step` like every
//! other case; the procedure engine decides what each step may do.

use crate::auth::Actor;
use crate::cases::{decode, decode_as, new_case, parse_date, typed_id, Filing, Party};
use crate::error::found;
use crate::{App, AppError};
use chrono::{Duration, NaiveDate};
use fazhi_core::clock::Engine;
use fazhi_core::masking::mask_for_publication;
use fazhi_core::org::{FieldError, Permission, UnitKind, UnitPath};
use fazhi_core::procedure::disclosure::Disclosure;
use fazhi_core::procedure::litigation::{self, Litigation};
use fazhi_core::procedure::petition::Petition;
use fazhi_core::procedure::proposal::Proposal;
use fazhi_core::procedure::reconsideration::{self, Reconsideration};
use fazhi_core::procedure::{apply, Case, Kind, Matter, Procedure, ReconsiderationOutcome};
use fazhi_core::time::date_zh;
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
    /// The agency did not tell of the right to apply: the day the applicant
    /// learned of it (行政复议法 Art. 20 ¶3). Optional.
    pub rights_learned_on: String,
    /// The day the act was made (Art. 21). Optional.
    pub act_on: String,
    /// The act concerns immovable property (20 years instead of 5, Art. 21).
    pub immovable: String,
    /// Confirms a second challenge of the same case.
    pub confirm_duplicate: String,
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
    /// Confirms a second suit against the same case.
    pub confirm_duplicate: String,
}

/// A document ready to publish (a 复议 decision, a proposal's reply): the
/// text as staff wrote it and the text the public will see.
#[derive(Debug, Clone)]
pub struct DecisionDraft {
    /// The kind of the case it belongs to.
    pub kind: &'static str,
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

/// Who may be the defendant of a suit after a 复议 decision (行政诉讼法 Art. 26 ¶2).
#[derive(Debug, Clone)]
pub struct Defendants {
    /// The units that may be registered as the defendant (the first is the
    /// one to pre-fill).
    pub allowed: Vec<i64>,
    /// The original agency and the 复议机关 are sued together (the act was upheld).
    pub co_defendants: bool,
    /// The 复议机关's name.
    pub government: String,
}

/// A hearing in the coming days.
#[derive(Debug, Clone)]
pub struct ComingHearing {
    pub row: CaseRow,
    pub hearing_on: NaiveDate,
    /// Calendar days from today.
    pub in_days: i64,
}

pub(crate) fn checked(raw: &str) -> bool {
    matches!(raw.trim(), "1" | "on" | "true")
}

pub(crate) fn person_flag(field: &'static str, raw: &str, errors: &mut Vec<FieldError>) -> bool {
    match raw.trim() {
        "person" => true,
        "organisation" => false,
        _ => {
            errors.push(FieldError::new(field, "请选择自然人或者法人、其他组织"));
            false
        }
    }
}

pub(crate) fn text(field: &'static str, label: &str, raw: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = raw.trim().to_owned();
    if !(1..=max).contains(&v.chars().count()) {
        errors.push(FieldError::new(field, format!("请填写{label}(不超过{max}字)")));
    }
    v
}

impl App {
    /// The case a new one challenges, by its number, read through the
    /// actor's scope like every other read: a case outside it is "not found"
    /// (the 复议机构 and the coordinators reach their whole government; a
    /// handler reaches only the own unit's cases).
    pub(crate) async fn origin_case(
        &self,
        actor: &Actor,
        raw: &str,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<CaseRow>, AppError> {
        let number = raw.trim();
        if number.is_empty() {
            return Ok(None);
        }
        let found = cases::by_number(self.store.pool(), &actor.scope, number).await?;
        if found.is_none() {
            errors.push(FieldError::new("origin", format!("找不到编号为“{number}”的案件,请核对")));
        }
        Ok(found)
    }

    /// A challenge must come after what it challenges: a 复议 after the reply,
    /// a suit after the decision. A second challenge of the same case by the
    /// same route is usually inadmissible: it needs an explicit confirmation.
    async fn check_challenge(
        &self,
        actor: &Actor,
        origin: &CaseRow,
        kind: &'static dyn Kind,
        received: Option<NaiveDate>,
        confirmed: bool,
        errors: &mut Vec<FieldError>,
    ) -> Result<(), AppError> {
        let what = match origin.kind.as_str() {
            Disclosure::ID => "答复",
            Petition::ID => "导入法定途径的处理",
            _ => "决定",
        };
        let concluded = origin.closed_on.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        // A petition leads to a 复议 or a suit only where it was diverted
        // (信访工作条例 Arts. 30-31): its definition says so.
        if origin.kind == Petition::ID
            && concluded.is_some()
            && !decode(origin)?.challenged_by().iter().any(|(k, _)| *k == kind.id())
        {
            errors.push(FieldError::new(
                "origin",
                format!("{}未导入{}途径,不能登记为由此导入的{}案件", origin.number, kind.zh(), kind.zh()),
            ));
        }
        match (concluded, received) {
            (None, _) => errors.push(FieldError::new(
                "origin",
                format!(
                    "{}尚未作出{what},不能对其{}",
                    origin.number,
                    if kind.id() == Litigation::ID { "起诉" } else { "申请行政复议" }
                ),
            )),
            (Some(c), Some(r)) if r < c => errors.push(FieldError::new(
                "received_on",
                format!("收到日期{r}早于所针对的{}作出{what}的日期{c},请核对", origin.number),
            )),
            _ => {}
        }
        let earlier: Vec<String> = cases::challenges_of(self.store.pool(), &actor.scope, origin)
            .await?
            .into_iter()
            .filter(|c| c.kind == kind.id())
            .map(|c| c.number)
            .collect();
        if !earlier.is_empty() && !confirmed {
            errors.push(FieldError::new(
                "confirm_duplicate",
                format!(
                    "{}已有{}案件{};同一事项重复{}的通常不予受理,如确属另一申请,请勾选确认后再提交",
                    origin.number,
                    kind.zh(),
                    earlier.join("、"),
                    if kind.id() == Litigation::ID { "起诉" } else { "申请" }
                ),
            ));
        }
        Ok(())
    }

    /// What a registration form pre-fills from the case it challenges
    /// (`?origin=NUMBER`): the case if the actor may read it, else nothing.
    pub async fn origin_for_form(&self, actor: &Actor, number: &str) -> Result<Option<CaseRow>, AppError> {
        let number = number.trim();
        if number.is_empty() {
            return Ok(None);
        }
        Ok(cases::by_number(self.store.pool(), &actor.scope, number).await?)
    }

    pub(crate) async fn unit_in_scope(
        &self,
        actor: &Actor,
        id: Option<i64>,
        field: &'static str,
        label: &str,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<fazhi_store::units::Unit>, AppError> {
        let unit = found(units::get(self.store.pool(), &actor.scope, id.unwrap_or(actor.unit_id)).await)?;
        if unit.is_none() {
            errors.push(FieldError::new(field, format!("请选择{label}")));
        }
        Ok(unit)
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
        let optional_date = |field: &'static str, label: &str, raw: &str, errors: &mut Vec<FieldError>| {
            if raw.trim().is_empty() {
                return None;
            }
            parse_date(field, label, raw).map_err(|e| errors.push(e)).ok()
        };
        let rights_learned_on =
            optional_date("rights_learned_on", "知道申请复议权利和期限的日期", &input.rights_learned_on, &mut errors);
        let act_on = optional_date("act_on", "行政行为作出的日期", &input.act_on, &mut errors);
        let person = person_flag("applicant_kind", &input.applicant_kind, &mut errors);
        let name = text("name", "申请人姓名或名称", &input.name, 100, &mut errors);
        let subject = text("subject", "被申请复议的行政行为和复议请求", &input.subject, 500, &mut errors);
        let origin = self.origin_case(actor, &input.origin, &mut errors).await?;
        if let Some(o) = &origin {
            if ![Disclosure::ID, Reconsideration::ID, Petition::ID].contains(&o.kind.as_str()) {
                errors.push(FieldError::new("origin", format!("{}是行政应诉案件,不能作为行政复议的对象", o.number)));
            }
            let confirmed = checked(&input.confirm_duplicate);
            self.check_challenge(
                actor,
                o,
                &fazhi_core::procedure::kind::Def::<Reconsideration>::THE,
                received,
                confirmed,
                &mut errors,
            )
            .await?;
        }
        let matter = match (&origin, Matter::parse(input.matter.trim())) {
            (Some(o), _) if o.kind == Disclosure::ID => Some(Matter::Goi),
            (_, m) => m,
        };
        if matter.is_none() {
            errors.push(FieldError::new("matter", "请选择行政行为的类别"));
        }
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "办理复议的机关", &mut errors).await?;
        // The respondent: typed, or the unit that made the challenged reply.
        let respondent_id = input.respondent_id.or(origin.as_ref().map(|o| o.unit_id));
        // The respondent is a unit of the government whose 复议机构 registers
        // the case: looked up in the actor's scope, never installation-wide.
        let respondent = match respondent_id {
            Some(id) => found(units::get(self.store.pool(), &actor.scope, id).await)?,
            None => None,
        };
        if respondent.is_none() {
            errors.push(FieldError::new("respondent_id", "请选择被申请人(本级政府所属的行政机关)"));
        }
        if let (Some(u), Some(r)) = (&unit, &respondent) {
            // Nobody reviews its own act: the government (and its office) cannot be
            // the respondent of its own 复议 (行政复议法 Arts. 24-25 assign it upward).
            let own_government = u.path.as_str().starts_with(r.path.as_str()) && r.kind == UnitKind::Government;
            if u.id == r.id || own_government {
                errors.push(FieldError::new(
                    "respondent_id",
                    format!(
                        "被申请人“{}”不能是本复议机关或其行政复议机构:对本级人民政府行政行为的复议由上一级人民政府管辖\
                         (《行政复议法》第二十四条)",
                        r.name
                    ),
                ));
            }
        }
        let (Some(received), Some(known), Some(unit), Some(respondent), Some(matter), true) =
            (received, known, unit, respondent, matter, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };
        let late_reason = Some(input.late_reason.trim().to_owned()).filter(|r| !r.is_empty());
        let action = reconsideration::Action::ReceiveApplication {
            known_on: known,
            late_reason,
            rights_learned_on,
            act_on,
            immovable: checked(&input.immovable),
        };
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
        self.file_case::<Reconsideration>(actor, &action, received, filing, |e| match e {
            e if e.contains("第二十一条") => "act_on",
            e if e.contains("第二十条第三款") => "rights_learned_on",
            e if e.contains("申请期限") => "late_reason",
            _ => "received_on",
        })
        .await
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
        let origin = self.origin_case(actor, &input.origin, &mut errors).await?;
        let after_reconsideration = origin.as_ref().is_some_and(|o| o.kind == Reconsideration::ID);
        if let Some(o) = &origin {
            if o.kind == Litigation::ID {
                errors.push(FieldError::new("origin", format!("{}是行政应诉案件;二审请在原案件中登记上诉", o.number)));
            }
            let confirmed = checked(&input.confirm_duplicate);
            self.check_challenge(
                actor,
                o,
                &fazhi_core::procedure::kind::Def::<Litigation>::THE,
                received,
                confirmed,
                &mut errors,
            )
            .await?;
        }
        // A suit inherits the field of what it challenges.
        let matter = match &origin {
            Some(o) if o.kind == Disclosure::ID => Some(Matter::Goi),
            Some(o) if !input.matter.trim().is_empty() => {
                Matter::parse(input.matter.trim()).or(Matter::parse(&o.matter))
            }
            Some(o) => Matter::parse(&o.matter),
            None => Matter::parse(input.matter.trim()),
        };
        if matter.is_none() {
            errors.push(FieldError::new("matter", "请选择被诉行政行为的类别"));
        }
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "被告(应诉机关)", &mut errors).await?;
        if let (Some(o), Some(u)) = (&origin, &unit) {
            if let Some(d) = self.defendants_after(o).await? {
                if !d.allowed.contains(&u.id) {
                    errors.push(FieldError::new(
                        "unit_id",
                        if d.co_defendants {
                            format!(
                                "复议机关维持原行政行为的,作出原行政行为的行政机关和复议机关({})是共同被告\
                                 (《行政诉讼法》第二十六条第二款),被告应为其中之一,不能是“{}”",
                                d.government, u.name
                            )
                        } else {
                            format!(
                                "复议机关改变原行政行为的,复议机关({})是被告(《行政诉讼法》第二十六条第二款),不能是“{}”",
                                d.government, u.name
                            )
                        },
                    ));
                }
            }
        }
        let (Some(received), Some(unit), Some(matter), true) = (received, unit, matter, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let action = litigation::Action::ReceiveComplaint { after_reconsideration };
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
        self.file_case::<Litigation>(actor, &action, received, filing, |_| "received_on").await
    }

    /// Opens a case of kind `P` by its receipt; a refusal of the engine is
    /// shown beside the field `field_of` names for its message.
    pub(crate) async fn file_case<P: Procedure>(
        &self,
        actor: &Actor,
        action: &P::Action,
        received: NaiveDate,
        filing: Filing,
        field_of: impl Fn(&str) -> &'static str,
    ) -> Result<CaseRow, AppError> {
        let new = self.opened_case::<P>(action, received, filing, field_of).await?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let row = cases::insert(&mut tx, &new).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// A new case of kind `P` opened by its receipt, ready to store; a refusal
    /// of the engine is shown beside the field `field_of` names for its message.
    pub(crate) async fn opened_case<P: Procedure>(
        &self,
        action: &P::Action,
        received: NaiveDate,
        filing: Filing,
        field_of: impl Fn(&str) -> &'static str,
    ) -> Result<cases::NewCase, AppError> {
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        let applied = apply::<P>(&engine, &Case::new(), action, received, self.now.today()).map_err(|e| {
            let message = e.to_string();
            AppError::invalid(FieldError::new(field_of(&message), message))
        })?;
        new_case(&engine, &applied.case, action, filing)
    }

    /// The case a case challenges (if in scope) and the cases that challenge it.
    pub async fn case_links(&self, actor: &Actor, row: &CaseRow) -> Result<(Option<CaseRow>, Vec<CaseRow>), AppError> {
        let origin = match row.origin_id {
            // Outside the reader's scope the link is not shown; a failed query is an error.
            Some(id) => found(cases::get(self.store.pool(), &actor.scope, id).await)?,
            None => None,
        };
        let challenges = cases::challenges_of(self.store.pool(), &actor.scope, row).await?;
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

    /// The 复议机关 in whose name a decision is issued: the government the
    /// handling office belongs to (the nearest government above it, or itself).
    async fn deciding_government(&self, row: &CaseRow) -> Result<String, AppError> {
        Ok(self.deciding_government_unit(row).await?.map(|u| u.name).unwrap_or_else(|| row.unit_name.clone()))
    }

    async fn deciding_government_unit(&self, row: &CaseRow) -> Result<Option<units::Unit>, AppError> {
        let path = UnitPath::from_stored(&row.unit_path)
            .ok_or_else(|| AppError::Internal(format!("case {}: bad unit path", row.id)))?;
        let along = units::along_path(self.store.pool(), &path).await?;
        Ok(along.into_iter().rev().find(|u| u.kind == UnitKind::Government))
    }

    /// Who is sued after a 复议 decision (行政诉讼法 Art. 26 ¶2): the 复议机关 alone
    /// when the decision changed the act; the original agency and the 复议机关
    /// together when it upheld it. `None` when the case is not a decided 复议.
    pub async fn defendants_after(&self, origin: &CaseRow) -> Result<Option<Defendants>, AppError> {
        if origin.kind != Reconsideration::ID {
            return Ok(None);
        }
        let case = decode_as::<Reconsideration>(origin)?;
        let Some(outcome) = case.outcome.filter(|o| o.is_on_merits()) else {
            return Ok(None);
        };
        let Some(government) = self.deciding_government_unit(origin).await? else {
            return Ok(None);
        };
        Ok(Some(if outcome.changed_the_act() {
            Defendants { allowed: vec![government.id], co_defendants: false, government: government.name }
        } else {
            let mut allowed = vec![government.id];
            allowed.extend(origin.respondent_id);
            Defendants { allowed, co_defendants: true, government: government.name }
        }))
    }

    async fn draft_of(&self, row: &CaseRow, body: Option<&str>, names: &str) -> Result<DecisionDraft, AppError> {
        if row.kind == Proposal::ID {
            return self.reply_draft_of(row, body, names).await;
        }
        if row.kind != Reconsideration::ID {
            return Err(AppError::NotFound);
        }
        let case = decode_as::<Reconsideration>(row)?;
        let (Some(outcome), Some(decided)) = (case.outcome, case.common.closed_on) else {
            return Err(AppError::Conflict("该行政复议案件尚未作出决定,不能生成决定书".to_owned()));
        };
        let party: Party =
            serde_json::from_str(&row.party_json).map_err(|e| AppError::Internal(format!("case party: {e}")))?;
        // Issued in the name of the 复议机关 (the government), not of its office.
        let issuer = self.deciding_government(row).await?;
        let title = format!("{issuer}行政复议{}书({})", doc_kind(outcome), row.number);
        let body = match body {
            Some(b) => b.trim().to_owned(),
            None => {
                let respondent = row.respondent_name.clone().unwrap_or_default();
                let accepted = case.data.accepted_on.map(date_zh).unwrap_or_else(|| "—".to_owned());
                let received = NaiveDate::parse_from_str(&row.received_on, "%Y-%m-%d")
                    .map(date_zh)
                    .unwrap_or_else(|_| row.received_on.clone());
                format!(
                    "申请人:{name}\n被申请人:{respondent}\n\n申请人不服被申请人{subject},于{received}向本机关申请行政复议,\
                     本机关于{accepted}依法受理。\n\n[请在此写明审理查明的事实、理由和依据。]\n\n\
                     本机关决定:{outcome}({article})。\n\n{remedy}\n\n{unit}\n{decided}",
                    name = party.name,
                    subject = row.subject,
                    outcome = outcome.zh(),
                    article = outcome.article(),
                    remedy = "申请人如不服本决定,可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼\
                              (《中华人民共和国行政诉讼法》第四十五条)。",
                    unit = issuer,
                    decided = date_zh(decided),
                )
            }
        };
        let mut persons: Vec<&str> = if party.person { vec![party.name.as_str()] } else { Vec::new() };
        persons.extend(
            names.split(['\n', '\r', ',', '，', '、', ';', '；', ' ']).map(str::trim).filter(|n| !n.is_empty()),
        );
        let masked = mask_for_publication(&body, &persons);
        let published = documents::published_of_case(self.store.pool(), &row.region_code, row.id).await?;
        // Once published, staff see exactly the text that went out.
        let (title, masked_text, candidates) = match &published {
            Some(p) => (p.title.clone(), p.body.clone(), Vec::new()),
            None => (title, masked.text, masked.candidates),
        };
        Ok(DecisionDraft {
            kind: Reconsideration::ID,
            number: row.number.clone(),
            title,
            body,
            masked: masked_text,
            candidates,
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
            return Err(AppError::invalid(FieldError::new("body", "公开文本的正文应为20至20000字")));
        }
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        let draft = self.draft_of(&row, Some(body), names).await?;
        if draft.published.is_some() {
            return Err(AppError::Conflict("该案件的文书已经公开".to_owned()));
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
            &row.region_code,
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

    /// Published documents of the cases of `kind` for the portal, 20 a page
    /// (no personal data: masked at publication).
    pub async fn published_documents(&self, kind: &str, page: i64) -> Result<Vec<PublishedDocument>, AppError> {
        Ok(documents::published(self.store.pool(), kind, 20, page.max(0) * 20).await?)
    }

    /// Withdraws the published decision of a case with a reason (an error in
    /// the text, personal data that slipped through, a decision annulled by a
    /// court). The record stays; the portal says it was withdrawn.
    pub async fn withdraw_decision(&self, actor: &Actor, id: i64, reason: &str) -> Result<(), AppError> {
        actor.require(Permission::WriteRecords)?;
        let reason = reason.trim();
        if !(5..=500).contains(&reason.chars().count()) {
            return Err(AppError::invalid(FieldError::new(
                "reason",
                format!("请写明撤回的理由(5至500字),您填写的是“{reason}”"),
            )));
        }
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        let Some(doc) = documents::published_of_case(self.store.pool(), &row.region_code, id).await? else {
            return Err(AppError::Conflict("该案件的文书尚未公开,无需撤回".to_owned()));
        };
        if doc.withdrawn_at.is_some() {
            return Err(AppError::Conflict("该文书已经撤回".to_owned()));
        }
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        documents::withdraw(&mut tx, &row.region_code, row.unit_path.as_str(), doc.id, reason).await?;
        tx.commit().await?;
        Ok(())
    }

    /// One published document of a case of `kind`.
    pub async fn published_document(&self, kind: &str, id: i64) -> Result<PublishedDocument, AppError> {
        Ok(documents::published_one(self.store.pool(), kind, id).await?)
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
