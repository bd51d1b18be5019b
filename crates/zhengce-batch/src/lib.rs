//! zhengce-batch: here are input paths and an output folder, convert them all and tell me how it went.
//!
//! Bird's-eye view: [`discover`] walks the inputs (files and folders, symlink
//! loops guarded) into a sorted list of [`Input`]s; [`run`] extracts them in
//! parallel with rayon, taking them in order while the kernel reads the next
//! ones ahead (`readahead.rs`), writes each `DIR/<stem>.json` atomically (temp file +
//! rename, so a killed batch leaves no partial file; see `write.rs` for when it
//! is durable: one sync for the whole batch, before the report), skips inputs whose
//! sha256 and extractor version match the output already there, and returns a
//! [`Report`] that [`write_report`] saves as `DIR/report.json`.
//!
//! [`lock::DirLock`] keeps a second process out of the output folder.
//!
//! Invariant: every input ends in the report, `ok`, `skipped` or `error` with
//! a message that names the file; one bad input never stops the batch.

pub mod lock;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use zhengce_extract::model::{self, Document, DropKind};
use zhengce_extract::render::{Form, RenderOptions};
use zhengce_extract::Extractor;

mod outputs;
mod readahead;
mod write;
pub use write::{sync_dir, write_atomic, write_atomic_unsynced, write_atomic_with, AtomicFile};

/// One input file and the output it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The output file name inside the output folder (`<stem>.json`).
    pub output: String,
}

/// An input that could not even be listed (missing, unreadable folder, unsupported type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

