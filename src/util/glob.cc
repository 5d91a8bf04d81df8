#include "util/glob.h"

#include <string>

namespace lessonlint {

namespace {

bool match_class(std::string_view& p, char c) {
  // p starts just after '['.
  bool negate = !p.empty() && (p[0] == '!' || p[0] == '^');
  if (negate) p.remove_prefix(1);
  bool matched = false;
  bool first = true;
  while (!p.empty() && (first || p[0] != ']')) {
    first = false;
    char lo = p[0];
    p.remove_prefix(1);
    char hi = lo;
    if (p.size() >= 2 && p[0] == '-' && p[1] != ']') {
      hi = p[1];
      p.remove_prefix(2);
    }
    if (c >= lo && c <= hi) matched = true;
  }
  if (!p.empty()) p.remove_prefix(1);  // ']'
  return matched != negate;
}

bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest[0] == '/') {
        // "**/" matches zero or more whole segments.
        rest.remove_prefix(1);
        if (match(rest, s)) return true;
        for (std::size_t i = 0; i < s.size(); ++i)
          if (s[i] == '/' && match(rest, s.substr(i + 1))) return true;
        return false;
      }
      for (std::size_t i = 0; i <= s.size(); ++i)
        if (match(rest, s.substr(i))) return true;
      return false;
    }
    char pc = p[0];
    if (pc == '*') {
      std::string_view rest = p.substr(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (pc == '?') {
      if (s[0] == '/') return false;
    } else if (pc == '[') {
      std::string_view q = p.substr(1);
      if (s[0] == '/' || !match_class(q, s[0])) return false;
      p = q;
      s.remove_prefix(1);
      continue;
    } else if (pc == '\\' && p.size() > 1) {
      p.remove_prefix(1);
      if (p[0] != s[0]) return false;
    } else if (pc != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  if (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (!pattern.empty() && pattern[0] == '/') pattern.remove_prefix(1);
  std::string pat(pattern);
  bool folder = !pat.empty() && pat.back() == '/';
  if (folder) pat.pop_back();
  if (pat.find('/') == std::string::npos) pat = "**/" + pat;
  if (folder) pat += "/**";
  return match(pat, path);
}

}  // namespace lessonlint
