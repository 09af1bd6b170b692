//! The legal clock of 信访 (信访工作条例 2022): the 信访部门's transfer or
//! assignment (Art. 22) or the receiving body's notice (Art. 23 ¶2) within 15
//! days of receipt; the competent body's notice within 15 days of receiving a
//! transferred item, or its objection within 5 working days (Art. 23 ¶3); a
//! 申诉求决类 matter accepted into the 信访 route concluded within 60 days,
//! extendable by at most 30 (Art. 34); 复查 and 复核 answered within 30 days of
//! the request (Arts. 35–36), hearing time excluded from the 复核's.
//!
//! LAW.md §0: the 15, 60 and 30 days are calendar days (民事诉讼法 Art. 85
//! counting); only the objection is in 工作日.

use crate::clock::arithmetic::Unit;
use crate::clock::{
    ClockDef, ClockError, Count, Counting, Duty, Engine, ExtensionPolicy, Facts, Mark, MarkDef, PauseKind, PauseRule,
    ProcedureKind, Rule, Start, Step, StepDef,
};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 转送、交办 (Art. 22) or, received directly, the written notice (Art. 23 ¶2).
pub const TRANSFER: Step = Step::new("transfer", "转送交办或告知");
/// The competent body's notice on a transferred item (Art. 23 ¶3).
pub const ACCEPTANCE_NOTICE: Step = Step::new("acceptance_notice", "告知受理情况");
/// The competent body's objection to a transferred item (Art. 23 ¶3).
pub const OBJECTION: Step = Step::new("objection", "提出异议");
/// 办结 of a 申诉求决类 matter (Art. 34).
pub const HANDLING: Step = Step::new("handling", "办结");
/// 复查意见 (Art. 35).
pub const REVIEW_OPINION: Step = Step::new("review_opinion", "复查意见");
/// 复核意见 (Art. 36).
pub const RECHECK_OPINION: Step = Step::new("recheck_opinion", "复核意见");

/// 转送、交办 to the competent body (the date it received the item; the latest
/// one counts after an objection).
pub const TRANSFERRED: Mark = Mark::new(&MarkDef { code: "transferred", zh: "转送、交办", once: false });
/// The petitioner was told that the body took the matter up and how it will be
/// handled (受理 and its route, a diversion, or a refusal).
pub const NOTIFIED: Mark = Mark::new(&MarkDef { code: "notified", zh: "告知信访人", once: true });
/// A 申诉求决类 matter accepted into the 信访 route (Art. 31 (五)). The code is
/// the one 行政复议 uses for its 受理: marks compare by code.
pub const ACCEPTED: Mark = Mark::new(&MarkDef { code: "accepted", zh: "受理", once: true });
/// A 复查 request received (Art. 35).
pub const REVIEW: Mark = Mark::new(&MarkDef { code: "review_requested", zh: "收到复查请求", once: true });
/// A 复核 request received (Art. 36).
pub const RECHECK: Mark = Mark::new(&MarkDef { code: "recheck_requested", zh: "收到复核请求", once: true });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const TRANSFER: RuleId = RuleId::new("petition.transfer");
    pub const ACCEPTANCE_NOTICE: RuleId = RuleId::new("petition.acceptance_notice");
    pub const OBJECTION: RuleId = RuleId::new("petition.objection");
    pub const HANDLING: RuleId = RuleId::new("petition.handling");
    pub const REVIEW_OPINION: RuleId = RuleId::new("petition.review_opinion");
    pub const RECHECK_OPINION: RuleId = RuleId::new("petition.recheck_opinion");
}

const DEF: ClockDef = ClockDef {
    id: "petition",
    zh: "信访",
    received_zh: "收到信访事项",
    received_code: "received",
    steps: &[
        StepDef { step: TRANSFER, count: Count::Custom(transfer), duty: Duty::Mandatory },
        StepDef { step: ACCEPTANCE_NOTICE, count: Count::Rule(rule::ACCEPTANCE_NOTICE), duty: Duty::Mandatory },
        StepDef {
            step: OBJECTION,
            count: Count::Custom(objection),
            duty: Duty::Advisory("如不属于本机关、单位职权范围,应于此日前提出异议"),
        },
        StepDef { step: HANDLING, count: Count::Rule(rule::HANDLING), duty: Duty::Mandatory },
        StepDef { step: REVIEW_OPINION, count: Count::Rule(rule::REVIEW_OPINION), duty: Duty::Mandatory },
        StepDef { step: RECHECK_OPINION, count: Count::Rule(rule::RECHECK_OPINION), duty: Duty::Mandatory },
    ],
    marks: &[TRANSFERRED, NOTIFIED, ACCEPTED, REVIEW, RECHECK],
    rules,
    correction_notice: None,
    validate,
};

