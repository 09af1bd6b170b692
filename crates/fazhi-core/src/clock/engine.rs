//! The deadline engine: from the dated events of a case to every deadline of its
//! procedure, each with its explanation.
//!
//! ```
//! use chrono::{Datelike, NaiveDate, NaiveTime};
//! use fazhi_core::clock::{Calendar, Engine, EventKind, ProcedureEvent, ProcedureKind, RuleSet};
//!
//! let cal = Calendar::builtin();
//! let rules = RuleSet::builtin();
//! let engine = Engine::new(&cal, &rules);
//! let received = NaiveDate::from_ymd_opt(2024, 2, 5).unwrap_or_default();
//! let schedule = engine
//!     .schedule(ProcedureKind::Disclosure, &[ProcedureEvent::new(received, EventKind::Received)])
//!     .unwrap_or_else(|e| panic!("{e}"));
//! assert_eq!(schedule.deadlines[1].due.to_string(), "2024-03-08");
//! ```
//!
//! A step whose deadline cannot be known yet (waiting for a correction, a pause
//! still running) is reported in [`Schedule::pending`] with the reason, never
//! silently dropped. A deadline that rests on an assumption (a year whose holiday
//! notice is not loaded under [`BeyondCoverage::AssumeWeekendsOnly`](super::BeyondCoverage),
//! an acceptance or service date not yet recorded) is flagged `provisional` and says
//! why.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::arithmetic::{self, Counted, Interval, Unit};
use super::calendar::Calendar;
use super::error::{CalendarError, ClockError};
use super::events::{Facts, ProcedureEvent};
use super::explain::{self, date_with_weekday, range_text, Explanation};
use super::moment::{self, Moment};
use super::rules::{LateCorrection, ProcedureKind, Rule, RuleId, RuleSet, Step};
use super::status::{deadline_status, Approaching, DeadlineStatus};

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub step: Step,
    /// The last day on which the step is in time.
    pub due: NaiveDate,
    /// For a period counted in hours from a known time: the moment on `due`
    /// by which the step must be done. `None`: until the end of `due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_time: Option<NaiveTime>,
    pub rule: RuleId,
    /// The rule's Chinese label.
    pub label: String,
    pub explanation: Explanation,
    /// The date rests on an assumption (see the explanation).
    pub provisional: bool,
}

impl Deadline {
    /// The moment the deadline falls on (a day or a day and a time): urgency
    /// orders these, so day and hour deadlines sort together.
    pub fn moment(&self) -> Moment {
        Moment { date: self.due, time: self.due_time }
    }

    /// 正常 / 临期 / 超期 as of `today` (see [`deadline_status`]).
    pub fn status(
        &self,
        cal: &Calendar,
        today: NaiveDate,
        threshold: Approaching,
    ) -> Result<DeadlineStatus, CalendarError> {
        deadline_status(cal, self.due, today, threshold)
    }
}

/// A step whose deadline cannot be computed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub step: Step,
    pub rule: RuleId,
    /// Why, in Chinese.
    pub reason: String,
}

/// Every deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub procedure: ProcedureKind,
    pub deadlines: Vec<Deadline>,
    pub pending: Vec<Pending>,
}

enum Outcome {
    Due {
        due: NaiveDate,
        due_time: Option<NaiveTime>,
        rule: RuleId,
        provisional: bool,
        explanation: Option<Explanation>,
    },
    Pending {
        rule: RuleId,
        reason: String,
    },
    /// The step does not arise (yet): no judgment to appeal, no appeal to answer.
    NotApplicable,
}

/// A resolved start of a period.
struct Start {
    date: NaiveDate,
    provisional: bool,
}

/// The deadline engine over a calendar and a rule set.
#[derive(Debug, Clone, Copy)]
pub struct Engine<'a> {
    calendar: &'a Calendar,
    rules: &'a RuleSet,
}

impl<'a> Engine<'a> {
    pub fn new(calendar: &'a Calendar, rules: &'a RuleSet) -> Self {
        Engine { calendar, rules }
    }