/// Which files found inside folders to take (`--glob`, `--exclude`), by their
/// path relative to the folder given (`*.docx`, `drafts/**`). Files named
/// directly are always taken, as ripgrep does.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl PathFilter {
    /// A filter taking files that match one of `include` (all, when empty) and none of `exclude`.
    pub fn new(include: &[String], exclude: &[String]) -> Result<PathFilter, globset::Error> {
        let set = |globs: &[String]| -> Result<Option<globset::GlobSet>, globset::Error> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                b.add(globset::Glob::new(g)?);
            }
            b.build().map(Some)
        };
        Ok(PathFilter { include: set(include)?, exclude: set(exclude)? })
    }

    /// Whether the file at `relative` (to the folder given) is taken. A
    /// pattern matches the relative path or the file name.
    pub fn accepts(&self, relative: &Path) -> bool {
        let name = relative.file_name().map(Path::new).unwrap_or(relative);
        let hit = |set: &globset::GlobSet| set.is_match(relative) || set.is_match(name);
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

/// Walks files and folders into inputs. Folders are walked recursively for
/// `.txt`, `.htm`, `.html` and `.docx` files; a folder reached twice (a
/// symlink loop) is walked once; `skip` (the output folder) is never walked.
/// Inputs come back sorted by path, with output names made unique.
pub fn discover(paths: &[PathBuf], skip: Option<&Path>) -> (Vec<Input>, Vec<DiscoverError>) {
    discover_filtered(paths, skip, &PathFilter::default())
}

/// [`discover`], taking only the files inside folders that `filter` accepts.
pub fn discover_filtered(
    paths: &[PathBuf],
    skip: Option<&Path>,
    filter: &PathFilter,
) -> (Vec<Input>, Vec<DiscoverError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    let skip = skip.and_then(|p| fs::canonicalize(p).ok());
    for p in paths {
        match fs::metadata(p) {
            Err(e) => errors.push(DiscoverError { path: p.clone(), message: io_message(&e) }),
            Ok(m) if m.is_dir() => {
                let found = files.len();
                walk(p, &mut files, &mut errors, &mut seen_dirs, skip.as_deref(), 0);
                let mut k = found;
                while k < files.len() {
                    if filter.accepts(files[k].strip_prefix(p).unwrap_or(&files[k])) {
                        k += 1;
                    } else {
                        files.swap_remove(k);
                    }
                }
            }
            Ok(_) => {
                // A file named on the command line without an extension is
                // read by its content (a saved page, or text); a folder walk
                // takes only known extensions.
                let named = p.to_string_lossy();
                if zhengce_extract::format_for_path(&named).is_some() || p.extension().is_none() {
                    files.push(p.clone());
                } else {
                    errors.push(DiscoverError {
                        path: p.clone(),
                        message: "unsupported input format (zhengce reads .txt, .htm, .html, \
                                  .shtml, .jsp, .ftl, .docx and extension-less text or HTML)"
                            .into(),
                    });
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (name_outputs(files), errors)
}

const MAX_WALK_DEPTH: usize = 64;

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<DiscoverError>,
    seen: &mut HashSet<PathBuf>,
    skip: Option<&Path>,
    depth: usize,
) {
    let Ok(canon) = fs::canonicalize(dir) else {
        errors
            .push(DiscoverError { path: dir.into(), message: "cannot resolve the folder".into() });
        return;
    };
    if Some(canon.as_path()) == skip || !seen.insert(canon) {
        return; // the output folder, or a folder reached again through a link
    }
    if depth > MAX_WALK_DEPTH {
        errors.push(DiscoverError {
            path: dir.into(),
            message: format!("folders nested deeper than {MAX_WALK_DEPTH} levels are not walked"),
        });
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(DiscoverError { path: dir.into(), message: io_message(&e) });
            return;
        }
    };
    // The entry's own type (from the folder listing, no `stat`) settles
    // files and folders; a link is followed, as `metadata` does.
    let mut paths: Vec<(PathBuf, Option<fs::FileType>)> =
        entries.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect();
    // One folder's entries differ only in their names: comparing the names
    // gives the paths' order without walking both paths' components.
    paths.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    for (p, kind) in paths {
        let is_dir = match kind {
            Some(k) if k.is_file() => Ok(false),
            Some(k) if k.is_dir() => Ok(true),
            _ => fs::metadata(&p).map(|m| m.is_dir()),
        };
        match is_dir {
            Ok(true) => walk(&p, files, errors, seen, skip, depth + 1),
            Ok(false) => {
                if zhengce_extract::format_for_path(&p.to_string_lossy()).is_some() {
                    files.push(p);
                }
            }
            Err(e) => {
                // A dangling link or an unreadable entry: say so if it looks like an input.
                if zhengce_extract::format_for_path(&p.to_string_lossy()).is_some() {
                    errors.push(DiscoverError { path: p, message: io_message(&e) });
                }
            }
        }
    }
}

/// `<stem>.json`; when two inputs share a stem, the later ones get `<stem>.<ext>.json`,
/// then a counter.
fn name_outputs(files: Vec<PathBuf>) -> Vec<Input> {
    // `report.json` is the batch report's: an input called `report.txt` gets `report.txt.json`.
    let mut used: HashSet<String> = HashSet::from(["report.json".to_string()]);
    files
        .into_iter()
        .map(|path| {
            let stem =
                path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let ext =
                path.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let mut output = format!("{stem}.json");
            if used.contains(&output) {
                output = format!("{stem}.{ext}.json");
            }
            let mut n = 2;
            while used.contains(&output) {
                output = format!("{stem}.{ext}.{n}.json");
                n += 1;
            }
            used.insert(output.clone());
            Input { path, output }
        })
        .collect()
}

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Re-extract inputs even when their output is up to date.
    pub force: bool,
    /// Readable forms written beside each `<stem>.json` (`<stem>.md`,
    /// `<stem>.txt`), from the document in memory, atomically like the JSON.
    pub renderings: Vec<Form>,
    /// How the readable forms are rendered (targets marked or not).
    pub render: RenderOptions,
}

/// The outcome of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputReport {
    pub path: String,
    /// The output file name, when one was written or kept.
    pub output: Option<String>,
    pub status: Status,
    /// Why the input failed or was skipped, naming the file.
    pub message: Option<String>,
    pub sha256: Option<String>,
    /// The reader used (`text`, `docx`, `html`): a `.txt` or extension-less
    /// file holding a web page is read as `html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<model::SourceFormat>,
    pub sections: usize,
    pub items: usize,
    pub targets: usize,
    /// What cleaning dropped, by kind: count of stretches and characters.
    pub dropped: BTreeMap<String, DropCount>,
    pub diagnostics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DropCount {
    pub stretches: usize,
    pub chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// The output already there is from the same bytes and extractor version.
    Skipped,
    Error,
}

/// `DIR/report.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub extractor_version: String,
    pub inputs: Vec<InputReport>,
    pub ok: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Report {
    /// True when every input was converted (or was already up to date).
    pub fn all_ok(&self) -> bool {
        self.failed == 0
    }

    /// The documents this batch converted or kept in `out_dir`, as
    /// (id = file stem, path), sorted by path: what `extract --format` exports.
    pub fn document_files(&self, out_dir: &Path) -> Vec<(String, PathBuf)> {
        let mut files: Vec<(String, PathBuf)> = self
            .inputs
            .iter()
            .filter(|r| r.status != Status::Error)
            .filter_map(|r| r.output.as_deref())
            .map(|name| {
                let path = out_dir.join(name);
                let stem =
                    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                (stem, path)
            })
            .collect();
        files.sort_by(|a, b| a.1.cmp(&b.1));
        files
    }
}

/// Sets the number of threads batches run on (`None`: one per core) and makes
/// the extractor for them. [`run`] writes each input's files on the thread
/// that extracted it.
///
/// The thread count can be set once per process (rayon's global pool); a
/// later call keeps the first count.
pub fn extractor_for(jobs: Option<usize>, config: zhengce_extract::Config) -> Extractor {
    if let Some(j) = jobs {
        // Fails only when the pool already exists; then the existing one is used.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(j.max(1)).build_global();
    }
    Extractor::new(config)
}

/// Converts every input into `out_dir`, calling `progress` once per finished input.
/// Discovery errors are reported as failed inputs.
pub fn run(
    extractor: &Extractor,
    inputs: &[Input],
    discover_errors: &[DiscoverError],
    out_dir: &Path,
    options: &Options,
    progress: &(dyn Fn(&InputReport) + Sync),
) -> io::Result<Report> {
    fs::create_dir_all(out_dir)?;
    let flusher = write::Flusher::new(out_dir);
    let buffers = outputs::Buffers::new(rayon::current_num_threads());
    let (mut reports, flushed): (Vec<InputReport>, io::Result<()>) = std::thread::scope(|scope| {
        let background = scope.spawn(|| flusher.run());
        let stop = flusher.stop_on_drop();
        let existing = if options.force { HashSet::new() } else { file_names(out_dir) };
        // In order, so that the kernel can read the next inputs ahead of the threads.
        let ahead = readahead::Ahead::new(inputs.len());
        // Extraction on the rayon pool; each thread writes the files of what it extracted.
        let reports: Vec<InputReport> = inputs
            .iter()
            .enumerate()
            .par_bridge()
            .map(|(i, input)| {
                let opened = ahead.taking(inputs, i);
                let report = match convert_one(
                    extractor, input, opened, &existing, out_dir, options, &buffers,
                ) {
                    Converted::Done(r) => r,
                    Converted::Write(pending) => {
                        outputs::write_outputs(*pending, options, &flusher, &buffers)
                    }
                };
                progress(&report);
                report
            })
            .collect();
        drop(stop);
        let flushed = background.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (reports, flushed)
    });
    for e in discover_errors {
        let r = InputReport::error(&e.path, format!("{}: {}", e.path.display(), e.message));
        progress(&r);
        reports.push(r);
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    // One sync for the whole batch, before the caller writes the report:
    // the JSON of converted inputs, the readable forms of every input that has a document.
    let mut written: Vec<PathBuf> = Vec::new();
    for r in reports.iter().filter(|r| r.status != Status::Error) {
        let Some(json) = r.output.as_ref().map(|o| out_dir.join(o)) else { continue };
        written.extend(outputs::rendering_paths(&json, options));
        if r.status == Status::Ok {
            written.push(json);
        }
    }
    flushed?;
    write::sync_dir(out_dir, &written)?;
    let count = |s: Status| reports.iter().filter(|r| r.status == s).count();
    Ok(Report {
        schema_version: model::SCHEMA_VERSION.into(),
        extractor_version: model::EXTRACTOR_VERSION.into(),
        ok: count(Status::Ok),
        skipped: count(Status::Skipped),
        failed: count(Status::Error),
        inputs: reports,
    })
}

impl InputReport {
    fn error(path: &Path, message: String) -> Self {
        InputReport {
            path: path.display().to_string(),
            output: None,
            status: Status::Error,
            message: Some(message),
            sha256: None,
            format: None,
            sections: 0,
            items: 0,
            targets: 0,
            dropped: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    fn from_doc(input: &Input, doc: &Document, status: Status) -> Self {
        // Counted by kind, then named: a document drops many stretches of few kinds.
        let mut by_kind: BTreeMap<DropKind, DropCount> = BTreeMap::new();
        for d in &doc.dropped {
            let e = by_kind.entry(d.kind).or_default();
            e.stretches += 1;
            e.chars += d.span.len();
        }
        let dropped: BTreeMap<String, DropCount> =
            by_kind.into_iter().map(|(k, c)| (drop_kind_name(k), c)).collect();
        InputReport {
            path: input.path.display().to_string(),
            output: Some(input.output.clone()),
            status,
            message: None,
            sha256: Some(doc.source.sha256.clone()),
            format: Some(doc.source.format),
            sections: doc.sections.len(),
            items: doc.items.len(),
            targets: doc.targets.len(),
            dropped,
            diagnostics: doc.diagnostics.iter().map(|d| d.message.clone()).collect(),
        }
    }
}

fn drop_kind_name(k: DropKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// What became of an input on the extraction thread.
enum Converted {
    /// Nothing (more) to write: failed, or up to date without readable forms.
    Done(InputReport),
    /// A document whose files are still to be written.
    /// (Boxed: a document is far larger than a report.)
    Write(Box<outputs::Pending>),
}

fn convert_one(
    extractor: &Extractor,
    input: &Input,
    opened: Option<readahead::Opened>,
    existing: &HashSet<String>,
    out_dir: &Path,
    options: &Options,
    buffers: &outputs::Buffers,
) -> Converted {
    let path_str = input.path.display().to_string();
    let failed = |message: String| Converted::Done(InputReport::error(&input.path, message));
    let limit = extractor.config().limits.max_input_bytes;
    let read = match opened {
        Some(o) => read_opened(o.file, &o.meta, limit),
        None => read_limited(&input.path, limit),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(msg) => return failed(format!("{path_str}: {msg}")),
    };
    let json = out_dir.join(&input.output);
    if !options.force && existing.contains(&input.output) {
        if let Some(doc) = up_to_date(&json, &bytes) {
            let mut report = InputReport::from_doc(input, &doc, Status::Skipped);
            report.message = Some(format!(
                "{path_str}: skipped, up to date: {} was made from the same bytes (sha256 {}) by extractor {}; \
                 --force redoes it",
                input.output,
                doc.source.sha256,
                model::EXTRACTOR_VERSION
            ));
            if options.renderings.is_empty() {
                return Converted::Done(report);
            }
            return Converted::Write(Box::new(outputs::Pending::kept(report, doc, json)));
        }
    }
    // A bug in the extractor must not take the batch down: report it against the input.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_owned(bytes, &path_str)
    }));
    let doc = match result {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return failed(e.to_string()),
        Err(panic) => return failed(format!("{path_str}: {}", extractor_panic(&panic))),
    };
    let report = InputReport::from_doc(input, &doc, Status::Ok);
    Converted::Write(Box::new(outputs::Pending::converted(report, doc, json, options, buffers)))
}

/// The reason reported for an input whose extraction panicked (a bug in the
/// extractor, caught so that it cannot take a batch down); the path is the
/// caller's to add.
pub fn extractor_panic(panic: &Box<dyn std::any::Any + Send>) -> String {
    format!("internal error in the extractor (please report it): {}", panic_message(panic))
}

/// What a caught panic said.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Reads a file, refusing one over `limit` bytes before reading it whole; the
/// error is the reason, without the path (callers prefix it).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_nonblocking(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    read_opened(file, &meta, limit)
}

/// [`read_limited`] of a file already open, `meta` its metadata.
fn read_opened(file: fs::File, meta: &fs::Metadata, limit: u64) -> Result<Vec<u8>, String> {
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "the file is {} bytes, over the input limit of {limit} bytes (see --max-input-bytes)",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("the file grew past the input limit of {limit} bytes while read"));
    }
    Ok(bytes)
}

