//! Tables 3 and 4 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号; LAW.md
//! §2.5) as pure computations over case summaries, with the balance check printed on
//! the reports: row 一 + row 二 = row 三(七) + row 四, per column.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::disclosure::{ApplicantType, Disclosure, DisclosureOutcome};
use super::engine::Case;
use super::litigation::Litigation;
use super::reconsideration::{self, Reconsideration};

/// The number of columns of table 3: six applicant types and 总计.
pub const COLUMNS: usize = 7;

/// The column headings of table 3.
pub const COLUMN_LABELS: [&str; COLUMNS] =
    ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

/// One row of table 3: the six applicant columns and 总计.
pub type Row = [u64; COLUMNS];

/// What table 3 needs to know of a disclosure request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureSummary {
    /// The case reference, for error messages.
    pub reference: String,
    pub applicant: ApplicantType,
    pub received: NaiveDate,
    /// The outcome code and the date of the reply; `None` while open.
    pub reply: Option<(DisclosureOutcome, NaiveDate)>,
}

impl DisclosureSummary {
    /// The summary of a disclosure case; `None` for a case not yet received.
    pub fn of(reference: &str, case: &Case<Disclosure>) -> Option<DisclosureSummary> {
        let reply = match (case.outcome, case.common.closed_on) {
            (Some(o), Some(d)) => Some((o, d)),
            _ => None,
        };
        Some(DisclosureSummary {
            reference: reference.to_string(),
            applicant: case.data.applicant?,
            received: case.common.received_on?,
            reply,
        })
    }
}

/// Table 3 of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table3 {
    pub year: i32,
    /// 一、本年新收政府信息公开申请数量.
    pub new_requests: Row,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_in: Row,
    /// 三、本年度办理结果, one row per [`DisclosureOutcome`] in `DisclosureOutcome::ALL` order.
    pub results: Vec<Row>,
    /// 四、结转下年度继续办理.
    pub carried_out: Row,
}

/// Table 3 does not balance in a column.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error(
    "表三“{column}”列不平衡：本年新收{new}件 + 上年结转{carried_in}件 = {lhs}件，\
     而办理结果总计{total}件 + 结转下年度{carried_out}件 = {rhs}件"
)]
pub struct BalanceError {
    /// The column index (0 ..= 6).
    pub index: usize,
    /// The column heading.
    pub column: String,
    pub new: u64,
    pub carried_in: u64,
    pub lhs: u64,
    pub total: u64,
    pub carried_out: u64,
    pub rhs: u64,
}

/// Row 二 of a year differs from row 四 of the year before.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("表三“{column}”列：{year}年上年结转{carried_in}件，与{previous_year}年结转下年度{carried_out}件不一致")]
pub struct CarryOverError {
    pub index: usize,
    pub column: String,
    pub year: i32,
    pub previous_year: i32,
    pub carried_in: u64,
    pub carried_out: u64,
}

/// A summary that cannot be placed in the table.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("申请{reference}的答复日期{replied}早于收到日期{received}，无法统计，请核对")]
pub struct SummaryError {
    pub reference: String,
    pub received: NaiveDate,
    pub replied: NaiveDate,
}

fn add(row: &mut Row, applicant: ApplicantType) {
    row[applicant.column()] += 1;
    row[COLUMNS - 1] += 1;
}

impl Table3 {
    /// An empty table.
    pub fn empty(year: i32) -> Table3 {
        Table3 {
            year,
            new_requests: [0; COLUMNS],
            carried_in: [0; COLUMNS],
            results: vec![[0; COLUMNS]; DisclosureOutcome::ALL.len()],
            carried_out: [0; COLUMNS],
        }
    }

    /// Computes table 3 of `year` from the requests. A request counts as new if received
    /// in the year, carried in if received before and not replied before the year; it
    /// counts in its result row if replied in the year, and carried out if still open at
    /// the year's end (or replied only after it). Requests received after the year, or
    /// replied before it, do not appear.
    pub fn compute(year: i32, cases: &[DisclosureSummary]) -> Result<Table3, SummaryError> {
        let mut t = Table3::empty(year);
        for c in cases {
            if let Some((_, replied)) = c.reply {
                if replied < c.received {
                    return Err(SummaryError { reference: c.reference.clone(), received: c.received, replied });
                }
            }
            let received_year = c.received.year();
            if received_year > year {
                continue;
            }
            let replied_year = c.reply.map(|(_, d)| d.year());
            if matches!(replied_year, Some(y) if y < year) {
                continue;
            }
            if received_year == year {
                add(&mut t.new_requests, c.applicant);
            } else {
                add(&mut t.carried_in, c.applicant);
            }
            match c.reply {
                Some((outcome, d)) if d.year() == year => add(&mut t.results[outcome.index()], c.applicant),
                _ => add(&mut t.carried_out, c.applicant),
            }
        }
        Ok(t)
    }

