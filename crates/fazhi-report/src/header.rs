//! Header facts: the reporting unit (发布主体, as written), the year reported on, and the
//! publication date, each with where it was read (title, page `<title>`, `日期:`/`发布时间:`
//! line, date next to `来源:`, signature at the end, first sentence …).

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::clean::{unreachable_regex, Cleaned};
use crate::model::Source;
use crate::numbers;

/// A value and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Where it was found.
    pub source: Source,
}

/// The header facts of a report.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Reporting unit as written.
    pub unit: Option<Found<String>>,
    /// Year reported on.
    pub report_year: Option<i32>,
    /// Where the year was read.
    pub report_year_source: Option<Source>,
    /// Publication date.
    pub publish_date: Option<NaiveDate>,
    /// Where the date was read.
    pub publish_date_source: Option<Source>,
    /// The region of a unit named without it.
    pub unit_parent: Option<Found<String>>,
    /// The document's title, when one was found.
    pub title: Option<String>,
    /// The opening paragraphs (for the verdict).
    pub opening: String,
    /// A spam string a mirror put in place of names.
    pub spam: Option<String>,
    /// Unit from the page `<title>` (a last resort).
    page_title_unit: Option<Found<String>>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap_or_else(|_| unreachable_regex()))
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?P<y>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*(?:年|-|/|\.)\s*(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*(?:月|-|/|\.)\s*(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:日|号)?",
    )
}

/// Finds the first date in `s`: returns the date and the byte range of its text.
pub fn parse_date(s: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    for caps in date_re().captures_iter(s) {
        let (Some(all), Some(y), Some(m), Some(d)) = (caps.get(0), caps.name("y"), caps.name("m"), caps.name("d"))
        else {
            continue;
        };
        let y = numbers::year(y.as_str());
        let m = small(m.as_str());
        let d = small(d.as_str());
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return Some((date, all.range()));
            }
        }
    }
    None
}

fn small(s: &str) -> Option<u32> {
    if let Ok(v) = s.parse() {
        return Some(v);
    }
    numbers::chinese_int(s).and_then(|v| u32::try_from(v).ok())
}

const UNIT_SUFFIXES: [&str; 24] = [
    "人民政府",
    "政府",
    "委员会",
    "办公室",
    "办事处",
    "街道",
    "管委会",
    "司法局",
    "局",
    "委",
    "办",
    "厅",
    "署",
    "中心",
    "院",
    "所",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "旗",
    "州",
    "盟",
];

/// A short line that names a unit (a signature line such as `某县人民政府`).
pub fn looks_like_unit(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    (2..=40).contains(&n)
        && !line.contains(['。', ',', ';', ':', '、', '(', '《'])
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.contains("报告")
        && UNIT_SUFFIXES.iter().any(|s| line.ends_with(s))
}

fn cut(s: &str) -> String {
    s.chars().take(80).collect()
}

fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^(?P<pre>.*?)(?:关于)?(?P<y>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年(?:度)?(?P<post>.*)$")
}

fn strip_unit(u: &str) -> Option<String> {
    // `某区人民政府关于某区2023年…`: the unit is what stands before 关于.
    let u = u.split("关于").next().unwrap_or(u);
    let u = u.trim().trim_end_matches("关于").trim_end_matches(['的', ' ', '·', '-', '_', '|']).trim();
    let u = u.trim_start_matches(['“', '"', '《']).trim();
    let n = u.chars().count();
    if (2..=40).contains(&n) && !u.contains(['。', ',', ':']) {
        Some(u.to_string())
    } else {
        None
    }
}

