//! `fazhi-report`: the published-report checker.
pub mod cli;
