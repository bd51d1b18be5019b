//! A web page gives the same document as its text: each sample of `corpus/`
//! wrapped in portal chrome (`tests/fixtures/html/make_pages.py`: a table
//! layout, a div layout with `<meta>` tags, a GBK page declaring `gb2312`)
//! has the headings, items, table rows and targets of the `.txt` itself.

use std::path::PathBuf;
use std::sync::LazyLock;

use zhengce_extract::model::{Document, SourceFormat};
use zhengce_extract::{Config, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Config::default()));

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(path: PathBuf) -> Document {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    EXTRACTOR.extract(&bytes, &path.to_string_lossy()).unwrap_or_else(|e| panic!("{e}"))
}

/// What must not depend on the format: the heading tree, the items, the table
/// rows with their owners, and every target's quote, value and unit.
type Parts = (Vec<String>, Vec<String>, Vec<(String, Vec<String>)>, Vec<(String, f64, String)>);

fn parts(d: &Document) -> Parts {
    (
        d.sections.iter().map(|s| format!("{} {}", s.marker, s.title)).collect(),
        d.items.iter().map(|i| i.text.clone()).collect(),
        d.tables.iter().flat_map(|t| &t.rows).map(|r| (r.work.clone(), r.owners.clone())).collect(),
        d.targets.iter().map(|t| (t.quote.clone(), t.value, t.unit.clone())).collect(),
    )
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
        for layout in ["table", "div", "gbk"] {
            let page =
                extract(root().join(format!("tests/fixtures/html/pages/{stem}.{layout}.html")));
            assert_eq!(page.source.format, SourceFormat::Html, "{stem}.{layout}");
            if layout == "gbk" {
                assert_eq!(page.source.encoding.as_deref(), Some("GB18030"), "{stem}.{layout}");
            }
            // The portal's chrome is dropped, each block with its kind.
            assert!(!page.dropped.is_empty(), "{stem}.{layout}: nothing dropped");
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
