// The document model every rule reads: titles, sections, blocks, list items,
// links, labels, suppressions and front matter, all with 1-based line numbers
// of the file as it is on disk.

#include <catch2/catch.hpp>
#include <cmark.h>

#include <algorithm>
#include <functional>
#include <random>

#include <string>
#include <vector>

#include "document/document.h"
#include "document/front_matter.h"
#include "document/suppressions.h"
#include "util/text.h"

using namespace lessonlint;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

Document parse(std::string text) { return parse_document("postmortems/doc.md", std::move(text)); }

// Replaces every "\n" with "\r\n".
std::string crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::string kPostmortem =
    "---\n"                                                            // 1
    "title: \"Database outage\"\n"                                     // 2
    "type: postmortem\n"                                               // 3
    "tags: [db, outage]\n"                                             // 4
    "---\n"                                                            // 5
    "# Ignored H1\n"                                                   // 6
    "\n"                                                               // 7
    "Intro text.\n"                                                    // 8
    "\n"                                                               // 9
    "## Summary\n"                                                     // 10
    "\n"                                                               // 11
    "A **bold** word. See [runbook](https://example.com/a/b/c) now.\n"  // 12
    "\n"                                                               // 13
    "### Details\n"                                                    // 14
    "\n"                                                               // 15
    "- **Impact**: users saw errors\n"                                 // 16
    "  - nested item\n"                                                // 17
    "    continued\n"                                                  // 18
    "- second\n"                                                       // 19
    "\n"                                                               // 20
    "```\n"                                                            // 21
    "code words here\n"                                                // 22
    "```\n"                                                            // 23
    "\n"                                                               // 24
    "## **Broader** lessons\n"                                         // 25
    "\n"                                                               // 26
    "**Key events**\n"                                                 // 27
    "\n"                                                               // 28
    "Last para.\n";                                                    // 29

}  // namespace

// ---------------------------------------------------------------------------
// Titles

TEST_CASE("the title comes from the first H1", "[document]") {
  Document d = parse("Intro paragraph.\n\n# Database outage\n\n## Summary\n\n# Second H1\n");
  CHECK(d.title == "Database outage");
  CHECK(d.title_line == 3);
  CHECK(d.title_column == 3);
}

TEST_CASE("the title skips leading H2s and takes the H1", "[document]") {
  Document d = parse("## Not the title\n\ntext\n\n# The title\n");
  CHECK(d.title == "The title");
  CHECK(d.title_line == 5);
}

TEST_CASE("a front matter title overrides the H1 and points at the field", "[document]") {
  Document d = parse(kPostmortem);
  CHECK(d.title == "Database outage");
  CHECK(d.title_line == 2);
  CHECK(d.title_column == 8);  // the opening quote of the value
}

TEST_CASE("without any title, title_line points at the first line of the body", "[document]") {
  SECTION("after front matter") {
    Document d = parse("---\ntype: postmortem\n---\nJust text.\n");
    CHECK(d.title.empty());
    CHECK(d.title_line == 4);
    CHECK(d.title_column == 1);
  }
  SECTION("without front matter") {
    Document d = parse("Just text.\n\n## Only an H2\n");
    CHECK(d.title.empty());
    CHECK(d.title_line == 1);
  }
  SECTION("front matter that is the whole file") {
    Document d = parse("---\ntype: postmortem\n---\n");
    CHECK(d.title.empty());
    CHECK(d.title_line == 3);  // clamped to the last line that exists
  }
}

TEST_CASE("an empty front matter title falls back to the H1", "[document]") {
  Document d = parse("---\ntitle: \"\"\n---\n# From the heading\n");
  CHECK(d.title == "From the heading");
  CHECK(d.title_line == 4);
}

// ---------------------------------------------------------------------------
// Sections

TEST_CASE("sections form a tree with levels, parents and 1-based lines", "[document]") {
  Document d = parse(kPostmortem);
  REQUIRE(d.sections.size() == 5);

  const Section& pre = d.sections[0];
  CHECK(pre.heading.empty());
  CHECK(pre.level == 0);
  CHECK(pre.parent == -1);
  CHECK(pre.line == 1);
  CHECK(pre.end_line == 5);  // the front matter
  CHECK(pre.blocks.empty());

  const Section& h1 = d.sections[1];
  CHECK(h1.heading == "Ignored H1");
  CHECK(h1.level == 1);
  CHECK(h1.line == 6);
  CHECK(h1.column == 3);
  CHECK(h1.end_line == 29);
  CHECK(h1.parent == 0);

  const Section& summary = d.sections[2];
  CHECK(summary.heading == "Summary");
  CHECK(summary.level == 2);
  CHECK(summary.line == 10);
  CHECK(summary.column == 4);
  CHECK(summary.end_line == 24);  // subsections included, up to the next H2
  CHECK(summary.parent == 1);

  const Section& details = d.sections[3];
  CHECK(details.heading == "Details");
  CHECK(details.level == 3);
  CHECK(details.line == 14);
  CHECK(details.end_line == 24);
  CHECK(details.parent == 2);

  const Section& broader = d.sections[4];
  CHECK(broader.heading == "Broader lessons");  // markup removed
  CHECK(broader.level == 2);
  CHECK(broader.line == 25);
  CHECK(broader.end_line == 29);
  CHECK(broader.parent == 1);
}

TEST_CASE("section blocks are the leaf blocks directly in the section", "[document]") {
  Document d = parse(kPostmortem);
  REQUIRE(d.sections.size() == 5);
  // The H1 section holds the intro paragraph only (its own heading is not a block of it).
  REQUIRE(d.sections[1].blocks.size() == 1);
  CHECK(d.blocks[static_cast<std::size_t>(d.sections[1].blocks[0])].line == 8);
  // Summary: one paragraph; Details' list and code are not Summary's.
  REQUIRE(d.sections[2].blocks.size() == 1);
  CHECK(d.blocks[static_cast<std::size_t>(d.sections[2].blocks[0])].line == 12);
  // Details: three list paragraphs and the code block.
  REQUIRE(d.sections[3].blocks.size() == 4);
  CHECK(d.blocks[static_cast<std::size_t>(d.sections[3].blocks[3])].kind == BlockKind::Code);
  for (int b : d.sections[3].blocks) CHECK(d.blocks[static_cast<std::size_t>(b)].section == 3);
  // Every block but a section's own heading is in its section's range.
  for (std::size_t b = 0; b < d.blocks.size(); ++b) {
    const Section& sec = d.sections[static_cast<std::size_t>(d.blocks[b].section)];
    bool own_heading = d.blocks[b].section > 0 && d.blocks[b].line == sec.line;
    bool listed = !sec.blocks.empty() && static_cast<int>(b) >= sec.blocks.front() && static_cast<int>(b) <= sec.blocks.back();
    CHECK(listed != own_heading);
  }
}

