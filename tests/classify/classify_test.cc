// How a document's kind is decided: front matter `type:` and kind globs are
// decisive; otherwise the built-in kinds' signals are weighed
// (rules/*/kind.yaml). Each signal's own fixtures, both ways, are in
// tests/fixtures/classify (classify_fixtures_test.cc); this file holds the
// mechanics: precedence, weighing, templates, the reason and the evidence.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classify.h"
#include "document/document.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;
using Catch::Matchers::Contains;

namespace {

Classification run(const std::string& path, const std::string& text, const std::vector<KindGlobs>& globs = {},
                   const std::vector<std::string>& repository = {}) {
  Classifier classifier(builtin_rules().kinds, globs);
  classifier.set_repository_names(repository);
  Document d = parse_document(path, text);
  return classifier.classify(d, path, Classifier::Completeness::Every);
}

std::string with_type(const std::string& type, const std::string& body = "# Notes\n") {
  return "---\ntype: " + type + "\n---\n" + body;
}

std::string titled(const std::string& title) { return "# " + title + "\n\nSome text.\n"; }

bool fired(const Classification& c, const std::string& kind, const std::string& signal) {
  for (const auto& e : c.evidence)
    if (e.kind == kind && e.signal == signal) return true;
  return false;
}

// A short postmortem with no word of "postmortem" in it: the sections and the timestamps say it.
const char* kUntitledIncident =
    "## Summary\n\nCheckout returned errors for 40 minutes after a config push.\n\n"
    "## Timeline\n\n- 10:02 config pushed\n- 10:05 error rate alert\n- 10:41 config reverted\n\n"
    "## Root cause\n\nThe rate limit was set to 10 requests a second.\n\n"
    "## Action items\n\n- Validate limits before a push (owner: @ana, due 2026-05-01)\n";

}  // namespace

// ---------------------------------------------------------------------------
// Decisive: front matter type, then kind globs

TEST_CASE("front matter type wins over globs and every signal", "[classify]") {
  std::vector<KindGlobs> globs{{"other", {"postmortems/**"}}};
  auto c = run("postmortems/2024-01-db.md", with_type("learning-review", kUntitledIncident), globs);
  CHECK(c.kind == "learning-review");
  CHECK(c.decisive);
  CHECK(c.confidence == 1.0);
  CHECK_THAT(c.reason, Contains("front matter type"));
  CHECK_THAT(c.reason, Contains("learning-review"));
}

TEST_CASE("a config kinds glob wins over every signal", "[classify]") {
  std::vector<KindGlobs> globs{{"learning-review", {"docs/**/*.md"}}, {"other", {"postmortems/drafts/"}}};
  auto lr = run("docs/postmortems/2024-01-db.md", kUntitledIncident, globs);
  CHECK(lr.kind == "learning-review");
  CHECK_THAT(lr.reason, Contains("config kinds glob 'docs/**/*.md'"));

  auto other = run("postmortems/drafts/x.md", kUntitledIncident, globs);
  CHECK(other.kind == "other");
  CHECK_THAT(other.reason, Contains("postmortems/drafts/"));
}

TEST_CASE("the first matching kinds glob wins", "[classify]") {
  std::vector<KindGlobs> globs{{"postmortem", {"a/*.md"}}, {"learning-review", {"*.md"}}};
  CHECK(run("a/x.md", "text\n", globs).kind == "postmortem");
  CHECK(run("b/x.md", "text\n", globs).kind == "learning-review");
}

TEST_CASE("front matter type values: the usual spellings, any case or punctuation", "[classify]") {
  Classifier classifier(builtin_rules().kinds, {});
  auto kind_of = [&](const char* t) -> std::string {
    const KindDef* k = classifier.kind_from_type(t);
    return k ? k->id : "";
  };
  for (const char* t : {"postmortem", "post-mortem", "Post Mortem", "incident-review", "incident_report",
                        "Incident Report", "INCIDENT-REPORT", "PIR", "rca", "root cause analysis"}) {
    INFO(t);
    CHECK(kind_of(t) == "postmortem");
  }
  for (const char* t : {"learning_review", "learning-review", "lessons-review", "LearningReview", "Learning Review",
                        "lessons learned"}) {
    INFO(t);
    CHECK(kind_of(t) == "learning-review");
  }
  for (const char* t : {"template", "postmortem-template"}) {
    INFO(t);
    CHECK(kind_of(t) == "template");
  }
  for (const char* t : {"runbook", "handbook", "README", "other", "retrospective", "advisory"}) {
    INFO(t);
    CHECK(kind_of(t) == "other");
  }
  for (const char* t : {"banana", "", "postmortems-index", "incident"}) {
    INFO(t);
    CHECK(kind_of(t).empty());
  }
}

