//! pages: the search page and the document page, in Chinese, rendered with maud.
//!
//! maud escapes every value put into the markup, so text from a document
//! (`<script>`, `"onload=`, `</textarea>`) shows as text. Links carry the
//! question in the URL, so a page can be bookmarked and shared.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use zhengce_extract::model::Document;
use zhengce_query::format::num;
use zhengce_query::{Facets, GroupBy, Hit, SearchResults};

use crate::api::{blocking, facet_counts, search_and_facets, Failure};
use crate::charts::{bars, Bar};
use crate::documents;
use crate::params::SearchParams;
use crate::AppState;

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:0;color:#222}
header{background:#8b1a1a;color:#fff;padding:.6em 1em}header a{color:#fff}
main{display:flex;gap:1em;padding:1em}aside{width:230px;flex:none}aside.charts{width:300px}
section.results{flex:1;min-width:0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em;text-align:left;vertical-align:top}
#hits td.quote{min-width:16em}#hits td.docname{min-width:8em}#hits th{white-space:nowrap}
mark{background:#ffe58a}mark.target{background:#ffd5d5;border-bottom:2px solid #8b1a1a;scroll-margin-top:35vh}
mark.target a{color:inherit;text-decoration:none}mark.target:target{outline:3px solid #8b1a1a}
.facet h3{margin:.6em 0 .2em;font-size:1em}.facet ul{margin:0;padding-left:1.2em}.facet a{text-decoration:none}.facet .on{font-weight:bold}
.s0{fill:#1f4e8c}.s1{fill:url(#hatch);stroke:#b35c00}.chart{margin:0 0 1em}.chart svg{width:100%;height:auto}.chart svg text{font-size:12px}
.chart figcaption{font-weight:bold;margin-bottom:.3em}
.error{background:#fee;border:1px solid #c00;padding:.6em}.text{white-space:pre-wrap;line-height:1.7}
.docpage{display:grid;grid-template-columns:230px minmax(0,1fr) 320px;gap:1em;padding:1em}
.docpage>nav,.docpage>aside{position:sticky;top:0;max-height:100vh;overflow:auto;align-self:start}
.docpage dd{margin:0 0 .3em 1em;overflow-wrap:anywhere}.docpage h2{font-size:1.1em}
#outline{padding-left:1em}#dropped td{overflow-wrap:anywhere}
"#;

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 政策目标检索" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header { a href="/" { "政策目标检索" } }
                (body)
            }
        }
    }
}

/// An error as a page of its own, with the error's status.
pub fn failure_page(f: &Failure) -> Response {
    let page = layout("错误", html! { main { p.error #error { (f.message()) } } });
    (f.status(), Html(page.into_string())).into_response()
}

/// Any other path.
pub async fn not_found() -> Response {
    failure_page(&Failure::NotFound("页面不存在 / no such page".into()))
}

fn facet_label(key: GroupBy) -> &'static str {
    match key {
        GroupBy::Year => "年份",
        GroupBy::Kind => "类型",
        GroupBy::Unit => "单位",
        GroupBy::Owner => "责任单位",
        GroupBy::Doc => "文件",
        GroupBy::Region => "地区",
        GroupBy::Issuer => "发文机关",
    }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "target" => "目标",
        "achievement" => "成绩",
        "numbered" => "条目",
        "paragraph" => "段落",
        "table_row" => "表格行",
        other => other,
    }
}

/// `GET /?q=…`: search box, facets, charts, results, paging, downloads.
pub async fn search_page(
    State(state): State<Arc<AppState>>,
    Query(params): Query<SearchParams>,
) -> Response {
    let question = match params.question() {
        Ok(q) => q,
        Err(m) => return failure_page(&Failure::BadRequest(m)),
    };
    let (results, facets) = match search_and_facets(&state, &params).await {
        Ok(r) => r,
        Err(f) => return failure_page(&f),
    };
    let per_kind = |kind: &'static str| {
        let p = params.with(|p| p.kind = Some(kind.into()));
        let state = Arc::clone(&state);
        async move { facet_counts(&state, &p).await }
    };
    let (targets, achievements) = match (per_kind("target").await, per_kind("achievement").await) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(f), _) | (_, Err(f)) => return failure_page(&f),
    };
    let body = html! {
        main {
            aside {
                (search_form(&params))
                (facet_lists(&params, &facets))
            }
            section.results {
                (result_list(&params, &results, question.page, question.per_page))
            }
            aside.charts {
                (charts(&facets, &targets, &achievements))
            }
        }
    };
    let title = params.q.clone().unwrap_or_else(|| "检索".into());
    Html(layout(&title, body).into_string()).into_response()
}

