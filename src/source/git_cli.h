#pragma once
// `git` itself, run as a subprocess: what the pre-commit mode (--staged) reads
// the index through, and where the folder walk gets the ignored paths (see
// ignored_paths). Two reasons not to use libgit2 for the index:
//  - git runs a pre-commit hook with GIT_INDEX_FILE pointing at the index the
//    commit is made from (`git commit -a`, `git commit PATH` use a temporary
//    one); git honours it, and so it honours every other GIT_* variable a hook
//    inherits, exactly as the commit does;
//  - the cost must not grow with the repository: libgit2 1.5 hashes the whole
//    index file on every read (SHA-1 of 1.4 MB for 10,000 files) and diffs the
//    whole HEAD tree, while git skips the checksum and compares unchanged
//    folders by their cached tree ids.
// The hook is run by git, so git is there; elsewhere a missing git is an error
// that says so.

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "util/expected.h"

namespace lessonlint {

// Runs `git ARGS...` in `cwd` and returns its standard output; a failure to
// start, or a non-zero exit, is an error with git's own message.
Expected<std::string> run_git(const std::vector<std::string>& args, const std::string& cwd);

// The working tree that contains `cwd`, as git sees it (`git rev-parse
// --show-toplevel`, which honours GIT_DIR and GIT_WORK_TREE as a hook gets
// them): an absolute path without a trailing slash. An error outside a
// repository, in a bare one, in a checkout git refuses, or without git.
Expected<std::string> git_toplevel(const std::string& cwd);

// What git ignores in the working tree at `workdir`: the untracked files and
// folders that .gitignore files, .git/info/exclude and core.excludesFile
// exclude (`git ls-files --others --ignored --exclude-standard --directory`).
// One listing replaces a libgit2 look-up per file, which stats every
// .gitignore from the file's folder up (five system calls per file). As in
// git, a tracked file is never ignored.
struct IgnoredPaths {
  std::unordered_set<std::string> files;
  std::unordered_set<std::string> folders;  // whole folders, without the trailing '/'
  // Whether a workdir-relative path is ignored, or lies in an ignored folder.
  bool covers(std::string_view rel) const;
};
Expected<IgnoredPaths> ignored_paths(const std::string& workdir);

// git_toplevel(cwd) and, when a folder will be walked, ignored_paths() of that
// working tree, asked on a background thread from construction: git answers
// while the rules load instead of after (a check of a 10-document repository
// went from 41 to 34 ms). The thread only waits for git.
class WorkTreeQuery {
 public:
  WorkTreeQuery(std::string cwd, bool list_ignored);
  ~WorkTreeQuery();  // waits for git, if it was asked
  WorkTreeQuery(const WorkTreeQuery&) = delete;
  WorkTreeQuery& operator=(const WorkTreeQuery&) = delete;

  // git_toplevel(cwd), waiting for it.
  Expected<std::string> toplevel();
  // ignored_paths(workdir): the answer asked for at construction when it is
  // for this working tree, else asked now.
  Expected<IgnoredPaths> ignored(const std::string& workdir);

 private:
  struct Answers;
  Answers& answers();

  std::future<std::unique_ptr<Answers>> m_pending;
  std::unique_ptr<Answers> m_answers;
};

// One `git cat-file --batch` process, kept for the whole run: each object is
// a request line and a reply, with no process start per file. Thread-safe.
class GitCatFile {
 public:
  static Expected<std::unique_ptr<GitCatFile>> start(const std::string& cwd);
  ~GitCatFile();
  GitCatFile(const GitCatFile&) = delete;
  GitCatFile& operator=(const GitCatFile&) = delete;

  // The blob `name` names (an object id, or ":path" for a staged file),
  // nullopt when there is none; an error when git fails.
  Expected<std::optional<std::string>> blob(const std::string& name);

 private:
  GitCatFile(int pid, int in, int out) : m_pid(pid), m_in(in), m_out(out) {}
  Expected<std::optional<std::string>> request(const std::string& name);
  bool read_exact(char* into, std::size_t n);
  bool read_line(std::string& line);

  std::mutex m_mutex;
  int m_pid;
  int m_in;   // git's standard input (a socket: writing to a dead git is an error, not SIGPIPE)
  int m_out;  // git's standard output
  std::string m_buffer;  // read from m_out, not yet consumed
  std::size_t m_at = 0;
  bool m_broken = false;
};

}  // namespace lessonlint
