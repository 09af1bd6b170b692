//! The generic procedure engine: what every kind shares.
//!
//! A procedure kind is a type implementing [`Procedure`]: its own stages,
//! actions (with a fieldless `Verb` for each), the state only it keeps
//! (`Data`), its outcome codes, its transition table with the article of law
//! on each row, and [`Procedure::step`], which says what one of its actions
//! does. Everything else lives here once: the envelope kept for every case
//! ([`Case`]: stage, dates, clock events, performed deadline steps, outcome),
//! and [`apply`], which finds the transition, refuses future dates, steps dated
//! before the previous one and anything the table does not allow, runs the
//! kind's step, moves the stage (including pauses that return to where they
//! began), dates the conclusion, and runs the whole history through the legal
//! clock so that a step the clock would refuse is refused here too.
//!
//! `apply` is pure: the current date is passed in, the calendar and rules come
//! from the clock [`Engine`].

use std::fmt::Debug;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::clock::{ClockError, Engine, EventKind, ProcedureEvent, ProcedureKind, Step};

use super::form::Field;
use super::kind::{CaseRecord, Fact};

/// A stage of a kind: its Chinese name, whether nothing can follow, and the
/// list of all stages (for the list filters).
pub trait StageCode: Copy + Eq + Debug + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Every stage, in the order of the procedure.
    const ALL: &'static [Self];
    /// The stage of a case with nothing recorded.
    const NEW: Self;
    /// The Chinese name.
    fn zh(self) -> &'static str;
    /// Whether nothing can follow.
    fn is_terminal(self) -> bool;
}

