#!/usr/bin/env bash
# Validates every *.sarif in a folder with the project's SARIF validator,
# tests/report/sarif-multitool.sh (Microsoft's SARIF Multitool with GitHub's
# rules, the JSON schema and GitHub's upload limits). The logs come from
# run_sarif_validation.sh.
#
# Usage: sarif_validation.sh DIR [TOOLS_DIR]
#   TOOLS_DIR: where the Multitool is installed on first use (default
#   $SARIF_TOOLS_DIR, else DIR/../sarif-tools).
# Exit:  0 all valid; 1 a log is invalid or none was found; 2 usage error or a
#        tool failed; 77 the validator cannot run here (one line says why).
set -u -o pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "usage: $0 DIR [TOOLS_DIR] (DIR: a folder of *.sarif files)" >&2
  exit 2
fi
tools="${2:-${SARIF_TOOLS_DIR:-$dir/../sarif-tools}}"

shopt -s nullglob
files=("$dir"/*.sarif)
if [ ${#files[@]} -eq 0 ]; then
  echo "$0: no *.sarif files in $dir" >&2
  exit 1
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
bash "$here/sarif-multitool.sh" --tools "$tools" "${files[@]}" | tee "$out"
rc=${PIPESTATUS[0]}
[ "$rc" -eq 77 ] && exit 77
passed=$(grep -c '^sarif-multitool: PASS ' "$out")
echo "sarif_validation: ${#files[@]} checked, $((${#files[@]} - passed)) failed"
exit "$rc"
