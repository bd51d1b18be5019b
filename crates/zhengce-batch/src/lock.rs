//! lock: here is an output folder, let only this process write into it.
//!
//! [`DirLock::acquire`] creates `DIR/.zhengce.lock` (create-new, so two
//! processes cannot both succeed) holding this process's pid, and removes it
//! when dropped. A second `zhengce extract` into the same folder is refused
//! with [`LockError::Held`], naming the holder's pid and the lock file. A lock
//! left by a process that is gone (killed with SIGKILL, so it could not remove
//! it) is stale: it is taken over.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside the output folder.
pub const LOCK_FILE: &str = ".zhengce.lock";

/// Why the folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{dir} is being written by another zhengce process (pid {pid}, lock file {lock}); \
         wait for it to finish, or remove the lock file if that process is gone"
    )]
    Held { dir: PathBuf, pid: u32, lock: PathBuf },
    #[error("cannot create the lock file {lock}: {source}")]
    Io { lock: PathBuf, source: io::Error },
}

/// The output folder's lock, held until dropped.
#[derive(Debug)]
pub struct DirLock {
    path: PathBuf,
}

impl DirLock {
    /// Locks `dir` for this process, taking over a stale lock.
    pub fn acquire(dir: &Path) -> Result<DirLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io_err = |source| LockError::Io { lock: path.clone(), source };
        // Two rounds: the second after removing a stale lock.
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    writeln!(f, "{}", std::process::id()).map_err(io_err)?;
                    f.sync_all().map_err(io_err)?;
                    return Ok(DirLock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    // The holder may be between creating the file and writing its pid.
                    let pid = read_pid(&path);
                    match pid {
                        Some(pid) if is_alive(pid) => {
                            return Err(LockError::Held { dir: dir.to_path_buf(), pid, lock: path })
                        }
                        None if fresh(&path) => {
                            return Err(LockError::Held {
                                dir: dir.to_path_buf(),
                                pid: 0,
                                lock: path,
                            })
                        }
                        _ => {
                            let _ = fs::remove_file(&path); // stale: its process is gone
                        }
                    }
                }
                Err(e) => return Err(io_err(e)),
            }
        }
        Err(LockError::Io {
            lock: path.clone(),
            source: io::Error::other("the lock file reappeared while a stale one was removed"),
        })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Only our own lock: a lock taken over as stale by another process is theirs.
        if read_pid(&self.path) == Some(std::process::id()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn read_pid(path: &Path) -> Option<u32> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// A lock file without a pid yet, created in the last few seconds: its writer is about to write it.
fn fresh(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() < 5)
}

/// True while process `pid` runs (Linux: `/proc/<pid>`; a zombie counts as gone).
fn is_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses: `Z` is a zombie.
        Ok(stat) => {
            stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_a_stale_one_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let lock = DirLock::acquire(dir.path()).unwrap();
        let held = std::fs::read_to_string(lock.path()).unwrap();
        assert_eq!(held.trim(), std::process::id().to_string());
        let e = DirLock::acquire(dir.path()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(&format!("pid {}", std::process::id())), "{msg}");
        assert!(msg.contains(LOCK_FILE), "{msg}");
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
        // A lock whose process is gone (a pid no process has) is taken over.
        std::fs::write(dir.path().join(LOCK_FILE), "4194303\n").unwrap();
        let lock = DirLock::acquire(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(lock.path()).unwrap().trim(),
            std::process::id().to_string()
        );
    }
}
