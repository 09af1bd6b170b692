//! The annual reports as procedure kinds: the 法治政府建设年度报告
//! ([`RuleOfLawReport`], LAW.md §1) and the 政府信息公开工作年度报告
//! ([`GoiReport`], LAW.md §2.5), one mechanism ([`Report`]) with two
//! definitions ([`Flavor`]): their parts ([`parts`]), their review steps
//! (the transition tables, each row with its source) and their clock
//! ([`clock`]: the publication deadline on a fixed day of the next year).
//!
//! A report is a case: the unit opens it for a year (the clock starts at the
//! year's end), writes its parts (each save a step in the history), receives
//! the figures the platform generates from its records, and, as a
//! coordinating government, compiles the contributions of its units. Then:
//!
//! - 法治政府建设: 起草 → 审核 → 政府常务会议审议 → 党委常委会审议 → 公开; a
//!   department goes from 审核 to its 党组(党委)会议 and reports upward
//!   (报送上级) before publishing. The meeting reviews follow the provincial
//!   guides (LAW.md §1.2 names the reporting lines, not the meetings: \[U\]).
//! - 政府信息公开: 起草 → 审核 → 审定 → 公开. 条例 Art. 4 makes the disclosure
//!   office compile the report and Art. 49 sets the deadlines; no meeting
//!   review is required by the 条例, so none is modelled.
//!
//! Publication ([`Action::Publish`]) is refused while a required part is
//! missing, while the part on shortcomings is empty, before the review
//! steps (the table), and while the report checker's flags (passed in by
//! the use case) are not all covered by a reviewer's override with a reason
//! ([`Action::Override`]). A published report is never edited: a revision is
//! a new case of the same kind linked to it (`revises`).

pub mod clock;
pub mod parts;

use std::collections::BTreeMap;
use std::marker::PhantomData;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::{EventKind, ProcedureEvent, ProcedureKind};

use super::engine::{invalid, t, Case, Procedure, Records, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::Field;
use super::kind::{CaseRecord, Fact};
pub use parts::{GoiTable, PartDef, GOI_PARTS, OUTLINE_AREAS, RULE_OF_LAW_PARTS};

/// The longest text of one part or sub-heading (characters).
pub const MAX_BODY: usize = 20_000;
/// The longest sub-heading.
pub const MAX_HEADING: usize = 60;

/// What distinguishes one annual report from the other: names, parts,
/// review steps, clock.
pub trait Flavor: Send + Sync + 'static {
    const ID: &'static str;
    const ZH: &'static str;
    const PREFIX: &'static str;
    const CLOCK: ProcedureKind;
    const REGISTER: &'static str;
    /// The parts, in order.
    const PARTS: &'static [PartDef];
    /// The review steps, each with its source.
    const TRANSITIONS: &'static [Transition<Stage, Verb>];
    /// The title of a unit's report on a year: `某区人民政府2025年度法治政府建设情况报告`.
    fn title(unit: &str, year: i32) -> String;
}

/// 法治政府建设年度报告.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleOfLaw;
/// 政府信息公开工作年度报告.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Goi;

/// An annual report of flavour `F`.
pub struct Report<F>(PhantomData<fn() -> F>);

/// 法治政府建设年度报告.
pub type RuleOfLawReport = Report<RuleOfLaw>;
/// 政府信息公开工作年度报告.
pub type GoiReport = Report<Goi>;

/// The stages of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 起草中 (units write, the coordinator compiles).
    Drafting,
    /// 审核中.
    Review,
    /// 待政府常务会议审议.
    GovernmentMeeting,
    /// 待党委常委会(部门:党组会议)审议.
    PartyMeeting,
    /// 审定待公开.
    Approved,
    /// 已公开 (terminal).
    Published,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Drafting,
        Stage::Review,
        Stage::GovernmentMeeting,
        Stage::PartyMeeting,
        Stage::Approved,
        Stage::Published,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未起草",
            Stage::Drafting => "起草中",
            Stage::Review => "审核中",
            Stage::GovernmentMeeting => "待政府常务会议审议",
            Stage::PartyMeeting => "待党委常委会(党组会议)审议",
            Stage::Approved => "审定待公开",
            Stage::Published => "已公开",
        }
    }
    fn is_terminal(self) -> bool {
        self == Stage::Published
    }
}

