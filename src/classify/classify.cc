#include "classify/classify.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "classify/signals.h"
#include "rules/checks/common.h"
#include "util/glob.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

// The one line of a decision: the deciding kind's evidence, strongest first,
// section signals gathered under "sections:", at most `most` pieces besides.
// (Built for every document a check reads: plain appends, no formatting.)
std::string describe(const std::vector<const Evidence*>& items, std::size_t most = 3) {
  constexpr std::size_t kSections = 4;  // section names shown; the rest are counted
  std::string sections, rest;
  std::size_t section_count = 0, rest_count = 0;
  std::vector<std::string_view> seen;
  for (const Evidence* e : items) {
    if (e->type == SignalType::Section) {
      if (std::find(seen.begin(), seen.end(), e->signal) != seen.end()) continue;
      seen.push_back(e->signal);
      if (section_count++ < kSections) {
        if (!sections.empty()) sections += ", ";
        sections += e->signal;
      }
      continue;
    }
    if (rest_count++ >= most) continue;
    if (!rest.empty()) rest += "; ";
    rest += e->signal;
    switch (e->type) {
      case SignalType::Field:
      case SignalType::IndexPage:
      case SignalType::EmptySections:
      case SignalType::Lines:
      case SignalType::Text:
      case SignalType::Comments:
      case SignalType::Placeholders:
        if (!e->detail.empty()) rest += " (" + e->detail + ")";
        break;
      default:
        if (!e->detail.empty()) rest += " '" + e->detail + "'";
        break;
    }
  }
  std::string out;
  if (section_count) {
    out = "sections: " + sections;
    if (section_count > kSections) out += " (+" + std::to_string(section_count - kSections) + ")";
  }
  if (!rest.empty()) out += (out.empty() ? "" : "; ") + rest;
  if (rest_count > most) out += "; " + std::to_string(rest_count - most) + " more";
  return out;
}

std::vector<const Evidence*> evidence_for(const std::vector<Evidence>& all, std::string_view kind, bool positive) {
  std::vector<const Evidence*> out;
  for (const auto& e : all)
    if (e.kind == kind && (positive ? e.weight > 0 : e.weight < 0)) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Evidence* a, const Evidence* b) {
    return std::abs(a->weight) > std::abs(b->weight);
  });
  return out;
}


// How costly a signal is to ask: cheap ones first, so that the expensive ones
// (scans of the whole text) are asked only when the decision still depends on them.
int cost_of(SignalType t) {
  switch (t) {
    case SignalType::Field:
    case SignalType::FileName:
    case SignalType::Folder:
    case SignalType::Repository:
    case SignalType::Title: return 0;
    case SignalType::Section:
    case SignalType::Opening:
    case SignalType::IndexPage:
    case SignalType::EmptySections: return 1;
    case SignalType::Comments: return 2;
    case SignalType::Lines:
    case SignalType::Text:
    case SignalType::Placeholders: return 3;
  }
  return 3;
}

// Per thread: which section signals each heading text matched, for one
// classifier's set. Headings repeat across documents ("Timeline", "Impact").
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
struct SectionCache {
  const void* owner = nullptr;
  std::unordered_map<std::string, std::vector<int>, TextHash, std::equal_to<>> hits;
};
constexpr std::size_t kSectionCacheLimit = 4096;

}  // namespace

