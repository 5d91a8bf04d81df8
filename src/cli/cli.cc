#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>

#include "classify/classify.h"
#include "config/config.h"
#include "document/document.h"
#include "engine/engine.h"
#include "report/baseline.h"
#include "report/classification.h"
#include "report/report.h"
#include "rules/explain.h"
#include "rules/lint_rules.h"
#include "rules/loader.h"
#include "server/server.h"
#include "cli/audit_commands.h"
#include "cli/hooks.h"
#include "cli/pipeline.h"
#include "source/git_cli.h"
#include "source/git_repo.h"
#include "source/git_sources.h"
#include "source/source.h"
#include "source/walk.h"
#include "util/background.h"
#include "util/build_info.h"
#include "util/edit_distance.h"
#include "util/keep_until_exit.h"
#include "util/text.h"
#include "util/version.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  int jobs = 0;
  std::string category;
  std::string baseline;
  std::string write_baseline;
  bool staged = false;
  bool tracked = false;
  std::string changed_since;
};

bool use_color(const std::string& output) {
  if (!output.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fileno(stdout)) != 0;
}

int run_check(const CommonOptions& common, const CheckOptions& o) {
  auto pipeline = std::make_unique<Pipeline>();
  Pipeline& p = *pipeline;
  // libgit2's start-up alone costs more than checking a few files: only
  // --tracked and --changed-since open the repository with it. --staged reads
  // the index through git; a plain check needs only the working tree's root
  // (and git's ignore list, which the walk asks for). Which files are checked
  // never depends on the report's format: SARIF's revision is looked up after.
  bool git_mode = o.staged || o.tracked || !o.changed_since.empty();
  RepositoryAccess access = git_mode && !o.staged ? RepositoryAccess::Open
                            : o.staged            ? RepositoryAccess::None
                                                  : RepositoryAccess::GitRoot;
  std::vector<std::string> paths = o.paths.empty() ? std::vector<std::string>{"."} : o.paths;
  std::error_code cwd_error;
  const std::string cwd = fs::current_path(cwd_error).string();
  // The git modes start from the working folder (a plain check of a folder that is gone finds no files).
  if (git_mode && cwd_error) return fail(fmt::format("cannot find the working folder: {}", cwd_error.message()));
  // git is asked for the working tree (and, when a folder is walked, what it
  // ignores; with --staged, the staged changes) while the configuration and
  // the rules load.
  std::future<Expected<std::unique_ptr<StagedSource>>> staged_opening;
  if (o.staged) staged_opening = in_background([cwd] { return StagedSource::open(cwd); });
  std::unique_ptr<WorkTreeQuery> git;
  if (access == RepositoryAccess::GitRoot) {
    bool walks = std::any_of(paths.begin(), paths.end(), [](const std::string& path) {
      std::error_code ec;
      return fs::is_directory(fs::symlink_status(path, ec));
    });
    git = std::make_unique<WorkTreeQuery>(cwd, walks);
  }
  if (auto e = build_pipeline(common, p, access, git.get())) return fail(e->to_string());
  std::unique_ptr<StagedSource> staged;
  if (o.staged) {
    auto opened = staged_opening.get();
    if (opened) {
      staged = std::move(*opened);
      if (p.root != staged->root()) p.engine->set_repository_names(repository_names(staged->root()));
      p.root = staged->root();
    } else {
      // Which is it: no repository, a bare one, or git failing? libgit2 tells the first two apart.
      if (!p.repo) p.repo = GitRepo::discover(".");
      if (p.repo && !p.repo->bare()) return fail(fmt::format("--staged: {}", opened.error().to_string()));
    }
  }
  if (git_mode && !p.repo && !staged)
    return fail(fmt::format("{} needs a git repository, and {} is not in one",
                            o.staged ? "--staged" : o.tracked ? "--tracked" : "--changed-since",
                            cwd));
  if (p.repo && p.repo->bare())
    return fail("this is a bare repository: there is no working tree to check (run lessonlint in a clone)");
  Expected<std::vector<InputFile>> files = std::vector<InputFile>{};
  std::unique_ptr<Source> source = std::make_unique<FileSystemSource>(p.root);
  if (git_mode) {
    GitFilter filter;
    // With no paths, the git modes take the whole repository, wherever they run from.
    if (!o.paths.empty()) filter.paths = root_relative_prefixes(o.paths, p.root);
    filter.include = p.config.include;
    filter.exclude = p.config.exclude;
    filter.cwd = cwd;
    if (o.staged) {
      files = staged->files(filter);
      source = std::move(staged);
    } else if (o.tracked) {
      files = tracked_files(*p.repo, filter);
    } else {
      files = changed_files(*p.repo, o.changed_since, filter);
    }
  } else {
    WalkOptions walk;
    walk.root = p.root;
    walk.repo = p.repo.get();
    walk.workdir = p.workdir;
    walk.git = git.get();
    walk.include = p.config.include;
    walk.exclude = p.config.exclude;
    files = collect_files(paths, walk);
  }
  if (!files) return fail(files.error().to_string());
  auto checked = std::make_unique<RunResult>(p.engine->run(*files, *source, o.jobs));
  RunResult& result = *checked;

  RunInfo info;
  info.root = p.root;
  info.category = o.category;
  if (!p.repo && o.format == "sarif") p.repo = GitRepo::discover(p.root);  // the revision, for versionControlProvenance
  if (p.repo) {
    info.repository_uri = p.repo->origin_url();
    info.revision = p.repo->head_revision();
    info.branch = p.repo->head_branch();
  }
  if (!o.baseline.empty()) {
    auto known = read_baseline(o.baseline);
    if (!known) return fail(known.error().to_string());
    apply_baseline(result, *known);
    info.baseline = true;
  }
  if (!o.write_baseline.empty()) {
    if (auto e = emit(o.write_baseline, baseline_json(result))) return fail(e->to_string());
    std::cerr << fmt::format("lessonlint: wrote {} fingerprints to {}\n", count(result).errors + count(result).warnings +
                                                                            count(result).notes + count(result).baselined,
                             o.write_baseline);
  }

  auto write_report = [&](std::ostream& out) {
    if (o.format == "text") write_text(out, result, use_color(o.output));
    else if (o.format == "json") write_json(out, result, p.rules);
    else if (o.format == "sarif") write_sarif(out, result, p.rules, info);
    else if (o.format == "github") write_github(out, result);
    else if (o.format == "gitlab") write_gitlab(out, result);
    else if (o.format == "junit") write_junit(out, result);
  };
  if (o.output.empty() || o.output == "-") {
    // Straight to stdout: a large report is never held in memory twice.
    write_report(std::cout);
    std::cout.flush();
  } else {
    std::ostringstream out;
    write_report(out);
    if (auto e = emit(o.output, out.str())) return fail(e->to_string());
  }
  if (o.format == "text" || o.format == "github" || !o.output.empty()) std::cerr << summary_line(result) << "\n";
  int code = kExitClean;
  // Adopting with --write-baseline: today's findings are accepted.
  if (o.write_baseline.empty() && o.fail_on != "never") {
    Severity threshold = *parse_severity(o.fail_on);
    for (const auto& f : result.findings)
      if (!f.suppressed && !f.baselined && f.severity >= threshold) code = kExitFindings;
  }
  keep_until_exit(std::move(checked));
  keep_until_exit(std::move(pipeline));
  keep_until_exit(std::make_unique<std::vector<InputFile>>(std::move(*files)));
  keep_until_exit(std::move(source));
  return code;
}

