#pragma once
// The fixes the language server offers on a finding, as edits of the
// document's text: silence the rule where it fired (a comment Markdown and
// lessonlint both read correctly there), or add what the rule asks for.

#include <string>
#include <vector>

#include "document/document.h"
#include "engine/finding.h"
#include "server/text_edit.h"

namespace lessonlint {

struct PlannedEdit {
  TextPosition start, end;  // end == start: an insertion
  std::string text;
};

struct PlannedAction {
  std::string title;
  std::string kind;  // an LSP CodeActionKind: "quickfix"
  bool preferred = false;
  std::vector<PlannedEdit> edits;
};

// The actions for one finding of `doc` (the text the finding was made on):
// always one that silences the rule for the finding's line; for the
// learning-review question rules, one that adds the question.
std::vector<PlannedAction> actions_for(const Document& doc, const Finding& f);

// The comment that silences `rule` for the finding's line, placed where it
// changes nothing else: above a heading or paragraph (inside a block quote,
// quoted too); above a list item, indented into the item before it, so the
// list stays one list; at the end of the line before, inside a paragraph (a
// line break there would split it); as a `#` line inside front matter, where
// an HTML comment would be YAML; and around a code block, which a comment
// inside would become part of.
PlannedAction disable_action(const Document& doc, const Finding& f);

}  // namespace lessonlint
