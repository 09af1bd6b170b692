//! The Markdown exporter (CommonMark with GFM pipe tables).
//!
//! Pipe tables have one header row and no merged cells, so a table is flattened:
//! a header cell that groups columns below it (法人或其他组织 over 商业企业 …)
//! prefixes each of its columns (`法人或其他组织 / 商业企业`); a header cell that
//! reaches the last header row labels its first column only; a merged body cell
//! is written in its first position and the positions it covers stay empty. A
//! table without header rows gets an empty header row, as pipe tables need one.

use crate::model::{is_safe_link, Block, Document, DocumentError, Run};
use crate::table::{Slot, Table};

/// Escapes text so that Markdown prints it as written. `in_table` also escapes
/// the pipe.
fn escape_into(out: &mut String, text: &str, in_table: bool) {
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '|' if in_table => out.push_str("\\|"),
            '\n' | '\r' if in_table => out.push(' '),
            '\n' => out.push_str("\\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// Escapes the start of a paragraph that Markdown would read as a list, a
/// heading or a block quote (`1. `, `- `, `+ `, `= `).
fn escape_paragraph_start(text: &mut String) {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let next = text[digits..].chars().next();
    if digits > 0 && matches!(next, Some('.') | Some(')')) {
        text.insert(digits, '\\');
    } else if matches!(text.chars().next(), Some('-') | Some('+') | Some('=')) {
        text.insert(0, '\\');
    }
}

/// A link destination: the characters that would end or bracket it percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

fn runs(runs: &[Run], in_table: bool) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Run::Figure(f) if is_safe_link(&f.records) => {
                out.push('[');
                escape_into(&mut out, &f.text, in_table);
                out.push_str("](");
                out.push_str(&destination(&f.records));
                out.push(')');
            }
            other => escape_into(&mut out, other.text(), in_table),
        }
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c.trim());
        out.push_str(" |");
    }
    out.push('\n');
}

fn table(out: &mut String, t: &Table) -> Result<(), DocumentError> {
    let grid = t.grid()?;
    let cols = t.columns();
    if let Some(c) = &t.caption {
        out.push_str("**");
        escape_into(out, c, false);
        out.push_str("**\n\n");
    }
    // The header: every header row's contribution to each column, top down.
    let mut header: Vec<Vec<String>> = vec![Vec::new(); cols];
    for (r, slots) in grid.slots.iter().enumerate().take(grid.header_rows) {
        for (c, slot) in slots.iter().enumerate() {
            let (or, oc) = match *slot {
                Slot::Origin(_) => (r, c),
                Slot::Covered { row, col } => (row, col),
            };
            let Some(cell) = grid.origin(or, oc) else { continue };
            let reaches_bottom = or + cell.row_span >= grid.header_rows;
            let text = runs(&cell.runs, true);
            let applies = if reaches_bottom { c == oc && r == or } else { r == or };
            if applies && !text.is_empty() && header[c].last() != Some(&text) {
                header[c].push(text);
            }
        }
    }
    let header: Vec<String> = header.into_iter().map(|parts| parts.join(" / ")).collect();
    row(out, &header);
    row(out, &vec!["---".to_string(); cols]);
    for slots in grid.slots.iter().skip(grid.header_rows) {
        let cells: Vec<String> = slots
            .iter()
            .map(|slot| match slot {
                Slot::Origin(cell) => runs(&cell.runs, true),
                Slot::Covered { .. } => String::new(),
            })
            .collect();
        row(out, &cells);
    }
    out.push('\n');
    Ok(())
}

/// The document as Markdown.
pub fn to_markdown(doc: &Document) -> Result<String, DocumentError> {
    let blocks = doc.blocks()?;
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("# ");
    // A heading is one line; the title's line breaks are for print only.
    escape_into(&mut out, &doc.title.replace('\n', ""), true);
    out.push_str("\n\n");
    if let Some(n) = &doc.number {
        escape_into(&mut out, n, false);
        out.push_str("\n\n");
    }
    for block in blocks.iter() {
        match block {
            Block::Heading { level, number, text } => {
                out.push_str(&"#".repeat(level + 1));
                out.push(' ');
                escape_into(&mut out, number, true);
                escape_into(&mut out, text, true);
                out.push_str("\n\n");
            }
            Block::Paragraph(p) => {
                let mut text = runs(&p.runs, false);
                escape_paragraph_start(&mut text);
                out.push_str(&text);
                out.push_str("\n\n");
            }
            Block::Table(t) => table(&mut out, t)?,
        }
    }
    escape_into(&mut out, &doc.issuer, false);
    out.push_str("\\\n");
    escape_into(&mut out, &doc.date_zh(), false);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_keep_their_brackets_closed() {
        assert_eq!(destination(" /r?q=(a b)<c> "), "/r?q=%28a%20b%29%3Cc%3E");
    }

    #[test]
    fn paragraph_starts_are_escaped() {
        let mut s = "1. 不是列表".to_string();
        escape_paragraph_start(&mut s);
        assert_eq!(s, "1\\. 不是列表");
        let mut s = "- 不是列表".to_string();
        escape_paragraph_start(&mut s);
        assert_eq!(s, "\\- 不是列表");
        let mut s = "2026年".to_string();
        escape_paragraph_start(&mut s);
        assert_eq!(s, "2026年");
    }
}
