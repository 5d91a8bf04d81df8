// Each check type, with a case that matches and one that does not.
#include <catch2/catch.hpp>

#include "document/document.h"
#include "engine/engine.h"
#include "rules/loader.h"
#include "source/source.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {

// Runs one rule, given as the body of its `check:` block, on a document.
std::vector<Finding> run_check(const std::string& check_yaml, const std::string& text, const Config& config = {},
                               const std::map<std::string, std::string>& others = {},
                               const std::string& message = "{match}{section}{missing}{count}") {
  std::string yaml = "id: test/rule\nkinds: [any]\nseverity: warning\nmessage: \"" + message +
                     "\"\ncheck:\n" + check_yaml + "docs:\n  summary: test\n";
  auto rule = parse_rule(yaml, "rule.yaml", false);
  if (!rule) FAIL(rule.error().to_string());
  RuleSet set;
  set.rules.push_back(std::move(*rule));
  set.kinds = builtin_rules().kinds;
  auto engine = Engine::create(set, config);
  REQUIRE(engine.ok());
  MemorySource source;
  source.files["doc.md"] = text;
  for (const auto& [k, v] : others) source.files[k] = v;
  Document doc = parse_document("doc.md", text);
  return (*engine)->check_document(doc, {"doc.md", "doc.md"}, source);
}

}  // namespace

TEST_CASE("heading-required", "[rules][checks]") {
  std::string check = R"(  type: heading-required
  sections:
    - name: timeline
      pattern: '(?i)timeline'
    - name: impact
      pattern: '(?i)impact'
  non-empty: true
)";
  auto missing = run_check(check, "# T\n\n## Timeline\n- 10:00 start\n", {}, {}, "{section}");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message == "impact");
  CHECK(missing[0].line == 1);
  CHECK(run_check(check, "# T\n\n## Timeline\n- 10:00\n\n## Impact\nSlow checkout.\n").empty());
  auto empty = run_check(check, "# T\n\n## Timeline\n- 10:00\n\n## Impact\nTBD\n");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].line == 6);
  CHECK_THAT(empty[0].message, Catch::Contains("placeholder"));

  std::string labels = check + "  labels: true\n";
  CHECK(run_check(labels, "# T\n\n- **Timeline**: 10:00\n- **Impact**: slow\n").empty());
  CHECK(run_check(check, "# T\n\n- **Timeline**: 10:00\n- **Impact**: slow\n").size() == 2);
}

TEST_CASE("heading-forbidden, alone and with a body pattern", "[rules][checks]") {
  std::string check = R"(  type: heading-forbidden
  headings:
    - pattern: '(?i)broader lessons'
    - pattern: '(?i)^lessons learned'
      body: '(?i)all teams'
)";
  auto found = run_check(check, "# T\n\n## Broader lessons\nx\n\n## Lessons learned\nAll teams should care.\n", {}, {},
                         "{match}");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 4);
  CHECK(found[1].line == 6);
  CHECK(found[1].message == "All teams");
  CHECK(run_check(check, "# T\n\n## Lessons learned\nOur alert was late.\n").empty());
  // The most specific section is reported, not its parent too.
  auto nested = run_check(check, "# T\n\n## Lessons learned\nx\n\n### Broader lessons\nAll teams should.\n");
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].line == 6);
}

TEST_CASE("heading-forbidden reports the most specific sections, however many", "[rules][checks]") {
  std::string check = R"(  type: heading-forbidden
  headings:
    - pattern: '(?i)broader lessons'
    - pattern: '(?i)^lessons learned'
      body: '(?i)all teams'
)";
  // A flagged grandchild drops both its flagged ancestors; a flagged sibling
  // beside an unflagged one, and a flagged section under an unflagged one, stay.
  auto deep = run_check(check,
                        "# T\n\n## Broader lessons\nx\n\n### Lessons learned\nAll teams.\n\n"
                        "#### Broader lessons\ny\n\n### Other\nz\n\n## Plain\n\n### Broader lessons\nw\n\n"
                        "## Lessons learned\nAll teams too.\n");
  REQUIRE(deep.size() == 3);
  CHECK(deep[0].line == 9);
  CHECK(deep[1].line == 17);
  CHECK(deep[2].line == 20);
  // One finding per section for thousands of sibling sections (this used to
  // ask every pair of flagged sections, which grew with the square).
  std::string many = "# T\n\n";
  for (int i = 0; i < 5000; ++i) many += "## Lessons learned\nAll teams should read this.\n\n";
  auto found = run_check(check, many);
  REQUIRE(found.size() == 5000);
  CHECK(found.front().line == 3);
  CHECK(found.back().line == 3 + 3 * 4999);
}

