#include "util/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lessonlint {

namespace {
constexpr bool word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'' ||
         c == '_';
}
struct WordTable {
  bool table[256];
  constexpr WordTable() : table() {
    for (int c = 0; c < 256; ++c) table[c] = word_byte(static_cast<unsigned char>(c));
  }
  constexpr bool operator[](unsigned char c) const { return table[c]; }
};
constexpr WordTable kWordByte;
}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && to_lower_ascii(s.substr(0, prefix.size())) == to_lower_ascii(prefix);
}

namespace {
template <bool kLower>
std::string collapse(std::string_view s) {
  s = trim(s);
  std::string out(s.size(), '\0');
  char* const start = out.data();
  char* o = start;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = true;
      continue;
    }
    if (pending) *o++ = ' ';
    pending = false;
    *o++ = kLower && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out.resize(static_cast<std::size_t>(o - start));
  return out;
}
}  // namespace

std::string collapse_space(std::string_view s) { return collapse<false>(s); }

std::string collapse_space_lower_ascii(std::string_view s) { return collapse<true>(s); }

int utf16_length(std::string_view s) {
  int units = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = utf8_sequence_length(s, i);
    units += (len == 4) ? 2 : 1;
    i += len;
  }
  return units;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // ASCII runs, eight bytes at a time: most documents are almost all ASCII.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c < 0xE0) len = 2;
    else if (c >= 0xE0 && c < 0xF0) len = 3;
    else if (c >= 0xF0 && c <= 0xF4) len = 4;
    else return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;
    } else if (len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return false;
    }
    i += len;
  }
  return true;
}

std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  starts.reserve(text.size() / 32 + 1);
  starts.push_back(0);
  const char* data = text.data();
  const std::size_t n = text.size();
  if (n == 0) return starts;
  if (std::memchr(data, '\r', n) == nullptr) {
    // LF only, the common case: memchr finds each line end.
    for (const char* p = data; (p = static_cast<const char*>(std::memchr(p, '\n', n - static_cast<std::size_t>(p - data))));) {
      ++p;
      if (p == data + n) break;
      starts.push_back(static_cast<std::size_t>(p - data));
    }
    return starts;
  }
  // CommonMark ends a line at LF, CRLF or a lone CR.
  for (std::size_t i = 0; i < n; ++i) {
    bool end = text[i] == '\n' || (text[i] == '\r' && (i + 1 == n || text[i + 1] != '\n'));
    if (end && i + 1 < n) starts.push_back(i + 1);
  }
  return starts;
}

int count_words_scalar(std::string_view text) {
  // A word starts at each word byte that follows a non-word byte.
  int words = 0;
  bool in_word = false;
  for (char ch : text) {
    bool w = kWordByte[static_cast<unsigned char>(ch)];
    words += static_cast<int>(w & !in_word);
    in_word = w;
  }
  return words;
}

int count_words(std::string_view text) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: a bit mask of word bytes, then the bits whose
  // left neighbour (the previous byte, across chunks too) is clear.
  const char* p = text.data();
  std::size_t n = text.size();
  int words = 0;
  unsigned prev = 0;  // whether the byte before the chunk is a word byte
  const __m128i zero = _mm_setzero_si128();
  auto in_range = [](__m128i v, char lo, char span) {  // lo <= v <= lo + span, unsigned
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
  };
  // Bits set in a 16-bit mask, inline (without -mpopcnt, __builtin_popcount is a libgcc call).
  auto bits = [](unsigned x) {
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return static_cast<int>((x + (x >> 8)) & 0x1Fu);
  };
  auto word_mask = [&](__m128i v) {
    __m128i w = _mm_or_si128(_mm_cmplt_epi8(v, zero), in_range(v, '0', 9));      // non-ASCII, digits
    w = _mm_or_si128(w, in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25));  // letters
    w = _mm_or_si128(w, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
    return static_cast<unsigned>(_mm_movemask_epi8(w));
  };
  for (; n >= 16; p += 16, n -= 16) {
    unsigned mask = word_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    words += bits(mask & ~((mask << 1) | prev));
    prev = (mask >> 15) & 1u;
  }
  if (n > 0) {
    // The tail (most text nodes are shorter than 16 bytes) through a zeroed copy:
    // NUL is not a word byte.
    alignas(16) char tail[16] = {};
    std::memcpy(tail, p, n);
    unsigned mask = word_mask(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)));
    words += bits(mask & ~((mask << 1) | prev));
  }
  return words;
