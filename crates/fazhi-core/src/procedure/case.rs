//! A case: its kind, its stage, and the state the procedure machine keeps between
//! steps (stored as JSON next to the append-only event history).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::{ProcedureEvent, ProcedureKind, Step};

use super::disclosure::{ApplicantType, DisclosureOutcome};
use super::litigation::{Appearance, Instance, LitigationOutcome};
use super::reconsideration::ReconsiderationOutcome;

/// A kind of case handled by the procedure engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 依申请公开 (政府信息公开条例 2019).
    Disclosure,
    /// 行政复议 (行政复议法 2023).
    Reconsideration,
    /// 行政应诉 (行政诉讼法 2017).
    Litigation,
}

impl CaseKind {
    /// All kinds.
    pub const ALL: [CaseKind; 3] = [CaseKind::Disclosure, CaseKind::Reconsideration, CaseKind::Litigation];

    /// The procedure of the legal clock that computes this kind's deadlines.
    pub fn clock(self) -> ProcedureKind {
        match self {
            CaseKind::Disclosure => ProcedureKind::Disclosure,
            CaseKind::Reconsideration => ProcedureKind::Reconsideration,
            CaseKind::Litigation => ProcedureKind::Litigation,
        }
    }

    /// The machine name.
    pub fn as_str(self) -> &'static str {
        self.clock().as_str()
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        self.clock().zh()
    }
}

/// The stage of a case. Each kind uses a subset (see `machine::transitions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Nothing recorded yet; the first action must be the receipt.
    New,
    // 依申请公开
    /// 已收到申请, being handled.
    Received,
    /// 待补正 (disclosure Art. 30; reconsideration Art. 31).
    CorrectionRequested,
    /// 已补正, being handled.
    Corrected,
    /// 征求第三方或其他机关意见 (disclosure Arts. 32–34).
    Consulting,
    /// 已延期 (disclosure Art. 33 ¶2).
    Extended,
    /// 等待缴纳信息处理费 (disclosure Art. 42).
    AwaitingFee,
    /// 已答复 (terminal).
    Replied,
    /// 已撤回 (terminal; disclosure counted in （六）3, litigation 撤诉).
    Withdrawn,
    // 行政复议
    /// 已收到复议申请, acceptance under review (Art. 30).
    Applied,
    /// 不予受理 (terminal; Art. 30).
    Rejected,
    /// 已受理，审理中 (ordinary or simplified; Arts. 48–62).
    UnderReview,
    /// 听证 notified (Arts. 50–51).
    Hearing,
    /// 调解中 (Art. 73).
    Mediation,
    /// 中止 (Art. 39).
    Suspended,
    /// 已作出复议决定 (terminal; Arts. 63–69, 73).
    Decided,
    /// 终止 (terminal; Arts. 41, 74).
    Terminated,
    /// 视为放弃申请 (terminal; 行政复议法 Art. 31 ¶2).
    Abandoned,
    // 行政应诉
    /// 已收到起诉状副本 (行政诉讼法 Art. 67).
    Served,
    /// 已提交答辩状 (Art. 67).
    DefenceSubmitted,
    /// 已定开庭.
    HearingScheduled,
    /// 已开庭.
    Heard,
    /// 已判决或裁定, appeal period running (Art. 85).
    Judged,
    /// 上诉, second instance (Arts. 85, 88).
    Appealed,
    /// 已生效 (terminal).
    Final,
}

impl Stage {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
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
            Stage::Applied => "受理审查中",
            Stage::Rejected => "不予受理",
            Stage::UnderReview => "审理中",
            Stage::Hearing => "听证中",
            Stage::Mediation => "调解中",
            Stage::Suspended => "中止",
            Stage::Decided => "已作出决定",
            Stage::Terminated => "已终止",
            Stage::Abandoned => "视为放弃申请",
            Stage::Served => "已收到起诉状副本",
            Stage::DefenceSubmitted => "已答辩",
            Stage::HearingScheduled => "待开庭",
            Stage::Heard => "已开庭",
            Stage::Judged => "已判决（裁定）",
            Stage::Appealed => "上诉中",
            Stage::Final => "已生效",
        }
    }

    /// Whether nothing can follow.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Stage::Replied
                | Stage::Withdrawn
                | Stage::Rejected
                | Stage::Decided
                | Stage::Terminated
                | Stage::Abandoned
                | Stage::Final
        )
    }
}

/// The recorded outcome of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "code")]
pub enum CaseOutcome {
    Disclosure(DisclosureOutcome),
    Reconsideration(ReconsiderationOutcome),
    Litigation(LitigationOutcome),
}

/// A late reconsideration application accepted with a stated reason (行政复议法 Art. 20 ¶2).
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

/// A court hearing of a litigation case, with who appeared for the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    pub date: NaiveDate,
    pub instance: Instance,
    pub appearance: Appearance,
}

