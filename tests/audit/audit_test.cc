// `lessonlint audit` on repositories built in the test with controlled commit
// dates: which postmortems are the most recent (by the commit that first added
// each one, renames followed), the fallbacks when history is missing, linked
// learning reviews, the review ratio, and every output format.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "audit/audit.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

// Commits carry the day they are given (YYYY-MM-DD, at noon UTC).
struct Repo : GitRepoDir {
  void commit(const std::string& day, const std::string& msg = "change") const {
    GitRepoDir::commit(msg, day + "T12:00:00+0000");
  }
};

std::string postmortem(const std::string& title, bool trapped = false, const std::string& front = "") {
  std::string t = front.empty() ? "" : "---\n" + front + "---\n";
  t += "# Postmortem: " + title + "\n\n## Timeline\n- 10:00 UTC alert\n\n## Impact\nCheckout slow for 20 minutes.\n\n"
       "## Root cause\nA config push.\n\n## Action items\n- Add an alert. Owner: @ana, due 2026-05-01\n\n";
  if (trapped) t += "## Broader lessons for the wider org\n\nEvery team that runs migrations should book a window.\n\n";
  t += "## Should this generate a learning review?\n\nNo: the lesson is the team's own.\n";
  return t;
}

std::string review(const std::string& front_postmortems, const std::string& body_link = "") {
  std::string t = "---\ntype: learning-review\ndistribution: \"#eng-learning\"\n";
  if (!front_postmortems.empty()) t += "postmortems: [" + front_postmortems + "]\n";
  t += "---\n# Learning review: windows\n\n## What we used to believe\nx\n\n## What we now believe\ny\n\n"
       "## Where else this applies\nTeams running migrations on large tables.\n";
  if (!body_link.empty()) t += "\nDetails: [the postmortem](" + body_link + ").\n";
  return t;
}

nlohmann::json audit_json(const std::string& cwd, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"audit", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_lessonlint(args, cwd);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> paths_of(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& p : j["postmortems"]) out.push_back(p["path"].get<std::string>());
  return out;
}

void set_mtime(const std::string& path, int days_ago) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(24 * days_ago));
}

}  // namespace

TEST_CASE("audit: the five most recently added postmortems, by first commit, not by name or mtime", "[audit][e2e]") {
  Repo repo;
  // Names sort one way, commit dates another, modification times a third.
  const std::vector<std::pair<std::string, std::string>> added = {
      {"postmortems/g.md", "2026-01-10"}, {"postmortems/a.md", "2026-02-10"}, {"postmortems/f.md", "2026-03-10"},
      {"postmortems/b.md", "2026-04-10"}, {"postmortems/e.md", "2026-05-10"}, {"postmortems/c.md", "2026-06-10"},
      {"postmortems/d.md", "2026-07-10"}};
  for (const auto& [rel, day] : added) {
    repo.write(rel, postmortem(rel));
    repo.commit(day, "add " + rel);
  }
  // A later edit of the oldest one does not make it recent.
  repo.write("postmortems/g.md", postmortem("g, edited") + "\nMore detail.\n");
  repo.commit("2026-08-01", "edit g");
  // On disk the first added is the newest file, the last added the oldest.
  int age = 0;
  for (const auto& [rel, day] : added) set_mtime(repo.path() + "/" + rel, age++);

  auto j = audit_json(repo.path());
  CHECK(paths_of(j) == std::vector<std::string>{"postmortems/d.md", "postmortems/c.md", "postmortems/e.md",
                                                "postmortems/b.md", "postmortems/f.md"});
  CHECK(j["postmortems"][0]["date"]["day"] == "2026-07-10");
  CHECK(j["postmortems"][0]["date"]["source"] == "first commit");
  CHECK(j["summary"]["audited"] == 5);
  CHECK(j["summary"]["repository_postmortems"] == 7);

  SECTION("--last N") {
    CHECK(paths_of(audit_json(repo.path(), {"--last", "2"})) ==
          std::vector<std::string>{"postmortems/d.md", "postmortems/c.md"});
  }
  SECTION("--since alone: every postmortem added since then") {
    CHECK(paths_of(audit_json(repo.path(), {"--since", "2026-04-10"})) ==
          std::vector<std::string>{"postmortems/d.md", "postmortems/c.md", "postmortems/e.md", "postmortems/b.md"});
    CHECK(paths_of(audit_json(repo.path(), {"--since", "2026-04-10", "--last", "1"})) ==
          std::vector<std::string>{"postmortems/d.md"});
  }
  SECTION("--since after the last one: a report that says so") {
    auto r = run_lessonlint({"audit", "--since", "2027-01-01"}, repo.path());
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("No postmortem under " + repo.path() + " was added since 2027-01-01 (7 "
                                      "postmortems in all)."));
  }
  SECTION("a bad --since is a usage error") {
    auto r = run_lessonlint({"audit", "--since", "last week"}, repo.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("YYYY-MM-DD"));
  }
}

