//! The clock of the annual reports: a publication deadline on a fixed day of
//! the year after the report year, not a period from a request.
//!
//! The clock starts at the end of the report year (the case's receipt is
//! dated 31 December of the year reported on), and each deadline is a number
//! of months from it, so that the dates are the ones the instruments name and
//! a local rule overrides the length like any other rule (`[[rule]] id =
//! "rule_of_law_report.submit"`, `length = 1` for "before 1 February"):
//!
//! | report | who | deadline | months | source |
//! |---|---|---|---|---|
//! | 法治政府建设 | every reporting unit | publication "每年4月1日之前": 31 March | 3 | 督察工作规定 Art. 24 (LAW.md §1.1) [P] |
//! | 法治政府建设 | a department | upward report, "3月1日前" (四川 2023): end of February | 2 | provincial guide (LAW.md §1.2) [U] |
//! | 政府信息公开 | a department | submission and publication by 31 January | 1 | 条例 Art. 49 [C] |
//! | 政府信息公开 | a government | publication by 31 March | 3 | 条例 Art. 49 [C] |
//!
//! The last day is a date the instrument fixes, not the end of a period, so
//! it does not roll over a rest day (LAW.md §1.1: "4月1日之前" → 31 March).
//! Which rules apply depends on whether the reporting unit is a department,
//! recorded when the report is opened as the mark [`DEPARTMENT`].

use chrono::{Datelike, Months};

use crate::clock::arithmetic::Unit;
use crate::clock::explain::date_with_weekday;
use crate::clock::{
    ClockDef, ClockError, Confidence, Count, Counting, Duty, Engine, Explanation, Facts, Mark, MarkDef, ProcedureKind,
    Rule, RuleId, Start, Step, StepDef,
};

/// The clock of the 法治政府建设年度报告.
pub const RULE_OF_LAW: ProcedureKind = ProcedureKind::new(&RULE_OF_LAW_DEF);
/// The clock of the 政府信息公开工作年度报告.
pub const GOI: ProcedureKind = ProcedureKind::new(&GOI_DEF);

/// 报送上级 (a department's report to its government and the higher department).
pub const SUBMIT: Step = Step::new("report_submit", "报送上级");
/// 向社会公开.
pub const PUBLISH: Step = Step::new("report_publish", "向社会公开");

/// The reporting unit is a department (部门), not a government.
pub const DEPARTMENT: Mark = Mark::new(&MarkDef { code: "department_report", zh: "部门年度报告", once: true });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const PUBLISH: RuleId = RuleId::new("rule_of_law_report.publish");
    pub const SUBMIT: RuleId = RuleId::new("rule_of_law_report.submit");
    pub const GOI_DEPARTMENT: RuleId = RuleId::new("goi_report.publish.department");
    pub const GOI_GOVERNMENT: RuleId = RuleId::new("goi_report.publish.government");
}

/// What the start of a report's clock is called.
const YEAR_END: &str = "报告年度结束";

const RULE_OF_LAW_DEF: ClockDef = ClockDef {
    id: "rule_of_law_report",
    zh: "法治政府建设年度报告",
    received_zh: YEAR_END,
    received_code: "received",
    steps: &[
        StepDef { step: SUBMIT, count: Count::Custom(submit), duty: Duty::Mandatory },
        StepDef { step: PUBLISH, count: Count::Custom(publish), duty: Duty::Mandatory },
    ],
    marks: &[DEPARTMENT],
    rules: rule_of_law_rules,
    correction_notice: None,
    validate: |_| Ok(()),
};

const GOI_DEF: ClockDef = ClockDef {
    id: "goi_report",
    zh: "政府信息公开工作年度报告",
    received_zh: YEAR_END,
    received_code: "received",
    steps: &[StepDef { step: PUBLISH, count: Count::Custom(goi_publish), duty: Duty::Mandatory }],
    marks: &[DEPARTMENT],
    rules: goi_rules,
    correction_notice: None,
    validate: |_| Ok(()),
};

const DUCHA: &str = "《法治政府建设与责任落实督察工作规定》";
const GIO: &str = "《政府信息公开条例》";

fn year_end_rule(kind: ProcedureKind, id: RuleId, step: Step, label: &str, months: u32, article: String) -> Rule {
    Rule::new(kind, id, step, label).from(Start::Received, YEAR_END).period(Unit::Months, months, article)
}

fn rule_of_law_rules() -> Vec<Rule> {
    vec![
        // 督察工作规定 Art. 24: published "每年4月1日之前" (LAW.md §1.1 [P; article C]).
        Rule {
            confidence: Confidence::P,
            ..year_end_rule(
                RULE_OF_LAW,
                rule::PUBLISH,
                PUBLISH,
                "法治政府建设年度报告公开期限",
                3,
                [DUCHA, "第二十四条"].concat(),
            )
        },
        // A department's upward report: "3月1日前" in the 四川 guide (LAW.md §1.2);
        // provinces set their own, so this is a local setting [U].
        Rule {
            confidence: Confidence::U,
            ..year_end_rule(
                RULE_OF_LAW,
                rule::SUBMIT,
                SUBMIT,
                "部门法治政府建设年度报告报送期限",
                2,
                "省级法治政府建设年度报告工作指引（如四川省2023年指引：县级以上政府部门3月1日前报送），\
                 参照《法治政府建设与责任落实督察工作规定》第二十四条"
                    .to_owned(),
            )
        },
    ]
}

fn goi_rules() -> Vec<Rule> {
    vec![
        year_end_rule(
            GOI,
            rule::GOI_DEPARTMENT,
            PUBLISH,
            "部门政府信息公开工作年度报告公布期限",
            1,
            [GIO, "第四十九条"].concat(),
        ),
        year_end_rule(
            GOI,
            rule::GOI_GOVERNMENT,
            PUBLISH,
            "本级政府政府信息公开工作年度报告公布期限",
            3,
            [GIO, "第四十九条"].concat(),
        ),
    ]
}

fn submit(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    if f.has(DEPARTMENT) {
        fixed_day(e, f, rule::SUBMIT, explain)
    } else {
        Ok(Counting::NotApplicable)
    }
}

fn publish(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    fixed_day(e, f, rule::PUBLISH, explain)
}

fn goi_publish(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    let id = if f.has(DEPARTMENT) { rule::GOI_DEPARTMENT } else { rule::GOI_GOVERNMENT };
    fixed_day(e, f, id, explain)
}

/// The last day `rule.length` months after the year's end (31 December),
/// the month's last day when it is shorter (31 December + 2 months = the end
/// of February); no roll-over.
fn fixed_day(e: &Engine<'_>, f: &Facts, id: RuleId, explain: bool) -> Result<Counting, ClockError> {
    let rule = e.rules().rule(id)?;
    let from = f.received;
    let due = from.checked_add_months(Months::new(rule.length)).ok_or_else(|| {
        ClockError::input(format!("{}：{from}之后{}个月超出可计算的日期范围", rule.label, rule.length))
    })?;
    let explanation = explain.then(|| Explanation {
        rule: format!(
            "{}：{}年度结束后{}个月内，最迟为次年{}月{}日（{}）",
            rule.label,
            from.year(),
            rule.length,
            due.month(),
            due.day(),
            rule.article
        ),
        start: format!("{from}{YEAR_END}"),
        notes: vec!["期限为规定的日期，不因节假日顺延".to_owned()],
        due: format!("期限届满日为{}", date_with_weekday(due)),
    });
    Ok(Counting::Due { due, due_time: None, rule: id, provisional: false, explanation })
}
