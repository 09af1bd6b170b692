//! 调解 as a procedure kind: 人民调解 by a 人民调解委员会 (人民调解法 2010) and
//! 行政调解 by a department (local rules \[U\]; the committee's steps apply by
//! analogy). A dispute arrives by application, on the mediator's own
//! initiative, or handed over by the police (公调对接), the court (诉调对接) or
//! the 信访 bodies (访调对接); it is accepted or refused (a party may refuse,
//! Art. 17), mediated in dated sessions, and ends in an agreement (Arts.
//! 28-31), a failure (Art. 26) or a withdrawal; the parties may then have the
//! agreement judicially confirmed (Art. 33). The coded values are data
//! ([`outcome`]); the handling period is a setting ([`clock`]).

pub mod clock;
pub mod outcome;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::{EventKind, ProcedureKind};

use super::engine::{invalid, t, Case, Procedure, Records, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
use super::steps;
pub use outcome::{
    Channel, ConfirmationResult, DisputeType, Fulfilment, MediationForm, MediationOutcome, RefusalGround,
};

/// 调解.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mediation;

/// The stages of a mediation case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 已登记, acceptance pending.
    Received,
    /// 已受理, being mediated.
    Mediating,
    /// A session is fixed.
    SessionScheduled,
    /// 已达成调解协议: concluded; 司法确认 and follow-ups may follow.
    Agreed,
    /// 已申请司法确认 (Art. 33).
    ConfirmationApplied,
    /// 司法确认有效 (terminal).
    Confirmed,
    /// 司法确认未获支持 (terminal; Art. 33 ¶3: mediate again or sue).
    NotConfirmed,
    /// 调解不成 (terminal; Art. 26).
    Failed,
    /// 不予受理 (terminal; Arts. 2, 17).
    Refused,
    /// 撤回 (terminal; Art. 23).
    Withdrawn,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Received,
        Stage::Mediating,
        Stage::SessionScheduled,
        Stage::Agreed,
        Stage::ConfirmationApplied,
        Stage::Confirmed,
        Stage::NotConfirmed,
        Stage::Failed,
        Stage::Refused,
        Stage::Withdrawn,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Received => "待受理",
            Stage::Mediating => "调解中",
            Stage::SessionScheduled => "已定调解日期",
            Stage::Agreed => "已达成调解协议",
            Stage::ConfirmationApplied => "已申请司法确认",
            Stage::Confirmed => "已司法确认",
            Stage::NotConfirmed => "司法确认未获支持",
            Stage::Failed => "调解不成",
            Stage::Refused => "不予受理",
            Stage::Withdrawn => "已撤回",
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, Stage::Confirmed | Stage::NotConfirmed | Stage::Failed | Stage::Refused | Stage::Withdrawn)
    }
}

/// One step on a mediation case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// The dispute is registered: by application, on the mediator's
    /// initiative, or handed over (`referred_by`, `referral_ref`: who and
    /// under which number; a source case in the system is the case's link).
    Receive {
        form: MediationForm,
        channel: Channel,
        dispute: DisputeType,
        /// What an 其他 dispute is.
        #[serde(default)]
        dispute_other: String,
        #[serde(default)]
        referred_by: String,
        #[serde(default)]
        referral_ref: String,
        /// The 人民调解委员会 (人民调解), or the mediating department's office.
        #[serde(default)]
        committee: String,
        /// The other party (被申请人).
        #[serde(default)]
        other_party: String,
    },
    /// 受理.
    Accept,
    /// 不予受理, with its ground.
    Refuse {
        ground: Option<RefusalGround>,
        #[serde(default)]
        reason: String,
    },
    /// A session fixed for `session_on` (notified on the step's date).
    ScheduleSession { session_on: NaiveDate },
    /// The session moves to another day.
    RescheduleSession { session_on: NaiveDate },
    /// The session is called off.
    CancelSession,
    /// A session took place on the step's date.
    HoldSession {
        #[serde(default)]
        note: String,
    },
    /// The handling period extended (with both parties' consent, \[U\]).
    GrantExtension { days: u32, approved_by: String },
    /// Agreement reached (Art. 28): written (调解协议书, effective when signed,
    /// Art. 29) or oral (recorded, effective at once, Art. 30); `amount` in
    /// yuan if money is to be paid.
    Agree {
        #[serde(default)]
        written: bool,
        #[serde(default)]
        amount: String,
        #[serde(default)]
        content: String,
    },
    /// 调解不成: mediation ends; the parties are told of arbitration,
    /// administrative and judicial remedies (Art. 26).
    Fail {
        #[serde(default)]
        reason: String,
    },
    /// The applicant withdrew or a party asked to end the mediation (Art. 23).
    Withdraw {
        #[serde(default)]
        reason: String,
    },
    /// The parties jointly applied to `court` for 司法确认 (Art. 33 ¶1).
    ApplyConfirmation {
        #[serde(default)]
        court: String,
    },
    /// The court's ruling on the application (Art. 33 ¶2-3).
    RuleOnConfirmation { result: Option<ConfirmationResult> },
    /// A follow-up on the agreement's performance (Art. 31 ¶2).
    FollowUp {
        fulfilment: Option<Fulfilment>,
        #[serde(default)]
        note: String,
    },
}

