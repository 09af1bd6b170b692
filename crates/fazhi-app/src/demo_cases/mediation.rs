//! Demo 调解 cases at the scale of published district reports ("排查受理矛盾
//! 纠纷1732件,调处成功1698件,成功率97%;接受公安转办案件42件,调处成功40件"):
//! about 1,700 人民调解 a year before the streets' 人民调解委员会 (kept by
//! the 司法所), about 40 of them handed over by the police, a few by the
//! court and the 信访 bodies, and about 150 行政调解 a year by the
//! departments. Almost all end in an agreement within days, some after a
//! second session; a few are refused, fail or are withdrawn; some agreements
//! are judicially confirmed or followed up; a handful are left open past the
//! handling period.

use super::{one, pick, Script, Seeder};
use crate::cases::{Filing, Party};
use crate::AppError;
use chrono::{Duration, NaiveDate};
use fazhi_core::org::UnitKind;
use fazhi_core::procedure::mediation::{
    Action, Channel, ConfirmationResult, DisputeType, Fulfilment, Mediation, MediationForm, RefusalGround,
};
use fazhi_core::procedure::Matter;
use fazhi_store::units::Unit;
use fazhi_store::WriteTx;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 人民调解 and 行政调解 a year at full scale.
const PEOPLE_PER_YEAR: i64 = 1_700;
const ADMINISTRATIVE_PER_YEAR: i64 = 150;

/// Channels of 人民调解, per mille (police ≈ 40 a year).
const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Application, 560),
    (Channel::Initiative, 388),
    (Channel::Police, 24),
    (Channel::Court, 17),
    (Channel::Petition, 11),
];

use DisputeType as T;

/// Dispute types by channel.
fn disputes(channel: Channel) -> &'static [(DisputeType, u32)] {
    match channel {
        Channel::Police => &[(T::Neighbour, 40), (T::Damages, 40), (T::TrafficAccident, 10), (T::Other, 10)],
        Channel::Court => &[
            (T::Contract, 40),
            (T::MarriageFamily, 20),
            (T::Damages, 20),
            (T::Labour, 10),
            (T::PropertyManagement, 10),
        ],
        Channel::Petition => &[
            (T::Land, 25),
            (T::HousingHomestead, 25),
            (T::PropertyManagement, 20),
            (T::Labour, 15),
            (T::Neighbour, 15),
        ],
        _ => &[
            (T::MarriageFamily, 18),
            (T::Neighbour, 22),
            (T::HousingHomestead, 8),
            (T::Contract, 10),
            (T::Damages, 12),
            (T::TrafficAccident, 6),
            (T::Labour, 5),
            (T::PropertyManagement, 8),
            (T::Land, 4),
            (T::Consumer, 3),
            (T::Other, 4),
        ],
    }
}

/// What a dispute of a type is about.
fn subjects(t: DisputeType) -> &'static [&'static str] {
    match t {
        T::MarriageFamily => &["离婚后子女抚养费给付纠纷", "赡养老人费用分担纠纷", "家庭成员间房屋居住纠纷"],
        T::Neighbour => &["楼上漏水致楼下房屋受损纠纷", "相邻通行与排水纠纷", "噪音扰邻纠纷", "邻里口角引发的纠纷"],
        T::HousingHomestead => &["宅基地界址纠纷", "房屋租赁押金退还纠纷"],
        T::Contract => &["装修工程款结算纠纷", "买卖合同货款纠纷", "民间借贷纠纷"],
        T::Damages => &["人身损害赔偿纠纷", "饲养动物致人损害赔偿纠纷", "财产损害赔偿纠纷"],
        T::TrafficAccident => &["道路交通事故损害赔偿纠纷"],
        T::Labour => &["拖欠劳务报酬纠纷", "工伤待遇纠纷"],
        T::PropertyManagement => &["物业服务费纠纷", "小区停车管理纠纷"],
        T::Land => &["土地承包经营权流转纠纷", "林地界址纠纷"],
        T::Consumer => &["预付式消费退费纠纷", "商品质量退换纠纷"],
        T::Other => &["治安案件引发的民事赔偿纠纷", "村务管理纠纷"],
    }
}

/// 行政调解 by the departments: (unit code, dispute type, weight).
const DEPARTMENTS: &[(&str, DisputeType, u32)] = &[
    ("YC-SCJGJ", T::Consumer, 50),
    ("YC-RSJ", T::Labour, 20),
    ("YC-ZJJ", T::PropertyManagement, 15),
    ("YC-NYJ", T::Land, 10),
    ("YC-GAJ", T::TrafficAccident, 5),
];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];

const FAILURES: &[&str] = &[
    "双方对赔偿数额分歧较大,调解不成,已告知当事人可以依法向人民法院起诉",
    "一方当事人不再同意调解,已告知当事人可以依法通过仲裁、诉讼等途径解决",
];

