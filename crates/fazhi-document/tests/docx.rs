//! Opens generated .docx files and checks their structure and styles against GB/T 9704-2012.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{parse, report, unzip, El};
use fazhi_document::{to_docx, Cell, Document, Paragraph, Section, Table};

fn docx(doc: &Document) -> BTreeMap<String, String> {
    unzip(&to_docx(doc).expect("the document is written"))
}

fn style<'a>(styles: &'a El, id: &str) -> &'a El {
    styles.all("w:style").into_iter().find(|s| s.attr("w:styleId") == Some(id)).unwrap_or_else(|| panic!("style {id}"))
}

/// The East Asian font, size (half-points) and boldness a style sets.
fn font_of(style: &El) -> (String, Option<String>, bool) {
    let rpr = style.child("w:rPr").expect("run properties");
    let font = rpr.child("w:rFonts").and_then(|f| f.attr("w:eastAsia")).unwrap_or_default().to_string();
    (font, rpr.val("w:sz").map(str::to_string), rpr.child("w:b").is_some())
}

fn ppr(style: &El) -> &El {
    style.child("w:pPr").expect("paragraph properties")
}

#[test]
fn the_package_has_every_part_and_relationship() {
    let parts = docx(&report::annual_report());
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        let text = parts.get(name).unwrap_or_else(|| panic!("{name} is missing"));
        parse(text);
    }
    // Every override names a part that exists.
    let types = parse(&parts["[Content_Types].xml"]);
    for o in types.all("Override") {
        let part = o.attr("PartName").expect("a part name").trim_start_matches('/');
        assert!(parts.contains_key(part), "{part}");
    }
    let core = parse(&parts["docProps/core.xml"]);
    assert_eq!(core.child("dc:title").map(|t| t.children.len()), Some(1));
}

#[test]
fn page_margins_and_grid_follow_the_standard() {
    let parts = docx(&report::annual_report());
    let doc = parse(&parts["word/document.xml"]);
    let sect = doc.all("w:sectPr").pop().expect("a section");
    let size = sect.child("w:pgSz").expect("page size");
    // A4 in twips.
    assert_eq!((size.attr("w:w"), size.attr("w:h")), (Some("11906"), Some("16838")));
    let mar = sect.child("w:pgMar").expect("margins");
    // 37, 35, 28, 26 mm.
    assert_eq!(mar.attr("w:top"), Some("2098"));
    assert_eq!(mar.attr("w:bottom"), Some("1984"));
    assert_eq!(mar.attr("w:left"), Some("1587"));
    assert_eq!(mar.attr("w:right"), Some("1474"));
    let twips = |k: &str| mar.attr(k).and_then(|v| v.parse::<i32>().ok()).expect("a number");
    // The type area: 156 × 225 mm (1 mm = 56.69 twips).
    assert!((11906 - twips("w:left") - twips("w:right") - 8844).abs() <= 1);
    assert_eq!(16838 - twips("w:top") - twips("w:bottom"), 12756);
    // 22 lines: a line pitch of 28.95 pt on the grid and as exact line spacing.
    let grid = sect.child("w:docGrid").expect("a document grid");
    assert_eq!(grid.attr("w:type"), Some("lines"));
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    let pitch: i32 = grid.attr("w:linePitch").and_then(|p| p.parse().ok()).expect("a number");
    let height = 16838 - twips("w:top") - twips("w:bottom");
    assert!(22 * pitch <= height && 23 * pitch > height);
    let styles = parse(&parts["word/styles.xml"]);
    let defaults = styles.child("w:docDefaults").expect("document defaults");
    let spacing = defaults.all("w:spacing").into_iter().find(|s| s.attr("w:line").is_some()).expect("line spacing");
    assert_eq!((spacing.attr("w:line"), spacing.attr("w:lineRule")), (Some("579"), Some("exact")));
    // 28 characters: 16 pt less 0.25 pt tracking = 15.75 pt; 28 fit 442.2 pt, 29 do not.
    let tracking = defaults.all("w:spacing").into_iter().find_map(|s| s.attr("w:val")).expect("tracking");
    let pitch = 16.0 + tracking.parse::<f64>().expect("a number") / 20.0;
    assert!(28.0 * pitch <= 442.2 && 29.0 * pitch > 442.2, "{pitch}");
}

