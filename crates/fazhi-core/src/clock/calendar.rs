//! The official calendar: statutory holidays and 调休 working days, with an index
//! that makes working-day arithmetic O(1).
//!
//! A 工作日 is a Monday–Friday not inside a holiday range, plus every 调休 Saturday or
//! Sunday listed in the notice (LAW.md §13). The built-in notices 2019–2026 are
//! embedded from `data/cn-holidays.toml`; a new year's notice is merged at run time
//! with [`Calendar::merge_notice`], without a release.
//!
//! **Coverage.** A year is *covered* when its notice is loaded. Arithmetic that
//! counts or inspects a day of an uncovered year fails with
//! [`CalendarError::NotCovered`] by default, instead of silently treating the year as
//! plain weekdays. A caller that prefers a provisional answer (e.g. a workbench in
//! December, before next year's notice) sets [`BeyondCoverage::AssumeWeekendsOnly`]
//! and asks [`Calendar::span_is_covered`] to flag the result as provisional.
//!
//! **Index.** For every day of 2000-01-01..=2099-12-31 the calendar keeps the number
//! of working days up to and including that day (`cum_work`), the list of working
//! days (`work`) and the number of uncovered days so far (`cum_uncovered`).
//! Adding `n` working days to `d` is then `work[cum_work[d] + n - 1]`, and checking
//! coverage of a span is one subtraction.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::error::CalendarError;
use super::notice::{self, AdjustedWorkday, HolidayRange, NoticeYear, MAX_YEAR, MIN_YEAR};

/// The built-in notices (2019–2026), embedded at compile time.
pub const BUILTIN_NOTICES: &str = include_str!("../../data/cn-holidays.toml");

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday (公休日).
    Weekend,
    /// A day inside an official holiday range (法定节假日, including the weekend days the
    /// notice folds into the holiday).
    Holiday,
    /// A Saturday or Sunday that is an official working day (调休上班日).
    AdjustedWorkday,
}

impl DayKind {
    /// Whether the day counts as a 工作日.
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

/// What arithmetic does when it reaches a year without a loaded notice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BeyondCoverage {
    /// Fail with [`CalendarError::NotCovered`] (the default).
    #[default]
    Refuse,
    /// Treat uncovered years as plain Monday–Friday working weeks; callers must flag
    /// the result as provisional (see [`Calendar::span_is_covered`]).
    AssumeWeekendsOnly,
}

/// What a merged notice changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoticeSummary {
    pub years: Vec<YearSummary>,
}

/// One year of a merged notice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearSummary {
    pub year: i32,
    /// Number of holiday ranges.
    pub holiday_ranges: usize,
    /// Number of days off in those ranges.
    pub holiday_days: i64,
    /// Number of 调休 working days.
    pub adjusted_workdays: usize,
    /// The year was already loaded and has been replaced by this notice.
    pub replaced: bool,
    /// The year was already loaded with exactly the same content.
    pub unchanged: bool,
}

impl std::fmt::Display for NoticeSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for y in &self.years {
            if !first {
                writeln!(f)?;
            }
            first = false;
            let verb = if y.unchanged {
                "与已有数据相同，未作改动"
            } else if y.replaced {
                "已替换原有数据"
            } else {
                "已导入"
            };
            write!(
                f,
                "{}年节假日安排{}：假期{}段共{}天，调休上班日{}天",
                y.year, verb, y.holiday_ranges, y.holiday_days, y.adjusted_workdays
            )?;
        }
        Ok(())
    }
}

/// A range of consecutive days off inside a span, with the reason, for explanations.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SkippedRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The holiday name, e.g. "春节".
    pub name: String,
}

/// The non-working days inside a span `(from, to]`, for explanations.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpanDays {
    /// Holiday ranges (clipped to the span).
    pub holidays: Vec<SkippedRange>,
    /// 调休 working days inside the span (counted).
    pub adjusted_workdays: Vec<AdjustedWorkday>,
    /// Ordinary Saturdays and Sundays inside the span (not counted).
    pub weekend_days: u32,
}

/// The official calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeMap<i32, NoticeYear>,
    beyond: BeyondCoverage,
    index: DayIndex,
}

