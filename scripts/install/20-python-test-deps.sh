#!/usr/bin/env bash
# Python packages of python/tests/test_export_read_back.py, which reads the
# exported Parquet back with DuckDB and pandas/pyarrow: pinned versions with
# wheels for Python 3.11 (pytest, pandas, pyarrow at the versions the Python
# package's tests pin too). pip skips what is already installed.
set -euo pipefail
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore \
  'pytest==8.3.5' 'pandas==2.3.3' 'pyarrow==21.0.0' 'duckdb==1.4.1'
