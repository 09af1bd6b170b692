//! 信访 (信访工作条例, 中共中央、国务院 2022, in force 2022-05-01) as a
//! procedure kind: registration of letters, visits and online petitions with
//! their category (Arts. 29–31) and the 初信初访 mark; the 信访部门's transfer or
//! assignment and the competent body's notice or objection (Arts. 22–23);
//! 依法分类处理, a matter that belongs to litigation, 复议 or arbitration being
//! diverted (Arts. 30–31); the 60-day handling with its extension (Art. 34);
//! the written 处理意见 (Art. 32) or an agreement (Art. 33); 复查 and 复核 as
//! cases of their own (Arts. 35–36); the petitioner's satisfaction; and the
//! indicators 及时受理率, 按期办结率, 满意率, 初信初访一次性化解率 and 重复信访.
//!
//! A 复查 or 复核 request, and a repeat petition about the same matter, is a
//! case of its own linked to the earlier one; its registration also records a
//! follow-up on the earlier case ([`Action::FollowUp`], not offered as a step
//! form), which is how the earlier case knows it was not resolved at once.

pub mod clock;
pub mod outcome;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::arithmetic::{self, Unit};
use crate::clock::{EventKind, PauseKind, ProcedureKind, Step};

use super::engine::{invalid, t, Case, Procedure, Records, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
use super::steps;
pub use outcome::{
    Agreement, Category, Channel, DeclineGround, FollowUpKind, PetitionOutcome, Round, Route, Satisfaction,
};

/// 信访.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Petition;

/// The stages of a 信访 case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 已登记, to be transferred, assigned or taken up (Arts. 22–23).
    Registered,
    /// 已转送交办, waiting for the competent body (Art. 23 ¶3).
    Transferred,
    /// 办理中 (accepted; a 复查 or 复核 from its request).
    Handling,
    /// 听证 notified (Arts. 31 (五), 36 ¶2).
    Hearing,
    /// 已答复: the written opinion was given (Arts. 32, 35, 36). Concluded; the
    /// rating and a 复查 request may follow.
    Answered,
    /// 已调解和解 (Art. 33). Concluded; the rating may follow.
    Settled,
    /// 已导入法定途径 (terminal; Arts. 30–31).
    Diverted,
    /// 不予受理 (terminal; Art. 23 ¶1, Art. 36 ¶3).
    Declined,
    /// 已撤回 (terminal).
    Withdrawn,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Registered,
        Stage::Transferred,
        Stage::Handling,
        Stage::Hearing,
        Stage::Answered,
        Stage::Settled,
        Stage::Diverted,
        Stage::Declined,
        Stage::Withdrawn,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Registered => "已登记",
            Stage::Transferred => "已转送交办",
            Stage::Handling => "办理中",
            Stage::Hearing => "听证中",
            Stage::Answered => "已答复",
            Stage::Settled => "已调解和解",
            Stage::Diverted => "已导入法定途径",
            Stage::Declined => "不予受理",
            Stage::Withdrawn => "已撤回",
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, Stage::Diverted | Stage::Declined | Stage::Withdrawn)
    }
}

/// One step on a 信访 case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// A petition registered (Arts. 22–23). `first`: 初信初访; `repeat_of`:
    /// the number of an earlier case about the same matter; `after_recheck`:
    /// that matter went through 复核 already (Art. 36 ¶3).
    Register {
        channel: Channel,
        category: Category,
        #[serde(default)]
        first: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        repeat_of: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        after_recheck: bool,
    },
    /// A 复查 (Art. 35) or 复核 (Art. 36) request received against the opinion
    /// of case `reviews`, answered on `answered_on`, whose written answer the
    /// petitioner received on `reply_received_on`.
    ReceiveReview {
        round: Round,
        reviews: String,
        channel: Channel,
        category: Category,
        answered_on: NaiveDate,
        reply_received_on: NaiveDate,
    },
    /// 转送 (or, `assigned`, 交办 with a report back) to the competent body (Art. 22).
    Transfer {
        to: String,
        #[serde(default)]
        assigned: bool,
    },
    /// The competent body objects, with reasons, and the item goes back (Art. 23 ¶3).
    Object { reason: String },
    /// The body takes the matter up and tells the petitioner (Art. 23).
    Accept,
    /// 导入相应法定途径 (Arts. 30–31).
    Divert {
        route: Option<Route>,
        #[serde(default)]
        note: String,
    },
    /// Not taken up (Art. 23 ¶1, Art. 36 ¶3).
    Decline { ground: Option<DeclineGround> },
    /// Extension of the 60 days (Art. 34), with the reason told to the petitioner.
    GrantExtension {
        days: u32,
        approved_by: String,
        #[serde(default)]
        reason: String,
    },
    /// A hearing notified (Arts. 31 (五), 36 ¶2): the step's date is the notice.
    ScheduleHearing { hearing_on: NaiveDate },
    /// The hearing took place.
    HoldHearing,
    /// The hearing is called off.
    CancelHearing,
    /// The written 信访处理意见 (Art. 32), 复查意见 (Art. 35) or 复核意见 (Art. 36).
    Answer { outcome: Option<PetitionOutcome> },
    /// A mediation or settlement agreement (Art. 33).
    Settle { agreement: Option<Agreement> },
    /// The petitioner's rating of the answer.
    Rate { satisfaction: Option<Satisfaction> },
    /// A later case about this matter was registered (`number`, received on
    /// `received_on`): a 复查/复核 request or a repeat petition. Recorded by the
    /// registration of that case, not offered as a step.
    FollowUp { kind: FollowUpKind, number: String, received_on: NaiveDate },
    /// The petitioner withdrew.
    Withdraw,
}

