// .lessonlint.yaml: every key, errors that name the file and the 1-based line,
// rule ids checked against the loaded rules, and finding the file.

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "rules/loader.h"

using namespace lessonlint;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kPath = "/srv/repo/.lessonlint.yaml";

Expected<Config> parse(const std::string& text) { return parse_config(text, kPath); }

// The error of a config that must not parse.
Error error_of(const std::string& text) {
  auto c = parse(text);
  REQUIRE_FALSE(c.ok());
  return c.error();
}

const RuleSet& builtin_rules() {
  static const RuleSet rules = [] {
    auto r = load_rules({});
    REQUIRE(r.ok());
    return *r;
  }();
  return rules;
}

// A temporary folder, removed with everything in it at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "lessonlint-config-test-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    m_path = fs::canonical(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void touch(const fs::path& p, const std::string& content = "") {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << content;
}

}  // namespace

// ---------------------------------------------------------------------------
// Every key

TEST_CASE("an empty configuration has the defaults", "[config]") {
  for (const char* text : {"", "# only a comment\n"}) {
    auto c = parse(text);
    REQUIRE(c.ok());
    CHECK(c->file == kPath);
    CHECK(c->root == "/srv/repo");
    CHECK(c->rule_folders.empty());
    CHECK(c->rules.enable.empty());
    CHECK(c->rules.disable.empty());
    CHECK(c->kinds.empty());
    CHECK(c->max_file_size == 10u * 1024 * 1024);
  }
}

TEST_CASE("parse_config reads every key", "[config]") {
  const std::string text =
      "rules: [team-rules, ../shared/rules]\n"           // 1
      "enable:\n"                                        // 2
      "  - postmortem/too-long\n"                        // 3
      "disable: [learning-review/vague-audience]\n"      // 4
      "severity:\n"                                      // 5
      "  postmortem/missing-section: warning\n"          // 6
      "  postmortem/too-long: info\n"                    // 7
      "include: [\"docs/**/*.md\"]\n"                    // 8
      "exclude:\n"                                       // 9
      "  - docs/drafts/\n"                               // 10
      "  - \"**/CHANGELOG.md\"\n"                        // 11
      "kinds:\n"                                         // 12
      "  postmortem: [\"ops/incidents/**\"]\n"           // 13
      "  learning-review: \"ops/reviews/*.md\"\n"        // 14
      "  other: [ops/templates/]\n"                      // 15
      "overrides:\n"                                     // 16
      "  - files: [\"docs/legacy/**\"]\n"                // 17
      "    disable: [postmortem/too-long]\n"             // 18
      "    severity:\n"                                  // 19
      "      postmortem/missing-section: note\n"         // 20
      "  - files: \"docs/new/**\"\n"                     // 21
      "    enable: [postmortem/action-item-owner]\n"     // 22
      "channels: [\"#incidents\", \"#eng-all\"]\n"       // 23
      "teams: [sre, payments]\n"                         // 24
      "options:\n"                                       // 25
      "  postmortem/too-long:\n"                         // 26
      "    max-words: 4000\n"                            // 27
      "max-file-size: 5MB\n";                            // 28
  auto c = parse(text);
  REQUIRE(c.ok());

  CHECK(c->rule_folders == std::vector<std::string>{"/srv/repo/team-rules", "/srv/shared/rules"});

  REQUIRE(c->rules.enable.size() == 1);
  CHECK(c->rules.enable[0].value == "postmortem/too-long");
  CHECK(c->rules.enable[0].line == 3);
  CHECK(c->rules.enable[0].column == 5);
  REQUIRE(c->rules.disable.size() == 1);
  CHECK(c->rules.disable[0].value == "learning-review/vague-audience");
  CHECK(c->rules.disable[0].line == 4);
  CHECK(c->rules.disable[0].column == 11);
  REQUIRE(c->rules.severity.size() == 2);
  CHECK(c->rules.severity[0].first.value == "postmortem/missing-section");
  CHECK(c->rules.severity[0].first.line == 6);
  CHECK(c->rules.severity[0].second == Severity::Warning);
  CHECK(c->rules.severity[1].first.value == "postmortem/too-long");
  CHECK(c->rules.severity[1].first.line == 7);
  CHECK(c->rules.severity[1].second == Severity::Note);  // "info" is note

  CHECK(c->include == std::vector<std::string>{"docs/**/*.md"});
  CHECK(c->exclude == std::vector<std::string>{"docs/drafts/", "**/CHANGELOG.md"});

  REQUIRE(c->kinds.size() == 3);
  CHECK(c->kinds[0].kind == "postmortem");
  CHECK(c->kinds[0].globs == std::vector<std::string>{"ops/incidents/**"});
  CHECK(c->kinds[1].kind == "learning-review");
  CHECK(c->kinds[1].globs == std::vector<std::string>{"ops/reviews/*.md"});  // one glob as a scalar
  CHECK(c->kinds[2].kind == "other");

  REQUIRE(c->overrides.size() == 2);
  CHECK(c->overrides[0].files == std::vector<std::string>{"docs/legacy/**"});
  REQUIRE(c->overrides[0].rules.disable.size() == 1);
  CHECK(c->overrides[0].rules.disable[0].value == "postmortem/too-long");
  CHECK(c->overrides[0].rules.disable[0].line == 18);
  REQUIRE(c->overrides[0].rules.severity.size() == 1);
  CHECK(c->overrides[0].rules.severity[0].second == Severity::Note);
  CHECK(c->overrides[0].rules.severity[0].first.line == 20);
  CHECK(c->overrides[1].files == std::vector<std::string>{"docs/new/**"});
  REQUIRE(c->overrides[1].rules.enable.size() == 1);
  CHECK(c->overrides[1].rules.enable[0].line == 22);

  CHECK(c->channels == std::vector<std::string>{"#incidents", "#eng-all"});
  CHECK(c->teams == std::vector<std::string>{"sre", "payments"});

  REQUIRE(c->options.count("postmortem/too-long") == 1);
  const auto& [node, ref] = c->options.at("postmortem/too-long");
  CHECK(node["max-words"].as<int>() == 4000);
  CHECK(ref.line == 26);
  CHECK(ref.column == 3);

  CHECK(c->max_file_size == 5u * 1024 * 1024);

  // Every id above is a built-in rule.
  CHECK_FALSE(validate_rule_ids(*c, builtin_rules()).has_value());
}

