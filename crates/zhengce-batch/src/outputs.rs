//! outputs: here is a converted document, write its files — `<stem>.json` and
//! the readable forms asked for (`<stem>.md`, `<stem>.txt`) — on the
//! extraction thread that made it.
//!
//! Every file is written atomically (temp file + rename) and not synced: a
//! [`Flusher`] syncs them in the background as they pile up, and the batch
//! syncs the rest once at its end (see `write.rs`). A small document's JSON
//! is rendered whole into a buffer that goes round ([`Buffers`]) and written
//! with one call; a big one's is streamed into its temp file, never held
//! whole in memory.
//!
//! There is no writer thread. There was one, fed over a bounded channel, while
//! the JSON was rendered off the extraction threads; once small documents were
//! rendered where they were extracted (see [`Pending`]), all it did was create,
//! write and rename files, and handing it each document cost two context
//! switches per input (about 2,300 in a 1,000-file batch) and a third thread
//! on the two cores. Without it, 1,000 corpus files on two cores, pairwise
//! (2026-11-28): wall 0.983 and 0.959 of the build with it on the disk (15 and
//! 20 pairs), 0.924 on tmpfs (15 pairs), for the same CPU time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use zhengce_extract::model::{self, Document};

use crate::write::{write_atomic_unsynced, Flusher};
use crate::{io_message, panic_message, InputReport, Options};

/// The JSON of a document whose text is at most this many bytes is rendered
/// whole, and the document dropped before its file is written (see
/// [`Pending`]); a bigger one's is streamed into its file, never held whole.
/// About 5 MB of JSON at most, one buffer per extraction thread.
const RENDER_WHOLE_MAX_TEXT: usize = 1 << 20;

/// A converted document whose files are still to be written.
///
/// Most documents are written as their JSON bytes, rendered into a reused
/// buffer, not streamed from the [`Document`]: one `write` for the file, and
/// the document's thousands of small allocations freed at once, back to the
/// thread's allocator, before the file system is asked for anything. (When a
/// writer thread wrote the files, documents freed there were cross-thread
/// frees while the extraction thread took fresh memory, which the kernel
/// zeroes: `perf`, 1,000 corpus files on two threads, 6% of the samples in
/// `clear_page` and 5% more in the allocator.)
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
    /// A document just converted: a small one's JSON is rendered here into a
    /// buffer from `buffers`, and the document kept only for readable forms.
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
/// an extraction thread, written and given back, so the same memory carries
/// document after document instead of fresh pages for each.
pub(crate) struct Buffers {
    kept: Mutex<Vec<Vec<u8>>>,
    /// Buffers kept for reuse: as many as can be in use at once, one on each
    /// extraction thread (a thread gives its buffer back before taking the
    /// next), so that none is freed only to be allocated again.
    keep: usize,
}

impl Buffers {
    /// A buffer grown bigger than this is freed, not kept.
    const KEPT_CAPACITY: usize = 8 << 20;

    /// Buffers for a batch on `threads` extraction threads.
    pub fn new(threads: usize) -> Self {
        Buffers { kept: Mutex::new(Vec::new()), keep: threads }
    }

    /// An empty buffer: a used one if there is one.
    fn take(&self) -> Vec<u8> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default()
    }

    /// Gives `buf` back for reuse.
    fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() > Self::KEPT_CAPACITY {
            return;
        }
        buf.clear();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < self.keep {
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
