//! body: here is a stream of `document.xml` (or a header or footer), give me its paragraphs and tables as Word shows them.
//!
//! One pull loop over the part, matching local names, with small stacks for
//! what nests: paragraphs (a text box's paragraphs sit inside the paragraph
//! that anchors them), tables (tables nest in cells), containers (cell or
//! text box), fields, `mc:AlternateContent` choices and drawings. Nothing of
//! the part is kept but the text being built.
//!
//! Rendering choices (the structure stage reads the result as it reads a text file):
//! - each paragraph is one line of the source text, its automatic numbering
//!   marker prepended (see [`numbering`](super::numbering));
//! - `w:tab`/`w:ptab` → a tab; `w:br` (text wrapping) and `w:cr` → a new line
//!   within the paragraph; page and column breaks → nothing;
//!   `w:noBreakHyphen` → `-`; `w:softHyphen` → nothing; `w:sym` → its character;
//! - fields show their result (between `separate` and `end`, or the runs of a
//!   `w:fldSimple`), never their instruction; hidden runs (`w:vanish`) are left out;
//! - `mc:AlternateContent` takes exactly one branch (the first `mc:Choice`,
//!   else `mc:Fallback`), so a text box written twice is read once;
//! - a text box's paragraphs come right after the paragraph that anchors them;
//! - inserted (`w:ins`) and moved-to text is kept; deleted (`w:del`) and
//!   moved-from text is left out and reported in `dropped` with an empty span
//!   where it stood; comments are reported the same way where their range starts;
//! - a deleted paragraph mark (`w:del` in `w:pPr/w:rPr`) joins its paragraph
//!   to the next one in the same container, as accepting all changes does;
//! - a table is reported as a [`RawTable`] with `w:gridSpan` and `w:vMerge`
//!   resolved; in the source text each cell that is not a continuation or a
//!   covered column is one line, row by row (a cell's paragraphs joined by a
//!   space, its line breaks turned into spaces); grid columns a row skips
//!   (`w:gridBefore`) are empty cells that add no line;
//! - a table nested in a cell is read into that cell's text, in reading
//!   order, its cells joined by spaces.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use super::numbering::Numbering;
use super::styles::{outline_to_level, Styles};
use super::xml::{attr, on_off, Ev, PartXml};
use super::DocxError;
use crate::model::{DropKind, Dropped, Span};
use crate::raw::{Block, Para, RawCell, RawTable};

/// What the body gives: the source text and what was read from it.
#[derive(Debug, Default)]
pub struct BodyOut {
    pub source_text: String,
    /// Length of `source_text` in characters.
    pub chars: usize,
    pub blocks: Vec<Block>,
    pub dropped: Vec<Dropped>,
    pub warnings: Vec<String>,
}

/// What the body needs from the other parts.
pub struct Context<'c> {
    pub styles: &'c Styles,
    pub numbering: &'c mut Numbering,
    /// Comment id → comment text.
    pub comments: &'c HashMap<String, String>,
}

