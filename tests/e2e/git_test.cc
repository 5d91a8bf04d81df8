// Git-native modes on repositories made in the test with git: --staged (the
// pre-commit hook), --changed-since (the CI gate), --tracked, and the hooks.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/hooks.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

const char* kVague = "---\ntype: learning-review\ndistribution: \"#eng\"\npostmortems: [https://incidents.example.com/postmortems/1]\n---\n"
                     "# Learning review: a\n\n## What we used to believe\nx\n\n## What we now believe\ny\n\n"
                     "## Where else this applies\nOther teams should read this.\n";
const char* kSpecific = "---\ntype: learning-review\ndistribution: \"#eng\"\npostmortems: [https://incidents.example.com/postmortems/1]\n---\n"
                        "# Learning review: a\n\n## What we used to believe\nx\n\n## What we now believe\ny\n\n"
                        "## Where else this applies\nTeams running Kafka.\n";

using Repo = GitRepoDir;

// The (path, rule) pairs of a JSON report.
std::set<std::pair<std::string, std::string>> findings_of(const RunOutput& r) {
  INFO(r.out << r.err);
  std::set<std::pair<std::string, std::string>> out;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) out.insert({f["path"].get<std::string>(), f["rule"].get<std::string>()});
  return out;
}

std::vector<std::string> files_of(const RunOutput& r) {
  INFO(r.out << r.err);
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(r.out);  // kept alive: a range-for over parse(...)["files"] would dangle
  for (const auto& f : j["files"]) out.push_back(f["path"].get<std::string>());
  return out;
}

const std::pair<std::string, std::string> kVagueAt = {"lr/a.md", "learning-review/vague-audience"};

}  // namespace

TEST_CASE("git: --staged checks the index, not the working tree", "[e2e][git]") {
  Repo repo;
  SECTION("first commit of an empty repository: everything staged is new") {
    repo.write("lr/a.md", kVague);
    repo.git({"add", "-A"});
    CHECK(findings_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path())).count(kVagueAt));
  }
  SECTION("staged vague, working tree fixed: the staged version is checked") {
    repo.write("lr/a.md", kVague);
    repo.git({"add", "-A"});
    repo.write("lr/a.md", kSpecific);
    auto staged = run_lessonlint({"check", "--staged", "--format", "json"}, repo.path());
    CHECK(findings_of(staged).count(kVagueAt));
    auto j = nlohmann::json::parse(staged.out);
    CHECK(j["findings"][0]["line"] == 15);  // the staged version's line
    CHECK_FALSE(findings_of(run_lessonlint({"check", "--format", "json"}, repo.path())).count(kVagueAt));
  }
  SECTION("staged fixed, working tree vague: the commit is clean") {
    repo.write("lr/a.md", kSpecific);
    repo.git({"add", "-A"});
    repo.write("lr/a.md", kVague);
    CHECK(findings_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path())).empty());
  }
  SECTION("only files changed relative to HEAD; renames followed; deletions skipped") {
    repo.write("lr/a.md", kVague);
    repo.write("lr/old.md", kVague);
    repo.write("lr/gone.md", kVague);
    repo.commit("init");
    CHECK(files_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path())).empty());
    repo.git({"mv", "lr/old.md", "lr/new.md"});
    repo.git({"rm", "-q", "lr/gone.md"});
    repo.write("deep/sub/lr/c.md", kVague);
    repo.git({"add", "-A"});
    auto files = files_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path()));
    CHECK(files == std::vector<std::string>{"deep/sub/lr/c.md", "lr/new.md"});
    // From a subfolder: the whole repository's staged files, shown relative to where it runs.
    auto sub = files_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path() + "/deep"));
    CHECK(sub == std::vector<std::string>{"../lr/new.md", "sub/lr/c.md"});
  }
  SECTION("links are resolved in the index") {
    repo.write("lr/a.md", std::string(kSpecific) + "\nSee [the postmortem](../pm/db.md).\n");
    repo.write("pm/db.md", "# Postmortem: db\n");
    repo.git({"add", "lr/a.md"});  // pm/db.md exists on disk but is not staged
    auto r = run_lessonlint({"check", "--staged", "--format", "json"}, repo.path());
    CHECK(findings_of(r).count({"lr/a.md", "learning-review/no-postmortem-link"}));
  }
  SECTION("detached HEAD") {
    repo.write("lr/a.md", kSpecific);
    repo.commit("init");
    repo.git({"checkout", "-q", "--detach"});
    repo.write("lr/b.md", kVague);
    repo.git({"add", "-A"});
    CHECK(files_of(run_lessonlint({"check", "--staged", "--format", "json"}, repo.path())) ==
          std::vector<std::string>{"lr/b.md"});
  }
}

