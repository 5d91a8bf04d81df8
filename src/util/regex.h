#pragma once
// A regular expression compiled with RE2 when it is first used. Compiling a
// rule's or a kind's patterns costs more than checking a file or two (about
// 3 ms for the kinds alone), and a run uses only those of the kinds of
// documents it meets: the built-in patterns are compiled lazily, and a
// user's eagerly, so that a bad one is reported with its file and line.

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>

namespace lessonlint {

class Regex {
 public:
  Regex() = default;
  // `now`: compile at once (ok() and error() then tell whether it is valid).
  Regex(std::string pattern, const RE2::Options& options, bool now);

  explicit operator bool() const { return m_state != nullptr; }
  // The compiled pattern (compiled on the first call, by whichever thread comes first); null when empty.
  const RE2* get() const;
  const RE2& operator*() const { return *get(); }
  const RE2* operator->() const { return get(); }
  // The source text, without compiling.
  const std::string& pattern() const;
  bool compiled() const;  // for tests, once no other thread uses it

 private:
  struct State {
    std::string pattern;
    RE2::Options options;
    std::once_flag once;
    std::unique_ptr<const RE2> re;
  };
  std::shared_ptr<State> m_state;  // copies share one compile
};

}  // namespace lessonlint
