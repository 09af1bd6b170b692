//! A report case as an official document (`fazhi_document::Document`): its
//! parts in order, each part's text as paragraphs, the generated figures as
//! sentences whose every figure links to its records, the sub-headings of
//! part one (the 实施纲要 areas first, then the unit's own), and for the GOI
//! report tables 2, 3 and 4 in the template's layout.

use chrono::NaiveDate;
use fazhi_core::procedure::annual_report::{Data, FigureLine, Flavor, GoiTable, OUTLINE_AREAS};
use fazhi_core::procedure::{Table3, Table4};
use fazhi_document::goi::{self, Amount, Entry, Issued, Table2};
use fazhi_document::{Block, Document, Paragraph, Part, Run, Section};

/// The tables of a GOI report, counted from the records (3, 4) or entered (2).
#[derive(Debug, Clone)]
pub struct GoiTables {
    pub table3: Table3,
    pub table4: Table4,
}

/// Table 2 from the values entered by hand: no register holds 规章,
/// 规范性文件, 许可, 处罚, 强制 or 收费 yet, so every value is marked entered.
pub fn table2(data: &Data) -> Table2 {
    let v = |k: &str| Entry::entered(data.table2.get(k).copied().unwrap_or(0));
    let issued = |p: &str| Issued {
        made: v(&format!("{p}.made")),
        repealed: v(&format!("{p}.repealed")),
        in_force: v(&format!("{p}.in_force")),
    };
    Table2 {
        rules: issued("rules"),
        normative_documents: issued("normative"),
        licensing: v("licensing"),
        penalties: v("penalties"),
        coercion: v("coercion"),
        fees: Entry::entered(Amount { fen: data.table2.get("fees_fen").copied().unwrap_or(0) }),
    }
}

fn paragraphs(body: &str) -> impl Iterator<Item = Paragraph> + '_ {
    body.lines().map(str::trim).filter(|l| !l.is_empty()).map(Paragraph::text)
}

/// The figures of one place, a paragraph per sentence: clauses joined by
/// `，`, each clause a figure linking its records.
fn figure_paragraphs<'a>(figures: impl Iterator<Item = &'a FigureLine>) -> Vec<Paragraph> {
    let mut out: Vec<(u32, Paragraph)> = Vec::new();
    for f in figures {
        match out.last_mut() {
            Some((n, p)) if *n == f.sentence => {
                p.runs.push(Run::Text("，".into()));
                p.runs.push(Run::Figure(fazhi_document::Figure { text: f.text.clone(), records: f.records.clone() }));
            }
            _ => out.push((f.sentence, Paragraph::default().figure(f.text.clone(), f.records.clone()))),
        }
    }
    out.into_iter()
        .map(|(_, mut p)| {
            p.runs.push(Run::Text("。".into()));
            p
        })
        .collect()
}

fn place(data: &Data, part: &str, heading: &str, into: &mut Vec<Part>) {
    into.extend(paragraphs(data.text(part, heading)).map(Part::Paragraph));
    into.extend(figure_paragraphs(data.figures_of(part, heading)).into_iter().map(Part::Paragraph));
}

/// The sub-headings of a part in print order: the 实施纲要 areas that have
/// something, then the unit's own in the order written.
pub fn headings_in_order(data: &Data, part: &str, areas: &[&str]) -> Vec<String> {
    let has = |h: &str| !data.text(part, h).trim().is_empty() || data.figures_of(part, h).next().is_some();
    let mut out: Vec<String> = areas.iter().filter(|a| has(a)).map(|a| (*a).to_owned()).collect();
    let mut extra: Vec<&str> = data.headings(part);
    extra.extend(data.figures.iter().filter(|f| f.part == part && !f.heading.is_empty()).map(|f| f.heading.as_str()));
    for h in extra {
        if !out.iter().any(|o| o == h) && has(h) {
            out.push(h.to_owned());
        }
    }
    out
}

/// The report as a document, dated `date` (its publication, or today for a draft).
pub fn build<F: Flavor>(title: &str, issuer: &str, date: NaiveDate, data: &Data, goi: Option<&GoiTables>) -> Document {
    let mut doc = Document::new(title, issuer, date);
    for p in F::PARTS {
        let mut section = Section::new(p.heading);
        place(data, p.code, "", &mut section.parts);
        let areas: &[&str] = if p.areas.is_empty() { &[] } else { OUTLINE_AREAS };
        for h in headings_in_order(data, p.code, areas) {
            let mut sub = Section::new(h.clone());
            place(data, p.code, &h, &mut sub.parts);
            section.parts.push(Part::Section(sub));
        }
        match (p.table, goi) {
            (Some(GoiTable::Table2), _) => section.parts.push(Part::Table(goi::table2(&table2(data)))),
            (Some(GoiTable::Table3), Some(t)) => section.parts.push(Part::Table(goi::table3(&t.table3))),
            (Some(GoiTable::Table4), Some(t)) => section.parts.push(Part::Table(goi::table4(&t.table4))),
            _ => {}
        }
        if section.parts.is_empty() && !p.required {
            section.parts.push(Part::Paragraph(Paragraph::text("无。")));
        }
        doc.push(section);
    }
    doc
}

