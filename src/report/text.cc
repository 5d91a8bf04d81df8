#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/report.h"

namespace lessonlint {

Counts count(const RunResult& result) {
  Counts c;
  for (const auto& f : result.findings) {
    if (f.suppressed) {
      ++c.suppressed;
      continue;
    }
    if (f.baselined) {
      ++c.baselined;
      continue;
    }
    if (f.severity == Severity::Error) ++c.errors;
    else if (f.severity == Severity::Warning) ++c.warnings;
    else ++c.notes;
  }
  for (const auto& file : result.files) {
    ++c.files;
    if (file.role == KindRole::Postmortem) ++c.postmortems;
    if (file.role == KindRole::LearningReview) ++c.reviews;
    if (file.role == KindRole::Template) ++c.templates;
  }
  return c;
}

namespace {
std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }
}  // namespace

void write_text(std::ostream& out, const RunResult& result, bool color) {
  const char* reset = color ? "\033[0m" : "";
  const char* bold = color ? "\033[1m" : "";
  const char* dim = color ? "\033[2m" : "";
  for (const auto& f : result.findings) {
    if (f.suppressed || f.baselined) continue;
    const char* sev_color = "";
    if (color)
      sev_color = f.severity == Severity::Error ? "\033[31m" : f.severity == Severity::Warning ? "\033[33m" : "\033[36m";
    out << fmt::format("{}{}:{}:{}{}: {}{}{}: {} {}[{}]{}\n", bold, f.path, f.line, f.column, reset, sev_color,
                       severity_name(f.severity), reset, f.message, dim, f.rule_id, reset);
  }
}

std::string summary_line(const RunResult& result) {
  Counts c = count(result);
  std::string files = fmt::format("{} ({}, {}", plural(c.files, "file", "files"),
                                  plural(c.postmortems, "postmortem", "postmortems"),
                                  plural(c.reviews, "learning review", "learning reviews"));
  if (c.templates) files += ", " + plural(c.templates, "template", "templates");
  files += ")";
  std::string s;
  if (c.errors + c.warnings + c.notes == 0) {
    s = fmt::format("No problems in {}", files);
  } else {
    std::vector<std::string> parts;
    if (c.errors) parts.push_back(plural(c.errors, "error", "errors"));
    if (c.warnings) parts.push_back(plural(c.warnings, "warning", "warnings"));
    if (c.notes) parts.push_back(plural(c.notes, "note", "notes"));
    s = fmt::format("{} in {}", fmt::join(parts, ", "), files);
  }
  if (c.suppressed) s += fmt::format("; {} suppressed inline", c.suppressed);
  if (c.baselined) s += fmt::format("; {} in the baseline", c.baselined);
  return s;
}

}  // namespace lessonlint
