#pragma once
// `lessonlint extract`: turns the lessons a postmortem traps (the sections and
// passages postmortem/embedded-lessons flags) into the scaffold of a separate
// learning review, and optionally replaces them in the postmortem with a link
// to it.

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "engine/engine.h"
#include "source/git_repo.h"

namespace lessonlint {

// The rule whose findings `extract` carries.
inline constexpr const char* kEmbeddedLessons = "postmortem/embedded-lessons";

// The three sections of a learning review.
enum class Belief { UsedTo, Now, Elsewhere };
const char* belief_heading(Belief b);  // "What we used to believe", ...

// Where a sentence or list item most likely belongs, by its words:
// "assumed/believed/thought/expected" -> used to believe; otherwise at least
// as many audience words ("teams/anyone/every/org/services") as rule words
// ("should/must/now/need to/always/never") -> where else; else now believe.
Belief place(std::string_view text);

// The pieces of a section's text, in order: sentences of paragraphs, whole
// list items (with what is nested in them), code blocks, quotes and tables.
struct Piece {
  std::string text;         // Markdown; a list item without its bullet
  bool list_item = false;
  bool block = false;       // code, quote or table: kept whole, never split
  int paragraph = -1;       // sentences of one paragraph share this
  Belief belief = Belief::Now;
};
std::vector<Piece> split_section(const Document& doc, int section);

// What `extract` carries: a section whose heading named the organisation as
// its audience (the whole of it), or a passage found by its wording (the
// flagged sentence to the end of its paragraph or list item).
struct Excerpt {
  int section = 0;    // the section, or the section the passage is in
  bool whole = true;
  Span span;          // a passage's bytes of Document::text (whole: unused)
  bool list_item = false;  // a passage in a list item
};
Excerpt whole_section(int section);

// A passage's pieces: its sentences, or the list item it is in, whole.
std::vector<Piece> split_excerpt(const Document& doc, const Excerpt& e);

struct Scaffold {
  std::string title;  // "Learning review: ..."
  std::string text;   // the whole file
  int pieces[3] = {0, 0, 0};  // pieces placed under each section
};

// The learning review scaffold. `postmortem_link` is the postmortem's path
// relative to the review's folder.
Scaffold learning_review_scaffold(const Document& postmortem, const std::vector<Excerpt>& excerpts,
                                  const std::string& postmortem_link);

// The postmortem's bytes (BOM included) with the excerpts taken out and one
// line, `link_line`, in the first one's place; every other byte kept as it was.
std::string replace_excerpts(std::string_view bytes, const Document& doc, std::vector<Excerpt> excerpts,
                             const std::string& link_line);

struct ExtractOptions {
  std::string postmortem;  // as given on the command line
  std::string output;      // "" for the default place, "-" for standard output
  bool remove_from_postmortem = false;
  int jobs = 0;
};

struct ExtractOutcome {
  int exit_code = 0;    // 0 done, 1 refused (nothing to extract, file exists, unstaged changes), 2 usage
  std::string message;  // what was done, or why not
};

// What extracting a postmortem's trapped lessons makes, written nowhere: the
// review's file and text, and the postmortem with them replaced by a link to
// the review (what --remove-from-postmortem writes).
struct ExtractPlan {
  std::string review_path;     // absolute
  Scaffold scaffold;
  std::string postmortem_text; // the postmortem's bytes with the excerpts replaced
  std::string replaced;        // what was replaced: "the section \"Broader lessons\"", "2 excerpts"
  std::size_t excerpts = 0;
};

// The plan for a postmortem at absolute path `pm` (its bytes and parsed
// document, and its findings), with the review at `review_path`, or (when
// empty) beside the repository's other learning reviews. Nothing to extract
// (no postmortem/embedded-lessons finding) is an empty plan (excerpts 0).
ExtractPlan plan_extract(const Engine& engine, const GitRepo* repo, const std::string& root, const std::string& pm,
                         std::string_view bytes, const Document& doc, const std::vector<Finding>& findings,
                         const std::string& review_path = "");

// `root` is the repository's working tree or the working directory; `repo` may be null.
ExtractOutcome run_extract(const Engine& engine, const GitRepo* repo, const std::string& root,
                           const ExtractOptions& options);

}  // namespace lessonlint
