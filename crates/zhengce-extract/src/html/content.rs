//! content: here is a flattened page, which lines are the document?
//!
//! In: [`Flat`] and the titles the page states elsewhere. Out: [`Layout`], the
//! fate of every line (kept, or dropped with its kind), the metadata fields
//! found outside the body, and which tables are data tables.
//!
//! The method is general, not a list of portals:
//! 1. a table whose cells are 信息公开 labels and values is the metadata
//!    block: its fields are read, its lines dropped as `metadata_block`;
//! 2. every other text line weighs its characters outside links; lines that
//!    are mostly links weigh nothing, lines without sentence punctuation or a
//!    structure marker (menus, footers, bylines) a quarter;
//! 3. the document is the deepest block holding [`SHARE`] of the page's
//!    weight, so the body's container wins over the page around it;
//! 4. the page's title line standing just before that block (a heading in
//!    its own cell or `div`) is taken in with the few lines between;
//! 5. inside the block, runs of three or more link lines (related articles)
//!    are chrome, and so are bylines before the first sentence (`来源：X
//!    发布时间：Y 点击数：Z`: two labels or more and no sentence).
//!
//! A page whose text has no sentence at all outside links is not a document.

use super::dom::{Flat, LineKind};
use super::pagemeta;
use crate::model::DropKind;

/// The share of the page's weight the document's block holds.
const SHARE: f64 = 0.8;

/// What becomes of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    Keep,
    Drop(DropKind),
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub fates: Vec<Fate>,
    pub fields: Vec<(String, String)>,
    /// Tables (indices into `Flat::tables`) read as `RawTable`s.
    pub data_tables: Vec<usize>,
}

fn is_sentence(text: &str) -> bool {
    text.contains(['，', '。', '；', ',', ';'])
        || crate::structure::markers::marker_at_start(text).is_some()
}

/// `作者：X 来源：Y 日期：Z`: two `label：` or more (labels of at most six
/// characters), and no sentence punctuation.
fn is_byline(text: &str) -> bool {
    if text.contains(['，', '。', '；']) {
        return false;
    }
    let mut labels = 0;
    let mut run = 0usize;
    for c in text.chars() {
        if c == '：' || c == ':' {
            if (1..=6).contains(&run) {
                labels += 1;
            }
            run = 0;
        } else if c.is_whitespace() || c == '\u{3000}' {
            run = 0;
        } else {
            run += 1;
        }
    }
    labels >= 2
}

fn is_linky(chars: usize, link_chars: usize) -> bool {
    link_chars * 2 > chars
}

