//! structure: here is the cleaned text, give me its heading tree, items, task tables and owners.
//!
//! Lines are read in order. Each line is cut into *segments* at numbering
//! markers: the one that opens the line, and markers inside the line that
//! follow a sentence end (or a heading title) and continue their family's
//! numbering — documents converted by sharing sites lost their line breaks
//! (`…不够强。二、“十四五”发展思路(一)机遇挑战未来五年,…`). A segment opened
//! by a heading family (`第一章`, `第一节`, `一、`, `(一)`) is a heading whose
//! title is the part's name; one opened by an item family (`1.`, `(1)`, `①`)
//! is an item, which is also a heading when it opens with a short title
//! sentence (`1. 学校课程领导力提升项目。健全…`). Depth is the depth in the tree
//! (the order of families is canonical, so a document that starts at `(一)`
//! has `(一)` at its top, and `第四节` before `第五章` is still below it).
//! Flattened task tables and .docx tables are read into rows; owners come from
//! the rows and from the items' own text.

pub mod indicator;
pub mod markers;
pub mod owners;
pub mod table;

use std::collections::HashMap;

use crate::clean::Cleaned;
use crate::deadline::Deadline;
use crate::model::{Item, ItemKind, Section, Span, Table, TableRow};
use crate::textutil::is_sentence_end;
use indicator::{
    indicator_column, indicator_header, is_value_cell, name_and_unit, IndicatorCell,
    IndicatorColumn, YearFrom,
};
use markers::{appendix_line, inline_candidates, marker_at_start, Family, Marker};
use table::{header_column, is_header_row, is_task_header, Column};

/// What the target stage needs to know about an item beyond the wire type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemInfo {
    /// Titles of the sections above the item, outermost first.
    pub path: Vec<String>,
    /// The period of a table row (`3月`).
    pub month: Option<String>,
    /// Byte span of the item's text in the cleaned text.
    pub bstart: usize,
    pub bend: usize,
    /// For a later work cell of a table row (`具体目标` after `重点任务`): the
    /// index of the row's first item, which names the work.
    pub row_work: Option<usize>,
}

/// The structure of one document.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    /// Parallel to `items`.
    pub info: Vec<ItemInfo>,
    /// The values of indicator tables, in document order.
    pub indicators: Vec<IndicatorCell>,
}

impl Structure {
    /// Every owning unit named in the document, sorted, each once.
    pub fn all_units(&self) -> Vec<String> {
        let mut units: Vec<String> = self
            .items
            .iter()
            .flat_map(|i| i.owners.iter().cloned())
            .chain(
                self.tables
                    .iter()
                    .flat_map(|t| t.rows.iter().flat_map(|r| r.owners.iter().cloned())),
            )
            .collect();
        units.sort();
        units.dedup();
        units
    }

    /// Titles from the root down to `section` (an id such as `s3`).
    pub fn path_of(&self, section: Option<&str>) -> Vec<String> {
        let mut path = Vec::new();
        let mut cur = section.and_then(|id| self.section_index(id));
        while let Some(i) = cur {
            path.push(self.sections[i].title.clone());
            cur = self.sections[i].parent.as_deref().and_then(|p| self.section_index(p));
        }
        path.reverse();
        path
    }

    fn section_index(&self, id: &str) -> Option<usize> {
        id.strip_prefix('s').and_then(|n| n.parse::<usize>().ok()).map(|n| n - 1)
    }
}

/// The structure of a cleaned document. Stops early, with the parts read so
/// far, once `deadline` is up (it is looked at for each line and each inline
/// marker; the pipeline then reports the document as timed out).
pub fn analyze(cleaned: &Cleaned, deadline: &Deadline) -> Structure {
    let mut b = Builder::new(cleaned, deadline);
    b.run();
    b.out
}

/// Byte/char positions inside the cleaned text.
#[derive(Debug, Clone, Copy)]
struct Pos {
    byte: usize,
    char: usize,
}

struct Builder<'a> {
    c: &'a Cleaned,
    deadline: &'a Deadline,
    out: Structure,
    /// Open sections (indices), outermost first.
    stack: Vec<usize>,
    families: Vec<Family>,
    /// Last number seen per family under the current parents.
    last_num: HashMap<Family, u32>,
    /// The rank of un-numbered part headings, fixed by the first one seen.
    unnumbered: Option<i16>,
}

