"""examples/spark_extract.py in Spark's local mode gives the CLI's targets.

The corpus copied to 2,000 files (and a PNG named `.txt`, which both report
as an error and pass over; an empty file would not do: Spark lists no split
for it, so the job never sees it) goes through the Spark job (local[2]) and through
`zhengce extract`; the Parquet the job wrote, read back, must hold the targets
of the CLI's JSON, row for row and value for value.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import zhengce
from conftest import ROOT, cli_extract, copy_corpus

N_FILES = 2000


def document_name(path: str) -> str:
    """A document's file name, whether named by path or by URI (`file:/…`)."""
    return path.rsplit("/", 1)[-1]


def reference_targets(zhengce_bin: Path, docs_dir: Path, work: Path) -> pa.Table:
    """What the Spark job must give: `zhengce extract` on the same files, its
    targets flattened. (Once `zhengce export` exists, its targets table is
    this reference: only this function changes.)"""
    out = work / "cli"
    report = cli_extract(zhengce_bin, [str(docs_dir)], out)
    docs = [
        json.loads((out / e["output"]).read_text(encoding="utf-8"))
        for e in report["inputs"]
        if e["status"] == "ok"
    ]
    assert report["failed"] == 1 and len(docs) == N_FILES
    return zhengce.targets_table(docs)


def normalized(table: pa.Table) -> list[dict]:
    """Rows keyed by file name and target id, in that order, years as int16."""
    table = table.set_column(
        table.schema.get_field_index("year"), "year", table.column("year").cast(pa.int16())
    )
    names = [document_name(p) for p in table.column("document").to_pylist()]
    table = table.set_column(table.schema.get_field_index("document"), "document", pa.array(names))
    columns = [name for name, _ in zhengce.TARGET_COLUMNS]
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


def test_spark_job_writes_the_cli_targets_partitioned_by_year(spark_run, zhengce_bin):
    work, docs, out, _ = spark_run
    years = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert "year=2025" in years and "year=__HIVE_DEFAULT_PARTITION__" in years
    assert all(y.startswith("year=") for y in years)
    written = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    expected = reference_targets(zhengce_bin, docs, work)
    assert written.num_rows == expected.num_rows > 10 * N_FILES
    got, want = normalized(written), normalized(expected)
    assert got == want
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
