//! content: here is a flattened page, which lines are the document?
//!
//! In: [`Flat`] and the titles the page states elsewhere. Out: [`Layout`], the
//! fate of every line (kept, or dropped with its kind), the metadata fields
//! found outside the body, and which tables are data tables.
//!
//! The method is general, not a list of portals:
//! 1. a table whose cells are 信息公开 labels and values is the metadata
//!    block: its fields are read, its lines dropped as `metadata_block`;
//! 2. every other text line weighs its characters outside links; lines that
//!    are mostly links weigh nothing, lines without sentence punctuation or a
//!    structure marker (menus, footers, bylines) a quarter;
//! 3. the document is the deepest block holding [`SHARE`] of the page's
//!    weight, so the body's container wins over the page around it;
//! 4. the page's title line standing just before that block (a heading in
//!    its own cell or `div`) is taken in with the few lines between;
//! 5. inside the block, runs of three or more link lines (related articles)
//!    are chrome.
//!
//! A page whose text has no sentence at all outside links is not a document.

use super::dom::{Flat, LineKind};
use super::pagemeta;
use crate::model::DropKind;

/// The share of the page's weight the document's block holds.
const SHARE: f64 = 0.8;

/// What becomes of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    Keep,
    Drop(DropKind),
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub fates: Vec<Fate>,
    pub fields: Vec<(String, String)>,
    /// Tables (indices into `Flat::tables`) read as `RawTable`s.
    pub data_tables: Vec<usize>,
}

fn is_sentence(text: &str) -> bool {
    text.contains(['，', '。', '；', ',', ';'])
        || crate::structure::markers::marker_at_start(text).is_some()
}

fn is_linky(chars: usize, link_chars: usize) -> bool {
    link_chars * 2 > chars
}

