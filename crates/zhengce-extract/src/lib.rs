//! zhengce-extract: turns Chinese government policy documents into structured data.
//!
//! Bytes go in, a [`model::Document`] comes out:
//!
//! ```text
//! bytes ─ read (decode | docx) ─▶ RawDocument ─ clean ─▶ cleaned text + dropped
//!       ─ meta ─▶ title, issuer, 文号, dates, plan period
//!       ─ structure ─▶ sections, items, task tables, owners
//!       ─ targets (segmenting, with jieba and the domain dictionary, only the
//!         windows around quantities) ─▶ quantified targets ─▶ Document (model::to_json)
//! ```
//!
//! The library never touches the file system: callers hand it bytes and a
//! path to name them by. Damaged input is not an error: the document comes
//! back with `dropped` and `diagnostics`. An [`ExtractError`] means there is
//! no document to give (empty, binary, too large, unreadable container).
//!
//! ```
//! let ex = zhengce_extract::Extractor::new(zhengce_extract::Config::default());
//! let doc = ex.extract("到2025年，新增市新锐教师2000名。".as_bytes(), "plan.txt").unwrap();
//! assert_eq!(doc.targets[0].value, 2000.0);
//! assert_eq!(doc.targets[0].year, Some(2025));
//! ```

pub mod clean;
pub mod deadline;
pub mod decode;
pub mod dictionary;
pub mod docx;
pub mod error;
pub mod html;
pub mod json;
pub mod labels;
pub mod meta;
pub mod model;
pub mod numbers;
mod pipeline;
pub mod raw;
pub mod render;
pub mod segment;
pub mod structure;
pub mod targets;
pub mod textutil;
pub mod time;
pub mod tsv;
pub mod units;

pub use error::{ErrorKind, ExtractError};
pub use pipeline::{Extractor, StageTimes};
pub use segment::Segmenter;

/// Limits and switches of one extraction run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub limits: Limits,
}

/// Safe defaults against hostile or broken inputs; each is settable on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_input_bytes: u64,
    /// Lines longer than this many characters are processed in pieces of this size
    /// for the quadratic-risk stages (repeated-body detection).
    pub max_line_chars: usize,
    /// Most targets written for one document; past it the document keeps
    /// those found so far and says so in a diagnostic.
    pub max_targets: usize,
    /// Longest time one document may take (`None`: no limit). A document
    /// that takes longer is an error (`ErrorKind::Timeout`).
    pub timeout: Option<std::time::Duration>,
    pub docx: docx::DocxLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * 1024 * 1024,
            max_line_chars: 100_000,
            max_targets: 100_000,
            timeout: Some(std::time::Duration::from_secs(60)),
            docx: docx::DocxLimits::default(),
        }
    }
}

/// The input formats zhengce reads, chosen by file extension (what a folder
/// walk picks up). A `.txt` may still turn out to be a web page: see
/// [`format_for_input`].
pub fn format_for_path(path: &str) -> Option<model::SourceFormat> {
    let ext = extension(path)?;
    match ext.as_str() {
        "txt" | "text" => Some(model::SourceFormat::Text),
        "htm" | "html" | "xhtml" | "shtml" | "jsp" | "ftl" => Some(model::SourceFormat::Html),
        "docx" => Some(model::SourceFormat::Docx),
        _ => None,
    }
}

/// The lower-cased extension of the file name in `path`, if it has one.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty()).map(|(_, e)| e.to_ascii_lowercase())
}

/// The reader for an input, from its extension and its content: a `.txt`
/// or extension-less file that is a web page ([`html::looks_like_html`]) is
/// read as HTML; a `.docx` is a .docx whatever it holds. An unknown
/// extension is an error naming it.
pub fn format_for_input(path: &str, bytes: &[u8]) -> Result<model::SourceFormat, ErrorKind> {
    use model::SourceFormat::{Docx, Html, Text};
    let sniff = || if html::looks_like_html(bytes) { Html } else { Text };
    match format_for_path(path) {
        Some(Docx) => Ok(Docx),
        Some(Html) => Ok(Html),
        Some(Text) => Ok(sniff()),
        None => match extension(path) {
            None => Ok(sniff()),
            Some(extension) => Err(ErrorKind::UnsupportedFormat { extension }),
        },
    }
}

/// Lower-case hex sha256 of some bytes, as written in `source.sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(s, "{b:02x}");
    }
    s
}
