#include "document/document.h"

#include <cmark.h>

#include <algorithm>
#include <memory>

#include "document/front_matter.h"
#include "document/parse_arena.h"
#include "document/suppressions.h"
#include "util/text.h"

namespace lessonlint {

std::pair<int, int> Document::position(std::size_t offset) const {
  auto it = std::upper_bound(lines.begin(), lines.end(), offset);
  std::size_t index = static_cast<std::size_t>(it - lines.begin()) - 1;
  return {static_cast<int>(index) + 1, static_cast<int>(offset - lines[index]) + 1};
}

std::size_t Document::offset(int line, int column) const {
  if (lines.empty()) return 0;
  line = std::clamp(line, 1, line_count());
  std::size_t base = lines[static_cast<std::size_t>(line - 1)];
  std::size_t len = line_text(line).size();
  std::size_t col = column < 1 ? 0 : static_cast<std::size_t>(column - 1);
  return base + std::min(col, len);
}

namespace {

// A lessonlint comment found at `line`, `column` (to `end_column`) of the
// file: a suppression, or the reason it could not be read.
void record_suppression(Document& doc, SuppressionMatch m, int line, int column, int end_column) {
  if (!m.suppression) {
    doc.suppression_errors.push_back({line, column, std::move(m.error)});
    return;
  }
  Suppression s = std::move(*m.suppression);
  s.line = line;
  s.column = column;
  s.end_column = end_column;
  doc.suppressions.push_back(std::move(s));
}

struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

// Plain text of a heading or link: the literal text of its inline children.
void append_plain(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* lit = cmark_node_get_literal(c)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        append_plain(c, out);
    }
  }
}

// The text of <https://...>: a URL, not words.
bool is_autolink_text(cmark_node* n, const char* lit) {
  cmark_node* parent = cmark_node_parent(n);
  if (!parent || cmark_node_get_type(parent) != CMARK_NODE_LINK) return false;
  const char* url = cmark_node_get_url(parent);
  if (!url) return false;
  std::string_view u(url), l(lit);
  return u == l || (u.substr(0, 7) == "mailto:" && u.substr(7) == l);
}

bool is_atx_line(std::string_view line) {
  line = trim(line);
  return !line.empty() && line[0] == '#';
}

bool is_setext_underline(std::string_view line) {
  line = trim(line);
  if (line.empty()) return false;
  char c = line[0];
  if (c != '=' && c != '-') return false;
  return std::all_of(line.begin(), line.end(), [c](char x) { return x == c; });
}

class Builder {
 public:
  explicit Builder(Document& doc) : m_doc(doc) {}

