//! search: here is a question (words and filters), give me the matching targets or items.
//!
//! The words of TEXT are cut by the query side of [`crate::tokenizer`] and all
//! of them must match (`新锐教师 2025` = both); hits are ranked by BM25. Without
//! TEXT, hits come in document order (document id, then position). Filters are
//! exact (`unit`, `kind`, `owner` with `owner_exact`), prefix (`doc`: `004`
//! matches `004_2dc12a55133938f1`), ranges (`year`, `min_value`/`max_value`, on
//! fast fields) or word matches through the same tokenizer (`section`, and
//! `owner`: `教育局` finds `市教育局`); they never change the ranking.

use std::ops::Bound;
use std::str::FromStr;

use std::sync::Arc;

use tantivy::collector::sort_key::SortByStaticFastValue;
use tantivy::collector::{Count, SortKeyComputer, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::cancel::{Cancel, Cancellable};
use crate::columns::SearcherColumns;
use crate::error::{QueryError, Result};
use crate::filters::{Filter, FilterQuery};
use crate::group::{Facets, GroupBy, GroupCollector, GroupFruit};
use crate::index::ZIndex;
use crate::order::{self, RowField, RowKey};
use crate::schema::{Fields, KIND_ITEM, KIND_TARGET};
use crate::tokenizer::{index_tokens, query_words, shared_segmenter, sub_words};

/// Which entries to search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Quantified targets and achievements (the default).
    #[default]
    Target,
    /// Numbered items, paragraphs and table rows.
    Item,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Target => KIND_TARGET,
            DocKind::Item => KIND_ITEM,
        }
    }
}

/// The kind of an entry: targets are `target`/`achievement`, items
/// `numbered`/`paragraph`/`table_row`. The one home of these names in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A target (something to reach).
    Target,
    /// An achievement (something reached).
    Achievement,
    /// A numbered item.
    Numbered,
    /// A paragraph.
    Paragraph,
    /// A row of a task table.
    TableRow,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Target => "target",
            EntryKind::Achievement => "achievement",
            EntryKind::Numbered => "numbered",
            EntryKind::Paragraph => "paragraph",
            EntryKind::TableRow => "table_row",
        }
    }
}

/// An inclusive range of years: `2025`, `2021..2025`, `2021..=2025` or `2021-2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub start: i64,
    pub end: i64,
}

impl FromStr for YearRange {
    type Err = QueryError;

    fn from_str(s: &str) -> Result<Self> {
        let bad =
            || QueryError::InvalidQuery(format!("year `{s}`: expected `2025` or `2021..2025`"));
        let s = s.trim();
        let (a, b) = if let Some((a, b)) = s.split_once("..") {
            (a, b.trim_start_matches('='))
        } else if let Some((a, b)) = s.split_once('-') {
            (a, b)
        } else {
            (s, s)
        };
        let parse = |x: &str, default: i64| {
            let x = x.trim();
            if x.is_empty() {
                Ok(default)
            } else {
                x.parse::<i64>().map_err(|_| bad())
            }
        };
        let range = YearRange { start: parse(a, i64::MIN)?, end: parse(b, i64::MAX)? };
        if range.start > range.end {
            return Err(QueryError::InvalidQuery(format!("year `{s}`: the range is empty")));
        }
        Ok(range)
    }
}

/// How hits are ordered. Ties keep document order (document id, then position).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "clap", value(rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// BM25 when the query has words, else document order.
    #[default]
    Relevance,
    /// Largest value first.
    ValueDesc,
    /// Smallest value first.
    ValueAsc,
    /// Earliest year first.
    YearAsc,
    /// Latest year first.
    YearDesc,
}

impl SortBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Relevance => "relevance",
            SortBy::ValueDesc => "value_desc",
            SortBy::ValueAsc => "value_asc",
            SortBy::YearAsc => "year_asc",
            SortBy::YearDesc => "year_desc",
        }
    }
}

impl FromStr for SortBy {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Self> {
        [SortBy::Relevance, SortBy::ValueDesc, SortBy::ValueAsc, SortBy::YearAsc, SortBy::YearDesc]
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                QueryError::InvalidQuery(format!(
                    "sort `{s}`: use relevance, value_desc, value_asc, year_asc or year_desc"
                ))
            })
    }
}

