//! readahead: here are the inputs in the order the batch takes them; while
//! the current ones are extracted, have the kernel read the next ones.
//!
//! An input that is not in the page cache (a folder not read since boot, or
//! pages the kernel reclaimed) otherwise costs its extraction thread a wait
//! on the disk in `read`, and the core idles: on this project's 2-core
//! machine, where the kernel pages out files left unread for a minute,
//! 1,000 corpus files read back to back still lost about 0.2 core-seconds
//! that way (`perf` of the context switches to idle). The batch takes its
//! inputs in order and, with each, [`taking`] asks the kernel
//! (`posix_fadvise(WILLNEED)`, which returns at once) to start reading the
//! input [`AHEAD`] places later, so the disk works while the cores extract.
//! The file opened for the hint is kept and handed to the thread that reads
//! the input, so on an input already in memory the hint costs nothing more.
//!
//! Best effort: a hint that fails is dropped (reading the input later
//! reports the error), and it never blocks: the file is opened
//! non-blocking (a FIFO among the inputs must not hang the batch here) and
//! only a regular file gets the hint.

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use crate::Input;

/// How many inputs ahead of the one taken the kernel is asked to read:
/// at about a millisecond of extraction per corpus-sized input, tens of
/// milliseconds of lead, more than a disk needs to bring in a small file.
pub(crate) const AHEAD: usize = 32;

/// The files opened for a hint, kept for the thread that reads the input:
/// it then opens nothing and asks nothing of the file system itself (an
/// `open`, a `statx` and a `close` less per input, about 2% of a warm
/// batch's CPU time). At most [`AHEAD`] or so are open at once per thread.
pub(crate) struct Ahead {
    opened: Vec<Mutex<Option<Opened>>>,
}

/// A regular file opened ahead, with its metadata as of the hint.
pub(crate) struct Opened {
    pub file: fs::File,
    pub meta: fs::Metadata,
}

impl Ahead {
    /// No file opened yet, for `n` inputs.
    pub(crate) fn new(n: usize) -> Ahead {
        Ahead { opened: (0..n).map(|_| Mutex::new(None)).collect() }
    }

    /// Call on taking `inputs[i]` (in order, from any thread): asks the kernel
    /// to read the input [`AHEAD`] places later (on the first, the first
    /// [`AHEAD`]), and gives the file opened for `inputs[i]`'s own hint, if
    /// it was. Not called while holding the lock that hands out inputs:
    /// opening a file can wait on the disk.
    pub(crate) fn taking(&self, inputs: &[Input], i: usize) -> Option<Opened> {
        let from = if i == 0 { 0 } else { i + AHEAD };
        let to = (i + AHEAD + 1).min(inputs.len());
        for (k, input) in inputs.iter().enumerate().take(to).skip(from) {
            if let Some(opened) = will_need(&input.path) {
                if let Some(slot) = self.opened.get(k) {
                    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(opened);
                }
            }
        }
        self.opened.get(i)?.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Asks the kernel to start reading the file at `path` into memory, without
/// waiting for it; the file, if it is a regular one.
#[cfg(target_os = "linux")]
fn will_need(path: &Path) -> Option<Opened> {
    use std::os::fd::AsRawFd;
    let file = crate::open_nonblocking(path).ok()?;
    let meta = file.metadata().ok().filter(|m| m.is_file())?;
    // SAFETY: `file` is an open descriptor for the whole call; the hint reads no memory of ours.
    unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    Some(Opened { file, meta })
}

#[cfg(not(target_os = "linux"))]
fn will_need(_path: &Path) -> Option<Opened> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input {
                path: PathBuf::from(format!("/nonexistent/{i}.txt")),
                output: format!("{i}.json"),
            })
            .collect()
    }

    #[test]
    fn asks_for_each_input_once_whatever_the_count() {
        // Missing files: the hints fail silently and nothing panics at the ends.
        for n in [0, 1, AHEAD, AHEAD + 1, 3 * AHEAD + 5] {
            let all = inputs(n);
            let ahead = Ahead::new(n);
            for i in 0..n {
                assert!(ahead.taking(&all, i).is_none());
            }
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_fifo_among_the_inputs_does_not_block_the_hint() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string for the call's duration.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "到2025年，新增教师200名。").unwrap();
        let all = vec![
            Input { path: fifo, output: "pipe.json".into() },
            Input { path: file, output: "a.json".into() },
        ];
        // Opening the FIFO for reading without O_NONBLOCK would wait for a writer forever.
        let ahead = Ahead::new(all.len());
        // The FIFO gets no hint and is not kept; the regular file is, for its reader.
        assert!(ahead.taking(&all, 0).is_none());
        let opened = ahead.taking(&all, 1).expect("the regular file was opened ahead");
        assert_eq!(opened.meta.len(), std::fs::metadata(&all[1].path).unwrap().len());
    }
}
