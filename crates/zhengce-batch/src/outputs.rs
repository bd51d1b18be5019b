//! outputs: here is a converted document, write its files — `<stem>.json` and
//! the readable forms asked for (`<stem>.md`, `<stem>.txt`) — off the
//! extraction threads.
//!
//! Creating a file is the slow part of writing one: the kernel starts a
//! journal transaction for the new inode, and while the file system is
//! writing back other data (this batch's earlier outputs, other programs')
//! that start waits, a millisecond or more per file, longer than extracting
//! a typical document. So the extraction threads hand each finished document
//! to a writer thread over a bounded channel ([`Writers`]) and go on
//! with the next input: reading, extraction and writing overlap, and a
//! thread blocked in the file system leaves its core to extraction. The
//! channel holds at most a few documents, so memory stays bounded; when it
//! is full, the extraction thread writes the document itself instead of
//! waiting for room.
//!
//! Every file is written atomically (temp file + rename) and not synced: a
//! [`Flusher`] syncs them in the background as they pile up, and the batch
//! syncs the rest once at its end (see `write.rs`). A small document's JSON
//! is rendered on its extraction thread ([`Pending`] says why); a big one's
//! is streamed into its temp file, never held whole in memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::Mutex;
use std::thread::ScopedJoinHandle;

use zhengce_extract::model::{self, Document};

use crate::write::{write_atomic_unsynced, Flusher};
use crate::{io_message, panic_message, InputReport, Options};

/// Writer threads. One: when it is behind (blocked in the file system, or
/// simply busy), the extraction threads write their documents themselves
/// ([`Writers::send`]), so a second writer only adds a thread contending for
/// the queue and the output folder's lock (measured pairwise on 1,000 corpus
/// files: no slower than two, within the machine's noise). A batch held to
/// one thread (`--jobs 1`) has none and writes in place.
pub(crate) const WRITER_THREADS: usize = 1;

/// Documents waiting for a writer, per writer thread.
const QUEUED_PER_WRITER: usize = 4;

/// The JSON of a document whose text is at most this many bytes is rendered
/// on the extraction thread, and the document dropped there (see [`Pending`]);
/// a bigger one's is streamed by the writer, never held whole. About 5 MB of
/// JSON at most, for each of the few documents the queue holds.
const RENDER_WHOLE_MAX_TEXT: usize = 1 << 20;

/// A converted document whose files are still to be written.
///
/// Most documents reach the writer as their JSON bytes, not as a
/// [`Document`]: a document is thousands of small allocations, and freed on
/// the thread that made them they go straight back to its allocator's free
/// lists; freed on the writer thread, each is handed back across threads and
/// the extraction thread meanwhile takes fresh memory, which the kernel zeroes
/// (`perf`, 1,000 corpus files on two threads: 6% of the samples in
/// `clear_page`, 5% more in the allocator).
pub(crate) struct Pending {
    /// The report once the files are written (`ok` or `skipped`).
    pub report: InputReport,
    /// `DIR/<stem>.json`; the readable forms go beside it.
    pub json: PathBuf,
    /// What is written at `json`.
    pub body: JsonBody,
    /// The document, when something is still made from it: readable forms,
    /// or its JSON streamed.
    pub doc: Option<Document>,
}

/// What a [`Pending`] writes at its JSON path.
pub(crate) enum JsonBody {
    /// Nothing: an up-to-date JSON is kept, and only the readable forms are
    /// written again.
    Keep,
    /// These bytes, rendered on the extraction thread.
    Bytes(Vec<u8>),
    /// The document's JSON, streamed into the file (a big document).
    Stream,
}

impl Pending {
    /// A document just converted: a small one's JSON is rendered here, on the
    /// extraction thread, into a buffer from `buffers`, and the document kept
    /// only for readable forms.
    pub fn converted(
        report: InputReport,
        doc: Document,
        json: PathBuf,
        options: &Options,
        buffers: &Buffers,
    ) -> Self {
        if doc.text.len() <= RENDER_WHOLE_MAX_TEXT {
            let mut bytes = buffers.take();
            if model::extend_json(&mut bytes, &doc).is_ok() {
                let doc = if options.renderings.is_empty() { None } else { Some(doc) };
                return Pending { report, json, body: JsonBody::Bytes(bytes), doc };
            }
            // Streamed instead, and its error reported then, naming the file.
            buffers.give(bytes);
        }
        Pending { report, json, body: JsonBody::Stream, doc: Some(doc) }
    }

    /// An input whose JSON is up to date: only its readable forms are written.
    pub fn kept(report: InputReport, doc: Document, json: PathBuf) -> Self {
        Pending { report, json, body: JsonBody::Keep, doc: Some(doc) }
    }
}

/// The buffers small documents' JSON is rendered into, going round: taken by
/// an extraction thread, written by a writer and given back, so the same
/// memory carries document after document instead of fresh pages for each.
pub(crate) struct Buffers(Mutex<Vec<Vec<u8>>>);

impl Buffers {
    /// Buffers kept for reuse: as many as can be in use at once, about (the
    /// queue, one being written, one being filled on each extraction thread).
    const KEPT: usize = WRITER_THREADS * QUEUED_PER_WRITER + 8;
    /// A buffer grown bigger than this is freed, not kept.
    const KEPT_CAPACITY: usize = 8 << 20;

