#include "classify/classify.h"

#include <fmt/format.h>
#include <git2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

#include "rules/checks/common.h"
#include "util/glob.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

// The opening: this many prose blocks of the body, at most kOpeningBytes.
constexpr int kOpeningBlocks = 3;
constexpr std::size_t kOpeningBytes = 1200;
// Evidence details are cut to this many bytes (a whole UTF-8 character).
constexpr std::size_t kDetailBytes = 60;

std::string shorten(std::string_view s) {
  std::string t = collapse_space(s);
  if (t.size() <= kDetailBytes) return t;
  std::size_t cut = kDetailBytes;
  while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  return t.substr(0, cut) + "…";
}

// What the signals read, taken from the document once.
struct View {
  std::string file_name;
  std::vector<std::string> folders;  // nearest first
  std::string opening;
  int opening_line = 0;
  std::vector<int> lines;      // body lines outside code, for Lines signals (filled when asked)
  bool lines_ready = false;
  std::string prose;           // those lines without inline code, for Text and Placeholders (filled when asked)
  std::vector<std::size_t> prose_lines;  // where each of them starts in `prose`
  bool prose_ready = false;
  std::string comments;        // the HTML comments' text, one a line, for Comments (filled when asked)
  bool comments_ready = false;
};

// The text inside every <!-- --> of the body (outside code blocks and spans).
void fill_comments(const Document& doc, View& v) {
  std::vector<bool> code(static_cast<std::size_t>(doc.line_count()) + 2, false);
  for (const auto& b : doc.blocks)
    if (b.kind == BlockKind::Code)
      for (int l = b.line; l <= b.end_line && l <= doc.line_count(); ++l) code[static_cast<std::size_t>(l)] = true;
  int first = doc.front_matter.present ? doc.front_matter.last_line + 1 : 1;
  bool inside = false;
  for (int l = first; l <= doc.line_count(); ++l) {
    if (code[static_cast<std::size_t>(l)]) continue;
    std::string_view t = doc.line_text(l);
    std::size_t i = 0;
    while (i < t.size()) {
      if (!inside) {
        std::size_t open = t.find("<!--", i);
        if (open == std::string_view::npos) break;
        inside = true;
        i = open + 4;
        continue;
      }
      std::size_t close = t.find("-->", i);
      v.comments += t.substr(i, close == std::string_view::npos ? std::string_view::npos : close - i);
      if (close == std::string_view::npos) break;
      v.comments += '\n';
      inside = false;
      i = close + 3;
    }
    if (inside) v.comments += ' ';
  }
  v.comments_ready = true;
}

// Body lines outside code blocks, with inline code spans left out: what
// Text and Placeholders signals read (a `<module>` in a stack trace is no
// placeholder).
void fill_prose(const Document& doc, View& v) {
  if (!v.lines_ready) {
    v.lines = body_lines(doc);
    v.lines_ready = true;
  }
  for (int l : v.lines) {
    std::string_view t = doc.line_text(l);
    v.prose_lines.push_back(v.prose.size());
    bool in_code = false;
    for (char c : t) {
      if (c == '`') in_code = !in_code;
      else if (!in_code) v.prose += c;
    }
    v.prose += '\n';
  }
  v.prose_ready = true;
}

View view_of(const Document& doc, const std::string& rel) {
  View v;
  std::vector<std::string> parts = split(rel, '/');
  v.file_name = parts.empty() ? rel : parts.back();
  for (std::size_t i = parts.size(); i-- > 1;)
    if (!parts[i - 1].empty() && parts[i - 1] != ".") v.folders.push_back(parts[i - 1]);
  int taken = 0;
  for (const auto& b : doc.blocks) {
    if (b.kind != BlockKind::Paragraph || b.words == 0) continue;
    if (v.opening.empty()) v.opening_line = b.line;
    else v.opening += ' ';
    v.opening += doc.slice(b.span);
    if (++taken == kOpeningBlocks || v.opening.size() >= kOpeningBytes) break;
  }
  if (v.opening.size() > kOpeningBytes) v.opening.resize(kOpeningBytes);
  return v;
}

