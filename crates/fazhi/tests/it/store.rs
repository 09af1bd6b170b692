//! Storage contract: the same behaviour on SQLite and PostgreSQL.

use crate::harness::{TestApp, TestDb, TEST_COST};
use fazhi_app::accounts::{UnitInput, UserInput};
use fazhi_app::auth::{Actor, LoginError};
use fazhi_app::AppError;
use fazhi_core::audit::{AuditAction, ChainBreak};
use fazhi_store::audit::Verification;
use fazhi_store::{units, users, AuditActor, Backend};

async fn actor(t: &TestApp, username: &str) -> Actor {
    let u = users::by_username(t.app.operator_store().pool(), username)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {username}"));
    t.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
}

/// The number of audit entries of the demo district's chain (every change
/// of the demo concerns its one region).
async fn audit_count(t: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE region_code = '519901'")
        .fetch_one(t.app.operator_store().pool())
        .await
        .unwrap_or(-1)
}

#[tokio::test]
async fn units_are_scoped_in_queries() {
    let t = TestApp::new().await;
    let cases = [
        ("admin", 64),
        ("fzb", 64),
        ("fuyi", 64),
        ("jiandu", 64),
        ("scj.cbr", 2),
        ("scj.fzr", 2),
        ("jd01.cbr", 2),
        ("jd01.fzr", 2),
    ];
    for (user, expected) in cases {
        let a = actor(&t, user).await;
        let seen = t.app.list_units(&a).await.unwrap_or_default();
        assert_eq!(seen.len(), expected, "{user} sees {expected} units");
        assert!(seen.iter().all(|u| a.scope.contains(&u.path)), "{user}: every unit inside the scope");
    }
    let street =
        units::by_code(t.app.operator_store().pool(), "YC-JX01").await.ok().flatten().map(|u| u.id).unwrap_or(0);
    let scj = actor(&t, "scj.cbr").await;
    assert!(matches!(t.app.get_unit(&scj, street).await, Err(AppError::NotFound)), "outside the scope is not found");
}

