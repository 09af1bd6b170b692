//! `fazhi-core`: the pure domain of fazhi.
//!
//! Nothing in this crate performs I/O, reads the system time or knows about a
//! database or HTTP. Everything here is deterministic and unit-testable.
//!
//! - [`clock`]: the official calendar (holidays and 调休 working days) and the
//!   deadline rules of the statutory procedures, each able to explain itself.
//! - [`org`]: regions (行政区划代码), units, roles and what a role may reach.
//! - [`procedure`]: case kinds, steps, transitions, outcome codes, GOI tables 3–4 and indicators.
//! - [`activity`]: 学法、培训、考试、普法、述法、会议、宪法宣誓 records and their indicators.
//! - [`audit`]: the hash chain of the append-only audit trail.
//! - [`time`]: the injected clock (`Now`) so that no code reads the wall clock directly.

pub mod activity;
pub mod audit;
pub mod clock;
pub mod indicator;
pub mod input;
pub mod masking;
pub mod org;
pub mod procedure;
pub mod time;
