#!/usr/bin/env bash
# lessonlint's SARIF validator: Microsoft's SARIF Multitool with GitHub's
# ingestion rules, plus a JSON-schema pass and GitHub's upload limits.
#
# Usage: sarif-multitool.sh --tools DIR FILE.sarif...   validate each file
#        sarif-multitool.sh --tools DIR --install       only make the tools ready
#
# On first use it installs the pinned packages of tests/report/sarif-tools/
# (package.json and package-lock.json: @microsoft/sarif-multitool 5.7.0 with its
# Linux binary, ajv-cli 5.0.0, ajv-formats 3.0.1) with `npm ci` into DIR, a
# folder of the build tree (CMake passes ${CMAKE_BINARY_DIR}/sarif-tools); later
# runs need no network. Each file goes through:
#   1. JSON syntax (node);
#   2. the SARIF 2.1.0 JSON schema bundled with the Multitool (ajv, draft-07);
#   3. `Sarif.Multitool validate --rule-kind "Sarif;Gh"`: the SARIF rules and
#      GitHub's code-scanning ingestion rules (GHxxxx). SARIF2006, which fetches
#      every URI in the log, is off unless SARIF_ALLOW_NETWORK=1;
#   4. GitHub's upload limits and pitfalls (tests/report/sarif_checks.js).
# Errors fail a file; warnings are printed. One summary line per file.
#
# Exit: 0 every file is valid; 1 a file is invalid; 2 usage error or a tool
# failed; 77 the validator cannot run here (no node or npm, the npm registry
# is unreachable, not x86-64 Linux), with one line "lessonlint-test: SKIPPED:
# sarif_validation: why" (ctest's SKIP_RETURN_CODE).
# Env: SARIF_TOOLS_DIR (instead of --tools), SARIF_ALLOW_NETWORK=1.
set -u -o pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="${SARIF_TOOLS_DIR:-}"
install_only=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) tools="${2:-}"; shift ;;
    --install) install_only=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "sarif-multitool: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done
if [ -z "$tools" ] || { [ $install_only -eq 0 ] && [ ${#files[@]} -eq 0 ]; }; then
  echo "usage: $0 --tools DIR FILE.sarif... | --tools DIR --install" >&2
  exit 2
fi

skip() { echo "lessonlint-test: SKIPPED: sarif_validation: $*"; exit 77; }
die() { echo "sarif-multitool: $*" >&2; exit 2; }

# ---------------------------------------------------------------- the tools, once
mkdir -p "$tools" || die "cannot create $tools"
tools="$(cd "$tools" && pwd)"
lock_sum="$(cksum <"$here/sarif-tools/package-lock.json" | cut -d' ' -f1)"
stamp="$tools/.installed-$lock_sum"
mt="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
ajv="$tools/node_modules/.bin/ajv"
formats="$tools/node_modules/ajv-formats"

command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm), so the SARIF Multitool cannot run"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64|Linux/amd64) ;;
  *) skip "the SARIF Multitool's npm package runs on x86-64 Linux only, not $(uname -sm)" ;;
esac

install_tools() {
  [ -f "$stamp" ] && return 0
  command -v npm >/dev/null 2>&1 || skip "npm is not installed (apt-get install npm), so the SARIF Multitool cannot be installed"
  echo "sarif-multitool: installing @microsoft/sarif-multitool into $tools (once) ..." >&2
  rm -rf "$tools/node_modules" "$tools"/.installed-*
  cp "$here/sarif-tools/package.json" "$here/sarif-tools/package-lock.json" "$tools/" || die "cannot copy the package files"
  local log="$tools/npm-install.log"
  if ! npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error \
       --fetch-retries=1 --fetch-timeout=120000 >"$log" 2>&1; then
    local registry
    registry="$(npm config get registry 2>/dev/null || echo 'the npm registry')"
    # No network, no DNS, a refused or timed-out connection, a proxy or TLS
    # certificate that cannot be trusted: npm says "request to URL failed".
    if grep -qE 'E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH|SOCKETTIMEOUT|PROXY)|network|request to .* failed' "$log"; then
      local why
      why="$(grep -m1 -oE 'request to .* failed.*' "$log" || grep -m1 -E 'code|network' "$log")"
      skip "the npm registry ($registry) cannot be reached, so the SARIF Multitool cannot be installed: $(echo "$why" | sed 's/^npm \(ERR!\|error\) //' | tr -s ' ')"
    fi
    echo "sarif-multitool: npm ci failed; the last lines of $log:" >&2
    tail -n 15 "$log" >&2
    exit 2
  fi
  [ -x "$mt" ] || chmod u+x "$mt" 2>/dev/null
  [ -x "$mt" ] && [ -x "$ajv" ] && [ -d "$formats" ] || die "the install in $tools is incomplete (see $log)"
  touch "$stamp"
}

if [ ! -f "$stamp" ]; then
  if command -v flock >/dev/null 2>&1; then
    # Parallel ctest runs share the folder: one installs, the others wait.
    exec 9>"$tools/.lock"
    flock -w 900 9 || die "timed out waiting for $tools/.lock"
  fi
  install_tools
fi
[ -x "$mt" ] && [ -x "$ajv" ] && [ -d "$formats" ] || { rm -f "$stamp"; die "the tools in $tools are incomplete; run again to reinstall"; }
[ $install_only -eq 1 ] && { echo "sarif-multitool: ready ($(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$mt" --version 2>&1 | head -n 1))"; exit 0; }

