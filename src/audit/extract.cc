#include "audit/extract.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "audit/audit.h"
#include "audit/history.h"
#include "audit/init.h"
#include "source/source.h"
#include "source/walk.h"
#include "util/atomic_file.h"
#include "document/sentences.h"
#include "util/text.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

int count_matches(std::string_view text, const RE2& re) {
  re2::StringPiece input(text.data(), text.size());
  int n = 0;
  while (RE2::FindAndConsume(&input, re)) ++n;
  return n;
}

// The line's text without its indentation, bullet and checkbox; `indent` is what was removed.
std::string_view strip_bullet(std::string_view line, std::size_t& indent) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) i = line.size();
  if (i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+')) {
    ++i;
  } else {
    std::size_t j = i;
    while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
    if (j > i && j < line.size() && (line[j] == '.' || line[j] == ')')) i = j + 1;
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  indent = i;
  return line.substr(i);
}

std::string lines_text(const Document& doc, int first, int last) {
  std::string out;
  for (int l = first; l <= last && l <= doc.line_count(); ++l) {
    if (l > first) out += '\n';
    out += doc.line_text(l);
  }
  return out;
}

// A list item's Markdown without its bullet, continuation lines de-indented.
std::string item_text(const Document& doc, const ListItem& item) {
  std::size_t indent = 0;
  std::string out(strip_bullet(doc.line_text(item.line), indent));
  for (int l = item.line + 1; l <= item.end_line && l <= doc.line_count(); ++l) {
    std::string_view t = doc.line_text(l);
    std::size_t cut = 0;
    while (cut < indent && cut < t.size() && t[cut] == ' ') ++cut;
    out += '\n';
    out += t.substr(cut);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A path as a YAML flow-sequence item: bare when that is unambiguous.
std::string yaml_path(const std::string& p) {
  bool plain = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '-' || c == '_';
  });
  return plain ? p : yaml_quote(p);
}

std::string link_target(const std::string& p) {
  std::string out;
  for (char c : p) {
    if (c == ' ') out += "%20";
    else if (c == '(') out += "%28";
    else if (c == ')') out += "%29";
    else out += c;
  }
  return out;
}

std::string md_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// "Postmortem: orders migration" -> "orders migration".
std::string lesson_title(const Document& doc, const std::string& fallback) {
  std::string t = collapse_space(doc.title);
  static const RE2 prefix(
      R"((?i)^\W*(post[- ]?mortem|incident\s+(report|review|post[- ]?mortem)|outage\s+report|rca)\s*[:\-–—]+\s*)");
  re2::StringPiece input(t);
  if (RE2::Consume(&input, prefix) && !input.empty()) t = std::string(input.data(), input.size());
  return t.empty() ? fallback : t;
}

std::string render(const std::vector<const Piece*>& pieces) {
  std::string out;
  const Piece* prev = nullptr;
  for (const Piece* p : pieces) {
    if (p->list_item) {
      out += prev ? (prev->list_item ? "\n" : "\n\n") : "";
      std::string t = p->text;
      std::string indented;
      for (char c : t) {
        indented += c;
        if (c == '\n') indented += "  ";
      }
      out += "- " + indented;
    } else if (!p->block && prev && !prev->block && !prev->list_item && prev->paragraph == p->paragraph) {
      out += " " + p->text;
    } else {
      out += prev ? "\n\n" : "";
      out += p->text;
    }
    prev = p;
  }
  return out;
}

