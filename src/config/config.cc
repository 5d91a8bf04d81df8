#include "config/config.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/loader.h"
#include "util/edit_distance.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

Expected<std::vector<ConfigRef>> refs(const YAML::Node& n, const std::string& file, const std::string& what) {
  std::vector<ConfigRef> out;
  YAML::Node list = n;
  if (n.IsScalar()) {
    out.push_back({n.Scalar(), yaml_line(n), yaml_column(n)});
    return out;
  }
  if (!n.IsSequence()) return yaml_error(file, n, fmt::format("{} must be a list of rule ids", what));
  for (const auto& item : list) {
    if (!item.IsScalar()) return yaml_error(file, item, fmt::format("{} must be a list of rule ids", what));
    out.push_back({item.Scalar(), yaml_line(item), yaml_column(item)});
  }
  return out;
}

std::optional<Error> parse_selection(const YAML::Node& n, const std::string& file, RuleSelection& sel) {
  if (n["enable"]) {
    auto r = refs(n["enable"], file, "enable");
    if (!r) return r.error();
    sel.enable = *r;
  }
  if (n["disable"]) {
    auto r = refs(n["disable"], file, "disable");
    if (!r) return r.error();
    sel.disable = *r;
  }
  if (YAML::Node s = n["severity"]) {
    if (!s.IsMap()) return yaml_error(file, s, "severity must map rule ids to error, warning or note");
    for (const auto& kv : s) {
      auto level = yaml_string(kv.second, file, "a severity");
      if (!level) return level.error();
      auto sev = parse_severity(*level);
      if (!sev) return yaml_error(file, kv.second, fmt::format("severity '{}' must be error, warning or note", *level));
      sel.severity.push_back({{kv.first.Scalar(), yaml_line(kv.first), yaml_column(kv.first)}, *sev});
    }
  }
  return std::nullopt;
}

std::uint64_t parse_size(const std::string& s, bool& ok) {
  ok = false;
  std::size_t used = 0;
  unsigned long long v = 0;
  if (trim(s).empty() || trim(s)[0] < '0' || trim(s)[0] > '9') return 0;  // no sign, no words
  try {
    v = std::stoull(s, &used);
  } catch (const std::exception&) {
    return 0;
  }
  std::string unit = to_lower_ascii(trim(std::string_view(s).substr(used)));
  std::uint64_t mult = 1;
  if (unit == "" || unit == "b") mult = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") mult = 1024;
  else if (unit == "m" || unit == "mb" || unit == "mib") mult = 1024 * 1024;
  else if (unit == "g" || unit == "gb" || unit == "gib") mult = 1024ull * 1024 * 1024;
  else return 0;
  if (v > UINT64_MAX / mult) return 0;  // overflows
  ok = true;
  return v * mult;
}

}  // namespace

