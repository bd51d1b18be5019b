#!/usr/bin/env bash
# Every test of the project, on a fresh machine: first installs what the tests
# need (each scripts/install/*.sh is idempotent, run in name order), then runs
# the Rust tests and the Python tests. No test skips itself when a part is
# missing: a missing part fails here or in the test that needs it.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in scripts/install/*.sh; do
  echo "== $f"
  bash "$f"
done
cargo test --workspace
if compgen -G "python/tests/test_*.py" >/dev/null; then
  # The Python package the tests import (and the Spark job ships).
  bash scripts/build-wheel.sh
  python3 -m pytest -q python/tests
fi
