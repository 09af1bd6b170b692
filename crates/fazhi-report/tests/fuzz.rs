//! Property tests: arbitrary bytes and strings go through the whole pipeline (decode,
//! script, clean, header, parts, figures, flags, JSON) without panicking, and every
//! reported offset lies inside the cleaned text.

#![allow(clippy::unwrap_used)]

use fazhi_report::{check_bytes, check_text, CheckOptions};
use proptest::prelude::*;

fn assert_sane(c: &fazhi_report::ReportCheck) {
    for k in fazhi_report::PartKind::ALL {
        let p = c.parts.get(k);
        if let (Some(o), Some(e)) = (p.offset, p.end) {
            assert!(o <= e && e <= c.chars, "{k:?} {o}..{e} of {}", c.chars);
        }
    }
    for f in &c.figures {
        assert!(f.offset < c.chars.max(1) + 1);
        assert!(f.value.is_finite());
    }
    let json = serde_json::to_string(c).expect("serializes");
    assert!(json.starts_with('{'));
}

/// Report-like fragments, so generated strings exercise headings and figures.
const PIECES: [&str; 24] = [
    "一、",
    "(一)",
    "1.",
    "第一部分",
    "一是",
    "二、存在的不足",
    "主要举措和成效",
    "第一责任人",
    "2024年工作安排",
    "其他事项",
    "受理复议申请",
    "12件",
    "97.81%",
    "百分之",
    "十八",
    "万",
    "余",
    "。",
    ",",
    "\n",
    "日期:2023-03-29",
    "<p>",
    "&nbsp;",
    "某区人民政府",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), html in any::<bool>()) {
        let name = if html { "x.html" } else { "x.txt" };
        let c = check_bytes(name, &bytes, &CheckOptions::default());
        assert_sane(&c);
        let d = check_bytes("x.docx", &bytes, &CheckOptions::default());
        assert_sane(&d);
    }

    #[test]
    fn arbitrary_docx_xml_never_panics(xml in "\\PC{0,400}", wrap in any::<bool>()) {
        use std::io::Write;
        let body = if wrap {
            format!("<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>{xml}</w:t></w:r></w:p></w:body></w:document>")
        } else {
            xml
        };
        let mut cur = std::io::Cursor::new(Vec::new());
        {
            let mut zw = zip::ZipWriter::new(&mut cur);
            zw.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
            zw.write_all(body.as_bytes()).unwrap();
            zw.finish().unwrap();
        }
        assert_sane(&check_bytes("x.docx", &cur.into_inner(), &CheckOptions::default()));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,600}") {
        assert_sane(&check_text("x.txt", &s, &CheckOptions::default()));
    }

    #[test]
    fn report_like_strings_never_panic(idx in proptest::collection::vec(0usize..PIECES.len(), 0..300), filler in "[法治政府建设依法行政,。0-9]{0,40}") {
        let mut s = String::new();
        for i in idx {
            s.push_str(PIECES[i]);
            s.push_str(&filler);
        }
        assert_sane(&check_text("x.txt", &s, &CheckOptions::default()));
        assert_sane(&check_text("x.html", &s, &CheckOptions::default()));
    }
}
