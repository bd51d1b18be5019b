//! Saved pages of portals unlike the dev pages (`tests/fixtures/html/portals/`,
//! made by `make_portals.py` there, invented documents of four genres): the
//! document is found, the chrome (menus, crumbs, side boxes, related lists,
//! 主办单位 / ICP / 公网安备 footers, template directives) is dropped, and the
//! headings, items, table rows and targets are those of the same document as
//! text. The expected metadata and targets below are written by hand from
//! the documents.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::{
    Document, DropKind, ItemKind, SourceFormat, Span, TargetKind, YearSource,
};
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
    // The task-division table: the lead units then the supporting ones own the
    // row (`targets.md`: lead and supporting units both listed, as after a
    // `配合单位：` label), the merged cell carried to the row below.
    let rows: Vec<_> = d.tables.iter().flat_map(|t| &t.rows).collect();
    let row = |w: &str| rows.iter().find(|r| r.work.contains(w)).unwrap_or_else(|| panic!("{w}"));
    assert_eq!(row("发热诊室建设").owners, ["县卫生健康局", "县发展改革局", "县财政局"]);
    assert_eq!(row("招聘全科医生").owners, ["县卫生健康局", "县人力社保局"]);
    assert_eq!(row("急诊急救中心").owners, ["县人民医院", "县卫生健康局"]);
    // The task rows' targets carry the row's owners.
    let t = d.targets.iter().find(|t| t.quote.contains("招聘全科医生40名")).expect("40名");
    assert_eq!(t.owners, ["县卫生健康局", "县人力社保局"]);
    // The indicator table: each value is a target with the row's indicator as
    // its subject, the bracketed unit, and the year of the row's 年份 cell (the
    // text, one cell a line, gives the same targets: `check` compared them).
    let ind = |subject: &str| {
        d.targets.iter().find(|t| t.subject == subject).unwrap_or_else(|| panic!("{subject}"))
    };
    let life = ind("居民人均预期寿命");
    assert_eq!((life.value, life.unit.as_str(), life.year), (79.0, "岁", Some(2026)));
    assert_eq!((life.kind, life.quote.as_str()), (TargetKind::Target, "79"));
    assert_eq!(&d.text[byte_range(&d.text, life.span)], "79");
    let beds = ind("每千人口医疗卫生机构床位数");
    assert_eq!((beds.value, beds.unit.as_str(), beds.year), (7.5, "张", Some(2026)));
    let myopia = ind("儿童青少年总体近视率");
    assert_eq!((myopia.value, myopia.unit.as_str(), myopia.year), (0.5, "百分点", Some(2025)));
    assert_eq!(
        (myopia.change.as_deref(), myopia.action.as_deref()),
        (Some("decrease"), Some("下降"))
    );
    assert_eq!(myopia.year_source, Some(YearSource::Sentence));
    let table = d.tables.iter().find(|t| t.columns.first().is_some_and(|c| c == "指标")).unwrap();
    assert_eq!(table.rows.len(), 3);
}

/// The byte range of a char span of `text`.
fn byte_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let b = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    b(span.start)..b(span.end)
}