#[test]
fn fonts_and_sizes_of_title_body_and_headings() {
    let parts = docx(&report::annual_report());
    let styles = parse(&parts["word/styles.xml"]);
    let normal = style(&styles, "Normal");
    assert_eq!(font_of(normal), ("仿宋_GB2312".into(), Some("32".into()), false));
    let ind = ppr(normal).child("w:ind").expect("an indent");
    assert_eq!(ind.attr("w:firstLineChars"), Some("200"), "two characters");
    assert_eq!(font_of(style(&styles, "Title")), ("方正小标宋简体".into(), Some("44".into()), false));
    assert_eq!(ppr(style(&styles, "Title")).val("w:jc"), Some("center"));
    assert_eq!(font_of(style(&styles, "Heading1")).0, "黑体");
    assert_eq!(font_of(style(&styles, "Heading2")).0, "楷体_GB2312");
    let h3 = font_of(style(&styles, "Heading3"));
    assert_eq!((h3.0.as_str(), h3.2), ("仿宋_GB2312", true));
    for (id, level) in [("Heading1", "0"), ("Heading2", "1"), ("Heading3", "2")] {
        assert_eq!(ppr(style(&styles, id)).val("w:outlineLvl"), Some(level));
        // Same size as the body: 三号.
        assert_eq!(font_of(style(&styles, id)).1, None);
        assert_eq!(style(&styles, id).val("w:basedOn"), Some("Normal"));
    }
    // The font table names an alternative for machines without the fonts.
    let fonts = parse(&parts["word/fontTable.xml"]);
    let title =
        fonts.all("w:font").into_iter().find(|f| f.attr("w:name") == Some("方正小标宋简体")).expect("title font");
    assert_eq!(title.val("w:altName"), Some("宋体"));
    assert_eq!(title.val("w:charset"), Some("86"));

    // The paragraphs use them.
    let doc = parse(&parts["word/document.xml"]);
    let paras = doc.all("w:p");
    let styled = |p: &El| p.child("w:pPr").and_then(|pp| pp.val("w:pStyle")).map(str::to_string);
    let title = paras.iter().find(|p| styled(p).as_deref() == Some("Title")).expect("a title");
    assert_eq!(title.text(), "云川区人民政府关于2025年度法治政府建设情况的报告");
    assert_eq!(title.all("w:br").len(), 1, "the title's line break is kept");
    let headings: Vec<(String, String)> =
        paras.iter().filter_map(|p| styled(p).filter(|s| s.starts_with("Heading")).map(|s| (s, p.text()))).collect();
    assert_eq!(headings[0], ("Heading1".into(), "一、2025年度推进法治政府建设的主要举措和成效".into()));
    assert_eq!(headings[1], ("Heading2".into(), "（一）坚持党的领导，压实法治建设责任".into()));
    assert!(headings.contains(&("Heading3".into(), "1.深化权责清单管理".into())));
    assert!(headings.contains(&("Heading1".into(), "五、其他需要报告的事项".into())));
    // Figures are printed as their text.
    assert!(doc.text().contains("全年区人民政府收到行政复议申请56件，受理50件"));
    assert!(doc.all("w:hyperlink").is_empty());
}

#[test]
fn page_numbers_alternate_sides_with_a_dash_on_each_side() {
    let parts = docx(&report::annual_report());
    let settings = parse(&parts["word/settings.xml"]);
    assert!(settings.child("w:evenAndOddHeaders").is_some());
    let doc = parse(&parts["word/document.xml"]);
    let sect = doc.all("w:sectPr").pop().expect("a section");
    let rels = parse(&parts["word/_rels/document.xml.rels"]);
    let target = |id: &str| {
        rels.all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(id))
            .and_then(|r| r.attr("Target"))
            .map(str::to_string)
    };
    let mut footers = BTreeMap::new();
    for r in sect.all("w:footerReference") {
        let file = target(r.attr("r:id").expect("an id")).expect("a relationship");
        footers.insert(r.attr("w:type").expect("a type").to_string(), format!("word/{file}"));
    }
    assert_eq!(footers.keys().collect::<Vec<_>>(), ["default", "even"]);
    for (kind, side) in [("default", "right"), ("even", "left")] {
        let footer = parse(&parts[&footers[kind]]);
        let p = footer.child("w:p").expect("a paragraph");
        let pp = p.child("w:pPr").expect("properties");
        assert_eq!(pp.val("w:jc"), Some(side), "{kind}");
        // One character (四号, 14 pt = 280 twips) in from the edge.
        let ind = pp.child("w:ind").expect("an indent");
        assert_eq!(ind.attr(if side == "right" { "w:right" } else { "w:left" }), Some("280"));
        let instr: Vec<String> = footer
            .all("w:instrText")
            .iter()
            .flat_map(|i| i.children.iter())
            .filter_map(|n| match n {
                common::Node::Text(t) => Some(t.trim().to_string()),
                common::Node::El(_) => None,
            })
            .collect();
        assert_eq!(instr, ["PAGE"]);
        let kinds: Vec<&str> = footer.all("w:fldChar").iter().filter_map(|f| f.attr("w:fldCharType")).collect();
        assert_eq!(kinds, ["begin", "separate", "end"]);
        assert_eq!(footer.text(), "— 1 —");
    }
    let styles = parse(&parts["word/styles.xml"]);
    assert_eq!(font_of(style(&styles, "Footer")), ("宋体".into(), Some("28".into()), false));
}