/// A procedure kind. See the module documentation and ARCHITECTURE.md
/// ("Adding a procedure kind").
pub trait Procedure: Sized + Send + Sync + 'static {
    /// The machine name: stored, in URLs and the API (`reconsideration`).
    const ID: &'static str;
    /// The Chinese name (`行政复议`).
    const ZH: &'static str;
    /// The prefix of its case numbers (`FY` → `FY-2026-00017`).
    const PREFIX: &'static str;
    /// The legal clock's procedure that computes its deadlines.
    const CLOCK: ProcedureKind;
    /// The label of the link to its registration page (`/cases/new/{ID}`).
    const REGISTER: &'static str;

    type Stage: StageCode;
    /// What can be done, without the data (the key of the transition table;
    /// derive it from the actions with `strum::EnumDiscriminants`).
    type Verb: Copy + Eq + Debug + Serialize + DeserializeOwned + Send + Sync + 'static + for<'a> From<&'a Self::Action>;
    /// A verb with its data, as recorded in the history (serde-tagged by `action`).
    type Action: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// The state only this kind keeps between steps.
    type Data: Clone + Debug + Default + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// Its outcome codes.
    type Outcome: Copy + Eq + Debug + Serialize + DeserializeOwned + Send + Sync;

    /// The allowed transitions, each with its article.
    const TRANSITIONS: &'static [Transition<Self::Stage, Self::Verb>];
    /// Every verb, in the order the case page offers them.
    const VERBS: &'static [Self::Verb];

    /// The verb of an action.
    fn verb(action: &Self::Action) -> Self::Verb {
        action.into()
    }
    /// The Chinese name of a verb.
    fn verb_zh(verb: Self::Verb) -> &'static str;
    /// What the action does beyond the stage change: checks (each refusal in
    /// Chinese, quoting the input), the kind's own state, clock events, the
    /// deadline steps it performs, the outcome.
    fn step(cx: &mut StepCx<'_, Self>, action: &Self::Action) -> Result<(), TransitionError>;

    /// Whether `verb`, which the table allows in the current stage, is
    /// possible given the rest of the state (a copy served once cannot be
    /// served again). Pages offer only possible steps; `apply` refuses others.
    fn possible(_case: &Case<Self>, _verb: Self::Verb) -> bool {
        true
    }
    /// Whether the case page and the API offer `verb` as a step of its own. A
    /// verb that a use case records as the consequence of something else (a
    /// 复查 request registered as its own case, noted on the petition it
    /// concerns) is not offered: `apply` still takes it from that use case.
    fn offered(_verb: Self::Verb) -> bool {
        true
    }
    /// The fields of a verb's form besides its date (may depend on the case:
    /// a second-instance judgment asks what the court did with the appeal).
    fn form(_case: &Case<Self>, _verb: Self::Verb) -> Vec<Field> {
        Vec::new()
    }
    /// Shapes the values of a verb's form (already checked and typed, with
    /// `action` set) into the action's JSON; by default they are its fields.
    fn shape(_verb: Self::Verb, values: serde_json::Map<String, serde_json::Value>) -> serde_json::Value {
        serde_json::Value::Object(values)
    }
    /// The history line of an action, in Chinese.
    fn describe(action: &Self::Action) -> String {
        Self::verb_zh(Self::verb(action)).to_owned()
    }
    /// The facts at the top of the case page.
    fn facts(record: &CaseRecord, case: &Case<Self>) -> Vec<Fact>;
    /// Whether every case must meet the deadline of `step` (urgency, lists);
    /// the others are shown, not chased. Declared on the clock's steps.
    fn mandatory(step: Step) -> bool {
        Self::CLOCK.mandatory(step)
    }
    /// How the case page describes a deadline that is not mandatory and not
    /// met (`None`: by its status). Declared on the clock's steps.
    fn advisory(step: Step) -> Option<&'static str> {
        Self::CLOCK.advisory(step)
    }
    /// What one case contributes to the indicator catalogue
    /// (docs/indicators.md): dated counters, a pure function of its state,
    /// which the store projects on every write so that no indicator decodes
    /// a case.
    fn indicator_facts(_case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        Vec::new()
    }
    /// The kind's indicators as definitions over its facts, with the \[U\]
    /// variants chosen by `config`.
    fn catalogue(_config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        Vec::new()
    }
    /// The Chinese name of one of the counters of its facts
    /// (`reconsideration.received` → 收到复议申请), shown where the records
    /// behind a value list their facts. Every counter a definition of
    /// [`Procedure::catalogue`] reads must have one (a test of the registry
    /// checks it).
    fn counter_name(_counter: &str) -> Option<&'static str> {
        None
    }
    /// Whether a case of this stage counts as concluded (dated `closed_on`)
    /// besides the terminal stages (a judgment under appeal period).
    fn concludes(stage: Self::Stage) -> bool {
        stage.is_terminal()
    }
    /// The date of a hearing the case is waiting for (reminders, lists).
    fn hearing_on(_case: &Case<Self>) -> Option<NaiveDate> {
        None
    }
    /// What the case page warns about beyond the clock (Chinese).
    fn warnings(_case: &Case<Self>) -> Vec<String> {
        Vec::new()
    }
    /// Reminders at the top of the case page (a coming hearing).
    fn notes(_case: &Case<Self>) -> Vec<String> {
        Vec::new()
    }
    /// The case's documents that have their own page: (path under the
    /// case's page, label), e.g. `("letter", "答复告知书")`.
    fn documents(_case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// The kinds of case that may now be registered against this one:
    /// (kind id, label of the link).
    fn challenged_by(_case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// A table of records the case page shows (hearings with who appeared).
    fn records(_case: &Case<Self>) -> Option<Records> {
        None
    }
}

/// A table of a case's own records, for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Where a transition leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "to", content = "stage")]
pub enum Target<S> {
    /// A fixed stage.
    To(S),
    /// A stage that returns, by [`Target::Resume`], to where the case stood
    /// (a consultation, a fee, a hearing, mediation, a suspension); entered
    /// from another such stage, it returns to where that one began.
    Pause(S),
    /// The stage stays as it is (an extension, the simplified procedure, …).
    Stay,
    /// Back to the stage before the pause began.
    Resume,
    /// The kind's step chooses (a decision or a termination, by its outcome).
    ByStep,
}

/// One allowed transition, with the article that allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Transition<S, V> {
    pub from: S,
    pub verb: V,
    pub to: Target<S>,
    pub article: &'static str,
}

