#include "rules/checks/registry.h"

#include "util/yaml_util.h"

namespace lessonlint {

const std::vector<CheckType>& check_types() {
  static const std::vector<CheckType> types = {
      {"heading-required", parse_heading_required, "sections whose heading matches one of several synonyms must exist"},
      {"heading-forbidden", parse_heading_forbidden, "no section heading may match (optionally: when its body matches)"},
      {"phrase", parse_phrase, "a pattern in a scope, unless a qualifier matches in the same sentence or list item"},
      {"field", parse_field, "a front-matter field or a section must name a target, not a placeholder"},
      {"metric", parse_metric, "bounds on word count or on the count of matching lines"},
      {"link", parse_link, "the document must link to a document of a kind; relative links must resolve"},
      {"item", parse_item, "every list item or table row in a scope must match required patterns"},
      {"absent", parse_absent, "the document says none of several things (by a heading or a line): one finding naming them"},
      {"passage", parse_passage, "sentences addressed to someone (\"if you ...\", \"all teams should ...\"), one finding a section"},
      {"builtin", parse_builtin, "findings lessonlint itself reports (front matter, suppressions, files)"},
  };
  return types;
}

namespace {
class BuiltinCheck final : public Check {
 public:
  void run(const Document&, const CheckEnv&, const Rule&, std::vector<RawFinding>&) const override {}
};
}  // namespace

Expected<std::unique_ptr<Check>> parse_builtin(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type"}, file, "check")) return *e;
  return std::unique_ptr<Check>(std::make_unique<BuiltinCheck>());
}

}  // namespace lessonlint
