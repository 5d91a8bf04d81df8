#include "classify/classify.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <set>

#include "util/glob.h"
#include "util/text.h"

namespace lessonlint {

namespace {

std::string squash(const std::string& s) {
  std::string out;
  for (char c : to_lower_ascii(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

const std::set<std::string>& postmortem_types() {
  static const std::set<std::string> s = {"postmortem",         "postmortemreport",     "incidentreview",
                                          "incidentreport",     "incidentpostmortem",   "postincidentreview",
                                          "pir",                "incidentretrospective", "incidentanalysis",
                                          "incidentwriteup",    "outagereport",         "rca",
                                          "rootcauseanalysis"};
  return s;
}

const std::set<std::string>& learning_review_types() {
  static const std::set<std::string> s = {"learningreview", "lessonsreview", "lessonreview", "learningsreview",
                                          "lessonslearnedreview", "learningreport", "lessonslearned", "learning"};
  return s;
}

const std::set<std::string>& other_types() {
  static const std::set<std::string> s = {"template", "guide", "runbook", "playbook", "handbook", "policy",
                                          "readme",   "index", "retrospective", "rfc", "adr", "note", "other"};
  return s;
}

struct FolderKind {
  const char* name;
  Kind kind;
};

constexpr FolderKind kFolders[] = {
    {"postmortems", Kind::Postmortem},        {"post-mortems", Kind::Postmortem},
    {"post_mortems", Kind::Postmortem},       {"postmortem", Kind::Postmortem},
    {"incidents", Kind::Postmortem},          {"incident-reports", Kind::Postmortem},
    {"incident_reports", Kind::Postmortem},   {"incident-reviews", Kind::Postmortem},
    {"learning-reviews", Kind::LearningReview}, {"learning_reviews", Kind::LearningReview},
    {"learningreviews", Kind::LearningReview}, {"lessons", Kind::LearningReview},
    {"lessons-learned", Kind::LearningReview}, {"learning-review", Kind::LearningReview},
};

// Files that sit beside the documents but are not documents of that kind.
bool is_auxiliary(const std::string& file) {
  std::string stem = file.substr(0, file.find('.'));
  static const RE2 re(R"((?i)^(readme|index|contributing|changelog|license|_index|summary)$|^_?template\b|\btemplate$)");
  return RE2::PartialMatch(stem, re);
}

}  // namespace

std::optional<Kind> kind_from_type(const std::string& type) {
  std::string t = squash(type);
  if (postmortem_types().count(t)) return Kind::Postmortem;
  if (learning_review_types().count(t)) return Kind::LearningReview;
  if (other_types().count(t)) return Kind::Other;
  return std::nullopt;
}

std::optional<Classification> classify_without_title(const FrontMatter& fm, const std::string& path,
                                                     const std::vector<KindGlobs>& globs) {
  std::string type = fm.text("type");
  if (!type.empty()) {
    if (auto k = kind_from_type(type)) return Classification{*k, fmt::format("front matter type: {}", type)};
  }
  for (const auto& kg : globs)
    for (const auto& g : kg.globs)
      if (glob_match(g, path)) return Classification{kg.kind, fmt::format("config kinds glob '{}'", g)};

  std::vector<std::string> parts = split(path, '/');
  std::string file = parts.empty() ? path : parts.back();
  if (!is_auxiliary(file)) {
    for (std::size_t i = parts.size(); i-- > 1;) {
      std::string folder = to_lower_ascii(parts[i - 1]);
      for (const auto& f : kFolders)
        if (folder == f.name) return Classification{f.kind, fmt::format("path: folder '{}'", parts[i - 1])};
    }
  } else if (parts.size() > 1) {
    return Classification{Kind::Other, fmt::format("path: '{}' is not an incident document", file)};
  }
  return std::nullopt;
}

Classification classify(const Document& doc, const std::string& path, const std::vector<KindGlobs>& globs) {
  if (auto c = classify_without_title(doc.front_matter, path, globs)) return std::move(*c);

  static const RE2 lr_title(R"((?i)^\W*learning\s+from\b|\b(learning|lessons?)\s+review\b)");
  static const RE2 pm_prefix(R"((?i)^\W*(post[- ]?mortem|incident\s+(report|review|post[- ]?mortem))\b)");
  static const RE2 pm_title(
      R"((?i)\b(post[- ]?mortems?|portmortem|post[- ]incident|incidents?|outages?|root\s+cause\s+analysis|rca)\b)");
  static const RE2 not_pm_title(
      R"((?i)\b(handbook|guide(lines)?|process|policy|playbook|runbook|templates?|training|how\s+to|checklist|response\s+plan|on-?call)\b)");
  if (!doc.title.empty()) {
    if (RE2::PartialMatch(doc.title, lr_title)) return {Kind::LearningReview, fmt::format("title: \"{}\"", doc.title)};
    // An explicit "Postmortem: ..." wins; elsewhere in a title, words like "runbook" say it is not one.
    static const RE2 about_postmortems(R"((?i)\b(templates?|how\s+to|guide(lines)?|checklist)\b)");
    if ((RE2::PartialMatch(doc.title, pm_prefix) && !RE2::PartialMatch(doc.title, about_postmortems)) ||
        (RE2::PartialMatch(doc.title, pm_title) && !RE2::PartialMatch(doc.title, not_pm_title)))
      return {Kind::Postmortem, fmt::format("title: \"{}\"", doc.title)};
  }
  return {Kind::Other, "no front matter type, kind glob, folder or title names a kind"};
}

}  // namespace lessonlint
