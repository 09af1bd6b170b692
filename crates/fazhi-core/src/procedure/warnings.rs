//! What a case page warns about: facts of the history that the law frowns on
//! but that do not stop the case (a step taken after its limit, a consultation
//! longer than the law gives the third party). Derived from the stored state, so
//! a warning stays visible for as long as it is true, not only after the step.

use chrono::NaiveDate;

use crate::clock::{Engine, Facts, PauseKind};

use super::kind::AnyCase;

/// The third party answers a consultation within 15 working days of receiving
/// it (政府信息公开条例 Art. 32); the law leaves the agency to decide after that.
const CONSULTATION_WORKING_DAYS: u32 = 15;

/// The warnings of a case as of `today`, in Chinese.
pub fn warnings(engine: &Engine<'_>, case: &dyn AnyCase, today: NaiveDate) -> Vec<String> {
    let mut out = case.warnings();
    let Ok(facts) = Facts::from_events(case.kind().clock(), &case.common().clock_events) else {
        return out;
    };
    if let Ok(Some((sent, due, rule))) = engine.late_correction_notice(&facts) {
        out.push(format!("补正通知于{sent}发出，晚于期限届满日{due}（{}），已记为逾期", rule.article));
    }
    if facts.kind == super::disclosure::clock::KIND {
        for p in facts.pauses.iter().filter(|p| p.kind == PauseKind::Consultation) {
            let end = p.end.unwrap_or(today);
            let Ok(days) = engine.calendar().working_days_between(p.start, end) else {
                continue;
            };
            if days > CONSULTATION_WORKING_DAYS {
                let state = if p.end.is_some() { "历时" } else { "至今已" };
                out.push(format!(
                    "征求第三方意见自{}起{state}{days}个工作日，超过第三方应当答复的15个工作日\
                     （《政府信息公开条例》第三十二条）：第三方逾期未提出意见的，由行政机关依照条例规定决定是否公开",
                    p.start
                ));
            }
        }
    }
    out
}
