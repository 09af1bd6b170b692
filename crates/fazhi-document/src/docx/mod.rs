//! The .docx exporter, laid out per GB/T 9704-2012 (党政机关公文格式).
//!
//! The package is written directly (ZIP + WordprocessingML) rather than through a
//! docx crate: the layout needs the header-row repeat of tables (`w:tblHeader`),
//! the line grid (`w:docGrid`), even/odd footers with a PAGE field, indents
//! counted in characters and a few paragraph settings for LibreOffice, and the
//! parts are few and fixed in shape. See the crate documentation for the
//! comparison with `docx-rs`.

mod xml;

use std::io::{Cursor, Seek, Write};

use thiserror::Error;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::model::{signature_indents, Block, Document, DocumentError, Paragraph, Run};
use crate::table::{Align, Slot, Table};
use xml::Xml;

/// Page and type area of GB/T 9704-2012, in twentieths of a point (twips).
pub mod geometry {
    /// Millimetres to twips (1 mm = 1440 / 25.4 twips), rounded.
    pub const fn mm(tenths_of_mm: u32) -> u32 {
        (tenths_of_mm * 1440 + 127) / 254
    }

    /// A4: 210 mm.
    pub const PAGE_WIDTH: u32 = mm(2100);
    /// A4: 297 mm.
    pub const PAGE_HEIGHT: u32 = mm(2970);
    /// 天头 (top margin): 37 mm.
    pub const MARGIN_TOP: u32 = mm(370);
    /// 订口 (left margin): 28 mm.
    pub const MARGIN_LEFT: u32 = mm(280);
    /// Right margin: 210 − 28 − 156 = 26 mm.
    pub const MARGIN_RIGHT: u32 = mm(260);
    /// Bottom margin: 297 − 37 − 225 = 35 mm.
    pub const MARGIN_BOTTOM: u32 = mm(350);
    /// 版心 width: 156 mm.
    pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    /// 版心 height: 225 mm.
    pub const TEXT_HEIGHT: u32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
    /// Lines per page.
    pub const LINES: u32 = 22;
    /// Characters per line.
    pub const CHARS: u32 = 28;
    /// Line pitch: 28.95 pt, so that 22 lines fill the 225 mm type area (23 do not fit).
    pub const LINE_PITCH: u32 = 579;
    /// The body's font size in half-points (三号, 16 pt).
    pub const BODY_SIZE: u32 = 32;
    /// Tracking of all text, in twentieths of a point: −0.25 pt, so that a character of
    /// 三号 advances 15.75 pt and 28 of them fit the 156 mm (442.2 pt) line, 29 not.
    ///
    /// A character grid (`w:docGrid w:type="linesAndChars" w:charSpace="-842"`, the
    /// 15.79 pt pitch Word templates use) was tried first: Word fits each character
    /// to the pitch, but LibreOffice gives every character wider than its cell two
    /// cells, and any negative `charSpace` printed 14 characters a line. The line
    /// grid with tracking gives 28 in both.
    pub const TRACKING: i32 = -5;
    /// The footer's distance from the page's bottom edge: the dashes of the page
    /// number (in the middle of a 14 pt line) sit 7 mm below the type area, 35 − 7 = 28 mm
    /// from the bottom edge, about 3 mm above the footer's bottom (measured in
    /// LibreOffice's PDF).
    pub const FOOTER: u32 = mm(250);
    /// The header's distance from the top edge (no header is printed).
    pub const HEADER: u32 = mm(150);
    // 22 lines fit the type area, 23 do not.
    const _: () = assert!(LINES * LINE_PITCH <= TEXT_HEIGHT && (LINES + 1) * LINE_PITCH > TEXT_HEIGHT);

    /// The advance of one character of body text, in twips: 16 pt less the tracking.
    pub const CHAR_WIDTH: u32 = (BODY_SIZE as i32 * 10 + TRACKING) as u32;
}

/// The fonts GB/T 9704-2012 names, with what a machine without them should use.
pub mod fonts {
    /// 小标宋 for the title.
    pub const TITLE: &str = "方正小标宋简体";
    /// 仿宋 for the body.
    pub const BODY: &str = "仿宋_GB2312";
    /// 黑体 for level-1 headings.
    pub const HEADING1: &str = "黑体";
    /// 楷体 for level-2 headings.
    pub const HEADING2: &str = "楷体_GB2312";
    /// 宋体 for page numbers.
    pub const PAGE_NUMBER: &str = "宋体";

