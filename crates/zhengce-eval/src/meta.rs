//! meta: here are gold metadata (`<stem>.meta.json`) and extracted documents,
//! give me per-field accuracy and the disagreements.
//!
//! Each field is compared exactly after NFKC and white-space removal (so `（`
//! and `(` agree, a line break inside a title does not count); `issuers` is
//! compared as a set; `plan_period` as `start-end`; a field absent on both
//! sides agrees. A gold file stands for every field: null means "the document
//! states none", and a value extracted there is a miss.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use zhengce_extract::model::{Document, Meta, Period};

use crate::{read_document, EvalError};

/// The gold metadata of one document, in the shape of the output's `meta`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GoldMeta {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub issuers: Vec<String>,
    pub doc_number: Option<String>,
    pub index_number: Option<String>,
    pub dates: GoldDates,
    pub plan_period: Option<Period>,
    pub region: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GoldDates {
    pub written: Option<String>,
    pub published: Option<String>,
}

/// A scored metadata field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaField {
    Title,
    Subtitle,
    Issuers,
    DocNumber,
    IndexNumber,
    Written,
    Published,
    PlanPeriod,
    Region,
    Source,
}

impl MetaField {
    pub const ALL: [MetaField; 10] = [
        MetaField::Title,
        MetaField::Subtitle,
        MetaField::Issuers,
        MetaField::DocNumber,
        MetaField::IndexNumber,
        MetaField::Written,
        MetaField::Published,
        MetaField::PlanPeriod,
        MetaField::Region,
        MetaField::Source,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MetaField::Title => "title",
            MetaField::Subtitle => "subtitle",
            MetaField::Issuers => "issuers",
            MetaField::DocNumber => "doc_number",
            MetaField::IndexNumber => "index_number",
            MetaField::Written => "written",
            MetaField::Published => "published",
            MetaField::PlanPeriod => "plan_period",
            MetaField::Region => "region",
            MetaField::Source => "source",
        }
    }
}

/// NFKC, then every white-space character removed.
pub fn normalize(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(normalize).unwrap_or_default()
}

fn period(p: &Option<Period>) -> String {
    p.map(|p| format!("{}-{}", p.start, p.end)).unwrap_or_default()
}

fn set(v: &[String]) -> String {
    let mut v: Vec<String> = v.iter().map(|s| normalize(s)).filter(|s| !s.is_empty()).collect();
    v.sort();
    v.dedup();
    v.join("、")
}

/// One field of one document: the normalized gold and extracted values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldResult {
    pub field: MetaField,
    pub gold: String,
    pub predicted: String,
}

impl FieldResult {
    pub fn correct(&self) -> bool {
        self.gold == self.predicted
    }
}

/// Compares every field of one document (`None`: the document was not extracted).
pub fn score_meta(gold: &GoldMeta, meta: Option<&Meta>) -> Vec<FieldResult> {
    let empty = Meta::default();
    let m = meta.unwrap_or(&empty);
    MetaField::ALL
        .iter()
        .map(|&field| {
            let (gold, predicted) = match field {
                MetaField::Title => (opt(&gold.title), opt(&m.title)),
                MetaField::Subtitle => (opt(&gold.subtitle), opt(&m.subtitle)),
                MetaField::Issuers => (set(&gold.issuers), set(&m.issuers)),
                MetaField::DocNumber => (opt(&gold.doc_number), opt(&m.doc_number)),
                MetaField::IndexNumber => (opt(&gold.index_number), opt(&m.index_number)),
                MetaField::Written => (opt(&gold.dates.written), opt(&m.dates.written)),
                MetaField::Published => (opt(&gold.dates.published), opt(&m.dates.published)),
                MetaField::PlanPeriod => (period(&gold.plan_period), period(&m.plan_period)),
                MetaField::Region => (opt(&gold.region), opt(&m.region)),
                MetaField::Source => (opt(&gold.source), opt(&m.source)),
            };
            FieldResult { field, gold, predicted }
        })
        .collect()
}

/// Reads `gold/<stem>.meta.json`.
pub fn read_gold_meta(path: &Path) -> Result<GoldMeta, EvalError> {
    let text = fs::read_to_string(path)
        .map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    serde_json::from_str(&text)
        .map_err(|source| EvalError::GoldMeta { path: path.display().to_string(), source })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaDocEval {
    pub stem: String,
    pub extracted: bool,
    pub fields: Vec<FieldResult>,
}

/// Accuracy of one field over the documents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FieldScore {
    pub field: MetaField,
    pub correct: usize,
    pub total: usize,
}