TEST_CASE("an unknown front matter type is not decisive: the evidence decides", "[classify]") {
  auto folder = run("postmortems/x.md", with_type("banana"));
  CHECK(folder.kind == "postmortem");
  CHECK_FALSE(folder.decisive);
  CHECK_THAT(folder.reason, Contains("folder 'postmortems'"));
  CHECK(run("docs/x.md", with_type("banana")).kind == "other");
}

TEST_CASE("a malformed front matter does not stop the signals", "[classify]") {
  auto c = run("incidents/x.md", "---\ntype: [postmortem\n---\n# Notes\n");
  CHECK(c.kind == "postmortem");
  CHECK_THAT(c.reason, Contains("folder 'incidents'"));
}

TEST_CASE("decisive() needs no parse, and is empty when only evidence can tell", "[classify]") {
  Classifier classifier(builtin_rules().kinds, {{"other", {"drafts/**"}}});
  auto fm = read_front_matter("---\ntype: Incident Report\n---\n# x\n");
  auto by_type = classifier.decisive(fm, "anything.md");
  REQUIRE(by_type);
  CHECK(by_type->kind == "postmortem");
  CHECK(by_type->role == KindRole::Postmortem);
  auto by_glob = classifier.decisive(read_front_matter("# x\n"), "drafts/a.md");
  REQUIRE(by_glob);
  CHECK(by_glob->kind == "other");
  CHECK_FALSE(classifier.decisive(read_front_matter("# x\n"), "postmortems/a.md"));
}

// ---------------------------------------------------------------------------
// Weighing

TEST_CASE("a postmortem is known by its content, with no name saying so", "[classify]") {
  auto c = run("notes/checkout.md", kUntitledIncident);
  CHECK(c.kind == "postmortem");
  CHECK(c.role == KindRole::Postmortem);
  CHECK_THAT(c.reason, Contains("sections: "));
  CHECK_THAT(c.reason, Contains("timeline"));
  CHECK_THAT(c.reason, Contains("timestamps (3 lines)"));
  CHECK(fired(c, "postmortem", "cause"));
  CHECK(c.confidence > 0.9);
}

TEST_CASE("a title word alone never decides", "[classify]") {
  for (const char* title : {"Postmortem", "Incident report", "Outage"}) {
    INFO(title);
    auto c = run("docs/x.md", titled(title));
    CHECK(c.kind == "other");
    CHECK(fired(c, "postmortem", "incident words in the title"));
  }
  // The plural names a topic: no evidence of one incident at all.
  CHECK_FALSE(fired(run("docs/x.md", titled("Postmortems")), "postmortem", "incident words in the title"));
  // A word, and no more: not enough for any kind.
  auto word = run("docs/x.md", titled("Incident report"));
  CHECK_THAT(word.reason, Contains("not enough evidence for any kind: postmortem scores 2 of 6"));
  // A topic for a title ("Postmortems") is a page about them.
  auto topic = run("docs/x.md", titled("Postmortems"));
  CHECK_THAT(topic.reason, Contains("a topic for a title 'Postmortems'"));
}

TEST_CASE("a conventional folder is enough when nothing speaks against it", "[classify]") {
  for (const char* path : {"postmortems/2024-01-db.md", "post-mortems/x.md", "incidents/x.md",
                           "incident-reports/x.md", "docs/Postmortems/2024/01-db.md", "security-incidents/x.md"}) {
    INFO(path);
    auto c = run(path, "Text without a title.\n");
    CHECK(c.kind == "postmortem");
    CHECK_THAT(c.reason, Contains("incident folder"));
  }
  for (const char* path : {"learning-reviews/q3.md", "learning_reviews/q3.md", "lessons/q3.md", "docs/lessons/2024/q3.md"}) {
    INFO(path);
    auto c = run(path, "Text without a title.\n");
    CHECK(c.kind == "learning-review");
    CHECK_THAT(c.reason, Contains("learning-review folder"));
  }
}

