//! clean: here are decoded lines, give me the document text and what was dropped.
//!
//! Scraped pages carry the site around the document. Cleaning keeps the
//! document and drops the site (`../shared/spec/cleaning.md`):
//!
//! 1. each line is classified: site chrome, a page-info line, a metadata-block
//!    field, a sharing-site header, or body;
//! 2. residue inside body lines (`(略)`, `点击查看>>`) is cut out;
//! 3. page markers of a converted document (`14、` starting a line that
//!    continues a sentence) are removed and the two halves joined;
//! 4. a title standing twice near the top and a body repeated on the page are kept once;
//! 5. white space is folded and full-width digits and Latin letters are narrowed.
//!
//! Invariant: every non-white-space character of the source is either in the
//! cleaned text (up to width folding) or inside a [`Dropped`] span. Metadata
//! lines are dropped from the body, but their fields are kept in
//! [`Cleaned::fields`] for the metadata stage.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::deadline::Deadline;
use crate::model::{Diagnostic, DropKind, Dropped, Span};
use crate::raw::{Block, RawDocument};
use crate::textutil::Words;
use crate::Limits;

/// One line of the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Char span of the line in `Cleaned::text` (without its newline).
    pub start: usize,
    pub end: usize,
    /// Byte span of the line in `Cleaned::text`.
    pub bstart: usize,
    pub bend: usize,
    /// Outline level from a .docx heading style.
    pub heading_level: Option<u8>,
    /// Set for the lines that are cells of a .docx table.
    pub cell: Option<CellRef>,
}

/// Where a table cell's line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRef {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// A .docx table after cleaning: each grid cell's text, merges resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanTable {
    pub rows: Vec<Vec<CleanCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanCell {
    pub text: String,
    /// The line of the cleaned text that shows this cell (the cell above, for a merged cell).
    pub line: Option<usize>,
    pub merged_from_above: bool,
    pub merged_from_left: bool,
}

/// The cleaned document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub lines: Vec<Line>,
    pub tables: Vec<CleanTable>,
    pub dropped: Vec<Dropped>,
    pub diagnostics: Vec<Diagnostic>,
    /// Labelled fields of dropped metadata blocks and page-info lines, `(label, value)`.
    pub fields: Vec<(String, String)>,
    /// Titles seen in dropped headers (the file name in a sharing-site header).
    pub title_candidates: Vec<String>,
    /// Titles dropped as repeats: the kept copy is a title.
    pub repeated_titles: Vec<String>,
}

impl Cleaned {
    /// The text of line `i`.
    pub fn line_text(&self, i: usize) -> &str {
        let l = &self.lines[i];
        &self.text[l.bstart..l.bend]
    }
}

/// A line on its way through cleaning.
struct Work<'a> {
    /// Source char offset of the first char of `raw`.
    src: usize,
    raw: &'a str,
    /// Body text after residue removal and folding; empty when dropped.
    text: String,
    drop: Option<DropKind>,
    /// Append to the previous kept line instead of starting a new one.
    join_prev: bool,
    heading_level: Option<u8>,
    /// `raw` holds characters folding removes silently (see [`is_invisible`]).
    invisible: bool,
}

