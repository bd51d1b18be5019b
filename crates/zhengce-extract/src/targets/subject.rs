//! subject: here is the noun phrase found before or after a number, give me the
//! short noun phrase that is counted.
//!
//! Two rules on top of the phrase finding in `targets/mod.rs`:
//! - [`respectively`]: in a `分别` list (`林木覆盖率、湿地保护率分别达24.1%和50.2%`)
//!   the nth value counts the nth element of the list before `分别`, or the nth
//!   thing a paired word names (`城乡` → `城镇`, `农村`);
//! - [`tidy`]: what a phrase picked up at its edges is dropped: a comparison base
//!   at its end (`比2020年`, `较“十三五”末`, `较上年`), trailing function words
//!   (`分别`, `年均`, `的`, `不`, `、`), a leading preposition (`对`, `按`).

use std::sync::LazyLock;

use regex::Regex;

use crate::textutil::is_han;

/// The subject of the `index`-th value after `分别` in `before` (the clause up to
/// `分别`, without it), when the list before it has an element for that value.
/// `first_word` is the length in chars of the first word of the list's last
/// element: short elements before it share what follows that word
/// (`交通、水利、能源领域投资额` → `交通领域投资额`).
pub fn respectively(before: &str, index: usize, first_word: Option<usize>) -> Option<String> {
    let list = tidy(before);
    // `对东盟、非洲出口分别…`: trade with each place (`tidy` kept the `对`).
    if let Some(places) = list.strip_prefix('对').filter(|l| l.contains('、') && names_trade(l)) {
        return respectively(places, index, first_word).map(|e| format!("对{e}"));
    }
    // Only `、` lists: `城镇和农村居民人均可支配收入` shares its head across `和`.
    let elements: Vec<&str> = list.split('、').collect();
    if elements.len() < 2 {
        return split_paired(&list, index);
    }
    let element = elements.get(index).map(|e| tidy(e)).filter(|e| !e.is_empty())?;
    // Short modifiers (up to four characters each) share the head of the last element.
    let (others, last) = elements.split_at(elements.len() - 1);
    let short = others.iter().all(|e| e.chars().count() <= 4);
    if let (Some(n), true) = (first_word.filter(|&n| n <= 4), short && index < others.len()) {
        // Not when an element opens with that word too: `游客人次、游客总花费` are
        // two names, not two modifiers of `总花费`.
        let word: String = last[0].chars().take(n).collect();
        let (_, head) = last[0].split_at(word.len());
        if others.iter().any(|e| e.starts_with(&word)) {
            return Some(element);
        }
        let head = head.to_string();
        if head.chars().count() >= 2 && !element.ends_with(&head) {
            return Some(element + &head);
        }
    }
    // Longer elements share the measure the last one ends with
    // (`先进制造业、高技术制造业增加值占…比重` → `先进制造业增加值占…比重`).
    if index < others.len() {
        if let Some(measure) = shared_measure(last[0]) {
            if !element.contains(measure.split('占').next().unwrap_or(measure)) {
                return Some(element + measure);
            }
        }
    }
    // Later counts of the same things share what the first is a count of
    // (`生产安全事故起数、死亡人数` → `生产安全事故死亡人数`).
    if index > 0 {
        let first = tidy(elements[0]);
        if let Some(of) = counted_in(&first).filter(|of| of.chars().count() >= 2) {
            let short = element.chars().count() <= 4;
            if short && counted_in(&element).is_some() && !element.starts_with(of) {
                return Some(of.to_string() + &element);
            }
        }
    }
    Some(element)
}

/// The phrase names trade (`出口`, `进口`): after `对`, trade with a place.
fn names_trade(phrase: &str) -> bool {
    phrase.contains("出口") || phrase.contains("进口")
}

/// Heads that count or sum things (`起数`, `人数`, `总额`).
const COUNT_HEADS: &[&str] =
    &["起数", "人数", "件数", "次数", "户数", "个数", "家数", "数量", "总数", "总量", "总额"];

/// What `phrase` is a count of, when it ends in a [`COUNT_HEADS`] word:
/// `生产安全事故起数` → `生产安全事故`, `人数` → ``.
fn counted_in(phrase: &str) -> Option<&str> {
    let head = COUNT_HEADS.iter().find(|h| phrase.ends_with(**h))?;
    Some(&phrase[..phrase.len() - head.len()])
}

/// Words that name two things at once, in the order a `分别` after them lists
/// their values: `城乡居民人均可支配收入分别达6.9万元、3.4万元` gives the towns',
/// then the countryside's.
const PAIRED: &[(&str, [&str; 2])] = &[
    ("城乡", ["城镇", "农村"]),
    ("存贷款", ["存款", "贷款"]),
    ("进出口", ["进口", "出口"]),
    ("收支", ["收入", "支出"]),
    ("中小学", ["中学", "小学"]),
];

