//! The kinds as the rest of the system sees them: one object-safe view
//! ([`Kind`], and [`AnyCase`] for a case of any kind), given to every
//! [`Procedure`] by a blanket implementation, and the registry [`KINDS`].
//!
//! Storage, the case list, the case page, the step forms, the history and the
//! API go through these and never name a kind; code that needs one kind's
//! particulars (a decision document, table 4) reads the typed [`Case`] of that
//! kind ([`typed`], or `serde_json::from_str::<Case<P>>`).

use std::any::Any;
use std::fmt::Debug;
use std::marker::PhantomData;

use chrono::NaiveDate;

use crate::clock::{Engine, ProcedureKind, Step};
use crate::org::FieldError;

use super::engine::{apply, Case, Common, Flag, Procedure, Records, StageCode, TransitionError};
use super::form::{self, code_of, Field};

/// The values of a stored case that its page shows besides the state (already
/// read and, for the party, joined as the page shows it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseRecord {
    pub subject: String,
    pub unit_name: String,
    pub respondent_name: String,
    pub received_on: String,
    pub receipt_code: Option<String>,
    /// The field of the act, in Chinese.
    pub matter: String,
    /// Name and contact, as staff see them.
    pub party: String,
    pub party_is_person: bool,
    pub court: String,
}

/// A fact line of a case page: label and value.
pub type Fact = (&'static str, String);

/// A step the case page offers: its code, name and form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepForm {
    pub code: String,
    pub zh: &'static str,
    pub fields: Vec<Field>,
}

/// An accepted step, ready to store.
#[derive(Debug)]
pub struct Stepped {
    pub case: Box<dyn AnyCase>,
    /// The verb's code (`grant_extension`).
    pub verb: String,
    /// The action as recorded in the history.
    pub action_json: String,
    pub flags: Vec<Flag>,
}

