// phrase: a pattern in a scope, one finding per match, unless a qualifier
// matches in the same sentence or list item.
#include <fmt/format.h>

#include "document/sentences.h"
#include "rules/checks/registry.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

class PhraseCheck final : public Check {
 public:
  Pattern pattern, unless;
  Scope scope;

  void run(const Document& doc, const CheckEnv& env, const Rule& rule, std::vector<RawFinding>& out) const override {
    for (const auto& region : regions(doc, env)) scan(doc, region, rule, out);
  }

  std::vector<const RE2*> section_patterns() const override {
    if (scope.section) return {scope.section.get()};
    return {};
  }

 private:
  struct Region {
    Span span;
    bool whole_unit;  // a list item or a field value: the qualifier may be anywhere in it
  };

  std::vector<Region> regions(const Document& doc, const CheckEnv& env) const {
    std::vector<Region> out;
    if (!scope.field.empty())
      for (Span s : field_value_spans(doc, scope.field)) out.push_back({s, true});
    std::vector<int> sections;
    if (scope.section) sections = sections_matching(doc, *scope.section, env.headings);
    if (out.empty() && sections.empty() && scope.otherwise) {
      // Neither the section nor the field: the sentences of the body that
      // read as one ("Everyone should read this.").
      for (const auto& b : doc.blocks) {
        if (b.kind != BlockKind::Paragraph || b.in_quote) continue;
        std::string_view t = doc.slice(b.span);
        for (const auto& [begin, end] : sentence_ranges(t))
          if (RE2::PartialMatch(re2::StringPiece(t.data() + begin, end - begin), *scope.otherwise))
            out.push_back({{b.span.begin + begin, b.span.begin + end}, true});
      }
      return out;
    }
    if (scope.whole_document() || scope.section) {
      for (const auto& b : doc.blocks) {
        if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::Heading) continue;
        if (scope.section) {
          bool inside = false;
          for (int s : sections) inside = inside || section_within(doc, b.section, s);
          // The scope's own heading is not part of the scope.
          if (!inside || (b.kind == BlockKind::Heading && doc.sections[static_cast<std::size_t>(b.section)].line == b.line &&
                          std::find(sections.begin(), sections.end(), b.section) != sections.end()))
            continue;
        }
        out.push_back({b.span, b.in_list_item});
      }
    }
    return out;
  }

  void scan(const Document& doc, const Region& region, const Rule& rule, std::vector<RawFinding>& out) const {
    std::string_view text = doc.slice(region.span);
    std::string_view piece;
    std::size_t pos = 0, next = 0;
    while (find_next(*pattern, text, pos, piece, next)) {
      pos = next;
      auto begin = static_cast<std::size_t>(piece.data() - text.data());
      auto end = begin + piece.size();
      if (unless) {
        std::string_view unit = region.whole_unit ? text : sentence_around(text, begin, end);
        if (RE2::PartialMatch(re2::StringPiece(unit.data(), unit.size()), *unless)) continue;
      }
      RawFinding f;
      f.span = {region.span.begin + begin, region.span.begin + end};
      f.message = expand_message(rule.message, {{"match", std::string(piece)}});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

Expected<std::unique_ptr<Check>> parse_phrase(const YAML::Node& n, const std::string& file) {
  if (auto e = check_keys(n, {"type", "when", "pattern", "unless", "scope"}, file, "a phrase check")) return *e;
  auto c = std::make_unique<PhraseCheck>();
  if (!n["pattern"]) return yaml_error(file, n, "a phrase check needs a pattern");
  auto p = compile_pattern(n["pattern"], file, "pattern");
  if (!p) return p.error();
  c->pattern = *p;
  if (n["unless"]) {
    auto u = compile_pattern(n["unless"], file, "unless");
    if (!u) return u.error();
    c->unless = *u;
  }
  auto scope = parse_scope(n["scope"], file);
  if (!scope) return scope.error();
  c->scope = *scope;
  return std::unique_ptr<Check>(std::move(c));
}

}  // namespace lessonlint