/// Stops early, with part of the text, when `deadline` expires (the pipeline
/// then reports the document as timed out).
pub fn clean(raw: &RawDocument, limits: &Limits, deadline: &Deadline) -> Cleaned {
    let mut out = Cleaned { fields: raw.fields.clone(), ..Cleaned::default() };
    let mut work: Vec<Work> = Vec::new();
    let mut tables: Vec<(usize, &crate::raw::RawTable)> = Vec::new();
    for block in &raw.blocks {
        match block {
            Block::Para(p) => work.push(Work {
                src: p.start,
                raw: &p.text,
                text: String::new(),
                drop: None,
                join_prev: false,
                heading_level: p.heading_level,
                invisible: false,
            }),
            Block::Table(t) => tables.push((work.len(), t)),
        }
    }

    classify_lines(&mut work, &mut out);
    strip_residue(&mut work, &mut out);
    if deadline.expired() {
        return out;
    }
    mark_page_markers(&mut work, &mut out);
    drop_tail_chrome(&mut work);
    drop_repeated_body(&mut work, limits);
    drop_repeated_title(&mut work, &mut out);
    if deadline.expired() {
        return out;
    }

    // Assemble the text; tables are inserted where they stood among the paragraphs.
    let mut ti = 0;
    // Sized up front: growing by doubling would hold two copies at a time.
    let kept: usize =
        work.iter().filter(|w| w.drop.is_none()).map(|w| w.text.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(kept);
    let mut len = 0usize; // chars in `text`
    for (i, w) in work.iter_mut().enumerate() {
        while ti < tables.len() && tables[ti].0 == i {
            push_table(tables[ti].1, &mut out, &mut text, &mut len);
            ti += 1;
        }
        if w.drop.is_some() || w.text.is_empty() {
            continue;
        }
        // The line is moved out of `work` as it is copied, so that the document
        // is held about once, not twice, while it is assembled.
        let line = std::mem::take(&mut w.text);
        let n = line.chars().count();
        if w.join_prev && !out.lines.is_empty() && out.lines.last().unwrap().cell.is_none() {
            text.push_str(&line);
            len += n;
            let last = out.lines.last_mut().unwrap();
            last.end = len;
            last.bend = text.len();
        } else {
            if !out.lines.is_empty() {
                text.push('\n');
                len += 1;
            }
            let bstart = text.len();
            text.push_str(&line);
            out.lines.push(Line {
                start: len,
                end: len + n,
                bstart,
                bend: text.len(),
                heading_level: w.heading_level,
                cell: None,
            });
            len += n;
        }
    }
    while ti < tables.len() {
        push_table(tables[ti].1, &mut out, &mut text, &mut len);
        ti += 1;
    }
    out.text = text;

    // Whole dropped lines, in source order with the inline ones.
    for w in &work {
        if let Some(kind) = w.drop {
            if w.raw.trim().is_empty() {
                continue;
            }
            // The span ends before a line's `\r`, so that the text is the source at the span.
            let text = w.raw.trim_end_matches('\r');
            let n = text.chars().count();
            out.dropped.push(Dropped {
                kind,
                text: text.to_string(),
                span: Span::new(w.src, w.src + n),
            });
        } else {
            record_invisible(w, &mut out);
        }
    }
    out.dropped.extend(raw.dropped.iter().cloned());
    out.dropped.sort_by_key(|d| (d.span.start, d.span.end, d.kind));
    merge_adjacent_drops(&mut out.dropped, &raw.source_text);
    out
}

fn push_table(t: &crate::raw::RawTable, out: &mut Cleaned, text: &mut String, len: &mut usize) {
    let table = out.tables.len();
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut above: Vec<Option<usize>> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut left: Option<usize> = None;
        for (c, cell) in row.iter().enumerate() {
            let folded = fold_line(&cell.text);
            let line = if cell.merged_from_above {
                above.get(c).copied().flatten()
            } else if cell.merged_from_left {
                left
            } else if folded.is_empty() {
                None
            } else {
                if !out.lines.is_empty() {
                    text.push('\n');
                    *len += 1;
                }
                let n = folded.chars().count();
                let bstart = text.len();
                text.push_str(&folded);
                out.lines.push(Line {
                    start: *len,
                    end: *len + n,
                    bstart,
                    bend: text.len(),
                    heading_level: None,
                    cell: Some(CellRef { table, row: r, col: c }),
                });
                *len += n;
                Some(out.lines.len() - 1)
            };
            if above.len() <= c {
                above.resize(c + 1, None);
            }
            above[c] = line;
            left = line;
            cells.push(CleanCell {
                text: folded,
                line,
                merged_from_above: cell.merged_from_above,
                merged_from_left: cell.merged_from_left,
            });
        }
        rows.push(cells);
    }
    out.tables.push(CleanTable { rows });
}

/// Joins drops of the same kind that touch (only white space between them).
fn merge_adjacent_drops(drops: &mut Vec<Dropped>, source: &str) {
    if drops.len() < 2 {
        return;
    }
    let mut cursor = crate::textutil::CharCursor::new(source);
    let mut merged: Vec<Dropped> = Vec::with_capacity(drops.len());
    let mut grown: Vec<usize> = Vec::new(); // merged entries whose text is re-read at the end
    for d in drops.drain(..) {
        let n = merged.len();
        if let Some(last) = merged.last_mut() {
            let gap_ok = last.kind == d.kind
                && last.kind != DropKind::RepeatedBody
                && d.span.start >= last.span.end
                && cursor.slice(last.span.end, d.span.start).is_some_and(|g| g.trim().is_empty())
                && cursor.byte(d.span.end).is_some();
            if gap_ok {
                last.span.end = d.span.end;
                if grown.last() != Some(&(n - 1)) {
                    grown.push(n - 1);
                }
                continue;
            }
        }
        merged.push(d);
    }
    for i in grown {
        let d = &mut merged[i];
        if let Some(text) = cursor.slice(d.span.start, d.span.end) {
            d.text = text.to_string();
        }
    }
    *drops = merged;
}

