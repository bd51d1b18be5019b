//! Test fixtures: model Documents built from the gold annotations and by hand.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use zhengce_eval::GoldTarget;
use zhengce_extract::model::{
    Document, Item, ItemKind, Meta, Section, Source, SourceFormat, Span, Target, TargetKind,
};

/// The sample corpus's gold folder.
pub fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/gold")
}

/// Every gold file as (stem, document), sorted by stem.
pub fn gold_documents() -> Vec<(String, Document)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(gold_dir())
        .expect("corpus/gold exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".targets.jsonl"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let stem = name.trim_end_matches(".targets.jsonl").to_string();
            let records = zhengce_eval::read_gold(p).unwrap_or_else(|e| panic!("{e}"));
            let doc =
                document_from_targets(&stem, records.into_iter().map(target_from_gold).collect());
            (stem, doc)
        })
        .collect()
}

pub fn target_from_gold(g: GoldTarget) -> Target {
    Target {
        id: String::new(),
        kind: if g.kind == "achievement" { TargetKind::Achievement } else { TargetKind::Target },
        sentence: g.quote.clone(),
        quote: g.quote,
        value: g.value,
        value_max: g.value_max,
        unit: g.unit,
        comparator: g.comparator,
        change: g.change,
        each: g.each,
        subject: g.subject,
        action: g.action,
        year: g.year,
        year_source: None,
        owners: g.owners,
        section: g.section,
        item: None,
        span: Span::default(),
    }
}

/// A hand-made target.
pub fn target(
    quote: &str,
    value: f64,
    unit: &str,
    year: Option<i32>,
    owners: &[&str],
    section: &[&str],
    subject: &str,
) -> Target {
    Target {
        id: String::new(),
        kind: TargetKind::Target,
        quote: quote.to_string(),
        sentence: quote.to_string(),
        value,
        value_max: None,
        unit: unit.to_string(),
        comparator: "=".to_string(),
        change: None,
        each: false,
        subject: subject.to_string(),
        action: None,
        year,
        year_source: None,
        owners: owners.iter().map(|s| s.to_string()).collect(),
        section: section.iter().map(|s| s.to_string()).collect(),
        item: None,
        span: Span::default(),
    }
}

/// Wraps targets into a Document: the text is the quotes one a line; each target
/// gets an item of its own under the section tree its paths describe.
pub fn document_from_targets(stem: &str, mut targets: Vec<Target>) -> Document {
    let mut text = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut section_ids: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut items = Vec::new();
    for (n, t) in targets.iter_mut().enumerate() {
        let mut parent: Option<String> = None;
        for depth in 1..=t.section.len() {
            let path = t.section[..depth].to_vec();
            let id = match section_ids.get(&path) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("s{}", sections.len() + 1);
                    let start = text.chars().count();
                    text.push_str(&path[depth - 1]);
                    text.push('\n');
                    sections.push(Section {
                        id: id.clone(),
                        level: depth as u8,
                        family: "style".into(),
                        marker: String::new(),
                        number: None,
                        title: path[depth - 1].clone(),
                        parent: parent.clone(),
                        span: Span::new(start, start + path[depth - 1].chars().count()),
                    });
                    section_ids.insert(path, id.clone());
                    id
                }
            };
            parent = Some(id);
        }
        let start = text.chars().count();
        text.push_str(&t.quote);
        text.push('\n');
        let span = Span::new(start, start + t.quote.chars().count());
        t.id = format!("q{}", n + 1);
        t.item = Some(format!("i{}", n + 1));
        t.span = span;
        items.push(Item {
            id: format!("i{}", n + 1),
            kind: ItemKind::Paragraph,
            section: parent,
            marker: None,
            number: None,
            title: None,
            text: t.quote.clone(),
            owners: t.owners.clone(),
            span,
        });
    }
    Document {
        schema_version: zhengce_extract::model::SCHEMA_VERSION.to_string(),
        extractor_version: zhengce_extract::model::EXTRACTOR_VERSION.to_string(),
        source: Source {
            path: format!("corpus/{stem}.txt"),
            format: SourceFormat::Text,
            encoding: Some("UTF-8".into()),
            sha256: format!("{:0>64}", stem.len()),
            bytes: text.len() as u64,
        },
        text,
        meta: Meta {
            title: Some(format!("{stem} 规划")),
            region: Some("温州市".into()),
            ..Meta::default()
        },
        sections,
        items,
        tables: Vec::new(),
        targets,
        dropped: Vec::new(),
        units: Vec::new(),
        diagnostics: Vec::new(),
    }
}
