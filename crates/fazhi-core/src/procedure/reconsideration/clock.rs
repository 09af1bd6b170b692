//! The legal clock of 行政复议 (行政复议法 2023): acceptance review, correction
//! notice, the copy to the respondent, the respondent's answer and the decision,
//! the last three in an ordinary and a simplified variant (Arts. 53-55), counted
//! from the acceptance as recorded or deemed (Art. 30 ¶3).

use crate::clock::arithmetic::{self, Unit};
use crate::clock::{
    not_before, ClockDef, ClockError, Count, Counting, Duty, Engine, ExtensionPolicy, Facts, Mark, MarkDef, PauseKind,
    PauseRule, ProcedureKind, Rule, RuleId, Start, StartAt, Step, StepDef,
};

/// The procedure's clock.
pub const KIND: ProcedureKind = ProcedureKind::new(&DEF);

/// 受理审查 (Art. 30).
pub const ACCEPTANCE: Step = Step::new("acceptance", "受理审查");
/// 补正通知 (Art. 31).
pub const CORRECTION_NOTICE: Step = Step::CORRECTION_NOTICE;
/// 发送申请书副本 (Arts. 48, 54).
pub const COPY_TO_RESPONDENT: Step = Step::new("copy_to_respondent", "发送申请书副本");
/// 被申请人答复 (Arts. 48, 54).
pub const RESPONDENT_ANSWER: Step = Step::new("respondent_answer", "被申请人答复");
/// 复议决定 (Art. 62).
pub const DECISION: Step = Step::new("decision", "复议决定");

/// 受理.
pub const ACCEPTED: Mark = Mark::new(&MarkDef { code: "accepted", zh: "受理", once: true });
/// 适用简易程序 (Art. 53).
pub const SIMPLIFIED: Mark = Mark::new(&MarkDef { code: "simplified_procedure", zh: "适用简易程序", once: true });
/// 转为普通程序 (Art. 55).
pub const SWITCHED_TO_ORDINARY: Mark =
    Mark::new(&MarkDef { code: "switched_to_ordinary", zh: "转为普通程序", once: true });
/// 被申请人收到申请书副本 (Art. 48).
pub const COPY_SERVED: Mark =
    Mark::new(&MarkDef { code: "copy_served", zh: "被申请人收到申请书副本", once: true });

/// The rule ids.
pub mod rule {
    use crate::clock::RuleId;
    pub const ACCEPTANCE: RuleId = RuleId::new("reconsideration.acceptance");
    pub const CORRECTION_NOTICE: RuleId = RuleId::new("reconsideration.correction_notice");
    pub const COPY_TO_RESPONDENT: RuleId = RuleId::new("reconsideration.copy_to_respondent");
    pub const COPY_TO_RESPONDENT_SIMPLIFIED: RuleId = RuleId::new("reconsideration.copy_to_respondent.simplified");
    pub const RESPONDENT_ANSWER: RuleId = RuleId::new("reconsideration.respondent_answer");
    pub const RESPONDENT_ANSWER_SIMPLIFIED: RuleId = RuleId::new("reconsideration.respondent_answer.simplified");
    pub const DECISION: RuleId = RuleId::new("reconsideration.decision");
    pub const DECISION_SIMPLIFIED: RuleId = RuleId::new("reconsideration.decision.simplified");
}

const DEF: ClockDef = ClockDef {
    id: "reconsideration",
    zh: "行政复议",
    received_zh: "收到申请",
    received_code: "received",
    // The 复议机构's own duties: acceptance (Art. 30), the copy to the respondent
    // (Arts. 48, 54) and the decision (Art. 62). The respondent's answer is the
    // respondent's duty; the correction notice only if needed.
    steps: &[
        StepDef { step: ACCEPTANCE, count: Count::Rule(rule::ACCEPTANCE), duty: Duty::Mandatory },
        StepDef {
            step: CORRECTION_NOTICE,
            count: Count::Rule(rule::CORRECTION_NOTICE),
            duty: Duty::Advisory("如需补正,不得晚于此日"),
        },
        StepDef { step: COPY_TO_RESPONDENT, count: Count::Custom(copy_to_respondent), duty: Duty::Mandatory },
        StepDef {
            step: RESPONDENT_ANSWER,
            count: Count::Custom(respondent_answer),
            duty: Duty::Advisory("被申请人应于此日前提交"),
        },
        StepDef { step: DECISION, count: Count::Custom(decision), duty: Duty::Mandatory },
    ],
    marks: &[ACCEPTED, SIMPLIFIED, SWITCHED_TO_ORDINARY, COPY_SERVED],
    rules,
    correction_notice: Some(rule::CORRECTION_NOTICE),
    validate,
};

/// Whether the simplified procedure applies (Art. 53) and was not switched to the
/// ordinary one (Art. 55).
pub fn simplified(f: &Facts) -> bool {
    f.has(SIMPLIFIED) && !f.has(SWITCHED_TO_ORDINARY)
}

