//! Demo records of the procedures, at the scale of published district
//! reports, from 1 January of last year to today:
//!
//! - [`disclosure`]: about 800 依申请公开 requests a year;
//! - [`reviews`]: about 4,600 行政复议 applications and 1,100 行政应诉 cases a
//!   year, linked to what they challenge (a disclosure reply, a
//!   reconsideration decision) where the demo has one;
//! - [`mediation`]: about 1,700 人民调解 a year (40 of them handed over by
//!   the police) and 150 行政调解.
//! - [`proposals`]: about 600 人大代表建议 and 政协委员提案 a year, the public
//!   replies published.
//! - [`petition`]: about 180 信访 cases a year, with 复查 and repeats linked to
//!   the first case and the 复议 a diversion became.
//! - [`activities`]: the activities of 法治建设 (会前学法 7 times, 2,000 人次
//!   trained, 130 普法 events a year, and a few of every other kind).
//! - [`reports`]: last year's annual reports: the government's 法治政府建设年度报告
//!   (compiled with the 市场监督管理局's own) and 政府信息公开工作年度报告, published.
//!
//! Every case is first run step by step through the real procedure engine
//! (`apply`) in memory, as a [`Script`], and then stored through the real
//! storage (`cases::insert`, `cases::record_step`), so the history and the
//! audit trail are those a user would have left and the demo can never show
//! a state the law would not allow. A step dated after today is not taken:
//! the case stays in progress. Deterministic for a (seed, today) pair:
//! dates are placed relative to today.

mod activities;
mod disclosure;
mod mediation;
mod petition;
mod proposals;
mod reports;
mod reviews;

use crate::cases::{new_case, step_update, to_json, Filing};
use crate::{App, AppError};
use chrono::{Datelike, Duration, NaiveDate};
use fazhi_core::clock::{Calendar, Engine, RuleSet, Step};
use fazhi_core::org::{UnitKind, UnitPath};
use fazhi_core::procedure::form::code_of;
use fazhi_core::procedure::petition::Petition;
use fazhi_core::procedure::proposal::Proposal;
use fazhi_core::procedure::{apply, Case, Disclosure, Litigation, Procedure, Reconsideration, TransitionError};
use fazhi_store::cases::{self, CaseRow};
use fazhi_store::{units, AuditActor, WriteTx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How many demo cases of each kind were added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoCases {
    pub disclosure: usize,
    pub reconsideration: usize,
    pub litigation: usize,
    pub mediation: usize,
    pub proposal: usize,
    /// 信访 cases of every round (the 复议 they became count as reconsiderations).
    pub petition: usize,
    /// Annual reports (法治政府建设, 政府信息公开) of last year.
    pub reports: usize,
    /// Activities of 法治建设 (not cases: not in [`DemoCases::total`]).
    pub activities: usize,
}

impl DemoCases {
    /// All kinds together.
    pub fn total(&self) -> usize {
        self.disclosure
            + self.reconsideration
            + self.litigation
            + self.mediation
            + self.proposal
            + self.petition
            + self.reports
    }
}

/// Cases a year at full scale, as district reports show them.
const DISCLOSURE_PER_YEAR: i64 = 800;
const RECONSIDERATION_PER_YEAR: i64 = 4_600;
const LITIGATION_PER_YEAR: i64 = 1_100;
/// 信访 cases a year (district reports: 60–300).
const PETITION_PER_YEAR: i64 = 180;

/// Picks from a weighted table.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut n = rng.gen_range(0..total.max(1));
    for (v, w) in table {
        if n < *w {
            return *v;
        }
        n -= w;
    }
    table[0].0
}

/// Picks one element of a non-empty slice.
fn one<'t, T>(rng: &mut ChaCha8Rng, items: &'t [T]) -> &'t T {
    &items[rng.gen_range(0..items.len())]
}

/// The dates and the engine the scripts are planned with.
struct Seeder<'a> {
    engine: Engine<'a>,
    cal: &'a Calendar,
    today: NaiveDate,
}

impl<'a> Seeder<'a> {
    fn new(cal: &'a Calendar, rules: &'a RuleSet, today: NaiveDate) -> Self {
        Seeder { engine: Engine::new(cal, rules), cal, today }
    }

