//! markers: here is a line (or a stretch of one), tell me which numbering marker opens it.
//!
//! The families of `../shared/spec/structure.md`, their canonical order (a
//! chapter is above a section, above `一、`, above `(一)`, above `1.`, above
//! `(1)`, above `①`), and the numbers their markers stand for. Damaged markers
//! are recognised: `() 课程品质优化行动` (numeral lost), `1 .实施`, `5,实施`.

use std::sync::LazyLock;

use regex::Regex;

use crate::numbers::parse_cn_integer;

/// A numbering family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// A .docx heading style without a marker, by outline level.
    Style(u8),
    /// A part's name on a line of its own with no marker (`2025年工作回顾`), at
    /// the rank it was given when first seen (see `structure::unnumbered`).
    Unnumbered(i16),
    Chapter,
    Section,
    /// `第十二条`: an article of a regulation or measures (an item: it states a rule).
    Article,
    Cn,
    CnParen,
    Arabic,
    ArabicParen,
    Circled,
    Appendix,
}

impl Family {
    /// Canonical rank: lower is higher in the tree (steps of ten, so that an
    /// un-numbered heading can sit between two families).
    pub fn rank(self) -> i32 {
        match self {
            Family::Appendix => -1000,
            Family::Style(l) => -200 + 10 * l as i32,
            Family::Unnumbered(r) => r as i32,
            Family::Chapter => 0,
            Family::Section => 10,
            Family::Article => 20,
            Family::Cn => 30,
            Family::CnParen => 40,
            Family::Arabic => 50,
            Family::ArabicParen => 60,
            Family::Circled => 70,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Style(_) => "style",
            Family::Unnumbered(_) => "unnumbered",
            Family::Chapter => "chapter",
            Family::Section => "section",
            Family::Article => "article",
            Family::Cn => "cn",
            Family::CnParen => "cn_paren",
            Family::Arabic => "arabic",
            Family::ArabicParen => "arabic_paren",
            Family::Circled => "circled",
            Family::Appendix => "appendix",
        }
    }

    /// Families whose numbered lines name parts (headings) rather than state work (items).
    pub fn is_heading_family(self) -> bool {
        matches!(
            self,
            Family::Chapter
                | Family::Section
                | Family::Cn
                | Family::CnParen
                | Family::Appendix
                | Family::Style(_)
                | Family::Unnumbered(_)
        )
    }
}

/// A marker found at some char offset of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub family: Family,
    /// The marker as written, without the white space after it.
    pub text: String,
    pub number: Option<u32>,
    /// Char length of the marker including the white space after it.
    pub len: usize,
}

const CN: &str = "一二三四五六七八九十";

static RE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"(?P<ch>第[一二三四五六七八九十百零〇两\d]{1,4}章)",
        r"|(?P<se>第[一二三四五六七八九十百零〇两\d]{1,4}节)",
        r"|(?P<ar_>第[一二三四五六七八九十百零〇两\d]{1,5}条)",
        r"|(?P<cn>[一二三四五六七八九十]{1,3}\s*、)",
        r"|(?P<cnp>[(（]\s*[一二三四五六七八九十]{0,3}\s*[)）])",
        r"|(?P<arp>[(（]\d{1,2}[)）])",
        r"|(?P<ar>\d{1,2}\s*[.．、,，])",
        r"|(?P<ci>[①-⑳])",
        r")\s*"
    ))
    .unwrap()
});

/// The marker opening `s`, if any.
pub fn marker_at_start(s: &str) -> Option<Marker> {
    // Every marker starts with one of these; most lines are passed over here.
    let first = s.chars().next()?;
    if !(first == '第'
        || CN.contains(first)
        || matches!(first, '(' | '（')
        || first.is_numeric() // `\d` and the circled numbers
        || ('①'..='⑳').contains(&first))
    {
        return None;
    }
    // `find` is much cheaper than captures; the family follows from the match,
    // whose alternatives start with different characters.
    let whole = RE_START.find(s)?.as_str();
    let m = whole.trim_end(); // the marker: every alternative ends in a non-space
    let family = match first {
        '第' if m.ends_with('章') => Family::Chapter,
        '第' if m.ends_with('条') => Family::Article,
        '第' => Family::Section,
        '(' | '（' if m.chars().any(|c| c.is_numeric()) => Family::ArabicParen,
        '(' | '（' => Family::CnParen,
        c if CN.contains(c) => Family::Cn,
        c if ('①'..='⑳').contains(&c) => Family::Circled,
        _ => Family::Arabic,
    };
    let rest = &s[whole.len()..];
    if family == Family::Arabic {
        // `2.0`, `1.5万`, `3,000` are numbers, not markers; `2.2021年度…` is marker `2.` then a year.
        let sep = m.trim_end().chars().last().unwrap();
        let next = rest.chars().next();
        if next.is_some_and(|c| c.is_ascii_digit())
            && !(matches!(sep, '.' | '．') && starts_with_year(rest))
        {
            return None;
        }
        if next.is_none() || next.is_some_and(|c| matches!(c, '%' | '％')) {
            return None;
        }
    }
    if matches!(family, Family::Cn) && rest.is_empty() {
        return None;
    }
    let number = number_of(family, m);
    Some(Marker { family, text: m.trim().to_string(), number, len: whole.chars().count() })
}

fn starts_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && s[4..].starts_with('年')
}

