#pragma once
// Decides a document's kind as a reader does, and records why. Front matter
// `type:` and the configuration's kind globs are decisive; otherwise every
// kind's signals (src/classify/kinds.h) are weighed: a kind whose score
// reaches its threshold (with one of its required signals) is a candidate,
// the candidate furthest above its threshold wins, and with no candidate the fallback kind
// (other) is the answer. A template wins over the kind whose structure it carries.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/kinds.h"
#include "document/document.h"

namespace lessonlint {

struct KindGlobs {
  std::string kind;  // a kind id
  std::vector<std::string> globs;
  int line = 0, column = 0;  // where the configuration names the kind
};

// One signal that fired. Its kind and signal name point into the kind set
// (they stay valid while the classifier's kinds do).
struct Evidence {
  std::string_view kind;    // the kind it counts for
  std::string_view signal;  // its name
  SignalType type = SignalType::Section;
  std::string detail;  // what it saw: a heading, a word, a folder, "12 lines"
  int weight = 0;
  int line = 0;        // where in the document (0: not in the text)
};

struct KindScore {
  std::string kind;
  int score = 0;
  int threshold = 0;
  bool candidate = false;  // reaches its threshold, with a required signal when it needs one
};

struct Classification {
  std::string kind = "other";
  KindRole role = KindRole::Other;
  std::string template_of;  // for a template: the kind whose structure it carries
  std::string reason;       // one line: the deciding evidence
  double confidence = 1.0;  // 0.5 when the runner-up is as strong, towards 1 as the lead grows; 1 when decisive
  bool decisive = false;    // front matter `type:` or a kind glob decided
  std::vector<Evidence> evidence;  // every signal that fired, for every kind
  std::vector<KindScore> scores;   // per kind, in the kind set's order
};

// The names a repository goes by, for `repository` signals: the folder of its
// working tree, and the last part of its origin remote's URL (without .git)
// when `root` is a working tree with one.
std::vector<std::string> repository_names(const std::string& root);

class Classifier {
 public:
  Classifier(const KindSet& kinds, std::vector<KindGlobs> globs);
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // The repository the documents belong to (set once, before classifying).
  void set_repository_names(std::vector<std::string> names);

  // How much evidence to gather: only what the decision needs (a check), or
  // every signal (classify --format json, which shows it all).
  enum class Completeness { Needed, Every };
  // `rel` is the document's path relative to the repository (or walk) root.
  // With Needed, the signals are asked cheapest first and the rest are not
  // asked once they cannot change the decision: the kind is the same, the
  // evidence (and the reason) may be shorter.
  Classification classify(const Document& doc, const std::string& rel,
                          Completeness completeness = Completeness::Needed) const;
  // A run of this many documents: search every heading once for all section
  // signals (one RE2::Set, which costs more to build than a few documents
  // take), and from kTextSetsMin documents on, the title, file name and
  // opening once for all their signals too. Call it once, before the run's threads start.
  void prepare_for_many(std::size_t documents) const;
  // Building the title, file name and opening sets (about 40 M instructions)
  // pays for itself from about this many documents (each saves about 50 k).
  static constexpr std::size_t kTextSetsMin = 1000;
  // Front matter `type:` or a kind glob, which need no Markdown parse; nullopt
  // when neither decides.
  std::optional<Classification> decisive(const FrontMatter& fm, const std::string& rel) const;

  const KindSet& kinds() const { return m_kinds; }
  // The kind a front matter `type:` value names, if it names one.
  const KindDef* kind_from_type(const std::string& type) const;

 private:
  Classification weigh(const Document& doc, const std::string& rel, Completeness completeness) const;
  Classification decide(std::vector<Evidence> evidence) const;

  const KindSet& m_kinds;
  std::vector<KindGlobs> m_globs;
  std::vector<std::string> m_repository;
  // Every section signal of every kind in one set: each heading is searched once.
  struct SectionSignal {
    std::size_t kind, signal;
  };
  std::vector<SectionSignal> m_section_signals;
  std::vector<SectionSignal> m_order;  // every signal, cheapest to ask first
  struct Compiled;  // the Lines signals' patterns and the section set
  std::unique_ptr<Compiled> m_compiled;
  struct Plan;      // per kind: its weights before any signal is asked, its template-of, its required signals
  std::unique_ptr<Plan> m_plan;
  void plan();
};

}  // namespace lessonlint
