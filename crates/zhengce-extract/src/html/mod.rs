//! html: here is a saved web page, give me the document on it as a [`RawDocument`].
//!
//! In: the page's bytes. Out: a `RawDocument` like the text and .docx
//! readers give, so cleaning, structure and targets are shared:
//!
//! - **decode**: a byte-order mark, else the charset the page declares
//!   (`<meta charset>`, `http-equiv` content type, a JSP `contentType`), else
//!   detection ([`crate::decode`]);
//! - **parse** with html5ever (the WHATWG algorithm browsers use), entities
//!   decoded, then [`dom`] lays the tree out into lines;
//! - **find the document** ([`content`]) and the page's metadata ([`pagemeta`]);
//! - **assemble**: the *source text* of an HTML page is its laid-out text,
//!   every line of the page (chrome, scripts, styles and template directives
//!   included) one line each, in document order. `dropped` spans index that
//!   text in characters, so `dropped[i].text` is the source at its span and
//!   every character the page shows is either in the document or in a
//!   dropped span. Data tables (two rows and two columns or more, no table
//!   inside) become [`RawTable`]s with `rowspan`/`colspan` resolved; layout
//!   tables are read as lines.

mod content;
mod dom;
mod pagemeta;

use encoding_rs::Encoding;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;

use crate::error::ErrorKind;
use crate::model::{Dropped, SourceFormat, Span};
use crate::raw::{Block, Para, RawCell, RawDocument, RawTable};

/// How far into the bytes a declared charset is looked for (the HTML
/// standard's prescan looks at 1024 bytes; JSP headers and long heads push it further).
const PRESCAN_BYTES: usize = 4096;

/// Whether bytes look like an HTML page: after a byte-order mark, white
/// space and server-template directives, markup starts with a doctype or a
/// known element (`<html`, `<head`, `<body`, `<meta`, `<div`, `<table`, `<p>`, …).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let start = lower.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(lower.len());
    if lower.get(start) != Some(&b'<') {
        return false;
    }
    const OPENERS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<table",
        b"<p>",
        b"<p ",
        b"<!--",
        b"<%",
        b"<#",
        b"<?xml",
        b"<link",
        b"<script",
        b"<style",
    ];
    let opens = |at: usize| OPENERS.iter().any(|o| lower[at..].starts_with(o));
    if !opens(start) {
        return false;
    }
    // A leading comment, directive or XML declaration alone is not enough: an element must follow.
    const ELEMENTS: &[&[u8]] =
        &[b"<html", b"<head", b"<body", b"<div", b"<table", b"<p>", b"<p ", b"<meta", b"<title"];
    ELEMENTS.iter().any(|e| memchr::memmem::find(&lower, e).is_some())
}

/// The encoding a page declares in its first bytes (`charset=gb2312`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
        from = end.max(from + i + 1);
    }
    None
}

