// End-to-end: the built binary on repositories made in the test. Exit codes,
// output formats (pinned by golden files: UPDATE_GOLDEN=1 rewrites them),
// ignore rules, configuration and rule-file errors.
#include <catch2/catch.hpp>
#include <git2.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

// A copy of examples/handbook in a temp folder that is not a git repository,
// so the output does not depend on the checkout it runs in.
struct Handbook {
  TempDir dir;
  Handbook() { fs::copy(source_dir() + "/examples/handbook", dir.path(), fs::copy_options::recursive); }
  const std::string& path() const { return dir.path(); }
};

void init_repo(const std::string& path) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_init(&repo, path.c_str(), 0) == 0);
  git_repository_free(repo);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Compares with tests/golden/NAME, or rewrites it when UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const std::string& actual) {
  std::string path = source_dir() + "/tests/golden/" + name;
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  INFO("golden file " << path << " (UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(fs::exists(path));
  CHECK(read_text(path) == actual);
}

const char* kLearningReview = R"(---
type: learning-review
distribution: "#eng-learning"
---
# Learning review: long migrations need windows

## What we used to believe
Online migrations are safe during business hours.

## What we now believe
Migrations over 30 minutes need a scheduled window.

## Where else this applies
Other teams should read this.
)";

}  // namespace

TEST_CASE("e2e: --version and --help", "[e2e]") {
  TempDir dir;
  auto v = run_lessonlint({"--version"}, dir.path());
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Catch::StartsWith("lessonlint "));
  // The version, then what the build came from: its git description and commit date, or a
  // tarball's "built outside a git checkout".
  CHECK_THAT(v.out, Catch::Matches(R"(lessonlint \d+\.\d+\.\d+ \((\S+, \d{4}-\d{2}-\d{2}|built outside a git checkout)\)\n)"));
  auto h = run_lessonlint({"--help"}, dir.path());
  CHECK(h.exit_code == 0);
  for (const char* word : {"check", "rules", "explain", "classify", "Examples:", "Exit codes"}) CHECK_THAT(h.out, Catch::Contains(word));
  auto ch = run_lessonlint({"check", "--help"}, dir.path());
  CHECK(ch.exit_code == 0);
  for (const char* word : {"--format", "--fail-on", "--jobs", "--baseline", "--category", "--config", "--rules"})
    CHECK_THAT(ch.out, Catch::Contains(word));
}

TEST_CASE("e2e: the example handbook, in every format", "[e2e][golden]") {
  Handbook hb;
  auto text = run_lessonlint({"check"}, hb.path());
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("\033[") == std::string::npos);  // no colour when not a terminal
  check_golden("handbook.txt", text.out);
  check_golden("handbook.summary.txt", text.err);
  for (const char* format : {"json", "github", "gitlab", "junit", "sarif"}) {
    INFO(format);
    auto r = run_lessonlint({"check", "--format", format}, hb.path());
    CHECK(r.exit_code == 1);
    check_golden(std::string("handbook.") + format, replace_all(r.out, hb.path(), "/ROOT"));
  }
  auto again = run_lessonlint({"check", "--jobs", "1"}, hb.path());
  CHECK(again.out == text.out);
  auto many = run_lessonlint({"check", "--jobs", "8"}, hb.path());
  CHECK(many.out == text.out);
}

TEST_CASE("e2e: exit codes follow --fail-on", "[e2e]") {
  TempDir dir;
  dir.write("learning-reviews/lr.md", kLearningReview);
  // Warnings only: vague audience, no postmortem link.
  CHECK(run_lessonlint({"check"}, dir.path()).exit_code == 0);
  CHECK(run_lessonlint({"check", "--fail-on", "warning"}, dir.path()).exit_code == 1);
  CHECK(run_lessonlint({"check", "--fail-on", "never"}, dir.path()).exit_code == 0);
  auto bad = run_lessonlint({"check", "--fail-on", "sometimes"}, dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(run_lessonlint({"check", "--no-such-option"}, dir.path()).exit_code == 2);
  auto missing = run_lessonlint({"check", "nope.md"}, dir.path());
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("nope.md") && Catch::Contains("no such file"));
}

