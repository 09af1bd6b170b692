//! 行政应诉: judgment and ruling types of 行政诉讼法 (2017; LAW.md §4.1), which of them
//! are a loss (败诉) for the defendant agency under configurable definitions (LAW.md
//! §4.3), the instances, and who appeared in court for the agency with the test of a
//! qualifying 负责人 (最高人民法院关于行政机关负责人出庭应诉若干问题的规定, 2020; LAW.md §4.2).

use serde::{Deserialize, Serialize};

use crate::procedure::goi_tables::Table4Result;

/// The instance a hearing or judgment belongs to (the 2020 规定 Art. 1 covers all three).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instance {
    /// 一审.
    #[default]
    First,
    /// 二审 (行政诉讼法 Arts. 85, 88).
    Second,
    /// 再审.
    Retrial,
}

impl Instance {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Instance::First => "一审",
            Instance::Second => "二审",
            Instance::Retrial => "再审",
        }
    }
}

/// What the second-instance court did with an appeal (行政诉讼法 Art. 89).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appellate {
    /// 驳回上诉，维持原判 (Art. 89 ¶1 (1)).
    AppealRejected,
    /// 改判 (Art. 89 ¶1 (2), (3)).
    Amended,
    /// 发回重审 (Art. 89 ¶1 (3), (4)).
    Remanded,
}

impl Appellate {
    /// Every disposition, in form order.
    pub const ALL: [Appellate; 3] = [Appellate::AppealRejected, Appellate::Amended, Appellate::Remanded];

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Appellate::AppealRejected => "驳回上诉，维持原判",
            Appellate::Amended => "改判",
            Appellate::Remanded => "发回重审",
        }
    }
}

/// How a litigation case ended for the defendant agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LitigationOutcome {
    /// 驳回诉讼请求 (Art. 69), including 驳回上诉、维持原判 of such a judgment.
    ClaimRejected,
    /// 撤销或者部分撤销, possibly with 重作 (Art. 70).
    Annulled,
    /// 判决履行 (Art. 72).
    PerformanceOrdered,
    /// 判决给付 (Art. 73).
    PaymentOrdered,
    /// 确认违法 (Art. 74).
    ConfirmedIllegal,
    /// 确认无效 (Art. 75).
    ConfirmedVoid,
    /// 判决赔偿或者采取补救措施 (Art. 76).
    Compensation,
    /// 变更 (Art. 77).
    Varied,
    /// 撤诉 — the plaintiff withdrew, by ruling (Art. 62).
    Withdrawn,
    /// 驳回起诉 — a ruling that the suit is inadmissible.
    SuitDismissed,
    /// 调解 (Art. 60: compensation, agreements and discretion only).
    Mediated,
    /// Other rulings (终结诉讼 etc.).
    OtherRuling,
}