TEST_CASE("phrase with scope, qualifier and positions", "[rules][checks]") {
  std::string check = R"(  type: phrase
  pattern: '(?i)\b(other teams|everyone)\b'
  unless: '(?i)\b(using|running)\b'
  scope:
    section: '(?i)where else'
    field: audience
)";
  std::string doc =
      "---\naudience: everyone\n---\n# T\n\n## Before\nOther teams were fine.\n\n## Where else this applies\n"
      "Other teams should read this. Teams running Kafka too.\n- everyone using Postgres\n- café, everyone\n";
  auto found = run_check(check, doc);
  REQUIRE(found.size() == 3);
  CHECK(found[0].line == 2);   // the front-matter value
  CHECK(found[0].column == 11);
  CHECK(found[1].line == 10);  // "Other teams should read this." has no qualifier
  CHECK(found[1].column == 1);
  CHECK(found[1].end_column == 12);
  CHECK(found[2].line == 12);  // columns count UTF-16 code units: "café, " is 6
  CHECK(found[2].column == 9);
  CHECK(run_check(check, "# T\n\n## Where else this applies\nTeams running Kafka.\n").empty());
}

TEST_CASE("field: missing, placeholder, no target, registry", "[rules][checks]") {
  std::string check = R"(  type: field
  field: distribution
  section: '(?i)^distribution'
  target: '(?i)newsletter|#\w+'
  registry: channels
)";
  CHECK(run_check(check, "# T\n").size() == 1);
  auto tbd = run_check(check, "---\ndistribution: TBD\n---\n# T\n");
  REQUIRE(tbd.size() == 1);
  CHECK(tbd[0].line == 2);
  CHECK(run_check(check, "# T\n\n## Distribution\nWe will see.\n").size() == 1);
  CHECK(run_check(check, "# T\n\n## Distribution\nThe engineering newsletter.\n").empty());
  Config config;
  config.channels = {"#eng-learning", "Engineering Weekly"};
  auto unknown = run_check(check, "---\ndistribution: \"#eng-learnin\"\n---\n# T\n", config, {}, "x");
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0].message, Catch::Contains("did you mean '#eng-learning'"));
  CHECK(run_check(check, "---\ndistribution: \"#eng-learning\"\n---\n# T\n", config).empty());
  auto comment = run_check(check, "---\ndistribution: #eng-learning\n---\n# T\n");
  REQUIRE(comment.size() == 1);
  CHECK_THAT(comment[0].message, Catch::Contains("quote the value"));
}

TEST_CASE("metric: words and matching lines, per document and per section", "[rules][checks]") {
  CHECK(run_check("  type: metric\n  measure: words\n  max: 5\n", "# T\n\none two three four five six\n").size() == 1);
  CHECK(run_check("  type: metric\n  measure: words\n  max: 50\n", "# T\n\none two three\n").empty());
  std::string lines = "  type: metric\n  measure: lines\n  pattern: '^- \\d\\d:\\d\\d'\n  min: 2\n";
  CHECK(run_check(lines, "# T\n\n- 10:00 a\n").size() == 1);
  CHECK(run_check(lines, "# T\n\n- 10:00 a\n- 10:05 b\n").empty());
  std::string section = "  type: metric\n  measure: words\n  max: 3\n  scope:\n    section: '(?i)summary'\n";
  auto found = run_check(section, "# T\n\n## Summary\none two three four\n\n## Other\nlots of words here ok\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
}

TEST_CASE("link: required kind, broken relative links", "[rules][checks]") {
  std::string check = "  type: link\n  kind: postmortem\n  field: postmortems\n  broken-severity: error\n";
  std::map<std::string, std::string> others = {{"postmortems/db.md", "# Postmortem: db\n"},
                                               {"notes.md", "# Notes\n"}};
  CHECK(run_check(check, "# T\n\nSee [the postmortem](postmortems/db.md).\n", {}, others).empty());
  CHECK(run_check(check, "---\npostmortems: [postmortems/db.md]\n---\n# T\n", {}, others).empty());
  auto none = run_check(check, "# T\n\nSee [notes](notes.md).\n", {}, others);
  REQUIRE(none.size() == 1);
  CHECK(none[0].severity == Severity::Warning);
  auto broken = run_check(check, "# T\n\nSee [gone](postmortems/gone.md) and [db](postmortems/db.md#timeline).\n", {},
                          others);
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].severity == Severity::Error);
  CHECK(broken[0].line == 3);
  CHECK(broken[0].column == 5);
}