// The first match of `re` in text, whole.
std::optional<std::string> first_match(const RE2& re, std::string_view text) {
  re2::StringPiece m;
  if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, &m, 1)) return std::nullopt;
  return std::string(m.data(), m.size());
}

// Matches of `re` in text, up to `limit`; `first` gets the first one and the offset it is at.
long count_matches(const RE2& re, std::string_view text, long limit, std::string& first, std::size_t& at) {
  long n = 0;
  std::size_t pos = 0;
  re2::StringPiece input(text.data(), text.size()), m;
  while (n < limit && pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    if (n == 0) {
      first = std::string(m.data(), m.size());
      at = static_cast<std::size_t>(m.data() - text.data());
    }
    ++n;
    std::size_t end = static_cast<std::size_t>(m.data() - text.data()) + m.size();
    pos = m.empty() ? end + 1 : end;
  }
  return n;
}

// A block that is an instruction to whoever fills a template in, or nothing:
// empty, a placeholder (TBD, "-"), all emphasis ("_To be done pre-meeting_"),
// a quoted question, or bracketed ("<service>", "{{ name }}", "[describe]").
bool is_filler(const Document& doc, const Block& b) {
  if (b.in_quote) return true;
  std::string_view t = trim(doc.slice(b.span));
  while (!t.empty() && (t.front() == '-' || t.front() == '*' || t.front() == '+') && t.size() > 1 && t[1] == ' ')
    t = trim(t.substr(2));  // a bullet
  if (t.starts_with("[ ]")) t = trim(t.substr(3));
  if (t.empty() || is_placeholder(t, nullptr)) return true;
  auto wrapped = [&](std::string_view open, std::string_view close) {
    return t.size() > open.size() + close.size() && t.starts_with(open) && t.ends_with(close);
  };
  return wrapped("_", "_") || wrapped("*", "*") || wrapped("<", ">") || wrapped("{{", "}}") || wrapped("[", "]");
}

// Headed sections that have no subsections, and how many of them are empty or filler.
std::pair<int, int> empty_sections(const Document& doc) {
  int considered = 0, empty = 0;
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    bool has_sub = i + 1 < doc.sections.size() && doc.sections[i + 1].parent == static_cast<int>(i);
    if (has_sub) continue;
    ++considered;
    bool all_filler = true;
    for (int b : s.blocks)
      if (!is_filler(doc, doc.blocks[static_cast<std::size_t>(b)])) {
        all_filler = false;
        break;
      }
    if (all_filler) ++empty;
  }
  return {considered, empty};
}

// Prose blocks, and how many of them are mostly link text (a list of links).
std::pair<int, int> link_blocks(const Document& doc) {
  int prose = 0, links = 0;
  std::size_t next_link = 0;
  for (const auto& b : doc.blocks) {
    if (b.kind != BlockKind::Paragraph || b.words == 0) continue;
    ++prose;
    while (next_link < doc.links.size() && doc.links[next_link].line < b.line) ++next_link;
    int link_words = 0;
    for (std::size_t l = next_link; l < doc.links.size() && doc.links[l].line <= b.end_line; ++l) {
      const Link& link = doc.links[l];
      link_words += std::max(1, count_words(link.text.empty() ? link.target : link.text));
    }
    if (link_words * 2 >= b.words) ++links;
  }
  return {prose, links};
}

bool folder_matches(const RE2& re, const std::string& folder) { return RE2::FullMatch(folder, re); }

