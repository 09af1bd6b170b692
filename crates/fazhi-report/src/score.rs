//! Scoring the checker against a labelled folder (`fazhi report score DIR`).
//!
//! The folder holds the reports and a `gold.jsonl` with one object per file: `file`,
//! `is_report`, `unit`, `report_year`, `publish_date`, `parts` (`true` present, `false`
//! missing, `null` cut off) and `figures` (`text`, `value`, `unit`). Every file is checked
//! with the default options and compared field by field:
//!
//! - **unit**: over files whose gold unit is set. The checker's unit with its parent region
//!   in parentheses (`教育厅(某省)`) must equal the gold unit, both in Simplified script
//!   without spaces. A self-reference with its region (`我市(某市)`) also matches the region
//!   itself (`某市`), which names the same body.
//! - **year**, **publish date**: over files whose gold value is set; equality.
//! - **parts**: every (file, part) judgment: `present` ↔ `true`, `missing` ↔ `false`,
//!   `not_seen` ↔ `null`.
//! - **figures**: every gold figure; found when a figure of the same file has the same
//!   value (万/亿 in money units multiplied out) and its text lies inside the gold text (or
//!   the other way round). Each checker figure is used once. Figures the gold does not
//!   list are counted as extra.
//! - **near-misses**: files with `is_report: false` that the checker calls not a report;
//!   reports it wrongly calls not a report are listed as misses too.
//!
//! Values set where the gold has none (a unit, a date) are listed as misses ("spurious")
//! but do not change the rates above.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::model::{io_reason_zh, CheckOptions, PartKind, PartStatus, ReportCheck};

/// Hits out of a total for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Correct answers.
    pub hits: usize,
    /// Labelled cases.
    pub total: usize,
}

impl Tally {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// Share of hits in percent (100 when there is nothing to score).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.hits as f64 * 100.0 / self.total as f64
        }
    }
}

/// One wrong or spurious answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// File name.
    pub file: String,
    /// Field: `unit`, `year`, `publish_date`, `part:<key>`, `figure`, `near_miss`, `report`.
    pub field: String,
    /// The gold value.
    pub expected: String,
    /// What the checker said.
    pub got: String,
}

/// Scores of a labelled folder.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Files scored.
    pub files: usize,
    /// Reporting unit.
    pub unit: Tally,
    /// Year reported on.
    pub year: Tally,
    /// Publication date.
    pub publish_date: Tally,
    /// Part judgments.
    pub parts: Tally,
    /// Gold figures found.
    pub figures: Tally,
    /// Checker figures the gold does not list.
    pub extra_figures: usize,
    /// Near-misses recognised as not a report.
    pub near_misses: Tally,
    /// Reports recognised as reports.
    pub reports: Tally,
    /// Every miss, in file order.
    pub misses: Vec<Miss>,
}

