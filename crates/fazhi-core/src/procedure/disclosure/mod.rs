//! 依申请公开 (政府信息公开条例 2019) as a procedure kind: its stages, actions,
//! state and transition table, and the reply outcomes coded to the rows of
//! table 3 ([`outcome`]).

pub mod clock;
pub mod outcome;

use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::{PauseKind, ProcedureKind};

use super::engine::{invalid, t, Case, Procedure, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
use super::steps;
pub use outcome::{ApplicantType, DisclosureOutcome, OutcomeGroup};

/// 依申请公开.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Disclosure;

/// The stages of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Nothing recorded yet.
    New,
    /// 已收到申请, being handled.
    Received,
    /// 待补正 (Art. 30).
    CorrectionRequested,
    /// 已补正, being handled.
    Corrected,
    /// 征求第三方或其他机关意见 (Arts. 32–34).
    Consulting,
    /// 已延期 (Art. 33 ¶2).
    Extended,
    /// 等待缴纳信息处理费 (Art. 42).
    AwaitingFee,
    /// 已答复 (terminal).
    Replied,
    /// 已撤回 (terminal; counted in （六）3).
    Withdrawn,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Received,
        Stage::CorrectionRequested,
        Stage::Corrected,
        Stage::Consulting,
        Stage::Extended,
        Stage::AwaitingFee,
        Stage::Replied,
        Stage::Withdrawn,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Received => "已收到申请",
            Stage::CorrectionRequested => "待补正",
            Stage::Corrected => "已补正",
            Stage::Consulting => "征求意见中",
            Stage::Extended => "已延期",
            Stage::AwaitingFee => "等待缴费",
            Stage::Replied => "已答复",
            Stage::Withdrawn => "已撤回",
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, Stage::Replied | Stage::Withdrawn)
    }
}

/// One step on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// Request received (Art. 31 fixes the date).
    ReceiveRequest { applicant: ApplicantType },
    /// The one all-in-one correction notice (Art. 30).
    RequestCorrection,
    /// The corrected request arrived; the clock restarts.
    ReceiveCorrection,
    /// Consultation letter to a third party or another agency sent (Arts. 32, 34).
    StartConsultation,
    /// Consultation ended (answer received or period expired).
    EndConsultation,
    /// Extension of the reply period (Art. 33 ¶2), in working days.
    GrantExtension { days: u32, approved_by: String },
    /// 信息处理费 notice issued (Art. 42; 国办函〔2020〕109号).
    IssueFeeNotice,
    /// Fee paid.
    FeePaid,
    /// The reply, coded to a row of table 3.
    Reply { outcome: Option<DisclosureOutcome> },
    /// The applicant withdrew the request.
    Withdraw,
}

/// What only a request keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    /// The applicant type (the column of table 3).
    pub applicant: Option<ApplicantType>,
    /// The correction notice was sent (only one is allowed).
    pub correction_requested: bool,
    /// The corrected request was received.
    pub corrected: bool,
    /// Working days of extension granted so far.
    pub extension_days: u32,
}

use Stage as S;
use Verb as V;

const GOI: &str = "《政府信息公开条例》";

