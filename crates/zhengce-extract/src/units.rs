//! units: here are the characters after a number, tell me its measure word.
//!
//! The lexicon of measure words and units (`个`, `所`, `名`, `人次`, `%`,
//! `百分点`, `小时`, `元` …) matched longest first; scale words (`万`, `亿`)
//! are taken off by the caller. Years, months and days are periods, not units;
//! `级` (levels) is not a unit either, and `一批` is an indefinite batch
//! (`targets.md` §1), though `两批` counts batches.
//!
//! A unit may be compound, and is reported as written: per a period or per
//! another unit (`吨/日`, `微克/立方米`), with alternatives in brackets
//! (`套（间）`, `条（个）`), and with `次` after the brackets
//! (`辆（艘、架、列）次`, as `辆次`).

use std::sync::LazyLock;

/// Measure words and units, as written in `unit`. Matched longest first
/// (whatever their order here).
pub const UNITS: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "百分点",
    "工作日",
    "人次",
    "课时",
    "学时",
    "学分",
    "小时",
    "分钟",
    "公里",
    "千米",
    "千瓦",
    "千伏",
    "兆瓦时",
    "兆瓦",
    "公顷",
    "美元",
    "床位",
    "公斤",
    "千克",
    "标箱",
    "欧元",
    "港元",
    "户次",
    "架次",
    "班次",
    "场次",
    "辆次",
    "艘次",
    "车次",
    "批次",
    "周岁",
    "微克",
    "毫克",
    "个",
    "所",
    "名",
    "人",
    "位",
    "场",
    "门",
    "项",
    "家",
    "元",
    "次",
    "节",
    "本",
    "篇",
    "轮",
    "届",
    "期",
    "座",
    "条",
    "套",
    "支",
    "间",
    "张",
    "台",
    "件",
    "册",
    "部",
    "种",
    "类",
    "份",
    "户",
    "辆",
    "艘",
    "棵",
    "株",
    "只",
    "亩",
    "吨",
    "米",
    "天",
    "周",
    "倍",
    "番",
    "%",
    "‰",
    "处",
    "斤",
    "块",
    "片",
    "组",
    "队",
    "团",
    "首",
    "幅",
    "集",
    "盘",
    "校",
    "园",
    "岁",
    "列",
    "架",
    "头",
    "款",
    "批",
    "栋",
    "对",
    "成",
    "吨标准煤",
    "吉瓦",
    "人日",
    "家次",
    "个次",
    // Computing power and bandwidth (`算力规模超10万P`, `EFLOPS`).
    "PFLOPS",
    "EFLOPS",
    "PFlops",
    "EFlops",
    "Gbps",
    "Mbps",
    "P",
    "盏",
    "幢",
    "宗",
    "笔",
    "例",
    "秒",
    "床",
    "段",
    "口",
    "度",
];

/// Periods a unit can be per (`吨/日`, `万千瓦时/年`).
const PER_PERIODS: &[&str] = &["小时", "日", "天", "周", "月", "年"];

/// What kind of measure a unit is: it says whether values in it can be added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitClass {
    /// Things, people, events (`个`, `所`, `名`, `人次`): a sum is a total count.
    Count,
    /// Money, area, mass, length, energy (`元`, `亩`, `吨`, `千瓦时`): a sum is a total amount.
    Amount,
    /// Time per something (`小时`, `天`, `课时`, `学分`): usually per person or per week,
    /// so a sum over targets means nothing.
    Duration,
    /// Shares and multiples (`%`, `‰`, `百分点`, `倍`, `番`): never added up.
    Rate,
    /// A bare ratio or fraction (no unit, `0.5`, `1.83`): never added up.
    Ratio,
}

impl UnitClass {
    /// Whether adding values of this class gives a meaningful total.
    pub fn summable(self) -> bool {
        matches!(self, UnitClass::Count | UnitClass::Amount)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UnitClass::Count => "count",
            UnitClass::Amount => "amount",
            UnitClass::Duration => "duration",
            UnitClass::Rate => "rate",
            UnitClass::Ratio => "ratio",
        }
    }
}

/// The class of a unit as written in `unit` (one of [`UNITS`], or empty).
/// Units outside the lexicon count as [`UnitClass::Count`] (measure words).
/// A compound unit has its first unit's class (`吨/日`, `套（间）`), except
/// one per another unit (`微克/立方米`, `元/吨`), a concentration or a
/// price: a [`UnitClass::Rate`].
pub fn unit_class(unit: &str) -> UnitClass {
    if let Some((base, per)) = unit.split_once('/') {
        return if PER_PERIODS.contains(&per) { unit_class(base) } else { UnitClass::Rate };
    }
    if let Some((base, _)) = unit.split_once(['（', '(']) {
        return unit_class(base);
    }
    match unit {
        "" => UnitClass::Ratio,
        "%" | "‰" | "百分点" | "倍" | "番" | "成" => UnitClass::Rate,
        "小时" | "分钟" | "秒" | "工作日" | "课时" | "学时" | "学分" | "天" | "周" | "季度"
        | "岁" | "周岁" => UnitClass::Duration,
        "元" | "美元" | "欧元" | "港元" | "平方公里" | "平方米" | "立方米" | "千瓦时" | "千瓦"
        | "千伏" | "兆瓦" | "兆瓦时" | "公顷" | "公里" | "千米" | "米" | "公斤" | "千克" | "吨"
        | "斤" | "亩" | "标箱" | "微克" | "毫克" | "吨标准煤" | "吉瓦" | "度" | "P" | "PFLOPS"
        | "EFLOPS" | "PFlops" | "EFlops" => UnitClass::Amount,
        _ => UnitClass::Count,
    }
}