/// `phrase` with its one paired word ([`PAIRED`]) replaced by the `index`-th
/// thing it names; None without exactly one such word, or past the second value.
fn split_paired(phrase: &str, index: usize) -> Option<String> {
    let mut found = PAIRED.iter().filter_map(|(w, parts)| Some((phrase.find(w)?, *w, parts)));
    let (at, word, parts) = found.next()?;
    if found.next().is_some() || phrase[at + word.len()..].contains(word) {
        return None;
    }
    let part = parts.get(index)?;
    Some(format!("{}{part}{}", &phrase[..at], &phrase[at + word.len()..]))
}

/// The name of the `part`-th part of a ratio named `name`, where the name says
/// what its parts are: `三次产业比重`, `三次产业结构` → `第一产业增加值比重`, …
/// (the shares of value added of the three sectors, as statistics publish them).
pub fn ratio_part_name(name: &str, part: usize) -> Option<String> {
    const SECTORS: [&str; 3] = ["第一产业", "第二产业", "第三产业"];
    let at = name.find("三次产业")?;
    let rest = &name[at + "三次产业".len()..];
    let shares = ["比重", "结构", "比例", "构成", "比"].iter().any(|w| rest.starts_with(w));
    (shares && part < 3).then(|| format!("{}{}增加值比重", &name[..at], SECTORS[part]))
}

/// Measures an indicator's name ends with, after what they measure.
const MEASURES: &[&str] = &[
    "增加值",
    "产值",
    "零售额",
    "销售额",
    "营业收入",
    "产量",
    "销量",
    "投资额",
    "出口额",
    "进出口额",
    "利润",
    "税收",
];

/// The measure (and any share built on it: `产值占规上工业比重`) that ends `last`,
/// when something stands before it.
fn shared_measure(last: &str) -> Option<&str> {
    let (at, _) = MEASURES
        .iter()
        .filter_map(|m| last.find(m).map(|at| (at, m)))
        .filter(|&(at, _)| last[..at].chars().count() >= 2)
        .min_by_key(|&(at, _)| at)?;
    let measure = &last[at..];
    // The measure ends the name, or starts a share of it.
    let ends = MEASURES.contains(&measure) || measure.contains('占');
    ends.then_some(measure)
}

/// A share written as what it is a share of (`核电装机规模占全国25.8%`,
/// `民生类支出占一般公共预算支出7成以上`) is named as the share it is:
/// `核电装机规模占全国比重`. Only for a part and a whole on either side of `占`,
/// with a share's unit (`%`, `成`, or none for a fraction such as `1/3`).
pub fn name_share(subject: String, unit: &str) -> String {
    const NAMED: &[&str] = &["比重", "比例", "占比", "份额", "比率", "比"];
    let Some(at) = subject.rfind('占') else { return subject };
    let whole = &subject[at + '占'.len_utf8()..];
    let named = NAMED.iter().any(|w| whole.ends_with(w));
    let shares = matches!(unit, "%" | "成" | "");
    if at == 0 || whole.chars().count() < 2 || named || !shares || !whole.chars().all(is_han) {
        return subject;
    }
    subject + "比重"
}

/// A phrase that names nothing counted: empty, or only a time adverb or function word.
pub fn is_bare(subject: &str) -> bool {
    const BARE: &[&str] =
        &["年均", "平均", "同比", "累计", "分别", "均", "共", "和", "及", "、", "的"];
    let t = subject.trim();
    t.is_empty() || BARE.contains(&t)
}

