#include "util/expected.h"

#include <fmt/format.h>

namespace lessonlint {

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += fmt::format(":{}", line);
      if (column > 0) out += fmt::format(":{}", column);
    }
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace lessonlint
