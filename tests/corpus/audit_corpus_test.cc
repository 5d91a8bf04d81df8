// The weekly audit on real repositories with their real history: each bundle
// of ../shared/corpus/repos is cloned (tests/corpus/corpus.h), and
// `lessonlint audit --last 5` run from the clone's root must list the five
// postmortems, by the reader's labels, that git added last, and nothing else:
// no README, index page or template. The expected dates come from git itself
// (`git log --follow --diff-filter=A`, the author date of the commit that first
// added the file, renames followed), not from lessonlint.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "corpus/corpus.h"

using namespace lessonlint::test;

namespace {

// The day git first added `path`, in the author's time zone ("2025-10-14").
std::string first_added(const std::string& root, const std::string& path) {
  RunOutput r = run_command({"git", "log", "--follow", "--diff-filter=A", "--date=short", "--format=%ad", "--", path},
                            root, {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + root});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line, earliest;
  while (std::getline(lines, line))
    if (!line.empty()) earliest = line;  // newest first: the last is the first addition
  INFO(path << ": git log found no commit that added it");
  REQUIRE_FALSE(earliest.empty());
  return earliest;
}

void check_audit(const std::string& repo) {
  const auto& roots = repos_clones();
  auto at = roots.find(repo);
  REQUIRE(at != roots.end());
  const std::string& root = at->second;

  // The reader's postmortems of this repository, newest first by git's dates.
  std::vector<std::pair<std::string, std::string>> postmortems;  // (day, path)
  std::set<std::string> not_postmortems;
  for (const auto& d : checked_repos_corpus()) {
    if (d.label.repo != repo) continue;
    if (d.label.kind == "postmortem") postmortems.emplace_back(first_added(root, d.label.path), d.label.path);
    else not_postmortems.insert(d.label.path);
  }
  REQUIRE(postmortems.size() >= 5);
  std::sort(postmortems.begin(), postmortems.end(), std::greater<>());
  // Postmortems added on the fifth one's day may stand in for each other.
  const std::string fifth = postmortems[4].first;
  std::set<std::string> must, may;
  for (const auto& [day, path] : postmortems) {
    if (day > fifth) must.insert(path);
    if (day >= fifth) may.insert(path);
  }

  RunOutput r = run_lessonlint({"audit", "--last", "5", "--format", "json"}, root,
                               {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + root});
  INFO(repo << ": lessonlint audit --last 5 --format json\n" << r.err);
  REQUIRE(r.exit_code == 0);
  auto report = nlohmann::json::parse(r.out);
  std::vector<std::string> listed;
  std::string previous_day = "9999";
  for (const auto& p : report.at("postmortems")) {
    std::string path = p.at("path").get<std::string>();
    std::string day = p.at("date").at("day").get<std::string>();
    listed.push_back(path);
    INFO(repo << ": " << path << " (" << day << ")");
    CHECK(not_postmortems.count(path) == 0);  // never a README, an index page or a template
    CHECK(may.count(path) == 1);              // one of the five most recent
    CHECK(day <= previous_day);               // newest first
    previous_day = day;
  }
  std::cout << repo << ": audit --last 5 lists";
  for (const auto& p : listed) std::cout << " " << p << ";";
  std::cout << "\n";
  CHECK(listed.size() == 5);
  for (const auto& path : must) {
    INFO(repo << ": " << path << " is among the five most recent postmortems and is not listed");
    CHECK(std::find(listed.begin(), listed.end(), path) != listed.end());
  }
}

}  // namespace

TEST_CASE("corpus: the weekly audit of real repositories lists their five most recent postmortems", "[corpus][audit]") {
  if (!shared_available("corpus/repos/labels.tsv", "the audit of the replayed repositories")) return;
  SECTION("PostHog/post-mortems") { check_audit("PostHog/post-mortems"); }
  SECTION("dfds/postmortems") { check_audit("dfds/postmortems"); }
  SECTION("2i2c-org/incident-reports") { check_audit("2i2c-org/incident-reports"); }
}
