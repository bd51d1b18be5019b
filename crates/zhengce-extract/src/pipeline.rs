//! pipeline: here are an input's bytes and its name, give me the Document.
//!
//! Wires the stages together and times them. Holds the segmenter, which is
//! built once and shared by every thread of a batch.

use std::time::{Duration, Instant};

use crate::deadline::Deadline;
use crate::error::{ErrorKind, ExtractError};
use crate::model::{self, Diagnostic, Document, Source, SourceFormat};
use crate::raw::{Block, Para, RawDocument};
use crate::segment::Segmenter;
use crate::{clean, decode, docx, html, meta, structure, targets, tsv, Config};

/// Extracts documents. Cheap to share across threads (`&Extractor` is `Sync`).
pub struct Extractor {
    config: Config,
    segmenter: Segmenter,
}

/// Wall time spent in each stage, for benchmarks and `--timings`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    pub read: Duration,
    pub clean: Duration,
    pub segment: Duration,
    pub structure: Duration,
    pub targets: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: Self) {
        self.read += o.read;
        self.clean += o.clean;
        self.segment += o.segment;
        self.structure += o.structure;
        self.targets += o.targets;
    }
}

impl Extractor {
    /// An extractor; its dictionaries load on the first call that needs them.
    pub fn new(config: Config) -> Self {
        Extractor { config, segmenter: Segmenter::new() }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The segmenter with the domain dictionary loaded, for other crates (the query tokenizer).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Extracts one document. `path` names the input in the output and in errors;
    /// its extension and the bytes pick the reader ([`crate::format_for_input`]).
    pub fn extract(&self, bytes: &[u8], path: &str) -> Result<Document, ExtractError> {
        self.extract_owned(bytes.to_vec(), path)
    }

    /// [`Extractor::extract`], taking the bytes: a UTF-8 text becomes the
    /// document's text without a copy, and the bytes are freed once read, so a
    /// batch holds one copy of a big input fewer.
    pub fn extract_owned(&self, bytes: Vec<u8>, path: &str) -> Result<Document, ExtractError> {
        self.run(bytes, path).map(|(d, _)| d)
    }

    /// Like [`Extractor::extract`], also returning the time spent in each stage.
    pub fn extract_timed(
        &self,
        bytes: &[u8],
        path: &str,
    ) -> Result<(Document, StageTimes), ExtractError> {
        self.run(bytes.to_vec(), path)
    }

    fn run(&self, bytes: Vec<u8>, path: &str) -> Result<(Document, StageTimes), ExtractError> {
        let prepared = self.prepare_timed(bytes, path)?;
        self.finish_timed(prepared)
    }

    /// Reads, cleans and structures the document and finds its metadata:
    /// all that needs no dictionary.
    fn prepare_timed(&self, bytes: Vec<u8>, path: &str) -> Result<Prepared, ExtractError> {
        let started = Instant::now();
        let err = |kind| ExtractError::new(path, kind);
        let deadline = Deadline::after(self.config.limits.timeout);
        let mut times = StageTimes::default();
        let t = Instant::now();
        if bytes.len() as u64 > self.config.limits.max_input_bytes {
            return Err(err(ErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit: self.config.limits.max_input_bytes,
            }));
        }
        let format = crate::format_for_input(path, &bytes).map_err(err)?;
        let sha256 = crate::sha256_hex(&bytes);
        let size = bytes.len() as u64;
        let raw = match format {
            SourceFormat::Docx => docx::read_within(&bytes, &self.config.limits.docx, &deadline)
                .map_err(|e| {
                    err(match e {
                        docx::DocxError::Timeout { .. } => self.timed_out(),
                        e => e.into(),
                    })
                })?,
            SourceFormat::Html => html::read(bytes).map_err(err)?,
            SourceFormat::Text => read_text(bytes).map_err(err)?,
        };
        times.read = t.elapsed();
        let source = Source {
            path: path.to_string(),
            format,
            encoding: raw.encoding.clone(),
            sha256,
            bytes: size,
        };
        let stages = self.prepare_raw(raw, &deadline, &mut times).map_err(err)?;
        Ok(Prepared { source, stages, times, spent: started.elapsed() })
    }

    /// The targets (which segment the text), and the document.
    fn finish_timed(&self, prepared: Prepared) -> Result<(Document, StageTimes), ExtractError> {
        let Prepared { source, stages, mut times, spent } = prepared;
        let deadline = Deadline::after(self.config.limits.timeout.map(|t| t.saturating_sub(spent)));
        match self.finish_raw(stages, source.clone(), &deadline, &mut times) {
            Ok(doc) => Ok((doc, times)),
            Err(kind) => Err(ExtractError::new(&source.path, kind)),
        }
    }

