//! Uploads held between a preview and its confirmation (migration 0015,
//! a local table like `sessions`): the file, the session and user it
//! belongs to, what it is for and when it expires. The token that names a
//! held upload is never stored, only its SHA-256 (as for sessions). Not
//! business data: no scope, no audit entry; the application decides who may
//! hold what and for how long (`fazhi_app::held_uploads`).

use crate::{ts, StoreError};
use sqlx::AnyPool;

/// A held upload to store.
#[derive(Debug, Clone, Copy)]
pub struct NewHeld<'a> {
    pub token_hash: &'a str,
    pub session_hash: &'a str,
    pub user_id: i64,
    pub purpose: &'a str,
    pub content: &'a [u8],
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Stores `held` after removing every expired upload and the user's oldest
/// ones beyond `keep - 1`, so that the user holds at most `keep` with this
/// one.
pub async fn hold(pool: &AnyPool, held: NewHeld<'_>, keep: i64) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM held_uploads WHERE expires_at < $1").bind(ts(held.created_at)).execute(&mut *tx).await?;
    sqlx::query(
        "DELETE FROM held_uploads WHERE user_id = $1 AND token_hash NOT IN \
         (SELECT token_hash FROM held_uploads WHERE user_id = $1 ORDER BY created_at DESC, token_hash LIMIT $2)",
    )
    .bind(held.user_id)
    .bind((keep - 1).max(0))
    .execute(&mut *tx)
    .await?;
    let size = i64::try_from(held.content.len()).unwrap_or(i64::MAX);
    sqlx::query(
        "INSERT INTO held_uploads (token_hash, session_hash, user_id, purpose, size, created_at, expires_at, content) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(held.token_hash)
    .bind(held.session_hash)
    .bind(held.user_id)
    .bind(held.purpose)
    .bind(size)
    .bind(ts(held.created_at))
    .bind(ts(held.expires_at))
    .bind(held.content)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the upload `token_hash` if it belongs to this session and user, is
/// for `purpose` and has not expired at `now`: its content, removed from the
/// table in the same statement (of two confirmations racing for one upload,
/// one gets it). `None` otherwise, without saying which condition failed.
pub async fn take(
    pool: &AnyPool,
    token_hash: &str,
    session_hash: &str,
    user_id: i64,
    purpose: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Vec<u8>>, StoreError> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as(
        "DELETE FROM held_uploads \
         WHERE token_hash = $1 AND session_hash = $2 AND user_id = $3 AND purpose = $4 AND expires_at >= $5 \
         RETURNING content",
    )
    .bind(token_hash)
    .bind(session_hash)
    .bind(user_id)
    .bind(purpose)
    .bind(ts(now))
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(content,)| content))
}

/// Removes the uploads expired at `now`.
pub async fn purge(pool: &AnyPool, now: chrono::DateTime<chrono::Utc>) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM held_uploads WHERE expires_at < $1").bind(ts(now)).execute(pool).await?.rows_affected())
}