/// A figure generated from the records, with the address of its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureLine {
    /// The part it belongs to.
    pub part: String,
    /// Its sub-heading in the part (empty: the part's own text).
    #[serde(default)]
    pub heading: String,
    /// The indicator id (`reconsideration.received`), shared with the checker.
    pub indicator: String,
    /// The generated sentence (全年收到行政复议申请12件).
    pub text: String,
    /// The list of records behind it.
    pub records: String,
    /// The value stated (a count, or a percentage for a rate).
    pub value: f64,
    /// Figures of one sentence share its number (printed as one paragraph).
    #[serde(default)]
    pub sentence: u32,
}

/// A text written into a part: the part's own text (`heading` empty) or a
/// sub-heading's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartText {
    pub part: String,
    #[serde(default)]
    pub heading: String,
    pub body: String,
}

/// A unit's report compiled into this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    /// Its case number.
    pub number: String,
    pub unit: String,
}

/// A review step as recorded (who: the history's actor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The verb's code (`approve`, `government_meeting`, `return_for_revision` …).
    pub step: String,
    pub on: NaiveDate,
    #[serde(default)]
    pub meeting: String,
    #[serde(default)]
    pub opinion: String,
}

/// A reviewer's decision to publish despite the checker's flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideRecord {
    pub on: NaiveDate,
    pub reason: String,
    /// The flags overridden (their messages).
    pub flags: Vec<String>,
}

/// One step on a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// Opens the report of a year (the clock starts at the year's end).
    Open {
        year: i32,
        #[serde(default)]
        department: bool,
        /// The number of the published report this one revises.
        #[serde(default)]
        revises: String,
    },
    /// Writes a part's text or a sub-heading's; an empty body removes a sub-heading.
    Write {
        part: String,
        #[serde(default)]
        heading: String,
        body: String,
    },
    /// The figures generated from the records (replacing the previous ones).
    Figures { figures: Vec<FigureLine> },
    /// The coordinator compiles the units' reports into this one.
    Compile { contributions: Vec<Contribution>, texts: Vec<PartText> },
    /// GOI table 2 values entered by hand (no register holds them yet).
    EnterTable2 { values: BTreeMap<String, u64> },
    /// 提交审核.
    Submit,
    /// 审核通过.
    Approve {
        #[serde(default)]
        opinion: String,
    },
    /// 政府常务会议审议通过.
    GovernmentMeeting {
        meeting: String,
        #[serde(default)]
        opinion: String,
    },
    /// 党委常委会(部门:党组会议)审议通过.
    PartyMeeting {
        meeting: String,
        #[serde(default)]
        opinion: String,
    },
    /// 退回修改.
    ReturnForRevision { reason: String },
    /// A department reports upward (报送上级).
    SubmitUpward { to: String },
    /// A reviewer publishes despite the checker's flags, with a reason.
    Override { reason: String, flags: Vec<String> },
    /// 向社会公开; `flags`: what the report checker flags now.
    Publish {
        #[serde(default)]
        flags: Vec<String>,
    },
}

/// How a report concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Published,
}

/// What only a report keeps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    /// The year reported on.
    pub year: i32,
    /// The reporting unit is a department (its own deadlines).
    pub department: bool,
    /// The published report this one revises.
    pub revises: Option<String>,
    pub texts: Vec<PartText>,
    pub figures: Vec<FigureLine>,
    pub contributions: Vec<Contribution>,
    /// GOI table 2, entered by hand: `rules.made`, `licensing`, `fees_fen` …
    pub table2: BTreeMap<String, u64>,
    pub reviews: Vec<ReviewRecord>,
    pub overrides: Vec<OverrideRecord>,
    pub submitted_upward: Option<(NaiveDate, String)>,
    pub published_on: Option<NaiveDate>,
}

impl Data {
    /// The text of a part (`heading` empty) or of one of its sub-headings.
    pub fn text(&self, part: &str, heading: &str) -> &str {
        self.texts.iter().find(|t| t.part == part && t.heading == heading).map(|t| t.body.as_str()).unwrap_or("")
    }

    /// The sub-headings written in a part, in the order written.
    pub fn headings(&self, part: &str) -> Vec<&str> {
        self.texts.iter().filter(|t| t.part == part && !t.heading.is_empty()).map(|t| t.heading.as_str()).collect()
    }

