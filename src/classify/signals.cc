#include "classify/signals.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace lessonlint {

namespace {

// The opening: this many prose blocks of the body, at most kOpeningBytes.
constexpr int kOpeningBlocks = 3;
constexpr std::size_t kOpeningBytes = 1200;
// A bold lead-in of more words than this is a sentence, not a section's name.
// A heading is one by its markup, and real ones run longer ("What can you do as a
// publisher to the Python Package Index?" is twelve words): up to kHeadingWords.
constexpr int kLabelWords = 10;
constexpr int kHeadingWords = 16;
// Evidence details are cut to this many bytes (a whole UTF-8 character).
constexpr std::size_t kDetailBytes = 60;
// When counting every match (classify --format json), at most this many.
constexpr long kCountLimit = 1000;

// The first match of `re` in text, whole.
std::optional<std::string> first_match(const RE2& re, std::string_view text) {
  re2::StringPiece m;
  if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, &m, 1)) return std::nullopt;
  return std::string(m.data(), m.size());
}

// Matches of `re` in text, up to `limit`; `first` gets the first one and the offset it is at.
long count_matches(const RE2& re, std::string_view text, long limit, std::string& first, std::size_t& at) {
  long n = 0;
  std::size_t pos = 0;
  re2::StringPiece input(text.data(), text.size()), m;
  while (n < limit && pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    if (n == 0) {
      first = std::string(m.data(), m.size());
      at = static_cast<std::size_t>(m.data() - text.data());
    }
    ++n;
    std::size_t end = static_cast<std::size_t>(m.data() - text.data()) + m.size();
    pos = m.empty() ? end + 1 : end;
  }
  return n;
}

std::string counted(long n, long limit, bool count_all, const char* unit) {
  if (n >= limit && !count_all) return fmt::format("{}+ {}", n, unit);
  return fmt::format("{} {}", n, unit);
}

// A block that is an instruction to whoever fills a template in, or nothing:
// empty, a placeholder (TBD, "-"), all emphasis ("_To be done pre-meeting_"),
// a quoted question, or bracketed ("<service>", "{{ name }}", "[describe]").
bool is_filler(const Document& doc, const Block& b) {
  if (b.in_quote) return true;
  std::string_view t = trim(doc.slice(b.span));
  while (!t.empty() && (t.front() == '-' || t.front() == '*' || t.front() == '+') && t.size() > 1 && t[1] == ' ')
    t = trim(t.substr(2));  // a bullet
  if (t.starts_with("[ ]")) t = trim(t.substr(3));
  if (t.empty()) return true;
  auto wrapped = [&](std::string_view open, std::string_view close) {
    return t.size() > open.size() + close.size() && t.starts_with(open) && t.ends_with(close);
  };
  if (wrapped("_", "_") || wrapped("*", "*") || wrapped("<", ">") || wrapped("{{", "}}") || wrapped("[", "]")) return true;
  // A placeholder is a word or two ("TBD", "n/a", "to be written"): a block of more is prose.
  constexpr int kPlaceholderWords = 6;
  return b.words <= kPlaceholderWords && is_placeholder(t, nullptr);
}

// Headed sections that have no subsections, and how many of them are empty or filler.
std::pair<int, int> empty_sections(const Document& doc) {
  int considered = 0, empty = 0;
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    bool has_sub = i + 1 < doc.sections.size() && doc.sections[i + 1].parent == static_cast<int>(i);
    if (has_sub) continue;
    ++considered;
    bool all_filler = true;
    for (int b : s.blocks)
      if (!is_filler(doc, doc.blocks[static_cast<std::size_t>(b)])) {
        all_filler = false;
        break;
      }
    if (all_filler) ++empty;
  }
  return {considered, empty};
}

// Prose blocks, and how many of them are mostly link text (a list of links).
std::pair<int, int> link_blocks(const Document& doc) {
  int prose = 0, links = 0;
  std::size_t next_link = 0;
  for (const auto& b : doc.blocks) {
    if (b.kind != BlockKind::Paragraph || b.words == 0) continue;
    ++prose;
    while (next_link < doc.links.size() && doc.links[next_link].line < b.line) ++next_link;
    int link_words = 0;
    for (std::size_t l = next_link; l < doc.links.size() && doc.links[l].line <= b.end_line; ++l) {
      const Link& link = doc.links[l];
      link_words += std::max(1, count_words(link.text.empty() ? link.target : link.text));
    }
    if (link_words * 2 >= b.words) ++links;
  }
  return {prose, links};
}

