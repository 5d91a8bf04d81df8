#include "source/git_repo.h"

#include <git2.h>

#include <mutex>

namespace lessonlint {

namespace {
void init_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // CI containers often check out as another user: the ownership check would
    // make a real repository look like no repository at all.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // lessonlint only reads the repository, as git itself does without
    // re-hashing every object it reads; verifying each object's hash was half
    // of the audit's time on a long history.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}
}  // namespace

std::string git_last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

GitRepo::GitRepo(git_repository* repo) : m_repo(repo) {
  if (const char* wd = git_repository_workdir(repo)) {
    m_workdir = wd;
    while (m_workdir.size() > 1 && m_workdir.back() == '/') m_workdir.pop_back();
  }
}

GitRepo::~GitRepo() { git_repository_free(m_repo); }

std::unique_ptr<GitRepo> GitRepo::discover(const std::string& path) {
  init_libgit2();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) return nullptr;
  return std::unique_ptr<GitRepo>(new GitRepo(repo));
}

bool GitRepo::is_ignored(const std::string& rel) const {
  int ignored = 0;
  if (git_ignore_path_is_ignored(&ignored, m_repo, rel.c_str()) != 0) return false;
  return ignored != 0;
}

Expected<std::string> GitRepo::hooks_dir() const {
  git_config* cfg = nullptr;
  if (git_repository_config_snapshot(&cfg, m_repo) == 0) {
    git_buf buf = GIT_BUF_INIT;
    int rc = git_config_get_path(&buf, cfg, "core.hooksPath");
    std::string path = rc == 0 && buf.ptr ? buf.ptr : "";
    git_buf_dispose(&buf);
    git_config_free(cfg);
    if (!path.empty()) {
      if (path[0] != '/') path = (bare() ? std::string(git_repository_path(m_repo)) : m_workdir) + "/" + path;
      return path;
    }
  }
  git_buf buf = GIT_BUF_INIT;
  if (git_repository_item_path(&buf, m_repo, GIT_REPOSITORY_ITEM_HOOKS) != 0) {
    Error e;
    e.message = "cannot find the repository's hooks folder: " + git_last_error();
    return e;
  }
  std::string path = buf.ptr;
  git_buf_dispose(&buf);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string GitRepo::origin_url() const {
  git_remote* remote = nullptr;
  if (git_remote_lookup(&remote, m_repo, "origin") != 0) return "";
  std::string url = git_remote_url(remote) ? git_remote_url(remote) : "";
  git_remote_free(remote);
  return url;
}

std::string GitRepo::head_revision() const {
  git_oid oid;
  if (git_reference_name_to_id(&oid, m_repo, "HEAD") != 0) return "";
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::string GitRepo::head_branch() const {
  git_reference* head = nullptr;
  if (git_repository_head(&head, m_repo) != 0) return "";
  std::string name;
  if (git_reference_is_branch(head)) {
    const char* short_name = nullptr;
    if (git_branch_name(&short_name, head) == 0 && short_name) name = short_name;
  }
  git_reference_free(head);
  return name;
}

}  // namespace lessonlint
