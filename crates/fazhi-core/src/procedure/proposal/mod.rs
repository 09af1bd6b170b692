//! 人大代表建议 and 政协提案 (LAW.md §11) as a procedure kind: a proposal
//! is registered (one by one or from the list the congress or CPPCC office
//! hands over), assigned (交办) to its lead unit (the case's unit) with its
//! co-units (会办), answered within 3 months of the assignment (6 for a
//! difficult one with the assigning body's consent), with a class A/B/C/D
//! and whether the reply is public; the deputy or member gives feedback
//! (满意 / 基本满意 / 不满意), and an unsatisfied one is handled again and
//! answered within 2 months (Beijing rules, overridable).
//!
//! The clock starts at the assignment ([`clock`]): a registered proposal
//! not yet assigned has no deadline running.

pub mod clock;
pub mod indicators;
pub mod outcome;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::EnumDiscriminants;

use crate::clock::{EventKind, ProcedureKind, Step};

use super::engine::{invalid, t, Case, Procedure, Records, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
pub use outcome::{ReplyClass, Satisfaction, Source};

/// 人大代表建议、政协委员提案.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Proposal;

/// The stages of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 已登记, waiting for its assignment.
    Registered,
    /// 已交办, being handled.
    Assigned,
    /// 已答复, waiting for the feedback.
    Replied,
    /// 不满意, handled again (Beijing Art. 27).
    Rehandling,
    /// 已再次答复, waiting for the feedback.
    Rereplied,
    /// 已办结 (terminal).
    Closed,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Registered,
        Stage::Assigned,
        Stage::Replied,
        Stage::Rehandling,
        Stage::Rereplied,
        Stage::Closed,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Registered => "已登记待交办",
            Stage::Assigned => "已交办办理中",
            Stage::Replied => "已答复待反馈",
            Stage::Rehandling => "重新办理中",
            Stage::Rereplied => "已再次答复待反馈",
            Stage::Closed => "已办结",
        }
    }
    fn is_terminal(self) -> bool {
        self == Stage::Closed
    }
}

/// One step on a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// Registered from the list handed over (the step's date: received).
    Register { source: Source, session: String, number: u32, co_units: Vec<String> },
    /// 交办 to the lead unit and the co-units: the clock starts.
    Assign,
    /// The assigning body consented to 6 months (a difficult proposal).
    ApproveDifficult { approved_by: String },
    /// 见面沟通 with the deputy or member.
    Meet,
    /// The reply, with its class and whether it is public.
    Reply {
        class: Option<ReplyClass>,
        #[serde(default)]
        public: bool,
    },
    /// The feedback on the reply.
    Feedback { satisfaction: Option<Satisfaction> },
    /// The reply after handling again.
    Rereply {
        class: Option<ReplyClass>,
        #[serde(default)]
        public: bool,
    },
    /// The feedback on the second reply.
    Refeedback { satisfaction: Option<Satisfaction> },
    /// Closed without feedback once the feedback period is over.
    CloseWithoutFeedback,
}

/// The consent to 6 months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub on: NaiveDate,
    /// Who consented (the assigning body, its document number).
    pub approved_by: String,
}

/// A reply as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    pub on: NaiveDate,
    pub class: ReplyClass,
    pub public: bool,
    /// Its due date as the clock computed it when the reply was recorded
    /// (`None`: the calendar could not say).
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

impl ReplyRecord {
    /// Given on or before its due date.
    pub fn on_time(&self) -> bool {
        self.due.is_some_and(|d| self.on <= d)
    }
}

/// A feedback as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRecord {
    pub on: NaiveDate,
    pub satisfaction: Satisfaction,
}

/// What only a proposal keeps (the title is the case's subject, the deputy
/// or member its party, the lead unit its unit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    pub source: Option<Source>,
    /// 区十八届人大三次会议.
    pub session: String,
    /// Its number in the session (第12号).
    pub number: u32,
    /// The co-units (会办单位), by name.
    pub co_units: Vec<String>,
    pub assigned_on: Option<NaiveDate>,
    pub difficult: Option<Consent>,
    /// 见面沟通 dates.
    pub meetings: Vec<NaiveDate>,
    /// The reply and, after an unsatisfied feedback, the second one.
    pub replies: Vec<ReplyRecord>,
    pub feedback: Vec<FeedbackRecord>,
}

