//! The legal clock of 人大代表建议 and 政协提案: the reply counted from the
//! assignment (交办) in months, 3 or, for a difficult proposal with the
//! assigning body's consent, 6; the deputy's feedback in working days from
//! the reply; the re-handling after an unsatisfied feedback in months.
//!
//! Months are counted as 民法典 Art. 202 counts them
//! ([`Unit::Months`](crate::clock::Unit)): 2025-03-20 + 3 months = 2025-06-20,
//! a last day on a rest day rolls over (LAW.md §0).

use crate::clock::arithmetic::Unit;
use crate::clock::{
    not_before, ClockDef, ClockError, Confidence, Count, Counting, Duty, Engine, Facts, Mark, MarkDef, ProcedureKind,
    Rule, RuleId, Start, Step, StepDef,
};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 答复代表、委员 (代表法 Art. 51 ¶2).
pub const REPLY: Step = Step::new("deputy_reply", "答复代表委员");
/// 代表、委员反馈意见 (Beijing, 15 working days).
pub const FEEDBACK: Step = Step::new("deputy_feedback", "代表委员反馈");
/// 重新办理后再次答复 (Beijing Art. 27, 2 months).
pub const REREPLY: Step = Step::new("rehandled_reply", "重新办理并再次答复");
/// 对再次答复的反馈.
pub const REFEEDBACK: Step = Step::new("second_feedback", "对再次答复的反馈");

/// 交办机关同意按难度较大件办理 (6 months).
pub const DIFFICULT: Mark = Mark::new(&MarkDef { code: "difficult", zh: "同意按难度较大件办理", once: true });
/// 答复代表、委员.
pub const REPLIED: Mark = Mark::new(&MarkDef { code: "replied_to_deputy", zh: "答复代表委员", once: true });
/// 代表、委员对答复不满意.
pub const DISSATISFIED: Mark =
    Mark::new(&MarkDef { code: "deputy_dissatisfied", zh: "代表委员对答复不满意", once: true });
/// 重新办理后再次答复.
pub const REREPLIED: Mark = Mark::new(&MarkDef { code: "replied_again", zh: "再次答复", once: true });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const REPLY: RuleId = RuleId::new("proposal.reply");
    pub const REPLY_DIFFICULT: RuleId = RuleId::new("proposal.reply.difficult");
    pub const FEEDBACK: RuleId = RuleId::new("proposal.feedback");
    pub const REREPLY: RuleId = RuleId::new("proposal.rereply");
    pub const REFEEDBACK: RuleId = RuleId::new("proposal.refeedback");
}

const DEF: ClockDef = ClockDef {
    id: "proposal",
    zh: "建议提案",
    received_zh: "交办",
    received_code: "assigned",
    // The handling unit owes the replies; the feedback is the deputy's.
    steps: &[
        StepDef { step: REPLY, count: Count::Custom(reply), duty: Duty::Mandatory },
        StepDef {
            step: FEEDBACK,
            count: Count::Rule(rule::FEEDBACK),
            duty: Duty::Advisory("代表、委员应于此日前反馈意见"),
        },
        StepDef { step: REREPLY, count: Count::Rule(rule::REREPLY), duty: Duty::Mandatory },
        StepDef {
            step: REFEEDBACK,
            count: Count::Rule(rule::REFEEDBACK),
            duty: Duty::Advisory("代表、委员应于此日前反馈意见"),
        },
    ],
    marks: &[DIFFICULT, REPLIED, DISSATISFIED, REREPLIED],
    rules,
    correction_notice: None,
    validate,
};

/// The reply rule in force: 6 months once the assigning body consented, else 3.
pub fn reply_rule(f: &Facts) -> RuleId {
    if f.has(DIFFICULT) {
        rule::REPLY_DIFFICULT
    } else {
        rule::REPLY
    }
}

fn reply(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    e.count_rule(f, reply_rule(f), explain)
}

/// Each event needs the one before it: a feedback needs a reply, a second
/// reply an unsatisfied feedback; the consent to 6 months comes before the
/// reply.
fn validate(f: &Facts) -> Result<(), ClockError> {
    let chain = [(REPLIED, DISSATISFIED), (DISSATISFIED, REREPLIED)];
    for (before, after) in chain {
        match (f.date(before), f.date(after)) {
            (None, Some(d)) => {
                return Err(ClockError::input(format!(
                    "录入了「{}」（{d}），却没有「{}」的日期",
                    after.zh(),
                    before.zh()
                )))
            }
            (Some(b), a) => not_before(a, b, after.zh(), before.zh())?,
            (None, None) => {}
        }
    }
    if let (Some(consent), Some(replied)) = (f.date(DIFFICULT), f.date(REPLIED)) {
        not_before(Some(replied), consent, REPLIED.zh(), DIFFICULT.zh())?;
    }
    Ok(())
}

const LAW: &str = "《全国人民代表大会和地方各级人民代表大会代表法》";
const BEIJING: &str = "《北京市人民代表大会代表建议、批评和意见办理条例》";

fn rules() -> Vec<Rule> {
    let assigned = |id: RuleId, label| Rule::new(KIND, id, REPLY, label).from(Start::Received, "交办建议、提案");
    vec![
        // 代表法 (2025 rev.) Art. 51 ¶2 (2015 text: the same rule): reply within 3
        // months of the assignment. 政协提案: 全国政协提案工作条例 and local rules,
        // commonly the same 3 months [P]; an override sets another length. [C]
        assigned(rule::REPLY, "建议提案答复期限").period(Unit::Months, 3, [LAW, "第五十一条第二款"].concat()),
        // Art. 51 ¶2: wide-ranging or difficult proposals within 6 months; Beijing
        // (2014) Arts. 21-23: only with the assigning body's consent. [C]
        assigned(rule::REPLY_DIFFICULT, "建议提案答复期限（难度较大，经交办机关同意）").period(
            Unit::Months,
            6,
            [LAW, "第五十一条第二款、", BEIJING, "第二十一条至第二十三条"].concat(),
        ),
        // Beijing Arts. 21-23: the deputy gives written feedback within 15 working
        // days of the reply. A Beijing rule; other places set their own (override). [C] for Beijing
        Rule {
            confidence: Confidence::P,
            ..Rule::new(KIND, rule::FEEDBACK, FEEDBACK, "代表委员反馈意见期限")
                .from(Start::Mark(REPLIED), "答复代表委员")
                .period(Unit::WorkingDays, 15, [BEIJING, "第二十一条至第二十三条"].concat())
        },
        // Beijing Art. 27: handling found perfunctory (the deputy unsatisfied) is
        // redone and answered again within 2 months. [C] for Beijing
        Rule {
            confidence: Confidence::P,
            ..Rule::new(KIND, rule::REREPLY, REREPLY, "重新办理答复期限")
                .from(Start::Mark(DISSATISFIED), "代表委员对答复表示不满意")
                .period(Unit::Months, 2, [BEIJING, "第二十七条"].concat())
        },
        // The feedback on the second reply, as on the first.
        Rule {
            confidence: Confidence::P,
            ..Rule::new(KIND, rule::REFEEDBACK, REFEEDBACK, "代表委员对再次答复的反馈期限")
                .from(Start::Mark(REREPLIED), "再次答复代表委员")
                .period(Unit::WorkingDays, 15, [BEIJING, "第二十一条至第二十三条、第二十七条"].concat())
        },
    ]
}
