//! Activities of 法治建设 (会前学法 … 宪法宣誓, `fazhi_core::activity`):
//! tenant rows of the region of the unit that held them (migration 0014).
//!
//! An activity is recorded once and counted by the same monthly rollup as
//! the cases: every write here moves `indicator_rollup` by the activity's
//! facts (computed by the application, `Activity::facts`), in the same
//! transaction and under the region's lock ([`crate::indicators`]), so the
//! indicators of activities are read like those of cases and never by
//! loading the rows. Lists and totals are scoped SQL ([`crate::queries`]).
//!
//! The audit entries hold codes, dates and counts; the topic and the note
//! are free text (they may name people) and stay out of the trail.

use crate::indicators::{move_rollup, FactRow, RollupDelta};
use crate::queries;
use crate::scope::Scope;
use crate::{ids, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use fazhi_core::org::UnitPath;
use serde::Serialize;
use sqlx::AnyPool;

/// A stored activity with its unit's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ActivityRow {
    pub region_code: String,
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    #[serde(skip)]
    pub unit_path: String,
    /// The kind's code (`meeting_study`).
    pub kind: String,
    pub held_on: String,
    pub topic: String,
    pub participants: i64,
    /// Hours per participant, in tenths.
    pub tenth_hours: Option<i64>,
    pub passed: Option<i64>,
    pub note: String,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
}

/// A new activity, or the corrected fields of one (validated by
/// `fazhi_core::activity`), with what it counts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    pub unit_id: i64,
    pub kind: String,
    pub held_on: String,
    pub topic: String,
    pub participants: i64,
    pub tenth_hours: Option<i64>,
    pub passed: Option<i64>,
    pub note: String,
    /// Its facts (`Activity::facts`), moved into the rollup.
    pub facts: Vec<FactRow>,
}

/// What the audit trail keeps of an activity: codes, the date and the counts.
#[derive(Debug, Serialize)]
struct Audited<'a> {
    unit_id: i64,
    kind: &'a str,
    held_on: &'a str,
    participants: i64,
    tenth_hours: Option<i64>,
    passed: Option<i64>,
}

impl NewActivity {
    fn audited(&self) -> Audited<'_> {
        Audited {
            unit_id: self.unit_id,
            kind: &self.kind,
            held_on: &self.held_on,
            participants: self.participants,
            tenth_hours: self.tenth_hours,
            passed: self.passed,
        }
    }
}

impl ActivityRow {
    fn audited(&self) -> Audited<'_> {
        Audited {
            unit_id: self.unit_id,
            kind: &self.kind,
            held_on: &self.held_on,
            participants: self.participants,
            tenth_hours: self.tenth_hours,
            passed: self.passed,
        }
    }
}

/// The region and path of a unit (a reference row).
async fn unit_place(tx: &mut WriteTx, unit_id: i64) -> Result<(String, String), StoreError> {
    sqlx::query_as("SELECT region_code, path FROM units WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `sql` with the fields of `new` (held by the unit at `unit_path`) bound as
/// `$1 … $9`: unit_id, unit_path, kind, held_on, topic, participants,
/// tenth_hours, passed, note.
fn bind_fields<'q>(sql: &'q str, new: &'q NewActivity, unit_path: &'q str) -> Query<'q> {
    sqlx::query(sql)
        .bind(new.unit_id)
        .bind(unit_path)
        .bind(new.kind.as_str())
        .bind(new.held_on.as_str())
        .bind(new.topic.as_str())
        .bind(new.participants)
        .bind(new.tenth_hours)
        .bind(new.passed)
        .bind(new.note.as_str())
}

/// Stores an activity in the region of its unit and adds its facts to the
/// rollup; audited. Returns its id.
pub async fn insert(tx: &mut WriteTx, new: &NewActivity) -> Result<i64, StoreError> {
    let (region, unit_path) = unit_place(tx, new.unit_id).await?;
    let id = ids::next_id();
    let at = ts(tx.at());
    let by = tx.actor().username.clone();
    bind_fields(
        "INSERT INTO activities (unit_id, unit_path, kind, held_on, topic, participants, tenth_hours, passed, note, \
         region_code, id, version, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13)",
        new,
        &unit_path,
    )
    .bind(&region)
    .bind(id)
    .bind(&at)
    .bind(&by)
    .execute(&mut *tx.tx)
    .await?;
    let mut delta = RollupDelta::default();
    delta.add_facts(new.unit_id, &unit_path, &new.facts, 1)?;
    move_rollup(tx, &region, delta).await?;
    tx.audit(
        &region,
        AuditAction::Create,
        "activity",
        &id.to_string(),
        Some(&unit_path),
        None::<&()>,
        Some(&new.audited()),
    )
    .await?;
    Ok(id)
}

/// After the write of `old` (which changed `rows` rows: none if someone
/// changed it since it was read, [`StoreError::Stale`]), its facts leave the
/// rollup and, for a correction, those of `new` held at its path enter it.
async fn refacts(
    tx: &mut WriteTx,
    old: &ActivityRow,
    old_facts: &[FactRow],
    rows: u64,
    new: Option<(&NewActivity, &str)>,
) -> Result<(), StoreError> {
    if rows == 0 {
        return Err(StoreError::Stale);
    }
    let mut delta = RollupDelta::default();
    delta.add_facts(old.unit_id, &old.unit_path, old_facts, -1)?;
    if let Some((new, unit_path)) = new {
        delta.add_facts(new.unit_id, unit_path, &new.facts, 1)?;
    }
    move_rollup(tx, &old.region_code, delta).await
}

