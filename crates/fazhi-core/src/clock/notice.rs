//! Reading and validating a holiday notice (国务院办公厅关于部分节假日安排的通知) in the
//! TOML format of `data/cn-holidays.toml`:
//!
//! ```toml
//! [y2027]
//! holidays = [
//!   ["2027-01-01", "2027-01-01"],           # 元旦, 1 day(s)
//!   ["2027-02-05", "2027-02-11", "春节"],   # an optional third element names the holiday
//! ]
//! workdays = [
//!   "2027-02-13",  # Sat, 春节
//! ]
//! ```
//!
//! Holiday names are taken from the optional third element, otherwise from the
//! line's comment (`# 春节, 8 day(s)`, as in the shipped file), otherwise "法定节假日".
//! Validation: dates parse, ranges are ordered and at most 31 days long, dates stay
//! within the table's year (plus the adjacent December/January), 调休 working days are
//! Saturdays or Sundays, nothing is listed twice and no date is both a holiday and a
//! working day.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::error::CalendarError;

/// First and last year the calendar supports.
pub const MIN_YEAR: i32 = 2000;
/// Last year the calendar supports.
pub const MAX_YEAR: i32 = 2099;

/// An inclusive range of official days off.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HolidayRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Name of the holiday, e.g. "春节".
    pub name: String,
}

/// A Saturday or Sunday that is an official working day (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AdjustedWorkday {
    pub date: NaiveDate,
    /// The holiday it compensates, e.g. "春节".
    pub name: String,
}

/// One year's notice, validated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoticeYear {
    pub year: i32,
    pub holidays: Vec<HolidayRange>,
    pub workdays: Vec<AdjustedWorkday>,
}

impl NoticeYear {
    /// Number of days off in the holiday ranges.
    pub fn holiday_days(&self) -> i64 {
        self.holidays.iter().map(|h| (h.end - h.start).num_days() + 1).sum()
    }
}

/// Chinese name of a weekday.
pub fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

const DEFAULT_HOLIDAY_NAME: &str = "法定节假日";

/// Parses and validates every `[yNNNN]` table of a notice text.
pub fn parse_notice(text: &str) -> Result<Vec<NoticeYear>, CalendarError> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| CalendarError::Syntax { message: e.message().to_string() })?;
    if table.is_empty() {
        return Err(CalendarError::Empty);
    }
    let comments = comment_names(text);
    let mut years = Vec::with_capacity(table.len());
    for (key, value) in &table {
        let year = parse_year_key(key)?;
        let toml::Value::Table(body) = value else {
            return Err(CalendarError::BadYearKey { key: key.clone() });
        };
        years.push(parse_year(year, body, &comments)?);
    }
    years.sort_by_key(|y| y.year);
    Ok(years)
}

fn parse_year_key(key: &str) -> Result<i32, CalendarError> {
    let digits = key
        .strip_prefix('y')
        .or_else(|| key.strip_prefix('Y'))
        .filter(|d| d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| CalendarError::BadYearKey { key: key.to_string() })?;
    let year: i32 = digits.parse().map_err(|_| CalendarError::BadYearKey { key: key.to_string() })?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(CalendarError::YearOutOfRange { year });
    }
    Ok(year)
}

const RANGE_SHAPE: &str = "应为 [\"开始日期\", \"结束日期\"] 或 [\"开始日期\", \"结束日期\", \"节日名称\"]";
const WORKDAY_SHAPE: &str = "应为 \"YYYY-MM-DD\" 或 [\"YYYY-MM-DD\", \"节日名称\"]";

