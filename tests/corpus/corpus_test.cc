// The rules on writing nobody here wrote: the real, public documents in
// ../shared/corpus/real, laid out at their original repository paths (as
// SOURCES.tsv records them), classified and checked. Every file's kind must be
// the reader's, the embedded-lessons rule must never fire where the reader
// said the lessons are the team's own, and the findings per file are pinned
// in tests/golden/corpus.txt for a reviewer to read (UPDATE_GOLDEN=1 rewrites).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/engine.h"
#include "report/report.h"
#include "source/walk.h"
#include "test_support.h"
#include "util/text.h"

using namespace lessonlint;
using namespace lessonlint::test;
namespace fs = std::filesystem;

namespace {

struct CorpusFile {
  std::string file, repo_path, kind, wider_org;
};

std::vector<CorpusFile> read_sources(const std::string& dir) {
  std::vector<CorpusFile> out;
  std::istringstream in(read_text(dir + "/SOURCES.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto cols = split(line, '\t');
    if (cols.size() < 8) continue;
    std::string path = cols[2];
    const std::string erb = ".html.md.erb";
    if (path.size() > erb.size() && path.compare(path.size() - erb.size(), erb.size(), erb) == 0)
      path = path.substr(0, path.size() - erb.size()) + ".md";
    out.push_back({cols[0], cols[1] + "/" + path, cols[5], cols[7]});
  }
  return out;
}

std::string corpus_dir() { return source_dir() + "/../shared/corpus/real"; }

}  // namespace

TEST_CASE("corpus: real documents are classified and checked as a reader would", "[corpus]") {
  INFO("the corpus lives in ../shared/corpus/real beside the checkout");
  REQUIRE(fs::exists(corpus_dir() + "/SOURCES.tsv"));
  auto sources = read_sources(corpus_dir());
  REQUIRE(sources.size() >= 50);
  TempDir tree;
  std::vector<InputFile> files;
  std::map<std::string, CorpusFile> by_rel;
  for (const auto& s : sources) {
    tree.write(s.repo_path, read_text(corpus_dir() + "/" + s.file));
    files.push_back({s.repo_path, s.repo_path});
    by_rel[s.repo_path] = s;
  }
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.rel < b.rel; });
  Config config;
  auto engine = Engine::create(builtin_rules(), config);
  REQUIRE(engine.ok());
  FileSystemSource source(tree.path());
  for (auto& f : files) f.path = tree.path() + "/" + f.rel;
  RunResult result = (*engine)->run(files, source, 0);

  std::map<std::string, int> per_rule;
  std::ostringstream golden;
  golden << "# lessonlint on ../shared/corpus/real (paths as in SOURCES.tsv). Regenerate: UPDATE_GOLDEN=1\n";
  for (const auto& fr : result.files) {
    const CorpusFile& s = by_rel.at(fr.rel);
    // The reader's kinds: postmortem, or retrospective/template (neither is a postmortem).
    std::string expected = s.kind == "postmortem" ? "postmortem" : "other";
    INFO(fr.rel << " (" << fr.reason << ")");
    CHECK(std::string(kind_name(fr.kind)) == expected);
    golden << "\n" << fr.rel << ": " << kind_name(fr.kind) << " (" << fr.reason << ")\n";
    for (const auto& f : result.findings) {
      if (f.rel != fr.rel) continue;
      ++per_rule[f.rule_id];
      golden << "  " << f.line << ":" << f.column << " " << severity_name(f.severity) << " " << f.rule_id << ": "
             << f.message << "\n";
      if (f.rule_id == "postmortem/embedded-lessons") CHECK(s.wider_org == "yes");
    }
  }
  golden << "\n# per rule\n";
  for (const auto& [rule, n] : per_rule) golden << rule << ": " << n << "\n";

  std::string path = source_dir() + "/tests/golden/corpus.txt";
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << golden.str();
  } else {
    INFO("golden file " << path << " (UPDATE_GOLDEN=1 rewrites it)");
    CHECK(read_text(path) == golden.str());
  }
}
