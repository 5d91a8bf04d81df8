// Whether a document is a postmortem, a learning review or something else, and
// why: front matter `type:` > configured kind globs > folder > H1 title.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classify.h"
#include "document/document.h"

using namespace lessonlint;
using Catch::Matchers::Contains;

namespace {

Classification run(const std::string& path, const std::string& text, const std::vector<KindGlobs>& globs = {}) {
  Document d = parse_document(path, text);
  return classify(d, path, globs);
}

std::string with_type(const std::string& type, const std::string& body = "# Notes\n") {
  return "---\ntype: " + type + "\n---\n" + body;
}

std::string titled(const std::string& title) { return "# " + title + "\n\nSome text.\n"; }

}  // namespace

// ---------------------------------------------------------------------------
// Precedence

TEST_CASE("front matter type wins over globs, folders and the title", "[classify]") {
  std::vector<KindGlobs> globs{{Kind::Other, {"postmortems/**"}}};
  auto c = run("postmortems/2024-01-db.md", with_type("learning-review", "# Postmortem: database outage\n"), globs);
  CHECK(c.kind == Kind::LearningReview);
  CHECK_THAT(c.reason, Contains("front matter type"));
  CHECK_THAT(c.reason, Contains("learning-review"));
}

TEST_CASE("a config kinds glob wins over folders and the title", "[classify]") {
  std::vector<KindGlobs> globs{{Kind::LearningReview, {"docs/**/*.md"}}, {Kind::Other, {"postmortems/drafts/"}}};
  auto lr = run("docs/postmortems/2024-01-db.md", titled("Postmortem: database outage"), globs);
  CHECK(lr.kind == Kind::LearningReview);
  CHECK_THAT(lr.reason, Contains("config kinds glob"));
  CHECK_THAT(lr.reason, Contains("docs/**/*.md"));

  auto other = run("postmortems/drafts/x.md", titled("Postmortem: database outage"), globs);
  CHECK(other.kind == Kind::Other);
  CHECK_THAT(other.reason, Contains("config kinds glob"));
  CHECK_THAT(other.reason, Contains("postmortems/drafts/"));
}

TEST_CASE("the first matching kinds glob wins", "[classify]") {
  std::vector<KindGlobs> globs{{Kind::Postmortem, {"a/*.md"}}, {Kind::LearningReview, {"*.md"}}};
  CHECK(run("a/x.md", "text\n", globs).kind == Kind::Postmortem);
  CHECK(run("b/x.md", "text\n", globs).kind == Kind::LearningReview);
}

TEST_CASE("a folder convention wins over the title", "[classify]") {
  auto c = run("learning-reviews/q3.md", titled("Postmortem: database outage"));
  CHECK(c.kind == Kind::LearningReview);
  CHECK_THAT(c.reason, Contains("folder"));
  CHECK_THAT(c.reason, Contains("learning-reviews"));
}

TEST_CASE("the H1 title decides when nothing else does", "[classify]") {
  auto c = run("docs/db.md", titled("Postmortem: database outage"));
  CHECK(c.kind == Kind::Postmortem);
  CHECK_THAT(c.reason, Contains("title"));
  CHECK_THAT(c.reason, Contains("Postmortem: database outage"));
}

TEST_CASE("a front matter title is the title too", "[classify]") {
  auto c = run("docs/db.md", "---\ntitle: \"Learning review: Q3 outages\"\n---\nText.\n");
  CHECK(c.kind == Kind::LearningReview);
  CHECK_THAT(c.reason, Contains("title"));
}

TEST_CASE("nothing names a kind: other, with a reason", "[classify]") {
  auto c = run("docs/notes.md", "Just notes.\n");
  CHECK(c.kind == Kind::Other);
  CHECK_FALSE(c.reason.empty());
}

// ---------------------------------------------------------------------------
// Front matter type values

