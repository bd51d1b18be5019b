//! numbers: here is a numeral as written, give me its value.
//!
//! Arabic numerals with thousands separators and decimals (`1,000`, `1.5`),
//! Chinese numerals with place values (`一千五百`, `两`, `十二`, `一百零五`),
//! scale words (`万`, `亿`, `千万`) and fractions (`二分之一`, `一半`).
//! No crate for Chinese numerals was a good fit (the ones published either
//! format numbers or lack `两`/`〇`/fractions), so this is a small, fully tested module.

/// The value of one Chinese digit character.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
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

/// Every character a Chinese numeral is written with: the digits of [`cn_digit`]
/// and the place values.
const NUMERAL_CHARS: &str = "零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十百千万亿拾佰仟";

/// Which characters of the Basic Multilingual Plane are in [`NUMERAL_CHARS`],
/// one bit each (8 KiB), built at compile time.
static NUMERAL_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let b = NUMERAL_CHARS.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Every character of the list is three bytes of UTF-8.
        let c = ((b[i] as u32 & 0x0F) << 12)
            | ((b[i + 1] as u32 & 0x3F) << 6)
            | (b[i + 2] as u32 & 0x3F);
        bits[(c >> 6) as usize] |= 1 << (c & 63);
        i += 3;
    }
    bits
};

/// True for the characters a Chinese numeral is written with.
/// Called on every character of every sentence, hence the table.
#[inline]
pub fn is_cn_numeral_char(c: char) -> bool {
    let c = c as u32;
    c < 0x1_0000 && NUMERAL_BITS[(c >> 6) as usize] >> (c & 63) & 1 == 1
}

/// Parses a Chinese integer numeral (`一千五百` → 1500, `十二` → 12, `两` → 2,
/// `一百零五` → 105, `三万` → 30000). Malformed sequences (`一十百千万`) give `None`.
pub fn parse_cn_integer(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0f64; // complete 亿 groups
    let mut wan = 0f64; // complete 万 group within the current 亿 group
    let mut section = 0f64; // below 万
    let mut num: Option<f64> = None;
    let mut last_unit = f64::INFINITY;
    let chars: Vec<char> = s.chars().collect();
    // A run of bare digits (`二〇二五`) is read digit by digit.
    if chars.len() > 1 && chars.iter().all(|&c| cn_digit(c).is_some()) {
        let mut v = 0f64;
        for c in chars {
            v = v * 10.0 + cn_digit(c)? as f64;
        }
        return Some(v);
    }
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if num.is_some_and(|n| n != 0.0) {
                return None; // two digits in a row inside a place-value numeral
            }
            num = Some(d as f64);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10.0,
            '百' | '佰' => 100.0,
            '千' | '仟' => 1000.0,
            '万' => 1e4,
            '亿' => 1e8,
            _ => return None,
        };
        match unit {
            u if u < 1e4 => {
                if u >= last_unit {
                    return None; // 十百, 百千… out of order
                }
                let n = match num {
                    Some(n) if n > 0.0 => n,
                    Some(_) => return None,
                    None if u == 10.0 && (i == 0 || section == 0.0) => 1.0,
                    None => return None,
                };
                section += n * u;
                last_unit = u;
            }
            u if (u - 1e4).abs() < 1.0 => {
                let v = section + num.unwrap_or(0.0);
                if v == 0.0 && wan == 0.0 && total == 0.0 && i != 0 {
                    return None;
                }
                wan = if v == 0.0 { 1.0 } else { v } * 1e4;
                section = 0.0;
                last_unit = f64::INFINITY;
            }
            _ => {
                let v = wan + section + num.unwrap_or(0.0);
                total = (total + if v == 0.0 { 1.0 } else { v }) * 1e8;
                wan = 0.0;
                section = 0.0;
                last_unit = f64::INFINITY;
            }
        }
        num = None;
    }
    Some(total + wan + section + num.unwrap_or(0.0))
}

/// Parses an Arabic numeral: `1,000`, `1.5`, `2000`. Separators must group by three.
pub fn parse_arabic(s: &str) -> Option<f64> {
    if s.contains(',') {
        let mut parts = s.split(',');
        let first = parts.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        let rest: Vec<&str> = parts.collect();
        let (last, mid) = rest.split_last()?;
        let int_last = last.split('.').next()?;
        if int_last.len() != 3 || mid.iter().any(|p| p.len() != 3) {
            return None;
        }
        return s.replace(',', "").parse().ok();
    }
    s.parse().ok()
}

/// The factor of a scale word written after a number (`万` → 1e4, `千万` → 1e7).
pub fn scale_factor(s: &str) -> Option<f64> {
    Some(match s {
        "十" => 10.0,
        "百" => 100.0,
        "千" => 1e3,
        "万" => 1e4,
        "十万" => 1e5,
        "百万" => 1e6,
        "千万" => 1e7,
        "亿" => 1e8,
        "十亿" => 1e9,
        "百亿" => 1e10,
        "千亿" => 1e11,
        "万亿" => 1e12,
        _ => return None,
    })
}

/// `二分之一` → 0.5, `三分之二` → 0.666…; `百分之三十` is handled as a percentage by the caller.
pub fn parse_cn_fraction(s: &str) -> Option<f64> {
    let (den, num) = s.split_once("分之")?;
    let d = parse_cn_integer(den)?;
    let n = parse_cn_integer(num)?;
    if d == 0.0 {
        return None;
    }
    Some(n / d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeral_table_is_the_digits_and_place_values() {
        let place = |c| matches!(c, '十' | '百' | '千' | '万' | '亿' | '拾' | '佰' | '仟');
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_cn_numeral_char(c), cn_digit(c).is_some() || place(c), "{c:?}");
        }
    }

    #[test]
    fn chinese_integers() {
        for (s, v) in [
            ("一", 1.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十二", 12.0),
            ("二十二", 22.0),
            ("一百", 100.0),
            ("一百零五", 105.0),
            ("一千五百", 1500.0),
            ("三千", 3000.0),
            ("一万", 10000.0),
            ("十万", 100000.0),
            ("一万二千", 12000.0),
            ("三亿五千万", 350000000.0),
            ("二〇二五", 2025.0),
            ("一十", 10.0),
        ] {
            assert_eq!(parse_cn_integer(s), Some(v), "{s}");
        }
    }

    #[test]
    fn malformed_chinese_numerals_are_rejected() {
        for s in ["一十百千万", "百千", "五零三十", "", "十百"] {
            assert_eq!(parse_cn_integer(s), None, "{s}");
        }
    }

    #[test]
    fn arabic_numbers_and_separators() {
        assert_eq!(parse_arabic("1,000"), Some(1000.0));
        assert_eq!(parse_arabic("12,345,678"), Some(12345678.0));
        assert_eq!(parse_arabic("1.5"), Some(1.5));
        assert_eq!(parse_arabic("15,20"), None);
        assert_eq!(parse_arabic("2000"), Some(2000.0));
    }

    #[test]
    fn fractions_and_scales() {
        assert_eq!(parse_cn_fraction("二分之一"), Some(0.5));
        assert_eq!(scale_factor("亿"), Some(1e8));
        assert_eq!(scale_factor("万亿"), Some(1e12));
    }
}
