#pragma once
// Pieces every check type shares: scopes, preconditions, placeholders, spans.

#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "document/document.h"
#include "util/expected.h"
#include "util/regex.h"
#include "util/text.h"

namespace lessonlint {

using Pattern = Regex;

// Where a check looks: the sections whose heading matches `section` (with
// their subsections), the front-matter `field`, or both; neither: the whole body.
struct Scope {
  Pattern section;
  std::string field;
  // When neither the section nor the field is there: the body's paragraphs
  // (and list items) that match this, such as a sentence naming an audience.
  Pattern otherwise;
  bool whole_document() const { return !section && field.empty(); }
};
Expected<Scope> parse_scope(const YAML::Node& n, const std::string& file);

// A pattern matched against single lines, with a multi-line twin ((?m), so ^
// and $ match at line ends) that finds in one search over the document the
// lines worth trying. Without a twin (patterns with \A or \z) every line is tried.
// Both are derived from the pattern when first needed (see util/regex.h).
struct LinePattern {
  Pattern line;
  explicit operator bool() const { return static_cast<bool>(line); }
  // The multi-line twin; empty when the pattern cannot have one.
  const Pattern& multiline() const;
  // Where the strings one of which every match of `line` holds may be (see
  // required_literals): only those lines are tried, without a search of the
  // whole document. Empty when the pattern has no such strings.
  const LiteralFinder& literals() const;
  // The same pattern with neither twin nor strings: every line is tried (tests).
  LinePattern without_prefilter() const;

  struct Derived {
    std::once_flag once;
    bool plain = false;  // no twin, no strings
    Pattern multiline;
    LiteralFinder literals;
  };
  std::shared_ptr<Derived> derived;  // shared by copies
};
LinePattern line_pattern(Pattern re);

// Strings of three or more bytes, lowercase ASCII, one of which every match
// of `re` holds with its ASCII letters in some case, as RE2's prefilter
// (FilteredRE2) derives them; empty when it derives none, or over `limit`.
// RE2's case folding also matches U+017F (long s) for s and U+212A (Kelvin
// sign) for k: when a string holds an s or a k, those two are added, so that
// a line written with them is still tried.
std::vector<std::string> required_literals(const RE2& re, std::size_t limit = 4);

// A precondition on the whole document (`when:`): the check runs only when it holds.
struct Condition {
  struct Predicate {
    Pattern heading;        // some section heading matches
    LinePattern line;       // at least `min` body lines match
    long min = 1;
    long max_paragraphs = -1;  // the body has at most this many paragraphs
    std::string template_of;   // the document is a template of this kind
  };
  std::vector<Predicate> any;
  std::vector<Predicate> all;
  bool empty() const { return any.empty() && all.empty(); }
  // `template_of`: the kind whose template the document is ("" when it is none).
  bool holds(const Document& doc, std::string_view template_of = {}) const;
};
Expected<Condition> parse_condition(const YAML::Node& n, const std::string& file);

// Patterns searched in one pass over a text (an RE2::Set): which of them
// RE2::PartialMatch would find. A pattern compiled with other options than the
// first one's, or a set RE2 cannot build or run, makes the caller search each
// pattern itself.
class PatternSet {
 public:
  explicit PatternSet(const std::vector<const RE2*>& patterns);
  ~PatternSet();
  bool usable() const { return static_cast<bool>(m_set); }
  // Indices (into the constructor's list) of the patterns found in `text`,
  // sorted; false when the search failed (RE2 ran out of memory).
  bool match(std::string_view text, std::vector<int>& found) const;

 private:
  std::unique_ptr<RE2::Set> m_set;
};

// Every section pattern of a run's rules in one RE2::Set, so that each heading
// is searched once per document instead of once per pattern.
class HeadingPatterns {
 public:
  // Which sections' headings each pattern matches, for one document.
  class Matches {
   public:
    // Sets `sections` to the sorted indices of the sections whose heading `re`
    // matches; false when `re` is not in the set.
    bool find(const RE2& re, std::span<const int>& sections) const;

   private:
    friend class HeadingPatterns;
    const HeadingPatterns* m_set = nullptr;
    // Pattern p's sections are m_sections[m_first[p] .. m_first[p + 1]): two
    // allocations per document, not one per pattern that matched.
    std::vector<int> m_first;
    std::vector<int> m_sections;
  };

  // Patterns compiled with other options than the rule loader's are left out
  // (their callers search as before).
  explicit HeadingPatterns(const std::vector<const RE2*>& patterns);
  ~HeadingPatterns();
  Matches match(const Document& doc) const;

 private:
  std::unique_ptr<PatternSet> m_set;
  std::vector<const RE2*> m_patterns;
  std::vector<std::pair<const RE2*, int>> m_index;  // pattern -> its index, sorted by pattern
  std::uint64_t m_id;  // this set's own number, for each thread's cache of heading -> patterns
};

// Sections (never the preamble) whose heading matches. `matches` (may be
// null) answers for the patterns it holds.
std::vector<int> sections_matching(const Document& doc, const RE2& re,
                                   const HeadingPatterns::Matches* matches = nullptr);
// Whether section `section`'s heading matches.
bool heading_matches(const Document& doc, int section, const RE2& re, const HeadingPatterns::Matches* matches);
// True when section `inner` is `outer` or nested in it.
bool section_within(const Document& doc, int inner, int outer);

// The default placeholder pattern: TBD, TODO, n/a, none, "...", "[fill in]".
const RE2& default_placeholder();
// True when text (comments and markup removed) is empty or only a placeholder.
// Without a pattern of the rule's own, the text is stripped only as far as
// `prefix` bytes of its result when they settle the answer (a long text is no
// placeholder): a section body is not stripped whole to learn that it has words.
bool is_placeholder(std::string_view text, const RE2* placeholder, std::size_t prefix = 128);
// The same answer, always from the stripped text (for tests of the shortcut
// is_placeholder takes on texts that plainly have words).
bool is_placeholder_stripped(std::string_view text, const RE2* placeholder, std::size_t prefix = 128);
// A section's body (subsections included) without HTML comments.
std::string section_content(const Document& doc, int section);
// Removes HTML comments and Markdown punctuation that carries no words.
std::string strip_markup(std::string_view text);

// Spans to point findings at.
Span line_span(const Document& doc, int line);
Span heading_span(const Document& doc, int section);
Span title_span(const Document& doc);
Span field_span(const Document& doc, const std::string& key);

// Spans of a front-matter field's scalar values (one per list item).
std::vector<Span> field_value_spans(const Document& doc, const std::string& key);

// Runs `re` over text from `pos` with all its groups; the reported piece is the
// first capturing group that took part in the match, or the whole match.
// Returns false when there is no further match. `next` is where to search on.
bool find_next(const RE2& re, std::string_view text, std::size_t pos, std::string_view& piece, std::size_t& next);

// Body lines (front matter excluded, code blocks excluded) as line numbers.
std::vector<int> body_lines(const Document& doc);

// How many of `lines` (ascending 1-based line numbers) the pattern matches, each
// line on its own; counting stops at `stop_at` when it is not negative.
long count_matching_lines(const Document& doc, const LinePattern& re, const std::vector<int>& lines, long stop_at);

}  // namespace lessonlint