/// A transfer or assignment as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub on: NaiveDate,
    pub to: String,
    pub assigned: bool,
}

/// A later case about the same matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub number: String,
    pub on: NaiveDate,
}

/// What only a 信访 case keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    pub channel: Option<Channel>,
    pub category: Option<Category>,
    /// 初信初访: the first letter or visit about the matter.
    pub first: bool,
    pub round: Round,
    /// 重复信访: the earlier case about the same matter.
    pub repeat_of: Option<String>,
    /// That matter went through 复核 already (Art. 36 ¶3).
    pub repeat_after_recheck: bool,
    /// 复查/复核: the case whose opinion is reviewed.
    pub reviews: Option<String>,
    /// 复查/复核: when the petitioner received the written answer reviewed.
    pub reply_received_on: Option<NaiveDate>,
    pub transfers: Vec<Transfer>,
    pub objections: u32,
    /// When the petitioner was told the matter was taken up, diverted or declined.
    pub notified_on: Option<NaiveDate>,
    /// A 申诉求决类 matter accepted into the 信访 route (the 60 days run).
    pub accepted_on: Option<NaiveDate>,
    pub route: Option<Route>,
    pub extension_days: u32,
    pub hearing_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub rated_on: Option<NaiveDate>,
    pub follow_ups: Vec<FollowUp>,
    /// The due date in force when each deadline step was performed (the
    /// indicators, which get no clock, tell on-time from late by it).
    pub dues: Vec<(Step, NaiveDate)>,
}

use Stage as S;
use Verb as V;

const REG: &str = "《信访工作条例》";

/// The transitions of 信访.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::Register, To(S::Registered), "《信访工作条例》第二十二条、第二十三条"),
    t(S::New, V::ReceiveReview, To(S::Handling), "《信访工作条例》第三十五条、第三十六条"),
    t(S::Registered, V::Transfer, To(S::Transferred), "《信访工作条例》第二十二条、第二十三条第一款"),
    t(S::Transferred, V::Object, To(S::Registered), "《信访工作条例》第二十三条第三款"),
    t(S::Registered, V::Accept, To(S::Handling), "《信访工作条例》第二十三条第一款、第二款"),
    t(S::Transferred, V::Accept, To(S::Handling), "《信访工作条例》第二十三条第三款"),
    t(S::Registered, V::Divert, To(S::Diverted), "《信访工作条例》第三十条、第三十一条"),
    t(S::Transferred, V::Divert, To(S::Diverted), "《信访工作条例》第三十条、第三十一条"),
    t(S::Handling, V::Divert, To(S::Diverted), "《信访工作条例》第三十条、第三十一条"),
    t(S::Registered, V::Decline, To(S::Declined), "《信访工作条例》第二十三条第一款、第三十六条第三款"),
    t(S::Handling, V::GrantExtension, Stay, "《信访工作条例》第三十四条"),
    t(S::Handling, V::ScheduleHearing, Pause(S::Hearing), "《信访工作条例》第三十一条第五项、第三十六条第二款"),
    t(S::Hearing, V::HoldHearing, Resume, "《信访工作条例》第三十一条第五项、第三十六条第二款"),
    t(S::Hearing, V::CancelHearing, Resume, "《信访工作条例》第三十六条第二款"),
    t(S::Handling, V::Answer, To(S::Answered), "《信访工作条例》第三十二条、第三十五条、第三十六条"),
    t(S::Handling, V::Settle, To(S::Settled), "《信访工作条例》第三十三条"),
    t(S::Answered, V::Rate, Stay, "《信访工作条例》第三十二条;信访事项满意度评价"),
    t(S::Settled, V::Rate, Stay, "《信访工作条例》第三十三条;信访事项满意度评价"),
    t(S::Registered, V::FollowUp, Stay, "《信访工作条例》第二十二条"),
    t(S::Transferred, V::FollowUp, Stay, "《信访工作条例》第二十二条"),
    t(S::Handling, V::FollowUp, Stay, "《信访工作条例》第二十二条"),
    t(S::Hearing, V::FollowUp, Stay, "《信访工作条例》第二十二条"),
    t(S::Answered, V::FollowUp, Stay, "《信访工作条例》第三十五条、第三十六条"),
    t(S::Settled, V::FollowUp, Stay, "《信访工作条例》第二十二条"),
    t(S::Registered, V::Withdraw, To(S::Withdrawn), REG),
    t(S::Transferred, V::Withdraw, To(S::Withdrawn), REG),
    t(S::Handling, V::Withdraw, To(S::Withdrawn), REG),
    t(S::Hearing, V::Withdraw, To(S::Withdrawn), REG),
];

const VERBS: &[Verb] = &[
    V::Register,
    V::ReceiveReview,
    V::Transfer,
    V::Object,
    V::Accept,
    V::Divert,
    V::Decline,
    V::GrantExtension,
    V::ScheduleHearing,
    V::HoldHearing,
    V::CancelHearing,
    V::Answer,
    V::Settle,
    V::Rate,
    V::FollowUp,
    V::Withdraw,
];

/// `petition.received`: petitions received (first round; 复查/复核 apart).
pub const RECEIVED: &str = "petition.received";
/// `petition.timely_acceptance_rate`: 及时受理率.
pub const TIMELY_ACCEPTANCE_RATE: &str = "petition.timely_acceptance_rate";
/// `petition.on_time_conclusion_rate`: 按期办结率.
pub const ON_TIME_CONCLUSION_RATE: &str = "petition.on_time_conclusion_rate";
/// `petition.satisfaction_rate`: 满意率.
pub const SATISFACTION_RATE: &str = "petition.satisfaction_rate";
/// `petition.first_resolution_rate`: 初信初访一次性化解率.
pub const FIRST_RESOLUTION_RATE: &str = "petition.first_resolution_rate";
/// `petition.repeat`: 重复信访.
pub const REPEAT: &str = "petition.repeat";

