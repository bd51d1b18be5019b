//! A task table written into a text file with tabs between its cells (a table
//! copied out of a browser, a spreadsheet or Word) is read as a table: its
//! rows, their lead units and their targets are those of the same table in a
//! web page. And a table whose header names a work and an owner column among
//! labels the header rules do not know (`序号 / 项目名称 / 目标任务 / 牵头单位 /
//! 完成时限`) is a task table, in a page as in a text. The documents are
//! written for the test in the form of a district's 民生实事 notice.

use std::sync::LazyLock;

use zhengce_extract::model::Document;
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

const BEFORE: &str = "某某区2025年民生实事项目实施方案\n\n附件\n\n2025年民生实事项目任务分解表\n";
const ROWS: [[&str; 5]; 5] = [
    ["序号", "项目名称", "目标任务", "牵头单位", "完成时限"],
    ["1", "新建公办幼儿园", "新建公办幼儿园3所，新增学位1080个", "区教育局", "2025年12月底"],
    [
        "2",
        "老旧小区改造",
        "完成老旧小区改造12个，惠及居民4500户",
        "区住建局、各街道",
        "2025年11月底",
    ],
    ["3", "城乡居民医保", "城乡居民医保参保率稳定在98%以上", "区医保局", "全年"],
    ["4", "就业帮扶", "城镇新增就业6000人", "区人社局", "2025年12月底"],
];

fn extract(bytes: &[u8], name: &str) -> Document {
    EXTRACTOR.extract(bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

fn as_text() -> Document {
    let rows: Vec<String> = ROWS.iter().map(|r| r.join("\t")).collect();
    extract(format!("{BEFORE}{}\n", rows.join("\n")).as_bytes(), "table.txt")
}

fn as_page() -> Document {
    let paras: String =
        BEFORE.lines().filter(|l| !l.is_empty()).map(|l| format!("<p>{l}</p>")).collect();
    let rows: String = ROWS
        .iter()
        .map(|r| {
            format!("<tr>{}</tr>", r.iter().map(|c| format!("<td>{c}</td>")).collect::<String>())
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>民生实事</title></head>\
         <body>{paras}<table>{rows}</table></body></html>"
    );
    extract(html.as_bytes(), "table.html")
}

/// (value, unit, owners) of every target, in order.
fn targets(doc: &Document) -> Vec<(f64, String, Vec<String>)> {
    doc.targets.iter().map(|t| (t.value, t.unit.clone(), t.owners.clone())).collect()
}

#[test]
fn a_tabbed_task_table_gives_rows_owners_and_targets() {
    let doc = as_text();
    let want: Vec<(f64, &str, &[&str])> = vec![
        (3.0, "所", &["区教育局"]),
        (1080.0, "个", &["区教育局"]),
        (12.0, "个", &["区住建局", "各街道"]),
        (4500.0, "户", &["区住建局", "各街道"]),
        (98.0, "%", &["区医保局"]),
        (6000.0, "人", &["区人社局"]),
    ];
    let got = targets(&doc);
    let want: Vec<(f64, String, Vec<String>)> = want
        .into_iter()
        .map(|(v, u, o)| (v, u.to_string(), o.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(got, want, "{:#?}", doc.targets);
    // A target's quote is inside its cell, not a row's cells run together.
    let quotes: Vec<&str> = doc.targets.iter().map(|t| t.quote.as_str()).collect();
    assert!(
        quotes.iter().all(|q| !q.contains("老旧小区改造 ") && !q.starts_with('2')),
        "{quotes:?}"
    );
    assert!(!doc.tables.is_empty(), "the table is reported as a table");
}

#[test]
fn the_same_table_in_a_page_and_in_a_text_gives_the_same_targets() {
    let (text, page) = (as_text(), as_page());
    assert_eq!(targets(&text), targets(&page));
    let quotes = |d: &Document| d.targets.iter().map(|t| t.quote.clone()).collect::<Vec<_>>();
    assert_eq!(quotes(&text), quotes(&page));
}

/// A table whose header names a work column but no owner (`序号 / 项目名称 /
/// 建设内容 / 完成时间`) gives each row's work, and the targets in it, not the
/// row's number.
#[test]
fn a_header_with_a_work_column_gives_each_rows_work() {
    let text = "某某区2025年重点建设项目计划\n\n序号\t项目名称\t建设内容\t完成时间\n\
                1\t学校建设\t新建中小学校5所，新增学位6000个\t2025年底\n\
                2\t体育设施\t建设社区健身中心20个\t2025年10月\n";
    let doc = extract(text.as_bytes(), "works.txt");
    let got: Vec<(f64, &str)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str())).collect();
    assert_eq!(got, [(5.0, "所"), (6000.0, "个"), (20.0, "个")], "{:#?}", doc.targets);
    let rows: Vec<&str> = doc.tables[0].rows.iter().map(|r| r.work.as_str()).collect();
    assert_eq!(rows, ["新建中小学校5所，新增学位6000个", "建设社区健身中心20个"]);
}
