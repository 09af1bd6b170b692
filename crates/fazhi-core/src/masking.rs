//! Masking of personal data in text shown to the public. One module serves
//! every publication (decision documents today; replies, 执法公示 and the
//! like later): [`mask_for_publication`] masks and lists what staff must
//! still confirm.
//!
//! What is masked:
//!
//! - natural persons recorded on the case, by name, everywhere in the text
//!   (surname kept, given name replaced by 某, the customary form); a
//!   recorded name inside a longer name masks the longer name whole
//!   (王军 recorded, 王军华 in the text → 王某, never 王某华);
//! - persons named after a role in the text (第三人赵六, 委托代理人钱七,
//!   法定代表人, 经营者 …), recorded or not;
//! - identity numbers (18 digits, with or without spaces; 15-digit ones),
//!   mobile and landline numbers in every common form (`138-1234-5678`,
//!   `138 1234 5678`, `+8613812345678`, full-width digits), e-mail
//!   addresses, bank card numbers, vehicle plates, the 统一社会信用代码 of a
//!   个体工商户 (it starts with 92 and identifies the operator), a lawyer's
//!   licence number, WeChat ids, birth dates, addresses below the district,
//!   and health data after the words that introduce it.
//!
//! Organisation names are not personal data and stay. Full-width digits and
//! Latin letters are turned into ASCII first, so that every pattern sees
//! them. Masking is idempotent. What remains that looks like a person's name
//! (a common surname and one or two characters, where a name can stand) is
//! returned as candidates for staff to confirm before publication.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Compound surnames that keep both characters (the common ones).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "端木", "独孤", "南宫", "西门", "呼延",
];

/// Common single-character surnames that rarely begin an ordinary word, used
/// to find names nobody recorded. (于, 万, 高, 石, 金 … are common surnames
/// too, but would flag ordinary words; they are still masked after a role.)
const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱林何郭罗梁宋郑谢韩唐冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶\
阎余潘杜戴夏钟汪田任姜范姚谭廖邹熊陆郝孔崔康毛邱秦顾侯邵孟段雷钱汤尹黎贺赖龚严覃殷闫柳施倪庞邢岳聂祝鲍冉\
宁蒲翟牛樊葛洪申柴温芦骆";

/// Further surnames accepted after a role word (申请人于某某) but not searched
/// for freely.
const MORE_SURNAMES: &str = "于万高石金江龙白史方常文马武乔易齐安米单左华向季章陶";

/// Characters that end a name: what typically follows a person's name in
/// legal text (verbs, particles, kinship), so 王军不服 is 王军 + 不服 while
/// 王军华 is one name.
const AFTER_NAME: &str = "不于的对向与和及称认提诉申请因在已未系是为以将经同也均就作委等收签主要并但而仍只没无有拒\
告知得做进返离回去说讲表持通从把被让给还又即则却再曾现住出递缴办获取答辩反起上负应可能会须需若如虽所来到共一\
户家名本之先女士律父母妻夫子儿哥姐弟妹某之等诉某";

/// Words after which a person's name follows (the role in the proceedings).
static ROLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(第三人|委托代理人|诉讼代理人|代理律师|代理人|法定代表人|法定代理人|主要负责人|负责人|经营者|业主|申请人|被申请人|原告|被告|第三人|上诉人|被上诉人|证人|联系人|监护人|当事人|举报人|投诉人|控告人|受害人|被害人|近亲属|配偶|之子|之女|之父|之母|户主|签收人|送达人|承办人)(?:[:：]\s*|\s+)?",
    )
    .expect("valid regex")
});

/// The masked form of a natural person's name: 张三 → 张某, 欧阳娜娜 → 欧阳某.
/// A name of one character becomes 某.
pub fn mask_person_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    let surname: String = match COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s)) {
        Some(s) if name.chars().count() > 2 => (*s).to_owned(),
        _ if name.chars().count() > 1 => name.chars().take(1).collect(),
        _ => String::new(),
    };
    format!("{surname}某")
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Full-width digits, Latin letters, `+`, `-`, `@`, `.` as ASCII.
fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF41}'..='\u{FF5A}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
            | '\u{FF0E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid regex")
}

