#include "server/text_edit.h"

#include <algorithm>

#include "util/text.h"

namespace lessonlint {

namespace {

bool line_end(std::string_view text, std::size_t i) { return text[i] == '\n' || text[i] == '\r'; }

// The offset just past the line ending at i (a line end).
std::size_t past_line_end(std::string_view text, std::size_t i) {
  return text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? i + 2 : i + 1;
}

}  // namespace

std::size_t offset_of(std::string_view text, TextPosition p) {
  std::size_t i = 0;
  for (int line = 0; line < p.line; ++line) {
    while (i < text.size() && !line_end(text, i)) ++i;
    if (i >= text.size()) return text.size();
    i = past_line_end(text, i);
  }
  int units = 0;
  while (i < text.size() && !line_end(text, i) && units < p.character) {
    std::size_t n = utf8_sequence_length(text, i);
    int width = n == 4 ? 2 : 1;
    if (units + width > p.character) break;  // inside a surrogate pair: the character's start
    units += width;
    i += n;
  }
  return i;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition p;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset;) {
    if (line_end(text, i)) {
      std::size_t next = past_line_end(text, i);
      if (next > offset) break;  // inside a \r\n: the end of the line
      ++p.line;
      line_start = i = next;
      continue;
    }
    ++i;
  }
  for (std::size_t i = line_start; i < offset && !line_end(text, i);) {
    std::size_t n = utf8_sequence_length(text, i);
    if (i + n > offset) break;
    p.character += n == 4 ? 2 : 1;
    i += n;
  }
  return p;
}

void apply_edit(std::string& text, TextPosition start, TextPosition end, std::string_view replacement) {
  std::size_t from = offset_of(text, start);
  std::size_t to = std::max(from, offset_of(text, end));
  text.replace(from, to - from, replacement);
}

}  // namespace lessonlint
