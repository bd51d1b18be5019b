//! The watchdog looks inside the loops (issue 12): the .docx reader at every
//! XML event, the structure at every line and inline marker. Nothing here is
//! timed: a deadline that never expires counts how often a loop looked
//! (`Deadline::ticks`), and one that is up before the loop starts must be seen
//! at the loop's first step, so the stage stops there, not after its work.

use std::time::Duration;

use zhengce_extract::clean::{clean, Cleaned};
use zhengce_extract::deadline::Deadline;
use zhengce_extract::docx::{self, DocxError, DocxLimits};
use zhengce_extract::raw::{Block, Para, RawDocument};
use zhengce_extract::{structure, Config, ErrorKind, Extractor, Limits};

mod common;
use common::{docx_table, markers_line, numbered_items};

fn expired() -> Deadline {
    Deadline::after(Some(Duration::ZERO))
}

#[test]
fn the_docx_reader_looks_at_the_deadline_at_every_xml_event() {
    let ticks = |rows: usize| {
        let d = Deadline::never();
        let raw = docx::read_within(&docx_table(rows), &DocxLimits::default(), &d).unwrap();
        let cells = raw.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
        assert_eq!(cells, 1);
        d.ticks()
    };
    let (small, big) = (ticks(1_000), ticks(4_000));
    // A row is some thirty events (tr, three tc, p, r, t, text, their ends): looked at for each.
    assert!(small >= 20 * 1_000, "{small}");
    assert!(big as f64 >= 3.9 * small as f64, "{small} → {big}");
}

#[test]
fn an_expired_deadline_stops_the_docx_reader_at_its_first_event() {
    let d = expired();
    match docx::read_within(&docx_table(20_000), &DocxLimits::default(), &d) {
        Err(DocxError::Timeout { part }) => assert_eq!(part, "word/document.xml"),
        other => panic!("expected a timeout, got {:?}", other.map(|r| r.blocks.len())),
    }
    assert_eq!(d.ticks(), 1, "stopped at the first step of the body's loop");
}

#[test]
fn a_docx_past_its_time_is_an_error_naming_the_file_and_the_limit() {
    let ex = Extractor::new(Config {
        limits: Limits { timeout: Some(Duration::ZERO), ..Limits::default() },
    });
    let e = ex.extract(&docx_table(50_000), "big/table.docx").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Timeout { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.starts_with("big/table.docx: "), "{msg}");
    assert!(msg.contains("limit of 0 s") && msg.contains("--timeout"), "{msg}");
}

/// Cleaned text of these lines, as the text reader gives them.
fn cleaned(lines: &[String]) -> Cleaned {
    let mut raw = RawDocument::default();
    let mut start = 0;
    for l in lines {
        raw.blocks.push(Block::Para(Para { start, text: l.clone(), heading_level: None }));
        start += l.chars().count() + 1;
    }
    raw.source_text = lines.join("\n");
    clean(&raw, &Limits::default(), &Deadline::never())
}

#[test]
fn the_structure_looks_at_the_deadline_at_every_line_and_marker() {
    let headings: Vec<String> = (1..=5_000).map(|k| format!("第{k}章 工作任务")).collect();
    let c = cleaned(&headings);
    let d = Deadline::never();
    assert_eq!(structure::analyze(&c, &d).sections.len(), 5_000);
    assert!(d.ticks() >= 5_000, "{}", d.ticks());

    // One line of 5,000 items run together: looked at for each inline marker.
    let c = cleaned(&[markers_line(5_000)]);
    let d = Deadline::never();
    let s = structure::analyze(&c, &d);
    assert_eq!(numbered_items(&s.items), 5_000);
    assert!(d.ticks() >= 5_000, "{}", d.ticks());

    // Up before it starts: stopped at the first line, with nothing built.
    let d = expired();
    let s = structure::analyze(&cleaned(&headings), &d);
    assert!(s.sections.is_empty());
    assert_eq!(d.ticks(), 1);
}
