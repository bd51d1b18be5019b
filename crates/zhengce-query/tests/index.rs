//! Building an index from a folder: re-indexing, versions, damaged and missing indexes.

mod common;

use std::fs;
use std::path::Path;

use common::{document_from_targets, gold_documents, target};
use zhengce_extract::model::to_json;
use zhengce_query::schema::{IndexMeta, META_FILE};
use zhengce_query::{index_dir, QueryError, QueryRequest, ZIndex};

/// Writes the gold documents as an extractor output folder, with a report and a stray file.
fn write_extracted(dir: &Path) -> usize {
    let docs = gold_documents();
    for (stem, doc) in &docs {
        fs::write(dir.join(format!("{stem}.json")), to_json(doc)).unwrap();
    }
    fs::write(dir.join("report.json"), r#"{"inputs": []}"#).unwrap();
    fs::write(dir.join("notes.json"), r#"{"not": "a document"}"#).unwrap();
    fs::write(dir.join("readme.txt"), "not json").unwrap();
    docs.iter().map(|(_, d)| d.targets.len()).sum()
}

#[test]
fn indexing_the_same_folder_twice_duplicates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, idx) = (tmp.path().join("out"), tmp.path().join("idx"));
    fs::create_dir(&out).unwrap();
    let targets = write_extracted(&out);

    let first = index_dir(&out, &idx).unwrap();
    assert_eq!(first.documents, 5);
    assert_eq!(first.targets, targets);
    // report.json is passed over silently, a JSON that is no document is reported.
    assert_eq!(first.skipped.len(), 1, "{:?}", first.skipped);
    assert!(first.skipped[0].0.ends_with("notes.json"));
    let counts = ZIndex::open(&idx).unwrap().counts().unwrap();
    assert_eq!(counts, (targets as u64, targets as u64));

    index_dir(&out, &idx).unwrap();
    let index = ZIndex::open(&idx).unwrap();
    assert_eq!(index.counts().unwrap(), counts);
    let res = index
        .search(&QueryRequest {
            text: Some("新锐教师".into()),
            year: Some("2025".parse().unwrap()),
            ..QueryRequest::default()
        })
        .unwrap();
    let twothousand = res
        .hits
        .iter()
        .filter(|h| h.value == Some(2000.0) && h.quote.contains("新增市新锐教师"))
        .count();
    // Gold 004 states it twice (overall goal, then its sub-plan): two, not four.
    assert_eq!(twothousand, 2, "{:?}", res.hits);
}

#[test]
fn re_indexing_a_changed_document_replaces_its_old_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, idx) = (tmp.path().join("out"), tmp.path().join("idx"));
    fs::create_dir(&out).unwrap();
    let before = document_from_targets(
        "plan",
        vec![
            target(
                "新增市新锐教师2000名",
                2000.0,
                "名",
                Some(2025),
                &["人事处"],
                &["总体目标"],
                "市新锐教师",
            ),
            target("新建幼儿园10所", 10.0, "所", Some(2025), &[], &["总体目标"], "幼儿园"),
        ],
    );
    fs::write(out.join("plan.json"), to_json(&before)).unwrap();
    index_dir(&out, &idx).unwrap();
    let after = document_from_targets(
        "plan",
        vec![target(
            "新增市新锐教师2500名",
            2500.0,
            "名",
            Some(2026),
            &["人事处"],
            &["总体目标"],
            "市新锐教师",
        )],
    );
    fs::write(out.join("plan.json"), to_json(&after)).unwrap();
    index_dir(&out, &idx).unwrap();
    let index = ZIndex::open(&idx).unwrap();
    assert_eq!(index.counts().unwrap(), (1, 1));
    let res = index
        .search(&QueryRequest { text: Some("新锐教师".into()), ..QueryRequest::default() })
        .unwrap();
    assert_eq!(
        res.hits.iter().map(|h| (h.value, h.year())).collect::<Vec<_>>(),
        [(Some(2500.0), Some(2026))]
    );
}

#[test]
fn an_index_of_another_version_asks_for_a_re_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, idx) = (tmp.path().join("out"), tmp.path().join("idx"));
    fs::create_dir(&out).unwrap();
    write_extracted(&out);
    index_dir(&out, &idx).unwrap();
    let meta = IndexMeta { format_version: 0, ..IndexMeta::current() };
    fs::write(idx.join(META_FILE), serde_json::to_string(&meta).unwrap()).unwrap();

    let err = ZIndex::open(&idx).err().expect("version mismatch");
    assert!(matches!(err, QueryError::VersionMismatch { found: 0, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("re-index with `zhengce index"), "{msg}");
    assert!(msg.contains(&idx.display().to_string()), "{msg}");

    // `zhengce index` itself rebuilds such an index.
    index_dir(&out, &idx).unwrap();
    assert!(ZIndex::open(&idx).is_ok());
}

#[test]
fn a_missing_or_damaged_index_is_named_in_the_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nowhere");
    let err = ZIndex::open(&missing).err().unwrap();
    assert!(matches!(err, QueryError::NotFound { .. }));
    assert!(err.to_string().contains(&missing.display().to_string()));

    // A folder that is no index.
    let stray = tmp.path().join("stray");
    fs::create_dir(&stray).unwrap();
    fs::write(stray.join("x.txt"), "x").unwrap();
    let err = ZIndex::open(&stray).err().unwrap();
    assert!(matches!(err, QueryError::NotAnIndex { .. }), "{err:?}");
    assert!(err.to_string().contains(&stray.display().to_string()));
    // …and `zhengce index` will not write into it.
    assert!(ZIndex::open_or_create(&stray).is_err());

    // An unreadable version file.
    let (out, idx) = (tmp.path().join("out"), tmp.path().join("idx"));
    fs::create_dir(&out).unwrap();
    write_extracted(&out);
    index_dir(&out, &idx).unwrap();
    fs::write(idx.join(META_FILE), "{ not json").unwrap();
    let err = ZIndex::open(&idx).err().unwrap();
    assert!(matches!(err, QueryError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&idx.display().to_string()));

    // tantivy's own files damaged.
    fs::write(idx.join(META_FILE), serde_json::to_string(&IndexMeta::current()).unwrap()).unwrap();
    fs::write(idx.join("meta.json"), "garbage").unwrap();
    let err = ZIndex::open(&idx).err().unwrap();
    assert!(matches!(err, QueryError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&idx.display().to_string()), "{err}");

    // tantivy's meta gone.
    fs::remove_file(idx.join("meta.json")).unwrap();
    let err = ZIndex::open(&idx).err().unwrap();
    assert!(err.to_string().contains(&idx.display().to_string()), "{err}");
}

#[test]
fn an_unreadable_input_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-out");
    let err = index_dir(&missing, tmp.path().join("idx")).err().unwrap();
    assert!(err.to_string().contains("no-such-out"), "{err}");
}