/// Corrects an activity read as `old` (whose facts were `old_facts`): its
/// fields become `new`'s, the rollup moves by the difference. Refused as
/// [`StoreError::Stale`] if it changed since it was read; a unit of another
/// region is refused as a conflict (a row never changes region: the caller
/// deletes and records again).
pub async fn update(
    tx: &mut WriteTx,
    old: &ActivityRow,
    old_facts: &[FactRow],
    new: &NewActivity,
) -> Result<(), StoreError> {
    let (region, unit_path) = unit_place(tx, new.unit_id).await?;
    if region != old.region_code {
        return Err(StoreError::Conflict { constraint: "activities.region_code".into() });
    }
    tx.lock_region(&region).await?;
    let changed = bind_fields(
        "UPDATE activities SET unit_id = $1, unit_path = $2, kind = $3, held_on = $4, topic = $5, participants = $6, \
         tenth_hours = $7, passed = $8, note = $9, version = version + 1 \
         WHERE region_code = $10 AND id = $11 AND version = $12",
        new,
        &unit_path,
    )
    .bind(&region)
    .bind(old.id)
    .bind(old.version)
    .execute(&mut *tx.tx)
    .await?
    .rows_affected();
    refacts(tx, old, old_facts, changed, Some((new, &unit_path))).await?;
    tx.audit(
        &region,
        AuditAction::Update,
        "activity",
        &old.id.to_string(),
        Some(&unit_path),
        Some(&old.audited()),
        Some(&new.audited()),
    )
    .await?;
    Ok(())
}

/// Deletes an activity entered in error (read as `old`, whose facts were
/// `old_facts`) with its attachments, and takes its facts out of the rollup;
/// audited with what it counted. [`StoreError::Stale`] if it changed since
/// it was read.
pub async fn delete(tx: &mut WriteTx, old: &ActivityRow, old_facts: &[FactRow]) -> Result<(), StoreError> {
    let region = old.region_code.as_str();
    tx.lock_region(region).await?;
    let attachments: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT id, filename, size, sha256 FROM activity_attachments WHERE region_code = $1 AND activity_id = $2 ORDER BY id",
    )
    .bind(region)
    .bind(old.id)
    .fetch_all(&mut *tx.tx)
    .await?;
    sqlx::query("DELETE FROM activity_attachments WHERE region_code = $1 AND activity_id = $2")
        .bind(region)
        .bind(old.id)
        .execute(&mut *tx.tx)
        .await?;
    let gone = sqlx::query("DELETE FROM activities WHERE region_code = $1 AND id = $2 AND version = $3")
        .bind(region)
        .bind(old.id)
        .bind(old.version)
        .execute(&mut *tx.tx)
        .await?
        .rows_affected();
    refacts(tx, old, old_facts, gone, None).await?;
    for (id, filename, size, sha256) in &attachments {
        let before = serde_json::json!({ "activity_id": old.id, "filename": filename, "size": size, "sha256": sha256 });
        tx.audit(
            region,
            AuditAction::Delete,
            "attachment",
            &id.to_string(),
            Some(&old.unit_path),
            Some(&before),
            None::<&()>,
        )
        .await?;
    }
    tx.audit(
        region,
        AuditAction::Delete,
        "activity",
        &old.id.to_string(),
        Some(&old.unit_path),
        Some(&old.audited()),
        None::<&()>,
    )
    .await?;
    Ok(())
}

/// What a list of activities is narrowed to (inside the reader's scope).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    /// A unit inside the scope (checked by the caller); `None`: the whole scope.
    pub unit: Option<UnitPath>,
    /// With the units below it (without a unit, the scope is always whole).
    pub subtree: bool,
    /// A kind's code.
    pub kind: Option<String>,
    /// Held on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Held on or before.
    pub to: Option<String>,
}

/// One activity inside the scope.
pub async fn get(pool: &AnyPool, scope: &Scope, id: i64) -> Result<ActivityRow, StoreError> {
    queries::activity_by_id(scope, id).query_as().fetch_optional(pool).await?.ok_or(StoreError::NotFound)
}

/// One page of the activities in scope that match the filter, latest first,
/// and how many match in all.
pub async fn page(
    pool: &AnyPool,
    scope: &Scope,
    f: &ActivityFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ActivityRow>, i64), StoreError> {
    let total: i64 = queries::activities_count(scope, f).query_scalar().fetch_one(pool).await?;
    let rows = queries::activities_page(scope, f, limit, offset).query_as().fetch_all(pool).await?;
    Ok((rows, total))
}

/// Per kind, over the activities that match the filter: how many, and how
/// many took part.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KindTotal {
    pub kind: String,
    pub held: i64,
    pub people: i64,
}

/// The totals per kind of the activities in scope that match the filter
/// (one GROUP BY), by kind code.
pub async fn totals(pool: &AnyPool, scope: &Scope, f: &ActivityFilter) -> Result<Vec<KindTotal>, StoreError> {
    Ok(queries::activity_totals(scope, f).query_as().fetch_all(pool).await?)
}

/// The activity an import or a form would repeat: the same unit, kind, day
/// and topic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::FromRow)]
pub struct ActivityKey {
    pub unit_id: i64,
    pub kind: String,
    pub held_on: String,
    pub topic: String,
}

/// The keys of the activities in scope held in `[from, to]`.
pub async fn keys(pool: &AnyPool, scope: &Scope, from: &str, to: &str) -> Result<Vec<ActivityKey>, StoreError> {
    Ok(queries::activity_keys(scope, from, to).query_as().fetch_all(pool).await?)
}

/// Whether any activity is stored (the demo loader adds its own once).
pub async fn any(pool: &AnyPool) -> Result<bool, StoreError> {
    let n: Option<i64> = sqlx::query_scalar("SELECT 1 FROM activities LIMIT 1").fetch_optional(pool).await?;
    Ok(n.is_some())
}
