#pragma once
// The memory cmark builds a parse tree in. A tree lives only while
// parse_document turns it into a Document, and cmark allocates and frees
// every node, text buffer and parser state one by one: a per-thread bump
// allocator makes each allocation a few instructions and the whole tree's
// release one rewind, instead of a malloc and a free per node.

#include <cmark.h>

#include <cstddef>
#include <utility>

namespace lessonlint {

// While a ParseArena is alive, allocator() hands out memory that lives until
// the ParseArena ends, when all of it is released at once. Scopes nest; each
// belongs to the thread that made it. What is allocated or reallocated inside
// a scope ends with it, so an inner scope must not realloc an outer scope's
// memory (parse_document's scope holds one whole parse, and nothing else).
class ParseArena {
 public:
  ParseArena();
  ~ParseArena();
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  // cmark's allocator for this thread's arena (for cmark_parser_new_with_mem).
  static cmark_mem* allocator();
  // Bytes the calling thread's arena holds from the system (for tests).
  static std::size_t reserved_bytes();

 private:
  std::pair<std::size_t, char*> m_mark;  // where the arena was when this scope began
};

}  // namespace lessonlint