#[test]
fn a_regulation_of_55_articles() {
    let d = check(
        "regulation.shtml",
        "regulation.txt",
        "柳河市城市绿化管理条例",
        &[(40.0, "%"), (15.0, "平方米"), (30.0, "%"), (25.0, "%"), (20.0, "个")],
    );
    // Every article is a numbered item, 1 to 55 in order across the chapters,
    // each under its chapter; no article opens a part.
    let articles: Vec<_> =
        d.items.iter().filter(|i| i.marker.as_deref().is_some_and(|m| m.ends_with('条'))).collect();
    let numbers: Vec<u32> = articles.iter().filter_map(|i| i.number).collect();
    assert_eq!(numbers, (1..=55).collect::<Vec<_>>());
    assert!(articles.iter().all(|i| i.kind == ItemKind::Numbered && i.title.is_none()));
    let chapters: Vec<_> = d.sections.iter().filter(|s| s.family == "chapter").collect();
    assert_eq!(chapters.len(), 7);
    assert_eq!(d.sections.len(), 7, "articles open no sections");
    assert_eq!(articles.last().unwrap().section.as_deref(), Some(chapters[6].id.as_str()));
    // The site's own words for the fields (`信息索引号`, `所属主题`) are read
    // under their canonical names.
    assert_eq!(d.meta.index_number.as_deref(), Some("11220500MB0000000X/2024-00031"));
    assert!(
        d.meta.fields.iter().any(|f| f.label == "主题分类" && f.value == "城乡建设、环境保护"),
        "{:?}",
        d.meta.fields
    );
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

/// A 十四五 plan's indicator table of the common form (category cells merged
/// down, a baseline and a target year column, `≥`, `左右`, a five-year sum in
/// `〔〕`, a placeholder `—`): baseline values are achievements of their year,
/// target values targets of theirs; the bracketed unit and its scale are applied.
#[test]
fn an_indicator_table_with_baseline_and_target_years() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>某市“十四五”教育事业发展规划_某市人民政府门户网站</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zw">政务公开</a> <a href="/hd">互动交流</a></div>
<div class="crumb">您的位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
<div class="article"><h1>某市“十四五”教育事业发展规划</h1>
<p>一、发展目标</p>
<p>到2025年，全市教育现代化水平明显提升，人民群众对教育的满意度持续提高。</p>
<table border="1">
<tr><td>类别</td><td>序号</td><td>指标</td><td>2020年</td><td>2025年</td><td>属性</td></tr>
<tr><td rowspan="2">普及程度</td><td>1</td><td>学前教育毛入园率（%）</td><td>92</td><td>≥95</td><td>预期性</td></tr>
<tr><td>2</td><td>新增公办学位（万个）</td><td>—</td><td>〔6〕</td><td>约束性</td></tr>
<tr><td>保障水平</td><td>3</td><td>教育经费投入年均增长（%）</td><td>5.1</td><td>6左右</td><td>预期性</td></tr>
</table>
<p>二、主要任务</p>
<p>（一）扩大优质资源。新建幼儿园20所，改扩建中小学15所。</p>
</div>
<div class="foot"><p>主办单位：某市人民政府办公室</p><p>某ICP备12345678号</p></div>
</body></html>"#;
    let d = EXTRACTOR.extract(page.as_bytes(), "plan.html").expect("plan.html");
    assert_eq!(d.meta.plan_period.map(|p| (p.start, p.end)), Some((2021, 2025)));
    let got: Vec<_> = d
        .targets
        .iter()
        .map(|t| {
            (t.quote.as_str(), t.value, t.unit.as_str(), t.comparator.as_str(), t.year, t.kind)
        })
        .collect();
    use TargetKind::{Achievement as A, Target as T};
    assert_eq!(
        got,
        [
            ("92", 92.0, "%", "=", Some(2020), A),
            ("≥95", 95.0, "%", ">=", Some(2025), T),
            ("〔6〕", 60_000.0, "个", "=", Some(2025), T),
            ("5.1", 5.1, "%", "=", Some(2020), A),
            ("6左右", 6.0, "%", "~", Some(2025), T),
            ("新建幼儿园20所", 20.0, "所", "=", Some(2025), T),
            ("改扩建中小学15所", 15.0, "所", "=", Some(2025), T),
        ]
    );
    let growth = &d.targets[4];
    assert_eq!(growth.subject, "教育经费投入");
    assert_eq!(
        (growth.change.as_deref(), growth.action.as_deref()),
        (Some("increase"), Some("增长"))
    );
    assert_eq!(growth.year_source, Some(YearSource::Heading));
    assert_eq!(growth.section, ["发展目标"]);
    for t in &d.targets {
        assert_eq!(&d.text[byte_range(&d.text, t.span)], t.quote, "{t:?}");
    }
}

