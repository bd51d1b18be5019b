//! docx: reads a .docx as Word shows it, into a [`RawDocument`](crate::raw::RawDocument).
//!
//! Here are the bytes of a .docx; give me the source text (one paragraph or
//! table cell a line, automatic numbering markers rendered), its paragraphs
//! with their outline levels, its tables with merges resolved, the document
//! properties, and what was kept out of the body (headers, footers, comments,
//! deleted text) as `dropped`.
//!
//! The small parts are read eagerly, the main part is streamed:
//! - [`archive`] opens the zip, counts its entries, and counts every inflated byte against a budget;
//! - [`rels`] follows `_rels/.rels` to the main part, and its relationships to styles, numbering, headers, …;
//! - [`styles`] turns paragraph styles into outline levels and list membership;
//! - [`numbering`] turns lists into the marker text of each numbered paragraph;
//! - [`body`] is one pull loop over the main part (and over headers and footers);
//! - [`asides`] reads comments;
//! - [`props`] reads `docProps/core.xml`;
//! - [`xml`] is the pull reader all of them share (depth limit, DOCTYPE refusal, errors naming the part).
//!
//! Architecture invariant: no part is ever held as a tree, and no byte is
//! inflated beyond [`DocxLimits`]. A missing or damaged optional part (styles,
//! numbering, comments, headers, properties) is a warning, not an error; a
//! limit hit anywhere is an error.

pub mod archive;
pub mod asides;
pub mod body;
pub mod numbering;
pub mod props;
pub mod rels;
pub mod styles;
pub mod xml;

use std::collections::HashMap;

use crate::deadline::Deadline;
use crate::model::{DropKind, Dropped, SourceFormat, Span};
use crate::raw::RawDocument;

use archive::Archive;
use numbering::Numbering;
use styles::Styles;
use xml::PartXml;

/// Limits that keep a hostile .docx within bounded memory and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxLimits {
    /// Largest total uncompressed size of the parts read, in bytes.
    pub max_uncompressed_bytes: u64,
    /// Largest uncompressed/compressed ratio of one entry.
    pub max_compression_ratio: u64,
    /// Deepest XML element nesting.
    pub max_xml_depth: usize,
    /// Most entries in the zip archive.
    pub max_entries: usize,
}

impl Default for DocxLimits {
    fn default() -> Self {
        DocxLimits {
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_compression_ratio: 200,
            max_xml_depth: 512,
            max_entries: 10_000,
        }
    }
}

/// Why a .docx could not be read. The caller prefixes the file's path.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DocxError {
    #[error("not a .docx: the file is not a zip archive ({reason})")]
    NotZip { reason: String },
    #[error(
        "the .docx is encrypted or password-protected: it is an OLE compound file, not a zip archive \
         (an old binary .doc looks the same); save it without a password as .docx"
    )]
    Encrypted,
    #[error(
        "the .docx archive has {count} entries, over the limit of {limit} entries (max_entries)"
    )]
    TooManyEntries { count: usize, limit: usize },
    #[error(
        "part `{part}` inflates past the limit of {limit} uncompressed bytes for the whole document \
         (max_uncompressed_bytes, see --max-docx-bytes); the file may be a zip bomb"
    )]
    TooLarge { part: String, limit: u64 },
    #[error(
        "part `{part}` inflates to more than {limit} times its compressed size (max_compression_ratio, \
         see --max-docx-ratio); the file may be a zip bomb"
    )]
    CompressionRatio { part: String, limit: u64 },
    #[error("part `{part}` could not be read from the archive: {reason}")]
    BadEntry { part: String, reason: String },
    #[error(
        "the archive has no main document part `{part}`: it is a zip file but not a Word document"
    )]
    MissingDocument { part: String },
    #[error("part `{part}` is not well-formed XML at byte {position}: {message}")]
    Xml { part: String, position: u64, message: String },
    #[error(
        "part `{part}` nests XML elements deeper than the limit of {limit} levels (max_xml_depth, see --max-xml-depth)"
    )]
    TooDeep { part: String, limit: usize },
    #[error("reading part `{part}` took longer than the time limit per document (see --timeout)")]
    Timeout { part: String },
    #[error(
        "part `{part}` contains a DOCTYPE declaration, which Word never writes; it is refused so that \
         no entity is expanded"
    )]
    Doctype { part: String },
}

impl DocxError {
    /// Errors that stop the whole document even in an optional part.
    fn is_limit(&self) -> bool {
        matches!(
            self,
            DocxError::TooLarge { .. }
                | DocxError::CompressionRatio { .. }
                | DocxError::TooDeep { .. }
                | DocxError::Doctype { .. }
                | DocxError::Timeout { .. }
                | DocxError::TooManyEntries { .. }
                | DocxError::Encrypted
        )
    }
}

/// The main part when `_rels/.rels` does not name one.
const DEFAULT_MAIN: &str = "word/document.xml";

/// Reads a .docx from its bytes, with no time limit.
pub fn read(bytes: &[u8], limits: &DocxLimits) -> Result<RawDocument, DocxError> {
    read_within(bytes, limits, &Deadline::never())
}