#[derive(Debug, Clone)]
struct DayIndex {
    /// Day number (from CE) of 2000-01-01.
    base: i32,
    kinds: Vec<DayKind>,
    /// Working days in `[base, day]`.
    cum_work: Vec<u32>,
    /// Offsets (from `base`) of all working days, ascending.
    work: Vec<u32>,
    /// Uncovered days in `[base, day]`.
    cum_uncovered: Vec<u32>,
    /// Bit `y - MIN_YEAR` set when year `y` is covered.
    covered: u128,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn first_day() -> i32 {
    ymd(MIN_YEAR, 1, 1).map_or(0, |d| d.num_days_from_ce())
}

fn last_day() -> i32 {
    ymd(MAX_YEAR, 12, 31).map_or(0, |d| d.num_days_from_ce())
}

impl DayIndex {
    fn build(years: &BTreeMap<i32, NoticeYear>) -> DayIndex {
        let base = first_day();
        let len = usize::try_from(last_day() - base + 1).unwrap_or(0);
        let mut covered: u128 = 0;
        for y in years.keys() {
            if (MIN_YEAR..=MAX_YEAR).contains(y) {
                covered |= 1u128 << (y - MIN_YEAR);
            }
        }
        let mut kinds = Vec::with_capacity(len);
        let mut d = ymd(MIN_YEAR, 1, 1);
        while let Some(day) = d {
            if kinds.len() == len {
                break;
            }
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            kinds.push(if weekend { DayKind::Weekend } else { DayKind::Workday });
            d = day.succ_opt();
        }
        let offset = |date: NaiveDate| -> Option<usize> {
            usize::try_from(date.num_days_from_ce() - base).ok().filter(|&i| i < len)
        };
        for notice in years.values() {
            for h in &notice.holidays {
                let mut d = h.start;
                while d <= h.end {
                    if let Some(i) = offset(d) {
                        kinds[i] = DayKind::Holiday;
                    }
                    match d.succ_opt() {
                        Some(n) => d = n,
                        None => break,
                    }
                }
            }
            for w in &notice.workdays {
                if let Some(i) = offset(w.date) {
                    kinds[i] = DayKind::AdjustedWorkday;
                }
            }
        }
        let mut cum_work = Vec::with_capacity(len);
        let mut cum_uncovered = Vec::with_capacity(len);
        let mut work = Vec::with_capacity(len * 5 / 7 + 8);
        let (mut w, mut u) = (0u32, 0u32);
        let mut year = MIN_YEAR;
        let mut year_end = ymd(MIN_YEAR, 12, 31).map_or(0, |d| d.num_days_from_ce()) - base;
        for (i, kind) in kinds.iter().enumerate() {
            let i32_i = i32::try_from(i).unwrap_or(i32::MAX);
            if i32_i > year_end {
                year += 1;
                year_end = ymd(year, 12, 31).map_or(i32::MAX, |d| d.num_days_from_ce()) - base;
            }
            if kind.is_working() {
                w += 1;
                work.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
            if covered & (1u128 << (year - MIN_YEAR)) == 0 {
                u += 1;
            }
            cum_work.push(w);
            cum_uncovered.push(u);
        }
        DayIndex { base, kinds, cum_work, work, cum_uncovered, covered }
    }
}

static BUILTIN: OnceLock<Calendar> = OnceLock::new();

impl Calendar {
    /// A calendar with no notice loaded: every working-day computation fails with
    /// [`CalendarError::NotCovered`] (or assumes plain weeks, if so configured).
    pub fn empty() -> Calendar {
        let years = BTreeMap::new();
        let index = DayIndex::build(&years);
        Calendar { years, beyond: BeyondCoverage::Refuse, index }
    }

    /// The calendar with the built-in notices 2019–2026.
    ///
    /// The embedded data is checked by the tests; should it ever fail to parse, this
    /// returns an empty calendar, so that every computation fails loudly with
    /// [`CalendarError::NotCovered`] rather than using wrong dates.
    pub fn builtin() -> Calendar {
        Calendar::try_builtin().unwrap_or_else(|_| Calendar::empty())
    }

    /// The calendar with the built-in notices, or the error in the embedded data.
    pub fn try_builtin() -> Result<Calendar, CalendarError> {
        let mut cal = Calendar::empty();
        cal.merge_notice(BUILTIN_NOTICES)?;
        Ok(cal)
    }

    /// A shared, lazily built copy of [`Calendar::builtin`].
    pub fn shared_builtin() -> &'static Calendar {
        BUILTIN.get_or_init(Calendar::builtin)
    }

    /// Sets what arithmetic does beyond the covered years.
    pub fn set_beyond_coverage(&mut self, beyond: BeyondCoverage) {
        self.beyond = beyond;
    }

    /// What arithmetic does beyond the covered years.
    pub fn beyond_coverage(&self) -> BeyondCoverage {
        self.beyond
    }