TEST_CASE("a single rule id may be written without a list", "[config]") {
  auto c = parse("disable: postmortem/too-long\n");
  REQUIRE(c.ok());
  REQUIRE(c->rules.disable.size() == 1);
  CHECK(c->rules.disable[0].value == "postmortem/too-long");
  CHECK(c->rules.disable[0].line == 1);
  CHECK(c->rules.disable[0].column == 10);
}

TEST_CASE("max-file-size units", "[config]") {
  struct Case {
    const char* value;
    std::uint64_t bytes;
  };
  const Case cases[] = {{"5MB", 5u * 1024 * 1024}, {"512KB", 512u * 1024}, {"1048576", 1048576},
                        {"5 mb", 5u * 1024 * 1024}, {"2k", 2048},          {"1GiB", 1024ull * 1024 * 1024},
                        {"100b", 100}};
  for (const Case& k : cases) {
    INFO(k.value);
    auto c = parse(std::string("max-file-size: ") + k.value + "\n");
    REQUIRE(c.ok());
    CHECK(c->max_file_size == k.bytes);
  }
}

TEST_CASE("the root is the config file's folder", "[config]") {
  auto c = parse_config("rules: [r]\n", "/a/b/c/.lessonlint.yml");
  REQUIRE(c.ok());
  CHECK(c->root == "/a/b/c");
  CHECK(c->rule_folders == std::vector<std::string>{"/a/b/c/r"});
}

// ---------------------------------------------------------------------------
// Errors name the file and the line

TEST_CASE("an unknown top-level key is an error with a suggestion", "[config]") {
  Error e = error_of("include: [\"*.md\"]\ndisabel: [postmortem/too-long]\n");
  CHECK(e.file == kPath);
  CHECK(e.line == 2);
  CHECK(e.column == 1);
  CHECK_THAT(e.message, Contains("unknown key 'disabel'"));
  CHECK_THAT(e.message, Contains("did you mean 'disable'"));
  CHECK(e.to_string() == kPath +
                             ":2:1: unknown key 'disabel' in the configuration (did you mean 'disable'?)");
}