/// Where a case is mediated: the unit and its committee (or office).
struct Mediator {
    unit_id: i64,
    committee: String,
    /// The 派出所 of the street (公调对接), or empty.
    police: String,
}

/// Adds the cases (the caller checked there are none yet); returns how many.
pub(super) async fn seed(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    all: &[Unit],
) -> Result<usize, AppError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7A0D_1A7E);
    // The streets' committees, kept by their 司法所.
    let offices: Vec<Mediator> = all
        .iter()
        .filter(|u| u.kind == UnitKind::JusticeOffice)
        .filter_map(|u| {
            let street = all.iter().find(|s| Some(s.id) == u.parent_id)?;
            let place = street.name.trim_end_matches("办事处").trim_end_matches("人民政府");
            Some(Mediator {
                unit_id: u.id,
                committee: format!("{place}人民调解委员会"),
                police: format!("区公安分局{}派出所", place.trim_end_matches("街道").trim_end_matches('镇')),
            })
        })
        .collect();
    let departments: Vec<(Mediator, DisputeType, u32)> = DEPARTMENTS
        .iter()
        .filter_map(|(code, t, w)| {
            let u = all.iter().find(|u| u.code == *code)?;
            let m = Mediator { unit_id: u.id, committee: format!("{}调解室", u.name), police: String::new() };
            Some((m, *t, *w))
        })
        .collect();
    let mut added = 0;
    if !offices.is_empty() {
        let dates = seeder.spread(PEOPLE_PER_YEAR, percent);
        // At any scale, one dispute (a third of the way in) is left unsettled.
        let forced = dates.len() / 3;
        for (i, &received) in dates.iter().enumerate() {
            let office = one(&mut rng, &offices);
            let channel = pick(&mut rng, CHANNELS);
            let dispute = pick(&mut rng, disputes(channel));
            let overdue = received < seeder.today - Duration::days(60) && (rng.gen_ratio(1, 400) || i == forced);
            let plan = Plan { form: MediationForm::People, channel, dispute, overdue };
            let (script, filing) = case(seeder, &mut rng, office, received, plan)?;
            script.store(tx, filing).await?;
        }
        added += dates.len();
    }
    if !departments.is_empty() {
        let weighted: Vec<(usize, u32)> = departments.iter().enumerate().map(|(i, (_, _, w))| (i, *w)).collect();
        let dates = seeder.spread(ADMINISTRATIVE_PER_YEAR, percent);
        for &received in &dates {
            let (office, dispute, _) = &departments[pick(&mut rng, &weighted)];
            let channel = if rng.gen_ratio(4, 5) { Channel::Application } else { Channel::Initiative };
            let overdue = received < seeder.today - Duration::days(60) && rng.gen_ratio(1, 200);
            let plan = Plan { form: MediationForm::Administrative, channel, dispute: *dispute, overdue };
            let (script, filing) = case(seeder, &mut rng, office, received, plan)?;
            script.store(tx, filing).await?;
        }
        added += dates.len();
    }
    Ok(added)
}

/// What a case is and whether it is left open.
struct Plan {
    form: MediationForm,
    channel: Channel,
    dispute: DisputeType,
    overdue: bool,
}

fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{}某", one(rng, SURNAMES))
}

