//! meta::dates: here is a string, give me the date or the plan period it states.
//!
//! Dates come as `2018-05-31`, `2018年5月31日`, `1996年06月29日`, in Chinese
//! numerals (`二〇一七年三月五日`), or damaged with 年/月 lost (`2018523`, read
//! only when another date of the document confirms the year). Periods come as
//! `2018-2020年`, `（2021—2023年）`, `十四五`, or one year of a yearly plan
//! (`2021年工作要点`). Plan names are read by [`crate::time`]; the period
//! forms here still differ from `time::period_in` in policy (a single year only
//! for a yearly plan's words, doubled dashes, a trailing 年 optional) and are
//! the next to move there.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Period;
use crate::time;

/// A calendar date `(year, month, day)`.
pub type Ymd = (i32, u32, u32);

/// `2018-05-31`, `2018年5月31日`, `2018/5/31`, `2018.5.31`, anywhere in `s`.
pub fn parse_iso_like(s: &str) -> Option<Ymd> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})").unwrap()
    });
    let c = RE.captures(s)?;
    valid((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// `二〇一七年三月五日`, `一九九六年六月二十九日` anywhere in `s`.
pub fn parse_cn_date(s: &str) -> Option<Ymd> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日").unwrap()
    });
    let c = RE.captures(s)?;
    let year = c[1].chars().try_fold(0i32, |y, ch| Some(y * 10 + cn_digit(ch)? as i32))?;
    let month = crate::numbers::parse_cn_integer(&c[2])? as u32;
    let day = crate::numbers::parse_cn_integer(&c[3])? as u32;
    valid((year, month, day))
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn valid(d: Ymd) -> Option<Ymd> {
    ((1..=12).contains(&d.1) && (1..=31).contains(&d.2)).then_some(d)
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{4,6}日?|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)$").unwrap()
});

/// A line that is nothing but a date, as under a signature: `2016年6月7日`,
/// `二〇一七年三月五日`, `2018-05-31`, or damaged `2018523`.
pub fn is_date_line(l: &str) -> bool {
    // Every form starts with 19/20 or a Chinese numeral and ends in 日 or a
    // digit: most lines are rejected without the regex.
    let (Some(first), Some(last)) = (l.chars().next(), l.chars().next_back()) else {
        return false;
    };
    let starts = matches!(first, '1' | '2') || "〇零○Ｏ一二三四五六七八九".contains(first);
    if !starts || !(last == '日' || last.is_numeric()) {
        return false;
    }
    DATE_LINE.is_match(l)
}

/// A date as written; the damaged form `2018523` (年/月 stripped) is read only when a
/// clean date of the document (or the title's year) confirms its year.
pub fn parse_date(s: &str, clean: &[Ymd], title: Option<&str>) -> Option<Ymd> {
    if let Some(d) = parse_iso_like(s).or_else(|| parse_cn_date(s)) {
        return Some(d);
    }
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(6..=8).contains(&digits.len()) {
        return None;
    }
    let year: i32 = digits[..4].parse().ok()?;
    let rest = &digits[4..];
    let confirmed_years: Vec<i32> = clean
        .iter()
        .map(|d| d.0)
        .chain(title.and_then(|t| {
            static Y: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})").unwrap());
            Y.captures(t).and_then(|c| c[1].parse().ok())
        }))
        .collect();
    if !confirmed_years.contains(&year) {
        return None;
    }
    // Candidate month/day splits, preferring one whose month a clean date shares.
    let splits: Vec<(u32, u32)> = (1..rest.len())
        .filter_map(|k| Some((rest[..k].parse().ok()?, rest[k..].parse().ok()?)))
        .filter(|&(m, d): &(u32, u32)| {
            valid((year, m, d)).is_some() && !(rest.len() > 2 && rest[..1] == *"0")
        })
        .collect();
    let pick = splits
        .iter()
        .find(|(m, _)| clean.iter().any(|c| c.0 == year && c.1 == *m))
        .or(splits.first())?;
    Some((year, pick.0, pick.1))
}

/// `2021420日印发` (年/月 lost) or `2021年4月20日印发`: the date a document was printed.
pub fn printed_date(l: &str, clean: &[Ymd], title: Option<&str>) -> Option<Ymd> {
    parse_date(printed_date_text(l)?, clean, title)
}

static PRINTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}|\d{2,4})日?|[〇零○Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*印发").unwrap()
});

/// The date before the first `印发` of `l` that has one: [`PRINTED`]'s leftmost
/// match. A date is at most 39 bytes (`二〇二一年十二月三十一日`), so each `印发`
/// is looked for with the bytes just before it (and the spaces between), in
/// order, and a long line is not searched whole.
fn printed_date_text(l: &str) -> Option<&str> {
    const DATE_BYTES: usize = 64;
    memchr::memmem::find_iter(l.as_bytes(), "印发").find_map(|at| {
        let mut start = l[..at].trim_end().len().saturating_sub(DATE_BYTES);
        while !l.is_char_boundary(start) {
            start -= 1;
        }
        Some(PRINTED.captures(&l[start..at + "印发".len()])?.get(1)?.as_str())
    })
}

