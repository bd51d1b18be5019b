//! docx bench: reads every .docx fixture N times and prints documents and megabytes per second.
//!
//! `cargo bench -p zhengce-extract --bench docx` (release). `DOCX_BENCH_ROUNDS`
//! sets N (default 200). Criterion-free: the reader is the only thing timed.

use std::time::Instant;

use zhengce_extract::docx::{self, DocxLimits};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let rounds: usize =
        std::env::var("DOCX_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let limits = DocxLimits::default();

    // Warm up, and check every fixture reads.
    for (name, bytes) in &files {
        docx::read(bytes, &limits).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let bytes_per_round: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut blocks = 0usize;
    let t = Instant::now();
    for _ in 0..rounds {
        for (_, bytes) in &files {
            let doc = docx::read(std::hint::black_box(bytes), &limits).unwrap();
            blocks += doc.blocks.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let docs = (rounds * files.len()) as f64;
    let mb = (rounds * bytes_per_round) as f64 / 1e6;
    println!(
        "docx: {} fixtures ({:.1} KB) x {rounds} rounds: {:.0} docs/s, {:.1} MB/s (compressed .docx bytes), {blocks} blocks",
        files.len(),
        bytes_per_round as f64 / 1e3,
        docs / secs,
        mb / secs,
    );
    for (name, bytes) in &files {
        let t = Instant::now();
        let n = rounds.max(1);
        for _ in 0..n {
            std::hint::black_box(docx::read(bytes, &limits).unwrap());
        }
        let per = t.elapsed().as_secs_f64() / n as f64;
        println!("  {name:<28} {:>7.1} KB  {:>8.1} µs/doc", bytes.len() as f64 / 1e3, per * 1e6);
    }
}
