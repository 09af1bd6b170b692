//! Is the document an annual 法治政府建设 report at all? Pages that look like one but are
//! not: a notice issuing a work plan (工作要点, 实施方案), an implementation plan (制定本方案),
//! the other statutory annual report (政府信息公开工作年度报告), an explanatory note (政策解读),
//! a leader's personal 述法报告, a notice of assessment results (考核通报), a multi-year
//! summary, and model texts (范文/模板) whose unit is a placeholder (某县, `*`区) or that sit
//! on an essay site. The decision reads the document's title (the type noun at its end,
//! outside 《》), the opening formula, and the unit.

use std::sync::OnceLock;

use regex::Regex;

use crate::clean::unreachable_regex;
use crate::model::Verdict;

fn rx(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).unwrap_or_else(|_| unreachable_regex()))
}

fn quoted_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(&RE, r"《[^》]*》|“[^”]*”")
}

fn opening_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(
        &RE,
        r"(?P<plan>(?:特|现)?制定(?:本|如下)?(?:实施)?方案)|(?P<issue>现(?:将[^。]{0,40})?印发给你们|现予印发)|(?P<explain>(?:现|特)?(?:作|做)?(?:如下)?解读如下)|(?P<notice>(?:现将[^。]{0,60})?通报如下)|(?P<personal>现将(?:我|本人)(?:个人)?(?:履行|述法|述职)|本人(?:认真|始终|坚持|履行))|(?P<essay>下面是小编|供大家参考|公文范文|范文模板)|(?P<goi>政府信息公开条例》?[^。]{0,30}(?:编制|发布)[^。]{0,40}年度报告)",
    )
}

fn placeholder_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    rx(&RE, r"^(?:某|XX|××|\*+|＊+)|(?:某|XX|××)(?:省|市|县|区|镇|乡|街道)")
}

/// The type of document a title names, from the words at its end (outside 《》 and
/// quotes), with the reason; `None` when the title names an annual report or nothing.
pub fn title_type(title: &str) -> Option<(&'static str, String)> {
    let bare = quoted_re().replace_all(title, "");
    let mut t = bare.trim_end_matches(['。', ' ', ']', '】']).trim();
    // A span or note in parentheses at the end: 实施方案(2021—2025年).
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            t = t[..open].trim();
        }
    }
    let ends = |w: &[&str]| w.iter().any(|x| t.ends_with(x));
    let why = |what: &str| format!("标题“{}”{}", cut(title), what);
    if t.contains("解读") && ends(&["解读", "解读稿", "政策解读"]) {
        return Some(("政策解读", why("是政策解读,不是报告本身")));
    }
    if t.contains("述法") || t.contains("述职") {
        return Some(("述法报告", why("是个人述法(述职)报告,不是本单位的年度报告")));
    }
    if (t.contains("信息公开") || t.contains("政务公开")) && !t.contains("法治") {
        return Some(("政府信息公开工作年度报告", why("是政府信息公开工作年度报告,另一种法定年报")));
    }
    if ends(&["通知", "的通知"]) {
        let doc = if t.contains("要点") {
            "工作要点"
        } else if t.contains("方案") {
            "实施方案"
        } else {
            "通知"
        };
        return Some((doc, why("是印发文件的通知,不是年度报告")));
    }
    if ends(&["通报", "的通报", "决定", "的决定"]) {
        return Some(("考核通报", why("是通报(如考核结果),不是年度报告")));
    }
    if ends(&["要点"]) {
        return Some(("工作要点", why("是年度工作要点(计划),不是年度报告")));
    }
    if ends(&["方案", "规划", "计划", "意见", "办法", "纲要"]) {
        return Some(("实施方案", why("是方案或规划,不是年度报告")));
    }
    let multi_year = ["五年", "三年", "近年", "十三五", "十四五"].iter().any(|w| t.contains(w));
    if multi_year && !has_single_year(t) {
        return Some(("多年总结", why("总结多个年度,不是年度报告")));
    }
    None
}

