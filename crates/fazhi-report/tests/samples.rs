//! The three real sample reports in `../shared/samples/reports` (read, never copied): unit,
//! year, date, every part judgment and the salient figures must be exactly right.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use fazhi_report::{check_bytes, CheckOptions, PartKind, ReportCheck, Script};

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/reports")
}

fn load(name: &str) -> Option<ReportCheck> {
    let path = samples_dir().join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("NOTICE: sample {} not found; skipping", path.display());
        return None;
    };
    Some(check_bytes(name, &bytes, &CheckOptions::default()))
}

struct Expect {
    file: &'static str,
    unit: &'static str,
    year: i32,
    date: Option<&'static str>,
    script: Script,
    /// (part, heading prefix) for present parts; absent parts are the others.
    parts: &'static [(PartKind, &'static str)],
    /// (indicator, value) that must be among the figures.
    figures: &'static [(&'static str, f64)],
    /// Exactly these flag codes.
    flags: &'static [&'static str],
}

const EXPECT: [Expect; 3] = [
    Expect {
        file: "000_3a22b87453ff0d4c.txt",
        unit: "西城区",
        year: 2023,
        date: None,
        script: Script::Simplified,
        parts: &[
            (PartKind::Measures, "一、2023年主要举措和成效"),
            (PartKind::Shortcomings, "二、存在的不足"),
            (PartKind::FirstResponsible, "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
            (PartKind::NextYearPlan, "四、2024年工作安排"),
        ],
        figures: &[
            ("normative_docs.filed", 19.0),
            ("inspection.tasks", 54.0),
            ("inspection.objects", 3199.0),
            ("disclosure.proactive_items", 22432.0),
            ("litigation.head_appearances", 6.0),
            ("proposals.handled", 575.0),
            ("study.sessions", 7.0),
            ("training.participants", 2000.0),
        ],
        flags: &["no_publish_date", "missing_other"],
    },
    Expect {
        file: "001_ed6269d44b6c061b.txt",
        unit: "海淀区",
        year: 2024,
        date: None,
        script: Script::Traditional,
        parts: &[
            (PartKind::Measures, "一、法治政府建设主要举措及成效"),
            (PartKind::Shortcomings, "二、法治政府建设存在的不足和原因"),
            (PartKind::FirstResponsible, "三、区委区政府主要负责同志履行推进法治建设第一责任人职责"),
            (PartKind::NextYearPlan, "四、2025年法治政府建设工作主要安排"),
        ],
        figures: &[
            ("reconsideration.received", 4613.0),
            ("reconsideration.concluded", 3563.0),
            ("litigation.cases", 1113.0),
            ("hotline.tickets", 1_708_100.0),
            ("hotline.resolution_rate", 97.81),
            ("proposals.handled", 495.0),
        ],
        flags: &["no_publish_date", "missing_other"],
    },
    Expect {
        file: "003_7154703e6cb5bf5f.txt",
        unit: "北京市延庆区人民政府",
        year: 2021,
        date: Some("2022-03-29"),
        script: Script::Simplified,
        parts: &[
            (PartKind::Measures, "一、2021年推进法治政府建设的主要举措和成效"),
            (PartKind::Shortcomings, "二、2021年推进法治政府建设存在的不足和原因"),
            (PartKind::FirstResponsible, "三、2021年党政主要负责人履行推进法治建设第一责任人职责"),
            (PartKind::NextYearPlan, "四、2022年法治政府建设的主要安排"),
        ],
        figures: &[
            ("reconsideration.concluded", 85.0),
            ("reconsideration.correction_rate", 18.0),
            ("disclosure.requests_received", 101.0),
            ("litigation.head_appearance_rate", 70.1),
            ("litigation.concluded", 97.0),
            ("litigation.lost", 1.0),
            ("petitions.resolution_rate", 95.58),
        ],
        flags: &["missing_other"],
    },
];

#[test]
fn samples_header_parts_figures_flags() {
    for e in &EXPECT {
        let Some(c) = load(e.file) else { return };
        assert_eq!(c.error, None, "{}", e.file);
        assert_eq!(c.unit.as_deref(), Some(e.unit), "{} unit", e.file);
        assert_eq!(c.report_year, Some(e.year), "{} year", e.file);
        assert_eq!(c.publish_date.as_deref(), e.date, "{} date", e.file);
        assert_eq!(c.script, Some(e.script), "{} script", e.file);
        for kind in PartKind::ALL {
            let p = c.parts.get(kind);
            match e.parts.iter().find(|(k, _)| *k == kind) {
                Some((_, heading)) => {
                    assert!(p.present, "{} {:?} missing", e.file, kind);
                    assert!(!p.token, "{} {:?} token", e.file, kind);
                    assert_eq!(p.found_by, Some("heading"), "{} {:?}", e.file, kind);
                    let h = p.heading.as_deref().unwrap_or("");
                    assert!(h.starts_with(heading), "{} {:?}: {h}", e.file, kind);
                }
                None => assert!(!p.present, "{} {:?} should be absent: {:?}", e.file, kind, p),
            }
        }
        // Parts come in statutory order and do not overlap.
        let mut last_end = 0;
        for kind in PartKind::ALL {
            let p = c.parts.get(kind);
            if p.present {
                let (o, end) = (p.offset.unwrap_or(0), p.end.unwrap_or(0));
                assert!(o >= last_end && end > o, "{} {:?} {o}..{end}", e.file, kind);
                last_end = end;
            }
        }
        for (ind, value) in e.figures {
            assert!(
                c.figures.iter().any(|f| f.indicator == Some(*ind) && (f.value - value).abs() < 1e-9),
                "{}: no {ind} = {value}; got {:?}",
                e.file,
                c.figures.iter().filter(|f| f.indicator == Some(*ind)).collect::<Vec<_>>()
            );
        }
        let codes: Vec<&str> = c.flags.iter().map(|f| f.code).collect();
        assert_eq!(codes, e.flags, "{} flags", e.file);
    }
}

#[test]
fn haidian_salient_figures_exact_text() {
    let Some(c) = load("001_ed6269d44b6c061b.txt") else {
        return;
    };
    let find = |text: &str| c.figures.iter().find(|f| f.text == text);
    let f = find("4613件").expect("4613件");
    assert_eq!(f.value, 4613.0);
    let received = c.figure("reconsideration.received").expect("received");
    assert_eq!((received.text.as_str(), received.subject.as_str()), ("4613件", "受理复议申请"));
    let lit = c.figure("litigation.cases").expect("litigation");
    assert_eq!((lit.text.as_str(), lit.value), ("1113件", 1113.0));
    let rate = c.figure("hotline.resolution_rate").expect("rate");
    assert_eq!((rate.text.as_str(), rate.unit.as_str(), rate.subject.as_str()), ("97.81%", "%", "解决率"));
    let approx = find("140余件次").expect("140余件次");
    assert_eq!((approx.value, approx.approx.as_deref()), (140.0, Some("余")));
    let money = find("246余万元").expect("246余万元");
    assert_eq!((money.value, money.unit.as_str()), (246.0, "万元"));
    // Year-like numbers are never figures.
    assert!(c.figures.iter().all(|f| f.value != 2024.0 && f.value != 2025.0));
}

#[test]
fn yanqing_salient_figures_and_sources() {
    let Some(c) = load("003_7154703e6cb5bf5f.txt") else {
        return;
    };
    let case = c.figure("reconsideration.concluded").expect("85");
    assert_eq!((case.text.as_str(), case.value), ("85件", 85.0));
    let rate = c.figure("reconsideration.correction_rate").expect("18%");
    assert_eq!((rate.text.as_str(), rate.value, rate.subject.as_str()), ("18%", 18.0, "纠错率"));
    assert_eq!(c.sources.publish_date.as_ref().map(|s| s.kind), Some("date_line"));
    assert_eq!(c.sources.unit.as_ref().map(|s| s.kind), Some("title"));
    assert_eq!(c.sources.unit.as_ref().and_then(|s| s.offset), Some(0));
}

#[test]
fn samples_late_when_deadline_is_earlier() {
    let Some(_) = load("003_7154703e6cb5bf5f.txt") else {
        return;
    };
    let bytes = std::fs::read(samples_dir().join("003_7154703e6cb5bf5f.txt")).unwrap_or_default();
    let opts = CheckOptions { unit_kind: fazhi_report::UnitKind::Department, ..CheckOptions::default() };
    let c = check_bytes("x.txt", &bytes, &opts);
    assert!(c.has_flag("published_late"), "{:?}", c.flags);
}