TEST_CASE("other misspelt keys get suggestions too", "[config]") {
  Error e = error_of("max_file_size: 5MB\n");
  CHECK(e.line == 1);
  CHECK_THAT(e.message, Contains("did you mean 'max-file-size'"));
  Error k = error_of("\n\nkind:\n  postmortem: [x]\n");
  CHECK(k.line == 3);
  CHECK_THAT(k.message, Contains("did you mean 'kinds'"));
}

TEST_CASE("text that is not YAML is an error with file and line", "[config]") {
  SECTION("an unclosed flow sequence") {
    Error e = error_of("rules: [unclosed\n");
    CHECK(e.file == kPath);
    CHECK(e.line == 1);  // yaml-cpp reports the end of the input; lessonlint points at the last line
    CHECK_THAT(e.message, Contains("invalid YAML"));
  }
  SECTION("an unclosed flow map after good lines") {
    Error e = error_of("include: [a]\nexclude: [b]\nkinds: {{{\n");
    CHECK(e.file == kPath);
    CHECK(e.line >= 3);
    CHECK_THAT(e.message, Contains("invalid YAML"));
  }
  SECTION("a bad indentation") {
    Error e = error_of("include:\n  - a\n - b\n");
    CHECK(e.file == kPath);
    CHECK(e.line == 3);
    CHECK_THAT(e.message, Contains("invalid YAML"));
  }
  SECTION("a scalar instead of a mapping") {
    Error e = error_of("just a string\n");
    CHECK(e.line == 1);
    CHECK_THAT(e.message, Contains("must be a mapping of keys"));
  }
}

TEST_CASE("a YAML error points at a line that exists in the file", "[config]") {
  // load_yaml() reports yaml-cpp's mark of the end of the input: line 2 of a
  // one-line file (front matter errors are clamped; config errors are not).
  Error e = error_of("rules: [unclosed\n");
  CHECK(e.line == 1);
}

TEST_CASE("kinds with an unknown kind", "[config]") {
  // Kind ids are known once the kinds are loaded: the check is validate_rule_ids's.
  auto c = parse("include: [x]\nkinds:\n  postmortems: [\"pm/**\"]\n");
  REQUIRE(c.ok());
  auto invalid = validate_rule_ids(*c, builtin_rules());
  REQUIRE(invalid);
  Error e = *invalid;
  CHECK(e.file == kPath);
  CHECK(e.line == 3);
  CHECK(e.column == 3);
  CHECK_THAT(e.message, Contains("unknown kind 'postmortems'"));
  CHECK_THAT(e.message, Contains("did you mean 'postmortem'"));
}

TEST_CASE("kinds that is not a mapping", "[config]") {
  Error e = error_of("kinds: [a]\n");
  CHECK(e.line == 1);
  CHECK(e.column == 8);
  CHECK_THAT(e.message, Contains("kinds must map a kind"));
}

TEST_CASE("severity with a bad level", "[config]") {
  Error e = error_of("severity:\n  postmortem/too-long: fatal\n");
  CHECK(e.file == kPath);
  CHECK(e.line == 2);
  CHECK(e.column == 24);  // the level
  CHECK_THAT(e.message, Contains("severity 'fatal' must be error, warning or note"));
  Error list = error_of("severity: [postmortem/too-long]\n");
  CHECK(list.line == 1);
  CHECK_THAT(list.message, Contains("severity must map rule ids"));
}

TEST_CASE("max-file-size that is not a size", "[config]") {
  for (const char* v : {"ten", "1.5MB", "0", "5 parsecs", "MB"}) {
    INFO(v);
    Error e = error_of(std::string("include: [x]\nmax-file-size: ") + v + "\n");
    CHECK(e.file == kPath);
    CHECK(e.line == 2);
    CHECK(e.column == 16);
    CHECK_THAT(e.message, Contains("max-file-size must be a size"));
  }
  Error list = error_of("max-file-size: [5]\n");
  CHECK_THAT(list.message, Contains("max-file-size must be a text value"));
}

TEST_CASE("a negative max-file-size is an error", "[config]") {
  // parse_size() uses std::stoull, which accepts "-5" and wraps it to
  // 18446744073709551611: the limit is silently switched off.
  auto c = parse("max-file-size: -5\n");
  CHECK_FALSE(c.ok());
  if (c.ok()) CHECK(c->max_file_size == 18446744073709551611ull);  // documents the actual value
}

