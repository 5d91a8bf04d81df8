#pragma once
// Reporters: one function per format. They see findings, rule metadata and
// run metadata, nothing else.

#include <ostream>
#include <string>

#include "engine/finding.h"
#include "rules/loader.h"

namespace lessonlint {

struct RunInfo {
  std::string root;      // absolute root folder (repository working tree or working directory)
  std::string category;  // --category
  std::string repository_uri, revision, branch;  // from git, when known
  bool success = true;   // the run itself worked (no tool error)
  std::string command_line;
};

struct Counts {
  int errors = 0, warnings = 0, notes = 0, suppressed = 0, baselined = 0;
  int postmortems = 0, reviews = 0, files = 0;
};
Counts count(const RunResult& result);

// path:line:col: severity: message [rule-id]
void write_text(std::ostream& out, const RunResult& result, bool color);
// "2 errors, 1 warning in 5 files (3 postmortems, 1 learning review)"
std::string summary_line(const RunResult& result);
void write_json(std::ostream& out, const RunResult& result, const RuleSet& rules);

}  // namespace lessonlint