impl FieldScore {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaReport {
    pub documents: Vec<MetaDocEval>,
    pub fields: Vec<FieldScore>,
}

impl MetaReport {
    /// Per-field totals of `documents`.
    pub fn of(documents: Vec<MetaDocEval>) -> MetaReport {
        let fields = MetaField::ALL
            .iter()
            .map(|&field| {
                let results = documents.iter().flat_map(|d| d.fields.iter()).filter(|r| r.field == field);
                let (correct, total) =
                    results.fold((0, 0), |(c, t), r| (c + usize::from(r.correct()), t + 1));
                FieldScore { field, correct, total }
            })
            .collect();
        MetaReport { documents, fields }
    }

    /// A table of per-field accuracy, then each disagreement.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "metadata ({} documents)", self.documents.len());
        for f in &self.fields {
            let _ = writeln!(
                s,
                "  {:<13} {:>6.3}  ({}/{})",
                f.field.name(),
                f.accuracy(),
                f.correct,
                f.total
            );
        }
        for d in &self.documents {
            let wrong: Vec<&FieldResult> = d.fields.iter().filter(|r| !r.correct()).collect();
            if wrong.is_empty() {
                continue;
            }
            let missing = if d.extracted { "" } else { " (missing)" };
            let _ = writeln!(s, "\n== {} meta{missing}", d.stem);
            for r in wrong {
                let _ = writeln!(
                    s,
                    "  {:<13} gold 「{}」 ≠ 「{}」",
                    r.field.name(),
                    r.gold,
                    r.predicted
                );
            }
        }
        s
    }
}

/// Scores every `<stem>.meta.json` of `gold_dir` against `out_dir/<stem>.json`;
/// `None` when the gold folder holds no metadata gold.
pub fn evaluate_meta_dirs(out_dir: &Path, gold_dir: &Path) -> Result<Option<MetaReport>, EvalError> {
    let entries = fs::read_dir(gold_dir)
        .map_err(|source| EvalError::Io { path: gold_dir.display().to_string(), source })?;
    let mut gold_files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".meta.json"))
        .collect();
    if gold_files.is_empty() {
        return Ok(None);
    }
    gold_files.sort();
    let mut documents = Vec::new();
    for gf in gold_files {
        let name = gf.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".meta.json").to_string();
        let gold = read_gold_meta(&gf)?;
        let out = out_dir.join(format!("{stem}.json"));
        let doc: Option<Document> = if out.exists() { Some(read_document(&out)?) } else { None };
        let fields = score_meta(&gold, doc.as_ref().map(|d| &d.meta));
        documents.push(MetaDocEval { stem, extracted: doc.is_some(), fields });
    }
    Ok(Some(MetaReport::of(documents)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_agree_after_nfkc_and_white_space_removal() {
        let gold = GoldMeta {
            title: Some("某市关于印发《计划（2018-2020年）》的通知".into()),
            issuers: vec!["甲局".into(), "乙厅".into()],
            plan_period: Some(Period { start: 2018, end: 2020 }),
            ..GoldMeta::default()
        };
        let meta = Meta {
            title: Some("某市关于印发《计划(2018-2020年)》的\n通知".into()),
            issuers: vec!["乙厅".into(), "甲局".into()],
            plan_period: Some(Period { start: 2018, end: 2020 }),
            source: Some("某日报".into()),
            ..Meta::default()
        };
        let r = score_meta(&gold, Some(&meta));
        let wrong: Vec<MetaField> = r.iter().filter(|r| !r.correct()).map(|r| r.field).collect();
        assert_eq!(wrong, [MetaField::Source]);
        // A document that was not extracted misses every stated field.
        let r = score_meta(&gold, None);
        assert_eq!(r.iter().filter(|r| !r.correct()).count(), 3);
        let report = MetaReport::of(vec![MetaDocEval { stem: "x".into(), extracted: false, fields: r }]);
        assert_eq!(report.fields[0], FieldScore { field: MetaField::Title, correct: 0, total: 1 });
        assert!(report.render().contains("== x meta (missing)"));
    }
}