/// The names of the files in `dir` (none if it cannot be read). Read once
/// per batch: asking the folder for each output in turn would wait on the
/// folder's lock while other threads create files in it.
fn file_names(dir: &Path) -> HashSet<String> {
    let Ok(entries) = fs::read_dir(dir) else { return HashSet::new() };
    entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect()
}

/// Opens `path` for reading without waiting: a FIFO (or a device) among the
/// inputs would otherwise block the open until a writer came, and the batch
/// would never end. Reading a regular file is the same either way.
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The existing output, if it was made from these bytes by this extractor version.
fn up_to_date(out_path: &Path, bytes: &[u8]) -> Option<Document> {
    #[derive(Deserialize)]
    struct Head {
        extractor_version: String,
        source: Src,
    }
    #[derive(Deserialize)]
    struct Src {
        sha256: String,
    }
    let text = fs::read_to_string(out_path).ok()?;
    let head: Head = serde_json::from_str(&text).ok()?;
    if head.extractor_version != model::EXTRACTOR_VERSION || head.source.sha256 != sha256_hex(bytes)
    {
        return None;
    }
    serde_json::from_str(&text).ok()
}

fn sha256_hex(bytes: &[u8]) -> String {
    zhengce_extract::sha256_hex(bytes)
}

/// Saves the report as `DIR/report.json`, atomically: serde_json's pretty
/// JSON of it and a newline, written by the extractor's faster writer of the
/// same bytes (this runs at the batch's end, while the other threads wait).
/// Streamed through the file's buffer: a batch's report is half a megabyte
/// per thousand inputs, and a string of it would be memory touched for the
/// first time at the batch's end, when only this thread works.
pub fn write_report(out_dir: &Path, report: &Report) -> io::Result<PathBuf> {
    let path = out_dir.join("report.json");
    write_atomic_with(&path, |w| write_report_json(report, w))?;
    Ok(path)
}

