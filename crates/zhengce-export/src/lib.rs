//! zhengce-export: *give me the extracted documents as tables I can query.*
//!
//! Three tables of a folder of extracted documents (`DIR/<id>.json`), for
//! DuckDB, pandas/pyarrow, Spark and Polars:
//!
//! ```text
//! DIR/*.json ─ export_dir ─▶ OUT/documents.parquet   one row per document
//!                            OUT/targets.parquet     one row per target
//!                            OUT/items.parquet       one row per item
//!            (--partition-by year: OUT/targets/year=2025/part-0.parquet, Hive style;
//!             --format ndjson: the same columns as .ndjson)
//! ```
//!
//! Code map: [`columns`] (the one home of each table's columns: Arrow type,
//! meaning, the JSON field it comes from), [`sink`] (a table's rows into one
//! Parquet or NDJSON file, atomically), [`dates`] (ISO dates as `Date32`),
//! [`error`]. [`Exporter`] streams documents one at a time into the tables, so
//! memory stays bounded by a row group, whatever the number of documents.
//!
//! Invariants: same documents in, same bytes out (documents in file-name order,
//! no timestamps, no hash order); no file appears under its name half written
//! (each is written under a temporary name and renamed; the partitioned
//! `targets/` folder is built aside and swapped in whole); a document that
//! cannot be read is passed over and named in [`ExportReport::skipped`].

pub mod columns;
pub mod dates;
pub mod error;
pub mod sink;

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use columns::{Table, TableDef};
pub use error::ExportError;
pub use sink::Format;

use columns::{Cell, Column, Rows};
use sink::Sink;

/// Row-group size: up to this many rows per Parquet row group (128 Ki).
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// The folder name of a partition whose year is null (Hive's, read as null by
/// Spark, pyarrow and DuckDB).
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// What `targets` may be partitioned by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PartitionBy {
    /// The target's year: `targets/year=2025/part-0.parquet`.
    Year,
}

/// How to export.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub partition_by: Option<PartitionBy>,
    /// Most rows per Parquet row group.
    pub row_group_rows: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { format: Format::Parquet, partition_by: None, row_group_rows: ROW_GROUP_ROWS }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub documents: usize,
    pub targets: usize,
    pub items: usize,
    /// The files written, sorted.
    pub files: Vec<PathBuf>,
    /// Documents passed over, with the reason (the caller prints the file).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Exports every document of `dir` (its `*.json` but `report.json`, in
/// file-name order) into `out`, holding `out`'s lock while it writes.
pub fn export_dir(dir: &Path, out: &Path, options: &Options) -> Result<ExportReport, ExportError> {
    let files = zhengce_batch::document_files(dir).map_err(|e| ExportError::io(dir, e))?;
    export_files(&files, out, options)
}

/// Exports the documents `files` (id, path), in that order, into `out`,
/// holding `out`'s lock while it writes (`extract --format` exports its
/// batch's outputs with [`zhengce_batch::Report::document_files`]).
pub fn export_files(
    files: &[(String, PathBuf)],
    out: &Path,
    options: &Options,
) -> Result<ExportReport, ExportError> {
    fs::create_dir_all(out).map_err(|e| ExportError::io(out, e))?;
    let _lock = zhengce_batch::lock::DirLock::acquire(out)?;
    let mut exporter = Exporter::create(out, options)?;
    let mut skipped = Vec::new();
    for (id, path) in files {
        let added = match zhengce_batch::read_document(path) {
            Ok(doc) => exporter.add(id, &doc)?,
            Err(why) => Err(why),
        };
        if let Err(why) = added {
            skipped.push((path.clone(), why));
        }
    }
    let mut report = exporter.finish()?;
    report.skipped = skipped;
    Ok(report)
}

/// The three tables being written, one document at a time.
pub struct Exporter {
    out: PathBuf,
    options: Options,
    documents: Sink,
    items: Sink,
    targets: Targets,
}

