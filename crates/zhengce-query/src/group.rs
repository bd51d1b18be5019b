//! group: here is a question, give me how many matching targets (and how much) fall in each group.
//!
//! Counting reads fast fields only (no stored documents), segment by segment:
//! each segment collector counts by term ordinal and adds up `value` per unit,
//! and the merge turns ordinals into strings. A target with two owners counts
//! in both owner groups (so owner counts may add up to more than the total);
//! an item with two years counts in both years. An entry without a value for
//! the key (no owner, no year) falls in the group `(none)`.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::cancel::{Cancel, Cancellable};
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

    fn field(self) -> &'static str {
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
    pub fn group(&self, req: &QueryRequest, by: GroupBy) -> Result<Groups> {
        let (total, mut fruit) = self.collect_groups(req, &[by], true, &Cancel::new())?;
        let mut groups: Vec<Group> = fruit
            .pop()
            .unwrap_or_default()
            .into_iter()
            .map(|(key, g)| Group {
                key,
                count: g.count,
                units: g
                    .values
                    .into_iter()
                    .map(|(unit, values)| UnitStats::from_values(unit, values))
                    .collect(),
            })
            .collect();
        sort_groups(by, &mut groups, |g| (&g.key, g.count));
        Ok(Groups { group_by: by, total, groups })
    }

    /// Counts the entries matching `req` per group of each key in one pass over
    /// the fast fields (no values kept: the facets of a search page). The unit
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
        Ok(Facets::from_fruit(total, keys, fruit, top))
    }

    fn collect_groups(
        &self,
        req: &QueryRequest,
        keys: &[GroupBy],
        keep_values: bool,
        cancel: &Cancel,
    ) -> Result<(usize, GroupFruit)> {
        let searcher = self.reader.searcher();
        let built = self.build_query(&searcher, req)?;
        let query = Cancellable::wrap(built.query, cancel);
        let collector = GroupCollector::new(keys, keep_values);
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
    /// The facets of `keys` from what a [`GroupCollector`] gathered: each
    /// key's groups sorted, at most `top` of them (every year).
    pub(crate) fn from_fruit(
        total: usize,
        keys: &[GroupBy],
        fruit: GroupFruit,
        top: usize,
    ) -> Facets {
        let facets = keys
            .iter()
            .zip(fruit)
            .map(|(&key, fruit)| {
                let mut groups: Vec<FacetCount> = fruit
                    .into_iter()
                    .map(|(k, g)| {
                        let sum = (key == GroupBy::Unit && unit_class(&k).summable())
                            .then(|| round_sig(g.sum));
                        FacetCount { key: k, count: g.count, sum }
                    })
                    .collect();
                sort_groups(key, &mut groups, |g| (&g.key, g.count));
                // Years are few and shown in order: all of them.
                let top = if key == GroupBy::Year { usize::MAX } else { top };
                let others = groups.iter().skip(top).map(|g| g.count).sum();
                groups.truncate(top);
                Facet { key, groups, others }
            })
            .collect();
        Facets { total, facets }
    }
}

/// Years ascending (`(none)` last), else largest count first, then key.
fn sort_groups<T>(by: GroupBy, groups: &mut [T], key: impl Fn(&T) -> (&String, u64)) {
    if by == GroupBy::Year {
        groups.sort_by_key(|g| {
            let k = key(g).0;
            (k == NONE_GROUP, k.parse::<i64>().unwrap_or(i64::MAX))
        });
    } else {
        groups.sort_by(|a, b| {
            let (ka, ca) = key(a);
            let (kb, cb) = key(b);
            cb.cmp(&ca).then_with(|| ka.cmp(kb))
        });
    }
}

/// One group's tally: count, sum of values (any unit) and, when kept, the values per unit.
#[derive(Debug, Default, Clone)]
pub(crate) struct GroupAcc {
    count: u64,
    sum: f64,
    values: BTreeMap<String, Vec<f64>>,
}

/// Per-segment keys: term ordinals of a string column, or the year itself.
enum KeyColumn {
    Str(Option<StrColumn>),
    Year(Column<i64>),
}

/// Counts of one key in one segment: by term ordinal (a dense array) or by year.
struct KeyTally {
    column: KeyColumn,
    /// Ordinal (or `years` slot) → count and value sum; the last slot is `(none)`.
    counts: Vec<(u64, f64)>,
    /// Year → slot in `counts`.
    years: HashMap<i64, usize>,
    /// (slot, unit ordinal or `u64::MAX`) → values, when kept.
    values: HashMap<(usize, u64), Vec<f64>>,
}

/// Counts (and sums) per group of each key, for [`ZIndex::group`],
/// [`ZIndex::facets`] and the facets of [`ZIndex::search_with`].
pub(crate) struct GroupCollector {
    keys: Vec<GroupBy>,
    keep_values: bool,
}

impl GroupCollector {
    pub(crate) fn new(keys: &[GroupBy], keep_values: bool) -> GroupCollector {
        GroupCollector { keys: keys.to_vec(), keep_values }
    }
}

/// Every key's groups, keys already turned into strings.
pub(crate) type GroupFruit = Vec<BTreeMap<String, GroupAcc>>;

pub(crate) struct GroupSegmentCollector {
    tallies: Vec<KeyTally>,
    values: Column<f64>,
    units: Option<StrColumn>,
    keep_values: bool,
    slots: Vec<usize>,
}

/// One segment's groups per key, keys already turned into strings.
type SegmentGroups = Vec<BTreeMap<String, GroupAcc>>;

