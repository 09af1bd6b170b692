//! Demo 信访 cases: about 180 a year (district reports give 60–300), most
//! registered by the 区信访局 and transferred or assigned to a department or
//! street, the rest received directly by a department. The mixes follow
//! district reports: 申诉求决类 70%, 建议意见类 15%, 检举控告类 15%; 初信初访 85%;
//! about one claim in eight diverted to litigation, 复议 or arbitration (the
//! 复议 ones four in five followed by the 复议 case they became, linked); answers
//! 支持 35%, 解释说明 45%, 不予支持 20%, and mediation or settlement in one
//! claim in seven; a few extended, a few late, a handful left overdue; most
//! petitioners rate the answer, nine in ten satisfied or basically; about a
//! third of the unsatisfied or unsupported claimants ask for a 复查 at the
//! district government, linked to the first case; some repeat petitions
//! linked to the earlier one.

use super::{one, pick, DemoUnit, Script, Seeder};
use crate::cases::{Filing, Party};
use crate::petitions::follow_up;
use crate::AppError;
use chrono::{Duration, NaiveDate};
use fazhi_core::procedure::petition::clock as xf_clock;
use fazhi_core::procedure::petition::{
    Action, Agreement, Category, Channel, DeclineGround, FollowUpKind, Petition, PetitionOutcome, Round, Route,
    Satisfaction,
};
use fazhi_core::procedure::reconsideration::{self as rec, Reconsideration};
use fazhi_core::procedure::{Case, Matter, ReconsiderationOutcome};
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::WriteTx;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CHANNELS: &[(Channel, u32)] =
    &[(Channel::Letter, 35), (Channel::Visit, 30), (Channel::Online, 30), (Channel::Other, 5)];
const CATEGORIES: &[(Category, u32)] = &[(Category::Claim, 70), (Category::Suggestion, 15), (Category::Accusation, 15)];
const OPINIONS: &[(PetitionOutcome, u32)] =
    &[(PetitionOutcome::Supported, 35), (PetitionOutcome::Explained, 45), (PetitionOutcome::NotSupported, 20)];
const RATINGS: &[(Satisfaction, u32)] =
    &[(Satisfaction::Satisfied, 70), (Satisfaction::Basically, 20), (Satisfaction::Unsatisfied, 10)];
const ROUTES: &[(Route, u32)] = &[
    (Route::Reconsideration, 40),
    (Route::Litigation, 30),
    (Route::Arbitration, 20),
    (Route::AdministrativeProcedure, 10),
];
const DECISIONS: &[(ReconsiderationOutcome, u32)] = &[
    (ReconsiderationOutcome::Upheld, 50),
    (ReconsiderationOutcome::ClaimRejected, 20),
    (ReconsiderationOutcome::Annulled, 15),
    (ReconsiderationOutcome::Terminated, 15),
];

const CLAIMS: &[&str] = &[
    "反映拖欠农民工工资问题,请求协调支付",
    "请求解决小区物业管理纠纷",
    "反映房屋征收补偿标准过低,请求重新评估",
    "请求办理不动产登记",
    "反映企业改制职工社会保险接续问题",
    "请求解决老旧小区加装电梯问题",
    "反映违法建设影响采光,请求依法查处",
    "请求落实退役军人优待政策",
    "反映夜间施工噪声扰民,请求处理",
    "请求重新核实最低生活保障资格",
];
const SUGGESTIONS: &[&str] =
    &["建议增设公交线路站点", "建议完善社区养老服务设施", "对城区停车管理提出意见建议", "建议加强校园周边交通秩序管理"];
const ACCUSATIONS: &[&str] =
    &["举报某单位工作人员违规收受财物", "检举某村干部侵占集体资金", "举报某企业偷排污水", "控告某执法人员执法不规范"];
/// The competent bodies petitions go to.
const BODIES: &[&str] = &[
    "区住房和城乡建设局",
    "区人力资源和社会保障局",
    "区规划和自然资源局",
    "区城市管理局",
    "区民政局",
    "区市场监督管理局",
    "区生态环境分局",
    "区退役军人事务局",
    "区综合行政执法局",
    "城南街道办事处",
];

/// Where the cases go.
pub(super) struct Places<'u> {
    /// 区信访局, where most petitions are registered.
    pub office: i64,
    /// The district government: 复查 of its departments' opinions (Art. 35).
    pub government: i64,
    /// 行政复议机构, for the 复议 a diversion becomes.
    pub reconsideration_office: Option<i64>,
    pub units: &'u [DemoUnit],
}

/// What was added: petitions (of every round) and the 复议 they became.
#[derive(Debug, Default)]
pub(super) struct Added {
    pub petitions: usize,
    pub reconsiderations: usize,
}