// The byte offset of a finding's position (its columns count UTF-16 code units).
std::size_t offset_of(const Document& doc, int line, int utf16_column) {
  if (line < 1 || line > doc.line_count()) return doc.text.size();
  std::string_view t = doc.line_text(line);
  std::size_t i = 0;
  for (int units = 1; i < t.size() && units < utf16_column;) {
    auto c = static_cast<unsigned char>(t[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return doc.lines[static_cast<std::size_t>(line - 1)] + std::min(i, t.size());
}

// What a postmortem/embedded-lessons finding flags: the section whose heading
// it points at, or the passage its span covers.
std::optional<Excerpt> excerpt_of(const Document& doc, const Finding& f) {
  for (std::size_t i = 1; i < doc.sections.size(); ++i)
    if (doc.sections[i].line == f.line) return whole_section(static_cast<int>(i));
  std::size_t begin = offset_of(doc, f.line, f.column), end = offset_of(doc, f.end_line, f.end_column);
  for (const auto& b : doc.blocks) {
    if (b.kind != BlockKind::Paragraph || begin < b.span.begin || begin >= b.span.end) continue;
    Excerpt e;
    e.whole = false;
    e.section = b.section;
    e.span = {begin, std::max(begin, std::min(end, b.span.end))};
    e.list_item = b.in_list_item;
    return e;
  }
  return std::nullopt;
}

// "the section \"Broader lessons\"", "the passage in \"Takeaways\"", "3 excerpts".
std::string describe(const Document& doc, const std::vector<Excerpt>& excerpts) {
  if (excerpts.size() != 1) return fmt::format("{} excerpts", excerpts.size());
  const std::string& h = doc.sections[static_cast<std::size_t>(excerpts[0].section)].heading;
  std::string where = h.empty() ? std::string("the opening") : "\"" + h + "\"";
  return excerpts[0].whole ? "the section " + where : "the passage in " + where;
}

std::string shown(const fs::path& p) {
  std::error_code ec;
  std::string r = p.lexically_relative(fs::current_path(ec)).generic_string();
  return r.empty() || r.rfind("../../..", 0) == 0 ? p.generic_string() : r;
}

}  // namespace

const char* belief_heading(Belief b) {
  switch (b) {
    case Belief::UsedTo: return "What we used to believe";
    case Belief::Now: return "What we now believe";
    case Belief::Elsewhere: return "Where else this applies";
  }
  return "";
}

Belief place(std::string_view text) {
  static const RE2 used(R"((?i)\b(assumed|assumptions?|believed|thought|expected|used\s+to)\b)");
  static const RE2 rule(R"((?i)\b(should|must|now|needs?\s+to|always|never)\b)");
  // "team" alone is usually our own team; "teams", "every team", "any team" are others.
  static const RE2 where(
      R"((?i)\b(teams|(every|any|each|other)\s+team|anyone|anybody|every|everyone|everybody|org|orgs|organi[sz]ations?|company|services)\b)");
  re2::StringPiece input(text.data(), text.size());
  if (RE2::PartialMatch(input, used)) return Belief::UsedTo;
  int rules = count_matches(text, rule), audience = count_matches(text, where);
  return audience > 0 && audience >= rules ? Belief::Elsewhere : Belief::Now;
}

std::vector<Piece> split_section(const Document& doc, int section) {
  const Section& s = doc.sections[static_cast<std::size_t>(section)];
  int first = s.heading_end_line + 1, last = s.end_line;
  struct Event {
    int line;
    const ListItem* item;
    const Block* block;
  };
  std::vector<Event> events;
  for (const auto& item : doc.items)
    if (item.depth == 0 && item.line >= first && item.line <= last) events.push_back({item.line, &item, nullptr});
  for (const auto& b : doc.blocks)
    if (!b.in_list_item && b.line >= first && b.line <= last) events.push_back({b.line, nullptr, &b});
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.line < b.line; });

  std::vector<Piece> out;
  int paragraph = 0;
  Belief context = Belief::Now;
  for (const auto& e : events) {
    if (e.item) {
      Piece p;
      p.text = item_text(doc, *e.item);
      p.list_item = true;
      p.belief = place(p.text);
      context = p.belief;
      out.push_back(std::move(p));
      continue;
    }
    const Block& b = *e.block;
    if (b.kind == BlockKind::Heading || b.kind == BlockKind::Html || b.kind == BlockKind::ThematicBreak) continue;
    std::string raw = lines_text(doc, b.line, b.end_line);
    std::string_view body = trim(raw);
    if (b.kind == BlockKind::Code || b.in_quote || b.kind == BlockKind::Quote || (!body.empty() && body[0] == '|')) {
      // Kept whole, under the section of what came just before.
      Piece p;
      p.text = raw;
      p.block = true;
      p.belief = context;
      out.push_back(std::move(p));
      continue;
    }
    ++paragraph;
    for (auto& sentence : sentences(doc.slice(b.span))) {
      Piece p;
      p.text = std::move(sentence);
      p.paragraph = paragraph;
      p.belief = place(p.text);
      context = p.belief;
      out.push_back(std::move(p));
    }
  }
  return out;
}

