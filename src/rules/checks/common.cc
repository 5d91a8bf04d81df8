#include "rules/checks/common.h"

#include <re2/filtered_re2.h>

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

Expected<Scope> parse_scope(const YAML::Node& n, const std::string& file) {
  Scope scope;
  if (!n.IsDefined() || n.IsNull()) return scope;
  if (auto e = check_keys(n, {"section", "field", "otherwise"}, file, "scope")) return *e;
  if (n["otherwise"]) {
    auto re = compile_pattern(n["otherwise"], file, "scope.otherwise");
    if (!re) return re.error();
    scope.otherwise = *re;
  }
  if (n["section"]) {
    auto re = compile_pattern(n["section"], file, "scope.section");
    if (!re) return re.error();
    scope.section = *re;
  }
  if (n["field"]) {
    auto f = yaml_string(n["field"], file, "scope.field");
    if (!f) return f.error();
    scope.field = *f;
  }
  return scope;
}

Expected<Condition> parse_condition(const YAML::Node& n, const std::string& file) {
  Condition c;
  if (!n.IsDefined() || n.IsNull()) return c;
  if (auto e = check_keys(n, {"any", "all"}, file, "when")) return *e;
  for (const char* group : {"any", "all"}) {
    YAML::Node list = n[group];
    if (!list) continue;
    if (!list.IsSequence()) return yaml_error(file, list, std::string("when.") + group + " must be a list");
    for (const auto& item : list) {
      if (auto e = check_keys(item, {"heading", "line", "min", "max-paragraphs", "template-of"}, file, "a when condition"))
        return *e;
      Condition::Predicate p;
      if (item["heading"]) {
        auto re = compile_pattern(item["heading"], file, "when.heading");
        if (!re) return re.error();
        p.heading = *re;
      }
      if (item["line"]) {
        auto re = compile_pattern(item["line"], file, "when.line");
        if (!re) return re.error();
        p.line = line_pattern(*re);
      }
      if (item["min"]) {
        auto v = yaml_int(item["min"], file, "when.min");
        if (!v) return v.error();
        p.min = *v;
      }
      if (item["max-paragraphs"]) {
        auto v = yaml_int(item["max-paragraphs"], file, "when.max-paragraphs");
        if (!v) return v.error();
        p.max_paragraphs = *v;
      }
      if (item["template-of"]) {
        auto v = yaml_string(item["template-of"], file, "when.template-of");
        if (!v) return v.error();
        p.template_of = *v;
      }
      if (!p.heading && !p.line && p.max_paragraphs < 0 && p.template_of.empty())
        return yaml_error(file, item, "a when condition needs heading, line, max-paragraphs or template-of");
      (std::string(group) == "any" ? c.any : c.all).push_back(std::move(p));
    }
  }
  return c;
}

namespace {
bool predicate_holds(const Document& doc, const Condition::Predicate& p, std::string_view template_of) {
  if (!p.template_of.empty() && p.template_of != template_of) return false;
  if (p.heading) {
    bool found = false;
    for (std::size_t i = 1; i < doc.sections.size() && !found; ++i)
      found = RE2::PartialMatch(doc.sections[i].heading, *p.heading);
    if (!found) return false;
  }
  if (p.line && count_matching_lines(doc, p.line, body_lines(doc), p.min) < p.min) return false;
  if (p.max_paragraphs >= 0) {
    long paragraphs = 0;
    for (const auto& b : doc.blocks)
      if (b.kind == BlockKind::Paragraph && !b.in_list_item) ++paragraphs;
    if (paragraphs > p.max_paragraphs) return false;
  }
  return true;
}
}  // namespace

bool Condition::holds(const Document& doc, std::string_view template_of) const {
  for (const auto& p : all)
    if (!predicate_holds(doc, p, template_of)) return false;
  if (any.empty()) return true;
  return std::any_of(any.begin(), any.end(), [&](const Predicate& p) { return predicate_holds(doc, p, template_of); });
}

