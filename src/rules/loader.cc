#include "rules/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "rules/builtin.h"
#include "rules/checks/registry.h"
#include "util/edit_distance.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace fs = std::filesystem;

const Rule* RuleSet::find(std::string_view id) const {
  auto it = std::lower_bound(rules.begin(), rules.end(), id, [](const Rule& r, std::string_view v) { return r.id < v; });
  if (it != rules.end() && it->id == id) return &*it;
  for (const auto& r : rules)
    for (const auto& a : r.aliases)
      if (a == id) return &r;
  return nullptr;
}

std::vector<std::string> RuleSet::ids() const {
  std::vector<std::string> out;
  for (const auto& r : rules) out.push_back(r.id);
  return out;
}

namespace {

bool valid_id(const std::string& id) {
  // kind/what-is-wrong: lowercase kebab-case parts separated by one slash or more.
  if (id.empty() || id.front() == '/' || id.back() == '/' || id.find('/') == std::string::npos) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c == '/' && id[i + 1] != '/');
    if (!ok) return false;
  }
  return true;
}

Expected<std::shared_ptr<const Check>> build_check(const YAML::Node& n, const std::string& file, std::string& type,
                                                   Condition& when) {
  if (!n || !n.IsMap()) return yaml_error(file, n, "check must be a mapping with a `type`");
  if (!n["type"]) return yaml_error(file, n, "check needs a `type`");
  auto t = yaml_string(n["type"], file, "check.type");
  if (!t) return t.error();
  type = *t;
  std::vector<std::string> names;
  for (const auto& ct : check_types()) {
    names.emplace_back(ct.name);
    if (type != ct.name) continue;
    auto cond = parse_condition(n["when"], file);
    if (!cond) return cond.error();
    when = *cond;
    auto check = ct.parse(n, file);
    if (!check) return check.error();
    return std::shared_ptr<const Check>(std::move(*check));
  }
  std::string known;
  for (const auto& ct : check_types())
    if (std::string(ct.name) != "builtin") known += (known.empty() ? "" : ", ") + std::string(ct.name);
  return yaml_error(file, n["type"], fmt::format("unknown check type '{}'{} (known: {})", type, did_you_mean(type, names), known));
}

// Files named kind.yaml hold kinds, not rules.
bool is_kind_file(const std::string& file);

std::string file_stem(const std::string& file) {
  std::string name = fs::path(file).filename().string();
  for (const char* ext : {".yaml", ".yml"})
    if (name.size() > std::strlen(ext) && name.compare(name.size() - std::strlen(ext), std::string::npos, ext) == 0)
      return name.substr(0, name.size() - std::strlen(ext));
  return name;
}

bool is_kind_file(const std::string& file) { return file_stem(file) == "kind"; }

// Every rule a rule is superseded by must be loaded.
std::optional<Error> check_superseded_by(const RuleSet& set) {
  for (const auto& r : set.rules)
    for (const auto& id : r.superseded_by)
      if (!set.find(id) || id == r.id) {
        Error e;
        e.file = r.file;
        e.line = r.line;
        e.message = fmt::format("rule '{}' is superseded by '{}', which {}{}", r.id, id,
                                id == r.id ? "is the rule itself" : "is not loaded", did_you_mean(id, set.ids()));
        return e;
      }
  return std::nullopt;
}

// Every rule's kinds must be loaded kinds.
std::optional<Error> check_rule_kinds(const RuleSet& set) {
  for (const auto& r : set.rules) {
    std::vector<std::string> named = r.kinds;
    if (r.check)
      for (const auto& k : r.check->kinds_named()) named.push_back(k);
    for (const auto& k : named)
      if (!set.kinds.find(k)) {
        Error e;
        e.file = r.file;
        e.line = r.kinds_line;
        e.column = r.kinds_column;
        std::vector<std::string> known = set.kinds.ids();
        known.push_back("any");
        std::string names;
        for (const auto& id : known) names += (names.empty() ? "" : ", ") + id;
        e.message = fmt::format("unknown kind '{}'{} (known: {})", k, did_you_mean(k, known), names);
        return e;
      }
  }
  return std::nullopt;
}

}  // namespace

