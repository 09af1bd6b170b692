//! Tables with multi-row headers and merged cells.
//!
//! Rows list the cells that *start* in them, as in HTML: a cell spanning two
//! rows is written once, in its first row, and the row below lists only the
//! cells beside it. [`Table::grid`] places every cell on the column grid and
//! refuses tables whose cells overlap, overflow or leave holes.

use serde::{Deserialize, Serialize};

use crate::model::{plain_text, DocumentError, Figure, Run};

/// A font size in half-points, as OOXML counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FontSize(pub u32);

impl FontSize {
    /// 二号, 22 pt.
    pub const ER_HAO: FontSize = FontSize(44);
    /// 三号, 16 pt.
    pub const SAN_HAO: FontSize = FontSize(32);
    /// 四号, 14 pt.
    pub const SI_HAO: FontSize = FontSize(28);
    /// 小四, 12 pt.
    pub const XIAO_SI: FontSize = FontSize(24);
    /// 五号, 10.5 pt.
    pub const WU_HAO: FontSize = FontSize(21);
    /// 小五, 9 pt.
    pub const XIAO_WU: FontSize = FontSize(18);

    /// The size in points.
    pub fn points(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

/// Horizontal alignment of a cell's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    #[default]
    Center,
    Right,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub runs: Vec<Run>,
    /// Columns covered, at least 1.
    pub col_span: usize,
    /// Rows covered, at least 1; a header cell's rows stay in the header, a body cell's in the body.
    pub row_span: usize,
    pub align: Align,
}

/// A table: relative column widths, header rows (repeated on every page), body rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// A caption printed above the table (e.g. `表1 ……`); none for the GOI tables,
    /// whose section heading names them.
    pub caption: Option<String>,
    /// Relative column widths; their number is the number of columns.
    pub widths: Vec<u32>,
    pub header: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
    /// The size of the text in the cells.
    pub font_size: FontSize,
}

/// Where a grid position stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The top-left position of a cell.
    Origin(&'a Cell),
    /// A position covered by the cell whose origin is at (`row`, `col`).
    Covered { row: usize, col: usize },
}

/// A table's cells placed on its grid: header rows first, then body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid<'a> {
    pub slots: Vec<Vec<Slot<'a>>>,
    pub header_rows: usize,
}

impl<'a> Grid<'a> {
    /// The cell whose origin is at (`row`, `col`).
    pub fn origin(&self, row: usize, col: usize) -> Option<&'a Cell> {
        match self.slots.get(row)?.get(col)? {
            Slot::Origin(c) => Some(c),
            Slot::Covered { .. } => None,
        }
    }
}

impl Cell {
    /// A centred cell of plain text.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { runs: vec![Run::Text(text.into())], col_span: 1, row_span: 1, align: Align::Center }
    }

    /// A left-aligned row heading.
    pub fn label(text: impl Into<String>) -> Cell {
        Cell::text(text).align(Align::Left)
    }

    /// A figure linked to its records (plain text when `records` is `None`).
    pub fn figure(text: impl Into<String>, records: Option<String>) -> Cell {
        let text = text.into();
        let run = match records {
            Some(records) => Run::Figure(Figure { text, records }),
            None => Run::Text(text),
        };
        Cell { runs: vec![run], col_span: 1, row_span: 1, align: Align::Center }
    }

    /// Spans `cols` columns.
    pub fn cols(mut self, cols: usize) -> Cell {
        self.col_span = cols;
        self
    }

    /// Spans `rows` rows.
    pub fn rows(mut self, rows: usize) -> Cell {
        self.row_span = rows;
        self
    }

    /// Sets the alignment.
    pub fn align(mut self, align: Align) -> Cell {
        self.align = align;
        self
    }

    /// The text without links.
    pub fn plain_text(&self) -> String {
        plain_text(&self.runs)
    }
}

impl Table {
    /// A table with these relative column widths and no rows, in 五号.
    pub fn new(widths: Vec<u32>) -> Table {
        Table { caption: None, widths, header: Vec::new(), body: Vec::new(), font_size: FontSize::WU_HAO }
    }

    /// Sets the caption.
    pub fn caption(mut self, caption: impl Into<String>) -> Table {
        self.caption = Some(caption.into());
        self
    }

    /// Sets the font size.
    pub fn font_size(mut self, size: FontSize) -> Table {
        self.font_size = size;
        self
    }

    /// Appends a header row.
    pub fn header_row(mut self, cells: Vec<Cell>) -> Table {
        self.header.push(cells);
        self
    }

    /// Appends a body row.
    pub fn row(mut self, cells: Vec<Cell>) -> Table {
        self.body.push(cells);
        self
    }

