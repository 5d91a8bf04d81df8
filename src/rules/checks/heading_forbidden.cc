// heading-forbidden: no section heading may match; an entry with `body` only
// fires when the section's body (subsections included) matches too.
#include <fmt/format.h>

#include "rules/checks/registry.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class HeadingForbiddenCheck final : public Check {
 public:
  struct Entry {
    Pattern heading;
    Pattern body;  // optional
  };
  std::vector<Entry> entries;

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    std::vector<std::pair<int, std::string>> flagged;  // section, evidence
    for (std::size_t i = 1; i < doc.sections.size(); ++i) {
      const Section& s = doc.sections[i];
      for (const auto& e : entries) {
        if (!heading_matches(doc, static_cast<int>(i), *e.heading, env.headings)) continue;
        std::string evidence;
        if (e.body) {
          std::string_view body = doc.slice(s.body);
          re2::StringPiece m;
          re2::StringPiece input(body.data(), body.size());
          if (!e.body->Match(input, 0, body.size(), RE2::UNANCHORED, &m, 1)) continue;
          evidence = std::string(m.data(), m.size());
        }
        flagged.emplace_back(static_cast<int>(i), evidence);
        break;
      }
    }
    // Report the most specific section: drop one whose subsection is flagged too.
    // Each flagged section marks its ancestors once, so this is linear in the
    // sections (asking every pair grew with the square of the findings). A walk
    // stops at an ancestor already marked: its own ancestors are marked too.
    std::vector<char> has_flagged_descendant(doc.sections.size(), 0);
    for (const auto& entry : flagged) {
      for (int s = doc.sections[static_cast<std::size_t>(entry.first)].parent; s >= 0;
           s = doc.sections[static_cast<std::size_t>(s)].parent) {
        auto& mark = has_flagged_descendant[static_cast<std::size_t>(s)];
        if (mark) break;
        mark = 1;
      }
    }
    for (const auto& [sec, evidence] : flagged) {
      if (has_flagged_descendant[static_cast<std::size_t>(sec)]) continue;
      RawFinding f;
      f.span = heading_span(doc, sec);
      const std::string& heading = doc.sections[static_cast<std::size_t>(sec)].heading;
      f.message = expand_message(rule.message, {{"heading", heading},
                                                {"match", evidence.empty() ? heading : evidence},
                                                {"evidence", evidence.empty() ? "" : " (\"" + evidence + "\")"}});
      out.push_back(std::move(f));
    }
  }

  std::vector<const RE2*> section_patterns() const override {
    std::vector<const RE2*> out;
    for (const auto& e : entries) out.push_back(e.heading.get());
    return out;
  }
};

Expected<HeadingForbiddenCheck::Entry> parse_entry(const YAML::Node& n, const std::string& file) {
  HeadingForbiddenCheck::Entry e;
  auto h = compile_pattern(n["pattern"], file, "pattern");
  if (!h) return h.error();
  e.heading = *h;
  if (n["body"]) {
    auto b = compile_pattern(n["body"], file, "body");
    if (!b) return b.error();
    e.body = *b;
  }
  return e;
}

}  // namespace

Expected<std::unique_ptr<Check>> parse_heading_forbidden(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "pattern", "body", "headings"}, file, "a heading-forbidden check"))
    return *e;
  auto c = std::make_unique<HeadingForbiddenCheck>();
  if (n["pattern"]) {
    auto e = parse_entry(n, file);
    if (!e) return e.error();
    c->entries.push_back(*e);
  } else if (n["body"]) {
    return yaml_error(file, n["body"], "body needs a heading pattern beside it");
  }
  if (n["headings"]) {
    if (!n["headings"].IsSequence()) return yaml_error(file, n["headings"], "headings must be a list of {pattern, body}");
    for (const auto& item : n["headings"]) {
      if (auto err = check_keys(item, {"pattern", "body"}, file, "a forbidden heading")) return *err;
      if (!item["pattern"]) return yaml_error(file, item, "a forbidden heading needs a pattern");
      auto e = parse_entry(item, file);
      if (!e) return e.error();
      c->entries.push_back(*e);
    }
  }
  if (c->entries.empty()) return yaml_error(file, n, "a heading-forbidden check needs `pattern` or `headings`");
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
