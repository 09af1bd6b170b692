//! 依申请公开: the applicant types (the columns of table 3 of the 政府信息公开工作年度报告)
//! and the reply outcomes, coded exactly to the rows of that table
//! (国办公开办函〔2021〕30号; LAW.md §2.5), with the reply types of
//! 政府信息公开条例 (2019) Arts. 36–39 they come from (LAW.md §2.3).

use serde::{Deserialize, Serialize};

/// Who applied: the six applicant columns of table 3 (the seventh is 总计).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    /// 自然人.
    NaturalPerson,
    /// 法人或其他组织 — 商业企业.
    CommercialEnterprise,
    /// 法人或其他组织 — 科研机构.
    ResearchInstitution,
    /// 法人或其他组织 — 社会公益组织.
    PublicWelfareOrganisation,
    /// 法人或其他组织 — 法律服务机构.
    LegalServiceInstitution,
    /// 法人或其他组织 — 其他.
    OtherOrganisation,
}

impl ApplicantType {
    /// All types, in the column order of table 3.
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::NaturalPerson,
        ApplicantType::CommercialEnterprise,
        ApplicantType::ResearchInstitution,
        ApplicantType::PublicWelfareOrganisation,
        ApplicantType::LegalServiceInstitution,
        ApplicantType::OtherOrganisation,
    ];

    /// The column index in table 3 (0 ..= 5; 6 is 总计).
    pub fn column(self) -> usize {
        self as usize
    }

    /// The column heading of table 3.
    pub fn zh(self) -> &'static str {
        match self {
            ApplicantType::NaturalPerson => "自然人",
            ApplicantType::CommercialEnterprise => "商业企业",
            ApplicantType::ResearchInstitution => "科研机构",
            ApplicantType::PublicWelfareOrganisation => "社会公益组织",
            ApplicantType::LegalServiceInstitution => "法律服务机构",
            ApplicantType::OtherOrganisation => "其他",
        }
    }

    /// Whether the applicant is a 法人或其他组织 (columns 2–6).
    pub fn is_organisation(self) -> bool {
        self != ApplicantType::NaturalPerson
    }
}

/// The group of a result row of table 3 (part 三).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeGroup {
    /// (一) 予以公开.
    Disclosed,
    /// (二) 部分公开.
    PartlyDisclosed,
    /// (三) 不予公开.
    Withheld,
    /// (四) 无法提供.
    Unavailable,
    /// (五) 不予处理.
    NotHandled,
    /// (六) 其他处理.
    Other,
}

impl OutcomeGroup {
    /// The heading of the group as printed in table 3, e.g. `（三）不予公开`.
    pub fn zh(self) -> &'static str {
        match self {
            OutcomeGroup::Disclosed => "（一）予以公开",
            OutcomeGroup::PartlyDisclosed => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            OutcomeGroup::Withheld => "（三）不予公开",
            OutcomeGroup::Unavailable => "（四）无法提供",
            OutcomeGroup::NotHandled => "（五）不予处理",
            OutcomeGroup::Other => "（六）其他处理",
        }
    }
}