/// A 复查/复核 request comes within 30 days of receiving the written answer
/// (Arts. 35–36), counted as LAW.md §0 counts days.
pub const REQUEST_DAYS: u32 = 30;

impl Procedure for Petition {
    const ID: &'static str = "petition";
    const ZH: &'static str = "信访";
    const PREFIX: &'static str = "XF";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记信访事项(来信、来访、网上信访)";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = PetitionOutcome;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::Register => "登记信访事项",
            V::ReceiveReview => "登记复查(复核)请求",
            V::Transfer => "转送交办",
            V::Object => "提出异议(交还)",
            V::Accept => "受理并告知",
            V::Divert => "导入法定途径",
            V::Decline => "不予受理",
            V::GrantExtension => "批准延长办理期限",
            V::ScheduleHearing => "通知听证",
            V::HoldHearing => "举行听证",
            V::CancelHearing => "取消听证",
            V::Answer => "出具处理(复查、复核)意见",
            V::Settle => "达成调解和解协议",
            V::Rate => "登记满意度评价",
            V::FollowUp => "再次信访或请求复查",
            V::Withdraw => "撤回",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let before = cx.before;
        match action {
            Action::Register { channel, category, first, repeat_of, after_recheck } => {
                let repeat_of = repeat_of.as_deref().map(str::trim).filter(|n| !n.is_empty());
                if *first && repeat_of.is_some() {
                    return Err(invalid(format!(
                        "已填写同一事项此前的信访编号“{}”,本件是重复信访,不能同时标记为初信初访",
                        repeat_of.unwrap_or_default()
                    )));
                }
                if *after_recheck && repeat_of.is_none() {
                    return Err(invalid("标记“已经复核”须填写此前的信访编号"));
                }
                let d = &mut cx.next.data;
                d.channel = Some(*channel);
                d.category = Some(*category);
                d.first = *first;
                d.repeat_of = repeat_of.map(str::to_owned);
                d.repeat_after_recheck = *after_recheck;
                cx.next.common.received_on = Some(cx.date);
                cx.event(EventKind::Received);
            }
            Action::ReceiveReview { round, reviews, channel, category, answered_on, reply_received_on } => {
                let mark = match round {
                    Round::Review => clock::REVIEW,
                    Round::Recheck => clock::RECHECK,
                    Round::First => return Err(invalid("复查、复核请求须注明是复查还是复核")),
                };
                if reviews.trim().is_empty() {
                    return Err(invalid(format!("{}请求须注明针对的信访案件编号", round.zh())));
                }
                if *category != Category::Claim {
                    return Err(invalid(format!(
                        "{}针对的是申诉求决类事项的信访处理意见({}),{}不适用",
                        round.zh(),
                        round.article(),
                        category.zh()
                    )));
                }
                check_request_period(cx, *round, *answered_on, *reply_received_on)?;
                let d = &mut cx.next.data;
                d.round = *round;
                d.reviews = Some(reviews.trim().to_owned());
                d.channel = Some(*channel);
                d.category = Some(*category);
                d.reply_received_on = Some(*reply_received_on);
                cx.next.common.received_on = Some(cx.date);
                cx.event(EventKind::Received);
                cx.event(EventKind::Mark(mark));
            }
            Action::Transfer { to, assigned } => {
                let to = to.trim();
                if to.is_empty() {
                    return Err(invalid("请填写转送、交办的有权处理的机关、单位(《信访工作条例》第二十二条)"));
                }
                cx.next.data.transfers.push(Transfer { on: cx.date, to: to.to_owned(), assigned: *assigned });
                cx.event(EventKind::Mark(clock::TRANSFERRED));
                meet(cx, &[clock::TRANSFER]);
            }
            Action::Object { reason } => {
                if reason.trim().is_empty() {
                    return Err(invalid(
                        "提出异议须详细说明理由(《信访工作条例》第二十三条第三款:不属于本机关、单位或者本系统职权范围的,\
                         应当自收到之日起5个工作日内提出异议,并详细说明理由)",
                    ));
                }
                cx.next.data.objections += 1;
                meet(cx, &[clock::OBJECTION]);
            }
            Action::Accept => {
                notify(cx);
                if before.data.category == Some(Category::Claim) {
                    cx.next.data.accepted_on = Some(cx.date);
                    cx.event(EventKind::Mark(clock::ACCEPTED));
                }
            }
            Action::Divert { route, .. } => {
                let Some(route) = route else {
                    return Err(invalid("请选择导入的法定途径(《信访工作条例》第三十条、第三十一条)"));
                };
                check_route(before.data.category, *route)?;
                cx.next.data.route = Some(*route);
                if before.data.notified_on.is_none() {
                    notify(cx);
                }
                meet(cx, &[clock::HANDLING]);
                cx.conclude(PetitionOutcome::Diverted);
            }
            Action::Decline { ground } => {
                let Some(ground) = ground else {
                    return Err(invalid("请选择不予受理的情形"));
                };
                if *ground == DeclineGround::AfterRecheck && !before.data.repeat_after_recheck {
                    return Err(invalid(
                        "只有已经复核、信访人仍以同一事实和理由提出的信访事项才不再受理(《信访工作条例》第三十六条第三款);\
                         本件登记时未注明该事项已经复核",
                    ));
                }
                notify(cx);
                cx.conclude(PetitionOutcome::Declined);
            }
            Action::GrantExtension { days, approved_by, reason } => {
                if reason.trim().is_empty() {
                    return Err(invalid("延长办理期限须告知信访人延期理由(《信访工作条例》第三十四条):请填写延期理由"));
                }
                let granted = before.data.extension_days;
                cx.next.data.extension_days =
                    steps::extend(cx, clock::rule::HANDLING, clock::HANDLING, granted, *days, approved_by)?;
            }
            Action::ScheduleHearing { hearing_on } => {
                steps::schedule_hearing(cx, None, *hearing_on, None)?;
                cx.next.data.hearing_on = Some(*hearing_on);
                steps::pause(cx, PauseKind::Hearing);
            }
            Action::HoldHearing => {
                steps::hold_hearing(cx, before.data.hearing_on)?;
                cx.next.data.hearing_on = None;
                steps::resume(cx, PauseKind::Hearing);
            }
            Action::CancelHearing => {
                cx.next.data.hearing_on = None;
                steps::resume(cx, PauseKind::Hearing);
            }
            Action::Answer { outcome } => {
                let outcome = check_answer(before.data.round, *outcome)?;
                meet(cx, &[clock::HANDLING, clock::REVIEW_OPINION, clock::RECHECK_OPINION]);
                cx.conclude(outcome);
            }
            Action::Settle { agreement } => {
                let Some(agreement) = agreement else {
                    return Err(invalid("请选择达成的是调解协议还是和解协议(《信访工作条例》第三十三条)"));
                };
                meet(cx, &[clock::HANDLING, clock::REVIEW_OPINION, clock::RECHECK_OPINION]);
                cx.conclude(match agreement {
                    Agreement::Mediation => PetitionOutcome::Mediated,
                    Agreement::Settlement => PetitionOutcome::Settled,
                });
            }
            Action::Rate { satisfaction } => {
                let Some(s) = satisfaction else {
                    return Err(invalid("请选择信访人的评价:满意、基本满意或不满意"));
                };
                if let Some(earlier) = before.data.satisfaction {
                    return Err(invalid(format!("已登记信访人的评价“{}”,不能再次登记", earlier.zh())));
                }
                cx.next.data.satisfaction = Some(*s);
                cx.next.data.rated_on = Some(cx.date);
            }
            Action::FollowUp { kind, number, received_on } => {
                if number.trim().is_empty() {
                    return Err(invalid("再次信访或复查请求须注明其案件编号"));
                }
                if *kind == FollowUpKind::Review && before.stage != S::Answered {
                    return Err(invalid(format!("{}尚未出具书面意见,不能请求复查", before.stage.zh())));
                }
                cx.next.data.follow_ups.push(FollowUp {
                    kind: *kind,
                    number: number.trim().to_owned(),
                    on: *received_on,
                });
            }
            Action::Withdraw => cx.conclude(PetitionOutcome::Withdrawn),
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        let d = &case.data;
        match verb {
            // Art. 34: only the 60 days of an accepted 申诉求决类 matter extend.
            V::GrantExtension => d.accepted_on.is_some() && d.round == Round::First,
            // Art. 29: suggestions are studied, not diverted.
            V::Divert => d.category != Some(Category::Suggestion) && d.round == Round::First,
            V::Decline => d.round == Round::First,
            // Art. 33: mediation in disputes, i.e. 申诉求决类 matters.
            V::Settle => d.category == Some(Category::Claim),
            V::Rate => d.satisfaction.is_none(),
            _ => true,
        }
    }

