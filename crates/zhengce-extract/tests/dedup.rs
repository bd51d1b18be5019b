//! Dedup that keeps text (issue 12): only the document's own title restated
//! and the whole body repeated are dropped (`cleaning.md`); a paragraph that
//! recurs is text. And a deleted paragraph mark joins two paragraphs.
//!
//! The .docx files are made by `tests/fixtures/dedup/make.py` (python-docx);
//! `libreoffice_accept.sh` there wrote what LibreOffice shows of the tracked
//! deletion once all changes are accepted.

use std::path::{Path, PathBuf};

use zhengce_extract::model::{Document, DropKind};
use zhengce_extract::{Config, Extractor};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/dedup").join(name)
}

fn extract(name: &str) -> Document {
    let bytes = std::fs::read(fixture(name)).unwrap();
    Extractor::new(Config::default()).extract(&bytes, name).unwrap()
}

fn lines(d: &Document) -> Vec<&str> {
    d.text.lines().collect()
}

#[test]
fn a_paragraph_repeated_under_several_headings_stays() {
    let d = extract("repeated_paragraph.docx");
    assert_eq!(d.text.matches("Some more plain text").count(), 3, "{}", d.text);
    assert_eq!(d.text.matches("各地要结合实际抓好落实").count(), 3, "{}", d.text);
    assert!(
        !d.dropped
            .iter()
            .any(|x| matches!(x.kind, DropKind::RepeatedTitle | DropKind::RepeatedBody)),
        "{:?}",
        d.dropped
    );
}

#[test]
fn a_repeated_owner_line_after_each_item_stays() {
    let owner = "责任单位：市教育局，各级各类学校";
    let text = format!(
        "关于推进教育数字化转型的实施方案\n一、重点任务\n1.建设智慧校园50所。\n{owner}\n2.培训骨干教师3000名。\n{owner}\n3.新建创新实验室20个。\n{owner}\n4.开发精品课程100门。\n{owner}\n"
    );
    let d = Extractor::new(Config::default()).extract(text.as_bytes(), "owners.txt").unwrap();
    assert_eq!(d.text.matches(owner).count(), 4, "{}", d.text);
    assert!(d.dropped.is_empty(), "{:?}", d.dropped);
    assert_eq!(d.targets.len(), 4);
    for t in &d.targets {
        assert_eq!(t.owners, vec!["市教育局", "各级各类学校"], "{}", t.quote);
    }
}

#[test]
fn a_deleted_paragraph_mark_joins_the_paragraph_to_the_next() {
    let d = extract("deleted_mark.docx");
    assert_eq!(
        lines(&d),
        vec![
            "This is a split Paragraph.",
            "Another paragraph.",
            "到2025年，新增市新锐教师2000名。",
            "责任单位：市教育局"
        ],
        "{}",
        d.text
    );
    assert_eq!(d.targets.len(), 1);
    assert_eq!(d.targets[0].year, Some(2025));
}

/// The same file as LibreOffice shows it after accepting all changes
/// (`tests/fixtures/dedup/libreoffice_accept.sh` wrote it with LibreOffice 7.4).
#[test]
fn a_deleted_paragraph_mark_reads_as_libreoffice_shows_it_with_changes_accepted() {
    let d = extract("deleted_mark.docx");
    let lo = std::fs::read_to_string(fixture("deleted_mark.libreoffice.txt")).unwrap();
    let lo: Vec<&str> = lo.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines(&d), lo);
}
