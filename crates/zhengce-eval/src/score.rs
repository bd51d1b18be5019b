//! score: here are predicted and gold targets of one document, give me the matching and the counts.
//!
//! Implements `targets.md` §5 to the letter: text is compared after NFKC and
//! after removing white space and punctuation (Unicode P*); strong and weak
//! matches; one-to-one matching in three passes (greedy strong in document
//! order with required records first, augmenting paths over strong edges,
//! then greedy weak).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// A gold record (`gold/<stem>.targets.jsonl`, one a line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTarget {
    pub quote: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub comparator: String,
    pub change: Option<String>,
    pub each: bool,
    pub subject: String,
    #[serde(default)]
    pub action: Option<String>,
    pub year: Option<i32>,
    #[serde(default)]
    pub owners: Vec<String>,
    #[serde(default)]
    pub section: Vec<String>,
    pub kind: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// The fields of a prediction that scoring reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predicted {
    pub quote: String,
    pub sentence: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub comparator: String,
    pub change: Option<String>,
    pub each: bool,
    pub subject: String,
    pub year: Option<i32>,
    /// Where the extractor says the year came from (`sentence`, `heading`, …).
    #[serde(default)]
    pub year_source: Option<String>,
    pub owners: Vec<String>,
    pub kind: String,
}

impl From<&zhengce_extract::model::Target> for Predicted {
    fn from(t: &zhengce_extract::model::Target) -> Self {
        Predicted {
            quote: t.quote.clone(),
            sentence: t.sentence.clone(),
            value: t.value,
            value_max: t.value_max,
            unit: t.unit.clone(),
            comparator: t.comparator.clone(),
            change: t.change.clone(),
            each: t.each,
            subject: t.subject.clone(),
            year: t.year,
            year_source: t.year_source.map(|y| {
                serde_json::to_value(y)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            }),
            owners: t.owners.clone(),
            kind: match t.kind {
                zhengce_extract::model::TargetKind::Target => "target".into(),
                zhengce_extract::model::TargetKind::Achievement => "achievement".into(),
            },
        }
    }
}

/// Text as scoring compares it: NFKC, no white space, no punctuation.
pub fn normalize(s: &str) -> String {
    static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\s\p{P}]+").unwrap());
    let nfkc: String = s.nfkc().collect();
    RE.replace_all(&nfkc, "").into_owned()
}

fn num_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn values_eq(p: &Predicted, g: &GoldTarget) -> bool {
    num_eq(p.value, g.value)
        && match (p.value_max, g.value_max) {
            (None, None) => true,
            (Some(a), Some(b)) => num_eq(a, b),
            _ => false,
        }
        && p.unit == g.unit
}

fn has_numeral(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit() || "零〇一二两三四五六七八九十百千万亿半".contains(c))
}

/// A pair of indices: gold record `gold`, prediction `pred`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub gold: usize,
    pub pred: usize,
    pub strong: bool,
}

/// The one-to-one matching of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Matching {
    pub pairs: Vec<Pair>,
    /// Required gold records left unmatched.
    pub missed: Vec<usize>,
    /// Predictions matched to nothing.
    pub false_positives: Vec<usize>,
    /// Predictions matched to optional records (count neither way).
    pub neutral: Vec<usize>,
}

