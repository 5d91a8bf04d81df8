// SARIF 2.1.0 reporter. GitHub code scanning is the main consumer, so the log
// follows its ingestion rules: repository-relative URIs with a %SRCROOT% base,
// partialFingerprints so alerts survive edits elsewhere in a file, a category
// in automationDetails.id, and every rule described even when nothing fired.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string_view>
#include <system_error>

#include "report/report.h"
#include "util/text.h"
#include "util/version.h"
#include "util/uri.h"

namespace lessonlint {

namespace {

using json = nlohmann::ordered_json;

// Rules that carry the project's core purpose; tagged so code scanning can filter on them.
constexpr std::string_view k_mission_rules[] = {
    "postmortem/embedded-lessons",
    "learning-review/summary-only",
    "learning-review/vague-audience",
    "learning-review/no-distribution",
};

// GitHub rejects a rule with more than 20 tags.
constexpr std::size_t k_max_tags = 20;

// "file:///abs/root/" for originalUriBaseIds; SARIF requires the trailing "/".
std::string root_uri(const std::string& root) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(root, ec);
  std::string abs = ec ? root : p.generic_string();
  if (abs.empty() || abs.front() != '/') abs.insert(abs.begin(), '/');  // "C:/x" -> "/C:/x"
  if (abs.back() != '/') abs += '/';
  return "file://" + percent_encode_path(abs);
}

// The git remote as an absolute URI, which versionControlDetails.repositoryUri
// must be. scp-like remotes ("git@host:org/repo.git") become ssh:// URIs and
// credentials in http(s) remotes are dropped so tokens never reach an upload.
// Empty when the remote cannot be expressed as a URI.
std::string repository_uri(const std::string& remote) {
  if (remote.empty()) return {};
  std::size_t sep = remote.find("://");
  if (sep != std::string::npos) {
    if (!has_scheme(remote)) return {};
    std::string scheme = remote.substr(0, sep);
    std::size_t host = sep + 3;
    std::size_t path = remote.find('/', host);
    std::size_t at = remote.rfind('@', path == std::string::npos ? std::string::npos : path);
    if ((scheme == "http" || scheme == "https") && at != std::string::npos && at >= host)
      return scheme + "://" + remote.substr(at + 1);
    return remote;
  }
  std::size_t colon = remote.find(':');
  std::size_t slash = remote.find('/');
  if (colon != std::string::npos && colon > 0 && (slash == std::string::npos || colon < slash)) {
    // scp-like syntax, as git itself reads it
    std::string rest = remote.substr(colon + 1);
    if (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
    return "ssh://" + remote.substr(0, colon) + "/" + rest;
  }
  if (!remote.empty() && remote.front() == '/') return "file://" + percent_encode_path(remote);
  return {};
}

// "learning-review/vague-audience" -> "LearningReviewVagueAudience": the Pascal
// case friendly name SARIF viewers show next to the id.
std::string rule_name(std::string_view id) {
  std::string out;
  bool start = true;
  for (char ch : id) {
    auto c = static_cast<unsigned char>(ch);
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      start = true;
      continue;
    }
    out += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : ch;
    start = false;
  }
  return out;
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "note";
}

// Four spaces before each non-blank line: an example set off in plain text.
std::string indent(const std::string& body) {
  std::string out;
  bool line_start = true;
  for (char c : body) {
    if (line_start && c != '\n') out += "    ";
    out += c;
    line_start = c == '\n';
  }
  return out;
}

struct Help {
  std::string text, markdown;
};

Help rule_help(const Rule& rule) {
  std::string why = trim_newlines(rule.docs.why.empty() ? rule.docs.summary : rule.docs.why);
  std::string bad = trim_newlines(rule.docs.bad), good = trim_newlines(rule.docs.good);
  std::string fix = trim_newlines(rule.docs.fix);
  std::vector<std::string> text, md;
  if (!why.empty()) {
    text.push_back(why);
    md.push_back(why);
  }
  if (!bad.empty()) {
    std::string fence = code_fence_for(bad);
    text.push_back("Bad:\n" + indent(bad));
    md.push_back("**Bad**\n\n" + fence + "markdown\n" + bad + "\n" + fence);
  }
  if (!good.empty()) {
    std::string fence = code_fence_for(good);
    text.push_back("Good:\n" + indent(good));
    md.push_back("**Good**\n\n" + fence + "markdown\n" + good + "\n" + fence);
  }
  if (!fix.empty()) {
    text.push_back("Fix: " + fix);
    md.push_back("**Fix:** " + fix);
  }
  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "\n\n") + p;
    return out;
  };
  Help h{join(text), join(md)};
  if (h.text.empty()) h.text = h.markdown = rule.id;  // GitHub requires help text
  return h;
}