/// Units that, after `个`, replace it (`1个百分点` → `百分点`).
const AFTER_GE: &[&str] = &["百分点", "小时", "学分", "课时", "学时", "工作日", "季度"];

/// Periods that make `N个月`, `N年`, `今后一个时期` a period rather than a quantity.
const PERIODS_AFTER_GE: &[&str] = &["月", "年", "星期", "季度", "时期", "阶段", "周期"];

/// The unit at the start of `rest`: `(unit as reported, chars consumed)`.
/// `None` when no unit follows, or when the number is a period (`3个月`).
pub fn unit_at(rest: &[char]) -> Option<(String, usize)> {
    if rest.first() == Some(&'个') {
        if PERIODS_AFTER_GE.iter().any(|p| starts_after(rest, 1, p)) {
            return None;
        }
        // A kind of year (`一个纳税年度`, `一个会计年度`) is a period too.
        if (2..=3).any(|k| starts_after(rest, 1 + k, "年度"))
            && rest[1..].iter().take(5).all(|&c| crate::textutil::is_han(c))
        {
            return None;
        }
        if let Some(u) = AFTER_GE.iter().find(|u| starts_after(rest, 1, u)) {
            return Some((u.to_string(), 1 + u.chars().count()));
        }
    }
    let (u, n) = simple_unit_at(rest)?;
    // `校`, `园` only in `N校`/`N园` followed by a separator, as in `建成5校`.
    if matches!(u, "校" | "园" | "组" | "队" | "团" | "集" | "盘" | "首" | "块" | "片" | "列")
        && rest.get(n).is_some_and(|c| crate::textutil::is_han(*c))
    {
        return None;
    }
    // `137对和69家`, `3900万头、`: these end a number only before a
    // separator, a comparator or a conjunction (not `对口`, `头部`).
    // An ASCII unit ends at the end of the word (`2000P`, not `1080PB`).
    if u.is_ascii() && rest.get(n).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // So do `度`, `口` and `段` (`节电100万度。`, not `3度空间`, `5口之家`).
    if matches!(u, "对" | "头" | "度" | "口" | "段")
        && rest.get(n).is_some_and(|&c| crate::textutil::is_han(c) && !"以左多和及与".contains(c))
    {
        return None;
    }
    // `成` is a tenth (`近八成用于民生`) unless it starts a word (`成为`, `成立`,
    // `成果`, `一成不变`).
    if u == "成"
        && rest.get(n).is_some_and(|&c| "为立果效绩功本长熟型员就都交品套片批不".contains(c))
    {
        return None;
    }
    let mut end = n;
    // Alternatives in brackets (`套（间）`, `辆（艘、架、列）`), then `次` (`…次`).
    if let Some(len) = bracketed_units(&rest[end..]) {
        end += len;
        if rest.get(end) == Some(&'次') {
            end += 1;
        }
    }
    // Per a period or per another unit: `吨/日`, `微克/立方米`.
    if rest.get(end) == Some(&'/') {
        let after = &rest[end + 1..];
        let per = PER_PERIODS
            .iter()
            .find(|p| starts_after(after, 0, p))
            .map(|p| p.chars().count())
            .or_else(|| simple_unit_at(after).map(|(_, len)| len));
        // Not a fraction or a date: nothing but a separator may follow.
        if let Some(len) = per
            .filter(|&len| after.get(len).is_none_or(|c| !c.is_ascii_alphanumeric() && *c != '/'))
        {
            end += 1 + len;
        }
    }
    let unit = if end == n { u.to_string() } else { crate::textutil::string_of(&rest[..end]) };
    Some((unit, end))
}

/// The longest unit of [`UNITS`] at the start of `rest`, and its length.
fn simple_unit_at(rest: &[char]) -> Option<(&'static str, usize)> {
    let first = *rest.first()?;
    let group = BY_FIRST.binary_search_by_key(&first, |(c, _)| *c).ok()?;
    BY_FIRST[group]
        .1
        .iter()
        .find(|(_, chars)| rest.starts_with(chars))
        .map(|(u, chars)| (*u, chars.len()))
}

