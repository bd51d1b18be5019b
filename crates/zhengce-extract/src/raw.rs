//! raw: what a reader hands to the pipeline, whatever the input format.
//!
//! A reader (text, .docx, HTML) turns bytes into a [`RawDocument`]: the decoded
//! *source text* and the blocks read from it. Cleaning, structure and target
//! extraction only ever see a `RawDocument`, which is why a document gives the
//! same sections, items, tables and targets whether it came as .docx or as text.
//!
//! For a text file the source text is the decoded file and every line is a
//! [`Block::Para`]. For a .docx the reader renders what Word shows (automatic
//! numbering markers included) into the source text, one paragraph or table
//! cell a line, and reports tables as [`Block::Table`] with merges resolved.

use crate::model::{Dropped, SourceFormat};

/// The output of a reader.
#[derive(Debug, Clone, Default)]
pub struct RawDocument {
    /// The decoded text that `Dropped` spans and block `start`s index (in characters).
    pub source_text: String,
    pub blocks: Vec<Block>,
    /// Detected encoding of a text input; `None` for containers.
    pub encoding: Option<String>,
    /// Document properties a container carries (.docx `docProps/core.xml`).
    pub props: DocProps,
    /// What the reader itself left out of the body (headers, footers, comments,
    /// deleted text), already in source-text coordinates or with an empty span.
    pub dropped: Vec<Dropped>,
    /// Damage the reader worked around.
    pub warnings: Vec<String>,
    pub format: Option<SourceFormat>,
    /// Labelled metadata a reader found outside the body, `(label, value)` in
    /// source order; cleaning hands them to the metadata stage in
    /// `Cleaned::fields`, before the fields cleaning itself finds. An HTML
    /// page gives its `<title>` and `<meta>` tags as `html:title`,
    /// `html:ArticleTitle`, `html:PubDate`, `html:ContentSource`,
    /// `html:Keywords` (the attribute name as written after `html:`), and its
    /// 信息公开 table's cells as their label with white space and the trailing
    /// colon removed (`索引号`, `发文机关`, `发布机构`, `标题`, `发文字号`,
    /// `文号`, `成文日期`, `发布日期`, `主题分类`).
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocProps {
    pub title: Option<String>,
    pub creator: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    Table(RawTable),
}

/// One paragraph (a line of a text file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Character offset of `text` in `RawDocument::source_text`.
    pub start: usize,
    /// The paragraph as shown, automatic numbering marker included (`一、总体目标`).
    pub text: String,
    /// Outline level (1 = top) from a .docx heading style or `w:outlineLvl`; `None` for body text.
    pub heading_level: Option<u8>,
}

/// A table with merges resolved: `rows[r][c]` is one grid cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// Character offset of the table's first cell in the source text.
    pub start: usize,
    pub rows: Vec<Vec<RawCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell {
    /// Character offset of the cell text in the source text (for a continuation
    /// cell: the offset of the cell it continues).
    pub start: usize,
    pub text: String,
    /// True for a cell vertically merged with the one above (`w:vMerge` continue):
    /// `text` is then a copy of the cell above.
    pub merged_from_above: bool,
    /// True for a grid column covered by a horizontally merged cell to its left
    /// (`w:gridSpan`): `text` is then a copy of that cell.
    pub merged_from_left: bool,
}

impl RawCell {
    /// A cell of its own, merged with no other: what a reader writes for every
    /// cell it read (empty ones included) before it resolves merges.
    pub fn own(start: usize, text: String) -> RawCell {
        RawCell { start, text, merged_from_above: false, merged_from_left: false }
    }
}
