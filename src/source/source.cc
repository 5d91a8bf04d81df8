#include "source/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lessonlint {

namespace fs = std::filesystem;

Expected<std::string> read_file(const std::string& path, FollowLinks follow) {
  auto failure = [&](int err) {
    Error e;
    e.file = path;
    e.message = std::string("cannot read file: ") + std::strerror(err);
    return e;
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (follow == FollowLinks::No ? O_NOFOLLOW : 0));
  if (fd < 0) return failure(errno);
  struct stat st {};
  std::string data;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  char more[4096];  // past the expected size: the file grew, or has no size (a pipe)
  while (true) {
    // A regular file read to the size fstat gave is whole as of that call:
    // the read that would confirm the end costs a system call per document.
    if (got > 0 && got == data.size() && S_ISREG(st.st_mode)) break;
    bool full = got == data.size();
    ssize_t n = full ? ::read(fd, more, sizeof more) : ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return failure(err);
    }
    if (n == 0) break;
    if (full) data.append(more, static_cast<std::size_t>(n));
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  return data;
}

// Without following a final link: a link fails (ELOOP), and only then does the
// engine ask is_link, so the common case costs no lstat per document.
Expected<std::string> FileSystemSource::read(const InputFile& file) const {
  return read_file(file.path, FollowLinks::No);
}

bool FileSystemSource::is_link(const InputFile& file) const {
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(file.path, ec));
}

bool FileSystemSource::exists(const std::string& rel) const {
  std::error_code ec;
  return fs::exists(fs::path(m_root) / rel, ec);
}

Expected<std::string> FileSystemSource::read_rel(const std::string& rel) const {
  return read_file((fs::path(m_root) / rel).string());
}

Expected<std::string> MemorySource::read_rel(const std::string& rel) const {
  auto it = files.find(rel);
  if (it == files.end()) {
    Error e;
    e.file = rel;
    e.message = "no such file";
    return e;
  }
  return it->second;
}

}  // namespace lessonlint
