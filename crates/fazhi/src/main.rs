//! The `fazhi` binary: parses the command line once, loads the
//! configuration, and hands over to the library crates. No business logic
//! lives here.

mod cmd;
mod config;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// fazhi — 法治政府建设平台 (rule-of-law government platform).
#[derive(Debug, Parser)]
#[command(name = "fazhi", version, about)]
struct Cli {
    /// Configuration file (TOML); see `fazhi config example`.
    #[arg(long, global = true, env = "FAZHI_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite:///path/file.db or postgres://user:pass@host/db.
    #[arg(long, global = true, env = "FAZHI_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Data directory (default ./data) holding the SQLite database.
    #[arg(long, global = true, env = "FAZHI_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Log format: json or pretty.
    #[arg(long, global = true, env = "FAZHI_LOG_FORMAT")]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the staff web, the public portal and the API.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080.
        #[arg(long, env = "FAZHI_BIND")]
        bind: Option<String>,
    },
    /// Create the demo district (if absent), print its accounts, and serve it.
    Demo {
        /// Seed: the same seed gives the same district and passwords.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[arg(long, env = "FAZHI_BIND")]
        bind: Option<String>,
        /// Only create the demo data; do not serve.
        #[arg(long)]
        no_serve: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Set up a new installation: its region, its government unit and a first administrator.
    Init(cmd::admin::InitArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(cmd::admin::UserCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Compute the statutory deadlines of a procedure from dated events.
    Deadline(Box<cmd::clock::DeadlineArgs>),
    /// The official calendar (holidays and 调休 working days).
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Published annual reports.
    #[command(subcommand)]
    Report(fazhi_report::cli::ReportCommand),
    /// The platform's own annual reports (法治政府建设, 政府信息公开).
    #[command(subcommand, name = "annual-report")]
    AnnualReport(cmd::annual_report::AnnualReportCommand),
    /// The indicator projection (facts and monthly rollup).
    #[command(subcommand)]
    Indicators(cmd::indicators::IndicatorsCommand),
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the keyed hash chain and the signed checkpoints; names the first broken link.
    Verify,
    /// Write a signed checkpoint of the chain's head to the checkpoint file.
    Checkpoint,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print a commented example configuration file.
    Example,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Add working days or calendar days to a date on the official calendar.
    Add(cmd::clock::CalendarAddArgs),
    /// Import a new year's holiday notice (TOML, same format as cn-holidays.toml) into the database.
    Import {
        /// The notice file.
        file: PathBuf,
    },
    /// List the years the calendar covers (built in and imported).
    Years,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let overrides = config::Overrides {
        config_file: cli.config.clone(),
        database_url: cli.database_url.clone(),
        data_dir: cli.data_dir.clone(),
        bind: None,
        log_format: cli.log_format.clone(),
    };
    let result = match cli.command {
        Command::Config(ConfigCommand::Example) => {
            print!("{}", config::EXAMPLE);
            Ok(0)
        }
        Command::Deadline(args) => cmd::clock::deadline(*args),
        Command::Calendar(CalendarCommand::Add(args)) => cmd::clock::calendar_add(args),
        Command::Report(rc) => fazhi_report::cli::run(rc),
        other => run_async(other, overrides),
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("错误:{e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_async(command: Command, mut overrides: config::Overrides) -> anyhow::Result<i32> {
    if let Command::Serve { bind: Some(b) } | Command::Demo { bind: Some(b), .. } = &command {
        overrides.bind = Some(b.clone());
    }
    let cfg = config::Config::load(&overrides)?;
    cmd::serve::init_logging(&cfg);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        match command {
            Command::Serve { .. } => cmd::serve::serve(&cfg).await,
            Command::Demo { seed, no_serve, .. } => cmd::serve::demo(&cfg, seed, no_serve).await,
            Command::Migrate => cmd::serve::migrate(&cfg).await,
            Command::Init(args) => cmd::admin::init(&cfg, args).await,
            Command::User(u) => cmd::admin::user(&cfg, u).await,
            Command::Audit(AuditCommand::Verify) => cmd::admin::audit_verify(&cfg).await,
            Command::Audit(AuditCommand::Checkpoint) => cmd::admin::audit_checkpoint(&cfg).await,
            Command::Calendar(CalendarCommand::Import { file }) => cmd::admin::calendar_import(&cfg, &file).await,
            Command::Calendar(CalendarCommand::Years) => cmd::admin::calendar_years(&cfg).await,
            Command::AnnualReport(c) => cmd::annual_report::run(&cfg, c).await,
            Command::Indicators(c) => cmd::indicators::run(&cfg, c).await,
            Command::Config(_)
            | Command::Deadline(_)
            | Command::Calendar(CalendarCommand::Add(_))
            | Command::Report(_) => Ok(0),
        }
    })
}
