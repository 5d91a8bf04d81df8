#!/usr/bin/env bash
# lessonlint benchmark (issue #7). Not part of the test suite.
#
#   bash bench/run.sh [--docs N] [--reps N] [--seed N] [--jobs N] [--no-markdownlint] [--profile [N]]
#
#   --docs N           documents in the generated corpus (default 10000; 2000 for a quick run)
#   --reps N           timed repetitions of each tool, interleaved; medians are reported (default 3)
#   --seed N           generator seed (default 1)
#   --jobs N           the "all cores" job count for lessonlint (default: nproc)
#   --no-markdownlint  skip markdownlint-cli2 (one run takes about 90 s on 10,000 documents)
#   --profile [N]      also run lessonlint --jobs 1 under callgrind on an N-document corpus
#                      (default 500) and print the top functions
#
# From the repository root it:
#   1. builds lessonlint (Release, build-bench/) and the floor program (bench/floor.cc,
#      build-floor/), both with -j1;
#   2. generates the corpus with bench/generate.py into bench/.cache/corpus-N-sSEED/ and
#      makes it a git repository of its own (bench/.cache is git-ignored, and lessonlint
#      skips ignored files, so the corpus must not be seen through this repository);
#   3. installs markdownlint-cli2 0.22.1 with npm into bench/.cache/npm;
#   4. runs bench/measure.py: floor, lessonlint --jobs 1, lessonlint --jobs N and
#      markdownlint-cli2 (default rules) on the same files, interleaved, and prints the
#      table (wall time, MB/s, peak RSS, ratios against the goals, --jobs byte-identity);
#   5. pre-commit: times `check --staged` in the corpus repository and in a 10-document one;
#   6. audit: times `audit --last 5` in a generated history (bench/history.py: 10,000
#      commits, 2,000 postmortems).
# Results: bench/.cache/results-N/summary.md, precommit.md, audit.md and results.json.
# See docs/performance.md for the measured numbers and what they mean.
set -euo pipefail

docs=10000
reps=3
seed=1
jobs=$(nproc)
markdownlint=1
profile=0
profile_docs=500
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) docs=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --no-markdownlint) markdownlint=0; shift ;;
    --profile)
      profile=1; shift
      if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then profile_docs=$1; shift; fi ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

