#pragma once
// The matchers of a kind's signals (src/classify/kinds.h): what one signal
// sees in one document. The classifier (classify.h) decides which to ask.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "classify/kinds.h"
#include "document/document.h"
#include "rules/checks/common.h"

namespace lessonlint {

// What the signals read, taken from the document when first asked.
class DocumentView {
 public:
  DocumentView(const Document& doc, const std::string& rel);

  const Document& doc() const { return m_doc; }
  const std::string& file_name() const { return m_file_name; }
  const std::vector<std::string>& folders() const { return m_folders; }  // nearest first
  // Headings (the title left out, and headings of more than sixteen words) and
  // bold labels (of ten words at most: a longer one is a sentence), with their lines.
  const std::vector<std::pair<std::string_view, int>>& headings() const { return m_headings; }
  // The first prose paragraphs of the body, and the line they start on.
  const std::string& opening();
  int opening_line();
  const std::vector<int>& body_lines();  // outside code blocks
  // The body lines outside code, inline code spans left out, and where each starts.
  const std::string& prose();
  int prose_line(std::size_t offset);
  const std::string& comments();  // the text inside every <!-- --> outside code

 private:
  const Document& m_doc;
  std::string m_file_name;
  std::vector<std::string> m_folders;
  std::vector<std::pair<std::string_view, int>> m_headings;  // into the document's sections and labels
  std::optional<std::string> m_opening;
  int m_opening_line = 0;
  std::optional<std::vector<int>> m_lines;
  std::optional<std::string> m_prose;
  std::vector<std::size_t> m_prose_starts;
  std::optional<std::string> m_comments;
};

struct SignalHit {
  std::string detail;  // what it saw: a heading, a word, a folder, "12 lines"
  int line = 0;        // where (0: not in the text)
};

// Whether the signal fires. `repository`: the repository's names. `lines`: the
// signal's line pattern, for Lines signals. Counting signals stop at their
// `min` unless `count_all` (then the detail gives the whole count).
std::optional<SignalHit> evaluate_signal(const Signal& s, DocumentView& view, const std::vector<std::string>& repository,
                                         const LinePattern* lines, bool count_all);

// Shortened for a reason line: white space collapsed, at most 60 bytes.
std::string shorten_detail(std::string_view s);

}  // namespace lessonlint
