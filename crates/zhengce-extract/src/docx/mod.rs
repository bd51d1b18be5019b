//! docx: reads a .docx as Word shows it, into a [`RawDocument`](crate::raw::RawDocument).
//!
//! Placeholder until the .docx issue lands: every .docx is reported as unsupported.

use crate::raw::RawDocument;

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

/// Why a .docx could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error(".docx reading is not implemented yet")]
    Unsupported,
}

/// Reads a .docx from its bytes.
pub fn read(_bytes: &[u8], _limits: &DocxLimits) -> Result<RawDocument, DocxError> {
    Err(DocxError::Unsupported)
}
