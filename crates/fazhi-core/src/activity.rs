//! Activities of 法治建设, recorded once and counted everywhere (issue 13, item 2).
//!
//! 会前学法, 理论学习中心组学法, training, the two exams, 普法 events and
//! materials, 述法, meetings of the 依法治区委员会 and of its groups, and
//! 宪法宣誓 are each one dated record of a unit: kind, topic, how many took
//! part, and what only some kinds have (hours of training, passes of an exam,
//! copies of material). A record contributes [`Fact`]s to the indicator
//! catalogue like a case does, so the indicators page and the annual report
//! read activities and cases the same way.
//!
//! [`ActivityInput::validate`] reads the fields as typed (a form or a row of an
//! `.xlsx` import) and refuses each bad one with a Chinese message that quotes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::input::{forbidden_char, plausible_date, quote_for_message};
use crate::org::FieldError;
use crate::procedure::catalogue::{Fact, IndicatorDef, Tally};

/// What kind of activity a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// 政府常务会议会前学法.
    MeetingStudy,
    /// 党委(党组)理论学习中心组学法.
    CentralGroupStudy,
    /// 法治培训 (of staff, of enforcement officers).
    Training,
    /// 领导干部任前法律知识考试.
    PreAppointmentExam,
    /// 行政执法资格考试.
    EnforcementExam,
    /// 普法活动 (宣传、讲座、进社区…).
    EducationEvent,
    /// 普法资料 printed or handed out.
    EducationMaterial,
    /// 述法 (leaders reporting on their duty for rule of law).
    ReportOnLaw,
    /// 全面依法治区委员会会议.
    CommitteeMeeting,
    /// 委员会协调小组会议 (立法、执法、司法、守法普法协调小组).
    CommitteeGroupMeeting,
    /// 宪法宣誓.
    ConstitutionOath,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 11] = [
        ActivityKind::MeetingStudy,
        ActivityKind::CentralGroupStudy,
        ActivityKind::Training,
        ActivityKind::PreAppointmentExam,
        ActivityKind::EnforcementExam,
        ActivityKind::EducationEvent,
        ActivityKind::EducationMaterial,
        ActivityKind::ReportOnLaw,
        ActivityKind::CommitteeMeeting,
        ActivityKind::CommitteeGroupMeeting,
        ActivityKind::ConstitutionOath,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ActivityKind::MeetingStudy => "meeting_study",
            ActivityKind::CentralGroupStudy => "central_group_study",
            ActivityKind::Training => "training",
            ActivityKind::PreAppointmentExam => "pre_appointment_exam",
            ActivityKind::EnforcementExam => "enforcement_exam",
            ActivityKind::EducationEvent => "education_event",
            ActivityKind::EducationMaterial => "education_material",
            ActivityKind::ReportOnLaw => "report_on_law",
            ActivityKind::CommitteeMeeting => "committee_meeting",
            ActivityKind::CommitteeGroupMeeting => "committee_group_meeting",
            ActivityKind::ConstitutionOath => "constitution_oath",
        }
    }

    /// The Chinese name, as a form offers it and an import accepts it.
    pub fn zh(self) -> &'static str {
        match self {
            ActivityKind::MeetingStudy => "会前学法",
            ActivityKind::CentralGroupStudy => "理论学习中心组学法",
            ActivityKind::Training => "法治培训",
            ActivityKind::PreAppointmentExam => "任前法律知识考试",
            ActivityKind::EnforcementExam => "执法资格考试",
            ActivityKind::EducationEvent => "普法活动",
            ActivityKind::EducationMaterial => "普法资料",
            ActivityKind::ReportOnLaw => "述法",
            ActivityKind::CommitteeMeeting => "依法治区委员会会议",
            ActivityKind::CommitteeGroupMeeting => "委员会协调小组会议",
            ActivityKind::ConstitutionOath => "宪法宣誓",
        }
    }

    /// Reads a code or a Chinese name.
    pub fn parse(s: &str) -> Option<ActivityKind> {
        let s = s.trim();
        ActivityKind::ALL.into_iter().find(|k| k.code() == s || k.zh() == s)
    }

    /// What "participants" means for this kind, as the form labels it.
    pub fn participants_zh(self) -> &'static str {
        match self {
            ActivityKind::PreAppointmentExam | ActivityKind::EnforcementExam => "参考人数",
            ActivityKind::EducationEvent => "参与群众人次",
            ActivityKind::EducationMaterial => "发放份数",
            ActivityKind::ReportOnLaw => "述法人数",
            ActivityKind::ConstitutionOath => "宣誓人数",
            _ => "参加人次",
        }
    }

    fn has_hours(self) -> bool {
        matches!(self, ActivityKind::Training | ActivityKind::MeetingStudy | ActivityKind::CentralGroupStudy)
    }

    fn is_exam(self) -> bool {
        matches!(self, ActivityKind::PreAppointmentExam | ActivityKind::EnforcementExam)
    }
}

