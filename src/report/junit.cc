// JUnit XML, the lowest common denominator of CI test-report views (GitLab,
// Jenkins, Azure Pipelines, CircleCI): each checked file is a test case that
// fails when a finding is still in force.

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace lessonlint {

namespace {

// Length of the well-formed UTF-8 sequence at s[i] and its code point, or 0
// when the bytes there are not one (stray continuation, overlong form,
// surrogate, truncated sequence, beyond U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t len;
  std::uint32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1Fu, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0Fu, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Text safe for XML 1.0 character data or a double- or single-quoted
// attribute: the five special characters as entities, control characters (C0
// but tab and line breaks, DEL, C1) and the non-characters U+FFFE/U+FFFF
// removed since XML forbids or parsers reject them, malformed UTF-8 as U+FFFD.
// In attributes, tab and line breaks become character references, which
// attribute-value normalisation would otherwise turn into spaces.
std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::string_view seq = s.substr(i, len);
    i += len;
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;  // a literal one would be normalised away
      default: break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) continue;
    out += seq;
  }
  return out;
}

struct Case {
  std::string name;
  std::string classname;
  std::vector<const Finding*> failures;
};

}  // namespace

void write_junit(std::ostream& out, const RunResult& result) {
  // One case per checked file, in the files' order; a finding on a file the
  // run did not list (should not happen) still gets a case rather than vanish.
  std::vector<Case> cases;
  std::map<std::string, std::size_t> by_rel;
  for (const auto& file : result.files) {
    by_rel.emplace(file.rel.empty() ? file.path : file.rel, cases.size());
    cases.push_back({file.path, file.kind, {}});
  }
  for (const auto& f : result.findings) {
    if (f.suppressed || f.baselined) continue;
    auto [it, inserted] = by_rel.emplace(f.rel.empty() ? f.path : f.rel, cases.size());
    if (inserted) cases.push_back({f.path, std::string("other"), {}});
    cases[it->second].failures.push_back(&f);
  }

  // "failures" counts failed test cases, as the JUnit schema defines it, so
  // tests - failures stays the number that passed.
  std::size_t failed = 0;
  for (const auto& c : cases) failed += c.failures.empty() ? 0 : 1;

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuite name=\"lessonlint\" tests=\"{}\" failures=\"{}\">\n", cases.size(), failed);
  for (const auto& c : cases) {
    out << fmt::format("  <testcase classname=\"{}\" name=\"{}\"", xml_escape(c.classname, true),
                       xml_escape(c.name, true));
    if (c.failures.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const Finding* f : c.failures) {
      std::string_view severity = severity_name(f->severity);
      out << fmt::format("    <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                         xml_escape(f->rule_id + ": " + f->message, true), severity,
                         xml_escape(fmt::format("{}:{}:{}: {}: {} [{}]", f->path, f->line, f->column, severity,
                                                f->message, f->rule_id),
                                    false));
    }
    out << "  </testcase>\n";
  }
  out << "</testsuite>\n";
}

}  // namespace lessonlint
