#include "document/front_matter.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

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

// Document::offset for a text and its line starts: a 1-based line (clamped) and
// byte column (clamped to the line).
std::size_t offset_at(std::string_view text, const std::vector<std::size_t>& lines, int line, int column) {
  line = std::clamp(line, 1, static_cast<int>(lines.size()));
  std::size_t i = static_cast<std::size_t>(line - 1);
  std::size_t len = line_at(text, lines, i).size();
  std::size_t col = column < 1 ? 0 : static_cast<std::size_t>(column - 1);
  return lines[i] + std::min(col, len);
}

// Where a scalar written at a 1-based line and column is in the text: after an
// opening quote, as long as its value, and not past its line (a folded or
// quoted scalar is not byte-identical to its source) or the front matter.
Span scalar_span(std::string_view text, const std::vector<std::size_t>& lines, std::size_t fm_end, int line,
                 int column, const std::string& scalar) {
  std::size_t begin = offset_at(text, lines, line, column);
  if (begin < text.size() && (text[begin] == '"' || text[begin] == '\'')) ++begin;
  std::size_t end = std::min(begin + scalar.size(), fm_end);
  if (scalar.find('\n') == std::string::npos)
    end = std::min(end, offset_at(text, lines, line, std::numeric_limits<int>::max()));  // the line's end
  return {begin, std::max(begin, end)};
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// The subset of TOML that front matter uses: top-level `key = "text"`,
// `key = ['a', "b"]`, numbers, booleans and dates. Tables and everything after
// the first one are not read. A key given twice keeps its last value.
void parse_toml(std::string_view text, const std::vector<std::size_t>& lines, std::size_t close, FrontMatter& fm) {
  for (std::size_t i = 1; i < close; ++i) {
    std::string_view raw_line = line_at(text, lines, i);
    std::string_view line = trim(raw_line);
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') break;  // a table: not top-level fields
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    FrontMatterField f;
    f.key = toml_unquote(line.substr(0, eq));
    std::string_view value = trim(line.substr(eq + 1));
    auto col = static_cast<int>(raw_line.find(value.empty() ? std::string_view("=") : value.substr(0, 1), raw_line.find('=')));
    f.line = f.value_line = static_cast<int>(i) + 1;
    f.column = static_cast<int>(raw_line.find_first_not_of(" \t")) + 1;
    f.value_column = col + 1;
    if (!value.empty() && value.front() == '[') {
      std::string_view rest = value.substr(1);
      while (!trim(rest).empty() && trim(rest)[0] != ']' && trim(rest)[0] != '#') {
        std::string item = toml_value(rest, rest);
        if (!item.empty()) f.values.push_back(item);
        rest = trim(rest);
        if (!rest.empty() && rest[0] == ',') rest.remove_prefix(1);
        else break;
      }
    } else {
      f.values.push_back(toml_unquote(value));
    }
    f.text = join_values(f.values);
    // No positions for TOML values: the rest of the key's line is the value.
    std::size_t line_begin = lines[i];
    std::size_t lead = raw_line.find_first_not_of(" \t");
    Span span{line_begin + (lead == std::string_view::npos ? 0 : lead), line_begin + raw_line.size()};
    span.begin = std::max(span.begin, offset_at(text, lines, f.value_line, f.value_column));
    f.value_spans.push_back(span);
    auto same = std::find_if(fm.fields.begin(), fm.fields.end(), [&](const FrontMatterField& o) { return o.key == f.key; });
    if (same != fm.fields.end()) *same = std::move(f);
    else fm.fields.push_back(std::move(f));
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

// A field's scalars, as the audit reads linked paths from it: a scalar, or a
// list's scalars with nested lists flattened; maps are not read.
void field_values(const YAML::Node& n, std::vector<std::string>& out, int depth) {
  if (!n || n.IsNull() || out.size() >= 1000 || depth > 32) return;
  if (n.IsScalar()) out.push_back(n.Scalar());
  else if (n.IsSequence())
    for (const auto& item : n) field_values(item, out, depth + 1);
}

// Every scalar of a field, map values included. Aliases can expand a small
// field exponentially: stop at a budget.
void collect_scalar_spans(std::string_view text, const std::vector<std::size_t>& lines, std::size_t fm_end,
                          const YAML::Node& n, std::vector<Span>& out, int depth) {
  if (out.size() >= 1000 || depth > 32) return;
  if (n.IsSequence()) {
    for (const auto& item : n) collect_scalar_spans(text, lines, fm_end, item, out, depth + 1);
    return;
  }
  if (n.IsMap()) {
    for (const auto& kv : n) collect_scalar_spans(text, lines, fm_end, kv.second, out, depth + 1);
    return;
  }
  if (!n.IsScalar() || n.Mark().line < 0) return;
  out.push_back(scalar_span(text, lines, fm_end, n.Mark().line + 2, n.Mark().column + 1, n.Scalar()));
}

// yaml-cpp's tree as fields. Its marks are 0-based and relative to the YAML,
// which starts on the file's line 2.
void yaml_fields(const YAML::Node& root, std::string_view text, const std::vector<std::size_t>& lines,
                 FrontMatter& fm) {
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) continue;
    FrontMatterField f;
    f.key = kv.first.Scalar();
    YAML::Mark key = kv.first.Mark();
    f.line = key.line >= 0 ? key.line + 2 : fm.first_line;
    f.column = key.line >= 0 ? key.column + 1 : 1;
    YAML::Mark value = kv.second.Mark();
    if (kv.second.IsNull() || value.line < 0) value = key;
    f.value_line = value.line >= 0 ? value.line + 2 : fm.first_line;
    f.value_column = value.line >= 0 ? value.column + 1 : 1;
    f.text = scalar_text(kv.second);
    field_values(kv.second, f.values, 0);
    collect_scalar_spans(text, lines, fm.span.end, kv.second, f.value_spans, 0);
    fm.fields.push_back(std::move(f));
  }
}

// --- the fast reader ---------------------------------------------------------

bool is_null_word(std::string_view v) { return v == "~" || v == "null" || v == "Null" || v == "NULL"; }

// A plain scalar that means the same to every YAML reader: no indicator first,
// no ": " or " #" inside, no flow brackets.
bool is_simple_plain(std::string_view v) {
  if (v.empty() || std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v[0]) != std::string_view::npos) return false;
  if (v.back() == ':' || v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos) return false;
  return v.find_first_of("[]{}") == std::string_view::npos;
}

