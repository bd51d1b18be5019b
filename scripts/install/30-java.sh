#!/usr/bin/env bash
# pyspark (python/tests/test_spark.py, examples/spark_extract.py) runs Spark's
# JVM: Java 17 from Debian.
set -euo pipefail
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi
