#include "rules/kind.h"

namespace lessonlint {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Postmortem: return "postmortem";
    case Kind::LearningReview: return "learning-review";
    case Kind::Other: return "other";
  }
  return "other";
}

std::optional<Kind> parse_kind(std::string_view name) {
  if (name == "postmortem") return Kind::Postmortem;
  if (name == "learning-review") return Kind::LearningReview;
  if (name == "other") return Kind::Other;
  return std::nullopt;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "note";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning") return Severity::Warning;
  if (name == "note" || name == "info") return Severity::Note;
  return std::nullopt;
}

}  // namespace lessonlint
