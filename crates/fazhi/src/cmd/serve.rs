//! `fazhi serve`, `fazhi demo`, `fazhi migrate`, and start-up shared by them.

use crate::config::{Config, LogFormat};
use anyhow::Context as _;
use fazhi_app::auth::PasswordCost;
use fazhi_app::App;
use fazhi_core::time::SystemNow;
use fazhi_store::{redact_url, Store};
use fazhi_web::AppState;
use std::sync::Arc;

pub fn init_logging(cfg: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FAZHI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{},sqlx=warn,tower_http=warn", cfg.log_level)));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match cfg.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}

/// Connects and migrates. The audit key must exist unless `create_key`
/// (init, demo) asks to create it.
pub async fn open_store_with(cfg: &Config, create_key: bool) -> anyhow::Result<Store> {
    let key = fazhi_app::audit::load_or_create_key(&cfg.audit_key_file, create_key).map_err(anyhow::Error::msg)?;
    let store = Store::connect(&cfg.database_url)
        .await
        .with_context(|| format!("无法连接数据库 {}", redact_url(&cfg.database_url)))?;
    let applied = store.migrate().await?;
    if applied > 0 {
        tracing::info!(applied, backend = store.backend().name(), "migrations applied");
    }
    store.refresh_statistics().await.context("无法更新数据库统计信息")?;
    Ok(store.with_audit_key(key))
}

pub async fn open_app(cfg: &Config) -> anyhow::Result<App> {
    open_app_with(cfg, false).await
}

pub async fn open_app_with(cfg: &Config, create_key: bool) -> anyhow::Result<App> {
    let store = open_store_with(cfg, create_key).await?;
    let rules = load_rules(cfg.rules_file.as_deref())?;
    Ok(App::new(store, Arc::new(SystemNow), cfg.auth_settings()).with_rules(rules))
}

/// The built-in deadline rules with the local overrides of `file`, if any.
/// A file that cannot be read or applied stops the program with its path and
/// the reason: a server must not count with rules other than those configured.
pub fn load_rules(file: Option<&std::path::Path>) -> anyhow::Result<fazhi_core::clock::RuleSet> {
    let mut rules = fazhi_core::clock::RuleSet::builtin();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).with_context(|| format!("无法读取期限规则文件 {}", path.display()))?;
        rules.apply_overrides(&text).with_context(|| format!("期限规则文件 {} 有误", path.display()))?;
    }
    Ok(rules)
}

pub async fn migrate(cfg: &Config) -> anyhow::Result<i32> {
    let store = Store::connect(&cfg.database_url).await?;
    let n = store.migrate().await?;
    println!("{} 数据库 {}:已应用 {n} 个新迁移。", store.backend().name(), redact_url(&cfg.database_url));
    Ok(0)
}

pub async fn serve(cfg: &Config) -> anyhow::Result<i32> {
    let app = open_app(cfg).await?;
    run_server(cfg, app).await
}

async fn run_server(cfg: &Config, app: App) -> anyhow::Result<i32> {
    // An upgraded database never shows indicators of other definitions.
    let rebuilt = app.ensure_indicators_current().await.context("无法重建指标数据")?;
    if !rebuilt.is_empty() {
        println!("指标定义已更新:已按新定义重建 {} 个地区的指标数据。", rebuilt.len());
    }
    let listener =
        tokio::net::TcpListener::bind(&cfg.bind).await.with_context(|| format!("无法监听地址 {}", cfg.bind))?;
    let addr = listener.local_addr()?;
    let state = AppState::new(app.clone(), cfg.web_settings());
    spawn_session_purge(app.clone());
    spawn_statistics_refresh(app.clone());
    spawn_audit_checkpoints(app, cfg);
    println!("fazhi 已启动:http://{addr}/   (按 Ctrl+C 停止)");
    tracing::info!(%addr, "serving");
    fazhi_web::serve(listener, state, shutdown_signal()).await?;
    println!("fazhi 已停止。");
    Ok(0)
}

