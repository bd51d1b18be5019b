//! zhengce-serve: the researchers' web page and JSON API over a zhengce index.
//!
//! `zhengce serve --index IDX [--out DIR]` answers, read-only:
//!
//! ```text
//! GET /                    search page (box, facets, charts, results, paging, downloads)
//! GET /documents/{id}      one document: metadata, outline, text with targets marked, audit
//! GET /api/search          hits as JSON (or `format=csv`, UTF-8 with BOM)
//! GET /api/facets          counts per year/kind/unit/owner/document/region/issuer
//! GET /api/documents/{id}  the extracted document JSON (needs --out)
//! ```
//!
//! Code map: [`params`] (the URL's question → [`zhengce_query::QueryRequest`],
//! with length limits), [`api`] (JSON and CSV handlers), [`pages`] (HTML
//! through maud, which escapes every value), [`charts`] (server-side SVG),
//! [`documents`] (reading `<id>.json` from the output folder, ids that cannot
//! leave it), [`pool`] (the query threads), [`error`].
//!
//! Invariants: nothing writes; every query runs on a thread of the
//! [`pool::QueryPool`] under [`ServeConfig::timeout`], at most
//! [`ServeConfig::max_queries`] at once, and
//! stops through its cancel flag once its answer is no longer awaited; the
//! filters are the query crate's (one home).

pub mod api;
pub mod charts;
pub mod documents;
pub mod error;
pub mod pages;
pub mod params;
pub mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use zhengce_query::ZIndex;

use crate::pool::QueryPool;

pub use error::ServeError;

/// What a server serves and how.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub index: PathBuf,
    /// The folder of extracted `<id>.json` documents (document pages need it).
    pub out: Option<PathBuf>,
    pub host: String,
    pub port: u16,
    /// Longest a query may take before the answer is a "took too long" message
    /// (waiting for a free query slot included).
    pub timeout: Duration,
    /// Queries that run at once; more wait for a slot (until the timeout, then
    /// answer "busy"). Defaults to the number of cores: a query is CPU work.
    pub max_queries: usize,
    /// Queries that may wait for a slot; one more is answered "busy" at once.
    /// `None`: [`WAITING_PER_QUERY`] for each of `max_queries`.
    pub max_waiting: Option<usize>,
}

/// Waiting queries allowed per query slot when `max_waiting` is not set:
/// enough for a page's bursts and many clients (the load bench's 32 never
/// fill it), few enough that a flood is told "busy" at once rather than each
/// request waiting out the timeout.
pub const WAITING_PER_QUERY: usize = 64;

impl ServeConfig {
    pub fn new(index: PathBuf) -> Self {
        ServeConfig {
            index,
            out: None,
            host: "127.0.0.1".into(),
            port: 8080,
            timeout: Duration::from_secs(10),
            max_queries: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_waiting: None,
        }
    }

    /// The longest line of waiting queries: `max_waiting`, or
    /// [`WAITING_PER_QUERY`] per query slot.
    pub fn waiting_limit(&self) -> usize {
        self.max_waiting.unwrap_or(WAITING_PER_QUERY * self.max_queries.max(1)).max(1)
    }
}

/// Shared by every request.
pub struct AppState {
    pub index: ZIndex,
    pub out: Option<PathBuf>,
    pub timeout: Duration,
    /// The query threads, one per query slot ([`ServeConfig::max_queries`]);
    /// a running query keeps its thread until it has returned.
    pub queries: QueryPool,
}

impl AppState {
    /// Opens the index (a missing or corrupt one is an error, not a panic
    /// later) and reads its facet columns.
    pub fn open(config: &ServeConfig) -> Result<AppState, ServeError> {
        let index = ZIndex::open(&config.index)?;
        // The facet rows and filter sets, read now rather than by the first
        // search (0.27 s for a million targets); every search then sorts and
        // filters with them too.
        index.warm_facets()?;
        let out = match &config.out {
            Some(dir) => Some(
                dir.canonicalize().map_err(|e| ServeError::Out { path: dir.clone(), source: e })?,
            ),
            None => None,
        };
        let queries = QueryPool::new(config.max_queries, config.waiting_limit())
            .map_err(ServeError::Runtime)?;
        Ok(AppState { index, out, timeout: config.timeout, queries })
    }
}

/// Longest query string (`?…`, bytes as sent, percent-escapes included).
pub const MAX_QUERY_BYTES: usize = 4096;

/// What every answer says to the browser: no sniffing JSON into HTML, and
/// scripts only from this server (the pages have no inline script), so a
/// value that escaped escaping still would not run.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Refuses a query string over [`MAX_QUERY_BYTES`] before anything parses it
/// (each value is limited again, in characters, by [`params`]); adds the
/// headers of [`CSP`] to every answer.
async fn guard(req: Request, next: Next) -> Response {
    let mut res = limit_query(req, next).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

async fn limit_query(req: Request, next: Next) -> Response {
    let len = req.uri().query().map_or(0, str::len);
    if len > MAX_QUERY_BYTES {
        let f = api::Failure::TooLong(format!(
            "查询字符串过长（{len} 字节，最多 {MAX_QUERY_BYTES}）/ the query string is {len} bytes long; at most {MAX_QUERY_BYTES}"
        ));
        return if req.uri().path().starts_with("/api/") {
            f.into_response()
        } else {
            pages::failure_page(&f)
        };
    }
    next.run(req).await
}

/// The routes over a state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::search_page))
        .route("/static/zhengce.js", get(pages::script))
        .route("/documents/{id}", get(pages::document_page))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/documents/{id}", get(api::document))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(guard))
        .with_state(state)
}

/// A bound listener and the address it listens on (port 0 picks a free port).
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<AppState>,
}

impl Server {
    /// Opens the index and binds; errors here are the clear exit of `zhengce serve`.
    pub fn bind(config: &ServeConfig) -> Result<Server, ServeError> {
        let state = Arc::new(AppState::open(config)?);
        let addr = format!("{}:{}", config.host, config.port);
        let listener = std::net::TcpListener::bind(&addr)
            .map_err(|e| ServeError::Bind { addr: addr.clone(), source: e })?;
        listener.set_nonblocking(true).map_err(|e| ServeError::Bind { addr, source: e })?;
        Ok(Server { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<(), ServeError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(ServeError::Runtime)?;
        rt.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(self.listener).map_err(ServeError::Runtime)?;
            axum::serve(listener, router(self.state)).await.map_err(ServeError::Runtime)
        })
    }
}
