//! Demo 建议提案: about 600 a year, as district reports count them (办复各级
//! 建议、提案575件, of which 区级人大代表建议70件、政协委员提案97件): each
//! year's district and city sessions, received in February and assigned at
//! the 交办会 in March, met with, answered mostly in time with the usual class
//! and satisfaction shares, a few unsatisfied and handled again, a few left
//! unanswered past the deadline; the public replies published on the portal.

use super::{one, pick, Script, Seeder};
use crate::cases::{Filing, Party};
use crate::proposals::reply_document;
use crate::AppError;
use chrono::{Datelike, Duration, NaiveDate};
use fazhi_core::procedure::proposal::{Action, Proposal, ReplyClass, Satisfaction, Source, Stage};
use fazhi_core::procedure::Matter;
use fazhi_store::{documents, WriteTx};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The sessions of a year: (source, session name for the year, proposals at full scale).
fn sessions(year: i32) -> [(Source, String, u32); 4] {
    // The district's 18th congress and 10th CPPCC and the city's 16th and 14th
    // first met in 2022.
    let n = ["一", "二", "三", "四", "五", "六", "七", "八"][((year - 2022).clamp(0, 7)) as usize];
    [
        (Source::Deputy, format!("区十八届人大{n}次会议"), 70),
        (Source::Member, format!("区政协十届{n}次会议"), 97),
        (Source::Deputy, format!("市十六届人大{n}次会议"), 180),
        (Source::Member, format!("市政协十四届{n}次会议"), 228),
    ]
}

const TOPICS: &[&str] = &[
    "加快老旧小区改造",
    "增设社区养老服务设施",
    "优化城区公交线路",
    "加强中小学周边交通安全",
    "推进垃圾分类处理",
    "完善农村饮水安全保障",
    "扩大普惠性托育服务",
    "整治背街小巷环境",
    "加强河道生态治理",
    "支持中小企业融资",
    "提升社区卫生服务能力",
    "增加城区停车泊位",
    "保护历史文化街区",
    "完善农贸市场管理",
    "推进智慧社区建设",
];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN: &[&str] = &["建国", "秀英", "志强", "丽华", "海燕", "文斌", "晓东", "春梅", "国庆", "红霞", "伟", "静"];

const CLASSES: &[(ReplyClass, u32)] =
    &[(ReplyClass::A, 46), (ReplyClass::B, 34), (ReplyClass::C, 15), (ReplyClass::D, 5)];
const FEEDBACK: &[(Satisfaction, u32)] =
    &[(Satisfaction::Satisfied, 82), (Satisfaction::BasicallySatisfied, 16), (Satisfaction::Dissatisfied, 2)];

/// Adds the proposals (the caller checked there are none yet); returns how many.
pub(super) async fn seed(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    leads: &[(i64, String)],
) -> Result<usize, AppError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7A_0A5A1);
    if leads.is_empty() {
        return Ok(0);
    }
    let today = seeder.today;
    let mut added = 0;
    for year in today.year() - 1..=today.year() {
        for (g, (source, session, full)) in sessions(year).into_iter().enumerate() {
            let count = (full * percent).div_ceil(100);
            // The district's list arrives first, the city's a week later.
            let offset = if g < 2 { 0 } else { 7 };
            let received = day(seeder, year, 2, 20 + offset);
            let assigned = day(seeder, year, 3, 6 + offset);
            // One proposal of each session (a third of the way in) is left unanswered.
            let forced = count / 3;
            for number in 1..=count {
                let lead = one(&mut rng, leads);
                let overdue = number == forced || rng.gen_ratio(1, 150);
                let plan = Plan { source, session: &session, number, received, assigned, overdue };
                let (script, filing) = proposal(seeder, &mut rng, &plan, lead, leads)?;
                let row = script.store(tx, filing).await?;
                publish(tx, &script, &row).await?;
                added += 1;
            }
        }
    }
    Ok(added)
}

/// `y-m-d` moved to a working day.
fn day(seeder: &Seeder<'_>, y: i32, m: u32, d: u32) -> NaiveDate {
    seeder.working_day(NaiveDate::from_ymd_opt(y, m, d).unwrap_or(seeder.today))
}

struct Plan<'a> {
    source: Source,
    session: &'a str,
    number: u32,
    received: NaiveDate,
    assigned: NaiveDate,
    overdue: bool,
}