    /// The error of a document that took longer than `Limits::timeout`.
    fn timed_out(&self) -> ErrorKind {
        ErrorKind::Timeout {
            seconds: self.config.limits.timeout.map_or(f64::INFINITY, |d| d.as_secs_f64()),
        }
    }

    /// A stage stops early when the time is up; then there is no document.
    fn in_time(&self, deadline: &Deadline) -> Result<(), ErrorKind> {
        if deadline.expired() {
            Err(self.timed_out())
        } else {
            Ok(())
        }
    }

    /// Runs the stages after reading that need no dictionary.
    fn prepare_raw(
        &self,
        raw: RawDocument,
        deadline: &Deadline,
        times: &mut StageTimes,
    ) -> Result<Stages, ErrorKind> {
        let limits = &self.config.limits;
        self.in_time(deadline)?;
        let t = Instant::now();
        let cleaned = clean::clean(&raw, limits, deadline);
        times.clean = t.elapsed();
        self.in_time(deadline)?;
        if cleaned.text.trim().is_empty() {
            return Err(ErrorKind::NoText);
        }
        let meta = meta::extract(&cleaned, &raw.props);
        let diagnostics: Vec<Diagnostic> =
            raw.warnings.iter().map(|w| Diagnostic { message: w.clone(), span: None }).collect();
        // The source text and its paragraphs are not needed past cleaning: free
        // them before the stages that build the document's own copies.
        drop(raw);

        let t = Instant::now();
        let structure = structure::analyze(&cleaned, deadline);
        times.structure = t.elapsed();
        self.in_time(deadline)?;
        Ok(Stages { cleaned, meta, structure, diagnostics })
    }

    /// Finds the targets of prepared stages and makes the document.
    fn finish_raw(
        &self,
        stages: Stages,
        source: Source,
        deadline: &Deadline,
        times: &mut StageTimes,
    ) -> Result<Document, ErrorKind> {
        let Stages { cleaned, meta, structure, mut diagnostics } = stages;
        let limits = &self.config.limits;
        self.in_time(deadline)?;
        let t = Instant::now();
        let found = targets::extract(
            &cleaned,
            &structure,
            &meta,
            &self.segmenter,
            &mut times.segment,
            &targets::Stop { deadline, max_targets: limits.max_targets },
        );
        times.targets = t.elapsed() - times.segment;
        self.in_time(deadline)?;
        if found.len() >= limits.max_targets {
            diagnostics.push(Diagnostic {
                message: format!(
                    "stopped at {} targets, the limit per document (see --max-targets): \
                     the targets after it are not written",
                    limits.max_targets
                ),
                span: found.last().map(|t| t.span),
            });
        }

        diagnostics.extend(cleaned.diagnostics.iter().cloned());
        let units = structure.all_units();
        Ok(Document {
            schema_version: model::SCHEMA_VERSION.to_string(),
            extractor_version: model::EXTRACTOR_VERSION.to_string(),
            source,
            text: cleaned.text,
            meta,
            sections: structure.sections,
            items: structure.items,
            tables: structure.tables,
            targets: found,
            dropped: cleaned.dropped,
            units,
            diagnostics,
        })
    }
}

/// A document read, cleaned and structured, whose targets are still to be found.
struct Prepared {
    source: Source,
    stages: Stages,
    times: StageTimes,
    /// Time spent preparing, counted against `Limits::timeout` when finishing.
    spent: Duration,
}

/// What the stages before the targets produced.
struct Stages {
    cleaned: clean::Cleaned,
    meta: crate::model::Meta,
    structure: structure::Structure,
    diagnostics: Vec<Diagnostic>,
}

/// Reads a text file: decode, then one paragraph a line, but a table for a
/// run of lines with tabs between cells ([`crate::tsv`]).
pub(crate) fn read_text(bytes: Vec<u8>) -> Result<RawDocument, ErrorKind> {
    let decoded = decode::decode_owned(bytes)?;
    let mut lines = Vec::new();
    let mut start = 0usize;
    for text in decoded.text.split('\n') {
        lines.push(tsv::Line { start, text });
        start += text.chars().count() + 1;
    }
    let blocks = tsv::runs(&lines)
        .into_iter()
        .map(|run| match run {
            tsv::Run::Para(i) => Block::Para(Para {
                start: lines[i].start,
                text: lines[i].text.to_string(),
                heading_level: None,
            }),
            tsv::Run::Table { first, end } => Block::Table(tsv::table(&lines[first..end])),
        })
        .collect();
    Ok(RawDocument {
        source_text: decoded.text,
        blocks,
        encoding: Some(decoded.encoding),
        warnings: decoded.warnings,
        format: Some(SourceFormat::Text),
        ..RawDocument::default()
    })
}