/// A transition, for the kinds' tables.
pub const fn t<S, V>(from: S, verb: V, to: Target<S>, article: &'static str) -> Transition<S, V> {
    Transition { from, verb, to, article }
}

/// What every case keeps, whatever its kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Common {
    /// The date of the latest step; a later step may not be dated before it.
    #[serde(default)]
    pub last_date: Option<NaiveDate>,
    /// Date of receipt (request, application, complaint copy).
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// Date the case was concluded; `None` while open (or reopened by an appeal).
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// The date the case first concluded; never reset (an appeal reopens the
    /// case for work, not for the statistics of the year it concluded in).
    #[serde(default)]
    pub concluded_on: Option<NaiveDate>,
    /// Every event the legal clock needs, in order.
    #[serde(default)]
    pub clock_events: Vec<ProcedureEvent>,
    /// The deadline steps performed, with the date (a performed step's
    /// deadline is met and no longer counts towards urgency).
    #[serde(default)]
    pub done: Vec<(Step, NaiveDate)>,
}

impl Common {
    /// When the deadline step was performed, if it was. Every step of a
    /// closed case counts as performed on the closing date (nothing is due
    /// any more), unless it was performed earlier.
    pub fn step_done(&self, step: Step) -> Option<NaiveDate> {
        self.done.iter().find(|(s, _)| *s == step).map(|(_, d)| *d).or(self.closed_on)
    }

    /// The date the case counts as concluded in the statistics.
    pub fn concluded(&self) -> Option<NaiveDate> {
        self.concluded_on.or(self.closed_on)
    }

    /// Whether an event of this kind was recorded.
    pub fn has_event(&self, kind: &EventKind) -> bool {
        self.clock_events.iter().any(|e| &e.kind == kind)
    }
}

/// A case of kind `P` between steps. Built only by [`apply`] from
/// [`Case::new`], so that it always matches its history. Stored as JSON.
#[derive(Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Case<P: Procedure> {
    pub stage: P::Stage,
    /// The stage a pause returns to.
    #[serde(default)]
    pub resume_to: Option<P::Stage>,
    #[serde(default, with = "outcome_code")]
    pub outcome: Option<P::Outcome>,
    #[serde(flatten)]
    pub common: Common,
    #[serde(flatten)]
    pub data: P::Data,
}

impl<P: Procedure> Clone for Case<P> {
    fn clone(&self) -> Self {
        Case {
            stage: self.stage,
            resume_to: self.resume_to,
            outcome: self.outcome,
            common: self.common.clone(),
            data: self.data.clone(),
        }
    }
}

impl<P: Procedure> Debug for Case<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(P::ID)
            .field("stage", &self.stage)
            .field("resume_to", &self.resume_to)
            .field("outcome", &self.outcome)
            .field("common", &self.common)
            .field("data", &self.data)
            .finish()
    }
}

impl<P: Procedure> PartialEq for Case<P> {
    fn eq(&self, o: &Self) -> bool {
        self.stage == o.stage
            && self.resume_to == o.resume_to
            && self.outcome == o.outcome
            && self.common == o.common
            && self.data == o.data
    }
}

impl<P: Procedure> Default for Case<P> {
    fn default() -> Self {
        Case::new()
    }
}

impl<P: Procedure> Case<P> {
    /// A case with nothing recorded.
    pub fn new() -> Self {
        Case {
            stage: P::Stage::NEW,
            resume_to: None,
            outcome: None,
            common: Common::default(),
            data: P::Data::default(),
        }
    }

    /// Whether the case is closed.
    pub fn is_closed(&self) -> bool {
        self.stage.is_terminal()
    }

