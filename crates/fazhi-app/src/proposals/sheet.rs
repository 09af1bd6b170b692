//! Reading the list of proposals a congress or CPPCC office hands over: the
//! first sheet of an .xlsx file, a header row naming the columns (in any
//! order, under their usual names), one proposal a row. Every problem is
//! reported with the row number as the spreadsheet shows it and the column's
//! name, in Chinese; nothing is taken from a file that has one.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// The largest upload taken (bytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most proposals one file may hold (a district session has a few hundred).
pub const MAX_ROWS: usize = 2_000;
/// What the parts of the file may add up to once unpacked (a defence against
/// a small file that unpacks into gigabytes).
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A column of the list: the name the page shows and the headers it is known by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Title,
    Proposer,
    Lead,
    CoUnits,
}

impl Column {
    pub const ALL: [Column; 5] = [Column::Number, Column::Title, Column::Proposer, Column::Lead, Column::CoUnits];

    /// The name used in messages and on the page.
    pub fn zh(self) -> &'static str {
        match self {
            Column::Number => "编号",
            Column::Title => "标题",
            Column::Proposer => "提出人",
            Column::Lead => "主办单位",
            Column::CoUnits => "会办单位",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Number => &["编号", "建议编号", "提案编号", "建议号", "提案号", "案号"],
            Column::Title => &["标题", "案由", "题目", "建议标题", "提案标题"],
            Column::Proposer => &["提出人", "代表", "委员", "领衔代表", "领衔人", "提案人", "代表姓名", "委员姓名"],
            Column::Lead => &["主办单位", "承办单位"],
            Column::CoUnits => &["会办单位", "协办单位"],
        }
    }

    fn required(self) -> bool {
        self != Column::CoUnits
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

/// A cell as text: whole numbers without a decimal point.
fn text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_owned(),
    }
}

/// Refuses what is not a plain .xlsx or unpacks into too much.
fn check_package(bytes: &[u8]) -> Result<(), String> {
    let not_xlsx =
        || "无法读取上传的文件:请上传 Excel 2007 及以上版本的 .xlsx 文件(可在 Excel 或 WPS 中“另存为”.xlsx)".to_owned();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|_| not_xlsx())?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!(
            "文件解压后超过{}MB,不能导入;请只保留建议、提案清单一张工作表",
            MAX_UNPACKED / 1024 / 1024
        ));
    }
    Ok(())
}

/// Reads the rows of the first sheet. `Err` lists every problem found.
pub fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, Vec<String>> {
    if bytes.is_empty() {
        return Err(vec!["请选择要导入的 .xlsx 文件".to_owned()]);
    }
    if bytes.len() > MAX_BYTES {
        return Err(vec![format!(
            "文件过大:最大{}MB,上传的文件为{:.1}MB",
            MAX_BYTES / 1024 / 1024,
            bytes.len() as f64 / 1024.0 / 1024.0
        )]);
    }
    check_package(bytes).map_err(|e| vec![e])?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| vec!["无法读取上传的文件:请上传 Excel 2007 及以上版本的 .xlsx 文件".to_owned()])?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(vec!["文件中没有可读取的工作表".to_owned()]),
    };
    let first_line = range.start().map(|(r, _)| r as usize + 1).unwrap_or(1);
    let mut rows = range.rows().enumerate().map(|(i, cells)| (first_line + i, cells));
    // The header: the first row with anything in it.
    let Some((header_line, header)) = rows.by_ref().find(|(_, cells)| cells.iter().any(|c| !text(c).is_empty())) else {
        return Err(vec!["文件是空的:第一行应为表头(编号、标题、提出人、主办单位、会办单位),其下每行一件".to_owned()]);
    };
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let h: String = text(cell).chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(c) = Column::ALL.iter().find(|c| c.aliases().contains(&h.as_str())) {
            if !columns.iter().any(|(x, _)| x == c) {
                columns.push((*c, i));
            }
        }
    }
    let missing: Vec<&str> =
        Column::ALL.iter().filter(|c| c.required() && !columns.iter().any(|(x, _)| x == *c)).map(|c| c.zh()).collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "第{header_line}行(表头)缺少「{}」列:表头应包含编号、标题、提出人、主办单位,可另加会办单位",
            missing.join("」「")
        )]);
    }
    let mut out = Vec::new();
    for (line, cells) in rows {
        let get = |c: Column| {
            columns.iter().find(|(x, _)| *x == c).and_then(|(_, i)| cells.get(*i)).map(text).unwrap_or_default()
        };
        let row = SheetRow {
            line,
            number: get(Column::Number),
            title: get(Column::Title),
            proposer: get(Column::Proposer),
            lead: get(Column::Lead),
            co_units: get(Column::CoUnits),
        };
        if Column::ALL.iter().all(|c| row.get(*c).is_empty()) {
            continue;
        }
        out.push(row);
        if out.len() > MAX_ROWS {
            return Err(vec![format!("一次最多导入{MAX_ROWS}件,文件中超过了这个数目;请分批导入")]);
        }
    }
    if out.is_empty() {
        return Err(vec![format!("第{header_line}行表头以下没有任何建议、提案")]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn book(rows: &[&[&str]]) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if let Ok(n) = v.parse::<f64>() {
                    ws.write_number(r as u32, c as u16, n).unwrap();
                } else {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap()
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