    fn offered(verb: Verb) -> bool {
        verb != V::FollowUp
    }

    fn concludes(stage: Stage) -> bool {
        stage.is_terminal() || matches!(stage, S::Answered | S::Settled)
    }

    fn form(case: &Case<Self>, verb: Verb) -> Vec<Field> {
        match verb {
            V::Transfer => vec![
                Field::text("to", "转送、交办至(有权处理的机关、单位)").required(),
                Field::check("assigned", "交办(要求在指定期限内反馈办理结果、提交办结报告)"),
            ],
            V::Object => vec![Field::long_text("reason", "异议理由(详细说明)").required()],
            V::Divert => vec![
                Field::choice("route", "导入的法定途径", options(&Route::ALL, |r| r.zh().to_owned())).required(),
                Field::text("note", "说明(如告知信访人的程序和受理机关)"),
            ],
            V::Decline => vec![Field::choice(
                "ground",
                "不予受理的情形",
                options(&DeclineGround::ALL, |g| format!("{}({})", g.zh(), g.article())),
            )
            .required()],
            V::GrantExtension => vec![
                Field::count("days", "延长天数(日)").required(),
                Field::text("approved_by", "批准人(本机关、单位负责人)").required(),
                Field::long_text("reason", "延期理由(告知信访人)").required(),
            ],
            V::ScheduleHearing => vec![Field::date("hearing_on", "听证日期").required()],
            V::Answer => {
                let choices: &[PetitionOutcome] = if case.data.round == Round::First {
                    &PetitionOutcome::OPINIONS
                } else {
                    &PetitionOutcome::REVIEW_OPINIONS
                };
                vec![Field::choice("outcome", "意见", options(choices, |o| o.zh().to_owned())).required()]
            }
            V::Settle => {
                vec![Field::choice("agreement", "协议", options(&Agreement::ALL, |a| a.zh().to_owned())).required()]
            }
            V::Rate => {
                vec![Field::choice("satisfaction", "信访人评价", options(&Satisfaction::ALL, |s| s.zh().to_owned()))
                    .required()]
            }
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::Register { channel, category, first, repeat_of, after_recheck } => {
                let mut s = format!("登记信访事项({};{}", channel.zh(), category.zh());
                if *first {
                    s.push_str(";初信初访");
                }
                if let Some(n) = repeat_of {
                    s.push_str(&format!(";重复信访,同一事项此前编号{n}"));
                }
                if *after_recheck {
                    s.push_str(";该事项已经复核");
                }
                s.push(')');
                s
            }
            Action::ReceiveReview { round, reviews, reply_received_on, .. } => {
                format!("收到{}请求(针对{reviews},信访人于{reply_received_on}收到书面答复)", round.zh())
            }
            Action::Transfer { to, assigned: true } => format!("交办至{to}(要求反馈办理结果)"),
            Action::Transfer { to, assigned: false } => format!("转送至{to}"),
            Action::Object { reason } => format!("提出异议并交还:{reason}"),
            Action::Divert { route: Some(r), note } if !note.trim().is_empty() => {
                format!("导入法定途径:{}({}),{note}", r.zh(), r.article())
            }
            Action::Divert { route: Some(r), .. } => format!("导入法定途径:{}({})", r.zh(), r.article()),
            Action::Decline { ground: Some(g) } => format!("不予受理:{}({})", g.zh(), g.article()),
            Action::GrantExtension { days, approved_by, reason } => {
                format!("批准延长办理期限{days}日(批准人:{approved_by};理由:{reason})")
            }
            Action::ScheduleHearing { hearing_on } => format!("通知举行听证,定于{hearing_on}"),
            Action::Answer { outcome: Some(o) } => format!("出具书面意见:{}", o.zh()),
            Action::Settle { agreement: Some(a) } => a.zh().to_owned(),
            Action::Rate { satisfaction: Some(s) } => format!("信访人评价:{}", s.zh()),
            Action::FollowUp { kind: FollowUpKind::Review, number, received_on } => {
                format!("信访人请求复查(复核):{number},{received_on}收到")
            }
            Action::FollowUp { kind: FollowUpKind::Repeat, number, received_on } => {
                format!("信访人就同一事项再次信访:{number},{received_on}收到")
            }
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let d = &case.data;
        let mut out = vec![
            ("信访事项", r.subject.clone()),
            ("办理单位", r.unit_name.clone()),
            ("收到日期", r.received_on.clone()),
            ("信访形式", d.channel.map(Channel::zh).unwrap_or("").to_owned()),
            ("类别", d.category.map(Category::zh).unwrap_or("").to_owned()),
            ("信访人", r.party.clone()),
        ];
        match d.round {
            Round::First => out.push(("初信初访", if d.first { "是" } else { "否" }.to_owned())),
            round => {
                let reviews = d.reviews.clone().unwrap_or_default();
                let on = d.reply_received_on.map(|x| x.to_string()).unwrap_or_default();
                out.push(("请求", format!("{}({},信访人于{on}收到书面答复)", round.zh(), round.article())));
                out.push(("针对", reviews));
            }
        }
        if let Some(n) = &d.repeat_of {
            out.push(("重复信访", format!("同一事项此前编号{n}")));
        }
        if let Some(code) = &r.receipt_code {
            out.push(("回执码", code.clone()));
        }
        if let Some(on) = d.notified_on {
            out.push(("告知信访人", on.to_string()));
        }
        if let Some(on) = d.accepted_on {
            let extended =
                if d.extension_days > 0 { format!(",已延长{}日", d.extension_days) } else { String::new() };
            out.push(("受理日期", format!("{on}(60日内办结{extended})")));
        }
        if let Some(r) = d.route {
            out.push(("导入途径", format!("{}({})", r.zh(), r.article())));
        }
        if let Some(o) = case.outcome {
            out.push(("办理结果", o.zh().to_owned()));
        }
        if let Some(s) = d.satisfaction {
            out.push(("信访人评价", s.zh().to_owned()));
        }
        out
    }

    fn hearing_on(case: &Case<Self>) -> Option<NaiveDate> {
        case.data.hearing_on
    }

    fn notes(case: &Case<Self>) -> Vec<String> {
        case.data.hearing_on.iter().map(|d| format!("已定于{d}举行听证。")).collect()
    }

    fn warnings(case: &Case<Self>) -> Vec<String> {
        let d = &case.data;
        let mut out = Vec::new();
        if let Some(n) = &d.repeat_of {
            out.push(format!("重复信访:信访人此前已就同一事项信访({n})"));
        }
        if d.repeat_after_recheck {
            out.push(
                "该事项已经复核:信访人对复核意见不服,仍以同一事实和理由提出投诉请求的,不再受理(《信访工作条例》第三十六条第三款)"
                    .to_owned(),
            );
        }
        for f in &d.follow_ups {
            out.push(match f.kind {
                FollowUpKind::Review => format!("信访人已请求复查(复核):{},{}收到", f.number, f.on),
                FollowUpKind::Repeat => format!("信访人已就同一事项再次信访:{},{}收到", f.number, f.on),
            });
        }
        out
    }

    fn challenged_by(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        let d = &case.data;
        // Arts. 35–36 review the 信访处理意见 of a 申诉求决类 matter (Art. 31 (五)).
        let reviewed =
            d.category != Some(Category::Claim) || d.follow_ups.iter().any(|f| f.kind == FollowUpKind::Review);
        match (case.stage, d.route, d.round.next()) {
            (S::Diverted, Some(Route::Reconsideration), _) => {
                vec![("reconsideration", "登记由此导入的行政复议申请")]
            }
            (S::Diverted, Some(Route::Litigation), _) => vec![("litigation", "登记由此导入的行政诉讼案件")],
            (S::Answered, _, Some(Round::Review)) if !reviewed => vec![("petition", "登记复查请求")],
            (S::Answered, _, Some(Round::Recheck)) if !reviewed => vec![("petition", "登记复核请求")],
            _ => Vec::new(),
        }
    }

    fn records(case: &Case<Self>) -> Option<Records> {
        let transfers = &case.data.transfers;
        (!transfers.is_empty()).then(|| Records {
            title: "转送交办记录",
            headers: vec!["日期", "方式", "有权处理的机关、单位"],
            rows: transfers
                .iter()
                .map(|t| vec![t.on.to_string(), if t.assigned { "交办" } else { "转送" }.to_owned(), t.to.clone()])
                .collect(),
        })
    }

    fn indicator_facts(case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        facts(case)
    }

    fn catalogue(_config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        catalogue()
    }

    fn counter_name(counter: &str) -> Option<&'static str> {
        super::catalogue::name_in(counter::NAMES, counter)
    }
}

