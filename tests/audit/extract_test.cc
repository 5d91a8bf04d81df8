// `lessonlint extract`: the learning review scaffold drawn from a postmortem's
// trapped lessons, where each piece goes, never overwriting, and replacing the
// section in the postmortem (byte for byte elsewhere, refused on unstaged changes).
#include <catch2/catch.hpp>

#include <filesystem>

#include "audit/extract.h"
#include "document/document.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

using Repo = GitRepoDir;

const std::string kHead =
    "# Postmortem: Orders migration slowed checkout\n\n"
    "## Timeline\n- 14:02 UTC migration started\n\n"
    "## Impact\nCheckout p95 4 s for 47 minutes.\n\n"
    "## Root cause\nThe migration rewrote the table under a lock.\n\n"
    "## Action items\n- Add a migration duration alert. Owner: @maria, due 2026-05-01\n\n";
const std::string kTrapped =
    "## Broader lessons for the wider org\n\n"
    "We assumed online migrations were safe during business hours. Migrations over 30 minutes now need a scheduled "
    "window.\n\n"
    "- Every team that runs migrations on tables over 50M rows should book a window.\n"
    "- Check which replicas the migration tool watches.\n\n";
const std::string kTail = "## Should this generate a learning review?\n\nYes.\n";
const std::string kPostmortem = kHead + kTrapped + kTail;

std::string section_of(const std::string& text, const std::string& heading) {
  std::size_t at = text.find("## " + heading + "\n");
  REQUIRE(at != std::string::npos);
  std::size_t end = text.find("\n## ", at + 3);
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

int section_index(const Document& doc, const std::string& heading) {
  for (std::size_t i = 0; i < doc.sections.size(); ++i)
    if (doc.sections[i].heading == heading) return static_cast<int>(i);
  FAIL("no section " << heading);
  return -1;
}

}  // namespace

TEST_CASE("extract: each sentence or list item goes under the section its words suggest", "[audit]") {
  CHECK(place("We assumed online migrations were safe during business hours.") == Belief::UsedTo);
  CHECK(place("Everyone thought the cache would absorb it.") == Belief::UsedTo);
  CHECK(place("Replication lag was expected to stay under a second.") == Belief::UsedTo);
  CHECK(place("Migrations over 30 minutes now need a scheduled window.") == Belief::Now);
  CHECK(place("We now believe services must shed load before they fall over.") == Belief::Now);
  CHECK(place("Check which replicas the migration tool watches.") == Belief::Now);  // the default
  CHECK(place("Every team that runs migrations on tables over 50M rows should book a window.") == Belief::Elsewhere);
  CHECK(place("This applies to teams running Kafka consumers.") == Belief::Elsewhere);
  CHECK(place("The team should add an alert.") == Belief::Now);  // our own team is not an audience
  CHECK(std::string(belief_heading(Belief::Elsewhere)) == "Where else this applies");
}

TEST_CASE("extract: a section splits into sentences, whole list items and kept blocks", "[audit]") {
  Document doc = parse_document("pm.md", "# Postmortem: x\n\n## Broader lessons for the org\n\n"
                                         "We assumed e.g. Redis was fine. Teams should check. Now we know.\n\n"
                                         "1. An item\n   that wraps\n   - and a nested one\n2. Another\n\n"
                                         "```\ncode stays whole. Really.\n```\n\n## Next\nx\n");
  auto pieces = split_section(doc, section_index(doc, "Broader lessons for the org"));
  REQUIRE(pieces.size() == 6);
  CHECK(pieces[0].text == "We assumed e.g. Redis was fine.");
  CHECK(pieces[0].belief == Belief::UsedTo);
  CHECK(pieces[1].text == "Teams should check.");
  CHECK(pieces[1].belief == Belief::Elsewhere);
  CHECK(pieces[2].text == "Now we know.");
  CHECK(pieces[2].paragraph == pieces[0].paragraph);
  CHECK(pieces[3].list_item);
  CHECK(pieces[3].text == "An item\nthat wraps\n- and a nested one");
  CHECK(pieces[4].text == "Another");
  CHECK(pieces[5].block);
  CHECK(pieces[5].text == "```\ncode stays whole. Really.\n```");
}

