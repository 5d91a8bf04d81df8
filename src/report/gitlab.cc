// GitLab Code Quality report: the subset of the CodeClimate issue format that
// GitLab reads (description, check_name, fingerprint, severity, location).
// GitLab compares fingerprints between the source and target branch reports to
// show what a merge request introduced, so the engine's stable fingerprint is
// used as is.

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace lessonlint {

namespace {

// GitLab's severities are info, minor, major, critical and blocker. An error is
// a postmortem or review that fails its purpose: critical. A warning weakens
// it: major. A note is advice: info. Nothing maps to minor or blocker.
const char* gitlab_severity(Severity s) {
  switch (s) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "major";
    case Severity::Note: return "info";
  }
  return "info";
}

}  // namespace

void write_gitlab(std::ostream& out, const RunResult& result) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    if (f.suppressed || f.baselined) continue;
    issues.push_back({{"description", f.message},
                      {"check_name", f.rule_id},
                      {"fingerprint", f.fingerprint},
                      {"severity", gitlab_severity(f.severity)},
                      {"location", {{"path", f.rel.empty() ? f.path : f.rel}, {"lines", {{"begin", f.line}}}}}});
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lessonlint
