//! 信访 cases (信访工作条例 2022): registering a letter, a visit or an online
//! petition as staff receive it; a 复查 or 复核 request as a case of its own
//! linked to the case it reviews (Arts. 35–36); a repeat petition linked to
//! the earlier one; and the portal's online form (网上信访) with its receipt
//! code. Registering a 复查 or a repeat also notes it on the earlier case, in
//! the same transaction, so that case knows it was not resolved at once.
//!
//! Steps after registration go through `App::record_case_step` like every
//! other case.

use crate::auth::Actor;
use crate::cases::{decode_as, parse_date, receipt_code, step_update, to_json, typed_id, Filing, Party};
use crate::portal::{length, valid_credit_code, valid_phone, valid_resident_id};
use crate::reviews::{checked, person_flag, text};
use crate::{App, AppError};
use chrono::NaiveDate;
use fazhi_core::clock::Engine;
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::petition::{self, Action, Category, Channel, FollowUpKind, Petition, Round};
use fazhi_core::procedure::{apply, Case, Matter, Procedure, StageCode};
use fazhi_store::cases::{self, CaseRow, NewCase, StepUpdate};
use fazhi_store::{AuditActor, WriteTx};
use serde::{Deserialize, Serialize};

/// A petition as typed by staff.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PetitionInput {
    /// The registering unit; the actor's unit if empty.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    pub received_on: String,
    /// A [`Channel`] code.
    pub channel: String,
    /// A [`Category`] code (a 复查 or 复核 keeps the category of what it reviews).
    pub category: String,
    /// 初信初访 (a ticked box).
    pub first: String,
    /// `person` or `organisation`.
    pub petitioner_kind: String,
    pub name: String,
    pub contact: String,
    /// The matter and the claim.
    pub subject: String,
    /// 重复信访: the number of an earlier case about the same matter.
    pub repeat_of: String,
    /// 复查/复核: the number of the case whose opinion is reviewed.
    pub origin: String,
    /// 复查/复核: when the petitioner received its written answer.
    pub reply_received_on: String,
}

/// A petition as typed on the portal (网上信访).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PortalPetition {
    /// The body addressed.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    /// `person` or `organisation`.
    pub petitioner_kind: String,
    pub name: String,
    /// 公民身份号码 or 统一社会信用代码.
    pub id_number: String,
    pub phone: String,
    pub address: String,
    /// A [`Category`] code.
    pub category: String,
    /// The matter, the claim, the facts and reasons.
    pub subject: String,
    /// `0`: the first time about this matter (初信初访); `1`: petitioned before.
    pub before: String,
}

/// The codes of a choice as form options: (code, Chinese name).
pub fn choices<T: Serialize>(items: &[T], zh: impl Fn(&T) -> &'static str) -> Vec<(String, &'static str)> {
    items.iter().map(|i| (code_of(i), zh(i))).collect()
}

fn choice<T: Serialize + Copy>(
    field: &'static str,
    label: &str,
    raw: &str,
    items: &[T],
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let raw = raw.trim();
    let found = items.iter().copied().find(|i| code_of(i) == raw);
    if found.is_none() {
        let shown = fazhi_core::input::quote_for_message(raw, 40);
        errors.push(FieldError::new(
            field,
            if raw.is_empty() { format!("请选择{label}") } else { format!("“{shown}”不是可选的{label}") },
        ));
    }
    found
}

/// The earlier case a registration names, read through the scope; it must
/// be a petition.
struct Earlier {
    row: CaseRow,
    case: Case<Petition>,
}

/// What registering a petition notes on the earlier case.
struct Note {
    earlier: Earlier,
    kind: FollowUpKind,
}