int run_rules(const CommonOptions& common, const std::string& format) {
  Pipeline p;
  if (auto e = build_pipeline(common, p)) return fail(e->to_string());
  std::vector<std::string> enabled;
  for (const auto& a : p.engine->rules_for("")) enabled.push_back(a.rule->id);
  std::ostringstream out;
  if (format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& r : p.rules.rules) {
      bool on = std::find(enabled.begin(), enabled.end(), r.id) != enabled.end();
      all.push_back({{"id", r.id},
                     {"severity", std::string(severity_name(r.severity))},
                     {"kinds", kinds_text(r)},
                     {"enabled", on},
                     {"builtin", r.builtin}});
    }
    out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::size_t width = 0;
    for (const auto& r : p.rules.rules) width = std::max(width, r.id.size());
    for (const auto& r : p.rules.rules) {
      bool on = std::find(enabled.begin(), enabled.end(), r.id) != enabled.end();
      out << fmt::format("{:<{}}  {:<7}  {:<26}  {}{}\n", r.id, width, severity_name(r.severity), kinds_text(r),
                         r.docs.summary, on ? "" : " (off)");
    }
  }
  std::cout << out.str();
  return kExitClean;
}

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out += (line.empty() ? "" : pad) + line + "\n";
  return out;
}

// A kind's docs and its signals, as its kind file gives them.
int explain_kind(const KindDef& k) {
  std::ostringstream out;
  out << fmt::format("{} (a kind of document; counted as {} by the audit)\n\n", k.id, role_name(k.role));
  if (!k.docs.summary.empty()) out << indent(k.docs.summary, "  ") << "\n";
  out << fmt::format("Defined in: {}{}\n", k.file, k.builtin ? " (built in)" : "");
  if (!k.types.empty()) {
    std::vector<std::string> unique;  // "post-mortem" and "postmortem" squash to one
    for (const auto& t : k.types)
      if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(t);
    std::string types = list_names(unique, "and");
    out << fmt::format("Front matter `type:` values (compared without case or punctuation): {}\n", types);
  }
  if (!k.docs.why.empty()) out << "\nHow lessonlint recognises it\n" << indent(k.docs.why, "  ");
  if (!k.signals.empty()) {
    out << fmt::format("\nSignals (a document is {} when their weights add up to {}{}{})\n", k.id, k.threshold,
                       k.required_signals.empty() ? "" : " and one of these fired: ",
                       k.required_signals.empty() ? "" : [&] {
                         std::string r;
                         for (const auto& n : k.required_signals) r += (r.empty() ? "" : ", ") + n;
                         return r;
                       }());
    for (const auto& s : k.signals)
      out << fmt::format("  {:+3d}  {} ({})\n", s.weight, s.name, signal_type_name(s.type));
  }
  if (!k.template_of.empty()) {
    std::string of;
    for (const auto& t : k.template_of) of += (of.empty() ? "" : " or ") + t;
    out << fmt::format("\nA template of {}: it must carry that kind's sections (scoring {} or more with them), and "
                       "then wins over it.\n",
                       of, k.structure_min);
  }
  if (k.fallback) out << "\nThe fallback kind: a document no other kind claims is " << k.id << ".\n";
  if (!k.docs.fix.empty()) out << "\nWhen lessonlint gets it wrong\n" << indent(k.docs.fix, "  ");
  std::cout << out.str();
  return kExitClean;
}