  void build(cmark_node* root) {
    // One allocation each instead of a doubling series: a leaf block starts a
    // line of its own (no document has more), list items nearly so, and
    // documents have a few dozen headings.
    m_doc.blocks.reserve(static_cast<std::size_t>(m_doc.line_count()) + 1);
    m_doc.items.reserve(static_cast<std::size_t>(m_doc.line_count()) / 2 + 1);
    m_doc.sections.reserve(32);
    Section preamble;
    preamble.line = 1;
    m_doc.sections.push_back(preamble);
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      cmark_node_type type = cmark_node_get_type(n);
      // The event after a paragraph's start is its first child's start.
      bool first_in_paragraph = m_paragraph_opened && ev == CMARK_EVENT_ENTER;
      m_paragraph_opened = ev == CMARK_EVENT_ENTER && type == CMARK_NODE_PARAGRAPH;
      if (type == CMARK_NODE_ITEM) {
        if (ev == CMARK_EVENT_ENTER) open_item(n);
        else close_item();
        continue;
      }
      if (type == CMARK_NODE_BLOCK_QUOTE) {
        m_quote_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
        continue;
      }
      if (type == CMARK_NODE_LINK && ev == CMARK_EVENT_EXIT) --m_link_depth;
      if (ev != CMARK_EVENT_ENTER) continue;
      switch (type) {
        case CMARK_NODE_HEADING:
          if (cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT) add_section(n);
          add_block(n, BlockKind::Heading);
          break;
        case CMARK_NODE_PARAGRAPH: add_block(n, BlockKind::Paragraph); break;
        case CMARK_NODE_CODE_BLOCK: add_block(n, BlockKind::Code); break;
        case CMARK_NODE_HTML_BLOCK:
          add_block(n, BlockKind::Html);
          add_suppressions(n);
          break;
        case CMARK_NODE_THEMATIC_BREAK: add_block(n, BlockKind::ThematicBreak); break;
        case CMARK_NODE_HTML_INLINE: add_suppressions(n); break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          // Only text inside a link can be an autolink's.
          if (const char* lit = cmark_node_get_literal(n); lit && !(m_link_depth > 0 && is_autolink_text(n, lit))) {
            int words = count_words(lit);
            m_doc.word_count += words;
            if (!m_doc.blocks.empty()) m_doc.blocks.back().words += words;
          }
          break;
        case CMARK_NODE_LINK:
          ++m_link_depth;
          add_link(n);
          break;
        case CMARK_NODE_STRONG:
          if (first_in_paragraph) add_label(n);
          break;
        default: break;
      }
    }
    finish_sections();
  }

 private:
  int clamp_line(int line) const { return std::clamp(line, 1, std::max(1, m_doc.line_count())); }

  // The last line of a heading: its own line for ATX, the underline for setext
  // (cmark's end position of a setext heading is unreliable).
  int heading_end_line(cmark_node* n) const {
    int line = clamp_line(cmark_node_get_start_line(n));
    if (is_atx_line(m_doc.line_text(line))) return line;
    int text_lines = 1;
    for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c))
      if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(c) == CMARK_NODE_LINEBREAK) ++text_lines;
    int underline = line + text_lines;
    if (underline <= m_doc.line_count() && is_setext_underline(m_doc.line_text(underline))) return underline;
    return line;
  }

  void open_item(cmark_node* n) {
    ListItem item;
    item.line = clamp_line(cmark_node_get_start_line(n));
    item.span.begin = m_doc.offset(item.line, std::max(1, cmark_node_get_start_column(n)));
    item.depth = static_cast<int>(m_open_items.size());
    m_open_items.push_back(m_doc.items.size());
    m_doc.items.push_back(item);
  }

  void close_item() {
    if (m_open_items.empty()) return;
    ListItem& item = m_doc.items[m_open_items.back()];
    m_open_items.pop_back();
    item.end_line = item.line;
    if (!m_doc.blocks.empty() && m_doc.blocks.back().line >= item.line)
      item.end_line = std::max(item.line, m_doc.blocks.back().end_line);
    item.span.end = std::max(item.span.begin, m_doc.offset(item.end_line, 1) + m_doc.line_text(item.end_line).size());
  }

  void add_section(cmark_node* n) {
    Section s;
    m_scratch.clear();
    append_plain(n, m_scratch);
    s.heading = collapse_space(m_scratch);
    s.level = cmark_node_get_heading_level(n);
    s.line = clamp_line(cmark_node_get_start_line(n));
    s.heading_end_line = heading_end_line(n);
    cmark_node* first = cmark_node_first_child(n);
    s.column = first ? std::max(1, cmark_node_get_start_column(first)) : std::max(1, cmark_node_get_start_column(n));
    // Parent: the nearest open section of a lower level.
    int parent = static_cast<int>(m_doc.sections.size()) - 1;
    while (parent > 0 && m_doc.sections[static_cast<std::size_t>(parent)].level >= s.level)
      parent = m_doc.sections[static_cast<std::size_t>(parent)].parent;
    s.parent = parent;
    m_doc.sections.push_back(std::move(s));
  }

  void add_block(cmark_node* n, BlockKind kind) {
    Block b;
    b.kind = kind;
    b.line = clamp_line(cmark_node_get_start_line(n));
    int start_col = std::max(1, cmark_node_get_start_column(n));
    int end_line = cmark_node_get_end_line(n);
    int end_col = cmark_node_get_end_column(n);
    if (kind == BlockKind::Html || kind == BlockKind::Code) {
      // cmark's end positions of these blocks are unreliable; count lines instead.
      end_line = b.line;
      if (const char* lit = cmark_node_get_literal(n)) {
        std::string_view l(lit);
        int newlines = static_cast<int>(std::count(l.begin(), l.end(), '\n'));
        end_line = b.line + std::max(0, newlines - 1);
        std::string_view first_line = trim(m_doc.line_text(b.line));
        if (kind == BlockKind::Code && (first_line.substr(0, 3) == "```" || first_line.substr(0, 3) == "~~~"))
          end_line = b.line + newlines + 1;  // the fences
      }
    } else if (kind == BlockKind::Heading) {
      end_line = heading_end_line(n);
    } else if (end_col == 0) {
      end_line -= 1;
    }
    b.end_line = clamp_line(std::max(end_line, b.line));
    b.span.begin = m_doc.offset(b.line, start_col);
    b.span.end = m_doc.offset(b.end_line, 1) + m_doc.line_text(b.end_line).size();
    if (b.span.end < b.span.begin) b.span.end = b.span.begin;
    // The walk's open items and quotes are this block's ancestors.
    b.in_list_item = !m_open_items.empty();
    b.in_quote = m_quote_depth > 0;
    m_doc.blocks.push_back(b);
  }

  void add_link(cmark_node* n) {
    Link l;
    if (const char* url = cmark_node_get_url(n)) l.target = url;
    append_plain(n, l.text);
    l.line = clamp_line(cmark_node_get_start_line(n));
    l.column = std::max(1, cmark_node_get_start_column(n));
    m_doc.links.push_back(std::move(l));
  }

  // `n`: the first child of a paragraph.
  void add_label(cmark_node* n) {
    Label l;
    m_scratch.clear();
    append_plain(n, m_scratch);
    l.text = collapse_space(m_scratch);
    while (!l.text.empty() && (l.text.back() == ':' || l.text.back() == ' ')) l.text.pop_back();
    if (l.text.empty() || l.text.size() > 80) return;
    l.line = clamp_line(cmark_node_get_start_line(n));
    l.column = std::max(1, cmark_node_get_start_column(n));
    m_doc.labels.push_back(std::move(l));
  }

  void add_suppressions(cmark_node* n) {
    const char* lit = cmark_node_get_literal(n);
    if (!lit) return;
    std::string_view literal(lit);
    if (literal.find("lessonlint-") == std::string_view::npos) return;
    int start_line = clamp_line(cmark_node_get_start_line(n));
    int start_col = std::max(1, cmark_node_get_start_column(n));
    for (auto& m : find_suppressions(literal)) {
      // Where the comment is in the file: the literal's line k is the file's
      // line start+k, possibly with its indentation stripped.
      std::string_view before = literal.substr(0, m.offset);
      int k = static_cast<int>(std::count(before.begin(), before.end(), '\n'));
      std::size_t line_begin = before.rfind('\n');
      std::size_t in_line = line_begin == std::string_view::npos ? m.offset : m.offset - line_begin - 1;
      int line = clamp_line(start_line + k);
      int col;
      if (k == 0) {
        col = start_col + static_cast<int>(in_line);
      } else {
        std::size_t lit_line_end = literal.find('\n', m.offset);
        std::string_view lit_line = literal.substr(m.offset - in_line, (lit_line_end == std::string_view::npos ? literal.size() : lit_line_end) - (m.offset - in_line));
        std::string_view src = m_doc.line_text(line);
        std::size_t indent = src.size() >= lit_line.size() ? src.size() - lit_line.size() : 0;
        col = static_cast<int>(indent + in_line) + 1;
      }
      int end_col = col + static_cast<int>(std::min(m.length, m_doc.line_text(line).size()));
      record_suppression(m_doc, std::move(m), line, col, end_col);
    }
  }

  void finish_sections() {
    auto& secs = m_doc.sections;
    int last = std::max(1, m_doc.line_count());
    for (std::size_t i = 0; i < secs.size(); ++i) {
      int end = last;
      for (std::size_t j = i + 1; j < secs.size(); ++j) {
        if (i == 0 || secs[j].level <= secs[i].level) {
          end = secs[j].line - 1;
          break;
        }
      }
      secs[i].end_line = std::max(end, secs[i].line);
    }
    secs[0].end_line = secs.size() > 1 ? std::max(0, secs[1].line - 1) : last;
    // Assign blocks to the innermost section that starts at or before them.
    // Blocks come in document order, so a section's blocks follow one another,
    // its own heading first.
    std::size_t s = 0;
    for (std::size_t b = 0; b < m_doc.blocks.size(); ++b) {
      Block& block = m_doc.blocks[b];
      while (s + 1 < secs.size() && secs[s + 1].line <= block.line) ++s;
      block.section = static_cast<int>(s);
      bool is_own_heading = s > 0 && block.kind == BlockKind::Heading && block.line == secs[s].line;
      if (is_own_heading) continue;
      int index = static_cast<int>(b);
      if (secs[s].blocks.empty()) secs[s].blocks.first = index;
      secs[s].blocks.last = index + 1;
    }
    s = 0;
    for (auto& label : m_doc.labels) {
      s = 0;
      while (s + 1 < secs.size() && secs[s + 1].line <= label.line) ++s;
      label.section = static_cast<int>(s);
    }
    s = 0;
    for (auto& item : m_doc.items) {
      while (s + 1 < secs.size() && secs[s + 1].line <= item.line) ++s;
      item.section = static_cast<int>(s);
    }
    // Bodies: from the line after the heading (and a setext underline) to end_line.
    for (std::size_t i = 0; i < secs.size(); ++i) {
      Section& sec = secs[i];
      int first = i == 0 ? 1 : sec.heading_end_line + 1;
      if (i == 0 && m_doc.front_matter.present) first = m_doc.front_matter.last_line + 1;
      if (first > sec.end_line || m_doc.text.empty()) {
        std::size_t at = first <= m_doc.line_count() ? m_doc.offset(first, 1) : m_doc.text.size();
        sec.body = {at, at};
        continue;
      }
      sec.body.begin = m_doc.offset(first, 1);
      sec.body.end = m_doc.offset(sec.end_line, 1) + m_doc.line_text(sec.end_line).size();
    }
  }

  Document& m_doc;
  std::vector<std::size_t> m_open_items;  // list items entered and not left, outermost first
  int m_quote_depth = 0;                   // block quotes entered and not left
  int m_link_depth = 0;                    // links entered and not left
  bool m_paragraph_opened = false;         // the last event entered a paragraph
  std::string m_scratch;  // a heading's or label's text before spaces are collapsed
};

