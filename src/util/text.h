#pragma once
// Small text helpers shared by the parser, the rules and the reporters.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lessonlint {

// ASCII white space: space, tab, LF, CR, form feed, vertical tab.
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Collapses runs of white space to one space and trims.
std::string collapse_space(std::string_view s);
// The same, with ASCII letters in lower case (in one pass).
std::string collapse_space_lower_ascii(std::string_view s);

// Number of UTF-16 code units in a UTF-8 byte string, as editors and GitHub
// count columns. Invalid bytes count one unit each.
int utf16_length(std::string_view utf8);

// The bytes of the character at s[i] as utf16_length counts it (four bytes
// are two UTF-16 units, fewer are one): a sequence cut short or with a byte
// that does not continue it is one byte, so no character runs past a line end.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 1;
  if (c >= 0xF0 && c <= 0xF4) len = 4;
  else if (c >= 0xE0) len = 3;
  else if (c >= 0xC2 && c < 0xE0) len = 2;
  if (i + len > s.size()) return 1;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  return len;
}

// True when s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// Offsets of the first byte of every line (lines end at LF, CRLF or a lone CR);
// a final line without an ending counts.
std::vector<std::size_t> line_starts(std::string_view text);

// Counts words: runs of letters or digits (any non-ASCII byte counts as a letter).
int count_words(std::string_view text);
// The same, a byte at a time: the reference count_words is tested against.
int count_words_scalar(std::string_view text);

// Finds where any of a few strings may occur in a text, with ASCII letters in
// any case. It may also stop where none occurs (bytes that differ by 0x20
// compare equal, such as '-' and CR): its callers check each place, and rely
// only on never being led past a real occurrence. Sixteen bytes at a time,
// comparing each string's first and last bytes.
class LiteralFinder {
 public:
  LiteralFinder() = default;
  explicit LiteralFinder(const std::vector<std::string>& needles);  // none empty
  bool empty() const { return m_needles.empty(); }
  // The first place at or after `from` where a needle may start and fits in
  // `text`; npos when there is none.
  std::size_t find(std::string_view text, std::size_t from) const;
  // The same, one byte at a time (the reference find is tested against).
  std::size_t find_scalar(std::string_view text, std::size_t from) const;

 private:
  bool at(std::string_view text, std::size_t pos) const;
  struct Probe {  // the first and last bytes (| 0x20) of needles of one length
    char first, last;
    std::size_t size;
  };
  std::vector<std::string> m_needles;  // each byte | 0x20
  std::vector<Probe> m_probes;         // one per distinct (first, last, size)
  std::size_t m_longest = 0;
};

// Whether a path's last component ends in .md or .markdown, in any case, as
// fs::path::extension() reads it: ".md" alone is a hidden name, not an extension.
bool has_markdown_extension(std::string_view path);

// Text without the blank lines and spaces that end it, nor the line breaks
// that start it (a docs block as YAML gives it, ready to print).
std::string trim_newlines(std::string s);

// The line ending a text uses: that of its first line ("\n" when it has none).
std::string line_ending_of(std::string_view text);

// A Markdown code fence longer than any run of backticks in `text` (at least
// three), so that text holding fenced code of its own stays whole inside it.
std::string code_fence_for(std::string_view text);

// Names listed as a sentence lists them: "a", "a and b", "a, b and c"
// (`conjunction` is "and" or "or"), each between `quote` characters if given.
std::string list_names(const std::vector<std::string>& names, std::string_view conjunction, std::string_view quote = "");

// Splits on a character, keeping empty parts.
std::vector<std::string> split(std::string_view s, char sep);
// Splits text in which `terminator` ends every part (as in `git ... -z`
// output): split() without the empty part after the last terminator.
std::vector<std::string> split_terminated(std::string_view s, char terminator);

}  // namespace lessonlint