TEST_CASE("item: every list item or table row must match", "[rules][checks]") {
  std::string check = R"(  type: item
  scope:
    section: '(?i)action items'
  require:
    - name: owner
      pattern: '@\w+'
    - name: date
      pattern: '\d{4}-\d{2}-\d{2}'
  unless: 'JIRA-\d+'
)";
  auto found = run_check(check,
                         "# T\n\n## Action items\n- Add alert @ana 2026-05-01\n- Fix it\n  - sub note\n- Tracked in "
                         "JIRA-12\n- Refactor @bo\n",
                         {}, {}, "{missing}");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 5);
  CHECK(found[0].message == "owner and no date");
  CHECK(found[1].line == 8);
  CHECK(found[1].message == "date");
  auto table = run_check(check, "# T\n\n## Action items\n| Item | Owner |\n|---|---|\n| Alert | @ana 2026-05-01 |\n| Fix | |\n");
  REQUIRE(table.size() == 1);
  CHECK(table[0].line == 7);
}

TEST_CASE("when: a precondition on the document", "[rules][checks]") {
  std::string check = R"(  type: heading-required
  sections:
    - name: beliefs
      pattern: '(?i)believe'
  when:
    any:
      - heading: '(?i)what happened'
      - line: '^\d\d:\d\d'
)";
  CHECK(run_check(check, "# T\n\n## What happened\nx\n").size() == 1);
  CHECK(run_check(check, "# T\n\n12:00 it broke\n").size() == 1);
  CHECK(run_check(check, "# T\n\n## Other\nx\n").empty());
}

TEST_CASE("heading-required, report: together names every missing section in one finding", "[rules][checks]") {
  std::string check = R"(  type: heading-required
  sections:
    - name: timeline
      pattern: '(?i)timeline'
    - name: impact
      pattern: '(?i)impact'
    - name: action items
      pattern: '(?i)action items'
  non-empty: true
  report: together
)";
  auto all = run_check(check, "# T\n\nText.\n", {}, {}, "no {missing} section");
  REQUIRE(all.size() == 1);
  CHECK(all[0].message == "no \"timeline\", \"impact\" or \"action items\" section");
  auto two = run_check(check, "# T\n\n## Impact\nSlow.\n", {}, {}, "no {missing} section");
  REQUIRE(two.size() == 1);
  CHECK(two[0].message == "no \"timeline\" or \"action items\" section");
  // An empty section is still its own finding, at its heading.
  auto empty = run_check(check, "# T\n\n## Timeline\nTBD\n\n## Impact\nSlow.\n\n## Action items\n- a\n");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].line == 3);
}

TEST_CASE("a broken link to the required kind is one finding, not two", "[rules][checks]") {
  std::string check = "  type: link\n  kind: postmortem\n  broken-severity: error\n";
  auto broken = run_check(check, "# T\n\nSee [gone](postmortems/gone.md).\n");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].severity == Severity::Error);
}