fn parse_year(year: i32, body: &toml::Table, comments: &HashMap<String, String>) -> Result<NoticeYear, CalendarError> {
    for key in body.keys() {
        if key != "holidays" && key != "workdays" {
            return Err(CalendarError::UnknownKey { year, key: key.clone() });
        }
    }
    let mut holidays = Vec::new();
    match body.get("holidays") {
        None => {}
        Some(toml::Value::Array(items)) => {
            for item in items {
                holidays.push(parse_range(year, item, comments)?);
            }
        }
        Some(other) => {
            return Err(CalendarError::BadEntry {
                year,
                field: "holidays",
                input: other.to_string(),
                expected: "应为由日期区间组成的数组",
            })
        }
    }
    let mut workdays = Vec::new();
    match body.get("workdays") {
        None => {}
        Some(toml::Value::Array(items)) => {
            for item in items {
                workdays.push(parse_workday(year, item, comments)?);
            }
        }
        Some(other) => {
            return Err(CalendarError::BadEntry {
                year,
                field: "workdays",
                input: other.to_string(),
                expected: "应为由日期组成的数组",
            })
        }
    }
    if holidays.is_empty() {
        return Err(CalendarError::NoHolidays { year });
    }
    holidays.sort_by_key(|h| h.start);
    workdays.sort_by_key(|w| w.date);
    for pair in holidays.windows(2) {
        if pair[1].start <= pair[0].end {
            return Err(CalendarError::Overlap {
                year,
                first: format!("{}至{}", pair[0].start, pair[0].end),
                second: format!("{}至{}", pair[1].start, pair[1].end),
            });
        }
    }
    for pair in workdays.windows(2) {
        if pair[1].date == pair[0].date {
            return Err(CalendarError::Overlap {
                year,
                first: pair[0].date.to_string(),
                second: pair[1].date.to_string(),
            });
        }
    }
    for w in &workdays {
        if holidays.iter().any(|h| h.start <= w.date && w.date <= h.end) {
            return Err(CalendarError::Conflict { date: w.date, year_a: year, year_b: year });
        }
    }
    Ok(NoticeYear { year, holidays, workdays })
}

/// A TOML scalar as a date string: quoted strings and bare TOML dates are accepted.
fn scalar_text(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.trim().to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

fn parse_date(year: i32, input: &str) -> Result<NaiveDate, CalendarError> {
    let date = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| CalendarError::BadDate { year, input: input.to_string() })?;
    // Allow the adjacent December and January (e.g. y2019 starts on 2018-12-30).
    let lo = NaiveDate::from_ymd_opt(year - 1, 12, 1);
    let hi = NaiveDate::from_ymd_opt(year + 1, 1, 31);
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo <= date && date <= hi => Ok(date),
        _ => Err(CalendarError::DateOutsideYear { year, date, prev: year - 1, next: year + 1 }),
    }
}

fn parse_range(
    year: i32,
    item: &toml::Value,
    comments: &HashMap<String, String>,
) -> Result<HolidayRange, CalendarError> {
    let bad = || CalendarError::BadEntry { year, field: "holidays", input: item.to_string(), expected: RANGE_SHAPE };
    let toml::Value::Array(parts) = item else {
        return Err(bad());
    };
    if parts.len() != 2 && parts.len() != 3 {
        return Err(bad());
    }
    let start_text = scalar_text(&parts[0]).ok_or_else(bad)?;
    let end_text = scalar_text(&parts[1]).ok_or_else(bad)?;
    let start = parse_date(year, &start_text)?;
    let end = parse_date(year, &end_text)?;
    if end < start {
        return Err(CalendarError::RangeReversed { year, start, end });
    }
    let days = (end - start).num_days() + 1;
    if days > 31 {
        return Err(CalendarError::RangeTooLong { year, start, end, days });
    }
    let name = match parts.get(2) {
        Some(toml::Value::String(n)) if !n.trim().is_empty() => n.trim().to_string(),
        Some(toml::Value::String(_)) | None => {
            comments.get(&start_text).cloned().unwrap_or_else(|| DEFAULT_HOLIDAY_NAME.to_string())
        }
        Some(_) => return Err(bad()),
    };
    Ok(HolidayRange { start, end, name })
}

fn parse_workday(
    year: i32,
    item: &toml::Value,
    comments: &HashMap<String, String>,
) -> Result<AdjustedWorkday, CalendarError> {
    let bad = || CalendarError::BadEntry { year, field: "workdays", input: item.to_string(), expected: WORKDAY_SHAPE };
    let (text, explicit_name) = match item {
        toml::Value::Array(parts) if parts.len() == 2 => {
            let text = scalar_text(&parts[0]).ok_or_else(bad)?;
            let toml::Value::String(name) = &parts[1] else {
                return Err(bad());
            };
            (text, Some(name.trim().to_string()))
        }
        other => (scalar_text(other).ok_or_else(bad)?, None),
    };
    let date = parse_date(year, &text)?;
    let wd = date.weekday();
    if wd != Weekday::Sat && wd != Weekday::Sun {
        return Err(CalendarError::WorkdayNotWeekend { year, date, weekday: weekday_zh(wd) });
    }
    let name = explicit_name
        .filter(|n| !n.is_empty())
        .or_else(|| comments.get(&text).cloned())
        .unwrap_or_else(|| DEFAULT_HOLIDAY_NAME.to_string());
    Ok(AdjustedWorkday { date, name })
}

