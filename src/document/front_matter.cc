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

bool is_fence(std::string_view line, bool closing) {
  // Trailing spaces are tolerated; "..." may close YAML documents.
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

std::string scalar_text(const YAML::Node& n) {
  if (!n || n.IsNull()) return "";
  if (n.IsScalar()) return n.Scalar();
  std::string out;
  if (n.IsSequence()) {
    for (const auto& item : n) {
      std::string t = scalar_text(item);
      if (t.empty()) continue;
      if (!out.empty()) out += ", ";
      out += t;
    }
    return out;
  }
  if (n.IsMap()) {
    for (const auto& kv : n) {
      std::string t = scalar_text(kv.second);
      if (!out.empty()) out += ", ";
      out += kv.first.Scalar();
      if (!t.empty()) out += ": " + t;
    }
  }
  return out;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text, const std::vector<std::size_t>& lines) {
  FrontMatter fm;
  if (lines.empty() || !is_fence(line_at(text, lines, 0), false)) return fm;
  std::size_t close = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (is_fence(line_at(text, lines, i), true)) {
      close = i;
      break;
    }
  }
  if (close == 0) return fm;  // a lone thematic break, not front matter
  fm.present = true;
  fm.first_line = 1;
  fm.last_line = static_cast<int>(close) + 1;
  fm.span = {lines.size() > 1 ? lines[1] : text.size(), lines[close]};
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
