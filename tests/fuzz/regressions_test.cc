// Every input saved under tests/fixtures/fuzz-regressions/<target>/ runs
// through the same code as its fuzz target (fuzz/fuzz_targets.h), so a crash
// the fuzzer once found stays fixed. Each input runs in a child process: a
// crash, a sanitizer report, an uncaught exception, a leak (under ASan), more
// than 10 s or more than 1 GiB of memory fails the test case naming the file,
// instead of ending or stalling the whole test run.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../../fuzz/fuzz_targets.h"
#include "test_support.h"

#include "util/sanitizers.h"

namespace fs = std::filesystem;

namespace {

using EntryPoint = std::function<void(std::string_view)>;

// Inputs that still fail, left out of their target's main test case. Each
// gets a test case of its own tagged [!mayfail] at the end of this file, as in
//   TEST_CASE("fuzz regression: <what>", "[fuzz-regression][!mayfail]") {
//     replay_one("document/crash-<what>", lessonlint::fuzz::run_document);
//   }
// Remove both once src/ is fixed. None today: the three inputs found so far
// were fixed by commit c156056.
const std::set<std::string> k_unfixed = {};

fs::path regressions_dir() { return fs::path(lessonlint::test::source_dir()) / "tests/fixtures/fuzz-regressions"; }

// The saved inputs of one target (README files aside), sorted.
std::vector<fs::path> inputs(const std::string& target) {
  std::vector<fs::path> out;
  fs::path dir = regressions_dir() / target;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    if (e.path().filename().string().rfind("README", 0) == 0) continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr unsigned k_seconds = 10;
constexpr long k_max_rss_kib = 1024 * 1024;
constexpr int k_exit_leak = 23, k_exit_memory = 24;

// In the child: ends it when its resident memory passes the limit (a fuzzer
// reports that as out-of-memory; here it would take the machine down first).
void watch_memory() {
  std::thread([] {
    const long page_kib = sysconf(_SC_PAGESIZE) / 1024;
    for (;;) {
      std::ifstream statm("/proc/self/statm");
      long size = 0, resident = 0;
      if (statm >> size >> resident && resident * page_kib > k_max_rss_kib) {
        std::fprintf(stderr, "fuzz regression: more than %ld MiB resident, stopped\n", k_max_rss_kib / 1024);
        _exit(k_exit_memory);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }).detach();
}

std::string rel(const fs::path& p) { return p.lexically_relative(regressions_dir()).generic_string(); }

// Runs the entry point on the file's bytes in a child; "" when it returned,
// else how the child ended.
std::string replay(const fs::path& file, const EntryPoint& run) {
  std::string bytes = lessonlint::test::read_text(file.string());
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    alarm(k_seconds);
    watch_memory();
    run(bytes);
#ifdef LESSONLINT_ASAN
    if (__lsan_do_recoverable_leak_check()) _exit(k_exit_leak);  // only reports when leak detection is on
#endif
    _exit(0);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return "waitpid failed";
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 0) return "";
    int code = WEXITSTATUS(status);
    return "exit status " + std::to_string(code) + (code == k_exit_leak ? " (leaks)" : "") +
           (code == k_exit_memory ? " (over 1 GiB of memory)" : "");
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    std::string why = sig == SIGALRM ? "over " + std::to_string(k_seconds) + " s" : strsignal(sig);
    return "signal " + std::to_string(sig) + " (" + why + "); the child's stderr above has the details";
  }
  return "ended oddly";
}

void replay_all(const std::string& target, const EntryPoint& run) {
  for (const auto& file : inputs(target)) {
    if (k_unfixed.count(rel(file))) continue;
    INFO("input: tests/fixtures/fuzz-regressions/" << rel(file));
    CHECK(replay(file, run) == "");
  }
}

[[maybe_unused]] void replay_one(const std::string& input, const EntryPoint& run) {
  fs::path file = regressions_dir() / input;
  INFO("input: tests/fixtures/fuzz-regressions/" << input);
  REQUIRE(fs::is_regular_file(file));
  CHECK(replay(file, run) == "");
}

}  // namespace

TEST_CASE("fuzz regressions: parse_document and the built-in rules", "[fuzz-regression]") {
  replay_all("document", lessonlint::fuzz::run_document);
}

TEST_CASE("fuzz regressions: parse_rule", "[fuzz-regression]") {
  replay_all("rule_loader", lessonlint::fuzz::run_rule_loader);
}

TEST_CASE("fuzz regressions: parse_config and Engine::create", "[fuzz-regression]") {
  replay_all("config", lessonlint::fuzz::run_config);
}

TEST_CASE("fuzz regressions: find_suppressions", "[fuzz-regression]") {
  replay_all("suppressions", lessonlint::fuzz::run_suppressions);
}

TEST_CASE("fuzz regressions: the language server's message reader", "[fuzz-regression]") {
  replay_all("jsonrpc", lessonlint::fuzz::run_jsonrpc);
}

TEST_CASE("fuzz regressions: every input belongs to a target", "[fuzz-regression]") {
  const std::set<std::string> targets = {"document", "rule_loader", "config", "suppressions", "jsonrpc"};
  std::error_code ec;
  if (!fs::is_directory(regressions_dir(), ec)) return;
  for (const auto& e : fs::directory_iterator(regressions_dir())) {
    if (!e.is_directory()) continue;
    INFO("folder: " << e.path().filename().string());
    CHECK(targets.count(e.path().filename().string()) == 1);
  }
  for (const auto& u : k_unfixed) {
    INFO("unfixed input: " << u);
    CHECK(fs::is_regular_file(regressions_dir() / u));
  }
}
