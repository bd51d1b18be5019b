//! props: here is `docProps/core.xml`, give me the title, creator and dates.

use std::io::BufRead;

use super::xml::{Ev, PartXml};
use super::DocxError;
use crate::raw::DocProps;

/// Reads the core properties; empty values are `None`.
pub fn parse<R: BufRead>(xml: &mut PartXml<R>) -> Result<DocProps, DocxError> {
    let mut props = DocProps::default();
    let mut buf = Vec::new();
    // The property being read and its text so far.
    let mut current: Option<(String, String)> = None;
    loop {
        match xml.next(&mut buf)? {
            Ev::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if matches!(name.as_str(), "title" | "creator" | "created" | "modified") {
                    current = Some((name, String::new()));
                }
            }
            Ev::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Ev::End(e) => {
                if let Some((name, text)) = current.take() {
                    if e.local_name().as_ref() != name {
                        current = Some((name, text));
                        continue;
                    }
                    let text = text.trim();
                    let value = (!text.is_empty()).then(|| text.to_string());
                    match name.as_str() {
                        "title" => props.title = value,
                        "creator" => props.creator = value,
                        "created" => props.created = value,
                        _ => props.modified = value,
                    }
                }
            }
            Ev::Eof => break,
            _ => {}
        }
    }
    Ok(props)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties() {
        let x = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t">
          <dc:title>温州市教育局2021年工作要点</dc:title><dc:creator>教育局办公室</dc:creator>
          <dcterms:created xsi:type="dcterms:W3CDTF">2021-03-01T08:00:00Z</dcterms:created>
          <dcterms:modified>  </dcterms:modified></cp:coreProperties>"#;
        let mut xml = PartXml::new(x.as_bytes(), "docProps/core.xml", 16);
        let p = parse(&mut xml).unwrap();
        assert_eq!(p.title.as_deref(), Some("温州市教育局2021年工作要点"));
        assert_eq!(p.creator.as_deref(), Some("教育局办公室"));
        assert_eq!(p.created.as_deref(), Some("2021-03-01T08:00:00Z"));
        assert_eq!(p.modified, None);
    }
}
