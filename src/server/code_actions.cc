#include "server/code_actions.h"

#include <fmt/format.h>

#include "util/text.h"

namespace lessonlint {

namespace {

// Leading white space and block quote markers of a line: what a line
// inserted above it needs to stay in the same block quote.
std::string prefix_of(std::string_view line) {
  std::size_t i = 0;
  std::size_t quoted = 0;  // past the last '>' and the space after it
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) {
    if (line[i] == '>') quoted = i + 1 < line.size() && line[i + 1] == ' ' ? i + 2 : i + 1;
    ++i;
  }
  return std::string(line.substr(0, quoted > 0 ? quoted : i));
}

// The column where a list item's content starts (0-based bytes): its
// indentation, the marker, and the spaces after it (one, when more than four
// would make the content a code block).
std::size_t content_column(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+')) {
    ++i;
  } else {
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    if (i < line.size() && (line[i] == '.' || line[i] == ')')) ++i;
  }
  std::size_t spaces = 0;
  while (i + spaces < line.size() && line[i + spaces] == ' ') ++spaces;
  return i + (spaces >= 1 && spaces <= 4 ? spaces : 1);
}

bool blank(std::string_view line) { return trim(line).empty(); }

// The indentation a comment above list item `item` needs: inside the item
// before it (a sibling, or the parent when this is the first of a nested
// list), so that the list is not cut in two; none before a list's first item.
std::string list_comment_indent(const Document& doc, const ListItem& item) {
  const ListItem* sibling = nullptr;
  const ListItem* parent = nullptr;
  for (const auto& other : doc.items) {
    if (other.line >= item.line) break;
    if (other.depth == item.depth) sibling = &other;
    if (other.depth < item.depth) {
      sibling = nullptr;  // a sibling before a shallower item is in another list
      if (other.depth == item.depth - 1 && other.end_line >= item.line) parent = &other;
    }
  }
  if (sibling) {
    // A sibling of the same list: only blank lines between it and this item.
    bool adjacent = true;
    for (int l = sibling->end_line + 1; l < item.line; ++l) adjacent = adjacent && blank(doc.line_text(l));
    if (!adjacent) sibling = nullptr;
  }
  const ListItem* host = sibling ? sibling : parent;
  if (!host) return prefix_of(doc.line_text(item.line));
  return std::string(content_column(doc.line_text(host->line)), ' ');
}

std::string comment(const std::string& directive, const Finding& f, bool reason = true) {
  return fmt::format("<!-- lessonlint-{} {}{} -->", directive, f.rule_id, reason ? " reason=\"\"" : "");
}

PlannedEdit insert_line_above(int line, const std::string& text, const std::string& eol) {
  PlannedEdit e;
  e.start = e.end = TextPosition{line - 1, 0};
  e.text = text + eol;
  return e;
}

}  // namespace

PlannedAction disable_action(const Document& doc, const Finding& f) {
  PlannedAction a;
  a.kind = "quickfix";
  a.title = fmt::format("Disable {} for the next line", f.rule_id);
  const std::string eol = line_ending_of(doc.text);
  const int line = std::max(1, std::min(f.line, std::max(1, doc.line_count())));
  const FrontMatter& fm = doc.front_matter;
  if (fm.present && line > fm.first_line && line < fm.last_line) {
    // YAML (or TOML) reads a # line as a comment, and lessonlint reads it as its own.
    std::string_view text = doc.line_text(line);
    std::size_t indented = text.find_first_not_of(" \t");
    std::string indent(text.substr(0, indented == std::string_view::npos ? text.size() : indented));
    a.edits.push_back(insert_line_above(
        line, fmt::format("{}# lessonlint-disable-next-line {} reason=\"\"", indent, f.rule_id), eol));
    return a;
  }
  if (fm.present && (line == fm.first_line || line == fm.last_line)) {
    // The front matter's fences have no line above that could hold a comment: the file, then.
    a.title = fmt::format("Disable {} for this file", f.rule_id);
    a.edits.push_back(insert_line_above(fm.last_line + 1, comment("disable-file", f), eol));
    return a;
  }
  for (const auto& b : doc.blocks) {
    if (line < b.line || line > b.end_line) continue;
    if (b.kind == BlockKind::Code) {
      // A comment inside a code block is code: silence the block, from above it to below it.
      a.title = fmt::format("Disable {} for this code block", f.rule_id);
      std::string prefix = prefix_of(doc.line_text(b.line));
      a.edits.push_back(insert_line_above(b.line, prefix + comment("disable", f), eol));
      PlannedEdit after;
      after.start = after.end = TextPosition{b.end_line, 0};
      std::string enable = prefix + comment("enable", f, false) + eol;
      if (b.end_line >= doc.line_count()) {  // the last line: after its end
        after.start = after.end = TextPosition{b.end_line - 1, utf16_length(doc.line_text(b.end_line))};
        enable = eol + prefix + comment("enable", f, false);
      }
      after.text = enable;
      a.edits.push_back(after);
      return a;
    }
    if (line > b.line && (b.kind == BlockKind::Paragraph || b.kind == BlockKind::Quote)) {
      // Inside a paragraph: at the end of the line before, as inline HTML.
      PlannedEdit e;
      e.start = e.end = TextPosition{line - 2, utf16_length(doc.line_text(line - 1))};
      e.text = " " + comment("disable-next-line", f);
      a.edits.push_back(e);
      return a;
    }
    break;
  }
  for (const auto& item : doc.items)
    if (item.line == line) {
      a.edits.push_back(insert_line_above(line, list_comment_indent(doc, item) + comment("disable-next-line", f), eol));
      return a;
    }
  a.edits.push_back(insert_line_above(line, prefix_of(doc.line_text(line)) + comment("disable-next-line", f), eol));
  return a;
}

std::vector<PlannedAction> actions_for(const Document& doc, const Finding& f) {
  std::vector<PlannedAction> out;
  if (f.rule_id == "postmortem/learning-review-question" || f.rule_id == "template/learning-review-question") {
    // The question the reference asks of every postmortem, as a section at the end.
    PlannedAction ask;
    ask.kind = "quickfix";
    ask.preferred = true;
    ask.title = "Ask: should this generate a learning review?";
    const std::string eol = line_ending_of(doc.text);
    std::string text;
    if (!doc.text.empty() && doc.text.back() != '\n') text += eol;
    if (!doc.text.empty()) text += eol;
    bool templ = f.rule_id.rfind("template/", 0) == 0;
    text += "## Should this generate a learning review?" + eol + eol;
    text += templ ? "<!-- Yes, with a link to the review; or no, and why. About one postmortem in five teaches "
                    "something beyond the team. -->" + eol
                  : "TBD: yes, with a link to the review; or no, and why." + eol;
    PlannedEdit e;
    int last = std::max(1, doc.line_count());
    std::string_view last_text = doc.line_text(last);
    bool ends_with_newline = !doc.text.empty() && doc.text.back() == '\n';
    e.start = e.end = ends_with_newline ? TextPosition{last, 0} : TextPosition{last - 1, utf16_length(last_text)};
    e.text = text;
    ask.edits.push_back(e);
    out.push_back(std::move(ask));
  }
  out.push_back(disable_action(doc, f));
  return out;
}

}  // namespace lessonlint
