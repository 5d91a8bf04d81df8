#include "corpus/corpus.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "classify/classify.h"
#include "engine/engine.h"
#include "source/source.h"
#include "util/text.h"

namespace lessonlint::test {

namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(split(line, '\t'));
  return rows;
}

std::string subtype_of(const std::string& path, const std::string& notes, const std::string& kind) {
  if (kind == "template" || notes.rfind("Template.", 0) == 0) return "template";
  if (kind == "retrospective") return "retrospective";
  std::string name = to_lower_ascii(fs::path(path).filename().string());
  if (name.rfind("readme", 0) == 0) return "readme";
  if (name.rfind("index", 0) == 0) return "index";
  return "";
}

// Checks `docs` (all of one repository) from `root`, in one engine run.
void check_repository(const std::string& root, const std::vector<LabelledDoc>& docs, std::vector<CheckedDoc>& out) {
  static const Config config;
  auto engine = Engine::create(builtin_rules(), config);
  if (!engine) throw std::runtime_error(engine.error().to_string());
  (*engine)->set_repository_names(repository_names(root));
  std::vector<InputFile> files;
  for (const auto& d : docs) files.push_back({(fs::path(root) / d.path).string(), d.path});
  FileSystemSource source(root);
  RunResult result = (*engine)->run(files, source, 1);
  for (const auto& d : docs) {
    CheckedDoc c;
    c.label = d;
    for (const auto& f : result.files)
      if (f.rel == d.path) c.file = f;
    for (const auto& f : result.findings)
      if (f.rel == d.path) c.findings.push_back(f);
    out.push_back(std::move(c));
  }
}

// Documents copied out of their repositories (the file, and where it was):
// each repository's laid out under a folder of its name, and checked from there.
using CopiedDocs = std::map<std::string, std::vector<std::pair<LabelledDoc, std::string>>>;  // repo -> (label, file)
std::vector<CheckedDoc> check_copied(const CopiedDocs& by_repo) {
  std::vector<CheckedDoc> out;
  TempDir tree;  // every run reads its documents before the folder goes
  for (const auto& [repo, docs_of] : by_repo) {
    std::string owner = repo.substr(0, repo.find('/')), name = repo.substr(repo.find('/') + 1);
    std::string root = (fs::path(tree.path()) / owner / name).string();
    std::vector<LabelledDoc> labels;
    for (const auto& [d, file] : docs_of) {
      tree.write((fs::path(owner) / name / d.path).string(), read_text(file));
      labels.push_back(d);
    }
    check_repository(root, labels, out);
  }
  return out;
}

}  // namespace

std::string shared_dir() { return source_dir() + "/../shared"; }

bool shared_available(const std::string& rel, const std::string& what) {
  std::error_code ec;
  if (fs::exists(shared_dir() + "/" + rel, ec)) return true;
  std::cout << "lessonlint-test: SKIPPED: " << what << " needs ../shared/" << rel
            << " beside the checkout, and it is not there\n";
  return false;
}

const std::vector<CheckedDoc>& checked_real_corpus() {
  static const std::vector<CheckedDoc> docs = [] {
    std::string dir = shared_dir() + "/corpus/real";
    // file repo path commit license kind lessons_heading lessons_address_wider_org word_count notes
    CopiedDocs by_repo;
    for (const auto& cols : read_tsv(dir + "/SOURCES.tsv")) {
      if (cols.size() < 10) throw std::runtime_error("SOURCES.tsv: a row has fewer than 10 columns");
      LabelledDoc d;
      d.set = "real";
      d.repo = cols[1];
      d.path = cols[2];
      // The ministryofjustice files were .html.md.erb upstream: a clone's Markdown walk would not see them.
      const std::string erb = ".html.md.erb";
      if (d.path.size() > erb.size() && d.path.compare(d.path.size() - erb.size(), erb.size(), erb) == 0)
        d.path = d.path.substr(0, d.path.size() - erb.size()) + ".md";
      d.kind = cols[5] == "postmortem" || cols[5] == "learning-review" ? cols[5] : "other";
      d.subtype = subtype_of(d.path, cols[9], cols[5]);
      d.trapped = d.kind == "postmortem" ? cols[7] : "-";
      d.heading = cols[6];
      by_repo[d.repo].push_back({d, dir + "/" + cols[0]});
    }
    return check_copied(by_repo);
  }();
  return docs;
}

