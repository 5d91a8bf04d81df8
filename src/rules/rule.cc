#include "rules/rule.h"

#include <algorithm>

namespace lessonlint {

bool Rule::applies_to(Kind k) const { return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end(); }

std::string expand_message(const std::string& templ, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(templ.size());
  for (std::size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '{') {
      std::size_t close = templ.find('}', i);
      if (close != std::string::npos) {
        auto it = vars.find(templ.substr(i + 1, close - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += templ[i];
  }
  return out;
}

}  // namespace lessonlint
