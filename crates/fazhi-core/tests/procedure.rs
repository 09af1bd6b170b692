//! Tests of the procedure engine's pure core: transitions and their refusals, a full
//! disclosure case through the legal clock, tables 3 and 4, and the indicators.
//! Every expected value is worked out by hand in the comments (weekday anchors:
//! 2024-02-05 Mon, 2024-09-20 Fri, 2024-10-01 Tue, 2025-01-20 Mon, 2025-02-07 Fri,
//! 2025-03-03 Mon).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use fazhi_core::clock::{
    Approaching, Calendar, DeadlineStatus, Engine, EventKind, PauseKind, ProcedureEvent, RuleSet, Schedule, Step,
};
use fazhi_core::procedure::disclosure as dis;
use fazhi_core::procedure::indicators::{self, *};
use fazhi_core::procedure::litigation as lit;
use fazhi_core::procedure::petition::{self as xf, Petition};
use fazhi_core::procedure::reconsideration as rec;
use fazhi_core::procedure::*;
use serde_json::json;

/// The values of a kind's catalogue over the facts of `cases` (the one
/// mechanism every indicator goes through: facts, then definitions).
fn by_facts<P: Procedure>(cases: &[&Case<P>], period: Period) -> Vec<IndicatorValue> {
    let facts: Vec<catalogue::CaseFacts<usize>> =
        cases.iter().enumerate().map(|(case, c)| catalogue::CaseFacts { case, facts: P::indicator_facts(c) }).collect();
    catalogue::evaluate(&P::catalogue(&IndicatorConfig::default()), &facts, period)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A case driven through `apply`, with the engine over the built-in calendar and rules.
struct Driver {
    cal: Calendar,
    rules: RuleSet,
}

impl Driver {
    fn new() -> Driver {
        Driver { cal: Calendar::builtin(), rules: RuleSet::builtin() }
    }

    fn engine(&self) -> Engine<'_> {
        Engine::new(&self.cal, &self.rules)
    }

    /// Applies the steps in order to a new case (today = the step's date) and
    /// returns the case.
    fn run<P: Procedure>(&self, steps: &[(&str, P::Action)]) -> Case<P> {
        self.run_from(Case::new(), steps)
    }

    /// Applies the steps in order to `case` (today = the step's date).
    fn run_from<P: Procedure>(&self, mut case: Case<P>, steps: &[(&str, P::Action)]) -> Case<P> {
        for (date, action) in steps {
            case = apply(&self.engine(), &case, action, d(date), d(date))
                .unwrap_or_else(|e| panic!("{date} {action:?}: {e}"))
                .case;
        }
        case
    }

    fn refuse<P: Procedure>(&self, case: &Case<P>, action: P::Action, date: &str, today: &str) -> String {
        match apply(&self.engine(), case, &action, d(date), d(today)) {
            Ok(a) => panic!("{action:?} on {date} was accepted: {:?}", a.case.stage),
            Err(e) => e.to_string(),
        }
    }

    fn schedule<P: Procedure>(&self, case: &Case<P>) -> Schedule {
        self.engine().schedule(P::CLOCK, &case.common.clock_events).unwrap()
    }
}

fn due(s: &Schedule, step: Step) -> NaiveDate {
    s.deadlines.iter().find(|x| x.step == step).unwrap_or_else(|| panic!("no {step:?} in {s:?}")).due
}

fn receive(applicant: ApplicantType) -> dis::Action {
    dis::Action::ReceiveRequest { applicant }
}

fn reply(o: DisclosureOutcome) -> dis::Action {
    dis::Action::Reply { outcome: Some(o) }
}

/// An extension of the disclosure reply period (working days).
fn extension(days: u32, by: &str) -> dis::Action {
    dis::Action::GrantExtension { days, approved_by: by.into() }
}

/// An extension of the reconsideration decision period (days).
fn rec_extension(days: u32, by: &str) -> rec::Action {
    rec::Action::GrantExtension { days, approved_by: by.into() }
}

fn application(known_on: &str, reason: Option<&str>) -> rec::Action {
    rec::Action::ReceiveApplication {
        known_on: d(known_on),
        late_reason: reason.map(str::to_string),
        rights_learned_on: None,
        act_on: None,
        immovable: false,
    }
}

fn decide(o: ReconsiderationOutcome) -> rec::Action {
    rec::Action::Decide { outcome: Some(o), self_corrected: false, after_withdrawal: false }
}

fn head(rank: AppearerRank, proof: bool) -> lit::Action {
    lit::Action::HoldHearing {
        appearance: Some(Appearance {
            rank: Some(rank),
            name: "张局长".into(),
            identity_proof_filed: proof,
            // 出庭且出声 is recorded for a 负责人 only.
            spoke: rank.is_head(),
        }),
    }
}

fn simplified_on_goi() -> rec::Action {
    rec::Action::ApplySimplified { ground: Some(SimplifiedGround::GovernmentInformation) }
}

fn judge(o: LitigationOutcome) -> lit::Action {
    lit::Action::Judge { outcome: Some(o), appellate: None }
}

#[test]
fn full_disclosure_case_around_spring_festival_2025() {
    let dr = Driver::new();
    let engine = dr.engine();
    let mut s = Case::<Disclosure>::new();
    // (date, action, stage after, clock events added)
    let steps: Vec<(&str, dis::Action, dis::Stage, Vec<EventKind>)> = vec![
        (
            "2025-01-20",
            receive(ApplicantType::LegalServiceInstitution),
            dis::Stage::Received,
            vec![EventKind::Received],
        ),
        (
            "2025-01-24",
            dis::Action::RequestCorrection,
            dis::Stage::CorrectionRequested,
            vec![EventKind::CorrectionRequested],
        ),
        ("2025-02-07", dis::Action::ReceiveCorrection, dis::Stage::Corrected, vec![EventKind::CorrectionReceived]),
        (
            "2025-03-03",
            extension(20, "王五"),
            dis::Stage::Extended,
            vec![EventKind::ExtensionGranted { step: dis::clock::REPLY, days: 20, approved_by: "王五".into() }],
        ),
        ("2025-03-28", reply(DisclosureOutcome::WithheldSecurityStability), dis::Stage::Replied, vec![]),
    ];
    for (date, action, stage, kinds) in steps {
        let out = apply(&engine, &s, &action, d(date), d(date)).unwrap();
        assert_eq!(out.case.stage, stage, "{date}");
        let want: Vec<ProcedureEvent> = kinds.into_iter().map(|k| ProcedureEvent::new(d(date), k)).collect();
        assert_eq!(out.events, want, "{date}");
        assert!(out.flags.is_empty());
        s = out.case;
    }
    assert_eq!(s.outcome, Some(DisclosureOutcome::WithheldSecurityStability));
    assert_eq!(s.outcome.unwrap().row(), "（三）3");
    assert_eq!(s.common.closed_on, Some(d("2025-03-28")));
    assert_eq!(s.data.extension_days, 20);

    let sched = dr.schedule(&s);
    // Correction notice: 7 working days after 01-20: 01-21, 22, 23, 24, 26 (Sun, 调休),
    // 27, then 春节 01-28..02-04, 02-05 → 2025-02-05.
    assert_eq!(due(&sched, Step::CORRECTION_NOTICE), d("2025-02-05"));
    // Reply restarts on the corrected request (02-07, Fri): 02-08 (Sat, 调休) is the 1st
    // working day, 02-10..14 → 6, 02-17..21 → 11, 02-24..28 → 16, 03-03..06 → 20:
    // 2025-03-06. +20 (approved 03-03, before that date): 03-07 → 21, 03-10..14 → 26,
    // 03-17..21 → 31, 03-24..28 → 36, 03-31, 04-01, 04-02, 04-03 → 40; 04-04 is 清明.
    let reply_deadline = sched.deadlines.iter().find(|x| x.step == dis::clock::REPLY).unwrap();
    assert_eq!(reply_deadline.due, d("2025-04-03"));
    let text = reply_deadline.explanation.to_string();
    assert!(text.contains("王五"), "{text}");
    assert!(text.contains("2025-03-06"), "{text}");
    // Status: on 03-28 four working days remain (03-31..04-03) → 正常; on 03-31 three → 临期.
    let status = |today: &str| reply_deadline.status(&dr.cal, d(today), Approaching::default()).unwrap();
    assert_eq!(status("2025-03-28"), DeadlineStatus::Normal);
    assert_eq!(status("2025-03-31"), DeadlineStatus::Approaching);
    assert_eq!(status("2025-04-07"), DeadlineStatus::Overdue);

    // The case appears, balanced, in table 3 of 2025 (column 法律服务机构 = index 4).
    let summary = DisclosureSummary::of("GK-2025-001", &s).unwrap();
    let t = Table3::compute(2025, &[summary]).unwrap();
    assert_eq!(t.new_requests, [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(t.result(DisclosureOutcome::WithheldSecurityStability), [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(t.carried_out, [0; 7]);
    t.check_balance().unwrap();
}

#[test]
fn consultation_time_is_not_counted_and_the_stage_resumes() {
    let dr = Driver::new();
    // Received 2024-09-20 (Fri). Consultation 09-23 .. 10-14 excludes 09-24..10-14.
    let s = dr.run::<Disclosure>(&[
        ("2024-09-20", receive(ApplicantType::NaturalPerson)),
        ("2024-09-23", dis::Action::StartConsultation),
        ("2024-10-14", dis::Action::EndConsultation),
    ]);
    assert_eq!(s.stage, dis::Stage::Received);
    assert_eq!(s.resume_to, None);
    // Working day 1 = 09-23; from 10-15: 15, 16, 17, 18 → 5, 21..25 → 10, 28..31 → 14,
    // 11-01 → 15, 11-04..08 → 20: 2024-11-08.
    assert_eq!(due(&dr.schedule(&s), dis::clock::REPLY), d("2024-11-08"));
}

#[test]
fn reconsideration_ordinary_and_simplified_deadlines() {
    let dr = Driver::new();
    // Known 2024-09-01; received 2024-09-20 (Fri), accepted 09-27 (5th working day).
    let s = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-27", rec::Action::Accept),
    ]);
    assert_eq!(s.stage, rec::Stage::UnderReview);
    // 60 days after 09-27: 09-30 is day 3, 10-31 day 34, 11-26 day 60 (Tue).
    assert_eq!(due(&dr.schedule(&s), rec::clock::DECISION), d("2024-11-26"));
    // +30 days approved by the head of the 复议机构: 12-26 (Thu).
    let s2 = apply(&dr.engine(), &s, &rec_extension(30, "赵六"), d("2024-11-20"), d("2024-11-20")).unwrap().case;
    assert_eq!(due(&dr.schedule(&s2), rec::clock::DECISION), d("2024-12-26"));

    // Simplified, accepted 2024-01-18 (Thu): 30 days → 02-17 (Sat, 春节), rolls over to the
    // first working day, 02-18 (Sun, 调休).
    let s = dr.run::<Reconsideration>(&[
        ("2024-01-16", application("2024-01-10", None)),
        ("2024-01-18", rec::Action::Accept),
        ("2024-01-18", simplified_on_goi()),
    ]);
    assert!(s.data.simplified);
    assert_eq!(due(&dr.schedule(&s), rec::clock::DECISION), d("2024-02-18"));
}

#[test]
fn reconsideration_suspension_and_termination() {
    let dr = Driver::new();
    let s = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-27", rec::Action::Accept),
        ("2024-10-10", rec::Action::Suspend { reason: "申请人死亡，待确定继承人".into() }),
    ]);
    assert_eq!(s.stage, rec::Stage::Suspended);
    let sched = dr.schedule(&s);
    assert!(sched.pending.iter().any(|p| p.step == rec::clock::DECISION), "{sched:?}");
    // Resumed 10-20: days 10-11..10-20 (10) not counted → 11-26 + 10 = 12-06 (Fri).
    let resumed = apply(&dr.engine(), &s, &rec::Action::Resume, d("2024-10-20"), d("2024-10-20")).unwrap().case;
    assert_eq!(resumed.stage, rec::Stage::UnderReview);
    assert_eq!(due(&dr.schedule(&resumed), rec::clock::DECISION), d("2024-12-06"));
    // Terminated while suspended (Art. 41): the pause is closed with the termination.
    let out =
        apply(&dr.engine(), &s, &decide(ReconsiderationOutcome::Terminated), d("2024-12-10"), d("2024-12-10")).unwrap();
    assert_eq!(out.case.stage, rec::Stage::Terminated);
    assert_eq!(
        out.events,
        vec![ProcedureEvent::new(d("2024-12-10"), EventKind::PauseEnded { pause: PauseKind::Suspension })]
    );
}

#[test]
fn late_reconsideration_application_needs_a_reason() {
    let dr = Driver::new();
    let new = Case::<Reconsideration>::new();
    // Known 2024-08-02: 60 days end 10-01 (国庆), rolled over to 10-08 (Tue).
    let ok = apply(&dr.engine(), &new, &application("2024-08-02", None), d("2024-10-08"), d("2024-10-08")).unwrap();
    assert!(ok.flags.is_empty());
    assert_eq!(
        dr.refuse(&new, application("2024-08-02", None), "2024-10-09", "2024-10-09"),
        "申请日期2024-10-09已超过行政复议申请期限：自知道该行政行为之日（2024-08-02）起60日，\
         期限届满日为2024-10-08（《行政复议法》第二十条）。如因不可抗力或者其他正当理由耽误期限，请填写理由"
    );
    assert_eq!(
        dr.refuse(&new, application("2024-08-02", Some("  ")), "2024-10-09", "2024-10-09"),
        dr.refuse(&new, application("2024-08-02", None), "2024-10-09", "2024-10-09")
    );
    let late = apply(
        &dr.engine(),
        &new,
        &application("2024-08-02", Some("住院治疗，出院后即申请")),
        d("2024-10-09"),
        d("2024-10-09"),
    )
    .unwrap();
    let want = LateApplication {
        known_on: d("2024-08-02"),
        limit_due: d("2024-10-08"),
        received: d("2024-10-09"),
        reason: "住院治疗，出院后即申请".into(),
    };
    // The flag used to carry the late application itself; it is now a code and
    // a message naming the same limit and reason.
    assert_eq!(
        late.flags,
        vec![Flag {
            code: "late_application".into(),
            message: "申请期限已于2024-10-08届满，因申请人说明理由而登记：住院治疗，出院后即申请".into(),
        }]
    );
    assert_eq!(late.case.data.late, Some(want));
}

/// A refused step: (case, action, date, today, expected message).
type Refusal<'a, P> = (&'a Case<P>, <P as Procedure>::Action, &'a str, &'a str, String);

fn check_refusals<P: Procedure>(dr: &Driver, cases: Vec<Refusal<'_, P>>) {
    for (case, action, date, today, want) in cases {
        let got = dr.refuse(case, action.clone(), date, today);
        assert_eq!(got, want, "{action:?}");
    }
}