// The one line of a decision: the deciding kind's evidence, strongest first,
// section signals gathered under "sections:", at most `most` pieces besides.
std::string describe(const std::vector<const Evidence*>& items, std::size_t most = 3) {
  std::vector<std::string> sections;
  std::vector<std::string> rest;
  for (const Evidence* e : items) {
    if (e->type == SignalType::Section) {
      if (std::find(sections.begin(), sections.end(), e->signal) == sections.end()) sections.push_back(e->signal);
      continue;
    }
    switch (e->type) {
      case SignalType::Field:
      case SignalType::IndexPage:
      case SignalType::EmptySections:
        rest.push_back(e->detail.empty() ? e->signal : fmt::format("{} ({})", e->signal, e->detail));
        break;
      case SignalType::Lines:
      case SignalType::Text:
      case SignalType::Comments:
      case SignalType::Placeholders: rest.push_back(fmt::format("{} ({})", e->signal, e->detail)); break;
      default: rest.push_back(fmt::format("{} '{}'", e->signal, e->detail)); break;
    }
  }
  std::string out;
  constexpr std::size_t kSections = 4;  // section names shown; the rest are counted
  if (!sections.empty()) {
    out = "sections: ";
    for (std::size_t i = 0; i < sections.size() && i < kSections; ++i) out += (i ? ", " : "") + sections[i];
    if (sections.size() > kSections) out += fmt::format(" (+{})", sections.size() - kSections);
  }
  for (std::size_t i = 0; i < rest.size() && i < most; ++i) out += (out.empty() ? "" : "; ") + rest[i];
  if (rest.size() > most) out += fmt::format("; {} more", rest.size() - most);
  return out;
}

std::vector<const Evidence*> evidence_for(const std::vector<Evidence>& all, const std::string& kind, bool positive) {
  std::vector<const Evidence*> out;
  for (const auto& e : all)
    if (e.kind == kind && (positive ? e.weight > 0 : e.weight < 0)) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Evidence* a, const Evidence* b) {
    return std::abs(a->weight) > std::abs(b->weight);
  });
  return out;
}

}  // namespace

std::vector<std::string> repository_names(const std::string& root) {
  std::vector<std::string> out;
  if (root.empty()) return out;
  std::string folder = fs::path(root).lexically_normal().filename().string();
  if (folder.empty()) folder = fs::path(root).lexically_normal().parent_path().filename().string();
  if (!folder.empty()) out.push_back(folder);
  // The origin remote's name, read from the repository's own configuration
  // file (no repository is opened for it).
  std::error_code ec;
  fs::path config = fs::path(root) / ".git" / "config";
  if (!fs::is_regular_file(config, ec)) return out;
  git_libgit2_init();
  git_config* cfg = nullptr;
  if (git_config_open_ondisk(&cfg, config.string().c_str()) == 0) {
    git_buf url = GIT_BUF_INIT;
    if (git_config_get_string_buf(&url, cfg, "remote.origin.url") == 0 && url.ptr) {
      std::string u(url.ptr, url.size);
      while (!u.empty() && (u.back() == '/' || u.back() == '\\')) u.pop_back();
      std::size_t cut = u.find_last_of("/:\\");
      std::string name = cut == std::string::npos ? u : u.substr(cut + 1);
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".git") == 0) name.resize(name.size() - 4);
      if (name.size() > 7 && name.compare(name.size() - 7, 7, ".bundle") == 0) name.resize(name.size() - 7);
      if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    git_buf_dispose(&url);
    git_config_free(cfg);
  }
  git_libgit2_shutdown();
  return out;
}

struct Classifier::Compiled {
  explicit Compiled(const std::vector<const RE2*>& section_patterns) : sections(section_patterns) {}
  PatternSet sections;
  std::map<const Signal*, LinePattern> lines;
};

Classifier::Classifier(const KindSet& kinds, std::vector<KindGlobs> globs) : m_kinds(kinds), m_globs(std::move(globs)) {
  std::vector<const RE2*> patterns;
  for (std::size_t k = 0; k < m_kinds.kinds.size(); ++k) {
    const KindDef& kind = m_kinds.kinds[k];
    for (std::size_t s = 0; s < kind.signals.size(); ++s) {
      if (kind.signals[s].type != SignalType::Section) continue;
      m_section_signals.push_back({k, s});
      patterns.push_back(kind.signals[s].pattern.get());
    }
  }
  m_compiled = std::make_unique<Compiled>(patterns);
  for (const auto& kind : m_kinds.kinds)
    for (const auto& s : kind.signals)
      if (s.type == SignalType::Lines) m_compiled->lines.emplace(&s, line_pattern(s.pattern));
}

Classifier::~Classifier() = default;

void Classifier::set_repository_names(std::vector<std::string> names) { m_repository = std::move(names); }

