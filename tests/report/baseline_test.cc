#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "../fixtures/report/sample_run.h"
#include "report/baseline.h"

using namespace lessonlint;
using lessonlint::test::sample_finding;
using lessonlint::test::sample_run;

namespace {

// A file in a fresh temporary folder, removed with it.
struct TempFile {
  std::filesystem::path dir, path;
  explicit TempFile(const std::string& text) {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("lessonlint-baseline-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
           "-" + std::to_string(++counter));
    std::filesystem::create_directories(dir);
    path = dir / "baseline.json";
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("baseline: written sorted, without suppressed findings", "[report][baseline]") {
  CHECK(baseline_json(sample_run()) == R"({
  "version": 1,
  "tool": "lessonlint",
  "fingerprints": [
    {
      "fingerprint": "fp-a",
      "rule": "postmortem/embedded-lessons",
      "path": "docs/post mortems/café.md"
    },
    {
      "fingerprint": "fp-c",
      "rule": "learning-review/no-distribution",
      "path": "reviews/db-lag.md"
    }
  ]
}
)");
  CHECK(baseline_json(RunResult{}) == "{\n  \"version\": 1,\n  \"tool\": \"lessonlint\",\n  \"fingerprints\": []\n}\n");
}

TEST_CASE("baseline: round trip marks the recorded findings", "[report][baseline]") {
  RunResult first = sample_run();
  TempFile file(baseline_json(first));
  auto read = read_baseline(file.path.string());
  REQUIRE(read.ok());
  CHECK(*read == std::set<std::string>{"fp-a", "fp-c"});

  RunResult second = sample_run();
  second.findings.push_back(sample_finding("r/new", Severity::Error, "z.md", "z.md", 1, 1, 2, "new", "fp-new"));
  CHECK(apply_baseline(second, *read) == 2);
  CHECK(second.findings[0].baselined);        // fp-c
  CHECK_FALSE(second.findings[1].baselined);  // fp-b: suppressed inline, left alone
  CHECK(second.findings[2].baselined);        // fp-a
  CHECK_FALSE(second.findings[3].baselined);  // new

  // Regenerating from a run that used the baseline keeps the baselined findings.
  second.findings.pop_back();
  CHECK(baseline_json(second) == baseline_json(first));
}

TEST_CASE("baseline: errors name the file", "[report][baseline]") {
  SECTION("missing") {
    auto r = read_baseline("/nonexistent/lessonlint/baseline.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().to_string() ==
          "/nonexistent/lessonlint/baseline.json: cannot read the baseline: No such file or directory");
  }
  SECTION("bad JSON") {
    TempFile file("{\n  \"version\": 1,\n  \"fingerprints\": [}\n");
    auto r = read_baseline(file.path.string());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == file.path.string());
    CHECK(r.error().line == 3);
    CHECK(r.error().column == 20);
    CHECK(r.error().message.rfind("the baseline is not valid JSON: syntax error", 0) == 0);
  }
  SECTION("wrong shape") {
    struct Case {
      const char* text;
      const char* message;
    };
    for (const Case& c : {
             Case{"[]", "the baseline is not an object"},
             Case{R"({"fingerprints": []})", "the baseline has no \"version\" number"},
             Case{R"({"version": 2, "fingerprints": []})", "unsupported baseline version 2"},
             Case{R"({"version": 1, "tool": "other", "fingerprints": []})", "the baseline was not written by lessonlint"},
             Case{R"({"version": 1})", "the baseline has no \"fingerprints\" array"},
             Case{R"({"version": 1, "fingerprints": ["fp-a"]})", "fingerprints[0] is not an object"},
             Case{R"({"version": 1, "fingerprints": [{"fingerprint": "a"}, {"fingerprint": 3}]})",
                  "fingerprints[1] is not an object"},
         }) {
      TempFile file(c.text);
      auto r = read_baseline(file.path.string());
      INFO(c.text);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().file == file.path.string());
      CHECK(r.error().message.rfind(c.message, 0) == 0);
    }
  }
}
