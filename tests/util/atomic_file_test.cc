// Writes into a user's repository: whole or not at all, even when the process
// dies in the middle.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>

#include "test_support.h"
#include "util/atomic_file.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

int temporaries(const std::string& folder) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().filename().string().find(".lessonlint-") != std::string::npos) ++n;
  return n;
}

fs::perms perms_of(const std::string& path) { return fs::status(path).permissions() & fs::perms::mask; }

// Runs the write in a child process that dies (with `how`) after writing half
// of the new text; returns the child's wait status.
int die_halfway(const std::string& path, const std::string& text, bool replace, bool sigkill) {
  pid_t pid = ::fork();
  if (pid == 0) {
    write_file_atomically_with(
        path,
        [&](int fd) {
          write_all(fd, std::string_view(text).substr(0, text.size() / 2));
          if (sigkill) ::raise(SIGKILL);
          ::_exit(9);
          return true;
        },
        replace ? AtomicWrite::replacing() : AtomicWrite{});
    ::_exit(0);  // not reached: the writer never returns
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("atomic write: a new file, then replacing it", "[util][atomic]") {
  TempDir dir;
  std::string path = dir.path() + "/sub/folder/file.md";
  REQUIRE_FALSE(write_file_atomically(path, "one\n", {}));
  CHECK(read_text(path) == "one\n");
  auto e = write_file_atomically(path, "two\n", {});
  REQUIRE(e);
  CHECK(e->file == path);
  CHECK_THAT(e->message, Catch::Contains("already exists"));
  CHECK(read_text(path) == "one\n");
  REQUIRE_FALSE(write_file_atomically(path, "three\n", AtomicWrite::replacing()));
  CHECK(read_text(path) == "three\n");
  CHECK(temporaries(dir.path() + "/sub/folder") == 0);
}

TEST_CASE("atomic write: replacing keeps the file's permissions unless told otherwise", "[util][atomic]") {
  TempDir dir;
  std::string path = dir.write("hook", "#!/bin/sh\n");
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  REQUIRE_FALSE(write_file_atomically(path, "#!/bin/sh\necho new\n", AtomicWrite::replacing()));
  CHECK(perms_of(path) == (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec));
  REQUIRE_FALSE(write_file_atomically(path, "x\n", AtomicWrite::replacing(fs::perms::owner_read | fs::perms::owner_write)));
  CHECK(perms_of(path) == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("atomic write: a failed write leaves the original byte for byte and no temporary file", "[util][atomic]") {
  TempDir dir;
  const std::string original = "# Postmortem\r\n\xEF\xBB\xBF" "bytes \x01\x02 kept\n";
  std::string path = dir.write("doc.md", original);
  auto e = write_file_atomically_with(
      path,
      [](int fd) {
        write_all(fd, "half of the new te");
        return false;  // as a full disk would
      },
      AtomicWrite::replacing());
  REQUIRE(e);
  CHECK(e->file == path);
  CHECK_THAT(e->message, Catch::Contains("cannot write"));
  CHECK(read_text(path) == original);
  CHECK(temporaries(dir.path()) == 0);
}

TEST_CASE("atomic write: a process killed in the middle of the write leaves the original intact", "[util][atomic]") {
  for (bool sigkill : {false, true}) {
    INFO((sigkill ? "SIGKILL" : "_exit") << " halfway through the write");
    TempDir dir;
    const std::string original = "# Original postmortem\n\nEvery byte of it.\n";
    std::string path = dir.write("doc.md", original);
    std::string replacement(64 * 1024, 'x');

    int status = die_halfway(path, replacement, true, sigkill);
    if (sigkill) CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    else CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 9));
    CHECK(read_text(path) == original);
    // The half-written temporary file is all a crash leaves, under a hidden name.
    CHECK(temporaries(dir.path()) == 1);

    // A new file interrupted the same way does not appear at all.
    std::string fresh = dir.path() + "/new.md";
    die_halfway(fresh, replacement, false, sigkill);
    CHECK_FALSE(fs::exists(fresh));

    // The leftover does not get in the way of the next write.
    REQUIRE_FALSE(write_file_atomically(path, "new\n", AtomicWrite::replacing()));
    CHECK(read_text(path) == "new\n");
  }
}

TEST_CASE("atomic copy: byte for byte, with the source's permissions, never over a file unless asked",
          "[util][atomic]") {
  TempDir dir;
  const std::string bytes = std::string("#!/bin/sh\n\0binary\xff tail\n", 24) + std::string(200 * 1024, 'z');
  std::string from = dir.write("hook", bytes);
  fs::permissions(from, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  std::string to = dir.path() + "/hook.copy";
  REQUIRE_FALSE(copy_file_atomically(from, to, false));
  CHECK(read_text(to) == bytes);
  CHECK(perms_of(to) == (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec));

  dir.write("other", "keep me\n");
  auto e = copy_file_atomically(from, dir.path() + "/other", false);
  REQUIRE(e);
  CHECK_THAT(e->message, Catch::Contains("already exists"));
  CHECK(read_text(dir.path() + "/other") == "keep me\n");
  REQUIRE_FALSE(copy_file_atomically(from, dir.path() + "/other", true));
  CHECK(read_text(dir.path() + "/other") == bytes);

  auto missing = copy_file_atomically(dir.path() + "/absent", dir.path() + "/x", true);
  REQUIRE(missing);
  CHECK(missing->file == dir.path() + "/absent");
  CHECK_FALSE(fs::exists(dir.path() + "/x"));
  CHECK(temporaries(dir.path()) == 0);
}