    /// Each font with its alternative name and family for substitution (`w:altName`).
    pub(crate) const TABLE: [(&str, &str, &str); 5] = [
        (TITLE, "宋体", "roman"),
        (BODY, "仿宋", "modern"),
        (HEADING1, "SimHei", "modern"),
        (HEADING2, "楷体", "modern"),
        (PAGE_NUMBER, "SimSun", "auto"),
    ];
}

/// A document that could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error("写入文档失败：{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("写入文档失败：{0}")]
    Io(#[from] std::io::Error),
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML_CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The document as a .docx file.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    Ok(write_docx(doc, Cursor::new(Vec::new()))?.into_inner())
}

/// Writes the document as a .docx file into `out` and returns it.
pub fn write_docx<W: Write + Seek>(doc: &Document, out: W) -> Result<W, ExportError> {
    let blocks = doc.blocks()?;
    let blocks: Vec<Block<'_>> = blocks.iter().collect();
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(doc)),
        ("docProps/app.xml", app_properties()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(doc, &blocks)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/footer1.xml", footer(true)),
        ("word/footer2.xml", footer(false)),
    ];
    let mut zip = ZipWriter::new(out);
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in &parts {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?)
}

fn content_types() -> String {
    let mut x = Xml::new();
    x.open("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")]);
    x.empty(
        "Default",
        &[("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")],
    );
    x.empty("Default", &[("Extension", "xml"), ("ContentType", "application/xml")]);
    let overrides = [
        ("/word/document.xml", format!("{WML_CT}.document.main+xml")),
        ("/word/styles.xml", format!("{WML_CT}.styles+xml")),
        ("/word/settings.xml", format!("{WML_CT}.settings+xml")),
        ("/word/fontTable.xml", format!("{WML_CT}.fontTable+xml")),
        ("/word/footer1.xml", format!("{WML_CT}.footer+xml")),
        ("/word/footer2.xml", format!("{WML_CT}.footer+xml")),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".to_string()),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string()),
    ];
    for (part, ct) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", ct)]);
    }
    x.close("Types");
    x.finish()
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    for (id, kind, target) in rels {
        x.empty("Relationship", &[("Id", id), ("Type", kind), ("Target", target)]);
    }
    x.close("Relationships");
    x.finish()
}

fn package_rels() -> String {
    relationships(&[
        ("rId1", &format!("{OFFICE_REL}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rId3", &format!("{OFFICE_REL}/extended-properties"), "docProps/app.xml"),
    ])
}

fn document_rels() -> String {
    relationships(&[
        ("rId1", &format!("{OFFICE_REL}/styles"), "styles.xml"),
        ("rId2", &format!("{OFFICE_REL}/settings"), "settings.xml"),
        ("rId3", &format!("{OFFICE_REL}/fontTable"), "fontTable.xml"),
        ("rId4", &format!("{OFFICE_REL}/footer"), "footer1.xml"),
        ("rId5", &format!("{OFFICE_REL}/footer"), "footer2.xml"),
    ])
}

fn core_properties(doc: &Document) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.element("dc:title", &[], &doc.title.replace('\n', ""));
    x.element("dc:creator", &[], &doc.issuer);
    x.element("dc:language", &[], "zh-CN");
    let created = format!("{}T00:00:00Z", doc.date.format("%Y-%m-%d"));
    x.element("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &created);
    x.close("cp:coreProperties");
    x.finish()
}

fn app_properties() -> String {
    let mut x = Xml::new();
    x.open("Properties", &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")]);
    x.element("Application", &[], "fazhi");
    x.close("Properties");
    x.finish()
}

fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.val("w:defaultTabStop", "420");
    // Odd pages take the default footer, even pages the even one.
    x.empty("w:evenAndOddHeaders", &[]);
    // Punctuation keeps its full width, so that no line holds more than 28 characters.
    x.val("w:characterSpacingControl", "doNotCompress");
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[("w:name", "compatibilityMode"), ("w:uri", "http://schemas.microsoft.com/office/word"), ("w:val", "15")],
    );
    x.close("w:compat");
    x.close("w:settings");
    x.finish()
}

