#pragma once
// Installing lessonlint's pre-commit hook without ever clobbering the user's:
// an existing hook is kept byte for byte and chained; uninstall puts it back.

#include <string>

#include "util/expected.h"

namespace lessonlint {

extern const char* const kPreCommitHook;  // the text of hooks/pre-commit

// Both are idempotent and return a sentence saying what they did.
Expected<std::string> install_hook(const std::string& hooks_dir);
Expected<std::string> uninstall_hook(const std::string& hooks_dir);

}  // namespace lessonlint