/// A question to the index. `Default` asks for the first 20 targets in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryRequest {
    /// Words that must all occur (ranked by BM25); `None` for document order.
    pub text: Option<String>,
    pub year: Option<YearRange>,
    /// Words of an owning unit (`教育局` matches `市教育局`); with
    /// `owner_exact`, the unit exactly as written.
    pub owner: Option<String>,
    pub owner_exact: bool,
    pub unit: Option<String>,
    /// `target`/`achievement` (targets), `numbered`/`paragraph`/`table_row` (items).
    pub kind: Option<EntryKind>,
    /// A document id or the start of one (`004`).
    pub doc: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    /// Words of a heading on the section path (`学校建设` matches `未来学校建设行动`).
    pub section: Option<String>,
    /// The document's region exactly as written (`温州市`).
    pub region: Option<String>,
    /// One of the document's issuers exactly as written.
    pub issuer: Option<String>,
    pub doc_kind: DocKind,
    pub sort: SortBy,
    /// Hits to skip (paging): `offset = 20, limit = 20` is the second page.
    pub offset: usize,
    pub limit: usize,
}

impl Default for QueryRequest {
    fn default() -> Self {
        QueryRequest {
            text: None,
            year: None,
            owner: None,
            owner_exact: false,
            unit: None,
            kind: None,
            doc: None,
            min_value: None,
            max_value: None,
            section: None,
            region: None,
            issuer: None,
            doc_kind: DocKind::Target,
            sort: SortBy::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

/// Above this many hits to skip and keep, a search counts the matches first
/// (see [`ZIndex::search_with`]).
const PRECOUNT_ABOVE: usize = 10_000;

/// One matching target or item.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// The document id (file stem).
    pub document: String,
    pub doc_kind: DocKind,
    /// The target id (`q3`) or item id (`i7`).
    pub id: String,
    /// The item a target belongs to.
    pub item: Option<String>,
    pub kind: String,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Option<String>,
    pub subject: Option<String>,
    /// The due year; an item may carry several (the years of its targets).
    pub years: Vec<i64>,
    pub owners: Vec<String>,
    pub section: Vec<String>,
    pub title: Option<String>,
    pub region: Option<String>,
    pub issuers: Vec<String>,
    /// The quote of a target, the text of an item.
    pub quote: String,
    /// Character ranges of `quote` that match words of the query, sorted, disjoint.
    pub marks: Vec<(usize, usize)>,
    pub sentence: Option<String>,
    /// Span of the quote in the document's cleaned text (characters).
    pub quote_start: u64,
    pub quote_end: u64,
    pub sha256: String,
    /// BM25 score when the query had words.
    pub score: Option<f32>,
}

impl Hit {
    /// The first (for targets: the only) year.
    pub fn year(&self) -> Option<i64> {
        self.years.first().copied()
    }

    /// The quote with matched words between `open` and `close` (`【`, `】`).
    pub fn quote_marked(&self, open: &str, close: &str) -> String {
        mark(&self.quote, &self.marks, open, close)
    }
}

/// The answer to a [`QueryRequest`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// How many entries match in all (hits holds at most `limit`).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The words the query looked for, after segmentation.
    pub words: Vec<String>,
}

/// A built tantivy query and the words it looks for.
pub(crate) struct BuiltQuery {
    pub query: Box<dyn Query>,
    pub words: Vec<String>,
    pub has_text: bool,
}

/// What one pass over the matches finds: their number, the page's hits
/// (with their scores when sorted by relevance to words), and the facets.
type Found = (usize, Vec<(Option<f32>, DocAddress)>, Option<GroupFruit>);

/// The count, the top hits by `key` (unscored) and the facets, in one pass.
/// The facets come before the top hits in the tuple: their collector
/// prefetches and reads each block's rows, which [`order::RowOrder`] then finds
/// in the cache.
fn top_by<K>(
    searcher: &Searcher,
    query: &dyn Query,
    top: TopDocs,
    key: K,
    facets: Option<GroupCollector>,
) -> tantivy::Result<Found>
where
    K: SortKeyComputer + Send + 'static,
{
    let (n, g, top) = searcher.search(query, &(Count, facets, top.order_by(key)))?;
    Ok((n, top.into_iter().map(|(_, a)| (None, a)).collect(), g))
}

impl ZIndex {
    /// Answers a request: the total count and the top `limit` hits.
    pub fn search(&self, req: &QueryRequest) -> Result<SearchResults> {
        Ok(self.search_with(req, None, &Cancel::new())?.0)
    }

