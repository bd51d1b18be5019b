//! documents: an id from a URL → the extracted `<id>.json` in the output folder, never outside it.
//!
//! An id is a file stem: no path separators, no `..`, no leading dot, no NUL;
//! and the path it names, resolved (symlinks followed), must still lie in the
//! output folder.

use std::path::{Path, PathBuf};

use zhengce_extract::model::Document;

/// Why a document cannot be shown.
#[derive(Debug, PartialEq, Eq)]
pub enum DocError {
    /// The server was started without `--out`.
    NoOut,
    /// The id is not a plain file stem, or leads outside the output folder.
    BadId(String),
    NotFound(String),
    /// The file is there but does not read as a document.
    Unreadable(String),
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocError::NoOut => {
                write!(f, "没有提供输出目录（--out），无法显示文件原文 / no --out folder given")
            }
            DocError::BadId(id) => write!(f, "无效的文件编号 / invalid document id `{id}`"),
            DocError::NotFound(id) => write!(f, "找不到文件 / no document `{id}`"),
            DocError::Unreadable(why) => write!(f, "文件无法读取 / unreadable document: {why}"),
        }
    }
}

/// The path of document `id` inside `out` (already canonical), checked.
pub fn document_path(out: &Path, id: &str) -> Result<PathBuf, DocError> {
    let plain = !id.is_empty()
        && id.chars().count() <= 200
        && !id.starts_with('.')
        && !id.contains(['/', '\\', '\0', ':'])
        && !id.contains("..");
    if !plain {
        return Err(DocError::BadId(id.to_string()));
    }
    let path = out.join(format!("{id}.json"));
    let real = path.canonicalize().map_err(|_| DocError::NotFound(id.to_string()))?;
    if !real.starts_with(out) || !real.is_file() {
        return Err(DocError::BadId(id.to_string()));
    }
    Ok(real)
}

/// Reads document `id` from `out`.
pub fn load(out: Option<&Path>, id: &str) -> Result<Document, DocError> {
    let out = out.ok_or(DocError::NoOut)?;
    let path = document_path(out, id)?;
    let bytes = std::fs::read(&path).map_err(|e| DocError::Unreadable(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| DocError::Unreadable(format!("{id}.json: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(tmp.path().join("secret.json"), "{}").unwrap();
        std::fs::write(out.join("a.json"), "{}").unwrap();
        let out = out.canonicalize().unwrap();
        assert!(document_path(&out, "a").is_ok());
        for id in ["../secret", "..", "/etc/passwd", "a/../../secret", ".hidden", "a\0", ""] {
            assert_eq!(document_path(&out, id), Err(DocError::BadId(id.to_string())), "{id:?}");
        }
        assert_eq!(document_path(&out, "missing"), Err(DocError::NotFound("missing".into())));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.json"), out.join("link.json"))
                .unwrap();
            assert_eq!(document_path(&out, "link"), Err(DocError::BadId("link".into())));
        }
    }
}
