// Every built-in rule's documentation is executable: its `bad` example must
// fire the rule and its `good` example must not, so docs cannot drift from
// behaviour. Examples must also classify as a kind the rule applies to.
#include <catch2/catch.hpp>

#include "classify/classify.h"
#include "document/document.h"
#include "rules/builtin.h"
#include "test_support.h"
#include "util/yaml_util.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {
Config docs_config() {
  // The registry rules only act when a registry exists.
  Config c;
  c.teams = {"Payments", "Ledger", "Search", "ledger"};
  return c;
}
}  // namespace

TEST_CASE("every built-in rule has complete docs", "[rules][docs]") {
  for (const auto& r : builtin_rules().rules) {
    INFO(r.id);
    CHECK(r.builtin);
    CHECK_FALSE(r.docs.summary.empty());
    CHECK_FALSE(r.docs.why.empty());
    CHECK_FALSE(r.docs.fix.empty());
    CHECK(r.file == "rules/" + r.id + ".yaml");
    if (r.check_type != "builtin") {
      CHECK_FALSE(r.docs.bad.empty());
      CHECK_FALSE(r.docs.good.empty());
    }
  }
}

TEST_CASE("every built-in rule fires on docs.bad and not on docs.good", "[rules][docs]") {
  Config config = docs_config();
  int checked = 0;
  for (const auto& r : builtin_rules().rules) {
    if (r.check_type == "builtin" || r.docs.bad.empty()) continue;
    // "(1,200 words of ...)" stands for a long document: measure rules are tested elsewhere.
    if (r.check_type == "metric" && r.docs.bad.find("words") != std::string::npos &&
        r.docs.bad.find("(") != std::string::npos && r.id.find("too-long") != std::string::npos)
      continue;
    std::string rel = r.kinds.size() == 1 && r.kinds[0] == "postmortem" ? "postmortems/example.md"
                      : r.kinds.size() == 1 && r.kinds[0] == "template" ? "templates/example-template.md"
                                                                         : "learning-reviews/example.md";
    INFO(r.id);
    for (const std::string* example : {&r.docs.bad, &r.docs.good}) {
      Document doc = parse_document(rel, *example);
      std::string kind = Classifier(builtin_rules().kinds, {}).classify(doc, rel).kind;
      CHECK(r.applies_to(kind));
    }
    CHECK_FALSE(only(check_text(rel, r.docs.bad, config), r.id).empty());
    CHECK(only(check_text(rel, r.docs.good, config), r.id).empty());
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("the too-long rules fire over their bounds and not under", "[rules][docs]") {
  auto words = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i % 12 == 11) ? "word.\n" : "word ";
    return s;
  };
  std::string review = "# Learning review: x\n\n";
  CHECK(only(check_text("learning-reviews/a.md", review + words(1100)), "learning-review/too-long").size() == 1);
  CHECK(only(check_text("learning-reviews/a.md", review + words(900)), "learning-review/too-long").empty());
  std::string pm = "# Postmortem: x\n\n";
  CHECK(only(check_text("postmortems/a.md", pm + words(6100)), "postmortem/too-long").size() == 1);
  CHECK(only(check_text("postmortems/a.md", pm + words(5000)), "postmortem/too-long").empty());
}

TEST_CASE("built-in rule and kind files compile: every pattern in them is valid", "[rules][docs]") {
  // load_rules leaves the built-in patterns to be compiled when first used;
  // parsed one by one here, each file compiles all of its patterns at once,
  // and a bad one is an error.
  int files = 0;
  for (const auto& f : builtin_rule_files()) {
    INFO(f.path);
    std::string path = f.path;
    bool kind = path.size() >= 9 && path.compare(path.size() - 9, 9, "kind.yaml") == 0;
    if (kind) {
      auto k = parse_kind_file(f.text, f.path, true);
      if (!k) FAIL(k.error().to_string());
      for (const auto& s : k->kind.signals)
        if (s.pattern) CHECK(s.pattern.compiled());
    } else {
      auto r = parse_rule(f.text, f.path, true);
      if (!r) FAIL(r.error().to_string());
    }
    ++files;
  }
  CHECK(files >= 25);
  CHECK_FALSE(LazyBuiltinPatterns::active());
}