TEST_CASE("extract: replacing sections keeps every other byte, CRLF and BOM included", "[audit]") {
  std::string link = "See the learning review [Learning review: x](../learning-reviews/x.md).";
  SECTION("LF") {
    Document doc = parse_document("pm.md", kPostmortem);
    std::string out = replace_excerpts(kPostmortem, doc, {whole_section(section_index(doc, "Broader lessons for the wider org"))}, link);
    CHECK(out == kHead + link + "\n\n" + kTail);
  }
  SECTION("CRLF with a BOM") {
    std::string bytes = "\xEF\xBB\xBF" + to_crlf(kPostmortem);
    Document doc = parse_document("pm.md", bytes);
    std::string out = replace_excerpts(bytes, doc, {whole_section(section_index(doc, "Broader lessons for the wider org"))}, link);
    CHECK(out == "\xEF\xBB\xBF" + to_crlf(kHead + link + "\n\n" + kTail));
  }
  SECTION("the last section, without a final newline; two sections") {
    std::string text = kHead + kTail + "\n## Lessons for the whole org\n\nShare it.";
    Document doc = parse_document("pm.md", text);
    std::string out = replace_excerpts(text, doc, {whole_section(section_index(doc, "Lessons for the whole org"))}, link);
    CHECK(out == kHead + kTail + "\n" + link);
    std::string two = replace_excerpts(
        text, doc, {whole_section(section_index(doc, "Lessons for the whole org")), whole_section(section_index(doc, "Root cause"))}, link);
    CHECK(two.find(link) == kHead.find("## Root cause"));
    CHECK(two.find("Share it.") == std::string::npos);
    CHECK(two.find("under a lock") == std::string::npos);
  }
  SECTION("a heading right after a paragraph line gets a blank line first") {
    std::string text = "# Postmortem: x\n\nSome text.\n## Broader lessons for the org\nAll teams should.\n";
    Document doc = parse_document("pm.md", text);
    CHECK(replace_excerpts(text, doc, {whole_section(section_index(doc, "Broader lessons for the org"))}, link) ==
          "# Postmortem: x\n\nSome text.\n\n" + link + "\n");
  }
}

