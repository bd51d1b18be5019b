//! zhengce-eval: scores extracted targets against gold annotations, and diffs two runs.
//!
//! - [`score`]: the matching and metrics of `targets.md` §5, on one document.
//! - [`evaluate_dirs`]: every `<stem>.json` of an output folder against
//!   `<stem>.targets.jsonl` of a gold folder, per document and overall, with the
//!   misses, false positives and attribute disagreements listed for a person.
//! - [`errors`]: the kind confusion table, year errors by `year_source`, the
//!   worst subjects, per document and summed in the report.
//! - [`meta`]: every `<stem>.meta.json` of a gold folder against the document's
//!   `meta`, per field (exact after NFKC and white-space removal).
//! - [`diff`]: two output folders compared document by document, for CI.
//!
//! This crate reads files (the folders it is given); it never writes.

pub mod diff;
pub mod errors;
pub mod meta;
pub mod score;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;
use zhengce_extract::model::Document;

pub use errors::Diagnostics;
pub use score::{Counts, GoldTarget, Predicted, Scores};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: line {line}: not a gold record: {source}")]
    Gold { path: String, line: usize, source: serde_json::Error },
    #[error("{path}: not an extracted document: {source}")]
    Document { path: String, source: serde_json::Error },
    #[error("{path}: not a metadata gold file: {source}")]
    GoldMeta { path: String, source: serde_json::Error },
    #[error("{path}: no gold files (*.targets.jsonl, *.meta.json) found")]
    NoGold { path: String },
}

/// `name` padded with spaces to `width` display columns (a CJK character takes two).
fn pad(name: &str, width: usize) -> String {
    let mut s = name.to_string();
    s.push_str(&" ".repeat(width.saturating_sub(name.width())));
    s
}

/// A score with `digits` decimals, or `—` when it is a score over nothing
/// (`over` is its denominator).
fn score_cell(v: f64, over: usize, digits: usize) -> String {
    if over == 0 {
        "—".to_string()
    } else {
        format!("{v:.digits$}")
    }
}

/// Reads `gold/<stem>.targets.jsonl`.
pub fn read_gold(path: &Path) -> Result<Vec<GoldTarget>, EvalError> {
    let text = fs::read_to_string(path)
        .map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| EvalError::Gold {
                path: path.display().to_string(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// Reads an extracted `<stem>.json`.
pub fn read_document(path: &Path) -> Result<Document, EvalError> {
    let text = fs::read_to_string(path)
        .map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    serde_json::from_str(&text)
        .map_err(|source| EvalError::Document { path: path.display().to_string(), source })
}

/// A gold record or prediction as listed for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub quote: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub sentence: Option<String>,
}

/// An attribute on which a matched prediction disagrees with gold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub quote: String,
    pub field: String,
    pub gold: String,
    pub predicted: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentEval {
    pub stem: String,
    /// False when the output folder has no document for this gold file.
    pub extracted: bool,
    pub counts: Counts,
    pub scores: Scores,
    pub misses: Vec<Listed>,
    pub false_positives: Vec<Listed>,
    pub disagreements: Vec<Disagreement>,
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub documents: Vec<DocumentEval>,
    pub counts: Counts,
    pub scores: Scores,
    /// Summed over the documents.
    pub diagnostics: Diagnostics,
    /// Metadata scores, when the gold folder holds `<stem>.meta.json` files.
    pub meta: Option<meta::MetaReport>,
}

/// Scores one document's predictions against its gold records.
pub fn evaluate_document(stem: &str, gold: &[GoldTarget], doc: Option<&Document>) -> DocumentEval {
    let pred: Vec<Predicted> =
        doc.map(|d| d.targets.iter().map(Predicted::from).collect()).unwrap_or_default();
    let m = score::match_document(gold, &pred);
    let counts = Counts::of(gold, &pred, &m);
    let listed_gold = |g: &GoldTarget| Listed {
        quote: g.quote.clone(),
        value: g.value,
        value_max: g.value_max,
        unit: g.unit.clone(),
        sentence: None,
    };
    let listed_pred = |p: &Predicted| Listed {
        quote: p.quote.clone(),
        value: p.value,
        value_max: p.value_max,
        unit: p.unit.clone(),
        sentence: Some(p.sentence.clone()),
    };
    let mut disagreements = Vec::new();
    for pair in &m.pairs {
        let (g, p) = (&gold[pair.gold], &pred[pair.pred]);
        if g.optional {
            continue;
        }
        let mut check = |field: &str, gv: String, pv: String| {
            if gv != pv {
                disagreements.push(Disagreement {
                    quote: g.quote.clone(),
                    field: field.into(),
                    gold: gv,
                    predicted: pv,
                });
            }
        };
        check("kind", g.kind.clone(), p.kind.clone());
        check("comparator", g.comparator.clone(), p.comparator.clone());
        check("change", format!("{:?}", g.change), format!("{:?}", p.change));
        check("each", g.each.to_string(), p.each.to_string());
        check("year", format!("{:?}", g.year), format!("{:?}", p.year));
        let (mut go, mut po) = (g.owners.clone(), p.owners.clone());
        go.sort();
        po.sort();
        check("owners", go.join("、"), po.join("、"));
        if score::char_f1(&g.subject, &p.subject) < 0.999 {
            check("subject", g.subject.clone(), p.subject.clone());
        }
    }
    let diagnostics =
        Diagnostics::of(stem, m.pairs.iter().map(|pair| (&gold[pair.gold], &pred[pair.pred])));
    DocumentEval {
        diagnostics,
        stem: stem.into(),
        extracted: doc.is_some(),
        scores: counts.scores(),
        counts,
        misses: m.missed.iter().map(|&g| listed_gold(&gold[g])).collect(),
        false_positives: m.false_positives.iter().map(|&p| listed_pred(&pred[p])).collect(),
        disagreements,
    }
}

/// Scores every gold file of `gold_dir` against `out_dir/<stem>.json`: the
/// targets of each `<stem>.targets.jsonl`, and the metadata of each `<stem>.meta.json`.
pub fn evaluate_dirs(out_dir: &Path, gold_dir: &Path) -> Result<EvalReport, EvalError> {
    let entries = fs::read_dir(gold_dir)
        .map_err(|source| EvalError::Io { path: gold_dir.display().to_string(), source })?;
    let mut gold_files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".targets.jsonl"))
        .collect();
    gold_files.sort();
    let meta = meta::evaluate_meta_dirs(out_dir, gold_dir)?;
    if gold_files.is_empty() && meta.is_none() {
        return Err(EvalError::NoGold { path: gold_dir.display().to_string() });
    }
    let mut documents = Vec::new();
    let mut counts = Counts::default();
    let mut diagnostics = Diagnostics::default();
    for gf in gold_files {
        let name = gf.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".targets.jsonl").to_string();
        let gold = read_gold(&gf)?;
        let out = out_dir.join(format!("{stem}.json"));
        let doc = if out.exists() { Some(read_document(&out)?) } else { None };
        let e = evaluate_document(&stem, &gold, doc.as_ref());
        counts.add(&e.counts);
        diagnostics.add(&e.diagnostics);
        documents.push(e);
    }
    Ok(EvalReport { documents, scores: counts.scores(), counts, diagnostics, meta })
}

