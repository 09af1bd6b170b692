//! The procedure machine: the allowed transitions of each case kind as data, and
//! [`apply`], which checks one dated step against the procedure and returns the new
//! state with the events the legal clock needs.
//!
//! `apply` is pure: the current date is passed in, the calendar and deadline rules come
//! from the clock [`Engine`]. After every step the whole clock history is run through
//! the engine, so a step the clock would refuse (an extension after the due date, …)
//! is refused here too, with the clock's Chinese message.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::clock::arithmetic::{self, Unit};
use crate::clock::{ClockError, Engine, EventKind, PauseKind, ProcedureEvent, RuleId, Step};

use super::case::{CaseKind, CaseOutcome, CaseState, HearingRecord, LateApplication, Stage};
use super::disclosure::{ApplicantType, DisclosureOutcome};
use super::litigation::{Appearance, AppearerRank, Appellate, Instance, LitigationOutcome};
use super::reconsideration::{ReconsiderationOutcome, SimplifiedGround};

/// One step a user records on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// 依申请公开: request received (政府信息公开条例 Art. 31 fixes the date).
    ReceiveRequest { applicant: ApplicantType },
    /// 行政复议: application received; `known_on` is when the applicant knew or should
    /// have known of the act (Art. 20); `late_reason` is needed past 60 days.
    ///
    /// The outer limits no reason overcomes: when the agency did not tell the
    /// applicant of the right to apply (`rights_learned_on`: the day the
    /// applicant learned of it), the 60 days run from then but end at the latest
    /// one year after `known_on` (Art. 20 ¶3); an application more than 5 years
    /// (20 for immovable property) after the act (`act_on`) is not accepted
    /// (Art. 21).
    ReceiveApplication {
        known_on: NaiveDate,
        late_reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rights_learned_on: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        act_on: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        immovable: bool,
    },
    /// 行政应诉: the complaint copy was served on the agency (行政诉讼法 Art. 67).
    ReceiveComplaint { after_reconsideration: bool },
    /// Send the one all-in-one correction notice (disclosure Art. 30; reconsideration Art. 31).
    RequestCorrection,
    /// The corrected request / material arrived; the clock restarts.
    ReceiveCorrection,
    /// Consultation letter to a third party or another agency sent (disclosure Arts. 32, 34).
    StartConsultation,
    /// Consultation ended (answer received or period expired).
    EndConsultation,
    /// Extension of the reply (disclosure Art. 33 ¶2) or decision (复议 Art. 62 ¶1) period.
    GrantExtension { days: u32, approved_by: String },
    /// 信息处理费 notice issued (disclosure Art. 42; 国办函〔2020〕109号).
    IssueFeeNotice,
    /// Fee paid.
    FeePaid,
    /// Disclosure reply, coded to a row of table 3.
    Reply { outcome: Option<DisclosureOutcome> },
    /// The applicant withdrew the request (disclosure), the application before
    /// acceptance (复议), or the plaintiff withdrew the suit (litigation, 行政诉讼法
    /// Art. 62).
    Withdraw,
    /// 复议: no correction within the period, the application is deemed abandoned
    /// (行政复议法 Art. 31 ¶2).
    Abandon,
    /// 受理 (行政复议法 Art. 30).
    Accept,
    /// 不予受理 with reasons (Art. 30).
    Reject { reason: String },
    /// The simplified procedure applies, on one of the grounds of Art. 53.
    ApplySimplified {
        #[serde(default)]
        ground: Option<SimplifiedGround>,
    },
    /// Switch from simplified to ordinary (Art. 55).
    SwitchToOrdinary,
    /// The respondent received the copy of the application (Arts. 48, 54).
    ServeCopy,
    /// A hearing is notified: 听证 (复议 Arts. 50–51) or 开庭 (litigation). The action
    /// date is the date of the notice; `hearing_on` may lie in the future.
    ScheduleHearing { hearing_on: NaiveDate },
    /// The hearing took place; for litigation, who appeared for the agency.
    HoldHearing { appearance: Option<Appearance> },
    /// Mediation started (复议 Art. 73).
    StartMediation,
    /// Mediation failed; review continues (Art. 73 ¶2).
    EndMediation,
    /// 中止 (复议 Art. 39).
    Suspend { reason: String },
    /// 恢复审理 (Art. 39 ¶2).
    Resume,
    /// Reconsideration decision or ending. `self_corrected`: for a termination after
    /// withdrawal, the respondent had corrected its own act (综合纠错).
    /// `after_withdrawal`: a termination because the applicant withdrew (Art. 41
    /// (1), 74), as opposed to the other grounds of Art. 41.
    Decide {
        outcome: Option<ReconsiderationOutcome>,
        self_corrected: bool,
        #[serde(default)]
        after_withdrawal: bool,
    },
    /// A notified hearing (听证 or 开庭) moves to another day.
    RescheduleHearing { hearing_on: NaiveDate },
    /// A notified hearing is called off; the case returns to where it stood.
    CancelHearing,
    /// The defence and evidence were filed (行政诉讼法 Art. 67).
    SubmitDefence,
    /// Judgment or ruling of the current instance. In the second instance,
    /// `appellate` says what the court did with the appeal (驳回上诉、维持原判 keeps
    /// the first-instance outcome; 改判 records the new one; 发回重审 sends the case
    /// back to the first instance).
    Judge {
        outcome: Option<LitigationOutcome>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        appellate: Option<Appellate>,
    },
    /// The agency received the first-instance judgment (or, `ruling`, the ruling):
    /// the appeal period of 行政诉讼法 Art. 85 runs from here.
    ServeJudgment {
        #[serde(default)]
        ruling: bool,
    },
    /// Appeal filed (Art. 85): by the agency itself, or by the other party (the
    /// date the agency received the appeal petition; its answer is then due).
    Appeal {
        #[serde(default)]
        by_agency: bool,
    },
    /// The appellant withdrew the appeal: the first-instance judgment becomes
    /// final with its outcome (this is not 撤诉).
    WithdrawAppeal,
    /// The judgment became final (no appeal in time, or second-instance judgment).
    BecomeFinal,
}