/// A validated activity record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub kind: ActivityKind,
    pub held_on: NaiveDate,
    pub topic: String,
    /// People taking part (for material: copies handed out).
    pub participants: u32,
    /// Hours of study or training per participant, in tenths (15 = 1.5 学时).
    pub tenth_hours: Option<u32>,
    /// Passes of an exam.
    pub passed: Option<u32>,
    pub note: String,
}

/// The fields as typed, before validation (absent ones are empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityInput {
    pub kind: String,
    pub held_on: String,
    pub topic: String,
    pub participants: String,
    pub hours: String,
    pub passed: String,
    pub note: String,
}

/// The longest topic and note accepted.
pub const MAX_TOPIC_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 1000;
/// More people than any activity of a district has (a sanity bound on typing errors).
pub const MAX_PARTICIPANTS: u32 = 1_000_000;

fn text(field: &'static str, label: &str, raw: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let t = raw.trim();
    if required && t.is_empty() {
        return Err(FieldError::new(field, format!("请填写{label}")));
    }
    if let Some(c) = forbidden_char(t) {
        return Err(FieldError::new(
            field,
            format!("{label}含有不可见的控制字符(U+{:04X}):“{}”", u32::from(c), quote_for_message(t, 30)),
        ));
    }
    if t.chars().count() > max {
        return Err(FieldError::new(field, format!("{label}不能超过{max}个字:“{}”", quote_for_message(t, 30))));
    }
    Ok(t.to_owned())
}

fn whole(field: &'static str, label: &str, raw: &str) -> Result<Option<u32>, FieldError> {
    let t = raw.trim().trim_end_matches(['人', '次', '份', '名']);
    if t.is_empty() {
        return Ok(None);
    }
    match t.replace([',', ','], "").parse::<u32>() {
        Ok(n) if n <= MAX_PARTICIPANTS => Ok(Some(n)),
        Ok(_) => Err(FieldError::new(field, format!("{label}“{}”过大,请核对", raw.trim()))),
        Err(_) => Err(FieldError::new(
            field,
            format!("{label}应为不小于0的整数,填写的是“{}”", quote_for_message(raw.trim(), 20)),
        )),
    }
}

/// Hours as typed (`2`, `1.5`, `1.5学时`, `3小时`) in tenths.
fn tenths(raw: &str) -> Result<Option<u32>, FieldError> {
    let t = raw.trim().trim_end_matches("学时").trim_end_matches("小时").trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || {
        FieldError::new("hours", format!("学时应为数字(至多一位小数),填写的是“{}”", quote_for_message(raw.trim(), 20)))
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if frac.len() > 1
        || int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let int: u32 = int.parse().map_err(|_| bad())?;
    let frac: u32 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| bad())? };
    if int > 1000 {
        return Err(FieldError::new("hours", format!("学时“{}”过大,请核对", raw.trim())));
    }
    Ok(Some(int * 10 + frac))
}

/// The value of a field read, or its error kept with the others.
fn keep<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

