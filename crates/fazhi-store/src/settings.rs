//! Installation-wide settings (key/value), e.g. which demo seed was loaded.

use crate::StoreError;
use sqlx::AnyPool;

pub async fn get(pool: &AnyPool, key: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(pool).await?)
}

/// Sets a setting (an upsert, spelled by the backend's dialect).
pub async fn set(tx: &mut crate::WriteTx, key: &str, value: &str) -> Result<(), StoreError> {
    let sql = tx.dialect().upsert("settings", &["key", "value"], &["key"]);
    sqlx::query(&sql).bind(key).bind(value).execute(&mut *tx.tx).await?;
    Ok(())
}
