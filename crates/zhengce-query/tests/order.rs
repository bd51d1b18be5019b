//! Document order read from the facet rows (`RowOrder`, once the rows are in
//! memory) is the order read from tantivy's columns (the id's string, then
//! `seq`), and so are `value` and `year` read from the rows: every sort,
//! pages cut across ties, items with two years, several segments, ids that
//! sort differently as strings and as numbers, and re-indexed documents.
//! The same questions check that the filters read from sets and rows
//! (`filters.rs`: `doc_kind`, `kind`, years, the sets of dense terms, the
//! postings of sparse ones, a value range) match what their term and range
//! queries match: totals and hits, with deleted entries in the segments.

mod common;

use common::{document_from_targets, target};
use zhengce_extract::model::Document;
use zhengce_query::{DocKind, EntryKind, GroupBy, QueryRequest, SortBy, YearRange, ZIndex};

/// Document `n`: one to five targets, with few distinct values and years,
/// so that the sorts tie often and document order decides.
fn document(n: usize, variant: usize) -> Document {
    let targets = (0..1 + (n + variant) % 5)
        .map(|t| {
            let k = n * 3 + t + variant;
            // Owners dense and sparse (`稀有科` in one target of 97).
            let owners: &[&str] = match k % 97 {
                0 => &["稀有科", "鹿城区教育局"],
                _ => [&["鹿城区教育局"][..], &["瑞安市教育局"], &["人事处"], &[]][k % 4],
            };
            target(
                &format!("新增教师{k}名"),
                (k % 4) as f64 * 10.0,
                if k % 2 == 0 { "名" } else { "所" },
                (k % 3 != 0).then_some(2023 + (k % 3) as i32),
                owners,
                &[["队伍建设"], ["学校建设"]][k % 2],
                "教师",
            )
        })
        .collect();
    let mut doc = document_from_targets(&id(n), targets);
    doc.meta.region = ["温州市", "瑞安市", "乐清市"].get(n % 4).map(|r| r.to_string());
    doc.meta.issuers = match n % 5 {
        0 => vec!["温州市教育局".into(), "温州市财政局".into()],
        _ => vec!["温州市教育局".into()],
    };
    // Two targets in one item: the item carries both years, and a year
    // sort takes the first (as tantivy's column does).
    if doc.targets.len() > 2 && n % 2 == 0 {
        doc.targets[2].item = doc.targets[1].item.clone();
        doc.items.remove(2);
    }
    doc
}

/// Ids whose string order is not their number's: `d7`, `d10`, `d100`, `d2`…
fn id(n: usize) -> String {
    format!("d{n}")
}

fn requests() -> Vec<QueryRequest> {
    let mut out = Vec::new();
    let questions = [
        QueryRequest::default(),
        QueryRequest { text: Some("教师".into()), ..QueryRequest::default() },
        QueryRequest {
            year: Some(YearRange { start: 2024, end: 2025 }),
            ..QueryRequest::default()
        },
        QueryRequest { doc_kind: DocKind::Item, ..QueryRequest::default() },
        // The filters read from sets once the rows are in memory.
        QueryRequest { kind: Some(EntryKind::Achievement), ..QueryRequest::default() },
        QueryRequest {
            text: Some("教师".into()),
            kind: Some(EntryKind::Target),
            year: Some(YearRange { start: 2025, end: 2025 }),
            ..QueryRequest::default()
        },
        QueryRequest {
            year: Some(YearRange { start: i64::MIN, end: 2024 }),
            ..QueryRequest::default()
        },
        QueryRequest {
            doc_kind: DocKind::Item,
            year: Some(YearRange { start: 2025, end: i64::MAX }),
            ..QueryRequest::default()
        },
        QueryRequest {
            year: Some(YearRange { start: 1990, end: 1999 }),
            ..QueryRequest::default()
        },
        QueryRequest { kind: Some(EntryKind::Numbered), ..QueryRequest::default() },
        // Dense and sparse terms, exact and by words, and value ranges.
        QueryRequest { unit: Some("名".into()), ..QueryRequest::default() },
        QueryRequest { owner: Some("鹿城区教育局".into()), ..QueryRequest::default() },
        QueryRequest {
            owner: Some("教育局".into()),
            year: Some(YearRange { start: 2024, end: 2024 }),
            ..QueryRequest::default()
        },
        QueryRequest { owner: Some("稀有科".into()), ..QueryRequest::default() },
        QueryRequest {
            owner: Some("稀有科".into()),
            owner_exact: true,
            doc_kind: DocKind::Item,
            ..QueryRequest::default()
        },
        QueryRequest {
            owner: Some("人事处".into()),
            owner_exact: true,
            text: Some("教师".into()),
            ..QueryRequest::default()
        },
        QueryRequest { owner: Some("不存在的局".into()), ..QueryRequest::default() },
        QueryRequest {
            region: Some("瑞安市".into()),
            issuer: Some("温州市财政局".into()),
            ..QueryRequest::default()
        },
        QueryRequest { section: Some("学校".into()), ..QueryRequest::default() },
        QueryRequest {
            unit: Some("所".into()),
            min_value: Some(10.0),
            max_value: Some(20.0),
            ..QueryRequest::default()
        },
        QueryRequest { min_value: Some(25.0), ..QueryRequest::default() },
        // Few entries left, a long run of values: the rows are read.
        QueryRequest {
            owner: Some("稀有科".into()),
            min_value: Some(10.0),
            max_value: Some(30.0),
            ..QueryRequest::default()
        },
        QueryRequest {
            max_value: Some(0.0),
            text: Some("教师".into()),
            kind: Some(EntryKind::Target),
            ..QueryRequest::default()
        },
    ];
    let sorts =
        [SortBy::Relevance, SortBy::ValueDesc, SortBy::ValueAsc, SortBy::YearAsc, SortBy::YearDesc];
    for q in &questions {
        for sort in sorts {
            for (offset, limit) in [(0, 7), (7, 7), (95, 30), (0, 100_000)] {
                out.push(QueryRequest { sort, offset, limit, ..q.clone() });
            }
        }
    }
    out
}

