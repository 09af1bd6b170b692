//! Issue 11: the schema a distributed PostgreSQL can take. Region in every
//! key (checked against the manifest on the live schema), rows that never
//! change region, the migration that carries data over, transfers between
//! regions, one audit chain per region, and scoped queries that touch one
//! partition of the partitioned layout.

use crate::harness::{partitioned_layout, pg_base_url, test_key, TestApp, TestDb};
use fazhi_core::audit::{chain_hash, AuditAction, ChainBreak, GENESIS_HASH, INSTALLATION_CHAIN};
use fazhi_core::org::{RegionCode, UnitKind};
use fazhi_store::audit::Verification;
use fazhi_store::manifest::{check, read_schema, Manifest};
use fazhi_store::queries::{catalogue, Arg, Sample};
use fazhi_store::{units, users, AuditActor, Store};

const DEMO: &str = "519901";
const OTHER: &str = "110108";

async fn actor(t: &TestApp, username: &str) -> fazhi_app::auth::Actor {
    let u = users::by_username(t.app.operator_store().pool(), username)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {username}"));
    t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
}

/// A second district (海淀, 110108) with one unit of its own, outside the
/// demo district's tree. Returns the unit's id.
pub(crate) async fn other_district(store: &Store) -> i64 {
    let mut tx =
        store.begin_write(AuditActor::system("test"), chrono::Utc::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let region = RegionCode::parse(OTHER).unwrap_or_else(|e| panic!("{e}"));
    units::ensure_region(&mut tx, &region, "海淀区").await.unwrap_or_else(|e| panic!("{e}"));
    let unit = units::insert(
        &mut tx,
        &units::NewUnit {
            code: "HD-GOV".into(),
            name: "海淀区人民政府".into(),
            kind: UnitKind::Government,
            region_code: region,
            parent_id: None,
            sort_order: 0,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    unit.id
}

async fn open_case(t: &TestApp, kind: &str) -> (i64, i64) {
    sqlx::query_as(
        "SELECT id, version FROM cases WHERE kind = $1 AND closed_on IS NULL AND region_code = $2 ORDER BY id LIMIT 1",
    )
    .bind(kind)
    .bind(DEMO)
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn the_live_schema_keeps_the_manifest() {
    let db = TestDb::new().await;
    let manifest = Manifest::builtin().unwrap_or_else(|e| panic!("{e}"));
    let schema = read_schema(&db.store).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(schema.iter().any(|t| t.name == "cases" && t.primary_key == ["region_code", "id"]), "{schema:?}");
    assert!(
        schema.iter().any(|t| t.name == "case_events"
            && t.foreign_keys.iter().any(|f| f.table == "cases" && f.columns == ["region_code", "case_id"])),
        "{schema:?}"
    );
    assert_eq!(check(&manifest, &schema), Vec::<String>::new());
    // The same check fails on the schema once a tenant table gets a key
    // without the region (which a partitioned table refuses outright, as a
    // distributed engine would).
    let made = sqlx::query("CREATE UNIQUE INDEX cases_number_alone ON cases(number)").execute(db.store.pool()).await;
    if pg_base_url().is_some() && partitioned_layout() {
        assert!(made.is_err(), "a partitioned table takes no unique index without region_code");
        return;
    }
    made.unwrap_or_else(|e| panic!("{e}"));
    let schema = read_schema(&db.store).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check(&manifest, &schema), vec!["tenant table cases: unique (number) lacks region_code".to_owned()]);
}

#[tokio::test]
async fn a_row_never_changes_region() {
    let t = TestApp::new().await;
    t.app.load_demo_cases_scaled(7, 2).await.unwrap_or_else(|e| panic!("{e:?}"));
    let pool = t.app.operator_store().pool();
    other_district(t.app.operator_store()).await;
    for table in ["cases", "case_events", "audit_heads"] {
        let r = sqlx::query(&format!("UPDATE {table} SET region_code = $1 WHERE region_code = $2"))
            .bind(OTHER)
            .bind(DEMO)
            .execute(pool)
            .await;
        assert!(r.is_err(), "{table}: moving a row to another region is refused");
    }
    let stayed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE region_code = $1")
        .bind(DEMO)
        .fetch_one(pool)
        .await
        .unwrap_or(-1);
    assert!(stayed > 0);
    // New rows get application ids: time-ordered, far above the old
    // sequence numbers, below 2^53.
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM cases ORDER BY created_at, id").fetch_all(pool).await.unwrap_or_default();
    assert!(ids.iter().all(|i| *i > 1 << 32 && *i < 1 << 53), "{:?}", ids.first());
}

#[tokio::test]
async fn a_case_handed_to_another_district_is_a_new_case_there() {
    let t = TestApp::new().await;
    t.app.load_demo_cases_scaled(7, 2).await.unwrap_or_else(|e| panic!("{e:?}"));
    let to_unit = other_district(t.app.operator_store()).await;
    let fzb = actor(&t, "fzb").await;
    let (id, version) = open_case(&t, "disclosure").await;
    let before = t.app.case_view(&fzb, id).await.unwrap_or_else(|e| panic!("{e}"));
    // Refused: no reason, and a unit of the same district.
    let same = units::by_code(t.app.operator_store().pool(), "YC-SFJ").await.ok().flatten().map(|u| u.id).unwrap_or(0);
    match t.app.transfer_case(&fzb, id, version, same, "").await {
        Err(fazhi_app::AppError::Invalid(errs)) => {
            let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["reason", "to_unit_id"], "{errs:?}");
        }
        other => panic!("expected refusals, got {other:?}"),
    }
    let (old, new) = t
        .app
        .transfer_case(&fzb, id, version, to_unit, "申请事项属海淀区职责,依法移交")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((old.region_code.as_str(), new.region_code.as_str()), (DEMO, OTHER));
    assert_eq!(old.transferred_to_region.as_deref(), Some(OTHER));
    assert_eq!(old.transferred_to_id, Some(new.id));
    assert_eq!((new.transferred_from_region.as_deref(), new.transferred_from_id), (Some(DEMO), Some(id)));
    assert!(old.closed_on.is_some() && old.next_due.is_none(), "the old row is closed");
    assert_eq!(old.transfer_reason.as_deref(), Some("申请事项属海淀区职责,依法移交"));
    // The new number is the first of the series in the new district.
    let series = before.row.number.rsplit_once('-').map(|(s, _)| s.to_owned()).unwrap_or_default();
    assert_eq!(new.number, format!("{series}-00001"));
    assert_eq!((new.unit_id, new.state_json.as_str()), (to_unit, before.row.state_json.as_str()));
    // The history went along; the demo district still shows the old case, closed.
    let events = fazhi_store::cases::events(t.app.operator_store().pool(), &new).await.unwrap_or_default();
    assert_eq!(events.len(), before.events.len());
    let seen = t.app.case_view(&fzb, id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seen.row.transferred_to_id, Some(new.id));
    assert!(matches!(t.app.case_view(&fzb, new.id).await, Err(fazhi_app::AppError::NotFound)), "not in fzb's scope");
    // Each district's chain records its side, and both verify.
    let pool = t.app.operator_store().pool();
    let side = |region: &'static str| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT after_json FROM audit_log WHERE region_code = $1 AND entity = 'case' AND entity_id = $2",
        )
        .bind(region)
        .bind(if region == DEMO { id.to_string() } else { new.id.to_string() })
        .fetch_all(pool)
        .await
        .unwrap_or_default()
    };
    assert!(side(DEMO).await.iter().any(|a| a.contains("transfer_out")));
    assert!(side(OTHER).await.iter().any(|a| a.contains("transfer_in")));
    let trail = t.app.verify_audit().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(trail.broken().is_empty(), "{trail:?}");
    // A second transfer of the closed case is refused.
    assert!(t.app.transfer_case(&fzb, id, old.version, to_unit, "再次移交的理由").await.is_err());
}

