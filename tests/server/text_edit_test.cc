#include <catch2/catch.hpp>

#include "server/text_edit.h"

using namespace lessonlint;

TEST_CASE("text_edit: positions count UTF-16 code units, as editors do", "[server]") {
  // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units (a surrogate pair).
  std::string text = "aé😀b\nsecond";
  CHECK(offset_of(text, {0, 0}) == 0);
  CHECK(offset_of(text, {0, 2}) == 3);   // after é
  CHECK(offset_of(text, {0, 4}) == 7);   // after 😀
  CHECK(offset_of(text, {0, 3}) == 3);   // inside the pair: its start
  CHECK(offset_of(text, {0, 5}) == 8);   // after b
  CHECK(offset_of(text, {0, 99}) == 8);  // past the end of the line: its end
  CHECK(offset_of(text, {1, 3}) == 12);
  CHECK(offset_of(text, {5, 0}) == text.size());  // past the last line: the end
  CHECK(position_of(text, 7).line == 0);
  CHECK(position_of(text, 7).character == 4);
  CHECK(position_of(text, 12).line == 1);
  CHECK(position_of(text, 12).character == 3);
}

TEST_CASE("text_edit: lines end at LF, CRLF or a lone CR", "[server]") {
  std::string text = "one\r\ntwo\rthree\nfour";
  CHECK(offset_of(text, {1, 0}) == 5);
  CHECK(offset_of(text, {2, 0}) == 9);
  CHECK(offset_of(text, {3, 1}) == 16);
  CHECK(offset_of(text, {0, 10}) == 3);  // the end of the line is before its \r\n
  auto p = position_of(text, 4);         // between \r and \n: the end of the line
  CHECK(p.line == 0);
  CHECK(p.character == 3);
}

TEST_CASE("text_edit: edits replace, insert and delete across lines", "[server]") {
  std::string text = "# Title\n\nSome text.\n";
  apply_edit(text, {2, 5}, {2, 9}, "words");
  CHECK(text == "# Title\n\nSome words.\n");
  apply_edit(text, {1, 0}, {1, 0}, "<!-- c -->\n");
  CHECK(text == "# Title\n<!-- c -->\n\nSome words.\n");
  apply_edit(text, {0, 7}, {2, 0}, "");
  CHECK(text == "# Title\nSome words.\n");
  apply_edit(text, {1, 4}, {1, 0}, "!");  // an end before the start: an insertion at the start
  CHECK(text == "# Title\nSome! words.\n");
  apply_edit(text, {9, 0}, {9, 0}, "end");  // past the end: appended
  CHECK(text == "# Title\nSome! words.\nend");
}

TEST_CASE("text_edit: a UTF-8 sequence cut short by a line end is one byte", "[server]") {
  // A three-byte lead followed by a line feed (the fuzzer found it): the line
  // ends where it ends, and positions map to offsets and back.
  std::string text = "ab\xE9\ncd\xF0\x9F\n";
  CHECK(offset_of(text, {0, 3}) == 3);
  CHECK(offset_of(text, {0, 9}) == 3);
  CHECK(offset_of(text, {1, 0}) == 4);
  CHECK(offset_of(text, {1, 3}) == 7);
  for (std::size_t i = 0; i <= text.size(); ++i) CHECK(offset_of(text, position_of(text, i)) <= text.size());
  CHECK(position_of(text, 4).line == 1);
}