/// Something left out at a place in a paragraph.
#[derive(Debug, Clone)]
enum Mark {
    Deleted(String),
    Comment(String),
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct ParaState {
    text: String,
    chars: usize,
    p_style: Option<String>,
    outline_lvl: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    marks: Vec<(usize, Mark)>,
    /// The paragraph mark is a tracked deletion (`w:del` in `w:pPr/w:rPr`):
    /// accepting the changes joins this paragraph to the next.
    mark_deleted: bool,
    /// Paragraphs of text boxes anchored in this one, in order.
    anchored: Vec<Finished>,
    /// The run state of the enclosing paragraph, restored at the end.
    saved: Saved,
}

/// A paragraph read to its end, marker included.
#[derive(Debug, Clone)]
struct Finished {
    text: String,
    heading_level: Option<u8>,
    /// Char offsets in `text`.
    marks: Vec<(usize, Mark)>,
}

impl Finished {
    /// This paragraph and the next as one, as accepting a deleted paragraph mark does.
    fn join(mut self, next: Finished) -> Finished {
        let shift = self.text.chars().count();
        self.text.push_str(&next.text);
        self.marks.extend(next.marks.into_iter().map(|(o, m)| (o + shift, m)));
        Finished { text: self.text, heading_level: next.heading_level, marks: self.marks }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct CellBuild {
    paras: Vec<Finished>,
    span: usize,
    vmerge: VMerge,
}

impl CellBuild {
    fn new() -> Self {
        CellBuild { paras: Vec::new(), span: 1, vmerge: VMerge::None }
    }

    /// The cell's text on one line, and its marks.
    fn joined(&self) -> (String, Vec<(usize, Mark)>) {
        let mut text = String::new();
        let mut chars = 0usize;
        let mut marks = Vec::new();
        for p in &self.paras {
            if p.text.is_empty() && p.marks.is_empty() {
                continue;
            }
            if !text.is_empty() && !p.text.is_empty() {
                text.push(' ');
                chars += 1;
            }
            marks.extend(p.marks.iter().map(|(o, m)| (chars + o, m.clone())));
            for c in p.text.chars() {
                text.push(if c == '\n' { ' ' } else { c });
            }
            chars += p.text.chars().count();
        }
        (text, marks)
    }
}

#[derive(Debug, Default)]
struct TableState {
    rows: Vec<Vec<CellBuild>>,
    /// Per row: grid columns left empty before its first cell (`w:gridBefore`).
    before: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Cell,
    TextBox,
}

/// The pull loop's state.
struct Reader<'c, 'x> {
    ctx: &'x mut Context<'c>,
    out: BodyOut,
    paras: Vec<ParaState>,
    tables: Vec<TableState>,
    containers: Vec<Container>,
    /// One entry per open field: whether it reached its result (`separate`).
    fields: Vec<bool>,
    /// One entry per open `mc:AlternateContent`: whether a branch was taken.
    alternates: Vec<bool>,
    /// One entry per open drawing (`true`: its text is not read) or text box (`false`).
    drawings: Vec<bool>,
    /// Depth of `w:del`/`w:moveFrom`.
    deleted: usize,
    deleted_text: String,
    in_run: usize,
    in_ppr: usize,
    in_text: bool,
    hidden_run: bool,
    seen_comments: HashSet<String>,
    /// Marks met outside any paragraph, given to the next block.
    loose_marks: Vec<Mark>,
    /// A paragraph whose mark was deleted, waiting for the next one to join,
    /// with the container depth it stood at.
    joining: Option<(Finished, usize)>,
}

/// Run state of the paragraph that a text box interrupts.
#[derive(Debug, Default)]
struct Saved {
    in_run: usize,
    in_ppr: usize,
    in_text: bool,
    hidden_run: bool,
}

/// Reads a body-like part (document, header, footer).
pub fn read<R: BufRead>(xml: &mut PartXml<R>, ctx: &mut Context<'_>) -> Result<BodyOut, DocxError> {
    let mut r = Reader {
        ctx,
        out: BodyOut::default(),
        paras: Vec::new(),
        tables: Vec::new(),
        containers: Vec::new(),
        fields: Vec::new(),
        alternates: Vec::new(),
        drawings: Vec::new(),
        deleted: 0,
        deleted_text: String::new(),
        in_run: 0,
        in_ppr: 0,
        in_text: false,
        hidden_run: false,
        seen_comments: HashSet::new(),
        loose_marks: Vec::new(),
        joining: None,
    };
    let mut buf = Vec::with_capacity(4096);
    // Elements skipped whole are read into a second buffer, the first still
    // holding the start tag.
    let mut skip = Vec::new();
    loop {
        match xml.next(&mut buf)? {
            Ev::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if r.alternate_start(name, xml, &mut skip)? {
                    continue;
                }
                if r.in_drawing() {
                    match name {
                        "txbxContent" => {
                            r.drawings.push(false);
                            r.containers.push(Container::TextBox);
                        }
                        "drawing" | "pict" | "object" => r.drawings.push(true),
                        _ => {}
                    }
                    continue;
                }
                match name {
                    "p" => r.start_paragraph(),
                    "pPr" => r.in_ppr += 1,
                    "r" => {
                        r.in_run += 1;
                        r.hidden_run = false;
                    }
                    "t" => r.in_text = true,
                    "delText" => {
                        r.deleted += 1;
                        r.in_text = true;
                    }
                    "del" | "moveFrom" => {
                        r.deleted += 1;
                        if name == "del" {
                            r.paragraph_mark_deleted();
                        }
                    }
                    "tbl" => {
                        r.flush_joining();
                        r.tables.push(TableState::default());
                    }
                    "tr" => {
                        if let Some(t) = r.tables.last_mut() {
                            t.rows.push(Vec::new());
                            t.before.push(0);
                        }
                    }
                    "tc" => {
                        if let Some(row) = r.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(CellBuild::new());
                        }
                        r.containers.push(Container::Cell);
                    }
                    "txbxContent" => {
                        r.drawings.push(false);
                        r.containers.push(Container::TextBox);
                    }
                    "drawing" | "pict" | "object" => r.drawings.push(true),
                    // Old versions of properties, control properties, field
                    // instructions, ruby guides: nothing shown.
                    "pPrChange" | "rPrChange" | "tblPrChange" | "trPrChange" | "tcPrChange"
                    | "sectPrChange" | "numberingChange" | "tblGridChange" | "sdtPr"
                    | "sdtEndPr" | "instrText" | "delInstrText" | "rt" | "sectPr" => {
                        xml.skip_element(&mut skip)?;
                    }
                    _ => r.element(name, &e),
                }
            }
            Ev::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if r.in_drawing() {
                    continue;
                }
                match name {
                    // An empty paragraph or cell still counts.
                    "p" => {
                        r.start_paragraph();
                        r.end_paragraph();
                    }
                    "tc" => {
                        if let Some(row) = r.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(CellBuild::new());
                        }
                    }
                    _ => r.element(name, &e),
                }
            }
            Ev::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == "AlternateContent" {
                    r.alternates.pop();
                    continue;
                }
                if r.in_drawing() {
                    if matches!(name, "drawing" | "pict" | "object") {
                        r.drawings.pop();
                    }
                    continue;
                }
                match name {
                    "p" => r.end_paragraph(),
                    "pPr" => r.in_ppr = r.in_ppr.saturating_sub(1),
                    "r" => {
                        r.in_run = r.in_run.saturating_sub(1);
                        r.hidden_run = false;
                    }
                    "t" => r.in_text = false,
                    "delText" => {
                        r.in_text = false;
                        r.end_deleted();
                    }
                    "del" | "moveFrom" => r.end_deleted(),
                    "tc" => {
                        r.flush_joining();
                        r.containers.pop();
                    }
                    "tbl" => r.end_table(),
                    "txbxContent" => {
                        r.drawings.pop();
                        r.containers.pop();
                    }
                    _ => {}
                }
            }
            Ev::Text(t) => {
                if r.in_text {
                    r.push_text(&t);
                }
            }
            Ev::Eof => break,
            Ev::Other => {}
        }
    }
    if xml.unknown_entities > 0 {
        r.out.warnings.push(format!(
            "{}: {} unknown entity reference(s) left out",
            xml.part(),
            xml.unknown_entities
        ));
    }
    // Damaged files may end inside a paragraph; keep what was read.
    while !r.paras.is_empty() {
        r.end_paragraph();
    }
    r.flush_joining();
    Ok(r.out)
}

