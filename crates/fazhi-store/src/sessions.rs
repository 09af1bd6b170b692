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
    /// When it stops working (`None` only for tokens issued before expiry existed).
    pub expires_at: Option<String>,
    pub revoked: bool,
    pub revoked_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    user_id: i64,
    name: String,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
    revoked: i64,
    revoked_at: Option<String>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> Self {
        ApiToken {
            id: r.id,
            user_id: r.user_id,
            name: r.name,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            expires_at: r.expires_at,
            revoked: r.revoked != 0,
            revoked_at: r.revoked_at,
        }
    }
}

const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, last_used_at, expires_at, revoked, revoked_at";

pub async fn create_token(
    tx: &mut WriteTx,
    user_id: i64,
    name: &str,
    token_hash: &str,
    expires_at: chrono::DateTime<chrono::Utc>,
) -> Result<ApiToken, StoreError> {
    let at = ts(tx.at());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, revoked) VALUES ($1, $2, $3, $4, $5, 0) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(&at)
    .bind(ts(expires_at))
    .fetch_one(&mut *tx.tx)
    .await?;
    let token = token_in_tx(tx, id).await?;
    let region = user_region(tx, user_id).await?;
    tx.audit(&region, AuditAction::Create, "api_token", &id.to_string(), None, None::<&()>, Some(&token)).await?;
    Ok(token)
}

/// The region of a user's unit: a token's changes go to its audit chain.
async fn user_region(tx: &mut WriteTx, user_id: i64) -> Result<String, StoreError> {
    sqlx::query_scalar("SELECT n.region_code FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1")
        .bind(user_id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn token_in_tx(tx: &mut WriteTx, id: i64) -> Result<ApiToken, StoreError> {
    let row: TokenRow = sqlx::query_as(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.into())
}

/// One token by id (unscoped: the caller checks whose it is).
pub async fn token_by_id(pool: &AnyPool, id: i64) -> Result<ApiToken, StoreError> {
    let row: TokenRow = sqlx::query_as(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.into())
}

/// A user's tokens, newest first.
pub async fn tokens_of(pool: &AnyPool, user_id: i64) -> Result<Vec<ApiToken>, StoreError> {
    let rows: Vec<TokenRow> =
        sqlx::query_as(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"))
            .bind(user_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(ApiToken::from).collect())
}

/// Revokes one token (idempotent), audited.
pub async fn revoke_token(tx: &mut WriteTx, id: i64) -> Result<ApiToken, StoreError> {
    let before = token_in_tx(tx, id).await?;
    if before.revoked {
        return Ok(before);
    }
    sqlx::query("UPDATE api_tokens SET revoked = 1, revoked_at = $1 WHERE id = $2")
        .bind(ts(tx.at()))
        .bind(id)
        .execute(&mut *tx.tx)
        .await?;
    let after = token_in_tx(tx, id).await?;
    let region = user_region(tx, after.user_id).await?;
    tx.audit(&region, AuditAction::Update, "api_token", &id.to_string(), None, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Revokes every live token of a user (password change, reset, disable),
/// in the caller's transaction; each revocation is audited.
pub async fn revoke_all_tokens(tx: &mut WriteTx, user_id: i64) -> Result<u64, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM api_tokens WHERE user_id = $1 AND revoked = 0 ORDER BY id")
        .bind(user_id)
        .fetch_all(&mut *tx.tx)
        .await?;
    for id in &ids {
        revoke_token(tx, *id).await?;
    }
    Ok(ids.len() as u64)
}

/// The user id behind a live token (not revoked, not expired), recording its use.
pub async fn token_user(
    pool: &AnyPool,
    token_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<i64>, StoreError> {
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked = 0 \
         AND (expires_at IS NULL OR expires_at > $1) RETURNING user_id",
    )
    .bind(ts(now))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(user)
}
