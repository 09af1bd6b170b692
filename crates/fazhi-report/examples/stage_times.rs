//! Per-stage timings of the checker on the sample reports (single thread), to find hot
//! spots: `cargo run --release -p fazhi-report --example stage_times`.

use std::time::Instant;

use fazhi_report::{clean, decode, figures, header, parts, script};

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/reports");
    let mut texts = Vec::new();
    for name in ["000_3a22b87453ff0d4c.txt", "001_ed6269d44b6c061b.txt", "003_7154703e6cb5bf5f.txt"] {
        if let Ok(b) = std::fs::read(dir.join(name)) {
            texts.push((name, b));
        }
    }
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    for (name, bytes) in &texts {
        let mut t = [0f64; 7];
        for _ in 0..n {
            let s = Instant::now();
            let Ok(d) = decode::decode(name, bytes) else {
                return;
            };
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let (_, text) = script::normalize(&d.text);
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let c = clean::clean(&text, None, None);
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let h = header::extract(&c);
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let p = parts::find(&c.body, h.report_year);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let f = figures::extract(&c.body);
            t[5] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let _ = serde_json::to_string(&(p, f));
            t[6] += s.elapsed().as_secs_f64();
        }
        let us: Vec<String> = ["decode", "script", "clean", "header", "parts", "figures", "json"]
            .iter()
            .zip(t)
            .map(|(k, v)| format!("{k} {:.0}µs", v / n as f64 * 1e6))
            .collect();
        println!("{name} ({} KB): {}", bytes.len() / 1024, us.join("  "));
    }
}
