// The engine: configuration (enable, disable, severity, overrides, options),
// inline suppressions and the findings about them, fingerprints, ordering.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>

#include "engine/engine.h"
#include "test_support.h"
#include "util/text.h"

using namespace lessonlint;
using namespace lessonlint::test;

namespace {
const std::string kVague =
    "# Learning review: x\n\n## What we used to believe\nA.\n\n## What we now believe\nB.\n\n"
    "## Where else this applies\nOther teams should read this.\n";
const char* kRule = "learning-review/vague-audience";

Config config_from(const std::string& yaml) {
  auto c = parse_config(yaml, "/repo/.lessonlint.yaml");
  REQUIRE(c.ok());
  return *c;
}
}  // namespace

TEST_CASE("config disables, enables and re-ranks rules", "[engine]") {
  CHECK(only(check_text("a.md", kVague), kRule).size() == 1);
  CHECK(only(check_text("a.md", kVague, config_from("disable: [learning-review/vague-audience]\n")), kRule).empty());
  auto raised = only(check_text("a.md", kVague, config_from("severity: {learning-review/vague-audience: error}\n")), kRule);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].severity == Severity::Error);
  Config per_path = config_from("overrides:\n  - files: ['archive/**']\n    disable: [learning-review/vague-audience]\n");
  CHECK(only(check_text("archive/2019/a.md", kVague, per_path), kRule).empty());
  CHECK(only(check_text("current/a.md", kVague, per_path), kRule).size() == 1);
}

TEST_CASE("config options change a rule's bounds without copying it", "[engine]") {
  std::string words = "# Learning review: x\n\n";
  for (int i = 0; i < 40; ++i) words += "lots of words in this review. ";
  Config tight = config_from("options:\n  learning-review/too-long:\n    max: 100\n");
  CHECK(only(check_text("learning-reviews/a.md", words, tight), "learning-review/too-long").size() == 1);
  CHECK(only(check_text("learning-reviews/a.md", words), "learning-review/too-long").empty());
  Config bad = config_from("options:\n  learning-review/too-long:\n    maxx: 100\n");
  auto engine = Engine::create(builtin_rules(), bad);
  REQUIRE_FALSE(engine.ok());
  CHECK_THAT(engine.error().message, Catch::Contains("maxx"));
  Config unknown = config_from("disable: [learning-review/vage-audience]\n");
  auto e2 = Engine::create(builtin_rules(), unknown);
  REQUIRE_FALSE(e2.ok());
  CHECK(e2.error().line == 1);
  CHECK_THAT(e2.error().message, Catch::Contains("did you mean 'learning-review/vague-audience'"));
}

TEST_CASE("inline suppressions silence findings and keep them for SARIF", "[engine][suppressions]") {
  auto with = [](const std::string& comment_line_before, int insert_before_line) {
    std::vector<std::string> lines;
    std::string cur;
    for (char c : kVague) {
      if (c == '\n') {
        lines.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    lines.insert(lines.begin() + (insert_before_line - 1), comment_line_before);
    std::string out;
    for (auto& l : lines) out += l + "\n";
    return out;
  };
  SECTION("disable-next-line with a reason") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/vague-audience reason=\"company-wide by design\" -->", 10));
    auto v = only(f, kRule);
    REQUIRE(v.size() == 1);
    CHECK(v[0].suppressed);
    CHECK(v[0].suppression_reason == "company-wide by design");
    CHECK(only(f, "lessonlint/unused-suppression").empty());
  }
  SECTION("disable without ids silences every rule until enable") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable -->", 9));
    REQUIRE(only(f, kRule).size() == 1);
    CHECK(only(f, kRule)[0].suppressed);
  }
  SECTION("enable ends the region") {
    std::string text = "<!-- lessonlint-disable learning-review/vague-audience -->\n<!-- lessonlint-enable learning-review/vague-audience -->\n" + kVague;
    auto f = check_text("a.md", text);
    REQUIRE(only(f, kRule).size() == 1);
    CHECK_FALSE(only(f, kRule)[0].suppressed);
  }
  SECTION("disable-file") {
    auto f = check_text("a.md", kVague + "<!-- lessonlint-disable-file learning-review/vague-audience -->\n");
    CHECK(only(f, kRule)[0].suppressed);
  }
  SECTION("a suppression that silences nothing is reported") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/no-distribution -->", 3));
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK(u[0].line == 3);
    CHECK_THAT(u[0].message, Catch::Contains("silences nothing"));
  }
  SECTION("an unknown rule id is reported with a suggestion") {
    auto f = check_text("a.md", with("<!-- lessonlint-disable-next-line learning-review/vage-audience -->", 10));
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK_THAT(u[0].message, Catch::Contains("did you mean 'learning-review/vague-audience'"));
    CHECK_FALSE(only(f, kRule)[0].suppressed);
  }
  SECTION("a malformed comment is reported") {
    auto f = check_text("a.md", kVague + "<!-- lessonlint-disabel learning-review/vague-audience -->\n");
    auto u = only(f, "lessonlint/unused-suppression");
    REQUIRE(u.size() == 1);
    CHECK_THAT(u[0].message, Catch::Contains("unknown directive"));
  }
}

