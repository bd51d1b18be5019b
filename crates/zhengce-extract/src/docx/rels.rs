//! rels: here are the relationship parts, give me where the main document, styles, numbering, headers, footers and comments live.
//!
//! `_rels/.rels` names the main part (`officeDocument`); its own
//! `…/_rels/document.xml.rels` names the parts it uses. Targets are resolved
//! against the folder of the part that declares them; external targets
//! (hyperlinks) are ignored. When a relationship is missing, the usual names
//! (`word/document.xml`, `word/styles.xml`, …) are used.

use std::io::BufRead;

use super::xml::{attr, Ev, PartXml};
use super::DocxError;

/// One relationship: its type (the last segment of the type URI) and resolved target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub kind: String,
    pub target: String,
}

/// Reads a relationships part; `base` is the folder of the part it describes (`""` or `word`).
pub fn parse<R: BufRead>(xml: &mut PartXml<R>, base: &str) -> Result<Vec<Rel>, DocxError> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match xml.next(&mut buf)? {
            Ev::Start(e) | Ev::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                    continue;
                }
                let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                out.push(Rel { kind, target: resolve(base, &target) });
            }
            Ev::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Resolves a relationship target against a folder, as a zip entry name.
pub fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let path = if let Some(abs) = target.strip_prefix('/') {
        abs
    } else {
        joined = if base.is_empty() { target.to_string() } else { format!("{base}/{target}") };
        &joined
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The folder and the relationships part of a part: `word/document.xml` →
/// (`word`, `word/_rels/document.xml.rels`).
pub fn rels_of(part: &str) -> (String, String) {
    match part.rsplit_once('/') {
        Some((dir, file)) => (dir.to_string(), format!("{dir}/_rels/{file}.rels")),
        None => (String::new(), format!("_rels/{part}.rels")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(rels_of("word/document.xml").1, "word/_rels/document.xml.rels");
    }

    #[test]
    fn external_targets_are_skipped() {
        let x = r#"<Relationships xmlns="r">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
          <Relationship Id="rId2" Type="http://x/hyperlink" Target="https://example.org" TargetMode="External"/>
        </Relationships>"#;
        let mut xml = PartXml::new(x.as_bytes(), "word/_rels/document.xml.rels", 16);
        let rels = parse(&mut xml, "word").unwrap();
        assert_eq!(rels, vec![Rel { kind: "styles".into(), target: "word/styles.xml".into() }]);
    }
}