const std::vector<CheckedDoc>& checked_wild_corpus() {
  static const std::vector<CheckedDoc> docs = [] {
    std::string dir = source_dir() + "/tests/fixtures/wild";
    // file repo path commit license kind trapped_org_lessons notes
    CopiedDocs by_repo;
    for (const auto& cols : read_tsv(dir + "/SOURCES.tsv")) {
      if (cols.size() < 8) throw std::runtime_error("wild/SOURCES.tsv: a row has fewer than 8 columns");
      LabelledDoc d;
      d.set = "wild";
      d.repo = cols[1];
      d.path = cols[2];
      d.kind = cols[5];
      d.subtype = cols[7].rfind("Template.", 0) == 0 ? "template" : cols[7].rfind("README.", 0) == 0 ? "readme"
                  : cols[7].rfind("Index.", 0) == 0   ? "index"
                                                        : "";
      d.trapped = cols[6];
      by_repo[d.repo].push_back({d, dir + "/" + cols[0]});
    }
    return check_copied(by_repo);
  }();
  return docs;
}

const std::map<std::string, std::string>& repos_clones() {
  static TempDir clones;
  static const std::map<std::string, std::string> roots = [] {
    std::string dir = shared_dir() + "/corpus/repos";
    // The bundles and the folder a clone of each upstream URL makes.
    const std::map<std::string, std::pair<std::string, std::string>> bundles = {
        {"dfds/postmortems", {"dfds__postmortems.bundle", "postmortems"}},
        {"PostHog/post-mortems", {"PostHog__post-mortems.bundle", "post-mortems"}},
        {"2i2c-org/incident-reports", {"2i2c-org__incident-reports.bundle", "incident-reports"}},
    };
    std::map<std::string, std::string> out;
    for (const auto& [repo, bundle] : bundles) {
      std::string root = clones.path() + "/" + bundle.second;
      RunOutput r = run_command({"git", "clone", "-q", dir + "/" + bundle.first, root}, clones.path(),
                                {"GIT_CONFIG_NOSYSTEM=1", "HOME=" + clones.path()});
      if (r.exit_code != 0) throw std::runtime_error("git clone " + bundle.first + " failed: " + r.err);
      out[repo] = root;
    }
    return out;
  }();
  return roots;
}

const std::vector<CheckedDoc>& checked_repos_corpus() {
  static const std::vector<CheckedDoc> docs = [] {
    std::string dir = shared_dir() + "/corpus/repos";
    // repo path kind lessons_heading lessons_line trapped_org_lessons summary_only vague_audience no_distribution notes
    std::map<std::string, std::vector<LabelledDoc>> by_repo;
    for (const auto& cols : read_tsv(dir + "/labels.tsv")) {
      if (cols.size() < 10) throw std::runtime_error("labels.tsv: a row has fewer than 10 columns");
      LabelledDoc d;
      d.set = "repos";
      d.repo = cols[0];
      d.path = cols[1];
      d.kind = cols[2];
      d.subtype = subtype_of(d.path, cols[9], cols[2]);
      d.trapped = cols[5];
      d.heading = cols[3];
      d.heading_line = cols[4] == "-" ? 0 : std::stoi(cols[4]);
      d.summary_only = cols[6];
      d.vague_audience = cols[7];
      d.no_distribution = cols[8];
      by_repo[d.repo].push_back(d);
    }
    std::vector<CheckedDoc> out;
    const auto& roots = repos_clones();
    for (const auto& [repo, labels] : by_repo) {
      auto root = roots.find(repo);
      if (root == roots.end()) throw std::runtime_error("labels.tsv names an unknown repository: " + repo);
      check_repository(root->second, labels, out);
    }
    return out;
  }();
  return docs;
}

}  // namespace lessonlint::test
