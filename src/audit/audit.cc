#include "audit/audit.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <map>
#include <thread>

#include "audit/history.h"
#include "classify/classify.h"
#include "source/walk.h"
#include "util/text.h"
#include "util/uri.h"

namespace lessonlint {

namespace fs = std::filesystem;

namespace {

constexpr const char* kEmbeddedLessons = "postmortem/embedded-lessons";
constexpr const char* kQuestion = "postmortem/learning-review-question";

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string day_of(std::int64_t seconds) {
  std::int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
  if (at + n > s.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

std::string display_path(const std::string& root, const std::string& rel) {
  std::error_code ec;
  fs::path abs = fs::path(root) / rel;
  fs::path cwd = fs::current_path(ec);
  std::string shown = ec ? "" : abs.lexically_relative(cwd).generic_string();
  return shown.empty() ? abs.generic_string() : shown;
}

AuditDate date_of(const IncidentDocument& d, const FileHistory& history, const std::string& root) {
  AuditDate date;
  if (history.available) {
    auto it = history.added.find(d.file.rel);
    if (it != history.added.end()) {
      date.time = it->second.time;
      date.day = day_of(it->second.time + std::int64_t{it->second.offset_minutes} * 60);
      date.source = DateSource::FirstCommit;
      date.commit = it->second.commit;
      return date;
    }
    date.note = "not committed yet";
  } else {
    date.note = history.unavailable;
  }
  std::string written = d.doc.front_matter.text("date");
  if (auto t = parse_date(written)) {
    date.time = *t;
    date.day = written.substr(0, 10);
    date.source = DateSource::FrontMatter;
    return date;
  }
  struct stat st {};
  if (::stat((fs::path(root) / d.file.rel).c_str(), &st) == 0) date.time = static_cast<std::int64_t>(st.st_mtime);
  date.day = day_of(date.time);
  date.source = DateSource::ModificationTime;
  return date;
}

// The section whose heading is at `line` (whole), or else the innermost
// section holding it.
std::pair<std::string, bool> section_at(const Document& doc, int line) {
  if (doc.sections.empty()) return {"", false};
  std::size_t inner = 0;
  for (std::size_t i = 1; i < doc.sections.size(); ++i) {
    if (doc.sections[i].line == line) return {doc.sections[i].heading, true};
    if (doc.sections[i].line <= line && line <= doc.sections[i].end_line) inner = i;
  }
  return {doc.sections[inner].heading, false};
}

bool rule_active(const Engine& engine, const std::string& rel, const char* id) {
  for (const auto& a : engine.rules_for(rel))
    if (a.rule->id == id) return true;
  return false;
}

}  // namespace

const char* date_source_name(DateSource s) {
  switch (s) {
    case DateSource::FirstCommit: return "first commit";
    case DateSource::FrontMatter: return "front matter date";
    case DateSource::ModificationTime: return "file modification time";
  }
  return "";
}

std::optional<std::int64_t> parse_date(const std::string& text) {
  std::string_view s = trim(text);
  int y, m, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
      !digits(s, 8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31)
    return std::nullopt;
  std::int64_t t = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400;
  std::size_t i = 10;
  int hh = 0, mm = 0, ss = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ') && digits(s, i + 1, 2, hh) && i + 3 < s.size() &&
      s[i + 3] == ':' && digits(s, i + 4, 2, mm)) {
    i += 6;
    if (i < s.size() && s[i] == ':' && digits(s, i + 1, 2, ss)) i += 3;
    while (i < s.size() && (s[i] == '.' || std::isdigit(static_cast<unsigned char>(s[i])))) ++i;
    t += hh * 3600 + mm * 60 + ss;
    while (i < s.size() && s[i] == ' ') ++i;
    int oh = 0, om = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-') && digits(s, i + 1, 2, oh)) {
      std::size_t j = i + 3;
      if (j < s.size() && s[j] == ':') ++j;
      digits(s, j, 2, om);
      int sign = s[i] == '+' ? 1 : -1;
      t -= sign * (oh * 3600 + om * 60);
    }
  }
  return t;
}

std::vector<std::string> linked_paths(const Document& doc, const std::string& rel, const std::string& field) {
  std::vector<std::string> targets;
  for (const auto& l : doc.links) targets.push_back(l.target);
  if (const FrontMatterField* f = field.empty() ? nullptr : doc.front_matter.find(field))
    targets.insert(targets.end(), f->values.begin(), f->values.end());
  std::vector<std::string> out;
  fs::path folder = fs::path(rel).parent_path();
  for (std::string t : targets) {
    t = std::string(trim(t));
    if (t.size() >= 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
    if (t.empty() || t[0] == '#' || has_scheme(t)) continue;
    std::size_t cut = t.find_first_of("#?");
    if (cut != std::string::npos) t.resize(cut);
    t = percent_decode(t);
    if (t.empty()) continue;
    fs::path p = t[0] == '/' ? fs::path(t.substr(1)) : folder / t;
    std::string resolved = p.lexically_normal().generic_string();
    if (resolved.empty() || resolved.rfind("..", 0) == 0) continue;
    if (std::find(out.begin(), out.end(), resolved) == out.end()) out.push_back(resolved);
  }
  return out;
}

Expected<std::vector<IncidentDocument>> incident_documents(const Engine& engine, const GitRepo* repo,
                                                          const std::string& root, int jobs) {
  const Config& config = engine.config();
  const Classifier& classifier = engine.classifier();
  WalkOptions walk;
  walk.root = root;
  walk.repo = repo;
  walk.include = config.include;
  walk.exclude = config.exclude;
  auto files = collect_files({root}, walk);
  if (!files) return files.error();
  // One slot per file, filled by the worker threads in any order.
  std::vector<std::optional<IncidentDocument>> slots(files->size());
  auto work = [&](std::size_t i) {
    const InputFile& f = (*files)[i];
    std::error_code ec;
    fs::path abs = fs::path(root) / f.rel;
    if (fs::is_symlink(fs::symlink_status(abs, ec))) return;  // never followed
    auto size = fs::file_size(abs, ec);
    if (ec || size > config.max_file_size) return;
    auto bytes = read_file(abs.string());
    if (!bytes) return;
    InputFile file{display_path(root, f.rel), f.rel};
    // A postmortem known by its front matter or a kind glob: until it is among
    // those audited, its front matter (for its date) is all that is read.
    FrontMatter fm = read_front_matter(*bytes);
    if (auto c = classifier.decisive(fm, f.rel); c && c->role != KindRole::LearningReview) {
      if (c->role != KindRole::Postmortem) return;  // only postmortems and learning reviews matter here
      Document light;
      light.path = f.rel;
      light.front_matter = std::move(fm);
      slots[i].emplace(IncidentDocument{std::move(file), c->kind, c->role, std::move(light), false});
      return;
    }
    Document doc = parse_document(f.rel, std::move(*bytes));
    Classification c = classifier.classify(doc, f.rel);
    if (c.role != KindRole::Postmortem && c.role != KindRole::LearningReview) return;
    slots[i].emplace(IncidentDocument{std::move(file), c.kind, c.role, std::move(doc), true});
  };
  unsigned threads = jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, slots.size() / 16)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < slots.size(); ++i) work(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < slots.size(); i = next++) work(i);
      });
    for (auto& th : pool) th.join();
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (slots[i]) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return (*files)[a].rel < (*files)[b].rel; });
  std::vector<IncidentDocument> docs;
  docs.reserve(order.size());
  for (std::size_t i : order) docs.push_back(std::move(*slots[i]));
  return docs;
}

