//! `fazhi annual-report export`: a published annual report as .docx
//! (GB/T 9704-2012), HTML or Markdown, exactly as it was published.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};

use super::serve::open_app;
use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum AnnualReportCommand {
    /// Write a unit's published report of a year to a file.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Docx,
    Html,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// 法治政府建设年度报告.
    RuleOfLaw,
    /// 政府信息公开工作年度报告.
    Goi,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The reporting unit's code (e.g. YC-GOV).
    #[arg(long)]
    pub unit: String,
    /// The year reported on.
    #[arg(long)]
    pub year: i32,
    #[arg(long, value_enum, default_value_t = Format::Docx)]
    pub format: Format,
    /// Which report.
    #[arg(long, value_enum, default_value_t = Kind::RuleOfLaw)]
    pub kind: Kind,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
}

pub async fn run(cfg: &Config, cmd: AnnualReportCommand) -> anyhow::Result<i32> {
    let AnnualReportCommand::Export(args) = cmd;
    let app = open_app(cfg).await?;
    let kind = match args.kind {
        Kind::RuleOfLaw => "rule_of_law_report",
        Kind::Goi => "goi_report",
    };
    let doc = match app.published_annual_report(&args.unit, args.year, kind).await {
        Ok(d) => d,
        Err(e) => {
            eprintln!("错误:{e}");
            return Ok(1);
        }
    };
    let started = std::time::Instant::now();
    let bytes = match args.format {
        Format::Docx => fazhi_document::to_docx(&doc)?,
        Format::Html => fazhi_document::to_html(&doc)?.into_bytes(),
        Format::Md => fazhi_document::to_markdown(&doc)?.into_bytes(),
    };
    std::fs::write(&args.out, &bytes).with_context(|| format!("写入 {}", args.out.display()))?;
    println!(
        "已导出“{}”({}字节,{:.1}毫秒):{}",
        doc.title.replace('\n', ""),
        bytes.len(),
        started.elapsed().as_secs_f64() * 1000.0,
        args.out.display()
    );
    Ok(0)
}
