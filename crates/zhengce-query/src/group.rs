//! group: here is a question, give me how many matching targets (and how much) fall in each group.
//!
//! Counting reads the cached facet rows of [`crate::columns`] (no stored
//! documents, no per-hit calls into tantivy's columns): each segment collector
//! reads a hit's row and counts it by local ordinal for each key (an increment
//! per key, in one of a few lanes so that a run of hits in one group does not
//! wait on itself), adds up `value` per unit, and the merge adds
//! the segments' counts by global ordinal; only the groups a page shows are
//! turned into strings. [`ZIndex::group`] (`zhengce query --group-by`),
//! [`ZIndex::facets`] and the facets of [`ZIndex::search_with`] are this one
//! collector. A target with two owners counts in both owner groups (so owner
//! counts may add up to more than the total); an item with two years counts in
//! both years. An entry without a value for the key (no owner, no year) falls
//! in the group `(none)`.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::cancel::{Cancel, Cancellable};
use crate::columns::{SearcherColumns, SegmentColumns};
use crate::error::{QueryError, Result};
use crate::index::ZIndex;
use crate::search::QueryRequest;
use zhengce_extract::units::{unit_class, UnitClass};

/// The group label of entries that have no value for the key.
pub const NONE_GROUP: &str = "(none)";

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// Each owning unit; a target with several owners counts in each.
    Owner,
    Year,
    Unit,
    /// The document id.
    Doc,
    /// `target`/`achievement` (or the item kind).
    Kind,
    /// The document's region.
    Region,
    /// Each issuer of the document.
    Issuer,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Owner => "owner",
            GroupBy::Year => "year",
            GroupBy::Unit => "unit",
            GroupBy::Doc => "doc",
            GroupBy::Kind => "kind",
            GroupBy::Region => "region",
            GroupBy::Issuer => "issuer",
        }
    }

    /// Every key, in the order a page shows them.
    pub const ALL: [GroupBy; 7] = [
        GroupBy::Year,
        GroupBy::Kind,
        GroupBy::Unit,
        GroupBy::Owner,
        GroupBy::Doc,
        GroupBy::Region,
        GroupBy::Issuer,
    ];

    /// The position of the key in [`GroupBy::ALL`].
    pub(crate) fn slot(self) -> usize {
        match self {
            GroupBy::Year => 0,
            GroupBy::Kind => 1,
            GroupBy::Unit => 2,
            GroupBy::Owner => 3,
            GroupBy::Doc => 4,
            GroupBy::Region => 5,
            GroupBy::Issuer => 6,
        }
    }

    /// The fast field the key is read from.
    pub(crate) fn field(self) -> &'static str {
        match self {
            GroupBy::Owner => "owners",
            GroupBy::Year => "year",
            GroupBy::Unit => "unit",
            GroupBy::Doc => "doc",
            GroupBy::Kind => "kind",
            GroupBy::Region => "region",
            GroupBy::Issuer => "issuers",
        }
    }
}

impl FromStr for GroupBy {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "owner" | "owners" => Ok(GroupBy::Owner),
            "year" => Ok(GroupBy::Year),
            "unit" => Ok(GroupBy::Unit),
            "doc" | "document" => Ok(GroupBy::Doc),
            "kind" => Ok(GroupBy::Kind),
            "region" => Ok(GroupBy::Region),
            "issuer" | "issuers" => Ok(GroupBy::Issuer),
            other => Err(QueryError::InvalidQuery(format!(
                "cannot group by `{other}`: use owner, year, unit, doc, kind, region or issuer"
            ))),
        }
    }
}

/// One group: how many entries, and their values summarised per unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Group {
    pub key: String,
    pub count: u64,
    /// One summary per unit (sorted by unit); entries without a value are not in any.
    pub units: Vec<UnitStats>,
}

/// The values of one unit within a group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitStats {
    /// The unit as written (`名`, `%`; empty for a bare ratio).
    pub unit: String,
    pub class: UnitClass,
    /// How many values.
    pub count: u64,
    /// The total, only for classes where it means something (counts, amounts).
    pub sum: Option<f64>,
    pub min: f64,
    pub max: f64,
    /// The middle value (the mean of the two middle ones for an even count).
    pub median: f64,
}

