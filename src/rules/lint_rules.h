#pragma once
// Warnings about rules that load but could never fire (a scope that matches
// no heading the rule's kinds would have), so a rule is never silently inert.

#include <string>
#include <vector>

#include "rules/loader.h"

namespace lessonlint {

std::vector<std::string> rule_warnings(const RuleSet& rules);

}  // namespace lessonlint