/// The agreement reached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// The date it took effect (Arts. 29-30).
    pub on: NaiveDate,
    /// 调解协议书 (written) or oral.
    pub written: bool,
    /// Money to be paid, in fen.
    pub amount_fen: Option<u64>,
    pub content: String,
}

/// A session held, or a follow-up, as the case page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub date: NaiveDate,
    /// `None` for a session; the performance found for a follow-up.
    #[serde(default)]
    pub fulfilment: Option<Fulfilment>,
    #[serde(default)]
    pub note: String,
}

/// An application for 司法确认 and the court's ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub applied_on: NaiveDate,
    pub court: String,
    #[serde(default)]
    pub ruled: Option<(NaiveDate, ConfirmationResult)>,
}

/// What only a mediation case keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    pub form: Option<MediationForm>,
    pub channel: Option<Channel>,
    pub dispute: Option<DisputeType>,
    pub dispute_other: String,
    pub referred_by: String,
    pub referral_ref: String,
    pub committee: String,
    pub other_party: String,
    pub accepted_on: Option<NaiveDate>,
    /// A fixed session.
    pub session_on: Option<NaiveDate>,
    /// Sessions held.
    pub sessions: Vec<Entry>,
    /// Days of extension granted so far.
    pub extension_days: u32,
    pub agreement: Option<Agreement>,
    /// Why mediation failed, was refused or withdrawn.
    pub end_reason: String,
    pub refusal: Option<RefusalGround>,
    pub confirmation: Option<Confirmation>,
    pub follow_ups: Vec<Entry>,
}

use Stage as S;
use Verb as V;

const PML: &str = "《人民调解法》";
const SESSION: &str = "调解";

/// The transitions of 调解.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::Receive, To(S::Received), "《人民调解法》第十七条、第十八条"),
    t(S::Received, V::Accept, To(S::Mediating), "《人民调解法》第十七条"),
    t(S::Received, V::Refuse, To(S::Refused), "《人民调解法》第二条、第十七条"),
    t(S::Received, V::Withdraw, To(S::Withdrawn), "《人民调解法》第二十三条"),
    t(S::Mediating, V::ScheduleSession, Pause(S::SessionScheduled), "《人民调解法》第二十一条、第二十二条"),
    t(S::SessionScheduled, V::RescheduleSession, Stay, "《人民调解法》第二十二条"),
    t(S::SessionScheduled, V::CancelSession, Resume, "《人民调解法》第二十二条"),
    t(S::SessionScheduled, V::HoldSession, Resume, "《人民调解法》第二十二条"),
    t(S::Mediating, V::HoldSession, Stay, "《人民调解法》第二十二条"),
    t(S::Mediating, V::GrantExtension, Stay, "《人民调解工作若干规定》第三十七条"),
    t(S::SessionScheduled, V::GrantExtension, Stay, "《人民调解工作若干规定》第三十七条"),
    t(S::Mediating, V::Agree, To(S::Agreed), "《人民调解法》第二十八条至第三十条"),
    t(S::Mediating, V::Fail, To(S::Failed), "《人民调解法》第二十六条"),
    t(S::SessionScheduled, V::Fail, To(S::Failed), "《人民调解法》第二十六条"),
    t(S::Mediating, V::Withdraw, To(S::Withdrawn), "《人民调解法》第二十三条"),
    t(S::SessionScheduled, V::Withdraw, To(S::Withdrawn), "《人民调解法》第二十三条"),
    t(S::Agreed, V::ApplyConfirmation, To(S::ConfirmationApplied), "《人民调解法》第三十三条第一款"),
    t(S::ConfirmationApplied, V::RuleOnConfirmation, ByStep, "《人民调解法》第三十三条"),
    t(S::Agreed, V::FollowUp, Stay, "《人民调解法》第三十一条第二款"),
    t(S::ConfirmationApplied, V::FollowUp, Stay, "《人民调解法》第三十一条第二款"),
];

