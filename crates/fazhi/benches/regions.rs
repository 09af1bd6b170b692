//! Concurrent writes from two regions against one region alone, on
//! PostgreSQL (issue 11): each region has its own audit chain and its own
//! lock, so writers of two districts should not wait for each other, while
//! writers of one district line up behind its chain head.
//!
//! Run: `FAZHI_BENCH_PG_URL=postgres://user@host:port/postgres \
//!       cargo bench -p fazhi --bench regions -- [WRITERS] [SECONDS]`
//! (defaults 4 writers a region, 5 s). A fresh database is created on the
//! server and dropped at the end. Each write is one case registered through
//! the store (number, first history entry, audit entry) in its own
//! transaction. Printed: writes/s and p50/p99 latency per region, one
//! region alone, then two at once, side by side.

use fazhi_core::org::{RegionCode, UnitKind};
use fazhi_store::cases::{NewCase, NewEvent};
use fazhi_store::{units, AuditActor, Store};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn new_case(unit_id: i64, i: usize) -> NewCase {
    NewCase {
        kind: "disclosure".into(),
        number_prefix: "YSQ".into(),
        year: 2026,
        receipt_code: None,
        unit_id,
        handler_id: None,
        stage: "received".into(),
        subject: format!("基准测试申请{i}"),
        received_on: "2026-03-02".into(),
        next_due: Some("2026-03-23".into()),
        party_name: "某某".into(),
        party_json: "{\"name\":\"某某\"}".into(),
        state_json: "{\"kind\":\"disclosure\",\"stage\":\"received\"}".into(),
        origin_id: None,
        respondent_id: None,
        matter: "goi".into(),
        first_event: NewEvent { occurred_on: "2026-03-02".into(), action: "receive".into(), action_json: "{}".into() },
        facts: Vec::new(),
    }
}

/// `writers` tasks registering cases in the unit for `secs` seconds; the
/// latency of every committed write.
async fn write(store: &Store, unit_id: i64, writers: usize, secs: u64) -> Vec<Duration> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for w in 0..writers {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut i = w * 1_000_000;
            while Instant::now() < deadline {
                let t = Instant::now();
                let Ok(mut tx) = store.begin_write(AuditActor::system("bench"), chrono::Utc::now()).await else {
                    continue;
                };
                i += 1;
                if fazhi_store::cases::insert(&mut tx, &new_case(unit_id, i)).await.is_ok() && tx.commit().await.is_ok()
                {
                    lat.push(t.elapsed());
                }
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    all.sort();
    all
}

fn line(label: &str, lat: &[Duration], secs: u64) -> String {
    format!(
        "{label:<28} {:>9.0} writes/s   p50 {:>7.2} ms   p99 {:>7.2} ms",
        lat.len() as f64 / secs as f64,
        percentile(lat, 0.5),
        percentile(lat, 0.99)
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Ok(base) = std::env::var("FAZHI_BENCH_PG_URL") else {
        println!("FAZHI_BENCH_PG_URL is not set: this benchmark needs a PostgreSQL server; skipped.");
        return Ok(());
    };
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let writers: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(4);
    let secs: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let name = format!("fazhi_bench_regions_{}", std::process::id());
    let admin = Store::connect(&base).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(admin.pool()).await?;
    let (prefix, _) = base.rsplit_once('/').unwrap_or((&base, ""));
    let store = Store::connect(&format!("{prefix}/{name}"))
        .await?
        .with_audit_key(fazhi_core::audit::AuditKey::from_bytes([7; 32]));
    store.migrate().await?;
    let mut unit_of = Vec::new();
    for (code, name) in [("110108", "海淀区"), ("110105", "朝阳区")] {
        let mut tx = store.begin_write(AuditActor::system("bench"), chrono::Utc::now()).await?;
        let region = RegionCode::parse(code).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        units::ensure_region(&mut tx, &region, name).await?;
        let unit = units::insert(
            &mut tx,
            &units::NewUnit {
                code: format!("G-{code}"),
                name: format!("{name}人民政府"),
                kind: UnitKind::Government,
                region_code: region,
                parent_id: None,
                sort_order: 0,
            },
        )
        .await?;
        tx.commit().await?;
        unit_of.push(unit.id);
    }
    println!("{writers} writers a region, {secs} s each pass, PostgreSQL at {}", fazhi_store::redact_url(&base));
    // Warm-up (connections, plans).
    write(&store, unit_of[0], writers, 1).await;
    let alone = write(&store, unit_of[0], writers, secs).await;
    let (a, b) = tokio::join!(write(&store, unit_of[0], writers, secs), write(&store, unit_of[1], writers, secs));
    println!("{}", line("one region alone (110108)", &alone, secs));
    println!("{}", line("two at once: 110108", &a, secs));
    println!("{}", line("two at once: 110105", &b, secs));
    let both = a.len() + b.len();
    println!(
        "two regions together: {:.0} writes/s ({:.2}× one region alone)",
        both as f64 / secs as f64,
        both as f64 / alone.len().max(1) as f64
    );
    let trail = fazhi_store::audit::verify(store.pool(), &fazhi_core::audit::AuditKey::from_bytes([7; 32])).await?;
    println!("audit chains after the run: {:?}", trail.chains);
    store.close().await;
    // The pool's connections may still be closing: force them off.
    if let Err(e) = sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(admin.pool()).await {
        println!("could not drop the benchmark database {name}: {e}");
    }
    Ok(())
}
