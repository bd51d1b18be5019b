//! The output model: the JSON wire types of `DIR/<stem>.json`, as other tools rely on them.
//!
//! These types are the contract of `../shared/spec/output.md`. The committed
//! `schemas/document.schema.json` is generated from them (see `schema()`), and a
//! test fails when the two drift apart. Every span in a [`Document`] indexes
//! [`Document::text`] in *characters* (Unicode scalar values), except the spans
//! of [`Dropped`], which index the decoded source text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of this JSON format. Bump the major part on a breaking change.
pub const SCHEMA_VERSION: &str = "2.0";

/// Version of the extractor that wrote a document: a re-run skips an input whose
/// sha256 and extractor version are unchanged.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A half-open range `[start, end)` of character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One extracted document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub schema_version: String,
    pub extractor_version: String,
    pub source: Source,
    /// The cleaned text of the whole document: body, headings with their
    /// rendered markers, table cells in reading order (one cell a line).
    pub text: String,
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    pub targets: Vec<Target>,
    /// Every stretch removed as noise, in source order.
    pub dropped: Vec<Dropped>,
    /// Owning units named anywhere in the document, sorted, each once.
    pub units: Vec<String>,
    /// Damage the extractor noticed and worked around (lossy decoding, …).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line (or the file name for in-memory input).
    pub path: String,
    pub format: SourceFormat,
    /// Detected character encoding of a text input (`UTF-8`, `GBK`, `UTF-16LE`, …);
    /// null for container formats such as .docx.
    pub encoding: Option<String>,
    /// Lower-case hex sha256 of the input bytes.
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Docx,
    Html,
}

/// Document metadata, where the document states it. Every value has an entry in
/// `provenance` saying where it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// The document's own title; for a 通知 that 印发 a plan, the 通知's title.
    pub title: Option<String>,
    /// The plan a 通知 wraps (`关于印发《X》的通知` → `X`).
    pub subtitle: Option<String>,
    /// Every issuing body, in the order the document names them. A newspaper or
    /// site that republished the text is `source`, not an issuer.
    pub issuers: Vec<String>,
    /// The document number (文号) as written, e.g. `温瓯教发〔2018〕120号`, `国令第707号`.
    pub doc_number: Option<String>,
    /// The index number (索引号) of a government disclosure page.
    pub index_number: Option<String>,
    pub dates: Dates,
    /// The years the plan covers (`2018-2020年`, `十四五` → 2021–2025).
    pub plan_period: Option<Period>,
    /// The place the document governs, e.g. `温州市瓯海区`, `四川省`.
    pub region: Option<String>,
    /// The newspaper or site that republished the text (`来源：新华日报`), where stated.
    pub source: Option<String>,
    /// Other labelled fields of a metadata block (主题分类, 公开方式, …), in source order.
    pub fields: Vec<MetaField>,
    /// Where each value above was read, one entry a value (one per issuer), in field order.
    pub provenance: Vec<Provenance>,
}

/// Dates as ISO `YYYY-MM-DD` strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dates {
    /// When the document was written or signed (成文日期, the date under the signature,
    /// the date of the meeting a report was given at).
    pub written: Option<String>,
    /// When it was published or issued (发布日期, 印发, a page's 时间).
    pub published: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

/// Which metadata value a [`Provenance`] entry is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MetaKey {
    Title,
    Subtitle,
    Issuers,
    DocNumber,
    IndexNumber,
    Written,
    Published,
    PlanPeriod,
    Region,
    Source,
}

/// Where one metadata value was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    pub field: MetaKey,
    /// Which issuer (0-based) for `issuers`; 0 for the other fields.
    pub index: usize,
    pub origin: Origin,
}

/// The place a metadata value was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Characters of the cleaned `text` that state the value.
    Text { span: Span },
    /// Part of a dropped stretch: `dropped[dropped]`, the value at `span` of the source text.
    Dropped { dropped: usize, span: Span },
    /// A labelled field a reader handed over (an HTML page's `<meta>` tag or
    /// 信息公开 table), by its label (`html:ArticleTitle`, `发文字号`).
    PageField { label: String },
    /// A .docx `docProps/core.xml` property (`title`, `creator`).
    DocProps { property: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MetaField {
    pub label: String,
    pub value: String,
}

/// A heading: a part of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// `s1`, `s2`, … in document order.
    pub id: String,
    /// Depth in the tree, 1 = top.
    pub level: u8,
    /// The numbering family: `chapter`, `section`, `article`, `cn`, `cn_paren`, `arabic`,
    /// `arabic_paren`, `circled`, `appendix`, `style` (a .docx heading style without a marker).
    pub family: String,
    /// The marker as written (`一、`, `(一)`, `1 .`, `第五章`), empty for `style`.
    pub marker: String,
    /// The number the marker stands for, when it has one (`(一)` → 1; damaged `()` → null).
    pub number: Option<u32>,
    pub title: String,
    pub parent: Option<String>,
    /// The heading (marker and title) in `text`.
    pub span: Span,
}

