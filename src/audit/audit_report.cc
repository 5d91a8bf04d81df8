// The audit's own reports: Markdown (for a newsletter, a chat or a GitHub job
// summary), a compact terminal version, and JSON with the same data. SARIF
// output reuses write_sarif on the audited postmortems' findings.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "audit/audit.h"
#include "util/text.h"
#include "util/version.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

// Backslash-escapes what Markdown would read as markup, in a table cell too.
std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' || c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

// A link target relative to `base`, with what would end a Markdown link encoded.
std::string link_to(const std::string& root, const std::string& rel, const std::string& base) {
  fs::path target = (fs::path(root) / rel).lexically_normal();
  std::string r = target.lexically_relative(fs::path(base).lexically_normal()).generic_string();
  if (r.empty()) r = rel;
  std::string out;
  for (char c : r) {
    if (c == ' ') out += "%20";
    else if (c == '(') out += "%28";
    else if (c == ')') out += "%29";
    else if (c == '<') out += "%3C";
    else if (c == '>') out += "%3E";
    else out += c;
  }
  return out;
}

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

// "1 in 4.2" for reviews per postmortems.
std::string ratio_text(int reviews, int postmortems) {
  if (reviews == 0) return "none";
  double per = static_cast<double>(postmortems) / reviews;
  if (per < 1.0) return fmt::format("{:.1f} per postmortem", 1.0 / per);
  return fmt::format("1 in {:.1f}", per);
}

std::string ratio_sentence(const AuditReport& r) {
  return fmt::format("Across the repository there {} {} for {} ({}); roughly 1 in 5 is typical, since most incidents "
                     "teach only the team that owns the service.",
                     r.total_reviews == 1 ? "is" : "are", plural(r.total_reviews, "learning review", "learning reviews"),
                     plural(r.total_postmortems, "postmortem", "postmortems"),
                     ratio_text(r.total_reviews, r.total_postmortems));
}

std::string scope_text(const AuditReport& r) {
  std::size_t n = r.postmortems.size();
  if (!r.options.since && static_cast<int>(n) == r.total_postmortems)
    return n == 1 ? "the only postmortem in the repository" : fmt::format("the {} postmortems in the repository", n);
  if (r.options.since && !r.options.last_given)
    return fmt::format("the {} added since {}", plural(static_cast<int>(n), "postmortem", "postmortems"),
                       r.options.since_text);
  std::string s = n == 1 ? "the most recent postmortem" : fmt::format("the {} most recent postmortems", n);
  if (r.options.since) s += fmt::format(" added since {}", r.options.since_text);
  return s;
}

int answering(const AuditReport& r) {
  int n = 0;
  for (const auto& p : r.postmortems) n += p.answers_question.value_or(false) ? 1 : 0;
  return n;
}

bool question_checked(const AuditReport& r) {
  for (const auto& p : r.postmortems)
    if (p.answers_question) return true;
  return false;
}

// How the dates were found, in one sentence.
std::string dates_sentence(const AuditReport& r) {
  std::map<DateSource, int> by;
  for (const auto& p : r.postmortems) by[p.date.source]++;
  if (by.size() == 1 && by.count(DateSource::FirstCommit))
    return "Dates are those of the commit that first added each postmortem (renames and moves followed).";
  std::string parts;
  for (auto s : {DateSource::FirstCommit, DateSource::FrontMatter, DateSource::ModificationTime}) {
    if (!by.count(s)) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} ({})", date_source_name(s), by[s]);
  }
  std::string why;
  if (!r.history_note.empty()) why = fmt::format(" Commit dates were not used: {}.", r.history_note);
  else why = " The commit date is used for committed postmortems; the others are not committed yet.";
  return fmt::format("Dates from: {}.{}", parts, why);
}

}  // namespace

