//! columns: *which columns does each table have, and where does each value come from?*
//!
//! The one home of the tables' field lists. Each [`Column`] names its Arrow
//! type ([`Kind`]), what it means (the README's table), the place in a
//! document's JSON it is read from ([`Json`]) and the function that reads it
//! from the model type ([`zhengce_extract::model`]), so the Parquet files, the
//! NDJSON files and the JSON documents cannot disagree: tests compare every
//! column with its [`Json`] place on the corpus, and fail when a field of the
//! schema (`schemas/document.schema.json`) is neither a column nor listed in
//! [`TableDef::not_exported`] with the reason.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Fields, Schema};
use zhengce_extract::model::{Document, MetaField};

/// The three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// One row per document.
    Documents,
    /// One row per target (`targets.md`).
    Targets,
    /// One row per item (numbered item, paragraph, table row).
    Items,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Documents, Table::Targets, Table::Items];

    /// The file (or, partitioned, folder) name: `documents`, `targets`, `items`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Targets => "targets",
            Table::Items => "items",
        }
    }

    /// The table's definition.
    pub fn def(self) -> &'static TableDef {
        match self {
            Table::Documents => &DOCUMENTS,
            Table::Targets => &TARGETS,
            Table::Items => &ITEMS,
        }
    }
}

/// What a column holds, and so its Arrow type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `Utf8`.
    Text,
    /// A closed set: `Dictionary(Int32, Utf8)`.
    Category,
    /// A year: `Int16`.
    Year,
    /// A count, an offset, a number: `Int64`.
    Int,
    /// A value: `Float64`.
    Float,
    /// `Boolean`.
    Bool,
    /// An ISO `YYYY-MM-DD` date: `Date32`.
    Date,
    /// `List<Utf8>` (owners, section path, issuers).
    TextList,
    /// Labelled values: `List<Struct<label: Utf8, value: Utf8>>`.
    Labelled,
}

impl Kind {
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Text => DataType::Utf8,
            Kind::Category => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            Kind::Year => DataType::Int16,
            Kind::Int => DataType::Int64,
            Kind::Float => DataType::Float64,
            Kind::Bool => DataType::Boolean,
            Kind::Date => DataType::Date32,
            Kind::TextList => DataType::List(list_item()),
            Kind::Labelled => DataType::List(Arc::new(Field::new(
                "item",
                DataType::Struct(labelled_fields()),
                false,
            ))),
        }
    }

    /// The Arrow type as the README writes it.
    pub fn arrow_name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Category => "dictionary<int32, string>",
            Kind::Year => "int16",
            Kind::Int => "int64",
            Kind::Float => "float64",
            Kind::Bool => "bool",
            Kind::Date => "date32",
            Kind::TextList => "list<string>",
            Kind::Labelled => "list<struct<label: string, value: string>>",
        }
    }
}

/// The element field of a `List<Utf8>` column.
pub(crate) fn list_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, false))
}

/// The fields of a labelled value (`meta.fields`).
pub(crate) fn labelled_fields() -> Fields {
    Fields::from(vec![
        Field::new("label", DataType::Utf8, false),
        Field::new("value", DataType::Utf8, false),
    ])
}

