#pragma once
// Work started early so that it overlaps what comes next: in practice, a git
// subprocess that answers while the rules load. The thread mostly waits.

#include <future>
#include <system_error>
#include <type_traits>
#include <utility>

namespace lessonlint {

// Runs `f` on a thread of its own; when no thread can be had, `f` runs when
// its result is first wanted. The future's destructor waits for the thread.
template <class F>
std::future<std::invoke_result_t<F>> in_background(F f) {
  try {
    return std::async(std::launch::async, f);
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, std::move(f));
  }
}

}  // namespace lessonlint
