//! Regression guard on the labelled corpus `../shared/samples/report-openings` (read at run
//! time, never copied): the per-field scores of `fazhi report score` must not fall below the
//! level reached. Raise the minimums when the checker improves.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use fazhi_report::score::{score_dir, Tally};
use fazhi_report::CheckOptions;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/report-openings")
}

fn at_least(name: &str, t: &Tally, hits: usize, total: usize) {
    assert_eq!(t.total, total, "{name}: labelled cases changed; update the minimums");
    assert!(t.hits >= hits, "{name}: {}/{} below the level reached ({hits}/{total})", t.hits, t.total);
}

#[test]
fn corpus_scores_stay_at_the_level_reached() {
    let dir = corpus();
    if !dir.join("gold.jsonl").exists() {
        eprintln!("NOTICE: {} not found; skipping", dir.display());
        return;
    }
    let s = score_dir(&dir, &CheckOptions::default()).unwrap();
    let report = fazhi_report::score::render(&s);
    eprintln!("{report}");
    assert_eq!(s.files, 60);
    at_least("unit", &s.unit, 55, 56);
    at_least("year", &s.year, 57, 57);
    at_least("publish_date", &s.publish_date, 21, 21);
    at_least("parts", &s.parts, 300, 300);
    at_least("figures", &s.figures, 170, 170);
    at_least("near_misses", &s.near_misses, 8, 8);
    at_least("reports", &s.reports, 52, 52);
    assert!(s.extra_figures <= 6, "extra figures: {}", s.extra_figures);
    // Nothing is set where the gold has none.
    let spurious: Vec<_> = s.misses.iter().filter(|m| m.field.ends_with("(spurious)")).collect();
    assert!(spurious.is_empty(), "{spurious:?}");
}
