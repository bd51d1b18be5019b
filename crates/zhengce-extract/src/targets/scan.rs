//! scan: here is a sentence, give me the quantities in it.
//!
//! A quantity is a number (Arabic, Chinese, a range `3-5`, `8至10`) with its
//! scale (`万`, `亿`) and measure word, and the comparator words next to it
//! (`以上`, `多`, `余`, `不少于`, `近` …); or a ratio, which has no measure word
//! (`基尼系数0.46`, `2.50:1`, each part of `4.0∶37.7∶58.3`). What `targets.md` §1 says is not a
//! quantity is filtered here: years, dates, periods, document numbers,
//! ordinals, versions, names and slogans with numerals, numbers in `《》`,
//! levels, indefinite `一批`, institution names (`702所`).

use crate::numbers::{
    cn_digit, cn_run_end, is_cn_numeral_char, parse_arabic, parse_cn_fraction, parse_cn_integer,
    read_vague, starts_after_scale,
};
use crate::textutil::string_of;
use crate::units::{unit_at, SCALES};

/// A quantity found in a sentence; positions are char offsets in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// First char of the number (or of a comparator word right before it).
    pub num_start: usize,
    /// After the unit and any comparator suffix (`以上`).
    pub end: usize,
    /// After the unit (before the suffix).
    pub unit_end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    /// `>` from `多`/`余` between number and unit, or from a suffix.
    pub comparator: Option<&'static str>,
    /// Written with Chinese numerals.
    pub chinese: bool,
    /// The unit was taken from a parallel phrase (`初中3-5所、小学5-8`).
    pub inherited_unit: bool,
}

/// Well-known formulae that count their own parts; never quantities.
const SLOGANS: &[&str] = &[
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "四个全面",
    "五位一体",
    "四位一体",
    "两个一百年",
    "三个代表",
    "四个服务",
    "三个面向",
    "两个毫不动摇",
    "三严三实",
    "四个合一",
    "四个统一",
    "三个有利于",
    "两个先行",
    "三个地",
    "八个方面",
    "两个大局",
];

/// What `本` ("this") names in a document: itself, its parts, its issuer's area.
const THIS_WHAT: &[&str] = &[
    "预案",
    "办法",
    "条例",
    "规定",
    "通知",
    "意见",
    "方案",
    "计划",
    "细则",
    "决定",
    "规划",
    "规则",
    "标准",
    "制度",
    "法",
    "章",
    "节",
    "条",
    "款",
    "文件",
    "实施",
    "机关",
    "单位",
    "部门",
    "地区",
    "行政区域",
    "市",
    "省",
    "县",
    "区",
    "年度",
];

/// Measure words that after `一` are an indefinite article (`一支…队伍`, `一种`).
const INDEFINITE_ONE: &[&str] = &[
    "支", "种", "批", "道", "片", "股", "份", "套", "处", "部", "本", "类", "条", "块", "首", "台",
    "张", "件", "间", "座", "篇",
];

/// Whether a number can start at `c` (an ASCII digit or a Chinese numeral character).
pub fn starts_number(c: char) -> bool {
    c.is_ascii_digit() || is_cn_numeral_char(c)
}

pub fn scan(s: &[char]) -> Vec<Quantity> {
    let masks = Masks::new(s);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        // Most characters cannot start a number: step over them here.
        if !starts_number(s[i]) {
            i += 1;
            continue;
        }
        match quantity_at(s, i, &masks, &out) {
            Some(q) => {
                i = q.end.max(i + 1);
                out.push(q);
            }
            None => i += 1,
        }
    }
    // `稳定在3900万头、13.5亿只以上`: a bound written after the last figure of a
    // list bounds every figure of it.
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (&out[k], &out[k + 1]);
        let listed = a.end + 1 == b.num_start && s[a.end] == '、';
        if listed && a.comparator.is_none() && b.end > b.unit_end && b.comparator.is_some() {
            out[k].comparator = out[k + 1].comparator;
        }
    }
    out
}

/// Stretches of the sentence where numbers are names: `《…》` and short quotes.
/// Empty (and free) for the many sentences with neither.
struct Masks {
    in_title: Vec<bool>,
    in_quote: Vec<bool>,
}

impl Masks {
    fn new(s: &[char]) -> Self {
        let mut masks = Masks { in_title: Vec::new(), in_quote: Vec::new() };
        if s.contains(&'《') {
            masks.in_title = vec![false; s.len()];
            let mut depth = 0;
            for (k, &c) in s.iter().enumerate() {
                if c == '《' {
                    depth += 1;
                }
                masks.in_title[k] = depth > 0;
                if c == '》' && depth > 0 {
                    depth -= 1;
                }
            }
        }
        if s.contains(&'“') {
            masks.in_quote = vec![false; s.len()];
            for (k, &c) in s.iter().enumerate() {
                if c == '“' {
                    if let Some(len) = s[k + 1..].iter().take(20).position(|&d| d == '”') {
                        for q in &mut masks.in_quote[k..=k + 1 + len] {
                            *q = true;
                        }
                    }
                }
            }
        }
        masks
    }

    fn in_title(&self, k: usize) -> bool {
        self.in_title.get(k).copied().unwrap_or(false)
    }

    fn in_quote(&self, k: usize) -> bool {
        self.in_quote.get(k).copied().unwrap_or(false)
    }
}

/// Whether a Chinese numeral at `i` can have a measure word after it (after a
/// range, `多`/`余`, or a space). Chinese numerals without one are words
/// (`进一步`, `万众一心`) and are passed over before anything is built for them.
fn chinese_may_have_unit(s: &[char], i: usize) -> bool {
    let run_end = |mut k: usize| {
        while k < s.len() && is_cn_numeral_char(s[k]) {
            k += 1;
        }
        k
    };
    let unit_near = |mut k: usize| {
        if matches!(s.get(k), Some('多' | '余')) {
            k += 1;
        }
        if s.get(k) == Some(&' ') {
            k += 1;
        }
        unit_at(&s[k.min(s.len())..]).is_some()
    };
    let j = run_end(i);
    if unit_near(j) || scaled(s, i, j, 1.0) && implied_unit(s, i, j).is_some() {
        return true;
    }
    if matches!(s.get(j), Some('-' | '—' | '–' | '~' | '～' | '至' | '到')) {
        let k = j + 1 + (s.get(j + 1) == Some(&'—')) as usize;
        return s.get(k).is_some_and(|&c| is_cn_numeral_char(c)) && unit_near(run_end(k));
    }
    false
}