/// The counters a petition contributes ([`facts`]).
pub mod counter {
    /// Received, first round (dated by the receipt).
    pub const RECEIVED: &str = "petition.received";
    /// Received, first round, not a 初信初访 (dated by the receipt).
    pub const REPEAT: &str = "petition.received.repeat";
    /// The petitioner told (受理, 导入 or 不予受理), first round (dated by the notice).
    pub const NOTIFIED: &str = "petition.notified";
    /// The same, transferred and told in time (Arts. 22–23).
    pub const NOTIFIED_TIMELY: &str = "petition.notified.timely";
    /// Concluded with a statutory handling period (dated by the conclusion).
    pub const CONCLUDED_WITH_DEADLINE: &str = "petition.concluded.with_deadline";
    /// The same, within the period.
    pub const CONCLUDED_ON_TIME: &str = "petition.concluded.on_time";
    /// A first petition resolved by an opinion or agreement (dated by the conclusion).
    pub const FIRST_RESOLVED: &str = "petition.first_resolved";
    /// The same, with no 复查 and no repeat petition afterwards.
    pub const FIRST_RESOLVED_AT_ONCE: &str = "petition.first_resolved.at_once";
    /// Rated by the petitioner (dated by the rating).
    pub const RATED: &str = "petition.rated";
    /// Rated satisfied or basically satisfied.
    pub const RATED_SATISFIED: &str = "petition.rated.satisfied";