impl LitigationOutcome {
    /// Every outcome.
    pub const ALL: [LitigationOutcome; 12] = [
        LitigationOutcome::ClaimRejected,
        LitigationOutcome::Annulled,
        LitigationOutcome::PerformanceOrdered,
        LitigationOutcome::PaymentOrdered,
        LitigationOutcome::ConfirmedIllegal,
        LitigationOutcome::ConfirmedVoid,
        LitigationOutcome::Compensation,
        LitigationOutcome::Varied,
        LitigationOutcome::Withdrawn,
        LitigationOutcome::SuitDismissed,
        LitigationOutcome::Mediated,
        LitigationOutcome::OtherRuling,
    ];

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            LitigationOutcome::ClaimRejected => "驳回诉讼请求（维持）",
            LitigationOutcome::Annulled => "撤销",
            LitigationOutcome::PerformanceOrdered => "判决履行",
            LitigationOutcome::PaymentOrdered => "判决给付",
            LitigationOutcome::ConfirmedIllegal => "确认违法",
            LitigationOutcome::ConfirmedVoid => "确认无效",
            LitigationOutcome::Compensation => "判决赔偿或补救",
            LitigationOutcome::Varied => "变更",
            LitigationOutcome::Withdrawn => "撤诉",
            LitigationOutcome::SuitDismissed => "驳回起诉",
            LitigationOutcome::Mediated => "调解",
            LitigationOutcome::OtherRuling => "其他裁定",
        }
    }

    /// The article of 行政诉讼法 (2017).
    pub fn article(self) -> &'static str {
        match self {
            LitigationOutcome::ClaimRejected => "《行政诉讼法》第六十九条",
            LitigationOutcome::Annulled => "《行政诉讼法》第七十条",
            LitigationOutcome::PerformanceOrdered => "《行政诉讼法》第七十二条",
            LitigationOutcome::PaymentOrdered => "《行政诉讼法》第七十三条",
            LitigationOutcome::ConfirmedIllegal => "《行政诉讼法》第七十四条",
            LitigationOutcome::ConfirmedVoid => "《行政诉讼法》第七十五条",
            LitigationOutcome::Compensation => "《行政诉讼法》第七十六条",
            LitigationOutcome::Varied => "《行政诉讼法》第七十七条",
            LitigationOutcome::Withdrawn => "《行政诉讼法》第六十二条",
            LitigationOutcome::SuitDismissed => "《行政诉讼法》第五十一条",
            LitigationOutcome::Mediated => "《行政诉讼法》第六十条",
            LitigationOutcome::OtherRuling => "《行政诉讼法》",
        }
    }

    /// Whether the outcome is a judgment (判决), as opposed to a ruling or mediation.
    pub fn is_judgment(self) -> bool {
        !matches!(
            self,
            LitigationOutcome::Withdrawn
                | LitigationOutcome::SuitDismissed
                | LitigationOutcome::Mediated
                | LitigationOutcome::OtherRuling
        )
    }

    /// Whether the agency lost (败诉) under `def` (LAW.md §4.3).
    pub fn is_loss(self, def: &LossDefinition) -> bool {
        use LitigationOutcome::*;
        match self {
            Annulled | PerformanceOrdered | PaymentOrdered | ConfirmedIllegal | ConfirmedVoid | Varied => true,
            Compensation => def.compensation_is_loss,
            _ => false,
        }
    }

    /// The column of table 4: 驳回诉讼请求 → 维持; a loss (撤销, 确认违法, …, not
    /// counting 赔偿) → 纠正; everything else → 其他 (customary \[U\]).
    pub fn table4(self) -> Table4Result {
        match self {
            LitigationOutcome::ClaimRejected => Table4Result::Upheld,
            o if o.is_loss(&LossDefinition::default()) => Table4Result::Corrected,
            _ => Table4Result::Other,
        }
    }
}

/// Which concluded cases form the denominator of 败诉率 (LAW.md §4.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossBase {
    /// Every case concluded in the period, withdrawals and rulings included (default).
    #[default]
    AllConcluded,
    /// Concluded cases except withdrawals (撤诉).
    ExcludingWithdrawals,
    /// Only cases concluded by judgment.
    JudgmentsOnly,
}

/// The definition of 败诉 and 败诉率 in use (LAW.md §4.3, \[U\]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LossDefinition {
    /// Whether a judgment of compensation or remedy (Art. 76) counts as a loss.
    pub compensation_is_loss: bool,
    pub base: LossBase,
}

impl LossDefinition {
    /// Whether a concluded case with `outcome` belongs to the denominator.
    pub fn in_base(&self, outcome: LitigationOutcome) -> bool {
        match self.base {
            LossBase::AllConcluded => true,
            LossBase::ExcludingWithdrawals => outcome != LitigationOutcome::Withdrawn,
            LossBase::JudgmentsOnly => outcome.is_judgment(),
        }
    }

    /// The definition in Chinese, for indicator provenance.
    pub fn zh(&self) -> String {
        let lost = if self.compensation_is_loss {
            "撤销、履行、给付、确认违法、确认无效、变更、赔偿"
        } else {
            "撤销、履行、给付、确认违法、确认无效、变更"
        };
        let base = match self.base {
            LossBase::AllConcluded => "审结案件数（含撤诉和裁定）",
            LossBase::ExcludingWithdrawals => "审结案件数（不含撤诉）",
            LossBase::JudgmentsOnly => "以判决结案的案件数",
        };
        format!("败诉率=败诉案件数（{lost}）÷{base}")
    }
}