macro_rules! outcomes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $group:ident, $item:literal, $label:literal, $basis:literal; )*) => {
        /// The result of a disclosure request, coded to one row of part 三 of table 3.
        ///
        /// The row mapping for the reply types of Arts. 36–39 is customary (LAW.md §2.5,
        /// tagged \[U\]); the row labels are those of the template (\[C\]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum DisclosureOutcome {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl DisclosureOutcome {
    /// The answer in plain words for the reply letter (答复告知书): what the
    /// applicant gets and, where something is withheld or not provided, why.
    pub fn letter_text(self) -> &'static str {
        use DisclosureOutcome::*;
        match self {
            Disclosed => "您申请获取的政府信息属于公开范围，本机关予以公开，现随本告知书提供（或告知获取的方式和途径）。",
            PartlyDisclosed => "您申请获取的政府信息中，部分内容依法不予公开；本机关对可以公开的部分作区分处理后予以提供，不予公开的部分及理由说明如下。",
            WithheldStateSecret => "您申请获取的政府信息属于国家秘密，依法不予公开。",
            WithheldProhibitedByLaw => "您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。",
            WithheldSecurityStability => "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
            WithheldThirdParty => "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，第三方不同意公开，依法不予公开。",
            WithheldInternalAffairs => "您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开。",
            WithheldProcessInformation => "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。",
            WithheldEnforcementFile => "您申请获取的信息属于行政执法案卷信息，可以不予公开。",
            WithheldAdministrativeQuery => "您申请获取的信息属于应当按照有关规定通过查询途径获取的信息，请按照相应的查询途径办理。",
            UnavailableNotHeld => "经检索查找，本机关未制作或者获取您申请的政府信息，该信息不存在。",
            UnavailableNeedsCreation => "本机关没有您申请的现成信息，提供需要对现有政府信息进行加工、分析，本机关可以不予提供。",
            UnavailableUnclearAfterCorrection => "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息。",
            NotHandledPetition => "您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求，本机关告知您通过相应渠道提出。",
            NotHandledRepeat => "您的申请与此前已答复的申请内容相同，本机关不再重复处理。",
            NotHandledPublication => "您要求提供的是公开出版物，请通过公开出版物的获取途径获取，本机关可以不予提供。",
            NotHandledExcessive => "您的申请数量、频次明显超过合理范围，且未能说明理由或者理由不合理，本机关不予处理。",
            NotHandledReconfirm => "您要求行政机关确认或者重新出具已获取的信息，本机关不予处理。",
            OtherNoCorrection => "本机关已书面通知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该申请。",
            OtherFeeUnpaid => "本机关已向您发出收费通知，您逾期未缴纳信息处理费，本机关不再处理该申请。",
            OtherOther => "本机关对您的申请依法作出处理，具体情况说明如下。",
        }
    }

            /// Every result row, in the order of table 3.
            pub const ALL: [DisclosureOutcome; 21] = [ $( DisclosureOutcome::$variant, )* ];

            /// The stable machine name, e.g. `withheld.third_party`.
            pub fn as_str(self) -> &'static str {
                match self { $( DisclosureOutcome::$variant => $name, )* }
            }

            /// The group (（一） … （六）) of the row.
            pub fn group(self) -> OutcomeGroup {
                match self { $( DisclosureOutcome::$variant => OutcomeGroup::$group, )* }
            }

            /// The item number inside the group (0 for （一） and （二）, which have none).
            pub fn item(self) -> u8 {
                match self { $( DisclosureOutcome::$variant => $item, )* }
            }

            /// The row label exactly as in the template, without the number.
            pub fn label(self) -> &'static str {
                match self { $( DisclosureOutcome::$variant => $label, )* }
            }

            /// The legal basis the row usually corresponds to (LAW.md §2.3, §2.5).
            pub fn basis(self) -> &'static str {
                match self { $( DisclosureOutcome::$variant => $basis, )* }
            }
        }
    };
}

