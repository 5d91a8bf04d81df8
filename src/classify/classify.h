#pragma once
// Decides whether a document is a postmortem, a learning review or something
// else, and records why. Precedence: front matter `type:`, configured kind
// globs, path conventions, then the H1 title.

#include <string>
#include <vector>

#include "document/document.h"
#include "rules/kind.h"

namespace lessonlint {

struct KindGlobs {
  Kind kind;
  std::vector<std::string> globs;
};

struct Classification {
  Kind kind = Kind::Other;
  std::string reason;
};

// `path` is the document's path relative to the repository (or walk) root.
Classification classify(const Document& doc, const std::string& path, const std::vector<KindGlobs>& globs);

// The same decision where it needs no Markdown parse: front matter `type:`,
// kind globs and path conventions. nullopt when only the title can tell, so a
// caller that only wants the kind (of a linked file, say) can skip the parse.
std::optional<Classification> classify_without_title(const FrontMatter& fm, const std::string& path,
                                                     const std::vector<KindGlobs>& globs);

// The kind a front matter `type:` value names, if it names one.
std::optional<Kind> kind_from_type(const std::string& type);

}  // namespace lessonlint