#[test]
fn refused_transitions_say_why_in_chinese() {
    let dr = Driver::new();
    let new_d = Case::<Disclosure>::new();
    let received = dr.run::<Disclosure>(&[("2024-02-05", receive(ApplicantType::NaturalPerson))]);
    let awaiting = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-02-06", dis::Action::RequestCorrection),
    ]);
    let corrected = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-02-06", dis::Action::RequestCorrection),
        ("2024-02-07", dis::Action::ReceiveCorrection),
    ]);
    let extended = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-03-01", extension(15, "王五")),
    ]);
    let consulting = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-02-06", dis::Action::StartConsultation),
    ]);
    let replied = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-02-06", reply(DisclosureOutcome::Disclosed)),
    ]);
    let new_r = Case::<Reconsideration>::new();
    let applied = dr.run::<Reconsideration>(&[("2024-09-20", application("2024-09-01", None))]);
    let review = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-27", rec::Action::Accept),
    ]);
    let simplified = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-27", rec::Action::Accept),
        ("2024-09-27", simplified_on_goi()),
    ]);
    let served =
        dr.run::<Litigation>(&[("2024-09-20", lit::Action::ReceiveComplaint { after_reconsideration: false })]);
    let mediating = dr.run_from(review.clone(), &[("2024-10-08", rec::Action::StartMediation)]);
    let suspended =
        dr.run_from(review.clone(), &[("2024-10-08", rec::Action::Suspend { reason: "等待另案结果".into() })]);
    let scheduled = dr.run::<Litigation>(&[
        ("2024-09-20", lit::Action::ReceiveComplaint { after_reconsideration: false }),
        ("2024-09-25", lit::Action::ScheduleHearing { hearing_on: d("2024-10-15") }),
    ]);

    // (case, action, date, today, expected message)
    #[rustfmt::skip]
    let disclosure: Vec<Refusal<Disclosure>> = vec![
        (&new_d, reply(DisclosureOutcome::Disclosed), "2024-02-05", "2024-02-05",
            "依申请公开案件当前处于「未登记」阶段，不能「作出答复」".into()),
        (&new_d, receive(ApplicantType::NaturalPerson), "2026-11-23", "2026-11-22",
            "「登记收到申请」的日期2026-11-23晚于今天（2026-11-22），不能录入将来的日期".into()),
        (&received, dis::Action::Reply { outcome: None }, "2024-02-06", "2024-02-06",
            "答复必须选择办理结果（对应年度报告表三“本年度办理结果”中的一项），不能为空".into()),
        (&received, reply(DisclosureOutcome::Disclosed), "2024-02-04", "2024-02-06",
            "「作出答复」的日期2024-02-04早于上一步骤的日期2024-02-05，请核对".into()),
        (&received, extension(10, " "), "2024-02-06", "2024-02-06",
            "依申请公开答复期限的延长须经政府信息公开工作机构负责人批准（《政府信息公开条例》第三十三条第二款）：请填写批准人".into()),
        (&extended, extension(10, "王五"), "2024-03-04", "2024-03-04",
            "依申请公开答复期限最多延长20个工作日，本次申请延长10个工作日，连同已批准的15个工作日合计25个工作日，超过上限（《政府信息公开条例》第三十三条第二款）".into()),
        (&received, reply(DisclosureOutcome::OtherNoCorrection), "2024-02-06", "2024-02-06",
            "“（六）1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”只能用于已发出补正通知、尚未收到补正材料的申请（《政府信息公开条例》第三十条）".into()),
        (&awaiting, reply(DisclosureOutcome::Disclosed), "2024-02-07", "2024-02-07",
            "申请尚待补正，只能按“（六）1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”办结，不能答复为“（一） 予以公开”（《政府信息公开条例》第三十条）".into()),
        (&received, reply(DisclosureOutcome::UnavailableUnclearAfterCorrection), "2024-02-06", "2024-02-06",
            "“（四）3 补正后申请内容仍不明确”只能用于申请人已补正的申请，本案没有收到补正材料（《政府信息公开条例》第三十条）".into()),
        (&received, reply(DisclosureOutcome::OtherFeeUnpaid), "2024-02-06", "2024-02-06",
            "“（六）2 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”只能用于已发出收费通知、尚未缴费的申请".into()),
        (&corrected, dis::Action::RequestCorrection, "2024-02-08", "2024-02-08",
            "依申请公开案件当前处于「已补正」阶段，不能「发出补正通知」".into()),
        (&consulting, reply(DisclosureOutcome::Disclosed), "2024-02-07", "2024-02-07",
            "依申请公开案件当前处于「征求意见中」阶段，不能「作出答复」".into()),
        (&replied, dis::Action::Withdraw, "2024-02-07", "2024-02-07",
            "依申请公开案件当前处于「已答复」阶段，不能「撤回」".into()),
        // Reply due 2024-03-08 (received 02-05); an extension on 03-11 is too late (clock).
        (&received, extension(10, "王五"), "2024-03-11", "2024-03-11",
            "延长依申请公开答复期限的决定（2024-03-11）晚于原期限届满日2024-03-08：延长须在期限届满前批准（《政府信息公开条例》第三十三条第二款）".into()),
    ];
    check_refusals(&dr, disclosure);

    #[rustfmt::skip]
    let reconsideration: Vec<Refusal<Reconsideration>> = vec![
        (&new_r, application("2024-10-10", None), "2024-10-09", "2024-10-09",
            "知道行政行为的日期2024-10-10晚于收到申请的日期2024-10-09，请核对".into()),
        (&applied, rec::Action::Reject { reason: "".into() }, "2024-09-23", "2024-09-23",
            "不予受理决定须说明理由（《行政复议法》第三十条）".into()),
        (&applied, decide(ReconsiderationOutcome::Upheld), "2024-09-23", "2024-09-23",
            "行政复议案件当前处于「受理审查中」阶段，不能「作出决定」".into()),
        (&review, rec::Action::Decide { outcome: None, self_corrected: false, after_withdrawal: false }, "2024-10-09", "2024-10-09",
            "请选择复议决定的类型（《行政复议法》第六十三条至第六十九条等）".into()),
        (&review, decide(ReconsiderationOutcome::Mediated), "2024-10-09", "2024-10-09",
            "调解书须经调解达成协议，请先登记“开始调解”（《行政复议法》第七十三条）".into()),
        (&review, rec::Action::SwitchToOrdinary, "2024-10-09", "2024-10-09",
            "本案适用普通程序，无需转换；只有适用简易程序的案件才能转为普通程序（《行政复议法》第五十五条）".into()),
        (&review, rec::Action::Suspend { reason: " ".into() }, "2024-10-09", "2024-10-09",
            "中止须写明中止的原因（《行政复议法》第三十九条）".into()),
        (&simplified, rec_extension(10, "赵六"), "2024-10-09", "2024-10-09",
            "适用简易程序的行政复议案件应当在受理之日起30日内作出决定，不能延长（《行政复议法》第六十二条第二款）".into()),
        (&mediating, decide(ReconsiderationOutcome::Upheld), "2024-10-09", "2024-10-09",
            "调解中的案件只能以调解或和解结案；如调解未成，请先登记“调解未成”再作出“维持”决定（《行政复议法》第七十三条）".into()),
        (&suspended, decide(ReconsiderationOutcome::Annulled), "2024-10-09", "2024-10-09",
            "案件中止期间只能终止（《行政复议法》第四十一条），作出“撤销”决定前请先恢复审理".into()),
        (&suspended, rec::Action::Accept, "2024-10-09", "2024-10-09",
            "行政复议案件当前处于「中止」阶段，不能「受理」".into()),
        (&simplified, simplified_on_goi(), "2024-10-09", "2024-10-09", "本案已适用简易程序".into()),
        (&review, rec_extension(31, "赵六"), "2024-10-09", "2024-10-09",
            "行政复议决定期限（普通程序）最多延长30日，本次申请延长31日，连同已批准的0日合计31日，超过上限（《行政复议法》第六十二条第一款）".into()),
        // Notice 09-27 (Fri): 09-29 (Sun, 调休), 09-30, [国庆], 10-08, 10-09, 10-10 → five
        // whole working days end 10-10; a hearing on 10-08 is too early.
        (&review, rec::Action::ScheduleHearing { hearing_on: d("2024-10-08") }, "2024-09-27", "2024-09-27",
            "听证通知应当在举行听证五个工作日前送达（《行政复议法》第五十一条）：2024-09-27通知，最早可于2024-10-10之后举行，录入的听证日期为2024-10-08".into()),
    ];
    check_refusals(&dr, reconsideration);

    #[rustfmt::skip]
    let litigation: Vec<Refusal<Litigation>> = vec![
        (&served, lit::Action::Judge { outcome: None, appellate: None }, "2024-10-30", "2024-10-30", "请选择判决（裁定）结果".into()),
        (&served, lit::Action::Appeal { by_agency: false }, "2024-10-30", "2024-10-30",
            "行政应诉案件当前处于「已收到起诉状副本」阶段，不能「上诉」".into()),
        (&scheduled, lit::Action::HoldHearing { appearance: None }, "2024-10-15", "2024-10-15",
            "请登记出庭情况（《行政诉讼法》第三条第三款）：负责人、工作人员、仅律师出庭，或无人出庭".into()),
        (&scheduled, head(AppearerRank::Principal, true), "2024-10-16", "2024-10-16",
            "开庭（听证）日期应为通知的2024-10-15，录入的是2024-10-16；如已改期，请重新登记通知".into()),
    ];
    check_refusals(&dr, litigation);

    // Another kind's step can no longer be written for a case (each kind has
    // its own actions); given as JSON, as a form or the API sends it, it is
    // refused as not a step of the case's kind.
    let foreign = |case: &dyn AnyCase, action: serde_json::Value, date: &str| match case.apply_json(
        &dr.engine(),
        &action,
        d(date),
        d(date),
    ) {
        Ok(s) => panic!("{action} was accepted: {}", s.case.stage_code()),
        Err(e) => e.to_string(),
    };
    let e = foreign(&received, json!({"action": "accept"}), "2024-02-06");
    assert!(e.starts_with("无法识别的依申请公开办理步骤或其内容") && e.contains("accept"), "{e}");
    let e = foreign(&served, json!({"action": "grant_extension", "days": 10, "approved_by": "张三"}), "2024-09-25");
    assert!(e.starts_with("无法识别的行政应诉办理步骤或其内容") && e.contains("grant_extension"), "{e}");
}

#[test]
fn a_hearing_notified_in_time_is_accepted_and_returns_to_review() {
    let dr = Driver::new();
    let s = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-27", rec::Action::Accept),
        ("2024-09-27", rec::Action::ScheduleHearing { hearing_on: d("2024-10-11") }),
    ]);
    assert_eq!(s.stage, rec::Stage::Hearing);
    let s = apply(&dr.engine(), &s, &rec::Action::HoldHearing, d("2024-10-11"), d("2024-10-11")).unwrap().case;
    assert_eq!(s.stage, rec::Stage::UnderReview);
    let s = dr.run_from(
        s,
        &[("2024-10-15", rec::Action::StartMediation), ("2024-10-20", decide(ReconsiderationOutcome::Mediated))],
    );
    assert_eq!(s.stage, rec::Stage::Decided);
    assert_eq!(s.common.closed_on, Some(d("2024-10-20")));
}

/// Issue 13: a kind's facts reach the rest of the system through the
/// object-safe view (what the store projects on every write), and its
/// catalogue evaluated over them gives the kind's indicators.
#[test]
fn a_case_contributes_its_facts_through_any_case_and_the_catalogue_counts_them() {
    let dr = Driver::new();
    let decided = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-01", None)),
        ("2024-09-23", rec::Action::Accept),
        ("2024-10-20", decide(ReconsiderationOutcome::Annulled)),
    ]);
    let received = dr.run::<Reconsideration>(&[("2024-11-04", application("2024-11-01", None))]);
    let cases: [&dyn AnyCase; 2] = [&decided, &received];
    let config = IndicatorConfig::default();
    let catalogue = cases[0].kind().catalogue(&config);
    assert!(!catalogue.is_empty(), "行政复议 declares its catalogue");
    let facts: Vec<catalogue::CaseFacts<usize>> =
        cases.iter().enumerate().map(|(i, c)| catalogue::CaseFacts { case: i, facts: c.indicator_facts() }).collect();
    assert!(facts.iter().all(|f| !f.facts.is_empty()), "a received case counts as received: {facts:?}");
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let by_facts = catalogue::evaluate(&catalogue, &facts, year);
    let records: Vec<ReconsiderationRecord> =
        [&decided, &received].iter().filter_map(|c| ReconsiderationRecord::of(c)).collect();
    assert_eq!(by_facts, indicators::reconsideration(&records, year, &config));
    let corrections = by_facts.iter().find(|v| v.id == indicators::RECONSIDERATION_CORRECTION_RATE).map(|v| v.value);
    assert_eq!(corrections, Some(Value::Rate { numerator: 1, denominator: 1 }), "the annulment corrects");
    // A kind without a catalogue contributes nothing (yet).
    assert!(dr
        .run::<dis::Disclosure>(&[("2024-11-04", receive(ApplicantType::NaturalPerson))])
        .indicator_facts()
        .is_empty());
}

#[test]
fn litigation_through_appeal() {
    let dr = Driver::new();
    // Served 2024-09-20 (Fri): 15 days → 10-05 (国庆), rolls over to 10-08.
    let s = dr.run::<Litigation>(&[("2024-09-20", lit::Action::ReceiveComplaint { after_reconsideration: true })]);
    assert_eq!(due(&dr.schedule(&s), lit::clock::DEFENCE), d("2024-10-08"));
    let s = dr.run_from(
        s,
        &[
            ("2024-09-30", lit::Action::SubmitDefence),
            ("2024-10-08", lit::Action::ScheduleHearing { hearing_on: d("2024-10-15") }),
            ("2024-10-15", head(AppearerRank::Deputy, true)),
            ("2024-11-20", judge(LitigationOutcome::Annulled)),
        ],
    );
    assert_eq!(s.stage, lit::Stage::Judged);
    assert_eq!(s.common.closed_on, Some(d("2024-11-20")));
    let s = dr.run_from(s, &[("2024-11-28", lit::Action::Appeal { by_agency: true })]);
    assert_eq!((s.stage, s.data.instance, s.common.closed_on), (lit::Stage::Appealed, Instance::Second, None));
    let s = dr.run_from(
        s,
        &[
            ("2024-12-02", lit::Action::ScheduleHearing { hearing_on: d("2025-01-10") }),
            ("2025-01-10", head(AppearerRank::LowerAgencyHead, true)),
            (
                "2025-02-10",
                lit::Action::Judge {
                    outcome: Some(LitigationOutcome::ClaimRejected),
                    appellate: Some(Appellate::Amended),
                },
            ),
            ("2025-02-10", lit::Action::BecomeFinal),
        ],
    );
    assert_eq!(s.stage, lit::Stage::Final);
    assert_eq!(s.data.hearings.len(), 2);
    assert_eq!(s.data.hearings[1].instance, Instance::Second);
    assert_eq!(s.outcome, Some(LitigationOutcome::ClaimRejected));
    let r = ReviewSummary::of_litigation(&s).unwrap();
    assert_eq!(r.route, ReviewRoute::SuitAfterReconsideration);
    // The case counts as concluded on its first conclusion (2024-11-20): the appeal
    // lodged afterwards does not move it out of 2024's figures; its result is
    // the final one (改判 to 驳回诉讼请求, 行政诉讼法 Art. 89).
    assert_eq!(r.concluded, Some((Table4Result::Upheld, d("2024-11-20"))));
}

