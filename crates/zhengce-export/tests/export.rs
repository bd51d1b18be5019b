//! The export on the corpus's extracted documents (`corpus/expected/*.json`):
//! every column equals the JSON field it names, the Parquet files read back
//! (with the `parquet` crate's Arrow reader) as the NDJSON rows, the schema's
//! fields are all exported or listed, and the files are deterministic,
//! atomic, partitioned and sized as promised.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int16Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::reader::{FileReader, SerializedFileReader};
use serde_json::{json, Value};
use zhengce_export::columns::{Json, Kind};
use zhengce_export::{export_dir, Format, Options, PartitionBy, Table, NULL_PARTITION};
use zhengce_extract::model::{self, Document};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/expected")
}

/// (id, the document's JSON) of the corpus, in file-name order.
fn corpus() -> Vec<(String, Value)> {
    zhengce_batch::document_files(&corpus_dir())
        .unwrap()
        .into_iter()
        .map(|(id, p)| (id, serde_json::from_slice(&fs::read(p).unwrap()).unwrap()))
        .collect()
}

fn options(format: Format) -> Options {
    Options { format, ..Options::default() }
}

fn ndjson_rows(path: &Path) -> Vec<serde_json::Map<String, Value>> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match serde_json::from_str(l).unwrap() {
            Value::Object(m) => m,
            v => panic!("not an object: {v}"),
        })
        .collect()
}

/// The JSON objects a table's rows come from: (document id, document, row object).
fn row_objects(table: Table) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    for (id, doc) in corpus() {
        let objects: Vec<Value> = match table {
            Table::Documents => vec![doc.clone()],
            Table::Targets => doc["targets"].as_array().unwrap().clone(),
            Table::Items => doc["items"].as_array().unwrap().clone(),
        };
        for o in objects {
            out.push((id.clone(), doc.clone(), o));
        }
    }
    out
}

/// The heading titles from the top down to section `id`, read from the JSON.
fn section_path(doc: &Value, id: &Value) -> Value {
    let sections = doc["sections"].as_array().unwrap();
    let mut path = Vec::new();
    let mut at = id.clone();
    while let Some(s) = at.as_str() {
        let section = sections.iter().find(|x| x["id"] == s).expect("a section of the document");
        path.insert(0, section["title"].clone());
        at = section["parent"].clone();
    }
    Value::Array(path)
}

#[test]
fn every_column_equals_the_json_field_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let report = export_dir(&corpus_dir(), dir.path(), &options(Format::Ndjson)).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    for table in Table::ALL {
        let rows = ndjson_rows(&dir.path().join(format!("{}.ndjson", table.name())));
        let objects = row_objects(table);
        assert_eq!(rows.len(), objects.len(), "{}: one row per JSON object", table.name());
        assert!(!rows.is_empty());
        for (row, (id, doc, object)) in rows.iter().zip(&objects) {
            let names: Vec<&str> = row.keys().map(String::as_str).collect();
            let columns: Vec<&str> = table.def().columns.iter().map(|c| c.name).collect();
            assert_eq!(names.len(), columns.len());
            for c in table.def().columns {
                let got = &row[c.name];
                let want = match c.json {
                    Json::At(pointer) => object.pointer(pointer).cloned().unwrap_or(Value::Null),
                    Json::CountOf(pointer) => {
                        json!(object.pointer(pointer).unwrap().as_array().unwrap().len())
                    }
                    Json::Derived => match c.name {
                        "id" | "document" => json!(id),
                        "section_path" => section_path(doc, &object["section"]),
                        "text_chars" => json!(doc["text"].as_str().unwrap().chars().count()),
                        other => panic!("derived column {other} has no check: add one"),
                    },
                };
                assert_eq!(got, &want, "{} row of {id}: column {}", table.name(), c.name);
            }
        }
    }
    assert_eq!(report.documents, 5);
    assert_eq!(report.targets, row_objects(Table::Targets).len());
    assert_eq!(report.items, row_objects(Table::Items).len());
}

/// The fields of the schema's object `def` (following `$ref`s and `Option`s
/// into objects, not into arrays), as JSON pointers.
fn leaf_fields(schema: &Value, def: &Value, prefix: &str, out: &mut Vec<String>) {
    let resolve = |v: &Value| -> Option<Value> {
        let r = v
            .get("$ref")
            .or_else(|| v.get("anyOf")?.as_array()?.iter().find_map(|a| a.get("$ref")))?;
        let name = r.as_str()?.rsplit('/').next()?;
        Some(schema["$defs"][name].clone())
    };
    for (name, prop) in def["properties"].as_object().unwrap() {
        let pointer = format!("{prefix}/{name}");
        match resolve(prop) {
            Some(target) if target.get("properties").is_some() => {
                leaf_fields(schema, &target, &pointer, out)
            }
            _ => out.push(pointer),
        }
    }
}

