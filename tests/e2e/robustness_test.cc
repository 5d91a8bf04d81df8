// Bad input never crashes lessonlint, is never skipped silently, and always
// names the file (and line where there is one). See docs/robustness.md.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "engine/engine.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

nlohmann::json check_json(const std::string& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"check", "--format", "json", "--fail-on", "never"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_lessonlint(args, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> rules_of(const nlohmann::json& j, const std::string& path) {
  std::vector<std::string> out;
  for (const auto& f : j["findings"])
    if (f["path"] == path) out.push_back(f["rule"].get<std::string>() + "@" + std::to_string(f["line"].get<int>()));
  return out;
}

const std::string kReview =
    "# Learning review: x\n\n## What we used to believe\nA.\n\n## What we now believe\nB.\n\n"
    "## Where else this applies\nOther teams should read this.\n";

}  // namespace

TEST_CASE("robustness: a binary file named .md is reported and not parsed", "[e2e][robustness]") {
  TempDir dir;
  std::string bytes = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 2000; ++i) bytes += static_cast<char>(i % 7);
  dir.write("lr/picture.md", bytes);
  auto j = check_json(dir.path());
  CHECK(rules_of(j, "lr/picture.md") == std::vector<std::string>{"lessonlint/binary-file@1"});
}

TEST_CASE("robustness: a NUL byte and invalid UTF-8 are still checked, with sane columns", "[e2e][robustness]") {
  TempDir dir;
  std::string text = kReview;
  text.replace(text.find("A."), 2, std::string("A\0.", 3));
  text.replace(text.find("Other"), 0, "\xff\xfe ");
  dir.write("learning-reviews/odd.md", text);
  auto j = check_json(dir.path());
  bool vague = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "learning-review/vague-audience") {
      vague = true;
      CHECK(f["line"] == 10);
      CHECK(f["column"] == 4);  // two invalid bytes count one unit each, then a space
    }
  CHECK(vague);
}

TEST_CASE("robustness: files over max-file-size are reported, not parsed", "[e2e][robustness]") {
  TempDir dir;
  dir.write("learning-reviews/big.md", kReview + std::string(11 * 1024 * 1024, 'x') + "\n");
  dir.write("learning-reviews/small.md", kReview);
  auto j = check_json(dir.path());
  CHECK(rules_of(j, "learning-reviews/big.md") == std::vector<std::string>{"lessonlint/file-too-large@1"});
  dir.write(".lessonlint.yaml", "max-file-size: 100\n");
  auto small = check_json(dir.path());
  CHECK(rules_of(small, "learning-reviews/small.md") == std::vector<std::string>{"lessonlint/file-too-large@1"});
}

TEST_CASE("robustness: deep nesting does not crash", "[e2e][robustness]") {
  TempDir dir;
  dir.write("learning-reviews/deep-quotes.md", "# Learning review: q\n\n" + std::string(50000, '>') + " deep\n");
  std::string lists;
  for (int i = 0; i < 3000; ++i) lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- level\n";
  dir.write("learning-reviews/deep-lists.md", "# Learning review: l\n\n" + lists);
  auto r = run_lessonlint({"check", "--format", "json"}, dir.path());
  CHECK(r.exit_code == 1);  // findings (missing sections), not a crash
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["files"].size() == 2);
}

TEST_CASE("robustness: CRLF and a BOM keep line numbers right", "[e2e][robustness]") {
  TempDir dir;
  dir.write("learning-reviews/lf.md", kReview);
  dir.write("learning-reviews/crlf.md", "\xEF\xBB\xBF" + to_crlf(kReview));
  auto j = check_json(dir.path());
  auto lf = rules_of(j, "learning-reviews/lf.md"), crlf = rules_of(j, "learning-reviews/crlf.md");
  CHECK(lf == crlf);
  CHECK(std::find(lf.begin(), lf.end(), "learning-review/vague-audience@10") != lf.end());
}

TEST_CASE("robustness: malformed front matter and merge-conflict markers are findings", "[e2e][robustness]") {
  TempDir dir;
  dir.write("learning-reviews/fm.md", "---\ntype: learning-review\naudience: [x\n---\n" + kReview);
  dir.write("learning-reviews/conflict.md", kReview + "<<<<<<< HEAD\nTeams running Kafka.\n=======\nEveryone.\n>>>>>>> branch\n");
  auto j = check_json(dir.path());
  auto fm = rules_of(j, "learning-reviews/fm.md");
  CHECK(std::find(fm.begin(), fm.end(), "lessonlint/front-matter@4") != fm.end());
  CHECK(std::find(fm.begin(), fm.end(), "learning-review/vague-audience@14") != fm.end());  // the rest is checked
  auto conflict = rules_of(j, "learning-reviews/conflict.md");
  CHECK(std::count(conflict.begin(), conflict.end(), "lessonlint/merge-conflict@11") == 1);
  CHECK(std::count(conflict.begin(), conflict.end(), "lessonlint/merge-conflict@15") == 1);
}

TEST_CASE("robustness: a symbolic link is reported and never followed", "[e2e][robustness]") {
  TempDir outside, repo;
  outside.write("secret.md", kReview);
  repo.write("learning-reviews/real.md", kReview);
  fs::create_directories(repo.path() + "/learning-reviews");
  fs::create_symlink(outside.path() + "/secret.md", repo.path() + "/learning-reviews/link.md");
  auto j = check_json(repo.path());
  CHECK(rules_of(j, "learning-reviews/link.md") == std::vector<std::string>{"lessonlint/symlink@1"});
  auto named = check_json(repo.path(), {"learning-reviews/link.md"});
  CHECK(rules_of(named, "learning-reviews/link.md") == std::vector<std::string>{"lessonlint/symlink@1"});
}

TEST_CASE("robustness: a file that cannot be read is a finding naming it", "[robustness]") {
  // As root, permissions do not stop reads; a Source that fails stands in for the disk.
  MemorySource source;  // knows no file
  Config config;
  auto engine = Engine::create(builtin_rules(), config);
  REQUIRE(engine.ok());
  RunResult r = (*engine)->run({{"gone.md", "gone.md"}}, source, 1);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule_id == "lessonlint/read-error");
  CHECK(r.findings[0].path == "gone.md");
  CHECK(r.findings[0].severity == Severity::Error);
  CHECK_FALSE(r.files[0].parsed);
}

TEST_CASE("robustness: a bare or empty repository", "[e2e][robustness]") {
  TempDir bare, empty;
  REQUIRE(run_command({"git", "init", "-q", "--bare"}, bare.path()).exit_code == 0);
  auto b = run_lessonlint({"check"}, bare.path());
  CHECK(b.exit_code == 2);
  CHECK_THAT(b.err, Catch::Contains("bare repository"));
  REQUIRE(run_command({"git", "init", "-q"}, empty.path()).exit_code == 0);
  auto e = run_lessonlint({"check", "--staged"}, empty.path());
  CHECK(e.exit_code == 0);
  CHECK_THAT(e.err, Catch::Contains("No problems in 0 files"));
}