TEST_CASE("git: --staged reads odd paths and folder links from the index", "[e2e][git]") {
  Repo repo;
  repo.write("lr/with space é.md", kVague);
  repo.write("lr/1:colon.md", kVague);  // ":1:..." would name merge stage 1
  repo.write("pm/2026/db.md", "---\ntype: postmortem\n---\n# Postmortem: db\n");
  repo.write("lr/folder.md", std::string(kSpecific) + "\nSee [the postmortems](../pm/2026/) and [drafts](../drafts/).\n");
  repo.write("drafts/x.md", "x\n");  // on disk only: not a folder of the index
  repo.git({"add", "lr", "pm"});
  auto r = run_lessonlint({"check", "--staged", "--format", "json"}, repo.path());
  auto found = findings_of(r);
  CHECK(found.count({"lr/with space é.md", "learning-review/vague-audience"}));
  CHECK(found.count({"lr/1:colon.md", "learning-review/vague-audience"}));
  // The staged folder resolves; the folder that is only on disk is a broken link.
  CHECK_THAT(r.out, !Catch::Contains("pm/2026/\\\" does not exist") && Catch::Contains("../drafts/\\\" does not exist"));
}

TEST_CASE("git: the pre-commit hook checks the index the commit is made from", "[e2e][git][hooks]") {
  // `git commit -a` and `git commit PATH` build the commit in a temporary index
  // and tell the hook with GIT_INDEX_FILE; .git/index is not what is committed.
  Repo repo;
  repo.write("lr/a.md", kSpecific);
  repo.write("lr/b.md", kSpecific);
  repo.commit("init");
  REQUIRE(run_lessonlint({"install-hook"}, repo.path()).exit_code == 0);
  std::string bin_dir = fs::path(binary_path()).parent_path().string();
  std::vector<std::string> env = {"PATH=" + bin_dir + ":" + std::getenv("PATH"), "HOME=" + repo.path()};

  const char* recap = "# Learning review: x\n\n## What happened\n12:00 it broke.\n";  // an error: summary-only
  repo.write("lr/a.md", recap);  // modified, not staged
  auto all = run_command({"git", "commit", "-q", "-a", "-m", "x"}, repo.path(), env);
  CHECK(all.exit_code != 0);
  CHECK_THAT(all.err, Catch::Contains("lr/a.md") && Catch::Contains("summary-only"));

  repo.git({"add", "lr/a.md"});  // staged: a commit of lr/b.md alone must not see it
  repo.write("lr/b.md", std::string(kSpecific) + "\nAn edit.\n");
  auto only_b = run_command({"git", "commit", "-q", "-m", "x", "--", "lr/b.md"}, repo.path(), env);
  CHECK(only_b.exit_code == 0);
  CHECK_THAT(only_b.err, !Catch::Contains("summary-only"));
  auto rest = run_command({"git", "commit", "-q", "-m", "x"}, repo.path(), env);
  CHECK(rest.exit_code != 0);
  CHECK_THAT(rest.err, Catch::Contains("lr/a.md") && Catch::Contains("summary-only"));
}

TEST_CASE("git: --staged without git on PATH says so", "[e2e][git]") {
  Repo repo;
  repo.write("lr/a.md", kVague);
  repo.git({"add", "-A"});
  auto r = run_lessonlint({"check", "--staged"}, repo.path(), {"PATH=/nonexistent"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("git is not on PATH"));
}

TEST_CASE("git: --staged and --changed-since outside a repository are usage errors", "[e2e][git]") {
  TempDir plain;
  auto r = run_lessonlint({"check", "--staged"}, plain.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("needs a git repository"));
  CHECK(run_lessonlint({"check", "--staged", "--tracked"}, plain.path()).exit_code == 2);
}

TEST_CASE("git: --changed-since checks what a pull request changes", "[e2e][git]") {
  Repo repo;
  repo.write("lr/a.md", kVague);
  repo.write("lr/old.md", kVague);
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("lr/b.md", kVague);
  repo.git({"mv", "lr/old.md", "lr/renamed.md"});
  repo.write("lr/renamed.md", std::string(kVague) + "\nMore.\n");
  repo.commit("feature work");
  repo.git({"checkout", "-q", "main"});
  repo.write("lr/main-only.md", kVague);
  repo.commit("main moves on");
  repo.git({"checkout", "-q", "feature"});
  auto r = run_lessonlint({"check", "--changed-since", "main", "--format", "json"}, repo.path());
  CHECK(files_of(r) == std::vector<std::string>{"lr/b.md", "lr/renamed.md"});
  auto unknown = run_lessonlint({"check", "--changed-since", "origin/nope"}, repo.path());
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown revision 'origin/nope'") && Catch::Contains("fetch-depth: 0"));
}

TEST_CASE("git: --changed-since in a shallow clone without the merge base says what to do", "[e2e][git]") {
  Repo origin;
  origin.write("lr/a.md", kVague);
  origin.commit("one");
  origin.git({"checkout", "-q", "-b", "feature"});
  origin.write("lr/b.md", kVague);
  origin.commit("two");
  origin.write("lr/c.md", kVague);
  origin.commit("three");
  origin.git({"checkout", "-q", "main"});
  origin.write("lr/d.md", kVague);
  origin.commit("four");
  TempDir clone_parent;
  auto c = run_command({"git", "clone", "-q", "--depth", "1", "--no-single-branch", "file://" + origin.path(), "clone"},
                       clone_parent.path());
  REQUIRE(c.exit_code == 0);
  std::string clone = clone_parent.path() + "/clone";
  REQUIRE(run_command({"git", "checkout", "-q", "feature"}, clone).exit_code == 0);
  auto r = run_lessonlint({"check", "--changed-since", "origin/main"}, clone);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("merge base") && Catch::Contains("fetch-depth: 0"));
}

