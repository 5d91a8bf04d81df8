#!/usr/bin/env bash
# Runs the README's two Quick-start commands on a fresh Debian bookworm, as a
# new user would: in a minimal debootstrap chroot, with the project copied in
# alone (no ../shared beside it), once as a `git clone` of this checkout's HEAD
# and once from `git archive HEAD` (a source tarball: no .git), both of the
# commit HEAD was at the start. Uncommitted changes are in neither, on purpose:
# this proves what a commit delivers.
#
#   sudo bash ci/fresh-machine.sh [--keep] [--only clone|archive] [--mirror URL] [DIR]
#
#   DIR       where the chroots and logs go (default: a new /var/tmp/lessonlint-fresh.XXXXXX);
#             it must be empty or not exist. Removed at the end unless --keep.
#   --keep    keep DIR (DIR/clone and DIR/archive are the two chroots, DIR/logs the logs)
#   --only    run one of the two copies
#   --mirror  the Debian mirror (default http://deb.debian.org/debian)
#
# Each copy gets its own chroot, unpacked from a debootstrap tarball
# (`debootstrap --variant=minbase --make-tarball`) cached in
# /var/cache/lessonlint-fresh-machine/ (LESSONLINT_FRESH_CACHE), so only the
# first run downloads the base system. In each chroot it runs, from the
# project's root:
#   1. sh ci/install-deps.sh && cmake -S . -B build -G Ninja && cmake --build build
#      && ./build/lessonlint check examples/handbook
#      expected: exit 1 with the summary in tests/golden/handbook.summary.txt
#      (the handbook's deliberate problems);
#   2. sh ci/install-deps.sh test && cmake -S . -B build -G Ninja -DLESSONLINT_WERROR=ON
#      && cmake --build build && ctest --test-dir build --output-on-failure
#      expected: exit 0.
# and prints each command's exit status and ctest's summary (the skipped tests
# by name). Exits 0 when all four results are the expected ones, 1 when one is
# not, 2 on a setup error. Needs root, network (Debian, and npm for the SARIF
# test), about 3 GB in DIR; on 2 cores it takes about 20 minutes (four full
# builds). See docs/fresh-machine.md.
set -euo pipefail

usage() { sed -n '9,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

keep=0
only=""
mirror="http://deb.debian.org/debian"
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1 ;;
    --only) only="${2:-}"; shift; case "$only" in clone|archive) ;; *) usage ;; esac ;;
    --mirror) mirror="${2:-}"; shift ;;
    -h|--help) usage ;;
    -*) echo "fresh-machine: unknown option $1" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir="$1" ;;
  esac
  shift
done

