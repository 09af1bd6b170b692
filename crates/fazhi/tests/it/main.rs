//! The one integration-test binary of fazhi.
//!
//! Every test gets a fresh database: a temporary SQLite file by default, or
//! a new database on the PostgreSQL server named by `FAZHI_TEST_PG_URL`
//! (`.ci/run` starts a throwaway one), so the same tests prove both backends.

mod activities;
mod annual_report;
mod catalogue;
mod cli;
mod hardening;
mod harness;
mod indicators;
mod lists;
mod mediation;
mod petitions;
mod probe;
mod projection;
mod proposals;
mod region;
mod reviews;
mod store;
mod web;
