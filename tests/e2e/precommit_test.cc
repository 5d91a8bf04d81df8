// The pre-commit framework, for real: `pre-commit try-repo` with this
// repository's .pre-commit-hooks.yaml, on a temporary repository.
//
// try-repo clones the hook repository it is given, so that must be a git
// repository with a commit. The source folder need not be one (a `git archive`
// tarball is not): the test copies .pre-commit-hooks.yaml, all that a
// `language: system` hook needs, into a repository of its own and commits it.
// Without `pre-commit` on PATH the test prints one "lessonlint-test: SKIPPED:"
// line, which ctest reports as a skip, and returns.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "test_support.h"

using namespace lessonlint::test;
namespace fs = std::filesystem;


TEST_CASE("pre-commit framework: try-repo blocks broader lessons and passes a clean postmortem", "[e2e][precommit]") {
  if (!on_path("pre-commit")) {
    // The line ctest reads as a skip (SKIP_REGULAR_EXPRESSION, tests/CMakeLists.txt).
    std::cout << "lessonlint-test: SKIPPED: pre-commit is not installed (sh ci/install-deps.sh test installs it), "
                 "so try-repo was not run\n";
    WARN("pre-commit is not on PATH: skipped");
    return;
  }
  // The hook repository: this source tree's .pre-commit-hooks.yaml, committed.
  GitRepoDir hooks;
  fs::copy_file(fs::path(source_dir()) / ".pre-commit-hooks.yaml", fs::path(hooks.path()) / ".pre-commit-hooks.yaml");
  hooks.commit("lessonlint's pre-commit hook");

  TempDir repo, home;
  std::vector<std::string> env = {"PATH=" + fs::path(binary_path()).parent_path().string() + ":" + std::getenv("PATH"),
                                  "HOME=" + home.path(), "PRE_COMMIT_HOME=" + home.path() + "/pre-commit",
                                  "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
                                  "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"};
  REQUIRE(run_command({"git", "init", "-q"}, repo.path(), env).exit_code == 0);
  repo.write("postmortems/db.md",
             "# Postmortem: db\n\n## Timeline\n- 10:00 start\n\n## Broader lessons for the wider org\n"
             "Every team that runs migrations should schedule a window.\n");
  REQUIRE(run_command({"git", "add", "-A"}, repo.path(), env).exit_code == 0);
  auto blocked = run_command({"pre-commit", "try-repo", hooks.path(), "lessonlint"}, repo.path(), env);
  INFO(blocked.out << blocked.err);
  CHECK(blocked.exit_code == 1);
  CHECK_THAT(blocked.out, Catch::Contains("postmortem/embedded-lessons"));

  repo.write("postmortems/db.md",
             "# Postmortem: db\n\n## Timeline\n- 10:00 start\n\n## Lessons learned\nOur alert fired late.\n");
  REQUIRE(run_command({"git", "add", "-A"}, repo.path(), env).exit_code == 0);
  auto passed = run_command({"pre-commit", "try-repo", hooks.path(), "lessonlint"}, repo.path(), env);
  INFO(passed.out << passed.err);
  CHECK(passed.exit_code == 0);
  CHECK_THAT(passed.out, Catch::Contains("Passed"));
}
