//! Deadline rules as data: for each procedure step, the start event, the unit, the
//! length, which pauses stop the clock, whether a correction restarts it, the
//! extension (cap, approver) and the article. The built-in set follows LAW.md §0,
//! §2.1, §3.1 and §4.1; every rule can be overridden from TOML ([`RuleSet::apply_overrides`]),
//! which is how the rules LAW.md tags \[U\] are configured locally.
//!
//! ```toml
//! [conventions]
//! roll_over = "holidays_only"          # court practice on weekends is [U]
//!
//! [[rule]]
//! id = "disclosure.reply"
//! pauses = ["consultation"]            # drop the [U] fee-payment pause
//! ```

use serde::{Deserialize, Serialize};

use super::arithmetic::{RollOver, Unit};
use super::error::ClockError;
use super::moment::HourStart;

/// A statutory procedure with a legal clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    /// 依申请公开 (政府信息公开条例).
    Disclosure,
    /// 行政复议 (行政复议法 2023).
    Reconsideration,
    /// 行政应诉 (行政诉讼法).
    Litigation,
}

impl ProcedureKind {
    /// All kinds.
    pub const ALL: [ProcedureKind; 3] =
        [ProcedureKind::Disclosure, ProcedureKind::Reconsideration, ProcedureKind::Litigation];

    /// The machine name (`disclosure`, `reconsideration`, `litigation`).
    pub fn as_str(self) -> &'static str {
        match self {
            ProcedureKind::Disclosure => "disclosure",
            ProcedureKind::Reconsideration => "reconsideration",
            ProcedureKind::Litigation => "litigation",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ProcedureKind::Disclosure => "依申请公开",
            ProcedureKind::Reconsideration => "行政复议",
            ProcedureKind::Litigation => "行政应诉",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ProcedureKind> {
        ProcedureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A step of a procedure that has a deadline. The names are fixed by issue 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Notice asking the applicant to correct the application (补正通知).
    CorrectionNotice,
    /// Reply to a disclosure request (答复).
    Reply,
    /// Decision whether to accept a reconsideration application (受理审查).
    Acceptance,
    /// The respondent's written answer and evidence (被申请人答复).
    RespondentAnswer,
    /// The reconsideration decision (复议决定).
    Decision,
    /// The defendant agency's defence and evidence in court (答辩).
    Defence,
    /// The 复议机构 sends the copy of the application to the respondent (发送申请书副本).
    CopyToRespondent,
    /// The period for appealing a first-instance judgment or ruling (上诉期限).
    Appeal,
    /// The agency's answer to the other party's appeal (二审答辩).
    AppealAnswer,
}

impl Step {
    /// The machine name, as printed by `fazhi deadline`.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::CorrectionNotice => "correction_notice",
            Step::Reply => "reply",
            Step::Acceptance => "acceptance",
            Step::RespondentAnswer => "respondent_answer",
            Step::Decision => "decision",
            Step::Defence => "defence",
            Step::CopyToRespondent => "copy_to_respondent",
            Step::Appeal => "appeal",
            Step::AppealAnswer => "appeal_answer",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Step::CorrectionNotice => "补正通知",
            Step::Reply => "答复",
            Step::Acceptance => "受理审查",
            Step::RespondentAnswer => "被申请人答复",
            Step::Decision => "复议决定",
            Step::Defence => "提交答辩状",
            Step::CopyToRespondent => "发送申请书副本",
            Step::Appeal => "上诉",
            Step::AppealAnswer => "二审答辩",
        }
    }

    /// The steps of a procedure, in order.
    pub fn of(kind: ProcedureKind) -> &'static [Step] {
        match kind {
            ProcedureKind::Disclosure => &[Step::CorrectionNotice, Step::Reply],
            ProcedureKind::Reconsideration => &[
                Step::Acceptance,
                Step::CorrectionNotice,
                Step::CopyToRespondent,
                Step::RespondentAnswer,
                Step::Decision,
            ],
            ProcedureKind::Litigation => &[Step::Defence, Step::Appeal, Step::AppealAnswer],
        }
    }
}

