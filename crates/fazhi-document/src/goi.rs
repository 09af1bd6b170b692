//! Tables 2, 3 and 4 of the 政府信息公开工作年度报告 in the layout of the template
//! of 国办公开办函〔2021〕30号 (LAW.md §2.5).
//!
//! - Table 2 (主动公开): four bands keyed to Art. 20 items (一), (五), (六), (八);
//!   every value says whether it was counted from records or entered by hand.
//! - Table 3 (依申请公开): three label columns (一/二/三/四, the groups （一）…（七）,
//!   the items 1. …), then 自然人, 法人或其他组织 with its five sub-columns, 总计.
//! - Table 4 (复议和诉讼): one row of 15 cells under 行政复议 and 行政诉讼 (未经复议直接起诉,
//!   复议后起诉), as the template prints it.

use serde::{Deserialize, Serialize};

use fazhi_core::procedure::goi_tables::{ReviewRoute, Table3, Table4, Table4Result, COLUMNS};
use fazhi_core::procedure::{ApplicantType, DisclosureOutcome, OutcomeGroup};

use crate::table::{Cell, FontSize, Table};

/// Where a value of table 2 comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "source")]
pub enum Source {
    /// Counted from the records of a register; `records` is the address of the list behind it.
    Counted { records: Option<String> },
    /// Entered by hand (no register holds the records yet).
    Entered,
}

/// A value of table 2 with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Entry<T> {
    /// A value counted from records, with the address of the list behind it.
    pub fn counted(value: T, records: Option<String>) -> Entry<T> {
        Entry { value, source: Source::Counted { records } }
    }

    /// A value entered by hand.
    pub fn entered(value: T) -> Entry<T> {
        Entry { value, source: Source::Entered }
    }

    /// Whether the value was entered by hand.
    pub fn is_entered(&self) -> bool {
        self.source == Source::Entered
    }
}

/// An amount of money in 分 (hundredths of a yuan), printed in 万元 as the template asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Amount {
    pub fen: u64,
}

impl Amount {
    /// The amount in 万元, exactly, without trailing zeros: 1,234,567 分 → `1.234567`.
    pub fn wan_yuan(self) -> String {
        let (whole, frac) = (self.fen / 1_000_000, self.fen % 1_000_000);
        if frac == 0 {
            return whole.to_string();
        }
        let frac = format!("{frac:06}");
        format!("{whole}.{}", frac.trim_end_matches('0'))
    }
}

/// 本年制发件数, 本年废止件数, 现行有效件数 of one kind of document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub made: Entry<u64>,
    pub repealed: Entry<u64>,
    pub in_force: Entry<u64>,
}

/// Table 2: 主动公开政府信息情况.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table2 {
    /// 第二十条第（一）项: 规章.
    pub rules: Issued,
    /// 第二十条第（一）项: 行政规范性文件.
    pub normative_documents: Issued,
    /// 第二十条第（五）项: 行政许可, 本年处理决定数量.
    pub licensing: Entry<u64>,
    /// 第二十条第（六）项: 行政处罚, 本年处理决定数量.
    pub penalties: Entry<u64>,
    /// 第二十条第（六）项: 行政强制, 本年处理决定数量.
    pub coercion: Entry<u64>,
    /// 第二十条第（八）项: 行政事业性收费, 本年收费金额.
    pub fees: Entry<Amount>,
}

impl Table2 {
    /// The values entered by hand, named as on the table (for review pages).
    pub fn entered(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, issued) in [("规章", &self.rules), ("行政规范性文件", &self.normative_documents)] {
            for (column, e) in
                [("本年制发件数", &issued.made), ("本年废止件数", &issued.repealed), ("现行有效件数", &issued.in_force)]
            {
                if e.is_entered() {
                    out.push(format!("{name}·{column}"));
                }
            }
        }
        for (name, e) in [("行政许可", &self.licensing), ("行政处罚", &self.penalties), ("行政强制", &self.coercion)]
        {
            if e.is_entered() {
                out.push(format!("{name}·本年处理决定数量"));
            }
        }
        if self.fees.is_entered() {
            out.push("行政事业性收费·本年收费金额".to_string());
        }
        out
    }
}