impl Reader<'_, '_> {
    fn in_drawing(&self) -> bool {
        self.drawings.last() == Some(&true)
    }

    /// Handles `mc:AlternateContent` and its branches; true when the event was consumed.
    fn alternate_start<R: BufRead>(
        &mut self,
        name: &str,
        xml: &mut PartXml<R>,
        buf: &mut Vec<u8>,
    ) -> Result<bool, DocxError> {
        match name {
            "AlternateContent" => {
                self.alternates.push(false);
                Ok(true)
            }
            "Choice" | "Fallback" if !self.alternates.is_empty() => {
                let taken = self.alternates.last_mut().expect("checked non-empty");
                if *taken {
                    xml.skip_element(buf)?;
                } else {
                    *taken = true;
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Elements that carry a property or a character, as start or empty tags.
    fn element(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) {
        if self.in_ppr > 0 && self.in_run == 0 {
            if name == "del" {
                self.paragraph_mark_deleted();
                return;
            }
            let Some(p) = self.paras.last_mut() else { return };
            match name {
                "pStyle" => p.p_style = attr(e, "val"),
                "outlineLvl" => p.outline_lvl = attr(e, "val").and_then(|v| v.parse().ok()),
                "numId" => p.num_id = attr(e, "val"),
                "ilvl" => p.ilvl = attr(e, "val").and_then(|v| v.parse().ok()),
                _ => {}
            }
            return;
        }
        match name {
            "tab" | "ptab" if self.in_run > 0 => self.push_text("\t"),
            "br" if !matches!(attr(e, "type").as_deref(), Some("page") | Some("column")) => {
                self.push_text("\n")
            }
            "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "sym" => {
                let font = attr(e, "font");
                if let Some(c) = attr(e, "char").and_then(|h| sym_char(&h, font.as_deref())) {
                    self.push_text(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            "vanish" if self.in_run > 0 => self.hidden_run = on_off(e),
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "commentRangeStart" | "commentReference" => {
                if let Some(id) = attr(e, "id") {
                    if self.seen_comments.insert(id.clone()) {
                        if let Some(text) = self.ctx.comments.get(&id) {
                            let text = text.clone();
                            self.mark(Mark::Comment(text));
                        }
                    }
                }
            }
            "gridBefore" => {
                let n = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0usize).min(64);
                if let Some(t) = self.tables.last_mut() {
                    // Only in a row's properties, before its first cell.
                    if t.rows.last().is_some_and(|row| row.is_empty()) {
                        if let Some(b) = t.before.last_mut() {
                            *b = n;
                        }
                    }
                }
            }
            "gridSpan" => {
                if let Some(cell) = self.current_cell() {
                    cell.span =
                        attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" => {
                let v = match attr(e, "val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
                if let Some(cell) = self.current_cell() {
                    cell.vmerge = v;
                }
            }
            _ => {}
        }
    }

    fn current_cell(&mut self) -> Option<&mut CellBuild> {
        if self.containers.last() != Some(&Container::Cell) {
            return None;
        }
        self.tables.last_mut()?.rows.last_mut()?.last_mut()
    }

    fn push_text(&mut self, s: &str) {
        if self.deleted > 0 {
            self.deleted_text.push_str(s);
            return;
        }
        if self.hidden_run || self.fields.iter().any(|&in_result| !in_result) {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
            p.chars += s.chars().count();
        }
    }

    fn mark(&mut self, m: Mark) {
        match self.paras.last_mut() {
            Some(p) => p.marks.push((p.chars, m)),
            None => self.loose_marks.push(m),
        }
    }

    fn start_paragraph(&mut self) {
        let saved = Saved {
            in_run: std::mem::take(&mut self.in_run),
            in_ppr: std::mem::take(&mut self.in_ppr),
            in_text: std::mem::take(&mut self.in_text),
            hidden_run: std::mem::take(&mut self.hidden_run),
        };
        self.paras.push(ParaState { saved, ..ParaState::default() });
    }

    /// A `w:del` met: inside a paragraph's properties it deletes the paragraph mark.
    fn paragraph_mark_deleted(&mut self) {
        if self.in_ppr > 0 && self.in_run == 0 {
            if let Some(p) = self.paras.last_mut() {
                p.mark_deleted = true;
            }
        }
    }

    /// A paragraph left waiting to be joined, placed as it is (the container ends).
    fn flush_joining(&mut self) {
        if let Some((f, _)) = self.joining.take() {
            self.place_now(f);
        }
    }

    fn end_deleted(&mut self) {
        self.deleted = self.deleted.saturating_sub(1);
        if self.deleted == 0 && !self.deleted_text.is_empty() {
            let text = std::mem::take(&mut self.deleted_text);
            self.mark(Mark::Deleted(text));
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.paras.pop() else { return };
        let saved = std::mem::take(&mut p.saved);
        self.in_run = saved.in_run;
        self.in_ppr = saved.in_ppr;
        self.in_text = saved.in_text;
        self.hidden_run = saved.hidden_run;
        let styles = self.ctx.styles;
        let style = styles.effective(p.p_style.as_deref());
        let heading_level = match p.outline_lvl {
            Some(lvl) => outline_to_level(lvl),
            None => style.and_then(|s| styles.heading_level(s)),
        };
        let list = match (&p.num_id, style) {
            (Some(num), _) => Some((num.clone(), p.ilvl)),
            (None, Some(s)) => styles.numbering(s).map(|(num, ilvl)| (num, p.ilvl.or(ilvl))),
            (None, None) => None,
        };
        let marker = list.and_then(|(num, ilvl)| {
            let ilvl = ilvl
                .or_else(|| style.and_then(|s| self.ctx.numbering.level_for_style(&num, s, styles)))
                .unwrap_or(0);
            self.ctx.numbering.next_marker(&num, ilvl, styles)
        });
        let prefix = marker.map(|m| m.prefix()).unwrap_or_default();
        let shift = prefix.chars().count();
        let mut text = prefix;
        text.push_str(&p.text);
        let finished = Finished {
            text,
            heading_level,
            marks: p.marks.into_iter().map(|(o, m)| (o + shift, m)).collect(),
        };
        self.place(finished, p.mark_deleted);
        for anchored in p.anchored {
            self.place(anchored, false);
        }
    }

    /// Joins a paragraph to the one before it whose mark was deleted, or holds
    /// it back when its own mark was deleted, then places it. The joined
    /// paragraph keeps the later paragraph's mark, hence its heading level.
    fn place(&mut self, f: Finished, mark_deleted: bool) {
        let depth = self.containers.len();
        let f = match self.joining.take() {
            Some((prev, d)) if d == depth => prev.join(f),
            Some((prev, _)) => {
                self.place_now(prev);
                f
            }
            None => f,
        };
        if mark_deleted {
            self.joining = Some((f, depth));
        } else {
            self.place_now(f);
        }
    }

    /// Puts a finished paragraph where it belongs: the open cell, the
    /// paragraph anchoring the open text box, or the body.
    fn place_now(&mut self, f: Finished) {
        match self.containers.last() {
            Some(Container::Cell) => {
                if let Some(cell) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    cell.paras.push(f);
                    return;
                }
            }
            Some(Container::TextBox) => {
                if let Some(p) = self.paras.last_mut() {
                    p.anchored.push(f);
                    return;
                }
            }
            None => {}
        }
        self.emit_para(f);
    }

    fn emit_para(&mut self, f: Finished) {
        let start = self.out.chars;
        self.flush_loose_marks(start);
        for (offset, m) in f.marks {
            self.out.dropped.push(dropped(m, start + offset));
        }
        self.out.chars += f.text.chars().count() + 1;
        self.out.source_text.push_str(&f.text);
        self.out.source_text.push('\n');
        self.out.blocks.push(Block::Para(Para {
            start,
            text: f.text,
            heading_level: f.heading_level,
        }));
    }

    fn flush_loose_marks(&mut self, at: usize) {
        for m in std::mem::take(&mut self.loose_marks) {
            self.out.dropped.push(dropped(m, at));
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else { return };
        let nested = !self.tables.is_empty() || self.containers.contains(&Container::TextBox);
        if nested {
            // Read into the enclosing cell or text box, in reading order.
            let mut text = String::new();
            let mut marks = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                for cell in row {
                    if cell.vmerge == VMerge::Continue && i > 0 {
                        continue;
                    }
                    let (t, m) = cell.joined();
                    if t.is_empty() {
                        continue;
                    }
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    let base = text.chars().count();
                    marks.extend(m.into_iter().map(|(o, m)| (base + o, m)));
                    text.push_str(&t);
                }
            }
            self.place(Finished { text, heading_level: None, marks }, false);
            return;
        }
        let table_start = self.out.chars;
        self.flush_loose_marks(table_start);
        let mut rows: Vec<Vec<RawCell>> = Vec::with_capacity(table.rows.len());
        for (r, row) in table.rows.iter().enumerate() {
            // Grid columns a row skips (`w:gridBefore`) are empty cells that add no line.
            let skipped = table.before.get(r).copied().unwrap_or(0);
            let mut out_row: Vec<RawCell> =
                (0..skipped).map(|_| RawCell::own(self.out.chars, String::new())).collect();
            for cell in row {
                let col = out_row.len();
                let above = (cell.vmerge == VMerge::Continue)
                    .then(|| rows.last().and_then(|prev| prev.get(col)))
                    .flatten();
                let origin = match above {
                    Some(a) => RawCell {
                        start: a.start,
                        text: a.text.clone(),
                        merged_from_above: true,
                        merged_from_left: false,
                    },
                    None => {
                        if cell.vmerge == VMerge::Continue {
                            self.out.warnings.push(format!(
                                "table row {}: a cell continues a vertical merge with no cell above; read as a cell of its own",
                                r + 1
                            ));
                        }
                        let (text, marks) = cell.joined();
                        let start = self.out.chars;
                        for (o, m) in marks {
                            self.out.dropped.push(dropped(m, start + o));
                        }
                        self.out.chars += text.chars().count() + 1;
                        self.out.source_text.push_str(&text);
                        self.out.source_text.push('\n');
                        RawCell::own(start, text)
                    }
                };
                let copy = RawCell { merged_from_left: true, ..origin.clone() };
                out_row.push(origin);
                for _ in 1..cell.span {
                    out_row.push(copy.clone());
                }
            }
            rows.push(out_row);
        }
        self.out.blocks.push(Block::Table(RawTable { start: table_start, rows }));
    }
}

fn dropped(m: Mark, at: usize) -> Dropped {
    let text = match m {
        Mark::Deleted(t) | Mark::Comment(t) => t,
    };
    Dropped { kind: DropKind::DocxAside, text, span: Span::new(at, at) }
}

/// The character of a `w:sym`: a hex code, often in the private-use range
/// `F000`–`F0FF` that stands for a byte of a symbol font. For the Symbol font
/// the byte is mapped to Unicode (Greek letters, ≥, ×, …); other private-use
/// codes (Wingdings pictures) are dropped.
fn sym_char(hex: &str, font: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(hex.trim(), 16).ok()?;
    let byte = match code {
        0xF020..=0xF0FF => code - 0xF000,
        0x20..=0xFF if font.is_some_and(is_symbol_font) => code,
        0xE000..=0xF8FF => return None,
        _ => return char::from_u32(code).filter(|c| !c.is_control()),
    };
    if !font.is_some_and(is_symbol_font) {
        return None;
    }
    symbol_font(byte as u8)
}

fn is_symbol_font(font: &str) -> bool {
    font.eq_ignore_ascii_case("Symbol")
}

/// The Symbol font's encoding (Adobe Symbol), for the bytes that matter in text.
fn symbol_font(b: u8) -> Option<char> {
    const UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let c = match b {
        b'A'..=b'Z' => UPPER.chars().nth((b - b'A') as usize)?,
        b'a'..=b'z' => LOWER.chars().nth((b - b'a') as usize)?,
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        0x20..=0x7E => b as char,
        0xA3 => '≤',
        0xA5 => '∞',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xD6 => '√',
        0xD7 => '⋅',
        0xE5 => '∑',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_characters() {
        assert_eq!(sym_char("F0B3", Some("Symbol")), Some('≥'));
        assert_eq!(sym_char("F061", Some("Symbol")), Some('α'));
        assert_eq!(sym_char("F0FC", Some("Wingdings")), None);
        assert_eq!(sym_char("2605", Some("Wingdings")), Some('★'));
    }
}
