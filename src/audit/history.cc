#include "audit/history.h"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "util/text.h"

namespace lessonlint {

namespace {

template <class T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (p) Free(p);
  }
};
using WalkPtr = Owned<git_revwalk, git_revwalk_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;

// Keeps the earlier of two dates for a path (a file merged from a side branch
// shows up as added again in the merge's first-parent diff).
void keep_earliest(std::unordered_map<std::string, AddedAt>& added, const std::string& path, const AddedAt& at) {
  auto [it, inserted] = added.try_emplace(path, at);
  if (!inserted && at.time < it->second.time) it->second = at;
}

struct Blob {
  std::string path;
  git_oid id;
};

// What one commit changed among Markdown files, relative to its first parent.
struct CommitChanges {
  AddedAt at;
  git_oid tree{}, parent_tree{};
  bool has_parent = false;
  std::vector<Blob> deleted, added;
};

// The newest tree seen at each folder path. Consecutive commits mostly share
// folders, so the parent's version of a folder is usually the one kept here:
// each tree is read once, wherever in history the last change to it was.
// (libgit2's own cache skips trees over 4 KB, such as a folder of postmortems.)
class TreeCache {
 public:
  explicit TreeCache(git_repository* repo) : m_repo(repo) {}
  ~TreeCache() {
    for (auto& [path, kept] : m_by_path) git_tree_free(kept.second);
  }
  TreeCache(const TreeCache&) = delete;
  TreeCache& operator=(const TreeCache&) = delete;

  // The tree `id` (found at `path`), as a new reference the caller frees.
  git_tree* get(const std::string& path, const git_oid& id) {
    git_tree* t = nullptr;
    if (auto it = m_by_path.find(path); it != m_by_path.end() && git_oid_equal(&it->second.first, &id)) {
      git_object_dup(reinterpret_cast<git_object**>(&t), reinterpret_cast<git_object*>(it->second.second));
      return t;
    }
    if (git_tree_lookup(&t, m_repo, &id) != 0) return nullptr;
    return t;
  }
  // Remembers `tree` as the newest version of `path`.
  void keep(const std::string& path, git_tree* tree) {
    git_tree* copy = nullptr;
    git_object_dup(reinterpret_cast<git_object**>(&copy), reinterpret_cast<git_object*>(tree));
    auto [it, inserted] = m_by_path.try_emplace(path, *git_tree_id(tree), copy);
    if (!inserted) {
      git_tree_free(it->second.second);
      it->second = {*git_tree_id(tree), copy};
    }
  }
  git_repository* repo() const { return m_repo; }

 private:
  git_repository* m_repo;
  std::unordered_map<std::string, std::pair<git_oid, git_tree*>> m_by_path;
};

// Git's order of tree entries: names compared bytewise, a tree as if its name ended in '/'.
int entry_order(const git_tree_entry* a, const git_tree_entry* b) {
  std::string_view x = git_tree_entry_name(a), y = git_tree_entry_name(b);
  std::size_t n = std::min(x.size(), y.size());
  if (int c = x.substr(0, n).compare(y.substr(0, n)); c != 0) return c;
  auto next = [n](const git_tree_entry* e, std::string_view name) -> int {
    if (name.size() > n) return static_cast<unsigned char>(name[n]);
    return git_tree_entry_type(e) == GIT_OBJECT_TREE ? '/' : 0;
  };
  return next(a, x) - next(b, y);
}

bool is_link(const git_tree_entry* e) { return git_tree_entry_filemode(e) == GIT_FILEMODE_LINK; }

// Every Markdown file at or under a tree entry.
void markdown_under(TreeCache& trees, const git_tree_entry* e, const std::string& prefix, std::vector<Blob>& out) {
  std::string path = prefix + git_tree_entry_name(e);
  if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
    if (!is_link(e) && has_markdown_extension(path)) out.push_back({path, *git_tree_entry_id(e)});
    return;
  }
  if (git_tree_entry_type(e) != GIT_OBJECT_TREE) return;  // a submodule
  TreePtr tree;
  if (git_tree_lookup(&tree.p, trees.repo(), git_tree_entry_id(e)) != 0) return;
  for (std::size_t i = 0; i < git_tree_entrycount(tree.p); ++i)
    markdown_under(trees, git_tree_entry_byindex(tree.p, i), path + "/", out);
}

