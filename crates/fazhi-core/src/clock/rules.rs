//! Deadline rules as data: for each procedure step, the start event, the unit, the
//! length, which pauses stop the clock, whether a correction restarts it, the
//! extension (cap, approver) and the article. Each procedure kind declares its own
//! rules in its module (`ClockDef::rules`, following LAW.md §0, §2.1, §3.1 and
//! §4.1); the built-in set gathers them from every registered kind, and every rule
//! can be overridden from TOML ([`RuleSet::apply_overrides`]),
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
use super::procedure::{Mark, ProcedureKind, Step};

/// Identifies a deadline rule: `<procedure>.<step>[.<variant>]`, declared by the
/// kind that owns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(&'static str);

impl RuleId {
    pub const fn new(id: &'static str) -> Self {
        RuleId(id)
    }

    /// The stable machine name, e.g. `disclosure.reply`.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// The event a period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// The application / request / complaint copy was received (every case has it).
    Received,
    /// The latest date of one of the kind's marks (受理, 送达 …). A
    /// [`Count::Custom`](super::procedure::Count::Custom) step may refine it (a deemed acceptance).
    Mark(#[serde(serialize_with = "mark_code")] Mark),
}

fn mark_code<S: serde::Serializer>(m: &Mark, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(m.code())
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
    /// A hearing, from its notice to the day it is held (听证所需时间).
    Hearing,
}

impl PauseKind {
    /// Chinese description.
    pub fn zh(self) -> &'static str {
        match self {
            PauseKind::Consultation => "征求第三方或其他机关意见",
            PauseKind::Suspension => "中止",
            PauseKind::FeePayment => "等待缴纳信息处理费",
            PauseKind::Appraisal => "鉴定",
            PauseKind::Hearing => "听证",
        }
    }

    /// Machine name, as in rule overrides.
    pub fn as_str(self) -> &'static str {
        match self {
            PauseKind::Consultation => "consultation",
            PauseKind::Suspension => "suspension",
            PauseKind::FeePayment => "fee_payment",
            PauseKind::Appraisal => "appraisal",
            PauseKind::Hearing => "hearing",
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: RuleId,
    pub procedure: ProcedureKind,
    pub step: Step,
    /// Chinese label, e.g. "依申请公开答复期限".
    pub label: String,
    pub start: Start,
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
    /// A rule of `procedure` for `step`, counted from the receipt, with no pauses,
    /// restart or extension, confidence \[C\]; [`Rule::from`] and [`Rule::period`]
    /// set the rest, struct update syntax what differs.
    pub fn new(procedure: ProcedureKind, id: RuleId, step: Step, label: &str) -> Rule {
        Rule {
            id,
            procedure,
            step,
            label: label.into(),
            start: Start::Received,
            start_label: String::new(),
            unit: Unit::WorkingDays,
            length: 0,
            article: String::new(),
            pauses: vec![],
            restart_on_correction: None,
            extension: None,
            confidence: Confidence::C,
        }
    }

    /// Counted from `start`, described as `label` (收到政府信息公开申请).
    pub fn from(self, start: Start, label: &str) -> Rule {
        Rule { start, start_label: label.into(), ..self }
    }

    /// `length` `unit`s, set by `article`.
    pub fn period(self, unit: Unit, length: u32, article: impl Into<String>) -> Rule {
        Rule { unit, length, article: article.into(), ..self }
    }

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSet {
    rules: Vec<Rule>,
    pub conventions: Conventions,
}

/// One rule override; unset fields keep the built-in value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleOverride {
    id: String,
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

    /// The built-in rules (LAW.md) of every registered procedure, each kind's in
    /// the order it declares them.
    pub fn builtin() -> RuleSet {
        RuleSet::of(ProcedureKind::all())
    }

    /// The built-in rules of `kinds`, with the default conventions.
    pub fn of(kinds: impl IntoIterator<Item = ProcedureKind>) -> RuleSet {
        RuleSet {
            rules: kinds.into_iter().flat_map(|k| (k.def().rules)()).collect(),
            conventions: Conventions::default(),
        }
    }

    /// The rule `id`, if some procedure declares it.
    pub fn get(&self, id: RuleId) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The rule `id`, or an error naming it (a kind counting with a rule it did
    /// not declare).
    pub fn rule(&self, id: RuleId) -> Result<&Rule, ClockError> {
        self.get(id).ok_or_else(|| ClockError::Rules(format!("期限规则{id}未定义")))
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
            let Some(rule) = next.rules.iter_mut().find(|r| r.id.as_str() == o.id) else {
                return Err(ClockError::Rules(format!("没有名为「{}」的期限规则", o.id)));
            };
            let builtin = RuleSet::shared_builtin().get(rule.id).unwrap_or(rule).clone();
            if let Some(v) = o.label {
                rule.label = v;
            }
            if let Some(v) = o.unit {
                rule.unit = v;
            }
            if let Some(v) = o.length {
                if v == 0 {
                    return Err(ClockError::Rules(format!("规则{}的期限长度不能为0", rule.id)));
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
    fn every_rule_is_unique_belongs_to_a_step_of_its_procedure_and_cites_an_article() {
        let set = RuleSet::builtin();
        let mut ids: Vec<_> = set.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), set.iter().count());
        for r in set.iter() {
            assert!(r.article.contains("第") && r.article.contains("条"), "{}", r.id);
            assert!(r.id.as_str().starts_with(r.procedure.as_str()), "{}", r.id);
            assert!(Step::of(r.procedure).contains(&r.step), "{}", r.id);
        }
        for k in ProcedureKind::all() {
            for s in k.def().steps {
                let used: Vec<RuleId> = match &s.count {
                    super::super::procedure::Count::Rule(id) => vec![*id],
                    super::super::procedure::Count::Latest(ids) => ids.to_vec(),
                    super::super::procedure::Count::Custom(_) => vec![],
                };
                for id in used {
                    assert!(set.get(id).is_some_and(|r| r.step == s.step), "{id}");
                }
            }
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
        let r = set.get(RuleId::new("disclosure.reply")).unwrap();
        assert_eq!(r.pauses.len(), 1);
        assert_eq!(r.pauses[0].article, "《政府信息公开条例》第三十三条第三款");
        assert_eq!(r.extension.as_ref().unwrap().cap, 15);
        assert_eq!(r.confidence, Confidence::P);

        let err = set.apply_overrides("[[rule]]\nid = \"disclosure.nope\"\n").unwrap_err();
        assert!(err.to_string().starts_with("期限规则配置有误"), "{err}");
        let err = set.apply_overrides("[[rule]]\nid = \"disclosure.reply\"\nlength = 0\n").unwrap_err();
        assert!(err.to_string().contains("不能为0"), "{err}");
        // Unchanged after errors.
        assert_eq!(set.get(RuleId::new("disclosure.reply")).unwrap().length, 20);
    }
}