fn font_table() -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W_NS)]);
    for (name, alt, family) in fonts::TABLE {
        x.open("w:font", &[("w:name", name)]);
        x.val("w:altName", alt);
        // 86: the GB2312 character set.
        x.val("w:charset", "86");
        x.val("w:family", family);
        x.val("w:pitch", "variable");
        x.close("w:font");
    }
    x.close("w:fonts");
    x.finish()
}

/// `w:rFonts` naming one font for every script, East Asian first.
fn fonts(x: &mut Xml, font: &str) {
    x.empty(
        "w:rFonts",
        &[("w:ascii", font), ("w:eastAsia", font), ("w:hAnsi", font), ("w:cs", font), ("w:hint", "eastAsia")],
    );
}

fn size(x: &mut Xml, half_points: u32) {
    let v = half_points.to_string();
    x.val("w:sz", &v).val("w:szCs", &v);
}

/// No first-line indent (overriding the body's two characters).
fn no_indent(x: &mut Xml) {
    x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
}

struct StyleDef<'a> {
    id: &'a str,
    name: &'a str,
    outline: Option<&'a str>,
    keep_next: bool,
    grid: bool,
    /// Attributes of `w:spacing` replacing the body's exact line spacing.
    spacing: &'a [(&'a str, &'a str)],
    indent: bool,
    jc: Option<&'a str>,
    font: &'a str,
    size: Option<u32>,
    bold: bool,
}

const BASE: StyleDef<'static> = StyleDef {
    id: "",
    name: "",
    outline: None,
    keep_next: false,
    grid: true,
    spacing: &[],
    indent: true,
    jc: None,
    font: fonts::BODY,
    size: None,
    bold: false,
};

fn style(x: &mut Xml, s: &StyleDef<'_>) {
    x.open("w:style", &[("w:type", "paragraph"), ("w:styleId", s.id)]);
    x.val("w:name", s.name);
    x.val("w:basedOn", "Normal");
    x.val("w:next", "Normal");
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    if s.keep_next {
        x.empty("w:keepNext", &[]);
    }
    if !s.grid {
        x.val("w:snapToGrid", "0");
    }
    if !s.spacing.is_empty() {
        x.empty("w:spacing", s.spacing);
    }
    if !s.indent {
        no_indent(x);
    }
    if let Some(jc) = s.jc {
        x.val("w:jc", jc);
    }
    if let Some(level) = s.outline {
        x.val("w:outlineLvl", level);
    }
    x.close("w:pPr");
    x.open("w:rPr", &[]);
    fonts(x, s.font);
    if s.bold {
        x.empty("w:b", &[]).empty("w:bCs", &[]);
    }
    if let Some(sz) = s.size {
        size(x, sz);
    }
    x.close("w:rPr");
    x.close("w:style");
}

