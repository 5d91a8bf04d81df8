#pragma once
// What each fuzz target does with one input. The libFuzzer entry points
// (fuzz/fuzz_*.cc) and the regression test that replays saved inputs
// (tests/fuzz/regressions_test.cc) both call these, so a saved crash runs
// exactly as the fuzzer found it. Header-only: the tests build it with gcc,
// the fuzzers with clang.
//
// A violated invariant calls std::abort(), which libFuzzer reports as a crash
// and the regression test as a failed test.

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "document/document.h"
#include "document/front_matter.h"
#include "document/suppressions.h"
#include "server/jsonrpc.h"
#include "server/text_edit.h"
#include "engine/engine.h"
#include "rules/loader.h"
#include "source/source.h"
#include "util/text.h"

namespace lessonlint::fuzz {

[[noreturn]] inline void invariant_failed(const char* what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

#define LESSONLINT_FUZZ_CHECK(cond) \
  do {                              \
    if (!(cond)) ::lessonlint::fuzz::invariant_failed(#cond); \
  } while (0)

inline void check_span(const Document& doc, Span s) {
  LESSONLINT_FUZZ_CHECK(s.begin <= s.end);
  LESSONLINT_FUZZ_CHECK(s.end <= doc.text.size());
}

// The document model's own promises: spans inside the text, 1-based lines
// inside the file, sections that point at existing sections and at their own blocks.
inline void check_document_model(const Document& doc) {
  const int lines = doc.line_count();
  LESSONLINT_FUZZ_CHECK(lines >= 1);
  auto line_ok = [&](int l) { return l >= 1 && l <= lines; };
  for (const auto& b : doc.blocks) {
    check_span(doc, b.span);
    LESSONLINT_FUZZ_CHECK(line_ok(b.line));
    LESSONLINT_FUZZ_CHECK(b.section >= 0 && static_cast<std::size_t>(b.section) < doc.sections.size());
  }
  for (const auto& s : doc.sections) {
    check_span(doc, s.body);
    LESSONLINT_FUZZ_CHECK(line_ok(s.line));
    LESSONLINT_FUZZ_CHECK(s.parent >= -1 && s.parent < static_cast<int>(doc.sections.size()));
  }
  for (std::size_t i = 0; i < doc.sections.size(); ++i)
    for (int b : doc.sections[i].blocks) {
      LESSONLINT_FUZZ_CHECK(b >= 0 && static_cast<std::size_t>(b) < doc.blocks.size());
      LESSONLINT_FUZZ_CHECK(doc.blocks[static_cast<std::size_t>(b)].section == static_cast<int>(i));
    }
  for (const auto& i : doc.items) {
    check_span(doc, i.span);
    LESSONLINT_FUZZ_CHECK(line_ok(i.line));
  }
  for (const auto& l : doc.links) LESSONLINT_FUZZ_CHECK(line_ok(l.line));
  for (const auto& s : doc.suppressions) LESSONLINT_FUZZ_CHECK(line_ok(s.line));
  if (doc.front_matter.present) check_span(doc, doc.front_matter.span);
}

inline void check_findings(const Document& doc, const std::vector<Finding>& findings) {
  const int lines = doc.line_count();
  for (const auto& f : findings) {
    LESSONLINT_FUZZ_CHECK(f.line >= 1 && f.line <= lines);
    LESSONLINT_FUZZ_CHECK(f.end_line >= f.line && f.end_line <= lines);
    LESSONLINT_FUZZ_CHECK(f.column >= 1 && f.end_column >= 1);
    LESSONLINT_FUZZ_CHECK(f.fingerprint.size() == 32);
  }
}

// The built-in rules and two configurations, made once per process: the
// default one, and one that names teams and channels (learning-review/
// unknown-team and no-distribution check against those lists).
struct DocumentFixture {
  RuleSet rules;
  Config plain;
  Config named;
  std::unique_ptr<Engine> plain_engine;
  std::unique_ptr<Engine> named_engine;

  static const DocumentFixture& get() {
    static const DocumentFixture* fixture = [] {
      auto* f = new DocumentFixture;
      auto loaded = load_rules({});
      if (!loaded) {
        std::fprintf(stderr, "cannot load the built-in rules: %s\n", loaded.error().to_string().c_str());
        std::abort();
      }
      f->rules = std::move(*loaded);
      f->named.teams = {"Payments", "Ledger", "Search", "Platform"};
      f->named.channels = {"#eng-learning", "Engineering newsletter", "all-hands"};
      for (auto [config, engine] : {std::pair{&f->plain, &f->plain_engine}, std::pair{&f->named, &f->named_engine}}) {
        auto e = Engine::create(f->rules, *config);
        if (!e) {
          std::fprintf(stderr, "cannot create the engine: %s\n", e.error().to_string().c_str());
          std::abort();
        }
        *engine = std::move(*e);
      }
      return f;
    }();
    return *fixture;
  }
};

// parse_document, then the built-in rules over the document: once where its
// front matter or title decide the kind, once as a postmortem and once as a
// learning review (by folder), so every rule sees every input.
// Wherever the fast front matter reader answers, yaml-cpp must read the same
// fields at the same places.
inline void check_front_matter_readers(const std::string& text) {
  std::vector<std::size_t> lines = line_starts(text);
  FrontMatter fast = parse_front_matter(text, lines, YamlReader::Fast);
  if (!fast.present || fast.toml) return;
  if (!read_flat_yaml(text, lines, static_cast<std::size_t>(fast.last_line - 1))) return;  // yaml-cpp read it
  FrontMatter ref = parse_front_matter(text, lines, YamlReader::YamlCpp);
  LESSONLINT_FUZZ_CHECK(!fast.error && !ref.error);
  LESSONLINT_FUZZ_CHECK(fast.fields.size() == ref.fields.size());
  for (std::size_t i = 0; i < fast.fields.size(); ++i) {
    const FrontMatterField& a = fast.fields[i];
    const FrontMatterField& b = ref.fields[i];
    LESSONLINT_FUZZ_CHECK(a.key == b.key && a.line == b.line && a.column == b.column);
    LESSONLINT_FUZZ_CHECK(a.value_line == b.value_line && a.value_column == b.value_column);
    LESSONLINT_FUZZ_CHECK(a.text == b.text && a.values == b.values);
    LESSONLINT_FUZZ_CHECK(a.value_spans.size() == b.value_spans.size());
    for (std::size_t k = 0; k < a.value_spans.size(); ++k)
      LESSONLINT_FUZZ_CHECK(a.value_spans[k].begin == b.value_spans[k].begin && a.value_spans[k].end == b.value_spans[k].end);
  }
}

inline void run_document(std::string_view bytes) {
  const DocumentFixture& f = DocumentFixture::get();
  static const char* const paths[] = {"fuzz.md", "postmortems/fuzz.md", "learning-reviews/fuzz.md"};
  MemorySource source;
  for (const char* p : paths) source.files[p] = std::string(bytes);
  // A linked document for the link checks (relative links are read and classified).
  source.files["postmortems/2026-01-02-outage.md"] = "# Postmortem: outage\n\n## Timeline\n\n- 10:00 paged\n";
  // Parsed once: the path does not change the model, only how the engine classifies it.
  Document doc = parse_document(paths[0], std::string(bytes));
  check_document_model(doc);
  check_front_matter_readers(doc.text);
  for (std::size_t i = 0; i < std::size(paths); ++i) {
    doc.path = paths[i];
    const Engine& engine = i == 0 ? *f.plain_engine : *f.named_engine;
    FileResult result;
    auto findings = engine.check_document(doc, {paths[i], paths[i]}, source, &result);
    check_findings(doc, findings);
  }
}

// parse_rule. A rule file must be named after the last part of its id; when
// the input's id does not match the first name tried, the error says which
// name it wants, and the rule is parsed again under that name.
inline void run_rule_loader(std::string_view bytes) {
  const std::string text(bytes);
  auto rule = parse_rule(text, "rules/fuzz/fuzz.yaml", false);
  if (!rule) {
    const std::string& msg = rule.error().message;
    static const std::string marker = "must be in a file named ";
    auto at = msg.find(marker);
    if (at == std::string::npos) return;
    std::string name = msg.substr(at + marker.size());
    rule = parse_rule(text, "rules/fuzz/" + name, false);
    if (!rule) return;
  }
  LESSONLINT_FUZZ_CHECK(rule->check != nullptr);
  // The check must run on a small document without crashing.
  RuleSet set;
  set.rules.push_back(std::move(*rule));
  Config config;
  config.rules.enable.push_back({set.rules[0].id, 1, 1});  // also when the input says enabled: false
  auto engine = Engine::create(set, config);
  if (!engine) return;
  static const std::string text_md =
      "---\naudience: other teams\ndistribution: \"#eng-learning\"\n---\n# Caches and stampedes\n\n"
      "## What we used to believe\n\nCaches are safe.\n\n## What we now believe\n\nThey stampede.\n\n"
      "## Where else this applies\n\nEveryone. See [the postmortem](../postmortems/x.md).\n\n"
      "## Action items\n\n- [ ] Add jitter (owner: @ana, due 2026-05-01)\n";
  // As a postmortem, a learning review and neither (by folder), so the rule's kinds match once.
  static const char* const paths[] = {"postmortems/x.md", "learning-reviews/fuzz.md", "notes/fuzz.md"};
  MemorySource source;
  for (const char* p : paths) source.files[p] = text_md;
  for (const char* p : paths) {
    Document doc = parse_document(p, text_md);
    auto findings = (*engine)->check_document(doc, {p, p}, source);
    check_findings(doc, findings);
  }
}

// parse_config; a valid configuration then goes through Engine::create
// (rule ids, options merged into the checks) and checks one document, so
// globs in overrides and kinds are matched too.
inline void run_config(std::string_view bytes) {
  auto config = parse_config(std::string(bytes), "/work/repo/.lessonlint.yaml");
  if (!config) return;
  config->rule_folders.clear();  // never read folders named by the input
  const DocumentFixture& f = DocumentFixture::get();
  auto engine = Engine::create(f.rules, *config);
  if (!engine) return;
  static const std::string text_md =
      "# Postmortem: queue backlog\n\n## Summary\n\nThe queue backed up.\n\n## Impact\n\nEveryone.\n\n"
      "## Action items\n\n- [ ] Alert on age, not depth\n";
  MemorySource source;
  for (const char* p : {"handbook/2019/postmortems/x.md", "ops/lessons/y.md"}) {
    source.files[p] = text_md;
    Document doc = parse_document(p, text_md);
    auto findings = (*engine)->check_document(doc, {p, p}, source);
    check_findings(doc, findings);
  }
}

// find_suppressions on an HTML fragment: matches lie inside the input.
inline void run_suppressions(std::string_view bytes) {
  auto matches = find_suppressions(bytes);
  for (const auto& m : matches) {
    LESSONLINT_FUZZ_CHECK(m.offset + m.length <= bytes.size());
    LESSONLINT_FUZZ_CHECK(m.suppression.has_value() != !m.error.empty());
  }
}

// The language server's message reader on a byte stream, fed whole and in
// pieces (the first byte sets their size): the same messages either way,
// every call returns, and positions in the bytes (read as a document) map to
// offsets inside them and back.
inline void run_jsonrpc(std::string_view bytes) {
  using Status = MessageReader::Status;
  auto read_all = [](std::string_view input, std::size_t piece) {
    MessageReader reader;
    std::vector<std::pair<Status, std::string>> out;
    for (std::size_t at = 0; at < input.size() || at == 0; at += piece) {
      reader.feed(input.substr(std::min(at, input.size()), piece));
      for (int guard = 0;; ++guard) {
        LESSONLINT_FUZZ_CHECK(guard <= static_cast<int>(input.size()) + 1);
        auto r = reader.next();
        if (r.status == Status::NeedMore) break;
        out.emplace_back(r.status, r.status == Status::Message ? r.message.dump() : r.error);
        if (r.status == Status::BadHeader) return out;
      }
      if (input.empty()) break;
    }
    return out;
  };
  std::size_t piece = bytes.empty() ? 1 : static_cast<unsigned char>(bytes[0]) % 64 + 1;
  auto whole = read_all(bytes, bytes.size() + 1);
  auto pieces = read_all(bytes, piece);
  LESSONLINT_FUZZ_CHECK(whole == pieces);

  for (std::size_t i = 0; i + 1 < bytes.size() && i < 64; i += 2) {
    TextPosition p{static_cast<unsigned char>(bytes[i]) % 8, static_cast<unsigned char>(bytes[i + 1]) % 32};
    std::size_t offset = offset_of(bytes, p);
    LESSONLINT_FUZZ_CHECK(offset <= bytes.size());
    TextPosition back = position_of(bytes, offset);
    LESSONLINT_FUZZ_CHECK(offset_of(bytes, back) == offset);
  }
}

}  // namespace lessonlint::fuzz
