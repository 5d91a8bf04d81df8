// The shared matching helpers the checks use: line patterns searched once per
// document, and every section pattern searched at once per heading.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>

#include "document/document.h"
#include "rules/checks/common.h"
#include "test_support.h"
#include "util/yaml_util.h"

using namespace lessonlint;

namespace {

LinePattern lp(const std::string& pattern) { return line_pattern(compile_builtin(pattern)); }

// What Matches::find gives for `re`: its sections, or nullopt when `re` is not in the set.
std::optional<std::vector<int>> found(const HeadingPatterns::Matches& m, const RE2& re) {
  std::span<const int> sections;
  if (!m.find(re, sections)) return std::nullopt;
  return std::vector<int>(sections.begin(), sections.end());
}

std::vector<int> all_lines(const Document& d) {
  std::vector<int> out;
  for (int l = 1; l <= d.line_count(); ++l) out.push_back(l);
  return out;
}

// The plain definition: each line on its own.
long count_line_by_line(const Document& d, const RE2& re, const std::vector<int>& lines) {
  long n = 0;
  for (int l : lines) {
    std::string_view t = d.line_text(l);
    if (RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), re)) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("count_matching_lines counts what a line-by-line search counts", "[rules][common]") {
  const std::string text =
      "foo at the start\n"          // 1
      "xfoo inside a word\n"        // 2
      "ends with foo\n"             // 3
      "\n"                          // 4
      "foo\n"                       // 5
      "two foo foo on one line\n"   // 6
      "nothing here\n"              // 7
      "FOO upper case\n"            // 8
      "Should this generate a LEARNING Review?\n"  // 9
      "\xE2\x84\xAA\xC5\xBF: Kelvin sign, long s\n";  // 10: fold to k and s
  const char* patterns[] = {"^foo", "foo$", "\\bfoo\\b", "(?i)^foo", "^$", "foo", "\\Afoo", "o\\s+t", "^.*$",
                            "(?i)\\blearning[- ]reviews?\\b", "(?i)ks:", "(?i)kelvin", "absent literal", "(?i)absent",
                            "\\b\\bfoo", "(?i)(?s)\\bfoo\\b", "(?i:\\bfoo)", "\\\\bfoo", "(?U)\\bo"};
  for (bool crlf : {false, true}) {
    Document d = parse_document("d.md", crlf ? test::to_crlf(text) : text);
    for (const char* p : patterns) {
      INFO("pattern " << p << (crlf ? " (CRLF)" : ""));
      LinePattern re = lp(p);
      std::vector<int> lines = all_lines(d);
      CHECK(count_matching_lines(d, re, lines, -1) == count_line_by_line(d, *re.line, lines));
      std::vector<int> some = {2, 3, 5, 8};
      CHECK(count_matching_lines(d, re, some, -1) == count_line_by_line(d, *re.line, some));
    }
  }
  Document d = parse_document("d.md", text);
  CHECK(count_line_by_line(d, *lp("^foo").line, all_lines(d)) == 2);  // the check above is not vacuous
  CHECK(count_line_by_line(d, *lp("(?i)ks:").line, all_lines(d)) == 1);  // found through case folding
  CHECK(count_matching_lines(d, lp("(?i)ks:"), all_lines(d), -1) == 1);
  CHECK(count_matching_lines(d, lp("foo"), all_lines(d), 2) == 2);    // stops at stop_at
  CHECK(count_matching_lines(d, lp("foo"), {}, -1) == 0);
  CHECK_FALSE(lp("\\Afoo").multiline());  // \A cannot be searched across lines
  CHECK(lp("^foo").multiline());
  // A leading \b is left out of the twin (the lines it finds are checked with the
  // pattern itself), so that RE2 can skip ahead to the literal; nothing else is.
  CHECK(lp("(?i)\\blearning\\b").multiline()->pattern() == "(?m)(?i)learning\\b");
  CHECK(lp("(?i:\\bfoo)").multiline()->pattern() == "(?m)(?i:\\bfoo)");
  CHECK(lp("\\\\bfoo").multiline()->pattern() == "(?m)\\\\bfoo");
  CHECK(count_matching_lines(d, lp("\\bfoo"), {2}, -1) == 0);  // "xfoo": the twin finds it, the check does not
}

TEST_CASE("required_literals: the strings RE2's prefilter says every match holds", "[rules][common]") {
  using V = std::vector<std::string>;
  auto literals = [](const std::string& p) {
    V out = required_literals(*compile_builtin(p));
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(literals("(?i)\\blearning[- ]reviews?\\b") == V{"learning review", "learning-review"});
  CHECK(literals("(?i)owner|deadline") == V{"deadline", "owner"});
  CHECK(literals("\\d{1,2}:\\d{2}").empty());      // no string at all
  CHECK(literals("(?i)(ab|owner)").empty());           // a choice with a string under three bytes
  CHECK(literals("a|b|c|d|e|f|g").empty());            // too many, or too short
  CHECK(literals("(?i)one|two|three|four|five").empty());  // over the limit of four
  // s and k also match U+017F and U+212A: those are looked for too.
  CHECK(literals("(?i)tasks") == V{"tasks", "\xC5\xBF", "\xE2\x84\xAA"});
  CHECK(lp("(?i)\\blearning[- ]reviews?\\b").literals().find("A Learning Review", 0) == 2);
  CHECK(lp("\\d+").literals().empty());
}

TEST_CASE("count_matching_lines: the lines its strings lead to count as the search of every line", "[rules][common]") {
  // Documents of lines made of pieces that match or nearly match the patterns,
  // in any case, with the two non-ASCII letters RE2 folds to s and k, CR line
  // ends and code blocks (left out of the lines given).
  const std::vector<std::string> pieces = {"learning review", "Learning-Reviews", "LEARNING", "review", "owner: @a",
                                           "Owner", "tasks", "ta\xE2\x84\xAAs", "ta\xC5\xBF\xC5\xBF", "TASKS:",
                                           "```", " ", "- ", "\n", "\r\n", "\n\n", "plain words here ", "#"};
  const char* patterns[] = {"(?i)\\blearning[- ]reviews?\\b", "(?i)^\\W*owner", "(?i)tasks", "(?i)\\btasks:",
                            "learning review", "(?i)(review|owner)s?$"};
  std::mt19937 rng(17);
  long matched = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 60); n > 0; --n) text += pieces[rng() % pieces.size()];
    Document d = parse_document("d.md", text);
    std::vector<int> lines = body_lines(d);
    for (const char* p : patterns) {
      LinePattern re = lp(p);
      REQUIRE_FALSE(re.literals().empty());
      LinePattern plain = re.without_prefilter();
      INFO("round " << round << ", pattern " << p << ": " << text);
      long expected = count_matching_lines(d, plain, lines, -1);
      REQUIRE(count_matching_lines(d, re, lines, -1) == expected);
      REQUIRE(count_matching_lines(d, re, lines, 1) == std::min(expected, 1L));
      matched += expected;
    }
  }
  CHECK(matched > 5000);
}

