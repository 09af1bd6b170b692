//! Flags a supervisor would raise, each with a stable code and a Chinese message:
//!
//! | code | when |
//! |---|---|
//! | `published_late` | published after the deadline (31 March of the next year for a government, end of February for a department; configurable) |
//! | `published_before_year_end` | published before the year reported on had ended |
//! | `no_publish_date` | the page shows no publication date, so timeliness cannot be checked |
//! | `no_unit`, `no_report_year` | the unit or year could not be found |
//! | `missing_<part>` | a required part is missing (`missing_shortcomings` …) |
//! | `token_<part>` | a part is present but empty or one generic sentence (`token_shortcomings` …); not raised for `other`, where "nothing else to report" is a fair answer |
//! | `figure_mismatch` | a figure disagrees with fazhi's records ([`crate::RecordSource`]) |
//! | `unreadable` | the input could not be read (see `error`) |
//! | `not_a_report` | the document is not an annual report (a work plan, a disclosure report, a template …; see `verdict`); no other flags then |
//! | `text_incomplete` | the text stops before its end; lists the parts not seen instead of flagging them missing |
//! | `spam_mirror` | a mirror replaced names with a spam string |

use chrono::NaiveDate;

use crate::model::{CheckOptions, Flag, PartKind, PartStatus, ReportCheck};

fn flag(code: &'static str, message: String) -> Flag {
    Flag { code, message }
}

fn missing_code(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Measures => "missing_measures",
        PartKind::Shortcomings => "missing_shortcomings",
        PartKind::FirstResponsible => "missing_first_responsible",
        PartKind::NextYearPlan => "missing_next_year_plan",
        PartKind::Other => "missing_other",
    }
}

fn token_code(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Measures => "token_measures",
        PartKind::Shortcomings => "token_shortcomings",
        PartKind::FirstResponsible => "token_first_responsible",
        PartKind::NextYearPlan => "token_next_year_plan",
        PartKind::Other => "token_other",
    }
}

/// The last compliant publication date for a report on `year`.
pub fn deadline(year: i32, opts: &CheckOptions) -> Option<NaiveDate> {
    opts.deadline_for(year)
}

/// Computes the flags of a checked report. A document that is not a report gets only
/// `not_a_report` (and `spam_mirror`); parts not seen in a text that stops early give one
/// `text_incomplete` flag instead of `missing_<part>` flags.
pub fn compute(check: &ReportCheck, publish: Option<NaiveDate>, spam: Option<&str>, opts: &CheckOptions) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(s) = spam {
        flags.push(flag("spam_mirror", format!("页面是被篡改的镜像:名称等文字被“{s}”替换")));
    }
    if !check.verdict.is_report {
        let doc = check.verdict.doc_type.as_deref().unwrap_or("其他文件");
        let why = check.verdict.reason.as_deref().unwrap_or("");
        flags.push(flag("not_a_report", format!("不是法治政府建设年度报告({doc}):{why}")));
        return flags;
    }
    match (publish, check.report_year) {
        (Some(date), Some(year)) => {
            if let Some(last) = deadline(year, opts) {
                if date > last {
                    flags.push(flag(
                        "published_late",
                        format!(
                            "发布日期 {} 晚于公开期限 {}({} 年度报告)",
                            date.format("%Y-%m-%d"),
                            last.format("%Y-%m-%d"),
                            year
                        ),
                    ));
                }
            }
            if NaiveDate::from_ymd_opt(year, 12, 31).is_some_and(|end| date <= end) {
                flags.push(flag(
                    "published_before_year_end",
                    format!("发布日期 {} 早于报告年度 {} 年结束", date.format("%Y-%m-%d"), year),
                ));
            }
        }
        (None, _) => flags.push(flag("no_publish_date", "未找到发布日期,无法核对是否按时公开".to_string())),
        _ => {}
    }
    if check.unit.is_none() {
        flags.push(flag("no_unit", "未识别出发布主体".to_string()));
    }
    if check.report_year.is_none() {
        flags.push(flag("no_report_year", "未识别出报告年度".to_string()));
    }
    let mut not_seen: Vec<&str> = Vec::new();
    for kind in PartKind::ALL {
        let p = check.parts.get(kind);
        if p.status == PartStatus::NotSeen {
            not_seen.push(kind.name_zh());
        } else if !p.present {
            flags.push(flag(missing_code(kind), format!("缺少必备内容:{}", kind.name_zh())));
        } else if p.token && kind != PartKind::Other {
            flags
                .push(flag(token_code(kind), format!("“{}”部分内容空泛或流于形式(仅 {} 字)", kind.name_zh(), p.chars)));
        }
    }
    if !not_seen.is_empty() {
        flags.push(flag(
            "text_incomplete",
            format!("文本不完整(在结尾之前中断),未见以下部分,无法判断是否缺少:{}", not_seen.join("、")),
        ));
    }
    if let (Some(records), Some(unit), Some(year)) = (opts.records, check.unit.as_deref(), check.report_year) {
        mismatches(check, records, unit, year, &mut flags);
    }
    flags
}

fn agrees(stated: f64, approx: bool, rate: bool, recorded: f64) -> bool {
    if approx {
        (stated - recorded).abs() <= recorded.abs() * 0.1 + 1.0
    } else if rate {
        (stated - recorded).abs() <= 0.05
    } else {
        (stated - recorded).abs() < 0.5
    }
}

fn mismatches(
    check: &ReportCheck,
    records: &dyn crate::model::RecordSource,
    unit: &str,
    year: i32,
    flags: &mut Vec<Flag>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for f in &check.figures {
        let Some(ind) = f.indicator else { continue };
        if seen.contains(&ind) {
            continue;
        }
        seen.push(ind);
        let Some(recorded) = records.value(unit, year, ind) else {
            continue;
        };
        let stated: Vec<_> = check.figures.iter().filter(|g| g.indicator == Some(ind)).collect();
        let any_agrees = stated.iter().any(|g| agrees(g.value, g.approx.is_some(), g.unit == "%", recorded));
        if !any_agrees {
            flags.push(flag(
                "figure_mismatch",
                format!(
                    "报告所列“{}{}”({})与系统记录 {} 不一致",
                    f.subject,
                    f.text,
                    crate::indicators::label_zh(ind),
                    recorded
                ),
            ));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::UnitKind;

    #[test]
    fn deadlines() {
        let gov = CheckOptions::default();
        assert_eq!(deadline(2023, &gov), NaiveDate::from_ymd_opt(2024, 3, 31));
        let dept = CheckOptions { unit_kind: UnitKind::Department, ..CheckOptions::default() };
        assert_eq!(deadline(2024, &dept), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(deadline(2023, &dept), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(deadline(i32::MAX, &gov), None);
        let leap = CheckOptions { deadline_month_day: Some((2, 29)), ..CheckOptions::default() };
        assert_eq!(deadline(2022, &leap), NaiveDate::from_ymd_opt(2023, 2, 28));
        assert_eq!(deadline(2023, &leap), NaiveDate::from_ymd_opt(2024, 2, 29));
    }
}
