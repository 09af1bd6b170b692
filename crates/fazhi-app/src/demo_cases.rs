//! Demo records of the procedures: a year and more of 依申请公开 requests at
//! the scale of published district reports (about 800 a year), with a
//! realistic mix of applicants, corrections, consultations, extensions and
//! outcomes, most answered in time and a few left overdue, so that the
//! workbench, the deadlines and table 3 have something true to show.
//!
//! Every request goes through the real procedure engine (`apply`) and the
//! real storage, so the demo can never show a state the law would not allow.
//! Deterministic for a (seed, today) pair: dates are placed relative to today.

use crate::cases::{new_case, step_update, Filing, Party};
use crate::{App, AppError};
use chrono::{Duration, NaiveDate};
use fazhi_core::clock::{Calendar, Engine, RuleSet};
use fazhi_core::org::{UnitKind, UnitPath};
use fazhi_core::procedure::{apply, Action, ApplicantType, CaseKind, CaseState, DisclosureOutcome, Matter};
use fazhi_store::cases;
use fazhi_store::{units, AuditActor, WriteTx};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Weighted outcome mix, roughly as district reports show it.
const OUTCOMES: &[(DisclosureOutcome, u32)] = &[
    (DisclosureOutcome::Disclosed, 34),
    (DisclosureOutcome::PartlyDisclosed, 8),
    (DisclosureOutcome::WithheldThirdParty, 2),
    (DisclosureOutcome::WithheldProcessInformation, 3),
    (DisclosureOutcome::WithheldEnforcementFile, 1),
    (DisclosureOutcome::UnavailableNotHeld, 32),
    (DisclosureOutcome::UnavailableNeedsCreation, 5),
    (DisclosureOutcome::NotHandledPetition, 4),
    (DisclosureOutcome::NotHandledRepeat, 3),
    (DisclosureOutcome::NotHandledPublication, 2),
];

const APPLICANTS: &[(ApplicantType, u32)] = &[
    (ApplicantType::NaturalPerson, 78),
    (ApplicantType::CommercialEnterprise, 14),
    (ApplicantType::ResearchInstitution, 1),
    (ApplicantType::PublicWelfareOrganisation, 1),
    (ApplicantType::LegalServiceInstitution, 4),
    (ApplicantType::OtherOrganisation, 2),
];

const SUBJECTS: &[&str] = &[
    "某地块征收补偿安置方案",
    "某小区建设工程规划许可证及附图",
    "某企业环境影响评价文件及批复",
    "某路段占道施工审批材料",
    "某餐饮单位食品安全监督检查记录",
    "某项目立项批复文件",
    "某街道老旧小区改造资金使用情况",
    "某学校招生划片依据",
    "某处违法建设查处情况",
    "某年度政府采购合同",
    "某集体土地征收批复",
    "某房屋拆除决定及依据",
];

fn pick<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut n = rng.gen_range(0..total);
    for (v, w) in table {
        if n < *w {
            return *v;
        }
        n -= w;
    }
    table[0].0
}

struct Seeder<'a> {
    engine: Engine<'a>,
    cal: &'a Calendar,
    today: NaiveDate,
}