fn fmt_value(v: f64, max: Option<f64>, unit: &str) -> String {
    match max {
        Some(m) => format!("{v}-{m}{unit}"),
        None => format!("{v}{unit}"),
    }
}

impl EvalReport {
    /// A report for a person: a table of scores, then what went wrong, per document.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let name = |d: &DocumentEval| {
            if d.extracted {
                d.stem.clone()
            } else {
                format!("{} (missing)", d.stem)
            }
        };
        let names: Vec<String> = self.documents.iter().map(name).collect();
        let width = names.iter().map(|n| n.width()).chain([8]).max().unwrap_or(8);
        let _ = writeln!(
            s,
            "{} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
            pad("document", width),
            "tp",
            "fp",
            "fn",
            "P",
            "R",
            "F1",
            "kind",
            "cmp",
            "chg",
            "each",
            "year",
            "own",
            "subj"
        );
        let row = |s: &mut String, name: &str, c: &Counts, sc: &Scores| {
            // A score over nothing is shown as `—`, not as a perfect or a zero score.
            let tp = c.true_positives;
            let precision = score_cell(sc.precision, tp + c.false_positives, 3);
            let recall = score_cell(sc.recall, tp + c.false_negatives, 3);
            let f1 = score_cell(sc.f1, tp + c.false_positives + c.false_negatives, 3);
            let attrs: Vec<String> =
                sc.attributes().iter().map(|(_, v)| score_cell(*v, c.attr_pairs, 2)).collect();
            let _ = writeln!(
                s,
                "{} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}",
                pad(name, width),
                tp,
                c.false_positives,
                c.false_negatives,
                precision,
                recall,
                f1,
                attrs[0],
                attrs[1],
                attrs[2],
                attrs[3],
                attrs[4],
                attrs[5],
                attrs[6]
            );
        };
        for (d, name) in self.documents.iter().zip(&names) {
            row(&mut s, name, &d.counts, &d.scores);
        }
        row(&mut s, "overall", &self.counts, &self.scores);
        s.push_str(&self.diagnostics.render());
        for d in &self.documents {
            if d.misses.is_empty()
                && d.false_positives.is_empty()
                && (!verbose || d.disagreements.is_empty())
            {
                continue;
            }
            let _ = writeln!(s, "\n== {}", d.stem);
            for m in &d.misses {
                let _ = writeln!(
                    s,
                    "  miss  {}  「{}」",
                    fmt_value(m.value, m.value_max, &m.unit),
                    m.quote
                );
            }
            for p in &d.false_positives {
                let _ = writeln!(
                    s,
                    "  extra {}  「{}」  in: {}",
                    fmt_value(p.value, p.value_max, &p.unit),
                    p.quote,
                    p.sentence.as_deref().unwrap_or("")
                );
            }
            if verbose {
                for a in &d.disagreements {
                    let _ = writeln!(
                        s,
                        "  {:<10} gold {} ≠ {}  「{}」",
                        a.field, a.gold, a.predicted, a.quote
                    );
                }
            }
        }
        if let Some(m) = &self.meta {
            s.push('\n');
            s.push_str(&m.render());
        }
        s
    }
}
