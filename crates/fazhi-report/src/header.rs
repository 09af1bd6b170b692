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

fn first_sentence_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"^(?:(?P<y>(?:19|20)[0-9]{2})\s*年(?:度|以来|来)?\s*[,,]?\s*)?(?:以来,)?(?P<u>[\p{Han}]{1,12}?(?:自治县|自治州|区|县|市|旗|州|盟|镇|乡|街道|局|委员会|政府))",
    )
}

const NOT_UNIT_START: &str = "在我全按以坚深围紧面为根对通聚立着持认结各本今去一二三";

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"((?:19|20)[0-9]{2})\s*年")
}

fn src(kind: &'static str, text: &str, offset: Option<usize>) -> Source {
    Source { kind, text: cut(text), offset }
}

/// Extracts the header facts.
pub fn extract(c: &Cleaned) -> Header {
    let mut h = Header::default();
    let lines: Vec<(usize, &str)> = line_offsets(&c.body);
    let title = lines.iter().take(3).find(|(_, l)| l.contains("报告") && l.chars().count() <= 80 && !l.ends_with('。'));

    // Unit and year from the report's title, then from the page title.
    if let Some(&(off, t)) = title {
        let (u, y) = from_title(t);
        // The unit may stand on its own line above the title.
        let above = lines
            .iter()
            .take_while(|(o, _)| *o < off)
            .last()
            .filter(|(_, l)| looks_like_unit(l))
            .map(|&(o, l)| Found { value: l.trim().to_string(), source: src("title", l, Some(o)) });
        if let Some(u) = u {
            h.unit = Some(Found { value: u, source: src("title", t, Some(off)) });
        } else if above.is_some() {
            h.unit = above;
        }
        if let Some(y) = y {
            h.report_year = Some(y);
            h.report_year_source = Some(src("title", t, Some(off)));
        }
    }
    if let Some(pt) = c.page_title.as_deref() {
        let main = pt.split(['_', '|']).next().unwrap_or(pt);
        let (u, y) = from_title(main);
        if h.unit.is_none() {
            h.unit = u.map(|u| Found { value: u, source: src("page_title", pt, None) });
        }
        if h.report_year.is_none() && y.is_some() {
            h.report_year = y;
            h.report_year_source = Some(src("page_title", pt, None));
        }
    }

    // Publication date: page metadata lines, then <meta>, then the signature.
    for m in &c.meta {
        if m.contains("成文") || m.contains("索引号") {
            continue;
        }
        if let Some((d, _)) = parse_date(m) {
            h.publish_date = Some(d);
            h.publish_date_source = Some(src(
                if m.contains("来源") && !m.contains("日期") && !m.contains("时间") {
                    "source_line"
                } else {
                    "date_line"
                },
                m,
                None,
            ));
            break;
        }
    }
    if h.publish_date.is_none() {
        if let Some((d, _)) = c.meta_date.as_deref().and_then(parse_date) {
            h.publish_date = Some(d);
            h.publish_date_source = c.meta_date.as_deref().map(|m| src("page_meta", m, None));
        }
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
                if !rest.is_empty() && h.unit.is_none() {
                    h.unit = Some(Found { value: rest.to_string(), source: src("signature", l, Some(off)) });
                }
            }
        } else if looks_like_unit(l) && h.unit.is_none() {
            h.unit = Some(Found { value: l.trim().to_string(), source: src("signature", l, Some(off)) });
        }
    }
    // 来源: line names the publisher.
    if h.unit.is_none() {
        for m in &c.meta {
            if let Some(p) = m.find("来源") {
                let after = m[p + "来源".len()..].trim_start_matches([':', ' ']);
                let name: String =
                    after.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '|' | '】' | ']')).collect();
                if looks_like_unit(&name) {
                    h.unit = Some(Found { value: name, source: src("source_line", m, None) });
                    break;
                }
            }
        }
    }
    // First sentence: `2023年,某区坚持…`.
    let first_para = lines.iter().find(|(_, l)| l.chars().count() >= 20 && !crate::clean::starts_with_marker(l));
    if let Some(&(off, p)) = first_para {
        if let Some(caps) = first_sentence_re().captures(p) {
            if h.report_year.is_none() {
                if let Some(y) = caps.name("y").and_then(|y| y.as_str().parse().ok()) {
                    h.report_year = Some(y);
                    h.report_year_source = Some(src("first_sentence", p, Some(off)));
                }
            }
            if h.unit.is_none() {
                if let Some(u) = caps.name("u") {
                    let u = u.as_str();
                    let bad = u.chars().next().is_some_and(|c| NOT_UNIT_START.contains(c));
                    if !bad && u.chars().count() >= 2 {
                        h.unit = Some(Found { value: u.to_string(), source: src("first_sentence", p, Some(off)) });
                    }
                }
            }
        }
    }
    if h.report_year.is_none() {
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
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let mut first_off = None;
    for &(off, l) in lines.iter().take(20) {
        for c in year_re().captures_iter(l) {
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
        for re in [date_re(), title_re(), first_sentence_re(), year_re()] {
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
