//! The writes a transaction gathers until its commit: the indicator
//! projection (facts brought to each step's by their difference, the
//! rollup's movement summed and written once) and the heads of the audit
//! chains (entries appended at once, each head written once). Many steps in
//! one transaction (the demo, an import) must leave exactly what the same
//! steps leave one transaction each, and a transaction rolled back must
//! leave nothing.

use crate::harness::TestApp;
use fazhi_core::audit::AuditAction;
use fazhi_store::audit::Verification;
use fazhi_store::cases::{self, CaseRow, NewCase, NewEvent, StepUpdate};
use fazhi_store::indicators::FactRow;
use fazhi_store::{units, AuditActor, Store, WriteTx};
use std::collections::BTreeMap;

const DEMO: &str = "519901";

fn fact(counter: &str, on: &str, amount: i64) -> FactRow {
    FactRow { counter: counter.into(), on: on.into(), amount }
}

fn event(on: &str, action: &str) -> NewEvent {
    NewEvent { occurred_on: on.into(), action: action.into(), action_json: "{}".into() }
}

/// What the test case counts for after each of its steps (the receipt
/// first): facts gained, a fact counted twice, facts lost, a step that
/// changes nothing, and the last fact gone.
fn scripted_facts() -> Vec<Vec<FactRow>> {
    let a = fact("test.a", "2025-03-02", 1);
    let b = fact("test.b", "2025-03-05", 1);
    let b2 = fact("test.b", "2025-04-01", 2);
    let c = fact("test.c", "2025-04-01", 1);
    vec![
        vec![a.clone()],
        vec![a.clone(), b.clone()],
        vec![b.clone(), a.clone(), b2.clone(), b2.clone()],
        vec![a.clone(), c.clone()],
        vec![c.clone(), a.clone()],
        vec![c],
    ]
}

async fn begin(store: &Store) -> WriteTx {
    store.begin_write(AuditActor::system("test"), chrono::Utc::now()).await.unwrap_or_else(|e| panic!("{e}"))
}

async fn gov(store: &Store) -> i64 {
    units::by_code(store.pool(), "YC-GOV").await.ok().flatten().map(|u| u.id).unwrap_or_else(|| panic!("no YC-GOV"))
}

async fn receive(tx: &mut WriteTx, unit_id: i64, facts: &[FactRow]) -> CaseRow {
    let new = NewCase { facts: facts.to_vec(), ..crate::region::new_case(unit_id) };
    cases::insert(tx, &new).await.unwrap_or_else(|e| panic!("{e}"))
}

async fn step(tx: &mut WriteTx, row: &CaseRow, facts: &[FactRow]) -> CaseRow {
    let update = StepUpdate {
        stage: "received".into(),
        closed_on: None,
        next_due: None,
        hearing_on: None,
        state_json: "{}".into(),
        event: event("2025-04-01", "note"),
        facts: facts.to_vec(),
    };
    cases::record_step(tx, &row.region_code, row.id, row.version, &update).await.unwrap_or_else(|e| panic!("{e}"))
}

