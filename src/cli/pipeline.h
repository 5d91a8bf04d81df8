#pragma once
// What every command that checks documents builds first: the configuration,
// the rules, the engine and the root folder.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/engine.h"
#include "rules/loader.h"
#include "source/git_repo.h"
#include "util/expected.h"

namespace lessonlint {

// --config, --no-config and --rules, shared by the subcommands.
struct CommonOptions {
  std::string config;
  bool no_config = false;
  std::vector<std::string> rule_folders;
};

// The engine refers to config and rules: a Pipeline stays where it was built.
struct Pipeline {
  Config config;
  RuleSet rules;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<GitRepo> repo;
  std::string root;
};

// Loads the configuration (given or found), the rules, the engine and, when
// `open_repository`, the repository (libgit2) with the root it gives; rule
// warnings go to standard error. Without it, `root` is the working folder.
std::optional<Error> build_pipeline(const CommonOptions& o, Pipeline& p, bool open_repository = true);

// Exit codes of every command.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;  // findings at or above --fail-on
constexpr int kExitUsage = 2;     // usage, configuration and rule-file errors

// Prints "lessonlint: MESSAGE" to standard error and returns `code`.
int fail(const std::string& message, int code = kExitUsage);

// Writes `text` to `output` (replaced whole, atomically), or to standard
// output when `output` is "" or "-".
std::optional<Error> emit(const std::string& output, const std::string& text);

}  // namespace lessonlint