void choose_title(Document& doc) {
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    if (doc.sections[i].level == 1) {
      doc.title = doc.sections[i].heading;
      doc.title_line = doc.sections[i].line;
      doc.title_column = doc.sections[i].column;
      break;
    }
  }
  std::string fm_title = doc.front_matter.text("title");
  if (!fm_title.empty()) {
    doc.title = fm_title;
    auto [l, c] = doc.front_matter.position("title");
    doc.title_line = l;
    doc.title_column = c;
  } else if (doc.title.empty()) {
    // No title: point at the first line of the body.
    doc.title_line = doc.front_matter.present ? std::min(doc.front_matter.last_line + 1, doc.line_count())
                                              : 1;
    doc.title_line = std::max(1, doc.title_line);
    doc.title_column = 1;
  }
}

}  // namespace

FrontMatter read_front_matter(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // Front matter opens on the first line: without a fence there is no need
  // to index the rest of the file.
  if (bytes.substr(0, 3) != "---" && bytes.substr(0, 3) != "+++") return FrontMatter();
  return parse_front_matter(bytes, line_starts(bytes));
}

namespace {

// Front matter is YAML (or TOML), where an HTML comment is not a comment: a
// lessonlint comment there is a `#` line ("# lessonlint-disable-next-line
// RULE reason=..."), read as the same comment in HTML would be.
void add_front_matter_suppressions(Document& doc) {
  const FrontMatter& fm = doc.front_matter;
  if (!fm.present) return;
  for (int line = fm.first_line + 1; line < fm.last_line; ++line) {
    std::string_view raw = doc.line_text(line);
    std::string_view t = trim(raw);
    if (t.empty() || t.front() != '#') continue;
    std::string_view rest = trim(t.substr(1));
    if (rest.rfind("lessonlint-", 0) != 0) continue;
    int column = static_cast<int>(raw.find('#')) + 1;
    for (auto& m : find_suppressions("<!-- " + std::string(rest) + " -->"))
      record_suppression(doc, std::move(m), line, column, static_cast<int>(raw.size()) + 1);
  }
}

}  // namespace

