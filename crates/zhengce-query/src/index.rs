//! index: here are extracted documents, give me a tantivy index of their targets and items.
//!
//! An index is a directory holding tantivy's files and [`META_FILE`] with the
//! index format version and the extractor schema version; both are checked
//! whenever the index is opened. Each document is keyed by its id (the stem of
//! its `<stem>.json`): re-indexing a document first deletes every entry with its
//! id, so indexing the same folder twice leaves one copy of everything.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use zhengce_extract::model::{Document, Item, ItemKind, Section, TargetKind};

use crate::columns::FacetCache;
use crate::error::{QueryError, Result};
use crate::schema::{build_schema, Fields, IndexMeta, KIND_ITEM, KIND_TARGET, META_FILE};
use crate::search::EntryKind;
use crate::tokenizer::{JiebaTokenizer, TOKENIZER_NAME};

/// Memory budget of the index writer, shared by its threads.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// An open zhengce index.
pub struct ZIndex {
    pub(crate) path: PathBuf,
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    /// The facet columns of the segments last counted (see [`crate::columns`]).
    pub(crate) facet_cache: FacetCache,
}

/// A document with its id (the stem of its file).
pub type NamedDocument = (String, Document);

/// A file passed over, with the reason.
pub type Skipped = (PathBuf, String);

/// What [`index_dir`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexReport {
    /// Documents (re-)indexed.
    pub documents: usize,
    pub targets: usize,
    pub items: usize,
    /// Files passed over, with the reason (not a document, unreadable).
    pub skipped: Vec<Skipped>,
}