impl UnitStats {
    /// Summarises `values` (not empty) of `unit`.
    pub fn from_values(unit: String, mut values: Vec<f64>) -> UnitStats {
        values.sort_by(f64::total_cmp);
        let class = unit_class(&unit);
        let n = values.len();
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            round_sig((values[n / 2 - 1] + values[n / 2]) / 2.0)
        };
        UnitStats {
            sum: class.summable().then(|| round_sig(values.iter().sum())),
            class,
            count: n as u64,
            min: values[0],
            max: values[n - 1],
            median,
            unit,
        }
    }
}

/// `v` rounded to 12 significant digits: what is left of a sum of decimals
/// once the binary noise (`2408.3999999999996`) is gone.
pub fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    format!("{v:.11e}").parse().unwrap_or(v)
}

/// The answer to a grouped question.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Groups {
    pub group_by: GroupBy,
    /// Entries matching the question (each once, whatever its groups).
    pub total: usize,
    /// By year ascending for `year`; else by count, largest first, then by key.
    pub groups: Vec<Group>,
}

/// Counts of one key for the facets of a page: every group's count, no values.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Facet {
    pub key: GroupBy,
    /// By year ascending for `year` (every year); else by count, largest first,
    /// then by key, at most `top` (the rest are counted in `others`).
    pub groups: Vec<FacetCount>,
    /// Entries in groups left out by `top`.
    pub others: u64,
}

/// One group of a facet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FacetCount {
    pub key: String,
    pub count: u64,
    /// Per unit facet only: the sum of the values, where a sum means something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sum: Option<f64>,
}

/// The answer to [`ZIndex::facets`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Facets {
    pub total: usize,
    pub facets: Vec<Facet>,
}

impl ZIndex {
    /// Counts the entries matching `req` (its `limit` is ignored) per group,
    /// with every group's values summarised per unit (sum, min, max, median).
    /// `zhengce query --group-by` asks this; it counts with the same
    /// collector and columns as [`ZIndex::facets`].
    pub fn group(&self, req: &QueryRequest, by: GroupBy) -> Result<Groups> {
        let (total, fruit) = self.collect_groups(req, &[by], true, &Cancel::new())?;
        let groups = fruit.into_groups();
        Ok(Groups { group_by: by, total, groups })
    }

    /// Counts the entries matching `req` per group of each key in one pass over
    /// the facet columns (no values kept: the facets of a search page). The unit
    /// facet also adds up the values of units whose sums mean something.
    pub fn facets(&self, req: &QueryRequest, keys: &[GroupBy], top: usize) -> Result<Facets> {
        self.facets_with(req, keys, top, &Cancel::new())
    }

    /// [`ZIndex::facets`], stopping early with [`QueryError::Cancelled`] once
    /// `cancel` is raised.
    pub fn facets_with(
        &self,
        req: &QueryRequest,
        keys: &[GroupBy],
        top: usize,
        cancel: &Cancel,
    ) -> Result<Facets> {
        let (total, fruit) = self.collect_groups(req, keys, false, cancel)?;
        Ok(Facets::from_fruit(total, fruit, top))
    }

    /// Reads the facet columns of every segment the index shows now (see
    /// [`crate::columns`]), which the first count would otherwise do, and
    /// returns the bytes they hold. A server calls it before taking queries.
    pub fn warm_facets(&self) -> Result<usize> {
        let searcher = self.reader.searcher();
        let columns = self
            .facet_cache
            .for_searcher(&searcher)
            .map_err(|e| QueryError::tantivy(&self.path, e))?;
        Ok(columns.heap_bytes())
    }

    /// A collector of `keys` over the facet columns of `searcher`'s segments.
    pub(crate) fn group_collector(
        &self,
        searcher: &Searcher,
        keys: &[GroupBy],
        keep_values: bool,
    ) -> Result<GroupCollector> {
        let columns = self
            .facet_cache
            .for_searcher(searcher)
            .map_err(|e| QueryError::tantivy(&self.path, e))?;
        Ok(GroupCollector::new(keys, keep_values, columns))
    }

    fn collect_groups(
        &self,
        req: &QueryRequest,
        keys: &[GroupBy],
        keep_values: bool,
        cancel: &Cancel,
    ) -> Result<(usize, GroupFruit)> {
        let searcher = self.reader.searcher();
        let collector = self.group_collector(&searcher, keys, keep_values)?;
        let built = self.build_query(&searcher, req, Some(&collector.columns))?;
        let query = Cancellable::wrap(built.query, cancel);
        let found = searcher
            .search(&query, &(tantivy::collector::Count, collector))
            .map_err(|e| QueryError::tantivy(&self.path, e))?;
        if cancel.is_cancelled() {
            return Err(QueryError::Cancelled);
        }
        Ok(found)
    }
}