// ---------------------------------------------------------------------------
// Line classification

/// Lines that are the site around the document, as whole lines.
const CHROME_LINES: &[&str] = &[
    "字体【",
    "字体",
    "【字体:大中小】",
    "字号",
    "预留广告位",
    "广告位",
    "内容",
    "发送至邮箱",
    "查看详情》",
    "查看详情",
    "查看详情>>",
    "相关推荐",
    "相关阅读",
    "相关链接",
    "相关文章",
    "招投标大数据",
    "收藏",
    "首页",
    "最近搜索",
    "热门搜索",
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭",
    "【打印】",
    "【关闭】",
    "【关闭窗口】",
    "【打印本页】",
    "返回顶部",
    "分享到",
    "分享到:",
    "分享",
    "扫一扫",
    "扫一扫在手机打开当前页",
    "我要纠错",
    "网站地图",
    "联系我们",
    "加入收藏",
    "设为首页",
    "上一篇",
    "下一篇",
    "上一篇:",
    "下一篇:",
    "附件下载",
    "【字体:大中小】【打印】",
    "微信",
    "微博",
    "QQ空间",
    "在线阅读",
    "免费下载",
    "举报",
];

/// What a line of the site starts with (compared without white space).
const CHROME_PREFIXES: &[&str] = &[
    "本文TAG",
    "本文Tag",
    "本文永久网址",
    "本文链接",
    "上一篇:",
    "上一篇：",
    "下一篇:",
    "下一篇：",
    "责任编辑:",
    "责任编辑：",
    "【字体",
    "字体:",
    "字体：",
    "分享到:",
    "分享到：",
    "当前位置:",
    "当前位置：",
    "您当前的位置",
    "您现在的位置",
    // A legal database's export header: `北大法宝【法宝引证码】…`, `原文链接：…`.
    "北大法宝",
    "原文链接:",
    "原文链接：",
];

static RE_PAGE_INFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:分类|栏目)[:：].*(?:日期|时间)[:：]|(?:发布日期|发布时间|更新时间)[:：].*(?:访问|浏览|来源|点击|人气)|(?:来源|访问次数|浏览次数|点击数|点击量|阅读次数)[:：].{0,40}$|日期[:：]\s*\d{4}-\d{1,2}-\d{1,2}.*(?:人气|浏览|访问))",
    )
    .unwrap()
});

/// `label:value` pairs of a page-info line (`日期:2022-11-05 22:55人气:…`).
static RE_PAGE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(分类|栏目|日期|发布日期|发布时间|来源)[:：]\s*([^\s:：]*(?:\s\d{1,2}:\d{2})?)")
        .unwrap()
});

/// The first characters of the labels [`RE_PAGE_INFO`] starts with (keep in step).
const PAGE_INFO_FIRST: &str = "分栏发更来访浏点阅日";

/// A metadata field line of scraped text (`• 索 引 号:…`): a label after
/// bullets, its colon and its value ([`crate::labels::split_field`]).
fn meta_field(line: &str) -> Option<(&'static str, &str)> {
    let t = line.trim_start_matches(|c: char| {
        matches!(c, '•' | '·' | '●' | '▪' | '-' | '*') || c.is_whitespace()
    });
    // Most lines stop at their first character.
    t.chars().next().filter(|&c| crate::labels::may_start_label(c))?;
    crate::labels::split_field(t)
}

static RE_SHARE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^《(.+?)》(由会员分享|由用户分享|免费下载|在线阅读)").unwrap());

/// The first characters a chrome line (whole or by its prefix) can start with.
static CHROME_FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = CHROME_LINES
        .iter()
        .chain(CHROME_PREFIXES.iter())
        .filter_map(|l| l.chars().next())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

static FULL_COLON: LazyLock<Words> = LazyLock::new(|| Words::new(&["："]));