/// Unit and year from a title such as `北京市某区人民政府2021年法治政府建设年度情况报告`,
/// `某县关于2022年度法治政府建设情况的报告`, `2023年度某区法治政府建设工作报告`.
pub fn from_title(title: &str) -> (Option<String>, Option<i32>) {
    let title = title.trim();
    if let Some(c) = title_re().captures(title) {
        let year = c.name("y").and_then(|y| numbers::year(y.as_str()));
        let pre = c.name("pre").map_or("", |m| m.as_str());
        let mut unit = strip_unit(pre);
        if unit.is_none() {
            let post = c.name("post").map_or("", |m| m.as_str());
            let stop =
                ["法治政府", "依法行政", "法治建设", "推进法治", "关于"].iter().filter_map(|k| post.find(k)).min();
            if let Some(stop) = stop {
                unit = strip_unit(&post[..stop]);
            }
        }
        return (unit, year);
    }
    let stop = ["关于", "法治政府", "依法行政", "法治建设"].iter().filter_map(|k| title.find(k)).min();
    (stop.and_then(|s| strip_unit(&title[..s])), None)
}

fn plan_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"《((?:19|20)[0-9]{2})\s*年[^》]{0,30}工作要点》")
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"((?:19|20)[0-9]{2})\s*年")
}

fn src(kind: &'static str, text: &str, offset: Option<usize>) -> Source {
    Source { kind, text: cut(text), offset }
}

/// Organ and region words a unit name ends with.
const NAME_ENDINGS: [&str; 29] = [
    "人民政府",
    "政府",
    "委员会",
    "办公室",
    "办公厅",
    "办事处",
    "街道",
    "管委会",
    "局",
    "厅",
    "部",
    "署",
    "委",
    "办",
    "院",
    "中心",
    "所",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "省",
    "州",
    "盟",
    "旗",
    "苏木",
    "党委",
    "总局",
];

/// A plausible unit name: 2–30 characters of Han (or masking `*`), ending with an organ or
/// region word, and not a relative word alone (全省, 本市).
pub fn is_unit_name(u: &str) -> bool {
    let n = u.chars().count();
    (2..=30).contains(&n)
        && u.chars().all(|c| c == '*' || c == '、' || c == '·' || c == ' ' || ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && NAME_ENDINGS.iter().any(|e| u.ends_with(e))
        && !(n == 2 && u.starts_with(['全', '本', '该', '各']))
}

/// Words that end the subject of an opening sentence (the verb or adverb after it).
const SUBJECT_STOPS: [&str; 52] = [
    "坚持",
    "以习",
    "以新",
    "以依法",
    "以“",
    "以建设",
    "以法治",
    "以推进",
    "深入",
    "认真",
    "全面",
    "始终",
    "紧紧",
    "着力",
    "扎实",
    "积极",
    "持续",
    "立足",
    "聚焦",
    "围绕",
    "高度",
    "切实",
    "牢固",
    "把",
    "将",
    "严格",
    "自觉",
    "不断",
    "忠诚",
    "统筹",
    "大力",
    "进一步",
    "在",
    "按照",
    "根据",
    "贯彻",
    "落实",
    "继续",
    "主动",
    "紧扣",
    "锚定",
    "树牢",
    "强化",
    "加强",
    "推进",
    "推动",
    "法治",
    "依法",
    "及",
    "的",
    "高位",
    "践行",
];

fn subject_stop_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let alternation: Vec<String> = SUBJECT_STOPS.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&alternation.join("|")).unwrap_or_else(|_| unreachable_regex())
    })
}

/// Leading adverbials of an opening clause: 2023年, 2023年以来, 今年以来, 五年来 …
fn time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"^(?:(?:(?:19|20)[0-9]{2}|\*{4})\s*年(?:度)?(?:以来|来)?|今年以来|本年度|一年来|过去一年|近年来|[一二三四五]年来|近[一二三四五]年来?)",
    )
}