impl Collector for GroupCollector {
    type Fruit = GroupFruit;
    type Child = GroupSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupSegmentCollector> {
        let ff = reader.fast_fields();
        let mut tallies = Vec::with_capacity(self.keys.len());
        for key in &self.keys {
            let column = match key {
                GroupBy::Year => KeyColumn::Year(ff.i64("year")?),
                other => KeyColumn::Str(ff.str(other.field())?),
            };
            let slots = match &column {
                KeyColumn::Str(Some(c)) => c.num_terms() + 1,
                _ => 1,
            };
            tallies.push(KeyTally {
                column,
                counts: vec![(0, 0.0); slots],
                years: HashMap::new(),
                values: HashMap::new(),
            });
        }
        Ok(GroupSegmentCollector {
            tallies,
            values: ff.f64("value")?,
            units: ff.str("unit")?,
            keep_values: self.keep_values,
            slots: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentGroups>) -> tantivy::Result<Self::Fruit> {
        let mut merged: Vec<BTreeMap<String, GroupAcc>> = vec![BTreeMap::new(); self.keys.len()];
        for fruit in fruits {
            for (into, groups) in merged.iter_mut().zip(fruit) {
                for (key, acc) in groups {
                    let e = into.entry(key).or_default();
                    e.count += acc.count;
                    e.sum += acc.sum;
                    for (unit, v) in acc.values {
                        e.values.entry(unit).or_default().extend(v);
                    }
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for GroupSegmentCollector {
    type Fruit = SegmentGroups;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let value = self.values.first(doc);
        let unit = if self.keep_values {
            self.units.as_ref().and_then(|u| u.term_ords(doc).next()).unwrap_or(u64::MAX)
        } else {
            u64::MAX
        };
        for tally in &mut self.tallies {
            self.slots.clear();
            match &tally.column {
                KeyColumn::Str(Some(col)) => {
                    self.slots.extend(col.term_ords(doc).map(|o| o as usize))
                }
                KeyColumn::Str(None) => {}
                KeyColumn::Year(col) => {
                    for y in col.values_for_doc(doc) {
                        let next = tally.counts.len();
                        let slot = *tally.years.entry(y).or_insert(next);
                        if slot == next {
                            tally.counts.push((0, 0.0));
                        }
                        self.slots.push(slot);
                    }
                }
            }
            if self.slots.is_empty() {
                // The `(none)` slot: last for string keys, first for years.
                let none = match tally.column {
                    KeyColumn::Year(_) => 0,
                    KeyColumn::Str(_) => tally.counts.len() - 1,
                };
                self.slots.push(none);
            }
            for &slot in &self.slots {
                let c = &mut tally.counts[slot];
                c.0 += 1;
                if let Some(v) = value {
                    c.1 += v;
                    if self.keep_values {
                        tally.values.entry((slot, unit)).or_default().push(v);
                    }
                }
            }
        }
    }

    fn harvest(self) -> SegmentGroups {
        // Every unit ordinal kept with values, named in one walk.
        let mut unit_ords: Vec<u64> = self
            .tallies
            .iter()
            .flat_map(|t| t.values.keys().map(|&(_, unit)| unit))
            .filter(|&u| u != u64::MAX)
            .collect();
        unit_ords.sort_unstable();
        unit_ords.dedup();
        let units: HashMap<u64, String> = ord_names(&self.units, unit_ords).collect();
        self.tallies
            .into_iter()
            .map(|tally| {
                let mut names: HashMap<usize, String> = HashMap::new();
                match &tally.column {
                    KeyColumn::Year(_) => {
                        names.insert(0, NONE_GROUP.to_string());
                        for (y, slot) in &tally.years {
                            names.insert(*slot, y.to_string());
                        }
                    }
                    KeyColumn::Str(col) => {
                        let none = tally.counts.len() - 1;
                        if tally.counts[none].0 > 0 {
                            names.insert(none, NONE_GROUP.to_string());
                        }
                        let ords = (0..none).filter(|&slot| tally.counts[slot].0 > 0);
                        for (ord, name) in ord_names(col, ords.map(|slot| slot as u64)) {
                            names.insert(ord as usize, name);
                        }
                    }
                }
                let mut out: BTreeMap<String, GroupAcc> = BTreeMap::new();
                for (slot, &(count, sum)) in tally.counts.iter().enumerate() {
                    if count > 0 {
                        let e = out.entry(names[&slot].clone()).or_default();
                        e.count += count;
                        e.sum += sum;
                    }
                }
                for ((slot, unit), v) in tally.values {
                    let unit = units.get(&unit).cloned().unwrap_or_default();
                    out.entry(names[&slot].clone()).or_default().values.insert(unit, v);
                }
                out
            })
            .collect()
    }
}

/// The strings of ordinals of a column, given in ascending order: one walk
/// through the dictionary (looking each ordinal up alone decompresses its
/// block again, and a document facet has thousands). An ordinal the
/// dictionary cannot name is named `""`.
fn ord_names(
    col: &Option<StrColumn>,
    ords: impl IntoIterator<Item = u64>,
) -> impl Iterator<Item = (u64, String)> {
    let ords: Vec<u64> = ords.into_iter().collect();
    let mut names: Vec<String> = Vec::with_capacity(ords.len());
    if let Some(c) = col {
        let _ = c.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned());
        });
    }
    names.resize(ords.len(), String::new());
    ords.into_iter().zip(names)
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
