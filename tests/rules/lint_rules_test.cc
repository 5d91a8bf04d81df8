// A rule whose scope can never match is warned about at load, never silently inert.
#include <catch2/catch.hpp>

#include "rules/lint_rules.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;

TEST_CASE("the built-in rules load without warnings", "[rules][lint]") {
  CHECK(rule_warnings(builtin_rules(), RuleLint::Every).empty());
  CHECK(rule_warnings(builtin_rules()).empty());  // and a run does not look at them
}

TEST_CASE("a scope on another kind's sections is warned about", "[rules][lint]") {
  TempDir dir;
  dir.write("acme/audience-in-postmortem.yaml", R"(id: acme/audience-in-postmortem
kinds: [postmortem]
severity: warning
message: "x"
check:
  type: phrase
  pattern: 'everyone'
  scope:
    section: '(?i)where else this applies'
docs:
  summary: A postmortem rule scoped on a learning-review section.
)");
  dir.write("acme/typo-scope.yaml", R"(id: acme/typo-scope
kinds: [postmortem]
severity: warning
message: "x"
check:
  type: phrase
  pattern: 'careless'
  scope:
    section: '(?i)timelnie'
docs:
  summary: A scope with a typo.
  bad: |
    # Postmortem: x

    ## Timeline
    The engineer was careless.
)");
  auto set = load_rules({dir.path()});
  REQUIRE(set.ok());
  auto warnings = rule_warnings(*set);
  REQUIRE(warnings.size() == 2);
  CHECK_THAT(warnings[0], Catch::Contains("acme/audience-in-postmortem") && Catch::Contains("learning-review documents") &&
                              Catch::Contains("may never fire"));
  CHECK_THAT(warnings[1], Catch::Contains("acme/typo-scope") && Catch::Contains("no heading of its own docs examples"));
}