#[test]
fn every_field_of_the_schema_is_a_column_or_listed_with_its_reason() {
    let schema = model::schema();
    let roots = [
        (Table::Documents, schema.clone()),
        (Table::Targets, schema["$defs"]["Target"].clone()),
        (Table::Items, schema["$defs"]["Item"].clone()),
    ];
    for (table, root) in roots {
        let def = table.def();
        let mut fields = Vec::new();
        leaf_fields(&schema, &root, "", &mut fields);
        assert!(fields.len() > 5, "{}: {fields:?}", table.name());
        let covered: Vec<&str> = def
            .columns
            .iter()
            .filter_map(|c| match c.json {
                Json::At(p) | Json::CountOf(p) => Some(p),
                Json::Derived => None,
            })
            .chain(def.not_exported.iter().map(|(p, _)| *p))
            .collect();
        for f in &fields {
            // A span's start and end, a plan period's years: the column names the leaf.
            let ok = covered.iter().any(|c| c == f || c.starts_with(&format!("{f}/")));
            assert!(
                ok,
                "{}: the schema's field {f} is neither a column nor listed in not_exported",
                table.name()
            );
        }
        for c in &covered {
            let ok = fields.iter().any(|f| f == c || c.starts_with(&format!("{f}/")));
            assert!(ok, "{}: {c} is not a field of the schema", table.name());
        }
        for (p, why) in def.not_exported {
            assert!(!why.is_empty(), "{p} needs a reason");
        }
    }
}

/// Rows as JSON objects, and the columns' names and Arrow types.
type RowsAndTypes = (Vec<serde_json::Map<String, Value>>, Vec<(String, DataType)>);

/// A Parquet file's rows as JSON objects (dates as their day numbers).
fn parquet_rows(path: &Path) -> RowsAndTypes {
    let file = fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut rows = Vec::new();
    let mut types = Vec::new();
    for batch in reader {
        let batch: RecordBatch = batch.unwrap();
        types = batch
            .schema()
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().clone()))
            .collect();
        for r in 0..batch.num_rows() {
            let mut row = serde_json::Map::new();
            for (f, col) in batch.schema().fields().iter().zip(batch.columns()) {
                row.insert(f.name().clone(), value(col.as_ref(), r));
            }
            rows.push(row);
        }
    }
    (rows, types)
}

fn value(a: &dyn Array, r: usize) -> Value {
    if a.is_null(r) {
        return Value::Null;
    }
    match a.data_type() {
        DataType::Utf8 => json!(a.as_string::<i32>().value(r)),
        DataType::Int16 => json!(a.as_primitive::<Int16Type>().value(r)),
        DataType::Int64 => json!(a.as_primitive::<Int64Type>().value(r)),
        DataType::Float64 => json!(a.as_primitive::<Float64Type>().value(r)),
        DataType::Boolean => json!(a.as_boolean().value(r)),
        DataType::Date32 => json!(a.as_primitive::<Date32Type>().value(r)),
        DataType::Dictionary(_, _) => {
            let d = a.as_dictionary::<Int32Type>();
            value(d.values().as_ref(), d.keys().value(r) as usize)
        }
        DataType::List(_) => {
            let l = a.as_list::<i32>();
            let items = l.value(r);
            Value::Array((0..items.len()).map(|i| value(items.as_ref(), i)).collect())
        }
        DataType::Struct(fields) => {
            let s = a.as_struct();
            let mut m = serde_json::Map::new();
            for (f, col) in fields.iter().zip(s.columns()) {
                m.insert(f.name().clone(), value(col.as_ref(), r));
            }
            Value::Object(m)
        }
        t => panic!("no reading of {t} in this test"),
    }
}

#[test]
fn parquet_reads_back_as_the_ndjson_with_the_arrow_types_of_the_columns() {
    let parquet = tempfile::tempdir().unwrap();
    let ndjson = tempfile::tempdir().unwrap();
    export_dir(&corpus_dir(), parquet.path(), &options(Format::Parquet)).unwrap();
    export_dir(&corpus_dir(), ndjson.path(), &options(Format::Ndjson)).unwrap();
    for table in Table::ALL {
        let (rows, types) = parquet_rows(&parquet.path().join(format!("{}.parquet", table.name())));
        let want = ndjson_rows(&ndjson.path().join(format!("{}.ndjson", table.name())));
        assert_eq!(rows.len(), want.len(), "{}", table.name());
        let expected_types: Vec<(String, DataType)> =
            table.def().columns.iter().map(|c| (c.name.to_string(), c.kind.data_type())).collect();
        assert_eq!(types, expected_types, "{}: Arrow types", table.name());
        for (got, want) in rows.iter().zip(&want) {
            for c in table.def().columns {
                let w = match (c.kind, &want[c.name]) {
                    (Kind::Date, Value::String(s)) => {
                        json!(zhengce_export::dates::days_since_epoch(s).unwrap())
                    }
                    (_, v) => v.clone(),
                };
                assert_eq!(got[c.name], w, "{}: column {}", table.name(), c.name);
            }
        }
    }
    // The README's promise: years as int16, values as float64, owners as list<string>.
    let (_, types) = parquet_rows(&parquet.path().join("targets.parquet"));
    let ty = |n: &str| types.iter().find(|(name, _)| name == n).unwrap().1.clone();
    assert_eq!(ty("year"), DataType::Int16);
    assert_eq!(ty("value"), DataType::Float64);
    assert!(matches!(ty("owners"), DataType::List(f) if f.data_type() == &DataType::Utf8));
    assert!(matches!(ty("kind"), DataType::Dictionary(_, _)));
}

