//! Regions and units (the organisation tree).

use crate::{parse_path, scope_condition, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use fazhi_core::org::{RegionCode, UnitKind, UnitPath};
use serde::Serialize;
use sqlx::AnyPool;

/// A region (行政区划).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    pub code: String,
    pub name: String,
}

/// A unit of the organisation tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub region_code: String,
    pub parent_id: Option<i64>,
    #[serde(skip)]
    pub path: UnitPath,
    pub sort_order: i64,
    pub active: bool,
    pub version: i64,
}

/// A validated new unit.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub region_code: RegionCode,
    pub parent_id: Option<i64>,
    pub sort_order: i64,
}

/// A validated change to a unit's editable fields.
#[derive(Debug, Clone)]
pub struct UnitChange {
    pub name: String,
    pub kind: UnitKind,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    region_code: String,
    parent_id: Option<i64>,
    path: String,
    sort_order: i64,
    active: i64,
    version: i64,
}

impl TryFrom<UnitRow> for Unit {
    type Error = StoreError;
    fn try_from(r: UnitRow) -> Result<Self, StoreError> {
        Ok(Unit {
            kind: UnitKind::from_code(&r.kind).ok_or_else(|| StoreError::Corrupt(format!("unit kind {:?}", r.kind)))?,
            path: parse_path(&r.path)?,
            id: r.id,
            code: r.code,
            name: r.name,
            region_code: r.region_code,
            parent_id: r.parent_id,
            sort_order: r.sort_order,
            active: r.active != 0,
            version: r.version,
        })
    }
}

const COLUMNS: &str = "id, code, name, kind, region_code, parent_id, path, sort_order, active, version";

/// Inserts a region if it is not there yet (idempotent).
pub async fn ensure_region(tx: &mut WriteTx, code: &RegionCode, name: &str) -> Result<Region, StoreError> {
    let existing: Option<(String, String)> = sqlx::query_as("SELECT code, name FROM regions WHERE code = $1")
        .bind(code.as_str())
        .fetch_optional(&mut *tx.tx)
        .await?;
    if let Some((code, name)) = existing {
        return Ok(Region { code, name });
    }
    let at = ts(tx.at());
    sqlx::query("INSERT INTO regions (code, name, created_at) VALUES ($1, $2, $3)")
        .bind(code.as_str())
        .bind(name)
        .bind(&at)
        .execute(&mut *tx.tx)
        .await?;
    let region = Region { code: code.to_string(), name: name.to_owned() };
    // The region's audit chain starts here, with its first entry.
    tx.ensure_head(code.as_str()).await?;
    tx.audit(code.as_str(), AuditAction::Create, "region", code.as_str(), None, None::<&()>, Some(&region)).await?;
    Ok(region)
}

pub async fn list_regions(pool: &AnyPool) -> Result<Vec<Region>, StoreError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM regions ORDER BY code").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(code, name)| Region { code, name }).collect())
}

/// Creates a unit under `parent_id` (or as a root). The caller has checked
/// that the parent is inside the actor's scope.
pub async fn insert(tx: &mut WriteTx, new: &NewUnit) -> Result<Unit, StoreError> {
    let parent_path = match new.parent_id {
        Some(pid) => Some(get_in_tx(tx, pid).await?.path),
        None => None,
    };
    let at = ts(tx.at());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (code, name, kind, region_code, parent_id, path, sort_order, active, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, '/', $6, 1, 1, $7, $7) RETURNING id",
    )
    .bind(&new.code)
    .bind(&new.name)
    .bind(new.kind.code())
    .bind(new.region_code.as_str())
    .bind(new.parent_id)
    .bind(new.sort_order)
    .bind(&at)
    .fetch_one(&mut *tx.tx)
    .await?;
    let path = match parent_path {
        Some(p) => p.child(id),
        None => UnitPath::root(id),
    };
    sqlx::query("UPDATE units SET path = $1 WHERE id = $2").bind(path.as_str()).bind(id).execute(&mut *tx.tx).await?;
    let unit = get_in_tx(tx, id).await?;
    tx.audit(
        &unit.region_code,
        AuditAction::Create,
        "unit",
        &id.to_string(),
        Some(path.as_str()),
        None::<&()>,
        Some(&unit),
    )
    .await?;
    Ok(unit)
}