/// The subject of an opening clause if it is a unit (or a self-reference such as 我局).
fn clause_subject(clause: &str) -> Option<&str> {
    let mut c = clause.trim();
    if let Some(m) = time_re().find(c) {
        c = c[m.end()..].trim_start();
    }
    if c.is_empty()
        || ["在", "按照", "根据", "为", "依据", "围绕", "对照", "结合", "随着", "截至", "自从", "自20", "经"]
            .iter()
            .any(|w| c.starts_with(w))
    {
        return None;
    }
    // The subject is short: look for its end in the first 32 characters only.
    let head_end = c.char_indices().nth(32).map_or(c.len(), |(i, _)| i);
    let head = &c[..head_end];
    let stop = subject_stop_re().find_iter(head).map(|m| m.start()).find(|&i| i >= 3).unwrap_or(head.len());
    let subject = c[..stop].trim();
    if subject.starts_with(['我', '全', '本']) {
        return self_reference_re().find(subject).map(|m| m.as_str());
    }
    is_unit_name(subject).then_some(subject)
}

fn self_reference_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^[我全本](?:自治区|街道|省|市|县|区|镇|乡|州|旗|盟|局|厅|委|办|部|署|院|中心)")
}

fn report_as_follows_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"现(?:将|就)(?P<u>[\p{Han}*、]{2,20}?)(?:(?:19|20)[0-9]{2}\s*年|有关|法治|推进|全年|本年度|年度|工作|依法)",
    )
}

/// The unit named at the start of the opening paragraphs (`2023年,某区坚持…`, `在…下,某局以…`),
/// else in `现将某县2023年…报告如下`. Named units win over self-references.
fn opening_unit(opening: &[(usize, &str)]) -> Option<(String, usize, String)> {
    let mut relative: Option<(String, usize, String)> = None;
    for &(off, para) in opening {
        for clause in para.split([',', ',', ';', '。', ':', '!']).take(12) {
            if let Some(u) = clause_subject(clause) {
                let is_rel = u.starts_with(['我', '全', '本']) || is_level_led(u);
                if !is_rel {
                    return Some((u.to_string(), off, para.to_string()));
                }
                relative.get_or_insert((u.to_string(), off, para.to_string()));
            }
        }
        if let Some(u) = report_as_follows_re().captures(para).and_then(|c| c.name("u")) {
            let u = u.as_str();
            if is_unit_name(u) && !is_level_led(u) && !u.starts_with('我') {
                return Some((u.to_string(), off, para.to_string()));
            }
            let self_ref = self_reference_re().find(u).map(|m| m.as_str());
            if let Some(u) = self_ref.or(is_unit_name(u).then_some(u)) {
                relative.get_or_insert((u.to_string(), off, para.to_string()));
            }
        }
    }
    relative
}

/// A unit that starts with a level word and names no place (县政府, 市司法局, 自治区党委).
fn is_level_led(u: &str) -> bool {
    ["自治区", "县", "市", "区", "省", "镇", "乡", "州", "街道"].iter().any(|l| u.starts_with(l))
}

fn spam_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)[a-z0-9\p{Han}]{0,6}(?:体育|足球|比分|娱乐|彩票|博彩|棋牌|真人|赌场|casino|bet)[a-z0-9\p{Han}]{0,4}[::]",
    )
}

/// A spam string that a mirror put in place of names (`xx体育:`), when it occurs at least
/// twice.
pub fn spam_token(body: &str) -> Option<String> {
    let first = spam_re().find(body)?;
    let token = first.as_str();
    (body.matches(token).count() >= 2).then(|| token.to_string())
}

fn doc_noun(s: &str) -> bool {
    ["报告", "情况", "通知", "通报", "方案", "要点", "解读", "总结"].iter().any(|w| s.contains(w))
}

fn title_like(s: &str) -> bool {
    let n = s.chars().count();
    (6..=80).contains(&n)
        && crate::parts::marker(s).is_none()
        && !s.contains(['>', '›', '»'])
        && !s.ends_with(['。', ',', ':', ';'])
        && !s.contains(['。', ',', ';'])
        && doc_noun(s)
        && ["法治", "依法行政", "信息公开", "述法", "考核"].iter().any(|w| s.contains(w))
}

fn glued_title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^[^。,,;:《》]{2,40}?法治政府建设[^。,,;:《》]{0,12}?报告")
}

