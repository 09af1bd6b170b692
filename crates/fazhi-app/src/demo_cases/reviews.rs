//! Demo 行政复议 and 行政应诉 cases at the scale of published district
//! reports: about 4,600 reconsideration applications a year handled by the
//! 复议机构 (区司法局行政复议与应诉科) against the departments and streets,
//! and about 1,100 suits a year in which a department or street is the
//! defendant, a quarter of them after reconsideration.
//!
//! The mixes follow district reports: for reconsideration about 8% 不予受理,
//! 40% simplified procedure, and decisions 维持 35%, 驳回复议请求 15%, 撤销 8%,
//! 变更 2%, 确认违法 5%, 责令履行 2%, 确认无效 0.5%, 终止 18% (a third after the
//! respondent corrected its own act), 调解 7%, 和解 5%, 驳回复议申请 2.5%, all
//! within the legal period except a handful left open past it; for suits
//! 驳回诉讼请求 55%, 撤诉 18%, 驳回起诉 10%, 撤销 6%, 确认违法 5%, 判决履行 2%,
//! a quarter appealed, and a 负责人 appearing at about four hearings in five.
//! About 6% of both are about 政府信息公开 (matter `goi`, table 4), linked to
//! the demo disclosure reply they challenge.

use super::{one, pick, DemoUnit, Script, Seeder};
use crate::cases::{Filing, Party};
use crate::AppError;
use chrono::{Duration, NaiveDate};
use fazhi_core::org::UnitKind;
use fazhi_core::procedure::disclosure::{self, Disclosure};
use fazhi_core::procedure::litigation::{self as lit, Litigation};
use fazhi_core::procedure::reconsideration::clock as rec_clock;
use fazhi_core::procedure::reconsideration::{self as rec, Reconsideration};
use fazhi_core::procedure::{
    Appearance, AppearerRank, Appellate, Case, DisclosureOutcome, LitigationOutcome, LossDefinition, Matter, Procedure,
    ReconsiderationOutcome, SimplifiedGround,
};
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::{Store, WriteTx};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// Decision mix of reconsideration (in half-percent).
const DECISIONS: &[(ReconsiderationOutcome, u32)] = &[
    (ReconsiderationOutcome::Upheld, 70),
    (ReconsiderationOutcome::ClaimRejected, 30),
    (ReconsiderationOutcome::Annulled, 16),
    (ReconsiderationOutcome::Varied, 4),
    (ReconsiderationOutcome::ConfirmedIllegal, 10),
    (ReconsiderationOutcome::PerformanceOrdered, 4),
    (ReconsiderationOutcome::ConfirmedVoid, 1),
    (ReconsiderationOutcome::Terminated, 36),
    (ReconsiderationOutcome::Mediated, 14),
    (ReconsiderationOutcome::Settled, 10),
    (ReconsiderationOutcome::ApplicationDismissed, 5),
];

/// Judgment mix of litigation (in half-percent).
const JUDGMENTS: &[(LitigationOutcome, u32)] = &[
    (LitigationOutcome::ClaimRejected, 110),
    (LitigationOutcome::Annulled, 12),
    (LitigationOutcome::ConfirmedIllegal, 10),
    (LitigationOutcome::PerformanceOrdered, 4),
    (LitigationOutcome::PaymentOrdered, 1),
    (LitigationOutcome::ConfirmedVoid, 1),
    (LitigationOutcome::Compensation, 2),
    (LitigationOutcome::Varied, 1),
    (LitigationOutcome::Withdrawn, 36),
    (LitigationOutcome::SuitDismissed, 20),
    (LitigationOutcome::Mediated, 2),
    (LitigationOutcome::OtherRuling, 1),
];

const REJECT_REASONS: &[&str] = &[
    "申请人与被申请行政复议的行政行为没有利害关系，不符合《行政复议法》第三十条第一款第二项规定的受理条件",
    "申请事项不属于行政复议范围（《行政复议法》第十二条）",
    "超过法定申请期限且无正当理由（《行政复议法》第二十条）",
    "申请人已就同一行政行为提起行政诉讼，人民法院已经依法受理（《行政复议法》第二十九条）",
];

