//! 行政复议: the decision types of the 2023 行政复议法 (in force 2024-01-01; LAW.md §3.2),
//! which of them count as 纠错 under the configurable definitions of LAW.md §3.3, and
//! how they collapse into the columns of table 4 of the disclosure annual report.

use serde::{Deserialize, Serialize};

use super::goi_tables::Table4Result;

/// How a reconsideration case ended (decision types of 行政复议法 2023 and procedural
/// endings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReconsiderationOutcome {
    /// 变更 (Art. 63).
    Varied,
    /// 撤销或者部分撤销, possibly with 责令重作 (Art. 64).
    Annulled,
    /// 确认违法 (Art. 65).
    ConfirmedIllegal,
    /// 责令履行 (Art. 66).
    PerformanceOrdered,
    /// 确认无效 (Art. 67).
    ConfirmedVoid,
    /// 维持 (Art. 68).
    Upheld,
    /// 驳回行政复议请求 (Art. 69).
    ClaimRejected,
    /// 驳回行政复议申请 — not compliant, found after acceptance (Art. 33).
    ApplicationDismissed,
    /// 终止 — withdrawal and the other grounds of Art. 41.
    Terminated,
    /// 调解 — mediation agreement signed and sealed (Arts. 5, 73).
    Mediated,
    /// 和解 — settlement, after which the applicant withdraws (Art. 74).
    Settled,
    /// 视为放弃 — no correction within the period (Art. 31 ¶2): the application
    /// was never accepted; not 审结, not 化解.
    Abandoned,
    /// The applicant withdrew the application before it was accepted: not 审结,
    /// not 化解.
    WithdrawnBeforeAcceptance,
}

/// The grounds on which the simplified procedure may apply (行政复议法 Art. 53 ¶1;
/// ¶2: 政府信息公开 cases; any case when the parties agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimplifiedGround {
    /// 被申请复议的行政行为是当场作出 (Art. 53 ¶1 (1)).
    OnTheSpot,
    /// 警告或者通报批评 (Art. 53 ¶1 (3)).
    WarningOrCriticism,
    /// 案件涉及款额三千元以下 (Art. 53 ¶1 (2)).
    SmallAmount,
    /// 属于政府信息公开案件 (Art. 53 ¶1 (4)).
    GovernmentInformation,
    /// 当事人各方同意适用简易程序 (Art. 53 ¶2).
    Consent,
}

impl SimplifiedGround {
    /// Every ground, in form order.
    pub const ALL: [SimplifiedGround; 5] = [
        SimplifiedGround::OnTheSpot,
        SimplifiedGround::SmallAmount,
        SimplifiedGround::WarningOrCriticism,
        SimplifiedGround::GovernmentInformation,
        SimplifiedGround::Consent,
    ];

    /// The ground in Chinese, with its place in Art. 53.
    pub fn zh(self) -> &'static str {
        match self {
            SimplifiedGround::OnTheSpot => "当场作出的行政行为（第五十三条第一款第一项）",
            SimplifiedGround::SmallAmount => "案件涉及款额三千元以下（第五十三条第一款第二项）",
            SimplifiedGround::WarningOrCriticism => "警告或者通报批评（第五十三条第一款第三项）",
            SimplifiedGround::GovernmentInformation => "政府信息公开案件（第五十三条第一款第四项）",
            SimplifiedGround::Consent => "当事人各方同意（第五十三条第二款）",
        }
    }
}

/// Which decisions count as 纠错 (LAW.md §3.3, \[U\]: definitions vary by province).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionScope {
    /// 变更 + 撤销 + 确认违法 + 责令履行 (the four named by many reports).
    Narrow,
    /// The above + 确认无效 (LAW.md §3.3; the default).
    #[default]
    Standard,
    /// 综合纠错: the above + cases the applicant withdrew after the respondent corrected
    /// its own act during the review.
    Comprehensive,
}

impl CorrectionScope {
    /// The definition in Chinese, for indicator provenance.
    pub fn zh(self) -> &'static str {
        match self {
            CorrectionScope::Narrow => "纠错数=变更+撤销+确认违法+责令履行",
            CorrectionScope::Standard => "纠错数=变更+撤销+确认违法+责令履行+确认无效",
            CorrectionScope::Comprehensive => {
                "综合纠错数=变更+撤销+确认违法+责令履行+确认无效+被申请人自行纠正后申请人撤回的案件"
            }
        }
    }
}

