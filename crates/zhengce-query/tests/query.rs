//! Researchers' questions asked of an index built from the gold annotations
//! (`corpus/gold/*.targets.jsonl` wrapped into Documents) and hand-made documents.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::{document_from_targets, gold_documents, target};
use zhengce_extract::model::Document;
use zhengce_query::{DocKind, EntryKind, GroupBy, QueryRequest, YearRange, ZIndex};

/// The gold corpus indexed once (in memory) for all tests of this file.
fn gold_index() -> &'static (ZIndex, Vec<(String, Document)>) {
    static INDEX: OnceLock<(ZIndex, Vec<(String, Document)>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let docs = gold_documents();
        let index = ZIndex::create_in_ram().unwrap();
        index.replace_documents(docs.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
        (index, docs)
    })
}

fn ask(req: QueryRequest) -> zhengce_query::SearchResults {
    gold_index().0.search(&req).unwrap()
}

fn text(t: &str) -> QueryRequest {
    QueryRequest { text: Some(t.to_string()), limit: 100, ..QueryRequest::default() }
}

#[test]
fn xinrui_teachers_due_2025_is_the_2000_target_of_document_004() {
    let res = ask(QueryRequest { year: Some("2025".parse().unwrap()), ..text("新锐教师") });
    assert!(!res.hits.is_empty());
    let first = &res.hits[0];
    assert!(first.document.starts_with("004_"), "{first:?}");
    assert_eq!(first.value, Some(2000.0));
    assert_eq!(first.unit.as_deref(), Some("名"));
    assert_eq!(first.subject.as_deref(), Some("市新锐教师"));
    assert_eq!(first.year(), Some(2025));
    assert_eq!(first.quote_marked("【", "】"), ";到2025年,新增市【新锐教师】2000名");
    // Every hit is about 新锐教师 and due in 2025.
    for h in &res.hits {
        assert!(
            h.quote.contains("新锐教师") || h.subject.as_deref().unwrap_or("").contains("新锐教师"),
            "{h:?}"
        );
        assert_eq!(h.years, [2025]);
    }
    // No 新锐教师 target is due in another year.
    let other =
        ask(QueryRequest { year: Some("2000..2024".parse().unwrap()), ..text("新锐教师") });
    assert_eq!(other.total, 0, "{:?}", other.hits);
}

#[test]
fn owner_jishu_zhongxin_returns_the_calendar_rows_it_leads() {
    let res =
        ask(QueryRequest {
            owner: Some("技术中心".into()), limit: 100, ..QueryRequest::default()
        });
    assert_eq!(res.total, 1, "{:?}", res.hits);
    let h = &res.hits[0];
    assert!(h.document.starts_with("000_"));
    assert_eq!(h.quote, "评选优秀学校首席信息官(CIO)微团队3-5个");
    assert_eq!((h.value, h.value_max), (Some(3.0), Some(5.0)));
    assert_eq!(h.section, ["温州未来教育体系建设2021年工作行事历", "12月"]);
    assert_eq!(h.owners, ["技术中心"]);
    // Exact matching takes the unit whole, not by its parts.
    let exact = |o: &str| {
        ask(QueryRequest { owner: Some(o.into()), owner_exact: true, ..QueryRequest::default() })
            .total
    };
    assert_eq!(exact("技术中心"), 1);
    assert_eq!(exact("中心"), 0);
    // Word matching finds the unit by a word of it, as the text search does.
    let words =
        ask(QueryRequest { owner: Some("中心".into()), limit: 500, ..QueryRequest::default() });
    assert!(words.hits.iter().any(|h| h.owners.iter().any(|o| o == "技术中心")), "{words:?}");
    assert!(words.hits.iter().all(|h| h.owners.iter().any(|o| o.contains("中心"))));
}

