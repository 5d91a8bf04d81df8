#include "engine/engine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "classify/classify.h"
#include "util/edit_distance.h"
#include "util/glob.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.line, a.column, a.rule_id, a.message, a.end_line, a.end_column) <
         std::tie(b.path, b.line, b.column, b.rule_id, b.message, b.end_line, b.end_column);
}

std::string fingerprint_text(std::string_view flagged) { return collapse_space_lower_ascii(flagged); }

std::string fingerprint(const std::string& rule_id, const std::string& rel, const std::string& text, int occurrence) {
  // Two FNV-1a 64-bit hashes with different offsets, of "rule\0rel\0text\0N":
  // stable across platforms and runs. The pieces are hashed where they are.
  std::uint64_t h1 = 14695981039346656037ull, h2 = 0x84222325cbf29ce4ull;
  auto add = [&](std::string_view piece) {
    for (unsigned char c : piece) {
      h1 = (h1 ^ c) * 1099511628211ull;
      h2 = (h2 ^ c) * 0x100000001b3ull;
      h2 ^= h2 >> 29;
    }
  };
  const std::string_view nul("\0", 1);
  add(rule_id);
  add(nul);
  add(rel);
  add(nul);
  add(text);
  add(nul);
  char digits[16];
  char* end = std::to_chars(digits, digits + sizeof digits, occurrence).ptr;
  add(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  std::string hex(32, '0');
  for (int i = 0; i < 16; ++i) {
    hex[static_cast<std::size_t>(15 - i)] = "0123456789abcdef"[(h1 >> (4 * i)) & 0xF];
    hex[static_cast<std::size_t>(31 - i)] = "0123456789abcdef"[(h2 >> (4 * i)) & 0xF];
  }
  return hex;
}

namespace {

bool is_binary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  if (head.find('\0') == std::string_view::npos) return false;
  std::size_t control = 0;
  for (unsigned char c : head)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  // A stray NUL in a text document is not enough: binary data is full of control bytes.
  return control * 100 > head.size();
}

// Resolves relative links through the Source, classifying linked documents once.
class SourceLookup final : public DocumentLookup {
 public:
  SourceLookup(const Source& source, const Classifier& classifier, std::string from_rel, LookupCache* shared)
      : m_source(source), m_classifier(classifier), m_from(std::move(from_rel)), m_shared(shared) {}

  std::optional<std::string> kind_of(const Document&, const std::string& target) const override {
    auto cached = m_cache.find(target);
    if (cached != m_cache.end()) return cached->second;
    std::optional<std::string> kind = resolve(target);
    m_cache.emplace(target, kind);
    return kind;
  }

 private:
  std::optional<std::string> resolve(const std::string& target) const {
    std::string rel;
    if (!target.empty() && target[0] == '/') rel = fs::path(target.substr(1)).lexically_normal().generic_string();
    else rel = (fs::path(m_from).parent_path() / target).lexically_normal().generic_string();
    if (!rel.empty() && rel.back() == '/') rel.pop_back();
    if (m_shared) {
      {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        auto it = m_shared->kinds.find(rel);
        if (it != m_shared->kinds.end()) return it->second;
      }
      std::optional<std::string> ahead = m_shared->check_ahead ? m_shared->check_ahead(rel) : std::nullopt;
      std::optional<std::string> kind = ahead ? ahead : classify_rel(rel);
      std::lock_guard<std::mutex> lock(m_shared->mutex);
      m_shared->kinds.emplace(rel, kind);
      return kind;
    }
    return classify_rel(rel);
  }

  std::optional<std::string> classify_rel(const std::string& rel) const {
    // A Markdown file is read first: asking whether it exists only when reading
    // fails saves a lookup (a stat, or a second blob fetch from git) per linked document.
    if (has_markdown_extension(rel)) {
      if (auto bytes = m_source.read_rel(rel)) {
        // A front matter type or a kind glob needs no Markdown parse.
        if (auto c = m_classifier.decisive(read_front_matter(*bytes), rel)) return c->kind;
        Document linked = parse_document(rel, std::move(*bytes));
        return m_classifier.classify(linked, rel).kind;
      }
    }
    // Anything else that exists (a folder, an image, a file that cannot be read) is a valid target.
    if (!m_source.exists(rel)) return std::nullopt;
    return m_classifier.kinds().fallback().id;
  }

  mutable std::map<std::string, std::optional<std::string>> m_cache;  // one lookup per distinct target
  const Source& m_source;
  const Classifier& m_classifier;
  std::string m_from;
  LookupCache* m_shared;  // the run's, across documents; may be null
};

// Columns: bytes to UTF-16 code units on the given line. An ASCII line needs
// no conversion; remembering which lines are ASCII keeps many findings on one
// long line from costing the line's length each.
class ColumnConverter {
 public:
  explicit ColumnConverter(const Document& doc) : m_doc(doc) {}
  int operator()(int line, int byte_col) {
    std::string_view t = m_doc.line_text(line);
    auto n = std::min(static_cast<std::size_t>(std::max(0, byte_col - 1)), t.size());
    if (m_ascii.empty()) m_ascii.assign(static_cast<std::size_t>(m_doc.line_count()) + 2, kUnknown);
    signed char& ascii = m_ascii[static_cast<std::size_t>(std::clamp(line, 0, m_doc.line_count() + 1))];
    if (ascii == kUnknown)
      ascii = std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return static_cast<int>(n) + 1;
    return utf16_length(t.substr(0, n)) + 1;
  }

 private:
  static constexpr signed char kUnknown = -1;
  const Document& m_doc;
  std::vector<signed char> m_ascii;  // per line: 1 all ASCII, 0 not, kUnknown not yet looked at
};

// At most this many bytes of the flagged lines go into a finding's snippet.
constexpr std::size_t kSnippetLimit = 400;

void append_snippet(std::string& snippet, std::string_view line) {
  std::size_t room = kSnippetLimit > snippet.size() ? kSnippetLimit - snippet.size() : 0;
  if (line.size() <= room) {
    snippet += line;
    return;
  }
  std::size_t cut = room;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // a whole UTF-8 character
  snippet += line.substr(0, cut);
  snippet += "…";
}

bool names_rule(const Suppression& s, const Rule* rule, const std::string& id) {
  if (s.rules.empty()) return true;
  for (const auto& r : s.rules)
    if (r == id || (rule && std::find(rule->aliases.begin(), rule->aliases.end(), r) != rule->aliases.end()))
      return true;
  return false;
}

void apply_selection(const RuleSelection& sel, const RuleSet& rules, std::vector<ActiveRule>& active,
                     const std::map<std::string, std::shared_ptr<const Check>>& checks) {
  for (const auto& ref : sel.disable) {
    const Rule* r = rules.find(ref.value);
    active.erase(std::remove_if(active.begin(), active.end(), [&](const ActiveRule& a) { return a.rule == r; }),
                 active.end());
  }
  for (const auto& ref : sel.enable) {
    const Rule* r = rules.find(ref.value);
    if (!r) continue;
    if (std::none_of(active.begin(), active.end(), [&](const ActiveRule& a) { return a.rule == r; }))
      active.push_back({r, r->severity, checks.at(r->id)});
  }
  for (const auto& [ref, sev] : sel.severity) {
    const Rule* r = rules.find(ref.value);
    for (auto& a : active)
      if (a.rule == r) a.severity = sev;
  }
}

}  // namespace

