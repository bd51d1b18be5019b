//! tsv: here are the lines of a text file, give me the tables written in it
//! with tabs, as [`RawTable`]s.
//!
//! A table copied out of a browser, a spreadsheet or Word into plain text
//! keeps its rows as lines and its cells separated by tabs (`序号\t项目名称\t
//! 目标任务\t牵头单位`). Read as paragraphs, a row becomes one line of
//! prose whose cells run together (`2 老旧小区改造 完成老旧小区改造12个`),
//! and the lead-unit column is lost to the owner rules. Read as a table, the
//! text reader hands on what the .docx and HTML readers hand on for a table,
//! so a task table gives the same rows and owners whatever the format.
//!
//! A table is a run of two consecutive lines or more that each hold a tab, whose first two lines have the same number of cells (prose with a
//! stray tab does not), and that has three columns or more, or two under a
//! header row (`阶段\t时间`). A line of two cells whose first is only a list
//! marker (`一、\t总体要求`, `（一）\t指导思想`: a tab after the marker) is a
//! heading or an item, not a row. Rows with fewer cells are padded with empty
//! ones; an empty cell stays empty (a merge is not guessed: the task-table
//! reader carries a lead unit down itself).

use crate::raw::{RawCell, RawTable};
use crate::structure::markers::marker_at_start;
use crate::structure::table::is_header_row;

/// A line of the text and where it starts (in characters of the source text).
pub struct Line<'a> {
    pub start: usize,
    pub text: &'a str,
}

/// What a run of lines is: prose lines, or a table over `lines[first..end]`.
#[derive(Debug, PartialEq, Eq)]
pub enum Run {
    Para(usize),
    Table { first: usize, end: usize },
}

/// The lines of a text, each a paragraph or part of a table, in order: every
/// line index is in exactly one run.
pub fn runs(lines: &[Line]) -> Vec<Run> {
    let tabbed = |i: usize| {
        // Most lines have no tab: nothing else is looked at for them.
        lines.get(i).is_some_and(|l| {
            l.text.contains('\t') && {
                let mut cells = l.text.split('\t');
                let first = cells.next().unwrap_or_default().trim();
                let two = cells.count() == 1;
                !(two && marker_at_start(first).is_some_and(|m| m.len >= first.chars().count()))
            }
        })
    };
    let opens_table = |i: usize| {
        let header: Vec<&str> = lines[i].text.split('\t').collect();
        header.len() == lines[i + 1].text.split('\t').count()
            && (header.len() >= 3 || is_header_row(&header))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if tabbed(i) && tabbed(i + 1) && opens_table(i) {
            let mut end = i + 2;
            while tabbed(end) {
                end += 1;
            }
            out.push(Run::Table { first: i, end });
            i = end;
        } else {
            out.push(Run::Para(i));
            i += 1;
        }
    }
    out
}

/// The table over `lines`: a row a line, a cell between tabs, each cell's
/// text trimmed of spaces and its `start` where that text starts.
pub fn table(lines: &[Line]) -> RawTable {
    let mut rows: Vec<Vec<RawCell>> = lines
        .iter()
        .map(|line| {
            let mut at = line.start;
            line.text
                .split('\t')
                .map(|raw| {
                    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
                    let cell = RawCell::own(at + lead, raw.trim().to_string());
                    at += raw.chars().count() + 1;
                    cell
                })
                .collect()
        })
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for (row, line) in rows.iter_mut().zip(lines) {
        let end = line.start + line.text.chars().count();
        row.resize_with(width, || RawCell::own(end, String::new()));
    }
    RawTable { start: lines.first().map_or(0, |l| l.start), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        let mut start = 0;
        text.split('\n')
            .map(|t| {
                let l = Line { start, text: t };
                start += t.chars().count() + 1;
                l
            })
            .collect()
    }

    #[test]
    fn a_run_of_tabbed_lines_with_one_width_is_a_table() {
        let text = "附件\n序号\t项目\t牵头单位\n1\t新建幼儿园3所\t区教育局\n2\t改造小区12个\n说明";
        let ls = lines(text);
        assert_eq!(runs(&ls), [Run::Para(0), Run::Table { first: 1, end: 4 }, Run::Para(4)]);
        let t = table(&ls[1..4]);
        assert_eq!(t.rows.len(), 3);
        assert!(t.rows.iter().all(|r| r.len() == 3), "a short row is padded");
        let chars: Vec<char> = text.chars().collect();
        for cell in t.rows.iter().flatten().filter(|c| !c.text.is_empty()) {
            let n = cell.text.chars().count();
            let at: String = chars[cell.start..cell.start + n].iter().collect();
            assert_eq!(at, cell.text, "a cell's start is where its text is");
        }
        assert_eq!(t.rows[2][2].text, "");
    }

    #[test]
    fn prose_with_a_stray_tab_is_not_a_table() {
        let ls = lines("一、总体目标\t\n到2025年，新增学位2000个。\n全市\t覆盖率达到95%\t以上");
        assert!(runs(&ls).iter().all(|r| matches!(r, Run::Para(_))));
        let ls = lines("甲\t乙\n甲\t乙\t丙");
        assert!(runs(&ls).iter().all(|r| matches!(r, Run::Para(_))), "widths differ");
        let ls = lines("一、\t总体要求\n（一）\t指导思想\n（二）\t基本原则");
        assert!(runs(&ls).iter().all(|r| matches!(r, Run::Para(_))), "a tab after a marker");
        let ls = lines("到2025年\t新增学位2000个\n到2026年\t新增学位3000个");
        assert!(runs(&ls).iter().all(|r| matches!(r, Run::Para(_))), "two columns, no header");
        let ls = lines("序号\t任务\t牵头单位\n1.\t新建幼儿园3所\t区教育局\n2.\t新增学位\t区教育局");
        assert_eq!(runs(&ls), [Run::Table { first: 0, end: 3 }], "numbered rows of three cells");
        let ls = lines("阶段\t时间\n启动\t2022年");
        assert_eq!(runs(&ls), [Run::Table { first: 0, end: 2 }], "two columns under a header");
    }
}
