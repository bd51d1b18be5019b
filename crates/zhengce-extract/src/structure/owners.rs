//! owners: here is an item's text, tell me which units the document makes responsible.
//!
//! Units are recognised by form (`…处`, `…院`, `…中心`, `…局`, `…室`, `…办`,
//! `…组`, `…委` …) and by the domain dictionary. Owners are read from labelled
//! lists (`牵头单位：…；责任单位：…`, also inside `〔…〕`/`（…）`), a trailing
//! `(教研院)`, `由X负责` and `X牵头`, split on `、，；` and spaces outside brackets.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::textutil::{dedup_keep_first, string_of, Words};

use regex::Regex;

use crate::segment::known_units;

static KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| known_units().collect());

const SUFFIXES: &[&str] = &[
    "处",
    "院",
    "中心",
    "局",
    "室",
    "办",
    "组",
    "委",
    "部",
    "科",
    "厅",
    "站",
    "馆",
    "政府",
    "委员会",
    "办公室",
    "联合会",
    "协会",
    "工会",
    "学会",
    "团委",
    "妇联",
    "法院",
    "检察院",
];

/// Verbs that open a work line; a line that starts with one is not a unit name.
const WORK_VERBS: &[&str] = &[
    "举办", "召开", "组织", "开展", "成立", "建立", "完成", "启动", "评选", "推进", "实施", "出台",
    "制定", "举行", "研制", "发布", "确定", "统计", "调研", "指导", "联动", "遴选", "打造", "编撰",
    "检查", "公布", "完善", "修改", "认定", "组建", "深化", "加强", "建设", "培育", "创建", "召集",
    "编制", "开设", "搭建", "选拔", "落实", "做好", "提升", "加快", "全面",
];

/// True when `s` has the form of an owning unit's name (`基教处`, `学前指导中心`, `区教育局`).
pub fn is_unit_name(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if !(2..=16).contains(&n) {
        return false;
    }
    if KNOWN.contains(s) {
        return true;
    }
    if s.chars().any(|c| c.is_ascii_digit() || "，,。；;：:“”\"《》！？%".contains(c)) {
        return false;
    }
    if WORK_VERBS.iter().any(|v| s.starts_with(v)) {
        return false;
    }
    n <= 12 && SUFFIXES.iter().any(|suf| s.ends_with(suf))
}

/// Splits a list of units on `、，,；;` and white space outside brackets.
pub fn split_units(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0; // byte offset where the current unit starts
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '〔' | '[' | '【' => depth += 1,
            ')' | '）' | '〕' | ']' | '】' => depth -= 1,
            _ => {}
        }
        let sep = matches!(c, '、' | '，' | ',' | '；' | ';') || c.is_whitespace();
        if sep && depth <= 0 {
            push_unit(&mut out, &s[start..i]);
            start = i + c.len_utf8();
        }
    }
    push_unit(&mut out, &s[start..]);
    dedup_keep_first(&mut out);
    out
}

fn push_unit(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_matches(|c| matches!(c, '等' | '。' | '.' | ':' | '：'));
    // `市教育局（牵头）`: the role after a unit is no part of its name.
    const ROLES: [&str; 8] =
        ["（牵头）", "(牵头)", "（配合）", "(配合)", "（负责）", "(负责)", "（主责）", "(主责)"];
    let s = match s.ends_with(['）', ')']) {
        true => ROLES.iter().find_map(|r| s.strip_suffix(r)).unwrap_or(s).trim_end(),
        false => s,
    };
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// The names of owning units' roles: labels before a list (`牵头单位：…`) and
/// the headers of a task table's owner columns, lead roles first.
pub const OWNER_LABELS: &[&str] = &[
    "牵头单位",
    "责任单位",
    "主要责任单位",
    "牵头部门",
    "责任部门",
    "责任处室",
    "牵头处室",
    "责任主体",
    "主责单位",
    "实施单位",
    "负责单位",
    "承办单位",
    "责任科室",
    "配合部门",
    "配合单位",
    "协办单位",
    "参与单位",
    "协作单位",
    "配合处室",
    "配合科室",
    "牵头科室",
    "协同单位",
    "协同部门",
    "协办部门",
    "参与部门",
];

static RE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // Longest first, so that `主要责任单位` is not read as `责任单位`.
    let mut labels = OWNER_LABELS.to_vec();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    Regex::new(&format!(r"(?:{})\s*[:：]\s*", labels.join("|"))).unwrap()
});

