//! 行政复议 (行政复议法 2023) as a procedure kind: its stages, actions, state
//! and transition table, and the decision types with 纠错 and table 4
//! ([`outcome`]).

pub mod clock;
pub mod outcome;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::arithmetic::{self, Unit};
use crate::clock::{EventKind, PauseKind, ProcedureKind};

use super::engine::{invalid, t, Case, Procedure, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
use super::steps;
pub use outcome::{CorrectionScope, ReconsiderationOutcome, SimplifiedGround};

/// 行政复议.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reconsideration;

/// The stages of a reconsideration case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 已收到复议申请, acceptance under review (Art. 30).
    Applied,
    /// 待补正 (Art. 31).
    CorrectionRequested,
    /// 已补正.
    Corrected,
    /// 已受理，审理中 (ordinary or simplified; Arts. 48–62).
    UnderReview,
    /// 听证 notified (Arts. 50–51).
    Hearing,
    /// 调解中 (Art. 73).
    Mediation,
    /// 中止 (Art. 39).
    Suspended,
    /// 不予受理 (terminal; Art. 30).
    Rejected,
    /// 已作出复议决定 (terminal; Arts. 63–69, 73).
    Decided,
    /// 终止 (terminal; Arts. 41, 74).
    Terminated,
    /// 视为放弃申请 (terminal; Art. 31 ¶2).
    Abandoned,
    /// 撤回申请 before acceptance (terminal).
    Withdrawn,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Applied,
        Stage::CorrectionRequested,
        Stage::Corrected,
        Stage::UnderReview,
        Stage::Hearing,
        Stage::Mediation,
        Stage::Suspended,
        Stage::Rejected,
        Stage::Decided,
        Stage::Terminated,
        Stage::Abandoned,
        Stage::Withdrawn,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Applied => "受理审查中",
            Stage::CorrectionRequested => "待补正",
            Stage::Corrected => "已补正",
            Stage::UnderReview => "审理中",
            Stage::Hearing => "听证中",
            Stage::Mediation => "调解中",
            Stage::Suspended => "中止",
            Stage::Rejected => "不予受理",
            Stage::Decided => "已作出决定",
            Stage::Terminated => "已终止",
            Stage::Abandoned => "视为放弃申请",
            Stage::Withdrawn => "已撤回",
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Decided | Stage::Terminated | Stage::Abandoned | Stage::Withdrawn)
    }
}

/// One step on a reconsideration case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// Application received; `known_on` is when the applicant knew or should
    /// have known of the act (Art. 20); `late_reason` is needed past 60 days.
    ///
    /// The outer limits no reason overcomes: when the agency did not tell the
    /// applicant of the right to apply (`rights_learned_on`: the day the
    /// applicant learned of it), the 60 days run from then but end at the
    /// latest one year after `known_on` (Art. 20 ¶3); an application more than
    /// 5 years (20 for immovable property) after the act (`act_on`) is not
    /// accepted (Art. 21).
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
    /// The one all-in-one correction notice (Art. 31).
    RequestCorrection,
    /// The corrected material arrived; the clock restarts.
    ReceiveCorrection,
    /// No correction within the period: deemed abandoned (Art. 31 ¶2).
    Abandon,
    /// The applicant withdrew before acceptance (after it, withdrawal ends the
    /// case by a termination decision, Art. 41).
    Withdraw,
    /// 受理 (Art. 30).
    Accept,
    /// 不予受理 with reasons (Art. 30).
    Reject { reason: String },
    /// The simplified procedure, on a ground of Art. 53.
    ApplySimplified {
        #[serde(default)]
        ground: Option<SimplifiedGround>,
    },
    /// Simplified → ordinary (Art. 55).
    SwitchToOrdinary,
    /// The respondent received the copy of the application (Arts. 48, 54).
    ServeCopy,
    /// Extension of the decision period (Art. 62 ¶1), in days.
    GrantExtension { days: u32, approved_by: String },
    /// 听证 notified (Arts. 50–51): the step's date is the notice.
    ScheduleHearing { hearing_on: NaiveDate },
    /// The hearing moves to another day.
    RescheduleHearing { hearing_on: NaiveDate },
    /// The hearing is called off; review continues.
    CancelHearing,
    /// The hearing took place.
    HoldHearing,
    /// Mediation started (Art. 73).
    StartMediation,
    /// Mediation failed; review continues (Art. 73 ¶2).
    EndMediation,
    /// 中止 (Art. 39).
    Suspend { reason: String },
    /// 恢复审理 (Art. 39 ¶2).
    Resume,
    /// The decision or ending. `self_corrected`: for a termination after
    /// withdrawal, the respondent had corrected its own act (综合纠错).
    /// `after_withdrawal`: a termination because the applicant withdrew
    /// (Art. 41 (1), 74), as opposed to the other grounds of Art. 41.
    Decide {
        outcome: Option<ReconsiderationOutcome>,
        #[serde(default)]
        self_corrected: bool,
        #[serde(default)]
        after_withdrawal: bool,
    },
}

