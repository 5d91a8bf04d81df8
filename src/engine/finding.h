#pragma once
// What the engine produces and every reporter reads.

#include <string>
#include <vector>

#include "classify/kinds.h"
#include "rules/severity.h"

namespace lessonlint {

struct Finding {
  std::string rule_id;
  Severity severity = Severity::Warning;
  std::string path;  // as shown to the user
  std::string rel;   // relative to the root, forward slashes (SARIF, fingerprints)
  int line = 1, column = 1, end_line = 1, end_column = 1;  // 1-based; columns in UTF-16 code units, end exclusive
  std::string message;
  std::string snippet;      // the flagged line(s)
  std::string fingerprint;  // stable across edits elsewhere in the file
  bool suppressed = false;  // silenced by an inline comment (kept for SARIF)
  std::string suppression_reason;
  bool baselined = false;
};

struct FileResult {
  std::string path;
  std::string rel;
  std::string kind = "other";  // a kind id
  KindRole role = KindRole::Other;
  std::string template_of;     // for a template: the kind whose structure it carries
  std::string reason;          // why this kind
  double confidence = 1.0;
  bool parsed = true;  // false when skipped (too large, binary, unreadable)
};

struct RunResult {
  std::vector<Finding> findings;  // sorted by path, line, column, rule
  std::vector<FileResult> files;  // sorted by path
};

// Orders findings by path, line, column, rule id, message.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace lessonlint