namespace {
bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() && a.longest_match() == b.longest_match() &&
         a.literal() == b.literal() && a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() &&
         a.never_capture() == b.never_capture() && a.case_sensitive() == b.case_sensitive() &&
         a.perl_classes() == b.perl_classes() && a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line();
}
}  // namespace

PatternSet::PatternSet(const std::vector<const RE2*>& patterns) {
  if (patterns.empty() || !patterns.front()) return;
  const RE2::Options& options = patterns.front()->options();
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const RE2* re : patterns)
    if (!re || !same_options(re->options(), options) || set->Add(re->pattern(), nullptr) < 0) return;
  if (set->Compile()) m_set = std::move(set);
}

PatternSet::~PatternSet() = default;

bool PatternSet::match(std::string_view text, std::vector<int>& found) const {
  found.clear();
  if (!m_set) return false;
  RE2::Set::ErrorInfo error;
  if (m_set->Match(re2::StringPiece(text.data(), text.size()), &found, &error)) {
    std::sort(found.begin(), found.end());
    return true;
  }
  found.clear();
  return error.kind == RE2::Set::kNoError;  // nothing matched, or the search failed
}

namespace {
std::atomic<std::uint64_t> g_heading_pattern_sets{0};

// Per thread: what the last HeadingPatterns found in each heading text.
// Headings repeat from document to document (templates: "Impact", "Timeline",
// "Action items"), so most are searched once per run instead of once per
// document. Bounded: cleared when full.
struct HeadingCache {
  std::uint64_t owner = 0;
  std::unordered_map<std::string, std::vector<int>> hits;
};
constexpr std::size_t kHeadingCacheLimit = 4096;
}  // namespace

HeadingPatterns::HeadingPatterns(const std::vector<const RE2*>& patterns) : m_id(++g_heading_pattern_sets) {
  RE2::Options options = pattern_options();
  for (const RE2* re : patterns) {
    if (!re || !same_options(re->options(), options)) continue;
    if (std::find(m_patterns.begin(), m_patterns.end(), re) != m_patterns.end()) continue;
    m_patterns.push_back(re);
  }
  m_set = std::make_unique<PatternSet>(m_patterns);
  if (!m_set->usable()) {
    m_set.reset();
    m_patterns.clear();
  }
  for (std::size_t i = 0; i < m_patterns.size(); ++i) m_index.emplace_back(m_patterns[i], static_cast<int>(i));
  std::sort(m_index.begin(), m_index.end());
}

HeadingPatterns::~HeadingPatterns() = default;

HeadingPatterns::Matches HeadingPatterns::match(const Document& doc) const {
  Matches m;
  if (!m_set) return m;
  m.m_set = this;
  thread_local HeadingCache cache;
  if (cache.owner != m_id || cache.hits.size() >= kHeadingCacheLimit) {
    cache.hits.clear();
    cache.owner = m_id;
  }
  // Each heading's patterns (the cache's entries stay put as it grows), then
  // the sections of each pattern, counted and laid out one after another.
  thread_local std::vector<const std::vector<int>*> hits_of;
  hits_of.assign(doc.sections.size(), nullptr);
  m.m_first.assign(m_patterns.size() + 1, 0);
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const std::string& heading = doc.sections[i].heading;
    auto known = cache.hits.find(heading);
    if (known == cache.hits.end()) {
      std::vector<int> hits;
      if (!m_set->match(heading, hits)) return Matches();  // RE2 gave up: callers search each pattern
      known = cache.hits.emplace(heading, std::move(hits)).first;
    }
    hits_of[i] = &known->second;
    for (int h : known->second) ++m.m_first[static_cast<std::size_t>(h) + 1];
  }
  for (std::size_t p = 1; p < m.m_first.size(); ++p) m.m_first[p] += m.m_first[p - 1];
  m.m_sections.resize(static_cast<std::size_t>(m.m_first.back()));
  thread_local std::vector<int> next;  // where each pattern's next section goes
  next.assign(m.m_first.begin(), m.m_first.end() - 1);
  for (std::size_t i = 1; i < doc.sections.size(); ++i)
    for (int h : *hits_of[i]) m.m_sections[static_cast<std::size_t>(next[static_cast<std::size_t>(h)]++)] = static_cast<int>(i);
  return m;
}