#[tokio::test]
async fn verify_names_the_region_whose_chain_was_cut_or_rewritten() {
    let t = TestApp::new().await;
    other_district(t.app.operator_store()).await;
    let pool = t.app.operator_store().pool();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cps = dir.path().join("checkpoints.jsonl");
    let cp = t.app.write_checkpoint(&cps).await.unwrap_or_else(|e| panic!("{e}"));
    let regions: Vec<&str> = cp.heads.iter().map(|h| h.chain.as_str()).collect();
    assert_eq!(regions, [INSTALLATION_CHAIN, OTHER, DEMO]);
    assert_eq!(cp.root, fazhi_core::audit::root_of(&cp.heads));
    let (trail, n) = t.app.verify_audit_with(&cps).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((trail.broken().len(), n), (0, 1), "{trail:?}");
    crate::store::drop_audit_triggers(t.app.operator_store()).await;
    // Rewrite the second entry of 海淀's chain (the unit created there).
    sqlx::query("UPDATE audit_log SET after_json = '{}' WHERE region_code = $1 AND seq = 2")
        .bind(OTHER)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let trail = t.app.verify_audit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trail.chain(OTHER), Some(&Verification::Broken(ChainBreak::Altered { seq: 2 })));
    assert!(matches!(trail.chain(DEMO), Some(Verification::Intact(n)) if *n > 10), "{trail:?}");
    assert_eq!(trail.broken().len(), 1);
    // Cut the demo district's last three entries and move its head back: the
    // chain alone links up, the checkpoint names the region.
    let last: i64 = sqlx::query_scalar("SELECT seq FROM audit_heads WHERE region_code = $1")
        .bind(DEMO)
        .fetch_one(pool)
        .await
        .unwrap_or(0);
    let keep = last - 3;
    sqlx::query("DELETE FROM audit_log WHERE region_code = $1 AND seq > $2")
        .bind(DEMO)
        .bind(keep)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sqlx::query(
        "UPDATE audit_heads SET seq = $1, hash = (SELECT hash FROM audit_log WHERE region_code = $2 AND seq = $3) \
         WHERE region_code = $4",
    )
    .bind(keep)
    .bind(DEMO)
    .bind(keep)
    .bind(DEMO)
    .execute(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.app.verify_audit().await.ok().and_then(|v| v.chain(DEMO).cloned()), Some(Verification::Intact(keep)));
    let (trail, _) = t.app.verify_audit_with(&cps).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trail.chain(DEMO), Some(&Verification::Broken(ChainBreak::Truncated { checkpoint: last, last: keep })));
    assert_eq!(trail.chain(INSTALLATION_CHAIN), Some(&Verification::Intact(0)), "the others verify on their own");
    let names: Vec<&str> = trail.broken().iter().map(|(r, _)| *r).collect();
    assert_eq!(names, [OTHER, DEMO]);
}

