//! The indicators of 建议提案 (LAW.md §11, \[P\]: local reports define them
//! alike): 办复率, 按期办复率, 见面率, 满意率 (满意 + 基本满意 over the
//! feedback returned, with the two also shown apart), the A/B/C/D shares and
//! 公开率. A proposal counts in the period of its assignment (交办), with its
//! record as it stands now; the class and publication are those of the reply
//! that stands (the second one after re-handling), the feedback the latest.

use super::{Data, ReplyClass, Satisfaction, Source};
use crate::procedure::indicators::{IndicatorValue, Period, Value};

pub const ASSIGNED: &str = "proposal.assigned";
pub const ASSIGNED_DEPUTY: &str = "proposal.assigned.deputy";
pub const ASSIGNED_MEMBER: &str = "proposal.assigned.member";
pub const REPLY_RATE: &str = "proposal.reply_rate";
pub const ON_TIME_RATE: &str = "proposal.on_time_rate";
pub const MET_RATE: &str = "proposal.met_rate";
pub const SATISFACTION_RATE: &str = "proposal.satisfaction_rate";
pub const SATISFIED: &str = "proposal.satisfied";
pub const BASICALLY_SATISFIED: &str = "proposal.basically_satisfied";
pub const DISSATISFIED: &str = "proposal.dissatisfied";
pub const CLASS_A: &str = "proposal.class.a";
pub const CLASS_B: &str = "proposal.class.b";
pub const CLASS_C: &str = "proposal.class.c";
pub const CLASS_D: &str = "proposal.class.d";
pub const PUBLIC_RATE: &str = "proposal.public_rate";
pub const REHANDLED: &str = "proposal.rehandled";

/// `(id, name)`, in the order of the page.
pub const INDICATORS: &[(&str, &str)] = &[
    (ASSIGNED, "交办件数"),
    (ASSIGNED_DEPUTY, "其中人大代表建议"),
    (ASSIGNED_MEMBER, "其中政协委员提案"),
    (REPLY_RATE, "办复率"),
    (ON_TIME_RATE, "按期办复率"),
    (MET_RATE, "见面率"),
    (SATISFACTION_RATE, "满意率(满意和基本满意)"),
    (SATISFIED, "满意"),
    (BASICALLY_SATISFIED, "基本满意"),
    (DISSATISFIED, "不满意"),
    (CLASS_A, "A类占比"),
    (CLASS_B, "B类占比"),
    (CLASS_C, "C类占比"),
    (CLASS_D, "D类占比"),
    (PUBLIC_RATE, "公开率"),
    (REHANDLED, "重新办理件数"),
];

fn name(id: &str) -> &'static str {
    INDICATORS.iter().find(|(i, _)| *i == id).map(|(_, n)| *n).unwrap_or("")
}

fn count(id: &str, n: u64, definition: &str) -> IndicatorValue {
    IndicatorValue {
        id: id.to_owned(),
        name: name(id).to_owned(),
        value: Value::Count { count: n },
        definition: definition.to_owned(),
    }
}

fn rate(id: &str, numerator: u64, denominator: u64, definition: &str) -> IndicatorValue {
    IndicatorValue {
        id: id.to_owned(),
        name: name(id).to_owned(),
        value: Value::Rate { numerator, denominator },
        definition: definition.to_owned(),
    }
}

/// The indicators over the proposals assigned in `period`.
pub fn compute<'a>(proposals: impl Iterator<Item = &'a Data>, period: Period) -> Vec<IndicatorValue> {
    let mut n = Counts::default();
    for d in proposals.filter(|d| d.assigned_on.is_some_and(|a| period.contains(a))) {
        n.assigned += 1;
        match d.source {
            Some(Source::Member) => n.member += 1,
            _ => n.deputy += 1,
        }
        n.met += u64::from(!d.meetings.is_empty());
        n.rehandled += u64::from(d.feedback.iter().any(|f| f.satisfaction == Satisfaction::Dissatisfied));
        if let Some(first) = d.replies.first() {
            n.replied += 1;
            n.on_time += u64::from(first.on_time());
        }
        if let Some(r) = d.final_reply() {
            n.class[ReplyClass::ALL.iter().position(|c| *c == r.class).unwrap_or(0)] += 1;
            n.public += u64::from(r.public);
        }
        if let Some(f) = d.feedback.last() {
            n.returned += 1;
            match f.satisfaction {
                Satisfaction::Satisfied => n.satisfied += 1,
                Satisfaction::BasicallySatisfied => n.basically += 1,
                Satisfaction::Dissatisfied => n.dissatisfied += 1,
            }
        }
    }
    let class = |i: usize, id: &str| {
        rate(
            id,
            n.class[i],
            n.replied,
            &format!("答复类别为{}的件数 ÷ 已办复件数(以最终答复为准)", ReplyClass::ALL[i].zh()),
        )
    };
    vec![
        count(ASSIGNED, n.assigned, "本期交办的人大代表建议和政协委员提案件数(按交办日期)"),
        count(ASSIGNED_DEPUTY, n.deputy, "本期交办的人大代表建议件数"),
        count(ASSIGNED_MEMBER, n.member, "本期交办的政协委员提案件数"),
        rate(REPLY_RATE, n.replied, n.assigned, "已答复代表、委员的件数 ÷ 交办件数"),
        rate(
            ON_TIME_RATE,
            n.on_time,
            n.assigned,
            "在法定期限内(交办之日起3个月,难度较大经同意的6个月)答复的件数 ÷ 交办件数",
        ),
        rate(MET_RATE, n.met, n.assigned, "与代表、委员见面沟通的件数 ÷ 交办件数"),
        rate(
            SATISFACTION_RATE,
            n.satisfied + n.basically,
            n.returned,
            "反馈满意和基本满意的件数 ÷ 收回反馈意见的件数(以最后一次反馈为准)",
        ),
        rate(SATISFIED, n.satisfied, n.returned, "反馈满意的件数 ÷ 收回反馈意见的件数"),
        rate(BASICALLY_SATISFIED, n.basically, n.returned, "反馈基本满意的件数 ÷ 收回反馈意见的件数"),
        rate(DISSATISFIED, n.dissatisfied, n.returned, "反馈不满意的件数 ÷ 收回反馈意见的件数"),
        class(0, CLASS_A),
        class(1, CLASS_B),
        class(2, CLASS_C),
        class(3, CLASS_D),
        rate(PUBLIC_RATE, n.public, n.replied, "答复全文公开的件数 ÷ 已办复件数(以最终答复为准)"),
        count(REHANDLED, n.rehandled, "代表、委员对答复不满意、重新办理的件数"),
    ]
}

#[derive(Default)]
struct Counts {
    assigned: u64,
    deputy: u64,
    member: u64,
    replied: u64,
    on_time: u64,
    met: u64,
    returned: u64,
    satisfied: u64,
    basically: u64,
    dissatisfied: u64,
    class: [u64; 4],
    public: u64,
    rehandled: u64,
}