TEST_CASE("field: prose, a sentence of the body that names a target", "[rules][checks]") {
  std::string check = R"(  type: field
  field: distribution
  section: '(?i)^distribution'
  target: '(?i)newsletter|#\w+|https?://\S+'
  prose: '(?i)\b(posted|shared|presented)\b[^.]*\b(to|in|at)\b'
)";
  CHECK(run_check(check, "# T\n\nA lesson.\n\nPosted to #incidents on Monday.\n").empty());
  CHECK(run_check(check, "# T\n\nWe shared it in the engineering newsletter.\n").empty());
  // A link's address names no target: it points at a source, not at where the document goes.
  CHECK(run_check(check, "# T\n\nDetails are posted in [the postmortem](https://wiki.example/pm/1).\n").size() == 1);
  CHECK(run_check(check, "# T\n\nThe newsletter is great.\n").size() == 1);  // no verb of sharing
  CHECK(run_check(check, "# T\n\n> Posted to #incidents.\n").size() == 1);     // a quotation is someone else's
}

TEST_CASE("phrase: scope otherwise, the sentences that read as the scope when it is absent", "[rules][checks]") {
  std::string check = R"(  type: phrase
  pattern: '(?i)\b(everyone|other teams)\b'
  unless: '(?i)\b(who|running)\b'
  scope:
    section: '(?i)where else'
    field: audience
    otherwise: '(?i)\bshould\s+read\b'
)";
  auto found = run_check(check, "# T\n\nOther teams did this too. Everyone should read this.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 27);
  CHECK(run_check(check, "# T\n\nEveryone who runs Kafka should read this.\n").empty());
  // With the section there, only the section is read.
  CHECK(run_check(check, "# T\n\nEveryone should read this.\n\n## Where else this applies\nTeams running Kafka.\n").empty());
}

TEST_CASE("passage: addressees, exclusions, one finding per section, headings reported whole", "[rules][checks]") {
  std::string check = R"(  type: passage
  headings: ['(?i)broader lessons']
  passage-severity: note
  passage-message: "{section} addresses {who}"
  exclusions:
    - name: ours
      pattern: '(?i)\b(we|our)\b'
    - name: a task
      within: paragraph
      pattern: '(?i)owner:'
  addressees:
    - name: a group
      pattern: '(?i)\b(?P<who>all teams|package maintainers)\s+should\b'
      unless: [ours, a task]
)";
  std::string doc =
      "# T\n\n## Takeaways\n\nOur alerts were late. All teams should alert on expiry. Package maintainers should too.\n\n"
      "All teams should, as we do, rotate keys.\n\n## Actions\n\n- All teams should add a limit. Owner: @nadia\n\n"
      "## Broader lessons\n\nAll teams should read this.\n";
  auto found = run_check(check, doc);
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 5);  // the first passage of "Takeaways", at its sentence
  CHECK(found[0].column == 23);
  CHECK(found[0].end_line == 5);  // ...to the end of its paragraph
  CHECK(found[0].message == "\"Takeaways\" addresses All teams");  // the words as written
  CHECK(found[0].severity == Severity::Note);
  CHECK(found[1].line == 13);  // the heading that names the organisation: the whole section
  CHECK(found[1].severity == Severity::Warning);
  CHECK(run_check(check, "# T\n\n## Takeaways\n\nWe should alert on expiry.\n").empty());
}

TEST_CASE("absent: one finding naming what a document of a shape does not say", "[rules][checks]") {
  std::string check = R"(  type: absent
  when:
    any:
      - heading: '(?i)what happened'
  evidence:
    - name: no belief
      heading: '(?i)believe'
      line: '(?i)\bwe\s+used\s+to\s+believe\b'
    - name: no audience
      heading: '(?i)where else'
)";
  auto found = run_check(check, "# T\n\n## What happened\nIt broke.\n", {}, {}, "states {missing}");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "states no belief and no audience");
  CHECK(run_check(check, "# T\n\n## What happened\nIt broke. We used to believe it could not.\n").empty());
  CHECK(run_check(check, "# T\n\n## What happened\nIt broke.\n\n## Where else\nTeams running Kafka.\n").empty());
  CHECK(run_check(check, "# T\n\nIt broke.\n").empty());  // not the shape: no "what happened"
}