bool HeadingPatterns::Matches::find(const RE2& re, std::span<const int>& sections) const {
  if (!m_set) return false;
  const auto& index = m_set->m_index;
  auto it = std::lower_bound(index.begin(), index.end(), &re,
                             [](const std::pair<const RE2*, int>& e, const RE2* p) { return std::less<>()(e.first, p); });
  if (it == index.end() || it->first != &re) return false;
  auto p = static_cast<std::size_t>(it->second);
  sections = std::span<const int>(m_sections).subspan(static_cast<std::size_t>(m_first[p]),
                                                     static_cast<std::size_t>(m_first[p + 1] - m_first[p]));
  return true;
}

std::vector<int> sections_matching(const Document& doc, const RE2& re, const HeadingPatterns::Matches* matches) {
  std::span<const int> found;
  if (matches && matches->find(re, found)) return std::vector<int>(found.begin(), found.end());
  std::vector<int> out;
  for (std::size_t i = 1; i < doc.sections.size(); ++i)
    if (RE2::PartialMatch(doc.sections[i].heading, re)) out.push_back(static_cast<int>(i));
  return out;
}

bool heading_matches(const Document& doc, int section, const RE2& re, const HeadingPatterns::Matches* matches) {
  std::span<const int> found;
  if (matches && matches->find(re, found)) return std::binary_search(found.begin(), found.end(), section);
  return RE2::PartialMatch(doc.sections[static_cast<std::size_t>(section)].heading, re);
}

bool section_within(const Document& doc, int inner, int outer) {
  for (int s = inner; s >= 0; s = doc.sections[static_cast<std::size_t>(s)].parent)
    if (s == outer) return true;
  return false;
}

const RE2& default_placeholder() {
  static const RE2 re(
      R"((?i)^\W*(tbd|tba|tk|todo|to ?do|fixme|xxx|n/?a|none|nothing|null|nil|pending|placeholder|)"
      R"(fill (this |me )?in|to be (written|decided|determined|confirmed|added)|coming soon|\?+|-+|\.\.\.|…)\W*$)");
  return re;
}

namespace {
bool is_markup_mark(char c) { return c == '*' || c == '_' || c == '#' || c == '>' || c == '`'; }

// One pass into `out` (reused): comments become a space, runs of white space
// one space, and the ends are trimmed (collapse_space of the text without its
// comments). With `drop_marks`, the marks of emphasis, headings, quotes and
// code are left out too, but still count as text for the spaces around them,
// as removing them from strip_markup's result would. With kLimited, stops
// once `limit` bytes are written, the result then being the whole result's
// first bytes; returns whether it stopped before the end of the text.
template <bool kLimited = false>
bool strip_into(std::string_view text, std::string& out, bool drop_marks, std::size_t limit = 0) {
  out.resize(text.size());
  char* const start = out.data();
  char* o = start;
  bool any = false;  // whether the text so far is non-empty (marks included)
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    if (kLimited && static_cast<std::size_t>(o - start) >= limit) {
      out.resize(static_cast<std::size_t>(o - start));
      return true;
    }
    char c = text[i];
    if (c == '<' && text.compare(i, 4, "<!--") == 0) {
      std::size_t close = text.find("-->", i + 4);
      i = close == std::string_view::npos ? text.size() : close + 3;
      pending = any;
      continue;
    }
    ++i;
    if (is_space(c)) {
      pending = any;
      continue;
    }
    if (pending) *o++ = ' ';
    pending = false;
    any = true;
    if (!drop_marks || !is_markup_mark(c)) *o++ = c;
  }
  out.resize(static_cast<std::size_t>(o - start));
  return false;
}

// Trimmed, and without the list bullets ("- ", "+ ") that lead it.
std::string_view without_bullets(std::string_view t) {
  t = trim(t);
  while (!t.empty() && (t.front() == '-' || t.front() == '+') && t.size() > 1 && t[1] == ' ') t = trim(t.substr(1));
  return t;
}