void write_audit_markdown(std::ostream& out, const AuditReport& r, const std::string& link_base) {
  std::size_t n = r.postmortems.size();
  if (n == 0) {
    out << "# Learning audit\n\n" << md_escape(no_postmortems_message(r)) << "\n";
    if (r.total_postmortems > 0) out << "\n" << md_escape(ratio_sentence(r)) << "\n";
    return;
  }
  // No "postmortem" or "incident" in the title: a saved report must not be classified as one.
  out << "# Learning audit\n\n";
  // The summary paragraph.
  std::string range = r.postmortems.front().date.day == r.postmortems.back().date.day
                          ? fmt::format("added {}", r.postmortems.front().date.day)
                             : fmt::format("added {} to {}", r.postmortems.back().date.day,
                                           r.postmortems.front().date.day);
  int candidates = r.candidates();
  std::string s = fmt::format("Of {} ({}), **{}** {} broader lessons that belong in a separate learning review",
                              scope_text(r), range, candidates, candidates == 1 ? "traps" : "trap");
  s += fmt::format(", **{}** already {} a learning review linking to {}", r.with_review(),
                   r.with_review() == 1 ? "has" : "have", r.with_review() == 1 ? "it" : "them");
  if (question_checked(r))
    s += fmt::format(", and **{}** {} \"Should this generate a learning review?\"", answering(r),
                     answering(r) == 1 ? "answers" : "answer");
  s += ". " + ratio_sentence(r);
  out << s << "\n\n";

  out << "| Date | Postmortem | Extraction candidate? | Linked learning review? | Answers the question? | Other findings |\n";
  out << "|---|---|---|---|---|---:|\n";
  for (const auto& p : r.postmortems) {
    std::string date = p.date.day;
    if (p.date.source != DateSource::FirstCommit) date += fmt::format(" ({})", date_source_name(p.date.source));
    std::string candidate = "no";
    if (!p.trapped.empty()) {
      candidate = "**yes**: ";
      for (std::size_t i = 0; i < p.trapped.size(); ++i)
        candidate += fmt::format("{}{} (line {})", i ? "; " : "", md_escape(p.trapped[i].where()), p.trapped[i].line);
    }
    std::string reviews = "no";
    if (!p.reviews.empty()) {
      reviews.clear();
      for (std::size_t i = 0; i < p.reviews.size(); ++i)
        reviews += fmt::format("{}[{}]({})", i ? ", " : "", i ? fmt::format("yes ({})", i + 1) : std::string("yes"),
                               link_to(r.root, p.reviews[i], link_base));
    }
    std::string question = !p.answers_question ? "–" : *p.answers_question ? "yes" : "no";
    out << fmt::format("| {} | [{}]({}) | {} | {} | {} | {} |\n", date, md_escape(p.title),
                       link_to(r.root, p.rel, link_base), candidate, reviews, question, p.other.size());
  }
  out << "\n" << dates_sentence(r) << "\n\n";

  out << "## Extraction candidates\n\n";
  if (candidates == 0) {
    out << "None of these postmortems trap lessons for the wider organisation.\n\n";
  } else {
    out << "Each section or passage below holds lessons meant for other teams. Move it into a learning review of its "
           "own (what we used to believe, what we now believe, where else this applies), or rewrite it as the team's "
           "own lesson if that is all it is. A section is flagged by a heading that names the organisation; a passage "
           "by its wording alone (a warning in `lessonlint check`).\n\n";
    for (const auto& p : r.postmortems) {
      if (p.trapped.empty()) continue;
      for (const auto& t : p.trapped) {
        out << fmt::format("- [{}]({}): {}, line {}", md_escape(p.title), link_to(r.root, p.rel, link_base),
                           md_escape(t.where()), t.line);
        // With a review already written, the section only needs to go.
        if (p.reviews.empty()) out << fmt::format(": `lessonlint extract {}`\n", p.rel);
        else
          out << fmt::format(": [a learning review]({}) already links to it, so replace it with a link to "
                             "the review\n",
                             link_to(r.root, p.reviews.front(), link_base));
      }
    }
    out << "\n";
  }

  out << "## Learning reviews per postmortem\n\n";
  out << fmt::format("{} for {} in the repository: {} (roughly 1 in 5 is typical).\n\n",
                     plural(r.total_reviews, "learning review", "learning reviews"),
                     plural(r.total_postmortems, "postmortem", "postmortems"),
                     ratio_text(r.total_reviews, r.total_postmortems));
  if (std::string w = r.ratio_warning(); !w.empty()) out << "> **Warning:** " << w << "\n\n";

  out << "```mermaid\n";
  out << fmt::format("pie title {}\n", n == 1 ? "The most recent postmortem" : fmt::format("The last {} postmortems", n));
  out << fmt::format("    \"Extraction candidates\" : {}\n", candidates);
  out << fmt::format("    \"Team-level lessons only\" : {}\n", n - static_cast<std::size_t>(candidates));
  out << "```\n\n";
  out << fmt::format("<sub>Generated by lessonlint {} (`lessonlint audit`).</sub>\n", LESSONLINT_VERSION);
}

