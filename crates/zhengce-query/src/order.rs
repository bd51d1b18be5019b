//! order: sort keys read from the facet rows: document order (the order of a
//! search without words and the tie-break of every other sort) and `value`.
//!
//! Document order is the document's id (its bytes), then the entry's `seq`
//! (its place in the document). Read from tantivy's columns ([`by_columns`])
//! that is a string ordinal per hit, and at the end of each segment a lookup
//! of every kept ordinal's string in the column's dictionary, which
//! decompresses a dictionary block (and builds a zstd context) each time. When
//! the facet rows of [`crate::columns`] are in memory (`zhengce serve` reads
//! them when it opens the index; a question with facets reads them anyway),
//! [`RowOrder`] reads the same order from a hit's row instead: the document's
//! global ordinal (ordinals are numbered in the byte order of the ids across
//! all segments) and `seq`, one `u64` per hit and no strings. Both give the
//! same order; `tests/order.rs` checks it on every sort.
//!
//! [`RowKey`] is `value` or `year` from the rows, the keys of the other
//! sorts, in place of tantivy's columns (a bit-unpacking per hit): the same
//! `u64` mapping of the number, the same `None` for an entry without one.

use std::sync::Arc;

use tantivy::collector::sort_key::{NaturalComparator, SortByStaticFastValue, SortByString};
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer};
use tantivy::columnar::MonotonicallyMappableToU64;
use tantivy::{DocId, Order, Score, SegmentReader};

use crate::columns::{SearcherColumns, SegmentColumns};
use crate::group::GroupBy;

/// Document order from tantivy's columns: the id's string, then `seq`.
pub(crate) fn by_columns() -> ((SortByString, Order), (SortByStaticFastValue<u64>, Order)) {
    (
        (SortByString::for_field("doc"), Order::Asc),
        (SortByStaticFastValue::<u64>::for_field("seq"), Order::Asc),
    )
}

/// Document order from the facet rows of `columns` (the searcher's).
pub(crate) fn by_rows(columns: &Arc<SearcherColumns>) -> (RowOrder, Order) {
    (RowOrder { columns: Arc::clone(columns) }, Order::Asc)
}

/// Document order from the facet rows, as one key per hit: the document's
/// global ordinal in the high word, `seq` in the low word. Sort ascending.
pub(crate) struct RowOrder {
    columns: Arc<SearcherColumns>,
}

/// [`RowOrder`] in one segment.
pub(crate) struct SegmentRowOrder {
    rows: Arc<SegmentColumns>,
    columns: Arc<SearcherColumns>,
    /// Position of the segment in `columns`.
    segment: usize,
}

impl SortKeyComputer for RowOrder {
    type SortKey = u64;
    type Child = SegmentRowOrder;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentRowOrder> {
        let segment = self.columns.segment_of(reader)?;
        Ok(SegmentRowOrder {
            rows: Arc::clone(&self.columns.segments[segment]),
            columns: Arc::clone(&self.columns),
            segment,
        })
    }
}

impl SegmentSortKeyComputer for SegmentRowOrder {
    type SortKey = u64;
    type SegmentSortKey = u64;
    type SegmentComparator = NaturalComparator;

    #[inline(always)]
    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> u64 {
        let row = self.rows.row(doc);
        let local = SegmentColumns::word(row, GroupBy::Doc.slot());
        // An entry is in exactly one document (`first` only reads its word).
        let local = self.rows.first(local) as usize;
        let global = self.columns.keys[GroupBy::Doc.slot()].to_global[self.segment][local];
        (global as u64) << 32 | SegmentColumns::seq(row) as u64
    }

    fn convert_segment_sort_key(&self, key: u64) -> u64 {
        key
    }
}

/// A fast field of the facet rows, as a sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowField {
    Value,
    /// The first year (an item may have several), as tantivy's column has it.
    Year,
}

/// `value` or `year` from the facet rows, as tantivy's
/// `SortByStaticFastValue` has it: `None` for an entry without one, else the
/// order-keeping `u64` of the `f64` or `i64`. Sort with an [`Order`], as that
/// one.
pub(crate) struct RowKey {
    columns: Arc<SearcherColumns>,
    field: RowField,
}

impl RowKey {
    pub(crate) fn new(columns: Arc<SearcherColumns>, field: RowField) -> RowKey {
        RowKey { columns, field }
    }
}

/// [`RowKey`] in one segment.
pub(crate) struct SegmentRowKey {
    rows: Arc<SegmentColumns>,
    field: RowField,
}

impl SortKeyComputer for RowKey {
    type SortKey = Option<u64>;
    type Child = SegmentRowKey;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<SegmentRowKey> {
        let segment = self.columns.segment_of(reader)?;
        Ok(SegmentRowKey { rows: Arc::clone(&self.columns.segments[segment]), field: self.field })
    }
}

impl SegmentSortKeyComputer for SegmentRowKey {
    type SortKey = Option<u64>;
    type SegmentSortKey = Option<u64>;
    type SegmentComparator = NaturalComparator;

    #[inline(always)]
    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> Option<u64> {
        let row = self.rows.row(doc);
        match self.field {
            RowField::Value => {
                let value = SegmentColumns::value(row);
                (!value.is_nan()).then(|| value.to_u64())
            }
            RowField::Year => {
                let word = SegmentColumns::word(row, GroupBy::Year.slot());
                self.rows.year(self.rows.first(word)).map(|y| y.to_u64())
            }
        }
    }

    fn convert_segment_sort_key(&self, key: Option<u64>) -> Option<u64> {
        key
    }
}