    /// `n` working days after `d` (an estimate outside the calendar's years).
    fn working_days_after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.cal.add_working_days(d, n).unwrap_or(d + Duration::days(i64::from(n) * 7 / 5))
    }

    /// `d`, or the next working day.
    fn working_day(&self, d: NaiveDate) -> NaiveDate {
        self.cal.next_working_day_on_or_after(d).unwrap_or(d)
    }

    /// `n` calendar days after `d`, moved to a working day.
    fn days_after(&self, d: NaiveDate, n: i64) -> NaiveDate {
        self.working_day(d + Duration::days(n))
    }

    /// `count` dates spread evenly from 1 January of last year to today, on working days.
    fn spread(&self, per_year: i64, percent: u32) -> Vec<NaiveDate> {
        let start = NaiveDate::from_ymd_opt(self.today.year() - 1, 1, 1).unwrap_or(self.today);
        let span = (self.today - start).num_days().max(1);
        let count = span * per_year * i64::from(percent) / (365 * 100);
        (0..count)
            .map(|i| self.working_day(start + Duration::days(i * span / count.max(1))))
            .filter(|d| *d <= self.today)
            .collect()
    }

    /// Starts a script with the receipt.
    fn start<P: Procedure>(&self, first: P::Action, date: NaiveDate) -> Result<Script<'_, P>, AppError> {
        let state = apply::<P>(&self.engine, &Case::new(), &first, date, self.today)
            .map_err(|e| AppError::Internal(format!("demo {}: {e}", P::ID)))?
            .case;
        Ok(Script {
            seeder: self,
            first,
            initial: state.clone(),
            state,
            steps: Vec::new(),
            stopped: false,
            refused: None,
        })
    }
}

/// One case run through the engine in memory: the receipt, then every step
/// taken with the state after it. Once a step is dated after today (or
/// refused), nothing more is taken: the case stays where it is.
struct Script<'s, P: Procedure> {
    seeder: &'s Seeder<'s>,
    first: P::Action,
    initial: Case<P>,
    state: Case<P>,
    steps: Vec<(P::Action, NaiveDate, Case<P>)>,
    stopped: bool,
    /// A step the engine refused: a bug of the plan, reported by `store` in debug builds.
    refused: Option<(P::Action, NaiveDate, TransitionError)>,
}

impl<P: Procedure> Script<'_, P> {
    /// Takes a step on `date`; `false` if the case has stopped (now or before).
    fn at(&mut self, date: NaiveDate, action: P::Action) -> bool {
        if self.stopped {
            return false;
        }
        if date > self.seeder.today {
            self.stopped = true;
            return false;
        }
        match apply::<P>(&self.seeder.engine, &self.state, &action, date, self.seeder.today) {
            Ok(applied) => {
                self.state = applied.case.clone();
                self.steps.push((action, date, applied.case));
                true
            }
            Err(e) => {
                self.refused = Some((action, date, e));
                self.stopped = true;
                false
            }
        }
    }

    /// The date of the latest step.
    fn last(&self) -> NaiveDate {
        self.state.common.last_date.unwrap_or(self.seeder.today)
    }

    /// The due date of `step` as the legal clock computes it now.
    fn due(&self, step: Step) -> Option<NaiveDate> {
        let schedule = self.seeder.engine.schedule(P::CLOCK, &self.state.common.clock_events).ok()?;
        schedule.deadlines.iter().find(|d| d.step == step).map(|d| d.due)
    }

    /// Stores the case and its history; returns the stored row.
    async fn store(&self, tx: &mut WriteTx, filing: Filing) -> Result<CaseRow, AppError> {
        if let (true, Some((action, date, e))) = (cfg!(debug_assertions), &self.refused) {
            return Err(AppError::Internal(format!("demo step {action:?} on {date} refused: {e}")));
        }
        let engine = &self.seeder.engine;
        let new = new_case(engine, &self.initial, &self.first, filing)?;
        let mut row = cases::insert(tx, &new).await?;
        for (action, date, state) in &self.steps {
            let step = step_update(engine, state, code_of(&P::verb(action)), to_json(action)?, *date)?;
            row = cases::record_step(tx, &row.region_code, row.id, row.version, &step).await?;
        }
        Ok(row)
    }
}

/// What [`App::load_demo_petitions`] added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoPetitions {
    /// 信访 cases of every round.
    pub petitions: usize,
    /// The 复议 cases diverted petitions became.
    pub reconsiderations: usize,
}

/// The units demo cases are about: the government, its departments and streets.
fn demo_units(all: &[units::Unit]) -> Vec<DemoUnit> {
    all.iter()
        .filter(|u| {
            matches!(u.kind, UnitKind::Government | UnitKind::Department | UnitKind::Subdistrict | UnitKind::Township)
        })
        .map(|u| DemoUnit { id: u.id, code: u.code.clone(), kind: u.kind })
        .collect()
}

/// A unit a demo case can be about.
#[derive(Debug, Clone)]
struct DemoUnit {
    id: i64,
    code: String,
    kind: UnitKind,
}

impl App {
    /// Adds the demo district's cases at full scale (each kind only if none
    /// of it is there yet): about 800 依申请公开 requests, 4,600 行政复议
    /// applications, 1,100 行政应诉 cases and 1,850 调解 a year from 1
    /// January of last year to today. Returns how many cases were added, of all kinds.
    pub async fn load_demo_cases(&self, seed: u64) -> Result<usize, AppError> {
        Ok(self.load_demo_cases_scaled(seed, 100).await?.total())
    }