/// Identifies a deadline rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    #[serde(rename = "disclosure.correction_notice")]
    DisclosureCorrectionNotice,
    #[serde(rename = "disclosure.reply")]
    DisclosureReply,
    #[serde(rename = "reconsideration.acceptance")]
    ReconsiderationAcceptance,
    #[serde(rename = "reconsideration.correction_notice")]
    ReconsiderationCorrectionNotice,
    #[serde(rename = "reconsideration.copy_to_respondent")]
    ReconsiderationCopyToRespondent,
    #[serde(rename = "reconsideration.copy_to_respondent.simplified")]
    ReconsiderationCopyToRespondentSimplified,
    #[serde(rename = "reconsideration.respondent_answer")]
    ReconsiderationRespondentAnswer,
    #[serde(rename = "reconsideration.respondent_answer.simplified")]
    ReconsiderationRespondentAnswerSimplified,
    #[serde(rename = "reconsideration.decision")]
    ReconsiderationDecision,
    #[serde(rename = "reconsideration.decision.simplified")]
    ReconsiderationDecisionSimplified,
    #[serde(rename = "litigation.defence")]
    LitigationDefence,
    #[serde(rename = "litigation.appeal.judgment")]
    LitigationAppealJudgment,
    #[serde(rename = "litigation.appeal.ruling")]
    LitigationAppealRuling,
    #[serde(rename = "litigation.appeal_answer")]
    LitigationAppealAnswer,
}

impl RuleId {
    /// All rules, in table order.
    pub const ALL: [RuleId; 14] = [
        RuleId::DisclosureCorrectionNotice,
        RuleId::DisclosureReply,
        RuleId::ReconsiderationAcceptance,
        RuleId::ReconsiderationCorrectionNotice,
        RuleId::ReconsiderationCopyToRespondent,
        RuleId::ReconsiderationCopyToRespondentSimplified,
        RuleId::ReconsiderationRespondentAnswer,
        RuleId::ReconsiderationRespondentAnswerSimplified,
        RuleId::ReconsiderationDecision,
        RuleId::ReconsiderationDecisionSimplified,
        RuleId::LitigationDefence,
        RuleId::LitigationAppealJudgment,
        RuleId::LitigationAppealRuling,
        RuleId::LitigationAppealAnswer,
    ];

    /// The stable machine name, e.g. `disclosure.reply`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::DisclosureCorrectionNotice => "disclosure.correction_notice",
            RuleId::DisclosureReply => "disclosure.reply",
            RuleId::ReconsiderationAcceptance => "reconsideration.acceptance",
            RuleId::ReconsiderationCorrectionNotice => "reconsideration.correction_notice",
            RuleId::ReconsiderationCopyToRespondent => "reconsideration.copy_to_respondent",
            RuleId::ReconsiderationCopyToRespondentSimplified => "reconsideration.copy_to_respondent.simplified",
            RuleId::ReconsiderationRespondentAnswer => "reconsideration.respondent_answer",
            RuleId::ReconsiderationRespondentAnswerSimplified => "reconsideration.respondent_answer.simplified",
            RuleId::ReconsiderationDecision => "reconsideration.decision",
            RuleId::ReconsiderationDecisionSimplified => "reconsideration.decision.simplified",
            RuleId::LitigationDefence => "litigation.defence",
            RuleId::LitigationAppealJudgment => "litigation.appeal.judgment",
            RuleId::LitigationAppealRuling => "litigation.appeal.ruling",
            RuleId::LitigationAppealAnswer => "litigation.appeal_answer",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The event a period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartEvent {
    /// The application / request / complaint copy was received.
    Received,
    /// The application was accepted (or deemed accepted).
    Accepted,
    /// The respondent received the copy of the application (复议申请书副本).
    CopyServed,
    /// The agency received the judgment or ruling (判决书、裁定书送达).
    JudgmentServed,
    /// The agency received the other party's appeal petition (上诉状副本).
    AppealServed,
}

/// A kind of interval during which a clock does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseKind {
    /// Consulting a third party or another agency (征求第三方或其他机关意见).
    Consultation,
    /// Suspension (中止).
    Suspension,
    /// Between a fee notice and payment (缴纳信息处理费).
    FeePayment,
    /// Appraisal, testing, expert opinion (鉴定、检测).
    Appraisal,
}

