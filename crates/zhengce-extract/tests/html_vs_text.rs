//! A web page gives the same document as its text: each sample of `corpus/`
//! wrapped in portal chrome (`tests/fixtures/html/make_pages.py`: a table
//! layout, a div layout with `<meta>` tags, a GBK page declaring `gb2312`,
//! the text as Word's "Save as HTML" writes it, and the text made into a
//! .docx and saved as HTML by LibreOffice) has the headings, items, table
//! rows and targets of the `.txt` itself. The .docx fixtures saved as HTML by
//! LibreOffice give the table rows and headings of the .docx.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::{Document, DropKind, SourceFormat};
use zhengce_extract::{Config, Extractor};

mod same_parts;
use same_parts::parts;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(path: PathBuf) -> Document {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    EXTRACTOR.extract(&bytes, &path.to_string_lossy()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_sample_as_a_web_page_has_the_parts_of_its_text() {
    let mut stems: Vec<String> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    assert_eq!(stems.len(), 5);
    for stem in &stems {
        let text = extract(root().join(format!("corpus/{stem}.txt")));
        assert!(!text.targets.is_empty(), "{stem}: no targets in the text");
        for layout in ["table", "div", "gbk", "mso", "lo"] {
            let page =
                extract(root().join(format!("tests/fixtures/html/pages/{stem}.{layout}.html")));
            assert_eq!(page.source.format, SourceFormat::Html, "{stem}.{layout}");
            if layout == "gbk" {
                assert_eq!(page.source.encoding.as_deref(), Some("GB18030"), "{stem}.{layout}");
            }
            // The portal's chrome is dropped, each block with its kind.
            assert!(!page.dropped.is_empty(), "{stem}.{layout}: nothing dropped");
            // Word's and LibreOffice's style sheets are dropped as styles.
            if layout == "mso" || layout == "lo" {
                assert!(
                    page.dropped.iter().any(|d| d.kind == DropKind::Style),
                    "{stem}.{layout}: style kept"
                );
                assert!(!page.text.contains("mso-") && !page.text.contains("MsoNormal"));
            }
            assert!(!page.text.contains("浙ICP备"), "{stem}.{layout}: footer kept");
            assert!(!page.text.contains("相关推荐") && !page.text.contains("相关文章"));
            let (p, t) = (parts(&page), parts(&text));
            assert_eq!(p.0, t.0, "{stem}.{layout}: headings");
            assert_eq!(p.1, t.1, "{stem}.{layout}: items");
            assert_eq!(p.2, t.2, "{stem}.{layout}: table rows");
            assert_eq!(p.3, t.3, "{stem}.{layout}: targets");
        }
    }
}

#[test]
fn docx_fixtures_saved_as_html_by_libreoffice_read_as_the_docx() {
    let dir = root().join("tests/fixtures");
    // The task table with merged month and lead-unit cells: LibreOffice writes `rowspan`.
    let docx = extract(dir.join("docx/pydocx_calendar.docx"));
    let page = extract(dir.join("html/pages/pydocx_calendar.lo.html"));
    assert_eq!(page.source.format, SourceFormat::Html);
    let rows = |d: &Document| {
        d.tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| (r.month.clone(), r.work.clone(), r.owners.clone()))
            .collect::<Vec<_>>()
    };
    assert!(rows(&docx).len() >= 12);
    assert_eq!(rows(&page), rows(&docx));
    // A month spanning five rows carries over to each of them.
    assert_eq!(rows(&page).iter().filter(|r| r.0.as_deref() == Some("1-2月")).count(), 5);
    assert_eq!(parts(&page).3, parts(&docx).3, "targets");
    // Automatic numbering: LibreOffice writes `<ol><li><h1>` and drops the
    // Chinese labels, so the headings are the .docx's titles in order.
    let docx = extract(dir.join("docx/seed004_outline.docx"));
    let page = extract(dir.join("html/pages/seed004_outline.lo.html"));
    let titles = |d: &Document| d.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    assert!(titles(&docx).len() >= 5);
    let page_titles = titles(&page);
    for t in titles(&docx) {
        assert!(page.text.lines().any(|l| l.ends_with(&t)), "heading {t} missing");
    }
    assert_eq!(parts(&page).3.len(), parts(&docx).3.len(), "targets: {page_titles:?}");
}
