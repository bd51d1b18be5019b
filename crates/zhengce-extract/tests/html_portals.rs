//! Saved pages of portals unlike the dev pages (`tests/fixtures/html/portals/`,
//! made by `make_portals.py` there, invented documents of four genres): the
//! document is found, the chrome (menus, crumbs, side boxes, related lists,
//! 主办单位 / ICP / 公网安备 footers, template directives) is dropped, and the
//! headings, items, table rows and targets are those of the same document as
//! text. The expected metadata and targets below are written by hand from
//! the documents.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::{Document, DropKind, SourceFormat};
use zhengce_extract::{Config, Extractor};

mod same_parts;
use same_parts::parts;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/html/portals")
}

fn extract(name: &str) -> Document {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    EXTRACTOR.extract(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Words of the portals' chrome that must not reach the document.
const CHROME: &[&str] = &[
    "ICP备",
    "公网安备",
    "主办单位",
    "网站地图",
    "相关信息",
    "相关法规",
    "上一篇",
    "下一篇",
    "您的位置",
    "首页",
    "打印",
    "点击数",
    "咨询电话",
    "技术支持",
    "浏览",
    "${",
    "<#",
    "<%",
];

/// Reads page and text, checks the page against the text and the hand-written truth.
fn check(page: &str, text: &str, title: &str, targets: &[(f64, &str)]) -> Document {
    let p = extract(page);
    let t = extract(text);
    assert_eq!(p.source.format, SourceFormat::Html, "{page}");
    for w in CHROME {
        assert!(!p.text.contains(w), "{page}: chrome kept: {w}\n{}", p.text);
    }
    assert!(p.dropped.iter().any(|d| d.kind == DropKind::PageChrome), "{page}");
    assert_eq!(p.meta.title.as_deref(), Some(title), "{page}: title");
    // A table is cells one a line in the text, a table in the page: its rows
    // are checked by hand below, the rest must agree.
    let (pp, tp) = (parts(&p), parts(&t));
    assert_eq!(pp.0, tp.0, "{page}: headings");
    assert_eq!(pp.3, tp.3, "{page}: targets");
    // Every hand-written target is found, in document order.
    let mut found = p.targets.iter();
    for &(value, unit) in targets {
        assert!(
            found.any(|x| x.value == value && x.unit == unit),
            "{page}: target {value} {unit} missing from {:?}",
            pp.3
        );
    }
    p
}

#[test]
fn a_health_plan_with_an_indicator_table_and_a_task_division_table() {
    let d = check(
        "health.html",
        "health.txt",
        "青川县卫生健康事业发展规划（2024—2026年）",
        &[
            (30.0, "%"),
            (90.0, "%"),
            (12.0, "个"),
            (1.0, "名"),
            (200.0, "张"),
            (5.0, "个"),
            (50.0, "场"),
            (75.0, "%"),
            (40.0, "名"),
            (30_000_000.0, "元"),
        ],
    );
    assert_eq!(d.meta.doc_number.as_deref(), Some("青卫发〔2024〕7号"));
    // The task-division table: the lead unit is the owner (配合单位 is not an
    // owner column, as for .docx and text), the merged cell carried to the row below.
    let rows: Vec<_> = d.tables.iter().flat_map(|t| &t.rows).collect();
    let row = |w: &str| rows.iter().find(|r| r.work.contains(w)).unwrap_or_else(|| panic!("{w}"));
    assert_eq!(row("发热诊室建设").owners, ["县卫生健康局"]);
    assert_eq!(row("招聘全科医生").owners, ["县卫生健康局"]);
    assert_eq!(row("急诊急救中心").owners, ["县人民医院"]);
    // The task rows' targets carry the row's owners.
    let t = d.targets.iter().find(|t| t.quote.contains("招聘全科医生40名")).expect("40名");
    assert_eq!(t.owners, ["县卫生健康局"]);
    // Not yet: the indicator table's values (79 岁, 7.5 张 by 2026, 0.5
    // 百分点 by 2025) are targets neither here nor in the text.
}

#[test]
fn a_regulation_of_55_articles() {
    let d = check(
        "regulation.shtml",
        "regulation.txt",
        "柳河市城市绿化管理条例",
        &[(40.0, "%"), (15.0, "平方米"), (30.0, "%"), (25.0, "%"), (20.0, "个")],
    );
    // Every article is an item (the structure does not read `第N条` as a marker, here as in text).
    let article = |t: &str| t.starts_with('第') && t.chars().take(7).any(|c| c == '条');
    assert_eq!(d.items.iter().filter(|i| article(&i.text)).count(), 55);
    assert!(d.items.iter().any(|i| i.text.starts_with("第五十五条")));
    assert!(d.text.lines().any(|l| l.starts_with("第七章")));
    assert_eq!(d.meta.index_number.as_deref(), Some("11220500MB0000000X/2024-00031"));
}

#[test]
fn an_admission_plan_in_a_gbk_page() {
    let d = check(
        "admission.htm",
        "admission.txt",
        "江岸职业技术学院2024年招生计划",
        &[
            (3600.0, "人"),
            (3000.0, "人"),
            (2400.0, "人"),
            (800.0, "人"),
            (400.0, "人"),
            (15.0, "%"),
            (1200.0, "人次"),
            (8_000_000.0, "元"),
        ],
    );
    assert_eq!(d.source.encoding.as_deref(), Some("GB18030"));
}

#[test]
fn a_word_saved_notice_inside_a_jsp_template() {
    let d = check(
        "notice.jsp",
        "notice.txt",
        "关于开展2024年度中小学校园安全专项检查的通知",
        &[(2.0, "次"), (100.0, "%"), (100.0, "%"), (95.0, "%")],
    );
    assert_eq!(d.meta.doc_number.as_deref(), Some("东平教〔2024〕15号"));
    assert_eq!(d.meta.issuers, ["东平区教育局"]);
    assert!(d.dropped.iter().any(|x| x.kind == DropKind::Template));
    assert!(d.dropped.iter().any(|x| x.kind == DropKind::Style));
}

/// The same page under other names: read as HTML by its content whatever
/// the extension says, and the format is in `source.format`.
#[test]
fn pages_are_sniffed_by_content() {
    let bytes = std::fs::read(dir().join("notice.jsp")).unwrap();
    for name in ["notice.txt", "notice", "notice.ftl", "notice.shtml", "NOTICE.JSP"] {
        let d = EXTRACTOR.extract(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.source.format, SourceFormat::Html, "{name}");
        assert_eq!(d.meta.doc_number.as_deref(), Some("东平教〔2024〕15号"), "{name}");
    }
    // Text without an extension is text; an unknown extension is an error naming it.
    let text = std::fs::read(dir().join("notice.txt")).unwrap();
    assert_eq!(EXTRACTOR.extract(&text, "notice").unwrap().source.format, SourceFormat::Text);
    let e = EXTRACTOR.extract(&bytes, "notice.pdf").unwrap_err().to_string();
    assert!(e.contains("pdf"), "{e}");
}
