#pragma once
// A rule is data (a YAML file in rules/) bound to one of a few generic check
// types written in C++ (src/rules/checks/). This header is the contract between
// the loader, the check types and the engine.

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document/document.h"
#include "rules/checks/common.h"
#include "rules/severity.h"

namespace lessonlint {

struct Rule;

// What a check may consult besides the document itself.
class DocumentLookup {
 public:
  virtual ~DocumentLookup() = default;
  // The kind id of the document at a path relative to `from`'s folder, or nullopt when it does not exist.
  virtual std::optional<std::string> kind_of(const Document& from, const std::string& target) const = 0;
};

struct CheckEnv {
  const std::vector<std::string>* teams = nullptr;     // the organisation's registry; empty: none
  const std::vector<std::string>* channels = nullptr;  // known distribution channels; empty: none
  const DocumentLookup* lookup = nullptr;
  const HeadingPatterns::Matches* headings = nullptr;  // the run's section patterns on this document
};

// A finding before the engine adds the rule id, path, severity and fingerprint.
struct RawFinding {
  Span span;         // the flagged text in Document::text (may be empty: a point)
  std::string message;
  std::optional<Severity> severity;  // overrides the rule's, for findings of a different weight
};

class Check {
 public:
  virtual ~Check() = default;
  virtual void run(const Document& doc, const CheckEnv& env, const Rule& rule,
                   std::vector<RawFinding>& out) const = 0;
  // Section patterns this check reads, to warn about scopes that never match.
  virtual std::vector<const RE2*> section_patterns() const { return {}; }
  // Kind ids the check names (a link check's target kind), checked against the loaded kinds.
  virtual std::vector<std::string> kinds_named() const { return {}; }
};

struct RuleDocs {
  std::string summary, why, bad, good, fix;
};

struct Rule {
  std::string id;
  std::string file;   // where it was loaded from ("rules/..." for built-in rules)
  int line = 1;
  bool builtin = false;
  std::vector<std::string> kinds;  // kind ids; empty: any kind
  Severity severity = Severity::Warning;
  bool enabled = true;      // false: off unless a config enables it
  std::string message;
  std::string check_type;
  Condition when;           // check.when: the rule applies only when this holds
  YAML::Node check_node;    // kept to rebuild the check with per-config options
  std::shared_ptr<const Check> check;
  RuleDocs docs;
  std::vector<std::string> tags;
  std::vector<std::string> aliases;  // earlier ids that still resolve to this rule
  // Rules whose finding in a document says more than this rule's: when one of
  // them reports the document, this rule's findings there are dropped (one
  // problem, one finding).
  std::vector<std::string> superseded_by;
  int kinds_line = 0, kinds_column = 0;  // where `kinds:` is written, for errors about unknown kinds

  bool applies_to(const std::string& kind) const;
};

// Fills {name} placeholders from vars; unknown names stay as written.
std::string expand_message(const std::string& templ, const std::map<std::string, std::string>& vars);

}  // namespace lessonlint