TEST_CASE("audit: fewer than five postmortems are all audited", "[audit][e2e]") {
  Repo repo;
  repo.write("incidents/one.md", postmortem("one"));
  repo.commit("2026-03-01");
  repo.write("incidents/two.md", postmortem("two", true));
  repo.commit("2026-03-05");
  repo.write("docs/guide.md", "# How we write things\n");
  repo.commit("2026-03-06");
  auto j = audit_json(repo.path());
  CHECK(paths_of(j) == std::vector<std::string>{"incidents/two.md", "incidents/one.md"});
  CHECK(j["summary"]["extraction_candidates"] == 1);
  CHECK(j["postmortems"][0]["extraction_candidate"] == true);
  CHECK(j["postmortems"][0]["trapped_lessons"][0]["heading"] == "Broader lessons for the wider org");
  CHECK(j["postmortems"][0]["trapped_lessons"][0]["line"] == 15);
  CHECK(j["postmortems"][1]["extraction_candidate"] == false);
  CHECK(j["postmortems"][1]["answers_learning_review_question"] == true);
}

TEST_CASE("audit: a postmortem renamed or moved after it was added keeps its original date", "[audit][e2e]") {
  Repo repo;
  repo.write("incidents/2025-db.md", postmortem("the old database outage"));
  repo.commit("2025-11-20", "old postmortem");
  repo.write("postmortems/new.md", postmortem("a recent one"));
  repo.commit("2026-02-01", "recent postmortem");
  // Moved (and lightly edited) last week: still an old postmortem.
  fs::create_directories(repo.path() + "/postmortems/2025");
  repo.git({"mv", "incidents/2025-db.md", "postmortems/2025/db-outage.md"});
  repo.write("postmortems/2025/db-outage.md", postmortem("the old database outage") + "\nMoved into the archive.\n");
  repo.commit("2026-06-01", "reorganise");

  auto j = audit_json(repo.path(), {"--last", "1"});
  CHECK(paths_of(j) == std::vector<std::string>{"postmortems/new.md"});
  auto all = audit_json(repo.path());
  REQUIRE(paths_of(all) == std::vector<std::string>{"postmortems/new.md", "postmortems/2025/db-outage.md"});
  CHECK(all["postmortems"][1]["date"]["day"] == "2025-11-20");
  CHECK(all["postmortems"][1]["date"]["source"] == "first commit");
}