/// A 复查 or 复核 case: its clock is the 30 days of Arts. 35–36 only.
fn is_review(f: &Facts) -> bool {
    f.has(REVIEW) || f.has(RECHECK)
}

/// Arts. 22–23: from the receipt, unless the case is a 复查 or 复核.
fn transfer(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    if is_review(f) {
        return Ok(Counting::NotApplicable);
    }
    e.count_rule(f, rule::TRANSFER, explain)
}

/// Art. 23 ¶3: from the latest transfer, until the body tells the petitioner it
/// takes the matter up (then there is nothing to object to).
fn objection(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    if f.has(NOTIFIED) {
        return Ok(Counting::NotApplicable);
    }
    e.count_rule(f, rule::OBJECTION, explain)
}

fn validate(f: &Facts) -> Result<(), ClockError> {
    if f.has(REVIEW) && f.has(RECHECK) {
        return Err(ClockError::input("同一案件不能既是复查又是复核"));
    }
    if is_review(f) && (f.has(TRANSFERRED) || f.has(NOTIFIED) || f.has(ACCEPTED)) {
        return Err(ClockError::input("复查、复核案件由收到请求的机关直接办理,没有转送交办和受理告知"));
    }
    if let (Some(t), Some(n)) = (f.date(TRANSFERRED), f.date(NOTIFIED)) {
        if t > n {
            return Err(ClockError::input(format!("转送交办日期{t}晚于告知信访人的日期{n},请核对")));
        }
    }
    if f.has(ACCEPTED) && !f.has(NOTIFIED) {
        return Err(ClockError::input("录入了受理日期,却没有告知信访人的日期"));
    }
    Ok(())
}

const REG: &str = "《信访工作条例》";

fn rules() -> Vec<Rule> {
    let reg = |article: &str| [REG, article].concat();
    let from = |id, step, label, start, start_label| Rule::new(KIND, id, step, label).from(start, start_label);
    vec![
        // Art. 22: the 信访部门 registers and, within 15 days, transfers or assigns;
        // Art. 23 ¶2: another body receiving a petition directly tells the petitioner
        // in writing within 15 days of receipt. Calendar days (LAW.md §0). [C]
        from(rule::TRANSFER, TRANSFER, "信访事项转送交办(或书面告知)期限", Start::Received, "收到信访事项").period(
            Unit::CalendarDays,
            15,
            reg("第二十二条、第二十三条第二款"),
        ),
        // Art. 23 ¶3: on a transferred or assigned item, the competent body tells the
        // petitioner within 15 days of receiving it. [C]
        from(
            rule::ACCEPTANCE_NOTICE,
            ACCEPTANCE_NOTICE,
            "转送交办事项告知期限",
            Start::Mark(TRANSFERRED),
            "收到转送、交办的信访事项",
        )
        .period(Unit::CalendarDays, 15, reg("第二十三条第三款")),
        // Art. 23 ¶3: not competent → objection with reasons within 5 working days. [C]
        from(rule::OBJECTION, OBJECTION, "转送交办事项异议期限", Start::Mark(TRANSFERRED), "收到转送、交办的信访事项")
            .period(Unit::WorkingDays, 5, reg("第二十三条第三款")),
        // Art. 34: a matter of Art. 31 (五) is concluded within 60 days of acceptance;
        // complex ones: the head of the body may extend by at most 30 days, telling the
        // petitioner why. [C]
        Rule {
            extension: Some(ExtensionPolicy {
                cap: 30,
                approver: "本机关、单位负责人".into(),
                article: reg("第三十四条"),
            }),
            ..from(rule::HANDLING, HANDLING, "信访事项办理期限", Start::Mark(ACCEPTED), "受理申诉求决类信访事项")
                .period(Unit::CalendarDays, 60, reg("第三十四条"))
        },
        // Art. 35: the 复查 body answers within 30 days of receiving the request. [C]
        from(rule::REVIEW_OPINION, REVIEW_OPINION, "复查意见期限", Start::Mark(REVIEW), "收到复查请求").period(
            Unit::CalendarDays,
            30,
            reg("第三十五条"),
        ),
        // Art. 36 ¶1–2: the 复核 body answers within 30 days; the time a hearing takes
        // is not counted (here: from its notice to the day it is held). [C]
        Rule {
            pauses: vec![PauseRule { kind: PauseKind::Hearing, article: reg("第三十六条第二款") }],
            ..from(rule::RECHECK_OPINION, RECHECK_OPINION, "复核意见期限", Start::Mark(RECHECK), "收到复核请求").period(
                Unit::CalendarDays,
                30,
                reg("第三十六条第一款"),
            )
        },
    ]
}
