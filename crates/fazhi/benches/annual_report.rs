//! Report generation to .docx (issue 13, goal < 1 s): on the demo district
//! (percentage of the full scale as the first argument, default 100), the
//! published district 法治政府建设年度报告 and 政府信息公开工作年度报告 are
//! rendered from their stored document, and the draft of the district's
//! report is rebuilt from the records (figures, tables 3 and 4, the
//! checker) and written as .docx, each timed over several runs.
//!
//! `cargo bench -p fazhi --bench annual_report -- [percent] [runs]`

use fazhi_app::auth::{Actor, PasswordCost};
use fazhi_app::{App, AuthSettings};
use fazhi_core::time::SystemNow;
use fazhi_store::Store;
use std::sync::Arc;
use std::time::Instant;

const COST: PasswordCost = PasswordCost { memory_kib: 1024, iterations: 1 };

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let percent: u32 = args.first().and_then(|s| s.parse().ok()).unwrap_or(100);
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let dir = tempfile::tempdir()?;
        let store = Store::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await?;
        store.migrate().await?;
        let store = store.with_audit_key(fazhi_core::audit::AuditKey::from_bytes([1; 32]));
        let app = App::new(store, Arc::new(SystemNow), AuthSettings::default());
        app.load_demo(1, COST).await?;
        let started = Instant::now();
        let cases = app.load_demo_cases_scaled(1, percent).await?;
        println!("demo at {percent}%: {} cases, {} reports, seeded in {:.1} s", cases.total(), cases.reports, started.elapsed().as_secs_f64());
        let year = chrono::Datelike::year(&chrono::Utc::now().date_naive()) - 1;
        for kind in ["rule_of_law_report", "goi_report"] {
            let mut times = Vec::new();
            let mut size = 0;
            for _ in 0..runs {
                let t = Instant::now();
                let doc = app.published_annual_report("YC-GOV", year, kind).await?;
                let bytes = fazhi_document::to_docx(&doc)?;
                times.push(t.elapsed());
                size = bytes.len();
            }
            times.sort();
            println!(
                "{kind}: published document → .docx ({size} bytes): median {:.1} ms, max {:.1} ms over {runs} runs",
                ms(times[times.len() / 2]),
                ms(times[times.len() - 1])
            );
        }
        // The draft rebuilt from the records as the report page does it.
        let actor = Actor::command_line("bench");
        let id: i64 = {
            let rows = app.annual_reports(&actor).await?;
            rows.iter().find(|r| r.row.unit_name.ends_with("区人民政府") && r.kind_zh == "法治政府建设年度报告").map(|r| r.row.id).unwrap_or(0)
        };
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let view = app.annual_report(&actor, id).await?;
            let bytes = fazhi_document::to_docx(&view.document)?;
            std::hint::black_box(bytes);
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "rule_of_law_report: report page from the records (figures, checker) + .docx: median {:.1} ms, max {:.1} ms over {runs} runs",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
        anyhow::Ok(())
    })
}
