//! markdown: a [`Document`] as CommonMark: `#` headings from the heading tree
//! (the title is `#`, a top-level section `##`), numbered items as `N.` list
//! items, task tables as pipe tables, paragraphs separated by blank lines.

use super::{marked, walk, Line, RenderOptions, Sink};
use crate::model::Document;

/// The document as Markdown, ending with one newline.
pub fn to_markdown(doc: &Document, opts: RenderOptions) -> String {
    let mut sink = Markdown { out: String::with_capacity(doc.text.len() + doc.text.len() / 8) };
    walk(doc, opts, &mut sink);
    sink.out.truncate(sink.out.trim_end().len());
    sink.out.push('\n');
    sink.out
}

struct Markdown {
    out: String,
}

impl Sink for Markdown {
    fn title(&mut self, title: &str) {
        self.out.push_str("# ");
        self.out.push_str(&inline(title));
        self.out.push_str("\n\n");
    }

    fn line(&mut self, line: Line<'_>) {
        let out = &mut self.out;
        match line {
            Line::Heading { level, text } => {
                out.push_str(&"#".repeat((level as usize + 1).min(6)));
                out.push(' ');
                out.push_str(&inline(&text));
            }
            Line::Numbered { number, rest, marks } => {
                out.push_str(&format!("{number}. "));
                let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
                let escape = if digits > 0 { escape_after_digits } else { escape_char };
                marked(rest, &marks, ("**", "**"), escape, out);
            }
            Line::Table(t) => {
                let width =
                    t.columns.len().max(t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
                let row = |out: &mut String, cells: &[String]| {
                    out.push('|');
                    for k in 0..width {
                        out.push(' ');
                        out.push_str(&cell(cells.get(k).map_or("", |s| s.as_str())));
                        out.push_str(" |");
                    }
                    out.push('\n');
                };
                if let Some(title) = &t.title {
                    out.push_str(&format!("**{}**\n\n", inline(title)));
                }
                row(out, &t.columns);
                out.push('|');
                out.push_str(&" --- |".repeat(width));
                out.push('\n');
                for r in &t.rows {
                    row(out, &r.cells);
                }
            }
            Line::Paragraph { text, marks } => {
                let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
                let escape = if digits > 0 { escape_after_digits } else { escape_char };
                marked(text, &marks, ("**", "**"), escape, out);
            }
        }
        out.push_str("\n\n");
    }
}

/// Escapes Markdown's specials: inline ones anywhere, and what would start a
/// block (`#`, `>`, `-`, `+`, `=`) at the beginning of a line.
fn escape_char(i: usize, c: char, out: &mut String) {
    if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|')
        || (i == 0 && matches!(c, '#' | '-' | '+' | '='))
    {
        out.push('\\');
    }
    out.push(c);
}

/// [`escape_char`] for a line that starts with digits: the `.` or `)` after them
/// would make a list item.
fn escape_after_digits(i: usize, c: char, out: &mut String) {
    if i > 0 && matches!(c, '.' | ')') && out.chars().rev().take(i).all(|p| p.is_ascii_digit()) {
        out.push('\\');
    }
    escape_char(i, c, out);
}

/// Text with Markdown's specials escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let escape = if digits > 0 { escape_after_digits } else { escape_char };
    for (i, c) in text.chars().enumerate() {
        escape(i, c, &mut out);
    }
    out
}

/// A table cell on one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(text.trim()).replace('\n', "<br>")
}
