#pragma once
// lessonlint-* comments in Markdown:
//   <!-- lessonlint-disable [RULE...] [reason="..."] -->
//   <!-- lessonlint-enable [RULE...] -->
//   <!-- lessonlint-disable-next-line [RULE...] [reason="..."] -->
//   <!-- lessonlint-disable-file [RULE...] [reason="..."] -->

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace lessonlint {

struct SuppressionMatch {
  std::size_t offset = 0;  // of "<!--" within the searched text
  std::size_t length = 0;
  std::optional<Suppression> suppression;  // empty when malformed
  std::string error;                       // why it is malformed
};

// Every lessonlint comment in an HTML fragment (an html block or inline html).
std::vector<SuppressionMatch> find_suppressions(std::string_view html);

}  // namespace lessonlint
