//! sink: *rows in, a Parquet or NDJSON file out.*
//!
//! A [`Sink`] takes a table's rows one at a time (cells in column order) and
//! writes them to one file: Parquet through Arrow builders flushed as record
//! batches of [`BATCH_ROWS`] into the `parquet` crate's `ArrowWriter`
//! (row groups of up to `row_group_rows`, zstd, dictionary pages, no
//! timestamps, so the same rows give the same bytes), or NDJSON, one object a
//! row, keys in column order. Either way the file is an
//! [`AtomicFile`](zhengce_batch::AtomicFile): nothing appears under its name
//! until [`Sink::finish`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int16Builder, Int64Builder,
    ListBuilder, StringBuilder, StringDictionaryBuilder, StructBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use zhengce_batch::AtomicFile;

use crate::columns::{labelled_fields, list_item, Cell, Column, Kind};
use crate::error::ExportError;

/// Rows buffered in Arrow builders before they go to the Parquet writer as one batch.
pub const BATCH_ROWS: usize = 8192;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Apache Parquet (zstd), read by DuckDB, pandas/pyarrow, Spark, Polars.
    Parquet,
    /// One JSON object per line, keys in column order.
    Ndjson,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Ndjson => "ndjson",
        }
    }
}

/// One output file of a table.
pub struct Sink {
    path: PathBuf,
    rows: usize,
    inner: Inner,
}

enum Inner {
    Parquet {
        writer: Box<ArrowWriter<AtomicFile>>,
        builders: Vec<Builder>,
        schema: SchemaRef,
        buffered: usize,
    },
    Ndjson {
        file: AtomicFile,
        names: Vec<String>,
        kinds: Vec<Kind>,
        line: Vec<u8>,
    },
}

impl Sink {
    /// Opens `path` (under a temporary name) for rows of `columns`.
    pub fn create(
        path: &Path,
        format: Format,
        columns: &[&Column],
        row_group_rows: usize,
    ) -> Result<Sink, ExportError> {
        let file = AtomicFile::create(path).map_err(|e| ExportError::io(path, e))?;
        let inner = match format {
            Format::Parquet => {
                let schema = Arc::new(Schema::new(
                    columns
                        .iter()
                        .map(|c| arrow_schema::Field::new(c.name, c.kind.data_type(), c.nullable))
                        .collect::<Vec<_>>(),
                ));
                let props = WriterProperties::builder()
                    .set_compression(Compression::ZSTD(ZstdLevel::default()))
                    .set_max_row_group_row_count(Some(row_group_rows.max(1)))
                    .set_statistics_enabled(EnabledStatistics::Page)
                    .set_created_by(format!("zhengce {}", env!("CARGO_PKG_VERSION")))
                    .build();
                let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
                    .map_err(|e| ExportError::parquet(path, e))?;
                let builders = columns.iter().map(|c| Builder::new(c.kind)).collect();
                Inner::Parquet { writer: Box::new(writer), builders, schema, buffered: 0 }
            }
            Format::Ndjson => Inner::Ndjson {
                file,
                names: columns
                    .iter()
                    .map(|c| serde_json::to_string(c.name).expect("a name serializes"))
                    .collect(),
                kinds: columns.iter().map(|c| c.kind).collect(),
                line: Vec::new(),
            },
        };
        Ok(Sink { path: path.to_path_buf(), rows: 0, inner })
    }

    /// Appends one row, its cells in column order.
    pub fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        self.rows += 1;
        match &mut self.inner {
            Inner::Parquet { builders, buffered, .. } => {
                for (b, cell) in builders.iter_mut().zip(cells) {
                    b.append(cell);
                }
                *buffered += 1;
                if *buffered >= BATCH_ROWS {
                    self.flush()?;
                }
            }
            Inner::Ndjson { file, names, kinds, line } => {
                line.clear();
                line.push(b'{');
                for (k, ((name, kind), cell)) in
                    names.iter().zip(kinds.iter()).zip(cells).enumerate()
                {
                    if k > 0 {
                        line.push(b',');
                    }
                    line.extend_from_slice(name.as_bytes());
                    line.push(b':');
                    debug_assert!(*kind != Kind::Bool || matches!(cell, Cell::Bool(_)));
                    write_json_cell(line, cell);
                }
                line.extend_from_slice(b"}\n");
                file.write_all(line).map_err(|e| ExportError::io(&self.path, e))?;
            }
        }
        Ok(())
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if let Inner::Parquet { writer, builders, schema, buffered } = &mut self.inner {
            if *buffered == 0 {
                return Ok(());
            }
            let arrays: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
            let batch = RecordBatch::try_new(schema.clone(), arrays)
                .map_err(|e| ExportError::arrow(&self.path, e))?;
            writer.write(&batch).map_err(|e| ExportError::parquet(&self.path, e))?;
            *buffered = 0;
        }
        Ok(())
    }

    /// Writes what is buffered and the file's footer, still under its
    /// temporary name: [`Finished::commit`] puts it in place.
    pub fn finish(mut self) -> Result<Finished, ExportError> {
        self.flush()?;
        let file = match self.inner {
            Inner::Parquet { writer, .. } => {
                (*writer).into_inner().map_err(|e| ExportError::parquet(&self.path, e))?
            }
            Inner::Ndjson { file, .. } => file,
        };
        Ok(Finished { path: self.path, file })
    }
}

/// A whole file under its temporary name (removed if dropped uncommitted).
pub struct Finished {
    path: PathBuf,
    file: AtomicFile,
}

