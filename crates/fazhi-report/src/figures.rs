//! Stated figures: a number (Arabic or Chinese numerals, 万/亿, decimals, percentages,
//! 百分之…), its measure word, approximation words (余/多/近/约/超过/以上 …), what is counted
//! (the noun phrase before it, or after it when the number comes first), and the
//! indicator id it maps to.

use std::sync::OnceLock;

use regex::Regex;

use crate::clean::unreachable_regex;
use crate::header::line_offsets;
use crate::indicators;
use crate::model::Figure;
use crate::numbers;

fn figure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?P<pre>近|约|超过|超|逾|多达|将近|不少于|不到|接近)?",
            r"(?:百分之(?P<pct>[零〇一二三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)(?P<post2a>左右|以上|多)?",
            r"|(?:(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)|(?P<cn>[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?))",
            r"(?P<mag>万|亿)?(?P<post>余|多)?",
            r"(?P<unit>%|‰|万元|亿元|元|万人次|人次|件次|户次|场次|批次|家次|万件|万人|万户|件|次|人|家|户|份|项|条|场|个|卷|期|名|所|起|篇|部|宗|套|座|支|台|辆|处|小时|天|课时|位|类|轮|年)",
            r"(?P<post2>左右|以上|多)?)"
        ))
        .unwrap_or_else(|_| unreachable_regex())
    })
}

/// Approximation words that can stand before a number (longest first).
const PRE_WORDS: [&str; 10] = ["不少于", "超过", "多达", "将近", "不到", "接近", "近", "约", "超", "逾"];

fn is_cn_numeral(c: char) -> bool {
    matches!(c, '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

/// Cheap test before the regex: after the number (and 万/亿, 余/多) comes a measure word,
/// or the number is 百分之…. Most numerals in prose (一是, 进一步, 统一) fail here.
fn could_be_figure(rest: &str) -> bool {
    if rest.starts_with("百分之") {
        return true;
    }
    let mut chars = rest.chars().peekable();
    let mut run = 0usize;
    let first = chars.peek().copied();
    while let Some(&c) = chars.peek() {
        let numeric = c.is_ascii_digit() || is_cn_numeral(c);
        if numeric || (run > 0 && matches!(c, '.' | ',' | '点')) {
            run += 1;
            chars.next();
        } else {
            break;
        }
    }
    if run == 1 && first == Some('一') {
        return false;
    }
    while chars.peek().is_some_and(|c| matches!(c, '万' | '亿' | '余' | '多')) {
        chars.next();
    }
    chars.peek().is_some_and(|&c| {
        matches!(
            c,
            '%' | '‰'
                | '元'
                | '人'
                | '件'
                | '户'
                | '场'
                | '批'
                | '家'
                | '次'
                | '份'
                | '项'
                | '条'
                | '个'
                | '卷'
                | '期'
                | '名'
                | '所'
                | '起'
                | '篇'
                | '部'
                | '宗'
                | '套'
                | '座'
                | '支'
                | '台'
                | '辆'
                | '处'
                | '小'
                | '天'
                | '课'
                | '位'
                | '类'
                | '轮'
        )
    })
}

/// A count of years: digits or numerals, then 年 (checked only after 连续).
fn could_be_years(rest: &str) -> bool {
    let n = rest.chars().take_while(|c| c.is_ascii_digit() || is_cn_numeral(*c)).count();
    (1..=3).contains(&n) && rest.chars().nth(n) == Some('年')
}

/// Byte positions where a figure may start: the first digit or numeral of a run, moved
/// back over an approximation word before it.
fn candidates(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let start = if c.is_ascii_digit() {
            !prev.is_some_and(|p| p.is_ascii_digit())
        } else if is_cn_numeral(c) {
            !prev.is_some_and(is_cn_numeral)
        } else {
            false
        };
        // 连续3年: a duration, the only count of years that is a figure.
        let years = || line[..i].ends_with("连续") && could_be_years(&line[i..]);
        // 每季度听取一次: a frequency with a lone 一.
        let once =
            || line[i..].starts_with("一次") && line[..i].rsplit(CLAUSE_STOPS).next().is_some_and(|c| c.contains('每'));
        if start && (could_be_figure(&line[i..]) || years() || once()) {
            let before = &line[..i];
            let pre = PRE_WORDS.iter().find(|w| before.ends_with(*w)).map_or(0, |w| w.len());
            out.push(i - pre);
        }
        prev = Some(c);
    }
    out
}

/// Characters that end the noun phrase before a figure.
const CLAUSE_STOPS: [char; 15] = [',', '。', ';', ':', '、', '(', ')', '“', '”', '!', '?', '《', '》', '\n', '"'];

const LEADING_FILLER: [&str; 14] =
    ["其中", "全年共", "全年", "共计", "累计", "合计", "总计", "共", "并", "及", "与", "全区", "年内", "本年度"];
const TRAILING_FILLER: [&str; 13] =
    ["共计", "累计", "合计", "总计", "达到", "分别为", "分别", "共", "达", "为", "计", "约", "是"];

/// Quoted slogans and set phrases that look like figures but are not.
const SLOGANS: [&str; 11] = [
    "千家万户",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "四个全面",
    "五位一体",
    "三个代表",
    "一个中心",
    "两个基本点",
    "八项规定",
];

fn trim_subject(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        for f in LEADING_FILLER {
            if let Some(r) = s.strip_prefix(f) {
                if !r.is_empty() {
                    s = r;
                }
            }
        }
        for f in TRAILING_FILLER {
            if let Some(r) = s.strip_suffix(f) {
                s = r;
            }
        }
        if s == before {
            return s.trim();
        }
    }
}

