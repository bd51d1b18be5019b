//! Facets and groups counted over the cached columns are the facets and
//! groups of the hits read one by one from their stored fields: several
//! segments, hundreds of documents (wider ordinals), several owners and
//! issuers, items with several years, entries without owner, year or region,
//! and a re-indexed document (a new segment and deleted entries).

mod common;

use std::collections::BTreeMap;

use common::{document_from_targets, target};
use zhengce_extract::model::{Document, TargetKind};
use zhengce_extract::units::unit_class;
use zhengce_query::group::round_sig;
use zhengce_query::{
    DocKind, Facet, FacetCount, Group, GroupBy, Hit, QueryRequest, UnitStats, YearRange, ZIndex,
};

const OWNERS: [&str; 5] = ["基教处", "教研院", "技术中心", "鹿城区教育局", "人事处"];
const UNITS: [&str; 5] = ["名", "所", "%", "亿元", "个"];

/// Document `n`: a few targets with owners, years and units that vary with `n`.
fn document(n: usize, variant: usize) -> Document {
    let targets = (0..1 + n % 4)
        .map(|t| {
            let k = n * 7 + t * 3 + variant;
            let owners: Vec<&str> = match k % 4 {
                0 => vec![],
                1 => vec![OWNERS[k % 5]],
                _ => vec![OWNERS[k % 5], OWNERS[(k + 2) % 5]],
            };
            let year = (k % 5 != 0).then_some(2020 + (k % 6) as i32);
            let mut t = target(
                &format!("培养教师{k}名"),
                (k % 13) as f64 * 2.5,
                UNITS[k % 5],
                year,
                &owners,
                &["队伍建设"],
                "教师",
            );
            if k % 3 == 0 {
                t.kind = TargetKind::Achievement;
            }
            t
        })
        .collect();
    let mut doc = document_from_targets(&format!("d{n:04}"), targets);
    // Two targets in one item: the item carries both years.
    if doc.targets.len() > 1 {
        doc.targets[1].item = doc.targets[0].item.clone();
        doc.items.remove(1);
    }
    doc.meta.region = match n % 3 {
        0 => None,
        1 => Some("温州市".into()),
        _ => Some("瑞安市".into()),
    };
    doc.meta.issuers = match n % 4 {
        0 => vec![],
        1 => vec!["市教育局".into()],
        _ => vec!["市教育局".into(), format!("市财政局{}", n % 2)],
    };
    doc
}

/// The group keys of a hit read from its stored fields, `(none)` when it has none.
fn keys_of(hit: &Hit, by: GroupBy) -> Vec<String> {
    let keys: Vec<String> = match by {
        GroupBy::Owner => hit.owners.clone(),
        GroupBy::Year => hit.years.iter().map(|y| y.to_string()).collect(),
        GroupBy::Unit => hit.unit.iter().cloned().collect(),
        GroupBy::Doc => vec![hit.document.clone()],
        GroupBy::Kind => vec![hit.kind.clone()],
        GroupBy::Region => hit.region.iter().cloned().collect(),
        GroupBy::Issuer => hit.issuers.clone(),
    };
    if keys.is_empty() {
        vec!["(none)".to_string()]
    } else {
        keys
    }
}

/// Years ascending, `(none)` last; else largest count first, then key.
fn sort<T>(by: GroupBy, groups: &mut [T], key: impl Fn(&T) -> (String, u64)) {
    groups.sort_by(|a, b| {
        let ((ka, ca), (kb, cb)) = (key(a), key(b));
        if by == GroupBy::Year {
            let year = |k: &str| (k == "(none)", k.parse::<i64>().unwrap_or(i64::MAX));
            year(&ka).cmp(&year(&kb))
        } else {
            cb.cmp(&ca).then(ka.cmp(&kb))
        }
    });
}

/// Each group's entries and its values per unit, from the hits one by one.
type Tally = BTreeMap<String, (u64, BTreeMap<String, Vec<f64>>)>;

