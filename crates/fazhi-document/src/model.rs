//! The document model: an official document (公文) as a tree of numbered
//! sections holding paragraphs and tables.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::table::Table;

/// The deepest heading level: 一、 / （一） / 1. / （1）.
pub const MAX_LEVEL: usize = 4;

/// An official document: a report, a notice, a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The title (公文标题), printed centred in 小标宋 二号. A `\n` breaks the line where
    /// the standard's 梯形/菱形 arrangement wants it (not in HTML `<title>` or Markdown).
    pub title: String,
    /// The issuing body (发文机关署名), printed under the body.
    pub issuer: String,
    /// The date (成文日期), printed as `2026年12月1日`.
    pub date: NaiveDate,
    /// The document number (发文字号), e.g. `某府发〔2026〕1号`.
    pub number: Option<String>,
    /// The body: sections, paragraphs and tables in order.
    pub parts: Vec<Part>,
}

/// One part of a document body or of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Section(Section),
    Paragraph(Paragraph),
    Table(Table),
}

/// A numbered section: its heading and what it holds. The number (一、, （一）,
/// 1., （1）) comes from its place in the tree; the heading is written without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub parts: Vec<Part>,
}

/// A paragraph of body text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub runs: Vec<Run>,
}

/// A piece of text in a paragraph or a table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Run {
    /// Plain text.
    Text(String),
    /// A figure taken from the records, which the HTML version links to.
    Figure(Figure),
}

/// A number or a generated sentence carrying the address of the records behind it
/// (e.g. `/indicators/fy.received/records?unit=YC-GOV&from=2025-01-01&to=2025-12-31`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub records: String,
}

/// A document that cannot be laid out.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    #[error("公文标题不能为空")]
    EmptyTitle,
    #[error("发文机关不能为空")]
    EmptyIssuer,
    #[error("“{heading}”是第{level}级标题，结构层次最多{max}级（一、（一）1.（1））", max = MAX_LEVEL)]
    TooDeep { heading: String, level: usize },
    #[error("同一层级的标题超过99个，无法编号（“{heading}”）")]
    TooMany { heading: String },
    #[error("表格“{table}”：{reason}")]
    Table { table: String, reason: String },
}

/// One block of a document in reading order, with its heading number worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block<'a> {
    /// A section heading: level 1 ..= [`MAX_LEVEL`], the number (`一、`) and the text.
    Heading {
        level: usize,
        number: &'a str,
        text: &'a str,
    },
    Paragraph(&'a Paragraph),
    Table(&'a Table),
}

/// The blocks of a document, owning the heading numbers the blocks borrow.
#[derive(Debug)]
pub struct Blocks<'a> {
    numbers: Vec<String>,
    items: Vec<Item<'a>>,
}

#[derive(Debug)]
enum Item<'a> {
    Heading { level: usize, number: usize, text: &'a str },
    Paragraph(&'a Paragraph),
    Table(&'a Table),
}

impl<'a> Blocks<'a> {
    /// The blocks in reading order.
    pub fn iter(&self) -> impl Iterator<Item = Block<'_>> + '_ {
        self.items.iter().map(|i| match *i {
            Item::Heading { level, number, text } => Block::Heading { level, number: &self.numbers[number], text },
            Item::Paragraph(p) => Block::Paragraph(p),
            Item::Table(t) => Block::Table(t),
        })
    }
}

impl Document {
    /// A document without body.
    pub fn new(title: impl Into<String>, issuer: impl Into<String>, date: NaiveDate) -> Document {
        Document { title: title.into(), issuer: issuer.into(), date, number: None, parts: Vec::new() }
    }

    /// Sets the document number.
    pub fn with_number(mut self, number: impl Into<String>) -> Document {
        self.number = Some(number.into());
        self
    }

    /// Appends a part.
    pub fn push(&mut self, part: impl Into<Part>) -> &mut Document {
        self.parts.push(part.into());
        self
    }

    /// The date as printed: `2026年12月1日` (GB/T 9704-2012 7.3.5.2: full year, no leading zeros).
    pub fn date_zh(&self) -> String {
        date_zh(self.date)
    }

    /// Checks that the document can be laid out: a title and an issuer, at most
    /// [`MAX_LEVEL`] heading levels, at most 99 sections under one parent, and
    /// tables whose cells fill their grid exactly.
    pub fn validate(&self) -> Result<(), DocumentError> {
        self.blocks().map(|_| ())
    }

    /// The document's blocks in reading order with heading numbers, after validation.
    pub fn blocks(&self) -> Result<Blocks<'_>, DocumentError> {
        if self.title.trim().is_empty() {
            return Err(DocumentError::EmptyTitle);
        }
        if self.issuer.trim().is_empty() {
            return Err(DocumentError::EmptyIssuer);
        }
        let mut out = Blocks { numbers: Vec::new(), items: Vec::new() };
        walk(&self.parts, 1, &mut out)?;
        Ok(out)
    }
}

fn walk<'a>(parts: &'a [Part], level: usize, out: &mut Blocks<'a>) -> Result<(), DocumentError> {
    let mut n = 0;
    for part in parts {
        match part {
            Part::Section(s) => {
                if level > MAX_LEVEL {
                    return Err(DocumentError::TooDeep { heading: s.heading.clone(), level });
                }
                n += 1;
                let number =
                    heading_number(level, n).ok_or_else(|| DocumentError::TooMany { heading: s.heading.clone() })?;
                out.numbers.push(number);
                out.items.push(Item::Heading { level, number: out.numbers.len() - 1, text: &s.heading });
                walk(&s.parts, level + 1, out)?;
            }
            Part::Paragraph(p) => out.items.push(Item::Paragraph(p)),
            Part::Table(t) => {
                t.grid()?;
                out.items.push(Item::Table(t));
            }
        }
    }
    Ok(())
}