int run_explain(const CommonOptions& common, const std::string& id) {
  Pipeline p;
  if (auto e = build_pipeline(common, p)) return fail(e->to_string());
  const Rule* r = p.rules.find(id);
  std::string kind_id = id.rfind("kind:", 0) == 0 ? id.substr(5) : id;
  if (!r) {
    if (const KindDef* k = p.rules.kinds.find(kind_id)) return explain_kind(*k);
    std::vector<std::string> names = p.rules.ids();
    for (const auto& k : p.rules.kinds.ids()) names.push_back(k);
    return fail(fmt::format("unknown rule or kind '{}'{}; `lessonlint rules` lists the rules", id,
                            did_you_mean(id, names)));
  }
  std::ostringstream out;
  out << fmt::format("{} ({}, {})\n\n", r->id, severity_name(r->severity), r->enabled ? "on by default" : "off by default");
  if (r->docs.summary.empty())
    out << "  This rule has no documentation (its file has no `docs:`). It reports:\n  " << r->message << "\n";
  else
    out << indent(r->docs.summary, "  ") << "\n";
  out << fmt::format("Applies to: {}\nCheck: {}\nDefined in: {}{}\n", kinds_text(*r), r->check_type, r->file,
                     r->builtin ? " (built in)" : "");
  auto section = [&](const char* title, const std::string& body, const std::string& pad) {
    if (body.empty()) return;
    out << "\n" << title << "\n" << indent(body, pad);
  };
  section("Why it matters", r->docs.why, "  ");
  section("Example that is flagged", r->docs.bad, "    ");
  section("Example that passes", r->docs.good, "    ");
  section("How to fix it", r->docs.fix, "  ");
  out << fmt::format("\nSilence it on one line with <!-- lessonlint-disable-next-line {} reason=\"...\" -->\n", r->id);
  std::cout << out.str();
  return kExitClean;
}

