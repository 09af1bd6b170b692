//! What the clock knows of a procedure: a [`ClockDef`] that the procedure kind
//! declares in its own module (its steps with deadlines and how each is counted,
//! its own dated events, its built-in rules, its extra checks). The clock holds no
//! list of kinds of its own: it learns them from the procedure registry
//! (`procedure::KINDS`), so a new kind adds its clock without touching this module.
//!
//! Steps, rules and marks are open identifiers (`Step::new("reply", "答复")`), so a
//! kind adds its own; they compare and serialise by their machine name.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::engine::{Counting, Engine};
use super::error::ClockError;
use super::events::Facts;
use super::rules::{Rule, RuleId, RuleSet};

/// A statutory procedure with a legal clock: a handle on the kind's [`ClockDef`].
#[derive(Clone, Copy)]
pub struct ProcedureKind(&'static ClockDef);

/// The clock of one procedure kind, declared by the kind.
pub struct ClockDef {
    /// The machine name (`disclosure`), the same as the procedure kind's id.
    pub id: &'static str,
    /// The Chinese name (依申请公开).
    pub zh: &'static str,
    /// What the start of every case is called, for messages (收到申请, 收到起诉状副本).
    pub received_zh: &'static str,
    /// Its machine name where the kind calls it something else than `received`
    /// (建议提案 start at `assigned`, 交办): `fazhi deadline` takes `--assigned`.
    pub received_code: &'static str,
    /// The steps that have a deadline, in order.
    pub steps: &'static [StepDef],
    /// The kind's own dated events (受理, 送达 …), beyond receipt, correction,
    /// pauses and extensions which every kind has.
    pub marks: &'static [Mark],
    /// The built-in rules, each with its article (LAW.md).
    pub rules: fn() -> Vec<Rule>,
    /// The rule limiting the correction notice, if the procedure has one; without
    /// it, correction events are refused.
    pub correction_notice: Option<RuleId>,
    /// Checks across the kind's own events that the generic validation cannot know
    /// (e.g. no acceptance while a correction is awaited).
    pub validate: fn(&Facts) -> Result<(), ClockError>,
}

/// A step with a deadline, and how its deadline is found.
pub struct StepDef {
    pub step: Step,
    pub count: Count,
    /// Whether the agency itself must act by the deadline (the case list chases
    /// it), or the date is for information.
    pub duty: Duty,
}

/// How a step's deadline is counted.
pub enum Count {
    /// One rule, from its [`Start`](super::rules::Start): from the receipt (restarted by a
    /// received correction when the rule says so) or from the latest date of a mark
    /// (the step does not arise before the mark).
    Rule(RuleId),
    /// Of these rules, the one whose start mark came last (an appeal against the
    /// latest judgment or ruling served).
    Latest(&'static [RuleId]),
    /// The kind's own counting, built from the engine's public pieces (variants by
    /// procedure, deemed starts, estimated starts).
    Custom(fn(&Engine<'_>, &Facts, bool) -> Result<Counting, ClockError>),
}

/// Who a deadline binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// The agency must act by then: chased on the to-do list, overdue counts as missed.
    Mandatory,
    /// Shown with this note, not chased (the other party's time, an optional step).
    Advisory(&'static str),
}

/// A kind's own dated event (受理, 被申请人收到副本, 收到判决书 …).
#[derive(Clone, Copy)]
pub struct Mark(&'static MarkDef);

/// The definition behind a [`Mark`].
pub struct MarkDef {
    /// Machine name, as stored (`accepted`).
    pub code: &'static str,
    /// Chinese name, for messages (受理).
    pub zh: &'static str,
    /// Happens at most once per case; otherwise the latest one counts (a judgment
    /// after a remand replaces the first).
    pub once: bool,
}

/// A step of a procedure that has a deadline.
#[derive(Clone, Copy)]
pub struct Step {
    id: &'static str,
    zh: &'static str,
}

impl ProcedureKind {
    /// The handle on a kind's clock.
    pub const fn new(def: &'static ClockDef) -> Self {
        ProcedureKind(def)
    }

    /// Every registered procedure (`procedure::KINDS`).
    pub fn all() -> impl Iterator<Item = ProcedureKind> {
        crate::procedure::KINDS.iter().map(|k| k.clock())
    }

    /// The machine name (`disclosure`, `reconsideration`, `litigation`).
    pub fn as_str(self) -> &'static str {
        self.0.id
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        self.0.zh
    }

    /// The definition.
    pub fn def(self) -> &'static ClockDef {
        self.0
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ProcedureKind> {
        ProcedureKind::all().find(|k| k.as_str() == s)
    }

    /// The steps with deadlines, in order.
    pub fn steps(self) -> impl Iterator<Item = Step> {
        self.0.steps.iter().map(|s| s.step)
    }

    /// The definition of `step`, if the procedure has it.
    pub fn step_def(self, step: Step) -> Option<&'static StepDef> {
        self.0.steps.iter().find(|s| s.step == step)
    }

    /// The kind's mark named `code`.
    pub fn mark(self, code: &str) -> Option<Mark> {
        self.0.marks.iter().copied().find(|m| m.code() == code)
    }

    /// Whether the agency must act by `step`'s deadline.
    pub fn mandatory(self, step: Step) -> bool {
        self.step_def(step).is_some_and(|s| s.duty == Duty::Mandatory)
    }

    /// The note shown with a deadline that is not chased.
    pub fn advisory(self, step: Step) -> Option<&'static str> {
        match self.step_def(step)?.duty {
            Duty::Advisory(note) => Some(note),
            Duty::Mandatory => None,
        }
    }

    /// The steps whose period an approved extension may lengthen (some built-in
    /// rule of the step has an extension policy).
    pub fn extendable(self) -> impl Iterator<Item = Step> {
        let rules = RuleSet::shared_builtin();
        self.steps().filter(move |s| rules.iter().any(|r| r.procedure == self && r.step == *s && r.extension.is_some()))
    }
}

impl PartialEq for ProcedureKind {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for ProcedureKind {}
impl std::hash::Hash for ProcedureKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}
impl fmt::Debug for ProcedureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}
impl Serialize for ProcedureKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

impl Mark {
    pub const fn new(def: &'static MarkDef) -> Self {
        Mark(def)
    }

    pub fn code(self) -> &'static str {
        self.0.code
    }

    pub fn zh(self) -> &'static str {
        self.0.zh
    }

    pub fn once(self) -> bool {
        self.0.once
    }

    /// The mark of any registered kind named `code`.
    pub fn parse(code: &str) -> Option<Mark> {
        ProcedureKind::all().find_map(|k| k.mark(code))
    }
}

impl PartialEq for Mark {
    fn eq(&self, other: &Self) -> bool {
        self.0.code == other.0.code
    }
}
impl Eq for Mark {}
impl fmt::Debug for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

impl Step {
    /// A step named `id` (machine name, as stored) and `zh`.
    pub const fn new(id: &'static str, zh: &'static str) -> Self {
        Step { id, zh }
    }

    /// The correction notice (补正通知), which the clock knows for every kind that
    /// declares a [`ClockDef::correction_notice`] rule.
    pub const CORRECTION_NOTICE: Step = Step::new("correction_notice", "补正通知");

    /// The machine name, as printed by `fazhi deadline`.
    pub fn as_str(self) -> &'static str {
        self.id
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        self.zh
    }

    /// The steps of a procedure, in order.
    pub fn of(kind: ProcedureKind) -> Vec<Step> {
        kind.steps().collect()
    }

    /// The step of any registered kind named `id`.
    pub fn parse(id: &str) -> Option<Step> {
        ProcedureKind::all().flat_map(|k| k.steps()).find(|s| s.id == id)
    }
}

impl PartialEq for Step {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for Step {}
impl std::hash::Hash for Step {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}
impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}
impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}
impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Step::parse(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown deadline step `{id}`")))
    }
}