TEST_CASE("a README in a postmortems folder is other, however it is titled", "[classify]") {
  for (const char* path : {"postmortems/README.md", "postmortems/readme.md", "learning-reviews/index.md",
                           "incidents/_index.md", "postmortems/CONTRIBUTING.md"}) {
    INFO(path);
    auto c = run(path, titled("Postmortems"));
    CHECK(c.kind == "other");
    CHECK_THAT(c.reason, Contains("README or index file name"));
    CHECK_THAT(c.reason, Contains("outweighs"));
  }
}

TEST_CASE("a README that is an incident record is a postmortem", "[classify]") {
  auto c = run("incidents/2024-01-05-checkout/README.md", std::string("# Checkout errors\n\n") + kUntitledIncident);
  CHECK(c.kind == "postmortem");
}

TEST_CASE("a front matter type still classifies a README", "[classify]") {
  CHECK(run("postmortems/README.md", with_type("postmortem")).kind == "postmortem");
}

TEST_CASE("an incident about a template engine is not a template", "[classify]") {
  auto c = run("postmortems/2024-03-template-rendering-outage.md", kUntitledIncident);
  CHECK(c.kind == "postmortem");
}

TEST_CASE("the repository's name counts, and is not enough on its own", "[classify]") {
  auto alone = run("2024-02-28-notes.md", "Some notes about the week.\n", {}, {"post-mortems"});
  CHECK(alone.kind == "other");
  CHECK(fired(alone, "postmortem", "repository of incident records"));
  auto with = run("2024-02-28-notes.md",
                  "On 28th February, the flags service went down for about 3 hours, from 15:30 to 18:10 UTC.\n", {},
                  {"post-mortems"});
  CHECK(with.kind == "postmortem");
  CHECK_THAT(with.reason, Contains("repository of incident records 'post-mortems'"));
}

TEST_CASE("a learning review wins over the incident it retells, when it is one", "[classify]") {
  std::string text =
      "# What the cache stampede teaches us\n\n"
      "## What happened\n\nOn 2 April the cache keys changed at once and the database was flooded.\n\n"
      "## What we used to believe\n\nA cache-only change is low risk.\n\n"
      "## What we now believe\n\nA key change is a cold start for the database.\n\n"
      "## Where else this applies\n\nTeams that put a shared cache in front of a database.\n";
  auto c = run("docs/cache.md", text);
  CHECK(c.kind == "learning-review");
  CHECK(c.role == KindRole::LearningReview);
  CHECK_THAT(c.reason, Contains("what we used to believe"));
}

TEST_CASE("an unrelated document is other with no evidence", "[classify]") {
  auto c = run("docs/notes.md", "Just notes.\n");
  CHECK(c.kind == "other");
  CHECK(c.reason == "no evidence for any kind");
}

// ---------------------------------------------------------------------------
// Templates

TEST_CASE("a template carries a kind's structure and wins over that kind", "[classify]") {
  std::string text =
      "# Incident title - DD/MM/YYYY\n\n## Summary\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:mm | |\n\n"
      "## Root cause\n\n## Action items\n\n- [ ] \n";
  auto c = run("docs/postmortem-template.md", text, {}, {"postmortems"});
  CHECK(c.kind == "template");
  CHECK(c.role == KindRole::Template);
  CHECK(c.template_of == "postmortem");
  CHECK_THAT(c.reason, Contains("postmortem template: "));
  CHECK_THAT(c.reason, Contains("template file name"));
  CHECK_THAT(c.reason, Contains("sections: "));
}

TEST_CASE("a file named template with no structure is no template", "[classify]") {
  auto c = run("docs/template.md", "# Template\n\nUse this to write things.\n");
  CHECK(c.kind != "template");
}

TEST_CASE("a learning-review template is a template of a learning review", "[classify]") {
  std::string text =
      "---\naudience: <which teams>\ndistribution: <channel>\n---\n# Learning review: <the lesson>\n\n"
      "## What we used to believe\n\n_The assumption._\n\n## What we now believe\n\n_The new model._\n\n"
      "## Where else this applies\n\n_Which teams._\n";
  auto c = run("learning-reviews/TEMPLATE.md", text);
  CHECK(c.kind == "template");
  CHECK(c.template_of == "learning-review");
}

// ---------------------------------------------------------------------------
// What classify reports

