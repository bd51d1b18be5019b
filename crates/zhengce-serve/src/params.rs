//! params: the question in a URL (`/?q=教师&year=2025&page=2`) → a [`QueryRequest`].
//!
//! Every value arrives as text and is checked here, so a bad one is a clear
//! message (in the page or the API's JSON) rather than a bare 400. Values are
//! length-limited ([`MAX_LEN`]); the filters themselves are the query crate's.

use serde::{Deserialize, Serialize};
use zhengce_query::{DocKind, EntryKind, QueryRequest, SortBy, YearRange};

/// Longest value of any parameter, in characters.
pub const MAX_LEN: usize = 200;
/// Hits on a page unless `per_page` says otherwise; and the most it may say.
pub const PER_PAGE: usize = 20;
pub const MAX_PER_PAGE: usize = 200;
/// The most hits a download holds.
pub const MAX_EXPORT: usize = 100_000;

/// The parameters of the search page and the API, as they appear in the URL.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct SearchParams {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_exact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
    /// `/api/search` only: `facets=1` adds the facet counts to the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<String>,
}

/// The question, checked.
#[derive(Debug, Clone)]
pub struct Question {
    pub request: QueryRequest,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn flag(v: &Option<String>) -> bool {
    matches!(given(v), Some("1" | "true" | "on" | "yes"))
}

fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, String> {
    given(v)
        .map(|s| s.parse::<T>().map_err(|_| format!("{name} `{s}` is not a number")))
        .transpose()
}

impl SearchParams {
    /// Checks every value and builds the request for one page of hits.
    pub fn question(&self) -> Result<Question, String> {
        for (name, v) in self.fields() {
            if let Some(v) = v {
                let n = v.chars().count();
                if n > MAX_LEN {
                    return Err(format!("{name} is {n} characters long; at most {MAX_LEN}"));
                }
            }
        }
        let items = flag(&self.items);
        let kind = match given(&self.kind) {
            None => None,
            Some(k) => Some(
                [
                    EntryKind::Target,
                    EntryKind::Achievement,
                    EntryKind::Numbered,
                    EntryKind::Paragraph,
                    EntryKind::TableRow,
                ]
                .into_iter()
                .find(|e| e.as_str() == k)
                .ok_or_else(|| {
                    format!("kind `{k}`: use target, achievement, numbered, paragraph or table_row")
                })?,
            ),
        };
        let page = number::<usize>("page", &self.page)?.unwrap_or(1).max(1);
        let per_page =
            number::<usize>("per_page", &self.per_page)?.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
        let request = QueryRequest {
            text: given(&self.q).map(str::to_string),
            year: given(&self.year)
                .map(|y| y.parse::<YearRange>().map_err(|e| e.to_string()))
                .transpose()?,
            owner: given(&self.owner).map(str::to_string),
            owner_exact: flag(&self.owner_exact),
            unit: given(&self.unit).map(str::to_string),
            kind,
            doc: given(&self.doc).map(str::to_string),
            min_value: number("min_value", &self.min_value)?,
            max_value: number("max_value", &self.max_value)?,
            section: given(&self.section).map(str::to_string),
            region: given(&self.region).map(str::to_string),
            issuer: given(&self.issuer).map(str::to_string),
            doc_kind: if items { DocKind::Item } else { DocKind::Target },
            sort: given(&self.sort)
                .map(|s| s.parse::<SortBy>().map_err(|e| e.to_string()))
                .transpose()?
                .unwrap_or_default(),
            offset: (page - 1).saturating_mul(per_page),
            limit: per_page,
        };
        Ok(Question { request, page, per_page })
    }

    /// How many groups each facet shows (`top`, default 10, at most 100).
    pub fn top(&self) -> Result<usize, String> {
        Ok(number::<usize>("top", &self.top)?.unwrap_or(10).clamp(1, 100))
    }

    /// Whether `facets=1` asks for facet counts beside the hits.
    pub fn with_facets(&self) -> bool {
        flag(&self.facets)
    }

    fn fields(&self) -> [(&'static str, &Option<String>); 19] {
        [
            ("q", &self.q),
            ("year", &self.year),
            ("kind", &self.kind),
            ("unit", &self.unit),
            ("owner", &self.owner),
            ("owner_exact", &self.owner_exact),
            ("doc", &self.doc),
            ("region", &self.region),
            ("issuer", &self.issuer),
            ("section", &self.section),
            ("min_value", &self.min_value),
            ("max_value", &self.max_value),
            ("items", &self.items),
            ("sort", &self.sort),
            ("page", &self.page),
            ("per_page", &self.per_page),
            ("format", &self.format),
            ("top", &self.top),
            ("facets", &self.facets),
        ]
    }

    /// The parameter a facet of `key` sets.
    pub fn slot(&mut self, key: zhengce_query::GroupBy) -> &mut Option<String> {
        use zhengce_query::GroupBy as G;
        match key {
            G::Year => &mut self.year,
            G::Kind => &mut self.kind,
            G::Unit => &mut self.unit,
            G::Owner => &mut self.owner,
            G::Doc => &mut self.doc,
            G::Region => &mut self.region,
            G::Issuer => &mut self.issuer,
        }
    }

    /// The URL query string (`q=%E6%95%99…&year=2025`), empty values left out.
    pub fn to_query(&self) -> String {
        let mut p = self.clone();
        for v in [
            &mut p.q,
            &mut p.year,
            &mut p.kind,
            &mut p.unit,
            &mut p.owner,
            &mut p.owner_exact,
            &mut p.doc,
            &mut p.region,
            &mut p.issuer,
            &mut p.section,
            &mut p.min_value,
            &mut p.max_value,
            &mut p.items,
            &mut p.sort,
            &mut p.page,
            &mut p.per_page,
            &mut p.format,
            &mut p.top,
            &mut p.facets,
        ] {
            if given(v).is_none() {
                *v = None;
            }
        }
        serde_urlencoded::to_string(&p).unwrap_or_default()
    }

    /// A copy with one change and the page reset (a new question starts on page 1).
    pub fn with(&self, change: impl FnOnce(&mut SearchParams)) -> SearchParams {
        let mut p = self.clone();
        p.page = None;
        p.format = None;
        p.facets = None;
        change(&mut p);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_question_becomes_a_request() {
        let p: SearchParams = serde_urlencoded::from_str(
            "q=%E6%95%99%E5%B8%88&year=2025&page=2&sort=value_desc&kind=target",
        )
        .unwrap();
        let q = p.question().unwrap();
        assert_eq!(q.request.text.as_deref(), Some("教师"));
        assert_eq!(q.request.year, Some(YearRange { start: 2025, end: 2025 }));
        assert_eq!((q.request.offset, q.request.limit), (20, 20));
        assert_eq!(q.request.sort, SortBy::ValueDesc);
        assert_eq!(
            p.to_query(),
            "q=%E6%95%99%E5%B8%88&year=2025&kind=target&sort=value_desc&page=2"
        );
    }

    #[test]
    fn bad_and_long_values_are_clear_errors() {
        let long = SearchParams { q: Some("教".repeat(MAX_LEN + 1)), ..Default::default() };
        assert!(long.question().unwrap_err().contains("at most 200"));
        let bad = SearchParams { year: Some("next".into()), ..Default::default() };
        assert!(bad.question().unwrap_err().contains("year `next`"));
        let bad = SearchParams { kind: Some("x".into()), ..Default::default() };
        assert!(bad.question().is_err());
    }
}
