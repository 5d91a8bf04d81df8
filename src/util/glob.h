#pragma once
// Glob patterns over repository-relative paths with forward slashes, as in
// .gitignore and markdownlint-cli2: `*` and `?` stay within one path segment,
// `**` spans segments, `[abc]` is a class. A pattern without a slash matches
// the file name at any depth ("*.md"); a trailing "/" matches a folder and
// everything below it.

#include <string_view>

namespace lessonlint {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace lessonlint
