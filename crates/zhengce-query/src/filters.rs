//! filters: the filters of a question as one bitset per segment: the sets
//! every question has (`doc_kind`) or many have (`kind`, a year range), read
//! once from the postings beside the facet rows; the sets of the other terms a
//! question filters on (unit, region, issuer, owner, the words of an owner or a
//! section heading), kept once read when the term is dense; and a value range,
//! from the entries sorted by value or the facet rows.
//!
//! As term queries, these filters cost a posting walk per question: the
//! `doc_kind` list holds half the entries of the index and is sought once
//! per candidate, and a year range first gathers every posting of every year
//! in range into a bitset (on the load bench, matching took about 40% of the
//! CPU after facets were made cheap). The sets never change for a segment, so
//! they are read once, with the rows ([`crate::columns`]), as a bitset per
//! term (64 entries a word: 62.5 KB per term for half a million entries), and
//! a question's filters become a few word-wise ORs and ANDs and one bitset to
//! walk or seek into ([`FilterQuery`]).
//!
//! The other filter terms are many (every owner, every word of one), so only
//! the sets of dense ones are kept, read at the first question that asks for
//! them: a term in at least one entry in [`DENSE_ONE_IN`] (its set is then no
//! bigger than its postings), at most [`KEPT_SETS`] per segment. A sparse
//! term's postings are walked for the question, keeping the bits they hit.
//! Owner `鹿城区教育局` was a seek into the 700,000 postings of `教育局` per
//! candidate; it is now two ANDs of kept sets. A value range (`min_value`,
//! `max_value`) was a scan of the value column over every entry; it is now the
//! run of the segment's entries sorted by value ([`ByValue`]), or, when the
//! other filters left only a few entries, a check of their rows.
//!
//! The sets are those of the terms the term queries read, deleted entries
//! included (collectors skip those), so the matches are the same;
//! `tests/order.rs` compares both on every filter.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tantivy::columnar::MonotonicallyMappableToU64;
use tantivy::postings::TermInfo;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::TERMINATED;
use tantivy::{DocId, DocSet, InvertedIndexReader, Score, SegmentReader, TantivyError, Term};

use crate::columns::{SearcherColumns, SegmentColumns};
use crate::search::{DocKind, EntryKind, YearRange};

/// A set of a segment's documents, bit `d % 64` of word `d / 64` for document `d`.
pub(crate) type Bits = Vec<u64>;

/// The sets of one segment's filter terms.
pub(crate) struct SegmentFilters {
    /// Words per set.
    words: usize,
    doc_kind: BTreeMap<String, Bits>,
    kind: BTreeMap<String, Bits>,
    year: BTreeMap<i64, Bits>,
    /// The sets of dense filter terms, read at their first question.
    kept: Mutex<HashMap<Term, Arc<Bits>>>,
    /// The entries with a value, by value.
    by_value: ByValue,
}

/// A segment's entries that have a value, sorted by it: the entries of a
/// value range are a run of it.
pub(crate) struct ByValue {
    values: Vec<f64>,
    docs: Vec<DocId>,
}

impl ByValue {
    /// From (value, entry) pairs; NaN (no value) left out.
    pub(crate) fn new(pairs: impl Iterator<Item = (f64, DocId)>) -> ByValue {
        let mut pairs: Vec<(f64, DocId)> = pairs.filter(|(v, _)| !v.is_nan()).collect();
        pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        ByValue {
            values: pairs.iter().map(|p| p.0).collect(),
            docs: pairs.iter().map(|p| p.1).collect(),
        }
    }

    /// The entries with a value in `lo..=hi`.
    fn range(&self, lo: f64, hi: f64) -> &[DocId] {
        let start = self.values.partition_point(|&v| v < lo);
        let end = self.values.partition_point(|&v| v <= hi).max(start);
        &self.docs[start..end]
    }
}

/// A filter term's set is kept once read when the term is in at least one
/// entry in this many: the set (a bit per entry) is then no bigger than the
/// term's postings.
pub(crate) const DENSE_ONE_IN: u32 = 64;

/// Kept term sets per segment at most: 32 bytes per entry, less than its facet row.
pub(crate) const KEPT_SETS: usize = 256;