/// Extracts every figure from the cleaned text, with character offsets.
pub fn extract(body: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for (line_off, line) in line_offsets(body) {
        let from = out.len();
        extract_line(line, line_off, &mut out);
        if line.contains('第') && ranking_re().is_match(line) {
            rankings(line, line_off, &mut out);
            out[from..].sort_by_key(|f| f.offset);
        }
    }
    out
}

fn ranking_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<pre>排名|名列|位列|位居|排在|排|居)(?:全[国省市区县]|[省市区县]级|综合|总体|前)?第(?P<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?P<u>名|位)?|第(?P<n2>[0-9]{1,3}|[一二三四五六七八九十]{1,3})(?P<u2>名)",
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

/// Rankings: 排名第二, 位居全省第5位, 第十名 → the place, with 名/位 or no unit.
fn rankings(line: &str, line_off: usize, out: &mut Vec<Figure>) {
    for caps in ranking_re().captures_iter(line) {
        let (Some(all), Some(n)) = (caps.get(0), caps.name("n").or(caps.name("n2"))) else {
            continue;
        };
        // 第一名 in a name (第一名义) or a ranking already read.
        if line[all.end()..].starts_with('义') {
            continue;
        }
        let Some(value) = numbers::number(n.as_str()) else { continue };
        let unit = caps.name("u").or(caps.name("u2")).map_or("", |m| m.as_str());
        // The text starts at 第; a qualifier (全省, 综合) belongs to the subject.
        let text_start = all.start() + all.as_str().find('第').unwrap_or(0);
        let text = &line[text_start..all.end()];
        let before = &line[..all.start()];
        let clause_start =
            before.rfind(CLAUSE_STOPS).map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        let subject = format!("{}{}", trim_subject(&before[clause_start..]), &line[all.start()..text_start]);
        out.push(Figure {
            text: text.to_string(),
            value,
            unit: unit.to_string(),
            subject,
            approx: None,
            indicator: None,
            offset: line_off + line[..text_start].chars().count(),
        });
    }
}

/// A match in line coordinates.
struct Span<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Capture group indexes of [`figure_re`] (looking groups up by name hashes each time).
struct Groups {
    pre: usize,
    pct: usize,
    post2a: usize,
    num: usize,
    cn: usize,
    mag: usize,
    post: usize,
    unit: usize,
    post2: usize,
}