json rule_descriptor(const Rule& rule) {
  std::string summary = trim_newlines(rule.docs.summary);
  // A user's rule may have no docs: its message says what it reports. GitHub requires both descriptions.
  if (summary.empty()) summary = trim_newlines(rule.message);
  if (summary.empty()) summary = rule.id;
  std::string full = trim_newlines(rule.docs.why);
  if (full.empty()) full = summary;

  std::vector<std::string> tags;
  auto add_tag = [&](std::string t) {
    if (!t.empty() && tags.size() < k_max_tags && std::find(tags.begin(), tags.end(), t) == tags.end())
      tags.push_back(std::move(t));
  };
  if (rule.kinds.empty()) add_tag("any");
  for (const auto& k : rule.kinds) add_tag(k);
  if (std::find(std::begin(k_mission_rules), std::end(k_mission_rules), rule.id) != std::end(k_mission_rules))
    add_tag("mission");
  for (const auto& t : rule.tags) add_tag(t);

  Help help = rule_help(rule);
  json config = {{"level", std::string(sarif_level(rule.severity))}};
  if (!rule.enabled) config["enabled"] = false;  // off unless a configuration turns it on
  return json{{"id", rule.id},
              {"name", rule_name(rule.id)},
              {"shortDescription", {{"text", summary}}},
              {"fullDescription", {{"text", full}}},
              {"help", {{"text", help.text}, {"markdown", help.markdown}}},
              {"defaultConfiguration", config},
              {"properties", {{"tags", tags}}}};
}

const std::string& location_path(const std::string& rel, const std::string& path) { return rel.empty() ? path : rel; }

json region(const Finding& f) {
  int start_line = std::max(1, f.line), start_col = std::max(1, f.column);
  int end_line = std::max(start_line, f.end_line);
  int end_col = std::max(1, f.end_column);
  if (end_line == start_line) end_col = std::max(start_col, end_col);
  json r = {{"startLine", start_line}, {"startColumn", start_col}, {"endLine", end_line}, {"endColumn", end_col}};
  if (!f.snippet.empty()) r["snippet"] = {{"text", f.snippet}};
  return r;
}

}  // namespace

void write_sarif(std::ostream& out, const RunResult& result, const RuleSet& rules, const RunInfo& info) {
  json driver_rules = json::array();
  for (const auto& rule : rules.rules) driver_rules.push_back(rule_descriptor(rule));

  // Artifacts: every checked file, in order, then any file that only a finding names.
  json artifacts = json::array();
  std::map<std::string, int> artifact_index;
  auto artifact = [&](const std::string& rel) {
    auto [it, inserted] = artifact_index.emplace(rel, static_cast<int>(artifacts.size()));
    if (inserted) {
      json a = {{"location", {{"uri", percent_encode_path(rel)}, {"uriBaseId", "%SRCROOT%"}}}};
      if (has_markdown_extension(rel)) a["sourceLanguage"] = "markdown";
      artifacts.push_back(std::move(a));
    }
    return it->second;
  };
  // Each checked file's kind and why, as `lessonlint classify` gives them.
  for (const auto& file : result.files) {
    int index = artifact(location_path(file.rel, file.path));
    artifacts[static_cast<std::size_t>(index)]["properties"] = {{"kind", file.kind}, {"kindReason", file.reason}};
  }

  json results = json::array();
  for (const auto& f : result.findings) {
    const std::string& rel = location_path(f.rel, f.path);
    int index = artifact(rel);
    const Rule* rule = rules.find(f.rule_id);
    json r = {{"ruleId", rule ? rule->id : f.rule_id}};
    if (rule) r["ruleIndex"] = rule - rules.rules.data();
    r["level"] = std::string(sarif_level(f.severity));
    r["message"] = {{"text", f.message.empty() ? f.rule_id : f.message}};  // GitHub rejects empty messages
    json physical;
    physical["artifactLocation"] = {{"uri", percent_encode_path(rel)}, {"uriBaseId", "%SRCROOT%"}, {"index", index}};
    physical["region"] = region(f);
    json location;
    location["physicalLocation"] = std::move(physical);
    r["locations"] = json::array({std::move(location)});
    r["partialFingerprints"] = {{"lessonlint/v1", f.fingerprint}};
    if (f.suppressed) {
      json s = {{"kind", "inSource"}};
      if (!f.suppression_reason.empty()) s["justification"] = f.suppression_reason;
      r["suppressions"] = json::array({s});
    }
    if (info.baseline) r["baselineState"] = f.baselined ? "unchanged" : "new";
    results.push_back(std::move(r));
  }

  json run;
  run["tool"] = {{"driver",
                  {{"name", "lessonlint"},
                   {"semanticVersion", LESSONLINT_VERSION},
                   {"informationUri", LESSONLINT_INFORMATION_URI},
                   {"rules", driver_rules}}}};
  if (!info.category.empty()) {
    // GitHub reads the category as everything before the last "/"; this is what
    // github/codeql-action does with its `category` input.
    std::string id = info.category;
    if (id.back() != '/') id += '/';
    run["automationDetails"] = {{"id", id}};
  }
  if (std::string repo = repository_uri(info.repository_uri); !repo.empty()) {
    json vcs = {{"repositoryUri", repo}};
    if (!info.revision.empty()) vcs["revisionId"] = info.revision;
    if (!info.branch.empty()) vcs["branch"] = info.branch;
    // The repository's root is %SRCROOT%, which makes result URIs repo-relative.
    vcs["mappedTo"] = {{"uriBaseId", "%SRCROOT%"}};
    run["versionControlProvenance"] = json::array({vcs});
  }
  if (!info.root.empty()) run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", root_uri(info.root)}}}};
  json invocation = {{"executionSuccessful", info.success}};
  if (!info.command_line.empty()) invocation["commandLine"] = info.command_line;
  run["invocations"] = json::array({invocation});
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  run["columnKind"] = "utf16CodeUnits";

  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({std::move(run)})}};
  out << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lessonlint