int run_classify(const CommonOptions& common, const std::vector<std::string>& paths, const std::string& format) {
  Pipeline p;
  if (auto e = build_pipeline(common, p)) return fail(e->to_string());
  WalkOptions walk;
  walk.root = p.root;
  walk.repo = p.repo.get();
  walk.include = p.config.include;
  walk.exclude = p.config.exclude;
  auto files = collect_files(paths, walk);
  if (!files) return fail(files.error().to_string());
  std::vector<ClassifiedFile> classified;
  int status = kExitClean;
  for (const auto& f : *files) {
    auto bytes = read_file(f.path);
    if (!bytes) {
      std::cerr << "lessonlint: " << bytes.error().to_string() << "\n";
      status = kExitFindings;
      continue;
    }
    Document doc = parse_document(f.path, std::move(*bytes));
    // Every signal, so that the evidence shown is complete.
    classified.push_back({f.path, p.engine->classifier().classify(doc, f.rel, Classifier::Completeness::Every)});
  }
  std::ostringstream out;
  if (format == "json") write_classification_json(out, classified);
  else write_classification_text(out, classified);
  std::cout << out.str();
  return status;
}

int run_hook(bool install) {
  auto repo = GitRepo::discover(".");
  if (!repo) return fail("not in a git repository: run install-hook inside the repository to protect");
  auto dir = repo->hooks_dir();
  if (!dir) return fail(dir.error().to_string());
  auto done = install ? install_hook(*dir) : uninstall_hook(*dir);
  if (!done) return fail(done.error().to_string());
  std::cout << *done << "\n";
  return kExitClean;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"lessonlint checks the postmortems and learning reviews that teams keep in git:\n"
               "postmortems that trap lessons for the wider organisation, learning reviews that only\n"
               "summarise, vague audiences and reviews that are never distributed.",
               "lessonlint"};
  app.set_version_flag("--version", version_line());
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  lessonlint check                      check every Markdown file under the current folder\n"
      "  lessonlint check docs/postmortems     check one folder\n"
      "  lessonlint check --format json -o findings.json\n"
      "  lessonlint rules                      list the rules\n"
      "  lessonlint explain postmortem/embedded-lessons\n"
      "  lessonlint classify docs/incidents/2026-04-15-db.md\n"
      "  lessonlint check --staged             what the next commit would add (the pre-commit hook)\n"
      "  lessonlint check --changed-since origin/main --format sarif -o lessonlint.sarif\n"
      "  lessonlint install-hook               run check --staged before every commit\n"
      "  lessonlint server                     the language server, for editors (README: \"In your editor\")\n"
      "\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or\n"
      "rule-file errors. Configuration: .lessonlint.yaml (see the README).\n");

  CommonOptions common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--config", common.config, "Configuration file (default: the nearest .lessonlint.yaml)")
        ->type_name("FILE");
    sub->add_flag("--no-config", common.no_config, "Ignore .lessonlint.yaml files");
    sub->add_option("--rules", common.rule_folders, "Extra folder of rule files (repeatable)")->type_name("DIR");
  };

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Check Markdown files (default: the current folder)");
  check_cmd->add_option("paths", check.paths, "Files or folders to check")->type_name("PATH");
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "junit"}))
      ->default_str("text");
  check_cmd->add_option("-o,--output", check.output, "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  check_cmd->add_option("--fail-on", check.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->default_str("error");
  check_cmd->add_option("-j,--jobs", check.jobs, "Parallel jobs (default: all cores)")
      ->check(CLI::Range(0, 1024))
      ->type_name("N");
  check_cmd->add_option("--category", check.category,
                        "SARIF automationDetails.id, so several uploads to code scanning can coexist")
      ->type_name("ID");
  check_cmd->add_option("--baseline", check.baseline, "Report only findings whose fingerprints are not in FILE")
      ->type_name("FILE");
  check_cmd->add_option("--write-baseline", check.write_baseline,
                        "Record today's findings in FILE (to adopt lessonlint on an existing repository) and exit 0")
      ->type_name("FILE");
  auto* staged_opt = check_cmd->add_flag("--staged", check.staged,
                                         "Check what is staged in the git index, as the commit will record it (the pre-commit mode; runs git)");
  auto* tracked_opt = check_cmd->add_flag("--tracked", check.tracked, "Check only files tracked by git");
  auto* changed_opt =
      check_cmd->add_option("--changed-since", check.changed_since,
                            "Check files added or modified since the merge base of REF and HEAD (the CI mode)")
          ->type_name("REF");
  staged_opt->excludes(tracked_opt)->excludes(changed_opt);
  tracked_opt->excludes(changed_opt);
  add_common(check_cmd);

  CLI::App* install_cmd = app.add_subcommand(
      "install-hook", "Install the pre-commit hook (an existing hook is kept byte for byte and chained)");
  CLI::App* uninstall_cmd =
      app.add_subcommand("uninstall-hook", "Remove the pre-commit hook and restore the one that was there before");

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rules: id, severity, kinds, summary");
  rules_cmd->add_option("--format", rules_format, "Output format")->check(CLI::IsMember({"text", "json"}));
  add_common(rules_cmd);

  std::string explain_id;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Show a rule's documentation: why, examples, fix");
  explain_cmd->add_option("rule", explain_id, "Rule id, e.g. learning-review/vague-audience")->required();
  add_common(explain_cmd);

  std::vector<std::string> classify_paths;
  std::string classify_format = "text";
  CLI::App* classify_cmd = app.add_subcommand(
      "classify", "Print each file's kind (postmortem, learning-review, template, other) and the evidence for it");
  classify_cmd->add_option("paths", classify_paths, "Files or folders")->required()->type_name("PATH");
  classify_cmd->add_option("--format", classify_format,
                           "text (path: kind (reason)) or json (kind, confidence, every kind's score and evidence)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  add_common(classify_cmd);

  int debounce_ms = 200;
  CLI::App* server_cmd = app.add_subcommand(
      "server", "Run the language server on standard input and output (for editors: diagnostics, hovers, code actions)");
  server_cmd->add_option("--debounce", debounce_ms, "Milliseconds after the last change before a document is checked")
      ->check(CLI::Range(0, 600000))
      ->default_str("200")
      ->type_name("MS");
  add_common(server_cmd);

  AuditCommands audit_cmds = add_audit_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    if (check_cmd->parsed()) return run_check(common, check);
    if (rules_cmd->parsed()) return run_rules(common, rules_format);
    if (explain_cmd->parsed()) return run_explain(common, explain_id);
    if (classify_cmd->parsed()) return run_classify(common, classify_paths, classify_format);
    if (server_cmd->parsed()) return run_server(common, std::chrono::milliseconds(debounce_ms));
    if (install_cmd->parsed()) return run_hook(true);
    if (uninstall_cmd->parsed()) return run_hook(false);
    if (int rc = audit_cmds.dispatch(); rc >= 0) return rc;
  } catch (const std::exception& e) {
    // Not expected: the engine reports errors as values. Say so plainly rather than abort.
    std::cerr << "lessonlint: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}

}  // namespace lessonlint
