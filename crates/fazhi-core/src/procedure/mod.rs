//! The procedure engine's pure core: a generic engine, the procedure kinds
//! defined on it, the tables of the 政府信息公开工作年度报告 and the indicators
//! of 行政复议 and 行政应诉. No database, no I/O, no system time: the current
//! date is passed in and the legal clock ([`crate::clock`]) computes every
//! deadline.
//!
//! - [`engine`]: the [`Procedure`] trait a kind implements, the [`Case`]
//!   envelope kept for every case, and [`apply`] (one dated step → new case +
//!   the clock events), with every refusal in Chinese.
//! - [`kind`]: the object-safe view of every kind ([`Kind`], [`AnyCase`]) that
//!   storage, pages and the API use, and the registry [`KINDS`].
//! - [`form`]: step forms as data, read into actions with Chinese errors.
//! - [`steps`]: step mechanisms several kinds share (correction notice,
//!   pauses, extensions, hearings).
//! - [`disclosure`], [`reconsideration`], [`litigation`], [`mediation`], [`proposal`], [`petition`]: the kinds, each its
//!   stages, actions, state, transitions with articles, and outcome codes.
//! - [`annual_report`]: the 法治政府建设年度报告 and the 政府信息公开工作年度报告,
//!   one mechanism with two definitions (parts, review steps, publication deadline).
//! - [`goi_tables`]: tables 3 and 4 as computations, with the balance check.
//! - [`indicators`]: the indicator definitions, ids shared with the report checker.
//! - [`warnings`]: what a case page warns about (late steps, long consultations).
//! - [`matter`]: the field of administration of a challenged act.

pub mod annual_report;
pub mod catalogue;
pub mod disclosure;
pub mod engine;
pub mod form;
pub mod goi_tables;
pub mod indicators;
pub mod kind;
pub mod litigation;
pub mod matter;
pub mod mediation;
pub mod petition;
pub mod proposal;
pub mod reconsideration;
pub mod steps;
pub mod warnings;

pub use disclosure::{ApplicantType, Disclosure, DisclosureOutcome, OutcomeGroup};
pub use engine::{
    apply, Applied, Case, Common, Flag, Procedure, Records, StageCode, Target, Transition, TransitionError,
};
pub use form::{Field, Input};
pub use goi_tables::{
    BalanceError, CarryOverError, DisclosureSummary, ReviewRoute, ReviewSummary, SummaryError, Table3, Table4,
    Table4Group, Table4Result,
};
pub use indicators::{
    CorrectionBase, IndicatorConfig, IndicatorValue, LitigationRecord, Period, ReconsiderationRecord,
    SubstantiveDefinition, Value,
};
pub use kind::{by_id, typed, AnyCase, CaseRecord, Fact, Kind, StepForm, Stepped, KINDS};
pub use litigation::{
    Appearance, AppearanceDefinition, AppearanceUnit, AppearerRank, Appellate, HearingRecord, Instance, Litigation,
    LitigationOutcome, LossBase, LossDefinition,
};
pub use matter::Matter;
pub use reconsideration::{
    CorrectionScope, LateApplication, Reconsideration, ReconsiderationOutcome, SimplifiedGround,
};