impl Finished {
    /// Renames the file into place (durable after a later sync of its folder).
    pub fn commit(self) -> Result<PathBuf, ExportError> {
        self.file.commit(false).map_err(|e| ExportError::io(&self.path, e))?;
        Ok(self.path)
    }
}

/// An Arrow builder for one column.
enum Builder {
    Text(StringBuilder),
    Category(StringDictionaryBuilder<Int32Type>),
    Year(Int16Builder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    TextList(ListBuilder<StringBuilder>),
    Labelled(ListBuilder<StructBuilder>),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Category => Builder::Category(StringDictionaryBuilder::new()),
            Kind::Year => Builder::Year(Int16Builder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::TextList => {
                Builder::TextList(ListBuilder::new(StringBuilder::new()).with_field(list_item()))
            }
            Kind::Labelled => {
                let fields = labelled_fields();
                let values = StructBuilder::from_fields(fields.clone(), 0);
                let item =
                    arrow_schema::Field::new("item", arrow_schema::DataType::Struct(fields), false);
                Builder::Labelled(ListBuilder::new(values).with_field(Arc::new(item)))
            }
        }
    }

    /// Appends a cell. The cell's variant is the column's (the getters of
    /// `columns` give each kind its variant); a date the table definition
    /// checked before ([`crate::dates::check`]).
    fn append(&mut self, cell: &Cell<'_>) {
        match (self, cell) {
            (Builder::Text(b), Cell::Null) => b.append_null(),
            (Builder::Text(b), Cell::Str(s)) => b.append_value(s),
            (Builder::Text(b), Cell::Owned(s)) => b.append_value(s),
            (Builder::Category(b), Cell::Null) => b.append_null(),
            (Builder::Category(b), Cell::Str(s)) => {
                b.append_value(s);
            }
            (Builder::Category(b), Cell::Owned(s)) => {
                b.append_value(s);
            }
            (Builder::Year(b), Cell::Null) => b.append_null(),
            (Builder::Year(b), Cell::Int(v)) => b.append_value(*v as i16),
            (Builder::Int(b), Cell::Null) => b.append_null(),
            (Builder::Int(b), Cell::Int(v)) => b.append_value(*v),
            (Builder::Float(b), Cell::Null) => b.append_null(),
            (Builder::Float(b), Cell::Float(v)) => b.append_value(*v),
            (Builder::Bool(b), Cell::Bool(v)) => b.append_value(*v),
            (Builder::Date(b), Cell::Null) => b.append_null(),
            (Builder::Date(b), Cell::Str(s)) => {
                b.append_option(crate::dates::days_since_epoch(s));
            }
            (Builder::TextList(b), Cell::List(items)) => {
                for s in items {
                    b.values().append_value(s);
                }
                b.append(true);
            }
            (Builder::Labelled(b), Cell::Labelled(fields)) => {
                let values = b.values();
                for f in fields.iter() {
                    values
                        .field_builder::<StringBuilder>(0)
                        .expect("label is a string")
                        .append_value(&f.label);
                    values
                        .field_builder::<StringBuilder>(1)
                        .expect("value is a string")
                        .append_value(&f.value);
                    values.append(true);
                }
                b.append(true);
            }
            (b, c) => unreachable!("a {} cell in a {:?} column", cell_name(c), b.kind()),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Builder::Text(_) => Kind::Text,
            Builder::Category(_) => Kind::Category,
            Builder::Year(_) => Kind::Year,
            Builder::Int(_) => Kind::Int,
            Builder::Float(_) => Kind::Float,
            Builder::Bool(_) => Kind::Bool,
            Builder::Date(_) => Kind::Date,
            Builder::TextList(_) => Kind::TextList,
            Builder::Labelled(_) => Kind::Labelled,
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => ArrayBuilder::finish(b),
            Builder::Category(b) => ArrayBuilder::finish(b),
            Builder::Year(b) => ArrayBuilder::finish(b),
            Builder::Int(b) => ArrayBuilder::finish(b),
            Builder::Float(b) => ArrayBuilder::finish(b),
            Builder::Bool(b) => ArrayBuilder::finish(b),
            Builder::Date(b) => ArrayBuilder::finish(b),
            Builder::TextList(b) => ArrayBuilder::finish(b),
            Builder::Labelled(b) => ArrayBuilder::finish(b),
        }
    }
}

fn cell_name(c: &Cell<'_>) -> &'static str {
    match c {
        Cell::Null => "null",
        Cell::Str(_) | Cell::Owned(_) => "string",
        Cell::Int(_) => "integer",
        Cell::Float(_) => "float",
        Cell::Bool(_) => "bool",
        Cell::List(_) => "list",
        Cell::Labelled(_) => "labelled",
    }
}

/// One cell as JSON: the same value as in the document's JSON (serde_json's
/// formatting of strings and numbers).
fn write_json_cell(out: &mut Vec<u8>, cell: &Cell<'_>) {
    let w = &mut *out;
    let r = match cell {
        Cell::Null => {
            w.extend_from_slice(b"null");
            Ok(())
        }
        Cell::Str(s) => serde_json::to_writer(w, s),
        Cell::Owned(s) => serde_json::to_writer(w, s),
        Cell::Int(v) => serde_json::to_writer(w, v),
        Cell::Float(v) => serde_json::to_writer(w, v),
        Cell::Bool(v) => serde_json::to_writer(w, v),
        Cell::List(items) => serde_json::to_writer(w, items),
        Cell::Labelled(fields) => serde_json::to_writer(w, fields),
    };
    r.expect("writing JSON to memory does not fail");
}
