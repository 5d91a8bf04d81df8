#include "audit/init.h"

#include <fmt/format.h>

#include <filesystem>

#include "source/source.h"
#include "util/atomic_file.h"

namespace lessonlint {

namespace fs = std::filesystem;

const char* const kConfigTemplate = R"yaml(# lessonlint configuration. Every key is optional: uncomment what you need.
# lessonlint finds this file by walking up from the working directory to the
# repository root (or use --config FILE). Globs and folders are relative to
# this file's folder. Unknown keys and unknown rule ids are errors.

# Extra folders of rule files (a rule with a built-in id replaces it).
# rules: [lint-rules]

# Rules to turn off, and rules that are off by default to turn on.
# `lessonlint rules` lists them; `lessonlint explain RULE` tells why each matters.
# disable: [postmortem/too-long]
# enable: []

# A rule's severity: error, warning or note.
# severity:
#   learning-review/vague-audience: error

# Which Markdown files to check (default: every one), and which to skip.
# include: ["handbook/**"]
# exclude: ["handbook/archive/**"]

# Globs per kind, consulted before the folder and title conventions
# (postmortems/, incidents/, learning-reviews/, lessons/, "Postmortem: ..." titles).
# kinds:
#   postmortem: ["ops/reports/*.md"]
#   learning-review: ["ops/lessons/*.md"]

# Different rules for some files.
# overrides:
#   - files: ["handbook/2019/**"]
#     disable: [postmortem/action-item-owner]

# Where learning reviews are shared: a review's distribution must name one of these.
# channels: ["#eng-learning", "Engineering newsletter", "all-hands"]

# The organisation's teams: every team an audience names must be one of these.
# teams: [Payments, Ledger, Search]

# A rule's parameters, without copying the rule.
# options:
#   learning-review/too-long: {max: 1500}

# Larger files are reported and not parsed.
# max-file-size: 10MB
)yaml";

const char* const kPostmortemTemplate = R"md(---
# A template. Copy it to postmortems/YYYY-MM-DD-short-name.md and change the
# type to `postmortem` (lessonlint leaves files of type template alone).
type: template
date: YYYY-MM-DD
---

# Postmortem: what broke, in a few words

<!-- A postmortem is for the team that owns the service and the adjacent on-callers:
specific, technical, with action items. Lessons for the rest of the organisation
belong in a separate learning review (see the last section), not here. -->

## Summary

What happened and what users saw, in three or four sentences.

## Impact

Who was affected and for how long: which customers, which requests, error rates, orders or money lost.

## Timeline

All times UTC, minute by minute: what happened, who noticed, what was done.

- HH:MM: the first sign of trouble
- HH:MM: the alert fires; who acknowledges it
- HH:MM: mitigated; how

## Technical analysis

The actual code, configuration or system change that caused this, and the contributing factors.

## Action items

Each item has an owner and a due date.

- What will change: Owner: @someone, due YYYY-MM-DD

## Lessons learned

For this team: what went well, what went wrong, where we got lucky.

## Should this generate a learning review?

Would another team benefit from this learning even though they don't share our service?
If yes, write a separate learning review (`lessonlint extract` drafts one from a section
of this postmortem) and link it here. If no, say why: the postmortem is enough.
Roughly one postmortem in five earns a learning review; most incidents teach only the team.
)md";

const char* const kLearningReviewTemplate = R"md(---
# A template. Copy it to learning-reviews/short-name.md and change the type to
# `learning-review` (lessonlint leaves files of type template alone).
type: template
postmortems: [../postmortems/YYYY-MM-DD-short-name.md]
audience: "Teams that share what made this happen, for example teams running migrations on tables over 50M rows"
distribution: "#channel, newsletter or all-hands where this will be shared"
---

# Learning review: the lesson, in a few words

<!-- For people who were not there: one or two pages, light on play-by-play,
heavy on what we now believe. The postmortem holds the details. -->

## What we used to believe

The assumption the incident violated: "we assumed X was always true".

## What we now believe

The updated mental model: what we now believe that we did not believe a month ago.

## Where else this applies

Which teams should care even though they were not involved, named by what they share.
)md";

InitOutcome run_init(const std::string& root, bool force) {
  InitOutcome outcome;
  struct File {
    const char* rel;
    const char* text;
  };
  const File files[] = {{".lessonlint.yaml", kConfigTemplate},
                        {"templates/postmortem.md", kPostmortemTemplate},
                        {"templates/learning-review.md", kLearningReviewTemplate}};
  for (const auto& f : files) {
    fs::path path = fs::path(root) / f.rel;
    std::error_code ec;
    bool exists = fs::exists(fs::symlink_status(path, ec));
    if (exists && !force) {
      outcome.lines.push_back(
          fmt::format("Kept {}: it already exists (--force replaces it, keeping a backup as {}.bak)", f.rel, f.rel));
      continue;
    }
    if (exists) {
      auto current = read_file(path.string());
      if (current && *current == f.text) {
        outcome.lines.push_back(fmt::format("Kept {}: it is already lessonlint's current version", f.rel));
        continue;
      }
      if (fs::is_symlink(fs::symlink_status(path, ec)) || !fs::is_regular_file(path, ec)) {
        outcome.lines.push_back(fmt::format("Kept {}: not a regular file, so not replaced", f.rel));
        outcome.ok = false;
        continue;
      }
      if (auto e = copy_file_atomically(path.string(), path.string() + ".bak", true)) {
        outcome.lines.push_back(fmt::format("Kept {}: cannot back it up: {}", f.rel, e->to_string()));
        outcome.ok = false;
        continue;
      }
      if (auto e = write_file_atomically(path.string(), f.text, AtomicWrite::replacing())) {
        outcome.lines.push_back(fmt::format("Could not replace {}: {}", f.rel, e->to_string()));
        outcome.ok = false;
        continue;
      }
      outcome.lines.push_back(fmt::format("Replaced {} (the previous version is in {}.bak)", f.rel, f.rel));
      continue;
    }
    if (auto e = write_file_atomically(path.string(), f.text, {})) {
      outcome.lines.push_back(fmt::format("Could not write {}: {}", f.rel, e->to_string()));
      outcome.ok = false;
      continue;
    }
    outcome.lines.push_back(fmt::format("Wrote {}", f.rel));
  }
  return outcome;
}

}  // namespace lessonlint