/// Finds the document; `None` when the page holds no document text.
pub(crate) fn find(flat: &Flat, titles: &[String]) -> Option<Layout> {
    let n = flat.lines.len();
    let mut fates = vec![Fate::Drop(DropKind::PageChrome); n];
    let mut fields = Vec::new();
    for (i, l) in flat.lines.iter().enumerate() {
        match l.kind {
            LineKind::Script => fates[i] = Fate::Drop(DropKind::Script),
            LineKind::Style => fates[i] = Fate::Drop(DropKind::Style),
            LineKind::Template => fates[i] = Fate::Drop(DropKind::Template),
            LineKind::Text => {}
        }
    }
    // 1. Metadata tables.
    let mut meta_line = vec![false; n];
    for t in 0..flat.tables.len() {
        if let Some(f) = pagemeta::table_fields(flat, t) {
            let e = &flat.elems[flat.tables[t].elem];
            for m in &mut meta_line[e.first_line..e.end_line] {
                *m = true;
            }
            fields.extend(f);
        }
    }
    // 2. Weights, as prefix sums over lines (an element's lines are a range).
    let in_grid = grid_lines(flat);
    let mut prefix = vec![0u64; n + 1];
    let mut full = vec![false; n];
    for (i, l) in flat.lines.iter().enumerate() {
        let mut w = 0;
        if l.kind == LineKind::Text && !meta_line[i] && !is_linky(l.chars, l.link_chars) {
            let own = (l.chars - l.link_chars) as u64;
            full[i] = is_sentence(&l.text) || in_grid[i];
            w = if full[i] { own * 4 } else { own };
        }
        prefix[i + 1] = prefix[i] + w;
    }
    let total = prefix[n];
    if !(0..n).any(|i| full[i]) {
        return None;
    }
    // 3. Descend to the deepest block holding SHARE of the weight.
    let weight = |e: usize| prefix[flat.elems[e].end_line] - prefix[flat.elems[e].first_line];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.elems.len()];
    for (i, e) in flat.elems.iter().enumerate() {
        if let Some(p) = e.parent {
            children[p].push(i);
        }
    }
    let need = (total as f64 * SHARE).ceil() as u64;
    let mut c = 0usize;
    while let Some(&next) = children[c].iter().find(|&&k| weight(k) >= need.max(1)) {
        c = next;
    }
    let (first, end) = (flat.elems[c].first_line, flat.elems[c].end_line);
    for i in first..end {
        if flat.lines[i].kind == LineKind::Text && !meta_line[i] {
            fates[i] = Fate::Keep;
        }
    }
    // 4. The title line before the block, unless the block opens with the
    // title; a part of it there (`某某指南`, the attachment a notice forwards,
    // inside `关于印发《某某指南》的通知`) still looks before the block for the
    // whole, a longer line that is the title too.
    let title_len = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
    let title_in_block = flat.lines[first..end.min(first + 6)]
        .iter()
        .filter(|l| titles.iter().any(|t| is_title_part(&l.text, t)))
        .map(|l| title_len(&l.text))
        .max();
    let found = (first.saturating_sub(15)..first).rev().find(|&i| {
        let l = &flat.lines[i];
        l.kind == LineKind::Text
            && !meta_line[i]
            && title_in_block.is_none_or(|n| title_len(&l.text) > n)
            && (titles.iter().any(|t| is_title_part(&l.text, t))
                || (titles.is_empty() && is_heading_elem(&flat.elems[l.elem].tag)))
    });
    if let Some(t) = found {
        for i in t..first {
            let l = &flat.lines[i];
            if l.kind == LineKind::Text && !meta_line[i] && !is_linky(l.chars, l.link_chars) {
                fates[i] = Fate::Keep;
            }
        }
    }
    // 5. Link lists inside the block.
    let mut i = first;
    while i < end {
        let run_end = (i..end)
            .find(|&j| {
                let l = &flat.lines[j];
                !(l.kind == LineKind::Text && is_linky(l.chars, l.link_chars))
            })
            .unwrap_or(end);
        if run_end - i >= 3 {
            for f in &mut fates[i..run_end] {
                *f = Fate::Drop(DropKind::PageChrome);
            }
        }
        i = run_end.max(i + 1);
    }
    // Bylines between the title and the first sentence.
    let head_end = (first..end).find(|&i| full[i] && fates[i] == Fate::Keep).unwrap_or(end);
    let from = first.saturating_sub(15);
    for (fate, line) in fates[from..head_end].iter_mut().zip(&flat.lines[from..head_end]) {
        if *fate == Fate::Keep && is_byline(&line.text) {
            *fate = Fate::Drop(DropKind::PageChrome);
        }
    }
    // Metadata lines: the table's, and `label：value` lines outside the body.
    for i in 0..n {
        let l = &flat.lines[i];
        if meta_line[i] && l.kind == LineKind::Text {
            fates[i] = Fate::Drop(DropKind::MetadataBlock);
        } else if fates[i] == Fate::Drop(DropKind::PageChrome) && l.kind == LineKind::Text {
            if let Some(f) = pagemeta::line_field(&l.text) {
                fields.push(f);
                fates[i] = Fate::Drop(DropKind::MetadataBlock);
            }
        }
    }
    let data_tables = data_tables(flat, &fates, &meta_line);
    Some(Layout { fates, fields, data_tables })
}

/// Lines in a cell of a grid: a table of three rows or more, two cells or
/// more in some row, no table inside it.
fn grid_lines(flat: &Flat) -> Vec<bool> {
    let mut out = vec![false; flat.lines.len()];
    let has_inner = tables_with_a_table_inside(flat);
    for (ti, t) in flat.tables.iter().enumerate() {
        if has_inner[ti] || t.rows.len() < 3 || !t.rows.iter().any(|r| r.len() >= 2) {
            continue;
        }
        for &c in t.rows.iter().flatten() {
            let e = &flat.elems[c];
            for o in &mut out[e.first_line..e.end_line] {
                *o = true;
            }
        }
    }
    out
}

/// For each table, whether another table stands inside it.
fn tables_with_a_table_inside(flat: &Flat) -> Vec<bool> {
    let mut out = vec![false; flat.tables.len()];
    for t in &flat.tables {
        let mut p = flat.elems[t.elem].parent;
        while let Some(e) = p {
            if let Some(outer) = flat.elems[e].table {
                out[outer] = true;
                break;
            }
            p = flat.elems[e].parent;
        }
    }
    out
}

fn is_heading_elem(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3")
}

/// The line is the title or a piece of it (a title broken over two lines).
fn is_title_part(line: &str, title: &str) -> bool {
    let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    !l.is_empty() && (l == t || (l.chars().count() >= 6 && t.contains(&l)))
}

