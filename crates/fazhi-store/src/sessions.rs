//! Login sessions and API tokens. Only SHA-256 hashes of the secrets are
//! stored; the secrets themselves live in the browser's cookie or the API
//! client.

use crate::{parse_ts, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use serde::Serialize;
use sqlx::AnyPool;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub async fn create(
    pool: &AnyPool,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    now: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(ts(now))
    .bind(ts(expires_at))
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn get(pool: &AnyPool, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
    row.map(|(user_id, csrf_token, last, exp)| {
        Ok(SessionRow { user_id, csrf_token, last_seen_at: parse_ts(&last)?, expires_at: parse_ts(&exp)? })
    })
    .transpose()
}

pub async fn touch(pool: &AnyPool, token_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(ts(now))
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete(pool: &AnyPool, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await?;
    Ok(())
}

/// Removes sessions that expired or were idle since before `idle_cutoff`.
pub async fn purge(
    pool: &AnyPool,
    now: chrono::DateTime<chrono::Utc>,
    idle_cutoff: chrono::DateTime<chrono::Utc>,
) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(ts(now))
        .bind(ts(idle_cutoff))
        .execute(pool)
        .await?
        .rows_affected())
}

/// An API token's public description (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked: bool,
}

pub async fn create_token(
    tx: &mut WriteTx,
    user_id: i64,
    name: &str,
    token_hash: &str,
) -> Result<ApiToken, StoreError> {
    let at = ts(tx.at());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, revoked) VALUES ($1, $2, $3, $4, 0) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(&at)
    .fetch_one(&mut *tx.tx)
    .await?;
    let token = ApiToken { id, user_id, name: name.to_owned(), created_at: at, last_used_at: None, revoked: false };
    tx.audit(AuditAction::Create, "api_token", &id.to_string(), None, None::<&()>, Some(&token)).await?;
    Ok(token)
}

/// The user id behind a live token, recording its use.
pub async fn token_user(
    pool: &AnyPool,
    token_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<i64>, StoreError> {
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked = 0 RETURNING user_id",
    )
    .bind(ts(now))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(user)
}
