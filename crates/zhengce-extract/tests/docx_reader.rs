//! The .docx reader against real files made by pandoc, LibreOffice and
//! python-docx (`tests/fixtures/docx/make_fixtures.sh`), and against hostile
//! archives built here at test time.
//!
//! Every expectation below was written by hand from what the fixture's source
//! says Word shows (markers included), not copied from the reader's output.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use zhengce_extract::docx::{self, DocxError, DocxLimits};
use zhengce_extract::model::DropKind;
use zhengce_extract::raw::{Block, RawDocument, RawTable};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx").join(name)
}

fn read_fixture(name: &str) -> RawDocument {
    let bytes = std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let doc = docx::read(&bytes, &DocxLimits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_offsets(&doc);
    doc
}

/// Every block and cell start indexes its text in the source text (in characters).
fn check_offsets(doc: &RawDocument) {
    let chars: Vec<char> = doc.source_text.chars().collect();
    let at = |start: usize, text: &str| -> String {
        chars[start..(start + text.chars().count()).min(chars.len())].iter().collect()
    };
    for block in &doc.blocks {
        match block {
            Block::Para(p) => assert_eq!(at(p.start, &p.text), p.text, "paragraph offset"),
            Block::Table(t) => {
                for cell in t.rows.iter().flatten() {
                    assert_eq!(at(cell.start, &cell.text), cell.text, "cell offset");
                }
            }
        }
    }
    for d in &doc.dropped {
        assert!(d.span.start <= d.span.end && d.span.end <= chars.len(), "dropped span in bounds");
    }
}

/// The non-empty paragraphs: (text, heading level).
fn paras(doc: &RawDocument) -> Vec<(&str, Option<u8>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) if !p.text.trim().is_empty() => Some((p.text.as_str(), p.heading_level)),
            _ => None,
        })
        .collect()
}

fn tables(doc: &RawDocument) -> Vec<&RawTable> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A table as strings: plain text, `^text` for a continuation of the cell
/// above, `<text` for a column covered by the cell to the left.
fn grid(t: &RawTable) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match (c.merged_from_above, c.merged_from_left) {
                    (_, true) => format!("<{}", c.text),
                    (true, false) => format!("^{}", c.text),
                    (false, false) => c.text.clone(),
                })
                .collect()
        })
        .collect()
}

