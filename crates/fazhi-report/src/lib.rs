//! `fazhi-report`: the published-report checker behind `fazhi report check`.
//!
//! It reads a published 法治政府建设年度报告 (plain text, a saved web page, or a Word
//! `.docx`; UTF-8 or GB18030; Simplified or Traditional script), strips page chrome, and
//! finds who reported on which year and when it was published, whether the five parts
//! required by 厅字〔2019〕28号 are there, every figure the report states (mapped to
//! fazhi indicator ids where one fits), and the flags a supervisor would raise.
//!
//! The entry point for one report is [`check_bytes`]; it never panics and always returns a
//! [`ReportCheck`]: input that cannot be read yields a `ReportCheck` whose
//! [`ReportCheck::error`] carries a one-line reason in Chinese. Many files are
//! checked with [`batch::check_paths`]. The JSON shape of [`ReportCheck`] is documented in
//! `docs/report-check.md` and kept stable.

pub mod batch;
pub mod clean;
pub mod cli;
pub mod completeness;
pub mod decode;
pub mod docx;
pub mod figures;
pub mod flags;
pub mod header;
pub mod html;
pub mod indicators;
pub mod model;
pub mod numbers;
pub mod output;
pub mod parts;
pub mod regions;
pub mod score;
pub mod script;
pub mod verdict;

pub use model::{
    CheckOptions, Completeness, Figure, Flag, InputError, PartCheck, PartKind, PartStatus, Parts, RecordSource,
    ReportCheck, Script, Source, UnitKind, Verdict,
};

/// Checks one report given as raw bytes.
///
/// `file_name` is used for the `file` field and to pick the format (`.docx`, `.html`/`.htm`,
/// anything else is sniffed). Never panics: unreadable input gives a `ReportCheck` with
/// `error` set and every other field empty.
pub fn check_bytes(file_name: &str, bytes: &[u8], opts: &CheckOptions) -> ReportCheck {
    guarded(file_name, || match decode::decode(file_name, bytes) {
        Ok(decoded) => check_decoded(file_name, decoded, opts),
        Err(err) => ReportCheck::failed(file_name, err),
    })
}

/// Checks one report already decoded with [`decode::decode`] (callers that
/// budget the text extracted across many files decode first).
pub fn check_decoded_report(file_name: &str, decoded: decode::Decoded, opts: &CheckOptions) -> ReportCheck {
    guarded(file_name, || check_decoded(file_name, decoded, opts))
}

/// Last line of defence for "never panics": a bug in the checker becomes an `internal`
/// error on that one report and the batch goes on.
fn guarded(file_name: &str, f: impl FnOnce() -> ReportCheck) -> ReportCheck {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        ReportCheck::failed(file_name, InputError::new("internal", "检查程序内部错误,请将此文件报告给维护人员"))
    })
}

/// Checks one report given as text that is already decoded (the format is still taken
/// from `file_name`, so HTML is stripped of its tags).
pub fn check_text(file_name: &str, text: &str, opts: &CheckOptions) -> ReportCheck {
    guarded(file_name, || check_decoded(file_name, decode::from_text(file_name, text), opts))
}

fn check_decoded(file_name: &str, decoded: decode::Decoded, opts: &CheckOptions) -> ReportCheck {
    let (script, text) = script::normalize(&decoded.text);
    let page_title = match script {
        Script::Traditional => decoded.page_title.as_deref().map(script::to_simplified),
        Script::Simplified => decoded.page_title,
    };
    let cleaned = clean::clean(&text, page_title, decoded.meta_date);
    if let Err(err) = clean::looks_like_report(&cleaned) {
        return ReportCheck::failed(file_name, err);
    }
    let header = header::extract(&cleaned);
    let verdict =
        verdict::decide(header.title.as_deref(), &header.opening, header.unit.as_ref().map(|u| u.value.as_str()));
    let completeness = completeness::assess(&cleaned.body);
    // A document that is not a report has no parts to look for.
    let mut parts =
        if verdict.is_report { parts::find(&cleaned.body, header.report_year) } else { model::Parts::default() };
    completeness::set_status_cut(&mut parts, completeness.complete, Some(cleaned.body.chars().count()));
    let figures = figures::extract(&cleaned.body);
    let mut check = ReportCheck {
        file: file_name.to_string(),
        unit: header.unit.as_ref().map(|s| s.value.clone()),
        unit_parent: header.unit_parent.as_ref().map(|s| s.value.clone()),
        report_year: header.report_year,
        publish_date: header.publish_date.map(|d| d.format("%Y-%m-%d").to_string()),
        script: Some(script),
        parts,
        figures,
        flags: Vec::new(),
        sources: model::Sources {
            unit: header.unit.map(|s| s.source),
            report_year: header.report_year_source,
            publish_date: header.publish_date_source,
            unit_parent: header.unit_parent.map(|s| s.source),
        },
        chars: cleaned.body.chars().count(),
        error: None,
        verdict,
        completeness: Some(completeness),
    };
    check.flags = flags::compute(&check, header.publish_date, header.spam.as_deref(), opts);
    check
}
