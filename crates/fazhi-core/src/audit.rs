//! The audit trail's hash chain.
//!
//! Every create, change and delete of business data appends one
//! [`AuditRecord`]. Each record's hash covers its own fields and the previous
//! record's hash, so altering or removing any stored row breaks the chain at
//! that row; [`verify_chain`] names the first broken link.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash that precedes the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened to the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    /// Security-relevant events that are not data changes (login, lockout …).
    Security,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Security => "security",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Create => "新建",
            AuditAction::Update => "修改",
            AuditAction::Delete => "删除",
            AuditAction::Security => "安全事件",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Some(match s {
            "create" => AuditAction::Create,
            "update" => AuditAction::Update,
            "delete" => AuditAction::Delete,
            "security" => AuditAction::Security,
            _ => return None,
        })
    }
}

/// One stored audit row, exactly as hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Position in the chain, 1-based and gapless.
    pub seq: i64,
    /// RFC 3339 UTC timestamp, stored as text so that it hashes identically on
    /// every backend.
    pub at: String,
    /// The acting user's id (`None` for the system itself, e.g. the demo loader).
    pub actor_id: Option<i64>,
    /// The acting user's login name at the time.
    pub actor: String,
    pub action: String,
    /// The kind of entity, e.g. `unit`, `user`.
    pub entity: String,
    pub entity_id: String,
    /// JSON of the entity before the change (`null` on create).
    pub before: String,
    /// JSON of the entity after the change (`null` on delete).
    pub after: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of a record's content given the previous hash.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: &str,
    after: &str,
) -> String {
    let mut h = Sha256::new();
    let actor_id = actor_id.map(|i| i.to_string()).unwrap_or_default();
    let seq = seq.to_string();
    // Length-prefix every field so that no two field lists hash alike.
    for field in [prev_hash, &seq, at, &actor_id, actor, action, entity, entity_id, before, after] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

impl AuditRecord {
    /// Recomputes this record's hash from its fields.
    pub fn expected_hash(&self) -> String {
        chain_hash(
            &self.prev_hash,
            self.seq,
            &self.at,
            self.actor_id,
            &self.actor,
            &self.action,
            &self.entity,
            &self.entity_id,
            &self.before,
            &self.after,
        )
    }
}

/// Why a chain does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("审计记录第{seq}条的内容与其哈希不符(记录被修改)")]
    Altered { seq: i64 },
    #[error("审计记录第{seq}条的前序哈希与第{prev}条不符(记录被修改或删除)")]
    Unlinked { seq: i64, prev: i64 },
    #[error("审计记录序号不连续:第{expected}条缺失,下一条是第{found}条(记录被删除)")]
    Gap { expected: i64, found: i64 },
    #[error("审计记录链末尾与链头记录不符:链头为第{head}条,实际最后一条为第{last}条(末尾记录被删除或修改)")]
    Head { head: i64, last: i64 },
}

impl ChainBreak {
    /// The sequence number of the first broken link.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Altered { seq } | ChainBreak::Unlinked { seq, .. } => *seq,
            ChainBreak::Gap { expected, .. } => *expected,
            ChainBreak::Head { last, .. } => *last,
        }
    }
}

/// Incremental verifier: feed records in `seq` order.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { prev_hash: GENESIS_HASH.to_owned(), next_seq: 1 }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, r: &AuditRecord) -> Result<(), ChainBreak> {
        if r.seq != self.next_seq {
            return Err(ChainBreak::Gap { expected: self.next_seq, found: r.seq });
        }
        if r.expected_hash() != r.hash {
            return Err(ChainBreak::Altered { seq: r.seq });
        }
        if r.prev_hash != self.prev_hash {
            return Err(ChainBreak::Unlinked { seq: r.seq, prev: r.seq - 1 });
        }
        self.prev_hash.clone_from(&r.hash);
        self.next_seq += 1;
        Ok(())
    }

    /// Checks the end of the chain against the head the store keeps
    /// (last sequence number and hash), which catches removed tail rows.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.next_seq - 1;
        if head_seq != last || (last > 0 && head_hash != self.prev_hash) {
            return Err(ChainBreak::Head { head: head_seq, last });
        }
        Ok(last)
    }
}

/// Verifies a whole chain held in memory.
pub fn verify_chain(records: &[AuditRecord]) -> Result<usize, ChainBreak> {
    let mut v = ChainVerifier::default();
    for r in records {
        v.push(r)?;
    }
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let at = format!("2026-01-0{}T08:00:00Z", seq % 9 + 1);
                let after = format!("{{\"name\":\"单位{seq}\"}}");
                let hash =
                    chain_hash(&prev, seq, &at, Some(1), "admin", "create", "unit", &seq.to_string(), "null", &after);
                let r = AuditRecord {
                    seq,
                    at,
                    actor_id: Some(1),
                    actor: "admin".into(),
                    action: "create".into(),
                    entity: "unit".into(),
                    entity_id: seq.to_string(),
                    before: "null".into(),
                    after,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                r
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify_chain(&chain(5)), Ok(5));
    }

    #[test]
    fn altered_row_is_named() {
        let mut c = chain(5);
        c[2].after = "{\"name\":\"篡改\"}".into();
        assert_eq!(verify_chain(&c), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn rehashed_row_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].after = "{}".into();
        c[2].hash = c[2].expected_hash();
        assert_eq!(verify_chain(&c), Err(ChainBreak::Unlinked { seq: 4, prev: 3 }));
    }

    #[test]
    fn removed_row_is_a_gap() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify_chain(&c), Err(ChainBreak::Gap { expected: 2, found: 3 }));
    }

    #[test]
    fn removed_tail_is_caught_by_the_head() {
        let c = chain(5);
        let mut v = ChainVerifier::default();
        for r in &c[..4] {
            assert_eq!(v.push(r), Ok(()));
        }
        assert_eq!(v.finish(5, &c[4].hash), Err(ChainBreak::Head { head: 5, last: 4 }));
        assert_eq!(v.finish(4, &c[3].hash), Ok(4));
    }
}
