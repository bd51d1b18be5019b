//! A task-division table (`重点任务分工`) whose figures stand in more than one
//! column: `重点任务` names the task (merged over the rows of one task),
//! `具体措施` and `目标` say what it is to reach. Every work column's cell is an
//! item; a figure a later cell restates is one record; a figure alone in its
//! cell counts what the row's task names; the lead units then the supporting
//! ones own the row (`targets.md`: lead and supporting units both listed); the
//! row's deadline (`2026年8月底前`) is its year. The same table as a .docx made
//! by python-docx (`tests/fixtures/docx/src/make_pydocx.py`) and as a page with
//! `rowspan` gives the same records.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::Document;
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn from_docx() -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx/pydocx_task_division.docx");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    EXTRACTOR.extract(&bytes, "pydocx_task_division.docx").unwrap_or_else(|e| panic!("{e}"))
}

/// The fixture's table, as a portal writes it: the merged task cell a `rowspan`.
fn from_page() -> Document {
    let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>分工方案</title></head><body>\
        <p>某县教育强县建设重点任务分工方案</p><p>为确保各项任务落到实处，制定如下分工。</p><table>\
        <tr><td>序号</td><td>重点任务</td><td>具体措施</td><td>目标</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>\
        <tr><td>1</td><td rowspan=\"2\">扩大学前教育资源</td><td>新建公办幼儿园6所，新增学位1800个</td><td>6所</td><td>县教育局</td><td>县发改局、县财政局</td><td>2026年8月底前</td></tr>\
        <tr><td>2</td><td>推进普惠性幼儿园扩容</td><td>普惠性幼儿园覆盖率92%以上</td><td>县教育局</td><td></td><td>2027年12月底前</td></tr>\
        <tr><td>3</td><td>加强教师队伍建设</td><td>每年招聘教师200名</td><td></td><td>县教育局</td><td>县人社局</td><td>长期</td></tr>\
        <tr><td>4</td><td>智慧校园建设</td><td>推进中小学数字校园改造</td><td>30所</td><td>县教育局</td><td></td><td>2026年12月底前</td></tr>\
        </table><p>各牵头单位要细化工作方案，按月报送进展情况。</p></body></html>";
    EXTRACTOR.extract(html.as_bytes(), "tasks.html").unwrap_or_else(|e| panic!("{e}"))
}

type Record = (f64, String, Vec<String>, Option<i32>, String);

fn records(doc: &Document) -> Vec<Record> {
    doc.targets
        .iter()
        .map(|t| (t.value, t.unit.clone(), t.owners.clone(), t.year, t.subject.clone()))
        .collect()
}

fn expected() -> Vec<Record> {
    let r = |v: f64, u: &str, o: &[&str], y: Option<i32>, s: &str| {
        (v, u.to_string(), o.iter().map(|s| s.to_string()).collect(), y, s.to_string())
    };
    let lead_and_support = ["县教育局", "县发改局", "县财政局"];
    vec![
        r(6.0, "所", &lead_and_support, Some(2026), "公办幼儿园"),
        r(1800.0, "个", &lead_and_support, Some(2026), "学位"),
        // The `目标` cell's `6所` restates the measure's: no second record.
        r(92.0, "%", &["县教育局"], Some(2027), "普惠性幼儿园覆盖率"),
        // `长期` names no year, and the document none.
        r(200.0, "名", &["县教育局", "县人社局"], None, "教师"),
        // A figure alone in its cell counts what the task names.
        r(30.0, "所", &["县教育局"], Some(2026), "智慧校园建设"),
    ]
}

#[test]
fn every_work_column_of_a_docx_task_table_gives_its_targets() {
    let doc = from_docx();
    assert_eq!(records(&doc), expected(), "{:#?}", doc.targets);
    // The row of the merged task is read with its own measure as its work.
    let rows: Vec<&str> = doc.tables[0].rows.iter().map(|r| r.work.as_str()).collect();
    assert_eq!(
        rows,
        ["扩大学前教育资源", "推进普惠性幼儿园扩容", "加强教师队伍建设", "智慧校园建设"]
    );
    assert_eq!(doc.meta.title.as_deref(), Some("某县教育强县建设重点任务分工方案"));
}

#[test]
fn the_same_table_in_a_page_gives_the_same_targets() {
    let doc = from_page();
    assert_eq!(records(&doc), expected(), "{:#?}", doc.targets);
}

/// A header of two rows (`责任单位` spanning `牵头单位` and `配合单位`): the
/// second row is no task, and both unit columns own each row.
#[test]
fn a_header_of_two_rows_is_no_task() {
    let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>任务分解</title></head><body>\
        <p>某区2025年教育重点工作任务分解表</p><table>\
        <tr><td rowspan=\"2\">序号</td><td rowspan=\"2\">重点任务</td><td colspan=\"2\">责任单位</td><td rowspan=\"2\">完成时限</td></tr>\
        <tr><td>牵头单位</td><td>配合单位</td></tr>\
        <tr><td>1</td><td>新建改扩建中小学校5所，新增学位4500个</td><td>区教育局</td><td>区发改局、区财政局</td><td>2025年12月</td></tr>\
        <tr><td>2</td><td>培训中小学教师1.2万人次</td><td>区教师发展中心</td><td>各学校</td><td>2025年11月</td></tr>\
        </table></body></html>";
    let doc = EXTRACTOR.extract(html.as_bytes(), "two_rows.html").unwrap();
    let rows: Vec<(&str, Vec<&str>)> = doc.tables[0]
        .rows
        .iter()
        .map(|r| (r.work.as_str(), r.owners.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        rows,
        [
            ("新建改扩建中小学校5所，新增学位4500个", vec!["区教育局", "区发改局", "区财政局"]),
            ("培训中小学教师1.2万人次", vec!["区教师发展中心", "各学校"]),
        ]
    );
    let years: Vec<Option<i32>> = doc.targets.iter().map(|t| t.year).collect();
    assert_eq!(years, [Some(2025); 3]);
}

/// A header that names the year a column is for (`2025年目标`) still reads as
/// a header, and that column as the row's work: the table written with tabs
/// into a text file.
#[test]
fn a_header_naming_its_year_is_a_header() {
    let text = "某区2025年教育工作任务分解\n\n\
                序号\t工作任务\t2025年目标\t责任单位\n\
                1\t扩大学位供给\t新增公办学位3000个\t区教育局\n\
                2\t教师队伍建设\t招聘教师300名\t区教育局、区人社局\n";
    let doc = EXTRACTOR.extract(text.as_bytes(), "tasks.txt").unwrap();
    let got: Vec<(f64, Vec<&str>, Option<i32>)> = doc
        .targets
        .iter()
        .map(|t| (t.value, t.owners.iter().map(String::as_str).collect(), t.year))
        .collect();
    assert_eq!(
        got,
        [(3000.0, vec!["区教育局"], Some(2025)), (300.0, vec!["区教育局", "区人社局"], Some(2025)),]
    );
    assert_eq!(doc.meta.title.as_deref(), Some("某区2025年教育工作任务分解"));
}