/// A stored first-round petition, for the cases that follow it.
struct Stored {
    row: CaseRow,
    case: Case<Petition>,
}

/// Adds the petitions (the caller checked there are none yet).
pub(super) async fn seed(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    places: &Places<'_>,
) -> Result<Added, AppError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_0C1A);
    let dates = seeder.spread(super::PETITION_PER_YEAR, percent);
    let forced = dates.len() / 3;
    let mut added = Added::default();
    let mut earlier: Vec<Stored> = Vec::new();
    for (i, &received) in dates.iter().enumerate() {
        let old = received < seeder.today - Duration::days(100);
        let overdue = old && (rng.gen_ratio(1, 100) || i == forced);
        // A repeat about an earlier matter links to it where the demo has one.
        let repeat =
            if rng.gen_ratio(3, 20) && !earlier.is_empty() { Some(rng.gen_range(0..earlier.len())) } else { None };
        let plan = first_round(seeder, &mut rng, places, received, overdue, repeat.map(|k| &earlier[k]))?;
        let Plan { script, filing, review } = plan;
        let row = script.store(tx, filing).await?;
        added.petitions += 1;
        let mut stored = Stored { row, case: script.state.clone() };
        if let Some(k) = repeat {
            note(seeder, tx, &mut earlier[k], FollowUpKind::Repeat, &stored.row).await?;
        }
        if let Some(route) = stored.case.data.route {
            if route == Route::Reconsideration && rng.gen_ratio(4, 5) {
                added.reconsiderations += diverted_reconsideration(seeder, tx, &mut rng, places, &stored).await?;
            }
        }
        if review {
            added.petitions += review_round(seeder, tx, &mut rng, places, &mut stored).await?;
        }
        earlier.push(stored);
    }
    Ok(added)
}

/// A planned first-round petition.
struct Plan<'s> {
    script: Script<'s, Petition>,
    filing: Filing,
    /// The petitioner asks for a 复查 of the opinion.
    review: bool,
}

fn subject_of(rng: &mut ChaCha8Rng, category: Category) -> &'static str {
    let list = match category {
        Category::Claim => CLAIMS,
        Category::Suggestion => SUGGESTIONS,
        Category::Accusation => ACCUSATIONS,
    };
    list[rng.gen_range(0..list.len())]
}

fn party() -> Party {
    Party { name: "演示信访人".to_owned(), contact: String::new(), person: true, court: String::new() }
}

fn filing(unit_id: i64, subject: &str, origin_id: Option<i64>) -> Filing {
    Filing {
        unit_id,
        handler_id: None,
        receipt_code: None,
        subject: subject.to_owned(),
        party: party(),
        origin_id,
        respondent_id: None,
        matter: Matter::Other,
    }
}

/// Days after `d` to the next step: mostly well in time, one in forty late.
fn wait(seeder: &Seeder<'_>, rng: &mut ChaCha8Rng, d: NaiveDate, usual: std::ops::RangeInclusive<i64>) -> NaiveDate {
    let days = if rng.gen_ratio(1, 40) { rng.gen_range(16..=20) } else { rng.gen_range(usual) };
    seeder.days_after(d, days)
}

fn first_round<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    places: &Places<'_>,
    received: NaiveDate,
    overdue: bool,
    repeat: Option<&Stored>,
) -> Result<Plan<'s>, AppError> {
    let at_office = rng.gen_ratio(7, 10);
    let unit = if at_office { places.office } else { one(rng, places.units).id };
    let category = match repeat.and_then(|r| r.case.data.category) {
        Some(c) => c,
        None => pick(rng, CATEGORIES),
    };
    let first = repeat.is_none() && rng.gen_ratio(17, 18);
    let register = Action::Register {
        channel: pick(rng, CHANNELS),
        category,
        first,
        repeat_of: repeat.map(|r| r.row.number.clone()),
        after_recheck: false,
    };
    let subject = match repeat {
        Some(r) => r.row.subject.clone(),
        None => subject_of(rng, category).to_owned(),
    };
    let mut script = seeder.start::<Petition>(register, received)?;
    let review = steps(seeder, rng, &mut script, at_office, category, overdue);
    Ok(Plan { script, filing: filing(unit, &subject, repeat.map(|r| r.row.id)), review })
}

