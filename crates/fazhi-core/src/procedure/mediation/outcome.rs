//! 调解: the coded values of a mediation case as data (each a stored code and
//! its Chinese name): the two forms, the channels a dispute arrives by, the
//! dispute types, how a case ends, why it was not accepted, what the court
//! did with an application for 司法确认, and how the agreement was performed.

use serde::{Deserialize, Serialize};

use crate::procedure::form::code_of;

/// An enum of codes with its Chinese names and the list of all of them.
macro_rules! codes {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident => $zh:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)+ }

        impl $name {
            /// Every value, in form order.
            pub const ALL: &'static [$name] = &[$($name::$v,)+];
            /// The Chinese name.
            pub fn zh(self) -> &'static str {
                match self { $($name::$v => $zh,)+ }
            }
            /// The stored code (`police`).
            pub fn code(self) -> String {
                code_of(&self)
            }
        }
    };
}

codes! {
    /// Who mediates.
    pub enum MediationForm {
        /// 人民调解: by a 人民调解委员会 (人民调解法 Arts. 2, 7).
        People => "人民调解",
        /// 行政调解: by an administrative department, under local rules \[U\].
        Administrative => "行政调解",
    }
}

codes! {
    /// How the dispute came to the mediator.
    pub enum Channel {
        /// 当事人申请 (人民调解法 Art. 17).
        Application => "当事人申请",
        /// 主动调解, e.g. after 矛盾纠纷排查 (Art. 17).
        Initiative => "主动调解",
        /// 公调对接: transferred by the police (Art. 18).
        Police => "公调对接(公安机关移交)",
        /// 诉调对接: from the court, before or during a suit (Art. 18).
        Court => "诉调对接(人民法院委派、委托)",
        /// 访调对接: from the 信访 bodies.
        Petition => "访调对接(信访部门转交)",
    }
}

impl Channel {
    /// Whether the dispute was handed over by another body (who and its
    /// reference are recorded).
    pub fn is_referral(self) -> bool {
        matches!(self, Channel::Police | Channel::Court | Channel::Petition)
    }
}

codes! {
    /// The dispute types counted in the reports (其他 with a description).
    pub enum DisputeType {
        MarriageFamily => "婚姻家庭纠纷",
        Neighbour => "邻里纠纷",
        HousingHomestead => "房屋宅基地纠纷",
        Contract => "合同纠纷",
        Damages => "损害赔偿纠纷",
        TrafficAccident => "道路交通事故纠纷",
        Labour => "劳动争议",
        PropertyManagement => "物业纠纷",
        Land => "土地承包经营纠纷",
        Consumer => "消费纠纷",
        Other => "其他纠纷",
    }
}

codes! {
    /// How a mediation case ended.
    pub enum MediationOutcome {
        /// 调解成功: an agreement was reached (Arts. 28-30).
        Succeeded => "调解成功",
        /// 调解不成: mediation ended without agreement (Art. 26).
        Failed => "调解不成",
        /// 撤回: the applicant withdrew, or a party asked to end the mediation (Art. 23).
        Withdrawn => "撤回",
        /// 不予受理: a party refused mediation or the dispute cannot be mediated (Arts. 2, 17).
        NotAccepted => "不予受理",
    }
}

codes! {
    /// Why a dispute was not accepted.
    pub enum RefusalGround {
        /// 当事人一方明确拒绝调解的，不得调解 (Art. 17).
        PartyRefused => "当事人一方明确拒绝调解(《人民调解法》第十七条)",
        /// Not a 民间纠纷 that mediation may settle (Art. 2).
        NotCivilDispute => "不属于可以调解的民间纠纷(《人民调解法》第二条)",
        /// Already before a court, an arbitration body or an administrative
        /// authority (local rules \[U\]).
        OtherProceedings => "纠纷已由人民法院、仲裁机构或者行政机关受理或者处理",
    }
}

codes! {
    /// What the court did with an application for 司法确认 (Art. 33 ¶2-3).
    pub enum ConfirmationResult {
        /// 裁定调解协议有效: enforceable by the court (Art. 33 ¶2).
        Valid => "确认调解协议有效",
        /// 确认无效 or the application dismissed: the parties may mediate
        /// again or sue (Art. 33 ¶3).
        Invalid => "驳回申请或确认调解协议无效",
    }
}

codes! {
    /// How the agreement was performed, as found on a follow-up (Art. 31 ¶2).
    pub enum Fulfilment {
        Fulfilled => "已履行",
        Partly => "部分履行",
        NotFulfilled => "未履行",
    }
}