/// Where a column's value is in the JSON object of its row (the document for
/// `documents`, the target or the item for the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json {
    /// The value at this JSON pointer (`/meta/dates/written`, `/span/start`);
    /// a missing parent (a null `plan_period`) gives null.
    At(&'static str),
    /// The length of the array at this pointer.
    CountOf(&'static str),
    /// Not in the row's JSON: the document's id (the JSON file's stem) or a
    /// value derived from the document (an item's section path).
    Derived,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Str(&'a str),
    /// A closed set's name.
    Owned(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<&'a str>),
    Labelled(&'a [MetaField]),
}

impl<'a> Cell<'a> {
    fn opt_str(v: &'a Option<String>) -> Cell<'a> {
        v.as_deref().map_or(Cell::Null, Cell::Str)
    }
    fn list(v: &'a [String]) -> Cell<'a> {
        Cell::List(v.iter().map(String::as_str).collect())
    }
    fn int(v: usize) -> Cell<'a> {
        Cell::Int(v as i64)
    }
}

/// One document being turned into rows: its id and what rows of it share.
pub struct Rows<'a> {
    pub id: &'a str,
    pub doc: &'a Document,
    /// Section id → the heading titles from the top down to it.
    section_paths: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Rows<'a> {
    pub fn new(id: &'a str, doc: &'a Document) -> Rows<'a> {
        let mut section_paths: BTreeMap<&'a str, Vec<&'a str>> = BTreeMap::new();
        // A parent comes before its children (ids in document order).
        for s in &doc.sections {
            let mut path = match &s.parent {
                Some(p) => section_paths.get(p.as_str()).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            path.push(s.title.as_str());
            section_paths.insert(s.id.as_str(), path);
        }
        Rows { id, doc, section_paths }
    }

    /// The heading titles from the top down to the section `id`.
    pub fn section_path(&self, id: Option<&str>) -> Vec<&'a str> {
        id.and_then(|id| self.section_paths.get(id)).cloned().unwrap_or_default()
    }

    /// How many rows of `table` this document gives.
    pub fn count(&self, table: Table) -> usize {
        match table {
            Table::Documents => 1,
            Table::Targets => self.doc.targets.len(),
            Table::Items => self.doc.items.len(),
        }
    }
}

/// Reads one column's value of row `i` of a document.
pub type Getter = for<'a> fn(&Rows<'a>, usize) -> Cell<'a>;

/// One column of a table.
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    pub json: Json,
    /// What the value means (the README's table).
    pub meaning: &'static str,
    pub get: Getter,
}

/// A table: its columns, the schema fields it leaves out, and what it may be partitioned by.
pub struct TableDef {
    pub table: Table,
    pub columns: &'static [Column],
    /// Fields of the row's JSON object that are not columns, with the reason
    /// (JSON pointers, as in [`Json::At`]).
    pub not_exported: &'static [(&'static str, &'static str)],
    /// The `year` column, for `--partition-by year` (targets only).
    pub year_column: Option<&'static str>,
}

impl TableDef {
    /// The Arrow schema of the table (without the column `skip`, the partition column).
    pub fn schema(&self, skip: Option<&str>) -> Schema {
        Schema::new(
            self.columns
                .iter()
                .filter(|c| Some(c.name) != skip)
                .map(|c| Field::new(c.name, c.kind.data_type(), c.nullable))
                .collect::<Vec<_>>(),
        )
    }

    /// The position of the column `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// The JSON name of a closed-set value (`table_row`, `achievement`): serde's,
/// so the model's `rename_all` stays the one home of these names.
fn wire<T: serde::Serialize>(v: &T) -> Cell<'static> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Cell::Owned(s),
        _ => unreachable!("closed sets serialize as strings"),
    }
}

/// A year as `Int16` (the model's `i32`; a year outside `i16` is null).
fn year(y: Option<i32>) -> Cell<'static> {
    y.and_then(|y| i16::try_from(y).ok()).map_or(Cell::Null, |y| Cell::Int(y as i64))
}

macro_rules! col {
    ($name:literal, $kind:ident, $nullable:literal, $json:expr, $meaning:literal, $get:expr) => {
        Column {
            name: $name,
            kind: Kind::$kind,
            nullable: $nullable,
            json: $json,
            meaning: $meaning,
            get: $get,
        }
    };
}

use Json::{At, CountOf, Derived};