pub fn match_document(gold: &[GoldTarget], pred: &[Predicted]) -> Matching {
    let ng: Vec<String> = gold.iter().map(|g| normalize(&g.quote)).collect();
    let pq: Vec<String> = pred.iter().map(|p| normalize(&p.quote)).collect();
    let ps: Vec<String> = pred.iter().map(|p| normalize(&p.sentence)).collect();
    let strong: Vec<Vec<usize>> = gold
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            (0..pred.len())
                .filter(|&pi| {
                    values_eq(&pred[pi], g)
                        && (pq[pi].contains(&ng[gi]) || ps[pi].contains(&ng[gi]))
                })
                .collect()
        })
        .collect();
    let mut gold_of: Vec<Option<usize>> = vec![None; pred.len()];
    let mut pred_of: Vec<Option<usize>> = vec![None; gold.len()];
    let order: Vec<usize> = (0..gold.len())
        .filter(|&g| !gold[g].optional)
        .chain((0..gold.len()).filter(|&g| gold[g].optional))
        .collect();
    // 1. greedy, in document order, required first.
    for &g in &order {
        if let Some(&p) = strong[g].iter().find(|&&p| gold_of[p].is_none()) {
            gold_of[p] = Some(g);
            pred_of[g] = Some(p);
        }
    }
    // 2. augmenting paths over strong edges.
    for &g in &order {
        if pred_of[g].is_none() {
            let mut seen = vec![false; pred.len()];
            augment(g, &strong, &mut seen, &mut gold_of, &mut pred_of);
        }
    }
    let mut pairs: Vec<Pair> = pred_of
        .iter()
        .enumerate()
        .filter_map(|(g, p)| p.map(|p| Pair { gold: g, pred: p, strong: true }))
        .collect();
    // 3. weak matches for what is left.
    for &g in &order {
        if pred_of[g].is_some() {
            continue;
        }
        let weak = (0..pred.len()).find(|&p| {
            gold_of[p].is_none()
                && values_eq(&pred[p], &gold[g])
                && !pq[p].is_empty()
                && ng[g].contains(&pq[p])
                && has_numeral(&pq[p])
        });
        if let Some(p) = weak {
            gold_of[p] = Some(g);
            pred_of[g] = Some(p);
            pairs.push(Pair { gold: g, pred: p, strong: false });
        }
    }
    pairs.sort_by_key(|p| p.gold);
    let missed = (0..gold.len()).filter(|&g| pred_of[g].is_none() && !gold[g].optional).collect();
    let false_positives = (0..pred.len()).filter(|&p| gold_of[p].is_none()).collect();
    let neutral =
        (0..pred.len()).filter(|&p| gold_of[p].is_some_and(|g| gold[g].optional)).collect();
    Matching { pairs, missed, false_positives, neutral }
}

fn augment(
    g: usize,
    strong: &[Vec<usize>],
    seen: &mut [bool],
    gold_of: &mut [Option<usize>],
    pred_of: &mut [Option<usize>],
) -> bool {
    for &p in &strong[g] {
        if seen[p] {
            continue;
        }
        seen[p] = true;
        if gold_of[p].is_none() || augment(gold_of[p].unwrap(), strong, seen, gold_of, pred_of) {
            gold_of[p] = Some(g);
            pred_of[g] = Some(p);
            return true;
        }
    }
    false
}

/// Detection counts and attribute agreement, summable across documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// Matched pairs with required gold records (the attribute denominators).
    pub attr_pairs: usize,
    pub kind: usize,
    pub comparator: usize,
    pub change: usize,
    pub each: usize,
    pub year: usize,
    pub owners: usize,
    /// Sum of subject character-overlap F1 over the pairs.
    pub subject_f1_sum: f64,
}

impl Counts {
    pub fn of(gold: &[GoldTarget], pred: &[Predicted], m: &Matching) -> Counts {
        let mut c = Counts {
            false_positives: m.false_positives.len(),
            false_negatives: m.missed.len(),
            ..Counts::default()
        };
        for pair in &m.pairs {
            let (g, p) = (&gold[pair.gold], &pred[pair.pred]);
            if g.optional {
                continue;
            }
            c.true_positives += 1;
            c.attr_pairs += 1;
            c.kind += (g.kind == p.kind) as usize;
            c.comparator += (g.comparator == p.comparator) as usize;
            c.change += (g.change == p.change) as usize;
            c.each += (g.each == p.each) as usize;
            c.year += (g.year == p.year) as usize;
            c.owners += same_set(&g.owners, &p.owners) as usize;
            c.subject_f1_sum += char_f1(&g.subject, &p.subject);
        }
        c
    }

    pub fn add(&mut self, o: &Counts) {
        self.true_positives += o.true_positives;
        self.false_positives += o.false_positives;
        self.false_negatives += o.false_negatives;
        self.attr_pairs += o.attr_pairs;
        self.kind += o.kind;
        self.comparator += o.comparator;
        self.change += o.change;
        self.each += o.each;
        self.year += o.year;
        self.owners += o.owners;
        self.subject_f1_sum += o.subject_f1_sum;
    }

    pub fn scores(&self) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.true_positives, self.true_positives + self.false_positives);
        let recall = ratio(self.true_positives, self.true_positives + self.false_negatives);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        let n = self.attr_pairs;
        Scores {
            precision,
            recall,
            f1,
            kind: ratio(self.kind, n),
            comparator: ratio(self.comparator, n),
            change: ratio(self.change, n),
            each: ratio(self.each, n),
            year: ratio(self.year, n),
            owners: ratio(self.owners, n),
            subject: if n == 0 { 1.0 } else { self.subject_f1_sum / n as f64 },
        }
    }
}

/// Detection precision/recall/F1 and attribute accuracies, all in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub kind: f64,
    pub comparator: f64,
    pub change: f64,
    pub each: f64,
    pub year: f64,
    pub owners: f64,
    pub subject: f64,
}

