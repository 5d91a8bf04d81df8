// The fast front matter reader against yaml-cpp: wherever the fast reader
// accepts a front matter, every field must come out exactly as yaml-cpp reads it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "document/front_matter.h"
#include "source/source.h"
#include "test_support.h"
#include "util/text.h"

using namespace lessonlint;
namespace fs = std::filesystem;

namespace {

struct Read {
  FrontMatter fast, reference;
  bool took_fast_path = false;
};

Read read_both(const std::string& text) {
  std::vector<std::size_t> lines = line_starts(text);
  Read r;
  r.fast = parse_front_matter(text, lines, YamlReader::Fast);
  r.reference = parse_front_matter(text, lines, YamlReader::YamlCpp);
  if (r.fast.present && !r.fast.toml) {
    std::size_t close = static_cast<std::size_t>(r.fast.last_line - 1);
    r.took_fast_path = read_flat_yaml(text, lines, close).has_value();
  }
  return r;
}

std::string spans_text(const std::vector<Span>& spans) {
  std::string out;
  for (const auto& s : spans) out += std::to_string(s.begin) + "-" + std::to_string(s.end) + " ";
  return out;
}

void check_same(const std::string& text) {
  Read r = read_both(text);
  INFO("front matter:\n" << text);
  CHECK(r.fast.present == r.reference.present);
  CHECK(r.fast.error == r.reference.error);
  CHECK(r.fast.error_line == r.reference.error_line);
  CHECK(r.fast.error_column == r.reference.error_column);
  REQUIRE(r.fast.fields.size() == r.reference.fields.size());
  for (std::size_t i = 0; i < r.fast.fields.size(); ++i) {
    const FrontMatterField& a = r.fast.fields[i];
    const FrontMatterField& b = r.reference.fields[i];
    INFO("field " << b.key);
    CHECK(a.key == b.key);
    CHECK(a.line == b.line);
    CHECK(a.column == b.column);
    CHECK(a.value_line == b.value_line);
    CHECK(a.value_column == b.value_column);
    CHECK(a.text == b.text);
    CHECK(a.values == b.values);
    CHECK(spans_text(a.value_spans) == spans_text(b.value_spans));
  }
}

bool fast_path_taken(const std::string& text) { return read_both(text).took_fast_path; }

std::string fm(const std::string& yaml) { return "---\n" + yaml + "---\n# Body\n"; }

}  // namespace

TEST_CASE("fast front matter reader: flat fields read as yaml-cpp reads them", "[document][front-matter]") {
  const char* cases[] = {
      "title: Database outage\nseverity: 2\n",
      "title: \"Quoted title\"\nowner: 'single'\n",
      "title: 'It''s quoted'\n",
      "title: \"\"\nempty: ''\n",
      "tags: [db, outage, us-east-1]\n",
      "tags: []\n",
      "tags: [ spaced ,  items ]\n",
      "owners:\n  - alice\n  - bob\n",
      "owners:\n    - alice\n    - 'bob'\n    - \"carol\"\nnext: x\n",
      "empty:\nafter: y\n",
      "nothing: ~\nalso: null\nNull_key: Null\nupper: NULL\n",
      "date: 2024-01-01\ntime: 12:30\n",
      "title: Outage in us-east-1, 2024\n",
      "title: issue#12 and more\n",
      "title: Zoë's outage — ünïcode\n",
      "# a comment\ntitle: X\n\n# another\nkey: value   \n",
      "owners:\n  # a comment inside the list\n  - alice\n\n  - bob\n",
      "title: trailing spaces   \ntags: [a, b]   \n",
      "a.b: dotted\nsnake_case: 1\nkebab-case: 2\n",
      "distribution: \"#incidents\"\nchannel: '#sre'\n",
      "url: https://example.com/x\n",
  };
  for (const char* c : cases) {
    std::string text = fm(c);
    check_same(text);
    INFO(text);
    CHECK(fast_path_taken(text));
  }
}

