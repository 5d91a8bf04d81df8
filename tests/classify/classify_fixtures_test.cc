// Hand-written documents for every classification signal, both ways: each
// row of tests/fixtures/classify/expected.tsv names a document (its path in
// the folder is its path in a repository), the repository's name, the kind a
// reader gives it, and the signals that must or must not fire. See
// tests/fixtures/classify/README.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <set>
#include <sstream>

#include "classify/classify.h"
#include "document/document.h"
#include "rules/loader.h"
#include "test_support.h"
#include "util/text.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {

struct Row {
  std::string path, repository, kind, template_of;
  std::vector<std::string> must_fire, must_not_fire;
  std::string note;
  int line = 0;
};

std::vector<std::string> list_of(const std::string& cell) {
  std::vector<std::string> out;
  if (cell == "-" || cell.empty()) return out;
  for (const auto& part : split(cell, ',')) {
    std::string t(trim(part));
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::vector<Row> read_rows(const std::string& dir) {
  std::vector<Row> rows;
  std::istringstream in(read_text(dir + "/expected.tsv"));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 || line.empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    if (cols.size() < 7) FAIL("expected.tsv:" << n << ": a row needs 7 tab-separated columns, it has " << cols.size());
    rows.push_back({cols[0], cols[1], cols[2], cols[3], list_of(cols[4]), list_of(cols[5]), cols[6], n});
  }
  return rows;
}

// Where lessonlint still disagrees with the reader, printed on every run. The
// list only shrinks: a new disagreement fails, and so does a listed one that
// lessonlint now gets right (take it off the list).
const std::set<std::string> kKnownDisagreements = {
    // A scan written up under "Postmortem:" in postmortems/: the title and the
    // folder say postmortem, and only "Nothing went wrong" says otherwise.
    "postmortems/2024-05-30-q2-dependency-scan.md",
};

bool fired(const Classification& c, const std::string& kind_signal) {
  std::size_t colon = kind_signal.find(':');
  std::string kind = kind_signal.substr(0, colon), signal = kind_signal.substr(colon + 1);
  for (const auto& e : c.evidence)
    if (e.kind == kind && e.signal == signal) return true;
  return false;
}

}  // namespace

TEST_CASE("classify fixtures: every signal, both ways, as a reader would decide", "[classify]") {
  std::string dir = source_dir() + "/tests/fixtures/classify";
  auto rows = read_rows(dir);
  REQUIRE(rows.size() >= 30);
  const KindSet& kinds = builtin_rules().kinds;
  for (const auto& r : rows) {
    INFO("expected.tsv:" << r.line << ": " << r.path << " (" << r.note << ")");
    Classifier classifier(kinds, {});
    classifier.set_repository_names(r.repository == "-" ? std::vector<std::string>{} : std::vector<std::string>{r.repository});
    Document doc = parse_document(r.path, read_text(dir + "/" + r.path));
    Classification c = classifier.classify(doc, r.path, Classifier::Completeness::Every);
    INFO("classified " << c.kind << " (" << c.reason << ")");
    if (kKnownDisagreements.count(r.path)) {
      std::cout << "classify fixtures: known disagreement: " << r.path << " is " << r.kind << " to a reader, "
                << c.kind << " to lessonlint (" << c.reason << ")\n";
      CHECK(c.kind != r.kind);  // when it agrees, take it off kKnownDisagreements
      continue;
    }
    CHECK(c.kind == r.kind);
    if (r.template_of != "-") CHECK(c.template_of == r.template_of);
    for (const auto& s : r.must_fire) {
      INFO("must fire: " << s);
      REQUIRE(kinds.find(s.substr(0, s.find(':'))));
      CHECK(fired(c, s));
    }
    for (const auto& s : r.must_not_fire) {
      INFO("must not fire: " << s);
      REQUIRE(kinds.find(s.substr(0, s.find(':'))));
      CHECK_FALSE(fired(c, s));
    }
  }
}

TEST_CASE("a kind file of an organisation's own teaches lessonlint its words", "[classify]") {
  // tests/fixtures/kind-extension extends the built-in postmortem kind with
  // Spanish section names, the organisation's name for a postmortem and its
  // folder: a Spanish incident report that the English signals cannot read
  // becomes a postmortem, and the built-in signals still count.
  std::string rel = "incidentes/2024-05-20-caida-pasarela-pagos.md";
  std::string text = read_text(source_dir() + "/tests/fixtures/classify/" + rel);
  Document doc = parse_document(rel, text);

  Classifier builtin(builtin_rules().kinds, {});
  CHECK(builtin.classify(doc, rel).kind == "other");

  auto extended = load_rules({source_dir() + "/tests/fixtures/kind-extension"});
  REQUIRE(extended.ok());
  const KindDef* pm = extended->kinds.find("postmortem");
  REQUIRE(pm);
  CHECK(pm->builtin);  // extended, not replaced: the built-in signals are still there
  CHECK(std::any_of(pm->signals.begin(), pm->signals.end(), [](const Signal& s) { return s.name == "timestamps"; }));
  Classifier taught(extended->kinds, {});
  Classification c = taught.classify(doc, rel);
  INFO(c.reason);
  CHECK(c.kind == "postmortem");
  CHECK_THAT(c.reason, Catch::Contains("secciones"));
  CHECK_THAT(c.reason, Catch::Contains("carpeta de incidentes 'incidentes'"));
  // The organisation's own type name is decisive, as the built-in ones are.
  CHECK(taught.classify(parse_document("a.md", "---\ntype: COE\n---\nText.\n"), "a.md").kind == "postmortem");
}

TEST_CASE("classify fixtures: asking only the signals a decision needs gives the same kinds", "[classify]") {
  // Completeness::Needed (what check uses) stops asking once the rest cannot
  // change the decision; Every (classify) asks them all. Same kinds, with and
  // without the section set that runs of many documents use.
  std::string dir = source_dir() + "/tests/fixtures/classify";
  const KindSet& kinds = builtin_rules().kinds;
  Classifier one_by_one(kinds, {});
  Classifier with_set(kinds, {});
  with_set.prepare_for_many(Classifier::kTextSetsMin);
  int compared = 0;
  for (const auto& r : read_rows(dir)) {
    for (Classifier* c : {&one_by_one, &with_set})
      c->set_repository_names(r.repository == "-" ? std::vector<std::string>{} : std::vector<std::string>{r.repository});
    Document doc = parse_document(r.path, read_text(dir + "/" + r.path));
    Classification every = one_by_one.classify(doc, r.path, Classifier::Completeness::Every);
    for (Classifier* c : {&one_by_one, &with_set}) {
      Classification needed = c->classify(doc, r.path, Classifier::Completeness::Needed);
      INFO(r.path << ": every signal " << every.kind << " (" << every.reason << "), needed " << needed.kind << " ("
                   << needed.reason << ")");
      CHECK(needed.kind == every.kind);
      CHECK(needed.template_of == every.template_of);
      CHECK(needed.evidence.size() <= every.evidence.size());
    }
    ++compared;
  }
  CHECK(compared >= 60);
}
