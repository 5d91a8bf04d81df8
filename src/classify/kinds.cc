#include "classify/kinds.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "util/edit_distance.h"
#include "util/text.h"
#include "util/yaml_util.h"

namespace lessonlint {

namespace {

struct SignalKey {
  const char* key;
  SignalType type;
};

constexpr SignalKey kSignalKeys[] = {
    {"section", SignalType::Section},        {"title", SignalType::Title},
    {"opening", SignalType::Opening},        {"lines", SignalType::Lines},
    {"text", SignalType::Text},              {"placeholders", SignalType::Placeholders},
    {"comments", SignalType::Comments},
    {"file-name", SignalType::FileName},     {"folder", SignalType::Folder},
    {"repository", SignalType::Repository},  {"field", SignalType::Field},
    {"index-page", SignalType::IndexPage},   {"empty-sections", SignalType::EmptySections},
};

constexpr struct {
  const char* name;
  KindRole role;
} kRoles[] = {{"postmortem", KindRole::Postmortem},
              {"learning-review", KindRole::LearningReview},
              {"template", KindRole::Template},
              {"other", KindRole::Other}};

bool valid_kind_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool counts_matches(SignalType t) {
  return t == SignalType::Lines || t == SignalType::Text || t == SignalType::Placeholders || t == SignalType::Comments;
}

bool takes_ratio(SignalType t) { return t == SignalType::IndexPage || t == SignalType::EmptySections; }

Expected<Signal> parse_signal(const YAML::Node& n, const std::string& file) {
  std::vector<std::string> keys = {"name", "weight", "min"};
  for (const auto& k : kSignalKeys) keys.emplace_back(k.key);
  if (auto e = check_keys(n, keys, file, "a signal")) return *e;
  Signal s;
  s.file = file;
  s.line = yaml_line(n);
  if (!n["name"]) return yaml_error(file, n, "a signal needs a `name` (what `lessonlint classify` shows)");
  auto name = yaml_string(n["name"], file, "name");
  if (!name) return name.error();
  s.name = *name;
  if (!n["weight"]) return yaml_error(file, n, fmt::format("signal '{}' needs a `weight` (a whole number, may be negative)", s.name));
  auto weight = yaml_int(n["weight"], file, "weight");
  if (!weight) return weight.error();
  if (*weight < -100 || *weight > 100) return yaml_error(file, n["weight"], "weight must be between -100 and 100");
  s.weight = static_cast<int>(*weight);
  const SignalKey* found = nullptr;
  for (const auto& k : kSignalKeys) {
    if (!n[k.key]) continue;
    if (found)
      return yaml_error(file, n[k.key], fmt::format("signal '{}' has both `{}` and `{}`: one matcher per signal", s.name,
                                                    found->key, k.key));
    found = &k;
  }
  if (!found) {
    std::string names;
    for (const auto& k : kSignalKeys) names += (names.empty() ? "" : ", ") + std::string(k.key);
    return yaml_error(file, n, fmt::format("signal '{}' needs a matcher: one of {}", s.name, names));
  }
  s.type = found->type;
  const YAML::Node& v = n[found->key];
  if (s.type == SignalType::Field) {
    auto field = yaml_string(v, file, "field");
    if (!field) return field.error();
    if (field->empty()) return yaml_error(file, v, "field must name a front matter key");
    s.field = *field;
  } else if (takes_ratio(s.type)) {
    double ratio = -1;
    if (v.IsScalar()) {
      try {
        std::size_t used = 0;
        ratio = std::stod(v.Scalar(), &used);
        if (used != v.Scalar().size()) ratio = -1;
      } catch (const std::exception&) {
        ratio = -1;
      }
    }
    if (!(ratio > 0 && ratio <= 1))
      return yaml_error(file, v, fmt::format("{} must be a share between 0 and 1 (0.5: half)", found->key));
    s.ratio = ratio;
  } else {
    auto re = compile_pattern(v, file, found->key);
    if (!re) return re.error();
    s.pattern = *re;
  }
  if (n["min"]) {
    if (!counts_matches(s.type))
      return yaml_error(file, n["min"], fmt::format("`min` applies to lines, text, placeholders and comments signals, not {}",
                                                    found->key));
    auto min = yaml_int(n["min"], file, "min");
    if (!min) return min.error();
    if (*min < 1) return yaml_error(file, n["min"], "min must be 1 or more");
    s.min = *min;
  }
  return s;
}

}  // namespace

std::string_view role_name(KindRole role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.name;
  return "other";
}

std::optional<KindRole> parse_role(std::string_view name) {
  for (const auto& r : kRoles)
    if (name == r.name) return r.role;
  return std::nullopt;
}

std::string_view signal_type_name(SignalType type) {
  for (const auto& k : kSignalKeys)
    if (k.type == type) return k.key;
  return "section";
}

std::string squash_type(std::string_view type) {
  std::string out;
  for (char c : type) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) out += l;
  }
  return out;
}

