//! Target or achievement from when the document was written: a year named in a
//! record's sentence that is before the year the document was written (its
//! date, else its 文号's year; not the date a page republished it) makes the
//! record a report on the past, whatever its verbs; a later year, or the same
//! one, leaves it a target. Documents are written for the test in the forms of
//! notices and plans.

use std::sync::LazyLock;

use zhengce_extract::{model::TargetKind, Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn kinds(text: &str) -> Vec<(String, TargetKind, Option<i32>)> {
    let doc = EXTRACTOR.extract(text.as_bytes(), "kinds.txt").unwrap();
    doc.targets.iter().map(|t| (t.quote.clone(), t.kind, t.year)).collect()
}

fn kind_of(all: &[(String, TargetKind, Option<i32>)], quote: &str) -> TargetKind {
    all.iter()
        .find(|(q, _, _)| q.contains(quote))
        .unwrap_or_else(|| panic!("no 「{quote}」 in {all:?}"))
        .1
}

#[test]
fn a_year_before_the_documents_date_is_reported_not_planned() {
    let text = "某省人民政府关于煤矿安全生产工作的通知\n\n\
                2003年，全省煤矿事故造成28人死亡，直接经济损失约4600万元。\n\
                到2006年，全省新建安全监测站50个。\n\
                今年全省新增安全培训基地10个。\n\n\
                某省人民政府\n2004年1月16日\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "28人"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "4600万元"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "50个"), TargetKind::Target, "{all:?}");
    assert_eq!(kind_of(&all, "10个"), TargetKind::Target, "{all:?}");
}

#[test]
fn without_a_date_the_document_numbers_year_is_its_year() {
    let text = "某市教育局关于印发学前教育行动计划的通知\n某教发〔2021〕15号\n\n\
                2020年，全市新增普惠性幼儿园学位3000个。\n\
                到2025年，全市新增普惠性幼儿园学位5000个。\n";
    let all = kinds(text);
    assert_eq!(kind_of(&all, "3000个"), TargetKind::Achievement, "{all:?}");
    assert_eq!(kind_of(&all, "5000个"), TargetKind::Target, "{all:?}");
}

#[test]
fn an_undated_document_keeps_its_plans() {
    let text = "学前教育行动计划\n\n到2025年，全市新增普惠性幼儿园学位5000个。\n";
    assert_eq!(kind_of(&kinds(text), "5000个"), TargetKind::Target);
}

/// Where a planned change to a level starts (`从…提高到…`) is the level reached
/// already: an achievement, of the plan's year; where it goes is the target.
#[test]
fn the_start_of_a_change_to_a_level_is_reached_already() {
    let text = "某市人民政府关于做好2026年民生实事的通知\n\n\
                城乡低保标准从每人每月800元提高到850元。\n\
                困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月150元、200元提高到160元、210元。\n\
                全市新增托位2000个。\n";
    let doc = EXTRACTOR.extract(text.as_bytes(), "kinds.txt").unwrap();
    let kind = |v: f64| {
        let t = doc
            .targets
            .iter()
            .find(|t| t.value == v)
            .unwrap_or_else(|| panic!("{v} in {:?}", doc.targets));
        (t.kind, t.year)
    };
    for v in [800.0, 150.0, 200.0] {
        assert_eq!(kind(v).0, TargetKind::Achievement, "{v}");
    }
    for v in [850.0, 160.0, 210.0, 2000.0] {
        assert_eq!(kind(v).0, TargetKind::Target, "{v}");
    }
    assert_eq!(kind(800.0).1, kind(850.0).1, "the start is of the plan's year");
}