/// A numbered item, a paragraph or a table row: the unit targets hang on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// `i1`, `i2`, … in document order.
    pub id: String,
    pub kind: ItemKind,
    /// The innermost section the item sits under.
    pub section: Option<String>,
    pub marker: Option<String>,
    pub number: Option<u32>,
    /// The opening title sentence of an item (`学校课程领导力提升项目`), if it has one.
    pub title: Option<String>,
    pub text: String,
    /// Owning units the document names for this item.
    pub owners: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Numbered,
    Paragraph,
    TableRow,
}

/// A table read back into rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// `t1`, `t2`, …
    pub id: String,
    pub section: Option<String>,
    pub title: Option<String>,
    /// Header cells as written (`月份`, `工作内容`, `牵头单位`).
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableRow {
    /// The row's period column (`1-2月`, `3月`), carried down from the row that wrote it.
    pub month: Option<String>,
    /// The work or content column.
    pub work: String,
    /// The lead units, carried down where the cell was merged with the one above.
    pub owners: Vec<String>,
    /// True when `owners` came from a merged cell above rather than this row.
    pub owners_carried: bool,
    /// All cells of the row as read, merged cells filled in.
    pub cells: Vec<String>,
    /// The item that stands for this row.
    pub item: String,
    pub span: Span,
}

/// A quantified target or reported achievement (`../shared/spec/targets.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// `q1`, `q2`, … in document order.
    pub id: String,
    pub kind: TargetKind,
    pub quote: String,
    pub sentence: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    /// `=`, `>=`, `>`, `<=`, `<`, `~`.
    pub comparator: String,
    /// `increase`, `decrease` or null.
    pub change: Option<String>,
    pub each: bool,
    pub subject: String,
    pub action: Option<String>,
    pub year: Option<i32>,
    /// Where `year` came from (null when `year` is null).
    pub year_source: Option<YearSource>,
    pub owners: Vec<String>,
    pub section: Vec<String>,
    /// The item the target belongs to.
    pub item: Option<String>,
    /// The quote in `text`.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Target,
    Achievement,
}

/// Where a target's year came from (`targets.md` §3's precedence).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// The sentence names it (`到2025年`), or the paragraph opens with it.
    Sentence,
    /// A heading above names a year or a period.
    Heading,
    /// A calendar row (`3月`) of a document of one year.
    Calendar,
    /// The title names one year (`2026年政府工作报告`).
    Title,
    /// The last year of the document's plan period.
    Period,
    /// A figure of the past in a document of one year: the year before it.
    Review,
}

/// A stretch removed as noise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dropped {
    pub kind: DropKind,
    pub text: String,
    /// Character offsets in the decoded source text.
    pub span: Span,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DropKind {
    /// Site navigation, ad slots, share buttons, tag lists.
    SiteChrome,
    /// `分类:… 日期:…`, `发布日期:… 来源:…` lines.
    PageInfo,
    /// A `索引号 / 文件编号 / 发布单位 …` block.
    MetadataBlock,
    /// `《….docx》由会员分享…` headers of document-sharing sites.
    ShareHeader,
    /// `12、` page markers of a converted document.
    PageMarker,
    /// `(略)` redactions.
    Redaction,
    /// `点击查看>>` link residue.
    LinkResidue,
    /// The second copy of a body the page repeats.
    RepeatedBody,
    /// The title line standing again near the top.
    RepeatedTitle,
    /// .docx headers, footers, comments and deleted text.
    DocxAside,
    /// Characters that are not text (controls, replacement characters).
    ControlChars,
    /// The web page around the document: navigation, breadcrumbs, search
    /// forms, share and print bars, related-article lists, footers.
    PageChrome,
    /// The text of a web page's `<script>` (and `<noscript>`) elements.
    Script,
    /// The text of a web page's `<style>` elements.
    Style,
    /// Server-template directives left in a saved page (`<#if …>`, `${…}`, `<%…%>`).
    Template,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub message: String,
    pub span: Option<Span>,
}

/// The JSON Schema of [`Document`], as committed in `schemas/document.schema.json`.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document)).expect("schema serializes")
}

/// Serializes a document the one way zhengce writes it: pretty JSON, fields in
/// declaration order, a trailing newline. Same document, same bytes.
/// (The bytes are serde_json's pretty printing; [`crate::json`] writes them faster.)
pub fn to_json(doc: &Document) -> String {
    let mut out = Vec::new();
    write_json(doc, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`to_json`]'s bytes appended to `buf`, held whole (for a document known
/// to be small): what the batch writes for most inputs, with one `write`.
pub fn extend_json(buf: &mut Vec<u8>, doc: &Document) -> std::io::Result<()> {
    // The pretty JSON of a document is about five times its text.
    buf.reserve(5 * doc.text.len() + 4096);
    crate::json::extend_pretty(buf, doc)?;
    buf.push(b'\n');
    Ok(())
}

/// [`to_json`] streamed into `w`, the same bytes without holding them all:
/// what the batch writes to its output files.
pub fn write_json<W: std::io::Write + ?Sized>(doc: &Document, w: &mut W) -> std::io::Result<()> {
    crate::json::to_writer_pretty(w, doc)?;
    w.write_all(b"\n")
}