const LATE_REASONS: &[&str] =
    &["申请人因住院治疗耽误申请期限，已提交病历证明", "申请人因不可抗力（自然灾害）耽误申请期限"];

const SUSPEND_REASONS: &[&str] = &[
    "案件涉及法律适用问题，需要有权机关作出解释或者确认（《行政复议法》第三十九条第一款第九项）",
    "案件审理需要以其他尚未审结的案件结果为依据（《行政复议法》第三十九条第一款第十项）",
];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];

/// What a case can be about, by the field of the challenged act.
fn subjects(matter: Matter) -> &'static [&'static str] {
    match matter {
        Matter::Goi => &["不服政府信息公开申请答复", "不服政府信息公开申请答复（信息不存在）"],
        Matter::Penalty => &[
            "不服行政处罚决定（罚款）",
            "不服行政处罚决定（没收违法所得并处罚款）",
            "不服行政处罚决定（警告）",
            "不服责令停产停业的行政处罚决定",
        ],
        Matter::Permit => &["不服不予行政许可决定", "不服撤销行政许可决定", "不服建设工程规划许可"],
        Matter::Coercion => &["不服限期拆除违法建设决定", "不服强制拆除违法建设行为", "不服查封、扣押财物决定"],
        Matter::Expropriation => &["不服房屋征收补偿决定", "不服集体土地征收补偿安置行为"],
        Matter::Inaction => &["申请责令履行投诉举报处理职责", "申请责令履行查处违法行为的法定职责"],
        Matter::Other => &["不服工伤认定决定", "不服行政确认行为", "不服行政登记行为"],
    }
}

/// The fields a unit's acts belong to, weighted.
fn matters(unit: &DemoUnit) -> &'static [(Matter, u32)] {
    use Matter::*;
    if matches!(unit.kind, UnitKind::Subdistrict | UnitKind::Township) {
        // 拆违 and 征收 above all.
        return &[(Coercion, 55), (Expropriation, 20), (Inaction, 15), (Other, 10)];
    }
    match unit.code.trim_start_matches("YC-") {
        "SCJGJ" => &[(Penalty, 50), (Inaction, 30), (Permit, 10), (Other, 10)],
        "GAJ" => &[(Penalty, 70), (Inaction, 15), (Coercion, 5), (Other, 10)],
        "ZRZYJ" => &[(Expropriation, 35), (Permit, 25), (Penalty, 15), (Inaction, 10), (Other, 15)],
        "ZHZFJ" | "CGJ" => &[(Penalty, 50), (Coercion, 35), (Other, 15)],
        "RSJ" => &[(Other, 60), (Inaction, 30), (Penalty, 10)],
        "ZJJ" => &[(Permit, 30), (Expropriation, 30), (Penalty, 20), (Other, 20)],
        _ => &[(Penalty, 30), (Permit, 20), (Inaction, 25), (Other, 25)],
    }
}

/// How often a unit is the respondent or defendant.
fn weight(unit: &DemoUnit) -> u32 {
    match unit.kind {
        UnitKind::Subdistrict | UnitKind::Township => 3,
        UnitKind::Department => match unit.code.trim_start_matches("YC-") {
            "SCJGJ" | "GAJ" => 14,
            "ZRZYJ" | "ZHZFJ" => 8,
            "RSJ" => 6,
            "CGJ" | "ZJJ" => 5,
            "STHJJ" | "JTJ" => 3,
            "WJJ" | "YBJ" | "SWJ" | "NYJ" | "MZJ" | "JYJ" => 2,
            _ => 1,
        },
        _ => 0,
    }
}

/// The departments and streets, weighted.
struct Targets<'u> {
    units: &'u [DemoUnit],
    weighted: Vec<(usize, u32)>,
}

impl<'u> Targets<'u> {
    fn new(units: &'u [DemoUnit]) -> Self {
        let weighted = units.iter().enumerate().map(|(i, u)| (i, weight(u))).filter(|(_, w)| *w > 0).collect();
        Targets { units, weighted }
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> &'u DemoUnit {
        &self.units[pick(rng, &self.weighted)]
    }

    fn get(&self, id: i64) -> Option<&'u DemoUnit> {
        self.units.iter().find(|u| u.id == id && weight(u) > 0)
    }
}

