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
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod case_list;
pub mod cases;
pub mod demo;
pub mod demo_cases;
mod error;
pub mod indicators;
pub mod reviews;

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
    pub store: Store,
    pub now: SharedNow,
    pub auth: AuthSettings,
    /// The merged official calendar and the notice count it was built from.
    calendar_cache: CalendarCache,
}

type CalendarCache = std::sync::Arc<std::sync::RwLock<Option<(i64, std::sync::Arc<fazhi_core::clock::Calendar>)>>>;

impl App {
    pub fn new(store: Store, now: SharedNow, auth: AuthSettings) -> Self {
        Self { store, now, auth, calendar_cache: CalendarCache::default() }
    }
}
