#!/usr/bin/env python3
"""Copies the corpus (the samples, the dev set's texts and web pages) round
robin into N files in one folder, for the Spark test and the Spark-vs-CLI
benchmark: `python3 scripts/corpus_copies.py DEST N`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_files() -> list[Path]:
    """The samples, the dev set's texts and its web pages, in name order."""
    return (
        sorted(ROOT.glob("corpus/*.txt"))
        + sorted(ROOT.glob("corpus/dev/*.txt"))
        + sorted(ROOT.glob("corpus/dev/html/*.html"))
    )


def copy_corpus(dest: Path, n: int) -> list[Path]:
    """Writes N copies, `NNNNN_<name>`, cycling through the corpus; returns them."""
    dest.mkdir(parents=True, exist_ok=True)
    files = corpus_files()
    out = []
    for i in range(n):
        src = files[i % len(files)]
        target = dest / f"{i:05d}_{src.name}"
        shutil.copyfile(src, target)
        out.append(target)
    return out


if __name__ == "__main__":
    made = copy_corpus(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"{len(made)} files, {sum(p.stat().st_size for p in made)} bytes in {sys.argv[1]}")
