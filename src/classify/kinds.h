#pragma once
// Kinds of documents are data: one file per kind (rules/<kind>/kind.yaml),
// embedded like the rules and overridable or extendable from a user folder.
// A kind file holds the front matter `type:` values that name the kind, the
// signals a reader weighs and their weights, the kind's role for the audit,
// and its docs. src/classify/classify.h weighs the signals.

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"
#include "util/regex.h"

namespace lessonlint {

// What the audit, `extract` and the summary line count a kind as.
enum class KindRole { Postmortem, LearningReview, Template, Other };
std::string_view role_name(KindRole role);  // "postmortem", "learning-review", "template", "other"
std::optional<KindRole> parse_role(std::string_view name);

// Where a signal looks. One matcher each, in src/classify/signals.cc.
enum class SignalType {
  Section,        // a heading or a bold label matches `pattern`
  Title,          // the title (H1 or front matter `title:`) matches
  Opening,        // the opening prose (the first paragraphs of the body) matches
  Lines,          // at least `min` body lines match (timestamps, say)
  Text,           // the body (code left out) matches at least `min` times
  Placeholders,   // the body (headings too, code left out) matches at least `min` times
  Comments,       // the text of the HTML comments matches at least `min` times (a template's instructions)
  FileName,       // the file's name matches
  Folder,         // one of the folders on the file's path is the whole of a match
  Repository,     // the repository's name (its working tree's folder, or its origin remote's)
  Field,          // the front matter has `field`, not empty
  IndexPage,      // at least `ratio` of the prose blocks (and 3) are mostly link text
  EmptySections,  // at least `ratio` of the headed sections (and 3) are empty or placeholders
};
std::string_view signal_type_name(SignalType type);  // the key a kind file writes: "section", "title", …

struct Signal {
  std::string name;  // as `classify` shows it ("timeline", "incident words in the title")
  SignalType type = SignalType::Section;
  Regex pattern;                       // every type but Field, IndexPage and EmptySections
  std::string field;                   // Field
  double ratio = 0;                    // IndexPage, EmptySections
  long min = 1;                        // Lines, Text, Placeholders
  int weight = 0;                      // may be negative
  std::string file;                    // where it was written, for errors
  int line = 0;
};

struct KindDocs {
  std::string summary, why, fix;
};

struct KindDef {
  std::string id;  // lowercase kebab case: "postmortem", "learning-review", "template", "other"
  KindRole role = KindRole::Other;
  std::string file;  // where it was loaded from ("rules/…/kind.yaml" when built in)
  int line = 1;
  bool builtin = false;
  std::vector<std::string> types;  // front matter `type:` values, squashed (lowercase ASCII letters and digits)
  std::vector<Signal> signals;
  int threshold = 1;  // the score that makes a document this kind
  // Names of signals of which at least one must fire (empty: none needed).
  std::vector<std::string> required_signals;
  // For templates: the kinds whose structure (their section signals, scoring at
  // least `structure_min`) a document of this kind carries. Such a kind wins
  // over the kind whose structure it carries.
  std::vector<std::string> template_of;
  int structure_min = 0;
  bool fallback = false;  // the kind of a document no other kind claims
  KindDocs docs;
};

struct KindSet {
  std::vector<KindDef> kinds;  // the built-in kinds in file order, then the user's

  const KindDef* find(std::string_view id) const;
  // The fallback kind (there is exactly one after load_kinds checks the set).
  const KindDef& fallback() const;
  std::vector<std::string> ids() const;
};

// A front matter `type:` value as kinds compare it: lowercase ASCII letters and digits only.
std::string squash_type(std::string_view type);

// One kind file. `extend: true` files come back with `extends` set: merge_kind
// adds them to the kind they name.
struct KindFile {
  KindDef kind;
  bool extends = false;
  bool has_threshold = false;  // the file gives `threshold` (an extension then replaces the kind's)
};
Expected<KindFile> parse_kind_file(const std::string& text, const std::string& file, bool builtin);

// Adds a user file's kind to the set: a new id adds a kind, a known id is
// replaced, and an `extend: true` file adds its types and signals to the kind
// it names (and replaces its threshold, requires and docs when it gives them).
std::optional<Error> merge_kind(KindSet& set, KindFile file);

// Checks the set as a whole: one fallback kind, and every name in `requires`
// and `template-of` known.
std::optional<Error> check_kinds(const KindSet& set);

}  // namespace lessonlint
