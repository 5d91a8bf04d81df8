#include "cli/hooks.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include <unistd.h>

#include "source/source.h"
#include "util/atomic_file.h"

namespace lessonlint {

namespace fs = std::filesystem;

// Kept identical to hooks/pre-commit (a test compares them), so that a lone
// copy of the binary can install the hook.
const char* const kPreCommitHook = R"lessonlint_hook(#!/bin/sh
# lessonlint pre-commit hook: checks the staged postmortems and learning reviews.
# Installed by `lessonlint install-hook`; removed by `lessonlint uninstall-hook`.
# Bypass it once with: git commit --no-verify
hook_dir=$(dirname "$0")
if [ -x "$hook_dir/pre-commit.lessonlint-chained" ]; then
  # The hook that was here before lessonlint's, kept byte for byte: it runs first.
  "$hook_dir/pre-commit.lessonlint-chained" "$@" || exit $?
fi
lessonlint=${LESSONLINT:-lessonlint}
if ! command -v "$lessonlint" >/dev/null 2>&1; then
  echo "lessonlint pre-commit hook: '$lessonlint' is not on PATH, so nothing was checked." >&2
  echo "Install lessonlint or set LESSONLINT=/path/to/lessonlint." >&2
  exit 0
fi
"$lessonlint" check --staged
status=$?
if [ "$status" -ne 0 ]; then
  echo "lessonlint: commit blocked. Fix the findings above, or bypass the check once with: git commit --no-verify" >&2
fi
exit "$status"
)lessonlint_hook";

namespace {

constexpr const char* kMarker = "# lessonlint pre-commit hook";

Error file_error(const fs::path& p, const std::string& what) {
  Error e;
  e.file = p.string();
  e.message = what;
  return e;
}

bool is_ours(const fs::path& hook) {
  auto text = read_file(hook.string());
  return text && text->find(kMarker) != std::string::npos;
}

}  // namespace

Expected<std::string> install_hook(const std::string& hooks_dir) {
  fs::path dir(hooks_dir), hook = dir / "pre-commit", chained = dir / "pre-commit.lessonlint-chained";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return file_error(dir, "cannot create the hooks folder: " + ec.message());
  auto perms = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
               fs::perms::others_exec;
  bool exists = fs::exists(fs::symlink_status(hook, ec));
  if (exists && is_ours(hook)) {
    auto text = read_file(hook.string());
    if (text && *text == kPreCommitHook) return fmt::format("lessonlint's pre-commit hook is already installed in {}", hook.string());
    if (auto e = write_file_atomically(hook.string(), kPreCommitHook, AtomicWrite::replacing(perms))) return *e;
    return fmt::format("Updated lessonlint's pre-commit hook in {}", hook.string());
  }
  if (exists) {
    if (fs::exists(fs::symlink_status(chained, ec)))
      return file_error(chained, "a chained hook is already here and the pre-commit hook is not lessonlint's; "
                                 "refusing to touch either (move one away and run install-hook again)");
    // The user's hook gets a second name first (a hard link: the same file,
    // byte for byte), then lessonlint's hook replaces the first name in one
    // rename. Whenever this stops, `pre-commit` is still a working hook.
    bool linked = ::link(hook.c_str(), chained.c_str()) == 0;
    if (!linked)
      if (auto e = copy_file_atomically(hook.string(), chained.string(), false))
        return file_error(hook, "cannot keep the existing hook aside: " + e->message);
    if (auto e = write_file_atomically(hook.string(), kPreCommitHook, AtomicWrite::replacing(perms))) {
      fs::remove(chained, ec);  // the user's hook is still in place under its own name
      return *e;
    }
    return fmt::format("Installed lessonlint's pre-commit hook in {}; the existing hook was kept as {} and runs first",
                       hook.string(), chained.filename().string());
  }
  if (auto e = write_file_atomically(hook.string(), kPreCommitHook, AtomicWrite::replacing(perms))) return *e;
  return fmt::format("Installed lessonlint's pre-commit hook in {}", hook.string());
}

Expected<std::string> uninstall_hook(const std::string& hooks_dir) {
  fs::path dir(hooks_dir), hook = dir / "pre-commit", chained = dir / "pre-commit.lessonlint-chained";
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(hook, ec)) || !is_ours(hook))
    return fmt::format("lessonlint's pre-commit hook is not installed in {}; nothing to do", dir.string());
  if (fs::exists(fs::symlink_status(chained, ec))) {
    fs::rename(chained, hook, ec);  // replaces ours atomically with the original, byte for byte
    if (ec) return file_error(chained, "cannot restore the original hook: " + ec.message());
    return fmt::format("Removed lessonlint's pre-commit hook; restored the previous hook in {}", hook.string());
  }
  fs::remove(hook, ec);
  if (ec) return file_error(hook, "cannot remove the hook: " + ec.message());
  return fmt::format("Removed lessonlint's pre-commit hook from {}", dir.string());
}

}  // namespace lessonlint
