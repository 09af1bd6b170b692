//! Indicator ids the checker maps stated figures to, and the mapping rules.
//!
//! Ids are dotted lowercase `domain.measure`; the platform's indicator catalogue adopts
//! them. A figure maps to an id when its domain (from the counted noun phrase, else the
//! nearest preceding domain word in the same paragraph) and its measure (from the noun
//! phrase and the measure word) both match. Changes (同比/增长/月均) never map.

/// The ids shared with the procedure engine's indicators are defined there, once.
pub use fazhi_core::procedure::indicators::{
    LITIGATION_CASES, LITIGATION_CONCLUDED, LITIGATION_HEAD_APPEARANCES, LITIGATION_HEAD_APPEARANCE_RATE,
    LITIGATION_LOSS_RATE, LITIGATION_LOST, RECONSIDERATION_ACCEPTED, RECONSIDERATION_CONCLUDED,
    RECONSIDERATION_CORRECTED, RECONSIDERATION_CORRECTION_RATE, RECONSIDERATION_MEDIATION_RATE,
    RECONSIDERATION_RECEIVED,
};

/// 行政复议案件 without a stage (cases handled), count.
pub const RECONSIDERATION_CASES: &str = "reconsideration.cases";
/// 依申请公开 requests received, count.
pub const DISCLOSURE_REQUESTS_RECEIVED: &str = "disclosure.requests_received";
/// 主动公开 items, count.
pub const DISCLOSURE_PROACTIVE_ITEMS: &str = "disclosure.proactive_items";
/// 12345/接诉即办 tickets received, count.
pub const HOTLINE_TICKETS: &str = "hotline.tickets";
/// 接诉即办 解决率, percent.
pub const HOTLINE_RESOLUTION_RATE: &str = "hotline.resolution_rate";
/// 接诉即办 满意率, percent.
pub const HOTLINE_SATISFACTION_RATE: &str = "hotline.satisfaction_rate";
/// 接诉即办 响应率, percent.
pub const HOTLINE_RESPONSE_RATE: &str = "hotline.response_rate";
/// 接诉即办 办结率, percent.
pub const HOTLINE_COMPLETION_RATE: &str = "hotline.completion_rate";
/// 规范性文件 filed (备案/报备), count.
pub const NORMATIVE_DOCS_FILED: &str = "normative_docs.filed";
/// 规范性文件/重大决策 legality reviews (合法性审核/审查), count.
pub const NORMATIVE_DOCS_REVIEWED: &str = "normative_docs.reviewed";
/// 规范性文件 cleaned up (清理), count.
pub const NORMATIVE_DOCS_CLEANED: &str = "normative_docs.cleaned";
/// 人大建议/政协提案 handled, count.
pub const PROPOSALS_HANDLED: &str = "proposals.handled";
/// 双随机 inspection tasks (抽查任务/批次), count.
pub const INSPECTION_TASKS: &str = "inspection.tasks";
/// 双随机 inspected objects (市场主体/户/家), count.
pub const INSPECTION_OBJECTS: &str = "inspection.objects";
/// 行政处罚/执法 cases, count.
pub const ENFORCEMENT_CASES: &str = "enforcement.cases";
/// 信访 matters received, count.
pub const PETITIONS_RECEIVED: &str = "petitions.received";
/// 信访 化解率/一次性化解率, percent.
pub const PETITIONS_RESOLUTION_RATE: &str = "petitions.resolution_rate";
/// 调解 cases (人民调解/行政调解), count.
pub const MEDIATION_CASES: &str = "mediation.cases";
/// 会前学法 sessions (常务会会前学法/集中学法), count.
pub const STUDY_SESSIONS: &str = "study.sessions";
/// 培训 participants (人次/人), count.
pub const TRAINING_PARTICIPANTS: &str = "training.participants";
/// 普法 activities (场/场次/次), count.
pub const LEGAL_EDUCATION_EVENTS: &str = "legal_education.events";
/// 法律顾问 legal opinions or reviews given, count.
pub const LEGAL_ADVISER_OPINIONS: &str = "legal_adviser.opinions";

