// A real editor: Neovim's built-in LSP client (headless) against
// `lessonlint server`, driven by tests/e2e/nvim_lsp.lua. Without `nvim` on
// PATH the test prints one "lessonlint-test: SKIPPED:" line, which ctest
// reports as a skip.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

#include "test_support.h"

using namespace lessonlint::test;
namespace fs = std::filesystem;

TEST_CASE("editor: Neovim shows the diagnostics, the hover and applies the disable action", "[e2e][editor]") {
  if (!on_path("nvim")) {
    std::cout << "lessonlint-test: SKIPPED: nvim is not installed (sh ci/install-deps.sh test installs it), so "
                 "no editor ran the language server\n";
    WARN("nvim is not on PATH: skipped");
    return;
  }
  GitRepoDir repo;
  repo.write("postmortems/2026-01-05-queue.md", read_text(source_dir() + "/tests/fixtures/server/queue-postmortem.md"));
  repo.commit("a postmortem");
  TempDir home;
  std::string result = home.path() + "/result.json";
  std::string script = (fs::path(source_dir()) / "tests/e2e/nvim_lsp.lua").string();
  RunOutput r = run_command({"nvim", "--headless", "--clean", "-c", "luafile " + script}, repo.path(),
                            {"HOME=" + home.path(), "XDG_CONFIG_HOME=" + home.path(), "XDG_DATA_HOME=" + home.path(),
                             "XDG_STATE_HOME=" + home.path(), "LESSONLINT_BIN=" + binary_path(),
                             "LESSONLINT_ROOT=" + repo.path(), "LESSONLINT_FILE=postmortems/2026-01-05-queue.md",
                             "LESSONLINT_OUT=" + result});
  INFO("nvim exit " << r.exit_code << "\n" << r.out << r.err);
  REQUIRE(fs::exists(result));
  auto j = nlohmann::json::parse(read_text(result));
  INFO(j.dump(2));
  for (const auto& s : j["steps"]) CHECK(s["ok"] == true);
  REQUIRE(j["steps"].size() == 5);
  CHECK(j["first"]["source"] == "lessonlint");
  CHECK(j["first"]["line"] == 20);
  CHECK_THAT(j["first"]["message"].get<std::string>(), Catch::Contains("Broader lessons for the wider org"));
  CHECK_THAT(j["hover"].get<std::string>(), Catch::StartsWith("**postmortem/embedded-lessons**"));
  CHECK(j["action"] == "Disable postmortem/embedded-lessons for the next line");
  CHECK(j["lines"][20] == "<!-- lessonlint-disable-next-line postmortem/embedded-lessons reason=\"\" -->");
  CHECK(j["lines"][21] == "## Broader lessons for the wider org");
}