/// Each request's hits as (document, id) pairs, after its total.
fn answers(index: &ZIndex) -> Vec<Vec<(String, String)>> {
    requests()
        .iter()
        .map(|req| {
            let found = index.search(req).unwrap();
            let total = ("total".to_string(), found.total.to_string());
            [total].into_iter().chain(found.hits.into_iter().map(|h| (h.document, h.id))).collect()
        })
        .collect()
}

fn rows_agree_with_columns(index: &ZIndex) {
    // The rows are not read yet: document order comes from tantivy's columns.
    let by_columns = answers(index);
    assert!(index.warm_facets().unwrap() > 0);
    let by_rows = answers(index);
    for ((req, a), b) in requests().iter().zip(&by_columns).zip(&by_rows) {
        assert_eq!(a, b, "{req:?}");
    }
    // Without words, hits come in document order: ids as strings.
    let all = &by_rows[requests()
        .iter()
        .position(|r| r.text.is_none() && r.year.is_none() && r.limit == 100_000)
        .unwrap()];
    let all = &all[1..];
    assert!(all.len() > 500);
    assert!(all.windows(2).all(|w| w[0].0 <= w[1].0), "document order");
    let at = |d: &str| all.iter().position(|(doc, _)| doc == d).unwrap();
    assert!(at("d10") < at("d2") && at("d199") < at("d2"), "ids compare as strings");
}

#[test]
fn rows_give_the_order_of_the_columns() {
    let docs: Vec<(String, Document)> = (0..300).map(|n| (id(n), document(n, 0))).collect();
    let index = ZIndex::create_in_ram().unwrap();
    // Three commits: several segments, each with its own ordinals of the ids.
    for part in [&docs[..120], &docs[120..200], &docs[200..]] {
        index.replace_documents(part.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    }
    rows_agree_with_columns(&index);

    // Re-indexed documents: their old entries deleted, a new segment. The
    // rows read before are no longer the searcher's, so the columns decide
    // again until the rows of the new segments are read.
    let changed: Vec<(String, Document)> =
        (0..300).step_by(7).map(|n| (id(n), document(n, 1))).collect();
    index.replace_documents(changed.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    rows_agree_with_columns(&index);
}

#[test]
fn a_question_with_facets_reads_the_rows_and_orders_as_the_columns() {
    let docs: Vec<(String, Document)> = (0..60).map(|n| (id(n), document(n, 2))).collect();
    let index = ZIndex::create_in_ram().unwrap();
    index.replace_documents(docs.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    let req = QueryRequest { sort: SortBy::ValueDesc, limit: 40, ..QueryRequest::default() };
    let plain = index.search(&req).unwrap().hits;
    let (with_facets, facets) =
        index.search_with(&req, Some((&GroupBy::ALL, 10)), &Default::default()).unwrap();
    assert!(facets.is_some());
    let ids = |h: &[zhengce_query::Hit]| h.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&plain), ids(&with_facets.hits));
}
