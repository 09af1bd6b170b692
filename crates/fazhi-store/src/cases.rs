//! Cases of the statutory procedures and their append-only histories.
//!
//! The procedure engine (`fazhi_core::procedure`) decides what a step does;
//! this module stores the resulting state and appends the step to the
//! history, in the same transaction as the audit entry. The audit entry
//! records the action and what it changed (a small diff of the state's
//! top-level fields), never whole states and never personal data.
//!
//! Cases are tenant rows (migration 0011): keyed by `(region_code, id)`,
//! the region being the handling unit's. Scope is the reader's regions plus
//! a range on the case's own `unit_path` (migration 0005), served by an
//! index: no join to `units` to decide what a reader may see. The query
//! texts are built in [`crate::queries`].

use crate::queries::{self, CASE_SELECT};
use crate::scope::Scope;
use crate::{ids, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use fazhi_core::org::UnitPath;
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::AnyPool;

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CaseRow {
    /// The region of the handling unit (never changes; a move to another
    /// region is a [`transfer`]).
    pub region_code: String,
    pub id: i64,
    pub kind: String,
    pub number: String,
    pub receipt_code: Option<String>,
    pub unit_id: i64,
    pub handler_id: Option<i64>,
    /// The stage's code (`under_review`); the Chinese name is derived for display.
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
    /// The handling unit's path, stored on the case (migration 0005).
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
    /// Where the case went when it was handed to another region.
    pub transferred_to_region: Option<String>,
    pub transferred_to_id: Option<i64>,
    /// Where the case came from when another region handed it over.
    pub transferred_from_region: Option<String>,
    pub transferred_from_id: Option<i64>,
    /// Why it was handed over (on both rows).
    pub transfer_reason: Option<String>,
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
    /// The stage's code.
    pub stage: String,
    pub subject: String,
    pub received_on: String,
    pub next_due: Option<String>,
    /// The party's name, for search (also inside `party_json`).
    pub party_name: String,
    pub party_json: String,
    pub state_json: String,
    pub origin_id: Option<i64>,
    pub respondent_id: Option<i64>,
    pub matter: String,
    /// The first history entry (the receipt).
    pub first_event: NewEvent,
    /// What the case counts for in the indicators (its kind's facts).
    pub facts: Vec<crate::indicators::FactRow>,
}

/// One step for the history.
#[derive(Debug, Clone, Serialize)]
pub struct NewEvent {
    pub occurred_on: String,
    /// The step's code (`reply`), recorded in the audit entry.
    pub action: String,
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

/// Whether a text value is a code (`under_review`, `2026-03-02`) rather
/// than free text, which may name a person and never goes into the audit.
fn is_code(s: &str) -> bool {
    s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':' | b'.'))
}

/// A value as the audit entry keeps it: codes, numbers, booleans and null
/// as they are; free text as a marker; an array as its length; an object
/// as it is if it holds only codes (an outcome `{kind, code}`), otherwise
/// as a marker. Personal data and long histories never reach the trail.
fn audit_value(v: &Value) -> Value {
    match v {
        Value::String(s) if !is_code(s) => Value::String("(文本已修改)".into()),
        Value::Array(a) => serde_json::json!({ "items": a.len() }),
        Value::Object(o)
            if !o.values().all(|x| {
                matches!(x, Value::String(s) if is_code(s)) || x.is_number() || x.is_boolean() || x.is_null()
            }) =>
        {
            Value::String("(已修改)".into())
        }
        other => other.clone(),
    }
}

/// The top-level fields of two stored states that differ, as `(before, after)` maps.
fn state_diff(before: &str, after: &str) -> (Map<String, Value>, Map<String, Value>) {
    let parse = |s: &str| match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (b, a) = (parse(before), parse(after));
    let (mut old, mut new) = (Map::new(), Map::new());
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    for k in keys {
        let (x, y) = (b.get(k).unwrap_or(&Value::Null), a.get(k).unwrap_or(&Value::Null));
        if x != y {
            old.insert(k.clone(), audit_value(x));
            new.insert(k.clone(), audit_value(y));
        }
    }
    (old, new)
}

