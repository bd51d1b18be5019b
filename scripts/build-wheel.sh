#!/usr/bin/env bash
# Builds the Python package `zhengce` (crates/zhengce-py, PyO3 + maturin, an
# abi3 wheel for CPython >= 3.9) into target/wheels and installs it, for
# python/tests and examples/spark_extract.py. maturin comes from
# scripts/install/25-python-pkg-deps.sh. Prints the wheel's path and size.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f target/wheels/zhengce-*.whl
python3 -m maturin build --release --quiet -m crates/zhengce-py/Cargo.toml --out target/wheels
wheel=$(ls target/wheels/zhengce-*.whl)
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --force-reinstall --no-deps "$wheel"
echo "built and installed $wheel ($(stat -c %s "$wheel") bytes)"
