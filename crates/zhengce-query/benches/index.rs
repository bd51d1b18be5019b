//! Index benchmark: the gold corpus scaled to ≥ 1,000,000 targets, then query
//! latency, the time and memory of reading the facet rows, group-by per key
//! and facet counts (every key in one pass, each key alone, and no key: the
//! matching the counts add to).
//!
//! Run with `cargo bench -p zhengce-query --bench index`. `ZHENGCE_BENCH_TARGETS`
//! sets the number of targets (default 1,000,000); `ZHENGCE_BENCH_INDEX=DIR`
//! keeps the index for the next run (and for zhengce-serve's load bench).
//! The synthetic corpus is `support/synth.rs`.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use zhengce_query::{DocKind, GroupBy, QueryRequest, YearRange};

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
    let bench = synth::bench_index(synth::wanted_targets());
    let index = &bench.index;
    if bench.built_in.is_none() {
        println!("reused the index in {} ({} targets)", bench.path.display(), bench.targets);
    }

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
    // The facet columns, read once per segment (the first count would).
    let t = Instant::now();
    let bytes = index.warm_facets().expect("facet columns");
    println!(
        "facet columns read in {:.0} ms, holding {:.1} MiB",
        t.elapsed().as_secs_f64() * 1e3,
        bytes as f64 / (1024.0 * 1024.0)
    );
    let mut group_samples = Vec::new();
    for by in GroupBy::ALL {
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
    // Facets: every key (year, kind, unit, owner, doc, region, issuer) in one
    // columnar pass, as the search page and `/api/search?facets=1` ask; best of 5.
    let facet_questions = [
        ("all targets", QueryRequest::default()),
        ("教师", QueryRequest { text: Some("教师".into()), ..QueryRequest::default() }),
        (
            "year 2021..2025",
            QueryRequest {
                year: Some(YearRange { start: 2021, end: 2025 }),
                ..QueryRequest::default()
            },
        ),
        (
            "教师 year 2025",
            QueryRequest {
                text: Some("教师".into()),
                year: Some(YearRange { start: 2025, end: 2025 }),
                ..QueryRequest::default()
            },
        ),
    ];
    for (name, q) in &facet_questions {
        let mut best = Duration::MAX;
        let mut total = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let f = index.facets(q, &GroupBy::ALL, 10).expect("facets");
            best = best.min(t.elapsed());
            total = f.total;
        }
        // The matching and counting alone, without a key: what facets add to.
        let mut bare = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            index.facets(q, &[], 10).expect("count");
            bare = bare.min(t.elapsed());
        }
        let alone: Vec<String> = GroupBy::ALL
            .iter()
            .map(|&key| {
                let mut one = Duration::MAX;
                for _ in 0..5 {
                    let t = Instant::now();
                    index.facets(q, &[key], 10).expect("facets");
                    one = one.min(t.elapsed());
                }
                format!("{} {:.1}", key.as_str(), one.as_secs_f64() * 1e3)
            })
            .collect();
        println!(
            "  facets over {total:>8} hits ({name}): all 7 keys {:.1} ms; alone (ms): {}; no key {:.1} ms",
            best.as_secs_f64() * 1e3,
            alone.join(", "),
            bare.as_secs_f64() * 1e3
        );
    }
}
