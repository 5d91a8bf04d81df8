#include "source/git_sources.h"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <filesystem>

#include "source/walk.h"
#include "util/glob.h"
#include "util/sanitizers.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

Error git_error(const std::string& what) {
  Error e;
  e.message = fmt::format("{}: {}", what, git_last_error());
  return e;
}

bool keep(const std::string& rel, const GitFilter& f) {
  if (!has_markdown_extension(rel)) return false;
  if (!f.paths.empty()) {
    bool under = std::any_of(f.paths.begin(), f.paths.end(), [&](const std::string& p) {
      return p.empty() || rel == p || rel.rfind(p + "/", 0) == 0;
    });
    if (!under) return false;
  }
  for (const auto& g : f.exclude)
    if (glob_match(g, rel)) return false;
  if (f.include.empty()) return true;
  return std::any_of(f.include.begin(), f.include.end(), [&](const std::string& g) { return glob_match(g, rel); });
}

InputFile make_input(const std::string& root, const std::string& rel, const std::string& cwd) {
  fs::path abs = fs::path(root) / rel;
  std::string shown = abs.lexically_relative(cwd).generic_string();
  if (shown.empty()) shown = abs.generic_string();
  return {shown, rel};
}

struct DiffPtr {
  git_diff* diff = nullptr;
  ~DiffPtr() { git_diff_free(diff); }
};
struct TreePtr {
  git_tree* tree = nullptr;
  ~TreePtr() { git_tree_free(tree); }
};
struct IndexPtr {
  git_index* index = nullptr;
  ~IndexPtr() { git_index_free(index); }
};

std::vector<InputFile> files_of(const GitRepo& repo, git_diff* diff, const GitFilter& filter) {
  std::vector<InputFile> out;
  std::size_t n = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    switch (d->status) {
      case GIT_DELTA_ADDED:
      case GIT_DELTA_MODIFIED:
      case GIT_DELTA_RENAMED:
      case GIT_DELTA_COPIED:
      case GIT_DELTA_TYPECHANGE:
        break;
      default:
        continue;  // deleted, unmodified, ignored...
    }
    if (d->new_file.mode == GIT_FILEMODE_LINK || d->new_file.mode == GIT_FILEMODE_COMMIT) continue;
    std::string rel = d->new_file.path;
    if (keep(rel, filter)) out.push_back(make_input(repo.workdir(), rel, filter.cwd));
  }
  std::sort(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) { return a.rel < b.rel; });
  return out;
}

void find_renames(git_diff* diff) {
  git_diff_find_options opts = GIT_DIFF_FIND_OPTIONS_INIT;
  opts.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_COPIES;
  git_diff_find_similar(diff, &opts);
}

}  // namespace

std::vector<std::string> root_relative_prefixes(const std::vector<std::string>& paths, const std::string& root) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec).lexically_normal();
    std::string rel = abs.lexically_relative(fs::path(root).lexically_normal()).generic_string();
    if (rel == "." || rel.empty()) rel.clear();
    while (!rel.empty() && rel.back() == '/') rel.pop_back();
    out.push_back(rel);
  }
  return out;
}

Expected<std::vector<InputFile>> tracked_files(const GitRepo& repo, const GitFilter& filter) {
  IndexPtr idx;
  if (git_repository_index(&idx.index, repo.raw()) != 0) return git_error("cannot read the git index");
  std::vector<InputFile> out;
  std::size_t n = git_index_entrycount(idx.index);
  for (std::size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(idx.index, i);
    if (!e || GIT_INDEX_ENTRY_STAGE(e) != 0 || e->mode == GIT_FILEMODE_LINK || e->mode == GIT_FILEMODE_COMMIT) continue;
    if (keep(e->path, filter)) out.push_back(make_input(repo.workdir(), e->path, filter.cwd));
  }
  return out;
}