/// Reads a saved web page.
pub fn read(bytes: Vec<u8>) -> Result<RawDocument, ErrorKind> {
    let declared = declared_charset(&bytes);
    let decoded = crate::decode::decode_declared(bytes, declared)?;
    let dom =
        html5ever::parse_document(RcDom::default(), Default::default()).one(decoded.text.as_str());
    let flat = dom::flatten(&dom.document);
    drop(dom);

    let mut fields = pagemeta::head_fields(&flat);
    let mut titles: Vec<String> = fields
        .iter()
        .filter(|(l, _)| l == "html:ArticleTitle" || l == "html:title")
        .map(|(_, v)| v.clone())
        .collect();
    // The metadata table's 标题 is the surest title: find it first.
    let layout = content::find(&flat, &titles).ok_or(ErrorKind::NoDocumentOnPage)?;
    let table_titles: Vec<String> = layout
        .fields
        .iter()
        .filter(|(l, v)| (l == "标题" || l == "名称") && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    let layout = if table_titles.is_empty() {
        layout
    } else {
        titles.extend(table_titles);
        content::find(&flat, &titles).ok_or(ErrorKind::NoDocumentOnPage)?
    };
    fields.extend(layout.fields.iter().cloned());

    let mut raw = assemble(&flat, &layout);
    raw.fields = fields;
    raw.encoding = Some(decoded.encoding);
    raw.warnings = decoded.warnings;
    raw.format = Some(SourceFormat::Html);
    if !raw.blocks.iter().any(|b| match b {
        Block::Para(p) => !p.text.trim().is_empty(),
        Block::Table(_) => true,
    }) {
        return Err(ErrorKind::NoDocumentOnPage);
    }
    Ok(raw)
}

/// Writes every line into the source text and makes the blocks and drops.
fn assemble(flat: &dom::Flat, layout: &content::Layout) -> RawDocument {
    let mut raw = RawDocument::default();
    let mut chars = 0usize;
    let mut table_at: Vec<Option<usize>> = vec![None; flat.lines.len()];
    for &t in &layout.data_tables {
        let e = &flat.elems[flat.tables[t].elem];
        table_at[e.first_line] = Some(t);
    }
    let mut i = 0;
    while i < flat.lines.len() {
        if let Some(t) = table_at[i] {
            i = push_table(flat, t, &mut raw, &mut chars);
            continue;
        }
        let l = &flat.lines[i];
        let start = chars;
        push_line(&mut raw.source_text, &mut chars, &l.text);
        match layout.fates[i] {
            content::Fate::Keep => raw.blocks.push(Block::Para(Para {
                start,
                text: l.text.clone(),
                heading_level: None,
            })),
            content::Fate::Drop(kind) => raw.dropped.push(Dropped {
                kind,
                text: l.text.clone(),
                span: Span::new(start, start + l.text.chars().count()),
            }),
        }
        i += 1;
    }
    raw
}

fn push_line(source: &mut String, chars: &mut usize, text: &str) {
    source.push_str(text);
    source.push('\n');
    *chars += text.chars().count() + 1;
}

/// Writes table `t` (one non-empty cell a line) and its `RawTable`, merges
/// resolved; returns the line after the table.
fn push_table(flat: &dom::Flat, t: usize, raw: &mut RawDocument, chars: &mut usize) -> usize {
    let rec = &flat.tables[t];
    let table_elem = &flat.elems[rec.elem];
    // Lines of the table outside its cells (a caption) come first, as paragraphs.
    let mut in_cell = vec![false; table_elem.end_line - table_elem.first_line];
    for &c in rec.rows.iter().flatten() {
        let e = &flat.elems[c];
        for k in e.first_line..e.end_line {
            in_cell[k - table_elem.first_line] = true;
        }
    }
    for (k, inside) in in_cell.iter().enumerate() {
        if !inside {
            let l = &flat.lines[table_elem.first_line + k];
            let start = *chars;
            push_line(&mut raw.source_text, chars, &l.text);
            raw.blocks.push(Block::Para(Para { start, text: l.text.clone(), heading_level: None }));
        }
    }
    let table_start = *chars;
    // Columns still covered by a cell from a row above: (rows left, the cell).
    let mut carry: Vec<Option<(usize, RawCell)>> = Vec::new();
    let mut rows = Vec::with_capacity(rec.rows.len());
    for row in &rec.rows {
        let mut out: Vec<RawCell> = Vec::new();
        let mut cells = row.iter();
        loop {
            let col = out.len();
            if let Some(Some((left, cell))) = carry.get_mut(col) {
                out.push(RawCell {
                    merged_from_above: true,
                    merged_from_left: false,
                    ..cell.clone()
                });
                *left -= 1;
                if *left == 0 {
                    carry[col] = None;
                }
                continue;
            }
            let Some(&c) = cells.next() else {
                // Fill the columns a rowspan still covers to the right.
                if carry[col.min(carry.len())..].iter().any(|c| c.is_some()) {
                    let start = out.last().map_or(*chars, |c| c.start);
                    out.push(RawCell::own(start, String::new()));
                    continue;
                }
                break;
            };
            let e = &flat.elems[c];
            let text = pagemeta::cell_text(flat, c);
            let start = *chars;
            if !text.trim().is_empty() {
                push_line(&mut raw.source_text, chars, &text);
            }
            let cell = RawCell::own(start, text);
            for k in 0..e.colspan {
                let this = if k == 0 {
                    cell.clone()
                } else {
                    RawCell { merged_from_left: true, ..cell.clone() }
                };
                if e.rowspan > 1 {
                    if carry.len() <= col + k {
                        carry.resize(col + k + 1, None);
                    }
                    carry[col + k] =
                        Some((e.rowspan - 1, RawCell { merged_from_left: k > 0, ..cell.clone() }));
                }
                out.push(this);
            }
        }
        rows.push(out);
    }
    raw.blocks.push(Block::Table(RawTable { start: table_start, rows }));
    table_elem.end_line
}
