#include "report/classification.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lessonlint {

void write_classification_text(std::ostream& out, const std::vector<ClassifiedFile>& files) {
  for (const auto& f : files) {
    const Classification& c = f.classification;
    out << fmt::format("{}: {} ({})\n", f.path, c.kind, c.reason);
  }
}

void write_classification_json(std::ostream& out, const std::vector<ClassifiedFile>& files) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& f : files) {
    const Classification& c = f.classification;
    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (const auto& s : c.scores)
      scores[s.kind] = {{"score", s.score}, {"threshold", s.threshold}, {"candidate", s.candidate}};
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
    for (const auto& e : c.evidence) {
      nlohmann::ordered_json item = {{"kind", std::string(e.kind)},
                                     {"signal", std::string(e.signal)},
                                     {"type", std::string(signal_type_name(e.type))},
                                     {"detail", e.detail},
                                     {"weight", e.weight}};
      if (e.line > 0) item["line"] = e.line;
      evidence.push_back(std::move(item));
    }
    nlohmann::ordered_json item = {{"path", f.path},
                                   {"kind", c.kind},
                                   {"role", std::string(role_name(c.role))}};
    if (!c.template_of.empty()) item["template_of"] = c.template_of;
    item["confidence"] = c.confidence;
    item["decided_by"] = c.decisive ? "front matter or configuration" : "evidence";
    item["reason"] = c.reason;
    item["scores"] = std::move(scores);
    item["evidence"] = std::move(evidence);
    all.push_back(std::move(item));
  }
  out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lessonlint
