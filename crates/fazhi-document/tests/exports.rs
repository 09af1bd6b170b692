//! The HTML and Markdown exporters.

mod common;

use chrono::NaiveDate;
use common::report;
use fazhi_document::{to_html, to_markdown, Cell, Document, Paragraph, Section, Table};

fn tricky() -> Document {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut doc = Document::new("关于<script>alert(1)</script>的报告", "某区人民政府", date);
    doc.push(
        Section::new("标题 & <b>").with(
            Paragraph::text("收到申请")
                .figure("12件", "/indicators/goi.received/records?unit=YC-GOV&from=2025-01-01")
                .and("，其中")
                .figure("3件", "javascript:alert(1)")
                .and("“引号”'单引号' | 竖线 *星号* [方括号]"),
        ),
    );
    doc.push(Paragraph::text("1. 这不是列表"));
    doc.push(
        Table::new(vec![2, 1, 1])
            .header_row(vec![Cell::text("项目").rows(2), Cell::text("组 | 别").cols(2)])
            .header_row(vec![Cell::text("甲"), Cell::text("乙")])
            .row(vec![Cell::label("合|计").rows(2), Cell::figure("5", Some("/r?a=1&b=2".into())), Cell::text("6")])
            .row(vec![Cell::text("7"), Cell::text("8\n9")]),
    );
    doc
}

#[test]
fn html_is_a_standalone_escaped_page() {
    let html = to_html(&tricky()).expect("html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(!html.contains("<script"), "no script, not even from the title");
    assert!(html.contains("<title>关于&lt;script&gt;alert(1)&lt;/script&gt;的报告</title>"));
    assert!(html.contains("<h2>一、标题 &amp; &lt;b&gt;</h2>"));
    assert!(html.contains(
        "<a class=\"figure\" href=\"/indicators/goi.received/records?unit=YC-GOV&amp;from=2025-01-01\">12件</a>"
    ));
    // A figure whose target is not a web address is printed as text.
    assert!(html.contains("，其中3件“引号”&#39;单引号&#39;"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("@media print"));
    assert!(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"));
    // Merged cells.
    assert!(html.contains("<th rowspan=\"2\">项目</th><th colspan=\"2\">组 | 别</th>"));
    assert!(html.contains("<td rowspan=\"2\" class=\"left\">合|计</td>"));
    assert!(html.contains("8<br>9"));
    assert_eq!(html.matches("<thead>").count(), 1);
    assert!(html.contains("<span style=\"padding-right:"));
    assert!(html.contains("2026年12月1日"));
}

#[test]
fn html_of_the_sample_links_every_figure() {
    let doc = report::annual_report();
    let html = to_html(&doc).expect("html");
    assert!(html.contains("<h1 class=\"title\">云川区人民政府关于2025年度<br>法治政府建设情况的报告</h1>"));
    assert!(html.contains("<title>云川区人民政府关于2025年度法治政府建设情况的报告</title>"));
    assert!(html.contains("<h4>1.深化权责清单管理</h4>"));
    assert!(html.contains(
        "href=\"/indicators/fy.received/records?unit=YC-GOV&amp;from=2025-01-01&amp;to=2025-12-31\">56件</a>"
    ));
}

/// The cells of a pipe-table line, split on unescaped pipes.
fn pipe_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    // Drop what stands outside the leading and trailing pipes.
    cells[1..cells.len() - 1].iter().map(|c| c.trim().to_string()).collect()
}

/// Every table of a Markdown text: its lines.
fn tables(md: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut in_table = false;
    for line in md.lines() {
        if line.starts_with('|') {
            if !in_table {
                out.push(Vec::new());
            }
            out.last_mut().expect("a table").push(line);
            in_table = true;
        } else {
            in_table = false;
        }
    }
    out
}

fn assert_well_formed(table: &[&str]) {
    let width = pipe_cells(table[0]).len();
    assert!(width > 0);
    assert!(pipe_cells(table[1]).iter().all(|c| c == "---"), "delimiter row: {}", table[1]);
    for line in table {
        assert!(line.ends_with('|'), "{line}");
        assert_eq!(pipe_cells(line).len(), width, "{line}");
    }
}

#[test]
fn markdown_tables_are_well_formed_and_headers_flattened() {
    let md = to_markdown(&tricky()).expect("markdown");
    assert!(md.starts_with("# 关于\\<script\\>alert(1)\\</script\\>的报告\n\n## 一、标题 \\& \\<b\\>\n\n"));
    assert!(md.contains("收到申请[12件](/indicators/goi.received/records?unit=YC-GOV&from=2025-01-01)，其中3件"));
    assert!(md.contains("竖线 \\*星号\\* \\[方括号\\]"));
    assert!(md.contains("\n1\\. 这不是列表\n"));
    let t = tables(&md);
    assert_eq!(t.len(), 1);
    assert_well_formed(&t[0]);
    assert_eq!(pipe_cells(t[0][0]), ["项目", "组 \\| 别 / 甲", "组 \\| 别 / 乙"]);
    assert_eq!(pipe_cells(t[0][2]), ["合\\|计", "[5](/r?a=1&b=2)", "6"]);
    assert_eq!(pipe_cells(t[0][3]), ["", "7", "8 9"]);
    assert!(md.ends_with("某区人民政府\\\n2026年12月1日\n"));
}

#[test]
fn markdown_of_the_goi_tables() {
    let md = to_markdown(&report::goi_report()).expect("markdown");
    assert!(md.starts_with("# 云川区人民政府2025年政府信息公开工作年度报告\n"));
    let t = tables(&md);
    assert_eq!(t.len(), 3);
    for table in &t {
        assert_well_formed(table);
    }
    // Table 3: ten columns; the applicant columns carry their groups.
    let header = pipe_cells(t[1][0]);
    assert_eq!(header.len(), 10);
    assert!(header[0].starts_with("（本列数据的勾稽关系为"));
    assert_eq!(header[1], "");
    assert_eq!(header[3], "申请人情况 / 自然人");
    assert_eq!(header[4], "申请人情况 / 法人或其他组织 / 商业企业");
    assert_eq!(header[9], "申请人情况 / 总计");
    assert_eq!(t[1].len(), 2 + 25);
    // Table 4: one row of 15 under flattened groups.
    let header = pipe_cells(t[2][0]);
    assert_eq!(header.len(), 15);
    assert_eq!(header[0], "行政复议 / 结果维持");
    assert_eq!(header[5], "行政诉讼 / 未经复议直接起诉 / 结果维持");
    assert_eq!(header[14], "行政诉讼 / 复议后起诉 / 总计");
    assert_eq!(t[2].len(), 3);
    assert_eq!(pipe_cells(t[2][2])[4], "12");
}