Excerpt whole_section(int section) {
  Excerpt e;
  e.section = section;
  return e;
}

std::vector<Piece> split_excerpt(const Document& doc, const Excerpt& e) {
  if (e.whole) return split_section(doc, e.section);
  std::vector<Piece> out;
  std::string_view text = trim(doc.slice(e.span));
  if (e.list_item) {
    // Continuation lines lose their indentation; the item stays one piece.
    Piece p;
    for (const std::string& line : split(text, '\n')) {
      if (!p.text.empty()) p.text += '\n';
      p.text += trim(line);
    }
    p.list_item = true;
    p.belief = place(p.text);
    out.push_back(std::move(p));
    return out;
  }
  for (auto& sentence : sentences(text)) {
    Piece p;
    p.text = std::move(sentence);
    p.paragraph = 1;
    p.belief = place(p.text);
    out.push_back(std::move(p));
  }
  return out;
}

Scaffold learning_review_scaffold(const Document& postmortem, const std::vector<Excerpt>& excerpts,
                                  const std::string& postmortem_link) {
  Scaffold sc;
  std::string stem = fs::path(postmortem.path).stem().string();
  sc.title = "Learning review: " + lesson_title(postmortem, stem);
  std::string pm_title = postmortem.title.empty() ? stem : collapse_space(postmortem.title);

  std::vector<Piece> pieces;
  std::vector<std::string> sources;
  int paragraphs = 0;  // pieces of different excerpts never run into one paragraph
  for (const auto& e : excerpts) {
    auto more = split_excerpt(postmortem, e);
    int base = paragraphs;
    for (auto& p : more) {
      if (p.paragraph >= 0) p.paragraph += base, paragraphs = std::max(paragraphs, p.paragraph);
      pieces.push_back(std::move(p));
    }
    const std::string& h = postmortem.sections[static_cast<std::size_t>(e.section)].heading;
    std::string where = h.empty() ? std::string("the opening") : "\"" + h + "\"";
    sources.push_back(e.whole ? where : "a passage of " + where);
  }
  std::string headings = list_names(sources, "and");
  std::vector<const Piece*> by[3];
  for (const auto& p : pieces) {
    by[static_cast<int>(p.belief)].push_back(&p);
    sc.pieces[static_cast<int>(p.belief)]++;
  }
  const char* placeholders[3] = {
      "TBD: the assumption the incident violated (\"we assumed X was always true\").",
      "TBD: the updated mental model, what we now believe that we did not believe a month ago.",
      "TBD: which teams should care, named by what they share (\"teams running X\").",
  };

  std::string t;
  t += "---\n";
  t += "type: learning-review\n";
  t += "title: " + yaml_quote(sc.title) + "\n";
  t += "postmortems: [" + yaml_path(postmortem_link) + "]\n";
  t += "audience: TBD\n";
  t += "distribution: TBD\n";
  t += "---\n\n";
  t += "# " + sc.title + "\n\n";
  t += fmt::format("This review generalises the postmortem [{}]({}) for people who were not there.\n\n",
                   md_text(pm_title), link_target(postmortem_link));
  t += fmt::format(
      "<!-- Drafted by `lessonlint extract` from {} in {}.\n"
      "Each sentence and list item went under the section its words suggest: \"assumed\", \"believed\",\n"
      "\"thought\", \"expected\": what we used to believe; as many of \"teams\", \"anyone\", \"every\",\n"
      "\"org\", \"services\" as of \"should\", \"must\", \"now\", \"need to\", \"always\", \"never\": where\n"
      "else this applies; everything else: what we now believe. Move what is misplaced, write it for\n"
      "readers who do not know the service, and replace every TBD: the audience (which teams, by what\n"
      "they share) and the distribution (the newsletter, #channel or all-hands where this is shared). -->\n\n",
      headings, postmortem_link);
  for (Belief b : {Belief::UsedTo, Belief::Now, Belief::Elsewhere}) {
    int i = static_cast<int>(b);
    t += fmt::format("## {}\n\n", belief_heading(b));
    t += by[i].empty() ? std::string(placeholders[i]) : render(by[i]);
    t += "\n\n";
  }
  t.pop_back();
  sc.text = std::move(t);
  return sc;
}