    /// The calendar in use.
    pub fn calendar(&self) -> &'a Calendar {
        self.calendar
    }

    /// The rules in use.
    pub fn rules(&self) -> &'a RuleSet {
        self.rules
    }

    /// Every deadline of a case of `kind`, from its events.
    pub fn schedule(&self, kind: ProcedureKind, events: &[ProcedureEvent]) -> Result<Schedule, ClockError> {
        let facts = Facts::from_events(kind, events)?;
        self.schedule_facts(&facts)
    }

    /// Every deadline of a case, from already validated facts.
    pub fn schedule_facts(&self, facts: &Facts) -> Result<Schedule, ClockError> {
        self.check_pause_kinds(facts)?;
        let mut schedule = Schedule { procedure: facts.kind, deadlines: Vec::new(), pending: Vec::new() };
        for &step in Step::of(facts.kind) {
            match self.step(facts, step, true)? {
                Outcome::Due { due, due_time, rule, provisional, explanation } => schedule.deadlines.push(Deadline {
                    step,
                    due,
                    due_time,
                    rule,
                    label: self.rules.get(rule).label.clone(),
                    explanation: explanation.unwrap_or_default(),
                    provisional,
                }),
                Outcome::Pending { rule, reason } => schedule.pending.push(Pending { step, rule, reason }),
                Outcome::NotApplicable => {}
            }
        }
        Ok(schedule)
    }

    /// The due date of one step, without building an explanation (the fast path).
    /// `None` when the step is pending.
    pub fn due_date(
        &self,
        kind: ProcedureKind,
        step: Step,
        events: &[ProcedureEvent],
    ) -> Result<Option<NaiveDate>, ClockError> {
        let facts = Facts::from_events(kind, events)?;
        self.due_date_facts(&facts, step)
    }

    /// The due date of one step from validated facts (the fast path).
    pub fn due_date_facts(&self, facts: &Facts, step: Step) -> Result<Option<NaiveDate>, ClockError> {
        self.check_pause_kinds(facts)?;
        Ok(match self.step(facts, step, false)? {
            Outcome::Due { due, .. } => Some(due),
            Outcome::Pending { .. } | Outcome::NotApplicable => None,
        })
    }

    /// Refuses a pause that no rule of the procedure honours, rather than ignoring it.
    /// A kind the built-in rules honour is accepted even when an override switched it
    /// off, so that case histories stay recordable.
    fn check_pause_kinds(&self, f: &Facts) -> Result<(), ClockError> {
        for p in &f.pauses {
            if !self.rules.honours(f.kind, p.kind) && !RuleSet::shared_builtin().honours(f.kind, p.kind) {
                return Err(ClockError::input(format!(
                    "{}（{}起）不影响{}程序的任何期限，请核对暂停的类型",
                    p.kind.zh(),
                    p.start,
                    f.kind.zh()
                )));
            }
        }
        Ok(())
    }

    fn step(&self, f: &Facts, step: Step, explain: bool) -> Result<Outcome, ClockError> {
        use ProcedureKind::*;
        match (f.kind, step) {
            (Disclosure, Step::CorrectionNotice) => {
                self.period_from_receipt(f, RuleId::DisclosureCorrectionNotice, explain)
            }
            (Disclosure, Step::Reply) => self.restartable(f, RuleId::DisclosureReply, explain),
            (Reconsideration, Step::Acceptance) => self.restartable(f, RuleId::ReconsiderationAcceptance, explain),
            (Reconsideration, Step::CorrectionNotice) => {
                self.period_from_receipt(f, RuleId::ReconsiderationCorrectionNotice, explain)
            }
            (Reconsideration, Step::RespondentAnswer) => self.respondent_answer(f, explain),
            (Reconsideration, Step::Decision) => self.decision(f, explain),
            (Litigation, Step::Defence) => self.period_from_receipt(f, RuleId::LitigationDefence, explain),
            (Reconsideration, Step::CopyToRespondent) => self.copy_to_respondent(f, explain),
            (Litigation, Step::Appeal) => {
                let Some((served, ruling)) = f.judgment_served else {
                    return Ok(Outcome::NotApplicable);
                };
                let id = if ruling { RuleId::LitigationAppealRuling } else { RuleId::LitigationAppealJudgment };
                self.period_from(f, id, served, explain)
            }
            (Litigation, Step::AppealAnswer) => match f.appeal_served {
                Some(served) => self.period_from(f, RuleId::LitigationAppealAnswer, served, explain),
                None => Ok(Outcome::NotApplicable),
            },
            (kind, step) => Err(ClockError::input(format!("{}程序没有「{}」这一步骤", kind.zh(), step.zh()))),
        }
    }

    fn period_from_receipt(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Outcome, ClockError> {
        let rule = self.rules.get(id);
        let start = Start { date: f.received, provisional: false };
        self.run(f, rule, start, explain, || {
            let mut s = format!("{}{}，当日不计入", f.received, rule.start_label);
            if rule.step == crate::clock::Step::CorrectionNotice {
                if let Some(req) = f.correction_requested {
                    s.push_str(&format!("；已于{req}发出补正通知"));
                }
            }
            s
        })
    }

    /// A period counted from a dated event other than the receipt.
    fn period_from(&self, f: &Facts, id: RuleId, from: NaiveDate, explain: bool) -> Result<Outcome, ClockError> {
        let rule = self.rules.get(id);
        let start = Start { date: from, provisional: false };
        self.run(f, rule, start, explain, || format!("{from}{}，当日不计入", rule.start_label))
    }

    /// 行政复议法 Arts. 48, 54: the 复议机构 sends the copy of the application within
    /// 7 (ordinary) or 3 (simplified) working days of the acceptance, recorded or
    /// deemed (Art. 30 ¶3).
    fn copy_to_respondent(&self, f: &Facts, explain: bool) -> Result<Outcome, ClockError> {
        let id = if f.simplified {
            RuleId::ReconsiderationCopyToRespondentSimplified
        } else {
            RuleId::ReconsiderationCopyToRespondent
        };
        self.period_from_acceptance(f, id, explain)
    }

    /// Counts rule `id` from the acceptance, recorded or deemed; pending while
    /// the application is not accepted.
    fn period_from_acceptance(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Outcome, ClockError> {
        let rule = self.rules.get(id);
        let accepted = match self.acceptance(f)? {
            Ok(a) => a,
            Err(reason) => return Ok(Outcome::Pending { rule: id, reason }),
        };
        let text = if explain { self.acceptance_text(f, &accepted) } else { String::new() };
        self.run(f, rule, accepted, explain, || text)
    }

    /// The last day for the correction notice of the case's procedure, if the
    /// procedure has one (政府信息公开条例 Art. 30; 行政复议法 Art. 31).
    fn correction_notice_due(&self, f: &Facts) -> Result<Option<(NaiveDate, &Rule)>, ClockError> {
        let id = match f.kind {
            ProcedureKind::Disclosure => RuleId::DisclosureCorrectionNotice,
            ProcedureKind::Reconsideration => RuleId::ReconsiderationCorrectionNotice,
            ProcedureKind::Litigation => return Ok(None),
        };
        let rule = self.rules.get(id);
        let counted = arithmetic::count(
            self.calendar,
            f.received,
            rule.unit,
            rule.length,
            &[],
            self.rules.conventions.roll_over,
        )?;
        Ok(Some((counted.due, rule)))
    }

    /// Whether the correction notice went out after its limit: `(sent, due, rule)`.
    pub fn late_correction_notice(&self, f: &Facts) -> Result<Option<(NaiveDate, NaiveDate, &Rule)>, ClockError> {
        let Some(sent) = f.correction_requested else {
            return Ok(None);
        };
        Ok(self.correction_notice_due(f)?.filter(|(due, _)| sent > *due).map(|(due, rule)| (sent, due, rule)))
    }

    /// A period from receipt that a received correction restarts (政府信息公开条例
    /// Art. 30; 行政复议法 Art. 31). A notice sent after its own limit is never a
    /// silent restart: by default the period keeps running from the receipt
    /// (`Conventions::late_correction`, \[U\]), and the explanation says so.
    fn restartable(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Outcome, ClockError> {
        let rule = self.rules.get(id);
        let (Some(article), Some(requested)) = (rule.restart_on_correction.as_ref(), f.correction_requested) else {
            return self.period_from_receipt(f, id, explain);
        };
        let late = self.late_correction_notice(f)?;
        if let Some((sent, due, notice_rule)) = late {
            if self.rules.conventions.late_correction == LateCorrection::NoRestart {
                let start = Start { date: f.received, provisional: false };
                return self.run(f, rule, start, explain, || {
                    format!(
                        "{}{}，当日不计入；补正通知于{sent}发出，晚于补正通知期限届满日{due}（{}），\
                         依本地设置逾期发出的补正通知不使{}重新起算",
                        f.received, rule.start_label, notice_rule.article, rule.label
                    )
                });
            }
        }
        let late_note = match late {
            Some((sent, due, notice_rule)) => {
                format!("（补正通知于{sent}发出，晚于补正通知期限届满日{due}，{}，已记为逾期）", notice_rule.article)
            }
            None => String::new(),
        };
        let Some(corrected) = f.correction_received else {
            return Ok(Outcome::Pending {
                rule: id,
                reason: format!(
                    "已于{requested}发出补正通知{late_note}，等待申请人补正；{}自收到补正材料之日起重新计算（{article}）",
                    rule.label
                ),
            });
        };
        let start = Start { date: corrected, provisional: false };
        self.run(f, rule, start, explain, || {
            format!(
                "{}{}；{requested}发出补正通知{late_note}，{corrected}收到补正材料，依{article}自该日重新起算，当日不计入",
                f.received, rule.start_label
            )
        })
    }

    /// The acceptance date the review periods run from: the recorded
    /// acceptance, or the end of the acceptance review period when nothing was
    /// recorded by then (行政复议法 Art. 30 ¶3: no refusal within the period →
    /// deemed accepted on its expiry). A recorded acceptance later than that
    /// expiry does not move the start: the case was already deemed accepted.
    fn acceptance(&self, f: &Facts) -> Result<Result<Start, String>, ClockError> {
        let review = self.restartable(f, RuleId::ReconsiderationAcceptance, false)?;
        Ok(match (f.accepted, review) {
            // Recorded after the review period ended: it counts from the deemed acceptance.
            (Some(a), Outcome::Due { due, .. }) if due < a => Ok(Start { date: due, provisional: false }),
            (Some(a), _) => Ok(Start { date: a, provisional: false }),
            // A deemed acceptance is always an estimate.
            (None, Outcome::Due { due, .. }) => Ok(Start { date: due, provisional: true }),
            (None, Outcome::Pending { reason, .. }) => Err(format!("尚未受理：{reason}")),
            (None, Outcome::NotApplicable) => Err("尚未受理".into()),
        })
    }

    fn acceptance_text(&self, f: &Facts, start: &Start) -> String {
        if let Some(a) = f.accepted.filter(|a| *a > start.date) {
            format!(
                "{a}受理行政复议申请，晚于受理审查期限届满日{}：依《行政复议法》第三十条第三款，\
                 审查期限届满未作出不予受理决定的视为受理，期限自{}起算，当日不计入",
                start.date, start.date
            )
        } else if f.accepted.is_some() {
            format!("{}受理行政复议申请，当日不计入", start.date)
        } else {
            format!(
                "未录入受理日期：依《行政复议法》第三十条，受理审查期限届满未作出不予受理决定的视为受理，\
                 暂以审查期限届满日{}为受理日估算，当日不计入",
                start.date
            )
        }
    }

    fn respondent_answer(&self, f: &Facts, explain: bool) -> Result<Outcome, ClockError> {
        let (id, copy_id) = if f.simplified {
            (RuleId::ReconsiderationRespondentAnswerSimplified, RuleId::ReconsiderationCopyToRespondentSimplified)
        } else {
            (RuleId::ReconsiderationRespondentAnswer, RuleId::ReconsiderationCopyToRespondent)
        };
        let rule = self.rules.get(id);
        if let Some(served) = f.copy_served {
            let start = Start { date: served, provisional: false };
            return self.run(f, rule, start, explain, || format!("{served}{}，当日不计入", rule.start_label));
        }
        if !self.rules.conventions.estimate_copy_served {
            return Ok(Outcome::Pending {
                rule: id, reason: "尚未录入被申请人收到行政复议申请书副本的日期".into()
            });
        }
        let accepted = match self.acceptance(f)? {
            Ok(a) => a,
            Err(reason) => return Ok(Outcome::Pending { rule: id, reason }),
        };
        let copy_rule = self.rules.get(copy_id);
        let copy_due = arithmetic::count(
            self.calendar,
            accepted.date,
            copy_rule.unit,
            copy_rule.length,
            &[],
            self.rules.conventions.roll_over,
        )?;
        let start = Start { date: copy_due.due, provisional: true };
        self.run(f, rule, start, explain, || {
            format!(
                "{}；未录入被申请人收到申请书副本的日期，按受理后{}{}内发送副本的最迟日期{}估算（{}），当日不计入",
                self.acceptance_text(f, &accepted),
                copy_rule.length,
                copy_rule.unit.zh(),
                copy_due.due,
                copy_rule.article
            )
        })
    }

    fn decision(&self, f: &Facts, explain: bool) -> Result<Outcome, ClockError> {
        let id = if f.simplified { RuleId::ReconsiderationDecisionSimplified } else { RuleId::ReconsiderationDecision };
        self.period_from_acceptance(f, id, explain)
    }

    /// Counts `rule` from `start` with the case's pauses and extensions.
    fn run(
        &self,
        f: &Facts,
        rule: &Rule,
        start: Start,
        explain: bool,
        start_text: impl FnOnce() -> String,
    ) -> Result<Outcome, ClockError> {
        if rule.unit == Unit::Hours {
            if let Some(at) = f.received_at.filter(|_| start.date == f.received) {
                return self.run_hours(f, rule, start.date.and_time(at), start.provisional, explain, start_text);
            }
        }
        let roll = self.rules.conventions.roll_over;
        let mut intervals: Vec<Interval> = Vec::new();
        let mut open: Option<(NaiveDate, &super::rules::PauseRule)> = None;
        for p in &f.pauses {
            let Some(pr) = rule.pause(p.kind) else {
                continue;
            };
            match p.end {
                Some(end) => intervals.push(Interval { start: p.start, end }),
                None => {
                    if open.is_none_or(|(s, _)| p.start < s) {
                        open = Some((p.start.max(start.date), pr));
                    }
                }
            }
        }
        let kept = arithmetic::normalise_pauses(start.date, &mut intervals);
        intervals.truncate(kept);
        let base = arithmetic::count(self.calendar, start.date, rule.unit, rule.length, &intervals, roll)?;
        if let Some((open_start, pr)) = open {
            // A pause that starts on the last day still stops the clock.
            if open_start <= base.nominal {
                let used = used_units(self.calendar, rule.unit, start.date, open_start, &intervals);
                return Ok(Outcome::Pending {
                    rule: rule.id,
                    reason: format!(
                        "自{open_start}起{}，{}暂停计算（{}）；此前已经过{used}{}，恢复后继续计算剩余期限",
                        pr.kind.zh(),
                        rule.label,
                        pr.article,
                        rule.unit.zh()
                    ),
                });
            }
        }
        let extension = self.extension(f, rule, &base)?;
        let total = rule.length + extension;
        let counted = if extension > 0 {
            arithmetic::count(self.calendar, start.date, rule.unit, total, &intervals, roll)?
        } else {
            base
        };
        let covered = self.calendar.span_is_covered(start.date, counted.due);
        let provisional = start.provisional || !covered;
        let explanation = if explain {
            Some(self.explain(f, rule, start.date, start_text(), &base, &counted, total, covered))
        } else {
            None
        };
        Ok(Outcome::Due { due: counted.due, due_time: None, rule: rule.id, provisional, explanation })
    }

    /// Counts a period in natural hours from a known moment (12345 feedback
    /// limits): nights and rest days count, extensions add hours. Hour periods
    /// take no pauses.
    fn run_hours(
        &self,
        f: &Facts,
        rule: &Rule,
        from: chrono::NaiveDateTime,
        provisional: bool,
        explain: bool,
        start_text: impl FnOnce() -> String,
    ) -> Result<Outcome, ClockError> {
        let convention = self.rules.conventions.hour_start;
        let base = moment::add_hours(from, rule.length, convention)?;
        let base_counted = Counted { due: base.date(), nominal: base.date() };
        let extension = self.extension(f, rule, &base_counted)?;
        let due = moment::add_hours(from, rule.length + extension, convention)?;
        let explanation = explain.then(|| Explanation {
            rule: format!("{}：{}（{}）", rule.label, rule.phrase(), rule.article),
            start: format!("{}；{}起算", start_text(), Moment::at(from)),
            notes: vec!["按自然小时连续计算，夜间和节假日不扣除".to_owned()],
            due: format!("期限届满时刻为{} {}", date_with_weekday(due.date()), due.format("%H:%M")),
        });
        Ok(Outcome::Due { due: due.date(), due_time: Some(due.time()), rule: rule.id, provisional, explanation })
    }

    /// Validates the extensions of `rule`'s step and returns their total.
    fn extension(&self, f: &Facts, rule: &Rule, base: &Counted) -> Result<u32, ClockError> {
        let mut total: u32 = 0;
        for ext in f.extensions.iter().filter(|e| e.step == rule.step) {
            let Some(policy) = rule.extension.as_ref() else {
                return Err(ClockError::input(format!("{}不允许延长", rule.label)));
            };
            if ext.approved_by.is_empty() {
                return Err(ClockError::ExtensionNotApproved {
                    label: rule.label.clone(),
                    approver: policy.approver.clone(),
                    article: policy.article.clone(),
                });
            }
            if ext.date > base.due {
                return Err(ClockError::input(format!(
                    "延长{}的决定（{}）晚于原期限届满日{}：延长须在期限届满前批准（{}）",
                    rule.label, ext.date, base.due, policy.article
                )));
            }
            total = total.saturating_add(ext.days);
            if total > policy.cap {
                return Err(ClockError::ExtensionOverCap {
                    label: rule.label.clone(),
                    cap: policy.cap,
                    requested: total,
                    unit: rule.unit.zh(),
                    article: policy.article.clone(),
                });
            }
        }
        Ok(total)
    }

    #[allow(clippy::too_many_arguments)]
    fn explain(
        &self,
        f: &Facts,
        rule: &Rule,
        start: NaiveDate,
        start_text: String,
        base: &Counted,
        counted: &Counted,
        total: u32,
        covered: bool,
    ) -> Explanation {
        let cal = self.calendar;
        let mut notes = Vec::new();
        for p in &f.pauses {
            let (Some(pr), Some(end)) = (rule.pause(p.kind), p.end) else {
                continue;
            };
            let clipped = Interval { start: p.start.max(start), end };
            if clipped.end <= clipped.start || clipped.start > counted.nominal {
                continue;
            }
            let n = arithmetic::units_in_pause(cal, rule.unit, clipped);
            notes.push(format!(
                "{}{}，其间{n}{}不计入（{}）",
                range_text(p.start, end),
                pr.kind.zh(),
                rule.unit.zh(),
                pr.article
            ));
        }
        if let Some(policy) = rule.extension.as_ref() {
            let exts: Vec<_> = f.extensions.iter().filter(|e| e.step == rule.step).collect();
            if !exts.is_empty() {
                let mut s = format!("原期限届满日为{}", base.due);
                for e in exts {
                    s.push_str(&format!(
                        "；{}经{}（{}）批准延长{}{}",
                        e.date,
                        policy.approver,
                        e.approved_by,
                        e.days,
                        rule.unit.zh()
                    ));
                }
                s.push_str(&format!(
                    "（{}，最多延长{}{}），合计{total}{}",
                    policy.article,
                    policy.cap,
                    rule.unit.zh(),
                    rule.unit.zh()
                ));
                notes.push(s);
            }
        }
        match rule.unit {
            Unit::WorkingDays => {
                let span = cal.describe_span(start, counted.due);
                notes.extend(explain::working_day_notes(&span));
            }
            Unit::Hours => notes.push("未录入起算时刻，按起算日次日零时起算".to_owned()),
            Unit::CalendarDays | Unit::Months => {
                if let Some(n) = explain::roll_note(cal, rule.unit, total, counted.nominal, counted.due) {
                    notes.push(n);
                }
            }
        }
        if !covered {
            let missing: Vec<String> = (start.year()..=counted.due.year())
                .filter(|y| !cal.is_year_covered(*y))
                .map(|y| y.to_string())
                .collect();
            notes.push(format!(
                "注意：尚未导入{}年节假日安排通知，该年暂按普通周末估算，导入通知后须重新计算",
                missing.join("、")
            ));
        }
        Explanation {
            rule: format!("{}：{}（{}）", rule.label, rule.phrase(), rule.article),
            start: start_text,
            notes,
            due: format!("期限届满日为{}", date_with_weekday(counted.due)),
        }
    }
}

/// Units of the period elapsed in `(start, until]`, net of pauses.
fn used_units(cal: &Calendar, unit: Unit, start: NaiveDate, until: NaiveDate, pauses: &[Interval]) -> u32 {
    let gross = match unit {
        Unit::WorkingDays => cal.working_days_in_unchecked(start, until).unwrap_or(0),
        Unit::CalendarDays | Unit::Months => u32::try_from((until - start).num_days()).unwrap_or(0),
        Unit::Hours => u32::try_from((until - start).num_days() * 24).unwrap_or(0),
    };
    let paused: u32 = pauses
        .iter()
        .filter(|p| p.start < until)
        .map(|p| arithmetic::units_in_pause(cal, unit, Interval { start: p.start, end: p.end.min(until) }))
        .sum();
    gross.saturating_sub(paused)
}
