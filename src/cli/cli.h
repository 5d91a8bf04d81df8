#pragma once
// The command line: parses options, builds the pipeline, picks a reporter and
// maps the outcome to an exit code (0 clean, 1 findings at or above --fail-on,
// 2 usage, configuration or rule errors).

namespace lessonlint {

int run_cli(int argc, char** argv);

}  // namespace lessonlint
