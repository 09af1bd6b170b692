//! 月统计/季分析: every indicator of a unit for a month, quarter or year,
//! with its change against the period before and against the same period a
//! year earlier (counts: absolute and %; rates: percentage points), twelve
//! months of the headline counts for charts, and the exports (.xlsx, CSV
//! with a BOM so that Excel reads the Chinese).
//!
//! The monthly sums of every period shown are read with one rollup query
//! and computed in memory; distinct-case tallies take one facts query per
//! period.

use fazhi_core::indicator::{self, Span};
use fazhi_core::procedure::catalogue::{IndicatorDef, Measure, Tally};
use fazhi_core::procedure::{IndicatorConfig, IndicatorValue, Period, Value};

use super::stored::{self, Place};
use crate::auth::Actor;
use crate::{App, AppError};

/// The change of a value between two periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// A count: the difference and, when the earlier count is not zero, in %.
    Count { delta: i64, percent: Option<f64> },
    /// A rate: the difference in percentage points, when both rates exist.
    Rate { points: Option<f64> },
}

impl Change {
    /// From `before` to `now`.
    pub fn between(now: &Value, before: &Value) -> Change {
        match (now, before) {
            (Value::Rate { .. }, _) | (_, Value::Rate { .. }) => Change::Rate {
                points: match (now.percent(), before.percent()) {
                    (Some(a), Some(b)) => Some(a - b),
                    _ => None,
                },
            },
            (Value::Count { count: a }, Value::Count { count: b }) => {
                let (a, b) = (i64::try_from(*a).unwrap_or(i64::MAX), i64::try_from(*b).unwrap_or(i64::MAX));
                Change::Count { delta: a - b, percent: (b != 0).then(|| (a - b) as f64 * 100.0 / b as f64) }
            }
        }
    }

    /// As printed: `+3(+12.5%)`, `-2(-50.0%)`, `+4(上期为0)`, `0`,
    /// `+2.5个百分点`, `—` (a rate without a base).
    pub fn zh(&self) -> String {
        match *self {
            Change::Count { delta: 0, .. } => "0".to_owned(),
            Change::Count { delta, percent: Some(p) } => format!("{delta:+}({p:+.1}%)"),
            Change::Count { delta, percent: None } => format!("{delta:+}(基期为0)"),
            Change::Rate { points: Some(p) } if p.abs() < 0.05 => "0个百分点".to_owned(),
            Change::Rate { points: Some(p) } => format!("{p:+.1}个百分点"),
            Change::Rate { points: None } => "—".to_owned(),
        }
    }
}

/// A value as printed: a count, or a rate with its parts.
pub fn figure(v: &Value) -> String {
    match *v {
        Value::Count { count } => count.to_string(),
        Value::Rate { numerator, denominator } => match v.percent() {
            Some(p) => format!("{p:.1}%({numerator}/{denominator})"),
            None => format!("—({numerator}/{denominator})"),
        },
    }
}

/// One indicator of the periodic page.
#[derive(Debug, Clone)]
pub struct PeriodicLine {
    pub id: &'static str,
    pub name: &'static str,
    pub definition: String,
    pub now: Value,
    pub previous: Value,
    pub year_before: Value,
    pub vs_previous: Change,
    pub vs_year_before: Change,
}

/// One group of lines.
#[derive(Debug, Clone)]
pub struct PeriodicGroup {
    pub id: &'static str,
    pub name: &'static str,
    pub lines: Vec<PeriodicLine>,
}

/// Twelve months of one count, for a bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub id: &'static str,
    pub title: String,
    /// (`YYYY-MM`, value), oldest first.
    pub months: Vec<(String, u64)>,
}

/// The 月统计/季分析 of a unit.
#[derive(Debug, Clone)]
pub struct PeriodicReport {
    pub unit_id: i64,
    pub unit_name: String,
    pub subtree: bool,
    pub span: Span,
    pub previous: Span,
    pub year_before: Span,
    pub config: IndicatorConfig,
    pub groups: Vec<PeriodicGroup>,
    pub charts: Vec<Series>,
}

/// The headline count of a group, charted over twelve months: its first
/// count that the rollup sums.
fn headline(defs: &[IndicatorDef]) -> Option<&IndicatorDef> {
    defs.iter().find(|d| matches!(d.measure, Measure::Count(Tally::Sum(_))))
}