    /// Merges one or more years' notices (the TOML format of `cn-holidays.toml`).
    ///
    /// The text is validated completely before anything changes: on error the
    /// calendar is untouched. A year already loaded is replaced (reported in the
    /// summary); a date may not be a holiday in one year's table and a 调休 working
    /// day in another's.
    pub fn merge_notice(&mut self, toml_text: &str) -> Result<NoticeSummary, CalendarError> {
        let incoming = notice::parse_notice(toml_text)?;
        let mut next = self.years.clone();
        let mut summary = Vec::with_capacity(incoming.len());
        for year in incoming {
            let previous = next.insert(year.year, year.clone());
            summary.push(YearSummary {
                year: year.year,
                holiday_ranges: year.holidays.len(),
                holiday_days: year.holiday_days(),
                adjusted_workdays: year.workdays.len(),
                replaced: previous.as_ref().is_some_and(|p| p != &year),
                unchanged: previous.as_ref().is_some_and(|p| p == &year),
            });
        }
        check_cross_year_conflicts(&next)?;
        self.index = DayIndex::build(&next);
        self.years = next;
        Ok(NoticeSummary { years: summary })
    }

    /// The years whose notice is loaded, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether year `year`'s notice is loaded.
    pub fn is_year_covered(&self, year: i32) -> bool {
        (MIN_YEAR..=MAX_YEAR).contains(&year) && self.index.covered & (1u128 << (year - MIN_YEAR)) != 0
    }

    /// The loaded notices, by year.
    pub fn notices(&self) -> impl Iterator<Item = &NoticeYear> {
        self.years.values()
    }

    fn offset(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        usize::try_from(date.num_days_from_ce() - self.index.base)
            .ok()
            .filter(|&i| i < self.index.kinds.len())
            .ok_or(CalendarError::OutOfRange { date })
    }

    fn date_at(&self, offset: u32) -> NaiveDate {
        let n = self.index.base + i32::try_from(offset).unwrap_or(0);
        NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
    }

    /// Whether every day of `(from, to]` is in a covered year (true for an empty span).
    /// Days outside the supported range count as uncovered.
    pub fn span_is_covered(&self, from: NaiveDate, to: NaiveDate) -> bool {
        if to <= from {
            return true;
        }
        match (self.offset(from), self.offset(to)) {
            (Ok(a), Ok(b)) => self.index.cum_uncovered[b] == self.index.cum_uncovered[a],
            _ => false,
        }
    }

    /// Checks coverage of `(from, to]` according to the [`BeyondCoverage`] setting.
    pub(crate) fn check_span(&self, from: NaiveDate, to: NaiveDate) -> Result<(), CalendarError> {
        if self.beyond == BeyondCoverage::AssumeWeekendsOnly || self.span_is_covered(from, to) {
            return Ok(());
        }
        let mut d = from.succ_opt().unwrap_or(from);
        while d <= to {
            if !self.is_year_covered(d.year()) {
                return Err(CalendarError::NotCovered { year: d.year(), date: d });
            }
            d = ymd(d.year() + 1, 1, 1).unwrap_or(to.succ_opt().unwrap_or(to));
        }
        Ok(())
    }

    /// The kind of a day. Fails for a day of an uncovered year unless
    /// [`BeyondCoverage::AssumeWeekendsOnly`] is set.
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        let i = self.offset(date)?;
        if self.beyond == BeyondCoverage::Refuse && !self.is_year_covered(date.year()) {
            return Err(CalendarError::NotCovered { year: date.year(), date });
        }
        Ok(self.index.kinds[i])
    }

