//! Demo 依申请公开 requests: about 800 a year, with a realistic mix of
//! applicants, corrections, consultations, extensions and outcomes, most
//! answered in time and a few left overdue, so that the workbench, the
//! deadlines and table 3 have something true to show.

use super::{one, pick, DemoUnit, Script, Seeder};
use crate::cases::{Filing, Party};
use crate::AppError;
use chrono::{Duration, NaiveDate};
use fazhi_core::procedure::disclosure::clock as dis_clock;
use fazhi_core::procedure::disclosure::{Action, Disclosure};
use fazhi_core::procedure::{ApplicantType, DisclosureOutcome, Matter};
use fazhi_store::WriteTx;
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

/// Adds the requests (the caller checked there are none yet); returns how many.
pub(super) async fn seed(
    seeder: &Seeder<'_>,
    tx: &mut WriteTx,
    seed: u64,
    percent: u32,
    units: &[DemoUnit],
) -> Result<usize, AppError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_D15C);
    let dates = seeder.spread(super::DISCLOSURE_PER_YEAR, percent);
    // At any scale, one request (a third of the way in) is left unanswered.
    let forced = dates.len() / 3;
    for (i, &received) in dates.iter().enumerate() {
        // The government itself (listed first) and the big departments receive most requests.
        let unit = if rng.gen_ratio(1, 4) { units[0].id } else { one(&mut rng, units).id };
        // About one in 150 requests is left unanswered: it shows as overdue.
        let lucky = rng.gen_ratio(1, 150);
        let overdue = received < seeder.today - Duration::days(45) && (lucky || i == forced);
        let (script, filing) = request(seeder, &mut rng, unit, received, overdue)?;
        script.store(tx, filing).await?;
    }
    Ok(dates.len())
}

/// Plans one request: runs it through the engine in memory.
fn request<'s>(
    seeder: &'s Seeder<'s>,
    rng: &mut ChaCha8Rng,
    unit_id: i64,
    received: NaiveDate,
    overdue: bool,
) -> Result<(Script<'s, Disclosure>, Filing), AppError> {
    let applicant = pick(rng, APPLICANTS);
    let mut script = seeder.start::<Disclosure>(Action::ReceiveRequest { applicant }, received)?;
    let subject = *one(rng, SUBJECTS);
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
    // Plan the steps: (working days after the previous step, action).
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
        plan.push((rng.gen_range(10..=15), Action::GrantExtension { days: 20, approved_by: "办公室主任".to_owned() }));
    }
    if !overdue {
        let outcome = pick(rng, OUTCOMES);
        let wait = if extended { rng.gen_range(5..=15) } else { rng.gen_range(3..=15) };
        plan.push((wait, Action::Reply { outcome: Some(outcome) }));
    }
    for (after, action) in plan {
        let mut date = seeder.working_days_after(script.last(), after);
        if matches!(action, Action::GrantExtension { .. }) {
            // An extension is approved before the reply period runs out.
            if let Some(due) = script.due(dis_clock::REPLY) {
                date = date.min(due).max(script.last());
            }
        }
        if !script.at(date, action) {
            break; // still in progress today
        }
    }
    Ok((script, filing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::clock::{Calendar, RuleSet};
    use fazhi_core::procedure::disclosure::Stage;

    #[test]
    fn plans_never_step_outside_the_procedure() {
        let cal = Calendar::builtin();
        for (n, today) in ["2025-03-03", "2025-12-31", "2026-03-02", "2026-11-22"].iter().enumerate() {
            let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap_or_default();
            let seeder = Seeder::new(&cal, RuleSet::shared_builtin(), today);
            let mut rng = ChaCha8Rng::seed_from_u64(n as u64);
            let mut replied = 0;
            for received in seeder.spread(super::super::DISCLOSURE_PER_YEAR, 100) {
                let overdue = rng.gen_ratio(1, 100);
                let (s, _) = request(&seeder, &mut rng, 1, received, overdue).unwrap_or_else(|e| panic!("{e:?}"));
                assert!(s.refused.is_none(), "{:?}", s.refused);
                replied += usize::from(s.state.stage == Stage::Replied);
            }
            assert!(replied > 500 || n == 0, "{replied}");
        }
    }
}
