//! `fazhi-store`: the storage of fazhi.
//!
//! One implementation serves both backends: queries go through sqlx's `Any`
//! driver in a portable SQL subset (`$n` placeholders in increasing order,
//! `RETURNING`, `CAST(… AS BIGINT)`, text timestamps, 0/1 integers for
//! booleans). The backend differences live only in the migrations
//! (`migrations/sqlite`, `migrations/postgres`), in connection set-up
//! ([`Store::connect`]) and in [`dialect`] (upserts, locks, how a write
//! begins, partition DDL). The same contract suite (`tests/it/store.rs` of
//! the `fazhi` crate) runs on both.
//!
//! The schema is ready to be distributed by region (migration 0011,
//! `tables.toml`, docs/scale-out.md): tables of business data are tenant
//! tables keyed by `(region_code, id)` with ids from [`ids`], scoped reads
//! filter on the reader's regions ([`Scope`], [`queries`]), and the audit
//! trail is one chain per region.
//!
//! Invariants:
//! - Every change of business data happens in a [`WriteTx`], which appends
//!   its audit entry in the same transaction: no change without its entry, no
//!   entry without its change.
//! - Scoped reads take the reader's scope ([`Scope`]: unit path and regions)
//!   and filter in SQL, on the region first.
//! - Errors are mapped once ([`StoreError::from`]): unique violations become
//!   [`StoreError::Conflict`], lost connections [`StoreError::Unavailable`];
//!   a database error is never turned into "not found".

pub mod activities;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod dialect;
pub mod documents;
pub mod held_uploads;
pub mod ids;
pub mod indicators;
pub mod layout;
pub mod manifest;
pub mod queries;
pub mod scope;
pub mod sessions;
pub mod settings;
pub mod units;
pub mod users;

mod error;
mod tx;

pub use error::StoreError;
pub use scope::Scope;
pub use tx::{Actor as AuditActor, WriteTx, NO_REGION};

use fazhi_core::org::UnitPath;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Config(format!("不支持的数据库地址“{}”:应以 sqlite: 或 postgres:// 开头", redact_url(url))))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A URL with any password replaced by `***`, safe to log and show.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The database handle shared by the whole application.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    dialect: &'static dyn dialect::Dialect,
    /// The places of write transactions in this process
    /// ([`dialect::Dialect::concurrent_writers`]): SQLite has one writer
    /// anyway, and waiting here avoids its busy errors. On PostgreSQL the
    /// lock of each region (its audit head row) lines up the writers of one
    /// region, writers of different regions proceed at once, and a burst of
    /// writers waits here rather than failing on the pool's timeout.
    writers: Arc<tokio::sync::Semaphore>,
    /// The key of the audit chain (from a file outside the database); writes
    /// are refused without it.
    audit_key: Option<Arc<fazhi_core::audit::AuditKey>>,
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `url` (`sqlite:///path/to/file.db` or `postgres://…`).
    /// A SQLite file and its folder are created if absent; the connection has
    /// WAL journaling, foreign keys on and a busy timeout.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = if backend == Backend::Sqlite { prepare_sqlite_url(url)? } else { url.to_owned() };
        let opts = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Config(format!("数据库地址“{}”无效:{e}", redact_url(&url))))?;
        let connections = if backend == Backend::Sqlite { 8 } else { 16 };
        let dialect = dialect::for_backend(backend);
        let pool = AnyPoolOptions::new()
            .max_connections(connections)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // 8 MB of page cache per connection (SQLite's default
                        // is 2 MB). The file is not memory-mapped: a 1 GB
                        // `mmap_size` was tried (issue 11) and changed neither
                        // the workbench under load nor the demo's seeding.
                        conn.execute("PRAGMA cache_size = -8192").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        Ok(Self {
            pool,
            backend,
            dialect,
            writers: Arc::new(tokio::sync::Semaphore::new(dialect.concurrent_writers(connections) as usize)),
            audit_key: None,
        })
    }

    /// This store with the key of the audit chain.
    pub fn with_audit_key(mut self, key: fazhi_core::audit::AuditKey) -> Self {
        self.audit_key = Some(Arc::new(key));
        self
    }

    /// The key of the audit chain, if configured.
    pub fn audit_key(&self) -> Option<&fazhi_core::audit::AuditKey> {
        self.audit_key.as_deref()
    }

    /// Applies pending migrations of this backend.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        let before = self.applied_migrations().await.unwrap_or(0);
        migrator.run(&self.pool).await.map_err(|e| StoreError::Migration(e.to_string()))?;
        let after = self.applied_migrations().await?;
        Ok(after.saturating_sub(before))
    }

    async fn applied_migrations(&self) -> Result<usize, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = $1")
            .bind(true)
            .fetch_one(&self.pool)
            .await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The backend's dialect (upserts, locks, partition DDL).
    pub fn dialect(&self) -> &'static dyn dialect::Dialect {
        self.dialect
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Refreshes the query planner's statistics (after migrations at start,
    /// after a bulk load such as the demo), in one transaction: no other
    /// connection sees a half-made set.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for sql in self.dialect.refresh_statistics() {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Starts a write transaction that will carry its audit entries.
    pub async fn begin_write(
        &self,
        actor: AuditActor,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<WriteTx, StoreError> {
        let key = self
            .audit_key
            .clone()
            .ok_or_else(|| StoreError::Config("审计密钥未配置:无法写入(请检查 audit_key_file)".into()))?;
        let guard = Arc::clone(&self.writers)
            .acquire_owned()
            .await
            .map_err(|_| StoreError::Unavailable("the store is closing".into()))?;
        let tx = match self.dialect.begin_write() {
            Some(begin) => self.pool.begin_with(begin).await?,
            None => self.pool.begin().await?,
        };
        Ok(WriteTx::new(tx, guard, self.dialect, actor, at, key))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure the folder of a SQLite file exists and the URL creates the file.
fn prepare_sqlite_url(url: &str) -> Result<String, StoreError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Err(StoreError::Config("SQLite 数据库须指定文件路径".into()));
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Config(format!("无法创建数据目录“{}”:{e}", dir.display())))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// The SQL condition "unit path is inside the scope" for a column, with the
/// scope bound as the `$n` parameter.
pub(crate) fn scope_condition(column: &str, param: usize) -> String {
    format!("{column} LIKE ${param} || '%'")
}

/// Formats a timestamp the way every table stores it.
pub fn ts(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Parses a stored timestamp.
pub(crate) fn parse_ts(s: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::Corrupt(format!("bad timestamp {s:?}: {e}")))
}

pub(crate) fn parse_path(s: &str) -> Result<UnitPath, StoreError> {
    UnitPath::from_stored(s).ok_or_else(|| StoreError::Corrupt(format!("bad unit path {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join("fazhi-url-test");
        let url = format!("sqlite://{}/x.db", dir.display());
        let got = prepare_sqlite_url(&url).unwrap_or_default();
        assert!(got.ends_with("/x.db?mode=rwc"), "{got}");
        assert!(prepare_sqlite_url("sqlite::memory:").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact_url("postgres://u:secret@localhost:5432/db"), "postgres://u:***@localhost:5432/db");
        assert!(Backend::from_url("mysql://x").is_err());
    }
}