TEST_CASE("malformed front matter is a finding and the rest is still checked", "[engine]") {
  std::string text = "---\ntype: learning-review\naudience: [other teams\n---\n" + kVague.substr(kVague.find('\n') + 1);
  auto f = check_text("a.md", "---\ntype: learning-review\naudience: [x\n---\n# Learning review: x\n\n## Where else this applies\nEveryone.\n");
  auto fm = only(f, "lessonlint/front-matter");
  REQUIRE(fm.size() == 1);
  CHECK(fm[0].line >= 3);
  CHECK(fm[0].line <= 4);
  CHECK(fm[0].severity == Severity::Error);
  CHECK(only(f, kRule).size() == 1);
}

TEST_CASE("fingerprints survive edits above the finding", "[engine]") {
  auto before = only(check_text("a.md", kVague), kRule);
  auto after = only(check_text("a.md", "Intro paragraph added later.\n\n" + kVague), kRule);
  REQUIRE(before.size() == 1);
  REQUIRE(after.size() == 1);
  CHECK(before[0].line != after[0].line);
  CHECK(before[0].fingerprint == after[0].fingerprint);
  CHECK(before[0].fingerprint.size() == 32);
  auto other_path = only(check_text("b.md", kVague), kRule);
  CHECK(other_path[0].fingerprint != before[0].fingerprint);
}

TEST_CASE("fingerprints keep their values: baselines written by earlier versions still match", "[engine]") {
  // Values of the first implementation, which built the whole key as a string.
  CHECK(fingerprint("learning-review/vague-audience", "docs/a.md", fingerprint_text("  Other   TEAMS\n should "), 0) ==
        "c6bf286e54edcb373fd079dd85864694");
  CHECK(fingerprint("r", "", "", 12) == "ede476eca35e2b1059f4f604604c4747");
  CHECK(fingerprint("rule/x", "p/\xC3\xA9.md", "\xE2\x80\x94 x", 3) == "af3eb39dec843f1f3422eb0a45cef61d");
  // And that implementation, on random keys.
  auto reference = [](const std::string& rule, const std::string& rel, const std::string& text, int n) {
    std::string key = rule + '\0' + rel + '\0' + text + '\0' + std::to_string(n);
    std::uint64_t h1 = 14695981039346656037ull, h2 = 0x84222325cbf29ce4ull;
    for (unsigned char c : key) {
      h1 = (h1 ^ c) * 1099511628211ull;
      h2 = (h2 ^ c) * 0x100000001b3ull;
      h2 ^= h2 >> 29;
    }
    return fmt::format("{:016x}{:016x}", h1, h2);
  };
  std::mt19937 rng(23);
  auto random_text = [&] {
    std::string t(rng() % 40, ' ');
    for (auto& c : t) c = static_cast<char>(rng() % 256);
    return t;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string rule = random_text(), rel = random_text(), raw = random_text();
    int n = static_cast<int>(rng() % 100000);
    INFO("round " << round);
    REQUIRE(fingerprint_text(raw) == to_lower_ascii(collapse_space(raw)));
    REQUIRE(fingerprint(rule, rel, raw, n) == reference(rule, rel, raw, n));
  }
}