fn entry_cell(text: String, source: &Source) -> Cell {
    match source {
        Source::Counted { records } => Cell::figure(text, records.clone()),
        Source::Entered => Cell::text(text),
    }
}

fn count(e: &Entry<u64>) -> Cell {
    entry_cell(e.value.to_string(), &e.source)
}

/// Table 2 in the template's layout: four columns (信息内容 and three figures),
/// each Art. 20 item a band of its own.
pub fn table2(t: &Table2) -> Table {
    let band = |item: &str| vec![Cell::text(format!("第二十条第{item}项")).cols(4)];
    let single = |name: &str, e: Cell| vec![Cell::text(name), e.cols(3)];
    Table::new(vec![7, 5, 5, 5])
        .row(band("（一）"))
        .row(vec![
            Cell::text("信息内容"),
            Cell::text("本年制发件数"),
            Cell::text("本年废止件数"),
            Cell::text("现行有效件数"),
        ])
        .row(vec![Cell::text("规章"), count(&t.rules.made), count(&t.rules.repealed), count(&t.rules.in_force)])
        .row(vec![
            Cell::text("行政规范性文件"),
            count(&t.normative_documents.made),
            count(&t.normative_documents.repealed),
            count(&t.normative_documents.in_force),
        ])
        .row(band("（五）"))
        .row(single("信息内容", Cell::text("本年处理决定数量")))
        .row(single("行政许可", count(&t.licensing)))
        .row(band("（六）"))
        .row(single("信息内容", Cell::text("本年处理决定数量")))
        .row(single("行政处罚", count(&t.penalties)))
        .row(single("行政强制", count(&t.coercion)))
        .row(band("（八）"))
        .row(single("信息内容", Cell::text("本年收费金额（单位：万元）")))
        .row(single("行政事业性收费", entry_cell(t.fees.value.wan_yuan(), &t.fees.source)))
}

/// A line of table 3 with figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table3Line {
    /// 一、本年新收.
    NewRequests,
    /// 二、上年结转.
    CarriedIn,
    /// A result row of 三.
    Result(DisclosureOutcome),
    /// 三（七）总计.
    ResultsTotal,
    /// 四、结转下年度继续办理.
    CarriedOut,
}

/// The address of the records behind a cell of table 3: the line and the applicant
/// type (`None` for 总计).
pub type Table3Links<'a> = &'a dyn Fn(Table3Line, Option<ApplicantType>) -> Option<String>;

/// The address of the records behind a cell of table 4: the route and the result
/// (`None` for 总计).
pub type Table4Links<'a> = &'a dyn Fn(ReviewRoute, Option<Table4Result>) -> Option<String>;

fn figures3(line: Table3Line, values: &[u64; COLUMNS], links: Table3Links<'_>) -> Vec<Cell> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Cell::figure(v.to_string(), links(line, ApplicantType::ALL.get(i).copied())))
        .collect()
}

/// The groups of part 三 in print order, with their result rows.
fn result_groups() -> Vec<(OutcomeGroup, Vec<DisclosureOutcome>)> {
    let mut groups: Vec<(OutcomeGroup, Vec<DisclosureOutcome>)> = Vec::new();
    for o in DisclosureOutcome::ALL {
        match groups.last_mut() {
            Some((g, rows)) if *g == o.group() => rows.push(o),
            _ => groups.push((o.group(), vec![o])),
        }
    }
    groups
}

/// Table 3 in the template's layout, without links.
pub fn table3(t: &Table3) -> Table {
    table3_linked(t, &|_, _| None)
}