TEST_CASE("audit: a whole folder of postmortems moved keeps every date", "[audit][e2e]") {
  Repo repo;
  repo.write("incidents/a.md", postmortem("a"));
  repo.commit("2025-01-01");
  repo.write("incidents/b.md", postmortem("b"));
  repo.commit("2025-02-01");
  repo.git({"mv", "incidents", "postmortems"});
  repo.write("postmortems/c.md", postmortem("c"));
  repo.commit("2026-05-01", "move the folder, add c");
  auto j = audit_json(repo.path());
  REQUIRE(paths_of(j) == std::vector<std::string>{"postmortems/c.md", "postmortems/b.md", "postmortems/a.md"});
  CHECK(j["postmortems"][1]["date"]["day"] == "2025-02-01");
  CHECK(j["postmortems"][2]["date"]["day"] == "2025-01-01");
  // Deleted and added again later: the new file's date.
  repo.git({"rm", "-q", "postmortems/a.md"});
  repo.commit("2026-05-02");
  repo.write("postmortems/a.md", postmortem("a, rewritten from scratch with a different text entirely"));
  repo.commit("2026-06-01");
  CHECK(paths_of(audit_json(repo.path(), {"--last", "1"})) == std::vector<std::string>{"postmortems/a.md"});
}

TEST_CASE("audit: a learning review that links a postmortem is found, in front matter or the body", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/a.md", postmortem("a", true));
  repo.write("postmortems/b.md", postmortem("b"));
  repo.write("postmortems/c.md", postmortem("c"));
  repo.commit("2026-01-01");
  repo.write("learning-reviews/windows.md", review("../postmortems/a.md"));
  repo.write("docs/lessons/cache.md", review("", "/postmortems/b.md#timeline"));
  repo.write("learning-reviews/other.md", review("https://incidents.example.com/7"));
  repo.commit("2026-01-02");
  auto j = audit_json(repo.path());
  std::map<std::string, nlohmann::json> by;
  for (const auto& p : j["postmortems"]) by[p["path"]] = p["learning_reviews"];
  CHECK(by["postmortems/a.md"] == nlohmann::json{"learning-reviews/windows.md"});
  CHECK(by["postmortems/b.md"] == nlohmann::json{"docs/lessons/cache.md"});
  CHECK(by["postmortems/c.md"].empty());
  CHECK(j["summary"]["with_learning_review"] == 2);
  CHECK(j["summary"]["repository_learning_reviews"] == 3);

  auto md = run_lessonlint({"audit"}, repo.path());
  CHECK(md.exit_code == 0);
  CHECK_THAT(md.out, Catch::Contains("[yes](learning-reviews/windows.md)"));
  // A candidate that already has its review: the section only needs to go.
  CHECK_THAT(md.out, Catch::Contains("[a learning review](learning-reviews/windows.md) already links to it"));
}

TEST_CASE("audit: each review's links stay its own among other documents with front matter", "[audit][e2e]") {
  // Regression: yaml-cpp nodes assign through references, so moving parsed
  // documents around by assignment mixed up their front matter.
  Repo repo;
  for (const char* name : {"a", "b", "c"}) {
    repo.write(fmt::format("postmortems/{}.md", name), postmortem(name));
    repo.write(fmt::format("learning-reviews/{}.md", name), review(fmt::format("../postmortems/{}.md", name)));
  }
  repo.write("0-guide.md", "---\ntype: guide\n---\n# Guide\n");
  repo.write("learning-reviews/README.md", "---\ntitle: Index\n---\n# Index\n");
  repo.write("zz-notes.md", "---\ntype: note\n---\n# Notes\n");
  repo.commit("2026-01-01");
  auto j = audit_json(repo.path());
  for (const auto& p : j["postmortems"]) {
    std::string name = fs::path(p["path"].get<std::string>()).stem().string();
    CHECK(p["learning_reviews"] == nlohmann::json{"learning-reviews/" + name + ".md"});
  }
}

