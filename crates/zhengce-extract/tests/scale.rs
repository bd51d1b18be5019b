//! Linear cost, counted: adversarial inputs grown in 4× steps must give output,
//! peak memory and work that grow at most 4× per step (within 10%).
//!
//! Nothing is timed. Output is the JSON's bytes; memory is the peak of live
//! heap bytes and work the bytes allocated in all, both counted by this test
//! binary's global allocator (every string built per target or per sentence
//! shows in it). Each count is taken over one `extract` + `write_json`, on this
//! thread, after a warm-up that loads the dictionary and the regexes. Only the
//! measuring thread's allocations count: the other tests of this file run
//! beside it (the harness's threads), and what they allocate is not this
//! document's cost.
//!
//! Shapes (issue 12), each grown to the size the issue names: a .docx table
//! of 100,000 rows, 50,000 headings, a paragraph of 100,000 `、`-joined owners;
//! and one line of targets, one line of markers, one character repeated. Each
//! shape is also checked to reach the code it is for (the rows are parsed into
//! `tables`, the headings into `sections`, the owners onto the item, the
//! markers cut into items), so that a shape that silently turned into plain
//! text would fail. `tests/bad_inputs.rs` runs the 64 MB line in release.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use zhengce_extract::{model, Config, Extractor};

mod common;
use common::{docx_table, markers_line, numbered_items};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
/// Measurements in this file run one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Counting is on only inside [`measure`], and only on its thread. A test
    /// beside it (one that extracts after its measurements) once added its
    /// allocations to another's peak: a flaky "peak heap grew 4.55×".
    static ON: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is counting (`false` while its locals are torn down).
fn counting() -> bool {
    ON.try_with(Cell::get).unwrap_or(false)
}

fn set_counting(on: bool) {
    ON.with(|c| c.set(on));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if counting() {
            let live = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
            TOTAL.fetch_add(l.size(), Ordering::Relaxed);
        }
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if counting() {
            LIVE.fetch_sub(l.size().min(LIVE.load(Ordering::Relaxed)), Ordering::Relaxed);
        }
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if counting() {
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

fn measure(bytes: Vec<u8>, name: &str, reached: &dyn Fn(&model::Document)) -> Cost {
    let ex = extractor();
    let input = bytes.len();
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    TOTAL.store(0, Ordering::SeqCst);
    set_counting(true);
    let doc = ex.extract_owned(bytes, name).unwrap_or_else(|e| panic!("{e}"));
    let mut sink = Counter(0);
    model::write_json(&doc, &mut sink).unwrap();
    let targets = doc.targets.len();
    set_counting(false);
    reached(&doc);
    set_counting(true);
    drop(doc);
    set_counting(false);
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

/// Grows `make(n)` for n = largest/16, largest/4, largest; fails when output,
/// peak or work grows by more than 1.1 × the input's growth (4×, or more when
/// the input bytes grow more) from one step to the next. `reached(doc, n)`
/// checks that the document of size n went through the code the shape is for.
fn assert_linear(
    shape: &str,
    largest: usize,
    ext: &str,
    make: impl Fn(usize) -> Vec<u8>,
    reached: impl Fn(&model::Document, usize),
) -> Cost {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    assert_eq!(largest % 16, 0);
    // Warm-up with this shape, on this thread: the patterns it needs are
    // compiled and their caches built before the first measured step, whatever
    // ran before (lazily built tables are not the document's cost, and a cache
    // replaced inside a step would be counted as freed there).
    let warm = extractor().extract_owned(make(largest / 16), &format!("{shape}.{ext}")).unwrap();
    model::write_json(&warm, &mut Counter(0)).unwrap();
    drop(warm);
    let costs: Vec<Cost> = [largest / 16, largest / 4, largest]
        .iter()
        .map(|&n| measure(make(n), &format!("{shape}.{ext}"), &|d| reached(d, n)))
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
    let peaks: Vec<usize> = costs.iter().map(|c| c.peak).collect();
    eprintln!(
        "{shape} at {largest}: input {} B, output {} B, peak heap {:.1} MiB (steps: {peaks:?} B), allocated {:.1} MiB, {} targets",
        last.input,
        last.output,
        last.peak as f64 / 1048576.0,
        last.work as f64 / 1048576.0,
        last.targets
    );
    last
}

#[test]
fn one_line_of_targets_is_linear_and_its_evidence_bounded() {
    let last = assert_linear(
        "targets_line",
        16_000,
        "txt",
        |n| "到2025年新增教师2000名，".repeat(n).into_bytes(),
        |d, n| assert_eq!(d.targets.len(), n),
    );
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

/// Numbered items run together on one line, as a sharing site leaves them:
/// each marker after a full stop continues the numbering and cuts an item.
#[test]
fn one_line_of_markers_is_linear() {
    assert_linear(
        "markers_line",
        16_000,
        "txt",
        |n| markers_line(n).into_bytes(),
        |d, n| assert_eq!(numbered_items(&d.items), n),
    );
}

#[test]
fn one_character_repeated_is_linear() {
    assert_linear(
        "one_char",
        320_000,
        "txt",
        |n| "一".repeat(n).into_bytes(),
        |d, n| assert_eq!(d.text.chars().count(), n),
    );
}

#[test]
fn fifty_thousand_headings_are_linear() {
    assert_linear(
        "headings",
        50_000,
        "txt",
        // A chapter, then nine sections in it (heading numbers have at most four digits).
        |n| {
            (0..n)
                .map(|k| match k % 10 {
                    0 => format!("第{}章 工作任务\n", k / 10 + 1),
                    s => format!("第{s}节 具体措施\n"),
                })
                .collect::<String>()
                .into_bytes()
        },
        |d, n| {
            assert_eq!(d.sections.len(), n);
            let chapters = d.sections.iter().filter(|s| s.parent.is_none()).count();
            assert_eq!(chapters, n.div_ceil(10));
        },
    );
}

#[test]
fn a_paragraph_of_a_hundred_thousand_owners_is_linear() {
    assert_linear(
        "owners",
        100_000,
        "txt",
        |n| {
            let owners: Vec<String> = (1..=n).map(|k| format!("第{k}中学")).collect();
            format!("1.新建实验室20个，培训教师300名。牵头单位：{}", owners.join("、")).into_bytes()
        },
        |d, n| {
            // Every owner is on the item, each once; a target carries a bounded few.
            assert_eq!(d.items[0].owners.len(), n);
            assert_eq!(d.units.len(), n);
            assert!(d.targets.iter().all(|t| t.owners.len() <= 64));
        },
    );
}

#[test]
fn a_table_of_a_hundred_thousand_rows_is_linear() {
    assert_linear("table", 100_000, "docx", docx_table, |d, n| {
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].rows.len(), n);
        assert_eq!(d.tables[0].rows[n - 1].owners, ["市教育局"]);
        // Each row's two work cells are items; the 目标 cell restates the
        // task's figure, one record.
        assert_eq!(d.items.len(), 2 * n);
        assert_eq!(d.targets.len(), n);
    });
}
