#pragma once
// Where sentences begin and end in prose: the one splitter that the passage
// and phrase checks and `extract` share.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lessonlint {

// Byte ranges [begin, end) of the sentences of a paragraph's text, white
// space around each left out. A sentence ends after . ! or ? followed by
// white space and a capital letter, a digit, a quote, an opening parenthesis,
// emphasis or a link (so "e.g. this", "v1.2" and "Mr. Smith" do not end one).
std::vector<std::pair<std::size_t, std::size_t>> sentence_ranges(std::string_view text);

// The same sentences as text, white space collapsed.
std::vector<std::string> sentences(std::string_view paragraph);

// The sentence around [begin, end) within region, as the phrase check's
// qualifiers see it: it ends at . ! ? or ; followed by white space, or at a
// blank line.
std::string_view sentence_around(std::string_view region, std::size_t begin, std::size_t end);

}  // namespace lessonlint