TEST_CASE("audit: a shallow clone falls back to the front matter date and says so", "[audit][e2e]") {
  Repo origin;
  origin.write("postmortems/old.md", postmortem("old", false, "date: 2025-12-01\n"));
  origin.commit("2025-12-02");
  origin.write("postmortems/new.md", postmortem("new", true, "date: 2026-03-01\n"));
  origin.commit("2026-03-02");
  origin.write("postmortems/mid.md", postmortem("mid", false, "date: \"2026-01-15T09:30:00+02:00\"\n"));
  origin.commit("2026-04-01");
  TempDir parent;
  auto c = run_command({"git", "clone", "-q", "--depth", "1", "file://" + origin.path(), "clone"}, parent.path(),
                       {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + parent.path()});
  REQUIRE(c.exit_code == 0);
  std::string clone = parent.path() + "/clone";
  auto j = audit_json(clone);
  CHECK(paths_of(j) == std::vector<std::string>{"postmortems/new.md", "postmortems/mid.md", "postmortems/old.md"});
  for (const auto& p : j["postmortems"]) CHECK(p["date"]["source"] == "front matter date");
  CHECK(j["postmortems"][1]["date"]["day"] == "2026-01-15");
  CHECK(j["history"]["commit_dates"] == false);
  CHECK_THAT(j["history"]["note"].get<std::string>(), Catch::Contains("shallow clone"));

  auto md = run_lessonlint({"audit"}, clone);
  CHECK_THAT(md.out, Catch::Contains("| 2026-03-01 (front matter date) |"));
  CHECK_THAT(md.out, Catch::Contains("Dates from: front matter date (3)"));
  CHECK_THAT(md.out, Catch::Contains("shallow clone"));
  auto text = run_lessonlint({"audit", "--format", "text"}, clone);
  CHECK_THAT(text.out, Catch::Contains("date from: front matter date (this is a shallow clone"));
}

TEST_CASE("audit: outside a repository, front matter date then modification time", "[audit][e2e]") {
  TempDir plain;
  plain.write("postmortems/dated.md", postmortem("dated", false, "date: 2026-02-01\n"));
  std::string undated = plain.write("postmortems/undated.md", postmortem("undated"));
  std::string recent = plain.write("postmortems/recent.md", postmortem("recent"));
  set_mtime(undated, 4000);  // about eleven years ago
  set_mtime(recent, 0);
  auto j = audit_json(plain.path());
  REQUIRE(paths_of(j) == std::vector<std::string>{"postmortems/recent.md", "postmortems/dated.md",
                                                  "postmortems/undated.md"});
  CHECK(j["postmortems"][0]["date"]["source"] == "file modification time");
  CHECK(j["postmortems"][1]["date"]["source"] == "front matter date");
  CHECK(j["postmortems"][1]["date"]["day"] == "2026-02-01");
  CHECK_THAT(j["postmortems"][0]["date"]["note"].get<std::string>(), Catch::Contains("not a git repository"));
  auto text = run_lessonlint({"audit", "--format", "text"}, plain.path());
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("date from: file modification time (this is not a git repository)"));
  CHECK_THAT(text.out, Catch::Contains("date from: front matter date"));
}

TEST_CASE("audit: an uncommitted postmortem in a repository is dated from its front matter", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/committed.md", postmortem("committed"));
  repo.commit("2026-01-01");
  repo.write("postmortems/draft.md", postmortem("draft", false, "date: 2026-05-05\n"));
  auto j = audit_json(repo.path());
  REQUIRE(paths_of(j) == std::vector<std::string>{"postmortems/draft.md", "postmortems/committed.md"});
  CHECK(j["postmortems"][0]["date"]["source"] == "front matter date");
  CHECK(j["postmortems"][0]["date"]["note"] == "not committed yet");
  CHECK(j["postmortems"][1]["date"]["source"] == "first commit");
}

TEST_CASE("audit: a repository with no postmortems gets a friendly report and exit 0", "[audit][e2e]") {
  Repo repo;
  repo.write("README.md", "# Our service\n");
  repo.write("docs/runbook.md", "# Runbook\n");
  repo.commit("2026-01-01");
  for (const char* format : {"markdown", "text", "json"}) {
    auto r = run_lessonlint({"audit", "--format", format}, repo.path());
    INFO(format << ": " << r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("No postmortems found under " + repo.path()));
    CHECK_THAT(r.out, Catch::Contains("postmortems/") && Catch::Contains("type: postmortem"));
  }
  auto sarif = run_lessonlint({"audit", "--format", "sarif", "--fail-on", "note"}, repo.path());
  CHECK(sarif.exit_code == 0);
  CHECK(nlohmann::json::parse(sarif.out)["runs"][0]["results"].empty());
}

