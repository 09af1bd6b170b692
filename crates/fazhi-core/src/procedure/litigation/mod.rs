//! 行政应诉 (行政诉讼法 2017) as a procedure kind: its stages, actions, state
//! and transition table, and the judgments, 败诉 and 负责人出庭 ([`outcome`]).

pub mod clock;
pub mod outcome;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use strum::EnumDiscriminants;

use crate::clock::{EventKind, ProcedureKind};

use super::engine::{invalid, t, Case, Procedure, Records, StageCode, StepCx, Target::*, Transition, TransitionError};
use super::form::{options, Field};
use super::kind::{CaseRecord, Fact};
use super::steps;
pub use outcome::{
    Appearance, AppearanceDefinition, AppearanceUnit, AppearerRank, Appellate, Instance, LitigationOutcome, LossBase,
    LossDefinition,
};

/// 行政应诉.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Litigation;

/// The stages of a suit against the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    /// 已收到起诉状副本 (Art. 67).
    Served,
    /// 已提交答辩状 (Art. 67).
    DefenceSubmitted,
    /// 已定开庭.
    HearingScheduled,
    /// 已开庭.
    Heard,
    /// 已判决或裁定, appeal period running (Art. 85).
    Judged,
    /// 上诉, second instance (Arts. 85, 88).
    Appealed,
    /// 已生效 (terminal).
    Final,
    /// 撤诉 (terminal; Art. 62).
    Withdrawn,
}

impl StageCode for Stage {
    const ALL: &'static [Stage] = &[
        Stage::New,
        Stage::Served,
        Stage::DefenceSubmitted,
        Stage::HearingScheduled,
        Stage::Heard,
        Stage::Judged,
        Stage::Appealed,
        Stage::Final,
        Stage::Withdrawn,
    ];
    const NEW: Stage = Stage::New;
    fn zh(self) -> &'static str {
        match self {
            Stage::New => "未登记",
            Stage::Served => "已收到起诉状副本",
            Stage::DefenceSubmitted => "已答辩",
            Stage::HearingScheduled => "待开庭",
            Stage::Heard => "已开庭",
            Stage::Judged => "已判决（裁定）",
            Stage::Appealed => "上诉中",
            Stage::Final => "已生效",
            Stage::Withdrawn => "已撤回",
        }
    }
    fn is_terminal(self) -> bool {
        matches!(self, Stage::Final | Stage::Withdrawn)
    }
}

/// One step on a suit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[serde(rename_all = "snake_case", tag = "action")]
#[strum_discriminants(name(Verb), derive(Hash, Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum Action {
    /// The complaint copy was served on the agency (Art. 67).
    ReceiveComplaint { after_reconsideration: bool },
    /// The defence and evidence were filed (Art. 67), or the answer to the
    /// other party's appeal.
    SubmitDefence,
    /// 开庭 notified; the step's date is the notice.
    ScheduleHearing { hearing_on: NaiveDate },
    /// The hearing moves to another day.
    RescheduleHearing { hearing_on: NaiveDate },
    /// The hearing is called off.
    CancelHearing,
    /// The hearing took place, with who appeared for the agency.
    HoldHearing { appearance: Option<Appearance> },
    /// Judgment or ruling of the current instance. In the second instance,
    /// `appellate` says what the court did with the appeal (驳回上诉、维持原判
    /// keeps the first-instance outcome; 改判 records the new one; 发回重审
    /// sends the case back to the first instance).
    Judge {
        outcome: Option<LitigationOutcome>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        appellate: Option<Appellate>,
    },
    /// The agency received the first-instance judgment (or, `ruling`, the
    /// ruling): the appeal period of Art. 85 runs from here.
    ServeJudgment {
        #[serde(default)]
        ruling: bool,
    },
    /// Appeal filed (Art. 85): by the agency itself, or by the other party
    /// (the date the agency received the appeal petition; its answer is due).
    Appeal {
        #[serde(default)]
        by_agency: bool,
    },
    /// The appellant withdrew the appeal: the first-instance judgment becomes
    /// final with its outcome (this is not 撤诉).
    WithdrawAppeal,
    /// The judgment became final (no appeal in time, or second instance).
    BecomeFinal,
    /// The plaintiff withdrew the suit (Art. 62).
    Withdraw,
}

/// A court hearing, with who appeared for the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    pub date: NaiveDate,
    pub instance: Instance,
    pub appearance: Appearance,
}

/// What only a suit keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    /// Brought after reconsideration (table 4 复议后起诉).
    pub after_reconsideration: bool,
    pub instance: Instance,
    /// A notified hearing date.
    pub hearing_on: Option<NaiveDate>,
    /// Hearings held.
    pub hearings: Vec<HearingRecord>,
}

