// absent: the document says none of several things, by a heading (with more
// than a placeholder under it) or by a line of its prose. One finding, at the
// title, naming what is missing; with `when:`, only for documents of a shape
// (a learning review that retells an incident, say).
#include <fmt/format.h>

#include "rules/checks/registry.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class AbsentCheck final : public Check {
 public:
  struct Evidence {
    std::string name;
    Pattern heading;   // a section heading or bold label, with content
    LinePattern line;  // or a body line
  };
  std::vector<Evidence> evidence;
  Pattern placeholder;

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    std::vector<int> lines;
    bool lines_ready = false;
    std::vector<std::string> missing;
    for (const auto& e : evidence) {
      if (e.heading && said_under_heading(doc, env, *e.heading)) return;
      if (e.line) {
        if (!lines_ready) {
          lines = body_lines(doc);
          lines_ready = true;
        }
        if (count_matching_lines(doc, e.line, lines, 1) > 0) return;
      }
      missing.push_back(e.name);
    }
    RawFinding f;
    f.span = title_span(doc);
    f.message = expand_message(rule.message, {{"missing", list_names(missing, "and")}, {"title", doc.title}});
    out.push_back(std::move(f));
  }

  std::vector<const RE2*> section_patterns() const override {
    std::vector<const RE2*> out;
    for (const auto& e : evidence)
      if (e.heading) out.push_back(e.heading.get());
    return out;
  }

 private:
  bool said_under_heading(const Document& doc, const CheckEnv& env, const RE2& re) const {
    for (int s : sections_matching(doc, re, env.headings))
      if (!is_placeholder(doc.slice(doc.sections[static_cast<std::size_t>(s)].body), placeholder.get())) return true;
    for (const auto& l : doc.labels)
      if (RE2::PartialMatch(l.text, re)) return true;
    return false;
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_absent(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "evidence", "placeholder"}, file, "an absent check")) return *e;
  auto c = std::make_unique<AbsentCheck>();
  const YAML::Node& list = n["evidence"];
  if (!list || !list.IsSequence() || list.size() == 0)
    return yaml_error(file, list ? list : n, "an absent check needs `evidence:`, a list of {name, heading, line}");
  for (const auto& item : list) {
    if (auto e = check_keys(item, {"name", "heading", "line"}, file, "a piece of evidence")) return *e;
    if (!item["name"] || (!item["heading"] && !item["line"]))
      return yaml_error(file, item, "a piece of evidence needs a name, and a heading or a line pattern");
    AbsentCheck::Evidence ev;
    auto name = yaml_string(item["name"], file, "name");
    if (!name) return name.error();
    ev.name = *name;
    if (item["heading"]) {
      auto re = compile_pattern(item["heading"], file, "heading");
      if (!re) return re.error();
      ev.heading = *re;
    }
    if (item["line"]) {
      auto re = compile_pattern(item["line"], file, "line");
      if (!re) return re.error();
      ev.line = line_pattern(*re);
    }
    c->evidence.push_back(std::move(ev));
  }
  if (n["placeholder"]) {
    auto re = compile_pattern(n["placeholder"], file, "placeholder");
    if (!re) return re.error();
    c->placeholder = *re;
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
