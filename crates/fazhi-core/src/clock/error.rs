//! Errors of the legal clock. Every message is Chinese and names the offending
//! input, because it is shown as is to the coordinator or the case handler.

use chrono::NaiveDate;
use thiserror::Error;

/// An error reading a holiday notice or doing arithmetic on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The text is not valid TOML.
    #[error("节假日安排不是有效的TOML格式：{message}")]
    Syntax { message: String },

    /// The text holds no `[yNNNN]` table.
    #[error("节假日安排中没有任何年份表（应有形如 [y2027] 的表）")]
    Empty,

    /// A top-level key is not of the form `y2027`.
    #[error("年份表名「{key}」无效：应为 y2027 这样的形式，且其值为表")]
    BadYearKey { key: String },

    /// The year is outside the range the calendar supports.
    #[error("年份{year}超出日历支持的范围（2000年至2099年）")]
    YearOutOfRange { year: i32 },

    /// An unknown key inside a year table.
    #[error("y{year}表中有未知的键「{key}」（只允许 holidays 和 workdays）")]
    UnknownKey { year: i32, key: String },

    /// An entry has the wrong shape.
    #[error("y{year}.{field} 中的「{input}」格式不对：{expected}")]
    BadEntry { year: i32, field: &'static str, input: String, expected: &'static str },

    /// A date string does not parse or is not a real date.
    #[error("y{year}表中的日期「{input}」无效：应为 YYYY-MM-DD 格式的实际日期")]
    BadDate { year: i32, input: String },

    /// A holiday range ends before it starts.
    #[error("y{year}表中的假期「{start}至{end}」起止颠倒：开始日期晚于结束日期")]
    RangeReversed { year: i32, start: NaiveDate, end: NaiveDate },

    /// A holiday range is implausibly long.
    #[error("y{year}表中的假期「{start}至{end}」长达{days}天，超过31天，请核对通知原文")]
    RangeTooLong { year: i32, start: NaiveDate, end: NaiveDate, days: i64 },

    /// A date lies too far from the year of its table.
    #[error("日期{date}不属于y{year}表：只允许{year}年内及相邻的{prev}年12月、{next}年1月的日期")]
    DateOutsideYear { year: i32, date: NaiveDate, prev: i32, next: i32 },

    /// A 调休 working day that is not a Saturday or Sunday.
    #[error("y{year}表中的调休上班日{date}是{weekday}，不是周六或周日")]
    WorkdayNotWeekend { year: i32, date: NaiveDate, weekday: &'static str },

    /// The same date is both a holiday and a 调休 working day.
    #[error("日期{date}同时是假期和调休上班日（y{year_a}与y{year_b}），互相矛盾")]
    Conflict { date: NaiveDate, year_a: i32, year_b: i32 },

    /// Two holiday ranges of one table overlap, or a working day is listed twice.
    #[error("y{year}表中「{first}」与「{second}」重复或重叠")]
    Overlap { year: i32, first: String, second: String },

    /// A year table without any holiday.
    #[error("y{year}表没有任何假期（holidays 为空），不像是一份放假安排通知")]
    NoHolidays { year: i32 },

    /// Working-day arithmetic reached a year whose notice is not loaded.
    #[error(
        "日历未覆盖{year}年（涉及日期{date}）：尚未导入国务院办公厅{year}年部分节假日安排的通知，\
         无法准确计算工作日和顺延。请先导入该年通知（fazhi calendar import）"
    )]
    NotCovered { year: i32, date: NaiveDate },

    /// The date is outside the span the calendar can count at all.
    #[error("日期{date}超出日历可计算的范围（2000-01-01至2099-12-31）")]
    OutOfRange { date: NaiveDate },
}

/// An error computing deadlines from procedure events or rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClockError {
    /// Calendar arithmetic failed (e.g. the year is not covered).
    #[error(transparent)]
    Calendar(#[from] CalendarError),

    /// The events are inconsistent or incomplete; the message says how.
    #[error("{0}")]
    Input(String),

    /// An extension is beyond the statutory cap.
    #[error("{label}最多延长{cap}{unit}，已批准的延长合计{requested}{unit}，超过上限（{article}）")]
    ExtensionOverCap { label: String, cap: u32, requested: u32, unit: &'static str, article: String },

    /// An extension without the required approval.
    #[error("{label}的延长须经{approver}批准（{article}）：请注明批准人")]
    ExtensionNotApproved { label: String, approver: String, article: String },

    /// Rule overrides could not be read.
    #[error("期限规则配置有误：{0}")]
    Rules(String),
}

impl ClockError {
    pub(crate) fn input(msg: impl Into<String>) -> Self {
        ClockError::Input(msg.into())
    }
}