impl Data {
    /// 区十八届人大三次会议第12号建议.
    pub fn reference(&self) -> String {
        format!("{}第{}号{}", self.session, self.number, self.source.map(Source::noun).unwrap_or("建议"))
    }

    /// The reply that stands (the second one after re-handling).
    pub fn final_reply(&self) -> Option<&ReplyRecord> {
        self.replies.last()
    }
}

use Stage as S;
use Verb as V;

const LAW_51: &str = "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条";
const BEIJING_21_23: &str = "《北京市人民代表大会代表建议、批评和意见办理条例》第二十一条至第二十三条";
const BEIJING_27: &str = "《北京市人民代表大会代表建议、批评和意见办理条例》第二十七条";

/// The transitions of 建议提案.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::Register, To(S::Registered), "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条第一款"),
    t(S::Registered, V::Assign, To(S::Assigned), "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条第一款"),
    t(S::Assigned, V::ApproveDifficult, Stay, "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条第二款"),
    t(S::Assigned, V::Meet, Stay, LAW_51),
    t(S::Rehandling, V::Meet, Stay, BEIJING_27),
    t(S::Assigned, V::Reply, To(S::Replied), "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条第二款"),
    t(S::Replied, V::Feedback, ByStep, BEIJING_21_23),
    t(S::Replied, V::CloseWithoutFeedback, To(S::Closed), BEIJING_21_23),
    t(S::Rehandling, V::Rereply, To(S::Rereplied), BEIJING_27),
    t(S::Rereplied, V::Refeedback, To(S::Closed), BEIJING_27),
    t(S::Rereplied, V::CloseWithoutFeedback, To(S::Closed), BEIJING_27),
];

const VERBS: &[Verb] = &[
    V::Register,
    V::Assign,
    V::Meet,
    V::ApproveDifficult,
    V::Reply,
    V::Feedback,
    V::Rereply,
    V::Refeedback,
    V::CloseWithoutFeedback,
];

impl Procedure for Proposal {
    const ID: &'static str = "proposal";
    const ZH: &'static str = "建议提案";
    const PREFIX: &'static str = "JYTA";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记建议、提案(含批量导入)";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = ReplyClass;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::Register => "登记",
            V::Assign => "交办",
            V::ApproveDifficult => "交办机关同意按难度较大件办理(6个月)",
            V::Meet => "见面沟通",
            V::Reply => "答复",
            V::Feedback => "代表委员反馈意见",
            V::Rereply => "重新办理后再次答复",
            V::Refeedback => "代表委员对再次答复的反馈",
            V::CloseWithoutFeedback => "未反馈,办结",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let before = cx.before;
        match action {
            Action::Register { source, session, number, co_units } => {
                let session = session.trim();
                if session.is_empty() || session.chars().count() > 100 {
                    return Err(invalid("请填写届次(如“区十八届人大三次会议”,不超过100字)"));
                }
                if *number == 0 {
                    return Err(invalid("建议、提案的编号应为正整数"));
                }
                cx.next.data.source = Some(*source);
                cx.next.data.session = session.to_owned();
                cx.next.data.number = *number;
                cx.next.data.co_units = co_units.clone();
                cx.next.common.received_on = Some(cx.date);
            }
            Action::Assign => {
                cx.next.data.assigned_on = Some(cx.date);
                cx.event(EventKind::Received);
            }
            Action::ApproveDifficult { approved_by } => {
                if approved_by.trim().is_empty() {
                    return Err(invalid(
                        "难度较大的建议、提案延至6个月答复须经交办机关同意:请填写同意的机关及文号或记录\
                         (《北京市人民代表大会代表建议、批评和意见办理条例》第二十一条至第二十三条)",
                    ));
                }
                if let Some(due) = due(cx, clock::REPLY)? {
                    if cx.date > due {
                        return Err(invalid(format!(
                            "三个月答复期限已于{due}届满,交办机关的同意({})应在期限届满前取得\
                             (《全国人民代表大会和地方各级人民代表大会代表法》第五十一条第二款)",
                            cx.date
                        )));
                    }
                }
                cx.next.data.difficult = Some(Consent { on: cx.date, approved_by: approved_by.trim().to_owned() });
                cx.event(EventKind::Mark(clock::DIFFICULT));
            }
            Action::Meet => cx.next.data.meetings.push(cx.date),
            Action::Reply { class, public } => reply(cx, *class, *public, clock::REPLY, clock::REPLIED)?,
            Action::Rereply { class, public } => reply(cx, *class, *public, clock::REREPLY, clock::REREPLIED)?,
            Action::Feedback { satisfaction } => {
                let s = feedback(cx, *satisfaction, clock::FEEDBACK)?;
                if s.content() {
                    cx.goto(S::Closed);
                } else {
                    cx.event(EventKind::Mark(clock::DISSATISFIED));
                    cx.goto(S::Rehandling);
                }
            }
            Action::Refeedback { satisfaction } => {
                feedback(cx, *satisfaction, clock::REFEEDBACK)?;
            }
            Action::CloseWithoutFeedback => {
                let step = if before.stage == S::Rereplied { clock::REFEEDBACK } else { clock::FEEDBACK };
                match due(cx, step)? {
                    Some(due) if cx.date > due => {}
                    Some(due) => {
                        return Err(invalid(format!(
                            "代表、委员反馈意见的期限至{due}届满,届满后仍未反馈的方可按未反馈办结;录入的日期为{}",
                            cx.date
                        )))
                    }
                    None => return Err(invalid("尚无法确定代表、委员反馈意见的期限,不能按未反馈办结")),
                }
            }
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        match verb {
            V::ApproveDifficult => case.data.difficult.is_none(),
            _ => true,
        }
    }

