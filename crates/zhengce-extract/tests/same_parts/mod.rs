//! What must not depend on the format a document came in: the heading tree,
//! the items, the table rows with their owners, and every target's quote,
//! value and unit. Shared by the tests that compare a web page with its text.

use zhengce_extract::model::Document;

pub type Parts = (Vec<String>, Vec<String>, Vec<(String, Vec<String>)>, Vec<(String, f64, String)>);

pub fn parts(d: &Document) -> Parts {
    (
        d.sections.iter().map(|s| format!("{} {}", s.marker, s.title)).collect(),
        d.items.iter().map(|i| i.text.clone()).collect(),
        d.tables.iter().flat_map(|t| &t.rows).map(|r| (r.work.clone(), r.owners.clone())).collect(),
        d.targets.iter().map(|t| (t.quote.clone(), t.value, t.unit.clone())).collect(),
    )
}
