#pragma once
// The git origins of documents, all through libgit2: tracked files, staged
// blobs (the pre-commit mode), files changed since a merge base (the CI mode).

#include <memory>
#include <string>
#include <vector>

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

// Markdown files added, copied, modified or renamed in the index relative to
// HEAD (every staged file when there is no HEAD yet): --staged.
Expected<std::vector<InputFile>> staged_files(const GitRepo& repo, const GitFilter& filter);

// Markdown files added or modified between the merge base of `ref` and HEAD,
// renames followed, deletions skipped: --changed-since.
Expected<std::vector<InputFile>> changed_files(const GitRepo& repo, const std::string& ref, const GitFilter& filter);

// Reads documents from the index (staged blobs), not the working tree; link
// look-ups see the index too.
class IndexSource final : public Source {
 public:
  static Expected<std::unique_ptr<IndexSource>> open(const GitRepo& repo);
  ~IndexSource() override;
  Expected<std::string> read(const InputFile& file) const override { return read_rel(file.rel); }
  bool exists(const std::string& rel) const override;
  Expected<std::string> read_rel(const std::string& rel) const override;

 private:
  IndexSource(const GitRepo& repo, git_index* index) : m_repo(repo), m_index(index) {}
  const GitRepo& m_repo;
  git_index* m_index;
};

// The user's path arguments as root-relative prefixes ("" for the root).
std::vector<std::string> root_relative_prefixes(const std::vector<std::string>& paths, const std::string& root);

}  // namespace lessonlint
