//! The outsider's probe of issue 9 as tests, bounded in count and time:
//! the portal under 1,000 concurrent submissions, and kill -9 during the
//! demo load. (The audit tampering probes are in `hardening.rs`.)

use crate::harness::{pg_base_url, Browser, TestApp};
use std::collections::HashSet;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_portal_posts_are_each_stored_once() {
    let t = TestApp::new().await;
    let s = t.serve().await;
    let b = Browser::new(&s);
    let unit = fazhi_store::units::by_code(t.app.operator_store().pool(), "YC-ZJJ")
        .await
        .ok()
        .flatten()
        .map(|u| u.id.to_string())
        .unwrap_or_default();
    let csrf = b.get("/portal/disclosure").await.csrf();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..1000 {
        let http = b.http.clone();
        let url = format!("{}/portal/disclosure", s.base);
        let form: Vec<(&str, String)> = vec![
            ("csrf", csrf.clone()),
            ("unit_id", unit.clone()),
            ("applicant_type", "0".into()),
            ("name", "王小明".into()),
            ("id_number", "11010519491231002X".into()),
            ("phone", "13912345678".into()),
            ("address", "北京市海淀区某街道某小区".into()),
            ("delivery", "邮寄纸质材料".into()),
            ("subject", format!("压力测试申请第{i}号")),
        ];
        tasks.push(tokio::spawn(async move {
            let res = http.post(url).form(&form).send().await.ok()?;
            let status = res.status().as_u16();
            let body = res.text().await.unwrap_or_default();
            let code = scraper::Html::parse_document(&body)
                .select(&scraper::Selector::parse("code.receipt").ok()?)
                .next()
                .map(|e| e.text().collect::<String>());
            Some((status, code))
        }));
    }
    let mut accepted = Vec::new();
    // What the posts not accepted got: a status, or none (no answer).
    let mut other: std::collections::BTreeMap<Option<u16>, usize> = std::collections::BTreeMap::new();
    for task in tasks {
        match task.await.ok().flatten() {
            Some((201, Some(code))) => accepted.push(code),
            answer => *other.entry(answer.map(|(status, _)| status)).or_default() += 1,
        }
    }
    assert!(started.elapsed() < Duration::from_secs(120), "took {:?}", started.elapsed());
    assert!(other.is_empty(), "every post answered 201 with a receipt; the others by status: {other:?}");
    let stored: Vec<String> = sqlx::query_scalar("SELECT receipt_code FROM cases WHERE receipt_code IS NOT NULL")
        .fetch_all(t.app.operator_store().pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), accepted.len(), "each accepted post stored once");
    let unique: HashSet<_> = stored.iter().collect();
    assert_eq!(unique.len(), stored.len(), "unique receipt codes");
    assert_eq!(accepted.iter().collect::<HashSet<_>>(), unique);
    let verified = t.app.verify_audit().await.ok().map(|v| v.summary());
    assert!(matches!(verified, Some(fazhi_store::audit::Verification::Intact(_))), "{verified:?}");
}

fn fazhi(args: &[&str], data_dir: &std::path::Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_fazhi"));
    c.args(["--data-dir", &data_dir.display().to_string()])
        .args(args)
        .env_remove("FAZHI_DATABASE_URL")
        .env("FAZHI_LOG", "error");
    c
}

#[test]
fn kill_nine_during_the_demo_load_loses_nothing() {
    if pg_base_url().is_some() {
        // Drives the binary's SQLite default; the PostgreSQL run covers the
        // store's transactions through the rest of the suite.
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("fazhi.db");
    let mut child = fazhi(&["demo", "--no-serve", "--seed", "5"], dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait for the load to be under way, then kill -9.
    let started = Instant::now();
    while !db.exists() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let out = fazhi(&["demo", "--no-serve", "--seed", "5"], dir.path()).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "restart completes: {}", String::from_utf8_lossy(&out.stderr));
    let out = fazhi(&["audit", "verify"], dir.path()).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("完整"), "{text}");
}