bool is_word_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// What the built-in placeholder patterns allow: no more word characters than
// "to be determined" has, and a short note ("TBD: after the retro") led by a
// word starting with one of these letters.
constexpr int kPlaceholderWordChars = 14;
constexpr std::string_view kNoteLeads = "tfxp";
}  // namespace

std::string strip_markup(std::string_view text) {
  std::string out;
  strip_into(text, out, false);
  return out;
}

namespace {
// The built-in answer when it needs no stripping: false for a text without
// comments whose letters and digits number over 14 and start with none of the
// letters a short note's placeholder word starts with. Stripping removes
// white space, bullets and the marks (`_` the only word character among
// them), so the stripped text has the same letters and digits, in order, and
// the stripped path below says no to it. Most list items and sections are
// settled here, reading their first few words.
bool settled_as_words(std::string_view text) {
  if (text.find("<!--") != std::string_view::npos) return false;
  char first = 0;
  int word_chars = 0;
  for (char c : text) {
    if (c == '_' || !is_word_char(c)) continue;
    if (!first) {
      first = static_cast<char>(c | 0x20);
      if (kNoteLeads.find(first) != std::string_view::npos) return false;
    }
    if (++word_chars > kPlaceholderWordChars) return true;
  }
  return false;
}
}  // namespace

bool is_placeholder(std::string_view text, const RE2* placeholder, std::size_t prefix) {
  if (!placeholder && settled_as_words(text)) return false;
  return is_placeholder_stripped(text, placeholder, prefix);
}

bool is_placeholder_stripped(std::string_view text, const RE2* placeholder, std::size_t prefix) {
  thread_local std::string words;
  if (words.capacity() > (std::size_t{1} << 20)) words = std::string();  // a huge section's buffer is not kept
  // The result is never longer than the text: a short one is stripped whole.
  bool cut = !placeholder && text.size() > prefix ? strip_into<true>(text, words, true, prefix)
                                                   : strip_into(text, words, true);
  std::string_view t = without_bullets(words);
  if (cut) {
    // What follows below says no to a text of over 100 bytes with over 14 word
    // characters, and the whole text starts as this part of it does.
    if (t.size() > 100 && std::count_if(t.begin(), t.end(), is_word_char) > kPlaceholderWordChars) return false;
    strip_into(text, words, true);
    t = without_bullets(words);
  }
  if (t.empty()) return true;
  if (placeholder) return RE2::FullMatch(re2::StringPiece(t.data(), t.size()), *placeholder);
  // The built-in patterns begin with \W*, then a placeholder word or only
  // non-word characters (\W is ASCII in RE2). So the text's first ASCII word
  // character must start one of those words, and the whole text can hold no
  // more word characters than "to be determined" (14): most list items are
  // told apart without a search.
  char first = 0;
  int word_chars = 0;
  for (char c : t) {
    if (!is_word_char(c)) continue;
    if (!first) first = static_cast<char>(c | 0x20);
    if (++word_chars > kPlaceholderWordChars) break;  // a long text is settled: only its first letter matters now
  }
  bool may_be_whole = !first || (word_chars <= kPlaceholderWordChars && std::string_view("tfxnpc").find(first) != std::string_view::npos);
  if (may_be_whole && RE2::FullMatch(re2::StringPiece(t.data(), t.size()), default_placeholder())) return true;
  // "TBD: after the retro", "TODO - write this": a short note that starts with a placeholder word.
  static const RE2 lead(R"((?i)^\W*(tbd|tba|tk|todo|to ?do|fixme|xxx|placeholder|to be (written|decided|determined|confirmed|added))\b)");
  bool may_lead = first && kNoteLeads.find(first) != std::string_view::npos;
  return may_lead && t.size() <= 100 && RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), lead);
}

std::string section_content(const Document& doc, int section) {
  return strip_markup(doc.slice(doc.sections[static_cast<std::size_t>(section)].body));
}

