#pragma once
// .lessonlint.yaml: found by walking up from the working directory, or given
// with --config. Paths and globs in it are relative to its folder.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "rules/severity.h"
#include "util/expected.h"

namespace lessonlint {

struct RuleSet;

// A position in the config file, kept to report unknown rule ids later.
struct ConfigRef {
  std::string value;
  int line = 0;
  int column = 0;
};

struct RuleSelection {
  std::vector<ConfigRef> enable, disable;
  std::vector<std::pair<ConfigRef, Severity>> severity;
};

struct Override {
  std::vector<std::string> files;  // globs
  RuleSelection rules;
};

struct Config {
  std::string file;   // empty: no config file
  std::string root;   // the folder that globs and rule folders are relative to
  std::vector<std::string> rule_folders;  // resolved against root
  RuleSelection rules;
  std::vector<std::string> include, exclude;
  std::vector<KindGlobs> kinds;
  std::vector<Override> overrides;
  std::vector<std::string> channels, teams;
  std::map<std::string, std::pair<YAML::Node, ConfigRef>> options;  // rule id -> check options
  std::uint64_t max_file_size = 10 * 1024 * 1024;
};

// Reads and validates the file (keys, types). Rule ids are checked later,
// once the rules are loaded, by validate_rule_ids.
Expected<Config> load_config(const std::string& path);
Expected<Config> parse_config(const std::string& text, const std::string& path);

// The nearest .lessonlint.yaml (or .lessonlint.yml) from `start` up to the
// filesystem root; empty when there is none.
std::string find_config(const std::string& start);

// Errors for rule ids (and kind ids) the configuration names that no loaded rule (or kind) has.
std::optional<Error> validate_rule_ids(const Config& config, const RuleSet& rules);

}  // namespace lessonlint