TEST_CASE("audit: the Markdown report", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/2026-01-db.md", postmortem("Database | failover", true));
  repo.commit("2026-01-10");
  repo.write("postmortems/2026-02-cache.md", postmortem("Cache stampede"));
  repo.commit("2026-02-10");
  repo.write("learning-reviews/cache.md", review("../postmortems/2026-02-cache.md"));
  repo.commit("2026-02-20");
  auto r = run_lessonlint({"audit", "-o", "reports/audit.md"}, repo.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string md = read_text(repo.path() + "/reports/audit.md");
  CHECK_THAT(md, Catch::StartsWith("# Learning audit\n\nOf the 2 postmortems in the "
                                   "repository (added 2026-01-10 to 2026-02-10), **1** traps broader lessons"));
  // A saved report is not a postmortem itself: the next audit does not count it.
  CHECK_THAT(run_lessonlint({"classify", "reports/audit.md"}, repo.path()).out, Catch::Contains(": other ("));
  repo.commit("2026-03-01");
  CHECK(audit_json(repo.path())["summary"]["repository_postmortems"] == 2);
  CHECK_THAT(md, Catch::Contains("| Date | Postmortem | Extraction candidate? | Linked learning review? | Answers the "
                                 "question? | Other findings |"));
  // Links are relative to the report's folder; a | in a title is escaped.
  CHECK_THAT(md, Catch::Contains("| 2026-02-10 | [Postmortem: Cache stampede](../postmortems/2026-02-cache.md) | no | "
                                 "[yes](../learning-reviews/cache.md) | yes | 0 |"));
  CHECK_THAT(md, Catch::Contains("| 2026-01-10 | [Postmortem: Database \\| failover](../postmortems/2026-01-db.md) | "
                                 "**yes**: \"Broader lessons for the wider org\" (line 15) | no | yes | 0 |"));
  CHECK_THAT(md, Catch::Contains("## Extraction candidates\n"));
  CHECK_THAT(md, Catch::Contains("\"Broader lessons for the wider org\", line 15: `lessonlint extract "
                                 "postmortems/2026-01-db.md`"));
  CHECK_THAT(md, Catch::Contains("1 learning review for 2 postmortems in the repository: 1 in 2.0"));
  CHECK_THAT(md, Catch::Contains("```mermaid\npie title The last 2 postmortems\n    \"Extraction candidates\" : 1\n"
                                 "    \"Team-level lessons only\" : 1\n```"));
  CHECK_THAT(md, Catch::Contains("Dates are those of the commit that first added each postmortem"));
  CHECK_THAT(r.err, Catch::Contains("wrote reports/audit.md"));
}

TEST_CASE("audit: the ratio of learning reviews to postmortems", "[audit][e2e]") {
  SECTION("none over many postmortems") {
    Repo repo;
    for (int i = 0; i < 10; ++i) repo.write(fmt::format("postmortems/{}.md", i), postmortem(std::to_string(i)));
    repo.commit("2026-01-01");
    auto j = audit_json(repo.path());
    CHECK_THAT(j["summary"]["ratio_warning"].get<std::string>(), Catch::Contains("No learning reviews for 10"));
    CHECK_THAT(run_lessonlint({"audit"}, repo.path()).out, Catch::Contains("> **Warning:** No learning reviews"));
  }
  SECTION("a review for every incident") {
    Repo repo;
    for (int i = 0; i < 4; ++i) {
      repo.write(fmt::format("postmortems/{}.md", i), postmortem(std::to_string(i)));
      repo.write(fmt::format("learning-reviews/{}.md", i), review(fmt::format("../postmortems/{}.md", i)));
    }
    repo.commit("2026-01-01");
    auto j = audit_json(repo.path());
    CHECK_THAT(j["summary"]["ratio_warning"].get<std::string>(), Catch::Contains("more than one in two"));
    CHECK(j["summary"]["reviews_per_postmortem"] == 1.0);
  }
  SECTION("about one in five: no warning") {
    Repo repo;
    for (int i = 0; i < 10; ++i) repo.write(fmt::format("postmortems/{}.md", i), postmortem(std::to_string(i)));
    repo.write("learning-reviews/a.md", review("../postmortems/1.md"));
    repo.write("learning-reviews/b.md", review("../postmortems/2.md"));
    repo.commit("2026-01-01");
    CHECK(audit_json(repo.path())["summary"]["ratio_warning"].is_null());
  }
}

TEST_CASE("audit: --fail-on and SARIF with only the audited postmortems' findings", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/old.md", postmortem("old", true));  // an error finding, but not among the last 1
  repo.commit("2026-01-01");
  repo.write("postmortems/new.md", postmortem("new"));
  repo.write("learning-reviews/vague.md", review("../postmortems/new.md") + "\nOther teams should read this.\n");
  repo.commit("2026-02-01");
  CHECK(run_lessonlint({"audit"}, repo.path()).exit_code == 0);
  CHECK(run_lessonlint({"audit", "--fail-on", "error"}, repo.path()).exit_code == 1);
  CHECK(run_lessonlint({"audit", "--fail-on", "error", "--last", "1"}, repo.path()).exit_code == 0);

  auto r = run_lessonlint({"audit", "--format", "sarif", "--last", "1"}, repo.path());
  REQUIRE(r.exit_code == 0);
  auto sarif = nlohmann::json::parse(r.out);
  std::set<std::string> uris;
  for (const auto& a : sarif["runs"][0]["artifacts"]) uris.insert(a["location"]["uri"].get<std::string>());
  for (const auto& res : sarif["runs"][0]["results"])
    uris.insert(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
  CHECK(uris == std::set<std::string>{"postmortems/new.md"});
  CHECK(sarif["runs"][0]["automationDetails"]["id"] == "lessonlint-audit/");
  auto all = nlohmann::json::parse(run_lessonlint({"audit", "--format", "sarif"}, repo.path()).out);
  bool embedded = false;
  for (const auto& res : all["runs"][0]["results"]) embedded = embedded || res["ruleId"] == "postmortem/embedded-lessons";
  CHECK(embedded);
}

TEST_CASE("audit: a postmortem added on a branch and merged keeps the branch's date", "[audit][e2e]") {
  Repo repo;
  repo.write("postmortems/base.md", postmortem("base"));
  repo.commit("2026-01-01");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("postmortems/branch.md", postmortem("branch"));
  repo.commit("2026-02-01");
  repo.git({"checkout", "-q", "main"});
  repo.write("postmortems/main.md", postmortem("main"));
  repo.commit("2026-03-01");
  repo.git({"merge", "-q", "--no-ff", "-m", "merge", "feature"}, "2026-04-01T12:00:00+0000");
  auto j = audit_json(repo.path());
  REQUIRE(paths_of(j) == std::vector<std::string>{"postmortems/main.md", "postmortems/branch.md", "postmortems/base.md"});
  CHECK(j["postmortems"][1]["date"]["day"] == "2026-02-01");
}

TEST_CASE("audit: dates", "[audit]") {
  CHECK(parse_date("2026-04-16") == 1776297600);
  CHECK(parse_date("2026-04-16T10:00:00Z") == 1776297600 + 36000);
  CHECK(parse_date("2026-04-16 10:00 +02:00") == 1776297600 + 28800);
  CHECK(parse_date("1969-12-31") == -86400);
  CHECK_FALSE(parse_date("16/04/2026"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date(""));
  CHECK(std::string(date_source_name(DateSource::FrontMatter)) == "front matter date");
}
