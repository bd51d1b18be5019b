//! meta::issuers: here are the document's lines, give me who issued it.
//!
//! Forms read, each returning the issuers in the order written with the byte
//! range of each in its line:
//! - a signature block: one or several lines of issuing bodies (several on a
//!   line when separated by white space) right above a date-only line;
//! - a `版记` line `温州市教育局办公室 2021年4月20日印发`;
//! - the head of a title before `关于`/`印发`/`转发`: `国务院办公厅、中央军委办公厅关于…`,
//!   `四川省教育厅等六部门关于印发…` (the one named; the signature names the rest);
//! - a red header `XX市XX站文件`;
//! - a government work report: `我代表江苏省人民政府向大会报告工作`, where a bare
//!   `省人民政府` takes the region of the meeting it was given at.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::is_date_line;

/// An issuer: `(line, byte start, byte end)` in the lines given.
pub type At = (usize, usize, usize);

/// The endings of a body that can issue a document.
const ORG_ENDINGS: &[&str] = &[
    "局",
    "厅",
    "委",
    "政府",
    "办公室",
    "办公厅",
    "部",
    "中心",
    "院",
    "委员会",
    "会",
    "站",
    "所",
    "处",
    "署",
    "办",
    "府",
    "公司",
    "集团",
    "大学",
    "学院",
    "学校",
    "队",
    "室",
];

/// Whether `s` names a body that can issue a document: short, no sentence
/// punctuation, ending like an office.
pub fn is_org(s: &str) -> bool {
    let n = s.chars().count();
    (2..=30).contains(&n)
        && !s.contains(['。', '，', ',', '：', ':', '；', '、', '《', '“', ' ', '\u{3000}'])
        && !s.chars().any(|c| c.is_ascii_digit())
        && ORG_ENDINGS.iter().any(|w| s.ends_with(w))
}

/// The white-space separated parts of a line, as byte ranges, if every part is an org.
fn orgs_in_line(l: &str) -> Option<Vec<(usize, usize)>> {
    let mut parts = Vec::new();
    let mut start = None;
    for (i, c) in l.char_indices().chain(std::iter::once((l.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                parts.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    (!parts.is_empty() && parts.iter().all(|&(a, b)| is_org(&l[a..b]))).then_some(parts)
}

/// The signature block: issuers above the first date-only line, and that line.
/// The date line is returned even when no issuer stands above it.
pub fn signature(lines: &[&str]) -> (Vec<At>, Option<usize>) {
    for (i, l) in lines.iter().enumerate() {
        if i == 0 || !is_date_line(l.trim()) {
            continue;
        }
        let mut found: Vec<At> = Vec::new();
        let mut j = i;
        while j > 0 && i - j < 8 {
            let Some(parts) = orgs_in_line(lines[j - 1]) else { break };
            for &(a, b) in parts.iter().rev() {
                found.push((j - 1, a, b));
            }
            j -= 1;
        }
        found.reverse();
        return (found, Some(i));
    }
    (Vec::new(), None)
}

/// `温州市教育局办公室 2021年4月20日印发`: the office that printed the document.
pub fn printed_by(lines: &[&str]) -> Option<At> {
    lines.iter().enumerate().rev().take(40).find_map(|(i, l)| {
        if !l.contains("印发") {
            return None;
        }
        let (org, _) = l.trim_start().split_once(char::is_whitespace)?;
        let a = l.len() - l.trim_start().len();
        is_org(org).then_some((i, a, a + org.len()))
    })
}

/// The issuers a title names before `关于`, `印发` or `转发`, as byte ranges of `t`.
pub fn from_title(t: &str) -> Vec<(usize, usize)> {
    static CO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"等[一二三四五六七八九十两\d]+(?:个)?(?:部门|单位)$").unwrap()
    });
    let cut = ["关于", "印发", "转发", "颁发"].iter().filter_map(|w| t.find(w)).min();
    let Some(cut) = cut else { return Vec::new() };
    let mut head = &t[..cut];
    if let Some(m) = CO.find(head) {
        head = &head[..m.start()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in head.char_indices().chain(std::iter::once((head.len(), '、'))) {
        if matches!(c, '、' | '，' | ',' | ' ' | '\u{3000}') {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if out.iter().all(|&(a, b)| is_org(&t[a..b])) {
        out
    } else {
        Vec::new()
    }
}

/// Splits a field value such as `国务院办公厅、中央军委办公厅` into byte ranges.
pub fn split_list(v: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in v.char_indices().chain(std::iter::once((v.len(), '、'))) {
        if matches!(c, '、' | '，' | ',' | ';' | '；' | ' ' | '\u{3000}') {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// `XX市XX站文件` at the top: a red-header document.
pub fn red_header(lines: &[&str]) -> Option<At> {
    lines.iter().enumerate().take(6).find_map(|(i, l)| {
        let t = l.trim();
        let org = t.strip_suffix("文件")?;
        let a = l.len() - l.trim_start().len();
        is_org(org).then_some((i, a, a + org.len()))
    })
}

/// `我代表江苏省人民政府向大会报告工作`: the government that gives a work report,
/// as a range of its line and whether it lacks the place (`省人民政府`).
pub fn reporting_government(lines: &[&str]) -> Option<(At, bool)> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"我代表(\p{Han}{0,12}?人民政府)[，,]?\s*向大会").unwrap());
    lines.iter().enumerate().take(30).find_map(|(i, l)| {
        let m = RE.captures(l)?.get(1)?;
        let bare = matches!(
            m.as_str(),
            "省人民政府" | "市人民政府" | "区人民政府" | "县人民政府" | "自治区人民政府"
        );
        Some(((i, m.start(), m.end()), bare))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_blocks() {
        let lines = ["本意见自印发之日起施行。", "上海市人民政府办公厅", "2016年6月7日"];
        let (found, date) = signature(&lines);
        assert_eq!(found, vec![(1, 0, "上海市人民政府办公厅".len())]);
        assert_eq!(date, Some(2));
        let lines = [
            "特此通知。",
            "四川省教育厅  四川省财政厅",
            "四川省文化和旅游厅",
            "二〇一七年三月五日",
        ];
        let (found, _) = signature(&lines);
        let names: Vec<&str> = found.iter().map(|&(l, a, b)| &lines[l][a..b]).collect();
        assert_eq!(names, ["四川省教育厅", "四川省财政厅", "四川省文化和旅游厅"]);
    }

    #[test]
    fn titles_name_their_issuers() {
        let t = "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知";
        let got: Vec<&str> = from_title(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["国务院办公厅", "中央军委办公厅"]);
        let t = "四川省教育厅等六部门关于印发《方案》的通知";
        let got: Vec<&str> = from_title(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["四川省教育厅"]);
        let t = "国务院办公厅转发民政部关于清理整顿社会团体意见的通知";
        let got: Vec<&str> = from_title(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["国务院办公厅"]);
        assert!(from_title("关于发布温州市瓯越教育人才培养第二轮行动计划的通知").is_empty());
    }

    #[test]
    fn reports_and_red_headers() {
        let lines =
            ["政府工作报告", "各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。"];
        let ((l, a, b), bare) = reporting_government(&lines).unwrap();
        assert_eq!((&lines[l][a..b], bare), ("省人民政府", true));
        let lines = ["某市质量检测站文件", "某站[2025]（通知）ZJ08号"];
        let (l, a, b) = red_header(&lines).unwrap();
        assert_eq!(&lines[l][a..b], "某市质量检测站");
    }
}
