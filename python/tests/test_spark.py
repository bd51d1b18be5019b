"""examples/spark_extract.py in Spark's local mode gives the CLI's targets.

The corpus copied to 2,000 files (and a PNG named `.txt`, which both report
as an error and pass over; an empty file would not do: Spark lists no split
for it, so the job never sees it) goes through the Spark job (local[2]) and through
`zhengce extract` + `zhengce export`; the Parquet the job wrote, read back,
must hold the export's targets table, row for row and value for value.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, cli_extract, copy_corpus

N_FILES = 2000


def document_stem(path: str) -> str:
    """A document's file name without its extension, whether named by path or
    by URI (`file:/…/00012_a.txt`): the export's document id for it."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def reference_tables(zhengce_bin: Path, docs_dir: Path, work: Path) -> tuple[pa.Table, pa.Table]:
    """What the Spark job must give: `zhengce extract` on the same files, then
    `zhengce export` of its output; the export's targets and documents tables."""
    out = work / "cli"
    report = cli_extract(zhengce_bin, [str(docs_dir)], out)
    assert report["failed"] == 1 and report["ok"] == N_FILES
    tables = work / "tables"
    proc = subprocess.run(
        [str(zhengce_bin), "export", str(out), "--to", str(tables), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return pq.read_table(tables / "targets.parquet"), pq.read_table(tables / "documents.parquet")


def normalized(table: pa.Table, columns: list[str]) -> list[dict]:
    """`columns` of the rows, keyed by document id and target id, in that
    order: documents named by their stem, closed sets (dictionary-encoded in
    the export) as plain strings, years as int16."""
    names = [document_stem(p) for p in table.column("document").to_pylist()]
    table = table.set_column(table.schema.get_field_index("document"), "document", pa.array(names))
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    table = table.set_column(
        table.schema.get_field_index("year"), "year", table.column("year").cast(pa.int16())
    )
    rows = table.select(columns).to_pylist()
    return sorted(rows, key=lambda r: (r["document"], int(r["id"][1:])))


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("spark")
    docs = work / "docs"
    copy_corpus(docs, N_FILES)
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = work / "targets"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark_extract.py"), str(docs), str(out),
         "--master", "local[2]"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work, docs, out, proc.stderr


def test_spark_job_writes_the_exported_targets_partitioned_by_year(spark_run, zhengce_bin):
    work, docs, out, _ = spark_run
    years = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert "year=2025" in years and "year=__HIVE_DEFAULT_PARTITION__" in years
    assert all(y.startswith("year=") for y in years)
    written = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    expected, documents = reference_tables(zhengce_bin, docs, work)
    assert written.num_rows == expected.num_rows > 10 * N_FILES
    # Every column of the export's targets table is in the job's output, of
    # the same type (closed sets: dictionary-encoded strings in the export).
    for field in expected.schema:
        want_type = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        got_type = written.schema.field(field.name).type
        if field.name == "year":  # the partition column, read back from the folder names
            continue
        assert got_type == want_type or (
            pa.types.is_list(want_type) and got_type.value_type == want_type.value_type
        ), (field.name, got_type, want_type)
    columns = expected.column_names
    got, want = normalized(written, columns), normalized(expected, columns)
    assert got == want
    # The job's sha256 of each document is the export's documents table's.
    sha = dict(zip(documents.column("id").to_pylist(), documents.column("sha256").to_pylist()))
    for path, digest in set(zip(written.column("document").to_pylist(), written.column("sha256").to_pylist())):
        assert sha[document_stem(path)] == digest, path
    # Every year partition holds only its year's targets.
    for part in out.glob("year=2*"):
        year = int(part.name.split("=")[1])
        t = ds.dataset(part, format="parquet").to_table()
        assert t.num_rows > 0 and "year" not in t.column_names
        assert sum(1 for r in want if r["year"] == year) == t.num_rows


def test_spark_job_names_the_inputs_that_gave_no_document(spark_run):
    *_, stderr = spark_run
    assert "1 inputs gave no document" in stderr
    assert "image.txt: the file is not text" in stderr