TEST_CASE("kind_from_type understands the usual spellings", "[classify]") {
  for (const char* t : {"postmortem", "post-mortem", "Post Mortem", "incident-review", "incident_report",
                        "Incident Report", "INCIDENT-REPORT", "PIR", "rca", "root cause analysis"}) {
    INFO(t);
    CHECK(kind_from_type(t) == Kind::Postmortem);
  }
  for (const char* t : {"learning_review", "learning-review", "lessons-review", "LearningReview",
                        "Learning Review", "lessons learned"}) {
    INFO(t);
    CHECK(kind_from_type(t) == Kind::LearningReview);
  }
  for (const char* t : {"template", "runbook", "handbook", "README", "other", "retrospective"}) {
    INFO(t);
    CHECK(kind_from_type(t) == Kind::Other);
  }
  for (const char* t : {"banana", "", "postmortems-index", "incident"}) {
    INFO(t);
    CHECK_FALSE(kind_from_type(t).has_value());
  }
}

TEST_CASE("front matter type synonyms classify documents", "[classify]") {
  struct Case {
    const char* type;
    Kind kind;
  };
  const Case cases[] = {{"post-mortem", Kind::Postmortem},         {"incident-review", Kind::Postmortem},
                        {"incident_report", Kind::Postmortem},     {"Incident Report", Kind::Postmortem},
                        {"learning_review", Kind::LearningReview}, {"lessons-review", Kind::LearningReview},
                        {"LearningReview", Kind::LearningReview},  {"template", Kind::Other}};
  for (const Case& k : cases) {
    INFO(k.type);
    auto c = run("docs/x.md", with_type(k.type));
    CHECK(c.kind == k.kind);
    CHECK_THAT(c.reason, Contains("front matter type"));
    CHECK_THAT(c.reason, Contains(k.type));
  }
}

TEST_CASE("an unknown front matter type falls through to the next signal", "[classify]") {
  auto folder = run("postmortems/x.md", with_type("banana"));
  CHECK(folder.kind == Kind::Postmortem);
  CHECK_THAT(folder.reason, Contains("folder"));

  auto title = run("docs/x.md", with_type("banana", "# Incident review: cache stampede\n"));
  CHECK(title.kind == Kind::Postmortem);
  CHECK_THAT(title.reason, Contains("title"));

  auto none = run("docs/x.md", with_type("banana"));
  CHECK(none.kind == Kind::Other);
}

TEST_CASE("a malformed front matter does not stop the other signals", "[classify]") {
  auto c = run("incidents/x.md", "---\ntype: [postmortem\n---\n# Notes\n");
  CHECK(c.kind == Kind::Postmortem);
  CHECK_THAT(c.reason, Contains("folder"));
}

// ---------------------------------------------------------------------------
// Folders

TEST_CASE("folder conventions", "[classify]") {
  struct Case {
    const char* path;
    Kind kind;
  };
  const Case cases[] = {
      {"postmortems/2024-01-db.md", Kind::Postmortem},
      {"post-mortems/2024-01-db.md", Kind::Postmortem},
      {"incidents/2024-01-db.md", Kind::Postmortem},
      {"incident-reports/2024-01-db.md", Kind::Postmortem},
      {"docs/Postmortems/2024/01-db.md", Kind::Postmortem},  // case-insensitive, any depth
      {"learning-reviews/q3.md", Kind::LearningReview},
      {"learning_reviews/q3.md", Kind::LearningReview},
      {"lessons/q3.md", Kind::LearningReview},
      {"docs/lessons/2024/q3.md", Kind::LearningReview},
  };
  for (const Case& k : cases) {
    INFO(k.path);
    auto c = run(k.path, "Text without a title.\n");
    CHECK(c.kind == k.kind);
    CHECK_THAT(c.reason, Contains("folder"));
  }
}

TEST_CASE("the nearest folder wins", "[classify]") {
  auto lr = run("incidents/learning-reviews/x.md", "Text.\n");
  CHECK(lr.kind == Kind::LearningReview);
  CHECK_THAT(lr.reason, Contains("learning-reviews"));
  auto pm = run("learning-reviews/incidents/x.md", "Text.\n");
  CHECK(pm.kind == Kind::Postmortem);
  CHECK_THAT(pm.reason, Contains("incidents"));
  auto deep = run("lessons/2024/q3/postmortems/notes/x.md", "Text.\n");
  CHECK(deep.kind == Kind::Postmortem);
}