/// Table 3 in the template's layout, each figure linked to its records where
/// `links` gives an address.
pub fn table3_linked(t: &Table3, links: Table3Links<'_>) -> Table {
    let mut table = Table::new(vec![5, 8, 27, 6, 6, 6, 6, 6, 6, 6])
        .header_row(vec![
            Cell::text("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").cols(3).rows(3),
            Cell::text("申请人情况").cols(7),
        ])
        .header_row(vec![
            Cell::text("自然人").rows(2),
            Cell::text("法人或其他组织").cols(5),
            Cell::text("总计").rows(2),
        ]);
    table.header.push(ApplicantType::ALL[1..].iter().map(|a| Cell::text(a.zh())).collect());

    let line = |label: &str, line: Table3Line, values: &[u64; COLUMNS]| {
        let mut cells = vec![Cell::label(label).cols(3)];
        cells.extend(figures3(line, values, links));
        cells
    };
    table.body.push(line("一、本年新收政府信息公开申请数量", Table3Line::NewRequests, &t.new_requests));
    table.body.push(line("二、上年结转政府信息公开申请数量", Table3Line::CarriedIn, &t.carried_in));

    let groups = result_groups();
    // 三 spans every result row and （七）总计.
    let part3_rows = DisclosureOutcome::ALL.len() + 1;
    let mut first_of_part = true;
    for (group, outcomes) in &groups {
        for (i, o) in outcomes.iter().enumerate() {
            let mut cells = Vec::new();
            if first_of_part {
                cells.push(Cell::text("三、本年度办理结果").rows(part3_rows));
                first_of_part = false;
            }
            if o.item() == 0 {
                // （一）予以公开, （二）部分公开: no items, the heading spans both label columns.
                cells.push(Cell::label(group.zh()).cols(2));
            } else {
                if i == 0 {
                    cells.push(Cell::text(group.zh()).rows(outcomes.len()));
                }
                cells.push(Cell::label(format!("{}.{}", o.item(), o.label())));
            }
            cells.extend(figures3(Table3Line::Result(*o), &t.result(*o), links));
            table.body.push(cells);
        }
    }
    let mut total = vec![Cell::label("（七）总计").cols(2)];
    total.extend(figures3(Table3Line::ResultsTotal, &t.results_total(), links));
    table.body.push(total);
    table.body.push(line("四、结转下年度继续办理", Table3Line::CarriedOut, &t.carried_out));
    table
}

/// Table 4 in the template's layout, without links.
pub fn table4(t: &Table4) -> Table {
    table4_linked(t, &|_, _| None)
}