/// A case a review can challenge.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    /// Reply or decision date.
    closed: NaiveDate,
    id: i64,
    number: String,
    /// The unit whose act it is: the disclosure's handling unit, the reconsideration's respondent.
    unit_id: i64,
    matter: Matter,
    subject: String,
}

/// The demo cases reviews can challenge, each at most once.
#[derive(Debug, Default)]
pub(super) struct Origins {
    /// Disclosure replies (other than full disclosure), by reply date.
    disclosures: Vec<Origin>,
    /// Reconsideration decisions the applicant lost, by decision date.
    decisions: Vec<Origin>,
    used: HashSet<i64>,
}

fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

fn state<P: Procedure>(row: &CaseRow) -> Option<Case<P>> {
    serde_json::from_str(&row.state_json).ok()
}

impl Origins {
    /// Reads them from the database; cases already challenged are left out.
    pub(super) async fn load(store: &Store) -> Result<Origins, AppError> {
        let pool = store.pool();
        let everything = fazhi_store::Scope::everything();
        let mut origins = Origins::default();
        for kind in [Reconsideration::ID, Litigation::ID] {
            for r in cases::of_kind(pool, kind, &everything, true).await? {
                origins.used.extend(r.origin_id);
            }
        }
        for r in cases::of_kind(pool, Disclosure::ID, &everything, true).await? {
            let case = state::<Disclosure>(&r);
            let refused = case.as_ref().and_then(|s| s.outcome).is_some_and(|o| o != DisclosureOutcome::Disclosed);
            let replied = case.is_some_and(|c| c.stage == disclosure::Stage::Replied);
            if let (true, Some(closed)) = (refused && replied, parse_date(r.closed_on.as_deref())) {
                origins.disclosures.push(Origin {
                    closed,
                    id: r.id,
                    number: r.number,
                    unit_id: r.unit_id,
                    matter: Matter::Goi,
                    subject: r.subject,
                });
            }
        }
        for r in cases::of_kind(pool, Reconsideration::ID, &everything, true).await? {
            let lost = state::<Reconsideration>(&r).and_then(|s| s.outcome).is_some_and(|o| {
                matches!(
                    o,
                    ReconsiderationOutcome::Upheld
                        | ReconsiderationOutcome::ClaimRejected
                        | ReconsiderationOutcome::ApplicationDismissed
                )
            });
            let closed = parse_date(r.closed_on.as_deref());
            if let (true, Some(closed), Some(unit_id), Some(matter)) =
                (lost, closed, r.respondent_id, Matter::parse(&r.matter))
            {
                origins.decisions.push(Origin {
                    closed,
                    id: r.id,
                    number: r.number,
                    unit_id,
                    matter,
                    subject: r.subject,
                });
            }
        }
        origins.disclosures.sort_by_key(|o| (o.closed, o.id));
        origins.decisions.sort_by_key(|o| (o.closed, o.id));
        Ok(origins)
    }

    /// An unused case of `list` closed in `[from, to]` whose unit can be a respondent.
    fn take(
        list: &[Origin],
        used: &mut HashSet<i64>,
        rng: &mut ChaCha8Rng,
        from: NaiveDate,
        to: NaiveDate,
        targets: &Targets<'_>,
    ) -> Option<Origin> {
        let lo = list.partition_point(|o| o.closed < from);
        let hi = list.partition_point(|o| o.closed <= to);
        if lo >= hi {
            return None;
        }
        let n = hi - lo;
        let start = rng.gen_range(0..n);
        (0..n)
            .map(|k| &list[lo + (start + k) % n])
            .find(|o| !used.contains(&o.id) && targets.get(o.unit_id).is_some())
            .inspect(|o| {
                used.insert(o.id);
            })
            .cloned()
    }

    fn disclosure(&mut self, rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate, t: &Targets<'_>) -> Option<Origin> {
        Self::take(&self.disclosures, &mut self.used, rng, from, to, t)
    }

