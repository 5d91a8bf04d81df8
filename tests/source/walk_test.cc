// The folder walk: which files, in which order, under which names.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "source/git_cli.h"
#include "source/walk.h"
#include "test_support.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {
std::vector<std::string> shown(const Expected<std::vector<InputFile>>& files) {
  REQUIRE(files);
  std::vector<std::string> out;
  for (const auto& f : *files) out.push_back(f.path);
  return out;
}
}  // namespace

TEST_CASE("walk: files sorted component by component, named as the argument was written", "[source]") {
  TempDir dir;
  for (const char* rel : {"a.md", "a/b.md", "a-b/x.md", "a/c/d.MD", "a/notes.txt", ".hidden/x.md", "a/.draft.md",
                          "node_modules/m.md", "z.markdown"})
    dir.write(rel, "# x\n");
  WalkOptions o;
  o.root = dir.path();
  const std::string& d = dir.path();
  // "a" sorts before "a-b" and "a.md" as a folder name ('/' would sort after '-' and '.').
  std::vector<std::string> expected = {d + "/a/b.md", d + "/a/c/d.MD", d + "/a-b/x.md", d + "/a.md", d + "/z.markdown"};
  CHECK(shown(collect_files({d}, o)) == expected);
  CHECK(shown(collect_files({d + "/"}, o)) == expected);
  CHECK(shown(collect_files({d + "/./a/../"}, o)) == expected);
  CHECK(shown(collect_files({d + "/a"}, o)) == std::vector<std::string>{d + "/a/b.md", d + "/a/c/d.MD"});
  // Root-relative paths, and a file named twice is listed once.
  auto files = collect_files({d + "/a", d + "/a/b.md", d}, o);
  REQUIRE(files);
  std::vector<std::string> rels;
  for (const auto& f : *files) rels.push_back(f.rel);
  CHECK(rels == std::vector<std::string>{"a/b.md", "a/c/d.MD", "a-b/x.md", "a.md", "z.markdown"});
}

TEST_CASE("walk: git's ignore list asked in the background is the one asked in place", "[source][git]") {
  GitRepoDir repo;
  repo.write(".gitignore", "drafts/\n*.tmp.md\n");
  for (const char* rel : {"a.md", "drafts/x.md", "b.tmp.md", "sub/c.md", "sub/drafts/y.md"}) repo.write(rel, "# x\n");
  auto rels = [](const Expected<std::vector<InputFile>>& files) {
    REQUIRE(files);
    std::vector<std::string> out;
    for (const auto& f : *files) out.push_back(f.rel);
    return out;
  };
  const std::vector<std::string> expected = {"a.md", "sub/c.md"};
  for (bool list_ignored : {true, false}) {
    CAPTURE(list_ignored);
    WorkTreeQuery query(repo.path(), list_ignored);
    auto top = query.toplevel();
    REQUIRE(top);
    WalkOptions o;
    o.root = *top;
    o.workdir = *top;
    o.git = &query;
    CHECK(rels(collect_files({*top}, o)) == expected);
    CHECK(rels(collect_files({*top}, o)) == expected);  // the background answer is used once, then git is asked again
    o.git = nullptr;
    CHECK(rels(collect_files({*top}, o)) == expected);
  }
}

TEST_CASE("walk: outside a repository the background query says so and nothing is ignored", "[source][git]") {
  TempDir dir;
  dir.write("a.md", "# x\n");
  WorkTreeQuery query(dir.path(), true);
  CHECK_FALSE(query.toplevel());
  WalkOptions o;
  o.root = dir.path();
  o.git = &query;
  auto files = collect_files({dir.path()}, o);
  REQUIRE(files);
  CHECK(files->size() == 1);
}
