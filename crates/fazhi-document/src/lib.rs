//! `fazhi-document`: official documents (公文) and their exporters.
//!
//! Pure: no storage and no I/O beyond writing bytes into a `Vec` or a `Write`.
//!
//! - [`Document`]: title, issuing body, date, optional document number and a tree of
//!   numbered [`Section`]s (一、 / （一） / 1. / （1）) holding [`Paragraph`]s, made of
//!   text and [`Figure`]s (a figure carries the address of the records behind it),
//!   and [`Table`]s with multi-row headers and merged cells.
//! - [`to_docx`]: a .docx laid out per GB/T 9704-2012 (A4, the standard's margins and
//!   type area, 22 lines of 28 characters, 小标宋/仿宋/黑体/楷体, page numbers
//!   `— 1 —` outside on odd and even pages).
//! - [`to_html`]: a standalone page, zh-CN, no JavaScript, print CSS, figures as links.
//! - [`to_markdown`]: CommonMark with pipe tables; merged headers are flattened.
//! - [`goi`]: tables 2, 3 and 4 of the 政府信息公开工作年度报告 in the template's layout.
//!
//! # Why the .docx is written by hand
//!
//! `docx-rs` (0.4.22) was evaluated first. It expresses the page, the margins,
//! `w:docGrid` (with `charSpace`), even footers (it sets `w:evenAndOddHeaders`
//! itself), character-counted indents and merged cells, but it cannot mark a
//! table row as a header row repeated on each page (`w:tblHeader`), which the
//! GOI tables need when they run over a page, nor set the paragraph defaults
//! that LibreOffice needs (see below). It would also bring a second
//! major version of `zip` and of `quick-xml` into the workspace, plus `image`
//! unless its default feature is turned off, and it writes parts of its own
//! (numbering, comments, theme defaults) that we would have to override to keep
//! the standard's styles clean. A .docx for an official report is eleven small
//! XML parts of fixed shape; writing them with the workspace's `zip` and a
//! forty-line escaping writer keeps every element under our control and testable.
//!
//! # Checking the layout
//!
//! ```text
//! cargo run -p fazhi-document --example sample -- report.docx        # or --goi goi.docx
//! soffice --headless --convert-to pdf report.docx
//! pdftoppm -r 60 -png report.pdf page
//! ```
//!
//! Two settings are there for LibreOffice (what a server or a Linux desk opens the
//! file with, and what the layout was checked in): the 28 characters a line come from a line grid plus −0.25 pt
//! tracking rather than a character grid (LibreOffice gives each 16 pt
//! character two cells of a 15.79 pt grid: 14 characters a line), and
//! `w:overflowPunct` is written out (without it LibreOffice hangs a line-final 。
//! in justified text and loses it). See [`geometry::TRACKING`].

mod docx;
pub mod goi;
mod html;
mod markdown;
mod model;
mod table;

pub use docx::{fonts, geometry, to_docx, write_docx, ExportError};
pub use html::{escape as escape_html, to_html};
pub use markdown::to_markdown;
pub use model::{
    chinese_number, date_zh, heading_number, is_safe_link, plain_text, Block, Blocks, Document, DocumentError, Figure,
    Paragraph, Part, Run, Section, MAX_LEVEL,
};
pub use table::{Align, Cell, FontSize, Grid, Slot, Table};
