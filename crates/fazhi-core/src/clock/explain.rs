//! Explanations of computed deadlines, in Chinese: the rule and its article, the
//! start, restarts, pauses, extensions, the days skipped and why, and roll-over.
//!
//! An [`Explanation`] keeps its parts separate (for a UI that lays them out) and
//! renders them as one text with `Display` (for the CLI, JSON and documents).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::arithmetic::Unit;
use super::calendar::{Calendar, DayKind, SpanDays};
use super::notice::weekday_zh;

/// The explanation of one deadline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The rule: "依申请公开答复期限：自收到政府信息公开申请之日起20个工作日（《政府信息公开条例》第三十三条第二款）".
    pub rule: String,
    /// The start: "2024-02-05收到政府信息公开申请，当日不计入".
    pub start: String,
    /// Restarts, pauses, extensions, skipped days, roll-over, caveats — in that order.
    pub notes: Vec<String>,
    /// The conclusion: "期限届满日为2024-03-05（星期二）".
    pub due: String,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}。{}。", self.rule, self.start)?;
        if !self.notes.is_empty() {
            write!(f, "{}。", self.notes.join("；"))?;
        }
        write!(f, "{}。", self.due)
    }
}

/// "2024-03-05（星期二）".
pub fn date_with_weekday(d: NaiveDate) -> String {
    format!("{}（{}）", d, weekday_zh(d.weekday()))
}

/// "2024-02-10至2024-02-17" or "2024-06-10" for a single day.
pub fn range_text(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}至{end}")
    }
}

/// Notes on the days skipped and counted inside a working-day span.
pub fn working_day_notes(span: &SpanDays) -> Vec<String> {
    // Holidays and 调休 days in date order, then the count of ordinary weekend days.
    let mut dated: Vec<(NaiveDate, String)> = span
        .holidays
        .iter()
        .map(|h| (h.start, format!("{}{}假期不计", range_text(h.start, h.end), h.name)))
        .chain(span.adjusted_workdays.iter().map(|w| (w.date, format!("调休上班日{}计入", date_with_weekday(w.date)))))
        .collect();
    dated.sort_by_key(|(d, _)| *d);
    let mut notes: Vec<String> = dated.into_iter().map(|(_, s)| s).collect();
    if span.weekend_days > 0 {
        notes.push(format!("其间周六、周日共{}天不计", span.weekend_days));
    }
    notes
}

/// Note on the roll-over of a calendar-day or month period's last day, if any.
pub fn roll_note(cal: &Calendar, unit: Unit, length: u32, nominal: NaiveDate, due: NaiveDate) -> Option<String> {
    if nominal == due {
        return None;
    }
    let last = match unit {
        Unit::Months => format!("期限末日{}", date_with_weekday(nominal)),
        _ => format!("第{}日为{}", length, date_with_weekday(nominal)),
    };
    let why = match (cal.holiday_of(nominal), cal.day_kind(nominal)) {
        (Some(h), _) => format!("适逢{}假期（{}）", h.name, range_text(h.start, h.end)),
        (None, Ok(DayKind::Weekend)) | (None, Err(_)) => "为公休日".to_string(),
        (None, Ok(_)) => "为休息日".to_string(),
    };
    Some(format!("{last}，{why}，依《民事诉讼法》第八十五条顺延至{}", date_with_weekday(due)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn renders_parts_in_order() {
        let e = Explanation {
            rule: "规则".into(),
            start: "起算".into(),
            notes: vec!["甲".into(), "乙".into()],
            due: "期限届满日为2024-03-05（星期二）".into(),
        };
        assert_eq!(e.to_string(), "规则。起算。甲；乙。期限届满日为2024-03-05（星期二）。");
        let e = Explanation { notes: vec![], ..e };
        assert_eq!(e.to_string(), "规则。起算。期限届满日为2024-03-05（星期二）。");
    }
}
