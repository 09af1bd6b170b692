//! The legal clock of 依申请公开 (政府信息公开条例 2019): the correction notice and
//! the reply, both counted from the receipt, the reply restarted by a received
//! correction, paused for consultation and fee payment, extendable once approved.

use crate::clock::arithmetic::Unit;
use crate::clock::{
    ClockDef, Count, Duty, ExtensionPolicy, PauseKind, PauseRule, ProcedureKind, Rule, Start, Step, StepDef,
};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 补正通知 (Art. 30).
pub const CORRECTION_NOTICE: Step = Step::CORRECTION_NOTICE;
/// 答复 (Art. 33).
pub const REPLY: Step = Step::new("reply", "答复");

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const CORRECTION_NOTICE: RuleId = RuleId::new("disclosure.correction_notice");
    pub const REPLY: RuleId = RuleId::new("disclosure.reply");
}

const DEF: ClockDef = ClockDef {
    id: "disclosure",
    zh: "依申请公开",
    received_zh: "收到申请",
    received_code: "received",
    steps: &[
        StepDef {
            step: CORRECTION_NOTICE,
            count: Count::Rule(rule::CORRECTION_NOTICE),
            duty: Duty::Advisory("如需补正,不得晚于此日"),
        },
        // The reply is what the agency owes (Art. 33).
        StepDef { step: REPLY, count: Count::Rule(rule::REPLY), duty: Duty::Mandatory },
    ],
    marks: &[],
    rules,
    correction_notice: Some(rule::CORRECTION_NOTICE),
    validate: |_| Ok(()),
};

const GIO: &str = "《政府信息公开条例》";

fn rules() -> Vec<Rule> {
    let from_receipt = |id, step, label| Rule::new(KIND, id, step, label).from(Start::Received, "收到政府信息公开申请");
    vec![
        // 政府信息公开条例 (2019) Art. 30: one all-in-one correction notice within 7
        // working days of receipt. Art. 31 defines the date of receipt. [C]
        from_receipt(rule::CORRECTION_NOTICE, CORRECTION_NOTICE, "依申请公开补正通知期限").period(
            Unit::WorkingDays,
            7,
            [GIO, "第三十条"].concat(),
        ),
        // Art. 33 ¶2: reply within 20 working days of receipt; extension approved by
        // the head of the disclosure office, at most 20 working days. Art. 33 ¶3:
        // consultation time not counted. Art. 30: the period restarts on receipt of
        // the corrected request. [C]
        // Fee payment (国办函〔2020〕109号): time between notice and payment not counted [U].
        Rule {
            pauses: vec![
                PauseRule { kind: PauseKind::Consultation, article: [GIO, "第三十三条第三款"].concat() },
                PauseRule {
                    kind: PauseKind::FeePayment,
                    article: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）".into(),
                },
            ],
            restart_on_correction: Some([GIO, "第三十条"].concat()),
            extension: Some(ExtensionPolicy {
                cap: 20,
                approver: "政府信息公开工作机构负责人".into(),
                article: [GIO, "第三十三条第二款"].concat(),
            }),
            ..from_receipt(rule::REPLY, REPLY, "依申请公开答复期限").period(
                Unit::WorkingDays,
                20,
                [GIO, "第三十三条第二款"].concat(),
            )
        },
    ]
}
