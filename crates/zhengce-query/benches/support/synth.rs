//! The benchmarks' index: the gold corpus scaled to ≥ N targets (default
//! 1,000,000). Each synthetic copy of a gold document gets its own id, a
//! shifted year, scaled values, owners drawn from a pool of district offices
//! and a region, so filters, groups and facets have realistic spread.
//!
//! Shared by `benches/index.rs` (this crate) and zhengce-serve's load bench,
//! which include this file and `tests/common/mod.rs` by path.
//! `ZHENGCE_BENCH_INDEX=DIR` keeps the index in DIR and reuses it when it is
//! already there with as many targets (building it is the slow part).
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use zhengce_extract::model::Document;
use zhengce_query::ZIndex;

pub const OWNERS: [&str; 12] = [
    "鹿城区教育局",
    "龙湾区教育局",
    "瓯海区教育局",
    "洞头区教育局",
    "乐清市教育局",
    "瑞安市教育局",
    "永嘉县教育局",
    "平阳县教育局",
    "基教处",
    "教研院",
    "技术中心",
    "人事处",
];

pub fn variant(base: &Document, copy: usize) -> Document {
    let mut d = base.clone();
    let shift = (copy % 5) as i32;
    let scale = 1.0 + (copy % 7) as f64;
    for (n, t) in d.targets.iter_mut().enumerate() {
        t.year = t.year.map(|y| y + shift);
        t.value *= scale;
        t.value_max = t.value_max.map(|m| m * scale);
        if t.owners.is_empty() || (copy + n) % 3 == 0 {
            t.owners.push(OWNERS[(copy + n) % OWNERS.len()].to_string());
        }
    }
    for (n, i) in d.items.iter_mut().enumerate() {
        if i.owners.is_empty() && (copy + n) % 2 == 0 {
            i.owners.push(OWNERS[(copy * 7 + n) % OWNERS.len()].to_string());
        }
    }
    d.meta.region = Some(OWNERS[copy % 8].trim_end_matches("教育局").to_string());
    d
}

/// How many targets the benchmarks want (`ZHENGCE_BENCH_TARGETS`, default 1,000,000).
pub fn wanted_targets() -> usize {
    std::env::var("ZHENGCE_BENCH_TARGETS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000)
}

/// The bench index and how it came to be.
pub struct BenchIndex {
    pub index: ZIndex,
    pub path: PathBuf,
    /// `Some(time)` when built now; `None` when reused.
    pub built_in: Option<Duration>,
    pub targets: u64,
    /// Holds a temporary folder when `ZHENGCE_BENCH_INDEX` is not set.
    _tmp: Option<tempfile::TempDir>,
}

/// Opens `ZHENGCE_BENCH_INDEX` when it holds ≥ `wanted` targets, else builds
/// the index there (or in a temporary folder).
pub fn bench_index(wanted: usize) -> BenchIndex {
    let (dir, tmp) = match std::env::var_os("ZHENGCE_BENCH_INDEX") {
        Some(d) => (PathBuf::from(d), None),
        None => {
            let t = tempfile::tempdir().expect("temp dir");
            (t.path().join("idx"), Some(t))
        }
    };
    let _ = zhengce_query::tokenizer::shared_segmenter();
    let marker = dir.join("bench-targets.txt");
    if let Ok(index) = ZIndex::open(&dir) {
        let have: u64 =
            std::fs::read_to_string(&marker).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
        if have >= wanted as u64 {
            return BenchIndex { index, path: dir, built_in: None, targets: have, _tmp: tmp };
        }
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove the old bench index");
    }
    let gold = crate::common::gold_documents();
    let per_copy: usize = gold.iter().map(|(_, d)| d.targets.len()).sum();
    let copies = wanted.div_ceil(per_copy);
    let start = Instant::now();
    let index = ZIndex::open_or_create(&dir).expect("index");
    let mut indexer = index.indexer().expect("writer");
    for copy in 0..copies {
        for (stem, doc) in &gold {
            let id = format!("{stem}#{copy:05}");
            indexer.replace(&id, &variant(doc, copy)).expect("add");
        }
    }
    let report = indexer.commit().expect("commit");
    let took = start.elapsed();
    std::fs::write(&marker, report.targets.to_string()).expect("marker");
    println!(
        "indexed {} documents: {} targets + {} items in {:.1} s ({:.0} targets/s); index size {:.1} MiB",
        report.documents,
        report.targets,
        report.items,
        took.as_secs_f64(),
        report.targets as f64 / took.as_secs_f64(),
        index.size_on_disk() as f64 / (1024.0 * 1024.0)
    );
    BenchIndex { index, path: dir, built_in: Some(took), targets: report.targets as u64, _tmp: tmp }
}