TEST_CASE("section bodies run from the line after the heading to end_line", "[document]") {
  Document d = parse(kPostmortem);
  REQUIRE(d.sections.size() == 5);
  std::string_view body = d.slice(d.sections[4].body);
  CHECK(body == "\n**Key events**\n\nLast para.");
  std::string_view details = d.slice(d.sections[3].body);
  CHECK_THAT(std::string(details), StartsWith("\n- **Impact**"));
  CHECK_THAT(std::string(details), Contains("code words here"));
  CHECK_THAT(std::string(details), !Contains("Broader"));
}

TEST_CASE("heading text is plain: emphasis, code and links are stripped", "[document]") {
  Document d = parse("## **Broader** lessons\n\n## The `db-01` [primary](http://x) *failed*   again\n");
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[1].heading == "Broader lessons");
  CHECK(d.sections[2].heading == "The db-01 primary failed again");
}

TEST_CASE("a closing ATX sequence is not part of the heading", "[document]") {
  Document d = parse("## Timeline ##\n");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].heading == "Timeline");
}

TEST_CASE("setext headings are sections; headings in quotes or lists are not", "[document]") {
  Document d = parse(
      "Title\n"         // 1
      "=====\n"         // 2
      "\n"              // 3
      "Sub\n"           // 4
      "---\n"           // 5
      "text\n"          // 6
      "\n"              // 7
      "> # quoted\n"    // 8
      "\n"              // 9
      "- # in list\n");  // 10
  REQUIRE(d.sections.size() == 3);
  CHECK(d.title == "Title");
  CHECK(d.title_line == 1);
  CHECK(d.sections[1].heading == "Title");
  CHECK(d.sections[1].level == 1);
  CHECK(d.sections[1].line == 1);
  CHECK(d.sections[1].end_line == 10);
  CHECK(d.sections[2].heading == "Sub");
  CHECK(d.sections[2].level == 2);
  CHECK(d.sections[2].line == 4);
  CHECK(d.sections[2].end_line == 10);
  CHECK(d.sections[2].parent == 1);
  // The underline belongs to the heading, not to the body.
  CHECK_THAT(std::string(d.slice(d.sections[2].body)), StartsWith("text"));

  // The heading blocks cover the underline.
  REQUIRE(d.blocks.size() == 5);
  CHECK(d.blocks[0].kind == BlockKind::Heading);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 2);
  CHECK(d.blocks[1].line == 4);
  CHECK(d.blocks[1].end_line == 5);

  // The quoted and listed headings are heading blocks, but nothing more.
  CHECK(d.blocks[3].kind == BlockKind::Heading);
  CHECK(d.blocks[3].line == 8);
  CHECK(d.blocks[3].in_quote);
  CHECK(d.blocks[4].kind == BlockKind::Heading);
  CHECK(d.blocks[4].line == 10);
  CHECK(d.blocks[4].in_list_item);
  for (const Section& s : d.sections) {
    CHECK(s.heading != "quoted");
    CHECK(s.heading != "in list");
  }
}

TEST_CASE("a setext heading whose text contains '#' still owns its underline", "[document]") {
  // src/document/document.cc decides "is this setext?" by looking for a '#'
  // anywhere on the heading line, so "Issue #42" is taken for an ATX heading.
  Document d = parse("Issue #42 outage\n================\n\nBody.\n");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].heading == "Issue #42 outage");
  REQUIRE(!d.blocks.empty());
  CHECK(d.blocks[0].end_line == 2);
  CHECK_THAT(std::string(d.slice(d.sections[1].body)), !Contains("===="));
}

TEST_CASE("a multi-line setext heading ends at its underline", "[document]") {
  // Only the line right after the first heading line is checked for an
  // underline, so a two-line setext heading leaves its second line and
  // underline in the body.
  Document d = parse("Line one\nline two\n========\n\nBody.\n");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].heading == "Line one line two");
  REQUIRE(!d.blocks.empty());
  CHECK(d.blocks[0].end_line == 3);
  CHECK(std::string(d.slice(d.sections[1].body)) == "\nBody.");
}

TEST_CASE("the preamble is section 0 and holds what comes before the first heading", "[document]") {
  Document d = parse("Some intro\nover two lines.\n\n# T\n\nbody\n");
  REQUIRE(d.sections.size() == 2);
  const Section& pre = d.sections[0];
  CHECK(pre.level == 0);
  CHECK(pre.line == 1);
  CHECK(pre.end_line == 3);
  REQUIRE(pre.blocks.size() == 1);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 2);
  CHECK(d.blocks[0].section == 0);
  CHECK(d.sections[1].line == 4);
  CHECK(d.sections[1].end_line == 6);
}

TEST_CASE("a document starting with a heading has an empty preamble", "[document]") {
  Document d = parse("# T\n\ntext\n");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].line == 1);
  CHECK(d.sections[0].end_line == 0);
  CHECK(d.sections[0].blocks.empty());
  CHECK(d.sections[1].end_line == 3);
}

TEST_CASE("a document without headings is one preamble section", "[document]") {
  Document d = parse("one\n\ntwo\n\nthree\n");
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].end_line == 5);
  CHECK(d.sections[0].blocks.size() == 3);
}

// ---------------------------------------------------------------------------
// Line numbers: front matter, BOM, CRLF

TEST_CASE("line numbers stay those of the file after YAML front matter", "[document]") {
  Document d = parse("---\ntitle: X\nowner: sre\n---\n\n# Heading\n\n## Impact\n\nText [l](u).\n");
  CHECK(d.front_matter.present);
  CHECK(d.front_matter.first_line == 1);
  CHECK(d.front_matter.last_line == 4);
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[1].line == 6);
  CHECK(d.sections[2].line == 8);
  REQUIRE(d.links.size() == 1);
  CHECK(d.links[0].line == 10);
  CHECK(d.links[0].column == 6);
  // The front matter is not read as Markdown (a thematic break and a setext heading).
  for (const Block& b : d.blocks) CHECK(b.line > 4);
}

