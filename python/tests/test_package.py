"""The Python package gives the CLI's documents, byte for byte, and its errors."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import zhengce
from conftest import ROOT, cli_extract, corpus_inputs

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_extract_json_is_the_cli_file_byte_for_byte(corpus_cli):
    assert len(corpus_cli) >= 70
    for path, out in corpus_cli.items():
        expected = out.read_bytes()
        assert zhengce.extract_json(path).encode("utf-8") == expected, path


def test_extract_gives_the_cli_json_as_python_objects(corpus_cli):
    for path, out in corpus_cli.items():
        text = out.read_text(encoding="utf-8")
        doc = zhengce.extract(Path(path))
        assert doc == json.loads(text), path
        # The dict holds everything the file says, in its order and number forms.
        assert json.dumps(doc, indent=2, ensure_ascii=False) + "\n" == text, path


def test_bytes_with_a_name_are_the_file_at_that_name(corpus_cli):
    for path in list(corpus_cli)[::7]:
        data = (ROOT / path).read_bytes()
        assert zhengce.extract_json(data, name=path) == zhengce.extract_json(path)
        assert zhengce.extract_json(bytearray(data), name=path) == zhengce.extract_json(path)


def test_bytes_without_a_name_are_document_txt():
    doc = zhengce.extract("到2025年，新增市新锐教师2000名。".encode())
    assert doc["source"]["path"] == "document.txt"
    assert doc["source"]["format"] == "text"
    assert [(t["value"], t["year"]) for t in doc["targets"]] == [(2000.0, 2025)]


def test_errors_name_the_input_and_the_reason_as_the_cli_reports_them(zhengce_bin, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(PNG)
    (bad / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    names = sorted(p.name for p in bad.iterdir())
    report = cli_extract(zhengce_bin, names, tmp_path / "out", cwd=bad)
    messages = {e["path"]: e["message"] for e in report["inputs"]}
    assert all(e["status"] == "error" for e in report["inputs"])
    for name in names:
        with pytest.raises(zhengce.ExtractError) as err:
            zhengce.extract(bad / name, name=name)
        assert err.value.path == name
        assert str(err.value) == messages[name] == f"{name}: {err.value.reason}"
        with pytest.raises(zhengce.ExtractError) as from_bytes:
            zhengce.extract((bad / name).read_bytes(), name=name)
        assert (from_bytes.value.path, from_bytes.value.reason) == (name, err.value.reason)
    # The CLI refuses an unknown extension when it lists inputs; the package when it reads one.
    with pytest.raises(zhengce.ExtractError, match="unsupported input format `xlsx`"):
        zhengce.extract(b"x", name="table.xlsx")
    with pytest.raises(zhengce.ExtractError, match="the file is empty") as err:
        zhengce.extract(b"", name="nothing.txt")
    assert err.value.path == "nothing.txt" and err.value.reason == "the file is empty"


def test_a_missing_file_is_an_extract_error(tmp_path):
    missing = tmp_path / "no-such-file.txt"
    with pytest.raises(zhengce.ExtractError) as err:
        zhengce.extract(missing)
    assert err.value.path == str(missing)
    assert err.value.reason == "no such file or folder"


def test_extract_error_is_an_exception_that_pickles():
    e = zhengce.ExtractError("a.txt", "the file is empty")
    assert isinstance(e, Exception)
    back = pickle.loads(pickle.dumps(e))
    assert (back.path, back.reason, str(back)) == ("a.txt", "the file is empty", "a.txt: the file is empty")


def test_limits_take_effect_lowered_and_raised():
    path = "corpus/dev/r01_jiangsu_govreport2026.txt"
    size = (ROOT / path).stat().st_size
    with pytest.raises(zhengce.ExtractError, match="--max-input-bytes") as err:
        zhengce.extract(path, limits={"max_input_bytes": size - 1})
    assert err.value.path == path
    assert zhengce.extract(path, limits={"max_input_bytes": size})["source"]["bytes"] == size
    with pytest.raises(zhengce.ExtractError, match="--max-input-bytes"):
        zhengce.extract((ROOT / path).read_bytes(), name=path, limits={"max_input_bytes": size - 1})

    full = zhengce.extract(path)
    assert len(full["targets"]) > 3
    capped = zhengce.extract(path, limits={"max_targets": 3})
    assert capped["targets"] == full["targets"][:3]
    assert any("--max-targets" in d["message"] for d in capped["diagnostics"])

    with pytest.raises(zhengce.ExtractError, match="--timeout") as err:
        zhengce.extract(path, limits={"timeout": 1e-9})
    assert "longer than the limit" in err.value.reason
    assert zhengce.extract(path, limits={"timeout": 0}) == full
    assert zhengce.extract(path, limits={"timeout": None}) == full


def test_bad_arguments_are_python_errors():
    with pytest.raises(ValueError, match="unknown limit"):
        zhengce.extract(b"x", limits={"max_pages": 3})
    with pytest.raises(ValueError, match="timeout"):
        zhengce.extract(b"x", limits={"timeout": -1})
    with pytest.raises(TypeError, match="bytes, str or os.PathLike"):
        zhengce.extract(12)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads"):
        zhengce.extract_many([b"x"], threads=0)


def test_extract_many_keeps_order_and_goes_on_past_errors(corpus_cli):
    paths = list(corpus_cli)
    inputs = paths[:10] + [("empty.txt", b"")] + paths[10:] + [Path("no/such/file.txt")]
    results = zhengce.extract_many(inputs, threads=2)
    assert len(results) == len(inputs)
    for path, result in zip(paths[:10] + paths[10:], results[:10] + results[11:-1]):
        assert result == json.loads(corpus_cli[path].read_text(encoding="utf-8")), path
    assert isinstance(results[10], zhengce.ExtractError)
    assert (results[10].path, results[10].reason) == ("empty.txt", "the file is empty")
    assert isinstance(results[-1], zhengce.ExtractError)
    assert results[-1].path == "no/such/file.txt"
    # All cores by default, one thread, bytes pairs: the same documents.
    assert zhengce.extract_many(paths[:6]) == results[:6]
    pairs = [(p, (ROOT / p).read_bytes()) for p in paths[:6]]
    assert zhengce.extract_many(pairs, threads=1) == results[:6]


def test_targets_frame_has_a_row_per_target_with_arrow_dtypes(corpus_cli):
    docs = [json.loads(out.read_text(encoding="utf-8")) for out in corpus_cli.values()]
    frame = zhengce.targets_frame(docs)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [name for name, _ in zhengce.TARGET_COLUMNS]
    assert len(frame) == sum(len(d["targets"]) for d in docs) > 1000
    dtypes = {c: str(t) for c, t in frame.dtypes.items()}
    assert dtypes["year"] == "int16[pyarrow]"
    assert dtypes["value"] == dtypes["value_max"] == "double[pyarrow]"
    assert dtypes["each"] == "bool[pyarrow]"
    assert dtypes["owners"] == dtypes["section"] == "list<item: string>[pyarrow]"
    assert dtypes["span_start"] == "int64[pyarrow]"
    assert all(isinstance(t, pd.ArrowDtype) for t in frame.dtypes)
    # Row by row, the targets of the JSON in document order.
    flat = [(d["source"]["path"], t) for d in docs for t in d["targets"]]
    for (path, t), row in zip(flat, frame.itertuples(index=False)):
        assert row.document == path and row.id == t["id"] and row.quote == t["quote"]
        assert row.value == t["value"]
        assert (None if pd.isna(row.year) else row.year) == t["year"]
        assert list(row.owners) == t["owners"] and list(row.section) == t["section"]
        assert (row.span_start, row.span_end) == (t["span"]["start"], t["span"]["end"])
    table = zhengce.targets_table(docs)
    assert table.schema == zhengce.targets_schema()
    assert table.schema.field("year").type == pa.int16()


def test_the_wheel_carries_its_types():
    pkg = Path(zhengce.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_zhengce.pyi").exists()
    assert zhengce.SCHEMA_VERSION == json.loads(
        (ROOT / "corpus" / "expected" / sorted(p.name for p in (ROOT / "corpus" / "expected").glob("*.json"))[0]).read_text(encoding="utf-8")
    )["schema_version"]
