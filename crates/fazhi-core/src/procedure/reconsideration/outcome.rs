//! 行政复议: the decision types of the 2023 行政复议法 (in force 2024-01-01; LAW.md §3.2),
//! which of them count as 纠错 under the configurable definitions of LAW.md §3.3, and
//! how they collapse into the columns of table 4 of the disclosure annual report.

use serde::{Deserialize, Serialize};

use crate::procedure::goi_tables::Table4Result;

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