Expected<std::unique_ptr<Engine>> Engine::create(const RuleSet& rules, const Config& config) {
  if (auto e = validate_rule_ids(config, rules)) return *e;
  std::unique_ptr<Engine> engine(new Engine(rules, config));
  for (const auto& r : rules.rules) engine->m_checks[r.id] = r.check;
  for (const auto& [id, opt] : config.options) {
    const Rule* r = rules.find(id);
    auto check = check_with_options(*r, opt.first, config.file);
    if (!check) return check.error();
    engine->m_checks[r->id] = *check;
  }
  for (const auto& r : rules.rules)
    if (r.enabled) engine->m_base.push_back({&r, r.severity, engine->m_checks[r.id]});
  for (const auto& [id, check] : engine->m_checks)
    if (check)
      for (const RE2* re : check->section_patterns()) engine->m_section_patterns.push_back(re);
  apply_selection(config.rules, rules, engine->m_base, engine->m_checks);
  return engine;
}

std::vector<ActiveRule> Engine::rules_for(const std::string& rel) const {
  std::vector<ActiveRule> active = m_base;
  for (const auto& o : m_config.overrides) {
    bool matches = std::any_of(o.files.begin(), o.files.end(), [&](const std::string& g) { return glob_match(g, rel); });
    if (matches) apply_selection(o.rules, m_rules, active, m_checks);
  }
  return active;
}