/// The values of the labelled lists in `text`: what follows each label up to the
/// next label, a sentence end or an unbalanced closing bracket.
fn labelled_values(text: &str) -> Vec<&str> {
    let labels: Vec<_> = RE_LABEL.find_iter(text).collect();
    labels
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let end = labels.get(k + 1).map_or(text.len(), |n| n.start());
            let v = &text[m.end()..end];
            let mut depth = 0i32;
            let mut cut = v.len();
            for (i, c) in v.char_indices() {
                match c {
                    '(' | '（' | '〔' | '[' | '【' => depth += 1,
                    ')' | '）' | '〕' | ']' | '】' if depth == 0 => {
                        cut = i;
                        break;
                    }
                    ')' | '）' | '〕' | ']' | '】' => depth -= 1,
                    '；' | ';' | '。' | '\n' if depth == 0 => {
                        cut = i;
                        break;
                    }
                    _ => {}
                }
            }
            &v[..cut]
        })
        .collect()
}

static RE_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"由([^，,。；;由]{2,40}?)(?:负责|牵头)").unwrap());

static RE_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([^，,。；;、\s（(]{2,14}?)牵头").unwrap());

/// `市财政局、市人社局配合`: supporting units before their verb, after a lead.
static RE_SUPPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([^，,。；;（(由：:]{2,60}?)(?:配合|协同|协助)(?:[）)，,。；;]|$)").unwrap()
});

static RE_TRAILING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（]([^()（）]{2,40})[)）]\s*[。.；;]?\s*$").unwrap());

/// Owners named in an item's text, in the order written.
pub fn owners_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Repeats are removed once, at the end (`dedup_keep_first`).
    // Cheap checks first: most items name no owner, and each of the ways
    // below needs one of these words (or a closing bracket at the end).
    let tail = text.trim_end().trim_end_matches(['。', '.', '；', ';']);
    static LABELS: LazyLock<Words> =
        LazyLock::new(|| Words::new(&["单位", "部门", "处室", "科室", "主体"]));
    static BY: LazyLock<Words> = LazyLock::new(|| Words::new(&["负责", "牵头"]));
    static SUPPORT: LazyLock<Words> = LazyLock::new(|| Words::new(&["配合", "协同", "协助"]));
    let labelled = LABELS.any_in(text);
    let by_word = BY.any_in(text);
    if !tail.ends_with([')', '）']) && !labelled && !by_word {
        return out;
    }
    if labelled {
        for v in labelled_values(text) {
            out.extend(split_units(v));
        }
    }
    let by = if by_word && text.contains('由') {
        RE_BY.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in by {
        let units = split_units(&c[1]);
        if !units.is_empty() && units.iter().all(|u| is_unit_name(u)) {
            out.extend(units);
        }
    }
    let lead =
        if text.contains("牵头") { RE_LEAD.captures_iter(text).collect() } else { Vec::new() };
    for c in lead {
        let m = c[1].trim_start_matches('由');
        // The unit is the tail of the stretch before 牵头.
        if let Some(u) = tail_unit(m) {
            out.push(u);
        }
    }
    // Supporting units named after a lead (`市教育局牵头，市财政局配合`).
    let support = if !out.is_empty() && SUPPORT.any_in(text) {
        RE_SUPPORT.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in support {
        let units = split_units(c[1].trim_start_matches(['，', ',', '、']));
        if !units.is_empty() && units.iter().all(|u| is_unit_name(u)) {
            out.extend(units);
        }
    }
    let trailing = if tail.ends_with([')', '）']) { RE_TRAILING.captures(text) } else { None };
    if let Some(c) = trailing {
        let units = split_units(&c[1]);
        if !units.is_empty() && units.iter().all(|u| is_unit_name(u)) {
            out.extend(units);
        }
    }
    dedup_keep_first(&mut out);
    out
}

/// The longest suffix of `s` that is a unit name.
fn tail_unit(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len().saturating_sub(1)).map(|i| string_of(&chars[i..])).find(|t| is_unit_name(t))
}