enum Targets {
    One(Sink),
    /// Parts by year, written into a folder aside (`OUT/.targets.<pid>.tmp`).
    ByYear {
        aside: PathBuf,
        parts: BTreeMap<Option<i64>, Sink>,
    },
}

impl Exporter {
    /// Opens the tables' files in `out` (created if needed).
    pub fn create(out: &Path, options: &Options) -> Result<Exporter, ExportError> {
        fs::create_dir_all(out).map_err(|e| ExportError::io(out, e))?;
        let open = |table: Table| {
            let path = out.join(format!("{}.{}", table.name(), options.format.extension()));
            let columns: Vec<&Column> = table.def().columns.iter().collect();
            Sink::create(&path, options.format, &columns, options.row_group_rows)
        };
        let targets = match options.partition_by {
            None => Targets::One(open(Table::Targets)?),
            Some(PartitionBy::Year) => {
                let aside =
                    out.join(format!(".{}.{}.tmp", Table::Targets.name(), std::process::id()));
                remove_stale_asides(out);
                fs::create_dir(&aside).map_err(|e| ExportError::io(&aside, e))?;
                Targets::ByYear { aside, parts: BTreeMap::new() }
            }
        };
        Ok(Exporter {
            out: out.to_path_buf(),
            options: options.clone(),
            documents: open(Table::Documents)?,
            items: open(Table::Items)?,
            targets,
        })
    }

    /// Adds one document's rows to the tables. `Ok(Err(why))`: the document is
    /// passed over (a date that is not a day), nothing of it written.
    pub fn add(
        &mut self,
        id: &str,
        doc: &zhengce_extract::model::Document,
    ) -> Result<Result<(), String>, ExportError> {
        if let Err(why) = dates::check(doc) {
            return Ok(Err(why));
        }
        let rows = Rows::new(id, doc);
        push_rows(&mut self.documents, Table::Documents, &rows)?;
        push_rows(&mut self.items, Table::Items, &rows)?;
        match &mut self.targets {
            Targets::One(sink) => push_rows(sink, Table::Targets, &rows)?,
            Targets::ByYear { aside, parts } => {
                let def = Table::Targets.def();
                let year_name = def.year_column.expect("targets have a year column");
                let year_at = def.position(year_name).expect("the year column exists");
                let columns: Vec<&Column> =
                    def.columns.iter().filter(|c| c.name != year_name).collect();
                let mut cells: Vec<Cell<'_>> = Vec::with_capacity(columns.len());
                for i in 0..rows.count(Table::Targets) {
                    let year = match (def.columns[year_at].get)(&rows, i) {
                        Cell::Int(y) => Some(y),
                        _ => None,
                    };
                    let sink = match parts.entry(year) {
                        Entry::Occupied(e) => e.into_mut(),
                        Entry::Vacant(v) => {
                            let dir = aside.join(format!(
                                "{year_name}={}",
                                year.map_or_else(|| NULL_PARTITION.to_string(), |y| y.to_string())
                            ));
                            fs::create_dir_all(&dir).map_err(|e| ExportError::io(&dir, e))?;
                            let path =
                                dir.join(format!("part-0.{}", self.options.format.extension()));
                            let format = self.options.format;
                            v.insert(Sink::create(
                                &path,
                                format,
                                &columns,
                                self.options.row_group_rows,
                            )?)
                        }
                    };
                    fill(&mut cells, &columns, &rows, i);
                    sink.push(&cells)?;
                }
            }
        }
        Ok(Ok(()))
    }

