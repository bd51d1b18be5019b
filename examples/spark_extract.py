#!/usr/bin/env python3
"""Extract policy documents on Apache Spark; write their targets as Parquet.

    python3 examples/spark_extract.py INPUT OUTPUT [--master local[2]]
    spark-submit ... examples/spark_extract.py s3a://bucket/docs s3a://bucket/targets

Reads every file under INPUT (a folder or an object store path) with
``spark.read.format("binaryFile")``, runs the ``zhengce`` package on the
executors through ``mapInArrow`` (one extraction thread per task: Spark runs a
task per core), and writes one row per target (``zhengce.TARGET_COLUMNS``,
the document named by its URI) under OUTPUT as Parquet partitioned by year
(``year=2025/``; targets without a year under ``year=__HIVE_DEFAULT_PARTITION__``).
Inputs that give no document are counted and named on standard error, and
the job goes on. The executors need the ``zhengce`` wheel and pyarrow
installed: see the README's "On Apache Spark".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Iterator

# Spark SQL type of each Arrow type of zhengce.TARGET_COLUMNS.
SPARK_TYPES = {
    "string": "string",
    "float64": "double",
    "bool": "boolean",
    "int16": "smallint",
    "int64": "bigint",
    "list<string>": "array<string>",
}

# Input file types the extractor reads (the CLI's folder walk picks the same).
INPUT_GLOB = "*.{txt,text,htm,html,xhtml,shtml,jsp,ftl,docx}"


def targets_ddl() -> str:
    """The output schema as a Spark DDL string, from zhengce.TARGET_COLUMNS."""
    import zhengce

    return ", ".join(f"`{name}` {SPARK_TYPES[t]}" for name, t in zhengce.TARGET_COLUMNS)


def extract_batches(batches, errors) -> Iterator:
    """mapInArrow's function: record batches of binaryFile rows (path,
    content, …) in, record batches of targets out."""
    import zhengce

    for batch in batches:
        paths = batch.column("path").to_pylist()
        contents = batch.column("content").to_pylist()
        results = zhengce.extract_many(list(zip(paths, contents)), threads=1)
        docs = []
        for r in results:
            if isinstance(r, zhengce.ExtractError):
                errors.add([str(r)])
            else:
                docs.append(r)
        yield from zhengce.targets_table(docs).to_batches()


def run(spark, input_path: str, output_path: str) -> dict:
    """Runs the job; returns counts and the wall time of the job's stages."""
    from pyspark.accumulators import AccumulatorParam

    class ListParam(AccumulatorParam):
        def zero(self, value):
            return []

        def addInPlace(self, a, b):
            a.extend(b)
            return a

    errors = spark.sparkContext.accumulator([], ListParam())
    start = time.perf_counter()
    files = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", INPUT_GLOB)
        .option("recursiveFileLookup", "true")
        .load(input_path)
    )
    targets = files.select("path", "content").mapInArrow(
        lambda batches: extract_batches(batches, errors), targets_ddl()
    )
    targets.write.mode("overwrite").partitionBy("year").parquet(output_path)
    seconds = time.perf_counter() - start
    return {"errors": sorted(errors.value), "seconds": seconds, "partitions": files.rdd.getNumPartitions()}


def session(master: str | None, app: str = "zhengce-extract"):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
        # Local mode: the executors' Python is this one, with zhengce installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="folder or object store path of the documents")
    ap.add_argument("output", help="where the targets go (Parquet, partitioned by year)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    args = ap.parse_args(argv)
    spark = session(args.master)
    try:
        stats = run(spark, args.input, args.output)
    finally:
        spark.stop()
    for message in stats["errors"][:20]:
        print(f"error: {message}", file=sys.stderr)
    print(
        f"{len(stats['errors'])} inputs gave no document; targets written to {args.output} "
        f"in {stats['seconds']:.1f} s ({stats['partitions']} input partitions)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
