#!/usr/bin/env bash
# Proves the Debian package and the portable binary on fresh machines (issue
# 20): builds the package from a Release build and the portable binary
# (-DLESSONLINT_PORTABLE=ON), makes a fresh Debian bookworm chroot
# (debootstrap --variant=minbase) and a copy of it, installs the package in
# the first with apt-get (which must pull in every library it needs) and only
# the portable binary in the second (where none of the libraries is), and in
# each runs `lessonlint check` on the example handbook; in the second also the
# language server's `initialize` and `audit` on a small git repository. Each
# must print what the build tree's binary prints. Run as root; needs
# debootstrap and the network (a Debian mirror).
#   sudo bash ci/package-test.sh [--keep DIR]
# Environment: MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
keep=""
if [ "${1:-}" = "--keep" ]; then keep=${2:?--keep needs a folder}; fi
mirror=${MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "package-test: run as root (debootstrap and chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "package-test: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 2; }

work=${keep:-$(mktemp -d)}
mkdir -p "$work"
chroot_dir="$work/bookworm"
cleanup() {
  mountpoint -q "$chroot_dir/proc" 2>/dev/null && umount "$chroot_dir/proc" || true
  mountpoint -q "$work/bookworm-portable/proc" 2>/dev/null && umount "$work/bookworm-portable/proc" || true
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== package-test: $1 (at ${SECONDS} s)"; }

step "a Release build and its package"
sh ci/install-deps.sh >/dev/null
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/lessonlint-ccache}"
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_TESTS=OFF >/dev/null
cmake --build build-package >/dev/null
(cd build-package && cpack -G DEB -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/lessonlint_*_amd64.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes); Depends: $(dpkg-deb -f "$deb" Depends)"

step "the portable binary"
cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_PORTABLE=ON -DLESSONLINT_TESTS=OFF >/dev/null
cmake --build build-portable >/dev/null
strip -o "$work/lessonlint-portable" build-portable/lessonlint
echo "built lessonlint-portable ($(stat -c %s "$work/lessonlint-portable") bytes, stripped); it needs:"
readelf -d "$work/lessonlint-portable" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/  \1/p'

step "a fresh bookworm chroot (debootstrap --variant=minbase), and a copy of it"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
portable_dir="$work/bookworm-portable"
cp -a "$chroot_dir" "$portable_dir"
mount -t proc proc "$chroot_dir/proc"
for lib in libgit2-1.5 libcmark0.30.2 libre2-9 libyaml-cpp0.7 libfmt9; do
  if chroot "$chroot_dir" dpkg-query -W "$lib" >/dev/null 2>&1; then echo "package-test: $lib is already in the chroot" >&2; exit 1; fi
done

step "apt-get install ./$(basename "$deb") in the chroot"
cp "$deb" "$chroot_dir/tmp/"
chroot "$chroot_dir" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/$(basename "$deb")" \
  >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; exit 1; }
chroot "$chroot_dir" dpkg-query -W -f '${Package} ${Version}\n' lessonlint libgit2-1.5 libcmark0.30.2 libre2-9 libyaml-cpp0.7 libfmt9 git

step "lessonlint check on the example handbook, inside and outside"
# The same layout on both sides (a folder of its own, outside any repository):
# paths, and so fingerprints, are relative to it.
cp -r examples/handbook "$chroot_dir/tmp/handbook"
cp -r examples/handbook "$work/handbook"
inside=$(chroot "$chroot_dir" sh -c "cd /tmp/handbook && lessonlint check . --format json --fail-on never")
outside=$(cd "$work/handbook" && "$root/build-package/lessonlint" check . --format json --fail-on never)
chroot "$chroot_dir" sh -c "cd /tmp/handbook && lessonlint check ." || true
chroot "$chroot_dir" lessonlint --version
chroot "$chroot_dir" sh -c "man -w lessonlint 2>/dev/null || ls /usr/share/man/man1/lessonlint.1.gz"
if [ "$inside" != "$outside" ]; then
  diff <(echo "$outside") <(echo "$inside") | head -40
  echo "package-test: FAILED: the packaged lessonlint reports differently from the build tree's" >&2
  exit 1
fi
echo "package-test: the .deb installs on a fresh bookworm with apt-get and reports what the build tree's binary reports"

step "the portable binary alone, in a chroot with none of the libraries"
mount -t proc proc "$portable_dir/proc"
for lib in libgit2-1.5 libcmark0.30.2 libre2-9 libyaml-cpp0.7 libfmt9; do  # (apt itself needs libstdc++6: ldd says the binary does not)
  if chroot "$portable_dir" dpkg-query -W "$lib" >/dev/null 2>&1; then
    echo "package-test: $lib is installed in the portable binary's chroot" >&2
    exit 1
  fi
done
cp "$work/lessonlint-portable" "$portable_dir/usr/local/bin/lessonlint"
needs=$(chroot "$portable_dir" ldd /usr/local/bin/lessonlint)
echo "$needs"
if echo "$needs" | grep -v -E 'linux-vdso|libc\.so|libm\.so|ld-linux' | grep -q .; then
  echo "package-test: FAILED: the portable binary needs more than glibc" >&2
  exit 1
fi
cp -r examples/handbook "$portable_dir/tmp/handbook"
portable=$(chroot "$portable_dir" sh -c "cd /tmp/handbook && lessonlint check . --format json --fail-on never")
if [ "$portable" != "$outside" ]; then
  diff <(echo "$outside") <(echo "$portable") | head -40
  echo "package-test: FAILED: the portable binary reports differently from the build tree's" >&2
  exit 1
fi
body='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
reply=$(printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body" | chroot "$portable_dir" lessonlint server || true)
case "$reply" in *'"serverInfo":{"name":"lessonlint"'*) echo "server: initialize answered" ;;
  *) echo "package-test: FAILED: lessonlint server's initialize: $reply" >&2; exit 1 ;; esac
# A small history for the audit, made here (the chroot has no git): libgit2 reads
# it there. The report's "root" is where it ran, so it is left out of the comparison.
repo="$work/audit-repo"
git init -q "$repo"
cp -r examples/handbook/postmortems "$repo/"
git -C "$repo" -c user.name=t -c user.email=t@example.com add -A
GIT_AUTHOR_DATE=2026-04-20T10:00:00Z GIT_COMMITTER_DATE=2026-04-20T10:00:00Z \
  git -C "$repo" -c user.name=t -c user.email=t@example.com commit -qm "postmortems"
cp -r "$repo" "$portable_dir/tmp/audit-repo"
audit_outside=$(cd "$repo" && "$root/build-package/lessonlint" audit --format json | grep -v '^  "root": ')
audit_inside=$(chroot "$portable_dir" sh -c "cd /tmp/audit-repo && lessonlint audit --format json" | grep -v '^  "root": ')
if [ "$audit_inside" != "$audit_outside" ] || [ -z "$audit_inside" ]; then
  diff <(echo "$audit_outside") <(echo "$audit_inside") | head -40
  echo "package-test: FAILED: the portable binary's audit differs" >&2
  exit 1
fi
chroot "$portable_dir" lessonlint --version
echo "package-test: the portable binary runs with glibc alone and reports what the build tree's binary reports (check, server, audit)"