const VERBS: &[Verb] = &[
    V::Receive,
    V::Accept,
    V::Refuse,
    V::ScheduleSession,
    V::RescheduleSession,
    V::CancelSession,
    V::HoldSession,
    V::GrantExtension,
    V::Agree,
    V::Fail,
    V::Withdraw,
    V::ApplyConfirmation,
    V::RuleOnConfirmation,
    V::FollowUp,
];

/// The headline indicators; rows by form, channel and dispute type follow
/// with ids `<id>.form.<code>`, `<id>.channel.<code>`, `<id>.type.<code>`.
pub const ACCEPTED: &str = "mediation.accepted";
pub const SUCCEEDED: &str = "mediation.succeeded";
pub const SUCCESS_RATE: &str = "mediation.success_rate";

impl Procedure for Mediation {
    const ID: &'static str = "mediation";
    const ZH: &'static str = "调解";
    const PREFIX: &'static str = "TJ";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记矛盾纠纷(人民调解、行政调解)";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = MediationOutcome;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::Receive => "登记纠纷",
            V::Accept => "受理",
            V::Refuse => "不予受理",
            V::ScheduleSession => "确定调解日期",
            V::RescheduleSession => "调解改期",
            V::CancelSession => "取消调解",
            V::HoldSession => "进行调解",
            V::GrantExtension => "延长调解期限",
            V::Agree => "达成调解协议",
            V::Fail => "调解不成",
            V::Withdraw => "撤回或终止调解",
            V::ApplyConfirmation => "申请司法确认",
            V::RuleOnConfirmation => "司法确认结果",
            V::FollowUp => "回访",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let before = cx.before;
        match action {
            Action::Receive {
                form,
                channel,
                dispute,
                dispute_other,
                referred_by,
                referral_ref,
                committee,
                other_party,
            } => {
                if *dispute == DisputeType::Other && dispute_other.trim().is_empty() {
                    return Err(invalid("纠纷类型为“其他纠纷”时，请写明纠纷的具体类型"));
                }
                if channel.is_referral() && referred_by.trim().is_empty() {
                    return Err(invalid(format!("来源为“{}”的纠纷，请写明移交的单位", channel.zh())));
                }
                let d = &mut cx.next.data;
                d.form = Some(*form);
                d.channel = Some(*channel);
                d.dispute = Some(*dispute);
                d.dispute_other = dispute_other.trim().to_owned();
                d.referred_by = referred_by.trim().to_owned();
                d.referral_ref = referral_ref.trim().to_owned();
                d.committee = committee.trim().to_owned();
                d.other_party = other_party.trim().to_owned();
                cx.next.common.received_on = Some(cx.date);
                cx.event(EventKind::Received);
            }
            Action::Accept => cx.next.data.accepted_on = Some(cx.date),
            Action::Refuse { ground, reason } => {
                let Some(ground) = ground else {
                    return Err(invalid(
                        "请选择不予受理的理由：当事人一方明确拒绝调解（《人民调解法》第十七条）、不属于可以调解的民间纠纷，\
                         或者已由其他机关受理、处理",
                    ));
                };
                cx.next.data.refusal = Some(*ground);
                cx.next.data.end_reason = reason.trim().to_owned();
                end(cx, MediationOutcome::NotAccepted);
            }
            Action::ScheduleSession { session_on } => {
                steps::schedule_meeting(cx, SESSION, None, *session_on, None)?;
                cx.next.data.session_on = Some(*session_on);
            }
            Action::RescheduleSession { session_on } => {
                steps::schedule_meeting(cx, SESSION, before.data.session_on, *session_on, None)?;
                cx.next.data.session_on = Some(*session_on);
            }
            Action::CancelSession => cx.next.data.session_on = None,
            Action::HoldSession { note } => {
                steps::hold_meeting(cx, SESSION, before.data.session_on)?;
                cx.next.data.session_on = None;
                cx.next.data.sessions.push(Entry { date: cx.date, fulfilment: None, note: note.trim().to_owned() });
            }
            Action::GrantExtension { days, approved_by } => {
                let granted = before.data.extension_days;
                cx.next.data.extension_days =
                    steps::extend(cx, clock::rule::HANDLING, clock::HANDLING, granted, *days, approved_by)?;
            }
            Action::Agree { written, amount, content } => {
                if before.data.sessions.is_empty() {
                    return Err(invalid("尚未登记调解：达成调解协议前，请先登记进行调解的日期和情况"));
                }
                let amount_fen = parse_amount(amount)?;
                cx.next.data.agreement =
                    Some(Agreement { on: cx.date, written: *written, amount_fen, content: content.trim().to_owned() });
                cx.event(EventKind::Mark(clock::AGREED));
                end(cx, MediationOutcome::Succeeded);
            }
            Action::Fail { reason } | Action::Withdraw { reason } => {
                cx.next.data.session_on = None;
                cx.next.data.end_reason = reason.trim().to_owned();
                let failed = matches!(action, Action::Fail { .. });
                end(cx, if failed { MediationOutcome::Failed } else { MediationOutcome::Withdrawn });
            }
            Action::ApplyConfirmation { court } => {
                if court.trim().is_empty() {
                    return Err(invalid("请填写受理司法确认申请的人民法院"));
                }
                check_confirmation_in_time(cx)?;
                cx.next.data.confirmation =
                    Some(Confirmation { applied_on: cx.date, court: court.trim().to_owned(), ruled: None });
                cx.perform(&[clock::CONFIRMATION]);
            }
            Action::RuleOnConfirmation { result } => {
                let Some(result) = result else {
                    return Err(invalid("请选择人民法院对司法确认申请的处理结果（《人民调解法》第三十三条）"));
                };
                if let Some(c) = cx.next.data.confirmation.as_mut() {
                    c.ruled = Some((cx.date, *result));
                }
                cx.goto(match result {
                    ConfirmationResult::Valid => S::Confirmed,
                    ConfirmationResult::Invalid => S::NotConfirmed,
                });
            }
            Action::FollowUp { fulfilment, note } => {
                if fulfilment.is_none() {
                    return Err(invalid("请选择回访了解到的协议履行情况（《人民调解法》第三十一条第二款）"));
                }
                cx.next.data.follow_ups.push(Entry {
                    date: cx.date,
                    fulfilment: *fulfilment,
                    note: note.trim().to_owned(),
                });
            }
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        match verb {
            V::Agree => !case.data.sessions.is_empty(),
            _ => true,
        }
    }