namespace {

// A small file's text, or nullopt when it cannot be read.
std::optional<std::string> small_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The url of [remote "origin"] in a git configuration file's text, or "".
// (libgit2 would parse it too, but its start-up costs more than classifying a
// few documents: git's own format is read here, the keys case-insensitively.)
std::string origin_url(const std::string& config) {
  std::istringstream in(config);
  std::string line;
  bool origin = false;
  while (std::getline(in, line)) {
    std::string_view t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t[0] == '[') {
      std::string section = collapse_space(t);
      origin = to_lower_ascii(section.substr(0, 8)) == "[remote " && section.find("\"origin\"") != std::string::npos;
      continue;
    }
    if (!origin) continue;
    std::size_t eq = t.find('=');
    if (eq == std::string_view::npos || to_lower_ascii(trim(t.substr(0, eq))) != "url") continue;
    std::string_view value = trim(t.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return "";
}

}  // namespace

std::vector<std::string> repository_names(const std::string& root) {
  std::vector<std::string> out;
  if (root.empty()) return out;
  std::string folder = fs::path(root).lexically_normal().filename().string();
  if (folder.empty()) folder = fs::path(root).lexically_normal().parent_path().filename().string();
  if (!folder.empty()) out.push_back(folder);
  // The origin remote's name, from the repository's configuration file (a
  // linked worktree's .git file names its git folder, whose commondir has it).
  std::error_code ec;
  fs::path git = fs::path(root) / ".git";
  if (fs::is_regular_file(git, ec)) {
    std::string pointer = small_file(git).value_or("");
    if (pointer.rfind("gitdir:", 0) != 0) return out;
    fs::path dir = std::string(trim(std::string_view(pointer).substr(7)));
    if (dir.is_relative()) dir = fs::path(root) / dir;
    git = dir;
    if (auto common = small_file(dir / "commondir")) {
      fs::path c = std::string(trim(*common));
      git = c.is_relative() ? dir / c : c;
    }
  }
  auto config = small_file(git / "config");
  if (!config) return out;
  std::string u = origin_url(*config);
  while (!u.empty() && (u.back() == '/' || u.back() == '\\')) u.pop_back();
  std::size_t cut = u.find_last_of("/:\\");
  std::string name = cut == std::string::npos ? u : u.substr(cut + 1);
  for (const char* ext : {".git", ".bundle"}) {
    std::size_t len = std::char_traits<char>::length(ext);
    if (name.size() > len && name.compare(name.size() - len, len, ext) == 0) name.resize(name.size() - len);
  }
  if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  return out;
}

// The signals of one type that read one short text (the title, the file
// name, the opening), searched in one pass of an RE2::Set: only those that
// match are then searched one by one, for what they saw.
struct TextSignals {
  SignalType type;
  std::vector<const Signal*> signals;
  std::unique_ptr<PatternSet> set;
};

struct Classifier::Compiled {
  std::map<const Signal*, LinePattern> lines;
  // For runs of many documents (prepare_for_many): every section signal of
  // every kind in one RE2::Set, so that each heading is searched once, and
  // the title, file name and opening signals in one set per text.
  std::once_flag sets_once;
  std::unique_ptr<PatternSet> sections;
  std::vector<TextSignals> texts;
  std::map<const Signal*, std::pair<std::size_t, int>> text_index;  // signal -> (its TextSignals, its index in the set)
  // Per position of m_order: when another kind's signal asks the very same
  // question (type, pattern, field, ratio, min), the slot the first answer is
  // kept in for the rest of the document; -1 otherwise.
  std::vector<int> shared_slot;
  std::size_t shared_slots = 0;
};

Classifier::Classifier(const KindSet& kinds, std::vector<KindGlobs> globs)
    : m_kinds(kinds), m_globs(std::move(globs)), m_compiled(std::make_unique<Compiled>()) {
  plan();
  for (std::size_t k = 0; k < m_kinds.kinds.size(); ++k) {
    const KindDef& kind = m_kinds.kinds[k];
    for (std::size_t s = 0; s < kind.signals.size(); ++s) {
      const Signal& sig = kind.signals[s];
      if (sig.type == SignalType::Section) m_section_signals.push_back({k, s});
      if (sig.type == SignalType::Lines) m_compiled->lines.emplace(&sig, line_pattern(sig.pattern));
      m_order.push_back({k, s});
    }
  }
  std::stable_sort(m_order.begin(), m_order.end(), [&](const SectionSignal& a, const SectionSignal& b) {
    const Signal& x = m_kinds.kinds[a.kind].signals[a.signal];
    const Signal& y = m_kinds.kinds[b.kind].signals[b.signal];
    if (cost_of(x.type) != cost_of(y.type)) return cost_of(x.type) < cost_of(y.type);
    return std::abs(x.weight) > std::abs(y.weight);
  });
  // Two kinds may weigh the same evidence (for one, against the other): it is searched for once.
  auto same_question = [](const Signal& a, const Signal& b) {
    return a.type == b.type && a.pattern.pattern() == b.pattern.pattern() && a.field == b.field && a.ratio == b.ratio &&
           a.min == b.min;
  };
  m_compiled->shared_slot.assign(m_order.size(), -1);
  for (std::size_t i = 0; i < m_order.size(); ++i) {
    const Signal& x = m_kinds.kinds[m_order[i].kind].signals[m_order[i].signal];
    if (x.type == SignalType::Section) continue;  // the sections are asked all at once
    for (std::size_t j = 0; j < i; ++j) {
      if (!same_question(x, m_kinds.kinds[m_order[j].kind].signals[m_order[j].signal])) continue;
      if (m_compiled->shared_slot[j] < 0) m_compiled->shared_slot[j] = static_cast<int>(m_compiled->shared_slots++);
      m_compiled->shared_slot[i] = m_compiled->shared_slot[j];
      break;
    }
  }
}

Classifier::~Classifier() = default;

void Classifier::set_repository_names(std::vector<std::string> names) { m_repository = std::move(names); }

void Classifier::prepare_for_many(std::size_t documents) const {
  std::call_once(m_compiled->sets_once, [this, documents] {
    std::vector<const RE2*> patterns;
    for (const auto& ss : m_section_signals) patterns.push_back(m_kinds.kinds[ss.kind].signals[ss.signal].pattern.get());
    auto set = std::make_unique<PatternSet>(patterns);
    if (set->usable()) m_compiled->sections = std::move(set);
    if (documents < kTextSetsMin) return;
    for (SignalType type : {SignalType::Title, SignalType::FileName, SignalType::Opening}) {
      TextSignals t;
      t.type = type;
      std::vector<const RE2*> res;
      for (const auto& kind : m_kinds.kinds)
        for (const auto& s : kind.signals)
          if (s.type == type) {
            t.signals.push_back(&s);
            res.push_back(s.pattern.get());
          }
      t.set = std::make_unique<PatternSet>(res);
      if (!t.set->usable() || t.signals.size() < 2) continue;
      for (std::size_t i = 0; i < t.signals.size(); ++i)
        m_compiled->text_index[t.signals[i]] = {m_compiled->texts.size(), static_cast<int>(i)};
      m_compiled->texts.push_back(std::move(t));
    }
  });
}

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

Classification Classifier::classify(const Document& doc, const std::string& rel, Completeness completeness) const {
  if (auto c = decisive(doc.front_matter, rel)) {
    // A template named so still carries some kind's structure: which, the evidence tells.
    const KindDef* k = m_kinds.find(c->kind);
    if (k && !k->template_of.empty()) {
      Classification weighed = weigh(doc, rel, Completeness::Every);
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
  return weigh(doc, rel, completeness);
}

namespace {

// What is known of each kind while its signals are asked one by one: the
// score so far, and how far the signals not asked yet could still move it.
struct Tally {
  int score = 0, structure = 0;  // fired signals; fired section signals
  int pos = 0, neg = 0;          // weights of the signals not asked yet
  int pos_sections = 0, neg_sections = 0;
  bool required = false;         // a required signal fired (or none is required)
  int required_pending = 0;
  int lo() const { return score + neg; }
  int hi() const { return score + pos; }
  int lo_structure() const { return structure + neg_sections; }
  int hi_structure() const { return structure + pos_sections; }
};

}  // namespace

struct Classifier::Plan {
  std::vector<Tally> start;                 // per kind, before any signal is asked
  std::vector<std::vector<std::size_t>> of; // per kind: the kinds it is a template of
  std::vector<std::vector<bool>> required;  // per kind and signal: a required signal
};

void Classifier::plan() {
  m_plan = std::make_unique<Plan>();
  const std::size_t n = m_kinds.kinds.size();
  m_plan->start.resize(n);
  m_plan->of.resize(n);
  m_plan->required.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const KindDef& kind = m_kinds.kinds[k];
    Tally& t = m_plan->start[k];
    t.required = kind.required_signals.empty();
    for (const auto& s : kind.signals) {
      (s.weight > 0 ? t.pos : t.neg) += s.weight;
      if (s.type == SignalType::Section) (s.weight > 0 ? t.pos_sections : t.neg_sections) += s.weight;
      bool req = std::find(kind.required_signals.begin(), kind.required_signals.end(), s.name) != kind.required_signals.end();
      m_plan->required[k].push_back(req);
      if (req) ++t.required_pending;
    }
    for (const auto& of : kind.template_of)
      for (std::size_t o = 0; o < n; ++o)
        if (m_kinds.kinds[o].id == of) m_plan->of[k].push_back(o);
  }
}

Classification Classifier::weigh(const Document& doc, const std::string& rel, Completeness completeness) const {
  const std::size_t n = m_kinds.kinds.size();
  const Plan& plan = *m_plan;
  DocumentView view(doc, rel);
  std::vector<Evidence> evidence;
  std::vector<Tally> tally = plan.start;
  auto answer = [&](std::size_t k, std::size_t si, std::optional<SignalHit> hit) {
    const KindDef& kind = m_kinds.kinds[k];
    const Signal& s = kind.signals[si];
    Tally& t = tally[k];
    (s.weight > 0 ? t.pos : t.neg) -= s.weight;
    if (s.type == SignalType::Section) (s.weight > 0 ? t.pos_sections : t.neg_sections) -= s.weight;
    bool required = plan.required[k][si];
    if (required) --t.required_pending;
    if (!hit) return;
    t.score += s.weight;
    if (s.type == SignalType::Section) t.structure += s.weight;
    t.required = t.required || required;
    evidence.push_back({kind.id, s.name, s.type, std::move(hit->detail), s.weight, hit->line});
  };
  auto threshold = [&](std::size_t k) { return m_kinds.kinds[k].threshold; };
  auto has_signals = [&](std::size_t k) { return !m_kinds.kinds[k].signals.empty(); };
  // A template's structure: which kind it could carry, were the questions answered `best` or worst.
  auto carries = [&](std::size_t k, bool best) {
    for (std::size_t o : plan.of[k])
      if ((best ? tally[o].hi_structure() : tally[o].lo_structure()) >= m_kinds.kinds[k].structure_min) return true;
    return false;
  };

  // Whether the signals not asked yet could still change the decision (per
  // kind: a candidate now, surely one, possibly one; kept across calls).
  std::vector<char> now(n), sure(n), possible(n);
  auto settled = [&]() {
    std::fill(now.begin(), now.end(), 0);
    std::fill(sure.begin(), sure.end(), 0);
    std::fill(possible.begin(), possible.end(), 0);
    for (std::size_t k = 0; k < n; ++k) {
      const Tally& t = tally[k];
      bool templ = !plan.of[k].empty();
      now[k] = has_signals(k) && t.score >= threshold(k) && t.required;
      sure[k] = has_signals(k) && t.lo() >= threshold(k) && t.required && (!templ || carries(k, false));
      possible[k] = has_signals(k) && t.hi() >= threshold(k) && (t.required || t.required_pending > 0) &&
                    (!templ || carries(k, true));
      if (templ && now[k]) {
        bool any = false;
        for (std::size_t o : plan.of[k]) any = any || tally[o].structure >= m_kinds.kinds[k].structure_min;
        now[k] = any;
      }
    }
    // The winner as things stand (as decide() would choose it).
    int w = -1;
    for (std::size_t k = 0; k < n; ++k)
      if (now[k] && (w < 0 || tally[k].score - threshold(k) > tally[static_cast<std::size_t>(w)].score - threshold(static_cast<std::size_t>(w))))
        w = static_cast<int>(k);
    if (w < 0) return std::none_of(possible.begin(), possible.end(), [](char p) { return p != 0; });
    auto W = static_cast<std::size_t>(w);
    if (!sure[W] || !plan.of[W].empty()) return false;  // a template's win is settled only by asking everything
    for (std::size_t t = 0; t < n; ++t)  // a template that could still become one would win over the kind it carries
      if (t != W && possible[t] && std::find(plan.of[t].begin(), plan.of[t].end(), W) != plan.of[t].end()) return false;
    for (std::size_t t = 0; t < n; ++t)  // a template that carries the winner's structure today wins
      if (t != W && now[t] && std::find(plan.of[t].begin(), plan.of[t].end(), W) != plan.of[t].end()) return false;
    int worst = tally[W].lo() - threshold(W);
    for (std::size_t k = 0; k < n; ++k) {
      if (k == W || !possible[k]) continue;
      int best = tally[k].hi() - threshold(k);
      if (best > worst || (best == worst && k < W)) return false;
    }
    return true;
  };

  const bool every = completeness == Completeness::Every;
  std::vector<std::optional<std::vector<int>>> text_hits(m_compiled->texts.size());  // per text set: which matched
  std::vector<std::optional<std::optional<SignalHit>>> shared(m_compiled->shared_slots);  // answers asked twice
  bool sections_done = false;
  int phase = -1;
  for (std::size_t at = 0; at < m_order.size(); ++at) {
    const SectionSignal& o = m_order[at];
    const Signal& s = m_kinds.kinds[o.kind].signals[o.signal];
    int cost = cost_of(s.type);
    if (cost != phase) {
      phase = cost;
      if (!every && settled()) break;
    }
    if (s.type == SignalType::Section && m_compiled->sections) {
      if (sections_done) continue;
      // Every section signal at once, through the set (and the thread's cache of headings).
      sections_done = true;
      thread_local SectionCache cache;
      if (cache.owner != this || cache.hits.size() >= kSectionCacheLimit) {
        cache.hits.clear();
        cache.owner = this;
      }
      std::vector<std::optional<SignalHit>> hits(m_section_signals.size());
      for (const auto& [text, line] : view.headings()) {
        auto known = cache.hits.find(text);
        if (known == cache.hits.end()) {
          std::vector<int> found;
          if (!m_compiled->sections->match(text, found))
            for (std::size_t i = 0; i < m_section_signals.size(); ++i) {  // RE2 gave up: one by one
              const auto& ss = m_section_signals[i];
              if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *m_kinds.kinds[ss.kind].signals[ss.signal].pattern))
                found.push_back(static_cast<int>(i));
            }
          known = cache.hits.emplace(std::string(text), std::move(found)).first;
        }
        for (int h : known->second)
          if (!hits[static_cast<std::size_t>(h)]) hits[static_cast<std::size_t>(h)] = SignalHit{every ? shorten_detail(text) : std::string(), line};
      }
      for (std::size_t i = 0; i < m_section_signals.size(); ++i)
        answer(m_section_signals[i].kind, m_section_signals[i].signal, std::move(hits[i]));
      if (!every && settled()) break;
      continue;
    }
    // A title, file name or opening signal that its text's set says does not match: no need to search.
    if (auto t = m_compiled->text_index.find(&s); t != m_compiled->text_index.end()) {
      auto [which, index] = t->second;
      auto& found = text_hits[which];
      const TextSignals& ts = m_compiled->texts[which];
      if (!found) {
        found.emplace();
        std::string_view text = ts.type == SignalType::Title      ? std::string_view(doc.title)
                                : ts.type == SignalType::FileName ? std::string_view(view.file_name())
                                                                  : std::string_view(view.opening());
        if (!ts.set->match(text, *found)) found.reset();  // RE2 gave up: search one by one
      }
      if (found) {
        bool matched = std::binary_search(found->begin(), found->end(), index);
        // What the signal saw is only shown in full when every signal is asked (classify): a check names the signal.
        if (!matched || !every) {
          int line = ts.type == SignalType::Title ? doc.title_line : ts.type == SignalType::Opening ? view.opening_line() : 0;
          answer(o.kind, o.signal, matched ? std::optional<SignalHit>(SignalHit{"", line}) : std::nullopt);
          if (!every && cost >= 1 && settled()) break;
          continue;
        }
      }
    }
    int slot = m_compiled->shared_slot[at];
    std::optional<SignalHit> hit;
    if (slot >= 0 && shared[static_cast<std::size_t>(slot)]) {
      hit = *shared[static_cast<std::size_t>(slot)];
    } else {
      auto line = m_compiled->lines.find(&s);
      hit = evaluate_signal(s, view, m_repository, line == m_compiled->lines.end() ? nullptr : &line->second, every);
      if (slot >= 0) shared[static_cast<std::size_t>(slot)] = hit;
    }
    answer(o.kind, o.signal, std::move(hit));
    if (!every && cost >= 1 && settled()) break;
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
      required = required || std::find(k.required_signals.begin(), k.required_signals.end(), e.signal) !=
                                 k.required_signals.end();
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
  // The candidate furthest above its threshold; then a template over the kind whose structure it carries.
  std::vector<int> margin(n);
  for (std::size_t i = 0; i < n; ++i) margin[i] = c.scores[i].score - c.scores[i].threshold;
  // On a tie, the kind that comes first (the built-in kinds in file order: learning-review, other, postmortem, template).
  int winner = -1;
  for (std::size_t i = 0; i < n; ++i)
    if (c.scores[i].candidate && (winner < 0 || margin[i] > margin[static_cast<std::size_t>(winner)]))
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
    if (runner < 0 || margin[i] > margin[static_cast<std::size_t>(runner)]) runner = static_cast<int>(i);
  }
  // Confidence from the lead over the runner-up (or, with no candidate, how
  // far the nearest kind fell short): 0.5 for none, 0.83 for 3 points, 0.93 for 6.
  int gap = 10;
  if (winner >= 0 && runner >= 0)
    gap = margin[static_cast<std::size_t>(winner)] - std::max(margin[static_cast<std::size_t>(runner)], -10);
  else if (winner >= 0) gap = margin[static_cast<std::size_t>(winner)] + 10;
  else if (runner >= 0) gap = -margin[static_cast<std::size_t>(runner)];
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
