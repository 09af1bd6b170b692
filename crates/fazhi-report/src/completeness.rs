//! Does the text look complete, or does it stop early? Pages in the wild are often cut
//! off (mirrors, previews, crawlers); a part that is not seen in a cut-off text is "not
//! seen", not "missing".
//!
//! Complete: the text ends with a signature (unit and/or date lines), a closing formula
//! (特此报告, 此件公开发布 …), or at the end of a sentence. Incomplete: it stops inside a
//! sentence, at a heading, or at a truncation mark (阅读全文, 未完 …).

use crate::header::{looks_like_unit, parse_date};
use crate::model::{Completeness, PartKind, PartStatus, Parts};

const CLOSING: [&str; 7] =
    ["特此报告", "专此报告", "此件公开发布", "此页无正文", "此件主动公开", "此件依申请公开", "以上报告"];
const TRUNCATION: [&str; 7] = ["阅读全文", "展开全文", "查看全文", "查看更多", "(未完", "未完待续", "点击查看"];

fn is_signature_line(l: &str) -> bool {
    if l.chars().count() > 40 {
        return false;
    }
    if looks_like_unit(l) {
        return true;
    }
    parse_date(l).is_some_and(|(_, r)| {
        let rest = format!("{}{}", &l[..r.start], &l[r.end..]);
        let rest = rest.trim();
        rest.is_empty() || looks_like_unit(rest)
    })
}

/// Judges whether `body` (cleaned text) looks complete.
pub fn assess(body: &str) -> Completeness {
    // The last four non-empty lines, last first.
    let tail: Vec<&str> = body.rsplit('\n').map(str::trim).filter(|l| !l.is_empty()).take(4).collect();
    let Some(&last) = tail.first() else {
        return Completeness { complete: false, evidence: "mid_sentence" };
    };
    if tail.iter().any(|l| l.chars().count() <= 40 && CLOSING.iter().any(|c| l.contains(c))) {
        return Completeness { complete: true, evidence: "closing_formula" };
    }
    if TRUNCATION.iter().any(|t| last.contains(t)) || last.ends_with("…") || last.ends_with("...") {
        return Completeness { complete: false, evidence: "truncation_mark" };
    }
    // A signature: the last line is a date or unit line and the line before it ended a
    // sentence or is also part of the signature.
    if let (true, Some(&before)) = (is_signature_line(last), tail.get(1)) {
        if is_signature_line(before) || ends_sentence(before) {
            return Completeness { complete: true, evidence: "signature" };
        }
    }
    // A numbered heading (not an inline 一是 enumeration) as the last line.
    let heading = crate::parts::marker(last).is_some_and(|m| m.level < 6) && last.chars().count() <= 60;
    if heading {
        return Completeness { complete: false, evidence: "heading" };
    }
    if ends_sentence(last) {
        Completeness { complete: true, evidence: "full_stop" }
    } else {
        Completeness { complete: false, evidence: "mid_sentence" }
    }
}

fn ends_sentence(l: &str) -> bool {
    let l = l.trim_end_matches(['”', '’', '"', ')', '」', '』']);
    l.ends_with(['。', '!', '?', ';', '!', '?'])
}

/// Sets each part's status: present; missing when the text is complete or a later part
/// (in statutory order, the first-responsible part aside, whose place varies) is there;
/// otherwise not seen.
pub fn set_status(parts: &mut Parts, complete: bool) {
    set_status_cut(parts, complete, None);
}

/// As [`set_status`]; in a text that stops early, a part that runs up to the cut at
/// `cut` (characters) is not judged token: its end was not seen.
pub fn set_status_cut(parts: &mut Parts, complete: bool, cut: Option<usize>) {
    if let (false, Some(cut)) = (complete, cut) {
        for kind in PartKind::ALL {
            let p = parts.get_mut(kind);
            if p.present && p.end.is_some_and(|e| e + 40 >= cut) {
                p.token = false;
            }
        }
    }
    let order = [PartKind::Measures, PartKind::Shortcomings, PartKind::NextYearPlan, PartKind::Other];
    let later_found = |kind: PartKind, parts: &Parts| -> bool {
        let Some(i) = order.iter().position(|k| *k == kind) else {
            return false;
        };
        order[i + 1..].iter().any(|k| parts.get(*k).present && parts.get(*k).found_by == Some("heading"))
    };
    for kind in PartKind::ALL {
        let status = if parts.get(kind).present {
            PartStatus::Present
        } else if complete || later_found(kind, parts) {
            PartStatus::Missing
        } else {
            PartStatus::NotSeen
        };
        parts.get_mut(kind).status = status;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_table() {
        let cases: [(&str, bool, &str); 7] = [
            ("一、主要举措\n全年受理复议申请12件,审结10件。", true, "full_stop"),
            ("一、主要举措\n全年受理复议申请12件,审结", false, "mid_sentence"),
            ("一、主要举措\n全年受理复议申请12件。\n(二)加强执法监督", false, "heading"),
            ("一、主要举措\n全年受理复议申请12件。\n青山县人民政府\n2024年3月20日", true, "signature"),
            ("一、主要举措\n全年受理复议申请12件。\n特此报告。", true, "closing_formula"),
            ("一、主要举措\n全年受理复议申请12件。阅读全文", false, "truncation_mark"),
            ("", false, "mid_sentence"),
        ];
        for (text, complete, evidence) in cases {
            let c = assess(text);
            assert_eq!((c.complete, c.evidence), (complete, evidence), "{text}");
        }
    }

    #[test]
    fn status_of_unseen_parts() {
        let mut parts = Parts::default();
        parts.measures.present = true;
        set_status(&mut parts, false);
        assert_eq!(parts.measures.status, PartStatus::Present);
        assert_eq!(parts.shortcomings.status, PartStatus::NotSeen);
        parts.next_year_plan.present = true;
        parts.next_year_plan.found_by = Some("heading");
        set_status(&mut parts, false);
        assert_eq!(parts.shortcomings.status, PartStatus::Missing);
        assert_eq!(parts.first_responsible.status, PartStatus::NotSeen);
        assert_eq!(parts.other.status, PartStatus::NotSeen);
        set_status(&mut parts, true);
        assert_eq!(parts.other.status, PartStatus::Missing);
    }
}
