//! Clean text: normalizes widths and spaces, strips page chrome (navigation, breadcrumbs,
//! share and font-size widgets, 上一篇/下一篇, footers with 主办单位/ICP/公网安备, "您访问的链接
//! 即将离开…" notices), sets page metadata lines (日期/发布时间/来源) aside, and cuts the
//! report body out of the page: from its title (or first paragraph) to its last paragraph
//! and signature.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::InputError;

/// The cleaned report.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Report text, one trimmed non-empty line per paragraph, joined by `\n`.
    pub body: String,
    /// Page metadata lines set aside (日期/发布时间/来源 …), in page order.
    pub meta: Vec<String>,
    /// Page `<title>`, if any.
    pub page_title: Option<String>,
    /// Publication date from page `<meta>` tags, as written.
    pub meta_date: Option<String>,
}

/// Normalizes full-width ASCII (`１２％（一）：`) to half-width, odd spaces to spaces, and
/// drops zero-width characters and carriage returns.
pub fn normalize_width(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0; // bytes of `s` already handled
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only these lead bytes can start a character we change: ASCII controls, U+00A0
        // (C2), U+2000.. (E2), U+3000 (E3), U+FEFF and U+FF01.. (EF).
        let candidate = matches!(b, b'\t' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2 | 0xE3 | 0xEF);
        if !candidate {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let replacement: Option<Option<char>> = match c {
            '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0)),
            '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\t' => Some(Some(' ')),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\r' => Some(None),
            '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' => Some(Some('\n')),
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(&s[copied..i]);
            if let Some(r) = r {
                out.push(r);
            }
            copied = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&s[copied..]);
    out
}

fn meta_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:\[|【)?(?:发布|发文|成文|印发|更新|公开|上传)?(?:日期|时间)\s*[:]|来源\s*[:]|^(?:发布机构|发文机关|发布单位|索引号|主题分类|文号|信息来源)\s*[:]",
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

fn chrome_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:【|\[)?\s*(?:分享|字号|字体|打印|关闭|收藏|纠错|扫一扫|首页|当前位置|您的位置|您现在的位置|您当前的位置|你的位置|(?:浏览|阅读|访问)(?:次数|量)|(?:责任)?编辑\s*[:]|相关(?:链接|文章|新闻|阅读|文件|稿件|信息)|网站(?:地图|声明|首页|导航)|主办|承办|协办|技术支持|版权|联系我们|无障碍|长者|关怀版|English|登录|注册|搜索|微信|微博|手机版|QQ|返回(?:顶部|首页|列表)?|上一篇|下一篇|上一条|下一条|是否继续|继续访问|取消$|已归档|【大|\[大)|(?:ICP|公网安备|网站标识码|网站识别码|您访问的链接即将离开|版权所有|Copyright|©|主办单位|承办单位|技术支持|上一篇|下一篇|大\s*中\s*小|\[\s*打印\s*\]|\[\s*关闭\s*\]|访问次数|浏览次数|\S\s*[>›»]\s*\S)",
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

/// A regex that never matches, the fallback should one of the constant patterns fail to
/// compile (none does: every pattern is exercised by the tests). The empty character
/// class is a valid, constant pattern; `check_bytes` also catches panics.
pub(crate) fn unreachable_regex() -> Regex {
    Regex::new(FALLBACK).expect("the empty class is a valid pattern")
}

const FALLBACK: &str = r"[^\s\S]";

/// Whether `re` is the fallback, i.e. its constant pattern failed to compile (tests).
#[cfg(test)]
pub(crate) fn is_fallback(re: &Regex) -> bool {
    re.as_str() == FALLBACK
}

fn is_punct_rich(line: &str) -> bool {
    line.contains(['。', ',', ';', ':', '、', ',', ';'])
}

/// A line that starts with a heading number (一、 (一) 1. 第一部分 一是 …).
pub fn starts_with_marker(line: &str) -> bool {
    crate::parts::marker(line).is_some()
}

fn is_title(line: &str) -> bool {
    let n = line.chars().count();
    n <= 80
        && (line.contains("报告") || ["情况", "通知", "通报", "方案", "要点", "解读"].iter().any(|w| line.ends_with(w)))
        && (line.contains("法治") || line.contains("依法行政") || line.contains("述法") || line.contains("信息公开"))
        && !line.contains(['>', '›', '»'])
        && !line.ends_with('。')
        && !starts_with_marker(line)
}

fn is_signature(line: &str) -> bool {
    let n = line.chars().count();
    if n > 40 {
        return false;
    }
    crate::header::parse_date(line).is_some_and(|(_, r)| {
        let rest = format!("{}{}", &line[..r.start], &line[r.end..]);
        let rest = rest.trim();
        rest.is_empty() || crate::header::looks_like_unit(rest)
    }) || crate::header::looks_like_unit(line)
}

fn footer_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)ICP备|ICP证|公网安备|网站标识码|网站识别码|版权所有|Copyright|您访问的链接即将离开|主办单位[:]|承办单位[:]")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

/// Footer chrome that is chrome whatever its length (ICP numbers, copyright, exit notices).
fn is_footer(line: &str) -> bool {
    line.chars().count() <= 200 && footer_re().is_match(line)
}

/// A navigation menu: many short space-separated items (`首页 机构 政务公开 政务服务 …`).
fn is_menu(line: &str) -> bool {
    if line.len() > 600 || !line.as_bytes().contains(&b' ') {
        return false;
    }
    let items: Vec<&str> = line.split_whitespace().collect();
    items.len() >= 4
        && items.iter().map(|i| i.chars().count()).sum::<usize>() <= items.len() * 6
        && !line.contains(['。', ','])
}

fn terminator_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:【|\[)?\s*(?:相关(?:链接|文章|新闻|阅读|文件|稿件|信息|推荐)|延伸阅读|推荐阅读|热点(?:新闻|推荐)|上一篇|下一篇|打印本页|关闭窗口|扫一扫在手机)")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

fn is_contentful_n(line: &str, n: usize) -> bool {
    if n < 8 || is_menu(line) {
        return false;
    }
    ((n >= 25 && is_punct_rich(line)) || n >= 60 || (n >= 8 && line.ends_with(['。', ';']))) && !is_footer(line)
}

/// Cleans decoded, Simplified text.
pub fn clean(text: &str, page_title: Option<String>, meta_date: Option<String>) -> Cleaned {
    let norm = normalize_width(text);
    let mut lines: Vec<&str> = Vec::new();
    let mut meta = Vec::new();
    // Per kept line: contentful, starts with a heading number, character count.
    let mut info: Vec<(bool, bool, usize)> = Vec::new();
    let tightened: Vec<std::borrow::Cow<str>> =
        norm.lines().flat_map(split_run_on).map(|l| tighten_digit_spaces(l.trim())).collect();
    for raw in &tightened {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let n = line.chars().count();
        // List items of page metadata: `- [ 发布日期 ] 2024-03-22`, `• 发布机构:某局`.
        let item = meta_item(line);
        if n <= 80 && meta_re().is_match(&item) {
            meta.push(item.into_owned());
            continue;
        }
        lines.push(line);
        info.push((is_contentful_n(line, n), starts_with_marker(line), n));
    }
    // The report starts at its title, or at the first paragraph or numbered heading.
    let first_content = info.iter().position(|&(content, marker, n)| content || (marker && n <= 80));
    // The title nearest to the first paragraph: links to other reports in a sidebar or a
    // list above it also look like titles.
    // A title may be broken over two lines (`关于2023年度全市法治政府` / `建设考核结果的通报`).
    let title_at = |i: usize| {
        is_title(lines[i])
            || lines.get(i + 1).is_some_and(|next| {
                lines[i].chars().count() <= 40
                    && next.chars().count() <= 40
                    && !lines[i].contains(['。', ',', ';', ':'])
                    && !starts_with_marker(next)
                    && is_title(&format!("{}{next}", lines[i]))
            })
    };
    let title = (0..first_content.map_or(lines.len(), |i| i + 1).min(lines.len())).rev().find(|&i| title_at(i));
    let start = match (title, first_content) {
        // A unit line just above a title without one (`某区人民政府` / `关于2023年…的报告`).
        (Some(t), _)
            if t > 0
                && (crate::header::looks_like_unit(lines[t - 1])
                    || (lines[t - 1].ends_with("关于") && lines[t - 1].chars().count() <= 40))
                && crate::header::from_title(lines[t]).0.is_none() =>
        {
            t - 1
        }
        (Some(t), _) => t,
        (None, Some(c)) => c,
        (None, None) => 0,
    };
    // It ends before the page's "related articles"/pager block, at its last paragraph or
    // heading, plus a signature (unit, date) after it.
    let stop = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(i, l)| info[*i].2 <= 40 && terminator_re().is_match(l))
        .map_or(lines.len(), |(i, _)| i);
    let last_content =
        info[..stop].iter().rposition(|&(content, marker, _)| content || marker).unwrap_or(stop.saturating_sub(1));
    let mut end = last_content.max(start);
    // A short closing sentence under the last heading (`无。`, `暂无其他事项。`) is
    // text of the report too, and the signature may follow it.
    let closing = |l: &str| l.chars().count() <= 30 && l.ends_with('。') && !is_footer(l) && !is_menu(l);
    while end + 1 < stop && end < last_content + 4 && (is_signature(lines[end + 1]) || closing(lines[end + 1])) {
        end += 1;
    }
    // A bare date in the page header (before the report starts) is page metadata.
    for line in &lines[..start.min(lines.len())] {
        if line.chars().count() <= 40 && crate::header::parse_date(line).is_some() {
            meta.push(format!("日期:{line}"));
        }
    }
    // So is a short date line between the title and the first paragraph
    // (`2024-03-22 09:18 某省人民政府网`, `某县人民政府 2024年1月8日`).
    let mut header_dates: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(start) {
        if line.chars().count() <= 60 && !is_title(line) && crate::header::parse_date(line).is_some() {
            meta.push((*line).to_string());
            header_dates.push(i);
        } else if info[i].0 || info[i].1 {
            break;
        }
    }
    let mut body = String::with_capacity(norm.len());
    if !lines.is_empty() {
        for (i, line) in lines[start..=end].iter().enumerate() {
            if header_dates.contains(&(start + i)) {
                continue;
            }
            let keep_title = title.is_some_and(|t| start + i <= t);
            let content = info[start + i].0;
            if !keep_title && ((!content && chrome_re().is_match(line)) || is_footer(line)) {
                continue;
            }
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(line);
        }
    }
    Cleaned { body, meta, page_title: page_title.map(|t| normalize_width(&t)), meta_date }
}

