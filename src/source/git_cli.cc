#include "source/git_cli.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/background.h"
#include "util/text.h"

extern char** environ;

namespace lessonlint {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::string describe(const std::vector<std::string>& args) {
  std::string s = "git";
  for (const auto& a : args) s += " " + a;
  return s;
}

Error error_of(const std::string& message) {
  Error e;
  e.message = message;
  return e;
}

// The environment git runs in: the caller's (a hook's GIT_INDEX_FILE, GIT_DIR...),
// plus GIT_OPTIONAL_LOCKS=0 so that a read never takes the index lock a
// concurrent git command may need.
std::vector<char*> git_environment(std::vector<std::string>& storage) {
  storage.clear();
  for (char** e = environ; e && *e; ++e)
    if (std::strncmp(*e, "GIT_OPTIONAL_LOCKS=", 19) != 0) storage.emplace_back(*e);
  storage.emplace_back("GIT_OPTIONAL_LOCKS=0");
  std::vector<char*> out;
  for (auto& s : storage) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct FileActions {
  posix_spawn_file_actions_t actions;
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

// Starts `git -C cwd ARGS...` with the given descriptors as its standard
// input, output and error (-1: /dev/null); returns its pid.
Expected<pid_t> spawn_git(const std::vector<std::string>& args, const std::string& cwd, int in, int out, int err) {
  std::vector<std::string> argv_storage = {"git", "-C", cwd};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  std::vector<char*> envp = git_environment(env_storage);

  FileActions fa;
  int fds[3] = {in, out, err};
  for (int target = 0; target < 3; ++target) {
    if (fds[target] >= 0) posix_spawn_file_actions_adddup2(&fa.actions, fds[target], target);
    else posix_spawn_file_actions_addopen(&fa.actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &fa.actions, nullptr, argv.data(), envp.data());
  if (rc != 0) {
    return error_of(rc == ENOENT ? fmt::format("cannot run `{}`: git is not on PATH", describe(args))
                                 : fmt::format("cannot run `{}`: {}", describe(args), std::strerror(rc)));
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

// Reads both pipes to their end at once, so that git never blocks on a full one.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* into[2] = {&out, &err};
  int open_count = 2;
  char buf[kChunk];
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        into[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

}  // namespace

Expected<std::string> run_git(const std::vector<std::string>& args, const std::string& cwd) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return error_of(fmt::format("cannot run git: {}", std::strerror(errno)));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return error_of(fmt::format("cannot run git: {}", std::strerror(errno)));
  }
  auto pid = spawn_git(args, cwd, -1, out_pipe[1], err_pipe[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::string out, err;
  if (pid) drain(out_pipe[0], err_pipe[0], out, err);
  close(out_pipe[0]);
  close(err_pipe[0]);
  if (!pid) return pid.error();
  int status = wait_for(*pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    std::string why = err.empty() ? (WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                                       : std::string("killed by a signal"))
                                  : err;
    return error_of(fmt::format("`{}` failed: {}", describe(args), why));
  }
  return out;
}

bool IgnoredPaths::covers(std::string_view rel) const {
  if (files.empty() && folders.empty()) return false;
  std::string path(rel);
  if (files.count(path) || folders.count(path)) return true;
  for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
    path.resize(slash);
    if (folders.count(path)) return true;
  }
  return false;
}

Expected<std::string> git_toplevel(const std::string& cwd) {
  auto top = run_git({"rev-parse", "--show-toplevel"}, cwd);
  if (!top) return top.error();
  std::string root = std::move(*top);
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (root.empty()) return error_of("git names no working tree for this repository");
  return root;
}

Expected<IgnoredPaths> ignored_paths(const std::string& workdir) {
  auto listed = run_git({"ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"}, workdir);
  if (!listed) return listed.error();
  IgnoredPaths out;
  for (std::string& entry : split_terminated(*listed, '\0')) {
    if (entry.empty()) continue;
    if (entry.back() == '/') {
      entry.pop_back();
      out.folders.insert(std::move(entry));
    } else {
      out.files.insert(std::move(entry));
    }
  }
  return out;
}

struct WorkTreeQuery::Answers {
  Expected<std::string> toplevel = Error{};
  std::optional<Expected<IgnoredPaths>> ignored;  // for *toplevel
};

WorkTreeQuery::WorkTreeQuery(std::string cwd, bool list_ignored) {
  auto ask = [cwd = std::move(cwd), list_ignored] {
    auto a = std::make_unique<Answers>();
    a->toplevel = git_toplevel(cwd);
    if (list_ignored && a->toplevel) a->ignored = ignored_paths(*a->toplevel);
    return a;
  };
  m_pending = in_background(std::move(ask));
}

// The future of a thread waits for it; one deferred (no thread could be had)
// is dropped without asking git.
WorkTreeQuery::~WorkTreeQuery() = default;

WorkTreeQuery::Answers& WorkTreeQuery::answers() {
  if (!m_answers) m_answers = m_pending.get();
  return *m_answers;
}

Expected<std::string> WorkTreeQuery::toplevel() { return answers().toplevel; }

Expected<IgnoredPaths> WorkTreeQuery::ignored(const std::string& workdir) {
  Answers& a = answers();
  if (a.ignored && a.toplevel && *a.toplevel == workdir) {
    Expected<IgnoredPaths> out = std::move(*a.ignored);
    a.ignored.reset();  // handed over once; a second walk asks again
    return out;
  }
  return ignored_paths(workdir);
}

Expected<std::unique_ptr<GitCatFile>> GitCatFile::start(const std::string& cwd) {
  int in[2], out[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0)
    return error_of(fmt::format("cannot run git cat-file: {}", std::strerror(errno)));
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return error_of(fmt::format("cannot run git cat-file: {}", std::strerror(errno)));
  }
  auto pid = spawn_git({"cat-file", "--batch"}, cwd, in[0], out[1], -1);
  close(in[0]);
  close(out[1]);
  if (!pid) {
    close(in[1]);
    close(out[0]);
    return pid.error();
  }
  return std::unique_ptr<GitCatFile>(new GitCatFile(*pid, in[1], out[0]));
}

GitCatFile::~GitCatFile() {
  close(m_in);  // end of input: git exits
  close(m_out);
  wait_for(m_pid);
}

bool GitCatFile::read_line(std::string& line) {
  for (;;) {
    std::size_t nl = m_buffer.find('\n', m_at);
    if (nl != std::string::npos) {
      line.assign(m_buffer, m_at, nl - m_at);
      m_at = nl + 1;
      return true;
    }
    m_buffer.erase(0, m_at);
    m_at = 0;
    std::size_t had = m_buffer.size();
    m_buffer.resize(had + kChunk);
    ssize_t n;
    do n = read(m_out, m_buffer.data() + had, kChunk);
    while (n < 0 && errno == EINTR);
    m_buffer.resize(had + static_cast<std::size_t>(n > 0 ? n : 0));
    if (n <= 0) return false;
  }
}

bool GitCatFile::read_exact(char* into, std::size_t n) {
  std::size_t buffered = std::min(n, m_buffer.size() - m_at);
  std::memcpy(into, m_buffer.data() + m_at, buffered);
  m_at += buffered;
  for (std::size_t done = buffered; done < n;) {
    ssize_t got = read(m_out, into + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

Expected<std::optional<std::string>> GitCatFile::blob(const std::string& name) {
  if (name.find('\n') != std::string::npos)
    return error_of(fmt::format("cannot look up '{}' in git: the name contains a line break", name));
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_broken) return error_of("git cat-file stopped earlier in this run");
  auto r = request(name);
  if (!r) m_broken = true;
  return r;
}

Expected<std::optional<std::string>> GitCatFile::request(const std::string& name) {
  std::string line = name + "\n";
  for (std::size_t sent = 0; sent < line.size();) {
    ssize_t n = send(m_in, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return error_of(fmt::format("git cat-file exited early: cannot ask it for '{}'", name));
    sent += static_cast<std::size_t>(n);
  }
  std::string header;
  if (!read_line(header)) return error_of(fmt::format("git cat-file exited early: no reply for '{}'", name));
  // "<id> <type> <size>" for an object; "<name> missing" (or "ambiguous") otherwise.
  std::size_t s1 = header.find(' ');
  std::size_t s2 = s1 == std::string::npos ? s1 : header.find(' ', s1 + 1);
  bool object = s2 != std::string::npos && header.find(' ', s2 + 1) == std::string::npos &&
                header.find_first_not_of("0123456789abcdef") == s1 && (s1 == 40 || s1 == 64) &&
                s2 + 1 < header.size() && header.size() - s2 - 1 <= 18 &&
                header.find_first_not_of("0123456789", s2 + 1) == std::string::npos;
  if (!object) return std::optional<std::string>();
  std::string type = header.substr(s1 + 1, s2 - s1 - 1);
  std::size_t size = std::stoull(header.substr(s2 + 1));
  std::string data(size + 1, '\0');  // the contents and git's closing line feed
  if (!read_exact(data.data(), data.size()))
    return error_of(fmt::format("git cat-file exited early while sending '{}'", name));
  data.pop_back();
  if (type != "blob") return std::optional<std::string>();
  return std::optional<std::string>(std::move(data));
}

}  // namespace lessonlint
