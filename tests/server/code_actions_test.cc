#include <catch2/catch.hpp>

#include <algorithm>

#include "document/document.h"
#include "server/code_actions.h"
#include "test_support.h"

using namespace lessonlint;
using lessonlint::test::check_text;
using lessonlint::test::only;

namespace {

const char* const kPath = "postmortems/2026-01-05-queue.md";

std::string postmortem(const std::string& lessons, const std::string& actions) {
  return "# Queue backlog delayed notifications\n\n"
         "## Summary\n\nOn 2026-01-05 at 09:10 the notifications queue backed up for 40 minutes.\n\n"
         "## Timeline\n\n- 09:10 alert fired\n- 09:20 consumers restarted\n- 09:50 backlog cleared\n\n"
         "## Impact\n\n12,000 notifications were delivered late.\n\n"
         "## Root cause\n\nA consumer deadlocked on a full buffer.\n\n" +
         lessons + "## Action items\n\n" + actions;
}

std::vector<Finding> unsuppressed(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const auto& f : only(all, rule))
    if (!f.suppressed) out.push_back(f);
  return out;
}

// Applies an action's edits (last first, so earlier positions stay right).
std::string applied(std::string text, PlannedAction a) {
  std::sort(a.edits.begin(), a.edits.end(), [](const PlannedEdit& x, const PlannedEdit& y) {
    return x.start.line != y.start.line ? x.start.line > y.start.line : x.start.character > y.start.character;
  });
  for (const auto& e : a.edits) apply_edit(text, e.start, e.end, e.text);
  return text;
}

// Silences `rule`'s first finding with the disable action and returns the new text.
std::string disabled(const std::string& text, const std::string& rule, const std::string& path = kPath) {
  auto found = unsuppressed(check_text(path, text), rule);
  REQUIRE(!found.empty());
  Document doc = parse_document(path, text);
  std::string after = applied(text, disable_action(doc, found.front()));
  CHECK(unsuppressed(check_text(path, after), rule).size() == found.size() - 1);
  return after;
}

}  // namespace

TEST_CASE("code actions: above a heading, the comment is a line of its own", "[server]") {
  std::string text = postmortem("## Broader lessons for the wider org\n\nEvery team should test restores.\n\n",
                                "- Add a queue alert. Owner: @ana, due 2026-02-01\n");
  std::string after = disabled(text, "postmortem/embedded-lessons");
  CHECK_THAT(after, Catch::Contains("<!-- lessonlint-disable-next-line postmortem/embedded-lessons reason=\"\" -->\n"
                                    "## Broader lessons for the wider org"));
}

TEST_CASE("code actions: above a list item, the comment goes into the item before it", "[server]") {
  std::string actions =
      "- Add a queue alert. Owner: @ana, due 2026-02-01\n"
      "- Look into the consumer buffer size\n"
      "- Write the runbook. Owner: @li, due 2026-02-10\n";
  std::string text = postmortem("", actions);
  std::string after = disabled(text, "postmortem/action-item-owner");
  CHECK_THAT(after, Catch::Contains("due 2026-02-01\n  <!-- lessonlint-disable-next-line postmortem/action-item-owner "
                                    "reason=\"\" -->\n- Look into"));
  // Still one list of three items.
  Document before = parse_document(kPath, text), now = parse_document(kPath, after);
  CHECK(now.items.size() == before.items.size());
}

TEST_CASE("code actions: above the first item of a list, the comment is outside the list", "[server]") {
  std::string text = postmortem("", "- Look into the consumer buffer size\n- Write the runbook. Owner: @li, due 2026-02-10\n");
  std::string after = disabled(text, "postmortem/action-item-owner");
  CHECK_THAT(after, Catch::Contains("## Action items\n\n<!-- lessonlint-disable-next-line"));
  CHECK(parse_document(kPath, after).items.size() == parse_document(kPath, text).items.size());
}

TEST_CASE("code actions: above a nested item, the comment goes into its parent", "[server]") {
  std::string text = "# Notes\n\n- Parent item\n  - nested item\n- Another\n";
  Document doc = parse_document("notes.md", text);
  Finding f;
  f.rule_id = "acme/rule";
  f.line = 4;
  std::string after = applied(text, disable_action(doc, f));
  CHECK(after == "# Notes\n\n- Parent item\n  <!-- lessonlint-disable-next-line acme/rule reason=\"\" -->\n  - nested item\n"
                 "- Another\n");
  Document now = parse_document("notes.md", after);
  CHECK(now.items.size() == doc.items.size());
  REQUIRE(now.suppressions.size() == 1);
  CHECK(now.suppressions[0].line == 4);  // covers line 5, where the nested item is now
}

