//! Reading and verifying the audit trail. Appending is done only by
//! [`crate::WriteTx::audit`].

use crate::{scope_condition, StoreError};
use fazhi_core::audit::{AuditKey, AuditRecord, ChainBreak, ChainVerifier};
use fazhi_core::org::UnitPath;
use sqlx::AnyPool;

/// A filter for browsing the trail. `scope = None` means the whole trail
/// (system administrators); otherwise only entries about units inside it.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub scope: Option<UnitPath>,
    pub entity: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    /// Inclusive lower bound on the timestamp (`YYYY-MM-DD` or RFC 3339).
    pub from: Option<String>,
    /// Exclusive upper bound.
    pub until: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    at: String,
    actor_id: Option<i64>,
    actor: String,
    action: String,
    entity: String,
    entity_id: String,
    unit_path: Option<String>,
    before_json: String,
    after_json: String,
    prev_hash: String,
    hash: String,
}

impl From<Row> for AuditRecord {
    fn from(r: Row) -> Self {
        AuditRecord {
            seq: r.seq,
            at: r.at,
            actor_id: r.actor_id,
            actor: r.actor,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            unit_path: r.unit_path,
            before: r.before_json,
            after: r.after_json,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const COLUMNS: &str =
    "seq, at, actor_id, actor, action, entity, entity_id, unit_path, before_json, after_json, prev_hash, hash";

/// Entries matching the filter, newest first, and the total count.
pub async fn browse(pool: &AnyPool, f: &AuditFilter) -> Result<(Vec<AuditRecord>, i64), StoreError> {
    let mut conds = vec!["1 = 1".to_owned()];
    let mut binds: Vec<String> = Vec::new();
    let mut push = |cond: &dyn Fn(usize) -> String, value: String| {
        binds.push(value);
        conds.push(cond(binds.len()));
    };
    if let Some(scope) = &f.scope {
        push(&|n| scope_condition("unit_path", n), scope.as_str().to_owned());
    }
    if let Some(e) = &f.entity {
        push(&|n| format!("entity = ${n}"), e.clone());
    }
    if let Some(a) = &f.actor {
        push(&|n| format!("actor = ${n}"), a.clone());
    }
    if let Some(a) = &f.action {
        push(&|n| format!("action = ${n}"), a.clone());
    }
    if let Some(from) = &f.from {
        push(&|n| format!("at >= ${n}"), from.clone());
    }
    if let Some(until) = &f.until {
        push(&|n| format!("at < ${n}"), until.clone());
    }
    let where_ = conds.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM audit_log WHERE {where_}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &binds {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(pool).await?;
    let n = binds.len();
    let sql =
        format!("SELECT {COLUMNS} FROM audit_log WHERE {where_} ORDER BY seq DESC LIMIT ${} OFFSET ${}", n + 1, n + 2);
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = q.bind(f.limit.clamp(1, 500)).bind(f.offset.max(0)).fetch_all(pool).await?;
    Ok((rows.into_iter().map(AuditRecord::from).collect(), total))
}

/// The outcome of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// All `n` entries link up and the head matches.
    Intact(i64),
    Broken(ChainBreak),
}

/// The stored hash of entry `seq`, if it exists.
pub async fn hash_at(pool: &AnyPool, seq: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = $1").bind(seq).fetch_optional(pool).await?)
}

/// The head the store keeps: the last sequence number and its hash.
pub async fn head(pool: &AnyPool) -> Result<(i64, String), StoreError> {
    Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await?)
}

/// Walks the whole chain in batches and checks every keyed link and the head.
pub async fn verify(pool: &AnyPool, key: &AuditKey) -> Result<Verification, StoreError> {
    let mut v = ChainVerifier::new(key);
    let mut after = 0_i64;
    loop {
        let rows: Vec<Row> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000"))
                .bind(after)
                .fetch_all(pool)
                .await?;
        if rows.is_empty() {
            break;
        }
        for r in rows {
            let rec = AuditRecord::from(r);
            after = rec.seq;
            if let Err(b) = v.push(&rec) {
                return Ok(Verification::Broken(b));
            }
        }
    }
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await?;
    Ok(match v.finish(head_seq, &head_hash) {
        Ok(n) => Verification::Intact(n),
        Err(b) => Verification::Broken(b),
    })
}