/// The number of the `n`-th heading (from 1) of a level, as GB/T 9704-2012 7.3.3 orders
/// them: `一、`, `（一）`, `1.`, `（1）`. `None` past 99 or for a level out of range.
pub fn heading_number(level: usize, n: usize) -> Option<String> {
    match level {
        1 => Some(format!("{}、", chinese_number(n)?)),
        2 => Some(format!("（{}）", chinese_number(n)?)),
        3 if (1..=99).contains(&n) => Some(format!("{n}.")),
        4 if (1..=99).contains(&n) => Some(format!("（{n}）")),
        _ => None,
    }
}

/// 1 ..= 99 in Chinese numerals: 一, 十, 十一, 二十, 九十九.
pub fn chinese_number(n: usize) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => Some(DIGITS[n].to_string()),
        10..=19 => Some(format!("十{}", DIGITS[n % 10])),
        20..=99 => Some(format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10])),
        _ => None,
    }
}

/// A date as printed in official documents: `2026年12月1日`.
pub fn date_zh(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

impl Section {
    /// A section without content.
    pub fn new(heading: impl Into<String>) -> Section {
        Section { heading: heading.into(), parts: Vec::new() }
    }

    /// Appends a part (builder style).
    pub fn with(mut self, part: impl Into<Part>) -> Section {
        self.parts.push(part.into());
        self
    }

    /// Appends a part.
    pub fn push(&mut self, part: impl Into<Part>) -> &mut Section {
        self.parts.push(part.into());
        self
    }
}

impl Paragraph {
    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Paragraph {
        Paragraph { runs: vec![Run::Text(text.into())] }
    }

    /// Appends plain text (builder style).
    pub fn and(mut self, text: impl Into<String>) -> Paragraph {
        self.runs.push(Run::Text(text.into()));
        self
    }

    /// Appends a figure with the address of its records (builder style).
    pub fn figure(mut self, text: impl Into<String>, records: impl Into<String>) -> Paragraph {
        self.runs.push(Run::Figure(Figure { text: text.into(), records: records.into() }));
        self
    }

    /// The text without links.
    pub fn plain_text(&self) -> String {
        plain_text(&self.runs)
    }
}

impl Run {
    /// The text of the run.
    pub fn text(&self) -> &str {
        match self {
            Run::Text(t) => t,
            Run::Figure(f) => &f.text,
        }
    }
}

/// The text of runs without links.
pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(Run::text).collect()
}

impl From<Section> for Part {
    fn from(s: Section) -> Part {
        Part::Section(s)
    }
}

impl From<Paragraph> for Part {
    fn from(p: Paragraph) -> Part {
        Part::Paragraph(p)
    }
}

impl From<Table> for Part {
    fn from(t: Table) -> Part {
        Part::Table(t)
    }
}