#[tokio::test]
async fn migration_0011_carries_the_data_over() {
    let db = TestDb::before("0011").await;
    let pool = db.store.pool();
    // A database of the previous release: one district, a disclosure
    // request and the reconsideration of its reply, history, an
    // attachment, a published decision, and an audit trail of two entries.
    let x = "'2026-01-01T00:00:00Z'";
    let state = |k: &str, s: &str| format!("'{{\"kind\":\"{k}\",\"stage\":\"{s}\"}}'");
    let stmts = [
        format!("INSERT INTO regions (code, name, created_at) VALUES ('{DEMO}', '演示区', {x})"),
        format!("INSERT INTO units (code, name, kind, region_code, parent_id, path, created_at, updated_at) VALUES ('G', '区政府', 'government', '{DEMO}', NULL, '/1/', {x}, {x})"),
        format!("INSERT INTO cases (kind, number, unit_id, stage, subject, received_on, party_json, state_json, created_at, updated_at, unit_path, number_series, number_seq) VALUES ('disclosure', 'YSQ-2026-00001', 1, 'replied', '某事', '2026-01-05', '{{}}', {}, {x}, {x}, '/1/', 'YSQ-2026', 1)", state("disclosure", "replied")),
        format!("INSERT INTO cases (kind, number, unit_id, stage, subject, received_on, party_json, state_json, created_at, updated_at, unit_path, number_series, number_seq, origin_id) VALUES ('reconsideration', 'FY-2026-00001', 1, 'under_review', '某复议', '2026-02-05', '{{}}', {}, {x}, {x}, '/1/', 'FY-2026', 1, 1)", state("reconsideration", "under_review")),
        format!("INSERT INTO case_events (case_id, seq, occurred_on, recorded_at, actor, action_json) VALUES (1, 1, '2026-01-05', {x}, 'a', '{{}}')"),
        format!("INSERT INTO case_events (case_id, seq, occurred_on, recorded_at, actor, action_json) VALUES (2, 1, '2026-02-05', {x}, 'a', '{{}}')"),
        format!("INSERT INTO case_attachments (case_id, filename, content_type, size, sha256, content, note, uploaded_at, uploaded_by) VALUES (2, 'a.pdf', 'application/pdf', 1, 'ab', $1, '', {x}, 'a')"),
        format!("INSERT INTO published_documents (case_id, title, body, unit_name, decided_on, published_at) VALUES (2, '决定书', '正文', '区政府', '2026-03-01', {x})"),
    ];
    for sql in &stmts {
        let mut q = sqlx::query(sql);
        if sql.contains("$1") {
            q = q.bind(vec![1_u8]);
        }
        q.execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    // Two audit entries as the previous release hashed them (one chain).
    let key = test_key();
    let mut prev = GENESIS_HASH.to_owned();
    for seq in 1..=2_i64 {
        let hash = chain_hash(
            &key,
            INSTALLATION_CHAIN,
            &prev,
            seq,
            "2026-01-01T00:00:00.000Z",
            None,
            "demo",
            AuditAction::Create.code(),
            "case",
            &seq.to_string(),
            Some("/1/"),
            "null",
            "{}",
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, unit_path, before_json, after_json, \
             prev_hash, hash) VALUES ($1, '2026-01-01T00:00:00.000Z', NULL, 'demo', 'create', 'case', $2, '/1/', 'null', '{}', $3, $4)",
        )
        .bind(seq)
        .bind(seq.to_string())
        .bind(&prev)
        .bind(&hash)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        prev = hash;
    }
    sqlx::query("UPDATE audit_head SET seq = 2, hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    db.store.migrate().await.unwrap_or_else(|e| panic!("0011 on stored rows: {e}"));
    // Every row kept its id and took the region of its case's unit.
    let cases: Vec<(String, i64, String, Option<i64>)> =
        sqlx::query_as("SELECT region_code, id, number, origin_id FROM cases ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        cases,
        vec![(DEMO.into(), 1, "YSQ-2026-00001".into(), None), (DEMO.into(), 2, "FY-2026-00001".into(), Some(1))]
    );
    for table in ["case_events", "case_attachments", "published_documents"] {
        let rows: Vec<(String, i64)> = sqlx::query_as(&format!("SELECT region_code, case_id FROM {table} ORDER BY id"))
            .fetch_all(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!rows.is_empty() && rows.iter().all(|(r, _)| r == DEMO), "{table}: {rows:?}");
    }
    // The old trail is the installation chain, hash for hash; the district
    // has a fresh chain of its own.
    let store = db.store.clone();
    let trail = fazhi_store::audit::verify(store.pool(), &key).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trail.chain(INSTALLATION_CHAIN), Some(&Verification::Intact(2)));
    assert_eq!(trail.chain(DEMO), Some(&Verification::Intact(0)));
    // The migrated rows take new writes: the reconsideration's next history
    // entry, audited in the district's chain.
    let mut tx =
        store.begin_write(AuditActor::system("test"), chrono::Utc::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let step = fazhi_store::cases::StepUpdate {
        stage: "decided".into(),
        closed_on: Some("2026-03-01".into()),
        next_due: None,
        hearing_on: None,
        state_json: state("reconsideration", "decided").trim_matches('\'').to_owned(),
        event: fazhi_store::cases::NewEvent {
            occurred_on: "2026-03-01".into(),
            action: "decide".into(),
            action_json: "{}".into(),
        },
        facts: Vec::new(),
    };
    let row = fazhi_store::cases::record_step(&mut tx, DEMO, 2, 1, &step).await.unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((row.version, row.origin_id), (2, Some(1)));
    let trail = fazhi_store::audit::verify(store.pool(), &key).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trail.chain(DEMO), Some(&Verification::Intact(1)));
    let manifest = Manifest::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check(&manifest, &read_schema(&store).await.unwrap_or_default()), Vec::<String>::new());
}

