//! A year's activities from an .xlsx list: one activity a row, read by the
//! shared spreadsheet reader and validated row by row with the same rules as
//! the form ([`ActivityInput::validate`]). The result says, for every row,
//! what it became or why it was refused, so the user chooses between storing
//! nothing and storing exactly the good rows.

use chrono::NaiveDate;
use fazhi_core::activity::{Activity, ActivityInput};

use crate::sheet::{self, ColumnSpec, Spec};

/// The most activities one file may hold.
pub const MAX_ROWS: usize = 5_000;

const UNIT: usize = 0;
const KIND: usize = 1;
const DATE: usize = 2;
const TOPIC: usize = 3;
const PEOPLE: usize = 4;
const HOURS: usize = 5;
const PASSED: usize = 6;
const NOTE: usize = 7;

/// The columns of the list (the template offered on the page has these headers).
pub const SPEC: Spec = Spec {
    columns: &[
        ColumnSpec {
            zh: "单位", aliases: &["单位编码", "单位名称", "举办单位", "组织单位"], required: true
        },
        ColumnSpec { zh: "类型", aliases: &["活动类型", "类别"], required: true },
        ColumnSpec { zh: "日期", aliases: &["举办日期", "活动日期", "时间"], required: true },
        ColumnSpec { zh: "主题", aliases: &["题目", "内容", "活动主题", "学习内容"], required: true },
        ColumnSpec {
            zh: "人次", aliases: &["参加人次", "参加人数", "人数", "参训人次", "份数"], required: true
        },
        ColumnSpec { zh: "学时", aliases: &["课时"], required: false },
        ColumnSpec { zh: "通过人数", aliases: &["合格人数"], required: false },
        ColumnSpec { zh: "备注", aliases: &[], required: false },
    ],
    what: "活动",
    max_rows: MAX_ROWS,
};

/// A row that was read and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodRow {
    pub line: usize,
    pub unit_id: i64,
    pub activity: Activity,
}

/// A row refused, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: usize,
    pub reasons: Vec<String>,
}

/// Every row of a file, good or bad, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCheck {
    pub good: Vec<GoodRow>,
    pub bad: Vec<BadRow>,
}

/// Reads and checks every row. `unit` finds a unit the importer may record
/// for, by its code or name (`Err` says why not, in Chinese). `Err` of the
/// whole: the file itself could not be read.
pub fn check(
    bytes: &[u8],
    today: NaiveDate,
    unit: impl Fn(&str) -> Result<i64, String>,
) -> Result<ImportCheck, Vec<String>> {
    let rows = sheet::read(bytes, &SPEC)?;
    let mut out = ImportCheck::default();
    for row in rows {
        let input = ActivityInput {
            kind: row.get(KIND).to_owned(),
            held_on: row.get(DATE).to_owned(),
            topic: row.get(TOPIC).to_owned(),
            participants: row.get(PEOPLE).to_owned(),
            hours: row.get(HOURS).to_owned(),
            passed: row.get(PASSED).to_owned(),
            note: row.get(NOTE).to_owned(),
        };
        let unit_text = row.get(UNIT).trim();
        let unit = if unit_text.is_empty() { Err("请填写单位".to_owned()) } else { unit(unit_text) };
        match (unit, input.validate(today)) {
            (Ok(unit_id), Ok(activity)) => out.good.push(GoodRow { line: row.line, unit_id, activity }),
            (unit, activity) => {
                let mut reasons: Vec<String> = unit.err().into_iter().map(|e| format!("「单位」{e}")).collect();
                if let Err(errors) = activity {
                    reasons.extend(errors.iter().map(|e| format!("「{}」{}", column_of(e.field), e.message)));
                }
                out.bad.push(BadRow { line: row.line, reasons });
            }
        }
    }
    Ok(out)
}

/// The column a field of the form comes from.
fn column_of(field: &str) -> &'static str {
    let i = match field {
        "kind" => KIND,
        "held_on" => DATE,
        "topic" => TOPIC,
        "participants" => PEOPLE,
        "hours" => HOURS,
        "passed" => PASSED,
        _ => NOTE,
    };
    SPEC.columns[i].zh
}

/// The template a page offers: the headers and two example rows.
pub fn template() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    sheet::workbook(&[
        &["单位", "类型", "日期", "主题", "人次", "学时", "通过人数", "备注"],
        &["YC-GOV", "会前学法", "2025-03-18", "学习《中华人民共和国行政复议法》", "32", "1", "", ""],
        &["YC-SFJ", "执法资格考试", "2025-06-12", "2025年行政执法资格考试", "86", "", "79", ""],
    ])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use fazhi_core::activity::ActivityKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn units(s: &str) -> Result<i64, String> {
        match s {
            "YC-GOV" | "云川区人民政府" => Ok(1),
            "YC-SFJ" => Ok(2),
            other => Err(format!("“{other}”不是本单位或下属单位")),
        }
    }

    #[test]
    fn the_template_reads_back_as_two_good_rows() {
        let c = check(&template().unwrap(), d("2025-12-31"), units).unwrap();
        assert!(c.bad.is_empty(), "{:?}", c.bad);
        assert_eq!(c.good.len(), 2);
        assert_eq!((c.good[0].line, c.good[0].unit_id, c.good[0].activity.kind), (2, 1, ActivityKind::MeetingStudy));
        assert_eq!(c.good[1].activity.passed, Some(79));
    }

    #[test]
    fn each_bad_row_is_named_with_every_reason_and_its_column() {
        let bytes = sheet::workbook(&[
            &["单位名称", "活动类型", "举办日期", "学习内容", "参训人次", "学时"],
            &["云川区人民政府", "法治培训", "2025-05-20", "依法行政专题培训", "210", "2.5"],
            &["区教育局", "讲座", "2025-13-01", "", "很多", ""],
            &["YC-SFJ", "宪法宣誓", "2025-12-04", "国家宪法日宪法宣誓", "18", "1"],
        ])
        .unwrap();
        let c = check(&bytes, d("2025-12-31"), units).unwrap();
        assert_eq!(c.good.len(), 1);
        assert_eq!(c.good[0].activity.tenth_hours, Some(25));
        assert_eq!(c.bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![3, 4]);
        let third = c.bad[0].reasons.join(";");
        for want in
            ["「单位」“区教育局”不是本单位或下属单位", "「类型」“讲座”", "「日期」", "「主题」请填写主题", "「人次」"]
        {
            assert!(third.contains(want), "{want}: {third}");
        }
        assert!(c.bad[1].reasons.join(";").contains("「学时」宪法宣誓不记学时"), "{:?}", c.bad[1]);
    }
}