/// A title line without its metadata label (`名称:`, `标题:`).
fn strip_label(l: &str) -> &str {
    let l = l.trim_start_matches(['-', '•', '·', '*', '●', '▪']).trim_start();
    ["名称", "标题", "文件名称"]
        .iter()
        .find_map(|w| l.strip_prefix(w).and_then(|r| r.trim_start().strip_prefix(':')))
        .map_or(l, str::trim)
}

/// The document's title among the first lines: one line, two lines joined (a title
/// broken after 关于 or before 工作情况的报告), or a title run into the first paragraph.
/// Returns (index of its first line, character offset, text, lines used).
fn find_title(lines: &[(usize, &str)]) -> Option<(usize, usize, String, usize)> {
    for i in 0..lines.len().min(10) {
        let (off, l) = lines[i];
        let l = strip_label(l.trim());
        let short = l.chars().count() <= 40 && !l.contains(['。', ',', ':']) && !title_like(l);
        if let (true, Some(&(_, next))) = (short, lines.get(i + 1)) {
            let next = strip_label(next.trim());
            let joined = format!("{l}{next}");
            // The first line is a fragment: the unit, `某市人民政府关于`, or a title cut
            // before its type noun (`关于2023年度全市法治政府` / `建设情况的报告`).
            let fragment = looks_like_unit(l)
                || l.ends_with("关于")
                || (!doc_noun(l) && ["年", "法治", "依法行政"].iter().any(|w| l.contains(w)));
            if short && next.chars().count() <= 40 && title_like(&joined) && (fragment || !title_like(next)) {
                return Some((i, off, joined, 2));
            }
        }
        if title_like(l) {
            return Some((i, off, l.to_string(), 1));
        }
        if i == 0 && l.chars().count() > 80 {
            if let Some(m) = glued_title_re().find(l) {
                return Some((i, off, m.as_str().to_string(), 1));
            }
        }
    }
    None
}

/// Label words of page metadata, and how good the dates after them are as publication
/// dates (lower is better).
const DATE_LABELS: [(&str, u8); 10] = [
    ("发布日期", 0),
    ("发布时间", 0),
    ("公开日期", 0),
    ("更新时间", 1),
    ("成文日期", 3),
    ("印发日期", 3),
    ("生成日期", 3),
    ("日期", 1),
    ("时间", 1),
    ("来源", 2),
];

/// The publication date among the metadata lines: dates after 发布日期/发布时间 first, then
/// after 日期/时间, then bare dates and dates next to 来源, then 成文日期.
fn meta_date(meta: &[String]) -> Option<(NaiveDate, &String, u8)> {
    let mut best: Option<(NaiveDate, &String, u8)> = None;
    for m in meta {
        let mut from = 0;
        while let Some((d, r)) = parse_date(&m[from..]) {
            let (start, end) = (from + r.start, from + r.end);
            let before = &m[..start];
            // The label nearest before the date, after the previous date.
            let rank = DATE_LABELS
                .iter()
                .filter_map(|(l, rank)| before[from.min(before.len())..].rfind(l).map(|p| (p, p + l.len(), *rank)))
                .max_by_key(|(p, end, _)| (*end, std::cmp::Reverse(*p)))
                .map_or(2, |(_, _, rank)| rank);
            if best.is_none_or(|(_, _, b)| rank < b) {
                best = Some((d, m, rank));
            }
            from = end;
        }
    }
    best
}

/// A page header line naming the publisher next to the date (`某县人民政府 2024年1月8日`).
fn meta_unit(m: &str) -> Option<String> {
    let m = m.strip_prefix("日期:").unwrap_or(m);
    let (_, r) = parse_date(m)?;
    let rest = &m[..r.start];
    let rest = rest.trim();
    (rest.chars().count() >= 4 && looks_like_unit(rest)).then(|| rest.to_string())
}

fn labelled_value<'a>(m: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|l| {
        let p = m.find(l)?;
        let v = m[p + l.len()..].trim_start_matches([':', ' ', ']', '】']).trim();
        let v = v.split([' ', '|', '、']).next().unwrap_or("").trim();
        (!v.is_empty()).then_some(v)
    })
}

