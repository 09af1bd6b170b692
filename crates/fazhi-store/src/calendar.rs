//! Holiday notices imported at run time. The text is validated by the
//! application (with `fazhi_core::clock::Calendar::merge_notice`) before it
//! is stored; at start every stored notice is merged, oldest first.

use crate::{ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use serde::Serialize;
use sqlx::AnyPool;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredNotice {
    pub id: i64,
    /// The years the notice covers, e.g. "2027".
    pub years: String,
    #[serde(skip)]
    pub toml_text: String,
    pub imported_at: String,
    pub imported_by: String,
}

pub async fn insert(tx: &mut WriteTx, years: &str, toml_text: &str) -> Result<StoredNotice, StoreError> {
    let at = ts(tx.at());
    let by = tx.actor().username.clone();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO calendar_notices (years, toml_text, imported_at, imported_by) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(years)
    .bind(toml_text)
    .bind(&at)
    .bind(&by)
    .fetch_one(&mut *tx.tx)
    .await?;
    let n =
        StoredNotice { id, years: years.to_owned(), toml_text: toml_text.to_owned(), imported_at: at, imported_by: by };
    let after = serde_json::json!({"years": years, "toml": toml_text});
    tx.audit(
        crate::NO_REGION,
        AuditAction::Create,
        "calendar_notice",
        &id.to_string(),
        None,
        None::<&()>,
        Some(&after),
    )
    .await?;
    Ok(n)
}

/// Every stored notice, oldest first.
pub async fn list(pool: &AnyPool) -> Result<Vec<StoredNotice>, StoreError> {
    let rows: Vec<(i64, String, String, String, String)> =
        sqlx::query_as("SELECT id, years, toml_text, imported_at, imported_by FROM calendar_notices ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, years, toml_text, imported_at, imported_by)| StoredNotice {
            id,
            years,
            toml_text,
            imported_at,
            imported_by,
        })
        .collect())
}

/// Number of stored notices (the calendar cache's key).
pub async fn count(pool: &AnyPool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM calendar_notices").fetch_one(pool).await?)
}
