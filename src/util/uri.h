#pragma once
// Link targets: telling URLs from relative paths, and decoding %XX.

#include <string>
#include <string_view>

namespace lessonlint {

// True when the text starts with a URI scheme (RFC 3986: a letter, then
// letters, digits, "+", "-" or ".", then ":"), as in https://, mailto:.
bool has_scheme(std::string_view uri);

// Decodes %XX escapes; anything else is kept as written.
std::string percent_decode(std::string_view s);

}  // namespace lessonlint