async fn get_in_tx(tx: &mut WriteTx, region: &str, id: i64) -> Result<CaseRow, StoreError> {
    sqlx::query_as(&format!("{CASE_SELECT} WHERE c.region_code = $1 AND c.id = $2"))
        .bind(region)
        .bind(id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A history entry as stored: the step and who recorded it when.
struct StoredEvent<'a> {
    seq: i64,
    occurred_on: &'a str,
    recorded_at: &'a str,
    actor_id: Option<i64>,
    actor: &'a str,
    action_json: &'a str,
}

async fn insert_event(tx: &mut WriteTx, region: &str, case_id: i64, e: &StoredEvent<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO case_events (region_code, id, case_id, seq, occurred_on, recorded_at, actor_id, actor, action_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(region)
    .bind(ids::next_id())
    .bind(case_id)
    .bind(e.seq)
    .bind(e.occurred_on)
    .bind(e.recorded_at)
    .bind(e.actor_id)
    .bind(e.actor)
    .bind(e.action_json)
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}

async fn append(tx: &mut WriteTx, region: &str, case_id: i64, seq: i64, e: &NewEvent) -> Result<(), StoreError> {
    let at = ts(tx.at());
    let actor = tx.actor().clone();
    let stored = StoredEvent {
        seq,
        occurred_on: &e.occurred_on,
        recorded_at: &at,
        actor_id: actor.user_id,
        actor: &actor.username,
        action_json: &e.action_json,
    };
    insert_event(tx, region, case_id, &stored).await
}

/// The next number of a series in a region. The region's lock is taken
/// first (PostgreSQL; SQLite has one writer), so two writers of the region
/// cannot read the same highest number.
///
/// The highest sequence number of the series is an integer read from the
/// unique (region_code, number_series, number_seq) index: a range, not a
/// scan, and right past 99,999 (the text of the number would sort "99999"
/// after "100000"). Numbers are never deleted, so the next one is the
/// highest plus one; the suffix is zero-padded to at least five digits, so
/// the numbers issued before migration 0005 read the same.
async fn next_number(tx: &mut WriteTx, region: &str, series: &str) -> Result<(String, i64), StoreError> {
    tx.lock_region(region).await?;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number_seq) FROM cases WHERE region_code = $1 AND number_series = $2")
            .bind(region)
            .bind(series)
            .fetch_one(&mut *tx.tx)
            .await?;
    let seq = last.unwrap_or(0) + 1;
    Ok((format!("{series}-{seq:05}"), seq))
}

/// The handling unit's region and path.
async fn unit_place(tx: &mut WriteTx, unit_id: i64) -> Result<(String, String), StoreError> {
    sqlx::query_as("SELECT region_code, path FROM units WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Creates a case, in the region of its handling unit, with the next
/// number of its prefix and year there.
pub async fn insert(tx: &mut WriteTx, new: &NewCase) -> Result<CaseRow, StoreError> {
    let (region, unit_path) = unit_place(tx, new.unit_id).await?;
    let series = format!("{}-{}", new.number_prefix, new.year);
    let (number, seq) = next_number(tx, &region, &series).await?;
    let at = ts(tx.at());
    let id = ids::next_id();
    sqlx::query(
        "INSERT INTO cases (region_code, id, kind, number, receipt_code, unit_id, handler_id, stage, subject, received_on, \
         closed_on, next_due, party_json, state_json, version, created_at, updated_at, origin_id, respondent_id, matter, \
         unit_path, number_series, number_seq, party_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13, 1, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
    )
    .bind(&region)
    .bind(id)
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
    .bind(&at)
    .bind(new.origin_id)
    .bind(new.respondent_id)
    .bind(&new.matter)
    .bind(&unit_path)
    .bind(&series)
    .bind(seq)
    .bind(&new.party_name)
    .execute(&mut *tx.tx)
    .await?;
    append(tx, &region, id, 1, &new.first_event).await?;
    crate::indicators::project_new(tx, &region, id, new.unit_id, &unit_path, &new.facts).await?;
    let row = get_in_tx(tx, &region, id).await?;
    tx.last_case = Some(row.clone());
    // What was created, by which step: codes and dates only (the subject
    // and the party are personal or free text and stay out of the trail).
    let after = serde_json::json!({
        "action": new.first_event.action,
        "event": 1,
        "number": row.number,
        "kind": row.kind,
        "stage": row.stage,
        "unit_id": row.unit_id,
        "received_on": row.received_on,
        "next_due": row.next_due,
    });
    tx.audit(&region, AuditAction::Create, "case", &id.to_string(), Some(&row.unit_path), None::<&()>, Some(&after))
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
    /// What the case counts for after the step (its kind's facts).
    pub facts: Vec<crate::indicators::FactRow>,
}

/// Stores a step on the case `(region, id)` if it still has
/// `expected_version` (a concurrent step on the same case gives
/// [`StoreError::Stale`]; neither is lost silently).
pub async fn record_step(
    tx: &mut WriteTx,
    region: &str,
    id: i64,
    expected_version: i64,
    step: &StepUpdate,
) -> Result<CaseRow, StoreError> {
    // The row as this transaction left it, if it wrote this case last at
    // this version (every write of a case row moves its version), else as stored.
    let before = match tx.last_case.take() {
        Some(row) if row.region_code == region && row.id == id && row.version == expected_version => row,
        _ => get_in_tx(tx, region, id).await?,
    };
    if before.transferred_to_id.is_some() {
        // A case handed to another region is closed here; steps go there.
        return Err(StoreError::Stale);
    }
    let at = ts(tx.at());
    let n = sqlx::query(
        "UPDATE cases SET stage = $1, closed_on = $2, next_due = $3, hearing_on = $4, state_json = $5, version = version + 1, \
         updated_at = $6 WHERE region_code = $7 AND id = $8 AND version = $9",
    )
    .bind(&step.stage)
    .bind(&step.closed_on)
    .bind(&step.next_due)
    .bind(&step.hearing_on)
    .bind(&step.state_json)
    .bind(&at)
    .bind(region)
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
    // (region_code, case_id, seq) key would refuse a gap or a repeat.
    append(tx, region, id, expected_version + 1, &step.event).await?;
    crate::indicators::project(tx, region, id, before.unit_id, &before.unit_path, &step.facts).await?;
    let after = CaseRow {
        stage: step.stage.clone(),
        closed_on: step.closed_on.clone(),
        next_due: step.next_due.clone(),
        hearing_on: step.hearing_on.clone(),
        state_json: step.state_json.clone(),
        version: expected_version + 1,
        ..before.clone()
    };
    // The action and what it changed: the state's top-level fields that
    // differ (codes, dates, counts), and the next due date.
    let (mut old, mut new) = state_diff(&before.state_json, &after.state_json);
    if before.next_due != after.next_due {
        old.insert("next_due".into(), before.next_due.clone().into());
        new.insert("next_due".into(), after.next_due.clone().into());
    }
    let mut changed = Map::new();
    changed.insert("action".into(), step.event.action.clone().into());
    changed.insert("event".into(), (expected_version + 1).into());
    changed.extend(new);
    tx.audit(
        region,
        AuditAction::Update,
        "case",
        &id.to_string(),
        Some(&after.unit_path),
        Some(&Value::Object(old)),
        Some(&Value::Object(changed)),
    )
    .await?;
    tx.last_case = Some(after.clone());
    Ok(after)
}

/// A case handed to a unit of another region.
#[derive(Debug, Clone)]
pub struct Transfer {
    /// The unit that takes the case over (of another region).
    pub to_unit_id: i64,
    /// Why (recorded on both rows and in both audit chains).
    pub reason: String,
    /// The day the case is handed over (closes the old row).
    pub on: String,
}

/// Hands case `(region, id)` (at `expected_version`) to a unit of another
/// region: a new row there with the next number of the same series, the
/// same state, history and attachments; the old row closed with the reason.
/// Both rows name each other (no foreign key: they live in different
/// regions) and each region's audit chain records its side. Returns
/// `(old, new)`. A unit of the same region is refused (`Conflict`): within
/// a region a case changes hands by its own steps.
pub async fn transfer(
    tx: &mut WriteTx,
    region: &str,
    id: i64,
    expected_version: i64,
    t: &Transfer,
) -> Result<(CaseRow, CaseRow), StoreError> {
    tx.last_case = None;
    let old = get_in_tx(tx, region, id).await?;
    if old.version != expected_version || old.transferred_to_id.is_some() || old.closed_on.is_some() {
        return Err(StoreError::Stale);
    }
    let (to_region, to_path) = unit_place(tx, t.to_unit_id).await?;
    if to_region == region {
        return Err(StoreError::Conflict { constraint: "cases.region_code".to_owned() });
    }
    // Both regions' locks, in a fixed order (two transfers in opposite
    // directions must not wait for each other in a circle).
    let mut both = [region.to_owned(), to_region.clone()];
    both.sort();
    for r in &both {
        tx.lock_region(r).await?;
    }
    let series = old.number.rsplit_once('-').map(|(s, _)| s.to_owned()).unwrap_or_default();
    let (number, seq) = next_number(tx, &to_region, &series).await?;
    let at = ts(tx.at());
    let new_id = ids::next_id();
    sqlx::query(
        "INSERT INTO cases (region_code, id, kind, number, receipt_code, unit_id, handler_id, stage, subject, received_on, \
         closed_on, next_due, party_json, state_json, version, created_at, updated_at, origin_id, respondent_id, matter, \
         hearing_on, unit_path, number_series, number_seq, party_name, transferred_from_region, transferred_from_id, \
         transfer_reason) \
         SELECT $1, $2, kind, $3, receipt_code, $4, NULL, stage, subject, received_on, NULL, next_due, party_json, \
         state_json, version, $5, $6, NULL, respondent_id, matter, hearing_on, $7, number_series, $8, party_name, \
         region_code, id, $9 FROM cases WHERE region_code = $10 AND id = $11",
    )
    .bind(&to_region)
    .bind(new_id)
    .bind(&number)
    .bind(t.to_unit_id)
    .bind(&at)
    .bind(&at)
    .bind(&to_path)
    .bind(seq)
    .bind(&t.reason)
    .bind(region)
    .bind(id)
    .execute(&mut *tx.tx)
    .await?;
    // The history goes along (same sequence numbers, so the new row's
    // version still counts its entries), and so do the attachments.
    let events: Vec<(i64, String, String, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT seq, occurred_on, recorded_at, actor_id, actor, action_json FROM case_events \
         WHERE region_code = $1 AND case_id = $2 ORDER BY seq",
    )
    .bind(region)
    .bind(id)
    .fetch_all(&mut *tx.tx)
    .await?;
    for (seq, occurred_on, recorded_at, actor_id, actor, action_json) in &events {
        let e = StoredEvent { seq: *seq, occurred_on, recorded_at, actor_id: *actor_id, actor, action_json };
        insert_event(tx, &to_region, new_id, &e).await?;
    }
    let attachments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM case_attachments WHERE region_code = $1 AND case_id = $2 ORDER BY id")
            .bind(region)
            .bind(id)
            .fetch_all(&mut *tx.tx)
            .await?;
    for a in attachments {
        sqlx::query(
            "INSERT INTO case_attachments (region_code, id, case_id, filename, content_type, size, sha256, content, note, \
             uploaded_at, uploaded_by) SELECT $1, $2, $3, filename, content_type, size, sha256, content, note, uploaded_at, \
             uploaded_by FROM case_attachments WHERE region_code = $4 AND id = $5",
        )
        .bind(&to_region)
        .bind(ids::next_id())
        .bind(new_id)
        .bind(region)
        .bind(a)
        .execute(&mut *tx.tx)
        .await?;
    }
    let n = sqlx::query(
        "UPDATE cases SET closed_on = $1, next_due = NULL, hearing_on = NULL, transferred_to_region = $2, \
         transferred_to_id = $3, transfer_reason = $4, version = version + 1, updated_at = $5 \
         WHERE region_code = $6 AND id = $7 AND version = $8",
    )
    .bind(&t.on)
    .bind(&to_region)
    .bind(new_id)
    .bind(&t.reason)
    .bind(&at)
    .bind(region)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx.tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::Stale);
    }
    // The case counts where it now is: its facts leave the old region with it.
    crate::indicators::hand_over(
        tx,
        (region, id, old.unit_id, &old.unit_path),
        (&to_region, new_id, t.to_unit_id, &to_path),
    )
    .await?;
    let old = get_in_tx(tx, region, id).await?;
    let new = get_in_tx(tx, &to_region, new_id).await?;
    // Each region's chain records its side; the reason is the staff's text
    // about the handover (no party data), kept on both rows.
    let out = serde_json::json!({
        "action": "transfer_out", "to_region": to_region, "to_id": new_id, "to_number": new.number, "closed_on": t.on,
    });
    tx.audit(region, AuditAction::Update, "case", &id.to_string(), Some(&old.unit_path), None::<&()>, Some(&out))
        .await?;
    let came = serde_json::json!({
        "action": "transfer_in", "from_region": region, "from_id": id, "from_number": old.number,
        "number": new.number, "unit_id": new.unit_id,
    });
    tx.audit(
        &to_region,
        AuditAction::Create,
        "case",
        &new_id.to_string(),
        Some(&new.unit_path),
        None::<&()>,
        Some(&came),
    )
    .await?;
    Ok((old, new))
}

/// One case inside the scope.
pub async fn get(pool: &AnyPool, scope: &Scope, id: i64) -> Result<CaseRow, StoreError> {
    queries::case_by_id(scope, id).query_as().fetch_optional(pool).await?.ok_or(StoreError::NotFound)
}

/// Open cases inside the scope (of one kind, or of every kind), the most
/// urgent first (no due date last).
///
/// Two range reads on the `(region_code, closed_on, next_due)` index rather
/// than one `ORDER BY` over an expression: the workbench runs this on every
/// visit, and sorting every open case of a district (with its state) is
/// what made the page slow at scale.
pub async fn open_by_urgency(
    pool: &AnyPool,
    scope: &Scope,
    kind: Option<&str>,
    limit: i64,
) -> Result<Vec<CaseRow>, StoreError> {
    let mut rows: Vec<CaseRow> =
        queries::cases_open_by_urgency(scope, kind, true, limit).query_as().fetch_all(pool).await?;
    let rest = limit - i64::try_from(rows.len()).unwrap_or(limit);
    if rest > 0 {
        rows.extend(
            queries::cases_open_by_urgency(scope, kind, false, rest).query_as::<CaseRow>().fetch_all(pool).await?,
        );
    }
    Ok(rows)
}

/// Which cases a list shows, by whether they are concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Not concluded (`closed_on` empty), the most urgent first.
    #[default]
    Open,
    /// Concluded, the most recently concluded first.
    Closed,
    /// Every case, the most recently received first.
    All,
}

