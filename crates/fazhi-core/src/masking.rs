//! Masking of personal data in text shown to the public (decision documents
//! published on the portal, public progress pages).
//!
//! What is masked: the names of natural persons the caller names (surname
//! kept, given name replaced by 某, the customary form in published Chinese
//! decisions), resident identity numbers (公民身份号码, 18 characters), mobile
//! and landline numbers, and e-mail addresses. Organisation names are not
//! personal data and are left alone; the caller decides which names are
//! persons. Masking is idempotent.

use std::sync::LazyLock;

use regex::Regex;

/// Compound surnames that keep both characters (the common ones).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "端木", "独孤", "南宫", "西门", "呼延",
];

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

static ID_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\d])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{5}[\dXx])($|[^\dXx])").expect("valid regex")
});
static MOBILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\d])(1[3-9]\d)(\d{4})(\d{4})($|[^\d])").expect("valid regex"));
static LANDLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\d])(0\d{2,3})-?(\d{3,4})(\d{4})($|[^\d])").expect("valid regex"));
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex"));

/// Masks `text` for publication: every name in `persons` (natural persons),
/// identity numbers, telephone numbers and e-mail addresses.
pub fn mask_text(text: &str, persons: &[&str]) -> String {
    let mut out = text.to_owned();
    // Longer names first, so that 张三丰 is not masked as 张某丰.
    let mut names: Vec<&str> = persons.iter().map(|n| n.trim()).filter(|n| n.chars().count() >= 2).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for name in names {
        out = out.replace(name, &mask_person_name(name));
    }
    out = ID_NUMBER
        .replace_all(&out, |c: &regex::Captures<'_>| {
            let s = &c[2];
            format!("{}{}************{}{}", &c[1], &s[..4], &s[16..], &c[3])
        })
        .into_owned();
    out = MOBILE.replace_all(&out, "${1}${2}****${4}${5}").into_owned();
    out = LANDLINE.replace_all(&out, "${1}${2}-****${4}${5}").into_owned();
    EMAIL
        .replace_all(&out, |c: &regex::Captures<'_>| {
            let s = &c[0];
            let at = s.find('@').unwrap_or(0);
            let first: String = s.chars().take(1).collect();
            format!("{first}***{}", &s[at..])
        })
        .into_owned()
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
        let text = "2024年收到申请4600件，案号（2024）某01行初123号，金额12345678元。";
        assert_eq!(mask_text(text, &[]), text);
    }
}
