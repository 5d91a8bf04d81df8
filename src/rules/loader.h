#pragma once
// Rule files (YAML) to validated Rules: every key checked, every pattern
// compiled once with re2, errors as "file:line:col: problem".

#include <string>
#include <string_view>
#include <vector>

#include "classify/kinds.h"
#include "rules/rule.h"
#include "util/expected.h"

namespace lessonlint {

struct RuleSet {
  std::vector<Rule> rules;  // sorted by id
  KindSet kinds;            // the kinds rules name (rules/*/kind.yaml)

  // By id or by an alias (an earlier id); nullptr when unknown.
  const Rule* find(std::string_view id) const;
  std::vector<std::string> ids() const;
};

// One rule file. `file` names it in errors and must end in the id's last part.
Expected<Rule> parse_rule(const std::string& text, const std::string& file, bool builtin);

// The built-in rules and kinds, then every *.yaml under each folder
// (recursively); a user rule with a built-in id replaces it. Files named
// kind.yaml (or kind.yml) are kinds (src/classify/kinds.h), merged into the
// built-in ones; every rule's `kinds:` must name loaded kinds.
Expected<RuleSet> load_rules(const std::vector<std::string>& folders);

// The rule's check built again from its YAML with `options` merged over it
// (configuration `options:`), so a user can change a bound without copying
// the rule. `where` names the options in errors.
Expected<std::shared_ptr<const Check>> check_with_options(const Rule& rule, const YAML::Node& options,
                                                          const std::string& where);

}  // namespace lessonlint
