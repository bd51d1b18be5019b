//! Replays every input that once crashed or broke an invariant (found by the
//! fuzzers or the property tests), kept in `tests/fixtures/regressions/`.
//!
//! A file's extension picks the reader (`.txt` or `.docx`). Each must give a
//! document whose spans and quotes hold, or a typed error naming the file —
//! never a panic. `EXPECTED` pins what each known input must give.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::{Document, DropKind};
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/regressions")
}

/// Checks the span invariants of one document.
fn check(name: &str, doc: &Document) {
    let text: Vec<char> = doc.text.chars().collect();
    for t in &doc.targets {
        assert!(t.span.end <= text.len(), "{name}: target span out of the text");
        let q: String = text[t.span.start..t.span.end].iter().collect();
        assert_eq!(q, t.quote, "{name}");
    }
    for i in &doc.items {
        assert!(i.span.end <= text.len(), "{name}: item span out of the text");
        let s: String = text[i.span.start..i.span.end].iter().collect();
        assert_eq!(s, i.text, "{name}");
    }
    for s in &doc.sections {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len(), "{name}: section span");
    }
}

/// What a known input gives: `Ok(kinds of dropped stretches it must record)` or `Err(message fragment)`.
type Expect = Result<&'static [DropKind], &'static str>;

const EXPECTED: &[(&str, Expect)] = &[
    // A control character inside a kept line is recorded as dropped, not lost silently.
    ("prop-control-char.txt", Ok(&[DropKind::ControlChars])),
    // A page-marker line led by a control character: the marker span is the marker.
    ("prop-control-before-page-marker.txt", Ok(&[DropKind::ControlChars, DropKind::PageMarker])),
];

#[test]
fn every_regression_input_gives_a_document_or_a_clear_error() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "docx"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for (name, _) in EXPECTED {
        assert!(files.iter().any(|f| f.ends_with(name)), "{name} is missing");
    }
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| EXTRACTOR.extract(&bytes, &name));
        let result = result.unwrap_or_else(|_| panic!("{name}: the extractor panicked"));
        let expect = EXPECTED.iter().find(|(n, _)| *n == name).map(|(_, e)| e);
        match (&result, expect) {
            (Ok(doc), _) if name.ends_with(".txt") => {
                // A UTF-8 source: every dropped stretch is the source at its span.
                if let Ok(src) = std::str::from_utf8(&bytes) {
                    let src: Vec<char> =
                        src.strip_prefix('\u{feff}').unwrap_or(src).chars().collect();
                    for d in &doc.dropped {
                        let s: String = src[d.span.start..d.span.end].iter().collect();
                        assert_eq!(s, d.text, "{name}: {:?}", d.kind);
                    }
                }
                check_expected(&name, doc, expect);
            }
            (Ok(doc), _) => check_expected(&name, doc, expect),
            (Err(e), None) => assert!(e.to_string().starts_with(&name), "{name}: {e}"),
            (Err(e), Some(Err(fragment))) => {
                assert!(e.to_string().contains(fragment), "{name}: {e}")
            }
            (Err(e), Some(Ok(_))) => panic!("{name}: {e}"),
        }
    }
}

fn check_expected(name: &str, doc: &Document, expect: Option<&Expect>) {
    check(name, doc);
    match expect {
        None => {}
        Some(Ok(kinds)) => {
            for k in *kinds {
                assert!(
                    doc.dropped.iter().any(|d| d.kind == *k),
                    "{name}: no {k:?} dropped: {:?}",
                    doc.dropped
                );
            }
        }
        Some(Err(f)) => panic!("{name}: expected an error with `{f}`"),
    }
}