    fn decision(&mut self, rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate, t: &Targets<'_>) -> Option<Origin> {
        Self::take(&self.decisions, &mut self.used, rng, from, to, t)
    }
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Adds the reconsideration applications (the caller checked there are none yet); returns how many.
pub(super) async fn seed_reconsiderations(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    office: i64,
    units: &[DemoUnit],
    origins: &mut Origins,
) -> Result<usize, AppError> {
    let targets = Targets::new(units);
    if targets.weighted.is_empty() {
        return Ok(0);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xF0F0_0001);
    let dates = seeder.spread(super::RECONSIDERATION_PER_YEAR, percent);
    // At any scale, one case (half-way) is left undecided past its due date.
    let forced = dates.len() / 2;
    for (i, &received) in dates.iter().enumerate() {
        let lucky = rng.gen_ratio(3, 1000);
        let overdue = received < seeder.today - days(100) && (lucky || i == forced);
        let (script, filing) = reconsideration(seeder, &mut rng, received, office, &targets, origins, overdue)?;
        script.store(tx, filing).await?;
    }
    Ok(dates.len())
}

/// Plans one reconsideration case: what it challenges, then its steps.
fn reconsideration<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    received: NaiveDate,
    office: i64,
    targets: &Targets<'_>,
    origins: &mut Origins,
    overdue: bool,
) -> Result<(Script<'s, Reconsideration>, Filing), AppError> {
    let goi = rng.gen_ratio(6, 100);
    let origin = if goi { origins.disclosure(rng, received - days(50), received - days(3), targets) } else { None };
    let (respondent, matter, subject, known_on, late_reason) = match &origin {
        // The applicant knew of the reply when it arrived, a day or three after it was sent.
        Some(o) => (
            o.unit_id,
            Matter::Goi,
            format!("不服{}号政府信息公开申请答复（申请公开{}）", o.number, o.subject),
            (o.closed + days(rng.gen_range(1..=3))).min(received),
            None,
        ),
        None => {
            let unit = targets.pick(rng);
            let matter = if goi { Matter::Goi } else { pick(rng, matters(unit)) };
            let subject = (*one(rng, subjects(matter))).to_owned();
            if rng.gen_ratio(1, 100) {
                // Past the 60 days of Art. 20, with a reason.
                let known = received - days(rng.gen_range(70..=150));
                (unit.id, matter, subject, known, Some((*one(rng, LATE_REASONS)).to_owned()))
            } else {
                (unit.id, matter, subject, received - days(rng.gen_range(5..=50)), None)
            }
        }
    };
    let person = rng.gen_ratio(85, 100);
    let party = Party {
        name: if person { "演示申请人" } else { "演示某某有限公司" }.to_owned(),
        contact: String::new(),
        person,
        court: String::new(),
    };
    let filing = Filing {
        unit_id: office,
        handler_id: None,
        receipt_code: None,
        subject,
        party,
        origin_id: origin.map(|o| o.id),
        respondent_id: Some(respondent),
        matter,
    };
    let mut script = receive_application(seeder, known_on, late_reason, received)?;
    review(&mut script, rng, overdue);
    Ok((script, filing))
}

/// Starts a reconsideration with the application. Late in a year whose next
/// holiday notice is not loaded, the engine cannot tell when a 60-day limit
/// running into that year ends and refuses the receipt; the applicant is then
/// taken to have learnt of the act earlier, so that the limit ends inside
/// the calendar.
fn receive_application<'s>(
    seeder: &'s Seeder<'s>,
    known_on: NaiveDate,
    late_reason: Option<String>,
    received: NaiveDate,
) -> Result<Script<'s, Reconsideration>, AppError> {
    let start = |known_on| {
        let first = rec::Action::ReceiveApplication {
            known_on,
            late_reason: late_reason.clone(),
            rights_learned_on: None,
            act_on: None,
            immovable: false,
        };
        seeder.start::<Reconsideration>(first, received)
    };
    let mut result = start(known_on);
    for lag in [30, 45, 58] {
        let earlier = received - days(lag);
        if result.is_ok() || late_reason.is_some() || earlier >= known_on {
            continue;
        }
        result = start(earlier);
    }
    result
}

