#include "util/glob.h"

#include <string>
#include <vector>

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

// Matching with a memo over (pattern position, path position): runs of `*`
// and `**` would otherwise make backtracking exponential.
class Matcher {
 public:
  Matcher(std::string_view p, std::string_view s)
      : m_p(p), m_s(s), m_memo((p.size() + 1) * (s.size() + 1), -1) {}
  bool run() { return match(0, 0); }

 private:
  bool match(std::size_t pi, std::size_t si) {
    signed char& memo = m_memo[pi * (m_s.size() + 1) + si];
    if (memo >= 0) return memo != 0;
    bool r = compute(pi, si);
    memo = r ? 1 : 0;
    return r;
  }

  bool compute(std::size_t pi, std::size_t si) {
    std::string_view p = m_p.substr(pi), s = m_s.substr(si);
    if (p.empty()) return s.empty();
    if (p.substr(0, 2) == "**") {
      std::size_t rest = pi + 2;
      if (rest < m_p.size() && m_p[rest] == '/') {
        // "**/" matches zero or more whole segments.
        if (match(rest + 1, si)) return true;
        for (std::size_t i = si; i < m_s.size(); ++i)
          if (m_s[i] == '/' && match(rest + 1, i + 1)) return true;
        return false;
      }
      for (std::size_t i = si; i <= m_s.size(); ++i)
        if (match(rest, i)) return true;
      return false;
    }
    char pc = p[0];
    if (pc == '*') {
      for (std::size_t i = si; i <= m_s.size(); ++i) {
        if (match(pi + 1, i)) return true;
        if (i < m_s.size() && m_s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (pc == '?') return s[0] != '/' && match(pi + 1, si + 1);
    if (pc == '[') {
      std::string_view q = p.substr(1);
      if (s[0] == '/' || !match_class(q, s[0])) return false;
      return match(m_p.size() - q.size(), si + 1);
    }
    if (pc == '\\' && p.size() > 1) return p[1] == s[0] && match(pi + 2, si + 1);
    return pc == s[0] && match(pi + 1, si + 1);
  }

  std::string_view m_p, m_s;
  std::vector<signed char> m_memo;
};

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
  return Matcher(pat, path).run();
}

}  // namespace lessonlint