Document parse_document(std::string path, std::string bytes) {
  Document doc;
  doc.path = std::move(path);
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    doc.had_bom = true;
    bytes.erase(0, 3);
  }
  doc.text = std::move(bytes);
  doc.valid_utf8 = is_valid_utf8(doc.text);
  doc.lines = line_starts(doc.text);
  doc.front_matter = parse_front_matter(doc.text, doc.lines);
  add_front_matter_suppressions(doc);

  // cmark reads front matter as a thematic break and a setext heading: blank
  // its lines (keeping the newlines) so line numbers stay those of the file.
  std::string blanked;
  if (doc.front_matter.present) {
    blanked = doc.text;
    std::size_t end = doc.offset(doc.front_matter.last_line, 1) + doc.line_text(doc.front_matter.last_line).size();
    for (std::size_t i = 0; i < end; ++i)
      if (blanked[i] != '\n' && blanked[i] != '\r') blanked[i] = ' ';
  }
  const std::string& body = doc.front_matter.present ? blanked : doc.text;
  // The tree is read into `doc` and dropped with the arena: nothing of cmark's outlives this block.
  {
    ParseArena arena;
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, ParseArena::allocator()));
    cmark_parser_feed(parser.get(), body.data(), body.size());
    cmark_node* root = cmark_parser_finish(parser.get());
    Builder(doc).build(root);
  }
  choose_title(doc);
  return doc;
}

}  // namespace lessonlint
