// libFuzzer target: parse_document on arbitrary bytes, then the built-in rules over the document.
// The work is in fuzz_targets.h, shared with tests/fuzz/regressions_test.cc.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lessonlint::fuzz::run_document(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