# ---------------------------------------------------------------- validation
tmp="$(mktemp -d "${TMPDIR:-/tmp}/sarif-multitool.XXXXXX")" || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
H() { node "$here/sarif_checks.js" "$@"; }

H schema "$tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" "$tmp/schema.json" \
  || die "cannot prepare the SARIF schema"
cat >"$tmp/mt-config.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
XML

# count SOURCE < lines starting with ERR or WARN: prints them, adds to errs and
# warns, and sets counted to the number of errors.
count() {
  local source="$1" l
  counted=0
  while IFS= read -r l; do
    case "$l" in
      ERR\ *) echo "error   [$source] ${l#ERR }"; errs=$((errs + 1)); counted=$((counted + 1)) ;;
      WARN\ *) echo "warning [$source] ${l#WARN }"; warns=$((warns + 1)) ;;
      ?*) echo "        [$source] $l" ;;
    esac
  done
}

# validate_one FILE: prints the findings and a summary line; returns 0 valid, 1 invalid, 2 tool failure.
validate_one() {
  local file="$1" abs schema_errs=0 mt_errs=0 gh_errs=0 line
  errs=0 warns=0
  [ -f "$file" ] && [ -r "$file" ] || { echo "sarif-multitool: ERROR cannot read $file"; return 2; }
  abs="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
  rm -f "$tmp"/data.json "$tmp"/mt.sarif

  # 1. JSON syntax
  H parse "$abs" "$tmp/data.json" >"$tmp/parse.txt"
  local parse_rc=$?
  count json <"$tmp/parse.txt"
  if [ $parse_rc -ne 0 ]; then
    echo "sarif-multitool: FAIL $file - not valid JSON"
    return 1
  fi

  # 2. JSON schema
  "$ajv" validate --spec=draft7 --all-errors --errors=json -c "$formats" -s "$tmp/schema.json" -d "$tmp/data.json" \
    >"$tmp/ajv.out" 2>"$tmp/ajv.err"
  local ajv_rc=$?
  if [ $ajv_rc -eq 1 ]; then
    H ajv "$tmp/ajv.err" >"$tmp/ajv.txt"
    count schema <"$tmp/ajv.txt"; schema_errs=$counted
    if [ $schema_errs -eq 0 ]; then
      echo "error   [schema] invalid (ajv gave no details)"; errs=$((errs + 1)); schema_errs=1
    fi
  elif [ $ajv_rc -ne 0 ]; then
    echo "sarif-multitool: ERROR $file - ajv failed (exit $ajv_rc): $(head -n 3 "$tmp/ajv.err" | tr '\n' ' ')"
    return 2
  fi

  # 3. The Multitool, GitHub's rules included
  local args=(validate "$abs" -o "$tmp/mt.sarif" --log ForceOverwrite --max-file-size-in-kb 4194304
              --level "Error;Warning;Note" --rule-kind "Sarif;Gh")
  [ "${SARIF_ALLOW_NETWORK:-0}" = 1 ] || args+=(-c "$tmp/mt-config.xml")
  (cd "$tmp" && DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}" "$mt" "${args[@]}") \
    >"$tmp/mt.log" 2>&1
  local mt_rc=$?
  # The Multitool's own tool errors (ERRnnn, WRNnnn) mean it did not validate; WRN999 only says SARIF2006 is off.
  if [ $mt_rc -ne 0 ] || [ ! -s "$tmp/mt.sarif" ] ||
     grep -E '(error|warning) (ERR|WRN)[0-9]+\.' "$tmp/mt.log" | grep -qv 'WRN999.RuleExplicitlyDisabled'; then
    echo "sarif-multitool: ERROR $file - the Multitool failed (exit $mt_rc): $(grep -E 'ERR[0-9]+|WRN[0-9]+|Exception' "$tmp/mt.log" | head -n 3 | tr '\n' ' ')"
    return 2
  fi
  local counts e w
  counts="$(H mt "$tmp/mt.sarif")"
  [[ "$counts" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]] || { echo "sarif-multitool: ERROR $file - $counts"; return 2; }
  read -r e w _ <<<"$counts"
  # The console lines look like: /abs/file.sarif(LINE,COL): error SARIF1002: message
  while IFS= read -r line; do
    line="${line/#"$abs"/$file}"
    case "$line" in
      *"): error "*) echo "error   [multitool] $line" ;;
      *"): warning "*) echo "warning [multitool] $line" ;;
    esac
  done < <(grep -E '^.+\([0-9]+(,[0-9]+)?\): (error|warning|note) [A-Za-z]+[0-9]+: ' "$tmp/mt.log")
  mt_errs=$e; errs=$((errs + e)); warns=$((warns + w))

  # 4. GitHub's upload limits
  H github "$tmp/data.json" >"$tmp/gh.txt" || { echo "sarif-multitool: ERROR $file - the GitHub checks crashed"; return 2; }
  count github <"$tmp/gh.txt"; gh_errs=$counted

  local status=PASS rc=0
  [ $errs -eq 0 ] || { status=FAIL; rc=1; }
  echo "sarif-multitool: $status $file schema_errors=$schema_errs multitool_errors=$mt_errs github_errors=$gh_errs warnings=$warns"
  return $rc
}

worst=0
for f in "${files[@]}"; do
  validate_one "$f"
  rc=$?
  [ $rc -gt $worst ] && worst=$rc
done
exit $worst