fn read_arabic(s: &[char], i: usize) -> Option<(f64, usize)> {
    let digit = |k: usize| s.get(k).is_some_and(|c| c.is_ascii_digit());
    let mut j = i;
    while digit(j) {
        j += 1;
    }
    // Thousands separators: `,` followed by exactly three digits.
    while s.get(j) == Some(&',')
        && (1..=3).all(|d| digit(j + d))
        && !digit(j + 4)
        && j - i <= 3 + 4 * 8
    {
        j += 4;
    }
    if s.get(j) == Some(&'.') && digit(j + 1) {
        j += 1;
        while digit(j) {
            j += 1;
        }
    }
    let text: String = string_of(&s[i..j]);
    // `5-82019年`: digits of a year glued to the number before it.
    let digits = text.len();
    if digits >= 5 && !text.contains(['.', ',']) && s.get(j) == Some(&'年') {
        let year: u32 = text[digits - 4..].parse().ok()?;
        if (1900..2100).contains(&year) {
            let head = &text[..digits - 4];
            return Some((parse_arabic(head)?, i + head.len()));
        }
    }
    Some((parse_arabic(&text)?, j))
}

fn read_chinese(s: &[char], i: usize) -> Option<(f64, usize)> {
    let j = cn_run_end(s, i);
    if j == i {
        return None;
    }
    // Trailing scale characters may belong to a unit-less run (`十万人次` is fine).
    let text: String = string_of(&s[i..j]);
    Some((parse_cn_integer(&text)?, j))
}

fn read_number(s: &[char], i: usize) -> Option<(f64, usize, bool)> {
    if s[i].is_ascii_digit() {
        read_arabic(s, i).map(|(v, j)| (v, j, false))
    } else if is_cn_numeral_char(s[i]) {
        read_chinese(s, i).map(|(v, j)| (v, j, true))
    } else {
        None
    }
}

/// `w` is written in `s` from char `at`.
pub(super) fn starts_with(s: &[char], at: usize, w: &str) -> bool {
    w.chars().enumerate().all(|(k, c)| s.get(at + k) == Some(&c))
}

/// `w` is written in `s` up to char `at`.
pub(super) fn ends_with(s: &[char], at: usize, w: &str) -> bool {
    let n = w.chars().count();
    at >= n && starts_with(s, at - n, w)
}

