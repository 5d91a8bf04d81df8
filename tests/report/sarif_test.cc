#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fixtures/report/sample_run.h"
#include "report/report.h"
#include "test_support.h"
#include "util/version.h"

using namespace lessonlint;
using lessonlint::test::sample_finding;
using lessonlint::test::sample_run;
using json = nlohmann::json;

namespace {

const RuleSet& builtin_rules() {
  static const RuleSet rules = [] {
    auto loaded = load_rules({});
    if (!loaded) FAIL("built-in rules: " << loaded.error().to_string());
    return *loaded;
  }();
  return rules;
}

std::string sarif_text(const RunResult& r, const RunInfo& info) {
  std::ostringstream out;
  write_sarif(out, r, builtin_rules(), info);
  return out.str();
}

json sarif(const RunResult& r, const RunInfo& info = {}) { return json::parse(sarif_text(r, info)); }

const json* rule_by_id(const json& run, const std::string& id) {
  for (const auto& rule : run["tool"]["driver"]["rules"])
    if (rule["id"] == id) return &rule;
  return nullptr;
}

}  // namespace

TEST_CASE("sarif: log, driver and run-level members", "[report][sarif]") {
  RunInfo info;
  info.root = "/srv/my repo#1";
  info.command_line = "lessonlint check --format sarif docs";
  json log = sarif(sample_run(), info);
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "lessonlint");
  CHECK(run["tool"]["driver"]["semanticVersion"] == LESSONLINT_VERSION);
  CHECK(run["tool"]["driver"]["informationUri"] == LESSONLINT_INFORMATION_URI);
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/my%20repo%231/");
  CHECK(run["invocations"] ==
        json::parse(R"([{"executionSuccessful": true, "commandLine": "lessonlint check --format sarif docs"}])"));
  CHECK_FALSE(run.contains("automationDetails"));
  CHECK_FALSE(run.contains("versionControlProvenance"));

  REQUIRE(run["artifacts"].size() == 3);
  CHECK(run["artifacts"][0] == json::parse(R"({"location": {"uri": "docs/post%20mortems/caf%C3%A9.md",
                                                             "uriBaseId": "%SRCROOT%"},
                                               "properties": {"kind": "postmortem", "kindReason": "type: postmortem"},
                                               "sourceLanguage": "markdown"})"));
  CHECK(run["artifacts"][1]["location"]["uri"] == "reviews/db-lag.md");
  CHECK(run["artifacts"][2]["location"]["uri"] == "notes/clean.md");
}

