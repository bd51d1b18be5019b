//! Fuzz target `docx_xml`: structure-aware .docx fuzzing past the zip layer.
//!
//! The input is split on the byte `0xFF` (never valid in UTF-8, so never in
//! the seeds' XML) into up to three parts: `word/document.xml`,
//! `word/numbering.xml` and `word/styles.xml`. They are packed, stored
//! uncompressed, into a valid zip with a minimal `[Content_Types].xml` and
//! relationships, and the zip is read as a .docx. A missing part is left out
//! of the archive. The quotes and item texts must be the text at their spans.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zhengce_extract::{Config, Extractor};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "check.rs"]
mod check;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// Packs the parts into a .docx (stored entries, fixed timestamps).
fn package(document: &[u8], numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut entry = |name: &str, bytes: &[u8]| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    };
    entry("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    entry("_rels/.rels", ROOT_RELS.as_bytes());
    entry("word/_rels/document.xml.rels", DOC_RELS.as_bytes());
    entry("word/document.xml", document);
    if let Some(n) = numbering {
        entry("word/numbering.xml", n);
    }
    if let Some(s) = styles {
        entry("word/styles.xml", s);
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let document = parts.next().unwrap_or_default();
    let numbering = parts.next();
    let styles = parts.next();
    let docx = package(document, numbering, styles);
    if let Ok(doc) = EXTRACTOR.extract(&docx, "fuzz.docx") {
        check::spans(&doc);
    }
});
