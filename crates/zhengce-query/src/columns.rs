//! columns: the facet keys of every segment, read once into rows.
//!
//! Counting groups over a million hits by asking tantivy's columns for each
//! hit's ordinals cost 40–120 ms per key. Here each segment's [`GroupBy`] keys
//! and `value` are read once from the fast fields into one row per document
//! (`ROW` words: the value's `f64` bits, NaN for none, the entry's `seq`,
//! then a word per key),
//! and counting a hit is reading its row. A key's word is the document's one
//! ordinal, or the `(none)` slot when it has none, or, for a document with
//! several owners, issuers or years, `MULTI` and where their ordinals are.
//! A segment never changes once written, so its rows are kept, keyed by
//! [`SegmentId`], for as long as the index's reader sees the segment.
//!
//! Rows, not a column per key: hits of a question are scattered over the
//! segment, and a hit then costs one cache line rather than one in each of
//! nine arrays (on the load bench, 62 answers a second against 43 with narrow
//! columns, on the same busy machine). Over dense hits narrow columns would win (4 ms a key over a
//! million hits against 18 ms), but a page counts every key at once, where
//! the two are even (31–34 ms for all seven keys).
//!
//! Segments name their ordinals each in their own dictionary; `SearcherColumns`
//! (one per set of segments) merges them into global ordinals per key, sorted
//! the way ties between groups are broken (a string's bytes; years ascending,
//! `(none)` last), so counts are merged and ranked by ordinal and only the
//! groups shown are turned into strings.
//!
//! Measured on the bench index (`benches/index.rs`: 1,000,050 targets and as
//! many items, 2,000,100 entries in 4 segments): reading every segment's rows
//! and filter sets ([`crate::filters`]) takes 0.3–0.7 s, once, and they hold
//! 117 MiB (40 bytes of row per entry, the ordinals of entries with several
//! values for a key, the names, 62.5 KB per filter term and segment, and 12
//! bytes per entry with a value for the entries sorted by value).

use std::sync::{Arc, Mutex};

use tantivy::columnar::{Cardinality, Column};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

use crate::filters::{ByValue, SegmentFilters};
use crate::group::{GroupBy, NONE_GROUP};
use crate::pages::Words;

/// Words per row: `value` (the bits of an `f64`, low word first), `seq` (the
/// entry's place in its document, for [`crate::order`]), then one word per
/// key in [`GroupBy::ALL`] order.
pub(crate) const ROW: usize = KEYS_AT + GroupBy::ALL.len();

/// Where a row's `seq` is.
const SEQ_AT: usize = 2;

/// Where a row's first key is.
const KEYS_AT: usize = 3;

/// How many documents ahead of the one being read its row is prefetched
/// ([`SegmentColumns::for_each_prefetched`]): far enough for a trip to memory
/// (about 100 ns, 8 hits of counting), near enough that the line is still in
/// the cache when its turn comes.
const AHEAD: usize = 8;

/// A key's word with this bit set points into [`SegmentColumns::multi`];
/// without it, the word is the document's one ordinal, or the `(none)` slot.
pub(crate) const MULTI: u32 = 1 << 31;

/// The names of a key's ordinals in one segment, in ascending order.
pub(crate) enum Names {
    Str(Vec<String>),
    Year(Vec<i64>),
}

impl Names {
    pub(crate) fn len(&self) -> usize {
        match self {
            Names::Str(n) => n.len(),
            Names::Year(y) => y.len(),
        }
    }
}

/// Every facet key of one segment, and `value`, one row per document: a hit
/// reads one row (a cache line, or two) instead of a line in each of nine
/// arrays, which is what made counting a scattered million hits slow.
pub(crate) struct SegmentColumns {
    pub(crate) id: SegmentId,
    /// [`ROW`] words per document.
    rows: Words,
    /// The ordinals of documents with several values for a key: at the
    /// offset a row's word points to, their number, then each ordinal.
    multi: Vec<u32>,
    /// By [`GroupBy::slot`]; a key's `(none)` slot is the number of its names.
    pub(crate) names: Vec<Names>,
    /// The sets of the filters every question has or many have.
    pub(crate) filters: SegmentFilters,
}

