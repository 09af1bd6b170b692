//! The official calendar of this installation: the built-in years plus the
//! notices imported at run time (a coordinator adds next year's notice
//! without a new release).

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::clock::{BeyondCoverage, Calendar, NoticeSummary};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::calendar::{self, StoredNotice};
use std::sync::Arc;

impl App {
    /// The built-in calendar with every stored notice merged, oldest first.
    ///
    /// Built once and cached; the cache is keyed by the number of stored
    /// notices (one cheap query), so an import by another process is picked
    /// up on the next call.
    pub async fn calendar(&self) -> Result<Arc<Calendar>, AppError> {
        let stored = calendar::count(self.store.pool()).await?;
        if let Ok(guard) = self.calendar_cache.read() {
            if let Some((n, cal)) = guard.as_ref() {
                if *n == stored {
                    return Ok(Arc::clone(cal));
                }
            }
        }
        let mut cal = Calendar::shared_builtin().clone();
        for n in calendar::list(self.store.pool()).await? {
            // Stored notices were validated on import; one that no longer
            // merges is corrupt data, not a user error.
            cal.merge_notice(&n.toml_text)
                .map_err(|e| AppError::Internal(format!("stored calendar notice {}: {e}", n.id)))?;
        }
        // A deadline that runs into a year whose notice is not out yet (every
        // December) is computed on plain weekends and flagged provisional
        // with a note in its explanation, rather than not computed at all:
        // a deadline that is not shown would be silently missed.
        cal.set_beyond_coverage(BeyondCoverage::AssumeWeekendsOnly);
        let cal = Arc::new(cal);
        if let Ok(mut guard) = self.calendar_cache.write() {
            *guard = Some((stored, Arc::clone(&cal)));
        }
        Ok(cal)
    }

    /// Validates a notice against the current calendar and stores it.
    pub async fn import_calendar_notice(&self, actor: &Actor, toml_text: &str) -> Result<NoticeSummary, AppError> {
        actor.require(Permission::ManageCalendar)?;
        let mut cal = Calendar::clone(&*self.calendar().await?);
        let summary =
            cal.merge_notice(toml_text).map_err(|e| AppError::invalid(FieldError::new("notice", e.to_string())))?;
        let years = summary.years.iter().map(|y| y.year.to_string()).collect::<Vec<_>>().join(",");
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        calendar::insert(&mut tx, &years, toml_text).await?;
        tx.commit().await?;
        Ok(summary)
    }

    pub async fn calendar_notices(&self) -> Result<Vec<StoredNotice>, AppError> {
        Ok(calendar::list(self.store.pool()).await?)
    }
}