    /// Finishes every file, then puts them in place (documents, items,
    /// targets) and makes them durable. A file that cannot be finished stops
    /// the export before any is put in place.
    pub fn finish(self) -> Result<ExportReport, ExportError> {
        let mut report = ExportReport {
            documents: self.documents.rows(),
            items: self.items.rows(),
            ..ExportReport::default()
        };
        let documents = self.documents.finish()?;
        let items = self.items.finish()?;
        let targets_dir = self.out.join(Table::Targets.name());
        let result = (|| -> Result<(), ExportError> {
            match self.targets {
                Targets::One(sink) => {
                    report.targets = sink.rows();
                    let targets = sink.finish()?;
                    report.files.push(documents.commit()?);
                    report.files.push(items.commit()?);
                    report.files.push(targets.commit()?);
                    // This export's targets replace a partitioned folder of an earlier one.
                    if targets_dir.is_dir() {
                        fs::remove_dir_all(&targets_dir)
                            .map_err(|e| ExportError::io(&targets_dir, e))?;
                    }
                    Ok(())
                }
                Targets::ByYear { ref aside, parts } => {
                    let mut finished = Vec::with_capacity(parts.len());
                    for (_, sink) in parts {
                        report.targets += sink.rows();
                        finished.push(sink.finish()?);
                    }
                    report.files.push(documents.commit()?);
                    report.files.push(items.commit()?);
                    for part in finished {
                        let path = part.commit()?;
                        let relative =
                            path.strip_prefix(aside).expect("a part is in the folder aside");
                        report.files.push(targets_dir.join(relative));
                    }
                    swap_in(aside, &targets_dir)?;
                    // This export's folder replaces the one file of an earlier one.
                    for stale in [Format::Parquet, Format::Ndjson] {
                        let one = self.out.join(format!(
                            "{}.{}",
                            Table::Targets.name(),
                            stale.extension()
                        ));
                        if one.is_file() {
                            fs::remove_file(&one).map_err(|e| ExportError::io(&one, e))?;
                        }
                    }
                    Ok(())
                }
            }
        })();
        if result.is_err() {
            remove_stale_asides(&self.out);
        }
        result?;
        zhengce_batch::sync_dir(&self.out, &report.files)
            .map_err(|e| ExportError::io(&self.out, e))?;
        report.files.sort();
        Ok(report)
    }
}

/// Appends the rows `table` takes from one document.
fn push_rows(sink: &mut Sink, table: Table, rows: &Rows<'_>) -> Result<(), ExportError> {
    let columns: Vec<&Column> = table.def().columns.iter().collect();
    let mut cells: Vec<Cell<'_>> = Vec::with_capacity(columns.len());
    for i in 0..rows.count(table) {
        fill(&mut cells, &columns, rows, i);
        sink.push(&cells)?;
    }
    Ok(())
}

/// The cells of row `i` in the order of `columns`.
fn fill<'a>(cells: &mut Vec<Cell<'a>>, columns: &[&Column], rows: &Rows<'a>, i: usize) {
    cells.clear();
    cells.extend(columns.iter().map(|c| (c.get)(rows, i)));
}

/// Removes the folders aside that a killed export left (`.targets.<pid>.tmp`,
/// `.targets.<pid>.old`); the caller holds the folder's lock.
fn remove_stale_asides(out: &Path) {
    let prefix = format!(".{}.", Table::Targets.name());
    for e in fs::read_dir(out).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let aside = name.starts_with(&prefix) && (name.ends_with(".tmp") || name.ends_with(".old"));
        if aside && e.path().is_dir() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Puts the folder `fresh` at `target`, moving an earlier one aside and
/// removing it: a reader sees the old folder or the new one, never a mix.
fn swap_in(fresh: &Path, target: &Path) -> Result<(), ExportError> {
    if target.exists() {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let old = target.with_file_name(format!(".{name}.{}.old", std::process::id()));
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| ExportError::io(&old, e))?;
        }
        fs::rename(target, &old).map_err(|e| ExportError::io(target, e))?;
        fs::rename(fresh, target).map_err(|e| ExportError::io(target, e))?;
        fs::remove_dir_all(&old).map_err(|e| ExportError::io(&old, e))?;
    } else {
        fs::rename(fresh, target).map_err(|e| ExportError::io(target, e))?;
    }
    Ok(())
}