    /// The figures of a part's text or sub-heading.
    pub fn figures_of<'a>(&'a self, part: &'a str, heading: &'a str) -> impl Iterator<Item = &'a FigureLine> + 'a {
        self.figures.iter().filter(move |f| f.part == part && f.heading == heading)
    }

    /// Characters of narrative written in a part (with its sub-headings).
    pub fn narrative_chars(&self, part: &str) -> usize {
        self.texts.iter().filter(|t| t.part == part).map(|t| t.body.trim().chars().count()).sum()
    }

    /// Sets a text (an empty body removes a sub-heading).
    pub fn set_text(&mut self, part: &str, heading: &str, body: &str) {
        let body = body.trim();
        match self.texts.iter().position(|t| t.part == part && t.heading == heading) {
            Some(i) if body.is_empty() && !heading.is_empty() => {
                self.texts.remove(i);
            }
            Some(i) => body.clone_into(&mut self.texts[i].body),
            None if body.is_empty() => {}
            None => {
                self.texts.push(PartText { part: part.to_owned(), heading: heading.to_owned(), body: body.to_owned() })
            }
        }
    }
}

use Stage as S;
use Verb as V;

const DUCHA: &str = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告制度";
const DUCHA_24: &str = "《法治政府建设与责任落实督察工作规定》第二十四条";
const REVIEW_GUIDE: &str = "《法治政府建设与责任落实督察工作规定》年度报告制度；审议程序依省级工作指引〔U〕";
const GIO_4: &str = "《政府信息公开条例》第四条";
const GIO_49: &str = "《政府信息公开条例》第四十九条";
const GIO_50: &str = "《政府信息公开条例》第五十条";

const RULE_OF_LAW_TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::Open, To(S::Drafting), DUCHA),
    t(S::Drafting, V::Write, Stay, DUCHA),
    t(S::Drafting, V::Figures, Stay, DUCHA),
    t(S::Drafting, V::Compile, Stay, DUCHA),
    t(S::Drafting, V::Submit, To(S::Review), REVIEW_GUIDE),
    t(S::Review, V::Approve, ByStep, REVIEW_GUIDE),
    t(S::GovernmentMeeting, V::GovernmentMeeting, To(S::PartyMeeting), REVIEW_GUIDE),
    t(S::PartyMeeting, V::PartyMeeting, To(S::Approved), REVIEW_GUIDE),
    t(S::Review, V::ReturnForRevision, To(S::Drafting), REVIEW_GUIDE),
    t(S::GovernmentMeeting, V::ReturnForRevision, To(S::Drafting), REVIEW_GUIDE),
    t(S::PartyMeeting, V::ReturnForRevision, To(S::Drafting), REVIEW_GUIDE),
    t(S::Approved, V::ReturnForRevision, To(S::Drafting), REVIEW_GUIDE),
    t(S::Approved, V::SubmitUpward, Stay, DUCHA),
    t(S::Approved, V::Override, Stay, DUCHA),
    t(S::Approved, V::Publish, To(S::Published), DUCHA_24),
];

const GOI_TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::Open, To(S::Drafting), GIO_49),
    t(S::Drafting, V::Write, Stay, GIO_50),
    t(S::Drafting, V::Figures, Stay, GIO_50),
    t(S::Drafting, V::Compile, Stay, GIO_50),
    t(S::Drafting, V::EnterTable2, Stay, GIO_50),
    t(S::Drafting, V::Submit, To(S::Review), GIO_4),
    t(S::Review, V::Approve, To(S::Approved), GIO_4),
    t(S::Review, V::ReturnForRevision, To(S::Drafting), GIO_4),
    t(S::Approved, V::ReturnForRevision, To(S::Drafting), GIO_4),
    t(S::Approved, V::Override, Stay, GIO_4),
    t(S::Approved, V::Publish, To(S::Published), GIO_49),
];

const VERBS: &[Verb] = &[
    V::Open,
    V::Write,
    V::Figures,
    V::Compile,
    V::EnterTable2,
    V::Submit,
    V::Approve,
    V::GovernmentMeeting,
    V::PartyMeeting,
    V::ReturnForRevision,
    V::SubmitUpward,
    V::Override,
    V::Publish,
];

