#!/usr/bin/env python3
"""The Spark job against the CLI on the same files: documents/s, MB/s, and
Spark's overhead; the per-document memory peak and MB/s the README's scaling
figures come from.

    python3 benches/spark_vs_cli.py [--files 2000] [--rounds 2] [--workdir DIR]

Needs the release binary (`cargo build --release -p zhengce-cli`) and the
installed wheel (`bash scripts/build-wheel.sh`). Runs, alternating, per round:
`zhengce extract DIR --out OUT --force --quiet` (all cores); the Spark job
(`examples/spark_extract.py`, local[N] with N = cores) timed as a whole process
(JVM start included) and as the job alone (read, extract, write); and one
Python process extracting every file in turn through the package
(`zhengce.extract`, one thread), whose peak RSS bounds an executor task's
memory. Best of the rounds is reported. On a shared, loaded machine compare
the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from corpus_copies import copy_corpus  # noqa: E402

PEAK_SCRIPT = r"""
import resource, sys, time, zhengce
from pathlib import Path
paths = sorted(Path(sys.argv[1]).iterdir())
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
zhengce.extract(b"x" * 10, name="warm.txt")   # load the dictionaries
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
for p in paths:
    try:
        zhengce.extract(p)
    except zhengce.ExtractError:
        pass
secs = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, loaded, peak, secs)
"""


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    secs = time.perf_counter() - t
    if proc.returncode not in (0, 1):  # 1: the CLI's "some inputs failed"
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return secs, proc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    zhengce_bin = ROOT / "target" / "release" / "zhengce"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zhengce-spark-bench-"))
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    files = copy_corpus(docs, args.files)
    mb = sum(p.stat().st_size for p in files) / 1e6
    best = {"cli": float("inf"), "spark_process": float("inf"), "spark_job": float("inf"),
            "python_1_thread": float("inf")}
    peak = None
    for _ in range(args.rounds):
        secs, _ = timed([str(zhengce_bin), "extract", str(docs), "--out", str(work / "cli"),
                         "--force", "--quiet"])
        best["cli"] = min(best["cli"], secs)
        secs, proc = timed([sys.executable, str(ROOT / "examples" / "spark_extract.py"), str(docs),
                            str(work / "spark"), "--master", f"local[{cores}]"])
        best["spark_process"] = min(best["spark_process"], secs)
        job = float(re.search(r"in ([0-9.]+) s \(", proc.stderr).group(1))
        best["spark_job"] = min(best["spark_job"], job)
        _, proc = timed([sys.executable, "-c", PEAK_SCRIPT, str(docs)])
        base, loaded, top, secs = proc.stdout.split()
        best["python_1_thread"] = min(best["python_1_thread"], float(secs))
        peak = (int(base) / 1024, int(loaded) / 1024, int(top) / 1024)
    result = {
        "files": args.files,
        "megabytes": round(mb, 1),
        "cores": cores,
        "load_average": os.getloadavg(),
        **{f"{k}_seconds": round(v, 2) for k, v in best.items()},
        **{f"{k}_docs_per_s": round(args.files / v, 1) for k, v in best.items()},
        **{f"{k}_mb_per_s": round(mb / v, 2) for k, v in best.items()},
        "spark_job_over_cli": round(best["spark_job"] / best["cli"], 2),
        "spark_process_over_cli": round(best["spark_process"] / best["cli"], 2),
        "python_worker_rss_mb": {"interpreter": round(peak[0]), "dictionaries_loaded": round(peak[1]),
                                 "peak_over_all_files": round(peak[2])},
    }
    print(json.dumps(result, indent=2))
    if not args.workdir:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
