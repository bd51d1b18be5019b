//! errors: here are the matched pairs of gold records and predictions, give me
//! the errors a person can act on.
//!
//! - a confusion table of `kind` (gold rows, predicted columns);
//! - the year errors grouped by where the extractor says the year came from
//!   (`year_source`), with a few examples each;
//! - the subjects that overlap gold least (character F1).
//!
//! Per document these are [`Diagnostics`]; [`Diagnostics::add`] sums them and
//! keeps the worst subjects bounded, so a report never grows with the corpus
//! beyond [`WORST_SUBJECTS`] and [`YEAR_EXAMPLES`] per source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::score::{char_f1, GoldTarget, Predicted};

/// How many of the worst subjects a report keeps.
pub const WORST_SUBJECTS: usize = 15;
/// How many wrong years a report shows per source.
pub const YEAR_EXAMPLES: usize = 3;

/// The two kinds, in table order.
const KINDS: [&str; 2] = ["target", "achievement"];

/// Matched pairs of one source of years: how many, how many wrong, a few of the wrong.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct YearTally {
    pub matched: usize,
    pub wrong: usize,
    /// `(document, quote, gold year, predicted year)`.
    pub examples: Vec<(String, String, Option<i32>, Option<i32>)>,
}

/// A subject that overlaps gold less than fully.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectMiss {
    pub document: String,
    pub quote: String,
    pub gold: String,
    pub predicted: String,
    pub f1: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// `kind[g][p]`: gold kind `KINDS[g]` predicted as `KINDS[p]`; a kind outside
    /// the two counts in the last row or column.
    pub kind: [[usize; 3]; 3],
    /// Keyed by `year_source` (`none` when the prediction has none).
    pub years: BTreeMap<String, YearTally>,
    /// Lowest character F1 first, at most [`WORST_SUBJECTS`].
    pub worst_subjects: Vec<SubjectMiss>,
}

fn kind_index(k: &str) -> usize {
    KINDS.iter().position(|x| *x == k).unwrap_or(2)
}

