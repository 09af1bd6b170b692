//! The deadline engine: from the dated events of a case to every deadline of its
//! procedure, each with its explanation.
//!
//! ```
//! use chrono::{Datelike, NaiveDate, NaiveTime};
//! use fazhi_core::clock::{Calendar, Engine, EventKind, ProcedureEvent, RuleSet};
//! use fazhi_core::procedure::disclosure;
//!
//! let cal = Calendar::builtin();
//! let rules = RuleSet::builtin();
//! let engine = Engine::new(&cal, &rules);
//! let received = NaiveDate::from_ymd_opt(2024, 2, 5).unwrap_or_default();
//! let schedule = engine
//!     .schedule(disclosure::clock::KIND, &[ProcedureEvent::new(received, EventKind::Received)])
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
use serde::Serialize;

use super::arithmetic::{self, Counted, Interval, Unit};
use super::calendar::Calendar;
use super::error::{CalendarError, ClockError};
use super::events::{Facts, ProcedureEvent};
use super::explain::{self, date_with_weekday, range_text, Explanation};
use super::moment::{self, Moment};
use super::procedure::{Count, Mark, ProcedureKind, Step};
use super::rules::{LateCorrection, Rule, RuleId, RuleSet, Start};
use super::status::{deadline_status, Approaching, DeadlineStatus};

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    pub step: Step,
    pub rule: RuleId,
    /// Why, in Chinese.
    pub reason: String,
}

/// Every deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub procedure: ProcedureKind,
    pub deadlines: Vec<Deadline>,
    pub pending: Vec<Pending>,
}

/// How one step's deadline came out.
#[derive(Debug, Clone)]
pub enum Counting {
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
#[derive(Debug, Clone, Copy)]
pub struct StartAt {
    pub date: NaiveDate,
    /// The start is an estimate (a deemed acceptance, a service date not recorded).
    pub provisional: bool,
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
        for step in facts.kind.steps() {
            match self.step(facts, step, true)? {
                Counting::Due { due, due_time, rule, provisional, explanation } => schedule.deadlines.push(Deadline {
                    step,
                    due,
                    due_time,
                    rule,
                    label: self.rules.rule(rule)?.label.clone(),
                    explanation: explanation.unwrap_or_default(),
                    provisional,
                }),
                Counting::Pending { rule, reason } => schedule.pending.push(Pending { step, rule, reason }),
                Counting::NotApplicable => {}
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
            Counting::Due { due, .. } => Some(due),
            Counting::Pending { .. } | Counting::NotApplicable => None,
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

    fn step(&self, f: &Facts, step: Step, explain: bool) -> Result<Counting, ClockError> {
        let Some(def) = f.kind.step_def(step) else {
            return Err(ClockError::input(format!("{}程序没有「{}」这一步骤", f.kind.zh(), step.zh())));
        };
        match &def.count {
            Count::Rule(id) => self.count_rule(f, *id, explain),
            Count::Latest(ids) => {
                let mut starts: Vec<(Mark, RuleId)> = Vec::new();
                for id in *ids {
                    if let Start::Mark(m) = self.rules.rule(*id)?.start {
                        starts.push((m, *id));
                    }
                }
                let marks: Vec<Mark> = starts.iter().map(|(m, _)| *m).collect();
                match f.latest_of(&marks).and_then(|(m, _)| starts.iter().find(|(x, _)| *x == m)) {
                    Some((_, id)) => self.count_rule(f, *id, explain),
                    None => Ok(Counting::NotApplicable),
                }
            }
            Count::Custom(count) => count(self, f, explain),
        }
    }

    /// Counts rule `id` from its declared start: from the receipt (restarted by a
    /// received correction when the rule says so), or from the latest date of its
    /// mark; a step counted from a mark not yet recorded does not arise.
    pub fn count_rule(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Counting, ClockError> {
        let rule = self.rules.rule(id)?;
        match rule.start {
            Start::Received if rule.restart_on_correction.is_some() => self.restartable(f, id, explain),
            Start::Received => self.period_from_receipt(f, id, explain),
            Start::Mark(m) => match f.date(m) {
                Some(date) => self.period_from(f, id, date, explain),
                None => Ok(Counting::NotApplicable),
            },
        }
    }

    /// Counts rule `id` from the receipt.
    pub fn period_from_receipt(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Counting, ClockError> {
        let rule = self.rules.rule(id)?;
        let start = StartAt { date: f.received, provisional: false };
        self.run(f, rule, start, explain, || {
            let mut s = format!("{}{}，当日不计入", f.received, rule.start_label);
            if rule.step == Step::CORRECTION_NOTICE {
                if let Some(req) = f.correction_requested {
                    s.push_str(&format!("；已于{req}发出补正通知"));
                }
            }
            s
        })
    }

    /// A period counted from a dated event other than the receipt.
    pub fn period_from(&self, f: &Facts, id: RuleId, from: NaiveDate, explain: bool) -> Result<Counting, ClockError> {
        let rule = self.rules.rule(id)?;
        let start = StartAt { date: from, provisional: false };
        self.run(f, rule, start, explain, || format!("{from}{}，当日不计入", rule.start_label))
    }

    /// The last day for the correction notice of the case's procedure, if the
    /// procedure has one (政府信息公开条例 Art. 30; 行政复议法 Art. 31).
    fn correction_notice_due(&self, f: &Facts) -> Result<Option<(NaiveDate, &Rule)>, ClockError> {
        let Some(id) = f.kind.def().correction_notice else {
            return Ok(None);
        };
        let rule = self.rules.rule(id)?;
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
    pub fn restartable(&self, f: &Facts, id: RuleId, explain: bool) -> Result<Counting, ClockError> {
        let rule = self.rules.rule(id)?;
        let (Some(article), Some(requested)) = (rule.restart_on_correction.as_ref(), f.correction_requested) else {
            return self.period_from_receipt(f, id, explain);
        };
        let late = self.late_correction_notice(f)?;
        if let Some((sent, due, notice_rule)) = late {
            if self.rules.conventions.late_correction == LateCorrection::NoRestart {
                let start = StartAt { date: f.received, provisional: false };
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
            return Ok(Counting::Pending {
                rule: id,
                reason: format!(
                    "已于{requested}发出补正通知{late_note}，等待申请人补正；{}自收到补正材料之日起重新计算（{article}）",
                    rule.label
                ),
            });
        };
        let start = StartAt { date: corrected, provisional: false };
        self.run(f, rule, start, explain, || {
            format!(
                "{}{}；{requested}发出补正通知{late_note}，{corrected}收到补正材料，依{article}自该日重新起算，当日不计入",
                f.received, rule.start_label
            )
        })
    }

    /// Counts `rule` from `start` with the case's pauses and extensions.
    pub fn run(
        &self,
        f: &Facts,
        rule: &Rule,
        start: StartAt,
        explain: bool,
        start_text: impl FnOnce() -> String,
    ) -> Result<Counting, ClockError> {
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
                return Ok(Counting::Pending {
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
        Ok(Counting::Due { due: counted.due, due_time: None, rule: rule.id, provisional, explanation })
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
    ) -> Result<Counting, ClockError> {
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
        Ok(Counting::Due { due: due.date(), due_time: Some(due.time()), rule: rule.id, provisional, explanation })
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
