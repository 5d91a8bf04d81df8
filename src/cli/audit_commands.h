#pragma once
// The audit subcommands: `audit` (the weekly look at the last N postmortems),
// `extract` (a learning review drafted from a postmortem's trapped lessons) and
// `init` (a configuration file and the two templates). Declared on the main
// CLI11 app by add_audit_commands; dispatch runs whichever was parsed.

#include <functional>

namespace CLI {
class App;
}

namespace lessonlint {

struct AuditCommands {
  // The exit code of the audit subcommand that was parsed, or -1 when none was.
  std::function<int()> dispatch;
};

AuditCommands add_audit_commands(CLI::App& app);

}  // namespace lessonlint
