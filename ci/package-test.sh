#!/usr/bin/env bash
# Proves the Debian package on a fresh machine (issue 20): builds the package
# from a Release build, makes a fresh Debian bookworm chroot (debootstrap
# --variant=minbase), installs the package there with apt-get (which must pull
# in every library it needs), and runs `lessonlint check` on the example
# handbook inside it; the findings must be those the build tree's binary
# prints. Run as root; needs debootstrap and the network (a Debian mirror).
#   sudo bash ci/package-test.sh [--keep DIR]
# Environment: MIRROR (default http://deb.debian.org/debian).
# Not yet here: the portable binary (-DLESSONLINT_PORTABLE=ON does not exist yet).
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

step "a fresh bookworm chroot (debootstrap --variant=minbase)"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
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
echo "package-test: the portable binary is not tested: -DLESSONLINT_PORTABLE=ON does not exist yet"