TEST_CASE("extract: the scaffold", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/2026-03-17-orders.md", kPostmortem);
  repo.commit();
  auto r = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md"}, repo.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string path = repo.path() + "/learning-reviews/2026-03-17-orders.md";
  REQUIRE(fs::exists(path));
  CHECK_THAT(r.out, Catch::Contains("Wrote learning-reviews/2026-03-17-orders.md"));
  std::string review = read_text(path);
  CHECK_THAT(review, Catch::StartsWith("---\ntype: learning-review\n"
                                       "title: \"Learning review: Orders migration slowed checkout\"\n"
                                       "postmortems: [../postmortems/2026-03-17-orders.md]\n"
                                       "audience: TBD\ndistribution: TBD\n---\n\n"
                                       "# Learning review: Orders migration slowed checkout\n\n"));
  CHECK_THAT(review, Catch::Contains("[Postmortem: Orders migration slowed checkout](../postmortems/2026-03-17-orders.md)"));
  CHECK(section_of(review, "What we used to believe") ==
        "## What we used to believe\n\nWe assumed online migrations were safe during business hours.\n");
  CHECK(section_of(review, "What we now believe") ==
        "## What we now believe\n\nMigrations over 30 minutes now need a scheduled window.\n\n"
        "- Check which replicas the migration tool watches.\n");
  CHECK(section_of(review, "Where else this applies") ==
        "## Where else this applies\n\n- Every team that runs migrations on tables over 50M rows should book a window.\n");
  // The postmortem is left alone without --remove-from-postmortem.
  CHECK(read_text(repo.path() + "/postmortems/2026-03-17-orders.md") == kPostmortem);

  SECTION("lessonlint keeps flagging the placeholders") {
    auto check = run_lessonlint({"check", "learning-reviews/2026-03-17-orders.md"}, repo.path());
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.out, Catch::Contains("[learning-review/no-distribution]"));
    CHECK_THAT(check.out, Catch::Contains("only a placeholder (\"TBD\")"));
    CHECK(check.out.find("unused-suppression") == std::string::npos);  // the HTML comment is not a suppression
  }
  SECTION("an empty section gets a placeholder that is reported") {
    Repo other;
    other.write("postmortems/p.md", kHead + "## Lessons for the whole org\n\nAll teams should alert on expiry.\n\n" + kTail);
    other.commit();
    REQUIRE(run_lessonlint({"extract", "postmortems/p.md"}, other.path()).exit_code == 0);
    std::string text = read_text(other.path() + "/learning-reviews/p.md");
    CHECK_THAT(text, Catch::Contains("## What we used to believe\n\nTBD: the assumption the incident violated"));
    auto check = run_lessonlint({"check", "learning-reviews/p.md"}, other.path());
    CHECK_THAT(check.out, Catch::Contains("Section \"What we used to believe\" is empty or only a placeholder"));
    CHECK_THAT(check.out, Catch::Contains("[learning-review/no-distribution]"));
  }
  SECTION("it never overwrites") {
    repo.write("learning-reviews/2026-03-17-orders.md", "mine\n");
    auto again = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md"}, repo.path());
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Catch::Contains("learning-reviews/2026-03-17-orders.md already exists") &&
                              Catch::Contains("never overwrites"));
    CHECK(read_text(path) == "mine\n");
    auto explicit_out = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "-o", "learning-reviews/2026-03-17-orders.md"}, repo.path());
    CHECK(explicit_out.exit_code == 1);
    CHECK(read_text(path) == "mine\n");
  }
  SECTION("--output elsewhere, with the link relative to it") {
    auto out = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "-o", "docs/lessons/windows.md"},
                              repo.path());
    REQUIRE(out.exit_code == 0);
    CHECK_THAT(read_text(repo.path() + "/docs/lessons/windows.md"),
               Catch::Contains("postmortems: [../../postmortems/2026-03-17-orders.md]"));
  }
}

TEST_CASE("extract: beside the repository's other learning reviews", "[audit][e2e]") {
  Repo repo;
  repo.write("incidents/db.md", kPostmortem);
  const char* review = "---\ntype: learning-review\n---\n# Learning review: r\n";
  repo.write("learning-reviews/one.md", review);
  repo.write("docs/lessons/two.md", review);
  repo.write("docs/lessons/three.md", review);
  repo.commit();
  auto r = run_lessonlint({"extract", "db.md"}, repo.path() + "/incidents");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(repo.path() + "/docs/lessons/db.md"));
  CHECK_THAT(read_text(repo.path() + "/docs/lessons/db.md"), Catch::Contains("postmortems: [../../incidents/db.md]"));
}

TEST_CASE("extract: nothing to extract", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/clean.md", kHead + kTail);
  repo.write("notes/guide.md", "# How to write a postmortem\n\n## Broader lessons for the wider org\nx\n");
  repo.commit();
  auto r = run_lessonlint({"extract", "postmortems/clean.md"}, repo.path());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no trapped lessons found in postmortems/clean.md; nothing to extract"));
  CHECK_FALSE(fs::exists(repo.path() + "/learning-reviews"));
  auto other = run_lessonlint({"extract", "notes/guide.md"}, repo.path());
  CHECK(other.exit_code == 1);
  CHECK_THAT(other.err, Catch::Contains("is not a postmortem"));
  CHECK(run_lessonlint({"extract", "postmortems/missing.md"}, repo.path()).exit_code == 2);
}

