//! The result types of a check ([`ReportCheck`] and its parts), the options
//! ([`CheckOptions`]) and the hook for comparing figures with fazhi's own records
//! ([`RecordSource`]). Their serde shape is the stable JSON schema of `docs/report-check.md`.

use serde::Serialize;

/// Script of the report as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified characters (简体).
    Simplified,
    /// Traditional characters (繁體), including machine conversions with Taiwan wording.
    Traditional,
}

/// Which kind of unit published the report; decides the default deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A people's government: publish by 1 April (last day 31 March) of the following year.
    #[default]
    Government,
    /// A government department: reports upward by 1 March (last day end of February). The
    /// statutory publication deadline is 1 April for departments too; choose this kind to
    /// check the earlier, provincial reporting-upward rule.
    Department,
}

/// Where the figures of "our records" come from, for the `figure_mismatch` flag.
///
/// The platform implements this over its indicator store; the checker asks it for the
/// value of an indicator (ids in [`crate::indicators`]) for a unit (as written in the
/// report) and year, and flags a figure that disagrees.
pub trait RecordSource: Sync {
    /// The recorded value, or `None` when the unit is not ours or there is no record.
    fn value(&self, unit: &str, year: i32, indicator: &str) -> Option<f64>;
}

/// Options of a check. `Default` checks a government's report against 31 March.
#[derive(Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// Kind of unit; picks the default deadline.
    pub unit_kind: UnitKind,
    /// Overrides the last compliant (month, day) of publication in the year after the
    /// report year, e.g. `(3, 31)`; `(2, 29)` means the last day of February.
    pub deadline_month_day: Option<(u32, u32)>,
    /// Records to compare stated figures with; `None` skips the comparison.
    pub records: Option<&'a dyn RecordSource>,
}

impl std::fmt::Debug for CheckOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckOptions")
            .field("unit_kind", &self.unit_kind)
            .field("deadline_month_day", &self.deadline_month_day)
            .field("records", &self.records.is_some())
            .finish()
    }
}

impl CheckOptions<'_> {
    /// The last compliant publication date for a report on `year`: the explicit
    /// `deadline_month_day` (29 February falls back to 28 in common years), else the day
    /// before 1 April (government, 厅字〔2019〕28号 Art. 24) or before 1 March (department,
    /// the provincial rule for reporting upward, e.g. 四川 2023) of the following year.
    pub fn deadline_for(&self, year: i32) -> Option<chrono::NaiveDate> {
        use chrono::NaiveDate;
        let next = year.checked_add(1)?;
        match self.deadline_month_day {
            Some((m, d)) => {
                NaiveDate::from_ymd_opt(next, m, d).or_else(|| NaiveDate::from_ymd_opt(next, m, d.checked_sub(1)?))
            }
            None => {
                let by_month = match self.unit_kind {
                    UnitKind::Government => 4,
                    UnitKind::Department => 3,
                };
                NaiveDate::from_ymd_opt(next, by_month, 1).and_then(|d| d.pred_opt())
            }
        }
    }
}

/// Why an input could not be checked: a stable code and a one-line reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    /// Stable machine code: `empty`, `binary`, `undecodable`, `bad_docx`, `no_report`, `io`, `internal` (a checker bug, caught).
    pub code: &'static str,
    /// One line, in Chinese.
    pub message: String,
}

impl InputError {
    /// Builds an error from its code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

/// The reason for an I/O error, in Chinese (the operating system's own text is English).
pub fn io_reason_zh(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有访问权限",
        K::IsADirectory => "这是一个文件夹,不是文件",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘空间不足",
        K::ReadOnlyFilesystem => "磁盘为只读",
        K::FileTooLarge => "文件过大",
        K::InvalidData | K::InvalidInput => "内容无效",
        K::TimedOut => "读写超时",
        K::BrokenPipe => "输出已被关闭",
        _ => "读写出错",
    }
}

/// Where a header fact was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// `title`, `page_title`, `date_line`, `source_line`, `signature`, `first_sentence`,
    /// `heading`, `plan_heading`, `publish_date`.
    pub kind: &'static str,
    /// The line or sentence it was read from (cleaned text, at most 80 characters).
    pub text: String,
    /// Character offset in the cleaned report text, or `None` for page metadata that is not
    /// part of the report text (e.g. a `日期:` line).
    pub offset: Option<usize>,
}