std::vector<Finding> Engine::check_document(const Document& doc, const InputFile& file, const Source& source,
                                            FileResult* result, LookupCache* cache) const {
  Classification cls = m_classifier->classify(doc, file.rel);
  if (result) {
    result->kind = cls.kind;
    result->role = cls.role;
    result->template_of = cls.template_of;
    result->reason = cls.reason;
    result->confidence = cls.confidence;
  }
  // Without overrides every file has the engine's own list: no copy of it per document.
  std::vector<ActiveRule> overridden;
  if (!m_config.overrides.empty()) overridden = rules_for(file.rel);
  const std::vector<ActiveRule>& active = m_config.overrides.empty() ? m_base : overridden;
  auto active_rule = [&](const std::string& id) -> const ActiveRule* {
    for (const auto& a : active)
      if (a.rule->id == id) return &a;
    return nullptr;
  };

  struct Pending {
    const ActiveRule* rule;
    RawFinding raw;
  };
  std::vector<Pending> pending;
  auto builtin = [&](const char* id, Span span, std::string message) {
    if (const ActiveRule* a = active_rule(id)) pending.push_back({a, {span, std::move(message), std::nullopt}});
  };
  auto at = [&](int line, int col) {
    std::size_t o = doc.offset(line, col);
    return Span{o, doc.offset(line, 1) + doc.line_text(line).size()};
  };

  // Unresolved merge conflicts: the document is two documents at once.
  for (int l = 1; l <= doc.line_count(); ++l) {
    char first = doc.text[doc.lines[static_cast<std::size_t>(l - 1)]];  // '\0' in an empty text
    if (first != '<' && first != '>') continue;
    std::string_view t = doc.line_text(l);
    if (t.size() >= 7 && (t.substr(0, 7) == "<<<<<<<" || t.substr(0, 7) == ">>>>>>>") &&
        (t.size() == 7 || t[7] == ' ')) {
      builtin("lessonlint/merge-conflict", at(l, 1), "Unresolved merge conflict marker: resolve the conflict");
    }
  }
  if (doc.front_matter.error)
    builtin("lessonlint/front-matter", at(doc.front_matter.error_line, doc.front_matter.error_column),
            *doc.front_matter.error);

  SourceLookup lookup(source, *m_classifier, file.rel, cache);
  CheckEnv env;
  env.teams = &m_config.teams;
  env.channels = &m_config.channels;
  env.lookup = &lookup;
  HeadingPatterns::Matches headings = m_headings ? m_headings->match(doc) : HeadingPatterns::Matches();
  env.headings = &headings;
  std::vector<RawFinding> raw;
  for (const auto& a : active) {
    if (a.rule->check_type == "builtin" || !a.rule->applies_to(cls.kind)) continue;
    if (!a.rule->when.empty() && !a.rule->when.holds(doc, cls.template_of)) continue;
    raw.clear();
    a.check->run(doc, env, *a.rule, raw);
    for (auto& r : raw) pending.push_back({&a, std::move(r)});
  }

  // Suppressions: which findings they silence, and which silence nothing.
  std::vector<bool> used(doc.suppressions.size(), false);
  std::vector<Finding> out;
  // Per rule and flagged text, how many findings came before (rules have one object per id).
  std::map<std::pair<const Rule*, std::string>, int> occurrences;
  ColumnConverter utf16_column(doc);
  auto make_finding = [&](const ActiveRule& a, const RawFinding& r) {
    Finding f;
    f.rule_id = a.rule->id;
    f.severity = a.severity != a.rule->severity || !r.severity ? a.severity : *r.severity;
    f.path = file.path;
    f.rel = file.rel;
    auto [line, col] = doc.position(std::min(r.span.begin, doc.text.size()));
    auto [end_line, end_col] = doc.position(std::min(std::max(r.span.end, r.span.begin), doc.text.size()));
    if (doc.text.empty()) line = col = end_line = end_col = 1;
    f.line = line;
    f.column = utf16_column(line, col);
    f.end_line = end_line;
    f.end_column = utf16_column(end_line, end_col);
    if (f.end_line == f.line && f.end_column <= f.column) f.end_column = f.column + 1;
    f.message = r.message;
    for (int l = line; l <= end_line && l <= doc.line_count() && f.snippet.size() < kSnippetLimit; ++l) {
      if (l > line) f.snippet += '\n';
      append_snippet(f.snippet, doc.line_text(l));
    }
    std::string_view flagged = doc.slice({std::min(r.span.begin, doc.text.size()), std::min(r.span.end, doc.text.size())});
    if (trim(flagged).empty()) flagged = doc.line_text(line);
    auto seen = occurrences.try_emplace({a.rule, fingerprint_text(flagged)}, 0).first;
    f.fingerprint = fingerprint(f.rule_id, f.rel, seen->first.second, seen->second++);
    return f;
  };
  // Per rule, the comments that name it, indexed once: each finding then costs
  // a lookup and a binary search, not a pass over every comment.
  struct RuleSuppressions {
    int file = -1;                    // the first disable-file naming the rule
    std::map<int, int> next_line;     // line a disable-next-line covers -> the first such comment
    std::vector<int> regions;         // disable and enable comments naming the rule, in order
  };
  std::map<std::string, RuleSuppressions> by_rule;
  auto suppressions_of = [&](const Rule* rule, const std::string& id) -> const RuleSuppressions& {
    auto [it, fresh] = by_rule.try_emplace(id);
    if (!fresh) return it->second;
    RuleSuppressions& r = it->second;
    for (std::size_t i = 0; i < doc.suppressions.size(); ++i) {
      const Suppression& s = doc.suppressions[i];
      if (!names_rule(s, rule, id)) continue;
      int index = static_cast<int>(i);
      switch (s.kind) {
        case SuppressionKind::DisableFile:
          if (r.file < 0) r.file = index;
          break;
        case SuppressionKind::DisableNextLine: r.next_line.try_emplace(s.line + 1, index); break;
        case SuppressionKind::Disable:
        case SuppressionKind::Enable: r.regions.push_back(index); break;
      }
    }
    return r;
  };
  auto suppress = [&](Finding& f, const Rule* rule) {
    if (doc.suppressions.empty()) return;
    const RuleSuppressions& r = suppressions_of(rule, f.rule_id);
    auto silence = [&](int index) {
      used[static_cast<std::size_t>(index)] = true;
      f.suppressed = true;
      f.suppression_reason = doc.suppressions[static_cast<std::size_t>(index)].reason;
    };
    // disable-file and disable-next-line first (the earlier comment wins), then
    // the innermost open disable region: the last disable or enable before the
    // finding decides.
    int first = r.file;
    if (auto it = r.next_line.find(f.line); it != r.next_line.end() && (first < 0 || it->second < first)) first = it->second;
    if (first >= 0) return silence(first);
    auto after = std::upper_bound(r.regions.begin(), r.regions.end(), std::pair{f.line, f.column},
                                  [&](const std::pair<int, int>& pos, int index) {
                                    const Suppression& s = doc.suppressions[static_cast<std::size_t>(index)];
                                    return pos < std::pair{s.line, s.column};
                                  });
    if (after == r.regions.begin()) return;
    int last = *(after - 1);
    if (doc.suppressions[static_cast<std::size_t>(last)].kind == SuppressionKind::Disable) silence(last);
  };
  for (const auto& p : pending) {
    Finding f = make_finding(*p.rule, p.raw);
    suppress(f, p.rule->rule);
    out.push_back(std::move(f));
  }
  // One problem, one finding: a rule's findings go when a rule that
  // supersedes it reports the document (and is not silenced there).
  if (std::any_of(active.begin(), active.end(), [](const ActiveRule& a) { return !a.rule->superseded_by.empty(); })) {
    std::vector<std::string> reported;  // rules with a finding in force here
    for (const auto& f : out)
      if (!f.suppressed && std::find(reported.begin(), reported.end(), f.rule_id) == reported.end())
        reported.push_back(f.rule_id);
    auto superseded = [&](const Finding& f) {
      const Rule* r = m_rules.find(f.rule_id);
      if (!r) return false;
      return std::any_of(r->superseded_by.begin(), r->superseded_by.end(), [&](const std::string& id) {
        return std::find(reported.begin(), reported.end(), id) != reported.end();
      });
    };
    out.erase(std::remove_if(out.begin(), out.end(), superseded), out.end());
  }

  if (const ActiveRule* unused = active_rule("lessonlint/unused-suppression")) {
    std::vector<Pending> reports;
    for (const auto& err : doc.suppression_errors)
      reports.push_back({unused, {at(err.line, err.column), "Malformed lessonlint comment: " + err.message, std::nullopt}});
    for (std::size_t i = 0; i < doc.suppressions.size(); ++i) {
      const Suppression& s = doc.suppressions[i];
      if (s.kind == SuppressionKind::Enable) continue;
      Span span = at(s.line, s.column);
      bool unknown = false;
      for (const auto& id : s.rules) {
        if (m_rules.find(id)) continue;
        unknown = true;
        reports.push_back({unused, {span, fmt::format("Suppression names unknown rule '{}'{}", id, did_you_mean(id, m_rules.ids())),
                                    std::nullopt}});
      }
      if (unknown || used[i]) continue;
      // Names only rules that are off here: the configuration may differ elsewhere, say nothing.
      bool any_active = s.rules.empty();
      for (const auto& id : s.rules) {
        const Rule* r = m_rules.find(id);
        any_active = any_active || (active_rule(r->id) && r->applies_to(cls.kind));
      }
      if (!any_active) continue;
      std::string names = s.rules.empty() ? std::string("all rules") : fmt::format("{}", fmt::join(s.rules, ", "));
      reports.push_back({unused, {span, fmt::format("Suppression of {} silences nothing: remove it", names), std::nullopt}});
    }
    // Only an explicit disable-file mention silences this rule, never a blanket comment.
    bool silenced = std::any_of(doc.suppressions.begin(), doc.suppressions.end(), [](const Suppression& s) {
      return s.kind == SuppressionKind::DisableFile && !s.rules.empty() &&
             names_rule(s, nullptr, "lessonlint/unused-suppression");
    });
    for (const auto& p : reports) {
      Finding f = make_finding(*p.rule, p.raw);
      f.suppressed = silenced;
      out.push_back(std::move(f));
    }
  }
  std::sort(out.begin(), out.end(), finding_less);
  return out;
}

