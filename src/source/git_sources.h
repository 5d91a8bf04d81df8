#pragma once
// The git origins of documents: tracked files and files changed since a merge
// base (the CI mode) through libgit2; staged blobs (the pre-commit mode)
// through git itself, for the reasons git_cli.h gives.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "source/git_cli.h"
#include "source/git_repo.h"
#include "source/source.h"
#include "util/expected.h"

namespace lessonlint {

// What to keep of the files git lists: Markdown files under `paths`
// (root-relative prefixes; empty: everything), honouring include/exclude globs.
struct GitFilter {
  std::vector<std::string> paths;
  std::vector<std::string> include, exclude;
  std::string cwd;  // absolute; display paths are relative to it
};

// Markdown files in the index (--tracked).
Expected<std::vector<InputFile>> tracked_files(const GitRepo& repo, const GitFilter& filter);

// Markdown files added or modified between the merge base of `ref` and HEAD,
// renames followed, deletions skipped: --changed-since.
Expected<std::vector<InputFile>> changed_files(const GitRepo& repo, const std::string& ref, const GitFilter& filter);

// What the next commit would contain (--staged): the Markdown files added,
// copied, modified or renamed in the index relative to HEAD (every staged file
// when there is no HEAD yet), read from the index, not the working tree; link
// look-ups see the index too. The index is the one git names: a hook's
// GIT_INDEX_FILE is honoured.
class StagedSource final : public Source {
 public:
  // The index of the repository whose working tree holds `cwd`; an error
  // outside one, in a bare one, or without git. Asks git for the staged
  // changes at once (files() filters them), so that a caller can open the
  // source in the background while the rules load.
  static Expected<std::unique_ptr<StagedSource>> open(const std::string& cwd);
  // The top of the working tree (absolute, no trailing slash).
  const std::string& root() const { return m_root; }
  // The staged files, sorted; each is then read by its blob id.
  Expected<std::vector<InputFile>> files(const GitFilter& filter);

  Expected<std::string> read(const InputFile& file) const override;
  bool exists(const std::string& rel) const override;
  Expected<std::string> read_rel(const std::string& rel) const override;

 private:
  StagedSource(std::string root, std::unique_ptr<GitCatFile> cat, std::string raw)
      : m_root(std::move(root)), m_cat(std::move(cat)), m_raw(std::move(raw)) {}
  std::string m_root;
  std::unique_ptr<GitCatFile> m_cat;
  std::string m_raw;  // `git diff --cached --raw -z` of the index against HEAD
  std::map<std::string, std::string> m_blobs;  // rel -> blob id, from files()
  mutable std::mutex m_folders_mutex;
  mutable std::map<std::string, bool> m_folders;  // rel -> whether some staged file lies under it
};

// The user's path arguments as root-relative prefixes ("" for the root).
std::vector<std::string> root_relative_prefixes(const std::vector<std::string>& paths, const std::string& root);

}  // namespace lessonlint
