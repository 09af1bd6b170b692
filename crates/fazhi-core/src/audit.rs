//! The audit trail's keyed hash chain and its signed checkpoints.
//!
//! Every create, change and delete of business data appends one
//! [`AuditRecord`]. Each record's hash is an HMAC-SHA256, under a secret
//! [`AuditKey`] kept outside the database, of every column of the row and
//! the previous record's hash: whoever can write the database but not read
//! the key cannot recompute a hash, so altering, re-hashing or removing any
//! row breaks the chain at that row; [`verify_chain`] names the first broken
//! link. Removing the newest rows (and moving the head back) is caught by
//! [`Checkpoint`]s: signed (sequence, hash) pairs written outside the
//! database. There is one chain per region (the 6-digit region code names
//! it; [`INSTALLATION_CHAIN`] holds what concerns no region and the trail
//! written before chains were per region); a checkpoint holds every
//! chain's head and one root over them ([`root_of`], a root of roots).

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The secret that keys the chain and signs checkpoints: 32 bytes, stored
/// as 64 hex characters in a file outside the database.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({})", self.fingerprint())
    }
}

impl AuditKey {
    pub fn from_bytes(b: [u8; 32]) -> Self {
        Self(b)
    }

    /// Reads the key file's text: 64 hex characters (whitespace ignored).
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        Some(Self(bytes.try_into().ok()?))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// A short public identifier of the key (not the key), for checkpoints
    /// and messages.
    pub fn fingerprint(&self) -> String {
        hex::encode(&Sha256::digest(self.0)[..6])
    }

    fn mac(&self, domain: &str) -> HmacSha256 {
        let mut m = <HmacSha256 as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        m.update(domain.as_bytes());
        m.update(&[0]);
        m
    }
}

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

/// The chain of changes that concern no region (settings, the calendar),
/// and of the whole trail written before chains were per region. Its rows
/// hash without a region (as they always did); every other chain's rows
/// hash their region too.
pub const INSTALLATION_CHAIN: &str = "000000";

/// One stored audit row, exactly as hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// The chain (region code) the row belongs to.
    #[serde(default = "installation_chain")]
    pub region: String,
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
    /// The unit path that scopes who may browse the entry.
    pub unit_path: Option<String>,
    /// JSON of the entity before the change (`null` on create).
    pub before: String,
    /// JSON of the entity after the change (`null` on delete).
    pub after: String,
    pub prev_hash: String,
    pub hash: String,
}

fn installation_chain() -> String {
    INSTALLATION_CHAIN.to_owned()
}

/// The keyed hash of a record's content given the previous hash: every
/// column of the row, each length-prefixed (and `None` told apart from
/// empty), so that no two rows hash alike. The region is hashed too,
/// except on the [`INSTALLATION_CHAIN`], whose rows keep the hashes they
/// had before chains were per region.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    key: &AuditKey,
    region: &str,
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    unit_path: Option<&str>,
    before: &str,
    after: &str,
) -> String {
    let mut h = if region == INSTALLATION_CHAIN {
        key.mac("fazhi-audit-chain-v2")
    } else {
        let mut h = key.mac("fazhi-audit-chain-v3");
        h.update(&(region.len() as u64).to_be_bytes());
        h.update(region.as_bytes());
        h
    };
    let seq = seq.to_string();
    let actor_id = actor_id.map(|i| i.to_string());
    let fields: [Option<&str>; 11] = [
        Some(prev_hash),
        Some(&seq),
        Some(at),
        actor_id.as_deref(),
        Some(actor),
        Some(action),
        Some(entity),
        Some(entity_id),
        unit_path,
        Some(before),
        Some(after),
    ];
    for field in fields {
        match field {
            None => h.update(&[0]),
            Some(f) => {
                h.update(&[1]);
                h.update(&(f.len() as u64).to_be_bytes());
                h.update(f.as_bytes());
            }
        }
    }
    hex::encode(h.finalize().into_bytes())
}

impl AuditRecord {
    /// Recomputes this record's hash from its fields.
    pub fn expected_hash(&self, key: &AuditKey) -> String {
        chain_hash(
            key,
            &self.region,
            &self.prev_hash,
            self.seq,
            &self.at,
            self.actor_id,
            &self.actor,
            &self.action,
            &self.entity,
            &self.entity_id,
            self.unit_path.as_deref(),
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
    #[error("检查点(第{checkpoint}条)晚于数据库中的最后一条(第{last}条):末尾记录被删除")]
    Truncated { checkpoint: i64, last: i64 },
    #[error("审计记录第{seq}条与检查点记录的哈希不符(记录被改写)")]
    Checkpoint { seq: i64 },
    #[error("检查点文件第{line}行的签名无效(检查点被篡改,或不是用本密钥签名的)")]
    BadCheckpoint { line: usize },
}

impl ChainBreak {
    /// The sequence number of the first broken link.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Altered { seq } | ChainBreak::Unlinked { seq, .. } => *seq,
            ChainBreak::Gap { expected, .. } => *expected,
            ChainBreak::Head { last, .. } => *last,
            ChainBreak::Truncated { last, .. } => *last + 1,
            ChainBreak::Checkpoint { seq } => *seq,
            ChainBreak::BadCheckpoint { .. } => 0,
        }
    }
}

