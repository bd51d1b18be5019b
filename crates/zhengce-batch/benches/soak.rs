//! Soak benchmark (issue 12; a benchmark, not a test): whole batches through
//! `zhengce_batch::run`, reporting wall time, peak memory and output bytes.
//!
//! - small documents: 5,000, 10,000 and 20,000 (the first 2 KB of a corpus
//!   document, each with its own number): memory must stay flat as the batch grows;
//! - big documents: 200 of 2 MB (corpus documents repeated, each its own number).
//!
//! Peak memory is the process's `VmHWM`, reset before each batch by writing
//! `5` to `/proc/self/clear_refs` (Linux); within the largest small batch the
//! resident set (`VmRSS`) is also sampled after each quarter of its documents,
//! which shows whether memory grows with the documents done. Run:
//! `cargo bench -p zhengce-batch --bench soak` (`SOAK_SCALE=0.1` for a quick look).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use zhengce_batch::{discover, run, Options};
use zhengce_extract::{Config, Extractor};

const STEMS: [&str; 5] = [
    "000_448e06abcfbe1948",
    "001_e986118b87bfc201",
    "002_d8b7d3eb7f9ecd3f",
    "003_1e80aac524cde05d",
    "004_2dc12a55133938f1",
];

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    STEMS.iter().map(|s| std::fs::read_to_string(root.join(format!("{s}.txt"))).unwrap()).collect()
}

/// The longest prefix of `s` of at most `n` bytes that ends on a char boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A `/proc/self/status` field in KiB (`VmHWM`, `VmRSS`).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn reset_hwm() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

fn batch(ex: &Extractor, label: &str, inputs: &Path, out: &Path) {
    reset_hwm();
    let t = Instant::now();
    let (found, errors) = discover(&[inputs.to_path_buf()], Some(out));
    // Resident set after each quarter of the batch.
    let done = AtomicUsize::new(0);
    let quarter = (found.len() / 4).max(1);
    let samples = Mutex::new(Vec::new());
    let progress = |_: &zhengce_batch::InputReport| {
        let k = done.fetch_add(1, Ordering::Relaxed) + 1;
        if k % quarter == 0 {
            samples.lock().unwrap().push((k, status_kib("VmRSS") / 1024));
        }
    };
    let report = run(ex, &found, &errors, out, &Options { force: true, ..Options::default() }, &progress).unwrap();
    let wall = t.elapsed().as_secs_f64();
    assert_eq!(
        report.failed,
        0,
        "{label}: {:?}",
        report.inputs.iter().find(|r| r.message.is_some())
    );
    println!(
        "{label:>22}: {:>6} docs  {wall:>8.1} s  peak {:>6} MiB  output {:>8.1} MiB",
        report.ok,
        status_kib("VmHWM") / 1024,
        dir_bytes(out) as f64 / (1024.0 * 1024.0)
    );
    let mut samples = samples.into_inner().unwrap();
    samples.sort();
    let rss: Vec<String> = samples.iter().map(|(k, m)| format!("{k}: {m} MiB")).collect();
    println!("{:>22}  resident after {}", "", rss.join(", "));
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read.
    let scale: f64 = std::env::var("SOAK_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let tmp = std::env::temp_dir().join(format!("zhengce-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let docs = corpus();
    let ex = Extractor::new(Config::default());

    // Small documents, three batch sizes, each in its own folder.
    let small_in: PathBuf = tmp.join("small_in");
    std::fs::create_dir_all(&small_in).unwrap();
    let mut written = 0usize;
    for n in [5_000usize, 10_000, 20_000] {
        let n = ((n as f64) * scale) as usize;
        while written < n {
            let d = &docs[written % docs.len()];
            let text = format!("{}\n第{written}号\n", prefix(d, 2048));
            std::fs::write(small_in.join(format!("s{written:06}.txt")), text).unwrap();
            written += 1;
        }
        let out = tmp.join(format!("small_out_{n}"));
        batch(&ex, &format!("small x {n}"), &small_in, &out);
        std::fs::remove_dir_all(&out).unwrap();
    }
    std::fs::remove_dir_all(&small_in).unwrap();

    // Big documents: 2 MB each.
    let big_in = tmp.join("big_in");
    std::fs::create_dir_all(&big_in).unwrap();
    let n_big = ((200.0 * scale) as usize).max(1);
    for k in 0..n_big {
        let mut text = format!("第{k}号\n");
        let mut i = k;
        while text.len() < 2 * 1024 * 1024 {
            text.push_str(&docs[i % docs.len()]);
            i += 1;
        }
        std::fs::write(big_in.join(format!("b{k:04}.txt")), text).unwrap();
    }
    let out = tmp.join("big_out");
    batch(&ex, &format!("2 MB x {n_big}"), &big_in, &out);
    let _ = std::fs::remove_dir_all(&tmp);
}