fn quantity_at(s: &[char], i: usize, masks: &Masks, found: &[Quantity]) -> Option<Quantity> {
    let c = s[i];
    if !(c.is_ascii_digit() || is_cn_numeral_char(c)) {
        return None;
    }
    let prev = if i > 0 { Some(s[i - 1]) } else { None };
    // Inside another number or word: `V2`, `5G`, `2.0`, `第3`.
    if let Some(p) = prev {
        if c.is_ascii_digit() && (p.is_ascii_alphanumeric() || p == '.' || p == '+') {
            return None;
        }
        if !c.is_ascii_digit() && is_cn_numeral_char(p) && !starts_after_scale(s, i) {
            return None;
        }
        if matches!(p, '第' | '〔' | '[' | '【' | '初' | '周' | '星' | '期') {
            return None;
        }
    }
    if masks.in_title(i) {
        return None;
    }
    // `百分之三十`
    if starts_with(s, i, "百分之") {
        let (v, j, _) = read_number(s, i + 3)?;
        return Some(finish(s, i, j, v, None, "%".into(), None, true, false));
    }
    // `二分之一`
    if c != '百' {
        let mut k = i;
        while k < s.len() && is_cn_numeral_char(s[k]) {
            k += 1;
        }
        if starts_with(s, k, "分之") {
            let mut j = k + 2;
            while j < s.len() && is_cn_numeral_char(s[j]) {
                j += 1;
            }
            let text: String = string_of(&s[i..j]);
            let v = parse_cn_fraction(&text)?;
            return Some(finish(s, i, j, v, None, String::new(), None, true, false));
        }
    }
    // `一两项`, `十几所`, `上百名`: a range or a round figure.
    let vague = match c.is_ascii_digit() {
        true => None,
        false => read_vague(s, i).filter(|&(_, end)| unit_at(&s[end..]).is_some()),
    };
    // `千名骨干教师`, `百所特色学校`: a bare 百 or 千 before a count's measure
    // word is one hundred or one thousand (not `千家万户`, `百姓`).
    let bare_round = vague.is_none()
        && matches!(c, '百' | '千')
        && matches!(s.get(i + 1), Some('名' | '所' | '位' | '个' | '项'));
    let (value, mut j, chinese) = match vague {
        Some((v, end)) => (v.value, end, true),
        None if bare_round => (if c == '百' { 100.0 } else { 1000.0 }, i + 1, true),
        None if !c.is_ascii_digit() && !chinese_may_have_unit(s, i) => return None,
        None => read_number(s, i)?,
    };
    let written = &s[i..j];
    // `一二三次产业`: bare Chinese digits without `〇` enumerate, they do not count.
    if chinese
        && vague.is_none()
        && written.len() > 1
        && written.iter().all(|&c| cn_digit(c).is_some() && !matches!(c, '〇' | '零'))
    {
        return None;
    }
    // `零部件`, `零增长`: a lone `零` is a word, not a count of nothing.
    if chinese && written == ['零'] {
        return None;
    }
    // Versions: `2.0`, `3.0` (not a share: `5.0%`, nor a part of a ratio: `4.0∶37.7`).
    if !chinese && written.ends_with(&['.', '0']) && !matches!(s.get(j), Some('%' | ':' | '∶')) {
        return None;
    }
    // `一` as an article: `新一轮`, `每一位`, `上一年度`.
    if chinese && written == ['一'] && prev.is_some_and(|p| "新每上下同另唯统专单逐".contains(p))
    {
        return None;
    }
    if j > i + 1 && !chinese && s[i] == '0' && !s[i..j].contains(&'.') {
        return None; // leading zeros: an index or a code
    }
    let mut value_max = vague.and_then(|(v, _)| v.value_max);
    // `0.15%-0.2%`: a range with the unit written at both ends.
    if vague.is_none()
        && !chinese
        && s.get(j) == Some(&'%')
        && s.get(j + 1).is_some_and(|c| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到'))
        && s.get(j + 2).is_some_and(|c| c.is_ascii_digit())
    {
        if let Some((v2, j2, false)) = read_number(s, j + 2) {
            if v2 > value && s.get(j2) == Some(&'%') {
                value_max = Some(v2);
                j = j2;
            }
        }
    }
    // A range: `3-5`, `8至10`, `三至五`.
    if vague.is_none() && j < s.len() && matches!(s[j], '-' | '—' | '–' | '~' | '～' | '至' | '到')
    {
        let k = j + 1 + (s.get(j + 1) == Some(&'—')) as usize;
        if k < s.len()
            && (s[k].is_ascii_digit() != chinese || (chinese && cn_digit(s[k]).is_some()))
        {
            if let Some((v2, j2, ch2)) = read_number(s, k) {
                if ch2 == chinese && v2 > value {
                    value_max = Some(v2);
                    j = j2;
                }
            }
        }
    }
    // `多`/`余` and scale words between number and unit.
    let mut comparator = vague.and_then(|(v, _)| v.comparator);
    let mut scale = 1.0;
    let mut k = j;
    if k < s.len() && matches!(s[k], '多' | '余') {
        comparator = Some(">");
        k += 1;
    }
    if !chinese {
        if let Some((w, f)) = SCALES.iter().find(|(w, _)| starts_with(s, k, w)) {
            scale = *f;
            k += w.chars().count();
        }
    }
    if k < s.len() && matches!(s[k], '多' | '余') && comparator.is_none() {
        comparator = Some(">");
        k += 1;
    }
    // `30 个`: one space between number and unit.
    if s.get(k) == Some(&' ')
        && s.get(k + 1).is_some_and(|c| !c.is_ascii())
        && unit_at(&s[k + 1..]).is_some()
    {
        k += 1;
    }
    let unit = unit_at(&s[k..]);
    let (unit, unit_len, inherited) = match unit {
        Some((u, n)) => (u, n, false),
        None => {
            // A bare number in a parallel list takes the unit of the phrase before it;
            // `1409万、1305万人次`: the first of two scaled figures takes the unit of the second.
            let listed = match (chinese, scale == 1.0) {
                (true, _) => None,
                (false, true) => inherit_unit(s, i, k, found),
                (false, false) => next_element_unit(s, k),
            };
            match listed {
                Some(u) => (u, 0, true),
                None => match scaled(s, i, k, scale).then(|| implied_unit(s, i, k)).flatten() {
                    Some(u) => (u.to_string(), 0, false),
                    None if !chinese && scale != 1.0 && people_after(s, k) => {
                        ("人".into(), 0, false)
                    }
                    None if !chinese => match ratio_at(s, i, k, found) {
                        Some(len) => (String::new(), len, false),
                        None => return None,
                    },
                    None => return None,
                },
            }
        }
    };
    let unit_end = k + unit_len;
    let value = value * scale;
    let value_max = value_max.map(|v| v * scale);
    // `开展2021人工智能…`: a year written without 年 before a word.
    if !chinese
        && written.len() == 4
        && (1950.0..2100.0).contains(&value)
        && matches!(unit.as_str(), "人" | "个")
        && s.get(unit_end).is_some_and(|c| crate::textutil::is_han(*c))
    {
        return None;
    }
    // `千亿元以上` is a figure; `百万吨乙烯项目` names a class of plant; `千名骨干
    // 教师`, `百所特色学校` count people and things.
    let counts = matches!(unit.as_str(), "名" | "所" | "个" | "位" | "家" | "项" | "人");
    let bare_scale = chinese && matches!(s[i], '百' | '千') && vague.is_none() && !counts;
    let comparator_after = COMPARATORS_AFTER.iter().any(|(w, _)| starts_with(s, unit_end, w));
    if bare_scale
        && !comparator_after
        && s.get(unit_end).is_some_and(|&c| crate::textutil::is_han(c))
    {
        return None;
    }
    if rejected(s, i, unit_end, &unit, value, chinese, masks) {
        return None;
    }
    Some(finish(s, i, unit_end, value, value_max, unit, comparator, chinese, inherited))
}

/// The figure at `i..after` is written with a scale word (`5100万`, `万亿`).
fn scaled(s: &[char], i: usize, after: usize, scale: f64) -> bool {
    scale != 1.0 || after > i && matches!(s[after - 1], '万' | '亿')
}

/// The measure word a scaled figure without one leaves to the indicator named
/// right before it (`海洋生产总值突破万亿`: 元; `职工医保参保人数突破5100万`: 人),
/// when nothing but punctuation follows the figure.
fn implied_unit(s: &[char], i: usize, after: usize) -> Option<&'static str> {
    const MONEY: &[&str] = &[
        "生产总值",
        "总值",
        "产值",
        "增加值",
        "收入",
        "营收",
        "总额",
        "销售额",
        "零售额",
        "成交额",
        "交易额",
        "投资",
        "余额",
        "支出",
        "利润",
        "税收",
    ];
    const PEOPLE: &[&str] = &["人数", "人口"];
    const LEVEL: &[&str] = &[
        "突破",
        "超过",
        "超",
        "达到",
        "达",
        "逾",
        "近",
        "约",
        "为",
        "增至",
        "增加到",
        "提高到",
        "保持在",
        "稳定在",
    ];
    if s.get(after).is_some_and(|&c| crate::textutil::is_han(c) || c.is_ascii_alphanumeric()) {
        return None;
    }
    let before: String = string_of(&s[i.saturating_sub(16)..i]);
    let before = LEVEL.iter().find_map(|w| before.strip_suffix(w)).unwrap_or(&before);
    if MONEY.iter().any(|m| before.ends_with(m)) {
        Some("元")
    } else if PEOPLE.iter().any(|m| before.ends_with(m)) {
        Some("人")
    } else {
        None
    }
}

