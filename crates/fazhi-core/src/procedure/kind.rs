//! A procedure kind as a definition: what the engine, the storage, the case
//! page and the step forms need to know of a kind, in one place per kind, and
//! the registry of kinds ([`KINDS`]).
//!
//! Each kind's module (`disclosure.rs`, `reconsideration.rs`, `litigation.rs`)
//! holds its [`Kind`] implementation next to its outcome codes: its transition
//! table with the article of law on each step, its case-number prefix, which
//! of its deadlines every case must meet, and the fields each of its step forms
//! asks for. Code that needs a kind's particulars asks its definition
//! (`CaseKind::def`) instead of matching on the kind.
//!
//! The stages, actions and the state kept between steps are still shared
//! types ([`super::Stage`], [`super::Action`], [`super::CaseState`]); moving
//! them into the kinds is the next step of the open engine (see the notes in
//! ARCHITECTURE.md).

use crate::clock::{ProcedureKind, Step};

use super::case::{CaseKind, CaseState};
use super::machine::{ActionKind, Transition};

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

/// What a procedure kind defines.
pub trait Kind: Sync {
    /// The kind this definition is for.
    fn case_kind(&self) -> CaseKind;
    /// The legal clock's procedure.
    fn clock(&self) -> ProcedureKind;
    /// The prefix of its case numbers (`YSQ` → `YSQ-2026-00017`).
    fn number_prefix(&self) -> &'static str;
    /// The allowed transitions, each with its article.
    fn transitions(&self) -> &'static [Transition];
    /// Whether every case must meet the deadline of `step` (it counts for
    /// urgency and lists); the others are shown, not chased.
    fn mandatory(&self, step: Step) -> bool;
    /// How the case page describes a deadline that is not mandatory and not
    /// met (`None`: by its status).
    fn advisory(&self, _step: Step) -> Option<&'static str> {
        None
    }
    /// The fields a step's form asks for besides its date.
    fn fields(&self, _action: ActionKind) -> &'static [&'static str] {
        &[]
    }
    /// The facts at the top of the case page, in the kind's order and words.
    fn facts(&self, record: &CaseRecord, state: &CaseState) -> Vec<Fact>;
    /// Whether `action`, which the transition table allows in the current
    /// stage, is possible given the rest of the case's state (a copy served
    /// once cannot be served again). Pages offer only possible steps, and
    /// `apply` refuses the others with its reason.
    fn possible(&self, _state: &CaseState, _action: ActionKind) -> bool {
        true
    }
}

/// Every procedure kind, in the order of the navigation.
pub static KINDS: &[&dyn Kind] = &[
    &super::disclosure::DisclosureKind,
    &super::reconsideration::ReconsiderationKind,
    &super::litigation::LitigationKind,
];

/// The definition of a kind by its machine name.
pub fn by_id(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.case_kind().as_str() == id)
}

impl CaseKind {
    /// The kind's definition.
    pub fn def(self) -> &'static dyn Kind {
        match KINDS.iter().copied().find(|k| k.case_kind() == self) {
            Some(k) => k,
            // Every CaseKind is registered (checked by a test below).
            None => unreachable!("procedure kind {self:?} is not in KINDS"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once_with_a_distinct_prefix() {
        for kind in CaseKind::ALL {
            assert_eq!(KINDS.iter().filter(|k| k.case_kind() == kind).count(), 1, "{kind:?}");
            assert_eq!(by_id(kind.as_str()).map(|k| k.case_kind()), Some(kind));
        }
        let mut prefixes: Vec<&str> = KINDS.iter().map(|k| k.number_prefix()).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), KINDS.len());
    }

    #[test]
    fn every_transition_cites_the_law_and_every_mandatory_step_is_the_kinds() {
        for k in KINDS {
            assert!(!k.transitions().is_empty());
            for t in k.transitions() {
                assert!(t.article.starts_with('《'), "{:?}: {}", k.case_kind(), t.article);
            }
            for step in Step::of(k.clock()) {
                let _ = k.mandatory(*step);
            }
            assert!(Step::of(k.clock()).iter().any(|s| k.mandatory(*s)), "{:?} chases nothing", k.case_kind());
        }
    }
}