use Stage as S;
use Verb as V;

const SS: &str = "《行政诉讼法》";

/// The transitions of 行政应诉.
const TRANSITIONS: &[Transition<Stage, Verb>] = &[
    t(S::New, V::ReceiveComplaint, To(S::Served), "《行政诉讼法》第六十七条"),
    t(S::Served, V::SubmitDefence, To(S::DefenceSubmitted), "《行政诉讼法》第六十七条"),
    t(S::Appealed, V::SubmitDefence, To(S::DefenceSubmitted), "《行政诉讼法》第八十五条"),
    t(S::Served, V::ScheduleHearing, Pause(S::HearingScheduled), SS),
    t(S::DefenceSubmitted, V::ScheduleHearing, Pause(S::HearingScheduled), SS),
    t(S::Heard, V::ScheduleHearing, Pause(S::HearingScheduled), SS),
    t(S::Appealed, V::ScheduleHearing, Pause(S::HearingScheduled), SS),
    t(S::HearingScheduled, V::HoldHearing, To(S::Heard), "《行政诉讼法》第三条第三款"),
    t(S::HearingScheduled, V::RescheduleHearing, Stay, SS),
    t(S::HearingScheduled, V::CancelHearing, Resume, SS),
    t(S::Served, V::Judge, To(S::Judged), "《行政诉讼法》第六十九条至第七十八条"),
    t(S::DefenceSubmitted, V::Judge, To(S::Judged), "《行政诉讼法》第六十九条至第七十八条"),
    t(S::Heard, V::Judge, To(S::Judged), "《行政诉讼法》第六十九条至第七十八条"),
    t(S::Appealed, V::Judge, To(S::Judged), "《行政诉讼法》第八十六条、第八十九条"),
    t(S::Judged, V::ServeJudgment, Stay, "《行政诉讼法》第八十五条"),
    t(S::Judged, V::Appeal, To(S::Appealed), "《行政诉讼法》第八十五条"),
    t(S::Appealed, V::WithdrawAppeal, To(S::Final), "《行政诉讼法》第八十五条、第六十二条"),
    t(S::Judged, V::BecomeFinal, To(S::Final), "《行政诉讼法》第八十五条"),
    t(S::Served, V::Withdraw, To(S::Withdrawn), "《行政诉讼法》第六十二条"),
    t(S::DefenceSubmitted, V::Withdraw, To(S::Withdrawn), "《行政诉讼法》第六十二条"),
    t(S::HearingScheduled, V::Withdraw, To(S::Withdrawn), "《行政诉讼法》第六十二条"),
    t(S::Heard, V::Withdraw, To(S::Withdrawn), "《行政诉讼法》第六十二条"),
];

const VERBS: &[Verb] = &[
    V::ReceiveComplaint,
    V::SubmitDefence,
    V::ScheduleHearing,
    V::RescheduleHearing,
    V::CancelHearing,
    V::HoldHearing,
    V::Judge,
    V::ServeJudgment,
    V::Appeal,
    V::WithdrawAppeal,
    V::BecomeFinal,
    V::Withdraw,
];

/// The form value for "nobody appeared for the agency".
const NOBODY: &str = "nobody";

const RANKS: [AppearerRank; 7] = [
    AppearerRank::Principal,
    AppearerRank::Deputy,
    AppearerRank::OtherResponsibleLeader,
    AppearerRank::EntrustedOrganisationHead,
    AppearerRank::LowerAgencyHead,
    AppearerRank::Staff,
    AppearerRank::LawyerOnly,
];

const FINAL_INSTANCE: &str = "二审判决、裁定是终审判决、裁定，不能上诉（《行政诉讼法》第八十五条）";

impl Procedure for Litigation {
    const ID: &'static str = "litigation";
    const ZH: &'static str = "行政应诉";
    const PREFIX: &'static str = "YS";
    const CLOCK: ProcedureKind = clock::KIND;
    const REGISTER: &'static str = "登记行政应诉案件";
    type Stage = Stage;
    type Verb = Verb;
    type Action = Action;
    type Data = Data;
    const TRANSITIONS: &'static [Transition<Stage, Verb>] = TRANSITIONS;
    const VERBS: &'static [Verb] = VERBS;
    type Outcome = LitigationOutcome;

