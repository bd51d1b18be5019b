//! table: here are lines (or .docx table cells), give me task-table rows `{month, work, owners}`.
//!
//! A task table flattened into lines (seed 000's `工作行事历`) reads: a header
//! (`月份 / 工作内容 / 牵头单位`), then a period line (`3月`), then work lines
//! each followed by its lead unit, the unit left out where the cell was merged
//! with the one above. A work line with no unit after it takes the unit of the
//! row above (`owners_carried`). A .docx table with such a header is read the
//! same way from its cells, merges already resolved by the reader.

use std::sync::LazyLock;

use regex::Regex;

use super::owners::{is_unit_name, split_units, OWNER_LABELS};

/// Which column a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Period,
    Work,
    Owner,
    Other,
}

pub fn header_column(cell: &str) -> Option<Column> {
    // Header cells are short; most lines are not, and are rejected before any copy.
    if cell.len() > 40 {
        return None;
    }
    let c: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    // `2025年目标`, `2025年度工作任务`: the year the column is for, then its label.
    let c = without_year(&c);
    const PERIOD: &[&str] = &[
        "月份",
        "时间",
        "时间安排",
        "完成时间",
        "时间节点",
        "进度安排",
        "日期",
        "月",
        "完成时限",
        "时限",
    ];
    const WORK: &[&str] = &[
        "工作内容",
        "工作任务",
        "主要任务",
        "任务",
        "内容",
        "重点工作",
        "工作事项",
        "主要内容",
        "具体任务",
        "工作要点",
        "重点任务",
        "任务内容",
        "工作举措",
        "具体措施",
        "目标任务",
        "任务目标",
        "建设内容",
        "建设任务",
        "实施内容",
        "项目内容",
        "主要工作",
        "工作措施",
        "主要措施",
        "具体内容",
        "任务举措",
        // What the work is to reach: its figures.
        "目标",
        "工作目标",
        "具体目标",
        "年度目标",
        "主要目标",
        "预期目标",
        "量化目标",
        "目标要求",
        "完成目标",
        "具体举措",
        "主要举措",
    ];
    const OTHER: &[&str] = &["序号", "备注", "项目名称", "项目", "事项"];
    if PERIOD.contains(&c) {
        Some(Column::Period)
    } else if WORK.contains(&c) {
        Some(Column::Work)
    } else if is_owner_header(c) {
        Some(Column::Owner)
    } else if OTHER.contains(&c) {
        Some(Column::Other)
    } else {
        None
    }
}

/// An owner column's header: a role of [`OWNER_LABELS`], also with what it
/// names in brackets (`牵头处室(单位)`, `牵头处（室）`).
fn is_owner_header(c: &str) -> bool {
    let plain = match c.find(['(', '（']) {
        Some(b) if c.ends_with([')', '）']) => {
            let inner = c[b..].trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
            // `牵头处(室)`: the bracket completes the word.
            if inner.chars().count() == 1 {
                format!("{}{inner}", &c[..b])
            } else {
                c[..b].to_string()
            }
        }
        _ => c.to_string(),
    };
    OWNER_LABELS.contains(&plain.as_str())
}

/// True when the header cells make a task table (a work and an owner column).
pub fn is_task_header(cols: &[Column]) -> bool {
    cols.contains(&Column::Work) && cols.contains(&Column::Owner)
}

/// True when a table's first row reads as a header: every cell a short label
/// without figures (`序号`, `项目名称`, `牵头单位`), whether or not
/// [`header_column`] knows it.
pub fn is_header_row<S: AsRef<str>>(cells: &[S]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.as_ref().trim();
            c.chars().count() <= 12 && !without_year(c).chars().any(|ch| ch.is_ascii_digit())
        })
}

/// A label without the year it opens with (`2025年目标` → `目标`, `2025年度…`).
fn without_year(label: &str) -> &str {
    let b = label.as_bytes();
    let year = b.len() > 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2..4].iter().all(u8::is_ascii_digit);
    match label.get(4..).and_then(|r| r.strip_prefix('年')).filter(|_| year) {
        Some(rest) => rest.strip_prefix('度').unwrap_or(rest),
        None => label,
    }
}