fn styles() -> String {
    use geometry::*;
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W_NS)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]).open("w:rPr", &[]);
    fonts(&mut x, fonts::BODY);
    // 28 characters a line (see `TRACKING`).
    x.val("w:spacing", &TRACKING.to_string());
    x.val("w:kern", "2");
    size(&mut x, BODY_SIZE);
    x.empty("w:lang", &[("w:val", "en-US"), ("w:eastAsia", "zh-CN"), ("w:bidi", "ar-SA")]);
    x.close("w:rPr").close("w:rPrDefault");
    x.open("w:pPrDefault", &[]).open("w:pPr", &[]);
    x.val("w:widowControl", "0");
    // Written out although it is Word's default: LibreOffice reads "1" as "no hanging
    // punctuation" and, without it, hangs a line-final 。 in justified text and loses it.
    // Word hangs the 。 into the margin as usual.
    x.val("w:overflowPunct", "1");
    // No extra space between Chinese and Latin text or digits (2025年, not 2025 年).
    x.val("w:autoSpaceDE", "0");
    x.val("w:autoSpaceDN", "0");
    x.empty(
        "w:spacing",
        &[("w:before", "0"), ("w:after", "0"), ("w:line", &LINE_PITCH.to_string()), ("w:lineRule", "exact")],
    );
    x.val("w:jc", "both");
    x.close("w:pPr").close("w:pPrDefault");
    x.close("w:docDefaults");

    // Body text: 仿宋 三号, first line indented by two characters.
    x.open("w:style", &[("w:type", "paragraph"), ("w:default", "1"), ("w:styleId", "Normal")]);
    x.val("w:name", "Normal").empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:ind", &[("w:firstLineChars", "200"), ("w:firstLine", &(2 * CHAR_WIDTH).to_string())]);
    x.close("w:pPr");
    x.open("w:rPr", &[]);
    fonts(&mut x, fonts::BODY);
    size(&mut x, BODY_SIZE);
    x.close("w:rPr");
    x.close("w:style");
    x.open("w:style", &[("w:type", "character"), ("w:default", "1"), ("w:styleId", "DefaultParagraphFont")]);
    x.val("w:name", "Default Paragraph Font").empty("w:semiHidden", &[]);
    x.close("w:style");
    x.open("w:style", &[("w:type", "table"), ("w:default", "1"), ("w:styleId", "TableNormal")]);
    x.val("w:name", "Normal Table").empty("w:semiHidden", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    cell_margins(&mut x);
    x.close("w:tblPr");
    x.close("w:style");

    let defs = [
        // Title: 小标宋 二号, centred.
        // Off the line grid, which would give each 22 pt line two grid lines.
        StyleDef {
            id: "Title",
            name: "Title",
            grid: false,
            indent: false,
            jc: Some("center"),
            font: fonts::TITLE,
            size: Some(44),
            ..BASE
        },
        StyleDef { id: "DocNumber", name: "Document Number", indent: false, jc: Some("center"), ..BASE },
        // Headings: 一、黑体; （一）楷体; 1. 仿宋 bold; （1）仿宋.
        StyleDef {
            id: "Heading1",
            name: "heading 1",
            outline: Some("0"),
            keep_next: true,
            font: fonts::HEADING1,
            ..BASE
        },
        StyleDef {
            id: "Heading2",
            name: "heading 2",
            outline: Some("1"),
            keep_next: true,
            font: fonts::HEADING2,
            ..BASE
        },
        StyleDef { id: "Heading3", name: "heading 3", outline: Some("2"), keep_next: true, bold: true, ..BASE },
        StyleDef { id: "Heading4", name: "heading 4", outline: Some("3"), keep_next: true, ..BASE },
        StyleDef { id: "Signature", name: "Signature", indent: false, jc: Some("right"), ..BASE },
        StyleDef {
            id: "TableCaption",
            name: "caption",
            keep_next: true,
            indent: false,
            jc: Some("center"),
            bold: true,
            ..BASE
        },
        StyleDef {
            id: "TableText",
            name: "Table Text",
            grid: false,
            // 1.2 lines and a little air above and below, so that the text keeps clear of the rules.
            spacing: &[("w:before", "30"), ("w:after", "30"), ("w:line", "288"), ("w:lineRule", "auto")],
            indent: false,
            jc: Some("center"),
            size: Some(21),
            ..BASE
        },
        // Page numbers: 四号 半角宋体.
        StyleDef {
            id: "Footer",
            name: "footer",
            grid: false,
            spacing: &[("w:line", "240"), ("w:lineRule", "auto")],
            indent: false,
            font: fonts::PAGE_NUMBER,
            size: Some(28),
            ..BASE
        },
    ];
    for d in &defs {
        style(&mut x, d);
    }
    x.close("w:styles");
    x.finish()
}

fn cell_margins(x: &mut Xml) {
    x.open("w:tblCellMar", &[]);
    x.empty("w:left", &[("w:w", "57"), ("w:type", "dxa")]);
    x.empty("w:right", &[("w:w", "57"), ("w:type", "dxa")]);
    x.close("w:tblCellMar");
}

/// The page number: `— 1 —`, on odd pages at the right and on even pages at the
/// left, one character in from the edge of the type area.
fn footer(odd: bool) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.val("w:pStyle", "Footer");
    let one_char = "280"; // 四号 = 14 pt
    if odd {
        x.empty("w:ind", &[("w:right", one_char), ("w:rightChars", "100"), ("w:firstLine", "0")]);
        x.val("w:jc", "right");
    } else {
        x.empty("w:ind", &[("w:left", one_char), ("w:leftChars", "100"), ("w:firstLine", "0")]);
        x.val("w:jc", "left");
    }
    x.close("w:pPr");
    let dash = |x: &mut Xml, text: &str| {
        x.open("w:r", &[]).open("w:rPr", &[]).empty("w:rFonts", &[("w:hint", "eastAsia")]).close("w:rPr");
        x.element("w:t", &[("xml:space", "preserve")], text).close("w:r");
    };
    dash(&mut x, "— ");
    for (kind, instr) in [("begin", None), ("", Some(" PAGE ")), ("separate", None)] {
        x.open("w:r", &[]);
        match instr {
            Some(i) => x.element("w:instrText", &[("xml:space", "preserve")], i),
            None => x.empty("w:fldChar", &[("w:fldCharType", kind)]),
        };
        x.close("w:r");
    }
    x.open("w:r", &[]).element("w:t", &[], "1").close("w:r");
    x.open("w:r", &[]).empty("w:fldChar", &[("w:fldCharType", "end")]).close("w:r");
    dash(&mut x, " —");
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