/// Where the main deadline of an open case stands, as date bounds the
/// application layer computed from the calendar (临期 is counted in
/// working days, so the bound is a date only the calendar knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// 超期: due before `today`.
    Overdue { today: String },
    /// 临期: due from `today` to `until`, both included.
    Approaching { today: String, until: String },
    /// 正常: due after `after`.
    Normal { after: String },
    /// 无期限: open, with no running deadline (waiting for a correction,
    /// a consultation, a fee, a suspension; or none applies).
    None,
}

/// The filters of a case list. Every field narrows; `unit` replaces the
/// reader's scope by a unit's subtree, which the caller has checked lies
/// inside that scope.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<String>,
    pub status: Status,
    pub stage: Option<String>,
    pub unit: Option<UnitPath>,
    pub due: Option<Due>,
    /// Received on or after (`YYYY-MM-DD`).
    pub received_from: Option<String>,
    /// Received on or before.
    pub received_to: Option<String>,
    /// Part of the number, the subject or the party's name.
    pub search: Option<String>,
}

/// One page of the cases inside the scope that match the filter, and how
/// many match in all. Open cases come most urgent first (no due date
/// last), concluded ones most recently concluded first, "all" most
/// recently received first; the case id breaks ties, so pages never
/// overlap or skip.
///
/// The scope's regions, then its path (or the chosen unit's) as a range on
/// `cases.unit_path`; with a kind, the `(region_code, kind, unit_path)`
/// index serves both. A search term is a substring match (`LIKE '%…%'`)
/// over the rows of that range.
pub async fn page(
    pool: &AnyPool,
    scope: &Scope,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CaseRow>, i64), StoreError> {
    if let Some(unit) = &f.unit {
        if !scope.contains(unit) {
            // The caller checks this; a unit outside the scope must not widen it.
            return Err(StoreError::NotFound);
        }
    }
    let total: i64 = queries::cases_page_count(scope, f).query_scalar().fetch_one(pool).await?;
    let rows = queries::cases_page(scope, f, limit, offset).query_as().fetch_all(pool).await?;
    Ok((rows, total))
}

