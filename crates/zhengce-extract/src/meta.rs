//! meta: here are the cleaned document and the fields cleaning set aside, give me its metadata.
//!
//! Sources, most trusted first: the labelled fields of a dropped metadata block
//! (`文件编号`, `发布单位`, `成文日期`), the document's own lines (the title near
//! the top, the signature and date at the end of a notice, `印发` lines), the
//! sharing-site header's file name, and .docx properties.

use std::sync::LazyLock;

use regex::Regex;

use crate::clean::Cleaned;
use crate::model::{Dates, Meta, MetaField, Period};
use crate::raw::DocProps;

pub fn extract(c: &Cleaned, props: &DocProps) -> Meta {
    let field = |labels: &[&str]| -> Option<String> {
        c.fields
            .iter()
            .find(|(l, v)| labels.contains(&l.as_str()) && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let lines: Vec<&str> = (0..c.lines.len()).map(|i| c.line_text(i)).collect();
    let title = find_title(c, &lines, props);
    let doc_number = field(&["文件编号", "文号", "发文字号"]).or_else(|| doc_number_in(&lines));
    let index_number = field(&["索引号"]);
    let signature = signature(&lines);
    let issuer = signature
        .as_ref()
        .and_then(|s| s.0.clone())
        .or_else(|| title.as_deref().and_then(issuer_from_title))
        .or_else(|| field(&["发布单位", "发布机构", "发文机关"]))
        .or_else(|| field(&["page:来源"]));
    let clean_dates: Vec<(i32, u32, u32)> = c
        .fields
        .iter()
        .filter(|(l, _)| l.contains("日期") || l.contains("时间"))
        .filter_map(|(_, v)| parse_iso_like(v))
        .collect();
    let sig_date = signature
        .as_ref()
        .and_then(|s| s.1.as_deref())
        .and_then(|d| parse_date(d, &clean_dates, title.as_deref()));
    let written =
        field(&["成文日期"]).and_then(|v| parse_iso_like(&v)).map(iso).or(sig_date.map(iso));
    let printed = lines
        .iter()
        .rev()
        .take(30)
        .find_map(|l| printed_date(l, &clean_dates, title.as_deref()))
        .map(iso);
    let published =
        field(&["发布日期"]).and_then(|v| parse_iso_like(&v)).map(iso).or(printed).or_else(|| {
            field(&["page:日期", "page:发布日期", "page:发布时间"])
                .and_then(|v| parse_iso_like(&v))
                .map(iso)
        });
    let plan_period = title
        .as_deref()
        .and_then(period_in)
        .or_else(|| lines.iter().take(12).find_map(|l| period_in(l)))
        .or_else(|| body_plan(&c.text));
    let region =
        title.as_deref().and_then(region_in).or_else(|| issuer.as_deref().and_then(region_in));
    let fields =
        c.fields.iter().map(|(l, v)| MetaField { label: l.clone(), value: v.clone() }).collect();
    Meta {
        title,
        issuer,
        doc_number,
        index_number,
        dates: Dates { written, published },
        plan_period,
        region,
        fields,
    }
}

const TITLE_WORDS: &[&str] = &[
    "规划", "计划", "要点", "通知", "方案", "意见", "办法", "决定", "报告", "纲要", "细则", "规定",
    "通报", "措施", "指南", "条例", "公告", "批复", "函",
];

fn looks_like_title(l: &str) -> bool {
    let n = l.chars().count();
    (6..=80).contains(&n)
        && TITLE_WORDS.iter().any(|w| l.contains(w))
        && !l.contains(['。', '，', ',', '；'])
        && crate::structure::markers::marker_at_start(l).is_none()
}

fn find_title(c: &Cleaned, lines: &[&str], props: &DocProps) -> Option<String> {
    // A web page's metadata table or `<meta name="ArticleTitle">` states it.
    let stated = c.fields.iter().find(|(l, v)| {
        matches!(l.as_str(), "标题" | "html:ArticleTitle") && !v.trim().is_empty()
    });
    if let Some((_, t)) = stated {
        return Some(t.trim().to_string());
    }
    // A title the page repeated is a title for sure.
    if let Some(t) = c.repeated_titles.first() {
        return Some(t.clone());
    }
    if let Some(l) = lines.iter().take(8).find(|l| looks_like_title(l)) {
        return Some(l.trim().to_string());
    }
    if let Some(t) = c.title_candidates.first() {
        return Some(t.clone());
    }
    props.title.clone().filter(|t| !t.trim().is_empty())
}

fn issuer_from_title(t: &str) -> Option<String> {
    let (head, _) = t.split_once("关于")?;
    let n = head.chars().count();
    ((2..=30).contains(&n)).then(|| head.to_string())
}

fn doc_number_in(lines: &[&str]) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Han}]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$").unwrap()
    });
    lines.iter().take(15).find(|l| RE.is_match(l.trim())).map(|l| l.trim().to_string())
}

/// The signing office and the date under it, at the end of a notice:
/// `温州市瓯海区教育局` / `2018523`, or `温州市教育局办公室 2021420日印发`.
fn signature(lines: &[&str]) -> Option<(Option<String>, Option<String>)> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{4,6}日?|(?:19|20)\d{2}-\d{1,2}-\d{1,2})$").unwrap()
    });
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim();
        if i > 0 && l.starts_with(['1', '2']) && DATE.is_match(l) {
            let above = lines[i - 1].trim();
            let org = is_org(above).then(|| above.to_string());
            return Some((org, Some(l.to_string())));
        }
        if let Some((org, _)) = l.split_once(' ') {
            if l.contains("印发") && is_org(org) {
                return Some((Some(org.to_string()), None));
            }
        }
    }
    None
}

