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
  bool baseline = false;  // a baseline file is in use: SARIF results then carry baselineState
};

struct Counts {
  int errors = 0, warnings = 0, notes = 0, suppressed = 0, baselined = 0;
  int postmortems = 0, reviews = 0, templates = 0, files = 0;
};
Counts count(const RunResult& result);

// path:line:col: severity: message [rule-id]
void write_text(std::ostream& out, const RunResult& result, bool color);
// "2 errors, 1 warning in 5 files (3 postmortems, 1 learning review)"
std::string summary_line(const RunResult& result);
void write_json(std::ostream& out, const RunResult& result, const RuleSet& rules);

// SARIF 2.1.0 for GitHub code scanning and SARIF viewers: one run listing every
// rule (so an empty run still documents them) and every finding, suppressed and
// baselined ones included but marked, since code scanning tracks their state.
void write_sarif(std::ostream& out, const RunResult& result, const RuleSet& rules, const RunInfo& info);
// GitHub Actions workflow commands ("::error file=...::message"), one per finding
// still in force, so a workflow step annotates the diff without a SARIF upload.
void write_github(std::ostream& out, const RunResult& result);
// GitLab Code Quality (a CodeClimate subset) JSON array for merge-request widgets;
// findings still in force only.
void write_gitlab(std::ostream& out, const RunResult& result);
// JUnit XML for CI test-report views: a test case per checked file, a failure per
// finding still in force.
void write_junit(std::ostream& out, const RunResult& result);

}  // namespace lessonlint
