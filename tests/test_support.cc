#include "test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "document/document.h"
#include "engine/engine.h"
#include "source/source.h"

extern char** environ;

namespace lessonlint::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "lessonlint-test-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  m_path = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& rel, const std::string& content) const {
  fs::path p = fs::path(m_path) / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p.string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string source_dir() { return LESSONLINT_SOURCE_DIR; }
std::string binary_path() { return LESSONLINT_BINARY; }

namespace {
std::string slurp_fd(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}
}  // namespace

RunOutput run_lessonlint(const std::vector<std::string>& args, const std::string& cwd,
                         const std::vector<std::string>& env) {
  std::vector<std::string> argv = {binary_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd, env);
}

GitRepoDir::GitRepoDir() {
  git({"init", "-q", "-b", "main"});
  git({"config", "user.email", "test@example.com"});
  git({"config", "user.name", "Test"});
  git({"config", "commit.gpgsign", "false"});
  git({"config", "core.autocrlf", "false"});
}

RunOutput GitRepoDir::git(const std::vector<std::string>& args, const std::string& date) const {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + path()};
  if (!date.empty()) {
    env.push_back("GIT_AUTHOR_DATE=" + date);
    env.push_back("GIT_COMMITTER_DATE=" + date);
  }
  RunOutput r = run_command(argv, path(), env);
  if (r.exit_code != 0) throw std::runtime_error("git " + args.front() + " failed: " + r.err);
  return r;
}

void GitRepoDir::commit(const std::string& message, const std::string& date) const {
  git({"add", "-A"});
  git({"commit", "-q", "-m", message}, date);
}

bool on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return true;
  }
  return false;
}

RunOutput run_command(const std::vector<std::string>& args, const std::string& cwd,
                      const std::vector<std::string>& env) {
  TempDir capture;
  std::string out_path = capture.path() + "/out", err_path = capture.path() + "/err";
  std::vector<std::string> argv_s = args;
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  auto overridden = [&](const std::string& kv) {
    std::string key = kv.substr(0, kv.find('=') + 1);
    for (const auto& e : env)
      if (e.rfind(key, 0) == 0) return true;
    return false;
  };
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("NO_COLOR=", 0) == 0 || overridden(kv)) continue;
    env_s.push_back(kv);
  }
  for (const auto& e : env) env_s.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid;
  RunOutput result;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    throw std::runtime_error("cannot start " + argv_s[0]);
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

const RuleSet& builtin_rules() {
  static const RuleSet rules = [] {
    auto r = load_rules({});
    if (!r) throw std::runtime_error(r.error().to_string());
    return std::move(*r);
  }();
  return rules;
}

std::vector<Finding> check_text(const std::string& rel, const std::string& text, const Config& config,
                                const std::vector<std::pair<std::string, std::string>>& others) {
  auto engine = Engine::create(builtin_rules(), config);
  if (!engine) throw std::runtime_error(engine.error().to_string());
  MemorySource source;
  source.files[rel] = text;
  for (const auto& [p, t] : others) source.files[p] = t;
  Document doc = parse_document(rel, text);
  return (*engine)->check_document(doc, {rel, rel}, source);
}

std::vector<Finding> only(const std::vector<Finding>& findings, const std::string& rule_id) {
  std::vector<Finding> out;
  for (const auto& f : findings)
    if (f.rule_id == rule_id) out.push_back(f);
  return out;
}

std::string to_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const char* const kUserRuleWithoutDocs = R"(id: acme/no-blame
kinds: [postmortem]
severity: warning
message: "Blameful wording: {match}"
check:
  type: phrase
  pattern: '(?i)\bcareless\b'
)";

}  // namespace lessonlint::test