/// Reads a .docx from its bytes; every part's reading stops with
/// [`DocxError::Timeout`] once `deadline` is up.
// The closures passed to `optional` are not redundant: a generic function
// item cannot take the higher-ranked reader lifetime `optional` asks for.
#[allow(clippy::redundant_closure)]
pub fn read_within(
    bytes: &[u8],
    limits: &DocxLimits,
    deadline: &Deadline,
) -> Result<RawDocument, DocxError> {
    let mut zip = Archive::open(bytes, limits)?;
    let mut warnings = Vec::new();

    let main = main_part(&mut zip, limits, deadline, &mut warnings)?;
    let (dir, rels_name) = rels::rels_of(&main);
    let doc_rels =
        optional(&mut zip, &rels_name, limits, deadline, &mut warnings, |x| rels::parse(x, &dir))?
            .unwrap_or_default();
    let target = |kind: &str, fallback: &str| -> String {
        doc_rels
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| format!("{dir}/{fallback}").trim_start_matches('/').to_string())
    };

    let styles = optional(
        &mut zip,
        &target("styles", "styles.xml"),
        limits,
        deadline,
        &mut warnings,
        |x| Styles::parse(x),
    )?
    .unwrap_or_default();
    let mut numbering = optional(
        &mut zip,
        &target("numbering", "numbering.xml"),
        limits,
        deadline,
        &mut warnings,
        |x| Numbering::parse(x),
    )?
    .unwrap_or_default();
    let comments = optional(
        &mut zip,
        &target("comments", "comments.xml"),
        limits,
        deadline,
        &mut warnings,
        |x| asides::comments(x),
    )?
    .unwrap_or_default();

    // Headers and footers, read before the body with their own list counters.
    let mut asides_before = Vec::new();
    let mut asides_after = Vec::new();
    for (kind, into_before) in [("header", true), ("footer", false)] {
        for rel in doc_rels.iter().filter(|r| r.kind == kind) {
            let mut aside_numbering = numbering.clone();
            let empty = HashMap::new();
            let mut ctx = body::Context {
                styles: &styles,
                numbering: &mut aside_numbering,
                comments: &empty,
            };
            let out = optional(&mut zip, &rel.target, limits, deadline, &mut warnings, |x| {
                body::read(x, &mut ctx)
            })?;
            if let Some(out) = out {
                let text = out.source_text.trim().to_string();
                let list = if into_before { &mut asides_before } else { &mut asides_after };
                if !text.is_empty() && !list.contains(&text) {
                    list.push(text);
                }
            }
        }
    }

    let body = {
        let Some(part) = zip.open_part(&main)? else {
            return Err(DocxError::MissingDocument { part: main });
        };
        let mut xml = PartXml::new(part, &main, limits.max_xml_depth).within(deadline);
        let mut ctx =
            body::Context { styles: &styles, numbering: &mut numbering, comments: &comments };
        body::read(&mut xml, &mut ctx)?
    };

    let props = optional(&mut zip, "docProps/core.xml", limits, deadline, &mut warnings, |x| {
        props::parse(x)
    })?
    .unwrap_or_default();

    let end = body.chars;
    let mut dropped: Vec<Dropped> = asides_before
        .into_iter()
        .map(|text| Dropped { kind: DropKind::DocxAside, text, span: Span::new(0, 0) })
        .collect();
    dropped.extend(body.dropped);
    dropped.extend(asides_after.into_iter().map(|text| Dropped {
        kind: DropKind::DocxAside,
        text,
        span: Span::new(end, end),
    }));
    warnings.extend(body.warnings);

    Ok(RawDocument {
        source_text: body.source_text,
        blocks: body.blocks,
        encoding: None,
        props,
        dropped,
        warnings,
        format: Some(SourceFormat::Docx),
        fields: Vec::new(),
    })
}

/// The main part: the `officeDocument` target of `_rels/.rels`, else `word/document.xml`.
fn main_part(
    zip: &mut Archive<'_>,
    limits: &DocxLimits,
    deadline: &Deadline,
    warnings: &mut Vec<String>,
) -> Result<String, DocxError> {
    let rels = optional(zip, "_rels/.rels", limits, deadline, warnings, |x| rels::parse(x, ""))?
        .unwrap_or_default();
    if let Some(rel) = rels.iter().find(|r| r.kind == "officeDocument") {
        if zip.contains(&rel.target) {
            return Ok(rel.target.clone());
        }
        warnings.push(format!("_rels/.rels names a main part `{}` the archive lacks", rel.target));
    }
    if zip.contains(DEFAULT_MAIN) {
        Ok(DEFAULT_MAIN.to_string())
    } else {
        Err(DocxError::MissingDocument { part: DEFAULT_MAIN.to_string() })
    }
}

/// Reads an optional part: `None` when missing; damage becomes a warning,
/// a limit hit stays an error.
fn optional<'d, T>(
    zip: &mut Archive<'_>,
    name: &str,
    limits: &DocxLimits,
    deadline: &'d Deadline,
    warnings: &mut Vec<String>,
    parse: impl FnOnce(&mut PartXml<'d, archive::PartReader<'_, '_>>) -> Result<T, DocxError>,
) -> Result<Option<T>, DocxError> {
    let part = match zip.open_part(name) {
        Ok(Some(p)) => p,
        Ok(None) => return Ok(None),
        Err(e) if e.is_limit() => return Err(e),
        Err(e) => {
            warnings.push(format!("{e}; the part was skipped"));
            return Ok(None);
        }
    };
    let mut xml = PartXml::new(part, name, limits.max_xml_depth).within(deadline);
    match parse(&mut xml) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_limit() => Err(e),
        Err(e) => {
            warnings.push(format!("{e}; the part was skipped"));
            Ok(None)
        }
    }
}
