//! api: `/api/search`, `/api/facets`, `/api/documents/{id}` — JSON (and CSV) for scripts and the page.
//!
//! Errors are `{"error": "…"}` with 400 (a bad question), 404 (no such
//! document), 503 (every query slot stayed taken, the line of waiting
//! queries was full, or the query took longer than the timeout) or 500.
//!
//! Every query goes through [`blocking`]: at most
//! [`ServeConfig::max_queries`](crate::ServeConfig::max_queries) run at once,
//! on the query threads of [`crate::pool`] (the others wait in line, up to
//! the timeout; when [`ServeConfig::waiting_limit`](crate::ServeConfig::waiting_limit)
//! wait already, the answer is 503 at once), and a query whose answer
//! nobody waits for any more (timed out, or the client left) is stopped
//! through its [`Cancel`] flag instead of running on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use zhengce_query::{Cancel, Facets, Format, GroupBy, HitJson, SearchResults, Style};

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
    /// Every query slot stayed taken for the whole timeout.
    Busy {
        running: usize,
        waited: std::time::Duration,
    },
    /// Every query slot was taken and the line of waiting queries full.
    Full {
        running: usize,
        waiting: usize,
    },
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::TooLong(_) => StatusCode::URI_TOO_LONG,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Timeout(_) | Failure::Busy { .. } | Failure::Full { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
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
            Failure::Busy { running, waited } => format!(
                "服务器繁忙（{running} 个查询正在运行，已等待 {} 秒），请稍后再试 / \
                 the server is busy: {running} queries running, none finished within {}s; try again shortly",
                waited.as_secs_f32(),
                waited.as_secs_f32()
            ),
            Failure::Full { running, waiting } => format!(
                "服务器繁忙（{running} 个查询正在运行，{waiting} 个在排队），请稍后再试 / \
                 the server is busy: {running} queries running and {waiting} waiting; try again shortly"
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
        let busy = matches!(self, Failure::Busy { .. } | Failure::Full { .. });
        let mut res =
            (self.status(), Json(serde_json::json!({ "error": self.message() }))).into_response();
        if busy {
            res.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        res
    }
}

/// Runs `f` (an index query) on a query thread once one is free (see
/// [`crate::pool`]), giving up when [`AppState::timeout`] has passed since the
/// call: waiting for a thread past it is [`Failure::Busy`], running past it
/// [`Failure::Timeout`]; finding the line of waiting queries full is
/// [`Failure::Full`], at once. `f` gets the query's [`Cancel`] flag, raised as soon
/// as nobody waits for the answer (the timeout, or a client that left): a
/// query still in line is then skipped, a running one stops, and it keeps its
/// thread until it has actually stopped.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState, &Cancel) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let deadline = tokio::time::Instant::now() + state.timeout;
    let (answer, answered) = tokio::sync::oneshot::channel();
    let stop = CancelOnDrop(Cancel::new());
    let started = Arc::new(AtomicBool::new(false));
    let (s, cancel, start) = (Arc::clone(state), stop.0.clone(), Arc::clone(&started));
    let queued = state.queries.spawn(Box::new(move || {
        if cancel.is_cancelled() {
            return;
        }
        start.store(true, Ordering::SeqCst);
        // Nobody may wait any more: then the answer has nowhere to go.
        let _ = answer.send(f(&s, &cancel));
    }));
    if let Err(full) = queued {
        return Err(Failure::Full { running: state.queries.threads(), waiting: full.waiting });
    }
    match tokio::time::timeout_at(deadline, answered).await {
        Err(_) if started.load(Ordering::SeqCst) => Err(Failure::Timeout(state.timeout)),
        Err(_) => Err(Failure::Busy { running: state.queries.threads(), waited: state.timeout }),
        Ok(Err(_)) => Err(Failure::Internal("the query failed (it panicked)".into())),
        Ok(Ok(r)) => r,
    }
}

/// Raises its flag when dropped: when [`blocking`] returns or its caller
/// stops waiting, the query it started has no one to answer.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

fn query_failure(e: zhengce_query::QueryError) -> Failure {
    match e {
        zhengce_query::QueryError::InvalidQuery(m) => Failure::BadRequest(m),
        // Only raised once the answer is no longer awaited: never shown.
        zhengce_query::QueryError::Cancelled => Failure::Internal("the query was stopped".into()),
        other => Failure::Internal(other.to_string()),
    }
}

/// One page of hits for `params` and the facet counts over every key, in one
/// pass over the matches (the search page).
pub async fn search_and_facets(
    state: &Arc<AppState>,
    params: &SearchParams,
) -> Result<(SearchResults, Facets), Failure> {
    let q = params.question().map_err(Failure::BadRequest)?;
    let top = params.top().map_err(Failure::BadRequest)?;
    blocking(state, move |s, cancel| {
        let facets = Some((&GroupBy::ALL[..], top));
        match s.index.search_with(&q.request, facets, cancel).map_err(query_failure)? {
            (results, Some(facets)) => Ok((results, facets)),
            (_, None) => Err(Failure::Internal("facets were asked for and not counted".into())),
        }
    })
    .await
}

/// Facet counts for `params` over every key.
pub async fn facet_counts(state: &Arc<AppState>, params: &SearchParams) -> Result<Facets, Failure> {
    let q = params.question().map_err(Failure::BadRequest)?;
    let top = params.top().map_err(Failure::BadRequest)?;
    blocking(state, move |s, cancel| {
        s.index.facets_with(&q.request, &GroupBy::ALL, top, cancel).map_err(query_failure)
    })
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
    // The hits and the facets in one pass over the matches: one hop, one timeout.
    let body = blocking(&state, move |s, cancel| {
        let facets = with_facets.then_some((&GroupBy::ALL[..], top));
        let (results, facets) =
            s.index.search_with(&q.request, facets, cancel).map_err(query_failure)?;
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
    let bytes = blocking(state, move |s, cancel| {
        let (results, _) = s.index.search_with(&q.request, None, cancel).map_err(query_failure)?;
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
    let doc = blocking(&state, move |s, _| Ok(documents::load(s.out.as_deref(), &id)?)).await?;
    Ok(Json(doc).into_response())
}