const KindDef* Classifier::kind_from_type(const std::string& type) const {
  std::string t = squash_type(type);
  if (t.empty()) return nullptr;
  for (const auto& k : m_kinds.kinds)
    if (squash_type(k.id) == t || std::find(k.types.begin(), k.types.end(), t) != k.types.end()) return &k;
  return nullptr;
}

std::optional<Classification> Classifier::decisive(const FrontMatter& fm, const std::string& rel) const {
  auto decided = [&](const KindDef& k, std::string reason) {
    Classification c;
    c.kind = k.id;
    c.role = k.role;
    c.reason = std::move(reason);
    c.decisive = true;
    return c;
  };
  std::string type = fm.text("type");
  if (!type.empty())
    if (const KindDef* k = kind_from_type(type)) return decided(*k, fmt::format("front matter type: {}", type));
  for (const auto& kg : m_globs)
    for (const auto& g : kg.globs)
      if (glob_match(g, rel))
        if (const KindDef* k = m_kinds.find(kg.kind)) return decided(*k, fmt::format("config kinds glob '{}'", g));
  return std::nullopt;
}

Classification Classifier::classify(const Document& doc, const std::string& rel) const {
  if (auto c = decisive(doc.front_matter, rel)) {
    // A template named so still carries some kind's structure: which, the sections tell.
    const KindDef* k = m_kinds.find(c->kind);
    if (k && !k->template_of.empty()) {
      Classification weighed = weigh(doc, rel);
      int best = 0;
      for (const auto& of : k->template_of)
        for (const auto& s : weighed.scores)
          if (s.kind == of && s.score > best) {
            best = s.score;
            c->template_of = of;
          }
      if (!c->template_of.empty()) c->reason += fmt::format(", a {} template", c->template_of);
    }
    return std::move(*c);
  }
  return weigh(doc, rel);
}

