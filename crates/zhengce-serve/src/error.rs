//! error: what can go wrong when serving, each with what it concerns.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServeError {
    #[error(transparent)]
    Index(#[from] zhengce_query::QueryError),
    #[error("output folder {}: {source}", path.display())]
    Out { path: PathBuf, source: std::io::Error },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("server: {0}")]
    Runtime(std::io::Error),
}