/// The relations a plan reads (`… on <relation>` in `EXPLAIN`'s text).
fn relations(plan: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in plan {
        let mut words = line.split_whitespace().peekable();
        while let Some(w) = words.next() {
            if w == "on" {
                if let Some(rel) = words.peek() {
                    let rel = rel.trim_start_matches("public.").to_owned();
                    if !out.contains(&rel) {
                        out.push(rel);
                    }
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn a_district_readers_queries_touch_one_partition() {
    if pg_base_url().is_none() {
        // Partitions are PostgreSQL's; SQLite has one file per installation.
        return;
    }
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    if !partitioned_layout() {
        fazhi_store::layout::partition_by_region(store).await.unwrap_or_else(|e| panic!("{e}"));
    }
    t.app.load_demo_cases_scaled(7, 2).await.unwrap_or_else(|e| panic!("{e:?}"));
    // A second district with cases of its own (handed over from the demo).
    let to_unit = other_district(store).await;
    let fzb = actor(&t, "fzb").await;
    for kind in ["disclosure", "reconsideration"] {
        let (id, version) = open_case(&t, kind).await;
        t.app.transfer_case(&fzb, id, version, to_unit, "移交海淀区办理").await.unwrap_or_else(|e| panic!("{e}"));
    }
    let pool = store.pool();
    sqlx::query("ANALYZE").execute(pool).await.unwrap_or_else(|e| panic!("{e}"));
    let partitions: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c WHERE c.relkind = 'r' AND c.relispartition AND c.relname LIKE 'cases_r%' \
         ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_default();
    assert_eq!(partitions, ["cases_r110108", "cases_r519901"]);
    // The coordinator of the demo district: one region.
    assert_eq!(fzb.scope.regions(), &fazhi_store::scope::Regions::Only(vec![DEMO.to_owned()]));
    let (case_id, number): (i64, String) = sqlx::query_as(
        "SELECT id, number FROM cases WHERE region_code = $1 AND kind = 'disclosure' ORDER BY id LIMIT 1",
    )
    .bind(DEMO)
    .fetch_one(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let sample = Sample { region: DEMO.into(), case_id, number, kind: "disclosure".into(), day: "2026-03-02".into() };
    let tenants = Manifest::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .tenant_tables()
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    let queries = catalogue(store.dialect(), &fzb.scope, &sample);
    assert!(queries.len() >= 15);
    for (name, q) in queries {
        let mut explain = q.clone();
        explain.text = format!("EXPLAIN {}", q.text);
        let plan: Vec<String> = explain.query_scalar().fetch_all(pool).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        // The region of each partition (or partition index) read:
        // `cases_r519901`, `cases_r519901_pkey` → 519901; a default
        // partition or an unpartitioned table → "all".
        let touched: Vec<String> = relations(&plan)
            .into_iter()
            .filter_map(|r| {
                tenants.iter().find_map(|t| match r.strip_prefix(&format!("{t}_r")) {
                    Some(rest) => Some(rest.chars().take(6).collect::<String>()),
                    None if r == *t || r.starts_with(&format!("{t}_default")) => Some("all".to_owned()),
                    None => None,
                })
            })
            .collect();
        assert!(!touched.is_empty(), "{name}: reads no tenant table?\n{}", plan.join("\n"));
        assert!(
            touched.iter().all(|r| r == DEMO),
            "{name} touches {touched:?}, not only the district's partitions:\n{}\n{}",
            q.text,
            plan.join("\n")
        );
        assert!(q.args.contains(&Arg::Text(DEMO.into())), "{name} is bound to the district");
    }
    // And the same scope's rows are all there: the list through the store
    // equals a direct count of the district's partition.
    let direct: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases_r519901").fetch_one(pool).await.unwrap_or(-1);
    let (_, total) = fazhi_store::cases::page(
        pool,
        &fzb.scope,
        &fazhi_store::cases::Filter { status: fazhi_store::cases::Status::All, ..Default::default() },
        1,
        0,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(total, direct);
}

/// A 依申请公开 request received at `unit_id` (no facts), for store-level tests.
pub(crate) fn new_case(unit_id: i64) -> fazhi_store::cases::NewCase {
    fazhi_store::cases::NewCase {
        kind: "disclosure".into(),
        number_prefix: "YSQ".into(),
        year: 2026,
        receipt_code: None,
        unit_id,
        handler_id: None,
        stage: "received".into(),
        subject: "并发写入".into(),
        received_on: "2026-03-02".into(),
        next_due: None,
        party_name: String::new(),
        party_json: "{}".into(),
        state_json: "{\"kind\":\"disclosure\",\"stage\":\"received\"}".into(),
        origin_id: None,
        respondent_id: None,
        matter: "goi".into(),
        first_event: fazhi_store::cases::NewEvent {
            occurred_on: "2026-03-02".into(),
            action: "receive".into(),
            action_json: "{}".into(),
        },
        facts: Vec::new(),
    }
}

async fn register(store: &Store, unit_id: i64) -> Result<(), fazhi_store::StoreError> {
    let mut tx = store.begin_write(AuditActor::system("test"), chrono::Utc::now()).await?;
    fazhi_store::cases::insert(&mut tx, &new_case(unit_id)).await?;
    tx.commit().await
}

#[tokio::test]
async fn writers_of_two_regions_do_not_wait_for_each_other() {
    if pg_base_url().is_none() {
        // SQLite has one writer per file: its writers queue by design.
        return;
    }
    let t = TestApp::new().await;
    let store = t.app.operator_store().clone();
    let other = other_district(&store).await;
    let demo_unit =
        units::by_code(store.pool(), "YC-SFJ").await.ok().flatten().map(|u| u.id).unwrap_or_else(|| panic!("unit"));
    // A writer of the demo district holds its region (a case registered, not committed yet).
    let mut held =
        store.begin_write(AuditActor::system("test"), chrono::Utc::now()).await.unwrap_or_else(|e| panic!("{e}"));
    fazhi_store::cases::insert(&mut held, &new_case(demo_unit)).await.unwrap_or_else(|e| panic!("{e}"));
    // A writer of 海淀 goes through meanwhile.
    let other_write = tokio::time::timeout(std::time::Duration::from_secs(5), register(&store, other)).await;
    assert!(matches!(other_write, Ok(Ok(()))), "a writer of another region does not wait: {other_write:?}");
    // A second writer of the demo district waits for the first.
    let same = tokio::spawn({
        let store = store.clone();
        async move { register(&store, demo_unit).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(!same.is_finished(), "a writer of the same region waits for its lock");
    held.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let second = tokio::time::timeout(std::time::Duration::from_secs(5), same).await;
    assert!(matches!(second, Ok(Ok(Ok(())))), "then it goes through: {second:?}");
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM cases WHERE region_code = $1 ORDER BY number")
        .bind(DEMO)
        .fetch_all(store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(numbers, ["YSQ-2026-00001", "YSQ-2026-00002"], "one number each, in order");
}

/// The regions of a scope are remembered between requests (the scope
/// cache), yet a unit created in another region under a reader's subtree
/// counts for the reader at once.
#[tokio::test]
async fn a_unit_of_another_region_joins_the_scopes_above_it_at_once() {
    let t = TestApp::new().await;
    let pool = t.app.operator_store().pool();
    let fzb = actor(&t, "fzb").await;
    assert!(fzb.scope.has_region(DEMO) && !fzb.scope.has_region(OTHER), "{:?}", fzb.scope);
    let parent = units::by_code(pool, "YC-GOV").await.ok().flatten().unwrap_or_else(|| panic!("no YC-GOV"));
    assert!(fzb.scope.contains(&parent.path), "fzb sees the district government");
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    t.app
        .create_unit(
            &admin,
            &cap,
            &fazhi_app::accounts::UnitInput {
                code: "HD-ANNEX".into(),
                name: "海淀区驻点办事处".into(),
                kind: "department".into(),
                region_code: OTHER.into(),
                parent_id: Some(parent.id),
                sort_order: None,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let again = actor(&t, "fzb").await;
    assert!(again.scope.has_region(DEMO) && again.scope.has_region(OTHER), "{:?}", again.scope);
}