/// The stored facts of a case: (seq, counter, date, amount) by seq.
async fn stored(store: &Store, id: i64) -> Vec<(i64, String, String, i64)> {
    sqlx::query_as(
        "SELECT seq, counter, on_date, amount FROM indicator_facts WHERE region_code = $1 AND case_id = $2 ORDER BY seq",
    )
    .bind(DEMO)
    .bind(id)
    .fetch_all(store.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The rollup of the test counters in `region`: (unit, month, counter) →
/// amount, rows of 0 left out.
async fn rollup(store: &Store, region: &str) -> BTreeMap<(i64, String, String), i64> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT unit_id, month, counter, amount FROM indicator_rollup WHERE region_code = $1 AND counter LIKE 'test.%'",
    )
    .bind(region)
    .fetch_all(store.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter().filter(|r| r.3 != 0).map(|(u, m, c, a)| ((u, m, c), a)).collect()
}

fn sorted(facts: &[FactRow]) -> Vec<(String, String, i64)> {
    let mut v: Vec<_> = facts.iter().map(|f| (f.counter.clone(), f.on.clone(), f.amount)).collect();
    v.sort();
    v
}

#[tokio::test]
async fn steps_in_one_transaction_leave_what_steps_one_by_one_leave() {
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    let unit = gov(store).await;
    let script = scripted_facts();

    // Case A: every step in one transaction, interleaved with the steps of
    // case B there (so the facts the transaction remembers of its last case
    // are both used and passed over). Case C: one transaction per step.
    let mut tx = begin(store).await;
    let mut a = receive(&mut tx, unit, &script[0]).await;
    let mut b = receive(&mut tx, unit, &script[0]).await;
    for facts in &script[1..] {
        a = step(&mut tx, &a, facts).await;
        b = step(&mut tx, &b, facts).await;
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let mut tx = begin(store).await;
    let mut c = receive(&mut tx, unit, &script[0]).await;
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let mut seqs_of_a_in_c = Vec::new();
    for facts in &script[1..] {
        let mut tx = begin(store).await;
        c = step(&mut tx, &c, facts).await;
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
        seqs_of_a_in_c.push(stored(store, c.id).await.iter().find(|f| f.1 == "test.a").map(|f| f.0));
    }

    // Case D: every step in one transaction, one after another (the row and
    // the facts the transaction remembers are used at each step).
    let mut tx = begin(store).await;
    let mut d = receive(&mut tx, unit, &script[0]).await;
    for facts in &script[1..] {
        d = step(&mut tx, &d, facts).await;
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let steps = i64::try_from(script.len()).unwrap_or(0);
    for case in [&a, &b, &c, &d] {
        let events = t.count(&format!("SELECT COUNT(*) FROM case_events WHERE case_id = {}", case.id)).await;
        let version = t.count(&format!("SELECT version FROM cases WHERE id = {}", case.id)).await;
        assert_eq!((case.version, version, events), (steps, steps, steps), "case {}", case.number);
    }

    let last = script.last().unwrap_or_else(|| panic!("empty script"));
    for case in [&a, &b, &c, &d] {
        let facts: Vec<FactRow> = stored(store, case.id)
            .await
            .into_iter()
            .map(|(_, counter, on, amount)| FactRow { counter, on, amount })
            .collect();
        assert_eq!(sorted(&facts), sorted(last), "case {}", case.number);
    }
    // Only the difference is written: the receipt's fact keeps its row
    // (number 0) through every step that keeps it.
    assert_eq!(seqs_of_a_in_c, vec![Some(0), Some(0), Some(0), Some(0), None]);

    // The rollup holds the four cases' last facts, summed per unit, month
    // and counter: what was taken away again nets to nothing.
    let mut want: BTreeMap<(i64, String, String), i64> = BTreeMap::new();
    for f in last {
        *want.entry((unit, f.on[..7].to_owned(), f.counter.clone())).or_default() += 4 * f.amount;
    }
    assert_eq!(rollup(store, DEMO).await, want);
    assert_eq!(want.len(), 1, "{want:?}");
}

#[tokio::test]
async fn a_transaction_rolled_back_leaves_no_fact_no_rollup_and_no_chain_entry() {
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    let unit = gov(store).await;
    let script = scripted_facts();
    let heads = fazhi_store::audit::heads(store.pool()).await.unwrap_or_else(|e| panic!("{e}"));
    let mut tx = begin(store).await;
    let mut a = receive(&mut tx, unit, &script[0]).await;
    for facts in &script[1..3] {
        a = step(&mut tx, &a, facts).await;
    }
    drop(tx);
    assert_eq!(t.count("SELECT COUNT(*) FROM indicator_facts WHERE counter LIKE 'test.%'").await, 0);
    assert_eq!(rollup(store, DEMO).await, BTreeMap::new());
    assert_eq!(t.count(&format!("SELECT COUNT(*) FROM cases WHERE id = {}", a.id)).await, 0);
    assert_eq!(fazhi_store::audit::heads(store.pool()).await.unwrap_or_else(|e| panic!("{e}")), heads);
}

#[tokio::test]
async fn entries_of_two_chains_in_one_transaction_keep_both_chains_whole() {
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    let head_of =
        |heads: &[(String, i64, String)], region: &str| heads.iter().find(|h| h.0 == region).map(|h| h.1).unwrap_or(0);
    let before = fazhi_store::audit::heads(store.pool()).await.unwrap_or_else(|e| panic!("{e}"));
    let mut tx = begin(store).await;
    for (i, region) in [DEMO, "110108", DEMO, DEMO, "110108"].iter().enumerate() {
        let after = serde_json::json!({ "n": i });
        tx.audit(region, AuditAction::Update, "test", &i.to_string(), None, None::<&()>, Some(&after))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let after = fazhi_store::audit::heads(store.pool()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(head_of(&after, DEMO), head_of(&before, DEMO) + 3);
    assert_eq!(head_of(&after, "110108"), 2);
    // Each head is the last entry of its chain (a chain without entries
    // has none), and each chain verifies.
    for (region, seq, hash) in after.iter().filter(|h| h.1 > 0) {
        let last = fazhi_store::audit::hash_at(store.pool(), region, *seq).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(last.as_ref(), Some(hash), "head of {region}");
    }
    let n = t.count("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(t.app.verify_audit().await.ok().map(|v| v.summary()), Some(Verification::Intact(n)));
}

#[tokio::test]
async fn a_case_handed_to_another_region_takes_its_facts_and_their_rollup_along() {
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    let unit = gov(store).await;
    let to_unit = crate::region::other_district(store).await;
    let facts = &scripted_facts()[2];
    let mut tx = begin(store).await;
    let case = receive(&mut tx, unit, facts).await;
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let before = rollup(store, DEMO).await;
    assert!(!before.is_empty());
    let mut tx = begin(store).await;
    let handed = cases::Transfer { to_unit_id: to_unit, reason: "移交".into(), on: "2025-04-02".into() };
    let (_, new) =
        cases::transfer(&mut tx, DEMO, case.id, case.version, &handed).await.unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let count = |region: &str, id: i64| {
        format!("SELECT COUNT(*) FROM indicator_facts WHERE region_code = '{region}' AND case_id = {id}")
    };
    assert_eq!(t.count(&count(DEMO, case.id)).await, 0);
    assert_eq!(t.count(&count("110108", new.id)).await, i64::try_from(facts.len()).unwrap_or(0));
    assert_eq!(rollup(store, DEMO).await, BTreeMap::new());
    let moved: BTreeMap<(i64, String, String), i64> =
        before.into_iter().map(|((_, month, counter), amount)| ((to_unit, month, counter), amount)).collect();
    assert_eq!(rollup(store, "110108").await, moved);
}