outcomes! {
    /// （一）予以公开.
    Disclosed = "disclosed", Disclosed, 0, "予以公开", "《政府信息公开条例》第三十六条第一、二项";
    /// （二）部分公开.
    PartlyDisclosed = "partly_disclosed", PartlyDisclosed, 0, "部分公开（区分处理的，只计这一情形，不计其他情形）", "《政府信息公开条例》第三十七条";
    /// （三）1.
    WithheldStateSecret = "withheld.state_secret", Withheld, 1, "属于国家秘密", "《政府信息公开条例》第十四条";
    /// （三）2.
    WithheldProhibitedByLaw = "withheld.prohibited_by_law", Withheld, 2, "其他法律行政法规禁止公开", "《政府信息公开条例》第十四条";
    /// （三）3.
    WithheldSecurityStability = "withheld.security_stability", Withheld, 3, "危及“三安全一稳定”", "《政府信息公开条例》第十四条";
    /// （三）4.
    WithheldThirdParty = "withheld.third_party", Withheld, 4, "保护第三方合法权益", "《政府信息公开条例》第十五条";
    /// （三）5.
    WithheldInternalAffairs = "withheld.internal_affairs", Withheld, 5, "属于三类内部事务信息", "《政府信息公开条例》第十六条第一款";
    /// （三）6.
    WithheldProcessInformation = "withheld.process_information", Withheld, 6, "属于四类过程性信息", "《政府信息公开条例》第十六条第二款";
    /// （三）7.
    WithheldEnforcementFile = "withheld.enforcement_file", Withheld, 7, "属于行政执法案卷", "《政府信息公开条例》第十六条第二款";
    /// （三）8.
    WithheldAdministrativeQuery = "withheld.administrative_query", Withheld, 8, "属于行政查询事项", "按照有关查询途径办理（惯例归类）";
    /// （四）1.
    UnavailableNotHeld = "unavailable.not_held", Unavailable, 1, "本机关不掌握相关政府信息", "《政府信息公开条例》第三十六条第四、五项";
    /// （四）2.
    UnavailableNeedsCreation = "unavailable.needs_creation", Unavailable, 2, "没有现成信息需要另行制作", "《政府信息公开条例》第三十八条";
    /// （四）3.
    UnavailableUnclearAfterCorrection = "unavailable.unclear_after_correction", Unavailable, 3, "补正后申请内容仍不明确", "《政府信息公开条例》第三十条";
    /// （五）1.
    NotHandledPetition = "not_handled.petition", NotHandled, 1, "信访举报投诉类申请", "《政府信息公开条例》第三十九条第一款";
    /// （五）2.
    NotHandledRepeat = "not_handled.repeat", NotHandled, 2, "重复申请", "《政府信息公开条例》第三十六条第六项";
    /// （五）3.
    NotHandledPublication = "not_handled.publication", NotHandled, 3, "要求提供公开出版物", "《政府信息公开条例》第三十九条第二款";
    /// （五）4.
    NotHandledExcessive = "not_handled.excessive", NotHandled, 4, "无正当理由大量反复申请", "《政府信息公开条例》第三十五条";
    /// （五）5.
    NotHandledReconfirm = "not_handled.reconfirm", NotHandled, 5, "要求行政机关确认或重新出具已获取信息", "《政府信息公开条例》第三十九条";
    /// （六）1.
    OtherNoCorrection = "other.no_correction", Other, 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《政府信息公开条例》第三十条";
    /// （六）2.
    OtherFeeUnpaid = "other.fee_unpaid", Other, 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "《政府信息公开条例》第四十二条；国办函〔2020〕109号";
    /// （六）3.
    OtherOther = "other.other", Other, 3, "其他", "《政府信息公开条例》第三十六条第七项等";
}

impl DisclosureOutcome {
    /// The row number as printed in table 3, e.g. `（三）4` or `（一）`.
    pub fn row(self) -> String {
        let group = match self.group() {
            OutcomeGroup::Disclosed => "（一）",
            OutcomeGroup::PartlyDisclosed => "（二）",
            OutcomeGroup::Withheld => "（三）",
            OutcomeGroup::Unavailable => "（四）",
            OutcomeGroup::NotHandled => "（五）",
            OutcomeGroup::Other => "（六）",
        };
        match self.item() {
            0 => group.to_string(),
            n => format!("{group}{n}"),
        }
    }

    /// Row number and label, e.g. `（三）4 保护第三方合法权益`, for messages and pages.
    pub fn zh(self) -> String {
        format!("{} {}", self.row(), self.label())
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<DisclosureOutcome> {
        DisclosureOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// The index of the row among the result rows of table 3 (0 ..= 20).
    pub fn index(self) -> usize {
        self as usize
    }
}
