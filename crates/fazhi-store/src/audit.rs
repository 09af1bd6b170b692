//! Reading and verifying the audit trail. Appending is done only by
//! [`crate::WriteTx::audit`].
//!
//! The trail is one hash chain per region (migration 0011): `audit_log` is
//! keyed by `(region_code, seq)` and `audit_heads` holds each chain's last
//! sequence number and hash. Verification walks each chain on its own, so a
//! broken chain is named by its region while the others verify intact.

use crate::scope::Scope;
use crate::StoreError;
use fazhi_core::audit::{AuditKey, AuditRecord, ChainBreak, ChainVerifier};
use sqlx::AnyPool;

/// A filter for browsing the trail. `scope = None` means the whole trail
/// (system administrators); otherwise only entries about units inside it,
/// in the regions it spans.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub scope: Option<Scope>,
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
    region_code: String,
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
            region: r.region_code,
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

const COLUMNS: &str = "region_code, seq, at, actor_id, actor, action, entity, entity_id, unit_path, before_json, \
    after_json, prev_hash, hash";

/// Entries matching the filter, newest first, and the total count.
pub async fn browse(pool: &AnyPool, f: &AuditFilter) -> Result<(Vec<AuditRecord>, i64), StoreError> {
    let mut q = crate::queries::Sql::default();
    q.push("1 = 1");
    if let Some(scope) = &f.scope {
        q.push(" AND ").region_cond("region_code", scope);
        let p = q.arg(scope.path().as_str());
        q.push(&format!(" AND unit_path LIKE {p} || '%'"));
    }
    for (col, op, v) in [
        ("entity", "=", &f.entity),
        ("actor", "=", &f.actor),
        ("action", "=", &f.action),
        ("at", ">=", &f.from),
        ("at", "<", &f.until),
    ] {
        if let Some(v) = v {
            let p = q.arg(v.as_str());
            q.push(&format!(" AND {col} {op} {p}"));
        }
    }
    let where_ = q.text.clone();
    let mut count = q.clone();
    count.text = format!("SELECT COUNT(*) FROM audit_log WHERE {where_}");
    let total: i64 = count.query_scalar().fetch_one(pool).await?;
    let l = q.arg(f.limit.clamp(1, 500));
    let o = q.arg(f.offset.max(0));
    q.text = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE {where_} ORDER BY at DESC, region_code, seq DESC LIMIT {l} OFFSET {o}"
    );
    let rows: Vec<Row> = q.query_as().fetch_all(pool).await?;
    Ok((rows.into_iter().map(AuditRecord::from).collect(), total))
}

/// The outcome of verifying one chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// All `n` entries link up and the head matches.
    Intact(i64),
    Broken(ChainBreak),
}

/// The outcome of verifying every chain, region by region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrailVerification {
    /// Each chain (region code) and how it verified, by region code.
    pub chains: Vec<(String, Verification)>,
}

impl TrailVerification {
    /// The chains that do not verify.
    pub fn broken(&self) -> Vec<(&str, &ChainBreak)> {
        self.chains
            .iter()
            .filter_map(|(r, v)| match v {
                Verification::Broken(b) => Some((r.as_str(), b)),
                Verification::Intact(_) => None,
            })
            .collect()
    }

    /// How one chain verified.
    pub fn chain(&self, region: &str) -> Option<&Verification> {
        self.chains.iter().find(|(r, _)| r == region).map(|(_, v)| v)
    }

    /// The whole trail as one verdict: intact with the number of entries of
    /// every chain, or the first broken chain's break.
    pub fn summary(&self) -> Verification {
        match self.broken().first() {
            Some((_, b)) => Verification::Broken((*b).clone()),
            None => Verification::Intact(
                self.chains.iter().map(|(_, v)| if let Verification::Intact(n) = v { *n } else { 0 }).sum(),
            ),
        }
    }
}

/// The stored hash of entry `seq` of a region's chain, if it exists.
pub async fn hash_at(pool: &AnyPool, region: &str, seq: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT hash FROM audit_log WHERE region_code = $1 AND seq = $2")
        .bind(region)
        .bind(seq)
        .fetch_optional(pool)
        .await?)
}

/// The heads the store keeps, one per chain: region, last sequence number
/// and its hash, by region code.
pub async fn heads(pool: &AnyPool) -> Result<Vec<(String, i64, String)>, StoreError> {
    Ok(sqlx::query_as("SELECT region_code, seq, hash FROM audit_heads ORDER BY region_code").fetch_all(pool).await?)
}

/// Walks one region's chain in batches and checks every keyed link and the head.
pub async fn verify_region(
    pool: &AnyPool,
    key: &AuditKey,
    region: &str,
    head: (i64, &str),
) -> Result<Verification, StoreError> {
    let mut v = ChainVerifier::new(key);
    let mut after = 0_i64;
    loop {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE region_code = $1 AND seq > $2 ORDER BY seq LIMIT 5000"
        ))
        .bind(region)
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
    Ok(match v.finish(head.0, head.1) {
        Ok(n) => Verification::Intact(n),
        Err(b) => Verification::Broken(b),
    })
}

/// Verifies every chain: the regions that have a head, and any region
/// with entries but no head (its head row was removed).
pub async fn verify(pool: &AnyPool, key: &AuditKey) -> Result<TrailVerification, StoreError> {
    let heads = heads(pool).await?;
    let orphans: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT region_code FROM audit_log WHERE region_code NOT IN (SELECT region_code FROM audit_heads) \
         ORDER BY region_code",
    )
    .fetch_all(pool)
    .await?;
    let mut out = TrailVerification::default();
    for (region, seq, hash) in &heads {
        out.chains.push((region.clone(), verify_region(pool, key, region, (*seq, hash)).await?));
    }
    for region in orphans {
        let v = verify_region(pool, key, &region, (0, "")).await?;
        out.chains.push((region, v));
    }
    out.chains.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
