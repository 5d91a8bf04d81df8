#include "cli/audit_commands.h"

#include "cli/pipeline.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "audit/audit.h"
#include "audit/extract.h"
#include "audit/init.h"
#include "config/config.h"
#include "engine/engine.h"
#include "report/report.h"
#include "rules/lint_rules.h"
#include "rules/loader.h"
#include "source/git_repo.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

struct AuditCli {
  std::string format = "markdown";
  std::string output;
  std::string fail_on = "never";
  std::string since;
  std::string category = "lessonlint-audit";
  AuditOptions options;
};

struct State {
  CommonOptions common;
  AuditCli audit;
  CLI::Option* last_opt = nullptr;
  ExtractOptions extract;
  bool force = false;
  CLI::App* audit_cmd = nullptr;
  CLI::App* extract_cmd = nullptr;
  CLI::App* init_cmd = nullptr;
};

int run_audit_command(State& s) {
  AuditCli& a = s.audit;
  a.options.last_given = s.last_opt->count() > 0;
  if (!a.since.empty()) {
    auto t = parse_date(a.since);
    if (!t) return fail(fmt::format("--since: '{}' is not a date (use YYYY-MM-DD)", a.since));
    a.options.since = *t;
    a.options.since_text = a.since;
  }
  Pipeline p;
  if (auto e = build_pipeline(s.common, p)) return fail(e->to_string());
  if (p.repo && p.repo->bare())
    return fail("this is a bare repository: there is no working tree to audit (run lessonlint in a clone)");
  auto report = run_audit(*p.engine, p.repo.get(), p.root, a.options);
  if (!report) return fail(report.error().to_string());

  std::ostringstream out;
  if (a.format == "markdown") {
    std::error_code ec;
    std::string base = a.output.empty() || a.output == "-"
                           ? p.root
                           : fs::absolute(a.output, ec).lexically_normal().parent_path().string();
    write_audit_markdown(out, *report, base);
  } else if (a.format == "json") {
    write_audit_json(out, *report);
  } else if (a.format == "text") {
    write_audit_text(out, *report);
  } else {
    RunInfo info;
    info.root = p.root;
    info.category = a.category;
    if (p.repo) {
      info.repository_uri = p.repo->origin_url();
      info.revision = p.repo->head_revision();
      info.branch = p.repo->head_branch();
    }
    write_sarif(out, report->run, p.rules, info);
  }
  if (auto e = emit(a.output, out.str())) return fail(e->to_string());
  if (!a.output.empty() && a.output != "-")
    std::cerr << fmt::format("lessonlint: audited {} of {} postmortems ({} extraction candidates); wrote {}\n",
                             report->postmortems.size(), report->total_postmortems, report->candidates(), a.output);

  if (a.fail_on == "never") return kExitClean;
  Severity threshold = *parse_severity(a.fail_on);
  for (const auto& f : report->run.findings)
    if (!f.suppressed && !f.baselined && f.severity >= threshold) return kExitFindings;
  return kExitClean;
}

int run_extract_command(State& s) {
  Pipeline p;
  if (auto e = build_pipeline(s.common, p)) return fail(e->to_string());
  ExtractOutcome outcome = run_extract(*p.engine, p.repo.get(), p.root, s.extract);
  if (outcome.exit_code != 0) return fail(outcome.message, outcome.exit_code);
  if (!outcome.message.empty()) std::cout << outcome.message << "\n";
  return kExitClean;
}

int run_init_command(State& s) {
  auto repo = GitRepo::discover(".");
  std::error_code ec;
  std::string root = repo && !repo->bare() ? repo->workdir() : fs::current_path(ec).string();
  InitOutcome outcome = run_init(root, s.force);
  for (const auto& line : outcome.lines) std::cout << line << "\n";
  std::cout << fmt::format(
      "In {}. Next: copy templates/postmortem.md into postmortems/ for the next incident (change its type to "
      "postmortem), run `lessonlint check`, and `lessonlint audit` once a week.\n",
      root);
  return outcome.ok ? kExitClean : kExitUsage;
}

}  // namespace