TEST_CASE("a max-file-size that overflows is an error", "[config]") {
  // 99999999999 * 1024^3 wraps around 2^64 without a check.
  auto c = parse("max-file-size: 99999999999G\n");
  CHECK_FALSE(c.ok());
}

TEST_CASE("lists of the wrong shape", "[config]") {
  Error channels = error_of("channels: {a: b}\n");
  CHECK(channels.line == 1);
  CHECK(channels.column == 11);
  CHECK_THAT(channels.message, Contains("channels must be a list of text values"));
  Error enable = error_of("enable: [[a]]\n");
  CHECK(enable.line == 1);
  CHECK_THAT(enable.message, Contains("enable must be a list of rule ids"));
  Error options = error_of("options: [a]\n");
  CHECK_THAT(options.message, Contains("options must map rule ids"));
}

TEST_CASE("override errors", "[config]") {
  Error missing = error_of(
      "overrides:\n"
      "  - files: [\"drafts/**\"]\n"
      "    disable: [postmortem/too-long]\n"
      "  - enable: [x]\n");
  CHECK(missing.file == kPath);
  CHECK(missing.line == 4);
  CHECK_THAT(missing.message, Contains("needs `files:`"));

  Error key = error_of("overrides:\n  - files: [\"drafts/**\"]\n    disabel: [postmortem/too-long]\n");
  CHECK(key.line == 3);
  CHECK(key.column == 5);
  CHECK_THAT(key.message, Contains("unknown key 'disabel' in an override"));
  CHECK_THAT(key.message, Contains("did you mean 'disable'"));

  Error shape = error_of("overrides:\n  files: [x]\n");
  CHECK(shape.line == 2);
  CHECK_THAT(shape.message, Contains("overrides must be a list"));
}

TEST_CASE("load_config reads a file and reports a missing one", "[config]") {
  TempDir tmp;
  fs::path file = tmp.path() / ".lessonlint.yaml";
  touch(file, "teams: [sre]\n");
  auto c = load_config(file.string());
  REQUIRE(c.ok());
  CHECK(c->teams == std::vector<std::string>{"sre"});
  CHECK(c->root == tmp.path().string());

  auto missing = load_config((tmp.path() / "nope.yaml").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().file == (tmp.path() / "nope.yaml").string());
  CHECK_THAT(missing.error().message, Contains("cannot read"));
}

// ---------------------------------------------------------------------------
// Rule ids

TEST_CASE("the built-in rules load", "[config]") {
  const RuleSet& rules = builtin_rules();
  CHECK(rules.find("learning-review/vague-audience") != nullptr);
  CHECK(rules.find("postmortem/too-long") != nullptr);
  CHECK(rules.find("learning-review/vage-audience") == nullptr);
}

TEST_CASE("validate_rule_ids rejects an unknown id with file, line and a suggestion", "[config]") {
  auto c = parse("include: [x]\ndisable:\n  - postmortem/too-long\n  - learning-review/vage-audience\n");
  REQUIRE(c.ok());
  auto e = validate_rule_ids(*c, builtin_rules());
  REQUIRE(e);
  CHECK(e->file == kPath);
  CHECK(e->line == 4);
  CHECK(e->column == 5);
  CHECK_THAT(e->message, Contains("unknown rule id 'learning-review/vage-audience'"));
  CHECK_THAT(e->message, Contains("learning-review/vague-audience"));
  CHECK(e->to_string() == kPath +
                              ":4:5: unknown rule id 'learning-review/vage-audience' "
                              "(did you mean 'learning-review/vague-audience'?)");
}

