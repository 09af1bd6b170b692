//! The legal clock: the official calendar and the deadline rules of the statutory
//! procedures, each deadline able to explain itself in Chinese.
//!
//! - [`calendar`]: holidays and 调休 working days (built in 2019–2026, new notices
//!   merged at run time), coverage, O(1) working-day arithmetic.
//! - [`arithmetic`]: periods in working days, calendar days or months, with the
//!   counting conventions of LAW.md §0 (start day excluded, roll-over of a last day
//!   on a rest day, pauses, extensions).
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
pub mod rules;
pub mod status;

pub use arithmetic::{Interval, RollOver, Unit};
pub use calendar::{BeyondCoverage, Calendar, DayKind, NoticeSummary, SpanDays, YearSummary, BUILTIN_NOTICES};
pub use engine::{Deadline, Engine, Pending, Schedule};
pub use error::{CalendarError, ClockError};
pub use events::{check_not_in_future, EventKind, Facts, ProcedureEvent};
pub use explain::Explanation;
pub use moment::{add_hours, HourStart, Moment};
pub use notice::{AdjustedWorkday, HolidayRange, NoticeYear};
pub use rules::{
    Confidence, Conventions, ExtensionPolicy, LateCorrection, PauseKind, PauseRule, ProcedureKind, Rule, RuleId,
    RuleSet, StartEvent, Step,
};
pub use status::{deadline_status, Approaching, DeadlineStatus, ThresholdUnit};