static DOCUMENT_COLUMNS: [Column; 28] = [
    col!(
        "id",
        Text,
        false,
        Derived,
        "the document's id: the stem of its JSON file (`<id>.json`)",
        |r, _| Cell::Str(r.id)
    ),
    col!(
        "schema_version",
        Text,
        false,
        At("/schema_version"),
        "version of the JSON format",
        |r, _| Cell::Str(&r.doc.schema_version)
    ),
    col!(
        "extractor_version",
        Text,
        false,
        At("/extractor_version"),
        "version of the extractor that wrote it",
        |r, _| Cell::Str(&r.doc.extractor_version)
    ),
    col!("source_path", Text, false, At("/source/path"), "the input's path as given", |r, _| {
        Cell::Str(&r.doc.source.path)
    }),
    col!("format", Category, false, At("/source/format"), "`text`, `docx` or `html`", |r, _| wire(
        &r.doc.source.format
    )),
    col!(
        "encoding",
        Text,
        true,
        At("/source/encoding"),
        "detected encoding of a text input (null for .docx)",
        |r, _| Cell::opt_str(&r.doc.source.encoding)
    ),
    col!(
        "sha256",
        Text,
        false,
        At("/source/sha256"),
        "lower-case hex sha256 of the input bytes",
        |r, _| Cell::Str(&r.doc.source.sha256)
    ),
    col!("bytes", Int, false, At("/source/bytes"), "size of the input in bytes", |r, _| Cell::Int(
        r.doc.source.bytes as i64
    )),
    col!("title", Text, true, At("/meta/title"), "the document's title", |r, _| Cell::opt_str(
        &r.doc.meta.title
    )),
    col!("subtitle", Text, true, At("/meta/subtitle"), "the plan a 通知 wraps", |r, _| {
        Cell::opt_str(&r.doc.meta.subtitle)
    }),
    col!(
        "issuers",
        TextList,
        false,
        At("/meta/issuers"),
        "issuing bodies, in the order named",
        |r, _| Cell::list(&r.doc.meta.issuers)
    ),
    col!("doc_number", Text, true, At("/meta/doc_number"), "文号 as written", |r, _| {
        Cell::opt_str(&r.doc.meta.doc_number)
    }),
    col!("index_number", Text, true, At("/meta/index_number"), "索引号", |r, _| Cell::opt_str(
        &r.doc.meta.index_number
    )),
    col!(
        "written",
        Date,
        true,
        At("/meta/dates/written"),
        "date written or signed (成文日期)",
        |r, _| Cell::opt_str(&r.doc.meta.dates.written)
    ),
    col!(
        "published",
        Date,
        true,
        At("/meta/dates/published"),
        "date published (发布日期)",
        |r, _| Cell::opt_str(&r.doc.meta.dates.published)
    ),
    col!(
        "plan_start",
        Year,
        true,
        At("/meta/plan_period/start"),
        "first year of the plan period",
        |r, _| year(r.doc.meta.plan_period.map(|p| p.start))
    ),
    col!(
        "plan_end",
        Year,
        true,
        At("/meta/plan_period/end"),
        "last year of the plan period",
        |r, _| year(r.doc.meta.plan_period.map(|p| p.end))
    ),
    col!("region", Text, true, At("/meta/region"), "the place the document governs", |r, _| {
        Cell::opt_str(&r.doc.meta.region)
    }),
    col!(
        "meta_source",
        Text,
        true,
        At("/meta/source"),
        "the newspaper or site that republished it",
        |r, _| Cell::opt_str(&r.doc.meta.source)
    ),
    col!(
        "fields",
        Labelled,
        false,
        At("/meta/fields"),
        "other labelled metadata fields, in source order",
        |r, _| Cell::Labelled(&r.doc.meta.fields)
    ),
    col!("units", TextList, false, At("/units"), "owning units named anywhere, sorted", |r, _| {
        Cell::list(&r.doc.units)
    }),
    col!("text_chars", Int, false, Derived, "length of the cleaned text in characters", |r, _| {
        Cell::int(r.doc.text.chars().count())
    }),
    col!("sections", Int, false, CountOf("/sections"), "number of headings", |r, _| Cell::int(
        r.doc.sections.len()
    )),
    col!("items", Int, false, CountOf("/items"), "number of items (rows of `items`)", |r, _| {
        Cell::int(r.doc.items.len())
    }),
    col!("tables", Int, false, CountOf("/tables"), "number of task tables", |r, _| Cell::int(
        r.doc.tables.len()
    )),
    col!(
        "targets",
        Int,
        false,
        CountOf("/targets"),
        "number of targets (rows of `targets`)",
        |r, _| Cell::int(r.doc.targets.len())
    ),
    col!(
        "dropped",
        Int,
        false,
        CountOf("/dropped"),
        "number of stretches dropped as noise",
        |r, _| Cell::int(r.doc.dropped.len())
    ),
    col!("diagnostics", Int, false, CountOf("/diagnostics"), "number of diagnostics", |r, _| {
        Cell::int(r.doc.diagnostics.len())
    }),
];