fn opening_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"^(?:(?P<y>(?:19|20)[0-9]{2})\s*年(?:度)?(?:以来|来)?\s*[,,在]|.{0,60}现将[^。]{0,30}?(?P<y2>(?:19|20)[0-9]{2})\s*年)",
    )
}

/// Extracts the header facts.
pub fn extract(c: &Cleaned) -> Header {
    let mut h = Header::default();
    let lines: Vec<(usize, &str)> = line_offsets(&c.body);
    h.spam = spam_token(&c.body);
    let spam = h.spam.clone();
    let clean_unit = |u: &str| -> bool { spam.as_deref().is_none_or(|s| !u.contains(s.trim_end_matches([':', ':']))) };
    let title = find_title(&lines);
    let mut unit_candidates: Vec<Found<String>> = Vec::new();

    // Unit and year from the report's title, then from the page title.
    let mut multi_year = false;
    if let Some((i, off, t, _)) = &title {
        h.title = Some(t.clone());
        multi_year = ["五年", "三年", "近年"].iter().any(|w| t.contains(w));
        let (u, y) = from_title(t);
        let above = i
            .checked_sub(1)
            .and_then(|j| lines.get(j))
            .filter(|(_, l)| looks_like_unit(l) && is_unit_name(l.trim()))
            .map(|&(o, l)| Found { value: l.trim().to_string(), source: src("title", l, Some(o)) });
        match u.filter(|u| is_unit_name(u) && !u.starts_with(['全', '本'])) {
            Some(u) => unit_candidates.push(Found { value: u, source: src("title", t, Some(*off)) }),
            None => unit_candidates.extend(above),
        }
        if let (Some(y), false) = (y, multi_year) {
            h.report_year = Some(y);
            h.report_year_source = Some(src("title", t, Some(*off)));
        }
    }
    if let Some(pt) = c.page_title.as_deref() {
        let main = pt.split(['_', '|']).next().unwrap_or(pt);
        let (u, y) = from_title(main);
        if title.is_none() && h.report_year.is_none() && y.is_some() && !multi_year {
            h.report_year = y;
            h.report_year_source = Some(src("page_title", pt, None));
        }
        if let Some(u) = u.filter(|u| is_unit_name(u)) {
            h.page_title_unit = Some(Found { value: u, source: src("page_title", pt, None) });
        }
    }

    // The opening paragraphs: the first lines after the title that are not headings.
    // (up to the first heading; when the text starts with a heading, the paragraph after it).
    let body_from = title.as_ref().map_or(0, |(i, _, _, n)| i + n);
    let mut opening: Vec<(usize, &str)> = Vec::new();
    for &(off, l) in lines.iter().skip(body_from) {
        if crate::clean::starts_with_marker(l) {
            if opening.is_empty() {
                continue;
            }
            break;
        }
        if l.chars().count() >= 15 && !title_like(l) {
            opening.push((off, l));
            if opening.len() == 3 {
                break;
            }
        }
    }
    h.opening = opening.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");

    // Publication date: page metadata lines, then <meta>, then the signature.
    if let Some((d, m, rank)) = meta_date(&c.meta) {
        h.publish_date = Some(d);
        h.publish_date_source =
            Some(src(if rank == 2 && m.contains("来源") { "source_line" } else { "date_line" }, m, None));
    }
    if h.publish_date.is_none() {
        if let Some((d, _)) = c.meta_date.as_deref().and_then(parse_date) {
            h.publish_date = Some(d);
            h.publish_date_source = c.meta_date.as_deref().map(|m| src("page_meta", m, None));
        }
    }
    // Metadata: the publisher next to the date, 发布机构/发文机关.
    let mut meta_units: Vec<Found<String>> = Vec::new();
    for m in &c.meta {
        if let Some(u) = meta_unit(m) {
            meta_units.push(Found { value: u, source: src("date_line", m, None) });
        }
        if let Some(v) = labelled_value(m, &["发布机构", "发文机关", "发布单位", "发布部门"]) {
            if is_unit_name(v) {
                meta_units.push(Found { value: v.to_string(), source: src("source_line", m, None) });
            }
        }
    }

    // Opening sentence.
    let opening_found = opening_unit(&opening);
    if let Some((u, off, p)) = &opening_found {
        if !u.starts_with(['我', '全', '本']) && !is_level_led(u) {
            unit_candidates.push(Found { value: u.clone(), source: src("first_sentence", p, Some(*off)) });
        }
    }
    unit_candidates.extend(meta_units);
    if let Some((u, off, p)) = &opening_found {
        unit_candidates.push(Found { value: u.clone(), source: src("first_sentence", p, Some(*off)) });
    }
    // Signature: the last few lines, a unit line and/or a date line.
    let tail: Vec<&(usize, &str)> = lines.iter().rev().take(3).collect();
    for &&(off, l) in &tail {
        if l.chars().count() > 40 {
            break;
        }
        if let Some((d, range)) = parse_date(l) {
            let rest = format!("{}{}", &l[..range.start], &l[range.end..]);
            let rest = rest.trim();
            if rest.is_empty() || looks_like_unit(rest) {
                if h.publish_date.is_none() {
                    h.publish_date = Some(d);
                    h.publish_date_source = Some(src("signature", l, Some(off)));
                }
                if !rest.is_empty() {
                    unit_candidates.push(Found { value: rest.to_string(), source: src("signature", l, Some(off)) });
                }
            }
        } else if looks_like_unit(l) && is_unit_name(l.trim()) {
            unit_candidates.push(Found { value: l.trim().to_string(), source: src("signature", l, Some(off)) });
        }
    }
    // 来源: line names the publisher.
    for m in &c.meta {
        if let Some(p) = m.find("来源") {
            let after = m[p + "来源".len()..].trim_start_matches([':', ' ']);
            let name: String =
                after.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '|' | '】' | ']')).collect();
            if looks_like_unit(&name) && is_unit_name(&name) {
                unit_candidates.push(Found { value: name, source: src("source_line", m, None) });
                break;
            }
        }
    }
    unit_candidates.extend(h.page_title_unit.take());
    h.unit = unit_candidates.into_iter().find(|f| clean_unit(&f.value));
    // A unit named without its region: resolve it from the text.
    if let Some(f) = h.unit.as_mut() {
        let (u, parent) = crate::regions::resolve(&f.value, &c.body);
        f.value = u;
        h.unit_parent = parent.map(|p| Found { value: p, source: src("text", &f.source.text, f.source.offset) });
    }

    // Year: the opening sentence (`2023年,…`, `现将…2023年度…报告如下`).
    if h.report_year.is_none() && !multi_year {
        for &(off, p) in &opening {
            if let Some(caps) = opening_year_re().captures(p) {
                if let Some(y) = caps.name("y").or(caps.name("y2")).and_then(|y| y.as_str().parse().ok()) {
                    h.report_year = Some(y);
                    h.report_year_source = Some(src("first_sentence", p, Some(off)));
                    break;
                }
            }
        }
    }
    if h.report_year.is_none() && !multi_year {
        year_fallback(&mut h, &lines);
    }
    h
}

