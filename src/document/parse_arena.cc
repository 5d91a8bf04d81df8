#include "document/parse_arena.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "util/sanitizers.h"

namespace lessonlint {

namespace {

constexpr std::size_t kAlign = alignof(std::max_align_t);
constexpr std::size_t kHeader = kAlign;            // each allocation's size, kept before it (for realloc)
constexpr std::size_t kBlockSize = 256 * 1024;     // most documents' trees fit in one block

std::size_t round_up(std::size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

// Under AddressSanitizer the arena marks what it has not handed out as
// poisoned and leaves a red zone after each allocation, so that the fuzzers
// still catch a read or write past an allocation, as with malloc.
#ifdef LESSONLINT_ASAN
constexpr std::size_t kRedZone = 32;
void poison(const char* p, std::size_t n) { ASAN_POISON_MEMORY_REGION(p, n); }
void unpoison(const char* p, std::size_t n) { ASAN_UNPOISON_MEMORY_REGION(p, n); }
#else
constexpr std::size_t kRedZone = 0;
void poison(const char*, std::size_t) {}
void unpoison(const char*, std::size_t) {}
#endif

[[noreturn]] void out_of_memory() {
  // What cmark's own allocator does: a C callback cannot throw.
  std::fputs("lessonlint: out of memory while parsing Markdown\n", stderr);
  std::abort();
}

struct Block {
  char* data;
  std::size_t size;
};

struct Arena {
  std::vector<Block> blocks;
  std::size_t block = 0;   // the block being filled
  char* cur = nullptr;     // its first free byte
  char* end = nullptr;     // its end
  char* last = nullptr;    // the most recent allocation, which realloc may grow in place

  ~Arena() {
    for (auto& b : blocks) {
      unpoison(b.data, b.size);
      std::free(b.data);
    }
  }

  static std::size_t footprint(std::size_t n) { return kHeader + round_up(n == 0 ? 1 : n) + kRedZone; }

  char* allocate(std::size_t n) {
    if (n > SIZE_MAX / 2) out_of_memory();
    std::size_t need = footprint(n);
    if (need > static_cast<std::size_t>(end - cur)) next_block(need);
    char* at = cur;
    cur += need;
    unpoison(at, kHeader + n);
    std::memcpy(at, &n, sizeof n);
    last = at + kHeader;
    return last;
  }

  // Moves on to a block with room for `need` bytes: the next one kept, or a
  // new one. Out of line: allocate() stays a few instructions.
  [[gnu::noinline, gnu::cold]] void next_block(std::size_t need) {
    std::size_t next = blocks.empty() || cur == nullptr ? 0 : block + 1;
    while (next < blocks.size() && blocks[next].size < need) ++next;
    if (next >= blocks.size()) {
      std::size_t size = need > kBlockSize ? need : kBlockSize;
      char* data = static_cast<char*>(std::malloc(size));
      if (!data) out_of_memory();
      poison(data, size);
      blocks.push_back({data, size});
      next = blocks.size() - 1;
    }
    block = next;
    cur = blocks[block].data;
    end = cur + blocks[block].size;
  }

  static std::size_t size_of(void* p) {
    std::size_t n;
    std::memcpy(&n, static_cast<char*>(p) - kHeader, sizeof n);
    return n;
  }

  void* reallocate(void* p, std::size_t n) {
    if (!p) return allocate(n);
    std::size_t old = size_of(p);
    if (p == last && n <= SIZE_MAX / 2) {
      // The newest allocation grows where it is when its block has room.
      char* start = static_cast<char*>(p) - kHeader;
      std::size_t need = footprint(n);
      if (need <= static_cast<std::size_t>(end - start)) {
        cur = start + need;
        if (n < old) poison(static_cast<char*>(p) + n, old - n);
        unpoison(start, kHeader + n);
        std::memcpy(start, &n, sizeof n);
        return p;
      }
    }
    char* moved = allocate(n);
    std::memcpy(moved, p, old < n ? old : n);
    poison(static_cast<char*>(p), old);  // a use of the old address is a use after free
    return moved;
  }

  // Where the arena is: the block being filled and its first free byte (null before the first block).
  std::pair<std::size_t, char*> mark() const { return {block, cur}; }

  // Back to a mark: everything allocated since is released. Blocks past the
  // mark's (past the first, at least) are returned to the system, so that one
  // huge document does not keep its memory for the rest of the run.
  void rewind(std::pair<std::size_t, char*> to) {
    last = nullptr;
    std::size_t keep = to.first + 1;
    while (blocks.size() > keep) {
      unpoison(blocks.back().data, blocks.back().size);
      std::free(blocks.back().data);
      blocks.pop_back();
    }
    block = to.first;
    cur = to.second;
    end = cur == nullptr ? nullptr : blocks[block].data + blocks[block].size;
    if (cur) poison(cur, static_cast<std::size_t>(end - cur));
    else if (!blocks.empty()) poison(blocks[0].data, blocks[0].size);
  }
};

thread_local Arena t_arena;

void* arena_calloc(std::size_t count, std::size_t size) {
  std::size_t n;  // no division: cmark allocates half a million times per thousand documents
  if (__builtin_mul_overflow(count, size, &n)) out_of_memory();
  char* p = t_arena.allocate(n);
  std::memset(p, 0, n);
  return p;
}
void* arena_realloc(void* p, std::size_t n) { return t_arena.reallocate(p, n); }
#ifdef LESSONLINT_ASAN
void arena_free(void* p) {  // released with the scope; until then, a use after free is reported
  if (p) poison(static_cast<char*>(p), Arena::size_of(p));
}
#else
void arena_free(void*) {}  // released with the scope
#endif

cmark_mem g_mem = {arena_calloc, arena_realloc, arena_free};

}  // namespace

ParseArena::ParseArena() : m_mark(t_arena.mark()) {}

ParseArena::~ParseArena() { t_arena.rewind(m_mark); }

cmark_mem* ParseArena::allocator() { return &g_mem; }

std::size_t ParseArena::reserved_bytes() {
  std::size_t n = 0;
  for (const auto& b : t_arena.blocks) n += b.size;
  return n;
}

}  // namespace lessonlint