    fn form(_case: &Case<Self>, verb: Verb) -> Vec<Field> {
        match verb {
            V::Refuse => vec![
                Field::choice("ground", "不予受理的理由", options(RefusalGround::ALL, |g| g.zh().to_owned()))
                    .required(),
                Field::long_text("reason", "说明"),
            ],
            V::ScheduleSession => vec![Field::date("session_on", "调解日期").required()],
            V::RescheduleSession => vec![Field::date("session_on", "改期后的调解日期").required()],
            V::HoldSession => vec![Field::long_text("note", "调解情况(参加人员、争议焦点、进展)")],
            V::GrantExtension => vec![
                Field::count("days", "延长天数(日)").required(),
                Field::text("approved_by", "批准人(经双方当事人同意)").required(),
            ],
            V::Agree => vec![
                Field::check(
                    "written",
                    "制作调解协议书(不勾选:口头协议,由调解员记录协议内容,《人民调解法》第二十八条)",
                ),
                Field::text("amount", "协议涉及金额(元,无则不填)"),
                Field::long_text("content", "协议内容"),
            ],
            V::Fail => {
                vec![Field::long_text("reason", "调解不成的原因(已告知当事人可依法通过仲裁、行政、司法等途径解决)")]
            }
            V::Withdraw => vec![Field::long_text("reason", "撤回或要求终止调解的情况")],
            V::ApplyConfirmation => vec![Field::text("court", "人民法院").required()],
            V::RuleOnConfirmation => vec![Field::choice(
                "result",
                "人民法院的处理结果",
                options(ConfirmationResult::ALL, |r| r.zh().to_owned()),
            )
            .required()],
            V::FollowUp => vec![
                Field::choice("fulfilment", "协议履行情况", options(Fulfilment::ALL, |f| f.zh().to_owned())).required(),
                Field::long_text("note", "回访情况"),
            ],
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::Receive { form, channel, dispute, referred_by, .. } => {
                let from = if referred_by.is_empty() { String::new() } else { format!(",{referred_by}移交") };
                format!("登记{}纠纷({},{}{from})", form.zh(), dispute.zh(), channel.zh())
            }
            Action::Refuse { ground: Some(g), .. } => format!("不予受理:{}", g.zh()),
            Action::ScheduleSession { session_on } => format!("确定于{session_on}进行调解"),
            Action::RescheduleSession { session_on } => format!("调解改期至{session_on}"),
            Action::GrantExtension { days, approved_by } => format!("延长调解期限{days}日(批准人:{approved_by})"),
            Action::Agree { written, .. } => {
                format!("达成调解协议({})", if *written { "制作调解协议书" } else { "口头协议" })
            }
            Action::ApplyConfirmation { court } => format!("双方当事人向{court}申请司法确认"),
            Action::RuleOnConfirmation { result: Some(r) } => format!("司法确认:{}", r.zh()),
            Action::FollowUp { fulfilment: Some(f), .. } => format!("回访:协议{}", f.zh()),
            Action::Fail { reason } | Action::Withdraw { reason } if !reason.trim().is_empty() => {
                format!("{}:{}", Self::verb_zh(Self::verb(action)), reason.trim())
            }
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let d = &case.data;
        let zh = |v: Option<&'static str>| v.unwrap_or("").to_owned();
        let mut dispute = zh(d.dispute.map(DisputeType::zh));
        if !d.dispute_other.is_empty() {
            dispute = format!("{dispute}({})", d.dispute_other);
        }
        let mut out = vec![
            ("纠纷简要情况", r.subject.clone()),
            ("调解形式", zh(d.form.map(MediationForm::zh))),
            ("纠纷类型", dispute),
            ("来源", zh(d.channel.map(Channel::zh))),
        ];
        if !d.referred_by.is_empty() {
            let reference = if d.referral_ref.is_empty() { String::new() } else { format!("({})", d.referral_ref) };
            out.push(("移交单位", format!("{}{reference}", d.referred_by)));
        }
        out.push(("承办单位", r.unit_name.clone()));
        if !d.committee.is_empty() {
            out.push(("调解组织", d.committee.clone()));
        }
        out.push(("申请人(当事人)", r.party.clone()));
        if !d.other_party.is_empty() {
            out.push(("对方当事人", d.other_party.clone()));
        }
        out.push(("收到日期", r.received_on.clone()));
        if let Some(on) = d.accepted_on {
            out.push(("受理日期", on.to_string()));
        }
        if let Some(a) = &d.agreement {
            let kind = if a.written { "调解协议书" } else { "口头协议" };
            let amount = a.amount_fen.map(|f| format!(",金额{}元", yuan(f))).unwrap_or_default();
            out.push(("调解协议", format!("{kind},{}生效{amount}", a.on)));
        }
        if let Some(c) = &d.confirmation {
            let ruled = match c.ruled {
                Some((on, r)) => format!(";{on}{}", r.zh()),
                None => String::new(),
            };
            out.push(("司法确认", format!("{}向{}申请{ruled}", c.applied_on, c.court)));
        }
        if let Some(o) = case.outcome {
            let why = d.refusal.map(RefusalGround::zh).map(str::to_owned).unwrap_or_else(|| d.end_reason.clone());
            let text = if why.is_empty() { o.zh().to_owned() } else { format!("{}:{why}", o.zh()) };
            out.push(("调解结果", text));
        }
        out
    }

    /// An agreement concludes the case for the statistics; 司法确认 and
    /// follow-ups may still be recorded.
    fn concludes(stage: Stage) -> bool {
        stage.is_terminal() || matches!(stage, S::Agreed | S::ConfirmationApplied)
    }
    fn hearing_on(case: &Case<Self>) -> Option<NaiveDate> {
        case.data.session_on
    }
    fn notes(case: &Case<Self>) -> Vec<String> {
        case.data.session_on.iter().map(|d| format!("已定于{d}进行调解。")).collect()
    }
    fn warnings(case: &Case<Self>) -> Vec<String> {
        match case.data.follow_ups.last() {
            Some(f) if f.fulfilment != Some(Fulfilment::Fulfilled) => vec![format!(
                "{}回访:调解协议{}。经司法确认的协议可向人民法院申请强制执行;未经确认的,当事人可就履行向人民法院提起诉讼(《人民调解法》第三十二条、第三十三条)",
                f.date,
                f.fulfilment.map(Fulfilment::zh).unwrap_or("")
            )],
            _ => Vec::new(),
        }
    }
    /// A new mediation of the same dispute after the court did not confirm
    /// the agreement (Art. 33 ¶3), linked to this one.
    fn challenged_by(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        if case.stage == S::NotConfirmed {
            vec![("mediation", "重新调解(变更原协议或达成新协议)")]
        } else {
            Vec::new()
        }
    }
    /// The sessions held and the follow-ups, in order.
    fn records(case: &Case<Self>) -> Option<Records> {
        let d = &case.data;
        if d.sessions.is_empty() && d.follow_ups.is_empty() {
            return None;
        }
        let mut rows: Vec<(NaiveDate, Vec<String>)> = d
            .sessions
            .iter()
            .map(|s| (s.date, vec![s.date.to_string(), "调解".to_owned(), s.note.clone()]))
            .chain(d.follow_ups.iter().map(|f| {
                let found = f.fulfilment.map(Fulfilment::zh).unwrap_or("");
                let text = if f.note.is_empty() { found.to_owned() } else { format!("{found}:{}", f.note) };
                (f.date, vec![f.date.to_string(), "回访".to_owned(), text])
            }))
            .collect();
        rows.sort_by_key(|(d, _)| *d);
        Some(Records {
            title: "调解与回访记录",
            headers: vec!["日期", "事项", "情况"],
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        })
    }

    fn indicator_facts(case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        facts(case)
    }

    fn catalogue(_config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        catalogue()
    }

    fn counter_name(counter: &str) -> Option<&'static str> {
        GROUPS.iter().find_map(|g| {
            [(g.accepted, g.zh[0]), (g.ended, g.zh[3]), (g.succeeded, g.zh[1])]
                .into_iter()
                .find_map(|(c, zh)| (c == counter).then_some(zh))
        })
    }
}