    fn form(_case: &Case<Self>, verb: Verb) -> Vec<Field> {
        let class = || Field::choice("class", "答复类别(A/B/C/D)", options(&ReplyClass::ALL, |c| c.zh())).required();
        let satisfaction =
            || Field::choice("satisfaction", "反馈意见", options(&Satisfaction::ALL, |s| s.zh().to_owned())).required();
        match verb {
            V::ApproveDifficult => vec![Field::text("approved_by", "交办机关同意情况(机关、文号)").required()],
            V::Reply | V::Rereply => vec![class(), Field::check("public", "答复全文公开(在政务公开网站发布)")],
            V::Feedback | V::Refeedback => vec![satisfaction()],
            _ => Vec::new(),
        }
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::Register { source, session, number, co_units } => {
                let co = if co_units.is_empty() { String::new() } else { format!(",会办:{}", co_units.join("、")) };
                format!("登记{}:{session}第{number}号{co}", source.zh())
            }
            Action::ApproveDifficult { approved_by } => {
                format!("交办机关同意按难度较大件办理,答复期限为交办之日起6个月({approved_by})")
            }
            Action::Reply { class: Some(c), public } | Action::Rereply { class: Some(c), public } => format!(
                "{}:{}{}",
                Self::verb_zh(Self::verb(action)),
                c.zh(),
                if *public { ",答复全文公开" } else { ",不公开" }
            ),
            Action::Feedback { satisfaction: Some(s) } | Action::Refeedback { satisfaction: Some(s) } => {
                format!("{}:{}", Self::verb_zh(Self::verb(action)), s.zh())
            }
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let d = &case.data;
        let source = d.source.unwrap_or(Source::Deputy);
        let mut out = vec![
            ("类别", source.zh().to_owned()),
            ("届次及编号", d.reference()),
            ("标题", r.subject.clone()),
            (if source == Source::Deputy { "提出建议的代表" } else { "提出提案的委员" }, r.party.clone()),
            ("主办单位", r.unit_name.clone()),
            ("会办单位", if d.co_units.is_empty() { "无".to_owned() } else { d.co_units.join("、") }),
            ("收到日期", r.received_on.clone()),
            ("交办日期", d.assigned_on.map(|d| d.to_string()).unwrap_or_else(|| "尚未交办".to_owned())),
        ];
        if let Some(c) = &d.difficult {
            out.push(("难度较大件", format!("{}经交办机关同意,6个月内答复({})", c.on, c.approved_by)));
        }
        if !d.meetings.is_empty() {
            let dates: Vec<String> = d.meetings.iter().map(NaiveDate::to_string).collect();
            out.push(("见面沟通", dates.join("、")));
        }
        if let Some(o) = case.outcome {
            out.push(("办理结果", o.zh()));
        }
        out
    }