/// Open cases inside the scope with a hearing (听证 or 开庭) scheduled in
/// `[from, to]`, soonest first: the 庭前提醒 list.
pub async fn hearings_between(pool: &AnyPool, scope: &Scope, from: &str, to: &str) -> Result<Vec<CaseRow>, StoreError> {
    Ok(queries::cases_hearings(scope, from, to).query_as().fetch_all(pool).await?)
}

/// The cases that challenge case `of` (inside the scope), oldest first.
pub async fn challenges_of(pool: &AnyPool, scope: &Scope, of: &CaseRow) -> Result<Vec<CaseRow>, StoreError> {
    Ok(queries::cases_challenging(scope, &of.region_code, of.id).query_as().fetch_all(pool).await?)
}

/// Every case of a kind handled by the unit at the scope's path or, with
/// `subtree`, by any unit below it (for the indicators).
pub async fn of_kind(pool: &AnyPool, kind: &str, scope: &Scope, subtree: bool) -> Result<Vec<CaseRow>, StoreError> {
    Ok(queries::cases_of_kind(scope, kind, subtree).query_as().fetch_all(pool).await?)
}

/// Reconsideration and litigation cases about the acts of the unit at the
/// scope's path in a field (`matter`), open at some point in `[from, to]`:
/// reconsiderations whose respondent is the unit, suits in which it is the
/// defendant (the handling unit). With `subtree`, the units below count
/// too. Used by table 4.
pub async fn reviews_of(
    pool: &AnyPool,
    matter: &str,
    scope: &Scope,
    subtree: bool,
    from: &str,
    to: &str,
) -> Result<Vec<CaseRow>, StoreError> {
    Ok(queries::cases_reviews_of(scope, matter, subtree, from, to).query_as().fetch_all(pool).await?)
}