impl SegmentColumns {
    /// Reads every document's keys and value from the segment's fast fields.
    pub(crate) fn read(reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let ff = reader.fast_fields();
        let max_doc = reader.max_doc();
        let mut columns: Vec<Raw<u32>> = Vec::with_capacity(GroupBy::ALL.len());
        let mut names = Vec::with_capacity(GroupBy::ALL.len());
        for key in GroupBy::ALL {
            let (raw, key_names) = match key {
                GroupBy::Year => {
                    let raw = read_raw(&ff.i64("year")?, max_doc);
                    let mut years: Vec<i64> = raw.values().collect();
                    years.sort_unstable();
                    years.dedup();
                    let none = years.len() as u32;
                    let ords = raw.map(|y| years.binary_search(&y).map_or(none, |i| i as u32));
                    (ords, Names::Year(years))
                }
                other => match ff.str(other.field())? {
                    None => (Raw::One(vec![None; max_doc as usize]), Names::Str(Vec::new())),
                    Some(col) => {
                        let mut key_names = Vec::with_capacity(col.num_terms());
                        let mut terms = col.dictionary().stream()?;
                        while terms.advance() {
                            key_names.push(String::from_utf8_lossy(terms.key()).into_owned());
                        }
                        let none = key_names.len() as u64;
                        let ords = read_raw(col.ords(), max_doc).map(|o| o.min(none) as u32);
                        (ords, Names::Str(key_names))
                    }
                },
            };
            columns.push(raw);
            names.push(key_names);
        }
        let value = read_raw(&ff.f64("value")?, max_doc);
        let seq = read_raw(&ff.u64("seq")?, max_doc);
        let mut rows = Words::with_capacity(max_doc as usize * ROW);
        let mut multi = Vec::new();
        for doc in 0..max_doc as usize {
            let v = value.first(doc).unwrap_or(f64::NAN).to_bits();
            // A document's entries number far fewer than 2³²; were one
            // not, the ones past it would tie at the end of their document.
            let place = seq.first(doc).map_or(u32::MAX, |s| u32::try_from(s).unwrap_or(u32::MAX));
            rows.extend([v as u32, (v >> 32) as u32, place]);
            for (raw, names) in columns.iter().zip(&names) {
                let none = names.len() as u32;
                let word = match raw {
                    Raw::One(ords) => ords[doc].unwrap_or(none),
                    Raw::Many { offsets, values } => {
                        match &values[offsets[doc] as usize..offsets[doc + 1] as usize] {
                            [] => none,
                            [one] => *one,
                            several => {
                                let at = multi.len() as u32;
                                multi.push(several.len() as u32);
                                multi.extend_from_slice(several);
                                at | MULTI
                            }
                        }
                    }
                };
                rows.push(word);
            }
        }
        multi.shrink_to_fit();
        let by_value =
            ByValue::new((0..max_doc).filter_map(|d| value.first(d as usize).map(|v| (v, d))));
        let filters = SegmentFilters::read(reader, by_value)?;
        Ok(SegmentColumns { id: reader.segment_id(), rows, multi, names, filters })
    }

    /// The row of `doc`.
    #[inline(always)]
    pub(crate) fn row(&self, doc: DocId) -> &[u32; ROW] {
        let at = doc as usize * ROW;
        self.rows[at..at + ROW].try_into().expect("a row is ROW words")
    }