fn classify_lines(work: &mut [Work<'_>], out: &mut Cleaned) {
    for w in work.iter_mut() {
        let mut folded = String::with_capacity(w.raw.len());
        w.invisible = fold_into(w.raw, &mut folded);
        let Some(first) = folded.chars().next() else {
            continue;
        };
        // Chrome lines are short and start with one of a few characters; labelled
        // lines carry a colon. Body lines skip the regexes.
        let chrome_like = folded.len() <= 120 && CHROME_FIRST.binary_search(&first).is_ok();
        let colon = memchr::memchr(b':', folded.as_bytes()).is_some() || FULL_COLON.any_in(&folded);
        let compact: String = if chrome_like {
            folded.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            String::new()
        };
        if chrome_like
            && (CHROME_LINES.contains(&compact.as_str())
                || CHROME_PREFIXES.iter().any(|p| compact.starts_with(p)))
        {
            w.drop = Some(DropKind::SiteChrome);
        } else if colon && PAGE_INFO_FIRST.contains(first) && RE_PAGE_INFO.is_match(&folded) {
            for c in RE_PAGE_FIELD.captures_iter(&folded) {
                let v = c[2].trim();
                if !v.is_empty() {
                    out.fields.push((format!("page:{}", &c[1]), v.to_string()));
                }
            }
            w.drop = Some(DropKind::PageInfo);
        } else if let Some((label, value)) = Some(())
            .filter(|_| colon || matches!(first, '[' | '【' | '［'))
            .and_then(|_| meta_field(&folded))
        {
            out.fields.push((label.to_string(), value.to_string()));
            w.drop = Some(DropKind::MetadataBlock);
        } else if let Some(c) =
            Some(()).filter(|_| first == '《').and_then(|_| RE_SHARE_HEADER.captures(&folded))
        {
            let name = c[1].trim();
            let name = strip_extension(name);
            out.title_candidates.push(name.to_string());
            w.drop = Some(DropKind::ShareHeader);
        }
        w.text = folded;
    }
}

fn strip_extension(name: &str) -> &str {
    for ext in [".docx", ".doc", ".pdf", ".txt", ".wps", ".DOCX", ".DOC", ".PDF"] {
        if let Some(s) = name.strip_suffix(ext) {
            return s;
        }
    }
    name
}

/// `(略)` (group `r`) or `点击查看>>` (group `l`), with the spaces around it.
static RESIDUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[ \t\u{3000}\u{a0}]*(?:(?P<r>[(（]\s*略\s*[)）])|(?P<l>点击查看\s*>>|点击查看》|点击查看»))[ \t\u{3000}\u{a0}]*")
        .unwrap()
});

/// The byte in `raw` where a line's folded text starts: past what folding
/// drops and past residue [`strip_residue`] removed (`(略)27、` starts at `2`).
fn text_start_in_raw(raw: &str) -> usize {
    let mut at = 0;
    loop {
        at += raw[at..].find(|c: char| !is_folded_away(c)).unwrap_or(raw.len() - at);
        // Most lines open with neither residue: no search along the line.
        if !raw[at..].starts_with(['(', '（', '点']) {
            return at;
        }
        match RESIDUE.find_at(raw, at) {
            Some(m) if m.start() == at && !m.is_empty() => at = m.end(),
            _ => return at,
        }
    }
}

