"""Shared fixtures of the Python tests: the repository, the release `zhengce`
binary, the corpus and dev set as inputs, and the CLI's JSON for them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from corpus_copies import copy_corpus, corpus_files  # noqa: E402


def corpus_inputs() -> list[str]:
    """The corpus files as paths relative to the repository (the form
    `zhengce extract` is given them in)."""
    return [str(p.relative_to(ROOT)) for p in corpus_files()]


@pytest.fixture(scope="session")
def zhengce_bin() -> Path:
    """The release binary, built (or found up to date) by cargo."""
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "zhengce-cli"], cwd=ROOT, check=True
    )
    return ROOT / "target" / "release" / "zhengce"


def cli_extract(zhengce_bin: Path, inputs: list[str], out: Path, cwd: Path = ROOT) -> dict:
    """Runs `zhengce extract INPUTS --out OUT` and returns its report.json."""
    proc = subprocess.run(
        [str(zhengce_bin), "extract", *inputs, "--out", str(out), "--quiet"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    report_path = out / "report.json"
    assert report_path.exists(), f"no report: exit {proc.returncode}: {proc.stderr}"
    return json.loads(report_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_cli(zhengce_bin, tmp_path_factory) -> dict[str, Path]:
    """Each corpus input (as given) and the JSON file the CLI wrote for it."""
    out = tmp_path_factory.mktemp("cli")
    inputs = corpus_inputs()
    report = cli_extract(zhengce_bin, inputs, out)
    by_input = {e["path"]: out / e["output"] for e in report["inputs"] if e["status"] == "ok"}
    assert sorted(by_input) == sorted(inputs), "the CLI failed on a corpus input"
    return by_input


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    """Paths in tests are relative to the repository, as the CLI's were."""
    monkeypatch.chdir(ROOT)
    yield
