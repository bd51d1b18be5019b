//! numbers: here is a numeral as written, give me its value.
//!
//! Arabic numerals with thousands separators and decimals (`1,000`, `1.5`),
//! Chinese numerals with place values (`一千五百`, `两`, `十二`, `一百零五`),
//! scale words (`万`, `亿`, `千万`) and fractions (`二分之一`, `一半`);
//! vague numerals that stand for a range or a round figure ([`read_vague`]:
//! `一两`, `两三`, `三五`, `十几`, `数十`, `几百`, `上百`, `近千`); and where a run
//! of numeral characters ends ([`cn_run_end`]: `万亿三个台阶` is `万亿` and `三个`).
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
                    // `千亿元`, `百万吨`: a bare 百 or 千 before 万 or 亿 is one of them.
                    None if i == 0 && matches!(chars.get(1), Some('万' | '亿')) => 1.0,
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

/// Where the Chinese numeral starting at `s[i]` ends. A run of numeral
/// characters is one numeral, except that a lone digit right after `万`/`亿`
/// with no place value after it starts a count of its own (`万亿三个台阶`,
/// `一万亿三个`): place-value numerals end in a place value or a digit after `零`.
pub fn cn_run_end(s: &[char], i: usize) -> usize {
    let mut j = i;
    while j < s.len() && is_cn_numeral_char(s[j]) {
        j += 1;
    }
    if j >= i + 2 && cn_digit(s[j - 1]).is_some_and(|d| d > 0) && matches!(s[j - 2], '万' | '亿')
    {
        j -= 1;
    }
    j
}

/// Whether a Chinese numeral may start at `s[i]` although the char before it
/// is a numeral char: the lone digit [`cn_run_end`] splits off.
pub fn starts_after_scale(s: &[char], i: usize) -> bool {
    i > 0 && matches!(s[i - 1], '万' | '亿') && cn_run_end(s, i - 1) == i
}

/// A numeral that stands for a range or a round figure, not one exact number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vague {
    pub value: f64,
    pub value_max: Option<f64>,
    /// `>=` for `上百` (a hundred or more).
    pub comparator: Option<&'static str>,
}

/// The place value of a single character (`十` → 10 … `万` → 10⁴).
fn place(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1e3,
        '万' => 1e4,
        _ => return None,
    })
}

/// Reads a vague numeral whose first numeral character is `s[i]`; gives it and
/// the char offset after it. Forms:
/// * two neighbouring digits, the second larger by one or two, optionally with
///   a place value: `一两` 1–2, `两三` 2–3, `三五` 3–5, `两三百` 200–300;
/// * `十几` 11–19; `几十`, `数十` 20–90 (also `几百`, `数千` …: 2–9 of the place);
/// * `上百`, `上千`, `上万`: that figure or more; `近百`, `近千`: that figure
///   (the caller reads `近` as the comparator, as it does before any number).
///
/// A run that goes on with more numeral characters (`一二三`, `二〇二五`) is not vague.
pub fn read_vague(s: &[char], i: usize) -> Option<(Vague, usize)> {
    let at = |k: usize| s.get(k).copied();
    let numeral_at = |k: usize| at(k).is_some_and(is_cn_numeral_char);
    let prev = if i > 0 { at(i - 1) } else { None };
    let exact = |value, value_max, end| {
        Some((Vague { value, value_max: Some(value_max), comparator: None }, end))
    };
    // `一两`, `两三`, `三五`, `两三百`.
    if let (Some(a), Some(b)) = (at(i).and_then(cn_digit), at(i + 1).and_then(cn_digit)) {
        if a >= 1 && b > a && b - a <= 2 && (b - a == 1 || a == 3) {
            let (factor, end) = match at(i + 2).and_then(place) {
                Some(p) => (p, i + 3),
                None => (1.0, i + 2),
            };
            if numeral_at(end) || prev.is_some_and(is_cn_numeral_char) {
                return None;
            }
            return exact(a as f64 * factor, b as f64 * factor, end);
        }
        return None;
    }
    let p = at(i).and_then(place)?;
    if numeral_at(i + 1) {
        return None;
    }
    // `十几`
    if p == 10.0 && at(i + 1) == Some('几') && !prev.is_some_and(is_cn_numeral_char) {
        return exact(11.0, 19.0, i + 2);
    }
    match prev {
        Some('几' | '数') => exact(2.0 * p, 9.0 * p, i + 1),
        Some('上') if p >= 100.0 => {
            Some((Vague { value: p, value_max: None, comparator: Some(">=") }, i + 1))
        }
        Some('近') if p >= 100.0 => {
            Some((Vague { value: p, value_max: None, comparator: None }, i + 1))
        }
        _ => None,
    }
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
            ("千亿", 1e11),
            ("百万", 1e6),
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

    fn vague(s: &str, at: usize) -> Option<(f64, Option<f64>, Option<&'static str>, usize)> {
        let chars: Vec<char> = s.chars().collect();
        read_vague(&chars, at).map(|(v, end)| (v.value, v.value_max, v.comparator, end))
    }

    #[test]
    fn vague_numerals_are_ranges_or_round_figures() {
        assert_eq!(vague("一两项", 0), Some((1.0, Some(2.0), None, 2)));
        assert_eq!(vague("两三个", 0), Some((2.0, Some(3.0), None, 2)));
        assert_eq!(vague("三五年", 0), Some((3.0, Some(5.0), None, 2)));
        assert_eq!(vague("两三百人", 0), Some((200.0, Some(300.0), None, 3)));
        assert_eq!(vague("十几所", 0), Some((11.0, Some(19.0), None, 2)));
        assert_eq!(vague("数十个", 1), Some((20.0, Some(90.0), None, 2)));
        assert_eq!(vague("几百家", 1), Some((200.0, Some(900.0), None, 2)));
        assert_eq!(vague("上百名", 1), Some((100.0, None, Some(">="), 2)));
        assert_eq!(vague("近千人", 1), Some((1000.0, None, None, 2)));
        // Exact numerals are not vague.
        for (s, at) in [
            ("二〇二五", 0),
            ("一二三", 0),
            ("十二个", 0),
            ("三个", 0),
            ("五三", 0),
            ("二四", 0),
            ("一千人", 0),
            ("马上十个", 2),
        ] {
            assert_eq!(vague(s, at), None, "{s}");
        }
    }

    #[test]
    fn a_lone_digit_after_a_scale_starts_a_new_numeral() {
        let run = |s: &str| cn_run_end(&s.chars().collect::<Vec<_>>(), 0);
        assert_eq!(run("万亿三个台阶"), 2);
        assert_eq!(run("一万亿三个"), 3);
        assert_eq!(run("三万五千"), 4);
        assert_eq!(run("一万零五"), 4);
        assert_eq!(run("十二个"), 2);
        let chars: Vec<char> = "万亿三个".chars().collect();
        assert!(starts_after_scale(&chars, 2));
        let chars: Vec<char> = "三万五千".chars().collect();
        assert!(!starts_after_scale(&chars, 2));
    }

    #[test]
    fn fractions_and_scales() {
        assert_eq!(parse_cn_fraction("二分之一"), Some(0.5));
        assert_eq!(scale_factor("亿"), Some(1e8));
        assert_eq!(scale_factor("万亿"), Some(1e12));
    }
}