impl ZIndex {
    /// Opens an existing index, checking its versions.
    pub fn open(path: impl AsRef<Path>) -> Result<ZIndex> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(QueryError::NotFound { path: path.to_path_buf() });
        }
        check_meta(path)?;
        let index = Index::open_in_dir(path).map_err(|e| corrupt_or_tantivy(path, e))?;
        ZIndex::from_index(path, index)
    }

    /// Opens the index at `path`, or creates it when the directory is missing or empty.
    /// An index of another format version is rebuilt from scratch (it carries our
    /// [`META_FILE`], so its directory is ours to clear).
    ///
    /// A new index is made whole (tantivy's files and [`META_FILE`]) in a
    /// sibling folder and renamed into place, so that a process killed while
    /// creating it leaves either no index or a whole empty one, never a folder
    /// the next run refuses; tantivy's commits make the later updates atomic.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<ZIndex> {
        let path = path.as_ref();
        let is_empty_dir =
            |p: &Path| fs::read_dir(p).map(|mut d| d.next().is_none()).unwrap_or(false);
        if path.exists() && !is_empty_dir(path) {
            match ZIndex::open(path) {
                Err(QueryError::VersionMismatch { .. }) => {} // rebuilt below
                other => return other,
            }
        }
        let sibling = |suffix: &str| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            path.with_file_name(format!(".{}.{suffix}", name.unwrap_or_else(|| "index".into())))
        };
        let fresh = sibling("creating");
        if fresh.exists() {
            // Left by a process killed while creating: never in use.
            fs::remove_dir_all(&fresh).map_err(|e| QueryError::io(&fresh, e))?;
        }
        fs::create_dir_all(&fresh).map_err(|e| QueryError::io(&fresh, e))?;
        {
            let (schema, _) = build_schema();
            Index::create_in_dir(&fresh, schema).map_err(|e| QueryError::tantivy(&fresh, e))?;
        }
        let meta = serde_json::to_string_pretty(&IndexMeta::current()).expect("meta serializes");
        let meta_path = fresh.join(META_FILE);
        fs::write(&meta_path, meta + "\n").map_err(|e| QueryError::io(&meta_path, e))?;
        if path.exists() {
            // An empty folder, or an index of another version: moved aside, then removed.
            let aside = sibling("old");
            if aside.exists() {
                fs::remove_dir_all(&aside).map_err(|e| QueryError::io(&aside, e))?;
            }
            fs::rename(path, &aside).map_err(|e| QueryError::io(path, e))?;
            fs::rename(&fresh, path).map_err(|e| QueryError::io(path, e))?;
            fs::remove_dir_all(&aside).map_err(|e| QueryError::io(&aside, e))?;
        } else {
            fs::rename(&fresh, path).map_err(|e| QueryError::io(path, e))?;
        }
        let index = Index::open_in_dir(path).map_err(|e| corrupt_or_tantivy(path, e))?;
        ZIndex::from_index(path, index)
    }

    /// A fresh index in memory (tests and benchmarks).
    pub fn create_in_ram() -> Result<ZIndex> {
        let (schema, _) = build_schema();
        ZIndex::from_index(Path::new("<memory>"), Index::create_in_ram(schema))
    }

    fn from_index(path: &Path, index: Index) -> Result<ZIndex> {
        let fields = check_schema(path, &index.schema())?;
        index.tokenizers().register(TOKENIZER_NAME, JiebaTokenizer::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| corrupt_or_tantivy(path, e))?;
        Ok(ZIndex {
            path: path.to_path_buf(),
            index,
            fields,
            reader,
            facet_cache: FacetCache::default(),
        })
    }

    /// The directory of the index.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A writer that replaces documents; nothing is visible until [`Indexer::commit`].
    pub fn indexer(&self) -> Result<Indexer<'_>> {
        let writer =
            self.index.writer(WRITER_HEAP_BYTES).map_err(|e| QueryError::tantivy(&self.path, e))?;
        Ok(Indexer { index: self, writer, report: IndexReport::default() })
    }

    /// Replaces the given documents (id, document) in one commit.
    pub fn replace_documents<'d>(
        &self,
        docs: impl IntoIterator<Item = (&'d str, &'d Document)>,
    ) -> Result<IndexReport> {
        let mut indexer = self.indexer()?;
        for (id, doc) in docs {
            indexer.replace(id, doc)?;
        }
        indexer.commit()
    }

    /// Number of live entries of each kind: (targets, items).
    pub fn counts(&self) -> Result<(u64, u64)> {
        use tantivy::collector::Count;
        use tantivy::query::TermQuery;
        let searcher = self.reader.searcher();
        let count = |kind: &str| {
            let q = TermQuery::new(
                Term::from_field_text(self.fields.doc_kind, kind),
                tantivy::schema::IndexRecordOption::Basic,
            );
            searcher
                .search(&q, &Count)
                .map(|n| n as u64)
                .map_err(|e| QueryError::tantivy(&self.path, e))
        };
        Ok((count(KIND_TARGET)?, count(KIND_ITEM)?))
    }

    /// Total size of the files in the index directory, in bytes (0 in memory).
    pub fn size_on_disk(&self) -> u64 {
        fs::read_dir(&self.path)
            .map(|d| d.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
            .unwrap_or(0)
    }
}

/// Adds documents to an index, replacing earlier versions of the same id.
pub struct Indexer<'a> {
    index: &'a ZIndex,
    writer: IndexWriter,
    report: IndexReport,
}

impl Indexer<'_> {
    /// Deletes every entry of document `id`, then adds its targets and items.
    pub fn replace(&mut self, id: &str, doc: &Document) -> Result<()> {
        let f = &self.index.fields;
        self.writer.delete_term(Term::from_field_text(f.doc, id));
        for entry in entries(f, id, doc) {
            self.writer
                .add_document(entry)
                .map_err(|e| QueryError::tantivy(&self.index.path, e))?;
        }
        self.report.documents += 1;
        self.report.targets += doc.targets.len();
        self.report.items += doc.items.len();
        Ok(())
    }

    /// Makes the changes durable and visible to new searches.
    pub fn commit(mut self) -> Result<IndexReport> {
        let path = &self.index.path;
        self.writer.commit().map_err(|e| QueryError::tantivy(path, e))?;
        self.writer.wait_merging_threads().map_err(|e| QueryError::tantivy(path, e))?;
        self.index.reader.reload().map_err(|e| QueryError::tantivy(path, e))?;
        Ok(self.report)
    }
}