    /// Their Chinese names.
    pub const NAMES: &[(&str, &str)] = &[
        (RECEIVED, "收到信访事项"),
        (REPEAT, "收到重复信访事项"),
        (NOTIFIED, "告知受理情况"),
        (NOTIFIED_TIMELY, "按时转送交办并告知"),
        (CONCLUDED_WITH_DEADLINE, "办结(有法定办理期限)"),
        (CONCLUDED_ON_TIME, "按期办结"),
        (FIRST_RESOLVED, "初信初访化解"),
        (FIRST_RESOLVED_AT_ONCE, "初信初访一次性化解"),
        (RATED, "信访人评价"),
        (RATED_SATISFIED, "评价满意或基本满意"),
    ];
}

/// The facts of a petition, each dated by the event that places it.
fn facts(case: &Case<Petition>) -> Vec<super::catalogue::Fact> {
    use super::catalogue::Fact as F;
    use counter as c;
    let d = &case.data;
    let first_round = d.round == Round::First;
    let mut out = Vec::new();
    let mut add = |yes: bool, counter: &'static str, on: Option<NaiveDate>| {
        if let (true, Some(on)) = (yes, on) {
            out.push(F::new(counter, on));
        }
    };
    add(first_round, c::RECEIVED, case.common.received_on);
    add(first_round && !d.first, c::REPEAT, case.common.received_on);
    add(first_round, c::NOTIFIED, d.notified_on);
    add(
        first_round && in_time(case, &[clock::TRANSFER, clock::ACCEPTANCE_NOTICE]) != Some(false),
        c::NOTIFIED_TIMELY,
        d.notified_on,
    );
    let concluded = case.common.concluded();
    if let Some(yes) = in_time(case, &[clock::HANDLING, clock::REVIEW_OPINION, clock::RECHECK_OPINION]) {
        add(true, c::CONCLUDED_WITH_DEADLINE, concluded);
        add(yes, c::CONCLUDED_ON_TIME, concluded);
    }
    if first_round && d.first && case.outcome.is_some_and(PetitionOutcome::resolved) {
        add(true, c::FIRST_RESOLVED, concluded);
        add(d.follow_ups.is_empty(), c::FIRST_RESOLVED_AT_ONCE, concluded);
    }
    if let Some(s) = d.satisfaction {
        add(true, c::RATED, d.rated_on);
        add(s != Satisfaction::Unsatisfied, c::RATED_SATISFIED, d.rated_on);
    }
    out
}

/// The 信访 indicators as definitions over the counters of [`facts`].
pub fn catalogue() -> Vec<super::catalogue::IndicatorDef> {
    use super::catalogue::{IndicatorDef as D, Tally::Sum};
    use counter as c;
    vec![
        D::count(RECEIVED, "收到信访事项", Sum(&[c::RECEIVED]), "期间收到并登记的信访事项(不含复查、复核请求)"),
        D::rate(
            TIMELY_ACCEPTANCE_RATE,
            "及时受理率",
            Sum(&[c::NOTIFIED_TIMELY]),
            Sum(&[c::NOTIFIED]),
            "期间告知信访人受理(或导入、不予受理)的信访事项中,15日内转送交办或告知(第二十二条、第二十三条第二款)\
             且转送交办的在收到后15日内告知(第二十三条第三款)的比例",
        ),
        D::rate(
            ON_TIME_CONCLUSION_RATE,
            "按期办结率",
            Sum(&[c::CONCLUDED_ON_TIME]),
            Sum(&[c::CONCLUDED_WITH_DEADLINE]),
            "期间办结的有法定办理期限的事项(受理的申诉求决类60日及批准延长,第三十四条;复查、复核30日,第三十五条、\
             第三十六条)中,在期限内办结的比例",
        ),
        D::rate(
            SATISFACTION_RATE,
            "满意率",
            Sum(&[c::RATED_SATISFIED]),
            Sum(&[c::RATED]),
            "期间登记评价的事项中,信访人评价满意或基本满意的比例",
        ),
        D::rate(
            FIRST_RESOLUTION_RATE,
            "初信初访一次性化解率",
            Sum(&[c::FIRST_RESOLVED_AT_ONCE]),
            Sum(&[c::FIRST_RESOLVED]),
            "期间以处理意见或调解和解协议办结的初信初访事项中,信访人未请求复查、未就同一事项再次信访的比例",
        ),
        D::count(
            REPEAT,
            "重复信访",
            Sum(&[c::REPEAT]),
            "期间收到的信访事项中,信访人此前已就同一事项信访过的(非初信初访)件数",
        ),
    ]
}