/// Takes the steps of a first-round petition; whether the petitioner will ask
/// for a 复查.
fn steps(
    seeder: &Seeder<'_>,
    rng: &mut ChaCha8Rng,
    s: &mut Script<'_, Petition>,
    at_office: bool,
    category: Category,
    overdue: bool,
) -> bool {
    let received = s.last();
    if at_office {
        let on = wait(seeder, rng, received, 1..=10);
        s.at(on, Action::Transfer { to: (*one(rng, BODIES)).to_owned(), assigned: rng.gen_ratio(1, 5) });
        if rng.gen_ratio(1, 15) {
            let objected = seeder.working_days_after(s.last(), rng.gen_range(1..=4));
            s.at(
                objected,
                Action::Object {
                    reason: "该事项不属于本单位职权范围,建议转送有关主管部门".to_owned()
                },
            );
            let again = seeder.days_after(s.last(), rng.gen_range(2..=5));
            s.at(again, Action::Transfer { to: (*one(rng, BODIES)).to_owned(), assigned: false });
        }
    } else if rng.gen_ratio(1, 25) {
        let on = seeder.days_after(received, rng.gen_range(2..=8));
        s.at(on, Action::Decline { ground: Some(DeclineGround::NotCompetent) });
        return false;
    }
    let told = wait(seeder, rng, s.last(), 2..=10);
    let diverted = match category {
        Category::Claim if rng.gen_ratio(1, 8) => Some(pick(rng, ROUTES)),
        Category::Accusation if rng.gen_ratio(2, 5) => Some(Route::Discipline),
        _ => None,
    };
    if let Some(route) = diverted {
        s.at(told, Action::Divert { route: Some(route), note: "已告知信访人依法定途径提出".to_owned() });
        return false;
    }
    if !s.at(told, Action::Accept) {
        return false;
    }
    if rng.gen_ratio(1, 50) {
        let on = seeder.days_after(s.last(), rng.gen_range(5..=20));
        s.at(on, Action::Withdraw);
        return false;
    }
    let claim = category == Category::Claim;
    if claim && rng.gen_ratio(1, 40) {
        let notified = seeder.days_after(s.last(), rng.gen_range(10..=20));
        let hearing_on = seeder.days_after(notified, rng.gen_range(5..=10));
        s.at(notified, Action::ScheduleHearing { hearing_on });
        s.at(hearing_on, Action::HoldHearing);
    }
    let extended = claim && rng.gen_ratio(1, 12);
    if extended {
        if let Some(due) = s.due(xf_clock::HANDLING) {
            let on = (due - Duration::days(rng.gen_range(3..=8))).max(s.last());
            s.at(
                on,
                Action::GrantExtension {
                    days: 30,
                    approved_by: "分管负责人".to_owned(),
                    reason: "情况复杂,需进一步调查核实".to_owned(),
                },
            );
        }
    }
    if overdue {
        return false;
    }
    let days = match (claim, extended) {
        (true, true) => rng.gen_range(70..=85),
        // One answer in forty comes after the 60 days.
        (true, false) if rng.gen_ratio(1, 40) => rng.gen_range(62..=70),
        (true, false) => rng.gen_range(20..=55),
        (false, _) => rng.gen_range(10..=40),
    };
    let answered = seeder.days_after(told, days).max(s.last());
    let opinion = if claim && rng.gen_ratio(1, 7) {
        let agreement = if rng.gen_ratio(2, 3) { Agreement::Mediation } else { Agreement::Settlement };
        s.at(answered, Action::Settle { agreement: Some(agreement) });
        None
    } else {
        let o = pick(rng, OPINIONS);
        s.at(answered, Action::Answer { outcome: Some(o) });
        Some(o)
    };
    let mut unsatisfied = false;
    if s.state.outcome.is_some() && rng.gen_ratio(17, 20) {
        let rating = pick(rng, RATINGS);
        unsatisfied = rating == Satisfaction::Unsatisfied;
        let on = seeder.days_after(s.last(), rng.gen_range(1..=10));
        s.at(on, Action::Rate { satisfaction: Some(rating) });
    }
    let disputed = unsatisfied || opinion == Some(PetitionOutcome::NotSupported);
    claim && opinion.is_some() && disputed && rng.gen_ratio(1, 3)
}

/// Records on an earlier stored case that `later` followed it.
async fn note(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    earlier: &mut Stored,
    kind: FollowUpKind,
    later: &CaseRow,
) -> Result<(), AppError> {
    let received = NaiveDate::parse_from_str(&later.received_on, "%Y-%m-%d")
        .map_err(|e| AppError::Internal(format!("demo petition date: {e}")))?;
    if let Some((step, case)) = follow_up(&seeder.engine, &earlier.case, kind, &later.number, received, seeder.today)? {
        earlier.row =
            cases::record_step(tx, &earlier.row.region_code, earlier.row.id, earlier.row.version, &step).await?;
        earlier.case = case;
    }
    Ok(())
}