/// Records the outcome and meets the handling period.
fn end(cx: &mut StepCx<'_, Mediation>, outcome: MediationOutcome) {
    cx.conclude(outcome);
    cx.perform(&[clock::HANDLING]);
}

/// Art. 33 ¶1: within 30 days of the agreement taking effect.
fn check_confirmation_in_time(cx: &StepCx<'_, Mediation>) -> Result<(), TransitionError> {
    let date = cx.date;
    match cx.engine.due_date(clock::KIND, clock::CONFIRMATION, &cx.before.common.clock_events) {
        Ok(Some(due)) if date > due => {
            let on = cx.before.data.agreement.as_ref().map(|a| a.on.to_string()).unwrap_or_default();
            Err(invalid(format!(
                "申请司法确认应当自调解协议生效之日起三十日内提出（{PML}第三十三条第一款）：协议于{on}生效，\
                 期限于{due}届满，录入的申请日期为{date}"
            )))
        }
        _ => Ok(()),
    }
}

/// An amount in yuan as typed (`12000`, `3,500.50`, `3500.5元`): fen, or
/// `None` when empty.
fn parse_amount(raw: &str) -> Result<Option<u64>, TransitionError> {
    let text: String = raw.trim().trim_end_matches('元').chars().filter(|c| *c != ',' && *c != '，').collect();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        let shown = crate::input::quote_for_message(raw.trim(), 40);
        invalid(format!("协议涉及金额应为以元为单位的数额（最多两位小数），您输入的是“{shown}”"))
    };
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 2 || whole.len() > 11 {
        return Err(refuse());
    }
    let yuan: u64 = whole.parse().map_err(|_| refuse())?;
    let fen: u64 = format!("{frac:0<2}").parse().map_err(|_| refuse())?;
    Ok(Some(yuan * 100 + fen))
}

