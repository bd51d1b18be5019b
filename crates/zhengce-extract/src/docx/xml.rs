//! xml: a pull reader over one part, with depth and DOCTYPE guards and errors that name the part.
//!
//! Every part is read through [`PartXml`]: quick-xml pull events into a buffer
//! the caller owns and reuses, elements matched on their local name (so the
//! `w:` prefix may be anything). The wrapper counts element depth against
//! [`DocxLimits::max_xml_depth`](super::DocxLimits), refuses a `<!DOCTYPE>`
//! (OOXML never uses one, and refusing it rules out entity-expansion attacks:
//! custom entities are never expanded), resolves the five predefined entities
//! and character references, and turns every quick-xml error into a
//! [`DocxError`] naming the part and the byte position. Each event is a step
//! of the document's [`Deadline`]: a part read past it is `DocxError::Timeout`.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::Reader;

use super::archive::shared_io_to_docx;
use super::DocxError;
use crate::deadline::Deadline;

/// One event of a part, with text already unescaped.
pub enum Ev<'b> {
    Start(BytesStart<'b>),
    Empty(BytesStart<'b>),
    End(BytesEnd<'b>),
    Text(Cow<'b, str>),
    Eof,
    /// Comments, processing instructions, the XML declaration.
    Other,
}

/// A pull reader over one part.
pub struct PartXml<'d, R: BufRead> {
    reader: Reader<R>,
    /// The document's deadline (none in unit tests of one part).
    deadline: Option<&'d Deadline>,
    part: String,
    depth: usize,
    max_depth: usize,
    /// Entity references that could not be resolved (counted, not expanded).
    pub unknown_entities: usize,
}

impl<'d, R: BufRead> PartXml<'d, R> {
    pub fn new(source: R, part: &str, max_depth: usize) -> Self {
        let mut reader = Reader::from_reader(source);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        PartXml {
            reader,
            deadline: None,
            part: part.to_string(),
            depth: 0,
            max_depth,
            unknown_entities: 0,
        }
    }

    /// The same reader, stopping with `DocxError::Timeout` once `deadline` is up.
    pub fn within(mut self, deadline: &'d Deadline) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The part's name in the archive.
    pub fn part(&self) -> &str {
        &self.part
    }

    /// Current element depth (the root element is depth 1 inside it).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event; `buf` is cleared and reused.
    pub fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Ev<'b>, DocxError> {
        if self.deadline.is_some_and(Deadline::tick) {
            return Err(DocxError::Timeout { part: self.part.clone() });
        }
        buf.clear();
        let event = match self.reader.read_event_into(buf) {
            Ok(ev) => ev,
            Err(e) => return Err(self.error(e)),
        };
        Ok(match event {
            Event::Start(e) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(DocxError::TooDeep {
                        part: self.part.clone(),
                        limit: self.max_depth,
                    });
                }
                Ev::Start(e)
            }
            Event::End(e) => {
                self.depth = self.depth.saturating_sub(1);
                Ev::End(e)
            }
            Event::Empty(e) => Ev::Empty(e),
            Event::Text(t) => match t.xml10_content() {
                Cow::Borrowed(s) => Ev::Text(Cow::Borrowed(s)),
                Cow::Owned(s) => Ev::Text(Cow::Owned(s)),
            },
            Event::CData(t) => Ev::Text(Cow::Owned(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => match resolve_ref(&r) {
                Some(s) => Ev::Text(Cow::Owned(s)),
                None => {
                    self.unknown_entities += 1;
                    Ev::Other
                }
            },
            Event::DocType(_) => return Err(DocxError::Doctype { part: self.part.clone() }),
            Event::Eof => Ev::Eof,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ev::Other,
        })
    }

    /// Skips to the end of the element just started (its `Start` was the last event).
    pub fn skip_element(&mut self, buf: &mut Vec<u8>) -> Result<(), DocxError> {
        let target = self.depth - 1;
        loop {
            match self.next(buf)? {
                Ev::Eof => return Err(self.eof_inside()),
                _ if self.depth == target => return Ok(()),
                _ => {}
            }
        }
    }

    /// The error for a part that ends inside an element.
    pub fn eof_inside(&self) -> DocxError {
        DocxError::Xml {
            part: self.part.clone(),
            position: self.reader.buffer_position(),
            message: "the part ends before its elements are closed".into(),
        }
    }

    fn error(&self, e: quick_xml::Error) -> DocxError {
        match e {
            quick_xml::Error::Io(io) => shared_io_to_docx(&io, &self.part),
            e => DocxError::Xml {
                part: self.part.clone(),
                position: self.reader.error_position(),
                message: e.to_string(),
            },
        }
    }
}

/// Resolves a predefined entity or a character reference; `None` for anything else.
fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let s = match &**r {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    };
    Some(s.to_string())
}

/// The value of the attribute with this local name (`w:val` → `val`), unescaped.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref() == name {
            return Some(match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.into_owned(),
            });
        }
    }
    None
}

/// An `ST_OnOff` attribute: absent `w:val` means on.
pub fn on_off(e: &BytesStart<'_>) -> bool {
    match attr(e, "val").as_deref() {
        None => true,
        Some(v) => !matches!(v, "0" | "false" | "off"),
    }
}
