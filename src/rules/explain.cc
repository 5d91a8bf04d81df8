#include "rules/explain.h"

#include <fmt/format.h>

#include "util/text.h"

namespace lessonlint {

std::string kinds_text(const Rule& r) {
  if (r.kinds.empty()) return "any";
  std::string s;
  for (const auto& k : r.kinds) s += (s.empty() ? "" : ", ") + k;
  return s;
}

std::string explain_markdown(const Rule& r) {
  std::string out = fmt::format("**{}** ({}, applies to: {})\n\n", r.id, severity_name(r.severity), kinds_text(r));
  out += r.docs.summary.empty() ? fmt::format("This rule has no documentation. It reports: {}\n", r.message)
                                : trim_newlines(r.docs.summary) + "\n";
  auto section = [&](const char* title, const std::string& body) {
    if (!body.empty()) out += fmt::format("\n**{}**\n\n{}\n", title, trim_newlines(body));
  };
  auto example = [&](const char* title, const std::string& body) {
    if (body.empty()) return;
    std::string fence = code_fence_for(body);
    out += fmt::format("\n**{}**\n\n{}markdown\n{}\n{}\n", title, fence, trim_newlines(body), fence);
  };
  section("Why it matters", r.docs.why);
  example("Example that is flagged", r.docs.bad);
  example("Example that passes", r.docs.good);
  section("How to fix it", r.docs.fix);
  out += fmt::format("\nSilence it on one line with `<!-- lessonlint-disable-next-line {} reason=\"...\" -->`\n", r.id);
  return out;
}

}  // namespace lessonlint
