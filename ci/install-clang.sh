#!/bin/sh
# Installs clang and what the sanitized build needs beside it (Debian bookworm):
# clang-14 does not pull in libclang-rt-14-dev (libFuzzer and the sanitizer
# runtimes); llvm brings llvm-symbolizer for readable stack traces.
# Used by ci/sanitize.sh and ci/fuzz.sh. Idempotent: when everything is present
# it changes nothing and does not touch the network.
set -eu

missing=""
for p in clang libclang-rt-14-dev llvm; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -n "$missing" ] || exit 0

echo "install-clang: installing$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