/// A late application accepted with a stated reason (Art. 20 ¶2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateApplication {
    /// When the applicant knew or should have known of the act.
    pub known_on: NaiveDate,
    /// The last day of the 60-day period (after roll-over).
    pub limit_due: NaiveDate,
    /// The date the application was received.
    pub received: NaiveDate,
    /// The reason given (不可抗力或者其他正当理由).
    pub reason: String,
}

/// What only a reconsideration case keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    /// Date of acceptance.
    pub accepted_on: Option<NaiveDate>,
    pub correction_requested: bool,
    pub corrected: bool,
    /// Days of extension granted so far.
    pub extension_days: u32,
    /// The simplified procedure applies (Art. 53).
    pub simplified: bool,
    /// Switched once to ordinary (Art. 55): the simplified one cannot apply again.
    pub switched_to_ordinary: bool,
    /// A notified hearing date.
    pub hearing_on: Option<NaiveDate>,
    /// Set when a late application was accepted with a reason.
    pub late: Option<LateApplication>,
    /// The respondent corrected its own act and the applicant withdrew (综合纠错).
    pub self_corrected: bool,
    /// A termination because the applicant withdrew (Art. 41 (1), 74).
    pub terminated_after_withdrawal: bool,
}

use Stage as S;
use Verb as V;