void write_audit_text(std::ostream& out, const AuditReport& r) {
  if (r.postmortems.empty()) {
    out << no_postmortems_message(r) << "\n";
    return;
  }
  out << fmt::format("Learning audit of {}: {} ({} in the repository)\n\n", r.root, scope_text(r),
                     plural(r.total_postmortems, "postmortem", "postmortems"));
  for (const auto& p : r.postmortems) {
    out << fmt::format("{}  {}  {}\n", p.date.day, p.rel, p.title);
    std::string candidate = "no";
    if (!p.trapped.empty()) {
      candidate = "yes,";
      for (std::size_t i = 0; i < p.trapped.size(); ++i)
        candidate += fmt::format("{} {} (line {})", i ? ";" : "", p.trapped[i].where(), p.trapped[i].line);
    }
    std::string reviews = p.reviews.empty() ? "none" : "";
    for (std::size_t i = 0; i < p.reviews.size(); ++i) reviews += (i ? ", " : "") + p.reviews[i];
    std::string question = !p.answers_question ? "not checked" : *p.answers_question ? "yes" : "no";
    out << fmt::format("    extraction candidate: {}\n    linked learning review: {}\n"
                       "    answers the learning-review question: {}\n    other findings: {}\n    date from: {}{}\n",
                       candidate, reviews, question, p.other.size(), date_source_name(p.date.source),
                       p.date.note.empty() ? "" : fmt::format(" ({})", p.date.note));
  }
  out << fmt::format("\n{} of {} {} extraction {}; {} {} a linked learning review.\n", r.candidates(),
                     r.postmortems.size(), r.candidates() == 1 ? "is an" : "are", r.candidates() == 1 ? "candidate" : "candidates",
                     r.with_review(), r.with_review() == 1 ? "has" : "have");
  out << fmt::format("Learning reviews: {} for {} ({}; roughly 1 in 5 is typical).\n", r.total_reviews,
                     plural(r.total_postmortems, "postmortem", "postmortems"),
                     ratio_text(r.total_reviews, r.total_postmortems));
  if (std::string w = r.ratio_warning(); !w.empty()) out << "warning: " << w << "\n";
  if (!r.history_note.empty()) out << "note: commit dates were not used: " << r.history_note << "\n";
}

void write_audit_json(std::ostream& out, const AuditReport& r) {
  using json = nlohmann::ordered_json;
  json pms = json::array();
  for (const auto& p : r.postmortems) {
    json trapped = json::array();
    for (const auto& t : p.trapped)
      trapped.push_back({{"heading", t.heading}, {"line", t.line}, {"message", t.message},
                         {"flagged_by", t.whole ? "heading" : "passage"}});
    json other = json::array();
    for (const auto& f : p.other)
      other.push_back({{"line", f.line},
                       {"column", f.column},
                       {"severity", std::string(severity_name(f.severity))},
                       {"rule", f.rule_id},
                       {"message", f.message}});
    json date = {{"day", p.date.day}, {"source", date_source_name(p.date.source)}};
    if (!p.date.commit.empty()) date["commit"] = p.date.commit;
    if (!p.date.note.empty()) date["note"] = p.date.note;
    pms.push_back({{"path", p.rel},
                   {"title", p.title},
                   {"date", date},
                   {"extraction_candidate", !p.trapped.empty()},
                   {"trapped_lessons", trapped},
                   {"learning_reviews", p.reviews},
                   {"answers_learning_review_question",
                    p.answers_question ? json(*p.answers_question) : json(nullptr)},
                   {"other_findings", other}});
  }
  json selection = {{"last", r.options.last_given || !r.options.since ? json(r.options.last) : json(nullptr)},
                    {"since", r.options.since ? json(r.options.since_text) : json(nullptr)}};
  double ratio = r.total_postmortems ? static_cast<double>(r.total_reviews) / r.total_postmortems : 0.0;
  json summary = {{"audited", r.postmortems.size()},
                  {"extraction_candidates", r.candidates()},
                  {"with_learning_review", r.with_review()},
                  {"answering_learning_review_question", answering(r)},
                  {"repository_postmortems", r.total_postmortems},
                  {"repository_learning_reviews", r.total_reviews},
                  {"reviews_per_postmortem", ratio},
                  {"typical_reviews_per_postmortem", 0.2},
                  {"ratio_warning", r.ratio_warning().empty() ? json(nullptr) : json(r.ratio_warning())}};
  json doc = {{"version", LESSONLINT_VERSION},
              {"root", r.root},
              {"selection", selection},
              {"history", {{"commit_dates", r.history_note.empty() && r.in_repository},
                           {"note", r.history_note.empty() ? json(nullptr) : json(r.history_note)}}},
              {"summary", summary},
              {"postmortems", pms}};
  if (r.postmortems.empty()) doc["message"] = no_postmortems_message(r);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lessonlint