fn search_form(p: &SearchParams) -> Markup {
    let sorts = [
        ("relevance", "相关度"),
        ("value_desc", "数值从大到小"),
        ("value_asc", "数值从小到大"),
        ("year_asc", "年份从早到晚"),
        ("year_desc", "年份从晚到早"),
    ];
    let current = p.sort.as_deref().unwrap_or("relevance");
    html! {
        form #search method="get" action="/" {
            input #q type="search" name="q" value=(p.q.as_deref().unwrap_or("")) placeholder="关键词，如 教师" maxlength="200";
            @for (name, v) in [("year", &p.year), ("kind", &p.kind), ("unit", &p.unit), ("owner", &p.owner),
                               ("doc", &p.doc), ("region", &p.region), ("issuer", &p.issuer)] {
                @if let Some(v) = v { input type="hidden" name=(name) value=(v); }
            }
            select name="sort" {
                @for (k, label) in sorts {
                    option value=(k) selected[k == current] { (label) }
                }
            }
            button type="submit" { "检索" }
        }
    }
}

fn facet_lists(p: &SearchParams, facets: &Facets) -> Markup {
    html! {
        @for facet in &facets.facets {
            div.facet #(format!("facet-{}", facet.key.as_str())) {
                h3 { (facet_label(facet.key)) }
                @let mut current = p.clone();
                @let chosen = current.slot(facet.key).clone();
                @if chosen.is_some() {
                    a.clear href=(format!("/?{}", p.with(|q| *q.slot(facet.key) = None).to_query())) { "× 全部" }
                }
                ul {
                    @for g in &facet.groups {
                        @let on = chosen.as_deref() == Some(g.key.as_str());
                        @let label = if facet.key == GroupBy::Kind { kind_label(&g.key) } else { g.key.as_str() };
                        li {
                            @if g.key == zhengce_query::group::NONE_GROUP {
                                span { "（无）" " (" (g.count) ")" }
                            } @else {
                                a.on[on] data-key=(g.key)
                                    href=(format!("/?{}", p.with(|q| *q.slot(facet.key) = Some(g.key.clone())).to_query())) {
                                    (label) " (" (g.count) ")"
                                }
                            }
                        }
                    }
                    @if facet.others > 0 { li { "其他 (" (facet.others) ")" } }
                }
            }
        }
    }
}

fn marked_quote(h: &Hit) -> Markup {
    let chars: Vec<char> = h.quote.chars().collect();
    let (pieces, rest) = cut_at(&chars, h.marks.iter().map(|&(a, b)| (a, b, ())));
    html! {
        @for (plain, marked, ()) in &pieces {
            (plain)
            mark { (marked) }
        }
        (rest)
    }
}

/// `chars` cut at `spans` (sorted by start, each cut to the text's end): for
/// each span the plain text before it, its own text and its tag, then the
/// text after the last one. A span that starts inside the one before is left
/// out. What the templates print, so that they only print.
fn cut_at<T>(
    chars: &[char],
    spans: impl IntoIterator<Item = (usize, usize, T)>,
) -> (Vec<(String, String, T)>, String) {
    let n = chars.len();
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let mut pieces = Vec::new();
    let mut pos = 0;
    for (a, b, tag) in spans {
        let (a, b) = (a.min(n), b.min(n));
        if a >= pos {
            pieces.push((text(pos, a), text(a, b), tag));
            pos = b;
        }
    }
    (pieces, text(pos, n))
}

fn result_list(p: &SearchParams, r: &SearchResults, page: usize, per_page: usize) -> Markup {
    let pages = r.total.div_ceil(per_page).max(1);
    let csv = p.with(|q| {
        q.format = Some("csv".into());
        q.per_page = None;
    });
    let json = p.with(|q| {
        q.format = Some("json".into());
        q.per_page = None;
    });
    html! {
        p #summary {
            "共 " strong #total { (r.total) } " 条结果"
            @if !r.words.is_empty() { "，检索词：" (r.words.join(" ")) }
            " · 下载 " a #csv href=(format!("/api/search?{}", csv.to_query())) { "CSV" }
            " · " a #json href=(format!("/api/search?{}", json.to_query())) { "JSON" }
        }
        table #hits {
            thead { tr { th { "数值" } th { "单位" } th { "比较" } th { "对象" } th { "年份" } th { "类型" } th { "责任单位" } th { "文件" } th { "原文" } } }
            tbody {
                @for h in &r.hits {
                    tr.hit {
                        td { (h.value.map(num).unwrap_or_default()) @if let Some(m) = h.value_max { "–" (num(m)) } }
                        td { (h.unit.as_deref().unwrap_or("")) }
                        td { (h.comparator.as_deref().unwrap_or("")) }
                        td { (h.subject.as_deref().unwrap_or("")) }
                        td { (h.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")) }
                        td { (kind_label(&h.kind)) }
                        td { (h.owners.join("、")) }
                        td.docname {
                            a.doc href=(format!("/documents/{}#t-{}", h.document, h.id)) {
                                (h.title.as_deref().unwrap_or(&h.document))
                            }
                        }
                        td.quote { (marked_quote(h)) }
                    }
                }
            }
        }
        nav.pager {
            @if page > 1 {
                a rel="prev" href=(format!("/?{}", { let mut q = p.clone(); q.page = Some((page - 1).to_string()); q.to_query() })) { "上一页" }
            }
            " 第 " (page) " / " (pages) " 页 "
            @if page < pages {
                a rel="next" href=(format!("/?{}", { let mut q = p.clone(); q.page = Some((page + 1).to_string()); q.to_query() })) { "下一页" }
            }
        }
    }
}

