//! The sample corpus, end to end through the library: heading trees, metadata,
//! dropped noise and the task table, with expectations written by reading the
//! documents; golden JSON, schema validity, determinism and encodings.
//!
//! Golden files (`corpus/expected/*.json`) and the committed schema are
//! rewritten with `ZHENGCE_BLESS=1 cargo test`; review the diff before committing.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use zhengce_extract::model::{self, Document, DropKind};
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bless() -> bool {
    std::env::var("ZHENGCE_BLESS").is_ok_and(|v| v == "1")
}

const STEMS: [&str; 5] = [
    "000_448e06abcfbe1948",
    "001_e986118b87bfc201",
    "002_d8b7d3eb7f9ecd3f",
    "003_1e80aac524cde05d",
    "004_2dc12a55133938f1",
];

fn extract_file(path: &Path, name: &str) -> Document {
    let bytes = std::fs::read(path).unwrap();
    EXTRACTOR.extract(&bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

fn doc(stem: &str) -> Document {
    extract_file(&root().join(format!("corpus/{stem}.txt")), &format!("corpus/{stem}.txt"))
}

/// `(level, marker + title)` of every heading.
fn headings(d: &Document) -> Vec<(u8, String)> {
    d.sections.iter().map(|s| (s.level, format!("{}{}", s.marker, s.title))).collect()
}

fn expect_headings(stem: &str, want: &[(u8, &str)]) {
    let got = headings(&doc(stem));
    let want: Vec<(u8, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(got, want, "{stem}");
}

#[test]
fn headings_000_work_plan_with_appendices() {
    expect_headings(
        "000_448e06abcfbe1948",
        &[
            (1, "一、未来学校建设行动"),
            (1, "二、未来学生培育行动"),
            (1, "三、未来课堂变革行动"),
            (1, "四、未来教师培养行动"),
            (1, "五、未来社区服务行动"),
            (1, "六、未来教育专业引领与品牌宣传"),
            (1, "附件1温州未来教育体系建设2021年工作行事历"),
            (1, "附件22021年度未来教育重点研究课题"),
        ],
    );
}

#[test]
fn headings_001_fragment_starting_below_a_chapter() {
    // The fragment opens inside a chapter: 第四节 stands at the top until 第五章 comes.
    expect_headings(
        "001_e986118b87bfc201",
        &[
            (1, "第四节完善教育督导制度"),
            (1, "第五节推进教育数字治理"),
            (1, "第五章重构教育链条 构建美好课程"),
            (2, "第一节将立德树人贯穿教育全过程"),
            (2, "第二节建设“瓯海四季”德育品牌"),
            (2, "第三节探索劳动实践教育创新途径"),
            (2, "第四节加强改进体育美育体系构建"),
        ],
    );
}

#[test]
fn headings_002_run_together_lines() {
    // The sharing site lost the line breaks: every heading below stands inside a line.
    expect_headings(
        "002_d8b7d3eb7f9ecd3f",
        &[
            (1, "一、“十三五”发展成效回顾"),
            (1, "二、“十四五”发展思路"),
            (2, "(一)机遇挑战"),
            (2, "(二)指导思想"),
            (2, "(三)发展目标"),
            (1, "三、“十四五”发展重点任务"),
            (2, "(一)教育高质量发展“砥砺行动”"),
            (3, "1 .实施“举旗定向”教育党建领航行动"),
            (3, "2 .实施“区块多链”教育资源优化行动"),
            (3, "3 .实施“分级协同”教育治理提升行动"),
            (3, "4 .实施“五育并举”素质教育强基行动"),
            (3, "5,实施“树优创名”校本提升行动"),
            (3, "6.实施“固本培优”人才兴教行动"),
            (3, "7 .实施“智慧校园”信息化创新行动"),
            (3, "8 .实施“研训一体”教科研提质行动"),
            (3, "9 .实施“领跑时代”教育品牌创享行动"),
            (3, "10 .实施“连心惠民”教育品质服务行动"),
            (2, "(二)教育高质量发展鼎新工程”"),
            (3, "1.基于大数据的区域教育治理提升工程"),
            (3, "2 .依托区域资源的国家研学品牌建设工程"),
            (3, "3 .助力段湖新城建设的未来学校示范工程"),
            (3, "4 .服务滨湖教育生态发展的智库引领工程"),
        ],
    );
}

#[test]
fn headings_003_damaged_markers() {
    // `()` lost its numeral; the items open with title sentences.
    expect_headings(
        "003_1e80aac524cde05d",
        &[
            (1, "一、指导思想"),
            (1, "二、行动目标"),
            (1, "三、主要任务"),
            (2, "()课程品质优化行动"),
            (3, "1.学校课程领导力提升项目"),
            (3, "2.主题式精品课程建设项目"),
            (2, "()课堂教学优化行动"),
            (3, "1.教学新常规优化项目"),
            (3, "2.“问题化学习课堂变革项目"),
            (2, "()师生素养优化行动"),
            (3, "1.“爱阅读行动项目"),
            (3, "2.教师专业素养提升项目"),
            (2, "()质量评价优化行动"),
            (3, "1.“增值评价导向的质量监控项目"),
            (3, "2.“核心素养指向的命题研修项目"),
            (2, "()研修机制优化行动"),
            (3, "1.学科教研组建设项目"),
            (3, "2.基于校本的OTO研修模式项目"),
            (1, "四、实施保障"),
            (2, "()建立区校联动制度"),
            (2, "()建立健全专业支持体系"),
            (2, "()建立专项督导奖励制度"),
        ],
    );
}

#[test]
fn headings_004_repeated_body_counted_once() {
    let d = doc("004_2dc12a55133938f1");
    let h = headings(&d);
    assert_eq!(h.len(), 22, "{h:?}");
    assert_eq!(h[0], (1, "一、指导思想".to_string()));
    assert_eq!(h[3], (2, "(一)卓越教师锻造计划".to_string()));
    assert_eq!(h[17], (2, "(十三)锻造研究型".to_string()));
    assert_eq!(h[18], (1, "六、保障措施".to_string()));
    assert_eq!(h[21], (2, "(三)加大投入".to_string()));
    // Numbers of the damaged and the two-character markers.
    let s = &d.sections[15];
    assert_eq!((s.family.as_str(), s.number), ("cn_paren", Some(11)));
}

#[test]
fn section_spans_index_the_text() {
    for stem in STEMS {
        let d = doc(stem);
        let chars: Vec<char> = d.text.chars().collect();
        for s in &d.sections {
            let shown: String = chars[s.span.start..s.span.end].iter().collect();
            assert!(shown.contains(&s.title), "{stem}: {shown} / {}", s.title);
        }
        for i in &d.items {
            let shown: String = chars[i.span.start..i.span.end].iter().collect();
            assert_eq!(shown, i.text, "{stem}");
        }
        for t in &d.targets {
            let shown: String = chars[t.span.start..t.span.end].iter().collect();
            assert_eq!(shown, t.quote, "{stem}");
        }
    }
}

#[test]
fn metadata_as_the_documents_state_it() {
    let m = doc("000_448e06abcfbe1948").meta;
    assert_eq!(m.title.as_deref(), Some("温州“未来教育”体系建设2021年工作要点"));
    assert_eq!(m.issuers, ["温州市教育局办公室"]);
    assert_eq!(m.dates.published.as_deref(), Some("2021-04-20")); // `2021420日印发`
    assert_eq!(m.plan_period, Some(model::Period { start: 2021, end: 2021 }));

    let m = doc("001_e986118b87bfc201").meta;
    assert_eq!(m.title, None); // a fragment
    assert_eq!(m.plan_period, Some(model::Period { start: 2021, end: 2025 })); // `“十四五”期间`

    let m = doc("002_d8b7d3eb7f9ecd3f").meta;
    assert_eq!(m.title.as_deref(), Some("滨湖区“十四五”教育事业高质量发展专项规划"));
    assert_eq!(m.plan_period, Some(model::Period { start: 2021, end: 2025 }));
    assert_eq!(m.region.as_deref(), Some("滨湖区"));

    let m = doc("003_1e80aac524cde05d").meta;
    assert_eq!(
        m.title.as_deref(),
        Some("温州市瓯海区教育局关于印发温州市瓯海区义务教育教学质量提升三年行动计划(2018-2020年)的通知")
    );
    assert_eq!(m.doc_number.as_deref(), Some("温瓯教发〔2018〕120号"));
    assert_eq!(m.index_number.as_deref(), Some("001008003012004/2018-02879"));
    assert_eq!(m.issuers, ["温州市瓯海区教育局"]);
    assert_eq!(m.dates.written.as_deref(), Some("2018-05-31"));
    assert_eq!(m.dates.published.as_deref(), Some("2018-05-31"));
    assert_eq!(m.plan_period, Some(model::Period { start: 2018, end: 2020 }));
    assert_eq!(m.region.as_deref(), Some("温州市瓯海区"));

    let m = doc("004_2dc12a55133938f1").meta;
    assert_eq!(m.title.as_deref(), Some("关于发布温州市瓯越教育人才培养第二轮行动计划的通知"));
    assert_eq!(m.dates.written.as_deref(), Some("2022-03-08"));
    assert_eq!(m.plan_period, Some(model::Period { start: 2022, end: 2025 }));
    assert_eq!(m.region.as_deref(), Some("温州市"));
}

fn drop_kinds(d: &Document) -> Vec<DropKind> {
    let mut k: Vec<DropKind> = d.dropped.iter().map(|x| x.kind).collect();
    k.sort();
    k.dedup();
    k
}

#[test]
fn dropped_noise_by_kind() {
    use DropKind::*;
    assert_eq!(drop_kinds(&doc("000_448e06abcfbe1948")), [SiteChrome, PageInfo, RepeatedTitle]);
    assert_eq!(drop_kinds(&doc("001_e986118b87bfc201")), []);
    assert_eq!(drop_kinds(&doc("002_d8b7d3eb7f9ecd3f")), [ShareHeader, PageMarker]);
    assert_eq!(drop_kinds(&doc("003_1e80aac524cde05d")), [PageInfo, MetadataBlock]);
    assert_eq!(
        drop_kinds(&doc("004_2dc12a55133938f1")),
        [SiteChrome, Redaction, LinkResidue, RepeatedBody, RepeatedTitle]
    );
    // 002: the page markers `1、` … `45、` are all dropped, and the cut sentence joined.
    let d = doc("002_d8b7d3eb7f9ecd3f");
    assert_eq!(d.dropped.iter().filter(|x| x.kind == PageMarker).count(), 45);
    assert!(d.text.contains("确保优质高中比例达100%"));
    // 004: the body is kept once.
    let d = doc("004_2dc12a55133938f1");
    assert_eq!(d.text.matches("新增市新锐教师2000名").count(), 2); // overall goal + its sub-plan
    assert!(!d.text.contains("(略)") && !d.text.contains("点击查看"));
}

#[test]
fn dropped_spans_quote_the_source() {
    for stem in STEMS {
        let src = std::fs::read_to_string(root().join(format!("corpus/{stem}.txt"))).unwrap();
        let chars: Vec<char> = src.chars().collect();
        for d in doc(stem).dropped {
            let s: String = chars[d.span.start..d.span.end].iter().collect();
            assert_eq!(s.trim_end_matches('\r'), d.text, "{stem}");
        }
    }
}

#[test]
fn task_table_of_000_read_back_into_rows() {
    let d = doc("000_448e06abcfbe1948");
    assert_eq!(d.tables.len(), 1);
    let t = &d.tables[0];
    assert_eq!(t.columns, ["月份", "工作内容", "牵头单位"]);
    assert_eq!(t.title.as_deref(), Some("温州未来教育体系建设2021年工作行事历"));
    let per_month: Vec<(String, usize)> = {
        let mut v: Vec<(String, usize)> = Vec::new();
        for r in &t.rows {
            let m = r.month.clone().unwrap();
            match v.last_mut() {
                Some((lm, n)) if *lm == m => *n += 1,
                _ => v.push((m, 1)),
            }
        }
        v
    };
    let want = [
        ("1-2月", 5),
        ("3月", 11),
        ("4月", 14),
        ("5月", 10),
        ("6月", 13),
        ("7月", 4),
        ("8月", 3),
        ("9月", 4),
        ("10月", 8),
        ("11月", 12),
        ("12月", 10),
    ];
    let want: Vec<(String, usize)> = want.iter().map(|(m, n)| (m.to_string(), *n)).collect();
    assert_eq!(per_month, want);
    let row = |work_prefix: &str| {
        t.rows
            .iter()
            .find(|r| r.work.starts_with(work_prefix))
            .unwrap_or_else(|| panic!("{work_prefix}"))
    };
    let check = |prefix: &str, month: &str, owners: &[&str], carried: bool| {
        let r = row(prefix);
        assert_eq!(r.month.as_deref(), Some(month), "{prefix}");
        assert_eq!(r.owners, owners, "{prefix}");
        assert_eq!(r.owners_carried, carried, "{prefix}");
    };
    check("完成学术高中培育学校申报工作", "1-2月", &["基教处"], false);
    check("研制老年人智能技术应用培训方案", "1-2月", &["职成教处"], true); // merged cell
    check("确定10所高品质幼儿园", "3月", &["学前指导中心"], false);
    check("组建温州市未来教育技术学院讲师团", "3月", &["技术中心"], true);
    check("修改完善温州市教育局高层次人才引进和奖励方法", "3月", &["人事处"], false);
    check("遴选市等级社区学校30所", "10月", &["职成教处"], true);
    check("评选优秀学校首席信息官(CIO)微团队3-5个", "12月", &["技术中心"], true);
    check("评选认定温州市核心价值观教育基地学校50所", "12月", &["教研院"], false);
    // Targets in a row take its owners and month.
    let q = d.targets.iter().find(|q| q.sentence.starts_with("确定10所")).unwrap();
    assert_eq!(q.owners, ["学前指导中心"]);
    assert_eq!(q.section, ["温州未来教育体系建设2021年工作行事历", "3月"]);
    assert_eq!(q.year, Some(2021));
}

#[test]
fn trailing_unit_in_brackets_owns_the_item() {
    let d = doc("000_448e06abcfbe1948");
    let i = d.items.iter().find(|i| i.text.contains("“五育”融合项目化学习模式研究")).unwrap();
    assert_eq!(i.owners, ["教研院"]);
    assert!(d.units.contains(&"基建中心".to_string()));
}

/// zhengce writes JSON with its own serializer (`json.rs`, for speed); the
/// bytes must stay serde_json's pretty printing, which readers may assume.
#[test]
fn outputs_are_byte_for_byte_serde_json_pretty() {
    for stem in STEMS {
        let d = doc(stem);
        let mut want = serde_json::to_string_pretty(&d).unwrap();
        want.push('\n');
        assert!(model::to_json(&d) == want, "{stem}: zhengce's JSON differs from serde_json's");
    }
}

#[test]
fn outputs_match_golden_json_and_are_deterministic() {
    let dir = root().join("corpus/expected");
    if bless() {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for stem in STEMS {
        let a = model::to_json(&doc(stem));
        let b = model::to_json(&doc(stem));
        assert_eq!(a, b, "{stem}: output is not deterministic");
        let path = dir.join(format!("{stem}.json"));
        if bless() {
            std::fs::write(&path, &a).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != a {
            let got_path = std::env::temp_dir().join(format!("{stem}.got.json"));
            std::fs::write(&got_path, &a).unwrap();
            panic!(
                "{stem}: output differs from {}; compare with `diff {} {}`, or run `zhengce diff`, \
                 and rewrite with ZHENGCE_BLESS=1 if the change is intended",
                path.display(),
                path.display(),
                got_path.display()
            );
        }
    }
}

#[test]
fn committed_schema_matches_the_model_and_validates_every_output() {
    let path = root().join("schemas/document.schema.json");
    let mut schema_text = serde_json::to_string_pretty(&model::schema()).unwrap();
    schema_text.push('\n');
    if bless() {
        std::fs::write(&path, &schema_text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, schema_text,
        "schemas/document.schema.json is stale: ZHENGCE_BLESS=1 cargo test"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for stem in STEMS {
        let v = serde_json::to_value(doc(stem)).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{stem}: {errors:?}");
    }
    // And the validator does reject a broken document.
    let mut bad = serde_json::to_value(doc(STEMS[1])).unwrap();
    bad["targets"] = serde_json::json!([{"value": "many"}]);
    assert!(!validator.is_valid(&bad));
}

#[test]
fn encodings_give_the_same_document() {
    let original = doc("004_2dc12a55133938f1");
    let dir = root().join("tests/fixtures/encodings");
    for (file, encoding) in [
        ("004.gbk.txt", "GB18030"),
        ("004.gb18030.txt", "GB18030"),
        ("004.utf16le-bom.txt", "UTF-16LE"),
        ("004.utf16be-bom.txt", "UTF-16BE"),
        ("004.utf16le-nobom.txt", "UTF-16LE"),
        ("004.utf8-bom.txt", "UTF-8"),
    ] {
        let d = extract_file(&dir.join(file), "corpus/004_2dc12a55133938f1.txt");
        assert_eq!(d.source.encoding.as_deref(), Some(encoding), "{file}");
        let strip = |mut d: Document| {
            d.source = original.source.clone();
            d.diagnostics.clear();
            d
        };
        let (a, b) = (strip(d), strip(original.clone()));
        assert_eq!(a.text, b.text, "{file}");
        assert_eq!(a.sections, b.sections, "{file}");
        assert_eq!(a.targets, b.targets, "{file}");
        assert_eq!(a.meta, b.meta, "{file}");
    }
}
