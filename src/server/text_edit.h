#pragma once
// Positions as the Language Server Protocol counts them (a line, and UTF-16
// code units within it, as `check` counts columns) and the edits an editor
// sends in them.

#include <cstddef>
#include <string>
#include <string_view>

namespace lessonlint {

struct TextPosition {
  int line = 0;       // 0-based
  int character = 0;  // UTF-16 code units from the line's start
};

// The byte offset of a position in UTF-8 text. Lines end at \n, \r\n or a
// lone \r. A character past the line's end means the end of the line, a line
// past the last means the end of the text (as the protocol asks); a position
// inside a surrogate pair (the middle of a 4-byte character) is its start.
std::size_t offset_of(std::string_view text, TextPosition p);

// The position of a byte offset (clamped to the text).
TextPosition position_of(std::string_view text, std::size_t offset);

// Replaces [start, end) with `replacement`; an end before the start is taken as the start.
void apply_edit(std::string& text, TextPosition start, TextPosition end, std::string_view replacement);

}  // namespace lessonlint
