//! 调解 (人民调解法 2010): a police hand-over mediated, agreed and judicially
//! confirmed; refusals in Chinese; the indicators on a hand-counted set.
//! Weekday anchors: 2025-03-03 Mon, 2025-03-20 Thu.

use super::*;
use fazhi_core::procedure::mediation::{self as med, *};

fn receive(channel: Channel, dispute: DisputeType) -> med::Action {
    med::Action::Receive {
        form: MediationForm::People,
        channel,
        dispute,
        dispute_other: String::new(),
        referred_by: if channel.is_referral() { "区公安分局城南派出所".into() } else { String::new() },
        referral_ref: String::new(),
        committee: "城南街道人民调解委员会".into(),
        other_party: "李某".into(),
    }
}

fn session() -> med::Action {
    med::Action::HoldSession { note: "双方到场".into() }
}

fn agree(amount: &str) -> med::Action {
    med::Action::Agree { written: true, amount: amount.into(), content: "赔偿医疗费".into() }
}

fn why(s: &str) -> med::Action {
    med::Action::Fail { reason: s.into() }
}

#[test]
fn a_police_hand_over_is_mediated_agreed_and_confirmed_pml_art17_art28_art33() {
    let dr = Driver::new();
    let c = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Police, DisputeType::Damages)),
        ("2025-03-04", med::Action::Accept),
        ("2025-03-05", med::Action::ScheduleSession { session_on: d("2025-03-10") }),
    ]);
    assert_eq!(c.stage, med::Stage::SessionScheduled);
    assert_eq!(Mediation::hearing_on(&c), Some(d("2025-03-10")));
    // Agreement comes from a session held, not from a fixed date.
    assert!(!c.allowed().contains(&med::Verb::Agree));
    let c = dr.run_from(c, &[("2025-03-10", session()), ("2025-03-20", session()), ("2025-03-20", agree("3,500.5"))]);
    assert_eq!(c.stage, med::Stage::Agreed);
    assert_eq!(c.outcome, Some(MediationOutcome::Succeeded));
    assert_eq!(c.common.closed_on, Some(d("2025-03-20")), "an agreement concludes the case");
    assert_eq!(c.data.agreement.as_ref().and_then(|a| a.amount_fen), Some(350_050));
    assert_eq!(c.data.sessions.len(), 2);
    // The handling period (03-03 + 30 = 04-02) is met; 司法确认 is due 04-19 (Sat) → 04-21.
    let s = dr.schedule(&c);
    assert_eq!(due(&s, med::clock::HANDLING), d("2025-04-02"));
    assert_eq!(due(&s, med::clock::CONFIRMATION), d("2025-04-21"));
    assert_eq!(c.common.done, vec![(med::clock::HANDLING, d("2025-03-20"))]);
    let c = dr.run_from(
        c,
        &[
            ("2025-04-21", med::Action::ApplyConfirmation { court: "云川区人民法院".into() }),
            ("2025-04-30", med::Action::RuleOnConfirmation { result: Some(ConfirmationResult::Valid) }),
        ],
    );
    assert_eq!(c.stage, med::Stage::Confirmed);
    assert!(c.is_closed());
    assert_eq!(c.common.closed_on, Some(d("2025-03-20")), "confirmation does not move the conclusion");
    assert_eq!(c.common.done.last(), Some(&(med::clock::CONFIRMATION, d("2025-04-21"))));
    assert_eq!(c.data.confirmation.as_ref().and_then(|x| x.ruled), Some((d("2025-04-30"), ConfirmationResult::Valid)));
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Case<Mediation>>(&json).unwrap(), c);
}