/// The transitions of 行政复议.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::ReceiveApplication, To(S::Applied), "《行政复议法》第二十条、第二十二条"),
    t(S::Applied, V::RequestCorrection, To(S::CorrectionRequested), "《行政复议法》第三十一条"),
    t(S::CorrectionRequested, V::ReceiveCorrection, To(S::Corrected), "《行政复议法》第三十一条"),
    t(S::CorrectionRequested, V::Abandon, To(S::Abandoned), "《行政复议法》第三十一条第二款"),
    t(S::Applied, V::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::CorrectionRequested, V::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::Corrected, V::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::Applied, V::Accept, To(S::UnderReview), "《行政复议法》第三十条"),
    t(S::Corrected, V::Accept, To(S::UnderReview), "《行政复议法》第三十条"),
    t(S::Applied, V::Reject, To(S::Rejected), "《行政复议法》第三十条"),
    t(S::Corrected, V::Reject, To(S::Rejected), "《行政复议法》第三十条"),
    t(S::UnderReview, V::ApplySimplified, Stay, "《行政复议法》第五十三条"),
    t(S::UnderReview, V::SwitchToOrdinary, Stay, "《行政复议法》第五十五条"),
    t(S::UnderReview, V::ServeCopy, Stay, "《行政复议法》第四十八条、第五十四条"),
    t(S::UnderReview, V::GrantExtension, Stay, "《行政复议法》第六十二条第一款"),
    t(S::UnderReview, V::ScheduleHearing, Pause(S::Hearing), "《行政复议法》第五十条、第五十一条"),
    t(S::Hearing, V::HoldHearing, Resume, "《行政复议法》第五十条"),
    t(S::Hearing, V::RescheduleHearing, Stay, "《行政复议法》第五十一条"),
    t(S::Hearing, V::CancelHearing, Resume, "《行政复议法》第五十条"),
    t(S::UnderReview, V::StartMediation, Pause(S::Mediation), "《行政复议法》第五条、第七十三条"),
    t(S::Mediation, V::EndMediation, Resume, "《行政复议法》第七十三条第二款"),
    t(S::UnderReview, V::Suspend, Pause(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Hearing, V::Suspend, Pause(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Mediation, V::Suspend, Pause(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Suspended, V::Resume, Resume, "《行政复议法》第三十九条第二款"),
    t(S::UnderReview, V::Decide, ByStep, "《行政复议法》第三十三条、第四十一条、第六十三条至第六十九条、第七十四条"),
    t(S::Mediation, V::Decide, ByStep, "《行政复议法》第七十三条、第七十四条"),
    t(S::Suspended, V::Decide, ByStep, "《行政复议法》第四十一条"),
    t(S::Hearing, V::Decide, ByStep, "《行政复议法》第四十一条"),
];

const VERBS: &[Verb] = &[
    V::ReceiveApplication,
    V::RequestCorrection,
    V::ReceiveCorrection,
    V::Abandon,
    V::Accept,
    V::Reject,
    V::Withdraw,
    V::ServeCopy,
    V::ApplySimplified,
    V::SwitchToOrdinary,
    V::GrantExtension,
    V::ScheduleHearing,
    V::RescheduleHearing,
    V::CancelHearing,
    V::HoldHearing,
    V::StartMediation,
    V::EndMediation,
    V::Suspend,
    V::Resume,
    V::Decide,
];

impl Procedure for Reconsideration {
    const ID: &'static str = "reconsideration";
    const ZH: &'static str = "行政复议";
    const PREFIX: &'static str = "FY";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记行政复议申请";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = ReconsiderationOutcome;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::ReceiveApplication => "登记收到复议申请",
            V::RequestCorrection => "发出补正通知",
            V::ReceiveCorrection => "收到补正材料",
            V::Abandon => "视为放弃（逾期未补正）",
            V::Withdraw => "撤回",
            V::Accept => "受理",
            V::Reject => "不予受理",
            V::ApplySimplified => "适用简易程序",
            V::SwitchToOrdinary => "转为普通程序",
            V::ServeCopy => "送达申请书副本",
            V::GrantExtension => "批准延长期限",
            V::ScheduleHearing => "通知开庭（听证）",
            V::RescheduleHearing => "开庭（听证）改期",
            V::CancelHearing => "取消开庭（听证）",
            V::HoldHearing => "开庭（听证）",
            V::StartMediation => "开始调解",
            V::EndMediation => "调解未成",
            V::Suspend => "中止",
            V::Resume => "恢复审理",
            V::Decide => "作出决定",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let before = cx.before;
        match action {
            Action::ReceiveApplication { known_on, late_reason, rights_learned_on, act_on, immovable } => {
                check_outer_limits(*known_on, *rights_learned_on, *act_on, *immovable, cx.date)?;
                let start = rights_learned_on.unwrap_or(*known_on);
                if let Some(late) = check_application_period(cx, start, late_reason.as_deref())? {
                    cx.flag(
                        "late_application",
                        format!("申请期限已于{}届满，因申请人说明理由而登记：{}", late.limit_due, late.reason),
                    );
                    cx.next.data.late = Some(late);
                }
                cx.next.common.received_on = Some(cx.date);
                cx.event(EventKind::Received);
            }
            Action::RequestCorrection => {
                steps::request_correction(cx, before.data.correction_requested)?;
                cx.next.data.correction_requested = true;
            }
            Action::ReceiveCorrection => {
                steps::receive_correction(cx);
                cx.next.data.corrected = true;
            }
            Action::Abandon => {
                check_correction_period_over(cx)?;
                cx.conclude(ReconsiderationOutcome::Abandoned);
            }
            Action::Withdraw => cx.conclude(ReconsiderationOutcome::WithdrawnBeforeAcceptance),
            Action::Accept => {
                cx.next.data.accepted_on = Some(cx.date);
                cx.event(EventKind::Mark(clock::ACCEPTED));
                cx.perform(&[clock::CORRECTION_NOTICE, clock::ACCEPTANCE]);
            }
            Action::Reject { reason } => {
                if reason.trim().is_empty() {
                    return Err(invalid("不予受理决定须说明理由（《行政复议法》第三十条）"));
                }
                cx.perform(&[clock::CORRECTION_NOTICE, clock::ACCEPTANCE]);
            }
            Action::ApplySimplified { ground } => {
                if ground.is_none() {
                    return Err(invalid(
                        "适用简易程序须写明《行政复议法》第五十三条规定的情形：当场作出的行政行为、警告或者通报批评、\
                         案涉款额三千元以下、政府信息公开案件，或者当事人各方同意",
                    ));
                }
                if before.data.simplified {
                    return Err(invalid("本案已适用简易程序"));
                }
                if before.data.switched_to_ordinary {
                    return Err(invalid(
                        "本案已由简易程序转为普通程序，不能再适用简易程序（《行政复议法》第五十五条）",
                    ));
                }
                cx.next.data.simplified = true;
                cx.event(EventKind::Mark(clock::SIMPLIFIED));
            }
            Action::SwitchToOrdinary => {
                if !before.data.simplified {
                    return Err(invalid(
                        "本案适用普通程序，无需转换；只有适用简易程序的案件才能转为普通程序（《行政复议法》第五十五条）",
                    ));
                }
                cx.next.data.simplified = false;
                cx.next.data.switched_to_ordinary = true;
                cx.event(EventKind::Mark(clock::SWITCHED_TO_ORDINARY));
            }
            Action::ServeCopy => {
                if before.common.has_event(&EventKind::Mark(clock::COPY_SERVED)) {
                    return Err(invalid("已登记被申请人收到申请书副本的日期，不能重复登记"));
                }
                cx.event(EventKind::Mark(clock::COPY_SERVED));
                cx.perform(&[clock::COPY_TO_RESPONDENT]);
            }
            Action::GrantExtension { days, approved_by } => {
                if before.data.simplified {
                    return Err(invalid(
                        "适用简易程序的行政复议案件应当在受理之日起30日内作出决定，不能延长（《行政复议法》第六十二条第二款）",
                    ));
                }
                let granted = before.data.extension_days;
                cx.next.data.extension_days =
                    steps::extend(cx, clock::rule::DECISION, clock::DECISION, granted, *days, approved_by)?;
            }
            Action::ScheduleHearing { hearing_on } => {
                steps::schedule_hearing(cx, None, *hearing_on, Some(5))?;
                cx.next.data.hearing_on = Some(*hearing_on);
            }
            Action::RescheduleHearing { hearing_on } => {
                steps::schedule_hearing(cx, before.data.hearing_on, *hearing_on, Some(5))?;
                cx.next.data.hearing_on = Some(*hearing_on);
            }
            Action::CancelHearing => cx.next.data.hearing_on = None,
            Action::HoldHearing => {
                steps::hold_hearing(cx, before.data.hearing_on)?;
                cx.next.data.hearing_on = None;
            }
            Action::StartMediation | Action::EndMediation => {}
            Action::Suspend { reason } => {
                if reason.trim().is_empty() {
                    return Err(invalid("中止须写明中止的原因（《行政复议法》第三十九条）"));
                }
                steps::pause(cx, PauseKind::Suspension);
            }
            Action::Resume => steps::resume(cx, PauseKind::Suspension),
            Action::Decide { outcome, self_corrected, after_withdrawal } => {
                let outcome = check_decision(before, *outcome)?;
                let terminated = outcome == ReconsiderationOutcome::Terminated;
                // Self-correction ends the case by the applicant's withdrawal.
                cx.next.data.terminated_after_withdrawal = terminated && (*after_withdrawal || *self_corrected);
                cx.next.data.self_corrected = *self_corrected && terminated;
                cx.conclude(outcome);
                cx.goto(if outcome.is_termination() { S::Terminated } else { S::Decided });
                // Leaving 中止 by a decision (e.g. termination, Art. 41) ends the pause too.
                if before.stage == S::Suspended {
                    steps::resume(cx, PauseKind::Suspension);
                }
                cx.perform(&[clock::DECISION]);
            }
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        let d = &case.data;
        match verb {
            V::ApplySimplified => !d.simplified && !d.switched_to_ordinary,
            V::SwitchToOrdinary => d.simplified,
            V::ServeCopy => !case.common.has_event(&EventKind::Mark(clock::COPY_SERVED)),
            // Art. 62 ¶2: no extension in the simplified procedure.
            V::GrantExtension => !d.simplified,
            V::RequestCorrection => !d.correction_requested,
            _ => true,
        }
    }

    fn form(_case: &Case<Self>, verb: Verb) -> Vec<Field> {
        match verb {
            V::GrantExtension => {
                vec![Field::count("days", "延长天数(日)").required(), Field::text("approved_by", "批准人")]
            }
            V::Reject | V::Suspend => vec![Field::long_text("reason", "理由")],
            V::ScheduleHearing => vec![Field::date("hearing_on", "听证日期").required()],
            V::RescheduleHearing => vec![Field::date("hearing_on", "改期后的听证日期").required()],
            V::ApplySimplified => vec![Field::choice(
                "ground",
                "适用情形(《行政复议法》第五十三条)",
                options(&SimplifiedGround::ALL, |g| g.zh().to_owned()),
            )],
            V::Decide => vec![
                Field::choice("outcome", "决定类型", options(&ReconsiderationOutcome::ALL, |o| o.zh().to_owned())),
                Field::check("after_withdrawal", "因申请人撤回申请而终止(终止时适用,《行政复议法》第四十一条第一项)"),
                Field::check("self_corrected", "被申请人已自行纠正、申请人因此撤回(终止时适用,计入综合纠错)"),
            ],
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::ReceiveApplication { known_on, late_reason, .. } => match late_reason {
                Some(r) if !r.trim().is_empty() => {
                    format!("收到行政复议申请(知道行政行为之日:{known_on};逾期理由:{r})")
                }
                _ => format!("收到行政复议申请(知道行政行为之日:{known_on})"),
            },
            // 行政复议法 Art. 62 counts the extension in days.
            Action::GrantExtension { days, approved_by } => format!("批准延长期限{days}日(批准人:{approved_by})"),
            Action::ReceiveCorrection => "收到补正材料,期限重新计算".to_owned(),
            Action::Reject { reason } => format!("决定不予受理:{reason}"),
            Action::Suspend { reason } => format!("中止审理:{reason}(中止期间不计入审理期限)"),
            Action::ScheduleHearing { hearing_on } => format!("通知开庭(听证),定于{hearing_on}"),
            Action::RescheduleHearing { hearing_on } => format!("开庭(听证)改期至{hearing_on}"),
            Action::ApplySimplified { ground: Some(g) } => format!("适用简易程序:{}", g.zh()),
            Action::Decide { outcome: Some(o), self_corrected, .. } => {
                format!("作出{}决定{}", o.zh(), if *self_corrected { "(被申请人自行纠正后撤回)" } else { "" })
            }
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let applicant = if r.party_is_person { "申请人(自然人)" } else { "申请人(法人或其他组织)" };
        let mut out = vec![
            ("行政行为与复议请求", r.subject.clone()),
            ("行政行为类别", r.matter.clone()),
            ("复议机构", r.unit_name.clone()),
            ("被申请人", r.respondent_name.clone()),
            (applicant, r.party.clone()),
            ("收到申请日期", r.received_on.clone()),
        ];
        let d = &case.data;
        if let Some(late) = &d.late {
            out.push((
                "逾期申请",
                format!("知道行政行为之日{},期限届满日{},理由:{}", late.known_on, late.limit_due, late.reason),
            ));
        }
        if let Some(on) = d.accepted_on {
            out.push(("受理日期", on.to_string()));
            let procedure = if d.simplified { "简易程序(30日)" } else { "普通程序(60日,可延长30日)" };
            out.push(("审理程序", procedure.to_owned()));
        }
        if let Some(o) = case.outcome {
            out.push(("决定", format!("{}({})", o.zh(), o.article())));
        }
        out
    }
    fn hearing_on(case: &Case<Self>) -> Option<NaiveDate> {
        case.data.hearing_on
    }
    fn notes(case: &Case<Self>) -> Vec<String> {
        case.data.hearing_on.iter().map(|d| format!("已定于{d}举行听证。")).collect()
    }
    fn documents(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        if case.outcome.is_some() {
            vec![("decision", "行政复议决定书(公开)")]
        } else {
            Vec::new()
        }
    }
    fn challenged_by(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        if matches!(case.stage, S::Decided | S::Terminated) {
            vec![("litigation", "登记复议后起诉的行政诉讼")]
        } else {
            Vec::new()
        }
    }
    fn warnings(case: &Case<Self>) -> Vec<String> {
        case.data
            .late
            .iter()
            .map(|late| {
                format!(
                    "逾期申请：申请期限已于{}届满（《行政复议法》第二十条），因申请人说明理由而登记：{}",
                    late.limit_due, late.reason
                )
            })
            .collect()
    }

    fn indicator_facts(case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        // A case the record cannot read yet (not received) counts for nothing.
        super::indicators::ReconsiderationRecord::of(case).map_or_else(Vec::new, |r| r.facts())
    }

    fn catalogue(config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        super::indicators::reconsideration_catalogue(config)
    }

    fn counter_name(counter: &str) -> Option<&'static str> {
        super::catalogue::name_in(super::indicators::reconsideration_counter::NAMES, counter)
    }
}

/// Art. 20: 60 days from knowing of the act, counted as 民事诉讼法 Art. 85
/// counts (start day excluded, a last day on a rest day rolls over; Art. 88 ¶2).
fn check_application_period(
    cx: &StepCx<'_, Reconsideration>,
    known_on: NaiveDate,
    late_reason: Option<&str>,
) -> Result<Option<LateApplication>, TransitionError> {
    let received = cx.date;
    if known_on > received {
        return Err(invalid(format!("知道行政行为的日期{known_on}晚于收到申请的日期{received}，请核对")));
    }
    let roll = cx.engine.rules().conventions.roll_over;
    let limit = arithmetic::count(cx.engine.calendar(), known_on, Unit::CalendarDays, 60, &[], roll)
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

/// The limits of Arts. 20 ¶3 and 21, which no reason overcomes.
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

/// Art. 31: the applicant corrects within 10 (working, Art. 88 ¶2) days of
/// receiving the notice; only after that may the application be deemed
/// abandoned. The notice's receipt is not recorded, so its sending date is the
/// earliest start.
fn check_correction_period_over(cx: &StepCx<'_, Reconsideration>) -> Result<(), TransitionError> {
    let date = cx.date;
    let Some(sent) =
        cx.before.common.clock_events.iter().find(|e| e.kind == EventKind::CorrectionRequested).map(|e| e.date)
    else {
        return Err(invalid("尚未发出补正通知，不能视为放弃（《行政复议法》第三十一条）"));
    };
    let end = cx.engine.calendar().add_working_days(sent, 10).map_err(|e| TransitionError::Clock(e.to_string()))?;
    if date <= end {
        return Err(invalid(format!(
            "补正期限尚未届满：补正通知于{sent}发出，申请人应当自收到补正通知之日起十个工作日内补正\
             （《行政复议法》第三十一条、第八十八条第二款），最早于{end}之后方可视为放弃，录入的日期为{date}"
        )));
    }
    Ok(())
}

/// A decision needs a type that fits the stage.
fn check_decision(
    case: &Case<Reconsideration>,
    outcome: Option<ReconsiderationOutcome>,
) -> Result<ReconsiderationOutcome, TransitionError> {
    let Some(outcome) = outcome else {
        return Err(invalid("请选择复议决定的类型（《行政复议法》第六十三条至第六十九条等）"));
    };
    match (case.stage, outcome) {
        (S::Mediation, ReconsiderationOutcome::Mediated | ReconsiderationOutcome::Settled) => Ok(outcome),
        (S::Mediation, o) => Err(invalid(format!(
            "调解中的案件只能以调解或和解结案；如调解未成，请先登记“调解未成”再作出“{}”决定（《行政复议法》第七十三条）",
            o.zh()
        ))),
        (_, ReconsiderationOutcome::Mediated) => {
            Err(invalid("调解书须经调解达成协议，请先登记“开始调解”（《行政复议法》第七十三条）"))
        }
        (S::Suspended | S::Hearing, ReconsiderationOutcome::Terminated) => Ok(outcome),
        (S::Suspended, o) => Err(invalid(format!(
            "案件中止期间只能终止（《行政复议法》第四十一条），作出“{}”决定前请先恢复审理",
            o.zh()
        ))),
        (S::Hearing, o) => {
            Err(invalid(format!("听证尚未举行，作出“{}”决定前请先登记听证（《行政复议法》第五十条）", o.zh())))
        }
        _ => Ok(outcome),
    }
}