/// The transitions of 依申请公开.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::ReceiveRequest, To(S::Received), "《政府信息公开条例》第二十九条、第三十一条"),
    t(S::Received, V::RequestCorrection, To(S::CorrectionRequested), "《政府信息公开条例》第三十条"),
    t(S::CorrectionRequested, V::ReceiveCorrection, To(S::Corrected), "《政府信息公开条例》第三十条"),
    t(S::Received, V::StartConsultation, Pause(S::Consulting), "《政府信息公开条例》第三十二条、第三十四条"),
    t(S::Corrected, V::StartConsultation, Pause(S::Consulting), "《政府信息公开条例》第三十二条、第三十四条"),
    t(S::Extended, V::StartConsultation, Pause(S::Consulting), "《政府信息公开条例》第三十二条、第三十四条"),
    t(S::Consulting, V::EndConsultation, Resume, "《政府信息公开条例》第三十二条、第三十三条第三款"),
    t(S::Received, V::GrantExtension, To(S::Extended), "《政府信息公开条例》第三十三条第二款"),
    t(S::Corrected, V::GrantExtension, To(S::Extended), "《政府信息公开条例》第三十三条第二款"),
    t(S::Extended, V::GrantExtension, Stay, "《政府信息公开条例》第三十三条第二款"),
    t(S::Received, V::IssueFeeNotice, Pause(S::AwaitingFee), "《政府信息公开条例》第四十二条"),
    t(S::Corrected, V::IssueFeeNotice, Pause(S::AwaitingFee), "《政府信息公开条例》第四十二条"),
    t(S::Extended, V::IssueFeeNotice, Pause(S::AwaitingFee), "《政府信息公开条例》第四十二条"),
    t(S::AwaitingFee, V::FeePaid, Resume, "《政府信息公开条例》第四十二条"),
    t(S::Received, V::Reply, To(S::Replied), "《政府信息公开条例》第三十三条、第三十六条"),
    t(S::Corrected, V::Reply, To(S::Replied), "《政府信息公开条例》第三十三条、第三十六条"),
    t(S::Extended, V::Reply, To(S::Replied), "《政府信息公开条例》第三十三条、第三十六条"),
    t(S::CorrectionRequested, V::Reply, To(S::Replied), "《政府信息公开条例》第三十条"),
    t(S::AwaitingFee, V::Reply, To(S::Replied), "《政府信息公开条例》第四十二条"),
    t(S::Received, V::Withdraw, To(S::Withdrawn), GOI),
    t(S::CorrectionRequested, V::Withdraw, To(S::Withdrawn), GOI),
    t(S::Corrected, V::Withdraw, To(S::Withdrawn), GOI),
    t(S::Consulting, V::Withdraw, To(S::Withdrawn), GOI),
    t(S::Extended, V::Withdraw, To(S::Withdrawn), GOI),
    t(S::AwaitingFee, V::Withdraw, To(S::Withdrawn), GOI),
];

const VERBS: &[Verb] = &[
    V::ReceiveRequest,
    V::RequestCorrection,
    V::ReceiveCorrection,
    V::StartConsultation,
    V::EndConsultation,
    V::GrantExtension,
    V::IssueFeeNotice,
    V::FeePaid,
    V::Reply,
    V::Withdraw,
];

impl Procedure for Disclosure {
    const ID: &'static str = "disclosure";
    const ZH: &'static str = "依申请公开";
    const PREFIX: &'static str = "YSQ";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记依申请公开申请(来信、当面)";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = DisclosureOutcome;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::ReceiveRequest => "登记收到申请",
            V::RequestCorrection => "发出补正通知",
            V::ReceiveCorrection => "收到补正材料",
            V::StartConsultation => "征求第三方意见",
            V::EndConsultation => "征求意见结束",
            V::GrantExtension => "批准延长期限",
            V::IssueFeeNotice => "发出收费通知",
            V::FeePaid => "缴纳信息处理费",
            V::Reply => "作出答复",
            V::Withdraw => "撤回",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        match action {
            Action::ReceiveRequest { applicant } => {
                cx.next.data.applicant = Some(*applicant);
                cx.next.common.received_on = Some(cx.date);
                cx.event(crate::clock::EventKind::Received);
            }
            Action::RequestCorrection => {
                steps::request_correction(cx, cx.before.data.correction_requested)?;
                cx.next.data.correction_requested = true;
            }
            Action::ReceiveCorrection => {
                steps::receive_correction(cx);
                cx.next.data.corrected = true;
            }
            Action::StartConsultation => steps::pause(cx, PauseKind::Consultation),
            Action::EndConsultation => steps::resume(cx, PauseKind::Consultation),
            Action::IssueFeeNotice => steps::pause(cx, PauseKind::FeePayment),
            Action::FeePaid => steps::resume(cx, PauseKind::FeePayment),
            Action::GrantExtension { days, approved_by } => {
                let granted = cx.before.data.extension_days;
                cx.next.data.extension_days =
                    steps::extend(cx, clock::rule::REPLY, clock::REPLY, granted, *days, approved_by)?;
            }
            Action::Reply { outcome } => {
                let outcome = check_reply(cx.before, *outcome)?;
                cx.conclude(outcome);
                cx.perform(&[clock::CORRECTION_NOTICE, clock::REPLY]);
            }
            // Table 3 has no row for withdrawals: （六）3 其他 (customary [U]).
            Action::Withdraw => cx.conclude(DisclosureOutcome::OtherOther),
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        match verb {
            // One all-in-one correction notice (条例 Art. 30).
            V::RequestCorrection => !case.data.correction_requested,
            _ => true,
        }
    }