    /// Answers a request and, with `facets = Some((keys, top))`, counts the
    /// facets of those keys in the same pass over the matches (what
    /// [`ZIndex::facets`] answers). Stops early, with [`QueryError::Cancelled`],
    /// once `cancel` is raised.
    pub fn search_with(
        &self,
        req: &QueryRequest,
        facets: Option<(&[GroupBy], usize)>,
        cancel: &Cancel,
    ) -> Result<(SearchResults, Option<Facets>)> {
        let searcher = self.reader.searcher();
        let tv = |e| QueryError::tantivy(&self.path, e);
        // The facet rows, when a question counts facets (it reads them
        // anyway) or when they are in memory already: document order and the
        // common filters are then read from them (see [`crate::order`] and
        // [`crate::filters`]).
        let rows = match facets {
            Some(_) => Some(self.facet_cache.for_searcher(&searcher).map_err(tv)?),
            None => self.facet_cache.ready(&searcher),
        };
        let mut built = self.build_query(&searcher, req, rows.as_ref())?;
        built.query = Cancellable::wrap(built.query, cancel);
        // The collector allocates for `offset + limit`: above a few pages (a
        // complete export asks for `usize::MAX`) both are first cut to the
        // number of matches, which costs a pass of its own.
        let (offset, limit, matching) = if req.offset.saturating_add(req.limit) > PRECOUNT_ABOVE {
            let matching = searcher.search(&built.query, &Count).map_err(tv)?;
            let offset = req.offset.min(matching);
            (offset, req.limit.min(matching - offset).max(1), Some(matching))
        } else {
            (req.offset, req.limit.max(1), None)
        };
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let collector = match (facets, &rows) {
            (Some((keys, _)), Some(rows)) => {
                Some(GroupCollector::new(keys, false, Arc::clone(rows)))
            }
            _ => None,
        };
        let query = &built.query;
        // The top hits by a key read from the rows when they are in memory,
        // else by the same key from tantivy's columns.
        macro_rules! top_by_rows_or_columns {
            (|$rows:ident| $by_rows:expr, $by_columns:expr) => {
                match &rows {
                    Some($rows) => top_by(&searcher, query, top, $by_rows, collector),
                    None => top_by(&searcher, query, top, $by_columns, collector),
                }
                .map_err(tv)?
            };
        }
        let (total, addrs, fruit): Found = match req.sort {
            SortBy::Relevance if built.has_text => {
                let (n, g, top) = searcher
                    .search(query, &(Count, collector, top.order_by_score()))
                    .map_err(tv)?;
                (n, top.into_iter().map(|(s, a)| (Some(s), a)).collect(), g)
            }
            SortBy::Relevance => {
                top_by_rows_or_columns!(|r| order::by_rows(r), order::by_columns())
            }
            SortBy::ValueDesc | SortBy::ValueAsc => {
                let order = if req.sort == SortBy::ValueDesc { Order::Desc } else { Order::Asc };
                let field = SortByStaticFastValue::<f64>::for_field("value");
                top_by_rows_or_columns!(
                    |r| ((RowKey::new(Arc::clone(r), RowField::Value), order), order::by_rows(r)),
                    ((field, order), order::by_columns())
                )
            }
            SortBy::YearAsc | SortBy::YearDesc => {
                let order = if req.sort == SortBy::YearDesc { Order::Desc } else { Order::Asc };
                let field = SortByStaticFastValue::<i64>::for_field("year");
                top_by_rows_or_columns!(
                    |r| ((RowKey::new(Arc::clone(r), RowField::Year), order), order::by_rows(r)),
                    ((field, order), order::by_columns())
                )
            }
        };
        if cancel.is_cancelled() {
            return Err(QueryError::Cancelled);
        }
        let matching = matching.unwrap_or(total);
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(tv)?;
            hits.push(self.to_hit(&doc, score, &built.words));
        }
        // Equal scores (a target restated word for word) come in document order.
        if req.sort == SortBy::Relevance && built.has_text {
            hits.sort_by(|a, b| {
                let score = |h: &Hit| h.score.unwrap_or(0.0);
                score(b)
                    .total_cmp(&score(a))
                    .then_with(|| a.document.cmp(&b.document))
                    .then_with(|| a.quote_start.cmp(&b.quote_start))
            });
        }
        if offset >= matching {
            hits.clear();
        }
        if req.limit == 0 {
            hits.clear();
        }
        let facets = match (facets, fruit) {
            (Some((_, top)), Some(fruit)) => Some(Facets::from_fruit(total, fruit, top)),
            _ => None,
        };
        Ok((SearchResults { total, hits, words: built.words }, facets))
    }