#[test]
fn the_same_documents_give_the_same_bytes() {
    for format in [Format::Parquet, Format::Ndjson] {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let ra = export_dir(&corpus_dir(), a.path(), &options(format)).unwrap();
        let rb = export_dir(&corpus_dir(), b.path(), &options(format)).unwrap();
        assert_eq!(ra.files.len(), 3);
        for (fa, fb) in ra.files.iter().zip(&rb.files) {
            assert_eq!(fa.file_name(), fb.file_name());
            assert_eq!(fs::read(fa).unwrap(), fs::read(fb).unwrap(), "{}", fa.display());
        }
    }
}

#[test]
fn row_groups_hold_at_most_the_given_rows() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options { row_group_rows: 50, ..Options::default() };
    let report = export_dir(&corpus_dir(), dir.path(), &opts).unwrap();
    let file = fs::File::open(dir.path().join("targets.parquet")).unwrap();
    let meta = SerializedFileReader::new(file).unwrap().metadata().clone();
    let sizes: Vec<i64> = meta.row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(sizes.iter().sum::<i64>() as usize, report.targets);
    assert_eq!(sizes.len(), report.targets.div_ceil(50), "{sizes:?}");
    assert!(sizes.iter().all(|&n| n <= 50));
    // The default: the corpus fits in one row group.
    let whole = tempfile::tempdir().unwrap();
    export_dir(&corpus_dir(), whole.path(), &Options::default()).unwrap();
    let file = fs::File::open(whole.path().join("targets.parquet")).unwrap();
    assert_eq!(SerializedFileReader::new(file).unwrap().metadata().num_row_groups(), 1);
}

/// A folder with the corpus's documents, one of them with a target of no year.
fn corpus_with_a_null_year() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    for (id, p) in zhengce_batch::document_files(&corpus_dir()).unwrap() {
        fs::copy(&p, dir.path().join(format!("{id}.json"))).unwrap();
    }
    let (id, p) = &zhengce_batch::document_files(&corpus_dir()).unwrap()[0];
    let mut doc: Document = zhengce_batch::read_document(p).unwrap();
    doc.targets[0].year = None;
    doc.targets[0].year_source = None;
    fs::write(dir.path().join(format!("{id}.json")), model::to_json(&doc)).unwrap();
    (dir, 1)
}

#[test]
fn partitioned_by_year_hive_style_with_a_folder_for_no_year() {
    let (input, nulls) = corpus_with_a_null_year();
    let out = tempfile::tempdir().unwrap();
    let opts = Options { partition_by: Some(PartitionBy::Year), ..Options::default() };
    let report = export_dir(input.path(), out.path(), &opts).unwrap();
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for (_, doc) in zhengce_batch::document_files(input.path())
        .unwrap()
        .iter()
        .map(|(i, p)| (i, zhengce_batch::read_document(p).unwrap()))
    {
        for t in &doc.targets {
            let key = t.year.map_or(NULL_PARTITION.to_string(), |y| y.to_string());
            *want.entry(format!("year={key}")).or_default() += 1;
        }
    }
    assert_eq!(want[&format!("year={NULL_PARTITION}")], nulls);
    assert!(want.len() >= 3, "{want:?}");
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for e in fs::read_dir(out.path().join("targets")).unwrap() {
        let e = e.unwrap();
        let names: Vec<String> = fs::read_dir(e.path())
            .unwrap()
            .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["part-0.parquet".to_string()]);
        let (rows, types) = parquet_rows(&e.path().join("part-0.parquet"));
        assert!(types.iter().all(|(n, _)| n != "year"), "the partition column is the folder's");
        assert_eq!(types.len(), Table::Targets.def().columns.len() - 1);
        got.insert(e.file_name().to_string_lossy().into_owned(), rows.len());
    }
    assert_eq!(got, want);
    assert_eq!(report.targets, want.values().sum::<usize>());
    assert!(!out.path().join("targets.parquet").exists());
    assert_eq!(report.files.len(), 2 + want.len());
    assert!(report.files.iter().all(|f| f.is_file()), "{:?}", report.files);
    // Exported again, unpartitioned: one file replaces the folder; and back.
    export_dir(input.path(), out.path(), &Options::default()).unwrap();
    assert!(out.path().join("targets.parquet").is_file());
    assert!(!out.path().join("targets").exists());
    export_dir(input.path(), out.path(), &opts).unwrap();
    assert!(!out.path().join("targets.parquet").exists());
    assert_eq!(fs::read_dir(out.path().join("targets")).unwrap().count(), want.len());
    assert_eq!(leftovers(out.path()), Vec::<String>::new());
}