impl Facets {
    /// The facets of the keys a [`GroupCollector`] counted: each key's groups
    /// sorted, at most `top` of them (every year). Only the groups shown are
    /// named.
    pub(crate) fn from_fruit(total: usize, fruit: GroupFruit, top: usize) -> Facets {
        let facets = fruit
            .keys
            .iter()
            .map(|kf| {
                let names = &fruit.columns.keys[kf.key.slot()].names;
                // Years are few and shown in order: all of them.
                let top = if kf.key == GroupBy::Year { usize::MAX } else { top };
                let (ords, others) = kf.top(top);
                let groups = ords
                    .into_iter()
                    .map(|g| {
                        let key = names[g as usize].clone();
                        let sum = (kf.key == GroupBy::Unit && unit_class(&key).summable())
                            .then(|| round_sig(kf.sums[g as usize]));
                        FacetCount { key, count: kf.counts[g as usize], sum }
                    })
                    .collect();
                Facet { key: kf.key, groups, others }
            })
            .collect();
        Facets { total, facets }
    }
}

/// Counts (and, when asked, values) per group of each key, for
/// [`ZIndex::group`], [`ZIndex::facets`] and the facets of
/// [`ZIndex::search_with`], read from the cached [`crate::columns`].
pub(crate) struct GroupCollector {
    keys: Vec<GroupBy>,
    keep_values: bool,
    columns: Arc<SearcherColumns>,
}

impl GroupCollector {
    /// Counts `keys` (and keeps each hit's value, with `keep_values`) over
    /// the rows of `columns`, which must be the searcher's.
    pub(crate) fn new(
        keys: &[GroupBy],
        keep_values: bool,
        columns: Arc<SearcherColumns>,
    ) -> GroupCollector {
        GroupCollector { keys: keys.to_vec(), keep_values, columns }
    }
}

/// Every key's counts by global ordinal, and the columns that name them.
pub(crate) struct GroupFruit {
    columns: Arc<SearcherColumns>,
    keys: Vec<KeyFruit>,
}

/// One key's counts over every segment.
struct KeyFruit {
    key: GroupBy,
    /// Global ordinal → entries.
    counts: Vec<u64>,
    /// Global ordinal → sum of the values (unit key only; else empty).
    sums: Vec<f64>,
    /// Global ordinal → (global unit ordinal or `u32::MAX` for none, value),
    /// when values are kept (else empty).
    values: Vec<Vec<(u32, f64)>>,
}

impl KeyFruit {
    /// Whether `a` comes before `b`: years ascending, `(none)` last (global
    /// ordinals are in that order); else largest count first, then key.
    fn cmp(&self, a: u32, b: u32) -> Ordering {
        if self.key == GroupBy::Year {
            a.cmp(&b)
        } else {
            self.counts[b as usize].cmp(&self.counts[a as usize]).then(a.cmp(&b))
        }
    }

    /// The first `top` groups with entries, in order, and the entries of the others.
    fn top(&self, top: usize) -> (Vec<u32>, u64) {
        let mut ords: Vec<u32> =
            (0..self.counts.len() as u32).filter(|&g| self.counts[g as usize] > 0).collect();
        let mut others = 0;
        if ords.len() > top {
            if top > 0 {
                ords.select_nth_unstable_by(top - 1, |&a, &b| self.cmp(a, b));
            }
            others = ords[top..].iter().map(|&g| self.counts[g as usize]).sum();
            ords.truncate(top);
        }
        ords.sort_unstable_by(|&a, &b| self.cmp(a, b));
        (ords, others)
    }
}

impl GroupFruit {
    /// The groups of the one key counted with values, in order.
    fn into_groups(mut self) -> Vec<Group> {
        let Some(mut kf) = self.keys.pop() else { return Vec::new() };
        let names = &self.columns.keys[kf.key.slot()].names;
        let unit_names = &self.columns.keys[GroupBy::Unit.slot()].names;
        let (ords, _) = kf.top(usize::MAX);
        ords.into_iter()
            .map(|g| {
                let mut values = std::mem::take(&mut kf.values[g as usize]);
                values.sort_unstable_by_key(|&(unit, _)| unit);
                let mut by_unit: BTreeMap<String, Vec<f64>> = BTreeMap::new();
                for run in values.chunk_by(|a, b| a.0 == b.0) {
                    let unit = match run[0].0 {
                        u32::MAX => String::new(),
                        u => unit_names[u as usize].clone(),
                    };
                    by_unit.entry(unit).or_default().extend(run.iter().map(|&(_, v)| v));
                }
                Group {
                    key: names[g as usize].clone(),
                    count: kf.counts[g as usize],
                    units: by_unit
                        .into_iter()
                        .map(|(unit, values)| UnitStats::from_values(unit, values))
                        .collect(),
                }
            })
            .collect()
    }
}