std::string replace_excerpts(std::string_view bytes, const Document& doc, std::vector<Excerpt> excerpts,
                             const std::string& link_line) {
  std::size_t bom = doc.had_bom ? 3 : 0;
  std::string_view text = bytes.substr(bom);
  auto line_start = [&](int line) { return line <= doc.line_count() ? doc.lines[static_cast<std::size_t>(line - 1)] : text.size(); };
  // The bytes each excerpt takes: a section's lines, or a passage's own bytes.
  struct Cut {
    std::size_t begin, end;
    const Excerpt* excerpt;
  };
  std::vector<Cut> cuts;
  for (const auto& e : excerpts) {
    if (e.whole) {
      const Section& s = doc.sections[static_cast<std::size_t>(e.section)];
      cuts.push_back({line_start(s.line), line_start(s.end_line + 1), &e});
    } else {
      cuts.push_back({std::min(e.span.begin, text.size()), std::min(e.span.end, text.size()), &e});
    }
  }
  auto blank = [&](int line) { return line >= 1 && line <= doc.line_count() && trim(doc.line_text(line)).empty(); };
  // A passage that is all of its paragraph or list item, when it goes: its
  // lines go too (and the blank line after them), leaving no empty bullet.
  auto whole_lines = [&](Cut& c) {
    int line = doc.position(c.begin).first, end_line = doc.position(c.end).first;
    std::string_view before = text.substr(line_start(line), c.begin - line_start(line));
    std::size_t indent = 0;
    std::string_view bullet_free = strip_bullet(before, indent);
    if (!trim(bullet_free).empty() && trim(bullet_free) != "[ ]" && trim(bullet_free) != "[x]") return;
    std::size_t line_end = line_start(end_line + 1);
    if (!trim(text.substr(c.end, line_end - c.end)).empty()) return;
    c.begin = line_start(line);
    c.end = line_end;
    if (blank(end_line + 1) && (line == 1 || blank(line - 1))) c.end = line_start(end_line + 2);
  };
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
  const std::string eol = line_ending_of(text);  // the one the file uses

  for (std::size_t i = 1; i < cuts.size(); ++i)
    if (!cuts[i].excerpt->whole) whole_lines(cuts[i]);

  std::string out(bytes.substr(0, bom));
  std::size_t at = 0;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const Cut& c = cuts[i];
    if (c.begin < at) continue;  // within one already taken out
    out.append(text.substr(at, c.begin - at));
    at = c.end;
    if (!c.excerpt->whole) {
      // A passage: the link takes the first one's place; a later one goes.
      if (i == 0) out += link_line;
      continue;
    }
    if (i == 0) {
      const Section& s = doc.sections[static_cast<std::size_t>(c.excerpt->section)];
      if (s.line > 1 && !blank(s.line - 1)) out += eol;  // not a lazy continuation of the paragraph above
      out += link_line;
      std::string_view removed = text.substr(c.begin, c.end - c.begin);
      bool ended_line = !removed.empty() && (removed.back() == '\n' || removed.back() == '\r');
      if (ended_line) out += eol;
      if (blank(s.end_line) && s.end_line > s.line) out += eol;  // keep the blank line before what follows
    }
  }
  out.append(text.substr(at));
  return out;
}