/// The action without its data: the key of the transition table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    ReceiveRequest,
    ReceiveApplication,
    ReceiveComplaint,
    RequestCorrection,
    ReceiveCorrection,
    StartConsultation,
    EndConsultation,
    GrantExtension,
    IssueFeeNotice,
    FeePaid,
    Reply,
    Withdraw,
    Abandon,
    Accept,
    Reject,
    ApplySimplified,
    SwitchToOrdinary,
    ServeCopy,
    ScheduleHearing,
    RescheduleHearing,
    CancelHearing,
    HoldHearing,
    StartMediation,
    EndMediation,
    Suspend,
    Resume,
    Decide,
    SubmitDefence,
    Judge,
    ServeJudgment,
    Appeal,
    WithdrawAppeal,
    BecomeFinal,
}

impl ActionKind {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        use ActionKind::*;
        match self {
            ReceiveRequest => "登记收到申请",
            ReceiveApplication => "登记收到复议申请",
            ReceiveComplaint => "登记收到起诉状副本",
            RequestCorrection => "发出补正通知",
            ReceiveCorrection => "收到补正材料",
            StartConsultation => "征求第三方意见",
            EndConsultation => "征求意见结束",
            GrantExtension => "批准延长期限",
            IssueFeeNotice => "发出收费通知",
            FeePaid => "缴纳信息处理费",
            Reply => "作出答复",
            Withdraw => "撤回",
            Abandon => "视为放弃（逾期未补正）",
            Accept => "受理",
            Reject => "不予受理",
            ApplySimplified => "适用简易程序",
            SwitchToOrdinary => "转为普通程序",
            ServeCopy => "送达申请书副本",
            ScheduleHearing => "通知开庭（听证）",
            RescheduleHearing => "开庭（听证）改期",
            CancelHearing => "取消开庭（听证）",
            HoldHearing => "开庭（听证）",
            StartMediation => "开始调解",
            EndMediation => "调解未成",
            Suspend => "中止",
            Resume => "恢复审理",
            Decide => "作出决定",
            SubmitDefence => "提交答辩状",
            Judge => "判决（裁定）",
            ServeJudgment => "收到判决书（裁定书）",
            Appeal => "上诉",
            WithdrawAppeal => "撤回上诉",
            BecomeFinal => "判决生效",
        }
    }
}

impl Action {
    /// The history line of the step, in Chinese, as a case of `kind` records it.
    pub fn describe(&self, kind: CaseKind) -> String {
        match self {
            Action::ReceiveRequest { applicant } => format!("收到申请(申请人类型:{})", applicant.zh()),
            Action::ReceiveApplication { known_on, late_reason, .. } => match late_reason {
                Some(r) => format!("收到行政复议申请(知道行政行为之日:{known_on};逾期理由:{r})"),
                None => format!("收到行政复议申请(知道行政行为之日:{known_on})"),
            },
            Action::ReceiveComplaint { after_reconsideration } => {
                format!("收到起诉状副本({})", if *after_reconsideration { "复议后起诉" } else { "直接起诉" })
            }
            Action::GrantExtension { days, approved_by } => {
                // In the rule's own unit: working days for 依申请公开 (条例 Art. 33 ¶2),
                // days for 复议 (行政复议法 Art. 62).
                let unit = if kind == CaseKind::Disclosure { "个工作日" } else { "日" };
                format!("批准延长期限{days}{unit}(批准人:{approved_by})")
            }
            Action::Reply { outcome: Some(o) } => format!("作出答复:{}", o.zh()),
            Action::ReceiveCorrection => "收到补正材料,期限重新计算".to_owned(),
            Action::StartConsultation => "征求第三方意见(期间不计入答复期限)".to_owned(),
            Action::Reject { reason } => format!("决定不予受理:{reason}"),
            Action::Suspend { reason } => format!("中止审理:{reason}(中止期间不计入审理期限)"),
            Action::ScheduleHearing { hearing_on } => format!("通知开庭(听证),定于{hearing_on}"),
            Action::RescheduleHearing { hearing_on } => format!("开庭(听证)改期至{hearing_on}"),
            Action::ApplySimplified { ground: Some(g) } => format!("适用简易程序:{}", g.zh()),
            Action::HoldHearing { appearance: Some(a) } => match a.rank {
                None => "开庭,本机关无人出庭".to_owned(),
                Some(r) => format!("开庭,出庭人员:{}({})", a.name, r.zh()),
            },
            Action::Decide { outcome: Some(o), self_corrected, .. } => {
                format!("作出{}决定{}", o.zh(), if *self_corrected { "(被申请人自行纠正后撤回)" } else { "" })
            }
            Action::Judge { outcome: Some(o), appellate: None } => format!("判决(裁定):{}", o.zh()),
            Action::Judge { outcome: Some(o), appellate: Some(a) } => format!("二审{}:{}", a.zh(), o.zh()),
            Action::Judge { outcome: None, appellate: Some(a) } => format!("二审{}", a.zh()),
            Action::ServeJudgment { ruling } => {
                format!("收到一审{}(上诉期限自次日起算)", if *ruling { "裁定书" } else { "判决书" })
            }
            Action::Appeal { by_agency: true } => "本机关提起上诉".to_owned(),
            Action::Appeal { by_agency: false } => "对方当事人上诉,收到上诉状副本".to_owned(),
            Action::Withdraw => "撤回".to_owned(),
            other => other.kind().zh().to_owned(),
        }
    }