impl ReconsiderationOutcome {
    /// Every outcome.
    pub const ALL: [ReconsiderationOutcome; 13] = [
        ReconsiderationOutcome::Varied,
        ReconsiderationOutcome::Annulled,
        ReconsiderationOutcome::ConfirmedIllegal,
        ReconsiderationOutcome::PerformanceOrdered,
        ReconsiderationOutcome::ConfirmedVoid,
        ReconsiderationOutcome::Upheld,
        ReconsiderationOutcome::ClaimRejected,
        ReconsiderationOutcome::ApplicationDismissed,
        ReconsiderationOutcome::Terminated,
        ReconsiderationOutcome::Mediated,
        ReconsiderationOutcome::Settled,
        ReconsiderationOutcome::Abandoned,
        ReconsiderationOutcome::WithdrawnBeforeAcceptance,
    ];

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ReconsiderationOutcome::Varied => "变更",
            ReconsiderationOutcome::Annulled => "撤销",
            ReconsiderationOutcome::ConfirmedIllegal => "确认违法",
            ReconsiderationOutcome::PerformanceOrdered => "责令履行",
            ReconsiderationOutcome::ConfirmedVoid => "确认无效",
            ReconsiderationOutcome::Upheld => "维持",
            ReconsiderationOutcome::ClaimRejected => "驳回行政复议请求",
            ReconsiderationOutcome::ApplicationDismissed => "驳回行政复议申请",
            ReconsiderationOutcome::Terminated => "终止",
            ReconsiderationOutcome::Mediated => "调解",
            ReconsiderationOutcome::Settled => "和解",
            ReconsiderationOutcome::Abandoned => "视为放弃行政复议申请",
            ReconsiderationOutcome::WithdrawnBeforeAcceptance => "受理前撤回申请",
        }
    }

    /// The article of 行政复议法 (2023) the outcome rests on.
    pub fn article(self) -> &'static str {
        match self {
            ReconsiderationOutcome::Varied => "《行政复议法》第六十三条",
            ReconsiderationOutcome::Annulled => "《行政复议法》第六十四条",
            ReconsiderationOutcome::ConfirmedIllegal => "《行政复议法》第六十五条",
            ReconsiderationOutcome::PerformanceOrdered => "《行政复议法》第六十六条",
            ReconsiderationOutcome::ConfirmedVoid => "《行政复议法》第六十七条",
            ReconsiderationOutcome::Upheld => "《行政复议法》第六十八条",
            ReconsiderationOutcome::ClaimRejected => "《行政复议法》第六十九条",
            ReconsiderationOutcome::ApplicationDismissed => "《行政复议法》第三十三条",
            ReconsiderationOutcome::Terminated => "《行政复议法》第四十一条",
            ReconsiderationOutcome::Mediated => "《行政复议法》第七十三条",
            ReconsiderationOutcome::Settled => "《行政复议法》第七十四条",
            ReconsiderationOutcome::Abandoned => "《行政复议法》第三十一条第二款",
            ReconsiderationOutcome::WithdrawnBeforeAcceptance => "《行政复议法》第七十四条第一款",
        }
    }

    /// Whether the case ends without a decision on the merits: the case goes to the
    /// `terminated` stage rather than `decided` (终止, and 和解 which leads to withdrawal
    /// and termination, Arts. 41, 74).
    pub fn is_termination(self) -> bool {
        matches!(self, ReconsiderationOutcome::Terminated | ReconsiderationOutcome::Settled)
    }

    /// Whether the decision changed the original act (变更, 撤销, 确认无效 and the
    /// other corrections), so that a suit after it is brought against the 复议机关
    /// alone (行政诉讼法 Art. 26 ¶2); `false` for 维持 and 驳回复议请求, after which
    /// the original agency and the 复议机关 are co-defendants.
    pub fn changed_the_act(self) -> bool {
        self.is_correction(CorrectionScope::Standard)
    }

    /// Whether the case ended before it was accepted (视为放弃, withdrawn before
    /// acceptance): such a case was never under review, so it is not 审结.
    pub fn is_before_acceptance(self) -> bool {
        matches!(self, ReconsiderationOutcome::Abandoned | ReconsiderationOutcome::WithdrawnBeforeAcceptance)
    }

    /// Whether the outcome is a decision on the merits (Arts. 63–69), as opposed to a
    /// procedural ending, mediation or settlement.
    pub fn is_on_merits(self) -> bool {
        use ReconsiderationOutcome::*;
        matches!(
            self,
            Varied | Annulled | ConfirmedIllegal | PerformanceOrdered | ConfirmedVoid | Upheld | ClaimRejected
        )
    }

    /// Whether the outcome counts as 纠错 under `scope` (LAW.md §3.3). The
    /// comprehensive scope also counts self-corrected withdrawals, which is a fact of the
    /// case, not of the outcome: see `indicators`.
    pub fn is_correction(self, scope: CorrectionScope) -> bool {
        use ReconsiderationOutcome::*;
        match self {
            Varied | Annulled | ConfirmedIllegal | PerformanceOrdered => true,
            ConfirmedVoid => scope != CorrectionScope::Narrow,
            _ => false,
        }
    }

    /// Whether the outcome is 调解 or 和解 (调解和解结案, LAW.md §3.3).
    pub fn is_mediation_or_settlement(self) -> bool {
        matches!(self, ReconsiderationOutcome::Mediated | ReconsiderationOutcome::Settled)
    }

    /// The column of table 4 (结果维持 / 结果纠正 / 其他结果). 维持 and 驳回复议请求 go to
    /// 维持, the 纠错 decisions (standard scope) to 纠正, everything else to 其他
    /// (customary, LAW.md §3.3 \[U\]).
    pub fn table4(self) -> Table4Result {
        use ReconsiderationOutcome::*;
        match self {
            Upheld | ClaimRejected => Table4Result::Upheld,
            o if o.is_correction(CorrectionScope::Standard) => Table4Result::Corrected,
            _ => Table4Result::Other,
        }
    }
}