TEST_CASE("a UTF-8 BOM is dropped and line 1 stays line 1", "[document]") {
  SECTION("with a heading on line 1") {
    Document d = parse("\xEF\xBB\xBF# Title\n\n## A\n\nx [l](u)\n");
    CHECK(d.had_bom);
    CHECK(d.valid_utf8);
    CHECK(d.text.substr(0, 7) == "# Title");
    CHECK(d.title == "Title");
    CHECK(d.title_line == 1);
    CHECK(d.title_column == 3);
    REQUIRE(d.sections.size() == 3);
    CHECK(d.sections[1].line == 1);
    CHECK(d.sections[2].line == 3);
    REQUIRE(d.links.size() == 1);
    CHECK(d.links[0].line == 5);
    CHECK(d.line_text(1) == "# Title");
  }
  SECTION("with front matter") {
    Document d = parse("\xEF\xBB\xBF---\ntitle: Y\n---\n# T\n");
    CHECK(d.had_bom);
    CHECK(d.front_matter.present);
    CHECK(d.front_matter.last_line == 3);
    CHECK(d.title == "Y");
    CHECK(d.title_line == 2);
    REQUIRE(d.sections.size() == 2);
    CHECK(d.sections[1].line == 4);
  }
  SECTION("without a BOM") {
    CHECK_FALSE(parse("# T\n").had_bom);
  }
}

TEST_CASE("CRLF line endings give the same lines as LF", "[document]") {
  const std::string lf =
      "---\ntitle: X\n---\n# H1\n\n## A\ntext\n\nSetext\n------\nmore\n\n- item\n  - nested\n";
  Document a = parse(lf);
  Document b = parse(crlf(lf));
  CHECK(b.front_matter.present);
  CHECK(b.front_matter.last_line == a.front_matter.last_line);
  CHECK(b.title == "X");
  CHECK(b.title_line == a.title_line);
  CHECK(b.line_count() == a.line_count());
  REQUIRE(b.sections.size() == a.sections.size());
  REQUIRE(a.sections.size() == 4);
  for (std::size_t i = 0; i < a.sections.size(); ++i) {
    INFO("section " << i);
    CHECK(b.sections[i].heading == a.sections[i].heading);
    CHECK(b.sections[i].line == a.sections[i].line);
    CHECK(b.sections[i].end_line == a.sections[i].end_line);
    CHECK(b.sections[i].level == a.sections[i].level);
  }
  CHECK(b.sections[3].heading == "Setext");
  CHECK(b.sections[3].line == 9);
  REQUIRE(b.blocks.size() == a.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    CHECK(b.blocks[i].line == a.blocks[i].line);
    CHECK(b.blocks[i].end_line == a.blocks[i].end_line);
  }
  REQUIRE(b.items.size() == 2);
  CHECK(b.items[1].depth == 1);
  CHECK(b.items[1].line == 14);
  for (int l = 1; l <= b.line_count(); ++l) {
    CHECK(b.line_text(l) == a.line_text(l));
    CHECK(b.line_text(l).find('\r') == std::string_view::npos);
  }
  CHECK(b.line_text(4) == "# H1");
}

TEST_CASE("front matter positions with CRLF line endings", "[document]") {
  Document d = parse(crlf("---\ntitle: X\nowner: sre\ntags:\n  - a\n---\n# H\n"));
  REQUIRE(d.front_matter.present);
  CHECK(d.front_matter.last_line == 6);
  CHECK(d.front_matter.text("owner") == "sre");
  CHECK(d.front_matter.position("owner") == std::pair{3, 8});
  CHECK(d.front_matter.position("tags") == std::pair{5, 3});
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 7);

  Document bad = parse(crlf("---\ntitle: X\ntags: [a\n---\n# H\n"));
  REQUIRE(bad.front_matter.error);
  CHECK(bad.front_matter.error_line == 4);
  CHECK(bad.title == "H");
}

TEST_CASE("CR-only line endings give CommonMark's line numbers", "[document]") {
  // CommonMark (and cmark) end a line at a lone "\r", but line_starts() only
  // splits on "\n": every cmark line is clamped to line 1, and the paragraph
  // of section A is attributed to section B.
  Document d = parse("# A\r\rtext\r\r## B\r");
  CHECK(d.line_count() == 5);
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[2].line == 5);
  REQUIRE(d.blocks.size() == 3);
  CHECK(d.blocks[1].section == 1);
}

TEST_CASE("position, offset and line_text agree", "[document]") {
  Document d = parse("ab\ncd\r\nef");
  CHECK(d.line_count() == 3);
  CHECK(d.line_text(0).empty());
  CHECK(d.line_text(2) == "cd");
  CHECK(d.line_text(3) == "ef");
  CHECK(d.line_text(4).empty());
  CHECK(d.position(0) == std::pair{1, 1});
  CHECK(d.position(4) == std::pair{2, 2});
  CHECK(d.position(8) == std::pair{3, 2});
  CHECK(d.offset(2, 2) == 4);
  CHECK(d.offset(2, 99) == 5);  // clamped to the end of the line, before "\r\n"
  CHECK(d.offset(99, 1) == 7);  // clamped to the last line
}

// ---------------------------------------------------------------------------
// Blocks and words

TEST_CASE("paragraphs in list items are marked in_list_item", "[document]") {
  Document d = parse("Plain paragraph.\n\n- listed one\n- listed two\n\n> quoted\n");
  REQUIRE(d.blocks.size() == 4);
  CHECK(d.blocks[0].kind == BlockKind::Paragraph);
  CHECK_FALSE(d.blocks[0].in_list_item);
  CHECK_FALSE(d.blocks[0].in_quote);
  CHECK(d.blocks[1].kind == BlockKind::Paragraph);
  CHECK(d.blocks[1].in_list_item);
  CHECK(d.blocks[1].line == 3);
  CHECK(d.blocks[2].in_list_item);
  CHECK(d.blocks[2].line == 4);
  CHECK(d.blocks[3].in_quote);
  CHECK_FALSE(d.blocks[3].in_list_item);
}