/// A title naming one year (2023年度 …) rather than a span (五年, 2021—2025年).
fn has_single_year(t: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = rx(&RE, r"(?:19|20)[0-9]{2}年");
    let span = t.contains("五年") || t.contains("三年") || t.contains('—') || t.contains("至");
    re.is_match(t) && !span
}

fn cut(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Decides whether the document is an annual report.
///
/// `title` is the document's title when one was found, `opening` the first paragraphs of
/// the text (a few hundred characters), `unit` the unit read from the header.
pub fn decide(title: Option<&str>, opening: &str, unit: Option<&str>) -> Verdict {
    let not =
        |doc: &str, reason: String| Verdict { is_report: false, doc_type: Some(doc.to_string()), reason: Some(reason) };
    if let Some((doc, reason)) = title.and_then(title_type) {
        return not(doc, reason);
    }
    if let Some(c) = opening_re().captures(opening) {
        let m = c.get(0).map_or("", |m| m.as_str());
        let quote = format!("开头有“{}”", cut(m));
        if c.name("plan").is_some() {
            return not("实施方案", format!("{quote},是制定的方案,不是年度报告"));
        }
        if c.name("issue").is_some() {
            return not("通知", format!("{quote},是印发文件的通知,不是年度报告"));
        }
        if c.name("explain").is_some() {
            return not("政策解读", format!("{quote},是政策解读,不是报告本身"));
        }
        if c.name("notice").is_some() {
            return not("考核通报", format!("{quote},是通报,不是年度报告"));
        }
        if c.name("personal").is_some() {
            return not("述法报告", format!("{quote},是个人述法报告,不是本单位的年度报告"));
        }
        if c.name("goi").is_some() {
            return not("政府信息公开工作年度报告", format!("{quote},是政府信息公开工作年度报告,另一种法定年报"));
        }
        if c.name("essay").is_some() {
            return not("范文模板", format!("{quote},是范文网站上的范文"));
        }
    }
    if let Some(u) = unit {
        if placeholder_re().is_match(u) {
            return not("范文模板", format!("发布主体“{u}”是占位或被遮盖的名称,是范文模板"));
        }
    }
    Verdict::default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for re in [quoted_re(), opening_re(), placeholder_re()] {
            assert!(!crate::clean::is_fallback(re), "{}", re.as_str());
        }
    }

    #[test]
    fn titles_table() {
        let cases: [(&str, Option<&str>); 11] = [
            ("青山县2023年度法治政府建设情况报告", None),
            ("青山县人民政府关于2023年度法治政府建设工作情况的报告", None),
            ("白石市2022年度法治政府建设情况", None),
            ("青山县人民政府办公室关于印发青山县2024年依法行政工作要点的通知", Some("工作要点")),
            ("关于《青山县2023年度法治政府建设情况报告》的解读", Some("政策解读")),
            ("白石镇党委书记2023年度述法报告", Some("述法报告")),
            ("青山县司法局2023年政府信息公开工作年度报告", Some("政府信息公开工作年度报告")),
            ("关于2022年度全市法治政府建设考核结果的通报", Some("考核通报")),
            ("白石市法治政府建设实施方案(2021—2025年)", Some("实施方案")),
            ("青山县2024年法治政府建设工作要点", Some("工作要点")),
            ("青山县近五年法治政府建设工作情况报告", Some("多年总结")),
        ];
        for (t, want) in cases {
            assert_eq!(title_type(t).map(|x| x.0), want, "{t}");
        }
    }

    #[test]
    fn openings_and_units() {
        let report = "2023年,青山县坚持依法行政,现将有关情况报告如下。";
        assert!(decide(None, report, Some("青山县")).is_report);
        assert!(!decide(None, "为推进依法行政,结合本地实际,制定本方案。", None).is_report);
        assert!(!decide(None, "按照上级要求,现将我履行推进法治建设第一责任人职责情况报告如下。", None).is_report);
        assert!(!decide(None, "本文由小编收集整理,仅供大家参考。", None).is_report);
        let v = decide(None, report, Some("某县"));
        assert_eq!(v.doc_type.as_deref(), Some("范文模板"));
        assert!(!decide(None, report, Some("*区")).is_report);
    }
}