TEST_CASE("HeadingPatterns: one search per heading gives what PartialMatch gives", "[rules][common]") {
  Document d = parse_document("d.md",
                              "# Title\n\n## Impact\n\ntext\n\n## Action items\n\n- x\n\n### Impact on users\n\n## Timeline\n");
  auto impact = compile_builtin("(?i)impact");
  auto actions = compile_builtin("(?i)^action items?$");
  auto none = compile_builtin("nothing matches this");
  RE2::Options case_sensitive_literal = pattern_options();
  case_sensitive_literal.set_literal(true);
  Regex other_options("Timeline", case_sensitive_literal, true);
  HeadingPatterns set({impact.get(), actions.get(), none.get(), other_options.get(), impact.get()});
  HeadingPatterns::Matches m = set.match(d);
  REQUIRE(found(m, *impact));
  CHECK(found(m, *impact) == std::vector<int>{2, 4});
  CHECK(found(m, *actions) == std::vector<int>{3});
  CHECK(found(m, *none) == std::vector<int>{});
  CHECK_FALSE(found(m, *other_options));  // other options: left to PartialMatch
  for (const Regex& re : std::vector<Regex>{impact, actions, none, other_options}) {
    std::vector<int> plain = sections_matching(d, *re);
    CHECK(sections_matching(d, *re, &m) == plain);
    for (int s = 1; s < static_cast<int>(d.sections.size()); ++s)
      CHECK(heading_matches(d, s, *re, &m) == (std::find(plain.begin(), plain.end(), s) != plain.end()));
  }
  CHECK(sections_matching(d, *other_options, &m) == std::vector<int>{5});

  // Headings seen before come from the thread's cache: the same answers in
  // another document, and none of one set's answers in another set's.
  Document again = parse_document("e.md", "# Other\n\n## Action items\n\n## Impact\n");
  HeadingPatterns::Matches m2 = set.match(again);
  CHECK(found(m2, *impact) == std::vector<int>{3});  // section 1 is "# Other"
  CHECK(found(m2, *actions) == std::vector<int>{2});
  HeadingPatterns only_none({none.get(), actions.get()});
  HeadingPatterns::Matches m3 = only_none.match(again);
  CHECK_FALSE(found(m3, *impact));
  CHECK(found(m3, *actions) == std::vector<int>{2});
  CHECK(found(m3, *none) == std::vector<int>{});
  CHECK(found(set.match(d), *impact) == std::vector<int>{2, 4});
}

