//! api: `/api/search`, `/api/facets`, `/api/documents/{id}` — JSON (and CSV) for scripts and the page.
//!
//! Errors are `{"error": "…"}` with 400 (a bad question), 404 (no such
//! document), 503 (the query took longer than the timeout) or 500.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use zhengce_query::{Facets, Format, GroupBy, HitJson, SearchResults, Style};

use crate::documents::{self, DocError};
use crate::params::{SearchParams, MAX_EXPORT};
use crate::AppState;

/// Why a request got no answer.
#[derive(Debug)]
pub enum Failure {
    BadRequest(String),
    /// The query string is over the length limit.
    TooLong(String),
    NotFound(String),
    /// The query ran past the server's timeout.
    Timeout(std::time::Duration),
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::TooLong(_) => StatusCode::URI_TOO_LONG,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message shown to a person (Chinese first).
    pub fn message(&self) -> String {
        match self {
            Failure::BadRequest(m) => format!("查询有误 / bad query: {m}"),
            Failure::NotFound(m) | Failure::TooLong(m) | Failure::Internal(m) => m.clone(),
            Failure::Timeout(t) => format!(
                "查询超时（超过 {} 秒），请缩小范围 / the query took longer than {}s: narrow it",
                t.as_secs_f32(),
                t.as_secs_f32()
            ),
        }
    }
}

impl From<DocError> for Failure {
    fn from(e: DocError) -> Self {
        match e {
            DocError::NotFound(_) | DocError::NoOut => Failure::NotFound(e.to_string()),
            DocError::BadId(_) => Failure::BadRequest(e.to_string()),
            DocError::Unreadable(_) => Failure::Internal(e.to_string()),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status(), Json(serde_json::json!({ "error": self.message() }))).into_response()
    }
}

/// Runs `f` (an index query) on a blocking thread, giving up after the timeout.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let s = Arc::clone(state);
    let task = tokio::task::spawn_blocking(move || f(&s));
    match tokio::time::timeout(state.timeout, task).await {
        Err(_) => Err(Failure::Timeout(state.timeout)),
        Ok(Err(e)) => Err(Failure::Internal(format!("query failed: {e}"))),
        Ok(Ok(r)) => r,
    }
}

fn query_failure(e: zhengce_query::QueryError) -> Failure {
    match e {
        zhengce_query::QueryError::InvalidQuery(m) => Failure::BadRequest(m),
        other => Failure::Internal(other.to_string()),
    }
}

/// One page of hits for `params` (the page uses it too).
pub async fn search_results(
    state: &Arc<AppState>,
    params: &SearchParams,
) -> Result<SearchResults, Failure> {
    let q = params.question().map_err(Failure::BadRequest)?;
    blocking(state, move |s| s.index.search(&q.request).map_err(query_failure)).await
}

/// Facet counts for `params` over every key.
pub async fn facet_counts(state: &Arc<AppState>, params: &SearchParams) -> Result<Facets, Failure> {
    let q = params.question().map_err(Failure::BadRequest)?;
    let top = params.top().map_err(Failure::BadRequest)?;
    blocking(state, move |s| s.index.facets(&q.request, &GroupBy::ALL, top).map_err(query_failure))
        .await
}

/// `GET /api/search`: JSON `{total, page, per_page, words, hits}` (each hit
/// as `zhengce query --format json` writes it), with `facets` too when
/// `facets=1`; `format=csv|json|ndjson` downloads every hit (at most [`MAX_EXPORT`]).
pub async fn search(
    State(state): State<Arc<AppState>>,
    Query(params): Query<SearchParams>,
) -> Result<Response, Failure> {
    let format = match params.format.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(f) => Some(f.parse::<Format>().map_err(|e| Failure::BadRequest(e.to_string()))?),
    };
    if let Some(format) = format {
        return export(&state, &params, format).await;
    }
    let q = params.question().map_err(Failure::BadRequest)?;
    let top = params.top().map_err(Failure::BadRequest)?;
    let with_facets = params.with_facets();
    let (page, per_page) = (q.page, q.per_page);
    // One blocking task for the hits and the facets: one hop, one timeout.
    let body = blocking(&state, move |s| {
        let results = s.index.search(&q.request).map_err(query_failure)?;
        let facets = if with_facets {
            Some(s.index.facets(&q.request, &GroupBy::ALL, top).map_err(query_failure)?)
        } else {
            None
        };
        let answer = SearchAnswer {
            total: results.total,
            page,
            per_page,
            words: &results.words,
            hits: results.hits.iter().map(HitJson::from).collect(),
            facets: facets.as_ref().map(|f| f.facets.as_slice()),
        };
        serde_json::to_vec(&answer).map_err(|e| Failure::Internal(e.to_string()))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The answer of `/api/search`, serialized straight to bytes, so that each hit
/// is written exactly as `zhengce query --format json` writes it (through a
/// `serde_json::Value` the f32 score would gain digits: 2.7391317 →
/// 2.7391316890716553).
#[derive(serde::Serialize)]
struct SearchAnswer<'a, P, Q, H, F> {
    total: usize,
    page: P,
    per_page: Q,
    words: &'a [String],
    hits: Vec<H>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<&'a [F]>,
}

/// Every hit of the question as a file to save: CSV (with BOM) or JSON, as `zhengce query` writes them.
async fn export(
    state: &Arc<AppState>,
    params: &SearchParams,
    format: Format,
) -> Result<Response, Failure> {
    let mut q = params.question().map_err(Failure::BadRequest)?;
    q.request.offset = 0;
    q.request.limit = MAX_EXPORT;
    let bytes = blocking(state, move |s| {
        let results = s.index.search(&q.request).map_err(query_failure)?;
        let mut out = Vec::new();
        zhengce_query::write_hits(&mut out, &results, format, Style::default())
            .map_err(|e| Failure::Internal(e.to_string()))?;
        Ok(out)
    })
    .await?;
    let (mime, name) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "zhengce.csv"),
        Format::Ndjson => ("application/x-ndjson", "zhengce.ndjson"),
        Format::Json => ("application/json", "zhengce.json"),
        Format::Table => ("text/plain; charset=utf-8", "zhengce.txt"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/facets`: `{total, facets: [{key, groups: [{key, count, sum?}], others}]}`.
pub async fn facets(
    State(state): State<Arc<AppState>>,
    Query(params): Query<SearchParams>,
) -> Result<Json<Facets>, Failure> {
    facet_counts(&state, &params).await.map(Json)
}

/// `GET /api/documents/{id}`: the extracted document as `zhengce extract` wrote it.
pub async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let doc = blocking(&state, move |s| Ok(documents::load(s.out.as_deref(), &id)?)).await?;
    Ok(Json(doc).into_response())
}
