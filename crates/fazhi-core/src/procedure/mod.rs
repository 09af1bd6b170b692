//! The procedure engine's pure core: case kinds, their stages and allowed transitions,
//! the outcome codes, the tables of the 政府信息公开工作年度报告 and the indicators of
//! 行政复议 and 行政应诉. No database, no I/O, no system time: the current date is
//! passed in and the legal clock ([`crate::clock`]) computes every deadline.
//!
//! - [`case`]: case kinds, stages, the state kept between steps.
//! - [`kind`]: a procedure kind as a definition, and the registry [`kind::KINDS`].
//! - [`machine`]: the transition tables and [`apply`] (one dated step → new state +
//!   the clock events), with every refusal in Chinese.
//! - [`disclosure`]: applicant types and the reply outcomes coded to table 3 (LAW.md §2.3, §2.5).
//! - [`reconsideration`]: decision types of the 2023 行政复议法 and 纠错 (LAW.md §3.2, §3.3).
//! - [`litigation`]: judgments, 败诉, instances and 负责人出庭 (LAW.md §4).
//! - [`goi_tables`]: tables 3 and 4 as computations, with the balance check.
//! - [`indicators`]: the indicator definitions, ids shared with the report checker.
//! - [`warnings`]: what a case page warns about (late steps, long consultations).
//!
//! The storage layer keeps the [`CaseState`] of each case as JSON and appends every
//! accepted step to the case's history; `Engine::schedule(kind.clock(), &state.clock_events)`
//! gives the case's deadlines.

pub mod case;
pub mod disclosure;
pub mod goi_tables;
pub mod indicators;
pub mod kind;
pub mod litigation;
pub mod machine;
pub mod reconsideration;
pub mod warnings;

pub use case::{CaseKind, CaseOutcome, CaseState, HearingRecord, LateApplication, Matter, Stage};
pub use disclosure::{ApplicantType, DisclosureOutcome, OutcomeGroup};
pub use goi_tables::{
    BalanceError, CarryOverError, DisclosureSummary, ReviewRoute, ReviewSummary, SummaryError, Table3, Table4,
    Table4Group, Table4Result,
};
pub use indicators::{
    CorrectionBase, IndicatorConfig, IndicatorValue, LitigationRecord, Period, ReconsiderationRecord,
    SubstantiveDefinition, Value,
};
pub use kind::{CaseRecord, Fact, Kind, KINDS};
pub use litigation::{
    Appearance, AppearanceDefinition, AppearanceUnit, AppearerRank, Appellate, Instance, LitigationOutcome, LossBase,
    LossDefinition,
};
pub use machine::{
    allowed_actions, apply, transitions, Action, ActionKind, Applied, Flag, Target, Transition, TransitionError,
};
pub use reconsideration::{CorrectionScope, ReconsiderationOutcome, SimplifiedGround};