impl<'a> Builder<'a> {
    fn new(c: &'a Cleaned, deadline: &'a Deadline) -> Self {
        Builder {
            c,
            deadline,
            out: Structure::default(),
            stack: Vec::new(),
            families: Vec::new(),
            last_num: HashMap::new(),
            unnumbered: None,
        }
    }

    fn run(&mut self) {
        let n = self.c.lines.len();
        let mut i = 0;
        while i < n {
            if self.deadline.tick() {
                return;
            }
            let line = &self.c.lines[i];
            if let Some(cell) = line.cell {
                i = self.docx_table(cell.table, i);
                continue;
            }
            let text = self.c.line_text(i);
            if let Some(next) = self.flattened_indicators(i) {
                i = next;
                continue;
            }
            if let Some(next) = self.flattened_table(i) {
                i = next;
                continue;
            }
            if text.starts_with("附件") && appendix_line(text).is_some() {
                i = self.appendix(i);
                continue;
            }
            if text.chars().count() < 200
                && owners::is_owner_line(text)
                && !self.out.items.is_empty()
            {
                let units = owners::owners_in(text);
                let last = self.out.items.last_mut().unwrap();
                for u in units {
                    if !last.owners.contains(&u) {
                        last.owners.push(u);
                    }
                }
                i += 1;
                continue;
            }
            self.line(i);
            i += 1;
        }
    }

    fn line_pos(&self, i: usize) -> (Pos, &'a str) {
        let l = &self.c.lines[i];
        (Pos { byte: l.bstart, char: l.start }, &self.c.text[l.bstart..l.bend])
    }

    /// One ordinary line: cut into segments at accepted markers.
    fn line(&mut self, i: usize) {
        let (base, text) = self.line_pos(i);
        let level_hint = self.c.lines[i].heading_level;
        let start_marker = marker_at_start(text);
        if start_marker.is_none() && level_hint.is_none() && self.is_unnumbered_heading(i) {
            // Ranked once, when first seen: at the top before any part is open,
            // else just below the open part it stands in (`三、2026年工作安排`
            // then `主要预期目标`), above the next numbered family.
            let rank = *self.unnumbered.get_or_insert_with(|| match self.stack.last() {
                Some(&top) => self.families[top].rank() as i16 + 5,
                None => -500,
            });
            let m = Marker {
                family: Family::Unnumbered(rank),
                text: String::new(),
                number: None,
                len: 0,
            };
            let title = text.trim().to_string();
            let end = base.char + text.chars().count();
            self.open_section(&m, title, Span::new(base.char, end));
            self.last_num.retain(|f, _| f.rank() < rank as i32);
            return;
        }
        let mut cuts: Vec<(usize, Option<Marker>)> = vec![(0, start_marker.clone())];
        // Inline markers are accepted in order, each against the numbering state
        // as it would be after the segments before it.
        let candidates = inline_candidates(text);
        let mut state = if candidates.is_empty() { HashMap::new() } else { self.last_num.clone() };
        if let (Some(m), false) = (&start_marker, candidates.is_empty()) {
            self.advance(&mut state, m);
        }
        let mut heading_end: Option<usize> = None;
        if let Some(m) = &start_marker {
            if m.family.is_heading_family() {
                heading_end = Some(byte_after_chars(text, m.len));
            }
        }
        for (at, m) in candidates {
            if self.deadline.tick() {
                return;
            }
            if at < cuts.last().unwrap().0 + 1 {
                continue;
            }
            if start_marker.as_ref().is_some_and(|s| at < byte_after_chars(text, s.len)) {
                continue;
            }
            if !self.continues(&state, &m) {
                continue;
            }
            let before = &text[..at];
            let after_sentence = before
                .trim_end_matches(['”', '"', '’', '」', ')', '）', ' '])
                .chars()
                .last()
                .is_some_and(is_sentence_end);
            let first_of_family = m.number == Some(1) && !state.contains_key(&m.family);
            let after_heading = m.number == Some(1)
                && heading_end.is_some_and(|h| {
                    let gap = &text[h..at];
                    gap.chars().take(41).count() <= 40 && !gap.contains(['，', ',', '。'])
                });
            let after_bracket = first_of_family
                && matches!(before.chars().last(), Some(')' | '）' | '”'))
                && m.family.is_heading_family();
            if !(after_sentence || after_heading || after_bracket) {
                continue;
            }
            self.advance(&mut state, &m);
            if m.family.is_heading_family() {
                heading_end = Some(at + m.text.len());
            }
            cuts.push((at, Some(m)));
        }
        // Chars before each cut, counted from the cut before (not from the line's start).
        let (mut counted_to, mut chars_before) = (0usize, 0usize);
        for (k, (at, marker)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map(|c| c.0).unwrap_or(text.len());
            chars_before += text[counted_to..*at].chars().count();
            counted_to = *at;
            let seg = &text[*at..end];
            if seg.trim().is_empty() {
                continue;
            }
            let pos = Pos { byte: base.byte + at, char: base.char + chars_before };
            let inline = *at > 0;
            match marker {
                Some(m) => self.segment(pos, seg, m, inline),
                None => match level_hint {
                    Some(l) => {
                        let m = Marker {
                            family: Family::Style(l),
                            text: String::new(),
                            number: None,
                            len: 0,
                        };
                        self.segment(pos, seg, &m, false)
                    }
                    None => self.paragraph(pos, seg, None),
                },
            }
        }
    }