/// The number a marker stands for (`(三)` → 3, `第十二章` → 12, `⑤` → 5, `()` → None).
pub fn number_of(family: Family, marker: &str) -> Option<u32> {
    match family {
        Family::Circled => marker.chars().next().map(|c| c as u32 - '①' as u32 + 1),
        Family::Arabic | Family::ArabicParen => {
            marker.chars().filter(|c| c.is_ascii_digit()).collect::<String>().parse().ok()
        }
        _ => {
            let digits: String = marker.chars().filter(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty() {
                return digits.parse().ok();
            }
            let cn: String =
                marker.chars().filter(|c| CN.contains(*c) || "百零〇两".contains(*c)).collect();
            if cn.is_empty() {
                None
            } else {
                parse_cn_integer(&cn).map(|v| v as u32)
            }
        }
    }
}

static RE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"第[一二三四五六七八九十]{1,3}[章节]",
        r"|[一二三四五六七八九十]{1,3}、",
        r"|[(（][一二三四五六七八九十]{1,3}[)）]",
        r"|\d{1,2}\s?[.．,](?:[^\d.．,%])",
    ))
    .unwrap()
});

/// Candidate markers inside a line (not at its start): `(byte offset, Marker)`.
/// Whether one is accepted depends on the numbering state (see `tree`).
pub fn inline_candidates(s: &str) -> Vec<(usize, Marker)> {
    let mut out = Vec::new();
    // `find_iter` is much cheaper than captures; the family follows from the match.
    for m in RE_INLINE.find_iter(s) {
        if m.start() == 0 {
            continue;
        }
        let prev = s[..m.start()].chars().last().unwrap();
        let t = m.as_str();
        let first = t.chars().next().unwrap();
        let family = if first == '第' {
            if t.ends_with('章') {
                Family::Chapter
            } else {
                Family::Section
            }
        } else if first == '(' || first == '（' {
            Family::CnParen
        } else if CN.contains(first) {
            if CN.contains(prev) || prev == '第' {
                continue; // part of a longer numeral or an ordinal
            }
            Family::Cn
        } else {
            if prev.is_ascii_digit() || prev == '.' {
                continue;
            }
            Family::Arabic
        };
        let mut text = t.to_string();
        if family == Family::Arabic {
            // The regex took one char of what follows; give it back.
            text.pop();
        }
        let number = number_of(family, &text);
        let len = text.chars().count();
        out.push((m.start(), Marker { family, text: text.trim().to_string(), number, len }));
    }
    out
}

/// `附件1`, `附件 2`, `附件` alone on a line: an appendix heading whose title is the next line.
/// Returns the appendix number (0 when none is written).
pub fn appendix_line(s: &str) -> Option<u32> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^附件\s*(\d{0,2})\s*[:：]?$").unwrap());
    let s = s.trim();
    if !s.starts_with("附件") {
        return None;
    }
    let c = RE.captures(s)?;
    Some(c[1].parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(s: &str) -> Option<(Family, Option<u32>, String)> {
        marker_at_start(s).map(|m| (m.family, m.number, m.text))
    }

    #[test]
    fn families_and_numbers() {
        assert_eq!(fam("第五章 重构教育链条"), Some((Family::Chapter, Some(5), "第五章".into())));
        assert_eq!(fam("第一节 将立德树人"), Some((Family::Section, Some(1), "第一节".into())));
        assert_eq!(
            fam("第五十五条　本条例自2025年1月1日起施行。"),
            Some((Family::Article, Some(55), "第五十五条".into()))
        );
        assert_eq!(fam("第3条 城市绿化"), Some((Family::Article, Some(3), "第3条".into())));
        assert_eq!(fam("十二、保障措施"), Some((Family::Cn, Some(12), "十二、".into())));
        assert_eq!(fam("（十三）锻造研究型"), Some((Family::CnParen, Some(13), "（十三）".into())));
        assert_eq!(fam("() 课程品质优化行动"), Some((Family::CnParen, None, "()".into())));
        assert_eq!(fam("1 .实施“举旗定向”"), Some((Family::Arabic, Some(1), "1 .".into())));
        assert_eq!(fam("5,实施“树优创名”"), Some((Family::Arabic, Some(5), "5,".into())));
        assert_eq!(fam("(2)开展"), Some((Family::ArabicParen, Some(2), "(2)".into())));
        assert_eq!(fam("③推进"), Some((Family::Circled, Some(3), "③".into())));
        assert_eq!(
            fam("2.2021年度未来教育重点研究课题"),
            Some((Family::Arabic, Some(2), "2.".into()))
        );
    }

    #[test]
    fn numbers_are_not_markers() {
        assert_eq!(fam("2.0建设标准"), None);
        assert_eq!(fam("2所学校被评为"), None);
        assert_eq!(fam("2021年工作要点"), None);
        assert_eq!(fam("100%建成"), None);
    }

    #[test]
    fn inline_candidates_skip_numbers_and_ordinals() {
        let c = inline_candidates(
            "不够强。二、“十四五”发展思路(一)机遇挑战,第二轮,2.0版。1.实施,5,实施",
        );
        let got: Vec<_> = c.iter().map(|(_, m)| (m.family, m.number)).collect();
        assert_eq!(
            got,
            [
                (Family::Cn, Some(2)),
                (Family::CnParen, Some(1)),
                (Family::Arabic, Some(1)),
                (Family::Arabic, Some(5))
            ]
        );
    }
}
