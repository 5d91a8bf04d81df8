#pragma once
// Turns the paths on the command line into the Markdown files to check.

#include <string>
#include <vector>

#include "source/git_cli.h"
#include "source/git_repo.h"
#include "source/source.h"
#include "util/expected.h"

namespace lessonlint {

struct WalkOptions {
  std::string root;                    // absolute: the repository's working tree, or the working directory
  // Whose ignore rules to honour: an open repository, or (when none is open)
  // the working tree git named; neither outside a repository.
  const GitRepo* repo = nullptr;
  std::string workdir;
  WorkTreeQuery* git = nullptr;        // when set, where the ignored paths come from (asked in the background)
  std::vector<std::string> include;    // globs on root-relative paths; empty: every Markdown file
  std::vector<std::string> exclude;
};

// Folders are walked for *.md and *.markdown, skipping .git, hidden folders
// and what git ignores; files named explicitly are always checked. A path
// that does not exist is an error. Symbolic links are never followed.
Expected<std::vector<InputFile>> collect_files(const std::vector<std::string>& paths, const WalkOptions& options);

// Whether a root-relative path is one that `include` globs (none: every path)
// and `exclude` globs keep, as the folder walk and the language server choose.
bool selected_by_globs(const std::string& rel, const std::vector<std::string>& include,
                       const std::vector<std::string>& exclude);

// A path relative to the root, with forward slashes ("" when outside the root).
std::string relative_to_root(const std::string& path, const std::string& root);

}  // namespace lessonlint