/// Drops what a subject phrase picked up at its edges.
pub fn tidy(subject: &str) -> String {
    static BASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:比|较|同比)(?:上年|去年|上年度|“?十[一二三四五六七八九]五”?(?:末|时期|期间)?|(?:19|20)\d{2}年(?:底|末)?)$",
        )
        .unwrap()
    });
    // A time span before the verb (`连续7年保持`, `五年`, `近三年来`).
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:连续|近)?[\d一二三四五六七八九十两]+年(?:来|间|以来)?(?:保持)?$").unwrap()
    });
    // Function words, and the adverbs of rules and limits (`任期一般不超过两届`,
    // `担保费率原则上不超过1%`, `入围企业只有1家`, `企业在3家及以上`).
    const TRAIL: &[&str] = &[
        "分别",
        "年均",
        "平均",
        "均",
        "的",
        "不",
        "、",
        "和",
        "及",
        "共",
        "原则上",
        "一般",
        "只有",
        "最长",
        "最多",
        "尽快",
        "在",
    ];
    // Words that end in one of the characters above and stay whole.
    const WHOLE: &[&str] = &[
        "公共", "人均", "户均", "亩均", "生均", "普及", "涉及", "以及", "总和", "目的", "所在",
        "存在", "现在", "实在", "内在", "外在", "潜在",
    ];
    const LEAD: &[char] = &['对', '按', '向', '将', '把'];
    // Words that start with one of the characters above and stay whole.
    const LEAD_WHOLE: &[&str] = &[
        "对象", "对口", "对外", "对标", "对接", "对照", "对比", "对话", "对应", "向导", "将来",
        "将军", "把握", "把关",
    ];
    let mut t = subject.trim().to_string();
    loop {
        let before = t.len();
        if let Some(m) = BASE.find(&t) {
            t.truncate(m.start());
        }
        if let Some(m) = SPAN.find(&t) {
            if t[..m.start()].chars().count() >= 2 {
                t.truncate(m.start());
            }
        }
        for w in TRAIL {
            if WHOLE.iter().any(|x| t.ends_with(x)) {
                break;
            }
            if let Some(x) = t.strip_suffix(w) {
                if x.chars().count() >= 2 {
                    t = x.to_string();
                }
            }
        }
        if t.len() == before {
            break;
        }
    }
    // An outline marker or article number the item kept (`第十八条 `, `一、`, `（3）`),
    // and a bracket the phrase was cut in (`方面（共5项`, `扩招任务）`).
    // (`marker_at_start` knows versions and decimals: `2.0版`, `3.5万` open with none.)
    if let Some(m) = crate::structure::markers::marker_at_start(&t) {
        let rest: String = t.chars().skip(m.len).collect();
        if rest.chars().count() >= 2 {
            t = rest;
        }
    }
    while let Some(x) = t.strip_suffix(['（', '(']) {
        t = x.trim_end().to_string();
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if t.ends_with(close) && !t.contains(open) {
            t.pop();
        }
        if t.starts_with(close) {
            t.remove(0);
        }
    }
    for lead in ["原则上", "按照"] {
        if let Some(rest) = t.strip_prefix(lead).filter(|r| r.chars().count() >= 2) {
            t = rest.to_string();
        }
    }
    // Trade with a place keeps its `对`: `对东盟出口` is the indicator's name.
    let trade_with = t.starts_with('对') && names_trade(&t);
    let mut cs = t.chars();
    if cs.next().is_some_and(|c| LEAD.contains(&c))
        && cs.clone().take(2).filter(|c| is_han(*c)).count() == 2
        && !LEAD_WHOLE.iter().any(|w| t.starts_with(w))
        && !trade_with
    {
        t = cs.collect();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_edges() {
        for (phrase, want) in [
            ("生产安全事故起数、死亡人数比2020年分别", "生产安全事故起数、死亡人数"),
            ("PM2.5年均浓度较“十三五”末", "PM2.5年均浓度"),
            ("人均可支配收入年均", "人均可支配收入"),
            ("美育类必修课程的", "美育类必修课程"),
            ("专职教师人数不", "专职教师人数"),
            ("宜居宜业和美乡村及", "宜居宜业和美乡村"),
            ("对学校美育质量监测", "学校美育质量监测"),
            ("新教学空间", "新教学空间"),
            ("一般公共", "一般公共"),
            ("城乡居民人均", "城乡居民人均"),
            ("群众安全感连续7年保持", "群众安全感"),
            ("全省地方国资监管企业资产总额五年", "全省地方国资监管企业资产总额"),
            ("的", "的"),
            ("任期一般", "任期"),
            ("担保费率原则上", "担保费率"),
            ("入围生产企业只有", "入围生产企业"),
            ("入围生产企业在", "入围生产企业"),
            ("原则上每个省", "每个省"),
            ("将雄安新区蓝绿空间占比", "雄安新区蓝绿空间占比"),
            ("对东盟进出口", "对东盟进出口"),
            ("将来新增学位", "将来新增学位"),
            ("问题所在", "问题所在"),
            ("按照每个子女", "每个子女"),
            ("第二十二条 纳税人", "纳税人"),
            ("一、知识产权保护方面（", "知识产权保护方面"),
            ("典型经验做法（", "典型经验做法"),
            ("扩招任务）", "扩招任务"),
            ("示范性职业教育集团（联盟）", "示范性职业教育集团（联盟）"),
            ("（3）全国性社会团体", "全国性社会团体"),
            ("3.有", "3.有"),
            ("2.0版课程", "2.0版课程"),
        ] {
            assert_eq!(tidy(phrase), want, "{phrase}");
        }
    }

    #[test]
    fn shares_are_named() {
        for (subject, unit, want) in [
            ("核电装机规模占全国", "%", "核电装机规模占全国比重"),
            ("民生类支出占一般公共预算支出", "成", "民生类支出占一般公共预算支出比重"),
            ("船舶海工出口规模占全国", "", "船舶海工出口规模占全国比重"),
            ("制造业增加值占地区生产总值比重", "%", "制造业增加值占地区生产总值比重"),
            ("民间投资占比", "%", "民间投资占比"),
            ("占地面积", "亩", "占地面积"),
            ("耕地占用", "%", "耕地占用"),
            ("用地占全市", "亩", "用地占全市"),
        ] {
            assert_eq!(name_share(subject.to_string(), unit), want, "{subject}");
        }
    }

    #[test]
    fn the_parts_of_the_sector_ratio_are_named() {
        assert_eq!(ratio_part_name("三次产业比重", 0).as_deref(), Some("第一产业增加值比重"));
        assert_eq!(
            ratio_part_name("全市三次产业结构", 2).as_deref(),
            Some("全市第三产业增加值比重")
        );
        assert_eq!(ratio_part_name("三次产业比重", 3), None);
        assert_eq!(ratio_part_name("城乡居民收入比", 0), None);
    }

    #[test]
    fn bare_phrases() {
        for (p, bare) in
            [("", true), ("年均", true), ("、", true), ("地区生产总值", false), ("率", false)]
        {
            assert_eq!(is_bare(p), bare, "{p}");
        }
    }

    #[test]
    fn respectively_picks_the_nth() {
        let list = "林木覆盖率、湿地保护率";
        assert_eq!(respectively(list, 0, Some(2)).as_deref(), Some("林木覆盖率"));
        assert_eq!(respectively(list, 1, Some(2)).as_deref(), Some("湿地保护率"));
        assert_eq!(respectively(list, 2, Some(2)), None);
        // Later counts share what the first counts.
        assert_eq!(
            respectively("生产安全事故起数、死亡人数比2020年", 1, Some(2)).as_deref(),
            Some("生产安全事故死亡人数")
        );
        assert_eq!(
            respectively("规上工业企业数量、利润总额", 1, Some(2)).as_deref(),
            Some("规上工业企业利润总额")
        );
        assert_eq!(respectively("全市常住人口、户籍人口", 1, Some(2)).as_deref(), Some("户籍人口"));
        assert_eq!(
            respectively("交通事故起数、交通事故死亡人数", 1, Some(4)).as_deref(),
            Some("交通事故死亡人数")
        );
        assert_eq!(respectively("城镇和农村居民人均可支配收入", 0, None), None);
        assert_eq!(respectively("地区生产总值", 0, None), None);
        // One word that names two things: the nth of them.
        let paired = "城乡居民人均可支配收入";
        assert_eq!(respectively(paired, 0, None).as_deref(), Some("城镇居民人均可支配收入"));
        assert_eq!(respectively(paired, 1, None).as_deref(), Some("农村居民人均可支配收入"));
        assert_eq!(respectively(paired, 2, None), None);
        let paired = "银行机构本外币存贷款余额";
        assert_eq!(respectively(paired, 1, None).as_deref(), Some("银行机构本外币贷款余额"));
        assert_eq!(respectively("货物进出口", 0, None).as_deref(), Some("货物进口"));
        assert_eq!(respectively("城乡进出口", 0, None), None);
        let trade = "对东盟、中东市场出口";
        assert_eq!(respectively(trade, 0, Some(2)).as_deref(), Some("对东盟市场出口"));
        assert_eq!(respectively(trade, 1, Some(2)).as_deref(), Some("对中东市场出口"));
        assert_eq!(respectively("对学校、家庭", 1, None).as_deref(), Some("家庭"));
        // Short modifiers share the head after the first word of the last element.
        let shared = "交通、水利、能源领域投资额";
        assert_eq!(respectively(shared, 0, Some(2)).as_deref(), Some("交通领域投资额"));
        assert_eq!(respectively(shared, 2, Some(2)).as_deref(), Some("能源领域投资额"));
        let shared = "先进制造业、高技术制造业增加值占规模以上工业增加值比重";
        assert_eq!(
            respectively(shared, 0, Some(2)).as_deref(),
            Some("先进制造业增加值占规模以上工业增加值比重")
        );
        assert_eq!(
            respectively("限上家用电器、通讯器材零售额", 0, Some(2)).as_deref(),
            Some("限上家用电器零售额")
        );
        assert_eq!(respectively("游客人次、游客总花费", 0, Some(2)).as_deref(), Some("游客人次"));
        let shared = "工业、服务业用水量";
        assert_eq!(respectively(shared, 0, Some(3)).as_deref(), Some("工业用水量"));
    }
}