TEST_CASE("run() is deterministic and the same with one job or many", "[engine]") {
  MemorySource source;
  std::vector<InputFile> files;
  for (int i = 0; i < 40; ++i) {
    std::string rel = "learning-reviews/r" + std::to_string(i) + ".md";
    source.files[rel] = kVague;
    files.push_back({rel, rel});
  }
  Config config;
  auto engine = Engine::create(builtin_rules(), config);
  REQUIRE(engine.ok());
  RunResult one = (*engine)->run(files, source, 1);
  RunResult many = (*engine)->run(files, source, 4);
  REQUIRE(one.findings.size() == many.findings.size());
  REQUIRE(one.findings.size() >= 80);
  for (std::size_t i = 0; i < one.findings.size(); ++i) {
    CHECK(one.findings[i].path == many.findings[i].path);
    CHECK(one.findings[i].line == many.findings[i].line);
    CHECK(one.findings[i].rule_id == many.findings[i].rule_id);
  }
  CHECK(std::is_sorted(one.findings.begin(), one.findings.end(), finding_less));
}

namespace {
// Counts how often each document is read, through either door.
class CountingSource final : public Source {
 public:
  MemorySource inner;
  mutable std::mutex mutex;
  mutable std::map<std::string, int> reads;
  Expected<std::string> read(const InputFile& file) const override { return read_rel(file.rel); }
  bool exists(const std::string& rel) const override { return inner.exists(rel); }
  Expected<std::string> read_rel(const std::string& rel) const override {
    std::lock_guard<std::mutex> lock(mutex);
    ++reads[rel];
    return inner.read_rel(rel);
  }
};

std::vector<std::string> described(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    out.push_back(f.rel + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.rule_id + " " + f.message);
  return out;
}
}  // namespace

TEST_CASE("run() reads a linked document of the run once, in any order and with any number of jobs", "[engine]") {
  const std::string review_body =
      "\n## What we used to believe\nA.\n\n## What we now believe\nB.\n\n## Where else this applies\n"
      "The payments team.\n\n## Distribution\nThe engineering newsletter.\n";
  CountingSource source;
  auto& docs = source.inner.files;
  // a: links a postmortem of the run, one outside it, and itself; p1 links back (a cycle).
  docs["learning-reviews/a.md"] = "# Learning review: a\n\nFrom [the outage](../postmortems/p1.md), [an older one](../postmortems/p2.md) "
                                  "and [this review](a.md).\n" + review_body;
  docs["postmortems/p1.md"] = "# Postmortem: p1\n\nSee [the review](../learning-reviews/a.md).\n";
  docs["postmortems/p2.md"] = "# Postmortem: p2\n";
  // b: a missing postmortem (a broken link) and one known by its title alone, in the run.
  docs["learning-reviews/b.md"] = "# Learning review: b\n\nFrom [a lost one](../postmortems/gone.md) and "
                                  "[the notes](../notes/x.md).\n" + review_body;
  docs["notes/x.md"] = "# Postmortem: the cache stampede\n";
  // c: links only a document of the run that is no postmortem.
  docs["learning-reviews/c.md"] = "# Learning review: c\n\nFrom [the handbook](../handbook.md).\n" + review_body;
  docs["handbook.md"] = "# Handbook\n";
  std::vector<InputFile> files;
  for (const char* rel : {"handbook.md", "learning-reviews/a.md", "learning-reviews/b.md", "learning-reviews/c.md",
                          "notes/x.md", "postmortems/p1.md"})
    files.push_back({rel, rel});
  Config config;  // the engine refers to it
  auto engine = Engine::create(builtin_rules(), config);
  REQUIRE(engine.ok());

  RunResult first = (*engine)->run(files, source, 1);
  for (const auto& f : files) {
    INFO(f.rel);
    // a is asked about while it is being checked (its own link, and p1's back
    // link while p1 is checked ahead): read once more for that, once for both.
    CHECK(source.reads[f.rel] == (f.rel == "learning-reviews/a.md" ? 2 : 1));
  }
  CHECK(source.reads["postmortems/p2.md"] == 1);  // outside the run: read once for its kind
  std::vector<std::string> expected = described(first);
  auto has = [&](const std::string& rel, const std::string& rule) {
    return std::any_of(first.findings.begin(), first.findings.end(),
                       [&](const Finding& f) { return f.rel == rel && f.rule_id == rule; });
  };
  CHECK_FALSE(has("learning-reviews/a.md", "learning-review/no-postmortem-link"));
  CHECK(has("learning-reviews/b.md", "learning-review/no-postmortem-link"));  // the broken link
  CHECK_FALSE(has("learning-reviews/c.md", "learning-review/missing-section"));
  CHECK(has("learning-reviews/c.md", "learning-review/no-postmortem-link"));  // a handbook is no postmortem

  std::vector<InputFile> reversed(files.rbegin(), files.rend());
  for (int jobs : {1, 2, 4}) {
    for (const auto* order : {&files, &reversed}) {
      CAPTURE(jobs, order == &reversed);
      source.reads.clear();
      CHECK(described((*engine)->run(*order, source, jobs)) == expected);
      for (const auto& f : files) CHECK(source.reads[f.rel] <= 2);  // once, or twice when it was being checked
    }
  }
}