fn write_report_json<W: io::Write + ?Sized>(report: &Report, w: &mut W) -> io::Result<()> {
    zhengce_extract::json::to_writer_pretty(w, report)?;
    w.write_all(b"\n")
}

/// The documents of an output folder: its `*.json` files other than
/// `report.json`, as (id = file stem, path), sorted by path. The one reading
/// of what a folder of extracted documents holds (`index`, `export`).
pub fn document_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        let is_json = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && p.file_name().is_some_and(|n| n != "report.json") && p.is_file() {
            paths.push(p);
        }
    }
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (stem, p)
        })
        .collect())
}

/// Reads one extracted document, or says why it cannot (`cannot read: …`,
/// `not a zhengce document: …`; the caller names the file).
pub fn read_document(path: &Path) -> Result<Document, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    serde_json::from_slice::<Document>(&bytes).map_err(|e| format!("not a zhengce document: {e}"))
}

/// Removes temporary files a killed run left behind.
pub fn remove_stale_temps(out_dir: &Path) {
    if let Ok(entries) = fs::read_dir(out_dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied (the file cannot be read)".into(),
        _ => e.to_string(),
    }
}

/// Times a batch, for the summary line.
pub struct Clock(Instant);

impl Clock {
    pub fn start() -> Self {
        Clock(Instant::now())
    }
    pub fn seconds(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}
