//! Output formats: CSV that Excel and CSV readers read back intact, stable JSON, tables.

mod common;

use common::{document_from_targets, target};
use zhengce_query::format::{CSV_COLUMNS, UTF8_BOM};
use zhengce_query::{write_groups, write_hits, Format, GroupBy, QueryRequest, Style, ZIndex};

fn index_with_awkward_text() -> ZIndex {
    let doc = document_from_targets(
        "awkward",
        vec![
            target(
                "新建\"智慧\"教室,共100间\n(含改造)",
                100.0,
                "间",
                Some(2025),
                &["装备中心", "基教处"],
                &["办学条件", "教室"],
                "智慧教室",
            ),
            target("培育骨干教师50名", 50.0, "名", Some(2024), &[], &["队伍建设"], "骨干教师"),
        ],
    );
    let index = ZIndex::create_in_ram().unwrap();
    index.replace_documents([("awkward", &doc)]).unwrap();
    index
}

fn render(index: &ZIndex, req: &QueryRequest, format: Format) -> String {
    let res = index.search(req).unwrap();
    let mut out = Vec::new();
    write_hits(&mut out, &res, format, Style::default()).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_round_trips_commas_quotes_and_newlines() {
    let index = index_with_awkward_text();
    let out = render(
        &index,
        &QueryRequest { text: Some("教室".into()), ..QueryRequest::default() },
        Format::Csv,
    );
    assert!(out.starts_with(UTF8_BOM), "Excel needs the BOM");
    let mut reader = csv::Reader::from_reader(&out.as_bytes()[UTF8_BOM.len()..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let col = |name: &str| {
        rows[0].get(CSV_COLUMNS.iter().position(|c| *c == name).unwrap()).unwrap().to_string()
    };
    assert_eq!(col("quote"), "新建\"智慧\"教室,共100间\n(含改造)");
    assert_eq!(col("quote_marked"), "新建\"智慧\"【教室】,共100间\n(含改造)");
    assert_eq!(col("owners"), "装备中心; 基教处");
    assert_eq!(col("section"), "办学条件 > 教室");
    assert_eq!(col("value"), "100");
    assert_eq!(col("year"), "2025");
}

#[test]
fn json_has_a_stable_field_order_and_plain_markers() {
    let index = index_with_awkward_text();
    let out = render(
        &index,
        &QueryRequest { text: Some("骨干教师".into()), ..QueryRequest::default() },
        Format::Json,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["words"], serde_json::json!(["骨干教师"]));
    let hit = &v["hits"][0];
    assert_eq!(hit["quote_marked"], "培育【骨干教师】50名");
    assert_eq!(hit["value"], 50.0);
    assert_eq!(hit["year"], 2024);
    let keys: Vec<&str> = hit.as_object().unwrap().keys().map(String::as_str).collect();
    // serde_json without preserve_order sorts keys; check the order in the text instead.
    assert!(keys.contains(&"document") && keys.contains(&"owners"));
    let pos = |k: &str| out.find(&format!("\"{k}\"")).unwrap();
    assert!(
        pos("document") < pos("value")
            && pos("value") < pos("owners")
            && pos("owners") < pos("quote_marked")
    );
    assert_eq!(
        out,
        render(
            &index,
            &QueryRequest { text: Some("骨干教师".into()), ..QueryRequest::default() },
            Format::Json
        )
    );
}

#[test]
fn tables_align_chinese_text_and_mark_words() {
    let index = index_with_awkward_text();
    let out = render(
        &index,
        &QueryRequest { text: Some("教师".into()), ..QueryRequest::default() },
        Format::Table,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("doc"), "{out}");
    assert!(lines[2].contains("培育骨干【教师】50名"), "{out}");
    assert!(lines[2].contains("awkward"), "{out}");
    assert_eq!(lines.last().unwrap(), &"1 matching targets");
    // With ANSI on, the word is bold instead.
    let res = index
        .search(&QueryRequest { text: Some("教师".into()), ..QueryRequest::default() })
        .unwrap();
    let mut out = Vec::new();
    write_hits(&mut out, &res, Format::Table, Style { ansi: true }).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("\x1b[1m教师\x1b[0m"));
}

#[test]
fn groups_print_in_every_format() {
    let index = index_with_awkward_text();
    let groups = index.group(&QueryRequest::default(), GroupBy::Owner).unwrap();
    let mut table = Vec::new();
    write_groups(&mut table, &groups, Format::Table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("装备中心") && table.contains("100间"), "{table}");
    assert!(table.contains("counts in each"), "{table}");
    let mut csv_out = Vec::new();
    write_groups(&mut csv_out, &groups, Format::Csv).unwrap();
    let csv_out = String::from_utf8(csv_out).unwrap();
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(&csv_out.as_bytes()[UTF8_BOM.len()..])
            .records()
            .map(Result::unwrap)
            .collect();
    assert_eq!(rows.len(), 3);
    let mut json = Vec::new();
    write_groups(&mut json, &groups, Format::Json).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["group_by"], "owner");
    assert_eq!(v["groups"].as_array().unwrap().len(), 3);
}
