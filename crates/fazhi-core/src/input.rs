//! Input hygiene shared by every edge (web forms, JSON API, command line):
//! control characters and plausible dates.
//!
//! Text fields may carry tabs and line breaks (a subject, a decision body),
//! nothing else below U+0020, no DEL/C1 controls, no U+FFFE/U+FFFF. A NUL byte
//! in particular is refused before it reaches a database (PostgreSQL rejects
//! it in `TEXT`, SQLite stores it), so both backends answer the same.

use chrono::NaiveDate;

/// The first character that may not appear in submitted text, if any.
pub fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|c| is_forbidden(*c))
}

/// Whether `c` is refused in submitted text.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `s` with each forbidden character shown as `\u{..}`, for quoting the
/// input back in an error message; at most `max` characters.
pub fn quote_for_message(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i >= max {
            out.push('…');
            break;
        }
        if is_forbidden(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The earliest date any record may carry.
pub const EARLIEST_DATE: (i32, u32, u32) = (2000, 1, 1);
/// The latest date any record may carry.
pub const LATEST_DATE: (i32, u32, u32) = (2100, 12, 31);

/// Whether a date typed into a record is plausible (2000-01-01 to 2100-12-31):
/// a received date of 1900-01-01 is a typing error, not a case.
pub fn plausible_date(d: NaiveDate) -> bool {
    let (y0, m0, d0) = EARLIEST_DATE;
    let (y1, m1, d1) = LATEST_DATE;
    match (NaiveDate::from_ymd_opt(y0, m0, d0), NaiveDate::from_ymd_opt(y1, m1, d1)) {
        (Some(lo), Some(hi)) => (lo..=hi).contains(&d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_and_quoted() {
        assert_eq!(forbidden_char("申请\t公开\r\n第二行"), None);
        assert_eq!(forbidden_char("abc\0def"), Some('\0'));
        assert_eq!(forbidden_char("x\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_char("x\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char("x\u{FFFF}"), Some('\u{FFFF}'));
        assert_eq!(quote_for_message("ab\0c", 10), "ab\\u{0000}c");
        assert_eq!(quote_for_message("abcdef", 3), "abc…");
    }

    #[test]
    fn dates_outside_the_range_are_implausible() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert!(!plausible_date(d(1900, 1, 1)));
        assert!(!plausible_date(d(1999, 12, 31)));
        assert!(plausible_date(d(2000, 1, 1)));
        assert!(plausible_date(d(2026, 3, 2)));
        assert!(!plausible_date(d(2101, 1, 1)));
    }
}