impl SegmentFilters {
    /// Reads the sets of every `doc_kind`, `kind` and `year` term from the postings.
    pub(crate) fn read(
        reader: &SegmentReader,
        by_value: ByValue,
    ) -> tantivy::Result<SegmentFilters> {
        let words = (reader.max_doc() as usize).div_ceil(64);
        let text = |key: &[u8]| String::from_utf8_lossy(key).into_owned();
        let year = |key: &[u8]| {
            let bytes: [u8; 8] = key.try_into().unwrap_or_default();
            i64::from_u64(u64::from_be_bytes(bytes))
        };
        Ok(SegmentFilters {
            words,
            doc_kind: sets_of(reader, "doc_kind", words, text)?,
            kind: sets_of(reader, "kind", words, text)?,
            year: sets_of(reader, "year", words, year)?,
            kept: Mutex::default(),
            by_value,
        })
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner()).len();
        (self.doc_kind.len() + self.kind.len() + self.year.len() + kept) * self.words * 8
            + self.by_value.values.capacity() * 8
            + self.by_value.docs.capacity() * 4
    }

    /// Keeps the entries of `bits` whose value is in `lo..=hi`: from the
    /// run of [`ByValue`] when it is shorter than a few times the entries
    /// left (a bit set per entry of the run), else by reading their rows (a
    /// row, a trip to memory, per entry left).
    fn and_value(&self, bits: &mut Bits, rows: &SegmentColumns, lo: f64, hi: f64) {
        let run = self.by_value.range(lo, hi);
        let left: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
        if run.len() < 4 * left {
            let mut kept = vec![0; self.words];
            for &d in run {
                keep_if_in(&mut kept, bits, d);
            }
            *bits = kept;
        } else {
            keep_values_in(bits, rows, lo, hi);
        }
    }

    /// `out` ∩ the entries holding `term`: a kept set when the term is dense
    /// (read now if it is not kept yet), else a walk of its postings.
    fn and_term(&self, out: &mut Bits, reader: &SegmentReader, term: &Term) -> tantivy::Result<()> {
        let index = reader.inverted_index(term.field())?;
        let Some(info) = index.get_term_info(term)? else {
            out.fill(0);
            return Ok(());
        };
        if info.doc_freq.saturating_mul(DENSE_ONE_IN) >= reader.max_doc() {
            let set = self.kept_set(&index, term, &info)?;
            and(out, Some(&set));
            return Ok(());
        }
        let mut kept = vec![0; self.words];
        for_each_posting(&index, &info, |d| keep_if_in(&mut kept, out, d))?;
        *out = kept;
        Ok(())
    }

    /// The set of a dense `term`, kept (up to [`KEPT_SETS`]) once read.
    fn kept_set(
        &self,
        index: &InvertedIndexReader,
        term: &Term,
        info: &TermInfo,
    ) -> tantivy::Result<Arc<Bits>> {
        let lock = || self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(set) = lock().get(term) {
            return Ok(Arc::clone(set));
        }
        // Read without the lock: questions on other terms go on meanwhile
        // (two reading the same term at once keep the same set).
        let set = Arc::new(read_set(index, info, self.words)?);
        let mut kept = lock();
        if kept.len() < KEPT_SETS {
            kept.insert(term.clone(), Arc::clone(&set));
        }
        Ok(set)
    }

    /// The documents of `filter`'s sets and terms in this segment (its value
    /// range is [`SegmentFilters::and_value`], which needs the rows).
    fn matching(&self, filter: &Filter, reader: &SegmentReader) -> tantivy::Result<Bits> {
        let none = || vec![0; self.words];
        let mut out = self.doc_kind.get(filter.doc_kind.as_str()).cloned().unwrap_or_else(none);
        if let Some(kind) = filter.kind {
            and(&mut out, self.kind.get(kind.as_str()));
        }
        if let Some(years) = filter.years {
            let mut any = none();
            let in_range =
                (years.start <= years.end).then(|| self.year.range(years.start..=years.end));
            for set in in_range.into_iter().flatten().map(|(_, set)| set) {
                for (a, b) in any.iter_mut().zip(set) {
                    *a |= b;
                }
            }
            and(&mut out, Some(&any));
        }
        for term in &filter.terms {
            self.and_term(&mut out, reader, term)?;
        }
        Ok(out)
    }
}

