//! asides: here is `comments.xml`, give me each comment's text by id.
//!
//! Comments are kept out of the body; the body reports each one in `dropped`
//! (an empty span where its range starts). A comment's paragraphs are joined
//! by new lines; deleted text and field instructions inside it are left out.

use std::collections::HashMap;
use std::io::BufRead;

use super::xml::{attr, Ev, PartXml};
use super::DocxError;

/// Comment id → text.
pub fn comments<R: BufRead>(xml: &mut PartXml<R>) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match xml.next(&mut buf)? {
            Ev::Start(e) => match e.local_name().as_ref() {
                "comment" => current = Some((attr(&e, "id").unwrap_or_default(), String::new())),
                "t" => in_text = true,
                "p" => {
                    if let Some((_, text)) = current.as_mut() {
                        if !text.is_empty() {
                            text.push('\n');
                        }
                    }
                }
                "delText" | "instrText" | "Fallback" => xml.skip_element(&mut skip)?,
                _ => {}
            },
            Ev::Text(t) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Ev::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "comment" => {
                    if let Some((id, text)) = current.take() {
                        out.insert(id, text.trim().to_string());
                    }
                }
                _ => {}
            },
            Ev::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_text_by_id() {
        let x = r#"<w:comments xmlns:w="w"><w:comment w:id="3" w:author="A">
          <w:p><w:r><w:t>请核实</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">数据 &amp; 来源</w:t></w:r></w:p>
        </w:comment></w:comments>"#;
        let mut xml = PartXml::new(x.as_bytes(), "word/comments.xml", 32);
        let c = comments(&mut xml).unwrap();
        assert_eq!(c["3"], "请核实\n数据 & 来源");
    }
}
