//! Output: one JSON object per report, a readable terminal view of one report, and the
//! summary table of many (terminal, CSV with a BOM for Excel, and `.xlsx`).

use std::fmt::Write as _;
use std::path::Path;

use crate::indicators as ind;
use crate::model::{PartCheck, PartKind, PartStatus, ReportCheck, Script};

/// Key figures shown in the summary table, as (indicator id, column title).
pub const KEY_FIGURES: [(&str, &str); 8] = [
    (ind::RECONSIDERATION_RECEIVED, "复议申请"),
    (ind::RECONSIDERATION_CONCLUDED, "复议审结"),
    (ind::RECONSIDERATION_CORRECTION_RATE, "复议纠错率%"),
    (ind::LITIGATION_CASES, "行政诉讼"),
    (ind::LITIGATION_HEAD_APPEARANCE_RATE, "出庭应诉率%"),
    (ind::DISCLOSURE_REQUESTS_RECEIVED, "依申请公开"),
    (ind::HOTLINE_TICKETS, "接诉即办"),
    (ind::HOTLINE_RESOLUTION_RATE, "解决率%"),
];

/// One row of the summary table; small, so a batch of 100,000 keeps only these.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// File.
    pub file: String,
    /// Unit.
    pub unit: String,
    /// Report year.
    pub year: Option<i32>,
    /// Publication date.
    pub date: String,
    /// 简体/繁体.
    pub script: &'static str,
    /// Part status per part in statutory order: 有/无/空泛, or 未见 (the text stops before it).
    pub parts: [&'static str; 5],
    /// Flag codes joined by spaces.
    pub flags: String,
    /// Key figure values, as [`KEY_FIGURES`].
    pub key: [Option<f64>; 8],
    /// Error message for unreadable input.
    pub error: String,
}

fn part_status(p: &PartCheck) -> &'static str {
    match (p.present, p.token, p.status) {
        (false, _, PartStatus::NotSeen) => "未见",
        (false, _, _) => "无",
        (true, true, _) => "空泛",
        (true, false, _) => "有",
    }
}

impl SummaryRow {
    /// The summary row of a check.
    pub fn of(c: &ReportCheck) -> Self {
        let parts = PartKind::ALL.map(|k| part_status(c.parts.get(k)));
        let key = KEY_FIGURES.map(|(id, _)| c.figure(id).map(|f| f.value));
        SummaryRow {
            file: c.file.clone(),
            unit: c.unit.clone().unwrap_or_default(),
            year: c.report_year,
            date: c.publish_date.clone().unwrap_or_default(),
            script: match c.script {
                Some(Script::Simplified) => "简体",
                Some(Script::Traditional) => "繁体",
                None => "",
            },
            // No part judgments for unreadable input or a document that is not a report.
            parts: if c.error.is_some() || !c.verdict.is_report { ["", "", "", "", ""] } else { parts },
            flags: c.flags.iter().map(|f| f.code).collect::<Vec<_>>().join(" "),
            key,
            error: c.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
        }
    }

    fn cells(&self) -> Vec<String> {
        let mut v = vec![
            self.file.clone(),
            self.unit.clone(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.date.clone(),
            self.script.to_string(),
        ];
        v.extend(self.parts.iter().map(|s| s.to_string()));
        v.push(self.flags.clone());
        v.extend(self.key.iter().map(|k| k.map(fmt_num).unwrap_or_default()));
        v.push(self.error.clone());
        v
    }
}

/// Column titles of the summary table.
pub fn summary_header() -> Vec<&'static str> {
    let mut h = vec!["文件", "发布主体", "年度", "发布日期", "文字"];
    h.extend(PartKind::ALL.iter().map(|k| short_name(*k)));
    h.push("提示");
    h.extend(KEY_FIGURES.iter().map(|(_, t)| *t));
    h.push("错误");
    h
}

fn short_name(k: PartKind) -> &'static str {
    match k {
        PartKind::Measures => "举措成效",
        PartKind::Shortcomings => "不足原因",
        PartKind::FirstResponsible => "第一责任人",
        PartKind::NextYearPlan => "下年安排",
        PartKind::Other => "其他事项",
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// One JSON line.
pub fn json_line(c: &ReportCheck) -> String {
    serde_json::to_string(c).unwrap_or_else(|e| {
        format!("{{\"file\":{:?},\"error\":{{\"code\":\"json\",\"message\":{:?}}}}}", c.file, e.to_string())
    })
}

/// Display width of a string in a terminal (CJK characters are two columns).
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 }).sum()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = if (c as u32) >= 0x1100 { 2 } else { 1 };
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Keeps the end of `s` (a path's file name matters most).
fn truncate_left(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let cw = if (c as u32) >= 0x1100 { 2 } else { 1 };
        if used + cw > w {
            break;
        }
        kept.push(c);
        used += cw;
    }
    kept.reverse();
    format!("…{}", kept.into_iter().collect::<String>())
}