/// The cells of a table row: (text, gridSpan, vMerge).
fn cells(tr: &El) -> Vec<(String, usize, Option<String>)> {
    tr.all("w:tc")
        .into_iter()
        .map(|tc| {
            let pr = tc.child("w:tcPr").expect("cell properties");
            let span = pr.val("w:gridSpan").map_or(1, |s| s.parse().expect("a number"));
            let merge = pr.child("w:vMerge").map(|m| m.attr("w:val").unwrap_or("continue").to_string());
            (tc.text(), span, merge)
        })
        .collect()
}

#[test]
fn goi_tables_merge_cells_and_repeat_their_headers() {
    let parts = docx(&report::goi_report());
    let doc = parse(&parts["word/document.xml"]);
    let tables = doc.all("w:tbl");
    assert_eq!(tables.len(), 3);
    for t in &tables {
        let grid: usize = t.child("w:tblGrid").expect("a grid").all("w:gridCol").len();
        let widths: u32 =
            t.all("w:gridCol").iter().map(|c| c.attr("w:w").and_then(|w| w.parse::<u32>().ok()).unwrap_or(0)).sum();
        assert!(widths.abs_diff(8845) <= 1, "the table fills the type area: {widths}");
        let borders = t.child("w:tblPr").and_then(|p| p.child("w:tblBorders")).expect("borders");
        assert_eq!(borders.elements().count(), 6);
        for tr in t.all("w:tr") {
            let covered: usize = cells(tr).iter().map(|c| c.1).sum();
            assert_eq!(covered, grid, "every row covers the grid");
        }
    }

    // Table 3: three header rows repeated on each page, then 25 lines.
    let t3 = tables[1];
    let rows = t3.all("w:tr");
    assert_eq!(rows.len(), 3 + 25);
    let header = |tr: &El| tr.child("w:trPr").is_some_and(|p| p.child("w:tblHeader").is_some());
    assert_eq!(rows.iter().filter(|r| header(r)).count(), 3);
    assert!(rows.iter().take(3).all(|r| header(r)));
    let first = cells(rows[0]);
    assert_eq!(first[0].1, 3);
    assert_eq!(first[0].2.as_deref(), Some("restart"));
    assert!(first[0].0.starts_with("（本列数据的勾稽关系为"));
    assert_eq!((first[1].0.as_str(), first[1].1), ("申请人情况", 7));
    let second = cells(rows[1]);
    assert_eq!((second[0].1, second[0].2.as_deref()), (3, Some("continue")));
    assert_eq!((second[1].0.as_str(), second[1].2.as_deref()), ("自然人", Some("restart")));
    assert_eq!((second[2].0.as_str(), second[2].1), ("法人或其他组织", 5));
    let third: Vec<String> = cells(rows[2]).into_iter().map(|c| c.0).collect();
    assert_eq!(third, ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]);
    // 三、本年度办理结果 spans 22 lines: one restart and 21 continues in the first column.
    let first_column: Vec<Option<String>> = rows[5..27].iter().map(|r| cells(r)[0].2.clone()).collect();
    assert_eq!(first_column[0].as_deref(), Some("restart"));
    assert!(first_column[1..].iter().all(|m| m.as_deref() == Some("continue")));
    assert_eq!(cells(rows[5])[0].0, "三、本年度办理结果");
    let new = cells(rows[3]);
    assert_eq!((new[0].0.as_str(), new[0].1), ("一、本年新收政府信息公开申请数量", 3));
    assert_eq!(new.last().map(|c| c.0.as_str()), Some("109"));

    // Table 4: three header rows and one row of 15 cells.
    let t4 = tables[2];
    let rows = t4.all("w:tr");
    assert_eq!(rows.len(), 4);
    let top: Vec<(String, usize)> = cells(rows[0]).into_iter().map(|c| (c.0, c.1)).collect();
    assert_eq!(top, [("行政复议".to_string(), 5), ("行政诉讼".to_string(), 10)]);
    let values = cells(rows[3]);
    assert_eq!(values.len(), 15);
    assert!(values.iter().all(|c| c.1 == 1 && c.2.is_none()));
    assert_eq!(values[4].0, "12");
}