    pub fn new() -> Self {
        Buffers(Mutex::new(Vec::new()))
    }

    /// An empty buffer: a used one if there is one.
    fn take(&self) -> Vec<u8> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default()
    }

    /// Gives `buf` back for reuse.
    fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() > Self::KEPT_CAPACITY {
            return;
        }
        buf.clear();
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < Self::KEPT {
            kept.push(buf);
        }
    }
}

/// Writes `pending`'s files and returns its report: the report it carries,
/// or an error naming the file that could not be written. A panic while
/// rendering becomes that input's error. Its JSON buffer goes back to `buffers`.
pub(crate) fn write_outputs(
    pending: Pending,
    options: &Options,
    flusher: &Flusher,
    buffers: &Buffers,
) -> InputReport {
    let Pending { report, json, body, doc } = pending;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let written = match (&body, &doc) {
            (JsonBody::Keep, _) => None,
            (JsonBody::Bytes(bytes), _) => {
                Some(write_atomic_unsynced(&json, |w| w.write_all(bytes)))
            }
            // Streamed to the file: the JSON of a big input is several times its size.
            (JsonBody::Stream, Some(doc)) => {
                Some(write_atomic_unsynced(&json, |w| model::write_json(doc, w)))
            }
            (JsonBody::Stream, None) => unreachable!("a streamed JSON keeps its document"),
        };
        if let Some(written) = written {
            let bytes = written
                .map_err(|e| format!("cannot write {}: {}", json.display(), io_message(&e)))?;
            flusher.wrote(bytes);
        }
        match &doc {
            Some(doc) => write_renderings(doc, &json, options, flusher),
            None => Ok(()),
        }
    }));
    if let JsonBody::Bytes(bytes) = body {
        buffers.give(bytes);
    }
    let message = match result {
        Ok(Ok(())) => return report,
        Ok(Err(message)) => message,
        Err(panic) => format!(
            "internal error while writing the outputs (please report it): {}",
            panic_message(&panic)
        ),
    };
    let mut failed = InputReport::error(Path::new(&report.path), String::new());
    failed.message = Some(format!("{}: {message}", report.path));
    failed
}

/// Writes the readable forms `options` asks for beside `json` (`<stem>.md`
/// for `<stem>.json`). The error names the file that could not be written.
fn write_renderings(
    doc: &Document,
    json: &Path,
    options: &Options,
    flusher: &Flusher,
) -> Result<(), String> {
    for form in &options.renderings {
        let path = json.with_extension(form.extension());
        let text = form.render(doc, options.render);
        let bytes = write_atomic_unsynced(&path, |w| w.write_all(text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {}", path.display(), io_message(&e)))?;
        flusher.wrote(bytes);
    }
    Ok(())
}

/// The readable forms' paths for the output `json` (what the batch syncs).
pub(crate) fn rendering_paths<'a>(
    json: &'a Path,
    options: &'a Options,
) -> impl Iterator<Item = PathBuf> + 'a {
    options.renderings.iter().map(move |f| json.with_extension(f.extension()))
}

/// The queue from the extraction threads to the writers: bounded, so at
/// most a few documents per writer wait in memory.
pub(crate) fn queue() -> (SyncSender<Pending>, Mutex<Receiver<Pending>>) {
    let (tx, rx) = sync_channel(WRITER_THREADS * QUEUED_PER_WRITER);
    (tx, Mutex::new(rx))
}

/// The writer threads of one batch, inside a [`std::thread::scope`].
pub(crate) struct Writers<'scope> {
    queue: SyncSender<Pending>,
    threads: Vec<ScopedJoinHandle<'scope, Vec<InputReport>>>,
}

impl<'scope> Writers<'scope> {
    /// Starts `threads` writers on `queue` (made by [`queue`]); each calls
    /// `progress` with every report it finishes. With none, [`Writers::send`]
    /// hands every document back.
    pub fn start<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        (queue, rx): (SyncSender<Pending>, &'env Mutex<Receiver<Pending>>),
        options: &'env Options,
        flusher: &'env Flusher,
        buffers: &'env Buffers,
        progress: &'env (dyn Fn(&InputReport) + Sync),
        threads: usize,
    ) -> Self {
        let threads = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        // The lock is held only while waiting for the next document.
                        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(pending) = next else { break };
                        let report = write_outputs(pending, options, flusher, buffers);
                        progress(&report);
                        done.push(report);
                    }
                    done
                })
            })
            .collect();
        Writers { queue, threads }
    }

    /// Hands a document to the writers; `None` when they took it, else the
    /// document back for the caller to write itself: when there are no
    /// writers, and when their queue is full. An extraction thread that
    /// waited for room instead left its core idle whenever the writers were
    /// blocked in the file system (`perf` of the switches to idle, 1,000
    /// corpus files: 0.15 of 0.25 idle core-seconds).
    pub fn send(&self, pending: Pending) -> Option<Pending> {
        if self.threads.is_empty() {
            return Some(pending);
        }
        match self.queue.try_send(pending) {
            Ok(()) => None,
            Err(TrySendError::Full(p) | TrySendError::Disconnected(p)) => Some(p),
        }
    }

    /// Waits for the writers to finish what they were given; their reports.
    pub fn finish(self) -> Vec<InputReport> {
        drop(self.queue);
        let mut reports = Vec::new();
        for t in self.threads {
            match t.join() {
                Ok(done) => reports.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        reports
    }
}