    /// A part's name on a line of its own, without a marker (`2025年工作回顾`,
    /// `2026年重点工作`, `“十五五”时期主要目标任务`): short, no sentence or clause
    /// punctuation, ending in a word that names a part, between lines of running
    /// text (not one of a run of short lines: a table's cells, a signature).
    fn is_unnumbered_heading(&self, i: usize) -> bool {
        const PART_FINAL: &[&str] = &["工作", "展望", "要点", "部署", "总结"];
        let text = self.c.line_text(i).trim();
        let n = text.chars().count();
        if i == 0 || !(4..=24).contains(&n) || self.c.lines[i].cell.is_some() {
            return false;
        }
        // (`1.4 工作原则` is numbered, in a family of its own: not this.)
        if text.contains(['，', ',', '。', '；', ';', '：', ':', '！', '？', '（', '(', '〔', '《'])
            || text.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', '．'])
            || !text.chars().any(crate::textutil::is_han)
        {
            return false;
        }
        if !HEADING_FINAL.iter().chain(PART_FINAL).any(|w| text.ends_with(w)) {
            return false;
        }
        // Running text after it (a paragraph or a numbered line), and the line
        // before it is no short line of the same kind.
        let running = |k: usize| {
            self.c.lines.get(k).is_some_and(|l| l.cell.is_none()) && {
                let t = self.c.line_text(k).trim();
                t.chars().count() > 30 || marker_at_start(t).is_some()
            }
        };
        running(i + 1) && (running(i - 1) || self.c.line_text(i - 1).trim().ends_with(['。', '；']))
    }

    /// Whether marker `m` continues its family's numbering in `state`.
    fn continues(&self, state: &HashMap<Family, u32>, m: &Marker) -> bool {
        let Some(n) = m.number else { return false };
        match state.get(&m.family) {
            // A family whose state was reset by a higher heading restarts at 1.
            Some(&last) => n == last + 1,
            None => n == 1,
        }
    }

    /// Records `m` in a numbering state: its number, and deeper families reset.
    fn advance(&self, state: &mut HashMap<Family, u32>, m: &Marker) {
        let rank = m.family.rank();
        state.retain(|f, _| f.rank() <= rank);
        if let Some(n) = m.number {
            state.insert(m.family, n);
        } else {
            let next = state.get(&m.family).map_or(1, |n| n + 1);
            state.insert(m.family, next);
        }
    }