#[test]
fn head_appearance_qualification() {
    let a = |rank: Option<AppearerRank>, proof: bool| Appearance {
        rank,
        name: "李某".into(),
        identity_proof_filed: proof,
        spoke: false,
    };
    assert_eq!(a(Some(AppearerRank::Principal), true).head_qualifies(), Ok(true));
    assert_eq!(a(Some(AppearerRank::OtherResponsibleLeader), true).head_qualifies(), Ok(true));
    assert_eq!(a(None, false).head_qualifies(), Ok(false));
    assert_eq!(
        a(Some(AppearerRank::EntrustedOrganisationHead), true).head_qualifies(),
        Err("出庭人员「李某」为被委托组织的负责人，不属于行政机关负责人（最高人民法院关于行政机关负责人出庭应诉若干问题的规定第二条）".into())
    );
    assert_eq!(
        a(Some(AppearerRank::Deputy), false).head_qualifies(),
        Err("负责人「李某」未在开庭前提交身份证明，视为行政机关负责人未出庭应诉（同上规定第六条）".into())
    );
    assert!(!a(Some(AppearerRank::Staff), true).is_qualifying_head());
}

#[test]
fn outcome_codes_match_table_3_rows() {
    // (outcome, row, label) — every row of part 三 of table 3, in order.
    let rows = [
        (DisclosureOutcome::Disclosed, "（一）", "予以公开"),
        (DisclosureOutcome::PartlyDisclosed, "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
        (DisclosureOutcome::WithheldStateSecret, "（三）1", "属于国家秘密"),
        (DisclosureOutcome::WithheldProhibitedByLaw, "（三）2", "其他法律行政法规禁止公开"),
        (DisclosureOutcome::WithheldSecurityStability, "（三）3", "危及“三安全一稳定”"),
        (DisclosureOutcome::WithheldThirdParty, "（三）4", "保护第三方合法权益"),
        (DisclosureOutcome::WithheldInternalAffairs, "（三）5", "属于三类内部事务信息"),
        (DisclosureOutcome::WithheldProcessInformation, "（三）6", "属于四类过程性信息"),
        (DisclosureOutcome::WithheldEnforcementFile, "（三）7", "属于行政执法案卷"),
        (DisclosureOutcome::WithheldAdministrativeQuery, "（三）8", "属于行政查询事项"),
        (DisclosureOutcome::UnavailableNotHeld, "（四）1", "本机关不掌握相关政府信息"),
        (DisclosureOutcome::UnavailableNeedsCreation, "（四）2", "没有现成信息需要另行制作"),
        (DisclosureOutcome::UnavailableUnclearAfterCorrection, "（四）3", "补正后申请内容仍不明确"),
        (DisclosureOutcome::NotHandledPetition, "（五）1", "信访举报投诉类申请"),
        (DisclosureOutcome::NotHandledRepeat, "（五）2", "重复申请"),
        (DisclosureOutcome::NotHandledPublication, "（五）3", "要求提供公开出版物"),
        (DisclosureOutcome::NotHandledExcessive, "（五）4", "无正当理由大量反复申请"),
        (DisclosureOutcome::NotHandledReconfirm, "（五）5", "要求行政机关确认或重新出具已获取信息"),
        (
            DisclosureOutcome::OtherNoCorrection,
            "（六）1",
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        (
            DisclosureOutcome::OtherFeeUnpaid,
            "（六）2",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        (DisclosureOutcome::OtherOther, "（六）3", "其他"),
    ];
    assert_eq!(DisclosureOutcome::ALL.len(), rows.len());
    for (i, (o, row, label)) in rows.iter().enumerate() {
        assert_eq!(DisclosureOutcome::ALL[i], *o);
        assert_eq!((o.row().as_str(), o.label()), (*row, *label));
        assert_eq!(DisclosureOutcome::parse(o.as_str()), Some(*o));
    }
    let json = serde_json::to_string(&DisclosureOutcome::WithheldThirdParty).unwrap();
    assert_eq!(json, r#""withheld.third_party""#);
    let cols: Vec<&str> = ApplicantType::ALL.iter().map(|a| a.zh()).collect();
    assert_eq!(cols, ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
}

#[test]
fn reconsideration_decisions_and_correction_scopes() {
    use ReconsiderationOutcome::*;
    // (outcome, narrow, standard, table 4)
    let rows = [
        (Varied, true, true, Table4Result::Corrected),
        (Annulled, true, true, Table4Result::Corrected),
        (ConfirmedIllegal, true, true, Table4Result::Corrected),
        (PerformanceOrdered, true, true, Table4Result::Corrected),
        (ConfirmedVoid, false, true, Table4Result::Corrected),
        (Upheld, false, false, Table4Result::Upheld),
        (ClaimRejected, false, false, Table4Result::Upheld),
        (ApplicationDismissed, false, false, Table4Result::Other),
        (Terminated, false, false, Table4Result::Other),
        (Mediated, false, false, Table4Result::Other),
        (Settled, false, false, Table4Result::Other),
        (Abandoned, false, false, Table4Result::Other),
        (WithdrawnBeforeAcceptance, false, false, Table4Result::Other),
    ];
    assert_eq!(rows.len(), ReconsiderationOutcome::ALL.len());
    for (o, narrow, standard, t4) in rows {
        assert_eq!(o.is_correction(CorrectionScope::Narrow), narrow, "{o:?}");
        assert_eq!(o.is_correction(CorrectionScope::Standard), standard, "{o:?}");
        assert_eq!(o.table4(), t4, "{o:?}");
    }
    use LitigationOutcome as L;
    let strict = LossDefinition::default();
    let wide = LossDefinition { compensation_is_loss: true, base: LossBase::AllConcluded };
    assert!(L::Annulled.is_loss(&strict) && L::Varied.is_loss(&strict) && L::ConfirmedVoid.is_loss(&strict));
    assert!(!L::Compensation.is_loss(&strict) && L::Compensation.is_loss(&wide));
    assert!(!L::ClaimRejected.is_loss(&wide) && !L::Withdrawn.is_loss(&wide));
}

fn ds(r: &str, a: ApplicantType, received: &str, reply: Option<(DisclosureOutcome, &str)>) -> DisclosureSummary {
    DisclosureSummary { reference: r.into(), applicant: a, received: d(received), reply: reply.map(|(o, x)| (o, d(x))) }
}

#[test]
fn table_3_balances_and_names_the_broken_column() {
    use ApplicantType::*;
    use DisclosureOutcome::*;
    let cases = vec![
        // Carried in from 2023, replied in 2024.
        ds("1", NaturalPerson, "2023-12-20", Some((Disclosed, "2024-01-10"))),
        // Carried in and still open at the end of 2024 → carried out.
        ds("2", CommercialEnterprise, "2023-12-28", None),
        // Replied in 2023: not in the 2024 table.
        ds("3", NaturalPerson, "2023-11-01", Some((Disclosed, "2023-11-20"))),
        // New in 2024.
        ds("4", NaturalPerson, "2024-03-01", Some((PartlyDisclosed, "2024-03-20"))),
        ds("5", NaturalPerson, "2024-05-06", Some((UnavailableNotHeld, "2024-05-30"))),
        ds("6", ResearchInstitution, "2024-10-08", Some((WithheldThirdParty, "2024-11-05"))),
        ds("7", LegalServiceInstitution, "2024-12-20", Some((NotHandledRepeat, "2025-01-06"))),
        ds("8", OtherOrganisation, "2024-12-30", None),
        ds("9", PublicWelfareOrganisation, "2024-06-03", Some((OtherNoCorrection, "2024-07-01"))),
        // Received in 2025: not in the 2024 table.
        ds("10", NaturalPerson, "2025-01-02", None),
    ];
    let t = Table3::compute(2024, &cases).unwrap();
    //                         自然人 商业 科研 公益 法律 其他 总计
    assert_eq!(t.new_requests, [2, 0, 1, 1, 1, 1, 6]);
    assert_eq!(t.carried_in, [1, 1, 0, 0, 0, 0, 2]);
    assert_eq!(t.result(Disclosed), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(t.result(PartlyDisclosed), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(t.result(UnavailableNotHeld), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(t.result(WithheldThirdParty), [0, 0, 1, 0, 0, 0, 1]);
    assert_eq!(t.result(OtherNoCorrection), [0, 0, 0, 1, 0, 0, 1]);
    assert_eq!(t.result(NotHandledRepeat), [0; 7]);
    assert_eq!(t.results_total(), [3, 0, 1, 1, 0, 0, 5]);
    // Case 7 (replied in 2025), case 2 and case 8 are carried out.
    assert_eq!(t.carried_out, [0, 1, 0, 0, 1, 1, 3]);
    // 6 + 2 = 5 + 3.
    t.check_balance().unwrap();
    let lines = t.lines();
    assert_eq!(lines.len(), 2 + 21 + 2);
    assert_eq!(lines[7].0, "三、（三）4 保护第三方合法权益");
    assert_eq!(lines[23], ("三、（七）总计".to_string(), [3, 0, 1, 1, 0, 0, 5]));

    // The 2025 table carries in exactly what 2024 carried out.
    let t25 = Table3::compute(2025, &cases).unwrap();
    assert_eq!(t25.carried_in, t.carried_out);
    t25.check_carry_over(&t).unwrap();
    assert_eq!(t25.new_requests, [1, 0, 0, 0, 0, 0, 1]);
    t25.check_balance().unwrap();

    // A table edited by hand: row 二 of 商业企业 taken from last year's report as 2.
    let mut bad = t.clone();
    bad.carried_in[1] = 2;
    let err = bad.check_balance().unwrap_err();
    assert_eq!(err.index, 1);
    assert_eq!(
        err.to_string(),
        "表三“商业企业”列不平衡：本年新收0件 + 上年结转2件 = 2件，而办理结果总计0件 + 结转下年度1件 = 1件"
    );
    // Checked against a previous year whose 商业企业 carry-out was 1 (case 2 only).
    let prev = Table3::compute(2023, &cases).unwrap();
    assert_eq!(prev.carried_out, [1, 1, 0, 0, 0, 0, 2]);
    t.check_carry_over(&prev).unwrap();
    assert_eq!(
        bad.check_carry_over(&prev).unwrap_err().to_string(),
        "表三“商业企业”列：2024年上年结转2件，与2023年结转下年度1件不一致"
    );

    let e = Table3::compute(2024, &[ds("GK-9", NaturalPerson, "2024-03-05", Some((Disclosed, "2024-03-01")))]);
    assert_eq!(e.unwrap_err().to_string(), "申请GK-9的答复日期2024-03-01早于收到日期2024-03-05，无法统计，请核对");
}

#[test]
fn table_4_from_review_cases() {
    use ReviewRoute::*;
    let r = |route, received: &str, concluded: Option<(Table4Result, &str)>| ReviewSummary {
        route,
        received: d(received),
        concluded: concluded.map(|(t, x)| (t, d(x))),
    };
    let cases = vec![
        r(Reconsideration, "2024-02-01", Some((ReconsiderationOutcome::Upheld.table4(), "2024-03-30"))),
        r(Reconsideration, "2024-04-01", Some((ReconsiderationOutcome::Annulled.table4(), "2024-05-30"))),
        r(Reconsideration, "2024-06-01", Some((ReconsiderationOutcome::Terminated.table4(), "2024-06-30"))),
        r(Reconsideration, "2024-12-01", None),
        r(Reconsideration, "2024-11-01", Some((Table4Result::Upheld, "2025-01-15"))), // pending at year end
        r(Reconsideration, "2023-05-01", Some((Table4Result::Upheld, "2023-06-01"))), // not in 2024
        r(DirectSuit, "2024-03-01", Some((LitigationOutcome::ClaimRejected.table4(), "2024-09-01"))),
        r(DirectSuit, "2024-03-02", Some((LitigationOutcome::ConfirmedIllegal.table4(), "2024-09-02"))),
        r(SuitAfterReconsideration, "2024-07-01", Some((LitigationOutcome::Withdrawn.table4(), "2024-08-01"))),
        r(SuitAfterReconsideration, "2025-01-01", None), // not in 2024
    ];
    let t = Table4::compute(2024, &cases);
    // 维持 纠正 其他 尚未审结 总计
    assert_eq!(t.reconsideration.cells(), [1, 1, 1, 2, 5]);
    assert_eq!(t.direct_suit.cells(), [1, 1, 0, 0, 2]);
    assert_eq!(t.suit_after_reconsideration.cells(), [0, 0, 1, 0, 1]);
}

fn rr(
    received: &str,
    accepted: Option<&str>,
    rejected: Option<&str>,
    concluded: Option<(&str, ReconsiderationOutcome)>,
    self_corrected: bool,
) -> ReconsiderationRecord {
    ReconsiderationRecord {
        received: d(received),
        accepted: accepted.map(d),
        rejected: rejected.map(d),
        concluded: concluded.map(|(x, o)| (d(x), o)),
        self_corrected,
        after_withdrawal: self_corrected,
    }
}

fn get(values: &[IndicatorValue], id: &str) -> Value {
    indicators::find(values, id).unwrap_or_else(|| panic!("no {id}")).value
}

#[test]
fn reconsideration_indicators_on_a_hand_counted_set() {
    use ReconsiderationOutcome::*;
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let cases = vec![
        rr("2023-12-20", Some("2024-01-03"), None, Some(("2024-02-20", Upheld)), false),
        rr("2024-01-10", Some("2024-01-15"), None, Some(("2024-03-10", Annulled)), false),
        rr("2024-02-01", Some("2024-02-05"), None, Some(("2024-03-01", ConfirmedVoid)), false),
        rr("2024-03-01", Some("2024-03-05"), None, Some(("2024-04-01", Mediated)), false),
        rr("2024-04-01", Some("2024-04-03"), None, Some(("2024-04-20", Terminated)), true),
        rr("2024-05-01", Some("2024-05-06"), None, Some(("2024-06-01", Settled)), false),
        rr("2024-06-01", None, Some("2024-06-05"), None, false),
        rr("2024-12-20", Some("2024-12-25"), None, Some(("2025-01-20", Varied)), false),
        rr("2024-12-30", None, None, None, false),
    ];
    // Received in 2024: 8 (not the 2023 one). EventKind::Mark(rec::clock::ACCEPTED) in 2024: 7. Rejected: 1.
    // Concluded in 2024: Upheld, Annulled, ConfirmedVoid, Mediated, Terminated, Settled = 6.
    let v = indicators::reconsideration(&cases, year, &IndicatorConfig::default());
    assert_eq!(get(&v, "reconsideration.received"), Value::Count { count: 8 });
    assert_eq!(get(&v, "reconsideration.accepted"), Value::Count { count: 7 });
    assert_eq!(get(&v, "reconsideration.rejected"), Value::Count { count: 1 });
    assert_eq!(get(&v, "reconsideration.concluded"), Value::Count { count: 6 });
    // Standard: Annulled + ConfirmedVoid = 2 of 6.
    assert_eq!(get(&v, "reconsideration.corrected"), Value::Count { count: 2 });
    assert_eq!(get(&v, "reconsideration.correction_rate"), Value::Rate { numerator: 2, denominator: 6 });
    // Mediated + Settled = 2 of 6.
    assert_eq!(get(&v, "reconsideration.mediated_settled"), Value::Count { count: 2 });
    assert_eq!(get(&v, "reconsideration.mediation_rate"), Value::Rate { numerator: 2, denominator: 6 });
    // Substantive (default): 2 mediated/settled + 2 corrected = 4.
    assert_eq!(get(&v, "reconsideration.substantive_resolutions"), Value::Count { count: 4 });
    let rate = get(&v, "reconsideration.correction_rate").percent().unwrap();
    assert!((rate - 33.333).abs() < 0.01, "{rate}");

    // Narrow scope, on-merits base: Annulled only (1) of Upheld, Annulled, ConfirmedVoid (3).
    let cfg = IndicatorConfig {
        correction_scope: CorrectionScope::Narrow,
        correction_base: CorrectionBase::DecidedOnMerits,
        ..IndicatorConfig::default()
    };
    let v = indicators::reconsideration(&cases, year, &cfg);
    assert_eq!(get(&v, "reconsideration.correction_rate"), Value::Rate { numerator: 1, denominator: 3 });
    // Comprehensive: + the self-corrected withdrawal = 3 of 6.
    let cfg = IndicatorConfig { correction_scope: CorrectionScope::Comprehensive, ..IndicatorConfig::default() };
    let v = indicators::reconsideration(&cases, year, &cfg);
    assert_eq!(get(&v, "reconsideration.correction_rate"), Value::Rate { numerator: 3, denominator: 6 });
    // Withdrawal variant of 实质性化解: Mediated + Settled + Terminated = 3.
    let cfg = IndicatorConfig {
        substantive: SubstantiveDefinition::MediationSettlementWithdrawal,
        ..IndicatorConfig::default()
    };
    let v = indicators::reconsideration(&cases, year, &cfg);
    assert_eq!(get(&v, "reconsideration.substantive_resolutions"), Value::Count { count: 3 });
}

fn hearing(date: &str, instance: Instance, rank: Option<AppearerRank>, proof: bool) -> HearingRecord {
    HearingRecord {
        date: d(date),
        instance,
        appearance: Appearance { rank, name: "某".into(), identity_proof_filed: proof, spoke: false },
    }
}

#[test]
fn litigation_indicators_on_a_hand_counted_set() {
    use AppearerRank::*;
    use Instance::*;
    use LitigationOutcome as L;
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let cases = vec![
        // A: two first-instance hearings, head at the second; lost (撤销).
        LitigationRecord {
            received: d("2024-01-10"),
            hearings: vec![
                hearing("2024-03-01", First, Some(Staff), true),
                hearing("2024-04-01", First, Some(Principal), true),
            ],
            concluded: Some((d("2024-05-01"), L::Annulled)),
        },
        // B: one hearing, deputy without identity proof (does not count); won.
        LitigationRecord {
            received: d("2024-02-10"),
            hearings: vec![hearing("2024-04-10", First, Some(Deputy), false)],
            concluded: Some((d("2024-06-01"), L::ClaimRejected)),
        },
        // C: first instance staff only; second instance head → counts only with all instances.
        LitigationRecord {
            received: d("2024-03-10"),
            hearings: vec![
                hearing("2024-05-10", First, Some(Staff), true),
                hearing("2024-09-10", Second, Some(Deputy), true),
            ],
            concluded: Some((d("2024-10-01"), L::Compensation)),
        },
        // D: withdrawn without a hearing.
        LitigationRecord {
            received: d("2024-04-10"),
            hearings: vec![],
            concluded: Some((d("2024-05-10"), L::Withdrawn)),
        },
        // E: heard in 2023 with a head, concluded in 2024 (confirmed illegal).
        LitigationRecord {
            received: d("2023-10-10"),
            hearings: vec![hearing("2023-12-01", First, Some(Principal), true)],
            concluded: Some((d("2024-01-20"), L::ConfirmedIllegal)),
        },
        // F: received 2024, open.
        LitigationRecord { received: d("2024-12-01"), hearings: vec![], concluded: None },
    ];
    let v = indicators::litigation(&cases, year, &IndicatorConfig::default());
    assert_eq!(get(&v, "litigation.cases"), Value::Count { count: 5 });
    assert_eq!(get(&v, "litigation.concluded"), Value::Count { count: 5 });
    // Per case, all instances: heard in 2024 = A, B, C; head appeared = A, C.
    assert_eq!(get(&v, "litigation.head_appearances"), Value::Count { count: 2 });
    assert_eq!(get(&v, "litigation.head_appearance_rate"), Value::Rate { numerator: 2, denominator: 3 });
    // Lost: A (撤销), E (确认违法) = 2; compensation not a loss by default; base 5.
    assert_eq!(get(&v, "litigation.lost"), Value::Count { count: 2 });
    assert_eq!(get(&v, "litigation.loss_rate"), Value::Rate { numerator: 2, denominator: 5 });

    // Per hearing, first instance only: hearings A1, A2, B1, C1 = 4; head at A2 = 1.
    let cfg = IndicatorConfig {
        appearance: AppearanceDefinition { unit: AppearanceUnit::PerHearing, all_instances: false },
        loss: LossDefinition { compensation_is_loss: true, base: LossBase::ExcludingWithdrawals },
        ..IndicatorConfig::default()
    };
    let v = indicators::litigation(&cases, year, &cfg);
    assert_eq!(get(&v, "litigation.head_appearance_rate"), Value::Rate { numerator: 1, denominator: 4 });
    // Lost with compensation: A, C, E = 3; base without the withdrawal D = 4.
    assert_eq!(get(&v, "litigation.loss_rate"), Value::Rate { numerator: 3, denominator: 4 });
}

#[test]
fn indicator_ids_are_those_of_the_report_checker() {
    // The ids the checker (fazhi-report/src/indicators.rs) maps published figures to.
    for id in [
        "reconsideration.received",
        "reconsideration.accepted",
        "reconsideration.concluded",
        "reconsideration.corrected",
        "reconsideration.correction_rate",
        "reconsideration.mediation_rate",
    ] {
        let v = indicators::reconsideration(
            &[],
            Period { from: d("2024-01-01"), to: d("2024-12-31") },
            &IndicatorConfig::default(),
        );
        assert!(indicators::find(&v, id).is_some(), "{id}");
    }
    for id in [
        "litigation.cases",
        "litigation.concluded",
        "litigation.head_appearances",
        "litigation.head_appearance_rate",
        "litigation.lost",
        "litigation.loss_rate",
    ] {
        let v = indicators::litigation(
            &[],
            Period { from: d("2024-01-01"), to: d("2024-12-31") },
            &IndicatorConfig::default(),
        );
        assert!(indicators::find(&v, id).is_some(), "{id}");
        assert_eq!(indicators::find(&v, id).unwrap().value.percent(), None);
    }
}

#[test]
fn states_and_actions_round_trip_through_json() {
    let dr = Driver::new();
    let s = dr.run::<Disclosure>(&[
        ("2024-02-05", receive(ApplicantType::NaturalPerson)),
        ("2024-02-06", dis::Action::RequestCorrection),
    ]);
    let json = serde_json::to_string(&s).unwrap();
    let back: Case<Disclosure> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let a = reply(DisclosureOutcome::OtherNoCorrection);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, r#"{"action":"reply","outcome":"other.no_correction"}"#);
    assert_eq!(serde_json::from_str::<dis::Action>(&json).unwrap(), a);
    assert_eq!(s.allowed(), vec![dis::Verb::ReceiveCorrection, dis::Verb::Reply, dis::Verb::Withdraw]);
}

/// The stages the table reaches from `Stage::NEW` by fixed targets and pauses
/// (a `Resume` returns to a stage already reached; a `ByStep` target is the
/// kind's choice and not in the table).
fn reachable<P: Procedure>() -> Vec<P::Stage> {
    let mut reach = vec![P::Stage::NEW];
    let mut i = 0;
    while i < reach.len() {
        let from = reach[i];
        for t in P::TRANSITIONS.iter().filter(|t| t.from == from) {
            if let Target::To(s) | Target::Pause(s) = t.to {
                if !reach.contains(&s) {
                    reach.push(s);
                }
            }
        }
        i += 1;
    }
    reach
}

fn check_transitions_start_from_reachable_stages<P: Procedure>() {
    let reach = reachable::<P>();
    for t in P::TRANSITIONS {
        assert!(reach.contains(&t.from), "{}: {:?} unreachable", P::ID, t.from);
        assert!(!t.from.is_terminal(), "{}: transition out of terminal {:?}", P::ID, t.from);
    }
}

#[test]
fn every_transition_starts_from_a_stage_reachable_from_new() {
    check_transitions_start_from_reachable_stages::<Disclosure>();
    check_transitions_start_from_reachable_stages::<Reconsideration>();
    check_transitions_start_from_reachable_stages::<Litigation>();
    check_transitions_start_from_reachable_stages::<Petition>();
}

/// Every target of the table is reachable from `Stage::NEW`, every stage that is
/// not terminal is reachable, the terminal stages reached only by the kind's
/// choice (`ByStep`) are exactly `by_step`, a `Resume` leaves only a pause
/// stage, and nothing leaves a terminal stage.
fn check_targets_reachable<P: Procedure>(by_step: &[P::Stage]) {
    let reach = reachable::<P>();
    let table = P::TRANSITIONS;
    for t in table {
        if let Target::To(s) | Target::Pause(s) = t.to {
            assert!(reach.contains(&s), "{}: target {s:?} of {:?} unreachable", P::ID, t.verb);
        }
        if t.to == Target::Resume {
            let pause = table.iter().any(|p| p.to == Target::Pause(t.from));
            assert!(pause, "{}: {:?} resumes from {:?}, which no pause enters", P::ID, t.verb, t.from);
        }
    }
    assert!(table.iter().any(|t| t.to == Target::ByStep) || by_step.is_empty(), "{}: no step chooses its stage", P::ID);
    let mut unreached: Vec<P::Stage> = Vec::new();
    for s in P::Stage::ALL {
        if !reach.contains(s) {
            assert!(s.is_terminal(), "{}: stage {s:?} is unreachable", P::ID);
            unreached.push(*s);
        }
        if s.is_terminal() {
            assert!(!table.iter().any(|t| t.from == *s), "{}: transition out of terminal {s:?}", P::ID);
        }
    }
    assert_eq!(unreached, by_step, "{}", P::ID);
}

#[test]
fn every_target_is_reachable_and_terminal_stages_have_no_way_out() {
    check_targets_reachable::<Disclosure>(&[]);
    // 作出决定 decides between 已作出决定 and 已终止 by the outcome.
    check_targets_reachable::<Reconsideration>(&[rec::Stage::Decided, rec::Stage::Terminated]);
    check_targets_reachable::<Litigation>(&[]);
    check_targets_reachable::<Petition>(&[]);
}

// ---------------------------------------------------------------------------
// Corrections of issue 8: each failed on the earlier engine.
// ---------------------------------------------------------------------------

/// 行政复议法 Art. 31 ¶2: no correction within the period = the application is
/// deemed abandoned. That is its own outcome, reached only after the 10 working
/// days; it is neither 审结 nor 化解. An applicant may withdraw before acceptance
/// (Art. 74 ¶1), with the same effect on the statistics.
#[test]
fn abandonment_and_withdrawal_before_acceptance_are_not_concluded_reviews_arl_art31_art74() {
    let dr = Driver::new();
    // Received 2024-03-01 (Fri), correction notice 03-04 (Mon): 10 working days end
    // 03-18 (Mon).
    let waiting = dr.run::<Reconsideration>(&[
        ("2024-03-01", application("2024-02-20", None)),
        ("2024-03-04", rec::Action::RequestCorrection),
    ]);
    let e = dr.refuse(&waiting, rec::Action::Abandon, "2024-03-18", "2024-03-18");
    assert!(e.contains("补正期限尚未届满") && e.contains("最早于2024-03-18之后"), "{e}");
    let abandoned =
        apply(&dr.engine(), &waiting, &rec::Action::Abandon, d("2024-03-19"), d("2024-03-19")).unwrap().case;
    assert_eq!(abandoned.stage, rec::Stage::Abandoned);
    assert_eq!(abandoned.outcome, Some(ReconsiderationOutcome::Abandoned));
    let withdrawn = dr.run::<Reconsideration>(&[
        ("2024-03-01", application("2024-02-20", None)),
        ("2024-03-05", rec::Action::Withdraw),
    ]);
    assert_eq!(withdrawn.stage, rec::Stage::Withdrawn);
    assert_eq!(withdrawn.outcome, Some(ReconsiderationOutcome::WithdrawnBeforeAcceptance));
    // After acceptance a withdrawal is a termination decision, not this step.
    let accepted = dr.run::<Reconsideration>(&[
        ("2024-03-01", application("2024-02-20", None)),
        ("2024-03-05", rec::Action::Accept),
    ]);
    assert!(dr.refuse(&accepted, rec::Action::Withdraw, "2024-03-06", "2024-03-06").contains("不能「撤回」"));
    // Received: 2; 审结: 0; 实质性化解 under the withdrawal variant: 0.
    let records: Vec<ReconsiderationRecord> =
        [&abandoned, &withdrawn].iter().filter_map(|s| ReconsiderationRecord::of(s)).collect();
    let period = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let config = IndicatorConfig {
        substantive: SubstantiveDefinition::MediationSettlementWithdrawal,
        ..IndicatorConfig::default()
    };
    let values = indicators::reconsideration(&records, period, &config);
    let value = |id: &str| indicators::find(&values, id).unwrap().value;
    assert_eq!(value(RECONSIDERATION_RECEIVED), Value::Count { count: 2 });
    assert_eq!(value(RECONSIDERATION_CONCLUDED), Value::Count { count: 0 });
    assert_eq!(value(RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS), Value::Count { count: 0 });
}

fn served_and_judged(dr: &Driver, outcome: LitigationOutcome) -> Case<Litigation> {
    dr.run::<Litigation>(&[
        ("2024-09-02", lit::Action::ReceiveComplaint { after_reconsideration: false }),
        ("2024-09-10", lit::Action::SubmitDefence),
        ("2024-10-08", lit::Action::ScheduleHearing { hearing_on: d("2024-10-15") }),
        ("2024-10-15", head(AppearerRank::Principal, true)),
        ("2024-11-20", judge(outcome)),
        ("2024-11-25", lit::Action::ServeJudgment { ruling: false }),
    ])
}

/// 行政诉讼法 Arts. 85, 89: the appeal period is dated; an appeal by the agency
/// after it is refused; withdrawing an appeal makes the first-instance judgment
/// final with its own outcome (not 撤诉); the second instance answers the appeal
/// (维持, 改判, 发回重审); the year a case concluded in stays fixed.
#[test]
fn litigation_appeal_and_second_instance_alp_art85_art89() {
    let dr = Driver::new();
    let judged = served_and_judged(&dr, LitigationOutcome::Annulled);
    let appeal = dr.schedule(&judged).deadlines.into_iter().find(|x| x.step == lit::clock::APPEAL).unwrap();
    assert_eq!(appeal.due, d("2024-12-10"));
    let e = dr.refuse(&judged, lit::Action::Appeal { by_agency: true }, "2024-12-11", "2024-12-11");
    assert!(e.contains("上诉期限已于2024-12-10届满"), "{e}");

    // The other party appeals; the agency answers within 15 days.
    let appealed = dr.run_from(judged.clone(), &[("2024-12-02", lit::Action::Appeal { by_agency: false })]);
    let answer = dr.schedule(&appealed).deadlines.into_iter().find(|x| x.step == lit::clock::APPEAL_ANSWER).unwrap();
    assert_eq!(answer.due, d("2024-12-17"));
    // Withdrawn: final, the first-instance 撤销 stands (a loss, not 撤诉).
    let withdrawn = dr.run_from(appealed.clone(), &[("2024-12-20", lit::Action::WithdrawAppeal)]);
    assert_eq!(withdrawn.stage, lit::Stage::Final);
    assert_eq!(withdrawn.outcome, Some(LitigationOutcome::Annulled));
    assert_eq!(withdrawn.common.concluded(), Some(d("2024-11-20")));
    assert!(dr.refuse(&appealed, lit::Action::Withdraw, "2024-12-20", "2024-12-20").contains("不能「撤回」"));

    // Second instance: an answer to the appeal is required; 改判 must change something.
    let judge2 = |o: Option<LitigationOutcome>, a: Option<Appellate>| lit::Action::Judge { outcome: o, appellate: a };
    let e = dr.refuse(&appealed, judge2(Some(LitigationOutcome::Annulled), None), "2025-01-20", "2025-01-20");
    assert!(e.contains("二审结果"), "{e}");
    let e = dr.refuse(
        &appealed,
        judge2(Some(LitigationOutcome::Annulled), Some(Appellate::Amended)),
        "2025-01-20",
        "2025-01-20",
    );
    assert!(e.contains("与一审相同"), "{e}");
    let upheld = dr.run_from(appealed.clone(), &[("2025-01-20", judge2(None, Some(Appellate::AppealRejected)))]);
    assert_eq!(upheld.outcome, Some(LitigationOutcome::Annulled));
    let remanded = dr.run_from(appealed.clone(), &[("2025-01-20", judge2(None, Some(Appellate::Remanded)))]);
    assert_eq!(
        (remanded.stage, remanded.data.instance, remanded.common.closed_on),
        (lit::Stage::DefenceSubmitted, Instance::First, None)
    );

    // An appeal lodged in January 2025 does not take the case out of 2024's 审结
    // and 败诉 (the year is fixed at the first conclusion).
    let appealed_in_january = dr.run_from(judged, &[("2025-01-06", lit::Action::Appeal { by_agency: false })]);
    let records: Vec<LitigationRecord> = LitigationRecord::of(&appealed_in_january).into_iter().collect();
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let values = indicators::litigation(&records, year, &IndicatorConfig::default());
    assert_eq!(indicators::find(&values, LITIGATION_CONCLUDED).unwrap().value, Value::Count { count: 1 });
    assert_eq!(indicators::find(&values, LITIGATION_LOST).unwrap().value, Value::Count { count: 1 });
}

/// A hearing at which nobody, or only a lawyer, appeared for the agency is
/// recorded and counts in the 出庭应诉率 denominator; 当庭发言 is recorded for a
/// 负责人 only (行政诉讼法 Art. 3 ¶3; 2020 规定).
#[test]
fn hearings_without_the_agency_count_and_only_heads_speak() {
    let dr = Driver::new();
    let scheduled = dr.run::<Litigation>(&[
        ("2024-09-02", lit::Action::ReceiveComplaint { after_reconsideration: false }),
        ("2024-10-08", lit::Action::ScheduleHearing { hearing_on: d("2024-10-15") }),
    ]);
    let hearing = |rank: Option<AppearerRank>, spoke: bool| lit::Action::HoldHearing {
        appearance: Some(Appearance { rank, name: String::new(), identity_proof_filed: false, spoke }),
    };
    let e = dr.refuse(&scheduled, hearing(Some(AppearerRank::Staff), true), "2024-10-15", "2024-10-15");
    assert!(e.contains("当庭发言"), "{e}");
    let nobody = dr.run_from(scheduled.clone(), &[("2024-10-15", hearing(None, false))]);
    let lawyer = dr.run_from(scheduled, &[("2024-10-15", hearing(Some(AppearerRank::LawyerOnly), false))]);
    assert_eq!(nobody.data.hearings.len(), 1);
    let records: Vec<LitigationRecord> = [&nobody, &lawyer].iter().filter_map(|s| LitigationRecord::of(s)).collect();
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let values = indicators::litigation(&records, year, &IndicatorConfig::default());
    assert_eq!(
        indicators::find(&values, LITIGATION_HEAD_APPEARANCE_RATE).unwrap().value,
        Value::Rate { numerator: 0, denominator: 2 }
    );
}

/// LAW.md §3.3: the "撤回后终止" variant of 实质性化解 counts terminations after
/// the applicant withdrew (行政复议法 Art. 41 (1)), not those on the other grounds
/// (death, dissolution).
#[test]
fn withdrawal_variant_counts_only_terminations_after_withdrawal() {
    use ReconsiderationOutcome::*;
    let year = Period { from: d("2024-01-01"), to: d("2024-12-31") };
    let withdrawn = ReconsiderationRecord {
        after_withdrawal: true,
        ..rr("2024-04-01", Some("2024-04-03"), None, Some(("2024-04-20", Terminated)), false)
    };
    let died = rr("2024-05-01", Some("2024-05-06"), None, Some(("2024-06-20", Terminated)), false);
    let cfg = IndicatorConfig {
        substantive: SubstantiveDefinition::MediationSettlementWithdrawal,
        ..IndicatorConfig::default()
    };
    let v = indicators::reconsideration(&[withdrawn, died], year, &cfg);
    assert_eq!(get(&v, "reconsideration.substantive_resolutions"), Value::Count { count: 1 });
    assert_eq!(get(&v, "reconsideration.concluded"), Value::Count { count: 2 });
}

/// 行政复议法 Art. 53: the simplified procedure needs one of its grounds; a
/// hearing can be moved (with the 5 working days' notice of Art. 51 again) or
/// called off, and the case returns to where it stood.
#[test]
fn simplified_needs_a_ground_and_hearings_move_or_are_called_off() {
    let dr = Driver::new();
    let review = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-10", None)),
        ("2024-09-24", rec::Action::Accept),
    ]);
    let e = dr.refuse(&review, rec::Action::ApplySimplified { ground: None }, "2024-09-25", "2024-09-25");
    assert!(e.contains("第五十三条"), "{e}");
    // Notice 2024-10-08 for 10-16: 10-09..15 are five whole working days.
    let hearing = dr.run_from(review, &[("2024-10-08", rec::Action::ScheduleHearing { hearing_on: d("2024-10-16") })]);
    let e =
        dr.refuse(&hearing, rec::Action::RescheduleHearing { hearing_on: d("2024-10-18") }, "2024-10-14", "2024-10-14");
    assert!(e.contains("五个工作日"), "{e}");
    let moved =
        dr.run_from(hearing.clone(), &[("2024-10-10", rec::Action::RescheduleHearing { hearing_on: d("2024-10-18") })]);
    assert_eq!((moved.stage, moved.data.hearing_on), (rec::Stage::Hearing, Some(d("2024-10-18"))));
    // (A reconsideration hearing records no appearance any more: the step is
    // only dated.)
    let e = dr.refuse(&moved, rec::Action::HoldHearing, "2024-10-16", "2024-10-16");
    assert!(e.contains("2024-10-18"), "{e}");
    let off = dr.run_from(moved, &[("2024-10-11", rec::Action::CancelHearing)]);
    assert_eq!((off.stage, off.data.hearing_on), (rec::Stage::UnderReview, None));
    // Litigation: a cancelled 开庭 returns to the stage before it.
    let lit = dr.run::<Litigation>(&[
        ("2024-09-02", lit::Action::ReceiveComplaint { after_reconsideration: false }),
        ("2024-09-10", lit::Action::SubmitDefence),
        ("2024-10-08", lit::Action::ScheduleHearing { hearing_on: d("2024-10-15") }),
        ("2024-10-10", lit::Action::CancelHearing),
    ]);
    assert_eq!((lit.stage, lit.data.hearing_on), (lit::Stage::DefenceSubmitted, None));
}

/// 政府信息公开条例 Art. 32: the third party has 15 working days; a longer
/// consultation is shown as a warning on the case.
#[test]
fn a_consultation_longer_than_fifteen_working_days_is_warned() {
    let dr = Driver::new();
    // 2024-03-04 (Mon) to 03-26 (Tue): 16 working days in (03-04, 03-26].
    let s = dr.run::<Disclosure>(&[
        ("2024-03-01", receive(ApplicantType::NaturalPerson)),
        ("2024-03-04", dis::Action::StartConsultation),
        ("2024-03-26", dis::Action::EndConsultation),
    ]);
    let w = warnings::warnings(&dr.engine(), &s, d("2024-03-26"));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("历时16个工作日") && w[0].contains("第三十二条"), "{w:?}");
    // 15 working days (to 03-25) are within the period.
    let s = dr.run::<Disclosure>(&[
        ("2024-03-01", receive(ApplicantType::NaturalPerson)),
        ("2024-03-04", dis::Action::StartConsultation),
        ("2024-03-25", dis::Action::EndConsultation),
    ]);
    assert!(warnings::warnings(&dr.engine(), &s, d("2024-03-25")).is_empty());
}

/// 行政复议法 Art. 20 ¶3 and Art. 21: limits that no late reason overcomes.
#[test]
fn outer_application_limits_arl_art20_art21() {
    let dr = Driver::new();
    let new_r = Case::<Reconsideration>::new();
    let app =
        |known: &str, learned: Option<&str>, act: Option<&str>, immovable: bool| rec::Action::ReceiveApplication {
            known_on: d(known),
            late_reason: Some("不可抗力".into()),
            rights_learned_on: learned.map(d),
            act_on: act.map(d),
            immovable,
        };
    // Not told of the right: 60 days from learning of it (2024-09-01 → 10-31),
    // within one year of knowing the act (2024-03-01 → 2025-03-01).
    let ok = apply(
        &dr.engine(),
        &new_r,
        &app("2024-03-01", Some("2024-09-01"), None, false),
        d("2024-10-20"),
        d("2024-10-20"),
    );
    assert!(ok.is_ok_and(|a| a.case.data.late.is_none()), "within 60 days of learning of the right");
    // Past the year, even with a reason.
    let e = dr.refuse(&new_r, app("2024-03-01", Some("2025-02-20"), None, false), "2025-03-03", "2025-03-03");
    assert!(e.contains("最长不得超过一年") && e.contains("2025-03-01"), "{e}");
    // Five years after the act (Art. 21), even with a reason; twenty for immovable property.
    let e = dr.refuse(&new_r, app("2024-03-01", None, Some("2019-03-01"), false), "2024-03-04", "2024-03-04");
    assert!(e.contains("超过5年") && e.contains("第二十一条"), "{e}");
    let late_but_in = apply(
        &dr.engine(),
        &new_r,
        &app("2024-03-01", None, Some("2019-03-01"), true),
        d("2024-03-04"),
        d("2024-03-04"),
    );
    assert!(late_but_in.is_ok(), "{late_but_in:?}");
}

/// The kind's definition rules out steps the stage alone would allow: the
/// page offers only possible steps and the engine refuses the others.
#[test]
fn only_possible_steps_are_offered_and_accepted() {
    let dr = Driver::new();
    let review = dr.run::<Reconsideration>(&[
        ("2024-09-20", application("2024-09-10", None)),
        ("2024-09-24", rec::Action::Accept),
        ("2024-09-25", rec::Action::ServeCopy),
    ]);
    let offered = review.allowed();
    assert!(!offered.contains(&rec::Verb::ServeCopy), "the copy was served: {offered:?}");
    assert!(!offered.contains(&rec::Verb::SwitchToOrdinary), "already ordinary: {offered:?}");
    assert!(offered.contains(&rec::Verb::ApplySimplified) && offered.contains(&rec::Verb::GrantExtension));
    assert!(dr.refuse(&review, rec::Action::ServeCopy, "2024-09-26", "2024-09-26").contains("不能重复登记"));
    let simplified = dr.run_from(review, &[("2024-09-26", simplified_on_goi())]);
    let offered = simplified.allowed();
    assert!(!offered.contains(&rec::Verb::GrantExtension) && offered.contains(&rec::Verb::SwitchToOrdinary));
    // A second-instance judgment cannot be appealed.
    let judged = served_and_judged(&dr, LitigationOutcome::Annulled);
    let second = dr.run_from(
        judged,
        &[
            ("2024-12-02", lit::Action::Appeal { by_agency: false }),
            ("2025-01-20", lit::Action::Judge { outcome: None, appellate: Some(Appellate::AppealRejected) }),
        ],
    );
    assert!(!second.allowed().contains(&lit::Verb::Appeal));
    let e = dr.refuse(&second, lit::Action::Appeal { by_agency: true }, "2025-01-25", "2025-01-25");
    assert!(e.contains("终审"), "{e}");
}

// ---------------------------------------------------------------------------
// Cases stored before the engine was opened, and the object-safe path.
// ---------------------------------------------------------------------------

/// A case stored by the earlier engine (one state type for every kind, with
/// `kind`, every kind's fields, and the outcome as `{"kind", "code"}`) reads as
/// the typed case of its kind, keeps its history for the clock, and is stored
/// again in the new form.
fn old_format<P: Procedure>(dr: &Driver, json: &str) -> Case<P> {
    let case: Case<P> = serde_json::from_str(json).unwrap_or_else(|e| panic!("{}: {e}", P::ID));
    let again = serde_json::to_string(&case).unwrap();
    // Stored again without the kind (the table says it) and with the outcome as its code.
    let value: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert!(value.get("kind").is_none(), "{again}");
    assert!(value["outcome"].is_null() || value["outcome"].is_string(), "{again}");
    assert_eq!(serde_json::from_str::<Case<P>>(&again).unwrap(), case, "{}", P::ID);
    // Through the object-safe path too.
    let decoded = by_id(P::ID).unwrap().decode(json).unwrap();
    assert_eq!(typed::<P>(decoded.as_ref()), Some(&case));
    dr.schedule(&case);
    case
}

#[test]
fn a_disclosure_case_in_the_old_stored_format_reads() {
    let dr = Driver::new();
    let json = r#"{"kind":"disclosure","stage":"replied","resume_to":null,"last_date":"2024-03-20",
        "received_on":"2024-03-01","accepted_on":null,"closed_on":"2024-03-20","concluded_on":"2024-03-20",
        "applicant":"commercial_enterprise","correction_requested":true,"corrected":true,"extension_days":15,
        "simplified":false,"switched_to_ordinary":false,"after_reconsideration":false,"instance":"first",
        "hearing_on":null,"hearings":[],"outcome":{"kind":"disclosure","code":"withheld.third_party"},
        "late":null,"self_corrected":false,"terminated_after_withdrawal":false,
        "clock_events":[{"date":"2024-03-01","kind":{"type":"received"}},
            {"date":"2024-03-04","kind":{"type":"correction_requested"}},
            {"date":"2024-03-06","kind":{"type":"correction_received"}},
            {"date":"2024-03-15","kind":{"type":"extension_granted","step":"reply","days":15,"approved_by":"王五"}}],
        "done":[["correction_notice","2024-03-04"],["reply","2024-03-20"]]}"#;
    let case = old_format::<Disclosure>(&dr, json);
    assert_eq!(case.stage, dis::Stage::Replied);
    assert_eq!(case.resume_to, None);
    assert_eq!(case.outcome, Some(DisclosureOutcome::WithheldThirdParty));
    assert_eq!(
        case.data,
        dis::Data {
            applicant: Some(ApplicantType::CommercialEnterprise),
            correction_requested: true,
            corrected: true,
            extension_days: 15,
        }
    );
    assert_eq!(case.common.last_date, Some(d("2024-03-20")));
    assert_eq!(case.common.received_on, Some(d("2024-03-01")));
    assert_eq!(case.common.closed_on, Some(d("2024-03-20")));
    assert_eq!(case.common.concluded(), Some(d("2024-03-20")));
    assert_eq!(case.common.clock_events.len(), 4);
    assert_eq!(case.common.step_done(Step::CORRECTION_NOTICE), Some(d("2024-03-04")));
    assert_eq!(
        case.common.clock_events[3].kind,
        EventKind::ExtensionGranted { step: dis::clock::REPLY, days: 15, approved_by: "王五".into() }
    );
    let summary = DisclosureSummary::of("GK-2024-7", &case).unwrap();
    assert_eq!(summary.reply, Some((DisclosureOutcome::WithheldThirdParty, d("2024-03-20"))));
    assert!(case.allowed().is_empty());

    // An open case, paused for a consultation: it resumes where it stood.
    let json = r#"{"kind":"disclosure","stage":"consulting","resume_to":"corrected","last_date":"2024-03-08",
        "received_on":"2024-03-01","accepted_on":null,"closed_on":null,"applicant":"natural_person",
        "correction_requested":true,"corrected":true,"extension_days":0,"simplified":false,
        "switched_to_ordinary":false,"after_reconsideration":false,"instance":"first","hearing_on":null,
        "hearings":[],"outcome":null,"late":null,"self_corrected":false,
        "clock_events":[{"date":"2024-03-01","kind":{"type":"received"}},
            {"date":"2024-03-04","kind":{"type":"correction_requested"}},
            {"date":"2024-03-06","kind":{"type":"correction_received"}},
            {"date":"2024-03-08","kind":{"type":"pause_started","pause":"consultation"}}]}"#;
    let case = old_format::<Disclosure>(&dr, json);
    assert_eq!((case.stage, case.resume_to, case.outcome), (dis::Stage::Consulting, Some(dis::Stage::Corrected), None));
    assert_eq!(case.common.concluded_on, None);
    assert!(case.common.done.is_empty());
    let resumed = dr.run_from(case, &[("2024-03-12", dis::Action::EndConsultation)]);
    assert_eq!((resumed.stage, resumed.resume_to), (dis::Stage::Corrected, None));
}

#[test]
fn a_reconsideration_case_in_the_old_stored_format_reads() {
    let dr = Driver::new();
    let json = r#"{"kind":"reconsideration","stage":"decided","resume_to":null,"last_date":"2024-05-06",
        "received_on":"2024-03-01","accepted_on":"2024-03-05","closed_on":"2024-05-06",
        "concluded_on":"2024-05-06","applicant":null,"correction_requested":false,"corrected":false,
        "extension_days":0,"simplified":true,"switched_to_ordinary":false,"after_reconsideration":false,
        "instance":"first","hearing_on":null,"hearings":[],
        "outcome":{"kind":"reconsideration","code":"annulled"},
        "late":{"known_on":"2023-12-20","limit_due":"2024-02-18","received":"2024-03-01","reason":"住院治疗"},
        "self_corrected":false,"terminated_after_withdrawal":false,
        "clock_events":[{"date":"2024-03-01","kind":{"type":"received"}},
            {"date":"2024-03-05","kind":{"type":"accepted"}},
            {"date":"2024-03-05","kind":{"type":"simplified_procedure"}}],
        "done":[["correction_notice","2024-03-05"],["acceptance","2024-03-05"],["decision","2024-05-06"]]}"#;
    let case = old_format::<Reconsideration>(&dr, json);
    assert_eq!(case.stage, rec::Stage::Decided);
    assert_eq!(case.outcome, Some(ReconsiderationOutcome::Annulled));
    assert_eq!(
        case.data,
        rec::Data {
            accepted_on: Some(d("2024-03-05")),
            simplified: true,
            late: Some(LateApplication {
                known_on: d("2023-12-20"),
                limit_due: d("2024-02-18"),
                received: d("2024-03-01"),
                reason: "住院治疗".into(),
            }),
            ..rec::Data::default()
        }
    );
    assert_eq!(case.common.closed_on, Some(d("2024-05-06")));
    assert_eq!(case.common.step_done(rec::clock::ACCEPTANCE), Some(d("2024-03-05")));
    let record = ReconsiderationRecord::of(&case).unwrap();
    assert_eq!(record.accepted, Some(d("2024-03-05")));
    assert_eq!(record.concluded, Some((d("2024-05-06"), ReconsiderationOutcome::Annulled)));
    let summary = ReviewSummary::of_reconsideration(&case).unwrap();
    assert_eq!(summary.concluded, Some((Table4Result::Corrected, d("2024-05-06"))));
    // The late application is still warned about on its page.
    let w = warnings::warnings(&dr.engine(), &case, d("2024-06-01"));
    assert!(w.iter().any(|w| w.contains("逾期申请") && w.contains("住院治疗")), "{w:?}");
}

#[test]
fn a_litigation_case_in_the_old_stored_format_reads() {
    let dr = Driver::new();
    let json = r#"{"kind":"litigation","stage":"appealed","resume_to":null,"last_date":"2024-12-02",
        "received_on":"2024-09-02","accepted_on":null,"closed_on":null,"concluded_on":"2024-11-20",
        "applicant":null,"correction_requested":false,"corrected":false,"extension_days":0,
        "simplified":false,"switched_to_ordinary":false,"after_reconsideration":true,"instance":"second",
        "hearing_on":null,
        "hearings":[{"date":"2024-10-15","instance":"first","appearance":
            {"rank":"principal","name":"张局长","identity_proof_filed":true,"spoke":true}}],
        "outcome":{"kind":"litigation","code":"annulled"},"late":null,"self_corrected":false,
        "terminated_after_withdrawal":false,
        "clock_events":[{"date":"2024-09-02","kind":{"type":"received"}},
            {"date":"2024-11-25","kind":{"type":"judgment_served","ruling":false}},
            {"date":"2024-12-02","kind":{"type":"appeal_served"}}],
        "done":[["defence","2024-09-10"]]}"#;
    let case = old_format::<Litigation>(&dr, json);
    assert_eq!((case.stage, case.outcome), (lit::Stage::Appealed, Some(LitigationOutcome::Annulled)));
    assert_eq!(
        case.data,
        lit::Data {
            after_reconsideration: true,
            instance: Instance::Second,
            hearing_on: None,
            hearings: vec![HearingRecord {
                date: d("2024-10-15"),
                instance: Instance::First,
                appearance: Appearance {
                    rank: Some(AppearerRank::Principal),
                    name: "张局长".into(),
                    identity_proof_filed: true,
                    spoke: true,
                },
            }],
        }
    );
    assert_eq!((case.common.closed_on, case.common.concluded()), (None, Some(d("2024-11-20"))));
    // The appeal answer is due 15 days after the petition was served (12-17).
    assert_eq!(due(&dr.schedule(&case), lit::clock::APPEAL_ANSWER), d("2024-12-17"));
    let summary = ReviewSummary::of_litigation(&case).unwrap();
    assert_eq!(summary.route, ReviewRoute::SuitAfterReconsideration);
    // The second instance continues from the stored case.
    let upheld = dr.run_from(
        case,
        &[("2025-01-20", lit::Action::Judge { outcome: None, appellate: Some(Appellate::AppealRejected) })],
    );
    assert_eq!((upheld.stage, upheld.outcome), (lit::Stage::Judged, Some(LitigationOutcome::Annulled)));
}

fn sent<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
}

