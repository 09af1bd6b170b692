//! The five required parts: finds headings (numbered 第一部分/一、/(一)/1./(1)/一是, or
//! short unnumbered lines), classifies each by its wording, picks the best heading per
//! part (the outermost level wins; a merged heading yields to a specific one nested under
//! it), falls back to a starting sentence where a part has no heading, and measures each
//! part's extent and whether it is token.

use std::sync::OnceLock;

use regex::Regex;

use crate::clean::unreachable_regex;
use crate::header::line_offsets;
use crate::model::{PartKind, Parts};

/// A heading number at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Nesting level: 0 第一部分, 1 一、, 2 (一), 3 1., 4 (1), 5 ①, 6 一是.
    pub level: u8,
    /// Byte length of the marker (and the spaces after it).
    pub len: usize,
}

/// Level given to an unnumbered heading line.
const UNNUMBERED_LEVEL: u8 = 1;
/// Level of inline enumerations (一是/二是).
const INLINE_LEVEL: u8 = 6;

fn is_cn_num(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// A cursor over the start of a line.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    fn eat(&mut self, f: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if f(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }
    /// Consumes 1..=max characters matching `f`; false if none.
    fn run(&mut self, max: usize, f: impl Fn(char) -> bool) -> bool {
        let mut n = 0;
        while n < max && self.eat(&f) {
            n += 1;
        }
        n > 0 && !self.peek().is_some_and(&f)
    }
    fn spaces(&mut self) {
        while self.eat(char::is_whitespace) {}
    }
    fn starts_with(&self, p: &str) -> bool {
        self.s[self.pos..].starts_with(p)
    }
}

/// The heading number at the start of `line`, if any: 第一部分/第一章 (0), 一、 (1),
/// (一) (2), 1. or 1、 (3), (1) or 1) (4), ① (5), 一是/第一是 (6).
pub fn marker(line: &str) -> Option<Marker> {
    let mut c = Cursor { s: line, pos: 0 };
    let first = c.peek()?;
    let level = match first {
        '第' => {
            c.bump();
            if !c.run(3, is_cn_num) {
                return None;
            }
            if let Some(w) = ["部分", "章", "篇", "节"].iter().find(|w| c.starts_with(w)) {
                c.pos += w.len();
                c.eat(|x| matches!(x, '、' | '.' | ':' | ','));
                0
            } else if c.eat(|x| x == '是') {
                INLINE_LEVEL
            } else {
                return None;
            }
        }
        x if is_cn_num(x) => {
            if !c.run(3, is_cn_num) {
                return None;
            }
            if c.eat(|x| x == '是') {
                INLINE_LEVEL
            } else {
                c.spaces();
                if !c.eat(|x| matches!(x, '、' | '.' | ',')) {
                    return None;
                }
                1
            }
        }
        '(' => {
            c.bump();
            c.spaces();
            let level = if c.run(3, is_cn_num) {
                2
            } else if c.run(2, |x| x.is_ascii_digit()) {
                4
            } else {
                return None;
            };
            c.spaces();
            if !c.eat(|x| x == ')') {
                return None;
            }
            c.eat(|x| matches!(x, '、' | '.'));
            level
        }
        '0'..='9' => {
            if !c.run(2, |x| x.is_ascii_digit()) {
                return None;
            }
            if c.eat(|x| x == ')') {
                c.eat(|x| matches!(x, '、' | '.'));
                4
            } else {
                c.spaces();
                if c.eat(|x| x == '、') {
                    3
                } else if c.starts_with(".") {
                    c.pos += 1;
                    // 1.5亿 is a number, not a heading; a bare "1." is not a heading either.
                    match c.peek() {
                        Some(n) if !n.is_ascii_digit() => 3,
                        _ => return None,
                    }
                } else {
                    return None;
                }
            }
        }
        '①'..='⑳' => {
            c.bump();
            5
        }
        _ => return None,
    };
    c.spaces();
    Some(Marker { level, len: c.pos })
}

fn rx(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap_or_else(|_| unreachable_regex()))
}