fn is_org(s: &str) -> bool {
    let n = s.chars().count();
    (3..=30).contains(&n)
        && !s.contains(['。', '，', ',', '：', ':'])
        && ["局", "厅", "委", "政府", "办公室", "办公厅", "部", "中心", "院", "委员会"]
            .iter()
            .any(|w| s.ends_with(w))
}

/// `2021420日印发` (年/月 lost) or `2021年4月20日印发`.
fn printed_date(
    l: &str,
    clean: &[(i32, u32, u32)],
    title: Option<&str>,
) -> Option<(i32, u32, u32)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}|\d{2,4})日?)\s*印发").unwrap()
    });
    if !l.contains("印发") {
        return None;
    }
    let c = RE.captures(l)?;
    parse_date(&c[1], clean, title)
}

fn parse_iso_like(s: &str) -> Option<(i32, u32, u32)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})").unwrap()
    });
    let c = RE.captures(s)?;
    valid((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

fn valid(d: (i32, u32, u32)) -> Option<(i32, u32, u32)> {
    ((1..=12).contains(&d.1) && (1..=31).contains(&d.2)).then_some(d)
}

/// A date as written; the damaged form `2018523` (年/月 stripped) is read only when a
/// clean date of the document (or the title's year) confirms its year.
fn parse_date(s: &str, clean: &[(i32, u32, u32)], title: Option<&str>) -> Option<(i32, u32, u32)> {
    if let Some(d) = parse_iso_like(s) {
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

fn iso(d: (i32, u32, u32)) -> String {
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

/// `2018-2020年`, `(2022-2025年)`, `十四五`, `2021年工作要点`.
pub fn period_in(s: &str) -> Option<Period> {
    static RANGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})").unwrap());
    static FYP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(十[一二三四五六七八九]五)").unwrap());
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年(?:度)?").unwrap());
    if let Some(c) = RANGE.captures(s) {
        let (a, b) = (c[1].parse().ok()?, c[2].parse().ok()?);
        return (a <= b).then_some(Period { start: a, end: b });
    }
    if let Some(c) = FYP.captures(s) {
        let end = crate::targets::five_year_plan_end(&c[1])?;
        return Some(Period { start: end - 4, end });
    }
    let years: Vec<i32> = YEAR.captures_iter(s).filter_map(|c| c[1].parse().ok()).collect();
    if years.len() == 1 && ["要点", "计划", "安排", "报告", "方案"].iter().any(|w| s.contains(w))
    {
        return Some(Period { start: years[0], end: years[0] });
    }
    None
}

/// A document without a title (a fragment): the five-year plan its body keeps naming.
fn body_plan(text: &str) -> Option<Period> {
    static FYP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(十[一二三四五六七八九]五)”?(?:期间|规划|时期)").unwrap());
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in FYP.captures_iter(text) {
        match counts.iter_mut().find(|(n, _)| n == &c[1]) {
            Some(e) => e.1 += 1,
            None => counts.push((c[1].to_string(), 1)),
        }
    }
    let (name, _) = counts.into_iter().max_by_key(|(n, k)| (*k, n.clone()))?;
    let end = crate::targets::five_year_plan_end(&name)?;
    Some(Period { start: end - 4, end })
}

/// The place a title or issuer names first: `温州市瓯海区`, `滨湖区`, `温州市`.
fn region_in(s: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:关于(?:发布|印发)?)?((?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{2,7}?(?:市|州|盟))?(?:[\p{Han}]{1,5}?(?:区|县|旗))?)").unwrap()
    });
    let c = RE.captures(s)?;
    let r = c[1].to_string();
    if r.chars().count() >= 2 && !r.contains("关于") {
        Some(r)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(period_in("三年行动计划(2018-2020年)"), Some(Period { start: 2018, end: 2020 }));
        assert_eq!(
            period_in("滨湖区“十四五”教育事业高质量发展专项规划"),
            Some(Period { start: 2021, end: 2025 })
        );
        assert_eq!(
            period_in("温州“未来教育”体系建设2021年工作要点"),
            Some(Period { start: 2021, end: 2021 })
        );
    }

    #[test]
    fn damaged_dates_need_a_confirming_clean_date() {
        let clean = [(2018, 5, 31)];
        assert_eq!(parse_date("2018523", &clean, None), Some((2018, 5, 23)));
        assert_eq!(parse_date("2018523", &[], None), None);
        assert_eq!(parse_date("2021420日", &[], Some("2021年工作要点")), Some((2021, 4, 20)));
    }

    #[test]
    fn regions() {
        assert_eq!(region_in("温州市瓯海区教育局关于印发…的通知").as_deref(), Some("温州市瓯海区"));
        assert_eq!(region_in("滨湖区“十四五”教育事业").as_deref(), Some("滨湖区"));
        assert_eq!(
            region_in("关于发布温州市瓯越教育人才培养第二轮行动计划的通知").as_deref(),
            Some("温州市")
        );
    }
}
