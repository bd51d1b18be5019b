//! clean: here is a RawDocument, give me the document text and what was dropped.
use crate::model::{Diagnostic, Dropped};
use crate::raw::RawDocument;
use crate::Limits;

/// One line of the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Char span of the line in `Cleaned::text` (without its newline).
    pub start: usize,
    pub end: usize,
    pub heading_level: Option<u8>,
    pub cell: Option<CellRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRef {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub lines: Vec<Line>,
    pub dropped: Vec<Dropped>,
    pub diagnostics: Vec<Diagnostic>,
    pub fields: Vec<(String, String)>,
    pub title_candidates: Vec<String>,
}

pub fn clean(raw: &RawDocument, _limits: &Limits) -> Cleaned {
    let _ = raw;
    Cleaned::default()
}
