//! dom: here is a parsed page, give me its lines as a browser would lay them out.
//!
//! In: the html5ever tree of a page. Out: [`Flat`], the page flattened in
//! document order into [`Line`]s (block elements, `<br>` and table cells end a
//! line; inline runs such as `span`, `font`, `b`, Word's `o:p` and digits in
//! their own `<span lang=EN-US>` join without a break), with a record of
//! every block element ([`Elem`]: tag, parent, the lines it holds),
//! the tables' row and cell structure ([`TableRec`]), the `<title>` and the
//! `<meta name=… content=…>` pairs. Script, style and `noscript` text and
//! server-template directives (`<#…>`, `<@…>`, `${…}`, `<%…%>`) become lines
//! of their own kind, so the reader can record them as dropped.
//!
//! White space is collapsed as HTML does (a run of spaces, tabs and line
//! breaks is one space; a run holding a line break between two CJK characters
//! is nothing, as CSS does for Chinese); `pre` keeps its line breaks.
//! The walk is iterative: nesting depth costs heap, not stack.

use markup5ever_rcdom::{Handle, NodeData};

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Text,
    Script,
    Style,
    Template,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    pub kind: LineKind,
    /// The innermost block element the line stands in (index into `Flat::elems`).
    pub elem: usize,
    /// Non-white-space characters of the line, and how many of them are inside `<a>`.
    pub chars: usize,
    pub link_chars: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Elem {
    /// Local name, lower case (`p`, `td`, `st1:place` → `place`).
    pub tag: String,
    pub parent: Option<usize>,
    /// The lines inside the element: `lines[first_line..end_line]`.
    pub first_line: usize,
    pub end_line: usize,
    /// Index into `Flat::tables` when the element is a `<table>`.
    pub table: Option<usize>,
    pub rowspan: usize,
    pub colspan: usize,
}

/// A `<table>`: its rows, each a list of cell elements.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableRec {
    pub elem: usize,
    pub rows: Vec<Vec<usize>>,
}

#[derive(Debug, Default)]
pub(crate) struct Flat {
    pub lines: Vec<Line>,
    pub elems: Vec<Elem>,
    pub tables: Vec<TableRec>,
    /// The text of `<title>`.
    pub title: Option<String>,
    /// `<meta name=… content=…>` pairs, the name as written.
    pub metas: Vec<(String, String)>,
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
            | "iframe"
            | "select"
            | "textarea"
    )
}

/// True for characters between which a source line break is no space (CSS
/// segment-break rule for Chinese and Japanese text).
fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80 || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

enum Step {
    Enter(Handle),
    Leave { elem: Option<usize>, block: bool, link: bool, pre: bool, table: bool },
}

struct Builder {
    flat: Flat,
    buf: String,
    /// A white-space run waits here until the next character: `Some(had_newline)`.
    pending_ws: Option<bool>,
    chars: usize,
    link_chars: usize,
    blocks: Vec<usize>,
    link_depth: usize,
    pre_depth: usize,
    open_tables: Vec<usize>,
}

/// Flattens the tree under `document`.
pub(crate) fn flatten(document: &Handle) -> Flat {
    let mut b = Builder {
        flat: Flat::default(),
        buf: String::new(),
        pending_ws: None,
        chars: 0,
        link_chars: 0,
        blocks: Vec::new(),
        link_depth: 0,
        pre_depth: 0,
        open_tables: Vec::new(),
    };
    // A root element stands for the document, so every line has one.
    b.flat.elems.push(Elem {
        tag: "#document".into(),
        parent: None,
        first_line: 0,
        end_line: 0,
        table: None,
        rowspan: 1,
        colspan: 1,
    });
    b.blocks.push(0);
    let mut stack: Vec<Step> =
        document.children.borrow().iter().rev().cloned().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => b.enter(&node, &mut stack),
            Step::Leave { elem, block, link, pre, table } => {
                if block {
                    b.flush(0);
                    b.blocks.pop();
                }
                if link {
                    b.link_depth -= 1;
                }
                if pre {
                    b.pre_depth -= 1;
                }
                if table {
                    b.open_tables.pop();
                }
                if let Some(elem) = elem {
                    b.flat.elems[elem].end_line = b.flat.lines.len();
                }
            }
        }
    }
    b.flush(0);
    let n = b.flat.lines.len();
    b.flat.elems[0].end_line = n;
    b.flat
}