impl Source {
    /// Where it was found, in Chinese (for people; JSON keeps `kind`).
    pub fn kind_zh(&self) -> &'static str {
        match self.kind {
            "title" => "标题",
            "page_title" => "网页标题",
            "page_meta" => "网页元数据",
            "date_line" => "日期行",
            "source_line" => "来源行",
            "signature" => "落款",
            "first_sentence" => "开头语句",
            "heading" => "小标题",
            "plan_heading" => "工作安排标题",
            "publish_date" => "发布日期",
            _ => "正文",
        }
    }
}

/// Provenance of the header facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    /// Where the unit was read.
    pub unit: Option<Source>,
    /// Where the report year was read.
    pub report_year: Option<Source>,
    /// Where the publication date was read.
    pub publish_date: Option<Source>,
    /// Where the parent region of the unit was read.
    pub unit_parent: Option<Source>,
}

/// The five parts required by 厅字〔2019〕28号 (LAW.md §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// 主要举措和成效.
    Measures,
    /// 存在的不足和原因.
    Shortcomings,
    /// 党政主要负责人履行推进法治建设第一责任人职责情况.
    FirstResponsible,
    /// 下一年度工作安排.
    NextYearPlan,
    /// 其他需要报告的事项.
    Other,
}

impl PartKind {
    /// All parts in statutory order.
    pub const ALL: [PartKind; 5] = [
        PartKind::Measures,
        PartKind::Shortcomings,
        PartKind::FirstResponsible,
        PartKind::NextYearPlan,
        PartKind::Other,
    ];

    /// JSON key of the part.
    pub fn key(self) -> &'static str {
        match self {
            PartKind::Measures => "measures",
            PartKind::Shortcomings => "shortcomings",
            PartKind::FirstResponsible => "first_responsible",
            PartKind::NextYearPlan => "next_year_plan",
            PartKind::Other => "other",
        }
    }

    /// Chinese name shown to users.
    pub fn name_zh(self) -> &'static str {
        match self {
            PartKind::Measures => "主要举措和成效",
            PartKind::Shortcomings => "存在的不足和原因",
            PartKind::FirstResponsible => "党政主要负责人履行第一责任人职责情况",
            PartKind::NextYearPlan => "下一年度工作安排",
            PartKind::Other => "其他需要报告的事项",
        }
    }
}

/// Whether a part is there, missing, or not seen because the text stops early.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartStatus {
    /// The part is there.
    Present,
    /// The text is complete (or a later part is there) and this part is not.
    Missing,
    /// Not seen, but the text stops before it could appear (truncated page), or the input
    /// could not be read.
    #[default]
    NotSeen,
}

/// The judgment on one part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartCheck {
    /// The part is there (under a heading, or starting at a sentence).
    pub present: bool,
    /// The heading (or the first sentence) where it starts, at most 80 characters.
    pub heading: Option<String>,
    /// Character offset of that heading in the cleaned text.
    pub offset: Option<usize>,
    /// Character offset where the part ends (exclusive).
    pub end: Option<usize>,
    /// Characters of body text (without headings and whitespace).
    pub chars: usize,
    /// Present but empty or token: one generic sentence at most.
    pub token: bool,
    /// How it was found: `heading`, `sentence` or `position`; `None` when absent.
    pub found_by: Option<&'static str>,
    /// `present`, `missing`, or `not_seen` (absent, but the text stops before it could
    /// appear).
    pub status: PartStatus,
}

/// The five part judgments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parts {
    /// 主要举措和成效.
    pub measures: PartCheck,
    /// 存在的不足和原因.
    pub shortcomings: PartCheck,
    /// 第一责任人职责情况.
    pub first_responsible: PartCheck,
    /// 下一年度安排.
    pub next_year_plan: PartCheck,
    /// 其他事项.
    pub other: PartCheck,
}

impl Parts {
    /// The judgment on one part.
    pub fn get(&self, kind: PartKind) -> &PartCheck {
        match kind {
            PartKind::Measures => &self.measures,
            PartKind::Shortcomings => &self.shortcomings,
            PartKind::FirstResponsible => &self.first_responsible,
            PartKind::NextYearPlan => &self.next_year_plan,
            PartKind::Other => &self.other,
        }
    }

    /// Mutable access to one part.
    pub fn get_mut(&mut self, kind: PartKind) -> &mut PartCheck {
        match kind {
            PartKind::Measures => &mut self.measures,
            PartKind::Shortcomings => &mut self.shortcomings,
            PartKind::FirstResponsible => &mut self.first_responsible,
            PartKind::NextYearPlan => &mut self.next_year_plan,
            PartKind::Other => &mut self.other,
        }
    }
}

