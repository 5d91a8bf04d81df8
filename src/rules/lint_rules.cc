#include "rules/lint_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "document/document.h"

namespace lessonlint {

namespace {

std::vector<std::string> kinds_of(const Rule& r, const KindSet& set) {
  if (!r.kinds.empty()) return r.kinds;
  return set.ids();
}

std::vector<std::string> example_headings(const Rule& r) {
  std::vector<std::string> out;
  for (const std::string* example : {&r.docs.bad, &r.docs.good}) {
    if (example->empty()) continue;
    Document doc = parse_document("", *example);
    for (std::size_t i = 1; i < doc.sections.size(); ++i) out.push_back(doc.sections[i].heading);
    for (const auto& l : doc.labels) out.push_back(l.text);
  }
  return out;
}

bool any_match(const RE2& re, const std::vector<std::string>& headings, std::string* which = nullptr) {
  for (const auto& h : headings) {
    if (RE2::PartialMatch(h, re)) {
      if (which) *which = h;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> rule_warnings(const RuleSet& rules, RuleLint which) {
  // The headings each kind of document is known to have: those in the examples
  // of every rule that applies to that kind.
  std::map<std::string, std::vector<std::string>> vocabulary;
  std::map<std::string, std::vector<std::string>> own;
  auto skipped = [which](const Rule& r) { return which == RuleLint::UserRules && r.builtin; };
  if (std::all_of(rules.rules.begin(), rules.rules.end(), skipped)) return {};
  for (const auto& r : rules.rules) {
    own[r.id] = example_headings(r);
    for (const auto& k : kinds_of(r, rules.kinds))
      vocabulary[k].insert(vocabulary[k].end(), own[r.id].begin(), own[r.id].end());
  }
  std::vector<std::string> warnings;
  for (const auto& r : rules.rules) {
    if (!r.check || skipped(r)) continue;
    std::vector<std::string> kinds = kinds_of(r, rules.kinds);
    std::set<std::string> mine(kinds.begin(), kinds.end());
    // A check with several section patterns is inert only when none can match.
    std::vector<const RE2*> patterns = r.check->section_patterns();
    if (patterns.empty()) continue;
    std::vector<std::string> expected = own[r.id];
    for (const auto& k : kinds) expected.insert(expected.end(), vocabulary[k].begin(), vocabulary[k].end());
    bool live = false;
    for (const RE2* p : patterns) live = live || (p && any_match(*p, expected));
    if (live) continue;
    const RE2* pattern = patterns.front();
    std::string example;
    for (const auto& [k, headings] : vocabulary) {
      if (mine.count(k) || !any_match(*pattern, headings, &example)) continue;
      std::string names;
      for (const auto& m : kinds) names += (names.empty() ? "" : ", ") + m;
      warnings.push_back(fmt::format(
          "{}:{}: rule '{}' looks for sections /{}/ that {} documents have (\"{}\"), but it applies to {}: it "
          "may never fire",
          r.file, r.line, r.id, pattern->pattern(), k, example, names));
      break;
    }
    if (example.empty() && !r.docs.bad.empty())
      warnings.push_back(fmt::format(
          "{}:{}: rule '{}' looks for sections /{}/ that match no heading of its own docs examples: it may never fire",
          r.file, r.line, r.id, pattern->pattern()));
  }
  return warnings;
}

}  // namespace lessonlint