/// Whether every one of `steps` that had a deadline when it was performed was
/// performed by it; `None` when none of them had one.
fn in_time(case: &Case<Petition>, steps: &[Step]) -> Option<bool> {
    let mut any = None;
    for step in steps {
        let due = case.data.dues.iter().find(|(s, _)| s == step).map(|(_, d)| *d);
        let done = case.common.done.iter().find(|(s, _)| s == step).map(|(_, d)| *d);
        if let (Some(due), Some(done)) = (due, done) {
            any = Some(any.unwrap_or(true) && done <= due);
        }
    }
    any
}

/// The deadline steps are performed on the step's date, each with the due date
/// the clock gives it from the history so far.
fn meet(cx: &mut StepCx<'_, Petition>, steps: &[Step]) {
    for &step in steps {
        let known = cx.before.common.done.iter().any(|(s, _)| *s == step);
        if known || cx.next.data.dues.iter().any(|(s, _)| *s == step) {
            continue;
        }
        if let Ok(Some(due)) = cx.engine.due_date(clock::KIND, step, &cx.before.common.clock_events) {
            cx.next.data.dues.push((step, due));
        }
    }
    cx.perform(steps);
}

/// The petitioner is told (Art. 23): the notice of a direct receipt or of a
/// transferred item.
fn notify(cx: &mut StepCx<'_, Petition>) {
    cx.next.data.notified_on = Some(cx.date);
    cx.event(EventKind::Mark(clock::NOTIFIED));
    meet(cx, &[clock::TRANSFER, clock::ACCEPTANCE_NOTICE]);
}

/// Arts. 29–31: suggestions are not diverted; only accusations go to the
/// discipline bodies.
fn check_route(category: Option<Category>, route: Route) -> Result<(), TransitionError> {
    match (category, route) {
        (Some(Category::Suggestion), _) => {
            Err(invalid("建议意见类信访事项由有权处理的机关、单位研究论证,不导入法定途径(《信访工作条例》第二十九条)"))
        }
        (Some(c), Route::Discipline) if c != Category::Accusation => {
            Err(invalid(format!("只有检举控告类事项导入纪检监察机关处理(《信访工作条例》第三十条),本件是{}", c.zh())))
        }
        _ => Ok(()),
    }
}

/// The opinion must be one the round gives (Art. 32; Arts. 35–36).
fn check_answer(round: Round, outcome: Option<PetitionOutcome>) -> Result<PetitionOutcome, TransitionError> {
    let Some(o) = outcome else {
        return Err(invalid(match round {
            Round::First => "请选择信访处理意见:予以支持、解释说明或不予支持(《信访工作条例》第三十二条)",
            _ => "请选择复查(复核)意见:维持或者撤销、变更原处理意见",
        }));
    };
    let allowed: &[PetitionOutcome] =
        if round == Round::First { &PetitionOutcome::OPINIONS } else { &PetitionOutcome::REVIEW_OPINIONS };
    if allowed.contains(&o) {
        Ok(o)
    } else {
        Err(invalid(format!("{}的书面意见不能是“{}”({})", round.zh(), o.zh(), round.article())))
    }
}

