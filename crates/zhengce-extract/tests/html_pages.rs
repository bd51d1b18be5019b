//! Saved web pages: the metadata of the 60 State Council policy-library pages
//! in `corpus/dev/html/` against their ground truth (`meta.jsonl`), what the
//! reader drops, and pages that are not documents.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::SourceFormat;
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn dev_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/dev/html")
}

#[test]
fn dev_pages_metadata_is_at_least_95_percent_exact_per_field() {
    let truth = std::fs::read_to_string(dev_dir().join("meta.jsonl")).unwrap();
    let mut right = [0usize; 4];
    let mut total = 0;
    let mut misses = Vec::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let t: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = t["file"].as_str().unwrap();
        let bytes = std::fs::read(dev_dir().join(file)).unwrap();
        let doc = EXTRACTOR.extract(&bytes, file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.source.format, SourceFormat::Html);
        total += 1;
        let issuers: Vec<&str> =
            t["issuer"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let checks = [
            ("title", doc.meta.title.clone(), t["title"].as_str().map(str::to_string)),
            ("issuer", Some(doc.meta.issuers.join("、")), Some(issuers.join("、"))),
            (
                "doc_number",
                doc.meta.doc_number.clone(),
                t["doc_number"].as_str().map(str::to_string),
            ),
            (
                "index_number",
                doc.meta.index_number.clone(),
                t["index_number"].as_str().map(str::to_string),
            ),
        ];
        for (k, (name, got, want)) in checks.into_iter().enumerate() {
            if got == want {
                right[k] += 1;
            } else {
                misses.push(format!("{file} {name}: got {got:?}, want {want:?}"));
            }
        }
    }
    assert_eq!(total, 60);
    let names = ["title", "issuer", "doc_number", "index_number"];
    let report: Vec<String> =
        names.iter().zip(right).map(|(n, r)| format!("{n} {r}/{total}")).collect();
    eprintln!("{}", report.join(", "));
    for m in &misses {
        eprintln!("{m}");
    }
    for (n, r) in names.iter().zip(right) {
        assert!(r * 100 >= total * 95, "{n}: {r}/{total} exact\n{}", misses.join("\n"));
    }
}