/// Changes a unit if it still has `expected_version` (optimistic locking:
/// a concurrent edit gives [`StoreError::Stale`], never a silent overwrite).
pub async fn update(tx: &mut WriteTx, id: i64, expected_version: i64, change: &UnitChange) -> Result<Unit, StoreError> {
    // A case row remembered by the transaction names its unit.
    tx.last_case = None;
    let before = get_in_tx(tx, id).await?;
    let at = ts(tx.at());
    let n = sqlx::query(
        "UPDATE units SET name = $1, kind = $2, sort_order = $3, active = $4, version = version + 1, updated_at = $5 \
         WHERE id = $6 AND version = $7",
    )
    .bind(&change.name)
    .bind(change.kind.code())
    .bind(change.sort_order)
    .bind(i64::from(change.active))
    .bind(&at)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx.tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::Stale);
    }
    let after = get_in_tx(tx, id).await?;
    tx.audit(
        &after.region_code,
        AuditAction::Update,
        "unit",
        &id.to_string(),
        Some(after.path.as_str()),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

async fn get_in_tx(tx: &mut WriteTx, id: i64) -> Result<Unit, StoreError> {
    let row: UnitRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM units WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// One unit, if it lies inside `scope`; otherwise [`StoreError::NotFound`]
/// (a unit outside the scope does not exist for the reader).
pub async fn get(pool: &AnyPool, scope: &UnitPath, id: i64) -> Result<Unit, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE id = $1 AND {}", scope_condition("path", 2));
    let row: UnitRow =
        sqlx::query_as(&sql).bind(id).bind(scope.as_str()).fetch_optional(pool).await?.ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// Every unit inside `scope`, parents before children, siblings by sort order.
pub async fn list(pool: &AnyPool, scope: &UnitPath) -> Result<Vec<Unit>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM units WHERE {} ORDER BY LENGTH(path) - LENGTH(REPLACE(path, '/', '')), sort_order, id",
        scope_condition("path", 1)
    );
    let rows: Vec<UnitRow> = sqlx::query_as(&sql).bind(scope.as_str()).fetch_all(pool).await?;
    rows.into_iter().map(Unit::try_from).collect()
}

/// How many units lie inside `scope` (its root included), and the name of
/// the scope's root unit if it is one (an administrator's scope is every
/// unit, rooted at none): one row, for the workbench's heading.
pub async fn scope_summary(pool: &AnyPool, scope: &UnitPath) -> Result<(i64, Option<String>), StoreError> {
    let sql = format!(
        "SELECT COUNT(*), MAX(CASE WHEN path = $1 THEN name END) FROM units WHERE {}",
        scope_condition("path", 1)
    );
    Ok(sqlx::query_as(&sql).bind(scope.as_str()).fetch_one(pool).await?)
}

/// The units along a path, root first (for breadcrumbs and scope roots).
/// One query, whatever the depth: this runs on every signed-in request.
pub async fn along_path(pool: &AnyPool, path: &UnitPath) -> Result<Vec<Unit>, StoreError> {
    // The ancestors of a unit are exactly the units whose path is a prefix of its path.
    let rows: Vec<UnitRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM units WHERE $1 LIKE path || '%' ORDER BY LENGTH(path)"))
            .bind(path.as_str())
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(Unit::try_from).collect()
}

/// The unit with the given code, unscoped (used by the CLI and the demo loader).
pub async fn by_code(pool: &AnyPool, code: &str) -> Result<Option<Unit>, StoreError> {
    let row: Option<UnitRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM units WHERE code = $1")).bind(code).fetch_optional(pool).await?;
    row.map(Unit::try_from).transpose()
}

/// Number of units in the whole installation.
pub async fn count_all(pool: &AnyPool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM units").fetch_one(pool).await?)
}

/// Renames a region.
pub async fn rename_region(tx: &mut WriteTx, code: &RegionCode, name: &str) -> Result<(), StoreError> {
    let before: Option<String> = sqlx::query_scalar("SELECT name FROM regions WHERE code = $1")
        .bind(code.as_str())
        .fetch_optional(&mut *tx.tx)
        .await?;
    let before = before.ok_or(StoreError::NotFound)?;
    sqlx::query("UPDATE regions SET name = $1 WHERE code = $2")
        .bind(name)
        .bind(code.as_str())
        .execute(&mut *tx.tx)
        .await?;
    let b = Region { code: code.to_string(), name: before };
    let a = Region { code: code.to_string(), name: name.to_owned() };
    tx.audit(code.as_str(), AuditAction::Update, "region", code.as_str(), None, Some(&b), Some(&a)).await?;
    Ok(())
}