TEST_CASE("block kinds and line ranges", "[document]") {
  Document d = parse(
      "# H\n"             // 1
      "\n"                // 2
      "para one\n"        // 3
      "para two\n"        // 4
      "\n"                // 5
      "```text\n"         // 6
      "a\n"               // 7
      "b\n"               // 8
      "```\n"             // 9
      "\n"                // 10
      "    indented\n"    // 11
      "    code\n"        // 12
      "\n"                // 13
      "<div>\n"           // 14
      "html\n"            // 15
      "</div>\n"          // 16
      "\n"                // 17
      "***\n");           // 18
  REQUIRE(d.blocks.size() == 6);
  CHECK(d.blocks[0].kind == BlockKind::Heading);
  CHECK(d.blocks[1].kind == BlockKind::Paragraph);
  CHECK(d.blocks[1].line == 3);
  CHECK(d.blocks[1].end_line == 4);
  CHECK(d.slice(d.blocks[1].span) == "para one\npara two");
  CHECK(d.blocks[2].kind == BlockKind::Code);
  CHECK(d.blocks[2].line == 6);
  CHECK(d.blocks[2].end_line == 9);  // the fences included
  CHECK(d.blocks[3].kind == BlockKind::Code);
  CHECK(d.blocks[3].line == 11);
  CHECK(d.blocks[3].end_line == 12);
  CHECK(d.blocks[4].kind == BlockKind::Html);
  CHECK(d.blocks[4].line == 14);
  CHECK(d.blocks[4].end_line == 16);
  CHECK(d.blocks[5].kind == BlockKind::ThematicBreak);
  CHECK(d.blocks[5].line == 18);
}

TEST_CASE("code blocks do not count as words", "[document]") {
  Document d = parse("Intro words here.\n\n```\nfoo bar baz qux\n```\n\n    indented code words\n\n- item one\n");
  CHECK(d.word_count == 5);
  REQUIRE(d.blocks.size() == 4);
  CHECK(d.blocks[0].words == 3);
  CHECK(d.blocks[1].kind == BlockKind::Code);
  CHECK(d.blocks[1].words == 0);
  CHECK(d.blocks[2].words == 0);
  CHECK(d.blocks[3].words == 2);
}

TEST_CASE("inline code counts as words, markup does not", "[document]") {
  Document d = parse("Restart **the** `db-01` _host_.\n");
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].words == 5);  // Restart the db 01 host
  CHECK(d.word_count == 5);
}

TEST_CASE("word counts leave link targets out", "[document]") {
  Document d = parse("See [the runbook](https://example.com/runbooks/db/failover-procedure) now.\n");
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].words == 4);
  CHECK(d.word_count == 4);
  Document ref = parse("See [the runbook][rb] now.\n\n[rb]: https://example.com/a/b/c/d/e\n");
  CHECK(ref.word_count == 4);
}

TEST_CASE("word counts leave the URL of an autolink out", "[document]") {
  // An autolink's text is its URL; the model counts it as six words.
  Document d = parse("See <https://status.example.com/incidents/42>.\n");
  CHECK(d.word_count == 1);
}

TEST_CASE("heading words count toward the heading block", "[document]") {
  Document d = parse("# Three word title\n\nfour words in here\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].words == 3);
  CHECK(d.blocks[1].words == 4);
  CHECK(d.word_count == 7);
}

// ---------------------------------------------------------------------------
// List items

TEST_CASE("list items have a depth, a first line and a last line", "[document]") {
  Document d = parse(kPostmortem);
  REQUIRE(d.items.size() == 3);
  CHECK(d.items[0].line == 16);
  CHECK(d.items[0].end_line == 18);  // the nested item included
  CHECK(d.items[0].depth == 0);
  CHECK(d.items[0].section == 3);
  CHECK(d.items[1].line == 17);
  CHECK(d.items[1].end_line == 18);  // a lazy continuation line
  CHECK(d.items[1].depth == 1);
  CHECK(d.items[2].line == 19);
  CHECK(d.items[2].end_line == 19);
  CHECK(d.items[2].depth == 0);
  CHECK(d.slice(d.items[1].span) == "- nested item\n    continued");
}

TEST_CASE("deeper nested lists with a second paragraph", "[document]") {
  Document d = parse(
      "- a\n"            // 1
      "  - b\n"          // 2
      "    - c\n"        // 3
      "\n"               // 4
      "      c2 para\n"  // 5
      "  - d\n"          // 6
      "- e\n"            // 7
      "\n"               // 8
      "1. first\n"       // 9
      "2. second\n");    // 10
  REQUIRE(d.items.size() == 7);
  struct Want {
    int line, end_line, depth;
  };
  const Want want[] = {{1, 6, 0}, {2, 5, 1}, {3, 5, 2}, {6, 6, 1}, {7, 7, 0}, {9, 9, 0}, {10, 10, 0}};
  for (std::size_t i = 0; i < 7; ++i) {
    INFO("item " << i);
    CHECK(d.items[i].line == want[i].line);
    CHECK(d.items[i].end_line == want[i].end_line);
    CHECK(d.items[i].depth == want[i].depth);
  }
}

// ---------------------------------------------------------------------------
// Links

TEST_CASE("links keep their target, text, line and column", "[document]") {
  Document d = parse(
      "- first line\n"                             // 1
      "  see [x](http://u) here\n"                 // 2
      "\n"                                         // 3
      "> quote line\n"                             // 4
      "> and [y](http://v)\n"                      // 5
      "\n"                                         // 6
      "para\n"                                     // 7
      "second [z](http://w)\n"                     // 8
      "\n"                                         // 9
      "A [spaced](<docs/a b.md>) and [ref][r].\n"  // 10
      "\n"                                         // 11
      "[r]: https://ref.example.com\n");           // 12
  REQUIRE(d.links.size() == 5);
  CHECK(d.links[0].target == "http://u");
  CHECK(d.links[0].text == "x");
  CHECK(d.links[0].line == 2);
  CHECK(d.links[0].column == 7);
  CHECK(d.links[1].target == "http://v");
  CHECK(d.links[1].line == 5);
  CHECK(d.links[1].column == 7);
  CHECK(d.links[2].target == "http://w");
  CHECK(d.links[2].line == 8);
  CHECK(d.links[2].column == 8);
  CHECK(d.links[3].target == "docs/a b.md");  // without the angle brackets
  CHECK(d.links[3].text == "spaced");
  CHECK(d.links[3].line == 10);
  CHECK(d.links[3].column == 3);
  CHECK(d.links[4].target == "https://ref.example.com");  // a reference link, resolved
  CHECK(d.links[4].text == "ref");
  CHECK(d.links[4].line == 10);
  CHECK(d.links[4].column == 31);
}

TEST_CASE("links in code are not links", "[document]") {
  Document d = parse("See `[x](http://a)` and [y](http://b)\n\n```\n[z](http://c)\n```\n");
  REQUIRE(d.links.size() == 1);
  CHECK(d.links[0].target == "http://b");
  CHECK(d.links[0].column == 25);
}

// ---------------------------------------------------------------------------
// Labels

TEST_CASE("bold lead-ins are labels; bold inside a sentence is not", "[document]") {
  Document d = parse(kPostmortem);
  REQUIRE(d.labels.size() == 2);
  CHECK(d.labels[0].text == "Impact");
  CHECK(d.labels[0].line == 16);
  CHECK(d.labels[0].column == 3);
  CHECK(d.labels[0].section == 3);
  CHECK(d.labels[1].text == "Key events");
  CHECK(d.labels[1].line == 27);
  CHECK(d.labels[1].column == 1);
  CHECK(d.labels[1].section == 4);
  for (const Label& l : d.labels) CHECK(l.text != "bold");
}

TEST_CASE("labels are the bold first children of paragraphs, wherever the paragraph is", "[document]") {
  // cmark's own answer, by walking the tree: strong nodes whose parent is a
  // paragraph and that are its first child, at their position, when their
  // plain text (without a trailing colon) has 1 to 80 bytes.
  std::function<void(cmark_node*, std::string&)> plain = [&](cmark_node* node, std::string& out) {
    for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
      cmark_node_type t = cmark_node_get_type(c);
      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out += cmark_node_get_literal(c);
      else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
      else plain(c, out);
    }
  };
  auto reference = [&](const std::string& text) {
    std::vector<std::pair<int, int>> out;
    cmark_node* root = cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT);
    cmark_iter* it = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it);
      if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_STRONG) continue;
      cmark_node* parent = cmark_node_parent(n);
      if (cmark_node_get_type(parent) != CMARK_NODE_PARAGRAPH || cmark_node_first_child(parent) != n) continue;
      std::string words;
      plain(n, words);
      words = collapse_space(words);
      while (!words.empty() && (words.back() == ':' || words.back() == ' ')) words.pop_back();
      if (words.empty() || words.size() > 80) continue;
      out.emplace_back(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    return out;
  };
  const std::vector<std::string> pieces = {"**Impact**", "**Owner:**", "__Key events__", "*", "_", "[**x**](u)",
                                           "<https://a.example/b>", "`code`", " text ", "- ", "> ", "1. ", "# ",
                                           "\n", "\n\n", "    ", "**", "***both***"};
  std::mt19937 rng(29);
  std::size_t labels = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 25); n > 0; --n) text += pieces[rng() % pieces.size()];
    Document d = parse(text);
    std::vector<std::pair<int, int>> got;
    for (const Label& l : d.labels) got.emplace_back(l.line, l.column);
    INFO("round " << round << ": " << text);
    REQUIRE(got == reference(text));
    labels += got.size();
  }
  CHECK(labels > 1000);
  Document d = parse("> - **Owner:** a\n>\n> [**x**](u) and *__y__*\n\n# **Heading**\n\n**Last**\n");
  REQUIRE(d.labels.size() == 2);
  CHECK(d.labels[0].text == "Owner");
  CHECK(d.labels[1].text == "Last");
}

