//! labels: here is the label of a metadata field, give me the field it names.
//!
//! Government sites state a document's metadata in a block of labelled values
//! (信息公开: `索引号`, `发文机关`, `成文日期`, …), and each site's CMS has its own
//! words for the same field: `信息索引号` or `索取号` for `索引号`, `发文单位`
//! for `发文机关`, `印发日期` for `成文日期`. This is the one list of them,
//! used by the web page reader (cells and `label：value` lines) and by
//! cleaning (such lines in scraped text): a label found by either is stored
//! under its canonical name, which `meta` reads and the output shows.

/// Each label as sites write it (white space removed), and the canonical
/// name it is stored under. A canonical name maps to itself.
const LABELS: &[(&str, &str)] = &[
    ("索引号", "索引号"),
    ("信息索引号", "索引号"),
    ("索引编号", "索引号"),
    ("索取号", "索引号"),
    ("主题分类", "主题分类"),
    ("所属主题", "主题分类"),
    ("发文机关", "发文机关"),
    ("发文单位", "发文机关"),
    ("发文部门", "发文机关"),
    ("制发机关", "发文机关"),
    ("发布机构", "发布机构"),
    ("发布单位", "发布单位"),
    ("成文日期", "成文日期"),
    ("成文时间", "成文日期"),
    ("发文日期", "成文日期"),
    ("印发日期", "成文日期"),
    ("签发日期", "成文日期"),
    ("发布日期", "发布日期"),
    ("公开日期", "发布日期"),
    ("发布时间", "发布日期"),
    ("公开时间", "发布日期"),
    ("生成日期", "生成日期"),
    ("标题", "标题"),
    ("文件名称", "标题"),
    ("文件标题", "标题"),
    ("信息名称", "标题"),
    ("名称", "名称"),
    ("发文字号", "发文字号"),
    ("文件字号", "发文字号"),
    ("文号", "文号"),
    ("文件编号", "文件编号"),
    ("发文编号", "文件编号"),
    ("主题词", "主题词"),
    ("有效性", "有效性"),
    ("时效性", "有效性"),
    ("效力状态", "有效性"),
    ("公开方式", "公开方式"),
    ("公开范围", "公开范围"),
    ("体裁分类", "体裁分类"),
    ("组配分类", "组配分类"),
    ("信息分类", "信息分类"),
    ("废止日期", "废止日期"),
    ("发文机构", "发文机关"),
    ("联合发文单位", "联合发文单位"),
    ("实施日期", "实施日期"),
    ("施行日期", "实施日期"),
];

/// Brackets a label may stand in instead of ending with a colon (`[发文字号]`,
/// `【成文日期】`).
const OPEN: [char; 3] = ['[', '【', '［'];
const CLOSE: [char; 3] = [']', '】', '］'];

/// The canonical name of the field `s` labels, if it labels one: white space
/// inside (`索 引 号`) and a trailing colon are ignored.
pub fn canonical(s: &str) -> Option<&'static str> {
    let s = s.trim().trim_end_matches([':', '：']);
    let s = match (s.strip_prefix(OPEN), s.chars().last()) {
        (Some(inner), Some(c)) if CLOSE.contains(&c) => &inner[..inner.len() - c.len_utf8()],
        _ => s,
    };
    let n = s.chars().filter(|c| !c.is_whitespace()).count();
    if !(2..=6).contains(&n) {
        return None;
    }
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    LABELS.iter().find(|(as_written, _)| *as_written == compact).map(|&(_, name)| name)
}

/// `索 引 号：001/2018-02879` → `("索引号", "001/2018-02879")`: a line that
/// opens with a label and its colon, and the rest of the line, trimmed.
pub fn split_field(line: &str) -> Option<(&'static str, &str)> {
    let t = line.trim_start();
    // `[发文字号] 京政办发〔2025〕6号`: the label in brackets, no colon needed.
    if let Some(rest) = t.strip_prefix(OPEN) {
        let (i, close) = rest.char_indices().take(12).find(|&(_, c)| CLOSE.contains(&c))?;
        let label = canonical(&rest[..i])?;
        let value = rest[i + close.len_utf8()..].trim_start().trim_start_matches([':', '：']);
        return Some((label, value.trim()));
    }
    // A label is at most six characters, with white space between them.
    let (i, colon) = t.char_indices().take(16).find(|&(_, c)| c == ':' || c == '：')?;
    let label = canonical(&t[..i])?;
    Some((label, t[i + colon.len_utf8()..].trim()))
}

/// The characters a label can start with: lets most lines skip the lookup.
pub fn may_start_label(c: char) -> bool {
    OPEN.contains(&c) || LABELS.iter().any(|(l, _)| l.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_s_word_for_a_field_is_stored_under_its_canonical_name() {
        assert_eq!(canonical("索 引 号："), Some("索引号"));
        assert_eq!(canonical("信息索引号:"), Some("索引号"));
        assert_eq!(canonical("发文单位"), Some("发文机关"));
        assert_eq!(canonical("印发日期："), Some("成文日期"));
        assert_eq!(canonical("文号"), Some("文号"));
        assert_eq!(canonical("正文"), None);
        assert_eq!(canonical("索引号索引号索引号"), None);
    }

    #[test]
    fn a_line_that_opens_with_a_label_is_split_at_its_colon() {
        assert_eq!(split_field("索 引 号:001/2018-02879"), Some(("索引号", "001/2018-02879")));
        assert_eq!(split_field("发文单位： 某某市 教育局 "), Some(("发文机关", "某某市 教育局")));
        assert_eq!(split_field("发展目标：到2025年"), None);
        assert_eq!(split_field("索引号"), None);
        // A label in brackets needs no colon.
        assert_eq!(
            split_field("[发文字号] 京政办发〔2025〕6号"),
            Some(("发文字号", "京政办发〔2025〕6号"))
        );
        assert_eq!(split_field("【成文日期】：2025-03-18"), Some(("成文日期", "2025-03-18")));
        assert_eq!(split_field("[联合发文单位] "), Some(("联合发文单位", "")));
        assert_eq!(split_field("【字体：大 中 小】"), None);
        assert_eq!(split_field("[1] 见附件"), None);
        assert_eq!(canonical("[发文机构]"), Some("发文机关"));
    }

    #[test]
    fn every_canonical_name_is_a_label_of_its_own() {
        for (_, name) in LABELS {
            assert_eq!(canonical(name), Some(*name), "{name}");
        }
    }
}