/// Storage, pages and the API see a case through `Kind` and `AnyCase` only.
#[test]
fn the_object_safe_path_reads_forms_records_steps_and_round_trips() {
    let dr = Driver::new();
    let kind = by_id("disclosure").unwrap();
    assert_eq!((kind.id(), kind.zh()), ("disclosure", "依申请公开"));
    assert!(by_id("hotline").is_none());
    let new = kind.new_case();
    assert_eq!(new.stage_code(), "new");
    // The receipt is recorded by registration, not offered as a step.
    assert!(new.steps(false).is_empty());
    let opening: Vec<String> = new.steps(true).into_iter().map(|s| s.code).collect();
    assert_eq!(opening, ["receive_request"]);

    // A bad outcome code is a field error quoting it; so is an unknown step.
    let errs = new.read_form("reply", &sent(&[("outcome", "disclosed_all")])).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, "outcome");
    assert!(errs[0].message.contains("disclosed_all"), "{errs:?}");
    let errs = new.read_form("accept", &sent(&[])).unwrap_err();
    assert_eq!(errs[0].field, "action");
    assert!(errs[0].message.contains("accept"), "{errs:?}");

    // A step given as JSON is recorded, with its verb and the action as stored.
    let engine = dr.engine();
    let received = new
        .apply_json(
            &engine,
            &json!({"action": "receive_request", "applicant": "natural_person"}),
            d("2024-02-05"),
            d("2024-02-05"),
        )
        .unwrap();
    assert_eq!(received.verb, "receive_request");
    assert!(received.flags.is_empty());
    assert_eq!(received.case.stage_code(), "received");
    assert_eq!(received.case.stage_zh(), "已收到申请");
    assert_eq!(received.case.common().received_on, Some(d("2024-02-05")));
    assert_eq!(received.case.common().clock_events, vec![ProcedureEvent::new(d("2024-02-05"), EventKind::Received)]);
    assert_eq!(kind.describe(&received.action_json).as_deref(), Some("收到申请(申请人类型:自然人)"));
    let offered: Vec<String> = received.case.steps(false).into_iter().map(|s| s.code).collect();
    assert!(offered.contains(&"reply".to_owned()) && !offered.contains(&"receive_request".to_owned()), "{offered:?}");

    // Stored and read back, it is the same case.
    let stored = received.case.to_json().unwrap();
    let back = kind.decode(&stored).unwrap();
    assert_eq!(back.to_json().unwrap(), stored);
    assert_eq!(typed::<Disclosure>(back.as_ref()), typed::<Disclosure>(received.case.as_ref()));
    assert!(typed::<Reconsideration>(back.as_ref()).is_none());
    assert!(kind.decode("{\"stage\":\"decided\"}").is_err());

    // A form read into an action and recorded closes the case.
    let action = back.read_form("reply", &sent(&[("outcome", " disclosed ")])).unwrap();
    assert_eq!(action, json!({"action": "reply", "outcome": "disclosed"}));
    let replied = back.apply_json(&engine, &action, d("2024-02-20"), d("2024-02-20")).unwrap();
    assert_eq!(replied.verb, "reply");
    assert_eq!(replied.case.stage_code(), "replied");
    assert!(replied.case.is_closed());
    assert_eq!(replied.case.outcome_code().as_deref(), Some("disclosed"));
    assert_eq!(replied.case.common().closed_on, Some(d("2024-02-20")));
    assert!(replied.case.steps(true).is_empty());
    // A refusal comes back the same way as from `apply`.
    let e = back.apply_json(&engine, &action, d("2024-02-01"), d("2024-02-20")).unwrap_err();
    assert_eq!(e.to_string(), "「作出答复」的日期2024-02-01早于上一步骤的日期2024-02-05，请核对");
}

