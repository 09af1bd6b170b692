//! `fazhi report …` subcommands.

/// Subcommands under `fazhi report`.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Check published 法治政府建设年度报告 files or folders.
    Check {
        /// Files or folders to check.
        paths: Vec<std::path::PathBuf>,
        /// Print one JSON object per report.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `fazhi report` subcommand and returns the process exit code.
pub fn run(cmd: ReportCommand) -> anyhow::Result<i32> {
    let ReportCommand::Check { paths, json } = cmd;
    anyhow::bail!("not implemented yet: {} paths, json={json}", paths.len())
}
