//! What the load benchmarks share: a demo district served on loopback with
//! one signed-in client per simulated user, a load generator bounded in
//! time, and latency percentiles.

#![allow(dead_code)]

use fazhi_app::auth::PasswordCost;
use fazhi_app::{App, AuthSettings};
use fazhi_core::time::SystemNow;
use fazhi_store::Store;
use fazhi_web::{AppState, WebSettings};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const COST: PasswordCost = PasswordCost { memory_kib: 1024, iterations: 1 };

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

pub async fn load(
    base: &str,
    path: &str,
    clients: &[reqwest::Client],
    secs: u64,
    think: Duration,
) -> (Vec<Duration>, usize) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    let n = u32::try_from(clients.len()).unwrap_or(1).max(1);
    for (i, c) in clients.iter().enumerate() {
        let c = c.clone();
        let url = format!("{base}{path}");
        // Spread the users' clicks evenly over the think time.
        let start = think * u32::try_from(i).unwrap_or(0) / n;
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(start).await;
            let mut lat = Vec::new();
            let mut errors = 0;
            while Instant::now() < deadline {
                let t = Instant::now();
                match c.get(&url).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed());
                    }
                    _ => errors += 1,
                }
                if !think.is_zero() {
                    tokio::time::sleep(think).await;
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            all.extend(l);
            errors += e;
        }
    }
    all.sort();
    (all, errors)
}

pub fn report(name: &str, lat: &[Duration], errors: usize, secs: u64) {
    println!(
        "{name:<12} requests {:>7}  rps {:>7.0}  p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  errors {errors}",
        lat.len(),
        lat.len() as f64 / secs as f64,
        percentile(lat, 0.50),
        percentile(lat, 0.95),
        percentile(lat, 0.99),
        lat.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(f64::NAN),
    );
}

/// The demo district (seed 1, full scale) on a fresh SQLite database in
/// `dir`, served on a loopback port: the app, the base address, the number
/// of cases, and one signed-in client per user spread over the demo accounts.
pub struct Served {
    pub app: App,
    pub base: String,
    pub cases: u64,
    pub clients: Vec<reqwest::Client>,
    /// The account of each client.
    pub usernames: Vec<String>,
}

pub async fn serve_demo(dir: &std::path::Path, users: usize) -> anyhow::Result<Served> {
    let store = Store::connect(&format!("sqlite://{}/bench.db", dir.display())).await?;
    store.migrate().await?;
    let store = store.with_audit_key(fazhi_core::audit::AuditKey::from_bytes([1; 32]));
    let app = App::new(store, Arc::new(SystemNow), AuthSettings::default());
    let demo = app.load_demo(1, COST).await?;
    let cases = app.load_demo_cases(1).await?;
    app.operator_store().refresh_statistics().await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let state =
        AppState::new(app.clone(), WebSettings { secure_cookies: false, password_cost: COST, ..Default::default() });
    tokio::spawn(async move {
        let _ = fazhi_web::serve(listener, state, std::future::pending()).await;
    });
    let mut clients = Vec::with_capacity(users);
    let mut usernames = Vec::with_capacity(users);
    for i in 0..users {
        let acct = &demo.accounts[i % demo.accounts.len()];
        usernames.push(acct.username.clone());
        let ok = app
            .login(&acct.username, &acct.password, std::net::Ipv4Addr::LOCALHOST.into())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let url: reqwest::Url = base.parse()?;
        jar.add_cookie_str(&format!("fazhi_session={}", ok.session_secret), &url);
        clients.push(reqwest::Client::builder().cookie_provider(jar).pool_max_idle_per_host(1).build()?);
    }
    Ok(Served { app, base, cases: cases as u64, clients, usernames })
}