TEST_CASE("PatternSet: one pass finds what PartialMatch finds of each pattern", "[rules][common]") {
  // The action-item patterns of postmortem/action-item-owner-date, and a few more.
  std::vector<Regex> owned = {
      compile_builtin("(?i)(\\[#\\d+\\]|(^|\\s)#\\d+\\b|/issues/\\d+|\\b[A-Z][A-Z0-9]+-\\d+\\b|\\[x\\]|\\bdone\\b)"),
      compile_builtin("(?i)(@[\\w][\\w.-]*|\\bowners?\\s*[:=-])"),
      compile_builtin("(?i)(\\b\\d{4}-\\d{2}-\\d{2}\\b|\\bdue\\b)"),
      compile_builtin("^- "),
      compile_builtin("x$")};
  std::vector<const RE2*> patterns;
  for (const auto& p : owned) patterns.push_back(p.get());
  PatternSet set(patterns);
  REQUIRE(set.usable());
  const char* texts[] = {"- Add an alert. Owner: @maria, due 2026-05-01",
                         "- Add an alert (JIRA-123)",
                         "- [x] done",
                         "Rotate the keys #12",
                         "nothing to see",
                         "",
                         "- owner= bob, by the end of the quarter",
                         "ends with x"};
  int matched_any = 0;
  for (const char* t : texts) {
    INFO(t);
    std::vector<int> found;
    REQUIRE(set.match(t, found));
    std::vector<int> expected;
    for (std::size_t i = 0; i < patterns.size(); ++i)
      if (RE2::PartialMatch(t, *patterns[i])) expected.push_back(static_cast<int>(i));
    CHECK(found == expected);
    matched_any += !expected.empty();
  }
  CHECK(matched_any >= 6);  // the comparison is not between two empty lists

  // Other options than the first pattern's: not usable, the caller searches each pattern.
  RE2::Options literal = pattern_options();
  literal.set_literal(true);
  auto other = std::make_shared<const RE2>("a.b", literal);
  CHECK_FALSE(PatternSet({patterns[0], other.get()}).usable());
  CHECK_FALSE(PatternSet({}).usable());
}

TEST_CASE("is_placeholder: the word-character shortcut answers as the built-in patterns do", "[rules][common]") {
  // The reference runs the patterns on every text: the built-in one in full,
  // and the short-note one ("TBD: later") as a full match of the note and what follows.
  static const RE2 note(
      R"((?is)\W*(tbd|tba|tk|todo|to ?do|fixme|xxx|placeholder|to be (written|decided|determined|confirmed|added))\b.*)");
  auto reference = [](const std::string& text) {
    return is_placeholder(text, &default_placeholder()) || is_placeholder(text, &note);
  };
  for (const char* text : {"TBD", "- tbd: after the retro", "N/A", "???", "—", "…", "to be determined", "Fill this in",
                           "owner: @alice, due 2026-01-01", "TODO write this", "pending", "_none_", "Nothing.",
                           "t\xE2\x84\xAA" /* t and the Kelvin sign, which folds to k */, "coming soon!", "12", "x"}) {
    INFO(text);
    CHECK(is_placeholder(text, nullptr) == reference(text));
  }
  // The longest placeholder word, past the 100 bytes a short note may have: only the whole-text pattern says yes.
  const std::string long_one = "To be determined" + std::string(100, '.');
  CHECK(is_placeholder(long_one, nullptr));
  CHECK(reference(long_one));
  const std::vector<std::string> tokens = {
      "tbd", "TBD", "todo", "to do", "n/a", "na", "none", "fill in", "fill this in", "to be determined", "coming soon",
      "???", "---", "...", "\xE2\x80\xA6", "pending", "placeholder", "xxx", "FixMe", "tk", "nil", "null", "nothing",
      "owner", "@alice", "2026-01-01", "the", "fix", "*", "_", "`", "-", " ", ":", "\xE2\x84\xAA", "\xC5\xBF", "<!-- x -->"};
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n) text += tokens[rng() % tokens.size()] + (rng() % 2 ? " " : "");
    // The reference leaves out the short note's 100-byte limit: stripping
    // never lengthens a text, so one of at most 100 bytes is within it.
    if (text.size() > 100) continue;
    INFO("round " << round << ": " << text);
    REQUIRE(is_placeholder(text, nullptr) == reference(text));
  }
}

