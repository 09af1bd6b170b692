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
        };
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
