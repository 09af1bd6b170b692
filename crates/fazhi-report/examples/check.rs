//! `fazhi report` without the platform binary: `cargo run -p fazhi-report --example check --
//! check FILE… [--json]`.

use clap::Parser;

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    cmd: fazhi_report::cli::ReportCommand,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let code = fazhi_report::cli::run(args.cmd)?;
    std::process::exit(code);
}
