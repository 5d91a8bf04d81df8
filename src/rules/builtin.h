#pragma once
// The rule files of rules/, embedded at build time (cmake/embed_rules.cmake).

#include <vector>

namespace lessonlint {

struct EmbeddedRuleFile {
  const char* path;  // "rules/learning-review/vague-audience.yaml"
  const char* text;
};

const std::vector<EmbeddedRuleFile>& builtin_rule_files();

}  // namespace lessonlint
