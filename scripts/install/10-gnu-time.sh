#!/usr/bin/env bash
# tests/bad_inputs.rs reads the peak memory of the 64 MB input's run from GNU time.
set -euo pipefail
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time
fi