/// Every id, for documentation and tests.
pub const ALL: [&str; 34] = [
    RECONSIDERATION_RECEIVED,
    RECONSIDERATION_ACCEPTED,
    RECONSIDERATION_CONCLUDED,
    RECONSIDERATION_CASES,
    RECONSIDERATION_CORRECTED,
    RECONSIDERATION_CORRECTION_RATE,
    RECONSIDERATION_MEDIATION_RATE,
    LITIGATION_CASES,
    LITIGATION_CONCLUDED,
    LITIGATION_HEAD_APPEARANCES,
    LITIGATION_HEAD_APPEARANCE_RATE,
    LITIGATION_LOST,
    LITIGATION_LOSS_RATE,
    DISCLOSURE_REQUESTS_RECEIVED,
    DISCLOSURE_PROACTIVE_ITEMS,
    HOTLINE_TICKETS,
    HOTLINE_RESOLUTION_RATE,
    HOTLINE_SATISFACTION_RATE,
    HOTLINE_RESPONSE_RATE,
    HOTLINE_COMPLETION_RATE,
    NORMATIVE_DOCS_FILED,
    NORMATIVE_DOCS_REVIEWED,
    NORMATIVE_DOCS_CLEANED,
    PROPOSALS_HANDLED,
    INSPECTION_TASKS,
    INSPECTION_OBJECTS,
    ENFORCEMENT_CASES,
    PETITIONS_RECEIVED,
    PETITIONS_RESOLUTION_RATE,
    MEDIATION_CASES,
    STUDY_SESSIONS,
    TRAINING_PARTICIPANTS,
    LEGAL_EDUCATION_EVENTS,
    LEGAL_ADVISER_OPINIONS,
];

/// Chinese names of the indicators, shown to people wherever an id would appear (JSON
/// keeps the ids). Covers every id in [`ALL`] and the other 行政复议 ids of the
/// procedure engine.
const NAMES: [(&str, &str); 38] = [
    (RECONSIDERATION_RECEIVED, "收到行政复议申请"),
    (RECONSIDERATION_ACCEPTED, "受理行政复议申请"),
    (fazhi_core::procedure::indicators::RECONSIDERATION_REJECTED, "不予受理行政复议申请"),
    (RECONSIDERATION_CONCLUDED, "审结行政复议案件"),
    (RECONSIDERATION_CASES, "办理行政复议案件"),
    (RECONSIDERATION_CORRECTED, "行政复议纠错"),
    (RECONSIDERATION_CORRECTION_RATE, "行政复议纠错率"),
    (fazhi_core::procedure::indicators::RECONSIDERATION_MEDIATED_SETTLED, "行政复议调解和解结案"),
    (RECONSIDERATION_MEDIATION_RATE, "行政复议调解和解结案率"),
    (fazhi_core::procedure::indicators::RECONSIDERATION_SUBSTANTIVE_RESOLUTIONS, "行政复议实质性化解"),
    (fazhi_core::procedure::indicators::RECONSIDERATION_SUBSTANTIVE_RESOLUTION_RATE, "行政复议实质性化解率"),
    (LITIGATION_CASES, "行政诉讼案件"),
    (LITIGATION_CONCLUDED, "审结行政诉讼案件"),
    (LITIGATION_HEAD_APPEARANCES, "行政机关负责人出庭应诉"),
    (LITIGATION_HEAD_APPEARANCE_RATE, "行政机关负责人出庭应诉率"),
    (LITIGATION_LOST, "行政诉讼败诉"),
    (LITIGATION_LOSS_RATE, "行政诉讼败诉率"),
    (DISCLOSURE_REQUESTS_RECEIVED, "收到政府信息公开申请"),
    (DISCLOSURE_PROACTIVE_ITEMS, "主动公开政府信息"),
    (HOTLINE_TICKETS, "接诉即办受理诉求"),
    (HOTLINE_RESOLUTION_RATE, "接诉即办解决率"),
    (HOTLINE_SATISFACTION_RATE, "接诉即办满意率"),
    (HOTLINE_RESPONSE_RATE, "接诉即办响应率"),
    (HOTLINE_COMPLETION_RATE, "接诉即办办结率"),
    (NORMATIVE_DOCS_FILED, "规范性文件备案"),
    (NORMATIVE_DOCS_REVIEWED, "合法性审核"),
    (NORMATIVE_DOCS_CLEANED, "规范性文件清理"),
    (PROPOSALS_HANDLED, "办理人大代表建议和政协提案"),
    (INSPECTION_TASKS, "“双随机、一公开”抽查任务"),
    (INSPECTION_OBJECTS, "“双随机、一公开”抽查对象"),
    (ENFORCEMENT_CASES, "行政执法案件"),
    (PETITIONS_RECEIVED, "受理信访事项"),
    (PETITIONS_RESOLUTION_RATE, "信访事项化解率"),
    (MEDIATION_CASES, "调解案件"),
    (STUDY_SESSIONS, "会前学法"),
    (TRAINING_PARTICIPANTS, "法治培训人次"),
    (LEGAL_EDUCATION_EVENTS, "普法活动"),
    (LEGAL_ADVISER_OPINIONS, "法律顾问出具法律意见"),
];