Expected<Rule> parse_rule(const std::string& text, const std::string& file, bool builtin) {
  auto loaded = load_yaml(text, file);
  if (!loaded) return loaded.error();
  const YAML::Node& n = *loaded;
  if (!n.IsMap()) return yaml_error(file, n, "a rule file must be a mapping (id, kinds, severity, message, check, docs)");
  if (auto e = check_keys(n, {"id", "kinds", "severity", "message", "check", "docs", "enabled", "tags", "aliases",
                              "superseded-by"},
                          file, "a rule"))
    return *e;
  for (const char* required : {"id", "severity", "message", "check"})
    if (!n[required]) return yaml_error(file, n, fmt::format("a rule needs `{}`", required));
  // Built-in rules are documented (`lessonlint explain`, SARIF's help); a
  // user's own rule runs without docs.
  if (builtin && !n["docs"]) return yaml_error(file, n, "a built-in rule needs `docs`");

  Rule r;
  r.file = file;
  r.builtin = builtin;
  r.line = yaml_line(n["id"]);
  auto id = yaml_string(n["id"], file, "id");
  if (!id) return id.error();
  if (!valid_id(*id))
    return yaml_error(file, n["id"], fmt::format("rule id '{}' must be kind/what-is-wrong in lowercase kebab case", *id));
  r.id = *id;
  std::string last = r.id.substr(r.id.rfind('/') + 1);
  if (file_stem(file) != last)
    return yaml_error(file, n["id"], fmt::format("rule '{}' must be in a file named {}.yaml", r.id, last));

  if (n["kinds"]) {
    auto kinds = yaml_string_list(n["kinds"], file, "kinds");
    if (!kinds) return kinds.error();
    r.kinds_line = yaml_line(n["kinds"]);
    r.kinds_column = yaml_column(n["kinds"]);
    // Kind ids are checked against the loaded kinds once every file is read (load_rules).
    for (const auto& k : *kinds) {
      if (k == "any") {
        r.kinds.clear();
        break;
      }
      r.kinds.push_back(k);
    }
  }
  auto sev = yaml_string(n["severity"], file, "severity");
  if (!sev) return sev.error();
  auto severity = parse_severity(*sev);
  if (!severity) return yaml_error(file, n["severity"], "severity must be error, warning or note");
  r.severity = *severity;
  auto msg = yaml_string(n["message"], file, "message");
  if (!msg) return msg.error();
  r.message = *msg;
  if (n["enabled"]) {
    auto e = yaml_bool(n["enabled"], file, "enabled");
    if (!e) return e.error();
    r.enabled = *e;
  }
  for (auto [key, dest] :
       {std::pair{"tags", &r.tags}, std::pair{"aliases", &r.aliases}, std::pair{"superseded-by", &r.superseded_by}}) {
    if (!n[key]) continue;
    auto list = yaml_string_list(n[key], file, key);
    if (!list) return list.error();
    *dest = *list;
  }

  const YAML::Node& docs = n["docs"];
  if (docs) {
    if (auto e = check_keys(docs, {"summary", "why", "bad", "good", "fix"}, file, "docs")) return *e;
    if (!docs["summary"]) return yaml_error(file, docs, "docs needs at least a `summary`");
  }
  for (auto [key, dest] : {std::pair{"summary", &r.docs.summary}, std::pair{"why", &r.docs.why},
                           std::pair{"bad", &r.docs.bad}, std::pair{"good", &r.docs.good},
                           std::pair{"fix", &r.docs.fix}}) {
    if (!docs || !docs[key]) continue;
    auto v = yaml_string(docs[key], file, std::string("docs.") + key);
    if (!v) return v.error();
    *dest = *v;
  }

  r.check_node = n["check"];  // not a clone: a clone loses the marks that errors point at
  auto check = build_check(r.check_node, file, r.check_type, r.when);
  if (!check) return check.error();
  r.check = *check;
  return r;
}

Expected<std::shared_ptr<const Check>> check_with_options(const Rule& rule, const YAML::Node& options,
                                                          const std::string& where) {
  YAML::Node merged = YAML::Clone(rule.check_node);
  if (!options.IsMap()) return yaml_error(where, options, fmt::format("options for {} must be a mapping", rule.id));
  for (const auto& kv : options) {
    if (kv.first.Scalar() == "type")
      return yaml_error(where, kv.first, fmt::format("options for {} cannot change the check type", rule.id));
    merged[kv.first.Scalar()] = kv.second;
  }
  std::string type;
  Condition when;
  auto check = build_check(merged, where, type, when);
  if (!check) {
    Error e = check.error();
    e.message = fmt::format("options for {}: {}", rule.id, e.message);
    return e;
  }
  return check;
}

Expected<RuleSet> load_rules(const std::vector<std::string>& folders) {
  std::map<std::string, Rule> by_id;
  RuleSet set;
  // The built-in files' patterns are compiled when first used: a run needs
  // only those of the kinds of documents it meets. The test "built-in rule and
  // kind files compile" compiles every one of them.
  std::optional<LazyBuiltinPatterns> lazy(std::in_place);
  for (const auto& f : builtin_rule_files()) {
    if (is_kind_file(f.path)) {
      auto kind = parse_kind_file(f.text, f.path, true);
      if (!kind) {
        Error e = kind.error();
        e.message = "built-in kind (a bug in lessonlint): " + e.message;
        return e;
      }
      if (auto e = merge_kind(set.kinds, std::move(*kind))) return *e;
      continue;
    }
    auto rule = parse_rule(f.text, f.path, true);
    if (!rule) {
      Error e = rule.error();
      e.message = "built-in rule (a bug in lessonlint): " + e.message;
      return e;
    }
    by_id[rule->id] = std::move(*rule);
  }
  lazy.reset();
  std::map<std::string, std::string> user_files;
  for (const auto& folder : folders) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      Error e;
      e.file = folder;
      e.message = "rule folder does not exist or is not a folder";
      return e;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      if (ext == ".yaml" || ext == ".yml") files.push_back(it->path());
    }
    if (ec) {
      Error e;
      e.file = folder;
      e.message = "cannot read rule folder: " + ec.message();
      return e;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!in) {
        Error e;
        e.file = path.string();
        e.message = "cannot read rule file";
        return e;
      }
      if (is_kind_file(path.string())) {
        auto kind = parse_kind_file(ss.str(), path.string(), false);
        if (!kind) return kind.error();
        if (auto e = merge_kind(set.kinds, std::move(*kind))) return *e;
        continue;
      }
      auto rule = parse_rule(ss.str(), path.string(), false);
      if (!rule) return rule.error();
      auto seen = user_files.find(rule->id);
      if (seen != user_files.end()) {
        Error e;
        e.file = path.string();
        e.line = rule->line;
        e.message = fmt::format("rule '{}' is defined twice (also in {})", rule->id, seen->second);
        return e;
      }
      user_files[rule->id] = path.string();
      by_id[rule->id] = std::move(*rule);
    }
  }
  for (auto& [id, rule] : by_id) set.rules.push_back(std::move(rule));
  if (auto e = check_kinds(set.kinds)) return *e;
  if (auto e = check_rule_kinds(set)) return *e;
  if (auto e = check_superseded_by(set)) return *e;
  return set;
}

}  // namespace lessonlint
