//! The codes of a 信访 case (信访工作条例 2022): how it came in, what it is
//! about, which round it is, how it ended and how the petitioner rated it.

use serde::{Deserialize, Serialize};

/// How the petition came in (信访工作条例 Art. 2: letters, e-mail, fax,
/// telephone, visits, online).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 来信.
    Letter,
    /// 来访.
    Visit,
    /// 网上信访 (the portal form, or the national online platform).
    Online,
    /// 电话、传真等其他形式.
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Letter, Channel::Visit, Channel::Online, Channel::Other];

    pub fn zh(self) -> &'static str {
        match self {
            Channel::Letter => "来信",
            Channel::Visit => "来访",
            Channel::Online => "网上信访",
            Channel::Other => "其他形式",
        }
    }
}

/// The three categories of Arts. 29–31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 建议意见类 (Art. 29).
    Suggestion,
    /// 检举控告类 (Art. 30).
    Accusation,
    /// 申诉求决类 (Art. 31).
    Claim,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Suggestion, Category::Accusation, Category::Claim];

    pub fn zh(self) -> &'static str {
        match self {
            Category::Suggestion => "建议意见类",
            Category::Accusation => "检举控告类",
            Category::Claim => "申诉求决类",
        }
    }
}

/// Which round of the same matter a case is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    /// The petition itself.
    #[default]
    First,
    /// 复查 of a 处理意见 (Art. 35).
    Review,
    /// 复核 of a 复查意见 (Art. 36).
    Recheck,
}

impl Round {
    pub fn zh(self) -> &'static str {
        match self {
            Round::First => "信访事项",
            Round::Review => "复查",
            Round::Recheck => "复核",
        }
    }

    /// The round a request against a case of this round opens, if any: 复查
    /// after a 处理意见, 复核 after a 复查意见, nothing after a 复核意见 (Art. 36 ¶3).
    pub fn next(self) -> Option<Round> {
        match self {
            Round::First => Some(Round::Review),
            Round::Review => Some(Round::Recheck),
            Round::Recheck => None,
        }
    }

    /// The article that governs the round's request and answer.
    pub fn article(self) -> &'static str {
        match self {
            Round::First => "《信访工作条例》第三十一条、第三十二条",
            Round::Review => "《信访工作条例》第三十五条",
            Round::Recheck => "《信访工作条例》第三十六条",
        }
    }
}

/// The statutory route a matter is diverted to (依法分类处理, Arts. 30–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// 诉讼 (Art. 31 (一)).
    Litigation,
    /// 行政复议 (Art. 31 (一), (三)).
    Reconsideration,
    /// 仲裁 (Art. 31 (一)).
    Arbitration,
    /// 党员申诉、申请复审等 (Art. 31 (二)).
    PartyProcedure,
    /// 行政裁决、行政确认、行政许可、行政处罚等行政程序 (Art. 31 (三)).
    AdministrativeProcedure,
    /// 纪检监察机关 (检举控告类, Art. 30).
    Discipline,
}

impl Route {
    pub const ALL: [Route; 6] = [
        Route::Litigation,
        Route::Reconsideration,
        Route::Arbitration,
        Route::PartyProcedure,
        Route::AdministrativeProcedure,
        Route::Discipline,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Route::Litigation => "诉讼",
            Route::Reconsideration => "行政复议",
            Route::Arbitration => "仲裁",
            Route::PartyProcedure => "党员申诉、申请复审等程序",
            Route::AdministrativeProcedure => "行政裁决、行政确认、行政许可、行政处罚等行政程序",
            Route::Discipline => "纪检监察机关依规依纪依法处理",
        }
    }

    /// The paragraph that diverts there.
    pub fn article(self) -> &'static str {
        match self {
            Route::Litigation | Route::Reconsideration | Route::Arbitration => "《信访工作条例》第三十一条第一项",
            Route::PartyProcedure => "《信访工作条例》第三十一条第二项",
            Route::AdministrativeProcedure => "《信访工作条例》第三十一条第三项",
            Route::Discipline => "《信访工作条例》第三十条",
        }
    }
}

