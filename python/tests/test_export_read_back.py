"""`zhengce export` read back by the tools analysts use: DuckDB and pandas/pyarrow.

Exports the corpus's extracted documents (corpus/expected/*.json) with the
`zhengce` binary and checks row counts and values of the three tables against
the JSON. The binary is $ZHENGCE_BIN, else target/debug/zhengce (which
`cargo test --workspace` builds; scripts/test-all.sh runs it first). A missing
binary fails the tests: it is never skipped.
"""

import datetime
import json
import os
import pathlib
import subprocess

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "expected"


def binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("ZHENGCE_BIN", ROOT / "target" / "debug" / "zhengce"))
    if not path.is_file():
        raise AssertionError(
            f"the zhengce binary is missing at {path}: run `cargo test --workspace` "
            "(or `cargo build -p zhengce-cli`) first, or set ZHENGCE_BIN"
        )
    return path


def export(out: pathlib.Path, *flags: str) -> None:
    run = subprocess.run(
        [str(binary()), "export", str(CORPUS), "--to", str(out), *flags],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


@pytest.fixture(scope="module")
def docs():
    """(id, document) of the corpus, in file-name order."""
    return [
        (p.stem, json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(CORPUS.glob("*.json"))
        if p.name != "report.json"
    ]


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    export(out)
    return out


def targets_of(docs):
    return [(doc_id, t) for doc_id, d in docs for t in d["targets"]]


def items_of(docs):
    return [(doc_id, i) for doc_id, d in docs for i in d["items"]]


def test_duckdb_counts_rows_as_the_json_has_them(parquet_dir, docs):
    con = duckdb.connect()
    count = lambda name: con.sql(f"select count(*) from read_parquet('{parquet_dir / name}')").fetchone()[0]
    assert count("documents.parquet") == len(docs) == 5
    assert count("targets.parquet") == len(targets_of(docs)) > 100
    assert count("items.parquet") == len(items_of(docs))


def test_duckdb_reads_the_target_values(parquet_dir, docs):
    con = duckdb.connect()
    rows = con.sql(
        f"""select document, id, kind, value, value_max, unit, comparator, change, each,
                   subject, year, year_source, owners, section, item, span_start, span_end
            from read_parquet('{parquet_dir / "targets.parquet"}')"""
    ).fetchall()
    want = targets_of(docs)
    assert len(rows) == len(want)
    for row, (doc_id, t) in zip(rows, want):
        expected = (
            doc_id, t["id"], t["kind"], t["value"], t["value_max"], t["unit"], t["comparator"],
            t["change"], t["each"], t["subject"], t["year"], t["year_source"], t["owners"],
            t["section"], t["item"], t["span"]["start"], t["span"]["end"],
        )
        assert row == expected
    # Typed for analysis: sums by year need no casts.
    by_year = dict(
        con.sql(
            f"select year, count(*) from read_parquet('{parquet_dir / 'targets.parquet'}') group by year"
        ).fetchall()
    )
    want_by_year = {}
    for _, t in want:
        want_by_year[t["year"]] = want_by_year.get(t["year"], 0) + 1
    assert by_year == want_by_year


def test_duckdb_reads_documents_with_dates_and_metadata(parquet_dir, docs):
    con = duckdb.connect()
    rows = con.sql(
        f"""select id, source_path, format, sha256, title, issuers, published, written,
                   plan_start, plan_end, region, targets, items
            from read_parquet('{parquet_dir / "documents.parquet"}')"""
    ).fetchall()
    assert len(rows) == len(docs)
    for row, (doc_id, d) in zip(rows, docs):
        m = d["meta"]
        date = lambda s: datetime.date.fromisoformat(s) if s else None
        period = m["plan_period"] or {"start": None, "end": None}
        assert row == (
            doc_id, d["source"]["path"], d["source"]["format"], d["source"]["sha256"],
            m["title"], m["issuers"], date(m["dates"]["published"]), date(m["dates"]["written"]),
            period["start"], period["end"], m["region"], len(d["targets"]), len(d["items"]),
        )


def test_pyarrow_types_and_pandas_values(parquet_dir, docs):
    table = pq.read_table(parquet_dir / "targets.parquet")
    schema = table.schema
    assert schema.field("year").type == pa.int16()
    assert schema.field("value").type == pa.float64()
    assert schema.field("owners").type.value_type == pa.string()
    assert schema.field("section").type.value_type == pa.string()
    assert pa.types.is_dictionary(schema.field("kind").type)
    frame = table.to_pandas()
    want = targets_of(docs)
    assert len(frame) == len(want)
    assert list(frame["document"]) == [d for d, _ in want]
    assert list(frame["quote"]) == [t["quote"] for _, t in want]
    assert list(frame["value"]) == [t["value"] for _, t in want]
    assert [None if y != y else int(y) for y in frame["year"]] == [t["year"] for _, t in want]
    assert [list(o) for o in frame["owners"]] == [t["owners"] for _, t in want]
    assert [str(k) for k in frame["kind"]] == [t["kind"] for _, t in want]

    items = pq.read_table(parquet_dir / "items.parquet").to_pandas()
    want_items = items_of(docs)
    assert len(items) == len(want_items)
    assert list(items["text"]) == [i["text"] for _, i in want_items]
    assert [list(o) for o in items["owners"]] == [i["owners"] for _, i in want_items]
    assert pq.ParquetFile(parquet_dir / "items.parquet").schema_arrow.field("section_path").type == pa.list_(
        pa.field("item", pa.string(), nullable=False)
    )


def test_partitioned_by_year_reads_back_with_hive_partitioning(tmp_path, docs):
    export(tmp_path, "--partition-by", "year")
    want = {}
    for _, t in targets_of(docs):
        want[t["year"]] = want.get(t["year"], 0) + 1
    folders = sorted(p.name for p in (tmp_path / "targets").iterdir())
    assert folders == sorted(f"year={y}" for y in want)
    con = duckdb.connect()
    got = dict(
        con.sql(
            f"""select year, count(*) from read_parquet('{tmp_path}/targets/*/*.parquet',
                    hive_partitioning = true) group by year"""
        ).fetchall()
    )
    assert {int(y): n for y, n in got.items()} == want
    dataset = ds.dataset(tmp_path / "targets", format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == sum(want.values())
    years = table.column("year").to_pylist()
    assert {y: years.count(y) for y in set(years)} == want


def test_ndjson_reads_back_with_duckdb_and_pandas(tmp_path, docs):
    export(tmp_path, "--format", "ndjson")
    import pandas as pd

    frame = pd.read_json(tmp_path / "targets.ndjson", lines=True, dtype=False)
    want = targets_of(docs)
    assert len(frame) == len(want)
    assert list(frame["subject"]) == [t["subject"] for _, t in want]
    con = duckdb.connect()
    n = con.sql(f"select count(*) from read_json('{tmp_path / 'items.ndjson'}', format = 'newline_delimited')").fetchone()[0]
    assert n == len(items_of(docs))
    titles = con.sql(
        f"select title from read_json('{tmp_path / 'documents.ndjson'}', format = 'newline_delimited')"
    ).fetchall()
    assert [t for (t,) in titles] == [d["meta"]["title"] for _, d in docs]


def test_the_package_targets_layout_is_the_export_targets_table(parquet_dir):
    """`zhengce.TARGET_COLUMNS` (the frame and the Spark job's output) holds
    every column of the export's targets table with its type; `document` is
    the document's path there (its id here), and `sha256` is added."""
    import zhengce

    package = dict(zhengce.TARGET_COLUMNS)
    exported = pq.ParquetFile(parquet_dir / "targets.parquet").schema_arrow
    assert [n for n, _ in zhengce.TARGET_COLUMNS if n != "sha256"] == exported.names
    for field in exported:
        t = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        assert zhengce.targets_schema().field(field.name).type.equals(t, check_metadata=False) or (
            pa.types.is_list(t) and package[field.name] == "list<string>"
        ), (field.name, package[field.name], t)