/// The state of a case between steps. Built only by `machine::apply` from
/// `CaseState::new`, so that it always matches its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    pub kind: CaseKind,
    pub stage: Stage,
    /// The stage to return to when a pause (consultation, fee, suspension) or a
    /// hearing/mediation ends.
    pub resume_to: Option<Stage>,
    /// The date of the latest step; a later step may not be dated before it.
    pub last_date: Option<NaiveDate>,
    /// Date of receipt (request, application, complaint copy).
    pub received_on: Option<NaiveDate>,
    /// Date of acceptance (复议受理).
    pub accepted_on: Option<NaiveDate>,
    /// Date the case was concluded (reply, rejection, decision, termination, judgment,
    /// withdrawal); `None` while open or under appeal.
    pub closed_on: Option<NaiveDate>,
    /// The date the case first concluded; never reset (an appeal reopens the case
    /// for work, not for the statistics of the year it concluded in).
    #[serde(default)]
    pub concluded_on: Option<NaiveDate>,
    /// The applicant type (disclosure; the column of table 3).
    pub applicant: Option<ApplicantType>,
    /// A correction notice was sent (only one is allowed).
    pub correction_requested: bool,
    /// The corrected request or material was received.
    pub corrected: bool,
    /// Working days or days of extension granted so far.
    pub extension_days: u32,
    /// The simplified procedure applies (行政复议法 Art. 53).
    pub simplified: bool,
    /// The simplified procedure was once switched to ordinary (Art. 55): it cannot apply again.
    pub switched_to_ordinary: bool,
    /// A litigation case brought after reconsideration (table 4 复议后起诉).
    pub after_reconsideration: bool,
    /// The instance (litigation).
    pub instance: Instance,
    /// A scheduled hearing date.
    pub hearing_on: Option<NaiveDate>,
    /// Court hearings held (litigation).
    pub hearings: Vec<HearingRecord>,
    pub outcome: Option<CaseOutcome>,
    /// Set when a late reconsideration application was accepted with a reason.
    pub late: Option<LateApplication>,
    /// The respondent corrected its own act and the applicant withdrew (综合纠错).
    pub self_corrected: bool,
    /// A termination because the applicant withdrew (Art. 41 (1), 74), not on the
    /// other grounds of Art. 41.
    #[serde(default)]
    pub terminated_after_withdrawal: bool,
    /// Every event the legal clock needs, in order.
    pub clock_events: Vec<ProcedureEvent>,
    /// The deadline steps already performed, with the date (a performed step's
    /// deadline is met and no longer counts towards urgency).
    #[serde(default)]
    pub done: Vec<(Step, NaiveDate)>,
}

impl CaseState {
    /// A case of `kind` with nothing recorded.
    pub fn new(kind: CaseKind) -> CaseState {
        CaseState {
            kind,
            stage: Stage::New,
            resume_to: None,
            last_date: None,
            received_on: None,
            accepted_on: None,
            closed_on: None,
            concluded_on: None,
            applicant: None,
            correction_requested: false,
            corrected: false,
            extension_days: 0,
            simplified: false,
            switched_to_ordinary: false,
            after_reconsideration: false,
            instance: Instance::First,
            hearing_on: None,
            hearings: Vec::new(),
            outcome: None,
            late: None,
            self_corrected: false,
            terminated_after_withdrawal: false,
            clock_events: Vec::new(),
            done: Vec::new(),
        }
    }

    /// When the deadline step was performed, if it was. Every step of a
    /// closed case counts as performed on the closing date (nothing is due
    /// any more), unless it was performed earlier.
    pub fn step_done(&self, step: Step) -> Option<NaiveDate> {
        self.done.iter().find(|(s, _)| *s == step).map(|(_, d)| *d).or(self.closed_on)
    }

    /// The date the case counts as concluded in the statistics: the first
    /// conclusion (states stored before `concluded_on` existed fall back on
    /// `closed_on`).
    pub fn concluded(&self) -> Option<NaiveDate> {
        self.concluded_on.or(self.closed_on)
    }

    /// Whether the case is closed.
    pub fn is_closed(&self) -> bool {
        self.stage.is_terminal()
    }

    /// The disclosure outcome, if any.
    pub fn disclosure_outcome(&self) -> Option<DisclosureOutcome> {
        match self.outcome {
            Some(CaseOutcome::Disclosure(o)) => Some(o),
            _ => None,
        }
    }

    /// The reconsideration outcome, if any.
    pub fn reconsideration_outcome(&self) -> Option<ReconsiderationOutcome> {
        match self.outcome {
            Some(CaseOutcome::Reconsideration(o)) => Some(o),
            _ => None,
        }
    }

    /// The litigation outcome, if any.
    pub fn litigation_outcome(&self) -> Option<LitigationOutcome> {
        match self.outcome {
            Some(CaseOutcome::Litigation(o)) => Some(o),
            _ => None,
        }
    }
}

/// The field of administration a challenged act belongs to. Cases about
/// 政府信息公开 feed table 4 of the disclosure annual report (LAW.md §2.5);
/// the others are for the reconsideration and litigation statistics by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Matter {
    /// 政府信息公开.
    Goi,
    /// 行政处罚.
    Penalty,
    /// 行政许可.
    Permit,
    /// 行政强制.
    Coercion,
    /// 征收征用与补偿.
    Expropriation,
    /// 行政不作为（不履行法定职责）.
    Inaction,
    /// 其他.
    Other,
}

impl Matter {
    /// Every field, in form order.
    pub const ALL: [Matter; 7] = [
        Matter::Goi,
        Matter::Penalty,
        Matter::Permit,
        Matter::Coercion,
        Matter::Expropriation,
        Matter::Inaction,
        Matter::Other,
    ];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Matter::Goi => "goi",
            Matter::Penalty => "penalty",
            Matter::Permit => "permit",
            Matter::Coercion => "coercion",
            Matter::Expropriation => "expropriation",
            Matter::Inaction => "inaction",
            Matter::Other => "other",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Matter::Goi => "政府信息公开",
            Matter::Penalty => "行政处罚",
            Matter::Permit => "行政许可",
            Matter::Coercion => "行政强制",
            Matter::Expropriation => "征收征用与补偿",
            Matter::Inaction => "不履行法定职责",
            Matter::Other => "其他",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Matter> {
        Matter::ALL.into_iter().find(|m| m.as_str() == code)
    }
}
