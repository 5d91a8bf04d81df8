#pragma once
// The only way lessonlint writes into a user's repository (init, extract,
// install-hook, audit --output): a temporary file in the same folder, written
// and flushed to disk, then moved into place in one step. Whenever the process
// stops, the destination holds either its old bytes or the new ones.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/expected.h"

namespace lessonlint {

struct AtomicWrite {
  // false: fail (naming the file) when the destination exists, decided
  // atomically by the file system (a hard link), never by a check-then-write.
  bool replace = false;
  // Permissions of the new file; unset: those of the file replaced, or the
  // default for a new file.
  std::optional<std::filesystem::perms> perms;

  static AtomicWrite replacing(std::optional<std::filesystem::perms> perms = std::nullopt) {
    AtomicWrite how;
    how.replace = true;
    how.perms = perms;
    return how;
  }
};

// Writes `text` to `path`, creating missing folders.
std::optional<Error> write_file_atomically(const std::string& path, std::string_view text, AtomicWrite how);

// The same with the bytes produced by `write`, which gets the temporary file's
// descriptor and returns false to abandon the write (the destination is then
// untouched and the temporary file removed).
std::optional<Error> write_file_atomically_with(const std::string& path, const std::function<bool(int fd)>& write,
                                                AtomicWrite how);

// Copies `from` to `path` byte for byte, with `from`'s permissions, the same
// way (`replace` as in AtomicWrite).
std::optional<Error> copy_file_atomically(const std::string& from, const std::string& path, bool replace);

// Writes all of `bytes` to a descriptor, retrying short writes and EINTR.
bool write_all(int fd, std::string_view bytes);

}  // namespace lessonlint