/// `out` ∩ `set` (nothing, when there is no set).
fn and(out: &mut Bits, set: Option<&Bits>) {
    match set {
        Some(set) => out.iter_mut().zip(set).for_each(|(a, b)| *a &= b),
        None => out.fill(0),
    }
}

/// The set of every term of `field` in `reader`, keyed by `key` of the term's bytes.
fn sets_of<K: Ord>(
    reader: &SegmentReader,
    field: &str,
    words: usize,
    key: impl Fn(&[u8]) -> K,
) -> tantivy::Result<BTreeMap<K, Bits>> {
    let field = reader.schema().get_field(field)?;
    let index = reader.inverted_index(field)?;
    let mut out = BTreeMap::new();
    let mut terms = index.terms().stream()?;
    while terms.advance() {
        out.insert(key(terms.key()), read_set(&index, terms.value(), words)?);
    }
    Ok(out)
}

/// The set of the entries in the postings of `info`.
fn read_set(index: &InvertedIndexReader, info: &TermInfo, words: usize) -> tantivy::Result<Bits> {
    let mut set = vec![0u64; words];
    for_each_posting(index, info, |d| set[d as usize / 64] |= 1 << (d % 64))?;
    Ok(set)
}

/// Calls `f` with each entry in the postings of `info`, in order.
fn for_each_posting(
    index: &InvertedIndexReader,
    info: &TermInfo,
    mut f: impl FnMut(DocId),
) -> tantivy::Result<()> {
    let mut postings = index.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    while !postings.docs().is_empty() {
        postings.docs().iter().for_each(|&d| f(d));
        postings.advance();
    }
    Ok(())
}

/// Sets `d`'s bit in `kept` when it is set in `from`.
#[inline(always)]
fn keep_if_in(kept: &mut Bits, from: &Bits, d: DocId) {
    let (w, bit) = (d as usize / 64, 1 << (d % 64));
    kept[w] |= from[w] & bit;
}

/// What a question asks of the filters with sets.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    pub(crate) doc_kind: DocKind,
    pub(crate) kind: Option<EntryKind>,
    pub(crate) years: Option<YearRange>,
    /// Terms every match holds: exact filters (unit, region, issuer, owner)
    /// and the words of an owner or a section heading.
    pub(crate) terms: Vec<Term>,
    /// An inclusive range of `value` (either end may be infinite); an entry
    /// without a value is outside every range.
    pub(crate) value: Option<(f64, f64)>,
}

/// [`Filter`] as a tantivy query over the sets of `columns` (which must be
/// the searcher's): the same documents as its term and range queries.
#[derive(Clone)]
pub(crate) struct FilterQuery {
    pub(crate) filter: Filter,
    pub(crate) columns: Arc<SearcherColumns>,
}

impl std::fmt::Debug for FilterQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FilterQuery({:?})", self.filter)
    }
}

impl Query for FilterQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for FilterQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let segment = &self.columns.segments[self.columns.segment_of(reader)?];
        let mut bits = segment.filters.matching(&self.filter, reader)?;
        if let Some((lo, hi)) = self.filter.value {
            segment.filters.and_value(&mut bits, segment, lo, hi);
        }
        let docs = BitsDocSet::new(bits);
        Ok(Box::new(ConstScorer::new(docs, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match {:?}",
                self.filter
            )));
        }
        Ok(Explanation::new("FilterQuery", 1.0))
    }
}

/// Clears the bits of the entries whose value (read from their rows) is not
/// in `lo..=hi`: a row read per entry left, prefetched a few entries ahead.
fn keep_values_in(bits: &mut Bits, rows: &SegmentColumns, lo: f64, hi: f64) {
    let mut docs: Vec<DocId> = Vec::with_capacity(64);
    for (w, word) in bits.iter_mut().enumerate() {
        docs.clear();
        let mut rest = *word;
        while rest != 0 {
            docs.push(w as u32 * 64 + rest.trailing_zeros());
            rest &= rest - 1;
        }
        rows.for_each_prefetched(&docs, |_, d| {
            let v = SegmentColumns::value(rows.row(d));
            if !(lo <= v && v <= hi) {
                *word &= !(1 << (d % 64));
            }
        });
    }
}