    /// A segment opened by a marker.
    fn segment(&mut self, pos: Pos, seg: &str, m: &Marker, inline: bool) {
        let mut state = std::mem::take(&mut self.last_num);
        self.advance(&mut state, m);
        self.last_num = state;
        let body_at = byte_after_chars(seg, m.len);
        let rest = &seg[body_at..];
        if m.family.is_heading_family() {
            match heading_title(rest, inline, matches!(m.family, Family::Style(_))) {
                Some(t) => {
                    let title = rest[..t].trim().trim_end_matches(['。', '：', ':']).to_string();
                    let end_char = pos.char + seg[..body_at + t].chars().count();
                    let sid = self.open_section(m, title, Span::new(pos.char, end_char));
                    let mut body = body_at + t;
                    body += seg[body..].len()
                        - seg[body..].trim_start_matches(['。', '：', ':', ' ']).len();
                    if body < seg.len() {
                        let bpos = Pos {
                            byte: pos.byte + body,
                            char: pos.char + seg[..body].chars().count(),
                        };
                        self.paragraph(bpos, &seg[body..], None);
                    }
                    let _ = sid;
                }
                None => {
                    self.close_to(m.family);
                    self.numbered(pos, seg, m, None);
                }
            }
            return;
        }
        // An item; with a title sentence it also opens a part (an article
        // states a rule: its first sentence is not the name of a part).
        let title = if m.family == Family::Article { None } else { item_title(rest) };
        match title {
            Some(t) => {
                let title = rest[..t].trim().to_string();
                let end_char = pos.char + seg[..body_at + t].chars().count();
                self.open_section(m, title.clone(), Span::new(pos.char, end_char));
                self.numbered(pos, seg, m, Some(title));
            }
            None => {
                self.close_to(m.family);
                self.numbered(pos, seg, m, None);
            }
        }
    }

    /// Pops the open sections at or below `f`'s rank.
    fn close_to(&mut self, f: Family) {
        while let Some(&top) = self.stack.last() {
            if self.families[top].rank() >= f.rank() {
                self.stack.pop();
            } else {
                break;
            }
        }
    }

    fn open_section(&mut self, m: &Marker, title: String, span: Span) -> String {
        if m.family == Family::Appendix {
            self.stack.clear();
        } else {
            self.close_to(m.family);
        }
        let id = format!("s{}", self.out.sections.len() + 1);
        let parent = self.stack.last().map(|&p| self.out.sections[p].id.clone());
        self.out.sections.push(Section {
            id: id.clone(),
            level: (self.stack.len() + 1) as u8,
            family: m.family.name().to_string(),
            marker: m.text.clone(),
            number: m.number,
            title,
            parent,
            span,
        });
        self.families.push(m.family);
        self.stack.push(self.out.sections.len() - 1);
        id
    }

    fn current_section(&self) -> Option<String> {
        self.stack.last().map(|&i| self.out.sections[i].id.clone())
    }

    fn push_item(
        &mut self,
        kind: ItemKind,
        pos: Pos,
        seg: &str,
        marker: Option<&Marker>,
        title: Option<String>,
        month: Option<String>,
    ) -> usize {
        let text = seg.trim_end().to_string();
        let n = text.chars().count();
        let section = self.current_section();
        let path = self.out.path_of(section.as_deref());
        let owners = owners::owners_in(&text);
        self.out.items.push(Item {
            id: format!("i{}", self.out.items.len() + 1),
            kind,
            section,
            marker: marker.map(|m| m.text.clone()),
            number: marker.and_then(|m| m.number),
            title,
            text,
            owners,
            span: Span::new(pos.char, pos.char + n),
        });
        self.out.info.push(ItemInfo {
            path,
            month,
            bstart: pos.byte,
            bend: pos.byte + seg.trim_end().len(),
            row_work: None,
        });
        self.out.items.len() - 1
    }

    fn numbered(&mut self, pos: Pos, seg: &str, m: &Marker, title: Option<String>) {
        self.push_item(ItemKind::Numbered, pos, seg, Some(m), title, None);
    }

    fn paragraph(&mut self, pos: Pos, seg: &str, month: Option<String>) {
        self.push_item(ItemKind::Paragraph, pos, seg, None, None, month);
    }