impl ActivityInput {
    /// Validates every field; all errors at once, each naming its field and
    /// quoting what was typed. `today` bounds the date (an activity is recorded
    /// once held).
    pub fn validate(&self, today: NaiveDate) -> Result<Activity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = match ActivityKind::parse(&self.kind) {
            Some(k) => Some(k),
            None => {
                let message = if self.kind.trim().is_empty() {
                    "请选择活动类型".to_owned()
                } else {
                    format!("“{}”不是活动类型的可选项", quote_for_message(self.kind.trim(), 20))
                };
                errors.push(FieldError::new("kind", message));
                None
            }
        };
        let held_on = match NaiveDate::parse_from_str(self.held_on.trim(), "%Y-%m-%d") {
            Ok(d) if !plausible_date(d) => {
                errors.push(FieldError::new("held_on", format!("日期“{}”不在合理范围内", self.held_on.trim())));
                None
            }
            Ok(d) if d > today => {
                errors.push(FieldError::new("held_on", format!("日期{d}晚于今天({today}):活动举办后再登记")));
                None
            }
            Ok(d) => Some(d),
            Err(_) if self.held_on.trim().is_empty() => {
                errors.push(FieldError::new("held_on", "请填写举办日期"));
                None
            }
            Err(_) => {
                errors.push(FieldError::new(
                    "held_on",
                    format!("日期“{}”无效,应为“年-月-日”,如2025-03-18", quote_for_message(self.held_on.trim(), 20)),
                ));
                None
            }
        };
        let topic = keep(&mut errors, text("topic", "主题", &self.topic, MAX_TOPIC_CHARS, true));
        let note = keep(&mut errors, text("note", "备注", &self.note, MAX_NOTE_CHARS, false));
        let label = kind.map_or("参加人次", |k| k.participants_zh());
        let participants = keep(&mut errors, whole("participants", label, &self.participants));
        let hours = keep(&mut errors, tenths(&self.hours));
        let passed = keep(&mut errors, whole("passed", "通过人数", &self.passed));
        if let Some(k) = kind {
            if participants == Some(None) {
                errors.push(FieldError::new("participants", format!("请填写{}", k.participants_zh())));
            }
            if !k.has_hours() && matches!(hours, Some(Some(_))) {
                errors.push(FieldError::new("hours", format!("{}不记学时,请清空学时", k.zh())));
            }
            if k.is_exam() {
                if passed == Some(None) {
                    errors.push(FieldError::new("passed", "考试请填写通过人数"));
                }
            } else if matches!(passed, Some(Some(_))) {
                errors.push(FieldError::new("passed", format!("{}没有通过人数,请清空", k.zh())));
            }
            if let (Some(Some(p)), Some(Some(n))) = (passed, participants) {
                if p > n {
                    errors.push(FieldError::new("passed", format!("通过人数{p}多于参考人数{n}")));
                }
            }
        }
        match (kind, held_on, topic, note, participants, hours, passed) {
            (
                Some(kind),
                Some(held_on),
                Some(topic),
                Some(note),
                Some(Some(participants)),
                Some(tenth_hours),
                Some(passed),
            ) if errors.is_empty() => Ok(Activity { kind, held_on, topic, participants, tenth_hours, passed, note }),
            _ => Err(errors),
        }
    }
}

/// Counter names: `activity.<kind>.held` (one per record) and
/// `activity.<kind>.people` (its participants); exams add `.passed`,
/// training `.person_tenth_hours`.
pub mod counter {
    pub const MEETING_STUDY_HELD: &str = "activity.meeting_study.held";
    pub const MEETING_STUDY_PEOPLE: &str = "activity.meeting_study.people";
    pub const CENTRAL_GROUP_STUDY_HELD: &str = "activity.central_group_study.held";
    pub const TRAINING_HELD: &str = "activity.training.held";
    pub const TRAINING_PEOPLE: &str = "activity.training.people";
    pub const TRAINING_PERSON_TENTH_HOURS: &str = "activity.training.person_tenth_hours";
    pub const PRE_APPOINTMENT_EXAM_PEOPLE: &str = "activity.pre_appointment_exam.people";
    pub const PRE_APPOINTMENT_EXAM_PASSED: &str = "activity.pre_appointment_exam.passed";
    pub const ENFORCEMENT_EXAM_PEOPLE: &str = "activity.enforcement_exam.people";
    pub const ENFORCEMENT_EXAM_PASSED: &str = "activity.enforcement_exam.passed";
    pub const EDUCATION_EVENT_HELD: &str = "activity.education_event.held";
    pub const EDUCATION_EVENT_PEOPLE: &str = "activity.education_event.people";
    pub const EDUCATION_MATERIAL_COPIES: &str = "activity.education_material.people";
    pub const REPORT_ON_LAW_PEOPLE: &str = "activity.report_on_law.people";
    pub const COMMITTEE_MEETING_HELD: &str = "activity.committee_meeting.held";
    pub const COMMITTEE_GROUP_MEETING_HELD: &str = "activity.committee_group_meeting.held";
    pub const CONSTITUTION_OATH_HELD: &str = "activity.constitution_oath.held";
    pub const CONSTITUTION_OATH_PEOPLE: &str = "activity.constitution_oath.people";

