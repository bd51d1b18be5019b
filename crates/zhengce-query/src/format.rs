//! format: here are hits or groups, give me a terminal table, JSON or CSV.
//!
//! * `table`: columns padded by display width (CJK characters take two
//!   columns), long cells cut with `…`; matched words in bold on a terminal
//!   ([`Style::ansi`]) or between `【】` otherwise.
//! * `json`: one object, fields in a fixed order (`total`, `words`, `hits`;
//!   `group_by`, `total`, `groups`); matched words as `quote_marked` (`【】`).
//! * `ndjson`: one JSON object per line (a hit, or a group), for `jq` and streams.
//! * `csv`: RFC 4180, UTF-8 with a byte-order mark so Excel opens the Chinese
//!   intact; lists joined with `; `, section paths with ` > `. Groups give one
//!   row per group and unit.
//!
//! The machine formats (`json`, `ndjson`, `csv`) are meant to be complete: the
//! caller asks for every hit unless the user gave a limit ([`Format::is_machine`]).
//! Numbers are written as a person writes them ([`num`]): `2408.4`, not
//! `2408.3999999999996`, and `12` rather than `12.0`.

use std::io::{self, Write};
use std::str::FromStr;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::error::QueryError;
use crate::group::{round_sig, Groups, UnitStats};
use crate::search::{DocKind, Hit, SearchResults};

/// Plain markers around matched words (JSON, CSV, and tables off a terminal).
pub const MARK_OPEN: &str = "【";
pub const MARK_CLOSE: &str = "】";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";
/// The UTF-8 byte-order mark that tells Excel a CSV is UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// An output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// A page of hits in aligned columns, for reading.
    #[default]
    Table,
    /// One JSON object with every hit.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// CSV with a byte-order mark, for spreadsheets.
    Csv,
}

impl Format {
    /// Formats for other programs, which get every match unless a limit is given.
    pub fn is_machine(self) -> bool {
        self != Format::Table
    }
}

impl FromStr for Format {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Self, QueryError> {
        match s {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "ndjson" => Ok(Format::Ndjson),
            "csv" => Ok(Format::Csv),
            other => Err(QueryError::InvalidQuery(format!(
                "unknown format `{other}`: use table, json, ndjson or csv"
            ))),
        }
    }
}

/// How a table is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold matched words with ANSI escapes (only when writing to a terminal).
    pub ansi: bool,
}

