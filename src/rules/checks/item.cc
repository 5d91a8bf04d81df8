// item: every list item (with what is nested in it) and every table row in a
// scope must match each required pattern.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "rules/checks/registry.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

bool is_table_separator(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.find('-') == std::string_view::npos) return false;
  for (char c : line)
    if (c != '|' && c != '-' && c != ':' && c != ' ') return false;
  return true;
}

class ItemCheck final : public Check {
 public:
  struct Requirement {
    std::string name;
    Pattern pattern;
  };
  Pattern section;
  std::vector<Requirement> require;
  Pattern placeholder;
  Pattern unless;  // items matching it are fine as they are (for example: tracked in an issue)
  std::shared_ptr<const PatternSet> set;  // unless (when given) and the requirements, in that order

  void build_set() {
    std::vector<const RE2*> patterns;
    if (unless) patterns.push_back(unless.get());
    for (const auto& r : require) patterns.push_back(r.pattern.get());
    auto s = std::make_shared<const PatternSet>(patterns);
    if (s->usable()) set = std::move(s);
  }

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    for (int s : sections_matching(doc, *section, env.headings)) {
      int min_depth = 1 << 30;
      for (const auto& item : doc.items)
        if (section_within(doc, item.section, s)) min_depth = std::min(min_depth, item.depth);
      // Items kept in a table make the lists beside it notes (legends, priorities).
      if (check_table_rows(doc, rule, s, out)) continue;
      for (const auto& item : doc.items)
        if (item.depth == min_depth && section_within(doc, item.section, s))
          check_item(doc, rule, item.span, item.line, out);
    }
  }

  std::vector<const RE2*> section_patterns() const override { return {section.get()}; }

 private:
  void check_item(const Document& doc, const Rule& rule, Span span, int line, std::vector<RawFinding>& out) const {
    std::string_view view = doc.slice(span);
    re2::StringPiece text(view.data(), view.size());
    if (is_placeholder(view, placeholder.get())) return;
    // One pass for `unless` and every requirement (set: unless first, then require).
    thread_local std::vector<int> found;
    bool searched = set && set->match(view, found);
    auto matches = [&](std::size_t index, const RE2& re) {
      if (searched) return std::binary_search(found.begin(), found.end(), static_cast<int>(index));
      return RE2::PartialMatch(text, re);
    };
    std::size_t first_required = unless ? 1 : 0;
    if (unless && matches(0, *unless)) return;
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < require.size(); ++i)
      if (!matches(first_required + i, *require[i].pattern)) missing.push_back(require[i].name);
    if (missing.empty()) return;
    std::string joined;
    for (std::size_t i = 0; i < missing.size(); ++i) {
      if (i > 0) joined += i + 1 == missing.size() ? " and no " : ", no ";
      joined += missing[i];
    }
    std::string first = collapse_space(doc.line_text(line));
    if (first.size() > 60) first = first.substr(0, 57) + "...";
    RawFinding f;
    f.span = line_span(doc, line);
    f.message = expand_message(rule.message, {{"missing", joined}, {"item", first}});
    out.push_back(std::move(f));
  }

  // Checks the rows of tables in the section; false when it has none.
  bool check_table_rows(const Document& doc, const Rule& rule, int s, std::vector<RawFinding>& out) const {
    const Section& sec = doc.sections[static_cast<std::size_t>(s)];
    bool in_table = false, any = false;
    for (int l = sec.line + 1; l <= sec.end_line; ++l) {
      std::string_view t = trim(doc.line_text(l));
      bool row = !t.empty() && t[0] == '|';
      if (!row) {
        in_table = false;
        continue;
      }
      if (!in_table) {  // the header row
        in_table = true;
        any = true;
        continue;
      }
      if (is_table_separator(t)) continue;
      check_item(doc, rule, line_span(doc, l), l, out);
    }
    return any;
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_item(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "scope", "require", "placeholder", "unless"}, file, "an item check")) return *e;
  auto c = std::make_unique<ItemCheck>();
  auto scope = parse_scope(n["scope"], file);
  if (!scope) return scope.error();
  if (!scope->section) return yaml_error(file, n, "an item check needs `scope: {section: ...}`");
  c->section = scope->section;
  YAML::Node list = n["require"];
  if (!list || !list.IsSequence() || list.size() == 0)
    return yaml_error(file, list ? list : n, "an item check needs `require:`, a list of {name, pattern}");
  for (const auto& item : list) {
    if (auto e = check_keys(item, {"name", "pattern"}, file, "a requirement")) return *e;
    if (!item["name"] || !item["pattern"]) return yaml_error(file, item, "a requirement needs name and pattern");
    auto name = yaml_string(item["name"], file, "name");
    if (!name) return name.error();
    auto re = compile_pattern(item["pattern"], file, "pattern");
    if (!re) return re.error();
    c->require.push_back({*name, *re});
  }
  for (auto [key, dest] : {std::pair{"placeholder", &c->placeholder}, std::pair{"unless", &c->unless}}) {
    if (!n[key]) continue;
    auto re = compile_pattern(n[key], file, key);
    if (!re) return re.error();
    *dest = *re;
  }
  c->build_set();
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