TEST_CASE("extract --remove-from-postmortem", "[audit][e2e]") {
  Repo repo;
  std::string pm = repo.write("postmortems/2026-03-17-orders.md", kPostmortem);
  repo.commit();
  const std::string link = "See the learning review [Learning review: Orders migration slowed checkout]"
                           "(../learning-reviews/2026-03-17-orders.md).";

  SECTION("replaces the section with a link, keeping everything else") {
    auto r = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "--remove-from-postmortem"}, repo.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Replaced the section \"Broader lessons for the wider org\""));
    CHECK(read_text(pm) == kHead + link + "\n\n" + kTail);
    CHECK(fs::exists(repo.path() + "/learning-reviews/2026-03-17-orders.md"));
    auto check = run_lessonlint({"check", "postmortems/2026-03-17-orders.md"}, repo.path());
    CHECK(check.out.find("embedded-lessons") == std::string::npos);
  }
  SECTION("CRLF and a BOM survive") {
    repo.write("postmortems/2026-03-17-orders.md", "\xEF\xBB\xBF" + to_crlf(kPostmortem));
    repo.commit();
    auto r = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "--remove-from-postmortem"}, repo.path());
    REQUIRE(r.exit_code == 0);
    CHECK(read_text(pm) == "\xEF\xBB\xBF" + to_crlf(kHead + link + "\n\n" + kTail));
  }
  SECTION("staged changes are fine") {
    repo.write("postmortems/2026-03-17-orders.md", kPostmortem + "\nStaged.\n");
    repo.git({"add", "-A"});
    CHECK(run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "--remove-from-postmortem"}, repo.path())
              .exit_code == 0);
    CHECK(read_text(pm) == kHead + link + "\n\n" + kTail + "\nStaged.\n");
  }
  SECTION("refused on unstaged changes: nothing is written") {
    repo.write("postmortems/2026-03-17-orders.md", kPostmortem + "\nUnstaged.\n");
    auto r = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "--remove-from-postmortem"}, repo.path());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("has unstaged changes"));
    CHECK(read_text(pm) == kPostmortem + "\nUnstaged.\n");
    CHECK_FALSE(fs::exists(repo.path() + "/learning-reviews/2026-03-17-orders.md"));
  }
  SECTION("refused on an untracked postmortem") {
    repo.write("postmortems/new.md", kPostmortem);
    auto r = run_lessonlint({"extract", "postmortems/new.md", "--remove-from-postmortem"}, repo.path());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("is not tracked by git"));
    CHECK(read_text(repo.path() + "/postmortems/new.md") == kPostmortem);
  }
  SECTION("refused when the review would overwrite a file: the postmortem is untouched") {
    repo.write("learning-reviews/2026-03-17-orders.md", "mine\n");
    auto r = run_lessonlint({"extract", "postmortems/2026-03-17-orders.md", "--remove-from-postmortem"}, repo.path());
    CHECK(r.exit_code == 1);
    CHECK(read_text(pm) == kPostmortem);
  }
}

TEST_CASE("extract --remove-from-postmortem outside a repository just does it", "[audit][e2e]") {
  TempDir plain;
  std::string pm = plain.write("postmortems/a.md", kPostmortem);
  auto r = run_lessonlint({"extract", "postmortems/a.md", "--remove-from-postmortem"}, plain.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_text(pm) == kHead +
                             "See the learning review [Learning review: Orders migration slowed checkout]"
                             "(../learning-reviews/a.md).\n\n" +
                             kTail);
  CHECK(fs::exists(plain.path() + "/learning-reviews/a.md"));
}

TEST_CASE("extract -o - writes the scaffold to standard output", "[audit][e2e]") {
  TempDir plain;
  plain.write("postmortems/a.md", kPostmortem);
  auto r = run_lessonlint({"extract", "postmortems/a.md", "-o", "-"}, plain.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("---\ntype: learning-review\n"));
  CHECK_THAT(r.out, Catch::Contains("postmortems: [postmortems/a.md]"));
  CHECK_FALSE(fs::exists(plain.path() + "/learning-reviews"));
  CHECK(run_lessonlint({"extract", "postmortems/a.md", "-o", "-", "--remove-from-postmortem"}, plain.path()).exit_code == 2);
}