const KindDef* KindSet::find(std::string_view id) const {
  for (const auto& k : kinds)
    if (k.id == id) return &k;
  return nullptr;
}

const KindDef& KindSet::fallback() const {
  for (const auto& k : kinds)
    if (k.fallback) return k;
  static const KindDef other = [] {
    KindDef k;
    k.id = "other";
    k.fallback = true;
    return k;
  }();
  return other;
}

std::vector<std::string> KindSet::ids() const {
  std::vector<std::string> out;
  for (const auto& k : kinds) out.push_back(k.id);
  return out;
}

Expected<KindFile> parse_kind_file(const std::string& text, const std::string& file, bool builtin) {
  auto loaded = load_yaml(text, file);
  if (!loaded) return loaded.error();
  const YAML::Node& n = *loaded;
  if (!n.IsMap()) return yaml_error(file, n, "a kind file must be a mapping (id, role, types, threshold, signals, docs)");
  if (auto e = check_keys(n, {"id", "role", "extend", "types", "threshold", "requires", "template-of", "structure-min",
                              "fallback", "signals", "docs"},
                          file, "a kind file"))
    return *e;
  KindFile out;
  KindDef& k = out.kind;
  k.file = file;
  k.builtin = builtin;
  if (!n["id"]) return yaml_error(file, n, "a kind file needs `id`");
  k.line = yaml_line(n["id"]);
  auto id = yaml_string(n["id"], file, "id");
  if (!id) return id.error();
  if (!valid_kind_id(*id) || *id == "any")
    return yaml_error(file, n["id"], fmt::format("kind id '{}' must be lowercase kebab case (and not 'any')", *id));
  k.id = *id;
  if (n["extend"]) {
    auto e = yaml_bool(n["extend"], file, "extend");
    if (!e) return e.error();
    out.extends = *e;
  }
  if (n["role"]) {
    auto r = yaml_string(n["role"], file, "role");
    if (!r) return r.error();
    auto role = parse_role(*r);
    if (!role)
      return yaml_error(file, n["role"], fmt::format("role must be postmortem, learning-review, template or other{}",
                                                     did_you_mean(*r, {"postmortem", "learning-review", "template", "other"})));
    k.role = *role;
  } else if (!out.extends) {
    return yaml_error(file, n, "a kind file needs `role` (postmortem, learning-review, template or other: what the audit counts it as)");
  }
  if (n["types"]) {
    auto types = yaml_string_list(n["types"], file, "types");
    if (!types) return types.error();
    for (const auto& t : *types) {
      std::string s = squash_type(t);
      if (s.empty()) return yaml_error(file, n["types"], fmt::format("type '{}' has no letters or digits", t));
      k.types.push_back(s);
    }
  }
  if (n["threshold"]) {
    auto t = yaml_int(n["threshold"], file, "threshold");
    if (!t) return t.error();
    if (*t < 1 || *t > 1000) return yaml_error(file, n["threshold"], "threshold must be between 1 and 1000");
    k.threshold = static_cast<int>(*t);
    out.has_threshold = true;
  } else if (!out.extends && n["signals"]) {
    return yaml_error(file, n, "a kind with signals needs a `threshold` (the score that makes a document this kind)");
  }
  if (n["structure-min"]) {
    auto t = yaml_int(n["structure-min"], file, "structure-min");
    if (!t) return t.error();
    if (*t < 0) return yaml_error(file, n["structure-min"], "structure-min must be 0 or more");
    k.structure_min = static_cast<int>(*t);
  }
  for (auto [key, dest] : {std::pair{"requires", &k.required_signals}, std::pair{"template-of", &k.template_of}}) {
    if (!n[key]) continue;
    auto list = yaml_string_list(n[key], file, key);
    if (!list) return list.error();
    *dest = *list;
  }
  if (n["fallback"]) {
    auto f = yaml_bool(n["fallback"], file, "fallback");
    if (!f) return f.error();
    k.fallback = *f;
  }
  if (const YAML::Node& signals = n["signals"]) {
    if (!signals.IsSequence()) return yaml_error(file, signals, "signals must be a list");
    std::set<std::string> names;
    for (const auto& s : signals) {
      auto signal = parse_signal(s, file);
      if (!signal) return signal.error();
      if (!names.insert(signal->name).second)
        return yaml_error(file, s, fmt::format("signal '{}' is named twice", signal->name));
      k.signals.push_back(std::move(*signal));
    }
  }
  if (const YAML::Node& docs = n["docs"]) {
    if (auto e = check_keys(docs, {"summary", "why", "fix"}, file, "docs")) return *e;
    for (auto [key, dest] : {std::pair{"summary", &k.docs.summary}, std::pair{"why", &k.docs.why},
                             std::pair{"fix", &k.docs.fix}}) {
      if (!docs[key]) continue;
      auto v = yaml_string(docs[key], file, std::string("docs.") + key);
      if (!v) return v.error();
      *dest = *v;
    }
  }
  if (builtin && k.docs.summary.empty()) return yaml_error(file, n, "a built-in kind needs docs.summary");
  for (const auto& r : k.required_signals)
    if (std::none_of(k.signals.begin(), k.signals.end(), [&](const Signal& s) { return s.name == r; }) && !out.extends)
      return yaml_error(file, n["requires"], fmt::format("requires names '{}', which is not one of this kind's signals", r));
  return out;
}