impl Flavor for RuleOfLaw {
    const ID: &'static str = "rule_of_law_report";
    const ZH: &'static str = "法治政府建设年度报告";
    const PREFIX: &'static str = "FZBG";
    const CLOCK: ProcedureKind = clock::RULE_OF_LAW;
    const REGISTER: &'static str = "起草年度报告";
    const PARTS: &'static [PartDef] = RULE_OF_LAW_PARTS;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = RULE_OF_LAW_TRANSITIONS;
    fn title(unit: &str, year: i32) -> String {
        format!("{unit}{year}年度法治政府建设情况报告")
    }
}

impl Flavor for Goi {
    const ID: &'static str = "goi_report";
    const ZH: &'static str = "政府信息公开工作年度报告";
    const PREFIX: &'static str = "GKBG";
    const CLOCK: ProcedureKind = clock::GOI;
    const REGISTER: &'static str = "起草政府信息公开工作年度报告";
    const PARTS: &'static [PartDef] = GOI_PARTS;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = GOI_TRANSITIONS;
    fn title(unit: &str, year: i32) -> String {
        format!("{unit}{year}年政府信息公开工作年度报告")
    }
}

/// The keys of GOI table 2 that are entered by hand, with their labels.
pub const TABLE2_KEYS: &[(&str, &str)] = &[
    ("rules.made", "规章·本年制发件数"),
    ("rules.repealed", "规章·本年废止件数"),
    ("rules.in_force", "规章·现行有效件数"),
    ("normative.made", "行政规范性文件·本年制发件数"),
    ("normative.repealed", "行政规范性文件·本年废止件数"),
    ("normative.in_force", "行政规范性文件·现行有效件数"),
    ("licensing", "行政许可·本年处理决定数量"),
    ("penalties", "行政处罚·本年处理决定数量"),
    ("coercion", "行政强制·本年处理决定数量"),
    ("fees_fen", "行政事业性收费·本年收费金额(分)"),
];

fn text_ok(label: &str, s: &str, max: usize) -> Result<(), TransitionError> {
    let n = s.trim().chars().count();
    if n > max {
        return Err(invalid(format!("{label}过长:最多{max}个字,您输入了{n}个字")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(invalid(format!("{label}含有不可见的控制字符,请删除后重试")));
    }
    Ok(())
}

fn required(label: &str, s: &str) -> Result<(), TransitionError> {
    if s.trim().is_empty() {
        return Err(invalid(format!("请填写{label}")));
    }
    text_ok(label, s, 2000)
}

impl<F: Flavor> Report<F> {
    /// Why the report cannot be published as it stands (parts), in Chinese;
    /// empty when the parts are complete.
    pub fn missing_parts(case: &Case<Self>) -> Vec<String> {
        let d = &case.data;
        let mut out = Vec::new();
        for p in F::PARTS {
            let chars = d.narrative_chars(p.code);
            let figures = d.figures.iter().any(|f| f.part == p.code);
            if p.narrative_required && d.text(p.code, "").trim().is_empty() && chars == 0 {
                out.push(format!("「{}」部分为空:须如实写明存在的不足和原因,不能空缺或只列数字", p.heading));
            } else if p.required && p.table.is_none() && chars == 0 && !figures {
                out.push(format!("缺少「{}」部分", p.heading));
            }
        }
        out
    }

    /// The review steps still to be taken before publication, in Chinese
    /// (`None` when the report may be published as far as the steps go).
    pub fn steps_missing(case: &Case<Self>) -> Option<String> {
        let remaining: Vec<&str> = match case.stage {
            S::New | S::Drafting => {
                let mut v = vec!["提交审核", "审核通过"];
                if F::ID == RuleOfLaw::ID {
                    if !case.data.department {
                        v.push("政府常务会议审议");
                    }
                    v.push("党委常委会(党组会议)审议");
                }
                v
            }
            S::Review => {
                let mut v = vec!["审核通过"];
                if F::ID == RuleOfLaw::ID {
                    if !case.data.department {
                        v.push("政府常务会议审议");
                    }
                    v.push("党委常委会(党组会议)审议");
                }
                v
            }
            S::GovernmentMeeting => vec!["政府常务会议审议", "党委常委会(党组会议)审议"],
            S::PartyMeeting => vec!["党委常委会(党组会议)审议"],
            S::Approved => return None,
            S::Published => return Some("该报告已经公开;如需修改,请在原报告基础上起草新版本".to_owned()),
        };
        Some(format!("报告尚未完成审核审议程序,不能公开。尚需:{}", remaining.join("→")))
    }

    /// The checker's flags that no override covers.
    pub fn uncovered<'a>(case: &Case<Self>, flags: &'a [String]) -> Vec<&'a String> {
        let covered: Vec<&String> = case.data.overrides.last().map(|o| o.flags.iter().collect()).unwrap_or_default();
        flags.iter().filter(|f| !covered.contains(f)).collect()
    }
}

