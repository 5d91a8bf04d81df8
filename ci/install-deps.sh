#!/bin/sh
# Installs what lessonlint needs to build and test, from Debian's packages.
# Idempotent: when every package is already present it changes nothing and
# does not touch the network.
set -eu

packages="build-essential cmake ninja-build pkg-config ccache git
libgit2-dev libcmark-dev cmark libre2-dev libfmt-dev catch2
libyaml-cpp-dev libcli11-dev nlohmann-json3-dev"

# Extra groups: LESSONLINT_DEPS="test" adds what the test suite uses beyond
# the build (the pre-commit framework, node for the SARIF validator).
case " ${LESSONLINT_DEPS:-} " in
  *" test "*) packages="$packages pre-commit nodejs" ;;
esac

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all build dependencies present"
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
