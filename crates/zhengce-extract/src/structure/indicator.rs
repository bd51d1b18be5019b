//! indicator: here is a table's header (and its rows), tell me whether it is an
//! indicator table and which cells hold the values of which indicator, for which year.
//!
//! Plans put their headline goals in a table: one row an indicator
//! (`居民人均预期寿命（岁）`), one column each for a year or a role
//! (`2020年`, `2025年`, `基期值`, `目标值`), often a row year (`年份`), a unit
//! column (`单位`), an attribute (`属性`: 预期性/约束性) and a number (`序号`).
//! The header is recognised by the *kind* of each cell, not by whole titles:
//! exactly one column names the indicator, at least one holds values (a year,
//! or a word of role), and every other cell is a known companion column. Rows
//! are read from .docx/HTML tables (cells, merges resolved) and from tables
//! flattened into lines, one cell a line, as text copies of such pages have them.

use std::sync::LazyLock;

use regex::Regex;

use super::table::{header_column, Column};

/// What a value column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueRole {
    /// The level set for the column's year (`目标值`, `2025年目标`).
    Target,
    /// The level at the start of the plan (`基期值`, `2020年基数`, `现状值`).
    Baseline,
    /// A year alone (`2025年`): the document's period decides.
    Year,
}

/// The kind of an indicator table's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorColumn {
    /// The indicator's name (`指标`, `指标名称`, `主要指标`).
    Name,
    /// Values, with the year the header names.
    Value { year: Option<i32>, role: ValueRole },
    /// The row's year (`年份`, `目标年份`, `完成时限`).
    Year,
    /// The row's unit (`单位`, `计量单位`).
    Unit,
    /// The units responsible for the row.
    Owner,
    /// Number, attribute, category, remarks: read, not counted.
    Other,
}

/// Where a value's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFrom {
    /// The row's own year cell.
    Row,
    /// The column's header.
    Column,
}

/// One value of an indicator table, as written, with what its row and column say.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorCell {
    /// Index of the row's item in `Structure::items`.
    pub item: usize,
    /// The indicator's name without its bracketed unit.
    pub subject: String,
    /// The unit from the name's brackets or the unit column (`岁`, `%`, `万人`).
    pub unit: Option<String>,
    /// The cell as written (`79`, `6左右`, `≥95`, `〔18〕`).
    pub text: String,
    /// Char and byte offsets of `text` in the cleaned text.
    pub start: usize,
    pub bstart: usize,
    pub year: Option<(i32, YearFrom)>,
    pub role: ValueRole,
}

fn squeeze(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The kind of one header cell, or `None` when it is no column of an indicator table.
pub fn indicator_column(cell: &str) -> Option<IndicatorColumn> {
    if cell.len() > 60 {
        return None;
    }
    let c = squeeze(cell);
    const NAME: &[&str] = &[
        "指标",
        "指标名称",
        "主要指标",
        "具体指标",
        "指标内容",
        "指标项",
        "指标项目",
        "核心指标",
        "监测指标",
        "评价指标",
        "发展指标",
        "考核指标",
    ];
    const YEAR: &[&str] =
        &["年份", "目标年份", "完成年份", "年度", "完成年度", "完成时限", "时限", "完成时间"];
    const UNIT: &[&str] = &["单位", "计量单位", "指标单位"];
    const OTHER: &[&str] = &[
        "序号",
        "属性",
        "指标属性",
        "指标性质",
        "性质",
        "类别",
        "类型",
        "指标类型",
        "领域",
        "指标类别",
        "维度",
        "一级指标",
        "备注",
        "说明",
        "年均增长",
        "年均增速",
        "累计",
    ];
    if NAME.contains(&c.as_str()) || c == "二级指标" || c == "三级指标" {
        return Some(IndicatorColumn::Name);
    }
    if YEAR.contains(&c.as_str()) {
        return Some(IndicatorColumn::Year);
    }
    if UNIT.contains(&c.as_str()) {
        return Some(IndicatorColumn::Unit);
    }
    if OTHER.contains(&c.as_str()) {
        return Some(IndicatorColumn::Other);
    }
    if header_column(&c) == Some(Column::Owner) {
        return Some(IndicatorColumn::Owner);
    }
    // Value columns: a year, a role word, or both (`2025年`, `目标值`,
    // `2025年目标值`, `基期值（2020年）`), and nothing else.
    static VALUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:(?P<y1>(?:19|20)\d\d)年?(?:底|末)?)?",
            r"(?P<role>目标值?|预期值?|预期目标|规划目标|规划值|期末值?|末期值?",
            r"|基期值?|基数|基准值?|现状值?|现值|实际值?|完成值|起点值?)?",
            r"(?:[（(](?P<y2>(?:19|20)\d\d)年?[)）])?$"
        ))
        .unwrap()
    });
    let m = VALUE.captures(&c)?;
    let year = m.name("y1").or(m.name("y2")).and_then(|y| y.as_str().parse().ok());
    let role = match m.name("role").map(|r| r.as_str()) {
        None => ValueRole::Year,
        Some(r) if r.starts_with(['目', '预', '规', '期', '末']) => ValueRole::Target,
        Some(_) => ValueRole::Baseline,
    };
    if year.is_none() && role == ValueRole::Year {
        return None;
    }
    Some(IndicatorColumn::Value { year, role })
}