TEST_CASE("a colon inside the bold is dropped from the label", "[document]") {
  Document d = parse("**Impact:** checkout failed\n\n__Root cause__: disk\n\nWe saw **no** alerts.\n");
  REQUIRE(d.labels.size() == 2);
  CHECK(d.labels[0].text == "Impact");
  CHECK(d.labels[0].line == 1);
  CHECK(d.labels[1].text == "Root cause");
  CHECK(d.labels[1].line == 3);
}

TEST_CASE("overly long bold text is not a label", "[document]") {
  std::string long_bold = "**" + std::string(100, 'a') + "**\n";
  CHECK(parse(long_bold).labels.empty());
}

// ---------------------------------------------------------------------------
// Suppressions

namespace {

const std::string kSuppressions =
    "# Title\n"  // 1
    "\n"         // 2
    "<!-- lessonlint-disable postmortem/too-long, postmortem/missing-section reason=\"long on purpose\" -->\n"  // 3
    "\n"            // 4
    "Text here.\n"  // 5
    "\n"            // 6
    "<!-- lessonlint-enable postmortem/too-long -->\n"  // 7
    "\n"                                                // 8
    "Para with <!-- lessonlint-disable-next-line learning-review/vague-audience reason='single quoted' --> "
    "inline.\n"                                                 // 9
    "\n"                                                        // 10
    "<!-- lessonlint-disable-file -- free text reason here -->\n"  // 11
    "\n"                                                        // 12
    "```\n"                                                     // 13
    "<!-- lessonlint-disable in-code -->\n"                     // 14
    "```\n"                                                     // 15
    "\n"                                                        // 16
    "    <!-- lessonlint-disable indented-code -->\n"           // 17
    "\n"                                                        // 18
    "<!-- lessonlint-bogus -->\n"                               // 19
    "\n"                                                        // 20
    "<!-- lessonlint-disable foo reason=\"never closed -->\n"   // 21
    "\n"                                                        // 22
    "<!-- lessonlint-disable bar reason=unquoted -->\n"         // 23
    "\n"                                                        // 24
    "- item <!-- lessonlint-disable-next-line a b -->\n"        // 25
    "  <!-- lessonlint-enable -->\n";                           // 26

}  // namespace

TEST_CASE("suppression comments: kinds, rule ids, reasons and positions", "[document]") {
  Document d = parse(kSuppressions);
  REQUIRE(d.suppressions.size() == 6);

  const Suppression& dis = d.suppressions[0];
  CHECK(dis.kind == SuppressionKind::Disable);
  CHECK(dis.rules == std::vector<std::string>{"postmortem/too-long", "postmortem/missing-section"});
  CHECK(dis.reason == "long on purpose");
  CHECK(dis.line == 3);
  CHECK(dis.column == 1);
  CHECK(dis.end_column == 101);  // one past the closing "-->"

  const Suppression& en = d.suppressions[1];
  CHECK(en.kind == SuppressionKind::Enable);
  CHECK(en.rules == std::vector<std::string>{"postmortem/too-long"});
  CHECK(en.reason.empty());
  CHECK(en.line == 7);
  CHECK(en.column == 1);

  const Suppression& next = d.suppressions[2];
  CHECK(next.kind == SuppressionKind::DisableNextLine);
  CHECK(next.rules == std::vector<std::string>{"learning-review/vague-audience"});
  CHECK(next.reason == "single quoted");
  CHECK(next.line == 9);
  CHECK(next.column == 11);  // inline, after "Para with "

  const Suppression& file = d.suppressions[3];
  CHECK(file.kind == SuppressionKind::DisableFile);
  CHECK(file.rules.empty());  // all rules
  CHECK(file.reason == "free text reason here");
  CHECK(file.line == 11);

  const Suppression& item = d.suppressions[4];
  CHECK(item.kind == SuppressionKind::DisableNextLine);
  CHECK(item.rules == std::vector<std::string>{"a", "b"});
  CHECK(item.line == 25);
  CHECK(item.column == 8);

  const Suppression& en_all = d.suppressions[5];
  CHECK(en_all.kind == SuppressionKind::Enable);
  CHECK(en_all.rules.empty());
  CHECK(en_all.line == 26);
  CHECK(en_all.column == 3);
}