/// Removes `(略)` and `点击查看>>` from body lines, recording each in the source.
fn strip_residue(work: &mut [Work<'_>], out: &mut Cleaned) {
    for w in work.iter_mut() {
        static HINTS: LazyLock<Words> = LazyLock::new(|| Words::new(&["略", "点击查看"]));
        if w.drop.is_some() || !HINTS.any_in(w.raw) || !RESIDUE.is_match(w.raw) {
            continue;
        }
        let mut kept = String::with_capacity(w.raw.len());
        let mut last = 0;
        // Char offset of byte `last`, counted on as the matches go (linear in the line).
        let mut last_char = w.src;
        for m in RESIDUE.captures_iter(w.raw) {
            let whole = m.get(0).unwrap();
            kept.push_str(&w.raw[last..whole.start()]);
            let start = last_char + w.raw[last..whole.start()].chars().count();
            let end = start + whole.as_str().chars().count();
            let kind =
                if m.name("r").is_some() { DropKind::Redaction } else { DropKind::LinkResidue };
            out.dropped.push(Dropped {
                kind,
                text: whole.as_str().to_string(),
                span: Span::new(start, end),
            });
            last = whole.end();
            last_char = end;
        }
        kept.push_str(&w.raw[last..]);
        w.text = fold_line(&kept);
    }
}

/// Page markers: a run of lines starting `N、` with N counting up by one, which cut
/// sentences in two (or are far longer than list items). The marker is dropped and
/// the line joined to the previous one.
fn mark_page_markers(work: &mut [Work<'_>], out: &mut Cleaned) {
    // Candidate lines and their numbers.
    let cands: Vec<(usize, u32)> = work
        .iter()
        .enumerate()
        .filter(|(_, w)| {
            w.drop.is_none() && w.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        })
        .filter_map(|(i, w)| Some((i, page_marker_number(&w.text)?)))
        .collect();
    // Split into runs of consecutive numbers.
    let mut runs: Vec<Vec<(usize, u32)>> = Vec::new();
    for c in cands {
        match runs.last_mut() {
            Some(run) if run.last().unwrap().1 + 1 == c.1 => run.push(c),
            _ => runs.push(vec![c]),
        }
    }
    for run in runs {
        if run.len() < 3 {
            continue;
        }
        let mut cut = 0;
        let mut total_len = 0;
        for &(i, _) in &run {
            total_len += work[i].text.chars().count();
            if let Some(prev) = prev_kept(work, i) {
                if !ends_sentence(&work[prev].text) {
                    cut += 1;
                }
            }
        }
        let avg = total_len / run.len();
        if cut * 2 < run.len() && avg < 150 {
            continue; // an ordinary numbered list
        }
        for &(i, _) in &run {
            let has_prev = prev_kept(work, i).is_some();
            let w = &mut work[i];
            // Folding and residue removal drop what leads the line: skip it in `raw` too.
            let lead = text_start_in_raw(w.raw);
            // The digits and `、`, one char each.
            let marker_len = w.text.bytes().take_while(u8::is_ascii_digit).count() + 1;
            let start = w.src + w.raw[..lead].chars().count();
            let marker: String = w.raw[lead..].chars().take(marker_len).collect();
            out.dropped.push(Dropped {
                kind: DropKind::PageMarker,
                text: marker,
                span: Span::new(start, start + marker_len),
            });
            // ASCII digits and `、` (3 bytes).
            w.text = w.text[marker_len - 1 + '、'.len_utf8()..].trim_start().to_string();
            w.join_prev = has_prev;
        }
    }
}

/// `14、` opening a line: the number (one to four digits before `、`).
fn page_marker_number(t: &str) -> Option<u32> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=4).contains(&digits) && t[digits..].starts_with('、'))
        .then(|| t[..digits].parse().ok())?
}

fn prev_kept(work: &[Work<'_>], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| work[j].drop.is_none() && !work[j].text.is_empty())
}

fn ends_sentence(s: &str) -> bool {
    matches!(s.chars().last(), Some('。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':'))
}

/// After a `相关推荐`-style line near the end, short lines are the site's link lists.
fn drop_tail_chrome(work: &mut [Work<'_>]) {
    const RELATED: &[&str] =
        &["相关推荐", "相关阅读", "相关链接", "相关文章", "热门搜索", "最近搜索"];
    let Some(pos) = work.iter().position(|w| {
        w.drop == Some(DropKind::SiteChrome) && RELATED.iter().any(|r| w.text.starts_with(r))
    }) else {
        return;
    };
    let rest = &work[pos..];
    let body_after = rest.iter().filter(|w| w.drop.is_none() && !w.text.is_empty());
    if body_after.clone().all(|w| w.text.chars().count() <= 30) && body_after.count() <= 40 {
        for w in &mut work[pos..] {
            if w.drop.is_none() && !w.text.is_empty() {
                w.drop = Some(DropKind::SiteChrome);
            }
        }
    }
}

/// The title standing again near the top is kept once. The title is the first
/// kept line that can be one (six characters or more, not a sentence, no
/// marker); only that line's copies among the first lines are dropped: any
/// other line that recurs (an owner line after each item, a sentence under two
/// headings) is text and stays (`cleaning.md`).
fn drop_repeated_title(work: &mut [Work<'_>], out: &mut Cleaned) {
    const NEAR_TOP: usize = 12;
    let mut title: Option<usize> = None;
    let mut kept = 0;
    for i in 0..work.len() {
        if work[i].drop.is_some() || work[i].text.is_empty() {
            continue;
        }
        kept += 1;
        if kept > NEAR_TOP {
            break;
        }
        let t = &work[i].text;
        let may_be_title = t.chars().count() >= 6 && !ends_sentence(t) && !starts_with_marker(t);
        match title {
            Some(j) if may_be_title && work[j].text == *t => {
                out.repeated_titles.push(t.clone());
                work[i].drop = Some(DropKind::RepeatedTitle);
            }
            None if may_be_title => title = Some(i),
            _ => {}
        }
    }
}

fn starts_with_marker(t: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]*[)）]|\d+\s*[.、．]|第[一二三四五六七八九十百\d]+[章节条])").unwrap()
    });
    RE.is_match(t)
}

