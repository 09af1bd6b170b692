//! Handing a case to a unit of another region (a transfer).
//!
//! A case lives in the region of its handling unit and never changes region
//! (the database refuses it; a distributed engine would too). When a matter
//! belongs to another district, the case is handed over: a new case there
//! (the next number of the same series in that region, the same state,
//! history and attachments), the old one closed with the reason, each
//! pointing at the other, and each region's audit chain recording its side.

use crate::auth::Actor;
use crate::error::found;
use crate::{App, AppError};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::cases::{self, CaseRow, Transfer};
use fazhi_store::{units, Scope};

impl App {
    /// Hands case `id` (at `version`, in the actor's scope) to `to_unit_id`,
    /// a unit of another region, for `reason`. Returns the closed case and
    /// the new one.
    pub async fn transfer_case(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        to_unit_id: i64,
        reason: &str,
    ) -> Result<(CaseRow, CaseRow), AppError> {
        actor.require(Permission::WriteRecords)?;
        let reason = reason.trim();
        let mut errors = Vec::new();
        if !(5..=500).contains(&reason.chars().count()) {
            errors.push(FieldError::new("reason", format!("请写明移交的理由(5至500字),您填写的是“{reason}”")));
        }
        let row = cases::get(self.store.pool(), &actor.scope, id).await?;
        // The receiving unit is usually outside the actor's scope (another
        // district): any active unit may receive a case.
        let to = found(units::get(self.store.pool(), &Scope::everything(), to_unit_id).await)?;
        match &to {
            None => errors.push(FieldError::new("to_unit_id", format!("找不到编号为{to_unit_id}的接收单位"))),
            Some(u) if !u.active => errors.push(FieldError::new("to_unit_id", format!("接收单位“{}”已停用", u.name))),
            Some(u) if u.region_code == row.region_code => errors.push(FieldError::new(
                "to_unit_id",
                format!("接收单位“{}”与本案同属行政区划{},区划内转办请在案件中办理", u.name, u.region_code),
            )),
            Some(_) => {}
        }
        if row.transferred_to_id.is_some() || row.closed_on.is_some() {
            errors.push(FieldError::new("case", format!("案件{}已办结或已移交,不能再移交", row.number)));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        if row.version != version {
            return Err(AppError::Stale);
        }
        let t = Transfer { to_unit_id, reason: reason.to_owned(), on: self.now.today().to_string() };
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let moved = cases::transfer(&mut tx, &row.region_code, row.id, version, &t).await?;
        tx.commit().await?;
        Ok(moved)
    }
}
