//! Index benchmark: the gold corpus scaled to ≥ 1,000,000 targets, then query latency.
//!
//! Run with `cargo bench -p zhengce-query --bench index`. `ZHENGCE_BENCH_TARGETS`
//! sets the number of targets (default 1,000,000). Each synthetic copy of a gold
//! document gets its own id, a shifted year, scaled values and owners drawn from
//! a pool of district offices, so filters and groups have realistic spread.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use zhengce_extract::model::Document;
use zhengce_query::{DocKind, GroupBy, QueryRequest, YearRange, ZIndex};

const OWNERS: [&str; 12] = [
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

fn variant(base: &Document, copy: usize) -> Document {
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

fn queries() -> Vec<(&'static str, QueryRequest)> {
    let text = |t: &str| Some(t.to_string());
    let y = |a, b| Some(YearRange { start: a, end: b });
    let q = QueryRequest::default;
    vec![
        ("新锐教师 year 2025", QueryRequest { text: text("新锐教师"), year: y(2025, 2025), ..q() }),
        ("教师", QueryRequest { text: text("教师"), ..q() }),
        (
            "教师 owner 鹿城区教育局",
            QueryRequest { text: text("教师"), owner: Some("鹿城区教育局".into()), ..q() },
        ),
        ("幼儿园 2021..2025", QueryRequest { text: text("幼儿园"), year: y(2021, 2025), ..q() }),
        ("owner 技术中心", QueryRequest { owner: Some("技术中心".into()), ..q() }),
        (
            "unit 名 value 100..1000",
            QueryRequest {
                unit: Some("名".into()),
                min_value: Some(100.0),
                max_value: Some(1000.0),
                ..q()
            },
        ),
        (
            "学校 kind achievement",
            QueryRequest {
                text: text("学校"),
                kind: Some(zhengce_query::EntryKind::Achievement),
                ..q()
            },
        ),
        ("课程", QueryRequest { text: text("课程"), ..q() }),
        ("骨干教师 2020", QueryRequest { text: text("骨干教师"), year: y(2020, 2020), ..q() }),
        (
            "doc prefix 004_2dc12a55133938f1#00042",
            QueryRequest { doc: Some("004_2dc12a55133938f1#00042".into()), ..q() },
        ),
        ("section 行事历", QueryRequest { section: Some("行事历".into()), ..q() }),
        (
            "未来学校 section 建设",
            QueryRequest { text: text("未来学校"), section: Some("建设".into()), ..q() },
        ),
        ("培训 limit 100", QueryRequest { text: text("培训"), limit: 100, ..q() }),
        ("CIO", QueryRequest { text: text("CIO"), ..q() }),
        ("no text year 2023", QueryRequest { year: y(2023, 2023), ..q() }),
        ("名师 unit 名", QueryRequest { text: text("名师"), unit: Some("名".into()), ..q() }),
        ("items 新锐教师", QueryRequest { text: text("新锐教师"), doc_kind: DocKind::Item, ..q() }),
        (
            "items owner 基教处",
            QueryRequest { owner: Some("基教处".into()), doc_kind: DocKind::Item, ..q() },
        ),
        ("覆盖率 %", QueryRequest { text: text("覆盖率"), unit: Some("%".into()), ..q() }),
        ("省级 名校长", QueryRequest { text: text("省级 名校长"), ..q() }),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let wanted: usize = std::env::var("ZHENGCE_BENCH_TARGETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let gold = common::gold_documents();
    let per_copy: usize = gold.iter().map(|(_, d)| d.targets.len()).sum();
    let copies = wanted.div_ceil(per_copy);
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("idx");

    let _ = zhengce_query::tokenizer::shared_segmenter();
    let start = Instant::now();
    let index = ZIndex::open_or_create(&path).expect("index");
    let mut indexer = index.indexer().expect("writer");
    for copy in 0..copies {
        for (stem, doc) in &gold {
            let id = format!("{stem}#{copy:05}");
            indexer.replace(&id, &variant(doc, copy)).expect("add");
        }
    }
    let report = indexer.commit().expect("commit");
    let index_time = start.elapsed();
    let size = index.size_on_disk();
    println!(
        "indexed {} documents: {} targets + {} items in {:.1} s ({:.0} targets/s); index size {:.1} MiB",
        report.documents,
        report.targets,
        report.items,
        index_time.as_secs_f64(),
        report.targets as f64 / index_time.as_secs_f64(),
        size as f64 / (1024.0 * 1024.0)
    );

    let queries = queries();
    // Warm up once (first touches of the mmap'd files), then time 10 rounds.
    for (_, q) in &queries {
        index.search(q).expect("query");
    }
    let mut samples = Vec::new();
    let mut per_query: Vec<(&str, Duration, usize)> = Vec::new();
    for (name, q) in &queries {
        let mut best = Duration::MAX;
        let mut total = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let res = index.search(q).expect("query");
            let el = t.elapsed();
            samples.push(el);
            best = best.min(el);
            total = res.total;
        }
        per_query.push((name, best, total));
    }
    samples.sort();
    for (name, best, total) in &per_query {
        println!("  {:>9.2} ms  {:>8} hits  {name}", best.as_secs_f64() * 1e3, total);
    }
    println!(
        "search latency over {} runs of {} queries: median {:.2} ms, p99 {:.2} ms",
        samples.len(),
        queries.len(),
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3
    );
    let mut group_samples = Vec::new();
    for by in [GroupBy::Owner, GroupBy::Year, GroupBy::Unit, GroupBy::Doc, GroupBy::Kind] {
        for _ in 0..3 {
            let t = Instant::now();
            index.group(&QueryRequest::default(), by).expect("group");
            group_samples.push((by, t.elapsed()));
        }
    }
    for (by, el) in group_samples.iter().step_by(3) {
        println!(
            "  group by {:<5} over all targets: {:.1} ms",
            by.as_str(),
            el.as_secs_f64() * 1e3
        );
    }
}