impl Scores {
    /// The attribute accuracies by name, in report order.
    pub fn attributes(&self) -> [(&'static str, f64); 7] {
        [
            ("kind", self.kind),
            ("comparator", self.comparator),
            ("change", self.change),
            ("each", self.each),
            ("year", self.year),
            ("owners", self.owners),
            ("subject", self.subject),
        ]
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    let mut a: Vec<&String> = a.iter().collect();
    let mut b: Vec<&String> = b.iter().collect();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

/// Character-overlap F1 of two strings (multiset of characters, after normalization).
pub fn char_f1(gold: &str, pred: &str) -> f64 {
    let (g, p) = (normalize(gold), normalize(pred));
    if g.is_empty() && p.is_empty() {
        return 1.0;
    }
    if g.is_empty() || p.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<char, i64> = HashMap::new();
    for c in g.chars() {
        *counts.entry(c).or_default() += 1;
    }
    let mut overlap = 0;
    for c in p.chars() {
        if let Some(n) = counts.get_mut(&c) {
            if *n > 0 {
                *n -= 1;
                overlap += 1;
            }
        }
    }
    if overlap == 0 {
        return 0.0;
    }
    let prec = overlap as f64 / p.chars().count() as f64;
    let rec = overlap as f64 / g.chars().count() as f64;
    2.0 * prec * rec / (prec + rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(quote: &str, value: f64, unit: &str, optional: bool) -> GoldTarget {
        GoldTarget {
            quote: quote.into(),
            value,
            value_max: None,
            unit: unit.into(),
            comparator: "=".into(),
            change: None,
            each: false,
            subject: String::new(),
            action: None,
            year: None,
            owners: vec![],
            section: vec![],
            kind: "target".into(),
            optional,
            note: None,
        }
    }

    fn pred(quote: &str, sentence: &str, value: f64, unit: &str) -> Predicted {
        Predicted {
            quote: quote.into(),
            sentence: sentence.into(),
            value,
            value_max: None,
            unit: unit.into(),
            comparator: "=".into(),
            change: None,
            each: false,
            subject: String::new(),
            year: None,
            year_source: None,
            owners: vec![],
            kind: "target".into(),
        }
    }

    #[test]
    fn normalization_ignores_width_space_and_punctuation() {
        assert_eq!(
            normalize("；到２０２５年, 新增 “市新锐教师”2000名。"),
            "到2025年新增市新锐教师2000名"
        );
    }

    #[test]
    fn augmenting_paths_fix_a_greedy_choice() {
        // Gold 0 can take either prediction; gold 1 only the first. Greedy gives
        // gold 0 the first; the augmenting pass must move it.
        let g =
            vec![gold("初中2所", 2.0, "所", false), gold("小学19所,其中初中2所", 2.0, "所", false)];
        let p = vec![
            pred("初中2所", "小学19所,其中初中2所、小学4所", 2.0, "所"),
            pred("初中2所", "小学21所,其中初中2所", 2.0, "所"),
        ];
        let m = match_document(&g, &p);
        assert_eq!(m.pairs.len(), 2);
        assert!(m.missed.is_empty() && m.false_positives.is_empty());
    }

    #[test]
    fn optional_records_count_neither_way() {
        let g = vec![gold("两篇文章", 2.0, "篇", true)];
        let p = vec![pred("两篇文章", "写好两篇文章", 2.0, "篇")];
        let m = match_document(&g, &p);
        let c = Counts::of(&g, &p, &m);
        assert_eq!((c.true_positives, c.false_positives, c.false_negatives), (0, 0, 0));
        assert_eq!(m.neutral, vec![0]);
    }

    #[test]
    fn weak_match_needs_a_numeral_in_the_predicted_quote() {
        let g = vec![gold("新建新教学空间1000个", 1000.0, "个", false)];
        let p = vec![pred("1000个", "另一句", 1000.0, "个")];
        assert_eq!(match_document(&g, &p).pairs, vec![Pair { gold: 0, pred: 0, strong: false }]);
        let p = vec![pred("空间", "另一句", 1000.0, "个")];
        assert!(match_document(&g, &p).pairs.is_empty());
    }

    #[test]
    fn subject_overlap_is_a_character_f1() {
        assert!((char_f1("市新锐教师", "新锐教师") - 2.0 * 1.0 * 0.8 / 1.8).abs() < 1e-12);
        assert_eq!(char_f1("", ""), 1.0);
    }
}
