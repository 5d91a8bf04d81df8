#include "document/front_matter.h"

#include <fmt/format.h>

#include "util/text.h"

namespace lessonlint {

namespace {

std::string_view line_at(std::string_view text, const std::vector<std::size_t>& lines, std::size_t i) {
  std::size_t begin = lines[i];
  std::size_t end = i + 1 < lines.size() ? lines[i + 1] : text.size();
  std::string_view l = text.substr(begin, end - begin);
  while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
  return l;
}

bool is_fence(std::string_view line, bool closing, bool toml) {
  // Trailing spaces are tolerated; "..." may close YAML documents.
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (toml) return line == "+++";
  return line == "---" || (closing && line == "...");
}

// The subset of TOML that front matter uses: top-level `key = "text"`,
// `key = ['a', "b"]`, numbers, booleans and dates. Tables and everything after
// the first one are not read.
// Reads one TOML string or bare value from the front of v; `rest` is what follows it.
std::string toml_value(std::string_view v, std::string_view& rest) {
  v = trim(v);
  if (!v.empty() && (v[0] == '"' || v[0] == '\'')) {
    char q = v[0];
    std::string out;
    std::size_t i = 1;
    for (; i < v.size() && v[i] != q; ++i) {
      if (q == '"' && v[i] == '\\' && i + 1 < v.size()) ++i;  // basic strings have escapes
      out += v[i];
    }
    rest = i < v.size() ? v.substr(i + 1) : std::string_view();
    return out;
  }
  std::size_t end = v.find_first_of(",]#");
  rest = end == std::string_view::npos ? std::string_view() : v.substr(end);
  return std::string(trim(v.substr(0, end)));
}

std::string toml_unquote(std::string_view v) {
  std::string_view rest;
  return toml_value(v, rest);
}

void parse_toml(std::string_view text, const std::vector<std::size_t>& lines, std::size_t close, FrontMatter& fm) {
  fm.root = YAML::Node(YAML::NodeType::Map);
  for (std::size_t i = 1; i < close; ++i) {
    std::string_view line = trim(line_at(text, lines, i));
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') break;  // a table: not top-level fields
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = toml_unquote(line.substr(0, eq));
    std::string_view value = trim(line.substr(eq + 1));
    std::string_view raw_line = line_at(text, lines, i);
    auto col = static_cast<int>(raw_line.find(value.empty() ? std::string_view("=") : value.substr(0, 1), raw_line.find('=')));
    fm.toml_values[key] = {static_cast<int>(i) + 1, col + 1};
    if (!value.empty() && value.front() == '[') {
      YAML::Node seq(YAML::NodeType::Sequence);
      std::string_view rest = value.substr(1);
      while (!trim(rest).empty() && trim(rest)[0] != ']' && trim(rest)[0] != '#') {
        std::string item = toml_value(rest, rest);
        if (!item.empty()) seq.push_back(item);
        rest = trim(rest);
        if (!rest.empty() && rest[0] == ',') rest.remove_prefix(1);
        else break;
      }
      fm.root[key] = seq;
    } else {
      fm.root[key] = toml_unquote(value);
    }
  }
}

// Front matter fields are short; aliases (&a, *a) can make a tiny YAML text
// expand exponentially, so the walk stops at a budget of nodes and bytes.
constexpr std::size_t kTextBudget = 64 * 1024;

void scalar_text(const YAML::Node& n, std::string& out, std::size_t& nodes, int depth) {
  if (!n || n.IsNull() || out.size() >= kTextBudget || ++nodes > 10000 || depth > 32) return;
  if (n.IsScalar()) {
    out += n.Scalar();
    return;
  }
  if (n.IsSequence()) {
    for (const auto& item : n) {
      std::size_t before = out.size();
      if (!out.empty()) out += ", ";
      std::size_t mark = out.size();
      scalar_text(item, out, nodes, depth + 1);
      if (out.size() == mark) out.resize(before);
      if (out.size() >= kTextBudget || nodes > 10000) return;
    }
    return;
  }
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (!out.empty()) out += ", ";
      out += kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
      std::size_t mark = out.size();
      out += ": ";
      scalar_text(kv.second, out, nodes, depth + 1);
      if (out.size() == mark + 2) out.resize(mark);
      if (out.size() >= kTextBudget || nodes > 10000) return;
    }
  }
}