    /// `附件1` alone on a line: an appendix whose title is the next line.
    fn appendix(&mut self, i: usize) -> usize {
        let (pos, text) = self.line_pos(i);
        let number = appendix_line(text).filter(|&n| n > 0);
        let m = Marker { family: Family::Appendix, text: text.trim().to_string(), number, len: 0 };
        let mut next = i + 1;
        let mut title = text.trim().to_string();
        let mut end = pos.char + text.chars().count();
        if let Some(t) = self.c.lines.get(i + 1) {
            let tt = self.c.line_text(i + 1);
            if t.cell.is_none()
                && marker_at_start(tt).is_none()
                && tt.chars().count() <= 60
                && !tt.contains('。')
            {
                title = tt.trim().to_string();
                end = t.end;
                next = i + 2;
            }
        }
        self.open_section(&m, title, Span::new(pos.char, end));
        self.last_num.clear();
        next
    }

    /// A task table flattened into lines, starting at line `i` with its header.
    fn flattened_table(&mut self, i: usize) -> Option<usize> {
        let mut cols = Vec::new();
        let mut j = i;
        while j < self.c.lines.len() && cols.len() < 6 {
            match header_column(self.c.line_text(j)) {
                Some(c) => cols.push(c),
                None => break,
            }
            j += 1;
        }
        if cols.len() < 2 || !is_task_header(&cols) {
            return None;
        }
        let lines: Vec<&str> = (0..self.c.lines.len()).map(|k| self.c.line_text(k)).collect();
        let stop = |l: &str| {
            appendix_line(l).is_some()
                || l.starts_with("附件")
                || marker_at_start(l).is_some_and(|m| m.family.is_heading_family())
                || l.chars().count() > 200
        };
        let (rows, end) = table::read_flattened(&lines, j, stop);
        if rows.is_empty() {
            return None;
        }
        let columns: Vec<String> = (i..j).map(|k| lines[k].trim().to_string()).collect();
        let table_id = format!("t{}", self.out.tables.len() + 1);
        let mut out_rows = Vec::new();
        for r in rows {
            let (pos, text) = self.line_pos(r.work_line);
            let idx = self.push_item(ItemKind::TableRow, pos, text, None, None, r.month.clone());
            let item = &mut self.out.items[idx];
            for o in &r.owners {
                if !item.owners.contains(o) {
                    item.owners.push(o.clone());
                }
            }
            let mut cells = Vec::new();
            if let Some(m) = &r.month {
                cells.push(m.clone());
            }
            cells.push(text.trim().to_string());
            cells.push(r.owners.join("、"));
            out_rows.push(TableRow {
                month: r.month,
                work: text.trim().to_string(),
                owners: r.owners,
                owners_carried: r.owners_carried,
                cells,
                item: item.id.clone(),
                span: item.span,
            });
        }
        let span = Span::new(self.c.lines[i].start, self.c.lines[end - 1].end);
        self.out.tables.push(Table {
            id: table_id,
            section: self.current_section(),
            title: self.stack.last().map(|&s| self.out.sections[s].title.clone()),
            columns,
            rows: out_rows,
            span,
        });
        Some(end)
    }

    /// An indicator table flattened into lines, one cell a line, starting at line
    /// `i` with its header: rows are read while each group of lines fits the columns.
    fn flattened_indicators(&mut self, i: usize) -> Option<usize> {
        const MAX_COLUMNS: usize = 10;
        // Cheap first test: most lines are no header cell.
        indicator_column(self.c.line_text(i))?;
        let n = (i..self.c.lines.len().min(i + MAX_COLUMNS))
            .take_while(|&k| {
                self.c.lines[k].cell.is_none() && indicator_column(self.c.line_text(k)).is_some()
            })
            .count();
        // The longest run of header lines that makes a header (a value column may
        // be followed by the first row's name, which is no header cell anyway).
        let cols = (2..=n).rev().find_map(|m| {
            let cells: Vec<&str> = (i..i + m).map(|k| self.c.line_text(k)).collect();
            indicator_header(&cells)
        })?;
        let width = cols.len();
        let header: Vec<String> =
            (i..i + width).map(|k| self.c.line_text(k).trim().to_string()).collect();
        let mut rows = Vec::new();
        let mut at = i + width;
        while at + width <= self.c.lines.len() {
            let fits = cols.iter().enumerate().all(|(k, col)| {
                let line = at + k;
                let text = self.c.line_text(line).trim();
                self.c.lines[line].cell.is_none()
                    && marker_at_start(text).is_none_or(|m| !m.family.is_heading_family())
                    && text.chars().count() <= 60
                    && match col {
                        IndicatorColumn::Name => !text.is_empty() && !is_value_cell(text),
                        IndicatorColumn::Value { .. } => is_value_cell(text),
                        IndicatorColumn::Year => crate::time::year_in_cell(text).is_some(),
                        _ => true,
                    }
            });
            if !fits {
                break;
            }
            rows.push((0..width).map(|k| Some((at + k, false))).collect());
            at += width;
        }
        if rows.is_empty() {
            return None;
        }
        self.indicator_rows(&cols, header, rows, i, at);
        Some(at)
    }

