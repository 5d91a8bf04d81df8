#pragma once
// Baselines let a team adopt lessonlint on an existing archive of postmortems:
// findings recorded in a baseline file (by fingerprint) are reported as known
// rather than failing the run, and only new ones count. Fingerprints survive
// edits elsewhere in a file, so the baseline stays valid while documents change.

#include <set>
#include <string>

#include "engine/finding.h"
#include "util/expected.h"

namespace lessonlint {

// The fingerprints in a baseline file written by baseline_json. A missing or
// unreadable file, malformed JSON or an unexpected shape is an Error naming the
// file (with line and column for JSON syntax errors).
Expected<std::set<std::string>> read_baseline(const std::string& path);

// A baseline file for every finding not suppressed inline (baselined ones
// included, so regenerating keeps them): {"version":1,"tool":"lessonlint",
// "fingerprints":[{"fingerprint","rule","path"},...]}, sorted by path, rule and
// fingerprint, one entry per fingerprint, so regenerating it gives small diffs.
std::string baseline_json(const RunResult& result);

// Marks the unsuppressed findings whose fingerprint is in the baseline
// (Finding::baselined) and returns how many it marked. Inline-suppressed
// findings are already silenced and left alone.
int apply_baseline(RunResult& result, const std::set<std::string>& fingerprints);

}  // namespace lessonlint