/// Counters per slot, side by side: the `i`th hit of a block counts into
/// `counts[slot * LANES + i % LANES]`, so hits of the same group in a row do
/// not wait on one another's increment.
const LANES: usize = 4;

/// One key's counts in one segment, by local slot (ordinals, then `(none)`).
pub(crate) struct KeyTally {
    /// [`GroupBy::slot`] of the key.
    key: usize,
    /// `slot * LANES + lane` → entries while counting; slot → entries once harvested.
    counts: Vec<u32>,
    /// Empty unless the key is `unit` (the one facet with sums), else per slot
    /// (added in document order).
    sums: Vec<f64>,
    /// (local unit slot, value) per slot, when values are kept; else empty.
    values: Vec<Vec<(u32, f64)>>,
}

impl KeyTally {
    /// Counts an entry with `word` (one ordinal, `(none)`, or [`MULTI`](crate::columns::MULTI)) in
    /// `lane`; adds its value to the sums, and keeps it, when asked.
    #[inline(always)]
    fn add(&mut self, segment: &SegmentColumns, word: u32, lane: usize, value: f64, unit: u32) {
        segment.for_each_slot(word, |slot| self.add_one(slot, lane, value, unit));
    }

    #[inline(always)]
    fn add_one(&mut self, slot: usize, lane: usize, value: f64, unit: u32) {
        self.counts[slot * LANES + lane] += 1;
        if !value.is_nan() {
            if !self.sums.is_empty() {
                self.sums[slot] += value;
            }
            if !self.values.is_empty() {
                self.values[slot].push((unit, value));
            }
        }
    }

    /// The lanes of each slot added up.
    fn fold_lanes(&mut self) {
        let folded = self.counts.chunks_exact(LANES).map(|c| c.iter().sum()).collect();
        self.counts = folded;
    }
}

/// Hits handed over one at a time (a scored search) are counted in blocks of
/// this many, so that their rows can be prefetched like a block's.
const PENDING: usize = 64;

pub(crate) struct GroupSegmentCollector {
    /// Position of the segment in the searcher's columns.
    segment: usize,
    columns: Arc<SegmentColumns>,
    tallies: Vec<KeyTally>,
    keep_values: bool,
    /// Where in `tallies` the unit's is (the one with sums), if counted.
    unit_at: Option<usize>,
    /// Hits given by [`SegmentCollector::collect`] and not yet counted.
    pending: Vec<DocId>,
}

impl GroupSegmentCollector {
    /// Counts a block of hits, each row prefetched a few hits before it is
    /// read ([`SegmentColumns::for_each_prefetched`]).
    #[inline(always)]
    fn count_block(&mut self, docs: &[DocId]) {
        if self.tallies.is_empty() {
            return;
        }
        let (columns, tallies) = (&*self.columns, &mut self.tallies);
        let (keep_values, unit_at) = (self.keep_values, self.unit_at);
        columns.for_each_prefetched(docs, |i, doc| {
            Self::count(columns, tallies, keep_values, unit_at, doc, i % LANES)
        });
    }