/// A 复查 of `first`'s opinion at the district government (Art. 35), within
/// the 30 days, answered within its 30; noted on `first`.
async fn review_round(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    rng: &mut ChaCha8Rng,
    places: &Places<'_>,
    first: &mut Stored,
) -> Result<usize, AppError> {
    let (Some(answered_on), Some(category)) = (first.case.common.closed_on, first.case.data.category) else {
        return Ok(0);
    };
    let reply_received_on = answered_on + Duration::days(rng.gen_range(1..=3));
    let received = seeder.days_after(reply_received_on, rng.gen_range(5..=25));
    if received > seeder.today {
        return Ok(0);
    }
    let request = Action::ReceiveReview {
        round: Round::Review,
        reviews: first.row.number.clone(),
        channel: Channel::Visit,
        category,
        answered_on,
        reply_received_on,
    };
    let mut s = seeder.start::<Petition>(request, received)?;
    let outcome = if rng.gen_ratio(17, 20) { PetitionOutcome::Upheld } else { PetitionOutcome::Changed };
    s.at(seeder.days_after(received, rng.gen_range(12..=27)), Action::Answer { outcome: Some(outcome) });
    if s.state.outcome.is_some() && rng.gen_ratio(7, 10) {
        let on = seeder.days_after(s.last(), rng.gen_range(1..=10));
        s.at(on, Action::Rate { satisfaction: Some(pick(rng, RATINGS)) });
    }
    let subject = format!("对{}的处理意见不服,请求复查", first.row.number);
    let row = s.store(tx, filing(places.government, &subject, Some(first.row.id))).await?;
    note(seeder, tx, first, FollowUpKind::Review, &row).await?;
    Ok(1)
}

/// The 复议 a petition diverted there became (行政复议法 Art. 20: within 60
/// days of knowing of the act), linked to the petition.
async fn diverted_reconsideration(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    rng: &mut ChaCha8Rng,
    places: &Places<'_>,
    petition: &Stored,
) -> Result<usize, AppError> {
    let (Some(office), Some(diverted), Some(petitioned)) =
        (places.reconsideration_office, petition.case.common.closed_on, petition.case.common.received_on)
    else {
        return Ok(0);
    };
    let received = seeder.days_after(diverted, rng.gen_range(3..=15));
    if received > seeder.today {
        return Ok(0);
    }
    let known_on = petitioned.max(received - Duration::days(50));
    let first = rec::Action::ReceiveApplication {
        known_on,
        late_reason: None,
        rights_learned_on: None,
        act_on: None,
        immovable: false,
    };
    let mut s = seeder.start::<Reconsideration>(first, received)?;
    s.at(seeder.working_days_after(received, rng.gen_range(1..=4)), rec::Action::Accept);
    let decided = seeder.days_after(s.last(), rng.gen_range(25..=55));
    let outcome = pick(rng, DECISIONS);
    s.at(decided, rec::Action::Decide { outcome: Some(outcome), self_corrected: false, after_withdrawal: false });
    let respondent = places.units.iter().find(|u| u.kind == fazhi_core::org::UnitKind::Department).map(|u| u.id);
    let filing = Filing {
        unit_id: office,
        handler_id: None,
        receipt_code: None,
        subject: format!("{}(经信访事项{}导入行政复议)", petition.row.subject, petition.row.number),
        party: party(),
        origin_id: Some(petition.row.id),
        respondent_id: respondent,
        matter: Matter::Other,
    };
    s.store(tx, filing).await?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};
    use fazhi_core::org::UnitKind;

    #[test]
    fn plans_never_step_outside_the_procedure() {
        let cal = Calendar::builtin();
        let units = [DemoUnit { id: 2, code: "YC-ZJJ".into(), kind: UnitKind::Department }];
        let places = Places { office: 1, government: 3, reconsideration_office: Some(4), units: &units };
        for (n, today) in ["2025-03-03", "2025-12-31", "2026-03-02", "2026-11-22"].iter().enumerate() {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap_or_default();
            let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
            let mut rng = ChaCha8Rng::seed_from_u64(n as u64);
            let mut answered = 0;
            for received in seeder.spread(super::super::PETITION_PER_YEAR, 100) {
                let overdue = rng.gen_ratio(1, 100);
                let plan = first_round(&seeder, &mut rng, &places, received, overdue, None)
                    .unwrap_or_else(|e| panic!("{e:?}"));
                assert!(plan.script.refused.is_none(), "{:?}", plan.script.refused);
                answered += usize::from(plan.script.state.outcome.is_some_and(PetitionOutcome::resolved));
            }
            assert!(answered > 100 || n == 0, "{answered}");
        }
    }
}
