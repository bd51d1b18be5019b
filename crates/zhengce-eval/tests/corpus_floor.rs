//! The floor for the sample corpus: extract every document, score it against
//! `corpus/gold/` exactly as `zhengce eval` does, and fail below F1 0.95 or any
//! attribute accuracy below 0.90.

use std::path::Path;

use zhengce_eval::{evaluate_document, read_gold, Counts};
use zhengce_extract::{Config, Extractor};

#[test]
fn sample_corpus_scores_above_the_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ex = Extractor::new(Config::default());
    let mut total = Counts::default();
    let mut report = String::new();
    let mut gold_files: Vec<_> = std::fs::read_dir(root.join("corpus/gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".targets.jsonl"))
        .collect();
    gold_files.sort();
    assert_eq!(gold_files.len(), 5);
    for gf in gold_files {
        let stem = gf
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".targets.jsonl")
            .to_string();
        let input = root.join(format!("corpus/{stem}.txt"));
        let doc = ex.extract(&std::fs::read(&input).unwrap(), &input.to_string_lossy()).unwrap();
        let e = evaluate_document(&stem, &read_gold(&gf).unwrap(), Some(&doc));
        for m in &e.misses {
            report.push_str(&format!("{stem} miss 「{}」\n", m.quote));
        }
        for p in &e.false_positives {
            report.push_str(&format!("{stem} extra 「{}」\n", p.quote));
        }
        total.add(&e.counts);
    }
    let s = total.scores();
    assert!(
        s.f1 >= 0.95,
        "F1 {:.3} < 0.95 (P {:.3}, R {:.3})\n{report}",
        s.f1,
        s.precision,
        s.recall
    );
    for (name, acc) in s.attributes() {
        assert!(acc >= 0.90, "{name} accuracy {acc:.3} < 0.90");
    }
}
