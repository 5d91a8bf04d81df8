#include "util/build_info.h"

#include <string_view>

#include "util/version.h"

namespace lessonlint {

std::string version_line() {
  std::string line = std::string("lessonlint ") + LESSONLINT_VERSION;
  std::string_view description = build_description(), date = build_commit_date();
  if (description == "unknown" && date == "unknown") return line + " (built outside a git checkout)";
  return line + " (" + std::string(description) + ", " + std::string(date) + ")";
}

}  // namespace lessonlint
