#include "util/regex.h"

namespace lessonlint {

Regex::Regex(std::string pattern, const RE2::Options& options, bool now) : m_state(std::make_shared<State>()) {
  m_state->pattern = std::move(pattern);
  m_state->options = options;
  if (now) get();
}

const RE2* Regex::get() const {
  if (!m_state) return nullptr;
  State& s = *m_state;
  std::call_once(s.once, [&s] { s.re = std::make_unique<const RE2>(s.pattern, s.options); });
  return s.re.get();
}

const std::string& Regex::pattern() const {
  static const std::string empty;
  return m_state ? m_state->pattern : empty;
}

bool Regex::compiled() const { return m_state && m_state->re != nullptr; }

}  // namespace lessonlint