impl Builder {
    fn enter(&mut self, node: &Handle, stack: &mut Vec<Step>) {
        match &node.data {
            NodeData::Text { contents } => {
                let t = contents.borrow();
                self.text(&t);
            }
            NodeData::Element { name, attrs, .. } => {
                let tag: String = (*name.local).to_ascii_lowercase();
                let attrs = attrs.borrow();
                let attr = |n: &str| {
                    attrs
                        .iter()
                        .find(|a| (*a.name.local).eq_ignore_ascii_case(n))
                        .map(|a| a.value.to_string())
                };
                match tag.as_str() {
                    "script" | "style" | "noscript" => {
                        self.flush(0);
                        let mut text = String::new();
                        for c in node.children.borrow().iter() {
                            if let NodeData::Text { contents } = &c.data {
                                text.push_str(&contents.borrow());
                            }
                        }
                        let kind = if tag == "style" { LineKind::Style } else { LineKind::Script };
                        self.raw_line(text.trim(), kind);
                        return;
                    }
                    "title" if self.flat.title.is_none() => {
                        let mut text = String::new();
                        for c in node.children.borrow().iter() {
                            if let NodeData::Text { contents } = &c.data {
                                text.push_str(&contents.borrow());
                            }
                        }
                        self.flat.title =
                            Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
                        return;
                    }
                    "meta" => {
                        if let (Some(n), Some(c)) = (attr("name"), attr("content")) {
                            self.flat.metas.push((n.trim().to_string(), c.trim().to_string()));
                        }
                        return;
                    }
                    "head" | "template" | "svg" | "math" | "object" | "embed" | "img" | "input"
                    | "button" => {
                        // No text of the page (the head's title and metas are read above).
                        if tag == "head" {
                            for c in node.children.borrow().iter().rev() {
                                if let NodeData::Element { name, .. } = &c.data {
                                    let l = (*name.local).to_ascii_lowercase();
                                    if matches!(l.as_str(), "title" | "meta" | "script" | "style") {
                                        stack.push(Step::Enter(c.clone()));
                                    }
                                }
                            }
                        }
                        return;
                    }
                    _ => {}
                }
                let block = is_block(&tag);
                let br = tag == "br";
                if block || br {
                    self.flush(0);
                }
                if br {
                    return;
                }
                let idx = if block { Some(self.push_elem(&tag, &attr)) } else { None };
                let link = tag == "a" && attr("href").is_some();
                let pre = matches!(tag.as_str(), "pre" | "textarea" | "listing" | "plaintext");
                let table = tag == "table";
                if let Some(idx) = idx {
                    self.blocks.push(idx);
                }
                if link {
                    self.link_depth += 1;
                }
                if pre {
                    self.pre_depth += 1;
                }
                if let (true, Some(idx)) = (table, idx) {
                    let t = self.flat.tables.len();
                    self.flat.tables.push(TableRec { elem: idx, rows: Vec::new() });
                    self.flat.elems[idx].table = Some(t);
                    self.open_tables.push(t);
                } else if let Some(&t) = self.open_tables.last() {
                    let rows = &mut self.flat.tables[t].rows;
                    if tag == "tr" {
                        rows.push(Vec::new());
                    } else if let (true, Some(idx)) = (tag == "td" || tag == "th", idx) {
                        if rows.is_empty() {
                            rows.push(Vec::new());
                        }
                        rows.last_mut().expect("a row").push(idx);
                    }
                }
                stack.push(Step::Leave { elem: idx, block, link, pre, table });
                for c in node.children.borrow().iter().rev() {
                    stack.push(Step::Enter(c.clone()));
                }
            }
            _ => {}
        }
    }

