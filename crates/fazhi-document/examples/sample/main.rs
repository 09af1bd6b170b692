//! Writes a sample report: `cargo run -p fazhi-document --example sample -- out.docx`.
//!
//! The format follows the extension (.docx, .html, .md). `--goi` writes the
//! 政府信息公开工作年度报告 with tables 2, 3 and 4 instead of the 法治政府建设 report.
//! `--time N` builds and writes the .docx N times and prints the timings.

mod report;

use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let goi = args.iter().any(|a| a == "--goi");
    let runs: usize = match args.iter().position(|a| a == "--time") {
        Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).ok_or("--time needs a number of runs")?,
        None => 0,
    };
    let out = args
        .iter()
        .enumerate()
        .find(|(i, a)| a.contains('.') && (*i == 0 || args[i - 1] != "--time"))
        .map(|(_, a)| a.clone())
        .ok_or("usage: sample [--goi] [--time N] OUT.docx|OUT.html|OUT.md")?;
    let build = if goi { report::goi_report } else { report::annual_report };

    if runs > 0 {
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let doc = build();
            let bytes = fazhi_document::to_docx(&doc)?;
            times.push(start.elapsed());
            size = bytes.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{runs} runs, build + .docx ({size} bytes): min {:.2} ms, median {:.2} ms, max {:.2} ms",
            ms(times[0]),
            ms(times[runs / 2]),
            ms(times[runs - 1])
        );
    }

    let doc = build();
    let bytes = if out.ends_with(".html") {
        fazhi_document::to_html(&doc)?.into_bytes()
    } else if out.ends_with(".md") {
        fazhi_document::to_markdown(&doc)?.into_bytes()
    } else {
        fazhi_document::to_docx(&doc)?
    };
    std::fs::write(&out, bytes)?;
    println!("wrote {out}");
    Ok(())
}
