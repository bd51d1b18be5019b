#!/usr/bin/env bash
# Python packages for the wheel build (maturin) and the Python and Spark tests
# (python/tests): pinned versions with wheels (or, for pyspark, an sdist) for
# Python 3.11. pip skips what is already installed at these versions.
set -euo pipefail
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore \
  'maturin==1.9.6' 'pytest==8.3.5' 'pandas==2.3.3' 'pyarrow==21.0.0' 'pyspark==4.0.1'