fn first_responsible_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(
        &RE,
        r"第一责任人|(?:主要负责人|主要负责同志|主要领导|一把手)(?:同志)?(?:履行|履职|落实|推进法治)|履行推进法治建设",
    )
}

fn shortcomings_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(
        &RE,
        r"不足|存在的?(?:主要)?问题|问题(?:和|与|及)(?:不足|原因|差距|困难|短板)|困难和问题|差距和|短板(?:和|与|及)|薄弱环节|面临的(?:困难|问题|挑战)|存在.{0,6}短板",
    )
}

fn plan_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(&RE, r"安排|打算|工作计划|工作思路|思路举措|设想|展望|下一步|下一年|明年|今后|努力方向|工作目标和")
}

fn other_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(
        &RE,
        r"其他(?:需要|应当|有关|事项|情况|工作)|其它(?:需要|事项|情况)|需要报告的|需报告的|报告的(?:其他|其它)?(?:重点|有关)?事项",
    )
}

fn measures_strong_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(&RE, r"举措|成效|成绩|做法|主要工作|工作进展|进展情况")
}

fn measures_weak_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(&RE, r"工作情况|完成情况|开展情况|推进情况|建设情况|落实情况|工作回顾|总体情况|基本情况|主要情况|取得")
}

/// Bit set of parts a heading names.
fn classify(text: &str, report_year: Option<i32>) -> u8 {
    let mut bits = 0u8;
    let fr = first_responsible_re().is_match(text);
    if fr {
        bits |= bit(PartKind::FirstResponsible);
    }
    if shortcomings_re().is_match(text) {
        bits |= bit(PartKind::Shortcomings);
    }
    let next_year =
        report_year.is_some_and(|y| text.contains(&format!("{}年", y + 1)) && !text.contains(&format!("{y}年")));
    let plan_noun = ["工作", "任务", "重点", "目标", "计划"].iter().any(|k| text.contains(k));
    // 部署安排/安排部署 is "to deploy", not a plan part.
    let deploy = text.contains("部署安排") || text.contains("安排部署");
    let plan_text = if deploy {
        std::borrow::Cow::Owned(text.replace("部署安排", "").replace("安排部署", ""))
    } else {
        text.into()
    };
    if plan_re().is_match(&plan_text) || (next_year && plan_noun && !fr) {
        bits |= bit(PartKind::NextYearPlan);
    }
    if other_re().is_match(text) {
        bits |= bit(PartKind::Other);
    }
    if measures_strong_re().is_match(text) || (bits == 0 && measures_weak_re().is_match(text)) {
        bits |= bit(PartKind::Measures);
    }
    // "履行第一责任人职责情况" is the responsibility part, not a report of measures.
    if fr && bits & bit(PartKind::Measures) != 0 && !text.contains("举措") {
        bits &= !bit(PartKind::Measures);
    }
    bits
}

/// A heading that groups parts (需要报告的重点事项) rather than naming one.
fn is_container(text: &str) -> bool {
    (text.contains("需要报告") || text.contains("需报告")) && !text.contains("其他") && !text.contains("其它")
}

fn bit(k: PartKind) -> u8 {
    match k {
        PartKind::Measures => 1,
        PartKind::Shortcomings => 2,
        PartKind::FirstResponsible => 4,
        PartKind::NextYearPlan => 8,
        PartKind::Other => 16,
    }
}

#[derive(Debug, Clone)]
struct Heading<'a> {
    /// Character offset of the line.
    offset: usize,
    level: u8,
    /// Parts it names.
    bits: u8,
    /// Heading text (marker included), up to the first full stop.
    text: &'a str,
}

fn heading_text(line: &str, marker_len: usize, inline: bool) -> &str {
    let stops: &[char] = if inline { &['。', ';', ',', ':', '!'] } else { &['。', ';', ':', '!'] };
    let end = line[marker_len..].find(stops).map_or(line.len(), |p| marker_len + p);
    &line[..end]
}

