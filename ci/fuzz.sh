#!/bin/sh
# Builds the libFuzzer targets (clang, ASan, UBSan) in build-asan/, the folder
# ci/sanitize.sh runs the test suite in, and runs each for a fixed time, seeded
# from the repository's fixtures.
#   sh ci/fuzz.sh                      15 s per target, about a minute in all
#   FUZZ_SECONDS=600 sh ci/fuzz.sh     a longer run (see docs/fuzzing.md)
#   sh ci/fuzz.sh fuzz_config          only the named targets
# Environment: FUZZ_SECONDS (per target, default 15), JOBS (build, default:
# all cores), FUZZ_ARGS (more libFuzzer flags).
# Prints one line per target; exits 1 when a target crashed, leaked, ran out
# of memory or timed out. The input is kept in build-asan/artifacts/<target>/
# and the log in build-asan/logs/<target>.log.
set -eu

cd "$(dirname "$0")/.."

sh ci/install-deps.sh clang

jobs=${JOBS:-$(nproc)}
seconds=${FUZZ_SECONDS:-15}
build="build-asan"

configure_log=$(mktemp)
cmake --preset fuzz >"$configure_log" 2>&1 || { cat "$configure_log"; rm -f "$configure_log"; exit 2; }
rm -f "$configure_log"
cmake --build --preset fuzz --parallel "$jobs"

# target  dictionary  max_len  seed folders (read only; missing ones are skipped)
targets_table="
fuzz_document     document     32768 tests/fixtures/mission examples/handbook fuzz/seeds/document ../shared/corpus/real
fuzz_rule_loader  rule         8192  rules
fuzz_config       config       4096  fuzz/seeds/config
fuzz_suppressions suppressions 4096  fuzz/seeds/suppressions
fuzz_jsonrpc      jsonrpc      8192  fuzz/seeds/jsonrpc
"

selected="$*"
status=0
mkdir -p "$build/logs"
rm -f "$build/logs/failed"
echo "$targets_table" | while read -r target dict max_len seeds; do
  [ -n "$target" ] || continue
  if [ -n "$selected" ] && ! echo " $selected " | grep -q " $target "; then continue; fi
  name=${target#fuzz_}
  corpus="$build/corpus/$name"
  artifacts="$build/artifacts/$name"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$artifacts"
  seed_dirs=""
  for s in $seeds; do
    if [ -d "$s" ]; then seed_dirs="$seed_dirs $s"; fi
  done
  start=$(date +%s)
  rc=0
  # shellcheck disable=SC2086
  "$build/fuzz/$target" "$corpus" $seed_dirs \
    -dict="fuzz/$dict.dict" -max_len="$max_len" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} >"$log" 2>&1 || rc=$?
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$rc" = 0 ]; then
    echo "$target: ok, ${runs:-?} runs in ${took}s, coverage ${cov:-?}, corpus $size files"
  else
    what=$(grep -m 1 -o -E 'ERROR: [A-Za-z]+Sanitizer: [a-z-]+|ERROR: libFuzzer: [a-z-]+|runtime error: .*|fuzz invariant violated: .*' "$log" || true)
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "$target: FAILED (exit $rc) ${what:-see the log}; input ${input:-none}; log $log"
    echo fail >>"$build/logs/failed"
  fi
done

if [ -f "$build/logs/failed" ]; then
  rm -f "$build/logs/failed"
  echo "fuzz: a target failed; see docs/fuzzing.md to turn the input into a regression test"
  status=1
fi
exit $status