TEST_CASE("code actions: inside a paragraph, the comment ends the line before", "[server]") {
  std::string text = postmortem("## Lessons learned\n\nWe restarted the consumers by hand.\n"
                                "All teams should check that their consumers cannot deadlock on a full buffer.\n\n",
                                "- Add a queue alert. Owner: @ana, due 2026-02-01\n");
  auto found = unsuppressed(check_text(kPath, text), "postmortem/embedded-lessons");
  REQUIRE(found.size() == 1);
  std::string after = disabled(text, "postmortem/embedded-lessons");
  CHECK_THAT(after, Catch::Contains("by hand. <!-- lessonlint-disable-next-line postmortem/embedded-lessons reason=\"\" -->\n"
                                    "All teams should"));
  // The paragraph is still one paragraph.
  Document before = parse_document(kPath, text), now = parse_document(kPath, after);
  CHECK(now.blocks.size() == before.blocks.size());
}

TEST_CASE("code actions: inside front matter, the comment is a YAML comment", "[server]") {
  std::string text =
      "---\naudience: [payments-team]\ndistribution: TBD\n---\n# Queue depth is not a health signal\n\n"
      "## What we used to believe\n\nQueue depth told us a consumer was healthy.\n\n"
      "## What we now believe\n\nOnly the age of the oldest message does.\n\n"
      "## Where else this applies\n\nThe payments team runs the same consumers.\n\n"
      "Postmortem: [queue backlog](../postmortems/2026-01-05-queue.md)\n";
  const std::string path = "learning-reviews/queue-depth.md";
  std::string after = disabled(text, "learning-review/no-distribution", path);
  CHECK_THAT(after, Catch::Contains("\n# lessonlint-disable-next-line learning-review/no-distribution reason=\"\"\ndistribution: TBD"));
  Document doc = parse_document(path, after);
  CHECK_FALSE(doc.front_matter.error);
  CHECK(doc.front_matter.text("distribution") == "TBD");
}

TEST_CASE("code actions: block quotes and code blocks", "[server]") {
  Finding f;
  f.rule_id = "acme/rule";
  SECTION("a line in a block quote gets a quoted comment") {
    std::string text = "# T\n\n> quoted\n> > deeper line\n";
    Document doc = parse_document("x.md", text);
    f.line = 3;
    auto a = disable_action(doc, f);
    REQUIRE(a.edits.size() == 1);
    CHECK(a.edits[0].text == "> <!-- lessonlint-disable-next-line acme/rule reason=\"\" -->\n");
  }
  SECTION("a line in a code block: the block is silenced from above to below") {
    std::string text = "# T\n\n```\ncode\nmore\n```\nafter\n";
    Document doc = parse_document("x.md", text);
    f.line = 5;
    auto a = disable_action(doc, f);
    CHECK(a.title == "Disable acme/rule for this code block");
    std::string after = applied(text, a);
    CHECK(after == "# T\n\n<!-- lessonlint-disable acme/rule reason=\"\" -->\n```\ncode\nmore\n```\n"
                   "<!-- lessonlint-enable acme/rule -->\nafter\n");
  }
  SECTION("CRLF documents get CRLF lines") {
    std::string text = "# T\r\n\r\npara\r\n";
    Document doc = parse_document("x.md", text);
    f.line = 3;
    auto a = disable_action(doc, f);
    REQUIRE(a.edits.size() == 1);
    CHECK(a.edits[0].text == "<!-- lessonlint-disable-next-line acme/rule reason=\"\" -->\r\n");
  }
}

TEST_CASE("code actions: the learning-review question is added as a section", "[server]") {
  std::string text = postmortem("", "- Add a queue alert. Owner: @ana, due 2026-02-01");  // no final newline
  auto found = unsuppressed(check_text(kPath, text), "postmortem/learning-review-question");
  REQUIRE(found.size() == 1);
  Document doc = parse_document(kPath, text);
  auto actions = actions_for(doc, found.front());
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].title == "Ask: should this generate a learning review?");
  std::string after = applied(text, actions[0]);
  CHECK_THAT(after, Catch::EndsWith("due 2026-02-01\n\n## Should this generate a learning review?\n\n"
                                    "TBD: yes, with a link to the review; or no, and why.\n"));
  CHECK(unsuppressed(check_text(kPath, after), "postmortem/learning-review-question").empty());
  CHECK(actions[1].title == "Disable postmortem/learning-review-question for the next line");
}