/// Arts. 35–36: the request comes within 30 days of receiving the written
/// answer, counted from the day after (民事诉讼法 Art. 85; LAW.md §0), a last
/// day on a rest day rolling over; a late request is not accepted.
fn check_request_period(
    cx: &StepCx<'_, Petition>,
    round: Round,
    answered_on: NaiveDate,
    reply_received_on: NaiveDate,
) -> Result<(), TransitionError> {
    let received = cx.date;
    let what = round.zh();
    let answer = if round == Round::Recheck { "复查意见" } else { "信访处理意见" };
    if reply_received_on < answered_on {
        return Err(invalid(format!(
            "信访人收到书面答复的日期{reply_received_on}早于{answer}作出的日期{answered_on},请核对"
        )));
    }
    if received < reply_received_on {
        return Err(invalid(format!(
            "收到{what}请求的日期{received}早于信访人收到书面答复的日期{reply_received_on},请核对"
        )));
    }
    let roll = cx.engine.rules().conventions.roll_over;
    let limit = arithmetic::count(cx.engine.calendar(), reply_received_on, Unit::CalendarDays, REQUEST_DAYS, &[], roll)
        .map_err(|e| TransitionError::Clock(e.to_string()))?;
    if received > limit.due {
        return Err(invalid(format!(
            "{what}请求应当自收到书面答复之日起30日内提出({}):信访人于{reply_received_on}收到{answer}的书面答复,\
             请求期限已于{}届满,{received}收到的{what}请求已逾期,不予受理",
            round.article(),
            limit.due
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::procedure::catalogue::{evaluate, CaseFacts};
    use crate::procedure::indicators::{Period, Value};

    /// The tallies behind the indicators.
    #[derive(Debug, Default)]
    struct Counts {
        received: u64,
        repeats: u64,
        /// (in time, notified)
        timely: (u64, u64),
        /// (on time, concluded with a deadline)
        on_time: (u64, u64),
        /// (satisfied or basically, rated)
        satisfied: (u64, u64),
        /// (no follow-up, first petitions resolved)
        first_resolved: (u64, u64),
    }

    impl Counts {
        fn of(cases: &[&Case<Petition>], period: Period) -> Counts {
            let mut c = Counts::default();
            let within = |d: Option<NaiveDate>| d.is_some_and(|d| period.contains(d));
            let add = |pair: &mut (u64, u64), yes: bool| {
                pair.1 += 1;
                pair.0 += u64::from(yes);
            };
            for case in cases {
                let d = &case.data;
                let first_round = d.round == Round::First;
                if first_round && within(case.common.received_on) {
                    c.received += 1;
                    c.repeats += u64::from(!d.first);
                }
                if first_round && within(d.notified_on) {
                    add(&mut c.timely, in_time(case, &[clock::TRANSFER, clock::ACCEPTANCE_NOTICE]) != Some(false));
                }
                if within(case.common.concluded()) {
                    if let Some(yes) = in_time(case, &[clock::HANDLING, clock::REVIEW_OPINION, clock::RECHECK_OPINION])
                    {
                        add(&mut c.on_time, yes);
                    }
                    if first_round && d.first && case.outcome.is_some_and(PetitionOutcome::resolved) {
                        add(&mut c.first_resolved, d.follow_ups.is_empty());
                    }
                }
                if let Some(s) = d.satisfaction.filter(|_| within(d.rated_on)) {
                    add(&mut c.satisfied, s != Satisfaction::Unsatisfied);
                }
            }
            c
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The catalogue over the facts gives what the kind computed before it
    /// (issue 12, kept above as the reference) for many states and periods.
    #[test]
    fn the_catalogue_over_the_facts_equals_the_old_computation() {
        use PetitionOutcome as O;
        let outcomes = [O::Supported, O::Explained, O::NotSupported, O::Upheld, O::Mediated, O::Diverted, O::Declined];
        let steps = [clock::TRANSFER, clock::ACCEPTANCE_NOTICE, clock::HANDLING, clock::REVIEW_OPINION];
        let cases: Vec<Case<Petition>> = (0..150u32)
            .map(|i| {
                let mut c = Case::<Petition>::new();
                let received = d(2024 + (i % 2) as i32, 1 + i % 12, 1 + i % 27);
                c.common.received_on = Some(received);
                c.data.round = [Round::First, Round::First, Round::Review, Round::Recheck][(i % 4) as usize];
                c.data.first = !i.is_multiple_of(3);
                c.data.notified_on = (!i.is_multiple_of(5)).then(|| d(2025, 1 + (i + 2) % 12, 3));
                for (k, step) in steps.iter().enumerate() {
                    if !(i as usize + k).is_multiple_of(3) {
                        c.data.dues.push((*step, d(2025, 1 + (i + k as u32) % 12, 15)));
                    }
                    if (i as usize + k).is_multiple_of(2) {
                        c.common.done.push((*step, d(2025, 1 + (i + 1) % 12, 1 + (i * 7) % 28)));
                    }
                }
                if i % 6 != 5 {
                    c.common.closed_on = Some(d(2025, 1 + (i + 4) % 12, 20));
                    c.outcome = Some(outcomes[(i % 7) as usize]);
                }
                if i % 4 == 1 {
                    c.data.follow_ups.push(FollowUp {
                        kind: FollowUpKind::Review,
                        number: "XF-1".into(),
                        on: received,
                    });
                }
                if i % 3 == 1 {
                    c.data.satisfaction = Some(Satisfaction::ALL[(i % 3) as usize]);
                    c.data.rated_on = Some(d(2025, 1 + (i + 5) % 12, 8));
                }
                c
            })
            .collect();
        let refs: Vec<&Case<Petition>> = cases.iter().collect();
        let facts: Vec<CaseFacts<usize>> =
            cases.iter().enumerate().map(|(case, c)| CaseFacts { case, facts: facts(c) }).collect();
        let mut nonzero = std::collections::BTreeSet::new();
        for period in [
            Period { from: d(2025, 1, 1), to: d(2025, 12, 31) },
            Period { from: d(2024, 1, 1), to: d(2024, 12, 31) },
            Period { from: d(2025, 7, 1), to: d(2025, 9, 30) },
            Period { from: d(2025, 3, 1), to: d(2025, 3, 31) },
        ] {
            let c = Counts::of(&refs, period);
            let r = |(a, b): (u64, u64)| Value::Rate { numerator: a, denominator: b };
            let expected = vec![
                (RECEIVED, Value::Count { count: c.received }),
                (TIMELY_ACCEPTANCE_RATE, r(c.timely)),
                (ON_TIME_CONCLUSION_RATE, r(c.on_time)),
                (SATISFACTION_RATE, r(c.satisfied)),
                (FIRST_RESOLUTION_RATE, r(c.first_resolved)),
                (REPEAT, Value::Count { count: c.repeats }),
            ];
            let got: Vec<(&str, Value)> = evaluate(&catalogue(), &facts, period)
                .iter()
                .map(|v| (catalogue().iter().find(|d| d.id == v.id).map(|d| d.id).unwrap_or(""), v.value))
                .collect();
            assert_eq!(got, expected, "{period:?}");
            nonzero.extend(got.iter().filter(|(_, v)| v.count() > 0).map(|(id, _)| *id));
        }
        assert_eq!(nonzero.len(), 6, "every indicator is exercised: {nonzero:?}");
    }
}
