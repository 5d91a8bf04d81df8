#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

#include "util/edit_distance.h"
#include "util/glob.h"
#include "util/text.h"

using namespace lessonlint;

TEST_CASE("utf16_length counts code units as editors do", "[util]") {
  CHECK(utf16_length("abc") == 3);
  CHECK(utf16_length("é") == 1);           // 2 bytes, 1 unit
  CHECK(utf16_length("日本") == 2);         // 3 bytes each
  CHECK(utf16_length("\xF0\x9F\x98\x80") == 2);  // an emoji: a surrogate pair
  CHECK(utf16_length("\xFF" "a") == 2);     // an invalid byte counts one
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[util]") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("caf\xC3\xA9"));
  CHECK_FALSE(is_valid_utf8("caf\xC3"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
}

TEST_CASE("line_starts and count_words", "[util]") {
  CHECK(line_starts("a\nb\n") == std::vector<std::size_t>{0, 2});
  CHECK(line_starts("a\r\nb") == std::vector<std::size_t>{0, 3});
  CHECK(count_words("We used to believe, now we don't.") == 7);
  CHECK(count_words("") == 0);
}

TEST_CASE("has_markdown_extension reads the last component as fs::path::extension does", "[util]") {
  for (const char* path : {"a.md", "dir/A.MD", "x.Markdown", "..md", ".a.md", "d.md/x.md", "a.b.md"}) {
    INFO(path);
    CHECK(has_markdown_extension(path));
    CHECK(std::filesystem::path(path).extension() != "");
  }
  for (const char* path : {".md", "dir/.markdown", "a.md/x", "a.mdx", "md", "a.", "", "dir/"}) {
    INFO(path);
    CHECK_FALSE(has_markdown_extension(path));
  }
}

TEST_CASE("split_terminated reads NUL-terminated lists", "[util]") {
  using V = std::vector<std::string>;
  CHECK(split_terminated(std::string_view("a\0b c\0", 6), '\0') == V{"a", "b c"});
  CHECK(split_terminated(std::string_view("a\0b", 3), '\0') == V{"a", "b"});  // the last one unterminated
  CHECK(split_terminated(std::string_view("a\0\0", 3), '\0') == V{"a", ""});  // an empty part is kept
  CHECK(split_terminated("", '\0').empty());
}

TEST_CASE("count_words agrees with the byte-at-a-time count on any bytes", "[util]") {
  // Words that straddle the 16-byte chunks, every byte value, every tail length.
  CHECK(count_words("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb c") == 2);
  CHECK(count_words("               a                a") == 2);
  CHECK(count_words("don't \xC3\xA9t\xC3\xA9 snake_case 42 a-b") == 6);
  std::mt19937 rng(7);
  const std::string alphabet = std::string("aZ09'_ -.\n\t") + "\x80\xFF\x7F\x40\x5B\x60\x7B\x2F\x3A";
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 80, ' ');
    for (auto& c : s) c = (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    INFO("round " << round);
    REQUIRE(count_words(s) == count_words_scalar(s));
  }
}

TEST_CASE("LiteralFinder stops at every occurrence, in any case, as the byte-at-a-time search does", "[util]") {
  // Two needles that share their first, last bytes and length (one probe), and
  // one that shares only its first byte with them.
  const std::vector<std::string> needles = {"learning review", "learning-review", "lore", "owner", "\xC5\xBF"};
  LiteralFinder finder(needles);
  // Each occurrence of a needle in the ASCII-lowercased text, by the plain definition.
  auto occurrences = [&](const std::string& text) {
    std::string lower = to_lower_ascii(text);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < lower.size(); ++i)
      for (const auto& n : needles)
        if (lower.compare(i, n.size(), n) == 0) {
          out.push_back(i);
          break;
        }
    return out;
  };
  std::mt19937 rng(3);
  const std::vector<std::string> pieces = {"learning review", "LEARNING-Review", "learning", "review", "Owner", "owne",
                                           "\xC5\xBF", "\xC5", "l", "w", "-", "\r", "\n", " ", "text of a postmortem ",
                                           "\xE2\x80\x94", "L\x00arning review", "LORE", "lor"};
  long found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) text += pieces[rng() % pieces.size()];
    INFO("round " << round << ": " << text);
    std::vector<std::size_t> stops, stops_scalar;
    for (std::size_t at = 0; (at = finder.find(text, at)) != std::string::npos; ++at) stops.push_back(at);
    for (std::size_t at = 0; (at = finder.find_scalar(text, at)) != std::string::npos; ++at) stops_scalar.push_back(at);
    REQUIRE(stops == stops_scalar);
    for (std::size_t at : occurrences(text)) REQUIRE(std::binary_search(stops.begin(), stops.end(), at));
    found += static_cast<long>(occurrences(text).size());
    // From any starting point, the first stop is at or before the first occurrence.
    std::size_t from = text.empty() ? 0 : rng() % text.size();
    auto all = occurrences(text);
    auto next = std::lower_bound(all.begin(), all.end(), from);
    if (next != all.end()) REQUIRE(finder.find(text, from) <= *next);
  }
  CHECK(found > 10000);
  CHECK(finder.find("a LEARNING REVIEW", 0) == 2);
  CHECK(finder.find("learning revie", 0) == std::string::npos);  // too short to hold a needle
  CHECK(LiteralFinder().find("owner", 0) == std::string::npos);
}

TEST_CASE("glob_match follows gitignore-like rules", "[util]") {
  CHECK(glob_match("*.md", "docs/a.md"));
  CHECK(glob_match("docs/*.md", "docs/a.md"));
  CHECK_FALSE(glob_match("docs/*.md", "docs/sub/a.md"));
  CHECK(glob_match("docs/**/*.md", "docs/sub/deep/a.md"));
  CHECK(glob_match("docs/**/*.md", "docs/a.md"));
  CHECK(glob_match("drafts/", "handbook/drafts/x.md"));
  CHECK(glob_match("incidents/202[45]-*.md", "incidents/2025-01-01.md"));
  CHECK_FALSE(glob_match("incidents/202[45]-*.md", "incidents/2023-01-01.md"));
}

TEST_CASE("did_you_mean suggests the closest id", "[util]") {
  std::vector<std::string> ids = {"learning-review/vague-audience", "learning-review/no-distribution"};
  CHECK(closest_match("learning-review/vage-audience", ids) == "learning-review/vague-audience");
  CHECK(closest_match("something-else-entirely/zzz", ids).empty());
  CHECK(did_you_mean("learning-review/no-distributon", ids) == " (did you mean 'learning-review/no-distribution'?)");
}

TEST_CASE("line_ending_of: the first line's ending, LF when there is none", "[util]") {
  CHECK(line_ending_of("a\r\nb\n") == "\r\n");
  CHECK(line_ending_of("a\nb\r\n") == "\n");
  CHECK(line_ending_of("a\rb") == "\r");
  CHECK(line_ending_of("one line") == "\n");
  CHECK(line_ending_of("") == "\n");
}

TEST_CASE("trim_newlines: blank ends off, inside kept", "[util]") {
  CHECK(trim_newlines("\n\nWhy it matters.\n\nMore.  \r\n\n") == "Why it matters.\n\nMore.");
  CHECK(trim_newlines("") == "");
}