    /// The number of columns.
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// A name for messages: the caption, else the first header cell.
    fn name(&self) -> String {
        if let Some(c) = &self.caption {
            return c.clone();
        }
        self.header.first().or(self.body.first()).and_then(|r| r.first()).map(Cell::plain_text).unwrap_or_default()
    }

    /// Places the cells on the grid, or says in Chinese what is wrong.
    pub fn grid(&self) -> Result<Grid<'_>, DocumentError> {
        let err = |reason: String| DocumentError::Table { table: self.name(), reason };
        let cols = self.columns();
        if cols == 0 || self.widths.contains(&0) {
            return Err(err("列宽必须为正数且至少有一列".into()));
        }
        let rows: Vec<&Vec<Cell>> = self.header.iter().chain(&self.body).collect();
        if rows.is_empty() {
            return Err(err("表格没有任何行".into()));
        }
        let header_rows = self.header.len();
        let mut slots: Vec<Vec<Option<Slot<'_>>>> = vec![vec![None; cols]; rows.len()];
        for (r, row) in rows.iter().enumerate() {
            let (part, first, end) =
                if r < header_rows { ("表头", 0, header_rows) } else { ("表体", header_rows, rows.len()) };
            let line = r - first + 1;
            let mut c = 0;
            for cell in row.iter() {
                while c < cols && slots[r][c].is_some() {
                    c += 1;
                }
                let text = cell.plain_text();
                if cell.col_span == 0 || cell.row_span == 0 {
                    return Err(err(format!("{part}第{line}行的单元格“{text}”跨行数或跨列数为0")));
                }
                if c + cell.col_span > cols {
                    return Err(err(format!("{part}第{line}行的单元格“{text}”超出了表格的{cols}列")));
                }
                if r + cell.row_span > end {
                    return Err(err(format!("{part}第{line}行的单元格“{text}”向下合并超出了{part}")));
                }
                for (rr, slot_row) in slots.iter_mut().enumerate().skip(r).take(cell.row_span) {
                    for (cc, slot) in slot_row.iter_mut().enumerate().skip(c).take(cell.col_span) {
                        if slot.is_some() {
                            return Err(err(format!("{part}第{line}行的单元格“{text}”与上方合并的单元格重叠")));
                        }
                        *slot = Some(if (rr, cc) == (r, c) {
                            Slot::Origin(cell)
                        } else {
                            Slot::Covered { row: r, col: c }
                        });
                    }
                }
                c += cell.col_span;
            }
            if slots[r].iter().any(Option::is_none) {
                let filled = slots[r].iter().filter(|s| s.is_some()).count();
                return Err(err(format!("{part}第{line}行只有{filled}列，应为{cols}列")));
            }
        }
        let slots = slots.into_iter().map(|row| row.into_iter().flatten().collect()).collect();
        Ok(Grid { slots, header_rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_level() -> Table {
        Table::new(vec![2, 1, 1, 1])
            .header_row(vec![Cell::text("项目").rows(2), Cell::text("组").cols(2), Cell::text("合计").rows(2)])
            .header_row(vec![Cell::text("甲"), Cell::text("乙")])
            .row(vec![Cell::label("一"), Cell::text("1"), Cell::text("2"), Cell::text("3")])
    }

    #[test]
    fn spans_are_placed() {
        let t = two_level();
        let g = t.grid().expect("grid");
        assert_eq!(g.header_rows, 2);
        assert_eq!(g.slots[1][0], Slot::Covered { row: 0, col: 0 });
        assert_eq!(g.slots[0][2], Slot::Covered { row: 0, col: 1 });
        assert_eq!(g.origin(1, 1).map(Cell::plain_text).as_deref(), Some("甲"));
        assert_eq!(g.origin(1, 2).map(Cell::plain_text).as_deref(), Some("乙"));
        assert_eq!(g.slots[1][3], Slot::Covered { row: 0, col: 3 });
    }

    #[test]
    fn holes_overflow_and_escaping_spans_are_refused() {
        let short = two_level().row(vec![Cell::label("二"), Cell::text("1")]);
        let e = short.grid().expect_err("short row").to_string();
        assert!(e.contains("表体第2行只有2列，应为4列"), "{e}");

        let wide = two_level().row(vec![Cell::label("二").cols(5)]);
        assert!(wide.grid().expect_err("too wide").to_string().contains("超出了表格的4列"));

        let down = Table::new(vec![1, 1])
            .header_row(vec![Cell::text("甲").rows(2), Cell::text("乙")])
            .row(vec![Cell::text("1"), Cell::text("2")]);
        assert!(down.grid().expect_err("header span into body").to_string().contains("向下合并超出了表头"));

        let empty = Table::new(vec![1, 1]).caption("表3");
        assert_eq!(empty.grid().expect_err("no rows").to_string(), "表格“表3”：表格没有任何行");
    }
}
