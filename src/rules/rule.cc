#include "rules/rule.h"

#include <algorithm>

namespace lessonlint {

bool Rule::applies_to(const std::string& kind) const {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string expand_message(const std::string& templ, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(templ.size());
  const std::string_view t(templ);
  std::size_t copied = 0;  // t[copied, i) is still to be copied
  for (std::size_t i = t.find('{'); i != std::string_view::npos; i = t.find('{', i + 1)) {
    std::size_t close = t.find('}', i);
    if (close == std::string_view::npos) break;
    std::string_view name = t.substr(i + 1, close - i - 1);
    // A handful of variables: a look at each costs less than making a key.
    auto var = std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.first == name; });
    if (var == vars.end()) continue;
    out.append(t.substr(copied, i - copied));
    out += var->second;
    copied = close + 1;
    i = close;
  }
  out.append(t.substr(copied));
  return out;
}

}  // namespace lessonlint