#[tokio::test]
async fn duplicate_unit_code_is_refused_and_nothing_is_written() {
    let t = TestApp::new().await;
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    let root = units::by_code(t.app.operator_store().pool(), "YC-GOV").await.ok().flatten().map(|u| u.id);
    let before = audit_count(&t).await;
    let dup = UnitInput {
        code: "yc-sfj".into(),
        name: "重复的司法局".into(),
        kind: "department".into(),
        region_code: "519901".into(),
        parent_id: root,
        sort_order: None,
    };
    match t.app.create_unit(&admin, &cap, &dup).await {
        Err(AppError::Invalid(errs)) => {
            assert_eq!(errs[0].field, "code");
            assert!(errs[0].message.contains("YC-SFJ") && errs[0].message.contains("已被使用"), "{}", errs[0].message);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(audit_count(&t).await, before, "no audit entry for a refused change");
    assert_eq!(units::count_all(t.app.operator_store().pool()).await.unwrap_or(0), 64);
    let ok = UnitInput { code: "YC-NEW".into(), name: "区新设局".into(), ..dup };
    let unit = t.app.create_unit(&admin, &cap, &ok).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(unit.path.as_str().ends_with(&format!("/{}/", unit.id)));
    assert_eq!(audit_count(&t).await, before + 1);
}

#[tokio::test]
async fn duplicate_user_name_is_refused() {
    let t = TestApp::new().await;
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    let input = UserInput {
        username: "FZB".into(),
        display_name: "另一个".into(),
        unit_id: Some(admin.unit_id),
        role: "handler".into(),
        password: String::new(),
    };
    match t.app.create_user(&admin, &cap, &input, TEST_COST).await {
        Err(AppError::Invalid(errs)) => {
            assert!(errs.iter().any(|e| e.field == "username" && e.message.contains("fzb")), "{errs:?}")
        }
        other => panic!("expected refusal, got {other:?}"),
    }
}

fn edit(version: i64, name: &str) -> fazhi_app::accounts::UnitEdit {
    fazhi_app::accounts::UnitEdit { version, name: name.into(), kind: "department".into(), sort_order: 1, active: true }
}

#[tokio::test]
async fn concurrent_edit_is_refused_not_lost() {
    let t = TestApp::new().await;
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    let u =
        units::by_code(t.app.operator_store().pool(), "YC-TJJ").await.ok().flatten().unwrap_or_else(|| panic!("unit"));
    let first = t.app.update_unit(&admin, &cap, u.id, &edit(u.version, "区统计局(改)")).await;
    assert!(first.is_ok());
    let second = t.app.update_unit(&admin, &cap, u.id, &edit(u.version, "区统计局(另改)")).await;
    assert!(matches!(second, Err(AppError::Stale)), "{second:?}");
    let now = t.app.get_unit(&admin, u.id).await.map(|u| u.name).unwrap_or_default();
    assert_eq!(now, "区统计局(改)");
}

#[tokio::test]
async fn uncommitted_write_leaves_no_trace() {
    let db = TestDb::new().await;
    let region = fazhi_core::org::RegionCode::parse("110108").unwrap_or_else(|e| panic!("{e}"));
    {
        let mut tx = db
            .store
            .begin_write(AuditActor::system("test"), chrono::Utc::now())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        units::ensure_region(&mut tx, &region, "海淀").await.unwrap_or_else(|e| panic!("{e}"));
        // dropped without commit
    }
    assert!(units::list_regions(db.store.pool()).await.unwrap_or_default().is_empty());
    assert_eq!(
        fazhi_store::audit::verify(db.store.pool(), &crate::harness::test_key()).await.ok().map(|v| v.summary()),
        Some(Verification::Intact(0))
    );
}

#[tokio::test]
async fn audit_log_is_append_only_in_the_database() {
    let t = TestApp::new().await;
    let upd = sqlx::query("UPDATE audit_log SET actor = 'x' WHERE region_code = '519901' AND seq = 1")
        .execute(t.app.operator_store().pool())
        .await;
    assert!(upd.is_err(), "update refused by trigger");
    let del = sqlx::query("DELETE FROM audit_log WHERE region_code = '519901' AND seq = 1")
        .execute(t.app.operator_store().pool())
        .await;
    assert!(del.is_err(), "delete refused by trigger");
}

/// Removes the append-only triggers, as someone editing the database by hand would.
pub async fn drop_audit_triggers(store: &fazhi_store::Store) {
    let stmts: &[&str] = match store.backend() {
        Backend::Sqlite => &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        Backend::Postgres => &["DROP TRIGGER audit_log_no_update ON audit_log"],
    };
    for s in stmts {
        sqlx::query(s).execute(store.pool()).await.unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

#[tokio::test]
async fn tampering_is_named_by_verify() {
    let t = TestApp::new().await;
    let pool = t.app.operator_store().pool();
    let n = audit_count(&t).await;
    assert_eq!(t.app.verify_audit().await.ok().map(|v| v.summary()), Some(Verification::Intact(n)));
    drop_audit_triggers(t.app.operator_store()).await;
    sqlx::query("UPDATE audit_log SET after_json = '{\"name\":\"篡改\"}' WHERE region_code = '519901' AND seq = 5")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit().await.ok().map(|v| v.summary()),
        Some(Verification::Broken(ChainBreak::Altered { seq: 5 }))
    );
}

#[tokio::test]
async fn removed_rows_are_named_by_verify() {
    let t = TestApp::new().await;
    let pool = t.app.operator_store().pool();
    let n = audit_count(&t).await;
    drop_audit_triggers(t.app.operator_store()).await;
    sqlx::query("DELETE FROM audit_log WHERE region_code = '519901' AND seq = $1")
        .bind(n)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit().await.ok().map(|v| v.summary()),
        Some(Verification::Broken(ChainBreak::Head { head: n, last: n - 1 }))
    );
    sqlx::query("DELETE FROM audit_log WHERE region_code = '519901' AND seq = 3")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t.app.verify_audit().await.ok().map(|v| v.summary()),
        Some(Verification::Broken(ChainBreak::Gap { expected: 3, found: 4 }))
    );
}

#[tokio::test]
async fn every_change_is_audited_with_before_and_after() {
    let t = TestApp::new().await;
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    let target = users::by_username(t.app.operator_store().pool(), "jd01.cbr")
        .await
        .ok()
        .flatten()
        .map(|u| u.user.id)
        .unwrap_or(0);
    t.app.set_user_active(&admin, &cap, target, false).await.unwrap_or_else(|e| panic!("{e}"));
    let filter = fazhi_store::audit::AuditFilter { entity: Some("user".into()), limit: 1, ..Default::default() };
    let (rows, _) = t.app.browse_audit(&admin, filter).await.unwrap_or_else(|e| panic!("{e}"));
    let last = &rows[0];
    assert_eq!(last.action, AuditAction::Update.code());
    assert_eq!(last.actor, "admin");
    assert!(
        last.before.contains("\"active\":true") && last.after.contains("\"active\":false"),
        "{} -> {}",
        last.before,
        last.after
    );
    assert!(!last.after.contains("argon2"), "no password hash in the trail");
}

#[tokio::test]
async fn coordinators_browse_their_scope_and_handlers_cannot() {
    let t = TestApp::new().await;
    let coord = actor(&t, "fzb").await;
    let (rows, total) = t.app.browse_audit(&coord, Default::default()).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(total > 60 && !rows.is_empty());
    let handler = actor(&t, "scj.cbr").await;
    assert!(matches!(t.app.browse_audit(&handler, Default::default()).await, Err(AppError::Forbidden)));
}

const ATTACKER: std::net::IpAddr = std::net::IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 66));
const OWNER: std::net::IpAddr = std::net::IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