/// Removes expired sessions (and the uploads they held) and expired held
/// uploads every ten minutes.
fn spawn_session_purge(app: App) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = app.now.now();
            if let Err(e) =
                fazhi_store::sessions::purge(app.operator_store().pool(), now, now - app.auth.session_idle).await
            {
                tracing::warn!(error = %e, "session purge failed");
            }
            if let Err(e) = fazhi_store::held_uploads::purge(app.operator_store().pool(), now).await {
                tracing::warn!(error = %e, "held upload purge failed");
            }
        }
    });
}

/// Refreshes the planner's statistics every six hours (they were taken at
/// start): the indexes all begin with `region_code`, and without a current
/// picture of the data SQLite can choose a region-wide index over the one
/// that answers (ARCHITECTURE.md, the planner's statistics).
fn spawn_statistics_refresh(app: App) {
    tokio::spawn(async move {
        let every = std::time::Duration::from_secs(6 * 3600);
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            tick.tick().await;
            if let Err(e) = app.operator_store().refresh_statistics().await {
                tracing::warn!(error = %e, "statistics refresh failed");
            }
        }
    });
}

/// Writes a signed checkpoint of the audit chain at start and every
/// `audit_checkpoint_minutes` (only when the chain has grown).
fn spawn_audit_checkpoints(app: App, cfg: &Config) {
    let path = cfg.audit_checkpoint_file.clone();
    let every = std::time::Duration::from_secs(60 * u64::try_from(cfg.audit_checkpoint_minutes).unwrap_or(10));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = app.write_checkpoint(&path).await {
                tracing::warn!(error = %e, "audit checkpoint failed");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutdown requested; finishing in-flight requests");
}

pub async fn demo(cfg: &Config, seed: u64, no_serve: bool) -> anyhow::Result<i32> {
    let started = std::time::Instant::now();
    let app = open_app_with(cfg, true).await?;
    let summary = app.load_demo(seed, PasswordCost::default()).await?;
    let cases = app.load_demo_cases_scaled(seed, 100).await?;
    if summary.created {
        // Written just now through this build's definitions.
        app.mark_indicators_current().await?;
    }
    app.write_checkpoint(&cfg.audit_checkpoint_file).await?;
    if summary.created {
        println!(
            "已创建演示区“{}”(种子 {}):{} 个单位。",
            fazhi_app::demo::DEMO_REGION_NAME,
            summary.seed,
            summary.units
        );
    } else {
        println!("演示区已存在(种子 {}),未重复创建:{} 个单位。", summary.seed, summary.units);
    }
    if cases.total() > 0 {
        println!(
            "已生成演示案件(自去年1月1日起,含少量超期):依申请公开 {} 件(约每年800件),行政复议 {} 件(约每年4600件),行政应诉 {} 件(约每年1100件),信访 {} 件(约每年180件),调解 {} 件(约每年1700件),建议提案 {} 件(约每年600件)。",
            cases.disclosure, cases.reconsideration, cases.litigation, cases.petition, cases.mediation, cases.proposal
        );
    }
    if cases.activities > 0 {
        println!("已登记演示法治活动 {} 条(每年会前学法7次、法治培训2000人次、普法活动130场等)。", cases.activities);
    }
    println!("数据目录:{}  数据库:{}", cfg.data_dir.display(), redact_url(&cfg.database_url));
    println!();
    println!("演示账号(密码若已修改则以修改后为准):");
    println!("  {:<10} {:<18} {:<22} 所属单位", "用户名", "密码", "角色");
    for a in &summary.accounts {
        println!("  {:<10} {:<18} {:<22} {}", a.username, a.password, a.role.label(), a.unit_name);
    }
    println!();
    println!("准备用时 {:.1} 秒。", started.elapsed().as_secs_f64());
    if no_serve {
        return Ok(0);
    }
    run_server(cfg, app).await
}