TEST_CASE("comments in code blocks are not suppressions", "[document]") {
  Document d = parse(kSuppressions);
  for (const Suppression& s : d.suppressions) {
    CHECK(s.line != 14);
    CHECK(s.line != 17);
    for (const std::string& r : s.rules) {
      CHECK(r != "in-code");
      CHECK(r != "indented-code");
    }
  }
  Document inline_code = parse("Write `<!-- lessonlint-disable-file -->` to silence a file.\n");
  CHECK(inline_code.suppressions.empty());
  CHECK(inline_code.suppression_errors.empty());
}

TEST_CASE("malformed suppression comments become errors with line and column", "[document]") {
  Document d = parse(kSuppressions);
  REQUIRE(d.suppression_errors.size() == 3);
  CHECK(d.suppression_errors[0].line == 19);
  CHECK(d.suppression_errors[0].column == 1);
  CHECK_THAT(d.suppression_errors[0].message, Contains("unknown directive 'lessonlint-bogus'"));
  CHECK(d.suppression_errors[1].line == 21);
  CHECK(d.suppression_errors[1].column == 1);
  CHECK_THAT(d.suppression_errors[1].message, Contains("closing quote is missing"));
  CHECK(d.suppression_errors[2].line == 23);
  CHECK(d.suppression_errors[2].column == 1);
  CHECK_THAT(d.suppression_errors[2].message, Contains("reason= needs a quoted text"));
}

TEST_CASE("suppressions after front matter and with CRLF keep file lines", "[document]") {
  const std::string lf = "---\ntitle: X\n---\n\n<!-- lessonlint-disable-file r1 -->\n\ntext\n";
  for (const std::string& text : {lf, crlf(lf)}) {
    Document d = parse(text);
    REQUIRE(d.suppressions.size() == 1);
    CHECK(d.suppressions[0].line == 5);
    CHECK(d.suppressions[0].column == 1);
    CHECK(d.suppressions[0].rules == std::vector<std::string>{"r1"});
  }
}

TEST_CASE("suppressions inside front matter are # comment lines", "[document]") {
  const std::string lf =
      "---\ntitle: X\n  # lessonlint-disable-next-line r1 reason=\"set later\"\ndistribution: TBD\n"
      "# lessonlint-disable-next-line r2 reason=\"unterminated\n# an ordinary comment\n---\n\n"
      "# lessonlint-disable r3 (a heading, not a comment)\n";
  for (const std::string& text : {lf, crlf(lf)}) {
    Document d = parse(text);
    CHECK_FALSE(d.front_matter.error);
    CHECK(d.front_matter.text("distribution") == "TBD");
    REQUIRE(d.suppressions.size() == 1);
    CHECK(d.suppressions[0].kind == SuppressionKind::DisableNextLine);
    CHECK(d.suppressions[0].line == 3);
    CHECK(d.suppressions[0].column == 3);
    CHECK(d.suppressions[0].rules == std::vector<std::string>{"r1"});
    CHECK(d.suppressions[0].reason == "set later");
    REQUIRE(d.suppression_errors.size() == 1);  // the unterminated reason
    CHECK(d.suppression_errors[0].line == 5);
  }
}

TEST_CASE("a multi-line suppression comment", "[document]") {
  Document d = parse("one\n\n<!--\nlessonlint-disable q\n  reason=\"two\n  lines\" -->\n");
  REQUIRE(d.suppressions.size() == 1);
  CHECK(d.suppressions[0].line == 3);
  CHECK(d.suppressions[0].column == 1);
  CHECK(d.suppressions[0].rules == std::vector<std::string>{"q"});
  CHECK(d.suppressions[0].reason == "two\n  lines");
}

TEST_CASE("find_suppressions on an HTML fragment", "[document]") {
  auto ms = find_suppressions(
      "<p>x</p><!--lessonlint-disable a,b reason=\"r\"--> <!-- not ours --> <!-- lessonlint-enable -->");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].offset == 8);
  REQUIRE(ms[0].suppression);
  CHECK(ms[0].suppression->rules == std::vector<std::string>{"a", "b"});
  CHECK(ms[0].suppression->reason == "r");
  CHECK(ms[0].length == std::string("<!--lessonlint-disable a,b reason=\"r\"-->").size());
  REQUIRE(ms[1].suppression);
  CHECK(ms[1].suppression->kind == SuppressionKind::Enable);
  CHECK(ms[1].suppression->rules.empty());

  auto bad = find_suppressions("<!-- lessonlint-disable-line x -->");
  REQUIRE(bad.size() == 1);
  CHECK_FALSE(bad[0].suppression);
  CHECK_THAT(bad[0].error, Contains("lessonlint-disable-line"));

  CHECK(find_suppressions("<!-- just a comment -->").empty());
}

TEST_CASE("a suppression is located at its own column, not at the same text in a code span",
          "[document]") {
  // add_suppressions() finds the comment by searching the raw text from the
  // start of the paragraph, so an identical comment quoted in a code span
  // earlier on the line gets the position.
  const std::string line = "Write `<!-- lessonlint-disable x -->` then <!-- lessonlint-disable x --> here.\n";
  Document d = parse(line);
  REQUIRE(d.suppressions.size() == 1);
  int want = static_cast<int>(line.rfind("<!--")) + 1;  // 44
  CHECK(d.suppressions[0].column == want);
}

TEST_CASE("a multi-line suppression comment in a list item keeps its column", "[document]") {
  // The html literal of a list item has lost its indentation, so the comment
  // is not found in the source and the position falls back to column 1.
  Document d = parse("- item\n\n  <!-- lessonlint-disable a\n  b reason=\"r\" -->\n");
  REQUIRE(d.suppressions.size() == 1);
  CHECK(d.suppressions[0].line == 3);
  CHECK(d.suppressions[0].column == 3);
}

// ---------------------------------------------------------------------------
// Front matter

