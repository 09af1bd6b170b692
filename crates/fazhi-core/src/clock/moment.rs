//! Deadlines at a time of day: a [`Moment`] is a day (a deadline that runs to the
//! end of that day) or a day and a time (a period counted in hours, such as the
//! 2-hour and 24-hour feedback limits of a 12345 ticket, LAW.md §8.2). Urgency
//! orders moments, so day deadlines and hour deadlines sort in one list: a day
//! deadline sorts after every timed deadline of the same day.
//!
//! Hours are natural hours: nights, weekends and holidays count (the hotline
//! service standards count them so). Where the period starts is a convention
//! ([`HourStart`]): 民事诉讼法 Art. 85 ¶2 excludes the hour in which a period
//! starts, which a strict reading applies to a start that is not on the hour.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::error::ClockError;

/// A point a deadline falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Moment {
    pub date: NaiveDate,
    /// `None`: until the end of `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
}

impl Moment {
    /// A deadline that runs to the end of `date`.
    pub fn day(date: NaiveDate) -> Moment {
        Moment { date, time: None }
    }

    /// A deadline at `at`.
    pub fn at(at: NaiveDateTime) -> Moment {
        Moment { date: at.date(), time: Some(at.time()) }
    }

    /// Minutes after midnight of `date`; the end of the day is 24:00.
    fn minute_of_day(&self) -> u32 {
        self.time.map_or(24 * 60, |t| t.hour() * 60 + t.minute())
    }

    /// A text that sorts like the moment: `2024-10-01T16:00`, and
    /// `2024-10-01T24:00` for a day deadline (for an ordered column).
    pub fn sort_key(&self) -> String {
        let m = self.minute_of_day();
        format!("{}T{:02}:{:02}", self.date, m / 60, m % 60)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM` given to
    /// `flag`, with a Chinese error quoting the input.
    pub fn parse(flag: &str, raw: &str) -> Result<Moment, ClockError> {
        let v = raw.trim();
        if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            return Ok(Moment::day(d));
        }
        for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(v, fmt) {
                return Ok(Moment::at(t));
            }
        }
        Err(ClockError::input(format!(
            "--{flag} 的值「{raw}」无效：应为 YYYY-MM-DD 的日期，或 YYYY-MM-DDTHH:MM 的时刻（如 2024-09-30T16:00）"
        )))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.date, self.minute_of_day(), self.time).cmp(&(other.date, other.minute_of_day(), other.time))
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(t) => write!(f, "{} {}", self.date, t.format("%H:%M")),
            None => write!(f, "{}", self.date),
        }
    }
}

/// Where a period counted in hours starts (\[U\]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HourStart {
    /// From the moment of the event (hotline practice; the default).
    #[default]
    Exact,
    /// From the next whole hour when the event is not on the hour (民事诉讼法
    /// Art. 85 ¶2: the hour in which a period starts is not counted).
    NextWholeHour,
}

/// The moment `hours` natural hours after `from`.
pub fn add_hours(from: NaiveDateTime, hours: u32, start: HourStart) -> Result<NaiveDateTime, ClockError> {
    let base = match start {
        HourStart::Exact => from,
        HourStart::NextWholeHour => {
            let on_the_hour = from.minute() == 0 && from.second() == 0 && from.nanosecond() == 0;
            let floor = from.date().and_hms_opt(from.hour(), 0, 0).unwrap_or(from);
            if on_the_hour {
                from
            } else {
                floor + Duration::hours(1)
            }
        }
    };
    base.checked_add_signed(Duration::hours(i64::from(hours)))
        .ok_or_else(|| ClockError::input(format!("自{from}起{hours}小时超出可计算的日期范围")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn hours_run_through_nights_and_holidays() {
        // 2024-10-01 is the National Day: natural hours count it.
        assert_eq!(add_hours(at("2024-09-30 16:00"), 24, HourStart::Exact).unwrap(), at("2024-10-01 16:00"));
        assert_eq!(add_hours(at("2024-09-30 23:30"), 2, HourStart::Exact).unwrap(), at("2024-10-01 01:30"));
        assert_eq!(add_hours(at("2024-09-30 16:20"), 2, HourStart::NextWholeHour).unwrap(), at("2024-09-30 19:00"));
        assert_eq!(add_hours(at("2024-09-30 16:00"), 2, HourStart::NextWholeHour).unwrap(), at("2024-09-30 18:00"));
    }

    #[test]
    fn day_deadlines_sort_after_timed_ones_of_the_same_day() {
        let day = Moment::day(NaiveDate::from_ymd_opt(2024, 10, 1).unwrap());
        let late = Moment::at(at("2024-10-01 23:59"));
        let next = Moment::at(at("2024-10-02 00:00"));
        let mut all = vec![next, day, late];
        all.sort();
        assert_eq!(all, vec![late, day, next]);
        // The sort key orders the same way as text.
        let mut keys: Vec<String> = [next, day, late].iter().map(Moment::sort_key).collect();
        keys.sort();
        assert_eq!(keys, vec!["2024-10-01T23:59", "2024-10-01T24:00", "2024-10-02T00:00"]);
    }

    #[test]
    fn moments_parse_with_chinese_errors() {
        assert_eq!(Moment::parse("from", "2024-09-30T16:00").unwrap().to_string(), "2024-09-30 16:00");
        assert_eq!(Moment::parse("from", "2024-09-30 16:00").unwrap().to_string(), "2024-09-30 16:00");
        assert_eq!(Moment::parse("from", "2024-09-30").unwrap().to_string(), "2024-09-30");
        let e = Moment::parse("from", "2024-09-30T25:00").unwrap_err().to_string();
        assert!(e.contains("「2024-09-30T25:00」无效"), "{e}");
    }
}
