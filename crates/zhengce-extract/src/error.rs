//! error: why an input could not be converted, in words a person understands.
//!
//! Damaged but readable input is *not* an error (the pipeline returns the
//! document and its diagnostics); an error means there is no document to give.

use crate::docx::DocxError;

/// An input that could not be converted. Its `Display` names the file and the reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ExtractError {
    /// The input's path as given.
    pub path: String,
    pub kind: ErrorKind,
}

/// The reason an input could not be converted.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is {size} bytes, over the input limit of {limit} bytes (see --max-input-bytes)"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is not text: {what}")]
    Binary { what: String },
    #[error("the text could not be decoded: {reason}")]
    Undecodable { reason: String },
    #[error("unsupported input format `{extension}` (zhengce reads .txt, .htm, .html, .shtml, .jsp, .ftl and .docx)")]
    UnsupportedFormat { extension: String },
    #[error("{0}")]
    Docx(#[from] DocxError),
    #[error("the document has no text after cleaning")]
    NoText,
    #[error("extraction took longer than the limit of {seconds} s per document (see --timeout)")]
    Timeout { seconds: f64 },
    #[error("the web page holds no document: only navigation, scripts and other page chrome")]
    NoDocumentOnPage,
}

impl ExtractError {
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> Self {
        ExtractError { path: path.into(), kind }
    }
}