/// A readable view of one report.
pub fn render_one(c: &ReportCheck) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "文件      {}", c.file);
    if let Some(e) = &c.error {
        let _ = writeln!(s, "无法检查  {}", e.message);
        return s;
    }
    let src =
        |o: &Option<crate::model::Source>| o.as_ref().map(|x| format!("  (来自{})", x.kind_zh())).unwrap_or_default();
    if !c.verdict.is_report {
        let _ = writeln!(
            s,
            "不是报告  {}:{}",
            c.verdict.doc_type.as_deref().unwrap_or("其他文件"),
            c.verdict.reason.as_deref().unwrap_or("")
        );
    }
    let parent = c.unit_parent.as_deref().map(|p| format!("({p})")).unwrap_or_default();
    let _ = writeln!(s, "发布主体  {}{parent}{}", c.unit.as_deref().unwrap_or("—"), src(&c.sources.unit));
    let _ = writeln!(
        s,
        "报告年度  {}{}",
        c.report_year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
        src(&c.sources.report_year)
    );
    let _ = writeln!(s, "发布日期  {}{}", c.publish_date.as_deref().unwrap_or("—"), src(&c.sources.publish_date));
    let _ = writeln!(s, "文字      {}", if c.script == Some(Script::Traditional) { "繁体" } else { "简体" });
    if let Some(done) = &c.completeness {
        let verdict = if done.complete { "完整" } else { "不完整(在结尾之前中断)" };
        let _ = writeln!(s, "文本      {verdict}:{}", done.evidence_zh());
    }
    // A document that is not a report has no parts to judge.
    let kinds: &[PartKind] = if c.verdict.is_report { &PartKind::ALL } else { &[] };
    if !kinds.is_empty() {
        let _ = writeln!(s, "\n必备部分");
    }
    for &k in kinds {
        let p = c.parts.get(k);
        let status = part_status(p);
        let detail = match (&p.heading, p.offset) {
            (Some(h), Some(o)) => format!("{}  [位置 {o},{} 字]", truncate(h, 50), p.chars),
            _ => String::new(),
        };
        let _ = writeln!(s, "  {} {}  {}", pad(k.name_zh(), 36), pad(status, 4), detail);
    }
    let mapped = c.figures.iter().filter(|f| f.indicator.is_some()).count();
    let _ = writeln!(s, "\n数据  共 {} 项,对应指标 {} 项", c.figures.len(), mapped);
    for f in c.figures.iter().filter(|f| f.indicator.is_some()) {
        let _ = writeln!(
            s,
            "  {}  {}  → {}",
            pad(&truncate(&f.subject, 30), 30),
            pad(&f.text, 14),
            f.indicator.map(ind::label_zh).unwrap_or("")
        );
    }
    let _ = writeln!(s, "\n提示  {} 项", c.flags.len());
    for f in &c.flags {
        let _ = writeln!(s, "  · {}", f.message);
    }
    s
}

/// The summary table of many reports, for the terminal.
pub fn render_summary(rows: &[SummaryRow]) -> String {
    let header = summary_header();
    let widths_cap = [28, 24, 6, 10, 4, 8, 8, 10, 8, 8, 40];
    let shown = 11; // file .. flags; key figures go to CSV/xlsx
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.cells()).collect();
    let mut widths: Vec<usize> = header.iter().take(shown).map(|h| width(h)).collect();
    for row in &table {
        for (i, cell) in row.iter().take(shown).enumerate() {
            let w = width(cell).min(widths_cap[i]);
            widths[i] = widths[i].max(w);
        }
    }
    let mut s = String::new();
    let line = |cells: Vec<String>, s: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .take(shown)
            .enumerate()
            .map(|(i, c)| {
                let cut = if i == 0 { truncate_left(c, widths_cap[i]) } else { truncate(c, widths_cap[i]) };
                pad(&cut, widths[i])
            })
            .collect();
        let _ = writeln!(s, "{}", parts.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect(), &mut s);
    for (row, r) in table.into_iter().zip(rows) {
        if r.error.is_empty() {
            line(row, &mut s);
        } else {
            let _ = writeln!(s, "{}  无法检查:{}", pad(&truncate_left(&r.file, 28), widths[0]), r.error);
        }
    }
    s
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The summary table as CSV (UTF-8 with a BOM, so that Excel reads the Chinese).
pub fn summary_csv(rows: &[SummaryRow]) -> String {
    let mut s = String::from("\u{FEFF}");
    let header: Vec<String> = summary_header().iter().map(|h| csv_cell(h)).collect();
    s.push_str(&header.join(","));
    s.push_str("\r\n");
    for r in rows {
        let cells: Vec<String> = r.cells().iter().map(|c| csv_cell(c)).collect();
        s.push_str(&cells.join(","));
        s.push_str("\r\n");
    }
    s
}