TEST_CASE("git: --tracked checks only tracked files; .gitignore is honoured", "[e2e][git]") {
  Repo repo;
  repo.write(".gitignore", "ignored/\n");
  repo.write("lr/a.md", kVague);
  repo.commit("init");
  repo.write("lr/untracked.md", kVague);
  repo.write("ignored/lr/x.md", kVague);
  CHECK(files_of(run_lessonlint({"check", "--tracked", "--format", "json"}, repo.path())) ==
        std::vector<std::string>{"lr/a.md"});
  CHECK(files_of(run_lessonlint({"check", "--format", "json"}, repo.path())) ==
        std::vector<std::string>{"lr/a.md", "lr/untracked.md"});
}

TEST_CASE("git: the folder walk skips what git ignores, as git does", "[e2e][git]") {
  Repo repo;
  repo.write(".gitignore", "build/\n*.draft.md\n");
  repo.write("docs/.gitignore", "private/\n");
  repo.write("lr/a.md", kVague);
  repo.write("lr/forced.draft.md", kVague);
  repo.commit("init");
  repo.git({"add", "-f", "lr/forced.draft.md"});
  repo.commit("a draft tracked on purpose");
  repo.write("lr/b.draft.md", kVague);           // untracked, ignored by pattern
  repo.write("build/lr/c.md", kVague);           // in an ignored folder
  repo.write("docs/private/lr/d.md", kVague);    // ignored by a nested .gitignore
  repo.write("docs/lr/e.md", kVague);
  const std::vector<std::string> expected = {"docs/lr/e.md", "lr/a.md", "lr/forced.draft.md"};
  // A tracked file is never ignored (git status and git add agree).
  CHECK(files_of(run_lessonlint({"check", "--format", "json"}, repo.path())) == expected);
  // From a subfolder, and for a folder inside an ignored one.
  CHECK(files_of(run_lessonlint({"check", "--format", "json"}, repo.path() + "/docs")) ==
        std::vector<std::string>{"lr/e.md"});
  CHECK(files_of(run_lessonlint({"check", "--format", "json", "build/lr"}, repo.path())).empty());
  // Without git on PATH, libgit2 answers per file: the untracked ignored files are still skipped.
  auto no_git = files_of(run_lessonlint({"check", "--format", "json"}, repo.path(), {"PATH=/nonexistent"}));
  CHECK(std::find(no_git.begin(), no_git.end(), "lr/b.draft.md") == no_git.end());
  CHECK(std::find(no_git.begin(), no_git.end(), "build/lr/c.md") == no_git.end());
  CHECK(std::find(no_git.begin(), no_git.end(), "docs/private/lr/d.md") == no_git.end());
  CHECK(std::find(no_git.begin(), no_git.end(), "docs/lr/e.md") != no_git.end());
}

TEST_CASE("git: a plain check finds the repository as git does, GIT_DIR and GIT_WORK_TREE included", "[e2e][git]") {
  // A working tree whose git folder lives elsewhere (as dotfile repositories
  // and some CI systems keep it), named by the variables git itself reads.
  TempDir work, gitdir;
  work.write(".gitignore", "drafts/\n");
  work.write("drafts/lr/x.md", kVague);
  work.write("lr/a.md", kVague);
  std::vector<std::string> env = {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + work.path(), "GIT_DIR=" + gitdir.path() + "/repo.git",
                                  "GIT_WORK_TREE=" + work.path()};
  REQUIRE(run_command({"git", "init", "-q"}, work.path(), env).exit_code == 0);
  CHECK(files_of(run_lessonlint({"check", "--format", "json"}, work.path(), env)) == std::vector<std::string>{"lr/a.md"});
  // The report's format does not change which files are checked (x.md would have a finding).
  auto sarif = run_lessonlint({"check", "--format", "sarif"}, work.path(), env);
  CHECK_THAT(sarif.out, Catch::Contains("lr/a.md"));
  CHECK_THAT(sarif.out, !Catch::Contains("drafts/"));
  // From a subfolder, paths are still the working tree's: inside the ignored folder there is nothing to check.
  auto from_lr = run_lessonlint({"check", "--format", "json"}, work.path() + "/lr", env);
  CHECK(files_of(from_lr) == std::vector<std::string>{"a.md"});
  CHECK(findings_of(from_lr).count({"a.md", "learning-review/vague-audience"}) == 1);
  CHECK(files_of(run_lessonlint({"check", "--format", "json"}, work.path() + "/drafts", env)).empty());
}