fn g(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

fn asides(doc: &RawDocument) -> Vec<&str> {
    doc.dropped.iter().filter(|d| d.kind == DropKind::DocxAside).map(|d| d.text.as_str()).collect()
}

// ---------------------------------------------------------------------------
// Fixtures made by real software.

#[test]
fn pandoc_headings_list_and_table() {
    let doc = read_fixture("pandoc_plan.docx");
    let p = paras(&doc);
    let body: Vec<_> = p.iter().skip_while(|(t, _)| !t.starts_with("一、")).cloned().collect();
    assert_eq!(
        body,
        vec![
            ("一、指导思想", Some(1)),
            ("以习近平新时代中国特色社会主义思想为指导，深入贯彻党的教育方针。", None),
            ("二、总体目标", Some(1)),
            ("（一）卓越教师锻造计划", Some(2)),
            ("到2025年，培养卓越教师20名左右。", None),
            ("1.制定出台培养方案。", None),
            ("2.建立导师制度。", None),
            ("实施步骤", Some(3)),
        ]
    );
    assert_eq!(
        p[0],
        ("温州市瓯越教育人才培养第二轮行动计划", None),
        "the title block is not an outline heading"
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(grid(t[0]), g(&[&["阶段", "时间"], &["启动", "2022年"], &["推进", "2023-2024年"]]));
    assert_eq!(doc.props.title.as_deref(), Some("温州市瓯越教育人才培养第二轮行动计划"));
    assert_eq!(doc.props.creator.as_deref(), Some("温州市教育局"));
}

#[test]
fn libreoffice_chinese_multilevel_list_and_spanned_table() {
    let doc = read_fixture("lo_lists.docx");
    assert_eq!(
        paras(&doc),
        vec![
            ("温州未来教育体系建设2021年工作要点", Some(1)),
            ("一、未来学校建设行动", None),
            ("（一）卓越教师锻造计划", None),
            ("1.制定出台未来教育创新区、窗口校创建指导意见。", None),
            ("2.出台教育设施布局规划编制导则。", None),
            ("①成立领导小组；", None),
            ("②完成专项规划修编。", None),
            ("（二）省级名师培养计划", None),
            ("1.争创省现代化学校55所以上。", None),
            ("二、未来学生培育行动", None),
            ("附件1", None),
        ]
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid(t[0]),
        g(&[
            &["月份", "工作内容", "牵头单位"],
            &["3月", "制定普高特色学校、特色项目(学科)基地申报培育方案", "基教处"],
            &["^3月", "完善学校课后托管服务政策", "^基教处"],
            &["以上工作按月推进", "<以上工作按月推进", "<以上工作按月推进"],
        ])
    );
    assert_eq!(doc.props.title.as_deref(), Some("温州未来教育体系建设2021年工作要点"));
}

#[test]
fn python_docx_injected_numbering() {
    let doc = read_fixture("pydocx_numbering.docx");
    assert_eq!(
        paras(&doc),
        vec![
            ("瓯越教育人才培养第二轮行动计划", None),
            ("一、指导思想", Some(1)),
            ("以习近平新时代中国特色社会主义思想为指导。", None),
            ("二、总体目标", Some(1)),
            ("（一）卓越教师锻造计划", None),
            ("1.遴选培养对象20名左右。", None),
            ("2.建立导师制度。", None),
            ("①开展高端研修；", None),
            ("②组织成果展示。", None),
            ("（二）省级名师培养计划", None),
            ("1.培养省级名师10名。", None),
            ("三、保障措施", None),
            // A style named `标题 2` (styleId a5), and a paragraph-level outlineLvl 2.
            ("组织领导", Some(2)),
            ("经费保障", Some(3)),
            // Bullets render no marker.
            ("要点一", None),
            ("要点二", None),
            ("甲、甲项工作", None),
            ("A)分项", None),
            ("B)分项", None),
            ("乙、乙项工作", None),
            // A second w:num over the same list with startOverride 3.
            ("丙、丙项工作（重新起编号）", None),
            // chineseCountingThousand from 11, lvlText 第%1章, suffix space.
            ("第十一章 附则", None),
        ]
    );
}

#[test]
fn seed_000_calendar_table_with_merged_lead_units() {
    let doc = read_fixture("pydocx_calendar.docx");
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid(t[0]),
        g(&[
            &["月份", "工作内容", "牵头单位"],
            &["1-2月", "完成学术高中培育学校申报工作", "基教处"],
            &["^1-2月", "确定省现代化学校创建名单", "督导处"],
            &["^1-2月", "启动中小学教师信息技术应用能力提升工程2.0项目", "技术中心"],
            &["^1-2月", "统计预估未来社区公办幼儿园所数、学位", "职成教处"],
            &["^1-2月", "研制老年人智能技术应用培训方案", "^职成教处"],
            &["3月", "制定普高特色学校、特色项目(学科)基地申报培育方案", "基教处"],
            &["^3月", "完善学校课后托管服务政策", "^基教处"],
            &["^3月", "确定10所高品质幼儿园(未来幼儿园)名单", "学前指导中心"],
            &["^3月", "开展2021人工智能教育试点校创建申报", "技术中心"],
            &["^3月", "开展全市第二十二届学生信息素养提升实践活动", "^技术中心"],
            &["^3月", "组建温州市未来教育技术学院讲师团", "^技术中心"],
            &["^3月", "修改完善温州市教育局高层次人才引进和奖励方法", "人事处"],
            &["以上工作按月推进", "<以上工作按月推进", "<以上工作按月推进"],
        ])
    );
    // The source text reads like the flattened table of seed 000: one line a
    // cell, merged cells (the unit left out) adding no line.
    let expected = "附件1\n温州未来教育体系建设2021年工作行事历\n月份\n工作内容\n牵头单位\n\
        1-2月\n完成学术高中培育学校申报工作\n基教处\n确定省现代化学校创建名单\n督导处\n\
        启动中小学教师信息技术应用能力提升工程2.0项目\n技术中心\n统计预估未来社区公办幼儿园所数、学位\n职成教处\n\
        研制老年人智能技术应用培训方案\n\
        3月\n制定普高特色学校、特色项目(学科)基地申报培育方案\n基教处\n完善学校课后托管服务政策\n\
        确定10所高品质幼儿园(未来幼儿园)名单\n学前指导中心\n开展2021人工智能教育试点校创建申报\n技术中心\n\
        开展全市第二十二届学生信息素养提升实践活动\n组建温州市未来教育技术学院讲师团\n\
        修改完善温州市教育局高层次人才引进和奖励方法\n人事处\n以上工作按月推进\n附件2\n";
    assert_eq!(doc.source_text, expected);
    // A continuation cell points at the text of the cell it continues.
    let unit = &t[0].rows[5][2];
    assert_eq!(unit.start, t[0].rows[4][2].start);
}

#[test]
fn revisions_fields_textbox_comment_nested_table() {
    let doc = read_fixture("pydocx_revisions.docx");
    assert_eq!(
        paras(&doc),
        vec![
            ("修订测试", Some(1)),
            ("到2025年，培养50名卓越教师。", None),
            ("保留的文字", None),
            ("旧位置的文字", None),
            ("共3页，见附件1", None),
            ("详见温州市教育局网站。", None),
            ("正文段落", None),
            ("文本框中的说明", None),
            ("温州市教育局", None),
            ("目标≥90%\t编号A-01\n第二行完", None),
            ("加强教师队伍建设", None),
            ("结束", None),
        ]
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 1, "the nested table is read into its cell");
    assert_eq!(grid(t[0]), g(&[&["外层单元格", "内表前 甲 乙 丙 丁 内表后"]]));
    assert_eq!(
        asides(&doc),
        vec!["温州市教育局文件", "30", "旧位置的文字", "请补充具体指标", "第1页"]
    );
    // Deleted text is reported where it stood: after "到2025年，培养".
    let deleted = doc.dropped.iter().find(|d| d.text == "30").unwrap();
    let para_start =
        doc.source_text.find("到2025年").map(|b| doc.source_text[..b].chars().count()).unwrap();
    assert_eq!(deleted.span.start, para_start + "到2025年，培养".chars().count());
    assert_eq!(deleted.span.start, deleted.span.end);
    let footer = doc.dropped.last().unwrap();
    assert_eq!(footer.span.start, doc.source_text.chars().count(), "footers sit at the end");
    assert!(!doc.source_text.contains("NUMPAGES"), "field instructions are not text");
    assert!(!doc.source_text.contains("隐藏文字"), "hidden text is not shown");
}

#[test]
fn seed_004_headings_numbered_through_heading_styles() {
    let doc = read_fixture("seed004_outline.docx");
    assert_eq!(
        paras(&doc),
        vec![
            ("温州市瓯越教育人才培养第二轮行动计划", None),
            ("(2022-2025年)", None),
            ("一、指导思想", Some(1)),
            ("以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大及十九届历次全会精神，坚定实施科教兴国战略、人才强国战略。", None),
            ("二、总体目标", Some(1)),
            ("实施教育人才“提升、强基、赋能”三大工程，打造一支师德师风高尚、教育理念先进、专业能力突出的中小学(幼儿园)教育人才队伍。", None),
            ("三、大力实施瓯越教育人才提升工程", Some(1)),
            ("（一）卓越教师锻造计划", Some(2)),
            ("面向全市遴选培养卓越教师20名左右。", None),
            ("（二）省级名师培养计划", Some(2)),
            ("培养省级名师培养对象50名左右。", None),
            ("（三）市级名师培养计划", Some(2)),
            ("（四）教坛新秀培养计划", Some(2)),
            ("（五）新锐教师培养计划", Some(2)),
            ("四、全面推进瓯越教育人才强基工程", Some(1)),
            // lvlRestart 0: the second level runs on across chapters, as in seed 004.
            ("（六）校本研修筑基计划", Some(2)),
            ("要充分发挥教师专业成长的主阵地作用。", None),
        ]
    );
    assert_eq!(doc.props.title.as_deref(), Some("温州市瓯越教育人才培养第二轮行动计划"));
    assert_eq!(doc.props.created.as_deref(), Some("2021-03-01T08:00:00Z"));
}

#[test]
fn every_fixture_reads_and_offsets_hold() {
    for entry in std::fs::read_dir(fixture_path("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "docx") {
            let doc = read_fixture(path.file_name().unwrap().to_str().unwrap());
            assert!(!doc.blocks.is_empty(), "{}", path.display());
            assert!(doc.warnings.is_empty(), "{}: {:?}", path.display(), doc.warnings);
        }
    }
}

// ---------------------------------------------------------------------------
// Hand-written document.xml, for what the generators cannot write.

/// A minimal package around a document.xml body (and optional extra parts).
fn package(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    );
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    for (name, content) in extra {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn read_xml(body: &str) -> RawDocument {
    let doc = docx::read(&package(body, &[]), &DocxLimits::default()).unwrap();
    check_offsets(&doc);
    doc
}

#[test]
fn alternate_content_takes_one_branch() {
    let doc = read_xml(
        r#"<w:p><w:r><w:t>前</w:t></w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>选择</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>备选</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>后</w:t></w:r></w:p>"#,
    );
    assert_eq!(paras(&doc), vec![("前选择后", None)]);
}

#[test]
fn nested_fields_show_only_the_outer_result() {
    let doc = read_xml(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:r><w:instrText> = 2 "yes"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>yes</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
    );
    assert_eq!(paras(&doc), vec![("yes", None)]);
}

#[test]
fn grid_span_and_vertical_merge_together() {
    let doc = read_xml(
        r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>丙</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>丁</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>戊</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    );
    let t = tables(&doc);
    assert_eq!(grid(t[0]), g(&[&["甲", "<甲", "乙"], &["^甲", "<甲", "丙 丁 戊"]]));
    assert_eq!(doc.source_text, "甲\n乙\n丙 丁 戊\n");
}

#[test]
fn grid_before_keeps_columns_aligned_for_vertical_merges() {
    let doc = read_xml(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>月份</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>教研院</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#,
    );
    let t = tables(&doc);
    assert_eq!(grid(t[0]), g(&[&["月份", "教研院"], &["", "^教研院"]]));
    assert_eq!(doc.source_text, "月份\n教研院\n");
}

#[test]
fn deleted_paragraph_properties_and_old_styles_are_ignored() {
    // The pPrChange holds the paragraph's old style (Heading1): not used.
    let doc = read_xml(
        r#"<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>"#,
    );
    assert_eq!(paras(&doc), vec![("正文", None)]);
}

#[test]
fn entities_and_character_references() {
    let doc = read_xml(r#"<w:p><w:r><w:t>A&amp;B &lt;&#x4E00;&#20108;&gt;</w:t></w:r></w:p>"#);
    assert_eq!(paras(&doc), vec![("A&B <一二>", None)]);
}

#[test]
fn main_part_found_through_relationships() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
    let main = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>主文档</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = package(
        r#"<w:p><w:r><w:t>不是这个</w:t></w:r></w:p>"#,
        &[("_rels/.rels", rels), ("word/main.xml", main)],
    );
    let doc = docx::read(&bytes, &DocxLimits::default()).unwrap();
    assert_eq!(paras(&doc), vec![("主文档", None)]);
}

// ---------------------------------------------------------------------------
// Safety: each hostile input is a clear error, within bounded memory and time.

fn err(bytes: &[u8], limits: &DocxLimits) -> DocxError {
    match docx::read(bytes, limits) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

#[test]
fn not_a_zip() {
    let e = err("一、总体目标\n".as_bytes(), &DocxLimits::default());
    assert!(matches!(e, DocxError::NotZip { .. }), "{e}");
    assert!(e.to_string().contains("not a zip archive"), "{e}");
}

#[test]
fn truncated_zip() {
    let bytes = std::fs::read(fixture_path("pydocx_calendar.docx")).unwrap();
    let e = err(&bytes[..bytes.len() / 2], &DocxLimits::default());
    assert!(matches!(e, DocxError::NotZip { .. }), "{e}");
}

#[test]
fn encrypted_docx_is_an_ole_file() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0u8, 504));
    let e = err(&bytes, &DocxLimits::default());
    assert!(matches!(e, DocxError::Encrypted), "{e}");
    assert!(e.to_string().contains("password"), "{e}");
}

