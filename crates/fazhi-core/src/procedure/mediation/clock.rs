//! The clock of 调解. No national law sets a period for mediating a dispute:
//! the handling period is a setting (\[U\], 30 days as most local rules and
//! the Ministry of Justice's 2002 rules have it), overridable from the rules
//! TOML. The one statutory period is the parties' own: 司法确认 may be applied
//! for within 30 days of the agreement taking effect (人民调解法 Art. 33),
//! shown, not chased.

use crate::clock::arithmetic::Unit;
use crate::clock::{
    ClockDef, Confidence, Count, Duty, ExtensionPolicy, Mark, MarkDef, ProcedureKind, Rule, Start, Step, StepDef,
};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 调解结案: agreement, failure, refusal or withdrawal.
pub const HANDLING: Step = Step::new("mediation", "调解结案");
/// 申请司法确认 (人民调解法 Art. 33).
pub const CONFIRMATION: Step = Step::new("judicial_confirmation", "申请司法确认");

/// 调解协议生效: written agreements when signed (Art. 29), oral ones when
/// reached (Art. 30); the step's date is that day.
pub const AGREED: Mark = Mark::new(&MarkDef { code: "agreed", zh: "调解协议生效", once: true });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const HANDLING: RuleId = RuleId::new("mediation.handling");
    pub const CONFIRMATION: RuleId = RuleId::new("mediation.judicial_confirmation");
}

const DEF: ClockDef = ClockDef {
    id: "mediation",
    zh: "调解",
    received_zh: "收到调解申请或移交",
    received_code: "received",
    steps: &[
        StepDef { step: HANDLING, count: Count::Rule(rule::HANDLING), duty: Duty::Mandatory },
        // 司法确认 is the parties' choice and their joint application.
        StepDef {
            step: CONFIRMATION,
            count: Count::Rule(rule::CONFIRMATION),
            duty: Duty::Advisory("双方当事人可于此日前共同申请司法确认"),
        },
    ],
    marks: &[AGREED],
    rules,
    correction_notice: None,
    validate: |_| Ok(()),
};

fn rules() -> Vec<Rule> {
    vec![
        // No national period. 《人民调解工作若干规定》(司法部令第75号, 2002) Art. 37:
        // "一般在一个月内调结" [U: article not checked here]; provincial
        // 人民调解条例 commonly say 30 days from receipt or acceptance, extendable
        // with both parties' consent [U]. A setting: override `length`, `unit`,
        // `extension_cap` in the rules TOML.
        Rule {
            confidence: Confidence::U,
            extension: Some(ExtensionPolicy {
                cap: 30,
                approver: "人民调解委员会(经双方当事人同意)".into(),
                article: "地方人民调解条例(经双方当事人同意可以延长),《人民调解工作若干规定》第三十七条".into(),
            }),
            ..Rule::new(KIND, rule::HANDLING, HANDLING, "调解期限").from(Start::Received, "收到调解申请或移交").period(
                Unit::CalendarDays,
                30,
                "《人民调解工作若干规定》第三十七条及地方人民调解条例(本地设置)",
            )
        },
        // 人民调解法 (2010) Art. 33 ¶1: the parties may jointly apply to the court
        // within 30 days of the agreement taking effect; 民事诉讼法 (2023) Art. 205
        // says the same [U: article number]. Calendar days.
        Rule::new(KIND, rule::CONFIRMATION, CONFIRMATION, "申请司法确认期限")
            .from(Start::Mark(AGREED), "调解协议生效")
            .period(Unit::CalendarDays, 30, "《人民调解法》第三十三条第一款"),
    ]
}