TEST_CASE("malformed YAML front matter: error at a file line inside the front matter", "[document]") {
  Document d = parse(
      "---\n"            // 1
      "title: X\n"       // 2
      "tags: [a, b\n"    // 3: unclosed bracket
      "owner: me\n"      // 4
      "---\n"            // 5
      "# Body\n"         // 6
      "\n"               // 7
      "## Sec\n");       // 8
  const FrontMatter& fm = d.front_matter;
  CHECK(fm.present);
  REQUIRE(fm.error);
  CHECK_THAT(*fm.error, StartsWith("malformed front matter"));
  CHECK(fm.error_line == 4);
  CHECK(fm.error_column == 6);
  CHECK(fm.error_line > fm.first_line);
  CHECK(fm.error_line < fm.last_line);
  // The body is still parsed, at its own lines.
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[1].heading == "Body");
  CHECK(d.sections[1].line == 6);
  CHECK(d.sections[2].line == 8);
  CHECK(d.title == "Body");
  CHECK(fm.text("title").empty());
}

TEST_CASE("malformed front matter: an illegal map value", "[document]") {
  Document d = parse("---\ntitle: X\nkey: : bad\n---\n# B\n");
  REQUIRE(d.front_matter.error);
  CHECK(d.front_matter.error_line == 3);
  CHECK(d.front_matter.error_column == 6);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 5);
}

TEST_CASE("front matter errors at the end of the YAML stay within the front matter", "[document]") {
  Document d = parse("---\ntags: [a, b\n---\n# B\n");
  REQUIRE(d.front_matter.error);
  CHECK(d.front_matter.error_line >= 2);
  CHECK(d.front_matter.error_line <= d.front_matter.last_line);
}

TEST_CASE("front matter that is a list is an error", "[document]") {
  Document d = parse("---\n- a\n- b\n---\n# Body\n");
  const FrontMatter& fm = d.front_matter;
  CHECK(fm.present);
  REQUIRE(fm.error);
  CHECK_THAT(*fm.error, Contains("not a mapping"));
  CHECK(fm.error_line == 2);
  CHECK(fm.error_column == 1);
  CHECK(fm.fields.empty());
  CHECK_FALSE(fm.has("a"));
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 5);
}

TEST_CASE("a scalar front matter is an error too", "[document]") {
  Document d = parse("---\njust text\n---\n# Body\n");
  REQUIRE(d.front_matter.error);
  CHECK(d.front_matter.error_line == 2);
}

TEST_CASE("a leading --- without a closing fence is not front matter", "[document]") {
  Document d = parse("---\ntitle: X\n# Not closed\n\n## Sec\n");
  CHECK_FALSE(d.front_matter.present);
  CHECK_FALSE(d.front_matter.error);
  CHECK(d.title == "Not closed");
  CHECK(d.title_line == 3);
  REQUIRE(d.sections.size() == 3);
  REQUIRE(!d.blocks.empty());
  CHECK(d.blocks[0].kind == BlockKind::ThematicBreak);
  CHECK(d.blocks[0].line == 1);
}

TEST_CASE("front matter must start on line 1", "[document]") {
  Document d = parse("\n---\ntitle: X\n---\n# H\n");
  CHECK_FALSE(d.front_matter.present);
  CHECK(d.title == "H");
}

TEST_CASE("empty front matter and a ... closing fence", "[document]") {
  Document empty = parse("---\n---\n# H\n");
  CHECK(empty.front_matter.present);
  CHECK_FALSE(empty.front_matter.error);
  CHECK(empty.front_matter.last_line == 2);
  CHECK(empty.front_matter.fields.empty());
  CHECK(empty.title == "H");

  Document dots = parse("---\ntitle: T\n...\n# H\n");
  CHECK(dots.front_matter.present);
  CHECK(dots.front_matter.last_line == 3);
  CHECK(dots.title == "T");
  REQUIRE(dots.sections.size() == 2);
  CHECK(dots.sections[1].line == 4);
}

TEST_CASE("FrontMatter::text, has and position", "[document]") {
  Document d = parse(
      "---\n"                       // 1
      "title: \"Database outage\"\n"  // 2
      "severity: 2\n"               // 3
      "tags: [db, outage]\n"        // 4
      "owners:\n"                   // 5
      "  - alice\n"                 // 6
      "  - bob\n"                   // 7
      "empty:\n"                    // 8
      "---\n"                       // 9
      "# H\n");
  const FrontMatter& fm = d.front_matter;
  REQUIRE_FALSE(fm.error);
  CHECK(fm.text("title") == "Database outage");
  CHECK(fm.text("severity") == "2");
  CHECK(fm.text("tags") == "db, outage");
  CHECK(fm.text("owners") == "alice, bob");
  CHECK(fm.text("empty").empty());
  CHECK(fm.text("missing").empty());
  CHECK(fm.has("title"));
  CHECK(fm.has("empty"));
  CHECK_FALSE(fm.has("missing"));
  CHECK(fm.position("title") == std::pair{2, 8});
  CHECK(fm.position("severity") == std::pair{3, 11});
  CHECK(fm.position("tags") == std::pair{4, 7});
  CHECK(fm.position("owners") == std::pair{6, 3});  // the block sequence's first item
  CHECK(fm.position("empty") == std::pair{8, 1});   // no value: the key
  CHECK(fm.position("missing") == std::pair{1, 1});
}

TEST_CASE("parse_front_matter on its own", "[document]") {
  std::string text = "---\na: 1\n---\nbody\n";
  std::vector<std::size_t> lines{0, 4, 9, 13};
  FrontMatter fm = parse_front_matter(text, lines);
  CHECK(fm.present);
  CHECK(fm.first_line == 1);
  CHECK(fm.last_line == 3);
  CHECK(text.substr(fm.span.begin, fm.span.end - fm.span.begin) == "a: 1\n");
  CHECK(fm.text("a") == "1");
}

