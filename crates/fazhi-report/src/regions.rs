//! Region names in a report's text, to resolve a unit that is named without its region:
//! a self-reference (我县, 全市 → the county or city the text names), an organ named by
//! its level only (县政府, 县市场监管局, 教育厅, 自治区党委、政府 → the region as a
//! parent), or a township or street (→ the county, district or city above it).
//!
//! Names are found by their level word (省, 市, 县, 区, 镇, 乡, 街道 …) and the two
//! characters before it, skipping generic words (示范县, 辖区, 全市 …) and document
//! numbers (某县办〔2022〕3号); provinces and autonomous regions come from their fixed list.
//! Names longer than two characters before the level word are read by their last two
//! characters only when they are not provinces (a known limit).

use std::sync::OnceLock;

use regex::Regex;

use crate::clean::unreachable_regex;

fn province_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new("(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

fn autonomous_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new("内蒙古|广西|西藏|宁夏|新疆").unwrap_or_else(|_| unreachable_regex()))
}

/// Characters that do not occur in the two characters before a level word of a name.
const FUNCTION_CHARS: &str = "的了在和与及对把将为是从向由等各全本我该其每省市县区镇乡这那此有无个年月日";
/// Characters after which a name may start (prepositions and conjunctions).
const BOUNDARY_CHARS: &str = "在和与及对向至赴到为将由从把被给共";
/// Generic two-character words before a level word.
const GENERIC: [&str; 16] = [
    "示范", "法治", "平安", "文明", "卫生", "园林", "智慧", "数字", "生态", "全国", "国家", "先行", "试点", "重点",
    "强县", "城乡",
];
/// Second characters that make a generic word with the level word (辖区, 社区, 城市 …).
fn generic_tail(level: &str, c: char) -> bool {
    match level {
        "区" => "辖社园景城山地片矿街校新老库营军战特湾".contains(c),
        "市" => "城都超上门股夜集".contains(c),
        "镇" => "城集村小".contains(c),
        "县" => "郡".contains(c),
        _ => false,
    }
}

/// Best name of a region at `level` (`省`, `市`, `县`, `区`, `镇`, `乡`, `州`, `旗`,
/// `街道`, or `自治区`) in `text`: the most frequent, the later one on a tie (listings run
/// from the higher level down: 省、某市和某县).
pub fn best_region(text: &str, level: &str) -> Option<String> {
    let mut found: Vec<(String, usize, usize)> = Vec::new(); // name, count, first position
    let mut push = |name: &str, pos: usize| match found.iter_mut().find(|(n, _, _)| n == name) {
        Some(e) => e.1 += 1,
        None => found.push((name.to_string(), 1, pos)),
    };
    match level {
        "省" => province_re().find_iter(text).for_each(|m| push(m.as_str(), m.start())),
        "自治区" => autonomous_re().find_iter(text).for_each(|m| push(m.as_str(), m.start())),
        _ => {
            for (pos, _) in text.match_indices(level) {
                let before: Vec<char> = text[..pos].chars().rev().take(2).collect();
                let [b, a] = before[..] else { continue };
                let name_ok = is_han(a)
                    && is_han(b)
                    && !FUNCTION_CHARS.contains(a)
                    && !FUNCTION_CHARS.contains(b)
                    && !generic_tail(level, b);
                let ab: String = [a, b].iter().collect();
                if !name_ok || GENERIC.contains(&ab.as_str()) {
                    continue;
                }
                // A name starts after punctuation, a quote or bracket, or a preposition
                // (在某镇, 和某市); or it is followed by 人民政府.
                let start = pos - a.len_utf8() - b.len_utf8();
                let prev = text[..start].chars().next_back();
                let bounded = prev.is_none_or(|p| !is_han(p) || BOUNDARY_CHARS.contains(p));
                if !bounded && !text[pos + level.len()..].starts_with("人民政府") {
                    continue;
                }
                // A document number: 某县办〔2022〕3号, 某市发〔…〕.
                let after = &text[pos + level.len()..];
                let doc_no = after.chars().take(3).any(|c| c == '〔' || c == '[');
                // 镇长, 县级, 市域, 区直: a word that starts with the level word.
                let word = after.starts_with(['长', '级', '域', '直', '属', '情', '容', '场', '民']);
                if doc_no || word {
                    continue;
                }
                let name = format!("{ab}{level}");
                push(&name, start);
            }
        }
    }
    found.into_iter().max_by_key(|(_, count, pos)| (*count, *pos)).map(|(n, _, _)| n)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Level words of regions, longest first.
const LEVELS: [&str; 10] = ["自治区", "街道", "省", "市", "县", "区", "镇", "乡", "州", "旗"];

/// The level of government a text speaks from, for a unit named 我局: the most frequent
/// self-reference (我县, 我市 …), else the first `X委、X政府` pair.
fn context_level(text: &str) -> Option<&'static str> {
    let mut best: Option<(&'static str, usize)> = None;
    for l in LEVELS {
        let n = text.matches(&format!("我{l}")).count();
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((l, n));
        }
    }
    if let Some((l, _)) = best {
        return Some(l);
    }
    LEVELS.iter().filter_map(|l| text.find(&format!("{l}委、{l}政府")).map(|p| (p, *l))).min().map(|(_, l)| l)
}