#[tokio::test]
async fn repeated_failures_slow_the_attacker_not_the_owner() {
    let t = TestApp::new().await;
    for i in 1..=4 {
        assert!(
            matches!(t.app.login("admin", "wrong-password-1", ATTACKER).await, Err(LoginError::BadCredentials)),
            "attempt {i}"
        );
    }
    assert!(matches!(t.app.login("admin", "wrong-password-1", ATTACKER).await, Err(LoginError::Locked { .. })));
    let right = t.password("admin");
    assert!(
        matches!(t.app.login("admin", &right, ATTACKER).await, Err(LoginError::Locked { .. })),
        "the attacker's address waits even with the right password"
    );
    assert!(t.app.login("admin", &right, OWNER).await.is_ok(), "the owner signs in from elsewhere");
    t.now.advance(chrono::Duration::minutes(16));
    assert!(t.app.login("admin", &right, ATTACKER).await.is_ok(), "the delay expires");
}

#[tokio::test]
async fn one_wrong_password_per_lockout_period_never_locks_the_account() {
    let t = TestApp::new().await;
    let right = t.password("admin");
    for i in 0..8 {
        assert!(
            matches!(t.app.login("admin", "wrong-password-1", ATTACKER).await, Err(LoginError::BadCredentials)),
            "round {i}"
        );
        t.now.advance(chrono::Duration::minutes(15));
    }
    assert!(t.app.login("admin", &right, ATTACKER).await.is_ok());
}

#[tokio::test]
async fn known_and_unknown_names_get_the_same_answers() {
    let t = TestApp::new().await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..7 {
        known.push(t.app.login("fzb", "wrong-password-1", ATTACKER).await.map(|_| ()).map_err(|e| e.to_string()));
        unknown
            .push(t.app.login("no.such.user", "wrong-password-1", OWNER).await.map(|_| ()).map_err(|e| e.to_string()));
    }
    assert_eq!(known, unknown);
    assert!(known.iter().any(|r| r.as_ref().is_err_and(|m| m.contains("次数过多"))), "{known:?}");
}

#[tokio::test]
async fn sessions_end_after_idle_timeout() {
    let t = TestApp::new().await;
    let ok = t.app.login("fzb", &t.password("fzb"), OWNER).await.unwrap_or_else(|e| panic!("{e}"));
    t.now.advance(chrono::Duration::minutes(29));
    assert!(t.app.session_actor(&ok.session_secret).await.ok().flatten().is_some());
    t.now.advance(chrono::Duration::minutes(29));
    assert!(t.app.session_actor(&ok.session_secret).await.ok().flatten().is_some(), "activity renewed it");
    t.now.advance(chrono::Duration::minutes(31));
    assert!(t.app.session_actor(&ok.session_secret).await.ok().flatten().is_none(), "idle too long");
}

#[tokio::test]
async fn an_active_user_is_never_logged_out_by_a_short_idle_timeout() {
    let db = crate::harness::TestDb::new().await;
    let now = crate::harness::TestNow::new();
    let auth = fazhi_app::AuthSettings { session_idle: chrono::Duration::minutes(1), ..Default::default() };
    let app = fazhi_app::App::new(db.store.clone(), now.clone(), auth);
    let demo = app.load_demo(7, crate::harness::TEST_COST).await.unwrap_or_else(|e| panic!("demo: {e}"));
    let pw = demo.accounts.iter().find(|a| a.username == "fzb").map(|a| a.password.clone()).unwrap_or_default();
    let ok = app.login("fzb", &pw, OWNER).await.unwrap_or_else(|e| panic!("{e}"));
    for i in 0..10 {
        now.advance(chrono::Duration::seconds(40));
        assert!(app.session_actor(&ok.session_secret).await.ok().flatten().is_some(), "request {i} every 40 s");
    }
    now.advance(chrono::Duration::seconds(61));
    assert!(app.session_actor(&ok.session_secret).await.ok().flatten().is_none(), "idle longer than a minute");
}