/// Hidden files and folders left in `dir` (temporary files, folders aside), but the lock.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn unreadable_documents_are_passed_over_by_name_and_the_rest_exported() {
    let (input, _) = corpus_with_a_null_year();
    fs::write(input.path().join("broken.json"), "{\"schema_version\": ").unwrap();
    fs::write(input.path().join("other.json"), "{\"a\": 1}").unwrap();
    fs::write(input.path().join("report.json"), "{}").unwrap();
    let (id, p) = &zhengce_batch::document_files(&corpus_dir()).unwrap()[1];
    let mut doc = zhengce_batch::read_document(p).unwrap();
    doc.meta.dates.published = Some("2021-02-30".into());
    fs::write(input.path().join(format!("{id}.json")), model::to_json(&doc)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = export_dir(input.path(), out.path(), &Options::default()).unwrap();
    let skipped: Vec<String> = report
        .skipped
        .iter()
        .map(|(p, why)| format!("{}: {why}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(
        skipped[0].starts_with(&format!("{id}.json: meta.dates.published \"2021-02-30\"")),
        "{skipped:?}"
    );
    assert!(skipped[1].starts_with("broken.json: not a zhengce document"), "{skipped:?}");
    assert!(skipped[2].starts_with("other.json: not a zhengce document"), "{skipped:?}");
    assert_eq!(report.documents, 4);
    let (rows, _) = parquet_rows(&out.path().join("documents.parquet"));
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["id"] != json!(id)));
    let (targets, _) = parquet_rows(&out.path().join("targets.parquet"));
    assert_eq!(targets.len(), report.targets);
    assert!(
        targets.iter().all(|r| r["document"] != json!(id)),
        "nothing of a passed-over document"
    );
}

#[test]
fn a_failed_export_leaves_the_earlier_tables_and_no_temporary_files() {
    let out = tempfile::tempdir().unwrap();
    let one = tempfile::tempdir().unwrap();
    let (id, p) = &zhengce_batch::document_files(&corpus_dir()).unwrap()[0];
    fs::copy(p, one.path().join(format!("{id}.json"))).unwrap();
    export_dir(one.path(), out.path(), &Options::default()).unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = ["targets.parquet", "items.parquet"]
        .iter()
        .map(|n| (out.path().join(n), fs::read(out.path().join(n)).unwrap()))
        .collect();
    // documents.parquet cannot be put in place: a folder holds its name.
    fs::remove_file(out.path().join("documents.parquet")).unwrap();
    fs::create_dir(out.path().join("documents.parquet")).unwrap();
    fs::write(out.path().join("documents.parquet/keep"), "x").unwrap();
    let err = export_dir(&corpus_dir(), out.path(), &Options::default()).unwrap_err();
    assert!(err.to_string().contains("documents.parquet"), "{err}");
    for (path, bytes) in before {
        assert_eq!(fs::read(&path).unwrap(), bytes, "{} is the earlier export's", path.display());
    }
    assert_eq!(leftovers(out.path()), Vec::<String>::new());
}

#[test]
fn the_readme_documents_every_column_as_defined() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    for table in Table::ALL {
        let header =
            format!("`{}`:\n\n| column | Arrow type | from the JSON | meaning |", table.name());
        let at =
            readme.find(&header).unwrap_or_else(|| panic!("README: no table of {}", table.name()));
        let rows: Vec<&str> = readme[at + header.len()..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with("| `"))
            .collect();
        let want: Vec<String> = table
            .def()
            .columns
            .iter()
            .map(|c| {
                let ty = format!(
                    "{}{}",
                    c.kind.arrow_name(),
                    if c.nullable { ", nullable" } else { "" }
                );
                let json = match c.json {
                    Json::At(p) => format!("`{p}`"),
                    Json::CountOf(p) => format!("length of `{p}`"),
                    Json::Derived => "—".to_string(),
                };
                format!("| `{}` | {ty} | {json} | {} |", c.name, c.meaning)
            })
            .collect();
        assert_eq!(rows, want, "README's table of {} (columns.rs is the source)", table.name());
    }
}