TEST_CASE("e2e: configuration and rule-file errors are exit code 2 with file and line", "[e2e]") {
  TempDir dir;
  dir.write("lr.md", kLearningReview);
  dir.write(".lessonlint.yaml", "disable:\n  - learning-review/vage-audience\n");
  auto r = run_lessonlint({"check"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(".lessonlint.yaml:2:") && Catch::Contains("did you mean 'learning-review/vague-audience'"));

  dir.write(".lessonlint.yaml", "rules: [unclosed\n");
  r = run_lessonlint({"check"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(".lessonlint.yaml:") && Catch::Contains("invalid YAML"));

  dir.write(".lessonlint.yaml", "rules: [my-rules]\n");
  dir.write("my-rules/acme/bad.yaml", "id: acme/bad\nkinds: [any]\nseverity: note\nmessage: x\ncheck:\n  type: phrase\n  pattern: '(a'\ndocs:\n  summary: x\n");
  r = run_lessonlint({"check"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.yaml:7:") && Catch::Contains("regular expression"));

  fs::remove(dir.path() + "/.lessonlint.yaml");
  r = run_lessonlint({"check", "--config", "missing.yaml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("missing.yaml"));
}

TEST_CASE("e2e: a user rule folder adds a rule", "[e2e]") {
  TempDir dir;
  dir.write("postmortems/pm.md", "# Postmortem: db\n\nThe on-call engineer was careless.\n");
  dir.write("rules/acme/no-blame.yaml",
            "id: acme/no-blame\nkinds: [postmortem]\nseverity: error\nmessage: \"Blameful wording: {match}\"\n"
            "check:\n  type: phrase\n  pattern: '(?i)\\bcareless\\b'\ndocs:\n  summary: Blameless postmortems.\n");
  auto r = run_lessonlint({"check", "--rules", "rules", "postmortems"}, dir.path());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("postmortems/pm.md:3:26: error: Blameful wording: careless [acme/no-blame]"));
  auto rules = run_lessonlint({"rules", "--rules", "rules"}, dir.path());
  CHECK_THAT(rules.out, Catch::Contains("acme/no-blame"));
}

TEST_CASE("e2e: folders are walked honouring .gitignore; named files are always checked", "[e2e]") {
  TempDir dir;
  init_repo(dir.path());
  dir.write(".gitignore", "drafts/\n");
  dir.write("learning-reviews/lr.md", kLearningReview);
  dir.write("drafts/learning-reviews/draft.md", kLearningReview);
  dir.write(".hidden/learning-reviews/h.md", kLearningReview);
  dir.write("notes.txt", "not markdown");
  auto r = run_lessonlint({"check", "--format", "json"}, dir.path());
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["files"].size() == 1);
  CHECK(j["files"][0]["path"] == "learning-reviews/lr.md");
  CHECK(j["files"][0]["kind"] == "learning-review");
  auto named = run_lessonlint({"check", "--format", "json", "drafts/learning-reviews/draft.md"}, dir.path());
  CHECK(nlohmann::json::parse(named.out)["files"].size() == 1);
  // Running from a subfolder checks that subfolder.
  auto sub = run_lessonlint({"check", "--format", "json"}, dir.path() + "/learning-reviews");
  CHECK(nlohmann::json::parse(sub.out)["files"][0]["path"] == "lr.md");
}

TEST_CASE("e2e: classify prints path: kind (reason)", "[e2e]") {
  Handbook hb;
  auto r = run_lessonlint({"classify", "."}, hb.path());
  CHECK(r.exit_code == 0);
  check_golden("handbook.classify.txt", r.out);
  CHECK_THAT(r.out, Catch::Contains("postmortems/2026-04-16-notifications-queue-backlog.md: postmortem (front matter type:"));
}

TEST_CASE("e2e: rules and explain", "[e2e]") {
  TempDir dir;
  auto rules = run_lessonlint({"rules"}, dir.path());
  CHECK(rules.exit_code == 0);
  for (const char* id : {"postmortem/embedded-lessons", "learning-review/summary-only", "learning-review/vague-audience",
                         "learning-review/no-distribution"})
    CHECK_THAT(rules.out, Catch::Contains(id));
  auto ex = run_lessonlint({"explain", "learning-review/vague-audience"}, dir.path());
  CHECK(ex.exit_code == 0);
  for (const char* part : {"Why it matters", "Example that is flagged", "Example that passes", "How to fix it",
                           "lessonlint-disable-next-line learning-review/vague-audience"})
    CHECK_THAT(ex.out, Catch::Contains(part));
  auto typo = run_lessonlint({"explain", "learning-review/vage-audience"}, dir.path());
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean 'learning-review/vague-audience'"));

  // A user's rule needs no docs: it loads, runs, and explain says it has none.
  dir.write("lint-rules/acme/no-blame.yaml", kUserRuleWithoutDocs);
  auto bare = run_lessonlint({"explain", "acme/no-blame", "--rules", "lint-rules"}, dir.path());
  CHECK(bare.exit_code == 0);
  CHECK_THAT(bare.out, Catch::Contains("has no documentation") && Catch::Contains("Blameful wording: {match}"));
  dir.write("postmortems/2026-01-02-db.md",
            "# Postmortem: database\n\n## Timeline\n\n- 10:00 The engineer was careless.\n\n## Impact\n\nDown.\n");
  auto run = run_lessonlint({"check", "--no-config", "--rules", "lint-rules", "postmortems"}, dir.path());
  CHECK_THAT(run.out, Catch::Contains("acme/no-blame") && Catch::Contains("Blameful wording: careless"));
}

TEST_CASE("e2e: baseline records today's findings and reports only new ones", "[e2e]") {
  Handbook hb;
  auto write = run_lessonlint({"check", "--write-baseline", "baseline.json"}, hb.path());
  CHECK(write.exit_code == 0);
  REQUIRE(fs::exists(hb.path() + "/baseline.json"));
  auto clean = run_lessonlint({"check", "--baseline", "baseline.json"}, hb.path());
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
  CHECK_THAT(clean.err, Catch::Contains("in the baseline"));
  // An edit above a finding keeps it baselined; a new finding is reported.
  std::string path = hb.path() + "/learning-reviews/2026-04-queue-depth-is-not-a-health-signal.md";
  std::string text = read_text(path);
  std::size_t h1 = text.find("\n# ");
  text.insert(h1 + 1, "A new paragraph before the title.\n\n");
  text += "\nAnd everyone else.\n";
  std::ofstream(path, std::ios::binary) << text;
  auto after = run_lessonlint({"check", "--baseline", "baseline.json", "--format", "sarif"}, hb.path());
  auto sarif = nlohmann::json::parse(after.out);
  int fresh = 0, unchanged = 0;
  for (const auto& res : sarif["runs"][0]["results"]) {
    if (res["baselineState"] == "new") ++fresh;
    if (res["baselineState"] == "unchanged") ++unchanged;
  }
  CHECK(unchanged == 8);
  CHECK(fresh == 1);  // "And everyone else." lands in "Where else this applies": a new vague audience
  auto bad = run_lessonlint({"check", "--baseline", "missing.json"}, hb.path());
  CHECK(bad.exit_code == 2);
}