/// Reads every extracted document of `dir` (`*.json`, not `report.json`) and
/// (re-)indexes it into the index at `index_path`, creating the index if needed.
pub fn index_dir(dir: impl AsRef<Path>, index_path: impl AsRef<Path>) -> Result<IndexReport> {
    let (docs, skipped) = read_documents(dir.as_ref())?;
    if docs.is_empty() {
        let skipped = match skipped.len() {
            0 => String::new(),
            n => format!(" ({n} .json files are not zhengce documents)"),
        };
        return Err(QueryError::NoDocuments { path: dir.as_ref().to_path_buf(), skipped });
    }
    let index = ZIndex::open_or_create(index_path)?;
    let mut report = index.replace_documents(docs.iter().map(|(id, d)| (id.as_str(), d)))?;
    report.skipped = skipped;
    Ok(report)
}

/// The extracted documents of a folder as (id = file stem, document), sorted by id,
/// and the files passed over with the reason. `report.json` is passed over silently.
pub fn read_documents(dir: &Path) -> Result<(Vec<NamedDocument>, Vec<Skipped>)> {
    let files = zhengce_batch::document_files(dir).map_err(|e| QueryError::io(dir, e))?;
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for (stem, p) in files {
        match zhengce_batch::read_document(&p) {
            Ok(doc) => docs.push((stem, doc)),
            Err(why) => skipped.push((p, why)),
        }
    }
    Ok((docs, skipped))
}

/// The tantivy documents of one extracted document: its targets, then its items.
fn entries(f: &Fields, id: &str, doc: &Document) -> Vec<TantivyDocument> {
    let by_id: BTreeMap<&str, &Section> = doc.sections.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut item_years: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for t in &doc.targets {
        if let (Some(item), Some(year)) = (&t.item, t.year) {
            let years = item_years.entry(item.as_str()).or_default();
            if !years.contains(&(year as i64)) {
                years.push(year as i64);
            }
        }
    }
    let common = |kind: &str, seq: usize| {
        let mut d = TantivyDocument::default();
        d.add_text(f.doc_kind, kind);
        d.add_text(f.doc, id);
        d.add_u64(f.seq, seq as u64);
        d.add_text(f.sha256, &doc.source.sha256);
        if let Some(t) = &doc.meta.title {
            d.add_text(f.title, t);
        }
        if let Some(r) = &doc.meta.region {
            d.add_text(f.region, r);
        }
        for i in &doc.meta.issuers {
            d.add_text(f.issuers, i);
        }
        d
    };
    let mut out = Vec::with_capacity(doc.targets.len() + doc.items.len());
    for (seq, t) in doc.targets.iter().enumerate() {
        let mut d = common(KIND_TARGET, seq);
        d.add_text(f.text, &t.quote);
        if t.sentence != t.quote {
            d.add_text(f.text, &t.sentence);
        }
        d.add_text(f.text, &t.subject);
        d.add_text(f.subject, &t.subject);
        for s in &t.section {
            d.add_text(f.section, s);
        }
        if let Some(y) = t.year {
            d.add_i64(f.year, y as i64);
        }
        d.add_f64(f.value, t.value);
        if let Some(m) = t.value_max {
            d.add_f64(f.value_max, m);
        }
        d.add_text(f.unit, &t.unit);
        d.add_text(f.comparator, &t.comparator);
        d.add_text(f.kind, target_kind(t.kind));
        for o in &t.owners {
            d.add_text(f.owners, o);
            d.add_text(f.owner_words, o);
        }
        d.add_text(f.quote, &t.quote);
        d.add_text(f.sentence, &t.sentence);
        d.add_u64(f.quote_start, t.span.start as u64);
        d.add_u64(f.quote_end, t.span.end as u64);
        d.add_text(f.entry_id, &t.id);
        if let Some(i) = &t.item {
            d.add_text(f.item, i);
        }
        out.push(d);
    }
    for (seq, item) in doc.items.iter().enumerate() {
        let mut d = common(KIND_ITEM, seq);
        if let Some(title) = &item.title {
            d.add_text(f.text, title);
            d.add_text(f.subject, title);
        }
        d.add_text(f.text, &item.text);
        for s in section_path(&by_id, item) {
            d.add_text(f.section, s);
        }
        for y in item_years.get(item.id.as_str()).into_iter().flatten() {
            d.add_i64(f.year, *y);
        }
        d.add_text(f.kind, item_kind(item.kind));
        for o in &item.owners {
            d.add_text(f.owners, o);
            d.add_text(f.owner_words, o);
        }
        d.add_text(f.quote, &item.text);
        d.add_u64(f.quote_start, item.span.start as u64);
        d.add_u64(f.quote_end, item.span.end as u64);
        d.add_text(f.entry_id, &item.id);
        d.add_text(f.item, &item.id);
        out.push(d);
    }
    out
}