struct Scalar {
  std::string text;
  bool null = false;
};

// A one-line scalar (trailing spaces already trimmed): plain, 'single' or
// "double" quoted without escapes. nullopt for anything else.
std::optional<Scalar> simple_scalar(std::string_view v) {
  if (v.empty()) return std::nullopt;
  if (v[0] == '\'') {
    std::string out;
    for (std::size_t j = 1; j < v.size(); ++j) {
      if (v[j] != '\'') {
        out += v[j];
        continue;
      }
      if (j + 1 < v.size() && v[j + 1] == '\'') {
        out += '\'';
        ++j;
        continue;
      }
      if (j + 1 != v.size()) return std::nullopt;  // something after the closing quote
      return Scalar{std::move(out), false};
    }
    return std::nullopt;
  }
  if (v[0] == '"') {
    if (v.size() < 2 || v.back() != '"' || v.find('\\') != std::string_view::npos) return std::nullopt;
    std::string_view inner = v.substr(1, v.size() - 2);
    if (inner.find('"') != std::string_view::npos) return std::nullopt;
    return Scalar{std::string(inner), false};
  }
  if (!is_simple_plain(v)) return std::nullopt;
  if (is_null_word(v)) return Scalar{"", true};
  return Scalar{std::string(v), false};
}

bool is_simple_key(std::string_view k) {
  if (k.empty() || is_null_word(k)) return false;
  auto c0 = static_cast<unsigned char>(k[0]);
  if (!(std::isalnum(c0) || c0 == '_')) return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u == '_' || u == '-' || u == '.';
  });
}

std::string_view trim_right_spaces(std::string_view v) {
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v;
}

}  // namespace

