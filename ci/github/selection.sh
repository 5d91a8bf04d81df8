#!/usr/bin/env bash
# The action's choice of files (action.yml), for every `lessonlint check` it
# runs: MODE=changed checks what changed since the merge base with BASE (a pull
# request's base branch; actions/checkout must fetch the history, fetch-depth:
# 0), MODE=all every Markdown file. Sets LESSONLINT_SELECTION for the job's
# later steps. Outside a pull request there is no base branch: every file.
set -euo pipefail
case "${MODE:-changed}" in
  changed)
    if [ -z "${BASE:-}" ]; then
      echo "::notice::no base branch to compare with (not a pull request, and no 'base' input): checking every Markdown file"
      selection=""
    else
      selection="--changed-since origin/$BASE"
    fi
    ;;
  all) selection="" ;;
  *) echo "::error::mode must be 'changed' or 'all', not '$MODE'"; exit 1 ;;
esac
echo "LESSONLINT_SELECTION=$selection" >>"$GITHUB_ENV"
echo "lessonlint checks: ${selection:-every Markdown file}"