impl PauseKind {
    /// Chinese description.
    pub fn zh(self) -> &'static str {
        match self {
            PauseKind::Consultation => "征求第三方或其他机关意见",
            PauseKind::Suspension => "中止",
            PauseKind::FeePayment => "等待缴纳信息处理费",
            PauseKind::Appraisal => "鉴定",
        }
    }

    /// Machine name, as in rule overrides.
    pub fn as_str(self) -> &'static str {
        match self {
            PauseKind::Consultation => "consultation",
            PauseKind::Suspension => "suspension",
            PauseKind::FeePayment => "fee_payment",
            PauseKind::Appraisal => "appraisal",
        }
    }
}

/// Confidence in the legal source of a rule, as tagged in LAW.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Confirmed from the text of the instrument.
    C,
    /// Partly confirmed.
    P,
    /// Unconfirmed: check locally, override if needed.
    U,
}

/// How a period may be extended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionPolicy {
    /// Maximum total extension, in the rule's unit.
    pub cap: u32,
    /// Who must approve, e.g. "政府信息公开工作机构负责人".
    pub approver: String,
    /// The article allowing the extension.
    pub article: String,
}

/// A pause the rule honours, with the article that stops the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseRule {
    pub kind: PauseKind,
    pub article: String,
}

/// A deadline rule for one procedure step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: RuleId,
    pub procedure: ProcedureKind,
    pub step: Step,
    /// Chinese label, e.g. "依申请公开答复期限".
    pub label: String,
    pub start: StartEvent,
    /// Chinese description of the start event, e.g. "收到政府信息公开申请".
    pub start_label: String,
    pub unit: Unit,
    pub length: u32,
    /// The article setting the period (and, where relevant, the unit).
    pub article: String,
    /// Pauses during which the clock does not run.
    pub pauses: Vec<PauseRule>,
    /// Receipt of a correction restarts the period (with this article), if set.
    pub restart_on_correction: Option<String>,
    pub extension: Option<ExtensionPolicy>,
    pub confidence: Confidence,
}

impl Rule {
    /// "自收到政府信息公开申请之日起20个工作日" — the rule in one phrase.
    pub fn phrase(&self) -> String {
        format!("自{}之日起{}{}", self.start_label, self.length, self.unit.zh())
    }

    /// The pause rule for `kind`, if the rule honours it.
    pub fn pause(&self, kind: PauseKind) -> Option<&PauseRule> {
        self.pauses.iter().find(|p| p.kind == kind)
    }
}

/// Counting conventions shared by all rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conventions {
    /// Which rest days a calendar-day or month period's last day rolls over
    /// (民事诉讼法 Art. 85 ¶3; weekends are court practice, LAW.md \[U\]).
    pub roll_over: RollOver,
    /// Whether a respondent's answer period with no recorded service date is
    /// estimated from the latest lawful date for sending the copy (行政复议法 Art. 48/54)
    /// instead of being reported as pending.
    pub estimate_copy_served: bool,
    /// What a correction notice sent after its own limit (政府信息公开条例 Art. 30:
    /// 7 working days; 行政复议法 Art. 31: 5 working days) does to the period it
    /// would restart. The notice is flagged late either way. LAW.md does not settle
    /// this: \[U\].
    #[serde(default)]
    pub late_correction: LateCorrection,
    /// Where a period counted in hours starts (\[U\]).
    #[serde(default)]
    pub hour_start: HourStart,
}