fn validate(f: &Facts) -> Result<(), ClockError> {
    let accepted = f.date(ACCEPTED);
    if let Some(c) = f.correction_received {
        not_before(accepted, c, "受理", "收到补正材料")?;
    }
    if let (Some(_), None) = (f.correction_requested, f.correction_received) {
        if let Some(a) = accepted {
            return Err(ClockError::input(format!("已发出补正通知但尚未收到补正材料，不能在{a}受理")));
        }
    }
    let copy_served = f.date(COPY_SERVED);
    if copy_served.is_some() && accepted.is_none() {
        return Err(ClockError::input("录入了被申请人收到申请书副本的日期，却没有受理日期"));
    }
    if let Some(a) = accepted {
        not_before(copy_served, a, "被申请人收到申请书副本", "受理")?;
    }
    if f.has(SWITCHED_TO_ORDINARY) && !f.has(SIMPLIFIED) {
        return Err(ClockError::input("只有适用简易程序的案件才能转为普通程序"));
    }
    Ok(())
}

/// Arts. 48, 54: the 复议机构 sends the copy of the application within 7
/// (ordinary) or 3 (simplified) working days of the acceptance, recorded or
/// deemed (Art. 30 ¶3).
fn copy_to_respondent(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    let id = if simplified(f) { rule::COPY_TO_RESPONDENT_SIMPLIFIED } else { rule::COPY_TO_RESPONDENT };
    from_acceptance(e, f, id, explain)
}

/// Art. 62: the decision, 60 days (ordinary) or 30 (simplified) from the acceptance.
fn decision(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    let id = if simplified(f) { rule::DECISION_SIMPLIFIED } else { rule::DECISION };
    from_acceptance(e, f, id, explain)
}

/// Counts rule `id` from the acceptance, recorded or deemed; pending while the
/// application is not accepted.
fn from_acceptance(e: &Engine<'_>, f: &Facts, id: RuleId, explain: bool) -> Result<Counting, ClockError> {
    let rule = e.rules().rule(id)?;
    let accepted = match acceptance(e, f)? {
        Ok(a) => a,
        Err(reason) => return Ok(Counting::Pending { rule: id, reason }),
    };
    let text = if explain { acceptance_text(f, &accepted) } else { String::new() };
    e.run(f, rule, accepted, explain, || text)
}

/// The acceptance date the review periods run from: the recorded acceptance, or
/// the end of the acceptance review period when nothing was recorded by then
/// (Art. 30 ¶3: no refusal within the period → deemed accepted on its expiry). A
/// recorded acceptance later than that expiry does not move the start: the case
/// was already deemed accepted.
fn acceptance(e: &Engine<'_>, f: &Facts) -> Result<Result<StartAt, String>, ClockError> {
    let review = e.restartable(f, rule::ACCEPTANCE, false)?;
    Ok(match (f.date(ACCEPTED), review) {
        // Recorded after the review period ended: it counts from the deemed acceptance.
        (Some(a), Counting::Due { due, .. }) if due < a => Ok(StartAt { date: due, provisional: false }),
        (Some(a), _) => Ok(StartAt { date: a, provisional: false }),
        // A deemed acceptance is always an estimate.
        (None, Counting::Due { due, .. }) => Ok(StartAt { date: due, provisional: true }),
        (None, Counting::Pending { reason, .. }) => Err(format!("尚未受理：{reason}")),
        (None, Counting::NotApplicable) => Err("尚未受理".into()),
    })
}

fn acceptance_text(f: &Facts, start: &StartAt) -> String {
    let accepted = f.date(ACCEPTED);
    if let Some(a) = accepted.filter(|a| *a > start.date) {
        format!(
            "{a}受理行政复议申请，晚于受理审查期限届满日{}：依《行政复议法》第三十条第三款，\
             审查期限届满未作出不予受理决定的视为受理，期限自{}起算，当日不计入",
            start.date, start.date
        )
    } else if accepted.is_some() {
        format!("{}受理行政复议申请，当日不计入", start.date)
    } else {
        format!(
            "未录入受理日期：依《行政复议法》第三十条，受理审查期限届满未作出不予受理决定的视为受理，\
             暂以审查期限届满日{}为受理日估算，当日不计入",
            start.date
        )
    }
}