TEST_CASE("TOML front matter with +++ fences", "[document]") {
  Document d = parse(
      "+++\n"                  // 1
      "title = \"X\"\n"         // 2
      "tags = [\"a\", \"b\"]\n"  // 3
      "date = 2024-01-01\n"    // 4
      "draft = false # wip\n"  // 5
      "\n"                     // 6
      "[extra]\n"              // 7
      "ignored = \"y\"\n"       // 8
      "+++\n"                  // 9
      "# H\n");                // 10
  const FrontMatter& fm = d.front_matter;
  CHECK(fm.present);
  CHECK(fm.toml);
  CHECK_FALSE(fm.error);
  CHECK(fm.first_line == 1);
  CHECK(fm.last_line == 9);
  CHECK(fm.text("title") == "X");
  CHECK(fm.position("title") == std::pair{2, 9});
  CHECK(fm.text("tags") == "a, b");
  CHECK(fm.position("tags") == std::pair{3, 8});
  CHECK(fm.text("date") == "2024-01-01");
  CHECK(fm.text("draft") == "false");
  CHECK_FALSE(fm.has("ignored"));  // inside a table
  CHECK(fm.position("missing") == std::pair{1, 1});
  CHECK(d.title == "X");
  CHECK(d.title_line == 2);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 10);
}

TEST_CASE("TOML: a comment after a quoted value is not part of the value", "[document]") {
  // parse_toml only strips " #" comments when the value is not quoted.
  Document d = parse("+++\ntitle = \"Y\" # the title\n+++\n");
  CHECK(d.front_matter.text("title") == "Y");
  CHECK(d.title == "Y");
}

TEST_CASE("TOML: commas inside quoted array items", "[document]") {
  // parse_toml splits the array on every ',' before unquoting, so quoted items
  // that contain a comma come out in pieces with their quotes.
  Document d = parse("+++\nauthors = [\"Smith, J.\", \"Doe, A.\"]\n+++\n");
  const FrontMatterField* authors = d.front_matter.find("authors");
  REQUIRE(authors);
  CHECK(authors->values.size() == 2);
  CHECK(d.front_matter.text("authors") == "Smith, J., Doe, A.");
}

// ---------------------------------------------------------------------------
// Robustness

TEST_CASE("empty input", "[document]") {
  Document d = parse("");
  CHECK(d.text.empty());
  CHECK(d.line_count() == 1);
  CHECK(d.line_text(1).empty());
  CHECK_FALSE(d.front_matter.present);
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].line == 1);
  CHECK(d.sections[0].end_line == 1);
  CHECK(d.blocks.empty());
  CHECK(d.items.empty());
  CHECK(d.title.empty());
  CHECK(d.title_line == 1);
  CHECK(d.word_count == 0);
  CHECK(d.valid_utf8);
  CHECK_FALSE(d.had_bom);
}

TEST_CASE("a lone BOM and a lone newline", "[document]") {
  Document bom = parse("\xEF\xBB\xBF");
  CHECK(bom.had_bom);
  CHECK(bom.text.empty());
  CHECK(bom.sections.size() == 1);
  Document nl = parse("\n");
  CHECK(nl.line_count() == 1);
  CHECK(nl.sections.size() == 1);
}

TEST_CASE("only front matter", "[document]") {
  Document d = parse("---\ntitle: Only\n---\n");
  CHECK(d.front_matter.present);
  CHECK(d.title == "Only");
  CHECK(d.title_line == 2);
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].end_line == 3);
  CHECK(d.sections[0].body.begin == d.sections[0].body.end);
  CHECK(d.blocks.empty());
  CHECK(d.word_count == 0);
}

TEST_CASE("a NUL byte inside the text", "[document]") {
  std::string text = "# Ti";
  text += '\0';
  text += "tle\n\nText with ";
  text += '\0';
  text += " nul.\n";
  Document d = parse(text);
  CHECK(d.text.size() == text.size());
  CHECK(d.line_count() == 3);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 1);
  CHECK(d.sections[1].end_line == 3);
  CHECK(d.sections[1].heading == "Ti\xEF\xBF\xBDtle");  // NUL read as U+FFFD
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[1].line == 3);
  CHECK(d.blocks[1].words == 4);
}

TEST_CASE("invalid UTF-8 bytes", "[document]") {
  Document d = parse("# Bad \xFF\xFE bytes\n\ntext \xC3\n");
  CHECK_FALSE(d.valid_utf8);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].line == 1);
  CHECK_THAT(d.sections[1].heading, StartsWith("Bad "));
  CHECK_THAT(d.title, Contains("bytes"));
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[1].line == 3);
  CHECK(parse("caf\xC3\xA9").valid_utf8);
}

TEST_CASE("10,000 nested blockquote markers on one line", "[document]") {
  std::string text(10000, '>');
  text += " deep\n\n# After\n";
  Document d = parse(text);
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].in_quote);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].words == 1);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].heading == "After");
  CHECK(d.sections[1].line == 3);
}

TEST_CASE("2,000 nested list levels", "[document]") {
  SECTION("on one line") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "- ";
    text += "x\n";
    Document d = parse(text);
    REQUIRE(d.items.size() == 2000);
    CHECK(d.items.front().depth == 0);
    CHECK(d.items.back().depth == 1999);
    for (const ListItem& item : d.items) {
      CHECK(item.line == 1);
      CHECK(item.end_line == 1);
    }
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].in_list_item);
  }
  SECTION("one level per line") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += std::string(static_cast<std::size_t>(2 * i), ' ') + "- level\n";
    Document d = parse(text);
    CHECK(d.line_count() == 2000);
    REQUIRE(d.items.size() == 2000);
    bool ok = true;
    for (std::size_t i = 0; i < d.items.size(); ++i)
      ok = ok && d.items[i].line == static_cast<int>(i) + 1 && d.items[i].depth == static_cast<int>(i) &&
           d.items[i].end_line == 2000;
    CHECK(ok);
    CHECK(d.word_count == 2000);
  }
}

TEST_CASE("a 1 MB single line", "[document]") {
  std::string text;
  text.reserve(1000001);
  for (int i = 0; i < 200000; ++i) text += "word ";
  text += "\n";
  Document d = parse(text);
  CHECK(d.line_count() == 1);
  CHECK(d.word_count == 200000);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 1);
  CHECK(d.line_text(1).size() == 1000000);  // the trailing space is part of the line
}

TEST_CASE("a 1 MB heading line", "[document]") {
  std::string text = "# " + std::string(1 << 20, 'a') + "\n";
  Document d = parse(text);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.title.size() == (1u << 20));
  CHECK(d.word_count == 1);
}

TEST_CASE("unterminated constructs do not hang or lose lines", "[document]") {
  Document d = parse("```\nnever closed\n\n# not a heading\n");
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].kind == BlockKind::Code);
  CHECK(d.blocks[0].line == 1);
  CHECK(d.blocks[0].end_line == 4);  // to the end of the file
  CHECK(d.sections.size() == 1);
  Document c = parse("<!-- lessonlint-disable x\nnever closed\n");
  CHECK(c.suppressions.empty());
}
