//! Test harness: fresh databases, an adjustable clock, a served app on port
//! 0, and a browser-like client that keeps cookies and CSRF tokens.

use chrono::{DateTime, TimeZone, Utc};
use fazhi_app::auth::PasswordCost;
use fazhi_app::demo::DemoSummary;
use fazhi_app::{App, AuthSettings};
use fazhi_core::time::Now;
use fazhi_store::Store;
use fazhi_web::{AppState, WebSettings};
use std::sync::{Arc, Mutex};

/// Cheap argon2 for tests (the real cost is exercised by the unit tests).
pub const TEST_COST: PasswordCost = PasswordCost { memory_kib: 1024, iterations: 1 };

/// A clock tests can move.
#[derive(Debug)]
pub struct TestNow(Mutex<DateTime<Utc>>);

impl TestNow {
    pub fn new() -> Arc<Self> {
        Arc::new(Self(Mutex::new(Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().unwrap_or_default())))
    }

    pub fn advance(&self, d: chrono::Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += d;
        }
    }
}

impl Now for TestNow {
    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|t| *t).unwrap_or_default()
    }
}

/// The audit key of the tests.
pub fn test_key() -> fazhi_core::audit::AuditKey {
    fazhi_core::audit::AuditKey::from_bytes([42; 32])
}

/// A fresh database for one test. Keeps its temp dir alive.
pub struct TestDb {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst), Utc::now().timestamp_micros() % 1_000_000)
}

/// Whether the suite runs on the partitioned layout (`FAZHI_TEST_PG_LAYOUT=partitioned`).
pub fn partitioned_layout() -> bool {
    std::env::var("FAZHI_TEST_PG_LAYOUT").is_ok_and(|v| v == "partitioned")
}

pub fn pg_base_url() -> Option<String> {
    std::env::var("FAZHI_TEST_PG_URL").ok().filter(|s| !s.is_empty())
}

impl TestDb {
    /// A fresh, migrated database. With `FAZHI_TEST_PG_LAYOUT=partitioned`
    /// (on PostgreSQL) its tenant tables are then partitioned by region, so
    /// the whole suite runs on the layout a distributed engine stands for.
    pub async fn new() -> Self {
        let db = Self::new_empty().await;
        db.store.migrate().await.unwrap_or_else(|e| panic!("migrate: {e}"));
        if pg_base_url().is_some() && partitioned_layout() {
            fazhi_store::layout::partition_by_region(&db.store).await.unwrap_or_else(|e| panic!("partition: {e}"));
        }
        db
    }

    /// A fresh database with the migrations before `version` applied (a
    /// database of an earlier release), e.g. `"0011"`.
    pub async fn before(version: &str) -> Self {
        let db = Self::new_empty().await;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fazhi-store/migrations")
            .join(if pg_base_url().is_some() { "postgres" } else { "sqlite" });
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if name.as_str() < version {
                std::fs::copy(&path, tmp.path().join(&name)).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let old = sqlx::migrate::Migrator::new(tmp.path()).await.unwrap_or_else(|e| panic!("{e}"));
        old.run(db.store.pool()).await.unwrap_or_else(|e| panic!("{e}"));
        db
    }

    /// A fresh database with no migration applied.
    pub async fn new_empty() -> Self {
        sqlx::any::install_default_drivers();
        let (url, dir) = match pg_base_url() {
            Some(base) => {
                let name = format!("fazhi_t_{}", unique());
                let admin = Store::connect(&base).await.unwrap_or_else(|e| panic!("connect {base}: {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                admin.close().await;
                let (prefix, _) = base.rsplit_once('/').unwrap_or((&base, ""));
                (format!("{prefix}/{name}"), None)
            }
            None => {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
                (format!("sqlite://{}/t.db", dir.path().display()), Some(dir))
            }
        };
        let store = Store::connect(&url).await.unwrap_or_else(|e| panic!("connect {url}: {e}"));
        let store = store.with_audit_key(test_key());
        Self { store, _dir: dir }
    }
}

/// An application over a fresh database, with the demo district loaded.
pub struct TestApp {
    /// Kept so that a SQLite file outlives the test body.
    _db: TestDb,
    pub app: App,
    pub now: Arc<TestNow>,
    pub demo: DemoSummary,
}

impl TestApp {
    pub async fn new() -> Self {
        let db = TestDb::new().await;
        let now = TestNow::new();
        let app = App::new(db.store.clone(), now.clone(), AuthSettings::default());
        let demo = app.load_demo(7, TEST_COST).await.unwrap_or_else(|e| panic!("demo: {e}"));
        Self { _db: db, app, now, demo }
    }

    /// The actor of a demo account, as a use case takes it.
    pub async fn actor(&self, username: &str) -> fazhi_app::auth::Actor {
        let u = fazhi_store::users::by_username(self.app.operator_store().pool(), username)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no {username}"));
        self.app.actor_for(&u).await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// One number from the database (a count), straight from the tables.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.app.operator_store().pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub fn password(&self, username: &str) -> String {
        self.demo.accounts.iter().find(|a| a.username == username).map(|a| a.password.clone()).unwrap_or_default()
    }

    /// Serves the app on an ephemeral loopback port.
    pub async fn serve(&self) -> Server {
        self.serve_with(test_settings()).await
    }

    /// Serves the app with these web settings.
    pub async fn serve_with(&self, settings: WebSettings) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let state = AppState::new(self.app.clone(), settings);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            let _ = fazhi_web::serve(listener, state, async move {
                let _ = rx.await;
            })
            .await;
        });
        Server { base: format!("http://{addr}"), _stop: tx, _handle: handle }
    }
}

