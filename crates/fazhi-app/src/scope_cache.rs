//! The regions each scope spans, remembered between requests.
//!
//! Every signed-in request needs its reader's [`Scope`]: the unit-path
//! prefix and the regions of the units below it, read from `units`. The
//! regions of a subtree change only when a unit of another region is created
//! under it, which is rare (a city taking in a district), so the answer is
//! kept here per path and read again when it is older than [`FRESH_FOR`], or
//! at once after this process created a unit ([`ScopeCache::forget`]).
//!
//! A stale answer is never a leak: the regions only narrow a query before
//! the unit-path range, which is always applied. A unit created by another
//! process (the command line) in a new region makes a reader miss that
//! region's records for at most [`FRESH_FOR`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use fazhi_core::org::UnitPath;
use fazhi_store::{Scope, Store, StoreError};

/// How long a resolved scope is used before it is read again.
pub const FRESH_FOR: Duration = Duration::from_secs(30);

/// At most this many paths are remembered (one per scope root in use:
/// units with staff, far fewer than this); past it the cache starts over.
const CAPACITY: usize = 4096;

/// Resolved scopes by unit path (cheap to clone: shared).
#[derive(Debug, Clone, Default)]
pub struct ScopeCache {
    entries: Arc<RwLock<HashMap<UnitPath, (Instant, Scope)>>>,
}

impl ScopeCache {
    /// The scope at `path`, from the cache while fresh, else from `units`.
    pub async fn resolve(&self, store: &Store, path: &UnitPath) -> Result<Scope, StoreError> {
        let now = Instant::now();
        if let Some((at, scope)) = self.read().get(path) {
            if now.duration_since(*at) < FRESH_FOR {
                return Ok(scope.clone());
            }
        }
        let scope = Scope::resolve(store.pool(), path).await?;
        let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(path.clone(), (now, scope.clone()));
        Ok(scope)
    }

    /// Drops every remembered scope (after a unit was created).
    pub fn forget(&self) {
        self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<UnitPath, (Instant, Scope)>> {
        self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgetting_empties_the_cache() {
        let cache = ScopeCache::default();
        let path = UnitPath::everything();
        cache
            .entries
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.clone(), (Instant::now(), Scope::new(path.clone(), vec!["519901".into()])));
        assert_eq!(cache.read().len(), 1);
        cache.forget();
        assert!(cache.read().is_empty());
    }
}
