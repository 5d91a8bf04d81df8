#pragma once
// "Did you mean …?" for unknown rule ids, team names and channels.

#include <string>
#include <string_view>
#include <vector>

namespace lessonlint {

// Levenshtein distance, case-insensitive for ASCII.
int edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that grows with the word's length,
// or an empty string when nothing is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace lessonlint