/// An .xlsx with these rows (the first is the header), every cell as text.
pub fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    wb.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

/// The web settings of the tests: cheap argon2, generous portal limits
/// (tests of the limits set their own).
pub fn test_settings() -> WebSettings {
    WebSettings {
        secure_cookies: false,
        password_cost: TEST_COST,
        portal_submissions: fazhi_web::limits::Rate::per(10_000, std::time::Duration::from_secs(3600)),
        portal_tracking: fazhi_web::limits::Rate::per(10_000, std::time::Duration::from_secs(60)),
        ..Default::default()
    }
}

pub struct Server {
    pub base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
    _handle: tokio::task::JoinHandle<()>,
}

/// A browser: keeps cookies, reads CSRF tokens from pages, no redirects followed.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
        doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_owned()).collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
        doc.select(&sel).next().and_then(|e| e.value().attr(attr)).map(str::to_owned)
    }

    pub fn csrf(&self) -> String {
        self.attr("input[name=csrf]", "value").unwrap_or_default()
    }
}

impl Browser {
    pub fn new(server: &Server) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        Self { http, base: server.base.clone() }
    }

    async fn page(res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let location = res.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = res.text().await.unwrap_or_default();
        Page { status, location, body }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(
            self.http.get(format!("{}{path}", self.base)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}")),
        )
        .await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.http
                .post(format!("{}{path}", self.base))
                .form(form)
                .send()
                .await
                .unwrap_or_else(|e| panic!("POST {path}: {e}")),
        )
        .await
    }

    /// Posts a form with the CSRF token taken from the page at `form_page`.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(form_page).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.submit("/login", "/login", &[("username", username), ("password", password)]).await
    }
}

/// A region (519901) with a government (unit 1, `/1/`) and a department
/// under it (unit 7, `/1/7/`), written straight into a database of an
/// earlier release ([`TestDb::before`]) for a migration test to carry over.
pub async fn old_schema_units(pool: &sqlx::AnyPool) {
    for sql in [
        "INSERT INTO regions (code, name, created_at) VALUES ('519901', '演示区', '2026-01-01T00:00:00Z')",
        "INSERT INTO units (id, code, name, kind, region_code, parent_id, path, created_at, updated_at) \
         VALUES (1, 'G', '区政府', 'government', '519901', NULL, '/1/', 'x', 'x')",
        "INSERT INTO units (id, code, name, kind, region_code, parent_id, path, created_at, updated_at) \
         VALUES (7, 'D', '某局', 'department', '519901', 1, '/1/7/', 'x', 'x')",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}
