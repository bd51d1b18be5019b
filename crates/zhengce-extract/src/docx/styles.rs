//! styles: here is `styles.xml`, give me each paragraph style's outline level and list numbering.
//!
//! A style's outline level comes from, in order: its own `w:outlineLvl`, its
//! name (`heading N`, `Heading N`, `标题 N`) or a styleId of that form
//! (`Heading1`, `1`), then the style it is `w:basedOn`. `w:outlineLvl` 0 is
//! level 1; 9 means body text. A style's numbering (`w:numPr`) is inherited the
//! same way.

use std::collections::HashMap;
use std::io::BufRead;

use super::xml::{attr, Ev, PartXml};
use super::DocxError;

/// A paragraph (or numbering) style as declared.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub name: Option<String>,
    pub based_on: Option<String>,
    /// `w:outlineLvl` as written (0-based; 9 = body text).
    pub outline_lvl: Option<u8>,
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
}

/// All styles of a document.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    pub styles: HashMap<String, Style>,
    /// The styleId of the default paragraph style.
    pub default_para: Option<String>,
}

/// How deep `basedOn` chains are followed (they may loop in damaged files).
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn parse<R: BufRead>(xml: &mut PartXml<R>) -> Result<Self, DocxError> {
        let mut out = Styles::default();
        let mut buf = Vec::new();
        let mut skip = Vec::new();
        // The style being read: (styleId, style, is paragraph/numbering style).
        let mut current: Option<(String, Style)> = None;
        let mut in_change = 0usize;
        loop {
            let ev = xml.next(&mut buf)?;
            let (e, is_start) = match &ev {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(e) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((id, style)) = current.take() {
                                out.styles.insert(id, style);
                            }
                        }
                        "pPrChange" | "rPrChange" => in_change = in_change.saturating_sub(1),
                        _ => {}
                    }
                    continue;
                }
                Ev::Eof => break,
                _ => continue,
            };
            let name = e.local_name();
            match name.as_ref() {
                "style" if is_start => {
                    let kind = attr(e, "type").unwrap_or_default();
                    let id = attr(e, "styleId").unwrap_or_default();
                    if kind == "paragraph"
                        && attr(e, "default").is_some_and(|v| v == "1" || v == "true")
                    {
                        out.default_para = Some(id.clone());
                    }
                    current = Some((id, Style::default()));
                }
                "pPrChange" | "rPrChange" if is_start => in_change += 1,
                // Hundreds of UI hints for built-in styles: nothing to read.
                "latentStyles" if is_start => xml.skip_element(&mut skip)?,
                _ if in_change > 0 => {}
                "name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.name = attr(e, "val");
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(e, "val");
                    }
                }
                "outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline_lvl = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                "numId" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.num_id = attr(e, "val");
                    }
                }
                "ilvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The style a paragraph uses: its `w:pStyle`, else the default paragraph style.
    pub fn effective<'s>(&'s self, p_style: Option<&'s str>) -> Option<&'s str> {
        p_style.or(self.default_para.as_deref())
    }

    /// The outline level (1 = top) a style gives, `None` for body text.
    pub fn heading_level(&self, style_id: &str) -> Option<u8> {
        let mut id = style_id;
        for _ in 0..MAX_CHAIN {
            let Some(style) = self.styles.get(id) else {
                return level_from_id(id);
            };
            if let Some(lvl) = style.outline_lvl {
                return outline_to_level(lvl);
            }
            let by_name = match style.name.as_deref() {
                Some(name) => level_from_name(name),
                None => level_from_id(id),
            };
            if by_name.is_some() {
                return by_name;
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The list a style puts its paragraphs in: (numId, ilvl if the style says).
    pub fn numbering(&self, style_id: &str) -> Option<(String, Option<u8>)> {
        let mut id = style_id;
        let mut ilvl = None;
        for _ in 0..MAX_CHAIN {
            let style = self.styles.get(id)?;
            ilvl = ilvl.or(style.ilvl);
            if let Some(num) = &style.num_id {
                return Some((num.clone(), ilvl));
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

/// `w:outlineLvl` (0-based, 9 = body text) → outline level (1 = top).
pub fn outline_to_level(lvl: u8) -> Option<u8> {
    (lvl < 9).then_some(lvl + 1)
}

/// `heading 2`, `Heading 2`, `标题 2`, `标题2` → 2.
fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

/// A styleId with no declaration: `Heading2` or a bare `2` (Chinese Word) → 2.
fn level_from_id(id: &str) -> Option<u8> {
    let rest = id.strip_prefix("Heading").or_else(|| id.strip_prefix("heading")).unwrap_or(id);
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Styles {
        let mut xml = PartXml::new(s.as_bytes(), "word/styles.xml", 64);
        Styles::parse(&mut xml).unwrap()
    }

    #[test]
    fn heading_levels_from_names_ids_outline_and_inheritance() {
        let styles = parse(
            r#"<w:styles xmlns:w="x">
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>
            <w:style w:type="paragraph" w:styleId="My"><w:name w:val="My"/><w:basedOn w:val="1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Out"><w:name w:val="Out"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:basedOn w:val="Out"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            </w:styles>"#,
        );
        assert_eq!(styles.default_para.as_deref(), Some("Normal"));
        assert_eq!(styles.heading_level("Normal"), None);
        assert_eq!(styles.heading_level("1"), Some(1));
        assert_eq!(styles.heading_level("a5"), Some(3));
        assert_eq!(styles.heading_level("My"), Some(1));
        assert_eq!(styles.heading_level("Out"), Some(2));
        assert_eq!(styles.heading_level("Body"), None);
        assert_eq!(styles.heading_level("Heading4"), Some(4), "undeclared built-in id");
    }

    #[test]
    fn based_on_loops_end() {
        let styles = parse(
            r#"<w:styles xmlns:w="x">
            <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
            </w:styles>"#,
        );
        assert_eq!(styles.heading_level("A"), None);
        assert_eq!(styles.numbering("A"), None);
    }
}
