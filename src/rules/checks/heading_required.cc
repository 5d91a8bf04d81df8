// heading-required: sections whose heading matches one of several synonym
// patterns must exist (and, with non-empty, hold more than a placeholder). A
// required section may also be met by a front matter field (`field:`).
#include <fmt/format.h>

#include "rules/checks/registry.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class HeadingRequiredCheck final : public Check {
 public:
  struct Required {
    std::string name;
    Pattern pattern;
    std::string field;  // a front matter key that stands for the section ("" for none)
  };
  std::vector<Required> sections;
  bool non_empty = false;
  bool all_missing = false;  // report once, only when every listed section is missing or empty
  bool together = false;     // the missing sections in one finding, {missing} naming them all
  bool labels = false;       // a bold lead-in ("**Impact**:") counts as the heading
  Pattern placeholder;
  std::string empty_message = "Section \"{heading}\" is empty or only a placeholder: write {section} there";

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    std::vector<RawFinding> found;
    std::vector<std::string> missing;  // names of the sections with no heading at all
    int satisfied = 0;
    for (const auto& req : sections) {
      std::vector<int> matches = sections_matching(doc, *req.pattern, env.headings);
      if (matches.empty() && ((labels && has_label(doc, *req.pattern)) || (!req.field.empty() && doc.front_matter.has(req.field)))) {
        ++satisfied;
        continue;
      }
      if (matches.empty()) {
        missing.push_back(req.name);
        if (together) continue;
        RawFinding f;
        f.span = title_span(doc);
        f.message = expand_message(rule.message, {{"section", req.name}, {"missing", "\"" + req.name + "\""}, {"title", doc.title}});
        found.push_back(std::move(f));
        continue;
      }
      if (!non_empty) {
        ++satisfied;
        continue;
      }
      bool has_content = false;
      // is_placeholder strips the markup itself (stripping twice changes nothing).
      for (int s : matches)
        has_content = has_content ||
                      !is_placeholder(doc.slice(doc.sections[static_cast<std::size_t>(s)].body), placeholder.get());
      if (has_content) {
        ++satisfied;
        continue;
      }
      RawFinding f;
      f.span = heading_span(doc, matches.front());
      f.message = expand_message(empty_message, {{"section", req.name},
                                                 {"heading", doc.sections[static_cast<std::size_t>(matches.front())].heading},
                                                 {"title", doc.title}});
      found.push_back(std::move(f));
    }
    if (all_missing) {
      if (satisfied == 0 && !sections.empty()) {
        RawFinding f;
        f.span = title_span(doc);
        f.message = expand_message(rule.message, {{"section", sections.front().name}, {"title", doc.title}});
        out.push_back(std::move(f));
      }
      return;
    }
    if (together && !missing.empty()) {
      RawFinding f;
      f.span = title_span(doc);
      f.message = expand_message(rule.message,
                                 {{"section", missing.front()}, {"missing", list_names(missing, "or", "\"")}, {"title", doc.title}});
      out.push_back(std::move(f));
    }
    for (auto& f : found) out.push_back(std::move(f));
  }

  static bool has_label(const Document& doc, const RE2& re) {
    for (const auto& l : doc.labels)
      if (RE2::PartialMatch(l.text, re)) return true;
    return false;
  }

  std::vector<const RE2*> section_patterns() const override {
    std::vector<const RE2*> out;
    for (const auto& r : sections) out.push_back(r.pattern.get());
    return out;
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_heading_required(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "sections", "non-empty", "report", "placeholder", "empty-message",
                              "labels"}, file,
                          "a heading-required check"))
    return *e;
  auto c = std::make_unique<HeadingRequiredCheck>();
  YAML::Node list = n["sections"];
  if (!list || !list.IsSequence() || list.size() == 0)
    return yaml_error(file, list ? list : n, "a heading-required check needs `sections:`, a list of {name, pattern}");
  for (const auto& item : list) {
    if (auto e = check_keys(item, {"name", "pattern", "field"}, file, "a required section")) return *e;
    if (!item["name"] || !item["pattern"]) return yaml_error(file, item, "a required section needs name and pattern");
    auto name = yaml_string(item["name"], file, "name");
    if (!name) return name.error();
    auto re = compile_pattern(item["pattern"], file, "pattern");
    if (!re) return re.error();
    std::string field;
    if (item["field"]) {
      auto f = yaml_string(item["field"], file, "field");
      if (!f) return f.error();
      field = *f;
    }
    c->sections.push_back({*name, *re, field});
  }
  if (n["non-empty"]) {
    auto v = yaml_bool(n["non-empty"], file, "non-empty");
    if (!v) return v.error();
    c->non_empty = *v;
  }
  if (n["labels"]) {
    auto v = yaml_bool(n["labels"], file, "labels");
    if (!v) return v.error();
    c->labels = *v;
  }
  if (n["report"]) {
    auto v = yaml_string(n["report"], file, "report");
    if (!v) return v.error();
    if (*v != "each" && *v != "together" && *v != "all-missing")
      return yaml_error(file, n["report"], "report must be `each`, `together` or `all-missing`");
    c->all_missing = *v == "all-missing";
    c->together = *v == "together";
  }
  if (n["placeholder"]) {
    auto re = compile_pattern(n["placeholder"], file, "placeholder");
    if (!re) return re.error();
    c->placeholder = *re;
  }
  if (n["empty-message"]) {
    auto v = yaml_string(n["empty-message"], file, "empty-message");
    if (!v) return v.error();
    c->empty_message = *v;
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
