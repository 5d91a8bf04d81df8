#pragma once
// The weekly audit: the N most recent postmortems (by the date of the commit
// that first added each one), which of them trap lessons that belong in a
// learning review, which already have one, and the repository's ratio of
// learning reviews to postmortems (roughly one in five is healthy).

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "document/document.h"
#include "engine/finding.h"
#include "source/git_repo.h"
#include "source/source.h"
#include "util/expected.h"

namespace lessonlint {

enum class DateSource { FirstCommit, FrontMatter, ModificationTime };
// "first commit", "front matter date", "file modification time"
const char* date_source_name(DateSource s);

struct AuditDate {
  std::int64_t time = 0;  // seconds since the epoch, for ordering
  std::string day;        // YYYY-MM-DD as shown
  DateSource source = DateSource::FirstCommit;
  std::string commit;     // the commit that first added the file, when known
  std::string note;       // why the commit date was not used for this file ("" when it was)
};

// What postmortem/embedded-lessons flags, a candidate for extraction: a
// section whose heading names the organisation (whole), or a passage found by
// its wording in the section `heading`.
struct TrappedLesson {
  std::string heading;
  int line = 0;
  std::string message;
  bool whole = true;
  std::string where() const;  // "\"Broader lessons\"", "a passage in \"Takeaways\""
};

struct AuditedPostmortem {
  std::string rel;    // root-relative, forward slashes
  std::string title;
  AuditDate date;
  std::vector<TrappedLesson> trapped;
  std::vector<std::string> reviews;      // root-relative paths of learning reviews that link here
  std::optional<bool> answers_question;  // nullopt: postmortem/learning-review-question is off here
  std::vector<Finding> other;            // findings in force besides the two above
};

struct AuditOptions {
  int last = 5;
  bool last_given = false;   // with --since alone, every postmortem since then
  std::optional<std::int64_t> since;  // seconds since the epoch (UTC midnight)
  std::string since_text;
  int jobs = 0;
};

struct AuditReport {
  std::string root;  // absolute
  AuditOptions options;
  int total_postmortems = 0;
  int total_reviews = 0;
  std::vector<AuditedPostmortem> postmortems;  // most recent first
  RunResult run;              // the findings of the audited postmortems only (for SARIF)
  std::string history_note;   // why commit dates were not available ("" when they were)
  std::size_t commits = 0;    // commits walked
  bool in_repository = false;

  int candidates() const;
  int with_review() const;
  // A warning about the ratio of learning reviews to postmortems, or "".
  std::string ratio_warning() const;
};

// A postmortem or learning review found under the root, classified. Learning
// reviews are parsed whole (their links matter); a postmortem whose front
// matter or folder says what it is holds only its front matter until needed.
struct IncidentDocument {
  InputFile file;  // path relative to the working directory, rel to the root
  std::string kind;  // a kind id
  KindRole role = KindRole::Other;
  Document doc;
  bool parsed = false;  // doc holds the whole parse, not only the front matter
};

// Every postmortem and learning review under `root` (folder walk, git's
// ignore rules, the configuration's include/exclude; the engine's classifier), sorted by rel.
Expected<std::vector<IncidentDocument>> incident_documents(const Engine& engine, const GitRepo* repo,
                                                          const std::string& root, int jobs);

// The root-relative paths a document links to (body links and the front
// matter field `field`), resolved from its folder; URLs and anchors left out.
std::vector<std::string> linked_paths(const Document& doc, const std::string& rel, const std::string& field);

// Finds, dates and checks the postmortems under `root` (the repository's
// working tree or the working directory), honouring the configuration's
// include/exclude and kinds. `repo` may be null.
Expected<AuditReport> run_audit(const Engine& engine, const GitRepo* repo, const std::string& root,
                                const AuditOptions& options);

// "2026-04-16" from a date ("2026-04-16", "2026-04-16T10:00:00Z", "2026-04-16 10:00 +02:00")
// as seconds since the epoch; nullopt when it is not a date.
std::optional<std::int64_t> parse_date(const std::string& text);

// Reports. `link_base` is the folder (absolute) that links in the Markdown
// report are relative to: the output file's folder, or the root.
void write_audit_markdown(std::ostream& out, const AuditReport& report, const std::string& link_base);
void write_audit_text(std::ostream& out, const AuditReport& report);
void write_audit_json(std::ostream& out, const AuditReport& report);

// The friendly message for a repository without postmortems.
std::string no_postmortems_message(const AuditReport& report);

}  // namespace lessonlint
