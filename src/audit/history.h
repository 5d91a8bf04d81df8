#pragma once
// The audit's own git reader, through libgit2: when each Markdown file at HEAD
// was first added (renames and moves followed, so a postmortem moved last week
// keeps the date it was written), and whether git could restore a file.

#include <cstdint>
#include <string>
#include <unordered_map>

#include "source/git_repo.h"
#include "util/expected.h"

namespace lessonlint {

struct AddedAt {
  std::int64_t time = 0;    // seconds since the epoch: the author date of the commit
  int offset_minutes = 0;   // that date's time zone
  std::string commit;       // hex id of the commit
};

struct FileHistory {
  bool available = false;   // false: no repository, no commit yet, or a shallow clone
  std::string unavailable;  // why not, for the report ("this is a shallow clone ...")
  std::unordered_map<std::string, AddedAt> added;  // root-relative path at HEAD -> when first added
  std::size_t commits = 0;  // commits walked
};

// One revwalk over every commit reachable from HEAD, oldest first; each commit
// is diffed against its first parent (renames found), keeping path -> first
// added. Markdown files only. `repo` may be null (not a repository). What
// each commit changed is read by `jobs` threads (0: all cores).
FileHistory first_added_dates(const GitRepo* repo, int jobs = 0);

// What git knows about a working-tree file, for edits that must be undoable.
enum class WorktreeState {
  Clean,      // tracked, no unstaged changes (staged ones are fine)
  Modified,   // tracked, with unstaged changes (or deleted, or changed type)
  Untracked,  // not in the index
  Ignored,    // ignored by git
};
Expected<WorktreeState> worktree_state(const GitRepo& repo, const std::string& rel);

}  // namespace lessonlint
