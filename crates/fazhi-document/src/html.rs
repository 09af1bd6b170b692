//! The HTML exporter: one standalone page (zh-CN, no JavaScript) styled after the
//! printed document, with print CSS for A4 and every figure a link to its records.

use std::fmt::Write as _;

use crate::model::{is_safe_link, signature_indents, Block, Document, DocumentError, Run};
use crate::table::{Align, Slot, Table};

const STYLE: &str = r#"
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #f4f4f4; }
body { box-sizing: content-box; max-width: 156mm; margin: 2em auto; padding: 20mm 26mm 20mm 28mm; background: #fff; color: #000;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 28.95pt; }
h1, h2, h3, h4, h5, p { margin: 0; font-size: 16pt; font-weight: normal; }
h1.title { font-family: "方正小标宋简体", "小标宋", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif;
  font-size: 22pt; line-height: 1.3; text-align: center; margin-bottom: 28.95pt; }
p.number { text-align: center; margin-bottom: 28.95pt; }
h2, h3, h4, h5, p { text-indent: 2em; }
p { text-align: justify; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
h4 { font-weight: bold; }
.signature { margin-top: 28.95pt; text-indent: 0; text-align: right; }
.signature span { display: block; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; line-height: 1.35; }
caption { font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 0.5pt solid #000; padding: 2pt 3pt; font-weight: normal; vertical-align: middle; text-align: center; }
td.left, th.left { text-align: left; }
td.right, th.right { text-align: right; }
a.figure { color: #0b57a4; text-decoration: underline dotted; }
@media screen and (max-width: 210mm) { body { margin: 0; padding: 1em; } }
@media print {
  html { background: none; }
  body { max-width: none; margin: 0; padding: 0; }
  a.figure { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr, h2, h3, h4, h5 { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
}
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

fn runs(out: &mut String, runs: &[Run]) {
    for r in runs {
        match r {
            Run::Figure(f) if is_safe_link(&f.records) => {
                out.push_str("<a class=\"figure\" href=\"");
                escape_into(out, f.records.trim());
                out.push_str("\">");
                escape_into(out, &f.text);
                out.push_str("</a>");
            }
            other => escape_into(out, other.text()),
        }
    }
}

fn table(out: &mut String, t: &Table) -> Result<(), DocumentError> {
    let grid = t.grid()?;
    let total: u32 = t.widths.iter().sum();
    let _ = write!(out, "<table style=\"font-size:{}pt\">", t.font_size.points());
    if let Some(c) = &t.caption {
        out.push_str("<caption>");
        escape_into(out, c);
        out.push_str("</caption>");
    }
    out.push_str("<colgroup>");
    for w in &t.widths {
        let _ = write!(out, "<col style=\"width:{:.2}%\">", f64::from(*w) * 100.0 / f64::from(total));
    }
    out.push_str("</colgroup>");
    for (r, row) in grid.slots.iter().enumerate() {
        if r == 0 && grid.header_rows > 0 {
            out.push_str("<thead>");
        }
        if r == grid.header_rows {
            out.push_str("<tbody>");
        }
        out.push_str("<tr>");
        let tag = if r < grid.header_rows { "th" } else { "td" };
        for slot in row {
            let Slot::Origin(cell) = slot else { continue };
            let _ = write!(out, "<{tag}");
            if cell.col_span > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.col_span);
            }
            if cell.row_span > 1 {
                let _ = write!(out, " rowspan=\"{}\"", cell.row_span);
            }
            match cell.align {
                Align::Left => out.push_str(" class=\"left\""),
                Align::Right => out.push_str(" class=\"right\""),
                Align::Center => {}
            }
            out.push('>');
            runs(out, &cell.runs);
            let _ = write!(out, "</{tag}>");
        }
        out.push_str("</tr>\n");
        if r + 1 == grid.header_rows {
            out.push_str("</thead>");
        }
    }
    if grid.slots.len() > grid.header_rows {
        out.push_str("</tbody>");
    }
    out.push_str("</table>\n");
    Ok(())
}

/// The document as a standalone HTML page.
pub fn to_html(doc: &Document) -> Result<String, DocumentError> {
    let blocks = doc.blocks()?;
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape_into(&mut out, &doc.title.replace('\n', ""));
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<article>\n");
    if let Some(n) = &doc.number {
        out.push_str("<p class=\"number\">");
        escape_into(&mut out, n);
        out.push_str("</p>\n");
    }
    out.push_str("<h1 class=\"title\">");
    escape_into(&mut out, &doc.title);
    out.push_str("</h1>\n");
    for block in blocks.iter() {
        match block {
            Block::Heading { level, number, text } => {
                let tag = level + 1;
                let _ = write!(out, "<h{tag}>");
                escape_into(&mut out, number);
                escape_into(&mut out, text);
                let _ = writeln!(out, "</h{tag}>");
            }
            Block::Paragraph(p) => {
                out.push_str("<p>");
                runs(&mut out, &p.runs);
                out.push_str("</p>\n");
            }
            Block::Table(t) => table(&mut out, t)?,
        }
    }
    let date = doc.date_zh();
    let (issuer_right, date_right) = signature_indents(&doc.issuer, &date);
    let _ = write!(out, "<p class=\"signature\"><span style=\"padding-right:{}em\">", issuer_right as f64 / 100.0);
    escape_into(&mut out, &doc.issuer);
    let _ = write!(out, "</span><span style=\"padding-right:{}em\">", date_right as f64 / 100.0);
    escape_into(&mut out, &date);
    out.push_str("</span></p>\n</article>\n</body>\n</html>\n");
    Ok(out)
}