    /// Whether the day is a 工作日.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.day_kind(date).map(DayKind::is_working)
    }

    /// The holiday range containing `date`, if any.
    pub fn holiday_of(&self, date: NaiveDate) -> Option<&HolidayRange> {
        self.years
            .range(date.year() - 1..=date.year() + 1)
            .flat_map(|(_, y)| y.holidays.iter())
            .find(|h| h.start <= date && date <= h.end)
    }

    /// The 调休 entry of `date`, if it is one.
    pub fn adjusted_workday_of(&self, date: NaiveDate) -> Option<&AdjustedWorkday> {
        self.years
            .range(date.year() - 1..=date.year() + 1)
            .flat_map(|(_, y)| y.workdays.iter())
            .find(|w| w.date == date)
    }

    /// Number of working days in `(from, to]` (0 if `to <= from`). Unchecked for
    /// coverage: the caller checks the span.
    pub(crate) fn working_days_in_unchecked(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        if to <= from {
            return Ok(0);
        }
        let a = self.offset(from)?;
        let b = self.offset(to)?;
        Ok(self.index.cum_work[b] - self.index.cum_work[a])
    }

    /// Number of working days in `(from, to]` (0 if `to <= from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        self.check_span(from, to)?;
        self.working_days_in_unchecked(from, to)
    }

    /// The `n`-th working day after `from` (the start day is not counted; `n = 0`
    /// returns `from`). Unchecked for coverage.
    pub(crate) fn add_working_days_unchecked(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            self.offset(from)?;
            return Ok(from);
        }
        let i = self.offset(from)?;
        let k = self.index.cum_work[i] as usize + n as usize - 1;
        match self.index.work.get(k) {
            Some(&off) => Ok(self.date_at(off)),
            None => {
                Err(CalendarError::OutOfRange { date: from.checked_add_days(Days::new(u64::from(n))).unwrap_or(from) })
            }
        }
    }

    /// The `n`-th working day after `from`: the start day is not counted, holidays and
    /// ordinary weekends are skipped, 调休 working days are counted (LAW.md §0).
    /// `n = 0` returns `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let due = self.add_working_days_unchecked(from, n)?;
        self.check_span(from, due)?;
        Ok(due)
    }

    /// The first working day on or after `date`.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let i = self.offset(date)?;
        let result = if self.index.kinds[i].is_working() {
            date
        } else {
            let k = self.index.cum_work[i] as usize;
            match self.index.work.get(k) {
                Some(&off) => self.date_at(off),
                None => return Err(CalendarError::OutOfRange { date }),
            }
        };
        self.check_span(date.pred_opt().unwrap_or(date), result)?;
        Ok(result)
    }

    /// The first day on or after `date` that is not inside a holiday range (weekends
    /// are not rest days in this reading; see `Conventions::roll_over`).
    pub fn next_non_holiday_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut d = date;
        loop {
            let i = self.offset(d)?;
            if self.index.kinds[i] != DayKind::Holiday {
                break;
            }
            d = d.succ_opt().ok_or(CalendarError::OutOfRange { date: d })?;
        }
        self.check_span(date.pred_opt().unwrap_or(date), d)?;
        Ok(d)
    }

    /// `from` plus `n` calendar days (start day not counted), without moving off a rest day.
    pub fn add_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let d = from.checked_add_days(Days::new(u64::from(n))).ok_or(CalendarError::OutOfRange { date: from })?;
        self.offset(d)?;
        Ok(d)
    }

    /// The non-working days in `(from, to]`, for explanations.
    pub fn describe_span(&self, from: NaiveDate, to: NaiveDate) -> SpanDays {
        let mut out = SpanDays::default();
        let (Ok(a), Ok(b)) = (self.offset(from), self.offset(to)) else {
            return out;
        };
        if b <= a {
            return out;
        }
        let mut i = a + 1;
        while i <= b {
            let date = self.date_at(u32::try_from(i).unwrap_or(0));
            match self.index.kinds[i] {
                DayKind::Workday => i += 1,
                DayKind::Weekend => {
                    out.weekend_days += 1;
                    i += 1;
                }
                DayKind::AdjustedWorkday => {
                    if let Some(w) = self.adjusted_workday_of(date) {
                        out.adjusted_workdays.push(w.clone());
                    }
                    i += 1;
                }
                DayKind::Holiday => {
                    let (end, name) = match self.holiday_of(date) {
                        Some(h) => (h.end.min(to), h.name.clone()),
                        None => (date, String::new()),
                    };
                    out.holidays.push(SkippedRange { start: date, end, name });
                    let span = usize::try_from((end - date).num_days()).unwrap_or(0);
                    i += span + 1;
                }
            }
        }
        out
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::builtin()
    }
}

