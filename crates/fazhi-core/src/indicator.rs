//! The indicator registry (docs/indicators.md): every indicator of every
//! procedure kind (`Kind::catalogue` over [`KINDS`], with the \[U\] variants
//! chosen by an [`IndicatorConfig`]) and of activities
//! ([`crate::activity::catalogue`]), grouped under a Chinese name, each group
//! saying where the records behind its values live.
//!
//! The registry is the one list the indicators page, the 月统计/季分析 page,
//! the API and the annual report read; [`version`] is a hash of every
//! definition's counters under every variant, stored by the projection so
//! that a database whose facts were written by other definitions is rebuilt.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::activity::{self, ActivityKind};
use crate::procedure::catalogue::IndicatorDef;
use crate::procedure::indicators::{IndicatorConfig, Period};
use crate::procedure::{
    AppearanceDefinition, AppearanceUnit, CorrectionBase, CorrectionScope, LossBase, LossDefinition,
    SubstantiveDefinition, KINDS,
};

/// Where the records behind an indicator's value live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// Cases of the kind (machine name), through the stored facts.
    Cases { kind: &'static str },
    /// Activities (the activities page lists them, by kind).
    Activities,
}

/// The prefix of every activity counter and indicator id.
pub const ACTIVITY_PREFIX: &str = "activity.";

/// One group of the registry: a kind's indicators, or the activities'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The kind's machine name, or `activity`.
    pub id: &'static str,
    /// The Chinese heading.
    pub name: &'static str,
    pub records: Records,
    pub defs: Vec<IndicatorDef>,
}

/// The Chinese heading of a kind's group.
fn heading(kind: &'static str, zh: &'static str) -> &'static str {
    match kind {
        "reconsideration" => "行政复议(本机关办理的复议案件)",
        "litigation" => "行政应诉(本机关为被告的诉讼案件)",
        _ => zh,
    }
}

/// Every indicator, grouped: the kinds in the order of [`KINDS`] (those
/// with a catalogue), then activities.
pub fn registry(config: &IndicatorConfig) -> Vec<Group> {
    let mut out: Vec<Group> = KINDS
        .iter()
        .filter_map(|k| {
            let defs = k.catalogue(config);
            (!defs.is_empty()).then(|| Group {
                id: k.id(),
                name: heading(k.id(), k.zh()),
                records: Records::Cases { kind: k.id() },
                defs,
            })
        })
        .collect();
    out.push(Group {
        id: "activity",
        name: "学法、培训、考试、普法等活动",
        records: Records::Activities,
        defs: activity::catalogue(),
    });
    out
}

/// The definition of `id` under `config`, with its group.
pub fn find(config: &IndicatorConfig, id: &str) -> Option<(Group, IndicatorDef)> {
    registry(config).into_iter().find_map(|g| {
        let def = g.defs.iter().find(|d| d.id == id).cloned();
        def.map(|d| (g, d))
    })
}

/// The Chinese name of a counter of any kind or of activities
/// (`reconsideration.received` → 收到复议申请), declared beside the
/// counters ([`crate::procedure::Procedure::counter_name`]); `None` for an
/// unknown code.
pub fn counter_name(counter: &str) -> Option<&'static str> {
    if counter.starts_with(ACTIVITY_PREFIX) {
        return activity::counter_name(counter);
    }
    let kind = counter.split('.').next()?;
    KINDS.iter().find(|k| k.id() == kind)?.counter_name(counter)
}

/// The activity kind an activity indicator counts (`activity.training.people`
/// → training), from the stable code in its id.
pub fn activity_kind(id: &str) -> Option<ActivityKind> {
    let code = id.strip_prefix(ACTIVITY_PREFIX)?.split('.').next()?;
    ActivityKind::ALL.iter().copied().find(|k| k.code() == code)
}

/// Raised by hand when a kind's facts change meaning without a counter
/// changing name (a counter dated by another event, say): the projection is
/// then rebuilt like after a change of definitions.
pub const FACTS_REVISION: u32 = 1;

