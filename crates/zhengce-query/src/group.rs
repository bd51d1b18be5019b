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
    /// Unit ordinal (`u64::MAX`: no unit) → the values.
    by_unit: HashMap<u64, Vec<f64>>,
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
type SegmentGroups = Vec<(String, u64, Vec<(String, Vec<f64>)>)>;

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
        let mut merged: BTreeMap<String, (u64, BTreeMap<String, Vec<f64>>)> = BTreeMap::new();
        for fruit in fruits {
            for (key, count, values) in fruit {
                let e = merged.entry(key).or_default();
                e.0 += count;
                for (unit, v) in values {
                    e.1.entry(unit).or_default().extend(v);
                }
            }
        }
        Ok(merged
            .into_iter()
            .map(|(key, (count, by_unit))| Group {
                key,
                count,
                units: by_unit
                    .into_iter()
                    .map(|(unit, values)| UnitStats::from_values(unit, values))
                    .collect(),
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
                acc.by_unit.entry(unit.unwrap_or(u64::MAX)).or_default().push(v);
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
                let values = acc
                    .by_unit
                    .into_iter()
                    .map(|(u, v)| {
                        (if u == u64::MAX { String::new() } else { str_of(&self.units, u) }, v)
                    })
                    .collect();
                (key, acc.count, values)
            })
            .collect()
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