// The Markdown files that disappear from `a` and appear in `b`. Subtrees with
// the same id are skipped, so the cost follows what a commit changed, not the
// size of the tree (libgit2's tree diff reads every tree, five times slower here).
void diff_trees(TreeCache& trees, const git_tree* a, const git_tree* b, const std::string& prefix,
                std::vector<Blob>& deleted, std::vector<Blob>& added) {
  std::size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0, i = 0, j = 0;
  while (i < na || j < nb) {
    const git_tree_entry* x = i < na ? git_tree_entry_byindex(a, i) : nullptr;
    const git_tree_entry* y = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
    int order = !x ? 1 : !y ? -1 : entry_order(x, y);
    if (order < 0) {
      markdown_under(trees, x, prefix, deleted);
      ++i;
      continue;
    }
    if (order > 0) {
      markdown_under(trees, y, prefix, added);
      ++j;
      continue;
    }
    ++i, ++j;
    if (git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
        git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
      continue;
    bool tx = git_tree_entry_type(x) == GIT_OBJECT_TREE, ty = git_tree_entry_type(y) == GIT_OBJECT_TREE;
    if (tx && ty) {
      std::string path = prefix + git_tree_entry_name(x);
      TreePtr sa, sb;
      sa.p = trees.get(path, *git_tree_entry_id(x));
      sb.p = trees.get(path, *git_tree_entry_id(y));
      if (!sa.p || !sb.p) continue;
      diff_trees(trees, sa.p, sb.p, path + "/", deleted, added);
      trees.keep(path, sb.p);
    } else if (tx || ty || is_link(x) != is_link(y)) {
      markdown_under(trees, x, prefix, deleted);  // a file became a folder, or a link a file: gone and new
      markdown_under(trees, y, prefix, added);
    }
  }
}

// Reads what the commits in [begin, end) changed, on its own repository handle.
void read_changes(const std::string& git_dir, const std::vector<git_oid>& order, std::size_t begin, std::size_t end,
                  std::vector<CommitChanges>& out) {
  git_repository* raw = nullptr;
  if (git_repository_open_bare(&raw, git_dir.c_str()) != 0) return;
  TreeCache trees(raw);
  for (std::size_t i = begin; i < end; ++i) {
    CommitChanges& c = out[i];
    CommitPtr commit;
    if (git_commit_lookup(&commit.p, raw, &order[i]) != 0) continue;
    c.tree = *git_commit_tree_id(commit.p);
    TreePtr parent_tree, tree;
    if (git_commit_parentcount(commit.p) > 0) {
      // A parent outside the object database (a graft) is treated as no parent.
      if (const git_oid* parent = git_commit_parent_id(commit.p, 0)) {
        CommitPtr p;
        if (git_commit_lookup(&p.p, raw, parent) == 0) {
          c.parent_tree = *git_commit_tree_id(p.p);
          parent_tree.p = trees.get("", c.parent_tree);
          c.has_parent = parent_tree.p != nullptr;
        }
      }
    }
    tree.p = trees.get("", c.tree);
    if (tree.p) {
      diff_trees(trees, parent_tree.p, tree.p, "", c.deleted, c.added);
      trees.keep("", tree.p);
    }
    const git_signature* author = git_commit_author(commit.p);
    c.at.time = author ? author->when.time : git_commit_time(commit.p);
    c.at.offset_minutes = author ? author->when.offset : git_commit_time_offset(commit.p);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &order[i]);
    c.at.commit = hex;
  }
  git_repository_free(raw);
}

// Renames among what is left after exact matches (moved and edited): libgit2's
// similarity detection on a diff limited to exactly those paths.
std::vector<std::pair<std::string, std::string>> similar_renames(git_repository* r, const CommitChanges& c,
                                                                 const std::vector<const Blob*>& deleted,
                                                                 const std::vector<const Blob*>& added) {
  std::vector<std::pair<std::string, std::string>> out;
  TreePtr from, to;
  if (git_tree_lookup(&from.p, r, &c.parent_tree) != 0 || git_tree_lookup(&to.p, r, &c.tree) != 0) return out;
  std::vector<const char*> paths;
  for (const Blob* b : deleted) paths.push_back(b->path.c_str());
  for (const Blob* b : added) paths.push_back(b->path.c_str());
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  opts.pathspec.strings = const_cast<char**>(paths.data());
  opts.pathspec.count = paths.size();
  DiffPtr diff;
  if (git_diff_tree_to_tree(&diff.p, r, from.p, to.p, &opts) != 0) return out;
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_find_similar(diff.p, &find) != 0) return out;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.p); ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.p, i);
    if (d->status == GIT_DELTA_RENAMED) out.emplace_back(d->old_file.path, d->new_file.path);
  }
  return out;
}