Expected<Config> parse_config(const std::string& text, const std::string& path) {
  Config c;
  c.file = path;
  c.root = fs::absolute(fs::path(path)).parent_path().lexically_normal().string();
  auto loaded = load_yaml(text, path);
  if (!loaded) return loaded.error();
  YAML::Node n = *loaded;
  if (n.IsNull()) return c;
  if (auto e = check_keys(n, {"rules", "enable", "disable", "severity", "include", "exclude", "kinds", "overrides",
                              "channels", "teams", "options", "max-file-size"},
                          path, "the configuration"))
    return *e;
  if (n["rules"]) {
    auto dirs = yaml_string_list(n["rules"], path, "rules");
    if (!dirs) return dirs.error();
    for (const auto& d : *dirs) c.rule_folders.push_back((fs::path(c.root) / d).lexically_normal().string());
  }
  if (auto e = parse_selection(n, path, c.rules)) return *e;
  for (auto [key, dest] : {std::pair{"include", &c.include}, std::pair{"exclude", &c.exclude},
                           std::pair{"channels", &c.channels}, std::pair{"teams", &c.teams}}) {
    if (!n[key]) continue;
    auto list = yaml_string_list(n[key], path, key);
    if (!list) return list.error();
    *dest = *list;
  }
  if (YAML::Node k = n["kinds"]) {
    if (!k.IsMap())
      return yaml_error(path, k, "kinds must map a kind (postmortem, learning-review, template, other, …) to globs");
    // Kind ids are checked once the kinds are loaded (validate_rule_ids).
    for (const auto& kv : k) {
      auto globs = yaml_string_list(kv.second, path, "kinds globs");
      if (!globs) return globs.error();
      c.kinds.push_back({kv.first.Scalar(), *globs, yaml_line(kv.first), yaml_column(kv.first)});
    }
  }
  if (YAML::Node o = n["overrides"]) {
    if (!o.IsSequence()) return yaml_error(path, o, "overrides must be a list of {files, enable, disable, severity}");
    for (const auto& item : o) {
      if (auto e = check_keys(item, {"files", "enable", "disable", "severity"}, path, "an override")) return *e;
      if (!item["files"]) return yaml_error(path, item, "an override needs `files:` globs");
      Override ov;
      auto files = yaml_string_list(item["files"], path, "files");
      if (!files) return files.error();
      ov.files = *files;
      if (auto e = parse_selection(item, path, ov.rules)) return *e;
      c.overrides.push_back(std::move(ov));
    }
  }
  if (YAML::Node o = n["options"]) {
    if (!o.IsMap()) return yaml_error(path, o, "options must map rule ids to check options");
    for (const auto& kv : o)
      c.options[kv.first.Scalar()] = {kv.second, {kv.first.Scalar(), yaml_line(kv.first), yaml_column(kv.first)}};
  }
  if (n["max-file-size"]) {
    auto s = yaml_string(n["max-file-size"], path, "max-file-size");
    if (!s) return s.error();
    bool ok = false;
    c.max_file_size = parse_size(*s, ok);
    if (!ok || c.max_file_size == 0)
      return yaml_error(path, n["max-file-size"], "max-file-size must be a size such as 10MB, 512KB or 1048576");
  }
  return c;
}

Expected<Config> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e;
    e.file = path;
    e.message = "cannot read the configuration file";
    return e;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path);
}

std::string find_config(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (!dir.empty()) {
    for (const char* name : {".lessonlint.yaml", ".lessonlint.yml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (fs::exists(dir / ".git", ec)) break;  // the repository root is as far as a config is looked for
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = parent;
  }
  return "";
}

std::optional<Error> validate_rule_ids(const Config& config, const RuleSet& rules) {
  std::vector<std::string> ids = rules.ids();
  auto check = [&](const ConfigRef& r) -> std::optional<Error> {
    if (rules.find(r.value)) return std::nullopt;
    Error e;
    e.file = config.file;
    e.line = r.line;
    e.column = r.column;
    e.message = fmt::format("unknown rule id '{}'{}", r.value, did_you_mean(r.value, ids));
    return e;
  };
  auto check_selection = [&](const RuleSelection& s) -> std::optional<Error> {
    for (const auto& r : s.enable)
      if (auto e = check(r)) return e;
    for (const auto& r : s.disable)
      if (auto e = check(r)) return e;
    for (const auto& [r, sev] : s.severity)
      if (auto e = check(r)) return e;
    return std::nullopt;
  };
  if (auto e = check_selection(config.rules)) return e;
  for (const auto& o : config.overrides)
    if (auto e = check_selection(o.rules)) return e;
  for (const auto& [id, opt] : config.options)
    if (auto e = check(opt.second)) return e;
  for (const auto& kg : config.kinds) {
    if (rules.kinds.find(kg.kind)) continue;
    Error e;
    e.file = config.file;
    e.line = kg.line;
    e.column = kg.column;
    std::string names;
    for (const auto& id : rules.kinds.ids()) names += (names.empty() ? "" : ", ") + id;
    e.message = fmt::format("unknown kind '{}'{} (known: {})", kg.kind, did_you_mean(kg.kind, rules.kinds.ids()), names);
    return e;
  }
  return std::nullopt;
}

}  // namespace lessonlint