/// Whether a link target is safe to put in an `href`: a path on this site, a
/// fragment or query, or an http(s) address. Anything with another scheme
/// (`javascript:`, `data:`) is not, and its figure is printed as plain text.
pub fn is_safe_link(target: &str) -> bool {
    let t = target.trim();
    if t.is_empty() || t.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    // A relative reference: no scheme before the first '/', '?' or '#'.
    let head = t.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// The width of text in hundredths of a character: CJK characters count 1, ASCII ½.
pub(crate) fn width_in_chars(text: &str) -> i64 {
    text.chars().map(|c| if c.is_ascii() { 50 } else { 100 }).sum()
}

/// The right indents, in hundredths of a character, of the signature (发文机关署名)
/// and the date (成文日期) of a document without seal (GB/T 9704-2012 7.3.5.3): the
/// issuer two characters from the right, the date on the next line starting two
/// characters to the right of the issuer's first character; a date longer than
/// that keeps two characters from the right and the issuer moves left.
pub(crate) fn signature_indents(issuer: &str, date: &str) -> (i64, i64) {
    let (w_issuer, w_date) = (width_in_chars(issuer), width_in_chars(date));
    let issuer_right = 200;
    let date_right = issuer_right + w_issuer - 200 - w_date;
    if date_right >= 200 {
        (issuer_right, date_right)
    } else {
        (200 + w_date + 200 - w_issuer, 200)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_standard() {
        assert_eq!(heading_number(1, 1).as_deref(), Some("一、"));
        assert_eq!(heading_number(1, 10).as_deref(), Some("十、"));
        assert_eq!(heading_number(1, 12).as_deref(), Some("十二、"));
        assert_eq!(heading_number(2, 21).as_deref(), Some("（二十一）"));
        assert_eq!(heading_number(2, 30).as_deref(), Some("（三十）"));
        assert_eq!(heading_number(3, 3).as_deref(), Some("3."));
        assert_eq!(heading_number(4, 2).as_deref(), Some("（2）"));
        assert_eq!(heading_number(1, 100), None);
        assert_eq!(heading_number(5, 1), None);
    }

    #[test]
    fn dates_have_no_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(date_zh(d), "2026年12月1日");
        let d = NaiveDate::from_ymd_opt(2027, 3, 9).expect("date");
        assert_eq!(date_zh(d), "2027年3月9日");
    }

    #[test]
    fn five_levels_are_refused() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let mut doc = Document::new("关于某事的报告", "某区人民政府", d);
        let deep =
            Section::new("一").with(Section::new("二").with(
                Section::new("三").with(Section::new("四").with(Section::new("五").with(Paragraph::text("正文")))),
            ));
        doc.push(deep);
        assert!(matches!(doc.validate(), Err(DocumentError::TooDeep { level: 5, .. })));
    }

    #[test]
    fn blocks_are_numbered_per_parent() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let mut doc = Document::new("报告", "某区人民政府", d);
        doc.push(Section::new("甲").with(Section::new("甲一")).with(Section::new("甲二")));
        doc.push(Section::new("乙").with(Section::new("乙一").with(Section::new("乙一1"))));
        let blocks = doc.blocks().expect("blocks");
        let headings: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, text, .. } => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect();
        assert_eq!(headings, ["一、甲", "（一）甲一", "（二）甲二", "二、乙", "（一）乙一", "1.乙一1"]);
    }

    #[test]
    fn signature_and_date_line_up() {
        assert_eq!(width_in_chars("某区人民政府"), 600);
        assert_eq!(width_in_chars("2026年12月1日"), 650);
        // A short issuer: the date keeps two characters from the right.
        let (i, d) = signature_indents("某区人民政府", "2026年12月1日");
        assert_eq!(d, 200);
        assert_eq!(i + 600 - 200, d + 650, "the date starts two characters right of the issuer");
        // A long issuer: the issuer keeps two characters from the right.
        let (i, d) = signature_indents("某某市某某区人民政府办公室", "2026年12月1日");
        assert_eq!(i, 200);
        assert_eq!(i + 1300 - 200, d + 650);
    }

    #[test]
    fn unsafe_links_are_recognised() {
        assert!(is_safe_link("/indicators/fy.received/records?unit=YC&from=2025-01-01"));
        assert!(is_safe_link("https://example.invalid/a"));
        assert!(is_safe_link("records?x=1:2"));
        assert!(!is_safe_link("javascript:alert(1)"));
        assert!(!is_safe_link(" JavaScript:alert(1)"));
        assert!(!is_safe_link("data:text/html,x"));
        assert!(!is_safe_link("/a b"));
        assert!(!is_safe_link(""));
    }
}
