// passage: sentences (of paragraphs and list items) addressed to someone, as
// a reader tells who a sentence speaks to. Each `addressees` entry is a way
// of addressing someone ("if you ...", "package maintainers should ...",
// "we hope other teams can learn ..."); a sentence that matches one, and none
// of the `exclusions` the entry names (the team's own framing, instructions,
// contact details, questions), starts a passage, which runs to the end of its
// paragraph or list item. One finding per section, at its first passage,
// naming whom it addresses; the sections listed in `headings`
// (a heading that names the audience outright) are reported whole instead,
// at their heading, with the rule's own severity and message.
#include <fmt/format.h>

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

#include "document/sentences.h"
#include "rules/checks/registry.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class PassageCheck final : public Check {
 public:
  struct Exclusion {
    std::string name;
    Pattern pattern;
    bool paragraph = false;  // matched against the whole paragraph or list item, not the sentence
  };
  struct Addressee {
    std::string name;
    Pattern pattern;
    std::string who;                   // whom it addresses, when the pattern captures no `who`
    std::vector<std::size_t> unless;   // indexes into exclusions
    std::vector<std::size_t> unless_after;  // the same, matched against the sentence before (in the paragraph)
  };
  std::vector<Pattern> headings;
  Pattern skip_sections;
  std::vector<Exclusion> exclusions;
  std::vector<Addressee> addressees;
  std::optional<Severity> passage_severity;
  std::string passage_message = "Passage addresses \"{who}\"";

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    // Sections whose heading names the audience: reported whole, and not read for passages.
    std::vector<char> whole(doc.sections.size(), 0), skipped(doc.sections.size(), 0);
    for (std::size_t i = 1; i < doc.sections.size(); ++i) {
      int parent = doc.sections[i].parent;
      if (parent > 0 && whole[static_cast<std::size_t>(parent)]) whole[i] = 2;  // within a reported section
      if (parent > 0 && skipped[static_cast<std::size_t>(parent)]) skipped[i] = 1;
      if (skip_sections && heading_matches(doc, static_cast<int>(i), *skip_sections, env.headings)) skipped[i] = 1;
      if (whole[i]) continue;
      for (const auto& h : headings)
        if (heading_matches(doc, static_cast<int>(i), *h, env.headings)) {
          whole[i] = 1;
          RawFinding f;
          f.span = heading_span(doc, static_cast<int>(i));
          f.message = expand_message(rule.message, {{"heading", doc.sections[i].heading}});
          out.push_back(std::move(f));
          break;
        }
    }
    // Passages: the first of each section.
    auto readable = [&](const Block& b) {
      if (b.kind != BlockKind::Paragraph || b.in_quote || b.words == 0) return false;
      auto sec = static_cast<std::size_t>(b.section);
      if (whole[sec] || skipped[sec]) return false;
      std::string_view t = trim(doc.slice(b.span));
      return t.empty() || t.front() != '|';  // not a table row
    };
    // The readable paragraphs' words, each after a blank line, read by one
    // search for any addressee: most documents address no one outside the
    // team, and the search says so in one pass. Where it finds one, the
    // paragraph it starts in is read sentence by sentence, and the search goes
    // on after that paragraph (after its section, once a passage is reported
    // there). A paragraph that holds a match is never passed over: the search
    // from an earlier paragraph stops at a match at or before it.
    thread_local std::string plain;  // kept from document to document: one allocation per thread
    thread_local std::vector<std::size_t> starts;  // where each readable paragraph starts in `plain`
    thread_local std::vector<std::size_t> paragraphs;  // its block
    plain.clear();
    starts.clear();
    paragraphs.clear();
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (!readable(doc.blocks[i])) continue;
      starts.push_back(plain.size());
      paragraphs.push_back(i);
      std::string uncommented;
      to_plain(without_comments(doc.slice(doc.blocks[i].span), uncommented), plain, nullptr);
      plain += "\n\n";
    }
    std::string sentence, paragraph_plain;
    std::vector<std::size_t> at;  // where each byte of the paragraph went in `paragraph_plain`
    std::vector<char> reported(doc.sections.size(), 0);  // per section: a passage was reported there
    std::size_t p = 0;
    while (p < paragraphs.size()) {
      const Block& b = doc.blocks[paragraphs[p]];
      if (reported[static_cast<std::size_t>(b.section)]) {  // one passage per section: on to the next
        ++p;
        continue;
      }
      std::size_t found = 0;
      if (!first_addressee(plain, starts[p], found)) break;  // none from here on
      p = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), found) - starts.begin()) - 1;
      const Block& hit = doc.blocks[paragraphs[p]];
      ++p;
      if (reported[static_cast<std::size_t>(hit.section)]) continue;
      if (read_paragraph(doc, hit, sentence, paragraph_plain, at, out)) reported[static_cast<std::size_t>(hit.section)] = 1;
    }
  }

  // The headings it looks for, searched with every other check's at once.
  std::vector<const RE2*> section_patterns() const override {
    std::vector<const RE2*> out;
    for (const auto& h : headings) out.push_back(h.get());
    if (skip_sections) out.push_back(skip_sections.get());
    return out;
  }

 private:
  // Reads one paragraph sentence by sentence; at the first sentence addressed
  // to someone, reports the passage (that sentence to the end of the paragraph
  // or list item: what `lessonlint extract` carries) and says so.
  bool read_paragraph(const Document& doc, const Block& b, std::string& sentence, std::string& plain,
                      std::vector<std::size_t>& at, std::vector<RawFinding>& out) const {
    auto sec = static_cast<std::size_t>(b.section);
    std::string uncommented;
    std::string_view text = without_comments(doc.slice(b.span), uncommented);
    plain.clear();
    to_plain(text, plain, &at);
    std::string before;  // the paragraph's sentence before this one
    for (const auto& [begin, end] : sentence_ranges(text)) {
      std::string_view piece = trim(std::string_view(plain).substr(at[begin], at[end] - at[begin]));
      sentence.assign(piece.begin(), piece.end());
      std::replace(sentence.begin(), sentence.end(), '\n', ' ');
      std::string who;
      bool found = addressed(sentence, before, text, who);
      before = sentence;
      if (!found) continue;
      RawFinding f;
      f.span = {b.span.begin + begin, b.span.end};
      std::string heading = sec == 0 ? std::string() : doc.sections[sec].heading;
      f.message = expand_message(passage_message,
                                 {{"who", who}, {"section", heading.empty() ? "the opening" : "\"" + heading + "\""}});
      f.severity = passage_severity;
      out.push_back(std::move(f));
      return true;
    }
    return false;
  }

  // The text with its HTML comments (which a reader never sees: a
  // lessonlint-disable-next-line at the end of a line, say) made spaces, so
  // that offsets stay those of the document: `text` itself when it has none,
  // else a copy kept in `out`.
  static std::string_view without_comments(std::string_view text, std::string& out) {
    if (text.find("<!--") == std::string_view::npos) return text;
    out.assign(text);
    for (std::size_t open = out.find("<!--"); open != std::string::npos; open = out.find("<!--", open)) {
      std::size_t close = out.find("-->", open + 4);
      std::size_t end = close == std::string::npos ? out.size() : close + 3;
      for (std::size_t i = open; i < end; ++i)
        if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
      open = end;
    }
    return out;
  }

  // A paragraph's words as a reader reads them, appended to `out`: inline
  // code and quoted words (someone else's) stand for one word each, links for
  // their text, emphasis left out, white space collapsed to one space, or to
  // a line break after . ! or ? (where a sentence may end). With `at`, where
  // each byte of `s` (and its end) went in `out`.
  static void to_plain(std::string_view s, std::string& out, std::vector<std::size_t>* at) {
    std::size_t start = out.size();
    if (at) at->assign(s.size() + 1, start);
    char pending = 0;  // white space to write before the next word: ' ' or '\n'
    auto put = [&](std::string_view piece) {
      if (pending && out.size() > start) out += pending;
      pending = 0;
      out += piece;
    };
    auto mark = [&](std::size_t from, std::size_t to) {  // bytes [from, to) of `s` went to here
      if (at)
        for (std::size_t k = from; k < to && k < at->size(); ++k) (*at)[k] = out.size();
    };
    std::size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      std::size_t next = i + 1;
      if (is_space(c)) {
        mark(i, next);
        char prev = i > 0 ? s[i - 1] : 0;
        if (!pending) pending = (prev == '.' || prev == '!' || prev == '?') ? '\n' : ' ';
        i = next;
        continue;
      }
      std::size_t close = std::string_view::npos;
      if (c == '`') {
        close = s.find('`', i + 1);
        if (close == std::string_view::npos) {
          mark(i, next);
          i = next;
          continue;
        }
        mark(i, close + 1);
        put("CODE");
        i = close + 1;
        continue;
      }
      if (c == '"' || (c == '\'' && (i == 0 || is_space(s[i - 1]) || s[i - 1] == '('))) {
        close = s.find(c, i + 1);
        // A quotation of several words (not an apostrophe): someone else's words.
        if (close != std::string_view::npos && s.substr(i, close - i).find(' ') != std::string_view::npos) {
          mark(i, close + 1);
          put("QUOTE");
          i = close + 1;
          continue;
        }
      }
      if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {  // [text](target): keep the text
        close = s.find(')', i + 1);
        if (close != std::string_view::npos) {
          mark(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      if (c == '*' || c == '_' || c == '[' || c == ']') {
        mark(i, next);
        i = next;
        continue;
      }
      // A run of ordinary characters, written at once.
      static const auto special = [] {
        std::array<bool, 256> t{};
        for (unsigned char ch : std::string_view(" \t\n\r\f\v`\"'[]*_")) t[ch] = true;
        return t;
      }();
      // A single space between two words stays a space (unless a sentence
      // may end before it): the run goes on, one append for many words.
      while (next < s.size()) {
        auto ch = static_cast<unsigned char>(s[next]);
        if (!special[ch]) {
          ++next;
          continue;
        }
        if (ch == ' ' && next + 1 < s.size() && !special[static_cast<unsigned char>(s[next + 1])]) {
          char prev = s[next - 1];
          if (prev != '.' && prev != '!' && prev != '?') {
            next += 2;
            continue;
          }
        }
        break;
      }
      if (pending && out.size() > start) out += pending;
      pending = 0;
      if (at)
        for (std::size_t k = i; k < next; ++k) (*at)[k] = out.size() + (k - i);
      out.append(s.substr(i, next - i));
      i = next;
    }
    if (at) (*at)[s.size()] = out.size();
  }

  // Where the first match of any addressee starts in `text` (paragraphs of
  // sentences, one per line), from `from` on: a match within one sentence is
  // a match here, so text this passes over has no passage. All the addressees
  // are one pattern, searched once.
  bool first_addressee(const std::string& text, std::size_t from, std::size_t& found) const {
    std::call_once(m_any_once, [this] {
      // (?m): ^ matches at the start of each line, where a sentence may
      // start; (?s): . matches the line break as it matches the space there
      // in a sentence. A pattern with a literal space might need one where
      // the search sees a line break: with one, every sentence is read.
      std::string all;
      for (const auto& a : addressees) {
        if (has_literal_space(a.pattern.pattern())) return;
        all += all.empty() ? "(?ms)(?:" : "|(?:";
        all += search_form(a.pattern.pattern());
        all += ')';
      }
      RE2::Options o = pattern_options();
      o.set_max_mem(64 << 20);
      o.set_log_errors(false);
      auto re = std::make_unique<RE2>(all, o);
      if (re->ok()) m_any = std::move(re);  // not one RE2 takes: no shortcut
    });
    if (!m_any) {
      found = from;
      return from < text.size();
    }
    re2::StringPiece m;
    if (!m_any->Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED, &m, 1)) return false;
    found = static_cast<std::size_t>(m.data() - text.data());
    return true;
  }

  // A pattern as the search for any addressee takes it: its named groups
  // unnamed ("(?P<who>" to "(?:"), so that several that name the same group
  // make one pattern, and its counted repeats unbounded (below). It matches
  // wherever the pattern does, and may match more: what it finds is read.
  static std::string search_form(const std::string& p) {
    std::string out;
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        out += p[i];
        out += p[++i];
        continue;
      }
      if (in_class) {
        if (p[i] == ']') in_class = false;
      } else if (p[i] == '[') {
        in_class = true;
        if (i + 1 < p.size() && p[i + 1] == '^') out += p[i++];
        if (i + 1 < p.size() && p[i + 1] == ']') out += p[i++];  // "[]...]": the first ] is a member
      } else if (p.compare(i, 4, "(?P<") == 0) {
        std::size_t close = p.find('>', i);
        if (close != std::string::npos) {
          out += "(?:";
          i = close;
          continue;
        }
      } else if (p[i] == '{') {
        // "{m,n}" as "{m,}": a search for a pattern that takes at most n
        // has an automaton with a state for each count; one without the
        // bound is small, and finds every match the bounded one does.
        std::size_t comma = p.find_first_not_of("0123456789", i + 1);
        if (comma != std::string::npos && comma > i + 1 && p[comma] == ',') {
          std::size_t close = p.find_first_not_of("0123456789", comma + 1);
          if (close != std::string::npos && close > comma + 1 && p[close] == '}') {
            out.append(p, i, comma + 1 - i);
            out += '}';
            i = close;
            continue;
          }
        }
      }
      out += p[i];
    }
    return out;
  }

  // Whether a pattern holds a space outside a character class ("[ x]").
  static bool has_literal_space(const std::string& p) {
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '\\') {
        ++i;
        continue;
      }
      if (in_class) {
        if (p[i] == ']') in_class = false;
      } else if (p[i] == '[') {
        in_class = true;
        if (i + 1 < p.size() && p[i + 1] == '^') ++i;
        if (i + 1 < p.size() && p[i + 1] == ']') ++i;  // "[]...]": the first ] is a member
      } else if (p[i] == ' ') {
        return true;
      }
    }
    return false;
  }

  mutable std::once_flag m_any_once;
  mutable std::unique_ptr<RE2> m_any;

  bool addressed(const std::string& sentence, const std::string& before, std::string_view paragraph,
                 std::string& who) const {
    re2::StringPiece input(sentence.data(), sentence.size());
    for (const auto& a : addressees) {
      int groups = a.pattern->NumberOfCapturingGroups();
      std::vector<re2::StringPiece> m(static_cast<std::size_t>(groups) + 1);
      if (!a.pattern->Match(input, 0, sentence.size(), RE2::UNANCHORED, m.data(), groups + 1)) continue;
      bool excluded = false;
      for (std::size_t x : a.unless)
        if (RE2::PartialMatch(exclusions[x].paragraph ? re2::StringPiece(paragraph.data(), paragraph.size())
                                                      : re2::StringPiece(sentence.data(), sentence.size()),
                              *exclusions[x].pattern)) {
          excluded = true;
          break;
        }
      for (std::size_t x : a.unless_after)
        if (!excluded && !before.empty() &&
            RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), *exclusions[x].pattern))
          excluded = true;
      if (excluded) continue;
      who = a.who;
      for (const auto& [name, index] : a.pattern->NamedCapturingGroups())
        if (name.rfind("who", 0) == 0 && m[static_cast<std::size_t>(index)].data() != nullptr) {
          who = collapse_space(std::string_view(m[static_cast<std::size_t>(index)].data(), m[static_cast<std::size_t>(index)].size()));
          break;
        }
      return true;
    }
    return false;
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_passage(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "headings", "skip-sections", "exclusions", "addressees", "passage-severity",
                              "passage-message"},
                          file, "a passage check"))
    return *e;
  auto c = std::make_unique<PassageCheck>();
  if (n["headings"]) {
    auto list = n["headings"];
    if (!list.IsSequence()) return yaml_error(file, list, "headings must be a list of patterns");
    for (const auto& h : list) {
      auto re = compile_pattern(h, file, "headings");
      if (!re) return re.error();
      c->headings.push_back(*re);
    }
  }
  if (n["skip-sections"]) {
    auto re = compile_pattern(n["skip-sections"], file, "skip-sections");
    if (!re) return re.error();
    c->skip_sections = *re;
  }
  if (n["exclusions"]) {
    if (!n["exclusions"].IsSequence()) return yaml_error(file, n["exclusions"], "exclusions must be a list of {name, pattern}");
    for (const auto& item : n["exclusions"]) {
      if (auto e = check_keys(item, {"name", "pattern", "within"}, file, "an exclusion")) return *e;
      if (!item["name"] || !item["pattern"]) return yaml_error(file, item, "an exclusion needs name and pattern");
      auto name = yaml_string(item["name"], file, "name");
      if (!name) return name.error();
      auto re = compile_pattern(item["pattern"], file, "pattern");
      if (!re) return re.error();
      bool paragraph = false;
      if (item["within"]) {
        auto within = yaml_string(item["within"], file, "within");
        if (!within) return within.error();
        if (*within != "sentence" && *within != "paragraph")
          return yaml_error(file, item["within"], "within must be sentence or paragraph");
        paragraph = *within == "paragraph";
      }
      c->exclusions.push_back({*name, *re, paragraph});
    }
  }
  if (!n["addressees"] || !n["addressees"].IsSequence() || n["addressees"].size() == 0)
    return yaml_error(file, n["addressees"] ? n["addressees"] : n, "a passage check needs `addressees:`, a list of {name, pattern, who, unless}");
  for (const auto& item : n["addressees"]) {
    if (auto e = check_keys(item, {"name", "pattern", "who", "unless", "unless-after"}, file, "an addressee")) return *e;
    if (!item["name"] || !item["pattern"]) return yaml_error(file, item, "an addressee needs name and pattern");
    PassageCheck::Addressee a;
    auto name = yaml_string(item["name"], file, "name");
    if (!name) return name.error();
    a.name = *name;
    auto re = compile_pattern(item["pattern"], file, "pattern");
    if (!re) return re.error();
    a.pattern = *re;
    a.who = a.name;
    if (item["who"]) {
      auto who = yaml_string(item["who"], file, "who");
      if (!who) return who.error();
      a.who = *who;
    }
    for (auto [key, dest] : {std::pair{"unless", &a.unless}, std::pair{"unless-after", &a.unless_after}}) {
      if (!item[key]) continue;
      auto list = yaml_string_list(item[key], file, key);
      if (!list) return list.error();
      for (const auto& u : *list) {
        std::size_t x = 0;
        while (x < c->exclusions.size() && c->exclusions[x].name != u) ++x;
        if (x == c->exclusions.size())
          return yaml_error(file, item[key], fmt::format("{} names '{}', which is not one of the exclusions", key, u));
        dest->push_back(x);
      }
    }
    c->addressees.push_back(std::move(a));
  }
  if (n["passage-severity"]) {
    auto s = yaml_string(n["passage-severity"], file, "passage-severity");
    if (!s) return s.error();
    auto sev = parse_severity(*s);
    if (!sev) return yaml_error(file, n["passage-severity"], "passage-severity must be error, warning or note");
    c->passage_severity = sev;
  }
  if (n["passage-message"]) {
    auto m = yaml_string(n["passage-message"], file, "passage-message");
    if (!m) return m.error();
    c->passage_message = *m;
  }
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