/// Every combination of the \[U\] variants.
pub fn variant_configs() -> Vec<IndicatorConfig> {
    let mut out = Vec::new();
    for correction_scope in [CorrectionScope::Narrow, CorrectionScope::Standard, CorrectionScope::Comprehensive] {
        for correction_base in [CorrectionBase::Concluded, CorrectionBase::DecidedOnMerits] {
            for substantive in [
                SubstantiveDefinition::MediationSettlementCorrection,
                SubstantiveDefinition::MediationSettlementWithdrawal,
            ] {
                for unit in [AppearanceUnit::PerCase, AppearanceUnit::PerHearing] {
                    for all_instances in [true, false] {
                        for base in [LossBase::AllConcluded, LossBase::ExcludingWithdrawals, LossBase::JudgmentsOnly] {
                            for compensation_is_loss in [false, true] {
                                out.push(IndicatorConfig {
                                    correction_scope,
                                    correction_base,
                                    substantive,
                                    appearance: AppearanceDefinition { unit, all_instances },
                                    loss: LossDefinition { compensation_is_loss, base },
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The catalogue version: FNV-1a (64 bits, stable across builds) over
/// [`FACTS_REVISION`] and every kind's indicator ids with their counters
/// under every variant (activities included). Stored in `settings` by the
/// projection; a different stored value means the facts must be rebuilt.
pub fn version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |s: &str| {
            for b in s.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        eat(&FACTS_REVISION.to_string());
        for config in variant_configs() {
            for g in registry(&config) {
                eat(g.id);
                for d in &g.defs {
                    eat(d.id);
                    for c in d.counters() {
                        eat(c);
                    }
                }
            }
        }
        format!("{h:016x}")
    });
    &VERSION
}

/// A period an indicator is read for: a year, a quarter or a month (whole
/// months, as the rollup keeps them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    Year(i32),
    /// Year and quarter 1–4.
    Quarter(i32, u32),
    /// Year and month 1–12.
    Month(i32, u32),
}

const QUARTER_ZH: [&str; 4] = ["第一季度", "第二季度", "第三季度", "第四季度"];

impl Span {
    /// Reads `2025`, `2025-Q1` (or `2025Q1`, `2025-q1`) or `2025-03`; the
    /// error, in Chinese, quotes the input.
    pub fn parse(raw: &str) -> Result<Span, String> {
        let t = raw.trim();
        let shown = crate::input::quote_for_message(t, 20);
        let bad = || format!("期间“{shown}”无法识别:请填写年度(如2025)、季度(如2025-Q1)或月份(如2025-03)");
        let year = |y: &str| -> Result<i32, String> {
            match y.parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => Ok(y),
                Ok(_) => Err(format!("期间“{shown}”的年度应在2000至2100之间")),
                Err(_) => Err(bad()),
            }
        };
        if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            return Ok(Span::Year(year(t)?));
        }
        let upper = t.to_ascii_uppercase();
        if let Some((y, q)) = upper.split_once("-Q").or_else(|| upper.split_once('Q')) {
            if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
                return match q.parse::<u32>() {
                    Ok(n @ 1..=4) if q.len() == 1 => Ok(Span::Quarter(year(y)?, n)),
                    _ => Err(format!("期间“{shown}”的季度应为Q1至Q4")),
                };
            }
            return Err(bad());
        }
        if let Some((y, m)) = t.split_once('-') {
            if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) && (1..=2).contains(&m.len()) {
                return match m.parse::<u32>() {
                    Ok(n @ 1..=12) => Ok(Span::Month(year(y)?, n)),
                    _ => Err(format!("期间“{shown}”的月份应为01至12")),
                };
            }
        }
        Err(bad())
    }

    /// The year it belongs to.
    pub fn year(self) -> i32 {
        match self {
            Span::Year(y) | Span::Quarter(y, _) | Span::Month(y, _) => y,
        }
    }

    /// Its first and last month, `(year, month)`.
    fn months_bounds(self) -> ((i32, u32), (i32, u32)) {
        match self {
            Span::Year(y) => ((y, 1), (y, 12)),
            Span::Quarter(y, q) => ((y, 3 * q - 2), (y, 3 * q)),
            Span::Month(y, m) => ((y, m), (y, m)),
        }
    }

    /// The dates it covers.
    pub fn period(self) -> Period {
        let ((fy, fm), (ty, tm)) = self.months_bounds();
        Period { from: first_day(fy, fm), to: last_day(ty, tm) }
    }

    /// The months it covers, `(year, month)`, in order.
    pub fn months(self) -> Vec<(i32, u32)> {
        let ((y, fm), (_, tm)) = self.months_bounds();
        (fm..=tm).map(|m| (y, m)).collect()
    }

    /// The period before it, of the same length (2025-Q1 → 2024-Q4).
    pub fn previous(self) -> Span {
        match self {
            Span::Year(y) => Span::Year(y - 1),
            Span::Quarter(y, 1) => Span::Quarter(y - 1, 4),
            Span::Quarter(y, q) => Span::Quarter(y, q - 1),
            Span::Month(y, 1) => Span::Month(y - 1, 12),
            Span::Month(y, m) => Span::Month(y, m - 1),
        }
    }

    /// The same period a year earlier.
    pub fn year_before(self) -> Span {
        match self {
            Span::Year(y) => Span::Year(y - 1),
            Span::Quarter(y, q) => Span::Quarter(y - 1, q),
            Span::Month(y, m) => Span::Month(y - 1, m),
        }
    }

    /// The machine form, as [`Span::parse`] reads it: `2025`, `2025-Q1`, `2025-03`.
    pub fn code(self) -> String {
        match self {
            Span::Year(y) => y.to_string(),
            Span::Quarter(y, q) => format!("{y}-Q{q}"),
            Span::Month(y, m) => format!("{y}-{m:02}"),
        }
    }

    /// In Chinese: 2025年, 2025年第一季度, 2025年3月.
    pub fn zh(self) -> String {
        match self {
            Span::Year(y) => format!("{y}年"),
            Span::Quarter(y, q) => format!("{y}年{}", QUARTER_ZH[(q as usize).clamp(1, 4) - 1]),
            Span::Month(y, m) => format!("{y}年{m}月"),
        }
    }

    /// The twelve months ending with this period's last month (for charts).
    pub fn twelve_months(self) -> Vec<(i32, u32)> {
        let (_, (y, m)) = self.months_bounds();
        let end = y * 12 + m as i32 - 1;
        (end - 11..=end).map(|i| (i.div_euclid(12), (i.rem_euclid(12) + 1) as u32)).collect()
    }

    /// The span of a month.
    pub fn of_month((y, m): (i32, u32)) -> Span {
        Span::Month(y, m)
    }
}

/// The first day of a month.
pub fn first_day(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day of a month.
pub fn last_day(y: i32, m: u32) -> NaiveDate {
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
}

/// The month of a date, `(year, month)`.
pub fn month_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_counter_an_indicator_reads_has_a_chinese_name() {
        let mut named = 0;
        for config in variant_configs() {
            for g in registry(&config) {
                for c in g.defs.iter().flat_map(IndicatorDef::counters) {
                    let name = counter_name(c).unwrap_or_else(|| panic!("{c} has no Chinese name"));
                    assert!(!name.is_empty() && !name.is_ascii(), "{c}: {name}");
                    named += 1;
                }
            }
        }
        assert!(named > 100, "{named}");
        assert_eq!(counter_name("reconsideration.received"), Some("收到复议申请"));
        assert_eq!(counter_name("mediation.ended.form.people"), Some("受理后调解结束(人民调解)"));
        assert_eq!(counter_name("activity.training.people"), Some("法治培训参加人数"));
        assert_eq!(counter_name("reconsideration.nothing"), None);
        assert_eq!(counter_name("nothing.received"), None);
    }

    #[test]
    fn every_indicator_is_listed_once_with_its_records() {
        let groups = registry(&IndicatorConfig::default());
        let ids: Vec<&str> = groups.iter().flat_map(|g| g.defs.iter().map(|d| d.id)).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "ids are unique");
        for kind in ["reconsideration", "litigation", "mediation", "proposal", "petition"] {
            let g = groups.iter().find(|g| g.id == kind).unwrap_or_else(|| panic!("{kind}"));
            assert_eq!(g.records, Records::Cases { kind });
            assert!(g.defs.iter().all(|d| d.id.starts_with(&format!("{kind}."))), "{kind}");
            assert!(g.defs.iter().flat_map(|d| d.counters()).all(|c| c.starts_with(&format!("{kind}."))), "{kind}");
        }
        let acts = groups.last().map(|g| (g.id, g.records));
        assert_eq!(acts, Some(("activity", Records::Activities)));
        for d in &groups[groups.len() - 1].defs {
            assert!(activity_kind(d.id).is_some(), "{}", d.id);
            assert!(d.counters().iter().all(|c| c.starts_with(ACTIVITY_PREFIX)), "{}", d.id);
        }
        assert_eq!(activity_kind("activity.training.people"), Some(ActivityKind::Training));
        assert_eq!(activity_kind("activity.nothing.people"), None);
        assert!(find(&IndicatorConfig::default(), "petition.satisfaction_rate").is_some());
        assert!(find(&IndicatorConfig::default(), "petition.nothing").is_none());
    }

    #[test]
    fn the_version_is_stable_and_covers_the_variants() {
        assert_eq!(version(), version());
        assert_eq!(version().len(), 16);
        assert_eq!(variant_configs().len(), 3 * 2 * 2 * 2 * 2 * 3 * 2);
        // The variants read different counters: the version depends on them.
        let narrow = IndicatorConfig { correction_scope: CorrectionScope::Narrow, ..IndicatorConfig::default() };
        let counters = |c: &IndicatorConfig| -> Vec<&str> {
            registry(c).iter().flat_map(|g| g.defs.iter().flat_map(|d| d.counters())).collect()
        };
        assert_ne!(counters(&narrow), counters(&IndicatorConfig::default()));
    }

    #[test]
    fn periods_are_read_as_typed_and_step_back() {
        assert_eq!(Span::parse("2025"), Ok(Span::Year(2025)));
        assert_eq!(Span::parse(" 2025-q1 "), Ok(Span::Quarter(2025, 1)));
        assert_eq!(Span::parse("2025Q4"), Ok(Span::Quarter(2025, 4)));
        assert_eq!(Span::parse("2025-03"), Ok(Span::Month(2025, 3)));
        assert_eq!(Span::parse("2025-3"), Ok(Span::Month(2025, 3)));
        for bad in ["2025-13", "2025-Q5", "25", "2025-", "今年", "1999", "2025-03-01"] {
            let e = Span::parse(bad).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        let q1 = Span::Quarter(2025, 1);
        assert_eq!(q1.previous(), Span::Quarter(2024, 4));
        assert_eq!(q1.year_before(), Span::Quarter(2024, 1));
        assert_eq!(Span::Month(2025, 1).previous(), Span::Month(2024, 12));
        assert_eq!(q1.period().to, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default());
        assert_eq!(Span::Month(2024, 2).period().to, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default());
        assert_eq!(q1.zh(), "2025年第一季度");
        assert_eq!(q1.code(), "2025-Q1");
        let twelve = Span::Month(2025, 3).twelve_months();
        assert_eq!((twelve[0], twelve[11], twelve.len()), ((2024, 4), (2025, 3), 12));
        assert_eq!(Span::Year(2025).twelve_months()[0], (2025, 1));
    }
}
