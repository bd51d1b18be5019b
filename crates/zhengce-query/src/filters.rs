//! filters: the filters every question has (`doc_kind`) or many have (`kind`,
//! a year range), as one bitset per segment and term, read once from the
//! postings beside the facet rows.
//!
//! As term queries, these filters cost a posting walk per question: the
//! `doc_kind` list holds half the entries of the index and is sought once
//! per candidate, and a year range first gathers every posting of every year
//! in range into a bitset (on the load bench, matching took about 40% of the
//! CPU after facets were made cheap). The sets never change for a segment, so
//! they are read once, with the rows ([`crate::columns`]), as a bitset per
//! term (64 entries a word: 62.5 KB per term for half a million entries), and
//! a question's filters become a few word-wise ORs and ANDs and one bitset to
//! walk or seek into ([`FilterQuery`]). The sets are those of the terms the
//! term queries read, deleted entries included (collectors skip those), so
//! the matches are the same; `tests/order.rs` compares both on every filter.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::columnar::MonotonicallyMappableToU64;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

use crate::columns::SearcherColumns;
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
}

impl SegmentFilters {
    /// Reads the sets of every `doc_kind`, `kind` and `year` term from the postings.
    pub(crate) fn read(reader: &SegmentReader) -> tantivy::Result<SegmentFilters> {
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
        })
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        (self.doc_kind.len() + self.kind.len() + self.year.len()) * self.words * 8
    }

    /// The documents of `filter` in this segment.
    fn matching(&self, filter: &Filter) -> Bits {
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
        out
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
    let mut postings = BlockSegmentPostings::empty();
    while terms.advance() {
        let mut set = vec![0u64; words];
        index.reset_block_postings_from_terminfo(terms.value(), &mut postings)?;
        while !postings.docs().is_empty() {
            for &d in postings.docs() {
                set[d as usize / 64] |= 1 << (d % 64);
            }
            postings.advance();
        }
        out.insert(key(terms.key()), set);
    }
    Ok(out)
}

/// What a question asks of the filters with sets.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    pub(crate) doc_kind: DocKind,
    pub(crate) kind: Option<EntryKind>,
    pub(crate) years: Option<YearRange>,
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
        let docs = BitsDocSet::new(segment.filters.matching(&self.filter));
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