/// Finds the document; `None` when the page holds no document text.
pub(crate) fn find(flat: &Flat, titles: &[String]) -> Option<Layout> {
    let n = flat.lines.len();
    let mut fates = vec![Fate::Drop(DropKind::PageChrome); n];
    let mut fields = Vec::new();
    for (i, l) in flat.lines.iter().enumerate() {
        match l.kind {
            LineKind::Script => fates[i] = Fate::Drop(DropKind::Script),
            LineKind::Style => fates[i] = Fate::Drop(DropKind::Style),
            LineKind::Template => fates[i] = Fate::Drop(DropKind::Template),
            LineKind::Text => {}
        }
    }
    // 1. Metadata tables.
    let mut meta_line = vec![false; n];
    for t in 0..flat.tables.len() {
        if let Some(f) = pagemeta::table_fields(flat, t) {
            let e = &flat.elems[flat.tables[t].elem];
            for m in &mut meta_line[e.first_line..e.end_line] {
                *m = true;
            }
            fields.extend(f);
        }
    }
    // 2. Weights, as prefix sums over lines (an element's lines are a range).
    let mut prefix = vec![0u64; n + 1];
    let mut full = vec![false; n];
    for (i, l) in flat.lines.iter().enumerate() {
        let mut w = 0;
        if l.kind == LineKind::Text && !meta_line[i] && !is_linky(l.chars, l.link_chars) {
            let own = (l.chars - l.link_chars) as u64;
            full[i] = is_sentence(&l.text);
            w = if full[i] { own * 4 } else { own };
        }
        prefix[i + 1] = prefix[i] + w;
    }
    let total = prefix[n];
    if !(0..n).any(|i| full[i]) {
        return None;
    }
    // 3. Descend to the deepest block holding SHARE of the weight.
    let weight = |e: usize| prefix[flat.elems[e].end_line] - prefix[flat.elems[e].first_line];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.elems.len()];
    for (i, e) in flat.elems.iter().enumerate() {
        if let Some(p) = e.parent {
            children[p].push(i);
        }
    }
    let need = (total as f64 * SHARE).ceil() as u64;
    let mut c = 0usize;
    while let Some(&next) = children[c].iter().find(|&&k| weight(k) >= need.max(1)) {
        c = next;
    }
    let (first, end) = (flat.elems[c].first_line, flat.elems[c].end_line);
    for i in first..end {
        if flat.lines[i].kind == LineKind::Text && !meta_line[i] {
            fates[i] = Fate::Keep;
        }
    }
    // 4. The title line before the block.
    let title_in_block = flat.lines[first..end.min(first + 6)]
        .iter()
        .any(|l| titles.iter().any(|t| is_title_part(&l.text, t)));
    if !title_in_block {
        let found = (first.saturating_sub(15)..first).rev().find(|&i| {
            let l = &flat.lines[i];
            l.kind == LineKind::Text
                && !meta_line[i]
                && (titles.iter().any(|t| is_title_part(&l.text, t))
                    || (titles.is_empty() && is_heading_elem(&flat.elems[l.elem].tag)))
        });
        if let Some(t) = found {
            for i in t..first {
                let l = &flat.lines[i];
                if l.kind == LineKind::Text && !meta_line[i] && !is_linky(l.chars, l.link_chars) {
                    fates[i] = Fate::Keep;
                }
            }
        }
    }
    // 5. Link lists inside the block.
    let mut i = first;
    while i < end {
        let run_end = (i..end)
            .find(|&j| {
                let l = &flat.lines[j];
                !(l.kind == LineKind::Text && is_linky(l.chars, l.link_chars))
            })
            .unwrap_or(end);
        if run_end - i >= 3 {
            for f in &mut fates[i..run_end] {
                *f = Fate::Drop(DropKind::PageChrome);
            }
        }
        i = run_end.max(i + 1);
    }
    // Metadata lines: the table's, and `label：value` lines outside the body.
    for i in 0..n {
        let l = &flat.lines[i];
        if meta_line[i] && l.kind == LineKind::Text {
            fates[i] = Fate::Drop(DropKind::MetadataBlock);
        } else if fates[i] == Fate::Drop(DropKind::PageChrome) && l.kind == LineKind::Text {
            if let Some(f) = pagemeta::line_field(&l.text) {
                fields.push(f);
                fates[i] = Fate::Drop(DropKind::MetadataBlock);
            }
        }
    }
    let data_tables = data_tables(flat, &fates, &meta_line);
    Some(Layout { fates, fields, data_tables })
}

fn is_heading_elem(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3")
}

/// The line is the title or a piece of it (a title broken over two lines).
fn is_title_part(line: &str, title: &str) -> bool {
    let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    !l.is_empty() && (l == t || (l.chars().count() >= 6 && t.contains(&l)))
}

/// Kept tables with at least two rows and two columns, no table inside them
/// and short cells: their cells are data. Other tables are layout and read
/// as lines.
fn data_tables(flat: &Flat, fates: &[Fate], meta_line: &[bool]) -> Vec<usize> {
    let mut nested = vec![false; flat.tables.len()];
    for t in &flat.tables {
        let mut p = flat.elems[t.elem].parent;
        while let Some(e) = p {
            if let Some(outer) = flat.elems[e].table {
                nested[outer] = true;
                break;
            }
            p = flat.elems[e].parent;
        }
    }
    let mut out = Vec::new();
    for (ti, t) in flat.tables.iter().enumerate() {
        let e = &flat.elems[t.elem];
        if nested[ti] || e.first_line == e.end_line {
            continue;
        }
        let lines = e.first_line..e.end_line;
        if lines.clone().any(|i| meta_line[i] || fates[i] != Fate::Keep) {
            continue;
        }
        let cols = t
            .rows
            .iter()
            .map(|r| r.iter().map(|&c| flat.elems[c].colspan).sum::<usize>())
            .max()
            .unwrap_or(0);
        let short = t.rows.iter().flatten().all(|&c| {
            let ce = &flat.elems[c];
            flat.lines[ce.first_line..ce.end_line].iter().map(|l| l.chars).sum::<usize>() <= 1000
        });
        if t.rows.len() >= 2 && cols >= 2 && short {
            out.push(ti);
        }
    }
    out
}
