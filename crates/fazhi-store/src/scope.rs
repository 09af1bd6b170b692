//! The reader's scope as the store needs it: the unit-path prefix of the
//! subtree the reader may see and the regions that subtree spans.
//!
//! Tenant tables are keyed by region, so every scoped query filters on
//! `region_code` (one region for a district's reader, a list for a city's)
//! before the path range. The regions are resolved once, from the reference
//! table `units` (the only tree walk); the tenant tables are never walked.
//!
//! A `Scope` dereferences to its [`UnitPath`], so the queries of reference
//! tables (units, users), which need only the path, take it unchanged.

use crate::StoreError;
use fazhi_core::org::UnitPath;
use sqlx::AnyPool;

/// Which regions a scope spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Regions {
    /// Every region, without a filter: the command line and system jobs,
    /// which act on the whole installation.
    All,
    /// These regions (sorted, no repeats). Empty: a subtree with no unit,
    /// which sees nothing.
    Only(Vec<String>),
}

/// A reader's scope: a subtree of units and the regions it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    path: UnitPath,
    regions: Regions,
}

impl Scope {
    /// The whole installation, every region (no region filter).
    pub fn everything() -> Self {
        Self { path: UnitPath::everything(), regions: Regions::All }
    }

    /// A scope from its parts (tests and callers that resolved the regions).
    pub fn new(path: UnitPath, mut regions: Vec<String>) -> Self {
        regions.sort();
        regions.dedup();
        Self { path, regions: Regions::Only(regions) }
    }

    /// The subtree at `path` with the regions of its units, read from `units`.
    pub async fn resolve(pool: &AnyPool, path: &UnitPath) -> Result<Self, StoreError> {
        let regions: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT region_code FROM units WHERE {} ORDER BY region_code",
            crate::scope_condition("path", 1)
        ))
        .bind(path.as_str())
        .fetch_all(pool)
        .await?;
        Ok(Self { path: path.clone(), regions: Regions::Only(regions) })
    }

    pub fn path(&self) -> &UnitPath {
        &self.path
    }

    pub fn regions(&self) -> &Regions {
        &self.regions
    }

    /// Whether rows of `region` may lie inside this scope.
    pub fn has_region(&self, region: &str) -> bool {
        match &self.regions {
            Regions::All => true,
            Regions::Only(r) => r.iter().any(|x| x == region),
        }
    }

    /// The part of this scope below `path` (which the caller has checked lies
    /// inside it): the same regions, a narrower path. The regions stay a
    /// superset of the narrower subtree's, which the path range then narrows.
    pub fn narrowed(&self, path: &UnitPath) -> Self {
        Self { path: path.clone(), regions: self.regions.clone() }
    }
}

impl std::ops::Deref for Scope {
    type Target = UnitPath;
    fn deref(&self) -> &UnitPath {
        &self.path
    }
}

impl AsRef<UnitPath> for Scope {
    fn as_ref(&self) -> &UnitPath {
        &self.path
    }
}