/// `（间）`, `（艘、架、列）` at the start of `rest`: other units the count
/// may be in, each one of [`UNITS`]; its length in chars.
fn bracketed_units(rest: &[char]) -> Option<usize> {
    let close = match rest.first()? {
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let len = rest.iter().take(12).position(|&c| c == close)?;
    let inside = &rest[1..len];
    let all_units = !inside.is_empty()
        && inside
            .split(|&c| c == '、')
            .all(|part| simple_unit_at(part).is_some_and(|(_, n)| n == part.len()));
    all_units.then_some(len + 1)
}

/// [`UNITS`] grouped by first character (sorted), each group in the order of
/// [`UNITS`], so that a lookup reads only the units that can match.
#[allow(clippy::type_complexity)]
static BY_FIRST: LazyLock<Vec<(char, Vec<(&'static str, Vec<char>)>)>> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<(&'static str, Vec<char>)>)> = Vec::new();
    for u in UNITS {
        let chars: Vec<char> = u.chars().collect();
        match groups.iter_mut().find(|(c, _)| *c == chars[0]) {
            Some((_, g)) => g.push((u, chars)),
            None => groups.push((chars[0], vec![(u, chars)])),
        }
    }
    groups.sort_by_key(|(c, _)| *c);
    // Longest first within a group, wherever the list has it (`吨标准煤` before `吨`).
    for (_, g) in &mut groups {
        g.sort_by_key(|(_, chars)| std::cmp::Reverse(chars.len()));
    }
    groups
});

fn starts_after(rest: &[char], at: usize, w: &str) -> bool {
    w.chars().enumerate().all(|(k, c)| rest.get(at + k) == Some(&c))
}

/// Scale words written between a number and its unit, longest first.
pub const SCALES: &[(&str, f64)] =
    &[("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), ("十万", 1e5), ("万", 1e4), ("亿", 1e8)];

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Option<(String, usize)> {
        unit_at(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn longest_unit_wins_and_ge_is_dropped_before_unit_nouns() {
        assert_eq!(u("人次以上"), Some(("人次".into(), 2)));
        assert_eq!(u("个百分点。"), Some(("百分点".into(), 4)));
        assert_eq!(u("个小时体育"), Some(("小时".into(), 3)));
        assert_eq!(u("个教科研"), Some(("个".into(), 1)));
        assert_eq!(u("%以上"), Some(("%".into(), 1)));
    }

    #[test]
    fn unit_classes_say_what_adds_up() {
        assert_eq!(unit_class("所"), UnitClass::Count);
        assert_eq!(unit_class("元"), UnitClass::Amount);
        assert_eq!(unit_class("百分点"), UnitClass::Rate);
        assert_eq!(unit_class("%"), UnitClass::Rate);
        assert_eq!(unit_class("小时"), UnitClass::Duration);
        assert_eq!(unit_class(""), UnitClass::Ratio);
        // Every unit of the lexicon has a class, and only counts and amounts add up.
        for u in UNITS {
            let c = unit_class(u);
            assert_eq!(c.summable(), matches!(c, UnitClass::Count | UnitClass::Amount), "{u}");
        }
    }

    #[test]
    fn compound_units_are_reported_as_written() {
        assert_eq!(u("吨/日、超过"), Some(("吨/日".into(), 3)));
        assert_eq!(u("吨/年。"), Some(("吨/年".into(), 3)));
        assert_eq!(u("微克/立方米左右"), Some(("微克/立方米".into(), 6)));
        assert_eq!(u("套（间），开工"), Some(("套（间）".into(), 4)));
        assert_eq!(u("条（个）幸福河湖"), Some(("条（个）".into(), 4)));
        assert_eq!(u("辆（艘、架、列）次。"), Some(("辆（艘、架、列）次".into(), 9)));
        assert_eq!(u("辆次，港珠澳"), Some(("辆次".into(), 2)));
        // Not a compound: a bracket of words, a fraction, a date.
        assert_eq!(u("所（含民办）"), Some(("所".into(), 1)));
        assert_eq!(u("个/10"), Some(("个".into(), 1)));
        assert_eq!(unit_class("吨/日"), UnitClass::Amount);
        assert_eq!(unit_class("微克/立方米"), UnitClass::Rate);
        assert_eq!(unit_class("套（间）"), UnitClass::Count);
        assert_eq!(unit_class("岁"), UnitClass::Duration);
    }

    #[test]
    fn periods_and_non_units() {
        assert_eq!(u("个月"), None);
        assert_eq!(u("个时期"), None);
        assert_eq!(u("个纳税年度内"), None);
        assert_eq!(u("个会计年度"), None);
        assert_eq!(u("年"), None);
        assert_eq!(u("级"), None);
        assert_eq!(u("批重点事项"), Some(("批".into(), 1)));
        assert_eq!(u("成以上"), Some(("成".into(), 1)));
        assert_eq!(u("成为"), None);
        assert_eq!(u("成员"), None);
        assert_eq!(u("成投向民生领域"), Some(("成".into(), 1)));
        assert_eq!(u("对和69家"), Some(("对".into(), 1)));
        assert_eq!(u("对口支援"), None);
        assert_eq!(u("兆瓦时储能"), Some(("兆瓦时".into(), 3)));
        assert_eq!(u("校一品"), None);
    }
}
