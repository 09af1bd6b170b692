//! The demo district's activities of 法治建设, last year and this year to
//! today, at the scale a district report states: in a year, 会前学法 7 times
//! at the government's executive meetings, 法治培训 sessions of 2,000 人次
//! in all, 130 普法 events, and a few of every other kind (中心组学法, the
//! two exams, 普法资料, 述法, the committee's meetings and its groups',
//! 宪法宣誓). Each is typed as a person would type it and validated by the
//! core (`ActivityInput::validate`), then stored through the real storage
//! (audited, counted in the rollup). Deterministic for a (seed, today) pair;
//! a year's plan is the same whatever today is, this year's activities
//! after today are not held yet.

use chrono::{Datelike, Duration, NaiveDate};
use fazhi_core::activity::{ActivityInput, ActivityKind};
use fazhi_core::org::UnitKind;
use fazhi_store::activities;
use fazhi_store::units::Unit;
use fazhi_store::WriteTx;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{one, Seeder};
use crate::activities::new_activity;
use crate::AppError;

/// A year's figures of the district (the "seeds' scale").
pub const MEETING_STUDIES: usize = 7;
pub const TRAINING_PEOPLE: u32 = 2_000;
pub const EDUCATION_EVENTS: usize = 130;

const LAWS: &[&str] = &[
    "《中华人民共和国行政复议法》",
    "《中华人民共和国行政处罚法》",
    "《中华人民共和国民法典》",
    "《优化营商环境条例》",
    "《中华人民共和国政府信息公开条例》",
    "《中华人民共和国安全生产法》",
    "《重大行政决策程序暂行条例》",
    "《中华人民共和国行政诉讼法》",
    "《中华人民共和国宪法》",
    "《信访工作条例》",
    "《中华人民共和国国家安全法》",
    "《中华人民共和国行政许可法》",
];

const TRAININGS: &[&str] = &[
    "行政执法人员综合法律知识培训",
    "行政复议应诉能力提升专题培训",
    "法治政府建设专题培训班",
    "行政执法三项制度培训",
    "新任科级干部法治能力培训",
    "街道综合执法业务培训",
    "合法性审查工作培训",
];

const EVENTS: &[&str] = &[
    "宪法进社区宣传活动",
    "民法典宣传月主题活动",
    "“法律明白人”培训暨普法讲座",
    "国家安全教育日法治宣传",
    "法治文化进校园活动",
    "防范电信网络诈骗法治宣传",
    "“送法下乡”集中宣传活动",
    "安全生产月法治宣传",
    "企业合规经营普法讲座",
    "老年人防诈骗法治讲座",
];

/// A day of `year`, `day` days after 1 January, moved to a working day
/// (kept inside the year: day ≤ 355).
fn day_of(seeder: &Seeder<'_>, year: i32, day: i64) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let d = seeder.working_day(start + Duration::days(day.clamp(0, 355)));
    (d.year() == year).then_some(d)
}

/// One planned activity, as typed.
struct Planned {
    unit: i64,
    input: ActivityInput,
}

fn typed(
    unit: i64,
    kind: ActivityKind,
    on: NaiveDate,
    topic: String,
    people: u32,
    hours: &str,
    passed: &str,
) -> Planned {
    Planned {
        unit,
        input: ActivityInput {
            kind: kind.zh().to_owned(),
            held_on: on.to_string(),
            topic,
            participants: people.to_string(),
            hours: hours.to_owned(),
            passed: passed.to_owned(),
            note: String::new(),
        },
    }
}

/// `n` amounts between `lo` and `hi` in proportion, adding up to `total`.
fn split(rng: &mut ChaCha8Rng, n: usize, total: u32, lo: u32, hi: u32) -> Vec<u32> {
    let weights: Vec<u32> = (0..n).map(|_| rng.gen_range(lo..=hi)).collect();
    let sum: u32 = weights.iter().sum::<u32>().max(1);
    let mut out: Vec<u32> = weights.iter().map(|w| total * w / sum).collect();
    let given: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - given;
    }
    out
}

/// The units activities are held by.
struct Places {
    government: i64,
    office: i64,
    justice: i64,
    departments: Vec<i64>,
    streets: Vec<i64>,
    justice_offices: Vec<i64>,
}

