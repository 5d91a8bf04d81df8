#pragma once
// Where bytes come from. Every origin (folder walk, git worktree, git index,
// a diff range) hands the engine InputFiles and reads them through a Source,
// so the engine runs the same on disk, on staged blobs or in memory.

#include <map>
#include <string>

#include "util/expected.h"

namespace lessonlint {

struct InputFile {
  std::string path;  // to show the user (and to open, for the file system): relative to the working directory
  std::string rel;   // relative to the root (repository or working directory), forward slashes
};

class Source {
 public:
  virtual ~Source() = default;
  virtual Expected<std::string> read(const InputFile& file) const = 0;
  // Whether a root-relative path exists in this source (for link checks).
  virtual bool exists(const std::string& rel) const = 0;
  virtual Expected<std::string> read_rel(const std::string& rel) const = 0;
  // A symbolic link, which lessonlint never follows (it may point outside the repository).
  // The engine asks only after read() fails, so read() must fail on a link.
  virtual bool is_link(const InputFile&) const { return false; }
};

// Reads from disk; `root` is the absolute root folder that `rel` paths are under.
class FileSystemSource final : public Source {
 public:
  explicit FileSystemSource(std::string root) : m_root(std::move(root)) {}
  Expected<std::string> read(const InputFile& file) const override;
  bool exists(const std::string& rel) const override;
  Expected<std::string> read_rel(const std::string& rel) const override;
  bool is_link(const InputFile& file) const override;
  const std::string& root() const { return m_root; }

 private:
  std::string m_root;
};

// Documents held in memory, keyed by root-relative path (tests, --stdin).
class MemorySource final : public Source {
 public:
  std::map<std::string, std::string> files;
  Expected<std::string> read(const InputFile& file) const override { return read_rel(file.rel); }
  bool exists(const std::string& rel) const override { return files.count(rel) > 0; }
  Expected<std::string> read_rel(const std::string& rel) const override;
};

enum class FollowLinks { Yes, No };

// Reads a whole file; errors name the file and the system's reason. With
// FollowLinks::No, a path whose last component is a symbolic link fails.
Expected<std::string> read_file(const std::string& path, FollowLinks follow = FollowLinks::Yes);

}  // namespace lessonlint
