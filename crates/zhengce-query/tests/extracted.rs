//! End to end: the sample corpus through the real extractor, then the researchers' questions.

use std::path::PathBuf;

use zhengce_extract::{Config, Extractor};
use zhengce_query::{GroupBy, QueryRequest, ZIndex};

fn extracted_index() -> ZIndex {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let ex = Extractor::new(Config::default());
    let docs: Vec<(String, zhengce_extract::model::Document)> = paths
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let doc = ex.extract(&std::fs::read(p).unwrap(), &p.to_string_lossy()).unwrap();
            (stem, doc)
        })
        .collect();
    let index = ZIndex::create_in_ram().unwrap();
    index.replace_documents(docs.iter().map(|(id, d)| (id.as_str(), d))).unwrap();
    index
}

#[test]
fn real_extraction_answers_the_researchers_questions() {
    let index = extracted_index();
    let req = QueryRequest {
        text: Some("新锐教师".into()),
        year: Some("2025".parse().unwrap()),
        ..QueryRequest::default()
    };
    let res = index.search(&req).unwrap();
    assert!(
        res.hits.iter().any(|h| h.document.starts_with("004_")
            && h.value == Some(2000.0)
            && h.unit.as_deref() == Some("名")),
        "{:?}",
        res.hits
    );
    let cio = index
        .search(&QueryRequest { owner: Some("技术中心".into()), ..QueryRequest::default() })
        .unwrap();
    assert!(cio.hits.iter().any(|h| h.quote.contains("微团队") && h.value_max == Some(5.0)));
    let teachers = index
        .search(&QueryRequest {
            text: Some("教师".into()), limit: 200, ..QueryRequest::default()
        })
        .unwrap();
    let subjects: Vec<&str> = teachers.hits.iter().filter_map(|h| h.subject.as_deref()).collect();
    assert!(subjects.iter().any(|s| s.contains("新锐教师")), "{subjects:?}");
    assert!(subjects.iter().any(|s| s.contains("骨干教师")), "{subjects:?}");
    let years = index.group(&QueryRequest::default(), GroupBy::Year).unwrap();
    let (targets, _) = index.counts().unwrap();
    assert_eq!(years.groups.iter().map(|g| g.count).sum::<u64>(), targets);
}