/// Plans one proposal through the engine in memory.
fn proposal<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    p: &Plan<'_>,
    lead: &(i64, String),
    leads: &[(i64, String)],
) -> Result<(Script<'s, Proposal>, Filing), AppError> {
    let co_units: Vec<String> = (0..rng.gen_range(0..=2))
        .map(|_| one(rng, leads).1.clone())
        .filter(|n| *n != lead.1)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let register = Action::Register { source: p.source, session: p.session.to_owned(), number: p.number, co_units };
    let mut s = seeder.start::<Proposal>(register, p.received)?;
    let proposer = format!("{}{}", one(rng, SURNAMES), one(rng, GIVEN));
    let filing = Filing {
        unit_id: lead.0,
        handler_id: None,
        receipt_code: None,
        subject: format!("关于{}的{}", one(rng, TOPICS), p.source.noun()),
        party: Party { name: proposer, contact: String::new(), person: true, court: String::new() },
        origin_id: None,
        respondent_id: None,
        matter: Matter::Other,
    };
    let at = |s: &Script<'_, Proposal>, days: i64| seeder.working_day(s.last() + Duration::days(days));
    if !s.at(p.assigned, Action::Assign) {
        return Ok((s, filing));
    }
    let difficult = rng.gen_ratio(3, 100);
    if difficult {
        let on = at(&s, rng.gen_range(30..=60));
        s.at(on, Action::ApproveDifficult { approved_by: "区人民政府办公室".to_owned() });
    }
    if rng.gen_ratio(88, 100) {
        let on = at(&s, rng.gen_range(15..=45));
        s.at(on, Action::Meet);
    }
    if p.overdue {
        return Ok((s, filing));
    }
    // Most replies come in the last weeks before the 3 months (6 if difficult) run out; a few late.
    let wait = match (difficult, rng.gen_ratio(2, 100)) {
        (true, _) => rng.gen_range(100..=170),
        (false, true) => rng.gen_range(95..=110),
        (false, false) => rng.gen_range(40..=88),
    };
    let replied_on = seeder.working_day(p.assigned + Duration::days(wait)).max(s.last());
    let class = pick(rng, CLASSES);
    let public = class != ReplyClass::D || rng.gen_ratio(1, 2);
    if !s.at(replied_on, Action::Reply { class: Some(class), public: public && rng.gen_ratio(9, 10) }) {
        return Ok((s, filing));
    }
    if rng.gen_ratio(5, 100) {
        // No feedback: closed once the 15 working days are over.
        let on = seeder.working_days_after(s.last(), 18);
        s.at(on, Action::CloseWithoutFeedback);
        return Ok((s, filing));
    }
    let satisfaction = pick(rng, FEEDBACK);
    let on = seeder.working_days_after(s.last(), rng.gen_range(3..=14));
    if !s.at(on, Action::Feedback { satisfaction: Some(satisfaction) }) || satisfaction != Satisfaction::Dissatisfied {
        return Ok((s, filing));
    }
    let on = at(&s, rng.gen_range(7..=20));
    s.at(on, Action::Meet);
    let on = at(&s, rng.gen_range(20..=40));
    let class = if rng.gen_ratio(1, 2) { ReplyClass::A } else { ReplyClass::B };
    if s.at(on, Action::Rereply { class: Some(class), public: true }) {
        let on = seeder.working_days_after(s.last(), rng.gen_range(3..=12));
        s.at(on, Action::Refeedback { satisfaction: Some(Satisfaction::BasicallySatisfied) });
    }
    Ok((s, filing))
}

/// Publishes the reply of a proposal whose standing reply is public (the
/// demo's own text, the proposer's name masked).
async fn publish(
    tx: &mut WriteTx,
    script: &Script<'_, Proposal>,
    row: &fazhi_store::cases::CaseRow,
) -> Result<(), AppError> {
    let case = &script.state;
    if case.stage == Stage::Rehandling || !case.data.final_reply().is_some_and(|r| r.public) {
        return Ok(());
    }
    let Some(reply) = case.data.final_reply() else { return Ok(()) };
    let proposer: Party =
        serde_json::from_str(&row.party_json).map_err(|e| AppError::Internal(format!("demo party: {e}")))?;
    let text = format!(
        "{}{}:\n\n您提出的《{}》收悉。我单位高度重视,经认真研究,结合工作实际,已将相关内容纳入年度工作安排,\
         并将持续跟进落实。\n\n感谢您对我们工作的关心和支持。\n\n{}",
        proposer.name,
        case.data.source.unwrap_or(Source::Deputy).proposer(),
        row.subject,
        row.unit_name
    );
    let doc = reply_document(case, &row.subject, &row.unit_name, &proposer.name, Some(&text), "");
    documents::publish(
        tx,
        &row.region_code,
        &row.unit_path,
        row.id,
        &doc.title,
        &doc.masked,
        &row.unit_name,
        &reply.on.to_string(),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};

    #[test]
    fn plans_never_step_outside_the_procedure() {
        let cal = Calendar::builtin();
        let leads: Vec<(i64, String)> = (1..=5).map(|i| (i, format!("区单位{i}"))).collect();
        for (n, today) in ["2025-03-03", "2025-12-31", "2026-03-02", "2026-11-22"].iter().enumerate() {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap_or_default();
            let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
            let mut rng = ChaCha8Rng::seed_from_u64(n as u64);
            let (mut replied, mut rehandled) = (0, 0);
            for (source, session, full) in sessions(today.year() - 1) {
                let received = day(&seeder, today.year() - 1, 2, 20);
                let assigned = day(&seeder, today.year() - 1, 3, 6);
                for number in 1..=full {
                    let plan = Plan { source, session: &session, number, received, assigned, overdue: number == 5 };
                    let (s, _) =
                        proposal(&seeder, &mut rng, &plan, &leads[0], &leads).unwrap_or_else(|e| panic!("{e:?}"));
                    assert!(s.refused.is_none(), "{:?}", s.refused);
                    replied += usize::from(!s.state.data.replies.is_empty());
                    rehandled += usize::from(s.state.data.replies.len() > 1);
                }
            }
            assert!(replied > 500, "{replied}");
            assert!(rehandled > 0 || n == 0, "{rehandled}");
        }
    }
}
