//! pagemeta: here is a flattened page, give me the metadata it states outside the body.
//!
//! In: [`Flat`]. Out: `(label, value)` pairs in the conventions of
//! [`crate::raw::RawDocument::fields`]: `html:title` (the `<title>` without
//! the site's suffix), `html:ArticleTitle`, `html:PubDate`,
//! `html:ContentSource`, `html:Keywords` from `<meta>`, and the labels of a
//! 信息公开 metadata table (`索引号`, `发文机关`, `标题`, …) under their
//! canonical names ([`crate::labels`]), whether written in cells of their own
//! (label cell, value cell) or as `label：value` in one cell or line.

use super::dom::Flat;
use crate::labels::canonical;

/// `<meta name=…>` names read (compared without case).
const META_NAMES: &[&str] = &["ArticleTitle", "PubDate", "ContentSource", "Keywords"];

/// Separators between a page title and the site's name (`…的通知_中国政府网`).
const TITLE_SEPARATORS: &[&str] = &["_", "|", "｜", " - ", " – ", " — ", "--", "－"];

/// `索引号：000014349/2019-00007` → `("索引号", "000014349/2019-00007")`.
/// The value ends where a page-info line goes on to another field
/// (`发布时间：2024-03-01　来源：市教育局　【字体：大 中 小】` → `2024-03-01`).
pub(crate) fn line_field(text: &str) -> Option<(String, String)> {
    let (label, value) = crate::labels::split_field(text)?;
    Some((label.to_string(), collapse(&value[..next_field(value)])))
}

/// Where, after white space, another labelled field (`来源：`, up to six
/// Chinese characters and a colon) or a bracketed control (`【字体`) starts.
fn next_field(value: &str) -> usize {
    let starts_field = |rest: &str| {
        let label = rest.chars().take_while(|&c| crate::textutil::is_han(c)).count();
        let after = rest.chars().nth(label);
        rest.starts_with('【') || (1..=6).contains(&label) && matches!(after, Some(':' | '：'))
    };
    let mut ends = value.char_indices().filter(|&(_, c)| c.is_whitespace());
    ends.find(|&(k, c)| {
        let rest = &value[k + c.len_utf8()..];
        !value[..k].trim().is_empty() && starts_field(rest.trim_start())
    })
    .map_or(value.len(), |(k, _)| k)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page title without the site's name after it.
pub(crate) fn strip_site_suffix(title: &str) -> String {
    let mut t = title.trim();
    for sep in TITLE_SEPARATORS {
        if let Some((head, _)) = t.split_once(sep) {
            if head.trim().chars().count() >= 4 {
                t = head.trim();
            }
        }
    }
    t.to_string()
}

/// `html:*` fields from `<title>` and `<meta>`.
pub(crate) fn head_fields(flat: &Flat) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(t) = flat.title.as_deref().map(strip_site_suffix).filter(|t| !t.is_empty()) {
        out.push(("html:title".to_string(), t));
    }
    for (name, content) in &flat.metas {
        if !content.is_empty() && META_NAMES.iter().any(|m| m.eq_ignore_ascii_case(name)) {
            out.push((format!("html:{name}"), collapse(content)));
        }
    }
    out
}

/// The text of the cell element `elem` (its lines joined by a space).
pub(crate) fn cell_text(flat: &Flat, elem: usize) -> String {
    let e = &flat.elems[elem];
    let mut s = String::new();
    for l in &flat.lines[e.first_line..e.end_line] {
        if l.kind != super::dom::LineKind::Text {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&l.text);
    }
    s
}

/// The fields of table `t` when it is a metadata table (three labelled values or more).
pub(crate) fn table_fields(flat: &Flat, t: usize) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for row in &flat.tables[t].rows {
        let texts: Vec<String> = row.iter().map(|&c| cell_text(flat, c)).collect();
        let mut i = 0;
        while i < texts.len() {
            if let Some(label) = canonical(&texts[i]) {
                let value = texts.get(i + 1).filter(|v| canonical(v).is_none());
                if let Some(v) = value {
                    out.push((label.to_string(), collapse(v)));
                    i += 2;
                    continue;
                }
                out.push((label.to_string(), String::new()));
            } else if let Some(f) = line_field(&texts[i]) {
                out.push(f);
            }
            i += 1;
        }
    }
    (out.iter().filter(|(_, v)| !v.is_empty()).count() >= 3).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::RcDom;

    fn flat(html: &str) -> Flat {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        super::super::dom::flatten(&dom.document)
    }

    #[test]
    fn labels_with_spaces_and_colons() {
        assert_eq!(canonical("索 引 号："), Some("索引号"));
        assert_eq!(canonical("文号:"), Some("文号"));
        assert_eq!(canonical("正文"), None);
        assert_eq!(
            line_field("发布机构： 某某市 人民政府"),
            Some(("发布机构".into(), "某某市 人民政府".into()))
        );
        assert_eq!(line_field("说明：无"), None);
        assert_eq!(
            line_field("发布时间：2024-03-01\u{3000}来源：市教育局\u{3000}【字体：大 中 小】"),
            Some(("发布日期".into(), "2024-03-01".into()))
        );
        assert_eq!(
            line_field("发布时间：2024-03-01 【打印】"),
            Some(("发布日期".into(), "2024-03-01".into()))
        );
    }

    #[test]
    fn the_site_name_after_the_title_goes() {
        assert_eq!(strip_site_suffix("关于X的通知_中国政府网"), "关于X的通知");
        assert_eq!(strip_site_suffix("关于X的通知 - 某某区教育局"), "关于X的通知");
        assert_eq!(strip_site_suffix("某某条例|某某人大网"), "某某条例");
        // A head too short to be a title keeps the whole.
        assert_eq!(strip_site_suffix("通知_某某网站"), "通知_某某网站");
    }

    #[test]
    fn head_fields_from_title_and_meta() {
        let f = flat(
            "<head><title>关于X的通知_网站</title><meta name='articletitle' content=' 关于X的通知 '>\
             <meta name='PubDate' content='2024-03-01'><meta name='author' content='a'></head>",
        );
        assert_eq!(
            head_fields(&f),
            [
                ("html:title".to_string(), "关于X的通知".to_string()),
                ("html:articletitle".to_string(), "关于X的通知".to_string()),
                ("html:PubDate".to_string(), "2024-03-01".to_string()),
            ]
        );
    }

    #[test]
    fn a_metadata_table_in_cells_or_in_label_value_cells() {
        let f = flat(
            "<table><tr><td>索引号：</td><td>000/2024-1</td><td>主题分类：</td><td>教育</td></tr>\
             <tr><td>发文机关：</td><td>某某局</td><td>文号：</td><td></td></tr></table>\
             <table><tr><td>成文日期：2024年1月2日</td><td>标题：关于X的通知</td><td>有效性：有效</td></tr></table>\
             <table><tr><td>月份</td><td>工作</td></tr><tr><td>1月</td><td>索引号</td></tr></table>",
        );
        let t0 = table_fields(&f, 0).unwrap();
        assert!(t0.contains(&("索引号".into(), "000/2024-1".into())));
        assert!(t0.contains(&("发文机关".into(), "某某局".into())));
        assert!(t0.contains(&("文号".into(), String::new())));
        let t1 = table_fields(&f, 1).unwrap();
        assert!(t1.contains(&("标题".into(), "关于X的通知".into())));
        // A data table with one label-like cell is not metadata.
        assert_eq!(table_fields(&f, 2), None);
    }
}