    /// Counts the hits waiting in `pending`.
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.count_block(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    /// Counts `doc` in `lane` in each of `tallies`: one row read for every key.
    ///
    /// Without kept values (every facet and every `--group-by` but the one
    /// with value statistics) a key costs its word and one increment: the
    /// value goes only to the sums of the unit tally, at `unit_at`, once per
    /// hit, not past a test in every key's loop.
    #[inline(always)]
    fn count(
        columns: &SegmentColumns,
        tallies: &mut [KeyTally],
        keep_values: bool,
        unit_at: Option<usize>,
        doc: DocId,
        lane: usize,
    ) {
        let row = columns.row(doc);
        let value = SegmentColumns::value(row);
        if keep_values {
            // The unit of a kept value: the entry's first unit, or the `(none)` slot.
            let unit = columns.first(SegmentColumns::word(row, GroupBy::Unit.slot()));
            for tally in tallies {
                let word = SegmentColumns::word(row, tally.key);
                tally.add(columns, word, lane, value, unit);
            }
            return;
        }
        for tally in tallies.iter_mut() {
            let counts = &mut tally.counts;
            columns.for_each_slot(SegmentColumns::word(row, tally.key), |slot| {
                counts[slot * LANES + lane] += 1
            });
        }
        if let Some(at) = unit_at.filter(|_| !value.is_nan()) {
            let sums = &mut tallies[at].sums;
            columns.for_each_slot(SegmentColumns::word(row, GroupBy::Unit.slot()), |slot| {
                sums[slot] += value
            });
        }
    }
}

impl Collector for GroupCollector {
    type Fruit = GroupFruit;
    type Child = GroupSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupSegmentCollector> {
        let segment = self.columns.segment_of(reader)?;
        let columns = Arc::clone(&self.columns.segments[segment]);
        let tallies = self
            .keys
            .iter()
            .map(|key| {
                let slots = columns.names[key.slot()].len() + 1;
                KeyTally {
                    key: key.slot(),
                    counts: vec![0; slots * LANES],
                    sums: if *key == GroupBy::Unit { vec![0.0; slots] } else { Vec::new() },
                    values: if self.keep_values { vec![Vec::new(); slots] } else { Vec::new() },
                }
            })
            .collect();
        Ok(GroupSegmentCollector {
            segment,
            columns,
            tallies,
            keep_values: self.keep_values,
            unit_at: self.keys.iter().position(|&key| key == GroupBy::Unit),
            pending: Vec::with_capacity(PENDING),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<KeyTally>)>) -> tantivy::Result<GroupFruit> {
        let columns = &self.columns;
        let mut keys: Vec<KeyFruit> = self
            .keys
            .iter()
            .map(|&key| {
                let n = columns.keys[key.slot()].names.len();
                KeyFruit {
                    key,
                    counts: vec![0; n],
                    sums: if key == GroupBy::Unit { vec![0.0; n] } else { Vec::new() },
                    values: if self.keep_values { vec![Vec::new(); n] } else { Vec::new() },
                }
            })
            .collect();
        let units = &columns.keys[GroupBy::Unit.slot()];
        for (segment, tallies) in fruits {
            let unit_map = &units.to_global[segment];
            let unit_none = unit_map.len() - 1;
            for (into, tally) in keys.iter_mut().zip(tallies) {
                let map = &columns.keys[tally.key].to_global[segment];
                for (slot, &count) in tally.counts.iter().enumerate() {
                    if count > 0 {
                        let g = map[slot] as usize;
                        into.counts[g] += count as u64;
                        if !tally.sums.is_empty() {
                            into.sums[g] += tally.sums[slot];
                        }
                    }
                }
                for (slot, values) in tally.values.into_iter().enumerate() {
                    if values.is_empty() {
                        continue;
                    }
                    let unit = |u: u32| match u as usize {
                        u if u == unit_none => u32::MAX,
                        u => unit_map[u],
                    };
                    into.values[map[slot] as usize]
                        .extend(values.into_iter().map(|(u, v)| (unit(u), v)));
                }
            }
        }
        Ok(GroupFruit { columns: Arc::clone(columns), keys })
    }
}

impl SegmentCollector for GroupSegmentCollector {
    type Fruit = (usize, Vec<KeyTally>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == PENDING {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        // Sums add up in document order: hits given one at a time first.
        if !self.pending.is_empty() {
            self.flush();
        }
        self.count_block(docs);
    }

    fn harvest(mut self) -> (usize, Vec<KeyTally>) {
        self.flush();
        for tally in &mut self.tallies {
            tally.fold_lanes();
        }
        (self.segment, self.tallies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_only_where_they_mean_something_and_without_noise() {
        let s = UnitStats::from_values("%".into(), vec![95.0, 90.0, 100.0, 98.5]);
        assert_eq!((s.class, s.sum, s.count), (UnitClass::Rate, None, 4));
        assert_eq!((s.min, s.max, s.median), (90.0, 100.0, 96.75));
        let s = UnitStats::from_values("亿元".into(), vec![0.1, 0.2]);
        assert_eq!(s.sum, Some(0.3));
        let s = UnitStats::from_values("名".into(), vec![2000.0, 600.0, 1.0]);
        assert_eq!((s.sum, s.median), (Some(2601.0), 600.0));
        assert_eq!(round_sig(2408.3999999999996), 2408.4);
    }
}