pub fn iso(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

/// The period a title names: [`time::title_period`], the one home of that rule.
pub fn period_in(s: &str) -> Option<Period> {
    time::title_period(s)
}

/// A line that is only a period, as under a plan's title: `(2022-2025年)`.
pub fn period_line(l: &str) -> Option<Period> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[(（]?\s*(?:19|20)\d{2}\s*年?\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]?$",
        )
        .unwrap()
    });
    RE.is_match(l.trim()).then(|| period_in(l)).flatten()
}

/// A document without a title (a fragment): the five-year plan its body keeps
/// naming, with the byte range of its first mention.
pub fn body_plan(text: &str) -> Option<(Period, usize, usize)> {
    static FYP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(十[一二三四五六七八九]五)”?(?:期间|规划|时期)").unwrap());
    // (name, count, first byte range)
    let mut counts: Vec<(String, usize, (usize, usize))> = Vec::new();
    for c in FYP.captures_iter(text) {
        let m = c.get(1).expect("group 1 always takes part");
        match counts.iter_mut().find(|(n, _, _)| n == m.as_str()) {
            Some(e) => e.1 += 1,
            None => counts.push((m.as_str().to_string(), 1, (m.start(), m.end()))),
        }
    }
    let (name, _, (a, b)) = counts.into_iter().max_by_key(|(n, k, _)| (*k, n.clone()))?;
    Some((time::five_year_plan(&name)?, a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_printed_date_is_the_leftmost_match_of_the_whole_line(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "2021", "20", "19", "0", "12", "２０２１", "年", "月", "日", " ", "　", "印发",
                "二〇二一", "〇", "十二", "三", "关于", "通知", "，",
            ]), 0..24)
        ) {
            let l = parts.concat();
            let whole = PRINTED.captures(&l).map(|c| c.get(1).unwrap().as_str());
            proptest::prop_assert_eq!(printed_date_text(&l), whole);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_date_line_is_the_regex_match(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "2021", "20", "19", "0", "12", "２０２１", "-", "年", "月", "日", " ", "印发",
                "二〇二一", "〇", "十二", "三", "关于", "，",
            ]), 0..10)
        ) {
            let l = parts.concat();
            proptest::prop_assert_eq!(is_date_line(&l), DATE_LINE.is_match(&l));
        }
    }

    #[test]
    fn printed_dates() {
        assert_eq!(printed_date_text("2021年4月20日印发"), Some("2021年4月20日"));
        assert_eq!(
            printed_date_text("关于印发的通知 二〇二一年十二月三十一日  印发"),
            Some("二〇二一年十二月三十一日")
        );
        assert_eq!(printed_date_text("202021420日印发"), Some("2021420日"));
        assert_eq!(printed_date_text("印发"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(period_in("三年行动计划(2018-2020年)"), Some(Period { start: 2018, end: 2020 }));
        assert_eq!(period_in("实施方案（2021—2023年）"), Some(Period { start: 2021, end: 2023 }));
        assert_eq!(
            period_in("滨湖区“十四五”教育事业高质量发展专项规划"),
            Some(Period { start: 2021, end: 2025 })
        );
        assert_eq!(
            period_in("温州“未来教育”体系建设2021年工作要点"),
            Some(Period { start: 2021, end: 2021 })
        );
        assert_eq!(period_line("（2022—2025年）"), Some(Period { start: 2022, end: 2025 }));
        assert_eq!(period_line("到2025年，全市达到2030个"), None);
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(parse_cn_date("二〇一七年三月五日"), Some((2017, 3, 5)));
        assert_eq!(parse_cn_date("一九九六年六月二十九日"), Some((1996, 6, 29)));
        assert_eq!(parse_cn_date("二〇一七年十三月五日"), None);
        assert!(is_date_line("二〇一七年三月五日"));
        assert!(is_date_line("2016年6月7日"));
        assert!(!is_date_line("2016年6月7日印发"));
        assert!(is_date_line("2018-05-31"));
        assert!(is_date_line("2018523"));
        // Every form's year starts with ASCII 19 or 20.
        assert!(!is_date_line("２０１６年６月７日"));
        assert!(is_date_line("2016年 6 月 7 日"));
        assert!(is_date_line("二〇一七年十二月三十日"));
    }

    #[test]
    fn damaged_dates_need_a_confirming_clean_date() {
        let clean = [(2018, 5, 31)];
        assert_eq!(parse_date("2018523", &clean, None), Some((2018, 5, 23)));
        assert_eq!(parse_date("2018523", &[], None), None);
        assert_eq!(parse_date("2021420日", &[], Some("2021年工作要点")), Some((2021, 4, 20)));
    }
}