/// Table 4 as the template prints it: three header rows and one row of 15 cells,
/// each figure linked to its records where `links` gives an address.
pub fn table4_linked(t: &Table4, links: Table4Links<'_>) -> Table {
    const RESULTS: [Option<Table4Result>; 5] = [
        Some(Table4Result::Upheld),
        Some(Table4Result::Corrected),
        Some(Table4Result::Other),
        Some(Table4Result::Pending),
        None,
    ];
    let heading = |r: Option<Table4Result>| r.map_or("总计", Table4Result::zh);
    let mut table = Table::new(vec![1; 15])
        .font_size(FontSize::XIAO_WU)
        .header_row(vec![Cell::text("行政复议").cols(5), Cell::text("行政诉讼").cols(10)]);
    let mut second: Vec<Cell> = RESULTS.iter().map(|r| Cell::text(heading(*r)).rows(2)).collect();
    second.push(Cell::text("未经复议直接起诉").cols(5));
    second.push(Cell::text("复议后起诉").cols(5));
    table.header.push(second);
    table.header.push(RESULTS.iter().chain(&RESULTS).map(|r| Cell::text(heading(*r))).collect());
    let mut row = Vec::with_capacity(15);
    for route in [ReviewRoute::Reconsideration, ReviewRoute::DirectSuit, ReviewRoute::SuitAfterReconsideration] {
        for (value, result) in t.group(route).cells().iter().zip(RESULTS) {
            row.push(Cell::figure(value.to_string(), links(route, result)));
        }
    }
    table.body.push(row);
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Slot;

    #[test]
    fn amounts_print_in_wan_yuan_exactly() {
        assert_eq!(Amount { fen: 0 }.wan_yuan(), "0");
        assert_eq!(Amount { fen: 1_234_567 }.wan_yuan(), "1.234567");
        assert_eq!(Amount { fen: 25_000_000 }.wan_yuan(), "25");
        assert_eq!(Amount { fen: 150_000 }.wan_yuan(), "0.15");
    }

    #[test]
    fn table3_has_the_template_shape() {
        let mut t3 = Table3::empty(2025);
        t3.new_requests = [3, 1, 0, 0, 1, 0, 5];
        let t = table3(&t3);
        let g = t.grid().expect("table 3 fills its grid");
        assert_eq!(t.columns(), 10);
        assert_eq!(g.header_rows, 3);
        // 一, 二, 21 result rows, （七）总计, 四.
        assert_eq!(g.slots.len() - g.header_rows, 25);
        let first = g.header_rows;
        assert_eq!(g.origin(first, 0).map(Cell::plain_text).as_deref(), Some("一、本年新收政府信息公开申请数量"));
        assert_eq!(g.origin(first, 9).map(Cell::plain_text).as_deref(), Some("5"));
        // 三 spans the 22 lines of part 三.
        assert_eq!(g.origin(first + 2, 0).map(|c| c.row_span), Some(22));
        // （三）不予公开 spans its eight items.
        let withheld = first + 4;
        assert_eq!(g.origin(withheld, 1).map(Cell::plain_text).as_deref(), Some("（三）不予公开"));
        assert_eq!(g.origin(withheld, 1).map(|c| c.row_span), Some(8));
        assert_eq!(g.origin(withheld, 2).map(Cell::plain_text).as_deref(), Some("1.属于国家秘密"));
        assert_eq!(g.slots[withheld + 1][1], Slot::Covered { row: withheld, col: 1 });
        assert_eq!(g.origin(first + 24, 0).map(Cell::plain_text).as_deref(), Some("四、结转下年度继续办理"));
    }

    #[test]
    fn table4_is_one_row_of_fifteen() {
        let mut t4 = Table4::compute(2025, &[]);
        t4.reconsideration.upheld = 2;
        t4.reconsideration.total = 2;
        t4.suit_after_reconsideration.pending = 1;
        t4.suit_after_reconsideration.total = 1;
        let t = table4_linked(&t4, &|route, r| {
            (route == ReviewRoute::Reconsideration && r.is_none()).then(|| "/records/fy".to_string())
        });
        let g = t.grid().expect("table 4 fills its grid");
        assert_eq!(g.header_rows, 3);
        assert_eq!(t.body.len(), 1);
        assert_eq!(t.body[0].len(), 15);
        let values: Vec<String> = t.body[0].iter().map(Cell::plain_text).collect();
        assert_eq!(values, ["2", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "0", "0", "1", "1"]);
        assert!(matches!(&t.body[0][4].runs[0], crate::Run::Figure(f) if f.records == "/records/fy"));
        assert_eq!(g.origin(1, 5).map(Cell::plain_text).as_deref(), Some("未经复议直接起诉"));
        assert_eq!(g.origin(2, 14).map(Cell::plain_text).as_deref(), Some("总计"));
    }

    #[test]
    fn table2_marks_entered_values() {
        let n = |v| Entry::counted(v, Some(format!("/records/{v}")));
        let t2 = Table2 {
            rules: Issued { made: n(1), repealed: n(0), in_force: n(12) },
            normative_documents: Issued { made: n(5), repealed: Entry::entered(2), in_force: n(40) },
            licensing: Entry::entered(1200),
            penalties: n(300),
            coercion: n(4),
            fees: Entry::entered(Amount { fen: 1_250_000 }),
        };
        assert_eq!(
            t2.entered(),
            ["行政规范性文件·本年废止件数", "行政许可·本年处理决定数量", "行政事业性收费·本年收费金额"]
        );
        let t = table2(&t2);
        t.grid().expect("table 2 fills its grid");
        assert_eq!(t.body[13][1].plain_text(), "1.25");
    }
}
