#include <catch2/catch.hpp>

#include <sstream>

#include "../fixtures/report/sample_run.h"
#include "report/report.h"

using namespace lessonlint;
using lessonlint::test::sample_run;

namespace {
std::string gitlab(const RunResult& r) {
  std::ostringstream out;
  write_gitlab(out, r);
  return out.str();
}
}  // namespace

TEST_CASE("gitlab: Code Quality issues for findings in force", "[report][gitlab]") {
  CHECK(gitlab(sample_run()) == R"([
  {
    "description": "Shared <nowhere> & 'nobody' \"knows\"",
    "check_name": "learning-review/no-distribution",
    "fingerprint": "fp-c",
    "severity": "info",
    "location": {
      "path": "reviews/db-lag.md",
      "lines": {
        "begin": 1
      }
    }
  },
  {
    "description": "Lessons at 100% buried: see a, b: c\nand d\r\n",
    "check_name": "postmortem/embedded-lessons",
    "fingerprint": "fp-a",
    "severity": "critical",
    "location": {
      "path": "docs/post mortems/café.md",
      "lines": {
        "begin": 3
      }
    }
  }
]
)");
}

TEST_CASE("gitlab: severities, baselined findings and an empty report", "[report][gitlab]") {
  RunResult r = sample_run();
  r.findings[0].severity = Severity::Warning;
  r.findings[2].baselined = true;
  std::string out = gitlab(r);
  CHECK(out.find("\"severity\": \"major\"") != std::string::npos);
  CHECK(out.find("fp-a") == std::string::npos);
  CHECK(out.find("fp-b") == std::string::npos);  // suppressed inline
  CHECK(gitlab(RunResult{}) == "[]\n");
}
