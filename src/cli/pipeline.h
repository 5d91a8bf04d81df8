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
#include "source/git_cli.h"
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
  std::string workdir;  // the working tree git named, when no repository was opened (RepositoryAccess::GitRoot)
  std::string root;
};

// How a command finds its repository.
enum class RepositoryAccess {
  Open,     // opened with libgit2: history, revisions, the index, ignore rules
  GitRoot,  // only where the working tree is, from `git rev-parse`; libgit2 (whose start-up
            // costs more than checking a few files) only when git cannot say
  None,     // no repository: `root` is the working folder
};

// Loads the configuration (given, or the nearest to `start`), the rules, the
// engine and the repository as `access` says, with the root it gives (the
// working tree, or `start` outside a repository); rule warnings go to standard
// error. With RepositoryAccess::GitRoot, `git` (when given) has been asking git
// for the working tree since before the call. `start`: a folder, by default
// the working folder (the language server starts from the editor's workspace).
std::optional<Error> build_pipeline(const CommonOptions& o, Pipeline& p,
                                    RepositoryAccess access = RepositoryAccess::Open, WorkTreeQuery* git = nullptr,
                                    const std::string& start = ".");

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