std::optional<std::vector<FrontMatterField>> read_flat_yaml(std::string_view text,
                                                            const std::vector<std::size_t>& lines,
                                                            std::size_t close) {
  std::vector<FrontMatterField> fields;
  if (close == 0 || close >= lines.size()) return std::nullopt;
  const std::size_t fm_end = lines[close];
  if (!is_valid_utf8(text.substr(lines[1], fm_end - lines[1]))) return std::nullopt;
  std::size_t open_list = SIZE_MAX;  // a field with no value yet: block list items may follow
  std::size_t list_indent = 0;
  auto add_scalar = [&](FrontMatterField& f, int line, int column, std::string value) {
    f.value_spans.push_back(scalar_span(text, lines, fm_end, line, column, value));
    f.values.push_back(std::move(value));
  };
  for (std::size_t i = 1; i < close; ++i) {
    std::string_view line = line_at(text, lines, i);
    const int file_line = static_cast<int>(i) + 1;
    if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
      return std::nullopt;  // tabs and control characters: yaml-cpp decides
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#') continue;  // blank or a comment
    if (indent > 0 || line[0] == '-') {
      // An item of a block list under the field just opened.
      if (open_list == SIZE_MAX || indent == 0 || line.substr(indent, 2) != "- ") return std::nullopt;
      FrontMatterField& f = fields[open_list];
      if (!f.values.empty() && indent != list_indent) return std::nullopt;
      std::size_t start = line.find_first_not_of(' ', indent + 2);
      if (start == std::string_view::npos) return std::nullopt;
      auto sc = simple_scalar(trim_right_spaces(line.substr(start)));
      if (!sc || sc->null) return std::nullopt;
      if (f.values.empty()) {
        list_indent = indent;
        f.value_line = file_line;
        f.value_column = static_cast<int>(indent) + 1;
      }
      add_scalar(f, file_line, static_cast<int>(start) + 1, std::move(sc->text));
      continue;
    }
    open_list = SIZE_MAX;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view key = line.substr(0, colon);
    if (!is_simple_key(key) || (colon + 1 < line.size() && line[colon + 1] != ' ')) return std::nullopt;
    if (std::any_of(fields.begin(), fields.end(), [&](const FrontMatterField& o) { return o.key == key; }))
      return std::nullopt;  // a key given twice
    FrontMatterField f;
    f.key = std::string(key);
    f.line = f.value_line = file_line;
    f.column = f.value_column = 1;
    std::size_t start = line.find_first_not_of(' ', colon + 1);
    std::string_view value = start == std::string_view::npos ? std::string_view() : trim_right_spaces(line.substr(start));
    if (value.empty()) {
      open_list = fields.size();
    } else if (value[0] == '[') {
      // A one-line list of plain scalars.
      if (value.back() != ']') return std::nullopt;
      std::string_view inner = value.substr(1, value.size() - 2);
      if (inner.find_first_of("[]{}\"'#:&*!|>%@`") != std::string_view::npos) return std::nullopt;
      f.value_column = static_cast<int>(start) + 1;
      if (!trim(inner).empty()) {
        std::size_t pos = 0;
        while (true) {
          std::size_t comma = inner.find(',', pos);
          std::string_view raw = inner.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
          std::size_t lead = raw.find_first_not_of(' ');
          if (lead == std::string_view::npos) return std::nullopt;  // an empty item
          std::string_view item = trim_right_spaces(raw.substr(lead));
          if (!is_simple_plain(item) || is_null_word(item)) return std::nullopt;
          add_scalar(f, file_line, static_cast<int>(start + 1 + pos + lead) + 1, std::string(item));
          if (comma == std::string_view::npos) break;
          pos = comma + 1;
        }
      }
    } else {
      auto sc = simple_scalar(value);
      if (!sc) return std::nullopt;
      if (!sc->null) {
        f.value_column = static_cast<int>(start) + 1;
        add_scalar(f, file_line, f.value_column, std::move(sc->text));
      }
    }
    fields.push_back(std::move(f));
  }
  // A scalar's text is itself, a list's its items joined, as yaml-cpp's reader gives them.
  for (auto& f : fields) f.text = join_values(f.values);
  return fields;
}

FrontMatter parse_front_matter(std::string_view text, const std::vector<std::size_t>& lines, YamlReader reader) {
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
  if (reader == YamlReader::Fast) {
    if (auto fields = read_flat_yaml(text, lines, close)) {
      fm.fields = std::move(*fields);
      return fm;
    }
  }
  std::string yaml(text.substr(fm.span.begin, fm.span.end - fm.span.begin));
  try {
    YAML::Node root = YAML::Load(yaml);
    if (root.IsMap()) {
      yaml_fields(root, text, lines, fm);
    } else if (!root.IsNull()) {
      fm.error = "front matter is not a mapping of fields (expected `key: value` lines)";
      fm.error_line = 2;
      fm.error_column = 1;
    }
  } catch (const YAML::Exception& e) {
    fm.error = fmt::format("malformed front matter: {}", e.msg);
    // yaml-cpp marks are 0-based and relative to the YAML text.
    fm.error_line = e.mark.line >= 0 ? e.mark.line + 2 : 2;
    fm.error_column = e.mark.column >= 0 ? e.mark.column + 1 : 1;
    if (fm.error_line > fm.last_line) fm.error_line = fm.last_line;
    fm.fields.clear();
  }
  return fm;
}

const FrontMatterField* FrontMatter::find(std::string_view key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

std::string FrontMatter::text(std::string_view key) const {
  const FrontMatterField* f = find(key);
  return f ? f->text : std::string();
}

std::pair<int, int> FrontMatter::position(std::string_view key) const {
  if (!present) return {1, 1};
  const FrontMatterField* f = find(key);
  if (!f) return {first_line, 1};
  return {f->value_line, f->value_column};
}

}  // namespace lessonlint