    /// [`App::load_demo_cases`] at `percent` of the full scale (tests use a
    /// few percent). Each kind goes in one transaction.
    pub async fn load_demo_cases_scaled(&self, seed: u64, percent: u32) -> Result<DemoCases, AppError> {
        let pool = self.store.pool();
        let all = units::list(pool, &UnitPath::everything()).await?;
        let demo_units = demo_units(&all);
        if demo_units.is_empty() {
            return Ok(DemoCases::default());
        }
        let cal = self.calendar().await?;
        let today = self.now.today();
        let seeder = Seeder::new(&cal, self.rules(), today);
        let mut added = DemoCases::default();
        if self.no_cases_of(Disclosure::ID).await? {
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            added.disclosure = disclosure::seed(&seeder, &mut tx, seed, percent, &demo_units).await?;
            tx.commit().await?;
        }
        let office = all.iter().find(|u| u.code == "YC-SFJ-FY").map(|u| u.id);
        if let (Some(office), true) = (office, self.no_cases_of(Reconsideration::ID).await?) {
            let mut origins = reviews::Origins::load(&self.store).await?;
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            added.reconsideration =
                reviews::seed_reconsiderations(&seeder, &mut tx, seed, percent, office, &demo_units, &mut origins)
                    .await?;
            tx.commit().await?;
        }
        if self.no_cases_of(Litigation::ID).await? {
            let mut origins = reviews::Origins::load(&self.store).await?;
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            added.litigation =
                reviews::seed_litigation(&seeder, &mut tx, seed, percent, &demo_units, &mut origins).await?;
            tx.commit().await?;
        }
        if self.no_cases_of(fazhi_core::procedure::mediation::Mediation::ID).await? {
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            added.mediation = mediation::seed(&seeder, &mut tx, seed, percent, &all).await?;
            tx.commit().await?;
        }
        if self.no_cases_of(Proposal::ID).await? {
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            // The lead and co-units: the departments, streets and townships, by name.
            let leads: Vec<(i64, String)> = all
                .iter()
                .filter(|u| demo_units.iter().any(|d| d.id == u.id && d.kind != UnitKind::Government))
                .map(|u| (u.id, u.name.clone()))
                .collect();
            added.proposal = proposals::seed(&seeder, &mut tx, seed, percent, &leads).await?;
            tx.commit().await?;
        }
        let petitions = self.load_demo_petitions(seed, percent).await?;
        added.petition = petitions.petitions;
        added.reconsideration += petitions.reconsiderations;
        added.activities = self.load_demo_activities(seed).await?;
        // Last: the reports count what the records above hold.
        if self.no_cases_of(fazhi_core::procedure::annual_report::RuleOfLawReport::ID).await? {
            let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
            added.reports = self.seed_demo_reports(&seeder, &mut tx, &all).await?;
            tx.commit().await?;
        }
        if added.total() + added.activities > 0 {
            // The planner needs statistics to choose between the indexes of a
            // region (a bulk load leaves it guessing).
            self.store.refresh_statistics().await?;
        }
        Ok(added)
    }

    /// The demo's 信访 cases alone, at `percent` of the full scale, if there
    /// are none yet (tests of the 信访 indicators use more of them than the few
    /// percent of the other kinds).
    pub async fn load_demo_petitions(&self, seed: u64, percent: u32) -> Result<DemoPetitions, AppError> {
        let all = units::list(self.store.pool(), &UnitPath::everything()).await?;
        let id_of = |code: &str| all.iter().find(|u| u.code == code).map(|u| u.id);
        let units = demo_units(&all);
        let (Some(office), Some(government), false) =
            (id_of("YC-XFJ"), id_of("YC-GOV"), units.len() < 2 || !self.no_cases_of(Petition::ID).await?)
        else {
            return Ok(DemoPetitions::default());
        };
        let places =
            petition::Places { office, government, reconsideration_office: id_of("YC-SFJ-FY"), units: &units[1..] };
        let cal = self.calendar().await?;
        let seeder = Seeder::new(&cal, self.rules(), self.now.today());
        let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
        let added = petition::seed(&seeder, &mut tx, seed, percent, &places).await?;
        tx.commit().await?;
        Ok(DemoPetitions { petitions: added.petitions, reconsiderations: added.reconsiderations })
    }

    /// The demo's activities of 法治建设 alone (last year's and this year's
    /// to today), if there are none yet; how many were added.
    pub async fn load_demo_activities(&self, seed: u64) -> Result<usize, AppError> {
        let pool = self.store.pool();
        if fazhi_store::activities::any(pool).await? {
            return Ok(0);
        }
        let all = units::list(pool, &UnitPath::everything()).await?;
        let cal = self.calendar().await?;
        let seeder = Seeder::new(&cal, self.rules(), self.now.today());
        let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
        let added = activities::seed(&seeder, &mut tx, seed, &all).await?;
        tx.commit().await?;
        Ok(added)
    }

    async fn no_cases_of(&self, kind: &str) -> Result<bool, AppError> {
        Ok(!cases::any_of_kind(self.store.pool(), kind).await?)
    }
}