Classification Classifier::weigh(const Document& doc, const std::string& rel) const {
  View view = view_of(doc, rel);
  std::vector<Evidence> evidence;
  auto fire = [&](const KindDef& k, const Signal& s, std::string detail, int line) {
    evidence.push_back({k.id, s.name, s.type, std::move(detail), s.weight, line});
  };

  // Section signals: every heading and bold label searched once for all of them.
  if (!m_section_signals.empty()) {
    std::vector<bool> fired(m_section_signals.size(), false);
    std::vector<int> hits;
    // A heading of many words is a sentence, not a section's name.
    constexpr int kHeadingWords = 10;
    auto look = [&](const std::string& text, int line) {
      if (text.empty() || count_words(text) > kHeadingWords) return;
      if (m_compiled->sections.usable()) {
        if (!m_compiled->sections.match(text, hits)) hits.clear();
      } else {
        hits.clear();
        for (std::size_t i = 0; i < m_section_signals.size(); ++i) {
          const auto& ss = m_section_signals[i];
          if (RE2::PartialMatch(text, *m_kinds.kinds[ss.kind].signals[ss.signal].pattern)) hits.push_back(static_cast<int>(i));
        }
      }
      for (int h : hits) {
        auto i = static_cast<std::size_t>(h);
        if (fired[i]) continue;
        fired[i] = true;
        const auto& ss = m_section_signals[i];
        const KindDef& k = m_kinds.kinds[ss.kind];
        fire(k, k.signals[ss.signal], shorten(text), line);
      }
    };
    // The title is the title signals' business, not a section.
    for (std::size_t i = 1; i < doc.sections.size(); ++i)
      if (!(doc.sections[i].level == 1 && doc.sections[i].line == doc.title_line))
        look(doc.sections[i].heading, doc.sections[i].line);
    for (const auto& l : doc.labels) look(l.text, l.line);
  }

  for (const auto& k : m_kinds.kinds) {
    for (const auto& s : k.signals) {
      switch (s.type) {
        case SignalType::Section: break;
        case SignalType::Title:
          if (!doc.title.empty())
            if (auto m = first_match(*s.pattern, doc.title)) fire(k, s, shorten(*m), doc.title_line);
          break;
        case SignalType::Opening:
          if (!view.opening.empty())
            if (auto m = first_match(*s.pattern, view.opening)) fire(k, s, shorten(*m), view.opening_line);
          break;
        case SignalType::Lines: {
          if (!view.lines_ready) {
            view.lines = body_lines(doc);
            view.lines_ready = true;
          }
          long n = count_matching_lines(doc, m_compiled->lines.at(&s), view.lines, -1);
          if (n >= s.min) fire(k, s, fmt::format("{} lines", n), 0);
          break;
        }
        case SignalType::Text:
        case SignalType::Placeholders: {
          if (!view.prose_ready) fill_prose(doc, view);
          std::string first;
          std::size_t at = 0;
          long n = count_matches(*s.pattern, view.prose, std::max<long>(s.min, 1000), first, at);
          if (n >= s.min) {
            auto row = std::upper_bound(view.prose_lines.begin(), view.prose_lines.end(), at) - view.prose_lines.begin();
            int line = row > 0 ? view.lines[static_cast<std::size_t>(row - 1)] : 0;
            fire(k, s, n == 1 ? fmt::format("'{}'", shorten(first)) : fmt::format("{} times, as '{}'", n, shorten(first)),
                 line);
          }
          break;
        }
        case SignalType::Comments: {
          if (!view.comments_ready) fill_comments(doc, view);
          std::string first;
          std::size_t at = 0;
          long n = count_matches(*s.pattern, view.comments, std::max<long>(s.min, 1000), first, at);
          if (n >= s.min)
            fire(k, s, n == 1 ? fmt::format("'{}'", shorten(first)) : fmt::format("{} times, as '{}'", n, shorten(first)), 0);
          break;
        }
        case SignalType::FileName:
          if (auto m = first_match(*s.pattern, view.file_name)) {
            // What matched, without the separators a pattern may take in around it.
            std::string_view word = *m;
            while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.front()))) word.remove_prefix(1);
            while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back()))) word.remove_suffix(1);
            fire(k, s, shorten(word.empty() ? view.file_name : word), 0);
          }
          break;
        case SignalType::Folder:
          for (const auto& f : view.folders)
            if (folder_matches(*s.pattern, f)) {
              fire(k, s, f, 0);
              break;
            }
          break;
        case SignalType::Repository:
          for (const auto& r : m_repository)
            if (RE2::PartialMatch(r, *s.pattern)) {
              fire(k, s, r, 0);
              break;
            }
          break;
        case SignalType::Field:
          if (const FrontMatterField* f = doc.front_matter.find(s.field); f && !trim(f->text).empty())
            fire(k, s, "", f->line);
          break;
        case SignalType::IndexPage: {
          auto [prose, links] = link_blocks(doc);
          if (links >= 3 && static_cast<double>(links) >= s.ratio * prose)
            fire(k, s, fmt::format("{} of {} paragraphs are links", links, prose), 0);
          break;
        }
        case SignalType::EmptySections: {
          auto [considered, empty] = empty_sections(doc);
          if (considered >= 3 && static_cast<double>(empty) >= s.ratio * considered)
            fire(k, s, fmt::format("{} of {} sections", empty, considered), 0);
          break;
        }
      }
    }
  }
  return decide(std::move(evidence));
}

