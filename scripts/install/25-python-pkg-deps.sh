#!/usr/bin/env bash
# Python packages for the wheel build (maturin) and the Python tests
# (python/tests: the package, the Spark job, and the exported Parquet read back
# with DuckDB and pandas/pyarrow): pinned versions with wheels (or, for
# pyspark, an sdist) for Python 3.11. pip skips what is already installed at
# these versions.
set -euo pipefail
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore \
  'maturin==1.9.6' 'pytest==8.3.5' 'pandas==2.3.3' 'pyarrow==21.0.0' 'pyspark==4.0.1' \
  'duckdb==1.4.1'