#[path = "procedure/mediation.rs"]
mod mediation;

#[path = "procedure/annual_report.rs"]
mod annual_report;

// ---------------------------------------------------------------------------
// 建议提案 (LAW.md §11)
// ---------------------------------------------------------------------------

mod proposals {
    use super::*;
    use fazhi_core::procedure::proposal::{self as jyta, Proposal, ReplyClass, Satisfaction, Source};

    fn register() -> jyta::Action {
        jyta::Action::Register {
            source: Source::Deputy,
            session: "区十八届人大三次会议".into(),
            number: 12,
            co_units: vec!["区财政局".into()],
        }
    }

    fn reply(class: ReplyClass, public: bool) -> jyta::Action {
        jyta::Action::Reply { class: Some(class), public }
    }

    fn feedback(s: Satisfaction) -> jyta::Action {
        jyta::Action::Feedback { satisfaction: Some(s) }
    }

    /// Registered, assigned on 2025-03-20 (the clock starts), met, replied on
    /// time, the deputy satisfied: closed on the feedback.
    #[test]
    fn a_proposal_from_registration_to_the_feedback() {
        let dr = Driver::new();
        let registered = dr.run::<Proposal>(&[("2025-03-10", register())]);
        assert_eq!(registered.stage, jyta::Stage::Registered);
        assert!(registered.common.clock_events.is_empty(), "no clock before the assignment");
        assert_eq!(registered.common.received_on, Some(d("2025-03-10")));
        let assigned = dr.run_from(registered, &[("2025-03-20", jyta::Action::Assign)]);
        // 代表法 Art. 51 ¶2: 3 months from the assignment, 2025-06-20 (Fri).
        assert_eq!(due(&dr.schedule(&assigned), jyta::clock::REPLY), d("2025-06-20"));
        let replied =
            dr.run_from(assigned, &[("2025-04-15", jyta::Action::Meet), ("2025-06-10", reply(ReplyClass::A, true))]);
        assert_eq!(replied.stage, jyta::Stage::Replied);
        assert_eq!(replied.outcome, Some(ReplyClass::A));
        assert!(replied.common.closed_on.is_none(), "open until the feedback");
        assert!(replied.data.replies[0].on_time());
        // The feedback within 15 working days: 2025-07-01.
        assert_eq!(due(&dr.schedule(&replied), jyta::clock::FEEDBACK), d("2025-07-01"));
        let closed = dr.run_from(replied, &[("2025-06-20", feedback(Satisfaction::BasicallySatisfied))]);
        assert_eq!(closed.stage, jyta::Stage::Closed);
        assert_eq!(closed.common.closed_on, Some(d("2025-06-20")));
        assert_eq!(closed.data.meetings, vec![d("2025-04-15")]);
    }

    /// Unsatisfied: handled again, answered within 2 months (Beijing Art. 27),
    /// and the second reply stands for the class.
    #[test]
    fn an_unsatisfied_deputy_reopens_the_handling() {
        let dr = Driver::new();
        let rehandling = dr.run::<Proposal>(&[
            ("2025-03-10", register()),
            ("2025-03-20", jyta::Action::Assign),
            ("2025-06-10", reply(ReplyClass::D, false)),
            ("2025-06-20", feedback(Satisfaction::Dissatisfied)),
        ]);
        assert_eq!(rehandling.stage, jyta::Stage::Rehandling);
        // 2025-06-20 + 2 months = 2025-08-20 (Wed).
        assert_eq!(due(&dr.schedule(&rehandling), jyta::clock::REREPLY), d("2025-08-20"));
        let second = dr.run_from(
            rehandling,
            &[
                ("2025-07-01", jyta::Action::Meet),
                ("2025-08-25", jyta::Action::Rereply { class: Some(ReplyClass::B), public: true }),
            ],
        );
        assert_eq!(second.outcome, Some(ReplyClass::B));
        assert!(!second.data.replies[1].on_time(), "after 2025-08-20");
        let closed = dr.run_from(
            second,
            &[("2025-09-01", jyta::Action::Refeedback { satisfaction: Some(Satisfaction::Satisfied) })],
        );
        assert_eq!(closed.stage, jyta::Stage::Closed);
        assert_eq!(closed.data.feedback.len(), 2);
    }