/// The steps of a reconsideration after receipt, until it is decided or a step would fall after today.
fn review(s: &mut Script<'_, Reconsideration>, rng: &mut ChaCha8Rng, overdue: bool) {
    let sd = s.seeder;
    if !overdue && rng.gen_ratio(3, 100) {
        // One all-in-one correction notice (Art. 31).
        if !s.at(sd.working_days_after(s.last(), rng.gen_range(1..=4)), rec::Action::RequestCorrection) {
            return;
        }
        if rng.gen_ratio(1, 4) {
            // No correction in time: deemed abandoned (Art. 31 ¶2).
            s.at(sd.working_days_after(s.last(), rng.gen_range(12..=20)), rec::Action::Abandon);
            return;
        }
        if !s.at(sd.working_days_after(s.last(), rng.gen_range(3..=12)), rec::Action::ReceiveCorrection) {
            return;
        }
    }
    if !overdue && rng.gen_ratio(8, 100) {
        let reason = (*one(rng, REJECT_REASONS)).to_owned();
        s.at(sd.working_days_after(s.last(), rng.gen_range(2..=5)), rec::Action::Reject { reason });
        return;
    }
    let accepted = sd.working_days_after(s.last(), rng.gen_range(1..=5));
    if !s.at(accepted, rec::Action::Accept) {
        return;
    }
    let outcome = pick(rng, DECISIONS);
    let simplified = rng.gen_ratio(40, 100);
    if simplified && !s.at(accepted, rec::Action::ApplySimplified { ground: Some(SimplifiedGround::SmallAmount) }) {
        return;
    }
    let copy_within = if simplified { 3 } else { 6 };
    if !s.at(sd.working_days_after(accepted, rng.gen_range(1..=copy_within)), rec::Action::ServeCopy) {
        return;
    }
    if !simplified && rng.gen_ratio(2, 100) {
        let reason = (*one(rng, SUSPEND_REASONS)).to_owned();
        if !s.at(sd.days_after(s.last(), rng.gen_range(5..=15)), rec::Action::Suspend { reason }) {
            return;
        }
        if !s.at(sd.days_after(s.last(), rng.gen_range(15..=45)), rec::Action::Resume) {
            return;
        }
    }
    if !simplified && rng.gen_ratio(10, 100) {
        // 听证, notified at least five working days ahead (Art. 51).
        let notice = sd.days_after(s.last(), rng.gen_range(3..=12));
        let hearing_on = sd.working_days_after(notice, rng.gen_range(6..=10));
        if !s.at(notice, rec::Action::ScheduleHearing { hearing_on }) {
            return;
        }
        if !s.at(hearing_on, rec::Action::HoldHearing) {
            return;
        }
    }
    if !simplified && rng.gen_ratio(5, 100) {
        // A complex case: 30 more days, approved before the period runs out (Art. 62).
        if let Some(due) = s.due(rec_clock::DECISION) {
            let on = due - days(rng.gen_range(3..=10));
            if on >= s.last() {
                let approved_by = "复议机构负责人".to_owned();
                if !s.at(sd.working_day(on).min(due), rec::Action::GrantExtension { days: 30, approved_by }) {
                    return;
                }
            }
        }
    }
    let agreed = outcome.is_mediation_or_settlement();
    if agreed || rng.gen_ratio(4, 100) {
        if !s.at(sd.days_after(s.last(), rng.gen_range(2..=10)), rec::Action::StartMediation) {
            return;
        }
        if !agreed && !s.at(sd.days_after(s.last(), rng.gen_range(5..=15)), rec::Action::EndMediation) {
            return;
        }
    }
    if overdue {
        return; // left open past the due date: the workbench shows it overdue
    }
    let Some(due) = s.due(rec_clock::DECISION) else { return };
    let last = s.last();
    let room = (due - last).num_days();
    let mut on = if room <= 0 {
        last
    } else {
        // Decisions on the merits late in the period; withdrawals and agreements earlier.
        let early = matches!(outcome, ReconsiderationOutcome::Terminated) || agreed;
        last + days(rng.gen_range(if early { 0 } else { room / 3 }..=room))
    };
    while on > last && !sd.cal.is_working_day(on).unwrap_or(true) {
        on -= days(1);
    }
    let terminated = outcome == ReconsiderationOutcome::Terminated;
    let self_corrected = terminated && rng.gen_ratio(1, 3);
    // Most terminations follow the applicant's withdrawal (Art. 41 (1)); a few
    // have other grounds (death, dissolution).
    let after_withdrawal = terminated && (self_corrected || rng.gen_ratio(9, 10));
    s.at(on, rec::Action::Decide { outcome: Some(outcome), self_corrected, after_withdrawal });
}