/// A metadata list item with its bullet and bracketed label unwrapped:
/// `- [ 发布日期 ] 2024-03-22` → `发布日期:2024-03-22`, `• 发布机构:某局` → `发布机构:某局`.
fn meta_item(line: &str) -> std::borrow::Cow<'_, str> {
    let l = line.trim_start_matches(['-', '•', '·', '*', '●', '▪']).trim_start();
    if let Some(rest) = l.strip_prefix(['[', '【']) {
        if let Some(close) = rest.find([']', '】']) {
            let label = rest[..close].trim();
            let value = rest[close + rest[close..].chars().next().map_or(1, char::len_utf8)..].trim();
            if (2..=6).contains(&label.chars().count()) {
                return std::borrow::Cow::Owned(format!("{label}:{value}"));
            }
        }
    }
    if l.len() == line.len() {
        std::borrow::Cow::Borrowed(line)
    } else {
        std::borrow::Cow::Borrowed(l)
    }
}

/// Splits a long line whose paragraphs and headings were run together (joined by spaces,
/// or a heading `一、`/`(一)` right after a full stop or colon) into its paragraphs.
fn split_run_on(line: &str) -> Vec<&str> {
    // Only a line with a top-level heading inside it can be a run-on text.
    if line.len() < 240 {
        return vec![line];
    }
    let rest = &line[line.chars().next().map_or(0, char::len_utf8)..];
    if !(rest.contains("一、") || rest.contains("(一)")) {
        return vec![line];
    }
    let cuts = run_on_cuts(line);
    if cuts.is_empty() {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for at in cuts {
        // `一、某某基本情况(一)…`: a short top-level heading run into its first sub-heading.
        let piece = &line[from..at];
        out.push(piece);
        from = at;
        split_heading_run_in(line, &mut from, &mut out);
    }
    split_heading_run_in(line, &mut from, &mut out);
    out.push(&line[from..]);
    out
}

/// At `from` a short top-level heading (`一、某某情况`) may run straight into its first
/// sub-heading `(一)`: cut there too.
fn split_heading_run_in<'a>(line: &'a str, from: &mut usize, out: &mut Vec<&'a str>) {
    let rest = &line[*from..];
    if crate::parts::marker(rest).is_none_or(|m| m.level != 1) {
        return;
    }
    let window: usize = rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i);
    if let Some(p) = rest[..window].find('(') {
        if p > 0 && crate::parts::marker(&rest[p..]).is_some_and(|m| m.level == 2) && !rest[..p].contains(['。', ','])
        {
            out.push(&rest[..p]);
            *from += p;
        }
    }
}

