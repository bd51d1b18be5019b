"""Targets as a table: one row per target, every field of ``targets.md``.

The one home of the flat targets layout used by :func:`zhengce.targets_frame`
and by the Spark job (``examples/spark_extract.py``): Arrow types (years as
int16, values as float64, owners and section as list<string>, the span as two
int64 columns) and the document each target comes from.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

# (column, Arrow type name) in order. Types are named here and built in
# targets_schema(), so importing the package does not need pyarrow.
TARGET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document", "string"),  # source.path of the document
    ("sha256", "string"),  # source.sha256 of the document
    ("id", "string"),
    ("kind", "string"),
    ("quote", "string"),
    ("sentence", "string"),
    ("value", "float64"),
    ("value_max", "float64"),
    ("unit", "string"),
    ("comparator", "string"),
    ("change", "string"),
    ("each", "bool"),
    ("subject", "string"),
    ("action", "string"),
    ("year", "int16"),
    ("year_source", "string"),
    ("owners", "list<string>"),
    ("section", "list<string>"),
    ("item", "string"),
    ("span_start", "int64"),
    ("span_end", "int64"),
)


def targets_schema():
    """The Arrow schema of :func:`targets_table`."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "int16": pa.int16(),
        "int64": pa.int64(),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(name, types[t]) for name, t in TARGET_COLUMNS])


def _rows(docs: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name, _ in TARGET_COLUMNS}
    for doc in docs:
        source = doc["source"]
        for t in doc["targets"]:
            for name, _ in TARGET_COLUMNS:
                if name == "document":
                    v = source["path"]
                elif name == "sha256":
                    v = source["sha256"]
                elif name == "span_start":
                    v = t["span"]["start"]
                elif name == "span_end":
                    v = t["span"]["end"]
                else:
                    v = t[name]
                columns[name].append(v)
    return columns


def targets_table(docs: Iterable[Mapping[str, Any]]):
    """The targets of documents (dicts from :func:`zhengce.extract`) as a
    ``pyarrow.Table`` with :func:`targets_schema`, in document order."""
    import pyarrow as pa

    schema = targets_schema()
    columns = _rows(docs)
    return pa.table([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def targets_frame(docs: Iterable[Mapping[str, Any]]):
    """The targets of documents as a pandas DataFrame with pyarrow-backed
    dtypes (``pd.ArrowDtype``): ``year`` is ``int16[pyarrow]``, ``value``
    ``double[pyarrow]``, ``owners`` ``list<item: string>[pyarrow]``, missing
    values are ``<NA>``."""
    import pandas as pd

    return targets_table(docs).to_pandas(types_mapper=pd.ArrowDtype)
