#!/usr/bin/env bash
# ctest `workflow_validation`: validates action.yml and every GitHub Actions
# workflow of the project (.github/workflows/, and the ones users copy from
# ci/github/) with action-validator (SchemaStore's schemas for actions and
# workflows), installed from npm with `npm ci` into TOOLS_DIR on first use,
# at the version tests/ci/action-validator/package-lock.json pins. First it
# makes sure the validator rejects a workflow with a misspelt key, so a
# validator that passes everything cannot pass here.
#   validate_workflows.sh SOURCE_DIR TOOLS_DIR
# Exit: 0 valid, 1 invalid, 77 skipped (no node or npm, or no registry: one line says why).
set -euo pipefail
src=$1 tools=$2
skip() { echo "lessonlint-test: SKIPPED: $1"; exit 77; }
command -v node >/dev/null 2>&1 || skip "node is not installed (sh ci/install-deps.sh test installs it), so the workflows were not validated"
command -v npm >/dev/null 2>&1 || skip "npm is not installed (sh ci/install-deps.sh test installs it), so the workflows were not validated"
validator="$tools/node_modules/.bin/action-validator"
if [ ! -x "$validator" ] || ! cmp -s "$src/tests/ci/action-validator/package-lock.json" "$tools/package-lock.json"; then
  mkdir -p "$tools"
  cp "$src/tests/ci/action-validator/package.json" "$src/tests/ci/action-validator/package-lock.json" "$tools/"
  if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >"$tools/npm.log" 2>&1); then
    if grep -qiE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network' "$tools/npm.log"; then
      skip "the npm registry cannot be reached, so action-validator was not installed ($(grep -m1 -iE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network' "$tools/npm.log"))"
    fi
    cat "$tools/npm.log" >&2
    echo "validate_workflows: npm ci failed" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'name: broken\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: [{run: "true"}]\n' >"$work/broken.yml"
if "$validator" "$work/broken.yml" >"$work/broken.log" 2>&1; then
  echo "validate_workflows: FAILED: action-validator accepted a workflow with 'stepz' instead of 'steps'" >&2
  exit 1
fi

status=0
count=0
for f in "$src/action.yml" "$src"/.github/workflows/*.yml "$src"/ci/github/*.yml; do
  [ -f "$f" ] || continue
  count=$((count + 1))
  if "$validator" "$f" >"$work/out.log" 2>&1; then
    echo "valid: ${f#"$src"/}"
  else
    echo "INVALID: ${f#"$src"/}" >&2
    cat "$work/out.log" >&2
    status=1
  fi
done
[ "$count" -ge 4 ] || { echo "validate_workflows: only $count files found" >&2; exit 1; }
exit $status
