//! write: here is a path and its contents, put them there atomically; and,
//! at the end of a batch, make everything written durable with one sync.
//!
//! Every file goes through a temporary file in the same folder and a rename,
//! so a reader (or a re-run after SIGKILL) never sees a partial file. A
//! batch's outputs are *not* flushed one by one (one `fsync` per output
//! costs a journal commit each and left the cores waiting on the disk);
//! instead [`sync_dir`] flushes them all once at the end of the batch
//! (`syncfs` on Linux: one call for the whole file system holding the
//! output folder; elsewhere an `fsync` of each written file, then of the
//! folder), and only then is `report.json` written, itself with
//! [`write_atomic`], which syncs the file and its folder.
//!
//! So that the end of a batch does not wait for all of its output to reach
//! the disk at once (95 MB for 1,000 corpus-sized documents: 0.3 s of a
//! 1.3 s run), a [`Flusher`] thread syncs the file system in the background
//! each time another [`FLUSH_EVERY`] bytes have been written: the disk writes
//! while the cores extract, and the final sync has only the tail to flush.
//!
//! The guarantee: once `report.json` of a batch is on disk, every output it
//! lists is on disk too. A crash before that loses at most outputs of this
//! batch, each of which is then missing, empty or unreadable JSON, never
//! mistaken for a finished output: the next run's up-to-date check parses
//! the output and compares its sha256, so it redoes exactly that work.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, OnceLock};

/// The process id, asked of the kernel once (each temp file name carries it).
fn pid() -> u32 {
    static PID: OnceLock<u32> = OnceLock::new();
    *PID.get_or_init(std::process::id)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, then syncs the file and the folder: durable when it returns.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], the contents written by `write` through a buffer.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    write_temp_then_rename(path, write, true)?;
    sync_folder(path.parent().unwrap_or(Path::new(".")))
}

/// Like [`write_atomic_with`] but not synced: atomic (no partial file is ever
/// visible under `path`) and durable only after a later [`sync_dir`] of its
/// folder. Gives the file's length (what a [`Flusher`] counts).
pub fn write_atomic_unsynced(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
) -> io::Result<u64> {
    write_temp_then_rename(path, write, false)
}

/// Writes `path` through a temporary file; the file's length.
fn write_temp_then_rename(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<fs::File>) -> io::Result<()>,
    sync: bool,
) -> io::Result<u64> {
    let mut file = AtomicFile::create(path)?;
    write(file.writer())?;
    file.commit_len(sync)
}

/// A file written under a temporary name in its folder and renamed into place
/// by [`AtomicFile::commit`]: until then nothing is visible under its path, and
/// dropped uncommitted (an error, a panic) it removes its temporary file.
/// For outputs written piece by piece, such as a Parquet file across a batch.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file `.<name>.<pid>.tmp` beside `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", pid()));
        let file = io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        Ok(AtomicFile { path: path.to_path_buf(), tmp, file: Some(file) })
    }

    /// The buffered writer of the temporary file.
    pub fn writer(&mut self) -> &mut io::BufWriter<fs::File> {
        self.file.as_mut().expect("an AtomicFile is open until committed")
    }

    /// Flushes the file (and syncs it when `sync`), then renames it into place.
    /// Not synced, it is durable after a later [`sync_dir`] of its folder.
    pub fn commit(self, sync: bool) -> io::Result<()> {
        self.commit_len(sync).map(drop)
    }

    /// [`AtomicFile::commit`], giving the file's length.
    fn commit_len(mut self, sync: bool) -> io::Result<u64> {
        use std::io::Seek;
        let w = self.file.take().expect("an AtomicFile is committed once");
        let result = (|| {
            let mut f = w.into_inner().map_err(|e| e.into_error())?;
            let len = f.stream_position()?;
            if sync {
                f.sync_all()?;
            }
            drop(f);
            fs::rename(&self.tmp, &self.path)?;
            Ok(len)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        // Renamed or removed: nothing left for `drop` to clean.
        self.tmp = PathBuf::new();
        result
    }
}

impl io::Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer().write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            self.file = None;
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Bytes written between two background syncs: large enough that a sync's
/// fixed cost (a journal commit) is paid rarely, small enough that the
/// batch-end sync has little left to write.
pub const FLUSH_EVERY: u64 = 16 << 20;

/// Background writeback of one batch's outputs (see the module's docs).
///
/// The threads writing outputs call [`Flusher::wrote`] after each file;
/// [`Flusher::run`], on a thread of its own, syncs the output's file system
/// whenever another [`FLUSH_EVERY`] bytes are waiting, until
/// [`Flusher::stop`]. It only moves work earlier: the batch still ends with
/// [`sync_dir`], and an error of a background sync is kept and returned by
/// `run` (a later sync could not see it).
pub struct Flusher {
    dir: PathBuf,
    state: Mutex<FlushState>,
    wake: Condvar,
}

#[derive(Default)]
struct FlushState {
    /// Bytes written since the last background sync started.
    dirty: u64,
    stopped: bool,
}

impl Flusher {
    /// A flusher for outputs written into `dir`.
    pub fn new(dir: &Path) -> Flusher {
        Flusher { dir: dir.to_path_buf(), state: Mutex::default(), wake: Condvar::new() }
    }

    /// Counts `bytes` more written; wakes the flusher once enough are waiting.
    pub fn wrote(&self, bytes: u64) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.dirty += bytes;
        if s.dirty >= FLUSH_EVERY {
            self.wake.notify_one();
        }
    }

    /// Syncs in the background until stopped; the first error of a sync.
    /// Does nothing where syncing a whole file system is not possible (the
    /// batch-end [`sync_dir`] then syncs file by file).
    pub fn run(&self) -> io::Result<()> {
        if !cfg!(target_os = "linux") {
            return Ok(());
        }
        loop {
            {
                let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
                while !s.stopped && s.dirty < FLUSH_EVERY {
                    s = self.wake.wait(s).unwrap_or_else(|e| e.into_inner());
                }
                if s.stopped {
                    return Ok(());
                }
                s.dirty = 0;
            }
            #[cfg(target_os = "linux")]
            syncfs(&self.dir)?;
        }
    }

    /// Ends [`Flusher::run`] (after the sync it may be in).
    pub fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        self.wake.notify_all();
    }

    /// A guard that stops the flusher when dropped, even by a panic, so that
    /// a scope waiting for [`Flusher::run`]'s thread cannot hang.
    pub fn stop_on_drop(&self) -> impl Drop + '_ {
        struct Stop<'a>(&'a Flusher);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.stop();
            }
        }
        Stop(self)
    }
}