    /// Asks the CPU to start loading `doc`'s row into the cache (both lines
    /// when a row straddles two), so that counting hits a few places further
    /// on does not wait for memory: hits are scattered over the segment, and
    /// without this a row read costs a trip to memory each (under load, most
    /// of the time spent counting facets). A hint only: nothing is read, and a
    /// `doc` outside the segment is ignored.
    #[inline(always)]
    pub(crate) fn prefetch(&self, doc: DocId) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let at = doc as usize * ROW;
            if let Some(row) = self.rows.get(at..at + ROW) {
                let (first, last) = (row.as_ptr(), &row[ROW - 1] as *const u32);
                // SAFETY: `prefetch` reads no memory and cannot fault (it is a
                // hint to the cache); both pointers are into `rows`, and
                // `sse`, which it needs, is part of every x86_64 target.
                unsafe {
                    _mm_prefetch::<_MM_HINT_T0>(first.cast());
                    _mm_prefetch::<_MM_HINT_T0>(last.cast());
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = doc;
    }

    /// Calls `f` with each of `docs` (and its place in `docs`) in order, each
    /// row prefetched [`AHEAD`] documents before `f` reads it: how a block of
    /// hits is read from the rows.
    #[inline(always)]
    pub(crate) fn for_each_prefetched(&self, docs: &[DocId], mut f: impl FnMut(usize, DocId)) {
        for &doc in docs.iter().take(AHEAD) {
            self.prefetch(doc);
        }
        for (i, &doc) in docs.iter().enumerate() {
            if let Some(&ahead) = docs.get(i + AHEAD) {
                self.prefetch(ahead);
            }
            f(i, doc);
        }
    }

    /// The value of a row (NaN for none).
    #[inline(always)]
    pub(crate) fn value(row: &[u32; ROW]) -> f64 {
        f64::from_bits(row[0] as u64 | (row[1] as u64) << 32)
    }

    /// The `seq` of a row (the entry's place in its document).
    #[inline(always)]
    pub(crate) fn seq(row: &[u32; ROW]) -> u32 {
        row[SEQ_AT]
    }

    /// The word of key slot `key` in a row.
    #[inline(always)]
    pub(crate) fn word(row: &[u32; ROW], key: usize) -> u32 {
        row[KEYS_AT + key]
    }

    /// The ordinals a word with [`MULTI`] points to.
    #[inline(always)]
    pub(crate) fn several(&self, word: u32) -> &[u32] {
        let at = (word & !MULTI) as usize;
        &self.multi[at + 1..at + 1 + self.multi[at] as usize]
    }

    /// Calls `f` with each ordinal (or the `(none)` slot) of a word: the word
    /// itself, or each of the ordinals a [`MULTI`] word points to.
    #[inline(always)]
    pub(crate) fn for_each_slot(&self, word: u32, mut f: impl FnMut(usize)) {
        if word & MULTI == 0 {
            f(word as usize);
        } else {
            for &slot in self.several(word) {
                f(slot as usize);
            }
        }
    }

    /// The first ordinal (or `(none)` slot) of a word.
    #[inline(always)]
    pub(crate) fn first(&self, word: u32) -> u32 {
        if word & MULTI == 0 {
            word
        } else {
            self.several(word)[0]
        }
    }

    /// The year of a local `Year` slot; `None` for the `(none)` slot.
    #[inline(always)]
    pub(crate) fn year(&self, slot: u32) -> Option<i64> {
        match &self.names[GroupBy::Year.slot()] {
            Names::Year(years) => years.get(slot as usize).copied(),
            Names::Str(_) => None,
        }
    }

    /// Bytes held on the heap (rows, names and filter sets).
    pub(crate) fn heap_bytes(&self) -> usize {
        let names = |n: &Names| match n {
            Names::Str(s) => s.iter().map(|s| s.capacity() + 24).sum::<usize>(),
            Names::Year(y) => y.capacity() * 8,
        };
        (self.rows.capacity() + self.multi.capacity()) * 4
            + self.names.iter().map(names).sum::<usize>()
            + self.filters.heap_bytes()
    }
}

/// A column read whole: each document's first value, or offsets and values.
enum Raw<T> {
    One(Vec<Option<T>>),
    Many { offsets: Vec<u32>, values: Vec<T> },
}

impl<T: Copy> Raw<T> {
    fn values(&self) -> Box<dyn Iterator<Item = T> + '_> {
        match self {
            Raw::One(v) => Box::new(v.iter().flatten().copied()),
            Raw::Many { values, .. } => Box::new(values.iter().copied()),
        }
    }

    fn map<U>(self, f: impl Fn(T) -> U) -> Raw<U> {
        match self {
            Raw::One(v) => Raw::One(v.into_iter().map(|v| v.map(&f)).collect()),
            Raw::Many { offsets, values } => {
                Raw::Many { offsets, values: values.into_iter().map(f).collect() }
            }
        }
    }

    fn first(&self, doc: usize) -> Option<T> {
        match self {
            Raw::One(v) => v[doc],
            Raw::Many { offsets, values } => {
                (offsets[doc] < offsets[doc + 1]).then(|| values[offsets[doc] as usize])
            }
        }
    }
}

fn read_raw<T>(col: &Column<T>, max_doc: DocId) -> Raw<T>
where
    T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static,
{
    if col.get_cardinality() == Cardinality::Multivalued {
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut values = Vec::new();
        offsets.push(0);
        for doc in 0..max_doc {
            values.extend(col.values_for_doc(doc));
            offsets.push(values.len() as u32);
        }
        return Raw::Many { offsets, values };
    }
    const CHUNK: u32 = 1024;
    let mut out = Vec::with_capacity(max_doc as usize);
    let mut docs: Vec<DocId> = Vec::with_capacity(CHUNK as usize);
    let mut buf: Vec<Option<T>> = vec![None; CHUNK as usize];
    let mut start = 0;
    while start < max_doc {
        let end = (start + CHUNK).min(max_doc);
        docs.clear();
        docs.extend(start..end);
        let buf = &mut buf[..docs.len()];
        buf.fill(None);
        col.first_vals(&docs, buf);
        out.extend_from_slice(buf);
        start = end;
    }
    Raw::One(out)
}

/// One key over every segment of a searcher.
pub(crate) struct GlobalKey {
    /// Global ordinal → group name, in tie-break order: ascending bytes, with
    /// `(none)` in its place; for years, ascending, then `(none)`.
    pub(crate) names: Vec<String>,
    /// Per segment: local slot (ordinal, then the `(none)` slot) → global ordinal.
    pub(crate) to_global: Vec<Vec<u32>>,
}

