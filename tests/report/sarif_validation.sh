#!/usr/bin/env bash
# Validates every *.sarif in a folder with the SARIF validator (JSON schema,
# SARIF Multitool rules and GitHub code-scanning ingestion checks). The logs
# come from the lessonlint_tests case tagged [sarif-write], run with
# LESSONLINT_SARIF_OUT set to that folder.
#
# Usage: sarif_validation.sh DIR
# Env:   VALIDATE_SARIF (default /work/shared/tools/validate-sarif)
# Exit:  0 all valid, 1 a log is invalid or none was found, 2 usage error.
set -u -o pipefail

dir="${1:-}"
validator="${VALIDATE_SARIF:-/work/shared/tools/validate-sarif}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "usage: $0 DIR (a folder of *.sarif files)" >&2
  exit 2
fi
if [ ! -x "$validator" ]; then
  echo "$0: validator not found or not executable: $validator" >&2
  exit 2
fi

shopt -s nullglob
files=("$dir"/*.sarif)
if [ ${#files[@]} -eq 0 ]; then
  echo "$0: no *.sarif files in $dir" >&2
  exit 1
fi

failed=0
for f in "${files[@]}"; do
  if ! "$validator" --github "$f"; then
    failed=$((failed + 1))
  fi
done
echo "sarif_validation: ${#files[@]} checked, $failed failed"
[ "$failed" -eq 0 ]