/// Makes the files `written` into `dir` (and their names in it) durable.
///
/// On Linux one `syncfs` of the file system holding `dir` does it all
/// (`written` is not needed); elsewhere each file is synced (from the rayon
/// pool), then the folder.
pub fn sync_dir(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = written;
        syncfs(dir)
    }
    #[cfg(not(target_os = "linux"))]
    {
        use rayon::prelude::*;
        // From the pool: the file systems there batch concurrent flushes.
        written.par_iter().try_for_each(|p| fs::File::open(p)?.sync_all())?;
        sync_folder(dir)
    }
}

#[cfg(target_os = "linux")]
fn syncfs(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let d = fs::File::open(dir)?;
    // SAFETY: `d` is an open descriptor for the whole call; syncfs reads nothing else.
    if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Syncs a folder, so that the renames into it are durable (a no-op where
/// folders cannot be opened as files).
fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsynced_write_is_atomic_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic_unsynced(&path, |w| w.write_all(b"{}\n")).unwrap();
        write_atomic_unsynced(&path, |w| w.write_all(b"{\"x\":1}\n")).unwrap();
        sync_dir(dir.path(), std::slice::from_ref(&path)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"x\":1}\n");
        let names: Vec<_> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.json")]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_its_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        let err = write_atomic_unsynced(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("serializer failed"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "serializer failed");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_uncommitted_atomic_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"half a file").unwrap();
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the temp file exists while writing"
        );
        assert!(!path.exists());
        drop(f);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"whole").unwrap();
        f.commit(false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_flusher_syncs_once_enough_is_written_and_keeps_the_error_of_a_sync() {
        // Where no sync can succeed (the folder is gone), the error of the
        // background sync is what `run` returns, even after `stop`.
        let dir = tempfile::tempdir().unwrap();
        let flusher = Flusher::new(&dir.path().join("gone"));
        let result = std::thread::scope(|scope| {
            let background = scope.spawn(|| flusher.run());
            let _stop = flusher.stop_on_drop();
            flusher.wrote(FLUSH_EVERY - 1);
            flusher.wrote(1);
            background.join().unwrap()
        });
        if cfg!(target_os = "linux") {
            assert_eq!(result.unwrap_err().kind(), io::ErrorKind::NotFound);
        } else {
            assert!(result.is_ok());
        }
    }

    #[test]
    fn a_stopped_flusher_below_the_threshold_ends_without_syncing() {
        // Would fail if it synced: the folder does not exist.
        let dir = tempfile::tempdir().unwrap();
        let flusher = Flusher::new(&dir.path().join("gone"));
        let result = std::thread::scope(|scope| {
            let background = scope.spawn(|| flusher.run());
            flusher.wrote(FLUSH_EVERY - 1);
            drop(flusher.stop_on_drop());
            background.join().unwrap()
        });
        assert!(result.is_ok());
    }

    #[test]
    fn sync_of_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(sync_dir(&dir.path().join("gone"), &[]).is_err());
    }
}
