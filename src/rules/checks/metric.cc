// metric: bounds on the word count, or on the count of lines matching a
// pattern, per document or per section.
#include <fmt/format.h>

#include <algorithm>

#include "rules/checks/registry.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class MetricCheck final : public Check {
 public:
  bool words = true;
  LinePattern pattern;
  long min = -1, max = -1;
  Pattern section;

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    if (!section) {
      check(doc, rule, measure(doc, 0, true), title_span(doc), doc.title, out);
      return;
    }
    for (int s : sections_matching(doc, *section, env.headings))
      check(doc, rule, measure(doc, s, false), heading_span(doc, s), doc.sections[static_cast<std::size_t>(s)].heading,
            out);
  }

  std::vector<const RE2*> section_patterns() const override {
    if (section) return {section.get()};
    return {};
  }

 private:
  long measure(const Document& doc, int sec, bool whole) const {
    if (words && whole) return doc.word_count;
    long count = 0;
    std::vector<int> lines;
    for (const auto& b : doc.blocks) {
      if (!whole && !section_within(doc, b.section, sec)) continue;
      if (b.kind == BlockKind::Code || b.kind == BlockKind::Html) continue;
      if (words) {
        count += b.words;
        continue;
      }
      for (int l = b.line; l <= b.end_line; ++l) lines.push_back(l);
    }
    if (words) return count;
    // Blocks come in document order: their lines are sorted but for overlaps.
    if (!std::is_sorted(lines.begin(), lines.end())) std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    // Only a lower bound: enough is enough.
    return count_matching_lines(doc, pattern, lines, max < 0 ? min : -1);
  }

  void check(const Document& doc, const Rule& rule, long count, Span span, const std::string& where,
             std::vector<RawFinding>& out) const {
    (void)doc;
    bool over = max >= 0 && count > max;
    bool under = min >= 0 && count < min;
    if (!over && !under) return;
    RawFinding f;
    f.span = span;
    f.message = expand_message(rule.message, {{"count", std::to_string(count)},
                                              {"max", std::to_string(max)},
                                              {"min", std::to_string(min)},
                                              {"limit", std::to_string(over ? max : min)},
                                              {"section", where}});
    out.push_back(std::move(f));
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_metric(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "measure", "pattern", "min", "max", "scope"}, file, "a metric check"))
    return *e;
  auto c = std::make_unique<MetricCheck>();
  std::string measure = "words";
  if (n["measure"]) {
    auto m = yaml_string(n["measure"], file, "measure");
    if (!m) return m.error();
    measure = *m;
  }
  if (measure != "words" && measure != "lines")
    return yaml_error(file, n["measure"], "measure must be `words` or `lines` (lines matching `pattern`)");
  c->words = measure == "words";
  if (!c->words) {
    if (!n["pattern"]) return yaml_error(file, n, "measure: lines needs a pattern");
    auto re = compile_pattern(n["pattern"], file, "pattern");
    if (!re) return re.error();
    c->pattern = line_pattern(*re);
  } else if (n["pattern"]) {
    return yaml_error(file, n["pattern"], "pattern goes with measure: lines");
  }
  for (const char* key : {"min", "max"}) {
    if (!n[key]) continue;
    auto v = yaml_int(n[key], file, key);
    if (!v) return v.error();
    if (*v < 0) return yaml_error(file, n[key], std::string(key) + " must not be negative");
    (std::string(key) == "min" ? c->min : c->max) = *v;
  }
  if (c->min < 0 && c->max < 0) return yaml_error(file, n, "a metric check needs min, max or both");
  if (n["scope"]) {
    auto scope = parse_scope(n["scope"], file);
    if (!scope) return scope.error();
    if (!scope->field.empty()) return yaml_error(file, n["scope"], "a metric check's scope takes a section, not a field");
    c->section = scope->section;
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