/// Adds the litigation cases (the caller checked there are none yet); returns how many.
pub(super) async fn seed_litigation(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    units: &[DemoUnit],
    origins: &mut Origins,
) -> Result<usize, AppError> {
    let targets = Targets::new(units);
    if targets.weighted.is_empty() {
        return Ok(0);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0A7_0002);
    let dates = seeder.spread(super::LITIGATION_PER_YEAR, percent);
    for &received in &dates {
        let (script, filing) = litigation(seeder, &mut rng, received, &targets, origins)?;
        script.store(tx, filing).await?;
    }
    Ok(dates.len())
}

/// Plans one suit: what it challenges, then its steps.
fn litigation<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    received: NaiveDate,
    targets: &Targets<'_>,
    origins: &mut Origins,
) -> Result<(Script<'s, Litigation>, Filing), AppError> {
    // 复议后起诉 within 15 days of the decision (行政诉讼法 Art. 45).
    let after = rng.gen_ratio(25, 100);
    let goi = rng.gen_ratio(6, 100);
    let decision = if after { origins.decision(rng, received - days(15), received - days(3), targets) } else { None };
    let disclosure = if goi && decision.is_none() {
        origins.disclosure(rng, received - days(180), received - days(10), targets)
    } else {
        None
    };
    let (defendant, matter, subject, origin_id) = match (&decision, &disclosure) {
        (Some(o), _) => (o.unit_id, o.matter, format!("{}（经{}号行政复议决定）", o.subject, o.number), Some(o.id)),
        (None, Some(o)) => (
            o.unit_id,
            Matter::Goi,
            format!("不服{}号政府信息公开申请答复（申请公开{}）", o.number, o.subject),
            Some(o.id),
        ),
        (None, None) => {
            let unit = targets.pick(rng);
            let matter = if goi { Matter::Goi } else { pick(rng, matters(unit)) };
            (unit.id, matter, (*one(rng, subjects(matter))).to_owned(), None)
        }
    };
    let kind = targets.get(defendant).map(|u| u.kind).unwrap_or(UnitKind::Department);
    let person = rng.gen_ratio(80, 100);
    let party = Party {
        name: if person { "演示原告" } else { "演示某某有限公司" }.to_owned(),
        contact: String::new(),
        person,
        court: "华阳市云川区人民法院".to_owned(),
    };
    let filing = Filing {
        unit_id: defendant,
        handler_id: None,
        receipt_code: None,
        subject,
        party,
        origin_id,
        respondent_id: None,
        matter,
    };
    let first = lit::Action::ReceiveComplaint { after_reconsideration: decision.is_some() };
    let mut script = seeder.start::<Litigation>(first, received)?;
    suit(&mut script, rng, kind);
    Ok((script, filing))
}

/// Who appears for the defendant: a 负责人 at about four hearings in five.
fn appearance(rng: &mut ChaCha8Rng, kind: UnitKind) -> Appearance {
    let (head, deputy, leader) = match kind {
        UnitKind::Subdistrict => ("主任", "副主任", "党工委委员"),
        UnitKind::Township => ("镇长", "副镇长", "党委委员"),
        _ => ("局长", "副局长", "党组成员"),
    };
    let surname = *one(rng, SURNAMES);
    let (rank, title, proof) = match rng.gen_range(0..100) {
        0..=11 => (AppearerRank::Principal, head, true),
        12..=66 => (AppearerRank::Deputy, deputy, true),
        67..=78 => (AppearerRank::OtherResponsibleLeader, leader, true),
        // Identity proof not filed before the hearing: does not count (2020 规定 Art. 6).
        79 => (AppearerRank::Deputy, deputy, false),
        _ => (AppearerRank::Staff, "工作人员", false),
    };
    Appearance {
        rank: Some(rank),
        name: format!("{title} {surname}某"),
        identity_proof_filed: proof,
        spoke: rank.is_head() && rng.gen_ratio(95, 100),
    }
}

