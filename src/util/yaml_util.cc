#include "util/yaml_util.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/edit_distance.h"

namespace lessonlint {

Expected<YAML::Node> load_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Error err;
    err.file = file;
    err.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    err.column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    // At the end of the input yaml-cpp points one line past the last: point at the last line.
    int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') ++lines;
    if (err.line > lines && lines > 0) {
      err.line = lines;
      err.column = 0;
    }
    err.message = fmt::format("invalid YAML: {}", e.msg);
    return err;
  }
}

int yaml_line(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }
int yaml_column(const YAML::Node& n) { return n.Mark().column >= 0 ? n.Mark().column + 1 : 0; }

Error yaml_error(const std::string& file, const YAML::Node& at, std::string message) {
  Error e;
  e.file = file;
  if (at.IsDefined()) {
    e.line = yaml_line(at);
    e.column = yaml_column(at);
  }
  e.message = std::move(message);
  return e;
}

std::optional<Error> check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                                const std::string& file, const std::string& where) {
  if (!map.IsMap()) return yaml_error(file, map, fmt::format("{} must be a mapping of keys", where));
  for (const auto& kv : map) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == key;
    if (!ok)
      return yaml_error(file, kv.first,
                        fmt::format("unknown key '{}' in {}{}", key, where, did_you_mean(key, allowed)));
  }
  return std::nullopt;
}

Expected<std::string> yaml_string(const YAML::Node& n, const std::string& file, const std::string& what) {
  if (!n.IsScalar()) return yaml_error(file, n, fmt::format("{} must be a text value", what));
  return n.Scalar();
}

Expected<std::vector<std::string>> yaml_string_list(const YAML::Node& n, const std::string& file,
                                                    const std::string& what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) return yaml_error(file, n, fmt::format("{} must be a list of text values", what));
  for (const auto& item : n) {
    if (!item.IsScalar()) return yaml_error(file, item, fmt::format("{} must be a list of text values", what));
    out.push_back(item.Scalar());
  }
  return out;
}

Expected<long> yaml_int(const YAML::Node& n, const std::string& file, const std::string& what) {
  if (n.IsScalar()) {
    try {
      std::size_t used = 0;
      long v = std::stol(n.Scalar(), &used);
      if (used == n.Scalar().size()) return v;
    } catch (const std::exception&) {
    }
  }
  return yaml_error(file, n, fmt::format("{} must be a whole number", what));
}

Expected<bool> yaml_bool(const YAML::Node& n, const std::string& file, const std::string& what) {
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  return yaml_error(file, n, fmt::format("{} must be true or false", what));
}

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

namespace {
thread_local int g_lazy_builtin = 0;
}

LazyBuiltinPatterns::LazyBuiltinPatterns() { ++g_lazy_builtin; }
LazyBuiltinPatterns::~LazyBuiltinPatterns() { --g_lazy_builtin; }
bool LazyBuiltinPatterns::active() { return g_lazy_builtin > 0; }

Expected<Regex> compile_pattern(const YAML::Node& n, const std::string& file, const std::string& what) {
  auto text = yaml_string(n, file, what);
  if (!text) return text.error();
  bool now = !LazyBuiltinPatterns::active();
  Regex re(*text, pattern_options(), now);
  if (now && !re->ok())
    return yaml_error(file, n, fmt::format("{} is not a valid regular expression: {}", what, re->error()));
  return re;
}

Regex compile_builtin(const std::string& pattern) { return Regex(pattern, pattern_options(), false); }

}  // namespace lessonlint