impl<F: Flavor> Procedure for Report<F> {
    const ID: &'static str = F::ID;
    const ZH: &'static str = F::ZH;
    const PREFIX: &'static str = F::PREFIX;
    const CLOCK: ProcedureKind = F::CLOCK;
    const REGISTER: &'static str = F::REGISTER;
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    type Outcome = Outcome;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = F::TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::Open => "起草",
            V::Write => "撰写",
            V::Figures => "生成数据",
            V::Compile => "汇总下级单位报告",
            V::EnterTable2 => "填报表二",
            V::Submit => "提交审核",
            V::Approve => "审核通过",
            V::GovernmentMeeting => "政府常务会议审议通过",
            V::PartyMeeting => "党委常委会(党组会议)审议通过",
            V::ReturnForRevision => "退回修改",
            V::SubmitUpward => "报送上级",
            V::Override => "审核人员说明理由后准予公开",
            V::Publish => "向社会公开",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let date = cx.date;
        match action {
            Action::Open { year, department, revises } => {
                let Some(end) = NaiveDate::from_ymd_opt(*year, 12, 31).filter(|_| (2000..=2100).contains(year)) else {
                    return Err(invalid(format!("报告年度应在2000至2100之间,您输入的是{year}")));
                };
                if date <= end {
                    return Err(invalid(format!(
                        "{year}年度尚未结束,年度报告须在年度结束后起草(起草日期{date}不晚于{end})"
                    )));
                }
                cx.next.data.year = *year;
                cx.next.data.department = *department;
                cx.next.data.revises = Some(revises.trim().to_owned()).filter(|r| !r.is_empty());
                cx.next.common.received_on = Some(end);
                cx.events.push(ProcedureEvent::new(end, EventKind::Received));
                if *department {
                    cx.events.push(ProcedureEvent::new(end, EventKind::Mark(clock::DEPARTMENT)));
                }
            }
            Action::Write { part, heading, body } => {
                let Some(def) = parts::find(F::PARTS, part) else {
                    return Err(invalid(format!(
                        "{}没有“{}”这一部分",
                        F::ZH,
                        crate::input::quote_for_message(part, 40)
                    )));
                };
                text_ok("小标题", heading, MAX_HEADING)?;
                if heading.contains('\n') {
                    return Err(invalid("小标题只能有一行"));
                }
                text_ok(&format!("「{}」", def.heading), body, MAX_BODY)?;
                cx.next.data.set_text(part, heading.trim(), body);
            }
            Action::Figures { figures } => {
                for f in figures {
                    if parts::find(F::PARTS, &f.part).is_none() {
                        return Err(invalid(format!("生成的数据属于未知的部分“{}”", f.part)));
                    }
                }
                cx.next.data.figures = figures.clone();
            }
            Action::Compile { contributions, texts } => {
                for t in texts {
                    if parts::find(F::PARTS, &t.part).is_none() {
                        return Err(invalid(format!("汇总的内容属于未知的部分“{}”", t.part)));
                    }
                    text_ok("汇总的内容", &t.body, MAX_BODY)?;
                    cx.next.data.set_text(&t.part, t.heading.trim(), &t.body);
                }
                for c in contributions {
                    if !cx.next.data.contributions.contains(c) {
                        cx.next.data.contributions.push(c.clone());
                    }
                }
            }
            Action::EnterTable2 { values } => {
                for k in values.keys() {
                    if !TABLE2_KEYS.iter().any(|(key, _)| key == k) {
                        return Err(invalid(format!("表二没有“{}”这一项", crate::input::quote_for_message(k, 40))));
                    }
                }
                cx.next.data.table2.extend(values.iter().map(|(k, v)| (k.clone(), *v)));
            }
            Action::Submit => {
                let missing = Self::missing_parts(cx.before);
                if !missing.is_empty() {
                    return Err(invalid(format!("报告尚不完整,不能提交审核:{}", missing.join(";"))));
                }
            }
            Action::Approve { opinion } => {
                text_ok("审核意见", opinion, 2000)?;
                review(cx, V::Approve, "", opinion);
                if F::ID == RuleOfLaw::ID {
                    cx.goto(if cx.before.data.department { S::PartyMeeting } else { S::GovernmentMeeting });
                }
            }
            Action::GovernmentMeeting { meeting, opinion } | Action::PartyMeeting { meeting, opinion } => {
                required("会议名称(如“区政府2026年第5次常务会议”)", meeting)?;
                text_ok("审议意见", opinion, 2000)?;
                review(cx, Self::verb(action), meeting, opinion);
            }
            Action::ReturnForRevision { reason } => {
                required("退回修改的理由", reason)?;
                review(cx, V::ReturnForRevision, "", reason);
            }
            Action::SubmitUpward { to } => {
                if !cx.before.data.department {
                    return Err(invalid("报送上级的期限只适用于部门的年度报告;政府的报告经审议后直接公开"));
                }
                required("报送对象(如“区人民政府、市司法局”)", to)?;
                cx.next.data.submitted_upward = Some((date, to.trim().to_owned()));
                cx.perform(&[clock::SUBMIT]);
            }
            Action::Override { reason, flags } => {
                let n = reason.trim().chars().count();
                if n < 10 {
                    return Err(invalid(format!("请写明不修改报告而准予公开的理由(至少10个字),您写了{n}个字")));
                }
                text_ok("理由", reason, 2000)?;
                if flags.is_empty() {
                    return Err(invalid("报告检查没有发现需要说明理由的问题,无需准予"));
                }
                cx.next.data.overrides.push(OverrideRecord {
                    on: date,
                    reason: reason.trim().to_owned(),
                    flags: flags.clone(),
                });
            }
            Action::Publish { flags } => {
                let missing = Self::missing_parts(cx.before);
                if !missing.is_empty() {
                    return Err(invalid(format!("报告不完整,不能公开:{}", missing.join(";"))));
                }
                let uncovered = Self::uncovered(cx.before, flags);
                if !uncovered.is_empty() {
                    let list: Vec<&str> = uncovered.iter().map(|s| s.as_str()).collect();
                    return Err(invalid(format!(
                        "报告检查发现以下问题,须修改报告,或由审核人员说明理由后方可公开:{}",
                        list.join(";")
                    )));
                }
                cx.next.data.published_on = Some(date);
                cx.perform(&[clock::PUBLISH]);
                cx.conclude(Outcome::Published);
            }
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        match verb {
            V::SubmitUpward => case.data.department && case.data.submitted_upward.is_none(),
            V::EnterTable2 => F::ID == Goi::ID,
            _ => true,
        }
    }

