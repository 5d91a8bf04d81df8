#include <catch2/catch.hpp>

#include "util/uri.h"

using namespace lessonlint;

TEST_CASE("uri: file URIs and paths, both ways", "[util]") {
  CHECK(path_from_file_uri("file:///home/ana/notes/a%20b.md") == "/home/ana/notes/a b.md");
  CHECK(path_from_file_uri("FILE:///x/%C3%A9.md") == "/x/é.md");
  CHECK(path_from_file_uri("file://localhost/srv/pm.md") == "/srv/pm.md");
  CHECK(path_from_file_uri("file:///srv/pm.md#section") == "/srv/pm.md");
  CHECK(path_from_file_uri("file://otherhost/srv/pm.md").empty());  // not a local path
  CHECK(path_from_file_uri("untitled:Untitled-1").empty());
  CHECK(path_from_file_uri("https://example.com/a.md").empty());
  CHECK(file_uri("/home/ana/a b/é#1.md") == "file:///home/ana/a%20b/%C3%A9%231.md");
  for (const char* p : {"/srv/x.md", "/a b/c%d/é.md", "/~user/(1)+[2].md"})
    CHECK(path_from_file_uri(file_uri(p)) == p);
}