#[test]
fn zip_without_document_part() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let e = err(&bytes, &DocxLimits::default());
    assert!(matches!(e, DocxError::MissingDocument { .. }), "{e}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn malformed_document_names_part_and_position() {
    let bytes = package(r#"<w:p><w:r><w:t>一</w:t></w:r></w:q>"#, &[]);
    let e = err(&bytes, &DocxLimits::default());
    match &e {
        DocxError::Xml { part, position, .. } => {
            assert_eq!(part, "word/document.xml");
            assert!(*position > 0);
        }
        other => panic!("{other}"),
    }
    assert!(e.to_string().contains("word/document.xml") && e.to_string().contains("byte"), "{e}");
}

#[test]
fn zip_bomb_over_the_total_budget() {
    // 4 MiB of a repeated paragraph deflates to a few KiB; the budget is 1 MiB.
    let body = "<w:p><w:r><w:t>一</w:t></w:r></w:p>".repeat(4 * 1024 * 1024 / 33);
    let bytes = package(&body, &[]);
    assert!(bytes.len() < 200 * 1024);
    let limits = DocxLimits {
        max_uncompressed_bytes: 1024 * 1024,
        max_compression_ratio: 100_000,
        ..DocxLimits::default()
    };
    let e = err(&bytes, &limits);
    assert!(matches!(e, DocxError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("max_uncompressed_bytes"), "{e}");
}

#[test]
fn zip_bomb_over_the_compression_ratio() {
    // One run of 4 MiB of the same letter deflates about a thousandfold.
    let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(4 * 1024 * 1024));
    let bytes = package(&body, &[]);
    assert!(bytes.len() < 20 * 1024, "{}", bytes.len());
    let e = err(&bytes, &DocxLimits::default());
    assert!(matches!(e, DocxError::CompressionRatio { .. }), "{e}");
    assert!(e.to_string().contains("max_compression_ratio"), "{e}");
}

/// Rewrites the uncompressed size of every entry, in the local headers and the
/// central directory, to 100 bytes: a directory that lies.
fn lie_about_sizes(bytes: &mut [u8]) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        match &bytes[i..i + 4] {
            [0x50, 0x4B, 0x03, 0x04] => {
                bytes[i + 22..i + 26].copy_from_slice(&100u32.to_le_bytes())
            }
            [0x50, 0x4B, 0x01, 0x02] => {
                bytes[i + 24..i + 28].copy_from_slice(&100u32.to_le_bytes())
            }
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn zip_bomb_with_lying_sizes_is_still_stopped() {
    let body = "<w:p><w:r><w:t>一</w:t></w:r></w:p>".repeat(4 * 1024 * 1024 / 33);
    let mut bytes = package(&body, &[]);
    lie_about_sizes(&mut bytes);
    let limits = DocxLimits {
        max_uncompressed_bytes: 1024 * 1024,
        max_compression_ratio: 100_000,
        ..DocxLimits::default()
    };
    // Either the inflation counter stops it, or the zip reader refuses the
    // entry whose size does not match: never a 4 MiB read.
    let e = err(&bytes, &limits);
    assert!(
        matches!(
            e,
            DocxError::TooLarge { .. } | DocxError::BadEntry { .. } | DocxError::Xml { .. }
        ),
        "{e}"
    );
}

#[test]
fn too_many_entries() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..50 {
        zip.start_file(format!("x/{i}.xml"), SimpleFileOptions::default()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let limits = DocxLimits { max_entries: 20, ..DocxLimits::default() };
    let e = err(&bytes, &limits);
    assert!(matches!(e, DocxError::TooManyEntries { count: 50, limit: 20 }), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    let body = format!("{}{}", "<w:sdt>".repeat(10_000), "</w:sdt>".repeat(10_000));
    let e = err(&package(&body, &[]), &DocxLimits::default());
    assert!(matches!(e, DocxError::TooDeep { limit: 512, .. }), "{e}");
    assert!(e.to_string().contains("max_xml_depth"), "{e}");
}

#[test]
fn entity_expansion_is_refused() {
    let doc = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let e = err(&bytes, &DocxLimits::default());
    assert!(matches!(e, DocxError::Doctype { .. }), "{e}");
    assert!(e.to_string().contains("DOCTYPE"), "{e}");
}

#[test]
fn undeclared_entities_are_not_expanded() {
    let doc = read_xml(r#"<w:p><w:r><w:t>甲&lol;乙</w:t></w:r></w:p>"#);
    assert_eq!(paras(&doc), vec![("甲乙", None)]);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
}

#[test]
fn damaged_styles_part_is_a_warning_not_an_error() {
    let bytes = package(
        r#"<w:p><w:r><w:t>正文</w:t></w:r></w:p>"#,
        &[("word/styles.xml", "<w:styles><w:style></w:styles>")],
    );
    let doc = docx::read(&bytes, &DocxLimits::default()).unwrap();
    assert_eq!(paras(&doc), vec![("正文", None)]);
    assert!(doc.warnings[0].contains("word/styles.xml"), "{:?}", doc.warnings);
}