    /// The verbs the table allows in the current stage and the state makes
    /// possible, in the kind's order.
    pub fn allowed(&self) -> Vec<P::Verb> {
        let mut out: Vec<P::Verb> = P::TRANSITIONS
            .iter()
            .filter(|t| t.from == self.stage && P::possible(self, t.verb))
            .map(|t| t.verb)
            .collect();
        let order = |v: &P::Verb| P::VERBS.iter().position(|x| x == v).unwrap_or(usize::MAX);
        out.sort_by_key(order);
        out.dedup();
        out
    }
}

/// Reads an outcome stored as its code, or as `{"kind": …, "code": …}` (the
/// shape cases stored before the engine was opened used).
mod outcome_code {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        let raw = Option::<serde_json::Value>::deserialize(d)?;
        let code = match raw {
            None | Some(serde_json::Value::Null) => return Ok(None),
            Some(serde_json::Value::Object(mut m)) => m.remove("code").unwrap_or(serde_json::Value::Null),
            Some(v) => v,
        };
        serde_json::from_value(code).map(Some).map_err(serde::de::Error::custom)
    }
}

/// Something the user should know about an accepted step (Chinese).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// Stable code (`late_application`).
    pub code: String,
    pub message: String,
}

/// The result of an accepted step.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied<P: Procedure> {
    pub case: Case<P>,
    /// The clock events this step added (already appended to the case's).
    pub events: Vec<ProcedureEvent>,
    pub flags: Vec<Flag>,
}

/// A refused step. Every message is Chinese and names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum TransitionError {
    /// The procedure does not allow the action in the current stage.
    #[error("{kind}案件当前处于「{stage}」阶段，不能「{action}」")]
    NotAllowed { kind: String, stage: String, action: String },
    /// The date lies after today.
    #[error("「{action}」的日期{date}晚于今天（{today}），不能录入将来的日期")]
    FutureDate { action: String, date: NaiveDate, today: NaiveDate },
    /// The date lies before the previous step.
    #[error("「{action}」的日期{date}早于上一步骤的日期{previous}，请核对")]
    BeforePrevious { action: String, date: NaiveDate, previous: NaiveDate },
    /// Any other refusal: the message says why and quotes the input.
    #[error("{0}")]
    Invalid(String),
    /// The legal clock refused the resulting history.
    #[error("{0}")]
    Clock(String),
}

/// A refusal with its reason.
pub fn invalid(msg: impl Into<String>) -> TransitionError {
    TransitionError::Invalid(msg.into())
}

/// What a kind's [`Procedure::step`] works on: the case before, the case
/// being built, the date, and what the step adds.
pub struct StepCx<'a, P: Procedure> {
    pub engine: Engine<'a>,
    /// The date of the step.
    pub date: NaiveDate,
    /// The stage the step is taken in.
    pub from: P::Stage,
    pub before: &'a Case<P>,
    pub next: Case<P>,
    pub events: Vec<ProcedureEvent>,
    pub flags: Vec<Flag>,
    goto: Option<P::Stage>,
    performed: Vec<Step>,
}

impl<P: Procedure> StepCx<'_, P> {
    /// Adds a clock event dated on the step.
    pub fn event(&mut self, kind: EventKind) {
        self.events.push(ProcedureEvent::new(self.date, kind));
    }

    /// The step performs these deadline steps (the first time counts).
    pub fn perform(&mut self, steps: &[Step]) {
        self.performed.extend_from_slice(steps);
    }

    /// The stage the step leads to, overriding the table (required for
    /// [`Target::ByStep`]).
    pub fn goto(&mut self, stage: P::Stage) {
        self.goto = Some(stage);
    }

    /// Records the outcome.
    pub fn conclude(&mut self, outcome: P::Outcome) {
        self.next.outcome = Some(outcome);
    }

    /// Adds a note for the user.
    pub fn flag(&mut self, code: &str, message: String) {
        self.flags.push(Flag { code: code.to_owned(), message });
    }
}