#[test]
fn signature_and_date_close_the_document() {
    let parts = docx(&report::annual_report());
    let doc = parse(&parts["word/document.xml"]);
    let body = doc.child("w:body").expect("a body");
    let paras: Vec<&El> = body.elements().filter(|e| e.name == "w:p").collect();
    let n = paras.len();
    assert_eq!(paras[n - 2].text(), "云川区人民政府");
    assert_eq!(paras[n - 1].text(), "2026年3月20日");
    assert_eq!(paras[n - 3].text(), "", "one blank line above the signature");
    for p in &paras[n - 2..] {
        let pp = p.child("w:pPr").expect("properties");
        assert_eq!(pp.val("w:pStyle"), Some("Signature"));
        assert!(pp.child("w:ind").and_then(|i| i.attr("w:rightChars")).is_some());
    }
}

#[test]
fn text_is_escaped_and_numbers_go_first() {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut doc = Document::new("关于<标题>&“引号”的报告", "某区人民政府", date).with_number("某府发〔2026〕1号");
    doc.push(Section::new("A & B <c>").with(Paragraph::text("x < y && \"z\"\u{1}\tend")));
    doc.push(
        Table::new(vec![1, 1])
            .header_row(vec![Cell::text("<a>"), Cell::text("b")])
            .row(vec![Cell::text("1"), Cell::text("2")]),
    );
    doc.push(Table::new(vec![1]).row(vec![Cell::text("second")]));
    let parts = docx(&doc);
    let xml = parse(&parts["word/document.xml"]);
    let text = xml.text();
    assert!(text.starts_with("某府发〔2026〕1号关于<标题>&“引号”的报告"), "{text}");
    assert!(text.contains("一、A & B <c>x < y && \"z\"end"), "{text}");
    assert_eq!(xml.all("w:tab").len(), 1);
    // Two tables in a row stay two tables.
    let body = xml.child("w:body").expect("a body");
    let kinds: Vec<&str> = body.elements().map(|e| e.name.as_str()).collect();
    let first = kinds.iter().position(|k| *k == "w:tbl").expect("a table");
    assert_eq!(&kinds[first..first + 3], ["w:tbl", "w:p", "w:tbl"]);
}

#[test]
fn a_table_that_does_not_fill_its_grid_is_refused() {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut doc = Document::new("报告", "某区人民政府", date);
    doc.push(Table::new(vec![1, 1, 1]).caption("表1").row(vec![Cell::text("1"), Cell::text("2")]));
    let e = to_docx(&doc).expect_err("refused").to_string();
    assert_eq!(e, "表格“表1”：表体第1行只有2列，应为3列");
}

#[test]
fn four_heading_levels_take_their_styles_and_numbers() {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut doc = Document::new("报告", "某区人民政府", date);
    doc.push(
        Section::new("甲")
            .with(Section::new("乙").with(Section::new("丙").with(Section::new("丁")).with(Section::new("戊")))),
    );
    let parts = docx(&doc);
    let xml = parse(&parts["word/document.xml"]);
    let headings: Vec<(String, String)> = xml
        .all("w:p")
        .into_iter()
        .filter_map(|p| {
            let style = p.child("w:pPr")?.val("w:pStyle")?.to_string();
            style.starts_with("Heading").then(|| (style, p.text()))
        })
        .collect();
    let expected = [
        ("Heading1", "一、甲"),
        ("Heading2", "（一）乙"),
        ("Heading3", "1.丙"),
        ("Heading4", "（1）丁"),
        ("Heading4", "（2）戊"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(s, t)| (s.to_string(), t.to_string())).collect();
    assert_eq!(headings, expected);
    let styles = parse(&parts["word/styles.xml"]);
    let h4 = font_of(style(&styles, "Heading4"));
    assert_eq!((h4.0.as_str(), h4.2), ("仿宋_GB2312", false));
}