/// A period cell: `1-2月`, `3月`, `12月份`, `上半年`, `第一季度`, `全年`.
pub fn is_period(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,2}\s*(?:[-—–~至到]\s*\d{1,2}\s*)?月份?(?:上旬|中旬|下旬|底|前)?|全年|上半年|下半年|年底|年初|每月|每季度|第[一二三四]季度|[一二三四]季度|长期)$").unwrap()
    });
    RE.is_match(s.trim())
}

/// A unit line of a flattened table: every part a unit name.
pub fn is_unit_line(s: &str) -> bool {
    // The length first: most lines are prose, longer than any list of units.
    if s.len() > 40 * 4 || s.chars().count() > 40 {
        return false;
    }
    let parts = split_units(s);
    !parts.is_empty() && parts.iter().all(|p| is_unit_name(p))
}

/// One row read from lines: indices are into the slice of lines given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    pub month: Option<String>,
    pub work_line: usize,
    pub owners: Vec<String>,
    pub owners_carried: bool,
}

/// Reads rows of a flattened table from `lines[start..]`, stopping at the first
/// line `stop` says ends the table. Returns the rows and the index after the table.
pub fn read_flattened(
    lines: &[&str],
    start: usize,
    stop: impl Fn(&str) -> bool,
) -> (Vec<LineRow>, usize) {
    let mut rows: Vec<LineRow> = Vec::new();
    let mut month: Option<String> = None;
    let mut i = start;
    // Whether the last row already got its own unit line.
    let mut last_has_unit = true;
    while i < lines.len() {
        let l = lines[i].trim();
        if stop(l) {
            break;
        }
        if is_period(l) {
            close_row(&mut rows, last_has_unit);
            last_has_unit = true;
            month = Some(l.to_string());
        } else if is_unit_line(l) && !last_has_unit {
            let row = rows.last_mut().unwrap();
            row.owners = split_units(l);
            last_has_unit = true;
        } else if !l.is_empty() {
            close_row(&mut rows, last_has_unit);
            rows.push(LineRow {
                month: month.clone(),
                work_line: i,
                owners: vec![],
                owners_carried: false,
            });
            last_has_unit = false;
        }
        i += 1;
    }
    close_row(&mut rows, last_has_unit);
    (rows, i)
}

/// A row that got no unit line of its own takes the owners of the row above.
fn close_row(rows: &mut [LineRow], has_unit: bool) {
    if has_unit || rows.is_empty() {
        return;
    }
    let n = rows.len();
    if n >= 2 {
        let above = rows[n - 2].owners.clone();
        let row = &mut rows[n - 1];
        if row.owners.is_empty() && !above.is_empty() {
            row.owners = above;
            row.owners_carried = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_unit_cells_are_carried_down() {
        let lines = [
            "1-2月",
            "完成学术高中培育学校申报工作",
            "基教处",
            "确定省现代化学校创建名单",
            "督导处",
            "研制老年人智能技术应用培训方案",
            "3月",
            "制定普高特色学校申报培育方案",
            "基教处",
            "完善学校课后托管服务政策",
            "确定10所高品质幼儿园名单",
            "学前指导中心",
            "附件2",
        ];
        let (rows, end) = read_flattened(&lines, 0, |l| l.starts_with("附件"));
        assert_eq!(end, 12);
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.month.as_deref().unwrap(),
                    lines[r.work_line],
                    r.owners.join("、"),
                    r.owners_carried,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1-2月", "完成学术高中培育学校申报工作", "基教处".to_string(), false),
                ("1-2月", "确定省现代化学校创建名单", "督导处".to_string(), false),
                ("1-2月", "研制老年人智能技术应用培训方案", "督导处".to_string(), true),
                ("3月", "制定普高特色学校申报培育方案", "基教处".to_string(), false),
                ("3月", "完善学校课后托管服务政策", "基教处".to_string(), true),
                ("3月", "确定10所高品质幼儿园名单", "学前指导中心".to_string(), false),
            ]
        );
    }

    #[test]
    fn periods() {
        for s in ["1-2月", "3月", "12月份", "上半年", "第一季度"] {
            assert!(is_period(s), "{s}");
        }
        assert!(!is_period("3月开展"));
    }
}