    fn verb_zh(verb: Verb) -> &'static str {
        match verb {
            V::ReceiveComplaint => "登记收到起诉状副本",
            V::SubmitDefence => "提交答辩状",
            V::ScheduleHearing => "通知开庭（听证）",
            V::RescheduleHearing => "开庭（听证）改期",
            V::CancelHearing => "取消开庭（听证）",
            V::HoldHearing => "开庭（听证）",
            V::Judge => "判决（裁定）",
            V::ServeJudgment => "收到判决书（裁定书）",
            V::Appeal => "上诉",
            V::WithdrawAppeal => "撤回上诉",
            V::BecomeFinal => "判决生效",
            V::Withdraw => "撤回",
        }
    }

    fn step(cx: &mut StepCx<'_, Self>, action: &Action) -> Result<(), TransitionError> {
        let before = cx.before;
        match action {
            Action::ReceiveComplaint { after_reconsideration } => {
                cx.next.data.after_reconsideration = *after_reconsideration;
                cx.next.common.received_on = Some(cx.date);
                cx.event(EventKind::Received);
            }
            Action::SubmitDefence => {
                // The answer to an appeal, or the first-instance defence.
                let step = if before.stage == S::Appealed { clock::APPEAL_ANSWER } else { clock::DEFENCE };
                cx.perform(&[step]);
            }
            Action::ScheduleHearing { hearing_on } => {
                steps::schedule_hearing(cx, None, *hearing_on, None)?;
                cx.next.data.hearing_on = Some(*hearing_on);
            }
            Action::RescheduleHearing { hearing_on } => {
                steps::schedule_hearing(cx, before.data.hearing_on, *hearing_on, None)?;
                cx.next.data.hearing_on = Some(*hearing_on);
            }
            Action::CancelHearing => cx.next.data.hearing_on = None,
            Action::HoldHearing { appearance } => {
                steps::hold_hearing(cx, before.data.hearing_on)?;
                let Some(appearance) = appearance else {
                    return Err(invalid(
                        "请登记出庭情况（《行政诉讼法》第三条第三款）：负责人、工作人员、仅律师出庭，或无人出庭",
                    ));
                };
                // 出庭且出声 is recorded for a 负责人 only.
                if appearance.spoke && !appearance.rank.is_some_and(AppearerRank::is_head) {
                    return Err(invalid("“当庭发言”只适用于出庭的行政机关负责人；出庭人员不是负责人时请不要勾选"));
                }
                // A hearing nobody (or only a lawyer) attended for the agency is
                // recorded too: it counts in the 出庭应诉率 denominator.
                let record =
                    HearingRecord { date: cx.date, instance: before.data.instance, appearance: appearance.clone() };
                cx.next.data.hearings.push(record);
                cx.next.data.hearing_on = None;
            }
            Action::Judge { outcome, appellate } => match check_judgment(before, *outcome, *appellate)? {
                Some(o) => cx.conclude(o),
                // 发回重审: back to the first instance, where it stood after the defence.
                None => {
                    cx.next.data.instance = Instance::First;
                    cx.next.common.closed_on = None;
                    cx.goto(S::DefenceSubmitted);
                }
            },
            Action::ServeJudgment { ruling } => {
                if before.data.instance != Instance::First {
                    return Err(invalid(FINAL_INSTANCE));
                }
                cx.event(EventKind::Mark(if *ruling { clock::RULING_SERVED } else { clock::JUDGMENT_SERVED }));
            }
            Action::Appeal { by_agency } => {
                if before.data.instance != Instance::First {
                    return Err(invalid(FINAL_INSTANCE));
                }
                if *by_agency {
                    check_appeal_in_time(cx)?;
                    cx.perform(&[clock::APPEAL]);
                } else {
                    cx.event(EventKind::Mark(clock::APPEAL_SERVED));
                }
                cx.next.data.instance = Instance::Second;
                cx.next.common.closed_on = None;
            }
            // The first-instance outcome stands and becomes final.
            Action::WithdrawAppeal => cx.next.data.instance = Instance::First,
            Action::BecomeFinal => {}
            Action::Withdraw => cx.conclude(LitigationOutcome::Withdrawn),
        }
        Ok(())
    }

    fn possible(case: &Case<Self>, verb: Verb) -> bool {
        match verb {
            // A second-instance judgment is final (Art. 85).
            V::ServeJudgment | V::Appeal => case.data.instance == Instance::First,
            _ => true,
        }
    }

    fn form(case: &Case<Self>, verb: Verb) -> Vec<Field> {
        let second = case.data.instance == Instance::Second;
        match verb {
            V::ScheduleHearing => vec![Field::date("hearing_on", "开庭日期").required()],
            V::RescheduleHearing => vec![Field::date("hearing_on", "改期后的开庭日期").required()],
            V::HoldHearing => {
                let mut ranks = options(&RANKS, |r| r.zh().to_owned());
                ranks.push((NOBODY.to_owned(), "无人出庭".to_owned()));
                vec![
                    Field::choice("rank", "出庭人员的职务层级", ranks),
                    Field::text("appearer", "出庭人员(姓名、职务)"),
                    Field::check("identity_proof_filed", "开庭前已向法院提交负责人身份证明"),
                    Field::check("spoke", "负责人当庭发言"),
                ]
            }
            V::Judge if second => vec![
                Field::choice("appellate", "二审结果", options(&Appellate::ALL, |a| a.zh().to_owned())),
                Field::choice(
                    "outcome",
                    "判决(裁定)结果(改判时填写改判后的结果)",
                    options(&LitigationOutcome::ALL, |o| o.zh().to_owned()),
                ),
            ],
            V::Judge => vec![Field::choice(
                "outcome",
                "判决(裁定)结果",
                options(&LitigationOutcome::ALL, |o| o.zh().to_owned()),
            )],
            V::ServeJudgment => {
                vec![Field::check("ruling", "是裁定书(上诉期限10日;判决书为15日,《行政诉讼法》第八十五条)")]
            }
            V::Appeal => {
                vec![Field::check("by_agency", "由本机关提起上诉(不勾选:对方当事人上诉,日期填收到上诉状副本之日)")]
            }
            _ => Vec::new(),
        }
    }

    /// Who appeared is one value of the action (`appearance`), entered as
    /// four fields.
    fn shape(verb: Verb, mut values: Map<String, Value>) -> Value {
        if verb != V::HoldHearing {
            return Value::Object(values);
        }
        let rank = values.remove("rank").unwrap_or(Value::Null);
        let name = values.remove("appearer").unwrap_or(Value::Null);
        let proof = values.remove("identity_proof_filed").unwrap_or(Value::Bool(false));
        let spoke = values.remove("spoke").unwrap_or(Value::Bool(false));
        let name_empty = name.as_str().is_none_or(str::is_empty);
        let appearance = match rank.as_str() {
            None if name_empty => Value::Null,
            // Nobody appeared for the agency: still a hearing (出庭应诉率 denominator).
            Some(NOBODY) => {
                serde_json::json!({"rank": null, "name": "", "identity_proof_filed": false, "spoke": false})
            }
            _ => serde_json::json!({"rank": rank, "name": name, "identity_proof_filed": proof, "spoke": spoke}),
        };
        values.insert("appearance".to_owned(), appearance);
        Value::Object(values)
    }

    fn describe(action: &Action) -> String {
        match action {
            Action::ReceiveComplaint { after_reconsideration } => {
                format!("收到起诉状副本({})", if *after_reconsideration { "复议后起诉" } else { "直接起诉" })
            }
            Action::ScheduleHearing { hearing_on } => format!("通知开庭(听证),定于{hearing_on}"),
            Action::RescheduleHearing { hearing_on } => format!("开庭(听证)改期至{hearing_on}"),
            Action::HoldHearing { appearance: Some(a) } => match a.rank {
                None => "开庭,本机关无人出庭".to_owned(),
                Some(r) => format!("开庭,出庭人员:{}({})", a.name, r.zh()),
            },
            Action::Judge { outcome: Some(o), appellate: None } => format!("判决(裁定):{}", o.zh()),
            Action::Judge { outcome: Some(o), appellate: Some(a) } => format!("二审{}:{}", a.zh(), o.zh()),
            Action::Judge { outcome: None, appellate: Some(a) } => format!("二审{}", a.zh()),
            Action::ServeJudgment { ruling } => {
                format!("收到一审{}(上诉期限自次日起算)", if *ruling { "裁定书" } else { "判决书" })
            }
            Action::Appeal { by_agency: true } => "本机关提起上诉".to_owned(),
            Action::Appeal { by_agency: false } => "对方当事人上诉,收到上诉状副本".to_owned(),
            other => Self::verb_zh(Self::verb(other)).to_owned(),
        }
    }

    fn facts(r: &CaseRecord, case: &Case<Self>) -> Vec<Fact> {
        let plaintiff = if r.party_is_person { "原告(自然人)" } else { "原告(法人或其他组织)" };
        let route = if case.data.after_reconsideration { "复议后起诉" } else { "未经复议直接起诉" };
        let mut out = vec![
            ("被诉行政行为与诉讼请求", r.subject.clone()),
            ("行政行为类别", r.matter.clone()),
            ("应诉机关(被告)", r.unit_name.clone()),
            (plaintiff, r.party.clone()),
            ("受理法院", r.court.clone()),
            ("收到起诉状副本", r.received_on.clone()),
            ("起诉方式", route.to_owned()),
            ("审级", case.data.instance.zh().to_owned()),
        ];
        if let Some(o) = case.outcome {
            out.push(("裁判结果", format!("{}({})", o.zh(), o.article())));
        }
        out
    }
    /// A judgment concludes the case for the statistics while the appeal
    /// period runs.
    fn concludes(stage: Stage) -> bool {
        stage.is_terminal() || stage == S::Judged
    }
    fn hearing_on(case: &Case<Self>) -> Option<NaiveDate> {
        case.data.hearing_on
    }
    fn notes(case: &Case<Self>) -> Vec<String> {
        case.data
            .hearing_on
            .iter()
            .map(|d| {
                format!(
                    "已定于{d}开庭。请确定出庭应诉的负责人,并在开庭前向人民法院提交其身份证明(《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第六条)。"
                )
            })
            .collect()
    }
    /// Each hearing with who appeared and whether a qualifying 负责人 did.
    fn records(case: &Case<Self>) -> Option<Records> {
        if case.data.hearings.is_empty() {
            return None;
        }
        let rows = case
            .data
            .hearings
            .iter()
            .map(|h| {
                let who = match h.appearance.rank {
                    None => "无人出庭".to_owned(),
                    Some(r) => format!("{}({})", h.appearance.name, r.zh()),
                };
                let counts = match h.appearance.head_qualifies() {
                    Ok(true) => "负责人出庭".to_owned(),
                    Ok(false) => "负责人未出庭".to_owned(),
                    Err(why) => format!("负责人未出庭:{why}"),
                };
                vec![h.date.to_string(), h.instance.zh().to_owned(), who, counts]
            })
            .collect();
        Some(Records {
            title: "开庭与出庭应诉", headers: vec!["开庭日期", "审级", "出庭人员", "负责人出庭认定"], rows
        })
    }

    fn indicator_facts(case: &Case<Self>) -> Vec<super::catalogue::Fact> {
        // A case the record cannot read yet (not received) counts for nothing.
        super::indicators::LitigationRecord::of(case).map_or_else(Vec::new, |r| r.facts())
    }

    fn catalogue(config: &super::indicators::IndicatorConfig) -> Vec<super::catalogue::IndicatorDef> {
        super::indicators::litigation_catalogue(config)
    }

    fn counter_name(counter: &str) -> Option<&'static str> {
        super::catalogue::name_in(super::indicators::litigation_counter::NAMES, counter)
    }
}