impl Places {
    fn of(all: &[Unit]) -> Option<Places> {
        let id = |code: &str| all.iter().find(|u| u.code == code).map(|u| u.id);
        let of_kind =
            |kinds: &[UnitKind]| all.iter().filter(|u| kinds.contains(&u.kind)).map(|u| u.id).collect::<Vec<_>>();
        let p = Places {
            government: id("YC-GOV")?,
            office: id("YC-YFZQB")?,
            justice: id("YC-SFJ")?,
            departments: of_kind(&[UnitKind::Department]),
            streets: of_kind(&[UnitKind::Subdistrict, UnitKind::Township]),
            justice_offices: of_kind(&[UnitKind::JusticeOffice]),
        };
        (!p.departments.is_empty() && !p.streets.is_empty() && !p.justice_offices.is_empty()).then_some(p)
    }
}

/// The activities of one whole year.
fn plan_year(seeder: &Seeder<'_>, rng: &mut ChaCha8Rng, p: &Places, year: i32) -> Vec<Planned> {
    use ActivityKind as K;
    let mut out = Vec::new();
    let at = |rng: &mut ChaCha8Rng, lo: i64, hi: i64| day_of(seeder, year, rng.gen_range(lo..=hi));
    // 会前学法: one executive meeting in about every seven weeks.
    for i in 0..MEETING_STUDIES as i64 {
        if let Some(on) = at(rng, 10 + i * 48, 40 + i * 48) {
            let law = one(rng, LAWS);
            let people = rng.gen_range(26..=38);
            out.push(typed(p.government, K::MeetingStudy, on, format!("政府常务会议会前学法:{law}"), people, "1", ""));
        }
    }
    // 理论学习中心组学法: the government's four and a few departments'.
    for i in 0..4 {
        if let Some(on) = at(rng, 20 + i * 85, 80 + i * 85) {
            let topic = format!("理论学习中心组专题学法:{}", one(rng, LAWS));
            out.push(typed(p.government, K::CentralGroupStudy, on, topic, rng.gen_range(12..=20), "2", ""));
        }
    }
    for _ in 0..6 {
        let unit = *one(rng, &p.departments);
        if let Some(on) = at(rng, 15, 350) {
            let topic = format!("党组理论学习中心组学法:{}", one(rng, LAWS));
            out.push(typed(unit, K::CentralGroupStudy, on, topic, rng.gen_range(8..=15), "1.5", ""));
        }
    }
    // 法治培训: 16 sessions, 2,000 人次 in all.
    for (i, people) in split(rng, 16, TRAINING_PEOPLE, 40, 260).into_iter().enumerate() {
        let unit = match i % 4 {
            0 | 1 => p.justice,
            2 => *one(rng, &p.departments),
            _ => *one(rng, &p.streets),
        };
        let on = at(rng, 20 + (i as i64) * 20, 40 + (i as i64) * 20);
        let hours = ["2", "3", "4", "6", "8", "12"][rng.gen_range(0..6)];
        if let Some(on) = on {
            let topic = format!("{year}年{}(第{}期)", one(rng, TRAININGS), i + 1);
            out.push(typed(unit, K::Training, on, topic, people, hours, ""));
        }
    }
    // The exams: 任前法律知识考试 three times, 执法资格考试 twice.
    for i in 0..3 {
        if let Some(on) = at(rng, 60 + i * 100, 110 + i * 100) {
            let people = rng.gen_range(8..=25);
            let passed = people - rng.gen_range(0..=1);
            let topic = format!("领导干部任前法律知识考试({year}年第{}批)", i + 1);
            out.push(typed(p.justice, K::PreAppointmentExam, on, topic, people, "", &passed.to_string()));
        }
    }
    for i in 0..2 {
        if let Some(on) = at(rng, 120 + i * 150, 160 + i * 150) {
            let people = rng.gen_range(60..=120);
            let passed = people * rng.gen_range(82..=95) / 100;
            let topic = format!("{year}年行政执法资格考试(第{}场)", i + 1);
            out.push(typed(p.justice, K::EnforcementExam, on, topic, people, "", &passed.to_string()));
        }
    }
    // 普法活动: 130 events, more in the months of the campaigns.
    for i in 0..EDUCATION_EVENTS {
        let unit = match i % 5 {
            0 => p.justice,
            1 | 2 => *one(rng, &p.justice_offices),
            3 => *one(rng, &p.streets),
            _ => *one(rng, &p.departments),
        };
        let (lo, hi) = match i % 6 {
            0 => (330, 340), // around 12·4, 国家宪法日
            1 => (120, 150), // 民法典宣传月
            _ => (5, 350),
        };
        if let Some(on) = at(rng, lo, hi) {
            let topic = format!("{}(第{}场)", one(rng, EVENTS), i + 1);
            out.push(typed(unit, K::EducationEvent, on, topic, rng.gen_range(40..=600), "", ""));
        }
    }
    // 普法资料, 述法, the committee, 宪法宣誓.
    for i in 0..12 {
        let unit = *one(rng, &p.streets);
        if let Some(on) = at(rng, 10, 350) {
            let topic = format!("印发普法宣传册:{}(第{}批)", one(rng, LAWS), i + 1);
            out.push(typed(unit, K::EducationMaterial, on, topic, rng.gen_range(5..=40) * 100, "", ""));
        }
    }
    for (unit, topic) in [(p.government, "区政府部门主要负责人年终述法"), (p.justice, "司法所所长履行法治建设职责述法")]
    {
        if let Some(on) = at(rng, 340, 355) {
            out.push(typed(unit, K::ReportOnLaw, on, format!("{year}年度{topic}"), rng.gen_range(8..=16), "", ""));
        }
    }
    for (i, (lo, hi)) in [(30, 60), (300, 330)].into_iter().enumerate() {
        if let Some(on) = at(rng, lo, hi) {
            let topic = format!("区委全面依法治区委员会{year}年第{}次会议", i + 1);
            out.push(typed(p.office, K::CommitteeMeeting, on, topic, rng.gen_range(18..=26), "", ""));
        }
    }
    for (i, group) in ["立法协调小组", "执法协调小组", "司法协调小组", "守法普法协调小组"].into_iter().enumerate()
    {
        if let Some(on) = at(rng, 60 + (i as i64) * 60, 100 + (i as i64) * 60) {
            let topic = format!("区委全面依法治区委员会{group}{year}年度会议");
            out.push(typed(p.office, K::CommitteeGroupMeeting, on, topic, rng.gen_range(8..=14), "", ""));
        }
    }
    for (lo, hi) in [(55, 75), (180, 200), (332, 338)] {
        if let Some(on) = at(rng, lo, hi) {
            let topic = "新任命国家工作人员宪法宣誓仪式".to_owned();
            out.push(typed(p.government, K::ConstitutionOath, on, topic, rng.gen_range(5..=20), "", ""));
        }
    }
    out
}