/// Notifies a hearing and holds it (if not after today).
fn hearing(s: &mut Script<'_, Litigation>, rng: &mut ChaCha8Rng, kind: UnitKind) -> bool {
    let sd = s.seeder;
    let notice = sd.days_after(s.last(), rng.gen_range(5..=40));
    let hearing_on = sd.days_after(notice, rng.gen_range(5..=25));
    s.at(notice, lit::Action::ScheduleHearing { hearing_on })
        && s.at(hearing_on, lit::Action::HoldHearing { appearance: Some(appearance(rng, kind)) })
}

/// The steps of a suit after the complaint copy was served.
fn suit(s: &mut Script<'_, Litigation>, rng: &mut ChaCha8Rng, kind: UnitKind) {
    let sd = s.seeder;
    let outcome = pick(rng, JUDGMENTS);
    // The defence within 15 days (行政诉讼法 Art. 67).
    if !s.at(sd.working_day(s.last() + days(rng.gen_range(5..=11))), lit::Action::SubmitDefence) {
        return;
    }
    match outcome {
        LitigationOutcome::Withdrawn if rng.gen_ratio(1, 2) => {
            s.at(sd.days_after(s.last(), rng.gen_range(10..=60)), lit::Action::Withdraw);
            return;
        }
        LitigationOutcome::SuitDismissed if rng.gen_ratio(6, 10) => {
            // Dismissed by ruling without a hearing.
            if s.at(
                sd.days_after(s.last(), rng.gen_range(15..=60)),
                lit::Action::Judge { outcome: Some(outcome), appellate: None },
            ) {
                finish(s, rng, outcome, kind);
            }
            return;
        }
        _ => {}
    }
    if !hearing(s, rng, kind) {
        return;
    }
    if rng.gen_ratio(15, 100) && !hearing(s, rng, kind) {
        return;
    }
    if outcome == LitigationOutcome::Withdrawn {
        s.at(sd.days_after(s.last(), rng.gen_range(5..=30)), lit::Action::Withdraw);
        return;
    }
    if s.at(
        sd.days_after(s.last(), rng.gen_range(10..=60)),
        lit::Action::Judge { outcome: Some(outcome), appellate: None },
    ) {
        finish(s, rng, outcome, kind);
    }
}