/// Incremental verifier: feed records in `seq` order.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    key: AuditKey,
    prev_hash: String,
    next_seq: i64,
}

impl ChainVerifier {
    pub fn new(key: &AuditKey) -> Self {
        Self { key: key.clone(), prev_hash: GENESIS_HASH.to_owned(), next_seq: 1 }
    }

    pub fn push(&mut self, r: &AuditRecord) -> Result<(), ChainBreak> {
        if r.seq != self.next_seq {
            return Err(ChainBreak::Gap { expected: self.next_seq, found: r.seq });
        }
        if r.expected_hash(&self.key) != r.hash {
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

/// The head of one chain at a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// Which chain: a region code (`110108`), [`INSTALLATION_CHAIN`]; `main`
    /// in checkpoints written before chains were per region (the same chain
    /// as [`INSTALLATION_CHAIN`]).
    pub chain: String,
    pub seq: i64,
    pub hash: String,
}

/// A signed record, kept outside the database, of where the chains stood.
/// Stored one JSON object a line; `mac` signs everything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// When it was taken (RFC 3339 UTC).
    pub at: String,
    pub heads: Vec<ChainHead>,
    /// One hash over every head ([`root_of`]): the single value to publish
    /// or compare (empty in checkpoints written before it existed).
    #[serde(default)]
    pub root: String,
    /// The fingerprint of the key that signed it.
    pub key: String,
    pub mac: String,
}

impl Checkpoint {
    fn signature(key: &AuditKey, at: &str, heads: &[ChainHead]) -> String {
        let mut m = key.mac("fazhi-audit-checkpoint-v1");
        for f in std::iter::once(at.to_owned())
            .chain(heads.iter().flat_map(|h| [h.chain.clone(), h.seq.to_string(), h.hash.clone()]))
        {
            m.update(&(f.len() as u64).to_be_bytes());
            m.update(f.as_bytes());
        }
        hex::encode(m.finalize().into_bytes())
    }

    pub fn sign(key: &AuditKey, at: &str, mut heads: Vec<ChainHead>) -> Self {
        heads.sort_by(|a, b| a.chain.cmp(&b.chain));
        let mac = Self::signature(key, at, &heads);
        let root = root_of(&heads);
        Self { at: at.to_owned(), heads, root, key: key.fingerprint(), mac }
    }

    /// Whether the signature holds under `key` and the root is the root of
    /// the heads.
    pub fn verify(&self, key: &AuditKey) -> bool {
        if !self.root.is_empty() && self.root != root_of(&self.heads) {
            return false;
        }
        let expected = Self::signature(key, &self.at, &self.heads);
        // Constant time: the MAC is compared byte by byte in full.
        expected.len() == self.mac.len()
            && expected.bytes().zip(self.mac.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }

    /// The head of `chain` at this checkpoint.
    pub fn head(&self, chain: &str) -> Option<&ChainHead> {
        self.heads.iter().find(|h| h.chain == chain || (chain == INSTALLATION_CHAIN && h.chain == MAIN_CHAIN))
    }
}

/// The root of roots: SHA-256 over every head (chain, sequence number,
/// hash; each length-prefixed), in chain order. Equal roots mean equal
/// heads in every region.
pub fn root_of(heads: &[ChainHead]) -> String {
    let mut sorted: Vec<&ChainHead> = heads.iter().collect();
    sorted.sort_by(|a, b| a.chain.cmp(&b.chain));
    let mut h = Sha256::new();
    h.update(b"fazhi-audit-root-v1");
    for head in sorted {
        for f in [head.chain.as_str(), &head.seq.to_string(), head.hash.as_str()] {
            h.update((f.len() as u64).to_be_bytes());
            h.update(f.as_bytes());
        }
    }
    hex::encode(h.finalize())
}

/// The name of the installation-wide chain in checkpoints written before
/// chains were per region (read as [`INSTALLATION_CHAIN`]).
pub const MAIN_CHAIN: &str = "main";

/// Verifies a whole chain held in memory.
pub fn verify_chain(key: &AuditKey, records: &[AuditRecord]) -> Result<usize, ChainBreak> {
    let mut v = ChainVerifier::new(key);
    for r in records {
        v.push(r)?;
    }
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> AuditKey {
        AuditKey::from_bytes([7; 32])
    }

    fn chain(n: i64) -> Vec<AuditRecord> {
        let key = key();
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let at = format!("2026-01-0{}T08:00:00Z", seq % 9 + 1);
                let after = format!("{{\"name\":\"单位{seq}\"}}");
                let hash = chain_hash(
                    &key,
                    "110108",
                    &prev,
                    seq,
                    &at,
                    Some(1),
                    "admin",
                    "create",
                    "unit",
                    &seq.to_string(),
                    Some("/1/"),
                    "null",
                    &after,
                );
                let r = AuditRecord {
                    region: "110108".into(),
                    seq,
                    at,
                    actor_id: Some(1),
                    actor: "admin".into(),
                    action: "create".into(),
                    entity: "unit".into(),
                    entity_id: seq.to_string(),
                    unit_path: Some("/1/".into()),
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
        assert_eq!(verify_chain(&key(), &chain(5)), Ok(5));
    }

    #[test]
    fn altered_row_is_named() {
        let mut c = chain(5);
        c[2].after = "{\"name\":\"篡改\"}".into();
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn rehashed_row_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].after = "{}".into();
        c[2].hash = c[2].expected_hash(&key());
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Unlinked { seq: 4, prev: 3 }));
    }

