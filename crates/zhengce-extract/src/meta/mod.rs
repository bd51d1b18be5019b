//! meta: here are the cleaned document and the fields cleaning set aside, give me its
//! metadata, each value with where it was read.
//!
//! Sources, most trusted first for each field: the labelled fields a reader or
//! cleaning set aside (an HTML page's 信息公开 table and `<meta>` tags, a dropped
//! `• 发布单位:` block, page-info lines), then the document's own lines (the title
//! near the top, a 文号 line under it, the signature block and its date, a `版记`
//! `…印发` line, a report's `——date在…会议上` line), then dropped headers (a
//! sharing site's file name, a legal database's export header), then the .docx
//! properties. Every value gets a [`Provenance`] entry: a span of the text, a
//! part of a dropped stretch, a labelled field, or a `docProps` property.
//!
//! - [`dates`]: dates (also in Chinese numerals) and plan periods;
//! - [`issuers`]: signature blocks, title heads, red headers, reports;
//! - [`number`]: the 文号 line.
//!
//! All work is on the first and last few dozen lines and on the fields; the
//! whole text is only scanned once, for the five-year plan of a titleless fragment.

mod dates;
mod issuers;
mod number;

use std::sync::LazyLock;

use regex::Regex;

use crate::clean::Cleaned;
use crate::model::{Dates, DropKind, Meta, MetaField, MetaKey, Origin, Period, Provenance, Span};
use crate::raw::DocProps;

use dates::{iso, Ymd};

/// A value and where it was read.
struct Found<T> {
    value: T,
    origin: Origin,
}

/// The cleaned document, seen line by line.
struct Doc<'a> {
    c: &'a Cleaned,
    lines: Vec<&'a str>,
}

impl<'a> Doc<'a> {
    /// The first non-empty field under any of `labels`, the labels in order of trust.
    fn field(&self, labels: &[&str]) -> Option<(&'a str, &'a str)> {
        labels.iter().find_map(|want| {
            self.c
                .fields
                .iter()
                .find(|(l, v)| l == want && !v.trim().is_empty())
                .map(|(l, v)| (l.as_str(), v.trim()))
        })
    }

    /// Where a field value was read: inside a dropped stretch when cleaning
    /// dropped the line that states it, else the reader's labelled field.
    fn field_origin(&self, label: &str, value: &str) -> Origin {
        self.dropped_origin(
            &[DropKind::MetadataBlock, DropKind::PageInfo, DropKind::SiteChrome],
            value,
        )
        .unwrap_or_else(|| Origin::PageField { label: label.to_string() })
    }

    /// `value` inside a dropped stretch of one of `kinds`.
    fn dropped_origin(&self, kinds: &[DropKind], value: &str) -> Option<Origin> {
        if value.is_empty() {
            return None;
        }
        self.c.dropped.iter().enumerate().find_map(|(i, d)| {
            if !kinds.contains(&d.kind) {
                return None;
            }
            let at = d.text.find(value)?;
            let start = d.span.start + d.text[..at].chars().count();
            let span = Span::new(start, start + value.chars().count());
            Some(Origin::Dropped { dropped: i, span })
        })
    }

    /// The bytes `a..b` of line `i`, as a span of the text.
    fn line_origin(&self, i: usize, a: usize, b: usize) -> Origin {
        let l = self.lines[i];
        let start = self.c.lines[i].start + l[..a].chars().count();
        Origin::Text { span: Span::new(start, start + l[a..b].chars().count()) }
    }

    /// The trimmed line `i`, with its origin.
    fn line(&self, i: usize) -> Found<String> {
        let l = self.lines[i];
        let a = l.len() - l.trim_start().len();
        let b = l.trim_end().len();
        Found { value: l[a..b].to_string(), origin: self.line_origin(i, a, b) }
    }
}

/// The part `a..b` (bytes) of a value read from `origin`, which states the whole value.
fn sub_origin(whole: &str, origin: &Origin, a: usize, b: usize) -> Origin {
    let shift = |s: &Span| {
        let start = s.start + whole[..a].chars().count();
        Span::new(start, start + whole[a..b].chars().count())
    };
    match origin {
        Origin::Text { span } => Origin::Text { span: shift(span) },
        Origin::Dropped { dropped, span } => {
            Origin::Dropped { dropped: *dropped, span: shift(span) }
        }
        other => other.clone(),
    }
}