/// A procedure kind, object-safe.
pub trait Kind: Send + Sync {
    /// The machine name (`reconsideration`).
    fn id(&self) -> &'static str;
    /// The Chinese name.
    fn zh(&self) -> &'static str;
    /// The prefix of its case numbers.
    fn number_prefix(&self) -> &'static str;
    /// The legal clock's procedure.
    fn clock(&self) -> ProcedureKind;
    /// The label of the link to its registration page.
    fn register_label(&self) -> &'static str;
    /// Every stage: code and Chinese name.
    fn stages(&self) -> Vec<(String, &'static str)>;
    /// The Chinese name of a stage code.
    fn stage_zh(&self, code: &str) -> Option<&'static str>;
    /// The Chinese name of a verb code.
    fn verb_zh(&self, code: &str) -> Option<&'static str>;
    /// The transitions: (from stage code, verb code, article).
    fn table(&self) -> Vec<(String, String, &'static str)>;
    /// A case with nothing recorded.
    fn new_case(&self) -> Box<dyn AnyCase>;
    /// A stored case.
    fn decode(&self, state_json: &str) -> Result<Box<dyn AnyCase>, String>;
    /// The history line of a stored action (`None`: not an action of this kind).
    fn describe(&self, action_json: &str) -> Option<String>;
    /// Whether every case must meet the deadline of `step`.
    fn mandatory(&self, step: Step) -> bool;
    /// How a deadline that is not mandatory and not met is described.
    fn advisory(&self, step: Step) -> Option<&'static str>;
    /// The kind's catalogue of indicators over facts ([`Procedure::catalogue`]).
    fn catalogue(&self, config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef>;
    /// The Chinese name of one of its counters ([`Procedure::counter_name`]).
    fn counter_name(&self, counter: &str) -> Option<&'static str>;
}

/// A case of any kind.
pub trait AnyCase: Debug + Send + Sync {
    /// Its kind.
    fn kind(&self) -> &'static dyn Kind;
    /// The stage's code (`under_review`).
    fn stage_code(&self) -> String;
    fn stage_zh(&self) -> &'static str;
    fn is_closed(&self) -> bool;
    /// What every case keeps (dates, clock events, performed steps).
    fn common(&self) -> &Common;
    /// The outcome's code, if concluded with one.
    fn outcome_code(&self) -> Option<String>;
    /// A hearing the case waits for.
    fn hearing_on(&self) -> Option<NaiveDate>;
    /// What it contributes to the indicator catalogue
    /// ([`Procedure::indicator_facts`]).
    fn indicator_facts(&self) -> Vec<super::catalogue::Fact>;
    /// The facts at the top of its page.
    fn facts(&self, record: &CaseRecord) -> Vec<Fact>;
    /// What its page warns about beyond the clock.
    fn warnings(&self) -> Vec<String>;
    /// Reminders at the top of its page.
    fn notes(&self) -> Vec<String>;
    /// Its documents with their own page: (path under the case, label).
    fn documents(&self) -> Vec<(&'static str, &'static str)>;
    /// The kinds that may now be registered against it: (kind id, label).
    fn challenged_by(&self) -> Vec<(&'static str, &'static str)>;
    /// A table of its own records.
    fn records(&self) -> Option<Records>;
    /// The steps possible now, each with its form. `opening`: include the
    /// receipt that opens a case (registration pages record it, not steps).
    fn steps(&self, opening: bool) -> Vec<StepForm>;
    /// Reads a step form (`verb` and the values `get` gives) into an action's
    /// JSON; an unknown verb or a bad value is a field error.
    fn read_form(&self, verb: &str, get: &dyn Fn(&str) -> Option<String>)
        -> Result<serde_json::Value, Vec<FieldError>>;
    /// Records a step given as JSON (see [`apply`]).
    fn apply_json(
        &self,
        engine: &Engine<'_>,
        action: &serde_json::Value,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<Stepped, TransitionError>;
    /// The stored form.
    fn to_json(&self) -> Result<String, serde_json::Error>;
    /// For typed access ([`typed`]).
    fn as_any(&self) -> &dyn Any;
}

/// The typed case behind a case of any kind, if it is of kind `P`.
pub fn typed<P: Procedure>(case: &dyn AnyCase) -> Option<&Case<P>> {
    case.as_any().downcast_ref::<Case<P>>()
}

/// The object-safe view of the kind `P`.
pub struct Def<P>(PhantomData<fn() -> P>);

impl<P> Def<P> {
    pub const THE: Def<P> = Def(PhantomData);
}

fn verb_of<P: Procedure>(code: &str) -> Option<P::Verb> {
    P::VERBS.iter().copied().find(|v| code_of(v) == code)
}

/// Verbs that open a case (allowed from the first stage).
fn opens<P: Procedure>(verb: P::Verb) -> bool {
    P::TRANSITIONS.iter().any(|t| t.from == P::Stage::NEW && t.verb == verb)
}

impl<P: Procedure> Kind for Def<P> {
    fn id(&self) -> &'static str {
        P::ID
    }
    fn zh(&self) -> &'static str {
        P::ZH
    }
    fn number_prefix(&self) -> &'static str {
        P::PREFIX
    }
    fn clock(&self) -> ProcedureKind {
        P::CLOCK
    }
    fn register_label(&self) -> &'static str {
        P::REGISTER
    }
    fn stages(&self) -> Vec<(String, &'static str)> {
        P::Stage::ALL.iter().filter(|s| **s != P::Stage::NEW).map(|s| (code_of(s), s.zh())).collect()
    }
    fn stage_zh(&self, code: &str) -> Option<&'static str> {
        P::Stage::ALL.iter().find(|s| code_of(*s) == code).map(|s| s.zh())
    }
    fn verb_zh(&self, code: &str) -> Option<&'static str> {
        verb_of::<P>(code).map(P::verb_zh)
    }
    fn table(&self) -> Vec<(String, String, &'static str)> {
        P::TRANSITIONS.iter().map(|t| (code_of(&t.from), code_of(&t.verb), t.article)).collect()
    }
    fn new_case(&self) -> Box<dyn AnyCase> {
        Box::new(Case::<P>::new())
    }
    fn decode(&self, state_json: &str) -> Result<Box<dyn AnyCase>, String> {
        serde_json::from_str::<Case<P>>(state_json)
            .map(|c| Box::new(c) as Box<dyn AnyCase>)
            .map_err(|e| format!("{} case state: {e}", P::ID))
    }
    fn describe(&self, action_json: &str) -> Option<String> {
        serde_json::from_str::<P::Action>(action_json).ok().map(|a| P::describe(&a))
    }
    fn mandatory(&self, step: Step) -> bool {
        P::mandatory(step)
    }
    fn advisory(&self, step: Step) -> Option<&'static str> {
        P::advisory(step)
    }
    fn catalogue(&self, config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        P::catalogue(config)
    }
    fn counter_name(&self, counter: &str) -> Option<&'static str> {
        P::counter_name(counter)
    }
}