/// Year from a numbered heading (`一、2023年主要举措…` or `四、2024年工作安排` minus one),
/// else the most frequent year in the opening text, else the publication year minus one.
fn year_fallback(h: &mut Header, lines: &[(usize, &str)]) {
    for &(off, l) in lines.iter().take(400) {
        if !crate::clean::starts_with_marker(l) || l.chars().count() > 60 {
            continue;
        }
        if let Some(y) = year_re().captures(l).and_then(|c| c.get(1)).and_then(|m| m.as_str().parse::<i32>().ok()) {
            let plan = ["安排", "打算", "计划", "思路", "展望"].iter().any(|k| l.contains(k));
            h.report_year = Some(if plan { y - 1 } else { y });
            h.report_year_source = Some(src(if plan { "plan_heading" } else { "heading" }, l, Some(off)));
            return;
        }
    }
    // The year's work plan the report implements: 根据《2023年法治政府建设工作要点》.
    for &(off, l) in lines.iter().take(6) {
        if let Some(y) = plan_year_re().captures(l).and_then(|c| c.get(1)).and_then(|m| m.as_str().parse::<i32>().ok())
        {
            h.report_year = Some(y);
            h.report_year_source = Some(src("text", l, Some(off)));
            return;
        }
    }
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let mut first_off = None;
    for &(off, l) in lines.iter().take(20) {
        for c in year_re().captures_iter(l) {
            // The end of a span (2021—2025年) is not a year reported on.
            let span = c.get(0).is_some_and(|m| l[..m.start()].ends_with(['—', '-', '–', '~', '至']));
            if span {
                continue;
            }
            if let Some(y) = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) {
                first_off.get_or_insert((off, l));
                match counts.iter_mut().find(|(v, _)| *v == y) {
                    Some(e) => e.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
    }
    if let Some(&(y, n)) = counts.iter().max_by_key(|(y, n)| (*n, -*y)) {
        if n >= 2 {
            h.report_year = Some(y);
            h.report_year_source = first_off.map(|(off, l)| src("text", l, Some(off)));
            return;
        }
    }
    if let Some(d) = h.publish_date {
        use chrono::Datelike;
        h.report_year = Some(d.year() - 1);
        h.report_year_source = h.publish_date_source.clone().map(|mut s| {
            s.kind = "publish_date";
            s
        });
    }
}

/// Each line of `body` with its character offset.
pub fn line_offsets(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut off = 0usize;
    for l in body.split('\n') {
        out.push((off, l));
        off += l.chars().count() + 1;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for re in [
            date_re(),
            title_re(),
            year_re(),
            time_re(),
            subject_stop_re(),
            report_as_follows_re(),
            plan_year_re(),
            self_reference_re(),
            spam_re(),
            glued_title_re(),
            opening_year_re(),
        ] {
            assert!(!crate::clean::is_fallback(re), "{}", re.as_str());
        }
    }

    #[test]
    fn titles_table() {
        let cases: [(&str, Option<&str>, Option<i32>); 9] = [
            ("某区人民政府关于某区2023年法治政府建设工作情况的报告", Some("某区人民政府"), Some(2023)),
            ("2023年度法治政府建设情况报告", None, Some(2023)),
            ("北京市某区人民政府2021年法治政府建设年度情况报告", Some("北京市某区人民政府"), Some(2021)),
            ("某县人民政府关于2022年度法治政府建设情况的报告", Some("某县人民政府"), Some(2022)),
            ("2023年度某市某区法治政府建设工作报告", Some("某市某区"), Some(2023)),
            ("关于二〇二二年度法治政府建设工作情况的报告", None, Some(2022)),
            ("某市司法局2024年度法治政府建设情况报告", Some("某市司法局"), Some(2024)),
            ("某镇人民政府法治政府建设年度报告", Some("某镇人民政府"), None),
            ("中共某县委 某县人民政府关于2021年法治政府建设情况的报告", Some("中共某县委 某县人民政府"), Some(2021)),
        ];
        for (t, unit, year) in cases {
            let (u, y) = from_title(t);
            assert_eq!((u.as_deref(), y), (unit, year), "{t}");
        }
    }

    #[test]
    fn dates_table() {
        let cases: [(&str, Option<&str>); 7] = [
            ("日期:2022-03-29 10:00", Some("2022-03-29")),
            ("发布时间:2023年3月5日", Some("2023-03-05")),
            ("2024/03/28", Some("2024-03-28")),
            ("二〇二三年三月二十八日", Some("2023-03-28")),
            ("2023.12.31", Some("2023-12-31")),
            ("2023年13月40日", None),
            ("受理12件", None),
        ];
        for (s, want) in cases {
            let got = parse_date(s).map(|(d, _)| d.format("%Y-%m-%d").to_string());
            assert_eq!(got.as_deref(), want, "{s}");
        }
    }
}