pub fn extract(c: &Cleaned, props: &DocProps) -> Meta {
    let d = Doc { c, lines: (0..c.lines.len()).map(|i| c.line_text(i)).collect() };
    let mut prov: Vec<Provenance> = Vec::new();
    let mut note = |field: MetaKey, index: usize, origin: Origin| {
        prov.push(Provenance { field, index, origin })
    };

    let title = find_title(&d, props);
    let subtitle = title.as_ref().and_then(|t| {
        let (a, b) = wrapped_plan(&t.value)?;
        Some(Found {
            value: t.value[a..b].to_string(),
            origin: sub_origin(&t.value, &t.origin, a, b),
        })
    });
    let issuers = find_issuers(&d, title.as_ref());
    let doc_number = find_doc_number(&d, title.as_ref());
    let index_number = d
        .field(&["索引号"])
        .map(|(l, v)| Found { value: v.to_string(), origin: d.field_origin(l, v) });
    let clean_dates: Vec<Ymd> = c
        .fields
        .iter()
        .filter(|(l, _)| l.contains("日期") || l.contains("时间") || l.contains("Date"))
        .filter_map(|(_, v)| dates::parse_iso_like(v))
        .collect();
    let title_str = title.as_ref().map(|t| t.value.as_str());
    let written = find_written(&d, &clean_dates, title_str);
    let published = find_published(&d, &clean_dates, title_str);
    let plan_period = find_period(&d, title.as_ref(), subtitle.as_ref());
    let region = find_region(&d, title.as_ref(), &issuers);
    let source = find_source(&d, &issuers);

    let mut take = |key: MetaKey, f: Option<Found<String>>| {
        f.map(|f| {
            note(key, 0, f.origin);
            f.value
        })
    };
    let title_v = take(MetaKey::Title, title);
    let subtitle_v = take(MetaKey::Subtitle, subtitle);
    let doc_number_v = take(MetaKey::DocNumber, doc_number);
    let index_number_v = take(MetaKey::IndexNumber, index_number);
    let written_v = take(MetaKey::Written, written);
    let published_v = take(MetaKey::Published, published);
    let region_v = take(MetaKey::Region, region);
    let source_v = take(MetaKey::Source, source);
    let plan_v = plan_period.map(|f| {
        note(MetaKey::PlanPeriod, 0, f.origin);
        f.value
    });
    let issuers_v: Vec<String> = issuers
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            note(MetaKey::Issuers, i, f.origin);
            f.value
        })
        .collect();
    prov.sort_by_key(|p| (p.field, p.index));
    let fields =
        c.fields.iter().map(|(l, v)| MetaField { label: l.clone(), value: v.clone() }).collect();
    Meta {
        title: title_v,
        subtitle: subtitle_v,
        issuers: issuers_v,
        doc_number: doc_number_v,
        index_number: index_number_v,
        dates: Dates { written: written_v, published: published_v },
        plan_period: plan_v,
        region: region_v,
        source: source_v,
        fields,
        provenance: prov,
    }
}

/// How many lines from the top a title, 文号 or report header may stand at.
const HEAD_LINES: usize = 15;

const TITLE_WORDS: &[&str] = &[
    "规划", "计划", "要点", "通知", "方案", "意见", "办法", "决定", "报告", "纲要", "细则", "规定",
    "通报", "措施", "指南", "条例", "公告", "批复", "函", "清单", "公报", "总结", "安排", "指引",
    "决议", "纪要", "分解",
];

fn looks_like_title(l: &str) -> bool {
    let n = l.chars().count();
    (6..=80).contains(&n)
        && TITLE_WORDS.iter().any(|w| l.contains(w))
        && !l.contains(['。', '，', ',', '；', '：', ':'])
        && !l.starts_with("——")
        && crate::structure::markers::marker_at_start(l).is_none()
}