/// Normalizes a string for comparison: Simplified script, half-width, no whitespace.
fn norm(s: &str) -> String {
    let s = crate::clean::normalize_width(&crate::script::to_simplified(s));
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The checker's unit with its parent region, as the gold writes it.
pub fn composed_unit(c: &ReportCheck) -> Option<String> {
    let unit = c.unit.as_deref()?;
    Some(match c.unit_parent.as_deref() {
        Some(p) => format!("{unit}({p})"),
        None => unit.to_string(),
    })
}

fn unit_matches(gold: &str, got: &str) -> bool {
    let (g, p) = (norm(gold), norm(got));
    if g == p {
        return true;
    }
    // `我市(某市)` names the same body as `某市`.
    if let Some(rest) = g.strip_prefix('我') {
        if let Some((level, region)) = rest.split_once('(') {
            let region = region.trim_end_matches(')');
            return p == region && region.ends_with(level);
        }
    }
    false
}

fn show<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

fn gold_part(v: &Value) -> Option<bool> {
    v.as_bool()
}

fn part_value(s: PartStatus) -> Option<bool> {
    match s {
        PartStatus::Present => Some(true),
        PartStatus::Missing => Some(false),
        PartStatus::NotSeen => None,
    }
}

/// Multiplier of a money unit (`万元` → 1e4), to compare with gold values written out.
fn money_factor(unit: &str) -> f64 {
    if unit.starts_with('万') {
        1e4
    } else if unit.starts_with('亿') {
        1e8
    } else {
        1.0
    }
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Scores one checked file against its gold object, adding to `score`.
pub fn score_one(score: &mut Score, gold: &Value, c: &ReportCheck) {
    let file = c.file.clone();
    let mut miss = |field: &str, expected: String, got: String| {
        score.misses.push(Miss { file: file.clone(), field: field.to_string(), expected, got });
    };
    score.files += 1;

    let got_unit = composed_unit(c);
    match gold.get("unit").and_then(Value::as_str) {
        Some(g) => {
            let hit = got_unit.as_deref().is_some_and(|u| unit_matches(g, u));
            score.unit.add(hit);
            if !hit {
                miss("unit", g.to_string(), show(got_unit.as_deref()));
            }
        }
        None => {
            if let Some(u) = &got_unit {
                miss("unit (spurious)", "null".into(), u.clone());
            }
        }
    }

    if let Some(g) = gold.get("report_year").and_then(Value::as_i64) {
        let hit = c.report_year.map(i64::from) == Some(g);
        score.year.add(hit);
        if !hit {
            miss("year", g.to_string(), show(c.report_year));
        }
    }

    match gold.get("publish_date").and_then(Value::as_str) {
        Some(g) => {
            let hit = c.publish_date.as_deref() == Some(g);
            score.publish_date.add(hit);
            if !hit {
                miss("publish_date", g.to_string(), show(c.publish_date.as_deref()));
            }
        }
        None => {
            if let Some(d) = &c.publish_date {
                miss("publish_date (spurious)", "null".into(), d.clone());
            }
        }
    }

    if let Some(parts) = gold.get("parts") {
        for kind in PartKind::ALL {
            let g = parts.get(kind.key()).and_then(gold_part);
            let got = part_value(c.parts.get(kind).status);
            score.parts.add(g == got);
            if g != got {
                miss(&format!("part:{}", kind.key()), show(g), show(got));
            }
        }
    }

    let is_report = gold.get("is_report").and_then(Value::as_bool).unwrap_or(true);
    if is_report {
        score.reports.add(c.verdict.is_report);
        if !c.verdict.is_report {
            miss("report", "report".into(), format!("not a report: {}", c.verdict.reason.as_deref().unwrap_or("")));
        }
    } else {
        score.near_misses.add(!c.verdict.is_report);
        if c.verdict.is_report {
            let doc = gold.get("doc_type").and_then(Value::as_str).unwrap_or("near-miss");
            miss("near_miss", doc.to_string(), "report".into());
        }
    }

    let figures: Vec<(f64, String)> =
        c.figures.iter().map(|f| (f.value * money_factor(&f.unit), norm(&f.text))).collect();
    let mut used = vec![false; figures.len()];
    for g in gold.get("figures").and_then(Value::as_array).into_iter().flatten() {
        let (Some(value), Some(text)) = (g.get("value").and_then(Value::as_f64), g.get("text").and_then(Value::as_str))
        else {
            continue;
        };
        let text = norm(text);
        let found = figures.iter().enumerate().position(|(i, (v, t))| {
            !used[i] && same_value(*v, value) && !t.is_empty() && (text.contains(t.as_str()) || t.contains(&text))
        });
        score.figures.add(found.is_some());
        match found {
            Some(i) => used[i] = true,
            None => {
                let unit = g.get("unit").and_then(Value::as_str).unwrap_or("");
                miss("figure", format!("{value}{unit} in “{text}”"), "not found".into());
            }
        }
    }
    for (f, _) in c.figures.iter().zip(&used).filter(|(_, u)| !**u) {
        score.extra_figures += 1;
        miss("figure (extra)", "—".into(), format!("{} ({})", f.text, f.subject));
    }
}

/// Checks every file listed in `DIR/gold.jsonl` and scores the results.
pub fn score_dir(dir: &Path, opts: &CheckOptions) -> anyhow::Result<Score> {
    let gold_path = dir.join("gold.jsonl");
    let gold = std::fs::read_to_string(&gold_path)
        .map_err(|e| anyhow::anyhow!("无法读取标注文件 {}:{}", gold_path.display(), io_reason_zh(&e)))?;
    let mut score = Score::default();
    for (n, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: Value = serde_json::from_str(line).map_err(|e| {
            anyhow::anyhow!("{} 第 {} 行不是有效的 JSON(第 {} 列出错)", gold_path.display(), n + 1, e.column())
        })?;
        let Some(file) = g.get("file").and_then(Value::as_str) else {
            anyhow::bail!("{} 第 {} 行缺少 file 字段", gold_path.display(), n + 1);
        };
        let path = dir.join(file);
        let bytes =
            std::fs::read(&path).map_err(|e| anyhow::anyhow!("无法读取 {}:{}", path.display(), io_reason_zh(&e)))?;
        let c = crate::check_bytes(file, &bytes, opts);
        score_one(&mut score, &g, &c);
    }
    Ok(score)
}

/// The scores as a table, then the misses.
pub fn render(s: &Score) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "文件 {} 份", s.files);
    let row = |out: &mut String, name: &str, t: &Tally| {
        let _ = writeln!(out, "{name:<14} {:>4}/{:<4} {:>6.1}%", t.hits, t.total, t.percent());
    };
    row(&mut out, "发布主体", &s.unit);
    row(&mut out, "报告年度", &s.year);
    row(&mut out, "发布日期", &s.publish_date);
    row(&mut out, "必备部分", &s.parts);
    row(&mut out, "数据", &s.figures);
    row(&mut out, "非报告识别", &s.near_misses);
    row(&mut out, "报告识别", &s.reports);
    let _ = writeln!(out, "多提取的数据   {}", s.extra_figures);
    if !s.misses.is_empty() {
        let _ = writeln!(out, "\n未命中 {} 项", s.misses.len());
        for m in &s.misses {
            let _ = writeln!(out, "  {}  {:<24} 应为 {}  实得 {}", m.file, field_zh(&m.field), m.expected, m.got);
        }
    }
    out
}