/// A notice that forwards a guide, on a page whose title line stands before
/// the body in a `<div class="title">`, and whose body repeats the guide's own
/// title: the document's title is the notice's (the page's `<title>` holds the
/// site's name before it, with spaces, no separator), not the guide's, and its
/// signature date in Chinese numerals is its written date.
#[test]
fn a_forwarding_notice_keeps_its_own_title_before_the_body() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
        <title>某某市教育局 通知公告 某某市教育局关于印发《某某市中小学课后服务工作指南》的通知</title></head>\
        <body><div id=\"nav\">网站首页 | 机构概况 | 政务公开 | 办事服务</div>\
        <table class=\"xxgk\"><tr><td>发文机关：</td><td>某某市教育局</td><td>发文字号：</td><td>某教基〔2024〕45号</td></tr>\
        <tr><td>成文日期：</td><td>2024-08-20</td><td>发布日期：</td><td>2024-08-26</td></tr></table>\
        <div class=\"title\">某某市教育局关于印发《某某市中小学课后服务工作指南》的通知</div>\
        <div class=\"TRS_Editor\"><p>各区（县、市）教育局，市直属各学校：</p>\
        <p>现将《某某市中小学课后服务工作指南》印发给你们，请结合实际认真贯彻执行。</p>\
        <p>某某市教育局</p><p>二〇二四年八月二十日</p>\
        <p>某某市中小学课后服务工作指南</p><p>一、服务内容</p>\
        <p>到2025年，课后服务学生参与率达到90%以上。</p></div>\
        <div class=\"bottom\">版权所有：某某市教育局</div></body></html>";
    let doc = EXTRACTOR.extract(page.as_bytes(), "notice.html").unwrap();
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("某某市教育局关于印发《某某市中小学课后服务工作指南》的通知")
    );
    assert_eq!(m.issuers, ["某某市教育局"]);
    assert_eq!(m.doc_number.as_deref(), Some("某教基〔2024〕45号"));
    assert_eq!(m.dates.written.as_deref(), Some("2024-08-20"));
    assert_eq!(doc.targets.iter().map(|t| t.value).collect::<Vec<_>>(), [90.0]);
}

/// A portal that writes its 信息公开 fields as `[label] value` list items, no
/// colon (`[发文字号] 京政办发〔2025〕6号`): they are fields, not body text.
#[test]
fn a_portal_that_puts_its_labels_in_brackets() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
        <title>某某市人民政府办公厅关于印发《某某市中小学教育提质行动方案》的通知_政策文件_某某市政府门户网站</title></head>\
        <body><div class=\"crumb\"><a>首页</a> &gt; <a>政务公开</a> &gt; <a>政策文件</a></div>\
        <div class=\"container\"><ol class=\"doc-info\">\
        <li><span>[发文机构]</span> 某某市人民政府办公厅</li><li><span>[联合发文单位]</span> </li>\
        <li><span>[实施日期]</span> 2025-04-01</li><li><span>[成文日期]</span> 2025-03-18</li>\
        <li><span>[发文字号]</span> 某政办发〔2025〕6号</li><li><span>[发布日期]</span> 2025-03-25</li>\
        <li><span>[有效性]</span> 现行有效</li></ol>\
        <div class=\"article\"><h1>某某市人民政府办公厅关于印发《某某市中小学教育提质行动方案》的通知</h1>\
        <p>各区人民政府，市政府各委、办、局：</p>\
        <p>经市政府同意，现将《某某市中小学教育提质行动方案》印发给你们，请认真贯彻落实。</p>\
        <p>某某市人民政府办公厅</p><p>2025年3月18日</p>\
        <p>某某市中小学教育提质行动方案</p><p>一、工作目标</p>\
        <p>到2027年，新增中小学学位5万个，培养市级骨干教师3000名。</p></div></div></body></html>";
    let doc = EXTRACTOR.extract(page.as_bytes(), "brackets.html").unwrap();
    let m = &doc.meta;
    assert_eq!(m.issuers, ["某某市人民政府办公厅"]);
    assert_eq!(m.doc_number.as_deref(), Some("某政办发〔2025〕6号"));
    assert_eq!(m.dates.written.as_deref(), Some("2025-03-18"));
    assert_eq!(m.dates.published.as_deref(), Some("2025-03-25"));
    assert!(!doc.text.contains("[发布日期]"), "{}", doc.text);
    assert!(doc
        .dropped
        .iter()
        .any(|d| d.kind == DropKind::MetadataBlock && d.text.contains("[有效性] 现行有效")));
    assert_eq!(doc.targets.iter().map(|t| t.value).collect::<Vec<_>>(), [50000.0, 3000.0]);
}