fn groups() -> &'static Groups {
    static G: OnceLock<Groups> = OnceLock::new();
    G.get_or_init(|| {
        let names: Vec<Option<&str>> = figure_re().capture_names().collect();
        // An index that is never a group, should a name be missing.
        let none = names.len() + 1;
        let at = |n: &str| names.iter().position(|x| *x == Some(n)).unwrap_or(none);
        Groups {
            pre: at("pre"),
            pct: at("pct"),
            post2a: at("post2a"),
            num: at("num"),
            cn: at("cn"),
            mag: at("mag"),
            post: at("post"),
            unit: at("unit"),
            post2: at("post2"),
        }
    })
}

fn extract_line(line: &str, line_off: usize, out: &mut Vec<Figure>) {
    let g = groups();
    // Character offsets are computed incrementally: matches come in text order.
    let mut last_byte = 0usize;
    let mut last_char = 0usize;
    let mut resume = 0usize;
    for base in candidates(line) {
        if base < resume {
            continue;
        }
        let Some(caps) = figure_re().captures(&line[base..]) else {
            continue;
        };
        let Some(m) = caps.get(0) else { continue };
        resume = base + m.end();
        let all = Span { start: base + m.start(), end: base + m.end(), text: m.as_str() };
        let unit = caps.get(g.unit).map_or("", |m| m.as_str());
        let pct = caps.get(g.pct);
        if unit.is_empty() && pct.is_none() {
            continue;
        }
        let start = all.start;
        let prev = line[..start].chars().next_back();
        let next = line[all.end..].chars().next();
        let cn = caps.get(g.cn);
        if unit == "年" && !line[..start].ends_with("连续") {
            continue;
        }
        if is_ordinal_or_name(line, start, all.end, unit, cn.is_some()) {
            continue;
        }
        if let Some(c) = cn {
            let s = c.as_str();
            // A lone 一 is idiom (一件事, 一次性, 一个), not a count, except for a frequency
            // (每季度听取一次); 第二次 is an ordinal.
            let frequency = s == "一"
                && matches!(unit, "次" | "期" | "场" | "轮" | "批次")
                && line[..start].rsplit(CLAUSE_STOPS).next().is_some_and(|c| c.contains('每'));
            if (s == "一" && !frequency) || s.chars().all(|c| c == '零' || c == '〇') {
                continue;
            }
            let phrase = &line[base + c.start()..];
            if SLOGANS.iter().any(|sl| phrase.starts_with(sl)) {
                continue;
            }
        }
        if matches!(prev, Some('第' | '.' | '-' | '/' | '“' | '"')) || prev.is_some_and(|p| p.is_ascii_digit()) {
            continue;
        }
        // 12345热线 or 2021年: a number not followed by a measure word was skipped above; a
        // measure word that is really the start of a word (个人, 条例, 项目) is skipped here.
        if is_false_measure(unit, next) {
            continue;
        }
        let value = if let Some(p) = pct {
            numbers::number(p.as_str())
        } else if let Some(n) = caps.get(g.num) {
            numbers::number(n.as_str())
        } else {
            cn.and_then(|c| numbers::number(c.as_str()))
        };
        let Some(mut value) = value else { continue };
        let mag = caps.get(g.mag).map_or("", |m| m.as_str());
        let (mut unit, value_unit) = normalize_unit(unit, pct.is_some());
        if !mag.is_empty() && unit == "元" {
            // Money keeps its magnitude in the unit: 2亿元 → 2, 亿元.
            unit = format!("{mag}元");
        } else if !mag.is_empty() && !unit.contains('元') {
            value *= numbers::magnitude(mag);
        }
        value *= value_unit;
        let approx = [caps.get(g.pre), caps.get(g.post), caps.get(g.post2), caps.get(g.post2a)]
            .into_iter()
            .flatten()
            .map(|m| m.as_str().to_string())
            .next();
        let before = &line[..start];
        let mut clause_start =
            before.rfind(CLAUSE_STOPS).map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        // `办复各级建议、提案575件`: a short item after 、 takes the list before it along.
        if before[..clause_start].ends_with('、') && before[clause_start..].chars().count() <= 4 {
            let list = &before[..clause_start - '、'.len_utf8()];
            let stops = CLAUSE_STOPS.iter().filter(|c| **c != '、').copied().collect::<Vec<char>>();
            clause_start =
                list.rfind(stops.as_slice()).map_or(0, |p| p + list[p..].chars().next().map_or(1, char::len_utf8));
        }
        let prefix = trim_subject(&before[clause_start..]);
        let prefix: &str = {
            let n = prefix.chars().count();
            if n > 24 {
                let skip = n - 24;
                prefix.char_indices().nth(skip).map_or(prefix, |(b, _)| &prefix[b..])
            } else {
                prefix
            }
        };
        let after = &line[all.end..];
        let after_end = after.find(CLAUSE_STOPS).unwrap_or(after.len());
        let after_np = after[..after_end].trim();
        let subject = if prefix.chars().count() <= 5 && !after_np.is_empty() && unit != "%" {
            let after_np: String = after_np.chars().take(16).collect();
            format!("{prefix}{after_np}")
        } else {
            prefix.to_string()
        };
        let indicator = indicators::map(&subject, &unit, &domain_context(line, start));
        let offset = {
            last_char += line[last_byte..start].chars().count();
            last_byte = start;
            line_off + last_char
        };
        out.push(Figure { text: all.text.to_string(), value, unit, subject, approx, indicator, offset });
    }
}

