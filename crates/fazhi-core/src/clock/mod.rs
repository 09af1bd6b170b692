//! The legal clock: the official calendar and the deadline rules of the statutory
//! procedures, each deadline able to explain itself in Chinese.
//!
//! - [`calendar`]: holidays and 调休 working days (built in 2019–2026, new notices
//!   merged at run time), coverage, O(1) working-day arithmetic.
//! - [`arithmetic`]: periods in working days, calendar days or months, with the
//!   counting conventions of LAW.md §0 (start day excluded, roll-over of a last day
//!   on a rest day, pauses, extensions).
//! - [`procedure`]: what the clock knows of a procedure kind ([`ClockDef`]: its
//!   steps and how each is counted, its own events, its rules), declared by the
//!   kind in its own module and learnt from the procedure registry.
//! - [`rules`]: the deadline rules as data, with their articles; overridable from TOML.
//! - [`events`]: the dated events of a case and their validation.
//! - [`engine`]: from events to every deadline of a procedure, with explanations.
//! - [`explain`]: the explanation texts.
//! - [`moment`]: deadlines at a time of day and periods in hours.
//! - [`status`]: 正常 / 临期 / 超期.
//! - [`cli_support`]: the pure logic behind `fazhi deadline` and `fazhi calendar add`.
//!
//! Design notes: `docs/clock.md`.

pub mod arithmetic;
pub mod calendar;
pub mod cli_support;
pub mod engine;
pub mod error;
pub mod events;
pub mod explain;
pub mod moment;
pub mod notice;
pub mod procedure;
pub mod rules;
pub mod status;

pub use arithmetic::{Interval, RollOver, Unit};
pub use calendar::{BeyondCoverage, Calendar, DayKind, NoticeSummary, SpanDays, YearSummary, BUILTIN_NOTICES};
pub use engine::{Counting, Deadline, Engine, Pending, Schedule, StartAt};
pub use error::{CalendarError, ClockError};
pub use events::{check_not_in_future, not_before, EventKind, Facts, ProcedureEvent};
pub use explain::Explanation;
pub use moment::{add_hours, HourStart, Moment};
pub use notice::{AdjustedWorkday, HolidayRange, NoticeYear};
pub use procedure::{ClockDef, Count, Duty, Mark, MarkDef, ProcedureKind, Step, StepDef};
pub use rules::{
    Confidence, Conventions, ExtensionPolicy, LateCorrection, PauseKind, PauseRule, Rule, RuleId, RuleSet, Start,
};
pub use status::{deadline_status, Approaching, DeadlineStatus, ThresholdUnit};