    /// Writing, figures, compiling, table 2, overrides and publication go
    /// through the report's own page (they need the records and the checker).
    fn offered(verb: Verb) -> bool {
        matches!(
            verb,
            V::Open
                | V::Submit
                | V::Approve
                | V::GovernmentMeeting
                | V::PartyMeeting
                | V::ReturnForRevision
                | V::SubmitUpward
        )
    }

    fn form(_case: &Case<Self>, verb: Verb) -> Vec<Field> {
        match verb {
            V::Approve => vec![Field::long_text("opinion", "审核意见")],
            V::GovernmentMeeting => vec![
                Field::text("meeting", "会议(如“区政府2026年第5次常务会议”)").required(),
                Field::long_text("opinion", "审议意见"),
            ],
            V::PartyMeeting => vec![
                Field::text("meeting", "会议(如“区委2026年第3次常委会会议”)").required(),
                Field::long_text("opinion", "审议意见"),
            ],
            V::ReturnForRevision => vec![Field::long_text("reason", "退回修改的理由").required()],
            V::SubmitUpward => vec![Field::text("to", "报送对象").required()],
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::Open { year, department, revises } => {
                let mut s = format!("起草{year}年度{}", F::ZH);
                if *department {
                    s.push_str("(部门报告)");
                }
                if !revises.trim().is_empty() {
                    s.push_str(&format!(",修改已公开的报告{}", revises.trim()));
                }
                s
            }
            Action::Write { part, heading, .. } => {
                let name = parts::find(F::PARTS, part).map(|p| p.heading).unwrap_or(part.as_str());
                if heading.is_empty() {
                    format!("撰写「{name}」")
                } else {
                    format!("撰写「{name}·{heading}」")
                }
            }
            Action::Figures { figures } => format!("由案件记录生成数据{}项", figures.len()),
            Action::Compile { contributions, .. } if contributions.is_empty() => {
                "沿用已公开报告的内容,形成新版本".to_owned()
            }
            Action::Compile { contributions, .. } => {
                let units: Vec<&str> = contributions.iter().map(|c| c.unit.as_str()).collect();
                format!("汇总下级单位报告:{}", units.join("、"))
            }
            Action::GovernmentMeeting { meeting, .. } | Action::PartyMeeting { meeting, .. } => {
                format!("{}:{meeting}", Self::verb_zh(Self::verb(action)))
            }
            Action::ReturnForRevision { reason } => format!("退回修改:{reason}"),
            Action::SubmitUpward { to } => format!("报送上级:{to}"),
            Action::Override { reason, flags } => {
                format!("对报告检查的{}项问题说明理由后准予公开:{reason}", flags.len())
            }
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let d = &case.data;
        let mut out = vec![
            ("报告", r.subject.clone()),
            ("报告单位", r.unit_name.clone()),
            ("报告年度", d.year.to_string()),
            ("类别", if d.department { "部门报告" } else { "政府报告" }.to_owned()),
        ];
        if let Some(rev) = &d.revises {
            out.push(("修改的报告", rev.clone()));
        }
        let done: Vec<&str> = F::PARTS
            .iter()
            .filter(|p| d.narrative_chars(p.code) > 0 || d.figures.iter().any(|f| f.part == p.code))
            .map(|p| p.heading)
            .collect();
        out.push(("已撰写的部分", format!("{}/{}", done.len(), F::PARTS.len())));
        if !d.contributions.is_empty() {
            let units: Vec<&str> = d.contributions.iter().map(|c| c.unit.as_str()).collect();
            out.push(("已汇总", units.join("、")));
        }
        if let Some((on, to)) = &d.submitted_upward {
            out.push(("报送上级", format!("{on} {to}")));
        }
        if let Some(on) = d.published_on {
            out.push(("公开日期", on.to_string()));
        }
        out
    }

    fn records(case: &Case<Self>) -> Option<Records> {
        let d = &case.data;
        if d.reviews.is_empty() && d.overrides.is_empty() {
            return None;
        }
        let mut rows: Vec<Vec<String>> = d
            .reviews
            .iter()
            .map(|r| {
                let zh =
                    VERBS.iter().find(|v| super::form::code_of(*v) == r.step).map(|v| Self::verb_zh(*v)).unwrap_or("");
                vec![zh.to_owned(), r.on.to_string(), r.meeting.clone(), r.opinion.clone()]
            })
            .collect();
        rows.extend(d.overrides.iter().map(|o| {
            vec![Self::verb_zh(V::Override).to_owned(), o.on.to_string(), o.flags.join(";"), o.reason.clone()]
        }));
        Some(Records {
            title: "审核审议", headers: vec!["环节", "日期", "会议/问题", "意见/理由"], rows
        })
    }

    fn documents(_case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        vec![("report", "报告文本(撰写、检查、公开)")]
    }

    fn notes(case: &Case<Self>) -> Vec<String> {
        match case.stage {
            S::Drafting => {
                let missing = Self::missing_parts(case);
                if missing.is_empty() {
                    Vec::new()
                } else {
                    vec![format!("尚待撰写:{}", missing.join(";"))]
                }
            }
            _ => Vec::new(),
        }
    }
}

fn review<F: Flavor>(cx: &mut StepCx<'_, Report<F>>, verb: Verb, meeting: &str, opinion: &str) {
    let step = super::form::code_of(&verb);
    cx.next.data.reviews.push(ReviewRecord {
        step,
        on: cx.date,
        meeting: meeting.trim().to_owned(),
        opinion: opinion.trim().to_owned(),
    });
}

impl<F: Flavor> Report<F> {
    /// The year of a report case (0 before it is opened).
    pub fn year(case: &Case<Self>) -> i32 {
        case.data.year.max(case.common.received_on.map(|d| d.year()).unwrap_or(0))
    }
}