impl App {
    async fn earlier_petition(
        &self,
        actor: &Actor,
        field: &'static str,
        raw: &str,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<Earlier>, AppError> {
        let number = raw.trim();
        if number.is_empty() {
            return Ok(None);
        }
        let shown = fazhi_core::input::quote_for_message(number, 40);
        match cases::by_number(self.store.pool(), &actor.scope, number).await? {
            None => errors.push(FieldError::new(field, format!("找不到编号为“{shown}”的信访案件,请核对"))),
            Some(row) if row.kind != Petition::ID => {
                errors.push(FieldError::new(field, format!("“{shown}”不是信访案件")));
            }
            Some(row) => return Ok(Some(Earlier { case: decode_as::<Petition>(&row)?, row })),
        }
        Ok(None)
    }

    /// Registers a petition received by letter, visit or otherwise; with
    /// `origin`, a 复查 or 复核 request (Arts. 35–36), refused when late;
    /// with `repeat_of`, a repeat petition linked to the earlier case.
    pub async fn register_petition(&self, actor: &Actor, input: &PetitionInput) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let mut errors = Vec::new();
        let received = parse_date("received_on", "收到日期", &input.received_on).map_err(|e| errors.push(e)).ok();
        let channel = choice("channel", "信访形式", &input.channel, &Channel::ALL, &mut errors);
        let person = person_flag("petitioner_kind", &input.petitioner_kind, &mut errors);
        let name = text("name", "信访人姓名或名称", &input.name, 100, &mut errors);
        let contact = length(&mut errors, "contact", "联系方式", &input.contact, 0, 200);
        let subject = length(&mut errors, "subject", "信访事项和请求", &input.subject, 2, 500);
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "登记单位", &mut errors).await?;
        let first = checked(&input.first);
        if !input.origin.trim().is_empty() && !input.repeat_of.trim().is_empty() {
            errors.push(FieldError::new(
                "repeat_of",
                "复查、复核请求已与原案件关联,无需再填写此前的信访编号;如是同一事项的重复信访,请不要填写复查(复核)所针对的案件",
            ));
        }
        let origin = self.earlier_petition(actor, "origin", &input.origin, &mut errors).await?;
        let repeat = self.earlier_petition(actor, "repeat_of", &input.repeat_of, &mut errors).await?;
        let (action, note) = match (origin, repeat) {
            (Some(o), _) => match review_of(o, channel, input, &mut errors) {
                Some((action, note)) => (Some(action), Some(note)),
                None => (None, None),
            },
            (None, repeat) => {
                let category = choice("category", "信访事项类别", &input.category, &Category::ALL, &mut errors);
                if first && repeat.is_some() {
                    errors.push(FieldError::new(
                        "first",
                        format!(
                            "已填写同一事项此前的信访编号“{}”,本件是重复信访,请取消“初信初访”",
                            input.repeat_of.trim()
                        ),
                    ));
                }
                let action = match (channel, category) {
                    (Some(channel), Some(category)) => Some(Action::Register {
                        channel,
                        category,
                        first,
                        repeat_of: repeat.as_ref().map(|r| r.row.number.clone()),
                        after_recheck: repeat.as_ref().is_some_and(|r| r.case.data.round == Round::Recheck),
                    }),
                    _ => None,
                };
                (action, repeat.map(|earlier| Note { earlier, kind: FollowUpKind::Repeat }))
            }
        };
        let (Some(received), Some(action), Some(unit), true) = (received, action, unit, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let party = Party { name, contact, person, court: String::new() };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: Some(actor.user_id).filter(|i| *i > 0),
            receipt_code: None,
            subject,
            party,
            origin_id: note.as_ref().map(|n| n.earlier.row.id),
            respondent_id: None,
            matter: Matter::Other,
        };
        let new = self.opened_case::<Petition>(&action, received, filing, field_of).await?;
        self.store_petition(actor.audit_actor(), &new, note).await
    }

    /// The form of a 复查 or 复核 request against the case numbered `number`
    /// (`?origin=`), pre-filled from it, with the round's name; `None` when the
    /// actor cannot read such a petition.
    pub async fn review_form(
        &self,
        actor: &Actor,
        number: &str,
    ) -> Result<Option<(PetitionInput, &'static str)>, AppError> {
        let mut ignored = Vec::new();
        let Some(o) = self.earlier_petition(actor, "origin", number, &mut ignored).await? else {
            return Ok(None);
        };
        let party: Party =
            serde_json::from_str(&o.row.party_json).map_err(|e| AppError::Internal(format!("case party: {e}")))?;
        let round = o.case.data.round.next().unwrap_or(Round::Recheck);
        let input = PetitionInput {
            unit_id: Some(actor.unit_id),
            received_on: self.now.today().to_string(),
            channel: code_of(&Channel::Visit),
            petitioner_kind: if party.person { "person" } else { "organisation" }.to_owned(),
            name: party.name,
            contact: party.contact,
            subject: format!("对{}的书面意见不服,请求{}", o.row.number, round.zh()),
            origin: o.row.number.clone(),
            reply_received_on: o.case.common.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            ..PetitionInput::default()
        };
        Ok(Some((input, round.zh())))
    }

    /// A petition filed on the portal (网上信访): checked like a disclosure
    /// request's identity and contact, addressed to a public unit, received
    /// today, with a receipt code as the petitioner's only handle on it.
    pub async fn submit_portal_petition(&self, input: &PortalPetition) -> Result<CaseRow, AppError> {
        let mut e = Vec::new();
        let unit = match input.unit_id {
            Some(id) => self.public_unit(id).await?,
            None => None,
        };
        if unit.is_none() {
            e.push(FieldError::new("unit_id", "请选择信访事项提交的机关"));
        }
        let person = person_flag("petitioner_kind", &input.petitioner_kind, &mut e);
        let name = length(&mut e, "name", if person { "姓名" } else { "名称" }, &input.name, 1, 100);
        let id = input.id_number.trim().to_ascii_uppercase();
        let (id_label, id_ok) = if person {
            ("公民身份号码", valid_resident_id(&id))
        } else {
            ("统一社会信用代码", valid_credit_code(&id))
        };
        if id.is_empty() {
            e.push(FieldError::new("id_number", format!("请填写{id_label}")));
        } else if !id_ok {
            let shown = fazhi_core::input::quote_for_message(input.id_number.trim(), 40);
            e.push(FieldError::new("id_number", format!("{id_label}应为18位且校验位正确,您输入的是“{shown}”")));
        }
        let phone = length(&mut e, "phone", "联系电话", &input.phone, 1, 20);
        if !phone.is_empty() && phone.chars().count() <= 20 && !valid_phone(&phone) {
            e.push(FieldError::new("phone", format!("联系电话应为手机号码或带区号的固定电话,您输入的是“{phone}”")));
        }
        let address = length(&mut e, "address", "通信地址", &input.address, 5, 200);
        let category = choice("category", "信访事项类别", &input.category, &Category::ALL, &mut e);
        let subject = length(&mut e, "subject", "信访事项、请求和事实理由", &input.subject, 10, 500);
        let first = match input.before.trim() {
            "0" => Some(true),
            "1" => Some(false),
            _ => {
                e.push(FieldError::new("before", "请选择此前是否就同一事项信访过"));
                None
            }
        };
        let (Some(unit), Some(category), Some(first), true) = (unit, category, first, e.is_empty()) else {
            return Err(AppError::Invalid(e));
        };
        let action =
            Action::Register { channel: Channel::Online, category, first, repeat_of: None, after_recheck: false };
        let party = Party {
            name,
            contact: format!("电话:{phone};地址:{address};{id_label}:{id}"),
            person,
            court: String::new(),
        };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: None,
            receipt_code: Some(receipt_code()),
            subject,
            party,
            origin_id: None,
            respondent_id: None,
            matter: Matter::Other,
        };
        let new = self.opened_case::<Petition>(&action, self.now.today(), filing, |_| "subject").await?;
        self.store_petition(AuditActor::system("portal"), &new, None).await
    }

    /// Stores a new petition and, in the same transaction, the follow-up it
    /// is on the earlier case: both or neither.
    async fn store_petition(&self, audit: AuditActor, new: &NewCase, note: Option<Note>) -> Result<CaseRow, AppError> {
        let mut tx = self.store.begin_write(audit, self.now.now()).await?;
        let row = cases::insert(&mut tx, new).await?;
        if let Some(note) = note {
            self.note_follow_up(&mut tx, &row, note).await?;
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Records on the earlier case that `row` followed it (see [`follow_up`]).
    async fn note_follow_up(&self, tx: &mut WriteTx, row: &CaseRow, note: Note) -> Result<(), AppError> {
        let Note { earlier, kind } = note;
        let received = NaiveDate::parse_from_str(&row.received_on, "%Y-%m-%d")
            .map_err(|e| AppError::Internal(format!("case {}: received_on {e}", row.id)))?;
        let cal = self.calendar().await?;
        let engine = Engine::new(&cal, self.rules());
        if let Some((step, _)) = follow_up(&engine, &earlier.case, kind, &row.number, received, self.now.today())? {
            cases::record_step(tx, &earlier.row.region_code, earlier.row.id, earlier.row.version, &step).await?;
        }
        Ok(())
    }
}

/// The follow-up `number` (received on `received`) is on `earlier`, ready to
/// store, with the case after it. A step may not be dated before the case's
/// last one: a repeat received while the earlier case moved on is noted on
/// the day of its last step. A closed case (diverted, declined, withdrawn)
/// only keeps the link: `None`.
pub(crate) fn follow_up(
    engine: &Engine<'_>,
    earlier: &Case<Petition>,
    kind: FollowUpKind,
    number: &str,
    received: NaiveDate,
    today: NaiveDate,
) -> Result<Option<(StepUpdate, Case<Petition>)>, AppError> {
    if !earlier.allowed().contains(&petition::Verb::FollowUp) {
        return Ok(None);
    }
    let date = earlier.common.last_date.map_or(received, |d| d.max(received));
    let action = Action::FollowUp { kind, number: number.to_owned(), received_on: received };
    let applied = apply::<Petition>(engine, earlier, &action, date, today)
        .map_err(|e| AppError::invalid(FieldError::new("origin", format!("无法在原案件上记录:{e}"))))?;
    let verb = code_of(&Petition::verb(&action));
    let step = step_update(engine, &applied.case, verb, to_json(&action)?, date)?;
    Ok(Some((step, applied.case)))
}

/// The field an engine refusal of a registration belongs to.
fn field_of(message: &str) -> &'static str {
    if message.contains("书面答复") {
        "reply_received_on"
    } else if message.contains("初信初访") {
        "first"
    } else {
        "received_on"
    }
}