/// One stated figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Exact text of the figure (number, approximation words and measure word).
    pub text: String,
    /// The number, with 万/亿 applied; a percentage is given in percent (18% → 18).
    pub value: f64,
    /// Measure word: 件, 次, 人次, 家, 万元, `%` …
    pub unit: String,
    /// What is counted: the noun phrase before the number (and after it, when the number
    /// comes first, as in 抽查3199户市场主体).
    pub subject: String,
    /// Approximation word (余, 多, 近, 约, 超过, 以上 …) or `None` when exact.
    pub approx: Option<String>,
    /// fazhi indicator id (see `indicators`), or `None`.
    pub indicator: Option<&'static str>,
    /// Character offset in the cleaned text.
    pub offset: usize,
}

/// A flag a supervisor would raise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// Stable code, see `flags`.
    pub code: &'static str,
    /// Message for the user, in Chinese.
    pub message: String,
}

/// Is the document an annual 法治政府建设 report at all?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// True for an annual report on rule-of-law government (法治政府建设年度报告).
    pub is_report: bool,
    /// The kind of document when it is not one (工作要点, 实施方案, 政府信息公开工作年度报告,
    /// 政策解读, 述法报告, 范文模板, 考核通报 …); `None` for a report.
    pub doc_type: Option<String>,
    /// Why, in Chinese, with the words that decided it.
    pub reason: Option<String>,
}

impl Default for Verdict {
    fn default() -> Self {
        Verdict { is_report: true, doc_type: None, reason: None }
    }
}

/// Does the text look complete, or does it stop early (a page cut off mid-way)?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// The text looks complete.
    pub complete: bool,
    /// The evidence: `signature` (closing unit/date lines), `closing_formula` (特此报告,
    /// 此件公开发布 …), `full_stop` (ends at the end of a sentence) when complete;
    /// `mid_sentence` (stops inside a sentence), `heading` (stops at a heading),
    /// `truncation_mark` (阅读全文, 未完 …) when cut off.
    pub evidence: &'static str,
}

impl Completeness {
    /// The evidence, in Chinese (for people; JSON keeps `evidence`).
    pub fn evidence_zh(&self) -> &'static str {
        match self.evidence {
            "signature" => "文末有落款(单位或日期)",
            "closing_formula" => "文末有结束语(如“特此报告”)",
            "full_stop" => "文末是完整的句子",
            "mid_sentence" => "正文停在句子中间",
            "heading" => "正文停在一个标题处",
            "truncation_mark" => "页面有“阅读全文”“未完”等截断标记",
            _ => "依据未知",
        }
    }
}

/// The result of checking one report. Serializes to the documented JSON object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportCheck {
    /// File name (or path) as given.
    pub file: String,
    /// Reporting unit (发布主体) as written (in Simplified script).
    pub unit: Option<String>,
    /// The region the unit belongs to, when the unit is named without it (我局, 教育厅,
    /// 县政府, a township) and the text shows it.
    pub unit_parent: Option<String>,
    /// The year reported on.
    pub report_year: Option<i32>,
    /// Publication date `YYYY-MM-DD` where the page shows it.
    pub publish_date: Option<String>,
    /// Script of the report as published; `None` only for unreadable input.
    pub script: Option<Script>,
    /// The five part judgments.
    pub parts: Parts,
    /// Every stated figure, in text order.
    pub figures: Vec<Figure>,
    /// Flags.
    pub flags: Vec<Flag>,
    /// Where the header facts were read.
    pub sources: Sources,
    /// Characters of cleaned report text.
    pub chars: usize,
    /// Why the input could not be checked; `None` when it was.
    pub error: Option<InputError>,
    /// Whether the document is an annual report at all.
    pub verdict: Verdict,
    /// Whether the text looks complete; `None` when the input could not be read.
    pub completeness: Option<Completeness>,
}

impl ReportCheck {
    /// The result for input that could not be read.
    pub fn failed(file: &str, error: InputError) -> Self {
        ReportCheck {
            file: file.to_string(),
            unit: None,
            unit_parent: None,
            report_year: None,
            publish_date: None,
            script: None,
            parts: Parts::default(),
            figures: Vec::new(),
            flags: vec![Flag { code: "unreadable", message: error.message.clone() }],
            sources: Sources::default(),
            chars: 0,
            error: Some(error),
            verdict: Verdict::default(),
            completeness: None,
        }
    }

    /// The first figure mapped to `indicator`, if any.
    pub fn figure(&self, indicator: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.indicator == Some(indicator))
    }

    /// Whether a flag with this code was raised.
    pub fn has_flag(&self, code: &str) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }
}