/// Byte offsets where a heading of level 一、 or (一) starts right after a full stop, colon,
/// semicolon or space. A byte scan: this runs on every long paragraph.
fn run_on_cuts(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let stop = match b[i] {
            b':' | b';' | b' ' | b'!' | b'?' => 1,
            // 。 is E3 80 82.
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => 3,
            _ => 0,
        };
        if stop == 0 {
            i += 1;
            continue;
        }
        let at = i + stop;
        // A heading starts with `(`, 第 or a numeral (3-byte characters from E4..E9).
        let next = b.get(at).copied().unwrap_or(0);
        if (next == b'(' || (0xE4..=0xE9).contains(&next))
            && line.is_char_boundary(at)
            && crate::parts::marker(&line[at..]).is_some_and(|m| m.level <= 2)
        {
            cuts.push(at);
        }
        i = at;
    }
    cuts
}

/// Characters that follow a number directly: dates and measure words.
const MEASURE_AFTER_DIGITS: &str = "年月日号件次人项条场个期名家户份所起篇部宗套座支台辆处天元万亿余多轮批位课类%";

/// Removes spaces between a digit and a Chinese character (`受理 12 件` → `受理12件`,
/// `2025 年` → `2025年`), a typesetting habit of some publishers.
fn tighten_digit_spaces(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(' ') || !line.bytes().any(|b| b.is_ascii_digit()) {
        return std::borrow::Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '%';
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let prev = out.chars().next_back();
            let next = chars.get(j).copied();
            if let (Some(p), Some(n)) = (prev, next) {
                // `学习 18 次`: a number spaced on both sides loses both spaces.
                let spaced_number = || {
                    let digits = chars[j..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
                    chars.get(j + digits) == Some(&' ')
                };
                if (p.is_ascii_digit() && MEASURE_AFTER_DIGITS.contains(n))
                    || (cjk(p) && n.is_ascii_digit() && spaced_number())
                {
                    i = j;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// Rejects a page that has no report in it.
pub fn looks_like_report(cleaned: &Cleaned) -> Result<(), InputError> {
    // Lead bytes E4..E9 start exactly the characters U+4000..U+9FFF.
    let cjk = cleaned.body.bytes().filter(|b| (0xE4..=0xE9).contains(b)).count();
    let topical = ["法治", "依法", "法制", "行政"].iter().any(|k| cleaned.body.contains(k));
    if cjk < 80 || !topical {
        return Err(InputError::new("no_report", "未找到报告正文(内容过短或与法治政府建设无关)"));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn strips_chrome_and_keeps_meta_and_signature() {
        let page = "首页 > 政务公开 > 法治政府建设\n当前位置:首页\n\
            某县人民政府关于2022年度法治政府建设情况的报告\n\
            发布时间:2023-03-20 来源:某县司法局\n分享到: 微信 微博\n【字号:大 中 小】【打印】\n\
            2022年,某县深入推进依法行政,取得积极成效,现将有关情况报告如下。\n\
            一、主要举措和成效\n全年受理行政复议申请12件,审结10件。\n\
            某县人民政府\n2023年3月15日\n上一篇:关于某事的通知\n下一篇:无\n\
            主办单位:某县人民政府办公室 京ICP备12345678号 京公网安备11010102000001号\n网站标识码1100000001\n\
            您访问的链接即将离开“首都之窗”门户网站 是否继续?";
        let c = clean(page, None, None);
        let lines: Vec<&str> = c.body.lines().collect();
        assert_eq!(
            lines,
            [
                "某县人民政府关于2022年度法治政府建设情况的报告",
                "2022年,某县深入推进依法行政,取得积极成效,现将有关情况报告如下。",
                "一、主要举措和成效",
                "全年受理行政复议申请12件,审结10件。",
                "某县人民政府",
                "2023年3月15日",
            ]
        );
        assert_eq!(c.meta, ["发布时间:2023-03-20 来源:某县司法局"]);
    }

    #[test]
    fn menus_and_related_articles_are_not_report() {
        let page = "首页 机构 政务公开 政务服务 互动交流 走进本区 专题专栏 数据开放 无障碍\n\
            某区2023年法治政府建设年度报告\n\
            一、主要举措和成效\n全年受理行政复议申请12件,审结10件,依法化解行政争议,规范执法行为。\n\
            相关链接\n关于印发某区2023年法治政府建设工作要点的通知,某区人民政府办公室,2023年4月1日发布,阅读全文请点击。";
        let c = clean(page, None, None);
        let lines: Vec<&str> = c.body.lines().collect();
        assert_eq!(
            lines,
            [
                "某区2023年法治政府建设年度报告",
                "一、主要举措和成效",
                "全年受理行政复议申请12件,审结10件,依法化解行政争议,规范执法行为。",
            ]
        );
    }

    #[test]
    fn a_short_closing_part_and_the_signature_are_kept() {
        let text = "某某县司法局2024年工作报告\n一、主要做法\n全年办理了许多案件,群众较为满意。\n\
                    五、其他需要报告的事项\n无。\n某某县司法局\n2025年3月1日";
        let c = clean(text, None, None);
        assert!(c.body.ends_with("无。\n某某县司法局\n2025年3月1日"), "{}", c.body);
    }

    #[test]
    fn run_on_paragraphs_are_split_at_headings() {
        let filler = "坚持依法行政,健全制度机制,强化监督检查,推动各项工作落实落细。";
        let line = format!(
            "青山县人民代表大会常务委员会: 2023年,我县坚持依法行政。{filler}{filler} 一、主要举措和成效(一)完善决策机制。{filler}{filler}二、存在的不足和原因{filler}"
        );
        let pieces = split_run_on(&line);
        let starts: Vec<String> = pieces.iter().map(|p| p.trim().chars().take(4).collect()).collect();
        assert_eq!(starts, ["青山县人", "一、主要", "(一)完", "二、存在"], "{pieces:?}");
        // A long line that starts with a multi-byte heading number and names one later.
        let line = format!("(一)统一、规范执法{filler}{filler}{filler}{filler}");
        assert_eq!(split_run_on(&line), [line.as_str()]);
    }

    #[test]
    fn every_pattern_compiles() {
        for re in [meta_re(), chrome_re(), footer_re(), terminator_re()] {
            assert!(!is_fallback(re), "{}", re.as_str());
        }
    }

    #[test]
    fn normalizes_full_width() {
        assert_eq!(normalize_width("（一）受理１２件，占８５．５％\u{3000}"), "(一)受理12件,占85.5% ");
    }
}
