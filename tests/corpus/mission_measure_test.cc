// The four mission rules measured against the readers' labels of
// ../shared/corpus (repos/labels.tsv and real/SOURCES.tsv, by the definitions
// of repos/README.md). Prints precision and recall of each rule, counting a
// finding at either strength (an error for a heading that names the
// organisation, a warning for a passage found by its wording), and fails
// below the bars of issue 17: precision 0.9, recall 0.85.
//
// Where lessonlint and a reader still disagree, the document is listed in
// kKnownDisagreements with the reason; the list is printed, may only shrink (an
// entry that agrees now fails, so that it is removed), and a disagreement not
// in it fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>

#include "corpus/corpus.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {

struct MissionRule {
  const char* id;
  std::string LabelledDoc::*label;  // yes / no; anything else is not scored
  const char* kind;                 // the kind the label is about
};

const MissionRule kRules[] = {
    {"postmortem/embedded-lessons", &LabelledDoc::trapped, "postmortem"},
    {"learning-review/summary-only", &LabelledDoc::summary_only, "learning-review"},
    {"learning-review/vague-audience", &LabelledDoc::vague_audience, "learning-review"},
    {"learning-review/no-distribution", &LabelledDoc::no_distribution, "learning-review"},
};

constexpr double kPrecisionBar = 0.9, kRecallBar = 0.85;

// "set repo path rule": where lessonlint still disagrees with the reader, and why.
const std::set<std::string> kKnownDisagreements = {};

struct Score {
  int tp = 0, fp = 0, fn = 0, tn = 0, unscored_fired = 0;
  std::vector<std::string> disagreements;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

Score measure(const std::vector<const CheckedDoc*>& docs, const MissionRule& rule) {
  Score s;
  for (const CheckedDoc* d : docs) {
    bool fired = std::any_of(d->findings.begin(), d->findings.end(),
                             [&](const Finding& f) { return f.rule_id == rule.id && !f.suppressed; });
    const std::string& label = d->label.*rule.label;
    std::string key = d->label.set + " " + d->label.repo + " " + d->label.path + " " + rule.id;
    bool scored = d->label.kind == rule.kind && (label == "yes" || label == "no");
    if (!scored) {
      // Not scored ("?", or not the rule's kind): a finding on a document of
      // another kind is still wrong, since the rule is for that kind only.
      if (fired && d->label.kind != rule.kind) {
        ++s.fp;
        s.disagreements.push_back(key + " (fires on a document the reader calls " + d->label.kind + ")");
      } else if (fired) {
        ++s.unscored_fired;
      }
      continue;
    }
    if (label == "yes" && fired) ++s.tp;
    else if (label == "no" && !fired) ++s.tn;
    else if (label == "yes") ++s.fn, s.disagreements.push_back(key + " (misses it)");
    else ++s.fp, s.disagreements.push_back(key + " (fires; the reader says no)");
  }
  return s;
}

}  // namespace

TEST_CASE("corpus: the mission rules, measured against the readers' labels", "[corpus]") {
  if (!shared_available("corpus/repos/labels.tsv", "the mission-rule measurement") ||
      !shared_available("corpus/real/SOURCES.tsv", "the mission-rule measurement"))
    return;
  std::vector<const CheckedDoc*> docs;
  for (const auto* set : {&checked_repos_corpus(), &checked_real_corpus()})
    for (const auto& d : *set) docs.push_back(&d);

  std::set<std::string> seen;  // disagreements found, by key without the reason
  std::ostringstream report;
  report << "mission rules on ../shared/corpus (repos + real, " << docs.size() << " documents):\n";
  for (const auto& rule : kRules) {
    Score s = measure(docs, rule);
    int scored = s.tp + s.fp + s.fn + s.tn;
    report << "  " << rule.id << ": ";
    if (s.tp + s.fn == 0 && s.fp == 0) {
      report << "no labelled " << rule.kind << " in the corpus (" << scored << " scored), and no finding on another kind\n";
    } else {
      report << "precision " << s.precision() << ", recall " << s.recall() << " (tp " << s.tp << ", fp " << s.fp
             << ", fn " << s.fn << ", tn " << s.tn << "; fired on " << s.unscored_fired << " unscored)\n";
    }
    for (const auto& d : s.disagreements) {
      std::string key = d.substr(0, d.find(" ("));
      seen.insert(key);
      bool known = kKnownDisagreements.count(key) > 0;
      report << "    " << (known ? "known: " : "NEW: ") << d << "\n";
      INFO(d);
      CHECK(known);
    }
    INFO(rule.id);
    CHECK(s.precision() >= kPrecisionBar);
    CHECK(s.recall() >= kRecallBar);
  }
  // The list only shrinks: an entry that agrees with the reader now goes.
  for (const auto& k : kKnownDisagreements) {
    INFO("listed as a disagreement, but lessonlint agrees with the reader now: remove it: " << k);
    CHECK(seen.count(k) > 0);
  }
  report << "  known disagreements listed: " << kKnownDisagreements.size() << "\n";
  std::cout << report.str();
}

// tests/fixtures/wild: the same measure on documents from repositories the
// rules were not first written from (their first measurement: precision 0.83,
// recall 0.71; tuned on since, so a regression test now). A finding on a
// document lessonlint takes for a postmortem and the reader does not counts
// against the rule here; the kind misses are the wild kind test's.
TEST_CASE("wild: postmortem/embedded-lessons, measured against the readers' labels", "[wild]") {
  // None left: PyPI's analysis of the ultralytics attack, once taken for a postmortem, is read as the
  // learning review it is since headings of up to sixteen words are sections.
  const std::set<std::string> known = {};
  std::vector<const CheckedDoc*> docs;
  for (const auto& d : checked_wild_corpus()) docs.push_back(&d);
  Score s = measure(docs, kRules[0]);
  std::cout << "wild: postmortem/embedded-lessons: precision " << s.precision() << ", recall " << s.recall()
            << " (tp " << s.tp << ", fp " << s.fp << ", fn " << s.fn << ", tn " << s.tn << ")\n";
  std::set<std::string> seen;
  for (const auto& d : s.disagreements) {
    std::string key = d.substr(0, d.find(" ("));
    seen.insert(key);
    std::cout << "    " << (known.count(key) ? "known: " : "NEW: ") << d << "\n";
    INFO(d);
    CHECK(known.count(key) > 0);
  }
  for (const auto& k : known) {
    INFO("listed as a disagreement, but lessonlint agrees with the reader now: remove it: " << k);
    CHECK(seen.count(k) > 0);
  }
  CHECK(s.tp + s.fn >= 5);
  CHECK(s.precision() >= 0.85);
  CHECK(s.recall() >= kRecallBar);
}