Span line_span(const Document& doc, int line) {
  std::size_t begin = doc.offset(line, 1);
  std::string_view t = doc.line_text(line);
  // Skip leading white space so the span starts at the text.
  std::size_t lead = t.find_first_not_of(" \t");
  if (lead == std::string_view::npos) lead = 0;
  return {begin + lead, begin + t.size()};
}

Span heading_span(const Document& doc, int section) {
  const Section& s = doc.sections[static_cast<std::size_t>(section)];
  Span span = line_span(doc, s.line);
  span.begin = std::max(span.begin, doc.offset(s.line, s.column));
  // Drop closing #s of an ATX heading.
  std::string_view t = doc.slice(span);
  while (!t.empty() && (t.back() == '#' || t.back() == ' ')) t.remove_suffix(1);
  if (!t.empty()) span.end = span.begin + t.size();
  return span;
}

Span title_span(const Document& doc) {
  Span span = line_span(doc, doc.title_line);
  span.begin = std::max(span.begin, doc.offset(doc.title_line, doc.title_column));
  return span;
}

Span field_span(const Document& doc, const std::string& key) {
  auto [line, col] = doc.front_matter.position(key);
  Span span = line_span(doc, line);
  span.begin = std::max(span.begin, doc.offset(line, col));
  return span;
}

std::vector<Span> field_value_spans(const Document& doc, const std::string& key) {
  std::vector<Span> out;
  for (const auto& f : doc.front_matter.fields)
    if (f.key == key) out.insert(out.end(), f.value_spans.begin(), f.value_spans.end());
  return out;
}

bool find_next(const RE2& re, std::string_view text, std::size_t pos, std::string_view& piece, std::size_t& next) {
  if (pos > text.size()) return false;
  int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> m(static_cast<std::size_t>(groups) + 1);
  re2::StringPiece input(text.data(), text.size());
  if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, m.data(), groups + 1)) return false;
  re2::StringPiece chosen = m[0];
  for (int g = 1; g <= groups; ++g) {
    if (m[static_cast<std::size_t>(g)].data() != nullptr) {
      chosen = m[static_cast<std::size_t>(g)];
      break;
    }
  }
  piece = std::string_view(chosen.data(), chosen.size());
  auto whole_end = static_cast<std::size_t>(m[0].data() - text.data()) + m[0].size();
  next = m[0].empty() ? whole_end + 1 : whole_end;
  return true;
}

std::vector<int> body_lines(const Document& doc) {
  std::vector<bool> code(static_cast<std::size_t>(doc.line_count()) + 2, false);
  for (const auto& b : doc.blocks)
    if (b.kind == BlockKind::Code || b.kind == BlockKind::Html)
      for (int l = b.line; l <= b.end_line; ++l) code[static_cast<std::size_t>(l)] = true;
  std::vector<int> out;
  int first = doc.front_matter.present ? doc.front_matter.last_line + 1 : 1;
  for (int l = first; l <= doc.line_count(); ++l)
    if (!code[static_cast<std::size_t>(l)]) out.push_back(l);
  return out;
}

LinePattern line_pattern(Pattern re) {
  LinePattern out;
  out.line = std::move(re);
  out.derived = std::make_shared<LinePattern::Derived>();
  return out;
}

namespace {
// The twin and the strings of a line pattern, worked out once.
void derive(const LinePattern& p, LinePattern::Derived& out) {
  if (out.plain) return;
  const std::string& text = p.line.pattern();
  if (text.find("\\A") != std::string::npos || text.find("\\z") != std::string::npos) return;
  // The twin may match more than the pattern: each line it leads to is checked
  // with the pattern itself. So a leading \b is left out: it keeps RE2 from
  // skipping ahead to the pattern's literal prefix (4 times slower on prose).
  std::string relaxed = text;
  std::size_t at = 0;
  while (relaxed.compare(at, 2, "(?") == 0) {  // flag groups such as (?i)
    std::size_t close = relaxed.find(')', at);
    if (close == std::string::npos ||
        relaxed.find_first_not_of("imsU-", at + 2) != close)
      break;
    at = close + 1;
  }
  while (relaxed.compare(at, 2, "\\b") == 0) relaxed.erase(at, 2);
  Pattern twin("(?m)" + relaxed, p.line->options(), true);
  if (twin->ok()) out.multiline = std::move(twin);
  out.literals = LiteralFinder(required_literals(*p.line));
}

LinePattern::Derived& derived_of(const LinePattern& p) {
  static LinePattern::Derived none;  // for a LinePattern made without line_pattern: nothing derived
  if (!p.derived) {
    std::call_once(none.once, [] {});
    return none;
  }
  std::call_once(p.derived->once, [&p] { derive(p, *p.derived); });
  return *p.derived;
}
}  // namespace

