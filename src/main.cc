// lessonlint: a linter for the postmortems and learning reviews teams keep in git.
#include "cli/cli.h"

int main(int argc, char** argv) { return lessonlint::run_cli(argc, argv); }