impl<P: Procedure> AnyCase for Case<P> {
    fn kind(&self) -> &'static dyn Kind {
        &Def::<P>::THE
    }
    fn stage_code(&self) -> String {
        code_of(&self.stage)
    }
    fn stage_zh(&self) -> &'static str {
        self.stage.zh()
    }
    fn is_closed(&self) -> bool {
        Case::is_closed(self)
    }
    fn common(&self) -> &Common {
        &self.common
    }
    fn outcome_code(&self) -> Option<String> {
        self.outcome.as_ref().map(code_of)
    }
    fn hearing_on(&self) -> Option<NaiveDate> {
        P::hearing_on(self)
    }
    fn indicator_facts(&self) -> Vec<super::catalogue::Fact> {
        P::indicator_facts(self)
    }
    fn facts(&self, record: &CaseRecord) -> Vec<Fact> {
        P::facts(record, self)
    }
    fn warnings(&self) -> Vec<String> {
        P::warnings(self)
    }
    fn notes(&self) -> Vec<String> {
        P::notes(self)
    }
    fn documents(&self) -> Vec<(&'static str, &'static str)> {
        P::documents(self)
    }
    fn challenged_by(&self) -> Vec<(&'static str, &'static str)> {
        P::challenged_by(self)
    }
    fn records(&self) -> Option<Records> {
        P::records(self)
    }
    fn steps(&self, opening: bool) -> Vec<StepForm> {
        self.allowed()
            .into_iter()
            .filter(|v| P::offered(*v) && (opening || !opens::<P>(*v)))
            .map(|v| StepForm { code: code_of(&v), zh: P::verb_zh(v), fields: P::form(self, v) })
            .collect()
    }
    fn read_form(
        &self,
        verb: &str,
        get: &dyn Fn(&str) -> Option<String>,
    ) -> Result<serde_json::Value, Vec<FieldError>> {
        let shown = crate::input::quote_for_message(verb, 40);
        let Some(v) = verb_of::<P>(verb.trim()).filter(|v| P::offered(*v)) else {
            return Err(vec![FieldError::new("action", format!("未知的办理步骤“{shown}”"))]);
        };
        let mut values = form::read(&P::form(self, v), get)?;
        values.insert("action".to_owned(), serde_json::Value::String(code_of(&v)));
        Ok(P::shape(v, values))
    }
    fn apply_json(
        &self,
        engine: &Engine<'_>,
        action: &serde_json::Value,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<Stepped, TransitionError> {
        let action: P::Action = serde_json::from_value(action.clone())
            .map_err(|e| TransitionError::Invalid(format!("无法识别的{}办理步骤或其内容：{e}", P::ZH)))?;
        let applied = apply::<P>(engine, self, &action, date, today)?;
        let action_json =
            serde_json::to_string(&action).map_err(|e| TransitionError::Invalid(format!("办理步骤无法保存：{e}")))?;
        Ok(Stepped {
            case: Box::new(applied.case),
            verb: code_of(&P::verb(&action)),
            action_json,
            flags: applied.flags,
        })
    }
    fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Every procedure kind, in the order of the navigation.
pub static KINDS: &[&dyn Kind] = &[
    &Def::<super::disclosure::Disclosure>::THE,
    &Def::<super::reconsideration::Reconsideration>::THE,
    &Def::<super::litigation::Litigation>::THE,
    &Def::<super::mediation::Mediation>::THE,
    &Def::<super::proposal::Proposal>::THE,
    &Def::<super::petition::Petition>::THE,
    &Def::<super::annual_report::RuleOfLawReport>::THE,
    &Def::<super::annual_report::GoiReport>::THE,
];

/// The definition of a kind by its machine name.
pub fn by_id(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once_with_a_distinct_prefix_and_cites_the_law() {
        let mut ids: Vec<&str> = KINDS.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), KINDS.len());
        let mut prefixes: Vec<&str> = KINDS.iter().map(|k| k.number_prefix()).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), KINDS.len());
        for k in KINDS {
            assert_eq!(by_id(k.id()).map(|d| d.id()), Some(k.id()));
            let table = k.table();
            assert!(!table.is_empty());
            for (from, verb, article) in &table {
                assert!(article.starts_with('《'), "{}: {from} {verb}: {article}", k.id());
                assert!(k.stage_zh(from).is_some(), "{}: stage {from}", k.id());
                assert!(k.verb_zh(verb).is_some(), "{}: verb {verb}", k.id());
            }
            assert!(k.clock().steps().any(|s| k.mandatory(s)), "{} chases nothing", k.id());
            assert_eq!(k.clock().as_str(), k.id());
            // A new case offers exactly its opening steps.
            let opening = k.new_case().steps(true);
            assert!(!opening.is_empty(), "{}", k.id());
            assert!(k.new_case().steps(false).is_empty(), "{}", k.id());
        }
    }
}
