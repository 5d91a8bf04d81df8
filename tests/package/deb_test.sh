#!/usr/bin/env bash
# Builds the Debian package from a build tree and checks it as a user would
# find it: the file name, the dependencies dpkg-shlibdeps computed, the files
# it installs, a man page that opens, and a binary that runs.
#   bash tests/package/deb_test.sh BUILD_DIR [CPACK]
# Exit 77 (ctest: skipped) without dpkg-deb, dpkg-shlibdeps, file or help2man's page.
set -euo pipefail
build=$1
cpack=${2:-cpack}
# cpack's DEB generator runs dpkg-shlibdeps (dpkg-dev) and `file` (to find the binaries).
for tool in dpkg-deb dpkg-shlibdeps file; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "lessonlint-test: SKIPPED: $tool is not installed (sh ci/install-deps.sh installs it), so no package was built"
    exit 77
  fi
done
if [ ! -f "$build/lessonlint.1.gz" ]; then
  echo "lessonlint-test: SKIPPED: no man page in $build (help2man was not found at configure time: sh ci/install-deps.sh installs it)"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "deb_test: FAILED: $*" >&2; exit 1; }

(cd "$build" && "$cpack" -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack -G DEB"; }
version=$("$build/lessonlint" --version | awk '{print $2}')
deb="$out/lessonlint_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb (built: $(ls "$out"/*.deb 2>/dev/null))"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in git libgit2 libcmark libre2 libyaml-cpp libfmt libstdc++6 libc6; do
  case "$depends" in *"$lib"*) ;; *) fail "Depends lacks $lib: $depends" ;; esac
done

files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/lessonlint ./usr/share/man/man1/lessonlint.1.gz ./usr/share/doc/lessonlint/README.md \
         ./usr/share/doc/lessonlint/CHANGELOG.md ./usr/share/lessonlint/hooks/pre-commit; do
  echo "$files" | grep -qx "$f" || fail "the package lacks $f"
done

dpkg-deb -x "$deb" "$out/root"
"$out/root/usr/bin/lessonlint" --version | grep -q "^lessonlint $version " || fail "the packaged binary's --version"
page=$(gzip -dc "$out/root/usr/share/man/man1/lessonlint.1.gz")
for word in '.SH NAME' 'lessonlint \\- lint postmortems' 'check' 'server' '.SH FILES'; do
  echo "$page" | grep -q -- "$word" || fail "the man page lacks '$word'"
done
echo "deb_test: $(basename "$deb"), $(stat -c %s "$deb") bytes; Depends: $depends"