AuditCommands add_audit_commands(CLI::App& app) {
  auto s = std::make_shared<State>();
  auto add_common = [s](CLI::App* sub) {
    sub->add_option("--config", s->common.config, "Configuration file (default: the nearest .lessonlint.yaml)")
        ->type_name("FILE");
    sub->add_flag("--no-config", s->common.no_config, "Ignore .lessonlint.yaml files");
    sub->add_option("--rules", s->common.rule_folders, "Extra folder of rule files (repeatable)")->type_name("DIR");
  };

  CLI::App* audit = app.add_subcommand(
      "audit", "Audit the most recent postmortems: trapped lessons, linked learning reviews, the review ratio");
  s->audit_cmd = audit;
  s->last_opt = audit->add_option("--last", s->audit.options.last,
                                  "How many of the most recent postmortems to audit (default 5), by the date of the "
                                  "commit that first added each one, renames followed")
                    ->check(CLI::Range(1, 100000))
                    ->type_name("N");
  audit->add_option("--since", s->audit.since,
                    "Only postmortems added on or after DATE (YYYY-MM-DD); alone, every one since then")
      ->type_name("DATE");
  audit->add_option("--format", s->audit.format, "Output format")
      ->check(CLI::IsMember({"markdown", "json", "sarif", "text"}))
      ->default_str("markdown");
  audit->add_option("-o,--output", s->audit.output,
                    "Write the report to FILE (replaced whole, atomically); Markdown links are relative to its folder")
      ->type_name("FILE");
  audit->add_option("--fail-on", s->audit.fail_on,
                    "Lowest severity, among the audited postmortems' findings, that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->default_str("never");
  audit->add_option("--category", s->audit.category,
                    "SARIF automationDetails.id (default lessonlint-audit), so the audit's upload to code scanning "
                    "does not replace the pull-request gate's")
      ->type_name("ID");
  audit->add_option("-j,--jobs", s->audit.options.jobs, "Parallel jobs (default: all cores)")
      ->check(CLI::Range(0, 1024))
      ->type_name("N");
  add_common(audit);
  audit->footer(
      "Postmortems are dated by the commit that first added them (a postmortem moved last week keeps\n"
      "its date). In a shallow clone, outside a repository or for uncommitted files, the front matter\n"
      "`date:` is used, then the file's modification time, and the report says so.\n"
      "\nExamples:\n"
      "  lessonlint audit                                 the last 5 postmortems, as Markdown\n"
      "  lessonlint audit --last 10 --format text\n"
      "  lessonlint audit --since 2026-01-01 -o audit.md  every postmortem added this year\n"
      "  lessonlint audit --format sarif -o audit.sarif   the audited postmortems' findings for code scanning\n"
      "  lessonlint audit --fail-on error                 exit 1 if any of them has an error finding\n"
      "\nExit codes: 0 (unless --fail-on says otherwise), 1 findings at or above --fail-on, 2 usage or\n"
      "configuration errors.");

  CLI::App* extract = app.add_subcommand(
      "extract", "Draft a learning review from the lessons a postmortem traps (its \"broader lessons\" sections)");
  s->extract_cmd = extract;
  extract->add_option("postmortem", s->extract.postmortem, "The postmortem")->required()->type_name("POSTMORTEM");
  extract->add_option("-o,--output", s->extract.output,
                      "Where to write the review (default: beside the repository's other learning reviews, else "
                      "learning-reviews/, named after the postmortem; - for standard output). Never overwritten")
      ->type_name("FILE");
  extract->add_flag("--remove-from-postmortem", s->extract.remove_from_postmortem,
                    "Also replace the extracted section(s) in the postmortem with a link to the review (refused "
                    "when the postmortem has unstaged changes)");
  add_common(extract);
  extract->footer(
      "The review gets front matter (type, title, postmortems, and audience and distribution left as\n"
      "TBD, which `lessonlint check` keeps reporting until you fill them in), the three sections of a\n"
      "learning review with each sentence or list item of the trapped section placed under the one its\n"
      "words suggest, and a link back to the postmortem.\n"
      "\nExamples:\n"
      "  lessonlint extract postmortems/2026-03-17-orders-migration.md\n"
      "  lessonlint extract postmortems/2026-03-17-orders-migration.md -o lessons/online-migrations.md\n"
      "  lessonlint extract postmortems/2026-03-17-orders-migration.md --remove-from-postmortem\n"
      "\nExit codes: 0 written, 1 nothing to extract, the review file exists or the postmortem has\n"
      "unstaged changes, 2 usage or configuration errors.");

  CLI::App* init = app.add_subcommand(
      "init", "Write .lessonlint.yaml and postmortem and learning-review templates (existing files are kept)");
  s->init_cmd = init;
  init->add_flag("--force", s->force, "Replace existing files, keeping each as FILE.bak first");
  init->footer(
      "Writes, at the repository root (or in the current folder outside a repository):\n"
      "  .lessonlint.yaml              every setting, commented out\n"
      "  templates/postmortem.md       timeline, impact, analysis, action items, and\n"
      "                                \"Should this generate a learning review?\"\n"
      "  templates/learning-review.md  the three sections, audience and distribution\n"
      "\nExamples:\n"
      "  lessonlint init\n"
      "  lessonlint init --force       replace them (FILE.bak keeps each previous version)");

  AuditCommands out;
  out.dispatch = [s]() -> int {
    if (s->audit_cmd->parsed()) return run_audit_command(*s);
    if (s->extract_cmd->parsed()) return run_extract_command(*s);
    if (s->init_cmd->parsed()) return run_init_command(*s);
    return -1;
  };
  return out;
}

}  // namespace lessonlint
