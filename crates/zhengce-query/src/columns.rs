//! columns: the facet keys of every segment, read once into plain arrays.
//!
//! Counting groups over a million hits by asking tantivy's columns for each
//! hit's ordinals cost 40–120 ms per key; these arrays make it a couple of
//! loads per hit and key (1–2 ms per key over a million hits, 7 for owners).
//! For each segment, each [`GroupBy`] key is read once into `Ords` (one
//! ordinal per document, or offsets and values for a key with several values
//! in a document) with the names of its ordinals, and
//! `value` into a `Vec<f64>` (NaN where an entry has none). A segment never
//! changes once written, so its columns are kept, keyed by [`SegmentId`], for
//! as long as the index's reader sees the segment.
//!
//! Segments name their ordinals each in their own dictionary; `SearcherColumns`
//! (one per set of segments) merges them into global ordinals per key, sorted
//! the way ties between groups are broken (a string's bytes; years ascending,
//! `(none)` last), so counts are merged and ranked by ordinal and only the
//! groups shown are turned into strings.
//!
//! Measured on the bench index (`benches/index.rs`: 1,000,050 targets and as
//! many items, 2,000,100 entries in 4 segments): reading every segment's
//! columns takes 0.26–0.42 s, once, and they hold 84 MiB (about 44 bytes an
//! entry: `value` 8, a one-valued key 1–2, a key with several values 4 for
//! its offset and 4 per value, names included).

use std::sync::{Arc, Mutex};

use tantivy::columnar::{Cardinality, Column};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

use crate::group::{GroupBy, NONE_GROUP};

/// The ordinals of one key for every document of a segment. The `(none)`
/// slot of a document without a value is the number of names.
pub(crate) enum Ords {
    /// At most one value per document: `ords[doc]`, as narrow as the
    /// segment's names allow (a smaller array is a faster pass).
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    /// Any number of values: those of `doc` are `values[offsets[doc]..offsets[doc + 1]]`
    /// (none: the `(none)` slot).
    Many {
        offsets: Vec<u32>,
        values: Vec<u32>,
    },
}

impl Ords {
    /// One ordinal per document, in the narrowest array that holds `none`.
    fn one(ords: Vec<u32>, none: u32) -> Ords {
        if none <= u8::MAX as u32 {
            Ords::U8(ords.into_iter().map(|o| o as u8).collect())
        } else if none <= u16::MAX as u32 {
            Ords::U16(ords.into_iter().map(|o| o as u16).collect())
        } else {
            Ords::U32(ords)
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Ords::U8(o) => o.capacity(),
            Ords::U16(o) => o.capacity() * 2,
            Ords::U32(o) => o.capacity() * 4,
            Ords::Many { offsets, values } => (offsets.capacity() + values.capacity()) * 4,
        }
    }
}

/// An ordinal as stored: `u8`, `u16` or `u32`.
pub(crate) trait Ordinal: Copy {
    fn slot(self) -> usize;
}

impl Ordinal for u8 {
    #[inline(always)]
    fn slot(self) -> usize {
        self as usize
    }
}

impl Ordinal for u16 {
    #[inline(always)]
    fn slot(self) -> usize {
        self as usize
    }
}

impl Ordinal for u32 {
    #[inline(always)]
    fn slot(self) -> usize {
        self as usize
    }
}

/// The names of a key's ordinals in one segment, in ascending order.
pub(crate) enum Names {
    Str(Vec<String>),
    Year(Vec<i64>),
}

impl Names {
    fn len(&self) -> usize {
        match self {
            Names::Str(n) => n.len(),
            Names::Year(y) => y.len(),
        }
    }
}

/// One key of one segment.
pub(crate) struct KeyColumn {
    pub(crate) ords: Ords,
    pub(crate) names: Names,
}

impl KeyColumn {
    /// The slot of documents without a value (after every name).
    pub(crate) fn none_slot(&self) -> usize {
        self.names.len()
    }

    /// Ordinal slots including `(none)`.
    pub(crate) fn slots(&self) -> usize {
        self.names.len() + 1
    }
}

/// Every facet key of one segment, and `value`.
pub(crate) struct SegmentColumns {
    pub(crate) id: SegmentId,
    /// By [`GroupBy::slot`].
    pub(crate) keys: Vec<KeyColumn>,
    /// `value` per document, NaN where there is none.
    pub(crate) value: Vec<f64>,
}