TEST_CASE("every kind's score is reported, candidates marked", "[classify]") {
  auto c = run("postmortems/README.md", titled("Postmortems"));
  REQUIRE(c.scores.size() == builtin_rules().kinds.kinds.size());
  bool saw_pm = false;
  for (const auto& s : c.scores) {
    if (s.kind != "postmortem") continue;
    saw_pm = true;
    CHECK(s.score == 6);  // the folder; the plural title "Postmortems" is no incident word
    CHECK(s.threshold == 6);
    CHECK(s.candidate);
  }
  CHECK(saw_pm);
  CHECK(c.confidence >= 0.5);
  CHECK(c.confidence < 1.0);
}

TEST_CASE("evidence carries where in the document it was seen", "[classify]") {
  auto c = run("notes/checkout.md", kUntitledIncident);
  bool timeline = false;
  for (const auto& e : c.evidence)
    if (e.signal == "timeline") {
      timeline = true;
      CHECK(e.line == 5);
      CHECK(e.detail == "Timeline");
      CHECK(e.type == SignalType::Section);
    }
  CHECK(timeline);
}

TEST_CASE("a confident call and a close call", "[classify]") {
  auto clear = run("postmortems/2024-01-05-checkout.md", kUntitledIncident);
  auto close = run("postmortems/README.md", titled("Postmortems"));
  CHECK(clear.confidence > close.confidence);
}

TEST_CASE("a heading is a section's name up to sixteen words, a bold lead-in up to ten", "[classify]") {
  // Twelve words: a question heading real teams write.
  auto heading = run("notes/x.md", "# Notes\n\n## What can you do as a publisher to the Python Package Index?\n\nText.\n");
  CHECK(fired(heading, "learning-review", "are we vulnerable"));
  // Seventeen words: a sentence set as a heading.
  auto sentence = run("notes/x.md",
                      "# Notes\n\n## What can you do now that the registry has rotated every key it ever issued to "
                      "us?\n\nText.\n");
  CHECK_FALSE(fired(sentence, "learning-review", "are we vulnerable"));
  // A bold lead-in of twelve words is a sentence in bold, not a label.
  auto label = run("notes/x.md",
                   "# Notes\n\n**What can you do as a publisher to the Python Package Index?** Text.\n");
  CHECK_FALSE(fired(label, "learning-review", "are we vulnerable"));
  auto short_label = run("notes/x.md", "# Notes\n\n**What can you do?** Text.\n");
  CHECK(fired(short_label, "learning-review", "are we vulnerable"));
}

TEST_CASE("an H1 that repeats the front matter title is the title, not a section", "[classify]") {
  auto c = run("notes/x.md", "---\ntitle: Lessons from the outage\n---\n# Lessons from the outage\n\nText.\n");
  CHECK(fired(c, "learning-review", "learning-review title"));
  CHECK_FALSE(fired(c, "postmortem", "lessons"));
  auto other = run("notes/x.md", "---\ntitle: Notes\n---\n# Lessons from the outage\n\nText.\n");
  CHECK(fired(other, "postmortem", "lessons"));
}

TEST_CASE("a question two kinds ask is answered once, the same for both", "[classify]") {
  // "cites another organisation's postmortem" counts for a learning review and against a postmortem.
  const std::string text =
      "# Notes on last week's outage\n\nAcmeCloud's own postmortem says a configuration push took the edge down.\n\n"
      "## Timeline\n\n- 10:00 push\n- 10:05 errors\n- 11:00 rollback\n";
  for (auto completeness : {Classifier::Completeness::Every, Classifier::Completeness::Needed}) {
    Classifier classifier(builtin_rules().kinds, {});
    Document d = parse_document("notes/x.md", text);
    auto c = classifier.classify(d, "notes/x.md", completeness);
    const Evidence* for_review = nullptr;
    const Evidence* against_postmortem = nullptr;
    for (const auto& e : c.evidence) {
      if (e.signal != "cites another organisation's postmortem") continue;
      (e.kind == "learning-review" ? for_review : against_postmortem) = &e;
    }
    REQUIRE(for_review);
    REQUIRE(against_postmortem);
    CHECK(for_review->weight > 0);
    CHECK(against_postmortem->weight < 0);
    CHECK(for_review->detail == against_postmortem->detail);
    CHECK(for_review->line == against_postmortem->line);
  }
}
