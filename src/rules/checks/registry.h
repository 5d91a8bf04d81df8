#pragma once
// The table of check types: the C++ half of every rule.

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "util/expected.h"

namespace lessonlint {

using CheckParser = Expected<std::unique_ptr<Check>> (*)(const YAML::Node& check, const std::string& file);

struct CheckType {
  const char* name;
  CheckParser parse;
  const char* summary;
};

const std::vector<CheckType>& check_types();

// One parser per file in src/rules/checks/.
Expected<std::unique_ptr<Check>> parse_heading_required(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_heading_forbidden(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_phrase(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_field(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_metric(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_link(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_item(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_passage(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_absent(const YAML::Node&, const std::string&);
Expected<std::unique_ptr<Check>> parse_builtin(const YAML::Node&, const std::string&);

}  // namespace lessonlint
