//! plain: a [`Document`] as plain text: the title, headings and paragraphs
//! each on their own line with a blank line between blocks, numbered items
//! as written, tables as tab-separated rows (the form `cut` and spreadsheets read).

use super::{marked, walk, Line, RenderOptions, Sink};
use crate::model::Document;

/// The document as plain text, ending with one newline.
pub fn to_plain(doc: &Document, opts: RenderOptions) -> String {
    let mut sink = Plain { out: String::with_capacity(doc.text.len() + doc.text.len() / 8) };
    walk(doc, opts, &mut sink);
    sink.out.truncate(sink.out.trim_end().len());
    sink.out.push('\n');
    sink.out
}

struct Plain {
    out: String,
}

impl Sink for Plain {
    fn title(&mut self, title: &str) {
        self.out.push_str(title);
        self.out.push_str("\n\n");
    }

    fn line(&mut self, line: Line<'_>) {
        let out = &mut self.out;
        match line {
            Line::Heading { text, .. } => out.push_str(&text),
            Line::Numbered { number, rest, marks } => {
                out.push_str(&format!("{number}. "));
                marked(rest, &marks, ("【", "】"), |_, c, out| out.push(c), out)
            }
            Line::Table(t) => {
                let row = |cells: &[String]| {
                    cells
                        .iter()
                        .map(|c| c.replace(['\t', '\n'], " "))
                        .collect::<Vec<_>>()
                        .join("\t")
                };
                if let Some(title) = &t.title {
                    out.push_str(title);
                    out.push('\n');
                }
                out.push_str(&row(&t.columns));
                for r in &t.rows {
                    out.push('\n');
                    out.push_str(&row(&r.cells));
                }
            }
            Line::Paragraph { text, marks } => {
                marked(text, &marks, ("【", "】"), |_, c, out| out.push(c), out)
            }
        }
        out.push_str("\n\n");
    }
}
