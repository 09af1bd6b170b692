//! Cases of the statutory procedures and their append-only histories.
//!
//! The procedure engine (`fazhi_core::procedure`) decides what a step does;
//! this module stores the resulting state and appends the step to the
//! history, in the same transaction as the audit entry. The audit entry
//! records the stage and state, never the applicant's personal data.

use crate::{scope_condition, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use fazhi_core::org::UnitPath;
use serde::Serialize;
use sqlx::AnyPool;

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub kind: String,
    pub number: String,
    pub receipt_code: Option<String>,
    pub unit_id: i64,
    pub handler_id: Option<i64>,
    pub stage: String,
    pub subject: String,
    pub received_on: String,
    pub closed_on: Option<String>,
    pub next_due: Option<String>,
    #[serde(skip)]
    pub party_json: String,
    pub state_json: String,
    pub version: i64,
    pub unit_name: String,
    #[serde(skip)]
    pub unit_path: String,
    /// The case this one challenges (see migration 0004).
    pub origin_id: Option<i64>,
    /// The unit whose act is challenged (被申请人 of a reconsideration).
    pub respondent_id: Option<i64>,
    pub respondent_name: Option<String>,
    /// The field of the challenged act (`goi` feeds table 4).
    pub matter: String,
    /// The next scheduled hearing, for 庭前提醒.
    pub hearing_on: Option<String>,
}

/// A new case, already validated and accepted by the procedure engine.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub kind: String,
    /// Prefix of the case number, e.g. `YSQ` → `YSQ-2026-00017`.
    pub number_prefix: String,
    pub year: i32,
    pub receipt_code: Option<String>,
    pub unit_id: i64,
    pub handler_id: Option<i64>,
    pub stage: String,
    pub subject: String,
    pub received_on: String,
    pub next_due: Option<String>,
    pub party_json: String,
    pub state_json: String,
    pub origin_id: Option<i64>,
    pub respondent_id: Option<i64>,
    pub matter: String,
    /// The first history entry (the receipt).
    pub first_event: NewEvent,
}

/// One step for the history.
#[derive(Debug, Clone, Serialize)]
pub struct NewEvent {
    pub occurred_on: String,
    pub action_json: String,
}

/// A history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct EventRow {
    pub seq: i64,
    pub occurred_on: String,
    pub recorded_at: String,
    pub actor: String,
    pub action_json: String,
}

#[derive(Serialize)]
struct Audited<'a> {
    number: &'a str,
    stage: &'a str,
    closed_on: Option<&'a str>,
    next_due: Option<&'a str>,
    state: serde_json::Value,
}

fn audited(c: &CaseRow) -> Audited<'_> {
    Audited {
        number: &c.number,
        stage: &c.stage,
        closed_on: c.closed_on.as_deref(),
        next_due: c.next_due.as_deref(),
        state: serde_json::from_str(&c.state_json).unwrap_or(serde_json::Value::Null),
    }
}

const SELECT: &str = "SELECT c.id, c.kind, c.number, c.receipt_code, c.unit_id, c.handler_id, c.stage, c.subject, \
    c.received_on, c.closed_on, c.next_due, c.party_json, c.state_json, c.version, n.name AS unit_name, n.path AS unit_path, \
    c.origin_id, c.respondent_id, r.name AS respondent_name, c.matter, c.hearing_on \
    FROM cases c JOIN units n ON n.id = c.unit_id LEFT JOIN units r ON r.id = c.respondent_id";

async fn get_in_tx(tx: &mut WriteTx, id: i64) -> Result<CaseRow, StoreError> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn append(tx: &mut WriteTx, case_id: i64, seq: i64, e: &NewEvent) -> Result<(), StoreError> {
    let at = ts(tx.at());
    let actor = tx.actor().clone();
    sqlx::query(
        "INSERT INTO case_events (case_id, seq, occurred_on, recorded_at, actor_id, actor, action_json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case_id)
    .bind(seq)
    .bind(&e.occurred_on)
    .bind(&at)
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(&e.action_json)
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}

/// Creates a case with the next number of its prefix and year.
pub async fn insert(tx: &mut WriteTx, new: &NewCase) -> Result<CaseRow, StoreError> {
    let prefix = format!("{}-{}-", new.number_prefix, new.year);
    // The highest number of the prefix, read from the unique index on
    // `number` (a range, not a scan: this runs on every new case). Numbers
    // are never deleted, so the next one is the highest plus one. The
    // five-digit suffix sorts correctly up to 99,999 cases a prefix and year.
    let last: Option<String> = sqlx::query_scalar("SELECT MAX(number) FROM cases WHERE number >= $1 AND number < $2")
        .bind(&prefix)
        .bind(format!("{prefix}~"))
        .fetch_one(&mut *tx.tx)
        .await?;
    let seq = last.and_then(|n| n[prefix.len()..].parse::<i64>().ok()).unwrap_or(0);
    let number = format!("{prefix}{:05}", seq + 1);
    let at = ts(tx.at());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cases (kind, number, receipt_code, unit_id, handler_id, stage, subject, received_on, closed_on, next_due, \
         party_json, state_json, version, created_at, updated_at, origin_id, respondent_id, matter) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11, 1, $12, $12, $13, $14, $15) RETURNING id",
    )
    .bind(&new.kind)
    .bind(&number)
    .bind(&new.receipt_code)
    .bind(new.unit_id)
    .bind(new.handler_id)
    .bind(&new.stage)
    .bind(&new.subject)
    .bind(&new.received_on)
    .bind(&new.next_due)
    .bind(&new.party_json)
    .bind(&new.state_json)
    .bind(&at)
    .bind(new.origin_id)
    .bind(new.respondent_id)
    .bind(&new.matter)
    .fetch_one(&mut *tx.tx)
    .await?;
    append(tx, id, 1, &new.first_event).await?;
    let row = get_in_tx(tx, id).await?;
    tx.audit(AuditAction::Create, "case", &id.to_string(), Some(&row.unit_path), None::<&()>, Some(&audited(&row)))
        .await?;
    Ok(row)
}