/// The Chinese name of an indicator id, e.g. `study.sessions` → 会前学法; `None` for an
/// unknown id.
pub fn name_zh(id: &str) -> Option<&'static str> {
    NAMES.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}

/// The Chinese name of an indicator id, or the id itself when it has none.
pub fn label_zh(id: &str) -> &str {
    name_zh(id).unwrap_or(id)
}

/// Domains, each with the words that name it. Order matters: earlier wins in a subject.
const DOMAINS: [(&str, &[&str]); 13] = [
    ("normative_docs", &["规范性文件"]),
    ("disclosure", &["依申请公开", "政府信息公开申请", "信息公开申请", "主动公开"]),
    ("reconsideration", &["复议"]),
    ("litigation", &["行政诉讼", "行政应诉", "应诉", "出庭", "诉讼案件", "败诉"]),
    ("hotline", &["接诉即办", "12345", "热线", "诉求", "工单", "市民来电"]),
    ("proposals", &["建议提案", "人大代表建议", "政协委员提案", "建议", "提案"]),
    ("inspection", &["双随机", "抽查"]),
    ("petitions", &["信访"]),
    ("mediation", &["调解"]),
    ("enforcement", &["行政处罚", "执法案件", "处罚案件", "行政检查"]),
    ("study", &["学法"]),
    ("training", &["培训", "参训"]),
    ("legal_education", &["普法", "法治宣传", "宣传活动", "法治讲座"]),
];

/// Words that mark a change or an average, never a level.
const CHANGE_WORDS: [&str; 9] = ["同比", "环比", "增长", "增加", "下降", "减少", "月均", "日均", "提升"];

fn domain_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let mut words: Vec<&str> = DOMAINS.iter().flat_map(|(_, ws)| ws.iter().copied()).collect();
        // Longest first, so 行政应诉 wins over 应诉.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        regex::Regex::new(&words.join("|")).unwrap_or_else(|_| crate::clean::unreachable_regex())
    })
}

/// The domain named last in `text`.
fn domain_in(text: &str) -> Option<&'static str> {
    let word = domain_re().find_iter(text).last()?;
    DOMAINS.iter().find(|(_, ws)| ws.contains(&word.as_str())).map(|(d, _)| *d)
}

/// The domain of a figure: named in its subject, else the nearest preceding domain word
/// in its paragraph (`before` is the paragraph text before the figure).
pub fn domain(subject: &str, before: &str) -> Option<&'static str> {
    domain_in(subject).or_else(|| domain_in(before))
}

/// Whether `s` contains any of `words`. Subjects are short, so a plain window scan beats
/// setting up a substring searcher for each word.
fn has(s: &str, words: &[&str]) -> bool {
    let hay = s.as_bytes();
    words.iter().any(|w| {
        let n = w.len();
        n <= hay.len() && hay.windows(n).any(|win| win == w.as_bytes())
    })
}

