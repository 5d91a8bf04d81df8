// floor: the least work any Markdown linter built on cmark must do.
//
//   floor DIR...
//
// Walks each DIR for *.md and *.markdown files (skipping hidden folders and
// node_modules, as lessonlint does), reads each file and parses it with
// cmark_parse_document(CMARK_OPT_DEFAULT), then frees the tree. Single-threaded.
// Prints the number of files, bytes and headings (the heading count keeps the
// parse from being optimised away and is a cheap sanity check).
//
// bench/run.sh compares `lessonlint check --jobs 1` with this program: the
// ratio is how much lessonlint costs on top of reading and parsing.

#include <cmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_markdown(const fs::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".md" || ext == ".markdown";
}

bool read_all(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(out.data(), size);
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    fs::recursive_directory_iterator it(argv[i], fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      std::fprintf(stderr, "%s: %s\n", argv[i], ec.message().c_str());
      return 2;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        if ((name.size() > 1 && name[0] == '.') || name == "node_modules") it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
      if (is_markdown(p)) files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());

  unsigned long long bytes = 0, headings = 0;
  std::size_t parsed = 0;
  std::string buf;
  for (const auto& p : files) {
    if (!read_all(p, buf)) {
      std::fprintf(stderr, "%s: cannot read\n", p.c_str());
      continue;
    }
    bytes += buf.size();
    cmark_node* root = cmark_parse_document(buf.data(), buf.size(), CMARK_OPT_DEFAULT);
    for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n))
      if (cmark_node_get_type(n) == CMARK_NODE_HEADING) ++headings;
    cmark_node_free(root);
    ++parsed;
  }
  std::printf("%zu files, %llu bytes, %llu top-level headings\n", parsed, bytes, headings);
  return 0;
}