/// A 复查 or 复核 request against `o`: the round follows from what `o` is
/// (a 复核 is final, Art. 36 ¶3), `o` must have given its written opinion,
/// and only one request per opinion.
fn review_of(
    o: Earlier,
    channel: Option<Channel>,
    input: &PetitionInput,
    errors: &mut Vec<FieldError>,
) -> Option<(Action, Note)> {
    let number = o.row.number.clone();
    let Some(round) = o.case.data.round.next() else {
        errors.push(FieldError::new(
            "origin",
            format!(
                "{number}是复核案件:信访人对复核意见不服,仍然以同一事实和理由提出投诉请求的,不再受理(《信访工作条例》第三十六条第三款)"
            ),
        ));
        return None;
    };
    let answered = o.case.common.closed_on.filter(|_| o.case.stage == petition::Stage::Answered);
    let Some(answered_on) = answered else {
        errors.push(FieldError::new(
            "origin",
            format!(
                "{number}尚未出具书面意见(当前环节:{}),不能请求{}({})",
                o.case.stage.zh(),
                round.zh(),
                round.article()
            ),
        ));
        return None;
    };
    if let Some(c) = o.case.data.category.filter(|c| *c != Category::Claim) {
        errors.push(FieldError::new(
            "origin",
            format!("{number}是{}事项:复查、复核针对申诉求决类事项的信访处理意见({})", c.zh(), round.article()),
        ));
        return None;
    }
    if let Some(f) = o.case.data.follow_ups.iter().find(|f| f.kind == FollowUpKind::Review) {
        errors.push(FieldError::new(
            "origin",
            format!("{number}的书面意见已请求{}({}),不能重复请求", round.zh(), f.number),
        ));
        return None;
    }
    let reply = if input.reply_received_on.trim().is_empty() {
        errors.push(FieldError::new("reply_received_on", format!("请填写信访人收到{number}书面答复的日期")));
        None
    } else {
        parse_date("reply_received_on", "收到书面答复日期", &input.reply_received_on).map_err(|e| errors.push(e)).ok()
    };
    let (Some(channel), Some(category), Some(reply)) = (channel, o.case.data.category, reply) else {
        return None;
    };
    let action =
        Action::ReceiveReview { round, reviews: number, channel, category, answered_on, reply_received_on: reply };
    Some((action, Note { earlier: o, kind: FollowUpKind::Review }))
}
