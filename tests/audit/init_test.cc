// `lessonlint init`: the configuration file and the two templates, never
// overwritten without --force, which keeps a backup.
#include <catch2/catch.hpp>

#include <filesystem>

#include "audit/init.h"
#include "config/config.h"
#include "test_support.h"
#include "util/atomic_file.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

TEST_CASE("init: writes the configuration and the templates at the repository root", "[audit][e2e]") {
  TempDir dir;
  REQUIRE(run_command({"git", "init", "-q"}, dir.path(), {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + dir.path()}).exit_code == 0);
  fs::create_directories(dir.path() + "/docs");
  auto r = run_lessonlint({"init"}, dir.path() + "/docs");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Wrote .lessonlint.yaml\nWrote templates/postmortem.md\n"
                                    "Wrote templates/learning-review.md\n"));
  CHECK(read_text(dir.path() + "/.lessonlint.yaml") == kConfigTemplate);
  CHECK(read_text(dir.path() + "/templates/postmortem.md") == kPostmortemTemplate);
  CHECK(read_text(dir.path() + "/templates/learning-review.md") == kLearningReviewTemplate);
  CHECK_FALSE(fs::exists(dir.path() + "/docs/.lessonlint.yaml"));

  SECTION("a second run writes nothing and says so") {
    dir.write("templates/postmortem.md", "our own template\n");
    auto again = run_lessonlint({"init"}, dir.path());
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("Kept .lessonlint.yaml: it already exists"));
    CHECK_THAT(again.out, Catch::Contains("Kept templates/postmortem.md: it already exists (--force replaces it"));
    CHECK(again.out.find("Wrote") == std::string::npos);
    CHECK(read_text(dir.path() + "/templates/postmortem.md") == "our own template\n");
  }
  SECTION("--force replaces, keeping FILE.bak") {
    dir.write("templates/postmortem.md", "our own template\n");
    auto forced = run_lessonlint({"init", "--force"}, dir.path());
    CHECK(forced.exit_code == 0);
    CHECK_THAT(forced.out, Catch::Contains("Replaced templates/postmortem.md (the previous version is in "
                                           "templates/postmortem.md.bak)"));
    CHECK_THAT(forced.out, Catch::Contains("Kept .lessonlint.yaml: it is already lessonlint's current version"));
    CHECK(read_text(dir.path() + "/templates/postmortem.md.bak") == "our own template\n");
    CHECK(read_text(dir.path() + "/templates/postmortem.md") == kPostmortemTemplate);
    CHECK_FALSE(fs::exists(dir.path() + "/.lessonlint.yaml.bak"));
  }
}

TEST_CASE("init: the files work with lessonlint", "[audit][e2e]") {
  TempDir dir;
  REQUIRE(run_lessonlint({"init"}, dir.path()).exit_code == 0);
  // The configuration loads (everything in it is commented out).
  auto config = load_config(dir.path() + "/.lessonlint.yaml");
  REQUIRE(config);
  CHECK(config->rules.disable.empty());
  // The templates are checked without errors and classified as templates, not incident documents.
  auto check = run_lessonlint({"check", "templates"}, dir.path());
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  auto classify = run_lessonlint({"classify", "templates"}, dir.path());
  CHECK_THAT(classify.out, Catch::Contains("templates/postmortem.md: template (front matter type: template, a postmortem template)"));
  CHECK_THAT(classify.out, Catch::Contains("templates/learning-review.md: template (front matter type: template, a learning-review template)"));
  // The audit does not count them as postmortems.
  CHECK_THAT(run_lessonlint({"audit", "--format", "text"}, dir.path()).out, Catch::Contains("No postmortems found"));
}

TEST_CASE("init: a template copied as a real document passes the structural rules", "[audit][e2e]") {
  TempDir dir;
  REQUIRE(run_lessonlint({"init"}, dir.path()).exit_code == 0);
  std::string pm = read_text(dir.path() + "/templates/postmortem.md");
  pm.replace(pm.find("type: template"), 14, "type: postmortem");
  dir.write("postmortems/2026-05-01-x.md", pm);
  auto check = run_lessonlint({"check", "--format", "json", "postmortems"}, dir.path());
  INFO(check.out);
  CHECK(check.out.find("postmortem/missing-section") == std::string::npos);
  CHECK(check.out.find("postmortem/learning-review-question") == std::string::npos);
  CHECK(check.out.find("postmortem/embedded-lessons") == std::string::npos);

  std::string lr = read_text(dir.path() + "/templates/learning-review.md");
  lr.replace(lr.find("type: template"), 14, "type: learning-review");
  dir.write("learning-reviews/x.md", lr);
  auto lr_check = run_lessonlint({"check", "--format", "json", "learning-reviews"}, dir.path());
  INFO(lr_check.out);
  CHECK(lr_check.out.find("learning-review/missing-section") == std::string::npos);
}

TEST_CASE("init: atomic writes never overwrite unless asked", "[audit]") {
  TempDir dir;
  std::string path = dir.path() + "/a/b.txt";
  CHECK_FALSE(write_file_atomically(path, "one\n", {}));
  auto e = write_file_atomically(path, "two\n", {});
  REQUIRE(e);
  CHECK_THAT(e->to_string(), Catch::Contains("already exists"));
  CHECK(read_text(path) == "one\n");
  CHECK_FALSE(write_file_atomically(path, "three\n", AtomicWrite::replacing()));
  CHECK(read_text(path) == "three\n");
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(dir.path() + "/a")) entries += entry.is_regular_file() ? 1 : 0;
  CHECK(entries == 1);  // no temporary file left behind
}
