//! Workbench under concurrent load, on the demo district with its disclosure
//! requests (about 800 a year since 1 January of last year). Prints latency percentiles of
//! `/workbench` (session lookup, scope, units, urgent cases by deadline)
//! next to `/healthz` (one trivial query) measured the same way in the same
//! run, so the figure can be read against what the machine and the client
//! themselves cost.
//!
//! Run: `cargo bench -p fazhi --bench workbench -- [USERS] [SECONDS]`
//! (defaults 200 users, 10 s). Two passes: users firing back to back (the
//! saturation throughput; latency is then queueing) and users who wait one
//! second between clicks (200 users ≈ 200 requests/s offered). The client
//! runs on the same 2 cores as the server, so the figures are conservative.

mod common;

use common::{load, report, serve_demo, Served};
use std::time::Duration;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let users: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(200);
    let secs: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let dir = tempfile::tempdir()?;
        let Served { base, cases, clients, .. } = serve_demo(dir.path(), users).await?;
        println!("workbench load: {users} concurrent users, {secs} s per route, demo district with {cases} cases (依申请公开, 行政复议, 行政应诉), SQLite, loopback");
        for (label, think) in [("no think time (saturation)", Duration::ZERO), ("1 s think time per user", Duration::from_secs(1))] {
            println!("-- {label}");
            let (base_lat, base_err) = load(&base, "/healthz", &clients, secs, think).await;
            report("/healthz", &base_lat, base_err, secs);
            let (lat, err) = load(&base, "/workbench", &clients, secs, think).await;
            report("/workbench", &lat, err, secs);
        }
        anyhow::Ok(())
    })
}
