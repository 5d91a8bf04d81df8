// Rule files are a user-facing contract: every mistake in one is an error
// that names the file and line.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "document/document.h"
#include "engine/engine.h"
#include "rules/loader.h"
#include "rules/rule.h"
#include "source/source.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {
const char* kValid = R"(id: acme/no-blame
kinds: [postmortem]
severity: warning
message: "Blameful wording: {match}"
check:
  type: phrase
  pattern: '(?i)\b(careless|should have known)\b'
docs:
  summary: Blameful wording in a postmortem.
)";

Error error_of(const std::string& yaml, const std::string& file = "rules/acme/no-blame.yaml") {
  auto r = parse_rule(yaml, file, false);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("a valid rule file loads", "[rules][loader]") {
  auto r = parse_rule(kValid, "rules/acme/no-blame.yaml", false);
  REQUIRE(r.ok());
  CHECK(r->id == "acme/no-blame");
  CHECK(r->severity == Severity::Warning);
  CHECK(r->check_type == "phrase");
  CHECK(r->applies_to("postmortem"));
  CHECK_FALSE(r->applies_to("learning-review"));
}

TEST_CASE("rule file errors name the file and line", "[rules][loader]") {
  SECTION("bad regex") {
    Error e = error_of(replace(kValid, R"('(?i)\b(careless|should have known)\b')", "'(unclosed'"));
    CHECK(e.file == "rules/acme/no-blame.yaml");
    CHECK(e.line == 7);
    CHECK_THAT(e.message, Catch::Contains("not a valid regular expression"));
  }
  SECTION("unknown key with a suggestion") {
    Error e = error_of(replace(kValid, "  pattern:", "  patern:"));
    CHECK(e.line == 7);
    CHECK_THAT(e.message, Catch::Contains("unknown key 'patern'") && Catch::Contains("did you mean 'pattern'"));
  }
  SECTION("unknown top-level key") {
    Error e = error_of(std::string(kValid) + "severty: error\n");
    CHECK(e.line == 10);
    CHECK_THAT(e.message, Catch::Contains("severty"));
  }
  SECTION("unknown check type") {
    Error e = error_of(replace(kValid, "type: phrase", "type: phrases"));
    CHECK(e.line == 6);
    CHECK_THAT(e.message, Catch::Contains("unknown check type 'phrases'") && Catch::Contains("did you mean 'phrase'"));
  }
  SECTION("missing field") {
    Error e = error_of(replace(kValid, "severity: warning\n", ""));
    CHECK_THAT(e.message, Catch::Contains("needs `severity`"));
  }
  SECTION("bad severity") {
    Error e = error_of(replace(kValid, "severity: warning", "severity: fatal"));
    CHECK(e.line == 3);
  }
  SECTION("file not named after the id") {
    Error e = error_of(kValid, "rules/acme/blame.yaml");
    CHECK_THAT(e.message, Catch::Contains("no-blame.yaml"));
  }
  SECTION("not YAML") {
    Error e = error_of("id: [unclosed\nkinds: x\n");
    CHECK(e.line >= 1);
    CHECK_THAT(e.message, Catch::Contains("invalid YAML"));
  }
  SECTION("check type parameters are validated") {
    Error e = error_of(replace(kValid, "  pattern: '(?i)\\b(careless|should have known)\\b'\n", ""));
    CHECK_THAT(e.message, Catch::Contains("needs a pattern"));
  }
  SECTION("a passage check: exclusions are named, and where they are matched is sentence or paragraph") {
    std::string passage = replace(kValid, "  type: phrase\n  pattern: '(?i)\\b(careless|should have known)\\b'\n",
                                  "  type: passage\n  exclusions:\n    - name: ours\n      within: page\n"
                                  "      pattern: 'we'\n  addressees:\n    - name: all\n      pattern: 'all teams'\n"
                                  "      unless: [ours]\n");
    Error e = error_of(passage);
    CHECK(e.line == 9);
    CHECK_THAT(e.message, Catch::Contains("within must be sentence or paragraph"));
    Error unnamed = error_of(replace(replace(passage, "within: page", "within: paragraph"), "unless: [ours]", "unless: [theirs]"));
    CHECK(unnamed.line == 14);
    CHECK_THAT(unnamed.message, Catch::Contains("'theirs', which is not one of the exclusions"));
  }
}

TEST_CASE("docs: optional for a user's rule, required for a built-in one", "[rules][loader]") {
  std::string bare = kValid;
  bare = bare.substr(0, bare.find("docs:"));
  auto user = parse_rule(bare, "rules/acme/no-blame.yaml", false);
  REQUIRE(user.ok());
  CHECK(user->docs.summary.empty());
  CHECK(user->message == "Blameful wording: {match}");
  auto builtin = parse_rule(bare, "rules/postmortem/no-blame.yaml", true);
  REQUIRE_FALSE(builtin.ok());
  CHECK(builtin.error().file == "rules/postmortem/no-blame.yaml");
  CHECK(builtin.error().line == 1);
  CHECK_THAT(builtin.error().message, Catch::Contains("a built-in rule needs `docs`"));
  // Every rule that ships has docs.
  auto shipped = load_rules({});
  REQUIRE(shipped.ok());
  for (const auto& r : shipped->rules) {
    INFO(r.id);
    CHECK_FALSE(r.docs.summary.empty());
  }
  // Without docs, an unknown key and a bad pattern are still errors with their line.
  Error unknown = error_of(bare + "colour: red\n");
  CHECK(unknown.line == 8);
  CHECK_THAT(unknown.message, Catch::Contains("colour"));
  Error pattern = error_of(replace(bare, R"('(?i)\b(careless|should have known)\b')", "'(unclosed'"));
  CHECK(pattern.line == 7);
}

TEST_CASE("superseded-by must name a loaded rule other than itself", "[rules][loader]") {
  TempDir dir;
  dir.write("no-blame.yaml", replace(kValid, "check:\n", "superseded-by: [acme/no-blam]\ncheck:\n"));
  auto set = load_rules({dir.path()});
  REQUIRE_FALSE(set.ok());
  CHECK_THAT(set.error().file, Catch::EndsWith("no-blame.yaml"));
  CHECK_THAT(set.error().message, Catch::Contains("superseded by 'acme/no-blam', which is not loaded"));
  dir.write("no-blame.yaml", replace(kValid, "check:\n", "superseded-by: [learning-review/summary-only]\ncheck:\n"));
  CHECK(load_rules({dir.path()}).ok());
}

TEST_CASE("a user rule folder adds rules and replaces built-in ones", "[rules][loader]") {
  TempDir dir;
  dir.write("acme/no-blame.yaml", kValid);
  std::string replaced = R"(id: learning-review/too-long
kinds: [learning-review]
severity: error
message: "Too long: {count} words"
check:
  type: metric
  measure: words
  max: 10
docs:
  summary: Our reviews are tweets.
)";
  dir.write("too-long.yaml", replaced);
  auto set = load_rules({dir.path()});
  REQUIRE(set.ok());
  REQUIRE(set->find("acme/no-blame"));
  const Rule* r = set->find("learning-review/too-long");
  REQUIRE(r);
  CHECK_FALSE(r->builtin);
  CHECK(r->severity == Severity::Error);
  CHECK(set->rules.size() == builtin_rules().rules.size() + 1);
}