/// `近300万群众`, `13.2万脱贫人口`: a count of people written straight before
/// the noun (`targets.md` §3: unit `人`). The noun is one of a few heads of
/// groups of people, after at most three characters that qualify it, and is
/// not the start of a longer word (`居民楼`, `群众会`).
fn people_after(s: &[char], k: usize) -> bool {
    const HEADS: &[&str] = &["群众", "居民", "人口", "农民", "市民", "村民", "职工", "游客"];
    (0..=3).any(|skip| {
        let at = k + skip;
        s[k..at.min(s.len())].iter().all(|&c| crate::textutil::is_han(c))
            && HEADS.iter().any(|h| {
                starts_with(s, at, h)
                    && !s
                        .get(at + h.chars().count())
                        .is_some_and(|c| "楼区点会代表委家户".contains(*c))
            })
    })
}

/// A ratio or index, which has no measure word: how many characters after the
/// number at `i..after` belong to it, or None when it is not one.
/// - named (`城乡居民收入比缩小至1.83`, `基尼系数0.46`): none;
/// - `N:1` after a named ratio or after another ratio (`城乡居民收入比从2.50:1
///   缩小至2.27:1`): the `:1`, which is not a figure of its own;
/// - a part of a ratio of three or more parts, one of them a decimal or after
///   a named ratio (`三次产业比重为4.0∶37.7∶58.3`): none. A time (`9:30`) is none of these.
fn ratio_at(s: &[char], i: usize, after: usize, found: &[Quantity]) -> Option<usize> {
    let (a, b) = ratio_chain(s, i, after);
    let parts = colons(&s[a..b]) + 1;
    if parts == 1 {
        return is_bare_ratio(s, i, after).then_some(0);
    }
    let named = named_ratio_before(s, a);
    let after_ratio =
        found.last().is_some_and(|q| q.unit.is_empty() && q.unit_end + 6 >= a && q.unit_end <= a);
    if parts == 2 && b == after + 2 && s[after + 1] == '1' {
        return (named || after_ratio).then_some(2); // `2.50:1`
    }
    let decimal = s[a..b].contains(&'.');
    (parts >= 3 && (decimal || named) && i >= a).then_some(0)
}

/// The chain of parts `a:b:c` that the number at `i..after` is in: its start
/// and end (`i..after` itself when it is in none).
fn ratio_chain(s: &[char], i: usize, after: usize) -> (usize, usize) {
    let colon = |k: usize| matches!(s.get(k), Some(':' | '∶'));
    let number_char = |k: usize| s.get(k).is_some_and(|c| c.is_ascii_digit() || *c == '.');
    let mut a = i;
    while a >= 2 && colon(a - 1) && number_char(a - 2) {
        a -= 1;
        while a > 0 && number_char(a - 1) {
            a -= 1;
        }
    }
    let mut b = after;
    while colon(b) && s.get(b + 1).is_some_and(|c| c.is_ascii_digit()) {
        b += 1;
        while number_char(b) {
            b += 1;
        }
    }
    (a, b)
}

fn colons(s: &[char]) -> usize {
    s.iter().filter(|&&c| matches!(c, ':' | '∶')).count()
}

/// Which part of a ratio of three or more parts (`4.0∶37.7∶58.3`) a quantity
/// is, counted from 0; None when it is not in one.
pub fn ratio_part(s: &[char], q: &Quantity) -> Option<usize> {
    if !q.unit.is_empty() {
        return None;
    }
    let (a, b) = ratio_chain(s, q.num_start, q.unit_end);
    (colons(&s[a..b]) >= 2).then(|| colons(&s[a..q.num_start]))
}

/// `城乡居民收入比缩小至1.83`, `基尼系数0.46`: a ratio or index has no measure word.
fn is_bare_ratio(s: &[char], i: usize, after: usize) -> bool {
    let ends = s.get(after).is_none_or(|c| {
        !c.is_alphanumeric() || !crate::textutil::is_han(*c) && !c.is_ascii_alphanumeric()
    });
    named_ratio_before(s, i) && ends
}

/// The words before `i` name a ratio or index (`城乡居民收入比缩小至`, `基尼系数`),
/// also with a two-character part it holds for between name and verb
/// (`差异系数小学不高于0.50`).
fn named_ratio_before(s: &[char], i: usize) -> bool {
    const NAMES: [&str; 8] = ["比", "指数", "系数", "倍数", "比值", "比重", "结构", "比例"];
    let text: String = string_of(&s[i.saturating_sub(12)..i]);
    let verb = [
        "不高于",
        "不低于",
        "不超过",
        "不大于",
        "不小于",
        "低于",
        "高于",
        "小于",
        "大于",
        "从",
        "缩小至",
        "缩小到",
        "降至",
        "降到",
        "下降到",
        "提高到",
        "提高至",
        "增至",
        "达到",
        "达",
        "为",
        "保持在",
        "稳定在",
        "控制在",
        "至",
    ]
    .iter()
    .find_map(|w| text.strip_suffix(w));
    let before = verb.unwrap_or(&text);
    let named = |b: &str| NAMES.iter().any(|w| b.ends_with(w));
    // `小学`, `初中`, `城镇`: the part, between the name and its verb, when it
    // is not itself a name's end.
    let part = before.char_indices().rev().nth(1).map(|(at, _)| &before[..at]);
    named(before)
        || verb.is_some()
            && part.is_some_and(|b| {
                named(b)
                    && before[b.len()..].chars().all(crate::textutil::is_han)
                    && !named(&before[b.len()..])
            })
}