    fn form(_case: &Case<Self>, verb: Verb) -> Vec<Field> {
        match verb {
            V::GrantExtension => vec![
                Field::count("days", "延长天数(工作日)").required(),
                Field::text("approved_by", "批准人").required(),
            ],
            V::Reply => {
                vec![Field::choice("outcome", "答复结果(对应年报表三)", options(&DisclosureOutcome::ALL, |o| o.zh()))
                    .required()]
            }
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::ReceiveRequest { applicant } => format!("收到申请(申请人类型:{})", applicant.zh()),
            // 条例 Art. 33 ¶2 counts the extension in working days.
            Action::GrantExtension { days, approved_by } => {
                format!("批准延长期限{days}个工作日(批准人:{approved_by})")
            }
            Action::Reply { outcome: Some(o) } => format!("作出答复:{}", o.zh()),
            Action::ReceiveCorrection => "收到补正材料,期限重新计算".to_owned(),
            Action::StartConsultation => "征求第三方意见(期间不计入答复期限)".to_owned(),
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let mut out = vec![
            ("申请内容", r.subject.clone()),
            ("承办单位", r.unit_name.clone()),
            ("收到日期", r.received_on.clone()),
            ("申请人类型", case.data.applicant.map(|a| a.zh()).unwrap_or("").to_owned()),
            ("申请人", r.party.clone()),
        ];
        if let Some(code) = &r.receipt_code {
            out.push(("回执码", code.clone()));
        }
        if let Some(o) = case.outcome {
            out.push(("办理结果", o.zh()));
        }
        out
    }

    fn documents(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        if case.outcome.is_some() {
            vec![("letter", "答复告知书")]
        } else {
            Vec::new()
        }
    }
    fn challenged_by(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        if case.common.closed_on.is_some() {
            vec![("reconsideration", "登记针对本答复的行政复议申请"), ("litigation", "登记针对本答复的行政诉讼")]
        } else {
            Vec::new()
        }
    }
}

/// A reply needs an outcome code that fits the history.
fn check_reply(
    case: &Case<Disclosure>,
    outcome: Option<DisclosureOutcome>,
) -> Result<DisclosureOutcome, TransitionError> {
    let Some(outcome) = outcome else {
        return Err(invalid("答复必须选择办理结果（对应年度报告表三“本年度办理结果”中的一项），不能为空"));
    };
    match (case.stage, outcome) {
        (S::CorrectionRequested, DisclosureOutcome::OtherNoCorrection) => Ok(outcome),
        (S::CorrectionRequested, o) => Err(invalid(format!(
            "申请尚待补正，只能按“{}”办结，不能答复为“{}”（《政府信息公开条例》第三十条）",
            DisclosureOutcome::OtherNoCorrection.zh(),
            o.zh()
        ))),
        (_, DisclosureOutcome::OtherNoCorrection) => Err(invalid(format!(
            "“{}”只能用于已发出补正通知、尚未收到补正材料的申请（《政府信息公开条例》第三十条）",
            outcome.zh()
        ))),
        (S::AwaitingFee, DisclosureOutcome::OtherFeeUnpaid) => Ok(outcome),
        (S::AwaitingFee, o) => Err(invalid(format!(
            "已发出收费通知、尚未缴费：请先登记缴费，或按“{}”办结；不能答复为“{}”",
            DisclosureOutcome::OtherFeeUnpaid.zh(),
            o.zh()
        ))),
        (_, DisclosureOutcome::OtherFeeUnpaid) => {
            Err(invalid(format!("“{}”只能用于已发出收费通知、尚未缴费的申请", outcome.zh())))
        }
        (_, DisclosureOutcome::UnavailableUnclearAfterCorrection) if !case.data.corrected => Err(invalid(format!(
            "“{}”只能用于申请人已补正的申请，本案没有收到补正材料（《政府信息公开条例》第三十条）",
            outcome.zh()
        ))),
        _ => Ok(outcome),
    }
}
