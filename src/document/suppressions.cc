#include "document/suppressions.h"

#include <re2/re2.h>

#include "util/text.h"

namespace lessonlint {

namespace {

// Splits the arguments into rule ids and an optional reason="...".
bool parse_arguments(std::string_view args, Suppression& s, std::string& error) {
  std::size_t i = 0;
  while (i < args.size()) {
    char c = args[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      ++i;
      continue;
    }
    if (args.substr(i, 7) == "reason=") {
      i += 7;
      if (i >= args.size() || (args[i] != '"' && args[i] != '\'')) {
        error = "reason= needs a quoted text, as in reason=\"why\"";
        return false;
      }
      char q = args[i++];
      std::size_t close = args.find(q, i);
      if (close == std::string_view::npos) {
        error = "the reason's closing quote is missing";
        return false;
      }
      s.reason = std::string(args.substr(i, close - i));
      i = close + 1;
      continue;
    }
    if (args.substr(i, 2) == "--") {  // "-- free text" is a reason too
      s.reason = std::string(trim(args.substr(i + 2)));
      break;
    }
    std::size_t j = i;
    while (j < args.size() && args[j] != ' ' && args[j] != '\t' && args[j] != '\n' && args[j] != '\r' &&
           args[j] != ',')
      ++j;
    s.rules.emplace_back(args.substr(i, j - i));
    i = j;
  }
  return true;
}

}  // namespace

std::vector<SuppressionMatch> find_suppressions(std::string_view html) {
  std::vector<SuppressionMatch> out;
  re2::StringPiece input(html.data(), html.size());
  re2::StringPiece whole, directive, args;
  static const RE2 full(R"(((?s)<!--\s*lessonlint-([a-z-]*)(.*?)-->))");
  while (RE2::FindAndConsume(&input, full, &whole, &directive, &args)) {
    SuppressionMatch m;
    m.offset = static_cast<std::size_t>(whole.data() - html.data());
    m.length = whole.size();
    Suppression s;
    std::string_view d(directive.data(), directive.size());
    bool known = true;
    if (d == "disable") s.kind = SuppressionKind::Disable;
    else if (d == "enable") s.kind = SuppressionKind::Enable;
    else if (d == "disable-next-line") s.kind = SuppressionKind::DisableNextLine;
    else if (d == "disable-file") s.kind = SuppressionKind::DisableFile;
    else known = false;
    if (!known) {
      m.error = "unknown directive 'lessonlint-" + std::string(d) +
                "' (expected lessonlint-disable, lessonlint-enable, lessonlint-disable-next-line or "
                "lessonlint-disable-file)";
    } else if (parse_arguments(std::string_view(args.data(), args.size()), s, m.error)) {
      m.suppression = std::move(s);
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace lessonlint