// ---------------------------------------------------------------------------
// The kind's definition
// ---------------------------------------------------------------------------

use super::case::{CaseKind, Stage as S};
use super::kind::{CaseRecord, Fact, Kind};
use super::machine::{t, ActionKind as A, Target::*, Transition};
use crate::clock::{ProcedureKind, Step};

/// 行政复议 (行政复议法 2023).
const TRANSITIONS: &[Transition] = &[
    t(S::New, A::ReceiveApplication, To(S::Applied), "《行政复议法》第二十条、第二十二条"),
    t(S::Applied, A::RequestCorrection, To(S::CorrectionRequested), "《行政复议法》第三十一条"),
    t(S::CorrectionRequested, A::ReceiveCorrection, To(S::Corrected), "《行政复议法》第三十一条"),
    t(S::CorrectionRequested, A::Abandon, To(S::Abandoned), "《行政复议法》第三十一条第二款"),
    t(S::Applied, A::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::CorrectionRequested, A::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::Corrected, A::Withdraw, To(S::Withdrawn), "《行政复议法》第七十四条第一款"),
    t(S::Applied, A::Accept, To(S::UnderReview), "《行政复议法》第三十条"),
    t(S::Corrected, A::Accept, To(S::UnderReview), "《行政复议法》第三十条"),
    t(S::Applied, A::Reject, To(S::Rejected), "《行政复议法》第三十条"),
    t(S::Corrected, A::Reject, To(S::Rejected), "《行政复议法》第三十条"),
    t(S::UnderReview, A::ApplySimplified, Stay, "《行政复议法》第五十三条"),
    t(S::UnderReview, A::SwitchToOrdinary, Stay, "《行政复议法》第五十五条"),
    t(S::UnderReview, A::ServeCopy, Stay, "《行政复议法》第四十八条、第五十四条"),
    t(S::UnderReview, A::GrantExtension, Stay, "《行政复议法》第六十二条第一款"),
    t(S::UnderReview, A::ScheduleHearing, To(S::Hearing), "《行政复议法》第五十条、第五十一条"),
    t(S::Hearing, A::HoldHearing, Resume, "《行政复议法》第五十条"),
    t(S::Hearing, A::RescheduleHearing, Stay, "《行政复议法》第五十一条"),
    t(S::Hearing, A::CancelHearing, Resume, "《行政复议法》第五十条"),
    t(S::UnderReview, A::StartMediation, To(S::Mediation), "《行政复议法》第五条、第七十三条"),
    t(S::Mediation, A::EndMediation, Resume, "《行政复议法》第七十三条第二款"),
    t(S::UnderReview, A::Suspend, To(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Hearing, A::Suspend, To(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Mediation, A::Suspend, To(S::Suspended), "《行政复议法》第三十九条"),
    t(S::Suspended, A::Resume, Resume, "《行政复议法》第三十九条第二款"),
    t(S::UnderReview, A::Decide, ByOutcome, "《行政复议法》第三十三条、第四十一条、第六十三条至第六十九条、第七十四条"),
    t(S::Mediation, A::Decide, ByOutcome, "《行政复议法》第七十三条、第七十四条"),
    t(S::Suspended, A::Decide, ByOutcome, "《行政复议法》第四十一条"),
    t(S::Hearing, A::Decide, ByOutcome, "《行政复议法》第四十一条"),
];

/// 行政复议 as a procedure kind.
pub struct ReconsiderationKind;

impl Kind for ReconsiderationKind {
    fn case_kind(&self) -> CaseKind {
        CaseKind::Reconsideration
    }
    fn clock(&self) -> ProcedureKind {
        ProcedureKind::Reconsideration
    }
    fn number_prefix(&self) -> &'static str {
        "FY"
    }
    fn transitions(&self) -> &'static [Transition] {
        TRANSITIONS
    }
    /// The 复议机构's own duties: acceptance (Art. 30), the copy to the
    /// respondent (Arts. 48, 54) and the decision (Art. 62). The respondent's
    /// answer is the respondent's duty; the correction notice only if needed.
    fn mandatory(&self, step: Step) -> bool {
        matches!(step, Step::Acceptance | Step::CopyToRespondent | Step::Decision)
    }
    fn advisory(&self, step: Step) -> Option<&'static str> {
        match step {
            Step::RespondentAnswer => Some("被申请人应于此日前提交"),
            Step::CorrectionNotice => Some("如需补正,不得晚于此日"),
            _ => None,
        }
    }
    fn facts(&self, r: &CaseRecord, s: &super::case::CaseState) -> Vec<Fact> {
        let applicant = if r.party_is_person { "申请人(自然人)" } else { "申请人(法人或其他组织)" };
        let mut out = vec![
            ("行政行为与复议请求", r.subject.clone()),
            ("行政行为类别", r.matter.clone()),
            ("复议机构", r.unit_name.clone()),
            ("被申请人", r.respondent_name.clone()),
            (applicant, r.party.clone()),
            ("收到申请日期", r.received_on.clone()),
        ];
        if let Some(late) = &s.late {
            out.push((
                "逾期申请",
                format!("知道行政行为之日{},期限届满日{},理由:{}", late.known_on, late.limit_due, late.reason),
            ));
        }
        if let Some(d) = s.accepted_on {
            out.push(("受理日期", d.to_string()));
            let procedure = if s.simplified { "简易程序(30日)" } else { "普通程序(60日,可延长30日)" };
            out.push(("审理程序", procedure.to_owned()));
        }
        if let Some(o) = s.reconsideration_outcome() {
            out.push(("决定", format!("{}({})", o.zh(), o.article())));
        }
        out
    }
    fn possible(&self, state: &super::case::CaseState, action: A) -> bool {
        let copy_served = state.clock_events.iter().any(|e| e.kind == crate::clock::EventKind::CopyServed);
        match action {
            A::ApplySimplified => !state.simplified && !state.switched_to_ordinary,
            A::SwitchToOrdinary => state.simplified,
            A::ServeCopy => !copy_served,
            // Art. 62 ¶2: no extension in the simplified procedure.
            A::GrantExtension => !state.simplified,
            A::RequestCorrection => !state.correction_requested,
            _ => true,
        }
    }
    fn fields(&self, action: A) -> &'static [&'static str] {
        match action {
            A::GrantExtension => &["days", "approved_by"],
            A::Reject | A::Suspend => &["reason"],
            A::ScheduleHearing | A::RescheduleHearing => &["hearing_on"],
            A::ApplySimplified => &["ground"],
            A::Decide => &["reconsideration_outcome", "self_corrected"],
            _ => &[],
        }
    }
}
