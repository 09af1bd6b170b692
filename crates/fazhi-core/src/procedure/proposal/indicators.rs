//! The indicators of 建议提案 (LAW.md §11, \[P\]: local reports define them
//! alike): 办复率, 按期办复率, 见面率, 满意率 (满意 + 基本满意 over the
//! feedback returned, with the two also shown apart), the A/B/C/D shares and
//! 公开率. A proposal counts in the period of its assignment (交办), with its
//! record as it stands now; the class and publication are those of the reply
//! that stands (the second one after re-handling), the feedback the latest.
//!
//! As for every kind (docs/indicators.md), a proposal contributes dated
//! counters ([`facts`], all dated by its assignment) and the indicators are
//! definitions over them ([`catalogue`]).

use super::{Data, ReplyClass, Satisfaction, Source};
use crate::procedure::catalogue::{Fact, IndicatorDef, Tally};

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

/// The counters a proposal contributes, each dated by its assignment.
pub mod counter {
    pub const ASSIGNED: &str = "proposal.assigned";
    pub const ASSIGNED_DEPUTY: &str = "proposal.assigned.deputy";
    pub const ASSIGNED_MEMBER: &str = "proposal.assigned.member";
    /// Answered (a first reply exists).
    pub const REPLIED: &str = "proposal.replied";
    /// The first reply was in time.
    pub const REPLIED_ON_TIME: &str = "proposal.replied.on_time";
    /// Met with the deputy or member.
    pub const MET: &str = "proposal.met";
    /// The reply that stands, by class, and whether it is public.
    pub const FINAL_CLASS: [&str; 4] =
        ["proposal.final.class_a", "proposal.final.class_b", "proposal.final.class_c", "proposal.final.class_d"];
    pub const FINAL_PUBLIC: &str = "proposal.final.public";
    /// Feedback returned, and the latest feedback by satisfaction.
    pub const FEEDBACK: &str = "proposal.feedback";
    pub const FEEDBACK_SATISFIED: &str = "proposal.feedback.satisfied";
    pub const FEEDBACK_BASICALLY: &str = "proposal.feedback.basically";
    pub const FEEDBACK_DISSATISFIED: &str = "proposal.feedback.dissatisfied";
    /// Handled again after a dissatisfied feedback.
    pub const REHANDLED: &str = "proposal.rehandled";

    /// Their Chinese names.
    pub const NAMES: &[(&str, &str)] = &[
        (ASSIGNED, "交办"),
        (ASSIGNED_DEPUTY, "交办人大代表建议"),
        (ASSIGNED_MEMBER, "交办政协委员提案"),
        (REPLIED, "已答复"),
        (REPLIED_ON_TIME, "按期答复"),
        (MET, "与代表、委员见面沟通"),
        (FINAL_CLASS[0], "最终答复为A类"),
        (FINAL_CLASS[1], "最终答复为B类"),
        (FINAL_CLASS[2], "最终答复为C类"),
        (FINAL_CLASS[3], "最终答复为D类"),
        (FINAL_PUBLIC, "答复已公开"),
        (FEEDBACK, "收到反馈意见"),
        (FEEDBACK_SATISFIED, "反馈满意"),
        (FEEDBACK_BASICALLY, "反馈基本满意"),
        (FEEDBACK_DISSATISFIED, "反馈不满意"),
        (REHANDLED, "不满意后重新办理"),
    ];
}

/// The facts of a proposal: none before its assignment, then every counter
/// dated by the assignment.
pub fn facts(d: &Data) -> Vec<Fact> {
    use counter as c;
    let Some(on) = d.assigned_on else { return Vec::new() };
    let mut out = vec![Fact::new(c::ASSIGNED, on)];
    let mut add = |yes: bool, counter: &'static str| {
        if yes {
            out.push(Fact::new(counter, on));
        }
    };
    add(d.source == Some(Source::Member), c::ASSIGNED_MEMBER);
    add(d.source != Some(Source::Member), c::ASSIGNED_DEPUTY);
    add(!d.meetings.is_empty(), c::MET);
    add(d.feedback.iter().any(|f| f.satisfaction == Satisfaction::Dissatisfied), c::REHANDLED);
    if let Some(first) = d.replies.first() {
        add(true, c::REPLIED);
        add(first.on_time(), c::REPLIED_ON_TIME);
    }
    if let Some(r) = d.final_reply() {
        let i = ReplyClass::ALL.iter().position(|x| *x == r.class).unwrap_or(0);
        add(true, c::FINAL_CLASS[i]);
        add(r.public, c::FINAL_PUBLIC);
    }
    if let Some(f) = d.feedback.last() {
        add(true, c::FEEDBACK);
        add(f.satisfaction == Satisfaction::Satisfied, c::FEEDBACK_SATISFIED);
        add(f.satisfaction == Satisfaction::BasicallySatisfied, c::FEEDBACK_BASICALLY);
        add(f.satisfaction == Satisfaction::Dissatisfied, c::FEEDBACK_DISSATISFIED);
    }
    out
}

