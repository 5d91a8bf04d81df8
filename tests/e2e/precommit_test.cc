// The pre-commit framework, for real: `pre-commit try-repo` with this
// repository's .pre-commit-hooks.yaml, on a temporary repository.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_support.h"

using namespace lessonlint::test;
namespace fs = std::filesystem;

TEST_CASE("pre-commit framework: try-repo blocks broader lessons and passes a clean postmortem", "[e2e][precommit]") {
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
  auto blocked = run_command({"pre-commit", "try-repo", source_dir(), "lessonlint"}, repo.path(), env);
  INFO(blocked.out << blocked.err);
  CHECK(blocked.exit_code == 1);
  CHECK_THAT(blocked.out, Catch::Contains("postmortem/embedded-lessons"));

  repo.write("postmortems/db.md",
             "# Postmortem: db\n\n## Timeline\n- 10:00 start\n\n## Lessons learned\nOur alert fired late.\n");
  REQUIRE(run_command({"git", "add", "-A"}, repo.path(), env).exit_code == 0);
  auto passed = run_command({"pre-commit", "try-repo", source_dir(), "lessonlint"}, repo.path(), env);
  INFO(passed.out << passed.err);
  CHECK(passed.exit_code == 0);
  CHECK_THAT(passed.out, Catch::Contains("Passed"));
}
