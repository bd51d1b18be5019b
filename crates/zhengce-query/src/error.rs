//! error: what can go wrong opening, building and querying an index, each naming the path.

use std::path::PathBuf;

/// An error of the query crate. Every variant that concerns a file names it.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// Nothing at the index path.
    #[error("no zhengce index at {path}: build one with `zhengce index DIR --index {path}`")]
    NotFound { path: PathBuf },
    /// A directory that is not (or no longer) a zhengce index.
    #[error(
        "{path} is not a zhengce index (no zhengce-index.json beside the index files): \
         re-index with `zhengce index DIR --index {path}` into an empty or new directory"
    )]
    NotAnIndex { path: PathBuf },
    /// The index was written by another version of zhengce.
    #[error(
        "the index at {path} has format version {found} (extractor schema {found_schema}), \
         this zhengce reads format version {expected} (extractor schema {expected_schema}): \
         re-index with `zhengce index DIR --index {path}`"
    )]
    VersionMismatch {
        path: PathBuf,
        found: u32,
        found_schema: String,
        expected: u32,
        expected_schema: String,
    },
    /// The index files are damaged or incomplete.
    #[error(
        "the index at {path} is corrupt ({reason}): delete it and re-index with \
         `zhengce index DIR --index {path}`"
    )]
    Corrupt { path: PathBuf, reason: String },
    /// tantivy failed while reading or writing the index.
    #[error("index {path}: {source}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A folder given to `index` holds no extracted document.
    #[error(
        "{path} holds no extracted zhengce document (<stem>.json){skipped}: \
         extract into it first with `zhengce extract INPUTS --out {path}`"
    )]
    NoDocuments { path: PathBuf, skipped: String },
    /// The request itself is invalid (a bad year range, min above max, …).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// The query was stopped through its [`crate::Cancel`] flag before it finished.
    #[error("the query was cancelled before it finished")]
    Cancelled,
}

/// Result of the query crate.
pub type Result<T, E = QueryError> = std::result::Result<T, E>;

impl QueryError {
    pub(crate) fn tantivy(path: &std::path::Path, source: tantivy::TantivyError) -> Self {
        QueryError::Tantivy { path: path.to_path_buf(), source }
    }
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        QueryError::Io { path: path.to_path_buf(), source }
    }
}