/// Titles of the sections above an item, outermost first.
fn section_path<'d>(by_id: &BTreeMap<&str, &'d Section>, item: &Item) -> Vec<&'d str> {
    let mut path = Vec::new();
    let mut cur = item.section.as_deref();
    while let Some(id) = cur {
        let Some(s) = by_id.get(id) else { break };
        path.push(s.title.as_str());
        cur = s.parent.as_deref();
        if path.len() > 64 {
            break; // A cycle in damaged input: stop rather than loop.
        }
    }
    path.reverse();
    path
}

pub(crate) fn target_kind(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Target => EntryKind::Target,
        TargetKind::Achievement => EntryKind::Achievement,
    }
    .as_str()
}

fn item_kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Numbered => EntryKind::Numbered,
        ItemKind::Paragraph => EntryKind::Paragraph,
        ItemKind::TableRow => EntryKind::TableRow,
    }
    .as_str()
}

fn check_meta(path: &Path) -> Result<()> {
    let meta_path = path.join(META_FILE);
    let text = match fs::read_to_string(&meta_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(QueryError::NotAnIndex { path: path.to_path_buf() });
        }
        Err(e) => return Err(QueryError::io(&meta_path, e)),
    };
    let meta: IndexMeta = serde_json::from_str(&text).map_err(|e| QueryError::Corrupt {
        path: path.to_path_buf(),
        reason: format!("{META_FILE} is unreadable: {e}"),
    })?;
    let current = IndexMeta::current();
    if meta != current {
        return Err(QueryError::VersionMismatch {
            path: path.to_path_buf(),
            found: meta.format_version,
            found_schema: meta.schema_version,
            expected: current.format_version,
            expected_schema: current.schema_version,
        });
    }
    Ok(())
}

fn check_schema(path: &Path, schema: &Schema) -> Result<Fields> {
    let (expected, fields) = build_schema();
    for (field, entry) in expected.fields() {
        let same = schema.get_field(entry.name()).ok() == Some(field)
            && schema.get_field_entry(field) == entry;
        if !same {
            return Err(QueryError::Corrupt {
                path: path.to_path_buf(),
                reason: format!("field `{}` differs from this version's schema", entry.name()),
            });
        }
    }
    Ok(fields)
}

/// tantivy reports damaged files as corruption, missing ones as not found, the rest as is.
fn corrupt_or_tantivy(path: &Path, e: tantivy::TantivyError) -> QueryError {
    use tantivy::TantivyError as T;
    match e {
        T::DataCorruption(_)
        | T::OpenReadError(_)
        | T::OpenDirectoryError(_)
        | T::SchemaError(_) => {
            QueryError::Corrupt { path: path.to_path_buf(), reason: e.to_string() }
        }
        T::IncompatibleIndex(_) => {
            QueryError::Corrupt { path: path.to_path_buf(), reason: e.to_string() }
        }
        other => QueryError::tantivy(path, other),
    }
}