// Applies one commit's changes to path -> first added: deletions drop a date,
// renames carry it to the new path, additions set it.
void apply(git_repository* r, const CommitChanges& c, std::unordered_map<std::string, AddedAt>& added) {
  std::unordered_map<std::string, AddedAt> gone;
  for (const auto& d : c.deleted) {
    if (auto it = added.find(d.path); it != added.end()) {
      gone.emplace(d.path, it->second);
      added.erase(it);
    }
  }
  auto carry = [&](const std::string& from, const std::string& to) {
    auto it = gone.find(from);
    keep_earliest(added, to, it != gone.end() ? it->second : c.at);
  };
  // Exact renames: the same content under a new name.
  std::vector<bool> used(c.deleted.size(), false);
  std::vector<const Blob*> new_files;
  for (const auto& a : c.added) {
    bool renamed = false;
    for (std::size_t k = 0; k < c.deleted.size() && !renamed; ++k) {
      if (used[k] || !git_oid_equal(&c.deleted[k].id, &a.id)) continue;
      used[k] = renamed = true;
      carry(c.deleted[k].path, a.path);
    }
    if (!renamed) new_files.push_back(&a);
  }
  std::vector<const Blob*> old_files;
  for (std::size_t k = 0; k < c.deleted.size(); ++k)
    if (!used[k]) old_files.push_back(&c.deleted[k]);
  // Moved and edited: content similarity, only when both sides have candidates.
  if (!new_files.empty() && !old_files.empty() && c.has_parent) {
    for (const auto& [from, to] : similar_renames(r, c, old_files, new_files)) {
      auto it = std::find_if(new_files.begin(), new_files.end(), [&, to = to](const Blob* b) { return b->path == to; });
      if (it == new_files.end()) continue;
      new_files.erase(it);
      carry(from, to);
    }
  }
  for (const Blob* b : new_files) keep_earliest(added, b->path, c.at);
}

}  // namespace

FileHistory first_added_dates(const GitRepo* repo, int jobs) {
  FileHistory h;
  if (!repo) {
    h.unavailable = "this is not a git repository";
    return h;
  }
  git_repository* r = repo->raw();
  if (git_repository_is_shallow(r) == 1) {
    h.unavailable = "this is a shallow clone, so the commit that first added a file may be missing (fetch the whole "
                    "history: `git fetch --unshallow`, or actions/checkout with fetch-depth: 0)";
    return h;
  }
  WalkPtr walk;
  if (git_revwalk_new(&walk.p, r) != 0) {
    h.unavailable = "cannot read the history: " + git_last_error();
    return h;
  }
  git_revwalk_sorting(walk.p, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  if (git_revwalk_push_head(walk.p) != 0) {
    h.unavailable = "the repository has no commits yet";
    return h;
  }
  // libgit2 caches no tree over 4 KB, and a folder of postmortems is larger:
  // every commit would read it again. Cache trees while the walk runs, within
  // a modest budget, and put libgit2's defaults back afterwards.
  git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, std::size_t{1} << 20);
  git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(32) << 20);
  struct RestoreCache {
    ~RestoreCache() {
      git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, std::size_t{4096});
      git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(256) << 20);
    }
  } restore;
  std::vector<git_oid> order;
  git_oid oid;
  while (git_revwalk_next(&oid, walk.p) == 0) order.push_back(oid);
  h.commits = order.size();

  // Reading what each commit changed is independent work: contiguous slices,
  // one thread and one repository handle each. Applying it is sequential.
  std::vector<CommitChanges> changes(order.size());
  unsigned threads = jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, order.size() / 500)));
  std::string git_dir = git_repository_commondir(r);  // linked worktrees keep their objects there
  std::size_t slice = (order.size() + threads - 1) / std::max(1u, threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    std::size_t begin = std::min(order.size(), t * slice), end = std::min(order.size(), begin + slice);
    pool.emplace_back([&, begin, end] { read_changes(git_dir, order, begin, end, changes); });
  }
  for (auto& th : pool) th.join();
  for (const auto& c : changes)
    if (!c.at.commit.empty()) apply(r, c, h.added);

  // Only what HEAD still holds matters.
  CommitPtr head;
  TreePtr head_tree;
  git_oid head_oid;
  if (git_reference_name_to_id(&head_oid, r, "HEAD") == 0 && git_commit_lookup(&head.p, r, &head_oid) == 0 &&
      git_commit_tree(&head_tree.p, head.p) == 0) {
    for (auto it = h.added.begin(); it != h.added.end();) {
      git_tree_entry* e = nullptr;
      if (git_tree_entry_bypath(&e, head_tree.p, it->first.c_str()) == 0) {
        git_tree_entry_free(e);
        ++it;
      } else {
        it = h.added.erase(it);
      }
    }
  }
  h.available = true;
  return h;
}

Expected<WorktreeState> worktree_state(const GitRepo& repo, const std::string& rel) {
  unsigned int flags = 0;
  int rc = git_status_file(&flags, repo.raw(), rel.c_str());
  if (rc == GIT_ENOTFOUND) return WorktreeState::Untracked;
  if (rc != 0) {
    Error e;
    e.file = rel;
    e.message = "cannot read its git status: " + git_last_error();
    return e;
  }
  if (flags & GIT_STATUS_IGNORED) return WorktreeState::Ignored;
  if (flags & GIT_STATUS_WT_NEW) return WorktreeState::Untracked;
  if (flags & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_DELETED | GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_RENAMED))
    return WorktreeState::Modified;
  return WorktreeState::Clean;
}

}  // namespace lessonlint
