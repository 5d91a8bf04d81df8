// GitHub Actions workflow commands. The runner parses "::level props::data"
// lines from a step's output into annotations; escaping follows
// @actions/core (toolkit packages/core/src/command.ts) byte for byte.

#include <string_view>

#include "report/report.h"

namespace lessonlint {

namespace {

// escapeData: the message after "::".
std::string escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

// escapeProperty: a property value, where ":" and "," are syntax too.
std::string escape_property(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "notice";
  }
  return "notice";
}

}  // namespace

void write_github(std::ostream& out, const RunResult& result) {
  for (const auto& f : result.findings) {
    if (f.suppressed || f.baselined) continue;
    // Actions resolves `file` against the workspace (the repository root), so
    // the root-relative path is the one that lands on the right file.
    const std::string& file = f.rel.empty() ? f.path : f.rel;
    std::string props = "file=" + escape_property(file) + ",line=" + std::to_string(f.line);
    // Columns are only accepted on a single-line annotation.
    if (f.end_line == f.line)
      props += ",col=" + std::to_string(f.column) + ",endLine=" + std::to_string(f.end_line) +
               ",endColumn=" + std::to_string(f.end_column);
    else
      props += ",endLine=" + std::to_string(f.end_line);
    props += ",title=" + escape_property(f.rule_id);
    out << "::" << command_name(f.severity) << ' ' << props << "::" << escape_data(f.message) << '\n';
  }
}

}  // namespace lessonlint
