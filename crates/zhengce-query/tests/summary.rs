//! The summary `zhengce run` prints, over the gold corpus.

mod common;

use zhengce_query::Summary;

#[test]
fn summary_counts_documents_targets_years_and_owners() {
    let docs: Vec<_> = common::gold_documents().into_iter().map(|(_, d)| d).collect();
    let s = Summary::from_documents(&docs);
    assert_eq!(s.documents, 5);
    assert_eq!(s.targets, 150);
    assert_eq!(s.targets_by_kind.values().sum::<usize>(), 150);
    assert_eq!(s.targets_by_year.get(&Some(2021)), Some(&48));
    assert_eq!(s.targets_by_year.get(&None), Some(&1));
    assert!(s.top_owners.iter().any(|(o, _)| o == "技术中心"));
    assert!(s.top_owners.windows(2).all(|w| w[0].1 >= w[1].1));
    let text = s.to_string();
    assert!(text.starts_with("5 documents, "), "{text}");
    assert!(text.contains("2021: 48"), "{text}");
}