/// After the first-instance judgment: an appeal and the second instance, or the judgment becomes final.
fn finish(s: &mut Script<'_, Litigation>, rng: &mut ChaCha8Rng, first: LitigationOutcome, kind: UnitKind) {
    let sd = s.seeder;
    if first == LitigationOutcome::Mediated || !rng.gen_ratio(25, 100) {
        // 调解书 takes effect when served; a judgment 15 days after service without appeal.
        let wait = if first == LitigationOutcome::Mediated { rng.gen_range(1..=5) } else { rng.gen_range(18..=25) };
        s.at(sd.days_after(s.last(), wait), lit::Action::BecomeFinal);
        return;
    }
    // The judgment is served a few days after it is given; the appeal period
    // (行政诉讼法 Art. 85) runs from there.
    let ruling = first == LitigationOutcome::SuitDismissed;
    if !s.at(sd.days_after(s.last(), rng.gen_range(2..=6)), lit::Action::ServeJudgment { ruling }) {
        return;
    }
    let by_agency = first.is_loss(&LossDefinition::default());
    let within = if ruling { 10 } else { 15 };
    if !s.at(sd.days_after(s.last(), rng.gen_range(3..=within.min(9))), lit::Action::Appeal { by_agency }) {
        return;
    }
    // The appellee answers the appeal (二审答辩, 15 days).
    if !by_agency && !s.at(sd.days_after(s.last(), rng.gen_range(5..=13)), lit::Action::SubmitDefence) {
        return;
    }
    // Most appeals are heard in court; some are decided on the file.
    if rng.gen_ratio(7, 10) && !hearing(s, rng, kind) {
        return;
    }
    let judgment = if rng.gen_ratio(85, 100) {
        lit::Action::Judge { outcome: None, appellate: Some(Appellate::AppealRejected) }
    } else {
        let amended = if first == LitigationOutcome::ClaimRejected {
            LitigationOutcome::Annulled
        } else {
            LitigationOutcome::ClaimRejected
        };
        lit::Action::Judge { outcome: Some(amended), appellate: Some(Appellate::Amended) }
    };
    if s.at(sd.days_after(s.last(), rng.gen_range(15..=60)), judgment) {
        s.at(sd.days_after(s.last(), rng.gen_range(3..=10)), lit::Action::BecomeFinal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};

    fn units() -> Vec<DemoUnit> {
        let mut units = vec![DemoUnit { id: 1, code: "YC-GOV".into(), kind: UnitKind::Government }];
        for (i, code) in ["SCJGJ", "GAJ", "ZRZYJ", "RSJ", "TJJ"].iter().enumerate() {
            units.push(DemoUnit { id: 10 + i as i64, code: format!("YC-{code}"), kind: UnitKind::Department });
        }
        units.push(DemoUnit { id: 30, code: "YC-JX01".into(), kind: UnitKind::Subdistrict });
        units.push(DemoUnit { id: 31, code: "YC-JX11".into(), kind: UnitKind::Township });
        units
    }

    /// Every planned step is one the engine accepts, on many days and seeds.
    #[test]
    fn plans_never_step_outside_the_procedure() {
        let cal = Calendar::builtin();
        let units = units();
        let targets = Targets::new(&units);
        let mut decided = 0;
        let mut heard_later = 0;
        for (n, today) in ["2025-03-03", "2025-12-31", "2026-03-02", "2026-06-15", "2026-11-22"].iter().enumerate() {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap_or_default();
            let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
            let mut rng = ChaCha8Rng::seed_from_u64(n as u64);
            let mut origins = Origins::default();
            for received in seeder.spread(super::super::RECONSIDERATION_PER_YEAR, 10) {
                let overdue = rng.gen_ratio(1, 100) && received < today - days(100);
                let (s, _) = reconsideration(&seeder, &mut rng, received, 99, &targets, &mut origins, overdue)
                    .unwrap_or_else(|e| panic!("{e:?}"));
                assert!(s.refused.is_none(), "{:?}", s.refused);
                decided += usize::from(s.state.stage == rec::Stage::Decided);
                if let (Some(due), rec::Stage::UnderReview, true) = (s.due(rec_clock::DECISION), s.state.stage, overdue)
                {
                    assert!(due < today, "an overdue case is past its due date");
                }
            }
            for received in seeder.spread(super::super::LITIGATION_PER_YEAR, 20) {
                let (s, _) =
                    litigation(&seeder, &mut rng, received, &targets, &mut origins).unwrap_or_else(|e| panic!("{e:?}"));
                assert!(s.refused.is_none(), "{:?}", s.refused);
                heard_later += usize::from(s.state.data.hearing_on.is_some_and(|d| d > today));
            }
        }
        assert!(decided > 1000, "{decided}");
        assert!(heard_later > 0, "hearings to come");
    }

    #[test]
    fn decisions_fall_within_the_legal_period() {
        let cal = Calendar::builtin();
        let units = units();
        let targets = Targets::new(&units);
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut origins = Origins::default();
        let mut simplified = 0;
        let mut accepted = 0;
        for received in seeder.spread(super::super::RECONSIDERATION_PER_YEAR, 20) {
            let (s, _) = reconsideration(&seeder, &mut rng, received, 99, &targets, &mut origins, false)
                .unwrap_or_else(|e| panic!("{e:?}"));
            accepted += usize::from(s.state.data.accepted_on.is_some());
            simplified += usize::from(s.state.data.simplified);
            if let (Some(closed), Some(_)) = (s.state.common.closed_on, s.state.data.accepted_on) {
                // The due date before the decision, recomputed without it.
                let mut before =
                    seeder.start::<Reconsideration>(s.first.clone(), received).unwrap_or_else(|e| panic!("{e:?}"));
                for (a, d, _) in &s.steps[..s.steps.len() - 1] {
                    assert!(before.at(*d, a.clone()));
                }
                let due = before.due(rec_clock::DECISION).unwrap_or(today);
                assert!(closed <= due, "decided {closed}, due {due}");
            }
        }
        let share = simplified * 100 / accepted.max(1);
        assert!((30..=50).contains(&share), "{share}% simplified");
    }
}