/// The position of the person who appeared for the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppearerRank {
    /// 正职负责人.
    Principal,
    /// 副职负责人.
    Deputy,
    /// 其他参与分管的负责人 (deputy-rank and other leaders sharing responsibility).
    OtherResponsibleLeader,
    /// 被委托组织的负责人 — does not count (2020 规定 Art. 2 ¶2).
    EntrustedOrganisationHead,
    /// 下级行政机关的负责人 — does not count (Art. 2 ¶2).
    LowerAgencyHead,
    /// 工作人员 (行政诉讼法 Art. 3 ¶3: entrusted staff).
    Staff,
    /// Only a lawyer appeared (no 负责人, no staff): not an appearance of the
    /// agency under Art. 3 ¶3.
    LawyerOnly,
}

impl AppearerRank {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            AppearerRank::Principal => "正职负责人",
            AppearerRank::Deputy => "副职负责人",
            AppearerRank::OtherResponsibleLeader => "其他参与分管的负责人",
            AppearerRank::EntrustedOrganisationHead => "被委托组织的负责人",
            AppearerRank::LowerAgencyHead => "下级行政机关的负责人",
            AppearerRank::Staff => "工作人员",
            AppearerRank::LawyerOnly => "仅委托律师出庭",
        }
    }

    /// Whether the rank is a 负责人 of the defendant agency (2020 规定 Art. 2).
    pub fn is_head(self) -> bool {
        matches!(self, AppearerRank::Principal | AppearerRank::Deputy | AppearerRank::OtherResponsibleLeader)
    }
}

/// Who appeared for the agency at one hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// The highest-ranking person who appeared; `None`: nobody appeared for the
    /// agency (still a hearing: it counts in the 出庭应诉率 denominator).
    pub rank: Option<AppearerRank>,
    /// Name and title, as recorded.
    pub name: String,
    /// Identity proof (身份证明) filed with the court before the hearing (Art. 6).
    pub identity_proof_filed: bool,
    /// The head spoke in court (出庭且出声).
    pub spoke: bool,
}

impl Appearance {
    /// Whether a qualifying 负责人 appeared (2020 规定 Arts. 2, 6); `Err` gives the
    /// Chinese reason when someone appeared but does not qualify.
    pub fn head_qualifies(&self) -> Result<bool, String> {
        let Some(rank) = self.rank else {
            return Ok(false);
        };
        if !rank.is_head() {
            return Err(format!(
                "出庭人员「{}」为{}，不属于行政机关负责人（最高人民法院关于行政机关负责人出庭应诉若干问题的规定第二条）",
                self.name,
                rank.zh()
            ));
        }
        if !self.identity_proof_filed {
            return Err(format!(
                "负责人「{}」未在开庭前提交身份证明，视为行政机关负责人未出庭应诉（同上规定第六条）",
                self.name
            ));
        }
        Ok(true)
    }

    /// Whether a qualifying head appeared (the reason of a refusal dropped).
    pub fn is_qualifying_head(&self) -> bool {
        matches!(self.head_qualifies(), Ok(true))
    }
}

/// The unit 出庭应诉率 is counted in (LAW.md §4.3, \[U\]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppearanceUnit {
    /// Per case: cases heard in the period in which a qualifying head appeared at least
    /// once per counted instance (one appearance per instance suffices, Art. 7).
    #[default]
    PerCase,
    /// Per hearing (庭次).
    PerHearing,
}

/// The definition of 负责人出庭应诉率 in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AppearanceDefinition {
    pub unit: AppearanceUnit,
    /// Whether second-instance and retrial hearings count.
    pub all_instances: bool,
}

impl Default for AppearanceDefinition {
    fn default() -> Self {
        AppearanceDefinition { unit: AppearanceUnit::PerCase, all_instances: true }
    }
}

impl AppearanceDefinition {
    /// The definition in Chinese, for indicator provenance.
    pub fn zh(&self) -> String {
        let scope = if self.all_instances { "一审、二审和再审" } else { "一审" };
        match self.unit {
            AppearanceUnit::PerCase => {
                format!("负责人出庭应诉率=期间内开庭审理（{scope}）且有适格负责人出庭的案件数÷期间内开庭审理的案件数")
            }
            AppearanceUnit::PerHearing => {
                format!("负责人出庭应诉率=期间内适格负责人出庭的庭次÷期间内开庭庭次（{scope}）")
            }
        }
    }
}