/// The Chinese name of a scored field (`part:measures` → `必备部分:主要举措和成效`).
fn field_zh(field: &str) -> String {
    if let Some(key) = field.strip_prefix("part:") {
        let name = PartKind::ALL.iter().find(|k| k.key() == key).map_or(key, |k| k.name_zh());
        return format!("必备部分:{name}");
    }
    match field {
        "unit" => "发布主体",
        "year" => "报告年度",
        "publish_date" => "发布日期",
        "publish_date (spurious)" => "发布日期(多出)",
        "figure" => "数据",
        "figure (extra)" => "数据(多出)",
        "near_miss" => "非报告识别",
        "report" => "报告识别",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_in_chinese() {
        assert_eq!(field_zh("part:first_responsible"), "必备部分:党政主要负责人履行第一责任人职责情况");
        assert_eq!(field_zh("figure (extra)"), "数据(多出)");
        let out = render(&Score::default());
        assert!(out.contains("发布主体") && !out.contains("unit"), "{out}");
    }

    #[test]
    fn unit_equivalences() {
        assert!(unit_matches("某县人民政府", "某县人民政府"));
        assert!(unit_matches("教育厅(某省)", "教育厅(某省)"));
        assert!(unit_matches("我市(青山市)", "青山市"));
        assert!(unit_matches("我市(青山市)", "我市(青山市)"));
        assert!(!unit_matches("我局(青山县)", "青山县"));
        assert!(!unit_matches("教育厅(某省)", "教育厅"));
        assert!(unit_matches("海東市", "海东市"));
    }

    #[test]
    fn figures_match_by_value_and_text() {
        let text = "某县2023年法治政府建设情况报告\n\
            2023年,某县坚持依法行政,持续推进法治政府建设各项工作,取得积极成效,现将有关情况报告如下。\n\
            一、主要举措和成效\n\
            全年受理复议申请12件,组织执法人员培训1.5万人次,投入2亿元,进一步夯实基层依法行政基础。";
        let c = crate::check_text("a.txt", text, &CheckOptions::default());
        let gold = serde_json::json!({
            "file": "a.txt", "unit": null, "report_year": null, "publish_date": null,
            "figures": [
                {"text": "受理复议申请12件", "value": 12, "unit": "件"},
                {"text": "培训1.5万人次", "value": 15000, "unit": "人次"},
                {"text": "投入2亿元", "value": 200000000, "unit": "元"},
                {"text": "审结9件", "value": 9, "unit": "件"}
            ]
        });
        let mut s = Score::default();
        score_one(&mut s, &gold, &c);
        assert_eq!((s.figures.hits, s.figures.total), (3, 4));
        assert_eq!(s.misses.iter().filter(|m| m.field == "figure").count(), 1);
    }
}
