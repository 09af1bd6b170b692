//! Configuration: defaults, then a TOML file, then environment variables,
//! then command-line flags (each overrides the one before). Parsed once into
//! a validated [`Config`]; `fazhi config example` prints a commented file.

use anyhow::Context as _;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The configuration file's shape (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub bind: Option<String>,
    pub secure_cookies: Option<bool>,
    pub session_idle_minutes: Option<i64>,
    pub session_max_hours: Option<i64>,
    pub lockout_threshold: Option<i64>,
    pub lockout_minutes: Option<i64>,
    pub log_format: Option<String>,
    pub log_level: Option<String>,
    pub audit_key_file: Option<PathBuf>,
    pub audit_checkpoint_file: Option<PathBuf>,
    pub audit_checkpoint_minutes: Option<i64>,
    pub trusted_proxies: Option<Vec<String>>,
    pub metrics_loopback: Option<bool>,
    pub metrics_token: Option<String>,
    pub portal_submissions_per_hour: Option<u32>,
    pub portal_tracking_per_minute: Option<u32>,
    pub report_checks_at_once: Option<usize>,
    pub rules_file: Option<PathBuf>,
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub bind: String,
    pub secure_cookies: bool,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
    pub log_format: LogFormat,
    pub log_level: String,
    /// The secret that keys the audit chain (kept outside the database).
    pub audit_key_file: PathBuf,
    /// Signed checkpoints of the audit chain (kept outside the database).
    pub audit_checkpoint_file: PathBuf,
    pub audit_checkpoint_minutes: i64,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub metrics_loopback: bool,
    pub metrics_token: Option<String>,
    pub portal_submissions_per_hour: u32,
    pub portal_tracking_per_minute: u32,
    pub report_checks_at_once: usize,
    /// Local deadline rules (TOML overrides of the rules tagged [U]), applied by the
    /// server, the demo and `fazhi deadline` alike.
    pub rules_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Pretty,
}

/// Values from flags and environment (clap fills both).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub bind: Option<String>,
    pub log_format: Option<String>,
}

pub const EXAMPLE: &str = r#"# fazhi configuration (TOML). Every key is optional.
# Precedence: built-in defaults < this file < environment (FAZHI_*) < command-line flags.
# Use it with `fazhi --config fazhi.toml serve` or FAZHI_CONFIG=fazhi.toml.

# Where the SQLite database (and later attachments) live. Default: ./data
data_dir = "./data"

# Database. Default: SQLite in data_dir (sqlite://./data/fazhi.db).
# PostgreSQL: "postgres://user:password@localhost:5432/fazhi"  (env: FAZHI_DATABASE_URL)
# database_url = "sqlite://./data/fazhi.db"

# Address to serve on (env: FAZHI_BIND).
bind = "127.0.0.1:8080"

# Mark cookies Secure. Turn on when served over HTTPS (behind a reverse proxy).
secure_cookies = false

# A session ends after this many minutes without a request, or this many hours after login.
session_idle_minutes = 30
session_max_hours = 12

# Lock an account for lockout_minutes after lockout_threshold failed logins in a row.
lockout_threshold = 5
lockout_minutes = 15

# Logs: "json" (one object per line, for collectors) or "pretty". Personal data is never logged.
log_format = "pretty"
log_level = "info"

# The secret that keys the audit hash chain (HMAC-SHA256). Created by `fazhi init` and
# `fazhi demo`; keep it outside the database and back it up separately. Default: data_dir/audit.key
# audit_key_file = "./data/audit.key"
# Signed checkpoints of the audit chain, written by `fazhi audit checkpoint` and by the server
# every audit_checkpoint_minutes; `fazhi audit verify` checks the database against them.
# Keep this file on other storage than the database (or copy it off the machine).
# audit_checkpoint_file = "./data/audit-checkpoints.jsonl"
audit_checkpoint_minutes = 10

# Reverse proxies whose X-Forwarded-For header is believed (client address for throttling).
trusted_proxies = []

# /metrics: readable from loopback without a token (turn off when a proxy on this host forwards
# public traffic), and by anyone presenting "Authorization: Bearer <metrics_token>".
metrics_loopback = true
# metrics_token = "a long random string"

# Anonymous portal: requests per client address.
portal_submissions_per_hour = 10
portal_tracking_per_minute = 30

# Report checks (年度报告体检) running at once; more wait or are told to retry.
report_checks_at_once = 2

# Local deadline rules: overrides of the rules tagged [U] in LAW.md (e.g. the 调解 handling
# period, 30 days by default), as `[[rule]]` tables with `id`, `length`, `unit`, `article`.
# `fazhi deadline --help` lists the rule ids. The server refuses to start on a bad file.
# rules_file = "./rules.toml"
"#;