impl SegmentColumns {
    /// Reads every document's keys and value from the segment's fast fields.
    pub(crate) fn read(reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let ff = reader.fast_fields();
        let max_doc = reader.max_doc();
        let mut keys = Vec::with_capacity(GroupBy::ALL.len());
        for key in GroupBy::ALL {
            let column = match key {
                GroupBy::Year => {
                    let raw = read_raw(&ff.i64("year")?, max_doc);
                    let mut years: Vec<i64> = raw.values().collect();
                    years.sort_unstable();
                    years.dedup();
                    let none = years.len() as u32;
                    let ords =
                        raw.into_ords(none, |y| years.binary_search(&y).map_or(none, |i| i as u32));
                    KeyColumn { ords, names: Names::Year(years) }
                }
                other => match ff.str(other.field())? {
                    None => KeyColumn {
                        ords: Ords::U8(vec![0; max_doc as usize]),
                        names: Names::Str(Vec::new()),
                    },
                    Some(col) => {
                        let mut names = Vec::with_capacity(col.num_terms());
                        let mut terms = col.dictionary().stream()?;
                        while terms.advance() {
                            names.push(String::from_utf8_lossy(terms.key()).into_owned());
                        }
                        let none = names.len() as u32;
                        let ords = read_raw(col.ords(), max_doc).into_ords(none, |o| {
                            if o < none as u64 {
                                o as u32
                            } else {
                                none
                            }
                        });
                        KeyColumn { ords, names: Names::Str(names) }
                    }
                },
            };
            keys.push(column);
        }
        let value = match read_raw(&ff.f64("value")?, max_doc) {
            Raw::One(v) => v.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
            Raw::Many { offsets, values } => offsets
                .windows(2)
                .map(|w| if w[0] < w[1] { values[w[0] as usize] } else { f64::NAN })
                .collect(),
        };
        Ok(SegmentColumns { id: reader.segment_id(), keys, value })
    }

    /// Bytes held on the heap (arrays and names).
    pub(crate) fn heap_bytes(&self) -> usize {
        let names = |n: &Names| match n {
            Names::Str(s) => s.iter().map(|s| s.capacity() + 24).sum::<usize>(),
            Names::Year(y) => y.capacity() * 8,
        };
        self.value.capacity() * 8
            + self.keys.iter().map(|k| k.ords.heap_bytes() + names(&k.names)).sum::<usize>()
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

    fn into_ords(self, none: u32, ord: impl Fn(T) -> u32) -> Ords {
        match self {
            Raw::One(v) => Ords::one(v.into_iter().map(|v| v.map_or(none, &ord)).collect(), none),
            Raw::Many { offsets, values } => {
                Ords::Many { offsets, values: values.into_iter().map(ord).collect() }
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
        fn col(s: &SegmentColumns, key: GroupBy) -> &KeyColumn {
            &s.keys[key.slot()]
        }
        if key == GroupBy::Year {
            let mut years: Vec<i64> = Vec::new();
            for s in segments {
                if let Names::Year(y) = &col(s, key).names {
                    years.extend_from_slice(y);
                }
            }
            years.sort_unstable();
            years.dedup();
            let none = years.len() as u32;
            let to_global = segments
                .iter()
                .map(|s| match &col(s, key).names {
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
            if let Names::Str(n) = &col(s, key).names {
                names.extend(n.iter().cloned());
            }
        }
        names.sort_unstable();
        names.dedup();
        let find = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).unwrap_or(0) as u32;
        let none = find(NONE_GROUP);
        let to_global = segments
            .iter()
            .map(|s| match &col(s, key).names {
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

    /// The position of segment `id` (given its ordinal in the searcher, checked).
    pub(crate) fn segment(&self, ord: u32, id: SegmentId) -> Option<usize> {
        match self.segments.get(ord as usize) {
            Some(s) if s.id == id => Some(ord as usize),
            _ => self.segments.iter().position(|s| s.id == id),
        }
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
    /// The columns of `searcher`'s segments: kept ones reused, new ones read.
    /// Queries wait for one another while columns are read (once per segment).
    pub(crate) fn for_searcher(
        &self,
        searcher: &Searcher,
    ) -> tantivy::Result<Arc<SearcherColumns>> {
        let readers = searcher.segment_readers();
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = current.as_ref() {
            let same = c.segments.len() == readers.len()
                && c.segments.iter().zip(readers).all(|(s, r)| s.id == r.segment_id());
            if same {
                return Ok(Arc::clone(c));
            }
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
