//! Subcommands that need more than a line of wiring.
pub mod admin;
pub mod annual_report;
pub mod clock;
pub mod indicators;
pub mod serve;