#[test]
fn mediation_refusals_say_why_in_chinese() {
    let dr = Driver::new();
    let new = Case::<Mediation>::new();
    let received = dr.run::<Mediation>(&[("2025-03-03", receive(Channel::Application, DisputeType::Neighbour))]);
    let mediating = dr.run_from(received.clone(), &[("2025-03-04", med::Action::Accept)]);
    let scheduled =
        dr.run_from(mediating.clone(), &[("2025-03-05", med::Action::ScheduleSession { session_on: d("2025-03-10") })]);
    let met = dr.run_from(mediating.clone(), &[("2025-03-06", session())]);
    let agreed = dr.run_from(met.clone(), &[("2025-03-20", agree(""))]);
    let mut other = receive(Channel::Application, DisputeType::Other);
    if let med::Action::Receive { dispute_other, .. } = &mut other {
        dispute_other.clear();
    }
    let mut unnamed = receive(Channel::Police, DisputeType::Damages);
    if let med::Action::Receive { referred_by, .. } = &mut unnamed {
        referred_by.clear();
    }
    let extend = |days| med::Action::GrantExtension { days, approved_by: "调委会主任".into() };
    check_refusals::<Mediation>(
        &dr,
        vec![
            (&new, other, "2025-03-03", "2025-03-03", "纠纷类型为“其他纠纷”时，请写明纠纷的具体类型".into()),
            (&new, unnamed, "2025-03-03", "2025-03-03", "来源为“公调对接(公安机关移交)”的纠纷，请写明移交的单位".into()),
            (
                &received,
                med::Action::Refuse { ground: None, reason: String::new() },
                "2025-03-04",
                "2025-03-04",
                "请选择不予受理的理由：当事人一方明确拒绝调解（《人民调解法》第十七条）、不属于可以调解的民间纠纷，或者已由其他机关受理、处理".into(),
            ),
            (&received, session(), "2025-03-04", "2025-03-04", "调解案件当前处于「待受理」阶段，不能「进行调解」".into()),
            (
                &mediating,
                agree(""),
                "2025-03-05",
                "2025-03-05",
                "尚未登记调解：达成调解协议前，请先登记进行调解的日期和情况".into(),
            ),
            (
                &met,
                agree("一万元"),
                "2025-03-06",
                "2025-03-06",
                "协议涉及金额应为以元为单位的数额（最多两位小数），您输入的是“一万元”".into(),
            ),
            (
                &mediating,
                med::Action::ScheduleSession { session_on: d("2025-03-03") },
                "2025-03-05",
                "2025-03-05",
                "调解日期2025-03-03早于通知日期2025-03-05，请核对".into(),
            ),
            (
                &scheduled,
                session(),
                "2025-03-11",
                "2025-03-11",
                "调解日期应为通知的2025-03-10，录入的是2025-03-11；如已改期，请重新登记通知".into(),
            ),
            (
                &mediating,
                extend(31),
                "2025-03-20",
                "2025-03-20",
                "调解期限最多延长30日，本次申请延长31日，连同已批准的0日合计31日，超过上限（地方人民调解条例(经双方当事人同意可以延长),《人民调解工作若干规定》第三十七条）".into(),
            ),
            (
                &agreed,
                med::Action::ApplyConfirmation { court: "云川区人民法院".into() },
                "2025-04-22",
                "2025-04-22",
                "申请司法确认应当自调解协议生效之日起三十日内提出（《人民调解法》第三十三条第一款）：协议于2025-03-20生效，期限于2025-04-21届满，录入的申请日期为2025-04-22".into(),
            ),
            (&agreed, med::Action::ApplyConfirmation { court: " ".into() }, "2025-03-25", "2025-03-25", "请填写受理司法确认申请的人民法院".into()),
            (
                &agreed,
                med::Action::FollowUp { fulfilment: None, note: String::new() },
                "2025-04-01",
                "2025-04-01",
                "请选择回访了解到的协议履行情况（《人民调解法》第三十一条第二款）".into(),
            ),
            (&agreed, why("不同意"), "2025-03-21", "2025-03-21", "调解案件当前处于「已达成调解协议」阶段，不能「调解不成」".into()),
        ],
    );
}

#[test]
fn refusal_failure_and_withdrawal_end_the_case_and_meet_the_period() {
    let dr = Driver::new();
    let refused = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Application, DisputeType::Neighbour)),
        ("2025-03-04", med::Action::Refuse { ground: Some(RefusalGround::PartyRefused), reason: String::new() }),
    ]);
    assert_eq!((refused.stage, refused.outcome), (med::Stage::Refused, Some(MediationOutcome::NotAccepted)));
    let failed = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Court, DisputeType::Contract)),
        ("2025-03-03", med::Action::Accept),
        ("2025-03-05", med::Action::ScheduleSession { session_on: d("2025-03-07") }),
        ("2025-03-06", why("一方不再同意调解")),
    ]);
    assert_eq!((failed.stage, failed.outcome), (med::Stage::Failed, Some(MediationOutcome::Failed)));
    assert_eq!(failed.data.session_on, None, "no session waits after the end");
    let withdrawn = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Initiative, DisputeType::MarriageFamily)),
        ("2025-03-04", med::Action::Withdraw { reason: "自行和解".into() }),
    ]);
    assert_eq!(withdrawn.outcome, Some(MediationOutcome::Withdrawn));
    for c in [&refused, &failed, &withdrawn] {
        assert!(c.is_closed());
        assert!(c.common.done.iter().any(|(s, _)| *s == med::clock::HANDLING));
    }
    // An extension (with both parties' consent) moves the period: 04-02 + 10 = 04-12 (Sat) → 04-14.
    let extended = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Application, DisputeType::Neighbour)),
        ("2025-03-04", med::Action::Accept),
        ("2025-03-28", med::Action::GrantExtension { days: 10, approved_by: "调委会主任".into() }),
    ]);
    assert_eq!(due(&dr.schedule(&extended), med::clock::HANDLING), d("2025-04-14"));
    // The court did not confirm: the dispute may be mediated again, linked (Art. 33 ¶3).
    let not_confirmed = dr.run::<Mediation>(&[
        ("2025-03-03", receive(Channel::Application, DisputeType::Contract)),
        ("2025-03-03", med::Action::Accept),
        ("2025-03-05", session()),
        ("2025-03-05", agree("")),
        ("2025-03-10", med::Action::ApplyConfirmation { court: "云川区人民法院".into() }),
        ("2025-03-20", med::Action::RuleOnConfirmation { result: Some(ConfirmationResult::Invalid) }),
    ]);
    assert_eq!(not_confirmed.stage, med::Stage::NotConfirmed);
    assert_eq!(Mediation::challenged_by(&not_confirmed), vec![("mediation", "重新调解(变更原协议或达成新协议)")]);
}