/// The result of a step, to store.
#[derive(Debug, Clone)]
pub struct StepUpdate {
    pub stage: String,
    pub closed_on: Option<String>,
    pub next_due: Option<String>,
    pub hearing_on: Option<String>,
    pub state_json: String,
    pub event: NewEvent,
}

/// Stores a step if the case still has `expected_version` (a concurrent
/// step on the same case gives [`StoreError::Stale`]; neither is lost silently).
pub async fn record_step(
    tx: &mut WriteTx,
    id: i64,
    expected_version: i64,
    step: &StepUpdate,
) -> Result<CaseRow, StoreError> {
    let before = get_in_tx(tx, id).await?;
    let at = ts(tx.at());
    let n = sqlx::query(
        "UPDATE cases SET stage = $1, closed_on = $2, next_due = $3, hearing_on = $4, state_json = $5, version = version + 1, \
         updated_at = $6 WHERE id = $7 AND version = $8",
    )
    .bind(&step.stage)
    .bind(&step.closed_on)
    .bind(&step.next_due)
    .bind(&step.hearing_on)
    .bind(&step.state_json)
    .bind(&at)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx.tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::Stale);
    }
    // A case has one history entry per version (the receipt is version 1),
    // so this step's entry is number `expected_version + 1`; the unique
    // (case_id, seq) key would refuse a gap or a repeat.
    append(tx, id, expected_version + 1, &step.event).await?;
    let after = CaseRow {
        stage: step.stage.clone(),
        closed_on: step.closed_on.clone(),
        next_due: step.next_due.clone(),
        hearing_on: step.hearing_on.clone(),
        state_json: step.state_json.clone(),
        version: expected_version + 1,
        ..before.clone()
    };
    tx.audit(
        AuditAction::Update,
        "case",
        &id.to_string(),
        Some(&after.unit_path),
        Some(&audited(&before)),
        Some(&audited(&after)),
    )
    .await?;
    Ok(after)
}

/// One case inside the scope.
pub async fn get(pool: &AnyPool, scope: &UnitPath, id: i64) -> Result<CaseRow, StoreError> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1 AND {}", scope_condition("n.path", 2)))
        .bind(id)
        .bind(scope.as_str())
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Open cases inside the scope (of one kind, or of every kind), the most
/// urgent first (no due date last).
///
/// Two range reads on the `(closed_on, next_due)` index rather than one
/// `ORDER BY` over an expression: the workbench runs this on every visit,
/// and sorting every open case of a district (with its state) is what made
/// the page slow at scale.
pub async fn open_by_urgency(
    pool: &AnyPool,
    scope: &UnitPath,
    kind: Option<&str>,
    limit: i64,
) -> Result<Vec<CaseRow>, StoreError> {
    let query = |due: &str| {
        format!(
            "{SELECT} WHERE c.closed_on IS NULL AND c.next_due IS {due} AND {} AND ($2 = '' OR c.kind = $3) \
             ORDER BY c.next_due, c.id LIMIT $4",
            scope_condition("n.path", 1)
        )
    };
    let mut rows: Vec<CaseRow> = sqlx::query_as(&query("NOT NULL"))
        .bind(scope.as_str())
        .bind(kind.unwrap_or(""))
        .bind(kind.unwrap_or(""))
        .bind(limit)
        .fetch_all(pool)
        .await?;
    let rest = limit - i64::try_from(rows.len()).unwrap_or(limit);
    if rest > 0 {
        rows.extend(
            sqlx::query_as::<_, CaseRow>(&query("NULL"))
                .bind(scope.as_str())
                .bind(kind.unwrap_or(""))
                .bind(kind.unwrap_or(""))
                .bind(rest)
                .fetch_all(pool)
                .await?,
        );
    }
    Ok(rows)
}

