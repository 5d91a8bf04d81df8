#include "source/source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace lessonlint {

namespace fs = std::filesystem;

Expected<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e;
    e.file = path;
    e.message = std::string("cannot read file: ") + std::strerror(errno);
    return e;
  }
  std::string data;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(data.data(), size);
  }
  if (in.bad()) {
    Error e;
    e.file = path;
    e.message = "cannot read file: read error";
    return e;
  }
  return data;
}

Expected<std::string> FileSystemSource::read(const InputFile& file) const { return read_file(file.path); }

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