// What matched in a file name, without the separators a pattern may take in around it.
std::string_view trimmed_word(std::string_view word) {
  while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.front()))) word.remove_prefix(1);
  while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back()))) word.remove_suffix(1);
  return word;
}

}  // namespace

std::string shorten_detail(std::string_view s) {
  std::string t = collapse_space(s);
  if (t.size() <= kDetailBytes) return t;
  std::size_t cut = kDetailBytes;
  while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  return t.substr(0, cut) + "…";
}

DocumentView::DocumentView(const Document& doc, const std::string& rel) : m_doc(doc) {
  std::vector<std::string> parts = split(rel, '/');
  m_file_name = parts.empty() ? rel : parts.back();
  for (std::size_t i = parts.size(); i-- > 1;)
    if (!parts[i - 1].empty() && parts[i - 1] != ".") m_folders.push_back(parts[i - 1]);
  // The title is the title signals' business, not a section.
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    // (the H1 is the title, and so is an H1 that repeats the front matter's title)
    if (s.level == 1 && (s.line == doc.title_line || s.heading == doc.title)) continue;
    if (!s.heading.empty() && count_words(s.heading) <= kHeadingWords) m_headings.emplace_back(s.heading, s.line);
  }
  for (const auto& l : doc.labels)
    if (!l.text.empty() && count_words(l.text) <= kLabelWords) m_headings.emplace_back(l.text, l.line);
}

const std::string& DocumentView::opening() {
  if (m_opening) return *m_opening;
  m_opening.emplace();
  int taken = 0;
  for (const auto& b : m_doc.blocks) {
    if (b.kind != BlockKind::Paragraph || b.words == 0) continue;
    if (m_opening->empty()) m_opening_line = b.line;
    else *m_opening += ' ';
    *m_opening += m_doc.slice(b.span);
    if (++taken == kOpeningBlocks || m_opening->size() >= kOpeningBytes) break;
  }
  if (m_opening->size() > kOpeningBytes) m_opening->resize(kOpeningBytes);
  return *m_opening;
}

int DocumentView::opening_line() {
  opening();
  return m_opening_line;
}

const std::vector<int>& DocumentView::body_lines() {
  if (!m_lines) m_lines = lessonlint::body_lines(m_doc);
  return *m_lines;
}

// Body lines outside code blocks, with inline code spans left out: what
// Text and Placeholders signals read (a `<module>` in a stack trace is no
// placeholder).
const std::string& DocumentView::prose() {
  if (m_prose) return *m_prose;
  m_prose.emplace();
  std::string& out = *m_prose;
  for (int l : body_lines()) {
    std::string_view t = m_doc.line_text(l);
    m_prose_starts.push_back(out.size());
    bool in_code = false;
    for (char c : t) {
      if (c == '`') in_code = !in_code;
      else if (!in_code) out += c;
    }
    out += '\n';
  }
  return out;
}

int DocumentView::prose_line(std::size_t offset) {
  prose();
  auto row = std::upper_bound(m_prose_starts.begin(), m_prose_starts.end(), offset) - m_prose_starts.begin();
  return row > 0 ? body_lines()[static_cast<std::size_t>(row - 1)] : 0;
}