static ID_18: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(^|[^0-9A-Za-z*])([1-9]\d{5})[ -]?((?:18|19|20)\d{2})[ -]?((?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[ -]?(\d{3}[0-9Xx])($|[^0-9A-Za-z])",
    )
});
static ID_15: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[^0-9A-Za-z*])([1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})($|[^0-9A-Za-z])"));
static LICENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(执业证号|执业证书号|执业证编号|执业证书编号|律师证号|执业号)\s*[:：]?\s*([0-9]{17}|[0-9A-Za-z]{10,20})")
});
static DISABILITY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(残疾证号|残疾人证号|残疾证编号)\s*[:：]?\s*([0-9A-Za-z]{10,22})"));
static USCC_92: LazyLock<Regex> = LazyLock::new(|| re(r"(^|[^0-9A-Z])(92\d{6}[0-9A-HJ-NPQRTUWXY]{10})($|[^0-9A-Z])"));
static MOBILE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[^0-9])((?:\+?86[ -]?)?)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})($|[^0-9])"));
static LANDLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[^0-9])(\(?0\d{2,3}\)?)[ -]?(\d{3,4})[ -]?(\d{4})($|[^0-9])"));
static BANK_CARD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[^0-9])(\d{4})((?:[ -]?\d{4}){2})[ -]?(\d{4}(?:\d{1,3})?)($|[^0-9])"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"));
static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(微信号|微信账号|微信ID|微信id|微信|WeChat ID|WeChat|wechat|wxid)\s*[:：]?\s*([A-Za-z][-_A-Za-z0-9]{5,19})")
});
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-HJ-NP-Z])[·•.\- ]?([A-HJ-NP-Z0-9]{5,6})")
});
static BIRTH_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"\d{4}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(出生|生(?:[，,。；;）)、]|$))"));
static BIRTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(出生日期|出生年月日|出生年月|出生于|生于|出生时间)\s*[:：为]?\s*\d{4}\s*[年./-]\s*\d{1,2}(?:\s*[月./-]\s*\d{1,2}\s*日?)?",
    )
});
static ADDRESS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(住址|住所地|住所|家庭住址|现住址|现住|户籍地|户籍所在地|通讯地址|通信地址|联系地址|送达地址|居住地)\s*[:：]?\s*([^，。；;,\n（）()]{2,80})",
    )
});
static ADDRESS_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(路|街|大街|大道|巷|弄|胡同|村|里|小区|社区|花园|家园|公寓|大厦|苑|屯|组|庄)\s*(?:\d+|[一二三四五六七八九十百零〇]+)\s*(?:号楼|号|弄|栋|幢|座|单元|室|层|楼|户|组)(?:\s*[-之]?\s*(?:\d+|[A-Za-z]|[一二三四五六七八九十百零〇]+)\s*(?:号楼|号|栋|幢|座|单元|室|层|楼|户|组)?)*",
    )
});
static HEALTH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(患有|罹患|身患|诊断为|确诊为|经诊断为|病史|既往史|残疾等级|残疾类别)\s*[:：为]?\s*([^，。；;\n]{1,30})")
});
static HEALTH_WORDS: LazyLock<Regex> = LazyLock::new(|| re(r"HIV阳性|HIV|艾滋病|精神分裂症|抑郁症|乙肝病毒携带"));

