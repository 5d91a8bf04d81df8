#!/bin/sh
# Builds everything with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# (the `asan` preset: build-asan/, -DLESSONLINT_SANITIZE=ON -DLESSONLINT_FUZZ=ON,
# RelWithDebInfo at -O1 -g1, which compiles in half the time of -O2 -g) and
# runs the whole test suite under them. The end-to-end tests spawn the built
# lessonlint, which is sanitized too. Any sanitizer report fails the test that
# triggered it. The same folder holds the libFuzzer targets (ci/fuzz.sh), so
# the library is compiled once for both.
#   sh ci/sanitize.sh             everything
#   sh ci/sanitize.sh -L unit     extra arguments go to ctest
# Environment: JOBS (build and ctest, default: all cores).
set -eu

cd "$(dirname "$0")/.."

sh ci/install-deps.sh clang

jobs=${JOBS:-$(nproc)}

# The test preset sets the same values (and wins over these under ctest);
# exported here for anything run outside ctest.
# ci/lsan-suppressions.txt says how leaks inside third-party libraries are
# handled (empty: the one known libgit2 leak is excluded where it is called).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/ci/lsan-suppressions.txt:print_suppressions=0}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

cmake --preset asan
cmake --build --preset asan --parallel "$jobs"
ctest --preset asan --parallel "$jobs" "$@"