/// The text that can name a figure's domain: its sentence up to the figure, after the
/// heading clause of its paragraph when the paragraph opens with a numbered heading
/// (for example `3.优化热线办理机制。…受理案件12.5万件`, where the heading says what is counted).
fn domain_context(line: &str, start: usize) -> String {
    let before = &line[..start];
    let sentence_start =
        before.rfind(['。', '!', '?', ';']).map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let mut ctx = String::new();
    if sentence_start > 0 && crate::parts::marker(line).is_some() {
        if let Some(end) = line.find('。').filter(|&e| e < sentence_start) {
            ctx.push_str(&line[..end]);
            ctx.push('。');
        }
    }
    ctx.push_str(&before[sentence_start..]);
    ctx
}

/// Not a count: a session number (十二届八次全会, 第三、四次会议), a place name (九台区), or
/// a structural count in numerals (五个方面, 三个部分).
fn is_ordinal_or_name(line: &str, start: usize, end: usize, unit: &str, chinese: bool) -> bool {
    let before = &line[..start];
    let after = &line[end..];
    if unit == "次" || unit == "届" {
        // 六届七次、八次: step back over the earlier sessions of the list.
        let mut b = before;
        while let Some(t) = b.strip_suffix('、').and_then(|t| t.strip_suffix('次')) {
            let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || is_cn_numeral(c));
            if t.len() == b.len() {
                break;
            }
            b = t;
        }
        if b.ends_with('届') {
            return true;
        }
        // 第三、四次: numbers listed after an ordinal 第.
        let list = before.trim_end_matches(|c: char| c == '、' || c.is_ascii_digit() || is_cn_numeral(c));
        if list.len() < before.len() && list.ends_with('第') {
            return true;
        }
    }
    if chinese {
        if after.starts_with(['区', '县', '市', '镇', '乡', '山', '湖', '河']) {
            return true;
        }
        if unit == "个" && ["方面", "部分", "层面", "环节", "阶段", "维度"].iter().any(|w| after.starts_with(w))
        {
            return true;
        }
    }
    false
}