TEST_CASE("is_placeholder: texts settled without stripping answer as the stripped ones", "[rules][common]") {
  // Words that start a short note's placeholder word (t, f, x, p), others,
  // underscores (a word character that stripping drops), comments, bullets,
  // marks, digits and non-ASCII letters.
  const std::vector<std::string> tokens = {
      "TBD",   "todo",   "placeholder", "Fix",  "xxx",   "to be determined", "the", "owner", "@alice", "2026-01-01",
      "alpha", "bravo",  "Roll back",   "page", "__",    "_x_",              "- ",  "+ ",    "* ",     "**",
      "`",     "#",      "> ",          ":",    "<!-- later -->",          "<", "!--", "\xC3\xA9t\xC3\xA9", "\n", "   "};
  std::mt19937 rng(5);
  int settled = 0, placeholders = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    for (int n = 1 + static_cast<int>(rng() % 30); n > 0; --n) text += tokens[rng() % tokens.size()] + (rng() % 3 ? " " : "");
    bool stripped = is_placeholder_stripped(text, nullptr);
    placeholders += stripped;
    settled += !stripped;
    INFO("round " << round << ": " << text);
    REQUIRE(is_placeholder(text, nullptr) == stripped);
  }
  CHECK(placeholders > 500);  // both answers occur
  CHECK(settled > 10000);
  // A short note led by a placeholder word, with many words after it, is still one.
  CHECK(is_placeholder("placeholder until the review with the owning team", nullptr));
  CHECK(is_placeholder("- **TBD**: after the retro with the platform team", nullptr));
  CHECK_FALSE(is_placeholder("- **Owner**: @alice, due 2026-01-01", nullptr));
}

TEST_CASE("is_placeholder: stripping only a long text's first bytes answers as stripping it whole", "[rules][common]") {
  // Bullets, marks and comments that stripping removes, so that a long text may
  // still end as a short one; placeholder words; and plain words.
  const std::vector<std::string> tokens = {"- ", "+ ", "* ", "**", "_", "`", "#", "> ", "<!-- a comment -->", "\n",
                                           "   ", "TBD", "todo", "n/a", "to be determined", "...", "the", "owner",
                                           "checkout", "2026-01-01", "@alice", ":", "â¦"};
  // Long texts with few word characters: a placeholder word among punctuation.
  const std::vector<std::string> quiet = {"- ", "* ", "**", "_", "`", "> ", "<!-- a comment -->", "...", ":", "   ",
                                          "\n", "â¦", "--", "!"};
  const std::vector<std::string> words = {"TBD", "to be determined", "n/a", "none", "todo: later", "the owner"};
  std::mt19937 rng(7);
  int long_ones = 0, placeholders = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    // Mostly long texts: up to 120 tokens.
    if (round % 2 == 0) {
      for (int n = static_cast<int>(rng() % 120); n > 0; --n) text += tokens[rng() % tokens.size()] + (rng() % 3 ? " " : "");
    } else {
      int n = static_cast<int>(rng() % 80), at = n == 0 ? 0 : static_cast<int>(rng() % static_cast<unsigned>(n));
      for (int i = 0; i <= n; ++i) text += (i == at ? words[rng() % words.size()] : quiet[rng() % quiet.size()]) + (rng() % 2 ? " " : "");
    }
    long_ones += text.size() > 128;
    bool whole = is_placeholder(text, nullptr, std::string::npos);
    placeholders += whole;
    INFO("round " << round << ": " << text);
    for (std::size_t prefix : {std::size_t{101}, std::size_t{116}, std::size_t{128}, std::size_t{200}})
      REQUIRE(is_placeholder(text, nullptr, prefix) == whole);
  }
  CHECK(long_ones > 8000);  // the cut is taken
  CHECK(placeholders > 100);  // and both answers occur
  // Bullets that take up the first bytes: the short rest is still read.
  std::string bullets;
  for (int i = 0; i < 100; ++i) bullets += "- ";
  CHECK(is_placeholder(bullets + "TBD", nullptr));
  CHECK_FALSE(is_placeholder(bullets + "Roll back the deploy and page the owning team before the window closes.", nullptr));
}