/// A judgment fits its instance: in the second instance the court's answer to
/// the appeal is required (`None` returned for 发回重审, which leaves no
/// outcome yet).
fn check_judgment(
    case: &Case<Litigation>,
    outcome: Option<LitigationOutcome>,
    appellate: Option<Appellate>,
) -> Result<Option<LitigationOutcome>, TransitionError> {
    if case.data.instance != Instance::Second {
        if appellate.is_some() {
            return Err(invalid("本案不在二审中，不能登记二审裁判结果"));
        }
        return outcome.map(Some).ok_or_else(|| invalid("请选择判决（裁定）结果"));
    }
    let first = case.outcome;
    match appellate {
        None => {
            Err(invalid("二审案件请选择二审结果：驳回上诉、维持原判，改判，或发回重审（《行政诉讼法》第八十九条）"))
        }
        Some(Appellate::AppealRejected) => {
            first.map(Some).ok_or_else(|| invalid("本案没有一审裁判结果，不能“维持原判”，请核对"))
        }
        Some(Appellate::Amended) => match outcome {
            None => Err(invalid("改判须选择改判后的裁判结果（《行政诉讼法》第八十九条）")),
            Some(o) if Some(o) == first => {
                Err(invalid(format!("改判后的结果“{}”与一审相同；如二审维持一审，请选择“驳回上诉、维持原判”", o.zh())))
            }
            Some(o) => Ok(Some(o)),
        },
        Some(Appellate::Remanded) => Ok(None),
    }
}

/// An appeal by the agency must be lodged within the period of Art. 85 when
/// the service of the judgment was recorded.
fn check_appeal_in_time(cx: &StepCx<'_, Litigation>) -> Result<(), TransitionError> {
    let date = cx.date;
    match cx.engine.due_date(clock::KIND, clock::APPEAL, &cx.before.common.clock_events) {
        Ok(Some(due)) if date > due => Err(invalid(format!(
            "上诉期限已于{due}届满（《行政诉讼法》第八十五条：判决十五日、裁定十日，自送达之日起），{date}不能再提起上诉"
        ))),
        _ => Ok(()),
    }
}