    /// The rows of an indicator table (each cell's line, and whether it was merged
    /// from the row above), lines `first..end`: an item per row, named by its
    /// indicator, a value per value cell.
    fn indicator_rows(
        &mut self,
        cols: &[IndicatorColumn],
        header: Vec<String>,
        rows: Vec<Vec<Option<(usize, bool)>>>,
        first: usize,
        end: usize,
    ) {
        let table_id = format!("t{}", self.out.tables.len() + 1);
        let mut out_rows = Vec::new();
        let col = |want: IndicatorColumn| cols.iter().position(|&c| c == want);
        let (name_col, year_col, unit_col, owner_col) = (
            col(IndicatorColumn::Name),
            col(IndicatorColumn::Year),
            col(IndicatorColumn::Unit),
            col(IndicatorColumn::Owner),
        );
        for row in rows {
            let cell = |k: Option<usize>| k.and_then(|k| row.get(k).copied().flatten());
            let text_of = |l: usize| self.c.line_text(l).trim();
            let Some((name_line, _)) = cell(name_col) else { continue };
            let name = text_of(name_line).to_string();
            if name.is_empty() {
                continue;
            }
            let (subject, mut unit) = name_and_unit(&name);
            if unit.is_none() {
                unit = cell(unit_col)
                    .map(|(l, _)| text_of(l).to_string())
                    .filter(|u| !u.is_empty() && u.chars().count() <= 6);
            }
            let row_year = cell(year_col).and_then(|(l, _)| crate::time::year_in_cell(text_of(l)));
            let owners =
                cell(owner_col).map(|(l, _)| owners::split_units(text_of(l))).unwrap_or_default();
            let (pos, _) = self.line_pos(name_line);
            let idx = self.push_item(ItemKind::TableRow, pos, &name, None, None, None);
            let item = &mut self.out.items[idx];
            for o in &owners {
                if !item.owners.contains(o) {
                    item.owners.push(o.clone());
                }
            }
            let (item_id, item_span) = (item.id.clone(), item.span);
            for (k, c) in cols.iter().enumerate() {
                let IndicatorColumn::Value { year, role } = *c else { continue };
                let Some((line, merged)) = cell(Some(k)) else { continue };
                let raw = self.c.line_text(line);
                let text = raw.trim();
                if merged || !text.chars().any(|ch| ch.is_ascii_digit()) || !is_value_cell(text) {
                    continue;
                }
                let lead = raw.len() - raw.trim_start().len();
                let l = &self.c.lines[line];
                self.out.indicators.push(IndicatorCell {
                    item: idx,
                    subject: subject.clone(),
                    unit: unit.clone(),
                    text: text.to_string(),
                    start: l.start + raw[..lead].chars().count(),
                    bstart: l.bstart + lead,
                    year: row_year
                        .map(|y| (y, YearFrom::Row))
                        .or(year.map(|y| (y, YearFrom::Column))),
                    role,
                });
            }
            out_rows.push(TableRow {
                month: None,
                work: name.clone(),
                owners,
                owners_carried: false,
                cells: row
                    .iter()
                    .map(|c| c.map(|(l, _)| text_of(l).to_string()).unwrap_or_default())
                    .collect(),
                item: item_id,
                span: item_span,
            });
        }
        let span = Span::new(self.c.lines[first].start, self.c.lines[end - 1].end);
        self.out.tables.push(Table {
            id: table_id,
            section: self.current_section(),
            title: self.stack.last().map(|&s| self.out.sections[s].title.clone()),
            columns: header,
            rows: out_rows,
            span,
        });
    }

