#include <nlohmann/json.hpp>

#include "report/report.h"
#include "util/version.h"

namespace lessonlint {

void write_json(std::ostream& out, const RunResult& result, const RuleSet& rules) {
  (void)rules;
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : result.findings) {
    if (f.suppressed || f.baselined) continue;
    findings.push_back({{"path", f.path},
                        {"line", f.line},
                        {"column", f.column},
                        {"end_line", f.end_line},
                        {"end_column", f.end_column},
                        {"severity", std::string(severity_name(f.severity))},
                        {"rule", f.rule_id},
                        {"message", f.message},
                        {"fingerprint", f.fingerprint}});
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : result.files)
    files.push_back({{"path", f.path}, {"kind", f.kind}, {"reason", f.reason}, {"confidence", f.confidence}});
  Counts c = count(result);
  nlohmann::ordered_json doc = {
      {"version", LESSONLINT_VERSION},
      {"summary",
       {{"errors", c.errors},
        {"warnings", c.warnings},
        {"notes", c.notes},
        {"suppressed", c.suppressed},
        {"baselined", c.baselined},
        {"files", c.files},
        {"postmortems", c.postmortems},
        {"learning_reviews", c.reviews},
        {"templates", c.templates}}},
      {"findings", findings},
      {"files", files}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lessonlint