#[test]
fn teachers_find_both_xinrui_and_gugan_teachers() {
    let res = ask(text("教师"));
    let subjects: Vec<&str> = res.hits.iter().filter_map(|h| h.subject.as_deref()).collect();
    assert!(subjects.contains(&"市新锐教师"), "{subjects:?}");
    assert!(res.hits.iter().any(|h| h.quote == "评选骨干教师1800名"), "{subjects:?}");
    assert!(res.hits.iter().any(|h| h.quote == "骨干教师841人次"), "{subjects:?}");
    // The marker sits on the word asked for, also inside a longer word.
    let gugan = res.hits.iter().find(|h| h.quote == "评选骨干教师1800名").unwrap();
    assert_eq!(gugan.quote_marked("【", "】"), "评选骨干【教师】1800名");
    // Asking for the longer word narrows the answer.
    let narrow = ask(text("骨干教师"));
    assert!(narrow.total < res.total);
    assert!(narrow.hits.iter().all(|h| h.quote.contains("骨干教师")
        || h.sentence.as_deref().unwrap_or("").contains("骨干教师")));
}

#[test]
fn group_by_year_counts_the_targets_of_each_year() {
    let (index, docs) = gold_index();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for (_, d) in docs {
        for t in &d.targets {
            let key = t.year.map_or("(none)".to_string(), |y| y.to_string());
            *expected.entry(key).or_default() += 1;
        }
    }
    let groups = index.group(&QueryRequest::default(), GroupBy::Year).unwrap();
    let got: BTreeMap<String, u64> =
        groups.groups.iter().map(|g| (g.key.clone(), g.count)).collect();
    assert_eq!(got, expected);
    assert_eq!(groups.total as u64, expected.values().sum::<u64>());
    // Years come in ascending order, `(none)` last.
    let keys: Vec<&str> = groups.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["2018", "2019", "2020", "2021", "2025", "(none)"]);
}

#[test]
fn group_by_owner_counts_a_shared_target_in_each_owner_and_sums_per_unit() {
    let doc = document_from_targets(
        "hand_owners",
        vec![
            target(
                "培育骨干教师100名",
                100.0,
                "名",
                Some(2025),
                &["基教处", "教师院"],
                &["队伍建设"],
                "骨干教师",
            ),
            target("新建幼儿园10所", 10.0, "所", Some(2025), &["基教处"], &["学前教育"], "幼儿园"),
            target("开展培训20场", 20.0, "场", None, &[], &["队伍建设"], "培训"),
        ],
    );
    let index = ZIndex::create_in_ram().unwrap();
    index.replace_documents([("hand_owners", &doc)]).unwrap();
    let groups = index.group(&QueryRequest::default(), GroupBy::Owner).unwrap();
    let got: Vec<(&str, u64)> = groups.groups.iter().map(|g| (g.key.as_str(), g.count)).collect();
    assert_eq!(got, [("基教处", 2), ("(none)", 1), ("教师院", 1)]);
    let jijiao = &groups.groups[0];
    let sums: BTreeMap<&str, Option<f64>> =
        jijiao.units.iter().map(|u| (u.unit.as_str(), u.sum)).collect();
    assert_eq!(sums, BTreeMap::from([("名", Some(100.0)), ("所", Some(10.0))]));
    assert_eq!(groups.total, 3);
    // Filters apply before grouping: 教师 for 2025 is the one target, in both owners.
    let req = QueryRequest {
        text: Some("教师".into()),
        year: Some(YearRange { start: 2025, end: 2025 }),
        ..QueryRequest::default()
    };
    let g = index.group(&req, GroupBy::Owner).unwrap();
    assert_eq!(g.total, 1);
    assert_eq!(g.groups.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["基教处", "教师院"]);
    let by_unit = index.group(&QueryRequest::default(), GroupBy::Unit).unwrap();
    assert_eq!(by_unit.groups.len(), 3);
}