/// Arts. 48, 54: the respondent answers within 10 (5) working days of receiving
/// the copy; with no service date recorded, estimated from the latest lawful date
/// for sending the copy (`Conventions::estimate_copy_served`).
fn respondent_answer(e: &Engine<'_>, f: &Facts, explain: bool) -> Result<Counting, ClockError> {
    let (id, copy_id) = if simplified(f) {
        (rule::RESPONDENT_ANSWER_SIMPLIFIED, rule::COPY_TO_RESPONDENT_SIMPLIFIED)
    } else {
        (rule::RESPONDENT_ANSWER, rule::COPY_TO_RESPONDENT)
    };
    let rule = e.rules().rule(id)?;
    if let Some(served) = f.date(COPY_SERVED) {
        let start = StartAt { date: served, provisional: false };
        return e.run(f, rule, start, explain, || format!("{served}{}，当日不计入", rule.start_label));
    }
    if !e.rules().conventions.estimate_copy_served {
        return Ok(Counting::Pending {
            rule: id, reason: "尚未录入被申请人收到行政复议申请书副本的日期".into()
        });
    }
    let accepted = match acceptance(e, f)? {
        Ok(a) => a,
        Err(reason) => return Ok(Counting::Pending { rule: id, reason }),
    };
    let copy_rule = e.rules().rule(copy_id)?;
    let copy_due = arithmetic::count(
        e.calendar(),
        accepted.date,
        copy_rule.unit,
        copy_rule.length,
        &[],
        e.rules().conventions.roll_over,
    )?;
    let start = StartAt { date: copy_due.due, provisional: true };
    e.run(f, rule, start, explain, || {
        format!(
            "{}；未录入被申请人收到申请书副本的日期，按受理后{}{}内发送副本的最迟日期{}估算（{}），当日不计入",
            acceptance_text(f, &accepted),
            copy_rule.length,
            copy_rule.unit.zh(),
            copy_due.due,
            copy_rule.article
        )
    })
}

const ARL: &str = "《行政复议法》";

fn rules() -> Vec<Rule> {
    let arl = |article: &str| [ARL, article].concat();
    let received = |id, step, label| Rule::new(KIND, id, step, label).from(Start::Received, "收到行政复议申请");
    let accepted = |id, step, label| Rule::new(KIND, id, step, label).from(Start::Mark(ACCEPTED), "受理行政复议申请");
    let served = |id, label| {
        Rule::new(KIND, id, RESPONDENT_ANSWER, label).from(Start::Mark(COPY_SERVED), "被申请人收到行政复议申请书副本")
    };
    // Suspension (中止, Art. 39) stops the decision clock: customary reading, the
    // 2023 text does not say so in terms [U], configurable. Appraisal or hearing
    // time can be added by an override.
    let suspension = || vec![PauseRule { kind: PauseKind::Suspension, article: arl("第三十九条") }];
    vec![
        // Art. 30: acceptance review within 5 days of receipt; Art. 88 ¶2: "5日"
        // means working days. Art. 31: after correction, Art. 30 applies from
        // receipt of the correction. [C]
        Rule {
            restart_on_correction: Some(arl("第三十一条")),
            ..received(rule::ACCEPTANCE, ACCEPTANCE, "行政复议受理审查期限").period(
                Unit::WorkingDays,
                5,
                arl("第三十条、第八十八条第二款"),
            )
        },
        // Art. 31: correction notice within 5 (working) days of receipt, all items at
        // once; Art. 88 ¶2. [C]
        received(rule::CORRECTION_NOTICE, CORRECTION_NOTICE, "行政复议补正通知期限").period(
            Unit::WorkingDays,
            5,
            arl("第三十一条、第八十八条第二款"),
        ),
        // Art. 48: copy to the respondent within 7 (working) days of acceptance. [C]
        accepted(rule::COPY_TO_RESPONDENT, COPY_TO_RESPONDENT, "行政复议申请书副本发送期限").period(
            Unit::WorkingDays,
            7,
            arl("第四十八条、第八十八条第二款"),
        ),
        // Art. 54: simplified procedure, copy within 3 (working) days. [C]
        accepted(rule::COPY_TO_RESPONDENT_SIMPLIFIED, COPY_TO_RESPONDENT, "行政复议申请书副本发送期限（简易程序）")
            .period(Unit::WorkingDays, 3, arl("第五十四条、第八十八条第二款")),
        // Art. 48: the respondent answers within 10 (working) days of receiving the copy. [C]
        served(rule::RESPONDENT_ANSWER, "被申请人书面答复期限").period(
            Unit::WorkingDays,
            10,
            arl("第四十八条、第八十八条第二款"),
        ),
        // Art. 54: simplified procedure, answer within 5 (working) days. [C]
        served(rule::RESPONDENT_ANSWER_SIMPLIFIED, "被申请人书面答复期限（简易程序）").period(
            Unit::WorkingDays,
            5,
            arl("第五十四条、第八十八条第二款"),
        ),
        // Art. 62 ¶1: ordinary procedure, decision within 60 days of acceptance;
        // complex cases +30 days at most, approved by the head of the 行政复议机构.
        // 60 days are calendar days counted per 民事诉讼法 (Art. 88 ¶1). [C]
        Rule {
            pauses: suspension(),
            extension: Some(ExtensionPolicy {
                cap: 30,
                approver: "行政复议机构负责人".into(),
                article: arl("第六十二条第一款"),
            }),
            ..accepted(rule::DECISION, DECISION, "行政复议决定期限（普通程序）").period(
                Unit::CalendarDays,
                60,
                arl("第六十二条第一款"),
            )
        },
        // Art. 62 ¶2: simplified procedure, decision within 30 days. [C]
        Rule {
            pauses: suspension(),
            ..accepted(rule::DECISION_SIMPLIFIED, DECISION, "行政复议决定期限（简易程序）").period(
                Unit::CalendarDays,
                30,
                arl("第六十二条第二款"),
            )
        },
    ]
}