TEST_CASE("fast front matter reader: everything else goes to yaml-cpp", "[document][front-matter]") {
  const char* cases[] = {
      "title: a: b\n",                     // a second ": "
      "title: x # comment\n",              // a trailing comment
      "title: &a anchor\nother: *a\n",     // anchors and aliases
      "text: |\n  block\n",                // block scalars
      "text: >\n  folded\n",
      "nested:\n  key: value\n",           // a nested map
      "map: {a: 1}\n",                     // a flow map
      "tags: [a, [b]]\n",                  // a nested flow list
      "tags: ['quoted, comma', b]\n",      // quotes inside a flow list
      "tags: [a,, b]\n",                   // an empty flow item
      "tags: [a, ~]\n",                    // a null flow item
      "title: \"escaped \\\" quote\"\n",   // escapes
      "title: 'unclosed\n",
      "title: 'closed' trailing\n",
      "key: x\nkey: y\n",                  // a key given twice
      "\tkey: tab\n",
      "key:\tvalue\n",
      "key:value\n",                       // no space: a plain scalar, not a map
      "- a\n- b\n",                        // a list, not a map
      "just text\n",
      "owners:\n- alice\n",                // a list at the key's indentation
      "owners:\n  - alice\n   - bob\n",    // items at different indentations
      "owners:\n  -\n",                    // a null item
      "owners:\n  - alice\n  extra: 1\n",
      "title: x\n  continued\n",           // a multi-line plain scalar
      "? complex\n: key\n",
      "\"quoted key\": v\n",
      "key with space: v\n",
      "null: v\n",
      "%YAML 1.2\n",
      "!tag key: v\n",
      "key: !tag v\n",
      "key: -dash\n",
      "key: [a]extra\n",
      "title: bad \xff byte\n",
  };
  for (const char* c : cases) {
    std::string text = fm(c);
    check_same(text);
    INFO(text);
    CHECK_FALSE(fast_path_taken(text));
  }
}

TEST_CASE("fast front matter reader: CRLF line endings and positions", "[document][front-matter]") {
  std::string text = test::to_crlf(fm("title: X\nowner: sre\ntags:\n  - a\nlist: [b, c]\n"));
  check_same(text);
  CHECK(fast_path_taken(text));
}

TEST_CASE("fast front matter reader: random front matters agree with yaml-cpp", "[document][front-matter]") {
  // Lines that a flat front matter is made of, and lines that break the flat
  // form in every way the fast reader has to notice.
  const std::vector<std::string> pieces = {
      "title: Database outage",   "owner: sre-team",       "severity: 2",          "date: 2024-03-01",
      "tags: [db, outage]",       "tags: []",              "empty:",               "  - item one",
      "  - 'quoted item'",        "    - deeper",          "- top level",          "# comment",
      "",                         "title: \"quoted\"",     "title: 'it''s'",       "nothing: ~",
      "a: b: c",                  "x: y # note",           "anchor: &a v",         "alias: *a",
      "block: |",                 "  text",                "nested:",              "  inner: v",
      "flow: {a: 1}",             "list: [a, 'b']",        "title: x",             "key:value",
      "distribution: '#channel'", "audience: [sre, dba]",  "title: Zoë",           "  # indented comment",
      "type: postmortem",         "type: learning-review", "tags: [a,,b]",         "text: >-",
      "title: 'unclosed",         "url: http://x.y/z",     "k: v   ",              "dup: 1",
  };
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 8);
  int fast = 0;
  const int total = 3000;
  for (int n = 0; n < total; ++n) {
    std::string yaml;
    int k = count(rng);
    for (int i = 0; i < k; ++i) yaml += pieces[pick(rng)] + "\n";
    std::string text = fm(yaml);
    check_same(text);
    fast += fast_path_taken(text) ? 1 : 0;
  }
  // Both outcomes must be exercised for the comparison to mean anything.
  CHECK(fast > total / 20);
  CHECK(fast < total - total / 20);
}

TEST_CASE("fast front matter reader: every Markdown file in the repository's fixtures and corpus",
          "[document][front-matter]") {
  std::vector<fs::path> roots = {fs::path(LESSONLINT_SOURCE_DIR) / "tests/fixtures",
                                 fs::path(LESSONLINT_SOURCE_DIR) / "examples",
                                 fs::path(LESSONLINT_SOURCE_DIR) / "../shared/corpus/real"};
  int files = 0, with_front_matter = 0;
  for (const auto& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root, ec)) {
      if (!e.is_regular_file() || e.path().extension() != ".md") continue;
      auto bytes = read_file(e.path().string());
      REQUIRE(bytes);
      std::string text = *bytes;
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
      ++files;
      if (text.rfind("---", 0) == 0) ++with_front_matter;
      INFO(e.path().string());
      check_same(text);
    }
  }
  CHECK(files > 50);
  CHECK(with_front_matter > 10);
}