    /// The kind of the action.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::ReceiveRequest { .. } => ActionKind::ReceiveRequest,
            Action::ReceiveApplication { .. } => ActionKind::ReceiveApplication,
            Action::ReceiveComplaint { .. } => ActionKind::ReceiveComplaint,
            Action::RequestCorrection => ActionKind::RequestCorrection,
            Action::ReceiveCorrection => ActionKind::ReceiveCorrection,
            Action::StartConsultation => ActionKind::StartConsultation,
            Action::EndConsultation => ActionKind::EndConsultation,
            Action::GrantExtension { .. } => ActionKind::GrantExtension,
            Action::IssueFeeNotice => ActionKind::IssueFeeNotice,
            Action::FeePaid => ActionKind::FeePaid,
            Action::Reply { .. } => ActionKind::Reply,
            Action::Withdraw => ActionKind::Withdraw,
            Action::Abandon => ActionKind::Abandon,
            Action::Accept => ActionKind::Accept,
            Action::Reject { .. } => ActionKind::Reject,
            Action::ApplySimplified { .. } => ActionKind::ApplySimplified,
            Action::RescheduleHearing { .. } => ActionKind::RescheduleHearing,
            Action::CancelHearing => ActionKind::CancelHearing,
            Action::SwitchToOrdinary => ActionKind::SwitchToOrdinary,
            Action::ServeCopy => ActionKind::ServeCopy,
            Action::ScheduleHearing { .. } => ActionKind::ScheduleHearing,
            Action::HoldHearing { .. } => ActionKind::HoldHearing,
            Action::StartMediation => ActionKind::StartMediation,
            Action::EndMediation => ActionKind::EndMediation,
            Action::Suspend { .. } => ActionKind::Suspend,
            Action::Resume => ActionKind::Resume,
            Action::Decide { .. } => ActionKind::Decide,
            Action::SubmitDefence => ActionKind::SubmitDefence,
            Action::Judge { .. } => ActionKind::Judge,
            Action::ServeJudgment { .. } => ActionKind::ServeJudgment,
            Action::Appeal { .. } => ActionKind::Appeal,
            Action::WithdrawAppeal => ActionKind::WithdrawAppeal,
            Action::BecomeFinal => ActionKind::BecomeFinal,
        }
    }
}

/// Where a transition leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "to", content = "stage")]
pub enum Target {
    /// A fixed stage.
    To(Stage),
    /// The stage stays as it is (an extension, the simplified procedure, …).
    Stay,
    /// Back to the stage before the pause, hearing or mediation began.
    Resume,
    /// Decided or terminated, depending on the outcome (复议 Arts. 41, 74).
    ByOutcome,
}

/// One allowed transition, with the article that allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: Stage,
    pub action: ActionKind,
    pub to: Target,
    pub article: &'static str,
}

/// A transition, for the kinds' tables.
pub(crate) const fn t(from: Stage, action: ActionKind, to: Target, article: &'static str) -> Transition {
    Transition { from, action, to, article }
}

use Target::{ByOutcome, Resume, Stay, To};

/// The allowed transitions of a case kind (its definition's table).
pub fn transitions(kind: CaseKind) -> &'static [Transition] {
    kind.def().transitions()
}

/// The actions allowed in `state`, for the case page.
pub fn allowed_actions(state: &CaseState) -> Vec<ActionKind> {
    let def = state.kind.def();
    def.transitions()
        .iter()
        .filter(|t| t.from == state.stage && def.possible(state, t.action))
        .map(|t| t.action)
        .collect()
}

/// Something the user should know about an accepted step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "flag")]
pub enum Flag {
    /// A reconsideration application past the 60-day limit, accepted with the reason
    /// given (行政复议法 Art. 20 ¶2).
    LateApplication(LateApplication),
}

/// The result of an accepted step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub state: CaseState,
    /// The clock events this step added (already appended to `state.clock_events`).
    pub events: Vec<ProcedureEvent>,
    pub flags: Vec<Flag>,
}

/// A refused step. Every message is Chinese and names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum TransitionError {
    /// The procedure does not allow the action in the current stage.
    #[error("{kind}案件当前处于「{stage}」阶段，不能「{action}」")]
    NotAllowed { kind: String, stage: String, action: String },
    /// The date lies after today.
    #[error("「{action}」的日期{date}晚于今天（{today}），不能录入将来的日期")]
    FutureDate { action: String, date: NaiveDate, today: NaiveDate },
    /// The date lies before the previous step.
    #[error("「{action}」的日期{date}早于上一步骤的日期{previous}，请核对")]
    BeforePrevious { action: String, date: NaiveDate, previous: NaiveDate },
    /// Any other refusal: the message says why and quotes the input.
    #[error("{0}")]
    Invalid(String),
    /// The legal clock refused the resulting history.
    #[error("{0}")]
    Clock(String),
}