fn find_title(d: &Doc, props: &DocProps) -> Option<Found<String>> {
    // A disclosure table's 标题 or the page's article-title tag names it exactly.
    if let Some((l, v)) = d.field(&["标题", "html:ArticleTitle"]) {
        return Some(Found { value: v.to_string(), origin: d.field_origin(l, v) });
    }
    // A title the page repeated is a title for sure.
    if let Some(t) = d.c.repeated_titles.first() {
        let t = t.trim();
        let at_line = (0..d.lines.len().min(3 * HEAD_LINES)).find(|&i| d.lines[i].trim() == t);
        let origin = match at_line {
            Some(i) => Some(d.line(i).origin),
            None => d.dropped_origin(&[DropKind::RepeatedTitle], t),
        };
        if let Some(origin) = origin {
            return Some(Found { value: t.to_string(), origin });
        }
    }
    if let Some(i) =
        (0..d.lines.len().min(HEAD_LINES)).find(|&i| looks_like_title(d.lines[i].trim()))
    {
        return Some(d.line(i));
    }
    if let Some(t) = d.c.title_candidates.first() {
        if let Some(origin) = d.dropped_origin(&[DropKind::ShareHeader], t) {
            return Some(Found { value: t.clone(), origin });
        }
    }
    // A page's <title> often carries the site's name after a separator.
    if let Some((l, v)) = d.field(&["html:title"]) {
        let head = v.split(['_', '|']).next().unwrap_or(v).trim();
        if looks_like_title(head) {
            return Some(Found { value: head.to_string(), origin: d.field_origin(l, v) });
        }
    }
    props.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| Found {
        value: t.to_string(),
        origin: Origin::DocProps { property: "title".into() },
    })
}

/// `关于印发《X》的通知` → the byte range of `X` in the title.
fn wrapped_plan(title: &str) -> Option<(usize, usize)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|发布|转发|颁发)《?(.+?)》?的(?:通知|决定|函)$").unwrap()
    });
    let m = RE.captures(title)?.get(1)?;
    Some((m.start(), m.end()))
}

