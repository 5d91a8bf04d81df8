// Runs the hand-written fixtures in tests/fixtures/mission/: each file names
// its rule (<!-- fixture-rule: ID -->) and the lines where findings are
// expected (<!-- expect: ID --> above the line, <!-- expect-at: LINE ID -->).
// Each fixture is also checked with CRLF line endings and with a UTF-8 BOM:
// the findings must be the same.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "test_support.h"
#include "rules/severity.h"
#include "util/text.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

struct Expectations {
  std::string rule;
  std::vector<std::string> lines;  // sorted, one entry per expected finding: "LINE" or "LINE SEVERITY"
  bool severities = false;         // the file states the severity of every finding it expects
};

Expectations read_expectations(const std::string& text) {
  Expectations e;
  std::vector<std::string> lines = split(text, '\n');
  static const RE2 fixture_re(R"(<!--\s*fixture-rule:\s*(\S+)\s*-->)");
  static const RE2 expect_re(R"(^\s*<!--\s*expect:\s*(\S+)(?:\s+(error|warning|note))?\s*-->\s*$)");
  static const RE2 expect_at_re(R"(<!--\s*expect-at:\s*(\d+)\s+(\S+)(?:\s+(error|warning|note))?\s*-->)");
  std::vector<std::string> pending;  // severities of the expectations waiting for their line
  auto expect = [&](int line, const std::string& severity) {
    if (!severity.empty()) e.severities = true;
    e.lines.push_back(severity.empty() ? std::to_string(line) : std::to_string(line) + " " + severity);
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string id, severity;
    int at = 0;
    if (RE2::PartialMatch(lines[i], fixture_re, &id)) e.rule = id;
    if (RE2::PartialMatch(lines[i], expect_at_re, &at, &id, &severity)) expect(at, severity);
    if (RE2::FullMatch(lines[i], expect_re, &id, &severity)) {
      pending.push_back(severity);
      continue;
    }
    for (const auto& s : pending) expect(static_cast<int>(i) + 1, s);
    pending.clear();
  }
  std::sort(e.lines.begin(), e.lines.end());
  return e;
}

std::vector<std::string> finding_lines(const std::vector<Finding>& findings, bool severities) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(severities ? std::to_string(f.line) + " " + std::string(severity_name(f.severity)) : std::to_string(f.line));
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe(const std::vector<Finding>& findings) {
  std::ostringstream s;
  for (const auto& f : findings) s << "  " << f.line << ":" << f.column << " " << f.message << "\n";
  return s.str();
}

}  // namespace

TEST_CASE("mission fixtures give exactly the expected findings", "[rules][fixtures]") {
  fs::path root = fs::path(source_dir()) / "tests/fixtures/mission";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 24);
  std::map<std::string, int> per_rule_fires, per_rule_passes;
  for (const auto& path : files) {
    std::string text = read_text(path.string());
    Expectations e = read_expectations(text);
    std::string rel = fs::relative(path, root).generic_string();
    INFO(rel);
    REQUIRE_FALSE(e.rule.empty());
    REQUIRE(builtin_rules().find(e.rule) != nullptr);
    // A file that states one severity states them all.
    if (e.severities)
      for (const auto& l : e.lines) CHECK(l.find(' ') != std::string::npos);
    (e.lines.empty() ? per_rule_passes : per_rule_fires)[e.rule]++;
    for (const char* variant : {"as written", "CRLF", "BOM"}) {
      INFO(variant);
      std::string input = text;
      if (std::string(variant) == "CRLF") input = to_crlf(text);
      if (std::string(variant) == "BOM") input = "\xEF\xBB\xBF" + text;
      auto findings = only(check_text(rel, input), e.rule);
      INFO("findings:\n" << describe(findings));
      CHECK(finding_lines(findings, e.severities) == e.lines);
    }
  }
  // Each mission rule has at least five fixtures, some that fire and some that pass.
  for (const char* id : {"postmortem/embedded-lessons", "learning-review/summary-only", "learning-review/vague-audience",
                         "learning-review/no-distribution"}) {
    INFO(id);
    CHECK(per_rule_fires[id] + per_rule_passes[id] >= 5);
    CHECK(per_rule_fires[id] >= 2);
    CHECK(per_rule_passes[id] >= 2);
  }
}