#[test]
fn without_text_hits_come_in_document_order() {
    let res = ask(QueryRequest { doc: Some("004".into()), limit: 3, ..QueryRequest::default() });
    assert_eq!(res.total, 14);
    let ids: Vec<&str> = res.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"]);
    assert!(res.hits.iter().all(|h| h.document == "004_2dc12a55133938f1" && h.score.is_none()));
    // Across documents: by document id.
    let all = ask(QueryRequest { limit: 200, ..QueryRequest::default() });
    assert_eq!(all.total, 150);
    let order: Vec<(String, u64)> =
        all.hits.iter().map(|h| (h.document.clone(), h.quote_start)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn value_unit_kind_and_section_filters() {
    let res = ask(QueryRequest {
        min_value: Some(1000.0),
        max_value: Some(2000.0),
        unit: Some("名".into()),
        limit: 100,
        ..QueryRequest::default()
    });
    assert!(res.total > 0);
    for h in &res.hits {
        let v = h.value.unwrap();
        assert!((1000.0..=2000.0).contains(&v) && h.unit.as_deref() == Some("名"), "{h:?}");
    }
    assert!(res.hits.iter().any(|h| h.value == Some(2000.0) && h.document.starts_with("004")));
    let achievements = ask(QueryRequest {
        kind: Some(EntryKind::Achievement),
        limit: 200,
        ..QueryRequest::default()
    });
    assert!(achievements.total > 0 && achievements.hits.iter().all(|h| h.kind == "achievement"));
    assert!(achievements.hits.iter().any(|h| h.quote == "骨干教师841人次"));
    // A section matched by a word inside a heading.
    let sec = ask(QueryRequest {
        section: Some("行事历".into()),
        owner: Some("学前指导中心".into()),
        limit: 100,
        ..QueryRequest::default()
    });
    assert!(sec.hits.iter().any(|h| h.quote == "确定10所高品质幼儿园"), "{:?}", sec.hits);
    assert!(sec.hits.iter().all(|h| h.section[0].contains("行事历")));
    assert!(gold_index()
        .0
        .search(&QueryRequest {
            min_value: Some(5.0),
            max_value: Some(1.0),
            ..QueryRequest::default()
        })
        .is_err());
}

#[test]
fn items_are_searched_with_doc_kind_item() {
    let res = ask(QueryRequest { doc_kind: DocKind::Item, ..text("新锐教师") });
    assert!(res.total > 0);
    assert!(res
        .hits
        .iter()
        .all(|h| h.doc_kind == DocKind::Item && h.id.starts_with('i') && h.value.is_none()));
    assert!(res.hits.iter().any(|h| h.quote.contains("新增市新锐教师2000名") && h.years == [2025]));
}

#[test]
fn a_query_without_words_is_refused() {
    assert!(gold_index().0.search(&text("，。")).is_err());
}

#[test]
fn facets_counted_along_a_search_are_the_facets_counted_alone() {
    let index = &gold_index().0;
    let cancel = zhengce_query::Cancel::new();
    for req in [
        text("教师"),
        QueryRequest { year: Some("2021..2025".parse().unwrap()), ..text("学校") },
        QueryRequest { sort: zhengce_query::SortBy::ValueDesc, offset: 20, ..text("教师") },
        QueryRequest::default(),
    ] {
        let (results, facets) =
            index.search_with(&req, Some((&GroupBy::ALL[..], 5)), &cancel).unwrap();
        assert_eq!(results, index.search(&req).unwrap());
        assert_eq!(facets.unwrap(), index.facets(&req, &GroupBy::ALL, 5).unwrap());
    }
    // A page past the last hit is empty, with the total still counted.
    let all = index.search(&text("教师")).unwrap().total;
    let past = index.search(&QueryRequest { offset: all + 5, ..text("教师") }).unwrap();
    assert_eq!((past.total, past.hits.len()), (all, 0));
}

#[test]
fn a_cancelled_query_stops_with_an_error_not_a_partial_answer() {
    let index = &gold_index().0;
    let cancel = zhengce_query::Cancel::new();
    cancel.cancel();
    let err = index.search_with(&text("教师"), None, &cancel).unwrap_err();
    assert!(matches!(err, zhengce_query::QueryError::Cancelled), "{err}");
    let err = index.facets_with(&text("教师"), &GroupBy::ALL, 5, &cancel).unwrap_err();
    assert!(matches!(err, zhengce_query::QueryError::Cancelled), "{err}");
}
