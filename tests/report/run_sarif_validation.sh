#!/usr/bin/env bash
# ctest label `sarif`: writes SARIF logs with the real binary and the
# [sarif-write] unit test, then validates every one with the project's
# validator, tests/report/sarif-multitool.sh (SARIF Multitool with GitHub's
# rules, installed from npm into TOOLS_DIR on first use).
#
# Usage: run_sarif_validation.sh TESTS_BINARY LESSONLINT_BINARY SOURCE_DIR TOOLS_DIR
# Exit:  0 valid, 1 invalid, 2 a tool failed, 77 skipped: no node or npm, or
#        the npm registry is unreachable (one line says why; SKIP_RETURN_CODE).
set -eu -o pipefail
tests_bin=$1 lessonlint=$2 src=$3 tools=$4

# The tools first: when they cannot be had, skip before doing anything else.
rc=0
bash "$src/tests/report/sarif-multitool.sh" --tools "$tools" --install || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"

out=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT

# Unit-level logs: empty run, odd paths, non-ASCII messages, suppressions, category.
LESSONLINT_SARIF_OUT="$out" "$tests_bin" "[sarif-write]" >/dev/null

# The binary on real repositories.
cp -r "$src/examples/handbook" "$work/handbook"
(cd "$work/handbook" && "$lessonlint" check --format sarif --category handbook -o "$out/cli-handbook.sarif" || test $? -eq 1)
mkdir -p "$work/empty"
(cd "$work/empty" && "$lessonlint" check --format sarif -o "$out/cli-empty.sarif")
mkdir -p "$work/odd/post mortems"
cat > "$work/odd/post mortems/café – 100%.md" <<'MD'
---
type: learning-review
distribution: "#eng-learning"
---
# Learning review: naïve retries

## What we used to believe
Retries are harmless.

## What we now believe
Unbounded retries amplify an outage.

## Where else this applies
<!-- lessonlint-disable-next-line learning-review/vague-audience reason="company-wide: every service retries" -->
Everyone — über alles.
Other teams, «vraiment».
MD
(cd "$work/odd" && "$lessonlint" check --format sarif -o "$out/cli-odd-paths.sarif" || test $? -eq 1)

# The weekly audit's SARIF (the handbook copy is not a repository: dates fall back).
(cd "$work/handbook" && "$lessonlint" audit --format sarif -o "$out/cli-audit.sarif")

bash "$src/tests/report/sarif_validation.sh" "$out" "$tools"
