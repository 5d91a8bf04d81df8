#pragma once
// Reading user-written YAML (rule files, configuration) with errors that point
// into the file: "rules/x.yaml:12:3: unknown key 'patern' (did you mean 'pattern'?)".

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/expected.h"
#include "util/regex.h"

namespace lessonlint {

// Parses YAML text; a syntax error becomes an Error at its line and column.
Expected<YAML::Node> load_yaml(const std::string& text, const std::string& file);

// 1-based line and column of a node (0 when unknown).
int yaml_line(const YAML::Node& n);
int yaml_column(const YAML::Node& n);

Error yaml_error(const std::string& file, const YAML::Node& at, std::string message);

// An error when the map has a key outside `allowed`, with a suggestion.
std::optional<Error> check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                                const std::string& file, const std::string& where);

// Scalars and lists of scalars, with type errors.
Expected<std::string> yaml_string(const YAML::Node& n, const std::string& file, const std::string& what);
Expected<std::vector<std::string>> yaml_string_list(const YAML::Node& n, const std::string& file,
                                                    const std::string& what);
Expected<long> yaml_int(const YAML::Node& n, const std::string& file, const std::string& what);
Expected<bool> yaml_bool(const YAML::Node& n, const std::string& file, const std::string& what);

// A pattern for re2: compiled at once, so that a bad pattern is an Error at
// the node, unless a LazyBuiltinPatterns is alive on this thread (the files
// built into lessonlint, whose patterns a test compiles): then when first used.
Expected<Regex> compile_pattern(const YAML::Node& n, const std::string& file, const std::string& what);
// The same for a pattern that is not in a file (built-in defaults).
Regex compile_builtin(const std::string& pattern);

// While one lives, compile_pattern leaves patterns to be compiled when first used.
class LazyBuiltinPatterns {
 public:
  LazyBuiltinPatterns();
  ~LazyBuiltinPatterns();
  LazyBuiltinPatterns(const LazyBuiltinPatterns&) = delete;
  LazyBuiltinPatterns& operator=(const LazyBuiltinPatterns&) = delete;
  static bool active();
};
// The options every rule pattern is compiled with.
RE2::Options pattern_options();

}  // namespace lessonlint