    #[test]
    fn rehashing_without_the_key_is_caught() {
        // Whoever re-hashes every row from 2 on with a forged actor, without the
        // key (here: with another key), breaks the chain at the first row changed.
        let mut c = chain(5);
        let forger = AuditKey::from_bytes([9; 32]);
        for i in 1..5 {
            c[i].actor = "mallory".into();
            c[i].prev_hash = c[i - 1].hash.clone();
            c[i].hash = c[i].expected_hash(&forger);
        }
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn the_unit_path_is_covered() {
        let mut c = chain(3);
        c[1].unit_path = Some("/2/".into());
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Altered { seq: 2 }));
        let mut c = chain(3);
        c[1].unit_path = None;
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn checkpoints_are_signed_and_hold_several_heads() {
        let heads = vec![
            ChainHead { chain: MAIN_CHAIN.into(), seq: 5, hash: "ab".into() },
            ChainHead { chain: "110108".into(), seq: 2, hash: "cd".into() },
        ];
        let cp = Checkpoint::sign(&key(), "2026-03-02T01:00:00.000Z", heads);
        assert!(cp.verify(&key()));
        assert!(!cp.verify(&AuditKey::from_bytes([9; 32])));
        let mut forged = cp.clone();
        forged.heads[0].seq = 3;
        assert!(!forged.verify(&key()));
        assert_eq!(cp.head("110108").map(|h| h.seq), Some(2));
        assert_eq!(cp.head(INSTALLATION_CHAIN).map(|h| h.seq), Some(5), "`main` is the installation chain");
        let mut rerooted = cp.clone();
        rerooted.root = root_of(&[]);
        assert!(!rerooted.verify(&key()), "a root that is not the heads' root is refused");
        assert_eq!(AuditKey::from_hex(&key().to_hex()), Some(key()));
    }

    #[test]
    fn the_region_is_covered_and_the_installation_chain_keeps_its_hashes() {
        let mut c = chain(3);
        c[1].region = "110105".into();
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Altered { seq: 2 }));
        let args = |region| {
            chain_hash(&key(), region, GENESIS_HASH, 1, "t", None, "a", "create", "unit", "1", None, "null", "{}")
        };
        assert_ne!(args("110108"), args("110105"));
        // Rows of the installation chain hash as every row did before
        // chains were per region (v2, no region).
        let mut m = key().mac("fazhi-audit-chain-v2");
        for f in [
            Some(GENESIS_HASH),
            Some("1"),
            Some("t"),
            None,
            Some("a"),
            Some("create"),
            Some("unit"),
            Some("1"),
            None,
            Some("null"),
            Some("{}"),
        ] {
            match f {
                None => m.update(&[0]),
                Some(f) => {
                    m.update(&[1]);
                    m.update(&(f.len() as u64).to_be_bytes());
                    m.update(f.as_bytes());
                }
            }
        }
        assert_eq!(args(INSTALLATION_CHAIN), hex::encode(m.finalize().into_bytes()));
    }

    #[test]
    fn the_root_changes_with_any_head() {
        let heads = |s: i64| {
            vec![
                ChainHead { chain: "110108".into(), seq: s, hash: "cd".into() },
                ChainHead { chain: "110105".into(), seq: 1, hash: "ef".into() },
            ]
        };
        assert_eq!(
            root_of(&heads(2)),
            root_of(&heads(2).into_iter().rev().collect::<Vec<_>>()),
            "order does not matter"
        );
        assert_ne!(root_of(&heads(2)), root_of(&heads(3)));
    }

    #[test]
    fn removed_row_is_a_gap() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify_chain(&key(), &c), Err(ChainBreak::Gap { expected: 2, found: 3 }));
    }

    #[test]
    fn removed_tail_is_caught_by_the_head() {
        let c = chain(5);
        let mut v = ChainVerifier::new(&key());
        for r in &c[..4] {
            assert_eq!(v.push(r), Ok(()));
        }
        assert_eq!(v.finish(5, &c[4].hash), Err(ChainBreak::Head { head: 5, last: 4 }));
        assert_eq!(v.finish(4, &c[3].hash), Ok(4));
    }
}
