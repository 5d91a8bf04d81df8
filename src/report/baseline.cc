#include "report/baseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <vector>

namespace lessonlint {

namespace {

constexpr int k_baseline_version = 1;

Error baseline_error(const std::string& path, std::string message, int line = 0, int column = 0) {
  Error e;
  e.file = path;
  e.line = line;
  e.column = column;
  e.message = std::move(message);
  return e;
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line
// 1, column 2: syntax error while parsing ..."; the location goes into the
// Error's own fields, so keep only the part after it.
std::string parse_error_detail(const std::string& what) {
  std::size_t at = what.find(", column ");
  if (at != std::string::npos) {
    std::size_t colon = what.find(": ", at);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  std::size_t bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

}  // namespace

Expected<std::set<std::string>> read_baseline(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return baseline_error(path, "cannot read the baseline: it is a folder");
  std::ifstream in(path, std::ios::binary);
  if (!in) return baseline_error(path, std::string("cannot read the baseline: ") + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return baseline_error(path, "cannot read the baseline: read error");
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // tolerate a BOM from Windows editors

  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts from 1 up to the character that failed.
    std::size_t end = std::min(e.byte == 0 ? 0 : e.byte - 1, text.size());
    int line = 1, column = 1;
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return baseline_error(path, "the baseline is not valid JSON: " + parse_error_detail(e.what()), line, column);
  } catch (const std::exception& e) {
    return baseline_error(path, std::string("the baseline is not valid JSON: ") + e.what());
  }

  const char* expected_shape =
      "expected {\"version\": 1, \"tool\": \"lessonlint\", \"fingerprints\": [{\"fingerprint\": ...}, ...]}";
  if (!doc.is_object()) return baseline_error(path, std::string("the baseline is not an object: ") + expected_shape);
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer())
    return baseline_error(path, "the baseline has no \"version\" number: " + std::string(expected_shape));
  if (version->get<long long>() != k_baseline_version)
    return baseline_error(path, "unsupported baseline version " + version->dump() + " (this lessonlint reads version " +
                                    std::to_string(k_baseline_version) + ")");
  if (auto tool = doc.find("tool"); tool != doc.end() && *tool != "lessonlint")
    return baseline_error(path, "the baseline was not written by lessonlint (\"tool\": " + tool->dump() + ")");
  auto list = doc.find("fingerprints");
  if (list == doc.end() || !list->is_array())
    return baseline_error(path, "the baseline has no \"fingerprints\" array: " + std::string(expected_shape));

  std::set<std::string> out;
  std::size_t index = 0;
  for (const auto& entry : *list) {
    auto fp = entry.find("fingerprint");  // end() for a non-object too
    if (!entry.is_object() || fp == entry.end() || !fp->is_string() || fp->get_ref<const std::string&>().empty())
      return baseline_error(path, "fingerprints[" + std::to_string(index) +
                                      "] is not an object with a non-empty \"fingerprint\" string");
    out.insert(fp->get<std::string>());
    ++index;
  }
  return out;
}

std::string baseline_json(const RunResult& result) {
  struct Entry {
    std::string path, rule, fingerprint;
  };
  std::vector<Entry> entries;
  for (const auto& f : result.findings)
    if (!f.suppressed) entries.push_back({f.rel.empty() ? f.path : f.rel, f.rule_id, f.fingerprint});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.path, a.rule, a.fingerprint) < std::tie(b.path, b.rule, b.fingerprint);
  });

  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::set<std::string> seen;
  for (const auto& e : entries) {
    if (!seen.insert(e.fingerprint).second) continue;
    list.push_back({{"fingerprint", e.fingerprint}, {"rule", e.rule}, {"path", e.path}});
  }
  nlohmann::ordered_json doc = {{"version", k_baseline_version}, {"tool", "lessonlint"}, {"fingerprints", list}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int apply_baseline(RunResult& result, const std::set<std::string>& fingerprints) {
  int marked = 0;
  for (auto& f : result.findings) {
    if (f.suppressed || fingerprints.count(f.fingerprint) == 0) continue;
    f.baselined = true;
    ++marked;
  }
  return marked;
}

}  // namespace lessonlint
