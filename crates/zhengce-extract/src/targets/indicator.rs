//! indicator: here is a value of an indicator table, give me its target.
//!
//! The row names what is counted and, in brackets, the unit
//! (`居民人均预期寿命（岁）`); the cell holds the number with at most a comparator
//! (`≥95`, `6左右`, `〔18〕` for a sum over the period); the column or the row
//! says the year, and whether the value is where the plan starts (`基期值`,
//! a year before the plan's period: an achievement) or where it is to arrive
//! (`目标值`, a year of the period: a target). A name that ends in a change
//! word (`地区生产总值增长`, `近视率下降`) gives the change and the action, and
//! loses the word from its subject, as in running text.

use crate::model::{Span, Target, TargetKind, YearSource};
use crate::numbers::{parse_arabic, scale_factor};
use crate::structure::indicator::{IndicatorCell, ValueRole, YearFrom};

use super::scan;

/// What the document says about time, for values whose column says only a year.
pub struct DocTime {
    pub plan_start: Option<i32>,
    pub plan_end: Option<i32>,
    pub title_year: Option<i32>,
}

/// Change words an indicator's name may end in: (word, change, action).
const CHANGES: &[(&str, &str, &str)] = &[
    ("年均增长", "increase", "增长"),
    ("增长", "increase", "增长"),
    ("提高", "increase", "提高"),
    ("提升", "increase", "提升"),
    ("增加", "increase", "增加"),
    ("下降", "decrease", "下降"),
    ("降低", "decrease", "降低"),
    ("减少", "decrease", "减少"),
];

/// The target of one value; `id` is left empty for the caller.
pub fn target_of(
    cell: &IndicatorCell,
    item_id: &str,
    owners: &[String],
    section: &[String],
    time: &DocTime,
) -> Option<Target> {
    let squeezed: String = cell.text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut core = squeezed.as_str();
    let mut comparator: Option<&'static str> = None;
    const PREFIXES: &[(&str, &str)] = &[
        ("≥", ">="),
        ("不低于", ">="),
        ("不少于", ">="),
        ("＞", ">"),
        (">", ">"),
        ("超过", ">"),
        ("大于", ">"),
        ("高于", ">"),
        ("≤", "<="),
        ("＜", "<="),
        ("<", "<="),
        ("不高于", "<="),
        ("不超过", "<="),
        ("小于", "<="),
        ("低于", "<="),
    ];
    for (p, c) in PREFIXES {
        if let Some(rest) = core.strip_prefix(p) {
            core = rest;
            comparator = Some(c);
            break;
        }
    }
    for (s, c) in scan::COMPARATORS_AFTER {
        if let Some(rest) = core.strip_suffix(s) {
            core = rest;
            comparator = comparator.or(Some(c));
            break;
        }
    }
    // `〔18〕`, `[18]`: a sum over the period, written in brackets.
    let core =
        core.trim_matches(['〔', '〕', '[', ']', '［', '］', '【', '】', '(', ')', '（', '）']);
    let has_unit =
        core.chars().last().is_some_and(|c| !c.is_ascii_digit() && !"万亿千百".contains(c));
    let written = match (&cell.unit, has_unit) {
        (Some(u), false) => format!("{core}{u}"),
        _ => core.to_string(),
    };
    let chars: Vec<char> = written.chars().collect();
    let q = scan::scan(&chars).into_iter().find(|q| q.num_start == 0);
    let (value, value_max, unit, q_cmp) = match q {
        Some(q) => (q.value, q.value_max, q.unit, q.comparator),
        None => {
            // A unit the scanner does not know (`岁`, `‰`): the number, its scale, the unit as written.
            let digits_end =
                core.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(core.len());
            let mut value = parse_arabic(&core[..digits_end])?;
            let mut rest = &core[digits_end..];
            if let Some(f) = rest.chars().next().and_then(|c| scale_factor(&c.to_string())) {
                value *= f;
                rest = &rest[rest.chars().next().unwrap().len_utf8()..];
            }
            let unit = if rest.is_empty() {
                cell.unit.clone().unwrap_or_default()
            } else {
                rest.to_string()
            };
            (value, None, unit, None)
        }
    };
    let (subject, change, action) = match CHANGES.iter().find(|(w, _, _)| cell.subject.ends_with(w))
    {
        Some((w, c, a)) if cell.subject.len() > w.len() => (
            cell.subject[..cell.subject.len() - w.len()].to_string(),
            Some(c.to_string()),
            Some(a.to_string()),
        ),
        _ => (cell.subject.clone(), None, None),
    };
    let year = cell.year.map(|(y, _)| y).or(time.plan_end).or(time.title_year);
    let year_source = match cell.year {
        Some((_, YearFrom::Row)) => Some(YearSource::Sentence),
        Some((_, YearFrom::Column)) => Some(YearSource::Heading),
        None if time.plan_end.is_some() => Some(YearSource::Period),
        None if time.title_year.is_some() => Some(YearSource::Title),
        None => None,
    };
    let kind = match cell.role {
        ValueRole::Baseline => TargetKind::Achievement,
        ValueRole::Target => TargetKind::Target,
        ValueRole::Year => {
            let start = time.plan_start.or(time.title_year);
            match (cell.year, start) {
                (Some((y, _)), Some(s)) if y < s => TargetKind::Achievement,
                _ => TargetKind::Target,
            }
        }
    };
    let n = cell.text.chars().count();
    Some(Target {
        id: String::new(),
        kind,
        quote: cell.text.clone(),
        sentence: format!("{} {}", cell_name(cell), cell.text),
        value,
        value_max,
        unit,
        comparator: comparator.or(q_cmp).unwrap_or("=").to_string(),
        change,
        each: false,
        subject,
        action,
        year,
        year_source,
        owners: owners.to_vec(),
        section: section.to_vec(),
        item: Some(item_id.to_string()),
        span: Span::new(cell.start, cell.start + n),
    })
}

fn cell_name(cell: &IndicatorCell) -> String {
    match &cell.unit {
        Some(u) => format!("{}（{}）", cell.subject, u),
        None => cell.subject.clone(),
    }
}
