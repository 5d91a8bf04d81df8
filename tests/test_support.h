#pragma once
// Helpers shared by the tests: temporary folders, running the built binary,
// checking documents in memory with the real built-in rules.

#include <string>
#include <vector>

#include "config/config.h"
#include "engine/finding.h"
#include "rules/loader.h"

namespace lessonlint::test {

// A fresh folder under the system temp folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  // Writes a file (creating folders) and returns its absolute path.
  std::string write(const std::string& rel, const std::string& content) const;

 private:
  std::string m_path;
};

struct RunOutput {
  int exit_code = -1;
  std::string out, err;
};

// Runs the lessonlint binary with arguments in a working directory; no shell.
RunOutput run_lessonlint(const std::vector<std::string>& args, const std::string& cwd,
                         const std::vector<std::string>& env = {});

// Whether an executable `name` is on PATH (as posix_spawnp would find it).
bool on_path(const std::string& name);

// Runs any program (found on PATH) the same way.
RunOutput run_command(const std::vector<std::string>& argv, const std::string& cwd,
                      const std::vector<std::string>& env = {});

// A git repository in a fresh temporary folder, on branch main, with an
// identity, no signing and no line-end conversion; the user's and the
// system's git configuration are left out (HOME is the repository).
class GitRepoDir {
 public:
  GitRepoDir();
  const std::string& path() const { return m_dir.path(); }
  // Writes a file (creating folders) and returns its absolute path.
  std::string write(const std::string& rel, const std::string& text) const { return m_dir.write(rel, text); }
  // Runs `git ARGS` in the repository, with author and committer dates `date`
  // (ISO 8601) when given; throws with git's message when git fails.
  RunOutput git(const std::vector<std::string>& args, const std::string& date = "") const;
  // `git add -A`, then a commit of everything with `message`, dated `date` when given.
  void commit(const std::string& message = "change", const std::string& date = "") const;

 private:
  TempDir m_dir;
};

std::string read_text(const std::string& path);
std::string source_dir();   // the project's source folder
std::string binary_path();  // the built lessonlint

// The built-in rules, loaded once.
const RuleSet& builtin_rules();

// Checks one in-memory document at `rel` with the built-in rules and `config`
// (other in-memory files may be given for link checks).
std::vector<Finding> check_text(const std::string& rel, const std::string& text, const Config& config = Config{},
                                const std::vector<std::pair<std::string, std::string>>& others = {});

// Findings of one rule only.
std::vector<Finding> only(const std::vector<Finding>& findings, const std::string& rule_id);

// A user's rule file with no `docs:` (acme/no-blame: "careless" in a postmortem, a warning
// "Blameful wording: {match}").
extern const char* const kUserRuleWithoutDocs;

// Replaces every "\n" with "\r\n".
std::string to_crlf(const std::string& text);

}  // namespace lessonlint::test
