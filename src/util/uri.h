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

// A file: URI's absolute path ("file:///a%20b/c.md" -> "/a b/c.md"), or ""
// when it is not a file: URI of a local path.
std::string path_from_file_uri(std::string_view uri);

// RFC 3986 percent-encoding of a path: everything but unreserved characters and
// "/" becomes %XX (uppercase), so spaces, "#", "?", "%", ":" and non-ASCII bytes
// cannot be read as URI syntax.
std::string percent_encode_path(std::string_view path);

// The file: URI of an absolute path, percent-encoded so (as editors write them).
std::string file_uri(std::string_view path);

}  // namespace lessonlint
