#!/usr/bin/env bash
# The action's first step (action.yml): puts lessonlint on PATH for the rest
# of the job. Either the portable binary of a release (one file that needs
# only glibc, checked against the SHA-256 sum published beside it), or, with
# FROM_SOURCE=true, a build of the action's own source ($GITHUB_ACTION_PATH:
# the repository at the ref the workflow named).
# Environment: VERSION ("latest" or a tag), FROM_SOURCE, ACTION_REPOSITORY,
# LESSONLINT_RELEASES_URL (where the release's files are, instead of GitHub's
# release download address: a mirror, or the tests' file:// folder), and the
# runner's RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_ACTION_PATH.
set -euo pipefail
dest="$RUNNER_TEMP/lessonlint-bin"
mkdir -p "$dest"
if [ "${FROM_SOURCE:-false}" = true ]; then
  src="$GITHUB_ACTION_PATH"
  sh "$src/ci/install-deps.sh"
  cmake -S "$src" -B "$RUNNER_TEMP/lessonlint-build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLESSONLINT_TESTS=OFF
  cmake --build "$RUNNER_TEMP/lessonlint-build"
  install -m 755 "$RUNNER_TEMP/lessonlint-build/lessonlint" "$dest/lessonlint"
else
  if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "::error::lessonlint releases have a binary for x86-64 Linux; on $(uname -s) $(uname -m) set build-from-source: true"
    exit 1
  fi
  repo=${ACTION_REPOSITORY:-lessonlint/lessonlint}
  if [ -n "${LESSONLINT_RELEASES_URL:-}" ]; then
    url=$LESSONLINT_RELEASES_URL
  elif [ "${VERSION:-latest}" = latest ]; then
    url="https://github.com/$repo/releases/latest/download"
  else
    url="https://github.com/$repo/releases/download/$VERSION"
  fi
  fetch() {
    if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
    elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
    else echo "::error::neither curl nor wget is installed: cannot download lessonlint"; return 1
    fi
  }
  fetch "$url/lessonlint-x86_64-linux" "$dest/lessonlint" ||
    { echo "::error::could not download $url/lessonlint-x86_64-linux (is '$VERSION' a release of $repo?)"; exit 1; }
  fetch "$url/lessonlint-x86_64-linux.sha256" "$dest/lessonlint.sha256" ||
    { echo "::error::could not download the SHA-256 sum beside it"; exit 1; }
  want=$(cut -d' ' -f1 "$dest/lessonlint.sha256")
  have=$(sha256sum "$dest/lessonlint" | cut -d' ' -f1)
  if [ "$want" != "$have" ]; then
    echo "::error::the downloaded lessonlint does not match its SHA-256 sum ($have, expected $want)"
    exit 1
  fi
  chmod 755 "$dest/lessonlint"
fi
echo "$dest" >>"$GITHUB_PATH"
version=$("$dest/lessonlint" --version)
echo "version=$version" >>"$GITHUB_OUTPUT"
echo "$version"
