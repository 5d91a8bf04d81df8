// The bump allocator cmark parses into: contents survive realloc, scopes
// release what they allocated, and a huge document's memory is returned.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "document/document.h"
#include "document/parse_arena.h"

using namespace lessonlint;

TEST_CASE("parse arena: calloc zeroes, realloc keeps the contents, scopes release", "[document]") {
  cmark_mem* mem = ParseArena::allocator();
  {
    ParseArena outer;
    auto* a = static_cast<unsigned char*>(mem->calloc(10, 7));
    for (int i = 0; i < 70; ++i) REQUIRE(a[i] == 0);
    std::memset(a, 'x', 70);
    auto* b = static_cast<char*>(mem->calloc(1, 3));
    std::memcpy(b, "abc", 3);
    // Grown in place (the newest allocation) and moved (an older one): both keep their bytes.
    b = static_cast<char*>(mem->realloc(b, 100000));
    CHECK(std::string(b, 3) == "abc");
    a = static_cast<unsigned char*>(mem->realloc(a, 200));
    CHECK(std::string(reinterpret_cast<char*>(a), 70) == std::string(70, 'x'));
    CHECK(mem->realloc(nullptr, 16) != nullptr);
    mem->free(a);  // released with the scope, not one by one
    std::size_t base = ParseArena::reserved_bytes();
    {
      ParseArena inner;
      void* big = mem->calloc(1, 8 * 1024 * 1024);  // more than a block
      CHECK(big != nullptr);
      CHECK(ParseArena::reserved_bytes() >= base + 8 * 1024 * 1024);
    }
    CHECK(ParseArena::reserved_bytes() == base);  // the inner scope's big block is gone
    CHECK(std::string(b, 3) == "abc");            // the outer scope's memory is untouched
  }
}

TEST_CASE("parse arena: documents parsed one after another do not grow it", "[document]") {
  std::string big = "# Postmortem: x\n\n";
  for (int i = 0; i < 20000; ++i) big += "- item " + std::to_string(i) + " with **bold** and `code`\n";
  Document first = parse_document("a.md", big);
  CHECK(first.items.size() == 20000);
  std::size_t after_big = ParseArena::reserved_bytes();
  for (int i = 0; i < 50; ++i) {
    Document d = parse_document("b.md", "# Learning review: y\n\n## What we used to believe\nx\n");
    REQUIRE(d.sections.size() == 3);
  }
  CHECK(ParseArena::reserved_bytes() <= after_big);
  CHECK(ParseArena::reserved_bytes() <= 256 * 1024);  // one block kept between documents
}