/// True for a line that is only a labelled owner list (`牵头单位：…；配合部门：…`),
/// which belongs to the item before it.
pub fn is_owner_line(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['〔', '（', '(', '[', '【']);
    if !(t.starts_with("牵头")
        || t.starts_with("责任")
        || t.starts_with("配合")
        || t.starts_with("主")
        || t.starts_with("协办")
        || t.starts_with("协同")
        || t.starts_with("参与")
        || t.starts_with("实施"))
    {
        return false;
    }
    if RE_LABEL.find(t).is_none_or(|m| m.start() != 0) {
        return false;
    }
    // Nothing but labels and their values: no sentence of work after them.
    let covered: usize = RE_LABEL.find_iter(t).map(|m| m.len()).sum::<usize>()
        + labelled_values(t).iter().map(|v| v.len()).sum::<usize>();
    let rest = t.len() - covered;
    rest <= 12 && !t.contains('。')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_by_form_and_dictionary() {
        for s in
            ["基教处", "学前指导中心", "区教育局", "教研院", "项目组", "市发改委", "县教育局办公室"]
        {
            assert!(is_unit_name(s), "{s}");
        }
        for s in [
            "召开年度大会",
            "举办人工智能教育研讨会",
            "组织处理",
            "2021年",
            "完成学术高中培育学校申报工作",
        ] {
            assert!(!is_unit_name(s), "{s}");
        }
    }

    #[test]
    fn labelled_lists_and_phrases() {
        assert_eq!(
            owners_in(
                "建设未来学校。〔牵头单位：市教育局；责任单位：各县（市、区）人民政府、市财政局〕"
            ),
            ["市教育局", "各县（市、区）人民政府", "市财政局"]
        );
        assert_eq!(owners_in("“五育”融合项目化学习模式研究(教研院)"), ["教研院"]);
        assert_eq!(owners_in("由区教育局负责整合力量"), ["区教育局"]);
        assert_eq!(owners_in("市教育局牵头,各地落实"), ["市教育局"]);
        // Supporting units after the lead, and a role after a unit's name.
        assert_eq!(
            owners_in("新增学位5000个。（市教育局牵头，市财政局、市自然资源和规划局配合）"),
            ["市教育局", "市财政局", "市自然资源和规划局"]
        );
        assert_eq!(
            owners_in("培训校长500人次。责任单位：市教育局（牵头）、市教师发展中心"),
            ["市教育局", "市教师发展中心"]
        );
        assert_eq!(
            owners_in("开展排查2次。〔牵头单位：市教育局；协同单位：市公安局〕"),
            ["市教育局", "市公安局"]
        );
        // Without a lead, `配合` names no owner (`各地配合`, `社会力量协同`).
        assert!(owners_in("加强宣传，各地配合做好工作。").is_empty());
        assert!(owners_in("温州市未来教育体系的构建与实践研究(省教科研重点课题)").is_empty());
    }

    #[test]
    fn owner_lines() {
        assert!(is_owner_line("牵头部门：市教育局 配合部门：市财政局"));
        assert!(is_owner_line("〔责任单位：基教处〕"));
        assert!(!is_owner_line("建立制度,牵头单位：基教处"));
    }
}
