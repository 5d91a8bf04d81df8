#pragma once
// The one place lessonlint talks to git, through libgit2.

#include <memory>
#include <optional>
#include <string>

#include "util/expected.h"

struct git_repository;
struct git_index;

namespace lessonlint {

class GitRepo {
 public:
  // The repository that contains `path` (searching upward), or nullptr outside one.
  static std::unique_ptr<GitRepo> discover(const std::string& path);
  ~GitRepo();
  GitRepo(const GitRepo&) = delete;
  GitRepo& operator=(const GitRepo&) = delete;

  // The working tree's absolute path, without a trailing slash; empty for a bare repository.
  const std::string& workdir() const { return m_workdir; }
  bool bare() const { return m_workdir.empty(); }
  // Whether .gitignore, .git/info/exclude or core.excludesFile ignore a workdir-relative path.
  bool is_ignored(const std::string& rel) const;

  // The `origin` remote's URL, HEAD's commit id and branch name; "" when unknown.
  std::string origin_url() const;
  std::string head_revision() const;
  std::string head_branch() const;

  // The folder git runs hooks from: core.hooksPath if set (relative to the
  // working tree), else the common git folder's hooks/ (shared by worktrees).
  Expected<std::string> hooks_dir() const;

  git_repository* raw() const { return m_repo; }

 private:
  explicit GitRepo(git_repository* repo);
  git_repository* m_repo;
  std::string m_workdir;
};

// The last libgit2 error as text.
std::string git_last_error();

}  // namespace lessonlint