impl Config {
    pub fn load(o: &Overrides) -> anyhow::Result<Self> {
        let file = match &o.config_file {
            Some(p) => read_file(p)?,
            None => FileConfig::default(),
        };
        let data_dir = o.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = o
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("fazhi.db").display()));
        let log_format = match o.log_format.clone().or(file.log_format).as_deref().unwrap_or("pretty") {
            "json" => LogFormat::Json,
            "pretty" => LogFormat::Pretty,
            other => anyhow::bail!("log_format 应为 json 或 pretty,配置中是“{other}”"),
        };
        let audit_key_file = file.audit_key_file.clone().unwrap_or_else(|| data_dir.join("audit.key"));
        let audit_checkpoint_file =
            file.audit_checkpoint_file.clone().unwrap_or_else(|| data_dir.join("audit-checkpoints.jsonl"));
        let cfg = Config {
            database_url,
            data_dir,
            bind: o.bind.clone().or(file.bind).unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            secure_cookies: file.secure_cookies.unwrap_or(false),
            session_idle_minutes: file.session_idle_minutes.unwrap_or(30),
            session_max_hours: file.session_max_hours.unwrap_or(12),
            lockout_threshold: file.lockout_threshold.unwrap_or(5),
            lockout_minutes: file.lockout_minutes.unwrap_or(15),
            log_format,
            log_level: file.log_level.unwrap_or_else(|| "info".to_owned()),
            audit_key_file,
            audit_checkpoint_file,
            audit_checkpoint_minutes: file.audit_checkpoint_minutes.unwrap_or(10),
            trusted_proxies: file
                .trusted_proxies
                .unwrap_or_default()
                .iter()
                .map(|s| s.trim().parse().with_context(|| format!("trusted_proxies 中的“{s}”不是IP地址")))
                .collect::<anyhow::Result<_>>()?,
            metrics_loopback: file.metrics_loopback.unwrap_or(true),
            metrics_token: std::env::var("FAZHI_METRICS_TOKEN")
                .ok()
                .or(file.metrics_token)
                .filter(|t| !t.trim().is_empty()),
            portal_submissions_per_hour: file.portal_submissions_per_hour.unwrap_or(10),
            portal_tracking_per_minute: file.portal_tracking_per_minute.unwrap_or(30),
            report_checks_at_once: file.report_checks_at_once.unwrap_or(2),
            rules_file: file.rules_file.clone(),
        };
        if let Some(t) = &cfg.metrics_token {
            anyhow::ensure!(t.len() >= 16, "metrics_token 至少16个字符");
        }
        for (name, v) in [
            ("portal_submissions_per_hour", i64::from(cfg.portal_submissions_per_hour)),
            ("portal_tracking_per_minute", i64::from(cfg.portal_tracking_per_minute)),
            ("report_checks_at_once", cfg.report_checks_at_once as i64),
            ("audit_checkpoint_minutes", cfg.audit_checkpoint_minutes),
        ] {
            anyhow::ensure!(v > 0, "配置项 {name} 应为正整数,配置中是 {v}");
        }
        for (name, v) in [
            ("session_idle_minutes", cfg.session_idle_minutes),
            ("session_max_hours", cfg.session_max_hours),
            ("lockout_threshold", cfg.lockout_threshold),
            ("lockout_minutes", cfg.lockout_minutes),
        ] {
            anyhow::ensure!(v > 0, "配置项 {name} 应为正整数,配置中是 {v}");
        }
        Ok(cfg)
    }

    pub fn web_settings(&self) -> fazhi_web::WebSettings {
        use std::time::Duration;
        fazhi_web::WebSettings {
            secure_cookies: self.secure_cookies,
            password_cost: fazhi_app::auth::PasswordCost::default(),
            trusted_proxies: self.trusted_proxies.clone(),
            metrics: fazhi_web::MetricsAccess { loopback: self.metrics_loopback, token: self.metrics_token.clone() },
            portal_submissions: fazhi_web::limits::Rate::per(
                self.portal_submissions_per_hour,
                Duration::from_secs(3600),
            ),
            portal_tracking: fazhi_web::limits::Rate::per(self.portal_tracking_per_minute, Duration::from_secs(60)),
            report_checks: self.report_checks_at_once,
            ..Default::default()
        }
    }

    pub fn auth_settings(&self) -> fazhi_app::AuthSettings {
        fazhi_app::AuthSettings {
            session_idle: chrono::Duration::minutes(self.session_idle_minutes),
            session_max: chrono::Duration::hours(self.session_max_hours),
            lockout_threshold: self.lockout_threshold,
            lockout_duration: chrono::Duration::minutes(self.lockout_minutes),
        }
    }
}

fn read_file(p: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(p).with_context(|| format!("无法读取配置文件 {}", p.display()))?;
    toml::from_str(&text).with_context(|| format!("配置文件 {} 格式有误", p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_parses_and_precedence_holds() {
        let parsed: FileConfig = toml::from_str(EXAMPLE).unwrap_or_default();
        assert_eq!(parsed.bind.as_deref(), Some("127.0.0.1:8080"));
        let dir = std::env::temp_dir().join(format!("fazhi-cfg-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("f.toml");
        let _ = std::fs::write(&file, "bind = \"127.0.0.1:9000\"\nlockout_threshold = 3\n");
        let cfg = Config::load(&Overrides { config_file: Some(file.clone()), ..Default::default() });
        let cfg = cfg.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cfg.bind, "127.0.0.1:9000");
        assert_eq!(cfg.lockout_threshold, 3);
        assert!(cfg.database_url.starts_with("sqlite://./data"));
        let cfg =
            Config::load(&Overrides { config_file: Some(file), bind: Some("0.0.0.0:1".into()), ..Default::default() })
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cfg.bind, "0.0.0.0:1", "flags beat the file");
        let _ = std::fs::write(dir.join("bad.toml"), "bogus_key = 1\n");
        assert!(Config::load(&Overrides { config_file: Some(dir.join("bad.toml")), ..Default::default() }).is_err());
    }
}
