// libFuzzer target: the language server's message reader (and its
// positions) on an arbitrary byte stream. The work is in fuzz_targets.h,
// shared with tests/fuzz/regressions_test.cc.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lessonlint::fuzz::run_jsonrpc(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
