#!/bin/sh
# Installs what lessonlint needs from Debian's packages (bookworm).
#   sh ci/install-deps.sh        what the build needs
#   sh ci/install-deps.sh test   also what the test suite uses: git, node and
#                                npm (the SARIF validator), pre-commit, neovim
#                                (the editor the language server is tested with)
#   sh ci/install-deps.sh clang  also clang for the sanitized and fuzz builds
#                                (ci/sanitize.sh, ci/fuzz.sh): clang-14 does not
#                                pull in libclang-rt-14-dev (libFuzzer and the
#                                sanitizer runtimes); llvm brings llvm-symbolizer
#                                for readable stack traces
# Idempotent: when everything is present it changes nothing and does not touch
# the network.
set -eu

packages="build-essential cmake ninja-build pkg-config ccache help2man file
libgit2-dev libcmark-dev cmark libre2-dev libfmt-dev catch2
libyaml-cpp-dev libcli11-dev nlohmann-json3-dev"

want_test=no
for arg in "$@"; do
  case "$arg" in
    test) want_test=yes ;;
    clang) packages="$packages clang libclang-rt-14-dev llvm" ;;
    *) echo "install-deps: unknown group '$arg' (known: test, clang)" >&2; exit 2 ;;
  esac
done

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ "$want_test" = yes ]; then
  command -v git >/dev/null 2>&1 || missing="$missing git"
  command -v pre-commit >/dev/null 2>&1 || missing="$missing pre-commit"
  command -v nvim >/dev/null 2>&1 || missing="$missing neovim"
  # node and npm may come from elsewhere than Debian (a NodeSource build bundles
  # npm); only install them when the commands are missing.
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

if [ -z "$missing" ]; then
  echo "install-deps: everything is installed"
  exit 0
fi

echo "install-deps: installing$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