fn paragraph_start(x: &mut Xml, style: Option<&str>) {
    x.open("w:p", &[]);
    if let Some(s) = style {
        x.open("w:pPr", &[]).val("w:pStyle", s).close("w:pPr");
    }
}

/// A run of text: line breaks become `w:br`, tabs `w:tab`.
fn run(x: &mut Xml, text: &str, size_half_points: Option<u32>) {
    x.open("w:r", &[]);
    if let Some(sz) = size_half_points {
        x.open("w:rPr", &[]);
        size(x, sz);
        x.close("w:rPr");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            x.empty("w:br", &[]);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                x.empty("w:tab", &[]);
            }
            if !piece.is_empty() {
                x.element("w:t", &[("xml:space", "preserve")], piece);
            }
        }
    }
    x.close("w:r");
}

fn runs(x: &mut Xml, runs: &[Run], size: Option<u32>) {
    for r in runs {
        // Figures are printed as their text: paper has no links.
        run(x, r.text(), size);
    }
}

fn simple_paragraph(x: &mut Xml, style: Option<&str>, text: &str) {
    paragraph_start(x, style);
    if !text.is_empty() {
        run(x, text, None);
    }
    x.close("w:p");
}

fn body_paragraph(x: &mut Xml, p: &Paragraph) {
    paragraph_start(x, None);
    runs(x, &p.runs, None);
    x.close("w:p");
}

/// The signature (发文机关署名) and date (成文日期), right-indented as
/// [`crate::model::signature_indents`] works out.
fn signature(x: &mut Xml, issuer: &str, date: &str) {
    let (issuer_right, date_right) = signature_indents(issuer, date);
    simple_paragraph(x, None, "");
    for (text, right) in [(issuer, issuer_right), (date, date_right)] {
        x.open("w:p", &[]).open("w:pPr", &[]).val("w:pStyle", "Signature");
        let twips = (right * i64::from(geometry::CHAR_WIDTH) / 100).to_string();
        x.empty("w:ind", &[("w:rightChars", &right.to_string()), ("w:right", &twips)]);
        x.close("w:pPr");
        run(x, text, None);
        x.close("w:p");
    }
}