/// Holiday names from line comments, keyed by the first date on the line:
/// `["2024-02-10", "2024-02-17"],  # 春节, 8 day(s)` gives `2024-02-10 → 春节`, and
/// `"2024-02-18",  # Sun, 春节` gives `2024-02-18 → 春节`.
fn comment_names(text: &str) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for line in text.lines() {
        let Some((code, comment)) = line.split_once('#') else {
            continue;
        };
        let Some(first_date) = first_quoted(code) else {
            continue;
        };
        let name = comment.split([',', '，']).map(str::trim).find(|part| !part.is_empty() && !is_noise(part));
        if let Some(name) = name {
            names.insert(first_date.to_string(), name.to_string());
        }
    }
    names
}

fn first_quoted(code: &str) -> Option<&str> {
    let start = code.find('"')? + 1;
    let len = code[start..].find('"')?;
    Some(code[start..start + len].trim())
}

/// Parts of a comment that are not a holiday name: weekday abbreviations, "8 day(s)".
fn is_noise(part: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    WEEKDAYS.contains(&part)
        || part.ends_with("day(s)")
        || part.ends_with("days")
        || part.ends_with("day")
        || part.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_come_from_third_element_then_comment() {
        let text = r#"
[y2027]
holidays = [
  ["2027-01-01", "2027-01-01"],  # 元旦, 1 day(s)
  ["2027-02-05", "2027-02-11", "春节"],
  ["2027-04-05", "2027-04-05"],
]
workdays = [
  "2027-02-13",  # Sat, 春节
  ["2027-02-14", "春节"],
]
"#;
        let years = parse_notice(text).unwrap();
        assert_eq!(years.len(), 1);
        let y = &years[0];
        assert_eq!(y.holidays[0].name, "元旦");
        assert_eq!(y.holidays[1].name, "春节");
        assert_eq!(y.holidays[2].name, "法定节假日");
        assert_eq!(y.workdays[0].name, "春节");
        assert_eq!(y.workdays[1].name, "春节");
        assert_eq!(y.holiday_days(), 1 + 7 + 1);
    }

    #[test]
    fn bare_toml_dates_are_accepted() {
        let years = parse_notice("[y2027]\nholidays = [[2027-01-01, 2027-01-01]]\n").unwrap();
        assert_eq!(years[0].holidays[0].start.to_string(), "2027-01-01");
    }

    fn err(text: &str) -> String {
        parse_notice(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_offending_input() {
        assert!(err("[y2027\n").contains("不是有效的TOML"));
        assert!(err("").contains("没有任何年份表"));
        assert!(err("[x2027]\nholidays=[]").contains("「x2027」"));
        assert!(err("[y1999]\nholidays=[]").contains("1999"));
        assert!(err("[y2027]\nholiday=[]").contains("「holiday」"));
        assert!(err("[y2027]\nholidays=[]").contains("没有任何假期"));
        let e = err("[y2027]\nholidays=[[\"2027-02-30\", \"2027-03-01\"]]");
        assert!(e.contains("「2027-02-30」") && e.contains("YYYY-MM-DD"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-02-10\", \"2027-02-05\"]]");
        assert!(e.contains("2027-02-10至2027-02-05") && e.contains("起止颠倒"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-02-10\"]]");
        assert!(e.contains("格式不对"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2025-02-10\", \"2025-02-11\"]]");
        assert!(e.contains("2025-02-10") && e.contains("不属于y2027"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-01-01\", \"2027-01-01\"]]\nworkdays=[\"2027-02-10\"]");
        assert!(e.contains("2027-02-10是星期三"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-01-01\", \"2027-01-03\"],[\"2027-01-03\", \"2027-01-04\"]]");
        assert!(e.contains("重复或重叠"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-01-01\", \"2027-01-03\"]]\nworkdays=[\"2027-01-02\"]");
        assert!(e.contains("2027-01-02同时是假期和调休上班日"), "{e}");
        let e = err("[y2027]\nholidays=[[\"2027-01-01\", \"2027-03-03\"]]");
        assert!(e.contains("超过31天"), "{e}");
    }
}