/// Maps a figure to an indicator id.
///
/// `subject` is what is counted, `unit` the measure word (`%` for rates), `before` the
/// paragraph text before the figure.
pub fn map(subject: &str, unit: &str, before: &str) -> Option<&'static str> {
    if has(subject, &CHANGE_WORDS) {
        return None;
    }
    let rate = unit == "%" || unit == "‰";
    let d = domain(subject, before)?;
    let s = subject;
    let count = !rate && !unit.contains('元');
    Some(match d {
        "reconsideration" if rate => {
            if has(s, &["纠错率", "纠正率", "纠错比例"]) {
                RECONSIDERATION_CORRECTION_RATE
            } else if has(s, &["调解", "和解"]) {
                RECONSIDERATION_MEDIATION_RATE
            } else {
                return None;
            }
        }
        "reconsideration" if count => {
            if has(s, &["纠错", "纠正", "撤销", "变更", "确认违法", "责令履行"]) {
                RECONSIDERATION_CORRECTED
            } else if has(s, &["申请", "收到", "收案", "新收", "接收"]) {
                RECONSIDERATION_RECEIVED
            } else if has(s, &["审结", "办结", "结案", "作出复议决定", "决定"]) {
                RECONSIDERATION_CONCLUDED
            } else if has(s, &["受理", "立案"]) {
                RECONSIDERATION_ACCEPTED
            } else if has(s, &["复议案件", "复议"]) && !has(s, &["意见", "培训"]) {
                RECONSIDERATION_CASES
            } else {
                return None;
            }
        }
        "litigation" if rate => {
            if has(s, &["出庭", "出庭应诉率"]) {
                LITIGATION_HEAD_APPEARANCE_RATE
            } else if has(s, &["败诉率"]) {
                LITIGATION_LOSS_RATE
            } else {
                return None;
            }
        }
        "litigation" if count => {
            if has(s, &["败诉"]) {
                LITIGATION_LOST
            } else if has(s, &["出庭"]) {
                LITIGATION_HEAD_APPEARANCES
            } else if has(s, &["审结", "办结", "结案"]) {
                LITIGATION_CONCLUDED
            } else if has(s, &["诉讼", "应诉", "案件"]) {
                LITIGATION_CASES
            } else {
                return None;
            }
        }
        "disclosure" if count => {
            if has(s, &["主动公开"]) {
                DISCLOSURE_PROACTIVE_ITEMS
            } else if has(s, &["依申请公开", "公开申请", "申请"]) {
                DISCLOSURE_REQUESTS_RECEIVED
            } else {
                return None;
            }
        }
        "hotline" if rate => {
            if has(s, &["解决率"]) {
                HOTLINE_RESOLUTION_RATE
            } else if has(s, &["满意率"]) {
                HOTLINE_SATISFACTION_RATE
            } else if has(s, &["响应率"]) {
                HOTLINE_RESPONSE_RATE
            } else if has(s, &["办结率"]) {
                HOTLINE_COMPLETION_RATE
            } else {
                return None;
            }
        }
        "hotline" if count && has(s, &["受理", "接收", "接到", "派单", "工单", "诉求", "来电", "案件", "接诉即办"]) => {
            HOTLINE_TICKETS
        }
        "normative_docs" if count => {
            if has(s, &["备案", "报备"]) {
                NORMATIVE_DOCS_FILED
            } else if has(s, &["清理"]) {
                NORMATIVE_DOCS_CLEANED
            } else if has(s, &["审核", "审查"]) {
                NORMATIVE_DOCS_REVIEWED
            } else {
                return None;
            }
        }
        "proposals" if count && has(s, &["办复", "办理", "办结", "答复", "建议提案", "提案"]) => {
            PROPOSALS_HANDLED
        }
        "inspection" if count => {
            if has(s, &["任务", "批次"]) || unit == "批次" {
                INSPECTION_TASKS
            } else if has(s, &["抽查", "检查"])
                && (has(s, &["市场主体", "企业", "对象", "单位", "户"]) || unit == "户" || unit == "家")
            {
                INSPECTION_OBJECTS
            } else {
                return None;
            }
        }
        "petitions" if rate && has(s, &["化解率", "解决率"]) => PETITIONS_RESOLUTION_RATE,
        "petitions" if count && has(s, &["受理", "接待", "信访事项", "来信", "来访", "信访件"]) => {
            PETITIONS_RECEIVED
        }
        "mediation" if count && has(s, &["调解", "纠纷", "案件"]) && !has(s, &["组织", "员"]) => {
            MEDIATION_CASES
        }
        "enforcement" if count && has(s, &["案件", "处罚", "检查"]) => ENFORCEMENT_CASES,
        "study" if count && (unit == "次" || unit == "场" || unit == "期") => STUDY_SESSIONS,
        "training" if count && (unit == "人次" || unit == "人" || unit == "名") => TRAINING_PARTICIPANTS,
        "legal_education" if count && (unit == "场" || unit == "场次" || unit == "次") => LEGAL_EDUCATION_EVENTS,
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dotted_lowercase_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for id in ALL {
            assert!(seen.insert(id), "duplicate {id}");
            let (d, m) = id.split_once('.').unwrap();
            assert!(!d.is_empty() && !m.is_empty());
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'));
        }
    }

    #[test]
    fn every_id_has_a_chinese_name() {
        for id in ALL {
            let name = name_zh(id).unwrap_or_else(|| panic!("{id} has no Chinese name"));
            assert!(!name.is_ascii(), "{id}: {name}");
        }
        assert_eq!(name_zh(STUDY_SESSIONS), Some("会前学法"));
        assert_eq!(label_zh("unknown.id"), "unknown.id");
        let names: std::collections::HashSet<&str> = NAMES.iter().map(|(_, n)| *n).collect();
        assert_eq!(names.len(), NAMES.len(), "names are unique");
    }

    #[test]
    fn pattern_compiles() {
        assert!(!crate::clean::is_fallback(domain_re()));
    }

    #[test]
    fn mapping_table() {
        let cases: [(&str, &str, &str, Option<&str>); 16] = [
            ("受理复议申请", "件", "", Some(RECONSIDERATION_RECEIVED)),
            ("收到行政复议申请", "件", "", Some(RECONSIDERATION_RECEIVED)),
            ("审结行政复议案件", "件", "", Some(RECONSIDERATION_CONCLUDED)),
            ("办结行政复议案件", "件", "", Some(RECONSIDERATION_CONCLUDED)),
            ("纠错率", "%", "全年办结行政复议案件85件,", Some(RECONSIDERATION_CORRECTION_RATE)),
            ("参与区政府行政诉讼", "件", "", Some(LITIGATION_CASES)),
            ("各部门和乡镇负责人出庭应诉率", "%", "", Some(LITIGATION_HEAD_APPEARANCE_RATE)),
            ("败诉", "件", "区政府行政应诉案件审结97件,", Some(LITIGATION_LOST)),
            ("区政府受理依申请公开", "件", "", Some(DISCLOSURE_REQUESTS_RECEIVED)),
            ("共受理案件", "件", "完善接诉即办工作机制。2024年,", Some(HOTLINE_TICKETS)),
            ("解决率", "%", "完善接诉即办工作机制。", Some(HOTLINE_RESOLUTION_RATE)),
            ("月均受理", "件", "完善接诉即办工作机制。", None),
            ("接受区属部门备案行政规范性文件", "件", "", Some(NORMATIVE_DOCS_FILED)),
            ("同比增加", "%", "行政复议", None),
            ("抽查市场主体", "户", "", Some(INSPECTION_OBJECTS)),
            ("出具法律意见书", "份", "行政复议案件4613件,", None),
        ];
        for (subject, unit, before, want) in cases {
            assert_eq!(map(subject, unit, before), want, "{subject} {unit} {before}");
        }
    }
}
