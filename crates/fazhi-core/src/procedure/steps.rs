//! Step mechanisms several kinds share, written once: the one all-in-one
//! correction notice, pauses of the clock, extensions with their cap and
//! approver, and the dating of hearings and other meetings (mediation
//! sessions). A kind's `step` calls these for the verbs it has; the rules' numbers come from the clock's rule set.

use chrono::NaiveDate;

use crate::clock::{EventKind, PauseKind, RuleId, Step};

use super::engine::{invalid, Procedure, StepCx, TransitionError};

/// Sends the correction notice (政府信息公开条例 Art. 30; 行政复议法 Art. 31):
/// one notice telling everything that needs correcting.
pub fn request_correction<P: Procedure>(cx: &mut StepCx<'_, P>, already_sent: bool) -> Result<(), TransitionError> {
    if already_sent {
        return Err(invalid("补正通知应当一次性告知需要补正的全部事项，本案已发出过补正通知，不能再次发出"));
    }
    cx.event(EventKind::CorrectionRequested);
    cx.perform(&[Step::CORRECTION_NOTICE]);
    Ok(())
}

/// The corrected request or material arrived; the clock restarts.
pub fn receive_correction<P: Procedure>(cx: &mut StepCx<'_, P>) {
    cx.event(EventKind::CorrectionReceived);
}

/// A pause of the clock starts (consultation, fee, suspension).
pub fn pause<P: Procedure>(cx: &mut StepCx<'_, P>, kind: PauseKind) {
    cx.event(EventKind::PauseStarted { pause: kind });
}

/// A pause of the clock ends.
pub fn resume<P: Procedure>(cx: &mut StepCx<'_, P>, kind: PauseKind) {
    cx.event(EventKind::PauseEnded { pause: kind });
}

/// An extension of the period of `rule` (deadline `step`), `granted` units
/// already granted: the rule must allow one, an approver is named, the cap
/// holds. Returns the new total.
pub fn extend<P: Procedure>(
    cx: &mut StepCx<'_, P>,
    rule: RuleId,
    step: Step,
    granted: u32,
    days: u32,
    approver: &str,
) -> Result<u32, TransitionError> {
    let rule = cx.engine.rules().rule(rule).map_err(|e| TransitionError::Clock(e.to_string()))?;
    let Some(policy) = rule.extension.as_ref() else {
        return Err(invalid(format!("{}不允许延长", rule.label)));
    };
    if days == 0 {
        return Err(invalid("延长的天数为0，请填写延长的天数"));
    }
    if approver.trim().is_empty() {
        return Err(invalid(format!(
            "{}的延长须经{}批准（{}）：请填写批准人",
            rule.label, policy.approver, policy.article
        )));
    }
    let total = granted.saturating_add(days);
    let unit = rule.unit.zh();
    if total > policy.cap {
        return Err(invalid(format!(
            "{}最多延长{}{unit}，本次申请延长{days}{unit}，连同已批准的{granted}{unit}合计{total}{unit}，超过上限（{}）",
            rule.label, policy.cap, policy.article
        )));
    }
    cx.event(EventKind::ExtensionGranted { step, days, approved_by: approver.trim().to_owned() });
    Ok(total)
}

/// A hearing notified (or moved) on the step's date for `hearing_on`;
/// `notice_working_days`: whole working days the law requires between the
/// notice and the hearing (行政复议法 Art. 51: five).
pub fn schedule_hearing<P: Procedure>(
    cx: &StepCx<'_, P>,
    current: Option<NaiveDate>,
    hearing_on: NaiveDate,
    notice_working_days: Option<u32>,
) -> Result<(), TransitionError> {
    schedule_meeting(cx, HEARING, current, hearing_on, notice_working_days)
}

/// A hearing held on the step's date must be the one notified.
pub fn hold_hearing<P: Procedure>(cx: &StepCx<'_, P>, scheduled: Option<NaiveDate>) -> Result<(), TransitionError> {
    hold_meeting(cx, HEARING, scheduled)
}

const HEARING: &str = "开庭（听证）";

/// A dated meeting of the parties (`what`: 开庭（听证）, 调解 …) notified or
/// moved on the step's date for `on`, with the notice period as for hearings.
pub fn schedule_meeting<P: Procedure>(
    cx: &StepCx<'_, P>,
    what: &str,
    current: Option<NaiveDate>,
    on: NaiveDate,
    notice_working_days: Option<u32>,
) -> Result<(), TransitionError> {
    let date = cx.date;
    let moved = current.is_some();
    if on < date {
        let notice = if moved { "改期通知日期" } else { "通知日期" };
        let moved = if moved { "改期后的" } else { "" };
        return Err(invalid(format!("{moved}{what}日期{on}早于{notice}{date}，请核对")));
    }
    if current == Some(on) {
        return Err(invalid(format!("{what}日期已是{on}，无需改期")));
    }
    if let Some(days) = notice_working_days {
        let earliest =
            cx.engine.calendar().add_working_days(date, days).map_err(|e| TransitionError::Clock(e.to_string()))?;
        if on <= earliest {
            return Err(invalid(format!(
                "听证通知应当在举行听证五个工作日前送达（《行政复议法》第五十一条）：{date}通知，最早可于{earliest}之后举行，录入的听证日期为{on}"
            )));
        }
    }
    Ok(())
}

/// A meeting held on the step's date must be the one notified, if one was.
pub fn hold_meeting<P: Procedure>(
    cx: &StepCx<'_, P>,
    what: &str,
    scheduled: Option<NaiveDate>,
) -> Result<(), TransitionError> {
    match scheduled {
        Some(on) if on != cx.date => {
            Err(invalid(format!("{what}日期应为通知的{on}，录入的是{}；如已改期，请重新登记通知", cx.date)))
        }
        _ => Ok(()),
    }
}