impl App {
    /// Every indicator of the unit for `span`, the period before and the
    /// same period a year earlier, with the changes; twelve months of each
    /// group's headline count. One rollup query covers every month shown.
    pub async fn periodic_report(
        &self,
        actor: &Actor,
        unit_id: i64,
        subtree: bool,
        span: Span,
        config: IndicatorConfig,
    ) -> Result<PeriodicReport, AppError> {
        let (unit, within) = self.unit_within(actor, unit_id).await?;
        let place = Place::new(&within, &unit.path, subtree);
        let (previous, year_before) = (span.previous(), span.year_before());
        let twelve = span.twelve_months();
        let first = twelve.first().copied().unwrap_or((span.year(), 1));
        let from = [year_before.period().from, previous.period().from, indicator::first_day(first.0, first.1)]
            .into_iter()
            .min()
            .unwrap_or(span.period().from);
        let whole = Period { from, to: span.period().to };
        let registry = indicator::registry(&config);
        let sums = stored::monthly_sums(&self.store, &place.of(&whole), &super::catalogue::all_defs(&registry)).await?;
        let mut groups = Vec::with_capacity(registry.len());
        let mut charts = Vec::new();
        for g in registry {
            let at = async |s: Span| stored::values(&self.store, &place, &sums, &g.defs, &s.period()).await;
            let (now, prev, before) = (at(span).await?, at(previous).await?, at(year_before).await?);
            let lines = g
                .defs
                .iter()
                .zip(now.iter().zip(prev.iter().zip(&before)))
                .map(|(d, (n, (p, b))): (&IndicatorDef, (&IndicatorValue, (&IndicatorValue, &IndicatorValue)))| {
                    PeriodicLine {
                        id: d.id,
                        name: d.name,
                        definition: d.definition.clone(),
                        now: n.value,
                        previous: p.value,
                        year_before: b.value,
                        vs_previous: Change::between(&n.value, &p.value),
                        vs_year_before: Change::between(&n.value, &b.value),
                    }
                })
                .collect();
            if let Some(h) = headline(&g.defs) {
                let Measure::Count(Tally::Sum(counters)) = h.measure else { continue };
                let months = twelve
                    .iter()
                    .map(|&(y, m)| {
                        let p = Span::Month(y, m).period();
                        let n: i64 = counters.iter().map(|c| sums.total(c, &p)).sum();
                        (format!("{y}-{m:02}"), u64::try_from(n).unwrap_or(0))
                    })
                    .collect();
                charts.push(Series { id: h.id, title: format!("{}:{}", g.name, h.name), months });
            }
            groups.push(PeriodicGroup { id: g.id, name: g.name, lines });
        }
        Ok(PeriodicReport {
            unit_id,
            unit_name: unit.name,
            subtree,
            span,
            previous,
            year_before,
            config,
            groups,
            charts,
        })
    }
}

/// The header of the exports.
fn header(r: &PeriodicReport) -> Vec<String> {
    vec![
        "分组".into(),
        "指标".into(),
        "编号".into(),
        format!("本期({})", r.span.zh()),
        format!("上期({})", r.previous.zh()),
        "环比变化".into(),
        format!("上年同期({})", r.year_before.zh()),
        "同比变化".into(),
        "定义".into(),
    ]
}

/// The rows of the exports, header first.
pub fn rows(r: &PeriodicReport) -> Vec<Vec<String>> {
    let mut out = vec![header(r)];
    for g in &r.groups {
        for l in &g.lines {
            out.push(vec![
                g.name.to_owned(),
                l.name.to_owned(),
                l.id.to_owned(),
                figure(&l.now),
                figure(&l.previous),
                l.vs_previous.zh(),
                figure(&l.year_before),
                l.vs_year_before.zh(),
                l.definition.clone(),
            ]);
        }
    }
    out
}

/// The title line of the exports.
pub fn title(r: &PeriodicReport) -> String {
    format!("{}{}指标统计{}", r.unit_name, r.span.zh(), if r.subtree { "(含下级单位)" } else { "" })
}

/// CSV, UTF-8 with a byte-order mark (Excel then reads the Chinese), fields
/// quoted where needed, CRLF line ends.
pub fn csv(r: &PeriodicReport) -> Vec<u8> {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&field(&title(r)));
    out.push_str("\r\n");
    for row in rows(r) {
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The .xlsx: a title row, the header, one row per indicator (values as
/// printed, so a rate keeps its parts); the counts also as numbers in the
/// columns after the definition, for sums in Excel.
pub fn xlsx(r: &PeriodicReport) -> Result<Vec<u8>, AppError> {
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("指标统计").map_err(fail)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    ws.write_string_with_format(0, 0, title(r), &bold).map_err(fail)?;
    let mut head = header(r);
    head.extend(["本期数值".to_owned(), "上期数值".to_owned(), "上年同期数值".to_owned()]);
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(1, col(c), h, &bold).map_err(fail)?;
    }
    let lines = r.groups.iter().flat_map(|g| &g.lines);
    for (i, (cells, l)) in rows(r).into_iter().skip(1).zip(lines).enumerate() {
        let row = u32::try_from(i + 2).unwrap_or(u32::MAX);
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row, col(c), v).map_err(fail)?;
        }
        for (k, v) in [l.now, l.previous, l.year_before].iter().enumerate() {
            let n = match v {
                Value::Count { count } => Some(*count as f64),
                Value::Rate { .. } => v.percent(),
            };
            if let Some(n) = n {
                ws.write_number(row, col(cells.len() + k), n).map_err(fail)?;
            }
        }
    }
    ws.set_column_width(0, 24).map_err(fail)?;
    ws.set_column_width(1, 24).map_err(fail)?;
    ws.set_column_width(8, 60).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_absolute_and_relative_and_rates_in_points() {
        let c = |n| Value::Count { count: n };
        let r = |a, b| Value::Rate { numerator: a, denominator: b };
        assert_eq!(Change::between(&c(9), &c(8)).zh(), "+1(+12.5%)");
        assert_eq!(Change::between(&c(4), &c(8)).zh(), "-4(-50.0%)");
        assert_eq!(Change::between(&c(4), &c(0)).zh(), "+4(基期为0)");
        assert_eq!(Change::between(&c(0), &c(0)).zh(), "0");
        assert_eq!(Change::between(&r(1, 2), &r(1, 4)).zh(), "+25.0个百分点");
        assert_eq!(Change::between(&r(1, 4), &r(1, 2)).zh(), "-25.0个百分点");
        assert_eq!(Change::between(&r(1, 2), &r(0, 0)).zh(), "—");
        assert_eq!(figure(&r(1, 4)), "25.0%(1/4)");
        assert_eq!(figure(&r(0, 0)), "—(0/0)");
    }
}
