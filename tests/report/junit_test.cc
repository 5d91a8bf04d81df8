#include <catch2/catch.hpp>

#include <sstream>

#include "../fixtures/report/sample_run.h"
#include "report/report.h"

using namespace lessonlint;
using lessonlint::test::sample_finding;
using lessonlint::test::sample_run;

namespace {
std::string junit(const RunResult& r) {
  std::ostringstream out;
  write_junit(out, r);
  return out.str();
}
}  // namespace

TEST_CASE("junit: a test case per file, a failure per finding in force", "[report][junit]") {
  CHECK(junit(sample_run()) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuite name=\"lessonlint\" tests=\"3\" failures=\"2\">\n"
        "  <testcase classname=\"postmortem\" name=\"post mortems/café.md\">\n"
        "    <failure message=\"postmortem/embedded-lessons: Lessons at 100% buried: see a, b: c&#10;and d&#13;&#10;\""
        " type=\"error\">post mortems/café.md:3:1: error: Lessons at 100% buried: see a, b: c\nand d&#13;\n"
        " [postmortem/embedded-lessons]</failure>\n"
        "  </testcase>\n"
        "  <testcase classname=\"learning-review\" name=\"../reviews/db-lag.md\">\n"
        "    <failure message=\"learning-review/no-distribution: Shared &lt;nowhere&gt; &amp; &apos;nobody&apos; "
        "&quot;knows&quot;\" type=\"note\">../reviews/db-lag.md:1:1: note: Shared &lt;nowhere&gt; &amp; "
        "&apos;nobody&apos; &quot;knows&quot; [learning-review/no-distribution]</failure>\n"
        "  </testcase>\n"
        "  <testcase classname=\"other\" name=\"../notes/clean.md\"/>\n"
        "</testsuite>\n");
}

TEST_CASE("junit: control characters are dropped and bad UTF-8 replaced", "[report][junit]") {
  RunResult r;
  r.files.push_back(test::file_result("a.md", "a.md", "postmortem"));
  std::string message = std::string("bell\x07 nul", 9) + std::string(1, '\0') + "\x1B[0m esc\x7F del \xC2\x85nel tab\t"
                        "bad\xFF \xC3\xA9t\xC3\xA9 \xEF\xBF\xBE";
  r.findings.push_back(sample_finding("r/x", Severity::Warning, "a.md", "a.md", 1, 1, 2, message, "fp"));
  std::string out = junit(r);
  CHECK(out.find("message=\"r/x: bell nul[0m esc del nel tab&#9;bad\xEF\xBF\xBD \xC3\xA9t\xC3\xA9 \"") !=
        std::string::npos);
  CHECK(out.find(">a.md:1:1: warning: bell nul[0m esc del nel tab\tbad\xEF\xBF\xBD \xC3\xA9t\xC3\xA9  [r/x]</failure>") !=
        std::string::npos);
}

TEST_CASE("junit: failures counts failed files; suppressed and baselined findings pass", "[report][junit]") {
  RunResult r;
  r.files.push_back(test::file_result("a.md", "a.md", "postmortem"));
  r.files.push_back(test::file_result("b.md", "b.md", "learning-review"));
  Finding one = sample_finding("r/one", Severity::Error, "a.md", "a.md", 1, 1, 2, "one", "fp1");
  Finding two = sample_finding("r/two", Severity::Error, "a.md", "a.md", 2, 1, 2, "two", "fp2");
  Finding known = sample_finding("r/known", Severity::Error, "b.md", "b.md", 1, 1, 2, "known", "fp3");
  known.baselined = true;
  Finding stray = sample_finding("r/stray", Severity::Note, "c.md", "c.md", 1, 1, 2, "stray", "fp4");
  r.findings = {one, two, known, stray};
  std::string out = junit(r);
  CHECK(out.find("<testsuite name=\"lessonlint\" tests=\"3\" failures=\"2\">") != std::string::npos);
  CHECK(out.find("<testcase classname=\"learning-review\" name=\"b.md\"/>") != std::string::npos);
  CHECK(out.find("<testcase classname=\"other\" name=\"c.md\">") != std::string::npos);
  CHECK(junit(RunResult{}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"lessonlint\" tests=\"0\" failures=\"0\">\n"
        "</testsuite>\n");
}