impl Seeder<'_> {
    fn working_days_after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.cal.add_working_days(d, n).unwrap_or(d + Duration::days(i64::from(n) * 7 / 5))
    }

    /// Runs one request through the engine and stores it with its history.
    async fn one(
        &self,
        tx: &mut WriteTx,
        rng: &mut ChaCha8Rng,
        unit_id: i64,
        received: NaiveDate,
        overdue: bool,
    ) -> Result<(), AppError> {
        let applicant = pick(rng, APPLICANTS);
        let first = Action::ReceiveRequest { applicant };
        let mut state = apply(&self.engine, &CaseState::new(CaseKind::Disclosure), &first, received, self.today)
            .map_err(|e| AppError::Internal(format!("demo receive: {e}")))?
            .state;
        let subject = SUBJECTS[rng.gen_range(0..SUBJECTS.len())];
        let party = Party {
            name: "演示申请人".to_owned(),
            contact: String::new(),
            person: applicant == ApplicantType::NaturalPerson,
            court: String::new(),
        };
        let filing = Filing {
            unit_id,
            handler_id: None,
            receipt_code: None,
            subject: subject.to_owned(),
            party,
            origin_id: None,
            respondent_id: None,
            matter: Matter::Goi,
        };
        let new = new_case(&self.engine, &state, &first, filing)?;
        let row = cases::insert(tx, &new).await?;
        let mut version = row.version;
        // Plan the steps: (days after the previous step, action).
        let mut plan: Vec<(u32, Action)> = Vec::new();
        if rng.gen_ratio(1, 10) {
            plan.push((rng.gen_range(1..=5), Action::RequestCorrection));
            plan.push((rng.gen_range(2..=8), Action::ReceiveCorrection));
        }
        if rng.gen_ratio(1, 20) {
            plan.push((rng.gen_range(2..=6), Action::StartConsultation));
            plan.push((rng.gen_range(5..=12), Action::EndConsultation));
        }
        let extended = rng.gen_ratio(1, 12);
        if extended {
            plan.push((
                rng.gen_range(10..=15),
                Action::GrantExtension { days: 20, approved_by: "办公室主任".to_owned() },
            ));
        }
        if !overdue {
            let outcome = pick(rng, OUTCOMES);
            let wait = if extended { rng.gen_range(5..=15) } else { rng.gen_range(3..=15) };
            plan.push((wait, Action::Reply { outcome: Some(outcome) }));
        }
        let mut date = received;
        for (after, action) in plan {
            let next = self.working_days_after(date, after);
            if next > self.today {
                break; // still in progress today
            }
            let Ok(applied) = apply(&self.engine, &state, &action, next, self.today) else { break };
            date = next;
            state = applied.state;
            let step = step_update(&self.engine, &state, &action, next)?;
            version = cases::record_step(tx, row.id, version, &step).await?.version;
        }
        Ok(())
    }
}

impl App {
    /// Adds the demo district's 依申请公开 requests (if none are there yet):
    /// about 800 a year from 1 January of last year to today, so that last
    /// year's table 3 is a full year. Returns how many were added.
    pub async fn load_demo_cases(&self, seed: u64) -> Result<usize, AppError> {
        let pool = self.store.pool();
        if !cases::list(pool, &UnitPath::everything(), CaseKind::Disclosure.as_str(), 1).await?.is_empty() {
            return Ok(0);
        }
        let targets: Vec<i64> = units::list(pool, &UnitPath::everything())
            .await?
            .into_iter()
            .filter(|u| {
                matches!(
                    u.kind,
                    UnitKind::Government | UnitKind::Department | UnitKind::Subdistrict | UnitKind::Township
                )
            })
            .map(|u| u.id)
            .collect();
        if targets.is_empty() {
            return Ok(0);
        }
        let cal = self.calendar().await?;
        let rules = RuleSet::shared_builtin();
        let today = self.now.today();
        let seeder = Seeder { engine: Engine::new(&cal, rules), cal: &cal, today };
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_D15C);
        // From 1 January of last year to today, about 800 requests a year.
        let start = NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) - 1, 1, 1).unwrap_or(today);
        let span = (today - start).num_days().max(1);
        let total: i64 = span * 800 / 365;
        let mut tx = self.store.begin_write(AuditActor::system("demo"), self.now.now()).await?;
        let mut added = 0;
        for i in 0..total {
            let offset = i * span / total.max(1);
            let received = cal.next_working_day_on_or_after(start + Duration::days(offset)).unwrap_or(start);
            if received > today {
                continue;
            }
            // The government itself and the big departments receive most requests.
            let unit = if rng.gen_ratio(1, 4) { targets[0] } else { targets[rng.gen_range(0..targets.len())] };
            // About one in 150 requests is left unanswered: it shows as overdue.
            let overdue = rng.gen_ratio(1, 150) && received < today - Duration::days(45);
            seeder.one(&mut tx, &mut rng, unit, received, overdue).await?;
            added += 1;
        }
        tx.commit().await?;
        Ok(added)
    }
}