fn headings<'a>(lines: &[(usize, &'a str)], report_year: Option<i32>) -> Vec<Heading<'a>> {
    let mut out = Vec::new();
    for (i, &(offset, line)) in lines.iter().enumerate() {
        let n = line.chars().count();
        if let Some(m) = marker(line) {
            let inline = m.level == INLINE_LEVEL;
            let text = heading_text(line, m.len, inline);
            let text_chars = text.chars().count();
            if text_chars > 80 && !inline {
                // A long numbered paragraph: still a boundary, but not a named heading.
                out.push(Heading { offset, level: m.level, bits: 0, text });
                continue;
            }
            let bits = classify(&text[m.len..], report_year);
            out.push(Heading { offset, level: m.level, bits, text });
        } else if n <= 40
            && !line.contains('。')
            && (i >= 3 || !line.contains("报告"))
            && !line.ends_with([',', ';', ':'])
            && crate::header::parse_date(line).is_none()
        {
            let bits = classify(line, report_year);
            if bits != 0 {
                out.push(Heading { offset, level: UNNUMBERED_LEVEL, bits, text: line });
            }
        }
    }
    out
}

/// End (character offset) of the section opened by heading `i`: the next heading at the
/// same or an outer level.
fn extent_end(hs: &[Heading], i: usize, total: usize) -> usize {
    let level = hs[i].level;
    hs[i + 1..]
        .iter()
        .find(|h| h.level <= level && (h.level != INLINE_LEVEL || level == INLINE_LEVEL))
        .map_or(total, |h| h.offset)
}

/// Where the closing signature (unit and date lines) starts, so the last part ends there.
fn signature_start(lines: &[(usize, &str)], total: usize) -> usize {
    let mut end = total;
    for &(off, l) in lines.iter().rev().take(4) {
        let l = l.trim();
        let date_only = crate::header::parse_date(l).is_some_and(|(_, r)| {
            let rest = format!("{}{}", &l[..r.start], &l[r.end..]);
            rest.trim().is_empty() || crate::header::looks_like_unit(rest.trim())
        });
        if l.is_empty() || date_only || crate::header::looks_like_unit(l) {
            end = off;
        } else {
            break;
        }
    }
    end
}

fn sentence_cue_re(kind: PartKind) -> Option<&'static Regex> {
    static SHORT: OnceLock<Regex> = OnceLock::new();
    static FR: OnceLock<Regex> = OnceLock::new();
    static PLAN: OnceLock<Regex> = OnceLock::new();
    static OTHER: OnceLock<Regex> = OnceLock::new();
    match kind {
        PartKind::Shortcomings => Some(rx(
            &SHORT,
            r"(?:清醒地?(?:看到|认识到)|也要看到|也应看到|也要认识到|不容忽视|仍然存在|仍存在|还存在|尚存在|依然存在|仍有|还有一些)[^。]{0,40}(?:不足|问题|差距|短板|薄弱)",
        )),
        PartKind::FirstResponsible => Some(rx(&FR, r"第一责任人")),
        PartKind::NextYearPlan => Some(rx(
            &PLAN,
            r"^(?:下一步|下一阶段|今后|明年|新的一年|(?P<y>(?:19|20)[0-9]{2})年)[^。]{0,20}(?:将|要|继续|持续|着力|重点)",
        )),
        PartKind::Other => Some(rx(&OTHER, r"其[他它](?:需要|应当|需)?(?:报告|说明)的?(?:重要|有关)?事项")),
        PartKind::Measures => None,
    }
}