int AuditReport::candidates() const {
  return static_cast<int>(
      std::count_if(postmortems.begin(), postmortems.end(), [](const auto& p) { return !p.trapped.empty(); }));
}

int AuditReport::with_review() const {
  return static_cast<int>(
      std::count_if(postmortems.begin(), postmortems.end(), [](const auto& p) { return !p.reviews.empty(); }));
}

std::string AuditReport::ratio_warning() const {
  if (total_postmortems >= 10 && total_reviews == 0)
    return fmt::format(
        "No learning reviews for {} postmortems: lessons that generalise beyond a team are either trapped in "
        "postmortems or never written down. Pick one extraction candidate and write its learning review "
        "(`lessonlint extract POSTMORTEM`).",
        total_postmortems);
  if (total_postmortems >= 3 && total_reviews * 2 > total_postmortems)
    return fmt::format(
        "{} learning reviews for {} postmortems is more than one in two: most incidents teach only the team that "
        "owns the service. Forcing a review for every incident dilutes the format, and engineers stop reading them.",
        total_reviews, total_postmortems);
  return "";
}

Expected<AuditReport> run_audit(const Engine& engine, const GitRepo* repo, const std::string& root,
                                const AuditOptions& options) {
  AuditReport report;
  report.root = root;
  report.options = options;
  report.in_repository = repo != nullptr;
  // The history walk runs beside the folder walk, on its own repository
  // handle (libgit2 objects are not shared across threads).
  std::unique_ptr<GitRepo> history_repo = repo ? GitRepo::discover(repo->workdir()) : nullptr;
  FileHistory history;
  std::thread history_thread([&] { history = first_added_dates(history_repo.get(), options.jobs); });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{history_thread};
  auto docs = incident_documents(engine, repo, root, options.jobs);
  history_thread.join();
  if (!docs) return docs.error();

  // Which learning reviews link to which paths.
  std::map<std::string, std::vector<std::string>> reviews_of;
  std::vector<const IncidentDocument*> postmortems;
  for (const auto& d : *docs) {
    if (d.role == KindRole::LearningReview) {
      ++report.total_reviews;
      for (const auto& target : linked_paths(d.doc, d.file.rel, "postmortems")) reviews_of[target].push_back(d.file.rel);
    } else if (d.role == KindRole::Postmortem) {
      ++report.total_postmortems;
      postmortems.push_back(&d);
    }
  }
  if (postmortems.empty()) return report;

  report.history_note = history.unavailable;
  report.commits = history.commits;
  std::vector<std::pair<AuditDate, const IncidentDocument*>> dated;
  for (const auto* d : postmortems) dated.push_back({date_of(*d, history, root), d});
  std::sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
    if (a.first.time != b.first.time) return a.first.time > b.first.time;
    return a.second->file.rel < b.second->file.rel;
  });
  if (options.since)
    dated.erase(std::remove_if(dated.begin(), dated.end(), [&](const auto& p) { return p.first.time < *options.since; }),
                dated.end());
  auto last = static_cast<std::size_t>(std::max(0, options.last));
  if ((options.last_given || !options.since) && dated.size() > last) dated.resize(last);

  std::vector<InputFile> inputs;
  for (const auto& [date, d] : dated) inputs.push_back(d->file);
  FileSystemSource source(root);
  // The engine reads through file.path: make it absolute so it works from any folder.
  std::vector<InputFile> readable = inputs;
  for (auto& f : readable) f.path = (fs::path(root) / f.rel).string();
  report.run = engine.run(readable, source, options.jobs);
  std::map<std::string, std::string> shown;
  for (const auto& f : inputs) shown[f.rel] = f.path;
  for (auto& f : report.run.findings) f.path = shown[f.rel];
  for (auto& f : report.run.files) f.path = shown[f.rel];

  for (const auto& [date, d] : dated) {
    AuditedPostmortem pm;
    pm.rel = d->file.rel;
    Document whole;
    if (!d->parsed) {
      auto bytes = read_file((fs::path(root) / d->file.rel).string());
      whole = parse_document(d->file.rel, bytes ? std::move(*bytes) : std::string());
    }
    const Document& doc = d->parsed ? d->doc : whole;
    pm.title = doc.title.empty() ? fs::path(pm.rel).stem().string() : collapse_space(doc.title);
    pm.date = date;
    if (auto it = reviews_of.find(pm.rel); it != reviews_of.end()) pm.reviews = it->second;
    bool question_flagged = false;
    for (const auto& f : report.run.findings) {
      if (f.rel != pm.rel || f.suppressed || f.baselined) continue;
      if (f.rule_id == kEmbeddedLessons) {
        auto [heading, is_section] = section_at(doc, f.line);
        pm.trapped.push_back({heading, f.line, f.message, is_section});
      } else if (f.rule_id == kQuestion) {
        question_flagged = true;
      } else {
        pm.other.push_back(f);
      }
    }
    if (question_flagged) pm.answers_question = false;
    else if (rule_active(engine, pm.rel, kQuestion)) pm.answers_question = true;
    report.postmortems.push_back(std::move(pm));
  }
  return report;
}

std::string TrappedLesson::where() const {
  std::string section = heading.empty() ? std::string("the opening") : "\"" + heading + "\"";
  return whole ? section : "a passage in " + section;
}

std::string no_postmortems_message(const AuditReport& report) {
  if (report.total_postmortems > 0)
    return fmt::format("No postmortem under {} was added since {} ({} in all).", report.root,
                       report.options.since_text,
                       report.total_postmortems == 1 ? std::string("1 postmortem")
                                                     : fmt::format("{} postmortems", report.total_postmortems));
  return fmt::format(
      "No postmortems found under {}. lessonlint recognises a postmortem by what it says: the sections of an "
      "incident record (timeline, impact, root cause, resolution, action items), timestamped lines, incident "
      "words in the title and opening, and where it lives (an incidents/ or postmortems/ folder, a dated file "
      "name); front matter `type: postmortem` and the `kinds:` globs of .lessonlint.yaml decide outright. "
      "`lessonlint classify PATH` shows how a file is classified and why, `lessonlint explain postmortem` "
      "lists the signals (a kind.yaml in your rule folder can add your own), and `lessonlint init` writes a "
      "postmortem template.",
      report.root);
}

}  // namespace lessonlint