/// The effect of a late correction notice on the period it would restart (\[U\]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateCorrection {
    /// The period still runs from the receipt of the application: the agency does
    /// not gain time from its own delay (the default).
    #[default]
    NoRestart,
    /// The period restarts on receipt of the correction as if the notice had been
    /// in time (the late notice stays flagged as a missed deadline).
    Restart,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            roll_over: RollOver::HolidaysAndWeekends,
            estimate_copy_served: true,
            late_correction: LateCorrection::NoRestart,
            hour_start: HourStart::Exact,
        }
    }
}

/// The set of rules in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    rules: Vec<Rule>,
    pub conventions: Conventions,
}

const GIO: &str = "《政府信息公开条例》";
const ARL: &str = "《行政复议法》";
const ALL_: &str = "《行政诉讼法》";

fn s(parts: &[&str]) -> String {
    parts.concat()
}

fn builtin_rule(id: RuleId) -> Rule {
    use ProcedureKind::*;
    use RuleId::*;
    match id {
        // 政府信息公开条例 (2019) Art. 30: one all-in-one correction notice within 7
        // working days of receipt. Art. 31 defines the date of receipt. [C]
        DisclosureCorrectionNotice => Rule {
            id,
            procedure: Disclosure,
            step: Step::CorrectionNotice,
            label: "依申请公开补正通知期限".into(),
            start: StartEvent::Received,
            start_label: "收到政府信息公开申请".into(),
            unit: Unit::WorkingDays,
            length: 7,
            article: s(&[GIO, "第三十条"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 政府信息公开条例 Art. 33 ¶2: reply within 20 working days of receipt;
        // extension approved by the head of the disclosure office, at most 20 working
        // days. Art. 33 ¶3: consultation time not counted. Art. 30: the period restarts
        // on receipt of the corrected request. [C]
        // Fee payment (国办函〔2020〕109号): time between notice and payment not counted [U].
        DisclosureReply => Rule {
            id,
            procedure: Disclosure,
            step: Step::Reply,
            label: "依申请公开答复期限".into(),
            start: StartEvent::Received,
            start_label: "收到政府信息公开申请".into(),
            unit: Unit::WorkingDays,
            length: 20,
            article: s(&[GIO, "第三十三条第二款"]),
            pauses: vec![
                PauseRule { kind: PauseKind::Consultation, article: s(&[GIO, "第三十三条第三款"]) },
                PauseRule {
                    kind: PauseKind::FeePayment,
                    article: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）".into(),
                },
            ],
            restart_on_correction: Some(s(&[GIO, "第三十条"])),
            extension: Some(ExtensionPolicy {
                cap: 20,
                approver: "政府信息公开工作机构负责人".into(),
                article: s(&[GIO, "第三十三条第二款"]),
            }),
            confidence: Confidence::C,
        },
        // 行政复议法 (2023) Art. 30: acceptance review within 5 days of receipt; Art. 88
        // ¶2: "5日" means working days. Art. 31: after correction, Art. 30 applies from
        // receipt of the correction. [C]
        ReconsiderationAcceptance => Rule {
            id,
            procedure: Reconsideration,
            step: Step::Acceptance,
            label: "行政复议受理审查期限".into(),
            start: StartEvent::Received,
            start_label: "收到行政复议申请".into(),
            unit: Unit::WorkingDays,
            length: 5,
            article: s(&[ARL, "第三十条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: Some(s(&[ARL, "第三十一条"])),
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 31: correction notice within 5 (working) days of receipt, all
        // items at once; Art. 88 ¶2. [C]
        ReconsiderationCorrectionNotice => Rule {
            id,
            procedure: Reconsideration,
            step: Step::CorrectionNotice,
            label: "行政复议补正通知期限".into(),
            start: StartEvent::Received,
            start_label: "收到行政复议申请".into(),
            unit: Unit::WorkingDays,
            length: 5,
            article: s(&[ARL, "第三十一条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 48: copy to the respondent within 7 (working) days of acceptance. [C]
        ReconsiderationCopyToRespondent => Rule {
            id,
            procedure: Reconsideration,
            step: Step::CopyToRespondent,
            label: "行政复议申请书副本发送期限".into(),
            start: StartEvent::Accepted,
            start_label: "受理行政复议申请".into(),
            unit: Unit::WorkingDays,
            length: 7,
            article: s(&[ARL, "第四十八条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 54: simplified procedure, copy within 3 (working) days. [C]
        ReconsiderationCopyToRespondentSimplified => Rule {
            id,
            procedure: Reconsideration,
            step: Step::CopyToRespondent,
            label: "行政复议申请书副本发送期限（简易程序）".into(),
            start: StartEvent::Accepted,
            start_label: "受理行政复议申请".into(),
            unit: Unit::WorkingDays,
            length: 3,
            article: s(&[ARL, "第五十四条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 48: the respondent answers within 10 (working) days of
        // receiving the copy. [C]
        ReconsiderationRespondentAnswer => Rule {
            id,
            procedure: Reconsideration,
            step: Step::RespondentAnswer,
            label: "被申请人书面答复期限".into(),
            start: StartEvent::CopyServed,
            start_label: "被申请人收到行政复议申请书副本".into(),
            unit: Unit::WorkingDays,
            length: 10,
            article: s(&[ARL, "第四十八条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 54: simplified procedure, answer within 5 (working) days. [C]
        ReconsiderationRespondentAnswerSimplified => Rule {
            id,
            procedure: Reconsideration,
            step: Step::RespondentAnswer,
            label: "被申请人书面答复期限（简易程序）".into(),
            start: StartEvent::CopyServed,
            start_label: "被申请人收到行政复议申请书副本".into(),
            unit: Unit::WorkingDays,
            length: 5,
            article: s(&[ARL, "第五十四条、第八十八条第二款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 62 ¶1: ordinary procedure, decision within 60 days of
        // acceptance; complex cases +30 days at most, approved by the head of the
        // 行政复议机构. 60 days are calendar days counted per 民事诉讼法 (Art. 88 ¶1). [C]
        // Suspension (中止, Art. 39) stops the clock: customary reading, the 2023 text
        // does not say so in terms [U] — configurable. Appraisal or hearing time can be
        // added by an override.
        ReconsiderationDecision => Rule {
            id,
            procedure: Reconsideration,
            step: Step::Decision,
            label: "行政复议决定期限（普通程序）".into(),
            start: StartEvent::Accepted,
            start_label: "受理行政复议申请".into(),
            unit: Unit::CalendarDays,
            length: 60,
            article: s(&[ARL, "第六十二条第一款"]),
            pauses: vec![PauseRule { kind: PauseKind::Suspension, article: s(&[ARL, "第三十九条"]) }],
            restart_on_correction: None,
            extension: Some(ExtensionPolicy {
                cap: 30,
                approver: "行政复议机构负责人".into(),
                article: s(&[ARL, "第六十二条第一款"]),
            }),
            confidence: Confidence::C,
        },
        // 行政复议法 Art. 62 ¶2: simplified procedure, decision within 30 days. [C]
        ReconsiderationDecisionSimplified => Rule {
            id,
            procedure: Reconsideration,
            step: Step::Decision,
            label: "行政复议决定期限（简易程序）".into(),
            start: StartEvent::Accepted,
            start_label: "受理行政复议申请".into(),
            unit: Unit::CalendarDays,
            length: 30,
            article: s(&[ARL, "第六十二条第二款"]),
            pauses: vec![PauseRule { kind: PauseKind::Suspension, article: s(&[ARL, "第三十九条"]) }],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政诉讼法 (2017) Art. 67 ¶1: the defendant files its defence and evidence
        // within 15 days of receiving the complaint copy; calendar days counted per
        // 民事诉讼法 Art. 85 (行政诉讼法 Art. 101). [C]
        LitigationDefence => Rule {
            id,
            procedure: Litigation,
            step: Step::Defence,
            label: "行政应诉答辩期限".into(),
            start: StartEvent::Received,
            start_label: "收到起诉状副本".into(),
            unit: Unit::CalendarDays,
            length: 15,
            article: s(&[ALL_, "第六十七条第一款"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政诉讼法 Art. 85: appeal within 15 days of service of a first-instance
        // judgment; calendar days per 民事诉讼法 Art. 85 (行政诉讼法 Art. 101). [C]
        // Advisory: whether to appeal is the agency's choice.
        LitigationAppealJudgment => Rule {
            id,
            procedure: Litigation,
            step: Step::Appeal,
            label: "不服一审判决的上诉期限".into(),
            start: StartEvent::JudgmentServed,
            start_label: "收到一审判决书".into(),
            unit: Unit::CalendarDays,
            length: 15,
            article: s(&[ALL_, "第八十五条"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // 行政诉讼法 Art. 85: 10 days for a ruling (裁定). [C]
        LitigationAppealRuling => Rule {
            id,
            procedure: Litigation,
            step: Step::Appeal,
            label: "不服一审裁定的上诉期限".into(),
            start: StartEvent::JudgmentServed,
            start_label: "收到一审裁定书".into(),
            unit: Unit::CalendarDays,
            length: 10,
            article: s(&[ALL_, "第八十五条"]),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        },
        // The appellee answers within 15 days of receiving the appeal petition:
        // 民事诉讼法 (2023) Art. 174 ¶1, applied through 行政诉讼法 Art. 101. [P]
        LitigationAppealAnswer => Rule {
            id,
            procedure: Litigation,
            step: Step::AppealAnswer,
            label: "二审答辩期限".into(),
            start: StartEvent::AppealServed,
            start_label: "收到上诉状副本".into(),
            unit: Unit::CalendarDays,
            length: 15,
            article: "《民事诉讼法》第一百七十四条、《行政诉讼法》第一百零一条".into(),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::P,
        },
    }
}

/// One rule override; unset fields keep the built-in value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleOverride {
    id: RuleId,
    label: Option<String>,
    unit: Option<Unit>,
    length: Option<u32>,
    article: Option<String>,
    /// Replaces the pause list; the article of a built-in pause is kept, a new one
    /// cites the rule's article.
    pauses: Option<Vec<PauseKind>>,
    restart_on_correction: Option<bool>,
    extension_cap: Option<u32>,
    extension_approver: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    conventions: Option<ConventionsOverride>,
    #[serde(default)]
    rule: Vec<RuleOverride>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConventionsOverride {
    roll_over: Option<RollOver>,
    estimate_copy_served: Option<bool>,
    late_correction: Option<LateCorrection>,
    hour_start: Option<HourStart>,
}

static BUILTIN_RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();

impl RuleSet {
    /// A shared, lazily built copy of [`RuleSet::builtin`].
    pub fn shared_builtin() -> &'static RuleSet {
        BUILTIN_RULES.get_or_init(RuleSet::builtin)
    }

    /// Whether some rule of `kind` honours pauses of `pause`.
    pub fn honours(&self, kind: ProcedureKind, pause: PauseKind) -> bool {
        self.rules.iter().any(|r| r.procedure == kind && r.pause(pause).is_some())
    }

    /// The built-in rules (LAW.md).
    pub fn builtin() -> RuleSet {
        RuleSet { rules: RuleId::ALL.into_iter().map(builtin_rule).collect(), conventions: Conventions::default() }
    }

    /// The rule `id`.
    pub fn get(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }

    /// All rules, in table order.
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    /// Applies overrides from TOML (`[conventions]` and `[[rule]]` tables, see the
    /// module docs). All-or-nothing: on error the set is unchanged.
    pub fn apply_overrides(&mut self, toml_text: &str) -> Result<(), ClockError> {
        let file: OverrideFile = toml::from_str(toml_text).map_err(|e| ClockError::Rules(e.message().to_string()))?;
        let mut next = self.clone();
        if let Some(c) = file.conventions {
            if let Some(r) = c.roll_over {
                next.conventions.roll_over = r;
            }
            if let Some(h) = c.hour_start {
                next.conventions.hour_start = h;
            }
            if let Some(l) = c.late_correction {
                next.conventions.late_correction = l;
            }
            if let Some(e) = c.estimate_copy_served {
                next.conventions.estimate_copy_served = e;
            }
        }
        for o in file.rule {
            let builtin = builtin_rule(o.id);
            let rule = &mut next.rules[o.id.index()];
            if let Some(v) = o.label {
                rule.label = v;
            }
            if let Some(v) = o.unit {
                rule.unit = v;
            }
            if let Some(v) = o.length {
                if v == 0 {
                    return Err(ClockError::Rules(format!("规则{}的期限长度不能为0", o.id)));
                }
                rule.length = v;
            }
            if let Some(v) = o.article {
                rule.article = v;
            }
            if let Some(kinds) = o.pauses {
                rule.pauses = kinds
                    .into_iter()
                    .map(|kind| PauseRule {
                        kind,
                        article: builtin.pause(kind).map_or_else(|| rule.article.clone(), |p| p.article.clone()),
                    })
                    .collect();
            }
            if let Some(v) = o.restart_on_correction {
                rule.restart_on_correction = if v {
                    Some(builtin.restart_on_correction.clone().unwrap_or_else(|| rule.article.clone()))
                } else {
                    None
                };
            }
            if o.extension_cap.is_some() || o.extension_approver.is_some() {
                let mut ext = rule.extension.clone().unwrap_or(ExtensionPolicy {
                    cap: 0,
                    approver: "本机关负责人".into(),
                    article: rule.article.clone(),
                });
                if let Some(cap) = o.extension_cap {
                    ext.cap = cap;
                }
                if let Some(a) = o.extension_approver {
                    ext.approver = a;
                }
                rule.extension = if ext.cap == 0 { None } else { Some(ext) };
            }
            rule.confidence = Confidence::P;
        }
        *self = next;
        Ok(())
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::builtin()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_rule_is_at_its_index_and_cites_an_article() {
        let set = RuleSet::builtin();
        for id in RuleId::ALL {
            let r = set.get(id);
            assert_eq!(r.id, id);
            assert!(r.article.contains("第") && r.article.contains("条"), "{id}");
            assert!(Step::of(r.procedure).contains(&r.step), "{id}");
        }
    }

    #[test]
    fn overrides_change_rules_and_reject_unknowns() {
        let mut set = RuleSet::builtin();
        set.apply_overrides(
            r#"
[conventions]
roll_over = "holidays_only"

[[rule]]
id = "disclosure.reply"
pauses = ["consultation"]
extension_cap = 15
"#,
        )
        .unwrap();
        assert_eq!(set.conventions.roll_over, RollOver::HolidaysOnly);
        let r = set.get(RuleId::DisclosureReply);
        assert_eq!(r.pauses.len(), 1);
        assert_eq!(r.pauses[0].article, "《政府信息公开条例》第三十三条第三款");
        assert_eq!(r.extension.as_ref().unwrap().cap, 15);
        assert_eq!(r.confidence, Confidence::P);

        let err = set.apply_overrides("[[rule]]\nid = \"disclosure.nope\"\n").unwrap_err();
        assert!(err.to_string().starts_with("期限规则配置有误"), "{err}");
        let err = set.apply_overrides("[[rule]]\nid = \"disclosure.reply\"\nlength = 0\n").unwrap_err();
        assert!(err.to_string().contains("不能为0"), "{err}");
        // Unchanged after errors.
        assert_eq!(set.get(RuleId::DisclosureReply).length, 20);
    }
}