    /// Records a block element under the innermost open block (inline
    /// elements are not recorded: the content finder compares blocks).
    fn push_elem(&mut self, tag: &str, attr: &dyn Fn(&str) -> Option<String>) -> usize {
        let span = |n: &str| {
            attr(n)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&v| v >= 1)
                .unwrap_or(1)
                .min(1000)
        };
        let idx = self.flat.elems.len();
        self.flat.elems.push(Elem {
            tag: tag.to_string(),
            parent: self.blocks.last().copied(),
            first_line: self.flat.lines.len(),
            end_line: self.flat.lines.len(),
            table: None,
            rowspan: span("rowspan"),
            colspan: span("colspan"),
        });
        idx
    }

    fn text(&mut self, t: &str) {
        if t.contains(['<', '$']) {
            let mut rest = t;
            while let Some((pre, directive, after)) = split_directive(rest) {
                self.inline(pre);
                self.flush(0);
                self.raw_line(directive, LineKind::Template);
                rest = after;
            }
            self.inline(rest);
        } else {
            self.inline(t);
        }
    }

    fn inline(&mut self, t: &str) {
        for c in t.chars() {
            if self.pre_depth > 0 && c == '\n' {
                self.flush(0);
                continue;
            }
            if is_collapsible(c) && self.pre_depth == 0 {
                let nl = c == '\n' || c == '\r';
                self.pending_ws = Some(self.pending_ws.unwrap_or(false) || nl);
                continue;
            }
            if let Some(nl) = self.pending_ws.take() {
                if let Some(last) = self.buf.chars().next_back() {
                    if !(nl && is_wide(last) && is_wide(c)) {
                        self.buf.push(' ');
                    }
                }
            }
            self.buf.push(c);
            if !c.is_whitespace() {
                self.chars += 1;
                if self.link_depth > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn raw_line(&mut self, text: &str, kind: LineKind) {
        if text.trim().is_empty() {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        let elem = *self.blocks.last().expect("root");
        self.flat.lines.push(Line { text: text.to_string(), kind, elem, chars, link_chars: 0 });
    }

    fn flush(&mut self, _: usize) {
        self.pending_ws = None;
        if self.chars > 0 {
            let elem = *self.blocks.last().expect("root");
            let text = std::mem::take(&mut self.buf);
            self.flat.lines.push(Line {
                text: text.trim_end().to_string(),
                kind: LineKind::Text,
                elem,
                chars: self.chars,
                link_chars: self.link_chars,
            });
        } else {
            self.buf.clear();
        }
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// The first server-template directive in `t`: the text before it, the
/// directive, and the text after it. FreeMarker `<#…>`/`<@…>` and `${…}`,
/// JSP and ASP `<%…%>`.
fn split_directive(t: &str) -> Option<(&str, &str, &str)> {
    let b = t.as_bytes();
    // Once a closer is missing after some position it is missing after every
    // later one: stop looking for it (keeps the scan linear).
    let (mut gt, mut pct, mut brace) = (true, true, true);
    let mut i = 0;
    while i + 1 < b.len() {
        let end = match (b[i], b[i + 1]) {
            (b'<', b'#' | b'@') if gt => {
                let e = t[i..].find('>').map(|e| i + e + 1);
                gt = e.is_some();
                e
            }
            (b'<', b'%') if pct => {
                let e = t[i + 2..].find("%>").map(|e| i + 2 + e + 2);
                pct = e.is_some();
                e
            }
            (b'$', b'{') if brace => {
                let e = t[i..].find('}').map(|e| i + e + 1);
                brace = e.is_some();
                e
            }
            _ => None,
        };
        if let Some(end) = end {
            return Some((&t[..i], &t[i..end], &t[end..]));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::RcDom;

    fn flat(html: &str) -> Flat {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        flatten(&dom.document)
    }

    fn texts(f: &Flat) -> Vec<(&str, LineKind)> {
        f.lines.iter().map(|l| (l.text.as_str(), l.kind)).collect()
    }

    #[test]
    fn blocks_and_breaks_end_lines_inline_runs_join() {
        let f = flat(
            "<body><p>到<span lang=EN-US>20</span><span lang=EN-US>25</span>年<b>建成</b>\
             <font>10</font>所<o:p></o:p></p><div>甲<br>乙</div><table><tr><td>丙</td><td>丁</td></tr></table></body>",
        );
        let t: Vec<&str> = f.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["到2025年建成10所", "甲", "乙", "丙", "丁"]);
    }

    #[test]
    fn white_space_collapses_and_a_line_break_between_chinese_is_nothing() {
        let f = flat("<p>一、  总体\n  目标 &nbsp;and\n more</p><pre>a\nb</pre>");
        let t: Vec<&str> = f.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["一、 总体目标 \u{a0}and more", "a", "b"]);
    }

    #[test]
    fn scripts_styles_and_template_directives_are_lines_of_their_own_kind() {
        let f = flat(
            "<head><title>标题_网站</title><style>p{x:1}</style></head><body>\
             <#assign a=1><p>正文${a.b}内容</p><script>var x;</script><p><%= y %>尾</p></body>",
        );
        assert_eq!(f.title.as_deref(), Some("标题_网站"));
        let t = texts(&f);
        assert!(t.contains(&("p{x:1}", LineKind::Style)), "{t:?}");
        assert!(t.contains(&("var x;", LineKind::Script)), "{t:?}");
        assert!(t.contains(&("${a.b}", LineKind::Template)), "{t:?}");
        assert!(t.contains(&("<%= y %>", LineKind::Template)), "{t:?}");
        assert!(t.contains(&("正文", LineKind::Text)) && t.contains(&("内容", LineKind::Text)));
        assert!(t.contains(&("尾", LineKind::Text)), "{t:?}");
    }

    #[test]
    fn link_characters_are_counted_and_tables_recorded_with_spans() {
        let f = flat(
            "<table><tr><td rowspan=2>月</td><td colspan='3'>事</td></tr><tr><td>x</td></tr></table>\
             <p><a href='/a'>首页</a>正文</p>",
        );
        assert_eq!(f.tables.len(), 1);
        let rows = &f.tables[0].rows;
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
        assert_eq!((f.elems[rows[0][0]].rowspan, f.elems[rows[0][1]].colspan), (2, 3));
        let last = f.lines.last().unwrap();
        assert_eq!((last.chars, last.link_chars), (4, 2));
    }

    #[test]
    fn an_unclosed_directive_is_text_and_the_scan_stays_linear() {
        assert_eq!(split_directive("a<#b"), None);
        assert_eq!(split_directive("x${y}z"), Some(("x", "${y}", "z")));
        let long = "<%".repeat(50_000);
        assert_eq!(split_directive(&long), None);
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let html = format!("{}<p>正文。</p>{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let f = flat(&html);
        assert!(f.lines.iter().any(|l| l.text == "正文。"));
    }
}