/// A body the page repeats: a run of at least `MIN_LINES` lines and `MIN_CHARS`
/// characters equal to an earlier run, and holding at least half the text
/// before it (the document standing twice, not a few lines that recur), is dropped.
fn drop_repeated_body(work: &mut [Work<'_>], limits: &Limits) {
    const MIN_LINES: usize = 4;
    const MIN_CHARS: usize = 120;
    let idx: Vec<usize> =
        (0..work.len()).filter(|&i| work[i].drop.is_none() && !work[i].text.is_empty()).collect();
    // Very long lines are compared by their first `max_line_chars` characters.
    let keys: Vec<&str> = idx
        .iter()
        .map(|&i| {
            let t = work[i].text.as_str();
            if t.len() <= limits.max_line_chars {
                return t; // bytes ≥ chars: no cut needed
            }
            let cut =
                t.char_indices().nth(limits.max_line_chars).map(|(b, _)| b).unwrap_or(t.len());
            &t[..cut]
        })
        .collect();
    let key = |i: usize| -> &str { keys[i] };
    // before[k]: characters of the kept lines before line k.
    let mut before = Vec::with_capacity(keys.len() + 1);
    before.push(0usize);
    for k in &keys {
        before.push(before.last().unwrap() + k.chars().count());
    }
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    let mut to_drop: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let line = key(k);
        match first.get(line) {
            Some(&j) if line.chars().count() >= 2 => {
                let mut n = 0;
                let mut chars = 0;
                while k + n < idx.len() && j + n < k && key(j + n) == key(k + n) {
                    chars += key(k + n).chars().count();
                    n += 1;
                }
                if n >= MIN_LINES && chars >= MIN_CHARS {
                    // A run too small for a copy of the body: so is every run
                    // starting inside it (fewer characters, more before them),
                    // so it is stepped over whole, which keeps this linear.
                    if 2 * chars >= before[k] {
                        to_drop.push((k, k + n));
                    }
                    k += n;
                    continue;
                }
            }
            Some(_) => {}
            None => {
                first.insert(line, k);
            }
        }
        k += 1;
    }
    for (a, b) in to_drop {
        for &i in &idx[a..b] {
            work[i].drop = Some(DropKind::RepeatedBody);
        }
    }
}

// ---------------------------------------------------------------------------
// Folding