std::vector<Finding> Engine::whole_file_finding(const InputFile& file, const char* id, std::string message,
                                               FileResult& result) const {
  std::vector<Finding> out;
  for (const auto& a : rules_for(file.rel)) {
    if (a.rule->id != id) continue;
    Finding f;
    f.rule_id = id;
    f.severity = a.severity;
    f.path = file.path;
    f.rel = file.rel;
    f.end_column = 2;
    f.message = std::move(message);
    f.fingerprint = fingerprint(id, file.rel, "", 0);
    out.push_back(std::move(f));
  }
  result.parsed = false;
  result.reason = "not parsed";
  return out;
}

std::vector<Finding> Engine::check_bytes(const InputFile& file, std::string bytes, const Source& source,
                                         FileResult& result, LookupCache* cache) const {
  auto whole_file = [&](const char* id, std::string message) {
    return whole_file_finding(file, id, std::move(message), result);
  };
  if (bytes.size() > m_config.max_file_size)
    return whole_file("lessonlint/file-too-large",
                      fmt::format("File is {:.1f} MB, over the {:.1f} MB limit (max-file-size): not checked",
                                  static_cast<double>(bytes.size()) / 1048576.0,
                                  static_cast<double>(m_config.max_file_size) / 1048576.0));
  if (is_binary(bytes)) return whole_file("lessonlint/binary-file", "File looks binary, not Markdown: not checked");
  Document doc = parse_document(file.path, std::move(bytes));
  return check_document(doc, file, source, &result, cache);
}

