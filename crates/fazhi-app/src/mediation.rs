//! Registering a dispute for 调解 (人民调解 or 行政调解): by application, on
//! the mediator's initiative, or handed over by the police, the court or the
//! 信访 bodies. A hand-over whose source is a case in the system (a 信访 case
//! turned to mediation, a mediation begun again) is linked to it by its
//! number, read through the actor's scope like every link.
//!
//! Steps after registration go through `App::record_case_step` like every
//! other case; the procedure engine decides what each step may do.

use crate::auth::Actor;
use crate::cases::{parse_date, typed_id, Filing, Party};
use crate::reviews::{person_flag, text};
use crate::{App, AppError};
use fazhi_core::org::{FieldError, Permission};
use fazhi_core::procedure::mediation::{self, Channel, DisputeType, Mediation, MediationForm};
use fazhi_core::procedure::Matter;
use fazhi_store::cases::CaseRow;
use serde::{Deserialize, Serialize};

/// A dispute as typed by the staff of the mediating unit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MediationInput {
    /// The handling unit (the 司法所 or department); the actor's unit if empty.
    #[serde(deserialize_with = "typed_id")]
    pub unit_id: Option<i64>,
    pub received_on: String,
    /// A [`MediationForm`] code.
    pub form: String,
    /// A [`Channel`] code.
    pub channel: String,
    /// A [`DisputeType`] code.
    pub dispute: String,
    /// What an 其他 dispute is.
    pub dispute_other: String,
    /// Who handed the dispute over (公调对接, 诉调对接, 访调对接).
    pub referred_by: String,
    /// Their reference (转办单号, 案号).
    pub referral_ref: String,
    /// The number of the case in the system the dispute comes from.
    pub origin: String,
    /// The 人民调解委员会 (required for 人民调解).
    pub committee: String,
    /// `person` or `organisation`.
    pub party_kind: String,
    pub name: String,
    pub contact: String,
    pub other_party: String,
    pub subject: String,
}

/// The value of `raw` among `all` by its code, or a field error.
fn choice<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> String,
    field: &'static str,
    label: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let found = all.iter().copied().find(|v| code(*v) == raw.trim());
    if found.is_none() {
        let message = if raw.trim().is_empty() {
            format!("请选择{label}")
        } else {
            format!("“{}”不是{label}的可选项", fazhi_core::input::quote_for_message(raw.trim(), 40))
        };
        errors.push(FieldError::new(field, message));
    }
    found
}

/// An optional line of text of at most `max` characters.
fn optional(field: &'static str, label: &str, raw: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = raw.trim().to_owned();
    let n = v.chars().count();
    if n > max {
        errors.push(FieldError::new(field, format!("{label}过长:最多{max}个字,您输入了{n}个字")));
    }
    v
}

impl App {
    /// Registers a dispute for mediation. Refused input names each field in
    /// Chinese, quoting it; nothing is written then.
    pub async fn register_mediation(&self, actor: &Actor, input: &MediationInput) -> Result<CaseRow, AppError> {
        actor.require(Permission::WriteRecords)?;
        let mut errors = Vec::new();
        let received = parse_date("received_on", "收到日期", &input.received_on).map_err(|e| errors.push(e)).ok();
        let form = choice(MediationForm::ALL, MediationForm::code, "form", "调解形式", &input.form, &mut errors);
        let channel = choice(Channel::ALL, Channel::code, "channel", "纠纷来源", &input.channel, &mut errors);
        let dispute = choice(DisputeType::ALL, DisputeType::code, "dispute", "纠纷类型", &input.dispute, &mut errors);
        let dispute_other = optional("dispute_other", "纠纷的具体类型", &input.dispute_other, 50, &mut errors);
        if dispute == Some(DisputeType::Other) && dispute_other.is_empty() {
            errors.push(FieldError::new("dispute_other", "纠纷类型为“其他纠纷”时,请写明纠纷的具体类型"));
        }
        let referred_by = optional("referred_by", "移交单位", &input.referred_by, 100, &mut errors);
        let referral_ref = optional("referral_ref", "移交文号或案号", &input.referral_ref, 100, &mut errors);
        match channel {
            Some(c) if c.is_referral() && referred_by.is_empty() => {
                errors.push(FieldError::new("referred_by", format!("来源为“{}”的纠纷,请填写移交单位", c.zh())))
            }
            Some(c) if !c.is_referral() && (!referred_by.is_empty() || !referral_ref.is_empty()) => {
                errors.push(FieldError::new(
                    "referred_by",
                    format!(
                        "来源为“{}”的纠纷没有移交单位;公安机关、人民法院或信访部门移交的,请选择相应的来源,您填写的是“{referred_by}{referral_ref}”",
                        c.zh()
                    ),
                ))
            }
            _ => {}
        }
        let committee = optional("committee", "调解组织", &input.committee, 100, &mut errors);
        if form == Some(MediationForm::People) && committee.is_empty() {
            errors.push(FieldError::new("committee", "人民调解请填写主持调解的人民调解委员会"));
        }
        let person = person_flag("party_kind", &input.party_kind, &mut errors);
        let name = text("name", "申请人(当事人)姓名或名称", &input.name, 100, &mut errors);
        let other_party = text("other_party", "对方当事人", &input.other_party, 100, &mut errors);
        let subject = text("subject", "纠纷简要情况", &input.subject, 500, &mut errors);
        let contact = optional("contact", "联系方式", &input.contact, 100, &mut errors);
        let origin = self.origin_case(actor, &input.origin, &mut errors).await?;
        if let (Some(o), Some(r)) = (&origin, received) {
            if o.received_on.as_str() > r.to_string().as_str() {
                errors.push(FieldError::new(
                    "received_on",
                    format!("收到日期{r}早于来源案件{}的收到日期{},请核对", o.number, o.received_on),
                ));
            }
        }
        let unit = self.unit_in_scope(actor, input.unit_id, "unit_id", "承办单位", &mut errors).await?;
        let (Some(received), Some(form), Some(channel), Some(dispute), Some(unit), true) =
            (received, form, channel, dispute, unit, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };
        let action = mediation::Action::Receive {
            form,
            channel,
            dispute,
            dispute_other,
            referred_by,
            referral_ref,
            committee,
            other_party,
        };
        let filing = Filing {
            unit_id: unit.id,
            handler_id: Some(actor.user_id).filter(|i| *i > 0),
            receipt_code: None,
            subject,
            party: Party { name, contact, person, court: String::new() },
            origin_id: origin.map(|o| o.id),
            respondent_id: None,
            matter: Matter::Other,
        };
        self.file_case::<Mediation>(actor, &action, received, filing, |e| match e {
            e if e.contains("其他纠纷") => "dispute_other",
            e if e.contains("移交") => "referred_by",
            _ => "received_on",
        })
        .await
    }
}