/// Writes search results in the given format.
pub fn write_hits(
    w: &mut dyn Write,
    res: &SearchResults,
    format: Format,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Table => write_hits_table(w, res, style),
        Format::Json => {
            let out = HitsJson {
                total: res.total,
                words: &res.words,
                hits: res.hits.iter().map(HitJson::from).collect(),
            };
            serde_json::to_writer_pretty(&mut *w, &out)?;
            writeln!(w)
        }
        Format::Ndjson => {
            for h in &res.hits {
                serde_json::to_writer(&mut *w, &HitJson::from(h))?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Csv => write_hits_csv(w, res),
    }
}

/// Writes grouped counts in the given format.
pub fn write_groups(w: &mut dyn Write, groups: &Groups, format: Format) -> io::Result<()> {
    match format {
        Format::Table => {
            let header = [groups.group_by.as_str(), "count", "values by unit"];
            let rows: Vec<Vec<String>> = groups
                .groups
                .iter()
                .map(|g| vec![g.key.clone(), g.count.to_string(), cut(&unit_cell(&g.units), 72)])
                .collect();
            write_table(w, &header, &rows, &[24, 8, 72], &[false, true, false])?;
            writeln!(w, "{} matching, {} groups", groups.total, groups.groups.len())?;
            writeln!(
                w,
                "(counts and amounts are added up; rates, durations and ratios show their range and median)"
            )?;
            if groups.group_by == crate::group::GroupBy::Owner {
                writeln!(w, "(a target with several owners counts in each of their groups)")?;
            }
            Ok(())
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, groups)?;
            writeln!(w)
        }
        Format::Ndjson => {
            for g in &groups.groups {
                serde_json::to_writer(&mut *w, g)?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Csv => {
            w.write_all(UTF8_BOM.as_bytes())?;
            let mut c = csv::Writer::from_writer(w);
            c.write_record([
                groups.group_by.as_str(),
                "count",
                "unit",
                "unit_class",
                "unit_count",
                "sum",
                "min",
                "max",
                "median",
            ])?;
            for g in &groups.groups {
                if g.units.is_empty() {
                    c.write_record([
                        g.key.as_str(),
                        &g.count.to_string(),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ])?;
                }
                for u in &g.units {
                    c.write_record([
                        g.key.clone(),
                        g.count.to_string(),
                        u.unit.clone(),
                        u.class.as_str().to_string(),
                        u.count.to_string(),
                        u.sum.map(num).unwrap_or_default(),
                        num(u.min),
                        num(u.max),
                        num(u.median),
                    ])?;
                }
            }
            c.flush()
        }
    }
}

/// `2600名; 12所; % ×3: 90–100, median 95`: sums where they mean something,
/// range and median elsewhere.
fn unit_cell(units: &[UnitStats]) -> String {
    units
        .iter()
        .map(|u| match u.sum {
            Some(sum) => format!("{}{}", num(sum), u.unit),
            None if u.count == 1 => format!("{}{}", num(u.min), u.unit),
            None => {
                let unit = if u.unit.is_empty() { "ratio" } else { &u.unit };
                format!(
                    "{unit} ×{}: {}–{}, median {}",
                    u.count,
                    num(u.min),
                    num(u.max),
                    num(u.median)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The JSON wire form of a result list.
#[derive(Serialize)]
struct HitsJson<'a> {
    total: usize,
    words: &'a [String],
    hits: Vec<HitJson<'a>>,
}

/// The JSON wire form of one hit: fields in this order, always present
/// (`query --format json|ndjson` and the server's `/api/search`).
#[derive(Serialize)]
pub struct HitJson<'a> {
    document: &'a str,
    doc_kind: DocKind,
    id: &'a str,
    item: Option<&'a str>,
    kind: &'a str,
    value: Option<f64>,
    value_max: Option<f64>,
    unit: Option<&'a str>,
    comparator: Option<&'a str>,
    subject: Option<&'a str>,
    year: Option<i64>,
    years: &'a [i64],
    owners: &'a [String],
    section: &'a [String],
    title: Option<&'a str>,
    region: Option<&'a str>,
    issuers: &'a [String],
    quote: &'a str,
    quote_marked: String,
    sentence: Option<&'a str>,
    quote_start: u64,
    quote_end: u64,
    sha256: &'a str,
    score: Option<f32>,
}

impl<'a> From<&'a Hit> for HitJson<'a> {
    fn from(h: &'a Hit) -> Self {
        HitJson {
            document: &h.document,
            doc_kind: h.doc_kind,
            id: &h.id,
            item: h.item.as_deref(),
            kind: &h.kind,
            value: h.value,
            value_max: h.value_max,
            unit: h.unit.as_deref(),
            comparator: h.comparator.as_deref(),
            subject: h.subject.as_deref(),
            year: h.year(),
            years: &h.years,
            owners: &h.owners,
            section: &h.section,
            title: h.title.as_deref(),
            region: h.region.as_deref(),
            issuers: &h.issuers,
            quote: &h.quote,
            quote_marked: h.quote_marked(MARK_OPEN, MARK_CLOSE),
            sentence: h.sentence.as_deref(),
            quote_start: h.quote_start,
            quote_end: h.quote_end,
            sha256: &h.sha256,
            score: h.score,
        }
    }
}

/// The CSV columns of a hit, in order.
pub const CSV_COLUMNS: [&str; 16] = [
    "document",
    "doc_kind",
    "id",
    "kind",
    "year",
    "value",
    "value_max",
    "unit",
    "comparator",
    "subject",
    "owners",
    "section",
    "quote",
    "quote_marked",
    "quote_start",
    "quote_end",
];

fn write_hits_csv(w: &mut dyn Write, res: &SearchResults) -> io::Result<()> {
    w.write_all(UTF8_BOM.as_bytes())?;
    let mut c = csv::Writer::from_writer(w);
    c.write_record(CSV_COLUMNS)?;
    for h in &res.hits {
        c.write_record([
            h.document.clone(),
            h.doc_kind.as_str().to_string(),
            h.id.clone(),
            h.kind.clone(),
            h.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("; "),
            h.value.map(num).unwrap_or_default(),
            h.value_max.map(num).unwrap_or_default(),
            h.unit.clone().unwrap_or_default(),
            h.comparator.clone().unwrap_or_default(),
            h.subject.clone().unwrap_or_default(),
            h.owners.join("; "),
            h.section.join(" > "),
            h.quote.clone(),
            h.quote_marked(MARK_OPEN, MARK_CLOSE),
            h.quote_start.to_string(),
            h.quote_end.to_string(),
        ])?;
    }
    c.flush()
}

fn write_hits_table(w: &mut dyn Write, res: &SearchResults, style: Style) -> io::Result<()> {
    let (open, close) = if style.ansi { (BOLD, RESET) } else { (MARK_OPEN, MARK_CLOSE) };
    let items = res.hits.first().is_some_and(|h| h.doc_kind == DocKind::Item);
    let (header, widths, right): (Vec<&str>, Vec<usize>, Vec<bool>) = if items {
        (
            vec!["doc", "item", "section", "owners", "text"],
            vec![22, 5, 24, 16, 60],
            vec![false, false, false, false, false],
        )
    } else {
        (
            vec!["doc", "year", "value", "unit", "subject", "owners", "quote"],
            vec![22, 4, 12, 4, 20, 16, 48],
            vec![false, false, true, false, false, false, false],
        )
    };
    let quote_width = *widths.last().expect("columns");
    let rows: Vec<Vec<String>> = res
        .hits
        .iter()
        .map(|h| {
            let quote = marked_cut(&h.quote, &h.marks, quote_width, open, close);
            if items {
                vec![
                    h.document.clone(),
                    h.id.clone(),
                    h.section.join(" > "),
                    h.owners.join("、"),
                    quote,
                ]
            } else {
                vec![
                    h.document.clone(),
                    h.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(","),
                    value_cell(h),
                    h.unit.clone().unwrap_or_default(),
                    h.subject.clone().unwrap_or_default(),
                    h.owners.join("、"),
                    quote,
                ]
            }
        })
        .collect();
    write_table(w, &header, &rows, &widths, &right)?;
    let what = if items { "items" } else { "targets" };
    if res.total > res.hits.len() {
        writeln!(
            w,
            "{} of {} matching {what} shown; {} more (raise --limit, or use --format csv, json or ndjson for all)",
            res.hits.len(),
            res.total,
            res.total - res.hits.len()
        )
    } else {
        writeln!(w, "{} matching {what}", res.total)
    }
}

/// `≥20`, `3–5`, `~15`: the comparator and the range in one cell.
fn value_cell(h: &Hit) -> String {
    let Some(v) = h.value else { return String::new() };
    let prefix = match h.comparator.as_deref() {
        Some(">=") => "≥",
        Some(">") => ">",
        Some("<=") => "≤",
        Some("<") => "<",
        Some("~") => "~",
        _ => "",
    };
    match h.value_max {
        Some(m) => format!("{prefix}{}–{}", num(v), num(m)),
        None => format!("{prefix}{}", num(v)),
    }
}

/// A number as a person writes it: no useless `.0`, no binary noise
/// (`2408.3999999999996` is `2408.4`), no exponent.
pub fn num(v: f64) -> String {
    let v = round_sig(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Cells are cut to their column's width; the last column may contain escapes
/// already (it is cut by [`marked_cut`]), so its width is measured without them.
fn write_table(
    w: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    max: &[usize],
    right: &[bool],
) -> io::Result<()> {
    let last = header.len() - 1;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| if i == last { c.clone() } else { cut(c, max[i]) })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(visible_width(c));
        }
    }
    let line = |w: &mut dyn Write, r: &[String]| -> io::Result<()> {
        let mut out = String::new();
        for (i, c) in r.iter().enumerate() {
            let pad = widths[i].saturating_sub(visible_width(c));
            if i == last {
                out.push_str(c);
            } else if right[i] {
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            } else {
                out.push_str(c);
                out.push_str(&" ".repeat(pad));
            }
            if i != last {
                out.push_str("  ");
            }
        }
        writeln!(w, "{}", out.trim_end())
    };
    line(w, &header.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    let rule: Vec<String> = widths.iter().map(|n| "─".repeat(*n)).collect();
    line(w, &rule)?;
    for r in &cells {
        line(w, r)?;
    }
    Ok(())
}

/// Display width of a cell, not counting ANSI escapes.
fn visible_width(s: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in s.chars() {
        if in_escape {
            in_escape = c != 'm';
        } else if c == '\x1b' {
            in_escape = true;
        } else {
            width += display_char_width(c);
        }
    }
    width
}

fn display_char_width(c: char) -> usize {
    if c == '\n' || c == '\t' {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// `s` on one line, cut to at most `max` columns with `…`.
pub fn cut(s: &str, max: usize) -> String {
    marked_cut(s, &[], max, "", "")
}

/// `s` on one line (newlines as spaces), cut to `max` columns with `…`, with the
/// character ranges `marks` wrapped in `open`/`close` (the markers do not count
/// towards the width when they are escapes; `【】` do).
fn marked_cut(s: &str, marks: &[(usize, usize)], max: usize, open: &str, close: &str) -> String {
    let total: usize = s.chars().map(display_char_width).sum();
    let budget = if total > max { max.saturating_sub(1) } else { max };
    let mut out = String::new();
    let mut used = 0;
    let mut in_mark = false;
    for (i, c) in s.chars().enumerate() {
        let starts = marks.iter().any(|m| m.0 == i);
        let cw = display_char_width(c);
        let open_w = if starts { visible_width(open) } else { 0 };
        if used + cw + open_w > budget {
            if in_mark {
                out.push_str(close);
            }
            out.push('…');
            return out;
        }
        if starts {
            out.push_str(open);
            used += open_w;
            in_mark = true;
        }
        out.push(if c == '\n' || c == '\t' { ' ' } else { c });
        used += cw;
        if in_mark && marks.iter().any(|m| m.1 == i + 1) {
            out.push_str(close);
            used += visible_width(close);
            in_mark = false;
        }
    }
    if in_mark {
        out.push_str(close);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_cells_are_cut_by_display_width() {
        assert_eq!(cut("新增市新锐教师2000名", 10), "新增市新…");
        assert_eq!(visible_width(&cut("新增市新锐教师2000名", 10)), 9);
        assert_eq!(cut("短", 10), "短");
    }

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(num(2408.3999999999996), "2408.4");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(1.2e12), "1200000000000");
    }

    #[test]
    fn marks_survive_a_cut() {
        let s = marked_cut("新增市新锐教师2000名", &[(5, 7)], 30, "【", "】");
        assert_eq!(s, "新增市新锐【教师】2000名");
        let s = marked_cut("新增市新锐教师2000名", &[(5, 7)], 14, BOLD, RESET);
        assert_eq!(s, "新增市新锐\x1b[1m教\x1b[0m…");
    }
}