std::optional<Error> merge_kind(KindSet& set, KindFile file) {
  KindDef& in = file.kind;
  auto it = std::find_if(set.kinds.begin(), set.kinds.end(), [&](const KindDef& k) { return k.id == in.id; });
  if (!file.extends) {
    if (it != set.kinds.end()) *it = std::move(in);
    else set.kinds.push_back(std::move(in));
    return std::nullopt;
  }
  if (it == set.kinds.end()) {
    Error e;
    e.file = in.file;
    e.line = in.line;
    e.message = fmt::format("`extend: true` names kind '{}', which is not loaded{}", in.id, did_you_mean(in.id, set.ids()));
    return e;
  }
  KindDef& base = *it;
  for (auto& t : in.types)
    if (std::find(base.types.begin(), base.types.end(), t) == base.types.end()) base.types.push_back(t);
  for (auto& s : in.signals) {
    auto same = std::find_if(base.signals.begin(), base.signals.end(), [&](const Signal& b) { return b.name == s.name; });
    if (same != base.signals.end()) *same = std::move(s);  // a signal of the same name is replaced
    else base.signals.push_back(std::move(s));
  }
  if (!in.required_signals.empty()) base.required_signals.insert(base.required_signals.end(), in.required_signals.begin(), in.required_signals.end());
  if (file.has_threshold) base.threshold = in.threshold;
  if (!in.docs.summary.empty()) base.docs = in.docs;
  return std::nullopt;
}

std::optional<Error> check_kinds(const KindSet& set) {
  auto error_at = [](const KindDef& k, std::string message) {
    Error e;
    e.file = k.file;
    e.line = k.line;
    e.message = std::move(message);
    return e;
  };
  int fallbacks = 0;
  for (const auto& k : set.kinds) fallbacks += k.fallback ? 1 : 0;
  if (fallbacks != 1) {
    Error e;
    e.message = fmt::format("the kinds must have exactly one `fallback: true` kind (the kind of a document no other "
                            "kind claims); they have {}",
                            fallbacks);
    for (const auto& k : set.kinds)
      if (k.fallback && !k.builtin) return error_at(k, e.message);
    return e;
  }
  std::set<std::string> types_seen;
  for (const auto& k : set.kinds) {
    for (const auto& r : k.required_signals)
      if (std::none_of(k.signals.begin(), k.signals.end(), [&](const Signal& s) { return s.name == r; }))
        return error_at(k, fmt::format("kind '{}' requires signal '{}', which it does not have", k.id, r));
    for (const auto& t : k.template_of) {
      if (!set.find(t))
        return error_at(k, fmt::format("kind '{}': template-of names kind '{}', which is not loaded{}", k.id, t,
                                       did_you_mean(t, set.ids())));
      if (t == k.id) return error_at(k, fmt::format("kind '{}' cannot be a template of itself", k.id));
    }
  }
  return std::nullopt;
}

}  // namespace lessonlint
