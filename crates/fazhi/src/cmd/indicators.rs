//! `fazhi indicators rebuild [--region CODE]`: recompute the indicator
//! projection (facts and monthly rollup) from the cases, one transaction per
//! region (see `fazhi_app::indicators::rebuild` for why), with progress.

use crate::config::Config;
use clap::Subcommand;
use std::io::Write as _;

#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// Recompute the stored facts and the monthly rollup from the cases
    /// (each region in one transaction; activity counters are kept).
    Rebuild {
        /// Only this region (行政区划代码, e.g. 110108); default every region.
        #[arg(long)]
        region: Option<String>,
    },
}

pub async fn run(cfg: &Config, cmd: IndicatorsCommand) -> anyhow::Result<i32> {
    let IndicatorsCommand::Rebuild { region } = cmd;
    let app = super::serve::open_app(cfg).await?;
    let started = std::time::Instant::now();
    let mut progress = |p: &fazhi_app::indicators::rebuild::Progress| {
        print!("\r地区 {}:已处理 {}/{} 件案件", p.region, p.done, p.total);
        let _ = std::io::stdout().flush();
    };
    let done = match app.rebuild_indicators(region.as_deref(), &mut progress).await {
        Ok(d) => d,
        Err(fazhi_app::AppError::Invalid(errs)) => {
            let text: Vec<String> = errs.into_iter().map(|e| e.message).collect();
            anyhow::bail!("{}", text.join(";"));
        }
        Err(e) => return Err(anyhow::anyhow!("{e}")),
    };
    println!();
    for r in &done {
        println!(
            "地区 {}:{} 件案件,{} 条计数事实,{} 行月度汇总,用时 {:.1} 秒(已提交)。",
            r.region,
            r.cases,
            r.facts,
            r.rollup_rows,
            r.millis as f64 / 1000.0
        );
    }
    if region.is_some() {
        println!("只重建了指定地区;全部地区重建后才记录指标定义版本。");
    } else {
        println!("已记录指标定义版本 {}。", fazhi_core::indicator::version());
    }
    println!("共 {} 个地区,用时 {:.1} 秒。", done.len(), started.elapsed().as_secs_f64());
    Ok(0)
}