/// Words after a quantity that bound it (`20所以上`, `6%左右`), longest first
/// where one ends another, with the comparator each gives: the scanner reads
/// them in running text, and an indicator table's cells (`6左右`) too.
pub const COMPARATORS_AFTER: &[(&str, &str)] = &[
    ("及以上", ">="),
    ("以上", ">="),
    ("以下", "<="),
    ("以内", "<="),
    ("左右", "~"),
    ("上下", "~"),
];

#[allow(clippy::too_many_arguments)]
fn finish(
    s: &[char],
    num_start: usize,
    unit_end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: String,
    comparator: Option<&'static str>,
    chinese: bool,
    inherited_unit: bool,
) -> Quantity {
    let mut end = unit_end;
    let mut comparator = comparator;
    for &(w, cmp) in COMPARATORS_AFTER {
        if starts_with(s, end, w) {
            end += w.chars().count();
            comparator = Some(cmp);
            break;
        }
    }
    Quantity {
        num_start,
        end,
        unit_end,
        value,
        value_max,
        unit,
        comparator,
        chinese,
        inherited_unit,
    }
}

/// The unit of a scaled Arabic figure right after `、` at `k` (`、1305万人次`).
fn next_element_unit(s: &[char], k: usize) -> Option<String> {
    if s.get(k) != Some(&'、') || !s.get(k + 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (_, mut j) = read_arabic(s, k + 1)?;
    let (w, _) = SCALES.iter().find(|(w, _)| starts_with(s, j, w))?;
    j += w.chars().count();
    unit_at(&s[j..]).map(|(u, _)| u)
}

/// `初中3-5所、小学5-8`: the list element before this number is `NP + number + unit`.
fn inherit_unit(s: &[char], i: usize, after: usize, found: &[Quantity]) -> Option<String> {
    let prev = found.last()?;
    let gap: String = string_of(&s[prev.end..i]);
    let sep_ok = gap.starts_with('、')
        && gap.chars().count() <= 6
        && gap.chars().skip(1).all(crate::textutil::is_han);
    let next_ok = s.get(after).is_none_or(|c| {
        !crate::textutil::is_han(*c) && !c.is_ascii_alphabetic() && !matches!(c, '/' | ':' | '∶')
            || *c == '年' && s[after - 1].is_ascii_digit()
    });
    // A streak (`增长3.9%、总量连续37年`) is not an element of the list.
    let streak = ends_with(s, i, "连续");
    (sep_ok && next_ok && !streak && !prev.inherited_unit).then(|| prev.unit.clone())
}

/// `七次、八次全会`: what follows a list of Chinese numerals with the one-character
/// unit `unit` that starts at `k` (after its first element's unit).
fn after_list(s: &[char], mut k: usize, unit: &str) -> String {
    let mut u = unit.chars();
    if let (Some(uc), None) = (u.next(), u.next()) {
        while s.get(k) == Some(&'、') {
            let e = cn_run_end(s, k + 1);
            if e == k + 1 || s.get(e) != Some(&uc) {
                break;
            }
            k = e + 1;
        }
    }
    string_of(&s[k..(k + 6).min(s.len())])
}

/// `配置一期、二期`: where the list of Chinese numerals with the one-character unit
/// `unit` that holds the number at `i` starts.
fn list_start(s: &[char], mut i: usize, unit: &str) -> usize {
    let mut u = unit.chars();
    let (Some(uc), None) = (u.next(), u.next()) else { return i };
    while i >= 3 && s[i - 1] == '、' && s[i - 2] == uc && is_cn_numeral_char(s[i - 3]) {
        let mut k = i - 3;
        while k > 0 && is_cn_numeral_char(s[k - 1]) {
            k -= 1;
        }
        i = k;
    }
    i
}

/// The filters of `targets.md` §1 that need the context around a quantity.
fn rejected(
    s: &[char],
    i: usize,
    unit_end: usize,
    unit: &str,
    value: f64,
    chinese: bool,
    masks: &Masks,
) -> bool {
    let next: String = string_of(&s[unit_end..(unit_end + 6).min(s.len())]);
    let this: String = string_of(&s[i..unit_end]);
    // Slogans and names that count their own parts.
    if chinese {
        let window: String = string_of(&s[i..(i + 8).min(s.len())]);
        if SLOGANS.iter().any(|w| window.starts_with(w)) {
            return true;
        }
        if masks.in_quote(i) {
            return true;
        }
        // `一人一案`, `万人一面`: a one-character numeral and unit followed by 一.
        if unit_end - i == 2 && next.starts_with('一') {
            return true;
        }
        if value == 1.0 && this.starts_with('一') && INDEFINITE_ONE.contains(&unit) {
            return true;
        }
        // After a copula or 的, `一个`/`一项` is an article: `是一项政策性很强的工作`,
        // `作为一项政治任务`, `…的一项重要任务`, `作为一个生命共同体`.
        if value == 1.0
            && this.starts_with('一')
            && matches!(unit, "个" | "项")
            && ["是", "的", "作为", "成为"].iter().any(|w| ends_with(s, i, w))
        {
            return true;
        }
        // `二次污染`, `二次开发`: secondary, not twice (a count of two is `两次`,
        // and `二次` as one ends its phrase: `每年检查二次。`).
        if unit == "次"
            && this == "二次"
            && s.get(unit_end)
                .is_some_and(|&c| crate::textutil::is_han(c) && !"以左多和及与或".contains(c))
        {
            return true;
        }
        // A numbered session of a numbered congress (`十届全国人大四次会议`,
        // `全国政协十届三次会议`, `四次会议第7264号建议`); not a count (`每年召开两次会议`).
        if unit == "次"
            && next.starts_with("会议")
            && (next.starts_with("会议第")
                || s[i.saturating_sub(8)..i]
                    .iter()
                    .rev()
                    .take_while(|&&c| !"，。；、".contains(c))
                    .any(|&c| c == '届'))
        {
            return true;
        }
        // Editions without 第: `十九届二中全会`, `十四届人大`; not `两届广交会`.
        let session = value >= 10.0
            || next.chars().next().is_some_and(is_cn_numeral_char)
            || ["中全会", "全会", "人大", "全国人大", "政协", "党代会"]
                .iter()
                .any(|w| next.starts_with(w));
        if unit == "届"
            && session
            && !(ends_with(s, i, "举办") || ends_with(s, i, "共") || ends_with(s, i, "连续"))
        {
            return true;
        }
    }
    // `等六部门印发`, `十部委联合`: how many bodies issue the document, not a quantity.
    if unit == "部" && (next.starts_with('门') || next.starts_with('委')) {
        let after: String = next.chars().skip(1).collect();
        if ends_with(s, i, "等")
            || ["联合", "印发", "发布", "出台", "制定", "共同", "关于"]
                .iter()
                .any(|w| after.starts_with(w))
        {
            return true;
        }
    }
    // `7.2 本预案由…`, `3 本办法自…`: 本 is "this" before the document or the
    // body it names, and the figure before it a section number.
    if unit == "本" && THIS_WHAT.iter().any(|w| next.starts_with(w)) {
        return true;
    }
    if unit == "次" && next.starts_with('性') {
        return true; // 一次性
    }
    // A session (`十四届十次全会`, `七次、八次全会`) or the three sectors (`三次产业`).
    if unit == "次"
        && (after_list(s, unit_end, unit).starts_with("全会") || next.starts_with("产业"))
    {
        return true;
    }
    if chinese {
        // `一个个`, `一项项`: reduplication, not a count.
        if unit.chars().count() == 1 && s.get(unit_end).is_some_and(|&c| unit.starts_with(c)) {
            return true;
        }
        // `千家万户`, `千行百业`: an idiom of two numeral-noun pairs.
        // Positions before the number may fall off the start: `checked_sub`.
        let numeral =
            |k: Option<usize>| k.and_then(|k| s.get(k)).is_some_and(|&c| is_cn_numeral_char(c));
        let han = |k: Option<usize>| {
            k.and_then(|k| s.get(k)).is_some_and(|&c| crate::textutil::is_han(c))
        };
        let at = |d: isize| i.checked_add_signed(d);
        if unit_end == i + 2
            && (numeral(at(2)) && han(at(3)) && !numeral(at(3)) && !numeral(at(4))
                || numeral(at(-2)) && han(at(-1)) && !numeral(at(-1)) && !numeral(at(-3)))
        {
            return true;
        }
    }
    // `千亿元级产业集群`, `30万吨级码头`: a class, not a count.
    if s.get(unit_end) == Some(&'级') {
        return true;
    }
    // An age that names a group (`65岁以上老年人`, `0—6岁儿童`, `年满60岁的`)
    // rather than measuring one (`人均预期寿命达79.5岁`).
    if matches!(unit, "岁" | "周岁") {
        let after =
            COMPARATORS_AFTER.iter().find_map(|(w, _)| next.strip_prefix(w)).unwrap_or(&next);
        if after.chars().next().is_some_and(crate::textutil::is_han) {
            return true;
        }
    }
    if unit == "周" && next.starts_with('年') {
        return true; // an anniversary: 成立75周年
    }
    // A phase of a named work (`入海水道二期工程`, `机场三期、…`,
    // `核电一期投入运行`): a Chinese numeral right after the name; not a
    // count after a verb or a period (`举办两期`, `每年两期`).
    if unit == "期" && chinese {
        let first = list_start(s, i, unit);
        if first > 0
            && crate::textutil::is_han(s[first - 1])
            && (after_list(s, unit_end, unit).starts_with("工程")
                || !"办举开训共分设展行计累年月".contains(s[first - 1]))
        {
            return true;
        }
    }
    if unit == "位" && (next.starts_with('数') || next.starts_with("一体")) {
        return true; // 两位数, 四位一体
    }
    if matches!(unit, "位" | "名") && ends_with(s, i, "前") {
        return true; // a rank: 前20位
    }
    // `4个万亿元台阶`: a Chinese figure right after a measure word names a class.
    if chinese && i > 0 && matches!(s[i - 1], '个' | '项' | '批' | '类') {
        return true;
    }
    // The base of a rate (`每万人口发明专利拥有量`, `每6个教学班配备1名`, `每三年举办`):
    // the count that follows it is the quantity; the base is optional in gold.
    if i > 0 && s[i - 1] == '每' {
        return true;
    }
    // `4+1`, `1+X+Y`, `5+N`.
    if s.get(unit_end) == Some(&'+') || (i > 0 && s[i - 1] == '+') {
        return true;
    }
    // `702所、56所等科研机构`: institutes named by number.
    if unit == "所" && !chinese {
        let mut k = unit_end;
        loop {
            if starts_with(s, k, "等科研")
                || starts_with(s, k, "等研究")
                || starts_with(s, k, "等院所")
            {
                return true;
            }
            if s.get(k) == Some(&'、') && s.get(k + 1).is_some_and(|c| c.is_ascii_digit()) {
                k += 1;
                while s.get(k).is_some_and(|c| c.is_ascii_digit()) {
                    k += 1;
                }
                if s.get(k) == Some(&'所') {
                    k += 1;
                    continue;
                }
            }
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(f64, Option<f64>, String, Option<&'static str>)> {
        let chars: Vec<char> = s.chars().collect();
        scan(&chars).into_iter().map(|q| (q.value, q.value_max, q.unit, q.comparator)).collect()
    }

    #[test]
    fn a_scaled_figure_takes_the_unit_its_indicator_implies() {
        assert_eq!(q("海洋生产总值突破万亿，"), [(1e12, None, "元".into(), None)]);
        assert_eq!(q("职工医保参保人数突破5100万。"), [(5.1e7, None, "人".into(), None)]);
        // Not without a scale, nor before a word.
        assert!(q("职工医保参保人数突破5100。").is_empty());
        assert!(q("生产总值突破万亿大关").is_empty());
        assert!(q("参保人数5100万左右").iter().all(|x| x.2 == "人"));
    }

    #[test]
    fn a_count_of_people_before_their_noun_is_in_people() {
        assert_eq!(q("惠及近300万群众，").iter().map(|x| x.2.as_str()).collect::<Vec<_>>(), ["人"]);
        assert_eq!(q("帮助13.2万脱贫人口就业").iter().map(|x| x.0).collect::<Vec<_>>(), [132000.0]);
        assert!(q("新建2万居民楼").is_empty());
        assert!(q("覆盖300群众").is_empty());
    }

    #[test]
    fn a_bare_hundred_or_thousand_before_a_count() {
        let v = |s: &str| q(s).into_iter().map(|x| (x.0, x.2)).collect::<Vec<_>>();
        assert_eq!(v("培养千名骨干教师"), [(1000.0, "名".to_string())]);
        assert_eq!(v("培育特色学校百所以上"), [(100.0, "所".to_string())]);
        // Words, not counts.
        assert!(q("走进千家万户").is_empty());
        assert!(q("关心百姓生活").is_empty());
        assert!(q("建设百万吨乙烯项目").is_empty());
    }

    #[test]
    fn measure_words_of_works_lands_and_energy() {
        let units = |s: &str| q(s).into_iter().map(|x| (x.0, x.2)).collect::<Vec<_>>();
        assert_eq!(units("安装路灯1500盏"), [(1500.0, "盏".to_string())]);
        assert_eq!(
            units("供应建设用地20宗，发放贷款1.2万笔"),
            [(20.0, "宗".into()), (12000.0, "笔".into())]
        );
        assert_eq!(units("节能50万吨标准煤"), [(5e5, "吨标准煤".to_string())]);
        assert_eq!(units("节约用电100万度。"), [(1e6, "度".to_string())]);
        assert_eq!(units("新打机井30口，"), [(30.0, "口".to_string())]);
        // `targets.md` §3: scale inside a unit is applied whatever the unit.
        assert_eq!(units("算力规模超10万P。"), [(1e5, "P".to_string())]);
        assert_eq!(units("出口带宽达到100Gbps"), [(100.0, "Gbps".to_string())]);
        assert!(q("监控分辨率1080PB级").is_empty());
        // Before a word they are not units: `三口之家`, `3度空间`.
        assert!(q("惠及3口之家").is_empty());
        assert!(q("打造3度空间").is_empty());
    }

    #[test]
    fn ratios_by_their_form() {
        let parts = |s: &str| q(s).into_iter().map(|(v, _, u, _)| (v, u)).collect::<Vec<_>>();
        let none = String::new;
        assert_eq!(
            parts("三次产业比重为4.0∶37.7∶58.3"),
            [(4.0, none()), (37.7, none()), (58.3, none())]
        );
        // `:1` closes the ratio and is no figure of its own.
        assert_eq!(parts("城乡居民收入比从2.50:1缩小至2.27:1"), [(2.5, none()), (2.27, none())]);
        // A named index under a bound word, also for one part of what it
        // measures, and the list after it.
        assert_eq!(
            parts("差异系数小学不高于0.50、初中不高于0.45"),
            [(0.5, none()), (0.45, none())]
        );
        assert_eq!(parts("恩格尔系数低于30"), [(30.0, none())]);
        // Two characters after a name are no part of it when they end a name.
        assert!(q("人口规模比重增加3").is_empty());
        // Times, unnamed pairs and integer triples are not ratios.
        assert!(q("会议于9:30开始").is_empty());
        assert!(q("按1:1配套").is_empty());
        assert!(q("时间为10:30:00").is_empty());
    }

    #[test]
    fn numbers_units_scales_and_ranges() {
        assert_eq!(q("新建新教学空间1000个"), [(1000.0, None, "个".into(), None)]);
        assert_eq!(q("辐射学生100万人次以上"), [(1e6, None, "人次".into(), Some(">="))]);
        assert_eq!(q("投入建设经费近15亿元"), [(1.5e9, None, "元".into(), None)]);
        assert_eq!(q("评选微团队3-5个"), [(3.0, Some(5.0), "个".into(), None)]);
        assert_eq!(q("培养8至10位"), [(8.0, Some(10.0), "位".into(), None)]);
        assert_eq!(q("近视率下降1个百分点"), [(1.0, None, "百分点".into(), None)]);
        assert_eq!(
            q("培养一百名讲师,推选一千名家长"),
            [(100.0, None, "名".into(), None), (1000.0, None, "名".into(), None)]
        );
        assert_eq!(
            q("实验室40多个,特色学校50余所"),
            [(40.0, None, "个".into(), Some(">")), (50.0, None, "所".into(), Some(">"))]
        );
        assert_eq!(q("覆盖率达到100%"), [(100.0, None, "%".into(), None)]);
        assert_eq!(q("各1个小时"), [(1.0, None, "小时".into(), None)]);
        assert_eq!(q("不少于学校班级总数的二分之一"), [(0.5, None, "".into(), None)]);
    }

    #[test]
    fn range_with_the_unit_at_both_ends() {
        assert_eq!(q("按总数的0.15%-0.2%配备"), [(0.15, Some(0.2), "%".into(), None)]);
    }

    #[test]
    fn vague_numerals_and_a_count_after_a_scale() {
        assert_eq!(q("开展一两项试点"), [(1.0, Some(2.0), "项".into(), None)]);
        assert_eq!(q("建成十几所学校"), [(11.0, Some(19.0), "所".into(), None)]);
        assert_eq!(q("培育数十个团队"), [(20.0, Some(90.0), "个".into(), None)]);
        assert_eq!(q("招募上百名志愿者"), [(100.0, None, "名".into(), Some(">="))]);
        assert_eq!(q("服务近千人"), [(1000.0, None, "人".into(), None)]);
        assert_eq!(q("迈上万亿三个台阶"), [(3.0, None, "个".into(), None)]);
    }

    #[test]
    fn parallel_list_inherits_the_unit() {
        assert_eq!(
            q("初中3-5所、小学5-82019年创建"),
            [(3.0, Some(5.0), "所".into(), None), (5.0, Some(8.0), "所".into(), None)]
        );
        // The first of two scaled figures takes the unit written after the second.
        assert_eq!(
            q("分别达1409万、1305万人次"),
            [(1.409e7, None, "人次".into(), None), (1.305e7, None, "人次".into(), None)]
        );
    }

    #[test]
    fn a_bound_after_a_list_bounds_each_figure() {
        assert_eq!(
            q("分别稳定在3900万头、13.5亿只以上"),
            [(3.9e7, None, "头".into(), Some(">=")), (1.35e9, None, "只".into(), Some(">="))]
        );
        // A bound word before a figure (`超`) is that figure's own.
        assert_eq!(
            q("3900万头、超13.5亿只"),
            [(3.9e7, None, "头".into(), None), (1.35e9, None, "只".into(), None)]
        );
    }

    #[test]
    fn shares_batches_pairs_and_head_counts() {
        assert_eq!(q("占全国三成以上"), [(3.0, None, "成".into(), Some(">="))]);
        assert_eq!(q("平均值为5.0%"), [(5.0, None, "%".into(), None)]);
        assert_eq!(q("新增两批重点事项"), [(2.0, None, "批".into(), None)]);
        assert_eq!(q("国际友城达137对"), [(137.0, None, "对".into(), None)]);
        assert_eq!(q("出栏3900万头、"), [(3.9e7, None, "头".into(), None)]);
        assert_eq!(q("两届广交会"), [(2.0, None, "届".into(), None)]);
        assert_eq!(q("一成不变"), []);
        // A Chinese figure right after a measure word names a class: only the count.
        assert_eq!(q("迈上4个万亿元台阶"), [(4.0, None, "个".into(), None)]);
        assert_eq!(q("保持在千亿元以上"), [(1e11, None, "元".into(), Some(">="))]);
    }

    /// The rules that reject articles, `二次`, sessions and periods leave counts alone.
    #[test]
    fn counts_beside_articles_sessions_and_periods() {
        assert_eq!(q("每年召开两次会议"), [(2.0, None, "次".into(), None)]);
        assert_eq!(q("每年检查二次。"), [(2.0, None, "次".into(), None)]);
        assert_eq!(q("开展二次以上评估"), [(2.0, None, "次".into(), Some(">="))]);
        assert_eq!(q("每个县建设一个实训基地"), [(1.0, None, "个".into(), None)]);
        assert_eq!(q("新增3个纳税服务厅"), [(3.0, None, "个".into(), None)]);
        assert_eq!(q("两届人大四次会议期间提出建议12条"), [(12.0, None, "条".into(), None)]);
        assert_eq!(q("编写教材3本，"), [(3.0, None, "本".into(), None)]);
    }

    #[test]
    fn a_streak_or_a_fraction_does_not_take_the_unit_of_the_list() {
        assert_eq!(q("增长3.9%、总量连续37年居全国首位"), [(3.9, None, "%".into(), None)]);
        assert_eq!(q("新增就业超700万人、约占全国1/10"), [(7e6, None, "人".into(), None)]);
        assert_eq!(q("每年举办两期"), [(2.0, None, "期".into(), None)]);
        assert_eq!(q("人均预期寿命达79.5岁。"), [(79.5, None, "岁".into(), None)]);
        assert_eq!(q("提高到80岁以上，"), [(80.0, None, "岁".into(), Some(">="))]);
    }

    #[test]
    fn what_is_not_a_quantity() {
        for s in [
            "2021年工作要点",
            "2018-2020年",
            "3月",
            "1-2月",
            "2021420日印发",
            "每两年",
            "三年内",
            "温瓯教发〔2018〕120号",
            "第22届",
            "第二轮",
            "2.0建设标准",
            "5G时代",
            "一校一品",
            "三全四课五育",
            "四有好教师",
            "4+1",
            "1+X+Y",
            "“510”品牌",
            "增强四个意识",
            "做到两个维护",
            "一十百千万工程",
            "《中小学价值观教育48课》",
            "一级、二级校长",
            "四级培育平台",
            "区校两级",
            "一批",
            "一系列",
            "702所、56所等科研机构",
            "九年义务教育",
            "打造一支师德高尚的队伍",
            "一人一案",
            "万人一面",
            "十九届二中全会",
            "十四届十次全会部署",
            "新中国成立75周年",
            "淮河入海水道二期工程启动",
            "加快南京机场三期、南通新机场工程",
            "3个月",
            "前20位",
            "两位数增长",
            "一次性",
            "教育部等六部门印发",
            "十部委联合发布",
            "漳州核电一期投入商业运行",
            "堤防建设一期工程",
            "65岁以上老年人健康管理率",
            "0—6岁儿童",
            "年满60岁的老人",
            "深汕比亚迪二期等一批重大项目",
            "每万人口",
            "每6个教学班",
            "每三年举办",
            "加快推动一二三次产业协调融合发展",
            "三次产业比重",
            "省委十三届七次、八次全会部署",
            "零部件交易",
            "一个个新纪录",
            "造福千家万户",
            "赋能千行百业",
            "锻造千亿元级、万亿元级产业集群",
            "建设30万吨级码头",
            "水资源配置一期、二期工程",
            "统筹国内国际两个大局",
            "大连百万吨乙烯项目",
            "挂钩是一项政策性很强的工作",
            "作为一项政治任务",
            "实现教育现代化的一项重要任务",
            "作为一个生命共同体",
            "做好当前和今后一个时期就业工作",
            "在一个纳税年度内不能变更",
            "预防二次污染",
            "对十届全国人大四次会议第7264号建议的答复",
            "全国政协十届三次会议",
            "四次会议第2996号建议的答复",
            "7.2 本预案由国务院办公厅负责解释",
            "3 本办法自印发之日起施行",
        ] {
            assert_eq!(q(s), [], "{s}");
        }
    }
}