fn invalid(msg: impl Into<String>) -> TransitionError {
    TransitionError::Invalid(msg.into())
}

/// Records one dated step on a case.
///
/// Refuses, with a Chinese message naming the offending value: an action the
/// procedure does not allow in the current stage, a date after `today` or before the
/// previous step, a reply without an outcome code or with one that does not fit the
/// history, an extension beyond the cap or without an approver, a reconsideration
/// application past the 60-day limit of Art. 20 without a reason, and any history the
/// legal clock refuses.
pub fn apply(
    engine: &Engine<'_>,
    state: &CaseState,
    action: &Action,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<Applied, TransitionError> {
    let kind = action.kind();
    let rule = transitions(state.kind).iter().find(|t| t.from == state.stage && t.action == kind).ok_or_else(|| {
        TransitionError::NotAllowed {
            kind: state.kind.zh().to_string(),
            stage: state.stage.zh().to_string(),
            action: kind.zh().to_string(),
        }
    })?;
    if date > today {
        return Err(TransitionError::FutureDate { action: kind.zh().to_string(), date, today });
    }
    if let Some(previous) = state.last_date {
        if date < previous {
            return Err(TransitionError::BeforePrevious { action: kind.zh().to_string(), date, previous });
        }
    }
    let mut next = state.clone();
    let mut events = Vec::new();
    let mut flags = Vec::new();
    let mut ev = |k: EventKind| events.push(ProcedureEvent::new(date, k));
    match action {
        Action::ReceiveRequest { applicant } => {
            next.applicant = Some(*applicant);
            next.received_on = Some(date);
            ev(EventKind::Received);
        }
        Action::ReceiveApplication { known_on, late_reason, rights_learned_on, act_on, immovable } => {
            check_outer_limits(*known_on, *rights_learned_on, *act_on, *immovable, date)?;
            let start = rights_learned_on.unwrap_or(*known_on);
            if let Some(late) = check_application_period(engine, start, date, late_reason.as_deref())? {
                flags.push(Flag::LateApplication(late.clone()));
                next.late = Some(late);
            }
            next.received_on = Some(date);
            ev(EventKind::Received);
        }
        Action::ReceiveComplaint { after_reconsideration } => {
            next.after_reconsideration = *after_reconsideration;
            next.received_on = Some(date);
            ev(EventKind::Received);
        }
        Action::RequestCorrection => {
            // Disclosure Art. 30, 复议 Art. 31: one all-in-one notice.
            if state.correction_requested {
                return Err(invalid("补正通知应当一次性告知需要补正的全部事项，本案已发出过补正通知，不能再次发出"));
            }
            next.correction_requested = true;
            ev(EventKind::CorrectionRequested);
        }
        Action::ReceiveCorrection => {
            next.corrected = true;
            ev(EventKind::CorrectionReceived);
        }
        Action::StartConsultation => ev(EventKind::PauseStarted { pause: PauseKind::Consultation }),
        Action::EndConsultation => ev(EventKind::PauseEnded { pause: PauseKind::Consultation }),
        Action::IssueFeeNotice => ev(EventKind::PauseStarted { pause: PauseKind::FeePayment }),
        Action::FeePaid => ev(EventKind::PauseEnded { pause: PauseKind::FeePayment }),
        Action::Suspend { reason } => {
            if reason.trim().is_empty() {
                return Err(invalid("中止须写明中止的原因（《行政复议法》第三十九条）"));
            }
            ev(EventKind::PauseStarted { pause: PauseKind::Suspension });
        }
        Action::Resume => ev(EventKind::PauseEnded { pause: PauseKind::Suspension }),
        Action::GrantExtension { days, approved_by } => {
            let step = check_extension(engine, state, *days, approved_by)?;
            next.extension_days = state.extension_days.saturating_add(*days);
            ev(EventKind::ExtensionGranted { step, days: *days, approved_by: approved_by.trim().to_string() });
        }
        Action::Reply { outcome } => {
            let outcome = check_reply(state, *outcome)?;
            next.outcome = Some(CaseOutcome::Disclosure(outcome));
        }
        Action::Withdraw => {
            next.outcome = Some(match state.kind {
                // Table 3 has no row for withdrawals: （六）3 其他 (customary [U]).
                CaseKind::Disclosure => CaseOutcome::Disclosure(DisclosureOutcome::OtherOther),
                // Before acceptance only (after it, withdrawal ends the case by a
                // termination decision, Art. 41).
                CaseKind::Reconsideration => {
                    CaseOutcome::Reconsideration(ReconsiderationOutcome::WithdrawnBeforeAcceptance)
                }
                CaseKind::Litigation => CaseOutcome::Litigation(LitigationOutcome::Withdrawn),
            });
        }
        Action::Abandon => {
            check_correction_period_over(engine, state, date)?;
            next.outcome = Some(CaseOutcome::Reconsideration(ReconsiderationOutcome::Abandoned));
        }
        Action::Accept => {
            next.accepted_on = Some(date);
            ev(EventKind::Accepted);
        }
        Action::Reject { reason } => {
            if reason.trim().is_empty() {
                return Err(invalid("不予受理决定须说明理由（《行政复议法》第三十条）"));
            }
        }
        Action::ApplySimplified { ground } => {
            if ground.is_none() {
                return Err(invalid(
                    "适用简易程序须写明《行政复议法》第五十三条规定的情形：当场作出的行政行为、警告或者通报批评、\
                     案涉款额三千元以下、政府信息公开案件，或者当事人各方同意",
                ));
            }
            if state.simplified {
                return Err(invalid("本案已适用简易程序"));
            }
            if state.switched_to_ordinary {
                return Err(invalid("本案已由简易程序转为普通程序，不能再适用简易程序（《行政复议法》第五十五条）"));
            }
            next.simplified = true;
            ev(EventKind::SimplifiedProcedure);
        }
        Action::SwitchToOrdinary => {
            if !state.simplified {
                return Err(invalid(
                    "本案适用普通程序，无需转换；只有适用简易程序的案件才能转为普通程序（《行政复议法》第五十五条）",
                ));
            }
            next.simplified = false;
            next.switched_to_ordinary = true;
            ev(EventKind::SwitchedToOrdinary);
        }
        Action::ServeCopy => {
            if state.clock_events.iter().any(|e| e.kind == EventKind::CopyServed) {
                return Err(invalid("已登记被申请人收到申请书副本的日期，不能重复登记"));
            }
            ev(EventKind::CopyServed);
        }
        Action::ScheduleHearing { hearing_on } => {
            if *hearing_on < date {
                return Err(invalid(format!("开庭（听证）日期{hearing_on}早于通知日期{date}，请核对")));
            }
            if state.kind == CaseKind::Reconsideration {
                check_hearing_notice(engine, date, *hearing_on)?;
            }
            next.hearing_on = Some(*hearing_on);
        }
        Action::RescheduleHearing { hearing_on } => {
            if *hearing_on < date {
                return Err(invalid(format!("改期后的开庭（听证）日期{hearing_on}早于改期通知日期{date}，请核对")));
            }
            if state.hearing_on == Some(*hearing_on) {
                return Err(invalid(format!("开庭（听证）日期已是{hearing_on}，无需改期")));
            }
            if state.kind == CaseKind::Reconsideration {
                check_hearing_notice(engine, date, *hearing_on)?;
            }
            next.hearing_on = Some(*hearing_on);
        }
        Action::CancelHearing => next.hearing_on = None,
        Action::HoldHearing { appearance } => {
            if let Some(on) = state.hearing_on {
                if date != on {
                    return Err(invalid(format!(
                        "开庭（听证）日期应为通知的{on}，录入的是{date}；如已改期，请重新登记通知"
                    )));
                }
            }
            if state.kind == CaseKind::Litigation {
                let Some(appearance) = appearance else {
                    return Err(invalid(
                        "请登记出庭情况（《行政诉讼法》第三条第三款）：负责人、工作人员、仅律师出庭，或无人出庭",
                    ));
                };
                // 出庭且出声 is recorded for a 负责人 only.
                if appearance.spoke && !appearance.rank.is_some_and(AppearerRank::is_head) {
                    return Err(invalid("“当庭发言”只适用于出庭的行政机关负责人；出庭人员不是负责人时请不要勾选"));
                }
                // A hearing nobody (or only a lawyer) attended for the agency is
                // recorded too: it counts in the 出庭应诉率 denominator.
                next.hearings.push(HearingRecord { date, instance: state.instance, appearance: appearance.clone() });
            }
            next.hearing_on = None;
        }
        Action::StartMediation | Action::EndMediation => {}
        Action::Decide { outcome, self_corrected, after_withdrawal } => {
            let outcome = check_decision(state, *outcome)?;
            let terminated = outcome == ReconsiderationOutcome::Terminated;
            // Self-correction ends the case by the applicant's withdrawal.
            next.terminated_after_withdrawal = terminated && (*after_withdrawal || *self_corrected);
            next.self_corrected = *self_corrected && terminated;
            next.outcome = Some(CaseOutcome::Reconsideration(outcome));
        }
        Action::SubmitDefence => {}
        Action::Judge { outcome, appellate } => {
            let outcome = check_judgment(state, *outcome, *appellate)?;
            match outcome {
                Some(o) => next.outcome = Some(CaseOutcome::Litigation(o)),
                // 发回重审: back to the first instance, open again.
                None => {
                    next.instance = Instance::First;
                    next.closed_on = None;
                }
            }
        }
        Action::ServeJudgment { ruling } => {
            if state.instance != Instance::First {
                return Err(invalid("二审判决、裁定是终审判决、裁定，不能上诉（《行政诉讼法》第八十五条）"));
            }
            ev(EventKind::JudgmentServed { ruling: *ruling });
        }
        Action::Appeal { by_agency } => {
            if state.instance != Instance::First {
                return Err(invalid("二审判决、裁定是终审判决、裁定，不能上诉（《行政诉讼法》第八十五条）"));
            }
            if *by_agency {
                check_appeal_in_time(engine, state, date)?;
            } else {
                ev(EventKind::AppealServed);
            }
            next.instance = Instance::Second;
            next.closed_on = None;
        }
        Action::WithdrawAppeal => {
            // The first-instance outcome stands and becomes final.
            next.instance = Instance::First;
        }
        Action::BecomeFinal => {}
    }
    // Whatever the kind's definition rules out beyond the stage (checked after
    // the specific checks above, which say why in their own words).
    if !state.kind.def().possible(state, kind) {
        return Err(TransitionError::NotAllowed {
            kind: state.kind.zh().to_string(),
            stage: state.stage.zh().to_string(),
            action: kind.zh().to_string(),
        });
    }
    next.stage = match rule.to {
        // 发回重审: the retrial starts where the first instance stood after the defence.
        To(Stage::Judged) if matches!(action, Action::Judge { appellate: Some(Appellate::Remanded), .. }) => {
            Stage::DefenceSubmitted
        }
        To(s) => s,
        Stay => state.stage,
        Resume => state
            .resume_to
            .ok_or_else(|| invalid(format!("案件状态不完整：不知道「{}」之后应回到哪个阶段", state.stage.zh())))?,
        ByOutcome => match next.reconsideration_outcome() {
            Some(o) if o.is_termination() => Stage::Terminated,
            _ => Stage::Decided,
        },
    };
    // Remember where a pause, hearing or mediation returns to.
    next.resume_to = match (rule.to, next.stage) {
        (Resume, _) => None,
        // Rescheduling stays in the hearing stage and keeps where it returns to.
        (Stay, _) => state.resume_to,
        (_, Stage::Consulting | Stage::AwaitingFee | Stage::Hearing | Stage::Mediation | Stage::HearingScheduled) => {
            Some(state.stage)
        }
        // A suspension during a hearing or mediation returns to the review itself.
        (_, Stage::Suspended) => Some(match state.stage {
            Stage::Hearing | Stage::Mediation => state.resume_to.unwrap_or(Stage::UnderReview),
            s => s,
        }),
        _ => state.resume_to,
    };
    if state.kind == CaseKind::Reconsideration && state.stage == Stage::Suspended && next.stage != Stage::Suspended {
        // Leaving 中止 by a decision (e.g. termination, Art. 41) ends the pause too.
        if !matches!(action, Action::Resume) {
            events.push(ProcedureEvent::new(date, EventKind::PauseEnded { pause: PauseKind::Suspension }));
        }
    }
    if next.stage.is_terminal() || next.stage == Stage::Judged {
        next.closed_on = Some(date);
    }
    if next.stage == Stage::Final {
        next.closed_on = state.closed_on.or(Some(date));
    }
    // The date a case first concluded fixes the year it counts in: an appeal
    // lodged in January does not take it out of last year's figures.
    if next.concluded_on.is_none() {
        next.concluded_on = next.closed_on;
    }
    // The deadline steps this action performs (the first time counts; the
    // clock computes the first-instance defence only).
    let performed: &[Step] = match action {
        Action::RequestCorrection => &[Step::CorrectionNotice],
        Action::Accept | Action::Reject { .. } => &[Step::CorrectionNotice, Step::Acceptance],
        Action::Reply { .. } => &[Step::CorrectionNotice, Step::Reply],
        Action::Decide { .. } => &[Step::Decision],
        Action::SubmitDefence if state.stage == Stage::Appealed => &[Step::AppealAnswer],
        Action::SubmitDefence => &[Step::Defence],
        Action::Appeal { by_agency: true } => &[Step::Appeal],
        Action::ServeCopy => &[Step::CopyToRespondent],
        _ => &[],
    };
    for step in performed {
        if !next.done.iter().any(|(s, _)| s == step) {
            next.done.push((*step, date));
        }
    }
    next.last_date = Some(date);
    next.clock_events.extend(events.iter().cloned());
    check_clock(engine, &next)?;
    Ok(Applied { state: next, events, flags })
}

/// 行政复议法 Art. 20: 60 days from knowing of the act, counted as 民事诉讼法 Art. 85
/// counts (start day excluded, a last day on a rest day rolls over; Art. 88 ¶2).
fn check_application_period(
    engine: &Engine<'_>,
    known_on: NaiveDate,
    received: NaiveDate,
    late_reason: Option<&str>,
) -> Result<Option<LateApplication>, TransitionError> {
    if known_on > received {
        return Err(invalid(format!("知道行政行为的日期{known_on}晚于收到申请的日期{received}，请核对")));
    }
    let roll = engine.rules().conventions.roll_over;
    let limit = arithmetic::count(engine.calendar(), known_on, Unit::CalendarDays, 60, &[], roll)
        .map_err(|e| TransitionError::Clock(e.to_string()))?;
    if received <= limit.due {
        return Ok(None);
    }
    match late_reason.map(str::trim) {
        Some(reason) if !reason.is_empty() => {
            Ok(Some(LateApplication { known_on, limit_due: limit.due, received, reason: reason.to_string() }))
        }
        _ => Err(invalid(format!(
            "申请日期{received}已超过行政复议申请期限：自知道该行政行为之日（{known_on}）起60日，\
             期限届满日为{}（《行政复议法》第二十条）。如因不可抗力或者其他正当理由耽误期限，请填写理由",
            limit.due
        ))),
    }
}

/// The limits of 行政复议法 Arts. 20 ¶3 and 21, which no reason overcomes.
fn check_outer_limits(
    known_on: NaiveDate,
    rights_learned_on: Option<NaiveDate>,
    act_on: Option<NaiveDate>,
    immovable: bool,
    received: NaiveDate,
) -> Result<(), TransitionError> {
    if let Some(act) = act_on {
        if act > known_on {
            return Err(invalid(format!("行政行为作出的日期{act}晚于知道该行政行为的日期{known_on}，请核对")));
        }
        let years = if immovable { 20 } else { 5 };
        let limit = act.checked_add_months(chrono::Months::new(12 * years)).unwrap_or(NaiveDate::MAX);
        if received > limit {
            return Err(invalid(format!(
                "自行政行为作出之日（{act}）起超过{years}年（{limit}届满）提出的行政复议申请，不予受理\
                 （《行政复议法》第二十一条{}），不因逾期理由而改变",
                if immovable { "，因不动产提出的为二十年" } else { "" }
            )));
        }
    }
    if let Some(learned) = rights_learned_on {
        if learned < known_on {
            return Err(invalid(format!(
                "知道申请复议的权利和期限的日期{learned}早于知道该行政行为的日期{known_on}，请核对"
            )));
        }
        let limit = known_on.checked_add_months(chrono::Months::new(12)).unwrap_or(NaiveDate::MAX);
        if received > limit {
            return Err(invalid(format!(
                "行政机关未告知申请行政复议的权利和期限的，申请期限自知道之日起计算，但自知道行政行为内容之日（{known_on}）起\
                 最长不得超过一年（{limit}届满，《行政复议法》第二十条第三款），不因逾期理由而改变"
            )));
        }
    }
    Ok(())
}

/// Extension checks: which step, the approver, the cap (disclosure Art. 33 ¶2; 复议
/// Art. 62 ¶1, none in the simplified procedure, Art. 62 ¶2).
fn check_extension(engine: &Engine<'_>, state: &CaseState, days: u32, approver: &str) -> Result<Step, TransitionError> {
    let (step, rule_id) =
        match state.kind {
            CaseKind::Disclosure => (Step::Reply, RuleId::DisclosureReply),
            CaseKind::Reconsideration if state.simplified => return Err(invalid(
                "适用简易程序的行政复议案件应当在受理之日起30日内作出决定，不能延长（《行政复议法》第六十二条第二款）",
            )),
            CaseKind::Reconsideration => (Step::Decision, RuleId::ReconsiderationDecision),
            CaseKind::Litigation => return Err(invalid("行政应诉案件没有可由本机关批准延长的期限")),
        };
    let rule = engine.rules().get(rule_id);
    let Some(policy) = rule.extension.as_ref() else {
        return Err(invalid(format!("{}不允许延长", rule.label)));
    };
    if days == 0 {
        return Err(invalid("延长的天数为0，请填写延长的天数"));
    }
    if approver.trim().is_empty() {
        return Err(invalid(format!(
            "{}的延长须经{}批准（{}）：请填写批准人",
            rule.label, policy.approver, policy.article
        )));
    }
    let total = state.extension_days.saturating_add(days);
    if total > policy.cap {
        return Err(invalid(format!(
            "{}最多延长{}{}，本次申请延长{days}{}，连同已批准的{}{}合计{total}{}，超过上限（{}）",
            rule.label,
            policy.cap,
            rule.unit.zh(),
            rule.unit.zh(),
            state.extension_days,
            rule.unit.zh(),
            rule.unit.zh(),
            policy.article
        )));
    }
    Ok(step)
}

/// 行政复议法 Art. 31: the applicant corrects within 10 (working, Art. 88 ¶2) days of
/// receiving the notice; only after that may the application be deemed abandoned.
/// The notice's receipt is not recorded, so its sending date is the earliest start.
fn check_correction_period_over(
    engine: &Engine<'_>,
    state: &CaseState,
    date: NaiveDate,
) -> Result<(), TransitionError> {
    let Some(sent) = state.clock_events.iter().find(|e| e.kind == EventKind::CorrectionRequested).map(|e| e.date)
    else {
        return Err(invalid("尚未发出补正通知，不能视为放弃（《行政复议法》第三十一条）"));
    };
    let end = engine.calendar().add_working_days(sent, 10).map_err(|e| TransitionError::Clock(e.to_string()))?;
    if date <= end {
        return Err(invalid(format!(
            "补正期限尚未届满：补正通知于{sent}发出，申请人应当自收到补正通知之日起十个工作日内补正\
             （《行政复议法》第三十一条、第八十八条第二款），最早于{end}之后方可视为放弃，录入的日期为{date}"
        )));
    }
    Ok(())
}

/// A judgment fits its instance: in the second instance the court's answer to the
/// appeal is required (`None` returned for 发回重审, which leaves no outcome yet).
fn check_judgment(
    state: &CaseState,
    outcome: Option<LitigationOutcome>,
    appellate: Option<Appellate>,
) -> Result<Option<LitigationOutcome>, TransitionError> {
    if state.instance != Instance::Second {
        if appellate.is_some() {
            return Err(invalid("本案不在二审中，不能登记二审裁判结果"));
        }
        return outcome.map(Some).ok_or_else(|| invalid("请选择判决（裁定）结果"));
    }
    let first = state.litigation_outcome();
    match appellate {
        None => {
            Err(invalid("二审案件请选择二审结果：驳回上诉、维持原判，改判，或发回重审（《行政诉讼法》第八十九条）"))
        }
        Some(Appellate::AppealRejected) => {
            first.map(Some).ok_or_else(|| invalid("本案没有一审裁判结果，不能“维持原判”，请核对"))
        }
        Some(Appellate::Amended) => match outcome {
            None => Err(invalid("改判须选择改判后的裁判结果（《行政诉讼法》第八十九条）")),
            Some(o) if Some(o) == first => {
                Err(invalid(format!("改判后的结果“{}”与一审相同；如二审维持一审，请选择“驳回上诉、维持原判”", o.zh())))
            }
            Some(o) => Ok(Some(o)),
        },
        Some(Appellate::Remanded) => Ok(None),
    }
}

/// An appeal by the agency must be lodged within the period of 行政诉讼法 Art. 85
/// when the service of the judgment was recorded.
fn check_appeal_in_time(engine: &Engine<'_>, state: &CaseState, date: NaiveDate) -> Result<(), TransitionError> {
    let due = engine.due_date(state.kind.clock(), Step::Appeal, &state.clock_events);
    match due {
        Ok(Some(due)) if date > due => Err(invalid(format!(
            "上诉期限已于{due}届满（《行政诉讼法》第八十五条：判决十五日、裁定十日，自送达之日起），{date}不能再提起上诉"
        ))),
        _ => Ok(()),
    }
}

/// A disclosure reply needs an outcome code that fits the history.
fn check_reply(state: &CaseState, outcome: Option<DisclosureOutcome>) -> Result<DisclosureOutcome, TransitionError> {
    let Some(outcome) = outcome else {
        return Err(invalid("答复必须选择办理结果（对应年度报告表三“本年度办理结果”中的一项），不能为空"));
    };
    match (state.stage, outcome) {
        (Stage::CorrectionRequested, DisclosureOutcome::OtherNoCorrection) => Ok(outcome),
        (Stage::CorrectionRequested, o) => Err(invalid(format!(
            "申请尚待补正，只能按“{}”办结，不能答复为“{}”（《政府信息公开条例》第三十条）",
            DisclosureOutcome::OtherNoCorrection.zh(),
            o.zh()
        ))),
        (_, DisclosureOutcome::OtherNoCorrection) => Err(invalid(format!(
            "“{}”只能用于已发出补正通知、尚未收到补正材料的申请（《政府信息公开条例》第三十条）",
            outcome.zh()
        ))),
        (Stage::AwaitingFee, DisclosureOutcome::OtherFeeUnpaid) => Ok(outcome),
        (Stage::AwaitingFee, o) => Err(invalid(format!(
            "已发出收费通知、尚未缴费：请先登记缴费，或按“{}”办结；不能答复为“{}”",
            DisclosureOutcome::OtherFeeUnpaid.zh(),
            o.zh()
        ))),
        (_, DisclosureOutcome::OtherFeeUnpaid) => {
            Err(invalid(format!("“{}”只能用于已发出收费通知、尚未缴费的申请", outcome.zh())))
        }
        (_, DisclosureOutcome::UnavailableUnclearAfterCorrection) if !state.corrected => Err(invalid(format!(
            "“{}”只能用于申请人已补正的申请，本案没有收到补正材料（《政府信息公开条例》第三十条）",
            outcome.zh()
        ))),
        _ => Ok(outcome),
    }
}

/// A reconsideration decision needs a type that fits the stage.
fn check_decision(
    state: &CaseState,
    outcome: Option<ReconsiderationOutcome>,
) -> Result<ReconsiderationOutcome, TransitionError> {
    let Some(outcome) = outcome else {
        return Err(invalid("请选择复议决定的类型（《行政复议法》第六十三条至第六十九条等）"));
    };
    match (state.stage, outcome) {
        (Stage::Mediation, ReconsiderationOutcome::Mediated | ReconsiderationOutcome::Settled) => Ok(outcome),
        (Stage::Mediation, o) => Err(invalid(format!(
            "调解中的案件只能以调解或和解结案；如调解未成，请先登记“调解未成”再作出“{}”决定（《行政复议法》第七十三条）",
            o.zh()
        ))),
        (_, ReconsiderationOutcome::Mediated) => {
            Err(invalid("调解书须经调解达成协议，请先登记“开始调解”（《行政复议法》第七十三条）"))
        }
        (Stage::Suspended | Stage::Hearing, ReconsiderationOutcome::Terminated) => Ok(outcome),
        (Stage::Suspended, o) => Err(invalid(format!(
            "案件中止期间只能终止（《行政复议法》第四十一条），作出“{}”决定前请先恢复审理",
            o.zh()
        ))),
        (Stage::Hearing, o) => {
            Err(invalid(format!("听证尚未举行，作出“{}”决定前请先登记听证（《行政复议法》第五十条）", o.zh())))
        }
        _ => Ok(outcome),
    }
}

/// 行政复议法 Art. 51: the hearing is notified at least 5 working days before it
/// (Art. 88 ¶2). Our reading: five whole working days lie between the notice and the
/// hearing day.
fn check_hearing_notice(engine: &Engine<'_>, notice: NaiveDate, hearing: NaiveDate) -> Result<(), TransitionError> {
    let earliest = engine.calendar().add_working_days(notice, 5).map_err(|e| TransitionError::Clock(e.to_string()))?;
    if hearing <= earliest {
        return Err(invalid(format!(
            "听证通知应当在举行听证五个工作日前送达（《行政复议法》第五十一条）：{notice}通知，最早可于{}之后举行，录入的听证日期为{hearing}",
            earliest
        )));
    }
    Ok(())
}

/// Runs the whole history through the clock; a refusal of the clock is a refusal of
/// the step. Missing holiday notices are not the user's fault and do not block a step.
fn check_clock(engine: &Engine<'_>, state: &CaseState) -> Result<(), TransitionError> {
    match engine.schedule(state.kind.clock(), &state.clock_events) {
        Ok(_) | Err(ClockError::Calendar(_)) => Ok(()),
        Err(e) => Err(TransitionError::Clock(e.to_string())),
    }
}

/// The clock events of a case (what `Engine::schedule` takes).
pub fn clock_events(state: &CaseState) -> &[ProcedureEvent] {
    &state.clock_events
}