    /// The tantivy query for a request: text words (scored) and filters (not
    /// scored). With `rows` (the searcher's, in memory), every filter but the
    /// document prefix is one [`FilterQuery`] over sets and rows; without,
    /// each is a term or range query.
    pub(crate) fn build_query(
        &self,
        searcher: &Searcher,
        req: &QueryRequest,
        rows: Option<&Arc<SearcherColumns>>,
    ) -> Result<BuiltQuery> {
        let f = &self.fields;
        let seg = shared_segmenter();
        // The terms every match holds, and the value range: filters, not scored.
        let mut terms: Vec<Term> = Vec::new();
        let mut text_term =
            |field: Field, text: &str| terms.push(Term::from_field_text(field, text));
        if let Some(u) = &req.unit {
            text_term(f.unit, u.trim());
        }
        if let Some(r) = &req.region {
            text_term(f.region, r.trim());
        }
        if let Some(i) = &req.issuer {
            text_term(f.issuers, i.trim());
        }
        match &req.owner {
            Some(o) if req.owner_exact => text_term(f.owners, o.trim()),
            Some(o) => terms.extend(word_terms(searcher, &seg, f.owner_words, "owner", o)?),
            None => {}
        }
        if let Some(s) = &req.section {
            terms.extend(word_terms(searcher, &seg, f.section, "section", s)?);
        }
        if let (Some(lo), Some(hi)) = (req.min_value, req.max_value) {
            if lo > hi {
                return Err(QueryError::InvalidQuery(format!(
                    "min value {lo} is above max value {hi}"
                )));
            }
        }
        let value = (req.min_value.is_some() || req.max_value.is_some()).then(|| {
            (req.min_value.unwrap_or(f64::NEG_INFINITY), req.max_value.unwrap_or(f64::INFINITY))
        });
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut filter =
            |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        match rows {
            Some(rows) => filter(Box::new(FilterQuery {
                filter: Filter {
                    doc_kind: req.doc_kind,
                    kind: req.kind,
                    years: req.year,
                    terms,
                    value,
                },
                columns: Arc::clone(rows),
            })),
            None => {
                filter(term(f.doc_kind, req.doc_kind.as_str()));
                if let Some(y) = req.year {
                    // The postings of the few years in range, not a scan of
                    // the year column over every entry (what `RangeQuery`
                    // does on a fast field): 20 ms less for a year over a
                    // million targets.
                    filter(Box::new(InvertedIndexRangeQuery::new(
                        bound(y.start, i64::MIN, |v| Term::from_field_i64(f.year, v)),
                        bound(y.end, i64::MAX, |v| Term::from_field_i64(f.year, v)),
                    )));
                }
                if let Some(k) = req.kind {
                    filter(term(f.kind, k.as_str()));
                }
                for t in terms {
                    filter(term_query(t));
                }
                if let Some((lo, hi)) = value {
                    let end = |v: f64| match v.is_infinite() {
                        true => Bound::Unbounded,
                        false => Bound::Included(Term::from_field_f64(f.value, v)),
                    };
                    filter(Box::new(RangeQuery::new(end(lo), end(hi))));
                }
            }
        }
        if let Some(d) = &req.doc {
            let pattern = format!("{}.*", regex_escape(d.trim()));
            let q = RegexQuery::from_pattern(&pattern, f.doc)
                .map_err(|e| QueryError::InvalidQuery(format!("doc `{d}`: {e}")))?;
            filter(Box::new(q));
        }
        let mut words = Vec::new();
        let has_text = req.text.as_deref().is_some_and(|t| !t.trim().is_empty());
        if let Some(text) = req.text.as_deref().filter(|_| has_text) {
            words = resolve_words(searcher, f.text, &seg, text);
            if words.is_empty() {
                return Err(QueryError::InvalidQuery(format!(
                    "`{text}` holds no word to look for"
                )));
            }
            for w in &words {
                clauses.push((Occur::Must, term(f.text, w)));
            }
        }
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(BuiltQuery { query, words, has_text })
    }

    fn to_hit(&self, doc: &TantivyDocument, score: Option<f32>, words: &[String]) -> Hit {
        let f: &Fields = &self.fields;
        let s = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let all_s = |field: Field| {
            doc.get_all(field).filter_map(|v| v.as_str()).map(str::to_string).collect::<Vec<_>>()
        };
        let num = |field: Field| doc.get_first(field).and_then(|v| v.as_f64());
        let u = |field: Field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let doc_kind = if s(f.doc_kind).as_deref() == Some(KIND_ITEM) {
            DocKind::Item
        } else {
            DocKind::Target
        };
        let quote = s(f.quote).unwrap_or_default();
        let marks = if words.is_empty() { Vec::new() } else { find_marks(&quote, words) };
        let years = doc
            .get_all(f.year)
            .filter_map(|v| match OwnedValue::from(v) {
                OwnedValue::I64(y) => Some(y),
                _ => None,
            })
            .collect();
        Hit {
            document: s(f.doc).unwrap_or_default(),
            doc_kind,
            id: s(f.entry_id).unwrap_or_default(),
            item: s(f.item),
            kind: s(f.kind).unwrap_or_default(),
            value: num(f.value),
            value_max: num(f.value_max),
            unit: s(f.unit),
            comparator: s(f.comparator),
            subject: s(f.subject),
            years,
            owners: all_s(f.owners),
            section: all_s(f.section),
            title: s(f.title),
            region: s(f.region),
            issuers: all_s(f.issuers),
            quote,
            marks,
            sentence: s(f.sentence),
            quote_start: u(f.quote_start),
            quote_end: u(f.quote_end),
            sha256: s(f.sha256).unwrap_or_default(),
            score,
        }
    }
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    term_query(Term::from_field_text(field, text))
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
}

