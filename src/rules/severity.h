#pragma once
// Finding severities: the small vocabulary that rules, configuration and
// reports share. (Kinds of documents are data: src/classify/kinds.h.)

#include <optional>
#include <string_view>

namespace lessonlint {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

std::string_view severity_name(Severity s);                     // "error", "warning", "note"
std::optional<Severity> parse_severity(std::string_view name);  // also accepts "info" for note

}  // namespace lessonlint
