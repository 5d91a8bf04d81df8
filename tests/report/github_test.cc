#include <catch2/catch.hpp>

#include <sstream>

#include "../fixtures/report/sample_run.h"
#include "report/report.h"

using namespace lessonlint;
using lessonlint::test::sample_finding;
using lessonlint::test::sample_run;

namespace {
std::string github(const RunResult& r) {
  std::ostringstream out;
  write_github(out, r);
  return out.str();
}
}  // namespace

TEST_CASE("github: one workflow command per finding in force, escaped like @actions/core", "[report][github]") {
  CHECK(github(sample_run()) ==
        "::notice file=reviews/db-lag.md,line=1,col=1,endLine=1,endColumn=1,title=learning-review/no-distribution"
        "::Shared <nowhere> & 'nobody' \"knows\"\n"
        "::error file=docs/post mortems/café.md,line=3,col=1,endLine=3,endColumn=11,title=postmortem/embedded-lessons"
        "::Lessons at 100%25 buried: see a, b: c%0Aand d%0D%0A\n");
}

TEST_CASE("github: property values escape colons, commas and percent signs", "[report][github]") {
  RunResult r;
  r.findings.push_back(sample_finding("x/a,b:c", Severity::Warning, "shown", "docs/50%,a:b\nc.md", 2, 3, 7,
                                      "m: a, b", "fp"));
  CHECK(github(r) ==
        "::warning file=docs/50%25%2Ca%3Ab%0Ac.md,line=2,col=3,endLine=2,endColumn=7,title=x/a%2Cb%3Ac::m: a, b\n");
}

TEST_CASE("github: baselined findings are silent; multi-line findings carry no columns", "[report][github]") {
  RunResult r;
  Finding known = sample_finding("r/known", Severity::Error, "a.md", "a.md", 1, 1, 2, "known", "fp1");
  known.baselined = true;
  Finding multi = sample_finding("r/multi", Severity::Warning, "a.md", "a.md", 4, 2, 5, "spans", "fp2");
  multi.end_line = 6;
  r.findings = {known, multi};
  CHECK(github(r) == "::warning file=a.md,line=4,endLine=6,title=r/multi::spans\n");
  CHECK(github(RunResult{}).empty());
}
