//! Browsing and verifying the audit trail.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::audit::AuditRecord;
use fazhi_core::org::{Permission, Role};
use fazhi_store::audit::{self, AuditFilter, Verification};

impl App {
    /// Entries the actor may see (their scope; everything for administrators),
    /// newest first, with the total count for paging.
    pub async fn browse_audit(
        &self,
        actor: &Actor,
        mut filter: AuditFilter,
    ) -> Result<(Vec<AuditRecord>, i64), AppError> {
        actor.require(Permission::ReadAudit)?;
        filter.scope = if actor.role == Role::Admin { None } else { Some(actor.scope.clone()) };
        Ok(audit::browse(self.store.pool(), &filter).await?)
    }

    /// Verifies the whole chain.
    pub async fn verify_audit(&self) -> Result<Verification, AppError> {
        Ok(audit::verify(self.store.pool()).await?)
    }
}