fn find_issuers(d: &Doc, title: Option<&Found<String>>) -> Vec<Found<String>> {
    let from_field = |labels: &[&str]| -> Vec<Found<String>> {
        d.field(labels)
            .map(|(l, v)| {
                issuers::split_list(v)
                    .into_iter()
                    .map(|(a, b)| Found {
                        value: v[a..b].to_string(),
                        origin: d.field_origin(l, &v[a..b]),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let at_lines = |found: Vec<issuers::At>| -> Vec<Found<String>> {
        found
            .into_iter()
            .map(|(i, a, b)| Found {
                value: d.lines[i][a..b].to_string(),
                origin: d.line_origin(i, a, b),
            })
            .collect()
    };
    let mut out = from_field(&["发文机关"]);
    if out.is_empty() {
        out = at_lines(issuers::signature(&d.lines).0);
    }
    if out.is_empty() {
        out = at_lines(issuers::printed_by(&d.lines).into_iter().collect());
    }
    if out.is_empty() {
        out = from_field(&["发布单位", "发布机构"]);
    }
    if out.is_empty() {
        if let Some(t) = title {
            out = issuers::from_title(&t.value)
                .into_iter()
                .map(|(a, b)| Found {
                    value: t.value[a..b].to_string(),
                    origin: sub_origin(&t.value, &t.origin, a, b),
                })
                .collect();
        }
    }
    if out.is_empty() {
        out = at_lines(issuers::red_header(&d.lines).into_iter().collect());
    }
    if out.is_empty() {
        if let Some(((i, a, b), bare)) = issuers::reporting_government(&d.lines) {
            let named = &d.lines[i][a..b];
            let value = if bare {
                // `省人民政府`: the province of the meeting or the title.
                let place = meeting_place(d).map(|f| f.value).or_else(|| {
                    title
                        .and_then(|t| region_in(&t.value))
                        .map(|(a, b)| title.unwrap().value[a..b].to_string())
                });
                place.filter(|p| p.ends_with(named.chars().next().unwrap_or(' '))).map(|p| {
                    format!(
                        "{p}{}",
                        named
                            .trim_start_matches(['省', '市', '区', '县'])
                            .trim_start_matches("自治区")
                    )
                })
            } else {
                Some(named.to_string())
            };
            if let Some(value) = value {
                out.push(Found { value, origin: d.line_origin(i, a, b) });
            }
        }
    }
    // Each body once, in the order named.
    let mut seen: Vec<String> = Vec::new();
    out.retain(|f| {
        let new = !seen.contains(&f.value);
        seen.push(f.value.clone());
        new
    });
    out
}

fn find_doc_number(d: &Doc, title: Option<&Found<String>>) -> Option<Found<String>> {
    if let Some((l, v)) = d.field(&["发文字号", "文号", "文件编号"]) {
        if number::is_doc_number(v) || !v.contains(['无', '-']) {
            return Some(Found { value: v.to_string(), origin: d.field_origin(l, v) });
        }
    }
    // Under the title (or near the top when the title is not a line of the
    // text), or above it, under the red header of a 红头文件 (`某某市教育局文件`
    // / `某教发〔2025〕21号` / the title).
    let title_line = title.and_then(|t| match &t.origin {
        Origin::Text { span } => {
            d.c.lines.iter().position(|l| l.start <= span.start && span.start <= l.end)
        }
        _ => None,
    });
    let from = title_line.map_or(0, |t| t.saturating_sub(3));
    (from..d.lines.len().min(from + HEAD_LINES)).find_map(|i| {
        let (a, b) = number::doc_number_line(d.lines[i])?;
        Some(Found { value: d.lines[i][a..b].to_string(), origin: d.line_origin(i, a, b) })
    })
}

fn find_written(d: &Doc, clean: &[Ymd], title: Option<&str>) -> Option<Found<String>> {
    if let Some((l, v)) = d.field(&["成文日期"]) {
        if let Some(x) = dates::parse_iso_like(v).or_else(|| dates::parse_cn_date(v)) {
            return Some(Found { value: iso(x), origin: d.field_origin(l, v) });
        }
    }
    if let (_, Some(i)) = issuers::signature(&d.lines) {
        if let Some(x) = dates::parse_date(d.lines[i].trim(), clean, title) {
            return Some(Found { value: iso(x), origin: d.line(i).origin });
        }
    }
    // `——2026年1月26日在…人民代表大会…会议上`: the day a report was given.
    static SPOKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[—-]{1,2}\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*在").unwrap()
    });
    (0..d.lines.len().min(HEAD_LINES)).find_map(|i| {
        let m = SPOKEN.captures(d.lines[i])?.get(1)?;
        let x = dates::parse_iso_like(m.as_str()).or_else(|| dates::parse_cn_date(m.as_str()))?;
        Some(Found { value: iso(x), origin: d.line_origin(i, m.start(), m.end()) })
    })
}

fn find_published(d: &Doc, clean: &[Ymd], title: Option<&str>) -> Option<Found<String>> {
    let from_field = |labels: &[&str]| {
        let (l, v) = d.field(labels)?;
        let x = dates::parse_iso_like(v).or_else(|| dates::parse_cn_date(v))?;
        Some(Found { value: iso(x), origin: d.field_origin(l, v) })
    };
    if let Some(f) = from_field(&["发布日期", "html:PubDate"]) {
        return Some(f);
    }
    let n = d.lines.len();
    let printed = (n.saturating_sub(30)..n).rev().find_map(|i| {
        let x = dates::printed_date(d.lines[i], clean, title)?;
        Some(Found { value: iso(x), origin: d.line(i).origin })
    });
    if printed.is_some() {
        return printed;
    }
    if let Some(f) = from_field(&["page:发布日期", "page:发布时间", "page:日期"]) {
        return Some(f);
    }
    // A page's `时间：2026-02-09` line kept at the top.
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:时间|日期|发布时间|发布日期)\s*[:：]\s*((?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?)").unwrap()
    });
    (0..n.min(HEAD_LINES)).find_map(|i| {
        let m = STAMP.captures(d.lines[i])?.get(1)?;
        let x = dates::parse_iso_like(m.as_str())?;
        Some(Found { value: iso(x), origin: d.line_origin(i, m.start(), m.end()) })
    })
}

fn find_period(
    d: &Doc,
    title: Option<&Found<String>>,
    subtitle: Option<&Found<String>>,
) -> Option<Found<Period>> {
    for t in [title, subtitle].into_iter().flatten() {
        if let Some(p) = dates::period_in(&t.value) {
            return Some(Found { value: p, origin: t.origin.clone() });
        }
    }
    // A period line under a plan's title: `(2022-2025年)`.
    if let Some(f) = (0..d.lines.len().min(HEAD_LINES)).find_map(|i| {
        let p = dates::period_line(d.lines[i])?;
        Some(Found { value: p, origin: d.line(i).origin })
    }) {
        return Some(f);
    }
    if title.is_some() {
        return None;
    }
    let (p, a, b) = dates::body_plan(&d.c.text)?;
    let start = d.c.text[..a].chars().count();
    let span = Span::new(start, start + d.c.text[a..b].chars().count());
    Some(Found { value: p, origin: Origin::Text { span } })
}

/// The place a title or issuer names first, as a byte range: `温州市瓯海区`,
/// `滨湖区`, `温州市`, `江苏省` (after a leading year).
fn region_in(s: &str) -> Option<(usize, usize)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:19|20)\d{2}年度?)?(?:关于(?:发布|印发)?)?((?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{2,7}?(?:市|州|盟))?(?:[\p{Han}]{1,5}?(?:区|县|旗))?)").unwrap()
    });
    let m = RE.captures(s)?.get(1)?;
    (m.as_str().chars().count() >= 2 && !m.as_str().contains("关于")).then(|| (m.start(), m.end()))
}

