//! The injected clock. Code asks a [`Now`] for the current instant; it never
//! reads the system time itself, so tests can pin the date and deadlines are
//! reproducible.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::sync::Arc;

/// China Standard Time (UTC+8), the zone in which legal days are counted.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// A source of the current instant.
pub trait Now: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in China Standard Time.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&china_offset()).date_naive()
    }
}

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemNow;

impl Now for SystemNow {
    fn now(&self) -> DateTime<Utc> {
        #[allow(clippy::disallowed_methods)] // the single place that reads the wall clock
        Utc::now()
    }
}

/// A fixed instant, for tests and reproducible runs.
#[derive(Debug, Clone, Copy)]
pub struct FixedNow(pub DateTime<Utc>);

impl Now for FixedNow {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Shared handle to a clock.
pub type SharedNow = Arc<dyn Now>;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn today_is_counted_in_china_time() {
        // 2024-02-09 17:30 UTC is already 2024-02-10 01:30 in Beijing.
        let now = FixedNow(Utc.with_ymd_and_hms(2024, 2, 9, 17, 30, 0).single().unwrap_or_default());
        assert_eq!(now.today(), NaiveDate::from_ymd_opt(2024, 2, 10).unwrap_or_default());
    }
}

/// A date as official documents write it: `2026年12月1日` (no leading zeros).
pub fn date_zh(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_are_written_the_official_way() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert_eq!(super::date_zh(d), "2026年12月1日");
    }
}
