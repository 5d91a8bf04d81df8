#!/usr/bin/env bash
# The portable binary (-DLESSONLINT_PORTABLE=ON) against the shared build
# (issue 20): their sizes (stripped, as packaged), what each needs at run time,
# and the start-up of a one-file check (what the pre-commit framework's hook
# runs), 21 interleaved runs with farm-bench, medians quoted.
#   bash bench/portable.sh
# Builds build-bench/ (Release, shared) and build-portable/ (Release, portable).
# Results: bench/.cache/results-portable/summary.txt
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/lessonlint-ccache}"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_TESTS=OFF >/dev/null
cmake --build build-bench --target lessonlint >/dev/null
cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_PORTABLE=ON -DLESSONLINT_TESTS=OFF >/dev/null
cmake --build build-portable --target lessonlint >/dev/null
out=bench/.cache/results-portable
mkdir -p "$out"
strip -o "$out/lessonlint-portable" build-portable/lessonlint
strip -o "$out/lessonlint-shared" build-bench/lessonlint
{
  for b in portable shared; do
    echo "$b: $(stat -c %s "$out/lessonlint-$b") bytes stripped; needs: $(readelf -d "$out/lessonlint-$b" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
  done
  echo
  echo "A = portable, B = shared: lessonlint check postmortems/2026-03-17-orders-table-migration-slowdown.md in examples/handbook"
  file=postmortems/2026-03-17-orders-table-migration-slowdown.md
  (cd examples/handbook &&
   farm-bench -n 21 --vs "$PWD/../../$out/lessonlint-shared check $file" -- "$PWD/../../$out/lessonlint-portable" check "$file")
} 2>&1 | tee "$out/summary.txt"