/// The document as plain text, as a reader of the published page would
/// see it (title, numbered headings, paragraphs, signature): what the report
/// checker reads. Tables are left out.
pub fn plain_text(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&doc.title.replace('\n', ""));
    out.push_str("\n\n");
    if let Ok(blocks) = doc.blocks() {
        for b in blocks.iter() {
            match b {
                Block::Heading { number, text, .. } => {
                    out.push_str(number);
                    out.push_str(text);
                    out.push('\n');
                }
                Block::Paragraph(p) => {
                    out.push_str(&p.plain_text());
                    out.push('\n');
                }
                Block::Table(_) => {}
            }
        }
    }
    out.push('\n');
    out.push_str(&doc.issuer);
    out.push('\n');
    out.push_str(&doc.date_zh());
    out.push('\n');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use fazhi_core::procedure::annual_report::{PartText, RuleOfLaw};
    use std::io::Read;

    fn data() -> Data {
        let t = |part: &str, heading: &str, body: &str| PartText {
            part: part.into(),
            heading: heading.into(),
            body: body.into(),
        };
        Data {
            year: 2025,
            texts: vec![
                t("measures", "", "全年推进法治政府建设。"),
                t("measures", "自拟:优化营商环境", "推行告知承诺制。"),
                t("measures", OUTLINE_AREAS[3], "落实三项制度。"),
                t("shortcomings", "", "执法力量不足。\n培训不够。"),
                t("leaders", "", "主要负责人履职。"),
                t("plans", "", "加强监督。"),
            ],
            figures: vec![
                FigureLine {
                    part: "measures".into(),
                    heading: OUTLINE_AREAS[5].into(),
                    indicator: "reconsideration.received".into(),
                    text: "全年收到行政复议申请12件".into(),
                    records: "/cases?kind=reconsideration".into(),
                    value: 12.0,
                    sentence: 0,
                },
                FigureLine {
                    part: "measures".into(),
                    heading: OUTLINE_AREAS[5].into(),
                    indicator: "reconsideration.accepted".into(),
                    text: "受理10件".into(),
                    records: "/cases?kind=reconsideration".into(),
                    value: 10.0,
                    sentence: 0,
                },
            ],
            ..Data::default()
        }
    }

    fn part(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn the_report_is_an_official_document_with_its_parts_in_order() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 27).unwrap();
        let doc = build::<RuleOfLaw>("某区人民政府2025年度法治政府建设情况报告", "某区人民政府", date, &data(), None);
        let headings: Vec<String> = doc
            .blocks()
            .unwrap()
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, text, .. } => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                "一、主要举措和成效".to_owned(),
                format!("（一）{}", OUTLINE_AREAS[3]),
                format!("（二）{}", OUTLINE_AREAS[5]),
                "（三）自拟:优化营商环境".to_owned(),
                "二、存在的不足和原因".to_owned(),
                "三、党政主要负责人履行推进法治建设第一责任人职责情况".to_owned(),
                "四、下一年度主要安排".to_owned(),
                "五、其他需要报告的事项".to_owned(),
            ],
            "the outline's areas in its order, then the unit's own"
        );
        let text = plain_text(&doc);
        assert!(text.contains("全年收到行政复议申请12件，受理10件。"), "{text}");
        assert!(text.contains("五、其他需要报告的事项\n无。"), "an empty optional part says so: {text}");
        let html = fazhi_document::to_html(&doc).unwrap();
        assert!(html.contains("href=\"/cases?kind=reconsideration\""), "figures link to their records");

        // The .docx: a zip of XML parts with the standard's page and styles.
        let bytes = fazhi_document::to_docx(&doc).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let body = part(&mut zip, "word/document.xml");
        assert!(body.contains("w:w=\"11906\"") && body.contains("w:h=\"16838\""), "A4");
        let title_at = body.find("w:val=\"Title\"").expect("title style");
        let h1_at = body.find("w:val=\"Heading1\"").expect("heading 1");
        let h2_at = body.find("w:val=\"Heading2\"").expect("heading 2");
        assert!(title_at < h1_at && h1_at < h2_at, "title, then 一、, then （一）");
        assert!(body.contains("全年收到行政复议申请12件"), "figures printed as text");
        assert!(body.contains("w:val=\"Signature\""), "the issuer and date");
        let styles = part(&mut zip, "word/styles.xml");
        for font in ["仿宋_GB2312", "黑体", "楷体_GB2312", "小标宋"] {
            assert!(styles.contains(font), "{font} in the styles");
        }
        assert!(zip.by_name("word/footer1.xml").is_ok() || zip.file_names().any(|n| n.contains("footer")));
    }
}