TEST_CASE("a missing rule folder and a duplicate id are errors", "[rules][loader]") {
  auto missing = load_rules({"/nonexistent/lessonlint-rules"});
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("does not exist"));
  TempDir dir;
  dir.write("a/no-blame.yaml", kValid);
  dir.write("b/no-blame.yaml", kValid);
  auto dup = load_rules({dir.path()});
  REQUIRE_FALSE(dup.ok());
  CHECK_THAT(dup.error().message, Catch::Contains("defined twice"));
}

TEST_CASE("a catastrophic-backtracking pattern runs in linear time", "[rules][loader]") {
  // (a+)+$ takes exponential time in backtracking engines; re2 does not backtrack.
  std::string rule = R"(id: acme/backtrack
kinds: [any]
severity: note
message: "matched"
check:
  type: phrase
  pattern: '(a+)+$'
docs:
  summary: A hostile pattern.
)";
  TempDir dir;
  dir.write("backtrack.yaml", rule);
  auto set = load_rules({dir.path()});
  REQUIRE(set.ok());
  Config config;
  auto engine = Engine::create(*set, config);
  REQUIRE(engine.ok());
  std::string text = "# Notes\n\n" + std::string(200000, 'a') + "!\n";
  MemorySource source;
  Document doc = parse_document("notes.md", text);
  auto findings = (*engine)->check_document(doc, {"notes.md", "notes.md"}, source);
  CHECK(only(findings, "acme/backtrack").empty());  // the "!" stops the match; it must simply finish
}

TEST_CASE("expand_message: {name} takes the variable's value; anything else stays as written", "[rules]") {
  // The first implementation, a byte at a time with a key per brace.
  auto reference = [](const std::string& templ, const std::map<std::string, std::string>& vars) {
    std::string out;
    for (std::size_t i = 0; i < templ.size(); ++i) {
      if (templ[i] == '{') {
        std::size_t close = templ.find('}', i);
        if (close != std::string::npos) {
          auto it = vars.find(templ.substr(i + 1, close - i - 1));
          if (it != vars.end()) {
            out += it->second;
            i = close;
            continue;
          }
        }
      }
      out += templ[i];
    }
    return out;
  };
  const std::map<std::string, std::string> vars = {{"count", "7"}, {"max", "{count}"}, {"section", ""}, {"", "empty"}};
  CHECK(expand_message("{count} words, over {max}", vars) == "7 words, over {count}");
  CHECK(expand_message("{{count}} {unknown} {count", vars) == "{7} {unknown} {count");
  CHECK(expand_message("{}{section}.", vars) == "empty.");
  const std::vector<std::string> pieces = {"{", "}", "count", "max", "section", "x", " ", "{count}", "{nope}", "{}"};
  std::mt19937 rng(9);
  for (int round = 0; round < 5000; ++round) {
    std::string templ;
    for (int n = static_cast<int>(rng() % 12); n > 0; --n) templ += pieces[rng() % pieces.size()];
    INFO(templ);
    REQUIRE(expand_message(templ, vars) == reference(templ, vars));
  }
}
