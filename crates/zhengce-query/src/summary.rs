//! summary: here are extracted documents, give me the overview `zhengce run` prints.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use zhengce_extract::model::Document;

use crate::index::target_kind;

/// How many owners [`Summary`] lists.
pub const TOP_OWNERS: usize = 10;

/// Counts over a set of documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub sections: usize,
    pub items: usize,
    pub targets: usize,
    /// `target` / `achievement` → count.
    pub targets_by_kind: BTreeMap<String, usize>,
    /// Year → count; targets without a year are under `None`.
    pub targets_by_year: BTreeMap<Option<i32>, usize>,
    /// The owners of the most targets, most first (ties by name), with their counts.
    pub top_owners: Vec<(String, usize)>,
}

impl Summary {
    pub fn from_documents(docs: &[Document]) -> Summary {
        let mut s = Summary { documents: docs.len(), ..Summary::default() };
        let mut owners: HashMap<&str, usize> = HashMap::new();
        for d in docs {
            s.sections += d.sections.len();
            s.items += d.items.len();
            s.targets += d.targets.len();
            for t in &d.targets {
                *s.targets_by_kind.entry(target_kind(t.kind).to_string()).or_default() += 1;
                *s.targets_by_year.entry(t.year).or_default() += 1;
                for o in &t.owners {
                    *owners.entry(o.as_str()).or_default() += 1;
                }
            }
        }
        let mut owners: Vec<(String, usize)> =
            owners.into_iter().map(|(o, n)| (o.to_string(), n)).collect();
        owners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        owners.truncate(TOP_OWNERS);
        s.top_owners = owners;
        s
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} sections, {} items, {} targets",
            self.documents, self.sections, self.items, self.targets
        )?;
        if self.targets == 0 {
            return Ok(());
        }
        let kinds: Vec<String> =
            self.targets_by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(f, "  by kind: {}", kinds.join(", "))?;
        let years: Vec<String> = self
            .targets_by_year
            .iter()
            .map(|(y, n)| match y {
                Some(y) => format!("{y}: {n}"),
                None => format!("no year: {n}"),
            })
            .collect();
        writeln!(f, "  by year: {}", years.join(", "))?;
        if !self.top_owners.is_empty() {
            let owners: Vec<String> =
                self.top_owners.iter().map(|(o, n)| format!("{o} {n}")).collect();
            writeln!(f, "  top owners: {}", owners.join(", "))?;
        }
        Ok(())
    }
}