fn charts(all: &Facets, targets: &Facets, achievements: &Facets) -> Markup {
    let year = |f: &Facets| -> Vec<(String, u64)> {
        f.facets
            .iter()
            .find(|x| x.key == GroupBy::Year)
            .map(|x| {
                x.groups
                    .iter()
                    .filter(|g| g.key != zhengce_query::group::NONE_GROUP)
                    .map(|g| (g.key.clone(), g.count))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (t, a) = (year(targets), year(achievements));
    let mut years: Vec<String> = t.iter().chain(a.iter()).map(|(k, _)| k.clone()).collect();
    years.sort();
    years.dedup();
    let count = |v: &[(String, u64)], y: &str| {
        v.iter().find(|(k, _)| k == y).map_or(0.0, |(_, c)| *c as f64)
    };
    let per_year: Vec<Bar> = years
        .iter()
        .map(|y| Bar { label: y.clone(), values: vec![count(&t, y), count(&a, y)] })
        .collect();
    let facet = |key| all.facets.iter().find(|x| x.key == key);
    let owners: Vec<Bar> = facet(GroupBy::Owner)
        .map(|f| {
            f.groups
                .iter()
                .filter(|g| g.key != zhengce_query::group::NONE_GROUP)
                .map(|g| Bar { label: g.key.clone(), values: vec![g.count as f64] })
                .collect()
        })
        .unwrap_or_default();
    let sums: Vec<Bar> = facet(GroupBy::Unit)
        .map(|f| {
            f.groups
                .iter()
                .filter_map(|g| g.sum.map(|s| Bar { label: g.key.clone(), values: vec![s] }))
                .collect()
        })
        .unwrap_or_default();
    html! {
        (bars("每年目标与成绩（条）", &["目标", "成绩"], &per_year))
        (bars("主要责任单位（条）", &["条数"], &owners))
        (bars("各单位数值合计", &["合计"], &sums))
    }
}

/// `GET /documents/{id}`: metadata, outline, the text with every target marked, records, table owners, audit.
pub async fn document_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let doc = match blocking(&state, move |s, _| Ok(documents::load(s.out.as_deref(), &id)?)).await
    {
        Ok(d) => d,
        Err(f) => return failure_page(&f),
    };
    let title = doc.meta.title.clone().unwrap_or_else(|| doc.source.path.clone());
    Html(layout(&title, document_body(&doc)).into_string()).into_response()
}

/// The cleaned text with targets as `<mark>` at their spans (overlapping ones
/// after the first are listed but not marked) and anchors at headings.
fn marked_text(doc: &Document) -> Markup {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    let mut spans: Vec<(usize, usize, &str)> = doc
        .targets
        .iter()
        .filter(|t| t.span.start < t.span.end && t.span.end <= n)
        .map(|t| (t.span.start, t.span.end, t.id.as_str()))
        .collect();
    spans.sort();
    let (pieces, rest) = cut_at(&chars, spans);
    html! {
        div.text #text {
            @for (plain, marked, id) in &pieces {
                (plain)
                mark.target #(format!("t-{id}")) data-target=(id) {
                    a href=(format!("#r-{id}")) { (marked) }
                }
            }
            (rest)
        }
    }
}