TEST_CASE("git: install-hook chains an existing hook and uninstall restores it byte for byte", "[e2e][git][hooks]") {
  Repo repo;
  std::string hooks = repo.path() + "/.git/hooks";
  std::string original = "#!/bin/sh\n# the team's own hook\necho own-hook-ran >> \"$(git rev-parse --git-dir)/own.log\"\nexit 0\n";
  repo.write(".git/hooks/pre-commit", original);
  fs::permissions(hooks + "/pre-commit", fs::perms::owner_all);
  auto before = fs::status(hooks + "/pre-commit").permissions();

  auto install = run_lessonlint({"install-hook"}, repo.path());
  CHECK(install.exit_code == 0);
  CHECK_THAT(install.out, Catch::Contains("kept as pre-commit.lessonlint-chained"));
  CHECK(read_text(hooks + "/pre-commit.lessonlint-chained") == original);
  CHECK(read_text(hooks + "/pre-commit") == kPreCommitHook);
  auto again = run_lessonlint({"install-hook"}, repo.path());
  CHECK_THAT(again.out, Catch::Contains("already installed"));

  // Both hooks run; lessonlint's blocks a commit with errors.
  std::string bin_dir = fs::path(binary_path()).parent_path().string();
  std::string path_env = "PATH=" + bin_dir + ":" + std::getenv("PATH");
  repo.write("lr/a.md", "# Learning review: x\n\n## What happened\n12:00 it broke.\n");
  repo.git({"add", "-A"});
  auto blocked = run_command({"git", "commit", "-q", "-m", "x"}, repo.path(), {path_env, "HOME=" + repo.path()});
  CHECK(blocked.exit_code != 0);
  CHECK_THAT(blocked.err, Catch::Contains("summary-only") && Catch::Contains("--no-verify"));
  CHECK(read_text(repo.path() + "/.git/own.log") == "own-hook-ran\n");
  repo.write("lr/a.md", kSpecific);
  repo.git({"add", "-A"});
  auto passed = run_command({"git", "commit", "-q", "-m", "x"}, repo.path(), {path_env, "HOME=" + repo.path()});
  CHECK(passed.exit_code == 0);

  auto uninstall = run_lessonlint({"uninstall-hook"}, repo.path());
  CHECK(uninstall.exit_code == 0);
  CHECK(read_text(hooks + "/pre-commit") == original);
  CHECK(fs::status(hooks + "/pre-commit").permissions() == before);
  CHECK_FALSE(fs::exists(hooks + "/pre-commit.lessonlint-chained"));
  CHECK_THAT(run_lessonlint({"uninstall-hook"}, repo.path()).out, Catch::Contains("nothing to do"));
}

TEST_CASE("git: install-hook honours core.hooksPath and linked worktrees", "[e2e][git][hooks]") {
  Repo repo;
  repo.git({"config", "core.hooksPath", "tools/hooks"});
  CHECK(run_lessonlint({"install-hook"}, repo.path()).exit_code == 0);
  CHECK(fs::exists(repo.path() + "/tools/hooks/pre-commit"));
  CHECK(run_lessonlint({"uninstall-hook"}, repo.path()).exit_code == 0);
  CHECK_FALSE(fs::exists(repo.path() + "/tools/hooks/pre-commit"));

  Repo repo2;
  repo2.write("README.md", "x\n");
  repo2.commit("init");
  repo2.git({"worktree", "add", "-q", "wt", "-b", "wt-branch"});
  CHECK(run_lessonlint({"install-hook"}, repo2.path() + "/wt").exit_code == 0);
  CHECK(fs::exists(repo2.path() + "/.git/hooks/pre-commit"));  // hooks are shared by worktrees
  repo2.write("wt/lr/a.md", kVague);
  auto r = run_lessonlint({"check", "--format", "json"}, repo2.path() + "/wt");
  CHECK(files_of(r) == std::vector<std::string>{"README.md", "lr/a.md"});
}

TEST_CASE("git: hooks/pre-commit is the hook the binary installs", "[git][hooks]") {
  CHECK(read_text(source_dir() + "/hooks/pre-commit") == kPreCommitHook);
}