fn not_allowed<P: Procedure>(stage: P::Stage, verb: P::Verb) -> TransitionError {
    TransitionError::NotAllowed {
        kind: P::ZH.to_owned(),
        stage: stage.zh().to_owned(),
        action: P::verb_zh(verb).to_owned(),
    }
}

/// Records one dated step on a case of kind `P`.
///
/// Refuses, with a Chinese message naming the offending value: an action the
/// table does not allow in the current stage (or the state rules out), a date
/// after `today` or before the previous step, whatever the kind's step refuses,
/// and any history the legal clock refuses.
pub fn apply<P: Procedure>(
    engine: &Engine<'_>,
    case: &Case<P>,
    action: &P::Action,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<Applied<P>, TransitionError> {
    let verb = P::verb(action);
    let rule = P::TRANSITIONS
        .iter()
        .find(|t| t.from == case.stage && t.verb == verb)
        .ok_or_else(|| not_allowed::<P>(case.stage, verb))?;
    let zh = P::verb_zh(verb);
    if date > today {
        return Err(TransitionError::FutureDate { action: zh.to_owned(), date, today });
    }
    if let Some(previous) = case.common.last_date {
        if date < previous {
            return Err(TransitionError::BeforePrevious { action: zh.to_owned(), date, previous });
        }
    }
    let mut cx = StepCx {
        engine: *engine,
        date,
        from: case.stage,
        before: case,
        next: case.clone(),
        events: Vec::new(),
        flags: Vec::new(),
        goto: None,
        performed: Vec::new(),
    };
    P::step(&mut cx, action)?;
    // Whatever the state rules out beyond the stage (checked after the
    // kind's own checks, which say why in their own words).
    if !P::possible(case, verb) {
        return Err(not_allowed::<P>(case.stage, verb));
    }
    let StepCx { mut next, events, flags, goto, performed, .. } = cx;
    let (stage, resume_to) = match (goto, rule.to) {
        (Some(s), _) => (s, None),
        (None, Target::To(s)) => (s, None),
        (None, Target::Pause(s)) => (s, Some(case.resume_to.unwrap_or(case.stage))),
        (None, Target::Stay) => (case.stage, case.resume_to),
        (None, Target::Resume) => (
            case.resume_to
                .ok_or_else(|| invalid(format!("案件状态不完整：不知道「{}」之后应回到哪个阶段", case.stage.zh())))?,
            None,
        ),
        (None, Target::ByStep) => {
            return Err(invalid(format!("「{zh}」须由办理结果确定案件阶段，但未能确定，请核对办理结果")));
        }
    };
    next.stage = stage;
    next.resume_to = resume_to;
    if P::concludes(stage) {
        next.common.closed_on = next.common.closed_on.or(Some(date));
    }
    // The date a case first concluded fixes the year it counts in.
    if next.common.concluded_on.is_none() {
        next.common.concluded_on = next.common.closed_on;
    }
    for step in performed {
        if !next.common.done.iter().any(|(s, _)| *s == step) {
            next.common.done.push((step, date));
        }
    }
    next.common.last_date = Some(date);
    next.common.clock_events.extend(events.iter().cloned());
    check_clock::<P>(engine, &next)?;
    Ok(Applied { case: next, events, flags })
}

/// Runs the whole history through the clock; a refusal of the clock is a
/// refusal of the step. Missing holiday notices are not the user's fault and
/// do not block a step. A case with no clock event yet has nothing to count:
/// a kind whose clock starts at a later step than the registration (建议提案
/// start at the assignment, 交办) records its first steps without one.
fn check_clock<P: Procedure>(engine: &Engine<'_>, case: &Case<P>) -> Result<(), TransitionError> {
    if case.common.clock_events.is_empty() {
        return Ok(());
    }
    match engine.schedule(P::CLOCK, &case.common.clock_events) {
        Ok(_) | Err(ClockError::Calendar(_)) => Ok(()),
        Err(e) => Err(TransitionError::Clock(e.to_string())),
    }
}
