//! render: here is a [`Document`], give me it as people read it — Markdown or plain text.
//!
//! Both forms walk the cleaned `text` once, line by line, and look at what
//! the document knows about each line: a heading (a [`Section`] whose span
//! starts there), a numbered item, or the first line of a [`Table`] (whose
//! lines are replaced by the table's rows). Everything else is a paragraph.
//! Targets can be marked (`**…**` in Markdown, `【…】` in plain text) when
//! their quote lies within one line. Cost is linear in the text: the spans
//! are sorted once and consumed in order.
//!
//! [`Section`]: crate::model::Section
//! [`Table`]: crate::model::Table

mod markdown;
mod plain;

pub use markdown::to_markdown;
pub use plain::to_plain;

use crate::model::{Document, ItemKind, Table};

/// How to render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Mark the quote of every target.
    pub mark_targets: bool,
}

/// A readable form of a document, beside its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// Markdown: headings, numbered items, tables ([`to_markdown`]).
    Markdown,
    /// Plain text, tables tab-separated ([`to_plain`]).
    Plain,
}

impl Form {
    /// The file extension of this form (`md`, `txt`).
    pub fn extension(self) -> &'static str {
        match self {
            Form::Markdown => "md",
            Form::Plain => "txt",
        }
    }

    /// The document in this form.
    pub fn render(self, doc: &Document, opts: RenderOptions) -> String {
        match self {
            Form::Markdown => to_markdown(doc, opts),
            Form::Plain => to_plain(doc, opts),
        }
    }
}

/// What one line of the text is.
enum Line<'a> {
    /// A heading at this depth (1 = top); its text on one line (a heading
    /// may span lines: `附件1` and the appendix title under it).
    Heading { level: u8, text: String },
    /// A numbered item: its number, the text after its marker, targets to mark in it.
    Numbered { number: u32, rest: &'a str, marks: Vec<(usize, usize)> },
    /// The first line of a table; the table's other lines are skipped.
    Table(&'a Table),
    /// Any other line, with the char ranges (within the line) of targets to mark.
    Paragraph { text: &'a str, marks: Vec<(usize, usize)> },
}

/// The output side of a walk.
trait Sink {
    fn title(&mut self, title: &str);
    fn line(&mut self, line: Line<'_>);
}

/// Walks `doc.text` line by line and hands each line to `sink`.
fn walk(doc: &Document, opts: RenderOptions, sink: &mut dyn Sink) {
    let text = &doc.text;
    let mut headings: Vec<(usize, usize, u8)> =
        doc.sections.iter().map(|s| (s.span.start, s.span.end, s.level)).collect();
    headings.sort_unstable();
    let mut numbered: Vec<(usize, u32, &str)> = doc
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Numbered)
        .filter_map(|i| Some((i.span.start, i.number?, i.marker.as_deref()?)))
        .collect();
    numbered.sort_unstable();
    let mut tables: Vec<&Table> = doc.tables.iter().filter(|t| !t.columns.is_empty()).collect();
    tables.sort_by_key(|t| t.span.start);
    let mut targets: Vec<(usize, usize)> = if opts.mark_targets {
        doc.targets.iter().map(|t| (t.span.start, t.span.end)).collect()
    } else {
        Vec::new()
    };
    targets.sort_unstable();
    let (mut h, mut n, mut t, mut q) = (0, 0, 0, 0);
    let mut bytes = crate::textutil::CharCursor::new(text);
    if let Some(title) = doc.meta.title.as_deref() {
        sink.title(title);
    }
    let mut start = 0usize; // char offset of the line
    let mut skip_until = 0usize; // inside a table already written
    let mut first = doc.meta.title.is_some();
    for line in text.split('\n') {
        let len = line.chars().count();
        let end = start + len;
        while h < headings.len() && headings[h].0 < start {
            h += 1;
        }
        while n < numbered.len() && numbered[n].0 < start {
            n += 1;
        }
        while q < targets.len() && targets[q].0 < start {
            q += 1;
        }
        let trimmed = line.trim();
        if start < skip_until || trimmed.is_empty() {
            start = end + 1;
            continue;
        }
        // The title is written once, above everything.
        if first && Some(trimmed) == doc.meta.title.as_deref() {
            first = false;
            start = end + 1;
            continue;
        }
        first = false;
        while t < tables.len() && tables[t].span.end <= start {
            t += 1;
        }
        // Targets within this line, as char ranges of the line.
        let mut marks: Vec<(usize, usize)> = Vec::new();
        while q < targets.len() && targets[q].0 < end {
            let (a, b) = targets[q];
            if b <= end && marks.last().is_none_or(|&(_, e)| e <= a - start) {
                marks.push((a - start, b - start));
            }
            q += 1;
        }
        // The marks of the part of the line from char `skip` on.
        let shift = |marks: Vec<(usize, usize)>, skip: usize| -> Vec<(usize, usize)> {
            marks
                .into_iter()
                .filter(|&(a, _)| a >= skip)
                .map(|(a, b)| (a - skip, b - skip))
                .collect()
        };
        let kind = if t < tables.len() && tables[t].span.start <= start {
            skip_until = tables[t].span.end;
            t += 1;
            Line::Table(tables[t - 1])
        } else if h < headings.len() && headings[h].0 == start {
            let (a, b, level) = headings[h];
            skip_until = skip_until.max(b);
            if b > end {
                // A heading that runs over several lines (附件 + its title).
                let x = bytes.byte(a).unwrap_or(text.len());
                let y = bytes.byte(b).unwrap_or(text.len());
                Line::Heading { level, text: words(&text[x..y]) }
            } else {
                // A heading that ends inside its line ("2. 标题。正文……") keeps
                // the punctuation that closes it; the rest of the line is a
                // paragraph with its marks.
                let closing = line
                    .chars()
                    .skip(b - start)
                    .take_while(|c| matches!(c, '。' | '：' | ':' | '．'))
                    .count();
                let head = b - start + closing;
                let cut = line.char_indices().nth(head).map_or(line.len(), |(i, _)| i);
                let rest = &line[cut..];
                if rest.trim().is_empty() {
                    Line::Heading { level, text: words(trimmed) }
                } else {
                    sink.line(Line::Heading { level, text: words(&line[..cut]) });
                    let lead = rest.chars().take_while(|c| c.is_whitespace()).count();
                    Line::Paragraph { text: rest.trim(), marks: shift(marks, head + lead) }
                }
            }
        } else if n < numbered.len() && numbered[n].0 == start && line.starts_with(numbered[n].2) {
            let after = &line[numbered[n].2.len()..];
            let rest = after.trim_start();
            let skip = line.chars().count() - rest.chars().count();
            Line::Numbered {
                number: numbered[n].1,
                rest: rest.trim_end(),
                marks: shift(marks, skip),
            }
        } else {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            Line::Paragraph { text: line.trim_start(), marks: shift(marks, lead) }
        };
        sink.line(kind);
        start = end + 1;
    }
}

/// `s` with its runs of white space made single spaces.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes `text` with the char ranges `marks` (sorted, disjoint) between
/// `open` and `close`, each char through `escape` (its index, the char, the output).
fn marked(
    text: &str,
    marks: &[(usize, usize)],
    (open, close): (&str, &str),
    escape: fn(usize, char, &mut String),
    out: &mut String,
) {
    let mut m = 0;
    for (i, c) in text.chars().enumerate() {
        if m < marks.len() && marks[m].0 == i {
            out.push_str(open);
        }
        escape(i, c, out);
        if m < marks.len() && marks[m].1 == i + 1 {
            out.push_str(close);
            m += 1;
        }
    }
    out.truncate(out.trim_end().len());
}