fn document_body(doc: &Document) -> Markup {
    let m = &doc.meta;
    html! {
        div.docpage {
            nav.outline {
                h2 { "文件信息" }
                dl #meta {
                    dt { "标题" } dd { (m.title.as_deref().unwrap_or("")) }
                    @if let Some(s) = &m.subtitle { dt { "副标题" } dd { (s) } }
                    dt { "发文机关" } dd { (m.issuers.join("、")) }
                    dt { "文号" } dd { (m.doc_number.as_deref().unwrap_or("")) }
                    dt { "成文日期" } dd { (m.dates.written.as_deref().unwrap_or("")) }
                    dt { "发布日期" } dd { (m.dates.published.as_deref().unwrap_or("")) }
                    dt { "规划期" } dd { @if let Some(p) = &m.plan_period { (p.start) "–" (p.end) } }
                    dt { "地区" } dd { (m.region.as_deref().unwrap_or("")) }
                    dt { "来源" } dd { (doc.source.path) }
                }
                h2 { "目录" }
                ul #outline {
                    @for s in &doc.sections {
                        li style=(format!("margin-left:{}em", s.level.saturating_sub(1))) {
                            (s.marker) (s.title)
                        }
                    }
                }
            }
            article { h1 { (m.title.as_deref().unwrap_or("")) } (marked_text(doc)) }
            aside {
                h2 { "目标 (" (doc.targets.len()) ")" }
                ol #targets {
                    @for t in &doc.targets {
                        li { details #(format!("r-{}", t.id)) {
                            summary { a href=(format!("#t-{}", t.id)) { (num(t.value)) (t.unit) " " (t.subject) } }
                            table.record {
                                tr { th { "类型" } td { (kind_label(&format!("{:?}", t.kind).to_lowercase())) } }
                                tr { th { "比较" } td { (t.comparator) } }
                                tr { th { "年份" } td { (t.year.map(|y| y.to_string()).unwrap_or_default()) } }
                                tr { th { "责任单位" } td { (t.owners.join("、")) } }
                                tr { th { "章节" } td { (t.section.join(" > ")) } }
                                tr { th { "原文" } td { (t.quote) } }
                            }
                        } }
                    }
                }
                h2 { "任务表责任单位" }
                @if doc.tables.is_empty() { p { "无任务表" } }
                @for table in &doc.tables {
                    table.task {
                        @for row in &table.rows { tr { td { (row.work) } td { (row.owners.join("、")) } } }
                    }
                }
                details #audit {
                    summary { "清理删除的内容 (" (doc.dropped.len()) ")" }
                    table #dropped {
                        @for d in &doc.dropped { tr { td { (drop_label(d.kind)) } td { (d.text) } } }
                    }
                }
            }
        }
        script src="/static/zhengce.js" {}
    }
}

/// What cleaning dropped, named for a reader.
fn drop_label(kind: zhengce_extract::model::DropKind) -> &'static str {
    use zhengce_extract::model::DropKind as K;
    match kind {
        K::SiteChrome => "网站栏目",
        K::PageInfo => "页面信息",
        K::MetadataBlock => "元数据块",
        K::ShareHeader => "文库分享头",
        K::PageMarker => "页码",
        K::Redaction => "（略）",
        K::LinkResidue => "链接残留",
        K::RepeatedBody => "重复正文",
        K::RepeatedTitle => "重复标题",
        K::DocxAside => "页眉页脚批注",
        K::ControlChars => "控制字符",
        K::PageChrome => "网页框架",
        K::Script => "脚本",
        K::Style => "样式",
        K::Template => "模板指令",
    }
}

/// The pages' one script (served from here: the pages allow no inline
/// script): clicking a target, in the text or the list, opens its record.
const SCRIPT: &str = "document.querySelectorAll('#targets a, #text a').forEach(function (a) {
  a.addEventListener('click', function () {
    var d = document.getElementById('r-' + a.getAttribute('href').slice(3));
    if (d) { d.open = true; }
  });
});
";

/// `GET /static/zhengce.js`.
pub async fn script() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

/// Status for a page error (tests and the CLI use it).
pub fn status_of(f: &Failure) -> StatusCode {
    f.status()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_at_spans_leaving_out_overlaps_and_stopping_at_the_end() {
        let chars: Vec<char> = "新增市新锐教师2000名".chars().collect();
        // 新锐教师 [3, 7), 教师 [5, 7) inside it (left out), 2000名 [7, 20) past the end.
        let (pieces, rest) = cut_at(&chars, [(3, 7, "a"), (5, 7, "b"), (7, 20, "c")]);
        let want = [
            ("新增市".to_string(), "新锐教师".to_string(), "a"),
            (String::new(), "2000名".to_string(), "c"),
        ];
        assert_eq!(pieces, want);
        assert_eq!(rest, "");
        let (pieces, rest) = cut_at(&chars, [(0, 2, ())]);
        assert_eq!(pieces, [("".to_string(), "新增".to_string(), ())]);
        assert_eq!(rest, "市新锐教师2000名");
        let (pieces, rest) = cut_at(&chars, std::iter::empty::<(usize, usize, ())>());
        assert!(pieces.is_empty());
        assert_eq!(rest, "新增市新锐教师2000名");
    }
}
