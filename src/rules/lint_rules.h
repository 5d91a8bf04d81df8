#pragma once
// Warnings about rules that load but could never fire (a scope that matches
// no heading the rule's kinds would have), so a rule is never silently inert.

#include <string>
#include <vector>

#include "rules/loader.h"

namespace lessonlint {

// Which rules to look at. The built-in ones draw no warning (a test holds
// them to that with `Every`), so a run looks at the user's rules only, and a
// run with none of its own does no work here (it parsed every rule's examples).
enum class RuleLint { UserRules, Every };
std::vector<std::string> rule_warnings(const RuleSet& rules, RuleLint which = RuleLint::UserRules);

}  // namespace lessonlint
