// The engine: configuration (enable, disable, severity, overrides, options),
// inline suppressions and the findings about them, fingerprints, ordering.
#include <catch2/catch.hpp>

#include "engine/engine.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {
const std::string kVague =
    "# Learning review: x\n\n## What we used to believe\nA.\n\n## What we now believe\nB.\n\n"
    "## Where else this applies\nOther teams should read this.\n";
const char* kRule = "learning-review/vague-audience";

Config config_from(const std::string& yaml) {
  auto c = parse_config(yaml, "/repo/.lessonlint.yaml");
  REQUIRE(c.ok());
  return *c;
}
}  // namespace

TEST_CASE("config disables, enables and re-ranks rules", "[engine]") {
  CHECK(only(check_text("a.md", kVague), kRule).size() == 1);
  CHECK(only(check_text("a.md", kVague, config_from("disable: [learning-review/vague-audience]\n")), kRule).empty());
  auto raised = only(check_text("a.md", kVague, config_from("severity: {learning-review/vague-audience: error}\n")), kRule);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].severity == Severity::Error);
  Config per_path = config_from("overrides:\n  - files: ['archive/**']\n    disable: [learning-review/vague-audience]\n");
  CHECK(only(check_text("archive/2019/a.md", kVague, per_path), kRule).empty());
  CHECK(only(check_text("current/a.md", kVague, per_path), kRule).size() == 1);
}

TEST_CASE("config options change a rule's bounds without copying it", "[engine]") {
  std::string words = "# Learning review: x\n\n";
  for (int i = 0; i < 40; ++i) words += "lots of words in this review. ";
  Config tight = config_from("options:\n  learning-review/too-long:\n    max: 100\n");
  CHECK(only(check_text("a.md", words, tight), "learning-review/too-long").size() == 1);
  CHECK(only(check_text("a.md", words), "learning-review/too-long").empty());
  Config bad = config_from("options:\n  learning-review/too-long:\n    maxx: 100\n");
  auto engine = Engine::create(builtin_rules(), bad);
  REQUIRE_FALSE(engine.ok());
  CHECK_THAT(engine.error().message, Catch::Contains("maxx"));
  Config unknown = config_from("disable: [learning-review/vage-audience]\n");
  auto e2 = Engine::create(builtin_rules(), unknown);
  REQUIRE_FALSE(e2.ok());
  CHECK(e2.error().line == 1);
  CHECK_THAT(e2.error().message, Catch::Contains("did you mean 'learning-review/vague-audience'"));
}

TEST_CASE("inline suppressions silence findings and keep them for SARIF", "[engine][suppressions]") {
  auto with = [](const std::string& comment_line_before, int insert_before_line) {
    std::vector<std::string> lines;
    std::string cur;
    for (char c : kVague) {
      if (c == '\n') {
        lines.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    lines.insert(lines.begin() + (insert_before_line - 1), comment_line_before);
    std::string out;
    for (auto& l : lines) out += l + "\n";
    return out;
  };
  SECTION("disable-next-line with a reason") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/vague-audience reason=\"company-wide by design\" -->", 10));
    auto v = only(f, kRule);
    REQUIRE(v.size() == 1);
    CHECK(v[0].suppressed);
    CHECK(v[0].suppression_reason == "company-wide by design");
    CHECK(only(f, "lessonlint/unused-suppression").empty());
  }
  SECTION("disable without ids silences every rule until enable") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable -->", 9));
    REQUIRE(only(f, kRule).size() == 1);
    CHECK(only(f, kRule)[0].suppressed);
  }
  SECTION("enable ends the region") {
    std::string text = "<!-- lessonlint-disable learning-review/vague-audience -->\n<!-- lessonlint-enable learning-review/vague-audience -->\n" + kVague;
    auto f = check_text("a.md", text);
    REQUIRE(only(f, kRule).size() == 1);
    CHECK_FALSE(only(f, kRule)[0].suppressed);
  }
  SECTION("disable-file") {
    auto f = check_text("a.md", kVague + "<!-- lessonlint-disable-file learning-review/vague-audience -->\n");
    CHECK(only(f, kRule)[0].suppressed);
  }
  SECTION("a suppression that silences nothing is reported") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/no-distribution -->", 3));
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK(u[0].line == 3);
    CHECK_THAT(u[0].message, Catch::Contains("silences nothing"));
  }
  SECTION("an unknown rule id is reported with a suggestion") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/vage-audience -->", 10));
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK_THAT(u[0].message, Catch::Contains("did you mean 'learning-review/vague-audience'"));
    CHECK_FALSE(only(f, kRule)[0].suppressed);
  }
  SECTION("a malformed comment is reported") {
    auto f = check_text("a.md", kVague + "<!-- lessonlint-disabel learning-review/vague-audience -->\n");
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK_THAT(u[0].message, Catch::Contains("unknown directive"));
  }
}

TEST_CASE("malformed front matter is a finding and the rest is still checked", "[engine]") {
  std::string text = "---\ntype: learning-review\naudience: [other teams\n---\n" + kVague.substr(kVague.find('\n') + 1);
  auto f = check_text("a.md", "---\ntype: learning-review\naudience: [x\n---\n# Learning review: x\n\n## Where else this applies\nEveryone.\n");
  auto fm = only(f, "lessonlint/front-matter");
  REQUIRE(fm.size() == 1);
  CHECK(fm[0].line >= 3);
  CHECK(fm[0].line <= 4);
  CHECK(fm[0].severity == Severity::Error);
  CHECK(only(f, kRule).size() == 1);
}

TEST_CASE("fingerprints survive edits above the finding", "[engine]") {
  auto before = only(check_text("a.md", kVague), kRule);
  auto after = only(check_text("a.md", "Intro paragraph added later.\n\n" + kVague), kRule);
  REQUIRE(before.size() == 1);
  REQUIRE(after.size() == 1);
  CHECK(before[0].line != after[0].line);
  CHECK(before[0].fingerprint == after[0].fingerprint);
  CHECK(before[0].fingerprint.size() == 32);
  auto other_path = only(check_text("b.md", kVague), kRule);
  CHECK(other_path[0].fingerprint != before[0].fingerprint);
}

TEST_CASE("run() is deterministic and the same with one job or many", "[engine]") {
  MemorySource source;
  std::vector<InputFile> files;
  for (int i = 0; i < 40; ++i) {
    std::string rel = "learning-reviews/r" + std::to_string(i) + ".md";
    source.files[rel] = kVague;
    files.push_back({rel, rel});
  }
  Config config;
  auto engine = Engine::create(builtin_rules(), config);
  REQUIRE(engine.ok());
  RunResult one = (*engine)->run(files, source, 1);
  RunResult many = (*engine)->run(files, source, 4);
  REQUIRE(one.findings.size() == many.findings.size());
  REQUIRE(one.findings.size() >= 80);
  for (std::size_t i = 0; i < one.findings.size(); ++i) {
    CHECK(one.findings[i].path == many.findings[i].path);
    CHECK(one.findings[i].line == many.findings[i].line);
    CHECK(one.findings[i].rule_id == many.findings[i].rule_id);
  }
  CHECK(std::is_sorted(one.findings.begin(), one.findings.end(), finding_less));
}