Expected<std::vector<InputFile>> changed_files(const GitRepo& repo, const std::string& ref, const GitFilter& filter) {
  git_object* target = nullptr;
  if (git_revparse_single(&target, repo.raw(), ref.c_str()) != 0) {
    Error e;
    e.message = fmt::format(
        "--changed-since: unknown revision '{}' ({}). In CI, fetch it first (for example `git fetch origin main`, "
        "or actions/checkout with fetch-depth: 0)",
        ref, git_last_error());
    return e;
  }
  git_oid ref_oid = *git_object_id(target);
  git_object_free(target);
  git_oid head_oid;
  if (git_reference_name_to_id(&head_oid, repo.raw(), "HEAD") != 0) return git_error("--changed-since: no HEAD commit");
  git_oid base;
  int merge_base_rc;
  {
#ifdef LESSONLINT_ASAN
    // libgit2 1.5 leaks 64 bytes here when a shallow clone lacks the merge
    // base: not ours to fix, so the sanitized build does not track it.
    __lsan::ScopedDisabler libgit2_leak;
#endif
    merge_base_rc = git_merge_base(&base, repo.raw(), &ref_oid, &head_oid);
  }
  if (merge_base_rc != 0) {
    Error e;
    e.message = fmt::format(
        "--changed-since: no merge base between '{}' and HEAD{}. The history is probably shallow: fetch the full "
        "history (actions/checkout with fetch-depth: 0, or `git fetch --unshallow`)",
        ref, git_repository_is_shallow(repo.raw()) == 1 ? " in this shallow clone" : "");
    return e;
  }
  git_commit* base_commit = nullptr;
  git_commit* head_commit = nullptr;
  TreePtr base_tree, head_tree;
  if (git_commit_lookup(&base_commit, repo.raw(), &base) != 0 || git_commit_tree(&base_tree.tree, base_commit) != 0 ||
      git_commit_lookup(&head_commit, repo.raw(), &head_oid) != 0 ||
      git_commit_tree(&head_tree.tree, head_commit) != 0) {
    git_commit_free(base_commit);
    git_commit_free(head_commit);
    return git_error("--changed-since: cannot read the commits (a shallow clone? use fetch-depth: 0)");
  }
  git_commit_free(base_commit);
  git_commit_free(head_commit);
  DiffPtr diff;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  if (git_diff_tree_to_tree(&diff.diff, repo.raw(), base_tree.tree, head_tree.tree, &opts) != 0)
    return git_error("--changed-since: cannot compare the commits");
  find_renames(diff.diff);
  std::vector<InputFile> files = files_of(repo, diff.diff, filter);
  // Checked as they are in the working tree; one deleted since HEAD has nothing to check.
  std::erase_if(files, [&](const InputFile& f) {
    std::error_code ec;
    return !fs::exists(fs::path(repo.workdir()) / f.rel, ec);
  });
  return files;
}

Expected<std::unique_ptr<StagedSource>> StagedSource::open(const std::string& cwd) {
  auto top = git_toplevel(cwd);
  if (!top) return top.error();
  std::string root = std::move(*top);
  auto cat = GitCatFile::start(root);
  if (!cat) return cat.error();
  // Plumbing-stable output: raw records, NUL-separated, full ids, whatever the
  // user's diff settings. With no HEAD yet, git compares with the empty tree.
  auto raw = run_git({"diff", "--cached", "--raw", "-z", "-M", "-C", "--no-abbrev", "--no-color", "--no-ext-diff",
                      "--no-relative", "--diff-filter=ACMRT"},
                     root);
  if (!raw) return raw.error();
  return std::unique_ptr<StagedSource>(new StagedSource(std::move(root), std::move(*cat), std::move(*raw)));
}

Expected<std::vector<InputFile>> StagedSource::files(const GitFilter& filter) {
  // ":OLDMODE NEWMODE OLDID NEWID STATUS\0PATH\0", with a second path for renames and copies.
  std::vector<std::string> fields = split_terminated(m_raw, '\0');
  std::vector<InputFile> out;
  for (std::size_t i = 0; i < fields.size();) {
    const std::string& head = fields[i++];
    std::vector<std::string> parts = split(head, ' ');
    if (head.empty() || head[0] != ':' || parts.size() != 5 || parts[4].empty())
      return Error{"", 0, 0, fmt::format("unexpected output from `git diff --cached --raw`: '{}'", head)};
    char status = parts[4][0];
    std::size_t paths = status == 'R' || status == 'C' ? 2 : 1;
    if (i + paths > fields.size())
      return Error{"", 0, 0, fmt::format("unexpected output from `git diff --cached --raw`: '{}' has no path", head)};
    std::string rel = fields[i + paths - 1];
    i += paths;
    const std::string& mode = parts[1];
    if (mode == "120000" || mode == "160000") continue;  // symbolic links and submodules are not documents
    if (!keep(rel, filter)) continue;
    m_blobs[rel] = parts[3];
    out.push_back(make_input(m_root, rel, filter.cwd));
  }
  std::sort(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) { return a.rel < b.rel; });
  return out;
}

Expected<std::string> StagedSource::read(const InputFile& file) const {
  auto id = m_blobs.find(file.rel);
  if (id == m_blobs.end()) return read_rel(file.rel);
  auto blob = m_cat->blob(id->second);
  if (!blob) return Error{file.rel, 0, 0, blob.error().message};
  if (!*blob) return Error{file.rel, 0, 0, fmt::format("the staged blob {} is missing from the repository", id->second)};
  return std::move(**blob);
}

Expected<std::string> StagedSource::read_rel(const std::string& rel) const {
  // ":0:" names stage 0 explicitly, so that a path like "1:x.md" is not read as a stage number.
  auto blob = m_cat->blob(":0:" + rel);
  if (!blob) return Error{rel, 0, 0, blob.error().message};
  if (!*blob) return Error{rel, 0, 0, "not in the git index"};
  return std::move(**blob);
}

bool StagedSource::exists(const std::string& rel) const {
  auto blob = m_cat->blob(":0:" + rel);
  if (blob && *blob) return true;
  // A folder exists when some staged file lies under it.
  std::lock_guard<std::mutex> lock(m_folders_mutex);
  auto known = m_folders.find(rel);
  if (known != m_folders.end()) return known->second;
  auto listed = run_git({"ls-files", "-z", "--", ":(literal)" + rel + "/"}, m_root);
  bool found = listed && !listed->empty();
  m_folders.emplace(rel, found);
  return found;
}

}  // namespace lessonlint