/// Replaces until nothing changes (patterns consume the character before
/// and after a match, so two numbers one character apart take two passes).
fn replace_fixed(text: String, re: &Regex, f: impl Fn(&Captures<'_>) -> String) -> String {
    let mut out = text;
    for _ in 0..4 {
        let next = re.replace_all(&out, |c: &Captures<'_>| f(c)).into_owned();
        if next == out {
            break;
        }
        out = next;
    }
    out
}

fn stars(n: usize) -> String {
    "*".repeat(n)
}

/// Masks the numbers and other patterns (not names).
fn mask_patterns(text: &str) -> String {
    let mut out = to_half_width(text);
    out = replace_fixed(out, &LICENCE, |c| format!("{}{}", &c[1], stars(c[2].len())));
    out = replace_fixed(out, &DISABILITY, |c| format!("{}{}", &c[1], stars(c[2].len())));
    out = replace_fixed(out, &ID_18, |c| format!("{}{}************{}{}", &c[1], &c[2][..4], &c[5][2..], &c[6]));
    out = replace_fixed(out, &ID_15, |c| format!("{}{}*********{}{}", &c[1], &c[2][..4], &c[2][13..], &c[3]));
    out = replace_fixed(out, &USCC_92, |c| format!("{}92{}{}", &c[1], stars(16), &c[3]));
    out = replace_fixed(out, &BANK_CARD, |c| {
        let last = &c[4];
        format!("{}{} **** **** {}{}", &c[1], &c[2], &last[last.len() - 4..], &c[5])
    });
    out = replace_fixed(out, &MOBILE, |c| format!("{}{}****{}{}", &c[1], &c[3], &c[5], &c[6]));
    out = replace_fixed(out, &LANDLINE, |c| format!("{}{}-****{}{}", &c[1], &c[2], &c[4], &c[5]));
    out = EMAIL
        .replace_all(&out, |c: &Captures<'_>| {
            let s = &c[0];
            let at = s.find('@').unwrap_or(0);
            let first: String = s.chars().take(1).collect();
            format!("{first}***{}", &s[at..])
        })
        .into_owned();
    out = WECHAT.replace_all(&out, |c: &Captures<'_>| format!("{}:******", &c[1])).into_owned();
    out = PLATE.replace_all(&out, |c: &Captures<'_>| format!("{}{}·*****", &c[1], &c[2])).into_owned();
    out = BIRTH_BEFORE.replace_all(&out, |c: &Captures<'_>| format!("{}****年**月**日", &c[1])).into_owned();
    out = BIRTH_AFTER.replace_all(&out, |c: &Captures<'_>| format!("****年**月**日{}", &c[1])).into_owned();
    out =
        ADDRESS_AFTER.replace_all(&out, |c: &Captures<'_>| format!("{}:{}", &c[1], coarse_address(&c[2]))).into_owned();
    out = ADDRESS_NUMBER.replace_all(&out, |c: &Captures<'_>| format!("{}***", &c[1])).into_owned();
    out = HEALTH.replace_all(&out, |c: &Captures<'_>| format!("{}[健康信息已隐去]", &c[1])).into_owned();
    HEALTH_WORDS.replace_all(&out, "[健康信息已隐去]").into_owned()
}

/// An address cut to its county level: 北京市海淀区幸福路12号 → 北京市海淀区***.
fn coarse_address(addr: &str) -> String {
    let addr = addr.trim();
    if addr.ends_with("***") {
        return addr.to_owned();
    }
    let chars: Vec<char> = addr.chars().collect();
    let cut = chars
        .iter()
        .position(|c| matches!(c, '区' | '县' | '旗'))
        .or_else(|| chars.iter().position(|c| *c == '市'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let kept: String = chars[..cut].iter().collect();
    format!("{kept}***")
}

fn is_surname(c: char, all: bool) -> bool {
    SURNAMES.contains(c) || (all && MORE_SURNAMES.contains(c))
}

/// The name starting at `chars[i]`, if one can stand there: a compound or
/// common surname and one or two given characters that do not end a name.
fn name_at(chars: &[char], i: usize, all_surnames: bool) -> Option<usize> {
    let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
    let surname_len = if COMPOUND_SURNAMES.iter().any(|s| rest == *s) {
        2
    } else if chars.get(i).is_some_and(|c| is_surname(*c, all_surnames)) {
        1
    } else {
        return None;
    };
    let mut given = 0;
    while given < 2 {
        match chars.get(i + surname_len + given) {
            Some(c) if is_han(*c) && !AFTER_NAME.contains(*c) && *c != '某' => given += 1,
            _ => break,
        }
    }
    (given > 0).then_some(surname_len + given)
}

/// Words that follow a name as a form of address or a title (赵刚代表,
/// 李红委员): the name ends before them.
const TITLES: &[&str] =
    &["代表", "委员", "同志", "先生", "女士", "老师", "主任", "局长", "处长", "科长", "书记", "部长", "院长", "校长"];

/// Masks the recorded persons' names; a recorded name followed by another
/// given-name character masks that longer name whole, unless a title
/// follows the name (赵刚代表 → 赵某代表).
fn mask_recorded(text: &str, persons: &[&str]) -> String {
    let mut names: Vec<Vec<char>> = persons
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().count() >= 2 && n.chars().all(is_han))
        .map(|n| n.chars().collect())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let hit = names.iter().find(|n| chars[i..].starts_with(n));
        let Some(name) = hit else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let mut len = name.len();
        let max = if COMPOUND_SURNAMES.iter().any(|s| name.iter().take(2).collect::<String>() == *s) { 4 } else { 3 };
        let titled = TITLES.iter().any(|t| chars[i + len..].starts_with(&t.chars().collect::<Vec<_>>()));
        if len < max && !titled {
            if let Some(c) = chars.get(i + len) {
                if is_han(*c) && !AFTER_NAME.contains(*c) {
                    len += 1;
                }
            }
        }
        let whole: String = chars[i..i + len].iter().collect();
        out.push_str(&mask_person_name(&whole));
        i += len;
    }
    out
}

/// Masks names standing after a role word (第三人赵六, 委托代理人钱七).
fn mask_roles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in ROLE_NAME.find_iter(text) {
        if m.start() < last {
            continue;
        }
        out.push_str(&text[last..m.end()]);
        let rest: Vec<char> = text[m.end()..].chars().collect();
        last = m.end();
        if let Some(len) = name_at(&rest, 0, true) {
            let name: String = rest[..len].iter().collect();
            out.push_str(&mask_person_name(&name));
            last += name.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// What a publication shows, and what staff must still look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    /// Strings that still look like a person's name, for staff to confirm
    /// (add them to the persons to mask, or leave them as they are).
    pub candidates: Vec<String>,
}

/// Masks `text` for publication: the persons recorded on the case (and any
/// names staff confirmed), persons named after a role, and every pattern of
/// personal data; lists the remaining candidate names.
pub fn mask_for_publication(text: &str, persons: &[&str]) -> Masked {
    let out = mask_patterns(text);
    let out = mask_recorded(&out, persons);
    let out = mask_roles(&out);
    let candidates = candidate_names(&out);
    Masked { text: out, candidates }
}

/// Masks `text` for publication (see [`mask_for_publication`]).
pub fn mask_text(text: &str, persons: &[&str]) -> String {
    mask_for_publication(text, persons).text
}

/// Characters before which a name can stand (besides punctuation and the
/// start of a line).
const BEFORE_NAME: &str = "人者员师长称与和及同向对由被给让叫名经";

/// Strings in `text` that look like a person's name: a common surname and
/// one or two characters, where a name can stand, not already masked.
pub fn candidate_names(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let can_start = i == 0 || !is_han(chars[i - 1]) || BEFORE_NAME.contains(chars[i - 1]);
        if can_start {
            if let Some(len) = name_at(&chars, i, false) {
                let next = chars.get(i + len).copied();
                // Not the start of an organisation or place (张家港市, 王府井街道).
                let org = next.is_some_and(|c| "省市区县镇乡村街局委厅府院所司部处科室队站社厂店园路港庄".contains(c));
                if !org {
                    found.insert(chars[i..i + len].iter().collect::<String>());
                    i += len;
                    continue;
                }
            }
        }
        i += 1;
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_surname_only() {
        let cases =
            [("张三", "张某"), ("李小龙", "李某"), ("欧阳娜娜", "欧阳某"), ("欧阳", "欧某"), ("王", "某"), ("", "")];
        for (name, masked) in cases {
            assert_eq!(mask_person_name(name), masked, "{name}");
        }
    }

    #[test]
    fn text_is_masked_and_stays_masked() {
        let text = "申请人张三丰，公民身份号码32010219800101123X，电话13812345678，固话025-84561234，\
                    邮箱zhangsf@example.com。张三丰不服被申请人某区市场监督管理局作出的决定。";
        let masked = mask_text(text, &["张三丰", "张三"]);
        assert!(!masked.contains("张三丰") && !masked.contains("三丰"), "{masked}");
        assert!(masked.contains("申请人张某，"), "{masked}");
        assert!(masked.contains("3201************3X"), "{masked}");
        assert!(masked.contains("138****5678"), "{masked}");
        assert!(masked.contains("025-****1234"), "{masked}");
        assert!(masked.contains("z***@example.com"), "{masked}");
        assert!(masked.contains("某区市场监督管理局"), "organisations stay: {masked}");
        assert_eq!(mask_text(&masked, &["张三丰"]), masked, "idempotent");
    }

    #[test]
    fn numbers_that_are_not_personal_stay() {
        let text = "2024年收到申请4600件，案号（2024）某01行初123号，金额12345678元，文号某府复决〔2024〕12号。";
        assert_eq!(mask_text(text, &[]), text);
    }

    #[test]
    fn a_recorded_name_inside_a_longer_name_masks_the_longer_name() {
        assert_eq!(mask_text("王军华与王军不服该决定。", &["王军"]), "王某与王某不服该决定。");
    }

    #[test]
    fn a_title_after_a_recorded_name_stays() {
        assert_eq!(mask_text("李红、赵刚代表:", &["李红", "赵刚"]), "李某、赵某代表:");
        assert_eq!(mask_text("孙悦委员提出", &["孙悦"]), "孙某委员提出");
    }

    #[test]
    fn candidates_are_the_names_left() {
        let m = mask_for_publication("申请人张某不服。经查，李强于2024年3月签收，王府井街道办事处未予答复。", &[]);
        assert_eq!(m.candidates, vec!["李强".to_owned()]);
    }
}