/// The county-level region above a township or street: a county, else a district, else a
/// city.
fn county_above(text: &str) -> Option<String> {
    ["县", "区", "市"].iter().find_map(|l| best_region(text, l))
}

const SUB_COUNTY: [&str; 8] = ["街道办事处", "镇人民政府", "乡人民政府", "街道工委", "街道", "镇", "乡", "苏木"];

/// Resolves a unit named without its region. Returns the unit (a self-reference replaced
/// by the name of its region when the text shows it) and the parent region.
pub fn resolve(unit: &str, text: &str) -> (String, Option<String>) {
    let level_of = |s: &str| LEVELS.iter().find(|l| s == **l).copied();
    // 我县, 全市, 本区 …
    if let Some(rest) = unit.strip_prefix(['我', '全', '本']) {
        if let Some(l) = level_of(rest) {
            let self_ref = format!("我{rest}");
            return match best_region(text, l) {
                Some(name) => {
                    let parent = if matches!(l, "镇" | "乡" | "街道") { county_above(text) } else { None };
                    (name, parent)
                }
                None => (self_ref, None),
            };
        }
        // 我局, 我委, 我厅 …
        if unit.starts_with('我') {
            let level = if rest.ends_with('厅') { Some("省") } else { context_level(text) };
            return (unit.to_string(), level.and_then(|l| best_region(text, l)));
        }
        return (unit.to_string(), None);
    }
    if unit.starts_with("自治区") {
        return (unit.to_string(), best_region(text, "自治区"));
    }
    // 县政府, 县市场监管局, 镇党委政府: a level word, then the organ.
    if let Some(l) = LEVELS.iter().find(|l| unit.starts_with(**l)).copied() {
        let organ = &unit[l.len()..];
        if !organ.is_empty() && level_of(organ).is_none() {
            return match best_region(text, l) {
                Some(p) => (unit.to_string(), Some(p)),
                None if text.contains(&format!("我{l}")) => (format!("我{l}"), None),
                None => (unit.to_string(), None),
            };
        }
    }
    let has_level = LEVELS.iter().any(|l| unit.contains(l));
    // 教育厅: a provincial department named without its province.
    if !has_level && unit.ends_with('厅') {
        return (unit.to_string(), best_region(text, "省"));
    }
    if !has_level && (unit.ends_with('局') || unit.ends_with("委员会")) && unit.chars().count() <= 8 {
        return (unit.to_string(), context_level(text).and_then(|l| best_region(text, l)));
    }
    // A township or street named on its own.
    if let Some(s) = SUB_COUNTY.iter().find(|s| unit.ends_with(**s)) {
        let head = &unit[..unit.len() - s.len()];
        let qualified = ["县", "区", "市", "旗"].iter().any(|l| head.contains(l));
        if !qualified && head.chars().count() >= 2 {
            return (unit.to_string(), county_above(text));
        }
    }
    (unit.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(!crate::clean::is_fallback(province_re()));
        assert!(!crate::clean::is_fallback(autonomous_re()));
    }

    #[test]
    fn resolves_units_table() {
        let text = "按照《青山县法治建设考核办法》(青治县办〔2023〕2号)要求,我县全面推进,\
                    青山县人民政府多次研究,省、白石市和临江市有关会议在桃源镇召开,\
                    辖区内示范县创建,宣传南湖区新政策,印发《江南省教育工作要点》,法治岭南持续推进。";
        let cases: [(&str, &str, Option<&str>); 9] = [
            ("我县", "青山县", None),
            ("我局", "我局", Some("青山县")),
            ("县政府", "县政府", Some("青山县")),
            ("县市场监管局", "县市场监管局", Some("青山县")),
            ("我镇", "桃源镇", Some("青山县")),
            ("我省", "我省", None),
            ("城北街道", "城北街道", Some("青山县")),
            ("教育厅", "教育厅", None),
            ("青山县人民政府", "青山县人民政府", None),
        ];
        for (unit, want, parent) in cases {
            let (u, p) = resolve(unit, text);
            assert_eq!((u.as_str(), p.as_deref()), (want, parent), "{unit}");
        }
        assert_eq!(best_region("在白石市和临江市", "市").as_deref(), Some("临江市"));
        assert_eq!(best_region("印发《浙江省某某办法》", "省").as_deref(), Some("浙江省"));
        assert_eq!(resolve("镇党委政府", "我镇加强队伍建设").0, "我镇");
    }
}
