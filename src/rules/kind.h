#pragma once
// Document kinds and finding severities: the two small vocabularies that rules,
// configuration and reports share.

#include <optional>
#include <string>
#include <string_view>

namespace lessonlint {

enum class Kind { Postmortem, LearningReview, Other };
enum class Severity { Note = 0, Warning = 1, Error = 2 };

std::string_view kind_name(Kind k);                      // "postmortem", "learning-review", "other"
std::optional<Kind> parse_kind(std::string_view name);   // the names above
std::string_view severity_name(Severity s);              // "error", "warning", "note"
std::optional<Severity> parse_severity(std::string_view name);  // also accepts "info" for note

}  // namespace lessonlint
