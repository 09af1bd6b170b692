//! The official calendar of this installation: the built-in years plus the
//! notices imported at run time (a coordinator adds next year's notice
//! without a new release).

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::clock::{Calendar, NoticeSummary};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::calendar::{self, StoredNotice};

impl App {
    /// The built-in calendar with every stored notice merged, oldest first.
    pub async fn calendar(&self) -> Result<Calendar, AppError> {
        let mut cal = Calendar::builtin();
        for n in calendar::list(self.store.pool()).await? {
            // Stored notices were validated on import; one that no longer
            // merges is corrupt data, not a user error.
            cal.merge_notice(&n.toml_text)
                .map_err(|e| AppError::Internal(format!("stored calendar notice {}: {e}", n.id)))?;
        }
        Ok(cal)
    }

    /// Validates a notice against the current calendar and stores it.
    pub async fn import_calendar_notice(&self, actor: &Actor, toml_text: &str) -> Result<NoticeSummary, AppError> {
        actor.require(Permission::ManageCalendar)?;
        let mut cal = self.calendar().await?;
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
