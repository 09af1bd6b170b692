//! Period arithmetic with the counting conventions of LAW.md §0:
//!
//! - **Start day excluded** (民事诉讼法 Art. 85 ¶2): a period counted from day `S`
//!   begins on `S + 1`.
//! - **Working days** (工作日): holidays and ordinary weekends are skipped, 调休
//!   Saturdays/Sundays count. The result is always a working day.
//! - **Calendar days** and **months**: if the last day is a rest day, the period ends
//!   on the first working day after it (民事诉讼法 Art. 85 ¶3). Whether ordinary
//!   weekends count as rest days here is configurable ([`RollOver`]; LAW.md tags the
//!   court practice \[U\]); by default they do.
//! - **Months** (民法典 Art. 202): the period ends on the day of the final month that
//!   corresponds to the start day; when that month has no such day (31 January + 1
//!   month), on the last day of that month. Then the rest-day roll-over applies.
//! - **Pauses** (时间不计入: consultation, 中止, fee payment …): a pause from `P` to `Q`
//!   excludes the days `P+1 ..= Q` — the same start-day convention applied to the
//!   pause itself — and counting resumes on `Q + 1`. Pauses starting before the
//!   period's start are clipped. A pause that starts on the would-be last day still
//!   applies (the period had not run out when the clock stopped): the period then
//!   ends on the first counted day on or after `Q`. Only a pause starting after the
//!   last day does not apply. For months, the excluded calendar days are appended.
//! - **Extensions** add to the length, in the rule's unit: a 60-day period extended by
//!   30 days ends where a 90-day period would.

use chrono::{Days, Months, NaiveDate};

use super::calendar::Calendar;
use super::error::CalendarError;

/// The unit a period is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 工作日.
    WorkingDays,
    /// 日 (calendar days, with roll-over of a last day on a rest day).
    CalendarDays,
    /// 个月.
    Months,
    /// 小时 (natural hours, see [`super::moment`]). Counted from a date alone,
    /// the hours run from the start of the next day (start day excluded).
    Hours,
}

impl Unit {
    /// Chinese unit word for "N{unit}".
    pub fn zh(self) -> &'static str {
        match self {
            Unit::WorkingDays => "个工作日",
            Unit::CalendarDays => "日",
            Unit::Months => "个月",
            Unit::Hours => "小时",
        }
    }
}

/// Which days a calendar-day or month period rolls over when its last day is one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RollOver {
    /// Holidays and ordinary Saturdays/Sundays (court practice; the default).
    #[default]
    HolidaysAndWeekends,
    /// Only days inside an official holiday range.
    HolidaysOnly,
}

/// An interval during which the clock does not run: days `start+1 ..= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The result of counting a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// The last day of the period.
    pub due: NaiveDate,
    /// For calendar-day and month periods: the last day before roll-over (equal to
    /// `due` when no roll-over happened). For working days, equal to `due`.
    pub nominal: NaiveDate,
}

/// Sorts, clips (to start after `from`) and merges pause intervals in place, returning
/// the number of intervals kept at the front of the slice.
pub fn normalise_pauses(from: NaiveDate, pauses: &mut [Interval]) -> usize {
    for p in pauses.iter_mut() {
        if p.start < from {
            p.start = from;
        }
    }
    pauses.sort_unstable_by_key(|p| p.start);
    let mut kept = 0;
    for i in 0..pauses.len() {
        let p = pauses[i];
        if p.end <= p.start {
            continue;
        }
        if kept > 0 && p.start <= pauses[kept - 1].end {
            if p.end > pauses[kept - 1].end {
                pauses[kept - 1].end = p.end;
            }
        } else {
            pauses[kept] = p;
            kept += 1;
        }
    }
    kept
}

