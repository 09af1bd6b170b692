//! Numbers as written in reports: Arabic with thousands separators and decimals, Chinese
//! numerals (十二, 一百零五, 两千, 三点五), digit-by-digit years (二〇二一), and magnitudes
//! 万/亿.

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | 'О' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Parses a Chinese integer such as 十二, 一百零五, 三千二百, 两万三千 (up to 亿).
pub fn chinese_int(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut section: u64 = 0; // below 万
    let mut current: Option<u64> = None; // pending digit
    for c in s.chars() {
        if let Some(d) = digit(c) {
            // 一一 or 二三 are not numbers; 一百零五 is.
            if current.is_some_and(|p| p != 0) {
                return None;
            }
            current = Some(d);
            continue;
        }
        let mult = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if mult >= 10_000 {
            section += current.take().unwrap_or(0);
            let group = if section == 0 { 1 } else { section };
            total = total.checked_add(group.checked_mul(mult)?)?;
            section = 0;
        } else {
            let d = current.take().unwrap_or(1);
            section += d * mult;
        }
    }
    Some(total + section + current.unwrap_or(0))
}

/// Parses a year written digit by digit (二〇二一, 二零二三) or in Arabic digits.
pub fn year(s: &str) -> Option<i32> {
    let s = s.trim();
    if let Ok(y) = s.parse::<i32>() {
        return Some(y);
    }
    if s.chars().count() != 4 {
        return None;
    }
    let mut y = 0i32;
    for c in s.chars() {
        y = y * 10 + i32::try_from(digit(c)?).ok()?;
    }
    Some(y)
}

/// Parses a number in Arabic (`1,234.5`) or Chinese (`十二`, `三点五`) form.
pub fn number(s: &str) -> Option<f64> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let cleaned: String = s.chars().filter(|&c| c != ',').collect();
        return cleaned.parse().ok();
    }
    match s.split_once('点') {
        Some((int, frac)) => {
            let i = chinese_int(int)? as f64;
            let mut digits = String::from("0.");
            for c in frac.chars() {
                digits.push(char::from_digit(u32::try_from(digit(c)?).ok()?, 10)?);
            }
            Some(i + digits.parse::<f64>().ok()?)
        }
        None => chinese_int(s).map(|v| v as f64),
    }
}

/// Multiplier of a magnitude word.
pub fn magnitude(word: &str) -> f64 {
    match word {
        "万" => 1e4,
        "亿" => 1e8,
        "千" => 1e3,
        _ => 1.0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers_table() {
        let cases: [(&str, Option<f64>); 14] = [
            ("4613", Some(4613.0)),
            ("1,113", Some(1113.0)),
            ("97.81", Some(97.81)),
            ("十", Some(10.0)),
            ("十二", Some(12.0)),
            ("二十", Some(20.0)),
            ("一百零五", Some(105.0)),
            ("三千二百", Some(3200.0)),
            ("两万三千", Some(23000.0)),
            ("一亿二千万", Some(120_000_000.0)),
            ("三点五", Some(3.5)),
            ("一一", None),
            ("", None),
            ("abc", None),
        ];
        for (s, want) in cases {
            assert_eq!(number(s), want, "{s}");
        }
    }

    #[test]
    fn parses_years() {
        assert_eq!(year("二〇二一"), Some(2021));
        assert_eq!(year("二零二三"), Some(2023));
        assert_eq!(year("2024"), Some(2024));
        assert_eq!(year("二〇二"), None);
    }
}