static TARGET_COLUMNS: [Column; 20] = [
    col!("document", Text, false, Derived, "the document's id (`documents.id`)", |r, _| Cell::Str(
        r.id
    )),
    col!("id", Text, false, At("/id"), "`q1`, `q2`, … in document order", |r, i| Cell::Str(
        &r.doc.targets[i].id
    )),
    col!("kind", Category, false, At("/kind"), "`target` or `achievement`", |r, i| wire(
        &r.doc.targets[i].kind
    )),
    col!("quote", Text, false, At("/quote"), "the quantity as quoted from the text", |r, i| {
        Cell::Str(&r.doc.targets[i].quote)
    }),
    col!(
        "sentence",
        Text,
        false,
        At("/sentence"),
        "the sentence around it (at most 200 characters)",
        |r, i| Cell::Str(&r.doc.targets[i].sentence)
    ),
    col!("value", Float, false, At("/value"), "the value, scale applied", |r, i| Cell::Float(
        r.doc.targets[i].value
    )),
    col!("value_max", Float, true, At("/value_max"), "upper end of a range", |r, i| r.doc.targets
        [i]
        .value_max
        .map_or(Cell::Null, Cell::Float)),
    col!(
        "unit",
        Text,
        false,
        At("/unit"),
        "measure word or unit, scale removed",
        |r, i| Cell::Str(&r.doc.targets[i].unit)
    ),
    col!(
        "comparator",
        Category,
        false,
        At("/comparator"),
        "`=`, `>=`, `>`, `<=`, `<`, `~`",
        |r, i| Cell::Str(&r.doc.targets[i].comparator)
    ),
    col!("change", Category, true, At("/change"), "`increase`, `decrease` or null", |r, i| {
        Cell::opt_str(&r.doc.targets[i].change)
    }),
    col!(
        "each",
        Bool,
        false,
        At("/each"),
        "the value applies to each of several subjects",
        |r, i| Cell::Bool(r.doc.targets[i].each)
    ),
    col!("subject", Text, false, At("/subject"), "what is counted", |r, i| Cell::Str(
        &r.doc.targets[i].subject
    )),
    col!("action", Text, true, At("/action"), "the verb that governs it", |r, i| Cell::opt_str(
        &r.doc.targets[i].action
    )),
    col!("year", Year, true, At("/year"), "the year it is due (or reported on)", |r, i| year(
        r.doc.targets[i].year
    )),
    col!(
        "year_source",
        Category,
        true,
        At("/year_source"),
        "where the year came from: `sentence`, `heading`, `calendar`, `title`, `period`, `review`",
        |r, i| r.doc.targets[i].year_source.map_or(Cell::Null, |y| wire(&y))
    ),
    col!("owners", TextList, false, At("/owners"), "responsible units, as written", |r, i| {
        Cell::list(&r.doc.targets[i].owners)
    }),
    col!(
        "section",
        TextList,
        false,
        At("/section"),
        "the heading path above it, markers stripped",
        |r, i| Cell::list(&r.doc.targets[i].section)
    ),
    col!("item", Text, true, At("/item"), "the item it belongs to (`items.id`)", |r, i| {
        Cell::opt_str(&r.doc.targets[i].item)
    }),
    col!(
        "span_start",
        Int,
        false,
        At("/span/start"),
        "start of the quote in the document's text (characters)",
        |r, i| Cell::int(r.doc.targets[i].span.start)
    ),
    col!(
        "span_end",
        Int,
        false,
        At("/span/end"),
        "end of the quote (exclusive)",
        |r, i| Cell::int(r.doc.targets[i].span.end)
    ),
];