/// The 建议提案 indicators, in the order of the page.
pub fn catalogue() -> Vec<IndicatorDef> {
    use counter as c;
    use Tally::Sum;
    let class = |i: usize, id: &'static str, name: &'static str| {
        IndicatorDef::rate(
            id,
            name,
            Sum(std::slice::from_ref(&c::FINAL_CLASS[i])),
            Sum(&[c::REPLIED]),
            format!("答复类别为{}的件数 ÷ 已办复件数(以最终答复为准)", ReplyClass::ALL[i].zh()),
        )
    };
    vec![
        IndicatorDef::count(
            ASSIGNED,
            "交办件数",
            Sum(&[c::ASSIGNED]),
            "本期交办的人大代表建议和政协委员提案件数(按交办日期)",
        ),
        IndicatorDef::count(
            ASSIGNED_DEPUTY,
            "其中人大代表建议",
            Sum(&[c::ASSIGNED_DEPUTY]),
            "本期交办的人大代表建议件数",
        ),
        IndicatorDef::count(
            ASSIGNED_MEMBER,
            "其中政协委员提案",
            Sum(&[c::ASSIGNED_MEMBER]),
            "本期交办的政协委员提案件数",
        ),
        IndicatorDef::rate(
            REPLY_RATE,
            "办复率",
            Sum(&[c::REPLIED]),
            Sum(&[c::ASSIGNED]),
            "已答复代表、委员的件数 ÷ 交办件数",
        ),
        IndicatorDef::rate(
            ON_TIME_RATE,
            "按期办复率",
            Sum(&[c::REPLIED_ON_TIME]),
            Sum(&[c::ASSIGNED]),
            "在法定期限内(交办之日起3个月,难度较大经同意的6个月)答复的件数 ÷ 交办件数",
        ),
        IndicatorDef::rate(
            MET_RATE,
            "见面率",
            Sum(&[c::MET]),
            Sum(&[c::ASSIGNED]),
            "与代表、委员见面沟通的件数 ÷ 交办件数",
        ),
        IndicatorDef::rate(
            SATISFACTION_RATE,
            "满意率(满意和基本满意)",
            Sum(&[c::FEEDBACK_SATISFIED, c::FEEDBACK_BASICALLY]),
            Sum(&[c::FEEDBACK]),
            "反馈满意和基本满意的件数 ÷ 收回反馈意见的件数(以最后一次反馈为准)",
        ),
        IndicatorDef::rate(
            SATISFIED,
            "满意",
            Sum(&[c::FEEDBACK_SATISFIED]),
            Sum(&[c::FEEDBACK]),
            "反馈满意的件数 ÷ 收回反馈意见的件数",
        ),
        IndicatorDef::rate(
            BASICALLY_SATISFIED,
            "基本满意",
            Sum(&[c::FEEDBACK_BASICALLY]),
            Sum(&[c::FEEDBACK]),
            "反馈基本满意的件数 ÷ 收回反馈意见的件数",
        ),
        IndicatorDef::rate(
            DISSATISFIED,
            "不满意",
            Sum(&[c::FEEDBACK_DISSATISFIED]),
            Sum(&[c::FEEDBACK]),
            "反馈不满意的件数 ÷ 收回反馈意见的件数",
        ),
        class(0, CLASS_A, "A类占比"),
        class(1, CLASS_B, "B类占比"),
        class(2, CLASS_C, "C类占比"),
        class(3, CLASS_D, "D类占比"),
        IndicatorDef::rate(
            PUBLIC_RATE,
            "公开率",
            Sum(&[c::FINAL_PUBLIC]),
            Sum(&[c::REPLIED]),
            "答复全文公开的件数 ÷ 已办复件数(以最终答复为准)",
        ),
        IndicatorDef::count(REHANDLED, "重新办理件数", Sum(&[c::REHANDLED]), "代表、委员对答复不满意、重新办理的件数"),
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::procedure::catalogue::{evaluate, CaseFacts};
    use crate::procedure::indicators::{IndicatorValue, Period, Value};
    use crate::procedure::proposal::{FeedbackRecord, ReplyRecord};
    use chrono::NaiveDate;

    /// The computation the kind had before the catalogue (issue 12), kept
    /// as the reference the facts are checked against.
    fn reference<'a>(proposals: impl Iterator<Item = &'a Data>, period: Period) -> Vec<(String, Value)> {
        let mut n = [0u64; 13];
        let mut class = [0u64; 4];
        for d in proposals.filter(|d| d.assigned_on.is_some_and(|a| period.contains(a))) {
            n[0] += 1;
            match d.source {
                Some(Source::Member) => n[2] += 1,
                _ => n[1] += 1,
            }
            n[5] += u64::from(!d.meetings.is_empty());
            n[12] += u64::from(d.feedback.iter().any(|f| f.satisfaction == Satisfaction::Dissatisfied));
            if let Some(first) = d.replies.first() {
                n[3] += 1;
                n[4] += u64::from(first.on_time());
            }
            if let Some(r) = d.final_reply() {
                class[ReplyClass::ALL.iter().position(|c| *c == r.class).unwrap_or(0)] += 1;
                n[11] += u64::from(r.public);
            }
            if let Some(f) = d.feedback.last() {
                n[6] += 1;
                match f.satisfaction {
                    Satisfaction::Satisfied => n[7] += 1,
                    Satisfaction::BasicallySatisfied => n[8] += 1,
                    Satisfaction::Dissatisfied => n[9] += 1,
                }
            }
        }
        let c = |x| Value::Count { count: x };
        let r = |a, b| Value::Rate { numerator: a, denominator: b };
        [
            (ASSIGNED, c(n[0])),
            (ASSIGNED_DEPUTY, c(n[1])),
            (ASSIGNED_MEMBER, c(n[2])),
            (REPLY_RATE, r(n[3], n[0])),
            (ON_TIME_RATE, r(n[4], n[0])),
            (MET_RATE, r(n[5], n[0])),
            (SATISFACTION_RATE, r(n[7] + n[8], n[6])),
            (SATISFIED, r(n[7], n[6])),
            (BASICALLY_SATISFIED, r(n[8], n[6])),
            (DISSATISFIED, r(n[9], n[6])),
            (CLASS_A, r(class[0], n[3])),
            (CLASS_B, r(class[1], n[3])),
            (CLASS_C, r(class[2], n[3])),
            (CLASS_D, r(class[3], n[3])),
            (PUBLIC_RATE, r(n[11], n[3])),
            (REHANDLED, c(n[12])),
        ]
        .into_iter()
        .map(|(id, v)| (id.to_owned(), v))
        .collect()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_catalogue_over_the_facts_equals_the_old_computation() {
        let sats = Satisfaction::ALL;
        let data: Vec<Data> = (0..120u32)
            .map(|i| {
                let assigned = (!i.is_multiple_of(7)).then(|| d(2024 + (i % 2) as i32, 1 + i % 12, 1 + i % 28));
                let replies = (0..(i % 3))
                    .map(|k| ReplyRecord {
                        on: d(2025, 1 + (i + k) % 12, 10),
                        class: ReplyClass::ALL[((i + k) % 4) as usize],
                        public: (i + k) % 3 == 0,
                        due: (!i.is_multiple_of(5)).then(|| d(2025, 1 + (i + 1) % 12, 1 + i % 20)),
                    })
                    .collect();
                let feedback = (0..(i % 4))
                    .map(|k| FeedbackRecord { on: d(2025, 6, 1), satisfaction: sats[((i + k) % 3) as usize] })
                    .collect();
                Data {
                    source: [None, Some(Source::Deputy), Some(Source::Member)][(i % 3) as usize],
                    assigned_on: assigned,
                    meetings: if i % 4 == 1 { vec![d(2025, 3, 3)] } else { Vec::new() },
                    replies,
                    feedback,
                    ..Data::default()
                }
            })
            .collect();
        let facts: Vec<CaseFacts<usize>> =
            data.iter().enumerate().map(|(case, d)| CaseFacts { case, facts: facts(d) }).collect();
        let mut nonzero = 0;
        for period in [
            Period { from: d(2025, 1, 1), to: d(2025, 12, 31) },
            Period { from: d(2024, 1, 1), to: d(2024, 12, 31) },
            Period { from: d(2025, 4, 1), to: d(2025, 6, 30) },
            Period { from: d(2024, 2, 1), to: d(2024, 2, 29) },
        ] {
            let by_facts: Vec<(String, Value)> =
                evaluate(&catalogue(), &facts, period).into_iter().map(|v: IndicatorValue| (v.id, v.value)).collect();
            assert_eq!(by_facts, reference(data.iter(), period), "{period:?}");
            nonzero += by_facts.iter().filter(|(_, v)| v.count() > 0).count();
        }
        assert!(nonzero > 40, "{nonzero}");
    }
}
