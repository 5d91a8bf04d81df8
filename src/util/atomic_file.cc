#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

Error file_error(const fs::path& p, const std::string& what) {
  Error e;
  e.file = p.generic_string();
  e.message = what;
  return e;
}

std::string errno_text(int err) { return std::strerror(err); }

// Makes a completed rename or link survive a crash: flush the folder entry.
void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::optional<Error> write_file_atomically(const std::string& path, std::string_view text, AtomicWrite how) {
  return write_file_atomically_with(path, [&](int fd) { return write_all(fd, text); }, how);
}

std::optional<Error> copy_file_atomically(const std::string& from, const std::string& path, bool replace) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return file_error(from, "cannot read the file: " + errno_text(errno));
  AtomicWrite how;
  how.replace = replace;
  struct stat st {};
  if (::fstat(in, &st) == 0) how.perms = static_cast<fs::perms>(st.st_mode & 07777);
  auto copy = [&](int out) {
    char buffer[64 * 1024];
    while (true) {
      ssize_t n = ::read(in, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      if (n == 0) return true;
      if (!write_all(out, std::string_view(buffer, static_cast<std::size_t>(n)))) return false;
    }
  };
  auto e = write_file_atomically_with(path, copy, how);
  ::close(in);
  return e;
}

std::optional<Error> write_file_atomically_with(const std::string& path_text, const std::function<bool(int fd)>& write,
                                                AtomicWrite how) {
  fs::path path(path_text);
  fs::path folder = path.parent_path();
  std::error_code ec;
  if (!folder.empty()) {
    fs::create_directories(folder, ec);
    if (ec) return file_error(folder, "cannot create the folder: " + ec.message());
  }
  if (!how.replace && fs::exists(fs::symlink_status(path, ec)))
    return file_error(path, "already exists; not overwritten");

  // A unique name beside the destination (same file system, so the final step
  // is a rename), hidden, and recognisable should a crash leave it behind.
  std::string pattern = (folder / ("." + path.filename().string() + ".lessonlint-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return file_error(path, "cannot create a temporary file beside it: " + errno_text(errno));
  fs::path tmp(name.data());
  auto abandon = [&](const std::string& why) {
    ::close(fd);
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return file_error(path, why);
  };

  // Permissions: those asked for, else the replaced file's, else the umask default.
  mode_t mode = 0;
  struct stat st {};
  if (how.perms) {
    mode = static_cast<mode_t>(*how.perms);
  } else if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) return abandon("cannot set the permissions: " + errno_text(errno));

  if (!write(fd)) return abandon("cannot write the file: " + errno_text(errno));
  if (::fsync(fd) != 0) return abandon("cannot flush the file to disk: " + errno_text(errno));
  if (::close(fd) != 0) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return file_error(path, "cannot write the file: " + errno_text(errno));
  }

  if (how.replace) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      std::error_code ignore;
      fs::remove(tmp, ignore);
      return file_error(path, "cannot replace the file: " + errno_text(err));
    }
    sync_folder(folder);
    return std::nullopt;
  }
  // A hard link fails when the name is taken, so an existing file is never replaced.
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::error_code ignore;
    if (err == EEXIST) {
      fs::remove(tmp, ignore);
      return file_error(path, "already exists; not overwritten");
    }
    // File systems without hard links: check, then rename.
    if (fs::exists(fs::symlink_status(path, ignore))) {
      fs::remove(tmp, ignore);
      return file_error(path, "already exists; not overwritten");
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      err = errno;
      fs::remove(tmp, ignore);
      return file_error(path, "cannot create the file: " + errno_text(err));
    }
    sync_folder(folder);
    return std::nullopt;
  }
  fs::remove(tmp, ec);
  sync_folder(folder);
  return std::nullopt;
}

}  // namespace lessonlint