/// Whether any case of the kind exists (the demo loader's "already seeded").
pub async fn any_of_kind(pool: &AnyPool, kind: &str) -> Result<bool, StoreError> {
    let n: Option<i64> =
        sqlx::query_scalar("SELECT id FROM cases WHERE kind = $1 LIMIT 1").bind(kind).fetch_optional(pool).await?;
    Ok(n.is_some())
}

/// A case by its number, inside the scope.
pub async fn by_number(pool: &AnyPool, scope: &Scope, number: &str) -> Result<Option<CaseRow>, StoreError> {
    Ok(queries::case_by_number(scope, number).query_as().fetch_optional(pool).await?)
}

/// A case by its public receipt code (unscoped: the code is the credential;
/// the portal does not know the region, so this one reads every region; a
/// transferred case answers with its row in the region that took it over).
pub async fn by_receipt(pool: &AnyPool, code: &str) -> Result<Option<CaseRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{CASE_SELECT} WHERE c.receipt_code = $1 \
         ORDER BY CASE WHEN c.transferred_to_id IS NULL THEN 0 ELSE 1 END, c.region_code LIMIT 1"
    ))
    .bind(code)
    .fetch_optional(pool)
    .await?)
}

/// The history of a case, oldest first.
pub async fn events(pool: &AnyPool, case: &CaseRow) -> Result<Vec<EventRow>, StoreError> {
    Ok(queries::case_events(&case.region_code, case.id).query_as().fetch_all(pool).await?)
}

