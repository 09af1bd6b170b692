//! Installation-wide settings (key/value), e.g. which demo seed was loaded.

use crate::StoreError;
use sqlx::AnyPool;

pub async fn get(pool: &AnyPool, key: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(pool).await?)
}

pub async fn set(tx: &mut crate::WriteTx, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(&mut *tx.tx).await?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)").bind(key).bind(value).execute(&mut *tx.tx).await?;
    Ok(())
}