/// Writes the summary table as an `.xlsx` workbook.
pub fn write_xlsx(rows: &[SummaryRow], path: &Path) -> anyhow::Result<()> {
    workbook(rows)?.save(path)?;
    Ok(())
}

/// The summary table as `.xlsx` bytes (for a download from the web page).
pub fn xlsx_bytes(rows: &[SummaryRow]) -> anyhow::Result<Vec<u8>> {
    Ok(workbook(rows)?.save_to_buffer()?)
}

fn workbook(rows: &[SummaryRow]) -> anyhow::Result<rust_xlsxwriter::Workbook> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报告检查")?;
    let bold = Format::new().set_bold();
    let header = summary_header();
    for (col, h) in header.iter().enumerate() {
        let col = u16::try_from(col)?;
        ws.write_string_with_format(0, col, *h, &bold)?;
    }
    let key_start = 11u16;
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        for (col, cell) in r.cells().iter().enumerate() {
            let col = u16::try_from(col)?;
            if col == 2 {
                if let Some(y) = r.year {
                    ws.write_number(row, col, f64::from(y))?;
                    continue;
                }
            }
            if (key_start..key_start + 8).contains(&col) {
                if let Some(v) = r.key[usize::from(col - key_start)] {
                    ws.write_number(row, col, v)?;
                }
                continue;
            }
            ws.write_string(row, col, cell)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(header.len().saturating_sub(1))?;
    ws.autofilter(0, 0, u32::try_from(rows.len())?, last_col)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(10, 40)?;
    Ok(wb)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_view_names_indicators_and_sources_in_chinese() {
        let text = "白沙镇人民政府2023年法治政府建设年度报告\n\
            一、主要举措和成效\n镇政府全年召开常务会议会前学法九次,收到行政复议申请十四件,\
            推动依法行政各项要求在基层落地见效,群众的法治获得感稳步增强。\n\
            二、存在的不足和原因\n基层执法力量依然薄弱,部分干部运用法治方式解决问题的能力还需提高。\n\
            三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法,亲自部署法治建设重点任务。\n\
            四、2024年工作安排\n继续完善基层依法决策机制,加强执法人员培训。\n\
            五、其他需要报告的事项\n本年度没有其他需要报告的事项。\n白沙镇人民政府\n2024年3月8日";
        let c = crate::check_text("baisha.txt", text, &crate::CheckOptions::default());
        assert!(c.figure(ind::STUDY_SESSIONS).is_some(), "{:?}", c.figures);
        let view = render_one(&c);
        assert!(view.contains("→ 会前学法"), "{view}");
        assert!(view.contains("→ 收到行政复议申请"), "{view}");
        assert!(view.contains("(来自标题)"), "{view}");
        assert!(view.contains("文本      完整:文末有落款"), "{view}");
        let ascii_words: Vec<&str> = view
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && !["baisha", "txt"].contains(w))
            .collect();
        assert_eq!(ascii_words, Vec::<&str>::new(), "{view}");
    }

    #[test]
    fn a_work_plan_gets_no_part_judgments() {
        let text = "白沙镇2024年法治政府建设工作要点\n\
            为持续推进依法行政,结合本镇实际,现提出2024年法治政府建设工作要点如下。\n\
            一、完善依法决策机制\n落实重大行政决策程序规定,重要事项决策前一律进行合法性审查,确保决策于法有据。\n\
            二、提升执法规范化水平\n推行执法全过程记录制度,定期组织执法人员开展业务培训和案卷评查。\n\
            三、抓好任务落实\n各办站所要明确责任人和完成时限,年底前报送落实情况。";
        let c = crate::check_text("plan.txt", text, &crate::CheckOptions::default());
        assert!(!c.verdict.is_report);
        let view = render_one(&c);
        assert!(view.contains("不是报告  工作要点"), "{view}");
        assert!(!view.contains("必备部分") && !view.contains("主要举措和成效"), "{view}");
        assert_eq!(SummaryRow::of(&c).parts, ["", "", "", "", ""]);
    }
}
