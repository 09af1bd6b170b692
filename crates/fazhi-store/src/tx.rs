//! Write transactions that carry their audit entries.

use crate::dialect::Dialect;
use crate::{ts, StoreError};
use fazhi_core::audit::{chain_hash, AuditAction, AuditKey, GENESIS_HASH};
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::sync::Arc;

/// The chain of changes that concern no region (settings, the calendar),
/// and of the trail written before migration 0011.
pub const NO_REGION: &str = fazhi_core::audit::INSTALLATION_CHAIN;

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
///
/// Some writes are gathered here and made once, at [`WriteTx::commit`]:
/// the head of each audit chain the transaction appended to (its entries
/// are written at once; the head row, locked by the first append, is
/// rewritten once) and the movement of the indicator rollup (summed per
/// row over every case and activity the transaction wrote). A transaction
/// that stores many steps (the demo, an import) then writes each head and
/// each rollup row once rather than once per step; nothing inside the
/// transaction reads either before the commit (the rebuild, which rewrites
/// the rollup directly, writes the gathered movement first).
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    /// This transaction's writer place in the process (see `Store::writers`).
    _guard: tokio::sync::OwnedSemaphorePermit,
    dialect: &'static dyn Dialect,
    actor: Actor,
    at: chrono::DateTime<chrono::Utc>,
    key: Arc<AuditKey>,
    /// The regions whose lock this transaction holds already.
    locked: Vec<String>,
    /// The heads of the audit chains appended to, as they will be written
    /// at the commit.
    heads: Vec<ChainHead>,
    /// The rollup's movement per region, written at the commit
    /// (`crate::indicators::flush_rollup`).
    pub(crate) rollup: std::collections::BTreeMap<String, crate::indicators::RollupDelta>,
    /// The facts of the case this transaction projected last, as stored
    /// (`crate::indicators::project` reads them from here rather than
    /// again from the table when the same case takes its next step).
    pub(crate) last_facts: Option<crate::indicators::StoredFacts>,
    /// The case row this transaction wrote last, as it now stands
    /// (`crate::cases::record_step` takes it instead of reading the row
    /// again when the same case takes its next step at that version).
    pub(crate) last_case: Option<crate::cases::CaseRow>,
}

/// The head of one region's audit chain inside a transaction.
#[derive(Debug, Clone)]
struct ChainHead {
    region: String,
    seq: i64,
    hash: String,
}

impl std::fmt::Debug for WriteTx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTx").field("actor", &self.actor).field("at", &self.at).finish()
    }
}

impl WriteTx {
    pub(crate) fn new(
        tx: Transaction<'static, Any>,
        guard: tokio::sync::OwnedSemaphorePermit,
        dialect: &'static dyn Dialect,
        actor: Actor,
        at: chrono::DateTime<chrono::Utc>,
        key: Arc<AuditKey>,
    ) -> Self {
        Self {
            tx,
            _guard: guard,
            dialect,
            actor,
            at,
            key,
            locked: Vec::new(),
            heads: Vec::new(),
            rollup: std::collections::BTreeMap::new(),
            last_facts: None,
            last_case: None,
        }
    }

    /// The instant of this change (one per transaction).
    pub fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.at
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub(crate) fn dialect(&self) -> &'static dyn Dialect {
        self.dialect
    }

    /// Makes sure region `region` has its audit chain head (a new region
    /// starts at the genesis hash).
    pub(crate) async fn ensure_head(&mut self, region: &str) -> Result<(), StoreError> {
        let sql = self.dialect.insert_if_absent("audit_heads", &["region_code", "seq", "hash"], &["region_code"]);
        sqlx::query(&sql).bind(region).bind(0_i64).bind(GENESIS_HASH).execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Takes the lock of `region` until the transaction ends (its audit
    /// head's row, where the backend needs one): writers of one region line
    /// up, writers of other regions do not wait. Taking it again in the same
    /// transaction costs nothing.
    pub(crate) async fn lock_region(&mut self, region: &str) -> Result<(), StoreError> {
        if self.locked.iter().any(|r| r == region) {
            return Ok(());
        }
        if let Some(sql) = self.dialect.lock_region() {
            let locked: Option<i64> = sqlx::query_scalar(sql).bind(region).fetch_optional(&mut *self.tx).await?;
            if locked.is_none() {
                self.ensure_head(region).await?;
                sqlx::query_scalar::<_, i64>(sql).bind(region).fetch_one(&mut *self.tx).await?;
            }
        }
        self.locked.push(region.to_owned());
        Ok(())
    }

    /// Takes the head row of `region`'s chain (made at the genesis hash if
    /// the region has none) for this transaction's first append there:
    /// bumps its number and returns it with the previous hash. The row is
    /// locked until the commit, so the region's lock is held from here on.
    async fn take_head(&mut self, region: &str) -> Result<(i64, String), StoreError> {
        let bump = "UPDATE audit_heads SET seq = seq + 1 WHERE region_code = $1 RETURNING seq, hash";
        let head: Option<(i64, String)> = sqlx::query_as(bump).bind(region).fetch_optional(&mut *self.tx).await?;
        let head = match head {
            Some(h) => h,
            None => {
                self.ensure_head(region).await?;
                sqlx::query_as(bump).bind(region).fetch_one(&mut *self.tx).await?
            }
        };
        if !self.locked.iter().any(|r| r == region) {
            self.locked.push(region.to_owned());
        }
        Ok(head)
    }

    /// Appends one audit entry to the chain of `region` (the region of the
    /// entity: a case's region, the region of the unit a unit, user or token
    /// concerns; [`NO_REGION`] for changes that concern none).
    /// `before`/`after` are serialised to JSON; `unit_path` is the path of
    /// the unit the entity belongs to, used to scope who may browse the entry.
    #[allow(clippy::too_many_arguments)]
    pub async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        region: &str,
        action: AuditAction,
        entity: &str,
        entity_id: &str,
        unit_path: Option<&str>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<i64, StoreError> {
        let before = to_json(before)?;
        let after = to_json(after)?;
        // The first entry of a chain in this transaction takes the region's
        // head row, which locks it (PostgreSQL row lock, SQLite write lock)
        // so that concurrent appends to one chain line up; the next entries
        // follow the head kept here, written back once at the commit.
        let (seq, prev_hash) = match self.heads.iter().find(|h| h.region == region) {
            Some(h) => (h.seq + 1, h.hash.clone()),
            None => self.take_head(region).await?,
        };
        let at = ts(self.at);
        let hash = chain_hash(
            &self.key,
            region,
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
            "INSERT INTO audit_log (region_code, seq, at, actor_id, actor, action, entity, entity_id, unit_path, before_json, \
             after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(region)
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
        match self.heads.iter_mut().find(|h| h.region == region) {
            Some(h) => {
                h.seq = seq;
                h.hash = hash;
            }
            None => self.heads.push(ChainHead { region: region.to_owned(), seq, hash }),
        }
        Ok(seq)
    }

    /// Writes what was gathered (the rollup's movement, the chain heads)
    /// and commits.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        crate::indicators::flush_rollup(&mut self).await?;
        for h in std::mem::take(&mut self.heads) {
            sqlx::query("UPDATE audit_heads SET seq = $1, hash = $2 WHERE region_code = $3")
                .bind(h.seq)
                .bind(&h.hash)
                .bind(&h.region)
                .execute(&mut *self.tx)
                .await?;
        }
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
