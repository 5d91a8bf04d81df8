#pragma once
// The plain model of one Markdown document that every rule reads. Rules never
// touch cmark nodes: they see sections, blocks, links, the front matter and the
// source text, all with 1-based line numbers of the file as it is on disk.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lessonlint {

// Consecutive indexes [first, last), iterated as ints. (std::views::iota
// would do, but clang 14, which builds the fuzzers, rejects libstdc++ 12's.)
struct IndexRange {
  int first = 0;
  int last = 0;

  class iterator {
   public:
    explicit iterator(int at) : m_at(at) {}
    int operator*() const { return m_at; }
    iterator& operator++() {
      ++m_at;
      return *this;
    }
    bool operator==(const iterator& other) const { return m_at == other.m_at; }
    bool operator!=(const iterator& other) const { return m_at != other.m_at; }

   private:
    int m_at;
  };
  iterator begin() const { return iterator(first); }
  iterator end() const { return iterator(last); }
  bool empty() const { return first == last; }
  std::size_t size() const { return static_cast<std::size_t>(last - first); }
  int front() const { return first; }
  int back() const { return last - 1; }
  int operator[](std::size_t i) const { return first + static_cast<int>(i); }
};

// A range of the source text. Offsets are byte offsets into Document::text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
};

enum class BlockKind { Paragraph, Heading, Code, Html, Quote, ThematicBreak };

// A leaf block: a paragraph (in a list item or not), a heading, a code block.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  Span span;
  int line = 0;       // first line
  int end_line = 0;   // last line
  bool in_list_item = false;
  bool in_quote = false;
  int section = 0;    // index into Document::sections
  int words = 0;      // words of its text, markup and link targets left out
};

// A heading and what follows it up to the next heading of the same or a
// higher level. Section 0 is the preamble before the first heading (level 0).
struct Section {
  std::string heading;      // heading text without markup; "" for the preamble
  int level = 0;            // 1-6; 0 for the preamble
  int line = 0;             // the heading's line (1 for the preamble)
  int heading_end_line = 0; // the heading's last line (a setext underline)
  int column = 1;           // the heading text's first column (bytes, 1-based)
  int end_line = 0;         // last line of the section, subsections included
  Span body;                // from the line after the heading to end_line
  int parent = -1;          // enclosing section; -1 for the preamble
  // Indexes into Document::blocks of the leaf blocks directly in this section,
  // not in subsections, its own heading left out: they follow one another.
  IndexRange blocks;
};

// A list item with everything nested in it.
struct ListItem {
  Span span;          // from the bullet to the end of its last block
  int line = 0;
  int end_line = 0;
  int depth = 0;      // 0 for an item of an outermost list
  int section = 0;
};

// A bold lead-in that works as a heading in documents without headings:
// "**Impact**: ..." or "- **Key events**".
struct Label {
  std::string text;  // without the emphasis marks and a trailing colon
  int line = 0;
  int column = 0;
  int section = 0;
};

struct Link {
  std::string target;  // as written, without the angle brackets
  std::string text;
  int line = 0;
  int column = 0;  // bytes, 1-based
};

enum class SuppressionKind { Disable, Enable, DisableNextLine, DisableFile };

// <!-- lessonlint-disable RULE... reason="..." -->
struct Suppression {
  SuppressionKind kind = SuppressionKind::Disable;
  std::vector<std::string> rules;  // empty: all rules
  std::string reason;
  int line = 0;
  int column = 0;
  int end_column = 0;
};

// A lessonlint comment that could not be read.
struct SuppressionError {
  int line = 0;
  int column = 0;
  std::string message;
};

// One top-level field of the front matter.
struct FrontMatterField {
  std::string key;
  int line = 0;          // the key's 1-based line and column
  int column = 0;
  int value_line = 0;    // where the value starts (a block list: its first "-");
  int value_column = 0;  // the key's position when there is no value
  // Scalars as written; a list joined with ", "; a map as "key: value, ..."; "" when empty.
  std::string text;
  std::vector<std::string> values;  // the scalar or the list's scalars (nested lists flattened)
  std::vector<Span> value_spans;    // each scalar's text in Document::text (map values included)
};

struct FrontMatter {
  bool present = false;
  bool toml = false;     // +++ fences (Hugo, Zola): simple `key = value` lines
  int first_line = 0;    // the opening ---
  int last_line = 0;     // the closing ---
  Span span;             // the YAML between the fences
  std::optional<std::string> error;  // malformed front matter (then no fields)
  int error_line = 0;
  int error_column = 0;
  std::vector<FrontMatterField> fields;  // in the order written

  // The first field named `key`, or null.
  const FrontMatterField* find(std::string_view key) const;
  // The field as text (scalars as written; a sequence joined with ", "); "" when absent.
  std::string text(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // 1-based line and column of a field's value (or its key when the value is empty).
  std::pair<int, int> position(std::string_view key) const;
};

struct Document {
  std::string path;        // as given, forward slashes, relative to the repository root when inside one
  std::string text;        // the file's bytes without a UTF-8 BOM
  bool had_bom = false;
  bool valid_utf8 = true;
  std::vector<std::size_t> lines;  // offset of each line's first byte
  FrontMatter front_matter;
  std::string title;
  int title_line = 1;
  int title_column = 1;
  std::vector<Section> sections;
  std::vector<Block> blocks;
  std::vector<ListItem> items;
  std::vector<Link> links;
  std::vector<Label> labels;
  std::vector<Suppression> suppressions;
  std::vector<SuppressionError> suppression_errors;  // malformed comments, reported by the engine
  int word_count = 0;

  int line_count() const { return static_cast<int>(lines.size()); }
  // The text of a 1-based line without its line ending ("" past the ends).
  // Inline: the model and the checks ask for a line several times per block.
  std::string_view line_text(int line) const {
    if (line < 1 || line > line_count()) return {};
    std::size_t i = static_cast<std::size_t>(line - 1);
    std::size_t begin = lines[i];
    std::size_t end = i + 1 < lines.size() ? lines[i + 1] : text.size();
    const char* data = text.data();
    while (end > begin && (data[end - 1] == '\n' || data[end - 1] == '\r')) --end;
    return std::string_view(data + begin, end - begin);
  }
  // 1-based line and byte column of an offset.
  std::pair<int, int> position(std::size_t offset) const;
  // The offset of a 1-based line and byte column, both clamped into the text.
  std::size_t offset(int line, int column) const;
  std::string_view slice(Span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }
};

// Parses bytes into a Document. Never fails: malformed front matter is kept
// as an error in the model, and the body is still parsed.
Document parse_document(std::string path, std::string bytes);

// Only the front matter of a file's bytes (a UTF-8 BOM skipped), as
// parse_document would read it, without parsing the Markdown.
FrontMatter read_front_matter(std::string_view bytes);

}  // namespace lessonlint
