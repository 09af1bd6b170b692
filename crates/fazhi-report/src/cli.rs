//! `fazhi report …` subcommands: `check` reads files or folders, prints a readable view
//! (one report) or a summary table (several), or one JSON object per line with `--json`,
//! and exports the summary to CSV and `.xlsx`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::batch;
use crate::model::{io_reason_zh, CheckOptions, UnitKind};
use crate::output::{self, SummaryRow};

/// Subcommands under `fazhi report`.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Check published 法治政府建设年度报告 files or folders (.txt, .html, .docx; UTF-8 or GBK;
    /// Simplified or Traditional).
    Check {
        /// Files or folders to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per report (one per line).
        #[arg(long)]
        json: bool,
        /// Write the summary table (one row per report) to this CSV file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Write the summary table to this .xlsx file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Kind of reporting unit; sets the default deadline (government: 03-31,
        /// department: 02-28 of the following year).
        #[arg(long, value_enum, default_value_t = UnitKind::Government)]
        unit_kind: UnitKind,
        /// Last compliant publication day in the following year, as MM-DD (e.g. 03-31).
        #[arg(long, value_name = "MM-DD", value_parser = parse_month_day)]
        deadline_month_day: Option<(u32, u32)>,
        /// Worker threads (0 = all cores).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// No progress bar.
        #[arg(long)]
        quiet: bool,
    },
    /// Score the checker on a labelled folder (its `gold.jsonl`): per-field scores and
    /// every miss.
    Score {
        /// The folder with the reports and `gold.jsonl`.
        dir: PathBuf,
    },
}

fn parse_month_day(s: &str) -> Result<(u32, u32), String> {
    let (m, d) = s.split_once(['-', '/']).ok_or_else(|| format!("应为 MM-DD,例如 03-31: {s}"))?;
    let m: u32 = m.trim().parse().map_err(|_| format!("月份无效: {s}"))?;
    let d: u32 = d.trim().parse().map_err(|_| format!("日期无效: {s}"))?;
    if chrono::NaiveDate::from_ymd_opt(2024, m, d).is_none() {
        return Err(format!("不存在的日期: {s}"));
    }
    Ok((m, d))
}

/// Runs a `fazhi report` subcommand and returns the process exit code: 0 when every input
/// was read, 1 when some input could not be read (the others are still checked).
pub fn run(cmd: ReportCommand) -> anyhow::Result<i32> {
    match cmd {
        ReportCommand::Check { paths, json, csv, xlsx, unit_kind, deadline_month_day, threads, quiet } => {
            check(paths, json, csv, xlsx, unit_kind, deadline_month_day, threads, quiet)
        }
        ReportCommand::Score { dir } => {
            let score = crate::score::score_dir(&dir, &CheckOptions::default())?;
            print!("{}", crate::score::render(&score));
            Ok(0)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    paths: Vec<PathBuf>,
    json: bool,
    csv: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    unit_kind: UnitKind,
    deadline_month_day: Option<(u32, u32)>,
    threads: usize,
    quiet: bool,
) -> anyhow::Result<i32> {
    let opts = CheckOptions { unit_kind, deadline_month_day, records: None };
    let files = batch::expand(&paths);
    if files.is_empty() {
        anyhow::bail!("没有找到报告文件(.txt、.html、.docx)");
    }
    let many = files.len() > 1;
    let bar = if !quiet && many && std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份报告 {per_sec} 预计剩余 {eta}")
        {
            pb.set_style(style);
        }
        pb
    } else {
        indicatif::ProgressBar::hidden()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rows: Vec<SummaryRow> = Vec::new();
    let mut failed = 0usize;
    let mut write_err: Option<std::io::Error> = None;
    let progress = || bar.inc(1);
    batch::check_files(&files, &opts, threads, &progress, &mut |check| {
        if check.error.is_some() {
            failed += 1;
        }
        let res = if json {
            writeln!(out, "{}", output::json_line(&check))
        } else if !many {
            write!(out, "{}", output::render_one(&check))
        } else {
            Ok(())
        };
        if let Err(e) = res {
            write_err.get_or_insert(e);
        }
        rows.push(SummaryRow::of(&check));
    });
    bar.finish_and_clear();
    let mut finish = || -> std::io::Result<()> {
        if let Some(e) = write_err.take() {
            return Err(e);
        }
        if many && !json {
            write!(out, "{}", output::render_summary(&rows))?;
            writeln!(out, "\n共 {} 份报告,{} 份无法读取", rows.len(), failed)?;
        }
        out.flush()
    };
    if let Err(e) = finish() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(0);
        }
        anyhow::bail!("写出结果失败:{}", io_reason_zh(&e));
    }
    if let Some(path) = csv {
        if let Err(e) = std::fs::write(&path, output::summary_csv(&rows)) {
            anyhow::bail!("无法写入 {}:{}", path.display(), io_reason_zh(&e));
        }
    }
    if let Some(path) = xlsx {
        if let Err(e) = output::write_xlsx(&rows, &path) {
            anyhow::bail!("无法写入 {}:{}", path.display(), xlsx_reason_zh(&e));
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Why an `.xlsx` could not be written, in Chinese.
fn xlsx_reason_zh(e: &anyhow::Error) -> &'static str {
    let io = e.chain().find_map(|c| match c.downcast_ref::<rust_xlsxwriter::XlsxError>() {
        Some(rust_xlsxwriter::XlsxError::IoError(io)) => Some(io),
        _ => c.downcast_ref::<std::io::Error>(),
    });
    io.map(io_reason_zh).unwrap_or("无法生成 Excel 文件")
}
