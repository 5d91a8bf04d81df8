#pragma once
// What a build is: its version (one place, CMake's project()), and the git
// description and commit date of the source it was built from (written at
// build time by cmake/build_info.cmake; "unknown" outside a git checkout).

#include <string>

namespace lessonlint {

const char* build_description();  // `git describe --tags --always --dirty`: "v0.2.0-3-gabc1234"
const char* build_commit_date();  // "2026-12-04"

// "lessonlint 0.2.0 (v0.2.0-3-gabc1234, 2026-12-04)", what --version prints.
std::string version_line();

}  // namespace lessonlint
