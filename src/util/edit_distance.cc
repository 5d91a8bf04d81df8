#include "util/edit_distance.h"

#include <algorithm>
#include <fmt/format.h>

#include "util/text.h"

namespace lessonlint {

int edit_distance(std::string_view a_in, std::string_view b_in) {
  std::string a = to_lower_ascii(a_in), b = to_lower_ascii(b_in);
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  int limit = std::max(2, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_d = limit + 1;
  for (const auto& c : candidates) {
    int d = edit_distance(word, c);
    // A candidate that merely contains the word (or the reverse) is a good hint too.
    if (d > limit && word.size() >= 4) {
      std::string lw = to_lower_ascii(word), lc = to_lower_ascii(c);
      if (lc.find(lw) != std::string::npos || lw.find(lc) != std::string::npos) d = limit;
    }
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string m = closest_match(word, candidates);
  return m.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", m);
}

}  // namespace lessonlint
