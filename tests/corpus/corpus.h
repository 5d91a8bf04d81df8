#pragma once
// The real documents of ../shared/corpus, laid out as a user's clones are:
// each repository's files under a folder named after the repository, and
// lessonlint run from that folder's root (its name is the repository's name).
//   real/   53 documents copied out of 12 public repositories (SOURCES.tsv);
//   repos/  three public repositories as git bundles, cloned (labels.tsv).
// The tests that read them skip, saying what is missing, when ../shared is
// not beside the checkout.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/finding.h"
#include "test_support.h"

namespace lessonlint::test {

// One labelled document, from either set.
struct LabelledDoc {
  std::string set;         // "real" or "repos"
  std::string repo;        // upstream owner/name
  std::string path;        // in the repository (as a clone has it)
  std::string kind;        // the reader's: postmortem, learning-review or other (templates and retrospectives are other)
  std::string subtype;     // "template", "retrospective", "readme", "index" or ""
  std::string trapped;     // yes, no, ? or - (not a postmortem)
  std::string heading;     // lessons_heading, or "-"
  // The learning-review labels (repos only): yes, no, or - (not a learning review).
  std::string summary_only = "-", vague_audience = "-", no_distribution = "-";
  int heading_line = 0;    // lessons_line (repos only; 0 when unknown)
};

// What lessonlint made of one document.
struct CheckedDoc {
  LabelledDoc label;
  FileResult file;
  std::vector<Finding> findings;
};

// The shared folder beside the checkout, and whether `rel` exists in it. When
// it does not, prints one line that ctest reads as a skip (see tests/CMakeLists.txt).
std::string shared_dir();
bool shared_available(const std::string& rel, const std::string& what);

// Every document of the set, checked with the built-in rules and no
// configuration, each repository from its own root. Runs once per process.
const std::vector<CheckedDoc>& checked_real_corpus();
const std::vector<CheckedDoc>& checked_repos_corpus();
// The bundles of repos/, each cloned once (with its history) into a folder
// named as a clone of its upstream URL is: owner/name -> the clone's root.
const std::map<std::string, std::string>& repos_clones();
// tests/fixtures/wild: 86 documents from 37 repositories nobody here wrote (in the checkout).
const std::vector<CheckedDoc>& checked_wild_corpus();

}  // namespace lessonlint::test