    /// A difficult proposal: 6 months with the consent, given before the 3
    /// months run out; a step out of place is refused.
    #[test]
    fn difficult_proposals_and_refusals() {
        let dr = Driver::new();
        let assigned = dr.run::<Proposal>(&[("2025-03-10", register()), ("2025-03-20", jyta::Action::Assign)]);
        let consent = |by: &str| jyta::Action::ApproveDifficult { approved_by: by.into() };
        assert!(dr.refuse(&assigned, consent(" "), "2025-05-10", "2025-05-10").contains("须经交办机关同意"));
        let late = dr.refuse(&assigned, consent("区政府办公室"), "2025-06-23", "2025-06-23");
        assert!(late.contains("2025-06-20届满"), "{late}");
        let difficult = dr.run_from(assigned.clone(), &[("2025-05-10", consent("区政府办公室 区府办函〔2025〕3号"))]);
        assert_eq!(due(&dr.schedule(&difficult), jyta::clock::REPLY), d("2025-09-22"));
        assert!(!difficult.allowed().contains(&jyta::Verb::ApproveDifficult), "once");
        // No class, no reply; no feedback before a reply; no 6 months twice.
        let e = dr.refuse(&assigned, jyta::Action::Reply { class: None, public: false }, "2025-05-10", "2025-05-10");
        assert!(e.contains("请选择答复类别"), "{e}");
        let e = dr.refuse(&assigned, feedback(Satisfaction::Satisfied), "2025-05-10", "2025-05-10");
        assert!(e.contains("不能「代表委员反馈意见」"), "{e}");
        let new = Case::<Proposal>::new();
        assert!(dr.refuse(&new, jyta::Action::Assign, "2025-03-20", "2025-03-20").contains("不能「交办」"));
        let bad =
            jyta::Action::Register { source: Source::Member, session: String::new(), number: 1, co_units: vec![] };
        assert!(dr.refuse(&new, bad, "2025-03-20", "2025-03-20").contains("届次"));
        // Closing without feedback waits for the feedback period (2025-07-01).
        let replied = dr.run_from(assigned, &[("2025-06-10", reply(ReplyClass::C, false))]);
        let e = dr.refuse(&replied, jyta::Action::CloseWithoutFeedback, "2025-07-01", "2025-07-01");
        assert!(e.contains("2025-07-01届满"), "{e}");
        let closed = dr.run_from(replied, &[("2025-07-02", jyta::Action::CloseWithoutFeedback)]);
        assert_eq!(closed.stage, jyta::Stage::Closed);
        assert!(closed.data.feedback.is_empty());
    }

    /// The indicators equal a count by hand over a small set.
    #[test]
    fn indicators_count_by_assignment_date() {
        let dr = Driver::new();
        let a = dr.run::<Proposal>(&[
            ("2025-03-10", register()),
            ("2025-03-20", jyta::Action::Assign),
            ("2025-04-01", jyta::Action::Meet),
            ("2025-06-10", reply(ReplyClass::A, true)),
            ("2025-06-12", feedback(Satisfaction::Satisfied)),
        ]);
        let b = dr.run::<Proposal>(&[
            ("2025-03-10", register()),
            ("2025-03-20", jyta::Action::Assign),
            ("2025-06-23", reply(ReplyClass::D, false)),
            ("2025-06-25", feedback(Satisfaction::Dissatisfied)),
            ("2025-08-01", jyta::Action::Rereply { class: Some(ReplyClass::B), public: true }),
            ("2025-08-05", jyta::Action::Refeedback { satisfaction: Some(Satisfaction::BasicallySatisfied) }),
        ]);
        let c = dr.run::<Proposal>(&[("2025-03-10", register()), ("2025-03-20", jyta::Action::Assign)]);
        let not_assigned = dr.run::<Proposal>(&[("2025-03-10", register())]);
        let other_year = dr.run::<Proposal>(&[("2024-03-10", register()), ("2024-03-20", jyta::Action::Assign)]);
        let period = Period { from: d("2025-01-01"), to: d("2025-12-31") };
        let v = by_facts::<Proposal>(&[&a, &b, &c, &not_assigned, &other_year], period);
        let get = |id: &str| v.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("{id}")).value;
        use jyta::indicators as i;
        assert_eq!(get(i::ASSIGNED), Value::Count { count: 3 });
        assert_eq!(get(i::REPLY_RATE), Value::Rate { numerator: 2, denominator: 3 });
        // b's first reply (2025-06-23) is after 2025-06-20.
        assert_eq!(get(i::ON_TIME_RATE), Value::Rate { numerator: 1, denominator: 3 });
        assert_eq!(get(i::MET_RATE), Value::Rate { numerator: 1, denominator: 3 });
        assert_eq!(get(i::SATISFACTION_RATE), Value::Rate { numerator: 2, denominator: 2 });
        assert_eq!(get(i::SATISFIED), Value::Rate { numerator: 1, denominator: 2 });
        assert_eq!(get(i::BASICALLY_SATISFIED), Value::Rate { numerator: 1, denominator: 2 });
        assert_eq!(get(i::CLASS_A), Value::Rate { numerator: 1, denominator: 2 });
        assert_eq!(get(i::CLASS_B), Value::Rate { numerator: 1, denominator: 2 });
        assert_eq!(get(i::CLASS_D), Value::Rate { numerator: 0, denominator: 2 });
        assert_eq!(get(i::PUBLIC_RATE), Value::Rate { numerator: 2, denominator: 2 });
        assert_eq!(get(i::REHANDLED), Value::Count { count: 1 });
        assert_eq!(v.len(), 16);
    }
}

// ---------------------------------------------------------------------------
// 信访 (信访工作条例 2022). Weekday anchors: 2025-03-03 Mon, 2025-05-11 Sun,
// 2025-06-09 Mon, 2025-08-01 Fri.
// ---------------------------------------------------------------------------

fn petition(category: xf::Category, first: bool) -> xf::Action {
    xf::Action::Register { channel: xf::Channel::Letter, category, first, repeat_of: None, after_recheck: false }
}

fn transfer(to: &str) -> xf::Action {
    xf::Action::Transfer { to: to.into(), assigned: false }
}

fn opinion(o: xf::PetitionOutcome) -> xf::Action {
    xf::Action::Answer { outcome: Some(o) }
}

fn review_request(round: xf::Round, answered_on: &str, reply_received_on: &str) -> xf::Action {
    xf::Action::ReceiveReview {
        round,
        reviews: "XF-2025-00001".into(),
        channel: xf::Channel::Visit,
        category: xf::Category::Claim,
        answered_on: d(answered_on),
        reply_received_on: d(reply_received_on),
    }
}

/// A 申诉求决类 letter transferred (Art. 22), accepted (Art. 23 ¶3), extended by
/// the head (Art. 34), answered with a written opinion (Art. 32) and rated.
#[test]
fn petition_transferred_accepted_extended_answered_and_rated_xf_art22_art34() {
    let dr = Driver::new();
    let case = dr.run::<Petition>(&[("2025-03-03", petition(xf::Category::Claim, true))]);
    assert_eq!(case.stage, xf::Stage::Registered);
    // Art. 22: 03-03 + 15 days = 03-18.
    assert_eq!(due(&dr.schedule(&case), xf::clock::TRANSFER), d("2025-03-18"));
    let case = dr.run_from(case, &[("2025-03-10", transfer("区住房和城乡建设局"))]);
    assert_eq!(case.stage, xf::Stage::Transferred);
    // Art. 23 ¶3: 03-10 + 15 = 03-25; objection 5 working days: 03-17.
    let s = dr.schedule(&case);
    assert_eq!(due(&s, xf::clock::ACCEPTANCE_NOTICE), d("2025-03-25"));
    assert_eq!(due(&s, xf::clock::OBJECTION), d("2025-03-17"));
    let case = dr.run_from(case, &[("2025-03-12", xf::Action::Accept)]);
    assert_eq!(case.stage, xf::Stage::Handling);
    assert_eq!(case.data.accepted_on, Some(d("2025-03-12")));
    // Art. 34: 03-12 + 60 = 05-11 (Sun) → 05-12 (Mon).
    let s = dr.schedule(&case);
    assert_eq!(due(&s, xf::clock::HANDLING), d("2025-05-12"));
    assert!(!s.deadlines.iter().any(|x| x.step == xf::clock::OBJECTION), "nothing to object to once accepted");
    let extend = |days: u32, reason: &str| xf::Action::GrantExtension {
        days,
        approved_by: "刘局长".into(),
        reason: reason.into(),
    };
    let e = dr.refuse(&case, extend(30, ""), "2025-05-06", "2025-05-06");
    assert!(e.contains("延期理由") && e.contains("第三十四条"), "{e}");
    let case = dr.run_from(case, &[("2025-05-06", extend(30, "需现场核查"))]);
    // 90 days: 05-11 + 30 = 06-10 (Tue).
    assert_eq!(due(&dr.schedule(&case), xf::clock::HANDLING), d("2025-06-10"));
    let e = dr.refuse(&case, extend(5, "再核查"), "2025-05-20", "2025-05-20");
    assert!(e.contains("最多延长30日") && e.contains("合计35日"), "{e}");
    let e = dr.refuse(&case, opinion(xf::PetitionOutcome::Upheld), "2025-06-05", "2025-06-05");
    assert!(e.contains("“维持原处理意见”"), "{e}");
    let case = dr.run_from(case, &[("2025-06-05", opinion(xf::PetitionOutcome::Explained))]);
    assert_eq!(case.stage, xf::Stage::Answered);
    assert_eq!(case.common.closed_on, Some(d("2025-06-05")));
    assert_eq!(case.outcome, Some(xf::PetitionOutcome::Explained));
    // The due date in force when each step was performed.
    assert_eq!(
        case.data.dues,
        vec![
            (xf::clock::TRANSFER, d("2025-03-18")),
            (xf::clock::ACCEPTANCE_NOTICE, d("2025-03-25")),
            (xf::clock::HANDLING, d("2025-06-10"))
        ]
    );
    let rate = |s| xf::Action::Rate { satisfaction: Some(s) };
    let case = dr.run_from(case, &[("2025-06-10", rate(xf::Satisfaction::Basically))]);
    assert_eq!(case.data.satisfaction, Some(xf::Satisfaction::Basically));
    assert!(!case.allowed().contains(&xf::Verb::Rate));
    let e = dr.refuse(&case, rate(xf::Satisfaction::Satisfied), "2025-06-11", "2025-06-11");
    assert!(e.contains("已登记信访人的评价“基本满意”"), "{e}");
    assert_eq!(Petition::challenged_by(&case), vec![("petition", "登记复查请求")]);
}

/// Art. 23 ¶3: an objection needs reasons and sends the item back; the next
/// transfer restarts the competent body's 15 days. A suggestion has no 60 days,
/// no extension, no diversion (Art. 29).
#[test]
fn petition_objection_and_a_suggestion_xf_art23_art29() {
    let dr = Driver::new();
    let case = dr.run::<Petition>(&[
        ("2025-03-03", petition(xf::Category::Suggestion, true)),
        ("2025-03-05", transfer("区教育局")),
    ]);
    let e = dr.refuse(&case, xf::Action::Object { reason: " ".into() }, "2025-03-07", "2025-03-07");
    assert!(e.contains("详细说明理由") && e.contains("5个工作日"), "{e}");
    let case = dr.run_from(
        case,
        &[
            ("2025-03-07", xf::Action::Object { reason: "该事项属区人力社保局职责".into() }),
            ("2025-03-14", transfer("区人力资源和社会保障局")),
        ],
    );
    assert_eq!(case.data.objections, 1);
    assert_eq!(case.data.transfers.len(), 2);
    // 03-14 + 15 = 03-29 (Sat) → 03-31.
    assert_eq!(due(&dr.schedule(&case), xf::clock::ACCEPTANCE_NOTICE), d("2025-03-31"));
    let case = dr.run_from(case, &[("2025-03-20", xf::Action::Accept)]);
    assert_eq!(case.data.accepted_on, None, "no 60 days for a suggestion");
    assert!(!dr.schedule(&case).deadlines.iter().any(|x| x.step == xf::clock::HANDLING));
    assert!(!case.allowed().contains(&xf::Verb::GrantExtension) && !case.allowed().contains(&xf::Verb::Divert));
    let e = dr.refuse(
        &case,
        xf::Action::Divert { route: Some(xf::Route::Reconsideration), note: String::new() },
        "2025-03-21",
        "2025-03-21",
    );
    assert!(e.contains("第二十九条"), "{e}");
    let case = dr.run_from(case, &[("2025-04-20", opinion(xf::PetitionOutcome::Supported))]);
    assert_eq!(case.stage, xf::Stage::Answered);
    assert!(Petition::challenged_by(&case).is_empty(), "复查 is for the opinion on a claim (Art. 35)");
    let mut request = review_request(xf::Round::Review, "2025-04-20", "2025-04-21");
    if let xf::Action::ReceiveReview { category, .. } = &mut request {
        *category = xf::Category::Suggestion;
    }
    let e = dr.refuse(&Case::<Petition>::new(), request, "2025-04-25", "2025-04-25");
    assert!(e.contains("第三十五条") && e.contains("建议意见类不适用"), "{e}");
}