fn tally(hits: &[Hit], by: GroupBy) -> Tally {
    let mut out: Tally = BTreeMap::new();
    for hit in hits {
        for key in keys_of(hit, by) {
            let e = out.entry(key).or_default();
            e.0 += 1;
            if let Some(v) = hit.value {
                e.1.entry(hit.unit.clone().unwrap_or_default()).or_default().push(v);
            }
        }
    }
    out
}

fn expected_groups(hits: &[Hit], by: GroupBy) -> Vec<Group> {
    let mut groups: Vec<Group> = tally(hits, by)
        .into_iter()
        .map(|(key, (count, units))| Group {
            key,
            count,
            units: units.into_iter().map(|(u, v)| UnitStats::from_values(u, v)).collect(),
        })
        .collect();
    sort(by, &mut groups, |g| (g.key.clone(), g.count));
    groups
}

fn expected_facet(hits: &[Hit], by: GroupBy, top: usize) -> Facet {
    let mut groups: Vec<FacetCount> = tally(hits, by)
        .into_iter()
        .map(|(key, (count, units))| {
            let total: f64 = units.values().flatten().sum();
            let sum =
                (by == GroupBy::Unit && unit_class(&key).summable()).then(|| round_sig(total));
            FacetCount { key, count, sum }
        })
        .collect();
    sort(by, &mut groups, |g| (g.key.clone(), g.count));
    let top = if by == GroupBy::Year { usize::MAX } else { top };
    let others = groups.iter().skip(top).map(|g| g.count).sum();
    groups.truncate(top);
    Facet { key: by, groups, others }
}

fn requests() -> Vec<QueryRequest> {
    let q = || QueryRequest { limit: 100_000, ..QueryRequest::default() };
    vec![
        q(),
        QueryRequest { doc_kind: DocKind::Item, ..q() },
        QueryRequest { text: Some("教师".into()), ..q() },
        QueryRequest { owner: Some("基教处".into()), owner_exact: true, ..q() },
        QueryRequest { year: Some(YearRange { start: 2021, end: 2023 }), ..q() },
        QueryRequest { doc: Some("d00".into()), doc_kind: DocKind::Item, ..q() },
    ]
}

fn check(index: &ZIndex) {
    for req in requests() {
        let hits = index.search(&req).unwrap().hits;
        assert!(!hits.is_empty(), "{req:?}");
        for by in GroupBy::ALL {
            let groups = index.group(&req, by).unwrap();
            assert_eq!(groups.total, hits.len());
            assert_eq!(groups.groups, expected_groups(&hits, by), "group by {by:?}, {req:?}");
        }
        for top in [3, usize::MAX] {
            let facets = index.facets(&req, &GroupBy::ALL, top).unwrap();
            assert_eq!(facets.total, hits.len());
            for (facet, by) in facets.facets.iter().zip(GroupBy::ALL) {
                assert_eq!(facet, &expected_facet(&hits, by, top), "facet {by:?}, {req:?}");
            }
            let page = QueryRequest { limit: 5, ..req.clone() };
            let (_, along) =
                index.search_with(&page, Some((&GroupBy::ALL, top)), &Default::default()).unwrap();
            assert_eq!(along.unwrap(), facets);
        }
    }
}

#[test]
fn cached_columns_count_what_the_stored_fields_say() {
    let index = ZIndex::create_in_ram().unwrap();
    let docs: Vec<(String, Document)> =
        (0..400).map(|n| (format!("d{n:04}"), document(n, 0))).collect();
    // Three commits: at least two segments, one of 300 documents (ordinals
    // wider than a byte).
    for part in [&docs[..300], &docs[300..350], &docs[350..]] {
        index.replace_documents(part.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    }
    assert!(index.warm_facets().unwrap() > 0);
    check(&index);
    // Re-indexing documents deletes their entries and adds a segment: the
    // columns of the new set of segments count what it holds.
    let changed: Vec<(String, Document)> =
        (0..400).step_by(9).map(|n| (format!("d{n:04}"), document(n, 1))).collect();
    index.replace_documents(changed.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    check(&index);
}