const Pattern& LinePattern::multiline() const { return derived_of(*this).multiline; }
const LiteralFinder& LinePattern::literals() const { return derived_of(*this).literals; }

LinePattern LinePattern::without_prefilter() const {
  LinePattern out;
  out.line = line;
  out.derived = std::make_shared<Derived>();
  out.derived->plain = true;
  return out;
}

std::vector<std::string> required_literals(const RE2& re, std::size_t limit) {
  // Atoms under three bytes are left out (a conjunction then needs the others;
  // a choice among them needs nothing, and the pattern is unfiltered).
  re2::FilteredRE2 filter(3);
  int id = 0;
  if (filter.Add(re.pattern(), re.options(), &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  // A pattern that passes the filter with no atom found can match without any.
  std::vector<int> without_atoms;
  filter.AllPotentials({}, &without_atoms);
  if (!without_atoms.empty() || atoms.empty() || atoms.size() > limit) return {};
  bool folds = false;
  for (const auto& a : atoms) {
    if (a.size() < 3) return {};
    for (char c : a) {
      if (static_cast<unsigned char>(c) >= 0x80) return {};  // non-ASCII: its case is not a bit
      folds = folds || c == 's' || c == 'k';
    }
  }
  if (folds) {
    atoms.push_back("\xC5\xBF");      // U+017F, which (?i)s matches
    atoms.push_back("\xE2\x84\xAA");  // U+212A, which (?i)k matches
  }
  return atoms;
}

long count_matching_lines(const Document& doc, const LinePattern& re, const std::vector<int>& lines, long stop_at) {
  long count = 0;
  auto matches = [&](int line) {
    std::string_view t = doc.line_text(line);
    return RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), *re.line);
  };
  if (lines.empty()) return 0;
  // The twin's ^ and $ see LF line ends only: with CR in the text, it leads nowhere.
  const Pattern& multiline = re.multiline();
  const LiteralFinder& literals = re.literals();
  bool twin = multiline && doc.text.find('\r') == std::string::npos;
  if (literals.empty() && !twin) {
    for (int line : lines)
      if (matches(line) && ++count == stop_at) break;
    return count;
  }
  // From a position, where the next line worth trying is: the next of the
  // pattern's strings (only a line holding one can match), or else the twin's
  // next match (whatever a line matches on its own, the twin matches at the
  // same place in the whole text). npos when there is none.
  const std::size_t end = doc.offset(lines.back(), 1) + doc.line_text(lines.back()).size();
  auto next = [&](std::size_t pos) -> std::size_t {
    if (!literals.empty()) return literals.find(std::string_view(doc.text.data(), end), pos);
    re2::StringPiece m;
    if (pos > end ||
        !multiline->Match(re2::StringPiece(doc.text.data(), doc.text.size()), pos, end, RE2::UNANCHORED, &m, 1))
      return std::string_view::npos;
    return static_cast<std::size_t>(m.data() - doc.text.data());
  };
  for (std::size_t pos = doc.offset(lines.front(), 1), at; (at = next(pos)) != std::string_view::npos;) {
    int line = doc.position(at).first;
    if (std::binary_search(lines.begin(), lines.end(), line) && matches(line) && ++count == stop_at) break;
    if (line >= doc.line_count()) break;
    pos = doc.lines[static_cast<std::size_t>(line)];  // the next line's first byte
  }
  return count;
}

}  // namespace lessonlint