/// Why a petition is not taken up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineGround {
    /// Not for this body or its system: the petitioner is told where to go (Art. 23 ¶1).
    NotCompetent,
    /// The same claim on the same facts after a 复核 (Art. 36 ¶3).
    AfterRecheck,
}

impl DeclineGround {
    pub const ALL: [DeclineGround; 2] = [DeclineGround::NotCompetent, DeclineGround::AfterRecheck];

    pub fn zh(self) -> &'static str {
        match self {
            DeclineGround::NotCompetent => "不属于本机关、单位或者本系统职权范围,告知信访人向有权处理的机关、单位提出",
            DeclineGround::AfterRecheck => "已经复核,信访人仍以同一事实和理由提出投诉请求,不再受理",
        }
    }

    pub fn article(self) -> &'static str {
        match self {
            DeclineGround::NotCompetent => "《信访工作条例》第二十三条第一款",
            DeclineGround::AfterRecheck => "《信访工作条例》第三十六条第三款",
        }
    }
}

/// How a mediation or settlement ended (Art. 33).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// 调解协议书.
    Mediation,
    /// 和解协议书.
    Settlement,
}

impl Agreement {
    pub const ALL: [Agreement; 2] = [Agreement::Mediation, Agreement::Settlement];

    pub fn zh(self) -> &'static str {
        match self {
            Agreement::Mediation => "经调解达成调解协议",
            Agreement::Settlement => "双方自愿和解达成和解协议",
        }
    }
}

/// How a 信访 case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionOutcome {
    /// 予以支持 (Art. 32 (一)).
    Supported,
    /// 解释说明 (Art. 32 (二)).
    Explained,
    /// 不予支持 (Art. 32 (三)).
    NotSupported,
    /// 复查/复核: 维持原意见 (Arts. 35–36).
    Upheld,
    /// 复查/复核: 撤销或者变更原意见 (Arts. 35–36).
    Changed,
    /// 调解协议 (Art. 33).
    Mediated,
    /// 和解协议 (Art. 33).
    Settled,
    /// 导入相应法定途径 (Arts. 30–31).
    Diverted,
    /// Not taken up (Art. 23 ¶1, Art. 36 ¶3).
    Declined,
    /// The petitioner withdrew.
    Withdrawn,
}

impl PetitionOutcome {
    /// The outcomes of a 信访处理意见书 (Art. 32).
    pub const OPINIONS: [PetitionOutcome; 3] =
        [PetitionOutcome::Supported, PetitionOutcome::Explained, PetitionOutcome::NotSupported];
    /// The outcomes of a 复查 or 复核意见 (Arts. 35–36).
    pub const REVIEW_OPINIONS: [PetitionOutcome; 2] = [PetitionOutcome::Upheld, PetitionOutcome::Changed];

    pub fn zh(self) -> &'static str {
        match self {
            PetitionOutcome::Supported => "予以支持",
            PetitionOutcome::Explained => "解释说明",
            PetitionOutcome::NotSupported => "不予支持",
            PetitionOutcome::Upheld => "维持原处理意见",
            PetitionOutcome::Changed => "撤销或者变更原处理意见",
            PetitionOutcome::Mediated => "调解结案",
            PetitionOutcome::Settled => "和解结案",
            PetitionOutcome::Diverted => "导入法定途径",
            PetitionOutcome::Declined => "不予受理",
            PetitionOutcome::Withdrawn => "撤回",
        }
    }

    /// Whether the case was resolved within the 信访 route itself (an opinion
    /// or an agreement), as opposed to diverted, declined or withdrawn.
    pub fn resolved(self) -> bool {
        !matches!(self, PetitionOutcome::Diverted | PetitionOutcome::Declined | PetitionOutcome::Withdrawn)
    }
}

/// The petitioner's rating of the answer (国信发〔2022〕11号 satisfaction evaluation, LAW.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    Basically,
    Unsatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [Satisfaction::Satisfied, Satisfaction::Basically, Satisfaction::Unsatisfied];

    pub fn zh(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::Basically => "基本满意",
            Satisfaction::Unsatisfied => "不满意",
        }
    }
}

/// What a later case did about this one's matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// A 复查 (or 复核) of this case's opinion was requested.
    Review,
    /// The petitioner petitioned again about the same matter (重复信访).
    Repeat,
}