    fn records(case: &Case<Self>) -> Option<Records> {
        let d = &case.data;
        if d.replies.is_empty() {
            return None;
        }
        let rows = d
            .replies
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let fb = d.feedback.get(i);
                vec![
                    if i == 0 { "答复".to_owned() } else { "重新办理后再次答复".to_owned() },
                    r.on.to_string(),
                    r.class.zh(),
                    if r.public { "公开" } else { "不公开" }.to_owned(),
                    match r.due {
                        Some(due) if r.on <= due => format!("按期(期限{due})"),
                        Some(due) => format!("逾期(期限{due})"),
                        None => "无法判断".to_owned(),
                    },
                    fb.map(|f| f.on.to_string()).unwrap_or_default(),
                    fb.map(|f| f.satisfaction.zh().to_owned()).unwrap_or_else(|| "尚未反馈".to_owned()),
                ]
            })
            .collect();
        Some(Records {
            title: "答复与反馈",
            headers: vec!["环节", "答复日期", "答复类别", "公开", "是否按期", "反馈日期", "反馈意见"],
            rows,
        })
    }

    fn documents(case: &Case<Self>) -> Vec<(&'static str, &'static str)> {
        match case.data.final_reply() {
            Some(r) if r.public => vec![("reply", "答复全文(公开)")],
            _ => Vec::new(),
        }
    }

    fn notes(case: &Case<Self>) -> Vec<String> {
        match case.stage {
            S::Registered => vec!["尚未交办:答复期限自交办之日起计算。".to_owned()],
            _ => Vec::new(),
        }
    }

    fn indicator_facts(case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        indicators::facts(&case.data)
    }

    fn catalogue(_config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        indicators::catalogue()
    }

    fn counter_name(counter: &str) -> Option<&'static str> {
        super::catalogue::name_in(indicators::counter::NAMES, counter)
    }
}

/// The due date of `step` as the clock computes it from the history so far;
/// `None` when it is pending or the calendar cannot say.
fn due(cx: &StepCx<'_, Proposal>, step: Step) -> Result<Option<NaiveDate>, TransitionError> {
    match cx.engine.due_date(clock::KIND, step, &cx.before.common.clock_events) {
        Ok(d) => Ok(d),
        Err(crate::clock::ClockError::Calendar(_)) => Ok(None),
        Err(e) => Err(TransitionError::Clock(e.to_string())),
    }
}

/// A reply (first or after re-handling): its class is required.
fn reply(
    cx: &mut StepCx<'_, Proposal>,
    class: Option<ReplyClass>,
    public: bool,
    step: Step,
    mark: crate::clock::Mark,
) -> Result<(), TransitionError> {
    let Some(class) = class else {
        return Err(invalid(
            "请选择答复类别:A类(已解决或基本解决)、B类(正在解决)、C类(列入规划逐步解决)或D类(留作参考)",
        ));
    };
    let due = due(cx, step)?;
    cx.next.data.replies.push(ReplyRecord { on: cx.date, class, public, due });
    cx.event(EventKind::Mark(mark));
    cx.perform(&[step]);
    cx.conclude(class);
    Ok(())
}

/// A feedback: 满意, 基本满意 or 不满意 is required.
fn feedback(
    cx: &mut StepCx<'_, Proposal>,
    satisfaction: Option<Satisfaction>,
    step: Step,
) -> Result<Satisfaction, TransitionError> {
    let Some(s) = satisfaction else {
        return Err(invalid("请选择代表、委员的反馈意见:满意、基本满意或不满意"));
    };
    cx.next.data.feedback.push(FeedbackRecord { on: cx.date, satisfaction: s });
    cx.perform(&[step]);
    Ok(s)
}
