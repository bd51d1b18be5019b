//! diff: here are two output folders, tell me what changed, document by document.
//!
//! Targets are paired as scoring pairs them (same value, range and unit; one
//! side's quote found in the other's evidence), one to one in document order;
//! paired targets are compared field by field. Headings and items are compared
//! by their text: what is only in the old run was removed, only in the new was added.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use zhengce_extract::model::{Document, Target};

use crate::score::normalize;
use crate::{read_document, EvalError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChange {
    pub quote: String,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentDiff {
    pub document: String,
    /// `added` / `removed` when the document exists on one side only.
    pub presence: Option<String>,
    pub targets_added: Vec<String>,
    pub targets_removed: Vec<String>,
    pub targets_changed: Vec<TargetChange>,
    pub headings_added: Vec<String>,
    pub headings_removed: Vec<String>,
    pub items_added: Vec<String>,
    pub items_removed: Vec<String>,
}

impl DocumentDiff {
    pub fn is_empty(&self) -> bool {
        self.presence.is_none()
            && self.targets_added.is_empty()
            && self.targets_removed.is_empty()
            && self.targets_changed.is_empty()
            && self.headings_added.is_empty()
            && self.headings_removed.is_empty()
            && self.items_added.is_empty()
            && self.items_removed.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiffReport {
    /// Only the documents that changed.
    pub documents: Vec<DocumentDiff>,
    pub unchanged: usize,
}

impl DiffReport {
    pub fn has_changes(&self) -> bool {
        !self.documents.is_empty()
    }

    pub fn summary(&self) -> String {
        let sum = |f: fn(&DocumentDiff) -> usize| self.documents.iter().map(f).sum::<usize>();
        format!(
            "{} documents changed, {} unchanged: targets +{} -{} ~{}; headings +{} -{}; items +{} -{}",
            self.documents.len(),
            self.unchanged,
            sum(|d| d.targets_added.len()),
            sum(|d| d.targets_removed.len()),
            sum(|d| d.targets_changed.len()),
            sum(|d| d.headings_added.len()),
            sum(|d| d.headings_removed.len()),
            sum(|d| d.items_added.len()),
            sum(|d| d.items_removed.len()),
        )
    }

    /// A readable diff: `+`/`-`/`~` lines per document, then the summary line.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for d in &self.documents {
            let _ = writeln!(
                s,
                "== {}{}",
                d.document,
                d.presence.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
            );
            for t in &d.targets_removed {
                let _ = writeln!(s, "- target  {t}");
            }
            for t in &d.targets_added {
                let _ = writeln!(s, "+ target  {t}");
            }
            for c in &d.targets_changed {
                let _ = writeln!(s, "~ target  「{}」", c.quote);
                for f in &c.changes {
                    let _ = writeln!(s, "      {}: {} → {}", f.field, f.old, f.new);
                }
            }
            for h in &d.headings_removed {
                let _ = writeln!(s, "- heading {h}");
            }
            for h in &d.headings_added {
                let _ = writeln!(s, "+ heading {h}");
            }
            for i in &d.items_removed {
                let _ = writeln!(s, "- item    {i}");
            }
            for i in &d.items_added {
                let _ = writeln!(s, "+ item    {i}");
            }
        }
        s.push_str(&self.summary());
        s.push('\n');
        s
    }
}

fn list_docs(dir: &Path) -> Result<BTreeSet<String>, EvalError> {
    let entries = fs::read_dir(dir)
        .map_err(|source| EvalError::Io { path: dir.display().to_string(), source })?;
    Ok(entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "report.json" && !n.starts_with('.'))
        .collect())
}

/// Compares every document of two output folders.
pub fn diff_dirs(old: &Path, new: &Path) -> Result<DiffReport, EvalError> {
    let (a, b) = (list_docs(old)?, list_docs(new)?);
    let mut report = DiffReport::default();
    for name in a.union(&b) {
        let stem = name.trim_end_matches(".json").to_string();
        let d = match (a.contains(name), b.contains(name)) {
            (true, true) => diff_documents(
                &stem,
                &read_document(&old.join(name))?,
                &read_document(&new.join(name))?,
            ),
            (true, false) => DocumentDiff {
                document: stem,
                presence: Some("removed".into()),
                ..Default::default()
            },
            _ => DocumentDiff {
                document: stem,
                presence: Some("added".into()),
                ..Default::default()
            },
        };
        if d.is_empty() {
            report.unchanged += 1;
        } else {
            report.documents.push(d);
        }
    }
    Ok(report)
}

fn describe(t: &Target) -> String {
    let v = match t.value_max {
        Some(m) => format!("{}-{}", t.value, m),
        None => t.value.to_string(),
    };
    format!("{v}{} 「{}」", t.unit, t.quote)
}

fn same_quantity(a: &Target, b: &Target) -> bool {
    a.value == b.value && a.value_max == b.value_max && a.unit == b.unit
}

/// Compares two extractions of the same document.
pub fn diff_documents(name: &str, old: &Document, new: &Document) -> DocumentDiff {
    let mut d = DocumentDiff { document: name.into(), ..Default::default() };
    // Pair targets: exact quote and quantity first, then quote within the other's sentence.
    let mut used = vec![false; new.targets.len()];
    let mut pair: Vec<Option<usize>> = vec![None; old.targets.len()];
    for pass in 0..2 {
        for (i, o) in old.targets.iter().enumerate() {
            if pair[i].is_some() {
                continue;
            }
            let oq = normalize(&o.quote);
            let found = new.targets.iter().enumerate().position(|(j, n)| {
                !used[j]
                    && same_quantity(o, n)
                    && if pass == 0 {
                        normalize(&n.quote) == oq
                    } else {
                        normalize(&n.sentence).contains(&oq)
                            || normalize(&o.sentence).contains(&normalize(&n.quote))
                    }
            });
            if let Some(j) = found {
                used[j] = true;
                pair[i] = Some(j);
            }
        }
    }
    for (i, o) in old.targets.iter().enumerate() {
        match pair[i] {
            None => d.targets_removed.push(describe(o)),
            Some(j) => {
                let changes = field_changes(o, &new.targets[j]);
                if !changes.is_empty() {
                    d.targets_changed.push(TargetChange { quote: o.quote.clone(), changes });
                }
            }
        }
    }
    for (j, n) in new.targets.iter().enumerate() {
        if !used[j] {
            d.targets_added.push(describe(n));
        }
    }
    let heading = |s: &zhengce_extract::model::Section| format!("{}{}", s.marker, s.title);
    let (oh, nh) = (
        old.sections.iter().map(heading).collect::<Vec<_>>(),
        new.sections.iter().map(heading).collect::<Vec<_>>(),
    );
    (d.headings_removed, d.headings_added) = multiset_diff(&oh, &nh);
    let (oi, ni) = (
        old.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
        new.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
    );
    (d.items_removed, d.items_added) = multiset_diff(&oi, &ni);
    d
}

fn multiset_diff(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for s in new {
        *count.entry(s).or_default() += 1;
    }
    let mut removed = Vec::new();
    for s in old {
        match count.get_mut(s.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => removed.push(s.clone()),
        }
    }
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for s in old {
        *count.entry(s).or_default() += 1;
    }
    let mut added = Vec::new();
    for s in new {
        match count.get_mut(s.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(s.clone()),
        }
    }
    (removed, added)
}

fn field_changes(o: &Target, n: &Target) -> Vec<FieldChange> {
    let (ov, nv) = (serde_json::to_value(o).unwrap(), serde_json::to_value(n).unwrap());
    let mut out = Vec::new();
    for field in [
        "kind",
        "quote",
        "value",
        "value_max",
        "unit",
        "comparator",
        "change",
        "each",
        "subject",
        "action",
        "year",
        "owners",
        "section",
    ] {
        if ov[field] != nv[field] {
            out.push(FieldChange {
                field: field.into(),
                old: ov[field].clone(),
                new: nv[field].clone(),
            });
        }
    }
    out
}
