//! Browsing and verifying the audit trail; its key and signed checkpoints.
//!
//! The key (`audit.key`) and the checkpoint file live outside the database
//! (paths in the configuration). There is one chain per region; `verify`
//! checks every keyed link and the head of each, and every checkpoint: a
//! checkpoint names each region's sequence number and hash (and one root
//! over them), so rows removed from the end of a region's chain (with its
//! head moved back) are caught, and the region is named.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::audit::{
    root_of, AuditKey, AuditRecord, ChainBreak, ChainHead, Checkpoint, INSTALLATION_CHAIN, MAIN_CHAIN,
};
use fazhi_core::org::{Permission, Role};
use fazhi_store::audit::{self, AuditFilter, TrailVerification, Verification};
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

    /// Verifies every region's chain with the key (without checkpoints).
    pub async fn verify_audit(&self) -> Result<TrailVerification, AppError> {
        Ok(audit::verify(self.store.pool(), self.audit_key()?).await?)
    }

    /// Verifies every region's chain, then every checkpoint in
    /// `checkpoints`: each must carry a valid signature (and its root be the
    /// root of its heads), and the database must still hold, in each region,
    /// the entry the checkpoint names with the same hash. A region whose
    /// chain or checkpoint fails is named by its own result; the others
    /// verify on their own. A bad checkpoint line breaks every chain (no
    /// head of it can be trusted). Returns the verification and the number
    /// of checkpoints checked.
    pub async fn verify_audit_with(&self, checkpoints: &Path) -> Result<(TrailVerification, usize), AppError> {
        let key = self.audit_key()?;
        let mut trail = audit::verify(self.store.pool(), key).await?;
        let mut n = 0;
        for (line, cp) in read_checkpoints(checkpoints)? {
            let Some(cp) = cp.ok().filter(|c| c.verify(key)) else {
                for (_, v) in &mut trail.chains {
                    *v = Verification::Broken(ChainBreak::BadCheckpoint { line });
                }
                return Ok((trail, n));
            };
            n += 1;
            for head in &cp.heads {
                if head.seq == 0 {
                    continue;
                }
                let region = if head.chain == MAIN_CHAIN { INSTALLATION_CHAIN } else { head.chain.as_str() };
                let last = match trail.chain(region) {
                    Some(Verification::Intact(last)) => *last,
                    Some(Verification::Broken(_)) => continue,
                    None => 0,
                };
                let broken = if head.seq > last {
                    Some(ChainBreak::Truncated { checkpoint: head.seq, last })
                } else if audit::hash_at(self.store.pool(), region, head.seq).await?.as_deref()
                    != Some(head.hash.as_str())
                {
                    Some(ChainBreak::Checkpoint { seq: head.seq })
                } else {
                    None
                };
                if let Some(b) = broken {
                    match trail.chains.iter_mut().find(|(r, _)| r == region) {
                        Some((_, v)) => *v = Verification::Broken(b),
                        None => trail.chains.push((region.to_owned(), Verification::Broken(b))),
                    }
                }
            }
        }
        trail.chains.sort_by(|a, b| a.0.cmp(&b.0));
        Ok((trail, n))
    }

    /// Appends a signed checkpoint of the chain's head to `path` (created if
    /// absent) unless the last one already names this head. Returns it.
    pub async fn write_checkpoint(&self, path: &Path) -> Result<Checkpoint, AppError> {
        let key = self.audit_key()?;
        let heads: Vec<ChainHead> = audit::heads(self.store.pool())
            .await?
            .into_iter()
            .map(|(chain, seq, hash)| ChainHead { chain, seq, hash })
            .collect();
        if let Some((_, Ok(last))) = read_checkpoints(path)?.pop() {
            if last.verify(key) && last.root == root_of(&heads) {
                return Ok(last);
            }
        }
        let cp = Checkpoint::sign(key, &fazhi_store::ts(self.now.now()), heads);
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