RunResult Engine::run(const std::vector<InputFile>& files, const Source& source, int jobs) const {
  if (files.size() >= kHeadingSetMin) {
    std::call_once(m_headings_once, [&] { m_headings = std::make_unique<HeadingPatterns>(m_section_patterns); });
    m_classifier->prepare_for_many(files.size());
  }
  RunResult result;
  LookupCache lookup_cache;
  std::vector<std::vector<Finding>> per_file(files.size());
  result.files.resize(files.size());
  auto work = [&](std::size_t i) {
    FileResult& fr = result.files[i];
    fr.path = files[i].path;
    fr.rel = files[i].rel;
    auto bytes = source.read(files[i]);
    if (!bytes && source.is_link(files[i])) {
      per_file[i] = whole_file_finding(files[i], "lessonlint/symlink",
                                       "Symbolic link: not followed (it may point outside the repository)", fr);
      return;
    }
    if (!bytes) {
      per_file[i] = whole_file_finding(files[i], "lessonlint/read-error",
                                       fmt::format("Cannot read this file: {}", bytes.error().message), fr);
      fr.reason = bytes.error().message;
      return;
    }
    per_file[i] = check_bytes(files[i], std::move(*bytes), source, fr, &lookup_cache);
  };
  // Each file is checked once, by whichever comes first: its turn, or a link
  // to it from a document being checked (a learning review names its
  // postmortems), which then reads and parses it once instead of twice.
  enum : unsigned char { kWaiting, kChecking, kDone };
  std::vector<std::atomic<unsigned char>> state(files.size());
  auto take = [&](std::size_t i) {
    unsigned char waiting = kWaiting;
    if (!state[i].compare_exchange_strong(waiting, kChecking, std::memory_order_acq_rel)) return false;
    work(i);
    state[i].store(kDone, std::memory_order_release);
    return true;
  };
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!files[i].rel.empty()) index_of.emplace(files[i].rel, i);
  lookup_cache.check_ahead = [&](const std::string& rel) -> std::optional<std::string> {
    // One level deep: a chain of links never deepens the stack.
    thread_local bool ahead = false;
    auto it = index_of.find(rel);
    if (it == index_of.end()) return std::nullopt;
    std::size_t j = it->second;
    if (state[j].load(std::memory_order_acquire) != kDone) {
      if (ahead) return std::nullopt;
      ahead = true;
      struct Back {
        ~Back() { ahead = false; }
      } back;
      if (!take(j)) return std::nullopt;  // being checked: by another thread, or it is the linking document
    }
    const FileResult& fr = result.files[j];
    return fr.parsed ? std::optional<std::string>(fr.kind) : std::nullopt;
  };
  unsigned threads = jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, files.size())));
  if (threads <= 1) {
    for (std::size_t i = 0; i < files.size(); ++i) take(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < files.size(); i = next++) take(i);
      });
    for (auto& th : pool) th.join();
  }
  lookup_cache.check_ahead = nullptr;
  std::size_t total = 0;
  for (const auto& v : per_file) total += v.size();
  result.findings.reserve(total);
  for (auto& v : per_file) {
    for (auto& f : v) result.findings.push_back(std::move(f));
    std::vector<Finding>().swap(v);  // free as we go: the peak is one copy, not two
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  std::sort(result.files.begin(), result.files.end(),
            [](const FileResult& a, const FileResult& b) { return a.path < b.path; });
  return result;
}

}  // namespace lessonlint
