//! The same sample as .docx (made by python-docx, with Word's automatic numbering and
//! merged cells) and as text (lines taken from the sample corpus) gives the same
//! headings, items, table rows and targets.

use std::path::{Path, PathBuf};

use zhengce_extract::model::Document;
use zhengce_extract::{Config, Extractor};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(ex: &Extractor, bytes: &[u8], name: &str) -> Document {
    ex.extract(bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

/// The lines of a corpus document's cleaned text.
fn corpus_lines(ex: &Extractor, stem: &str) -> Vec<String> {
    let bytes = std::fs::read(root().join(format!("corpus/{stem}.txt"))).unwrap();
    extract(ex, &bytes, "c.txt").text.lines().map(String::from).collect()
}

fn headings(d: &Document) -> Vec<(u8, String, String)> {
    d.sections.iter().map(|s| (s.level, s.marker.clone(), s.title.clone())).collect()
}

fn targets(d: &Document) -> Vec<(String, f64, Option<f64>, String, Option<i32>, Vec<String>, Vec<String>)> {
    d.targets
        .iter()
        .map(|t| (t.quote.clone(), t.value, t.value_max, t.unit.clone(), t.year, t.owners.clone(), t.section.clone()))
        .collect()
}

#[test]
fn seed_004_outline_as_docx_and_as_text() {
    let ex = Extractor::new(Config::default());
    let docx = std::fs::read(root().join("tests/fixtures/docx/seed004_outline.docx")).unwrap();
    let from_docx = extract(&ex, &docx, "seed004_outline.docx");
    // Every heading the .docx shows (automatic markers rendered) is a heading of the sample.
    let sample = {
        let bytes = std::fs::read(root().join("corpus/004_2dc12a55133938f1.txt")).unwrap();
        extract(&ex, &bytes, "c.txt")
    };
    let sample_titles: Vec<&str> = sample.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(from_docx.sections.len() >= 5);
    for s in &from_docx.sections {
        assert!(sample_titles.contains(&s.title.as_str()), "not a heading of the sample: {}", s.title);
        assert!(s.marker.ends_with('、') || s.marker.ends_with('）'), "{}", s.marker);
    }
    let lines: Vec<&str> = from_docx.text.lines().collect();
    // The same lines as a text file.
    let text = lines.join("\n");
    let from_text = extract(&ex, text.as_bytes(), "seed004_outline.txt");
    assert_eq!(headings(&from_docx), headings(&from_text));
    assert!(headings(&from_docx).iter().any(|(l, m, t)| *l == 1 && m == "一、" && t == "指导思想"));
    let items = |d: &Document| d.items.iter().map(|i| (i.kind, i.text.clone())).collect::<Vec<_>>();
    assert_eq!(items(&from_docx), items(&from_text));
    assert_eq!(targets(&from_docx), targets(&from_text));
    assert!(!from_docx.targets.is_empty());
}

#[test]
fn seed_000_calendar_as_docx_and_as_text() {
    let ex = Extractor::new(Config::default());
    let docx = std::fs::read(root().join("tests/fixtures/docx/pydocx_calendar.docx")).unwrap();
    let from_docx = extract(&ex, &docx, "pydocx_calendar.docx");
    // The text version: the same stretch of seed 000's flattened table, from the corpus.
    let corpus = corpus_lines(&ex, "000_448e06abcfbe1948");
    let start = corpus.iter().position(|l| l == "附件1").unwrap();
    let end = corpus.iter().position(|l| l == "人事处").unwrap();
    let text = corpus[start..=end].join("\n");
    let from_text = extract(&ex, text.as_bytes(), "calendar.txt");
    let rows = |d: &Document| {
        d.tables[0]
            .rows
            .iter()
            .filter(|r| r.month.as_deref().is_some_and(|m| m.ends_with('月')))
            .map(|r| (r.month.clone(), r.work.clone(), r.owners.clone(), r.owners_carried))
            .collect::<Vec<_>>()
    };
    assert_eq!(from_docx.tables.len(), 1);
    assert_eq!(rows(&from_docx), rows(&from_text));
    assert_eq!(rows(&from_text).len(), 12);
    let row_targets = |d: &Document| {
        targets(d).into_iter().filter(|t| t.6.last().is_some_and(|m| m.ends_with('月'))).collect::<Vec<_>>()
    };
    assert_eq!(row_targets(&from_docx), row_targets(&from_text));
    let t = &row_targets(&from_docx)[0];
    assert_eq!((t.1, t.3.as_str(), t.5.clone()), (10.0, "所", vec!["学前指导中心".to_string()]));
}
