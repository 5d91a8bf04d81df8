#pragma once
// Front matter: the block between a leading "---" line and the next "---" (or
// "...") line, read as YAML; or between "+++" lines, read as simple TOML.

#include <optional>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace lessonlint {

enum class YamlReader {
  Fast,     // flat `key: value` front matter read directly; anything else goes to yaml-cpp
  YamlCpp,  // always yaml-cpp (the reference the fast reader is tested against)
};

// Finds and parses the front matter at the start of text (BOM already removed).
// lines are the text's line starts. A malformed block sets FrontMatter::error
// with its 1-based line and column; present stays true so the body still
// skips it.
FrontMatter parse_front_matter(std::string_view text, const std::vector<std::size_t>& lines,
                               YamlReader reader = YamlReader::Fast);

// The fast reader on its own: the fields of the YAML between the fences (lines
// 1 .. close-1 of text), or nullopt when the YAML is more than flat `key: value`
// lines, one-line lists and block lists of scalars (then yaml-cpp reads it).
// What it returns is what yaml-cpp would give for the same text.
std::optional<std::vector<FrontMatterField>> read_flat_yaml(std::string_view text,
                                                            const std::vector<std::size_t>& lines,
                                                            std::size_t close);

}  // namespace lessonlint