TEST_CASE("sarif: every rule is described, results point at them", "[report][sarif]") {
  json run = sarif(sample_run())["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == builtin_rules().rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = builtin_rules().rules[i];
    CHECK(rules[i]["id"] == rule.id);
    CHECK(!rules[i]["shortDescription"]["text"].get<std::string>().empty());
    CHECK(!rules[i]["fullDescription"]["text"].get<std::string>().empty());
    CHECK(!rules[i]["help"]["text"].get<std::string>().empty());
    CHECK(rules[i]["defaultConfiguration"]["level"] == std::string(severity_name(rule.severity)));
  }

  const json* vague = rule_by_id(run, "learning-review/vague-audience");
  REQUIRE(vague);
  CHECK((*vague)["name"] == "LearningReviewVagueAudience");
  CHECK((*vague)["properties"]["tags"] == json::parse(R"(["learning-review", "mission"])"));
  std::string markdown = (*vague)["help"]["markdown"];
  CHECK(markdown.find("**Bad**\n\n```markdown\n# Learning review") != std::string::npos);
  CHECK(markdown.find("**Good**\n\n```markdown\n") != std::string::npos);
  CHECK(markdown.find("**Fix:** Name the teams") != std::string::npos);
  std::string text = (*vague)["help"]["text"];
  CHECK(text.find("```") == std::string::npos);
  const json* front = rule_by_id(run, "lessonlint/front-matter");
  REQUIRE(front);
  CHECK((*front)["name"] == "LessonlintFrontMatter");
  CHECK((*front)["properties"]["tags"][0] == "any");

  const json& results = run["results"];
  REQUIRE(results.size() == 3);
  for (const auto& r : results) {
    REQUIRE(r.contains("ruleIndex"));
    CHECK(rules[r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    const json& artifact = r["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(run["artifacts"][artifact["index"].get<std::size_t>()]["location"]["uri"] == artifact["uri"]);
    CHECK(artifact["uriBaseId"] == "%SRCROOT%");
    CHECK_FALSE(r.contains("baselineState"));  // no baseline in use
  }
}

TEST_CASE("sarif: a user's rule without docs is described by its message", "[report][sarif]") {
  lessonlint::test::TempDir dir;
  dir.write("acme/no-blame.yaml", lessonlint::test::kUserRuleWithoutDocs);
  auto rules = load_rules({dir.path()});
  REQUIRE(rules.ok());
  std::ostringstream out;
  write_sarif(out, RunResult{}, *rules, RunInfo{});
  json run = json::parse(out.str())["runs"][0];
  const json* rule = rule_by_id(run, "acme/no-blame");
  REQUIRE(rule);
  CHECK((*rule)["shortDescription"]["text"] == "Blameful wording: {match}");
  CHECK((*rule)["fullDescription"]["text"] == "Blameful wording: {match}");
  CHECK(!(*rule)["help"]["text"].get<std::string>().empty());
}

TEST_CASE("sarif: results carry location, fingerprint and suppressions", "[report][sarif]") {
  json results = sarif(sample_run())["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  // sample_run order: no-distribution (note), vague-audience (suppressed), embedded-lessons
  const json& note = results[0];
  const json& suppressed = results[1];
  const json& error = results[2];
  CHECK(note["level"] == "note");
  CHECK(note["message"]["text"] == "Shared <nowhere> & 'nobody' \"knows\"");
  CHECK_FALSE(note.contains("suppressions"));
  CHECK_FALSE(note["locations"][0]["physicalLocation"]["region"].contains("snippet"));

  CHECK(error["ruleId"] == "postmortem/embedded-lessons");
  CHECK(error["level"] == "error");
  CHECK(error["message"]["text"] == "Lessons at 100% buried: see a, b: c\nand d\r\n");
  CHECK(error["locations"][0]["physicalLocation"] == json::parse(R"({
    "artifactLocation": {"uri": "docs/post%20mortems/caf%C3%A9.md", "uriBaseId": "%SRCROOT%", "index": 0},
    "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 11, "snippet": {"text": "## Lessons"}}
  })"));
  CHECK(error["partialFingerprints"] == json::parse(R"({"lessonlint/v1": "fp-a"})"));

  CHECK(suppressed["level"] == "warning");
  CHECK(suppressed["suppressions"] ==
        json::parse(R"([{"kind": "inSource", "justification": "agreed with the SRE guild"}])"));
  RunResult r = sample_run();
  r.findings[1].suppression_reason.clear();
  CHECK(sarif(r)["runs"][0]["results"][1]["suppressions"] == json::parse(R"([{"kind": "inSource"}])"));
}

TEST_CASE("sarif: URIs are percent-encoded per RFC 3986", "[report][sarif]") {
  RunResult r;
  r.findings.push_back(sample_finding("r/x", Severity::Warning, "x", "a b/100%#?x:y[1]+é.md", 1, 1, 2, "m", "fp"));
  json run = sarif(r)["runs"][0];
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "a%20b/100%25%23%3Fx%3Ay%5B1%5D%2B%C3%A9.md");
  // A finding on a file the run did not list still gets an artifact.
  REQUIRE(run["artifacts"].size() == 1);
  CHECK(run["artifacts"][0]["location"]["uri"] == "a%20b/100%25%23%3Fx%3Ay%5B1%5D%2B%C3%A9.md");
  // An unknown rule keeps its id but has no index.
  CHECK(run["results"][0]["ruleId"] == "r/x");
  CHECK_FALSE(run["results"][0].contains("ruleIndex"));
}

TEST_CASE("sarif: category, provenance and baseline state", "[report][sarif]") {
  RunInfo info;
  info.category = "lessonlint-docs";
  info.repository_uri = "https://x-access-token:secret@github.com/acme/handbook.git";
  info.revision = "0123456789abcdef0123456789abcdef01234567";
  info.success = false;
  info.baseline = true;
  RunResult r = sample_run();
  r.findings[2].baselined = true;
  json run = sarif(r, info)["runs"][0];
  CHECK(run["automationDetails"]["id"] == "lessonlint-docs/");
  CHECK(run["versionControlProvenance"] == json::parse(R"([{
    "repositoryUri": "https://github.com/acme/handbook.git",
    "revisionId": "0123456789abcdef0123456789abcdef01234567",
    "mappedTo": {"uriBaseId": "%SRCROOT%"}}])"));
  CHECK(run["invocations"] == json::parse(R"([{"executionSuccessful": false}])"));
  CHECK_FALSE(run.contains("originalUriBaseIds"));  // no root given
  CHECK(run["results"][0]["baselineState"] == "new");
  CHECK(run["results"][2]["baselineState"] == "unchanged");

  info.category = "lessonlint/docs/";
  info.repository_uri = "git@github.com:acme/handbook.git";
  info.branch = "main";
  run = sarif(r, info)["runs"][0];
  CHECK(run["automationDetails"]["id"] == "lessonlint/docs/");
  CHECK(run["versionControlProvenance"][0]["repositoryUri"] == "ssh://git@github.com/acme/handbook.git");
  CHECK(run["versionControlProvenance"][0]["branch"] == "main");
}

TEST_CASE("sarif: an empty run is a full log", "[report][sarif]") {
  json log = sarif(RunResult{});
  const json& run = log["runs"][0];
  CHECK(run["results"] == json::array());
  CHECK(run["artifacts"] == json::array());
  CHECK(run["tool"]["driver"]["rules"].size() == builtin_rules().rules.size());
  for (const char* id : {"postmortem/embedded-lessons", "learning-review/summary-only",
                         "learning-review/vague-audience", "learning-review/no-distribution"}) {
    const json* rule = rule_by_id(run, id);
    REQUIRE(rule);
    const json& tags = (*rule)["properties"]["tags"];
    CHECK(std::find(tags.begin(), tags.end(), "mission") != tags.end());
  }
}

// Writes sample logs for tests/report/sarif_validation.sh to check with the
// SARIF validator; does nothing unless LESSONLINT_SARIF_OUT names a folder.
TEST_CASE("sarif: write sample logs for the validator", "[report][sarif-write]") {
  const char* dir = std::getenv("LESSONLINT_SARIF_OUT");
  if (!dir || !*dir) {
    SUCCEED("LESSONLINT_SARIF_OUT is not set; nothing written");
    return;
  }
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const RunResult& r, const RunInfo& info) {
    std::ofstream out(std::filesystem::path(dir) / name, std::ios::binary);
    REQUIRE(out);
    write_sarif(out, r, builtin_rules(), info);
    REQUIRE(out.good());
  };
  RunInfo info;
  info.root = "/home/ci/work/hand book/é";
  info.command_line = "lessonlint check --format sarif .";

  write("empty.sarif", RunResult{}, info);

  RunResult paths = sample_run();
  for (auto& f : paths.findings) f.suppressed = false;
  write("paths.sarif", paths, info);

  RunResult unicode;
  unicode.files.push_back(test::file_result("revues/leçons apprises.md", "revues/leçons apprises.md", "learning-review"));
  Finding f = sample_finding("learning-review/vague-audience", Severity::Warning, "revues/leçons apprises.md",
                             "revues/leçons apprises.md", 7, 4, 21,
                             "Public « tout le monde » trop vague — 日本語のチーム 😀: nommez les équipes", "fp-u");
  f.snippet = "Pour « tout le monde » 😀";
  unicode.findings.push_back(f);
  write("unicode-message.sarif", unicode, info);

  RunInfo baseline_info = info;
  baseline_info.baseline = true;
  RunResult suppressed = sample_run();
  suppressed.findings[0].suppressed = true;  // no justification
  suppressed.findings[2].baselined = true;
  write("suppressed.sarif", suppressed, baseline_info);

  RunInfo category_info = info;
  category_info.category = "lessonlint/handbook";
  category_info.repository_uri = "https://github.com/acme/handbook.git";
  category_info.revision = "0123456789abcdef0123456789abcdef01234567";
  category_info.branch = "refs/heads/main";
  write("category.sarif", sample_run(), category_info);
}
