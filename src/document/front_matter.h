#pragma once
// YAML front matter: the block between a leading "---" line and the next
// "---" (or "...") line.

#include <string_view>

#include "document/document.h"

namespace lessonlint {

// Finds and parses the front matter at the start of text (BOM already removed).
// lines are the text's line starts. A malformed block sets FrontMatter::error
// with its 1-based line and column; present stays true so the body still
// skips it.
FrontMatter parse_front_matter(std::string_view text, const std::vector<std::size_t>& lines);

}  // namespace lessonlint
