//! Browsing and verifying the audit trail; its key and signed checkpoints.
//!
//! The key (`audit.key`) and the checkpoint file live outside the database
//! (paths in the configuration). `verify` checks every keyed link, the head,
//! and every checkpoint: a checkpoint names a sequence number and its hash,
//! so rows removed from the end (with the head moved back) are caught.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::audit::{AuditKey, AuditRecord, ChainBreak, ChainHead, Checkpoint, MAIN_CHAIN};
use fazhi_core::org::{Permission, Role};
use fazhi_store::audit::{self, AuditFilter, Verification};
use std::io::Write as _;
use std::path::Path;

/// Reads the key file, or creates it (random, readable by its owner only)
/// when `create` is set and it does not exist.
pub fn load_or_create_key(path: &Path, create: bool) -> Result<AuditKey, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => AuditKey::from_hex(&text)
            .ok_or_else(|| format!("审计密钥文件 {} 格式有误(应为64位十六进制)", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
            let mut b = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut b);
            let key = AuditKey::from_bytes(b);
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("无法创建目录 {}:{e}", dir.display()))?;
            }
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut f = opts.open(path).map_err(|e| format!("无法创建审计密钥文件 {}:{e}", path.display()))?;
            f.write_all(format!("{}\n", key.to_hex()).as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(|e| format!("无法写入审计密钥文件 {}:{e}", path.display()))?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "审计密钥文件 {} 不存在:请先运行 fazhi init 或 fazhi demo,或恢复备份的密钥文件",
            path.display()
        )),
        Err(e) => Err(format!("无法读取审计密钥文件 {}:{e}", path.display())),
    }
}

/// One line of a checkpoint file: its number and the checkpoint (or why it
/// could not be read).
pub type CheckpointLine = (usize, Result<Checkpoint, String>);

/// The checkpoints in a file (none if it does not exist).
pub fn read_checkpoints(path: &Path) -> Result<Vec<CheckpointLine>, AppError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AppError::Internal(format!("read checkpoints {}: {e}", path.display()))),
    };
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, serde_json::from_str::<Checkpoint>(l).map_err(|e| e.to_string())))
        .collect())
}

impl App {
    /// Entries the actor may see (their scope; everything for administrators),
    /// newest first, with the total count for paging.
    pub async fn browse_audit(
        &self,
        actor: &Actor,
        mut filter: AuditFilter,
    ) -> Result<(Vec<AuditRecord>, i64), AppError> {
        actor.require(Permission::ReadAudit)?;
        filter.scope = if actor.role == Role::Admin { None } else { Some(actor.scope.clone()) };
        Ok(audit::browse(self.store.pool(), &filter).await?)
    }

    fn audit_key(&self) -> Result<&AuditKey, AppError> {
        self.store.audit_key().ok_or_else(|| AppError::Internal("audit key not configured".into()))
    }

    /// Verifies the whole chain with the key (without checkpoints).
    pub async fn verify_audit(&self) -> Result<Verification, AppError> {
        Ok(audit::verify(self.store.pool(), self.audit_key()?).await?)
    }

    /// Verifies the chain, then every checkpoint in `checkpoints`: each must
    /// carry a valid signature, and the database must still hold the entry it
    /// names with the same hash. Returns the verification and the number of
    /// checkpoints checked.
    pub async fn verify_audit_with(&self, checkpoints: &Path) -> Result<(Verification, usize), AppError> {
        let key = self.audit_key()?;
        let chain = audit::verify(self.store.pool(), key).await?;
        let last = match &chain {
            Verification::Intact(n) => *n,
            Verification::Broken(_) => return Ok((chain, 0)),
        };
        let mut n = 0;
        for (line, cp) in read_checkpoints(checkpoints)? {
            let Some(cp) = cp.ok().filter(|c| c.verify(key)) else {
                return Ok((Verification::Broken(ChainBreak::BadCheckpoint { line }), n));
            };
            n += 1;
            let Some(head) = cp.head(MAIN_CHAIN) else { continue };
            if head.seq == 0 {
                continue;
            }
            if head.seq > last {
                return Ok((Verification::Broken(ChainBreak::Truncated { checkpoint: head.seq, last }), n));
            }
            if audit::hash_at(self.store.pool(), head.seq).await?.as_deref() != Some(head.hash.as_str()) {
                return Ok((Verification::Broken(ChainBreak::Checkpoint { seq: head.seq }), n));
            }
        }
        Ok((chain, n))
    }

    /// Appends a signed checkpoint of the chain's head to `path` (created if
    /// absent) unless the last one already names this head. Returns it.
    pub async fn write_checkpoint(&self, path: &Path) -> Result<Checkpoint, AppError> {
        let key = self.audit_key()?;
        let (seq, hash) = audit::head(self.store.pool()).await?;
        if let Some((_, Ok(last))) = read_checkpoints(path)?.pop() {
            if last.verify(key) && last.head(MAIN_CHAIN).is_some_and(|h| h.seq == seq && h.hash == hash) {
                return Ok(last);
            }
        }
        let cp = Checkpoint::sign(
            key,
            &fazhi_store::ts(self.now.now()),
            vec![ChainHead { chain: MAIN_CHAIN.to_owned(), seq, hash }],
        );
        let line = serde_json::to_string(&cp).map_err(|e| AppError::Internal(e.to_string()))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| AppError::Internal(format!("{}: {e}", dir.display())))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| AppError::Internal(format!("open {}: {e}", path.display())))?;
        f.write_all(format!("{line}\n").as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| AppError::Internal(format!("write {}: {e}", path.display())))?;
        Ok(cp)
    }
}
