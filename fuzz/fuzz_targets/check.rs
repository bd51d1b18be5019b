//! The span invariants every fuzz target checks on a document (shared via `#[path]`).

use zhengce_extract::model::Document;

/// Quotes and item texts are the text at their spans; every span is inside the text.
pub fn spans(doc: &Document) {
    let text: Vec<char> = doc.text.chars().collect();
    for t in &doc.targets {
        assert!(t.span.start <= t.span.end && t.span.end <= text.len(), "target span");
        let q: String = text[t.span.start..t.span.end].iter().collect();
        assert_eq!(q, t.quote);
    }
    for i in &doc.items {
        assert!(i.span.start <= i.span.end && i.span.end <= text.len(), "item span");
        let s: String = text[i.span.start..i.span.end].iter().collect();
        assert_eq!(s, i.text);
    }
    for s in &doc.sections {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len(), "section span");
    }
}