fn check_cross_year_conflicts(years: &BTreeMap<i32, NoticeYear>) -> Result<(), CalendarError> {
    for (ya, a) in years {
        for (yb, b) in years.range(ya - 1..=ya + 1) {
            if ya == yb {
                continue;
            }
            for w in &b.workdays {
                if a.holidays.iter().any(|h| h.start <= w.date && w.date <= h.end) {
                    return Err(CalendarError::Conflict { date: w.date, year_a: *ya, year_b: *yb });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn builtin_parses_and_covers_2019_to_2026() {
        let cal = Calendar::try_builtin().unwrap();
        assert_eq!(cal.covered_years(), (2019..=2026).collect::<Vec<_>>());
    }

    #[test]
    fn day_kinds_around_spring_festival_2024() {
        let cal = Calendar::builtin();
        assert_eq!(cal.day_kind(d("2024-02-04")).unwrap(), DayKind::AdjustedWorkday);
        assert_eq!(cal.day_kind(d("2024-02-09")).unwrap(), DayKind::Workday);
        assert_eq!(cal.day_kind(d("2024-02-10")).unwrap(), DayKind::Holiday);
        assert_eq!(cal.day_kind(d("2024-02-17")).unwrap(), DayKind::Holiday);
        assert_eq!(cal.day_kind(d("2024-02-18")).unwrap(), DayKind::AdjustedWorkday);
        assert_eq!(cal.day_kind(d("2024-02-24")).unwrap(), DayKind::Weekend);
        assert_eq!(cal.holiday_of(d("2024-02-12")).unwrap().name, "春节");
        assert_eq!(cal.adjusted_workday_of(d("2024-02-18")).unwrap().name, "春节");
    }

    #[test]
    fn uncovered_year_is_refused_or_assumed() {
        let mut cal = Calendar::builtin();
        let err = cal.add_working_days(d("2026-12-28"), 10).unwrap_err();
        assert!(matches!(err, CalendarError::NotCovered { year: 2027, .. }), "{err:?}");
        assert!(err.to_string().contains("日历未覆盖2027年"));
        assert!(cal.day_kind(d("2027-03-01")).is_err());
        cal.set_beyond_coverage(BeyondCoverage::AssumeWeekendsOnly);
        // 2026-12-28 Mon; +10 working days assuming plain weeks: 12-29..12-31 (3),
        // 2027-01-01 Fri (4), 01-04..01-08 (9), 01-11 (10).
        assert_eq!(cal.add_working_days(d("2026-12-28"), 10).unwrap(), d("2027-01-11"));
        assert!(!cal.span_is_covered(d("2026-12-28"), d("2027-01-11")));
    }

    #[test]
    fn merge_notice_adds_a_year_and_reports_it() {
        let mut cal = Calendar::builtin();
        let text = "[y2027]\nholidays = [[\"2027-01-01\", \"2027-01-03\", \"元旦\"]]\nworkdays = [\"2027-01-09\"]\n";
        let summary = cal.merge_notice(text).unwrap();
        assert_eq!(summary.years[0].year, 2027);
        assert!(!summary.years[0].replaced);
        assert_eq!(summary.to_string(), "2027年节假日安排已导入：假期1段共3天，调休上班日1天");
        assert!(cal.is_year_covered(2027));
        assert_eq!(cal.day_kind(d("2027-01-09")).unwrap(), DayKind::AdjustedWorkday);
        // Re-merging the same text changes nothing; a different one replaces.
        assert!(cal.merge_notice(text).unwrap().years[0].unchanged);
        let other = "[y2027]\nholidays = [[\"2027-01-01\", \"2027-01-01\"]]\n";
        assert!(cal.merge_notice(other).unwrap().years[0].replaced);
        assert_eq!(cal.day_kind(d("2027-01-09")).unwrap(), DayKind::Weekend);
    }

    #[test]
    fn failed_merge_leaves_calendar_untouched() {
        let mut cal = Calendar::builtin();
        // 2026-02-14 is a 调休 working day in y2026; y2027 may not call it a holiday.
        let bad = "[y2027]\nholidays = [[\"2026-12-31\", \"2027-01-01\"]]\n[y2026]\nholidays = [[\"2026-02-14\", \"2026-02-14\"]]\nworkdays = [\"2026-02-14\"]\n";
        assert!(cal.merge_notice(bad).is_err());
        assert!(!cal.is_year_covered(2027));
        let cross = "[y2027]\nholidays = [[\"2026-12-31\", \"2027-01-01\"]]\nworkdays = []\n";
        cal.merge_notice(cross).unwrap();
        let conflict = "[y2028]\nholidays = [[\"2028-01-01\", \"2028-01-01\"]]\nworkdays = [\"2027-12-31\"]\n";
        // 2027-12-31 is a Friday: refused as not a weekend day.
        assert!(cal.merge_notice(conflict).unwrap_err().to_string().contains("星期五"));
    }

    #[test]
    fn describe_span_names_holidays_and_adjusted_days() {
        let cal = Calendar::builtin();
        let span = cal.describe_span(d("2024-02-05"), d("2024-02-20"));
        assert_eq!(span.holidays.len(), 1);
        assert_eq!(span.holidays[0].start, d("2024-02-10"));
        assert_eq!(span.holidays[0].end, d("2024-02-17"));
        assert_eq!(span.holidays[0].name, "春节");
        assert_eq!(span.adjusted_workdays.len(), 1);
        assert_eq!(span.adjusted_workdays[0].date, d("2024-02-18"));
        assert_eq!(span.weekend_days, 0);
    }
}