/// Counts a period of `length` units after `from`, skipping `pauses` (which must be
/// normalised: sorted, merged, starting at or after `from`; see [`normalise_pauses`]).
pub fn count(
    cal: &Calendar,
    from: NaiveDate,
    unit: Unit,
    length: u32,
    pauses: &[Interval],
    roll: RollOver,
) -> Result<Counted, CalendarError> {
    let nominal = match unit {
        Unit::Hours => {
            // From a date alone: the start day is excluded, hours run from 00:00 of
            // the next day, pauses add their whole days. No roll-over: hours run
            // through rest days.
            let paused: i64 = pauses.iter().map(|p| (p.end - p.start).num_days()).sum();
            let hours = i64::from(length) + 24 * paused;
            let due = add_days(from, 1 + (hours - 1).max(0) / 24)?;
            cal.check_span(from, due)?;
            return Ok(Counted { due, nominal: due });
        }
        Unit::WorkingDays => {
            let mut pos = from;
            let mut remaining = length;
            let mut due = None;
            for p in pauses {
                let available = cal.working_days_in_unchecked(pos, p.start)?;
                if remaining <= available {
                    let last = cal.add_working_days_unchecked(pos, remaining)?;
                    // A pause starting on the last day itself stops the clock.
                    if last < p.start {
                        due = Some(last);
                        break;
                    }
                }
                remaining -= available;
                pos = p.end;
            }
            let due = match due {
                Some(d) => d,
                // Used up exactly when the clock stopped: the first working day
                // on or after the pause's end.
                None if remaining == 0 => cal.next_working_day_on_or_after(pos)?,
                None => cal.add_working_days_unchecked(pos, remaining)?,
            };
            cal.check_span(from, due)?;
            return Ok(Counted { due, nominal: due });
        }
        Unit::CalendarDays => {
            let mut pos = from;
            let mut remaining = i64::from(length);
            let mut due = None;
            for p in pauses {
                let available = (p.start - pos).num_days();
                if remaining < available {
                    due = Some(add_days(pos, remaining)?);
                    break;
                }
                remaining -= available;
                pos = p.end;
            }
            match due {
                Some(d) => d,
                None => add_days(pos, remaining)?,
            }
        }
        Unit::Months => {
            let mut end =
                from.checked_add_months(Months::new(length)).ok_or(CalendarError::OutOfRange { date: from })?;
            for p in pauses {
                if p.start <= end {
                    end = add_days(end, (p.end - p.start).num_days())?;
                } else {
                    break;
                }
            }
            end
        }
    };
    let due = match roll {
        RollOver::HolidaysAndWeekends => cal.next_working_day_on_or_after(nominal)?,
        RollOver::HolidaysOnly => cal.next_non_holiday_on_or_after(nominal)?,
    };
    cal.check_span(from, due)?;
    Ok(Counted { due, nominal })
}

fn add_days(d: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
    u64::try_from(n).ok().and_then(|n| d.checked_add_days(Days::new(n))).ok_or(CalendarError::OutOfRange { date: d })
}

/// Units of `unit` excluded by a pause `(start, end]`, for explanations.
pub fn units_in_pause(cal: &Calendar, unit: Unit, p: Interval) -> u32 {
    match unit {
        Unit::WorkingDays => cal.working_days_in_unchecked(p.start, p.end).unwrap_or(0),
        Unit::CalendarDays | Unit::Months => u32::try_from((p.end - p.start).num_days()).unwrap_or(0),
        Unit::Hours => u32::try_from((p.end - p.start).num_days() * 24).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn iv(a: &str, b: &str) -> Interval {
        Interval { start: d(a), end: d(b) }
    }

    #[test]
    fn normalise_clips_sorts_and_merges() {
        let mut ps = vec![
            iv("2024-03-10", "2024-03-12"),
            iv("2024-02-01", "2024-03-02"),
            iv("2024-03-11", "2024-03-15"),
            iv("2024-01-01", "2024-01-02"),
        ];
        let n = normalise_pauses(d("2024-03-01"), &mut ps);
        assert_eq!(&ps[..n], &[iv("2024-03-01", "2024-03-02"), iv("2024-03-10", "2024-03-15")]);
    }

    #[test]
    fn months_clamp_to_month_end_then_roll() {
        let cal = Calendar::builtin();
        // 民法典 Art. 202: 2024-01-31 + 1 month → 2024-02-29 (Thu, a working day).
        let c = count(&cal, d("2024-01-31"), Unit::Months, 1, &[], RollOver::default()).unwrap();
        assert_eq!(c.due, d("2024-02-29"));
        // 2024-08-31 + 1 month → 2024-09-30 (Mon).
        let c = count(&cal, d("2024-08-31"), Unit::Months, 1, &[], RollOver::default()).unwrap();
        assert_eq!(c.due, d("2024-09-30"));
        // 2024-09-01 + 1 month → 2024-10-01 (国庆) → 2024-10-08.
        let c = count(&cal, d("2024-09-01"), Unit::Months, 1, &[], RollOver::default()).unwrap();
        assert_eq!((c.nominal, c.due), (d("2024-10-01"), d("2024-10-08")));
    }

    #[test]
    fn roll_over_holidays_only_keeps_weekends() {
        let cal = Calendar::builtin();
        // 2024-03-01 + 15 days = 2024-03-16, a Saturday.
        let c = count(&cal, d("2024-03-01"), Unit::CalendarDays, 15, &[], RollOver::HolidaysOnly).unwrap();
        assert_eq!(c.due, d("2024-03-16"));
        let c = count(&cal, d("2024-03-01"), Unit::CalendarDays, 15, &[], RollOver::HolidaysAndWeekends).unwrap();
        assert_eq!(c.due, d("2024-03-18"));
    }

    #[test]
    fn calendar_day_pause_excludes_days_after_its_start() {
        let cal = Calendar::builtin();
        // 2024-03-01 + 10 days, pause 03-05..03-08 excludes 3 days → 03-14 (Thu).
        let ps = [iv("2024-03-05", "2024-03-08")];
        let c = count(&cal, d("2024-03-01"), Unit::CalendarDays, 10, &ps, RollOver::default()).unwrap();
        assert_eq!(c.due, d("2024-03-14"));
    }
}