/// The documents of a [`Bits`] set, in order.
pub(crate) struct BitsDocSet {
    words: Bits,
    /// The word of the current document.
    at: usize,
    /// The bits of word `at` after the current document.
    rest: u64,
    doc: DocId,
    len: u32,
}

impl BitsDocSet {
    pub(crate) fn new(words: Bits) -> BitsDocSet {
        let len = words.iter().map(|w| w.count_ones()).sum();
        let rest = words.first().copied().unwrap_or(0);
        let mut set = BitsDocSet { words, at: 0, rest, doc: 0, len };
        set.advance();
        set
    }
}

impl DocSet for BitsDocSet {
    #[inline]
    fn advance(&mut self) -> DocId {
        while self.rest == 0 {
            self.at += 1;
            match self.words.get(self.at) {
                Some(&w) => self.rest = w,
                None => {
                    self.doc = TERMINATED;
                    return TERMINATED;
                }
            }
        }
        let bit = self.rest.trailing_zeros();
        self.rest &= self.rest - 1;
        self.doc = (self.at as u32) * 64 + bit;
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let at = (target / 64) as usize;
        if at >= self.words.len() {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        if at > self.at {
            self.at = at;
            self.rest = self.words[at];
        }
        // The bits of the target's word below it are behind us.
        self.rest &= u64::MAX << (target % 64);
        self.advance()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The run of a value range is every entry with a value in it (each
        /// once, ties and the ends included), whatever the order given.
        #[test]
        fn a_value_range_is_a_run_of_the_entries_sorted_by_value(
            values in proptest::collection::vec(
                prop_oneof![(0u8..6).prop_map(|v| v as f64 * 10.0), Just(f64::NAN)],
                0..200,
            ),
            lo in prop_oneof![(0u8..6).prop_map(|v| v as f64 * 10.0 - 5.0 * (v % 2) as f64), Just(f64::NEG_INFINITY)],
            width in prop_oneof![(0u8..4).prop_map(|w| w as f64 * 10.0), Just(f64::INFINITY)],
        ) {
            let by_value = ByValue::new(values.iter().enumerate().map(|(d, &v)| (v, d as DocId)));
            let hi = lo + width;
            let mut got = by_value.range(lo, hi).to_vec();
            got.sort_unstable();
            let want: Vec<DocId> = values
                .iter()
                .enumerate()
                .filter(|(_, &v)| lo <= v && v <= hi)
                .map(|(d, _)| d as DocId)
                .collect();
            prop_assert_eq!(got, want);
        }

        /// Walking and seeking a set give the documents of the set.
        #[test]
        fn walks_and_seeks_like_the_sorted_documents(
            docs in proptest::collection::btree_set(0u32..700, 0..120),
            targets in proptest::collection::vec(0u32..760, 0..20),
        ) {
            let mut words = vec![0u64; 700usize.div_ceil(64)];
            for &d in &docs {
                words[d as usize / 64] |= 1 << (d % 64);
            }
            let all: Vec<u32> = docs.iter().copied().collect();
            let mut set = BitsDocSet::new(words.clone());
            prop_assert_eq!(set.size_hint() as usize, all.len());
            let mut walked = Vec::new();
            while set.doc() != TERMINATED {
                walked.push(set.doc());
                set.advance();
            }
            prop_assert_eq!(&walked, &all);
            let mut set = BitsDocSet::new(words);
            let mut targets = targets;
            targets.sort_unstable();
            for t in targets {
                let before = set.doc();
                let got = set.seek(t);
                let want = if before >= t {
                    before
                } else {
                    all.iter().copied().find(|&d| d >= t).unwrap_or(TERMINATED)
                };
                prop_assert_eq!(got, want);
                prop_assert_eq!(set.doc(), got);
            }
        }
    }
}