/// `——2026年1月26日在广东省第十四届人民代表大会…`: the place of the meeting.
fn meeting_place(d: &Doc) -> Option<Found<String>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[—-]{1,2}.*?在(\p{Han}{1,8}?(?:省|自治区|市|县|区))第").unwrap()
    });
    (0..d.lines.len().min(HEAD_LINES)).find_map(|i| {
        let m = RE.captures(d.lines[i])?.get(1)?;
        Some(Found { value: m.as_str().to_string(), origin: d.line_origin(i, m.start(), m.end()) })
    })
}

fn find_region(
    d: &Doc,
    title: Option<&Found<String>>,
    issuers: &[Found<String>],
) -> Option<Found<String>> {
    for f in title.into_iter().chain(issuers.first()) {
        if let Some((a, b)) = region_in(&f.value) {
            return Some(Found {
                value: f.value[a..b].to_string(),
                origin: sub_origin(&f.value, &f.origin, a, b),
            });
        }
    }
    meeting_place(d)
}

/// The newspaper or site that republished the text.
fn find_source(d: &Doc, issuers: &[Found<String>]) -> Option<Found<String>> {
    let republisher = |v: &str| !issuers::is_org(v) && !issuers.iter().any(|i| i.value == v);
    if let Some((l, v)) = d.field(&["page:来源", "html:ContentSource", "来源"]) {
        if republisher(v) {
            return Some(Found { value: v.to_string(), origin: d.field_origin(l, v) });
        }
    }
    // A legal database's export header `北大法宝【法宝引证码】…`, or a sharing
    // site's `请在X上搜索`, both dropped as the site around the document.
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\p{Han}{2,8})【法宝引证码】|请在(\p{Han}{2,10})上搜索").unwrap()
    });
    d.c.dropped.iter().enumerate().find_map(|(i, x)| {
        if !matches!(x.kind, DropKind::SiteChrome | DropKind::ShareHeader) {
            return None;
        }
        let c = HEADER.captures(&x.text)?;
        let m = c.get(1).or_else(|| c.get(2))?;
        let start = x.span.start + x.text[..m.start()].chars().count();
        let span = Span::new(start, start + m.as_str().chars().count());
        Some(Found { value: m.as_str().to_string(), origin: Origin::Dropped { dropped: i, span } })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{Block, Para, RawDocument};

    /// Cleans `text` (one paragraph a line) with the reader fields `fields`.
    fn cleaned(text: &str, fields: &[(&str, &str)]) -> Cleaned {
        let mut start = 0;
        let blocks = text
            .split('\n')
            .map(|l| {
                let p = Para { start, text: l.to_string(), heading_level: None };
                start += l.chars().count() + 1;
                Block::Para(p)
            })
            .collect();
        let raw = RawDocument {
            source_text: text.to_string(),
            blocks,
            fields: fields.iter().map(|(l, v)| (l.to_string(), v.to_string())).collect(),
            ..RawDocument::default()
        };
        crate::clean::clean(&raw, &crate::Limits::default(), &crate::deadline::Deadline::never())
    }

    /// The genres a title names: lists, bulletins and arrangements too, not a
    /// heading or a sentence.
    #[test]
    fn a_title_is_known_by_its_genre() {
        for t in [
            "某市2025年城市更新重点工作任务清单",
            "某省2025年国民经济和社会发展统计公报",
            "某县2026年教育工作要点",
            "关于2026年春季学期工作的安排",
            "某区2025年教育工作任务分解",
        ] {
            assert!(looks_like_title(t), "{t}");
        }
        for t in ["一、工作安排", "清单", "请各单位按清单报送，逾期不候。"] {
            assert!(!looks_like_title(t), "{t}");
        }
    }

    /// Every provenance entry points at text that states the value (for text and dropped origins).
    fn check_provenance(c: &Cleaned, m: &Meta) {
        let chars: Vec<char> = c.text.chars().collect();
        for p in &m.provenance {
            let value = match p.field {
                MetaKey::Title => m.title.clone(),
                MetaKey::Subtitle => m.subtitle.clone(),
                MetaKey::Issuers => m.issuers.get(p.index).cloned(),
                MetaKey::DocNumber => m.doc_number.clone(),
                MetaKey::Region => m.region.clone(),
                MetaKey::Source => m.source.clone(),
                _ => None,
            };
            if let (Some(v), Origin::Text { span }) = (value, &p.origin) {
                let at: String = chars[span.start..span.end].iter().collect();
                assert_eq!(at, v, "{:?}", p.field);
            }
        }
    }

    /// A 红头文件: the issuer's mark, then its 文号, then the title.
    #[test]
    fn a_doc_number_above_the_title_under_a_red_header() {
        let c = cleaned(
            "某某市教育局文件\n某教发〔2025〕21号\n某某市教育局关于印发《某某市学前教育普及普惠三年行动计划（2025—2027年）》的通知\n各县（市、区）教育局：\n现将计划印发给你们，请认真组织实施。\n某某市教育局\n2025年4月8日",
            &[],
        );
        let m = extract(&c, &DocProps::default());
        assert_eq!(m.doc_number.as_deref(), Some("某教发〔2025〕21号"));
        assert_eq!(m.issuers, ["某某市教育局"]);
        assert_eq!(m.dates.written.as_deref(), Some("2025-04-08"));
        check_provenance(&c, &m);
    }

    #[test]
    fn regions() {
        let r = |s: &str| region_in(s).map(|(a, b)| s[a..b].to_string());
        assert_eq!(r("温州市瓯海区教育局关于印发…的通知").as_deref(), Some("温州市瓯海区"));
        assert_eq!(r("滨湖区“十四五”教育事业").as_deref(), Some("滨湖区"));
        assert_eq!(
            r("关于发布温州市瓯越教育人才培养第二轮行动计划的通知").as_deref(),
            Some("温州市")
        );
        assert_eq!(r("2026年江苏省政府工作报告").as_deref(), Some("江苏省"));
        assert_eq!(r("政府工作报告"), None);
    }

    #[test]
    fn a_disclosure_page_is_read_from_its_fields() {
        let c = cleaned(
            "国务院办公厅、中央军委办公厅\n关于加强对遗弃化学武器调查和管理工作的通知\n国办发〔1996〕25号\n各省人民政府：\n现将有关事项通知如下。\n国务院办公厅\n中央军委办公厅\n一九九六年六月二十九日",
            &[
                ("html:title", "国务院办公厅、中央军委办公厅关于加强对遗弃化学武器调查和管理工作的通知_政府信息公开专栏"),
                ("索引号", "000014349/1996-00077"),
                ("发文机关", "国务院办公厅、中央军委办公厅"),
                ("成文日期", "1996年06月29日"),
                ("标题", "国务院办公厅、中央军委办公厅关于加强对遗弃化学武器调查和管理工作的通知"),
                ("发文字号", "国办发〔1996〕25号"),
                ("发布日期", "2018年12月24日"),
            ],
        );
        let m = extract(&c, &DocProps::default());
        assert_eq!(
            m.title.as_deref(),
            Some("国务院办公厅、中央军委办公厅关于加强对遗弃化学武器调查和管理工作的通知")
        );
        assert_eq!(m.issuers, ["国务院办公厅", "中央军委办公厅"]);
        assert_eq!(m.doc_number.as_deref(), Some("国办发〔1996〕25号"));
        assert_eq!(m.index_number.as_deref(), Some("000014349/1996-00077"));
        assert_eq!(m.dates.written.as_deref(), Some("1996-06-29"));
        assert_eq!(m.dates.published.as_deref(), Some("2018-12-24"));
        let origin =
            |k: MetaKey| m.provenance.iter().find(|p| p.field == k).map(|p| p.origin.clone());
        assert_eq!(
            origin(MetaKey::DocNumber),
            Some(Origin::PageField { label: "发文字号".into() })
        );
        assert_eq!(m.provenance.iter().filter(|p| p.field == MetaKey::Issuers).count(), 2);
        // Without the table, the text alone gives the same answers.
        let c = cleaned(
            "国务院办公厅、中央军委办公厅关于加强对遗弃化学武器调查和管理工作的通知\n国办发〔1996〕25号\n各省人民政府：\n现将有关事项通知如下。\n国务院办公厅\n中央军委办公厅\n一九九六年六月二十九日",
            &[],
        );
        let m = extract(&c, &DocProps::default());
        assert_eq!(m.issuers, ["国务院办公厅", "中央军委办公厅"]);
        assert_eq!(m.doc_number.as_deref(), Some("国办发〔1996〕25号"));
        assert_eq!(m.dates.written.as_deref(), Some("1996-06-29"));
        check_provenance(&c, &m);
    }

    #[test]
    fn a_notice_wrapping_a_plan_with_co_issuers() {
        let c = cleaned(
            "四川省教育厅等三部门关于印发《四川省学校美育提升行动方案（2021—2023年）》的通知\n（川教〔2021〕12号）\n各市（州）教育局：\n现将《方案》印发给你们，请认真贯彻执行。\n四川省教育厅  四川省财政厅\n四川省文化和旅游厅\n二〇二一年三月五日\n四川省学校美育提升行动方案（2021—2023年）\n一、总体要求",
            &[],
        );
        let m = extract(&c, &DocProps::default());
        assert_eq!(m.subtitle.as_deref(), Some("四川省学校美育提升行动方案（2021—2023年）"));
        assert_eq!(m.issuers, ["四川省教育厅", "四川省财政厅", "四川省文化和旅游厅"]);
        assert_eq!(m.doc_number.as_deref(), Some("川教〔2021〕12号"));
        assert_eq!(m.dates.written.as_deref(), Some("2021-03-05"));
        assert_eq!(m.plan_period, Some(Period { start: 2021, end: 2023 }));
        assert_eq!(m.region.as_deref(), Some("四川省"));
        check_provenance(&c, &m);
    }

    #[test]
    fn a_work_report() {
        let c = cleaned(
            "政府工作报告\n——2026年1月26日在某某省第十四届\n人民代表大会第五次会议上\n某某省省长 张三\n各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年和“十四五”时期工作回顾",
            &[("page:来源", "某某日报")],
        );
        let m = extract(&c, &DocProps::default());
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.issuers, ["某某省人民政府"]);
        assert_eq!(m.dates.written.as_deref(), Some("2026-01-26"));
        assert_eq!(m.region.as_deref(), Some("某某省"));
        assert_eq!(m.source.as_deref(), Some("某某日报"));
        assert_eq!(m.plan_period, None);
    }
}
