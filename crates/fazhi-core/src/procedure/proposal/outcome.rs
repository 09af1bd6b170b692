//! 建议提案: where a proposal comes from, the class of a reply (A/B/C/D,
//! LAW.md §11) and the deputy's feedback (满意 / 基本满意 / 不满意).

use serde::{Deserialize, Serialize};

/// Where a proposal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 人大代表建议、批评和意见 (代表法).
    Deputy,
    /// 政协委员提案 (全国政协提案工作条例 and local rules).
    Member,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Deputy, Source::Member];

    pub fn zh(self) -> &'static str {
        match self {
            Source::Deputy => "人大代表建议",
            Source::Member => "政协委员提案",
        }
    }

    /// What the proposal is called (第12号建议 / 第12号提案).
    pub fn noun(self) -> &'static str {
        match self {
            Source::Deputy => "建议",
            Source::Member => "提案",
        }
    }

    /// Who made it (代表 / 委员).
    pub fn proposer(self) -> &'static str {
        match self {
            Source::Deputy => "代表",
            Source::Member => "委员",
        }
    }

    /// From a cell or a form: the code, the name, or its short form.
    pub fn parse(s: &str) -> Option<Source> {
        match s.trim() {
            "deputy" | "人大代表建议" | "建议" | "人大建议" | "代表建议" => Some(Source::Deputy),
            "member" | "政协委员提案" | "提案" | "政协提案" | "委员提案" => Some(Source::Member),
            _ => None,
        }
    }
}

/// The class of a reply, as local reports count them (LAW.md §11, \[P\]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReplyClass {
    /// 所提问题已经解决或基本解决(含已采纳).
    A,
    /// 正在解决或已列入计划、开始工作.
    B,
    /// 列入规划、逐步解决.
    C,
    /// 留作参考或因条件限制不能解决,已作解释.
    D,
}

impl ReplyClass {
    pub const ALL: [ReplyClass; 4] = [ReplyClass::A, ReplyClass::B, ReplyClass::C, ReplyClass::D];

    /// The letter.
    pub fn letter(self) -> &'static str {
        match self {
            ReplyClass::A => "A",
            ReplyClass::B => "B",
            ReplyClass::C => "C",
            ReplyClass::D => "D",
        }
    }

    /// `A类(所提问题已经解决或基本解决)`.
    pub fn zh(self) -> String {
        let meaning = match self {
            ReplyClass::A => "所提问题已经解决或基本解决",
            ReplyClass::B => "正在解决或已列入计划",
            ReplyClass::C => "列入规划、逐步解决",
            ReplyClass::D => "留作参考或因条件限制暂不能解决,已作解释",
        };
        format!("{}类({meaning})", self.letter())
    }
}

/// The deputy's or member's feedback on a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::Satisfied, Satisfaction::BasicallySatisfied, Satisfaction::Dissatisfied];

    pub fn zh(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::BasicallySatisfied => "基本满意",
            Satisfaction::Dissatisfied => "不满意",
        }
    }

    /// 满意 or 基本满意: counts towards 满意率.
    pub fn content(self) -> bool {
        self != Satisfaction::Dissatisfied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(crate::procedure::form::code_of(&ReplyClass::B), "B");
        assert_eq!(crate::procedure::form::code_of(&Satisfaction::BasicallySatisfied), "basically_satisfied");
        assert_eq!(Source::parse(" 提案 "), Some(Source::Member));
        assert_eq!(Source::parse("人大代表建议"), Some(Source::Deputy));
        assert_eq!(Source::parse("议案"), None);
        assert!(ReplyClass::D.zh().starts_with("D类"));
        assert!(!Satisfaction::Dissatisfied.content() && Satisfaction::BasicallySatisfied.content());
    }
}