[ "$(id -u)" = 0 ] || { echo "fresh-machine: run as root (debootstrap, chroot and mount need it)" >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
git_() { git -c safe.directory='*' -C "$repo" "$@"; }
head_commit="$(git_ rev-parse --verify HEAD 2>/dev/null)" ||
  { echo "fresh-machine: $repo is not a git checkout with a commit" >&2; exit 2; }

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "fresh-machine: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

if [ -z "$dir" ]; then
  dir="$(mktemp -d /var/tmp/lessonlint-fresh.XXXXXX)"
else
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || { echo "fresh-machine: $dir is not empty" >&2; exit 2; }
fi
dir="$(cd "$dir" && pwd)"
mkdir -p "$dir/logs"
cache="${LESSONLINT_FRESH_CACHE:-/var/cache/lessonlint-fresh-machine}"
mkdir -p "$cache"

# ---------------------------------------------------------------- cleanup
mounts=()  # mounted points, unmounted in reverse order on exit
cleanup() {
  local rc=$? i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null || true
  done
  if [ $keep -eq 1 ]; then
    echo "fresh-machine: kept $dir (chroots: $dir/clone, $dir/archive; logs: $dir/logs)"
  elif grep -q " $dir/" /proc/mounts; then
    echo "fresh-machine: something is still mounted under $dir; not removing it" >&2
  else
    rm -rf "$dir"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the base system
tarball="$cache/bookworm-minbase-$(dpkg --print-architecture).tgz"
if [ ! -s "$tarball" ]; then
  echo "fresh-machine: downloading the bookworm minbase system into $tarball (once)"
  rm -rf "$dir/make-tarball"
  debootstrap --variant=minbase --make-tarball="$tarball.tmp" bookworm "$dir/make-tarball" "$mirror" \
    >"$dir/logs/debootstrap-tarball.log" 2>&1 ||
    { tail -n 20 "$dir/logs/debootstrap-tarball.log" >&2; rm -f "$tarball.tmp"; exit 2; }
  mv "$tarball.tmp" "$tarball"
  rm -rf "$dir/make-tarball"
fi

# make_root NAME: a fresh chroot in DIR/NAME with /proc and /dev/pts mounted and DNS.
make_root() {
  local root="$dir/$1"
  echo "fresh-machine: [$1] debootstrap --variant=minbase bookworm $root"
  debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" \
    >"$dir/logs/debootstrap-$1.log" 2>&1 || { tail -n 20 "$dir/logs/debootstrap-$1.log" >&2; exit 2; }
  mount -t proc proc "$root/proc" || { echo "fresh-machine: cannot mount /proc in $root" >&2; exit 2; }
  mounts+=("$root/proc")
  mkdir -p "$root/dev/pts"
  if mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null ||
     mount --bind /dev/pts "$root/dev/pts"; then
    mounts+=("$root/dev/pts")
  fi
  # The downloaded .debs are shared between chroots and runs (apt still checks each one).
  mkdir -p "$cache/apt-archives/partial" "$root/var/cache/apt/archives"
  mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" ||
    { echo "fresh-machine: cannot bind-mount the apt cache in $root" >&2; exit 2; }
  mounts+=("$root/var/cache/apt/archives")
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  # A network that intercepts TLS (a company proxy, a sandbox's egress) signs
  # with a CA of its own that the host trusts (/usr/local/share/ca-certificates)
  # and a fresh Debian does not: npm, run by the SARIF test, would refuse the
  # registry. That CA is the network's, not the project's: it goes in as
  # NODE_EXTRA_CA_CERTS, and nothing else of the host does.
  local extra="$root/etc/ssl/host-network-ca.pem"
  rm -f "$extra"
  for crt in /usr/local/share/ca-certificates/*.crt; do
    [ -f "$crt" ] || continue
    mkdir -p "$root/etc/ssl"
    cat "$crt" >>"$extra"
  done
}

# in_root NAME COMMAND: runs COMMAND with sh in /src/lessonlint of the chroot, with a clean environment.
in_root() {
  local ca=()
  [ ! -s "$dir/$1/etc/ssl/host-network-ca.pem" ] || ca=(NODE_EXTRA_CA_CERTS=/etc/ssl/host-network-ca.pem)
  chroot "$dir/$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb "${ca[@]}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    sh -c "cd /src/lessonlint && $2"
}

cmd1='sh ci/install-deps.sh && cmake -S . -B build -G Ninja && cmake --build build && ./build/lessonlint check examples/handbook'
cmd2='sh ci/install-deps.sh test && cmake -S . -B build -G Ninja -DLESSONLINT_WERROR=ON && cmake --build build && ctest --test-dir build --output-on-failure'

failures=0
results=()
# run_copy NAME: makes the chroot, copies the project in the NAME way, runs both commands.
run_copy() {
  local name="$1" root="$dir/$1" log1="$dir/logs/$1-quick-start-1.log" log2="$dir/logs/$1-quick-start-2.log" rc
  make_root "$name"
  mkdir -p "$root/src"
  case "$name" in
    clone)
      git -c safe.directory='*' clone -q --no-local "$repo" "$root/src/lessonlint"
      # HEAD may have moved since the start (a commit in the meantime): both copies are of $head_commit.
      if [ "$(git -C "$root/src/lessonlint" rev-parse HEAD)" != "$head_commit" ]; then
        git -C "$root/src/lessonlint" -c advice.detachedHead=false checkout -q "$head_commit"
      fi ;;
    archive) mkdir "$root/src/lessonlint" && git_ archive --format=tar "$head_commit" | tar -x -C "$root/src/lessonlint" ;;
  esac
  [ ! -e "$root/src/shared" ] || { echo "fresh-machine: $root/src/shared exists" >&2; exit 2; }
  echo "fresh-machine: [$name] /src/lessonlint is $( [ -d "$root/src/lessonlint/.git" ] && echo "a clone" || echo "an archive (no .git)") of $head_commit, alone in /src"

  echo "fresh-machine: [$name] \$ $cmd1"
  local start=$SECONDS
  rc=0; in_root "$name" "$cmd1" >"$log1" 2>&1 || rc=$?
  local summary1
  summary1="$(grep -E '^[0-9]+ errors?, ' "$log1" | tail -n 1 || true)"
  echo "fresh-machine: [$name] exit $rc (expected 1) after $((SECONDS - start)) s: ${summary1:-no lessonlint summary}"
  local expected1
  expected1="$(head -n 1 "$repo/tests/golden/handbook.summary.txt")"
  if [ "$rc" -eq 1 ] && [ "$summary1" = "$expected1" ]; then
    results+=("$name: command 1: exit 1 as expected ($summary1)")
  else
    failures=$((failures + 1))
    results+=("$name: command 1: exit $rc, ${summary1:-no lessonlint summary} (expected exit 1 with $expected1); log $log1")
    echo "fresh-machine: [$name] the last lines of $log1:"; tail -n 25 "$log1" | sed 's/^/    /'
  fi

  echo "fresh-machine: [$name] \$ $cmd2"
  start=$SECONDS
  rc=0; in_root "$name" "$cmd2" >"$log2" 2>&1 || rc=$?
  echo "fresh-machine: [$name] exit $rc (expected 0) after $((SECONDS - start)) s; ctest's summary:"
  local summary2
  summary2="$(sed -n '/tests passed, .* tests failed out of/,$p' "$log2")"
  if [ -n "$summary2" ]; then echo "$summary2" | sed 's/^/    /'; else echo "    (ctest did not run; the last lines of $log2:)"; tail -n 25 "$log2" | sed 's/^/    /'; fi
  # Why each skipped test skipped: its one line, from ctest's full log (--output-on-failure shows failures only).
  local lastlog="$root/src/lessonlint/build/Testing/Temporary/LastTest.log"
  if [ -f "$lastlog" ] && grep -q 'lessonlint-test: SKIPPED' "$lastlog"; then
    echo "    why they skipped:"
    grep -o 'lessonlint-test: SKIPPED: .*' "$lastlog" | sort -u | sed 's/^/      /'
  fi
  local passed
  passed="$(grep -E 'tests passed, .* tests failed out of' "$log2" | tail -n 1 || true)"
  if [ "$rc" -eq 0 ]; then
    results+=("$name: command 2: exit 0 as expected ($passed)")
  else
    failures=$((failures + 1))
    results+=("$name: command 2: exit $rc (expected 0) ${passed:+($passed)}; log $log2")
  fi
}

for name in clone archive; do
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  run_copy "$name"
done

echo
echo "fresh-machine: Debian bookworm minbase, lessonlint $head_commit"
for r in "${results[@]}"; do echo "  $r"; done
if [ $failures -eq 0 ]; then
  echo "fresh-machine: every result is the expected one"
  exit 0
fi
echo "fresh-machine: $failures result(s) not the expected one"
exit 1