/// Control and zero-width characters of a kept line, which folding removes,
/// recorded as dropped so that nothing leaves silently.
fn record_invisible(w: &Work, out: &mut Cleaned) {
    if !w.invisible {
        return;
    }
    let mut run: Option<(usize, String)> = None;
    let flush = |run: &mut Option<(usize, String)>, out: &mut Cleaned| {
        if let Some((start, text)) = run.take() {
            let end = start + text.chars().count();
            out.dropped.push(Dropped {
                kind: DropKind::ControlChars,
                text,
                span: Span::new(start, end),
            });
        }
    };
    for (i, c) in w.raw.chars().enumerate() {
        if is_invisible(c) {
            run.get_or_insert_with(|| (w.src + i, String::new())).1.push(c);
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}

/// Characters folding removes without a trace: controls and zero-width marks
/// (white space becomes a space, so it is not among them).
fn is_invisible(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || c == '\u{feff}' || c == '\u{200b}'
}

/// Characters [`fold_line`] removes or turns into a space.
fn is_folded_away(c: char) -> bool {
    let c = fold_char(c);
    c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}'
}

/// Folds one line: full-width digits and Latin letters to ASCII, every kind of
/// white space (full-width, no-break, tabs) to one ASCII space, runs folded,
/// ends trimmed; control characters become spaces. Chinese punctuation is kept.
pub fn fold_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold_line`] into `out` (which must be empty); true when an invisible
/// character ([`is_invisible`]) was removed.
fn fold_into(s: &str, out: &mut String) -> bool {
    let b = s.as_bytes();
    let mut invisible = false;
    let mut pending_space = false;
    let mut i = 0;
    while i < b.len() {
        // A run of characters that folding leaves alone is copied in one go.
        let start = i;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                if x > b' ' && x != 0x7f {
                    i += 1;
                    continue;
                }
                break;
            }
            // Lead bytes E4..E9 are U+4000..U+9FFF: ideographs, never folded.
            if (0xE4..=0xE9).contains(&x) {
                i += 3;
                continue;
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            if is_folded_away(c) || fold_char(c) != c {
                break;
            }
            i += c.len_utf8();
        }
        if i > start {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&s[start..i]);
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
        i += c.len_utf8();
        if is_folded_away(c) {
            invisible |= is_invisible(c);
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fold_char(c));
    }
    invisible
}

/// Width folding of `cleaning.md`: NFKC for full-width digits and Latin letters only.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c)
        }
        '\u{FF0E}' => '.',
        '\u{FF05}' => '%',
        '\u{FF0B}' => '+',
        '\u{2212}' => '-',
        '\u{3000}' | '\u{a0}' | '\t' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::read_text;

    fn cleaned(src: &str) -> Cleaned {
        clean(&read_text(src.as_bytes().to_vec()).unwrap(), &Limits::default(), &Deadline::never())
    }

    /// The plain definition of folding, char by char, as an oracle for [`fold_line`].
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.chars() {
            if is_folded_away(c) {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(fold_char(c));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fold_line_is_the_char_by_char_definition(
            s in "[ a-z0-9\\t\u{3000}\u{a0}\u{feff}\u{200b}\u{0}-\u{1f}\u{7f}-\u{9f}\u{ff01}-\u{ff5e}\u{2212}一-龥，。：；“”（）]{0,40}"
        ) {
            let mut out = String::new();
            let invisible = fold_into(&s, &mut out);
            proptest::prop_assert_eq!(&out, &fold_reference(&s));
            proptest::prop_assert_eq!(invisible, s.chars().any(is_invisible));
        }
    }

    #[test]
    fn width_folding_keeps_chinese_punctuation() {
        assert_eq!(fold_line("　到２０２５年，ＣＩＯ　 团队\u{a0}"), "到2025年，CIO 团队");
    }

    #[test]
    fn page_markers_are_dropped_and_sentences_joined() {
        let src = "《规划.docx》由会员分享,可在线阅读。\n1、一、回顾全区教育发展取得成效,确保优质高中比例达\n2、100%。促进特殊教育优质融合发展,普及残疾儿童\n3、少年15年教育。加强教育资源建设";
        let c = cleaned(src);
        assert_eq!(
            c.text,
            "一、回顾全区教育发展取得成效,确保优质高中比例达100%。促进特殊教育优质融合发展,普及残疾儿童少年15年教育。加强教育资源建设"
        );
        let markers: Vec<_> = c
            .dropped
            .iter()
            .filter(|d| d.kind == DropKind::PageMarker)
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(markers, ["1、", "2、", "3、"]);
        assert_eq!(c.title_candidates, ["规划"]);
    }

    #[test]
    fn a_metadata_line_is_read_under_its_field_s_canonical_name() {
        let c = cleaned("信息索引号：11330300/2024-001\n发文单位： 某某市教育局\n印发日期：2024-03-01\n发展目标：到2025年，新建学校10所。");
        assert_eq!(
            c.fields,
            [
                ("索引号".to_string(), "11330300/2024-001".to_string()),
                ("发文机关".to_string(), "某某市教育局".to_string()),
                ("成文日期".to_string(), "2024-03-01".to_string()),
            ]
        );
        assert_eq!(c.text, "发展目标：到2025年，新建学校10所。");
    }

    #[test]
    fn a_page_marker_after_a_redaction_is_recorded_at_its_own_span() {
        // Found by the property tests: `(略)` is removed before the marker is
        // seen, and the marker was recorded at the redaction's span.
        let src = "(略)1、回顾全区教育发展取得成效,确保优质高中比例达\n2、100%。普及残疾儿童\n3、少年15年教育。";
        let c = cleaned(src);
        assert_eq!(
            c.text,
            "回顾全区教育发展取得成效,确保优质高中比例达100%。普及残疾儿童少年15年教育。"
        );
        let dropped: Vec<_> =
            c.dropped.iter().map(|d| (d.kind, d.text.as_str(), d.span.start, d.span.end)).collect();
        assert_eq!(
            dropped,
            [
                (DropKind::Redaction, "(略)", 0, 3),
                (DropKind::PageMarker, "1、", 3, 5),
                (DropKind::PageMarker, "2、", 28, 30),
                (DropKind::PageMarker, "3、", 42, 44),
            ]
        );
    }

    #[test]
    fn an_ordinary_numbered_list_is_not_a_page_marker_run() {
        let c = cleaned("1、加强领导。\n2、落实责任。\n3、强化保障。");
        assert_eq!(c.text, "1、加强领导。\n2、落实责任。\n3、强化保障。");
    }

    #[test]
    fn redactions_are_cut_out_and_recorded_at_their_source_position() {
        let src = "以习近平新时 (略) 会主义思想为指导 点击查看>> 。";
        let c = cleaned(src);
        assert_eq!(c.text, "以习近平新时会主义思想为指导。");
        assert_eq!(c.dropped.len(), 2);
        let d = &c.dropped[0];
        assert_eq!(d.kind, DropKind::Redaction);
        let chars: Vec<char> = src.chars().collect();
        let s: String = chars[d.span.start..d.span.end].iter().collect();
        assert_eq!(s, d.text);
    }

    #[test]
    fn a_repeated_owner_line_is_text() {
        let owner = "责任单位：市教育局，各级各类学校";
        let src = format!(
            "关于推进教育数字化的实施方案\n1.建设智慧校园50所。\n{owner}\n2.培训教师3000名。\n{owner}\n3.新建实验室20个。\n{owner}\n4.开发课程100门。\n{owner}"
        );
        let c = cleaned(&src);
        assert_eq!(c.text, src);
        assert!(c.dropped.is_empty(), "{:?}", c.dropped);
    }

    #[test]
    fn only_the_title_is_dropped_as_a_repeated_title() {
        let line = "Some more plain text";
        let src = format!("A Test of Headers\nSecond Level\n{line}\nThird level\n{line}\nFourth level\n{line}\nA Test of Headers");
        let c = cleaned(&src);
        assert_eq!(c.text.matches(line).count(), 3, "{}", c.text);
        assert_eq!(c.repeated_titles, vec!["A Test of Headers".to_string()]);
        assert_eq!(c.dropped.len(), 1);
        assert_eq!(c.dropped[0].kind, DropKind::RepeatedTitle);
    }

    #[test]
    fn a_few_recurring_lines_are_not_a_repeated_body() {
        let block = "牵头单位：市教育局\n配合单位：市财政局、市人力社保局\n完成时限：2025年底前\n工作要求：各地各校要按照本方案要求抓好落实，定期报送工作进展情况，及时总结推广典型经验做法，对工作推进不力的单位进行通报，确保各项任务按期保质完成，取得实效";
        let mut src = String::from("关于推进教育数字化的实施方案\n");
        for k in 1..=3 {
            src.push_str(&format!("{k}.建设智慧校园{k}0所，覆盖全市所有中小学校，提升教育信息化水平和教学质量，推动优质资源共享，完善数字教育资源公共服务体系，建立健全教育数据管理制度，加强网络安全保障，推进信息技术与教育教学深度融合，培养学生数字素养与技能，促进教育公平和质量提升。\n{block}\n"));
        }
        let c = cleaned(src.trim_end());
        assert_eq!(c.text.matches("完成时限").count(), 3, "{:?}", c.dropped);
    }

    #[test]
    fn a_repeated_body_is_kept_once() {
        let body = "一、总体目标\n到2025年,新增市新锐教师2000名,市教坛新秀1500名,在全市发挥高端引领作用,打造教育高地。\n二、主要任务\n实施教育人才提升工程,选拔100名有崇高教育理想和抱负的教师,通过教育论坛等形式进一步引领教育实践。\n三、保障措施\n成立领导小组,专题研究教育人才培养工作,统筹协调各项措施落实到位。\n建立工作定期督导检查制度,把培养计划实施情况作为教育督导的重要内容。";
        let src = format!("标题\n{body}\n{body}\n相关推荐\n首页");
        let c = cleaned(&src);
        assert_eq!(c.text, format!("标题\n{body}"));
        assert!(c.dropped.iter().any(|d| d.kind == DropKind::RepeatedBody));
        assert!(c.dropped.iter().any(|d| d.kind == DropKind::SiteChrome));
    }
}