/// Arts. 30–31: a matter for 复议 is diverted and linked to the 复议 it
/// becomes; a claim does not go to the discipline bodies; a repeat is not a
/// first petition; a refusal after 复核 needs the matter to have been rechecked.
#[test]
fn petition_diverted_repeated_and_declined_xf_art23_art31_art36() {
    let dr = Driver::new();
    let case = dr.run::<Petition>(&[("2025-03-03", petition(xf::Category::Claim, true))]);
    let divert =
        |route| xf::Action::Divert { route: Some(route), note: "告知向区人民政府申请行政复议".into() };
    let e = dr.refuse(&case, divert(xf::Route::Discipline), "2025-03-05", "2025-03-05");
    assert!(e.contains("第三十条") && e.contains("申诉求决类"), "{e}");
    let diverted = dr.run_from(case, &[("2025-03-05", divert(xf::Route::Reconsideration))]);
    assert_eq!(diverted.stage, xf::Stage::Diverted);
    assert_eq!(diverted.outcome, Some(xf::PetitionOutcome::Diverted));
    assert_eq!(diverted.data.notified_on, Some(d("2025-03-05")));
    assert_eq!(Petition::challenged_by(&diverted), vec![("reconsideration", "登记由此导入的行政复议申请")]);

    let repeat = |first, after_recheck| xf::Action::Register {
        channel: xf::Channel::Visit,
        category: xf::Category::Claim,
        first,
        repeat_of: Some("XF-2025-00001".into()),
        after_recheck,
    };
    let e = dr.refuse(&Case::<Petition>::new(), repeat(true, false), "2025-04-01", "2025-04-01");
    assert!(e.contains("“XF-2025-00001”") && e.contains("不能同时标记为初信初访"), "{e}");
    let plain = dr.run::<Petition>(&[("2025-04-01", repeat(false, false))]);
    assert!(Petition::warnings(&plain).iter().any(|w| w.contains("重复信访") && w.contains("XF-2025-00001")));
    let decline = |g| xf::Action::Decline { ground: Some(g) };
    let e = dr.refuse(&plain, decline(xf::DeclineGround::AfterRecheck), "2025-04-02", "2025-04-02");
    assert!(e.contains("第三十六条第三款"), "{e}");
    let rechecked = dr.run::<Petition>(&[("2025-04-01", repeat(false, true))]);
    let declined = dr.run_from(rechecked, &[("2025-04-02", decline(xf::DeclineGround::AfterRecheck))]);
    assert_eq!(declined.stage, xf::Stage::Declined);
    assert_eq!(declined.common.closed_on, Some(d("2025-04-02")));
}

/// Arts. 35–36: 复查 and 复核 are requested within 30 days of receiving the
/// written answer and answered within 30 days; a late request is refused
/// citing the article; hearing time is not counted in the 复核.
#[test]
fn petition_review_and_recheck_requests_and_answers_xf_art35_art36() {
    let dr = Driver::new();
    // The answer of 06-05 received 06-09 (Mon): + 30 = 07-09 (Wed).
    let late = dr.refuse(
        &Case::<Petition>::new(),
        review_request(xf::Round::Review, "2025-06-05", "2025-06-09"),
        "2025-07-10",
        "2025-07-10",
    );
    assert_eq!(
        late,
        "复查请求应当自收到书面答复之日起30日内提出(《信访工作条例》第三十五条):信访人于2025-06-09收到信访处理意见的书面答复,\
         请求期限已于2025-07-09届满,2025-07-10收到的复查请求已逾期,不予受理"
    );
    let e = dr.refuse(
        &Case::<Petition>::new(),
        review_request(xf::Round::Review, "2025-06-05", "2025-06-01"),
        "2025-06-10",
        "2025-06-10",
    );
    assert!(e.contains("早于信访处理意见作出的日期2025-06-05"), "{e}");
    let review = dr.run::<Petition>(&[("2025-07-09", review_request(xf::Round::Review, "2025-06-05", "2025-06-09"))]);
    assert_eq!(review.stage, xf::Stage::Handling);
    let s = dr.schedule(&review);
    let steps: Vec<&str> = s.deadlines.iter().map(|x| x.step.as_str()).collect();
    assert_eq!(steps, ["review_opinion"], "no transfer on a 复查");
    // 07-09 + 30 = 08-08 (Fri).
    assert_eq!(due(&s, xf::clock::REVIEW_OPINION), d("2025-08-08"));
    let e = dr.refuse(&review, opinion(xf::PetitionOutcome::Supported), "2025-07-30", "2025-07-30");
    assert!(e.contains("复查的书面意见不能是“予以支持”") && e.contains("第三十五条"), "{e}");
    let review = dr.run_from(review, &[("2025-07-30", opinion(xf::PetitionOutcome::Upheld))]);
    assert_eq!(Petition::challenged_by(&review), vec![("petition", "登记复核请求")]);

    // The 复查 opinion received 08-01 (Fri): + 30 = 08-31 (Sun) → 09-01 (Mon).
    let late = dr.refuse(
        &Case::<Petition>::new(),
        review_request(xf::Round::Recheck, "2025-07-30", "2025-08-01"),
        "2025-09-02",
        "2025-09-02",
    );
    assert!(late.contains("《信访工作条例》第三十六条") && late.contains("已于2025-09-01届满"), "{late}");
    let recheck = dr.run::<Petition>(&[("2025-09-01", review_request(xf::Round::Recheck, "2025-07-30", "2025-08-01"))]);
    // 09-01 + 30 = 10-01 (国庆) → 10-09; a hearing notified 09-10, held 09-20 adds 10 days:
    // 10-11, a 调休 Saturday (working day).
    let hearing = dr.run_from(recheck, &[("2025-09-10", xf::Action::ScheduleHearing { hearing_on: d("2025-09-20") })]);
    assert_eq!(hearing.stage, xf::Stage::Hearing);
    assert_eq!(Petition::hearing_on(&hearing), Some(d("2025-09-20")));
    assert!(!dr.schedule(&hearing).pending.is_empty(), "the 复核 clock stops during the hearing");
    assert!(dr
        .refuse(&hearing, opinion(xf::PetitionOutcome::Changed), "2025-09-15", "2025-09-15")
        .contains("不能「出具处理(复查、复核)意见」"));
    let heard = dr.run_from(hearing, &[("2025-09-20", xf::Action::HoldHearing)]);
    assert_eq!(heard.stage, xf::Stage::Handling);
    assert_eq!(due(&dr.schedule(&heard), xf::clock::RECHECK_OPINION), d("2025-10-11"));
    let done = dr.run_from(heard, &[("2025-10-09", opinion(xf::PetitionOutcome::Changed))]);
    assert!(Petition::challenged_by(&done).is_empty(), "a 复核 is final (Art. 36 ¶3)");
    assert_eq!(done.data.dues, vec![(xf::clock::RECHECK_OPINION, d("2025-10-11"))]);
}

/// The follow-up a later case records on this one is applied by the
/// registration of that case and never offered as a form.
#[test]
fn petition_follow_ups_are_recorded_not_offered() {
    let dr = Driver::new();
    let answered = dr.run::<Petition>(&[
        ("2025-03-03", petition(xf::Category::Claim, true)),
        ("2025-03-05", xf::Action::Accept),
        ("2025-04-10", opinion(xf::PetitionOutcome::NotSupported)),
    ]);
    let offered: Vec<String> = (&answered as &dyn AnyCase).steps(false).into_iter().map(|s| s.code).collect();
    assert_eq!(offered, ["rate"]);
    let errs = (&answered as &dyn AnyCase).read_form("follow_up", &sent(&[("number", "XF-2025-00009")])).unwrap_err();
    assert!(errs[0].message.contains("follow_up"), "{errs:?}");
    let follow = xf::Action::FollowUp {
        kind: xf::FollowUpKind::Review,
        number: "XF-2025-00009".into(),
        received_on: d("2025-04-20"),
    };
    let reviewed = dr.run_from(answered, &[("2025-04-20", follow)]);
    assert_eq!(reviewed.stage, xf::Stage::Answered);
    assert!(Petition::challenged_by(&reviewed).is_empty(), "one 复查 of an opinion");
    assert!(Petition::warnings(&reviewed).iter().any(|w| w.contains("XF-2025-00009")));
    let open = dr.run::<Petition>(&[("2025-03-03", petition(xf::Category::Claim, true))]);
    let e = dr.refuse(
        &open,
        xf::Action::FollowUp {
            kind: xf::FollowUpKind::Review,
            number: "XF-2025-00010".into(),
            received_on: d("2025-03-04"),
        },
        "2025-03-04",
        "2025-03-04",
    );
    assert!(e.contains("尚未出具书面意见"), "{e}");
}

fn get_value(values: &[IndicatorValue], id: &str) -> Value {
    values.iter().find(|v| v.id == id).unwrap_or_else(|| panic!("no {id}")).value
}

/// The indicators of a small set counted by hand.
#[test]
fn petition_indicators_on_a_hand_counted_set() {
    use xf::PetitionOutcome::*;
    let dr = Driver::new();
    let rate = |s| xf::Action::Rate { satisfaction: Some(s) };
    let cases = [
        // 1: first, transferred in time, accepted in time, answered in time, satisfied.
        dr.run::<Petition>(&[
            ("2025-03-03", petition(xf::Category::Claim, true)),
            ("2025-03-10", transfer("区住建局")),
            ("2025-03-12", xf::Action::Accept),
            ("2025-04-20", opinion(Explained)),
            ("2025-04-25", rate(xf::Satisfaction::Satisfied)),
        ]),
        // 2: first, transferred late (03-03 + 15 = 03-18 < 03-20), answered late
        // (03-21 + 60 = 05-20 < 05-25), not satisfied, then a 复查 was requested.
        dr.run::<Petition>(&[
            ("2025-03-03", petition(xf::Category::Claim, true)),
            ("2025-03-20", transfer("区城管局")),
            ("2025-03-21", xf::Action::Accept),
            ("2025-05-25", opinion(NotSupported)),
            ("2025-05-28", rate(xf::Satisfaction::Unsatisfied)),
            (
                "2025-06-10",
                xf::Action::FollowUp {
                    kind: xf::FollowUpKind::Review,
                    number: "XF-2025-00031".into(),
                    received_on: d("2025-06-10"),
                },
            ),
        ]),
        // 3: a repeat (not first), accepted directly in time, settled by mediation, basically satisfied.
        dr.run::<Petition>(&[
            (
                "2025-04-01",
                xf::Action::Register {
                    channel: xf::Channel::Online,
                    category: xf::Category::Claim,
                    first: false,
                    repeat_of: Some("XF-2024-00100".into()),
                    after_recheck: false,
                },
            ),
            ("2025-04-03", xf::Action::Accept),
            ("2025-05-01", xf::Action::Settle { agreement: Some(xf::Agreement::Mediation) }),
            ("2025-05-02", rate(xf::Satisfaction::Basically)),
        ]),
        // 4: first, a suggestion answered (no 60 days: not in 按期办结率), counts as resolved at once.
        dr.run::<Petition>(&[
            ("2025-05-05", petition(xf::Category::Suggestion, true)),
            ("2025-05-06", xf::Action::Accept),
            ("2025-06-01", opinion(Supported)),
        ]),
        // 5: first, diverted (told in time; not resolved in the 信访 route).
        dr.run::<Petition>(&[
            ("2025-06-02", petition(xf::Category::Claim, true)),
            ("2025-06-03", xf::Action::Divert { route: Some(xf::Route::Litigation), note: String::new() }),
        ]),
        // 6: received in 2024, answered 2025-01-10 in time: only the conclusion counts in 2025.
        dr.run::<Petition>(&[
            ("2024-12-02", petition(xf::Category::Claim, true)),
            ("2024-12-05", xf::Action::Accept),
            ("2025-01-10", opinion(Supported)),
        ]),
        // 7: a 复查 answered in time (07-09 + 30 = 08-08): counts in 按期办结率 only.
        dr.run::<Petition>(&[
            ("2025-07-09", review_request(xf::Round::Review, "2025-06-05", "2025-06-09")),
            ("2025-08-01", opinion(Upheld)),
        ]),
        // 8: received, still registered (not told yet): received only.
        dr.run::<Petition>(&[("2025-12-20", petition(xf::Category::Accusation, false))]),
    ];
    let refs: Vec<&Case<Petition>> = cases.iter().collect();
    let v = by_facts::<Petition>(&refs, Period { from: d("2025-01-01"), to: d("2025-12-31") });
    // Received in 2025, first round: 1, 2, 3, 4, 5, 8.
    assert_eq!(get_value(&v, xf::RECEIVED), Value::Count { count: 6 });
    // Told in 2025: 1, 2 (late), 3, 4, 5 → 4 of 5.
    assert_eq!(get_value(&v, xf::TIMELY_ACCEPTANCE_RATE), Value::Rate { numerator: 4, denominator: 5 });
    // Concluded in 2025 with a deadline (5 was diverted before any 60 days ran; 4 is a
    // suggestion): 1, 2 (late), 3 (04-03 + 60 = 06-02, 端午 → 06-03), 6 (12-05 + 60 =
    // 02-03, 春节 → 02-05), 7 → 4 of 5.
    assert_eq!(get_value(&v, xf::ON_TIME_CONCLUSION_RATE), Value::Rate { numerator: 4, denominator: 5 });
    // Rated in 2025: satisfied, unsatisfied, basically → 2 of 3.
    assert_eq!(get_value(&v, xf::SATISFACTION_RATE), Value::Rate { numerator: 2, denominator: 3 });
    // First petitions resolved in 2025: 1, 2 (复查 followed), 4, 6 → 3 of 4.
    assert_eq!(get_value(&v, xf::FIRST_RESOLUTION_RATE), Value::Rate { numerator: 3, denominator: 4 });
    // Not first: 3 and 8.
    assert_eq!(get_value(&v, xf::REPEAT), Value::Count { count: 2 });
    assert_eq!(v.len(), 6);
}