namespace {

// Where a review goes by default: the folder that holds most of the
// repository's learning reviews ("learning-reviews" when there are none),
// under the postmortem's name.
fs::path default_review_path(const Engine& engine, const GitRepo* repo, const std::string& root, const fs::path& pm,
                             int jobs) {
  std::map<std::string, int> per_folder;
  if (auto docs = incident_documents(engine, repo, root, jobs))
    for (const auto& d : *docs)
      if (d.role == KindRole::LearningReview) per_folder[fs::path(d.file.rel).parent_path().generic_string()]++;
  std::string folder = "learning-reviews";
  int best = 0;
  for (const auto& [f, n] : per_folder)
    if (n > best) best = n, folder = f;
  fs::path dest = (fs::path(root) / folder / (pm.stem().string() + ".md")).lexically_normal();
  if (dest == pm) dest = dest.parent_path() / (pm.stem().string() + "-learning-review.md");
  return dest;
}

std::vector<Excerpt> excerpts_of(const Document& doc, const std::vector<Finding>& findings) {
  std::vector<Excerpt> excerpts;
  for (const auto& f : findings) {
    if (f.rule_id != kEmbeddedLessons || f.suppressed) continue;
    if (auto e = excerpt_of(doc, f)) excerpts.push_back(*e);
  }
  return excerpts;
}

// The scaffold, linking back to the postmortem from `review_dir`.
Scaffold scaffold_for(const Document& doc, const std::vector<Excerpt>& excerpts, const fs::path& pm,
                      const fs::path& review_dir) {
  std::string pm_link = pm.lexically_relative(review_dir).generic_string();
  if (pm_link.empty()) pm_link = pm.generic_string();
  return learning_review_scaffold(doc, excerpts, pm_link);
}

std::string link_line_to(const fs::path& review, const fs::path& pm, const Scaffold& sc) {
  std::string review_link = review.lexically_relative(pm.parent_path()).generic_string();
  return fmt::format("See the learning review [{}]({}).", md_text(sc.title), link_target(review_link));
}

}  // namespace

ExtractPlan plan_extract(const Engine& engine, const GitRepo* repo, const std::string& root, const std::string& pm_path,
                         std::string_view bytes, const Document& doc, const std::vector<Finding>& findings,
                         const std::string& review_path) {
  ExtractPlan plan;
  std::vector<Excerpt> excerpts = excerpts_of(doc, findings);
  plan.excerpts = excerpts.size();
  if (excerpts.empty()) return plan;
  fs::path pm(pm_path);
  fs::path dest = review_path.empty() ? default_review_path(engine, repo, root, pm, 0) : fs::path(review_path);
  plan.review_path = dest.string();
  plan.scaffold = scaffold_for(doc, excerpts, pm, dest.parent_path());
  plan.replaced = describe(doc, excerpts);
  plan.postmortem_text = replace_excerpts(bytes, doc, excerpts, link_line_to(dest, pm, plan.scaffold));
  return plan;
}

