//! The list of proposals a congress or CPPCC office hands over: one proposal a
//! row, read by the shared spreadsheet reader ([`crate::sheet`]) under the
//! columns' usual names. Nothing is taken from a file that has a problem.

use crate::sheet::{self, ColumnSpec, Spec};

pub use crate::sheet::MAX_BYTES;
/// The most proposals one file may hold (a district session has a few hundred).
pub const MAX_ROWS: usize = 2_000;

/// A column of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Title,
    Proposer,
    Lead,
    CoUnits,
}

/// The columns, in the order of [`Column::ALL`].
const SPEC: Spec = Spec {
    columns: &[
        ColumnSpec {
            zh: "编号", aliases: &["建议编号", "提案编号", "建议号", "提案号", "案号"], required: true
        },
        ColumnSpec { zh: "标题", aliases: &["案由", "题目", "建议标题", "提案标题"], required: true },
        ColumnSpec {
            zh: "提出人",
            aliases: &["代表", "委员", "领衔代表", "领衔人", "提案人", "代表姓名", "委员姓名"],
            required: true,
        },
        ColumnSpec { zh: "主办单位", aliases: &["承办单位"], required: true },
        ColumnSpec { zh: "会办单位", aliases: &["协办单位"], required: false },
    ],
    what: "建议、提案",
    max_rows: MAX_ROWS,
};

impl Column {
    pub const ALL: [Column; 5] = [Column::Number, Column::Title, Column::Proposer, Column::Lead, Column::CoUnits];

    fn index(self) -> usize {
        self as usize
    }

    /// The name used in messages and on the page.
    pub fn zh(self) -> &'static str {
        SPEC.columns[self.index()].zh
    }
}

/// One row as typed (trimmed text of each column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// The row number as the spreadsheet shows it.
    pub line: usize,
    pub number: String,
    pub title: String,
    pub proposer: String,
    pub lead: String,
    pub co_units: String,
}

impl SheetRow {
    /// The text of a column.
    pub fn get(&self, c: Column) -> &str {
        match c {
            Column::Number => &self.number,
            Column::Title => &self.title,
            Column::Proposer => &self.proposer,
            Column::Lead => &self.lead,
            Column::CoUnits => &self.co_units,
        }
    }
}

/// Reads the proposals of the first sheet. `Err` lists every problem found.
pub fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, Vec<String>> {
    Ok(sheet::read(bytes, &SPEC)?
        .into_iter()
        .map(|r| SheetRow {
            line: r.line,
            number: r.get(Column::Number.index()).to_owned(),
            title: r.get(Column::Title.index()).to_owned(),
            proposer: r.get(Column::Proposer.index()).to_owned(),
            lead: r.get(Column::Lead.index()).to_owned(),
            co_units: r.get(Column::CoUnits.index()).to_owned(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn book(rows: &[&[&str]]) -> Vec<u8> {
        crate::sheet::workbook(rows).unwrap()
    }

    #[test]
    fn columns_are_found_by_their_names_in_any_order() {
        let bytes = book(&[
            &["案由", "编号", "领衔代表", "承办单位", "协办单位"],
            &["关于加快老旧小区改造的建议", "12", "王小明", "区住房和城乡建设局", "区财政局、区城市管理局"],
            &["", "", "", "", ""],
            &["关于增设公交线路的建议", "第13号", "李红", "区交通运输局", ""],
        ]);
        let rows = read(&bytes).unwrap();
        assert_eq!(rows.len(), 2, "the empty row is skipped");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].number, "12", "a number cell reads without a decimal point");
        assert_eq!(rows[0].lead, "区住房和城乡建设局");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].number, "第13号");
    }

    #[test]
    fn bad_files_are_named() {
        assert!(read(b"not a spreadsheet").unwrap_err()[0].contains(".xlsx"));
        assert!(read(&[]).unwrap_err()[0].contains("请选择"));
        let e = read(&book(&[&["编号", "标题"], &["1", "某建议"]])).unwrap_err();
        assert!(e[0].contains("第1行") && e[0].contains("「提出人」「主办单位」"), "{e:?}");
        assert!(read(&book(&[&["编号", "标题", "提出人", "主办单位"]])).unwrap_err()[0].contains("没有任何"));
        assert!(read(&vec![b'x'; MAX_BYTES + 1]).unwrap_err()[0].contains("文件过大"));
    }
}
