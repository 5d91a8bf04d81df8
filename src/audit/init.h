#pragma once
// `lessonlint init`: a commented .lessonlint.yaml and two templates (a
// postmortem that asks "Should this generate a learning review?", and a
// learning review with its three sections), never overwriting without --force.

#include <optional>
#include <string>
#include <vector>

#include "util/expected.h"

namespace lessonlint {

extern const char* const kConfigTemplate;              // .lessonlint.yaml
extern const char* const kPostmortemTemplate;          // templates/postmortem.md
extern const char* const kLearningReviewTemplate;      // templates/learning-review.md

struct InitOutcome {
  std::vector<std::string> lines;  // one per file: written, kept or backed up
  bool ok = true;
};

// Writes the three files under `root`. Existing files are kept unless `force`,
// which first copies each to FILE.bak.
InitOutcome run_init(const std::string& root, bool force);

}  // namespace lessonlint