    /// The row of one result.
    pub fn result(&self, outcome: DisclosureOutcome) -> Row {
        self.results.get(outcome.index()).copied().unwrap_or([0; COLUMNS])
    }

    /// （七）总计: the sum of the result rows.
    pub fn results_total(&self) -> Row {
        let mut total = [0; COLUMNS];
        for row in &self.results {
            for (t, v) in total.iter_mut().zip(row) {
                *t += v;
            }
        }
        total
    }

    /// The balance rule printed on the reports, per column: 一 + 二 = 三（七） + 四.
    /// Returns the first column that breaks it.
    pub fn check_balance(&self) -> Result<(), BalanceError> {
        let total = self.results_total();
        for i in 0..COLUMNS {
            let lhs = self.new_requests[i] + self.carried_in[i];
            let rhs = total[i] + self.carried_out[i];
            if lhs != rhs {
                return Err(BalanceError {
                    index: i,
                    column: COLUMN_LABELS[i].to_string(),
                    new: self.new_requests[i],
                    carried_in: self.carried_in[i],
                    lhs,
                    total: total[i],
                    carried_out: self.carried_out[i],
                    rhs,
                });
            }
        }
        Ok(())
    }

    /// Row 二 must equal row 四 of the previous year's table, per column. Returns the
    /// first column that differs.
    pub fn check_carry_over(&self, previous: &Table3) -> Result<(), CarryOverError> {
        for (i, label) in COLUMN_LABELS.iter().enumerate() {
            if self.carried_in[i] != previous.carried_out[i] {
                return Err(CarryOverError {
                    index: i,
                    column: label.to_string(),
                    year: self.year,
                    previous_year: previous.year,
                    carried_in: self.carried_in[i],
                    carried_out: previous.carried_out[i],
                });
            }
        }
        Ok(())
    }

    /// Every line of the table in print order, with its heading: 一, 二, the result
    /// rows, （七）总计, 四. Group headings without figures (三、（三）…) are not lines.
    pub fn lines(&self) -> Vec<(String, Row)> {
        let mut out = vec![
            ("一、本年新收政府信息公开申请数量".to_string(), self.new_requests),
            ("二、上年结转政府信息公开申请数量".to_string(), self.carried_in),
        ];
        for o in DisclosureOutcome::ALL {
            out.push((format!("三、{}", o.zh()), self.result(o)));
        }
        out.push(("三、（七）总计".to_string(), self.results_total()));
        out.push(("四、结转下年度继续办理".to_string(), self.carried_out));
        out
    }
}

/// The route of a review of a disclosure decision (the three groups of table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewRoute {
    /// 行政复议.
    Reconsideration,
    /// 行政诉讼 — 未经复议直接起诉.
    DirectSuit,
    /// 行政诉讼 — 复议后起诉.
    SuitAfterReconsideration,
}

impl ReviewRoute {
    /// The group heading.
    pub fn zh(self) -> &'static str {
        match self {
            ReviewRoute::Reconsideration => "行政复议",
            ReviewRoute::DirectSuit => "行政诉讼（未经复议直接起诉）",
            ReviewRoute::SuitAfterReconsideration => "行政诉讼（复议后起诉）",
        }
    }
}

/// The result columns of table 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table4Result {
    /// 结果维持.
    Upheld,
    /// 结果纠正.
    Corrected,
    /// 其他结果.
    Other,
    /// 尚未审结.
    Pending,
}

impl Table4Result {
    /// The column heading.
    pub fn zh(self) -> &'static str {
        match self {
            Table4Result::Upheld => "结果维持",
            Table4Result::Corrected => "结果纠正",
            Table4Result::Other => "其他结果",
            Table4Result::Pending => "尚未审结",
        }
    }
}

