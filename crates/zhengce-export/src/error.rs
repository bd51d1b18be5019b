//! error: what can stop an export. A document that cannot be read is not an
//! error: it is passed over and named in the report.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: cannot write Parquet: {source}")]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    #[error("{path}: cannot build an Arrow batch: {source}")]
    Arrow { path: PathBuf, source: arrow_schema::ArrowError },
    #[error(transparent)]
    Lock(#[from] zhengce_batch::lock::LockError),
}

impl ExportError {
    pub(crate) fn io(path: &Path, source: io::Error) -> ExportError {
        ExportError::Io { path: path.to_path_buf(), source }
    }
    pub(crate) fn parquet(path: &Path, source: parquet::errors::ParquetError) -> ExportError {
        ExportError::Parquet { path: path.to_path_buf(), source }
    }
    pub(crate) fn arrow(path: &Path, source: arrow_schema::ArrowError) -> ExportError {
        ExportError::Arrow { path: path.to_path_buf(), source }
    }
}