    /// A .docx table: rows of cells, merges resolved. With a task header it gives
    /// rows with owners; with an indicator header, values; otherwise each row is
    /// an item of its cells.
    fn docx_table(&mut self, t: usize, first_line: usize) -> usize {
        let table = &self.c.tables[t];
        let mut end = first_line;
        while end < self.c.lines.len() && self.c.lines[end].cell.is_some_and(|c| c.table == t) {
            end += 1;
        }
        let header_texts: Vec<String> = table
            .rows
            .first()
            .map(|r| r.iter().map(|c| c.text.trim().to_string()).collect())
            .unwrap_or_default();
        if let Some(cols) = indicator_header(&header_texts) {
            let rows = table.rows[1..]
                .iter()
                .map(|r| {
                    (0..cols.len())
                        .map(|k| {
                            r.get(k).and_then(|c| {
                                c.line.map(|l| (l, c.merged_from_above || c.merged_from_left))
                            })
                        })
                        .collect()
                })
                .collect();
            self.indicator_rows(&cols, header_texts, rows, first_line, end);
            return end;
        }
        let header: Vec<Option<Column>> = table
            .rows
            .first()
            .map(|r| r.iter().map(|c| header_column(&c.text)).collect())
            .unwrap_or_default();
        let cols: Vec<Column> = header.iter().map(|c| c.unwrap_or(Column::Other)).collect();
        // A header: one it knows every cell of, or one that reads as a header
        // (`序号 / 项目名称 / 目标任务 / 牵头单位`). With a work and an owner
        // column it heads a task table.
        let header_row = header.iter().all(|c| c.is_some()) || is_header_row(&header_texts);
        let task = header_row && is_task_header(&cols);
        let cols_of = |want: Column| -> Vec<usize> {
            cols.iter().enumerate().filter(|&(_, &c)| c == want).map(|(k, _)| k).collect()
        };
        let period = cols.iter().position(|&c| c == Column::Period);
        // Every column that states the row's work (`重点任务`, `具体措施`,
        // `工作目标`): each of its cells is an item, the first the row's; the
        // lead units then the supporting ones own them all.
        let works = if header_row { cols_of(Column::Work) } else { Vec::new() };
        let owner_cols = cols_of(Column::Owner);
        // A header that names a work column (a task table's, or `序号 / 项目名称 /
        // 建设内容 / 完成时间`): those columns hold each row's work, owners or not.
        let named_work = !works.is_empty();
        let mut out_rows = Vec::new();
        let body_rows = if named_work { 1 } else { 0 };
        for (r, row) in table.rows.iter().enumerate().skip(body_rows) {
            // A header of two rows (`责任单位` over `牵头单位 / 配合单位`): its
            // second row holds only labels, merged cells and blanks.
            if r == 1
                && named_work
                && row.iter().all(|c| {
                    c.merged_from_above
                        || c.text.trim().is_empty()
                        || header_column(&c.text).is_some()
                })
            {
                continue;
            }
            let Some(first) = row.iter().find_map(|c| {
                if c.merged_from_above || c.merged_from_left {
                    None
                } else {
                    c.line
                }
            }) else {
                continue;
            };
            // A work cell merged with the one above was the row above's item.
            let mut lines: Vec<usize> = works
                .iter()
                .filter_map(|&w| row.get(w))
                .filter(|c| {
                    !c.merged_from_above && !c.merged_from_left && !c.text.trim().is_empty()
                })
                .filter_map(|c| c.line)
                .collect();
            if lines.is_empty() {
                lines.push(first);
            }
            let month =
                period.and_then(|p| row.get(p)).map(|c| c.text.clone()).filter(|s| !s.is_empty());
            let mut owners: Vec<String> = owner_cols
                .iter()
                .filter_map(|&o| row.get(o))
                .flat_map(|c| owners::split_units(&c.text))
                .collect();
            crate::textutil::dedup_keep_first(&mut owners);
            let carried =
                owner_cols.first().and_then(|&o| row.get(o)).is_some_and(|c| c.merged_from_above);
            let mut row_first: Option<usize> = None;
            for &l in &lines {
                let (pos, text) = self.line_pos(l);
                let idx = self.push_item(ItemKind::TableRow, pos, text, None, None, month.clone());
                self.out.info[idx].row_work = row_first;
                row_first.get_or_insert(idx);
                let item = &mut self.out.items[idx];
                for o in &owners {
                    if !item.owners.contains(o) {
                        item.owners.push(o.clone());
                    }
                }
            }
            // The row's first item stands for it.
            let first = &self.out.items[row_first.expect("a row has at least one line")];
            out_rows.push(TableRow {
                month,
                work: first.text.trim().to_string(),
                owners,
                owners_carried: carried,
                cells: row.iter().map(|c| c.text.clone()).collect(),
                item: first.id.clone(),
                span: first.span,
            });
        }
        let columns =
            if task { table.rows[0].iter().map(|c| c.text.clone()).collect() } else { Vec::new() };
        let span = Span::new(self.c.lines[first_line].start, self.c.lines[end - 1].end);
        self.out.tables.push(Table {
            id: format!("t{}", self.out.tables.len() + 1),
            section: self.current_section(),
            title: self.stack.last().map(|&s| self.out.sections[s].title.clone()),
            columns,
            rows: out_rows,
            span,
        });
        end
    }
}