TEST_CASE("a file named like a folder convention is not a folder", "[classify]") {
  auto c = run("postmortems.md", "Text.\n");
  CHECK(c.kind == Kind::Other);
  auto d = run("docs/incidents.md", "Text.\n");
  CHECK(d.kind == Kind::Other);
}

TEST_CASE("README and templates beside the documents are other", "[classify]") {
  for (const char* path : {"postmortems/README.md", "postmortems/readme.md", "postmortems/template.md",
                           "postmortems/postmortem-template.md", "learning-reviews/index.md",
                           "incidents/_index.md", "postmortems/CONTRIBUTING.md"}) {
    INFO(path);
    // Even with a title that would make it a postmortem.
    auto c = run(path, titled("Postmortems"));
    CHECK(c.kind == Kind::Other);
    CHECK_THAT(c.reason, Contains("not an incident document"));
  }
}

TEST_CASE("a front matter type still classifies a README", "[classify]") {
  auto c = run("postmortems/README.md", with_type("postmortem"));
  CHECK(c.kind == Kind::Postmortem);
}

TEST_CASE("an incident about a template engine in postmortems/ is a postmortem", "[classify]") {
  // is_auxiliary() matches "template" anywhere in the file name.
  auto c = run("postmortems/2024-03-template-rendering-outage.md", "Text.\n");
  CHECK(c.kind == Kind::Postmortem);
  CHECK_THAT(c.reason, Contains("folder"));
}

// ---------------------------------------------------------------------------
// Titles

TEST_CASE("titles", "[classify]") {
  struct Case {
    const char* title;
    Kind kind;
  };
  const Case cases[] = {
      {"Postmortem: X", Kind::Postmortem},
      {"Post-mortem of Y", Kind::Postmortem},
      {"Post mortem: Y", Kind::Postmortem},
      {"Incident report: Z", Kind::Postmortem},
      {"Incident review", Kind::Postmortem},
      {"docs.rs outage postmortem", Kind::Postmortem},
      {"Root cause analysis: disk full", Kind::Postmortem},
      {"Learning review: W", Kind::LearningReview},
      {"Lessons review: Q3", Kind::LearningReview},
      {"Learning from the March outages", Kind::LearningReview},
      {"Incident response handbook", Kind::Other},
      {"All hands retrospective", Kind::Other},
      {"Postmortem template", Kind::Other},
      {"How to write a postmortem", Kind::Other},
      {"Quarterly planning", Kind::Other},
  };
  for (const Case& k : cases) {
    INFO(k.title);
    auto c = run("docs/x.md", titled(k.title));
    CHECK(c.kind == k.kind);
    if (k.kind != Kind::Other) {
      CHECK_THAT(c.reason, Contains("title"));
      CHECK_THAT(c.reason, Contains(k.title));
    }
  }
}

TEST_CASE("only the H1 is the title, not an H2", "[classify]") {
  auto c = run("docs/x.md", "# Team notes\n\n## Postmortem of the outage\n");
  CHECK(c.kind == Kind::Other);
}

TEST_CASE("a title that explicitly says postmortem is one even about on-call", "[classify]") {
  // not_pm_title vetoes any title containing on-call, runbook, training,
  // guide, process...: "Postmortem: on-call paging outage" is classified other.
  auto c = run("docs/x.md", titled("Postmortem: on-call paging outage"));
  CHECK(c.kind == Kind::Postmortem);
}

TEST_CASE("a learning review about an outage is a learning review", "[classify]") {
  // lr_title only matches at the start of the title, while pm_title matches
  // "outage" anywhere, so this is classified as a postmortem.
  auto c = run("docs/x.md", titled("Checkout outage: learning review"));
  CHECK(c.kind == Kind::LearningReview);
}
