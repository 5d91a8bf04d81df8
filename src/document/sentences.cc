#include "document/sentences.h"

#include <cctype>

#include "util/text.h"

namespace lessonlint {

namespace {

bool is_abbreviation(std::string_view word) {
  static const char* kAbbrev[] = {"e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "Dr", "Mr", "Ms", "Mrs", "St", "No"};
  for (const char* a : kAbbrev)
    if (word == a) return true;
  return word.size() == 1;  // an initial
}

bool starts_sentence(unsigned char c) {
  return std::isupper(c) || std::isdigit(c) || c == '"' || c == '(' || c == '*' || c == '[' || c >= 0x80;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> sentence_ranges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  for (std::size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || i + 1 >= text.size() || !is_space(text[i + 1])) continue;
    std::size_t next = i + 1;
    while (next < text.size() && is_space(text[next])) ++next;
    if (next >= text.size() || !starts_sentence(static_cast<unsigned char>(text[next]))) continue;
    if (c == '.') {
      std::size_t w = i;
      while (w > start && !is_space(text[w - 1])) --w;
      if (is_abbreviation(text.substr(w, i - w))) continue;
    }
    out.emplace_back(start, i + 1);
    start = next;
    i = next - 1;
  }
  std::size_t end = text.size();
  while (end > start && is_space(text[end - 1])) --end;
  if (start < end) out.emplace_back(start, end);
  return out;
}

std::vector<std::string> sentences(std::string_view paragraph) {
  std::vector<std::string> out;
  for (const auto& [b, e] : sentence_ranges(paragraph)) out.push_back(collapse_space(paragraph.substr(b, e - b)));
  return out;
}

std::string_view sentence_around(std::string_view region, std::size_t begin, std::size_t end) {
  std::size_t start = 0;
  for (std::size_t i = begin; i > 0; --i) {
    char c = region[i - 1];
    if ((c == '.' || c == '!' || c == '?' || c == ';') && i < region.size() &&
        (region[i] == ' ' || region[i] == '\n')) {
      start = i;
      break;
    }
    if (c == '\n' && i >= 2 && region[i - 2] == '\n') {
      start = i;
      break;
    }
  }
  std::size_t stop = region.size();
  for (std::size_t i = end; i < region.size(); ++i) {
    char c = region[i];
    if ((c == '.' || c == '!' || c == '?' || c == ';') && (i + 1 == region.size() || region[i + 1] == ' ' ||
                                                           region[i + 1] == '\n' || region[i + 1] == '\r')) {
      stop = i + 1;
      break;
    }
  }
  return region.substr(start, stop - start);
}

}  // namespace lessonlint
