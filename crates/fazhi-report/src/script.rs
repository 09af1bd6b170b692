//! Script detection and Traditional → Simplified conversion.
//!
//! Detection counts characters that exist only in Traditional script over a sample of the
//! text (a bit set over the CJK block). Conversion is character by character with OpenCC's
//! Traditional → Simplified character table (`ferrous-opencc`, read once at first use by
//! converting every CJK character; a table lookup is ~30× faster than running OpenCC's
//! segmenting converter on each report), followed by one pass over a table of Taiwan
//! wording (程式 → 程序, 網路 → 网络, 資訊 → 信息, 品質 → 质量, 水準 → 水平 …) that matters for
//! headings, units and figure subjects. Phrase-level disambiguation of OpenCC is not needed
//! for what the checker reads.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use regex::Regex;

use crate::model::Script;

/// Frequent characters that occur only in Traditional script (never in Simplified text).
const TRADITIONAL_ONLY: &str = "們這個為國發會與說對區學習經實體關員機動開現進應務設辦項規範際當點從時將還過議織書導權決評監執據條專業華傳價優備億勞勢協單參變舊號營報場壓屬層幹廣廳張強歸徹態總戰戶擴擊攜數斷東來極標樣歡歲歷殘氣溝滿漢災無爭獎環產畫療盡盤確禮離種稱積穩競築簡糧紀約級納紙組細終結統絕綜線練縣績續義聖聯職興舉藝術衛衝補製複規視親覺觀計訂認討訓記訪許訴診證詢試話該詳誠語請諸謀謂講謝識護讓讀負財責貨貴費資賓賣質購軍轉輕載輔輸農運達違遠適選遺邊鄉醫釋鐵長門間陽隊險隨隱電難須頂順領頭題顯風飛館養驗黨齊龍後復類於區們";

/// First and last code point of the converted range (CJK Extension A .. URO).
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

struct Tables {
    /// Simplified character for each code point in FIRST..=LAST, or 0 when unchanged.
    to_simplified: Vec<u32>,
    /// Bit set of TRADITIONAL_ONLY over FIRST..=LAST.
    traditional: Vec<u64>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let len = (LAST - FIRST + 1) as usize;
        let mut to_simplified = vec![0u32; len];
        if let Ok(cc) = OpenCC::from_config(BuiltinConfig::T2s) {
            let mut buf = [0u8; 4];
            for cp in FIRST..=LAST {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let out = cc.convert(c.encode_utf8(&mut buf));
                let mut chars = out.chars();
                if let (Some(s), None) = (chars.next(), chars.next()) {
                    if s != c {
                        to_simplified[(cp - FIRST) as usize] = s as u32;
                    }
                }
            }
        }
        let mut traditional = vec![0u64; len.div_ceil(64)];
        for c in TRADITIONAL_ONLY.chars() {
            let cp = c as u32;
            if (FIRST..=LAST).contains(&cp) {
                let i = (cp - FIRST) as usize;
                traditional[i / 64] |= 1 << (i % 64);
            }
        }
        Tables { to_simplified, traditional }
    })
}

fn is_traditional_only(t: &Tables, c: char) -> bool {
    let cp = c as u32;
    if !(FIRST..=LAST).contains(&cp) {
        return false;
    }
    let i = (cp - FIRST) as usize;
    t.traditional.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Detects the script from the first 6,000 characters.
pub fn detect(text: &str) -> Script {
    let t = tables();
    let mut cjk = 0usize;
    let mut trad = 0usize;
    for c in text.chars().take(6000) {
        if is_cjk(c) {
            cjk += 1;
            if is_traditional_only(t, c) {
                trad += 1;
            }
            if cjk == 1500 && trad == 0 {
                // Plainly Simplified; no need to read on.
                return Script::Simplified;
            }
        }
    }
    if trad >= 50 || (trad >= 8 && trad * 100 >= cjk * 3) {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// Taiwan wording after character conversion, and the mainland wording it stands for.
const TAIWAN_WORDING: [(&str, &str); 24] = [
    ("品质", "质量"),
    ("水准", "水平"),
    ("程式", "程序"),
    ("网路", "网络"),
    ("网际网路", "互联网"),
    ("资讯", "信息"),
    ("资安", "信息安全"),
    ("支援", "支持"),
    ("人工智慧", "人工智能"),
    ("数位化", "数字化"),
    ("数位", "数字"),
    ("智慧财产", "知识产权"),
    ("软体", "软件"),
    ("硬体", "硬件"),
    ("资料库", "数据库"),
    ("透过", "通过"),
    ("预设", "默认"),
    ("介面", "界面"),
    ("作业系统", "操作系统"),
    ("伺服器", "服务器"),
    ("专案", "项目"),
    ("机製", "机制"),
    ("製定", "制定"),
    ("部落格", "博客"),
];

fn wording_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Longest first, so 网际网路 wins over 网路.
        let mut keys: Vec<&str> = TAIWAN_WORDING.iter().map(|(k, _)| *k).collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
        Regex::new(&keys.join("|")).unwrap_or_else(|_| crate::clean::unreachable_regex())
    })
}

/// Converts Traditional text (with Taiwan wording) to Simplified mainland wording.
pub fn to_simplified(text: &str) -> String {
    let t = tables();
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        let cp = c as u32;
        let mapped = if (FIRST..=LAST).contains(&cp) {
            match t.to_simplified.get((cp - FIRST) as usize) {
                Some(&m) if m != 0 => char::from_u32(m).unwrap_or(c),
                _ => c,
            }
        } else {
            c
        };
        s.push(mapped);
    }
    let re = wording_re();
    if re.is_match(&s) {
        let replaced = re.replace_all(&s, |caps: &regex::Captures| {
            let k = caps.get(0).map_or("", |m| m.as_str());
            TAIWAN_WORDING.iter().find(|(from, _)| *from == k).map_or(k, |(_, to)| *to).to_string()
        });
        return replaced.into_owned();
    }
    s
}

/// Detects the script and returns the text in Simplified script.
pub fn normalize(text: &str) -> (Script, String) {
    match detect(text) {
        Script::Traditional => (Script::Traditional, to_simplified(text)),
        Script::Simplified => (Script::Simplified, text.to_string()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_converts_taiwan_wording() {
        let trad = "二、法治政府建設存在的不足和原因\n嚴格執行重大行政決策程式,提高規範性文件管理水準,\
                    加大網路執法力度,確保整改品質。受理復議申請120件。";
        assert_eq!(detect(trad), Script::Traditional);
        let (script, simp) = normalize(trad);
        assert_eq!(script, Script::Traditional);
        for want in ["存在的不足和原因", "程序", "水平", "网络", "质量", "受理复议申请120件"] {
            assert!(simp.contains(want), "{want} not in {simp}");
        }
    }

    #[test]
    fn pattern_and_table_are_built() {
        assert!(!crate::clean::is_fallback(wording_re()));
        assert_eq!(to_simplified("國發會議決議"), "国发会议决议");
    }

    #[test]
    fn simplified_stays_as_is() {
        let simp = "二、存在的不足和原因。严格执行重大行政决策程序,方程式与程式化表达保留。";
        assert_eq!(normalize(simp), (Script::Simplified, simp.to_string()));
    }
}