fn bound(v: i64, open: i64, make: impl Fn(i64) -> Term) -> Bound<Term> {
    if v == open {
        Bound::Unbounded
    } else {
        Bound::Included(make(v))
    }
}

/// The query words of `text` for `field`: each word of the precise cut; a word
/// the index does not hold is replaced by the dictionary words inside it that it
/// does hold (so a query cut differently from the document still finds it).
fn resolve_words(
    searcher: &Searcher,
    field: Field,
    seg: &zhengce_extract::Segmenter,
    text: &str,
) -> Vec<String> {
    let known = |w: &str| {
        searcher.doc_freq(&Term::from_field_text(field, w)).map(|n| n > 0).unwrap_or(false)
    };
    let mut out: Vec<String> = Vec::new();
    for w in query_words(seg, text) {
        let replacement: Vec<String> = if known(&w) {
            vec![w]
        } else {
            let subs: Vec<String> = sub_words(seg, &w).into_iter().filter(|s| known(s)).collect();
            if subs.is_empty() {
                vec![w]
            } else {
                subs
            }
        };
        for r in replacement {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// The terms of the words of `text` for `field` (an owner, a section
/// heading), each one a match must hold; an error when `text` holds none.
fn word_terms(
    searcher: &Searcher,
    seg: &zhengce_extract::Segmenter,
    field: Field,
    what: &str,
    text: &str,
) -> Result<Vec<Term>> {
    let words = resolve_words(searcher, field, seg, text);
    if words.is_empty() {
        return Err(QueryError::InvalidQuery(format!("{what} `{text}` holds no word to look for")));
    }
    Ok(words.iter().map(|w| Term::from_field_text(field, w)).collect())
}

/// Character ranges of `text` whose index tokens are among `words`, merged.
pub fn find_marks(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let seg = shared_segmenter();
    let mut ranges: Vec<(usize, usize)> = index_tokens(&seg, text)
        .into_iter()
        .filter(|t| words.contains(&t.text))
        .map(|t| (text[..t.offset_from].chars().count(), text[..t.offset_to].chars().count()))
        .collect();
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// `text` with the character ranges `marks` put between `open` and `close`.
pub fn mark(text: &str, marks: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut m = marks.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if let Some(&&(a, _)) = m.peek() {
            if a == i {
                out.push_str(open);
            }
        }
        out.push(c);
        if let Some(&&(_, b)) = m.peek() {
            if b == i + 1 {
                out.push_str(close);
                m.next();
            }
        }
    }
    out
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_parse() {
        assert_eq!("2025".parse::<YearRange>().unwrap(), YearRange { start: 2025, end: 2025 });
        assert_eq!(
            "2021..2025".parse::<YearRange>().unwrap(),
            YearRange { start: 2021, end: 2025 }
        );
        assert_eq!(
            "2021..=2025".parse::<YearRange>().unwrap(),
            YearRange { start: 2021, end: 2025 }
        );
        assert_eq!("2021-2025".parse::<YearRange>().unwrap(), YearRange { start: 2021, end: 2025 });
        assert_eq!("2021..".parse::<YearRange>().unwrap().end, i64::MAX);
        assert!("2025..2021".parse::<YearRange>().is_err());
        assert!("next year".parse::<YearRange>().is_err());
    }

    #[test]
    fn marks_wrap_matched_words() {
        let words = vec!["教师".to_string()];
        let text = "新增市新锐教师2000名";
        let marks = find_marks(text, &words);
        assert_eq!(mark(text, &marks, "【", "】"), "新增市新锐【教师】2000名");
        let words = vec!["新锐教师".to_string()];
        let marks = find_marks(text, &words);
        assert_eq!(mark(text, &marks, "【", "】"), "新增市【新锐教师】2000名");
    }
}