/// Kept tables with at least two rows and two columns, no table inside them
/// and short cells: their cells are data. Other tables are layout and read
/// as lines.
fn data_tables(flat: &Flat, fates: &[Fate], meta_line: &[bool]) -> Vec<usize> {
    let nested = tables_with_a_table_inside(flat);
    let mut out = Vec::new();
    for (ti, t) in flat.tables.iter().enumerate() {
        let e = &flat.elems[t.elem];
        if nested[ti] || e.first_line == e.end_line {
            continue;
        }
        let lines = e.first_line..e.end_line;
        if lines.clone().any(|i| meta_line[i] || fates[i] != Fate::Keep) {
            continue;
        }
        let cols = t
            .rows
            .iter()
            .map(|r| r.iter().map(|&c| flat.elems[c].colspan).sum::<usize>())
            .max()
            .unwrap_or(0);
        let short = t.rows.iter().flatten().all(|&c| {
            let ce = &flat.elems[c];
            flat.lines[ce.first_line..ce.end_line].iter().map(|l| l.chars).sum::<usize>() <= 1000
        });
        if t.rows.len() >= 2 && cols >= 2 && short {
            out.push(ti);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::RcDom;

    fn flat(html: &str) -> Flat {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        super::super::dom::flatten(&dom.document)
    }

    fn kept(f: &Flat, l: &Layout) -> Vec<String> {
        f.lines
            .iter()
            .zip(&l.fates)
            .filter(|(_, &fate)| fate == Fate::Keep)
            .map(|(l, _)| l.text.clone())
            .collect()
    }

    const BODY: &str = "<p>为推进工作，制定本方案。</p><p>一、总体要求</p>\
        <p>到2025年，建成示范学校10所，培养骨干教师200名。</p><p>二、保障措施</p>\
        <p>各地要加强组织领导，落实经费保障，确保各项任务落到实处。</p>";

    #[test]
    fn the_body_and_its_title_are_kept_the_chrome_dropped() {
        let html = format!(
            "<body><div class=nav><a href=/>首页</a><a href=/a>新闻</a><a href=/b>公开</a></div>\
             <div class=crumb>当前位置：<a href=/>首页</a> &gt; 正文</div>\
             <div class=t><h1>关于某事的方案</h1></div><div class=info>发布时间：2024-01-01</div>\
             <div class=c>{BODY}<ul><li><a href=/1>相关一</a></li><li><a href=/2>相关二</a></li>\
             <li><a href=/3>相关三</a></li></ul></div>\
             <div class=foot><p>主办单位：某某局</p><p><a href=/icp>浙ICP备1号</a></p></div></body>"
        );
        let f = flat(&html);
        let l = find(&f, &["关于某事的方案".to_string()]).unwrap();
        let k = kept(&f, &l);
        assert_eq!(k.first().map(String::as_str), Some("关于某事的方案"));
        assert!(k.iter().any(|x| x.contains("示范学校10所")));
        for chrome in ["首页", "相关一", "主办单位：某某局", "浙ICP备1号", "当前位置"]
        {
            assert!(!k.iter().any(|x| x.contains(chrome)), "{chrome} kept: {k:?}");
        }
    }

    #[test]
    fn a_page_of_links_and_menus_has_no_document() {
        let f = flat(
            "<body><ul><li><a href=/1>关于某事的通知，请查看</a></li></ul><p>首页 新闻 公开</p></body>",
        );
        assert!(find(&f, &[]).is_none());
    }

    #[test]
    fn metadata_tables_are_read_and_dropped_data_tables_kept() {
        let html = format!(
            "<body><table><tr><td>索引号：</td><td>1/2024</td><td>发文机关：</td><td>某局</td></tr>\
             <tr><td>文号：</td><td>某发〔2024〕1号</td></tr></table>{BODY}\
             <table><tr><td>任务</td><td>牵头单位</td></tr><tr><td>建设学校，完成验收。</td><td>某局</td></tr></table></body>"
        );
        let f = flat(&html);
        let l = find(&f, &[]).unwrap();
        assert!(l.fields.contains(&("文号".into(), "某发〔2024〕1号".into())));
        let meta_fates: Vec<_> = f
            .lines
            .iter()
            .zip(&l.fates)
            .filter(|(x, _)| x.text.contains("1/2024"))
            .map(|(_, &fate)| fate)
            .collect();
        assert_eq!(meta_fates, [Fate::Drop(DropKind::MetadataBlock)]);
        assert_eq!(l.data_tables, [1]);
    }

    #[test]
    fn bylines() {
        assert!(is_byline("作者：招生办 来源：招生就业处 阅读：3582次"));
        assert!(is_byline("信息来源：县卫生健康局\u{3000}发布时间：2024-03-18 10:12"));
        assert!(!is_byline("联系人：张三，电话：12345"));
        assert!(!is_byline("附件：名单"));
    }

    #[test]
    fn title_parts() {
        assert!(is_title_part("关于印发 某某方案", "关于印发某某方案的通知"));
        assert!(!is_title_part("通知", "关于印发某某方案的通知"));
        assert!(!is_title_part("", "x"));
    }
}