/// Plans one case: runs it through the engine in memory.
fn case<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    at: &Mediator,
    received: NaiveDate,
    plan: Plan,
) -> Result<(Script<'s, Mediation>, Filing), AppError> {
    let Plan { form, channel, dispute, overdue } = plan;
    let year = chrono::Datelike::year(&received);
    let (referred_by, referral_ref) = match channel {
        Channel::Police => (at.police.clone(), format!("公转调〔{year}〕{}号", rng.gen_range(1..=300))),
        Channel::Court => {
            ("云川区人民法院".to_owned(), format!("({year})云0105民诉前调{}号", rng.gen_range(100..=2000)))
        }
        Channel::Petition => ("区信访局".to_owned(), format!("云信转〔{year}〕{}号", rng.gen_range(1..=500))),
        _ => (String::new(), String::new()),
    };
    let other_party = person(rng);
    let receive = Action::Receive {
        form,
        channel,
        dispute,
        dispute_other: if dispute == T::Other { "治安、村务等其他纠纷".to_owned() } else { String::new() },
        referred_by,
        referral_ref,
        committee: at.committee.clone(),
        other_party,
    };
    let mut script = seeder.start::<Mediation>(receive, received)?;
    let filing = Filing {
        unit_id: at.unit_id,
        handler_id: None,
        receipt_code: None,
        subject: (*one(rng, subjects(dispute))).to_owned(),
        party: Party { name: person(rng), contact: String::new(), person: true, court: String::new() },
        origin_id: None,
        respondent_id: None,
        matter: Matter::Other,
    };
    // A party refuses mediation now and then (人民调解法 Art. 17).
    if rng.gen_ratio(15, 1000) {
        let refused = Action::Refuse {
            ground: Some(RefusalGround::PartyRefused),
            reason: "对方当事人明确表示不同意调解".to_owned(),
        };
        script.at(seeder.working_days_after(received, rng.gen_range(0..=2)), refused);
        return Ok((script, filing));
    }
    if !script.at(seeder.working_days_after(received, rng.gen_range(0..=1)), Action::Accept) {
        return Ok((script, filing));
    }
    // The first session: fixed in advance now and then, else held at once.
    let sessions = if rng.gen_ratio(1, 5) { 2 } else { 1 };
    for _ in 0..sessions {
        let notice = seeder.working_days_after(script.last(), rng.gen_range(0..=2));
        if rng.gen_ratio(3, 10) {
            let on = seeder.working_days_after(notice, rng.gen_range(1..=4));
            if !script.at(notice, Action::ScheduleSession { session_on: on }) {
                return Ok((script, filing));
            }
            if !script.at(
                on,
                Action::HoldSession {
                    note: "双方当事人到场,调解员释法说理、分别做工作".to_owned()
                },
            ) {
                return Ok((script, filing));
            }
        } else if !script.at(notice, Action::HoldSession { note: "调解员分别听取双方陈述,组织协商".to_owned() })
        {
            return Ok((script, filing));
        }
    }
    if overdue {
        return Ok((script, filing));
    }
    // Police transfers settle a little less often (40 of 42).
    let fails = if channel == Channel::Police { 40 } else { 14 };
    let roll = rng.gen_range(0..1000);
    let last = script.last();
    if roll < fails {
        script.at(last, Action::Fail { reason: (*one(rng, FAILURES)).to_owned() });
        return Ok((script, filing));
    }
    if roll < fails + 6 {
        script.at(last, Action::Withdraw { reason: "双方当事人自行和解,申请人撤回调解申请".to_owned() });
        return Ok((script, filing));
    }
    let money = matches!(dispute, T::Damages | T::TrafficAccident | T::Contract | T::Labour | T::Consumer);
    let amount = if money { (rng.gen_range(5..=800) * 100).to_string() } else { String::new() };
    let agree = Action::Agree {
        written: !rng.gen_ratio(1, 8),
        amount,
        content: "双方自愿达成协议,约定履行方式和期限".to_owned(),
    };
    if !script.at(last, agree) {
        return Ok((script, filing));
    }
    let agreed = script.last();
    // Some agreements are confirmed by the court (Art. 33), some followed up.
    if rng.gen_ratio(1, 20)
        && script.at(
            seeder.working_days_after(agreed, rng.gen_range(3..=15)),
            Action::ApplyConfirmation { court: "云川区人民法院".to_owned() },
        )
    {
        let result = if rng.gen_ratio(19, 20) { ConfirmationResult::Valid } else { ConfirmationResult::Invalid };
        let on = seeder.working_days_after(script.last(), rng.gen_range(3..=10));
        script.at(on, Action::RuleOnConfirmation { result: Some(result) });
    } else if rng.gen_ratio(3, 10) {
        let fulfilment =
            pick(rng, &[(Fulfilment::Fulfilled, 92), (Fulfilment::Partly, 5), (Fulfilment::NotFulfilled, 3)]);
        let on = seeder.days_after(agreed, rng.gen_range(15..=40));
        script.at(on, Action::FollowUp { fulfilment: Some(fulfilment), note: String::new() });
    }
    Ok((script, filing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};
    use fazhi_core::procedure::mediation::Stage;

    #[test]
    fn plans_never_step_outside_the_procedure() {
        let cal = Calendar::builtin();
        for (n, today) in ["2025-03-03", "2025-12-31", "2026-11-22"].iter().enumerate() {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap_or_default();
            let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
            let mut rng = ChaCha8Rng::seed_from_u64(n as u64);
            let at = Mediator {
                unit_id: 1, committee: "城南街道人民调解委员会".into(), police: "城南派出所".into()
            };
            let (mut agreed, mut police) = (0, 0);
            for received in seeder.spread(PEOPLE_PER_YEAR, 100) {
                let channel = pick(&mut rng, CHANNELS);
                let plan = Plan {
                    form: MediationForm::People,
                    channel,
                    dispute: pick(&mut rng, disputes(channel)),
                    overdue: rng.gen_ratio(1, 100),
                };
                let (s, _) = case(&seeder, &mut rng, &at, received, plan).unwrap_or_else(|e| panic!("{e:?}"));
                assert!(s.refused.is_none(), "{:?}", s.refused);
                agreed += usize::from(matches!(
                    s.state.stage,
                    Stage::Agreed | Stage::ConfirmationApplied | Stage::Confirmed | Stage::NotConfirmed
                ));
                police += usize::from(channel == Channel::Police);
            }
            assert!(agreed > 1_000 || n == 0, "{agreed}");
            assert!(police > 20 || n == 0, "{police}");
        }
    }
}
