//! Deadline status for work lists: 正常 / 临期 / 超期.
//!
//! Given a due date and today's date (always passed in; this crate never reads the
//! clock): past the due date the step is 超期; within the "approaching" threshold
//! (by default 3 working days: the due date is at most 3 working days after today,
//! the due date itself included) it is 临期; otherwise 正常.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::error::CalendarError;

/// The status of an open deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// 正常.
    Normal,
    /// 临期: due within the threshold, or today.
    Approaching,
    /// 超期: the due date has passed.
    Overdue,
}

impl DeadlineStatus {
    /// 正常 / 临期 / 超期.
    pub fn zh(self) -> &'static str {
        match self {
            DeadlineStatus::Normal => "正常",
            DeadlineStatus::Approaching => "临期",
            DeadlineStatus::Overdue => "超期",
        }
    }
}

impl std::fmt::Display for DeadlineStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.zh())
    }
}

/// How the "approaching" threshold is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdUnit {
    WorkingDays,
    CalendarDays,
}

/// When a deadline counts as approaching (临期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approaching {
    /// Approaching when the due date is at most this many units after today.
    pub days: u32,
    pub unit: ThresholdUnit,
}

impl Default for Approaching {
    fn default() -> Self {
        Approaching { days: 3, unit: ThresholdUnit::WorkingDays }
    }
}

/// The status of a deadline due on `due`, seen on `today`.
///
/// With a working-day threshold the calendar must cover the days between today and
/// the due date (see [`Calendar::set_beyond_coverage`]); a calendar-day threshold
/// never fails.
pub fn deadline_status(
    cal: &Calendar,
    due: NaiveDate,
    today: NaiveDate,
    threshold: Approaching,
) -> Result<DeadlineStatus, CalendarError> {
    if today > due {
        return Ok(DeadlineStatus::Overdue);
    }
    let remaining = match threshold.unit {
        ThresholdUnit::WorkingDays => cal.working_days_between(today, due)?,
        ThresholdUnit::CalendarDays => u32::try_from((due - today).num_days()).unwrap_or(u32::MAX),
    };
    Ok(if remaining <= threshold.days { DeadlineStatus::Approaching } else { DeadlineStatus::Normal })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn status_table_around_spring_festival_2024() {
        let cal = Calendar::builtin();
        let wd3 = Approaching::default();
        let cd3 = Approaching { days: 3, unit: ThresholdUnit::CalendarDays };
        // (due, today, threshold, expected)
        let cases = [
            // Due 2024-02-20 (Tue). Working days after 02-08: 02-09, 02-18 (调休), 02-19, 02-20 = 4.
            ("2024-02-20", "2024-02-08", wd3, DeadlineStatus::Normal),
            // After 02-09: 02-18, 02-19, 02-20 = 3 → 临期, though 11 calendar days remain.
            ("2024-02-20", "2024-02-09", wd3, DeadlineStatus::Approaching),
            ("2024-02-20", "2024-02-09", cd3, DeadlineStatus::Normal),
            ("2024-02-20", "2024-02-17", cd3, DeadlineStatus::Approaching),
            ("2024-02-20", "2024-02-20", wd3, DeadlineStatus::Approaching),
            ("2024-02-20", "2024-02-21", wd3, DeadlineStatus::Overdue),
        ];
        for (due, today, th, want) in cases {
            assert_eq!(deadline_status(&cal, d(due), d(today), th).unwrap(), want, "{due} {today}");
        }
        assert_eq!(DeadlineStatus::Overdue.to_string(), "超期");
    }
}