#[tokio::test]
async fn disabled_accounts_cannot_log_in_and_lose_sessions() {
    let t = TestApp::new().await;
    let ok = t.app.login("jd01.fzr", &t.password("jd01.fzr"), OWNER).await.unwrap_or_else(|e| panic!("{e}"));
    let admin = actor(&t, "admin").await;
    let cap = admin.account_admin().unwrap_or_else(|e| panic!("{e}"));
    t.app.set_user_active(&admin, &cap, ok.actor.user_id, false).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(t.app.session_actor(&ok.session_secret).await.ok().flatten().is_none());
    assert!(matches!(t.app.login("jd01.fzr", &t.password("jd01.fzr"), OWNER).await, Err(LoginError::Disabled)));
}

#[tokio::test]
async fn calendar_notices_are_validated_and_merged() {
    let t = TestApp::new().await;
    let coord = actor(&t, "fzb").await;
    let notice = "[y2027]\nholidays = [[\"2027-01-01\", \"2027-01-03\", \"元旦\"]]\nworkdays = []\n";
    let summary = t.app.import_calendar_notice(&coord, notice).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(summary.years[0].year, 2027);
    let cal = t.app.calendar().await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(cal.is_year_covered(2027));
    let bad = "[y2028]\nholidays = [[\"2028-02-30\", \"2028-03-01\"]]\nworkdays = []\n";
    match t.app.import_calendar_notice(&coord, bad).await {
        Err(AppError::Invalid(errs)) => assert!(errs[0].message.contains("2028-02-30"), "{}", errs[0].message),
        other => panic!("expected refusal, got {other:?}"),
    }
    let handler = actor(&t, "scj.cbr").await;
    assert!(matches!(t.app.import_calendar_notice(&handler, notice).await, Err(AppError::Forbidden)));
}

#[tokio::test]
async fn demo_is_deterministic_and_idempotent() {
    let t = TestApp::new().await;
    let again = t.app.load_demo(7, TEST_COST).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!again.created);
    assert_eq!(again.units, 64);
    let pw: Vec<_> = again.accounts.iter().map(|a| a.password.clone()).collect();
    let first: Vec<_> = t.demo.accounts.iter().map(|a| a.password.clone()).collect();
    assert_eq!(pw, first);
}

#[tokio::test]
async fn demo_requests_run_through_the_engine_and_balance_in_table_three() {
    let t = TestApp::new().await;
    // At 5 % of the full scale (about 800 requests a year from 1 January 2025 to 2 March 2026).
    let added = t.app.load_demo_cases_scaled(7, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!((40..=50).contains(&added.disclosure), "{added:?}");
    assert_eq!(t.app.load_demo_cases_scaled(7, 5).await.ok().map(|a| a.total()), Some(0), "idempotent");
    let coord = actor(&t, "fzb").await;
    let urgent = t.app.urgent_cases(&coord, None, 500).await.unwrap_or_default();
    assert!(
        urgent.iter().any(|(_, s)| *s == Some(fazhi_core::clock::DeadlineStatus::Overdue)),
        "some overdue, never silent"
    );
    let gov = units::by_code(t.app.operator_store().pool(), "YC-GOV").await.ok().flatten().map(|u| u.id).unwrap_or(0);
    let r = t.app.goi_table3(&coord, gov, 2025, true).await.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(r.balance.is_ok(), "{:?}", r.balance);
    // Direct count of the records: requests received in 2025 in the whole district.
    let direct: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases WHERE received_on >= '2025-01-01' AND received_on <= '2025-12-31' \
         AND kind = 'disclosure'",
    )
    .fetch_one(t.app.operator_store().pool())
    .await
    .unwrap_or(-1);
    assert_eq!(r.table.new_requests[6] as i64, direct);
    assert_eq!(t.app.verify_audit().await.ok().map(|v| matches!(v.summary(), Verification::Intact(_))), Some(true));
}

/// Issue 11: refreshing the planner's statistics leaves the per-index
/// counts and, on SQLite, no value samples (`sqlite_stat4`), with which
/// SQLite would plan a statement again whenever its bound values change.
/// On PostgreSQL the refresh runs and its statistics exist.
#[tokio::test]
async fn refreshed_statistics_keep_counts_without_value_samples() {
    let t = TestApp::new().await;
    let store = t.app.operator_store();
    store.refresh_statistics().await.unwrap_or_else(|e| panic!("{e}"));
    // Twice: the second refresh finds the statistics tables in place.
    store.refresh_statistics().await.unwrap_or_else(|e| panic!("{e}"));
    if store.backend() == Backend::Sqlite {
        let counts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat1")
            .fetch_one(store.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let samples: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat4")
            .fetch_one(store.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(counts > 10, "per-index counts: {counts}");
        assert_eq!(samples, 0, "no value samples are kept");
    } else {
        let analysed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
                .fetch_one(store.pool())
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        assert!(analysed > 0, "tables analysed: {analysed}");
    }
}
