// link: the document must link to a document of a given kind (in the body or
// a front-matter field); relative links that do not resolve are reported.
#include <fmt/format.h>

#include "rules/checks/registry.h"
#include "util/text.h"
#include "util/yaml_util.h"
#include "util/uri.h"

namespace lessonlint {

namespace {



class LinkCheck final : public Check {
 public:
  std::string kind = "postmortem";  // a kind id, checked against the loaded kinds by the loader
  std::string field;
  Pattern accept_url;
  std::optional<Severity> broken_severity;
  std::string broken_message = "Link target \"{target}\" does not exist";

  std::vector<std::string> kinds_named() const override { return {kind}; }

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    struct Target {
      std::string text;
      Span span;
    };
    std::vector<Target> targets;
    for (const auto& l : doc.links) {
      Span s = line_span(doc, l.line);
      s.begin = std::max(s.begin, doc.offset(l.line, l.column));
      std::string_view rest = doc.slice(s);
      std::size_t close = rest.find(')');
      if (close != std::string_view::npos) s.end = s.begin + close + 1;
      targets.push_back({l.target, s});
    }
    if (!field.empty()) {
      auto spans = field_value_spans(doc, field);
      for (Span s : spans) targets.push_back({std::string(trim(doc.slice(s))), s});
    }
    bool satisfied = false, broken = false;
    for (const auto& t : targets) {
      std::string target = t.text;
      if (target.empty() || target[0] == '#') continue;
      if (has_scheme(target)) {
        if (accept_url && RE2::PartialMatch(target, *accept_url)) satisfied = true;
        continue;
      }
      std::size_t cut = target.find_first_of("#?");
      if (cut != std::string::npos) target.resize(cut);
      target = percent_decode(target);
      if (target.empty() || !env.lookup) continue;
      std::optional<std::string> k = env.lookup->kind_of(doc, target);
      if (!k) {
        if (broken_severity) {
          RawFinding f;
          f.span = t.span;
          f.message = expand_message(broken_message, {{"target", t.text}});
          f.severity = broken_severity;
          out.push_back(std::move(f));
          broken = true;
        }
        continue;
      }
      if (*k == kind) satisfied = true;
    }
    // A broken link to the postmortem says what is wrong already: the
    // document meant to link one (one problem, one finding).
    if (!satisfied && !broken) {
      RawFinding f;
      f.span = title_span(doc);
      f.message = expand_message(rule.message, {{"kind", kind}, {"field", field}});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_link(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "kind", "field", "accept-url", "broken-severity", "broken-message"}, file,
                          "a link check"))
    return *e;
  auto c = std::make_unique<LinkCheck>();
  if (!n["kind"]) return yaml_error(file, n, "a link check needs `kind:` (postmortem, learning-review, …)");
  auto k = yaml_string(n["kind"], file, "kind");
  if (!k) return k.error();
  c->kind = *k;
  if (n["field"]) {
    auto f = yaml_string(n["field"], file, "field");
    if (!f) return f.error();
    c->field = *f;
  }
  if (n["accept-url"]) {
    auto re = compile_pattern(n["accept-url"], file, "accept-url");
    if (!re) return re.error();
    c->accept_url = *re;
  }
  if (n["broken-severity"]) {
    auto s = yaml_string(n["broken-severity"], file, "broken-severity");
    if (!s) return s.error();
    auto sev = parse_severity(*s);
    if (!sev) return yaml_error(file, n["broken-severity"], "broken-severity must be error, warning or note");
    c->broken_severity = sev;
  }
  if (n["broken-message"]) {
    auto m = yaml_string(n["broken-message"], file, "broken-message");
    if (!m) return m.error();
    c->broken_message = *m;
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