Classification Classifier::decide(std::vector<Evidence> evidence) const {
  Classification c;
  c.evidence = std::move(evidence);
  const std::size_t n = m_kinds.kinds.size();
  std::vector<int> structure(n, 0);  // per kind: its section signals only (what a template carries)
  for (std::size_t i = 0; i < n; ++i) {
    const KindDef& k = m_kinds.kinds[i];
    KindScore s;
    s.kind = k.id;
    s.threshold = k.threshold;
    bool required = k.required_signals.empty();
    for (const auto& e : c.evidence) {
      if (e.kind != k.id) continue;
      s.score += e.weight;
      if (e.type == SignalType::Section) structure[i] += e.weight;
      required = required || std::find(k.required_signals.begin(), k.required_signals.end(), e.signal) != k.required_signals.end();
    }
    s.candidate = !k.signals.empty() && s.score >= k.threshold && required;
    c.scores.push_back(s);
  }
  auto index_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < n; ++i)
      if (m_kinds.kinds[i].id == id) return static_cast<int>(i);
    return -1;
  };
  // A template must carry the structure of a kind it is a template of (the
  // one whose evidence is strongest, when it carries more than one's).
  std::vector<int> carries(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    const KindDef& k = m_kinds.kinds[i];
    if (k.template_of.empty() || !c.scores[i].candidate) continue;
    for (const auto& of : k.template_of) {
      int j = index_of(of);
      if (j >= 0 && structure[static_cast<std::size_t>(j)] >= k.structure_min &&
          (carries[i] < 0 || c.scores[static_cast<std::size_t>(j)].score > c.scores[static_cast<std::size_t>(carries[i])].score))
        carries[i] = j;
    }
    if (carries[i] < 0) c.scores[i].candidate = false;
  }
  auto margin = [&](std::size_t i) { return c.scores[i].score - c.scores[i].threshold; };
  // The candidate furthest above its threshold; then a template over the kind whose structure it carries.
  int winner = -1;
  for (std::size_t i = 0; i < n; ++i)
    if (c.scores[i].candidate && (winner < 0 || margin(i) > margin(static_cast<std::size_t>(winner))))
      winner = static_cast<int>(i);
  for (std::size_t i = 0; winner >= 0 && i < n; ++i)
    if (c.scores[i].candidate && carries[i] == winner) winner = static_cast<int>(i);
  const KindDef& chosen = winner >= 0 ? m_kinds.kinds[static_cast<std::size_t>(winner)] : m_kinds.fallback();
  c.kind = chosen.id;
  c.role = chosen.role;
  int carried = winner >= 0 ? carries[static_cast<std::size_t>(winner)] : -1;
  if (carried >= 0) c.template_of = m_kinds.kinds[static_cast<std::size_t>(carried)].id;

  // The runner-up: the strongest other kind with signals (a template's own
  // structure is not a rival).
  int runner = -1;
  for (std::size_t i = 0; i < n; ++i) {
    if (m_kinds.kinds[i].id == chosen.id || m_kinds.kinds[i].signals.empty()) continue;
    if (static_cast<int>(i) == carried) continue;
    if (runner < 0 || margin(i) > margin(static_cast<std::size_t>(runner))) runner = static_cast<int>(i);
  }
  // Confidence from the lead over the runner-up (or, with no candidate, how
  // far the nearest kind fell short): 0.5 for none, 0.83 for 3 points, 0.93 for 6.
  int gap = 10;
  if (winner >= 0 && runner >= 0) gap = margin(static_cast<std::size_t>(winner)) - std::max(margin(static_cast<std::size_t>(runner)), -10);
  else if (winner >= 0) gap = margin(static_cast<std::size_t>(winner)) + 10;
  else if (runner >= 0) gap = -margin(static_cast<std::size_t>(runner));
  c.confidence = std::round((1.0 - 0.5 * std::exp(-std::max(0, gap) / 3.0)) * 100.0) / 100.0;

  const KindScore* rival = runner >= 0 ? &c.scores[static_cast<std::size_t>(runner)] : nullptr;
  std::string own = describe(evidence_for(c.evidence, chosen.id, true));
  if (winner >= 0) {
    c.reason = own;
    if (carried >= 0) {
      std::vector<const Evidence*> sections;
      for (const Evidence* e : evidence_for(c.evidence, c.template_of, true))
        if (e->type == SignalType::Section) sections.push_back(e);
      c.reason = fmt::format("{} template: {}", c.template_of, own);
      if (!sections.empty()) c.reason += "; " + describe(sections);
    }
    if (rival && rival->candidate)
      c.reason += fmt::format("; outweighs {} ({})", rival->kind, describe(evidence_for(c.evidence, rival->kind, true), 2));
  } else if (rival && rival->score > 0) {
    c.reason = fmt::format("not enough evidence for any kind: {} scores {} of {} ({})", rival->kind, rival->score,
                           rival->threshold, describe(evidence_for(c.evidence, rival->kind, true)));
    std::string against = describe(evidence_for(c.evidence, rival->kind, false));
    if (!against.empty()) c.reason += fmt::format(", against it: {}", against);
  } else {
    c.reason = "no evidence for any kind";
  }
  return c;
}

}  // namespace lessonlint