/// Cases of a kind that were open at some point in `[from, to]` (received on
/// or before `to`, not closed before `from`), for the unit at the scope's
/// path only or, with `subtree`, for its whole subtree. Used by the annual
/// tables.
pub async fn open_during(
    pool: &AnyPool,
    kind: &str,
    scope: &Scope,
    subtree: bool,
    from: &str,
    to: &str,
) -> Result<Vec<CaseRow>, StoreError> {
    Ok(queries::cases_open_during(scope, kind, subtree, from, to).query_as().fetch_all(pool).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_diff_keeps_codes_and_drops_free_text() {
        let before = r#"{"stage":"received","closed_on":null,"late":null,"clock_events":[1,2],"done":[]}"#;
        let after = r#"{"stage":"replied","closed_on":"2026-03-02","late":{"reason":"张三生病住院"},"clock_events":[1,2,3],"done":[]}"#;
        let (old, new) = state_diff(before, after);
        assert_eq!(old.get("stage"), Some(&Value::from("received")));
        assert_eq!(new.get("stage"), Some(&Value::from("replied")));
        assert_eq!(new.get("closed_on"), Some(&Value::from("2026-03-02")));
        assert_eq!(new.get("clock_events"), Some(&serde_json::json!({"items": 3})));
        assert!(!new.contains_key("done"), "unchanged fields are left out");
        let text = serde_json::to_string(&new).unwrap_or_default();
        assert!(!text.contains("张三"), "free text never reaches the trail: {text}");
        let outcome = serde_json::json!({"kind": "reconsideration", "code": "upheld"});
        assert_eq!(audit_value(&outcome), outcome, "an outcome of codes is kept");
        assert_eq!(audit_value(&Value::from("申请人王五")), Value::from("(文本已修改)"));
    }

    #[test]
    fn search_terms_match_themselves() {
        assert_eq!(queries::like_escape("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn the_path_range_bounds_exactly_the_subtree() {
        let scope = UnitPath::root(1);
        let mut q = queries::Sql::default();
        q.path_range(&scope);
        let (lo, hi) = match (&q.args[0], &q.args[1]) {
            (queries::Arg::Text(a), queries::Arg::Text(b)) => (a.clone(), b.clone()),
            other => panic!("{other:?}"),
        };
        for inside in ["/1/", "/1/5/", "/1/99999/3/"] {
            assert!(inside >= lo.as_str() && inside < hi.as_str(), "{inside}");
        }
        for outside in ["/10/", "/2/", "/", "/0/"] {
            assert!(!(outside >= lo.as_str() && outside < hi.as_str()), "{outside}");
        }
    }
}
