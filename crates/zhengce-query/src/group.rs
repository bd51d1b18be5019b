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

use crate::error::{QueryError, Result};
use crate::index::ZIndex;
use crate::search::QueryRequest;

/// The group label of entries that have no value for the key.
pub const NONE_GROUP: &str = "(none)";

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Owner => "owner",
            GroupBy::Year => "year",
            GroupBy::Unit => "unit",
            GroupBy::Doc => "doc",
            GroupBy::Kind => "kind",
        }
    }

    fn field(self) -> &'static str {
        match self {
            GroupBy::Owner => "owners",
            GroupBy::Year => "year",
            GroupBy::Unit => "unit",
            GroupBy::Doc => "doc",
            GroupBy::Kind => "kind",
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
            other => Err(QueryError::InvalidQuery(format!(
                "cannot group by `{other}`: use owner, year, unit, doc or kind"
            ))),
        }
    }
}

/// One group: how many entries, and the sum of their values per unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Group {
    pub key: String,
    pub count: u64,
    /// Sum of `value` over all entries of the group, whatever their unit.
    pub value_sum: f64,
    /// Sum of `value` per unit (`名` → 2600): sums across units rarely mean anything.
    pub value_sum_by_unit: BTreeMap<String, f64>,
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

impl ZIndex {
    /// Counts the entries matching `req` (its `limit` is ignored) per group.
    pub fn group(&self, req: &QueryRequest, by: GroupBy) -> Result<Groups> {
        let searcher = self.reader.searcher();
        let built = self.build_query(&searcher, req)?;
        let collector = GroupCollector { by };
        let (total, mut groups) = searcher
            .search(&built.query, &(tantivy::collector::Count, collector))
            .map_err(|e| QueryError::tantivy(&self.path, e))?;
        if by == GroupBy::Year {
            groups.sort_by_key(|g| (g.key == NONE_GROUP, g.key.parse::<i64>().unwrap_or(i64::MAX)));
        } else {
            groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        }
        Ok(Groups { group_by: by, total, groups })
    }
}

#[derive(Default, Clone)]
struct Acc {
    count: u64,
    /// Unit ordinal (`u64::MAX`: no unit) → sum of values.
    by_unit: HashMap<u64, f64>,
}

/// Per-segment keys: term ordinals of a string column, or the year itself.
enum KeyColumn {
    Str(Option<StrColumn>),
    Year(Column<i64>),
}

struct GroupCollector {
    by: GroupBy,
}

struct GroupSegmentCollector {
    keys: KeyColumn,
    values: Column<f64>,
    units: Option<StrColumn>,
    /// Key → accumulator; `None` is the `(none)` group.
    acc: HashMap<Option<u64>, Acc>,
    key_buf: Vec<u64>,
}

/// One segment's groups with their keys already turned into strings.
type SegmentGroups = Vec<(String, u64, Vec<(String, f64)>)>;

impl Collector for GroupCollector {
    type Fruit = Vec<Group>;
    type Child = GroupSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupSegmentCollector> {
        let ff = reader.fast_fields();
        let keys = match self.by {
            GroupBy::Year => KeyColumn::Year(ff.i64("year")?),
            other => KeyColumn::Str(ff.str(other.field())?),
        };
        Ok(GroupSegmentCollector {
            keys,
            values: ff.f64("value")?,
            units: ff.str("unit")?,
            acc: HashMap::new(),
            key_buf: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentGroups>) -> tantivy::Result<Vec<Group>> {
        let mut merged: BTreeMap<String, (u64, BTreeMap<String, f64>)> = BTreeMap::new();
        for fruit in fruits {
            for (key, count, sums) in fruit {
                let e = merged.entry(key).or_default();
                e.0 += count;
                for (unit, v) in sums {
                    *e.1.entry(unit).or_default() += v;
                }
            }
        }
        Ok(merged
            .into_iter()
            .map(|(key, (count, value_sum_by_unit))| Group {
                key,
                count,
                value_sum: value_sum_by_unit.values().sum(),
                value_sum_by_unit,
            })
            .collect())
    }
}

impl SegmentCollector for GroupSegmentCollector {
    type Fruit = SegmentGroups;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.key_buf.clear();
        match &self.keys {
            KeyColumn::Str(Some(col)) => self.key_buf.extend(col.term_ords(doc)),
            KeyColumn::Str(None) => {}
            KeyColumn::Year(col) => self.key_buf.extend(col.values_for_doc(doc).map(|y| y as u64)),
        }
        let value = self.values.first(doc);
        let unit = self.units.as_ref().and_then(|u| u.term_ords(doc).next());
        let mut add = |key: Option<u64>| {
            let acc = self.acc.entry(key).or_default();
            acc.count += 1;
            if let Some(v) = value {
                *acc.by_unit.entry(unit.unwrap_or(u64::MAX)).or_default() += v;
            }
        };
        if self.key_buf.is_empty() {
            add(None);
        } else {
            for &k in &self.key_buf {
                add(Some(k));
            }
        }
    }

    fn harvest(self) -> SegmentGroups {
        let str_of = |col: &Option<StrColumn>, ord: u64| {
            let mut s = String::new();
            if let Some(c) = col {
                let _ = c.ord_to_str(ord, &mut s);
            }
            s
        };
        self.acc
            .into_iter()
            .map(|(key, acc)| {
                let key = match (key, &self.keys) {
                    (None, _) => NONE_GROUP.to_string(),
                    (Some(k), KeyColumn::Year(_)) => (k as i64).to_string(),
                    (Some(k), KeyColumn::Str(col)) => str_of(col, k),
                };
                let sums = acc
                    .by_unit
                    .into_iter()
                    .map(|(u, v)| {
                        (if u == u64::MAX { String::new() } else { str_of(&self.units, u) }, v)
                    })
                    .collect();
                (key, acc.count, sums)
            })
            .collect()
    }
}