/// Measure words that are usually the first character of a longer word.
fn is_false_measure(unit: &str, next: Option<char>) -> bool {
    let Some(n) = next else { return false };
    match unit {
        "个" => matches!(n, '人' | '体'),
        "条" => matches!(n, '例' | '件' | '款'),
        "项" => matches!(n, '目'),
        "部" => matches!(n, '门' | '署' | '分'),
        "期" => matches!(n, '间' | '限' | '末' | '初'),
        "处" => matches!(n, '理' | '罚' | '置' | '级' | '长'),
        "名" => matches!(n, '单' | '义' | '称' | '录'),
        "所" => matches!(n, '有' | '在' | '属'),
        "支" => matches!(n, '持' | '付' | '部'),
        "台" => matches!(n, '账' | '湾'),
        "人" => matches!(n, '民' | '大' | '员' | '才'),
        "次" => matches!(n, '性'),
        "家" => matches!(n, '庭' | '长'),
        _ => false,
    }
}

/// Normalizes the measure word: `万件` → (`件`, ×10000); `百分之` → `%`.
fn normalize_unit(unit: &str, pct: bool) -> (String, f64) {
    if pct {
        return ("%".to_string(), 1.0);
    }
    match unit {
        "万人次" => ("人次".to_string(), 1e4),
        "万件" => ("件".to_string(), 1e4),
        "万人" => ("人".to_string(), 1e4),
        "万户" => ("户".to_string(), 1e4),
        u => (u.to_string(), 1.0),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn one(line: &str) -> Vec<(String, f64, String, String, Option<String>)> {
        extract(line).into_iter().map(|f| (f.text, f.value, f.unit, f.subject, f.approx)).collect()
    }

    #[test]
    fn pattern_compiles_and_groups_exist() {
        assert!(!crate::clean::is_fallback(figure_re()));
        assert!(!crate::clean::is_fallback(ranking_re()));
        let g = groups();
        let n = figure_re().captures_len();
        for i in [g.pre, g.pct, g.post2a, g.num, g.cn, g.mag, g.post, g.unit, g.post2] {
            assert!(i < n);
        }
    }

    #[test]
    fn figures_table() {
        type Row = (&'static str, f64, &'static str, &'static str, Option<&'static str>);
        let cases: [(&str, &[Row]); 11] = [
            (
                "全年受理行政复议申请4613件,审结3563件。",
                &[("4613件", 4613.0, "件", "受理行政复议申请", None), ("3563件", 3563.0, "件", "审结", None)],
            ),
            (
                "本年度受理案件12.5万件,解决率96.4%。",
                &[("12.5万件", 125_000.0, "件", "受理案件", None), ("96.4%", 96.4, "%", "解决率", None)],
            ),
            ("提供法律服务140余件次。", &[("140余件次", 140.0, "件次", "提供法律服务", Some("余"))]),
            ("涉及赔偿金额246余万元。", &[("246余万元", 246.0, "万元", "涉及赔偿金额", Some("余"))]),
            ("开展普法活动近三百场。", &[("近三百场", 300.0, "场", "开展普法活动", Some("近"))]),
            ("纠错率为百分之十八。", &[("百分之十八", 18.0, "%", "纠错率", None)]),
            (
                "共发起54批次抽查任务,抽查3199户市场主体。",
                &[("54批次", 54.0, "批次", "发起抽查任务", None), ("3199户", 3199.0, "户", "抽查市场主体", None)],
            ),
            ("2021年,落实“高效办成一件事”,第二次会议。", &[]),
            ("培训1,200人次以上。", &[("1,200人次以上", 1200.0, "人次", "培训", Some("以上"))]),
            ("树牢“四个意识”,拨打12345热线。", &[]),
            ("办复各级建议、提案575件。", &[("575件", 575.0, "件", "办复各级建议、提案", None)]),
        ];
        for (line, want) in cases {
            let got = one(line);
            let want: Vec<_> = want
                .iter()
                .map(|(t, v, u, s, a)| (t.to_string(), *v, u.to_string(), s.to_string(), a.map(str::to_string)))
                .collect();
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn offsets_are_char_offsets() {
        let body = "标题\n受理复议申请12件,审结10件。";
        let figs = extract(body);
        let chars: Vec<char> = body.chars().collect();
        for f in &figs {
            let at: String = chars[f.offset..f.offset + f.text.chars().count()].iter().collect();
            assert_eq!(at, f.text);
        }
        assert_eq!(figs.len(), 2);
    }
}
