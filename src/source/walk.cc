#include "source/walk.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "source/git_cli.h"
#include "util/glob.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

std::string relative_to_root(const std::string& path, const std::string& root) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(root);
  std::string r = rel.generic_string();
  if (r.empty() || r == "." || r.rfind("..", 0) == 0) return abs.generic_string();
  return r;
}

namespace {

std::string display_path(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  if (s.rfind("./", 0) == 0) s = s.substr(2);
  return s;
}

}  // namespace

bool selected_by_globs(const std::string& rel, const std::vector<std::string>& include,
                       const std::vector<std::string>& exclude) {
  for (const auto& g : exclude)
    if (glob_match(g, rel)) return false;
  if (include.empty()) return true;
  return std::any_of(include.begin(), include.end(), [&](const std::string& g) { return glob_match(g, rel); });
}

Expected<std::vector<InputFile>> collect_files(const std::vector<std::string>& paths, const WalkOptions& o) {
  std::vector<InputFile> out;
  std::set<std::string> seen;
  // What git ignores, asked once when a folder is walked (git_cli.h says why);
  // when git cannot answer, libgit2 does for each path.
  std::optional<IgnoredPaths> ignored;
  std::unique_ptr<GitRepo> opened;  // libgit2, opened here when the caller had no repository open
  bool asked_git = false;
  const std::string& workdir = o.repo ? o.repo->workdir() : o.workdir;  // empty: bare, or no repository
  auto is_ignored = [&](const std::string& rel, bool folder) {
    if (workdir.empty()) return false;
    if (!asked_git) {
      asked_git = true;
      if (auto listed = o.git ? o.git->ignored(workdir) : ignored_paths(workdir)) ignored = std::move(*listed);
      else if (!o.repo) opened = GitRepo::discover(workdir);
    }
    if (ignored) return ignored->covers(rel);
    const GitRepo* repo = o.repo ? o.repo : opened.get();
    return repo && !repo->bare() && repo->is_ignored(folder ? rel + "/" : rel);
  };
  // Each file once, however many arguments reach it.
  auto add = [&](std::string shown, std::string rel) {
    if (seen.insert(shown).second) out.push_back({std::move(shown), std::move(rel)});
  };
  for (const auto& arg : paths) {
    std::error_code ec;
    fs::file_status st = fs::symlink_status(arg, ec);
    if (ec || !fs::exists(st)) {
      Error e;
      e.file = arg;
      e.message = "no such file or folder";
      return e;
    }
    if (!fs::is_directory(st)) {
      // Named explicitly: checked whatever its extension or ignore status.
      std::string shown = display_path(arg);
      add(shown, relative_to_root(shown, o.root));
      continue;
    }
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      Error e;
      e.file = arg;
      e.message = "cannot read folder: " + ec.message();
      return e;
    }
    // Entries are `arg/sub/path`: their root-relative path is the folder's,
    // worked out once, plus what follows `arg/`.
    std::string base = relative_to_root((fs::path(arg) / "x").string(), o.root);
    base.resize(base.size() - 1);  // keeps the trailing '/' ("" at the root)
    std::size_t prefix = fs::path(arg).string().size();
    // Shown as `arg` normalised once, then the part below it (entries have no
    // "." or ".." components, so normalising the whole path adds nothing).
    std::string shown_base = display_path(fs::path(arg));
    shown_base = shown_base.empty() || shown_base == "." ? "" : shown_base + (shown_base.back() == '/' ? "" : "/");
    struct Found {
      std::string key;  // the path below `arg` with '/' as '\0': sorts as fs::path compares, component by component
      std::string shown, rel;
    };
    std::vector<Found> found;
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      const std::string& ps = p.native();
      std::string_view name = std::string_view(ps).substr(ps.rfind('/') + 1);
      bool dir = it->is_directory(ec) && !it->is_symlink(ec);
      std::size_t from = prefix;
      while (from < ps.size() && ps[from] == '/') ++from;
      std::string_view below = std::string_view(ps).substr(from);
      std::string rel = base + std::string(below);
      if (dir) {
        bool hidden = name.size() > 1 && name[0] == '.';
        if (hidden || name == "node_modules" || is_ignored(rel, true)) it.disable_recursion_pending();
        continue;
      }
      // A link to a Markdown file is listed (and reported, not followed); other non-files are not documents.
      bool link = it->is_symlink(ec);
      if (!link && !it->is_regular_file(ec)) continue;
      if (!has_markdown_extension(name) || (name.size() > 1 && name[0] == '.')) continue;
      if (is_ignored(rel, false)) continue;
      if (!selected_by_globs(rel, o.include, o.exclude)) continue;
      std::string key(below);
      std::replace(key.begin(), key.end(), '/', '\0');
      found.push_back({std::move(key), shown_base + std::string(below), std::move(rel)});
    }
    if (ec) {
      Error e;
      e.file = arg;
      e.message = "cannot read folder: " + ec.message();
      return e;
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.key < b.key; });
    for (auto& f : found) add(std::move(f.shown), std::move(f.rel));
  }
  return out;
}

}  // namespace lessonlint