fn table(x: &mut Xml, t: &Table) -> Result<(), DocumentError> {
    let grid = t.grid()?;
    if let Some(c) = &t.caption {
        simple_paragraph(x, Some("TableCaption"), c);
    }
    let total: u64 = t.widths.iter().map(|w| u64::from(*w)).sum();
    let mut widths: Vec<u32> =
        t.widths.iter().map(|w| (u64::from(geometry::TEXT_WIDTH) * u64::from(*w) / total) as u32).collect();
    let rest = geometry::TEXT_WIDTH - widths.iter().sum::<u32>();
    if let Some(last) = widths.last_mut() {
        *last += rest;
    }
    x.open("w:tbl", &[]).open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &geometry::TEXT_WIDTH.to_string()), ("w:type", "dxa")]);
    x.val("w:jc", "center");
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        x.empty(side, &[("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")]);
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    cell_margins(x);
    x.empty("w:tblLook", &[("w:val", "04A0"), ("w:firstRow", "1"), ("w:noHBand", "1"), ("w:noVBand", "1")]);
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())]);
    }
    x.close("w:tblGrid");
    let size = t.font_size.0;
    for (r, row) in grid.slots.iter().enumerate() {
        x.open("w:tr", &[]).open("w:trPr", &[]).empty("w:cantSplit", &[]);
        if r < grid.header_rows {
            // Repeated at the top of every page the table runs onto.
            x.empty("w:tblHeader", &[]);
        }
        x.close("w:trPr");
        let mut c = 0;
        while c < row.len() {
            let (cell, merge) = match row[c] {
                Slot::Origin(cell) => (cell, (cell.row_span > 1).then_some("restart")),
                Slot::Covered { row: or, col: oc } if or < r && oc == c => match grid.origin(or, oc) {
                    Some(cell) => (cell, Some("continue")),
                    None => {
                        c += 1;
                        continue;
                    }
                },
                Slot::Covered { .. } => {
                    c += 1;
                    continue;
                }
            };
            let span = cell.col_span.max(1);
            let width: u32 = widths[c..(c + span).min(widths.len())].iter().sum();
            x.open("w:tc", &[]).open("w:tcPr", &[]);
            x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
            if span > 1 {
                x.val("w:gridSpan", &span.to_string());
            }
            if let Some(m) = merge {
                x.val("w:vMerge", m);
            }
            x.val("w:vAlign", "center");
            x.close("w:tcPr");
            x.open("w:p", &[]).open("w:pPr", &[]).val("w:pStyle", "TableText");
            x.val(
                "w:jc",
                match cell.align {
                    Align::Left => "left",
                    Align::Center => "center",
                    Align::Right => "right",
                },
            );
            x.close("w:pPr");
            if merge != Some("continue") {
                runs(x, &cell.runs, Some(size));
            }
            x.close("w:p").close("w:tc");
            c += span;
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
    Ok(())
}

fn document(doc: &Document, blocks: &[Block<'_>]) -> String {
    use geometry::*;
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:body", &[]);
    if let Some(n) = &doc.number {
        simple_paragraph(&mut x, Some("DocNumber"), n);
        simple_paragraph(&mut x, Some("DocNumber"), "");
    }
    simple_paragraph(&mut x, Some("Title"), &doc.title);
    // The body starts one line below the title.
    simple_paragraph(&mut x, None, "");
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading { level, number, text } => {
                let style = format!("Heading{level}");
                simple_paragraph(&mut x, Some(&style), &format!("{number}{text}"));
            }
            Block::Paragraph(p) => body_paragraph(&mut x, p),
            Block::Table(t) => {
                // Validated by `blocks`; a failure here cannot happen.
                if table(&mut x, t).is_err() {
                    continue;
                }
                // Two tables in a row would merge into one: keep a paragraph between them.
                if matches!(blocks.get(i + 1), Some(Block::Table(_))) {
                    simple_paragraph(&mut x, None, "");
                }
            }
        }
    }
    signature(&mut x, &doc.issuer, &doc.date_zh());
    x.open("w:sectPr", &[]);
    x.empty("w:footerReference", &[("w:type", "default"), ("r:id", "rId4")]);
    x.empty("w:footerReference", &[("w:type", "even"), ("r:id", "rId5")]);
    x.empty("w:pgSz", &[("w:w", &PAGE_WIDTH.to_string()), ("w:h", &PAGE_HEIGHT.to_string())]);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &MARGIN_TOP.to_string()),
            ("w:right", &MARGIN_RIGHT.to_string()),
            ("w:bottom", &MARGIN_BOTTOM.to_string()),
            ("w:left", &MARGIN_LEFT.to_string()),
            ("w:header", &HEADER.to_string()),
            ("w:footer", &FOOTER.to_string()),
            ("w:gutter", "0"),
        ],
    );
    x.empty("w:pgNumType", &[("w:fmt", "decimal"), ("w:start", "1")]);
    x.empty("w:cols", &[("w:space", "425")]);
    // 22 lines a page; 28 characters a line come from `TRACKING`.
    x.empty("w:docGrid", &[("w:type", "lines"), ("w:linePitch", &LINE_PITCH.to_string())]);
    x.close("w:sectPr");
    x.close("w:body").close("w:document");
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::geometry::*;

    #[test]
    fn geometry_matches_the_standard() {
        assert_eq!((PAGE_WIDTH, PAGE_HEIGHT), (11906, 16838));
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (2098, 1984, 1587, 1474));
        // 156 mm × 225 mm, to a twip.
        assert!(TEXT_WIDTH.abs_diff(mm(1560)) <= 1, "{TEXT_WIDTH}");
        assert_eq!(TEXT_HEIGHT, mm(2250));
        // 28 characters fit a line, 29 do not (1 pt = 20 twips).
        let pitch = f64::from(BODY_SIZE) / 2.0 + f64::from(TRACKING) / 20.0;
        let width_pt = f64::from(TEXT_WIDTH) / 20.0;
        assert!(f64::from(CHARS) * pitch <= width_pt && f64::from(CHARS + 1) * pitch > width_pt, "{pitch}");
    }
}
