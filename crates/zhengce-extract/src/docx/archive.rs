//! archive: opens the .docx zip and hands out its parts as bounded readers.
//!
//! Every byte inflated from the archive is counted. A part may not inflate
//! past the bytes still left in the document's budget
//! ([`DocxLimits::max_uncompressed_bytes`]) nor past
//! [`DocxLimits::max_compression_ratio`] times its compressed size (with a
//! floor of [`RATIO_FLOOR`] bytes, so that tiny, very regular parts such as an
//! empty `settings.xml` never trip it). Both limits are checked twice: on the
//! sizes the zip directory declares, and again while inflating (through
//! [`Read::take`] and a byte counter), so a directory that lies about sizes
//! cannot get past them.

use std::io::{self, BufReader, Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{DocxError, DocxLimits};

/// A part may always inflate to this many bytes, whatever its compression ratio.
pub const RATIO_FLOOR: u64 = 64 * 1024;

/// The signature of an OLE compound file (encrypted .docx, old .doc).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An open .docx archive with its inflation budget.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: DocxLimits,
    /// Bytes inflated so far, over all parts.
    inflated: u64,
}

/// Why a bounded read stopped: carried inside an `io::Error` so that the XML
/// reader can pass it up, then turned back into a [`DocxError`].
#[derive(Debug)]
pub struct LimitHit(pub DocxError);

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for LimitHit {}

impl<'a> Archive<'a> {
    /// Opens the archive, telling an OLE file (encrypted .docx, .doc) and a
    /// damaged or foreign file apart from a zip.
    pub fn open(bytes: &'a [u8], limits: &DocxLimits) -> Result<Self, DocxError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(DocxError::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(DocxError::NotZip {
                reason: "it does not start with a zip signature".into(),
            });
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| DocxError::NotZip { reason: zip_reason(&e) })?;
        if zip.len() > limits.max_entries {
            return Err(DocxError::TooManyEntries { count: zip.len(), limit: limits.max_entries });
        }
        Ok(Archive { zip, limits: limits.clone(), inflated: 0 })
    }

    /// Whether the archive has an entry of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Opens a part for streaming, or `None` when the archive has no such entry.
    pub fn open_part(&mut self, name: &str) -> Result<Option<PartReader<'_, 'a>>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let remaining = self.limits.max_uncompressed_bytes.saturating_sub(self.inflated);
        let ratio = self.limits.max_compression_ratio;
        let file = self.zip.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => {
                DocxError::Encrypted
            }
            e => DocxError::BadEntry { part: name.to_string(), reason: zip_reason(&e) },
        })?;
        let declared = file.size();
        let compressed = file.compressed_size();
        let ratio_cap = compressed.saturating_mul(ratio).max(RATIO_FLOOR);
        if declared > remaining {
            return Err(DocxError::TooLarge {
                part: name.to_string(),
                limit: self.limits.max_uncompressed_bytes,
            });
        }
        if declared > ratio_cap {
            return Err(DocxError::CompressionRatio { part: name.to_string(), limit: ratio });
        }
        let (cap, over) = if remaining <= ratio_cap {
            (remaining, Over::Budget(self.limits.max_uncompressed_bytes))
        } else {
            (ratio_cap, Over::Ratio(ratio))
        };
        let counted = Counted {
            // One byte more than allowed, so that going over is seen rather than
            // silently cut off.
            inner: file.take(cap.saturating_add(1)),
            count: 0,
            cap,
            over,
            part: name.to_string(),
            total: &mut self.inflated,
        };
        Ok(Some(PartReader { inner: BufReader::with_capacity(32 * 1024, counted) }))
    }

    /// Reads a whole (small) part into memory, or `None` when it is missing.
    pub fn read_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(mut part) = self.open_part(name)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        part.read_to_end(&mut out).map_err(|e| io_to_docx(e, name))?;
        Ok(Some(out))
    }
}

/// Which limit a part's reader enforces.
#[derive(Debug, Clone, Copy)]
enum Over {
    Budget(u64),
    Ratio(u64),
}

/// Counts inflated bytes and fails once a part goes past its cap.
struct Counted<'z, R> {
    inner: io::Take<R>,
    count: u64,
    cap: u64,
    over: Over,
    part: String,
    total: &'z mut u64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        *self.total += n as u64;
        if self.count > self.cap {
            let part = self.part.clone();
            let err = match self.over {
                Over::Budget(limit) => DocxError::TooLarge { part, limit },
                Over::Ratio(limit) => DocxError::CompressionRatio { part, limit },
            };
            return Err(io::Error::other(LimitHit(err)));
        }
        Ok(n)
    }
}

/// A buffered, bounded reader over one part of the archive.
pub struct PartReader<'z, 'a> {
    inner: BufReader<Counted<'z, zip::read::ZipFile<'z, Cursor<&'a [u8]>>>>,
}

impl Read for PartReader<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl io::BufRead for PartReader<'_, '_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt)
    }
}

/// Turns an I/O error met while reading a part into a [`DocxError`], keeping
/// a limit that was hit.
pub fn io_to_docx(e: io::Error, part: &str) -> DocxError {
    shared_io_to_docx(&e, part)
}

/// Like [`io_to_docx`] for an error shared behind an `Arc` (as quick-xml keeps it).
pub fn shared_io_to_docx(e: &io::Error, part: &str) -> DocxError {
    if let Some(hit) = e.get_ref().and_then(|inner| inner.downcast_ref::<LimitHit>()) {
        return hit.0.clone();
    }
    DocxError::BadEntry { part: part.to_string(), reason: e.to_string() }
}

fn zip_reason(e: &ZipError) -> String {
    match e {
        ZipError::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof => {
            "the archive is truncated".to_string()
        }
        ZipError::InvalidArchive(msg) => format!("the zip structure is damaged ({msg})"),
        ZipError::UnsupportedArchive(msg) => format!("unsupported zip feature ({msg})"),
        ZipError::CompressionMethodNotSupported(m) => {
            format!("compression method {m} is not supported")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counter stops a stream that goes past its cap, whatever was declared.
    #[test]
    fn inflation_counter_stops_past_the_cap() {
        let data = vec![b'x'; 10_000];
        let mut total = 0u64;
        let mut counted = Counted {
            inner: Cursor::new(&data[..]).take(1_001),
            count: 0,
            cap: 1_000,
            over: Over::Ratio(200),
            part: "word/document.xml".into(),
            total: &mut total,
        };
        let mut out = Vec::new();
        let e = io_to_docx(counted.read_to_end(&mut out).unwrap_err(), "word/document.xml");
        assert!(matches!(e, DocxError::CompressionRatio { limit: 200, .. }), "{e}");
        assert!(out.len() <= 1_001);
        assert!(total <= 1_001);
    }

    #[test]
    fn a_stream_within_its_cap_reads_whole() {
        let data = vec![b'x'; 1_000];
        let mut total = 0u64;
        let mut counted = Counted {
            inner: Cursor::new(&data[..]).take(1_001),
            count: 0,
            cap: 1_000,
            over: Over::Budget(1_000),
            part: "p".into(),
            total: &mut total,
        };
        let mut out = Vec::new();
        counted.read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), 1_000);
    }
}