/// Stores the activities of last year and of this year to today; returns how many.
pub(super) async fn seed(seeder: &Seeder<'_>, tx: &mut WriteTx, seed: u64, all: &[Unit]) -> Result<usize, AppError> {
    let Some(places) = Places::of(all) else { return Ok(0) };
    let today = seeder.today;
    let mut stored = 0;
    for year in [today.year() - 1, today.year()] {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xAC71_u64 ^ u64::from(year.unsigned_abs()));
        let mut plan = plan_year(seeder, &mut rng, &places, year);
        plan.sort_by(|a, b| a.input.held_on.cmp(&b.input.held_on));
        for p in plan {
            let Ok(held) = NaiveDate::parse_from_str(&p.input.held_on, "%Y-%m-%d") else { continue };
            if held > today {
                break;
            }
            let activity = p
                .input
                .validate(today)
                .map_err(|e| AppError::Internal(format!("demo activity {:?}: {e:?}", p.input.topic)))?;
            activities::insert(tx, &new_activity(p.unit, &activity)).await?;
            stored += 1;
        }
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};

    #[test]
    fn a_year_has_the_district_figures() {
        let cal = Calendar::builtin();
        let rules = RuleSet::builtin();
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
        let seeder = Seeder::new(&cal, &rules, today);
        let places = Places {
            government: 1,
            office: 2,
            justice: 3,
            departments: vec![4, 5],
            streets: vec![6, 7],
            justice_offices: vec![8],
        };
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let plan = plan_year(&seeder, &mut rng, &places, 2025);
        let of = |k: ActivityKind| plan.iter().filter(|p| p.input.kind == k.zh()).collect::<Vec<_>>();
        assert_eq!(of(ActivityKind::MeetingStudy).len(), MEETING_STUDIES);
        assert_eq!(of(ActivityKind::EducationEvent).len(), EDUCATION_EVENTS);
        let trained: u32 =
            of(ActivityKind::Training).iter().map(|p| p.input.participants.parse::<u32>().unwrap_or(0)).sum();
        assert_eq!(trained, TRAINING_PEOPLE);
        assert!(plan.iter().all(|p| p.input.held_on.starts_with("2025-")), "every one inside the year");
        for k in ActivityKind::ALL {
            assert!(!of(k).is_empty(), "{k:?} is in the demo");
        }
        let valid = plan.iter().filter(|p| p.input.validate(today).is_ok()).count();
        assert_eq!(valid, plan.len(), "every planned activity is valid as typed");
    }
}
