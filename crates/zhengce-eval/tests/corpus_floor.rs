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

/// The metadata floor: every `<stem>.meta.json` of `corpus/gold/` (the samples)
/// and `corpus/dev/gold/` (texts from other regions and genres) scored per field
/// exactly as `zhengce eval` does; every field must be right on 95% of them.
#[test]
fn metadata_scores_above_the_floor() {
    use zhengce_eval::meta::{read_gold_meta, score_meta, MetaDocEval, MetaReport};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ex = Extractor::new(Config::default());
    let mut documents = Vec::new();
    for (inputs, gold) in [("corpus", "corpus/gold"), ("corpus/dev", "corpus/dev/gold")] {
        let mut gold_files: Vec<_> = std::fs::read_dir(root.join(gold))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".meta.json"))
            .collect();
        gold_files.sort();
        assert!(gold_files.len() >= 5, "{gold}: too few .meta.json files");
        for gf in gold_files {
            let name = gf.file_name().unwrap().to_string_lossy().into_owned();
            let stem = name.trim_end_matches(".meta.json").to_string();
            let input = root.join(format!("{inputs}/{stem}.txt"));
            let doc =
                ex.extract(&std::fs::read(&input).unwrap(), &input.to_string_lossy()).unwrap();
            let fields = score_meta(&read_gold_meta(&gf).unwrap(), Some(&doc.meta));
            documents.push(MetaDocEval { stem, extracted: true, fields });
        }
    }
    assert_eq!(documents.len(), 11);
    let report = MetaReport::of(documents);
    for f in &report.fields {
        assert!(
            f.accuracy() >= 0.95,
            "{} accuracy {:.3} < 0.95\n{}",
            f.field.name(),
            f.accuracy(),
            report.render()
        );
    }
}