/// The columns of an indicator table's header, or `None` when the cells are not one:
/// exactly one name column, at least one value column, every cell known.
pub fn indicator_header<S: AsRef<str>>(cells: &[S]) -> Option<Vec<IndicatorColumn>> {
    let cols: Vec<IndicatorColumn> =
        cells.iter().map(|c| indicator_column(c.as_ref())).collect::<Option<_>>()?;
    let names = cols.iter().filter(|c| **c == IndicatorColumn::Name).count();
    let values = cols.iter().filter(|c| matches!(c, IndicatorColumn::Value { .. })).count();
    (names == 1 && values >= 1).then_some(cols)
}

/// An indicator's name split into its subject and the unit in its last brackets:
/// `居民人均预期寿命（岁）` → (`居民人均预期寿命`, `岁`).
pub fn name_and_unit(name: &str) -> (String, Option<String>) {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.+?)\s*[(（]([^()（）]{1,8})[)）]\s*$").unwrap());
    let name = name.trim();
    match RE.captures(name) {
        Some(c) => {
            let unit = c[2].trim().to_string();
            // `（含技工院校）` is a scope, not a unit: units hold no more than a few chars.
            if unit.chars().count() <= 5 && !unit.contains('含') {
                return (c[1].trim().to_string(), Some(unit));
            }
            (name.to_string(), None)
        }
        None => (name.to_string(), None),
    }
}

/// Whether a body cell can hold an indicator's value: a number with at most a
/// comparator, a scale, a unit or brackets around it (`6左右`, `≥95%`, `〔18〕`,
/// `1.2万`), or a placeholder (`—`, `/`, empty).
pub fn is_value_cell(cell: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:[≥≤＞＜><]|不低于|不少于|不高于|不超过|大于|小于|超过|低于|高于)?",
            r"[〔\[［【(（]?\d+(?:\.\d+)?(?:[-—–~～至]\d+(?:\.\d+)?)?[〕\]］】)）]?",
            r"[万亿千百]?[^\d]{0,4}$"
        ))
        .unwrap()
    });
    let c = squeeze(cell);
    c.is_empty()
        || matches!(c.as_str(), "—" | "-" | "——" | "/" | "－" | "–" | "无")
        || RE.is_match(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorColumn::*;

    #[test]
    fn headers_by_the_kind_of_each_cell() {
        assert_eq!(
            indicator_header(&["指标", "目标值", "年份", "属性"]),
            Some(vec![Name, Value { year: None, role: ValueRole::Target }, Year, Other])
        );
        assert_eq!(
            indicator_header(&["类别", "序号", "指标名称", "2020年", "2025年", "属性"]),
            Some(vec![
                Other,
                Other,
                Name,
                Value { year: Some(2020), role: ValueRole::Year },
                Value { year: Some(2025), role: ValueRole::Year },
                Other
            ])
        );
        assert_eq!(
            indicator_header(&["主要指标", "单位", "基期值（2023年）", "2027年目标值"]),
            Some(vec![
                Name,
                Unit,
                Value { year: Some(2023), role: ValueRole::Baseline },
                Value { year: Some(2027), role: ValueRole::Target }
            ])
        );
        // A task table, a table of names, a sentence: not indicator tables.
        assert_eq!(indicator_header(&["序号", "重点任务", "牵头单位"]), None);
        assert_eq!(indicator_header(&["指标", "说明"]), None);
        assert_eq!(indicator_header(&["到2025年目标任务全面完成的指标"]), None);
        // A name with a role word in it is no value column.
        assert_eq!(indicator_column("居民人均预期寿命（岁）"), None);
        assert_eq!(
            indicator_column("2025"),
            Some(Value { year: Some(2025), role: ValueRole::Year })
        );
    }

    #[test]
    fn names_lose_their_unit() {
        assert_eq!(
            name_and_unit("居民人均预期寿命（岁）"),
            ("居民人均预期寿命".into(), Some("岁".into()))
        );
        assert_eq!(
            name_and_unit("地区生产总值增长(%)"),
            ("地区生产总值增长".into(), Some("%".into()))
        );
        assert_eq!(name_and_unit("城镇新增就业"), ("城镇新增就业".into(), None));
        assert_eq!(
            name_and_unit("职业院校在校生（含技工院校）"),
            ("职业院校在校生（含技工院校）".into(), None)
        );
    }

    #[test]
    fn value_cells() {
        for ok in ["79", "6左右", "≥95", "〔18〕", "1.2万", "90%", "—", "", "5-6", ">90"] {
            assert!(is_value_cell(ok), "{ok}");
        }
        for no in ["居民人均预期寿命（岁）", "预期性", "持续提升", "2026年底前完成全部改造任务"]
        {
            assert!(!is_value_cell(no), "{no}");
        }
    }
}
