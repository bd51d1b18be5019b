//! Property tests of the invariants of ARCHITECTURE.md over generated inputs:
//! spans index the cleaned text, quotes are the text at their spans, cleaning
//! drops nothing without recording it, dropped stretches quote the source, and
//! the same bytes give the same JSON.
//!
//! Inputs mix random Unicode with policy-like fragments cut from the sample
//! corpus and the constructs cleaning and structure care about (markers,
//! quantities with units, `(略)`, `点击查看>>`, page-marker lines, site chrome,
//! metadata lines, blank lines, full-width digits, odd white space).

use std::sync::LazyLock;

use proptest::prelude::*;
use zhengce_extract::clean::fold_char;
use zhengce_extract::model::{self, Document};
use zhengce_extract::{Config, ErrorKind, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));
/// A second extractor, so that no state carried inside one can hide a difference.
static EXTRACTOR_2: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

/// Sentences and lines of the corpus, short enough to mix.
static CORPUS_PIECES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut pieces = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for p in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(&p).unwrap();
        for line in text.lines() {
            for s in line.split_inclusive('。') {
                let s = s.trim();
                if !s.is_empty() && s.chars().count() <= 80 {
                    pieces.push(s.to_string());
                }
            }
        }
    }
    pieces.sort();
    pieces.dedup();
    pieces
});

const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "十二、",
    "(一)",
    "（二）",
    "()",
    "1.",
    "2.",
    "1 .",
    "5,",
    "(1)",
    "（2）",
    "①",
    "②",
    "第一章",
    "第五节",
    "第三条",
    "附件1",
    "１．",
];

const FRAGMENTS: &[&str] = &[
    "20所以上",
    "到2025年，新增市新锐教师2000名",
    "比例达100%",
    "不少于3.5亿元",
    "达到95%以上",
    "(略)",
    "（略）",
    " (略) ",
    "点击查看>>",
    "点击查看》",
    "２０２５年",
    "ＣＩＯ",
    "\u{3000}",
    "\u{a0}",
    "\t",
    "  ",
    "相关推荐",
    "首页",
    "字体【",
    "预留广告位",
    "分类:工作要点 日期:2022-11-05 22:55人气:加载中...",
    "发布日期:2018-05-31 16:50 访问次数: 来源:区教育局",
    "• 文件编号:温瓯教发〔2018〕120号",
    "• 成文日期:2018-05-31",
    "《规划.docx》由会员分享,可在线阅读,更多相关《规划.docx》请在课桌文档上搜索。",
    "牵头单位:基教处",
    "责任单位:市教育局、各县(市、区)教育局",
    "2018523",
    "2021420日印发",
    "三年行动计划2018-2020年)",
    "智能+”示范专业",
    "一千五百",
    "两成",
    "“",
    "》",
    "。",
    "，",
    "；",
    "\u{feff}",
    "\u{200b}",
    "\u{1}",
    "\u{7f}",
    "\r",
    "\u{fffd}",
];

/// One piece of a generated document.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(CORPUS_PIECES.clone()),
        2 => prop::sample::select(MARKERS).prop_map(String::from),
        3 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        // A page-marker line: `12、` starting a line.
        1 => (1u32..60).prop_map(|n| format!("\n{n}、")),
        2 => Just("\n".to_string()),
        1 => Just("\n\n\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => (0u32..100_000).prop_map(|n| n.to_string()),
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => "\\PC{1,12}",
    ]
}

/// A policy-like document: 1 to 60 pieces.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..60).prop_map(|v| v.concat())
}

/// A document made of consecutive runs of page-marker lines and repeated bodies.
fn structured_document() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 4..20), 1usize..4, 1u32..30).prop_map(
        |(body, copies, first)| {
            let body = body.concat();
            let mut s = String::from("标题标题标题标题\n标题标题标题标题\n");
            for _ in 0..copies {
                s.push_str(&body);
                s.push('\n');
            }
            // A run of page markers cutting sentences.
            for (k, line) in body.split('\n').enumerate() {
                s.push_str(&format!("{}、{line}\n", first + k as u32));
            }
            s
        },
    )
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn at(text: &[char], start: usize, end: usize) -> String {
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} outside a text of {} chars",
        text.len()
    );
    text[start..end].iter().collect()
}

