//! Write transactions that carry their audit entries.

use crate::{ts, StoreError};
use fazhi_core::audit::{chain_hash, AuditAction, AuditKey};
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::sync::Arc;

/// Who is making a change, as recorded in the audit trail.
#[derive(Debug, Clone)]
pub struct Actor {
    /// `None` for the system itself (migrations, demo loader, CLI without a user).
    pub user_id: Option<i64>,
    pub username: String,
}

impl Actor {
    pub fn system(name: &str) -> Self {
        Self { user_id: None, username: name.to_owned() }
    }
}

/// A write transaction. Dropping it without [`WriteTx::commit`] rolls back
/// every change and every audit entry made in it.
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    _guard: tokio::sync::OwnedMutexGuard<()>,
    actor: Actor,
    at: chrono::DateTime<chrono::Utc>,
    key: Arc<AuditKey>,
}

impl std::fmt::Debug for WriteTx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTx").field("actor", &self.actor).field("at", &self.at).finish()
    }
}

impl WriteTx {
    pub(crate) fn new(
        tx: Transaction<'static, Any>,
        guard: tokio::sync::OwnedMutexGuard<()>,
        actor: Actor,
        at: chrono::DateTime<chrono::Utc>,
        key: Arc<AuditKey>,
    ) -> Self {
        Self { tx, _guard: guard, actor, at, key }
    }

    /// The instant of this change (one per transaction).
    pub fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.at
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Appends one audit entry. `before`/`after` are serialised to JSON;
    /// `unit_path` is the path of the unit the entity belongs to, used to
    /// scope who may browse the entry.
    pub async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        action: AuditAction,
        entity: &str,
        entity_id: &str,
        unit_path: Option<&str>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<i64, StoreError> {
        let before = to_json(before)?;
        let after = to_json(after)?;
        // Taking the head row first locks it (PostgreSQL row lock, SQLite
        // write lock), so concurrent appends line up behind each other.
        let (seq, prev_hash): (i64, String) =
            sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *self.tx)
                .await?;
        let at = ts(self.at);
        let hash = chain_hash(
            &self.key,
            &prev_hash,
            seq,
            &at,
            self.actor.user_id,
            &self.actor.username,
            action.code(),
            entity,
            entity_id,
            unit_path,
            &before,
            &after,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, unit_path, before_json, after_json, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(seq)
        .bind(&at)
        .bind(self.actor.user_id)
        .bind(&self.actor.username)
        .bind(action.code())
        .bind(entity)
        .bind(entity_id)
        .bind(unit_path)
        .bind(&before)
        .bind(&after)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut *self.tx).await?;
        Ok(seq)
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

fn to_json<T: Serialize>(v: Option<&T>) -> Result<String, StoreError> {
    match v {
        None => Ok("null".to_owned()),
        Some(v) => serde_json::to_string(v).map_err(|e| StoreError::Database(e.to_string())),
    }
}