/// Fen as yuan: `1200000` → `12000`, `350050` → `3500.50`.
fn yuan(fen: u64) -> String {
    if fen.is_multiple_of(100) {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// What the indicators read of a case: when it was accepted, when and how it
/// ended after acceptance, and its form, channel and dispute type.
struct Counted {
    accepted: Option<NaiveDate>,
    /// The end after acceptance: agreement, failure or withdrawal.
    ended: Option<(NaiveDate, MediationOutcome)>,
    keys: [String; 3],
}

impl Counted {
    fn of(case: &Case<Mediation>) -> Counted {
        let d = &case.data;
        let ended = match (d.accepted_on, case.common.concluded(), case.outcome) {
            (Some(_), Some(on), Some(o)) if o != MediationOutcome::NotAccepted => Some((on, o)),
            _ => None,
        };
        let code = |c: Option<String>| c.unwrap_or_default();
        Counted {
            accepted: d.accepted_on,
            ended,
            keys: [
                format!("form.{}", code(d.form.map(MediationForm::code))),
                format!("channel.{}", code(d.channel.map(Channel::code))),
                format!("type.{}", code(d.dispute.map(DisputeType::code))),
            ],
        }
    }
}

/// One group of the indicators: every mediation (`key` empty), or those of
/// one form, channel or dispute type (`form.people`); its counters, ids and
/// names, made once (the catalogue's strings are `'static`).
struct Group {
    key: &'static str,
    accepted: &'static str,
    ended: &'static str,
    succeeded: &'static str,
    rate: &'static str,
    /// 受理, 调处成功, 成功率 (the indicators' names, the first two also
    /// their counters'), and the name of the counter `ended`.
    zh: [&'static str; 4],
}

static GROUPS: std::sync::LazyLock<Vec<Group>> = std::sync::LazyLock::new(|| {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut keys: Vec<(String, String)> = vec![(String::new(), String::new())];
    keys.extend(MediationForm::ALL.iter().map(|f| (format!("form.{}", f.code()), format!("({})", f.zh()))));
    keys.extend(Channel::ALL.iter().map(|c| (format!("channel.{}", c.code()), format!("({})", c.zh()))));
    keys.extend(DisputeType::ALL.iter().map(|t| (format!("type.{}", t.code()), format!("({})", t.zh()))));
    keys.into_iter()
        .map(|(key, zh)| {
            let suffix = if key.is_empty() { String::new() } else { format!(".{key}") };
            Group {
                key: leak(key),
                accepted: leak(format!("{ACCEPTED}{suffix}")),
                ended: leak(format!("mediation.ended{suffix}")),
                succeeded: leak(format!("{SUCCEEDED}{suffix}")),
                rate: leak(format!("{SUCCESS_RATE}{suffix}")),
                zh: [
                    leak(format!("受理{zh}")),
                    leak(format!("调处成功{zh}")),
                    leak(format!("成功率{zh}")),
                    leak(format!("受理后调解结束{zh}")),
                ],
            }
        })
        .collect()
});

/// The facts of a mediation: 受理 dated by the acceptance; the end after
/// acceptance (agreement, failure, withdrawal) and 调处成功 dated by the end;
/// each once overall and once for its form, channel and dispute type.
fn facts(case: &Case<Mediation>) -> Vec<super::catalogue::Fact> {
    use super::catalogue::Fact as F;
    let c = Counted::of(case);
    let mut out = Vec::new();
    for g in GROUPS.iter().filter(|g| g.key.is_empty() || c.keys.iter().any(|k| k == g.key)) {
        out.extend(c.accepted.map(|on| F::new(g.accepted, on)));
        if let Some((on, o)) = c.ended {
            out.push(F::new(g.ended, on));
            if o == MediationOutcome::Succeeded {
                out.push(F::new(g.succeeded, on));
            }
        }
    }
    out
}

/// 受理 (accepted in the period), 调处成功 (agreements reached in the period)
/// and 成功率 (调处成功 over the mediations that ended in the period after
/// acceptance: agreement, failure or withdrawal) \[U: the reports do not say;
/// this is the one that stays within 100%\], overall and then by form,
/// channel and dispute type.
pub fn catalogue() -> Vec<super::catalogue::IndicatorDef> {
    use super::catalogue::{IndicatorDef as D, Tally::Sum};
    use std::slice::from_ref as one;
    let mut out = Vec::with_capacity(GROUPS.len() * 3);
    for g in GROUPS.iter() {
        out.push(D::count(g.accepted, g.zh[0], Sum(one(&g.accepted)), "受理日期在本期的纠纷数"));
        out.push(D::count(g.succeeded, g.zh[1], Sum(one(&g.succeeded)), "达成调解协议的日期在本期的纠纷数"));
        out.push(D::rate(
            g.rate,
            g.zh[2],
            Sum(one(&g.succeeded)),
            Sum(one(&g.ended)),
            "调处成功数 ÷ 本期受理后调解结束的纠纷数(达成协议、调解不成、撤回或终止调解)",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::procedure::catalogue::{evaluate, CaseFacts};
    use crate::procedure::indicators::{IndicatorValue, Period, Value};

    /// The computation the kind had before the catalogue (issue 12), kept as
    /// the reference the facts are checked against.
    /// 受理 (accepted in the period), 调处成功 (agreements reached in the period)
    /// and 成功率 (调处成功 over the mediations that ended in the period after
    /// acceptance: agreement, failure or withdrawal) \[U: the reports do not say;
    /// this is the one that stays within 100%\], overall and then by form,
    /// channel and dispute type.
    fn reference(cases: &[&Case<Mediation>], period: Period) -> Vec<IndicatorValue> {
        let counted: Vec<Counted> = cases.iter().map(|c| Counted::of(c)).collect();
        let mut groups: Vec<(String, String)> = vec![(String::new(), String::new())];
        let group = |prefix: &str, code: String, zh: &str| (format!(".{prefix}.{code}"), format!("({zh})"));
        groups.extend(MediationForm::ALL.iter().map(|f| group("form", f.code(), f.zh())));
        groups.extend(Channel::ALL.iter().map(|c| group("channel", c.code(), c.zh())));
        groups.extend(DisputeType::ALL.iter().map(|t| group("type", t.code(), t.zh())));
        let mut out = Vec::with_capacity(groups.len() * 3);
        for (suffix, zh) in groups {
            let key = suffix.trim_start_matches('.');
            let mine: Vec<&Counted> =
                counted.iter().filter(|c| key.is_empty() || c.keys.iter().any(|k| k == key)).collect();
            let accepted = mine.iter().filter(|c| c.accepted.is_some_and(|d| period.contains(d))).count() as u64;
            let ended: Vec<MediationOutcome> =
                mine.iter().filter_map(|c| c.ended).filter(|(d, _)| period.contains(*d)).map(|(_, o)| o).collect();
            let succeeded = ended.iter().filter(|o| **o == MediationOutcome::Succeeded).count() as u64;
            let value = |id: &str, name: &str, value: Value, definition: &str| IndicatorValue {
                id: format!("{id}{suffix}"),
                name: format!("{name}{zh}"),
                value,
                definition: definition.to_owned(),
            };
            out.push(value(ACCEPTED, "受理", Value::Count { count: accepted }, "受理日期在本期的纠纷数"));
            out.push(value(
                SUCCEEDED,
                "调处成功",
                Value::Count { count: succeeded },
                "达成调解协议的日期在本期的纠纷数",
            ));
            out.push(value(
                SUCCESS_RATE,
                "成功率",
                Value::Rate { numerator: succeeded, denominator: ended.len() as u64 },
                "调处成功数 ÷ 本期受理后调解结束的纠纷数(达成协议、调解不成、撤回或终止调解)",
            ));
        }
        out
    }

    #[test]
    fn the_catalogue_over_the_facts_equals_the_old_computation() {
        let d = |y: i32, m: u32, day: u32| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let outcomes = [
            MediationOutcome::Succeeded,
            MediationOutcome::Failed,
            MediationOutcome::Withdrawn,
            MediationOutcome::NotAccepted,
        ];
        let cases: Vec<Case<Mediation>> = (0..160usize)
            .map(|i| {
                let mut c = Case::<Mediation>::new();
                c.common.received_on = Some(d(2024 + (i % 2) as i32, 1 + (i % 12) as u32, 2));
                c.data.form = (!i.is_multiple_of(5)).then(|| MediationForm::ALL[i % MediationForm::ALL.len()]);
                c.data.channel = (!i.is_multiple_of(7)).then(|| Channel::ALL[i % Channel::ALL.len()]);
                c.data.dispute = (!i.is_multiple_of(9)).then(|| DisputeType::ALL[i % DisputeType::ALL.len()]);
                c.data.accepted_on =
                    (!i.is_multiple_of(6)).then(|| d(2024 + (i % 2) as i32, 1 + ((i + 1) % 12) as u32, 5));
                if i % 4 != 3 {
                    c.common.closed_on = Some(d(2025, 1 + ((i + 3) % 12) as u32, 9));
                    c.outcome = Some(outcomes[i % 4]);
                }
                c
            })
            .collect();
        let refs: Vec<&Case<Mediation>> = cases.iter().collect();
        let by_case: Vec<CaseFacts<usize>> =
            cases.iter().enumerate().map(|(case, c)| CaseFacts { case, facts: facts(c) }).collect();
        let mut nonzero = 0;
        for period in [
            Period { from: d(2025, 1, 1), to: d(2025, 12, 31) },
            Period { from: d(2024, 1, 1), to: d(2024, 12, 31) },
            Period { from: d(2025, 4, 1), to: d(2025, 6, 30) },
        ] {
            let got = evaluate(&catalogue(), &by_case, period);
            assert_eq!(got, reference(&refs, period), "{period:?}");
            nonzero += got.iter().filter(|v| v.value.count() > 0).count();
        }
        assert!(nonzero > 60, "{nonzero}");
    }

    #[test]
    fn amounts_are_read_in_yuan_and_bad_ones_quoted() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount(" 12000 "), Ok(Some(1_200_000)));
        assert_eq!(parse_amount("3,500.5元"), Ok(Some(350_050)));
        assert_eq!(parse_amount("0.05"), Ok(Some(5)));
        for bad in ["一万", "12.345", "-5", "1e5", ".5", "1000000000000"] {
            let e = parse_amount(bad).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        assert_eq!(yuan(1_200_000), "12000");
        assert_eq!(yuan(350_050), "3500.50");
    }
}
