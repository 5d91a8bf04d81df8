#pragma once
// `lessonlint classify`: each file's kind and the evidence for it.

#include <ostream>
#include <string>
#include <vector>

#include "classify/classify.h"

namespace lessonlint {

struct ClassifiedFile {
  std::string path;  // as shown to the user
  Classification classification;
};

// "path: kind (reason)", one line a file.
void write_classification_text(std::ostream& out, const std::vector<ClassifiedFile>& files);
// A JSON array: path, kind, role, template_of, confidence, reason, the score
// of every kind and every piece of evidence.
void write_classification_json(std::ostream& out, const std::vector<ClassifiedFile>& files);

}  // namespace lessonlint
