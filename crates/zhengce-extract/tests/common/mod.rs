//! Inputs the tests build with the zip crate: .docx packages of generated WordprocessingML.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// A .docx whose only part is `word/document.xml` with this body.
pub fn docx_of(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A .docx holding one task table (task, target, owner) of `rows` rows under
/// its header, each row's task with a target in it.
pub fn docx_table(rows: usize) -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let mut body = String::from("<w:tbl>");
    body.push_str(&format!(
        "<w:tr>{}{}{}</w:tr>",
        cell("重点任务"),
        cell("目标"),
        cell("牵头单位")
    ));
    for k in 1..=rows {
        body.push_str(&format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&format!("建设项目{k}，新建学校{}所", k % 97 + 1)),
            cell(&format!("{}所", k % 97 + 1)),
            cell("市教育局")
        ));
    }
    body.push_str("</w:tbl>");
    docx_of(&body)
}

/// One line of `n` numbered items run together, as sharing sites leave them
/// (`1.完善工作制度1项。2.…`): 50 items under each `一、` part, ten parts in
/// each `第一章` (inline markers are numbered up to 99); `n` is a multiple of 50.
pub fn markers_line(n: usize) -> String {
    assert_eq!(n % 50, 0);
    (1..=n)
        .map(|k| {
            let (i, group) = ((k - 1) % 50 + 1, (k - 1) / 50);
            let (part, chapter) = (group % 10 + 1, group / 10 + 1);
            let mut s = String::new();
            if i == 1 && part == 1 {
                s.push_str(&format!("第{}章 重点任务。", cn(chapter)));
            }
            if i == 1 {
                s.push_str(&format!("{}、工作目标。", cn(part)));
            }
            s.push_str(&format!("{i}.完善工作制度{k}项。"));
            s
        })
        .collect()
}

/// 1–99 in Chinese numerals.
fn cn(n: usize) -> String {
    const D: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    assert!((1..100).contains(&n));
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    if tens > 1 {
        s.push(D[tens - 1]);
    }
    if tens > 0 {
        s.push('十');
    }
    if ones > 0 {
        s.push(D[ones - 1]);
    }
    s
}

/// How many of these items are numbered (`1.`, …).
pub fn numbered_items(items: &[zhengce_extract::model::Item]) -> usize {
    items.iter().filter(|i| i.kind == zhengce_extract::model::ItemKind::Numbered).count()
}