impl Diagnostics {
    /// The diagnostics of one document's matched pairs (optional records left out).
    pub fn of<'a>(
        document: &str,
        pairs: impl IntoIterator<Item = (&'a GoldTarget, &'a Predicted)>,
    ) -> Diagnostics {
        let mut d = Diagnostics::default();
        for (g, p) in pairs {
            if g.optional {
                continue;
            }
            d.kind[kind_index(&g.kind)][kind_index(&p.kind)] += 1;
            let source = p.year_source.clone().unwrap_or_else(|| "none".into());
            let t = d.years.entry(source).or_default();
            t.matched += 1;
            if g.year != p.year {
                t.wrong += 1;
                if t.examples.len() < YEAR_EXAMPLES {
                    t.examples.push((document.into(), g.quote.clone(), g.year, p.year));
                }
            }
            let f1 = char_f1(&g.subject, &p.subject);
            if f1 < 0.999 {
                d.worst_subjects.push(SubjectMiss {
                    document: document.into(),
                    quote: g.quote.clone(),
                    gold: g.subject.clone(),
                    predicted: p.subject.clone(),
                    f1,
                });
            }
        }
        d.keep_worst();
        d
    }

    /// Adds another document's diagnostics.
    pub fn add(&mut self, o: &Diagnostics) {
        for (r, row) in o.kind.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                self.kind[r][c] += n;
            }
        }
        for (k, t) in &o.years {
            let mine = self.years.entry(k.clone()).or_default();
            mine.matched += t.matched;
            mine.wrong += t.wrong;
            for e in &t.examples {
                if mine.examples.len() < YEAR_EXAMPLES {
                    mine.examples.push(e.clone());
                }
            }
        }
        self.worst_subjects.extend(o.worst_subjects.iter().cloned());
        self.keep_worst();
    }

    /// Sorts by F1 (stable: document order among equals) and keeps the worst.
    fn keep_worst(&mut self) {
        self.worst_subjects.sort_by(|a, b| a.f1.total_cmp(&b.f1));
        self.worst_subjects.truncate(WORST_SUBJECTS);
    }

    /// The three tables for a person.
    pub fn render(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(s, "\nkind (rows: gold, columns: predicted)");
        let _ = writeln!(s, "  {:<12} {:>8} {:>12} {:>6}", "", "target", "achievement", "other");
        for (r, name) in KINDS.iter().chain(["other"].iter()).enumerate() {
            let row = self.kind[r];
            if r == 2 && row.iter().all(|&n| n == 0) {
                continue;
            }
            let _ = writeln!(s, "  {:<12} {:>8} {:>12} {:>6}", name, row[0], row[1], row[2]);
        }
        let _ = writeln!(s, "\nyear by year_source");
        let _ = writeln!(s, "  {:<10} {:>7} {:>6} {:>6}", "source", "matched", "wrong", "acc");
        for (k, t) in &self.years {
            let acc = if t.matched == 0 { 1.0 } else { 1.0 - t.wrong as f64 / t.matched as f64 };
            let _ = writeln!(s, "  {:<10} {:>7} {:>6} {:>6.2}", k, t.matched, t.wrong, acc);
            for (doc, quote, g, p) in &t.examples {
                let _ = writeln!(s, "      gold {g:?} ≠ {p:?}  「{quote}」  ({doc})");
            }
        }
        if !self.worst_subjects.is_empty() {
            let _ = writeln!(s, "\nworst subjects (char F1, gold ≠ predicted)");
            for m in &self.worst_subjects {
                let _ = writeln!(
                    s,
                    "  {:.2}  「{}」 ≠ 「{}」  in 「{}」 ({})",
                    m.f1, m.gold, m.predicted, m.quote, m.document
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(kind: &str, year: Option<i32>, subject: &str) -> GoldTarget {
        serde_json::from_value(serde_json::json!({
            "quote": "新建学校10所", "value": 10.0, "value_max": null, "unit": "所",
            "comparator": "=", "change": null, "each": false, "subject": subject,
            "year": year, "kind": kind
        }))
        .unwrap()
    }

    fn pred(kind: &str, year: Option<i32>, source: Option<&str>, subject: &str) -> Predicted {
        Predicted {
            quote: "新建学校10所".into(),
            sentence: String::new(),
            value: 10.0,
            value_max: None,
            unit: "所".into(),
            comparator: "=".into(),
            change: None,
            each: false,
            subject: subject.into(),
            year,
            year_source: source.map(String::from),
            owners: vec![],
            kind: kind.into(),
        }
    }

    #[test]
    fn tables_count_what_they_say() {
        let g = [
            gold("target", Some(2026), "学校"),
            gold("achievement", Some(2025), "学校"),
            gold("achievement", Some(2025), "普惠托育机构"),
        ];
        let p = [
            pred("target", Some(2026), Some("title"), "学校"),
            pred("target", Some(2026), Some("title"), "学校"),
            pred("achievement", Some(2025), Some("review"), "机构"),
        ];
        let d = Diagnostics::of("doc", g.iter().zip(p.iter()));
        assert_eq!(d.kind[0][0], 1);
        assert_eq!(d.kind[1][0], 1);
        assert_eq!(d.kind[1][1], 1);
        assert_eq!(d.years["title"].matched, 2);
        assert_eq!(d.years["title"].wrong, 1);
        assert_eq!(d.years["review"].wrong, 0);
        assert_eq!(d.worst_subjects.len(), 1);
        assert_eq!(d.worst_subjects[0].gold, "普惠托育机构");
        let mut total = Diagnostics::default();
        total.add(&d);
        total.add(&d);
        assert_eq!(total.kind[1][0], 2);
        assert_eq!(total.years["title"].wrong, 2);
        assert_eq!(total.worst_subjects.len(), 2);
        let text = total.render();
        assert!(text.contains("year by year_source"), "{text}");
        assert!(text.contains("「普惠托育机构」 ≠ 「机构」"), "{text}");
    }
}
