//! Linear cost, counted: adversarial inputs grown in 4× steps must give output,
//! peak memory and work that grow at most 4× per step (within 10%).
//!
//! Nothing is timed. Output is the JSON's bytes; memory is the peak of live
//! heap bytes and work the bytes allocated in all, both counted by this test
//! binary's global allocator (every string built per target or per sentence
//! shows in it). Each count is taken over one `extract` + `write_json`, on this
//! thread, after a warm-up that loads the dictionary and the regexes.
//!
//! Shapes (issue 12): one line of targets, one line of markers, one character
//! repeated, a table of many rows, many headings, a paragraph of many
//! `、`-joined owners. The largest size of each stays small enough for the
//! test profile; `tests/bad_inputs.rs` runs the 64 MB line in release.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Cursor, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use zhengce_extract::{model, Config, Extractor};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
/// Counting is on only inside [`measure`]; tests in this file run one at a time.
static ON: AtomicBool = AtomicBool::new(false);
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
            TOTAL.fetch_add(l.size(), Ordering::Relaxed);
        }
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if ON.load(Ordering::Relaxed) {
            LIVE.fetch_sub(l.size().min(LIVE.load(Ordering::Relaxed)), Ordering::Relaxed);
        }
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            if new > l.size() {
                let grow = new - l.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
                TOTAL.fetch_add(grow, Ordering::Relaxed);
            } else {
                let shrink = (l.size() - new).min(LIVE.load(Ordering::Relaxed));
                LIVE.fetch_sub(shrink, Ordering::Relaxed);
            }
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

#[derive(Debug, Clone, Copy)]
struct Cost {
    input: usize,
    output: usize,
    peak: usize,
    work: usize,
    targets: usize,
}

fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(|| {
        let ex = Extractor::new(Config::default());
        // Warm-up: lazily built tables are not the document's cost.
        let d = ex.extract("到2025年，新增教师2000名。".as_bytes(), "w.txt").unwrap();
        let _ = model::to_json(&d);
        let _ = ex.extract(&docx_table(3), "w.docx").unwrap();
        ex
    })
}

fn measure(bytes: Vec<u8>, name: &str) -> Cost {
    let ex = extractor();
    let input = bytes.len();
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    TOTAL.store(0, Ordering::SeqCst);
    ON.store(true, Ordering::SeqCst);
    let doc = ex.extract_owned(bytes, name).unwrap_or_else(|e| panic!("{e}"));
    let mut sink = Counter(0);
    model::write_json(&doc, &mut sink).unwrap();
    let targets = doc.targets.len();
    drop(doc);
    ON.store(false, Ordering::SeqCst);
    Cost {
        input,
        output: sink.0,
        peak: PEAK.load(Ordering::SeqCst),
        work: TOTAL.load(Ordering::SeqCst),
        targets,
    }
}

/// Counts the bytes written to it.
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Grows `make(n)` for n = base, 4·base, 16·base; fails when output, peak or
/// work grows by more than 1.1 × the input's growth (4×, or more when the
/// input bytes grow more) from one step to the next.
fn assert_linear(shape: &str, base: usize, ext: &str, make: impl Fn(usize) -> Vec<u8>) -> Cost {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let costs: Vec<Cost> = [base, 4 * base, 16 * base]
        .iter()
        .map(|&n| measure(make(n), &format!("{shape}.{ext}")))
        .collect();
    for w in costs.windows(2) {
        let (a, b) = (w[0], w[1]);
        // The input's growth: its bytes, or for a compressed .docx, the 4× of its parts.
        let r_in = (b.input as f64 / a.input as f64).max(4.0);
        let bound = r_in * 1.1;
        for (what, x, y) in [
            ("output bytes", a.output, b.output),
            ("peak heap", a.peak, b.peak),
            ("allocated", a.work, b.work),
        ] {
            let r = y as f64 / x.max(1) as f64;
            assert!(
                r <= bound,
                "{shape}: {what} grew {r:.2}× for {r_in:.2}× input ({x} → {y}); all: {costs:?}"
            );
        }
    }
    let last = *costs.last().unwrap();
    eprintln!("{shape}: {last:?}");
    last
}

#[test]
fn one_line_of_targets_is_linear_and_its_evidence_bounded() {
    let last = assert_linear("targets_line", 1000, "txt", |n| {
        "到2025年新增教师2000名，".repeat(n).into_bytes()
    });
    assert!(last.targets >= 16_000, "{last:?}");
    // Each record is bounded: a few hundred bytes of JSON per target, whatever n.
    assert!(last.output / last.targets < 1500, "{last:?}");
    // And the evidence is the clauses around the quote, at most 200 characters.
    let doc =
        extractor().extract("到2025年新增教师2000名，".repeat(2000).as_bytes(), "t.txt").unwrap();
    for t in &doc.targets {
        assert!(t.sentence.chars().count() <= 200, "{}", t.sentence);
        assert!(t.sentence.contains(&t.quote), "{} / {}", t.quote, t.sentence);
    }
    // The year written at the start of the line still governs its last clause.
    assert_eq!(doc.targets.last().unwrap().year, Some(2025));
}

#[test]
fn one_line_of_markers_is_linear() {
    assert_linear("markers_line", 1000, "txt", |n| {
        (1..=n).map(|k| format!("{k}.完善工作制度{k}项")).collect::<String>().into_bytes()
    });
}

#[test]
fn one_character_repeated_is_linear() {
    assert_linear("one_char", 20_000, "txt", |n| "一".repeat(n).into_bytes());
}

#[test]
fn many_headings_are_linear() {
    assert_linear("headings", 500, "txt", |n| {
        (1..=n).map(|k| format!("第{k}章 工作任务\n")).collect::<String>().into_bytes()
    });
}

#[test]
fn a_paragraph_of_owners_is_linear() {
    assert_linear("owners", 1000, "txt", |n| {
        let owners: Vec<String> = (1..=n).map(|k| format!("第{k}中学")).collect();
        format!("1.新建实验室20个，培训教师300名。牵头单位：{}", owners.join("、")).into_bytes()
    });
}

#[test]
fn a_long_table_is_linear() {
    assert_linear("table", 200, "docx", docx_table);
}

/// A .docx holding one table of `rows` task rows (task, target, owner).
fn docx_table(rows: usize) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let mut body = String::from("<w:tbl>");
    body.push_str(&format!(
        "<w:tr>{}{}{}</w:tr>",
        cell("重点任务"),
        cell("目标"),
        cell("牵头单位")
    ));
    for k in 1..=rows {
        body.push_str(&format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&format!("建设项目{k}")),
            cell(&format!("新建学校{}所", k % 97 + 1)),
            cell("市教育局")
        ));
    }
    body.push_str("</w:tbl>");
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}