/// Finds the five parts in the cleaned text.
pub fn find(body: &str, report_year: Option<i32>) -> Parts {
    let lines = line_offsets(body);
    let total = body.chars().count();
    let hs = headings(&lines, report_year);
    let content_end = signature_start(&lines, total);
    let mut parts = Parts::default();
    let mut chosen: Vec<(PartKind, usize, usize, &'static str)> = Vec::new();

    for kind in PartKind::ALL {
        let b = bit(kind);
        let best = hs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.bits & b != 0)
            .min_by_key(|(_, h)| (h.level, h.bits.count_ones() > 1, h.offset));
        let Some((mut idx, h)) = best else { continue };
        if h.bits.count_ones() > 1 || is_container(h.text) {
            // A merged heading yields to a specific heading nested under it.
            let end = extent_end(&hs, idx, total);
            if let Some((j, _)) = hs
                .iter()
                .enumerate()
                .skip(idx + 1)
                .take_while(|(_, s)| s.offset < end)
                .filter(|(_, s)| s.bits == b && s.level != INLINE_LEVEL)
                .min_by_key(|(_, s)| (s.level, s.offset))
            {
                idx = j;
            }
        }
        chosen.push((kind, hs[idx].offset, extent_end(&hs, idx, total), "heading"));
        let p = parts.get_mut(kind);
        p.heading = Some(cut(hs[idx].text));
    }

    // Sentence cues for parts without a heading (not inside another part's section).
    let by_heading = chosen.clone();
    for kind in PartKind::ALL {
        if chosen.iter().any(|c| c.0 == kind) {
            continue;
        }
        let Some(re) = sentence_cue_re(kind) else {
            continue;
        };
        if let Some((off, sentence)) = find_sentence(&lines, re, kind, &by_heading, report_year) {
            chosen.push((kind, off, total, "sentence"));
            parts.get_mut(kind).heading = Some(cut(sentence));
        }
    }

    // Position: the first top-level section, unnamed, before the other parts.
    if !chosen.iter().any(|c| c.0 == PartKind::Measures) {
        let first_part = chosen.iter().map(|c| c.1).min().unwrap_or(total);
        let top = hs.iter().map(|h| h.level).min();
        if let Some((i, h)) =
            hs.iter().enumerate().find(|(_, h)| Some(h.level) == top && h.bits == 0 && h.offset < first_part)
        {
            let end = extent_end(&hs, i, total);
            chosen.push((PartKind::Measures, h.offset, end, "position"));
            parts.measures.heading = Some(cut(h.text));
        }
    }

    // Unnumbered section headings (short lines without punctuation after the opening
    // paragraph): the first one starts the measures part.
    if !chosen.iter().any(|c| c.0 == PartKind::Measures) && hs.iter().all(|h| h.bits == 0 || h.level > 1) {
        let first_part = chosen.iter().map(|c| c.1).min().unwrap_or(total);
        let plain = lines.iter().enumerate().skip(1).find(|(i, (off, l))| {
            let n = l.chars().count();
            *off < first_part
                && (6..=40).contains(&n)
                && !l.contains(['。', ',', ';', ':', ',', '!', '?'])
                && marker(l).is_none()
                && crate::header::parse_date(l).is_none()
                && lines.get(i + 1).is_some_and(|(_, next)| next.chars().count() > n)
                && lines[..*i].iter().any(|(_, p)| p.chars().count() >= 40)
        });
        if let Some((_, &(off, l))) = plain {
            let end = next_boundary(off, &chosen.iter().map(|c| (c.1, c.3)).collect::<Vec<_>>(), &hs, total);
            chosen.push((PartKind::Measures, off, end, "position"));
            parts.measures.heading = Some(cut(l));
        }
    }

    // A part found by a sentence ends where the next part or an outer heading starts, and
    // cuts short the section it sits in.
    let starts: Vec<(usize, &'static str)> = chosen.iter().map(|c| (c.1, c.3)).collect();
    for c in chosen.iter_mut() {
        let sentence_after =
            starts.iter().filter(|(o, how)| *o > c.1 && (*how != "heading" || c.3 != "heading")).map(|(o, _)| *o).min();
        // A part found by a sentence ends at the next heading; one found by position
        // (an unnamed first section) keeps its section, sub-headings included.
        if c.3 == "sentence" {
            c.2 = next_boundary(c.1, &starts, &hs, c.2);
        }
        if let Some(o) = sentence_after {
            c.2 = c.2.min(o);
        }
        c.2 = c.2.min(content_end).max(c.1);
    }

    // Byte index of every character, to slice parts by character offsets.
    let byte_at: Vec<usize> = body.char_indices().map(|(b, _)| b).chain(std::iter::once(body.len())).collect();
    let slice = |from: usize, to: usize| -> &str {
        let a = byte_at.get(from).copied().unwrap_or(body.len());
        let b = byte_at.get(to).copied().unwrap_or(body.len());
        body.get(a..b.max(a)).unwrap_or("")
    };
    for (kind, off, end, how) in chosen {
        let heading_chars = parts.get(kind).heading.as_deref().map_or(0, |h| h.chars().count());
        let from = if how == "heading" { (off + heading_chars).min(end) } else { off };
        let rest = slice(from, end);
        let p = parts.get_mut(kind);
        p.present = true;
        p.offset = Some(off);
        p.end = Some(end);
        p.found_by = Some(how);
        p.chars = body_chars(rest);
        p.token = is_token(rest);
    }
    parts
}

#[cfg(test)]
fn is_marker_punct(c: char) -> bool {
    matches!(c, '、' | '(' | ')' | '.' | ':')
}

fn cut(s: &str) -> String {
    s.chars().take(80).collect()
}

fn find_sentence<'a>(
    lines: &[(usize, &'a str)],
    re: &Regex,
    kind: PartKind,
    chosen: &[(PartKind, usize, usize, &'static str)],
    report_year: Option<i32>,
) -> Option<(usize, &'a str)> {
    // Skip sentences inside the extent of an already found heading of another part, except
    // the measures part (reports often close it with "but we also see shortcomings").
    let inside_other =
        |off: usize| chosen.iter().any(|c| c.0 != PartKind::Measures && c.0 != kind && off >= c.1 && off < c.2);
    let inside_measures = |off: usize| chosen.iter().any(|c| c.0 == PartKind::Measures && off >= c.1 && off < c.2);
    for &(line_off, line) in lines {
        let mut char_off = line_off;
        for sentence in line.split_inclusive(['。', '!', '?', ';']) {
            let s = sentence.trim();
            if let Some(caps) = re.captures(s) {
                // A plan sentence that names a year must name the next one.
                let year_ok = match (caps.name("y"), report_year) {
                    (Some(y), Some(ry)) => y.as_str().parse::<i32>().ok() == Some(ry + 1),
                    _ => true,
                };
                // A closing paragraph on other matters may follow the last part's text.
                let own_paragraph = kind == PartKind::Other && char_off == line_off;
                // A 下一步 sentence inside the measures part counts only as a paragraph of
                // its own, not within the account of one measure.
                let plan_inside = kind == PartKind::NextYearPlan && char_off != line_off && inside_measures(char_off);
                if year_ok && !plan_inside && (own_paragraph || !inside_other(char_off)) {
                    return Some((char_off, s));
                }
            }
            char_off += sentence.chars().count();
        }
    }
    None
}

fn next_boundary(off: usize, starts: &[(usize, &'static str)], hs: &[Heading], total: usize) -> usize {
    let next_part = starts.iter().map(|c| c.0).filter(|&o| o > off).min();
    let next_heading = hs.iter().filter(|h| h.offset > off && h.level <= 2).map(|h| h.offset).min();
    [next_part, next_heading].into_iter().flatten().min().unwrap_or(total)
}

/// Generic phrases of a token shortcomings statement.
const GENERIC: [&str; 8] =
    ["一些不足", "一定差距", "有待加强", "有待提高", "有待提升", "有待进一步", "还不够", "存在差距"];

/// Characters of body text: not whitespace, not numbering punctuation (、 ( ) . :).
fn body_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            n += usize::from(!c.is_ascii_whitespace() && !matches!(c, b'(' | b')' | b'.' | b':'));
            i += 1;
        } else {
            let len = match c {
                0xF0..=0xFF => 4,
                0xE0..=0xEF => 3,
                _ => 2,
            };
            // 、 is E3 80 81; the ideographic space E3 80 80 is whitespace.
            let skip = c == 0xE3 && b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80 | 0x81));
            n += usize::from(!skip);
            i += len;
        }
    }
    n
}

/// A part body that is empty, or one generic sentence.
fn is_token(rest: &str) -> bool {
    // Only short text can be token; avoid scanning long parts (this runs on every part).
    if rest.len() > 600 {
        return false;
    }
    let chars = body_chars(rest);
    if chars < 20 {
        return true;
    }
    if chars >= 100 {
        return false;
    }
    let sentences = rest.split(['。', '!', '?', ';', '\n']).filter(|s| s.trim().chars().count() >= 6).count();
    let clauses =
        rest.split(['。', '!', '?', ';', '\n', ',', ':', '、']).filter(|s| s.trim().chars().count() >= 3).count();
    let generic = GENERIC.iter().any(|g| rest.contains(g));
    sentences <= 1 && ((clauses <= 2 && chars < 100) || (generic && clauses <= 3 && chars < 60))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let mut all = vec![
            first_responsible_re(),
            shortcomings_re(),
            plan_re(),
            other_re(),
            measures_strong_re(),
            measures_weak_re(),
        ];
        all.extend(PartKind::ALL.into_iter().filter_map(sentence_cue_re));
        for re in all {
            assert!(!crate::clean::is_fallback(re), "{}", re.as_str());
        }
    }

    #[test]
    fn markers_table() {
        let cases: [(&str, Option<u8>); 14] = [
            ("一、主要举措", Some(1)),
            ("十二、其他", Some(1)),
            ("(一)加强领导", Some(2)),
            ("( 三 )加强领导", Some(2)),
            ("1.优化机构", Some(3)),
            ("12、优化机构", Some(3)),
            ("1.5亿元投入", None),
            ("(1)细化", Some(4)),
            ("2)细化", Some(4)),
            ("①细化", Some(5)),
            ("一是加强", Some(6)),
            ("第一部分 主要举措", Some(0)),
            ("第二章、问题", Some(0)),
            ("2023年,某区", None),
        ];
        for (line, level) in cases {
            assert_eq!(marker(line).map(|m| m.level), level, "{line}");
        }
        let m = marker("1.优化机构").map(|m| m.len);
        assert_eq!(m, Some(2));
    }

    #[test]
    fn classify_table() {
        use PartKind::*;
        let cases: [(&str, &[PartKind]); 14] = [
            ("2023年主要举措和成效", &[Measures]),
            ("法治政府建设主要举措及成效", &[Measures]),
            ("存在的不足和原因", &[Shortcomings]),
            ("问题和不足", &[Shortcomings]),
            ("党政主要负责人履行推进法治建设第一责任人职责情况", &[FirstResponsible]),
            ("2024年工作安排", &[NextYearPlan]),
            ("下一步工作打算", &[NextYearPlan]),
            ("2025年工作思路", &[NextYearPlan]),
            ("其他需要报告的事项", &[Other]),
            ("需要报告的重点事项", &[Other]),
            ("存在的问题和下一步打算", &[Shortcomings, NextYearPlan]),
            ("2023年法治政府建设工作情况", &[Measures]),
            ("加强统筹领导", &[]),
            ("2025年重点任务", &[NextYearPlan]),
        ];
        for (text, want) in cases {
            let bits = classify(text, Some(2024));
            let got: Vec<PartKind> = PartKind::ALL.into_iter().filter(|k| bits & bit(*k) != 0).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn body_chars_matches_char_definition() {
        for s in ["", "一、主要举措 和成效\n(一)受理12件。", "\u{3000}、、ab c.d:e", "😀中文\t"] {
            let want = s.chars().filter(|c| !c.is_whitespace() && !is_marker_punct(*c)).count();
            assert_eq!(body_chars(s), want, "{s:?}");
        }
    }

    #[test]
    fn token_table() {
        assert!(is_token(""));
        assert!(is_token("无。"));
        assert!(is_token("法治政府建设与人民群众的期待相比还存在一定差距,有待进一步加强。"));
        assert!(!is_token(
            "一是基层执法力量薄弱,乡镇执法人员持证率仅为六成。二是规范性文件备案审查存在滞后,\
             部分文件未在规定时间内报备。三是行政复议纠错率偏高。"
        ));
    }
}