    /// Their Chinese names.
    pub const NAMES: &[(&str, &str)] = &[
        (MEETING_STUDY_HELD, "会前学法(次)"),
        (MEETING_STUDY_PEOPLE, "会前学法参加人数"),
        (CENTRAL_GROUP_STUDY_HELD, "理论学习中心组学法(次)"),
        (TRAINING_HELD, "法治培训(期)"),
        (TRAINING_PEOPLE, "法治培训参加人数"),
        (TRAINING_PERSON_TENTH_HOURS, "法治培训人数×学时(0.1学时)"),
        (PRE_APPOINTMENT_EXAM_PEOPLE, "任前法律知识考试参考人数"),
        (PRE_APPOINTMENT_EXAM_PASSED, "任前法律知识考试通过人数"),
        (ENFORCEMENT_EXAM_PEOPLE, "执法资格考试参考人数"),
        (ENFORCEMENT_EXAM_PASSED, "执法资格考试通过人数"),
        (EDUCATION_EVENT_HELD, "普法活动(场)"),
        (EDUCATION_EVENT_PEOPLE, "普法活动参加人数"),
        (EDUCATION_MATERIAL_COPIES, "普法资料份数"),
        (REPORT_ON_LAW_PEOPLE, "述法人数"),
        (COMMITTEE_MEETING_HELD, "依法治区委员会会议(次)"),
        (COMMITTEE_GROUP_MEETING_HELD, "依法治区委员会协调小组会议(次)"),
        (CONSTITUTION_OATH_HELD, "宪法宣誓(次)"),
        (CONSTITUTION_OATH_PEOPLE, "宪法宣誓人数"),
    ];
}

/// The Chinese name of an activity counter ([`counter::NAMES`]).
pub fn counter_name(counter: &str) -> Option<&'static str> {
    crate::procedure::catalogue::name_in(counter::NAMES, counter)
}

impl Activity {
    /// What this record counts for, dated by the day it was held.
    pub fn facts(&self) -> Vec<Fact> {
        use counter as c;
        let on = self.held_on;
        let people = u64::from(self.participants);
        let held = |name| Fact::new(name, on);
        let many = |name| Fact::amount(name, on, people);
        match self.kind {
            ActivityKind::MeetingStudy => vec![held(c::MEETING_STUDY_HELD), many(c::MEETING_STUDY_PEOPLE)],
            ActivityKind::CentralGroupStudy => vec![held(c::CENTRAL_GROUP_STUDY_HELD)],
            ActivityKind::Training => vec![
                held(c::TRAINING_HELD),
                many(c::TRAINING_PEOPLE),
                Fact::amount(c::TRAINING_PERSON_TENTH_HOURS, on, people * u64::from(self.tenth_hours.unwrap_or(0))),
            ],
            ActivityKind::PreAppointmentExam => vec![
                many(c::PRE_APPOINTMENT_EXAM_PEOPLE),
                Fact::amount(c::PRE_APPOINTMENT_EXAM_PASSED, on, u64::from(self.passed.unwrap_or(0))),
            ],
            ActivityKind::EnforcementExam => vec![
                many(c::ENFORCEMENT_EXAM_PEOPLE),
                Fact::amount(c::ENFORCEMENT_EXAM_PASSED, on, u64::from(self.passed.unwrap_or(0))),
            ],
            ActivityKind::EducationEvent => vec![held(c::EDUCATION_EVENT_HELD), many(c::EDUCATION_EVENT_PEOPLE)],
            ActivityKind::EducationMaterial => vec![many(c::EDUCATION_MATERIAL_COPIES)],
            ActivityKind::ReportOnLaw => vec![many(c::REPORT_ON_LAW_PEOPLE)],
            ActivityKind::CommitteeMeeting => vec![held(c::COMMITTEE_MEETING_HELD)],
            ActivityKind::CommitteeGroupMeeting => vec![held(c::COMMITTEE_GROUP_MEETING_HELD)],
            ActivityKind::ConstitutionOath => vec![held(c::CONSTITUTION_OATH_HELD), many(c::CONSTITUTION_OATH_PEOPLE)],
        }
    }
}