#else
  return count_words_scalar(text);
#endif
}

LiteralFinder::LiteralFinder(const std::vector<std::string>& needles) {
  for (const auto& n : needles) {
    if (n.empty()) continue;
    std::string folded = n;
    for (char& c : folded) c = static_cast<char>(c | 0x20);
    Probe probe{folded.front(), folded.back(), folded.size()};
    if (std::none_of(m_probes.begin(), m_probes.end(), [&](const Probe& p) {
          return p.first == probe.first && p.last == probe.last && p.size == probe.size;
        }))
      m_probes.push_back(probe);
    m_needles.push_back(std::move(folded));
    m_longest = std::max(m_longest, n.size());
  }
}

bool LiteralFinder::at(std::string_view text, std::size_t pos) const {
  for (const auto& n : m_needles) {
    if (n.size() > text.size() - pos) continue;
    std::size_t k = 0;
    while (k < n.size() && static_cast<char>(text[pos + k] | 0x20) == n[k]) ++k;
    if (k == n.size()) return true;
  }
  return false;
}

std::size_t LiteralFinder::find_scalar(std::string_view text, std::size_t from) const {
  for (std::size_t i = from; i < text.size(); ++i)
    if (at(text, i)) return i;
  return std::string_view::npos;
}

std::size_t LiteralFinder::find(std::string_view text, std::size_t from) const {
  if (m_needles.empty()) return std::string_view::npos;
  std::size_t i = from;
#if defined(__SSE2__)
  const char* p = text.data();
  const __m128i fold = _mm_set1_epi8(0x20);
  // Blocks whose every needle's last-byte load stays inside the text.
  while (i < text.size() && text.size() - i >= m_longest + 15) {
    __m128i first = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), fold);
    unsigned mask = 0;
    for (const Probe& probe : m_probes) {
      __m128i last = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + probe.size - 1)), fold);
      __m128i both = _mm_and_si128(_mm_cmpeq_epi8(first, _mm_set1_epi8(probe.first)),
                                   _mm_cmpeq_epi8(last, _mm_set1_epi8(probe.last)));
      mask |= static_cast<unsigned>(_mm_movemask_epi8(both));
    }
    for (; mask != 0; mask &= mask - 1) {
      std::size_t pos = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (at(text, pos)) return pos;
    }
    i += 16;
  }
#endif
  return find_scalar(text, i);
}

bool has_markdown_extension(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);  // npos + 1 == 0: the whole path
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string ext = to_lower_ascii(name.substr(dot));
  return ext == ".md" || ext == ".markdown";
}

std::string list_names(const std::vector<std::string>& names, std::string_view conjunction, std::string_view quote) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      if (i + 1 == names.size()) {
        out += ' ';
        out += conjunction;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += quote;
    out += names[i];
    out += quote;
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string> split_terminated(std::string_view s, char terminator) {
  if (!s.empty() && s.back() == terminator) s.remove_suffix(1);
  if (s.empty()) return {};
  return split(s, terminator);
}

std::string trim_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == '\n') ++i;
  return s.substr(i);
}

std::string line_ending_of(std::string_view text) {
  std::size_t nl = text.find_first_of("\r\n");
  if (nl == std::string_view::npos) return "\n";
  return text.substr(nl, 2) == "\r\n" ? "\r\n" : std::string(1, text[nl]);
}

std::string code_fence_for(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

}  // namespace lessonlint