ExtractOutcome run_extract(const Engine& engine, const GitRepo* repo, const std::string& root,
                           const ExtractOptions& o) {
  std::error_code ec;
  fs::path pm = fs::absolute(o.postmortem, ec).lexically_normal();
  if (!fs::is_regular_file(pm, ec)) return {2, fmt::format("{}: no such file", o.postmortem)};
  std::string rel = relative_to_root(pm.string(), root);
  auto bytes = read_file(pm.string());
  if (!bytes) return {2, bytes.error().to_string()};
  Document doc = parse_document(rel, *bytes);
  FileSystemSource source(root);
  FileResult fr;
  auto findings = engine.check_document(doc, {pm.string(), rel}, source, &fr);
  if (fr.role != KindRole::Postmortem)
    return {1, fmt::format("{} is not a postmortem ({}); nothing to extract. `lessonlint classify {}` explains why",
                           o.postmortem, fr.reason, o.postmortem)};
  std::vector<Excerpt> excerpts = excerpts_of(doc, findings);
  if (excerpts.empty())
    return {1, fmt::format("no trapped lessons found in {}; nothing to extract (no section holds lessons for the "
                           "wider organisation: postmortem/embedded-lessons reports none)",
                           o.postmortem)};

  // Where the review goes: --output, or beside the other learning reviews.
  bool to_stdout = o.output == "-";
  if (to_stdout && o.remove_from_postmortem)
    return {2, "--remove-from-postmortem links the postmortem to the review's file: give --output FILE, not -"};
  fs::path dest;
  if (!o.output.empty() && !to_stdout) dest = fs::absolute(o.output, ec).lexically_normal();
  else if (!to_stdout) dest = default_review_path(engine, repo, root, pm, o.jobs);
  if (!to_stdout && fs::exists(fs::symlink_status(dest, ec)))
    return {1, fmt::format("{} already exists; lessonlint extract never overwrites a file: move it away or choose "
                           "another name with --output FILE",
                           shown(dest))};

  Scaffold sc = scaffold_for(doc, excerpts, pm, to_stdout ? fs::current_path(ec) : dest.parent_path());
  if (to_stdout) {
    std::cout << sc.text;
    std::cout.flush();
    return {0, ""};
  }

  std::string replaced;
  if (o.remove_from_postmortem) {
    if (fs::is_symlink(fs::symlink_status(pm, ec)))
      return {1, fmt::format("{} is a symbolic link; lessonlint never edits through one", o.postmortem)};
    if (repo && !repo->bare() && rel.rfind('/', 0) != 0) {
      auto state = worktree_state(*repo, rel);
      if (!state) return {1, state.error().to_string()};
      switch (*state) {
        case WorktreeState::Modified:
          return {1, fmt::format("{} has unstaged changes; refusing to edit it. Commit or stage them first (git add "
                                 "{}), so that removing the section can be reviewed and undone",
                                 o.postmortem, o.postmortem)};
        case WorktreeState::Untracked:
        case WorktreeState::Ignored:
          return {1, fmt::format("{} is not tracked by git; refusing to edit it. Add it first (git add {}), so that "
                                 "removing the section can be undone",
                                 o.postmortem, o.postmortem)};
        case WorktreeState::Clean:
          break;
      }
    }
    replaced = replace_excerpts(*bytes, doc, excerpts, link_line_to(dest, pm, sc));
  }

  if (auto e = write_file_atomically(dest.string(), sc.text, {})) return {1, e->to_string()};
  std::string what = fmt::format(
      "Wrote {} from {} (placed: {} under \"{}\", {} under \"{}\", {} under \"{}\").", shown(dest), o.postmortem,
      sc.pieces[0], belief_heading(Belief::UsedTo), sc.pieces[1], belief_heading(Belief::Now), sc.pieces[2],
      belief_heading(Belief::Elsewhere));
  if (o.remove_from_postmortem) {
    if (auto e = write_file_atomically(pm.string(), replaced, AtomicWrite::replacing()))
      return {1, fmt::format("{}\nbut could not update the postmortem: {}", what, e->to_string())};
    what += fmt::format("\nReplaced {} in {} with a link to the review.", describe(doc, excerpts), o.postmortem);
  }
  what += fmt::format(
      "\nNext: move what is misplaced, write it for readers who were not there, replace the TBDs (audience, "
      "distribution), then run `lessonlint check {}`.",
      shown(dest));
  return {0, what};
}

}  // namespace lessonlint