/// The indicators of activities, defined once (ids stable: the report and the
/// checker refer to them).
pub fn catalogue() -> Vec<IndicatorDef> {
    use counter as c;
    let sum = |cs: &'static [&'static str]| Tally::Sum(cs);
    vec![
        IndicatorDef::count(
            "activity.meeting_study.count",
            "会前学法次数",
            sum(&[c::MEETING_STUDY_HELD]),
            "政府常务会议会前学法的次数",
        ),
        IndicatorDef::count(
            "activity.meeting_study.people",
            "会前学法参加人次",
            sum(&[c::MEETING_STUDY_PEOPLE]),
            "各次会前学法参加人数之和",
        ),
        IndicatorDef::count(
            "activity.central_group_study.count",
            "理论学习中心组学法次数",
            sum(&[c::CENTRAL_GROUP_STUDY_HELD]),
            "党委(党组)理论学习中心组专题学法的次数",
        ),
        IndicatorDef::count("activity.training.count", "法治培训期数", sum(&[c::TRAINING_HELD]), "举办法治培训的期数"),
        IndicatorDef::count(
            "activity.training.people",
            "参训人次",
            sum(&[c::TRAINING_PEOPLE]),
            "各期法治培训参加人数之和",
        ),
        IndicatorDef::count(
            "activity.training.person_tenth_hours",
            "培训总学时(0.1人·学时)",
            sum(&[c::TRAINING_PERSON_TENTH_HOURS]),
            "各期培训参加人数乘以学时之和,以0.1学时计",
        ),
        IndicatorDef::count(
            "activity.pre_appointment_exam.people",
            "任前法律知识考试人次",
            sum(&[c::PRE_APPOINTMENT_EXAM_PEOPLE]),
            "参加领导干部任前法律知识考试的人次",
        ),
        IndicatorDef::rate(
            "activity.pre_appointment_exam.pass_rate",
            "任前法律知识考试通过率",
            sum(&[c::PRE_APPOINTMENT_EXAM_PASSED]),
            sum(&[c::PRE_APPOINTMENT_EXAM_PEOPLE]),
            "通过人数÷参考人数",
        ),
        IndicatorDef::count(
            "activity.enforcement_exam.people",
            "执法资格考试人次",
            sum(&[c::ENFORCEMENT_EXAM_PEOPLE]),
            "参加行政执法资格考试的人次",
        ),
        IndicatorDef::rate(
            "activity.enforcement_exam.pass_rate",
            "执法资格考试通过率",
            sum(&[c::ENFORCEMENT_EXAM_PASSED]),
            sum(&[c::ENFORCEMENT_EXAM_PEOPLE]),
            "通过人数÷参考人数",
        ),
        IndicatorDef::count(
            "activity.education_event.count",
            "普法活动场次",
            sum(&[c::EDUCATION_EVENT_HELD]),
            "开展普法活动的场次",
        ),
        IndicatorDef::count(
            "activity.education_event.people",
            "普法活动参与人次",
            sum(&[c::EDUCATION_EVENT_PEOPLE]),
            "各场普法活动参与群众人次之和",
        ),
        IndicatorDef::count(
            "activity.education_material.copies",
            "发放普法资料份数",
            sum(&[c::EDUCATION_MATERIAL_COPIES]),
            "印制发放普法资料的份数",
        ),
        IndicatorDef::count(
            "activity.report_on_law.people",
            "述法人数",
            sum(&[c::REPORT_ON_LAW_PEOPLE]),
            "履行法治建设职责述法的领导干部人数",
        ),
        IndicatorDef::count(
            "activity.committee_meeting.count",
            "依法治区委员会会议次数",
            sum(&[c::COMMITTEE_MEETING_HELD]),
            "全面依法治区委员会召开会议的次数",
        ),
        IndicatorDef::count(
            "activity.committee_group_meeting.count",
            "协调小组会议次数",
            sum(&[c::COMMITTEE_GROUP_MEETING_HELD]),
            "委员会各协调小组召开会议的次数",
        ),
        IndicatorDef::count(
            "activity.constitution_oath.count",
            "宪法宣誓次数",
            sum(&[c::CONSTITUTION_OATH_HELD]),
            "组织宪法宣誓仪式的次数",
        ),
        IndicatorDef::count(
            "activity.constitution_oath.people",
            "宪法宣誓人数",
            sum(&[c::CONSTITUTION_OATH_PEOPLE]),
            "参加宪法宣誓的人数",
        ),
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::procedure::catalogue::{evaluate, CaseFacts};
    use crate::procedure::indicators::{Period, Value};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input(kind: &str, on: &str, participants: &str, hours: &str, passed: &str) -> ActivityInput {
        ActivityInput {
            kind: kind.into(),
            held_on: on.into(),
            topic: "学习行政复议法".into(),
            participants: participants.into(),
            hours: hours.into(),
            passed: passed.into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_training_is_read_with_its_hours_in_tenths() {
        let a = input("法治培训", "2025-06-18", "120人", "1.5学时", "").validate(d("2025-12-31")).unwrap();
        assert_eq!((a.kind, a.participants, a.tenth_hours, a.passed), (ActivityKind::Training, 120, Some(15), None));
        let b = input("training", "2025-06-18", "1,200", "3", "").validate(d("2025-12-31")).unwrap();
        assert_eq!((b.participants, b.tenth_hours), (1200, Some(30)));
    }

    #[test]
    fn bad_fields_are_named_and_quoted_all_at_once() {
        let cases: &[(ActivityInput, &[&str])] = &[
            (input("讲座", "2025-02-30", "", "", ""), &["“讲座”不是活动类型的可选项", "日期“2025-02-30”无效"]),
            (input("法治培训", "2026-01-05", "十人", "1.55", ""), &["晚于今天", "“十人”", "学时应为数字"]),
            (input("会前学法", "2025-03-01", "", "", ""), &["请填写参加人次"]),
            (input("宪法宣誓", "2025-03-01", "12", "2", ""), &["宪法宣誓不记学时"]),
            (input("执法资格考试", "2025-03-01", "40", "", ""), &["考试请填写通过人数"]),
            (input("执法资格考试", "2025-03-01", "40", "", "41"), &["通过人数41多于参考人数40"]),
            (input("普法活动", "2025-03-01", "300", "", "2"), &["普法活动没有通过人数"]),
            (input("普法资料", "1900-01-01", "5000", "", ""), &["不在合理范围内"]),
            (input("述法", "2025-03-01", "9999999", "", ""), &["述法人数“9999999”过大"]),
        ];
        for (i, want) in cases {
            let errs = i.validate(d("2025-12-31")).unwrap_err();
            let text: String = errs.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(";");
            for w in *want {
                assert!(text.contains(w), "{w} not in {text}");
            }
        }
        let mut blank = input("会前学法", "2025-03-01", "30", "", "");
        blank.topic = "  ".into();
        assert_eq!(blank.validate(d("2025-12-31")).unwrap_err()[0].field, "topic");
        blank.topic = "学法\u{0}".into();
        assert!(blank.validate(d("2025-12-31")).unwrap_err()[0].message.contains("控制字符"));
    }

    #[test]
    fn every_kind_reads_by_code_and_name_and_counts_in_the_catalogue() {
        for k in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(k.code()), Some(k));
            assert_eq!(ActivityKind::parse(k.zh()), Some(k));
        }
        let cat = catalogue();
        let counters: Vec<&str> = cat.iter().flat_map(|d| d.counters()).collect();
        // Every counter a record can produce is read by some indicator.
        for k in ActivityKind::ALL {
            let a = Activity {
                kind: k,
                held_on: d("2025-05-01"),
                topic: "t".into(),
                participants: 10,
                tenth_hours: Some(20),
                passed: Some(9),
                note: String::new(),
            };
            for f in a.facts() {
                assert!(counters.contains(&f.counter), "{} of {k:?} is counted nowhere", f.counter);
            }
        }
    }

    #[test]
    fn a_year_of_activities_adds_up() {
        let today = d("2025-12-31");
        let rows = [
            input("会前学法", "2025-01-10", "35", "1", ""),
            input("会前学法", "2025-04-10", "33", "1", ""),
            input("法治培训", "2025-05-20", "200", "2.5", ""),
            input("法治培训", "2024-12-20", "999", "2", ""),
            input("执法资格考试", "2025-09-01", "80", "", "72"),
        ];
        let cases: Vec<CaseFacts<usize>> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| CaseFacts { case: i, facts: r.validate(today).unwrap().facts() })
            .collect();
        let year = Period { from: d("2025-01-01"), to: d("2025-12-31") };
        let v = evaluate(&catalogue(), &cases, year);
        let get = |id: &str| v.iter().find(|x| x.id == id).map(|x| x.value).unwrap();
        assert_eq!(get("activity.meeting_study.count"), Value::Count { count: 2 });
        assert_eq!(get("activity.training.people"), Value::Count { count: 200 });
        assert_eq!(get("activity.training.person_tenth_hours"), Value::Count { count: 5000 });
        assert_eq!(get("activity.enforcement_exam.pass_rate"), Value::Rate { numerator: 72, denominator: 80 });
    }
}
