//! Scores the checker on a labelled folder, as `fazhi report score DIR` does, without
//! building the binary: `cargo run -p fazhi-report --example score -- ../shared/samples/report-openings`.

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/samples/report-openings".to_string());
    let score = fazhi_report::score::score_dir(std::path::Path::new(&dir), &fazhi_report::CheckOptions::default())?;
    print!("{}", fazhi_report::score::render(&score));
    Ok(())
}