TEST_CASE("run(): the section patterns searched at once find what they find one by one", "[engine]") {
  // The example handbook, four times over under other names: a run of 40
  // documents builds the set; a run of one document tries each pattern.
  MemorySource source;
  std::vector<InputFile> files;
  for (const char* name : {"postmortems/2026-03-17-orders-table-migration-slowdown.md",
                           "postmortems/2026-03-24-partner-gateway-cert-expiry.md",
                           "postmortems/2026-04-02-catalog-cache-stampede.md",
                           "postmortems/2026-04-09-pricing-rate-limit-config-push.md",
                           "postmortems/2026-04-16-notifications-queue-backlog.md",
                           "learning-reviews/2026-04-catalog-cache-stampede-review.md",
                           "learning-reviews/2026-04-online-migrations-need-a-window.md",
                           "learning-reviews/2026-04-queue-depth-is-not-a-health-signal.md", "README.md", "EXPECTED.md"}) {
    std::string text = read_text(source_dir() + "/examples/handbook/" + name);
    for (int copy = 0; copy < 4; ++copy) {
      std::string rel = std::string(name).insert(std::string(name).rfind('.'), "-" + std::to_string(copy));
      source.files[rel] = text;
      files.push_back({rel, rel});
    }
  }
  REQUIRE(files.size() >= Engine::kHeadingSetMin);
  Config config;
  auto one_by_one = Engine::create(builtin_rules(), config);
  auto at_once = Engine::create(builtin_rules(), config);
  REQUIRE(one_by_one.ok());
  REQUIRE(at_once.ok());
  std::vector<std::string> alone;
  for (const auto& f : files) {
    auto found = described((*one_by_one)->run({f}, source, 1));
    alone.insert(alone.end(), found.begin(), found.end());
  }
  CHECK_FALSE((*one_by_one)->heading_set_built());
  std::vector<std::string> together = described((*at_once)->run(files, source, 2));
  CHECK((*at_once)->heading_set_built());
  std::sort(alone.begin(), alone.end());
  std::sort(together.begin(), together.end());
  CHECK(alone == together);
  // Rules that look sections up by heading have findings here, so the comparison says something.
  for (const char* rule : {"postmortem/action-item-owner", "postmortem/embedded-lessons", "learning-review/vague-audience"}) {
    INFO(rule);
    CHECK(std::any_of(together.begin(), together.end(), [&](const std::string& d) { return d.find(rule) != std::string::npos; }));
  }
}

TEST_CASE("one problem, one finding: a superseded rule's findings go while the superseding rule reports", "[engine]") {
  const std::string recap =
      "# Learning review: checkout slowdown\n\n## What happened\nAt 14:02 UTC a migration started. We rolled back at "
      "14:49.\n\n## Distribution\n#eng-learning\n";
  auto findings = check_text("a.md", recap);
  CHECK(only(findings, "learning-review/summary-only").size() == 1);
  CHECK(only(findings, "learning-review/missing-section").empty());
  // Off, or silenced in the document, summary-only no longer speaks for the
  // document: missing-section reports what is missing, once.
  auto off = check_text("a.md", recap, config_from("disable: [learning-review/summary-only]\n"));
  auto missing = only(off, "learning-review/missing-section");
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].message, Catch::Contains("\"what we used to believe\", \"what we now believe\" or \"where else "
                                                 "this applies\""));
  auto silenced = check_text(
      "a.md", "<!-- lessonlint-disable-file learning-review/summary-only reason=\"a stub\" -->\n" + recap);
  CHECK(only(silenced, "learning-review/missing-section").size() == 1);
}