for v in "$docs" "$reps" "$seed" "$jobs" "$profile_docs"; do
  [[ $v =~ ^[0-9]+$ ]] && [ "$v" -gt 0 ] || { echo "run.sh: expected a positive number, got '$v'" >&2; exit 2; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
cache=$bench/.cache
mkdir -p "$cache"
log() { printf '\n== %s\n' "$*"; }

# --- tools ------------------------------------------------------------------
for t in cmake ninja python3 git node npm; do
  command -v "$t" >/dev/null || { echo "run.sh: $t is required" >&2; exit 1; }
done
# GNU time reports each command's own peak RSS (bench/measure.py explains why not wait4).
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    echo "run.sh: /usr/bin/time is missing (apt-get install time); peak RSS will be an upper bound" >&2
  fi
fi
if [ "$profile" = 1 ] && ! command -v valgrind >/dev/null; then
  echo "run.sh: --profile needs valgrind (apt-get install -y valgrind)" >&2; exit 1
fi

# --- 1. build ---------------------------------------------------------------
log "building lessonlint (Release) in build-bench/ and the floor program in build-floor/"
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_TESTS=OFF >/dev/null
ninja -C "$root/build-bench" -j1 lessonlint
cmake -S "$bench" -B "$root/build-floor" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$root/build-floor" -j1 floor
lessonlint=$root/build-bench/lessonlint
floor=$root/build-floor/floor

# --- 2. corpus --------------------------------------------------------------
# Regenerated when the generator, the size or the seed changes.
make_corpus() {  # make_corpus N DIR
  local n=$1 dir=$2 stamp
  stamp="docs=$n seed=$seed generator=$(sha256sum "$bench/generate.py" | cut -c1-16)"
  if [ -f "$dir.stamp" ] && [ "$(cat "$dir.stamp")" = "$stamp" ] && [ -d "$dir/.git" ]; then
    echo "corpus $dir is up to date ($stamp)"
    return
  fi
  rm -rf "$dir" "$dir.stamp"
  python3 "$bench/generate.py" "$dir" --docs "$n" --seed "$seed"
  # A repository of its own, with one commit, like a real handbook; the pre-commit
  # measurement stages edits in it (and an audit measurement would read its history).
  git -C "$dir" init -q
  # Never let the add/commit below reach the enclosing project repository.
  if [ "$(cd "$dir" && git rev-parse --show-toplevel)" != "$(cd "$dir" && pwd -P)" ]; then
    echo "run.sh: $dir is not a repository of its own; refusing to commit" >&2
    exit 1
  fi
  git -C "$dir" add -A
  git -C "$dir" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false \
    commit -q -m "Generated corpus: $stamp"
  echo "$stamp" >"$dir.stamp"
}
corpus=$cache/corpus-$docs-s$seed
log "corpus: $docs documents, seed $seed"
make_corpus "$docs" "$corpus"

# --- 3. markdownlint-cli2 ---------------------------------------------------
mdl_args=()
if [ "$markdownlint" = 1 ]; then
  mdl_version=0.22.1
  npm_dir=$cache/npm
  have=$(node -p "require('$npm_dir/node_modules/markdownlint-cli2/package.json').version" 2>/dev/null || true)
  if [ "$have" != "$mdl_version" ]; then
    log "installing markdownlint-cli2@$mdl_version into $npm_dir"
    mkdir -p "$npm_dir"
    npm install --prefix "$npm_dir" --no-audit --no-fund --save-exact "markdownlint-cli2@$mdl_version"
  fi
  mdl_args=(--markdownlint "$npm_dir/node_modules/.bin/markdownlint-cli2")
fi

# --- 4. measure -------------------------------------------------------------
log "machine"
echo "nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "RAM: $(free -h | awk '/^Mem:/ {print $2}'); node $(node --version); $(cmake --version | head -1)"
echo "lessonlint: $("$lessonlint" --version 2>/dev/null || true); tree: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src CMakeLists.txt rules 2>/dev/null || echo ' + uncommitted changes in src/')"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"

log "measuring ($reps interleaved repetitions)"
results=$cache/results-$docs
rc=0
python3 "$bench/measure.py" --corpus "$corpus" --results "$results" --reps "$reps" --jobs "$jobs" \
  --lessonlint "$lessonlint" --floor "$floor" "${mdl_args[@]}" || rc=$?

# --- pre-commit (check --staged) -----------------------------------------------
# `check --staged` with 1 and 10 edited, staged postmortems in the corpus repository
# (then restored from HEAD), next to `check FILE...` on the same files, and one
# staged file in a 10-document repository: the goal is the same cost in both
# (within 20%) and under 50 ms.
log "pre-commit (check --staged)"
small=$cache/corpus-10-s$seed
make_corpus 10 "$small"
python3 "$bench/measure.py" precommit --corpus "$corpus" --small "$small" --results "$results" \
  --lessonlint "$lessonlint" --reps 7 --counts 1,10 || rc=$?

# --- audit --------------------------------------------------------------------
# `audit --last 5` in a repository of 10,000 commits and 2,000 postmortems
# (bench/history.py, git fast-import); the goal is under one second.
log "audit (--last 5, 10,000 commits, 2,000 postmortems)"
history=$cache/history-10000-s$seed
history_stamp="commits=10000 postmortems=2000 seed=$seed generator=$(cat "$bench/history.py" "$bench/generate.py" | sha256sum | cut -c1-16)"
if [ ! -f "$history.stamp" ] || [ "$(cat "$history.stamp")" != "$history_stamp" ] || [ ! -d "$history/.git" ]; then
  rm -rf "$history" "$history.stamp"
  python3 "$bench/history.py" "$history" --commits 10000 --postmortems 2000 --seed "$seed"
  echo "$history_stamp" >"$history.stamp"
fi
python3 "$bench/measure.py" audit --repo "$history" --results "$results" --lessonlint "$lessonlint" --reps 5 || rc=$?

# --- optional: callgrind profile --------------------------------------------
if [ "$profile" = 1 ]; then
  log "profile: callgrind, lessonlint --jobs 1 on $profile_docs documents"
  # Same optimisation as the measured binary, plus symbols and line tables.
  cmake -S "$root" -B "$root/build-bench-prof" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-g -fno-omit-frame-pointer" -DLESSONLINT_TESTS=OFF >/dev/null
  ninja -C "$root/build-bench-prof" -j1 lessonlint
  pcorpus=$cache/corpus-$profile_docs-s$seed
  make_corpus "$profile_docs" "$pcorpus"
  out=$cache/callgrind.out
  (cd "$pcorpus" && valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$root/build-bench-prof/lessonlint" check . --no-config --fail-on never --jobs 1 >/dev/null 2>"$cache/callgrind.log")
  (cd "$pcorpus" && valgrind --tool=callgrind --callgrind-out-file="$cache/callgrind-floor.out" \
    "$floor" . >/dev/null 2>"$cache/callgrind-floor.log")
  # Whole listings to files first: `| head` would stop callgrind_annotate with SIGPIPE,
  # which pipefail turns into a failure of this script.
  callgrind_annotate --inclusive=no --auto=no "$out" >"$cache/callgrind-self.txt" 2>/dev/null
  callgrind_annotate --inclusive=yes --auto=no "$out" >"$cache/callgrind-inclusive.txt" 2>/dev/null
  sed -n '1,45p' "$cache/callgrind-self.txt"
  # Instruction counts do not depend on the machine's load: a steadier floor ratio.
  ir_ll=$(awk '/^summary:/ {print $2}' "$out")
  ir_floor=$(awk '/^summary:/ {print $2}' "$cache/callgrind-floor.out")
  python3 -c "import sys; l, f = int(sys.argv[1]), int(sys.argv[2]); print(f'instructions: lessonlint --jobs 1 {l:,}, floor {f:,}: {l / f:.2f}x the floor (goal <= 1.5x)')" "$ir_ll" "$ir_floor"
  echo "inclusive costs: $cache/callgrind-inclusive.txt; raw profiles: $out, $cache/callgrind-floor.out (callgrind_annotate, kcachegrind)"
fi

echo
echo "results: $results/summary.md"
exit "$rc"
