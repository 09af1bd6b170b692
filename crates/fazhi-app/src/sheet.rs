//! Reading a list handed over as a spreadsheet: the first sheet of an .xlsx
//! file, a header row naming the columns (in any order, under any of their
//! usual names), one record a row. Every import of fazhi (the proposals of a
//! session, a year's activities) declares its columns as a [`Spec`] and gets
//! the rows as typed text; what a row means is the caller's business. Every
//! problem is reported in Chinese with the row number as the spreadsheet shows
//! it and the column's name.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// The largest upload taken (bytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// What the parts of the file may add up to once unpacked (a defence against
/// a small file that unpacks into gigabytes).
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A column: the name messages use, the headers it is known by, and whether
/// the file must have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub zh: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// What an import reads.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The columns, in the order [`Row::cells`] holds them.
    pub columns: &'static [ColumnSpec],
    /// What a row is, for messages ("建议、提案", "活动").
    pub what: &'static str,
    /// The most rows one file may hold.
    pub max_rows: usize,
}

/// One row as typed: the trimmed text of each column of the spec, in its order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The row number as the spreadsheet shows it.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The text of the spec's column `i`.
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }
}

/// A cell as text: whole numbers without a decimal point, dates as `YYYY-MM-DD`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => t.date().format("%Y-%m-%d").to_string(),
            None => d.to_string(),
        },
        other => other.to_string().trim().to_owned(),
    }
}

/// Refuses what is not a plain .xlsx or unpacks into too much.
fn check_package(bytes: &[u8], spec: &Spec) -> Result<(), String> {
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
            "文件解压后超过{}MB,不能导入;请只保留{}清单一张工作表",
            MAX_UNPACKED / 1024 / 1024,
            spec.what
        ));
    }
    Ok(())
}

/// Reads the rows of the first sheet. `Err` lists every problem found.
pub fn read(bytes: &[u8], spec: &Spec) -> Result<Vec<Row>, Vec<String>> {
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
    check_package(bytes, spec).map_err(|e| vec![e])?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| vec!["无法读取上传的文件:请上传 Excel 2007 及以上版本的 .xlsx 文件".to_owned()])?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(vec!["文件中没有可读取的工作表".to_owned()]),
    };
    let names = || spec.columns.iter().map(|c| c.zh).collect::<Vec<_>>().join("、");
    let first_line = range.start().map(|(r, _)| r as usize + 1).unwrap_or(1);
    let mut rows = range.rows().enumerate().map(|(i, cells)| (first_line + i, cells));
    // The header: the first row with anything in it.
    let Some((header_line, header)) = rows.by_ref().find(|(_, cells)| cells.iter().any(|c| !text(c).is_empty())) else {
        return Err(vec![format!("文件是空的:第一行应为表头({}),其下每行一件", names())]);
    };
    // Where each column of the spec is in the file.
    let mut at: Vec<Option<usize>> = vec![None; spec.columns.len()];
    for (i, cell) in header.iter().enumerate() {
        let h: String = text(cell).chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(c) = spec.columns.iter().position(|c| c.aliases.contains(&h.as_str()) || c.zh == h) {
            at[c].get_or_insert(i);
        }
    }
    let missing: Vec<&str> =
        spec.columns.iter().zip(&at).filter(|(c, i)| c.required && i.is_none()).map(|(c, _)| c.zh).collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "第{header_line}行(表头)缺少「{}」列:表头应包含{}",
            missing.join("」「"),
            spec.columns.iter().filter(|c| c.required).map(|c| c.zh).collect::<Vec<_>>().join("、")
        )]);
    }
    let mut out = Vec::new();
    for (line, cells) in rows {
        let row = Row {
            line,
            cells: at.iter().map(|i| i.and_then(|i| cells.get(i)).map(text).unwrap_or_default()).collect(),
        };
        if row.cells.iter().all(String::is_empty) {
            continue;
        }
        out.push(row);
        if out.len() > spec.max_rows {
            return Err(vec![format!("一次最多导入{}件,文件中超过了这个数目;请分批导入", spec.max_rows)]);
        }
    }
    if out.is_empty() {
        return Err(vec![format!("第{header_line}行表头以下没有任何{}", spec.what)]);
    }
    Ok(out)
}

/// An .xlsx of `rows` (strings; numbers written as numbers), for tests and
/// for the import templates a page offers.
pub fn workbook(rows: &[&[&str]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match v.parse::<f64>() {
                Ok(n) if !v.starts_with('0') || *v == "0" => ws.write_number(r, c, n)?,
                _ => ws.write_string(r, c, *v)?,
            };
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const SPEC: Spec = Spec {
        columns: &[
            ColumnSpec { zh: "日期", aliases: &["举办日期"], required: true },
            ColumnSpec { zh: "主题", aliases: &["题目"], required: true },
            ColumnSpec { zh: "备注", aliases: &[], required: false },
        ],
        what: "活动",
        max_rows: 3,
    };

    #[test]
    fn columns_are_found_by_any_of_their_names_and_empty_rows_skipped() {
        let bytes = workbook(&[
            &["题目", "备注", "举办日期"],
            &["宪法学习", "", "2025-03-01"],
            &["", "", ""],
            &["民法典", "x", "2025-04-01"],
        ])
        .unwrap();
        let rows = read(&bytes, &SPEC).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].get(0), rows[0].get(1)), (2, "2025-03-01", "宪法学习"));
        assert_eq!((rows[1].line, rows[1].get(2)), (4, "x"));
    }

    #[test]
    fn bad_files_are_named() {
        assert!(read(b"not a spreadsheet", &SPEC).unwrap_err()[0].contains(".xlsx"));
        assert!(read(&[], &SPEC).unwrap_err()[0].contains("请选择"));
        let e = read(&workbook(&[&["备注"], &["x"]]).unwrap(), &SPEC).unwrap_err();
        assert!(e[0].contains("第1行") && e[0].contains("「日期」「主题」"), "{e:?}");
        assert!(read(&workbook(&[&["日期", "主题"]]).unwrap(), &SPEC).unwrap_err()[0].contains("没有任何活动"));
        let many = workbook(&[&["日期", "主题"], &["1", "a"], &["2", "b"], &["3", "c"], &["4", "d"]]).unwrap();
        assert!(read(&many, &SPEC).unwrap_err()[0].contains("一次最多导入3件"));
        assert!(read(&vec![b'x'; MAX_BYTES + 1], &SPEC).unwrap_err()[0].contains("文件过大"));
    }
}