#[test]
fn mediation_transitions_are_reachable() {
    check_transitions_start_from_reachable_stages::<Mediation>();
    check_targets_reachable::<Mediation>(&[med::Stage::Confirmed, med::Stage::NotConfirmed]);
}

fn value(v: &[IndicatorValue], id: &str) -> Value {
    v.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no {id} in {v:?}")).value
}

/// Six cases counted by hand for 2025: accepted in 2025: A, B, C, D (E was
/// accepted in 2024, F refused); ended after acceptance in 2025: A agreed,
/// B failed, D withdrawn, E agreed (C still open) → 调处成功 2, 成功率 2/4.
#[test]
fn mediation_indicators_on_a_hand_counted_set() {
    let dr = Driver::new();
    let police = || receive(Channel::Police, DisputeType::Damages);
    let a = dr.run::<Mediation>(&[
        ("2025-03-03", police()),
        ("2025-03-03", med::Action::Accept),
        ("2025-03-05", session()),
        ("2025-03-05", agree("100")),
    ]);
    let b = dr.run::<Mediation>(&[
        ("2025-05-06", police()),
        ("2025-05-06", med::Action::Accept),
        ("2025-05-08", why("分歧大")),
    ]);
    let c = dr.run::<Mediation>(&[
        ("2025-12-29", receive(Channel::Application, DisputeType::Neighbour)),
        ("2025-12-30", med::Action::Accept),
    ]);
    let dd = dr.run::<Mediation>(&[
        ("2025-06-02", receive(Channel::Application, DisputeType::Neighbour)),
        ("2025-06-03", med::Action::Accept),
        ("2025-06-04", med::Action::Withdraw { reason: String::new() }),
    ]);
    let e = dr.run::<Mediation>(&[
        ("2024-12-30", receive(Channel::Application, DisputeType::MarriageFamily)),
        ("2024-12-31", med::Action::Accept),
        ("2025-01-06", session()),
        ("2025-01-06", agree("")),
    ]);
    let f = dr.run::<Mediation>(&[
        ("2025-07-01", police()),
        ("2025-07-01", med::Action::Refuse { ground: Some(RefusalGround::PartyRefused), reason: String::new() }),
    ]);
    let all = [&a, &b, &c, &dd, &e, &f];
    let y2025 = Period { from: d("2025-01-01"), to: d("2025-12-31") };
    let v = by_facts::<Mediation>(&all, y2025);
    assert_eq!(value(&v, med::ACCEPTED), Value::Count { count: 4 });
    assert_eq!(value(&v, med::SUCCEEDED), Value::Count { count: 2 });
    assert_eq!(value(&v, med::SUCCESS_RATE), Value::Rate { numerator: 2, denominator: 4 });
    // 公调对接: A and B accepted (F refused), A agreed, B failed.
    assert_eq!(value(&v, "mediation.accepted.channel.police"), Value::Count { count: 2 });
    assert_eq!(value(&v, "mediation.success_rate.channel.police"), Value::Rate { numerator: 1, denominator: 2 });
    assert_eq!(value(&v, "mediation.accepted.type.neighbour"), Value::Count { count: 2 });
    assert_eq!(value(&v, "mediation.success_rate.type.marriage_family"), Value::Rate { numerator: 1, denominator: 1 });
    assert_eq!(value(&v, "mediation.accepted.form.administrative"), Value::Count { count: 0 });
    assert_eq!(value(&v, "mediation.success_rate.channel.court").percent(), None);
    // Every group has its three rows, the names say which group.
    let groups = 1 + MediationForm::ALL.len() + Channel::ALL.len() + DisputeType::ALL.len();
    assert_eq!(v.len(), 3 * groups);
    assert!(v.iter().any(|x| x.name == "成功率(公调对接(公安机关移交))"), "{v:?}");
    // 2024: E accepted, nothing ended.
    let y2024 = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let v = by_facts::<Mediation>(&all, y2024);
    assert_eq!(value(&v, med::ACCEPTED), Value::Count { count: 1 });
    assert_eq!(value(&v, med::SUCCESS_RATE), Value::Rate { numerator: 0, denominator: 0 });
}