std::string scalar_text(const YAML::Node& n) {
  std::string out;
  std::size_t nodes = 0;
  scalar_text(n, out, nodes, 0);
  if (out.size() > kTextBudget) out.resize(kTextBudget);
  return out;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text, const std::vector<std::size_t>& lines) {
  FrontMatter fm;
  if (lines.empty()) return fm;
  bool toml = is_fence(line_at(text, lines, 0), false, true);
  if (!toml && !is_fence(line_at(text, lines, 0), false, false)) return fm;
  std::size_t close = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (is_fence(line_at(text, lines, i), true, toml)) {
      close = i;
      break;
    }
  }
  if (close == 0) return fm;  // a lone thematic break, not front matter
  fm.present = true;
  fm.first_line = 1;
  fm.last_line = static_cast<int>(close) + 1;
  fm.span = {lines.size() > 1 ? lines[1] : text.size(), lines[close]};
  if (toml) {
    fm.toml = true;
    parse_toml(text, lines, close, fm);
    return fm;
  }
  std::string yaml(text.substr(fm.span.begin, fm.span.end - fm.span.begin));
  try {
    YAML::Node root = YAML::Load(yaml);
    if (root.IsNull() || root.IsMap()) {
      fm.root = root.IsNull() ? YAML::Node(YAML::NodeType::Map) : root;
    } else {
      fm.error = "front matter is not a mapping of fields (expected `key: value` lines)";
      fm.error_line = 2;
      fm.error_column = 1;
      fm.root = YAML::Node(YAML::NodeType::Map);
    }
  } catch (const YAML::Exception& e) {
    fm.error = fmt::format("malformed front matter: {}", e.msg);
    // yaml-cpp marks are 0-based and relative to the YAML text.
    fm.error_line = e.mark.line >= 0 ? e.mark.line + 2 : 2;
    fm.error_column = e.mark.column >= 0 ? e.mark.column + 1 : 1;
    if (fm.error_line > fm.last_line) fm.error_line = fm.last_line;
    fm.root = YAML::Node(YAML::NodeType::Map);
  }
  return fm;
}

FrontMatter& FrontMatter::operator=(const FrontMatter& other) {
  if (this == &other) return *this;
  present = other.present;
  toml = other.toml;
  root.reset(other.root);
  first_line = other.first_line;
  last_line = other.last_line;
  span = other.span;
  error = other.error;
  error_line = other.error_line;
  error_column = other.error_column;
  toml_values = other.toml_values;
  return *this;
}

FrontMatter& FrontMatter::operator=(FrontMatter&& other) noexcept {
  if (this == &other) return *this;
  present = other.present;
  toml = other.toml;
  root.reset(other.root);
  first_line = other.first_line;
  last_line = other.last_line;
  span = other.span;
  error = std::move(other.error);
  error_line = other.error_line;
  error_column = other.error_column;
  toml_values = std::move(other.toml_values);
  return *this;
}

std::string FrontMatter::text(const std::string& key) const {
  if (!present || !root.IsMap()) return "";
  try {
    return scalar_text(root[key]);
  } catch (const YAML::Exception&) {
    return "";
  }
}

bool FrontMatter::has(const std::string& key) const {
  if (!present || !root.IsMap()) return false;
  for (const auto& kv : root)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return true;
  return false;
}

std::pair<int, int> FrontMatter::position(const std::string& key) const {
  if (!present || !root.IsMap()) return {1, 1};
  if (toml) {
    auto it = toml_values.find(key);
    return it == toml_values.end() ? std::pair{first_line, 1} : it->second;
  }
  for (const auto& kv : root) {
    if (!kv.first.IsScalar() || kv.first.Scalar() != key) continue;
    YAML::Mark m = kv.second.Mark();
    if (kv.second.IsNull() || m.line < 0) m = kv.first.Mark();
    if (m.line < 0) return {first_line, 1};
    return {m.line + 2, m.column + 1};
  }
  return {first_line, 1};
}

}  // namespace lessonlint