static ITEM_COLUMNS: [Column; 12] = [
    col!("document", Text, false, Derived, "the document's id (`documents.id`)", |r, _| Cell::Str(
        r.id
    )),
    col!("id", Text, false, At("/id"), "`i1`, `i2`, … in document order", |r, i| Cell::Str(
        &r.doc.items[i].id
    )),
    col!("kind", Category, false, At("/kind"), "`numbered`, `paragraph` or `table_row`", |r, i| {
        wire(&r.doc.items[i].kind)
    }),
    col!(
        "section",
        Text,
        true,
        At("/section"),
        "the innermost section's id (`s1`, …)",
        |r, i| Cell::opt_str(&r.doc.items[i].section)
    ),
    col!(
        "section_path",
        TextList,
        false,
        Derived,
        "the heading titles from the top down to that section",
        |r, i| Cell::List(r.section_path(r.doc.items[i].section.as_deref()))
    ),
    col!(
        "marker",
        Text,
        true,
        At("/marker"),
        "the item's marker as written (`1.`, `（一）`)",
        |r, i| Cell::opt_str(&r.doc.items[i].marker)
    ),
    col!("number", Int, true, At("/number"), "the number the marker stands for", |r, i| r
        .doc
        .items[i]
        .number
        .map_or(Cell::Null, |n| Cell::Int(n as i64))),
    col!("title", Text, true, At("/title"), "the item's opening title sentence", |r, i| {
        Cell::opt_str(&r.doc.items[i].title)
    }),
    col!("text", Text, false, At("/text"), "the item's text", |r, i| Cell::Str(
        &r.doc.items[i].text
    )),
    col!("owners", TextList, false, At("/owners"), "owning units named for it", |r, i| Cell::list(
        &r.doc.items[i].owners
    )),
    col!(
        "span_start",
        Int,
        false,
        At("/span/start"),
        "start of the item in the document's text (characters)",
        |r, i| Cell::int(r.doc.items[i].span.start)
    ),
    col!("span_end", Int, false, At("/span/end"), "end of the item (exclusive)", |r, i| Cell::int(
        r.doc.items[i].span.end
    )),
];

pub static DOCUMENTS: TableDef = TableDef {
    table: Table::Documents,
    columns: &DOCUMENT_COLUMNS,
    not_exported: &[
        ("/text", "the whole cleaned text: its parts are the rows of `items`; `text_chars` gives its length"),
        ("/meta/provenance", "where each value was read (spans of the text): in the JSON"),
        ("/sections", "the heading tree: each item's `section_path`; `sections` counts them"),
        ("/tables", "task tables: their rows are items of kind `table_row`; `tables` counts them"),
        ("/targets", "the rows of `targets`"),
        ("/items", "the rows of `items`"),
        ("/dropped", "noise removed: in the JSON; `dropped` counts it"),
        ("/diagnostics", "in the JSON; `diagnostics` counts them"),
    ],
    year_column: None,
};

pub static TARGETS: TableDef = TableDef {
    table: Table::Targets,
    columns: &TARGET_COLUMNS,
    not_exported: &[],
    year_column: Some("year"),
};

pub static ITEMS: TableDef =
    TableDef { table: Table::Items, columns: &ITEM_COLUMNS, not_exported: &[], year_column: None };
