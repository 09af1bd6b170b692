//! The field of administration a challenged act belongs to.

use serde::{Deserialize, Serialize};

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