TEST_CASE("validate_rule_ids checks enable, severity, overrides and options", "[config]") {
  SECTION("enable") {
    auto c = parse("enable: [postmortem/too-lng]\n");
    REQUIRE(c.ok());
    auto e = validate_rule_ids(*c, builtin_rules());
    REQUIRE(e);
    CHECK(e->line == 1);
    CHECK(e->column == 10);
    CHECK_THAT(e->message, Contains("postmortem/too-long"));
  }
  SECTION("severity") {
    auto c = parse("severity:\n  postmortem/to-long: error\n");
    REQUIRE(c.ok());
    auto e = validate_rule_ids(*c, builtin_rules());
    REQUIRE(e);
    CHECK(e->line == 2);
    CHECK(e->column == 3);
  }
  SECTION("an override") {
    auto c = parse("overrides:\n  - files: [\"drafts/**\"]\n    severity:\n      postmortem/too-lng: note\n");
    REQUIRE(c.ok());
    auto e = validate_rule_ids(*c, builtin_rules());
    REQUIRE(e);
    CHECK(e->line == 4);
    CHECK(e->column == 7);
    CHECK_THAT(e->message, Contains("did you mean 'postmortem/too-long'"));
  }
  SECTION("options") {
    auto c = parse("options:\n  postmortem/too-lon:\n    max-words: 3\n");
    REQUIRE(c.ok());
    auto e = validate_rule_ids(*c, builtin_rules());
    REQUIRE(e);
    CHECK(e->line == 2);
    CHECK(e->column == 3);
  }
  SECTION("an id far from every rule has no suggestion") {
    auto c = parse("disable: [zzzzzzzz]\n");
    REQUIRE(c.ok());
    auto e = validate_rule_ids(*c, builtin_rules());
    REQUIRE(e);
    CHECK_THAT(e->message, Contains("unknown rule id 'zzzzzzzz'"));
    CHECK_THAT(e->message, !Contains("did you mean"));
  }
}

// ---------------------------------------------------------------------------
// find_config

TEST_CASE("find_config walks up from a nested folder", "[config]") {
  TempDir tmp;
  fs::path nested = tmp.path() / "a" / "b" / "c";
  fs::create_directories(nested);
  touch(tmp.path() / ".git" / "HEAD");  // keeps the walk inside the temp folder
  touch(tmp.path() / ".lessonlint.yaml", "teams: [sre]\n");

  CHECK(find_config(nested.string()) == (tmp.path() / ".lessonlint.yaml").string());
  CHECK(find_config(tmp.path().string()) == (tmp.path() / ".lessonlint.yaml").string());

  SECTION("the nearest file wins") {
    touch(tmp.path() / "a" / ".lessonlint.yml");
    CHECK(find_config(nested.string()) == (tmp.path() / "a" / ".lessonlint.yml").string());
    CHECK(find_config((tmp.path() / "a").string()) == (tmp.path() / "a" / ".lessonlint.yml").string());
  }
  SECTION(".yaml is preferred over .yml in the same folder") {
    touch(nested / ".lessonlint.yml");
    touch(nested / ".lessonlint.yaml");
    CHECK(find_config(nested.string()) == (nested / ".lessonlint.yaml").string());
  }
  SECTION("a folder named .lessonlint.yaml is not a config") {
    fs::create_directories(nested / ".lessonlint.yaml");
    CHECK(find_config(nested.string()) == (tmp.path() / ".lessonlint.yaml").string());
  }
}

TEST_CASE("find_config stops at a folder containing .git", "[config]") {
  TempDir tmp;
  touch(tmp.path() / ".git" / "HEAD");                 // an outer boundary for safety
  touch(tmp.path() / "outer" / ".lessonlint.yaml");    // above the repository: not used
  fs::path repo = tmp.path() / "outer" / "repo";
  fs::path nested = repo / "docs" / "postmortems";
  fs::create_directories(nested);

  SECTION(".git as a folder") {
    fs::create_directories(repo / ".git");
    CHECK(find_config(nested.string()).empty());
    touch(repo / ".lessonlint.yml");
    CHECK(find_config(nested.string()) == (repo / ".lessonlint.yml").string());
  }
  SECTION(".git as a file (a worktree or submodule)") {
    touch(repo / ".git", "gitdir: ../elsewhere\n");
    CHECK(find_config(nested.string()).empty());
  }
  SECTION("without .git the walk goes on up") {
    CHECK(find_config(nested.string()) == (tmp.path() / "outer" / ".lessonlint.yaml").string());
  }
}

TEST_CASE("find_config from a folder without any config", "[config]") {
  TempDir tmp;
  touch(tmp.path() / ".git" / "HEAD");
  fs::create_directories(tmp.path() / "x");
  CHECK(find_config((tmp.path() / "x").string()).empty());
}
