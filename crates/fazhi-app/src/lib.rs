//! `fazhi-app`: the use cases of fazhi, between the web/CLI edges and storage.
//!
//! - [`auth`]: passwords (argon2), login with lockout, sessions with idle
//!   timeout and CSRF tokens, API tokens, and the authenticated [`auth::Actor`].
//! - [`accounts`]: units and users, changed only with an
//!   [`accounts::AccountAdmin`] capability that only a permission check yields.
//! - [`audit`]: browsing (scoped) and verifying the audit trail.
//! - [`demo`]: the deterministic demo district.
//!
//! Invariant: every function that reads business data takes the reader's
//! [`auth::Actor`] and passes its scope to the store, which filters in SQL.

pub mod accounts;
pub mod activities;
pub mod annual_report;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod case_list;
pub mod cases;
pub mod demo;
pub mod demo_cases;
mod error;
pub mod held_uploads;
pub mod indicators;
pub mod mediation;
pub mod petitions;
pub mod portal;
pub mod proposals;
pub mod reviews;
mod scope_cache;
pub mod sheet;
pub mod throttle;
pub mod transfers;

pub use error::AppError;

use fazhi_core::time::SharedNow;
use fazhi_store::Store;

/// Security settings for accounts and sessions.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session ends after this long without a request.
    pub session_idle: chrono::Duration,
    /// A session ends this long after login regardless of activity.
    pub session_max: chrono::Duration,
    /// Failed logins in a row before the account is locked.
    pub lockout_threshold: i64,
    /// How long a lockout lasts.
    pub lockout_duration: chrono::Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            session_idle: chrono::Duration::minutes(30),
            session_max: chrono::Duration::hours(12),
            lockout_threshold: 5,
            lockout_duration: chrono::Duration::minutes(15),
        }
    }
}

/// The application: storage, the injected clock and settings.
#[derive(Debug, Clone)]
pub struct App {
    /// Private: every business read goes through a use case that takes the
    /// reader's scope. The command line (an operator on the machine) and the
    /// tests reach the store through [`App::operator_store`]; the web never
    /// does (checked by `crates/fazhi-web/tests/architecture.rs`).
    store: Store,
    pub now: SharedNow,
    pub auth: AuthSettings,
    /// Failed-login counters (per account and client address), in memory.
    pub(crate) throttle: throttle::LoginThrottle,
    /// The merged official calendar and the notice count it was built from.
    calendar_cache: CalendarCache,
    /// The deadline rules every use case counts with: the built-in rules with
    /// the local overrides of [U] rules (`rules_file` in the configuration).
    rules: std::sync::Arc<fazhi_core::clock::RuleSet>,
    /// The regions of the scopes in use ([`scope_cache`]): one query less on
    /// every signed-in request.
    scopes: scope_cache::ScopeCache,
}

type CalendarCache = std::sync::Arc<std::sync::RwLock<Option<(i64, std::sync::Arc<fazhi_core::clock::Calendar>)>>>;

impl App {
    pub fn new(store: Store, now: SharedNow, auth: AuthSettings) -> Self {
        Self {
            store,
            now,
            auth,
            throttle: throttle::LoginThrottle::default(),
            calendar_cache: CalendarCache::default(),
            rules: std::sync::Arc::new(fazhi_core::clock::RuleSet::builtin()),
            scopes: scope_cache::ScopeCache::default(),
        }
    }

    /// This application counting with `rules` (the built-in rules with local
    /// overrides, [`fazhi_core::clock::RuleSet::apply_overrides`]).
    pub fn with_rules(mut self, rules: fazhi_core::clock::RuleSet) -> Self {
        self.rules = std::sync::Arc::new(rules);
        self
    }

    /// The deadline rules in force.
    pub fn rules(&self) -> &fazhi_core::clock::RuleSet {
        &self.rules
    }

    /// The scope of the subtree at `path` with the regions it spans
    /// (remembered for a while: [`scope_cache`]).
    pub async fn scope_at(&self, path: &fazhi_core::org::UnitPath) -> Result<fazhi_store::Scope, AppError> {
        Ok(self.scopes.resolve(&self.store, path).await?)
    }

    /// Forgets the remembered scopes: after a unit was created, whose region
    /// a subtree may not have spanned before.
    pub(crate) fn forget_scopes(&self) {
        self.scopes.forget();
    }

    /// The store itself, unscoped: for the command line run by an operator on
    /// the machine, and for tests. Never for the web layer.
    pub fn operator_store(&self) -> &Store {
        &self.store
    }

    /// Whether the database answers, and which backend it is (`/healthz`).
    pub async fn database_health(&self) -> (bool, &'static str) {
        (self.store.ping().await.is_ok(), self.store.backend().name())
    }
}
