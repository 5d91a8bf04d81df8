#pragma once
// Runs the enabled rules over documents: classification, checks, severities
// from the configuration, inline suppressions, fingerprints. Parallel over
// documents, deterministic in its output.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/classify.h"
#include "config/config.h"
#include "document/document.h"
#include "engine/finding.h"
#include "rules/loader.h"
#include "source/source.h"
#include "util/expected.h"

namespace lessonlint {

// Kinds of linked documents, shared by every document of one run.
struct LookupCache {
  std::mutex mutex;
  std::map<std::string, std::optional<std::string>> kinds;  // root-relative path -> kind id (nullopt: missing)
  // Set by Engine::run: the kind of a document of the run, checked now if its
  // turn has not come (so that it is read and parsed once); nullopt when the
  // path is not in the run, or the document is being checked or was not parsed.
  std::function<std::optional<std::string>(const std::string& rel)> check_ahead;
};

struct ActiveRule {
  const Rule* rule;
  Severity severity;
  std::shared_ptr<const Check> check;
};

class Engine {
 public:
  // Validates the configuration against the rules (unknown ids, options).
  static Expected<std::unique_ptr<Engine>> create(const RuleSet& rules, const Config& config);

  // One document already parsed; `file` says where it came from.
  std::vector<Finding> check_document(const Document& doc, const InputFile& file, const Source& source,
                                      FileResult* result = nullptr, LookupCache* cache = nullptr) const;

  // Reads, parses and checks every file with `jobs` threads (0: all cores).
  RunResult run(const std::vector<InputFile>& files, const Source& source, int jobs) const;

  // The rules that apply to a path after config and overrides.
  std::vector<ActiveRule> rules_for(const std::string& rel) const;

  const RuleSet& rules() const { return m_rules; }
  const Config& config() const { return m_config; }
  // Decides each document's kind: the rules' kinds, the configuration's kind
  // globs and the repository's names (set_repository_names, before a run).
  const Classifier& classifier() const { return *m_classifier; }
  void set_repository_names(std::vector<std::string> names) { m_classifier->set_repository_names(std::move(names)); }

  // Every check's section patterns are searched at once (an RE2::Set) in runs
  // of this many documents or more. Compiling the set costs more than trying
  // the patterns one by one on a few documents' headings: a one-file check
  // (the pre-commit framework's hook) never builds it.
  static constexpr std::size_t kHeadingSetMin = 32;
  // Whether the set has been built (by a run of kHeadingSetMin documents).
  bool heading_set_built() const { return m_headings != nullptr; }

 private:
  Engine(const RuleSet& rules, const Config& config)
      : m_rules(rules), m_config(config), m_classifier(std::make_unique<Classifier>(rules.kinds, config.kinds)) {}
  // The findings of a file that was not parsed (one rule, if it is active here).
  std::vector<Finding> whole_file_finding(const InputFile& file, const char* id, std::string message,
                                          FileResult& result) const;
  std::vector<Finding> check_bytes(const InputFile& file, std::string bytes, const Source& source,
                                   FileResult& result, LookupCache* cache) const;

  const RuleSet& m_rules;
  const Config& m_config;
  std::unique_ptr<Classifier> m_classifier;
  std::vector<ActiveRule> m_base;  // after the top-level enable/disable/severity
  std::map<std::string, std::shared_ptr<const Check>> m_checks;  // with config options applied
  std::vector<const RE2*> m_section_patterns;  // every check's, for the set
  // Built by the first run() of kHeadingSetMin documents, before its threads start.
  mutable std::once_flag m_headings_once;
  mutable std::unique_ptr<HeadingPatterns> m_headings;
};

// The flagged text as fingerprints see it: white space collapsed, ASCII in lower case.
std::string fingerprint_text(std::string_view flagged);
// The 32-hex-digit fingerprint of a finding: rule, path and the flagged text
// (as fingerprint_text gives it), and which occurrence of that text it is.
std::string fingerprint(const std::string& rule_id, const std::string& rel, const std::string& text, int occurrence);

}  // namespace lessonlint
