// field: a front-matter field or a section must name something that matches a
// target pattern, and not be a placeholder. With `registry:` the value is also
// checked against the organisation's list of channels or teams. With
// `prose:`, a document with neither may say it in a sentence of its body
// ("Posted to #incidents.").
#include <fmt/format.h>

#include "document/sentences.h"
#include "rules/checks/registry.h"
#include "util/edit_distance.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class FieldCheck final : public Check {
 public:
  std::string field;
  Pattern section;
  Pattern target;
  Pattern placeholder;
  Pattern names;         // with registry teams: captures each name to look up
  Pattern prose;         // a body sentence that says it, when there is neither field nor section
  std::string registry;  // "", "channels" or "teams"
  bool report_missing = true;  // false: only the registry is checked (absence is another rule's business)
  std::string placeholder_message = "{what} is only a placeholder (\"{value}\")";
  std::string no_target_message = "{what} names nothing lessonlint recognises as a target (\"{value}\")";
  std::string unknown_message = "\"{value}\" is not in the configured {registry}{suggestion}";

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    struct Candidate {
      std::string what, value;
      Span span, value_span;
    };
    std::vector<Candidate> candidates;
    if (!field.empty() && doc.front_matter.has(field)) {
      Candidate c{fmt::format("Front matter `{}`", field), doc.front_matter.text(field), field_span(doc, field), {}};
      auto spans = field_value_spans(doc, field);
      c.value_span = spans.empty() ? c.span : Span{spans.front().begin, spans.back().end};
      candidates.push_back(std::move(c));
    }
    if (section) {
      for (int s : sections_matching(doc, *section, env.headings)) {
        const Section& sec = doc.sections[static_cast<std::size_t>(s)];
        candidates.push_back({fmt::format("Section \"{}\"", sec.heading), section_content(doc, s), heading_span(doc, s),
                              sec.body});
      }
    }
    if (candidates.empty() && prose) prose_candidates(doc, [&](std::string value, Span span) {
      candidates.push_back({"The sentence", std::move(value), span, span});
    });
    if (candidates.empty()) {
      if (!report_missing) return;
      RawFinding f;
      f.span = title_span(doc);
      f.message = expand_message(rule.message, {{"field", field}, {"title", doc.title}});
      out.push_back(std::move(f));
      return;
    }
    const std::vector<std::string>* list = registry == "channels" ? env.channels : registry == "teams" ? env.teams : nullptr;
    std::vector<RawFinding> problems;
    for (const auto& c : candidates) {
      std::map<std::string, std::string> vars = {{"what", c.what}, {"value", shorten(c.value)}, {"field", field},
                                                 {"registry", registry}};
      if (is_placeholder(c.value, placeholder.get())) {
        if (!report_missing) continue;
        std::string message = expand_message(placeholder_message, vars);
        std::string_view raw = doc.slice(c.span);
        if (c.value.empty() && raw.find('#') != std::string_view::npos && c.what.rfind("Front matter", 0) == 0)
          message += ". YAML reads an unquoted # as the start of a comment: quote the value (\"#channel\")";
        problems.push_back({c.span, std::move(message), std::nullopt});
        continue;
      }
      if (target && !RE2::PartialMatch(c.value, *target)) {
        if (!report_missing) continue;
        problems.push_back({c.span, expand_message(no_target_message, vars), std::nullopt});
        continue;
      }
      if (list && !list->empty()) {
        std::vector<RawFinding> unknown = check_registry(doc, c.value, c.span, c.value_span, *list, vars);
        if (!unknown.empty()) {
          for (auto& u : unknown) problems.push_back(std::move(u));
          continue;
        }
      }
      return;  // one good candidate is enough
    }
    for (auto& p : problems) out.push_back(std::move(p));
  }

  std::vector<const RE2*> section_patterns() const override {
    if (section) return {section.get()};
    return {};
  }

 private:
  // The body sentences that match `prose` and name a target, in order.
  template <typename Emit>
  void prose_candidates(const Document& doc, Emit emit) const {
    for (const auto& b : doc.blocks) {
      if (b.kind != BlockKind::Paragraph || b.in_quote) continue;
      std::string_view t = doc.slice(b.span);
      for (const auto& [begin, end] : sentence_ranges(t)) {
        std::string sentence(t.substr(begin, end - begin));
        // A link in a sentence points at a source (the postmortem, an
        // article), not at where the document is shared: its address names no target.
        static const RE2 address(R"(\]\([^)]*\)|<?https?://[^\s>)]+>?)");
        RE2::GlobalReplace(&sentence, address, "]");
        if (!RE2::PartialMatch(sentence, *prose) || (target && !RE2::PartialMatch(sentence, *target))) continue;
        emit(std::move(sentence), Span{b.span.begin + begin, b.span.begin + end});
      }
    }
  }

  static std::string shorten(const std::string& v) {
    std::string s = collapse_space(v);
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
  }

  static bool contains_ci(const std::string& hay, const std::string& needle) {
    return to_lower_ascii(hay).find(to_lower_ascii(needle)) != std::string::npos;
  }

  std::vector<RawFinding> check_registry(const Document& doc, const std::string& value, Span span, Span value_span,
                                         const std::vector<std::string>& list,
                                         std::map<std::string, std::string> vars) const {
    std::vector<RawFinding> out;
    if (registry == "teams" && names) {
      // Every name the pattern captures must be a known team.
      std::string_view src = doc.slice(value_span);
      std::string_view name;
      std::size_t pos = 0, next = 0;
      while (find_next(*names, src, pos, name, next)) {
        pos = next;
        std::string n(name);
        bool known = false;
        for (const auto& t : list) known = known || to_lower_ascii(t) == to_lower_ascii(n) || contains_ci(t, n);
        if (known) continue;
        vars["value"] = n;
        vars["suggestion"] = did_you_mean(n, list);
        std::size_t b = value_span.begin + static_cast<std::size_t>(name.data() - src.data());
        out.push_back({{b, b + name.size()}, expand_message(unknown_message, vars), std::nullopt});
      }
      return out;
    }
    for (const auto& entry : list)
      if (contains_ci(value, entry)) return out;
    std::string named = value;
    if (target) {
      re2::StringPiece m;
      if (target->Match(value, 0, value.size(), RE2::UNANCHORED, &m, 1)) named = std::string(m.data(), m.size());
    }
    vars["value"] = shorten(named);
    vars["suggestion"] = did_you_mean(named, list);
    out.push_back({span, expand_message(unknown_message, vars), std::nullopt});
    (void)doc;
    return out;
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_field(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "field", "section", "target", "placeholder", "registry", "names",
                              "prose", "messages", "report-missing"},
                          file, "a field check"))
    return *e;
  auto c = std::make_unique<FieldCheck>();
  if (n["field"]) {
    auto f = yaml_string(n["field"], file, "field");
    if (!f) return f.error();
    c->field = *f;
  }
  struct {
    const char* key;
    Pattern* dest;
  } patterns[] = {{"section", &c->section}, {"target", &c->target}, {"placeholder", &c->placeholder},
                  {"names", &c->names}, {"prose", &c->prose}};
  for (auto& p : patterns) {
    if (!n[p.key]) continue;
    auto re = compile_pattern(n[p.key], file, p.key);
    if (!re) return re.error();
    *p.dest = *re;
  }
  if (c->field.empty() && !c->section) return yaml_error(file, n, "a field check needs `field`, `section` or both");
  if (n["registry"]) {
    auto r = yaml_string(n["registry"], file, "registry");
    if (!r) return r.error();
    if (*r != "channels" && *r != "teams")
      return yaml_error(file, n["registry"], "registry must be `channels` or `teams`");
    c->registry = *r;
  }
  if (n["report-missing"]) {
    auto v = yaml_bool(n["report-missing"], file, "report-missing");
    if (!v) return v.error();
    c->report_missing = *v;
  }
  if (YAML::Node m = n["messages"]) {
    if (auto e = check_keys(m, {"placeholder", "no-target", "unknown"}, file, "messages")) return *e;
    struct {
      const char* key;
      std::string* dest;
    } texts[] = {{"placeholder", &c->placeholder_message}, {"no-target", &c->no_target_message},
                 {"unknown", &c->unknown_message}};
    for (auto& t : texts) {
      if (!m[t.key]) continue;
      auto v = yaml_string(m[t.key], file, std::string("messages.") + t.key);
      if (!v) return v.error();
      *t.dest = *v;
    }
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
