#!/usr/bin/env bash
# Builds the `zhengce` binary with profile-guided optimisation (PGO), for batch
# work: the same code and the same outputs, about a tenth less CPU time.
#
#   bash scripts/build-pgo.sh        # -> target/pgo/release/zhengce
#
# 1. builds an instrumented binary (target/pgo-generate),
# 2. runs it over the training set: the dev set's texts and web pages and the
#    test fixtures (.docx, saved pages, encodings); not the five samples,
#    which the whole-binary bench copies, so that its figure is not measured
#    on what the profile was trained on,
# 3. merges the profiles with the toolchain's own llvm-profdata (rustup's
#    llvm-tools component, installed when missing: it must match rustc's LLVM),
# 4. builds the optimised binary (target/pgo), in its own target folder so that
#    neither build invalidates the other or the ordinary target/release,
# 5. checks it: its outputs for the five samples must be byte-identical to the
#    golden files in corpus/expected/ (what `cargo test` checks of the ordinary
#    build). Two full release builds: 11 minutes from a fresh clone on an idle
#    two-core machine, longer under load.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=target/pgo-work
rm -rf "$work"
mkdir -p "$work/profiles" "$work/train"

if ! rustup component list --installed 2>/dev/null | grep -q '^llvm-tools'; then
  echo "== installing rustup's llvm-tools (llvm-profdata matching rustc's LLVM)"
  rustup component add llvm-tools
fi
sysroot=$(rustc --print sysroot)
profdata=$(find "$sysroot/lib/rustlib" -name llvm-profdata -type f | head -n 1)
if [[ -z "$profdata" ]]; then
  echo "build-pgo: llvm-profdata not found under $sysroot after installing llvm-tools" >&2
  exit 1
fi

echo "== 1/5 instrumented build (target/pgo-generate)"
RUSTFLAGS="-Cprofile-generate=$root/$work/profiles" \
  cargo build --release -p zhengce-cli --target-dir target/pgo-generate

echo "== 2/5 training run"
cp corpus/dev/*.txt corpus/dev/html/*.html "$work/train/"
# The fixtures made with real software (.docx, saved pages, other encodings).
find tests/fixtures -type f \( -name '*.docx' -o -name '*.html' -o -name '*.htm' -o -name '*.txt' \) |
  while read -r f; do cp "$f" "$work/train/$(echo "$f" | tr / _)"; done
# The bad fixtures end in errors (exit code 1): their paths count too.
target/pgo-generate/release/zhengce extract "$work/train" --out "$work/train-out" --quiet || true
# A second run over the same outputs: the up-to-date check's path.
target/pgo-generate/release/zhengce extract "$work/train" --out "$work/train-out" --quiet || true
n=$(find "$work/profiles" -name '*.profraw' | wc -l)
if [[ "$n" -eq 0 ]]; then
  echo "build-pgo: the training run wrote no profile" >&2
  exit 1
fi

echo "== 3/5 merging $n profiles"
"$profdata" merge -o "$work/zhengce.profdata" "$work/profiles"

echo "== 4/5 optimised build (target/pgo)"
RUSTFLAGS="-Cprofile-use=$root/$work/zhengce.profdata" \
  cargo build --release -p zhengce-cli --target-dir target/pgo

echo "== 5/5 checking its outputs against corpus/expected"
rm -rf "$work/check"
target/pgo/release/zhengce extract corpus --out "$work/check" --quiet
for f in corpus/expected/*.json; do
  if ! cmp -s "$f" "$work/check/$(basename "$f")"; then
    echo "build-pgo: the PGO binary's output differs from $f" >&2
    exit 1
  fi
done
echo "built target/pgo/release/zhengce (outputs identical to corpus/expected)"