/// Open cases inside the scope with a hearing (听证 or 开庭) scheduled in
/// `[from, to]`, soonest first: the 庭前提醒 list.
pub async fn hearings_between(
    pool: &AnyPool,
    scope: &UnitPath,
    from: &str,
    to: &str,
) -> Result<Vec<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE {} AND c.hearing_on >= $2 AND c.hearing_on <= $3 AND c.closed_on IS NULL ORDER BY c.hearing_on, c.id",
        scope_condition("n.path", 1)
    ))
    .bind(scope.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}

/// The cases that challenge case `id` (inside the scope), oldest first.
pub async fn challenges_of(pool: &AnyPool, scope: &UnitPath, id: i64) -> Result<Vec<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.origin_id = $1 AND {} ORDER BY c.id", scope_condition("n.path", 2)))
        .bind(id)
        .bind(scope.as_str())
        .fetch_all(pool)
        .await?)
}

/// The unit at the path in parameter `param`, or with `subtree` any unit below it too.
fn unit_condition(column: &str, param: usize, subtree: bool) -> String {
    if subtree {
        scope_condition(column, param)
    } else {
        format!("{column} = ${param}")
    }
}

/// Every case of a kind handled by the unit at `unit_path` or, with
/// `subtree`, by any unit below it (for the indicators).
pub async fn of_kind(
    pool: &AnyPool,
    kind: &str,
    unit_path: &UnitPath,
    subtree: bool,
) -> Result<Vec<CaseRow>, StoreError> {
    let unit_cond = unit_condition("n.path", 2, subtree);
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.kind = $1 AND {unit_cond} ORDER BY c.id"))
        .bind(kind)
        .bind(unit_path.as_str())
        .fetch_all(pool)
        .await?)
}

/// Reconsideration and litigation cases about the unit's acts in a field
/// (`matter`), open at some point in `[from, to]`: reconsiderations whose
/// respondent is the unit, suits in which it is the defendant (the handling
/// unit). With `subtree`, the units below count too. Used by table 4.
pub async fn reviews_of(
    pool: &AnyPool,
    matter: &str,
    unit_path: &UnitPath,
    subtree: bool,
    from: &str,
    to: &str,
) -> Result<Vec<CaseRow>, StoreError> {
    let (r_cond, n_cond) = (unit_condition("r.path", 2, subtree), unit_condition("n.path", 3, subtree));
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.matter = $1 AND ((c.kind = 'reconsideration' AND {r_cond}) OR (c.kind = 'litigation' AND {n_cond})) \
         AND c.received_on <= $4 AND (c.closed_on IS NULL OR c.closed_on >= $5) ORDER BY c.id"
    ))
    .bind(matter)
    .bind(unit_path.as_str())
    .bind(unit_path.as_str())
    .bind(to)
    .bind(from)
    .fetch_all(pool)
    .await?)
}

/// Cases of a kind inside the scope, newest first.
pub async fn list(pool: &AnyPool, scope: &UnitPath, kind: &str, limit: i64) -> Result<Vec<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.kind = $1 AND {} ORDER BY c.id DESC LIMIT $3",
        scope_condition("n.path", 2)
    ))
    .bind(kind)
    .bind(scope.as_str())
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// A case by its number, inside the scope.
pub async fn by_number(pool: &AnyPool, scope: &UnitPath, number: &str) -> Result<Option<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.number = $1 AND {}", scope_condition("n.path", 2)))
        .bind(number)
        .bind(scope.as_str())
        .fetch_optional(pool)
        .await?)
}

/// A case by its public receipt code (unscoped: the code is the credential).
pub async fn by_receipt(pool: &AnyPool, code: &str) -> Result<Option<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.receipt_code = $1")).bind(code).fetch_optional(pool).await?)
}

/// The history of a case, oldest first.
pub async fn events(pool: &AnyPool, case_id: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT seq, occurred_on, recorded_at, actor, action_json FROM case_events WHERE case_id = $1 ORDER BY seq",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?)
}

/// Cases of a kind that were open at some point in `[from, to]` (received on
/// or before `to`, not closed before `from`), for the unit `unit_path` only
/// or, with `subtree`, for its whole subtree. Used by the annual tables.
pub async fn open_during(
    pool: &AnyPool,
    kind: &str,
    unit_path: &UnitPath,
    subtree: bool,
    from: &str,
    to: &str,
) -> Result<Vec<CaseRow>, StoreError> {
    let unit_cond = unit_condition("n.path", 2, subtree);
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.kind = $1 AND {unit_cond} AND c.received_on <= $3 AND (c.closed_on IS NULL OR c.closed_on >= $4) ORDER BY c.id"
    ))
    .bind(kind)
    .bind(unit_path.as_str())
    .bind(to)
    .bind(from)
    .fetch_all(pool)
    .await?)
}