/// A reconsideration or litigation case about a disclosure decision of the unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub route: ReviewRoute,
    /// When the case was received (application or complaint copy).
    pub received: NaiveDate,
    /// When and how it was concluded; `None` while open. The result is `Upheld`,
    /// `Corrected` or `Other` (see `ReconsiderationOutcome::table4`, `LitigationOutcome::table4`).
    pub concluded: Option<(Table4Result, NaiveDate)>,
}

impl ReviewSummary {
    /// The summary of a reconsideration case; `None` for a case not yet received.
    pub fn of_reconsideration(case: &Case<Reconsideration>) -> Option<ReviewSummary> {
        let result = match case.outcome {
            Some(o) => Some(o.table4()),
            // 不予受理 has no outcome code: 其他结果.
            None if case.stage == reconsideration::Stage::Rejected => Some(Table4Result::Other),
            None => None,
        };
        Self::summary(ReviewRoute::Reconsideration, result, &case.common)
    }

    /// The summary of a suit; `None` for a case not yet received.
    pub fn of_litigation(case: &Case<Litigation>) -> Option<ReviewSummary> {
        let route = if case.data.after_reconsideration {
            ReviewRoute::SuitAfterReconsideration
        } else {
            ReviewRoute::DirectSuit
        };
        Self::summary(route, case.outcome.map(|o| o.table4()), &case.common)
    }

    fn summary(
        route: ReviewRoute,
        result: Option<Table4Result>,
        common: &super::engine::Common,
    ) -> Option<ReviewSummary> {
        let concluded = match (result, common.concluded()) {
            (Some(r), Some(d)) => Some((r, d)),
            _ => None,
        };
        Some(ReviewSummary { route, received: common.received_on?, concluded })
    }
}

/// One group of table 4: 维持, 纠正, 其他, 尚未审结, 总计.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table4Group {
    pub upheld: u64,
    pub corrected: u64,
    pub other: u64,
    pub pending: u64,
    pub total: u64,
}

impl Table4Group {
    fn add(&mut self, r: Table4Result) {
        match r {
            Table4Result::Upheld => self.upheld += 1,
            Table4Result::Corrected => self.corrected += 1,
            Table4Result::Other => self.other += 1,
            Table4Result::Pending => self.pending += 1,
        }
        self.total += 1;
    }

    /// The five cells in print order.
    pub fn cells(&self) -> [u64; 5] {
        [self.upheld, self.corrected, self.other, self.pending, self.total]
    }
}

/// Table 4 of one year (15 cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table4 {
    pub year: i32,
    pub reconsideration: Table4Group,
    pub direct_suit: Table4Group,
    pub suit_after_reconsideration: Table4Group,
}

impl Table4 {
    /// Computes table 4 of `year`: a case counts if received by the year's end and not
    /// concluded before the year; concluded in the year → its result; otherwise 尚未审结.
    pub fn compute(year: i32, cases: &[ReviewSummary]) -> Table4 {
        let mut t = Table4 {
            year,
            reconsideration: Table4Group::default(),
            direct_suit: Table4Group::default(),
            suit_after_reconsideration: Table4Group::default(),
        };
        for c in cases {
            if c.received.year() > year || matches!(c.concluded, Some((_, d)) if d.year() < year) {
                continue;
            }
            let result = match c.concluded {
                Some((r, d)) if d.year() == year && r != Table4Result::Pending => r,
                _ => Table4Result::Pending,
            };
            t.group_mut(c.route).add(result);
        }
        t
    }

    fn group_mut(&mut self, route: ReviewRoute) -> &mut Table4Group {
        match route {
            ReviewRoute::Reconsideration => &mut self.reconsideration,
            ReviewRoute::DirectSuit => &mut self.direct_suit,
            ReviewRoute::SuitAfterReconsideration => &mut self.suit_after_reconsideration,
        }
    }

    /// One group.
    pub fn group(&self, route: ReviewRoute) -> &Table4Group {
        match route {
            ReviewRoute::Reconsideration => &self.reconsideration,
            ReviewRoute::DirectSuit => &self.direct_suit,
            ReviewRoute::SuitAfterReconsideration => &self.suit_after_reconsideration,
        }
    }
}