impl GlobalKey {
    fn merge(key: GroupBy, segments: &[Arc<SegmentColumns>]) -> GlobalKey {
        fn col(s: &SegmentColumns, key: GroupBy) -> &Names {
            &s.names[key.slot()]
        }
        if key == GroupBy::Year {
            let mut years: Vec<i64> = Vec::new();
            for s in segments {
                if let Names::Year(y) = col(s, key) {
                    years.extend_from_slice(y);
                }
            }
            years.sort_unstable();
            years.dedup();
            let none = years.len() as u32;
            let to_global = segments
                .iter()
                .map(|s| match col(s, key) {
                    Names::Year(y) => y
                        .iter()
                        .map(|y| years.binary_search(y).map_or(none, |i| i as u32))
                        .chain([none])
                        .collect(),
                    Names::Str(n) => vec![none; n.len() + 1],
                })
                .collect();
            let mut names: Vec<String> = years.iter().map(i64::to_string).collect();
            names.push(NONE_GROUP.to_string());
            return GlobalKey { names, to_global };
        }
        let mut names: Vec<String> = vec![NONE_GROUP.to_string()];
        for s in segments {
            if let Names::Str(n) = col(s, key) {
                names.extend(n.iter().cloned());
            }
        }
        names.sort_unstable();
        names.dedup();
        let find = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).unwrap_or(0) as u32;
        let none = find(NONE_GROUP);
        let to_global = segments
            .iter()
            .map(|s| match col(s, key) {
                Names::Str(n) => n.iter().map(|n| find(n)).chain([none]).collect(),
                Names::Year(y) => vec![none; y.len() + 1],
            })
            .collect();
        GlobalKey { names, to_global }
    }
}

/// The columns of every segment a searcher sees, and each key's global ordinals.
pub(crate) struct SearcherColumns {
    /// In the searcher's segment order.
    pub(crate) segments: Vec<Arc<SegmentColumns>>,
    /// By [`GroupBy::slot`].
    pub(crate) keys: Vec<GlobalKey>,
}

impl SearcherColumns {
    fn new(segments: Vec<Arc<SegmentColumns>>) -> SearcherColumns {
        let keys = GroupBy::ALL.iter().map(|&k| GlobalKey::merge(k, &segments)).collect();
        SearcherColumns { segments, keys }
    }

    /// The position of `reader`'s segment in these columns; an error when
    /// they are not the columns of its searcher.
    pub(crate) fn segment_of(&self, reader: &SegmentReader) -> tantivy::Result<usize> {
        let id = reader.segment_id();
        self.segments.iter().position(|s| s.id == id).ok_or_else(|| {
            tantivy::TantivyError::InternalError(format!(
                "no facet rows for segment {}",
                id.short_uuid_string()
            ))
        })
    }

    /// Whether these are the columns of exactly `readers`' segments, in order.
    fn covers(&self, readers: &[SegmentReader]) -> bool {
        self.segments.len() == readers.len()
            && self.segments.iter().zip(readers).all(|(s, r)| s.id == r.segment_id())
    }

    /// Heap bytes of every segment's columns (global ordinals not counted).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.segments.iter().map(|s| s.heap_bytes()).sum()
    }
}

/// The columns of the segments last searched, reused while the segments stay.
#[derive(Default)]
pub(crate) struct FacetCache {
    current: Mutex<Option<Arc<SearcherColumns>>>,
}

impl FacetCache {
    /// The columns of `searcher`'s segments if they are all read already.
    pub(crate) fn ready(&self, searcher: &Searcher) -> Option<Arc<SearcherColumns>> {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current.as_ref().filter(|c| c.covers(searcher.segment_readers())).map(Arc::clone)
    }

    /// The columns of `searcher`'s segments: kept ones reused, new ones read.
    /// Queries wait for one another while columns are read (once per segment).
    pub(crate) fn for_searcher(
        &self,
        searcher: &Searcher,
    ) -> tantivy::Result<Arc<SearcherColumns>> {
        let readers = searcher.segment_readers();
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = current.as_ref().filter(|c| c.covers(readers)) {
            return Ok(Arc::clone(c));
        }
        let kept = |id: SegmentId| {
            current.as_ref().and_then(|c| c.segments.iter().find(|s| s.id == id)).map(Arc::clone)
        };
        let segments = readers
            .iter()
            .map(|r| match kept(r.segment_id()) {
                Some(s) => Ok(s),
                None => SegmentColumns::read(r).map(Arc::new),
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let columns = Arc::new(SearcherColumns::new(segments));
        *current = Some(Arc::clone(&columns));
        Ok(columns)
    }
}
