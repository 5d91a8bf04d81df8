#pragma once
// A rule's documentation as people read it: `lessonlint explain RULE` in a
// terminal, and the language server's hover in an editor.

#include <string>

#include "rules/rule.h"

namespace lessonlint {

// The kinds a rule applies to: "postmortem, template" or "any".
std::string kinds_text(const Rule& r);

// The rule's docs as Markdown: its id, severity and kinds, the summary, why it
// matters, the examples (as fenced Markdown), how to fix it and how to silence it.
std::string explain_markdown(const Rule& r);

}  // namespace lessonlint