/// Extracts `src`; a refused input is fine only for the reasons that say there is no document.
fn extract(src: &str) -> Option<Document> {
    match EXTRACTOR.extract(src.as_bytes(), "prop.txt") {
        Ok(d) => Some(d),
        Err(e) => {
            assert!(
                matches!(
                    e.kind,
                    ErrorKind::Empty
                        | ErrorKind::NoText
                        | ErrorKind::Binary { .. }
                        // Text that starts like a web page (`<P>`) is read as one.
                        | ErrorKind::NoDocumentOnPage
                ),
                "unexpected error: {e}"
            );
            None
        }
    }
}

/// The invariants of ARCHITECTURE.md, on one document from the text `src`.
fn check_invariants(src: &str, doc: &Document) {
    let text = chars(&doc.text);
    // Spans index the text; quotes are the text at their spans.
    for s in &doc.sections {
        let shown = at(&text, s.span.start, s.span.end);
        assert!(
            shown.contains(&s.title),
            "section {}: `{shown}` lacks its title `{}`",
            s.id,
            s.title
        );
    }
    for i in &doc.items {
        assert_eq!(at(&text, i.span.start, i.span.end), i.text, "item {}", i.id);
    }
    for t in &doc.tables {
        at(&text, t.span.start, t.span.end);
        for r in &t.rows {
            let shown = at(&text, r.span.start, r.span.end);
            assert!(shown.contains(&r.work), "table row: `{shown}` lacks `{}`", r.work);
        }
    }
    for t in &doc.targets {
        assert_eq!(at(&text, t.span.start, t.span.end), t.quote, "target {}", t.id);
        assert!(t.sentence.contains(&t.quote), "target {}: sentence lacks quote", t.id);
    }

    // Dropped stretches quote the decoded source.
    let source = src.strip_prefix('\u{feff}').unwrap_or(src); // a BOM is not source text
    let source = chars(source);
    let mut in_drop = vec![false; source.len()];
    for d in &doc.dropped {
        assert_eq!(at(&source, d.span.start, d.span.end), d.text, "dropped {:?}", d.kind);
        in_drop[d.span.start..d.span.end].iter_mut().for_each(|b| *b = true);
    }

    // Nothing is dropped silently: the non-white-space source characters outside
    // dropped spans, width-folded, appear in order in the cleaned text.
    let mut k = 0; // next position in `text`
    for (p, &c) in source.iter().enumerate() {
        if in_drop[p] {
            continue;
        }
        let c = fold_char(c);
        if c.is_whitespace() {
            continue;
        }
        match text[k..].iter().position(|&t| t == c) {
            Some(off) => k += off + 1,
            None => {
                let ctx: String =
                    source[p.saturating_sub(10)..(p + 10).min(source.len())].iter().collect();
                panic!("source char {c:?} at {p} (in `{ctx}`) is neither in the text nor dropped");
            }
        }
    }
}

/// 96 cases from a fixed seed, so that the same tree gets the same verdict
/// (a CI run once failed on a case no earlier run had drawn). Set
/// `PROPTEST_RNG_SEED` (a number) and `PROPTEST_CASES` to search further; a
/// case found that way goes into `tests/fixtures/regressions/`.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig { failure_persistence: None, ..ProptestConfig::default() };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 96;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x7a68_656e_6763_6531);
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn invariants_hold_on_policy_like_text(src in document()) {
        if let Some(doc) = extract(&src) {
            check_invariants(&src, &doc);
        }
    }

    #[test]
    fn invariants_hold_on_page_markers_and_repeated_bodies(src in structured_document()) {
        if let Some(doc) = extract(&src) {
            check_invariants(&src, &doc);
        }
    }

    #[test]
    fn invariants_hold_on_random_unicode(src in any::<String>()) {
        if let Some(doc) = extract(&src) {
            check_invariants(&src, &doc);
        }
    }

    #[test]
    fn the_same_bytes_give_the_same_json(src in document()) {
        let a = EXTRACTOR.extract(src.as_bytes(), "prop.txt").ok().map(|d| model::to_json(&d));
        let b = EXTRACTOR_2.extract(src.as_bytes(), "prop.txt").ok().map(|d| model::to_json(&d));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for name in ["prop.txt", "prop.docx"] {
            let _ = EXTRACTOR.extract(&bytes, name);
        }
    }
}