const std::string& DocumentView::comments() {
  if (m_comments) return *m_comments;
  m_comments.emplace();
  if (m_doc.text.find("<!--") == std::string::npos) return *m_comments;
  std::vector<bool> code(static_cast<std::size_t>(m_doc.line_count()) + 2, false);
  for (const auto& b : m_doc.blocks)
    if (b.kind == BlockKind::Code)
      for (int l = b.line; l <= b.end_line && l <= m_doc.line_count(); ++l) code[static_cast<std::size_t>(l)] = true;
  int first = m_doc.front_matter.present ? m_doc.front_matter.last_line + 1 : 1;
  bool inside = false;
  for (int l = first; l <= m_doc.line_count(); ++l) {
    if (code[static_cast<std::size_t>(l)]) continue;
    std::string_view t = m_doc.line_text(l);
    std::size_t i = 0;
    while (i < t.size()) {
      if (!inside) {
        std::size_t open = t.find("<!--", i);
        if (open == std::string_view::npos) break;
        inside = true;
        i = open + 4;
        continue;
      }
      std::size_t close = t.find("-->", i);
      *m_comments += t.substr(i, close == std::string_view::npos ? std::string_view::npos : close - i);
      if (close == std::string_view::npos) break;
      *m_comments += '\n';
      inside = false;
      i = close + 3;
    }
    if (inside) *m_comments += ' ';
  }
  return *m_comments;
}

std::optional<SignalHit> evaluate_signal(const Signal& s, DocumentView& view, const std::vector<std::string>& repository,
                                         const LinePattern* lines, bool count_all) {
  const Document& doc = view.doc();
  long limit = count_all ? std::max(s.min, kCountLimit) : s.min;
  switch (s.type) {
    case SignalType::Section:
      for (const auto& [text, line] : view.headings())
        if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *s.pattern))
          return SignalHit{shorten_detail(text), line};
      return std::nullopt;
    case SignalType::Title:
      if (doc.title.empty()) return std::nullopt;
      if (auto m = first_match(*s.pattern, doc.title)) return SignalHit{shorten_detail(*m), doc.title_line};
      return std::nullopt;
    case SignalType::Opening: {
      const std::string& opening = view.opening();
      if (opening.empty()) return std::nullopt;
      if (auto m = first_match(*s.pattern, opening)) return SignalHit{shorten_detail(*m), view.opening_line()};
      return std::nullopt;
    }
    case SignalType::Lines: {
      if (!lines) return std::nullopt;
      long n = count_matching_lines(doc, *lines, view.body_lines(), limit);
      if (n < s.min) return std::nullopt;
      return SignalHit{counted(n, limit, count_all, "lines"), 0};
    }
    case SignalType::Text:
    case SignalType::Placeholders:
    case SignalType::Comments: {
      const std::string& text = s.type == SignalType::Comments ? view.comments() : view.prose();
      if (text.empty()) return std::nullopt;
      std::string first;
      std::size_t at = 0;
      long n = count_matches(*s.pattern, text, limit, first, at);
      if (n < s.min) return std::nullopt;
      int line = s.type == SignalType::Comments ? 0 : view.prose_line(at);
      std::string detail = n == 1 ? fmt::format("'{}'", shorten_detail(first))
                                  : fmt::format("{}, as '{}'", counted(n, limit, count_all, "times"), shorten_detail(first));
      return SignalHit{std::move(detail), line};
    }
    case SignalType::FileName:
      if (auto m = first_match(*s.pattern, view.file_name())) {
        std::string_view word = trimmed_word(*m);
        return SignalHit{shorten_detail(word.empty() ? view.file_name() : word), 0};
      }
      return std::nullopt;
    case SignalType::Folder:
      for (const auto& f : view.folders())
        if (RE2::FullMatch(f, *s.pattern)) return SignalHit{f, 0};
      return std::nullopt;
    case SignalType::Repository:
      for (const auto& r : repository)
        if (RE2::PartialMatch(r, *s.pattern)) return SignalHit{r, 0};
      return std::nullopt;
    case SignalType::Field:
      if (const FrontMatterField* f = doc.front_matter.find(s.field); f && !trim(f->text).empty())
        return SignalHit{"", f->line};
      return std::nullopt;
    case SignalType::IndexPage: {
      auto [prose, links] = link_blocks(doc);
      if (links >= 3 && static_cast<double>(links) >= s.ratio * prose)
        return SignalHit{fmt::format("{} of {} paragraphs are links", links, prose), 0};
      return std::nullopt;
    }
    case SignalType::EmptySections: {
      auto [considered, empty] = empty_sections(doc);
      if (considered >= 3 && static_cast<double>(empty) >= s.ratio * considered)
        return SignalHit{fmt::format("{} of {} sections", empty, considered), 0};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace lessonlint
