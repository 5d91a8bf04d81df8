#include "cli/pipeline.h"

#include <filesystem>
#include <iostream>

#include "rules/lint_rules.h"
#include "source/git_cli.h"
#include "util/atomic_file.h"

namespace lessonlint {

namespace fs = std::filesystem;

std::optional<Error> build_pipeline(const CommonOptions& o, Pipeline& p, RepositoryAccess access, WorkTreeQuery* git,
                                    const std::string& start) {
  std::error_code ec;
  // (for ".", the working folder: absolute("."), normalised, without its last "/")
  std::string from = fs::absolute(start, ec).lexically_normal().string();
  if (from.size() > 1 && from.back() == '/') from.pop_back();
  std::string config_path = o.config;
  if (config_path.empty() && !o.no_config) config_path = find_config(from);
  if (!config_path.empty()) {
    auto c = load_config(config_path);
    if (!c) return c.error();
    p.config = std::move(*c);
  } else {
    p.config.root = from;
  }
  std::vector<std::string> folders = p.config.rule_folders;
  folders.insert(folders.end(), o.rule_folders.begin(), o.rule_folders.end());
  auto rules = load_rules(folders);
  if (!rules) return rules.error();
  p.rules = std::move(*rules);
  for (const auto& w : rule_warnings(p.rules)) std::cerr << "lessonlint: warning: " << w << "\n";
  auto engine = Engine::create(p.rules, p.config);
  if (!engine) return engine.error();
  p.engine = std::move(*engine);
  if (access == RepositoryAccess::GitRoot) {
    // Outside a repository, in a bare one, or where git refuses the checkout,
    // libgit2 tells which, as with RepositoryAccess::Open.
    if (auto top = git ? git->toplevel() : git_toplevel(from)) p.workdir = std::move(*top);
    else access = RepositoryAccess::Open;
  }
  if (access == RepositoryAccess::Open) p.repo = GitRepo::discover(start);
  p.root = p.repo && !p.repo->bare() ? p.repo->workdir() : !p.workdir.empty() ? p.workdir : from;
  p.engine->set_repository_names(repository_names(p.root));
  return std::nullopt;
}

int fail(const std::string& message, int code) {
  std::cerr << "lessonlint: " << message << "\n";
  return code;
}

std::optional<Error> emit(const std::string& output, const std::string& text) {
  if (output.empty() || output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::nullopt;
  }
  return write_file_atomically(output, text, AtomicWrite::replacing());
}

}  // namespace lessonlint