fn byte_after_chars(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(b, _)| b).unwrap_or(s.len())
}

/// Words that end the name of a part when a heading runs into its body.
const HEADING_FINAL: &[&str] = &[
    "回顾", "思路", "挑战", "思想", "目标", "任务", "措施", "保障", "行动", "工程", "计划", "要求",
    "原则", "意义", "背景", "基础", "形势", "现状", "成效", "举措", "机制", "体系", "定位", "方向",
    "重点", "领导", "分工", "步骤", "安排", "项目",
];

/// The byte length of a heading's title within `rest` (the text after the marker),
/// or `None` when the line states work rather than naming a part.
fn heading_title(rest: &str, inline: bool, styled: bool) -> Option<usize> {
    let chars = rest.chars().count();
    let first_end = rest.find(['。', '；', '！', '？', ';']);
    if styled || (first_end.is_none() && chars <= 60 && !inline) {
        return Some(rest.len());
    }
    if let Some(e) = first_end {
        let first = &rest[..e];
        if first.chars().count() <= 40 && !first.contains(['，', ',']) {
            return Some(e);
        }
    }
    if inline && first_end.is_none() && chars <= 40 && !rest.contains(['，', ',']) {
        return Some(rest.len());
    }
    // A title running into its body: end after the first heading-final word
    // (and any closing quotes) within the first 30 characters.
    let window: usize = rest.char_indices().nth(30).map(|(b, _)| b).unwrap_or(rest.len());
    let mut best: Option<usize> = None;
    for w in HEADING_FINAL {
        if let Some(p) = rest[..window].find(w) {
            let e = p + w.len();
            if rest[..p].chars().count() >= 2 && best.is_none_or(|b| e < b) {
                best = Some(e);
            }
        }
    }
    if let Some(mut e) = best {
        // `成效回顾`: a heading-final word right after another extends the title.
        while let Some(w) = HEADING_FINAL.iter().find(|w| rest[e..].starts_with(*w)) {
            e += w.len();
        }
        while let Some(c) = rest[e..].chars().next() {
            if matches!(c, '”' | '’' | '」' | '』' | '"') {
                e += c.len_utf8();
            } else {
                break;
            }
        }
        return Some(e);
    }
    if inline {
        // Up to the first comma, as a last resort.
        let e = rest.find(['，', ',', '。']).unwrap_or(rest.len());
        if rest[..e].chars().count() <= 30 {
            return Some(e);
        }
    }
    None
}

/// An item's opening title sentence (`学校课程领导力提升项目。健全…`): short, no
/// commas, followed by more text. Returns the byte length of the title.
fn item_title(rest: &str) -> Option<usize> {
    let e = rest.find('。')?;
    let first = &rest[..e];
    let after = rest[e + '。'.len_utf8()..].trim();
    // A sentence with a quantity in it states work (`实施100所重点建设初中提升行动。`).
    let names_a_part = !first.contains(['，', ',', '；', ';', '：', ':'])
        && !first.chars().any(|c| c.is_ascii_digit());
    if first.chars().count() <= 40 && names_a_part && !after.is_empty() {
        Some(e)
    } else {
        None
    }
}
