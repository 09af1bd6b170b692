//! The legal clock of 行政应诉 (行政诉讼法 2017): the defence, the appeal periods
//! against the latest judgment or ruling served, and the answer to the other
//! party's appeal, all in calendar days counted per 民事诉讼法 (Art. 101).

use crate::clock::arithmetic::Unit;
use crate::clock::{ClockDef, Confidence, Count, Duty, Mark, MarkDef, ProcedureKind, Rule, Start, Step, StepDef};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 提交答辩状 (Art. 67).
pub const DEFENCE: Step = Step::new("defence", "提交答辩状");
/// 上诉 (Art. 85).
pub const APPEAL: Step = Step::new("appeal", "上诉");
/// 二审答辩.
pub const APPEAL_ANSWER: Step = Step::new("appeal_answer", "二审答辩");

/// 收到一审判决书: the latest one counts (after a remand, 发回重审).
pub const JUDGMENT_SERVED: Mark =
    Mark::new(&MarkDef { code: "judgment_served", zh: "收到一审判决书", once: false });
/// 收到一审裁定书.
pub const RULING_SERVED: Mark = Mark::new(&MarkDef { code: "ruling_served", zh: "收到一审裁定书", once: false });
/// 收到上诉状副本 (the other party appealed).
pub const APPEAL_SERVED: Mark = Mark::new(&MarkDef { code: "appeal_served", zh: "收到上诉状副本", once: false });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const DEFENCE: RuleId = RuleId::new("litigation.defence");
    pub const APPEAL_JUDGMENT: RuleId = RuleId::new("litigation.appeal.judgment");
    pub const APPEAL_RULING: RuleId = RuleId::new("litigation.appeal.ruling");
    pub const APPEAL_ANSWER: RuleId = RuleId::new("litigation.appeal_answer");
}

const DEF: ClockDef = ClockDef {
    id: "litigation",
    zh: "行政应诉",
    received_zh: "收到起诉状副本",
    received_code: "received",
    // The defence (Art. 67) and the answer to the other party's appeal; the appeal
    // itself is the agency's choice.
    steps: &[
        StepDef { step: DEFENCE, count: Count::Rule(rule::DEFENCE), duty: Duty::Mandatory },
        StepDef {
            step: APPEAL,
            count: Count::Latest(&[rule::APPEAL_JUDGMENT, rule::APPEAL_RULING]),
            duty: Duty::Advisory("如需上诉,不得晚于此日"),
        },
        StepDef { step: APPEAL_ANSWER, count: Count::Rule(rule::APPEAL_ANSWER), duty: Duty::Mandatory },
    ],
    marks: &[JUDGMENT_SERVED, RULING_SERVED, APPEAL_SERVED],
    rules,
    correction_notice: None,
    validate: |_| Ok(()),
};

const ALL_: &str = "《行政诉讼法》";

fn rules() -> Vec<Rule> {
    let art85 = || [ALL_, "第八十五条"].concat();
    vec![
        // 行政诉讼法 (2017) Art. 67 ¶1: the defendant files its defence and evidence
        // within 15 days of receiving the complaint copy; calendar days counted per
        // 民事诉讼法 Art. 85 (行政诉讼法 Art. 101). [C]
        Rule::new(KIND, rule::DEFENCE, DEFENCE, "行政应诉答辩期限").from(Start::Received, "收到起诉状副本").period(
            Unit::CalendarDays,
            15,
            [ALL_, "第六十七条第一款"].concat(),
        ),
        // Art. 85: appeal within 15 days of service of a first-instance judgment;
        // calendar days per 民事诉讼法 Art. 85 (行政诉讼法 Art. 101). [C]
        // Advisory: whether to appeal is the agency's choice.
        Rule::new(KIND, rule::APPEAL_JUDGMENT, APPEAL, "不服一审判决的上诉期限")
            .from(Start::Mark(JUDGMENT_SERVED), "收到一审判决书")
            .period(Unit::CalendarDays, 15, art85()),
        // Art. 85: 10 days for a ruling (裁定). [C]
        Rule::new(KIND, rule::APPEAL_RULING, APPEAL, "不服一审裁定的上诉期限")
            .from(Start::Mark(RULING_SERVED), "收到一审裁定书")
            .period(Unit::CalendarDays, 10, art85()),
        // The appellee answers within 15 days of receiving the appeal petition:
        // 民事诉讼法 (2023) Art. 174 ¶1, applied through 行政诉讼法 Art. 101. [P]
        Rule {
            confidence: Confidence::P,
            ..Rule::new(KIND, rule::APPEAL_ANSWER, APPEAL_ANSWER, "二审答辩期限")
                .from(Start::Mark(APPEAL_SERVED), "收到上诉状副本")
                .period(Unit::CalendarDays, 15, "《民事诉讼法》第一百七十四条、《行政诉讼法》第一百零一条")
        },
    ]
}
